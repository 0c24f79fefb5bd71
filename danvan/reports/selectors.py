"""Dashboard figures, always read through the petitions app's scoping (a unit head sees their
unit's petitions only; the province viewer every commune of the province).

A rate computed on fewer than REPORT_MIN_SAMPLE cases is not a score: it is returned as None and
shown as "not enough data"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate, TruncMonth
from django.urls import reverse

from danvan.accounts.permissions import roles_in
from danvan.core.models import Commune, Unit
from danvan.petitions.models import Petition
from danvan.petitions.selectors import LIST_RELATED, SEES_ALL, petition_list
from danvan.petitions.states import TERMINAL, Status
from danvan.programmes.selectors import programmes_of, status_counts, task_rows
from danvan.reception.models import ReceptionSession, ReceptionType
from danvan.reception.selectors import missing_leader_days

from .forms_kqgq import with_resolution
from .models import CaseFacts
from .periods import Period

TERMINAL_VALUES = [str(s) for s in TERMINAL]


def min_sample() -> int:
    return int(getattr(settings, "REPORT_MIN_SAMPLE", 5))


@dataclass(frozen=True)
class Rate:
    on_time: int
    finished: int

    @property
    def value(self) -> float | None:
        """Percentage on time, or None when the sample is too small to mean anything."""
        if self.finished < min_sample() or self.finished == 0:
            return None
        return round(100 * self.on_time / self.finished, 1)


@dataclass
class Figure:
    label: str
    value: int
    url: str


@dataclass
class BreakdownRow:
    name: str
    open: int
    overdue: int
    rate: Rate
    open_url: str
    overdue_url: str
    finished_url: str


@dataclass
class Dashboard:
    figures: list[Figure]
    by_unit: list[BreakdownRow]
    by_village: list[BreakdownRow]
    trend: dict[str, list[Any]]
    reception: dict[str, Any]
    programmes: list[dict[str, Any]]
    rate: Rate
    window: tuple[dt.date, dt.date] = field(default=(dt.date.min, dt.date.min))


# --- the filtered list behind every number -----------------------------------------------------
LIST_PARAMS = ("q", "kind", "status", "scope", "order")
EXTRA_PARAMS = (
    "unit",
    "village",
    "received_from",
    "received_to",
    "finished_from",
    "finished_to",
    "timed",
)


def _date(value: str) -> dt.date | None:
    """A filter's date, or None when it is not one. The first and last years are refused too:
    their day bounds (the instant after the last day, in UTC) fall outside what a datetime holds."""
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return day if dt.MINYEAR < day.year < dt.MAXYEAR else None


def filtered_petitions(user: Any, commune: Commune, params: Any) -> QuerySet[Petition]:
    """The petitions list with the same filters as /petitions/ (through petition_list, so the
    actor's scope applies) plus unit, village, receipt and finishing dates."""
    qs = petition_list(
        user, commune, **{k: params.get(k, "") for k in LIST_PARAMS if params.get(k)}
    )
    if params.get("unit"):
        qs = qs.filter(assigned_unit_id=_int(params["unit"]))
    if params.get("village"):
        qs = qs.filter(village_id=_int(params["village"]))
    if start := _date(params.get("received_from", "")):
        qs = qs.filter(received_on__gte=start)
    if end := _date(params.get("received_to", "")):
        qs = qs.filter(received_on__lte=end)
    finished_from = _date(params.get("finished_from", ""))
    finished_to = _date(params.get("finished_to", ""))
    if params.get("timed"):  # the cases an on-time rate counts (see finished_between)
        qs = qs.filter(is_historical_closure=False)
    if finished_from or finished_to:
        qs = qs.filter(status__in=TERMINAL_VALUES)
        if finished_from:
            qs = qs.filter(closed_at__gte=_day_start(finished_from))
        if finished_to:
            qs = qs.filter(closed_at__lt=_day_start(finished_to + dt.timedelta(days=1)))
    return qs.select_related(*LIST_RELATED)


def _day_start(day: dt.date) -> dt.datetime:
    """The first instant of `day` in the commune's time zone: filtering `closed_at` on a range of
    instants lets an index serve it, where `closed_at__date` casts every row."""
    return Period(day, day).start_at


def _finished(start: dt.date, end: dt.date) -> Q:
    """The cases an on-time rate counts: finished (terminal status) on a day from `start` to
    `end`, both inclusive, in DânVận — a case closed from the old petition register has no legal
    clock here to be on time against, so it is left out (its list link carries `timed=1`).
    Petitions and their CaseFacts have these fields alike."""
    return Q(
        is_historical_closure=False,
        status__in=TERMINAL_VALUES,
        closed_at__gte=_day_start(start),
        closed_at__lt=_day_start(end + dt.timedelta(days=1)),
    )


def finished_between(qs: QuerySet[Petition], start: dt.date, end: dt.date) -> QuerySet[Petition]:
    return qs.filter(_finished(start, end))


def _int(value: Any) -> int:
    """An id from the query string; 0 (matches nothing) when it is not one the database holds."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


def list_url(**params: Any) -> str:
    """The list a number counts: /petitions/ when its own filters suffice, else ours."""
    clean = {k: v for k, v in params.items() if v not in ("", None)}
    if set(clean) <= set(LIST_PARAMS):
        return reverse("petitions:list") + ("?" + urlencode(clean) if clean else "")
    return reverse("reports:petitions") + "?" + urlencode(clean)


# --- the dashboard -----------------------------------------------------------------------------
def _rate(qs: QuerySet[Petition]) -> Rate:
    finished = with_resolution(qs.filter(status__in=TERMINAL_VALUES, closed_at__isnull=False))
    finished = finished.annotate(finished_on=TruncDate("closed_at"))
    counts = finished.aggregate(
        n=Count("pk"), on_time=Count("pk", filter=Q(finished_on__lte=F("resolution_due")))
    )
    return Rate(counts["on_time"], counts["n"])


@dataclass
class _Tallies:
    """Open, overdue and finished-on-time counts of the visible petitions per (unit, village):
    two grouped queries give the commune's totals and both breakdown tables."""

    cells: dict[tuple[int | None, int | None], dict[str, int]]

    def total(self, key: str, *, unit: int | None = None, village: int | None = None) -> int:
        return sum(
            values[key]
            for (unit_id, village_id), values in self.cells.items()
            if (unit is None or unit_id == unit) and (village is None or village_id == village)
        )

    def rate(self, *, unit: int | None = None, village: int | None = None) -> Rate:
        return Rate(
            self.total("on_time", unit=unit, village=village),
            self.total("finished", unit=unit, village=village),
        )


def _tallies(visible: QuerySet[Petition], window: tuple[dt.date, dt.date]) -> _Tallies:
    start, end = window
    keys = ("assigned_unit_id", "village_id")
    base = visible.order_by()
    still_open = ~Q(status__in=TERMINAL_VALUES)
    cells: dict[tuple[int | None, int | None], dict[str, int]] = {}

    def cell(row: dict[str, Any]) -> dict[str, int]:
        return cells.setdefault(
            (row["assigned_unit_id"], row["village_id"]),
            {"open": 0, "overdue": 0, "finished": 0, "on_time": 0},
        )

    for row in (
        base.filter(still_open)
        .values(*keys)
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=~Q(status=Status.SUSPENDED) & Q(due_on__lt=end)),
        )
    ):
        cell(row).update(open=row["open"], overdue=row["overdue"])
    finished = with_resolution(finished_between(base, start, end)).annotate(
        finished_on=TruncDate("closed_at")
    )
    for row in finished.values(*keys).annotate(
        finished=Count("pk"), on_time=Count("pk", filter=Q(finished_on__lte=F("resolution_due")))
    ):
        cell(row).update(finished=row["finished"], on_time=row["on_time"])
    return _Tallies(cells)


