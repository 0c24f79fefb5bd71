"""The petitions list and "my work" as XLSX and CSV: the rows the page shows with its filters,
within what the actor may see, cells that cannot run, and never a denouncer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune
from danvan.core.tests.spreadsheets import INJECTIONS, assert_protected, exports, flat, statuses
from danvan.petitions.models import Channel
from danvan.petitions.selectors import WORK_BOX_ROWS, my_work

from .factories import DENOUNCER, RECEIVED, register

pytestmark = pytest.mark.usefixtures("frozen_today")


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_export_is_the_list_with_its_filters_every_page(
    commune: Commune, reception: User
) -> None:
    for n in range(26):  # more than one page of the list (25 rows)
        register(commune, "complaint", summary=f"Khiếu nại số {n}", field="land")
    register(commune, "recommendation", summary="Kiến nghị sửa đường")
    client = login(reception)
    query = "kind=complaint&order=case_number&page=2"
    listed = client.get(f"/petitions/?{query}").context["page"].paginator.object_list
    xlsx, csv_ = exports(client, "petitions:export", query=query)
    assert [row[0] for row in xlsx[1:]] == [p.case_number for p in listed]
    assert [row[0] for row in csv_[1:]] == [p.case_number for p in listed]
    assert len(xlsx) == 27  # the header and all 26 complaints, not the page shown
    assert xlsx[0][:5] == ["Số hồ sơ", "Ngày nhận đơn", "Loại", "Lĩnh vực", "Người gửi"]
    first = listed[0]
    assert xlsx[1][:5] == [
        first.case_number,
        dt.datetime.combine(RECEIVED, dt.time()),  # a date cell
        first.get_kind_display(),
        first.get_field_display(),
        "Lê Văn Hùng",
    ]
    assert xlsx[1][7:10] == [first.summary, first.get_status_display(), None]
    assert xlsx[1][10] == dt.datetime.combine(first.due_on, dt.time())
    assert csv_[1][:2] == [first.case_number, "2026-09-01"]
    assert csv_[1][10] == first.due_on.isoformat()


def test_the_page_links_to_its_export_with_its_query(commune: Commune, reception: User) -> None:
    html = login(reception).get("/petitions/?kind=complaint&page=2").content.decode()
    assert f'href="{reverse("petitions:export", args=["xlsx"])}?kind=complaint"' in html
    assert f'href="{reverse("petitions:export", args=["csv"])}?kind=complaint"' in html


def test_the_export_holds_what_the_actor_may_see_and_nothing_else(
    commune: Commune, other_commune: Commune, make_user: Callable[..., User]
) -> None:
    register(commune, "recommendation", channel=Channel.FRONT, summary="Mặt trận chuyển đơn")
    register(commune, "denunciation", channel=Channel.FRONT, summary="Tố cáo qua Mặt trận")
    register(commune, "complaint", summary="Khiếu nại tại bộ phận một cửa")
    register(other_commune, "complaint", summary="Khiếu nại của xã Tân Tiến")
    # The Front sees what it forwarded, never a denunciation.
    xlsx, csv_ = exports(login(make_user(Role.FRONT_OFFICER)), "petitions:export")
    assert [row[7] for row in xlsx[1:]] == ["Mặt trận chuyển đơn"]
    assert [row[7] for row in csv_[1:]] == ["Mặt trận chuyển đơn"]
    # The leader sees the whole commune, never another commune's petitions.
    xlsx, _csv = exports(login(make_user(Role.LEADER)), "petitions:export")
    assert len(xlsx) == 4
    assert "Tân Tiến" not in flat(xlsx)
    other = login(make_user(Role.LEADER, commune_=other_commune))
    xlsx, _csv = exports(other, "petitions:export")
    assert [row[7] for row in xlsx[1:]] == ["Khiếu nại của xã Tân Tiến"]
    # Who cannot open the list cannot export it.
    inspector = login(make_user(Role.COMMUNITY_INSPECTOR))
    assert inspector.get("/petitions/").status_code == 403
    assert statuses(inspector, "petitions:export") == {403}
    assert statuses(inspector, "petitions:work_export") == {403}
    assert login(make_user(Role.LEADER)).get("/petitions/export.pdf").status_code == 404


def test_cells_a_citizen_typed_cannot_run(commune: Commune, reception: User) -> None:
    for text in INJECTIONS:
        register(commune, "feedback", summary=text)
    client = login(reception)
    assert_protected(*exports(client, "petitions:export"))
    assert_protected(*exports(client, "petitions:work_export"))


def test_a_denouncer_is_never_exported(commune: Commune, leader: User) -> None:
    petition = register(commune, "denunciation", summary="Tố cáo cán bộ địa chính")
    client = login(leader)
    # Even the leader, who may read the identity on the case page, does not get it in a list.
    xlsx, csv_ = exports(client, "petitions:export")
    assert xlsx[1][4] == csv_[1][4] == petition.petitioner_display
    assert petition.petitioner_display == "Người tố cáo (được giữ bí mật)"
    for viewname in ("petitions:export", "petitions:work_export"):
        xlsx, csv_ = exports(client, viewname)
        text = flat(xlsx, csv_)
        assert "Tố cáo cán bộ địa chính" in text
        for value in DENOUNCER.values():
            assert value not in text, value


def test_my_work_exports_every_petition_of_each_box(commune: Commune, reception: User) -> None:
    for n in range(WORK_BOX_ROWS + 2):
        register(commune, "feedback", summary=f"Phản ánh số {n}", received_on=dt.date(2026, 8, 3))
    register(commune, "recommendation", summary="Kiến nghị mới", received_on=dt.date(2026, 9, 15))
    client = login(reception)
    boxes = my_work(reception, commune)
    assert boxes["overdue"].total == WORK_BOX_ROWS + 2  # more than the page shows
    assert boxes["waiting"].total == WORK_BOX_ROWS + 3
    xlsx, csv_ = exports(client, "petitions:work_export")
    labels = {"overdue": "Quá hạn", "today": "Đến hạn hôm nay", "week": "Đến hạn trong tuần"}
    labels["waiting"] = "Đang chờ tôi xử lý"
    for key, label in labels.items():
        assert sum(1 for row in xlsx[1:] if row[0] == label) == boxes[key].total, key
        assert sum(1 for row in csv_[1:] if row[0] == label) == boxes[key].total, key
    overdue = [row[1] for row in xlsx[1:] if row[0] == "Quá hạn"]
    assert overdue[:WORK_BOX_ROWS] == [p.case_number for p in boxes["overdue"].rows]
    html = client.get("/petitions/work/").content.decode()
    assert reverse("petitions:work_export", args=["xlsx"]) in html
