"""Calendar overrides recompute stored deadlines through the job; every change is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.core import services
from danvan.core.audit import mask_personal, record
from danvan.core.models import AuditEvent, CalendarOverride, Commune, Deadline, DeadlineRule

D = dt.date


@pytest.fixture
def wd_deadline(commune: Commune) -> Deadline:
    return services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="test.case",
        subject_id="1",
        label="Xử lý đơn số 1",
        started_on=D(2026, 3, 2),
        length=10,
        unit="WD",
    )


def test_deadline_start_stores_due_date_rule_and_explanation(commune: Commune) -> None:
    rule = DeadlineRule.objects.get(code="KN-3")
    deadline = services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="test.case",
        subject_id="7",
        label="Giải quyết khiếu nại",
        started_on=D(2026, 8, 3),
        rule=rule,
    )
    deadline.refresh_from_db()
    assert deadline.due_on == D(2026, 9, 3)
    assert deadline.rule == rule
    assert deadline.explanation["rolled_from"] == "2026-09-02"
    assert AuditEvent.objects.filter(verb="deadline.started", object_id=str(deadline.pk)).exists()


def test_adding_a_day_off_recomputes_open_deadlines_via_the_job(
    commune: Commune, wd_deadline: Deadline, django_capture_on_commit_callbacks
) -> None:
    assert wd_deadline.due_on == D(2026, 3, 16)
    closed = services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="test.case",
        subject_id="2",
        label="Đã xong",
        started_on=D(2026, 3, 2),
        length=10,
        unit="WD",
    )
    services.deadline_close(actor=None, deadline=closed)
    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_override_create(
            actor=None,
            date=D(2026, 3, 10),
            kind="off",
            name="Nghỉ đột xuất",
            legal_document="Quyết định 1/QĐ-UBND",
        )
    wd_deadline.refresh_from_db()
    closed.refresh_from_db()
    assert wd_deadline.due_on == D(2026, 3, 17)
    assert closed.due_on == D(2026, 3, 16)  # closed clocks are history: untouched
    event = AuditEvent.objects.get(verb="deadline.recomputed", object_id=str(wd_deadline.pk))
    assert event.before == {"due_on": "2026-03-16"}
    assert event.after == {"due_on": "2026-03-17"}
    assert AuditEvent.objects.filter(verb="calendar.override_added").exists()


def test_removing_the_day_off_moves_the_deadline_back(
    wd_deadline: Deadline, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        override = services.calendar_override_create(
            actor=None, date=D(2026, 3, 10), kind="off", name="Nghỉ đột xuất"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_override_delete(actor=None, override=override, reason="nhập nhầm")
    wd_deadline.refresh_from_db()
    assert wd_deadline.due_on == D(2026, 3, 16)
    assert AuditEvent.objects.filter(verb="calendar.override_removed", reason="nhập nhầm").exists()


def test_adopting_the_proposed_swap_moves_deadlines_across_it(
    commune: Commune, django_capture_on_commit_callbacks
) -> None:
    deadline = services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="test.case",
        subject_id="3",
        label="Qua 23/11",
        started_on=D(2026, 11, 19),
        length=3,
        unit="WD",
    )
    assert deadline.due_on == D(2026, 11, 25)  # 20, 23, (24 holiday), 25
    proposal = CalendarOverride.objects.get(date=D(2026, 11, 23))
    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_override_set_active(actor=None, override=proposal, is_active=True)
    deadline.refresh_from_db()
    assert deadline.due_on == D(2026, 11, 26)


def test_province_override_applies_only_to_that_province(
    commune: Commune, foreign_commune: Commune, django_capture_on_commit_callbacks
) -> None:
    ours = services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="t",
        subject_id="1",
        label="a",
        started_on=D(2026, 3, 2),
        length=10,
        unit="WD",
    )
    theirs = services.deadline_start(
        actor=None,
        commune=foreign_commune,
        subject_type="t",
        subject_id="2",
        label="b",
        started_on=D(2026, 3, 2),
        length=10,
        unit="WD",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_override_create(
            actor=None, date=D(2026, 3, 10), kind="off", name="Nghỉ bão", province=commune.province
        )
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.due_on == D(2026, 3, 17)
    assert theirs.due_on == D(2026, 3, 16)


def test_recompute_is_idempotent(wd_deadline: Deadline) -> None:
    assert services.deadlines_recompute_for_day(day=D(2026, 3, 10), province_id=None) == 0


@pytest.mark.parametrize(
    ("day", "kind", "message"),
    [
        (D(2026, 3, 10), "work", "đã là ngày làm việc"),
        (D(2026, 2, 17), "off", "đã là ngày nghỉ"),
        (D(2026, 3, 10), "maybe", "Chọn ngày đó"),
    ],
)
def test_malformed_override_is_refused_with_a_message(
    db: None, day: dt.date, kind: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.calendar_override_create(actor=None, date=day, kind=kind, name="x")


def test_audit_events_are_append_only(commune: Commune) -> None:
    event = record(verb="test.done", commune=commune)
    event.reason = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_personal_data_is_masked_in_audit(commune: Commune) -> None:
    event = record(
        verb="test.person",
        commune=commune,
        after={
            "full_name": "Nguyễn Văn An",
            "phone": "0912345678",
            "email": "an@example.vn",
            "kind": "x",
        },
    )
    event.refresh_from_db()
    assert event.after["full_name"] == "N***** V** A*"
    assert event.after["phone"] == "09******78"
    assert event.after["email"] == "a***@example.vn"
    assert event.after["kind"] == "x"
    assert "Nguyễn" not in str(event.after)
    assert mask_personal({"nested": {"id_number": "001099012345"}}) == {
        "nested": {"id_number": "00********45"}
    }


def test_extension_is_added_to_the_due_date_and_must_precede_it(commune: Commune) -> None:
    rule = DeadlineRule.objects.get(code="TC-4")
    deadline = services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="t",
        subject_id="1",
        label="Giải quyết tố cáo",
        started_on=D(2026, 3, 2),
        rule=rule,
    )
    assert deadline.due_on == D(2026, 4, 1)
    services.deadline_extend(
        actor=None, deadline=deadline, days=30, decided_on=D(2026, 3, 30), decision="QĐ 5/QĐ-UBND"
    )
    assert deadline.due_on == D(2026, 5, 4)  # 01/04 + 30 = Friday 01/05, a holiday → Monday 04/05
    assert deadline.explanation["adjustments"][0]["decision"] == "QĐ 5/QĐ-UBND"
    with pytest.raises(ValidationError, match="trước khi hết hạn"):
        services.deadline_extend(
            actor=None, deadline=deadline, days=30, decided_on=D(2026, 6, 1), decision="QĐ 9"
        )


def test_suspension_moves_the_due_date_by_the_suspended_working_days(commune: Commune) -> None:
    deadline = services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="t",
        subject_id="1",
        label="Giải quyết",
        started_on=D(2026, 3, 2),
        length=30,
        unit="CAL",
    )
    assert deadline.due_on == D(2026, 4, 1)
    services.deadline_suspend(
        actor=None, deadline=deadline, on=D(2026, 3, 9), reason="Chờ kết quả giám định"
    )
    assert deadline.suspended_on == D(2026, 3, 9)
    services.deadline_resume(
        actor=None, deadline=deadline, on=D(2026, 3, 16)
    )  # Mon 9 … Fri 13: 5 working days
    deadline.refresh_from_db()
    assert deadline.suspended_on is None
    assert deadline.due_on == D(2026, 4, 8)  # 01/04 + 5 working days
    assert deadline.explanation["adjustments"][0]["working_days"] == 5
    with pytest.raises(ValidationError):
        services.deadline_resume(actor=None, deadline=deadline, on=D(2026, 3, 20))


def test_a_decision_replaces_the_proposal_for_the_same_day_in_one_transaction(db: None) -> None:
    assert CalendarOverride.objects.get(date=D(2026, 11, 23)).is_active is False
    services.calendar_override_create(
        actor=None,
        date=D(2026, 11, 23),
        kind="off",
        name="Nghỉ hoán đổi",
        legal_document="TB 1/TB-BNV",
    )
    decision = CalendarOverride.objects.get(date=D(2026, 11, 23))
    assert decision.is_active
    assert decision.legal_document == "TB 1/TB-BNV"
    assert AuditEvent.objects.filter(
        verb="calendar.override_removed", reason="replaced by a decision"
    ).exists()
