"""Derived task status: a pure function of dates, progress, the last report and the calendar.

Nobody types a task's status. The rules, in order (the first that applies wins):

1. cancelled by a decision of the coordinator → CANCELLED;
2. progress has reached 100 % → DONE;
3. the start date is still ahead → NOT_STARTED;
4. the due date has passed → LATE;
5. a report fell due (before today) and nothing was reported since its period began → AT_RISK;
6. progress lags the share of working days already spent by more than AT_RISK_MARGIN points
   → AT_RISK;
7. nothing has been reported and progress is 0 → NOT_STARTED (the first report is not due yet);
8. otherwise → ON_TRACK.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from danvan.core.services import working_days_between

from .schedule import CalendarLike, ReportSlot, report_schedule
from .states import TaskStatus

AT_RISK_MARGIN = 25


@dataclass(frozen=True)
class TaskFacts:
    starts_on: dt.date
    due_on: dt.date
    progress: int
    last_report_on: dt.date | None
    frequency: str
    report_lag_days: int = 0
    is_cancelled: bool = False


@dataclass(frozen=True)
class StatusResult:
    status: TaskStatus
    reason: str
    expected: int | None = None
    missed: ReportSlot | None = None

    @property
    def label(self) -> str:
        return str(self.status.label)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def expected_progress(
    starts_on: dt.date, due_on: dt.date, today: dt.date, calendar: CalendarLike
) -> int:
    """The share of the task's working days spent before today, in per cent (0–100)."""
    if today <= starts_on:
        return 0
    if today > due_on:
        return 100
    total = working_days_between(starts_on, due_on + dt.timedelta(days=1), calendar)
    if total == 0:
        return 0
    spent = working_days_between(starts_on, today, calendar)
    return min(100, spent * 100 // total)


def missed_report(
    facts: TaskFacts, today: dt.date, calendar: CalendarLike, slots: list[ReportSlot] | None = None
) -> ReportSlot | None:
    """The latest report slot that fell due before today with nothing reported since its period
    began, or None."""
    if slots is None:
        slots = report_schedule(
            starts_on=facts.starts_on,
            due_on=facts.due_on,
            frequency=facts.frequency,
            calendar=calendar,
            lag_days=facts.report_lag_days,
        )
    past = [slot for slot in slots if slot.due_on < today]
    if not past:
        return None
    latest = past[-1]
    if facts.last_report_on is not None and facts.last_report_on >= latest.period.start:
        return None
    return latest


def derive_status(
    facts: TaskFacts,
    *,
    today: dt.date,
    calendar: CalendarLike,
    slots: list[ReportSlot] | None = None,
) -> StatusResult:
    """The status of a task today, with a sentence saying why (see the module docstring)."""
    progress = max(0, min(100, facts.progress))
    if facts.is_cancelled:
        return StatusResult(TaskStatus.CANCELLED, _("Cancelled by decision."))
    if progress >= 100:
        return StatusResult(TaskStatus.DONE, _("Progress has reached 100%."))
    if today < facts.starts_on:
        return StatusResult(
            TaskStatus.NOT_STARTED,
            _("Starts on %(day)s.") % {"day": _fmt(facts.starts_on)},
        )
    if today > facts.due_on:
        return StatusResult(
            TaskStatus.LATE,
            _("The due date %(day)s has passed at %(progress)d%%.")
            % {"day": _fmt(facts.due_on), "progress": progress},
            expected=100,
        )
    expected = expected_progress(facts.starts_on, facts.due_on, today, calendar)
    missed = missed_report(facts, today, calendar, slots)
    if missed is not None:
        return StatusResult(
            TaskStatus.AT_RISK,
            _("No report for %(period)s, due on %(day)s.")
            % {"period": missed.period.label, "day": _fmt(missed.due_on)},
            expected=expected,
            missed=missed,
        )
    if expected - progress > AT_RISK_MARGIN:
        return StatusResult(
            TaskStatus.AT_RISK,
            _("Progress %(progress)d%% is behind the %(expected)d%% expected by now.")
            % {"progress": progress, "expected": expected},
            expected=expected,
        )
    if progress == 0 and facts.last_report_on is None:
        return StatusResult(
            TaskStatus.NOT_STARTED,
            _("Nothing reported yet; the first report is not due yet."),
            expected=expected,
        )
    return StatusResult(
        TaskStatus.ON_TRACK,
        _("Progress %(progress)d%%; %(expected)d%% expected by now.")
        % {"progress": progress, "expected": expected},
        expected=expected,
    )
