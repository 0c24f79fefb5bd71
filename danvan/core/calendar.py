"""The civil-service working calendar (DOMAIN §0.3 T-5, §12).

A day is a working day when it is Monday–Friday and not a statutory holiday (the `holidays`
package, Vietnam, in Vietnamese), unless an override says otherwise. Overrides are data: national
or for one province, each with the document that decided it. A province override beats a national
one, which beats the statutory calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.utils.translation import gettext as _

MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2099, 12, 31)


@dataclass(frozen=True)
class DayStatus:
    day: dt.date
    is_working: bool
    reason: str  # why the day is (not) working, in the active language
    source: str  # "weekend" | "holiday" | "override" | "weekday"
    is_provisional: bool = False


@dataclass(frozen=True)
class OverrideDay:
    day: dt.date
    is_working: bool
    name: str
    legal_document: str
    is_provisional: bool


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """Statutory holidays and the library's known swapped days off for one year."""
    return dict(holidays.country_holidays("VN", years=year, language="vi").items())


@lru_cache(maxsize=64)
def statutory_weekend_workdays(year: int) -> frozenset[dt.date]:
    h = holidays.country_holidays("VN", years=year, language="vi")
    return frozenset(d for d in h.weekend_workdays if d.year == year)


class WorkingCalendar:
    """Answers "is this a working day, and why" for one province's offices."""

    def __init__(
        self,
        overrides: dict[dt.date, OverrideDay] | None = None,
        provisional_years: frozenset[int] = frozenset(),
    ) -> None:
        self.overrides = overrides or {}
        self.provisional_years = provisional_years

    def status(self, day: dt.date) -> DayStatus:
        provisional = day.year in self.provisional_years
        override = self.overrides.get(day)
        if override is not None:
            if override.is_working:
                reason = _("Working day by decision: %(name)s") % {"name": override.name}
            else:
                reason = _("Day off by decision: %(name)s") % {"name": override.name}
            if override.legal_document:
                reason += f" ({override.legal_document})"
            return DayStatus(
                day, override.is_working, reason, "override", provisional or override.is_provisional
            )
        holiday = statutory_holidays(day.year).get(day)
        if holiday is not None:
            return DayStatus(
                day,
                False,
                _("Public holiday: %(name)s") % {"name": holiday},
                "holiday",
                provisional,
            )
        if day in statutory_weekend_workdays(day.year):
            return DayStatus(day, True, _("Swapped working Saturday"), "override", provisional)
        if day.weekday() == 5:
            return DayStatus(day, False, _("Saturday (weekly rest day)"), "weekend", provisional)
        if day.weekday() == 6:
            return DayStatus(day, False, _("Sunday (weekly rest day)"), "weekend", provisional)
        return DayStatus(day, True, _("Working day"), "weekday", provisional)

    def is_working_day(self, day: dt.date) -> bool:
        return self.status(day).is_working

    def non_working_days(self, start: dt.date, end: dt.date) -> list[DayStatus]:
        """Non-working days in [start, end], weekends included."""
        days = []
        day = start
        while day <= end:
            status = self.status(day)
            if not status.is_working:
                days.append(status)
            day += dt.timedelta(days=1)
        return days
