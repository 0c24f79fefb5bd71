"""The one-time opening balance screen (kê khai số liệu đầu kỳ, DOMAIN §14.4), through HTTP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.permissions import MATRIX, Perm
from danvan.accounts.roles import Role
from danvan.core.models import AuditEvent, Commune
from danvan.petitions.tests.factories import register
from danvan.reports.forms_base import compute
from danvan.reports.models import OpeningBalance
from danvan.reports.periods import official_period
from danvan.reports.registry import FORMS

pytestmark = pytest.mark.django_db
URL = "/reports/opening-balance/"
Q3 = official_period("quarter", 2026, 3)  # 15/06/2026 – 14/09/2026


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to("2026-07-01 09:00+07:00", tick=False)


@pytest.fixture
def leader(make_user: Callable[..., User]) -> User:
    return make_user(Role.LEADER)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def filled(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "as_of": "15/06/2026",
        "complaint_single": "3",
        "complaint_group": "1",
        "denunciation_single": "2",
        "denunciation_group": "0",
        "recommendation_single": "4",
        "recommendation_group": "2",
        "feedback_single": "",
        "feedback_group": "",
        "info_request_single": "1",
        "info_request_group": "0",
    }
    data.update(overrides)
    return data


def test_the_page_explains_the_balance_and_offers_the_form(leader: User) -> None:
    response = login(leader).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="balance-purpose"' in html
    assert "chỉ kê khai một lần" in html
    assert 'data-testid="balance-form"' in html
    # The suggested date is the start of the current official quarter.
    assert 'value="2026-06-15"' in html
    assert 'name="complaint_single"' in html
    assert 'name="info_request_group"' in html


def test_recording_once_then_read_only_with_who_and_when(leader: User, commune: Commune) -> None:
    client = login(leader)
    response = client.post(URL, filled())
    assert response.status_code == 302
    balance = OpeningBalance.objects.get(commune=commune)
    assert balance.as_of == dt.date(2026, 6, 15)
    assert balance.entered_by == leader
    assert balance.counts == {
        "complaint": {"single": 3, "group": 1},
        "denunciation": {"single": 2, "group": 0},
        "recommendation": {"single": 4, "group": 2},
        "feedback": {"single": 0, "group": 0},
        "info_request": {"single": 1, "group": 0},
    }
    audit = AuditEvent.objects.get(verb="reports.opening_balance")
    assert audit.actor == leader
    assert audit.commune == commune

    page = client.get(URL)
    html = page.content.decode()
    assert 'data-testid="balance-recorded"' in html
    assert 'data-testid="balance-form"' not in html  # read-only now
    assert "15/06/2026" in html
    assert leader.display_name in html
    assert "01/07/2026" in html  # entered on
    assert 'data-testid="balance-total">13<' in html
    assert "start=2026-06-15&amp;end=2026-09-14" in html  # the first quarter's forms

    # A second attempt is refused and changes nothing.
    again = client.post(URL, filled(as_of="15/09/2026", complaint_single="99"), follow=True)
    assert "đã được kê khai" in again.content.decode()
    balance.refresh_from_db()
    assert balance.as_of == dt.date(2026, 6, 15)
    assert balance.counts["complaint"]["single"] == 3
    assert OpeningBalance.objects.count() == 1
    assert AuditEvent.objects.filter(verb="reports.opening_balance").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"complaint_single": "-2"}, "complaint_single", "không thể là số âm"),
        ({"denunciation_group": "2,5"}, "denunciation_group", "số nguyên"),
        ({"as_of": ""}, "as_of", "Nhập ngày đầu tiên của kỳ đầu tiên"),
        ({"as_of": "31/02/2026"}, "as_of", "dd/mm/yyyy"),
        ({"as_of": "01/06/2026"}, "as_of", "không phải ngày bắt đầu một kỳ báo cáo chính thức"),
        ({"as_of": "15/07/2026"}, "as_of", "không được sau hôm nay"),
    ],
)
def test_invalid_entries_keep_what_was_typed(
    leader: User, changes: dict[str, str], field: str, message: str
) -> None:
    response = login(leader).post(URL, filled(**changes))
    assert response.status_code == 200
    assert not OpeningBalance.objects.exists()
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert message in html
    # Nothing typed is lost.
    assert 'name="recommendation_single" value="4"' in html
    assert 'name="complaint_group" value="1"' in html


def test_a_date_that_starts_a_month_period_is_accepted(leader: User, commune: Commune) -> None:
    """15/05 starts the official month June (15/05–14/06) though no quarter."""
    response = login(leader).post(URL, filled(as_of="2026-05-15"))
    assert response.status_code == 302
    assert OpeningBalance.objects.get(commune=commune).as_of == dt.date(2026, 5, 15)


@pytest.mark.parametrize("role", sorted(set(Role) - MATRIX[Perm.REPORT_OPENING_BALANCE]))
def test_other_roles_are_refused(client_for: Callable[..., Client], role: Role) -> None:
    client = client_for(role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, filled()).status_code == 403
    assert not OpeningBalance.objects.exists()


def test_the_administrator_may_enter_it(
    client_for: Callable[..., Client], commune: Commune
) -> None:
    assert client_for(Role.ADMIN).post(URL, filled()).status_code == 302
    assert OpeningBalance.objects.filter(commune=commune).exists()


def test_another_communes_balance_is_invisible(
    leader: User, commune: Commune, other_commune: Commune, make_user: Callable[..., User]
) -> None:
    login(leader).post(URL, filled())
    stranger = login(make_user(Role.LEADER, commune_=other_commune))
    response = stranger.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="balance-form"' in html  # their own commune has none yet
    assert 'data-testid="balance-recorded"' not in html
    assert leader.display_name not in html
    # Entering theirs does not touch ours.
    assert stranger.post(URL, filled(complaint_single="7")).status_code == 302
    assert OpeningBalance.objects.get(commune=commune).counts["complaint"]["single"] == 3
    assert OpeningBalance.objects.get(commune=other_commune).counts["complaint"]["single"] == 7


def test_the_forms_of_the_first_period_carry_the_balance_over(
    leader: User, commune: Commune
) -> None:
    # One case DânVận knows, received before the period and still open: carried over by events.
    register(commune, "complaint", received_on=dt.date(2026, 5, 20))
    client = login(leader)
    forms_page = client.get(
        reverse("reports:forms") + "?form=01/XLD&start=2026-06-15&end=2026-09-14"
    )
    assert 'data-testid="opening-balance-link"' in forms_page.content.decode()
    assert 'data-testid="balance-included"' not in forms_page.content.decode()
    client.post(URL, filled())

    response = client.get(reverse("reports:forms") + "?form=01/XLD&start=2026-06-15&end=2026-09-14")
    table = response.context["table"]
    assert table.cell("old_single", commune.pk) == 1 + 3 + 2 + 4 + 0 + 1
    assert table.cell("old_group", commune.pk) == 1 + 0 + 2 + 0 + 0
    assert table.cell("total", commune.pk) == 14
    assert 'data-testid="balance-included"' in response.content.decode()
    xld02 = compute(FORMS["02/XLD"], [commune], Q3).as_dict(commune.pk)
    assert (xld02["old_single"], xld02["old_group"]) == (1 + 3, 1)
    xld04 = compute(FORMS["04/XLD"], [commune], Q3).as_dict(commune.pk)
    assert (xld04["old_single"], xld04["old_group"]) == (4, 2)
    # Only the period that starts on that day: the next quarter carries the events only.
    q4 = compute(FORMS["01/XLD"], [commune], official_period("quarter", 2026, 4))
    assert q4.cell("old_single", commune.pk) == 1
    assert q4.cell("old_group", commune.pk) == 0
