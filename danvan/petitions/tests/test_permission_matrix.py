"""Who may do what on each kind of petition, through the HTTP surface: every role of the commune,
a citizen (no account) and a leader of another commune. 404 = cannot see it at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.models import Commune
from danvan.petitions import services
from danvan.petitions.models import Channel, Petition
from danvan.petitions.states import Kind

pytestmark = pytest.mark.usefixtures("_frozen")

ACTORS = [
    "reception",
    "handling_assigned",
    "handling_other_unit",
    "unit_head_assigned",
    "leader",
    "front",
    "village_head",
    "citizen",
    "other_commune_leader",
]

# Expected HTTP outcome per actor for: view the case, register a petition, accept it, see the
# denouncer. 200/302 = allowed, 403 = not allowed, 404 = the case does not exist for them,
# "login" = sent to sign in.
VIEW = {
    "reception": 200,
    "handling_assigned": 200,
    "handling_other_unit": 404,
    "unit_head_assigned": 200,
    "leader": 200,
    "front": 404,
    "village_head": 404,
    "citizen": "login",
    "other_commune_leader": 404,
}
FRONT_FORWARDED_VIEW = {**VIEW, "front": 200}
VILLAGE_VIEW = {**VIEW, "village_head": 200}
REGISTER = {
    "reception": 200,
    "handling_assigned": 403,
    "handling_other_unit": 403,
    "unit_head_assigned": 403,
    "leader": 200,
    "front": 403,
    "village_head": 403,
    "citizen": "login",
    "other_commune_leader": 200,
}
ACCEPT = {
    "reception": 403,
    "handling_assigned": 403,
    "handling_other_unit": 404,
    "unit_head_assigned": 403,
    "leader": 302,
    "front": 404,
    "village_head": 404,
    "citizen": "login",
    "other_commune_leader": 404,
}
IDENTITY = {
    "reception": 403,
    "handling_assigned": 403,
    "handling_other_unit": 404,
    "unit_head_assigned": 403,
    "leader": 200,
    "front": 404,
    "village_head": 404,
    "citizen": "login",
    "other_commune_leader": 404,
}


@pytest.fixture
def _frozen(time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC))


@pytest.fixture
def world(commune: Commune, other_commune: Commune, make_user: Callable[..., User]) -> dict:
    economy = UnitFactory.create(commune=commune, name="Phòng Kinh tế", short_name="KT")
    culture = UnitFactory.create(commune=commune, name="Phòng Văn hoá - Xã hội", short_name="VHXH")
    village = UnitFactory.create(commune=commune, name="Thôn Đông", kind="village")
    front = UnitFactory.create(commune=commune, name="Ủy ban MTTQ xã", kind="front")
    users = {
        "reception": make_user(Role.RECEPTION_OFFICER),
        "handling_assigned": make_user(Role.HANDLING_OFFICER, unit=economy),
        "handling_other_unit": make_user(Role.HANDLING_OFFICER, unit=culture),
        "unit_head_assigned": make_user(Role.UNIT_HEAD, unit=economy),
        "leader": make_user(Role.LEADER),
        "front": make_user(Role.FRONT_OFFICER, unit=front),
        "village_head": make_user(Role.VILLAGE_HEAD, unit=village),
        "other_commune_leader": make_user(Role.LEADER, commune_=other_commune),
    }
    return {"users": users, "economy": economy, "village": village}


def client_of(world: dict, actor: str) -> Client:
    client = Client()
    if actor != "citizen":
        client.force_login(world["users"][actor])
    return client


def outcome(response) -> object:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


def make_case(
    commune: Commune, world: dict, kind: str, *, channel: str = Channel.DESK, village=None
) -> Petition:
    extra = (
        {"denouncer": {"name": "Người Tố Cáo"}}
        if kind == Kind.DENUNCIATION
        else {
            "citizen": services.citizen_get_or_create(commune=commune, full_name="Nguyễn Văn Dân")
        }
    )
    petition = services.petition_register(
        actor=None,
        commune=commune,
        kind=kind,
        channel=channel,
        received_on=dt.date(2026, 9, 10),
        summary="Một việc",
        content="Nội dung của việc",
        village=village,
        **extra,
    )
    services.petition_assign(actor=None, petition=petition, unit=world["economy"])
    return petition


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("actor", ACTORS)
def test_view(commune: Commune, world: dict, kind: str, actor: str) -> None:
    petition = make_case(commune, world, kind)
    assert outcome(client_of(world, actor).get(f"/petitions/{petition.pk}/")) == VIEW[actor]


@pytest.mark.parametrize("actor", ACTORS)
def test_front_sees_what_it_forwarded_but_never_a_denunciation(
    commune: Commune, world: dict, actor: str
) -> None:
    forwarded = make_case(commune, world, Kind.RECOMMENDATION, channel=Channel.FRONT)
    denunciation = make_case(commune, world, Kind.DENUNCIATION, channel=Channel.FRONT)
    client = client_of(world, actor)
    assert outcome(client.get(f"/petitions/{forwarded.pk}/")) == FRONT_FORWARDED_VIEW[actor]
    assert outcome(client.get(f"/petitions/{denunciation.pk}/")) == VIEW[actor]


@pytest.mark.parametrize("actor", ACTORS)
def test_village_head_sees_the_village_but_never_a_denunciation(
    commune: Commune, world: dict, actor: str
) -> None:
    local = make_case(commune, world, Kind.FEEDBACK, village=world["village"])
    denunciation = make_case(commune, world, Kind.DENUNCIATION, village=world["village"])
    client = client_of(world, actor)
    assert outcome(client.get(f"/petitions/{local.pk}/")) == VILLAGE_VIEW[actor]
    assert outcome(client.get(f"/petitions/{denunciation.pk}/")) == VIEW[actor]


@pytest.mark.parametrize("actor", ACTORS)
def test_register(world: dict, actor: str) -> None:
    assert outcome(client_of(world, actor).get("/petitions/new/")) == REGISTER[actor]


@pytest.mark.parametrize("kind", [Kind.COMPLAINT, Kind.DENUNCIATION])
@pytest.mark.parametrize("actor", ACTORS)
def test_accept(commune: Commune, world: dict, kind: str, actor: str) -> None:
    petition = make_case(commune, world, kind)
    assert (
        outcome(client_of(world, actor).post(f"/petitions/{petition.pk}/act/accept/"))
        == ACCEPT[actor]
    )
    petition.refresh_from_db()
    assert (petition.status == "accepted") is (ACCEPT[actor] == 302)


@pytest.mark.parametrize("actor", ACTORS)
def test_denouncer_identity(commune: Commune, world: dict, actor: str) -> None:
    petition = make_case(commune, world, Kind.DENUNCIATION)
    response = client_of(world, actor).post(f"/petitions/{petition.pk}/identity/")
    assert outcome(response) == IDENTITY[actor]
    assert ("Người Tố Cáo" in response.content.decode()) is (IDENTITY[actor] == 200)
