"""The legal lifecycle of each kind of petition (DOMAIN §1.7, §2.9, §3.7, §5, §6), walked through
the services: every legal move of states.TRANSITIONS, its timeline event and audit event, and the
illegal moves refused without leaving a trace."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from danvan.accounts.models import User
from danvan.core.models import AuditEvent, Commune
from danvan.petitions import services, states
from danvan.petitions.models import Attachment, Petition, PetitionEvent
from danvan.petitions.states import TERMINAL, TRANSITIONS, Closure, Kind, Status

from .factories import (
    TODAY,
    audit_verbs,
    clocks,
    event_verbs,
    evidence,
    issued_document,
    refused,
    register,
)

pytestmark = pytest.mark.usefixtures("frozen_today")

S = Status


@dataclass(frozen=True)
class Step:
    run: Callable[[Petition, User, Commune], Any]
    verb: str  # the timeline verb; the audit verb is "petition.<verb>"
    closure: str = ""


STEPS: dict[str, Step] = {
    "accept": Step(
        lambda p, a, c: services.petition_accept(actor=a, petition=p, on=TODAY), "accepted"
    ),
    "start": Step(
        lambda p, a, c: services.petition_start_handling(actor=a, petition=p, on=TODAY),
        "handling_started",
    ),
    "guide": Step(
        lambda p, a, c: services.petition_guide(
            actor=a, petition=p, to="Tòa án nhân dân khu vực 1"
        ),
        "guided",
        Closure.GUIDED,
    ),
    "transfer": Step(
        lambda p, a, c: services.petition_transfer(
            actor=a, petition=p, to="Thanh tra tỉnh Hải Phòng"
        ),
        "transferred",
        Closure.TRANSFERRED,
    ),
    "refuse": Step(
        lambda p, a, c: services.petition_refuse(
            actor=a, petition=p, legal_ground="Điều 11 Luật Khiếu nại 2011"
        ),
        "refused",
        Closure.REFUSED,
    ),
    "file": Step(
        lambda p, a, c: services.petition_file(
            actor=a, petition=p, reason="Đơn trùng, đã có kết quả giải quyết"
        ),
        "filed",
        Closure.FILED,
    ),
    "route_anonymous": Step(
        lambda p, a, c: services.petition_route_anonymous(
            actor=a, petition=p, note="Có tài liệu, chứng cứ cụ thể"
        ),
        "management_check",
    ),
    "verify": Step(
        lambda p, a, c: services.petition_verify(
            actor=a, petition=p, text="Giao Phòng Kinh tế xác minh"
        ),
        "verifying",
    ),
    "dialogue": Step(
        lambda p, a, c: services.petition_dialogue(
            actor=a, petition=p, text="Đối thoại 9h ngày 15/09/2026"
        ),
        "dialogue",
    ),
    "suspend": Step(
        lambda p, a, c: services.petition_suspend(
            actor=a, petition=p, on=TODAY, reason="Chờ kết quả giám định"
        ),
        "suspended",
    ),
    "resume": Step(
        lambda p, a, c: services.petition_resume(actor=a, petition=p, on=TODAY), "resumed"
    ),
    "decide": Step(
        lambda p, a, c: services.petition_decide(
            actor=a,
            petition=p,
            text="Giữ nguyên quyết định bị khiếu nại",
            document=issued_document(c),
        ),
        "decided",
    ),
    "answer": Step(
        lambda p, a, c: services.petition_answer(
            actor=a, petition=p, text="Đã sửa chữa xong", evidence=evidence()
        ),
        "answered",
    ),
    "close_resolved": Step(
        lambda p, a, c: services.petition_close(actor=a, petition=p, closure=Closure.RESOLVED),
        "closed",
        Closure.RESOLVED,
    ),
    "close_refused": Step(
        lambda p, a, c: services.petition_close(
            actor=a,
            petition=p,
            closure=Closure.REFUSED,
            legal_ground="Điều 11 khoản 9 Luật Khiếu nại",
        ),
        "closed",
        Closure.REFUSED,
    ),
    "close_transferred": Step(
        lambda p, a, c: services.petition_close(
            actor=a,
            petition=p,
            closure=Closure.TRANSFERRED,
            transferred_to="Tòa án nhân dân khu vực 1",
        ),
        "closed",
        Closure.TRANSFERRED,
    ),
    "close_unresolved": Step(
        lambda p, a, c: services.petition_close(
            actor=a, petition=p, closure=Closure.UNRESOLVED, text="Người gửi không hợp tác"
        ),
        "closed",
        Closure.UNRESOLVED,
    ),
    "withdraw": Step(
        lambda p, a, c: services.petition_withdraw(
            actor=a, petition=p, text="Đơn rút khiếu nại ngày 15/09/2026"
        ),
        "closed",
        Closure.WITHDRAWN,
    ),
    "reopen": Step(
        lambda p, a, c: services.petition_reopen(
            actor=a, petition=p, reason="Công dân cho biết chưa được giải quyết"
        ),
        "reopened",
    ),
}

# Each path: (kind, [(step, status after the step), …]). Together they take every legal move of
# TRANSITIONS except "→ merged", which no service performs (duplicates are attached with
# petition_merge_submission instead; see test_every_legal_move_is_walked).
PATHS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        Kind.COMPLAINT,
        [
            ("accept", S.ACCEPTED),
            ("verify", S.VERIFYING),
            ("dialogue", S.DIALOGUE),
            ("decide", S.DECIDED),
            ("close_resolved", S.CLOSED),
        ],
    ),
    (Kind.COMPLAINT, [("guide", S.GUIDED)]),
    (Kind.COMPLAINT, [("refuse", S.NOT_ACCEPTED)]),
    (Kind.COMPLAINT, [("file", S.FILED)]),
    (
        Kind.COMPLAINT,
        [
            ("accept", S.ACCEPTED),
            ("suspend", S.SUSPENDED),
            ("resume", S.ACCEPTED),
            ("close_unresolved", S.CLOSED),
        ],
    ),
    (
        Kind.COMPLAINT,
        [
            ("accept", S.ACCEPTED),
            ("verify", S.VERIFYING),
            ("suspend", S.SUSPENDED),
            ("resume", S.VERIFYING),
            ("decide", S.DECIDED),
            ("close_resolved", S.CLOSED),
        ],
    ),
    (
        Kind.COMPLAINT,
        [
            ("accept", S.ACCEPTED),
            ("verify", S.VERIFYING),
            ("dialogue", S.DIALOGUE),
            ("suspend", S.SUSPENDED),
            ("resume", S.DIALOGUE),
            ("close_refused", S.CLOSED),
        ],
    ),
    (Kind.COMPLAINT, [("accept", S.ACCEPTED), ("verify", S.VERIFYING), ("withdraw", S.CLOSED)]),
    (
        Kind.COMPLAINT,
        [("accept", S.ACCEPTED), ("suspend", S.SUSPENDED), ("close_transferred", S.CLOSED)],
    ),
    (
        Kind.DENUNCIATION,
        [
            ("accept", S.ACCEPTED),
            ("verify", S.VERIFYING),
            ("decide", S.DECIDED),
            ("close_resolved", S.CLOSED),
        ],
    ),
    (Kind.DENUNCIATION, [("transfer", S.TRANSFERRED)]),
    (Kind.DENUNCIATION, [("refuse", S.NOT_ACCEPTED)]),
    (Kind.DENUNCIATION, [("file", S.FILED)]),
    (Kind.DENUNCIATION, [("route_anonymous", S.MANAGEMENT_CHECK), ("close_unresolved", S.CLOSED)]),
    (
        Kind.DENUNCIATION,
        [
            ("accept", S.ACCEPTED),
            ("suspend", S.SUSPENDED),
            ("resume", S.ACCEPTED),
            ("withdraw", S.CLOSED),
        ],
    ),
    (
        Kind.DENUNCIATION,
        [
            ("accept", S.ACCEPTED),
            ("verify", S.VERIFYING),
            ("suspend", S.SUSPENDED),
            ("resume", S.VERIFYING),
            ("close_unresolved", S.CLOSED),
        ],
    ),
    (
        Kind.DENUNCIATION,
        [("accept", S.ACCEPTED), ("suspend", S.SUSPENDED), ("close_unresolved", S.CLOSED)],
    ),
    *[
        path
        for kind in (Kind.RECOMMENDATION, Kind.FEEDBACK)
        for path in [
            (
                kind,
                [
                    ("start", S.IN_PROGRESS),
                    ("answer", S.ANSWERED),
                    ("close_resolved", S.CLOSED),
                    ("reopen", S.IN_PROGRESS),
                    ("answer", S.ANSWERED),
                    ("reopen", S.IN_PROGRESS),
                    ("close_unresolved", S.CLOSED),
                ],
            ),
            (kind, [("transfer", S.TRANSFERRED)]),
            (kind, [("file", S.FILED)]),
            (
                kind,
                [
                    ("start", S.IN_PROGRESS),
                    ("suspend", S.SUSPENDED),
                    ("resume", S.IN_PROGRESS),
                    ("answer", S.ANSWERED),
                    ("close_resolved", S.CLOSED),
                ],
            ),
            (kind, [("start", S.IN_PROGRESS), ("suspend", S.SUSPENDED), ("withdraw", S.CLOSED)]),
        ]
    ],
    (
        Kind.INFO_REQUEST,
        [("start", S.IN_PROGRESS), ("answer", S.ANSWERED), ("close_resolved", S.CLOSED)],
    ),
    (Kind.INFO_REQUEST, [("refuse", S.NOT_ACCEPTED)]),
    (Kind.INFO_REQUEST, [("transfer", S.TRANSFERRED)]),
    (
        Kind.INFO_REQUEST,
        [
            ("start", S.IN_PROGRESS),
            ("suspend", S.SUSPENDED),
            ("resume", S.IN_PROGRESS),
            ("refuse", S.NOT_ACCEPTED),
        ],
    ),
]


def _path_id(path: tuple[str, list[tuple[str, str]]]) -> str:
    kind, steps = path
    return f"{kind}:" + ">".join(step for step, _status in steps)


def _edges(kind: str, steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    statuses = [S.REGISTERED, *(status for _step, status in steps)]
    return list(itertools.pairwise(statuses))


def test_every_legal_move_is_walked() -> None:
    walked = {(kind, a, b) for kind, steps in PATHS for a, b in _edges(kind, steps)}
    legal = {
        (kind, current, target)
        for kind, table in TRANSITIONS.items()
        for current, targets in table.items()
        for target in targets
        if target != S.MERGED
    }
    assert legal - walked == set()
    assert walked - legal == set()  # the table of paths itself only takes legal moves


@pytest.mark.parametrize("path", PATHS, ids=[_path_id(p) for p in PATHS])
def test_walk_legal_moves(
    path: tuple[str, list[tuple[str, str]]], commune: Commune, leader: User
) -> None:
    kind, steps = path
    petition = register(commune, kind, actor=leader)
    assert petition.status == S.REGISTERED
    expected_events = ["registered"]
    for name, status in steps:
        step = STEPS[name]
        before = Petition.objects.get(pk=petition.pk).status
        step.run(petition, leader, commune)
        petition.refresh_from_db()
        expected_events.append(step.verb)
        assert petition.status == status, name
        if step.closure:
            assert petition.closure == step.closure, name
        elif name == "reopen" or status not in (S.CLOSED, *TERMINAL):
            assert petition.closure == "", name
        # The timeline: one event per move, with the status it led to, by the actor.
        event = PetitionEvent.objects.filter(petition=petition).order_by("-at", "-id").first()
        assert (event.verb, event.status_after, event.actor) == (step.verb, status, leader)
        # The audit trail: "petition.<verb>", before and after.
        audit = (
            AuditEvent.objects.filter(object_type="petitions.petition", object_id=str(petition.pk))
            .order_by("-at", "-id")
            .first()
        )
        assert audit.verb == f"petition.{step.verb}"
        assert audit.actor == leader
        assert audit.commune == commune
        assert audit.before == {"status": before}
        assert audit.after == {"status": status, "closure": step.closure}
        # A case that ended is dated and keeps no running clock (but TC-8, see test_deadlines).
        if status in TERMINAL:
            assert petition.closed_at is not None
            assert petition.due_on is None
            assert clocks(petition, open_only=True) == {}
        else:
            assert petition.closed_at is None
            # An answer stops every clock; the anonymous route has none.
            assert (petition.due_on is None) == (status in (S.ANSWERED, S.MANAGEMENT_CHECK)), name
    assert event_verbs(petition) == expected_events
    assert audit_verbs(petition) == [f"petition.{verb}" for verb in expected_events]


def test_feedback_follows_the_recommendation_table() -> None:
    assert TRANSITIONS[Kind.FEEDBACK] == TRANSITIONS[Kind.RECOMMENDATION]


def test_state_helpers() -> None:
    assert states.can_move(Kind.COMPLAINT, S.REGISTERED, S.ACCEPTED)
    assert not states.can_move(Kind.COMPLAINT, S.REGISTERED, S.TRANSFERRED)
    assert not states.can_move(Kind.DENUNCIATION, S.REGISTERED, S.GUIDED)
    assert not states.can_move(Kind.DENUNCIATION, S.VERIFYING, S.DIALOGUE)
    assert states.allowed_moves(Kind.INFO_REQUEST, S.ANSWERED) == frozenset({S.CLOSED})
    assert states.allowed_moves(Kind.COMPLAINT, S.CLOSED) == frozenset()
    assert states.is_open(S.VERIFYING)
    assert states.is_open(S.SUSPENDED)
    assert not any(
        states.is_open(s)
        for s in (S.GUIDED, S.TRANSFERRED, S.NOT_ACCEPTED, S.FILED, S.MERGED, S.CLOSED)
    )
    # Nothing leaves an intake outcome; only a recommendation or feedback is reopened once closed.
    for kind, table in TRANSITIONS.items():
        assert S.REGISTERED in table
        for status in states.INTAKE_OUTCOMES:
            assert status not in table, (kind, status)
        if kind in (Kind.RECOMMENDATION, Kind.FEEDBACK):
            assert table[S.CLOSED] == frozenset({S.IN_PROGRESS})
        else:
            assert S.CLOSED not in table
        for targets in table.values():
            assert targets <= set(S.values)


# --- illegal moves --------------------------------------------------------------------------------
def _to(kind: str, commune: Commune, leader: User, *steps: str) -> Petition:
    petition = register(commune, kind, actor=leader)
    for name in steps:
        STEPS[name].run(petition, leader, commune)
    petition.refresh_from_db()
    return petition


ILLEGAL: list[tuple[str, tuple[str, ...], str]] = [
    # (kind, steps to reach the status, the illegal step)
    (Kind.DENUNCIATION, (), "guide"),
    (Kind.RECOMMENDATION, (), "guide"),
    (Kind.INFO_REQUEST, (), "guide"),
    (Kind.COMPLAINT, (), "transfer"),
    (Kind.RECOMMENDATION, (), "refuse"),
    (Kind.FEEDBACK, (), "refuse"),
    (Kind.INFO_REQUEST, (), "file"),
    (Kind.COMPLAINT, (), "route_anonymous"),
    (Kind.RECOMMENDATION, (), "route_anonymous"),
    (Kind.RECOMMENDATION, (), "accept"),
    (Kind.INFO_REQUEST, (), "accept"),
    (Kind.COMPLAINT, (), "start"),
    (Kind.DENUNCIATION, (), "start"),
    (Kind.COMPLAINT, (), "verify"),  # verification comes after acceptance
    (Kind.COMPLAINT, (), "decide"),
    (Kind.COMPLAINT, (), "close_unresolved"),  # intake ends with an outcome, not a closure
    (Kind.COMPLAINT, (), "resume"),
    (Kind.COMPLAINT, ("accept",), "accept"),  # accepted twice
    (Kind.DENUNCIATION, ("accept",), "accept"),
    (Kind.COMPLAINT, ("accept",), "decide"),  # no decision without verification
    (Kind.COMPLAINT, ("accept",), "dialogue"),
    (Kind.COMPLAINT, ("accept",), "guide"),
    (Kind.DENUNCIATION, ("accept", "verify"), "dialogue"),  # dialogue is a complaint step
    (Kind.COMPLAINT, ("accept", "verify"), "answer"),
    (Kind.DENUNCIATION, ("accept", "verify"), "answer"),
    (Kind.RECOMMENDATION, ("start",), "decide"),  # a recommendation is answered, not decided
    (Kind.FEEDBACK, ("start",), "decide"),
    (Kind.INFO_REQUEST, ("start",), "decide"),
    (Kind.RECOMMENDATION, ("start",), "verify"),
    (Kind.RECOMMENDATION, ("start",), "start"),
    (Kind.INFO_REQUEST, ("start",), "close_unresolved"),  # an info request ends answered or refused
    (Kind.INFO_REQUEST, ("start",), "withdraw"),
    (Kind.INFO_REQUEST, ("start", "suspend"), "close_unresolved"),
    (Kind.INFO_REQUEST, ("start", "answer"), "reopen"),
    (Kind.COMPLAINT, ("accept", "suspend"), "suspend"),  # suspended twice
    (Kind.COMPLAINT, ("accept", "verify", "decide"), "verify"),
    (Kind.COMPLAINT, ("accept", "verify", "decide"), "suspend"),
    (Kind.DENUNCIATION, ("route_anonymous",), "accept"),
    (Kind.DENUNCIATION, ("route_anonymous",), "route_anonymous"),
    (Kind.RECOMMENDATION, ("start", "answer"), "answer"),
]


@pytest.mark.parametrize(
    ("kind", "reach", "step"),
    ILLEGAL,
    ids=[f"{k}:{'>'.join(r) or 'registered'}:{s}" for k, r, s in ILLEGAL],
)
def test_illegal_move_is_refused_and_leaves_no_trace(
    kind: str, reach: tuple[str, ...], step: str, commune: Commune, leader: User
) -> None:
    petition = _to(kind, commune, leader, *reach)
    status, closure, due_on = petition.status, petition.closure, petition.due_on
    events = PetitionEvent.objects.count()
    audits = AuditEvent.objects.filter(object_type="petitions.petition").count()
    open_clocks = sorted(clocks(petition, open_only=True))
    attachments = Attachment.objects.count()
    with refused():
        STEPS[step].run(petition, leader, commune)
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.status, fresh.closure, fresh.due_on) == (status, closure, due_on)
    assert PetitionEvent.objects.count() == events
    assert AuditEvent.objects.filter(object_type="petitions.petition").count() == audits
    assert sorted(clocks(fresh, open_only=True)) == open_clocks
    assert Attachment.objects.count() == attachments


TERMINAL_REACHES: list[tuple[str, tuple[str, ...]]] = [
    (Kind.COMPLAINT, ("guide",)),
    (Kind.COMPLAINT, ("refuse",)),
    (Kind.COMPLAINT, ("file",)),
    (Kind.COMPLAINT, ("accept", "withdraw")),
    (Kind.DENUNCIATION, ("transfer",)),
    (Kind.DENUNCIATION, ("accept", "close_unresolved")),
    (Kind.RECOMMENDATION, ("transfer",)),
    (Kind.INFO_REQUEST, ("refuse",)),
    (Kind.INFO_REQUEST, ("start", "answer", "close_resolved")),
]


@pytest.mark.parametrize(
    ("kind", "reach"), TERMINAL_REACHES, ids=[f"{k}:{'>'.join(r)}" for k, r in TERMINAL_REACHES]
)
def test_nothing_moves_out_of_a_terminal_status(
    kind: str, reach: tuple[str, ...], commune: Commune, leader: User
) -> None:
    petition = _to(kind, commune, leader, *reach)
    assert petition.status in TERMINAL
    snapshot = (petition.status, petition.closure, petition.closed_at, petition.due_on)
    events = PetitionEvent.objects.count()
    audits = AuditEvent.objects.filter(object_type="petitions.petition").count()
    for step in (
        "accept",
        "start",
        "guide",
        "transfer",
        "refuse",
        "file",
        "route_anonymous",
        "verify",
        "dialogue",
        "suspend",
        "resume",
        "answer",
        "close_resolved",
        "close_unresolved",
        "withdraw",
        "reopen",
    ):
        with refused():
            STEPS[step].run(petition, leader, commune)
        fresh = Petition.objects.get(pk=petition.pk)
        assert (fresh.status, fresh.closure, fresh.closed_at, fresh.due_on) == snapshot, step
    assert PetitionEvent.objects.count() == events
    assert AuditEvent.objects.filter(object_type="petitions.petition").count() == audits
    assert Attachment.objects.filter(
        purpose=Attachment.Purpose.ANSWER, petition=petition
    ).count() == (1 if "answer" in reach else 0)


def test_illegal_move_message_names_the_statuses(commune: Commune, leader: User) -> None:
    petition = register(commune, Kind.DENUNCIATION)
    with refused("denunciation cannot go from “Registered, being processed” to “Guided"):
        STEPS["guide"].run(petition, leader, commune)


LEAVE_SUSPENSION = [
    (Kind.COMPLAINT, ("accept", "suspend"), "accept"),
    (Kind.COMPLAINT, ("accept", "suspend"), "verify"),
    (Kind.COMPLAINT, ("accept", "verify", "suspend"), "dialogue"),
    (Kind.DENUNCIATION, ("accept", "suspend"), "accept"),
    (Kind.DENUNCIATION, ("accept", "suspend"), "verify"),
]


@pytest.mark.parametrize(
    ("kind", "reach", "step"), LEAVE_SUSPENSION, ids=[f"{k}:{s}" for k, _r, s in LEAVE_SUSPENSION]
)
def test_a_suspended_case_leaves_suspension_only_by_resuming(
    kind: str, reach: tuple[str, ...], step: str, commune: Commune, leader: User
) -> None:
    petition = _to(kind, commune, leader, *reach)
    with refused():
        STEPS[step].run(petition, leader, commune)


def test_a_suspended_recommendation_leaves_suspension_only_by_resuming(
    commune: Commune, leader: User
) -> None:
    petition = _to(Kind.RECOMMENDATION, commune, leader, "start", "suspend")
    with refused():
        STEPS["start"].run(petition, leader, commune)


def test_resume_of_a_case_that_is_not_suspended_is_refused(commune: Commune, leader: User) -> None:
    petition = _to(Kind.COMPLAINT, commune, leader, "accept")
    with refused():
        STEPS["resume"].run(petition, leader, commune)
