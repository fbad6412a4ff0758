"""Importing the records a whole export carries alongside the activity (``attached``): PAEI
goals and reviews, action–need links, the agenda.

They are read after the other kinds, inside the package's transaction, and name what they
hang on by the identifiers just imported. A record already there is found again, so that a
re-import updates instead of duplicating: a goal by its youth, the start of its
accompaniment and its wording; a review by its accompaniment and day, and each goal's
progress in it by its goal; a link by its action, diagnostic and need; a planned event by
its type, day, hours, title, place, commune and quartier. An empty field is filled; another
recorded value changes only when the user accepts it (``review.Decisions``), as elsewhere.
"""

from carnet.access import audit
from carnet.access.models import AuditAction, User
from carnet.activity.models import CollectiveAction, DiagnosticNeed, PresenceSession, TerritorialDiagnostic
from carnet.agenda.models import EventKind, PlannedEvent
from carnet.organisations.models import Commune, Quartier, Team
from carnet.referentials.models import Domain, PresenceKind
from carnet.youths.models import (
    AccompanimentPeriod,
    GoalProgress,
    PaeiGoal,
    PaeiGoalReview,
    PaeiReview,
    Youth,
)

from .attached import HEADERS, LABELS, AttachedKind
from .attached_rows import AttachedReport, Importer, Row, choice_values, labelled, parse_position, parse_time
from .cells import parse_date
from .planners.base import Occurrences, identifiers
from .reading import Sheet, normalise
from .review import Decisions


def import_attached(
    *,
    team: Team,
    kind: AttachedKind,
    sheet: Sheet,
    filename: str,
    user: User | None,
    decisions: Decisions | None,
) -> AttachedReport:
    """Check and write one attached file; the caller's transaction undoes it when refused."""
    report = AttachedReport(kind=kind, filename=filename, rows=len(sheet.rows), dry_run=False)
    known = {normalise(header): header for header in HEADERS[kind]}
    columns = [known.get(normalise(header)) for header in sheet.headers]
    report.ignored_columns = [
        header for header, column in zip(sheet.headers, columns, strict=True) if not column and header
    ]
    rows = [
        Row(row.number, {column: value for column, value in zip(columns, row.values, strict=False) if column})
        for row in sheet.rows
    ]
    importer = Importer(team=team, report=report, decisions=decisions or Decisions())
    # Logged as the import's own events below (one per file, one per record changed), as the
    # other kinds are, not one per record written.
    with audit.changes_not_logged():
        _IMPORTS[kind](importer, rows)
    report.errors = sorted((error for row in rows for error in row.errors), key=lambda e: (e.row, e.column))
    if report.ok:
        audit.record_changes(changes=importer.audit, user=user)
        audit.record(
            action=AuditAction.CREATE,
            user=user,
            target_label=f"Import {LABELS[kind]} : {filename}"[:200],
            changes={
                "équipe": team.name,
                "lignes": report.rows,
                "créées": report.created,
                "mises à jour": report.updated,
                "inchangées": report.unchanged,
            },
        )
    return report


class _Periods:
    """The team's accompaniment periods, by the youth's identifier and the period's start."""

    def __init__(self, team: Team):
        self.youths = identifiers(Youth.objects.active().filter(team=team))
        self.periods = {
            (period.youth_id, period.start): period
            for period in AccompanimentPeriod.objects.filter(
                youth__team=team, youth__merged_into__isnull=True
            )
        }

    def of(self, row: Row, youth_header: str, start_header: str) -> AccompanimentPeriod | None:
        youth_id = None
        if row.raw(youth_header):
            youth_id = self.youths.get(normalise(row.raw(youth_header)))
            if youth_id is None:
                row.refuse(youth_header, "aucun jeune de l'équipe n'a cet identifiant")
        else:
            row.refuse(youth_header, "valeur obligatoire manquante")
        start = row.read(start_header, parse_date, required=True)
        if youth_id is None or start is None:
            return None
        period = self.periods.get((youth_id, start))
        if period is None:
            row.refuse(
                start_header, "ce jeune n'a pas d'accompagnement commencé ce jour-là (accompagnements.csv)"
            )
        return period


