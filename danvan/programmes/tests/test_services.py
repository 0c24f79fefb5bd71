"""Services: tasks and their rules, progress reports and indicators, directive study, unit plans,
the evaluation with its explained adjustments. Each asserts what the database holds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.models import User
from danvan.core.models import AuditEvent, Commune, Unit
from danvan.programmes import selectors, services
from danvan.programmes.models import Evidence, Programme, ProgressReport, Task
from danvan.programmes.states import IndicatorKind, TaskStatus

D = dt.date
PDF = b"%PDF-1.4\n% evidence\n"


@pytest.fixture
def kt(units: dict[str, Unit]) -> Unit:
    return units["Phòng Kinh tế"]


def new_task(programme: Programme, **kw: object) -> Task:
    values: dict[str, object] = {
        "title": "Tổ chức hội nghị quán triệt",
        "starts_on": D(2026, 3, 2),
        "due_on": D(2026, 9, 30),
    }
    values.update(kw)
    return services.task_create(actor=None, programme=programme, **values)


# --- Tasks ---------------------------------------------------------------------------------------
def test_task_with_end_before_start_is_refused(programme: Programme) -> None:
    with pytest.raises(ValidationError) as caught:
        new_task(programme, starts_on=D(2026, 5, 1), due_on=D(2026, 4, 30))
    assert "due_on" in caught.value.message_dict
    assert "30/04/2026" in caught.value.message_dict["due_on"][0]
    assert not programme.tasks.filter(title="Tổ chức hội nghị quán triệt").exists()


def test_task_numbers_are_given_and_unique(programme: Programme) -> None:
    first = new_task(programme)
    assert first.number == "9"  # eight contents exist
    child = new_task(programme, parent=first, title="Chuẩn bị tài liệu")
    assert child.number == "9.1"
    with pytest.raises(ValidationError) as caught:
        new_task(programme, number="II.1")
    assert "number" in caught.value.message_dict


def test_indicators_need_a_target_or_items(programme: Programme) -> None:
    with pytest.raises(ValidationError) as caught:
        new_task(programme, indicator_kind=IndicatorKind.NUMBER, target_value="0")
    assert "target_value" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        new_task(programme, indicator_kind=IndicatorKind.NUMBER, target_value="mười")
    assert "target_value" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        new_task(programme, indicator_kind=IndicatorKind.CHECKLIST, checklist=["", "  "])
    assert "checklist" in caught.value.message_dict
    task = new_task(
        programme, indicator_kind=IndicatorKind.CHECKLIST, checklist=["- Kế hoạch", "Hội nghị"]
    )
    assert list(task.checklist.values_list("label", flat=True)) == ["Kế hoạch", "Hội nghị"]


def test_villages_must_be_villages_and_units_of_the_commune(
    programme: Programme, units: dict[str, Unit], other_commune: Commune
) -> None:
    with pytest.raises(ValidationError):
        new_task(programme, villages=[units["Phòng Kinh tế"]])
    theirs = Unit.objects.create(commune=other_commune, name="Thôn Tiên Hội", kind="village")
    with pytest.raises(ValidationError):
        new_task(programme, villages=[theirs])
    task = new_task(programme, villages=[units["Thôn Quang Thượng"]])
    assert list(task.villages.all()) == [units["Thôn Quang Thượng"]]


def test_cancel_needs_a_reason_and_is_audited(programme: Programme) -> None:
    task = programme.tasks.get(number="II.2")
    with pytest.raises(ValidationError):
        services.task_cancel(actor=None, task=task, reason="  ")
    services.task_cancel(actor=None, task=task, reason="Gộp vào nội dung II.1")
    task.refresh_from_db()
    assert task.is_cancelled
    assert AuditEvent.objects.filter(
        verb="programme.task_cancelled", reason="Gộp vào nội dung II.1"
    )
    rows = {r.task.number: r for r in selectors.task_rows(programme)}
    assert rows["II.2"].status == TaskStatus.CANCELLED


def test_task_update_keeps_reported_checklist_items(programme: Programme, kt: Unit) -> None:
    task = new_task(
        programme,
        lead_unit=kt,
        indicator_kind=IndicatorKind.CHECKLIST,
        checklist=["Kế hoạch", "Hội nghị", "Báo cáo"],
    )
    plan = task.checklist.get(label="Kế hoạch")
    services.report_submit(
        actor=None,
        task=task,
        unit=kt,
        period_end=D(2026, 4, 14),
        text="Đã ban hành kế hoạch",
        checklist_done=[plan],
    )
    services.task_update(actor=None, task=task, checklist=["Kế hoạch", "Báo cáo"])
    task.refresh_from_db()
    assert list(task.checklist.values_list("label", flat=True)) == ["Kế hoạch", "Báo cáo"]
    assert task.progress == 50  # one of the two items left is done


# --- Progress reports ----------------------------------------------------------------------------
def test_a_unit_officer_reports_with_evidence(programme: Programme, kt: Unit, people) -> None:
    task = programme.tasks.get(number="II.3")
    report = services.report_submit(
        actor=people["officer"],
        task=task,
        unit=kt,
        period_end=D(2026, 7, 14),
        text="Hướng dẫn 120 hộ dân nộp hồ sơ trực tuyến.",
        progress="45",
        files=[SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")],
    )
    task.refresh_from_db()
    assert task.progress == 45
    assert task.last_report_on == D(2026, 7, 20)
    assert (report.period_start, report.period_end) == (D(2026, 6, 15), D(2026, 7, 14))
    evidence = Evidence.objects.get(report=report)
    assert evidence.original_name == "bien-ban.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.file.read() == PDF
    event = AuditEvent.objects.get(verb="programme.report_submitted")
    assert event.actor == people["officer"]
    assert event.after["files"] == 1
    assert event.after["on_time"] is False  # due 14/07, sent 20/07


def test_lead_units_percentage_is_the_tasks_progress(
    programme: Programme, kt: Unit, units: dict[str, Unit]
) -> None:
    task = programme.tasks.get(number="II.3")
    vhxh = units["Phòng Văn hoá - Xã hội"]
    services.report_submit(
        actor=None, task=task, unit=kt, period_end=D(2026, 7, 14), text="a", progress=80
    )
    assert Task.objects.get(pk=task.pk).progress == 80  # the lead has not reported yet
    services.report_submit(
        actor=None, task=task, unit=vhxh, period_end=D(2026, 7, 14), text="b", progress=40
    )
    services.report_submit(
        actor=None, task=task, unit=kt, period_end=D(2026, 7, 14), text="c", progress=90
    )
    assert Task.objects.get(pk=task.pk).progress == 40  # the lead's figure


def test_number_indicator_adds_up(programme: Programme, kt: Unit) -> None:
    task = new_task(
        programme,
        lead_unit=kt,
        indicator_kind=IndicatorKind.NUMBER,
        target_value="8",
        target_unit="buổi",
    )
    for period_end, value in ((D(2026, 4, 14), "2"), (D(2026, 5, 14), "3,5")):
        services.report_submit(
            actor=None,
            task=task,
            unit=kt,
            period_end=period_end,
            text="Tổ chức",
            value=value,
            on=period_end,
        )
    task.refresh_from_db()
    assert task.achieved_value == Decimal("5.5")
    assert task.progress == 68


@pytest.mark.parametrize(
    ("kind", "kwargs", "field"),
    [
        (IndicatorKind.NUMBER, {"value": "ba buổi"}, "value"),
        (IndicatorKind.NUMBER, {"value": "-1"}, "value"),
        (IndicatorKind.NUMBER, {}, "value"),
        (IndicatorKind.NUMBER, {"value": "2", "progress": "50"}, "progress"),
        (IndicatorKind.NONE, {"progress": "năm mươi"}, "progress"),
        (IndicatorKind.NONE, {"progress": "120"}, "progress"),
        (IndicatorKind.NONE, {}, "progress"),
        (IndicatorKind.NONE, {"progress": "50", "value": "3"}, "value"),
        (IndicatorKind.CHECKLIST, {"value": "1"}, "value"),
        (IndicatorKind.CHECKLIST, {"progress": "10"}, "value"),
    ],
)
def test_indicator_values_of_the_wrong_type_are_refused(
    programme: Programme, kt: Unit, kind: str, kwargs: dict[str, str], field: str
) -> None:
    extra: dict[str, object] = {}
    if kind == IndicatorKind.NUMBER:
        extra = {"target_value": "10"}
    if kind == IndicatorKind.CHECKLIST:
        extra = {"checklist": ["Kế hoạch"]}
    task = new_task(programme, lead_unit=kt, indicator_kind=kind, **extra)
    with pytest.raises(ValidationError) as caught:
        services.report_submit(
            actor=None, task=task, unit=kt, period_end=D(2026, 7, 14), text="x", **kwargs
        )
    assert field in caught.value.message_dict
    assert not ProgressReport.objects.filter(task=task).exists()


def test_checklist_item_of_another_task_is_refused(programme: Programme, kt: Unit) -> None:
    one = new_task(programme, lead_unit=kt, indicator_kind="checklist", checklist=["A"])
    two = new_task(programme, lead_unit=kt, indicator_kind="checklist", checklist=["B"])
    with pytest.raises(ValidationError) as caught:
        services.report_submit(
            actor=None,
            task=one,
            unit=kt,
            period_end=D(2026, 7, 14),
            text="x",
            checklist_done=list(two.checklist.all()),
        )
    assert "checklist_done" in caught.value.message_dict


def test_reports_are_checked_against_the_task(
    programme: Programme, kt: Unit, units: dict[str, Unit]
) -> None:
    task = programme.tasks.get(number="II.3")
    report = {"actor": None, "task": task, "text": "x", "progress": 10}
    with pytest.raises(ValidationError) as caught:  # the MTTQ is not in charge of II.3
        services.report_submit(
            unit=units["Ủy ban Mặt trận Tổ quốc Việt Nam xã"], period_end=D(2026, 7, 14), **report
        )
    assert "unit" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # not a cut-off day of the calendar
        services.report_submit(unit=kt, period_end=D(2026, 7, 15), **report)
    assert "period" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # a period that has not begun
        services.report_submit(unit=kt, period_end=D(2026, 9, 14), **report)
    assert "period" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.report_submit(unit=kt, period_end=D(2026, 7, 14), on=D(2026, 8, 1), **report)
    with pytest.raises(ValidationError) as caught:
        services.report_submit(
            unit=kt,
            period_end=D(2026, 7, 14),
            files=[SimpleUploadedFile("x.exe", b"MZ...")],
            **report,
        )
    assert "evidence" in caught.value.message_dict
    assert not ProgressReport.objects.exists()


def test_a_parent_task_is_reported_on_through_its_sub_tasks(programme: Programme, kt) -> None:
    parent = programme.tasks.get(number="II.1")
    child = new_task(programme, parent=parent, lead_unit=kt, starts_on=D(2026, 2, 1))
    with pytest.raises(ValidationError):
        services.report_submit(
            actor=None, task=parent, unit=kt, period_end=D(2026, 7, 14), text="x", progress=5
        )
    services.report_submit(
        actor=None, task=child, unit=kt, period_end=D(2026, 7, 14), text="x", progress=60
    )
    rows = {r.task.number: r for r in selectors.task_rows(programme)}
    assert rows["II.1"].progress == 60
    assert not rows["II.1"].is_leaf


# --- Directive study -----------------------------------------------------------------------------
def test_study_sessions_and_who_has_not_studied(programme: Programme, kt: Unit, people) -> None:
    directive = programme.legal_basis.get(number_symbol="33/CT-TTg")
    services.study_record(
        actor=people["unit_head"],
        programme=programme,
        legal_document=directive,
        unit=kt,
        held_on=D(2026, 3, 5),
        attendees="25",
    )
    rows = selectors.task_rows(programme)
    units = selectors.expected_units(programme, rows)
    line = next(
        line for line in selectors.study_matrix(programme, units) if line.document == directive
    )
    assert [s.unit for s in line.sessions] == [kt]
    assert line.attendees == 25
    assert kt not in line.missing
    assert {u.name for u in line.missing} == {
        "Văn phòng HĐND và UBND",
        "Phòng Văn hoá - Xã hội",
        "Trung tâm Phục vụ hành chính công",
    }


@pytest.mark.parametrize(
    ("held_on", "attendees", "field"),
    [
        (D(2026, 8, 1), "10", "held_on"),
        (D(2026, 3, 5), "0", "attendees"),
        (D(2026, 3, 5), "mười", "attendees"),
    ],
)
def test_study_session_bad_input(
    programme: Programme, kt: Unit, held_on: dt.date, attendees: str, field: str
) -> None:
    directive = programme.legal_basis.get(number_symbol="33/CT-TTg")
    with pytest.raises(ValidationError) as caught:
        services.study_record(
            actor=None,
            programme=programme,
            legal_document=directive,
            unit=kt,
            held_on=held_on,
            attendees=attendees,
        )
    assert field in caught.value.message_dict


def test_study_of_a_document_outside_the_legal_basis_is_refused(
    programme: Programme, kt: Unit, commune: Commune
) -> None:
    from danvan.documents.services import legal_document_register

    other, _ = legal_document_register(
        actor=None, commune=commune, doc_type="Luật", name="Luật Đất đai"
    )
    with pytest.raises(ValidationError):
        services.study_record(
            actor=None,
            programme=programme,
            legal_document=other,
            unit=kt,
            held_on=D(2026, 3, 5),
            attendees=5,
        )


# --- Unit plans ----------------------------------------------------------------------------------
def test_a_unit_plan_implements_the_programme_and_is_linked_both_ways(
    programme: Programme, kt: Unit, people: dict[str, User], commune: Commune
) -> None:
    plan = services.programme_create(
        actor=people["unit_head"],
        commune=commune,
        kind="KH",
        title="Kế hoạch thực hiện công tác Dân vận năm 2026 của Phòng Kinh tế",
        year=2026,
        unit=kt,
        implements=programme,
        copy_contents=True,
    )
    assert plan.implements == programme
    assert list(selectors.related_programmes(programme)) == [plan]
    copied = list(plan.tasks.order_by("position"))
    assert [t.number for t in copied] == [f"II.{n}" for n in range(1, 9)]
    assert all(t.lead_unit == kt and t.contributes_to.programme == programme for t in copied)
    assert programme.tasks.get(number="II.3").contributions.get().programme == plan


def test_a_plan_cannot_implement_a_programme_of_another_commune(
    programme: Programme, other_commune: Commune
) -> None:
    with pytest.raises(ValidationError):
        services.programme_create(
            actor=None,
            commune=other_commune,
            title="KH",
            year=2026,
            kind="KH",
            implements=programme,
        )


# --- Evaluation ----------------------------------------------------------------------------------
def test_evaluation_scores_and_explained_adjustments(
    programme: Programme, kt: Unit, people: dict[str, User]
) -> None:
    today = D(2026, 7, 20)
    rows = selectors.task_rows(programme, today=today)
    criteria, lines = selectors.evaluation(programme, rows, today)
    before = next(line for line in lines if line.unit == kt)
    assert before.score.maximum == 100
    # Nothing reported, nothing studied: only "not applicable" criteria score.
    tasks_criterion = next(c for c in criteria if c.metric == "tasks")
    with pytest.raises(ValidationError) as caught:
        services.score_adjust(
            actor=people["coordinator"],
            programme=programme,
            unit=kt,
            criterion=tasks_criterion,
            points="5",
            reason="ngắn",
        )
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.score_adjust(
            actor=people["coordinator"],
            programme=programme,
            unit=kt,
            criterion=tasks_criterion,
            points="500",
            reason="Vượt quá điểm tối đa của tiêu chí",
        )
    services.score_adjust(
        actor=people["coordinator"],
        programme=programme,
        unit=kt,
        criterion=tasks_criterion,
        points="7.5",
        reason="Chủ động phối hợp tổ chức đối thoại tại thôn Quang Thượng",
    )
    _criteria, lines = selectors.evaluation(programme, rows, today)
    after = next(line for line in lines if line.unit == kt)
    assert after.score.total == before.score.total + Decimal("7.5")
    assert after.adjustments[0].reason.startswith("Chủ động phối hợp")
    assert AuditEvent.objects.filter(verb="programme.score_adjusted", actor=people["coordinator"])


def test_criteria_are_validated(programme: Programme) -> None:
    with pytest.raises(ValidationError):
        services.criterion_save(actor=None, programme=programme, name="X", metric="x", points=5)
    with pytest.raises(ValidationError):
        services.criterion_save(
            actor=None, programme=programme, name="X", metric="manual", points="0"
        )
    criterion = services.criterion_save(
        actor=None, programme=programme, name="Sáng kiến", metric="manual", points="10"
    )
    assert programme.criteria.count() == 5
    assert criterion.position == 4
