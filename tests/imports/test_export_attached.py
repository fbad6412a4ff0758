"""A team with every kind of record it keeps leaves in its export and comes back whole.

The team is built with factories (youths, situations, accompaniments with their PAEI goals
and reviews, interventions, collective actions linked to the needs of a diagnostic,
presences, meetings, the agenda with a team meeting's decisions), exported as its JSON
document and its ZIP, and imported into a new, empty organisation: every record comes back
with the same values, and the report of the year is the same, figure for figure.
"""

import datetime
import io
import json
import zipfile

import pytest

from carnet.activity.models import (
    CollectiveAction,
    Intervention,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)
from carnet.agenda.models import PlannedEvent
from carnet.imports.export import export_team, export_team_json
from carnet.imports.package import import_package
from carnet.imports.review import Decisions
from carnet.imports.structure import ensure_structure
from carnet.organisations.models import Organisation, Team
from carnet.reports.build import build_report
from carnet.reports.scope import ReportScope
from carnet.reports.serialize import report_to_data
from carnet.youths.models import (
    AccompanimentPeriod,
    PaeiGoal,
    PaeiGoalReview,
    PaeiReview,
    SituationChange,
    Youth,
)
from tests import factories
from tests.imports.test_round_trip import differences, without_record_ids
from tests.imports.whole_team import copy_document

pytestmark = pytest.mark.django_db

YEAR = (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))


def records(team: Team) -> dict:
    """Every record the team keeps, by its values (ids differ from one copy to the other)."""

    def name(youth):
        return youth.first_name or youth.code

    goals = PaeiGoal.objects.filter(period__youth__team=team).select_related("period__youth", "domain")
    reviews = PaeiGoalReview.objects.filter(review__period__youth__team=team).select_related(
        "review__period__youth", "goal"
    )

    def names(records) -> tuple:
        return tuple(
            sorted(getattr(r, "name", None) or getattr(r, "label", None) or name(r) for r in records)
        )

    def place(record) -> tuple:
        return (
            record.commune and record.commune.name,
            getattr(record, "quartier", None) and record.quartier.name,
        )

    periods = AccompanimentPeriod.objects.filter(youth__team=team)
    return {
        "jeunes": sorted(
            (
                name(y),
                y.nickname,
                y.last_name,
                y.sex,
                y.birth_date,
                y.birth_year,
                *place(y),
                y.origin and y.origin.code,
                y.first_contact_date,
            )
            for y in Youth.objects.filter(team=team)
        ),
        "situations": sorted(
            (name(c.youth), c.since, c.situation.code)
            for c in SituationChange.objects.filter(youth__team=team)
        ),
        "accompagnements": sorted((name(p.youth), p.modality.code, p.start, p.end) for p in periods),
        "interventions": sorted(
            (name(i.youth), i.date, i.kind, names(i.domains.all()), names(i.partners.all()), i.note)
            for i in Intervention.objects.filter(team=team)
        ),
        "actions": sorted(
            (
                a.action_type.code,
                a.title,
                a.start_date,
                a.end_date,
                *place(a),
                a.role,
                a.commune_event,
                a.after_needs_study,
                names(a.participants.all()),
                (a.anonymous_male, a.anonymous_female, a.anonymous_non_binary),
                names(a.partners.all()),
                a.description,
            )
            for a in CollectiveAction.objects.filter(team=team)
        ),
        "présences": sorted(
            (
                s.date,
                s.kind.code,
                s.duration_minutes,
                *place(s),
                s.place,
                s.youths_met,
                names(s.known_youths.all()),
            )
            for s in PresenceSession.objects.filter(team=team)
        ),
        "réunions": sorted(
            (
                m.date,
                m.kind.code,
                m.subject,
                m.duration_minutes,
                m.commune and m.commune.name,
                names(m.partners.all()),
            )
            for m in PartnershipMeeting.objects.filter(team=team)
        ),
        "diagnostics": sorted(
            (d.date, d.quartier.name, names(d.partners.all()), d.summary, names(d.needs.all()), d.resources)
            for d in TerritorialDiagnostic.objects.filter(team=team)
        ),
        "objectifs": sorted(
            (
                name(g.period.youth),
                g.period.start,
                g.period.next_review_on,
                g.text,
                g.domain and g.domain.code,
                g.target_date,
                g.position,
                g.reached_on,
            )
            for g in goals
        ),
        "points": sorted(
            (name(r.review.period.youth), r.review.date, r.goal.text, r.progress, r.note) for r in reviews
        ),
        "besoins des actions": sorted(
            (a.title, need.label, need.diagnostic.quartier.name)
            for a in CollectiveAction.objects.filter(team=team)
            for need in a.needs.all()
        ),
        "participants": sorted(
            (a.title, name(y))
            for a in CollectiveAction.objects.filter(team=team)
            for y in a.participants.all()
        ),
        "agenda": sorted(
            (
                e.kind,
                e.title,
                e.date,
                e.start_time,
                e.end_time,
                e.commune and e.commune.name,
                e.quartier and e.quartier.name,
                e.presence_kind and e.presence_kind.code,
                e.agenda,
                e.decisions,
                e.recorded_session and e.recorded_session.date,
            )
            for e in PlannedEvent.objects.filter(team=team)
        ),
    }


