"""Reception services: the register's numbering, visits with petitions, denunciations,
refusals and their notice, the schedule and the leader's reception days.

Messages are not translated yet: errors are checked by their `code`."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from danvan.accounts.models import User
from danvan.core.models import AuditEvent, Commune, Deadline, ReceptionPeriod
from danvan.core.text import fold
from danvan.documents.models import OutgoingDocument
from danvan.petitions import services as petition_services
from danvan.petitions.models import Citizen, DenouncerIdentity, Petition
from danvan.reception import services
from danvan.reception.models import ReceptionSession, ReceptionVisit
from danvan.reception.selectors import missing_leader_days

from .conftest import TODAY, at

D = dt.date
T = dt.time
PERSON = {
    "name": "Lê Văn Hùng",
    "phone": "0987654321",
    "id_number": "031080005678",
    "address": "Thôn Tây Sơn",
}
DENOUNCER = {
    "name": "Trần Thị Bích Ngọc",
    "phone": "0912345678",
    "id_number": "031190001234",
    "address": "Số 12 ngõ 5 thôn Đông Sơn",
}


@contextlib.contextmanager
def refused(code: str) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    with pytest.raises(ValidationError) as info:
        yield info
    assert [e.code for e in info.value.error_list] == [code]


def record(commune: Commune, actor: Any, **overrides: Any) -> ReceptionVisit:
    kwargs: dict[str, Any] = {
        "actor": actor,
        "commune": commune,
        "visited_at": at(2026, 9, 15, 9),
        "reception_type": "regular",
        "mode": "in_person",
        "content": "Hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất cho thửa đất thừa kế",
        "kind": "recommendation",
        "outcome": "answered_on_spot",
        "outcome_note": "Đã hướng dẫn hồ sơ theo quy định",
        "person": dict(PERSON),
    }
    kwargs.update(overrides)
    return services.visit_record(**kwargs)


def schedule(commune: Commune, actor: Any, host: Any, day: D, **overrides: Any) -> ReceptionSession:
    kwargs: dict[str, Any] = {
        "actor": actor,
        "commune": commune,
        "date": day,
        "kind": "periodic",
        "host": host,
        "start_time": T(7, 30),
        "end_time": T(11, 30),
        "place": "Phòng tiếp công dân, trụ sở UBND xã",
        "note": "",
        "publish": True,
    }
    kwargs.update(overrides)
    return services.session_schedule(**kwargs)


# --- the register: numbers ---------------------------------------------------------------------
def test_numbers_run_per_commune_and_year(
    commune: Commune, other_commune: Commune, desk_officer: User
) -> None:
    first = record(commune, desk_officer)
    second = record(commune, desk_officer, visited_at=at(2026, 9, 15, 10))
    last_year = record(commune, desk_officer, visited_at=at(2025, 12, 30))
    elsewhere = record(other_commune, None, person={"name": "Phạm Thị Lan"})
    assert [(v.year, v.number) for v in (first, second, last_year, elsewhere)] == [
        (2026, 1),
        (2026, 2),
        (2025, 1),
        (2026, 1),
    ]
    assert second.number_display == "0002/2026"
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionVisit.objects.create(
            commune=commune,
            year=2026,
            number=2,
            visited_at=at(2026, 9, 15),
            reception_type="regular",
            content="x",
            outcome="answered_on_spot",
        )


def test_the_year_is_the_local_one(commune: Commune, desk_officer: User) -> None:
    # 31/12/2025 23:30 in Hà Nội is still 2025 there (16:30 UTC).
    visit = record(commune, desk_officer, visited_at=at(2025, 12, 31, 23, 30))
    assert (visit.year, visit.number) == (2025, 1)


def test_a_visit_is_audited_and_a_new_person_becomes_a_citizen(
    commune: Commune, desk_officer: User
) -> None:
    visit = record(commune, desk_officer)
    assert visit.citizen is not None
    assert visit.citizen.full_name == "Lê Văn Hùng"
    assert visit.received_by == desk_officer
    assert visit.outcome == "answered_on_spot"
    assert visit.petition is None
    event = AuditEvent.objects.get(verb="reception.visit_recorded", object_id=str(visit.pk))
    assert event.actor == desk_officer
    assert "Lê Văn Hùng" not in str(event.after)
    # The same person again is the same citizen.
    again = record(commune, desk_officer, visited_at=at(2026, 9, 15, 11))
    assert again.citizen == visit.citizen
    assert Citizen.objects.count() == 1


def test_a_group_of_five_is_a_delegation(commune: Commune, desk_officer: User) -> None:
    small = record(commune, desk_officer, group_size=4, representatives=["Lê Văn Hùng"])
    big = record(commune, desk_officer, group_size=5, representatives=["Lê Văn Hùng", "Đỗ Văn Nam"])
    assert (small.is_delegation, big.is_delegation) == (False, True)
    assert services.DELEGATION_THRESHOLD == 5
    assert big.representatives == ["Lê Văn Hùng", "Đỗ Văn Nam"]
    with refused("too_many_representatives"):
        record(commune, desk_officer, group_size=6, representatives=["A Văn", "B Văn", "C Văn"])


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"outcome": "refused"}, "use_refuse"),
        ({"outcome": "petition_registered"}, "petition_mismatch"),
        ({"register_petition": True, "outcome": "guided"}, "petition_mismatch"),
        ({"outcome": "guided", "outcome_note": ""}, "outcome_note_required"),
        ({"content": "  "}, "content"),
        ({"person": None}, "citizen_required"),
        ({"visited_at": at(2026, 9, 16, 9)}, "future"),
        ({"reception_type": "periodic"}, "host_not_leader"),  # the desk officer receives by default
        ({"register_petition": True, "outcome": "petition_registered"}, "summary_required"),
    ],
)
def test_visit_input_is_checked(
    commune: Commune, desk_officer: User, overrides: dict, code: str
) -> None:
    with refused(code):
        record(commune, desk_officer, **overrides)
    assert ReceptionVisit.objects.count() == 0


def test_a_periodic_visit_is_received_by_a_leader(
    commune: Commune, desk_officer: User, leader: User
) -> None:
    with refused("host_not_leader"):
        record(commune, desk_officer, reception_type="periodic", host=desk_officer)
    with refused("host_required"):
        record(commune, None, reception_type="periodic")
    visit = record(commune, desk_officer, reception_type="periodic", host=leader)
    assert visit.host == leader
    assert visit.received_by == desk_officer


def test_a_visit_in_a_session_takes_its_type_and_host(
    commune: Commune, desk_officer: User, leader: User
) -> None:
    session = schedule(commune, leader, leader, D(2026, 9, 15), publish=False)
    visit = record(commune, desk_officer, session=session, reception_type="regular")
    assert (visit.session, visit.reception_type, visit.host) == (session, "periodic", leader)
    assert record(commune, desk_officer).host == desk_officer  # no session: the recorder received


# --- visits that register a petition -----------------------------------------------------------
def test_visit_with_petition_links_both_and_starts_the_clock(
    commune: Commune, desk_officer: User
) -> None:
    visit = record(
        commune,
        desk_officer,
        kind="complaint",
        field="land",
        content="Khiếu nại Quyết định thu hồi đất số 12/QĐ-UBND vì chưa được bồi thường",
        previous_bodies="Chưa cơ quan nào giải quyết",
        outcome="petition_registered",
        outcome_note="",
        register_petition=True,
        petition_kwargs={"summary": "Khiếu nại quyết định thu hồi đất"},
    )
    petition = Petition.objects.get()
    assert visit.petition == petition
    assert list(petition.reception_visits.all()) == [visit]
    assert petition.citizen == visit.citizen
    assert (petition.kind, petition.channel, petition.field) == ("complaint", "desk", "land")
    assert petition.received_on == TODAY
    assert petition.previous_handling == "Chưa cơ quan nào giải quyết"
    assert petition.due_on == D(2026, 9, 25)  # XLD-1: 10 days to process
    assert Deadline.objects.filter(
        subject_type="petitions.petition", subject_id=str(petition.pk), is_open=True
    ).exists()
    assert petition.events.filter(verb="registered").exists()
    assert getattr(visit.petition, "tracking_secret", "")  # for the receipt


def test_online_visit_registers_an_online_petition(commune: Commune, desk_officer: User) -> None:
    visit = record(
        commune,
        desk_officer,
        mode="online",
        kind="feedback",
        outcome="petition_registered",
        outcome_note="",
        register_petition=True,
        petition_kwargs={"summary": "Phản ánh đèn đường hỏng"},
    )
    assert visit.petition is not None
    assert visit.petition.channel == "online"


def test_a_refused_petition_leaves_nothing_behind(commune: Commune, desk_officer: User) -> None:
    # A complaint by 6 people without representatives cannot be registered (Luật KN Art 8(4)).
    with pytest.raises(ValidationError):
        record(
            commune,
            desk_officer,
            kind="complaint",
            group_size=6,
            outcome="petition_registered",
            outcome_note="",
            register_petition=True,
            petition_kwargs={"summary": "Khiếu nại tập thể"},
        )
    assert (
        ReceptionVisit.objects.count() == Petition.objects.count() == Citizen.objects.count() == 0
    )
    assert record(commune, desk_officer).number == 1  # the number was given back


# --- denunciations -------------------------------------------------------------------------------
def _assert_no_identity(visit: ReceptionVisit) -> None:
    row = ReceptionVisit.objects.filter(pk=visit.pk).values().get()
    text = " ".join(str(value) for value in row.values()).lower()
    for value in DENOUNCER.values():
        assert value.lower() not in text, value
    for event in AuditEvent.objects.filter(object_type="reception.receptionvisit"):
        for value in DENOUNCER.values():
            assert value not in f"{event.after} {event.reason} {event.object_repr}"


def test_denunciation_visit_stores_no_person(commune: Commune, desk_officer: User) -> None:
    visit = record(
        commune,
        desk_officer,
        kind="denunciation",
        person=dict(DENOUNCER),
        group_size=2,
        representatives=["Trần Thị Bích Ngọc"],
        content="Tôi là Trần Thị Bích Ngọc (0912345678), tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ",
        outcome="petition_registered",
        outcome_note="",
        register_petition=True,
        petition_kwargs={"summary": "Trần Thị Bích Ngọc tố cáo cán bộ địa chính nhận tiền"},
    )
    assert visit.citizen_id is None
    assert visit.representatives == []
    assert "tố cáo cán bộ địa chính" in visit.content
    _assert_no_identity(visit)
    assert Citizen.objects.count() == 0
    petition = visit.petition
    assert petition is not None
    assert petition.citizen_id is None
    # The identity went with the petition, into the encrypted store, and nowhere else.
    assert DenouncerIdentity.objects.filter(petition=petition).exists()
    assert DENOUNCER["name"] not in f"{petition.content} {petition.summary}"
    assert fold(DENOUNCER["name"]) not in petition.search_folded
    assert "tố cáo cán bộ địa chính" in petition.content
    assert visit.person_display != DENOUNCER["name"]


def test_denunciation_answered_on_the_spot_keeps_no_identity_at_all(
    commune: Commune, desk_officer: User
) -> None:
    visit = record(
        commune,
        desk_officer,
        kind="denunciation",
        person=dict(DENOUNCER),
        content="Bà Trần Thị Bích Ngọc hỏi về cách gửi đơn tố cáo",
        outcome="answered_on_spot",
    )
    _assert_no_identity(visit)
    assert Citizen.objects.count() == DenouncerIdentity.objects.count() == 0


def test_the_database_refuses_a_denunciation_visit_with_a_citizen(commune: Commune) -> None:
    citizen = petition_services.citizen_get_or_create(commune=commune, full_name="Lê Văn Hùng")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionVisit.objects.create(
            commune=commune,
            year=2026,
            number=1,
            visited_at=at(2026, 9, 15),
            reception_type="regular",
            content="x",
            kind="denunciation",
            outcome="answered_on_spot",
            citizen=citizen,
        )


# --- refusals --------------------------------------------------------------------------------------
def refuse(commune: Commune, actor: Any, **overrides: Any) -> ReceptionVisit:
    kwargs: dict[str, Any] = {
        "actor": actor,
        "commune": commune,
        "visited_at": at(2026, 9, 15, 14, 5),
        "ground": "intoxicated_or_incapable",
        "note": "Có mùi rượu nồng, nói năng không kiểm soát, không trình bày được nội dung",
        "signer_name": "Nguyễn Quốc Thịnh",
        "authority_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        "person": dict(PERSON),
    }
    kwargs.update(overrides)
    return services.visit_refuse(**kwargs)


@pytest.mark.parametrize(
    ("ground", "clause"),
    [
        ("intoxicated_or_incapable", 1),
        ("threatens_or_violates_rules", 2),
        ("persists_after_final_resolution", 3),
        ("other_by_law", 4),
    ],
)
def test_refusal_records_its_ground_and_drafts_the_notice(
    commune: Commune, desk_officer: User, ground: str, clause: int
) -> None:
    visit = refuse(commune, desk_officer, ground=ground)
    visit.refresh_from_db()
    assert (visit.outcome, visit.refusal_ground) == ("refused", ground)
    assert visit.refusal_note.startswith("Có mùi rượu")
    notice = OutgoingDocument.objects.get()
    assert visit.notice == notice
    assert (notice.doc_type, notice.status) == ("TB", "draft")
    assert notice.title == "Thông báo về việc từ chối tiếp công dân"
    assert (notice.source_type, notice.source_id) == ("reception.receptionvisit", str(visit.pk))
    body = " ".join(block["text"] for block in notice.body)
    assert "Luật Tiếp công dân" in body
    assert f"khoản {clause} Điều 9 Luật Tiếp công dân" in body
    assert "14 giờ 05 phút, ngày 15 tháng 9 năm 2026" in body
    assert "Ông/Bà Lê Văn Hùng" in body
    assert "Ông/Bà Lê Văn Hùng" in notice.recipients
    assert AuditEvent.objects.filter(
        verb="reception.visit_refused", object_id=str(visit.pk)
    ).exists()
    assert AuditEvent.objects.filter(verb="document.drafted", object_id=str(notice.pk)).exists()


def test_refusal_checks(commune: Commune, desk_officer: User) -> None:
    with refused("note_required"):
        refuse(commune, desk_officer, ground="other_by_law", note=" ")
    with refused("ground"):
        refuse(commune, desk_officer, ground="tired")
    with refused("citizen_required"):
        refuse(commune, desk_officer, person=None)
    with pytest.raises(ValidationError):  # the documents app refuses a notice without a signer
        refuse(commune, desk_officer, signer_name=" ")
    assert ReceptionVisit.objects.count() == OutgoingDocument.objects.count() == 0


def test_refusing_a_denouncer_names_nobody(commune: Commune, desk_officer: User) -> None:
    visit = refuse(
        commune,
        desk_officer,
        kind="denunciation",
        person=dict(DENOUNCER),
        note="Bà Trần Thị Bích Ngọc có lời lẽ xúc phạm cán bộ tiếp dân",
        ground="threatens_or_violates_rules",
    )
    assert visit.citizen_id is None
    _assert_no_identity(visit)
    body = " ".join(block["text"] for block in OutgoingDocument.objects.get().body)
    assert DENOUNCER["name"] not in body


# --- the schedule ---------------------------------------------------------------------------------
def test_schedule_a_periodic_session(commune: Commune, desk_officer: User, leader: User) -> None:
    session = schedule(commune, desk_officer, leader, D(2026, 9, 17))
    assert (session.kind, session.host, session.is_published) == ("periodic", leader, True)
    assert AuditEvent.objects.filter(
        verb="reception.session_scheduled", object_id=str(session.pk)
    ).exists()


@pytest.mark.parametrize(
    ("day", "next_day"),
    [
        (D(2026, 11, 24), "25/11/2026"),  # Ngày Văn hóa Việt Nam (a Tuesday)
        (D(2026, 9, 19), "21/09/2026"),  # a Saturday
        (D(2027, 1, 1), "04/01/2027"),  # New Year's Day, a Friday
    ],
)
def test_a_periodic_session_on_a_day_off_is_refused_with_the_next_working_day(
    commune: Commune, leader: User, day: D, next_day: str
) -> None:
    with refused("non_working_day") as info:
        schedule(commune, leader, leader, day)
    assert info.value.params["next"] == next_day
    assert next_day in " ".join(info.value.messages)
    assert ReceptionSession.objects.count() == 0


def test_a_swapped_saturday_is_a_working_day_and_ad_hoc_may_be_any_day(
    commune: Commune, leader: User
) -> None:
    assert schedule(commune, leader, leader, D(2026, 8, 22)).date == D(2026, 8, 22)
    assert schedule(commune, leader, None, D(2026, 9, 19), kind="adhoc").kind == "adhoc"


def test_session_checks(commune: Commune, desk_officer: User, leader: User, make_user) -> None:
    with refused("host_required"):
        schedule(commune, leader, None, D(2026, 9, 17))
    with refused("host_not_leader"):
        schedule(commune, leader, desk_officer, D(2026, 9, 17))
    with refused("times"):
        schedule(commune, leader, leader, D(2026, 9, 17), start_time=T(11), end_time=T(8))
    with refused("place"):
        schedule(commune, leader, leader, D(2026, 9, 17), place=" ")
    with refused("date_range"):
        schedule(commune, leader, leader, D(2027, 12, 1))
    stranger = make_user(
        "leader",
        commune_=Commune.objects.create(province=commune.province, code="X9", name="Xã khác"),
    )
    with refused("foreign_host"):
        schedule(commune, leader, stranger, D(2026, 9, 17), kind="regular")


def test_cancel_a_session(commune: Commune, leader: User) -> None:
    session = schedule(commune, leader, leader, D(2026, 9, 17))
    with refused("reason_required"):
        services.session_cancel(actor=leader, session=session, reason=" ")
    services.session_cancel(actor=leader, session=session, reason="Chủ tịch họp tại tỉnh")
    session.refresh_from_db()
    assert session.is_cancelled
    assert session.cancel_reason == "Chủ tịch họp tại tỉnh"
    with refused("already_cancelled"):
        services.session_cancel(actor=leader, session=session, reason="again")
    with refused("cancelled_session"):
        record(commune, leader, session=session)


# --- the leader's reception days ------------------------------------------------------------------
def test_missing_leader_weeks(commune: Commune, leader: User, desk_officer: User) -> None:
    schedule(commune, leader, leader, D(2026, 9, 16))  # week of 14/09: held
    cancelled = schedule(commune, leader, leader, D(2026, 9, 22))  # week of 21/09: cancelled…
    services.session_cancel(actor=leader, session=cancelled, reason="Họp đột xuất")
    schedule(
        commune, leader, desk_officer, D(2026, 9, 23), kind="regular"
    )  # …and a regular day does not count
    schedule(commune, leader, leader, D(2026, 9, 30))  # week of 28/09: held
    shortfalls = missing_leader_days(commune, TODAY, 3)
    assert [(s.start, s.end, s.held, s.required, s.period) for s in shortfalls] == [
        (D(2026, 9, 21), D(2026, 9, 27), 0, 1, "week")
    ]
    assert shortfalls[0].missing == 1


def test_missing_leader_months(commune: Commune, leader: User) -> None:
    Commune.objects.filter(pk=commune.pk).update(
        reception_min_days=2, reception_period=ReceptionPeriod.MONTH
    )
    commune.refresh_from_db()
    schedule(commune, leader, leader, D(2026, 9, 16))
    schedule(commune, leader, leader, D(2026, 9, 17))
    schedule(commune, leader, leader, D(2026, 10, 7))
    schedule(
        commune, leader, leader, D(2026, 10, 7), start_time=T(13, 30), end_time=T(16, 30)
    )  # same day
    shortfalls = missing_leader_days(commune, TODAY, 4)  # 15/09 – 12/10: September and October
    assert [(s.start, s.end, s.held, s.required, s.period) for s in shortfalls] == [
        (D(2026, 10, 1), D(2026, 10, 31), 1, 2, "month")
    ]


def test_a_week_without_working_days_requires_nothing(commune: Commune) -> None:
    assert missing_leader_days(commune, D(2026, 2, 16), 1) == []  # Tết Bính Ngọ
    assert [s.start for s in missing_leader_days(commune, D(2026, 2, 16), 2)] == [D(2026, 2, 23)]


def test_sessions_of_someone_no_longer_leader_do_not_count(commune: Commune, leader: User) -> None:
    schedule(commune, leader, leader, D(2026, 9, 16))
    leader.memberships.update(is_active=False)
    assert len(missing_leader_days(commune, TODAY, 1)) == 1
