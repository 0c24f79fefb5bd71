"""The programme lists as spreadsheets: the programmes and plans, a programme's tasks (its tree,
or the board's columns), who has reported for a period, the unit evaluation, a unit's tasks, the
directive study sessions, the reviews and a task's progress reports (evidence files by name
only: the files themselves stay behind their download link)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune, Unit
from danvan.core.tabular import Column, field_label
from danvan.documents.models import LegalDocument
from danvan.documents.states import DocumentStatus

from .models import (
    Criterion,
    Evidence,
    Programme,
    ProgressReport,
    Review,
    StudySession,
    Task,
)
from .selectors import EvaluationLine, Expectation, StudyLine, TaskRow, UnitTask


def programme_columns(commune: Commune) -> tuple[Column[Programme], ...]:
    """The list's columns; `commune` names the programmes of the commune itself (no unit)."""

    def of(programme: Programme) -> str:
        return programme.unit.name if programme.unit else commune.people_committee_name

    def implements(programme: Programme) -> str:
        parent = programme.implements
        return f"{parent.printed_type}: {parent.title}" if parent else ""

    return (
        Column(_("Year"), lambda p: p.year, 8),
        Column(_("Kind"), lambda p: p.printed_type, 20),
        Column(_("Programme or plan"), lambda p: p.title, 60),
        Column(field_label(Programme, "number_symbol"), lambda p: p.number_symbol, 16),
        Column(field_label(Programme, "issued_on"), lambda p: p.issued_on, 12),
        Column(_("Of"), of, 30),
        Column(_("Implements"), implements, 40),
        Column(
            field_label(Programme, "coordinator_unit"),
            lambda p: p.coordinator_unit.name if p.coordinator_unit else "",
            24,
        ),
        Column(_("Tasks"), lambda p: p.task_count, 8),  # annotated by programmes_of
    )


def _names(units: Any) -> str:
    return ", ".join(unit.name for unit in units.all())


TASK_COLUMNS: tuple[Column[TaskRow], ...] = (
    Column(_("No."), lambda r: r.task.number, 8),
    Column(_("Task"), lambda r: r.task.title, 60),
    Column(_("Lead unit"), lambda r: r.task.lead_unit.name if r.task.lead_unit else "", 24),
    Column(field_label(Task, "cooperating_units"), lambda r: _names(r.task.cooperating_units), 30),
    Column(field_label(Task, "villages"), lambda r: _names(r.task.villages), 24),
    Column(field_label(Task, "starts_on"), lambda r: r.task.starts_on, 12),
    Column(field_label(Task, "due_on"), lambda r: r.task.due_on, 12),
    Column(field_label(Task, "progress"), lambda r: r.progress, 10),
    Column(_("Status"), lambda r: r.result.label, 14),
    Column(_("Reason"), lambda r: r.result.reason, 40),
    Column(field_label(Task, "last_report_on"), lambda r: r.task.last_report_on, 12),
    Column(field_label(Task, "expected_output"), lambda r: r.task.expected_output, 40),
)


def _report_state(item: Expectation) -> Any:
    if item.report is None:
        return _("Missing")
    return _("On time") if item.on_time else _("Sent late")


REPORTING_COLUMNS: tuple[Column[Expectation], ...] = (
    Column(_("Unit"), lambda e: e.unit.name, 28),
    Column(_("No."), lambda e: e.row.task.number, 8),
    Column(_("Task"), lambda e: e.row.task.title, 60),
    Column(_("Period"), lambda e: e.slot.period.label, 16),
    Column(_("Due"), lambda e: e.slot.due_on, 12),
    Column(
        field_label(ProgressReport, "reported_on"),
        lambda e: e.report.reported_on if e.report else None,
        12,
    ),
    Column(_("Status"), _report_state, 14),
)


def _criterion(index: int, criterion: Criterion) -> Column[EvaluationLine]:
    return Column(
        f"{criterion.name} (/{criterion.points})",
        lambda line: line.score.criteria[index].final,
        14,
    )


def evaluation_columns(criteria: list[Criterion]) -> tuple[Column[EvaluationLine], ...]:
    """One column per criterion of the programme (its final points, adjustments included)."""
    maximum = sum(criterion.points for criterion in criteria)
    return (
        Column(_("Unit"), lambda line: line.unit.name, 30),
        *(_criterion(index, criterion) for index, criterion in enumerate(criteria)),
        Column(format_lazy("{} (/{})", _("Score"), maximum), lambda line: line.score.total, 12),
        Column(_("Rating"), lambda line: line.score.rating, 14),
        Column("%", lambda line: line.score.percent, 8),
    )


