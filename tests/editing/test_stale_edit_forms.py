"""Two people edit the same record: a form opened before the other's save is refused, both values
shown, nothing written (issue 13, finding 12: a lost update), for every record kind edited in
a form (the youth file has its own tests in tests/youths/test_edit_conflict.py)."""

import pytest
from django.urls import reverse

from carnet.referentials import models as ref
from tests import factories

from .kinds import KINDS, opened

pytestmark = pytest.mark.django_db
kinds = pytest.mark.parametrize("kind", KINDS, ids=str)


@kinds
def test_a_stale_edit_form_is_refused_with_both_values_and_nothing_of_it_written(
    kind, educator_client, colleague_client, commune
):
    record = kind.make(commune)
    url = kind.url(record)
    stale = opened(educator_client, url)

    saved = colleague_client.post(url, {**opened(colleague_client, url), kind.field: "Nina"})
    refused = educator_client.post(url, {**stale, kind.field: "Zaza"})

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "modifiée par quelqu'un d'autre" in page
    assert "<td>Nina</td><td>Zaza</td>" in page
    record.refresh_from_db()
    assert (getattr(record, kind.field), record.version) == ("Nina", 2)


@kinds
def test_a_fresh_edit_form_saves_and_raises_the_version(kind, educator_client, commune):
    record = kind.make(commune)
    url = kind.url(record)

    response = educator_client.post(url, {**opened(educator_client, url), kind.field: "Nina"})

    assert response.status_code == 302
    record.refresh_from_db()
    assert (getattr(record, kind.field), record.version) == ("Nina", 2)


@kinds
def test_saving_again_after_seeing_both_values_keeps_the_second_persons_choice(
    kind, educator_client, colleague_client, commune
):
    record = kind.make(commune)
    url = kind.url(record)
    stale = opened(educator_client, url)
    colleague_client.post(url, {**opened(colleague_client, url), kind.field: "Nina"})
    refused = educator_client.post(url, {**stale, kind.field: "Zaza"})
    assert 'name="version" value="2"' in refused.content.decode()

    again = educator_client.post(url, {**stale, kind.field: "Zaza", "version": "2"})

    assert again.status_code == 302
    record.refresh_from_db()
    assert (getattr(record, kind.field), record.version) == ("Zaza", 3)


@kinds
def test_an_edit_form_without_its_version_is_refused_and_says_so(kind, educator_client, commune):
    record = kind.make(commune)
    url = kind.url(record)
    data = {**opened(educator_client, url), kind.field: "Zaza"}
    del data["version"]

    response = educator_client.post(url, data)

    assert response.status_code == 200
    assert "ne dit pas quelle version de la fiche il modifie" in response.content.decode()
    record.refresh_from_db()
    assert record.version == 1 and getattr(record, kind.field) != "Zaza"


def test_the_conflict_names_choices_by_their_labels_and_dates_the_french_way(
    educator_client, colleague_client, commune, organisation
):
    intervention = factories.InterventionFactory(
        youth=factories.YouthFactory(commune=commune), domains=["sante"]
    )
    url = reverse("activity:intervention_update", args=[intervention.pk])
    stale = opened(educator_client, url)
    mobility = factories.referential(ref.Domain, organisation, "mobilite")

    colleague_client.post(
        url, {**opened(colleague_client, url), "date": "2023-06-20", "domains": [mobility.pk]}
    )
    refused = educator_client.post(url, stale)

    page = refused.content.decode()
    assert '<th scope="row">Date</th><td>20/06/2023</td><td>15/06/2023</td>' in page
    sante = factories.referential(ref.Domain, organisation, "sante")
    assert f'<th scope="row">Domaines</th><td>{mobility.label}</td><td>{sante.label}</td>' in page
    assert "Note factuelle" not in page.split("edit-conflict")[1].split("</table>")[0]


def test_a_youth_search_without_javascript_keeps_the_version_the_form_was_opened_at(
    educator_client, colleague_client, commune
):
    intervention = factories.InterventionFactory(
        youth=factories.YouthFactory(commune=commune), domains=["sante"]
    )
    url = reverse("activity:intervention_update", args=[intervention.pk])
    stale = opened(educator_client, url)
    colleague_client.post(url, {**opened(colleague_client, url), "note": "Nina"})

    searched = educator_client.post(url, {**stale, "search": "1", "q-youth": "Ni"})
    refused = educator_client.post(url, {**stale, "note": "Zaza"})

    assert searched.status_code == 200 and 'name="version" value="1"' in searched.content.decode()
    assert refused.status_code == 409
