from typing import Any

from django.http import HttpRequest

from danvan.core.models import Notification

from .permissions import Perm, has_perm, roles_in
from .roles import Role
from .selectors import current_commune, visible_communes


def staff_context(request: HttpRequest) -> dict[str, Any]:
    """The commune being worked in, the user's roles and permissions, for the staff layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    commune = current_commune(request)
    roles = sorted(roles_in(user, commune))
    return {
        "current_commune": commune,
        "current_roles": [Role(r).label for r in roles],
        "can": {perm.value: has_perm(user, perm, commune) for perm in Perm},
        "unread_notifications": Notification.objects.filter(user=user, is_read=False).count(),
        "switchable_communes": visible_communes(user).order_by("name")
        if Role.PROVINCE_VIEWER in roles
        else [],
    }
