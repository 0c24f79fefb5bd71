"""The units and the audit log as XLSX and CSV: the rows the pages show with their filters, the
commune's own only, masked personal values, never a denouncer, cells that cannot run."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory, UserFactory
from danvan.core.audit import record
from danvan.core.models import AuditEvent, Commune, UnitKind
from danvan.core.tests.spreadsheets import INJECTIONS, assert_protected, exports, flat, statuses
from danvan.petitions.identity import identity_view
from danvan.petitions.tests.factories import DENOUNCER, register
from danvan.reception import services as reception_services

pytestmark = pytest.mark.django_db


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_units_export_is_the_commune_s_units(
    commune: Commune, other_commune: Commune, make_user: Callable[..., User]
) -> None:
    UnitFactory.create(commune=commune, name="Phòng Kinh tế", short_name="KT", kind=UnitKind.OFFICE)
    UnitFactory.create(
        commune=commune, name="Thôn Đông Sơn", kind=UnitKind.VILLAGE, is_active=False
    )
    UnitFactory.create(commune=other_commune, name="Phòng Kinh tế Tân Tiến", kind=UnitKind.OFFICE)
    client = login(make_user(Role.VILLAGE_HEAD))
    shown = list(client.get("/units/").context["units"])
    xlsx, csv_ = exports(client, "core:units_export")
    assert [row[0] for row in xlsx[1:]] == [u.name for u in shown]
    assert xlsx[0] == ["Tên", "Tên viết tắt", "Loại", "Đang hoạt động"]
    rows = {row[0]: row for row in csv_[1:]}
    assert rows["Phòng Kinh tế"] == ["Phòng Kinh tế", "KT", UnitKind.OFFICE.label, "x"]
    assert rows["Thôn Đông Sơn"][3] == ""  # inactive, still listed as on the page
    assert "Tân Tiến" not in flat(xlsx, csv_)
    assert reverse("core:units_export", args=["xlsx"]) in client.get("/units/").content.decode()
    stranger = Client()
    stranger.force_login(UserFactory.create())  # no membership in any commune
    assert stranger.get("/units/").status_code == 403
    assert statuses(stranger, "core:units_export") == {403}


def test_the_audit_export_is_the_log_with_its_filters(
    commune: Commune, other_commune: Commune, make_user: Callable[..., User], time_machine
) -> None:
    time_machine.move_to(dt.datetime(2026, 9, 15, 9, 30, 5, tzinfo=dt.UTC), tick=False)
    admin = make_user(Role.ADMIN)
    record(verb="unit.created", actor=admin, commune=commune, after={"name": "Phòng Kinh tế"})
    record(verb="calendar.override_added", after={"day": "2026-09-02"})  # national, no commune
    record(verb="unit.created", commune=other_commune, after={"name": "Phòng của Tân Tiến"})
    time_machine.move_to(dt.datetime(2026, 9, 16, 9, 0, tzinfo=dt.UTC), tick=False)
    record(verb="unit.renamed", actor=admin, commune=commune, reason="Đổi tên theo quyết định")
    client = login(admin)
    query = "verb=unit&date_from=15/09/2026&date_to=15/09/2026"
    shown = list(client.get(f"/audit/?{query}").context["page"].object_list)
    xlsx, csv_ = exports(client, "core:audit_export", query=query)
    assert [row[2] for row in xlsx[1:]] == [e.verb for e in shown] == ["unit.created"]
    assert xlsx[1][:3] == [dt.datetime(2026, 9, 15, 16, 30, 5), str(admin), "unit.created"]
    assert json.loads(csv_[1][7]) == {"name": "Phòng Kinh tế"}
    assert csv_[1][0] == "2026-09-15 16:30:05"
    everything = exports(client, "core:audit_export")
    verbs = [row[2] for row in everything[0][1:]]
    assert "calendar.override_added" in verbs  # the system-wide events, as on the page
    assert "Tân Tiến" not in flat(*everything)
    assert AuditEvent.objects.filter(commune=other_commune).exists()
    html = client.get(f"/audit/?{query}&page=1").content.decode()
    assert reverse("core:audit_export", args=["xlsx"]) + "?verb=unit&amp;date_from=" in html


def test_only_who_reads_the_audit_log_exports_it(make_user: Callable[..., User]) -> None:
    officer = login(make_user(Role.RECEPTION_OFFICER))
    assert officer.get("/audit/").status_code == 403
    assert statuses(officer, "core:audit_export") == {403}


def test_the_audit_export_holds_no_denouncer_and_masked_personal_data(
    commune: Commune, make_user: Callable[..., User]
) -> None:
    leader = make_user(Role.LEADER)
    petition = register(commune, "denunciation", actor=leader)
    assert identity_view(actor=leader, petition=petition).name == DENOUNCER["name"]  # audited
    reception_services.visit_record(
        actor=leader,
        commune=commune,
        visited_at=dt.datetime(2026, 9, 14, 9, 0, tzinfo=dt.UTC),
        reception_type="periodic",
        host=leader,
        mode="in_person",
        content="Bà Trần Thị Bích Ngọc tố cáo cán bộ địa chính",
        kind="denunciation",
        outcome="transferred",
        outcome_note="Chuyển Thanh tra huyện",
        person=dict(DENOUNCER),
    )
    record(
        verb="citizen.updated",
        commune=commune,
        after={"full_name": "Lê Văn Hùng", "phone": "0987654321"},
    )
    xlsx, csv_ = exports(login(make_user(Role.ADMIN)), "core:audit_export")
    text = flat(xlsx, csv_)
    assert {"denouncer.identity_viewed", "reception.visit_recorded"} <= {r[2] for r in xlsx[1:]}
    for value in DENOUNCER.values():
        assert value not in text, value
    assert "0987654321" not in text
    assert "Lê Văn Hùng" not in text
    assert '"phone": "09******21"' in text  # masked when written, exported as stored


def test_audit_cells_cannot_run(commune: Commune, make_user: Callable[..., User]) -> None:
    for text in INJECTIONS:
        record(verb="petition.noted", commune=commune, reason=text)
    assert_protected(*exports(login(make_user(Role.ADMIN)), "core:audit_export"))


def test_the_days_off_export_is_the_calendar_s_list(make_user: Callable[..., User]) -> None:
    client = login(make_user(Role.VILLAGE_HEAD))
    page = client.get("/calendar/?year=2026")
    days = page.context["days"]
    xlsx, csv_ = exports(client, "core:calendar_export", query="year=2026")
    assert [row[0].date() for row in xlsx[1:]] == [d.day for d in days]
    assert [row[1] for row in csv_[1:]] == [d.reason for d in days]
    assert xlsx[0] == ["Ngày", "Lý do", "Tạm tính"]
    assert "2026-09-02" in [row[0] for row in csv_[1:]]  # Quốc khánh
    assert all(d.source != "weekend" for d in days)
    link = reverse("core:calendar_export", args=["xlsx"]) + "?year=2026"
    assert link in page.content.decode()
