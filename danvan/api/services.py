"""Writes of the API app: API keys of external applications, personal access tokens of staff,
and petitions submitted by Open311 clients.

Creating and revoking a credential is audited (core.audit); the plain secret is returned to the
caller once and never stored, logged or audited (only its prefix is)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Commune
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition
from danvan.petitions.states import Kind

from .credentials import API_KEY_LEAD, STAFF_TOKEN_LEAD, new_secret
from .inputs import one_line
from .models import ApiKey, Open311Submission, StaffToken

NAME_MAX = 100
TOKEN_DAYS_DEFAULT = 365
TOKEN_DAYS_MAX = 3 * 365
# Writing "last used" on every call would turn each read into a write: once a minute is enough.
TOUCH_EVERY = dt.timedelta(minutes=1)


def _clean_name(name: str) -> str:
    name = one_line(name)
    if not name:
        raise ValidationError({"name": _("Give the name of the application.")})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": _("At most %(n)d characters.") % {"n": NAME_MAX}})
    return name


# --- API keys (Open311 clients) -----------------------------------------------------------------
def api_key_create(*, actor: Any, name: str, commune: Commune | None = None) -> tuple[ApiKey, str]:
    """Make a key for an external application; return it with its plain value (shown once).
    A key of a commune may submit only to that commune; a key without one, to every commune
    (made from the command line by the operator). One active key per application name: the name
    is what each petition records as "submitted through". Errors: ValidationError on `name`."""
    name = _clean_name(name)
    taken = ValidationError(
        {"name": _("An active key named “%(name)s” already exists.") % {"name": name}}
    )
    if ApiKey.objects.filter(name=name, is_active=True).exists():
        raise taken
    raw, prefix, hashed = new_secret(API_KEY_LEAD)
    try:
        with transaction.atomic():
            key = ApiKey.objects.create(
                name=name,
                prefix=prefix,
                hashed_key=hashed,
                commune=commune,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit.record(
                verb="api.key_created",
                actor=actor,
                commune=commune,
                obj=key,
                after={"name": name, "prefix": prefix, "commune": commune.code if commune else ""},
            )
    except IntegrityError:  # the same name, created at the same moment by someone else
        raise taken from None
    return key, raw


def api_key_revoke(*, actor: Any, key: ApiKey) -> ApiKey:
    """Revoke a key: the application can no longer submit. Petitions it sent are kept."""
    if not key.is_active:
        raise ValidationError(_("This key is already revoked."))
    with transaction.atomic():
        key.is_active = False
        key.revoked_at = timezone.now()
        key.revoked_by = actor if getattr(actor, "is_authenticated", False) else None
        key.save(update_fields=["is_active", "revoked_at", "revoked_by"])
        audit.record(
            verb="api.key_revoked",
            actor=actor,
            commune=key.commune,
            obj=key,
            before={"is_active": True},
            after={"is_active": False, "prefix": key.prefix},
        )
    return key


def api_key_touch(key: ApiKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= TOUCH_EVERY:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


# --- personal access tokens (staff API) ---------------------------------------------------------
def staff_token_create(
    *,
    actor: Any,
    user: Any,
    name: str,
    days: int = TOKEN_DAYS_DEFAULT,
    commune: Commune | None = None,
) -> tuple[StaffToken, str]:
    """Make a personal access token of `user` for another system; return it with its plain
    value (shown once). It acts with the user's own roles, so it never grants more than the
    user holds, and stops working when the user is deactivated or the token expires.
    Errors: ValidationError on `name` or `days`."""
    name = _clean_name(name)
    if not 1 <= days <= TOKEN_DAYS_MAX:
        raise ValidationError({"days": _("Between 1 and %(max)d days.") % {"max": TOKEN_DAYS_MAX}})
    raw, prefix, hashed = new_secret(STAFF_TOKEN_LEAD)
    with transaction.atomic():
        token = StaffToken.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            hashed_key=hashed,
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        audit.record(
            verb="api.staff_token_created",
            actor=actor,
            commune=commune,
            obj=token,
            after={"user": user.username, "name": name, "prefix": prefix, "days": days},
        )
    return token, raw


def staff_token_revoke(
    *, actor: Any, token: StaffToken, commune: Commune | None = None
) -> StaffToken:
    if not token.is_active:
        raise ValidationError(_("This token is already revoked."))
    with transaction.atomic():
        token.is_active = False
        token.revoked_at = timezone.now()
        token.save(update_fields=["is_active", "revoked_at"])
        audit.record(
            verb="api.staff_token_revoked",
            actor=actor,
            commune=commune,
            obj=token,
            after={"user": token.user.username, "prefix": token.prefix},
        )
    return token


def staff_token_touch(token: StaffToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        StaffToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# --- Open311 ------------------------------------------------------------------------------------
def open311_request_create(
    *,
    api_key: ApiKey,
    commune: Commune,
    service_code: str,
    description: str,
    full_name: str,
    details: list[str] | None = None,
    email: str = "",
    phone: str = "",
    place: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    allow_public: bool = False,
    media_url: str = "",
    address_id: str = "",
    device_id: str = "",
    account_id: str = "",
    attributes: dict[str, Any] | None = None,
) -> Petition:
    """A citizen's feedback sent through an Open311 client (GeoReport v2 POST requests): an
    online petition like one from the portal (petitions.services.petition_submit_public),
    recorded as submitted through the key's application. The summary is the first 120
    characters of the description; the content is the description, then the `details` (the
    answers to the service's questions), one a line. Errors: ValidationError from the petition
    services."""
    if api_key.commune_id is not None and api_key.commune_id != commune.pk:
        raise ValidationError(_("This API key may not submit to this commune."))
    with transaction.atomic():
        petition = petition_services.petition_submit_public(
            commune=commune,
            kind=Kind.FEEDBACK,
            full_name=full_name,
            summary=one_line(description)[:120],
            content="\n\n".join([description, "\n".join(details)]) if details else description,
            email=email,
            phone=phone,
            place=place,
            field=service_code,
            latitude=latitude,
            longitude=longitude,
            allow_public=allow_public,
            external_client=api_key.name,
        )
        Open311Submission.objects.create(
            petition=petition,
            api_key=api_key,
            media_url=media_url,
            address_id=address_id,
            device_id=device_id,
            account_id=account_id,
            attributes=attributes or {},
        )
        api_key_touch(api_key)
        audit.record(
            verb="api.open311_submitted",
            commune=commune,
            obj=petition,
            after={"api_key": api_key.prefix, "client": api_key.name, "service_code": service_code},
        )
    return petition