def _import_goals(importer: Importer, rows: list[Row]) -> None:
    headers = HEADERS[AttachedKind.PAEI_GOALS]
    youth, start, text, domain, target, position, reached, next_review = headers
    periods = _Periods(importer.team)
    domains = labelled(Domain.objects.filter(organisation=importer.team.organisation))
    goals = {
        (goal.period_id, normalise(goal.text)): goal
        for goal in PaeiGoal.objects.filter(period__youth__team=importer.team)
    }
    seen: dict[tuple, int] = {}
    for index, row in enumerate(rows):
        period = periods.of(row, youth, start)
        wording = row.text(text, 200, required=True)
        values = {
            "domain": (domain.lower(), row.one_of(domain, domains, "domaine inconnu du référentiel")),
            "target_date": ("échéance", row.read(target, parse_date)),
            "position": ("ordre", row.read(position, parse_position)),
            "reached_on": ("atteint le", row.read(reached, parse_date)),
        }
        next_on = row.read(next_review, parse_date)
        if row.errors or period is None:
            continue
        key = (period.pk, normalise(wording))
        if key in seen:
            row.refuse(text, f"même objectif que la ligne {seen[key]} pour ce projet")
            continue
        seen[key] = row.number
        goal = goals.get(key)
        if goal is None:
            position_value = values["position"][1]
            PaeiGoal.objects.create(
                period=period,
                text=wording,
                **{name: value for name, (_label, value) in values.items() if name != "position"},
                position=index if position_value is None else position_value,
            )
            importer.report.created += 1
        else:
            importer.update(row, goal, f"Objectif « {goal.text} »", values)
        if next_on:
            project = f"Projet du {period.start:%d/%m/%Y}"
            importer.update(
                row, period, project, {"next_review_on": ("prochain point", next_on)}, counted=False
            )


def _import_reviews(importer: Importer, rows: list[Row]) -> None:
    youth, start, day, text, progress, note = HEADERS[AttachedKind.PAEI_REVIEWS]
    periods = _Periods(importer.team)
    goals = {
        (goal.period_id, normalise(goal.text)): goal
        for goal in PaeiGoal.objects.filter(period__youth__team=importer.team)
    }
    reviews = {(r.period_id, r.date): r for r in PaeiReview.objects.filter(period__youth__team=importer.team)}
    recorded = {
        (item.review_id, item.goal_id): item
        for item in PaeiGoalReview.objects.filter(review__period__youth__team=importer.team)
    }
    progresses = choice_values(GoalProgress)
    seen: dict[tuple, int] = {}
    for row in rows:
        period = periods.of(row, youth, start)
        date = row.read(day, parse_date, required=True)
        wording = row.text(text, 200)
        value = row.one_of(
            progress,
            progresses,
            "avancement inconnu (Non engagé, En cours, Atteint, Abandonné)",
            required=bool(wording),
        )
        factual = row.text(note, 500)
        goal = None
        if period is not None and wording:
            goal = goals.get((period.pk, normalise(wording)))
            if goal is None:
                row.refuse(text, "ce projet n'a pas cet objectif (objectifs-paei.csv)")
        if (
            period is not None
            and date
            and not (period.start <= date and (period.end is None or date <= period.end))
        ):
            row.refuse(day, "la date du point est en dehors de la période d'accompagnement")
        if row.errors or period is None:
            continue
        key = (period.pk, date, goal.pk if goal else None)
        if key in seen:
            row.refuse(text if wording else day, f"même point que la ligne {seen[key]}")
            continue
        seen[key] = row.number
        review = reviews.get((period.pk, date))
        if review is None:
            review = reviews[(period.pk, date)] = PaeiReview.objects.create(period=period, date=date)
            importer.report.created += goal is None
        elif goal is None:
            importer.report.unchanged += 1
        if goal is None:
            continue
        item = recorded.get((review.pk, goal.pk))
        if item is None:
            PaeiGoalReview.objects.create(review=review, goal=goal, progress=value, note=factual)
            importer.report.created += 1
        else:
            shown = f"Point du {date:%d/%m/%Y}, objectif « {goal.text} »"
            importer.update(row, item, shown, {"progress": ("avancement", value), "note": ("note", factual)})


def _import_action_needs(importer: Importer, rows: list[Row]) -> None:
    action_header, diagnostic_header, need_header = HEADERS[AttachedKind.ACTION_NEEDS]
    actions = identifiers(CollectiveAction.objects.filter(team=importer.team))
    diagnostics = identifiers(TerritorialDiagnostic.objects.filter(team=importer.team))
    needs = {
        (need.diagnostic_id, normalise(need.label)): need
        for need in DiagnosticNeed.objects.filter(diagnostic__team=importer.team)
    }
    through = CollectiveAction.needs.through
    linked = set(
        through.objects.filter(collectiveaction__team=importer.team).values_list(
            "collectiveaction_id", "diagnosticneed_id"
        )
    )
    for row in rows:
        action = row.one_of(
            action_header, actions, "aucune action collective de l'équipe n'a cet identifiant", required=True
        )
        diagnostic = row.one_of(
            diagnostic_header, diagnostics, "aucun diagnostic de l'équipe n'a cet identifiant", required=True
        )
        label = row.text(need_header, 200, required=True)
        need = needs.get((diagnostic, normalise(label))) if diagnostic and label else None
        if diagnostic and label and need is None:
            row.refuse(need_header, "ce diagnostic n'a pas identifié ce besoin")
        if row.errors:
            continue
        if (action, need.pk) in linked:
            importer.report.unchanged += 1
            continue
        through.objects.create(collectiveaction_id=action, diagnosticneed_id=need.pk)
        linked.add((action, need.pk))
        importer.report.created += 1


