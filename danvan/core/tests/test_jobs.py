"""The job layer: daily callbacks, and the Redis backend when REDIS_URL is set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from danvan.core import jobs

ROOT = Path(__file__).resolve().parents[3]


def test_daily_callbacks_run_and_one_failure_does_not_stop_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jobs, "_daily_callbacks", {})
    ran: list[str] = []

    @jobs.daily("a-first")
    def first() -> None:
        ran.append("first")

    @jobs.daily("b-broken")
    def broken() -> None:
        raise RuntimeError("boom")

    @jobs.daily("c-last")
    def last() -> None:
        ran.append("last")

    assert jobs.run_daily_callbacks() == {"a-first": "ok", "b-broken": "failed", "c-last": "ok"}
    assert ran == ["first", "last"]


def test_daily_job_is_scheduled_every_morning() -> None:
    import datetime as dt

    task = jobs.daily_job.task_class()
    assert task.validate_datetime(dt.datetime(2026, 3, 2, 6, 0))
    assert not task.validate_datetime(dt.datetime(2026, 3, 2, 7, 0))


def _queue_status_with(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import django, json; django.setup();"
        "from danvan.core.jobs import queue_status; print(json.dumps(queue_status()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_queue_by_default(tmp_path: Path) -> None:
    status = _queue_status_with({"DATA_DIR": str(tmp_path), "REDIS_URL": ""})
    assert status["backend"] == "SqliteHuey"
    assert status["status"] == "ok"
    assert (tmp_path / "jobs.sqlite3").exists()


def test_redis_queue_when_redis_url_is_set(tmp_path: Path) -> None:
    status = _queue_status_with(
        {"DATA_DIR": str(tmp_path), "REDIS_URL": "redis://127.0.0.1:6379/15"}
    )
    assert status["backend"] == "RedisHuey"
    assert status["status"] == "ok"
