"""Activity of one team's year: collective actions, presence sessions, meetings and diagnostics."""

import datetime

from carnet.activity.models import (
    CollectiveAction,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)
from carnet.referentials.models import ActionType, MeetingKind, PresenceKind

from .. import catalogue, texts
from .. import synth_catalogue as names
from .action_kinds import _ACTION_KINDS
from .dates import ONE_DAY, D
from .plan import _DURATIONS, _MEETING_KINDS, _MEETING_PARTNERS, _Pool, _Session, _weighted, _Youth
from .structure import _Commune


class _ActivityRecords:
    """The activity part of ``_TeamYear``."""

    # Collective actions ----------------------------------------------------------------------------

    def _save_actions(self, pools: dict[int | None, _Pool]) -> None:
        rng = self.rng
        planned: list[tuple[CollectiveAction, list[_Youth], list[int], list[int]]] = []
        for _ in range(self.jittered(self.volumes.actions)):
            kind = _weighted(rng, ((kind, kind.weight) for kind in _ACTION_KINDS))
            title, partner_keys, day, days = kind.draw(rng, self.calendar)
            commune = None if kind.type_code == "sejour" or rng.random() < 0.03 else self._commune()
            quartier_pk, quartier_name = None, ""
            if commune and kind.at_local:
                quartier_pk, quartier_name = commune.quartiers[0][:2]
            elif commune and (kind.on_quartier or "{quartier}" in title):
                quartier_pk, quartier_name = self._quartier(commune)
            place = commune or self.team.communes[0]
            pool = pools[commune.pk] if commune and rng.random() < 0.8 else pools[None]
            participants = pool.draw(rng, day, rng.randint(*kind.participants))
            educators = [place.referent]
            if place.binome != place.referent and (days > 1 or rng.random() < 0.5):
                educators.append(place.binome)
            action = CollectiveAction(
                team_id=self.team.pk,
                action_type_id=self.ref[ActionType][kind.type_code],
                title=title.format(quartier=quartier_name, commune=place.name)[:200],
                start_date=day,
                end_date=day + datetime.timedelta(days=days - 1),
                commune_id=commune.pk if commune else None,
                quartier_id=quartier_pk,
                role=kind.role,
                commune_event=kind.commune_event,
                after_needs_study=rng.random() < kind.after_needs_study,
                anonymous_male=rng.randint(*kind.anonymous),
                anonymous_female=rng.randint(*kind.anonymous),
                anonymous_non_binary=1 if rng.random() < 0.02 else 0,
            )
            partners = [self._partner(key, place) for key in partner_keys]
            planned.append((action, participants, partners, educators))
        planned.sort(key=lambda p: p[0].start_date)
        self.writer.save(CollectiveAction, (p[0] for p in planned))
        self.writer.link(
            CollectiveAction.participants, ((a.pk, y.pk) for a, youths, _p, _e in planned for y in youths)
        )
        self.writer.link(
            CollectiveAction.partners, ((a.pk, p) for a, _y, partners, _e in planned for p in partners)
        )
        self.writer.link(
            CollectiveAction.educators, ((a.pk, u) for a, _y, _p, users in planned for u in users)
        )

    # Presence sessions -----------------------------------------------------------------------------

    def _plan_sessions(self, count: int) -> list[_Session]:
        rng, calendar = self.rng, self.calendar
        sessions = []
        for day in sorted(rng.choice(calendar.working_days) for _ in range(count)):
            commune = self._commune() if rng.random() < 0.97 else None
            place_commune = commune or self.team.communes[0]
            draw = rng.random()
            if day in calendar.school_days and draw < 0.25:
                kind, quartier, met = "college", None, rng.randint(5, 25)
                place = f"Collège de {place_commune.name} (récréation, pause méridienne)"
            elif draw < 0.5:
                kind, met = "local", rng.randint(1, 8)
                quartier, quartier_name = place_commune.quartiers[0][:2]
                place = names.LOCAL_PLACE.format(quartier=quartier_name)
            else:
                kind, met = "rue", rng.randint(2, 15)
                quartier, quartier_name = self._quartier(place_commune)
                place = rng.choice(names.STREET_PLACES).format(quartier=quartier_name)
            educators = [place_commune.referent]
            if place_commune.binome != place_commune.referent and rng.random() < 0.4:
                educators.append(place_commune.binome)
            sessions.append(
                _Session(
                    date=day,
                    minutes=rng.choice(_DURATIONS),
                    kind=kind,
                    commune=commune,
                    quartier=quartier if commune else None,
                    place=place,
                    educators=educators,
                    youths_met=met,
                )
            )
        return sessions

    def _name_known_youths(self, sessions: list[_Session], pools: dict[int | None, _Pool]) -> None:
        """Some sessions also name youths already known, met again."""
        rng, year = self.rng, self.year
        for session in sessions:
            if rng.random() < 0.55:
                continue
            pool = pools[session.commune.pk] if session.commune else pools[None]
            accept = (lambda y: y.at_college(year)) if session.kind == "college" else None
            session.known += pool.draw(
                rng, session.date - ONE_DAY, rng.randint(1, 4), accept=accept, exclude=session.known
            )

    def _save_sessions(self, sessions: list[_Session]) -> None:
        kinds = self.ref[PresenceKind]
        rows = self.writer.save(
            PresenceSession,
            (
                PresenceSession(
                    team_id=self.team.pk,
                    date=s.date,
                    duration_minutes=s.minutes,
                    kind_id=kinds[s.kind],
                    commune_id=s.commune.pk if s.commune else None,
                    quartier_id=s.quartier,
                    place=s.place,
                    # Named youths are among those met: the count is never below them.
                    youths_met=max(s.youths_met, len(s.known)),
                )
                for s in sessions
            ),
        )
        pairs = list(zip(rows, sessions, strict=True))
        self.writer.link(PresenceSession.educators, ((r.pk, u) for r, s in pairs for u in s.educators))
        self.writer.link(PresenceSession.known_youths, ((r.pk, y.pk) for r, s in pairs for y in s.known))

    # Partnership meetings and diagnostics ----------------------------------------------------------

    def _save_meetings(self) -> None:
        rng, calendar, team = self.rng, self.calendar, self.team
        kinds = self.ref[MeetingKind]
        planned: list[tuple[PartnershipMeeting, list[int], list[int]]] = []
        every_partner = [*self.world.partners, "ville", "centre-social", "college", "mediatheque"]
        for _ in range(self.jittered(self.volumes.meetings)):
            kind = _weighted(rng, _MEETING_KINDS)
            commune = self._commune() if rng.random() < 0.85 else None
            place = commune or team.communes[0]
            keys = _MEETING_PARTNERS.get(kind) or every_partner
            partner_keys = rng.sample(keys, min(len(keys), rng.randint(1, 2)))
            partners = [self._partner(key, place) for key in partner_keys]
            subject = rng.choice(names.MEETING_SUBJECTS[kind]).format(
                partner=self._partner_name(partner_keys[0], place), quartier=self._quartier(place)[1]
            )
            day = calendar.working_day(rng, calendar.first, calendar.last)
            meeting = PartnershipMeeting(
                team_id=team.pk,
                date=day,
                kind_id=kinds[kind],
                subject=subject[:200],
                duration_minutes=texts.MEETING_MINUTES[kind] + rng.choice((-30, 0, 0, 0, 30)),
                commune_id=commune.pk if commune else None,
            )
            educators = [place.referent]
            if place.binome != place.referent and rng.random() < 0.5:
                educators.append(place.binome)
            planned.append((meeting, partners, educators))
        if rng.random() < 0.3:
            planned.append(self._diagnostic())
        planned.sort(key=lambda p: p[0].date)
        self.writer.save(PartnershipMeeting, (p[0] for p in planned))
        self.writer.link(
            PartnershipMeeting.partners, ((m.pk, p) for m, partners, _e in planned for p in partners)
        )
        self.writer.link(PartnershipMeeting.educators, ((m.pk, u) for m, _p, users in planned for u in users))

    def _diagnostic(self) -> tuple[PartnershipMeeting, list[int], list[int]]:
        """A quartier's shared diagnostic, and the meeting that presents it."""
        rng, calendar = self.rng, self.calendar
        commune = self._commune()
        quartier_pk, quartier_name = self._quartier(commune)
        day = calendar.working_day(rng, D(self.year, 9, 1), calendar.last)
        keys = rng.sample(("centre-social", "mediateur", "bailleur", "pre", "mds", "mission-locale"), 3)
        partners = [self._partner(key, commune) for key in keys]
        diagnostic = self.writer.save(
            TerritorialDiagnostic,
            [
                TerritorialDiagnostic(
                    team_id=self.team.pk,
                    quartier_id=quartier_pk,
                    date=day,
                    summary=rng.choice(names.DIAGNOSTIC_SUMMARIES),
                )
            ],
        )[0]
        self.writer.link(TerritorialDiagnostic.partners, ((diagnostic.pk, p) for p in partners))
        meeting = PartnershipMeeting(
            team_id=self.team.pk,
            date=day,
            kind_id=self.ref[MeetingKind]["diagnostic"],
            subject=f"Diagnostic territorial partagé : {quartier_name}"[:200],
            duration_minutes=texts.MEETING_MINUTES["diagnostic"],
            commune_id=commune.pk,
        )
        return (
            meeting,
            partners,
            [commune.referent, commune.binome] if commune.binome != commune.referent else [commune.referent],
        )

    def _partner_name(self, key: str, commune: _Commune) -> str:
        local = {k: n.format(commune=commune.name) for k, n, _t in names.LOCAL_PARTNERS}
        if key in local:
            return local[key]
        return next(spec.name for spec in catalogue.PARTNERS if spec.key == key)
