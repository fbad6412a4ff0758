"""The report's data-quality list: the youths it counts in a "not recorded" row."""

from carnet.youths.models import Youth

from .report import DataGap
from .rules.youth_tables import GapYouth


def data_gaps(*, gaps: list[GapYouth]) -> tuple[DataGap, ...]:
    """The youths of the report with a value missing (``rules.read_youths``), by name, each
    with what it lacks."""
    listed = [
        DataGap(
            youth_id=gap.pk,
            display_name=Youth.name_from(gap.first_name, gap.nickname, gap.code),
            missing=gap.missing,
        )
        for gap in gaps
    ]
    return tuple(sorted(listed, key=lambda gap: (gap.display_name.casefold(), gap.youth_id)))
