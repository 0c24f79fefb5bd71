"""Thin background tasks: take ids, call one service, idempotent."""

from __future__ import annotations

import datetime as dt

from .jobs import task


@task()
def recompute_deadlines_for_day(day_iso: str, province_id: int | None) -> int:
    from .services import deadlines_recompute_for_day

    return deadlines_recompute_for_day(day=dt.date.fromisoformat(day_iso), province_id=province_id)
