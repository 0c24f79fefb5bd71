"""Reminders before each report is due, and a word to the unit head and the coordinator when a
report is missing after its due date. Run once a day (tasks.py); idempotent: one notification per
unit, programme, period and kind, whatever the number of runs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.core.notifications import notify
from danvan.core.selectors import commune_calendar

from .access import REPORTING_ROLES
from .models import Programme
from .selectors import Expectation, expectations, reports_of, task_rows

REMIND_DAYS_BEFORE = 3
# A missing report is escalated once, and only while it is recent: importing a programme in
# November does not flood the units with ten months of "overdue" messages.
ESCALATE_WITHIN_DAYS = 30


def _people(commune_id: int, unit_id: int, roles: frozenset[Role]) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            commune_id=commune_id, unit_id=unit_id, role__in=roles, is_active=True
        ).select_related("user")
    ]


def _coordinators(commune_id: int) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            commune_id=commune_id, role=Role.COORDINATOR, is_active=True
        ).select_related("user")
    ]


def _group(items: list[Expectation]) -> dict[tuple[int, dt.date], list[Expectation]]:
    groups: dict[tuple[int, dt.date], list[Expectation]] = defaultdict(list)
    for item in items:
        groups[(item.unit.pk, item.slot.period.end)].append(item)
    return groups


def send_report_reminders(today: dt.date | None = None) -> int:
    """Notify each unit whose report falls due within REMIND_DAYS_BEFORE days and is not in
    yet; notify its head and the coordinators when a report is overdue. Returns how many
    notifications were created."""
    today = today or timezone.localdate()
    sent = 0
    programmes = Programme.objects.filter(year__gte=today.year - 1, year__lte=today.year + 1)
    for programme in programmes.select_related("commune"):
        calendar = commune_calendar(programme.commune)
        rows = task_rows(programme, today=today, calendar=calendar)
        missing = [e for e in expectations(rows, reports_of(programme)) if e.report is None]
        soon = [
            e
            for e in missing
            if today <= e.slot.due_on <= today + dt.timedelta(days=REMIND_DAYS_BEFORE)
        ]
        overdue = [
            e
            for e in missing
            if today - dt.timedelta(days=ESCALATE_WITHIN_DAYS) <= e.slot.due_on < today
        ]
        with transaction.atomic():
            sent += _send(programme, _group(soon), escalate=False)
            sent += _send(programme, _group(overdue), escalate=True)
    return sent


def _send(
    programme: Programme, groups: dict[tuple[int, dt.date], list[Expectation]], *, escalate: bool
) -> int:
    sent = 0
    commune = programme.commune
    for (unit_id, period_end), items in groups.items():
        unit = items[0].unit
        slot = items[0].slot
        params = {
            "unit": unit.name,
            "n": len(items),
            "programme": programme.title,
            "period": slot.period.label,
            "day": slot.due_on.strftime("%d/%m/%Y"),
        }
        if escalate:
            title = (
                _(
                    "Missing report: %(unit)s, %(n)d task(s) of “%(programme)s”, %(period)s (due %(day)s)"
                )
                % params
            )
            people = _people(commune.pk, unit_id, frozenset({Role.UNIT_HEAD}))
            people += _coordinators(commune.pk)
        else:
            title = (
                _("Report due on %(day)s: %(unit)s, %(n)d task(s) of “%(programme)s”, %(period)s")
                % params
            )
            people = _people(commune.pk, unit_id, REPORTING_ROLES)
        body = "\n".join(f"{item.row.task.number}. {item.row.task.title}" for item in items)
        key = f"programme:{programme.pk}:{unit_id}:{period_end.isoformat()}:{'late' if escalate else 'soon'}"
        url = reverse("programmes:unit", args=[unit_id])
        for user in {person.pk: person for person in people}.values():
            if notify(user=user, key=key, title=title, body=body, url=url, commune=commune):
                sent += 1
    return sent
