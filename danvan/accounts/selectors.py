"""Reads scoped to what the actor may see. An object outside the actor's communes answers 404."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from danvan.core.models import Commune

from .models import Membership
from .roles import Role

M = TypeVar("M", bound=Model)

SESSION_COMMUNE_KEY = "danvan_commune_id"


def visible_communes(user: Any) -> QuerySet[Commune]:
    """Communes the user works in, plus every commune of a province they view."""
    if not getattr(user, "is_authenticated", False):
        return Commune.objects.none()
    memberships = Membership.objects.filter(user=user, is_active=True)
    commune_ids = memberships.exclude(commune__isnull=True).values("commune_id")
    province_ids = memberships.filter(role=Role.PROVINCE_VIEWER).values("province_id")
    return Commune.objects.filter(Q(pk__in=commune_ids) | Q(province_id__in=province_ids))


def current_commune(request: HttpRequest) -> Commune | None:
    """The commune the user is working in now: the one chosen in the session if visible, else
    the first visible one. Resolved once per request (the permission check and the layout's
    context both ask)."""
    if not hasattr(request, "_danvan_commune"):
        request._danvan_commune = _resolve_commune(request)  # type: ignore[attr-defined]
    return request._danvan_commune  # type: ignore[attr-defined]


def _resolve_commune(request: HttpRequest) -> Commune | None:
    communes = visible_communes(request.user).select_related("province")
    chosen = request.session.get(SESSION_COMMUNE_KEY)
    if chosen is not None:
        commune = communes.filter(pk=chosen).first()
        if commune is not None:
            return commune
    return communes.order_by("pk").first()


def scoped(queryset: QuerySet[M], user: Any, commune_field: str = "commune") -> QuerySet[M]:
    return queryset.filter(**{f"{commune_field}__in": visible_communes(user)})


def get_scoped_or_404(
    queryset: QuerySet[M], user: Any, commune_field: str = "commune", **lookup: Any
) -> M:
    """Fetch and authorise in one step: what the user may not see does not exist for them."""
    obj = scoped(queryset, user, commune_field).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def memberships_of(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True).select_related(
        "commune", "unit", "province"
    )


def user_requires_two_factor(user: Any) -> bool:
    """Whether a sign-in must be confirmed with a one-time code: the user set up a device, or a
    commune they lead or administer requires it."""
    from django_otp import user_has_device

    if not getattr(user, "is_authenticated", False):
        return False
    if user_has_device(user, confirmed=True):
        return True
    return Membership.objects.filter(
        user=user,
        is_active=True,
        role__in=[Role.LEADER, Role.ADMIN],
        commune__require_2fa_for_leaders=True,
    ).exists()
