"""The reception register and schedule as XLSX and CSV: the rows the pages show with their
filters, the commune's own only, cells that cannot run, and never a denouncer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune
from danvan.core.tests.spreadsheets import INJECTIONS, assert_protected, exports, flat, statuses
from danvan.reception import services
from danvan.reception.models import ReceptionSession, ReceptionVisit

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db
T = dt.time
DENOUNCER = {"name": "Trần Thị Bích Ngọc", "phone": "0912345678", "id_number": "031190001234"}


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def visit(commune: Commune, content: str, **kwargs: Any) -> ReceptionVisit:
    kwargs.setdefault("visited_at", at(2026, 9, 15, 9))
    kwargs.setdefault("reception_type", "regular")
    kwargs.setdefault("kind", "feedback")
    kwargs.setdefault("outcome", "answered_on_spot")
    kwargs.setdefault("person", {"name": "Lê Văn Hùng"})
    return services.visit_record(
        actor=None, commune=commune, mode="in_person", content=content, **kwargs
    )


def session(commune: Commune, host: User | None, day: dt.date, **kwargs: Any) -> ReceptionSession:
    kwargs.setdefault("kind", "periodic")
    kwargs.setdefault("place", "Phòng tiếp công dân UBND xã")
    return services.session_schedule(
        actor=None,
        commune=commune,
        date=day,
        host=host,
        start_time=T(7, 30),
        end_time=T(11, 30),
        **kwargs,
    )


def test_the_register_export_is_the_register_with_its_filters(
    commune: Commune, other_commune: Commune, desk_officer: User, leader: User
) -> None:
    visit(commune, "Phản ánh đèn đường hỏng ở ngõ 3", visited_at=at(2026, 9, 14, 8))
    periodic = visit(
        commune,
        "Khiếu nại việc thu hồi đất",
        kind="complaint",
        field="land",
        reception_type="periodic",
        host=leader,
        visited_at=at(2026, 9, 10, 8, 15),
        person={"name": "Trần Văn Bình"},
        group_size=6,
        representatives=["Trần Văn Bình", "Lê Thị Hoa"],
        is_new_case=False,
        outcome="guided",
        outcome_note="Hướng dẫn đến UBND tỉnh",
    )
    visit(
        commune,
        "Kiến nghị trước kỳ",
        reception_type="periodic",
        host=leader,
        visited_at=at(2026, 8, 20, 8),
    )
    visit(
        other_commune,
        "Khiếu nại của xã Tân Tiến",
        reception_type="regular",
        visited_at=at(2026, 9, 11, 8),
    )
    client = login(desk_officer)
    query = "date_from=01/09/2026&date_to=15/09/2026&reception_type=periodic"
    listed = client.get(f"/reception/?{query}").context["page"].paginator.object_list
    xlsx, csv_ = exports(client, "reception:register_export", query=query)
    assert [row[0] for row in xlsx[1:]] == [v.number_display for v in listed]
    assert [row[0] for row in xlsx[1:]] == [periodic.number_display]
    assert xlsx[0][:3] == ["Số", "Thời gian tiếp", "Người được tiếp"]
    row = dict(zip(xlsx[0], xlsx[1], strict=True))
    assert row["Thời gian tiếp"] == dt.datetime(2026, 9, 10, 8, 15)  # local time, a date cell
    assert row["Người được tiếp"] == periodic.person_display
    assert row["Số người"] == 6
    assert row["Người đại diện"] == "Trần Văn Bình; Lê Thị Hoa"
    assert row["Nội dung"] == "Khiếu nại việc thu hồi đất"
    assert row["Phân loại"] == periodic.get_kind_display()
    assert row["Hướng xử lý"] == periodic.get_outcome_display()
    assert row["Hình thức tiếp"] == periodic.get_reception_type_display()
    assert row["Người tiếp"] == str(leader)
    assert csv_[1][1] == "2026-09-10 08:15:00"
    # The search of the page, diacritics optional, selects the same rows.
    xlsx, _csv = exports(client, "reception:register_export", query="q=den duong")
    assert [r[6] for r in xlsx[1:]] == ["Phản ánh đèn đường hỏng ở ngõ 3"]
    # Another commune's register is never in the file.
    assert "Tân Tiến" not in flat(*exports(client, "reception:register_export"))


def test_the_page_links_to_its_export_with_its_query(desk_officer: User) -> None:
    html = login(desk_officer).get("/reception/?reception_type=periodic&page=2").content.decode()
    assert f"{reverse('reception:register_export', args=['csv'])}?reception_type=periodic" in html
    html = login(desk_officer).get("/reception/schedule/").content.decode()
    assert reverse("reception:schedule_export", args=["xlsx"]) in html


def test_who_cannot_open_the_register_cannot_export_it(
    make_user: Callable[..., User],
) -> None:
    officer = login(make_user(Role.HANDLING_OFFICER))
    assert officer.get("/reception/").status_code == 403
    assert statuses(officer, "reception:register_export") == {403}
    assert officer.get("/reception/schedule/").status_code == 403
    assert statuses(officer, "reception:schedule_export") == {403}


def test_register_cells_a_citizen_typed_cannot_run(commune: Commune, desk_officer: User) -> None:
    for n, text in enumerate(INJECTIONS):
        visit(commune, text, visited_at=at(2026, 9, 14, 8, n))
    assert_protected(*exports(login(desk_officer), "reception:register_export"))


def test_a_denouncer_is_never_in_the_register_export(
    commune: Commune, desk_officer: User, leader: User
) -> None:
    denunciation = visit(
        commune,
        "Bà Trần Thị Bích Ngọc tố cáo cán bộ địa chính nhận tiền, điện thoại 0912345678",
        kind="denunciation",
        outcome="transferred",
        outcome_note="Chuyển Thanh tra huyện",
        person=dict(DENOUNCER),
        group_size=3,
        representatives=["Trần Thị Bích Ngọc"],
        reception_type="periodic",
        host=leader,
    )
    xlsx, csv_ = exports(login(desk_officer), "reception:register_export")
    text = flat(xlsx, csv_)
    for value in DENOUNCER.values():
        assert value not in text, value
    assert "tố cáo cán bộ địa chính nhận tiền" in text
    row = dict(zip(xlsx[0], xlsx[1], strict=True))
    assert row["Người được tiếp"] == denunciation.person_display == "Người tố cáo (được giữ bí mật)"
    assert row["Người đại diện"] is None


def test_the_schedule_export_is_the_sessions_the_page_shows(
    commune: Commune, other_commune: Commune, desk_officer: User, leader: User
) -> None:
    first = session(commune, leader, TODAY + dt.timedelta(days=2), note="+Mang theo giấy tờ")
    cancelled = session(commune, leader, TODAY + dt.timedelta(days=9), publish=True)
    services.session_cancel(actor=None, session=cancelled, reason="=Lãnh đạo đi công tác")
    session(commune, leader, TODAY + dt.timedelta(weeks=11))  # beyond the weeks shown
    session(commune, leader, TODAY - dt.timedelta(days=7))  # past
    session(other_commune, None, TODAY + dt.timedelta(days=2), kind="regular", place="Xã Tân Tiến")
    client = login(desk_officer)
    shown = list(client.get("/reception/schedule/").context["sessions"])
    xlsx, csv_ = exports(client, "reception:schedule_export")
    assert [row[0].date() for row in xlsx[1:]] == [s.date for s in shown]
    assert [row[0] for row in csv_[1:]] == [s.date.isoformat() for s in shown]
    assert [s.pk for s in shown] == [first.pk, cancelled.pk]
    assert xlsx[1][1:5] == [T(7, 30), T(11, 30), first.get_kind_display(), str(leader)]
    assert csv_[1][1:3] == ["07:30", "11:30"]
    assert [row[7] for row in xlsx[1:]] == ["Chưa công bố", "Đã hủy"]
    assert "Tân Tiến" not in flat(xlsx, csv_)
    assert_protected(xlsx, csv_, ("+Mang theo giấy tờ", "=Lãnh đạo đi công tác"))
