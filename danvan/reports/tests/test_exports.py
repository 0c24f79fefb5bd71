"""The province overview and the dashboard's tables by unit and village as XLSX and CSV: the
numbers the page shows the same user, the page's order, an empty rate where the page says "not
enough data", nothing of a commune the user may not see, cells that cannot run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune, Unit, UnitKind
from danvan.core.tests.spreadsheets import INJECTIONS, assert_protected, exports, flat, statuses
from danvan.petitions import services as ps
from danvan.petitions.tests.factories import register

from .conftest import D, History

pytestmark = pytest.mark.django_db
RATE_HEADER = ["Đã kết thúc (12 tháng)", "Đúng hạn (12 tháng)", "Tỷ lệ đúng hạn (%)"]


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rate(rate: Any) -> list[Any]:
    return [rate.finished, rate.on_time, rate.value]


def _csv_rate(rate: Any) -> list[str]:
    return [str(rate.finished), str(rate.on_time), "" if rate.value is None else str(rate.value)]


@pytest.fixture
def village(commune: Commune) -> Unit:
    return Unit.objects.create(commune=commune, name="Thôn An Lạc", kind=UnitKind.VILLAGE)


@pytest.fixture
def assigned(history: History, commune: Commune, unit: Unit, village: Unit) -> History:
    """P12 with the unit, a new complaint from the village: both tables have something."""
    ps.petition_assign(actor=history.leader, petition=history.p["P12"], unit=unit)
    register(commune, "complaint", received_on=D(2026, 9, 18), village=village)
    return history


# --- the province overview -----------------------------------------------------------------------
def test_the_province_export_is_the_overview_in_its_order(
    history: History,
    commune: Commune,
    other_commune: Commune,
    foreign_commune: Commune,
    make_user: Callable[..., User],
    settings: Any,
) -> None:
    settings.REPORT_MIN_SAMPLE = 1
    client = login(make_user(Role.PROVINCE_VIEWER))
    for order in ("-open", "name", "-rate"):
        page = client.get(reverse("reports:province") + f"?order={order}")
        lines = page.context["lines"]
        xlsx, csv_ = exports(client, "reports:province_export", query=f"order={order}")
        assert xlsx[0] == [
            "Xã",
            "Tiếp nhận trong năm",
            "Đang giải quyết",
            "Quá hạn",
            *RATE_HEADER,
        ]
        assert xlsx[1:] == [
            [line.commune.name, line.received, line.open, line.overdue, *_rate(line.rate)]
            for line in lines
        ]
        assert [row[:4] for row in csv_[1:]] == [
            [line.commune.name, str(line.received), str(line.open), str(line.overdue)]
            for line in lines
        ]
        assert [row[4:] for row in csv_[1:]] == [_csv_rate(line.rate) for line in lines]
        link = reverse("reports:province_export", args=["xlsx"]) + f"?order={order}"
        assert link in page.content.decode()
    # -open: An Quang first with its 9 open cases (as the page), Tân Tiến next.
    xlsx, _csv = exports(client, "reports:province_export", query="order=-open")
    assert [row[:3] for row in xlsx[1:]] == [
        [commune.name, 12, 9],
        [other_commune.name, 1, 1],
    ]
    # P3, P4 and P6 finished in the last 12 months, all on time: the rate is a number.
    assert xlsx[1][4:] == [3, 3, 100]
    assert foreign_commune.name not in flat(xlsx)


def test_a_rate_without_enough_data_is_an_empty_cell(
    history: History, make_user: Callable[..., User], settings: Any
) -> None:
    settings.REPORT_MIN_SAMPLE = 50
    client = login(make_user(Role.PROVINCE_VIEWER))
    page = client.get(reverse("reports:province"))
    assert 'data-testid="not-enough-data"' in page.content.decode()
    xlsx, csv_ = exports(client, "reports:province_export")
    assert [row[4:] for row in xlsx[1:]] == [[3, 3, None], [0, 0, None]]
    assert [row[4:] for row in csv_[1:]] == [["3", "3", ""], ["0", "0", ""]]


def test_a_commune_leader_exports_their_own_commune_only(
    history: History, commune: Commune, other_commune: Commune
) -> None:
    client = login(history.leader)
    page = client.get(reverse("reports:province"))
    xlsx, csv_ = exports(client, "reports:province_export")
    assert [row[0] for row in xlsx[1:]] == [line.commune.name for line in page.context["lines"]]
    assert [row[0] for row in csv_[1:]] == [commune.name]
    assert other_commune.name not in flat(xlsx, csv_)


# --- the dashboard's tables by unit and village ---------------------------------------------------
def _breakdown(board: Any) -> list[list[Any]]:
    return [
        [kind, row.name, row.open, row.overdue, *_rate(row.rate)]
        for kind, rows in (("Đơn vị", board.by_unit), ("Thôn, tổ dân phố", board.by_village))
        for row in rows
    ]


def test_the_breakdown_export_is_the_leader_s_two_tables(
    assigned: History, commune: Commune, unit: Unit, village: Unit, settings: Any
) -> None:
    settings.REPORT_MIN_SAMPLE = 1
    client = login(assigned.leader)
    page = client.get(reverse("reports:dashboard"))
    board = page.context["board"]
    xlsx, csv_ = exports(client, "reports:breakdown_export")
    assert xlsx[0] == ["Loại", "Tên", "Đang giải quyết", "Quá hạn", *RATE_HEADER]
    assert xlsx[1:] == _breakdown(board)
    assert [row[:4] for row in xlsx[1:]] == [
        ["Đơn vị", unit.name, 1, 1],
        ["Thôn, tổ dân phố", village.name, 1, 0],
    ]
    assert csv_[1:] == [[str(v) if v is not None else "" for v in row] for row in xlsx[1:]]
    assert reverse("reports:breakdown_export", args=["csv"]) in page.content.decode()


def test_a_unit_head_exports_their_unit_only(
    assigned: History, make_user: Callable[..., User], unit: Unit, village: Unit
) -> None:
    Unit.objects.create(commune=unit.commune, name="Phòng Kinh tế", kind=UnitKind.OFFICE)
    client = login(make_user(Role.UNIT_HEAD, unit=unit))
    board = client.get(reverse("reports:dashboard")).context["board"]
    xlsx, csv_ = exports(client, "reports:breakdown_export")
    assert xlsx[1:] == _breakdown(board)
    assert [row[1] for row in csv_[1:]] == [unit.name]
    assert "Phòng Kinh tế" not in flat(xlsx, csv_)
    assert village.name not in flat(xlsx, csv_)


def test_the_province_viewer_exports_a_commune_s_tables(
    assigned: History,
    commune: Commune,
    foreign_commune: Commune,
    make_user: Callable[..., User],
) -> None:
    client = login(make_user(Role.PROVINCE_VIEWER))
    page = client.get(reverse("reports:commune", args=[commune.pk]))
    xlsx, _csv = exports(client, "reports:commune_breakdown_export", commune.pk)
    assert xlsx[1:] == _breakdown(page.context["board"])
    link = reverse("reports:commune_breakdown_export", args=[commune.pk, "xlsx"])
    assert link in page.content.decode()
    # /reports/ sends the province viewer to the overview; its export, to the overview's.
    response = client.get(reverse("reports:breakdown_export", args=["csv"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:province_export", args=["csv"])
    assert client.get(reverse("reports:commune", args=[foreign_commune.pk])).status_code == 404
    assert statuses(client, "reports:commune_breakdown_export", foreign_commune.pk) == {404}


def test_another_commune_s_tables_are_not_found(
    history: History, commune: Commune, other_commune: Commune, make_user: Callable[..., User]
) -> None:
    other = login(make_user(Role.LEADER, commune_=other_commune))
    assert other.get(reverse("reports:commune", args=[commune.pk])).status_code == 404
    assert statuses(other, "reports:commune_breakdown_export", commune.pk) == {404}
    assert commune.name not in flat(*exports(other, "reports:province_export"))


@pytest.mark.parametrize("role", [Role.VILLAGE_HEAD, Role.FRONT_OFFICER, Role.HANDLING_OFFICER])
def test_roles_without_reports_cannot_export_them(
    client_for: Callable[..., Client], commune: Commune, role: Role
) -> None:
    client = client_for(role)
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get(reverse("reports:province")).status_code == 403
    assert statuses(client, "reports:breakdown_export") == {403}
    assert statuses(client, "reports:province_export") == {403}
    assert statuses(client, "reports:commune_breakdown_export", commune.pk) == {403}


def test_unit_names_cannot_run_in_the_export(history: History, commune: Commune) -> None:
    for name in INJECTIONS:
        Unit.objects.create(commune=commune, name=name, kind=UnitKind.OFFICE)
    assert_protected(*exports(login(history.leader), "reports:breakdown_export"))
