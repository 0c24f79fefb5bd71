"""The reporting calendar: which periods a task is reported on, and when each report is due.

Periods follow Nghị định 09/2019/NĐ-CP (DOMAIN §14.1): the data of a period run from the 15th of
the last month of the previous period to the 14th of the last month of this one, so the year 2026
is 15/12/2025–14/12/2026 and its first quarter 15/12/2025–14/03/2026. A unit's report is due on
the cut-off day plus the programme's lag (0 by default; the submission deadline is UNCONFIRMED and
set by provincial instruction), moved to the next working day of the commune's calendar when it
falls on a weekend, a holiday or a day off by decision.

Pure: no database. `calendar` is anything with `is_working_day(day) -> bool`
(core.selectors.commune_calendar(commune) in the application).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

from .states import Frequency

CUTOFF_DAY = 14
MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.ANNUALLY: 12,
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# A due date is searched for at most this many days ahead (Tết plus weekends is about 10).
MAX_ROLL_DAYS = 60
# A task that starts less than a week before a cut-off day is first reported on at the next one.
MIN_FIRST_PERIOD_DAYS = 7


class CalendarLike(Protocol):
    def is_working_day(self, day: dt.date) -> bool: ...


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: [start, end] inclusive, end being the NĐ 09/2019 cut-off day."""

    end: dt.date
    start: dt.date
    frequency: str

    @property
    def key(self) -> str:
        return self.end.isoformat()

    @property
    def label(self) -> str:
        """In the active language: "month 3/2026", "quarter I/2026", "year 2026"."""
        year, month = self.end.year, self.end.month
        if self.frequency == Frequency.MONTHLY:
            return _("month %(month)d/%(year)d") % {"month": month, "year": year}
        if self.frequency == Frequency.QUARTERLY:
            return _("quarter %(quarter)s/%(year)d") % {
                "quarter": ROMAN[(month - 1) // 3 + 1],
                "year": year,
            }
        if self.frequency == Frequency.HALF_YEARLY:
            if month <= 6:
                return _("first half of %(year)d") % {"year": year}
            return _("year %(year)d") % {"year": year}
        return _("year %(year)d") % {"year": year}

    @property
    def label_vi(self) -> str:
        """For official documents, always Vietnamese: "tháng 3/2026", "quý I/2026"."""
        year, month = self.end.year, self.end.month
        if self.frequency == Frequency.MONTHLY:
            return f"tháng {month}/{year}"
        if self.frequency == Frequency.QUARTERLY:
            return f"quý {ROMAN[(month - 1) // 3 + 1]}/{year}"
        if self.frequency == Frequency.HALF_YEARLY and month <= 6:
            return f"6 tháng đầu năm {year}"
        return f"năm {year}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def period_ending(year: int, month: int, frequency: str) -> Period:
    """The period whose cut-off is the 14th of `month`/`year`."""
    months = MONTHS_PER_PERIOD[Frequency(frequency)]
    start_year, start_month = _add_months(year, month, -months)
    return Period(
        end=dt.date(year, month, CUTOFF_DAY),
        start=dt.date(start_year, start_month, CUTOFF_DAY + 1),
        frequency=str(frequency),
    )


def _is_end_month(month: int, frequency: str) -> bool:
    return month % MONTHS_PER_PERIOD[Frequency(frequency)] == 0


def period_containing(day: dt.date, frequency: str) -> Period:
    """The period `day` belongs to (a day after the 14th belongs to the next month's period)."""
    year, month = (day.year, day.month)
    if day.day > CUTOFF_DAY:
        year, month = _add_months(year, month, 1)
    while not _is_end_month(month, frequency):
        year, month = _add_months(year, month, 1)
    return period_ending(year, month, frequency)


def periods_between(start: dt.date, end: dt.date, frequency: str) -> list[Period]:
    """Every period of `frequency` that overlaps [start, end], in order; across year boundaries."""
    if end < start:
        return []
    months = MONTHS_PER_PERIOD[Frequency(frequency)]
    result: list[Period] = []
    period = period_containing(start, frequency)
    while period.start <= end:
        result.append(period)
        year, month = _add_months(period.end.year, period.end.month, months)
        period = period_ending(year, month, frequency)
    return result


def next_working_day(day: dt.date, calendar: CalendarLike) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it."""
    for offset in range(MAX_ROLL_DAYS + 1):
        candidate = day + dt.timedelta(days=offset)
        if calendar.is_working_day(candidate):
            return candidate
    return day + dt.timedelta(days=MAX_ROLL_DAYS)


def report_due_on(period: Period, calendar: CalendarLike, lag_days: int = 0) -> dt.date:
    """The day a unit's report for `period` is due: cut-off + lag, rolled to a working day."""
    return next_working_day(period.end + dt.timedelta(days=lag_days), calendar)


@dataclass(frozen=True)
class ReportSlot:
    """A period a task must be reported on, with its due date."""

    period: Period
    due_on: dt.date


def report_schedule(
    *,
    starts_on: dt.date,
    due_on: dt.date,
    frequency: str,
    calendar: CalendarLike,
    lag_days: int = 0,
) -> list[ReportSlot]:
    """The report slots of a task running from `starts_on` to `due_on`. A period in which the
    task runs for less than a week before the cut-off is skipped when a later one follows."""
    periods = periods_between(starts_on, due_on, frequency)
    if len(periods) > 1 and (periods[0].end - starts_on).days < MIN_FIRST_PERIOD_DAYS:
        periods = periods[1:]
    return [ReportSlot(period, report_due_on(period, calendar, lag_days)) for period in periods]


def half_year(year: int) -> Period:
    """The half-year review period (sơ kết 6 tháng): 15/12 of the year before to 14/06."""
    return period_ending(year, 6, Frequency.HALF_YEARLY)


def whole_year(year: int) -> Period:
    """The year-end review period (tổng kết năm): 15/12 of the year before to 14/12."""
    return period_ending(year, 12, Frequency.ANNUALLY)
