"""axe-core (from npm, node_modules/axe-core) finds no serious or critical violation on the
main pages, on a phone and on a desk."""

from pathlib import Path

import pytest

from carnet.access.models import Role
from tests.factories import (
    AccompanimentPeriodFactory,
    CommuneFactory,
    InterventionFactory,
    MembershipFactory,
    QuartierFactory,
    UserFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_page(browser, live_server):
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does it)")
    # axe is injected as a script of its own, which Carnet's CSP rightly refuses: the test
    # browser alone bypasses it.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_main_pages_have_no_serious_accessibility_violation(axe_page):
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    QuartierFactory(commune=commune, name="Cité du 7")
    youth = YouthFactory(commune=commune, first_name="Inès", nickname="Nénette", sex="F")
    AccompanimentPeriodFactory(youth=youth)
    InterventionFactory(youth=youth, domains=["scolarite"], note="Point sur l'assiduité.")
    user = UserFactory(username="cheffe", first_name="Claire")
    MembershipFactory(user=user, team=commune.team, role=Role.TEAM_LEADER)
    team = commune.team
    page = axe_page

    page.goto("/connexion/")
    failures = {"/connexion/": _violations(page)}
    page.get_by_label("Nom d’utilisateur").fill("cheffe")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")

    urls = [
        "/",
        "/jeunes/",
        f"/jeunes/{youth.pk}/",
        "/jeunes/nouveau/",
        "/activite/",
        "/activite/presence/nouvelle/",
        "/activite/interventions/nouvelle/",
        "/activite/actions/nouvelle/",
        "/activite/reunions/nouvelle/",
        f"/bilans/?team={team.pk}&start=2023-01-01&end=2023-12-31",
        "/referentiels/domaines/",
        "/acces/compte/",
    ]
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            page.goto(url)
            found = _violations(page)
            if found:
                failures[f"{url} @{width}px"] = found
    failures = {url: found for url, found in failures.items() if found}
    assert not failures, "\n".join(f"{url}: {found}" for url, found in failures.items())
