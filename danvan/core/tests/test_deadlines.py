"""The deadline engine against DOMAIN §0.3 and the worked examples of §12.5, plus properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.core.calendar import OverrideDay, WorkingCalendar
from danvan.core.deadlines import DeadlineInputError, compute_due
from danvan.core.selectors import working_calendar

D = dt.date


@pytest.fixture
def cal(db: None) -> WorkingCalendar:
    """The calendar as shipped: statutory holidays plus the 2026 official decisions."""
    return working_calendar(None)


def test_worked_example_1_ten_working_days_across_tet(cal: WorkingCalendar) -> None:
    result = compute_due(D(2026, 2, 12), 10, "WD", cal)
    assert result.due_on == D(2026, 3, 5)
    skipped = {s.day: s.reason for s in result.skipped}
    for tet_day in (16, 17, 18, 19, 20):
        assert D(2026, 2, tet_day) in skipped
        assert "Tết" in skipped[D(2026, 2, tet_day)]
    assert "Thứ Bảy" in skipped[D(2026, 2, 14)]


def test_worked_example_2_swapped_saturday_counts(cal: WorkingCalendar) -> None:
    result = compute_due(D(2026, 1, 8), 2, "WD", cal)
    assert result.due_on == D(2026, 1, 10)
    assert result.skipped == []


def test_worked_example_3_calendar_days_roll_past_national_day(cal: WorkingCalendar) -> None:
    result = compute_due(D(2026, 8, 3), 30, "CAL", cal)
    assert result.rolled_from == D(2026, 9, 2)
    assert result.due_on == D(2026, 9, 3)
    assert [s.day for s in result.skipped] == [D(2026, 9, 2)]
    assert "Quốc khánh" in result.skipped[0].reason
    assert any("148" in step for step in result.steps)


def test_new_year_swap_day_off_is_skipped(cal: WorkingCalendar) -> None:
    # 02/01/2026 was swapped into a day off (Công văn 12729/VPCP-KGVX).
    result = compute_due(D(2025, 12, 31), 1, "WD", cal)
    assert result.due_on == D(2026, 1, 5)
    reasons = {s.day: s.reason for s in result.skipped}
    assert "12729/VPCP-KGVX" in reasons[D(2026, 1, 2)]


def test_national_day_swap_2026(cal: WorkingCalendar) -> None:
    assert cal.is_working_day(D(2026, 8, 22))  # Saturday worked instead of Monday 31/08
    assert not cal.is_working_day(D(2026, 8, 31))


def test_vietnamese_culture_day_is_a_holiday_from_2026(cal: WorkingCalendar) -> None:
    status = cal.status(D(2026, 11, 24))
    assert not status.is_working
    assert "Văn hóa" in status.reason


def test_proposed_swap_is_not_in_force(cal: WorkingCalendar) -> None:
    # DOMAIN §12.3: the 23/11 ↔ 28/11 swap was only proposed.
    assert cal.is_working_day(D(2026, 11, 23))
    assert not cal.is_working_day(D(2026, 11, 28))


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        (1, 21),
        (2, 15),
        (3, 22),
        (4, 20),
        (5, 20),
        (6, 22),
        (7, 23),
        (8, 21),
        (9, 20),
        (10, 22),
        (11, 20),
        (12, 23),
    ],
)
def test_working_days_per_month_2026_match_domain(
    cal: WorkingCalendar, month: int, expected: int
) -> None:
    first = D(2026, month, 1)
    nxt = D(2026 + (month == 12), month % 12 + 1, 1)
    days = [first + dt.timedelta(days=i) for i in range((nxt - first).days)]
    assert sum(cal.is_working_day(d) for d in days) == expected


def test_cal_noroll_is_exactly_start_plus_n_even_on_a_holiday(cal: WorkingCalendar) -> None:
    result = compute_due(D(2026, 8, 3), 30, "CAL_NOROLL", cal)
    assert result.due_on == D(2026, 9, 2)
    assert result.rolled_from is None


def test_before_direction_for_minimum_notice(cal: WorkingCalendar) -> None:
    result = compute_due(D(2026, 6, 20), 7, "CAL_NOROLL", cal, direction="before")
    assert result.due_on == D(2026, 6, 13)


def test_2027_is_provisional(db: None) -> None:
    result = compute_due(D(2027, 2, 1), 10, "WD", working_calendar(None))
    assert result.is_provisional
    assert not compute_due(D(2026, 3, 2), 10, "WD", working_calendar(None)).is_provisional


@pytest.mark.parametrize(
    ("start", "length", "unit", "message"),
    [
        (D(2026, 1, 1), -3, "WD", "ít nhất 1 ngày"),
        (D(2026, 1, 1), 0, "CAL", "ít nhất 1 ngày"),
        (D(2026, 1, 1), 5000, "CAL", "không được vượt quá"),
        (D(1990, 1, 1), 5, "CAL", "Ngày bắt đầu phải trong khoảng"),
        (D(2026, 1, 1), 5, "MONTHS", "Đơn vị không hợp lệ"),
        ("2026-01-01", 5, "WD", "không phải là ngày hợp lệ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message(
    cal: WorkingCalendar, start: object, length: int, unit: str, message: str
) -> None:
    with pytest.raises(DeadlineInputError, match=message):
        compute_due(start, length, unit, cal)


def test_only_minimum_periods_count_backwards(cal: WorkingCalendar) -> None:
    with pytest.raises(DeadlineInputError):
        compute_due(D(2026, 6, 20), 7, "WD", cal, direction="before")


# --- Properties (hypothesis) --------------------------------------------------------------------
starts = st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31))
lengths = st.integers(min_value=1, max_value=120)
PLAIN = WorkingCalendar()  # statutory calendar only: property tests need no database


@given(start=starts, length=lengths)
def test_property_wd_due_date_is_a_working_day(start: dt.date, length: int) -> None:
    result = compute_due(start, length, "WD", PLAIN)
    assert PLAIN.is_working_day(result.due_on)
    assert result.due_on > start


@given(start=starts, length=lengths)
def test_property_cal_never_lands_on_a_non_working_day(start: dt.date, length: int) -> None:
    result = compute_due(start, length, "CAL", PLAIN)
    assert PLAIN.is_working_day(result.due_on)
    assert result.due_on >= start + dt.timedelta(days=length)


@given(start=starts, length=lengths)
def test_property_cal_noroll_is_exactly_start_plus_n(start: dt.date, length: int) -> None:
    assert compute_due(start, length, "CAL_NOROLL", PLAIN).due_on == start + dt.timedelta(
        days=length
    )


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    start=starts, length=lengths, unit=st.sampled_from(["WD", "CAL"]), offset=st.integers(0, 200)
)
def test_property_an_extra_day_off_never_makes_a_deadline_earlier(
    start: dt.date, length: int, unit: str, offset: int
) -> None:
    extra = start + dt.timedelta(days=offset)
    with_day_off = WorkingCalendar(
        {
            extra: OverrideDay(
                extra, is_working=False, name="test", legal_document="", is_provisional=False
            )
        }
    )
    before = compute_due(start, length, unit, PLAIN).due_on
    after = compute_due(start, length, unit, with_day_off).due_on
    assert after >= before


@given(start=starts, length=lengths)
def test_property_wd_counts_exactly_n_working_days(start: dt.date, length: int) -> None:
    result = compute_due(start, length, "WD", PLAIN)
    days = [start + dt.timedelta(days=i) for i in range(1, (result.due_on - start).days + 1)]
    assert sum(PLAIN.is_working_day(d) for d in days) == length
    assert len(result.skipped) == len(days) - length
