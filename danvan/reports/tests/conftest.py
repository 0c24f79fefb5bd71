"""A known history of petitions and reception visits, built through the services at the dates
they happened (time_machine), for the third quarter of 2026: 15/06/2026 – 14/09/2026."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune
from danvan.petitions import services as ps
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import evidence, issued_document, register
from danvan.reception import services as rs
from danvan.reception.models import ReceptionVisit

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
D = dt.date


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


PERSON = {"name": "Lê Văn Hùng", "phone": "0987654321", "id_number": "031080005678"}
DENOUNCER = {"name": "Trần Thị Bích Ngọc", "phone": "0912345678"}


@dataclass
class History:
    p: dict[str, Petition]
    v: dict[str, ReceptionVisit]
    leader: User


@pytest.fixture
def leader(make_user: Callable[..., User]) -> User:
    return make_user(Role.LEADER)


@pytest.fixture
def history(time_machine: Any, commune: Commune, other_commune: Commune, leader: User) -> History:
    p: dict[str, Petition] = {}
    v: dict[str, ReceptionVisit] = {}

    def on(day: dt.date, hour: int = 9) -> None:
        time_machine.move_to(at(day, hour), tick=False)

    def visit(day: dt.date, **kwargs: Any) -> ReceptionVisit:
        on(day, 10)
        base: dict[str, Any] = {
            "actor": leader,
            "commune": commune,
            "visited_at": at(day, 9),
            "reception_type": "regular",
            "mode": "in_person",
            "content": "Nội dung tiếp công dân",
            "kind": "recommendation",
            "outcome": "answered_on_spot",
            "person": dict(PERSON),
        }
        base.update(kwargs)
        return rs.visit_record(**base)

    # Before the period.
    on(D(2026, 5, 10))
    p["P1"] = register(commune, "complaint", received_on=D(2026, 5, 10), field="land")
    on(D(2026, 5, 12))
    ps.petition_accept(actor=leader, petition=p["P1"], on=D(2026, 5, 12))
    on(D(2026, 5, 20))
    p["P2"] = register(
        commune, "recommendation", received_on=D(2026, 5, 20), is_group=True, group_size=3
    )
    ps.petition_start_handling(actor=leader, petition=p["P2"])
    on(D(2026, 6, 1))
    ps.petition_answer(actor=leader, petition=p["P2"], text="Đã sửa", evidence=evidence())
    ps.petition_close(actor=leader, petition=p["P2"], closure="resolved")
    on(D(2026, 5, 25))
    p["P3"] = register(commune, "feedback", received_on=D(2026, 5, 25))
    ps.petition_start_handling(actor=leader, petition=p["P3"])
    ps.petition_answer(actor=leader, petition=p["P3"], text="Đã xử lý", evidence=evidence())
    ps.petition_close(actor=leader, petition=p["P3"], closure="resolved")
    on(D(2026, 6, 1))
    p["P4"] = register(commune, "denunciation", received_on=D(2026, 6, 1))
    ps.petition_transfer(actor=leader, petition=p["P4"], to="Công an huyện")
    on(D(2026, 6, 14), 16)
    p["P12"] = register(commune, "complaint", received_on=D(2026, 6, 14))

    # During the period.
    on(D(2026, 7, 1))
    p["P5"] = register(commune, "complaint", received_on=D(2026, 7, 1), field="housing")
    ps.petition_classify(actor=leader, petition=p["P5"], is_eligible=True)
    ps.petition_reopen(actor=leader, petition=p["P2"], reason="Đường vẫn sụt lún")
    on(D(2026, 7, 3))
    ps.petition_accept(actor=leader, petition=p["P5"], on=D(2026, 7, 3))
    on(D(2026, 7, 8))
    ps.petition_verify(actor=leader, petition=p["P5"], text="Xác minh tại thực địa")
    on(D(2026, 7, 10))
    ps.petition_decide(
        actor=leader,
        petition=p["P5"],
        text="Giữ nguyên",
        document=issued_document(commune, on=D(2026, 7, 10)),
    )
    on(D(2026, 7, 20))
    ps.petition_verify(actor=leader, petition=p["P1"], text="Xác minh hồ sơ đất")
    ps.petition_decide(
        actor=leader,
        petition=p["P1"],
        text="Công nhận một phần",
        document=issued_document(commune, on=D(2026, 7, 20)),
    )
    on(D(2026, 8, 1))
    p["P6"] = register(
        commune,
        "complaint",
        received_on=D(2026, 8, 1),
        field="land",
        is_group=True,
        group_size=6,
        representatives=["Nguyễn Văn A", "Trần Văn B"],
    )
    ps.petition_classify(actor=leader, petition=p["P6"], complaint_stage="resolved_once")
    on(D(2026, 8, 2))
    ps.petition_guide(actor=leader, petition=p["P6"], to="UBND tỉnh")
    on(D(2026, 8, 5))
    p["P7"] = register(commune, "denunciation", received_on=D(2026, 8, 5), field="corruption")
    on(D(2026, 8, 6))
    ps.petition_accept(actor=leader, petition=p["P7"], on=D(2026, 8, 6))
    on(D(2026, 9, 10))
    p["P8"] = register(commune, "info_request", received_on=D(2026, 9, 10))
    on(D(2026, 9, 14), 23)
    p["P9"] = register(commune, "recommendation", received_on=D(2026, 9, 14))
    on(D(2026, 7, 5))
    p["P11"] = register(other_commune, "complaint", received_on=D(2026, 7, 5))

    # Reception register.
    v["V1"] = visit(D(2026, 7, 2), kind="complaint", field="land")
    v["V2"] = visit(
        D(2026, 7, 3),
        group_size=6,
        representatives=["Nguyễn Văn A", "Trần Văn B"],
        is_new_case=False,
        outcome="guided",
        outcome_note="Hướng dẫn đến UBND tỉnh",
    )
    v["V3"] = visit(
        D(2026, 8, 10),
        reception_type="periodic",
        host=leader,
        kind="denunciation",
        field="corruption",
        outcome="transferred",
        outcome_note="Chuyển Thanh tra tỉnh",
        person=dict(DENOUNCER),
    )
    v["V5"] = visit(
        D(2026, 7, 4),
        kind="complaint",
        outcome="petition_registered",
        register_petition=True,
        petition_kwargs={"summary": "Khiếu nại bồi thường"},
    )

    # After the period.
    on(D(2026, 9, 15))
    p["P10"] = register(commune, "recommendation", received_on=D(2026, 9, 15))
    v["V4"] = visit(D(2026, 9, 15))
    time_machine.move_to(at(D(2026, 9, 20)), tick=False)
    return History(p, v, leader)
