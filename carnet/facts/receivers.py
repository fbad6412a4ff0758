"""The one write the services do not see: a collective action's participants changed through
the relation itself (``action.participants.add`` / ``set`` / ``remove`` / ``clear``, or from
the youth's side), which changes the participants of its line of the action list."""

from carnet.activity.models import CollectiveAction

from .services import participation_years, refresh_participation_facts


def participants_changed(*, instance, action: str, reverse: bool, pk_set: set | None, **kwargs) -> None:
    if action == "pre_clear" and reverse:
        # The youth's actions are known only before the links go.
        instance._actions_before_clear = list(instance.collective_actions.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        action_ids = [instance.pk]
    elif action == "post_clear":
        action_ids = getattr(instance, "_actions_before_clear", [])
    else:
        action_ids = list(pk_set or ())
    refresh_participation_facts(years=participation_years(action_ids=action_ids))


PARTICIPANTS = CollectiveAction.participants.through
