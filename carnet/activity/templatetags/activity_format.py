from django import template

register = template.Library()


@register.filter
def hours(minutes: int | None) -> str:
    """A duration as educators say it: ``90`` reads ``1 h 30``, ``45`` reads ``45 min``."""
    if not minutes:
        return ""
    whole, rest = divmod(int(minutes), 60)
    if not whole:
        return f"{rest} min"
    return f"{whole} h {rest:02d}" if rest else f"{whole} h"


@register.filter
def names(users) -> str:
    """Staff as colleagues call them: first name and the last name's initial."""
    return ", ".join(
        f"{user.first_name} {user.last_name[:1]}.".strip() if user.first_name else user.username
        for user in users
    )
