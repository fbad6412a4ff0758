"""The first-run page, the accounts screens and the invitation page: no serious accessibility
violation (axe-core), on a phone and on a desk."""

import pytest

from carnet.access.models import Role
from carnet.onboarding.services import account_invite
from carnet.onboarding.structure import funder_add
from tests.browser.test_accessibility import _violations, axe_page  # noqa: F401  (the fixture)
from tests.factories import CommuneFactory, MembershipFactory, QuartierFactory, UserFactory
from tests.second_factor import confirmed_device_for, give_the_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_onboarding_pages_have_no_serious_accessibility_violation(axe_page):  # noqa: F811
    commune = CommuneFactory(name="Lens", insee_code="62498")
    QuartierFactory(commune=commune, name="Grande Résidence", is_qpv=True)
    team = commune.team
    funder_add(organisation=team.organisation, name="Ville de Lens", level="commune", teams=[team])
    admin = UserFactory(username="admin-asso", first_name="Nadia")
    MembershipFactory(user=admin, team=None, organisation=team.organisation, role=Role.ADMIN)
    device = confirmed_device_for(admin)  # administrators always give a second factor
    invited = account_invite(
        organisation=team.organisation, first_name="Claire", role=Role.TEAM_LEADER, team=team
    )
    page = axe_page

    failures = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(invited.path)
        failures[f"invitation @{width}px"] = _violations(page)
    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("admin-asso")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    give_the_code(page, device)
    page.wait_for_url("**/")
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for url in ("/mise-en-route/", "/comptes/", f"/comptes/{invited.invitation.user.pk}/"):
            page.goto(url)
            failures[f"{url} @{width}px"] = _violations(page)
    failures = {url: found for url, found in failures.items() if found}
    assert not failures, "\n".join(f"{url}: {found}" for url, found in failures.items())