def figures(team: Team) -> dict:
    data = report_to_data(build_report(scope=ReportScope(team=team, start=YEAR[0], end=YEAR[1])))
    data.pop("scope")
    return without_record_ids(data)


def test_every_kind_of_record_and_the_report_come_back_after_an_export_into_an_empty_organisation(kept):
    before, before_figures = records(kept), figures(kept)
    document, archive = export_team_json(team=kept, user=None), export_team(team=kept, user=None)

    from_json = import_package(content=copy_document(document), filename="e.json", team=None, dry_run=False)
    assert from_json.ok and from_json.written, from_json.lines()
    copy = from_json.team
    assert copy.organisation.name == "Association d'accueil"
    zip_team = Team.objects.create(organisation=copy.organisation, name="Copie par le ZIP")
    ensure_structure(document=json.loads(document), team=zip_team)
    from_zip = import_package(content=archive, filename="e.zip", team=zip_team, dry_run=False)
    assert from_zip.ok and from_zip.written, from_zip.lines()

    for team in (copy, zip_team):
        assert records(team) == before
        found = differences(figures(team), before_figures)
        assert not found, "\n".join(found)
    assert all(before.values()), [kind for kind, found in before.items() if not found]


def test_a_second_import_of_the_same_export_updates_nothing_and_creates_nothing(kept):
    document = copy_document(export_team_json(team=kept, user=None))
    first = import_package(content=document, filename="e.json", team=None, dry_run=False)
    counts = {kind: model.objects.count() for kind, model in _MODELS.items()}

    again = import_package(content=document, filename="e.json", team=None, dry_run=False)

    assert again.ok and again.team == first.team, again.lines()
    assert {kind: model.objects.count() for kind, model in _MODELS.items()} == counts
    assert all(report.created == 0 for report in again.attached_reports)
    assert {report.kind.value: report.unchanged for report in again.attached_reports} == {
        "paei_goals": 2,
        "paei_reviews": 2,
        "action_needs": 1,
        "agenda": 2,
    }


_MODELS = {
    "goals": PaeiGoal,
    "reviews": PaeiReview,
    "goal reviews": PaeiGoalReview,
    "links": CollectiveAction.needs.through,
    "agenda": PlannedEvent,
}


def test_a_corrected_review_note_is_a_change_applied_only_once_accepted(kept):
    document = json.loads(copy_document(export_team_json(team=kept, user=None)))
    first = import_package(content=json.dumps(document).encode(), filename="e.json", team=None, dry_run=False)
    for item in document["points_paei"]:
        if item["Objectif"] == "Retourner au collège":
            item["Note factuelle"] = "Rdv CPE le 12/05"
    corrected = json.dumps(document).encode()

    refused = import_package(content=corrected, filename="e.json", team=None, dry_run=False)

    copied = PaeiGoalReview.objects.get(
        review__period__youth__team=first.team, goal__text="Retourner au collège"
    )
    assert copied.note == "Rdv CPE"
    (change,) = [change for report in refused.attached_reports for change in report.changes]
    assert (change.before, change.after, change.accepted) == ("Rdv CPE", "Rdv CPE le 12/05", False)

    import_package(
        content=corrected, filename="e.json", team=None, dry_run=False, decisions=Decisions(accept_all=True)
    )
    copied.refresh_from_db()
    assert copied.note == "Rdv CPE le 12/05"


def test_a_bad_value_in_an_attached_file_names_file_row_column_and_value_and_writes_nothing(kept):
    archive = export_team(team=kept, user=None)
    target = factories.TeamFactory(organisation=factories.OrganisationFactory(name="Autre"))
    ensure_structure(document=json.loads(export_team_json(team=kept, user=None)), team=target)
    rewritten = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(rewritten, "w") as copy:
        for name in source.namelist():
            content = source.read(name)
            if name == "points-paei.csv":
                content = content.replace(b"Atteint", b"Fini")
            copy.writestr(name, content)

    report = import_package(content=rewritten.getvalue(), filename="e.zip", team=target, dry_run=False)

    assert not report.ok and not report.written
    assert any("points-paei.csv" in line for line in report.lines()), report.lines()
    assert any("colonne « Avancement » : « Fini » — avancement inconnu" in line for line in report.lines())
    assert not Youth.objects.filter(team=target).exists()
    assert not PlannedEvent.objects.filter(team=target).exists()
    assert Organisation.objects.filter(name="Autre").exists()
