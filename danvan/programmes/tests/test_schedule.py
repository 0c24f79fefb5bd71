"""The reporting calendar: Nghị định 09/2019 periods, recurrence across year boundaries, due dates
moved off weekends, Tết and days off by decision."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from danvan.core.calendar import WorkingCalendar
from danvan.core.models import Commune
from danvan.core.selectors import commune_calendar
from danvan.programmes.schedule import (
    half_year,
    period_containing,
    periods_between,
    report_due_on,
    report_schedule,
    whole_year,
)
from danvan.programmes.states import Frequency, Recurrence, task_frequency

D = dt.date
M, Q, Y = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUALLY
STATUTORY = WorkingCalendar()  # statutory holidays, no decision overrides


@pytest.mark.parametrize(
    ("day", "frequency", "start", "end", "label"),
    [
        (D(2026, 1, 14), M, D(2025, 12, 15), D(2026, 1, 14), "tháng 1/2026"),
        (D(2026, 1, 15), M, D(2026, 1, 15), D(2026, 2, 14), "tháng 2/2026"),
        (D(2026, 12, 31), M, D(2026, 12, 15), D(2027, 1, 14), "tháng 1/2027"),
        (D(2026, 12, 20), Q, D(2026, 12, 15), D(2027, 3, 14), "quý I/2027"),
        (D(2026, 3, 14), Q, D(2025, 12, 15), D(2026, 3, 14), "quý I/2026"),
        (D(2026, 7, 1), Q, D(2026, 6, 15), D(2026, 9, 14), "quý III/2026"),
        (D(2026, 12, 14), Y, D(2025, 12, 15), D(2026, 12, 14), "năm 2026"),
        (D(2026, 12, 15), Y, D(2026, 12, 15), D(2027, 12, 14), "năm 2027"),
    ],
)
def test_period_containing(
    day: dt.date, frequency: str, start: dt.date, end: dt.date, label: str
) -> None:
    period = period_containing(day, frequency)
    assert (period.start, period.end, period.label_vi) == (start, end, label)
    assert period.contains(day)


def test_review_periods() -> None:
    assert (half_year(2026).start, half_year(2026).end) == (D(2025, 12, 15), D(2026, 6, 14))
    assert half_year(2026).label_vi == "6 tháng đầu năm 2026"
    assert (whole_year(2026).start, whole_year(2026).end) == (D(2025, 12, 15), D(2026, 12, 14))


def test_a_year_of_monthly_periods_crosses_into_the_next_year() -> None:
    periods = periods_between(D(2026, 1, 1), D(2026, 12, 31), M)
    assert len(periods) == 13
    assert periods[0].end == D(2026, 1, 14)
    assert periods[-1].end == D(2027, 1, 14)
    # Contiguous: each period starts the day after the previous one ends.
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("period_end", "lag", "due"),
    [
        (D(2026, 1, 14), 0, D(2026, 1, 14)),  # a Wednesday
        (D(2026, 2, 14), 0, D(2026, 2, 23)),  # Saturday, Sunday, then Tết 16–20/02, weekend
        (D(2026, 3, 14), 0, D(2026, 3, 16)),  # Saturday → Monday
        (D(2026, 6, 14), 0, D(2026, 6, 15)),  # Sunday → Monday
        (D(2026, 8, 14), 18, D(2026, 9, 3)),  # 01/09 and 02/09 Quốc khánh → Thursday 03/09
        (D(2026, 12, 14), 18, D(2027, 1, 4)),  # 01/01/2027 holiday, then the weekend
        (D(2027, 3, 14), 0, D(2027, 3, 15)),  # Sunday → Monday, next year
    ],
)
def test_due_date_moves_to_the_next_working_day(
    period_end: dt.date, lag: int, due: dt.date
) -> None:
    period = period_containing(period_end, M)
    assert period.end == period_end
    assert report_due_on(period, STATUTORY, lag) == due


def test_quarterly_task_across_the_year_boundary() -> None:
    slots = report_schedule(
        starts_on=D(2026, 10, 1), due_on=D(2027, 3, 31), frequency=Q, calendar=STATUTORY
    )
    assert [(s.period.label_vi, s.due_on) for s in slots] == [
        ("quý IV/2026", D(2026, 12, 14)),
        ("quý I/2027", D(2027, 3, 15)),
        ("quý II/2027", D(2027, 6, 14)),
    ]


def test_annual_task_over_two_years() -> None:
    slots = report_schedule(
        starts_on=D(2026, 1, 1), due_on=D(2027, 12, 31), frequency=Y, calendar=STATUTORY
    )
    assert [(s.period.label_vi, s.due_on) for s in slots] == [
        ("năm 2026", D(2026, 12, 14)),
        ("năm 2027", D(2027, 12, 14)),
        ("năm 2028", D(2028, 12, 14)),
    ]


def test_monthly_task_spanning_tet_and_new_year() -> None:
    slots = report_schedule(
        starts_on=D(2026, 11, 20), due_on=D(2027, 2, 20), frequency=M, calendar=STATUTORY
    )
    assert [s.due_on for s in slots] == [
        D(2026, 12, 14),
        D(2027, 1, 14),
        D(2027, 2, 15),  # 14/02/2027 is a Sunday
        D(2027, 3, 15),  # 14/03/2027 is a Sunday
    ]


def test_a_task_starting_just_before_a_cut_off_is_first_reported_on_at_the_next() -> None:
    late_start = report_schedule(
        starts_on=D(2026, 3, 10), due_on=D(2026, 6, 30), frequency=M, calendar=STATUTORY
    )
    assert late_start[0].period.end == D(2026, 4, 14)
    week_before = report_schedule(
        starts_on=D(2026, 3, 7), due_on=D(2026, 6, 30), frequency=M, calendar=STATUTORY
    )
    assert week_before[0].period.end == D(2026, 3, 14)
    short = report_schedule(
        starts_on=D(2026, 3, 10), due_on=D(2026, 3, 12), frequency=M, calendar=STATUTORY
    )
    assert [s.period.end for s in short] == [D(2026, 3, 14)]


def test_commune_calendar_days_off_and_swapped_saturdays_by_decision(commune: Commune) -> None:
    """02/01/2026 is a day off and Saturday 10/01/2026 a working day by Công văn
    12729/VPCP-KGVX (reference data): due dates follow the decision, not just the weekday."""
    calendar = commune_calendar(commune)
    december = period_containing(D(2025, 12, 14), M)
    assert report_due_on(december, calendar, 19) == D(2026, 1, 5)  # 02/01 off, then weekend
    assert report_due_on(december, STATUTORY, 19) == D(2026, 1, 2)  # without the decision
    assert report_due_on(december, calendar, 27) == D(2026, 1, 10)  # the swapped Saturday


@pytest.mark.parametrize(
    ("recurrence", "programme", "expected"),
    [
        (Recurrence.CONTINUOUS, M, M),
        (Recurrence.CONTINUOUS, Q, Q),
        (Recurrence.ONCE, M, M),
        (Recurrence.QUARTERLY, M, Q),
        (Recurrence.ANNUALLY, M, Y),
    ],
)
def test_task_frequency(recurrence: str, programme: str, expected: str) -> None:
    assert task_frequency(recurrence, programme) == expected
