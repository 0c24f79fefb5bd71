"""Thin jobs: the daily reminders and escalations (registered with core.jobs.daily)."""

from __future__ import annotations

from danvan.core.jobs import daily


@daily("petitions.reminders")
def send_deadline_reminders() -> int:
    from .notifications import remind_and_escalate

    return remind_and_escalate()
