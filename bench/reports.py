"""Time the reports app on PostgreSQL: dashboards, the province-wide annual 01/XLD form and the
streaming XLSX export of the petitions list.

    python bench/reports.py [--database-url URL] [--repeat 20] [--warmup 2] [--commune B001]
                            [--export-repeat 3] [--export-rows 100000] [--explain] [--queries]
                            [--trace VIEW[,VIEW...]]
                            [--only VIEW[,VIEW...]]

Signs in (force_login, Django's test Client) as the leader of one commune (default the first,
B001) and as the province viewer of the data set built by bench/generate.py, and measures:

  leader_dashboard     /reports/ as the leader (target p95 500 ms)
  province_overview    /reports/province/ as the province viewer (no target in the issue)
  form_01xld_compute   forms_base.compute(01/XLD, every commune of the province, the official
                       year holding the most petitions), called directly (target p95 3 s)
  form_01xld_http      /reports/forms/?form=01/XLD&start=…&end=…&scope=province as the province
                       viewer (same period; target p95 3 s)
  export_xlsx_http     /reports/petitions/export.xlsx as the province viewer, in the commune with
                       the most petitions (the view exports one commune: at 1,000,000 petitions
                       in 30 communes that is ~33,000 rows)
  export_xlsx_100k     tabular.export("xlsx", PETITION_COLUMNS, qs.iterator(…)) — the view's own
                       code path — over --export-rows petitions of the whole province, since no
                       single commune holds 100,000 rows

Each view is warmed up, then timed --repeat times (exports: --export-repeat times, consuming the
whole response into /dev/null); its SQL queries are counted on one more request with
CaptureQueriesContext. The exports are then run once more under tracemalloc (peak traced Python
memory, peak_mb) — timings never include tracemalloc. The process's max RSS (getrusage) is
reported before and after each export. Output: one JSON object per line on stdout:

    {"view": ..., "rows": ..., "p50_ms": ..., "p95_ms": ..., "queries": ..., "target_ms": ...,
     "met": true|false|null, "peak_mb": ..., ...}

`--queries` lists each view's SQL with its time and `--explain` prints EXPLAIN (ANALYZE, BUFFERS)
of each view's slowest query, on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import DEFAULT_DATABASE_URL, log, setup_django

DASHBOARD_TARGET_MS = 500.0
FORM_TARGET_MS = 3000.0
VIEWS = (
    "leader_dashboard",
    "province_overview",
    "form_01xld_compute",
    "form_01xld_http",
    "export_xlsx_http",
    "export_xlsx_100k",
)


def percentile(samples: list[float], share: float) -> float:
    from bench.run import percentile as nearest_rank

    return nearest_rank(samples, share)


def max_rss_mb() -> float:
    """The process's max resident set size so far (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def drain(response: Any) -> int:
    """Consume a (streaming) response into /dev/null; the number of bytes."""
    size = 0
    with open(os.devnull, "wb") as sink:
        if getattr(response, "streaming", False):
            for chunk in response.streaming_content:
                sink.write(chunk)
                size += len(chunk)
        else:
            sink.write(response.content)
            size = len(response.content)
    response.close()
    return size


