"""The reporting calendar, who has reported, directive study and each unit's work."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.models import Unit, UnitKind
from danvan.core.selectors import commune_calendar
from danvan.documents.models import LegalDocument

from ..models import (
    Programme,
    ProgressReport,
    StudySession,
)
from ..schedule import ReportSlot
from ..states import TaskStatus
from .tasks import TaskRow, task_rows


def _today() -> dt.date:
    return timezone.localdate()


# --- Reporting calendar -------------------------------------------------------------------------
def reports_of(programme: Programme) -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(task__programme=programme)
        .select_related("unit", "task", "submitted_by")
        .prefetch_related("evidence")
        .order_by("-reported_on", "-pk")
    )


def _first_reports(
    reports: Iterable[ProgressReport],
) -> dict[tuple[int, int, dt.date], ProgressReport]:
    """The earliest report of each (task, unit, period): it decides whether the slot was on time."""
    first: dict[tuple[int, int, dt.date], ProgressReport] = {}
    for report in reports:
        key = (report.task_id, report.unit_id, report.period_end)
        current = first.get(key)
        if current is None or (report.reported_on, report.pk) < (current.reported_on, current.pk):
            first[key] = report
    return first


@dataclass
class Expectation:
    row: TaskRow
    unit: Unit
    slot: ReportSlot
    report: ProgressReport | None

    @property
    def on_time(self) -> bool:
        return self.report is not None and self.report.reported_on <= self.slot.due_on


def expectations(rows: list[TaskRow], reports: Iterable[ProgressReport]) -> list[Expectation]:
    """Every (task, unit, period) a report is expected for: each lead and cooperating unit of each
    open leaf task, each period of its calendar."""
    first = _first_reports(reports)
    result = []
    for row in rows:
        if not row.is_leaf or row.task.is_cancelled:
            continue
        for slot in row.slots:
            for unit in row.reporters:
                result.append(
                    Expectation(row, unit, slot, first.get((row.task.pk, unit.pk, slot.period.end)))
                )
    return result


@dataclass
class PeriodSummary:
    start: dt.date
    end: dt.date
    label: str
    due_on: dt.date
    expected: int = 0
    received: int = 0
    on_time: int = 0

    @property
    def missing(self) -> int:
        return self.expected - self.received


def reporting_calendar(expected: list[Expectation]) -> list[PeriodSummary]:
    """One line per period end date of the programme's calendar."""
    periods: dict[dt.date, PeriodSummary] = {}
    for item in expected:
        slot = item.slot
        summary = periods.get(slot.period.end)
        if summary is None:
            summary = periods[slot.period.end] = PeriodSummary(
                slot.period.start, slot.period.end, slot.period.label, slot.due_on
            )
        summary.due_on = min(summary.due_on, slot.due_on)
        summary.expected += 1
        summary.received += item.report is not None
        summary.on_time += item.on_time
    return [periods[end] for end in sorted(periods)]


@dataclass
class UnitReporting:
    unit: Unit
    expected: list[Expectation] = field(default_factory=list)

    @property
    def missing(self) -> list[Expectation]:
        return [item for item in self.expected if item.report is None]

    @property
    def received(self) -> int:
        return sum(1 for item in self.expected if item.report is not None)

    @property
    def late(self) -> int:
        return sum(1 for item in self.expected if item.report is not None and not item.on_time)


def who_reported(expected: list[Expectation], period_end: dt.date) -> list[UnitReporting]:
    """For one period: each unit expected to report, what it sent and what is missing; units that
    have not reported everything first."""
    by_unit: dict[int, UnitReporting] = {}
    for item in expected:
        if item.slot.period.end != period_end:
            continue
        by_unit.setdefault(item.unit.pk, UnitReporting(item.unit)).expected.append(item)
    return sorted(by_unit.values(), key=lambda u: (not u.missing, u.unit.kind, u.unit.name))


def default_period(summaries: list[PeriodSummary], today: dt.date) -> dt.date | None:
    """The period the coordinator chases now: the latest one already due, else the first one."""
    due = [s.end for s in summaries if s.due_on <= today]
    if due:
        return due[-1]
    return summaries[0].end if summaries else None


