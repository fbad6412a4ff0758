from .permissions import may_administer, user_capabilities


def capabilities(request) -> dict:
    """``can.view_reports`` and the like, for menus; views still check with ``require``."""
    user = getattr(request, "user", None)
    held = user_capabilities(user) if user is not None else frozenset()
    return {
        "can": {capability.value: True for capability in held},
        "can_administer": user is not None and may_administer(user),
    }
