"""Historical petitions the old register shows as finished land finished, honestly: on their
finishing day, with the closure their result means, the register entry as the evidence on the
timeline, no legal clock and no message to anyone; the statistics forms count them in the period
they finished. Rows that cannot say how or when they finished are rejected with the reason."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import AuditEvent, Commune, Deadline
from danvan.petitions import services as ps
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.tests.factories import register
from danvan.reports import importing
from danvan.reports.forms_base import compute
from danvan.reports.models import ImportJob
from danvan.reports.periods import official_period
from danvan.reports.registry import FORMS

from .test_import import row, run, upload, workbook

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Q2, Q3, Q4 = (official_period("quarter", 2026, n) for n in (2, 3, 4))  # Q3: 15/06–14/09/2026
REGISTER_NOTE = "Kết thúc theo sổ theo dõi đơn cũ"


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to("2026-09-20 10:00+07:00", tick=False)


@pytest.fixture
def leader(make_user: Callable[..., User]) -> User:
    return make_user(Role.LEADER)


@pytest.fixture
def client(leader: User) -> Client:
    client = Client()
    client.force_login(leader)
    return client


def may(day: int) -> str:
    return f"{day:02d}/05/2026"


# Received in May 2026 (before Q3); finished in Q3, except H, still open.
GOOD = {
    "A": row(
        received_on=may(4),
        kind="khiếu nại",
        name="Nguyễn Văn An",
        summary="Khiếu nại bồi thường đất",
        status="đã trả lời",
        closed_on="10/07/2026",
        result="Đã trả lời bằng văn bản số 12/UBND",
    ),
    "B": row(
        received_on=may(5),
        kind="tố cáo",
        name="Lê Thị Cúc",
        summary="Tố cáo lấn chiếm đất công",
        status="đã chuyển",
        closed_on="15/07/2026",
        transferred_to="Công an xã",
    ),
    "C": row(
        received_on=may(6),
        kind="khiếu nại",
        name="Phạm Văn Dũng",
        summary="Khiếu nại quyết định của UBND tỉnh",
        status="đã kết thúc",
        closed_on="20/07/2026",
        result="Hướng dẫn công dân gửi đơn đến UBND tỉnh",
        transferred_to="UBND tỉnh",
    ),
    "D": row(
        received_on=may(7),
        kind="to cao",
        name="Đỗ Văn Em",
        summary="Tố cáo trưởng thôn",
        status="da ket thuc",
        closed_on="25/07/2026",
        result="Không thụ lý: nội dung đã được giải quyết",
    ),
    "E": row(
        received_on=may(8),
        kind="phản ánh",
        name="Hoàng Thị Gấm",
        summary="Phản ánh tiếng ồn",
        status="lưu đơn",
        closed_on="01/08/2026",
        result="",
    ),
    "F": row(
        received_on=may(11),
        kind="khiếu nại",
        name="Vũ Văn Hải",
        summary="Khiếu nại tiền hỗ trợ",
        status="đã kết thúc",
        closed_on="05/08/2026",
        result="Rút đơn ngày 05/08/2026",
    ),
    "G": row(
        received_on=may(12),
        kind="kiến nghị",
        name="Nguyễn Văn An",
        summary="Kiến nghị sửa cống thoát nước",
        status="đã trả lời",
        closed_on="14/09/2026",  # the last day of Q3
        result="Đã trả lời bằng văn bản số 30/UBND",
    ),
    "H": row(
        received_on=may(13),
        kind="kiến nghị",
        name="Trần Văn Khánh",
        summary="Kiến nghị lắp đèn đường",
        status="đang xử lý",
    ),
}
EXPECTED = {  # summary → (status, closure, closed on, verb, text on the timeline)
    "A": (
        "closed",
        "resolved",
        dt.date(2026, 7, 10),
        "closed",
        "Đã trả lời bằng văn bản số 12/UBND",
    ),
    "B": ("transferred", "transferred", dt.date(2026, 7, 15), "transferred", "Công an xã"),
    "C": ("guided", "guided", dt.date(2026, 7, 20), "guided", "Hướng dẫn công dân gửi đơn"),
    "D": ("not_accepted", "refused", dt.date(2026, 7, 25), "refused", "Không thụ lý: nội dung"),
    "E": ("filed", "filed", dt.date(2026, 8, 1), "filed", "lưu đơn"),
    "F": ("closed", "withdrawn", dt.date(2026, 8, 5), "closed", "Rút đơn ngày 05/08/2026"),
    "G": (
        "closed",
        "resolved",
        dt.date(2026, 9, 14),
        "closed",
        "Đã trả lời bằng văn bản số 30/UBND",
    ),
}
BAD = {
    "no_date": (
        row(summary="Đã trả lời, thiếu ngày", status="đã trả lời", result="Đã trả lời"),
        ["finished_needs_date"],
        "Đơn đã kết thúc phải có Ngày kết thúc.",
    ),
    "future": (
        row(
            summary="Ngày kết thúc tương lai",
            status="đã kết thúc",
            closed_on="25/09/2026",
            result="đã giải quyết",
        ),
        ["future_date"],
        "Ngày kết thúc 25/09/2026 ở tương lai.",
    ),
    "before_receipt": (
        row(
            received_on="10/03/2026",
            summary="Kết thúc trước khi nhận",
            status="lưu đơn",
            closed_on="01/03/2026",
        ),
        ["before_received"],
        "Ngày kết thúc 01/03/2026 trước ngày nhận đơn.",
    ),
    "unknown_result": (
        row(summary="Kết quả lạ", status="đã kết thúc", closed_on="01/03/2024", result="Xong rồi"),
        ["unknown_result"],
        "Kết quả “Xong rồi” không cho biết đơn đã kết thúc thế nào",
    ),
    "no_result": (
        row(summary="Không ghi kết quả", status="đã kết thúc", closed_on="01/03/2024"),
        ["finished_needs_result"],
        "Đơn đã kết thúc phải có Kết quả",
    ),
    "no_body": (
        row(
            kind="kiến nghị",
            summary="Chuyển mà không ghi nơi nhận",
            status="đã chuyển",
            closed_on="01/03/2024",
        ),
        ["needs_body"],
        "Đơn đã chuyển hoặc đã hướng dẫn phải có Chuyển/hướng dẫn đến.",
    ),
    "not_for_kind": (
        row(
            summary="Khiếu nại đã chuyển",
            status="đã chuyển",
            closed_on="01/03/2024",
            transferred_to="Công an xã",
        ),
        ["closure_not_for_kind"],
        "Đơn “khiếu nại” không thể kết thúc bằng “đã chuyển”.",
    ),
    "conflict": (
        row(
            summary="Lưu đơn nhưng đã trả lời",
            status="lưu đơn",
            closed_on="01/03/2024",
            result="Đã trả lời bằng văn bản",
        ),
        ["result_conflict"],
        "mâu thuẫn với Trạng thái",
    ),
}


def imported(client: Client, capture: Any) -> tuple[ImportJob, dict[str, Petition]]:
    response = upload(client, workbook([*GOOD.values(), *(bad for bad, _c, _t in BAD.values())]))
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    run(client, job, capture)
    assert job.status == "done", job.error
    summaries = {key: values[6] for key, values in GOOD.items()}
    return job, {key: Petition.objects.get(summary=s) for key, s in summaries.items()}


def test_preview_rejects_finished_rows_that_cannot_say_when_or_how(client: Client) -> None:
    response = upload(client, workbook([*GOOD.values(), *(bad for bad, _c, _t in BAD.values())]))
    job = ImportJob.objects.latest("pk")
    assert (job.total, job.good) == (len(GOOD) + len(BAD), len(GOOD))
    first_bad = len(GOOD) + 2
    codes = {r["row"]: [e["code"] for e in r["errors"]] for r in job.rejected}
    assert codes == {first_bad + i: c for i, (_r, c, _t) in enumerate(BAD.values())}
    html = client.get(response["Location"]).content.decode()
    for _row, _codes, reason in BAD.values():
        assert reason in html


def test_finished_rows_land_finished_from_the_register(
    client: Client, commune: Commune, leader: User, django_capture_on_commit_callbacks: Any
) -> None:
    # A returning citizen with an e-mail address: were anything sent, it would reach the outbox.
    ps.citizen_get_or_create(
        commune=commune, full_name="Nguyễn Văn An", phone="0987000111", email="an@example.vn"
    )
    from danvan.petitions.citizen_messages import ConsoleShortMessages

    sms_before = len(ConsoleShortMessages.sent)
    job, cases = imported(client, django_capture_on_commit_callbacks)
    assert job.imported == len(GOOD)
    assert cases["A"].citizen.email == "an@example.vn"
    for key, (status, closure, day, verb, text) in EXPECTED.items():
        case = cases[key]
        assert (case.status, case.closure, case.is_historical_closure) == (status, closure, True)
        assert case.closed_at == dt.datetime.combine(day, dt.time.min, tzinfo=TZ), key
        # No legal clock was started for it, and it has no due date.
        assert not Deadline.objects.filter(
            subject_type="petitions.petition", subject_id=str(case.pk)
        ).exists(), key
        assert case.due_on is None
        # The evidence, on the public timeline, dated the day it finished.
        event = PetitionEvent.objects.get(petition=case, verb=verb)
        assert event.is_public
        assert event.at == case.closed_at
        assert event.status_after == status
        assert REGISTER_NOTE in event.text
        assert day.strftime("%d/%m/%Y") in event.text
        assert text in event.text, key
        assert event.actor == leader
        assert PetitionEvent.objects.filter(petition=case, verb="historical_recorded").exists()
    assert cases["B"].transferred_to == "Công an xã"
    assert cases["C"].transferred_to == "UBND tỉnh"
    # The open row keeps today's behaviour: registered, its processing clock running, a note.
    open_case = cases["H"]
    assert (open_case.status, open_case.closure, open_case.is_historical_closure) == (
        "registered",
        "",
        False,
    )
    assert open_case.closed_at is None
    assert open_case.due_on is not None
    assert PetitionEvent.objects.get(petition=open_case, verb="note").is_public
    # Nobody was written to.
    assert mail.outbox == []
    assert len(ConsoleShortMessages.sent) == sms_before
    assert AuditEvent.objects.filter(verb="petition.closed_historical").count() == len(EXPECTED)

    # The case page shows the register as the evidence.
    page = client.get(reverse("petitions:detail", args=[cases["A"].pk])).content.decode()
    assert REGISTER_NOTE in page
    assert "Đã trả lời bằng văn bản số 12/UBND" in page


def test_the_forms_count_them_finished_in_the_period_they_finished(
    client: Client, commune: Commune, django_capture_on_commit_callbacks: Any
) -> None:
    imported(client, django_capture_on_commit_callbacks)

    def cells(code: str, period: Any) -> dict[str, int]:
        return compute(FORMS[code], [commune], period).as_dict(commune.pk)

    # Q3: all eight were open on 15/06 (received in May); seven finished in Q3, H is pending.
    xld01 = cells("01/XLD", Q3)
    assert (xld01["total"], xld01["old_single"], xld01["new_single"]) == (8, 8, 0)
    assert (xld01["guided"], xld01["transferred"], xld01["filed"]) == (1, 1, 2)
    assert xld01["pending"] == 1
    xld02 = cells("02/XLD", Q3)  # complaints A, C, F
    assert (xld02["total"], xld02["guided"], xld02["pending"]) == (3, 1, 0)
    xld03 = cells("03/XLD", Q3)  # denunciations B, D
    assert (xld03["total"], xld03["transferred"], xld03["refused"], xld03["pending"]) == (
        2,
        1,
        1,
        0,
    )
    xld04 = cells("04/XLD", Q3)  # feedback E, recommendations G and H
    assert (xld04["total"], xld04["filed"], xld04["closed"], xld04["pending"]) == (3, 1, 1, 1)
    # Not decisions: the resolution forms do not count them.
    assert cells("01/KQGQ", Q3)["total"] == 0
    # Q2: received then, finished later: all pending at its end.
    assert cells("01/XLD", Q2)["new_single"] == 8
    assert cells("01/XLD", Q2)["pending"] == 8
    assert cells("04/XLD", Q2)["closed"] == 0
    # Q4: only the open one is carried over.
    assert cells("01/XLD", Q4)["old_single"] == 1


def test_the_service_keeps_to_the_historical_path(commune: Commune, leader: User) -> None:
    complaint = register(commune, "complaint", received_on=dt.date(2026, 5, 4))
    with pytest.raises(ValidationError, match="không thể kết thúc bằng"):
        ps.petition_close_historical(
            actor=leader,
            petition=complaint,
            closure="transferred",
            closed_on=dt.date(2026, 6, 1),
            transferred_to="Công an xã",
        )
    with pytest.raises(ValidationError, match="tương lai"):
        ps.petition_close_historical(
            actor=leader, petition=complaint, closure="resolved", closed_on=dt.date(2026, 9, 21)
        )
    with pytest.raises(ValidationError, match="trước ngày nhận"):
        ps.petition_close_historical(
            actor=leader, petition=complaint, closure="resolved", closed_on=dt.date(2026, 5, 3)
        )
    with pytest.raises(ValidationError, match="Ghi tên cơ quan"):
        ps.petition_close_historical(
            actor=leader, petition=complaint, closure="guided", closed_on=dt.date(2026, 6, 1)
        )
    # Only a case nothing has happened to in DânVận: an accepted one keeps its legal lifecycle.
    ps.petition_accept(actor=leader, petition=complaint, on=dt.date(2026, 5, 5))
    with pytest.raises(ValidationError, match="chưa được xử lý bước nào"):
        ps.petition_close_historical(
            actor=leader, petition=complaint, closure="resolved", closed_on=dt.date(2026, 6, 1)
        )
    complaint.refresh_from_db()
    assert complaint.status == "accepted"
    assert not AuditEvent.objects.filter(verb="petition.closed_historical").exists()


def test_template_offers_the_statuses_results_and_the_body_column(
    client: Client, commune: Commune
) -> None:
    response = client.get(reverse("reports:import_template"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet, help_sheet = book.worksheets
    header = [c.value for c in sheet[1]]
    assert header[-1] == "Chuyển/hướng dẫn đến (tên cơ quan)"
    lists = {
        sheet.cell(row=1, column=next(iter(v.sqref.ranges)).min_col).value: v
        for v in sheet.data_validations.dataValidation
    }
    status = lists[importing.TITLE["status"]]
    assert "lưu đơn" in status.formula1
    assert "đã chuyển" in status.formula1
    assert status.showErrorMessage  # a status outside the list is refused
    result = lists[importing.TITLE["result"]]
    assert "không thụ lý" in result.formula1
    assert not result.showErrorMessage  # a result may go on with its details
    closed_on = lists[importing.TITLE["closed_on"]]
    assert closed_on.promptTitle == "Ngày kết thúc"
    assert "dd/mm/yyyy" in closed_on.prompt
    text = "\n".join(str(c.value) for c in help_sheet["A"] if c.value)
    assert "đã chuyển / chuyển đơn / chuyển → đã chuyển đơn" in text
    assert "đã giải quyết / giải quyết xong / đã trả lời / trả lời" in text
    assert "theo sổ theo dõi đơn cũ, không tính hạn, không gửi tin cho công dân" in text
    # Transferred is not an ending a complaint can have (it is guided): the sheet says so.
    transferred = next(line for line in text.splitlines() if line.startswith("đã chuyển /"))
    assert "khiếu nại" not in transferred
    assert "tố cáo" in transferred


def test_a_file_from_the_earlier_template_is_still_read(client: Client) -> None:
    old_header = tuple(
        {
            "status": "Trạng thái (đang xử lý/đã trả lời/đã kết thúc)",
            "closed_on": "Ngày kết thúc",
            "result": "Kết quả",
        }.get(key, title)
        for key, title in importing.COLUMNS[:-1]
    )
    data = workbook([row(summary="Đơn theo mẫu cũ")[:-1]], header=old_header)
    assert upload(client, data).status_code == 302
    assert ImportJob.objects.latest("pk").good == 1
