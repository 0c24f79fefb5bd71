"""CaseFacts: the digest the statistics forms read gives exactly what the timeline gives.

The reference below asks the timeline directly for every case (what the forms did before the
digest existed). Random timelines — verbs repeated before, inside and after a period, status
changes on the bounds, cases without any event — are compared with the digest-based caseload for
many periods, field by field."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Cast

from danvan.core.models import Commune, DayKind, Deadline
from danvan.core.services import calendar_override_create, deadlines_recompute_for_day
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.tests.factories import register
from danvan.reports import facts
from danvan.reports.forms_base import TERMINAL_VALUES, caseload
from danvan.reports.models import FACT_VERBS, CaseFacts
from danvan.reports.periods import Period

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
STATUSES = ["registered", "accepted", "verifying", "decided", "closed", "in_progress", "answered"]
FLAGS = (
    "is_new",
    "st0",
    "st1",
    "accepted_before",
    "accepted_by_end",
    *(f"ev_{verb}" for verb in FACT_VERBS),
)


def reference(communes: list[Commune], period: Period) -> dict[int, dict[str, Any]]:
    """The caseload computed from the timeline alone (one subquery per question and case)."""

    def status_at(moment: dt.datetime) -> Subquery:
        return Subquery(
            PetitionEvent.objects.filter(petition=OuterRef("pk"), at__lt=moment)
            .exclude(status_after="")
            .order_by("-at", "-id")
            .values("status_after")[:1]
        )

    def event_in(verb: str) -> Exists:
        return Exists(
            PetitionEvent.objects.filter(
                petition=OuterRef("pk"), verb=verb, at__gte=period.start_at, at__lt=period.end_at
            )
        )

    def event_before(verb: str, moment: dt.datetime) -> Exists:
        return Exists(
            PetitionEvent.objects.filter(petition=OuterRef("pk"), verb=verb, at__lt=moment)
        )

    qs = Petition.objects.filter(commune__in=communes, received_on__lte=period.end)
    qs = qs.filter(
        Q(received_on__gte=period.start)
        | Q(closed_at__isnull=True)
        | Q(closed_at__gte=period.start_at)
        | event_in("reopened")
    )
    qs = qs.annotate(
        is_new=ExpressionWrapper(Q(received_on__gte=period.start), output_field=BooleanField()),
        st0=status_at(period.start_at),
        st1=status_at(period.end_at),
        accepted_before=event_before("accepted", period.start_at),
        accepted_by_end=event_before("accepted", period.end_at),
        **{f"ev_{verb}": event_in(verb) for verb in FACT_VERBS},
    )
    qs = qs.filter(
        Q(received_on__gte=period.start)
        | Q(st0__isnull=True)
        | ~Q(st0__in=TERMINAL_VALUES)
        | Q(ev_reopened=True)
    )
    return {row["pk"]: row for row in qs.values("pk", *FLAGS)}


def digest(communes: list[Commune], period: Period) -> dict[int, dict[str, Any]]:
    return {row["pk"]: row for row in caseload(communes, period).values("pk", *FLAGS)}


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def random_history(
    commune: Commune, rng: random.Random, n: int, time_machine: Any
) -> list[Petition]:
    """Petitions received in 2026 with 0–9 random events each; events are written directly (not
    through the services, at the moment they happen) so that any sequence is covered."""
    petitions = []
    verbs = [*FACT_VERBS, "note", "verifying"]
    for i in range(n):
        received = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 200))
        time_machine.move_to(moment(received, 7), tick=False)
        petition = register(commune, rng.choice(["complaint", "feedback"]), received_on=received)
        PetitionEvent.objects.filter(petition=petition).delete()  # start from a bare timeline
        if i % 7 == 0:  # no event at all: an imported historical case
            petitions.append(petition)
            continue
        day = received
        few = rng.sample(verbs, 3)  # few verbs per case: repeats across period bounds are common
        for _ in range(rng.randint(1, 9)):
            day += dt.timedelta(days=rng.choice([0, 0, 1, 5, 20, 40]))
            verb = rng.choice(few)
            status = "" if verb == "note" else rng.choice(STATUSES)
            time_machine.move_to(moment(day, rng.choice([0, 9, 23])), tick=False)
            PetitionEvent.objects.create(
                petition=petition,
                verb=verb,
                status_after=status,
            )
        last = petition.events.exclude(status_after="").order_by("-at", "-id").first()
        petition.status = last.status_after if last else "registered"
        petition.closure = "resolved" if petition.status == "closed" else ""
        petition.closed_at = last.at if last and petition.status == "closed" else None
        petition.save()
        petitions.append(petition)
    return petitions


def test_the_digest_gives_what_the_timeline_gives(commune: Commune, time_machine: Any) -> None:
    rng = random.Random(20261126)
    random_history(commune, rng, 60, time_machine)
    # The events' own days are period bounds too: the boundary cases are the risky ones.
    days = sorted({e.at.astimezone(TZ).date() for e in PetitionEvent.objects.all()})
    periods = [Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))]
    for _ in range(40):
        start = rng.choice(days) + dt.timedelta(days=rng.choice([-1, 0, 1]))
        periods.append(Period(start, start + dt.timedelta(days=rng.choice([0, 6, 30, 90]))))
    compared = 0
    for period in periods:
        expected = reference([commune], period)
        assert digest([commune], period) == expected, period
        compared += len(expected)
    assert compared > 500  # the periods really did hold cases
    # …and the timelines really did cross period bounds with repeated verbs (the fallback path).
    assert CaseFacts.objects.filter(closed_first__lt=F("closed_last")).exists()


def test_the_facts_follow_the_case_and_the_check_finds_drift(
    commune: Commune, time_machine: Any
) -> None:
    petition = register(commune, "complaint", received_on=dt.date(2026, 3, 2), field="land")
    row = CaseFacts.objects.get(petition=petition)
    assert (row.kind, row.field, row.received_on) == ("complaint", "land", dt.date(2026, 3, 2))
    assert row.last_status == petition.status

    petition.field = "housing"  # reclassified: the next save updates the digest
    petition.save()
    assert CaseFacts.objects.get(petition=petition).field == "housing"

    time_machine.move_to(moment(dt.date(2026, 12, 5)), tick=False)
    PetitionEvent.objects.create(petition=petition, verb="decided", status_after="decided")
    row = CaseFacts.objects.get(petition=petition)
    assert row.decided_first == row.decided_last == moment(dt.date(2026, 12, 5))
    assert (row.status_last, row.last_status) == (moment(dt.date(2026, 12, 5)), "decided")

    # A bulk update bypasses the signals: the check sees it, the rebuild repairs it.
    Petition.objects.filter(pk=petition.pk).update(field="justice")
    with pytest.raises(CommandError, match=str(petition.pk)):
        call_command("case_facts", "--check")
    call_command("case_facts")
    call_command("case_facts", "--check")
    assert CaseFacts.objects.get(petition=petition).field == "justice"


def test_the_resolution_clock_follows_every_clock_change(history: Any) -> None:
    """The due date "on time" is measured against equals, for every case of the known history
    (accepted, extended, suspended, decided…), the latest non-notification clock."""
    clocks = (
        Deadline.objects.filter(subject_type="petitions.petition", subject_id=OuterRef("pk_text"))
        .exclude(rule__code__in=["KN-4", "TC-3", "TC-8"])
        .order_by("-started_on", "-id")
    )
    rows = (
        CaseFacts.objects.annotate(pk_text=Cast("pk", CharField()))
        .annotate(expected=Subquery(clocks.values("due_on")[:1]))
        .values_list("pk", "resolution_due", "expected")
    )
    assert len(rows) == Petition.objects.count()
    assert sum(1 for _, due, _ in rows if due) >= 5  # the history really has clocks
    assert [(pk, due) for pk, due, _ in rows] == [(pk, expected) for pk, _, expected in rows]


def test_a_calendar_change_moves_the_resolution_due_date_in_the_facts(
    commune: Commune, time_machine: Any
) -> None:
    time_machine.move_to(moment(dt.date(2026, 9, 1)), tick=False)
    petition = register(commune, "denunciation", received_on=dt.date(2026, 9, 1))  # TC-1: WD
    clock = Deadline.objects.get(subject_type="petitions.petition", subject_id=str(petition.pk))
    before = CaseFacts.objects.get(petition=petition).resolution_due
    assert before == clock.due_on
    day_off = dt.date(2026, 9, 8)  # a Tuesday inside the clock
    calendar_override_create(actor=None, date=day_off, kind=DayKind.OFF, name="Nghỉ bù")
    assert deadlines_recompute_for_day(day=day_off, province_id=None) == 1
    clock.refresh_from_db()
    assert clock.due_on > before
    assert CaseFacts.objects.get(petition=petition).resolution_due == clock.due_on


@pytest.mark.parametrize("migration", ["0003_case_facts", "0004_case_facts_resolution_due"])
def test_the_migrations_fill_the_facts_with_the_models_of_their_time(
    commune: Commune, migration: str
) -> None:
    # An installation can apply reports 0003/0004 before petitions 0004 (is_historical_closure):
    # their fill must not ask the historical Petition for a field it does not have yet.
    petition = register(commune, "complaint", received_on=dt.date(2026, 3, 2), field="land")
    state = MigrationLoader(connection).project_state(("reports", migration))
    assert "is_historical_closure" not in {
        f.name for f in state.apps.get_model("petitions", "Petition")._meta.fields
    }
    computed = facts.compute(
        [petition.pk],
        petition_model=state.apps.get_model("petitions", "Petition"),
        event_model=state.apps.get_model("petitions", "PetitionEvent"),
        facts_model=state.apps.get_model("reports", "CaseFacts"),
        deadline_model=state.apps.get_model("core", "Deadline"),
    )
    assert [(f.petition_id, f.kind, f.field) for f in computed] == [
        (petition.pk, "complaint", "land")
    ]
