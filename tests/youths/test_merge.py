"""Merging two records of one youth, and undoing the merge."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from carnet.activity.models import Intervention
from carnet.activity.services import intervention_update
from carnet.editing.versions import EditConflict
from carnet.privacy.services import archive_youth
from carnet.referentials.models import Origin, Situation
from carnet.youths.models import Youth
from carnet.youths.services import youth_merge, youth_merge_undo, youth_update
from tests.factories import (
    AccompanimentPeriodFactory,
    CollectiveActionFactory,
    InterventionFactory,
    PresenceSessionFactory,
    QuartierFactory,
    SituationChangeFactory,
    YouthFactory,
)

from .conftest import ref

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def twin(youth):
    """A second record of the same youth, made by another educator: nickname only, and more facts."""
    return YouthFactory(
        commune=youth.commune,
        quartier=QuartierFactory(commune=youth.commune),
        first_name="",
        nickname="Nénette",
        last_name="Durand",
        birth_year=2010,
        first_contact_date=D(2023, 3, 1),
        origin=ref(Origin, youth.team, "tiers"),
        external_id="PRE-42",
    )


def snapshot(youth: Youth) -> dict:
    youth = Youth.objects.get(pk=youth.pk)
    return {
        "fields": {
            name: getattr(youth, name)
            for name in (
                "first_name",
                "nickname",
                "last_name",
                "quartier_id",
                "origin_id",
                "first_contact_date",
            )
        }
        | {"external_id": youth.external_id, "merged_into": youth.merged_into_id},
        "interventions": sorted(youth.interventions.values_list("pk", flat=True)),
        "actions": sorted(youth.collective_actions.values_list("pk", flat=True)),
        "sessions": sorted(youth.presence_sessions.values_list("pk", flat=True)),
        "situations": sorted(youth.situation_changes.values_list("pk", flat=True)),
        "periods": sorted(youth.accompaniment_periods.values_list("pk", flat=True)),
    }


@pytest.fixture
def records(team, youth, twin):
    """Records on both sides, including an action and a session both records were named in."""
    shared_action = CollectiveActionFactory(team=team)
    shared_action.participants.add(youth, twin)
    CollectiveActionFactory(team=team).participants.add(twin)
    shared_session = PresenceSessionFactory(team=team)
    shared_session.known_youths.add(youth, twin)
    PresenceSessionFactory(team=team).known_youths.add(twin)
    InterventionFactory(youth=youth, date=D(2023, 9, 1))
    InterventionFactory(youth=twin, date=D(2023, 4, 1))
    InterventionFactory(youth=twin, date=D(2023, 5, 1))
    SituationChangeFactory(youth=youth, since=D(2023, 9, 1))
    SituationChangeFactory(youth=twin, since=D(2023, 9, 1), situation=ref(Situation, team, "rupture"))
    SituationChangeFactory(youth=twin, since=D(2023, 3, 1))
    AccompanimentPeriodFactory(youth=twin, start=D(2023, 3, 1), end=D(2023, 5, 31))
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 6, 1))
    return shared_action, shared_session


def test_merge_moves_every_record_to_the_kept_youth(youth, twin, records, educator):
    youth_merge(kept=youth, merged=twin, user=educator)

    kept, archived = snapshot(youth), snapshot(twin)
    assert len(kept["interventions"]) == 3 and archived["interventions"] == []
    assert len(kept["actions"]) == 2 and archived["actions"] == []
    assert len(kept["sessions"]) == 2 and archived["sessions"] == []
    assert len(kept["periods"]) == 2 and archived["periods"] == []
    # The same-day situation: the kept record's wins; the other stays with the archive.
    assert len(kept["situations"]) == 2 and len(archived["situations"]) == 1


def test_a_shared_action_counts_the_youth_once_after_the_merge(youth, twin, records, educator):
    shared_action, shared_session = records
    youth_merge(kept=youth, merged=twin, user=educator)
    assert list(shared_action.participants.all()) == [youth]
    assert list(shared_session.known_youths.all()) == [youth]


def test_merge_fills_the_kept_records_empty_fields_and_archives_the_other(youth, twin, educator):
    youth_merge(kept=youth, merged=twin, user=educator)
    youth.refresh_from_db()
    twin.refresh_from_db()
    assert youth.nickname == "Nénette"  # already known: kept as it was
    assert youth.last_name == "Durand" and youth.quartier_id == twin.quartier_id
    assert youth.origin.code == "tiers" and youth.external_id == "PRE-42"
    assert youth.first_contact_date == D(2023, 3, 1)  # the earlier first contact
    assert twin.merged_into == youth and twin.external_id == ""
    assert list(Youth.objects.active()) == [youth]


def test_merge_is_refused_when_accompaniment_periods_overlap(youth, twin, educator):
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 6, 1))
    AccompanimentPeriodFactory(youth=twin, start=D(2023, 3, 1), end=D(2023, 6, 1))
    before = (snapshot(youth), snapshot(twin))
    with pytest.raises(ValidationError, match="se chevauchent"):
        youth_merge(kept=youth, merged=twin, user=educator)
    assert (snapshot(youth), snapshot(twin)) == before


def test_merge_is_refused_across_teams_with_itself_or_with_an_archived_record(youth, twin, educator):
    with pytest.raises(ValidationError, match="même équipe"):
        youth_merge(kept=youth, merged=YouthFactory(), user=educator)
    with pytest.raises(ValidationError, match="elle-même"):
        youth_merge(kept=youth, merged=youth, user=educator)
    youth_merge(kept=youth, merged=twin, user=educator)
    with pytest.raises(ValidationError, match="déjà fusionnée"):
        youth_merge(kept=YouthFactory(commune=youth.commune), merged=twin, user=educator)


def test_undo_puts_everything_back_as_it_was(youth, twin, records, educator):
    before = (snapshot(youth), snapshot(twin))
    merge = youth_merge(kept=youth, merged=twin, user=educator)
    youth_merge_undo(merge=merge, user=educator)
    assert (snapshot(youth), snapshot(twin)) == before
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.undone_by == educator


def test_undo_keeps_what_was_recorded_or_corrected_since_the_merge(youth, twin, educator):
    merge = youth_merge(kept=youth, merged=twin, user=educator)
    later = InterventionFactory(youth=youth, date=D(2024, 1, 5))
    current = Youth.objects.get(pk=youth.pk)
    youth_update(youth=current, user=educator, version=current.version, last_name="Durand-Martin")
    youth_merge_undo(merge=merge, user=educator)
    youth.refresh_from_db()
    assert list(youth.interventions.all()) == [later]
    assert youth.last_name == "Durand-Martin"
    assert youth.quartier is None and youth.external_id == ""


def test_a_merge_is_undone_only_once(youth, twin, educator):
    merge = youth_merge(kept=youth, merged=twin, user=educator)
    youth_merge_undo(merge=merge, user=educator)
    with pytest.raises(ValidationError, match="déjà été annulée"):
        youth_merge_undo(merge=merge, user=educator)


def test_undo_waits_for_the_later_merge_of_the_kept_record_to_be_undone(youth, twin, educator):
    first = youth_merge(kept=youth, merged=twin, user=educator)
    third = YouthFactory(commune=youth.commune)
    youth_merge(kept=third, merged=youth, user=educator)
    with pytest.raises(ValidationError, match="annulez d'abord"):
        youth_merge_undo(merge=first, user=educator)


def test_edit_forms_opened_before_a_merge_are_refused_after_it(youth, twin, educator):
    """The merge moves the twin's records and fills the kept file's gaps: a form opened before
    would write the old values back (the twin as the intervention's youth, the gaps empty)."""
    intervention = InterventionFactory(youth=twin, domains=["sante"])
    opened_intervention, opened_youth = (
        Intervention.objects.get(pk=intervention.pk),
        Youth.objects.get(pk=youth.pk),
    )

    youth_merge(kept=youth, merged=twin, user=educator)

    with pytest.raises(EditConflict):
        intervention_update(intervention=opened_intervention, version=opened_intervention.version, note="Vu")
    with pytest.raises(EditConflict):
        youth_update(youth=opened_youth, user=educator, version=opened_youth.version, nickname="Nina")
    assert Intervention.objects.get(pk=intervention.pk).youth == youth


def test_a_merge_whose_kept_file_went_to_the_restricted_archive_is_not_undone_from_the_youth_pages(
    client, youth, twin, educator
):
    merge = youth_merge(kept=youth, merged=twin, user=educator)
    archive_youth(youth=youth, now=timezone.now(), today=timezone.localdate())
    client.force_login(educator)

    response = client.post(reverse("youths:merge_undo", args=[merge.pk]))

    assert response.status_code == 404
    assert Youth.objects.get(pk=twin.pk).merged_into_id == youth.pk
