"""Reporting periods and the data cut-off convention (DOMAIN §14.1; Nghị định 09/2019/NĐ-CP).

A period is a pair of dates, both inclusive. The official periods run from the `cut-off day` of
the last month of the previous period to the day before it in the last month of the current one:
the year N runs 15/12/(N-1)–14/12/N. The day is a setting (REPORT_CUTOFF_DAY) because a province
may instruct otherwise."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings

KINDS = ("month", "quarter", "half", "nine_months", "year")


def cutoff_day() -> int:
    return int(getattr(settings, "REPORT_CUTOFF_DAY", 15))


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def start_at(self) -> dt.datetime:
        """The first instant of the period, in the commune's time zone."""
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=_tz())

    @property
    def end_at(self) -> dt.datetime:
        """The first instant after the period (exclusive bound)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=_tz())

    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def _tz() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def official_period(kind: str, year: int, number: int = 1) -> Period:
    """The official period `number` of `kind` in `year` with the cut-off convention:
    month m (1–12), quarter q (1–4), half (1 = six months), nine_months, year."""
    day = cutoff_day()
    if kind == "month":
        last_month, months = number, 1
    elif kind == "quarter":
        last_month, months = number * 3, 3
    elif kind == "half":
        last_month, months = 6, 6
    elif kind == "nine_months":
        last_month, months = 9, 9
    elif kind == "year":
        last_month, months = 12, 12
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    if not 1 <= last_month <= 12:
        raise ValueError("period number out of range")
    start_year, start_month = _month_shift(year, last_month, -months)
    start = dt.date(start_year, start_month, day)
    end = dt.date(year, last_month, day) - dt.timedelta(days=1)
    return Period(start, end)