def _import_agenda(importer: Importer, rows: list[Row]) -> None:
    (
        kind_h,
        title_h,
        date_h,
        start_h,
        end_h,
        place_h,
        commune_h,
        quartier_h,
        presence_h,
        agenda_h,
        decisions_h,
        session_h,
    ) = HEADERS[AttachedKind.AGENDA]
    team = importer.team
    kinds = choice_values(EventKind)
    communes = {}
    for commune in Commune.objects.filter(team=team):
        communes[normalise(commune.name)] = commune
        if commune.insee_code:
            communes[normalise(commune.insee_code)] = commune
    quartiers = {(q.commune_id, normalise(q.name)): q for q in Quartier.objects.filter(commune__team=team)}
    presence_kinds = labelled(PresenceKind.objects.filter(organisation=team.organisation))
    sessions = identifiers(PresenceSession.objects.filter(team=team))
    events = PlannedEvent.objects.filter(team=team)
    taken_sessions = dict(events.exclude(recorded_session=None).values_list("recorded_session_id", "pk"))
    occurrences = Occurrences(
        (
            _event_key(
                e.kind,
                e.date,
                e.start_time,
                e.end_time,
                e.title,
                e.place,
                e.commune_id,
                e.quartier_id,
            ),
            e.pk,
            False,
        )
        for e in events
    )
    for row in rows:
        kind = row.one_of(
            kind_h,
            kinds,
            "type inconnu (Présence sociale, Action collective, Réunion partenariale, Réunion d'équipe)",
            required=True,
        )
        title = row.text(title_h, 120)
        date = row.read(date_h, parse_date, required=True)
        start, end = (
            row.read(start_h, parse_time, required=True),
            row.read(end_h, parse_time, required=True),
        )
        if start and end and end <= start:
            row.refuse(end_h, "l'heure de fin doit suivre l'heure de début")
        place = row.text(place_h, 120)
        commune = row.one_of(commune_h, communes, "commune inconnue de l'équipe")
        quartier = None
        if row.raw(quartier_h) and commune:
            quartier = quartiers.get((commune.pk, normalise(row.raw(quartier_h))))
            if quartier is None:
                row.refuse(quartier_h, "quartier inconnu de cette commune")
        elif row.raw(quartier_h):
            row.refuse(quartier_h, "indiquez la commune du quartier")
        presence_kind = row.one_of(presence_h, presence_kinds, "type de présence inconnu du référentiel")
        agenda, decided = row.text(agenda_h, 4000), row.text(decisions_h, 4000)
        session = row.one_of(session_h, sessions, "aucune présence sociale de l'équipe n'a cet identifiant")
        if session and kind != EventKind.PRESENCE:
            row.refuse(session_h, "seule une présence sociale prévue devient une présence enregistrée")
        if row.errors:
            continue
        found = occurrences.take(
            _event_key(kind, date, start, end, title, place, commune and commune.pk, quartier and quartier.pk)
        )
        if session and taken_sessions.get(session, found) != found:
            row.refuse(
                session_h, "cette présence enregistrée est déjà celle d'un autre événement de l'agenda"
            )
            continue
        if found is None:
            event = PlannedEvent.objects.create(
                team=team,
                kind=kind,
                title=title,
                date=date,
                start_time=start,
                end_time=end,
                place=place,
                commune=commune,
                quartier=quartier,
                presence_kind=presence_kind,
                agenda=agenda,
                decisions=decided,
                recorded_session_id=session,
            )
            importer.report.created += 1
        else:
            event = PlannedEvent.objects.get(pk=found)
            importer.update(
                row,
                event,
                str(event),
                {
                    "presence_kind": ("type de présence", presence_kind),
                    "agenda": ("ordre du jour", agenda),
                    "decisions": ("relevé de décisions", decided),
                    "recorded_session_id": ("présence enregistrée", session),
                },
            )
        if session:
            taken_sessions[session] = event.pk


def _event_key(kind, date, start, end, title, place, commune_id, quartier_id) -> tuple:
    return (kind, date, start, end, normalise(title), normalise(place), commune_id, quartier_id)


_IMPORTS = {
    AttachedKind.PAEI_GOALS: _import_goals,
    AttachedKind.PAEI_REVIEWS: _import_reviews,
    AttachedKind.ACTION_NEEDS: _import_action_needs,
    AttachedKind.AGENDA: _import_agenda,
}
