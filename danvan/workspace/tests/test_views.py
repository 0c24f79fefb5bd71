"""The staff pages: start page, deadline calculator (page and API), calendar, audit screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from danvan.accounts.roles import Role
from danvan.core import services
from danvan.core.models import AuditEvent, CalendarOverride, Commune


@pytest.fixture
def officer(client_for: Callable[..., Client]) -> Client:
    return client_for(Role.RECEPTION_OFFICER)


@pytest.fixture
def admin(client_for: Callable[..., Client]) -> Client:
    return client_for(Role.ADMIN)


def test_calculator_across_tet_shows_due_date_and_explanation(officer: Client) -> None:
    page = officer.post(
        "/deadlines/calculator/", {"start": "12/02/2026", "length": "10", "unit": "WD"}
    ).content.decode()
    assert "05/03/2026" in page
    assert "Cách tính ngày này" in page
    assert "Tết Nguyên Đán" in page
    assert "16/02/2026" in page


def test_calculator_htmx_returns_only_the_result(officer: Client) -> None:
    response = officer.post(
        "/deadlines/calculator/",
        {"start": "2026-08-03", "length": "30", "unit": "CAL"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "<html" not in page
    assert "03/09/2026" in page
    assert "Quốc khánh" in page


def test_calculator_with_a_disputed_rule_shows_both_readings(officer: Client) -> None:
    from danvan.core.models import DeadlineRule

    rule = DeadlineRule.objects.get(code="KN-2")
    page = officer.post(
        "/deadlines/calculator/", {"rule": rule.pk, "start": "12/02/2026"}
    ).content.decode()
    assert "23/02/2026" in page  # day 10 is Sunday 22/02: rolled to Monday
    assert "CHƯA XÁC NHẬN" in page
    assert "05/03/2026" in page  # the working-day reading, shown beside it (DOMAIN T-7)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": "31/02/2026", "length": "5", "unit": "WD"}, "Nhập ngày theo dạng dd/mm/yyyy"),
        ({"start": "12/02/1890", "length": "5", "unit": "WD"}, "phải trong khoảng"),
        ({"start": "12/02/2026", "length": "-5", "unit": "WD"}, "ít nhất 1 ngày"),
        ({"start": "12/02/2026", "length": "abc", "unit": "WD"}, "số nguyên"),
        ({"start": "12/02/2026", "length": "", "unit": "WD"}, "Chọn một quy tắc hoặc nhập số ngày"),
        ({"start": "12/02/2026", "length": "5", "unit": "YEARS"}, "CAL, WD hoặc CAL_NOROLL"),
        ({"start": "12/02/2026", "rule": "999999"}, "Không có quy tắc này"),
    ],
)
def test_calculator_bad_input_is_explained_and_kept(
    officer: Client, data: dict[str, str], message: str
) -> None:
    response = officer.post("/deadlines/calculator/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if data.get("length") not in (None, "", "abc"):
        assert f'value="{data["length"]}"' in page  # what the user typed is still there


def test_api_compute(officer: Client) -> None:
    response = officer.get(
        "/api/v1/deadlines/compute", {"start": "2026-02-12", "days": 10, "unit": "WD"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["due_on"] == "2026-03-05"
    assert {"day": "2026-02-17", "reason": "Ngày lễ: Tết Nguyên Đán"} in data["skipped"] or any(
        s["day"] == "2026-02-17" for s in data["skipped"]
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-02-30", "days": 3, "unit": "WD"}, "không phải là ngày"),
        ({"start": "2026-02-12", "rule": "KHONG-CO"}, "Không có quy tắc"),
        ({"start": "2026-02-12", "days": -2, "unit": "WD"}, "ít nhất 1 ngày"),
        ({"start": "2026-02-12", "days": 2, "unit": "XX"}, "Đơn vị không hợp lệ"),
    ],
)
def test_api_bad_input_is_a_400_with_a_vietnamese_message(
    officer: Client, params: dict, message: str
) -> None:
    response = officer.get("/api/v1/deadlines/compute", params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_api_rules_list(officer: Client) -> None:
    codes = {r["code"] for r in officer.get("/api/v1/deadline-rules").json()}
    assert {"XLD-1", "KN-2", "KN-3", "TC-1", "TC-4", "TTTT-1", "DCCS-1", "DT-1"} <= codes


def test_home_shows_upcoming_days_off_and_roles(officer: Client, time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 8, 20, 9, 0, tzinfo=dt.UTC))
    page = officer.get("/").content.decode()
    assert "Quốc khánh" in page
    assert "31/08/2026" in page  # the swapped day off before National Day
    assert "Công chức tiếp công dân" in page


def test_admin_adds_a_day_off_and_it_is_audited(
    admin: Client, commune: Commune, django_capture_on_commit_callbacks
) -> None:
    deadline = services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="t",
        subject_id="1",
        label="Hạn thử",
        started_on=dt.date(2026, 3, 2),
        length=10,
        unit="WD",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/calendar/",
            {
                "date": "10/03/2026",
                "kind": "off",
                "name": "Nghỉ bão",
                "legal_document": "CV 1/UBND",
                "scope": "province",
            },
        )
    assert response.status_code == 302
    override = CalendarOverride.objects.get(date=dt.date(2026, 3, 10))
    assert override.province == commune.province
    deadline.refresh_from_db()
    assert deadline.due_on == dt.date(2026, 3, 17)
    page = admin.get("/audit/?verb=calendar").content.decode()
    assert "calendar.override_added" in page


def test_admin_calendar_form_rejects_bad_input_and_keeps_it(admin: Client) -> None:
    response = admin.post(
        "/calendar/",
        {"date": "17/02/2026", "kind": "off", "name": "Nghỉ thêm", "scope": "national"},
    )
    page = response.content.decode()
    assert "đã là ngày nghỉ" in page
    assert 'value="Nghỉ thêm"' in page
    response = admin.post(
        "/calendar/", {"date": "abc", "kind": "off", "name": "", "scope": "national"}
    )
    assert "Nhập ngày theo dạng dd/mm/yyyy" in response.content.decode()


def test_calendar_2027_is_marked_provisional(officer: Client) -> None:
    page = officer.get("/calendar/?year=2027").content.decode()
    assert "tạm tính" in page.lower()
    assert page.count('data-testid="overrides"') == 1
    assert "<title>Lịch làm việc · DânVận</title>" in page


def test_audit_screen_filters(admin: Client, commune: Commune) -> None:
    from danvan.core.audit import record

    record(verb="unit.created", commune=commune, after={"name": "Thôn A"})
    record(verb="deadline.started", commune=commune)
    page = admin.get("/audit/", {"verb": "unit"}).content.decode()
    assert "unit.created" in page
    assert "deadline.started" not in page
    assert AuditEvent.objects.count() >= 2
    assert admin.get("/audit/", {"date_from": "xx"}).status_code == 200


def test_admin_makes_two_factor_mandatory_and_it_is_audited(
    admin: Client, commune: Commune
) -> None:
    response = admin.post("/settings/", {"require_2fa_for_leaders": "on"})
    assert response.status_code == 302
    commune.refresh_from_db()
    assert commune.require_2fa_for_leaders
    event = AuditEvent.objects.get(verb="commune.settings_changed")
    assert event.before == {"require_2fa_for_leaders": False}
    assert event.after == {"require_2fa_for_leaders": True}


def test_settings_are_for_admins_only(client_for: Callable[..., Client]) -> None:
    assert (
        client_for(Role.LEADER).post("/settings/", {"require_2fa_for_leaders": "on"}).status_code
        == 403
    )