def _breakdown(
    tallies: _Tallies, units: list[Unit], key: str, window: tuple[dt.date, dt.date]
) -> list[BreakdownRow]:
    """Open, overdue and on-time figures per unit (or village), from the tallies."""
    start, end = window
    param = "unit" if key == "assigned_unit" else key  # the list's filter (EXTRA_PARAMS)
    rows = []
    for unit in units:
        where = {"unit": unit.pk} if param == "unit" else {"village": unit.pk}
        rows.append(
            BreakdownRow(
                name=unit.name,
                open=tallies.total("open", **where),
                overdue=tallies.total("overdue", **where),
                rate=tallies.rate(**where),
                open_url=list_url(status="open", **{param: unit.pk}),
                overdue_url=list_url(scope="overdue", **{param: unit.pk}),
                finished_url=list_url(
                    finished_from=start.isoformat(),
                    finished_to=end.isoformat(),
                    timed=1,
                    **{param: unit.pk},
                ),
            )
        )
    return rows


def _months_back(today: dt.date, n: int) -> list[dt.date]:
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(months))


def _month_end(first: dt.date) -> dt.date:
    nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _tables(
    tallies: _Tallies,
    commune: Commune,
    window: tuple[dt.date, dt.date],
    units: bool,
    own_units: list[Unit] | None,
) -> tuple[list[BreakdownRow], list[BreakdownRow]]:
    unit_rows: list[BreakdownRow] = []
    village_rows: list[BreakdownRow] = []
    if units:
        all_units = list(Unit.objects.filter(commune=commune, is_active=True).order_by("name"))
        offices = [u for u in all_units if u.kind != "village"]
        villages = [u for u in all_units if u.kind == "village"]
        unit_rows = _breakdown(tallies, offices, "assigned_unit", window)
        village_rows = _breakdown(tallies, villages, "village", window)
    if own_units is not None:
        unit_rows = _breakdown(tallies, own_units, "assigned_unit", window)
    return unit_rows, village_rows


