"""The pages benchmark writes only its own section of bench/results.md, and in it its own database."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "pages"))

import results

OTHER_SECTIONS = "# Report benchmark\n\nIntro.\n\n## SQLite\n\nReport figures.\n\n## PostgreSQL\n\nMore.\n"


def test_the_section_is_added_at_the_end_and_the_other_sections_are_kept(tmp_path):
    path = tmp_path / "results.md"
    path.write_text(OTHER_SECTIONS)

    results.write_part(path, "SQLite", "### SQLite\n\nPages figures.\n")

    text = path.read_text()
    assert text.startswith(OTHER_SECTIONS)
    assert text.index(results.HEADING) > text.index("## PostgreSQL")
    assert "Pages figures." in text


def test_a_run_replaces_its_database_part_and_keeps_the_other_database(tmp_path):
    path = tmp_path / "results.md"
    path.write_text(OTHER_SECTIONS)
    results.write_part(path, "PostgreSQL", "### PostgreSQL\n\nFirst PostgreSQL run.\n")
    results.write_part(path, "SQLite", "### SQLite\n\nFirst SQLite run.\n")

    results.write_part(path, "SQLite", "### SQLite\n\nSecond SQLite run.\n")

    text = path.read_text()
    assert "First SQLite run." not in text
    assert text.index("Second SQLite run.") < text.index("First PostgreSQL run.")
    assert text.count(results.HEADING) == 1
    assert text.startswith(OTHER_SECTIONS)


def test_a_section_followed_by_another_is_replaced_in_place(tmp_path):
    path = tmp_path / "results.md"
    path.write_text(OTHER_SECTIONS)
    results.write_part(path, "SQLite", "### SQLite\n\nOld.\n")
    path.write_text(path.read_text() + "\n## Later section\n\nKept.\n")

    results.write_part(path, "SQLite", "### SQLite\n\nNew.\n")

    text = path.read_text()
    assert "Old." not in text
    assert text.index("New.") < text.index("## Later section")
    assert text.endswith("## Later section\n\nKept.\n")


LOCUST_HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n"
)


def test_a_page_no_user_reached_in_a_short_run_reads_as_no_request(tmp_path):
    (tmp_path / "run_stats.csv").write_text(
        LOCUST_HEADER
        + "GET,agenda week,1,0,130,134,134,134,900,7.4,0.0,130,130,130,130,130,130,130,130,130,130,130\n"
        + ",Aggregated,1,0,130,134,134,134,900,7.4,0.0,130,130,130,130,130,130,130,130,130,130,130\n"
    )

    stats = results.read_stats(tmp_path / "run")

    assert stats["agenda week"].requests == 1
    assert stats["youth list"].requests == 0
    assert results.read_total(tmp_path / "run").p95 == 130
