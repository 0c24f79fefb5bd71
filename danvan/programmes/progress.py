"""A task's progress from its reports. Pure: used when a report is saved (the stored figures) and
when a review looks back at the end of a period.

- A target number: the values achieved in each report add up; progress = achieved / target.
- A checklist: an item is done once any report ticks it; progress = items done / items.
- No indicator: the latest percentage reported by the lead unit, or by any unit when the lead has
  not reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .states import IndicatorKind


@dataclass(frozen=True)
class ReportFigures:
    unit_id: int
    reported_on: dt.date
    order: int  # ties on the same day: the later saved wins
    progress: int | None
    value: Decimal | None
    items: frozenset[int]


@dataclass(frozen=True)
class Progress:
    percent: int
    achieved: Decimal
    last_report_on: dt.date | None


def compute_progress(
    *,
    indicator_kind: str,
    target_value: Decimal | None,
    lead_unit_id: int | None,
    checklist: Sequence[int],
    reports: Iterable[ReportFigures],
) -> Progress:
    ordered = sorted(reports, key=lambda r: (r.reported_on, r.order))
    last = ordered[-1].reported_on if ordered else None
    if indicator_kind == IndicatorKind.NUMBER:
        achieved = sum((r.value or Decimal(0) for r in ordered), Decimal(0))
        if not target_value or target_value <= 0:
            return Progress(0, achieved, last)
        return Progress(int(min(Decimal(100), achieved * 100 / target_value)), achieved, last)
    if indicator_kind == IndicatorKind.CHECKLIST:
        items = set(checklist)
        done = set().union(*(r.items for r in ordered)) & items if ordered else set()
        percent = len(done) * 100 // len(items) if items else 0
        return Progress(percent, Decimal(len(done)), last)
    with_percent = [r for r in ordered if r.progress is not None]
    lead = [r for r in with_percent if r.unit_id == lead_unit_id]
    latest = (lead or with_percent)[-1:]
    percent = latest[0].progress if latest and latest[0].progress is not None else 0
    return Progress(max(0, min(100, percent)), Decimal(0), last)
