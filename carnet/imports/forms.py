"""The forms of the import page: the file, its kind and team, then the columns and values to correct."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from .columns import COLUMNS, ImportKind
from .review import NEW, SKIP, Decisions

MAX_BYTES = 20 * 1024 * 1024
PACKAGE = "package"
KIND_CHOICES = [
    (ImportKind.YOUTHS.value, _("Jeunes")),
    (ImportKind.SITUATIONS.value, _("Situations")),
    (ImportKind.ACCOMPANIMENTS.value, _("Accompagnements (périodes et modalités)")),
    (ImportKind.INTERVENTIONS.value, _("Interventions")),
    (ImportKind.ACTIONS.value, _("Actions collectives (avec les jeunes connus)")),
    (ImportKind.PRESENCES.value, _("Présences sociales")),
    (ImportKind.MEETINGS.value, _("Réunions partenariales")),
    (ImportKind.DIAGNOSTICS.value, _("Diagnostics territoriaux")),
    (PACKAGE, _("Export complet de Carnet (ZIP de CSV ou document JSON)")),
]
SPREADSHEETS = (".csv", ".xlsx")
PACKAGES = (".zip", ".json")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Fichier (CSV, XLSX, ou export ZIP ou JSON)"))
    kind = forms.ChoiceField(label=_("Ce que contient le fichier"), choices=KIND_CHOICES)
    team = forms.ModelChoiceField(label=_("Équipe"), queryset=None, empty_label=None)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams.order_by("name")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (*SPREADSHEETS, *PACKAGES):
            raise forms.ValidationError(
                _("Format non pris en charge : CSV ou XLSX, ou export ZIP ou JSON de Carnet.")
            )
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Fichier trop volumineux (20 Mo au plus)."))
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload and kind:
            suffix = Path(upload.name).suffix.lower()
            if kind == PACKAGE and suffix not in PACKAGES:
                self.add_error("file", _("Un export complet de Carnet est un fichier ZIP ou JSON."))
            elif kind != PACKAGE and suffix not in SPREADSHEETS:
                self.add_error(
                    "kind", _("Un fichier ZIP ou JSON se dépose comme « Export complet de Carnet ».")
                )
        return cleaned


class CorrectionsForm(forms.Form):
    """One select per header of the file (its Carnet field) and per unknown value (its recorded value).

    ``headers`` are the file's headers; ``unknowns`` the (header, value, choices) the last check found.
    """

    def __init__(
        self,
        *args,
        kind: ImportKind,
        headers,
        columns: dict,
        unknowns,
        duplicates=(),
        changes=(),
        decisions: Decisions | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        field_choices = [("", _("— ignorer cette colonne —"))] + [
            (column.field, column.header) for column in COLUMNS[kind]
        ]
        self.header_fields = []
        for position, header in enumerate(headers):
            if not header:
                continue
            name = f"col_{position}"
            self.fields[name] = forms.ChoiceField(
                label=header, choices=field_choices, required=False, initial=columns.get(header) or ""
            )
            self.header_fields.append((name, header))
        self.value_fields = []
        for index, (header, value, choices, current) in enumerate(unknowns):
            name = f"val_{index}"
            self.fields[name] = forms.ChoiceField(
                label=f"{header} : « {value} »",
                choices=[("", _("— laisser refusé —")), *choices],
                required=False,
                initial=current or "",
            )
            self.value_fields.append((name, header, value))
        # Possible duplicates: the row is one of the recorded youths, another youth, or left out.
        self.duplicate_fields = []
        for duplicate in duplicates:
            name = f"dup_{duplicate.row}"
            self.fields[name] = forms.ChoiceField(
                label=_("Ligne %(row)s") % {"row": duplicate.row},
                choices=[
                    *(
                        (str(candidate.id), _("même jeune que le n° %(id)s") % {"id": candidate.id})
                        for candidate in duplicate.candidates
                    ),
                    (NEW, _("un autre jeune (nouvelle fiche)")),
                    (SKIP, _("ignorer cette ligne")),
                ],
                widget=forms.RadioSelect,
                required=False,
                initial=duplicate.decision,
            )
            self.duplicate_fields.append((name, duplicate))
        # Changes of recorded values: applied only when ticked.
        self.change_fields = []
        for change in changes:
            name = f"chg_{change.row}_{change.field}"
            self.fields[name] = forms.BooleanField(label=str(change), required=False, initial=change.accepted)
            self.change_fields.append((name, change))
        decisions = decisions or Decisions()
        if changes:
            self.fields["accept_all"] = forms.BooleanField(
                label=_("Accepter toutes les modifications (aussi celles qui ne sont pas listées)"),
                required=False,
                initial=decisions.accept_all,
            )
        if duplicates:
            self.fields["duplicates_default"] = forms.ChoiceField(
                label=_("Pour les doublons possibles sans réponse"),
                choices=[
                    ("", _("— répondre ligne par ligne —")),
                    (NEW, _("un autre jeune (nouvelle fiche)")),
                    (SKIP, _("ignorer ces lignes")),
                ],
                required=False,
                initial=decisions.duplicates_default,
            )

    def decisions(self) -> Decisions:
        decisions = Decisions(
            accept_all=bool(self.cleaned_data.get("accept_all")),
            duplicates_default=self.cleaned_data.get("duplicates_default") or "",
        )
        for name, duplicate in self.duplicate_fields:
            if self.cleaned_data[name]:
                decisions.duplicates[duplicate.row] = self.cleaned_data[name]
        for name, change in self.change_fields:
            if self.cleaned_data[name]:
                decisions.accepted.setdefault(change.row, []).append(change.field)
        return decisions

    def columns(self) -> dict[str, str]:
        return {header: self.cleaned_data[name] for name, header in self.header_fields}

    def values(self) -> list[tuple[str, str, str]]:
        """(header, raw value, chosen target) for each value the user mapped."""
        return [
            (header, value, self.cleaned_data[name])
            for name, header, value in self.value_fields
            if self.cleaned_data[name]
        ]
