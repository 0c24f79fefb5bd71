"""The programme pages as officials use them: the import with its preview and confirmation, bad
input answered with a message (never a server error), and what each page shows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.core.models import Commune, Unit
from danvan.programmes import services
from danvan.programmes.models import Programme, ProgressReport, StudySession, Task

from .conftest import FOUNDING, SAMPLES

D = dt.date


def preview_data(response: Any) -> dict[str, Any]:
    """The preview form as the browser would send it back, unchanged."""
    form = response.context["form"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


@pytest.fixture
def coordinator(client_of: Callable[[str], Client]) -> Client:
    return client_of("coordinator")


# --- Import --------------------------------------------------------------------------------------
def test_import_preview_then_confirm_with_corrections(
    coordinator: Client, units: dict[str, Unit], commune: Commune
) -> None:
    assert coordinator.get("/programmes/import/").status_code == 200
    response = coordinator.post("/programmes/import/", {"text": FOUNDING})
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r'data-testid="preview-task" data-number="([^"]+)"', page) == [
        f"II.{n}" for n in range(1, 9)
    ]
    assert "Chỉ thị số 33/CT-TTg" in page
    assert "Các cơ quan, đơn vị, Phòng, Trung tâm trên địa bàn xã" in page
    assert not Programme.objects.exists()  # nothing saved before the confirmation
    data = preview_data(response)
    index = {
        task.number: i for i, (_d, task) in enumerate(response.context["proposal"].flat_tasks())
    }
    data.pop(f"task_{index['II.2']}_include")
    data[f"task_{index['II.3']}_lead"] = units["Trung tâm Phục vụ hành chính công"].pk
    response = coordinator.post("/programmes/import/confirm/", data)
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programmes/{programme.pk}/"
    assert list(programme.tasks.order_by("position").values_list("number", flat=True)) == [
        "II.1",
        "II.3",
        "II.4",
        "II.5",
        "II.6",
        "II.7",
        "II.8",
    ]
    assert (
        programme.tasks.get(number="II.3").lead_unit == units["Trung tâm Phục vụ hành chính công"]
    )
    assert programme.legal_basis.filter(number_symbol="33/CT-TTg").exists()
    detail = coordinator.get(response["Location"]).content.decode()
    assert "Triển khai, thực hiện công tác Dân vận năm 2026" in detail


def test_an_unsure_unit_match_must_be_confirmed(
    coordinator: Client, units: dict[str, Unit]
) -> None:
    text = FOUNDING.replace("2. Phòng Văn hoá - Xã hội\n", "2. Văn phòng UBND xã\n")
    response = coordinator.post("/programmes/import/", {"text": text})
    data = preview_data(response)
    confirm = [name for name in response.context["form"].fields if name.endswith("_confirm")]
    assert confirm == ["resp_1_confirm"]
    assert data["resp_1_unit"] == str(units["Văn phòng HĐND và UBND"].pk)  # the suggestion
    response = coordinator.post("/programmes/import/confirm/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["resp_1_confirm"]
    assert not Programme.objects.exists()
    data["resp_1_confirm"] = "on"
    data["resp_1_unit"] = str(units["Phòng Văn hoá - Xã hội"].pk)  # corrected by the official
    assert coordinator.post("/programmes/import/confirm/", data).status_code == 302
    responsibility = Programme.objects.get().responsibilities.get(number="III.2")
    assert list(responsibility.units.all()) == [units["Phòng Văn hoá - Xã hội"]]


def test_import_from_an_uploaded_file(coordinator: Client, units: dict[str, Unit]) -> None:
    upload = SimpleUploadedFile("ctr.txt", FOUNDING.encode(), content_type="text/plain")
    response = coordinator.post("/programmes/import/", {"file": upload})
    assert response.status_code == 200
    assert len(response.context["proposal"].tasks) == 8


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ({"text": ""}, None),
        ({"text": "   "}, None),
        ({"text": "Chào anh, hẹn gặp lại."}, None),
        (
            {"text": (SAMPLES / "bao-cao-dan-van-quy-i-2026.txt").read_text(encoding="utf-8")},
            "BÁO CÁO",
        ),
        (
            {"text": (SAMPLES / "quyet-dinh-to-cong-tac-dan-van.txt").read_text(encoding="utf-8")},
            "QUYẾT ĐỊNH",
        ),
        ({"file": SimpleUploadedFile("x.docx", b"not a zip at all")}, None),
        ({"file": SimpleUploadedFile("x.exe", b"MZ\x90\x00")}, None),
        ({"file": SimpleUploadedFile("empty.txt", b"")}, None),
    ],
)
def test_what_is_not_a_programme_gets_a_message(
    coordinator: Client, units: dict[str, Unit], data: dict[str, Any], shown: str | None
) -> None:
    response = coordinator.post("/programmes/import/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    if shown:
        assert shown in " ".join(str(e) for errors in form.errors.values() for e in errors)
    assert not Programme.objects.exists()


def test_confirm_with_a_tampered_form_is_answered_cleanly(
    coordinator: Client, units: dict[str, Unit], other_commune: Commune
) -> None:
    response = coordinator.post("/programmes/import/confirm/", {"text": "không phải văn bản"})
    assert response.status_code == 302
    assert response["Location"] == "/programmes/import/"
    preview = coordinator.post("/programmes/import/", {"text": FOUNDING})
    data = preview_data(preview)
    theirs = Unit.objects.create(commune=other_commune, name="Phòng lạ", kind="office")
    data["task_0_lead"] = theirs.pk
    data["resp_0_unit"] = "999999"
    data["year"] = "năm nay"
    response = coordinator.post("/programmes/import/confirm/", data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"task_0_lead", "resp_0_unit", "year"}
    assert not Programme.objects.exists()


# --- Tasks and reports ---------------------------------------------------------------------------
def test_task_with_end_before_start_gets_a_message(
    coordinator: Client, programme: Programme
) -> None:
    response = coordinator.post(
        f"/programmes/{programme.pk}/tasks/new/",
        {
            "title": "Hội nghị đối thoại",
            "recurrence": "once",
            "starts_on": "01/05/2026",
            "due_on": "30/04/2026",
            "indicator_kind": "none",
        },
    )
    assert response.status_code == 200
    assert "30/04/2026" in " ".join(response.context["form"].errors["due_on"])
    assert not Task.objects.filter(title="Hội nghị đối thoại").exists()


def test_task_is_created_and_edited(
    coordinator: Client, programme: Programme, units: dict[str, Unit]
) -> None:
    response = coordinator.post(
        f"/programmes/{programme.pk}/tasks/new/",
        {
            "title": "Hội nghị đối thoại với Nhân dân",
            "recurrence": "annually",
            "starts_on": "2026-03-01",
            "due_on": "30/11/2026",
            "lead_unit": units["Phòng Văn hoá - Xã hội"].pk,
            "cooperating_units": [units["Văn phòng HĐND và UBND"].pk],
            "villages": [units["Thôn Quang Thượng"].pk, units["Thôn An Lạc"].pk],
            "indicator_kind": "number",
            "target_value": "2",
            "target_unit": "hội nghị",
            "expected_output": "Biên bản hội nghị",
        },
    )
    task = Task.objects.get(title="Hội nghị đối thoại với Nhân dân")
    assert response.status_code == 302
    assert task.number == "9"
    assert task.villages.count() == 2
    response = coordinator.post(
        f"/programmes/tasks/{task.pk}/edit/",
        {
            "number": "9",
            "title": task.title,
            "recurrence": "annually",
            "starts_on": "01/03/2026",
            "due_on": "15/12/2026",
            "lead_unit": units["Phòng Văn hoá - Xã hội"].pk,
            "indicator_kind": "checklist",
            "checklist": "Kế hoạch\nGiấy mời\nBiên bản",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_on == D(2026, 12, 15)
    assert task.checklist.count() == 3
    assert task.villages.count() == 0


@pytest.fixture
def counted(programme: Programme, units: dict[str, Unit]) -> Task:
    return services.task_create(
        actor=None,
        programme=programme,
        title="Tin bài tuyên truyền",
        starts_on=D(2026, 1, 15),
        due_on=D(2026, 12, 31),
        lead_unit=units["Phòng Kinh tế"],
        indicator_kind="number",
        target_value="24",
        target_unit="tin bài",
    )


@pytest.mark.parametrize(
    ("value", "field"),
    [("ba", "value"), ("-2", "value"), ("", "value"), ("1e400", "value"), ("12.345", "value")],
)
def test_report_with_a_value_of_the_wrong_type_gets_a_message(
    client_of: Callable[[str], Client],
    counted: Task,
    units: dict[str, Unit],
    value: str,
    field: str,
) -> None:
    response = client_of("officer").post(
        f"/programmes/tasks/{counted.pk}/report/",
        {"unit": units["Phòng Kinh tế"].pk, "period": "2026-07-14", "text": "x", "value": value},
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ProgressReport.objects.exists()


def test_report_percentages_and_periods_are_checked(
    client_of: Callable[[str], Client], programme: Programme, units: dict[str, Unit]
) -> None:
    task = programme.tasks.get(number="II.3")
    officer = client_of("officer")
    for data in (
        {"progress": "120", "period": "2026-07-14"},
        {"progress": "năm mươi", "period": "2026-07-14"},
        {"progress": "50", "period": "2026-09-14"},  # not begun: not offered
        {"progress": "50", "period": "hôm nay"},
    ):
        response = officer.post(
            f"/programmes/tasks/{task.pk}/report/",
            {"unit": units["Phòng Kinh tế"].pk, "text": "x", **data},
        )
        assert response.status_code == 200
    assert not ProgressReport.objects.exists()


def test_a_unit_officer_reports_with_evidence_and_everyone_sees_it(
    client_of: Callable[[str], Client], counted: Task, units: dict[str, Unit]
) -> None:
    officer = client_of("officer")
    form = officer.get(f"/programmes/tasks/{counted.pk}/report/")
    assert form.context["form"]["period"].initial == "2026-08-14"  # the period running now
    response = officer.post(
        f"/programmes/tasks/{counted.pk}/report/",
        {
            "unit": units["Phòng Kinh tế"].pk,
            "period": "2026-07-14",
            "text": "Đăng 6 tin bài trên trang thông tin điện tử xã.",
            "value": "6",
            "evidence": [
                SimpleUploadedFile("tin-bai.pdf", b"%PDF-1.4 tin", content_type="application/pdf"),
                SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
            ],
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.value == 6
    assert report.evidence.count() == 2
    counted.refresh_from_db()
    assert counted.progress == 25
    page = client_of("leader").get(f"/programmes/tasks/{counted.pk}/").content.decode()
    assert "Đăng 6 tin bài" in page
    assert "tin-bai.pdf" in page
    pdf = report.evidence.get(original_name="tin-bai.pdf")
    download = client_of("front").get(f"/programmes/evidence/{pdf.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 tin"


# --- Pages ---------------------------------------------------------------------------------------
def test_overview_shows_the_tree_statuses_and_chart_data(
    coordinator: Client, programme: Programme
) -> None:
    page = coordinator.get(f"/programmes/{programme.pk}/").content.decode()
    assert re.findall(r'data-testid="task-row" data-number="([^"]+)"', page) == [
        f"II.{n}" for n in range(1, 9)
    ]
    assert 'id="programme-chart-data" type="application/json"' in page
    assert "/static/vendor/chartjs/chart.umd.min.js" in page
    assert "/static/js/programmes.js" in page
    assert 'style="' not in page
    assert re.search(r"<script>(?!\s*$)", page) is None  # no inline script
    # Nothing reported by 20/07 and the June reports are overdue: every content is at risk.
    assert 'data-count="at_risk">8<' in page


def test_timeline_board_reporting_study_evaluation_and_unit_pages(
    coordinator: Client, programme: Programme, units: dict[str, Unit]
) -> None:
    timeline = coordinator.get(f"/programmes/{programme.pk}/timeline/").content.decode()
    assert timeline.count('data-testid="timeline-row"') == 8
    xs = re.findall(r'<rect class="dv-bar [^"]*" x="([^"]+)"', timeline)
    assert xs
    assert all(re.fullmatch(r"\d+(\.\d+)?", x) for x in xs)
    board = coordinator.get(f"/programmes/{programme.pk}/board/").content.decode()
    assert board.count('data-testid="board-card"') == 8
    reporting = coordinator.get(f"/programmes/{programme.pk}/reporting/?period=2026-06-14")
    units_missing = {u.unit.name: len(u.missing) for u in reporting.context["units"]}
    assert units_missing == {
        "Phòng Kinh tế": 8,
        "Phòng Văn hoá - Xã hội": 8,
        "Trung tâm Phục vụ hành chính công": 8,
        "Văn phòng HĐND và UBND": 8,
    }
    assert coordinator.get(f"/programmes/{programme.pk}/reporting/?period=xyz").status_code == 200
    study = coordinator.get(f"/programmes/{programme.pk}/study/").content.decode()
    assert study.count('data-testid="study-line"') == programme.legal_basis.count()
    evaluation = coordinator.get(f"/programmes/{programme.pk}/evaluation/")
    assert {line.unit.name for line in evaluation.context["lines"]} == set(units_missing)
    unit_page = coordinator.get(f"/programmes/units/{units['Phòng Kinh tế'].pk}/")
    assert len(unit_page.context["page"].tasks) == 8
    assert len(unit_page.context["page"].overdue) == 8


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("study/", {"legal_document": "x", "unit": "y", "held_on": "32/13/2026", "attendees": "a"}),
        ("reviews/", {"kind": "weekly", "year": "năm"}),
        ("evaluation/", {"action": "adjust", "points": "abc", "reason": ""}),
        ("evaluation/", {"action": "criterion", "name": "", "metric": "?", "points": "0"}),
        ("evaluation/", {"action": "?"}),
        ("edit/", {"title": "", "year": "20260"}),
    ],
)
def test_bad_posts_get_messages_not_server_errors(
    coordinator: Client, programme: Programme, path: str, data: dict[str, str]
) -> None:
    before = StudySession.objects.count()
    response = coordinator.post(f"/programmes/{programme.pk}/{path}", data)
    assert response.status_code == 200
    assert StudySession.objects.count() == before


def test_unknown_ids_are_404(coordinator: Client) -> None:
    for url in (
        "/programmes/999/",
        "/programmes/tasks/999/",
        "/programmes/units/999/",
        "/programmes/evidence/999/",
    ):
        assert coordinator.get(url).status_code == 404


def test_a_unit_head_writes_the_units_plan_implementing_the_programme(
    client_of: Callable[[str], Client], programme: Programme, units: dict[str, Unit]
) -> None:
    head = client_of("unit_head")
    form = head.get(f"/programmes/new/?implements={programme.pk}")
    assert form.context["form"]["unit"].initial == units["Phòng Kinh tế"].pk
    response = head.post(
        f"/programmes/new/?implements={programme.pk}",
        {
            "kind": "KH",
            "title": "Kế hoạch thực hiện công tác Dân vận năm 2026 của Phòng Kinh tế",
            "year": "2026",
            "unit": units["Phòng Kinh tế"].pk,
            "implements": programme.pk,
            "copy_contents": "on",
            "report_frequency": "quarterly",
            "report_lag_days": "3",
        },
    )
    plan = Programme.objects.get(unit=units["Phòng Kinh tế"])
    assert response.status_code == 302
    assert plan.implements == programme
    assert plan.tasks.count() == 8
    # Visible both ways.
    assert plan.title in head.get(f"/programmes/{programme.pk}/").content.decode()
    assert programme.title in head.get(f"/programmes/{plan.pk}/").content.decode()
