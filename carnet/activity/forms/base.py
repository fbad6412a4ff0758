"""What every entry form shares: choices cut to the user's teams, defaults, the youth picker.

A form never saves: a view passes ``service_kwargs()`` to a service function and
puts the service's errors back next to the fields (``add_service_errors``).
"""

import datetime
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carnet.access.models import User
from carnet.access.visibility import visible_within
from carnet.editing.forms import VersionedForm
from carnet.organisations.models import Team
from carnet.youths.models import Youth

from .. import queries

# The durations educators record most, offered as one-tap choices (minutes).
DURATION_CHOICES = [(60, _("1 h")), (90, _("1 h 30")), (120, _("2 h")), (180, _("3 h"))]
# The submit button that searches youths without saving, when JavaScript is off.
SEARCH_BUTTON = "search"
# Youth fields picked by typing a few letters: field name -> several youths?
PICKERS = {"youth": False, "known_youths": True, "participants": True}
# How an entry made on the phone names a youth created on the phone too (see PhoneYouths).
CLIENT_YOUTH_PREFIX = "client:"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NumberInput(forms.NumberInput):
    """A count typed with the phone's digit keyboard."""

    def __init__(self, **kwargs):
        super().__init__(attrs={"inputmode": "numeric", "min": 0, **kwargs.pop("attrs", {})}, **kwargs)


def count_field(label: str, **kwargs: Any) -> forms.IntegerField:
    """A head count; left empty it counts zero."""
    return forms.IntegerField(
        label=label, min_value=0, max_value=10_000, required=False, widget=NumberInput(), **kwargs
    )


class PhoneYouths:
    """A youth chosen as ``client:<uuid>``: a youth created on the phone without network, named
    in an entry before the server gave it a number. It is the youth the same educator sent
    with that identifier, which the phone sends first."""

    author: User | None = None

    def resolve(self, value: Any) -> Any:
        if not (isinstance(value, str) and value.startswith(CLIENT_YOUTH_PREFIX)):
            return value
        try:
            client_uuid = uuid.UUID(value.removeprefix(CLIENT_YOUTH_PREFIX))
        except ValueError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None
        youth = self.queryset.filter(created_by=self.author, client_uuid=client_uuid).first()
        if youth is None:
            raise ValidationError(
                _("Ce jeune, créé sans réseau, n'est pas encore arrivé : sa fiche doit partir d'abord."),
                code="youth_not_sent",
            )
        return youth.pk


