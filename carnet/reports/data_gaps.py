"""The report's data-quality list: the youths it counts in a "not recorded" row."""

from carnet.youths.models import Youth

from . import rules
from .report import DataGap
from .scope import ReportScope


def data_gaps(*, scope: ReportScope) -> tuple[DataGap, ...]:
    """The youths of the report with a value missing, by name, each with what it lacks."""
    # Read as values: an organisation's list runs to thousands of youths, and a model
    # instance each (every column, then its name) cost more than the query.
    youths = rules.youths_missing_data(scope=scope).values_list(*GAP_FIELDS, named=True)
    gaps = [
        DataGap(
            youth_id=youth.pk,
            display_name=Youth.name_from(youth.first_name, youth.nickname, youth.code),
            missing=rules.missing_data(youth),
        )
        for youth in youths
    ]
    return tuple(sorted(gaps, key=lambda gap: (gap.display_name.casefold(), gap.youth_id)))


GAP_FIELDS = (
    "pk",
    "first_name",
    "nickname",
    "code",
    "modality_rank",
    "sex",
    "age",
    "origin_id",
    "situation_id",
)
