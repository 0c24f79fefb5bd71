"""The vocabulary of programmes: kinds, recurrence, reporting frequency, derived task status.

A task's status is never typed by anyone: `status.derive_status` computes it from dates, progress
and reports. The only status an official sets is cancellation (with a reason), through
`services.task_cancel`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    """Chương trình (CTr) or Kế hoạch (KH): Nghị định 30/2020, Phụ lục III."""

    PROGRAMME = "CTr", _("Programme")
    PLAN = "KH", _("Plan")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Once, by the due date")
    CONTINUOUS = "continuous", _("Continuous (thường xuyên) through the period")
    QUARTERLY = "quarterly", _("Every quarter")
    ANNUALLY = "annually", _("Every year")


class Frequency(models.TextChoices):
    """How often a unit reports on a task (the reporting calendar)."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    ANNUALLY = "annually", _("Annually")


# The frequencies a programme may choose for its reports; half-year is for reviews only.
PROGRAMME_FREQUENCIES = [
    (Frequency.MONTHLY.value, Frequency.MONTHLY.label),
    (Frequency.QUARTERLY.value, Frequency.QUARTERLY.label),
]


def task_frequency(recurrence: str, programme_frequency: str) -> str:
    """A quarterly or annual task is reported on once per occurrence; a continuous or one-off task
    follows the programme's reporting calendar."""
    if recurrence == Recurrence.QUARTERLY:
        return Frequency.QUARTERLY
    if recurrence == Recurrence.ANNUALLY:
        return Frequency.ANNUALLY
    return programme_frequency


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    LATE = "late", _("Late")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Bootstrap colour of each status, for badges, the board and charts.
STATUS_COLOURS = {
    TaskStatus.NOT_STARTED: "secondary",
    TaskStatus.ON_TRACK: "primary",
    TaskStatus.AT_RISK: "warning",
    TaskStatus.LATE: "danger",
    TaskStatus.DONE: "success",
    TaskStatus.CANCELLED: "dark",
}


class IndicatorKind(models.TextChoices):
    NONE = "none", _("No indicator: progress in per cent")
    NUMBER = "number", _("A target number")
    CHECKLIST = "checklist", _("A checklist")


class ReviewKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year review (sơ kết)")
    ANNUAL = "annual", _("Year-end review (tổng kết)")


class CriterionMetric(models.TextChoices):
    """What the computed part of an evaluation criterion measures for one unit."""

    TASKS = "tasks", _("Share of the unit's tasks done or on track")
    REPORTS = "reports", _("Share of the unit's reports sent on time")
    STUDY = "study", _("Share of the legal documents the unit has studied")
    INDICATORS = "indicators", _("Average progress of the unit's tasks")
    MANUAL = "manual", _("Assessed by the official (adjustments only)")
