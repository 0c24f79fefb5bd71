"""Reads of the API app: credentials by their secret, and what Open311 may publish."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from danvan.core.models import Commune
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.states import Kind

from .credentials import digest
from .models import ApiKey, StaffToken

# Only these kinds are Open311 "service requests". Complaints and information requests carry a
# person's own affairs; denunciations are confidential by law (Luật Tố cáo Art 9, 47).
OPEN311_KINDS = (Kind.FEEDBACK, Kind.RECOMMENDATION)


def api_key_for(raw: str) -> ApiKey | None:
    """The active key whose plain value is `raw`."""
    if not raw:
        return None
    return (
        ApiKey.objects.select_related("commune")
        .filter(hashed_key=digest(raw), is_active=True)
        .first()
    )


def api_keys_of(commune: Commune) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(commune=commune).select_related("created_by", "revoked_by")


def api_key_named(name: str) -> ApiKey | None:
    return ApiKey.objects.filter(name=name, is_active=True).first()


def staff_token_for(raw: str) -> StaffToken | None:
    """The live token whose plain value is `raw`, of a user who may still sign in."""
    if not raw:
        return None
    return (
        StaffToken.objects.select_related("user")
        .filter(
            hashed_key=digest(raw),
            is_active=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )


def staff_tokens_of(user: Any) -> QuerySet[StaffToken]:
    return StaffToken.objects.filter(user=user)


def open311_requests(commune: Commune) -> QuerySet[Petition]:
    """The commune's petitions that Open311 lists: feedback and recommendations that no official
    hid as abusive, newest first (a stable order for paging), with the latest public step of
    each. Never a denunciation, whatever its status."""
    latest_public = PetitionEvent.objects.filter(petition=OuterRef("pk"), is_public=True).order_by(
        "-at", "-id"
    )
    return (
        Petition.objects.filter(commune=commune, kind__in=OPEN311_KINDS, is_hidden=False)
        .select_related("commune", "citizen", "open311_submission")
        .annotate(
            public_note_text=Subquery(latest_public.values("text")[:1]),
            public_note_verb=Subquery(latest_public.values("verb")[:1]),
            public_note_at=Subquery(latest_public.values("at")[:1]),
        )
        .order_by("-registered_at", "-id")
    )
