"""Partnership meetings and the shared territorial diagnostics, one per quartier."""

from carnet.activity.models import PartnershipMeeting, TerritorialDiagnostic
from carnet.referentials.models import MeetingKind

from . import texts
from .structure import DemoWorld


def build_partnership_meetings(*, world: DemoWorld) -> list[PartnershipMeeting]:
    """The meetings of the team's communes."""
    meetings = []
    for day, kind, commune_name, partner_keys, subject in texts.MEETINGS:
        context = world.communes.get(commune_name)
        if context is None:
            continue
        meeting = PartnershipMeeting.objects.create(
            team=world.team,
            date=day,
            kind=world.ref(MeetingKind, kind),
            subject=subject,
            duration_minutes=texts.MEETING_MINUTES[kind],
            commune=context.commune,
        )
        meeting.partners.set(context.partners(partner_keys))
        educators = [context.referent]
        if day >= context.binome_start:
            educators.append(context.binome)
        meeting.educators.set(educators)
        meetings.append(meeting)
    return meetings


def build_territorial_diagnostics(*, world: DemoWorld) -> list[TerritorialDiagnostic]:
    """Each quartier's diagnostic, shared with its partners; a meeting of kind "diagnostic" presents it."""
    diagnostics = []
    for context in world.communes.values():
        for commune_name, quartier_name, day, partner_keys, summary in texts.DIAGNOSTICS:
            if commune_name != context.commune.name:
                continue
            quartier = context.quartiers[quartier_name]
            partners = context.partners(partner_keys)
            diagnostic = TerritorialDiagnostic.objects.create(
                team=world.team, quartier=quartier, date=day, summary=summary
            )
            diagnostic.partners.set(partners)
            meeting = PartnershipMeeting.objects.create(
                team=world.team,
                date=day,
                kind=world.ref(MeetingKind, "diagnostic"),
                subject=f"Diagnostic territorial partagé : {quartier_name}",
                duration_minutes=texts.MEETING_MINUTES["diagnostic"],
                commune=context.commune,
            )
            meeting.partners.set(partners)
            meeting.educators.set([context.referent, context.binome])
            diagnostics.append(diagnostic)
    return diagnostics
