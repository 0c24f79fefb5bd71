"""The daily reminders and escalations (notifications.remind_and_escalate): who is told, when,
by e-mail after commit, and never twice for the same case on the same day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.models import Commune, Notification, Unit
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.notifications import remind_and_escalate
from danvan.petitions.states import Kind

from .factories import TODAY, evidence, register

pytestmark = pytest.mark.usefixtures("frozen_today")

D = dt.date
# XLD-1 is 10 calendar days: received on these days, a complaint is due …
DUE_TODAY = D(2026, 9, 5)  # → Tue 15/09
DUE_TOMORROW = D(2026, 9, 6)  # → Wed 16/09
DUE_IN_2_DAYS = D(2026, 9, 7)  # → Thu 17/09
DUE_IN_3_DAYS = D(2026, 9, 8)  # → Fri 18/09
OVERDUE = D(2026, 9, 1)  # → Fri 11/09


@pytest.fixture
def person(make_user: Callable[..., User]) -> Callable[..., User]:
    """A user with an e-mail address."""

    def make(role: str, **kwargs: object) -> User:
        user = make_user(role, **kwargs)
        user.email = f"{user.username}@anquang.gov.vn"
        user.save(update_fields=["email"])
        return user

    return make


def run(django_capture_on_commit_callbacks, today: dt.date | None = None) -> int:
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        return remind_and_escalate(today)


def notified(petition: Petition) -> dict[User, Notification]:
    return {
        n.user: n
        for n in Notification.objects.filter(url=reverse("petitions:detail", args=[petition.pk]))
    }


def test_reminder_two_days_before_goes_to_the_assigned_officer(
    commune: Commune, unit: Unit, person, leader: User, django_capture_on_commit_callbacks
) -> None:
    officer = person(Role.HANDLING_OFFICER, unit=unit)
    person(Role.RECEPTION_OFFICER)
    person(Role.UNIT_HEAD, unit=unit)
    petition = register(commune, Kind.COMPLAINT, received_on=DUE_IN_2_DAYS)
    services.petition_assign(actor=leader, petition=petition, unit=unit, officer=officer)
    assert petition.due_on == D(2026, 9, 17)
    assert run(django_capture_on_commit_callbacks) == 1
    notification = Notification.objects.get()
    assert notification.user == officer
    assert notification.title == "Due soon: 00001/2026 is due on 17/09/2026"
    assert notification.body == petition.summary
    assert (
        notification.url
        == reverse("petitions:detail", args=[petition.pk])
        == f"/petitions/{petition.pk}/"
    )
    assert notification.commune == commune
    assert notification.key == f"petition:{petition.pk}:soon:2026-09-15"
    assert notification.is_read is False
    [message] = mail.outbox
    assert message.to == [officer.email]
    assert message.subject == notification.title
    assert petition.summary in message.body
    assert f"{settings.SITE_URL.rstrip('/')}/petitions/{petition.pk}/" in message.body


def test_unassigned_case_reminds_the_reception_officers(
    commune: Commune, other_commune: Commune, person, django_capture_on_commit_callbacks
) -> None:
    desk = [person(Role.RECEPTION_OFFICER), person(Role.RECEPTION_OFFICER)]
    person(Role.RECEPTION_OFFICER, commune_=other_commune)
    leader = person(Role.LEADER)
    retired = person(Role.RECEPTION_OFFICER)
    retired.memberships.update(is_active=False)
    petition = register(commune, Kind.RECOMMENDATION, received_on=DUE_TOMORROW)
    assert run(django_capture_on_commit_callbacks) == 2
    assert set(notified(petition)) == set(desk)
    assert leader not in notified(petition)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in desk)


def test_no_reminder_outside_the_two_day_window(
    commune: Commune, person, django_capture_on_commit_callbacks
) -> None:
    person(Role.RECEPTION_OFFICER)
    person(Role.LEADER)
    in_3_days = register(commune, Kind.COMPLAINT, received_on=DUE_IN_3_DAYS)
    today = register(commune, Kind.COMPLAINT, received_on=DUE_TODAY)
    assert (in_3_days.due_on, today.due_on) == (D(2026, 9, 18), TODAY)
    assert run(django_capture_on_commit_callbacks) == 0
    assert Notification.objects.count() == 0
    assert mail.outbox == []
    # The next day the first is due in two days and the second is overdue.
    assert run(django_capture_on_commit_callbacks, TODAY + dt.timedelta(days=1)) == 3
    assert len(notified(in_3_days)) == 1
    assert len(notified(today)) == 2  # the reception officer and the leader


def test_overdue_case_escalates_to_the_unit_head_and_the_leaders(
    commune: Commune, other_commune: Commune, unit: Unit, person, django_capture_on_commit_callbacks
) -> None:
    officer = person(Role.HANDLING_OFFICER, unit=unit)
    head = person(Role.UNIT_HEAD, unit=unit)
    economy = UnitFactory.create(commune=commune, name="Phòng Kinh tế")
    other_head = person(Role.UNIT_HEAD, unit=economy)
    chairman, vice_chairman = person(Role.LEADER), person(Role.LEADER)
    reception = person(Role.RECEPTION_OFFICER)
    their_leader = person(Role.LEADER, commune_=other_commune)
    petition = register(commune, Kind.COMPLAINT, received_on=OVERDUE)
    services.petition_assign(actor=chairman, petition=petition, unit=unit, officer=officer)
    assert run(django_capture_on_commit_callbacks) == 4
    recipients = notified(petition)
    assert set(recipients) == {officer, head, chairman, vice_chairman}
    assert other_head not in recipients
    assert reception not in recipients
    assert their_leader not in recipients
    titles = {n.title for n in recipients.values()}
    assert titles == {"Overdue: 00001/2026 was due on 11/09/2026"}
    assert {n.key for n in recipients.values()} == {f"petition:{petition.pk}:overdue:2026-09-15"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in recipients)
    assert all(m.subject == "Overdue: 00001/2026 was due on 11/09/2026" for m in mail.outbox)


def test_overdue_unassigned_case_goes_to_reception_and_leaders(
    commune: Commune, unit: Unit, person, django_capture_on_commit_callbacks
) -> None:
    reception = person(Role.RECEPTION_OFFICER)
    leader = person(Role.LEADER)
    person(Role.UNIT_HEAD, unit=unit)
    person(Role.ADMIN)
    petition = register(commune, Kind.DENUNCIATION, received_on=OVERDUE)
    assert run(django_capture_on_commit_callbacks) == 2
    assert set(notified(petition)) == {reception, leader}


def test_unit_assigned_case_without_officer_reminds_reception_not_the_unit(
    commune: Commune, unit: Unit, person, leader: User, django_capture_on_commit_callbacks
) -> None:
    reception = person(Role.RECEPTION_OFFICER)
    person(Role.HANDLING_OFFICER, unit=unit)
    petition = register(commune, Kind.FEEDBACK, received_on=DUE_IN_2_DAYS)
    services.petition_assign(actor=leader, petition=petition, unit=unit)
    assert run(django_capture_on_commit_callbacks) == 1
    assert set(notified(petition)) == {reception}


def test_running_twice_the_same_day_creates_nothing(
    commune: Commune, unit: Unit, person, django_capture_on_commit_callbacks
) -> None:
    person(Role.RECEPTION_OFFICER)
    person(Role.LEADER)
    register(commune, Kind.COMPLAINT, received_on=OVERDUE)
    register(commune, Kind.COMPLAINT, received_on=DUE_IN_2_DAYS)
    assert run(django_capture_on_commit_callbacks) == 3
    assert len(mail.outbox) == 3
    assert run(django_capture_on_commit_callbacks) == 0
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 3
    # A new day is a new reminder.
    assert run(django_capture_on_commit_callbacks, TODAY + dt.timedelta(days=1)) == 3
    assert Notification.objects.count() == 6


def test_ended_cases_and_cases_without_a_clock_are_left_alone(
    commune: Commune, person, leader: User, django_capture_on_commit_callbacks
) -> None:
    person(Role.RECEPTION_OFFICER)
    guided = register(commune, Kind.COMPLAINT, received_on=OVERDUE)
    services.petition_guide(actor=leader, petition=guided, to="Tòa án")
    withdrawn = services.petition_accept(
        actor=leader, petition=register(commune, received_on=OVERDUE), on=OVERDUE
    )
    services.petition_withdraw(actor=leader, petition=withdrawn, text="Đã rút")
    answered = services.petition_start_handling(
        actor=leader, petition=register(commune, Kind.RECOMMENDATION, received_on=OVERDUE)
    )
    services.petition_answer(
        actor=leader, petition=answered, text="Đã trả lời", evidence=evidence()
    )
    assert run(django_capture_on_commit_callbacks) == 0
    assert Notification.objects.count() == 0


def test_users_without_e_mail_get_the_notification_only(
    commune: Commune, make_user: Callable[..., User], django_capture_on_commit_callbacks
) -> None:
    reception = make_user(Role.RECEPTION_OFFICER)
    assert reception.email == ""
    petition = register(commune, Kind.COMPLAINT, received_on=DUE_TOMORROW)
    assert run(django_capture_on_commit_callbacks) == 1
    assert set(notified(petition)) == {reception}
    assert mail.outbox == []


def test_e_mail_leaves_only_after_commit(
    commune: Commune, person, django_capture_on_commit_callbacks
) -> None:
    person(Role.RECEPTION_OFFICER)
    register(commune, Kind.COMPLAINT, received_on=DUE_TOMORROW)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert remind_and_escalate() == 1
    assert mail.outbox == []  # the transaction has not committed
    assert len(callbacks) == 1


def test_the_daily_job_runs_the_reminders(
    commune: Commune, person, django_capture_on_commit_callbacks
) -> None:
    from danvan.core.jobs import _daily_callbacks, run_daily_callbacks
    from danvan.petitions import tasks

    person(Role.RECEPTION_OFFICER)
    register(commune, Kind.COMPLAINT, received_on=DUE_TOMORROW)
    assert _daily_callbacks["petitions.reminders"] is tasks.send_deadline_reminders
    with django_capture_on_commit_callbacks(execute=True):
        assert run_daily_callbacks()["petitions.reminders"] == "ok"
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_suspended_case_is_not_escalated(
    commune: Commune, person, leader: User, django_capture_on_commit_callbacks
) -> None:
    person(Role.RECEPTION_OFFICER)
    petition = register(commune, Kind.COMPLAINT, received_on=D(2026, 7, 31))
    services.petition_accept(actor=leader, petition=petition, on=D(2026, 8, 3))  # KN-3 due 03/09
    services.petition_suspend(
        actor=leader, petition=petition, on=D(2026, 8, 20), reason="Chờ giám định"
    )
    assert run(django_capture_on_commit_callbacks) == 0
