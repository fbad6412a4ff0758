"""Writes of the privacy rules: archive, anonymise, erase; and the subject-access export.

Each youth's move is logged as one audit event that names no one ("jeune n° 12").
The per-record change log is suspended meanwhile: it would otherwise keep, in the
log, values the rule is destroying.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from carnet.access import audit
from carnet.access.models import AuditAction, AuditEvent
from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.editing.versions import version_raised
from carnet.facts.services import participation_years, refresh_participation_facts
from carnet.facts.youth_facts import refresh_domain_years, youth_fact_years
from carnet.kept_reports.services import forget_kept_reports
from carnet.youths.models import PaeiGoal, Youth

from . import queries
from .models import YouthArchive

ANONYMOUS_FIRST_NAME = "Anonyme"
ANONYMOUS_GOAL = "—"


@dataclass
class RetentionPlan:
    today: datetime.date
    to_archive: list[int] = field(default_factory=list)
    to_anonymise: list[int] = field(default_factory=list)
    done: bool = False

    def lines(self) -> list[str]:
        """The plan in French, with youth numbers only: no names."""
        verb = ("archivées", "anonymisées") if self.done else ("à archiver", "à anonymiser")
        lines = [f"Durées de conservation au {self.today:%d/%m/%Y}"]
        lines.append(f"Fiches {verb[0]} : {len(self.to_archive)}")
        if self.to_archive:
            lines.append("  jeunes n° " + ", ".join(str(pk) for pk in self.to_archive))
        lines.append(f"Fiches {verb[1]} : {len(self.to_anonymise)}")
        if self.to_anonymise:
            lines.append("  jeunes n° " + ", ".join(str(pk) for pk in self.to_anonymise))
        return lines


def retention_plan(*, today: datetime.date | None = None) -> RetentionPlan:
    """What the retention rule would do today, without doing it.

    A youth archived today is anonymised on a later run only: the archive period
    starts when the file is archived.
    """
    today = today or timezone.localdate()
    return RetentionPlan(
        today=today,
        to_archive=list(queries.due_for_archive(today=today).values_list("pk", flat=True)),
        to_anonymise=list(queries.due_for_anonymisation(today=today).values_list("youth_id", flat=True)),
    )


def apply_retention(*, now: datetime.datetime | None = None) -> RetentionPlan:
    """Archive and anonymise what is due, atomically, one audit event per youth."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        plan = retention_plan(today=today)
        for youth in Youth.objects.filter(pk__in=plan.to_archive).select_for_update():
            archive_youth(youth=youth, now=now, today=today)
        for youth in Youth.objects.filter(pk__in=plan.to_anonymise).select_for_update():
            anonymise_youth(youth=youth, now=now)
    plan.done = True
    return plan


def archive_youth(*, youth: Youth, now: datetime.datetime, today: datetime.date) -> YouthArchive:
    contact = queries.youths_with_last_contact(today=today).filter(pk=youth.pk).values("last_contact")
    archive = YouthArchive.objects.create(
        youth=youth, archived_at=now, last_contact=contact[0]["last_contact"]
    )
    audit.record(action=AuditAction.ARCHIVE, target=youth, changes={"archivé le": f"{now:%Y-%m-%d}"})
    return archive


def anonymise_youth(*, youth: Youth, now: datetime.datetime) -> None:
    """Destroy what identifies the youth; keep what the reports count.

    Sex, birth year, commune, quartier, origin, situations, periods and the
    interventions' domains and partners stay: the figures of past reports do not
    change. Names, code, exact birth date, notes and PAEI goal texts go.
    """
    with audit.changes_not_logged():
        Youth.objects.filter(pk=youth.pk).update(
            first_name=ANONYMOUS_FIRST_NAME,
            nickname="",
            code="",
            last_name="",
            external_id="",
            birth_date=None,
            # Edit forms opened before are refused: they would write the names back.
            **version_raised(),
        )
        Intervention.objects.filter(youth=youth).update(note="", **version_raised())
        PaeiGoal.objects.filter(period__youth=youth).update(text=ANONYMOUS_GOAL, **version_raised())
        YouthArchive.objects.filter(youth=youth).update(anonymised_at=now)
    audit.record(action=AuditAction.ANONYMISE, target=youth, changes={"anonymisé le": f"{now:%Y-%m-%d}"})
    forget_kept_reports()


