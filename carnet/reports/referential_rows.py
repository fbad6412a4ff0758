"""The rows of the report's tables that come from the organisation's referentials.

All the referentials a report lists are read in one query (UNION ALL), each in
its own order, that of the screens where the association edits them.
"""

from django.db.models import ExpressionWrapper, F, IntegerField, Model, Value

from carnet.referentials.models import (
    ActionType,
    AgeBracket,
    Domain,
    MeetingKind,
    Modality,
    Origin,
    PresenceKind,
    Situation,
)

from .scope import ReportScope

# The referentials the tables list, each in its own order (that of the editing screens).
REFERENTIALS: dict[type[Model], str] = {
    Modality: "-rank",
    AgeBracket: "min_age",
    Origin: "position",
    Situation: "position",
    Domain: "position",
    ActionType: "position",
    PresenceKind: "position",
    MeetingKind: "position",
}
Referentials = dict[type[Model], list[tuple[str, str, bool]]]


def load_referentials(*, scope: ReportScope) -> Referentials:
    """Every referential's (code, label, in use) in order, read in one query (UNION ALL)."""
    models = list(REFERENTIALS)
    parts = []
    for index, (model, order) in enumerate(REFERENTIALS.items()):
        rank = -F(order[1:]) if order.startswith("-") else F(order)
        parts.append(
            model.objects.filter(organisation=scope.organisation_id)
            .order_by()
            .values_list(
                Value(index, output_field=IntegerField()),
                ExpressionWrapper(rank, output_field=IntegerField()),
                "label",
                "code",
                "is_active",
            )
        )
    found: Referentials = {model: [] for model in models}
    for index, _rank, label, code, active in sorted(parts[0].union(*parts[1:], all=True)):
        found[models[index]].append((code, label, active))
    return found


def referential_rows(values: Referentials, model: type[Model], used: set[str]) -> list[tuple[str, str]]:
    """(code, label) of the organisation's values in order: the active ones, and retired
    ones still used by records of the period."""
    return [(code, label) for code, label, active in values[model] if active or code in used]
