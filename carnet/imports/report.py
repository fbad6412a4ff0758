"""The report of an import: rows read, created, updated and unchanged, and the rows refused."""

from dataclasses import dataclass, field

from .columns import KIND_LABELS, ImportKind
from .reading import RowError


@dataclass
class ImportReport:
    kind: ImportKind
    filename: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_values: list[tuple[str, str, int]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False

    @property
    def refused_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        """The report, in French, as printed by the command and shown by the page."""
        what = KIND_LABELS[self.kind]
        mode = "Essai à blanc (rien n'est enregistré)" if self.dry_run else "Import"
        lines = [f"{mode} — {what} — {self.filename} : {self.rows} ligne(s) lue(s)."]
        if self.ignored_columns:
            lines.append("Colonnes ignorées : " + ", ".join(f"« {name} »" for name in self.ignored_columns))
        verb = "seraient" if self.dry_run or not self.written else "ont été"
        lines.append(
            f"{self.created} fiche(s) {verb} créée(s), {self.updated} {verb} mise(s) à jour, "
            f"{self.unchanged} déjà à jour."
        )
        if self.errors:
            lines.append(f"{self.refused_rows} ligne(s) refusée(s) :")
            lines.extend(f"  {error}" for error in self.errors)
        if self.unknown_values:
            lines.append("Valeurs inconnues (à corriger ou à indiquer dans le fichier de correspondance) :")
            lines.extend(
                f"  colonne « {column} » : « {value} » ({count} ligne(s))"
                for column, value, count in self.unknown_values
            )
        if self.errors and not self.dry_run:
            lines.append(
                "Aucune donnée n'a été enregistrée : corrigez les lignes refusées puis relancez l'import."
            )
        return lines