def _window(today: dt.date) -> tuple[dt.date, dt.date]:
    return (today - dt.timedelta(days=365), today)


def breakdowns(
    user: Any,
    commune: Commune,
    today: dt.date,
    *,
    units: bool = True,
    own_units: list[Unit] | None = None,
) -> tuple[list[BreakdownRow], list[BreakdownRow]]:
    """The dashboard's unit and village tables alone (for their export): the same rows as
    `dashboard` gives with the same arguments, without the figures, trend and other panels."""
    window = _window(today)
    tallies = _tallies(petition_list(user, commune), window)
    return _tables(tallies, commune, window, units, own_units)


def dashboard(
    user: Any,
    commune: Commune,
    today: dt.date,
    *,
    units: bool = True,
    own_units: list[Unit] | None = None,
) -> Dashboard:
    """The leader's dashboard; `units=False` leaves out the unit and village tables, and
    `own_units` (a unit head's) shows those units only."""
    visible = petition_list(user, commune)
    month_start = today.replace(day=1)
    window = _window(today)
    received = visible.filter(received_on__gte=month_start, received_on__lte=today).count()
    tallies = _tallies(visible, window)
    open_count, overdue, rate = tallies.total("open"), tallies.total("overdue"), tallies.rate()
    figures = [
        Figure(
            "received_month",
            received,
            list_url(received_from=month_start.isoformat(), received_to=today.isoformat()),
        ),
        Figure("open", open_count, list_url(status="open")),
        Figure("overdue", overdue, list_url(scope="overdue")),
    ]
    unit_rows, village_rows = _tables(tallies, commune, window, units, own_units)
    months = _months_back(today, 12)
    by_month = dict(
        visible.filter(received_on__gte=months[0])
        .order_by()
        .annotate(m=TruncMonth("received_on"))
        .values_list("m")
        .annotate(n=Count("pk"))
        .values_list("m", "n")
    )
    closed_by_month = dict(
        visible.filter(closed_at__gte=_day_start(months[0]), status__in=TERMINAL_VALUES)
        .order_by()
        .annotate(m=TruncMonth("closed_at"))
        .values_list("m")
        .annotate(n=Count("pk"))
        .values_list("m", "n")
    )
    closed_by_month = {
        (k.date() if isinstance(k, dt.datetime) else k): v for k, v in closed_by_month.items()
    }
    trend = {
        "labels": [f"{m:%m/%Y}" for m in months],
        "received": [by_month.get(m, 0) for m in months],
        "finished": [closed_by_month.get(m, 0) for m in months],
        "urls": [
            list_url(received_from=m.isoformat(), received_to=_month_end(m).isoformat())
            for m in months
        ],
        "finished_urls": [
            list_url(finished_from=m.isoformat(), finished_to=_month_end(m).isoformat())
            for m in months
        ],
    }
    weeks_start = today - dt.timedelta(weeks=12)
    shortfalls = missing_leader_days(commune, weeks_start, 12)
    held = (
        ReceptionSession.objects.filter(
            commune=commune,
            kind=ReceptionType.PERIODIC,
            is_cancelled=False,
            date__gte=weeks_start,
            date__lte=today,
        )
        .values("date")
        .distinct()
        .count()
    )
    missing = sum(s.missing for s in shortfalls)
    reception = {
        "held": held,
        "required": held + missing,
        "missing": missing,
        "since": weeks_start,
        "url": reverse("reception:schedule"),
    }
    programmes = []
    for programme in programmes_of(commune, year=today.year)[:10]:
        counts = status_counts(task_rows(programme, today=today))
        total = sum(counts.values())
        programmes.append(
            {
                "title": programme.title,
                "url": reverse("programmes:detail", args=[programme.pk]),
                "counts": counts,
                "total": total,
                "done": counts.get("done", 0),
            }
        )
    return Dashboard(
        figures, unit_rows, village_rows, trend, reception, programmes, rate, window=window
    )


