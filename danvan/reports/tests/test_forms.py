"""Every cell of every form, for a known history (see conftest.History)."""

from __future__ import annotations

import pytest

from danvan.core.models import Commune
from danvan.reports.forms_base import compute
from danvan.reports.models import OpeningBalance
from danvan.reports.periods import Period, official_period
from danvan.reports.registry import FORMS

from .conftest import D

Q3 = official_period("quarter", 2026, 3)

pytestmark = pytest.mark.django_db


def cells(code: str, commune: Commune, communes: list[Commune] | None = None) -> dict[str, int]:
    table = compute(FORMS[code], communes or [commune], Q3)
    return table.as_dict(commune.pk)


def nonzero(values: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in values.items() if v}


def test_cut_off_convention() -> None:
    assert Period(D(2026, 6, 15), D(2026, 9, 14)) == Q3
    assert official_period("year", 2026) == Period(D(2025, 12, 15), D(2026, 12, 14))
    assert official_period("quarter", 2026, 1) == Period(D(2025, 12, 15), D(2026, 3, 14))
    assert official_period("half", 2026) == Period(D(2025, 12, 15), D(2026, 6, 14))
    assert official_period("nine_months", 2026) == Period(D(2025, 12, 15), D(2026, 9, 14))
    assert official_period("month", 2026, 1) == Period(D(2025, 12, 15), D(2026, 1, 14))


def test_cut_off_day_is_a_setting(settings) -> None:
    settings.REPORT_CUTOFF_DAY = 1
    assert official_period("year", 2026) == Period(D(2025, 12, 1), D(2026, 11, 30))


def test_01_xld_every_cell(history, commune, other_commune) -> None:
    table = compute(FORMS["01/XLD"], [commune, other_commune], Q3)
    assert nonzero(table.as_dict(commune.pk)) == {
        "total": 9,
        "new_group": 1,  # P6
        "new_single": 5,  # P5, P7, P8, P9 (received on the last day), V5's petition
        "old_group": 1,  # P2, closed before the period and reopened in it
        "old_single": 2,  # P1 (accepted before), P12 (received the day before the period)
        "reopened": 1,
        "eligible": 1,  # P5
        "c_land": 2,
        "c_housing": 1,
        "c_other_admin": 2,  # P12, V5's petition
        "d_corruption": 1,
        "pakn": 2,
        "other": 1,
        "auth_admin": 9,
        "stage_none": 4,
        "stage_once": 1,
        "guided": 1,
        "ours_c": 2,
        "ours_d": 1,
        "pending": 4,  # P8, P9, P12, V5's petition: still registered at the end
    }
    assert nonzero(table.as_dict(other_commune.pk)) == {
        "total": 1,
        "new_single": 1,
        "c_other_admin": 1,
        "auth_admin": 1,
        "stage_none": 1,
        "pending": 1,
    }
    assert table.cell("total") == 10
    assert table.cell("new_single") == 6
    # P3 and P4 ended before the period; P10 came after it: none of them is counted anywhere.


def test_02_xld_every_cell(history, commune) -> None:
    assert nonzero(cells("02/XLD", commune)) == {
        "total": 5,
        "new_group": 1,
        "new_single": 2,
        "old_single": 2,
        "eligible": 1,
        "land": 2,
        "housing": 1,
        "other_admin": 2,
        "stage_none": 4,
        "stage_once": 1,
        "guided": 1,
        "accepted": 1,
        "pending": 2,
    }


def test_03_xld_every_cell(history, commune) -> None:
    assert nonzero(cells("03/XLD", commune)) == {
        "total": 1,
        "new_single": 1,
        "corruption": 1,
        "accepted": 1,
    }


def test_04_xld_every_cell(history, commune) -> None:
    assert nonzero(cells("04/XLD", commune)) == {
        "total": 2,
        "new_single": 1,
        "old_group": 1,
        "reopened": 1,
        "other": 2,
        "pending": 2,
    }


def test_01_kqgq_every_cell(history, commune) -> None:
    assert nonzero(cells("01/KQGQ", commune)) == {
        "total": 2,
        "old": 1,  # P1, accepted in May
        "new": 1,  # P5
        "resolved": 2,
        "decided": 2,
        "on_time": 1,  # P5, decided a week after acceptance
        "late": 1,  # P1, decided more than two months after acceptance
    }


def test_02_kqgq_every_cell(history, commune) -> None:
    assert nonzero(cells("02/KQGQ", commune)) == {"must": 2, "new": 2}


def test_03_kqgq_every_cell(history, commune) -> None:
    assert nonzero(cells("03/KQGQ", commune)) == {"total": 1, "new": 1, "pending": 1}


def test_04_kqgq_every_cell(history, commune) -> None:
    assert nonzero(cells("04/KQGQ", commune)) == {}


def test_01_tcd_every_cell(history, commune) -> None:
    assert nonzero(cells("01/TCD", commune)) == {
        "reg_turns": 3,  # V1, V2, V5 (V4 is after the period)
        "reg_people": 8,
        "reg_old": 1,
        "reg_new": 2,
        "reg_del_count": 1,
        "reg_del_people": 6,
        "reg_del_old": 1,
        "lead_turns": 1,
        "lead_people": 1,
        "lead_new": 1,
        "c_land": 1,
        "c_other_admin": 1,  # V5
        "d_corruption": 1,
        "pakn": 1,
        "r_spot": 1,
        "r_guided": 1,
        "r_transferred": 1,
        "r_registered": 1,
    }


def test_02_tcd_every_cell(history, commune) -> None:
    assert nonzero(cells("02/TCD", commune)) == {"total": 1, "complaint": 1}


def test_next_period_carries_over_what_was_open(history, commune) -> None:
    q4 = official_period("quarter", 2026, 4)
    table = compute(FORMS["01/XLD"], [commune], q4).as_dict(commune.pk)
    # Open on 15/09: P1 and P5 (decided, not closed), P2 (reopened), P7, P8, P9, P12, V5's.
    assert (table["old_single"], table["old_group"]) == (7, 1)
    assert table["new_single"] == 1  # P10, received on 15/09, the first day of Q4


def test_opening_balance_is_added_once_to_the_first_period(history, commune) -> None:
    OpeningBalance.objects.create(
        commune=commune, as_of=Q3.start, counts={"complaint": {"single": 2, "group": 1}}
    )
    xld01 = cells("01/XLD", commune)
    assert (xld01["old_single"], xld01["old_group"], xld01["total"]) == (4, 2, 12)
    assert cells("02/XLD", commune)["total"] == 8
    assert cells("04/XLD", commune)["total"] == 2
    q4 = official_period("quarter", 2026, 4)
    # The next period carries what the events say (P1, P5, P12, V5's), not the balance again.
    assert compute(FORMS["02/XLD"], [commune], q4).as_dict(commune.pk)["old_single"] == 4


def test_opening_balance_is_entered_once(commune, leader) -> None:
    from django.core.exceptions import ValidationError

    from danvan.reports.services import opening_balance_set

    balance = opening_balance_set(
        actor=leader, commune=commune, as_of=Q3.start, counts={"complaint": {"single": "2"}}
    )
    assert balance.counts == {"complaint": {"single": 2, "group": 0}}
    with pytest.raises(ValidationError):
        opening_balance_set(actor=leader, commune=commune, as_of=Q3.start, counts={})
    with pytest.raises(ValidationError):
        opening_balance_set(
            actor=leader, commune=commune, as_of=Q3.start, counts={"nonsense": {"single": 1}}
        )
    assert OpeningBalance.objects.count() == 1
