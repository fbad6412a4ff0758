"""Importing a whole export at once: Carnet's ZIP of CSV files or its JSON document.

Kinds are imported in order (youths first: the other files name them), all in
one transaction: if a row of any file is refused, nothing at all is written.
A dry run goes as far as a real import, then undoes it, so that it checks the
situations and interventions of youths the same package creates.
"""

import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from carnet.access.models import User
from carnet.access.permissions import Capability, has_capability
from carnet.organisations.models import Team

from . import attached, limits
from .attached_import import import_attached
from .columns import KIND_LABELS, ImportKind, header_score
from .export import FILE_NAMES, FORMAT, JSON_KEYS
from .mapping import MappingProblem, ValueMatcher, propose_columns
from .reading import Sheet, SheetRow, UnreadableFile, read_sheet
from .report import ImportReport
from .review import Decisions
from .services import import_sheet
from .structure import ensure_structure

Progress = Callable[[int, int], None]


@dataclass
class PackageReport:
    filename: str
    dry_run: bool
    team: Team | None = None
    reports: list[ImportReport] = field(default_factory=list)
    # The PAEI, action–need links and agenda (``attached``), read once every kind above is.
    attached_reports: list[ImportReport] = field(default_factory=list)
    created_frame: Counter = field(default_factory=Counter)
    not_checked: list[ImportKind] = field(default_factory=list)
    # Youths of the restricted archive the export itself left behind (export_scope), as it says.
    left_behind: int = 0
    written: bool = False

    @property
    def ok(self) -> bool:
        return all(report.ok for report in (*self.reports, *self.attached_reports))

    @property
    def refused_rows(self) -> int:
        return sum(report.refused_rows for report in (*self.reports, *self.attached_reports))

    def lines(self) -> list[str]:
        mode = "Essai à blanc (rien n'est enregistré)" if self.dry_run else "Import"
        lines = [
            f"{mode} — export complet — {self.filename}"
            + (f" — équipe {self.team.name}" if self.team else "")
        ]
        if self.created_frame:
            verb = "ont été" if self.written else "seraient"
            lines.append(
                f"Cadre de l'équipe, fiches qui {verb} créées — "
                + ", ".join(f"{what} : {count}" for what, count in self.created_frame.items())
                + "."
            )
        for report in (*self.reports, *self.attached_reports):
            report.dry_run = self.dry_run
            report.written = self.written
            lines.extend(report.lines())
        if self.left_behind:
            lines.append(
                f"Cet export ne contient pas {self.left_behind} jeune(s) de l'archive restreinte, ni leurs "
                "fiches (exporté par qui ne peut pas ouvrir l'archive) : le bilan des périodes où ils "
                "comptaient en diffère d'autant."
            )
        if self.not_checked:
            lines.append(
                "Non vérifiés, faute de pouvoir s'appuyer sur les fichiers précédents : "
                + ", ".join(KIND_LABELS[kind] for kind in self.not_checked)
                + "."
            )
        if not self.ok and not self.dry_run:
            lines.append(
                "Aucune donnée n'a été enregistrée : corrigez les lignes refusées puis relancez l'import."
            )
        return lines


class _Undo(Exception):
    """Raised inside the transaction to undo a dry run or a refused import."""


def is_package(content: bytes, filename: str) -> bool:
    """A Carnet export (JSON document, or ZIP of CSV files) rather than one spreadsheet."""
    if filename.lower().endswith(".json"):
        return True
    if content[:2] != b"PK":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return bool(set(archive.namelist()) & set(FILE_NAMES.values()))
    except zipfile.BadZipFile:
        return False


