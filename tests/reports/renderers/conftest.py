"""Reports to render, and LibreOffice to convert office documents to PDF."""

import shutil
import subprocess

import pytest

from .sample import sample_report


@pytest.fixture
def report():
    return sample_report()


@pytest.fixture
def compared_report():
    return sample_report(compared=True)


@pytest.fixture(scope="session")
def to_pdf_text(tmp_path_factory):
    """Convert a document with LibreOffice headless, and give the PDF's text (pdftotext)."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (libreoffice-writer-nogui) and poppler-utils are needed")
    # A fresh profile: a user's LibreOffice, or another test run, never gets in the way.
    profile = tmp_path_factory.mktemp("libreoffice-profile")

    def convert(content: bytes, suffix: str) -> str:
        folder = tmp_path_factory.mktemp("office")
        source = folder / f"bilan.{suffix}"
        source.write_bytes(content)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        pdf = folder / "bilan.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {source.name}"
        return subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
        ).stdout

    return convert
