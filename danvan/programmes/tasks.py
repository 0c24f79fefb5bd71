"""Thin jobs: the daily report reminders (registered with core.jobs.daily)."""

from __future__ import annotations

from danvan.core.jobs import daily


@daily("programmes.reminders")
def send_report_reminders() -> int:
    from .reminders import send_report_reminders as send

    return send()