def erase_youth(*, youth: Youth) -> int:
    """Erase a youth on request: the file and the youth's own records.

    Interventions, situations, periods and goals go with the file; collective
    actions and presence sessions stay, without the youth among their
    participants. Records merged into this one are the same person: they go too.
    The log keeps one event with the youth's number only.
    """
    with transaction.atomic(), audit.changes_not_logged():
        family = _merged_family(youth)
        # The action-list lines these youths were counted in, read before their links go.
        participation = participation_years(youth_ids=[member.pk for member in family])
        # And the team-year sums of their interventions: their facts go with them.
        fact_years = youth_fact_years(youth_ids=[member.pk for member in family])
        CollectiveAction.participants.through.objects.filter(youth__in=family).delete()
        PresenceSession.known_youths.through.objects.filter(youth__in=family).delete()
        # Children first: a merged record protects the one it was merged into.
        for member in reversed(family):
            Youth.objects.filter(pk=member.pk).delete()
        refresh_participation_facts(years=participation)
        refresh_domain_years(team_years=fact_years)
        forget_kept_reports()
        audit.record(action=AuditAction.ERASE, target=youth, changes={"fiches effacées": len(family)})
    return len(family)


def _merged_family(youth: Youth) -> list[Youth]:
    family, frontier = [youth], [youth]
    while frontier:
        frontier = list(Youth.objects.filter(merged_into__in=frontier))
        family.extend(frontier)
    return family


# --- Subject access -------------------------------------------------------------------


def _date(day) -> str | None:
    return day.isoformat() if day else None


def subject_access(*, youth: Youth) -> dict:
    """Everything Carnet holds on ``youth``, as plain data (JSON-ready)."""
    youth = Youth.objects.select_related("team__organisation", "commune", "quartier", "origin").get(
        pk=youth.pk
    )
    archive = YouthArchive.objects.filter(youth=youth).first()
    periods = youth.accompaniment_periods.select_related("modality").prefetch_related("goals", "referents")
    interventions = youth.interventions.prefetch_related("domains", "partners", "educators").order_by(
        "date", "id"
    )
    actions = youth.collective_actions.select_related("action_type", "commune", "quartier").order_by(
        "start_date"
    )
    sessions = youth.presence_sessions.select_related("kind", "commune", "quartier").order_by("date")
    events = AuditEvent.objects.filter(target_type="youths.youth", target_id=str(youth.pk)).order_by(
        "at", "id"
    )
    return {
        "format": "carnet-droit-d-acces",
        "genere_le": timezone.now().isoformat(),
        "organisation": youth.team.organisation.name,
        "equipe": youth.team.name,
        "jeune": {
            "numero": youth.pk,
            "prenom": youth.first_name,
            "surnom": youth.nickname,
            "code": youth.code,
            "nom": youth.last_name,
            "identifiant_externe": youth.external_id,
            "sexe": youth.get_sex_display() if youth.sex else "",
            "date_de_naissance": _date(youth.birth_date),
            "annee_de_naissance": youth.birth_year,
            "commune": youth.commune.name if youth.commune else None,
            "quartier": youth.quartier.name if youth.quartier else None,
            "origine_de_la_rencontre": youth.origin.label if youth.origin else None,
            "date_de_premiere_rencontre": _date(youth.first_contact_date),
            "fusionne_dans": youth.merged_into_id,
            "cree_le": youth.created_at.isoformat(),
            "modifie_le": youth.updated_at.isoformat(),
            "archive": {
                "archive_le": archive.archived_at.isoformat(),
                "dernier_contact": _date(archive.last_contact),
                "anonymise_le": archive.anonymised_at.isoformat() if archive.anonymised_at else None,
            }
            if archive
            else None,
        },
        "situations": [
            {"situation": change.situation.label, "depuis_le": _date(change.since)}
            for change in youth.situation_changes.select_related("situation").order_by("since")
        ],
        "accompagnements": [
            {
                "modalite": period.modality.label,
                "debut": _date(period.start),
                "fin": _date(period.end),
                "referents": [user.get_full_name() or user.get_username() for user in period.referents.all()],
                "objectifs": [
                    {"objectif": goal.text, "atteint_le": _date(goal.reached_on)}
                    for goal in period.goals.all()
                ],
            }
            for period in periods
        ],
        "interventions": [
            {
                "date": _date(intervention.date),
                "type": intervention.get_kind_display(),
                "domaines": [domain.label for domain in intervention.domains.all()],
                "partenaires": [partner.name for partner in intervention.partners.all()],
                "educateurs": [
                    user.get_full_name() or user.get_username() for user in intervention.educators.all()
                ],
                "note": intervention.note,
            }
            for intervention in interventions
        ],
        "actions_collectives": [
            {
                "intitule": action.title,
                "type": action.action_type.label,
                "du": _date(action.start_date),
                "au": _date(action.end_date),
                "commune": action.commune.name if action.commune else None,
                "quartier": action.quartier.name if action.quartier else None,
            }
            for action in actions
        ],
        "presences_sociales": [
            {
                "date": _date(session.date),
                "type": str(session.kind),
                "lieu": session.place,
                "commune": session.commune.name if session.commune else None,
                "quartier": session.quartier.name if session.quartier else None,
            }
            for session in sessions
        ],
        "journal": [
            {
                "date": event.at.isoformat(),
                "utilisateur": event.username,
                "action": event.get_action_display(),
                "modifications": event.changes,
            }
            for event in events
        ],
    }
