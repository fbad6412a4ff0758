"""The external version masks small counts and whatever would give them back, with one mark."""

from carnet.reports.disclosure import external_plan, external_version
from carnet.reports.rules import keys
from tests.reports.attacker import audit, publication_from_report
from tests.reports.disclosure_tables import NR, Youth, report_of


def _youths(*specs: tuple[int, str, str, str, str, str]) -> list[Youth]:
    """(how many, modality, age, sex, origin, situation)."""
    return [Youth(*spec[1:]) for spec in specs for _each in range(spec[0])]


BASE = (
    (20, "paei", "12-15", "H", "presence-sociale", "scolarise"),
    (14, "accroche", "12-15", "F", "presence-sociale", "scolarise"),
    (9, "asep", "16-17", "H", "tiers", "formation"),
    (8, "asep", "16-17", "F", "tiers", "rupture"),
)


def _masked(report, table: str) -> set[tuple[str, str]]:
    return {
        (row.key, cell.key.column)
        for row in report.table(table).all_rows
        for cell in row.cells
        if cell.hidden
    }


def test_counts_of_one_or_two_youths_are_masked_and_zeros_stay_visible():
    youths = _youths(*BASE, (1, "paei", "18-20", "NB", "partenaire", "emploi"))
    external = external_version(report_of(youths), threshold=3)
    assert {("18-20", keys.YOUTHS), ("18-20", "NB")} <= _masked(external, keys.AGE)
    assert external.table(keys.AGE).value("6-9", keys.YOUTHS) == 0
    assert not external.table(keys.AGE).cell("6-9", "F").hidden


def test_percentage_of_a_masked_count_is_masked_with_it():
    external = external_version(
        report_of(_youths(*BASE, (2, "paei", "21-24", "H", "tiers", "emploi"))), threshold=3
    )
    assert ("21-24", keys.PERCENT) in _masked(external, keys.AGE)


def test_masked_cells_whose_sum_is_below_the_threshold_are_not_left_alone():
    # The case: the girls of two age brackets, 1 each, in a column whose total is visible.
    youths = _youths(
        *BASE, (1, "paei", "6-9", "F", "tiers", "scolarise"), (1, "paei", "18-20", "F", "tiers", "emploi")
    )
    internal = report_of(youths)
    findings = audit(
        [publication_from_report(external_version(internal, threshold=3), internal)], threshold=3
    )
    small = [finding for finding in findings if 0 < finding.value < 3]
    assert small and all(finding.high >= 3 and finding.high - finding.low >= 2 for finding in small)


def test_youths_without_modality_hide_the_youths_in_contact_everywhere():
    external = external_version(
        report_of(_youths(*BASE, (1, NR, "12-15", "H", "tiers", "scolarise"))), threshold=3
    )
    assert external.table(keys.GENERAL_ACTION).cell(keys.YOUTHS_IN_CONTACT, keys.COUNT).hidden
    assert external.youths_in_contact is None
    assert external.youths == 52


def test_a_figure_printed_in_several_tables_is_masked_in_all_of_them():
    external = external_version(
        report_of(_youths(*BASE, (1, "paei", "12-15", "NB", "tiers", "scolarise"))), threshold=3
    )
    shown = [
        external.table(keys.SEX).cell("NB", keys.YOUTHS),
        *(external.table(table).total.cell("NB") for table in (keys.AGE, keys.ORIGIN, keys.SITUATION)),
    ]
    assert all(cell.hidden for cell in shown)


def test_the_interventions_of_a_domain_with_few_youths_are_masked_too():
    youths = _youths(*BASE)
    youths[0] = Youth(*BASE[0][1:], domains=(("justice", 4),))
    youths[1] = Youth(*BASE[1][1:], domains=(("sante", 6),))
    youths[2] = Youth(*BASE[2][1:], domains=(("sante", 5), ("comportement", 3)))
    external = external_version(report_of(youths), threshold=3)
    assert {("justice", keys.YOUTHS), ("justice", keys.INTERVENTIONS)} <= _masked(external, keys.DOMAINS)


def test_the_plan_tells_the_team_leader_how_many_figures_protect_others():
    youths = _youths(*BASE, (1, "paei", "18-20", "NB", "partenaire", "emploi"))
    plan = external_plan(report_of(youths), threshold=3)
    assert plan.masked == len(plan.figures) > plan.for_others > 0
    assert all(figure.value is not None for figure in plan.figures)
    assert plan.report.disclosure.masked == plan.masked


def test_a_report_without_small_counts_masks_nothing():
    external = external_version(report_of(_youths(*BASE)), threshold=3)
    assert not any(cell.hidden for cell in external.cells())


def test_external_version_drops_the_list_of_youths_with_missing_data():
    assert external_version(report_of(_youths(*BASE)), threshold=3).data_gaps == ()
