"""The cost of the statistics forms' caseload, as written (one correlated subquery per event
flag and per status, for every petition) against a set-based prototype (the petition's events
read once, grouped by petition, hash-joined). Evidence for the fix proposed in
docs/benchmarks.md; the application is not changed.

    python bench/reports_caseload.py [--database-url URL] [--year 2026] [--repeat 3]

Both sides count, per commune, the caseload of the official year (the rows of
forms_base.caseload(): received in the period, or carried over because it was open at its start
or reopened in it), those open at its end (st1 not terminal), and every flag the form columns
test (accepted_before, accepted_by_end, ev_<verb> for each of forms_base.EVENT_VERBS).
The counts must agree. Output: one JSON object per line on stdout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import DEFAULT_DATABASE_URL, log, setup_django

SET_BASED_TEMPLATE = """
WITH reopened AS (
    SELECT DISTINCT petition_id FROM petitions_petitionevent
    WHERE verb = 'reopened' AND at >= %(start_at)s AND at < %(end_at)s
), p AS (
    SELECT p.id, p.commune_id, p.received_on, (r.petition_id IS NOT NULL) AS ev_reopened
    FROM petitions_petition p LEFT JOIN reopened r ON r.petition_id = p.id
    WHERE p.commune_id = ANY(%(communes)s) AND p.received_on <= %(end)s
      AND (p.received_on >= %(start)s OR p.closed_at IS NULL OR p.closed_at >= %(start_at)s
           OR r.petition_id IS NOT NULL)
), ev AS (
    SELECT e.petition_id,
        (array_agg(e.status_after ORDER BY e.at DESC, e.id DESC)
            FILTER (WHERE e.status_after <> '' AND e.at < %(start_at)s))[1] AS st0,
        (array_agg(e.status_after ORDER BY e.at DESC, e.id DESC)
            FILTER (WHERE e.status_after <> ''))[1] AS st1,
        bool_or(e.verb = 'accepted' AND e.at < %(start_at)s) AS accepted_before,
        bool_or(e.verb = 'accepted') AS accepted_by_end,
        {flags}
    FROM petitions_petitionevent e JOIN p ON p.id = e.petition_id
    WHERE e.at < %(end_at)s
    GROUP BY e.petition_id
)
SELECT p.commune_id, COUNT(*) AS n,
       COUNT(*) FILTER (WHERE ev.st1 IS NULL OR NOT ev.st1 = ANY(%(terminal)s)) AS open_at_end,
       COUNT(*) FILTER (WHERE ev.accepted_before) AS accepted_before,
       COUNT(*) FILTER (WHERE ev.accepted_by_end) AS accepted_by_end,
       {counts}
FROM p LEFT JOIN ev ON ev.petition_id = p.id
WHERE p.received_on >= %(start)s OR ev.st0 IS NULL OR NOT ev.st0 = ANY(%(terminal)s)
      OR p.ev_reopened
GROUP BY p.commune_id
"""


def set_based_sql(verbs: tuple[str, ...]) -> str:
    """The prototype with one flag per verb (what the forms' columns test)."""
    flags = ",\n        ".join(
        f"bool_or(e.verb = '{v}' AND e.at >= %(start_at)s) AS ev_{v}" for v in verbs
    )
    counts = ",\n       ".join(f"COUNT(*) FILTER (WHERE ev.ev_{v}) AS ev_{v}" for v in verbs)
    return SET_BASED_TEMPLATE.format(flags=flags, counts=counts)


def timed(run: Any, repeat: int) -> tuple[list[float], Any]:
    result = run()  # warm-up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--year", type=int, default=0, help="official year (default: this year)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    setup_django(args.database_url, DEBUG="false", LOG_LEVEL="ERROR")
    from django.db import connection
    from django.db.models import Count, Q
    from django.utils import timezone

    from danvan.core.models import Commune
    from danvan.reports.forms_base import EVENT_VERBS, TERMINAL_VALUES, caseload
    from danvan.reports.periods import official_period

    period = official_period("year", args.year or timezone.localdate().year)
    communes = list(Commune.objects.order_by("pk"))
    ids = [c.pk for c in communes]
    log(f"{len(communes)} communes, period {period.label()}")

    names = ["n", "open_at_end", "accepted_before", "accepted_by_end"] + [
        f"ev_{v}" for v in EVENT_VERBS
    ]

    def orm() -> dict[int, tuple[int, ...]]:
        rows = (
            caseload(communes, period)
            .values("commune_id")
            .annotate(
                n_n=Count("pk"),
                open_at_end_n=Count("pk", filter=Q(st1__isnull=True) | ~Q(st1__in=TERMINAL_VALUES)),
                accepted_before_n=Count("pk", filter=Q(accepted_before=True)),
                accepted_by_end_n=Count("pk", filter=Q(accepted_by_end=True)),
                **{f"ev_{v}_n": Count("pk", filter=Q(**{f"ev_{v}": True})) for v in EVENT_VERBS},
            )
        )
        return {r["commune_id"]: tuple(r[f"{k}_n"] for k in names) for r in rows}

    sql = set_based_sql(EVENT_VERBS)

    params = {
        "communes": ids,
        "start": period.start,
        "end": period.end,
        "start_at": period.start_at,
        "end_at": period.end_at,
        "terminal": TERMINAL_VALUES,
    }

    def set_based() -> dict[int, tuple[int, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}

    results = {}
    for name, run in (("caseload_orm_subqueries", orm), ("caseload_set_based", set_based)):
        samples, counts = timed(run, args.repeat)
        results[name] = counts
        print(
            json.dumps(
                {
                    "view": name,
                    "rows": sum(c[0] for c in counts.values()),
                    **{k: sum(c[i] for c in counts.values()) for i, k in enumerate(names[1:], 1)},
                    "p50_ms": round(statistics.median(samples), 1),
                    "max_ms": round(max(samples), 1),
                    "samples": len(samples),
                    "period": [period.start.isoformat(), period.end.isoformat()],
                }
            ),
            flush=True,
        )
    same = results["caseload_orm_subqueries"] == results["caseload_set_based"]
    log(f"Same counts per commune: {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
