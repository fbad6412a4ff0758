"""The counting rules of the bilan d'activité, written once.

Each rule is a function whose docstring states it in plain words (the same
rules, in French, for team leaders: docs/counting-rules.md). Rules are built on
querysets: the record set of a scope (``youths_in_report``,
``interventions_in_report``...) gives both the figures (a GROUP BY in the
database) and, through ``members``, the records behind each figure.

    R1       youths_in_report
    R2–R7    youth_groups (the youths by their five keys, which the youth tables sum)
    R2       count_youths_by_modality
    R3, R4   count_youths_by_age_and_sex, age_on
    R5       count_youths_by_sex
    R6       count_youths_by_origin_and_sex
    R7       count_youths_by_situation_and_sex
    R8       count_interventions_by_domain
    R9       count_actions_by_category, count_actions_by_type
    R10      count_local_development_actions_by_role
    R11      count_general_action
    R12      count_presence_by_kind
    R13      count_meetings_by_kind
    R14      partners_mobilised
    R15      collective_actions_list
    R16      youths_with_paei_review, count_goals_by_domain_and_outcome
    R17      diagnostics_in_report, count_diagnostics_by_quartier
    quality  read_youths (the groups and the youths lacking a key), missing_data
    rounding percent, average, hours
"""

from . import keys
from .activity import (
    collective_actions_list,
    count_actions_by_category,
    count_actions_by_type,
    count_general_action,
    count_interventions_by_domain,
    count_local_development_actions_by_role,
    count_meetings_by_kind,
    count_presence_by_kind,
    local_development_actions,
    partners_mobilised,
)
from .arithmetic import average, divide_half_up, hours, percent
from .drilldown import members
from .paei import count_goals_by_domain_and_outcome, goals_reviewed, youths_with_paei_review
from .records import (
    actions_in_report,
    interventions_in_report,
    meetings_in_report,
    presence_sessions_in_report,
    youths_of_scope,
)
from .territory import count_diagnostics_by_quartier, diagnostics_in_report
from .youth_tables import (
    count_youths_by_age_and_sex,
    count_youths_by_modality,
    count_youths_by_origin_and_sex,
    count_youths_by_sex,
    count_youths_by_situation_and_sex,
    missing_data,
    read_youths,
    youth_groups,
)
from .youths import age_on, youths_in_report

__all__ = [
    "actions_in_report",
    "age_on",
    "average",
    "collective_actions_list",
    "count_actions_by_category",
    "count_actions_by_type",
    "count_diagnostics_by_quartier",
    "count_general_action",
    "count_goals_by_domain_and_outcome",
    "count_interventions_by_domain",
    "count_local_development_actions_by_role",
    "count_meetings_by_kind",
    "count_presence_by_kind",
    "count_youths_by_age_and_sex",
    "count_youths_by_modality",
    "count_youths_by_origin_and_sex",
    "count_youths_by_sex",
    "count_youths_by_situation_and_sex",
    "diagnostics_in_report",
    "divide_half_up",
    "goals_reviewed",
    "hours",
    "interventions_in_report",
    "keys",
    "local_development_actions",
    "meetings_in_report",
    "members",
    "missing_data",
    "partners_mobilised",
    "percent",
    "presence_sessions_in_report",
    "read_youths",
    "youth_groups",
    "youths_in_report",
    "youths_of_scope",
    "youths_with_paei_review",
]
