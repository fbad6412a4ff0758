"""The first-run page, the accounts screen and the invitation page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from carnet.access import two_factor
from carnet.access.models import Membership

from . import queries, services, structure
from .access import administrator
from .forms import (
    CommuneForm,
    FunderForm,
    InvitationAcceptForm,
    InviteForm,
    OrganisationForm,
    QuartierForm,
    RoleForm,
    ServiceForm,
    TeamForm,
)

# The parts of the first-run page: each a small form posted on its own.
SECTIONS = {
    "team": (TeamForm, structure.team_add, gettext_lazy("Équipe « %s » ajoutée.")),
    "commune": (CommuneForm, structure.commune_add, gettext_lazy("Commune « %s » ajoutée.")),
    "quartier": (QuartierForm, structure.quartier_add, gettext_lazy("Quartier « %s » ajouté.")),
    "funder": (FunderForm, structure.funder_add, gettext_lazy("Financeur « %s » ajouté.")),
}


def _saved(form: ServiceForm, save, **extra):
    """What ``save`` returns from the form's data, or None with the service's errors on the form."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return save(**form.service_kwargs(), **extra)
    except ValidationError as error:
        form.add_service_errors(error)
        return None


def _invited(request, form: InviteForm) -> bool:
    issued = _saved(
        form, services.account_invite, invited_by=request.user, base_url=request.build_absolute_uri("/")
    )
    if issued is None:
        return False
    user = issued.invitation.user
    sent = _(" Il lui a aussi été envoyé par courriel.") if issued.mailed else ""
    messages.success(
        request,
        _(
            "Invitation de %(name)s (identifiant %(username)s) : "
            "lien valable 72 h, à lui transmettre : %(url)s"
        )
        % {
            "name": user.get_full_name(),
            "username": user.username,
            "url": issued.url(request.build_absolute_uri("/")),
        }
        + sent,
    )
    return True


@administrator(first_run=True)
@require_http_methods(["GET", "POST"])
def setup(request):
    organisation = request.organisation
    if organisation is None:
        return _create_organisation(request)
    posted = request.POST.get("section") if request.method == "POST" else None
    data = request.POST if posted else None
    # Each form's own ids, so that every label points at its own field on the one page.
    forms = {
        name: form(data if name == posted else None, organisation=organisation, auto_id=f"{name}-%s")
        for name, (form, _s, _m) in SECTIONS.items()
    }
    forms["invite"] = InviteForm(
        data if posted == "invite" else None, organisation=organisation, auto_id="invite-%s"
    )
    if posted in SECTIONS:
        _form, save, message = SECTIONS[posted]
        if created := _saved(forms[posted], save):
            messages.success(request, message % created)
            return redirect(f"{request.path}#{posted}")
    elif posted == "invite" and _invited(request, forms["invite"]):
        return redirect(f"{request.path}#invite")
    context = {
        "organisation": organisation,
        "forms": forms,
        **queries.setup_overview(organisation=organisation),
    }
    return render(request, "onboarding/setup.html", context)


def _create_organisation(request):
    form = OrganisationForm(request.POST or None)
    if form.is_valid():
        try:
            organisation = structure.association_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            structure.administrator_add(organisation=organisation, user=request.user)
            messages.success(
                request,
                _(
                    "Association « %s » créée, avec les référentiels par défaut. "
                    "Ajoutez maintenant ses équipes."
                )
                % organisation,
            )
            return redirect("onboarding:setup")
    return render(request, "onboarding/setup_organisation.html", {"form": form})


@administrator
@require_http_methods(["GET", "POST"])
def accounts(request):
    form = InviteForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and _invited(request, form):
        return redirect("onboarding:accounts")
    users = queries.accounts_of(organisation=request.organisation)
    rows = [(user, queries.account_status(user), queries.current_roles(user)) for user in users]
    return render(request, "onboarding/accounts.html", {"rows": rows, "form": form})


@administrator
@require_http_methods(["GET", "POST"])
def account(request, pk: int):
    user = get_object_or_404(queries.accounts_of(organisation=request.organisation), pk=pk)
    form = RoleForm(request.POST or None, organisation=request.organisation)
    if _saved(form, services.membership_add, user=user):
        messages.success(request, _("Rôle ajouté."))
        return redirect("onboarding:account", pk=user.pk)
    context = {
        "account": user,
        "status": queries.account_status(user),
        "roles": queries.current_roles(user),
        "form": form,
    }
    return render(request, "onboarding/account.html", context)


def _act(request, action, success: str, user_pk: int):
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("onboarding:account", pk=user_pk)


@administrator
@require_POST
def membership_end(request, pk: int):
    membership = get_object_or_404(Membership.objects.filter(organisation=request.organisation), pk=pk)
    return _act(
        request,
        lambda: services.membership_end(membership=membership, by=request.user),
        _("Rôle terminé à la date d'aujourd'hui."),
        membership.user_id,
    )


@administrator
@require_POST
def account_active(request, pk: int):
    user = get_object_or_404(queries.accounts_of(organisation=request.organisation), pk=pk)
    active = request.POST.get("active") == "1"
    message = _("Compte réactivé.") if active else _("Compte désactivé : il ne peut plus se connecter.")
    return _act(
        request, lambda: services.account_set_active(user=user, active=active, by=request.user), message, pk
    )


@administrator
@require_POST
def account_invitation(request, pk: int):
    user = get_object_or_404(queries.accounts_of(organisation=request.organisation), pk=pk)
    if not user.is_active:
        messages.error(request, _("Ce compte est désactivé : réactivez-le avant de l'inviter."))
        return redirect("onboarding:account", pk=pk)
    issued = services.invitation_issue(
        user=user,
        organisation=request.organisation,
        invited_by=request.user,
        base_url=request.build_absolute_uri("/"),
    )
    messages.success(
        request,
        _("Nouveau lien pour %(username)s, valable 72 h ; les liens précédents ne marchent plus : %(url)s")
        % {"username": user.username, "url": issued.url(request.build_absolute_uri("/"))},
    )
    return redirect("onboarding:account", pk=pk)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    invitation = queries.invitation_for_token(token)
    if invitation is None or not invitation.is_usable():
        return render(request, "onboarding/invitation_invalid.html", {"invitation": invitation})
    needs_code = services.invitation_needs_second_factor(invitation)
    form = InvitationAcceptForm(invitation.user, request.POST or None, needs_code=needs_code)
    if form.is_valid():
        try:
            services.invitation_accept(
                request=request,
                invitation=invitation,
                password=form.cleaned_data["new_password1"],
                code=form.cleaned_data.get("code", ""),
            )
        except ValidationError as error:
            form.add_error("code" if hasattr(error, "error_dict") else None, error.messages)
        else:
            messages.success(request, _("Bienvenue ! Votre mot de passe est enregistré."))
            return redirect("home")
    context = {"form": form, "invitation": invitation, "account": invitation.user}
    if needs_code:
        device = two_factor.pending_device(invitation.user)
        context |= {
            "qr_svg": two_factor.provisioning_svg(device),
            "secret": two_factor.secret_for_manual_entry(device),
        }
    return render(request, "onboarding/invitation.html", context)