def import_package(
    *,
    content: bytes,
    filename: str,
    team: Team | None,
    dry_run: bool,
    user: User | None = None,
    decisions: Decisions | None = None,
    progress: Progress | None = None,
) -> PackageReport:
    """Import a ZIP (into ``team``) or a JSON document (into ``team``, else the document's own
    team, created with its frame when missing). Raises UnreadableFile or MappingProblem."""
    document = _json_document(content) if filename.lower().endswith(".json") else None
    if document is None and team is None:
        raise MappingProblem("Indiquez l'équipe dans laquelle importer ce ZIP.")
    if document is not None:
        sheets, later = _json_sheets(document, JSON_KEYS), _json_sheets(document, attached.JSON_KEYS)
    else:
        sheets, later = _zip_sheets(content, FILE_NAMES), _zip_sheets(content, attached.FILE_NAMES)
        if not sheets:
            raise UnreadableFile(
                "Ce ZIP ne contient aucun des fichiers d'un export de Carnet ("
                + ", ".join(FILE_NAMES.values())
                + ")."
            )
    report = PackageReport(filename=filename, dry_run=dry_run)
    total = sum(len(sheet.rows) for _kind, _name, sheet in (*sheets, *later)) or 1
    done = 0
    try:
        with transaction.atomic():
            if document is not None:
                # A person imports as far as their role goes: the frame the document would add
                # (referential values, communes) is for who may edit referentials; the command
                # line, run by the operator, has no such limit.
                may_add_frame = user is None or (
                    team is not None and has_capability(user, Capability.EDIT_REFERENTIALS, team=team)
                )
                team, report.created_frame = ensure_structure(
                    document=document, team=team, may_add_frame=may_add_frame
                )
            report.team = team
            if document is not None:
                report.left_behind = _left_behind(document)
            for position, (kind, name, sheet) in enumerate(sheets):
                offset = done
                kind_report = import_sheet(
                    team=team,
                    kind=kind,
                    sheet=sheet,
                    mapping=propose_columns(kind, sheet.headers),
                    filename=name,
                    dry_run=False,
                    user=user,
                    matcher=ValueMatcher(team=team),
                    decisions=decisions,
                    progress=_share(progress, offset, len(sheet.rows), total),
                )
                done += len(sheet.rows)
                report.reports.append(kind_report)
                if not kind_report.ok:
                    report.not_checked = [kind for kind, _name, _sheet in sheets[position + 1 :]]
                    break
            for kind, name, sheet in later if report.ok else ():
                kind_report = import_attached(
                    team=team, kind=kind, sheet=sheet, filename=name, user=user, decisions=decisions
                )
                report.attached_reports.append(kind_report)
                done += len(sheet.rows)
                if progress:
                    progress(done, total)
                if not kind_report.ok:
                    break
            if dry_run or not report.ok:
                raise _Undo
    except _Undo:
        pass
    else:
        report.written = True
    if progress:
        progress(total, total)
    return report


def _left_behind(document: dict) -> int:
    count = (document.get("non_exportes") or {}).get("jeunes_en_archive_restreinte") or 0
    return count if isinstance(count, int) else 0


def _share(progress: Progress | None, offset: int, rows: int, total: int) -> Progress | None:
    """One file's progress as its share of the whole package's."""
    if progress is None:
        return None

    def report(done: int, of: int) -> None:
        progress(offset + (rows * done // of if of else rows), total)

    return report


def _json_document(content: bytes) -> dict:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableFile(f"Document JSON illisible : {error}") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise UnreadableFile(
            f"Ce document JSON n'est pas un export de Carnet (« format » : « {FORMAT} » attendu)."
        )
    return document


def _json_sheets(document: dict, keys: dict) -> list[tuple]:
    """(kind, key, sheet) for each kind of ``keys`` the document has records of."""
    sheets = []
    for kind, key in keys.items():
        items = document.get(key) or []
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise UnreadableFile(f"Document JSON : « {key} » doit être une liste d'objets.")
        if not items:
            continue
        if len(items) > limits.MAX_ROWS:
            raise UnreadableFile(str(limits.rows_refused(len(items))))
        headers = list(dict.fromkeys(header for item in items for header in item))
        if len(headers) > limits.MAX_COLUMNS:
            raise UnreadableFile(f"Document JSON, « {key} » : " + str(limits.columns_refused(1)))
        rows = [
            # The n-th object of the list is "ligne n" of the messages.
            SheetRow(number, tuple(item.get(header) for header in headers))
            for number, item in enumerate(items, start=1)
        ]
        sheets.append((kind, key, Sheet(headers=headers, rows=rows, header_row=0)))
    return sheets


def _zip_sheets(content: bytes, names: dict) -> list[tuple]:
    """(kind, file name, sheet) for each kind of ``names`` the ZIP has records of."""
    sheets = []
    with _archive(content) as archive:
        present = set(archive.namelist())
        for kind, name in names.items():
            if name not in present:
                continue
            score = header_score(kind) if isinstance(kind, ImportKind) else None
            sheet = read_sheet(archive.read(name), name, header_score=score)
            if sheet.rows:
                sheets.append((kind, name, sheet))
    return sheets


def _archive(content: bytes) -> zipfile.ZipFile:
    """The export's ZIP, once its directory shows it within the limits (nothing expanded yet)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise UnreadableFile("Le fichier ZIP ne peut pas être lu.") from error
    try:
        limits.check_archive(archive, what="Le fichier ZIP")
    except limits.TooLarge as problem:
        archive.close()
        raise UnreadableFile(str(problem)) from problem
    return archive


def check_package(content: bytes, filename: str) -> None:
    """What the page checks before handing a package to the task worker: a ZIP's directory
    (its size once expanded, its files), nothing that expands or parses it."""
    if filename.lower().endswith(".json"):
        if not content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            raise UnreadableFile("Ce fichier n'est pas un document JSON (il doit commencer par « { »).")
        return
    with _archive(content) as archive:
        if not set(archive.namelist()) & set(FILE_NAMES.values()):
            raise UnreadableFile(
                "Ce ZIP ne contient aucun des fichiers d'un export de Carnet ("
                + ", ".join(FILE_NAMES.values())
                + ")."
            )
