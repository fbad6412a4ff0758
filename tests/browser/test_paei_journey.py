"""On a phone, an educator reviews a youth's PAEI goal from the youth's page; the pages of the
team's daily work have no serious accessibility violation."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carnet.access.models import Role
from carnet.youths.models import GoalProgress, PaeiGoalReview
from tests.browser.test_accessibility import _violations, axe_page  # noqa: F401 (fixture)
from tests.browser.test_youths_journey import look_at
from tests.factories import (
    AccompanimentPeriodFactory,
    CommuneFactory,
    MembershipFactory,
    PaeiGoalFactory,
    UserFactory,
    YouthFactory,
    referential,
)
from tests.factories import ref as referentials

pytestmark = pytest.mark.django_db(transaction=True)


def _youth_in_paei(referent):
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    MembershipFactory(user=referent, team=commune.team, role=Role.EDUCATOR)
    youth = YouthFactory(commune=commune, first_name="Inès", first_contact_date=None)
    today = timezone.localdate()
    period = AccompanimentPeriodFactory(
        youth=youth,
        modality=referential(referentials.Modality, commune.team.organisation, "paei"),
        start=today - datetime.timedelta(days=120),
        next_review_on=today,
    )
    period.referents.add(referent)
    goal = PaeiGoalFactory(
        period=period,
        text="Passer le code",
        domain=referential(referentials.Domain, commune.team.organisation, "insertion-pro"),
    )
    return youth, goal


def _sign_in(page, username):
    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")


def test_an_educator_reviews_a_paei_goal_from_the_youths_page_on_a_phone(phone_page):
    user = UserFactory(username="educ", first_name="Sonia")
    _youth, goal = _youth_in_paei(user)
    page = phone_page
    _sign_in(page, "educ")

    expect(page.get_by_role("heading", name="Jeunes à revoir")).to_be_visible()
    page.get_by_role("link", name="Inès").first.click()
    expect(page.get_by_role("heading", name="Projet individualisé (PAEI)")).to_be_visible()
    expect(page.locator("#paei .tag.due")).to_have_text("à faire")
    look_at(page, "paei-youth-page-360")

    page.get_by_role("link", name="Faire le point").click()
    expect(page.get_by_role("heading", name="Faire le point du projet")).to_be_visible()
    page.locator("#paei").get_by_text("Atteint", exact=True).click()
    page.get_by_label("Note factuelle").fill("Code obtenu le 2 décembre")
    look_at(page, "paei-review-form-360")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Point du projet enregistré.")).to_be_visible()
    expect(page.locator("#paei .tag.progress-atteint")).to_have_text("Atteint")
    review = PaeiGoalReview.objects.get(goal=goal)
    assert (review.progress, review.note) == (GoalProgress.REACHED, "Code obtenu le 2 décembre")
    look_at(page, "paei-reviewed-360")


def test_the_project_the_review_form_the_home_and_the_setting_have_no_serious_violation(axe_page):  # noqa: F811
    user = UserFactory(username="cheffe", first_name="Claire")
    youth, _goal = _youth_in_paei(user)
    MembershipFactory(user=user, team=youth.team, role=Role.TEAM_LEADER)
    page = axe_page
    _sign_in(page, "cheffe")
    urls = [
        "/",
        f"/jeunes/{youth.pk}/",
        f"/jeunes/{youth.pk}/projet/point/",
        f"/jeunes/{youth.pk}/projet/objectif/",
        "/jeunes/a-revoir/reglage/",
    ]
    failures = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            page.goto(url)
            if found := _violations(page):
                failures[f"{url} @{width}px"] = found
    assert not failures, "\n".join(f"{url}: {found}" for url, found in failures.items())
