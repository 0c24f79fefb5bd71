"""Fixtures for programmes: An Quang's units, one official per role, the founding programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune, Unit, UnitKind
from danvan.programmes import services
from danvan.programmes.models import Programme

FIXTURES = Path(__file__).resolve().parents[2] / "documents" / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / "documents" / "tests" / "samples"
FOUNDING = (FIXTURES / "ctr-dan-van-2026-an-quang.txt").read_text(encoding="utf-8")
# A fixed "today" in the programme's year: half of 2026 is behind, the Quốc khánh days ahead.
TODAY = dt.datetime(2026, 7, 20, 9, 0, tzinfo=dt.UTC)

UNITS: list[tuple[str, str, str]] = [
    ("Thường trực UBND xã", "UBND", UnitKind.LEADERSHIP),
    ("Văn phòng HĐND và UBND", "VP", UnitKind.OFFICE),
    ("Phòng Văn hoá - Xã hội", "VHXH", UnitKind.OFFICE),
    ("Phòng Kinh tế", "KT", UnitKind.OFFICE),
    ("Trung tâm Phục vụ hành chính công", "TTPVHCC", UnitKind.SERVICE_CENTRE),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "MTTQ", UnitKind.FRONT),
    ("Thôn Quang Thượng", "", UnitKind.VILLAGE),
    ("Thôn An Lạc", "", UnitKind.VILLAGE),
]
OFFICES_AND_CENTRES = {
    "Văn phòng HĐND và UBND",
    "Phòng Văn hoá - Xã hội",
    "Phòng Kinh tế",
    "Trung tâm Phục vụ hành chính công",
}


@pytest.fixture(autouse=True)
def _today(time_machine) -> None:
    time_machine.move_to(TODAY)


@pytest.fixture
def units(commune: Commune) -> dict[str, Unit]:
    return {
        name: Unit.objects.create(commune=commune, name=name, short_name=short, kind=kind)
        for name, short, kind in UNITS
    }


@pytest.fixture
def people(make_user: Callable[..., User], units: dict[str, Unit]) -> dict[str, User]:
    """One official per role of the permission matrix, each in the unit they work in."""
    return {
        "coordinator": make_user(Role.COORDINATOR, unit=units["Phòng Văn hoá - Xã hội"]),
        "unit_head": make_user(Role.UNIT_HEAD, unit=units["Phòng Kinh tế"]),
        "officer": make_user(Role.HANDLING_OFFICER, unit=units["Phòng Kinh tế"]),
        "leader": make_user(Role.LEADER, unit=units["Thường trực UBND xã"]),
        "village_head": make_user(Role.VILLAGE_HEAD, unit=units["Thôn Quang Thượng"]),
        "front": make_user(Role.FRONT_OFFICER, unit=units["Ủy ban Mặt trận Tổ quốc Việt Nam xã"]),
    }


@pytest.fixture
def programme(commune: Commune, units: dict[str, Unit], people: dict[str, User]) -> Programme:
    return services.programme_import_text(
        actor=people["coordinator"], commune=commune, text=FOUNDING
    )


@pytest.fixture
def client_of(people: dict[str, User]) -> Callable[[str], Client]:
    def make(who: str) -> Client:
        client = Client()
        client.force_login(people[who])
        return client

    return make
