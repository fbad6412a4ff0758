"""Youths of one team's year: their records, situations, accompaniment periods and interventions."""

import datetime

from carnet.activity.models import Intervention, InterventionKind
from carnet.referentials.models import Domain, Modality, Origin, Situation
from carnet.youths.models import AccompanimentPeriod, PaeiGoal, SituationChange, Youth

from .. import catalogue, texts
from .dates import FAR_FUTURE, ONE_DAY, D
from .plan import (
    _AGES,
    _DOMAIN_MIN_AGE,
    _DOMAIN_WEIGHTS,
    _INTERVENTION_RATES,
    _ORIGINS,
    _SEXES,
    _STAYS,
    _TOPS,
    _Session,
    _weighted,
    _Youth,
)
from .structure import _Commune


class _YouthRecords:
    """The youths part of ``_TeamYear``."""

    # Youths ----------------------------------------------------------------------------------------

    def _commune(self) -> _Commune:
        communes = self.team.communes
        return self.rng.choices(communes, weights=[60, 40][: len(communes)])[0]

    def _quartier(self, commune: _Commune) -> tuple[int, str]:
        """A quartier of ``commune``, priority quartiers twice as likely."""
        quartiers = commune.quartiers
        pk, name, _qpv = self.rng.choices(quartiers, weights=[2 if q[2] else 1 for q in quartiers])[0]
        return pk, name

    def _plan_youths(self, count: int, sessions: list[_Session]) -> list[_Youth]:
        rng, calendar = self.rng, self.calendar
        by_commune: dict[int | None, list[_Session]] = {}
        for session in sessions:
            by_commune.setdefault(session.commune.pk if session.commune else None, []).append(session)
        youths = []
        for _ in range(count):
            commune = self._commune() if rng.random() < 0.98 else None
            quartier = self._quartier(commune)[0] if commune and rng.random() < 0.92 else None
            age = _weighted(rng, _AGES.items()) if rng.random() < 0.97 else None
            origin = _weighted(rng, _ORIGINS)
            # Youths met through présence sociale are first met, by name, during a session.
            session = None
            if origin == "presence-sociale":
                candidates = by_commune.get(commune.pk if commune else None) or sessions
                for _attempt in range(5):
                    session = rng.choice(candidates)
                    if session.kind != "college" or (age is not None and 11 <= age <= 15):
                        break
                    session = None
            first_contact = (
                session.date if session else calendar.working_day(rng, calendar.first, calendar.last)
            )
            top = _weighted(rng, _TOPS)
            periods, until, last_year = self._plan_stay(top, first_contact)
            youth = _Youth(
                commune=commune,
                quartier=quartier,
                sex=_weighted(rng, _SEXES),
                age=age,
                first_year=self.year,
                first_contact=first_contact,
                until=until,
                last_year=last_year,
                origin=origin,
                periods=periods,
            )
            youth.situations = self._plan_situations(youth)
            if session:
                session.known.append(youth)
            youths.append(youth)
        return youths

    def _plan_stay(
        self, top: str | None, first_contact: datetime.date
    ) -> tuple[list[tuple[str, datetime.date, datetime.date | None]], datetime.date, int]:
        """(periods, last day the youth is met, last year followed) of a youth met on ``first_contact``.

        A youth is followed one to four years; their accompaniment ends on the
        last day (still open when it goes beyond the generated years, or often
        in the last one).
        """
        rng = self.rng
        if top is None:
            return [], D(self.year, 12, 31), self.year
        stay = rng.choices((1, 2, 3, 4), weights=_STAYS[top])[0]
        last_year = self.year + stay - 1
        end: datetime.date | None
        if last_year > self.last_year:
            end, last_year = None, self.last_year
        else:
            if stay == 1:
                end = min(first_contact + datetime.timedelta(days=rng.randint(20, 270)), D(self.year, 12, 31))
            else:
                end = D(last_year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
            if last_year == self.last_year and rng.random() < 0.6:
                end = None  # still followed when the records stop
        return self._ladder(top, first_contact, end), end or FAR_FUTURE, last_year

    def _ladder(
        self, top: str, start: datetime.date, end: datetime.date | None
    ) -> list[tuple[str, datetime.date, datetime.date | None]]:
        """The path up the ladder, accroche then ASEP then PAEI, sometimes back down to ASEP.

        Periods follow each other without overlapping (the database refuses it)
        and the last one ends on ``end``; a short stay stops before the top.
        """
        rng = self.rng
        steps: list[tuple[str, int | None]] = []
        if top == "accroche" or rng.random() < 0.8:
            steps.append(("accroche", None if top == "accroche" else rng.randint(10, 60)))
        if top == "asep":
            steps.append(("asep", None))
        elif top == "paei":
            steps.append(("asep", rng.randint(30, 120)))
            if rng.random() < 0.3:  # the project's goals are met: back to a lighter accompaniment
                steps += [("paei", rng.randint(90, 300)), ("asep", None)]
            else:
                steps.append(("paei", None))
        periods = []
        day = start
        for code, days in steps:
            last = None if days is None else day + datetime.timedelta(days=days - 1)
            if last is None or (end is not None and last >= end):
                periods.append((code, day, end))
                break
            periods.append((code, day, last))
            day = last + ONE_DAY
        return periods

    def _plan_situations(self, youth: _Youth) -> list[tuple[str, datetime.date]]:
        """The situation when met, then a possible change each September while followed."""
        rng = self.rng
        if rng.random() < 0.06:
            return []
        age = youth.age if youth.age is not None else 15
        if age <= 13:
            weights = (95, 5, 0, 0)
        elif age <= 15:
            weights = (88, 10, 2, 0)
        elif age <= 17:
            weights = (55, 25, 17, 3)
        elif age <= 20:
            weights = (15, 40, 25, 20)
        else:
            weights = (3, 45, 20, 32)
        codes = ("scolarise", "rupture", "formation", "emploi")
        current = rng.choices(codes, weights=weights)[0]
        history = [(current, youth.first_contact - datetime.timedelta(days=rng.randint(0, 400)))]
        last_day = min(youth.until, D(youth.last_year, 12, 31))
        for year in range(youth.first_year, youth.last_year + 1):
            day = D(year, 9, rng.randint(1, 30))
            if not youth.first_contact < day <= last_day:
                continue
            following = self._next_situation(current, youth.age_in(year) or 15)
            if following != current:
                history.append((following, day))
                current = following
        return history

    def _next_situation(self, current: str, age: int) -> str:
        draw = self.rng.random()
        if current == "scolarise":
            if age >= 16:
                return "rupture" if draw < 0.2 else "formation" if draw < 0.3 else current
            return "rupture" if draw < 0.05 else current
        if current == "rupture":
            if draw < 0.25:
                return "formation"
            if age >= 18 and draw < 0.4:
                return "emploi"
            return "scolarise" if age < 16 and draw < 0.35 else current
        if current == "formation":
            return "emploi" if age >= 17 and draw < 0.25 else "rupture" if draw > 0.9 else current
        return "rupture" if draw < 0.1 else current

    def _save_youths(self, youths: list[_Youth]) -> None:
        rng, ref, year = self.rng, self.ref, self.year
        rows = []
        for number, youth in enumerate(youths, start=1):
            birth_year = None if youth.age is None else year - youth.age
            # About half the youths gave their birth date; the others only their age.
            birth_date = (
                D(birth_year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
                if birth_year and rng.random() < 0.5
                else None
            )
            first_names = {"H": catalogue.MALE_NAMES, "F": catalogue.FEMALE_NAMES}.get(
                youth.sex, catalogue.MALE_NAMES + catalogue.FEMALE_NAMES
            )
            prefix = youth.commune.prefix if youth.commune else "EQ"
            rows.append(
                Youth(
                    team_id=self.team.pk,
                    first_name=rng.choice(first_names) if rng.random() < 0.97 else "",
                    nickname=rng.choice(catalogue.NICKNAMES) if rng.random() < 0.1 else "",
                    code=f"{prefix}{year % 100:02d}-{number:04d}",
                    sex=youth.sex,
                    birth_year=birth_year,
                    birth_date=birth_date,
                    commune_id=youth.commune.pk if youth.commune else None,
                    quartier_id=youth.quartier,
                    origin_id=ref[Origin][youth.origin] if youth.origin else None,
                    first_contact_date=youth.first_contact,
                )
            )
        self.writer.save(Youth, rows)
        for youth, row in zip(youths, rows, strict=True):
            youth.pk = row.pk
        self.writer.save(
            SituationChange,
            (
                SituationChange(youth_id=y.pk, situation_id=ref[Situation][code], since=since)
                for y in youths
                for code, since in y.situations
            ),
        )
        self._save_periods(youths)

    def _save_periods(self, youths: list[_Youth]) -> None:
        rng, modalities = self.rng, self.ref[Modality]
        owners = [(y, code) for y in youths for code, _s, _e in y.periods]
        periods = self.writer.save(
            AccompanimentPeriod,
            (
                AccompanimentPeriod(youth_id=y.pk, modality_id=modalities[code], start=start, end=end)
                for y in youths
                for code, start, end in y.periods
            ),
        )
        referents, goals = [], []
        for period, (youth, code) in zip(periods, owners, strict=True):
            commune = youth.commune or self.team.communes[0]
            referents.append((period.pk, commune.referent))
            if code != "paei":
                continue
            # An individualised project is carried by two educators, with a few written goals.
            if commune.binome != commune.referent:
                referents.append((period.pk, commune.binome))
            older = (youth.age_in(period.start.year) or 15) >= 16
            choices = texts.PAEI_GOALS_OLDER if older else texts.PAEI_GOALS_YOUNGER
            last_day = period.end or D(self.last_year, 12, 31)
            for position, text in enumerate(rng.sample(choices, rng.randint(2, 3))):
                reached = period.start + datetime.timedelta(days=rng.randint(20, 200))
                goals.append(
                    PaeiGoal(
                        period_id=period.pk,
                        text=text,
                        position=position,
                        reached_on=reached if reached <= last_day and rng.random() < 0.4 else None,
                    )
                )
        self.writer.link(AccompanimentPeriod.referents, referents)
        self.writer.save(PaeiGoal, goals)

    # Interventions ---------------------------------------------------------------------------------

    def _save_interventions(self, youths: list[_Youth]) -> None:
        rng, calendar, year = self.rng, self.calendar, self.year
        planned: list[tuple[Intervention, list[str], list[int], list[int]]] = []
        for youth in youths:
            spans = [
                (code, max(start, calendar.first), min(end or calendar.last, calendar.last))
                for code, start, end in youth.periods
                if start <= calendar.last and (end is None or end >= calendar.first)
            ]
            if not spans:
                continue
            weights = [
                _INTERVENTION_RATES[code] * ((last - first).days + 1) / 365 for code, first, last in spans
            ]
            count = round(sum(weights) * rng.uniform(0.5, 1.5))
            if count == 0 and rng.random() < 0.6:
                count = 1
            commune = youth.commune or self.team.communes[0]
            age = youth.age_in(year)
            for _ in range(count):
                _code, first, last = rng.choices(spans, weights=weights)[0]
                day = calendar.working_day(rng, first, last)
                domains = self._domains(youth, age, day)
                at_college = youth.at_college(year) and youth.situation_on(day) == "scolarise"
                notes = [
                    n for n in texts.INTERVENTION_NOTES[domains[0]] if at_college or not n.collegians_only
                ]
                note = rng.choice(notes)
                educators = [commune.referent]
                if commune.binome != commune.referent and (
                    note.kind == InterventionKind.ESCORT or rng.random() < 0.25
                ):
                    educators.append(commune.binome)
                partners = [self._partner(note.partner, commune)] if note.partner else []
                intervention = Intervention(
                    team_id=self.team.pk, youth_id=youth.pk, date=day, kind=note.kind, note=note.text
                )
                planned.append((intervention, domains, educators, partners))
        planned.sort(key=lambda p: (p[0].date, p[0].youth_id))
        self.writer.save(Intervention, (p[0] for p in planned))
        domain_pks = self.ref[Domain]
        self.writer.link(
            Intervention.domains, ((i.pk, domain_pks[c]) for i, codes, _e, _p in planned for c in codes)
        )
        self.writer.link(Intervention.educators, ((i.pk, u) for i, _d, users, _p in planned for u in users))
        self.writer.link(
            Intervention.partners, ((i.pk, p) for i, _d, _e, partners in planned for p in partners)
        )

    def _domains(self, youth: _Youth, age: int | None, day: datetime.date) -> list[str]:
        """One to three different domains that fit the youth's age and situation."""
        age = 15 if age is None else age
        situation = youth.situation_on(day)
        fitting = [
            (code, weight)
            for code, weight in _DOMAIN_WEIGHTS.items()
            if age >= _DOMAIN_MIN_AGE.get(code, 0)
            and (code != "scolarite" or (age <= 18 and situation not in ("emploi", "formation")))
        ]
        chosen = []
        for _ in range(self.rng.choices((1, 2, 3), weights=(45, 38, 17))[0]):
            code = _weighted(self.rng, fitting)
            chosen.append(code)
            fitting = [pair for pair in fitting if pair[0] != code]
        return chosen

    def _partner(self, key: str, commune: _Commune) -> int:
        """The partner the demo texts call ``key``: the commune's own, or one of the organisation."""
        return commune.partners.get(key) or self.world.partners[key]
