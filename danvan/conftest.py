"""Fixtures shared by every app's tests: two communes in one province, one in another, and a user
per role. Real database (SQLite or PostgreSQL), no mocks of our own code."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import translation

from danvan.accounts.models import Membership, User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import (
    CommuneFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
)
from danvan.core.models import Commune, Province, Unit


@pytest.fixture(autouse=True)
def _vietnamese() -> None:
    translation.activate("vi")


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Deadline rules and calendar decisions come from a data migration; a transactional test
    elsewhere in the same worker flushes them, so put them back when they are missing."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    request.getfixturevalue(
        "transactional_db" if "transactional_db" in request.fixturenames else "db"
    )
    from danvan.core.models import CalendarOverride, CalendarYear, DeadlineRule
    from danvan.core.reference_data import load_reference_data

    if not DeadlineRule.objects.exists():
        load_reference_data(DeadlineRule, CalendarOverride, CalendarYear)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path) -> None:
    """Uploaded and generated files of each test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def province(db: None) -> Province:
    return ProvinceFactory.create(code="31", name="Thành phố Hải Phòng")


@pytest.fixture
def commune(province: Province) -> Commune:
    return CommuneFactory.create(province=province, code="AQ", name="An Quang")


@pytest.fixture
def other_commune(province: Province) -> Commune:
    return CommuneFactory.create(province=province, code="TT", name="Tân Tiến")


@pytest.fixture
def foreign_commune(db: None) -> Commune:
    """A commune of another province."""
    return CommuneFactory.create(
        province=ProvinceFactory.create(code="01", name="Thành phố Hà Nội"),
        code="HN1",
        name="Ba Đình",
    )


@pytest.fixture
def unit(commune: Commune) -> Unit:
    return UnitFactory.create(commune=commune, name="Phòng Văn hoá - Xã hội", short_name="VHXH")


@pytest.fixture
def make_user(commune: Commune, province: Province) -> Callable[..., User]:
    def make(role: str, *, commune_: Commune | None = None, unit: Unit | None = None) -> User:
        user = UserFactory.create()
        if role == Role.PROVINCE_VIEWER:
            Membership.objects.create(user=user, role=role, province=province)
        else:
            Membership.objects.create(user=user, role=role, commune=commune_ or commune, unit=unit)
        return user

    return make


@pytest.fixture
def client_for(make_user: Callable[..., User]) -> Callable[..., Client]:
    """A logged-in test client for a new user with `role`."""

    def make(role: str, **kwargs: object) -> Client:
        client = Client()
        client.force_login(make_user(role, **kwargs))
        return client

    return make
