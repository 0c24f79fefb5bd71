"""The one place that knows how background jobs run.

huey does the work: SqliteHuey in DATA_DIR by default, RedisHuey when REDIS_URL is set (see
settings.HUEY). Apps declare tasks in their own `tasks.py` with `task`/`periodic_task` from here and
enqueue them after the surrounding transaction commits with `enqueue_on_commit`.

Daily work (reminders, overdue scans) registers with `daily`: one periodic job runs every
registered callable each morning, so adding a daily duty never means touching the scheduler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

logger = logging.getLogger(__name__)

huey = HUEY
DEFAULT_RETRIES = 3
DEFAULT_RETRY_DELAY = 60

_daily_callbacks: dict[str, Callable[[], Any]] = {}


def task(
    retries: int = DEFAULT_RETRIES, retry_delay: int = DEFAULT_RETRY_DELAY, **kwargs: Any
) -> Any:
    """Decorator for a background task with retries (closes DB connections after each run)."""
    return db_task(retries=retries, retry_delay=retry_delay, **kwargs)


def periodic_task(schedule: Any, **kwargs: Any) -> Any:
    return db_periodic_task(schedule, **kwargs)


def enqueue_on_commit(task_fn: Any, *args: Any, **kwargs: Any) -> None:
    """Run a task once the current transaction commits (immediately outside a transaction)."""
    transaction.on_commit(lambda: task_fn(*args, **kwargs))


def daily(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register `fn` to run once a day in the daily job."""

    def register(fn: Callable[[], Any]) -> Callable[[], Any]:
        _daily_callbacks[name] = fn
        return fn

    return register


def run_daily_callbacks() -> dict[str, str]:
    """Run every registered daily callable; one failing does not stop the others."""
    outcome: dict[str, str] = {}
    for name, fn in sorted(_daily_callbacks.items()):
        try:
            fn()
            outcome[name] = "ok"
        except Exception:
            logger.exception("daily job %s failed", name)
            outcome[name] = "failed"
    return outcome


@periodic_task(crontab(hour="6", minute="0"))
def daily_job() -> dict[str, str]:
    return run_daily_callbacks()


def queue_status() -> dict[str, Any]:
    """For /healthz: can we reach the queue's storage, and how long is it."""
    try:
        pending = huey.pending_count()
    except Exception as exc:
        return {"status": "error", "backend": type(huey).__name__, "error": str(exc)[:200]}
    return {"status": "ok", "backend": type(huey).__name__, "pending": pending}
