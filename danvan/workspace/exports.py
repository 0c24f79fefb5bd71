"""The workspace lists as spreadsheets: the year's days off, the units of the commune and the
audit log.

Audit events hold personal values masked since they were written (core.audit.mask_personal) and
never a denouncer's identity: the export writes them as stored, like the page."""

from __future__ import annotations

import json
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from danvan.core.calendar import DayStatus
from danvan.core.models import AuditEvent, Unit
from danvan.core.tabular import Column, field_label

DAY_OFF_COLUMNS: tuple[Column[DayStatus], ...] = (
    Column(_("Date"), lambda d: d.day, 12),
    Column(_("Why"), lambda d: d.reason, 50),
    Column(capfirst(_("provisional")), lambda d: d.is_provisional, 10),
)

UNIT_COLUMNS: tuple[Column[Unit], ...] = (
    Column(_("Name"), lambda u: u.name, 40),
    Column(_("Abbreviation"), lambda u: u.short_name, 14),
    Column(_("Kind"), lambda u: u.get_kind_display(), 20),
    Column(_("Active"), lambda u: u.is_active, 10),
)


def _json(data: Any) -> str:
    if data is None:
        return ""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


AUDIT_COLUMNS: tuple[Column[AuditEvent], ...] = (
    Column(_("At"), lambda e: e.at, 20),
    Column(_("User"), lambda e: str(e.actor) if e.actor else "", 20),
    Column(_("Action"), lambda e: e.verb, 30),
    Column(_("Object type"), lambda e: e.object_type, 20),
    Column(field_label(AuditEvent, "object_id"), lambda e: e.object_id, 10),
    Column(_("Object"), lambda e: e.object_repr, 30),
    Column(_("Before"), lambda e: _json(e.before), 40),
    Column(_("After"), lambda e: _json(e.after), 40),
    Column(_("Reason"), lambda e: e.reason, 30),
    Column(field_label(AuditEvent, "ip"), lambda e: e.ip or "", 16),
)
