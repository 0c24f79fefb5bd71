"""Fixtures of the reception tests: a fixed "today" and the officials of the commune."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from danvan.accounts.models import User
from danvan.accounts.roles import Role

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# "Today" in every reception test: Tuesday 15/09/2026, 16:00 in Hà Nội.
NOW = dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 9, 15)


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.fixture(autouse=True)
def _today(time_machine) -> None:
    time_machine.move_to(NOW)


@pytest.fixture
def leader(make_user: Callable[..., User]) -> User:
    return make_user(Role.LEADER)


@pytest.fixture
def desk_officer(make_user: Callable[..., User]) -> User:
    return make_user(Role.RECEPTION_OFFICER)
