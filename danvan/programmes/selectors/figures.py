"""Figures: the unit evaluation, the statistics of the other capabilities, chart data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from danvan.core.models import Commune, Unit

from ..evaluation import UnitFacts, UnitScore, score_unit
from ..models import (
    Criterion,
    Programme,
    ScoreAdjustment,
)
from ..states import TaskStatus
from .reporting import PeriodSummary, expectations, expected_units, reports_of
from .tasks import TaskRow, status_counts


def _today() -> dt.date:
    return timezone.localdate()


# --- Evaluation ---------------------------------------------------------------------------------
@dataclass
class EvaluationLine:
    unit: Unit
    score: UnitScore
    adjustments: list[ScoreAdjustment]


def evaluation(
    programme: Programme, rows: list[TaskRow], today: dt.date
) -> tuple[list[Criterion], list[EvaluationLine]]:
    """Each unit's score on the programme's criteria: computed from its tasks, reports and study
    sessions, plus the official's recorded adjustments."""
    criteria = list(programme.criteria.all())
    expected = expectations(rows, reports_of(programme))
    units = expected_units(programme, rows)
    documents = set(programme.legal_basis.values_list("pk", flat=True))
    studied: dict[int, set[int]] = defaultdict(set)
    for unit_id, doc_id in programme.study_sessions.values_list("unit_id", "legal_document_id"):
        studied[unit_id].add(doc_id)
    adjustments: dict[int, list[ScoreAdjustment]] = defaultdict(list)
    for adjustment in programme.score_adjustments.select_related("criterion", "adjusted_by"):
        adjustments[adjustment.unit_id].append(adjustment)
    lines = []
    for unit in units:
        led = [r for r in rows if r.is_leaf and r.task.lead_unit_id == unit.pk]
        mine = led or [r for r in rows if r.is_leaf and unit in r.reporters]
        mine = [r for r in mine if not r.task.is_cancelled]
        due = [e for e in expected if e.unit.pk == unit.pk and e.slot.due_on < today]
        facts = UnitFacts(
            statuses=[r.status for r in mine],
            progress=[r.progress for r in mine],
            reports_due=len(due),
            reports_on_time=sum(1 for e in due if e.on_time),
            documents=len(documents),
            documents_studied=len(studied[unit.pk] & documents),
        )
        score = score_unit(
            [(c.pk, c.points, c.metric) for c in criteria],
            facts,
            [(a.criterion_id, a.points) for a in adjustments[unit.pk]],
        )
        lines.append(EvaluationLine(unit, score, adjustments[unit.pk]))
    lines.sort(key=lambda line: (-line.score.total, line.unit.name))
    return criteria, lines


# --- Activity of the other capabilities, for reviews --------------------------------------------
@dataclass
class ActivityStatistics:
    received: int
    resolved: int
    resolved_on_time: int
    overdue_open: int
    reception_days: int | None
    reception_visits: int | None

    @property
    def on_time_rate(self) -> int | None:
        if not self.resolved:
            return None
        return round(self.resolved_on_time * 100 / self.resolved)


def activity_statistics(
    commune: Commune, start: dt.date, end: dt.date, today: dt.date | None = None
) -> ActivityStatistics:
    """Petitions received in [start, end], how many were resolved by the end and on time, and
    the reception days held (when the reception register exists in this installation)."""
    from django.apps import apps

    from danvan.petitions.models import Petition
    from danvan.petitions.states import TERMINAL

    today = today or _today()
    received = Petition.objects.filter(commune=commune, received_on__range=(start, end))
    finished = received.filter(status__in=TERMINAL)
    resolved = finished.filter(Q(closed_at__isnull=True) | Q(closed_at__date__lte=end))
    on_time = resolved.filter(
        Q(due_on__isnull=True) | Q(closed_at__isnull=True) | Q(closed_at__date__lte=F("due_on"))
    )
    overdue = received.exclude(status__in=TERMINAL).filter(due_on__lt=min(end, today))
    days: int | None = None
    visits: int | None = None
    try:
        session_model: Any = apps.get_model("reception", "ReceptionSession")
        visit_model: Any = apps.get_model("reception", "ReceptionVisit")
    except LookupError:
        session_model = visit_model = None
    if session_model is not None:
        held = session_model.objects.filter(
            commune=commune, date__range=(start, min(end, today)), is_cancelled=False
        )
        days = held.values("date").distinct().count()
    if visit_model is not None:
        visits = visit_model.objects.filter(
            commune=commune, visited_at__date__range=(start, min(end, today))
        ).count()
    return ActivityStatistics(
        received=received.count(),
        resolved=resolved.count(),
        resolved_on_time=on_time.count(),
        overdue_open=overdue.count(),
        reception_days=days,
        reception_visits=visits,
    )


# --- Charts -------------------------------------------------------------------------------------
def chart_data(
    rows: list[TaskRow], summaries: list[PeriodSummary], labels: dict[str, str], today: dt.date
) -> dict[str, Any]:
    """The numbers the progress charts draw (passed to the page with json_script): the status of
    leaf tasks, each task's progress against the expected, and the reports of each period that
    has begun."""
    summaries = [s for s in summaries if s.start <= today]
    counts = status_counts(r for r in rows if r.is_leaf)
    leaves = [r for r in rows if r.is_leaf and not r.task.is_cancelled]
    return {
        "status": {
            "labels": [labels[s.value] for s in TaskStatus],
            "keys": [s.value for s in TaskStatus],
            "values": [counts[s.value] for s in TaskStatus],
        },
        "tasks": {
            "labels": [r.task.number for r in leaves],
            "titles": [r.task.title for r in leaves],
            "progress": [r.progress for r in leaves],
            "expected": [
                r.result.expected if r.result.expected is not None else None for r in leaves
            ],
            "keys": [r.status.value for r in leaves],
        },
        "periods": {
            "labels": [s.label for s in summaries],
            "on_time": [s.on_time for s in summaries],
            "late": [s.received - s.on_time for s in summaries],
            "missing": [s.missing if s.due_on < today else 0 for s in summaries],
        },
    }
