"""Whatever the youths, the attacker's audit finds no masked figure pinned down.

Generated teams are small, with many counts of 1 or 2 and rows of zeros: the hardest
tables to protect. The attacker (tests/reports/attacker.py) is independent of the
suppression code.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carnet.reports.disclosure import external_version
from carnet.reports.rules import keys
from tests.reports.attacker import audit, publication_from_report
from tests.reports.disclosure_tables import (
    AGES,
    DOMAINS,
    MODALITIES,
    NR,
    ORIGINS,
    SEXES,
    SITUATIONS,
    Youth,
    report_of,
    scope_named,
)

THRESHOLD = 3
# Each example solves a few hundred small integer programs: few examples, hard ones.
PROPERTIES = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])

youths = st.builds(
    Youth,
    modality=st.sampled_from((*MODALITIES, NR)),
    age=st.sampled_from((*AGES, NR)),
    sex=st.sampled_from(SEXES),
    origin=st.sampled_from((*ORIGINS, NR)),
    situation=st.sampled_from((*SITUATIONS, NR)),
    commune=st.sampled_from(("A", "B", None)),
    domains=st.lists(
        st.tuples(st.sampled_from(DOMAINS), st.integers(1, 4)), max_size=2, unique_by=lambda pair: pair[0]
    ).map(tuple),
)
teams = st.lists(youths, min_size=1, max_size=24)


def small_cells(report) -> set[tuple[str, str, str]]:
    return {
        (table.key, row.key, cell.key.column)
        for table in report.tables
        if table.key in (*keys.YOUTH_TABLES, keys.DOMAINS)
        for row in table.all_rows
        for cell in row.cells
        if cell.key.column not in (keys.PERCENT, keys.AVERAGE_AGE, keys.INTERVENTIONS)
        and isinstance(cell.value, int)
        and 0 < cell.value < THRESHOLD
    }


def masked_cells(report) -> set[tuple[str, str, str]]:
    return {
        (table.key, row.key, cell.key.column)
        for table in report.tables
        for row in table.all_rows
        for cell in row.cells
        if cell.hidden
    }


@PROPERTIES
@given(teams)
def test_every_count_of_one_or_two_youths_is_masked_and_no_masked_figure_is_pinned_down(team):
    internal = report_of(team, scope=scope_named("Équipe", None))
    external = external_version(internal, threshold=THRESHOLD)
    assert small_cells(internal) <= masked_cells(external)
    findings = audit([publication_from_report(external, internal)], threshold=THRESHOLD)
    assert [finding for finding in findings if not finding.protected] == []


@settings(PROPERTIES, max_examples=5)
@given(teams, st.permutations(["Équipe", "A", "B"]))
def test_reports_issued_one_after_the_other_at_three_scopes_are_protected_as_a_set(team, order):
    internals = {
        "Équipe": report_of(team, scope=scope_named("Équipe", None)),
        **{
            commune: report_of(
                [youth for youth in team if youth.commune == commune], scope=scope_named(commune, commune)
            )
            for commune in ("A", "B")
        },
    }
    issued = []
    for name in order:
        issued.append(external_version(internals[name], threshold=THRESHOLD, issued=issued))
    publications = [
        publication_from_report(external, internals[name])
        for external, name in zip(issued, order, strict=True)
    ]
    findings = audit(publications, threshold=THRESHOLD)
    assert [finding for finding in findings if not finding.protected] == []


def test_a_zero_the_team_already_printed_is_printed_in_its_communes_not_masked():
    """Found by the property above: one youth without a modality in commune A. The team's
    report, issued first, prints 0 youths in contact; A's and B's can only be 0 too, so a mark
    « s » there would be a range of one value."""
    team = [
        Youth(
            modality=NR,
            age=AGES[0],
            sex="H",
            origin=ORIGINS[0],
            situation=SITUATIONS[0],
            commune="A",
            domains=(),
        )
    ]
    internals = {
        "Équipe": report_of(team, scope=scope_named("Équipe", None)),
        "A": report_of(team, scope=scope_named("A", "A")),
        "B": report_of([], scope=scope_named("B", "B")),
    }
    issued = []
    for name in ("Équipe", "A", "B"):
        issued.append(external_version(internals[name], threshold=THRESHOLD, issued=issued))
    publications = [
        publication_from_report(external, internals[name])
        for external, name in zip(issued, ("Équipe", "A", "B"), strict=True)
    ]

    assert [finding for finding in audit(publications, threshold=THRESHOLD) if not finding.protected] == []
    for external in issued:
        cell = next(
            cell
            for row in external.table(keys.GENERAL_ACTION).all_rows
            for cell in row.cells
            if row.key == "youths_in_contact"
        )
        assert (cell.value, cell.hidden) == (0, False)
