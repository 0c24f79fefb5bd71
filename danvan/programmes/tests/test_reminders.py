"""Reminders before each report is due, escalation when one is missing, once only."""

from __future__ import annotations

import datetime as dt

from django.core import mail

from danvan.accounts.models import User
from danvan.core.jobs import _daily_callbacks, run_daily_callbacks
from danvan.core.models import Notification, Unit
from danvan.programmes import services
from danvan.programmes.models import Programme
from danvan.programmes.reminders import send_report_reminders

D = dt.date


def keys(user: User, kind: str) -> list[str]:
    return sorted(
        Notification.objects.filter(user=user, key__endswith=f":{kind}").values_list(
            "key", flat=True
        )
    )


def test_units_are_reminded_three_days_before_the_due_date(
    programme: Programme, people: dict[str, User]
) -> None:
    # August's report (period 15/07–14/08) is due on Friday 14/08/2026.
    send_report_reminders(today=D(2026, 8, 10))
    assert keys(people["officer"], "soon") == []
    send_report_reminders(today=D(2026, 8, 11))
    officer_keys = keys(people["officer"], "soon")
    assert officer_keys == [
        f"programme:{programme.pk}:{people['officer'].memberships.get().unit_id}:2026-08-14:soon"
    ]
    assert keys(people["unit_head"], "soon") == officer_keys
    note = Notification.objects.get(user=people["officer"], key=officer_keys[0])
    assert "14/08/2026" in note.title
    assert "II.1." in note.body
    assert "II.8." in note.body
    # Units without a reporting role member, and other roles, are not reminded.
    assert keys(people["coordinator"], "soon") == []
    assert keys(people["leader"], "soon") == []
    assert keys(people["front"], "soon") == []


def test_reminders_are_sent_once(programme: Programme, people: dict[str, User]) -> None:
    first = send_report_reminders(today=D(2026, 8, 11))
    assert first > 0
    outbox = len(mail.outbox)
    assert send_report_reminders(today=D(2026, 8, 11)) == 0
    assert send_report_reminders(today=D(2026, 8, 12)) == 0
    assert Notification.objects.filter(user=people["officer"], key__endswith=":soon").count() == 1
    assert len(mail.outbox) == outbox


def test_a_unit_that_has_reported_is_not_reminded(
    programme: Programme, people: dict[str, User], units: dict[str, Unit], time_machine
) -> None:
    time_machine.move_to(dt.datetime(2026, 8, 11, 9, 0, tzinfo=dt.UTC))
    kt = units["Phòng Kinh tế"]
    for task in programme.tasks.all():
        services.report_submit(
            actor=people["officer"],
            task=task,
            unit=kt,
            period_end=D(2026, 8, 14),
            text="Đã thực hiện",
            progress=50,
        )
    send_report_reminders(today=D(2026, 8, 11))
    assert keys(people["officer"], "soon") == []
    # Another unit with a reporting member is still reminded.
    other = User.objects.create(username="vp-officer")
    other.memberships.create(
        role="handling_officer", commune=programme.commune, unit=units["Văn phòng HĐND và UBND"]
    )
    send_report_reminders(today=D(2026, 8, 12))
    assert len(keys(other, "soon")) == 1


def test_a_missing_report_is_escalated_to_the_unit_head_and_the_coordinator(
    programme: Programme, people: dict[str, User]
) -> None:
    send_report_reminders(today=D(2026, 8, 17))
    head = keys(people["unit_head"], "late")
    assert any(key.endswith(":2026-08-14:late") for key in head)
    coordinator = keys(people["coordinator"], "late")
    assert any(":2026-08-14:late" in key for key in coordinator)
    assert keys(people["officer"], "late") == []
    # Escalations stop once the report is a month overdue.
    Notification.objects.all().delete()
    send_report_reminders(today=D(2026, 9, 20))
    assert not any(":2026-08-14:" in key for key in keys(people["coordinator"], "late"))


def test_the_reminder_follows_a_due_date_moved_off_a_weekend(
    programme: Programme, people: dict[str, User]
) -> None:
    """June's cut-off, 14/06/2026, is a Sunday: the report is due Monday 15/06, so the reminder
    starts on Friday 12/06, not on Thursday 11/06."""
    send_report_reminders(today=D(2026, 6, 11))
    assert not any("2026-06-14" in key for key in keys(people["officer"], "soon"))
    send_report_reminders(today=D(2026, 6, 12))
    assert any("2026-06-14" in key for key in keys(people["officer"], "soon"))


def test_reminders_run_in_the_daily_job(programme: Programme, time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 8, 12, 1, 0, tzinfo=dt.UTC))
    assert "programmes.reminders" in _daily_callbacks
    assert run_daily_callbacks()["programmes.reminders"] == "ok"
    assert Notification.objects.filter(key__endswith=":2026-08-14:soon").exists()
