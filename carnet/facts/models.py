"""Derived facts, kept true by the write services (``carnet.facts.services``).

Each fact table has two indexes only, its unique key and (for interventions) the covering
index the report reads: every index is written again at each refresh, and the keys' first
columns already find a youth's or a team's facts.

A fact is a sum the records already say; it is stored so that an organisation's
report over whole years reads a few rows per youth instead of every record.
``bin/carnet check-facts`` compares the facts with the records; ``bin/carnet
rebuild-facts`` writes them again from the records.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InterventionFact(models.Model):
    """A youth's interventions of one calendar year tagged with one domain, counting only
    those recorded by the youth's own team (the others count in no report, R8).

    ``previous_year`` is the latest earlier year of the same youth's facts of the same
    domain (None: none). Over a range of years, the youths of a domain are then the facts
    whose previous year falls before the range, one per youth: a filtered count instead of
    a COUNT(DISTINCT youth), which sorted every fact of an organisation's years."""

    team = models.ForeignKey(
        "organisations.Team",
        verbose_name=_("équipe"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    youth = models.ForeignKey(
        "youths.Youth", verbose_name=_("jeune"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("année"))
    domain = models.ForeignKey(
        "referentials.Domain",
        verbose_name=_("domaine"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    interventions = models.PositiveIntegerField(_("interventions"))
    previous_year = models.PositiveSmallIntegerField(_("année précédente"), null=True, blank=True)

    class Meta:
        verbose_name = _("fait : interventions d'un jeune par an et domaine")
        constraints = [
            models.UniqueConstraint(fields=["youth", "year", "domain"], name="intervention_fact_unique"),
        ]
        indexes = [
            # Covering: the domain table of an organisation's years reads this index alone.
            models.Index(
                fields=["team", "year", "domain", "previous_year", "interventions"],
                name="intervention_fact_team_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.youth_id} {self.year} {self.domain_id}: {self.interventions}"


class TeamYearFact(models.Model):
    """What the facts of a team's records share: the team, and the calendar year counted
    (the unique constraint of each fact starts with them, which also indexes the team)."""

    team = models.ForeignKey(
        "organisations.Team",
        verbose_name=_("équipe"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    year = models.PositiveSmallIntegerField(_("année"))

    class Meta:
        abstract = True


class DomainYearFact(TeamYearFact):
    """A team's intervention facts of one calendar year and domain that share their previous
    year (0: none): their number, one per youth, and their interventions. The domain table
    of an organisation's whole years sums these rows (a few per team, year and domain)
    instead of every youth's facts (R8): its youths over years A to B are those of the rows
    of those years whose previous year is before A."""

    domain = models.ForeignKey(
        "referentials.Domain",
        verbose_name=_("domaine"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    previous_year = models.PositiveSmallIntegerField(_("année précédente"))
    youths = models.PositiveIntegerField(_("jeunes"))
    interventions = models.PositiveIntegerField(_("interventions"))

    class Meta:
        verbose_name = _("fait : interventions d'une équipe par an, domaine et année précédente")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "year", "domain", "previous_year"], name="domain_year_fact_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.year} {self.domain_id} {self.previous_year}: {self.youths}"


class PresenceFact(TeamYearFact):
    """A team's street-presence sessions of one calendar year of one kind (R12): their number,
    summed minutes and summed head counts of youths met."""

    kind = models.ForeignKey(
        "referentials.PresenceKind",
        verbose_name=_("type"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    sessions = models.PositiveIntegerField(_("séances"))
    minutes = models.PositiveIntegerField(_("minutes"))
    youths_met = models.PositiveIntegerField(_("jeunes rencontrés"))

    class Meta:
        verbose_name = _("fait : présence sociale d'une équipe par an et type")
        constraints = [
            models.UniqueConstraint(fields=["team", "year", "kind"], name="presence_fact_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.year} {self.kind_id}: {self.sessions}"


class ActionFact(TeamYearFact):
    """A team's collective actions starting in one calendar year of one action type (R9): their
    number and the sum of their spans (end date minus start date, in days)."""

    action_type = models.ForeignKey(
        "referentials.ActionType",
        verbose_name=_("type d'action"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    actions = models.PositiveIntegerField(_("actions"))
    span = models.PositiveIntegerField(_("jours après le premier"))

    class Meta:
        verbose_name = _("fait : actions collectives d'une équipe par an et type")
        constraints = [
            models.UniqueConstraint(fields=["team", "year", "action_type"], name="action_fact_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.year} {self.action_type_id}: {self.actions}"


class ActionLineFact(TeamYearFact):
    """A team's collective actions starting in one calendar year of one title, type and role:
    one line of the action list (R15) for that team and year. The figures are those of
    ``carnet.reports.rules.activity.action_line_figures``, summed by the report over the years
    and teams of its scope: the first action (its number, not a link: the fact is rewritten
    when the action goes), the number of actions, the first start and last end dates, the
    summed spans and participants."""

    title = models.CharField(_("intitulé"), max_length=200)
    action_type = models.ForeignKey(
        "referentials.ActionType",
        verbose_name=_("type d'action"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    role = models.CharField(_("rôle de l'équipe"), max_length=20)
    first_action = models.PositiveBigIntegerField(_("première action"))
    actions = models.PositiveIntegerField(_("actions"))
    first_date = models.DateField(_("premier jour"))
    last_date = models.DateField(_("dernier jour"))
    span = models.PositiveIntegerField(_("jours après le premier"))
    participants = models.PositiveIntegerField(_("participants"))

    class Meta:
        verbose_name = _("fait : ligne de la liste des actions d'une équipe par an")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "year", "title", "action_type", "role"], name="action_line_fact_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.year} {self.title}: {self.actions}"
