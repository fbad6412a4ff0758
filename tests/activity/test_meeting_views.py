"""The partnership-meeting pages."""

import pytest
from django.urls import reverse

from carnet.activity.models import PartnershipMeeting
from carnet.referentials.models import MeetingKind
from tests.factories import OrganisationFactory, PartnerFactory, PartnershipMeetingFactory, referential

pytestmark = pytest.mark.django_db

CREATE = reverse("activity:meeting_create")


def _post(client, of_team, url=CREATE, **fields):
    data = {
        "team": of_team.pk,
        "date": "2024-03-05",
        "kind": referential(MeetingKind, of_team.organisation, "bailleur").pk,
        "duration": "90",
        **fields,
    }
    return client.post(url, data)


def test_educator_records_a_meeting_with_partners(educator_client, team, organisation):
    partner = PartnerFactory(organisation=organisation, name="Bailleur social")
    response = _post(educator_client, team, subject="Halls d'immeuble", partners=[partner.pk])
    meeting = PartnershipMeeting.objects.get()
    assert response["Location"] == f"{reverse('activity:meeting_list')}?enregistre={meeting.pk}"
    assert (meeting.duration_minutes, meeting.subject) == (90, "Halls d'immeuble")
    assert list(meeting.partners.all()) == [partner]
    assert "Bailleur social" in educator_client.get(response["Location"]).content.decode()


def test_inactive_partners_are_not_offered(educator_client, organisation):
    PartnerFactory(organisation=organisation, name="Ancien partenaire", is_active=False)
    PartnerFactory(organisation=organisation, name="Mission locale")
    html = educator_client.get(CREATE).content.decode()
    assert "Mission locale" in html and "Ancien partenaire" not in html


def test_partner_of_another_organisation_tampered_into_the_post_is_a_field_error(educator_client, team):
    foreign = PartnerFactory(organisation=OrganisationFactory(name="Autre asso"))
    response = _post(educator_client, team, partners=[foreign.pk])
    assert response.status_code == 200 and "partners" in response.context["form"].errors
    assert not PartnershipMeeting.objects.exists()


def test_meeting_without_kind_is_explained(educator_client, team):
    response = _post(educator_client, team, kind="")
    assert response.context["form"].errors["kind"] == ["Choisissez un type."]


def test_educator_edits_a_meeting(educator_client, team):
    meeting = PartnershipMeetingFactory(team=team)
    url = reverse("activity:meeting_update", args=[meeting.pk])
    assert educator_client.get(url).context["form"]["duration"].value() == 90
    _post(educator_client, team, url=url, other_minutes="150", version=meeting.version)
    meeting.refresh_from_db()
    assert meeting.duration_minutes == 150


def test_educator_of_another_team_cannot_edit_a_meeting(educator_client, other_team):
    meeting = PartnershipMeetingFactory(team=other_team)
    assert educator_client.get(reverse("activity:meeting_update", args=[meeting.pk])).status_code == 404
    assert educator_client.post(reverse("activity:meeting_delete", args=[meeting.pk])).status_code == 404


def test_meeting_is_deleted_after_confirmation(educator_client, team):
    meeting = PartnershipMeetingFactory(team=team)
    educator_client.post(reverse("activity:meeting_delete", args=[meeting.pk]))
    assert not PartnershipMeeting.objects.exists()
