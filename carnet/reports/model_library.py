"""The report models an organisation can use: Carnet's built-ins and its own.

An association copies a built-in to adapt it, edits its copy in the app, or uploads a
TOML file; every save is parsed first, so a model in the library always reads.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from carnet.access.models import User
from carnet.organisations.models import Funder, Organisation

from .models import FunderReportModel, OrganisationReportModel
from .report_models import DEFAULT_MODEL, ReportModel, builtin_models, parse_model

MAX_SOURCE = 60_000


def models_for(*, organisation_id: int) -> dict[str, ReportModel]:
    """Built-ins first (Carnet's default leading), then the organisation's own, by slug."""
    models = builtin_models()
    ordered = {DEFAULT_MODEL: models.pop(DEFAULT_MODEL), **models}
    for stored in OrganisationReportModel.objects.filter(organisation_id=organisation_id).order_by("name"):
        try:
            ordered[stored.slug] = parse_model(stored.source, slug=stored.slug)
        except ValidationError:
            # Saved models always parse; one that no longer does (a figure renamed) is not offered.
            continue
    return ordered


def model_for(*, organisation_id: int, slug: str) -> ReportModel:
    """The model of ``slug`` (Carnet's default for "" or a model that is gone)."""
    models = models_for(organisation_id=organisation_id)
    return models.get(slug or DEFAULT_MODEL) or models[DEFAULT_MODEL]


def is_builtin(slug: str) -> bool:
    return slug in builtin_models()


def _free_slug(organisation: Organisation, wanted: str) -> str:
    base = slugify(wanted)[:50] or "modele"
    taken = set(
        OrganisationReportModel.objects.filter(organisation=organisation).values_list("slug", flat=True)
    )
    taken |= set(builtin_models())
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def model_save(
    *, organisation: Organisation, source: str, user: User, slug: str | None = None
) -> OrganisationReportModel:
    """Create (``slug`` None) or replace an organisation's model; ValidationError in French."""
    if len(source) > MAX_SOURCE:
        raise ValidationError(_("Le modèle est trop long (60 000 caractères au plus)."))
    if slug is not None and is_builtin(slug):
        raise ValidationError(_("Un modèle de Carnet ne se modifie pas : copiez-le pour l’adapter."))
    parsed = parse_model(source, slug=slug or "nouveau")
    if slug is None:
        stored = OrganisationReportModel(
            organisation=organisation, slug=_free_slug(organisation, parsed.name)
        )
    else:
        stored = OrganisationReportModel.objects.select_for_update().get(organisation=organisation, slug=slug)
    stored.name, stored.source, stored.updated_by = parsed.name[:200], source, user
    stored.full_clean()
    stored.save()
    return stored


def model_copy(*, organisation: Organisation, slug: str, user: User) -> OrganisationReportModel:
    """A copy of a model the organisation can use, named « … (copie) », to edit."""
    original = model_for(organisation_id=organisation.pk, slug=slug)
    source = original.source
    copy_name = _("%(name)s (copie)") % {"name": original.name}
    # The name is the first ``name = "…"`` line: the copy says it is one.
    lines = source.splitlines()
    for index, line in enumerate(lines):
        if line.strip().startswith("name") and "=" in line:
            escaped = copy_name.replace("\\", "\\\\").replace('"', '\\"')
            lines[index] = f'name = "{escaped}"'
            break
    return model_save(organisation=organisation, source="\n".join(lines) + "\n", user=user)


@transaction.atomic
def funder_set_model(*, funder: Funder, slug: str) -> None:
    """The model ``funder`` expects (``""``: none, Carnet's default applies)."""
    if not slug:
        FunderReportModel.objects.filter(funder=funder).delete()
        return
    if slug not in models_for(organisation_id=funder.organisation_id):
        raise ValidationError(_("Modèle de bilan inconnu : « %(slug)s ».") % {"slug": slug})
    FunderReportModel.objects.update_or_create(funder=funder, defaults={"model": slug})


def funder_models(*, organisation_id: int) -> dict[int, str]:
    """Each funder's expected model, by funder id."""
    rows = FunderReportModel.objects.filter(funder__organisation_id=organisation_id)
    return dict(rows.values_list("funder_id", "model"))
