"""The reception pages as officials and citizens use them. Messages are not translated yet:
errors are checked through the form's error codes, status codes and what the database holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune, Unit
from danvan.documents.models import OutgoingDocument
from danvan.petitions import services as petition_services
from danvan.petitions.models import Citizen, Petition
from danvan.reception import services
from danvan.reception.models import ReceptionSession, ReceptionVisit

from .conftest import at

T = dt.time


@pytest.fixture
def desk(client_for: Callable[..., Client]) -> Client:
    return client_for(Role.RECEPTION_OFFICER)


def visit_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "reception_type": "regular",
        "mode": "in_person",
        "visited_at": "2026-09-15T09:30",
        "full_name": "Nguyễn Văn An",
        "phone": "0912345678",
        "id_number": "031099001234",
        "address": "Thôn Quang Thượng",
        "group_size": "1",
        "kind": "recommendation",
        "field": "environment",
        "content": "Kiến nghị sửa đèn chiếu sáng ngõ 3 thôn Quang Thượng bị hỏng đã hai tháng",
        "is_new_case": "on",
        "outcome": "guided",
        "outcome_note": "Hướng dẫn gửi Công ty Điện lực",
        "submission_token": "tok-1",
    }
    data.update(overrides)
    return data


def error_codes(response: Any) -> dict[str, list[str]]:
    form = response.context["form"]
    return {field: [e.code for e in errors] for field, errors in form.errors.as_data().items()}


def add_visit(commune: Commune, actor: Any, content: str, **kwargs: Any) -> ReceptionVisit:
    kwargs.setdefault("visited_at", at(2026, 9, 15, 9))
    kwargs.setdefault("reception_type", "regular")
    return services.visit_record(
        actor=actor,
        commune=commune,
        mode="in_person",
        content=content,
        kind="feedback",
        outcome="answered_on_spot",
        person={"name": kwargs.pop("name", "Lê Văn Hùng")},
        **kwargs,
    )


def add_session(commune: Commune, host: Any, day: dt.date, **kwargs: Any) -> ReceptionSession:
    kwargs.setdefault("kind", "periodic")
    kwargs.setdefault("publish", True)
    kwargs.setdefault("place", "Phòng tiếp công dân UBND xã")
    return services.session_schedule(
        actor=None,
        commune=commune,
        date=day,
        host=host,
        start_time=T(7, 30),
        end_time=T(11, 30),
        note="",
        **kwargs,
    )


# --- the register ---------------------------------------------------------------------------------
def test_register_lists_and_filters_visits(desk: Client, commune: Commune, leader: User) -> None:
    add_visit(commune, None, "Phản ánh đèn đường hỏng ở ngõ 3")
    add_visit(
        commune,
        None,
        "Khiếu nại việc thu hồi đất",
        reception_type="periodic",
        host=leader,
        visited_at=at(2026, 9, 10, 8),
        name="Trần Văn Bình",
    )
    page = desk.get("/reception/").content.decode()
    assert "Phản ánh đèn đường hỏng" in page
    assert "Khiếu nại việc thu hồi đất" in page
    assert "0001/2026" in page
    assert "0002/2026" in page
    assert "Trần Văn Bình" in page

    def shown(**params: str) -> tuple[bool, bool]:
        text = desk.get("/reception/", params).content.decode()
        return "đèn đường hỏng" in text, "thu hồi đất" in text

    assert shown(reception_type="periodic") == (False, True)
    assert shown(q="den duong") == (True, False)  # diacritics optional
    assert shown(q="tran van binh") == (False, True)  # by the person's name
    assert shown(date_from="14/09/2026") == (True, False)
    assert shown(date_to="2026-09-12") == (False, True)
    # A date that does not parse is shown as an error, not a crash; the other filters still apply.
    response = desk.get("/reception/", {"date_from": "31/02/2026", "reception_type": "periodic"})
    assert response.status_code == 200
    assert "invalid" in error_codes(response)["date_from"]
    assert "thu hồi đất" in response.content.decode()


def test_denunciation_visits_show_no_name_in_the_register(desk: Client, commune: Commune) -> None:
    services.visit_record(
        actor=None,
        commune=commune,
        visited_at=at(2026, 9, 15, 9),
        reception_type="regular",
        mode="in_person",
        content="Tố cáo cán bộ địa chính nhận tiền",
        kind="denunciation",
        outcome="answered_on_spot",
        person={"name": "Trần Thị Bích Ngọc", "phone": "0912345678"},
    )
    page = desk.get("/reception/").content.decode()
    assert "Tố cáo cán bộ địa chính" in page
    assert "Bích Ngọc" not in page
    assert "0912345678" not in page


def test_user_of_another_commune_does_not_see_this_communes_register(
    client_for: Callable[..., Client], commune: Commune, other_commune: Commune, leader: User
) -> None:
    add_visit(commune, None, "Phản ánh đèn đường hỏng ở ngõ 3")
    session = add_session(commune, leader, dt.date(2026, 9, 17))
    theirs = client_for(Role.RECEPTION_OFFICER, commune_=other_commune)
    response = theirs.get("/reception/")
    assert response.status_code == 200
    assert "đèn đường hỏng" not in response.content.decode()
    assert "Phòng tiếp công dân UBND xã" not in theirs.get("/reception/schedule/").content.decode()
    assert (
        theirs.post(f"/reception/schedule/{session.pk}/cancel/", {"reason": "x"}).status_code == 404
    )
    session.refresh_from_db()
    assert not session.is_cancelled


# --- the visit form -------------------------------------------------------------------------------
def test_visit_with_a_returning_citizen(desk: Client, commune: Commune) -> None:
    citizen = petition_services.citizen_get_or_create(
        commune=commune, full_name="Nguyễn Văn An", phone="0912345678", id_number="031099001234"
    )
    form_page = desk.get("/reception/visit/")
    assert form_page.status_code == 200
    assert 'name="citizen_search"' in form_page.content.decode()
    for q in ("0912345", "nguyen van an", "031099"):
        found = desk.get("/reception/visit/citizens/", {"citizen_search": q}).content.decode()
        assert f'data-citizen-id="{citizen.pk}"' in found, q
    response = desk.post("/reception/visit/", visit_data(citizen_id=citizen.pk))
    assert response.status_code == 302
    assert response["Location"] == "/reception/"
    visit = ReceptionVisit.objects.get()
    assert visit.citizen == citizen
    assert Citizen.objects.count() == 1
    assert (visit.kind, visit.field, visit.outcome) == ("recommendation", "environment", "guided")
    assert visit.outcome_note == "Hướng dẫn gửi Công ty Điện lực"
    assert visit.visited_at == at(2026, 9, 15, 9, 30)
    assert visit.received_by is not None
    assert visit.host == visit.received_by
    assert Petition.objects.count() == 0
    register = desk.get(response["Location"]).content.decode()
    assert "0001/2026" in register
    assert "đèn chiếu sáng ngõ 3" in register


def test_visit_that_registers_a_petition_opens_its_receipt(desk: Client) -> None:
    response = desk.post(
        "/reception/visit/",
        visit_data(
            kind="complaint",
            field="land",
            outcome="petition_registered",
            outcome_note="",
            content="Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND",
            summary="Khiếu nại thu hồi đất",
        ),
    )
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/petitions/{petition.pk}/receipt/"
    visit = ReceptionVisit.objects.get()
    assert visit.petition == petition
    assert petition.citizen == visit.citizen
    assert petition.due_on is not None
    receipt = desk.get(response["Location"])
    assert receipt.status_code == 200
    page = receipt.content.decode()
    assert petition.case_number in page
    assert petition.tracking_code in page


def test_a_resubmitted_visit_is_recorded_once(desk: Client) -> None:
    first = desk.post("/reception/visit/", visit_data())
    second = desk.post("/reception/visit/", visit_data())
    assert ReceptionVisit.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"content": ""}, "content", "required"),
        ({"visited_at": "31/02/2026 09:00"}, "visited_at", "invalid"),
        ({"full_name": ""}, "full_name", "citizen_required"),
        ({"outcome": "petition_registered", "summary": ""}, "summary", "summary_required"),
        ({"outcome": "transferred", "outcome_note": ""}, "outcome_note", "outcome_note_required"),
        ({"outcome": "refused"}, "outcome", "invalid_choice"),
        ({"group_size": "0"}, "group_size", "min_value"),
        ({"visited_at": "2026-09-20T09:00"}, "__all__", "future"),
        ({"reception_type": "periodic"}, "__all__", "host_not_leader"),
    ],
)
def test_bad_input_keeps_what_was_typed(
    desk: Client, overrides: dict, field: str, code: str
) -> None:
    response = desk.post("/reception/visit/", visit_data(**overrides))
    assert response.status_code == 200
    assert code in error_codes(response)[field]
    page = response.content.decode()
    assert "Thôn Quang Thượng" in page  # the address typed
    if overrides.get("content") != "":
        assert "đèn chiếu sáng ngõ 3" in page
    assert ReceptionVisit.objects.count() == 0
    assert Citizen.objects.count() == 0


def test_handling_officer_cannot_record_visits(
    client_for: Callable[..., Client], unit: Unit
) -> None:
    officer = client_for(Role.HANDLING_OFFICER, unit=unit)
    assert officer.get("/reception/visit/").status_code == 403
    assert officer.post("/reception/visit/", visit_data()).status_code == 403
    assert officer.post("/reception/refuse/", {}).status_code == 403
    assert officer.get("/reception/").status_code == 403
    assert ReceptionVisit.objects.count() == 0


def test_unit_head_and_province_viewer_read_but_do_not_record(
    client_for: Callable[..., Client], unit: Unit
) -> None:
    for client in (client_for(Role.UNIT_HEAD, unit=unit), client_for(Role.PROVINCE_VIEWER)):
        assert client.get("/reception/").status_code == 200
        assert client.get("/reception/schedule/").status_code == 200
        assert client.get("/reception/visit/").status_code == 403
        assert client.post("/reception/schedule/", {"date": "17/09/2026"}).status_code == 403


def test_pages_need_login(client: Client, db: None) -> None:
    for url in ("/reception/", "/reception/schedule/", "/reception/visit/", "/reception/refuse/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


# --- refusal --------------------------------------------------------------------------------------
def test_refusal_form_drafts_the_notice(desk: Client) -> None:
    response = desk.post(
        "/reception/refuse/",
        {
            "reception_type": "regular",
            "mode": "in_person",
            "visited_at": "2026-09-15T10:15",
            "full_name": "Nguyễn Văn An",
            "address": "Thôn Quang Thượng",
            "group_size": "1",
            "ground": "threatens_or_violates_rules",
            "note": "Lớn tiếng xúc phạm cán bộ tiếp công dân",
            "authority": "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH",
            "signer_name": "Nguyễn Quốc Thịnh",
        },
    )
    notice = OutgoingDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{notice.pk}/"
    visit = ReceptionVisit.objects.get()
    assert (visit.outcome, visit.refusal_ground, visit.notice) == (
        "refused",
        "threatens_or_violates_rules",
        notice,
    )
    assert "khoản 2 Điều 9" in " ".join(b["text"] for b in notice.body)
    assert desk.get(response["Location"]).status_code == 200


def test_refusal_without_the_provision_of_law_is_kept_and_explained(desk: Client) -> None:
    response = desk.post(
        "/reception/refuse/",
        {
            "reception_type": "regular",
            "mode": "in_person",
            "visited_at": "2026-09-15T10:15",
            "full_name": "Nguyễn Văn An",
            "group_size": "1",
            "ground": "other_by_law",
            "note": "",
            "authority": "CHỦ TỊCH",
            "signer_name": "Nguyễn Quốc Thịnh",
        },
    )
    assert response.status_code == 200
    assert "note_required" in error_codes(response)["note"]
    assert "Nguyễn Văn An" in response.content.decode()
    assert ReceptionVisit.objects.count() == OutgoingDocument.objects.count() == 0


# --- the schedule ---------------------------------------------------------------------------------
def test_schedule_warns_until_the_leader_has_a_day_each_week(
    client_for: Callable[..., Client], commune: Commune, make_user: Callable[..., User]
) -> None:
    leader_user = make_user(Role.LEADER)
    leader = Client()
    leader.force_login(leader_user)
    page = leader.get("/reception/schedule/").content.decode()
    assert 'data-testid="rule-note"' in page
    assert "136/2025" in page
    assert 'data-testid="leader-days-warning"' in page
    assert 'data-testid="session-form"' in page
    for week in range(8):
        day = dt.date(2026, 9, 17) + dt.timedelta(weeks=week)
        response = leader.post(
            "/reception/schedule/",
            {
                "date": day.strftime("%d/%m/%Y"),
                "start_time": "07:30",
                "end_time": "11:30",
                "kind": "periodic",
                "host": leader_user.pk,
                "place": "Phòng tiếp công dân",
                "publish": "on",
            },
        )
        assert response.status_code == 302, day
    assert (
        ReceptionSession.objects.filter(commune=commune, kind="periodic", host=leader_user).count()
        == 8
    )
    page = leader.get("/reception/schedule/").content.decode()
    assert 'data-testid="leader-days-warning"' not in page
    assert "17/09/2026" in page


def test_a_holiday_session_is_refused_with_the_next_working_day(
    client_for: Callable[..., Client], leader: User
) -> None:
    client = client_for(Role.RECEPTION_OFFICER)
    response = client.post(
        "/reception/schedule/",
        {
            "date": "24/11/2026",
            "start_time": "07:30",
            "end_time": "11:30",
            "kind": "periodic",
            "host": leader.pk,
            "place": "Phòng tiếp công dân số 2",
        },
    )
    assert response.status_code == 200
    assert "non_working_day" in error_codes(response)["__all__"]
    page = response.content.decode()
    assert "25/11/2026" in page
    assert "Phòng tiếp công dân số 2" in page
    assert ReceptionSession.objects.count() == 0


def test_cancel_and_publish_a_session(desk: Client, commune: Commune, leader: User) -> None:
    session = add_session(commune, leader, dt.date(2026, 9, 17), publish=False)
    assert desk.post(f"/reception/schedule/{session.pk}/publish/").status_code == 302
    session.refresh_from_db()
    assert session.is_published
    assert desk.post(f"/reception/schedule/{session.pk}/cancel/", {"reason": ""}).status_code == 302
    session.refresh_from_db()
    assert not session.is_cancelled
    desk.post(f"/reception/schedule/{session.pk}/cancel/", {"reason": "Chủ tịch họp tại tỉnh"})
    session.refresh_from_db()
    assert session.is_cancelled


# --- the public schedule --------------------------------------------------------------------------
def test_public_schedule_without_login_shows_only_published_sessions_of_the_commune(
    client: Client,
    commune: Commune,
    other_commune: Commune,
    leader: User,
    make_user: Callable[..., User],
) -> None:
    add_session(commune, leader, dt.date(2026, 9, 17), place="Hội trường UBND xã An Quang")
    add_session(
        commune, leader, dt.date(2026, 9, 24), place="Phòng họp chưa công bố", publish=False
    )
    add_session(commune, leader, dt.date(2026, 9, 10), place="Buổi đã qua")
    theirs = make_user(Role.LEADER, commune_=other_commune)
    add_session(other_commune, theirs, dt.date(2026, 9, 17), place="Hội trường xã Tân Tiến")
    cancelled = add_session(commune, leader, dt.date(2026, 10, 1), place="Buổi bị hủy")
    services.session_cancel(actor=leader, session=cancelled, reason="Lý do nội bộ không công bố")

    response = client.get("/reception/public-schedule/AQ/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hội trường UBND xã An Quang" in page
    assert leader.display_name in page
    assert "Phòng họp chưa công bố" not in page
    assert "Buổi đã qua" not in page
    assert "Hội trường xã Tân Tiến" not in page
    assert "Buổi bị hủy" in page
    assert "Lý do nội bộ" not in page
    assert client.get("/reception/public-schedule/NOPE/").status_code == 404
