"""The URLs the benchmark reads, shared by the query count (inside Django) and the locustfile (outside).

Kept free of Django imports: locust loads this module without Django's settings.
"""

from urllib.parse import urlencode

LOGIN = "/connexion/"
YOUTH_LIST = "youth list"
YOUTH_SEARCH = "youth list, search"
YOUTH_PAGE = "youth page"
REPORT_PAGE = "report page"
HOME = "home"
AGENDA = "agenda week"
PAGES = (YOUTH_LIST, YOUTH_SEARCH, YOUTH_PAGE, REPORT_PAGE, HOME, AGENDA)
ORGANISATION_YEAR = "organisation report, one year"
ORGANISATION_ALL_YEARS = "organisation report, all years"
ORGANISATION_PAGES = (ORGANISATION_YEAR, ORGANISATION_ALL_YEARS)
# The scope form's choice of "all the teams" of an organisation: ScopeForm's ORGANISATION_PREFIX
# and the organisation's pk (the probe checks that the page answers with that report).
ORGANISATION_CHOICE = "org-{pk}"
# The list's search field asks for the results fragment with htmx as the user types.
HTMX = {"HX-Request": "true"}


def youth_list() -> str:
    return "/jeunes/"


def youth_search(term: str) -> str:
    return f"/jeunes/?{urlencode({'q': term})}"


def youth_page(youth_id: int) -> str:
    return f"/jeunes/{youth_id}/"


def report_page(team_id: int, year: int) -> str:
    """The whole-team report of one calendar year, as the report page's scope form asks for it."""
    return f"/bilans/?{urlencode({'team': team_id, 'start': f'{year}-01-01', 'end': f'{year}-12-31'})}"


def organisation_report_page(organisation_id: int, first_year: int, last_year: int) -> str:
    """The report of every team of the organisation, 1 January of the first year to 31 December
    of the last, as the report page's scope form asks for it for a director."""
    team = ORGANISATION_CHOICE.format(pk=organisation_id)
    period = {"start": f"{first_year}-01-01", "end": f"{last_year}-12-31"}
    return f"/bilans/?{urlencode({'team': team, **period})}"


def home() -> str:
    return "/"


def agenda_week() -> str:
    return "/agenda/"
