"""Thin background tasks: take ids, call one service, idempotent."""

from __future__ import annotations

from danvan.core.jobs import task


@task(retries=0)
def run_import(job_id: int) -> int:
    """Import a queued job's rows (all or nothing; a failed job is not retried: fix and re-upload)."""
    from .importing import import_run

    job = import_run(job_id=job_id)
    return job.imported if job is not None else 0
