"""The youth screens, through the client: wiring, rendering, htmx fragments and redirects."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent
from carnet.referentials.models import Modality, Situation
from carnet.youths.models import Youth, YouthMerge
from tests.factories import (
    AccompanimentPeriodFactory,
    InterventionFactory,
    PaeiGoalFactory,
    QuartierFactory,
    SituationChangeFactory,
    YouthFactory,
)

from .conftest import ref

pytestmark = pytest.mark.django_db

D = datetime.date
HTMX = {"HTTP_HX_REQUEST": "true"}
# Ceilings for a whole request: the middleware's queries (session, user, two-factor...) plus the
# page's own; the page's own reads are counted exactly in test_list_query and test_youth_page_query.
LIST_QUERIES = 20
YOUTH_PAGE_QUERIES = 28


def count_queries(client, url: str, data: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, data).status_code == 200
    return len(context.captured_queries)


def html(response) -> str:
    return response.content.decode()


def assert_no_inline_code(page: str) -> None:
    """The CSP forbids inline scripts and styles."""
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page and "<style" not in page


# --- List -------------------------------------------------------------------------------


def test_list_shows_the_teams_youths_with_their_current_modality(educator_client, team, youth):
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 1, 1))
    page = html(educator_client.get(reverse("youths:list")))
    assert "Inès « Nénette »" in page and ">ASEP<" in page
    assert 'hx-trigger="input changed delay:300ms' in page
    assert_no_inline_code(page)


def test_an_htmx_search_returns_only_the_results(educator_client, youth):
    YouthFactory(commune=youth.commune, first_name="Karim")
    response = educator_client.get(reverse("youths:list"), {"q": "nen"}, **HTMX)
    page = html(response)
    assert "<html" not in page and 'id="youth-results"' in page
    assert "Inès" in page and "Karim" not in page


def test_the_list_filters_by_modality_and_keeps_filters_in_page_links(educator_client, team, commune):
    for _ in range(51):
        youth = YouthFactory(commune=commune)
        AccompanimentPeriodFactory(youth=youth, start=D(2023, 1, 1))
    YouthFactory(commune=commune, first_name="Zorro")
    asep = ref(Modality, team, "asep")
    page = html(educator_client.get(reverse("youths:list"), {"modality": asep.pk}))
    assert "51 jeunes" in page and "Zorro" not in page
    assert f"modality={asep.pk}&amp;page=2" in page


def test_list_page_takes_the_same_number_of_queries_for_3_and_60_youths(
    educator_client, team, commune, django_assert_max_num_queries
):
    def populate(count: int) -> None:
        for _ in range(count):
            youth = YouthFactory(commune=commune, quartier=QuartierFactory(commune=commune))
            AccompanimentPeriodFactory(youth=youth, start=D(2023, 1, 1))
            SituationChangeFactory(youth=youth)
            InterventionFactory(youth=youth)

    url, search = reverse("youths:list"), {"q": "jeune"}
    populate(3)
    with django_assert_max_num_queries(LIST_QUERIES):
        few = count_queries(educator_client, url, search)
    populate(57)
    with django_assert_max_num_queries(few):
        assert educator_client.get(url, search).status_code == 200


# --- A youth's page ---------------------------------------------------------------------


def test_youth_page_shows_identity_current_state_and_timeline(educator_client, team, youth):
    AccompanimentPeriodFactory(youth=youth, modality=ref(Modality, team, "paei"), start=D(2023, 6, 1))
    SituationChangeFactory(youth=youth, since=D(2023, 9, 1))
    InterventionFactory(youth=youth, date=D(2023, 9, 5), note="Inscription au club", domains=["loisirs"])
    page = html(educator_client.get(reverse("youths:detail", args=[youth.pk])))
    assert "Projet d&#x27;Accompagnement Educatif Individualisé (PAEI)" in page
    assert "Scolarisé" in page and "Inscription au club" in page and "05/09/2023" in page
    assert_no_inline_code(page)


def test_opening_a_youth_page_is_written_in_the_audit_log(educator_client, educator, youth):
    educator_client.get(reverse("youths:detail", args=[youth.pk]))
    event = AuditEvent.objects.get(action=AuditAction.READ, target_id=str(youth.pk))
    assert event.user == educator and event.target_type == "youths.youth"
    assert youth.first_name not in event.target_label


def test_youth_page_takes_the_same_number_of_queries_whatever_the_records(
    educator_client, team, youth, django_assert_max_num_queries
):
    url = reverse("youths:detail", args=[youth.pk])
    InterventionFactory(youth=youth, domains=["scolarite"])
    PaeiGoalFactory(period=AccompanimentPeriodFactory(youth=youth, start=D(2022, 1, 1), end=D(2022, 12, 31)))
    with django_assert_max_num_queries(YOUTH_PAGE_QUERIES):
        few = count_queries(educator_client, url)
    for day in range(1, 20):
        InterventionFactory(youth=youth, date=D(2023, 7, day), domains=["famille", "sante"])
        SituationChangeFactory(youth=youth, since=D(2023, 7, day))
        start = D(2023, 1, day)
        PaeiGoalFactory(period=AccompanimentPeriodFactory(youth=youth, start=start, end=start))
    with django_assert_max_num_queries(few):
        educator_client.get(url)


# --- Create and edit -------------------------------------------------------------------


def test_creating_a_youth_leads_to_their_page(educator_client, commune):
    response = educator_client.post(
        reverse("youths:create"),
        {
            "first_name": "Yanis",
            "sex": "H",
            "birth_year": "2009",
            "commune": commune.pk,
            "first_contact_date": "2024-01-05",
        },
    )
    youth = Youth.objects.get(first_name="Yanis")
    assert response.status_code == 302 and response.url == reverse("youths:detail", args=[youth.pk])
    assert youth.team == commune.team


def test_errors_are_shown_next_to_the_fields(educator_client):
    page = html(educator_client.post(reverse("youths:create"), {"birth_year": "1800"}))
    assert "Indiquez un prénom, un surnom ou un code." in page
    assert "Indiquez une année entre 1900" in page
    assert Youth.objects.count() == 0


def test_a_likely_duplicate_is_shown_before_creating(educator_client, youth):
    data = {
        "first_name": "ines",
        "birth_year": "2010",
        "commune": youth.commune.pk,
        "first_contact_date": "2024-01-05",
    }
    page = html(educator_client.post(reverse("youths:create"), data))
    assert "Ce jeune a peut-être déjà une fiche" in page
    assert reverse("youths:detail", args=[youth.pk]) in page
    assert "Ce n&#x27;est pas la même personne, créer quand même" in page
    assert Youth.objects.count() == 1
    response = educator_client.post(reverse("youths:create"), {**data, "not_a_duplicate": "on"})
    assert response.status_code == 302 and Youth.objects.count() == 2


def test_the_duplicate_hint_answers_while_typing(educator_client, youth):
    data = {"first_name": "INES", "birth_year": "2010", "commune": youth.commune.pk}
    page = html(educator_client.get(reverse("youths:duplicates_hint"), data, **HTMX))
    assert 'id="duplicate-hint"' in page and "Inès « Nénette »" in page and "<html" not in page


def test_editing_a_youth(educator_client, youth):
    url = reverse("youths:edit", args=[youth.pk])
    assert 'value="Inès"' in html(educator_client.get(url))
    response = educator_client.post(
        url,
        {
            "first_name": "Inès",
            "nickname": "Nenette",
            "commune": youth.commune.pk,
            "birth_year": "2011",
            "version": youth.version,
        },
    )
    assert response.status_code == 302
    youth.refresh_from_db()
    assert youth.nickname == "Nenette" and youth.birth_year == 2011


# --- Accompaniment and situation -----------------------------------------------------------


def test_the_modality_form_comes_as_a_fragment_for_htmx(educator_client, youth):
    page = html(educator_client.get(reverse("youths:modality", args=[youth.pk]), **HTMX))
    assert "<html" not in page and "Nouvelle modalité" in page


def test_the_modality_form_is_also_a_whole_page_without_javascript(educator_client, youth):
    page = html(educator_client.get(reverse("youths:modality", args=[youth.pk])))
    assert "<html" in page and "Nouvelle modalité" in page
    assert_no_inline_code(page)


def test_changing_modality_shows_in_the_timeline(educator_client, educator, team, youth, today):
    paei = ref(Modality, team, "paei")
    response = educator_client.post(
        reverse("youths:modality", args=[youth.pk]),
        {"modality": paei.pk, "start": today.isoformat(), "referents": [educator.pk]},
    )
    assert response.status_code == 302
    page = html(educator_client.get(response.url))
    assert "Début d&#x27;accompagnement" in page and paei.label.replace("'", "&#x27;") in page


def test_a_modality_change_before_the_current_start_is_explained(educator_client, team, youth):
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 10))
    page = html(
        educator_client.post(
            reverse("youths:modality", args=[youth.pk]),
            {"modality": ref(Modality, team, "paei").pk, "start": "2024-01-01"},
        )
    )
    assert "ne peut pas commencer avant le début de la modalité en cours" in page


def test_ending_the_accompaniment(educator_client, youth):
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 10))
    response = educator_client.post(
        reverse("youths:accompaniment_end", args=[youth.pk]), {"end": "2024-03-01"}
    )
    assert response.status_code == 302
    assert youth.accompaniment_periods.get().end == D(2024, 3, 1)


def test_recording_a_situation(educator_client, team, youth):
    situation = ref(Situation, team, "formation")
    response = educator_client.post(
        reverse("youths:situation", args=[youth.pk]), {"situation": situation.pk, "since": "2024-02-01"}
    )
    assert response.status_code == 302
    assert youth.situation_changes.get().situation == situation


# --- Merge ------------------------------------------------------------------------------


def test_merge_search_lists_other_records_of_the_team(educator_client, youth):
    twin = YouthFactory(commune=youth.commune, first_name="", nickname="Nénette")
    YouthFactory(first_name="", nickname="Nénette")  # another team
    page = html(educator_client.get(reverse("youths:merge", args=[youth.pk]), {"q": "nenette"}, **HTMX))
    assert reverse("youths:merge_confirm", args=[youth.pk, twin.pk]) in page
    assert page.count('class="youth-card"') == 1


def test_merging_then_undoing_from_the_kept_youths_page(educator_client, youth):
    twin = YouthFactory(commune=youth.commune, first_name="", nickname="Nénette", last_name="Durand")
    url = reverse("youths:merge_confirm", args=[youth.pk, twin.pk])
    page = html(educator_client.get(url))
    assert "Fiche conservée" in page and "Durand" in page
    response = educator_client.post(url)
    assert response.url == reverse("youths:detail", args=[youth.pk])
    merge = YouthMerge.objects.get()
    kept_page = html(educator_client.get(response.url))
    assert "Annuler la fusion" in kept_page
    assert "Fusion" not in html(educator_client.get(reverse("youths:list")))
    archived_page = html(educator_client.get(reverse("youths:detail", args=[twin.pk])))
    assert "a été fusionnée dans celle de" in archived_page
    educator_client.post(reverse("youths:merge_undo", args=[merge.pk]))
    twin.refresh_from_db()
    assert twin.merged_into is None


def test_a_refused_merge_is_explained(educator_client, youth):
    twin = YouthFactory(commune=youth.commune)
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 1, 1))
    AccompanimentPeriodFactory(youth=twin, start=D(2023, 6, 1))
    response = educator_client.post(reverse("youths:merge_confirm", args=[youth.pk, twin.pk]), follow=True)
    assert "se chevauchent" in html(response)
    assert not YouthMerge.objects.exists()
