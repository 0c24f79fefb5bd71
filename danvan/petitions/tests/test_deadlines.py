"""The legal clocks of a petition against the rules (DOMAIN §0.3, §1.6, §2.3, §2.5, §3.1, §5.2,
§6.3) and the 2026 civil-service calendar (§12.3: Tết 16–20/02, 27/04, 30/04, 01/05, 31/08,
01–02/09 off; Saturdays 10/01 and 22/08 worked)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.accounts.models import User
from danvan.core import services as core_services
from danvan.core.models import AuditEvent, Commune, Deadline
from danvan.petitions import services
from danvan.petitions.models import Channel, Flag, Petition, PetitionEvent
from danvan.petitions.states import Closure, Kind, Status

from .factories import TODAY, clocks, evidence, issued_document, refused, register

pytestmark = pytest.mark.usefixtures("frozen_today")

D = dt.date
THU_12_FEB = D(2026, 2, 12)  # the Thursday before Tết Bính Ngọ


def open_codes(petition: Petition) -> set[str]:
    return set(clocks(petition, open_only=True))


def accepted_complaint(commune: Commune, leader: User, **kwargs: object) -> Petition:
    """DOMAIN §12.5 example 3: accepted Mon 03/08/2026; day 30 is Wed 02/09 (Quốc khánh) → Thu 03/09."""
    petition = register(commune, Kind.COMPLAINT, received_on=D(2026, 7, 31), **kwargs)
    return services.petition_accept(actor=leader, petition=petition, on=D(2026, 8, 3))


def accepted_denunciation(commune: Commune, leader: User, **kwargs: object) -> Petition:
    petition = register(commune, Kind.DENUNCIATION, received_on=THU_12_FEB, **kwargs)
    return services.petition_accept(actor=leader, petition=petition, on=D(2026, 2, 24))


# --- processing clocks on registration -----------------------------------------------------------
def test_complaint_processing_clock_is_10_calendar_days_rolled_past_the_weekend(
    commune: Commune,
) -> None:
    petition = register(commune, Kind.COMPLAINT, received_on=THU_12_FEB)
    clock = clocks(petition)["XLD-1"]
    # Day 10 after Thu 12/02 is Sun 22/02 (the end of the Tết break) → Mon 23/02.
    assert clock.started_on == THU_12_FEB
    assert clock.due_on == D(2026, 2, 23)
    assert clock.explanation["rolled_from"] == "2026-02-22"
    assert clock.is_open
    assert clock.commune == commune
    assert clock.label.startswith(petition.case_number)
    assert petition.due_on == D(2026, 2, 23)
    assert Petition.objects.get(pk=petition.pk).due_on == D(2026, 2, 23)


def test_denunciation_processing_clock_is_7_working_days_across_tet(commune: Commune) -> None:
    petition = register(commune, Kind.DENUNCIATION, received_on=THU_12_FEB)
    clock = clocks(petition)["TC-1"]
    # Counted by hand: Fri 13/02 = 1; Sat 14 – Sun 22/02 off (weekend, Tết 16–20/02, weekend);
    # Mon 23 = 2, Tue 24 = 3, Wed 25 = 4, Thu 26 = 5, Fri 27/02 = 6; Sat 28/02, Sun 01/03 off;
    # Mon 02/03 = 7.
    assert clock.due_on == D(2026, 3, 2)
    skipped = {s["day"] for s in clock.explanation["skipped"]}
    assert {"2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"} <= skipped
    assert petition.due_on == D(2026, 3, 2)
    assert open_codes(petition) == {"TC-1"}


@pytest.mark.parametrize(
    ("kind", "code", "due"),
    [
        (Kind.RECOMMENDATION, "XLD-1", D(2026, 2, 23)),
        (Kind.FEEDBACK, "XLD-1", D(2026, 2, 23)),
        (Kind.COMPLAINT, "XLD-1", D(2026, 2, 23)),
        (Kind.DENUNCIATION, "TC-1", D(2026, 3, 2)),
    ],
)
def test_processing_rule_of_each_kind(kind: str, code: str, due: dt.date, commune: Commune) -> None:
    petition = register(commune, kind, received_on=THU_12_FEB)
    assert open_codes(petition) == {code}
    assert petition.due_on == due


@pytest.mark.parametrize(
    ("channel", "code", "due"),
    [
        # DOMAIN §12.5 example 1: 10 working days from Thu 12/02/2026 → Thu 05/03/2026.
        (Channel.DESK, "TTTT-1", D(2026, 3, 5)),
        (Channel.HAND, "TTTT-1", D(2026, 3, 5)),
        (Channel.HOTLINE, "TTTT-1", D(2026, 3, 5)),  # any other channel: the in-person limit
        # 15 working days: 05/03 + Fri 06, Mon 09 … Thu 12/03.
        (Channel.ONLINE, "TTTT-4", D(2026, 3, 12)),
        (Channel.POST, "TTTT-7", D(2026, 3, 12)),
    ],
)
def test_information_request_clock_depends_on_the_channel(
    channel: str, code: str, due: dt.date, commune: Commune, leader: User
) -> None:
    petition = register(commune, Kind.INFO_REQUEST, received_on=THU_12_FEB, channel=channel)
    assert open_codes(petition) == {code}
    assert petition.due_on == due
    # Taking it into handling keeps the same clock running (no restart).
    services.petition_start_handling(actor=leader, petition=petition)
    assert open_codes(petition) == {code}
    assert petition.due_on == due


def test_starting_a_recommendation_replaces_the_processing_clock_by_the_answer_clock(
    commune: Commune, leader: User
) -> None:
    petition = register(commune, Kind.RECOMMENDATION, received_on=THU_12_FEB)
    services.petition_start_handling(actor=leader, petition=petition)
    assert open_codes(petition) == {"PAKN-1"}
    answer = clocks(petition)["PAKN-1"]
    assert answer.started_on == THU_12_FEB  # counted from receipt, not from the start of handling
    assert answer.due_on == D(2026, 3, 12)  # 15 working days
    assert clocks(petition)["XLD-1"].is_open is False
    assert petition.due_on == D(2026, 3, 12)


# --- acceptance ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("flags", "code", "due"),
    [
        ([], "KN-3", D(2026, 3, 25)),  # Mon 23/02 + 30 days = Wed 25/03
        ([Flag.COMPLEX], "KN-3C", D(2026, 4, 9)),  # + 45 days = Thu 09/04
        ([Flag.REMOTE], "KN-3R", D(2026, 4, 9)),
        ([Flag.REMOTE, Flag.COMPLEX], "KN-3RC", D(2026, 4, 24)),  # + 60 days = Fri 24/04
    ],
)
def test_accepting_a_complaint_starts_the_resolution_clock_from_acceptance(
    flags: list[str], code: str, due: dt.date, commune: Commune, leader: User
) -> None:
    petition = register(commune, Kind.COMPLAINT, received_on=THU_12_FEB, flags=flags)
    services.petition_accept(actor=leader, petition=petition, on=D(2026, 2, 23))
    assert open_codes(petition) == {code}
    clock = clocks(petition)[code]
    assert clock.started_on == D(2026, 2, 23)
    assert clock.due_on == due
    assert clocks(petition)["XLD-1"].is_open is False  # the processing clock stops
    assert Petition.objects.get(pk=petition.pk).due_on == due


def test_complaint_resolution_clock_rolls_past_quoc_khanh(commune: Commune, leader: User) -> None:
    petition = accepted_complaint(commune, leader)
    clock = clocks(petition)["KN-3"]
    assert clock.due_on == D(2026, 9, 3)
    assert clock.explanation["rolled_from"] == "2026-09-02"
    assert petition.due_on == D(2026, 9, 3)


def test_accepting_a_denunciation_starts_resolution_and_notice_clocks(
    commune: Commune, leader: User
) -> None:
    petition = accepted_denunciation(commune, leader)
    assert open_codes(petition) == {"TC-3", "TC-4"}
    assert clocks(petition)["TC-1"].is_open is False
    # TC-4: Tue 24/02 + 30 days = Thu 26/03. TC-3: 5 working days = Tue 03/03.
    assert clocks(petition)["TC-4"].due_on == D(2026, 3, 26)
    assert clocks(petition)["TC-3"].due_on == D(2026, 3, 3)
    assert petition.due_on == D(2026, 3, 3)  # the earliest open clock


def test_acceptance_date_is_checked(commune: Commune, leader: User) -> None:
    petition = register(commune, Kind.COMPLAINT, received_on=D(2026, 9, 10))
    with refused("cannot be accepted before it was received"):
        services.petition_accept(actor=leader, petition=petition, on=D(2026, 9, 9))
    with refused("cannot be in the future"):
        services.petition_accept(actor=leader, petition=petition, on=TODAY + dt.timedelta(days=1))
    petition.refresh_from_db()
    assert petition.status == Status.REGISTERED
    assert open_codes(petition) == {"XLD-1"}
    # By default the acceptance is dated today.
    services.petition_accept(actor=leader, petition=petition)
    assert clocks(petition)["KN-3"].started_on == TODAY


# --- forwarded denunciations: TC-8 ------------------------------------------------------------------
@pytest.mark.parametrize("channel", [Channel.PRESS, Channel.DEPUTY, Channel.AGENCY])
def test_forwarded_denunciation_has_a_20_day_notice_clock_that_survives_acceptance(
    channel: str, commune: Commune, leader: User
) -> None:
    petition = register(
        commune,
        Kind.DENUNCIATION,
        received_on=THU_12_FEB,
        channel=channel,
        forwarded_by="Báo Hải Phòng",
    )
    assert open_codes(petition) == {"TC-1", "TC-8"}
    assert clocks(petition)["TC-8"].due_on == D(2026, 3, 4)  # 12/02 + 20 days = Wed 04/03
    assert petition.due_on == D(2026, 3, 2)  # TC-1 is earlier
    services.petition_accept(actor=leader, petition=petition, on=D(2026, 2, 24))
    assert open_codes(petition) == {"TC-3", "TC-4", "TC-8"}
    assert clocks(petition)["TC-8"].due_on == D(2026, 3, 4)
    assert petition.due_on == D(2026, 3, 3)


def test_forwarded_denunciation_keeps_its_notice_clock_when_transferred(
    commune: Commune, leader: User
) -> None:
    petition = register(commune, Kind.DENUNCIATION, received_on=THU_12_FEB, channel=Channel.DEPUTY)
    services.petition_transfer(actor=leader, petition=petition, to="Thanh tra tỉnh")
    assert open_codes(petition) == {"TC-8"}
    assert petition.due_on == D(2026, 3, 4)


@pytest.mark.parametrize(
    ("kind", "channel"),
    [
        (Kind.DENUNCIATION, Channel.DESK),
        (Kind.DENUNCIATION, Channel.ONLINE),
        (Kind.COMPLAINT, Channel.PRESS),
        (Kind.RECOMMENDATION, Channel.DEPUTY),
    ],
)
def test_no_notice_clock_for_other_petitions(kind: str, channel: str, commune: Commune) -> None:
    petition = register(commune, kind, received_on=THU_12_FEB, channel=channel)
    assert "TC-8" not in clocks(petition)


# --- extensions ------------------------------------------------------------------------------------
def test_complaint_extension_is_added_to_the_due_date(commune: Commune, leader: User) -> None:
    petition = accepted_complaint(commune, leader)
    services.petition_extend(
        actor=leader, petition=petition, days=15, decided_on=D(2026, 9, 1), decision="QĐ 12/QĐ-UBND"
    )
    clock = clocks(petition)["KN-3"]
    assert clock.due_on == D(2026, 9, 18)  # Thu 03/09 + 15 days = Fri 18/09
    assert petition.due_on == D(2026, 9, 18)
    assert Petition.objects.get(pk=petition.pk).due_on == D(2026, 9, 18)
    assert clock.adjustments == [
        {
            "type": "extension",
            "days": 15,
            "unit": "CAL",
            "on": "2026-09-01",
            "decision": "QĐ 12/QĐ-UBND",
        }
    ]
    event = PetitionEvent.objects.get(petition=petition, verb="extended")
    assert "15" in event.text
    assert "QĐ 12/QĐ-UBND" in event.text
    assert event.is_public
    audit = AuditEvent.objects.get(verb="deadline.extended", object_id=str(clock.pk))
    assert audit.after == {"due_on": "2026-09-18", "days": 15}
    assert audit.reason == "QĐ 12/QĐ-UBND"
    with refused("at most 1 extension"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=5,
            decided_on=D(2026, 9, 10),
            decision="QĐ 13/QĐ-UBND",
        )
    assert clocks(petition)["KN-3"].due_on == D(2026, 9, 18)


def test_complaint_extension_beyond_15_days_is_refused(commune: Commune, leader: User) -> None:
    petition = accepted_complaint(commune, leader)
    with refused("may not exceed 15 days"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=16,
            decided_on=D(2026, 9, 1),
            decision="QĐ 12/QĐ-UBND",
        )
    with refused("may not exceed 15 days"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=0,
            decided_on=D(2026, 9, 1),
            decision="QĐ 12/QĐ-UBND",
        )
    assert clocks(petition)["KN-3"].adjustments == []
    assert petition.due_on == D(2026, 9, 3)


@pytest.mark.parametrize("flags", [[Flag.COMPLEX], [Flag.REMOTE, Flag.COMPLEX]])
def test_a_complex_complaint_cannot_be_extended_beyond_the_complex_limit(
    flags: list[str], commune: Commune, leader: User
) -> None:
    petition = accepted_complaint(commune, leader, flags=flags)
    with refused():
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=15,
            decided_on=D(2026, 9, 1),
            decision="QĐ 12/QĐ-UBND",
        )


def test_denunciation_extended_twice_by_30_days_then_refused(
    commune: Commune, leader: User
) -> None:
    petition = accepted_denunciation(commune, leader)
    assert clocks(petition)["TC-4"].due_on == D(2026, 3, 26)
    with refused("may not exceed 30 days"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=31,
            decided_on=D(2026, 3, 20),
            decision="QĐ 3/QĐ-UBND",
        )
    services.petition_extend(
        actor=leader, petition=petition, days=30, decided_on=D(2026, 3, 20), decision="QĐ 3/QĐ-UBND"
    )
    # Thu 26/03 + 30 = Sat 25/04; Sun 26/04 and Mon 27/04 (Giỗ Tổ) off → Tue 28/04.
    assert clocks(petition)["TC-4"].due_on == D(2026, 4, 28)
    services.petition_extend(
        actor=leader, petition=petition, days=30, decided_on=D(2026, 4, 20), decision="QĐ 7/QĐ-UBND"
    )
    assert clocks(petition)["TC-4"].due_on == D(2026, 5, 28)  # Tue 28/04 + 30 = Thu 28/05
    with refused("at most 2 extension"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=1,
            decided_on=D(2026, 5, 1),
            decision="QĐ 9/QĐ-UBND",
        )
    assert clocks(petition)["TC-4"].due_on == D(2026, 5, 28)
    assert len(clocks(petition)["TC-4"].adjustments) == 2
    assert PetitionEvent.objects.filter(petition=petition, verb="extended").count() == 2
    # TC-3 (the notice of acceptance) is still the earliest open clock.
    assert petition.due_on == D(2026, 3, 3)


def test_information_request_extension_is_at_most_15_days_once(
    commune: Commune, leader: User
) -> None:
    petition = register(commune, Kind.INFO_REQUEST, received_on=THU_12_FEB)
    services.petition_start_handling(actor=leader, petition=petition)
    with refused("may not exceed 15 days"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=16,
            decided_on=D(2026, 3, 4),
            decision="TB 2/TB-UBND",
        )
    services.petition_extend(
        actor=leader, petition=petition, days=15, decided_on=D(2026, 3, 4), decision="TB 2/TB-UBND"
    )
    assert petition.due_on == D(2026, 3, 20)  # Thu 05/03 + 15 days = Fri 20/03
    with refused("at most 1 extension"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=1,
            decided_on=D(2026, 3, 10),
            decision="TB 3/TB-UBND",
        )


def test_extension_must_be_decided_before_the_due_date(commune: Commune, leader: User) -> None:
    petition = accepted_complaint(commune, leader)
    with refused("before the due date"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=10,
            decided_on=D(2026, 9, 4),
            decision="QĐ 12/QĐ-UBND",
        )
    with refused("Name the decision"):
        services.petition_extend(
            actor=leader, petition=petition, days=10, decided_on=D(2026, 9, 1), decision=" "
        )
    assert petition.due_on == D(2026, 9, 3)


@pytest.mark.parametrize(
    ("kind", "steps"),
    [
        (Kind.RECOMMENDATION, ["start"]),
        (Kind.FEEDBACK, ["start"]),
        (Kind.COMPLAINT, []),  # the processing clock is not extended: only the resolution clock
        (Kind.DENUNCIATION, []),
        (Kind.COMPLAINT, ["accept", "close"]),
    ],
)
def test_clocks_that_cannot_be_extended(
    kind: str, steps: list[str], commune: Commune, leader: User
) -> None:
    petition = register(commune, kind, received_on=D(2026, 9, 10))
    for step in steps:
        if step == "start":
            services.petition_start_handling(actor=leader, petition=petition)
        elif step == "accept":
            services.petition_accept(actor=leader, petition=petition, on=D(2026, 9, 11))
        else:
            services.petition_withdraw(actor=leader, petition=petition, text="Đã rút đơn")
    due = petition.due_on
    with refused("cannot be extended"):
        services.petition_extend(
            actor=leader, petition=petition, days=5, decided_on=D(2026, 9, 11), decision="QĐ 1"
        )
    assert Petition.objects.get(pk=petition.pk).due_on == due


# --- suspension --------------------------------------------------------------------------------------
def test_suspension_then_resume_moves_the_due_date_by_the_suspended_working_days(
    commune: Commune, leader: User
) -> None:
    petition = accepted_complaint(commune, leader)
    services.petition_verify(actor=leader, petition=petition, text="Giao xác minh")
    services.petition_suspend(
        actor=leader, petition=petition, on=D(2026, 8, 10), reason="Chờ kết quả giám định"
    )
    clock = clocks(petition)["KN-3"]
    assert clock.suspended_on == D(2026, 8, 10)
    assert petition.status_before_suspension == Status.VERIFYING
    assert petition.due_on == D(2026, 9, 3)  # unchanged while it is stopped
    services.petition_resume(actor=leader, petition=petition, on=D(2026, 8, 24))
    petition.refresh_from_db()
    assert petition.status == Status.VERIFYING
    assert petition.status_before_suspension == ""
    clock = clocks(petition)["KN-3"]
    assert clock.suspended_on is None
    # Stopped Mon 10/08 … Sun 23/08: 10 weekdays plus the worked Saturday 22/08 = 11 working days.
    assert clock.explanation["adjustments"][0]["working_days"] == 11
    # Thu 03/09 + 11 working days: Fri 04/09 = 1, 07–11/09 = 2–6, 14–18/09 = 7–11 → Fri 18/09.
    assert clock.due_on == D(2026, 9, 18)
    assert petition.due_on == D(2026, 9, 18)
    assert [a["type"] for a in clock.adjustments] == ["suspension"]
    assert AuditEvent.objects.filter(verb="deadline.suspended", object_id=str(clock.pk)).exists()
    assert AuditEvent.objects.filter(verb="deadline.resumed", object_id=str(clock.pk)).exists()


def test_resuming_the_same_day_moves_nothing(commune: Commune, leader: User) -> None:
    petition = accepted_complaint(commune, leader)
    services.petition_suspend(
        actor=leader, petition=petition, on=D(2026, 8, 10), reason="Chờ kết quả"
    )
    services.petition_resume(actor=leader, petition=petition, on=D(2026, 8, 10))
    assert petition.due_on == D(2026, 9, 3)


def test_suspended_denunciation_keeps_its_other_clocks_running(
    commune: Commune, leader: User
) -> None:
    petition = accepted_denunciation(commune, leader)
    services.petition_suspend(
        actor=leader, petition=petition, on=D(2026, 3, 2), reason="Chờ kết luận thanh tra"
    )
    assert clocks(petition)["TC-4"].suspended_on == D(2026, 3, 2)
    assert clocks(petition)["TC-3"].suspended_on is None
    # Resumed Mon 09/03: Mon 02 … Fri 06/03 lost = 5 working days; Thu 26/03 + 5 WD = Thu 02/04.
    services.petition_resume(actor=leader, petition=petition, on=D(2026, 3, 9))
    assert clocks(petition)["TC-4"].due_on == D(2026, 4, 2)
    assert clocks(petition)["TC-3"].due_on == D(2026, 3, 3)


def test_suspension_and_extension_add_up(commune: Commune, leader: User) -> None:
    petition = accepted_complaint(commune, leader)
    services.petition_suspend(
        actor=leader, petition=petition, on=D(2026, 8, 10), reason="Chờ kết quả"
    )
    services.petition_resume(actor=leader, petition=petition, on=D(2026, 8, 24))
    services.petition_extend(
        actor=leader,
        petition=petition,
        days=15,
        decided_on=D(2026, 9, 15),
        decision="QĐ 20/QĐ-UBND",
    )
    # Fri 18/09 (after the suspension) + 15 days = Sat 03/10 → Mon 05/10.
    assert petition.due_on == D(2026, 10, 5)


def test_extension_is_refused_while_suspended_and_keeps_the_suspended_days_after(
    commune: Commune, leader: User
) -> None:
    petition = accepted_complaint(commune, leader)
    services.petition_suspend(
        actor=leader, petition=petition, on=D(2026, 8, 10), reason="Chờ kết quả"
    )
    with refused("resume it first"):
        services.petition_extend(
            actor=leader,
            petition=petition,
            days=15,
            decided_on=D(2026, 8, 12),
            decision="QĐ 20/QĐ-UBND",
        )
    services.petition_resume(actor=leader, petition=petition, on=D(2026, 8, 24))
    services.petition_extend(
        actor=leader,
        petition=petition,
        days=15,
        decided_on=D(2026, 8, 25),
        decision="QĐ 20/QĐ-UBND",
    )
    clock = clocks(petition)["KN-3"]
    assert [a.get("to") for a in clock.adjustments if a["type"] == "suspension"] == ["2026-08-24"]
    petition.refresh_from_db()
    # 03/09 + 11 working days = 18/09, + 15 days = Sat 03/10 → Mon 05/10.
    assert petition.due_on == D(2026, 10, 5)


def test_suspension_needs_a_ground(commune: Commune, leader: User) -> None:
    petition = accepted_complaint(commune, leader)
    with refused("ground for the suspension"):
        services.petition_suspend(actor=leader, petition=petition, on=D(2026, 8, 10), reason="  ")
    assert Petition.objects.get(pk=petition.pk).status == Status.ACCEPTED
    assert clocks(petition)["KN-3"].suspended_on is None


def test_suspended_information_request_resumes_its_clock(commune: Commune, leader: User) -> None:
    petition = register(commune, Kind.INFO_REQUEST, received_on=THU_12_FEB, channel=Channel.ONLINE)
    services.petition_start_handling(actor=leader, petition=petition)
    services.petition_suspend(
        actor=leader, petition=petition, on=D(2026, 3, 2), reason="Chờ bổ sung yêu cầu"
    )
    services.petition_resume(
        actor=leader, petition=petition, on=D(2026, 3, 4)
    )  # Mon 02, Tue 03 lost
    assert petition.status == Status.IN_PROGRESS
    assert petition.due_on == D(2026, 3, 16)  # Thu 12/03 + 2 WD = Mon 16/03


# --- decisions, answers and closure -----------------------------------------------------------------
def test_decision_stops_the_resolution_clock_and_starts_sending_the_decision(
    commune: Commune, leader: User
) -> None:
    petition = accepted_complaint(commune, leader)
    services.petition_verify(actor=leader, petition=petition, text="Giao xác minh")
    document = issued_document(commune, on=TODAY)
    services.petition_decide(
        actor=leader, petition=petition, text="Giữ nguyên quyết định", document=document
    )
    assert clocks(petition)["KN-3"].is_open is False
    assert open_codes(petition) == {"KN-4"}
    assert clocks(petition)["KN-4"].started_on == TODAY
    assert petition.due_on == D(2026, 9, 18)  # Tue 15/09 + 3 working days


def test_closing_closes_every_clock(commune: Commune, leader: User) -> None:
    petition = register(commune, Kind.DENUNCIATION, received_on=THU_12_FEB, channel=Channel.PRESS)
    services.petition_accept(actor=leader, petition=petition, on=D(2026, 2, 24))
    services.petition_suspend(
        actor=leader, petition=petition, on=D(2026, 3, 2), reason="Chờ kết quả"
    )
    assert open_codes(petition) == {"TC-3", "TC-4", "TC-8"}
    services.petition_close(
        actor=leader, petition=petition, closure=Closure.UNRESOLVED, text="Người bị tố cáo đã chết"
    )
    petition.refresh_from_db()
    assert petition.status == Status.CLOSED
    assert petition.due_on is None
    subject = Deadline.objects.filter(subject_type=services.SUBJECT, subject_id=str(petition.pk))
    assert subject.count() == 4  # TC-1, TC-8, TC-4, TC-3: all history now
    assert not subject.filter(is_open=True).exists()
    assert (
        AuditEvent.objects.filter(verb="deadline.closed", object_type="core.deadline").count() == 4
    )


def test_answer_closes_the_clocks_and_reopening_starts_a_new_one(
    commune: Commune, leader: User
) -> None:
    petition = register(commune, Kind.FEEDBACK, received_on=D(2026, 9, 1))
    services.petition_start_handling(actor=leader, petition=petition)
    services.petition_answer(
        actor=leader, petition=petition, text="Đã thay bóng đèn", evidence=evidence()
    )
    assert open_codes(petition) == set()
    assert petition.due_on is None
    services.petition_close(actor=leader, petition=petition, closure=Closure.RESOLVED)
    services.petition_reopen(actor=leader, petition=petition, reason="Đèn lại hỏng")
    petition.refresh_from_db()
    assert open_codes(petition) == {"PAKN-1"}
    reopened = clocks(petition, open_only=True)["PAKN-1"]
    assert reopened.started_on == TODAY
    # Tue 15/09 + 15 working days: 16–18/09 (3), 21–25/09 (8), 28/09–02/10 (13), Mon 05, Tue 06/10.
    assert reopened.due_on == D(2026, 10, 6)
    assert petition.due_on == D(2026, 10, 6)
    assert petition.closure == ""
    assert petition.closed_at is None
    assert petition.citizen_confirmed is False


def test_anonymous_route_stops_every_clock(commune: Commune, leader: User) -> None:
    petition = register(
        commune,
        Kind.DENUNCIATION,
        received_on=THU_12_FEB,
        flags=[Flag.ANONYMOUS],
        channel=Channel.PRESS,
    )
    services.petition_route_anonymous(actor=leader, petition=petition, note="Có chứng cứ cụ thể")
    assert open_codes(petition) == set()
    assert petition.due_on is None
    assert petition.is_anonymous_route is True


# --- the calendar changes ------------------------------------------------------------------------------
def test_a_new_day_off_moves_the_petition_due_date(
    commune: Commune, django_capture_on_commit_callbacks
) -> None:
    petition = register(commune, Kind.COMPLAINT, received_on=D(2026, 9, 14))
    assert petition.due_on == D(2026, 9, 24)
    with django_capture_on_commit_callbacks(execute=True):
        core_services.calendar_override_create(
            actor=None,
            date=D(2026, 9, 24),
            kind="off",
            name="Nghỉ đột xuất",
            legal_document="QĐ 1/QĐ-UBND",
        )
    assert clocks(petition)["XLD-1"].due_on == D(2026, 9, 25)
    petition.refresh_from_db()
    assert petition.due_on == D(2026, 9, 25)