UNIT_ROLES = {"lead": _("leads"), "cooperating": _("cooperates"), "village": _("in the village")}

UNIT_TASK_COLUMNS: tuple[Column[UnitTask], ...] = (
    Column(
        _("Programme"),
        lambda t: f"{t.row.task.programme.printed_type}: {t.row.task.programme.title}",
        40,
    ),
    Column(_("No."), lambda t: t.row.task.number, 8),
    Column(_("Task"), lambda t: t.row.task.title, 50),
    Column(_("Role"), lambda t: capfirst(UNIT_ROLES[t.role]), 14),
    Column(_("Due"), lambda t: t.row.task.due_on, 12),
    Column(_("Status"), lambda t: t.row.result.label, 14),
    Column(field_label(Task, "progress"), lambda t: t.row.progress, 10),
    Column(_("Missing"), lambda t: len(t.missing), 10),
)


# --- directive study -----------------------------------------------------------------------------
@dataclass(frozen=True)
class StudyRow:
    """One line of the study page: a session a unit held on a document, or (no session) a unit
    that has not studied it yet."""

    document: LegalDocument
    unit: Unit
    session: StudySession | None = None


def study_rows(lines: list[StudyLine]) -> Iterator[StudyRow]:
    """Document by document as the page shows them: the sessions held, then the units not yet."""
    for line in lines:
        for session in line.sessions:
            yield StudyRow(line.document, session.unit, session)
        for unit in line.missing:
            yield StudyRow(line.document, unit)


def _session(field: str) -> Callable[[StudyRow], Any]:
    return lambda row: getattr(row.session, field) if row.session else None


STUDY_COLUMNS: tuple[Column[StudyRow], ...] = (
    Column(field_label(StudySession, "legal_document"), lambda r: str(r.document), 60),
    Column(_("Unit"), lambda r: r.unit.name, 30),
    Column(_("Status"), lambda r: _("Studied") if r.session else _("Not studied yet"), 16),
    Column(field_label(StudySession, "held_on"), _session("held_on"), 12),
    Column(field_label(StudySession, "attendees"), _session("attendees"), 10),
    Column(field_label(StudySession, "note"), lambda r: r.session.note if r.session else "", 40),
)


# --- reviews -------------------------------------------------------------------------------------
def _review_report(review: Review) -> Any:
    document = review.document
    return document.number_symbol if document.status == DocumentStatus.ISSUED else _("Draft")


REVIEW_COLUMNS: tuple[Column[Review], ...] = (
    Column(field_label(Review, "kind"), lambda r: r.get_kind_display(), 28),
    Column(_("Year"), lambda r: r.period_end.year, 8),
    Column(field_label(Review, "period_start"), lambda r: r.period_start, 12),
    Column(field_label(Review, "period_end"), lambda r: r.period_end, 12),
    Column(field_label(Review, "document"), _review_report, 16),
    Column(field_label(Review, "created_at"), lambda r: r.created_at, 18),
    Column(_("Created by"), lambda r: str(r.created_by) if r.created_by else "", 24),
)


# --- a task's progress reports -------------------------------------------------------------------
def report_columns(task: Task) -> tuple[Column[ProgressReport], ...]:
    """The task page's reports; the value achieved is in the task's target unit (e.g. buổi)."""
    achieved = field_label(ProgressReport, "value")
    if task.target_unit:
        achieved = format_lazy("{} ({})", achieved, task.target_unit)
    return (
        Column(field_label(ProgressReport, "unit"), lambda r: r.unit.name, 28),
        Column(field_label(ProgressReport, "reported_on"), lambda r: r.reported_on, 12),
        Column(field_label(ProgressReport, "period_start"), lambda r: r.period_start, 12),
        Column(field_label(ProgressReport, "period_end"), lambda r: r.period_end, 12),
        Column(_("Submitted by"), lambda r: str(r.submitted_by) if r.submitted_by else "", 24),
        Column(field_label(ProgressReport, "text"), lambda r: r.text, 60),
        Column(field_label(ProgressReport, "progress"), lambda r: r.progress, 10),
        Column(achieved, lambda r: r.value, 12),
        Column(
            field_label(ProgressReport, "checklist_done"),
            lambda r: ", ".join(item.label for item in r.checklist_done.all()),
            30,
        ),
        Column(
            capfirst(Evidence._meta.verbose_name_plural),
            lambda r: ", ".join(e.original_name for e in r.evidence.all()),
            30,
        ),
    )
