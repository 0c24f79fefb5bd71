"""Reads of core tables. Scoping by actor lives in accounts.selectors (core knows no users)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from .calendar import OverrideDay, WorkingCalendar
from .models import CalendarOverride, CalendarYear, Commune, Deadline, DeadlineRule


def working_calendar(province_id: int | None = None) -> WorkingCalendar:
    """The calendar of one province's offices: national overrides, then the province's own."""
    overrides: dict[dt.date, OverrideDay] = {}
    rows = CalendarOverride.objects.filter(is_active=True).filter(
        Q(province__isnull=True) | Q(province_id=province_id)
    )
    # National first so that a province's own decision for the same day wins.
    for row in sorted(rows, key=lambda r: r.province_id is not None):
        overrides[row.date] = OverrideDay(
            day=row.date,
            is_working=row.kind == "work",
            name=row.name,
            legal_document=row.legal_document,
            is_provisional=row.is_provisional,
        )
    provisional = frozenset(
        CalendarYear.objects.filter(is_confirmed=False).values_list("year", flat=True)
    )
    return WorkingCalendar(overrides, provisional)


def commune_calendar(commune: Commune) -> WorkingCalendar:
    return working_calendar(commune.province_id)


def active_rules() -> QuerySet[DeadlineRule]:
    return DeadlineRule.objects.filter(is_active=True).order_by("code")


def open_deadlines_affected_by(day: dt.date, province_id: int | None) -> QuerySet[Deadline]:
    """Open deadlines whose computation crossed `day` (started before it, due on or after it)."""
    qs = Deadline.objects.filter(is_open=True, started_on__lt=day, due_on__gte=day)
    before = Deadline.objects.filter(
        is_open=True, direction="before", due_on__lte=day, started_on__gt=day
    )
    qs = qs | before
    if province_id is not None:
        qs = qs.filter(commune__province_id=province_id)
    return qs.select_related("commune", "rule")


def calendar_overrides(year: int | None = None) -> QuerySet[CalendarOverride]:
    qs = CalendarOverride.objects.select_related("province")
    if year:
        qs = qs.filter(date__year=year)
    return qs.order_by("date")
