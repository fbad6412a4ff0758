"""Forms of the individualised project (PAEI): a goal, and a review of every goal."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carnet.editing.forms import VersionedForm
from carnet.referentials.models import Domain

from .forms import NOTE_REMINDER, DateInput
from .models import AccompanimentPeriod, GoalProgress, PaeiGoal


class PaeiGoalForm(VersionedForm, forms.Form):
    text = forms.CharField(
        label=_("Objectif"),
        max_length=200,
        help_text=_("Quelques mots, tels que convenus avec le jeune."),
    )
    domain = forms.ModelChoiceField(label=_("Domaine"), queryset=Domain.objects.none(), required=False)
    target_date = forms.DateField(label=_("Échéance"), required=False, widget=DateInput())

    def __init__(
        self, *args: Any, period: AccompanimentPeriod, goal: PaeiGoal | None = None, **kwargs
    ) -> None:
        if goal is not None:
            kwargs.setdefault("initial", self.initial_from(goal))
        super().__init__(*args, **kwargs)
        self.track_version(goal)
        self.fields["domain"].queryset = Domain.objects.filter(
            organisation=period.youth.team.organisation_id, is_active=True
        )
        self.fields["domain"].empty_label = _("Non précisé")

    def initial_from(self, instance: PaeiGoal) -> dict[str, Any]:
        return {"text": instance.text, "domain": instance.domain_id, "target_date": instance.target_date}


class PaeiReviewForm(forms.Form):
    """The review's date and the next one, then per goal a progress and a note
    (fields ``progress_<id>`` and ``note_<id>``)."""

    date = forms.DateField(label=_("Date du point"), widget=DateInput())
    next_review_on = forms.DateField(label=_("Prochain point"), required=False, widget=DateInput())

    def __init__(self, *args: Any, goals: list[PaeiGoal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        self.initial.setdefault("date", timezone.localdate())
        for goal in goals:
            self.fields[f"progress_{goal.pk}"] = forms.ChoiceField(
                label=goal.text, choices=GoalProgress.choices, widget=forms.RadioSelect
            )
            self.fields[f"note_{goal.pk}"] = forms.CharField(
                label=_("Note factuelle"), max_length=500, required=False, help_text=NOTE_REMINDER
            )

    def goal_fields(self) -> list[tuple[PaeiGoal, forms.BoundField, forms.BoundField]]:
        return [(goal, self[f"progress_{goal.pk}"], self[f"note_{goal.pk}"]) for goal in self.goals]

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("La date ne peut pas être dans le futur."))
        return day

    def review(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "next_review_on": data["next_review_on"],
            "progress": {g.pk: (data[f"progress_{g.pk}"], data[f"note_{g.pk}"]) for g in self.goals},
        }
