"""A youth's individualised project (PAEI): goals, dated reviews, next review, on the youth's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent, Role
from carnet.referentials.models import Domain
from carnet.youths.models import GoalProgress, PaeiGoalReview, PaeiReview
from carnet.youths.paei_services import paei_goal_add, paei_review_record
from tests import factories

from .conftest import ref

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def period(youth, educator, today):
    period = factories.AccompanimentPeriodFactory(
        youth=youth, modality=ref(factories.ref.Modality, youth.team, "paei"), start=today.replace(day=1)
    )
    period.referents.add(educator)
    return period


def review(period, educator, day, progress, next_review_on=None):
    return paei_review_record(
        period=period, date=day, progress=progress, next_review_on=next_review_on, user=educator
    )


def test_a_goal_gets_a_domain_a_target_date_and_the_next_position(period, team):
    school = ref(Domain, team, "scolarite")
    first = paei_goal_add(period=period, text="Passer le code")
    second = paei_goal_add(period=period, text=" Retourner au collège ", domain=school, target_date=None)
    assert (first.position, second.position) == (0, 1)
    assert second.text == "Retourner au collège" and second.domain == school


def test_a_review_records_every_goals_progress_and_the_next_review(period, educator, today):
    code = paei_goal_add(period=period, text="Passer le code")
    job = paei_goal_add(period=period, text="Trouver un stage")
    later = today + datetime.timedelta(days=30)
    review(period, educator, today, {code.pk: ("atteint", "Code obtenu"), job.pk: ("en_cours", "")}, later)
    progress = dict(PaeiGoalReview.objects.values_list("goal__text", "progress"))
    assert progress == {"Passer le code": GoalProgress.REACHED, "Trouver un stage": GoalProgress.IN_PROGRESS}
    code.refresh_from_db()
    period.refresh_from_db()
    assert code.reached_on == today and period.next_review_on == later


def test_a_review_must_cover_every_goal_and_stay_in_the_accompaniment(period, educator, today):
    code = paei_goal_add(period=period, text="Passer le code")
    paei_goal_add(period=period, text="Trouver un stage")
    with pytest.raises(ValidationError, match="chaque objectif"):
        review(period, educator, today, {code.pk: ("en_cours", "")})
    with pytest.raises(ValidationError, match="en dehors de la période"):
        review(period, educator, period.start - datetime.timedelta(days=1), {})
    assert not PaeiReview.objects.exists()


def test_a_second_review_the_same_day_is_refused_in_french(period, educator, today):
    code = paei_goal_add(period=period, text="Passer le code")
    review(period, educator, today, {code.pk: ("en_cours", "")})
    with pytest.raises(ValidationError, match="déjà enregistré à cette date"):
        review(period, educator, today, {code.pk: ("atteint", "")})


def test_the_youths_page_shows_goals_with_their_last_progress_and_the_next_review(
    educator_client, youth, period, educator, today
):
    code = paei_goal_add(period=period, text="Passer le code")
    review(period, educator, today, {code.pk: ("abandonne", "Reporté à l'an prochain")})
    page = educator_client.get(reverse("youths:detail", args=[youth.pk])).content.decode()
    assert "Projet individualisé (PAEI)" in page and "Passer le code" in page
    assert "Abandonné" in page and "Reporté à l&#x27;an prochain" in page
    assert reverse("youths:paei_review", args=[youth.pk]) in page


def test_a_review_through_the_page_is_saved_and_the_form_read_is_audited(
    educator_client, youth, period, today
):
    code = paei_goal_add(period=period, text="Passer le code")
    url = reverse("youths:paei_review", args=[youth.pk])
    fragment = educator_client.get(url, **HTMX).content.decode()
    assert "<html" not in fragment and "Non engagé" in fragment
    assert AuditEvent.objects.filter(action=AuditAction.READ, target_id=str(youth.pk)).exists()
    data = {"date": today.isoformat(), f"progress_{code.pk}": "en_cours", f"note_{code.pk}": "Inscrit"}
    response = educator_client.post(url, data)
    assert response.status_code == 302
    assert PaeiGoalReview.objects.get().note == "Inscrit"


def test_a_review_with_a_goal_left_out_shows_the_error_next_to_it(educator_client, youth, period, today):
    code = paei_goal_add(period=period, text="Passer le code")
    url = reverse("youths:paei_review", args=[youth.pk])
    response = educator_client.post(url, {"date": today.isoformat()}, **HTMX)
    assert response.status_code == 200 and "Ce champ est obligatoire" in response.content.decode()
    assert not PaeiReview.objects.exists()
    assert code.reviews.count() == 0


def test_a_goal_is_added_and_changed_from_the_page(educator_client, youth, period, team):
    add = reverse("youths:paei_goal_add", args=[youth.pk])
    school = ref(Domain, team, "scolarite")
    assert educator_client.post(add, {"text": "Retourner au collège", "domain": school.pk}).status_code == 302
    goal = period.goals.get()
    edit = reverse("youths:paei_goal_edit", args=[youth.pk, goal.pk])
    assert (
        educator_client.post(
            edit, {"text": "Retourner au lycée", "target_date": "2027-06-30", "version": goal.version}
        ).status_code
        == 302
    )
    goal.refresh_from_db()
    assert (goal.text, goal.domain, goal.target_date) == (
        "Retourner au lycée",
        None,
        datetime.date(2027, 6, 30),
    )


def test_a_director_reads_the_project_but_cannot_change_it(client, team, youth, period):
    director = factories.MembershipFactory(team=team, role=Role.DIRECTOR).user
    client.force_login(director)
    page = client.get(reverse("youths:detail", args=[youth.pk])).content.decode()
    assert "Projet individualisé (PAEI)" in page and "Faire le point" not in page
    assert client.get(reverse("youths:paei_goal_add", args=[youth.pk])).status_code == 403


def test_a_youth_without_a_running_accompaniment_has_no_project_to_edit(educator_client, youth):
    assert educator_client.get(reverse("youths:paei_goal_add", args=[youth.pk])).status_code == 404


def test_a_goal_of_another_teams_youth_is_not_found(educator_client, period):
    other = factories.PaeiGoalFactory()
    url = reverse("youths:paei_goal_edit", args=[period.youth.pk, other.pk])
    assert educator_client.get(url).status_code == 404


def test_a_review_appears_in_the_youths_history(educator_client, youth, period, educator, today):
    code = paei_goal_add(period=period, text="Passer le code")
    review(period, educator, today, {code.pk: ("en_cours", "")})
    page = educator_client.get(reverse("youths:detail", args=[youth.pk])).content.decode()
    history = page.split('id="timeline-title"')[1]
    assert "Point du PAEI" in history and "1 objectif revu" in history
