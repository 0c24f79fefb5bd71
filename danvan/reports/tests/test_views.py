"""Dashboards, forms pages, XLSX/CSV exports and the report draft, through HTTP."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from html import escape
from urllib.parse import parse_qsl, urlsplit

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune, Unit
from danvan.documents.models import OutgoingDocument
from danvan.petitions import services as ps
from danvan.petitions.selectors import petition_list
from danvan.petitions.tests.factories import register
from danvan.reports.forms_base import compute
from danvan.reports.models import ReportAnnex
from danvan.reports.periods import official_period
from danvan.reports.registry import FORMS

from .conftest import D

pytestmark = pytest.mark.django_db
Q3 = official_period("quarter", 2026, 3)
INJECTION = "=cmd|' /C calc'!A0"


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def list_count(client: Client, user: User, commune: Commune, url: str) -> int:
    """How many petitions the list behind `url` shows."""
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query))
    if parts.path == reverse("petitions:list"):
        return petition_list(user, commune, **params).count()
    response = client.get(url)
    assert response.status_code == 200
    return int(response.context["count"])


def test_leader_dashboard_numbers_link_to_their_lists(history, commune, leader) -> None:
    client = login(leader)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    board = response.context["board"]
    figures = {f.label: f for f in board.figures}
    # Today is 20/09/2026. Received this month: P8, P9, P10. Open: P1, P2, P5, P7, P8, P9, P10,
    # P12 and V5's petition.
    assert figures["received_month"].value == 3
    assert figures["open"].value == 9
    for figure in board.figures:
        assert list_count(client, leader, commune, figure.url) == figure.value
        assert escape(figure.url) in response.content.decode()
    for month, url, n in zip(
        board.trend["labels"], board.trend["urls"], board.trend["received"], strict=True
    ):
        assert list_count(client, leader, commune, url) == n, month
    assert sum(board.trend["received"]) == 12  # every petition of the commune (P11 is not)


def test_rates_under_the_minimum_sample_are_not_scores(history, commune, leader, settings):
    settings.REPORT_MIN_SAMPLE = 50
    response = login(leader).get(reverse("reports:dashboard"))
    assert response.context["board"].rate.value is None
    assert b'data-testid="not-enough-data"' in response.content
    settings.REPORT_MIN_SAMPLE = 1
    response = login(leader).get(reverse("reports:dashboard"))
    rate = response.context["board"].rate
    # Finished in the last 12 months: P3 (answered in time), P4 (transferred), P6 (guided).
    assert rate.finished == 3
    assert rate.value is not None
    assert b'data-testid="rate"' in response.content


def test_unit_head_sees_their_unit_only(
    history, commune, leader, make_user: Callable[..., User], unit: Unit
) -> None:
    ps.petition_assign(actor=leader, petition=history.p["P12"], unit=unit)
    head = make_user(Role.UNIT_HEAD, unit=unit)
    response = login(head).get(reverse("reports:dashboard"))
    assert response.status_code == 200
    figures = {f.label: f.value for f in response.context["board"].figures}
    assert figures["open"] == 1
    assert [row.name for row in response.context["board"].by_unit] == [unit.name]
    # Every row of the leader's unit table counts exactly what its links list.
    client = login(leader)
    board = client.get(reverse("reports:dashboard")).context["board"]
    rows = [*board.by_unit, *board.by_village]
    assert [row.open for row in board.by_unit if row.name == unit.name] == [1]
    for row in rows:
        assert list_count(client, leader, commune, row.open_url) == row.open, row.name
        assert list_count(client, leader, commune, row.overdue_url) == row.overdue, row.name
        assert list_count(client, leader, commune, row.finished_url) == row.rate.finished, row.name


def test_province_viewer_sees_every_commune_side_by_side(
    history, commune, other_commune, make_user: Callable[..., User]
) -> None:
    Commune.objects.filter(pk=commune.pk).update(latitude=20.8, longitude=106.6)
    client = login(make_user(Role.PROVINCE_VIEWER))
    assert client.get(reverse("reports:dashboard")).status_code == 302
    response = client.get(reverse("reports:province") + "?order=-open")
    lines = response.context["lines"]
    assert [(line.commune.name, line.open) for line in lines] == [
        (commune.name, 9),
        (other_commune.name, 1),
    ]
    assert [p["name"] for p in response.context["points"]] == [commune.name]
    response = client.get(reverse("reports:province") + "?order=name")
    assert [line.commune.name for line in response.context["lines"]] == sorted(
        [commune.name, other_commune.name]
    )
    detail = client.get(reverse("reports:commune", args=[other_commune.pk]))
    assert detail.status_code == 200
    # Read only: the province cannot draft a commune's report.
    post = client.post(
        reverse("reports:report_create"), {"start": "2026-06-15", "end": "2026-09-14"}
    )
    assert post.status_code == 403


def test_province_form_aggregates_all_communes(
    history, commune, other_commune, make_user: Callable[..., User]
) -> None:
    client = login(make_user(Role.PROVINCE_VIEWER))
    url = reverse("reports:forms") + "?form=01/XLD&start=2026-06-15&end=2026-09-14&scope=province"
    table = client.get(url).context["table"]
    assert table.cell("total") == 10
    assert {row.label for row in table.rows} == {commune.name, other_commune.name}


@pytest.mark.parametrize("role", [Role.VILLAGE_HEAD, Role.FRONT_OFFICER, Role.HANDLING_OFFICER])
def test_roles_without_reports_are_refused(client_for, role) -> None:
    assert client_for(role).get(reverse("reports:dashboard")).status_code == 403
    assert client_for(role).get(reverse("reports:forms")).status_code == 403


def test_form_xlsx_is_the_official_table(history, commune, leader) -> None:
    response = login(leader).get(
        reverse("reports:form_xlsx", args=["01-XLD"]) + "?start=2026-06-15&end=2026-09-14"
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["01-XLD"]
    assert sheet["A2"].value == "KẾT QUẢ XỬ LÝ ĐƠN"
    assert "15/06/2026 – 14/09/2026" in sheet["A3"].value
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A6:A9" in merged  # STT spans the four header rows
    headers = {sheet.cell(row=r, column=c).value for r in (6, 7, 8, 9) for c in range(1, 40)}
    assert {
        "Tiếp nhận",
        "Đơn tiếp nhận trong kỳ",
        "Đơn kỳ trước chuyển sang",
        "Khiếu nại",
    } <= headers
    expected = compute(FORMS["01/XLD"], [commune], Q3)
    assert sheet.cell(row=10, column=3).value == "(3)"  # the column numbers
    values = [sheet.cell(row=11, column=3 + i).value for i in range(len(expected.form.columns))]
    assert values == expected.rows[0].values
    assert sheet.cell(row=12, column=1).value == "Tổng cộng"
    assert sheet.cell(row=12, column=3).value == 9
    assert sheet.cell(row=12, column=3).font.bold


def test_report_draft_with_its_xlsx_annex(history, commune, leader) -> None:
    client = login(leader)
    response = client.post(
        reverse("reports:report_create"), {"start": "2026-06-15", "end": "2026-09-14"}
    )
    annex = ReportAnnex.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:report", args=[annex.pk])
    document = OutgoingDocument.objects.get(pk=annex.document_id)
    assert (document.doc_type, document.status) == ("BC", "draft")
    assert any(block.get("kind") == "table" for block in document.body)
    download = client.get(reverse("reports:annex", args=[annex.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.sheetnames == [code.replace("/", "-") for code in FORMS]
    assert workbook["01-KQGQ"].cell(row=9, column=3).value is not None


def _xlsx_rows(response) -> list[list[object]]:
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_list_export_honours_filters_scope_and_protects_cells(
    commune, leader, make_user: Callable[..., User], time_machine
) -> None:
    time_machine.move_to("2026-09-15 09:00+07:00", tick=False)
    register(commune, "complaint", received_on=D(2026, 9, 1), summary=INJECTION)
    register(commune, "denunciation", received_on=D(2026, 9, 2))
    register(commune, "recommendation", received_on=D(2026, 9, 3), summary="+SUM(A1:A2)")
    client = login(leader)
    url = reverse("reports:petitions_export", args=["xlsx"])
    rows = _xlsx_rows(client.get(url + "?kind=complaint"))
    assert len(rows) == 2
    assert rows[1][7] == "'" + INJECTION
    everything = _xlsx_rows(client.get(url))
    assert len(everything) == 4
    flat = " ".join(str(v) for row in everything for v in row)
    assert "Trần Thị Bích Ngọc" not in flat  # the denouncer is never exported
    assert "'+SUM(A1:A2)" in flat
    csv_rows = _csv_rows(client.get(reverse("reports:petitions_export", args=["csv"])))
    assert len(csv_rows) == 4
    assert {row[7] for row in csv_rows[1:]} >= {"'" + INJECTION, "'+SUM(A1:A2)"}
    assert "Trần Thị Bích Ngọc" not in str(csv_rows)
    # The Front officer's scope: what the Front forwarded, never denunciations.
    front = make_user(Role.FRONT_OFFICER)
    assert len(_csv_rows(login(front).get(reverse("reports:petitions_export", args=["csv"])))) == 1


def test_petitions_list_has_export_links(commune, leader) -> None:
    # The list exports through its own view, with exactly its filters (petitions.views).
    response = login(leader).get(reverse("petitions:list") + "?kind=complaint")
    html = response.content.decode()
    assert reverse("petitions:export", args=["xlsx"]) + "?kind=complaint" in html


def test_cases_closed_from_the_old_register_do_not_count_in_on_time_rates(
    history, commune, leader, unit: Unit
) -> None:
    client = login(leader)
    before = client.get(reverse("reports:dashboard")).context["board"]
    old = register(commune, "recommendation", received_on=D(2026, 5, 4))
    ps.petition_assign(actor=leader, petition=old, unit=unit)
    ps.petition_close_historical(
        actor=leader, petition=old, closure="resolved", closed_on=D(2026, 6, 1), register_text="x"
    )
    board = client.get(reverse("reports:dashboard")).context["board"]
    # Finished, but with no legal clock in DânVận: neither on time nor late.
    assert board.rate == before.rate
    row = next(r for r in board.by_unit if r.name == unit.name)
    assert list_count(client, leader, commune, row.finished_url) == row.rate.finished
    page = client.get(row.finished_url)
    assert "không được tính ở đây" in page.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?start=0001-01-01&end=9999-12-31",
        "?start=2026-03-01&end=9999-12-31",
        "?kind=month&year=2026&number=13",
        "?start=2026-02-30&end=2026-03-01",
    ],
)
def test_a_period_the_calendar_cannot_hold_is_not_found_not_a_server_error(
    history, leader, query: str
) -> None:
    assert login(leader).get(reverse("reports:forms") + query).status_code == 404


def test_each_bar_of_the_trend_opens_the_list_it_counts(history, commune, leader) -> None:
    client = login(leader)
    chart = client.get(reverse("reports:dashboard")).context["chart"]
    assert any(chart["finished"])
    assert any(chart["received"])
    for series, urls in (("received", "urls"), ("finished", "finished_urls")):
        for value, url in zip(chart[series], chart[urls], strict=True):
            assert list_count(client, leader, commune, url) == value, (series, url)
