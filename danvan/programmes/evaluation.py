"""The annual unit evaluation: a score per unit computed from its tasks, reports and study
sessions, plus the official's adjustments. Pure: facts in, score out.

Each criterion gives `points × ratio`, the ratio being what its metric measures for the unit
(a share from 0 to 1). A metric with nothing to measure (no report due yet, no document to study)
is "not applicable" and gives the full points, so that a unit is not marked down for work that
was never asked of it. Adjustments add or remove points on a criterion, each with its reason;
a criterion's score stays between 0 and its points.

The rating bands are UNCONFIRMED (they follow the usual four levels of annual assessments; the
percentages are set per commune by its evaluation rules).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from .states import CriterionMetric, TaskStatus

RATING_BANDS: tuple[tuple[int, object], ...] = (
    (90, _("Excellent")),
    (70, _("Good")),
    (50, _("Completed")),
    (0, _("Not completed")),
)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class UnitFacts:
    statuses: Sequence[TaskStatus]
    progress: Sequence[int]
    reports_due: int
    reports_on_time: int
    documents: int
    documents_studied: int


@dataclass(frozen=True)
class CriterionScore:
    criterion_id: int
    points: int
    ratio: float | None  # None: not applicable (full points)
    computed: Decimal
    adjustment: Decimal
    final: Decimal


@dataclass
class UnitScore:
    criteria: list[CriterionScore] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((c.final for c in self.criteria), Decimal(0))

    @property
    def maximum(self) -> int:
        return sum(c.points for c in self.criteria)

    @property
    def computed(self) -> Decimal:
        return sum((c.computed for c in self.criteria), Decimal(0))

    @property
    def percent(self) -> int:
        if not self.maximum:
            return 0
        return int((self.total * 100 / self.maximum).quantize(Decimal(1), ROUND_HALF_UP))

    @property
    def rating(self) -> str:
        for threshold, label in RATING_BANDS:
            if self.percent >= threshold:
                return str(label)
        return str(RATING_BANDS[-1][1])


def ratio(metric: str, facts: UnitFacts) -> float | None:
    """What `metric` measures for the unit, from 0 to 1; None when there is nothing to measure."""
    if metric == CriterionMetric.TASKS:
        if not facts.statuses:
            return None
        good = sum(1 for s in facts.statuses if s in (TaskStatus.DONE, TaskStatus.ON_TRACK))
        return good / len(facts.statuses)
    if metric == CriterionMetric.REPORTS:
        if not facts.reports_due:
            return None
        return facts.reports_on_time / facts.reports_due
    if metric == CriterionMetric.STUDY:
        if not facts.documents:
            return None
        return facts.documents_studied / facts.documents
    if metric == CriterionMetric.INDICATORS:
        if not facts.progress:
            return None
        return sum(facts.progress) / (100 * len(facts.progress))
    return 0.0  # MANUAL: only the official's adjustments count


def score_unit(
    criteria: Sequence[tuple[int, int, str]],
    facts: UnitFacts,
    adjustments: Mapping[int, Decimal] | Sequence[tuple[int, Decimal]],
) -> UnitScore:
    """Score one unit. `criteria`: (id, points, metric); `adjustments`: criterion id → points (or
    pairs, summed per criterion)."""
    pairs = adjustments.items() if isinstance(adjustments, Mapping) else adjustments
    by_criterion: dict[int, Decimal] = {}
    for criterion_id, amount in pairs:
        by_criterion[criterion_id] = by_criterion.get(criterion_id, Decimal(0)) + Decimal(amount)
    score = UnitScore()
    for criterion_id, points, metric in criteria:
        share = ratio(metric, facts)
        computed = (Decimal(points) * Decimal(str(1.0 if share is None else share))).quantize(
            TENTH, ROUND_HALF_UP
        )
        adjustment = by_criterion.get(criterion_id, Decimal(0))
        final = max(Decimal(0), min(Decimal(points), computed + adjustment)).quantize(TENTH)
        score.criteria.append(
            CriterionScore(criterion_id, points, share, computed, adjustment, final)
        )
    return score
