"""Fixtures of the petitions tests: a fixed "today" and the officials of the commune."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.models import Commune, Unit, UnitKind

from .factories import NOW


@pytest.fixture
def frozen_today(time_machine) -> None:
    """Today is Tuesday 15/09/2026, 16:00 in Hà Nội (modules opt in with pytestmark)."""
    time_machine.move_to(NOW)


@pytest.fixture
def leader(make_user: Callable[..., User]) -> User:
    return make_user(Role.LEADER)


@pytest.fixture
def reception(make_user: Callable[..., User]) -> User:
    return make_user(Role.RECEPTION_OFFICER)


@pytest.fixture
def officer(make_user: Callable[..., User], unit: Unit) -> User:
    """A handling officer of the Culture and Society office (`unit`)."""
    return make_user(Role.HANDLING_OFFICER, unit=unit)


@pytest.fixture
def village(commune: Commune) -> Unit:
    return UnitFactory.create(commune=commune, name="Thôn Đông Sơn", kind=UnitKind.VILLAGE)