# --- Units --------------------------------------------------------------------------------------
def expected_units(programme: Programme, rows: list[TaskRow]) -> list[Unit]:
    """The units the programme assigns work to: task leads and cooperating units and the units of
    its responsibilities."""
    units: dict[int, Unit] = {}
    for row in rows:
        if row.task.is_cancelled:
            continue
        for unit in row.reporters:
            units.setdefault(unit.pk, unit)
    for responsibility in programme.responsibilities.prefetch_related("units"):
        for unit in responsibility.units.all():
            units.setdefault(unit.pk, unit)
    return sorted(units.values(), key=lambda u: (u.kind, u.name))


@dataclass
class StudyLine:
    document: LegalDocument
    sessions: list[StudySession]
    missing: list[Unit]

    @property
    def attendees(self) -> int:
        return sum(session.attendees for session in self.sessions)

    @property
    def units_done(self) -> int:
        return len({session.unit_id for session in self.sessions})


def study_matrix(programme: Programme, units: list[Unit]) -> list[StudyLine]:
    """For each document of the legal basis: the study sessions held and the units still to hold
    one."""
    sessions: dict[int, list[StudySession]] = defaultdict(list)
    for session in programme.study_sessions.select_related("unit", "legal_document"):
        sessions[session.legal_document_id].append(session)
    lines = []
    for document in programme.legal_basis.order_by("issued_on", "number_symbol", "name"):
        held = sorted(sessions.get(document.pk, []), key=lambda s: (s.held_on, s.unit.name))
        done = {session.unit_id for session in held}
        lines.append(StudyLine(document, held, [u for u in units if u.pk not in done]))
    return lines


def related_programmes(programme: Programme) -> QuerySet[Programme]:
    """The unit plans implementing this programme."""
    return programme.implementing_plans.select_related("unit").order_by("unit__name", "title")


@dataclass
class UnitTask:
    row: TaskRow
    role: str  # "lead" | "cooperating" | "village"
    missing: list[ReportSlot]


@dataclass
class UnitPage:
    tasks: list[UnitTask]
    reports: list[ProgressReport]
    overdue: list[UnitTask]
    study_missing: list[tuple[Programme, LegalDocument]]


def unit_page(unit: Unit, *, year: int, today: dt.date | None = None) -> UnitPage:
    """Everything a unit has to do in the commune's programmes of `year`: its tasks (led,
    cooperating, or in its village), its reports, and what is overdue (late tasks, missed
    reports, documents not yet studied)."""
    today = today or _today()
    calendar = commune_calendar(unit.commune)
    programmes = Programme.objects.filter(commune=unit.commune, year=year).select_related("commune")
    tasks: list[UnitTask] = []
    study_missing: list[tuple[Programme, LegalDocument]] = []
    reports = list(
        ProgressReport.objects.filter(unit=unit, task__programme__in=programmes)
        .select_related("task__programme", "submitted_by")
        .prefetch_related("evidence")
        .order_by("-reported_on", "-pk")
    )
    reported = {(r.task_id, r.period_end) for r in reports}
    for programme in programmes:
        for row in task_rows(programme, today=today, calendar=calendar):
            task = row.task
            if task.lead_unit_id == unit.pk:
                role = "lead"
            elif unit in row.reporters:
                role = "cooperating"
            elif any(v.pk == unit.pk for v in task.villages.all()):
                role = "village"
            else:
                continue
            missing = []
            if role != "village" and row.is_leaf and not task.is_cancelled:
                missing = [
                    slot
                    for slot in row.slots
                    if slot.due_on < today and (task.pk, slot.period.end) not in reported
                ]
            tasks.append(UnitTask(row, role, missing))
        if unit.kind != UnitKind.VILLAGE and any(
            t.role != "village" and t.row.task.programme_id == programme.pk for t in tasks
        ):
            studied = set(
                programme.study_sessions.filter(unit=unit).values_list(
                    "legal_document_id", flat=True
                )
            )
            study_missing += [
                (programme, doc) for doc in programme.legal_basis.all() if doc.pk not in studied
            ]
    overdue = [t for t in tasks if t.missing or t.row.status == TaskStatus.LATE]
    return UnitPage(tasks, reports, overdue, study_missing)
