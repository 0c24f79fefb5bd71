"""The permission matrix: every role × every named permission, and scoping across communes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.permissions import MATRIX, READ_ONLY, Perm, has_perm
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core import services
from danvan.core.models import Commune

R = Role
EVERYONE = set(Role)
EXPECTED: dict[Perm, set[Role]] = {
    Perm.VIEW_STAFF_HOME: EVERYONE,
    Perm.USE_DEADLINE_CALCULATOR: EVERYONE,
    Perm.VIEW_CALENDAR: EVERYONE,
    Perm.MANAGE_CALENDAR: {R.ADMIN},
    Perm.VIEW_UNITS: EVERYONE,
    Perm.MANAGE_UNITS: {R.ADMIN},
    Perm.VIEW_DEADLINES: {
        R.RECEPTION_OFFICER,
        R.HANDLING_OFFICER,
        R.UNIT_HEAD,
        R.LEADER,
        R.COORDINATOR,
        R.ADMIN,
        R.PROVINCE_VIEWER,
    },
    Perm.VIEW_AUDIT: {R.ADMIN, R.PROVINCE_VIEWER},
    Perm.MANAGE_COMMUNE_SETTINGS: {R.ADMIN},
    Perm.VIEW_DOCUMENTS: {
        R.RECEPTION_OFFICER,
        R.HANDLING_OFFICER,
        R.UNIT_HEAD,
        R.LEADER,
        R.COORDINATOR,
        R.ADMIN,
        R.PROVINCE_VIEWER,
    },
    Perm.DRAFT_DOCUMENTS: {
        R.RECEPTION_OFFICER,
        R.HANDLING_OFFICER,
        R.UNIT_HEAD,
        R.LEADER,
        R.COORDINATOR,
        R.ADMIN,
    },
    Perm.ISSUE_DOCUMENTS: {R.RECEPTION_OFFICER, R.ADMIN},
    Perm.VIEW_LEGAL_DOCUMENTS: EVERYONE,
    Perm.MANAGE_LEGAL_DOCUMENTS: {R.COORDINATOR, R.LEADER, R.ADMIN},
    Perm.PETITION_VIEW: EVERYONE - {R.COMMUNITY_INSPECTOR},
    Perm.PETITION_REGISTER: {R.RECEPTION_OFFICER, R.LEADER},
    Perm.PETITION_PROCESS: {R.RECEPTION_OFFICER, R.LEADER},
    Perm.PETITION_HANDLE: {R.RECEPTION_OFFICER, R.HANDLING_OFFICER, R.UNIT_HEAD, R.LEADER},
    Perm.PETITION_DECIDE: {R.LEADER},
    Perm.PETITION_IDENTITY: {R.LEADER},
    Perm.VIEW_RECEPTION: {R.RECEPTION_OFFICER, R.LEADER, R.ADMIN, R.PROVINCE_VIEWER, R.UNIT_HEAD},
    Perm.RECORD_RECEPTION: {R.RECEPTION_OFFICER, R.LEADER},
    Perm.MANAGE_RECEPTION_SCHEDULE: {R.LEADER, R.ADMIN, R.RECEPTION_OFFICER},
    Perm.MANAGE_API_KEYS: {R.ADMIN},
    Perm.PROGRAMME_VIEW: EVERYONE,
    Perm.PROGRAMME_MANAGE: {R.COORDINATOR, R.LEADER},
    Perm.PROGRAMME_UNIT_PLAN: {R.COORDINATOR, R.LEADER, R.UNIT_HEAD},
    Perm.PROGRAMME_REPORT: {
        R.COORDINATOR,
        R.UNIT_HEAD,
        R.HANDLING_OFFICER,
        R.VILLAGE_HEAD,
        R.FRONT_OFFICER,
    },
    Perm.PROGRAMME_REVIEW: {R.COORDINATOR, R.LEADER},
    Perm.PROGRAMME_EVALUATE: {R.COORDINATOR, R.LEADER},
    Perm.REPORT_VIEW: {
        R.RECEPTION_OFFICER,
        R.UNIT_HEAD,
        R.LEADER,
        R.COORDINATOR,
        R.ADMIN,
        R.PROVINCE_VIEWER,
    },
    Perm.REPORT_MANAGE: {R.LEADER, R.RECEPTION_OFFICER},
    Perm.REPORT_OPENING_BALANCE: {R.LEADER, R.ADMIN},
}


def test_expected_table_covers_every_permission() -> None:
    assert set(EXPECTED) == set(Perm) == set(MATRIX)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("perm", list(Perm))
def test_matrix(make_user: Callable[..., User], commune: Commune, role: Role, perm: Perm) -> None:
    user = make_user(role)
    assert has_perm(user, perm, commune) is (role in EXPECTED[perm])


@pytest.mark.parametrize("perm", list(Perm))
def test_nobody_outside_the_commune_holds_any_permission(
    make_user: Callable[..., User], foreign_commune: Commune, perm: Perm
) -> None:
    for role in Role:
        assert not has_perm(make_user(role), perm, foreign_commune)


def test_province_viewer_is_read_only_but_sees_every_commune_of_the_province(
    make_user: Callable[..., User],
    commune: Commune,
    other_commune: Commune,
    foreign_commune: Commune,
) -> None:
    viewer = make_user(Role.PROVINCE_VIEWER)
    for perm in Perm:
        assert has_perm(viewer, perm, commune) is (
            perm in READ_ONLY and Role.PROVINCE_VIEWER in EXPECTED[perm]
        )
        assert has_perm(viewer, perm, other_commune) == has_perm(viewer, perm, commune)
        assert not has_perm(viewer, perm, foreign_commune)


def test_anonymous_holds_nothing(commune: Commune) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not any(has_perm(AnonymousUser(), perm, commune) for perm in Perm)


# --- Views: 404 across communes, 403 without the permission -----------------------------------
def test_unit_of_another_commune_is_404(
    client_for: Callable[..., Client], other_commune: Commune
) -> None:
    client = client_for(Role.ADMIN)
    theirs = UnitFactory.create(commune=other_commune, name="Thôn của xã khác")
    response = client.get(f"/units/{theirs.pk}/")
    assert response.status_code == 404
    assert "Thôn của xã khác" not in response.content.decode()
    assert client.get("/units/999999/").status_code == 404


def test_deadline_of_another_commune_is_404(
    client_for: Callable[..., Client], other_commune: Commune
) -> None:
    theirs = services.deadline_start(
        actor=None,
        commune=other_commune,
        subject_type="t",
        subject_id="1",
        label="Hạn của xã khác",
        started_on=dt.date(2026, 3, 2),
        length=5,
        unit="WD",
    )
    response = client_for(Role.LEADER).get(f"/deadlines/{theirs.pk}/")
    assert response.status_code == 404


def test_own_commune_objects_are_visible(
    client_for: Callable[..., Client], commune: Commune, unit
) -> None:
    ours = services.deadline_start(
        actor=None,
        commune=commune,
        subject_type="t",
        subject_id="1",
        label="Hạn của xã mình",
        started_on=dt.date(2026, 3, 2),
        length=5,
        unit="WD",
    )
    client = client_for(Role.LEADER)
    assert "Hạn của xã mình" in client.get(f"/deadlines/{ours.pk}/").content.decode()
    assert unit.name in client.get(f"/units/{unit.pk}/").content.decode()


def test_province_viewer_sees_other_commune_of_province_but_not_foreign(
    client_for: Callable[..., Client], other_commune: Commune, foreign_commune: Commune
) -> None:
    client = client_for(Role.PROVINCE_VIEWER)
    ours = UnitFactory.create(commune=other_commune, name="Thôn Tiên Hội")
    foreign = UnitFactory.create(commune=foreign_commune, name="Tổ dân phố 1")
    assert client.get(f"/units/{ours.pk}/").status_code == 200
    assert client.get(f"/units/{foreign.pk}/").status_code == 404


@pytest.mark.parametrize("role", [r for r in Role if r not in EXPECTED[Perm.VIEW_AUDIT]])
def test_audit_screen_is_forbidden_without_permission(
    client_for: Callable[..., Client], role: Role
) -> None:
    response = client_for(role).get("/audit/")
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_admin_can_change_the_calendar(client_for: Callable[..., Client], role: Role) -> None:
    response = client_for(role).post(
        "/calendar/", {"date": "10/03/2026", "kind": "off", "name": "Nghỉ", "scope": "national"}
    )
    assert response.status_code == 403


def test_pages_need_login(client: Client, db: None) -> None:
    for url in ("/", "/deadlines/calculator/", "/calendar/", "/units/", "/audit/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/deadline-rules").status_code == 401
