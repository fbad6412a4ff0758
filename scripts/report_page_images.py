#!/usr/bin/env python3
"""Small page images of the demo's bilan, for every built-in model and format.

    .venv/bin/python scripts/report_page_images.py [docs/report-examples] [--resolution 45]

Loads the demo into a throw-away SQLite database, writes the seed's bilan
(Montigny-en-Gohelle, 9 May – 31 December 2023) with each built-in model through
``bin/carnet report`` as PDF, DOCX and ODT, converts the office documents with
LibreOffice headless as a reader's Word or Writer would print them, and keeps the
first pages of each as small PNGs (pdftoppm). Needs poppler-utils and LibreOffice
(libreoffice-writer-nogui).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
MODELS = ("carnet", "anct", "departement", "commune")
FORMATS = ("pdf", "docx", "odt")
PAGES = 2  # the cover and the first tables: what a reader judges a document by
RESOLUTION = 45  # dots per inch: a page of about 370 × 530 pixels


def run(argv: list, env: dict) -> None:
    subprocess.run([str(part) for part in argv], check=True, env=env, cwd=ROOT, timeout=600)


def to_pdf(source: Path, profile: Path, env: dict) -> Path:
    """LibreOffice's print of an office document (a fresh profile: no user's settings)."""
    run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            source.parent / "office",
            source,
        ],
        env,
    )
    return source.parent / "office" / f"{source.stem}.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", type=Path, default=ROOT / "docs" / "report-examples")
    parser.add_argument("--resolution", type=int, default=RESOLUTION, help="dots per inch")
    arguments = parser.parse_args()
    target = arguments.target
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"report_page_images: {tool} is needed (LibreOffice, poppler-utils)")
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{work / 'demo.sqlite3'}"}
        run([PYTHON, "manage.py", "migrate", "--verbosity", "0"], env)
        run([PYTHON, "manage.py", "load_demo"], env)
        for model in MODELS:
            for fmt in FORMATS:
                document = work / f"{model}-{fmt}.{fmt}"
                run(
                    [
                        PYTHON,
                        "manage.py",
                        "report",
                        "--team",
                        "EMPS Montigny-en-Gohelle",
                        "--commune",
                        "Montigny-en-Gohelle",
                        "--from",
                        "2023-05-09",
                        "--to",
                        "2023-12-31",
                        "--model",
                        model,
                        "--format",
                        fmt,
                        "-o",
                        document,
                    ],
                    env,
                )
                pdf = document if fmt == "pdf" else to_pdf(document, work / "profile", env)
                for page in range(1, PAGES + 1):
                    image = target / f"{model}-{fmt}-{page}"
                    pages = ["-r", arguments.resolution, "-f", page, "-l", page]
                    run(["pdftoppm", "-png", "-singlefile", *pages, pdf, image], env)
    for image in sorted(target.glob("*.png")):
        print(f"{image}  {image.stat().st_size // 1024} Kio")


if __name__ == "__main__":
    main()
