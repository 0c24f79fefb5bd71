"""Derived task status: dates × progress × reports, on a plain weekday calendar and on the real one
(Tết)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.calendar import WorkingCalendar
from danvan.programmes.states import Frequency, TaskStatus
from danvan.programmes.status import (
    AT_RISK_MARGIN,
    TaskFacts,
    derive_status,
    expected_progress,
)

S = TaskStatus
D = dt.date


class Weekdays:
    """Monday–Friday are working days; nothing else is special."""

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5


WEEKDAYS = Weekdays()
START, DUE = D(2026, 3, 2), D(2026, 6, 30)
# Monthly slots of this task (weekday calendar): periods ending 14/03 (due Mon 16/03), 14/04,
# 14/05, 14/06 (due Mon 15/06) and 14/07 (covers 30/06).


def facts(progress: int = 0, last: dt.date | None = None, **kw: object) -> TaskFacts:
    values: dict[str, object] = {
        "starts_on": START,
        "due_on": DUE,
        "progress": progress,
        "last_report_on": last,
        "frequency": Frequency.MONTHLY,
    }
    values.update(kw)
    return TaskFacts(**values)


@pytest.mark.parametrize(
    ("today", "progress", "last", "cancelled", "expected"),
    [
        # Cancellation wins over everything, even done or late.
        (D(2026, 7, 10), 100, D(2026, 6, 1), True, S.CANCELLED),
        (D(2026, 7, 10), 20, None, True, S.CANCELLED),
        (D(2026, 2, 1), 0, None, True, S.CANCELLED),
        # Done at 100 %, whatever the dates.
        (D(2026, 7, 10), 100, D(2026, 7, 9), False, S.DONE),
        (D(2026, 2, 1), 100, D(2026, 2, 1), False, S.DONE),
        (D(2026, 4, 20), 100, None, False, S.DONE),
        # Before the start date.
        (D(2026, 2, 20), 0, None, False, S.NOT_STARTED),
        (D(2026, 3, 1), 30, D(2026, 2, 28), False, S.NOT_STARTED),
        # Started, nothing reported, first report not due yet.
        (D(2026, 3, 2), 0, None, False, S.NOT_STARTED),
        (D(2026, 3, 16), 0, None, False, S.NOT_STARTED),  # the due day itself is not late
        # Started and reported.
        (D(2026, 3, 10), 10, D(2026, 3, 9), False, S.ON_TRACK),
        (D(2026, 3, 17), 10, D(2026, 3, 16), False, S.ON_TRACK),
        # The first report's due date has passed with nothing reported.
        (D(2026, 3, 17), 0, None, False, S.AT_RISK),
        (D(2026, 3, 17), 15, None, False, S.AT_RISK),
        # A report sent before the current period began does not count for it.
        (D(2026, 4, 15), 20, D(2026, 3, 14), False, S.AT_RISK),
        (D(2026, 4, 15), 20, D(2026, 3, 15), False, S.ON_TRACK),
        # Behind the working-day share by more than the margin.
        (D(2026, 5, 20), 10, D(2026, 5, 14), False, S.AT_RISK),
        (D(2026, 5, 20), 40, D(2026, 5, 14), False, S.ON_TRACK),
        # The due date has passed short of 100 %.
        (D(2026, 7, 1), 90, D(2026, 6, 29), False, S.LATE),
        (D(2026, 12, 1), 0, None, False, S.LATE),
        # On the due date itself, still in time.
        (D(2026, 6, 30), 90, D(2026, 6, 15), False, S.ON_TRACK),
    ],
)
def test_status_table(
    today: dt.date, progress: int, last: dt.date | None, cancelled: bool, expected: TaskStatus
) -> None:
    result = derive_status(
        facts(progress, last, is_cancelled=cancelled), today=today, calendar=WEEKDAYS
    )
    assert result.status == expected, result.reason


def test_missing_report_names_the_period_and_its_due_date() -> None:
    result = derive_status(facts(20, D(2026, 3, 14)), today=D(2026, 4, 15), calendar=WEEKDAYS)
    assert result.missed is not None
    assert result.missed.period.end == D(2026, 4, 14)
    assert result.missed.due_on == D(2026, 4, 14)
    assert "14/04/2026" in result.reason


def test_late_wins_over_a_missing_report() -> None:
    result = derive_status(facts(50, None), today=D(2026, 7, 20), calendar=WEEKDAYS)
    assert result.status == S.LATE


def test_margin_boundary_is_inclusive() -> None:
    today = D(2026, 5, 20)
    expected = expected_progress(START, DUE, today, WEEKDAYS)
    last = D(2026, 5, 14)
    on_edge = derive_status(facts(expected - AT_RISK_MARGIN, last), today=today, calendar=WEEKDAYS)
    beyond = derive_status(
        facts(expected - AT_RISK_MARGIN - 1, last), today=today, calendar=WEEKDAYS
    )
    assert on_edge.status == S.ON_TRACK
    assert beyond.status == S.AT_RISK
    assert beyond.expected == expected


def test_progress_is_clamped() -> None:
    assert derive_status(facts(150), today=D(2026, 4, 1), calendar=WEEKDAYS).status == S.DONE
    assert derive_status(facts(-5), today=D(2026, 2, 1), calendar=WEEKDAYS).status == S.NOT_STARTED


def test_expected_progress_counts_working_days_of_the_commune_calendar() -> None:
    """Tết 2026 (16–20/02) is not working time: half the working days of 09–27/02 are spent by
    Monday 23/02, though two thirds of the weekdays are."""
    start, due, today = D(2026, 2, 9), D(2026, 2, 27), D(2026, 2, 23)
    assert expected_progress(start, due, today, WorkingCalendar()) == 50
    assert expected_progress(start, due, today, WEEKDAYS) == 66
    assert expected_progress(start, due, start, WEEKDAYS) == 0
    assert expected_progress(start, due, D(2026, 3, 2), WEEKDAYS) == 100


def test_quarterly_task_reports_once_a_quarter() -> None:
    quarterly = facts(30, D(2026, 3, 13), frequency=Frequency.QUARTERLY)
    # Monthly it would miss the April report; quarterly the next report is due 15/06.
    assert derive_status(quarterly, today=D(2026, 5, 4), calendar=WEEKDAYS).status == S.ON_TRACK
    monthly = facts(30, D(2026, 3, 13))
    assert derive_status(monthly, today=D(2026, 5, 4), calendar=WEEKDAYS).status == S.AT_RISK


def test_continuous_task_over_the_year_boundary() -> None:
    """A task through the new year: the report for December (period ending 14/01/2027) is due in
    January and is missed on 15/01/2027."""
    yearly = facts(90, D(2026, 12, 14), starts_on=D(2026, 11, 1), due_on=D(2027, 2, 28))
    assert derive_status(yearly, today=D(2027, 1, 14), calendar=WEEKDAYS).status == S.ON_TRACK
    missed = derive_status(yearly, today=D(2027, 1, 15), calendar=WEEKDAYS)
    assert missed.status == S.AT_RISK
    assert missed.missed is not None
    assert missed.missed.period.end == D(2027, 1, 14)


dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31))


@settings(max_examples=150, deadline=None)
@given(
    start=dates,
    length=st.integers(min_value=0, max_value=400),
    today=dates,
    progress=st.integers(min_value=0, max_value=100),
    last=st.none() | dates,
    cancelled=st.booleans(),
    frequency=st.sampled_from([Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUALLY]),
)
def test_status_invariants(
    start: dt.date,
    length: int,
    today: dt.date,
    progress: int,
    last: dt.date | None,
    cancelled: bool,
    frequency: str,
) -> None:
    due = start + dt.timedelta(days=length)
    task = TaskFacts(start, due, progress, last, frequency, 0, cancelled)
    status = derive_status(task, today=today, calendar=WEEKDAYS).status
    if cancelled:
        assert status == S.CANCELLED
    elif progress >= 100:
        assert status == S.DONE
    elif today < start:
        assert status == S.NOT_STARTED
    elif today > due:
        assert status == S.LATE
    else:
        assert status in (S.NOT_STARTED, S.ON_TRACK, S.AT_RISK)
