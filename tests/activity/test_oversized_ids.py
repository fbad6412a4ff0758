"""An id too large for the database in a link or a form: a form again, never a server error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize("page", ["intervention_create", "action_create", "presence_create"])
def test_a_link_naming_a_youth_id_beyond_any_database_key_opens_the_empty_form(educator_client, page):
    response = educator_client.get(reverse(f"activity:{page}"), {"youth": HUGE, "participants": HUGE})

    assert response.status_code == 200
    assert not any(picker.selected for picker in response.context["form"].pickers.values())


def test_a_posted_youth_id_beyond_any_database_key_is_refused_next_to_the_field(educator_client):
    response = educator_client.post(
        reverse("activity:intervention_create"), {"youth": HUGE, "date": "2024-05-14", "kind": "interview"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["youth"]
