"""Report models (modèles de bilan): which sections a document has, in which order,
with which key figures, tables, charts, lists and written parts.

A model is a TOML file: Carnet ships built-ins (``builtin_models/``), an association
copies, edits or uploads its own. The outline (``renderers/outline.py``) reads a model
once; no renderer reads one.

    name = "Bilan d'activité"
    key_figures = ["youths", "youths_in_contact", "collective_actions"]

    [[sections]]
    key = "action_generale"
    title = "Action générale"
    blocks = ["narrative", "table:general_action"]
    text = "Ils sont en contact avec {youths_in_contact}."

Blocks: ``narrative`` (the team's text for the section, ``text`` its default, where
``{figure}`` is a live figure), ``table:KEY`` and ``chart:KEY`` (a table or a chart of
the report), ``summary`` (the seed's summary table), ``actions`` (the list of
collective actions), ``partners`` (the partners mobilised). A section's title may say
``{territoire}`` (the commune of the report, else the team). ``target_age = [11, 18]``
sets the département's target ages; ``needs`` lists figures Carnet may not hold
(``model_needs.py``) so that the page says which are missing, and why.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .figures import known_keys
from .model_needs import NEEDS
from .model_tables import MODEL_TABLES, ModelTableOptions
from .rules import keys

BUILTIN_FOLDER = Path(__file__).resolve().parent / "builtin_models"
DEFAULT_MODEL = "carnet"

TABLES = (
    keys.GENERAL_ACTION,
    keys.MODALITY,
    keys.ACTION_CATEGORIES,
    keys.ACTION_TYPES,
    keys.DSL,
    keys.PRESENCE,
    keys.MEETINGS,
    keys.DOMAINS,
    keys.AGE,
    keys.SEX,
    keys.ORIGIN,
    keys.SITUATION,
    keys.PAEI_GOALS,
    keys.DIAGNOSTICS,
    *MODEL_TABLES,
)
CHARTS = (keys.DOMAINS, keys.AGE, keys.ORIGIN)
LISTS = ("actions", "partners", "summary")
NARRATIVE = "narrative"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    blocks: tuple[str, ...]
    text: str = ""

    @property
    def has_narrative(self) -> bool:
        return NARRATIVE in self.blocks


@dataclass(frozen=True)
class ReportModel:
    slug: str
    name: str
    description: str
    key_figures: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    source: str  # the TOML text, to copy and edit
    target_age: tuple[int, int] = (11, 18)
    needs: tuple[str, ...] = ()

    @property
    def table_options(self) -> ModelTableOptions:
        """The tables beyond the seed's this model shows, for ``build_report``."""
        shown = {block.partition(":")[2] for section in self.sections for block in section.blocks}
        return ModelTableOptions(
            tables=tuple(table for table in MODEL_TABLES if table in shown), target_age=self.target_age
        )

    def section(self, key: str) -> SectionSpec:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def narrative_sections(self) -> tuple[SectionSpec, ...]:
        return tuple(section for section in self.sections if section.has_narrative)


def parse_model(source: str, *, slug: str) -> ReportModel:
    """The model written in ``source``; ``ValidationError`` in French naming what is wrong."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = _("Le modèle n’est pas un fichier TOML valide : %(error)s.") % {"error": error}
        raise ValidationError(message) from error
    errors = []
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append(_('Le modèle n\'a pas de nom (name = "…").'))
    figures = data.get("key_figures", [])
    if not isinstance(figures, list):
        errors.append(_("key_figures doit être une liste de chiffres."))
        figures = []
    known = known_keys()
    for figure in figures:
        if figure not in known:
            errors.append(_("Chiffre clé inconnu : « %(figure)s ».") % {"figure": figure})
    sections = []
    seen: set[str] = set()
    raw_sections = data.get("sections", [])
    if not isinstance(raw_sections, list) or not raw_sections:
        errors.append(_("Le modèle n'a aucune section ([[sections]])."))
        raw_sections = []
    for number, raw in enumerate(raw_sections, start=1):
        section, problems = _section(raw, number)
        errors += problems
        if section is None:
            continue
        if section.key in seen:
            errors.append(
                _("Section %(number)s : la clé « %(key)s » est déjà prise.")
                % {
                    "number": number,
                    "key": section.key,
                }
            )
        seen.add(section.key)
        sections.append(section)
    target_age = data.get("target_age", [11, 18])
    if (
        not isinstance(target_age, list)
        or len(target_age) != 2
        or not all(isinstance(age, int) and 0 <= age <= 30 for age in target_age)
        or target_age[0] > target_age[1]
    ):
        errors.append(_("target_age doit donner deux âges dans l’ordre, par exemple [11, 18]."))
        target_age = [11, 18]
    needs = data.get("needs", [])
    for need in needs if isinstance(needs, list) else [needs]:
        if need not in NEEDS:
            errors.append(_("Besoin inconnu dans needs : « %(need)s ».") % {"need": need})
    if errors:
        raise ValidationError(errors)
    return ReportModel(
        slug=slug,
        name=name.strip(),
        description=str(data.get("description", "")).strip(),
        key_figures=tuple(figures),
        sections=tuple(sections),
        source=source,
        target_age=(target_age[0], target_age[1]),
        needs=tuple(needs),
    )


def _section(raw, number: int) -> tuple[SectionSpec | None, list[str]]:
    where = _("Section %(number)s") % {"number": number}
    if not isinstance(raw, dict):
        return None, [_("%(where)s : une section s'écrit [[sections]].") % {"where": where}]
    key, title, blocks = raw.get("key"), raw.get("title"), raw.get("blocks", [])
    errors = []
    if not isinstance(key, str) or not key.replace("_", "").isalnum():
        errors.append(_("%(where)s : clé manquante ou invalide (lettres, chiffres et _).") % {"where": where})
    if not isinstance(title, str) or not title.strip():
        errors.append(_("%(where)s : titre manquant.") % {"where": where})
    if not isinstance(blocks, list) or not blocks:
        errors.append(_("%(where)s : aucun contenu (blocks = […]).") % {"where": where})
        blocks = []
    for block in blocks:
        if not _known_block(block):
            errors.append(_("%(where)s : contenu inconnu « %(block)s ».") % {"where": where, "block": block})
    text = raw.get("text", "")
    if not isinstance(text, str):
        errors.append(_("%(where)s : text doit être un texte.") % {"where": where})
    if errors:
        return None, errors
    return SectionSpec(key=key, title=title.strip(), blocks=tuple(blocks), text=text.strip()), []


def _known_block(block) -> bool:
    if not isinstance(block, str):
        return False
    kind, _colon, name = block.partition(":")
    if kind == "table":
        return name in TABLES
    if kind == "chart":
        return name in CHARTS
    return block == NARRATIVE or block in LISTS


def builtin_models() -> dict[str, ReportModel]:
    """Carnet's models, by slug (the file's name)."""
    return {
        path.stem: parse_model(path.read_text(encoding="utf-8"), slug=path.stem)
        for path in sorted(BUILTIN_FOLDER.glob("*.toml"))
    }


def builtin_model(slug: str = DEFAULT_MODEL) -> ReportModel:
    models = builtin_models()
    if slug not in models:
        raise KeyError(slug)
    return models[slug]
