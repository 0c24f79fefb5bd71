"""Programmes and tasks within the commune, with their derived status, board and timeline."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.core.models import Commune, Unit
from danvan.core.selectors import commune_calendar
from danvan.core.text import fold

from ..models import (
    Programme,
    Task,
)
from ..schedule import CalendarLike, ReportSlot, report_schedule
from ..states import STATUS_COLOURS, TaskStatus, task_frequency
from ..status import StatusResult, TaskFacts, derive_status


def _today() -> dt.date:
    return timezone.localdate()


# --- Programmes and tasks -----------------------------------------------------------------------
def programmes_of(commune: Commune, *, year: int | None = None) -> QuerySet[Programme]:
    qs = (
        Programme.objects.filter(commune=commune)
        .select_related("unit", "implements", "coordinator_unit")
        .annotate(task_count=Count("tasks", filter=Q(tasks__is_cancelled=False)))
    )
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "unit__name", "title")


def same_programmes(commune: Commune, title: str, year: int) -> QuerySet[Programme]:
    """Programmes of the commune with this subject and year (an import may repeat one)."""
    return programmes_of(commune, year=year).filter(title_folded=fold(" ".join(title.split())))


def programme_years(commune: Commune) -> list[int]:
    return sorted(
        set(Programme.objects.filter(commune=commune).values_list("year", flat=True)),
        reverse=True,
    )


def get_programme(commune: Commune, pk: int) -> Programme:
    """A programme of the commune being worked in; any other answers 404."""
    programme = (
        Programme.objects.select_related("commune", "unit", "implements", "coordinator_unit")
        .filter(commune=commune, pk=pk)
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def get_task(commune: Commune, pk: int) -> Task:
    task = (
        Task.objects.select_related(
            "programme__commune", "programme__implements", "lead_unit", "parent", "contributes_to"
        )
        .prefetch_related("cooperating_units", "villages", "checklist", "legal_documents")
        .filter(programme__commune=commune, pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task


def get_unit(commune: Commune, pk: int) -> Unit:
    unit = Unit.objects.filter(commune=commune, pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def programme_units(commune: Commune) -> QuerySet[Unit]:
    return Unit.objects.filter(commune=commune, is_active=True).order_by("kind", "name")


@dataclass
class TaskRow:
    """A task with what is derived from it today."""

    task: Task
    depth: int
    result: StatusResult
    slots: list[ReportSlot]
    progress: int
    is_leaf: bool
    reporters: list[Unit] = field(default_factory=list)

    @property
    def status(self) -> TaskStatus:
        return self.result.status

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.result.status]

    def next_slot(self, today: dt.date) -> ReportSlot | None:
        return next((slot for slot in self.slots if slot.due_on >= today), None)


def _tasks(programme: Programme) -> list[Task]:
    return list(
        programme.tasks.select_related("lead_unit", "contributes_to")
        .prefetch_related("cooperating_units", "villages")
        .order_by("position", "pk")
    )


def task_rows(
    programme: Programme,
    *,
    today: dt.date | None = None,
    calendar: CalendarLike | None = None,
    tasks: list[Task] | None = None,
) -> list[TaskRow]:
    """Every task of the programme in tree order with its derived status. A task with sub-tasks
    takes the average progress of its open sub-tasks and their latest report."""
    today = today or _today()
    calendar = calendar or commune_calendar(programme.commune)
    tasks = tasks if tasks is not None else _tasks(programme)
    children: dict[int | None, list[Task]] = defaultdict(list)
    for task in tasks:
        children[task.parent_id].append(task)
    rows: list[TaskRow] = []

    def visit(task: Task, depth: int) -> tuple[int, dt.date | None]:
        row_index = len(rows)
        rows.append(None)  # type: ignore[arg-type]  # placeholder keeps the tree order
        kids = [visit(child, depth + 1) for child in children.get(task.pk, [])]
        open_kids = [
            kid
            for kid, child in zip(kids, children.get(task.pk, []), strict=True)
            if not child.is_cancelled
        ]
        progress = task.progress
        last = task.last_report_on
        if open_kids:
            progress = sum(kid[0] for kid in open_kids) // len(open_kids)
            dates = [d for _p, d in open_kids if d] + ([last] if last else [])
            last = max(dates) if dates else None
        slots = report_schedule(
            starts_on=task.starts_on,
            due_on=task.due_on,
            frequency=task_frequency(task.recurrence, programme.report_frequency),
            calendar=calendar,
            lag_days=programme.report_lag_days,
        )
        facts = TaskFacts(
            starts_on=task.starts_on,
            due_on=task.due_on,
            progress=progress,
            last_report_on=last,
            frequency=task_frequency(task.recurrence, programme.report_frequency),
            report_lag_days=programme.report_lag_days,
            is_cancelled=task.is_cancelled,
        )
        reporters = [task.lead_unit] if task.lead_unit else []
        reporters += [u for u in task.cooperating_units.all() if u != task.lead_unit]
        rows[row_index] = TaskRow(
            task=task,
            depth=depth,
            result=derive_status(facts, today=today, calendar=calendar, slots=slots),
            slots=slots,
            progress=progress,
            is_leaf=not open_kids,
            reporters=reporters,
        )
        return progress, last

    for root in children.get(None, []):
        visit(root, 0)
    return rows


def status_counts(rows: Iterable[TaskRow]) -> dict[str, int]:
    counts = {status.value: 0 for status in TaskStatus}
    for row in rows:
        counts[row.status.value] += 1
    return counts


def status_cards(rows: list[TaskRow]) -> list[tuple[TaskStatus, str, int]]:
    """(status, colour, number of leaf tasks) for the summary cards."""
    counts = status_counts(r for r in rows if r.is_leaf)
    return [(s, STATUS_COLOURS[s], counts[s.value]) for s in TaskStatus]


@dataclass
class BoardColumn:
    status: TaskStatus
    colour: str
    rows: list[TaskRow]


def board(rows: list[TaskRow]) -> list[BoardColumn]:
    """Leaf tasks by status, in the order work flows."""
    columns = {s: BoardColumn(s, STATUS_COLOURS[s], []) for s in TaskStatus}
    for row in rows:
        if row.is_leaf:
            columns[row.status].rows.append(row)
    return list(columns.values())


# --- Timeline -----------------------------------------------------------------------------------
@dataclass
class TimelineBar:
    row: TaskRow
    x: float
    width: float
    done_width: float
    markers: list[tuple[float, ReportSlot]]


@dataclass(frozen=True)
class MonthTick:
    label: str  # "03/26"
    short: str  # "3", for narrow screens
    x: float


@dataclass
class Timeline:
    start: dt.date
    end: dt.date
    months: list[MonthTick]
    bars: list[TimelineBar]
    today_x: float | None


def _clip(value: float) -> float:
    return round(max(0.0, min(100.0, value)), 3)


def timeline(programme: Programme, rows: list[TaskRow], today: dt.date) -> Timeline:
    """Positions (per cent of the width) of each task's bar, its progress and report due dates,
    over the programme's year widened to every task's dates."""
    start = dt.date(programme.year, 1, 1)
    end = dt.date(programme.year, 12, 31)
    for row in rows:
        start, end = min(start, row.task.starts_on), max(end, row.task.due_on)
    start = start.replace(day=1)
    total = (end - start).days + 1

    def x(day: dt.date) -> float:
        return _clip((day - start).days * 100 / total)

    months: list[MonthTick] = []
    month = start
    while month <= end:
        months.append(
            MonthTick(f"{month.month:02d}/{month.year % 100:02d}", str(month.month), x(month))
        )
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    bars = []
    for row in rows:
        left = x(row.task.starts_on)
        width = max(0.4, x(row.task.due_on + dt.timedelta(days=1)) - left)
        bars.append(
            TimelineBar(
                row=row,
                x=left,
                width=round(width, 3),
                done_width=round(width * row.progress / 100, 3),
                markers=[
                    (x(slot.due_on), slot) for slot in row.slots if start <= slot.due_on <= end
                ],
            )
        )
    return Timeline(start, end, months, bars, x(today) if start <= today <= end else None)
