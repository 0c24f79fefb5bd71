"""The legal deadline engine (DOMAIN §0.3).

T-1: the trigger day is day 0; counting starts the next day.
WD: count working days only (T-5).
CAL: calendar days; if the last day is not a working day, the period ends on the next working day
(T-3, T-6).
CAL_NOROLL: a minimum display period: exactly start + N, never rolled forward (T-8); a rule may
count backwards ("at least 7 days before the conference").

Every result carries an explanation: which days were skipped and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .calendar import MAX_DATE, MIN_DATE, DayStatus, WorkingCalendar

UNITS = ("CAL", "WD", "CAL_NOROLL")
MAX_LENGTH = 3650


class DeadlineInputError(ValueError):
    """Bad input to the engine; the message is for the user, in the active language."""


@dataclass
class SkippedDay:
    day: dt.date
    reason: str


@dataclass
class DeadlineResult:
    start: dt.date
    length: int
    unit: str
    direction: str
    due_on: dt.date
    skipped: list[SkippedDay] = field(default_factory=list)
    rolled_from: dt.date | None = None
    is_provisional: bool = False
    rule_code: str | None = None
    steps: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("start", "due_on", "rolled_from"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        data["skipped"] = [{"day": s.day.isoformat(), "reason": s.reason} for s in self.skipped]
        return data


def _fmt(day: dt.date) -> str:
    return date_format(day, "l d/m/Y")


def validate_input(start: Any, length: Any, unit: Any) -> None:
    if not isinstance(start, dt.date):
        raise DeadlineInputError(_("The start date is not a valid date."))
    if not MIN_DATE <= start <= MAX_DATE:
        raise DeadlineInputError(
            _("The start date must be between %(min)s and %(max)s.")
            % {"min": MIN_DATE.strftime("%d/%m/%Y"), "max": MAX_DATE.strftime("%d/%m/%Y")}
        )
    if unit not in UNITS:
        raise DeadlineInputError(
            _("Unknown unit “%(unit)s”: use CAL, WD or CAL_NOROLL.") % {"unit": unit}
        )
    if isinstance(length, bool) or not isinstance(length, int):
        raise DeadlineInputError(_("The length must be a whole number of days."))
    if length < 1:
        raise DeadlineInputError(_("The length must be at least 1 day."))
    if length > MAX_LENGTH:
        raise DeadlineInputError(
            _("The length must not exceed %(max)d days.") % {"max": MAX_LENGTH}
        )


def compute_due(
    start: dt.date,
    length: int,
    unit: str,
    calendar: WorkingCalendar,
    *,
    direction: str = "after",
    rule_code: str | None = None,
) -> DeadlineResult:
    """Compute the due date of a period that starts on `start` (day 0) and explain it."""
    validate_input(start, length, unit)
    if direction == "before" and unit != "CAL_NOROLL":
        raise DeadlineInputError(_("Only minimum periods (CAL_NOROLL) can count backwards."))
    result = DeadlineResult(
        start=start,
        length=length,
        unit=unit,
        direction=direction,
        due_on=start,
        rule_code=rule_code,
    )
    provisional = False

    def skip(status: DayStatus) -> None:
        nonlocal provisional
        provisional = provisional or status.is_provisional
        result.skipped.append(SkippedDay(status.day, status.reason))

    try:
        if unit == "WD":
            day, counted = start, 0
            while counted < length:
                day += dt.timedelta(days=1)
                status = calendar.status(day)
                if status.is_working:
                    counted += 1
                    provisional = provisional or status.is_provisional
                else:
                    skip(status)
            result.due_on = day
            result.steps.append(
                _("Counting starts the day after %(start)s; %(n)d working days end on %(due)s.")
                % {"start": _fmt(start), "n": length, "due": _fmt(day)}
            )
        elif unit == "CAL":
            last = start + dt.timedelta(days=length)
            result.steps.append(
                _("Day %(n)d counted from the day after %(start)s is %(last)s.")
                % {"n": length, "start": _fmt(start), "last": _fmt(last)}
            )
            day = last
            status = calendar.status(day)
            while not status.is_working:
                skip(status)
                day += dt.timedelta(days=1)
                status = calendar.status(day)
            provisional = provisional or status.is_provisional
            if day != last:
                result.rolled_from = last
                result.steps.append(
                    _(
                        "That day is not a working day, so the period ends on the next working day, %(due)s (Civil Code Art. 148(5))."
                    )
                    % {"due": _fmt(day)}
                )
            result.due_on = day
        else:
            sign = -1 if direction == "before" else 1
            day = start + sign * dt.timedelta(days=length)
            status = calendar.status(day)
            provisional = provisional or status.is_provisional
            result.due_on = day
            if direction == "before":
                result.steps.append(
                    _("A minimum period: %(n)d days before %(start)s is %(due)s; it is not moved.")
                    % {"n": length, "start": _fmt(start), "due": _fmt(day)}
                )
            else:
                result.steps.append(
                    _(
                        "A minimum period: %(start)s plus %(n)d days is %(due)s; it is not moved even if that day is not a working day."
                    )
                    % {"n": length, "start": _fmt(start), "due": _fmt(day)}
                )
    except OverflowError as exc:
        raise DeadlineInputError(_("The resulting date is out of range.")) from exc
    if not MIN_DATE <= result.due_on <= MAX_DATE:
        raise DeadlineInputError(_("The resulting date is out of range."))
    result.is_provisional = provisional
    return result
