"""Keys of tables, rows and columns: the coordinates of a cell for drill-down.

Rows of referential values are keyed by the value's code ("12-15", "scolarise");
fixed rows start with "~", which a referential code (a slug) cannot contain.
Sex columns are keyed by the recorded value ("H", "F", "NB").
"""

# Tables
MODALITY = "modality"
AGE = "age"
SEX = "sex"
ORIGIN = "origin"
SITUATION = "situation"
DOMAINS = "domains"
ACTION_CATEGORIES = "action_categories"
ACTION_TYPES = "action_types"
DSL = "dsl"
GENERAL_ACTION = "general_action"
PRESENCE = "presence"
MEETINGS = "meetings"
PAEI_GOALS = "paei_goals"
DIAGNOSTICS = "diagnostics"  # rows keyed by the quartier's commune and name, as a slug

YOUTH_TABLES = (MODALITY, AGE, SEX, ORIGIN, SITUATION)

# Fixed rows (also the "sex not recorded" column)
NOT_RECORDED = "~non-renseigne"
OUTSIDE_BRACKETS = "~hors-tranches"
TOTAL = "~total"

# Rows of the general-action table; YOUTHS_MET are the youths of the report (R1),
# not the head counts of presence sessions (column MET).
YOUTHS_MET = "youths"
YOUTHS_IN_CONTACT = "youths_in_contact"
COMMUNE_EVENTS = "commune_events"
AFTER_NEEDS_STUDY = "after_needs_study"
PAEI_REVIEWED = "paei_reviewed"

# Columns
YOUTHS = "youths"
PERCENT = "percent"
AVERAGE_AGE = "average_age"
INTERVENTIONS = "interventions"
ACTIONS = "actions"
DAYS = "days"
SESSIONS = "sessions"
HOURS = "hours"
MET = "youths_met"
MEETING_COUNT = "meetings"
COUNT = "count"
GOALS = "goals"  # total column of PAEI_GOALS; the others are GoalProgress values
