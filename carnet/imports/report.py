"""The report of an import: rows read, created, updated and unchanged, and the rows refused."""

from dataclasses import dataclass, field

from .columns import KIND_LABELS, ImportKind
from .reading import RowError
from .review import Change, Interpretation, PossibleDuplicate


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
    interpretations: list[Interpretation] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    duplicates: list[PossibleDuplicate] = field(default_factory=list)
    skipped: int = 0
    dry_run: bool = True
    written: bool = False

    @property
    def refused_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def unresolved(self) -> list[PossibleDuplicate]:
        return [duplicate for duplicate in self.duplicates if not duplicate.resolved]

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def ok(self) -> bool:
        """Nothing refused and nothing left for the user to decide: the import may be written."""
        return not self.errors and not self.unresolved

    def lines(self) -> list[str]:
        """The report, in French, as printed by the command and shown by the page."""
        what = self.label
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
        if self.skipped:
            lines.append(f"{self.skipped} ligne(s) laissée(s) de côté à votre demande.")
        if self.interpretations:
            lines.append(
                "Valeurs lues autrement que telles quelles (à confirmer ou corriger dans la correspondance) :"
            )
            lines.extend(f"  {interpretation}" for interpretation in self.interpretations)
        if self.duplicates:
            lines.append(
                f"{len(self.duplicates)} doublon(s) possible(s) : même jeune, un autre jeune, "
                "ou ligne ignorée ? (--decisions, ou sur la page d'import)"
            )
            lines.extend(f"  {_duplicate_line(duplicate)}" for duplicate in self.duplicates)
        if self.changes:
            accepted = sum(change.accepted for change in self.changes)
            lines.append(
                f"{len(self.changes)} modification(s) de valeurs enregistrées, dont {accepted} acceptée(s) "
                "(les autres ne sont pas appliquées ; --accept-changes ou --decisions pour les accepter) :"
            )
            lines.extend(
                f"  ligne {change.row} — {change}{'' if change.accepted else ' (non appliquée)'}"
                for change in self.changes
            )
        if self.unknown_values:
            lines.append("Valeurs inconnues (à corriger ou à indiquer dans le fichier de correspondance) :")
            lines.extend(
                f"  colonne « {column} » : « {value} » ({count} ligne(s))"
                for column, value, count in self.unknown_values
            )
        if self.unresolved and not self.dry_run:
            lines.append(
                "Aucune donnée n'a été enregistrée : dites pour chaque doublon possible ce qu'il en est."
            )
        if self.errors and not self.dry_run:
            lines.append(
                "Aucune donnée n'a été enregistrée : corrigez les lignes refusées puis relancez l'import."
            )
        return lines


_ANSWERS = {"new": "un autre jeune (nouvelle fiche)", "skip": "ligne ignorée", "": "à décider"}


def _duplicate_line(duplicate: PossibleDuplicate) -> str:
    def shown(identity: dict[str, str]) -> str:
        return ", ".join(f"{name.lower()} {value}" for name, value in identity.items() if value)

    others = " ; ".join(
        f"n° {candidate.id} ({shown(candidate.identity)})" for candidate in duplicate.candidates
    )
    answer = _ANSWERS.get(duplicate.decision) or f"même jeune que le n° {duplicate.decision}"
    differs = f" — diffère par : {', '.join(duplicate.differences)}" if duplicate.differences else ""
    return f"ligne {duplicate.row} ({shown(duplicate.identity)}) ~ {others}{differs} → {answer}"
