"""The report models of an organisation: read, copy, edit, upload, download (team leaders, directors)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from carnet.access.permissions import Capability, require
from carnet.activity.queries import organisations_of
from carnet.organisations.models import Funder

from . import model_library
from .forms import FunderModelForm, ModelSourceForm, ModelUploadForm


def _organisation(request):
    """The organisation whose models the user works on: the first of their teams' (by name)."""
    organisation = organisations_of(teams=request.teams).order_by("name").first()
    if organisation is None:
        raise Http404(_("Aucune organisation."))
    return organisation


def _model_or_404(organisation, slug):
    models = model_library.models_for(organisation_id=organisation.pk)
    if slug not in models:
        raise Http404(_("Modèle de bilan introuvable : « %(slug)s ».") % {"slug": slug})
    return models[slug]


@require(Capability.ISSUE_REPORTS)
def model_list(request):
    organisation = _organisation(request)
    models = model_library.models_for(organisation_id=organisation.pk)
    expected = model_library.funder_models(organisation_id=organisation.pk)
    funders = Funder.objects.filter(organisation=organisation).order_by("name")
    context = {
        "organisation": organisation,
        "models": [(slug, model, model_library.is_builtin(slug)) for slug, model in models.items()],
        "upload_form": ModelUploadForm(),
        "funders": [
            (
                funder,
                FunderModelForm(
                    models=models, initial={"model": expected.get(funder.pk, "")}, prefix=str(funder.pk)
                ),
            )
            for funder in funders
        ],
    }
    return render(request, "reports/model_list.html", context)


@require(Capability.ISSUE_REPORTS)
@require_http_methods(["GET", "POST"])
def model_detail(request, model):
    organisation = _organisation(request)
    found = _model_or_404(organisation, model)
    builtin = model_library.is_builtin(model)
    form = ModelSourceForm(request.POST or None, initial={"source": found.source})
    if request.method == "POST":
        if builtin:
            raise Http404(_("Un modèle de Carnet ne se modifie pas : copiez-le pour l’adapter."))
        if form.is_valid():
            try:
                model_library.model_save(
                    organisation=organisation,
                    source=form.cleaned_data["source"],
                    user=request.user,
                    slug=model,
                )
            except ValidationError as error:
                form.add_error("source", error)
            else:
                messages.success(request, _("Modèle « %(name)s » enregistré.") % {"name": found.name})
                return redirect("reports:model_detail", model=model)
    context = {"model": found, "slug": model, "builtin": builtin, "form": form}
    return render(request, "reports/model_detail.html", context)


@require(Capability.ISSUE_REPORTS)
@require_POST
def model_copy(request, model):
    organisation = _organisation(request)
    _model_or_404(organisation, model)
    copy = model_library.model_copy(organisation=organisation, slug=model, user=request.user)
    messages.success(request, _("Copie enregistrée : « %(name)s ». Adaptez-la ici.") % {"name": copy.name})
    return redirect("reports:model_detail", model=copy.slug)


@require(Capability.ISSUE_REPORTS)
@require_http_methods(["GET", "POST"])
def model_upload(request):
    organisation = _organisation(request)
    form = ModelUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            stored = model_library.model_save(
                organisation=organisation, source=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Modèle « %(name)s » ajouté.") % {"name": stored.name})
            return redirect("reports:model_detail", model=stored.slug)
    return render(request, "reports/model_upload.html", {"form": form})


@require(Capability.ISSUE_REPORTS)
def model_download(request, model):
    found = _model_or_404(_organisation(request), model)
    response = HttpResponse(found.source, content_type="application/toml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="modele-{model}.toml"'
    return response


@require(Capability.ISSUE_REPORTS)
@require_POST
def funder_model_update(request, pk):
    organisation = _organisation(request)
    funder = get_object_or_404(Funder, organisation=organisation, pk=pk)
    models = model_library.models_for(organisation_id=organisation.pk)
    form = FunderModelForm(request.POST, models=models, prefix=str(funder.pk))
    if form.is_valid():
        model_library.funder_set_model(funder=funder, slug=form.cleaned_data["model"])
        messages.success(request, _("Modèle attendu par « %(name)s » enregistré.") % {"name": funder.name})
    else:
        messages.error(request, _("Choisissez un modèle de bilan de la liste."))
    return redirect("reports:model_list")
