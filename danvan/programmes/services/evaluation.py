"""The annual unit evaluation: criteria and the official's explained adjustments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Unit

from ..models import Criterion, Programme, ScoreAdjustment
from ..states import CriterionMetric
from .common import as_decimal, check_unit, error


def criterion_save(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    metric: str,
    points: Any,
    criterion: Criterion | None = None,
) -> Criterion:
    """Add or change an evaluation criterion of a programme (1–100 points each)."""
    name = " ".join(name.split())
    if not name:
        raise error("name", _("Name the criterion."))
    if metric not in CriterionMetric.values:
        raise error("metric", _("Choose what the criterion is computed from."))
    try:
        value = int(str(points))
    except ValueError:
        raise error("points", _("Points must be a whole number from 1 to 100.")) from None
    if not 1 <= value <= 100:
        raise error("points", _("Points must be a whole number from 1 to 100."))
    with transaction.atomic():
        before = None
        if criterion is None:
            criterion = Criterion(programme=programme, position=programme.criteria.count())
        else:
            if criterion.programme_id != programme.pk:
                raise ValidationError(_("This criterion belongs to another programme."))
            before = {
                "name": criterion.name,
                "metric": criterion.metric,
                "points": criterion.points,
            }
        criterion.name, criterion.metric, criterion.points = name, metric, value
        criterion.save()
        audit.record(
            verb="programme.criterion_saved",
            actor=actor,
            commune=programme.commune,
            obj=criterion,
            before=before,
            after={"name": name, "metric": metric, "points": value},
        )
    return criterion


def score_adjust(
    *,
    actor: Any,
    programme: Programme,
    unit: Unit,
    criterion: Criterion,
    points: Any,
    reason: str,
) -> ScoreAdjustment:
    """Adjust a unit's computed score on one criterion (+ or −), always with the reason: the
    evaluation shows the computed score, each adjustment, who made it and why."""
    check_unit(unit, programme.commune, "unit")
    if criterion.programme_id != programme.pk:
        raise error("criterion", _("Choose a criterion of this programme."))
    amount = as_decimal(points, "points")
    if amount is None or amount == 0:
        raise error("points", _("Enter the points to add (for example 5) or remove (-5)."))
    if abs(amount) > criterion.points:
        raise error(
            "points",
            _("An adjustment cannot exceed the criterion's %(n)d points.")
            % {"n": criterion.points},
        )
    reason = reason.strip()
    if len(reason) < 10:
        raise error("reason", _("Explain the adjustment (at least 10 characters)."))
    with transaction.atomic():
        adjustment = ScoreAdjustment.objects.create(
            programme=programme,
            unit=unit,
            criterion=criterion,
            points=amount.quantize(Decimal("0.1")),
            reason=reason,
            adjusted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            verb="programme.score_adjusted",
            actor=actor,
            commune=programme.commune,
            obj=adjustment,
            after={"unit": unit.pk, "criterion": criterion.pk, "points": str(amount)},
            reason=reason,
        )
    return adjustment