class YouthChoiceField(PhoneYouths, forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        return super().to_python(self.resolve(value))


class YouthsChoiceField(PhoneYouths, forms.ModelMultipleChoiceField):
    def clean(self, value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        return super().clean([self.resolve(item) for item in values])


def youth_field(name: str, label: str, *, required: bool = False) -> forms.Field:
    messages = {
        "required": _("Choisissez un jeune."),
        "invalid_choice": _("Ce jeune n'est pas suivi par votre équipe."),
        "invalid_pk_value": _("Ce jeune n'est pas suivi par votre équipe."),
    }
    if PICKERS[name]:
        return YouthsChoiceField(
            label=label,
            queryset=Youth.objects.none(),
            required=required,
            widget=forms.MultipleHiddenInput,
            error_messages=messages,
        )
    return YouthChoiceField(
        label=label,
        queryset=Youth.objects.none(),
        required=required,
        widget=forms.HiddenInput,
        error_messages=messages,
    )


def _ids(value: Any) -> list[int]:
    """Primary keys out of a field's value: a record, a key, a string, or a list of them."""
    values = value if isinstance(value, list | tuple | QuerySet) else [value]
    ids = []
    for item in values:
        key = item.pk if isinstance(item, Model) else item
        # At most 18 digits: a key the database can hold (a longer one, "?youth=9999…", is none).
        if re.fullmatch(r"[0-9]{1,18}", str(key)):
            ids.append(int(key))
    return ids


@dataclass(frozen=True)
class YouthPicker:
    """A youth field as the form shows it: youths chosen, and those the typed letters find."""

    name: str
    label: str
    multiple: bool
    query: str = ""
    selected: list[Youth] = field(default_factory=list)
    results: list[Youth] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    required: bool = False

    @property
    def searched(self) -> bool:
        return len(self.query.strip()) >= queries.SEARCH_MIN_LENGTH


def youth_picker(
    *,
    name: str,
    youths: QuerySet[Youth],
    chosen: Iterable[int],
    query: str,
    label: str = "",
    errors: Iterable[str] = (),
    required: bool = False,
) -> YouthPicker:
    chosen = list(chosen)
    selected = list(youths.filter(pk__in=chosen)) if chosen else []
    results = queries.youths_matching(youths=youths, text=query, exclude=[youth.pk for youth in selected])
    return YouthPicker(
        name=name,
        label=label,
        multiple=PICKERS[name],
        query=query,
        selected=selected,
        results=results,
        errors=list(errors),
        required=required,
    )


def youth_picker_for_search(
    *, youths: QuerySet[Youth], teams: QuerySet[Team], data: QueryDict
) -> YouthPicker:
    """The picker the htmx search asks for: ``field``, the letters typed and the youths ticked,
    among ``youths`` (the reader's, from the permission layer)."""
    name = data.get("field", "")
    if name not in PICKERS:
        raise Http404("Unknown youth field")
    team = data.get("team", "")
    if team.isdigit() and teams.filter(pk=team).exists():
        youths = youths.filter(team=team)
    return youth_picker(
        name=name, youths=youths, chosen=_ids(data.getlist(name)), query=data.get(f"q-{name}", "")
    )


class EntryForm(VersionedForm, forms.Form):
    """An activity record's form: choices limited to ``teams``, defaults for a quick entry;
    the change of a record carries the version it was opened at (``VersionedForm``).

    Subclasses name their fields like the service's arguments; ``derived`` lists the
    fields computed in ``clean`` from others, ``helpers`` the fields only the form reads.
    """

    helpers: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()
    # Service error keys shown on another field of the form.
    error_fields: dict[str, str] = {}
    # A quick entry the phone may save without network: a new one carries the entry's identifier.
    offline_entry = False

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        teams: QuerySet[Team],
        user: User,
        instance: Model | None = None,
        search: QueryDict | None = None,
        **kwargs: Any,
    ):
        self.teams, self.user, self.instance = teams, user, instance
        # Youths named in a record or offered by a picker are read through the layer, so audited.
        self.youths = visible_within(user, teams).youths()
        self.search = search if search is not None else (data or QueryDict())
        super().__init__(data, **kwargs)
        self.today = timezone.localdate()
        self.setup_choices()
        if "team" in self.fields:
            self.fields["team"].queryset = teams.order_by("name")
            if len(self.fields["team"].queryset) == 1:
                self.fields["team"].widget = forms.HiddenInput()
        for name in PICKERS:
            if name in self.fields:
                self.fields[name].queryset = self.youths
                self.fields[name].author = user
        if self.offline_entry and instance is None:
            # The page gives every entry a new identifier (offline.js); this one serves
            # browsers without JavaScript, where each page shown is one entry.
            self.fields["client_uuid"] = forms.UUIDField(
                required=False, widget=forms.HiddenInput, initial=uuid.uuid4
            )
        self.initial.update(self.initial_from(instance) if instance is not None else self.defaults())
        self.track_version(instance)

    # Subclasses fill these in.
    def setup_choices(self) -> None:
        pass

    def defaults(self) -> dict[str, Any]:
        return {}

    def initial_from(self, instance: Model) -> dict[str, Any]:
        return forms.models.model_to_dict(instance, fields=list(self.fields))

    # Shared choices and defaults.
    def educator_choices(self) -> None:
        include = self.instance.educators.values_list("pk", flat=True) if self.instance else ()
        self.fields["educators"].queryset = queries.educators_of(teams=self.teams, include=list(include))
        self.fields["educators"].label_from_instance = lambda user: user.get_full_name() or user.username

    def place_choices(self) -> None:
        self.fields["commune"].queryset = queries.communes_of(teams=self.teams)
        if "quartier" in self.fields:
            self.fields["quartier"].queryset = queries.quartiers_of(teams=self.teams)

    def partner_choices(self, *, used_in: str) -> None:
        include = self.instance.partners.values_list("pk", flat=True) if self.instance else ()
        self.fields["partners"].queryset = queries.active_partners_of(
            teams=self.teams, include=list(include), used_in=used_in
        )

    def usual_defaults(self) -> dict[str, Any]:
        """Today, the educator's usual commune and team, the educator themself."""
        commune = queries.usual_commune(user=self.user, teams=self.teams)
        team = commune.team if commune else self.teams.order_by("name").first()
        return {"date": self.today, "team": team, "commune": commune, "educators": [self.user.pk]}

    # Pre-filling: ``?youth=12`` in a link, or the whole form when searching without JavaScript.
    def prefill(self, data: QueryDict, *, complete: bool) -> None:
        """Take initial values from ``data``; ``complete`` when it holds the whole form."""
        for name, bound in self.fields.items():
            key = self.add_prefix(name)
            if complete or key in data:
                self.initial[name] = bound.widget.value_from_datadict(data, {}, key)

    @cached_property
    def pickers(self) -> dict[str, YouthPicker]:
        return {
            name: youth_picker(
                name=name,
                label=self.fields[name].label,
                youths=self.youths,
                chosen=_ids(self[name].value()),
                query=self.search.get(f"q-{name}", ""),
                errors=self[name].errors if self.is_bound else [],
                required=self.fields[name].required,
            )
            for name in PICKERS
            if name in self.fields
        }

    @property
    def has_several_teams(self) -> bool:
        return "team" in self.fields and not self.fields["team"].widget.is_hidden

    # Handing over to the service.
    def service_kwargs(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.helpers and (name in self.fields or name in self.derived)
        }

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            target = self.error_fields.get(key, key)
            self.add_error(target if target in self.fields else None, errors)

    def clean_counts(self, *names: str) -> None:
        for name in names:
            if self.cleaned_data.get(name) is None and name not in self.errors:
                self.cleaned_data[name] = 0


class DurationFields(forms.Form):
    """A duration picked among the usual ones, or typed in minutes."""

    duration = forms.TypedChoiceField(
        label=_("Durée"),
        choices=DURATION_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    other_minutes = forms.IntegerField(
        label=_("Ou durée en minutes"),
        min_value=1,
        max_value=24 * 60,
        required=False,
        widget=NumberInput(attrs={"min": 1, "max": 24 * 60}),
        help_text=_("Une durée tapée ici remplace le choix ci-dessus."),
    )

    def clean_duration_minutes(self) -> None:
        minutes = self.cleaned_data.get("other_minutes") or self.cleaned_data.get("duration")
        if minutes is None and "other_minutes" not in self.errors:
            self.add_error("duration", _("Choisissez une durée."))
        self.cleaned_data["duration_minutes"] = minutes

    @staticmethod
    def duration_initial(minutes: int) -> dict[str, int | None]:
        if minutes in dict(DURATION_CHOICES):
            return {"duration": minutes, "other_minutes": None}
        return {"duration": None, "other_minutes": minutes}


def end_of(start: datetime.date, days: int) -> datetime.date:
    return start + datetime.timedelta(days=days - 1)
