"""Time the officer's main petition views on PostgreSQL, through Django's test Client.

    python bench/run.py [--database-url URL] [--repeat 30] [--warmup 3] [--commune B001]
                        [--search "ngap nuoc"] [--queries] [--explain] [--force-selector]

Signs in (force_login) as the reception officer and as a handling officer of one commune of the
data set built by bench/generate.py, and for each of them measures: the petition list, the
filtered and sorted list, a search, the my-work page and a detail page. Each view is warmed up,
then timed `--repeat` times; its SQL queries are counted on one more request with
CaptureQueriesContext. Output: one JSON object per line on stdout:

    {"view": ..., "rows": ..., "p50_ms": ..., "p95_ms": ..., "queries": ..., "via": "http"|"selector", ...}

"rows" is what the page shows (the 25 rows of a list page, the rows of the four my-work boxes,
1 for a detail page) and "total" what lies behind it (the list's queryset, the boxes' totals). A
URL that answers 404 is not built yet: the equivalent selector is measured instead (via
"selector"): petition_list paginated like the view (25 a page: the count and the first page),
my_work with every box evaluated, get_petition with its timeline (`--force-selector` measures
them even where the URL answers, to separate the database from the templates). `--queries`
lists each view's SQL and `--explain` prints EXPLAIN ANALYZE of its slowest query, on stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import DEFAULT_DATABASE_URL, log, setup_django

PAGE_SIZE = 25  # petitions.views.petition_index
SEARCH = "ngap nuoc"  # the brief's search; --search measures another


@contextmanager
def template_contexts() -> Iterator[None]:
    """Let the test Client collect the template context (response.context) for one request, as
    the test runner does. Kept off while timing: the instrumentation costs time."""
    from django.template import Template
    from django.test.utils import instrumented_test_render

    original = Template._render
    Template._render = instrumented_test_render
    try:
        yield
    finally:
        Template._render = original


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def work_rows(boxes: dict[str, Any]) -> tuple[int, int]:
    """(rows shown, rows pending) of the my-work boxes: WorkBox(rows, total, scope), or the
    querysets of the first version."""
    shown = pending = 0
    for box in boxes.values():
        rows = list(getattr(box, "rows", box))
        shown += len(rows)
        pending += getattr(box, "total", len(rows))
    return shown, pending


def rows_from_context(context: Any) -> tuple[int | None, int | None]:
    """(rows shown, rows in the queryset) from a rendered page's template context."""
    if context is None:
        return None, None
    keys = set(context.keys())
    if "page" in keys:
        page = context["page"]
        return len(page.object_list), page.paginator.count
    if "work" in keys:
        return work_rows(context["work"])
    if "petition" in keys:
        return 1, 1
    return None, None


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        from danvan.accounts.models import Membership
        from danvan.core.models import Commune
        from danvan.petitions.models import Petition
        from danvan.petitions.selectors import visible_petitions
        from danvan.petitions.states import TERMINAL

        self.args = args
        communes = Commune.objects.order_by("pk")
        commune = communes.filter(code=args.commune).first() if args.commune else communes.first()
        if commune is None or not Petition.objects.filter(commune=commune).exists():
            raise SystemExit("No petitions in that commune: run bench/generate.py first.")
        self.commune = commune
        members = Membership.objects.filter(commune=commune, is_active=True).select_related(
            "user", "unit"
        )
        reception = members.filter(role="reception_officer").first()
        handling = (
            members.filter(role="handling_officer", unit__short_name="KT").first()
            or members.filter(role="handling_officer").first()
        )
        if reception is None or handling is None:
            raise SystemExit(f"{commune} has no reception or handling officer.")
        self.users = {"reception": reception.user, "handling": handling.user}
        # A case both officers may open: the handling officer's most recent open one.
        visible = visible_petitions(handling.user, commune).exclude(status__in=TERMINAL)
        petition = visible.order_by("-received_on", "-pk").first()
        if petition is None:
            raise SystemExit("The handling officer has no open case to open.")
        self.detail_pk = petition.pk
        total = Petition.objects.count()
        log(
            f"{total:,} petitions in the database; commune {commune} ({commune.code}): "
            f"{Petition.objects.filter(commune=commune).count():,} petitions; users "
            f"{reception.user.username} (reception), {handling.user.username} (handling, "
            f"{handling.unit}); detail page of petition #{self.detail_pk}"
        )

    def views(self) -> list[tuple[str, str, Callable[[Any], tuple[int, int]]]]:
        from django.core.paginator import Paginator

        from danvan.petitions.selectors import get_petition, my_work, petition_list

        commune, search = self.commune, self.args.search

        def listing(**params: str) -> Callable[[Any], tuple[int, int]]:
            def run(user: Any) -> tuple[int, int]:
                qs = petition_list(user, commune, **params)
                page = Paginator(qs, PAGE_SIZE).get_page(1)
                return len(list(page.object_list)), page.paginator.count

            return run

        def work(user: Any) -> tuple[int, int]:
            return work_rows(my_work(user, commune))

        def detail(user: Any) -> tuple[int, int]:
            petition = get_petition(user, commune, self.detail_pk)
            list(petition.events.select_related("actor", "document"))
            return 1, 1

        return [
            ("petition_list", "/petitions/", listing()),
            (
                "petition_list_filtered",
                "/petitions/?kind=complaint&status=open&order=due_on",
                listing(kind="complaint", status="open", order="due_on"),
            ),
            ("petition_search", f"/petitions/?{urlencode({'q': search})}", listing(q=search)),
            ("my_work", "/petitions/work/", work),
            ("petition_detail", f"/petitions/{self.detail_pk}/", detail),
        ]

    def measure(
        self, who: str, user: Any, name: str, url: str, selector: Callable
    ) -> dict[str, Any]:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        client = Client()
        client.force_login(user)
        with template_contexts():
            response = client.get(url)
        via = "http"
        if response.status_code == 404 or self.args.force_selector:
            via = "selector"
        elif response.status_code != 200:
            raise SystemExit(
                f"{url} as {user.username}: HTTP {response.status_code} {response.get('Location', '')}"
            )

        def once() -> Any:
            if via == "http":
                return client.get(url)
            user.__dict__.pop("_danvan_roles", None)  # as in a new request: roles are read again
            return selector(user)

        if via == "http":
            rows, total = rows_from_context(response.context)
        else:
            rows, total = once()
        for _ in range(self.args.warmup):
            once()
        samples = []
        for _ in range(self.args.repeat):
            started = time.perf_counter()
            once()
            samples.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            once()
        if self.args.queries:
            log(f"\n--- {name} ({who}, {via}): {len(captured.captured_queries)} queries")
            for query in captured.captured_queries:
                log(f"  {float(query['time']) * 1000:5.1f} ms  {query['sql'][:160]}")
        if self.args.explain:
            self.explain(f"{name} ({who}, {via})", captured.captured_queries)
        return {
            "view": name,
            "rows": rows,
            "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 0.95), 1),
            "queries": len(captured.captured_queries),
            "via": via,
            "user": who,
            "total": total,
            "url": url,
        }

    @staticmethod
    def explain(label: str, queries: list[dict[str, str]]) -> None:
        from django.db import connection

        if not queries:
            return
        slowest = max(queries, key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        log(
            f"\n=== {label}: slowest of {len(queries)} queries ({float(slowest['time']) * 1000:.1f} ms)"
        )
        log(slowest["sql"])
        log(plan)

    def run(self) -> list[dict[str, Any]]:
        results = []
        for who, user in self.users.items():
            for name, url, selector in self.views():
                result = self.measure(who, user, name, url, selector)
                print(json.dumps(result, ensure_ascii=False), flush=True)
                results.append(result)
        return results


def migrate_if_needed() -> None:
    """The schema moves on while the data set stays: apply migrations added since generate.py."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        log(
            "Applying migrations added since the data set was built: "
            + ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan)
        )
        try:
            call_command("migrate", verbosity=0, interactive=False)
        except Exception as exc:  # e.g. a migration rewritten after it was applied here
            raise SystemExit(
                f"The data set's schema cannot be brought up to date ({exc}). Rebuild it: "
                "python bench/generate.py --reset …"
            ) from exc


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--commune", help="code of the commune to sign in to (default: the first, B001)"
    )
    parser.add_argument("--search", default=SEARCH, help=f"the search words (default {SEARCH!r})")
    parser.add_argument(
        "--explain", action="store_true", help="EXPLAIN ANALYZE each view's slowest query"
    )
    parser.add_argument(
        "--queries", action="store_true", help="list each view's SQL queries on stderr"
    )
    parser.add_argument(
        "--force-selector",
        action="store_true",
        help="measure the selectors even where the URL answers",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    # Production-like: no DEBUG (no query log, no debug pages); the test Client's host allowed.
    setup_django(
        args.database_url, ALLOWED_HOSTS="testserver,localhost", DEBUG="false", LOG_LEVEL="ERROR"
    )
    from django.db import connection

    try:
        connection.ensure_connection()
    except Exception as exc:  # the database is missing or the server is down
        raise SystemExit(
            f"Cannot connect to {args.database_url}: {exc}. Run bench/generate.py first."
        ) from exc
    migrate_if_needed()
    started = time.perf_counter()
    log("Load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    Bench(args).run()
    log("Load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    log(f"Measured in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
