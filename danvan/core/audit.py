"""Writing audit events. Services call `record`; nothing else writes AuditEvent rows.

Personal data never reaches the audit trail in clear: values under personal keys are masked.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import models

from .models import AuditEvent, Commune

# The request's client address, set by AuditContextMiddleware for the duration of a request.
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_ip", default=None)

PERSONAL_KEYS = frozenset(
    {
        "full_name",
        "name_of_person",
        "citizen_name",
        "phone",
        "email",
        "address",
        "id_number",
        "cccd",
        "date_of_birth",
        "password",
        "token",
        "secret",
    }
)


def mask_value(value: Any) -> Any:
    """Keep just enough to recognise a value: first and last characters of each word."""
    if value is None or value == "":
        return value
    text = str(value)
    if len(text) <= 2:
        return "*" * len(text)
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    if any(ch.isdigit() for ch in text):
        return f"{text[:2]}{'*' * max(len(text) - 4, 1)}{text[-2:]}"
    return " ".join(f"{word[:1]}{'*' * (len(word) - 1)}" for word in text.split())


def mask_personal(data: Any) -> Any:
    """Mask personal values in a (nested) mapping before it is stored in the audit trail."""
    if isinstance(data, Mapping):
        return {
            key: (mask_value(value) if str(key).lower() in PERSONAL_KEYS else mask_personal(value))
            for key, value in data.items()
        }
    if isinstance(data, list | tuple):
        return [mask_personal(item) for item in data]
    if isinstance(data, dt.date | dt.datetime):
        return data.isoformat()
    if isinstance(data, models.Model):
        return str(data.pk)
    return data


def record(
    *,
    verb: str,
    actor: Any = None,
    commune: Commune | None = None,
    obj: models.Model | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    actor_obj = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        commune=commune,
        actor=actor_obj,
        verb=verb,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        before=mask_personal(dict(before)) if before is not None else None,
        after=mask_personal(dict(after)) if after is not None else None,
        reason=reason,
        ip=current_ip.get(),
    )