class ReportsBench:
    def __init__(self, args: argparse.Namespace) -> None:
        from django.db.models import Count, Max, Min

        from danvan.accounts.models import Membership
        from danvan.core.models import Commune
        from danvan.petitions.models import Petition
        from danvan.reports.periods import official_period

        self.args = args
        communes = Commune.objects.select_related("province").order_by("pk")
        commune = communes.filter(code=args.commune).first() if args.commune else communes.first()
        if commune is None or not Petition.objects.filter(commune=commune).exists():
            raise SystemExit("No petitions in that commune: run bench/generate.py first.")
        self.commune = commune
        leader = Membership.objects.filter(commune=commune, role="leader", is_active=True).first()
        viewer = Membership.objects.filter(
            role="province_viewer", province=commune.province, is_active=True
        ).first()
        if leader is None or viewer is None:
            raise SystemExit(f"{commune} has no leader, or its province no province viewer.")
        self.leader, self.viewer = leader.user, viewer.user
        self.province_communes = list(communes.filter(province=commune.province))
        counts = dict(
            Petition.objects.filter(commune__in=self.province_communes)
            .values_list("commune")
            .annotate(n=Count("pk"))
            .values_list("commune", "n")
        )
        self.counts = counts
        self.largest = max(self.province_communes, key=lambda c: (counts.get(c.pk, 0), -c.pk))
        # The official year (15/12/N-1 – 14/12/N) that received the most petitions.
        span = Petition.objects.filter(commune__in=self.province_communes).aggregate(
            first=Min("received_on"), last=Max("received_on")
        )
        candidates = {
            y: official_period("year", y) for y in range(span["first"].year, span["last"].year + 2)
        }
        received = {
            y: Petition.objects.filter(
                commune__in=self.province_communes,
                received_on__gte=p.start,
                received_on__lte=p.end,
            ).count()
            for y, p in candidates.items()
        }
        self.year = max(received, key=lambda y: received[y])
        self.period = candidates[self.year]
        self.year_received = received[self.year]
        self.total = sum(counts.values())
        log(
            f"{self.total:,} petitions in {len(self.province_communes)} communes of "
            f"{commune.province}; leader {self.leader.username} of {commune} ({commune.code}, "
            f"{counts.get(commune.pk, 0):,} petitions); province viewer {self.viewer.username}; "
            f"official year {self.year} = {self.period.label()} with {self.year_received:,} "
            f"petitions received (by year: {received}); largest commune {self.largest.code} "
            f"({counts.get(self.largest.pk, 0):,})"
        )

    # --- helpers ---------------------------------------------------------------------------------
    def client(self, user: Any, commune: Any | None = None) -> Any:
        from django.test import Client

        from danvan.accounts.selectors import SESSION_COMMUNE_KEY

        client = Client()
        client.force_login(user)
        if commune is not None:
            session = client.session
            session[SESSION_COMMUNE_KEY] = commune.pk
            session.save()
        return client

    def timed(
        self, name: str, once: Callable[[], Any], *, repeat: int, warmup: int
    ) -> tuple[list[float], list[dict[str, str]]]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for _ in range(warmup):
            once()
        samples = []
        for i in range(repeat):
            started = time.perf_counter()
            once()
            samples.append((time.perf_counter() - started) * 1000)
            if repeat > 5:
                continue
            log(f"  {name}: run {i + 1}/{repeat} {samples[-1]:.0f} ms")
        with CaptureQueriesContext(connection) as captured:
            once()
        if self.args.queries:
            log(f"--- {name}: {len(captured.captured_queries)} queries")
            for query in captured.captured_queries:
                log(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:200]}")
        if self.args.explain:
            from bench.run import Bench

            Bench.explain(name, captured.captured_queries)
        return samples, captured.captured_queries

    @staticmethod
    def result(
        name: str,
        rows: int | None,
        samples: list[float],
        queries: list[dict[str, str]],
        target: float | None,
        **extra: Any,
    ) -> dict[str, Any]:
        p95 = round(percentile(samples, 0.95), 1)
        slowest = max((float(q["time"]) for q in queries), default=0.0) * 1000
        return {
            "view": name,
            "rows": rows,
            "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": p95,
            "queries": len(queries),
            "slowest_query_ms": round(slowest, 1),
            "target_ms": target,
            "met": None if target is None else p95 < target,
            "samples": len(samples),
            **extra,
        }

    def get(self, client: Any, url: str) -> Any:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(
                f"{url}: HTTP {response.status_code} {response.get('Location', '')}".strip()
            )
        return response

    # --- the views -------------------------------------------------------------------------------
    def leader_dashboard(self) -> dict[str, Any]:
        client = self.client(self.leader, self.commune)
        url = "/reports/"

        def once() -> None:
            self.get(client, url)

        samples, queries = self.timed(
            "leader_dashboard", once, repeat=self.args.repeat, warmup=self.args.warmup
        )
        return self.result(
            "leader_dashboard",
            self.counts.get(self.commune.pk, 0),
            samples,
            queries,
            DASHBOARD_TARGET_MS,
            user=self.leader.username,
            url=url,
            via="http",
        )

    def province_overview(self) -> dict[str, Any]:
        client = self.client(self.viewer)
        url = "/reports/province/"

        def once() -> None:
            self.get(client, url)

        samples, queries = self.timed(
            "province_overview", once, repeat=self.args.repeat, warmup=self.args.warmup
        )
        return self.result(
            "province_overview",
            self.total,
            samples,
            queries,
            None,
            user=self.viewer.username,
            url=url,
            via="http",
            communes=len(self.province_communes),
        )

    def _form_repeat(self) -> tuple[int, int]:
        return self.args.form_repeat or self.args.repeat, min(self.args.warmup, 1)

    def form_01xld_compute(self) -> dict[str, Any]:
        from danvan.reports.forms_base import compute
        from danvan.reports.registry import FORMS

        form = FORMS["01/XLD"]
        table = compute(form, self.province_communes, self.period)

        def once() -> None:
            compute(form, self.province_communes, self.period)

        repeat, warmup = self._form_repeat()
        samples, queries = self.timed("form_01xld_compute", once, repeat=repeat, warmup=warmup)
        return self.result(
            "form_01xld_compute",
            len(table.rows),
            samples,
            queries,
            FORM_TARGET_MS,
            via="function",
            period=[self.period.start.isoformat(), self.period.end.isoformat()],
            year=self.year,
            received_in_period=self.year_received,
            caseload_total=table.total.values[0] if table.total.values else None,
            communes=len(self.province_communes),
        )

    def form_01xld_http(self) -> dict[str, Any]:
        client = self.client(self.viewer)
        query = {
            "form": "01/XLD",
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "scope": "province",
        }
        url = f"/reports/forms/?{urlencode(query)}"

        def once() -> None:
            self.get(client, url)

        repeat, warmup = self._form_repeat()
        samples, queries = self.timed("form_01xld_http", once, repeat=repeat, warmup=warmup)
        return self.result(
            "form_01xld_http",
            len(self.province_communes),
            samples,
            queries,
            FORM_TARGET_MS,
            user=self.viewer.username,
            url=url,
            via="http",
            year=self.year,
        )

    def _export(
        self, name: str, produce: Callable[[], Any], rows: int, **extra: Any
    ) -> dict[str, Any]:
        """Time `produce()` (a response) consumed to /dev/null; then once more under tracemalloc."""
        sizes: list[int] = []

        def once() -> None:
            sizes.append(drain(produce()))

        rss_before = max_rss_mb()
        samples, queries = self.timed(name, once, repeat=self.args.export_repeat, warmup=0)
        rss_after_timing = max_rss_mb()
        current = peak = traced_ms = None
        if name in self.args.trace.split(","):
            tracemalloc.start()
            started = time.perf_counter()
            drain(produce())
            traced_ms = round((time.perf_counter() - started) * 1000, 1)
            current, peak = (round(v / 2**20, 1) for v in tracemalloc.get_traced_memory())
            tracemalloc.stop()
        return self.result(
            name,
            rows,
            samples,
            queries,
            None,
            peak_mb=peak,
            traced_current_mb=current,
            traced_run_ms=traced_ms,
            max_rss_before_mb=rss_before,
            max_rss_after_mb=max(rss_after_timing, max_rss_mb()),
            bytes=sizes[-1] if sizes else None,
            rows_per_s=round(rows / (statistics.median(samples) / 1000)) if samples else None,
            **extra,
        )

    def export_xlsx_http(self) -> dict[str, Any]:
        commune = self.largest
        client = self.client(self.viewer, commune)
        url = "/reports/petitions/export.xlsx"

        def produce() -> Any:
            return self.get(client, url)

        return self._export(
            "export_xlsx_http",
            produce,
            self.counts.get(commune.pk, 0),
            user=self.viewer.username,
            url=url,
            commune=commune.code,
            via="http",
        )

    def export_xlsx_100k(self) -> dict[str, Any]:
        from danvan.core import tabular
        from danvan.petitions.exports import PETITION_COLUMNS
        from danvan.petitions.models import Petition
        from danvan.petitions.selectors import LIST_RELATED

        wanted = min(self.args.export_rows, self.total)
        pks = Petition.objects.filter(commune__in=self.province_communes).order_by("pk")
        # Every petition up to the wanted-th one: a plain range, so the export query stays the
        # shape of the view's (filter + select_related + iterator), not a LIMIT over a join.
        last_pk = pks.values_list("pk", flat=True)[wanted - 1]

        def produce() -> Any:
            qs = (
                Petition.objects.filter(commune__in=self.province_communes, pk__lte=last_pk)
                .select_related(*LIST_RELATED)
                .order_by("pk")
            )
            return tabular.export(
                "xlsx",
                PETITION_COLUMNS,
                qs.iterator(chunk_size=tabular.CHUNK),
                name="danh-sach-don",
            )

        return self._export(
            "export_xlsx_100k",
            produce,
            wanted,
            via="function (tabular.export + PETITION_COLUMNS, the view's code path)",
            scope="province",
        )

    def run(self, only: set[str]) -> list[dict[str, Any]]:
        results = []
        for name in VIEWS:
            if only and name not in only:
                continue
            log(f"[{time.strftime('%H:%M:%S')}] {name} …")
            result = getattr(self, name)()
            print(json.dumps(result, ensure_ascii=False), flush=True)
            results.append(result)
        return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument(
        "--form-repeat", type=int, default=0, help="repeats of the 01/XLD form (default --repeat)"
    )
    parser.add_argument("--export-repeat", type=int, default=3)
    parser.add_argument("--export-rows", type=int, default=100_000)
    parser.add_argument("--commune", help="code of the leader's commune (default the first)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE slowest queries")
    parser.add_argument(
        "--trace",
        default="export_xlsx_http,export_xlsx_100k",
        help="exports run once more under tracemalloc (comma-separated; '' for none)",
    )
    parser.add_argument("--queries", action="store_true", help="list each view's SQL on stderr")
    parser.add_argument("--only", default="", help="comma-separated subset of: " + ", ".join(VIEWS))
    args = parser.parse_args(argv)
    only = {v.strip() for v in args.only.split(",") if v.strip()}
    if only - set(VIEWS):
        parser.error(f"unknown views: {', '.join(sorted(only - set(VIEWS)))}")
    if args.repeat < 1 or args.export_repeat < 1 or args.export_rows < 1:
        parser.error("--repeat, --export-repeat and --export-rows must be at least 1")
    # Production-like: no DEBUG (no query log, no debug pages); the test Client's host allowed.
    setup_django(
        args.database_url, ALLOWED_HOSTS="testserver,localhost", DEBUG="false", LOG_LEVEL="ERROR"
    )
    from django.db import connection

    from bench.run import migrate_if_needed

    try:
        connection.ensure_connection()
    except Exception as exc:  # the database is missing or the server is down
        raise SystemExit(
            f"Cannot connect to {args.database_url}: {exc}. Run bench/generate.py first."
        ) from exc
    try:
        migrate_if_needed()
    except Exception as exc:  # another engineer's migration in flight: measure what is there
        log(f"Migrating failed ({exc.__class__.__name__}: {exc}); measuring the schema as it is.")
        connection.close()
    started = time.perf_counter()
    log(f"{dt.datetime.now():%Y-%m-%d %H:%M}, nproc {os.cpu_count()}")
    log("Load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    ReportsBench(args).run(only)
    log("Load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    log(f"Measured in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