@dataclass
class CommuneLine:
    commune: Commune
    received: int
    open: int
    overdue: int
    rate: Rate
    url: str


PROVINCE_ORDERS = ("name", "received", "open", "overdue", "rate")


def province_overview(
    user: Any, communes: list[Commune], today: dt.date, order: str = "name"
) -> list[CommuneLine]:
    """Every commune side by side (year to date): one grouped query for all the communes in
    which the user sees every petition (the province viewer sees them all), the scoped per-commune
    queries for any other."""
    year_start = dt.date(today.year, 1, 1)
    window_start = today - dt.timedelta(days=365)
    whole = [c for c in communes if roles_in(user, c) & SEES_ALL]
    # One pass over the narrow CaseFacts rows (same status, due date, closing time and
    # resolution clock as the petitions) instead of four over the wide petitions table.
    finished = _finished(window_start, today)
    counts = {
        row["commune_id"]: row
        for row in CaseFacts.objects.filter(commune__in=whole)
        .order_by()
        .annotate(finished_on=TruncDate("closed_at"))
        .values("commune_id")
        .annotate(
            received=Count("pk", filter=Q(received_on__gte=year_start)),
            open=Count("pk", filter=~Q(status__in=TERMINAL_VALUES)),
            overdue=Count(
                "pk",
                filter=~Q(status__in=[*TERMINAL_VALUES, Status.SUSPENDED]) & Q(due_on__lt=today),
            ),
            finished=Count("pk", filter=finished),
            on_time=Count("pk", filter=finished & Q(finished_on__lte=F("resolution_due"))),
        )
    }
    empty = dict.fromkeys(("received", "open", "overdue", "finished", "on_time"), 0)
    lines = []
    for commune in communes:
        if commune in whole:
            row = counts.get(commune.pk, empty)
            line = CommuneLine(
                commune=commune,
                received=row["received"],
                open=row["open"],
                overdue=row["overdue"],
                rate=Rate(row["on_time"], row["finished"]),
                url=reverse("reports:commune", args=[commune.pk]),
            )
        else:
            visible = petition_list(user, commune)
            line = CommuneLine(
                commune=commune,
                received=visible.filter(received_on__gte=year_start).count(),
                open=visible.exclude(status__in=TERMINAL_VALUES).count(),
                overdue=petition_list(user, commune, scope="overdue").count(),
                rate=_rate(finished_between(visible, window_start, today)),
                url=reverse("reports:commune", args=[commune.pk]),
            )
        lines.append(line)
    descending = order.startswith("-")
    key = order.lstrip("-")
    if key not in PROVINCE_ORDERS:
        key = "name"
    if key == "name":
        lines.sort(key=lambda line: line.commune.name, reverse=descending)
    elif key == "rate":
        lines.sort(key=lambda line: (line.rate.value is None, line.rate.value or 0))
        if descending:
            lines.sort(
                key=lambda line: (line.rate.value is not None, line.rate.value or 0), reverse=True
            )
    else:
        lines.sort(key=lambda line: getattr(line, key), reverse=descending)
    return lines
