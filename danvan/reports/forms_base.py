"""The machinery behind the statistics forms (DOMAIN §14): a form is data — columns, each a
condition over the period's events — and one function that counts them per commune.

Each column is a conditional aggregate, so a whole form is one SQL query grouped by commune,
whatever the number of communes (a province-wide annual form included)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from danvan.core.models import Commune
from danvan.petitions.models import PetitionEvent
from danvan.petitions.states import TERMINAL

from .models import FACT_VERBS, CaseFacts, OpeningBalance
from .periods import Period

TERMINAL_VALUES = [str(s) for s in TERMINAL]


@dataclass(frozen=True)
class Column:
    key: str
    header: tuple[str, ...]
    q: Q | None = None  # None: every row of the form's base
    total_of: tuple[str, ...] = ()  # a sum of other columns (computed after the query)
    sum_field: str = ""  # count rows (default) or add up this field
    balance: Callable[[OpeningBalance], int] | None = None  # one-time opening balance


@dataclass(frozen=True)
class FormDef:
    code: str
    title: str
    columns: tuple[Column, ...]
    base: Callable[[Iterable[Commune], Period], QuerySet[Any]]
    notes: str = ""

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


@dataclass
class Row:
    label: str
    commune_id: int | None
    values: list[int] = field(default_factory=list)

    def get(self, key: str, form: FormDef) -> int:
        return self.values[form.keys.index(key)]


@dataclass
class FormTable:
    form: FormDef
    period: Period
    rows: list[Row]
    total: Row

    def cell(self, key: str, commune_id: int | None = None) -> int:
        """The value of column `key` for one commune, or of the totals row."""
        if commune_id is None:
            return self.total.get(key, self.form)
        for row in self.rows:
            if row.commune_id == commune_id:
                return row.get(key, self.form)
        raise KeyError(commune_id)

    def as_dict(self, commune_id: int | None = None) -> dict[str, int]:
        return {key: self.cell(key, commune_id) for key in self.form.keys}


def _status_at(moment: dt.datetime) -> Case:
    """The status the timeline had reached just before `moment` (null: no status event yet).
    Read from the facts; the timeline is asked only when status changes straddle `moment`."""
    exact = Subquery(
        PetitionEvent.objects.filter(petition=OuterRef("pk"), at__lt=moment)
        .exclude(status_after="")
        .order_by("-at", "-id")
        .values("status_after")[:1]
    )
    return Case(
        When(Q(status_first__isnull=True) | Q(status_first__gte=moment), then=Value(None)),
        When(status_last__lt=moment, then=F("last_status")),
        default=exact,
        output_field=CharField(),
    )


def _event_in(verb: str, period: Period) -> Case:
    """Whether `verb` happened in the period. Its first or last time inside decides yes, both
    outside on the same side (or never) decides no; only a verb repeated on both sides of the
    period asks the timeline."""
    first, last = f"{verb}_first", f"{verb}_last"
    start, end = period.start_at, period.end_at
    inside = Q(**{f"{first}__gte": start, f"{first}__lt": end}) | Q(
        **{f"{last}__gte": start, f"{last}__lt": end}
    )
    outside = (
        Q(**{f"{first}__isnull": True}) | Q(**{f"{last}__lt": start}) | Q(**{f"{first}__gte": end})
    )
    exact = Exists(
        PetitionEvent.objects.filter(petition=OuterRef("pk"), verb=verb, at__gte=start, at__lt=end)
    )
    return Case(
        When(inside, then=Value(True)),
        When(outside, then=Value(False)),
        default=exact,
        output_field=BooleanField(),
    )


def _event_before(verb: str, moment: dt.datetime) -> Case:
    return Case(
        When(**{f"{verb}_first__lt": moment}, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def open_at_start() -> Q:
    """Received before the period and not finished when it began (no event yet counts as open:
    a historical case imported later), or finished and reopened during the period."""
    return (Q(st0__isnull=True) | ~Q(st0__in=TERMINAL_VALUES)) | Q(ev_reopened=True)


def caseload(communes: Iterable[Commune], period: Period) -> QuerySet[Any]:
    """Every petition the period deals with: received in it, or carried over from before (the
    opening balance computed from events). Annotated with the status at both ends and the events
    that happened in the period (`ev_<verb>`).

    Rows are the petitions' CaseFacts (same primary key, same classification field names), kept
    current by `reports.facts`; see there and `_event_in` for why this is exact."""
    qs = CaseFacts.objects.filter(commune__in=list(communes), received_on__lte=period.end)
    qs = qs.annotate(
        is_new=ExpressionWrapper(Q(received_on__gte=period.start), output_field=BooleanField()),
        st0=_status_at(period.start_at),
        st1=_status_at(period.end_at),
        accepted_before=_event_before("accepted", period.start_at),
        accepted_by_end=_event_before("accepted", period.end_at),
        **{f"ev_{verb}": _event_in(verb, period) for verb in FACT_VERBS},
    )
    # A case open at the start is still open now or was last closed after the start.
    qs = qs.filter(
        Q(received_on__gte=period.start)
        | Q(closed_at__isnull=True)
        | Q(closed_at__gte=period.start_at)
        | Q(ev_reopened=True)
    )
    return qs.filter(Q(received_on__gte=period.start) | open_at_start())


def compute(
    form: FormDef,
    communes: Sequence[Commune],
    period: Period,
    *,
    group_by: str = "commune_id",
) -> FormTable:
    """Count every column of `form` for each commune (one query), add the opening balances of a
    first period, and the totals row."""
    communes = list(communes)
    queryset = form.base(communes, period)
    aggregates: dict[str, Any] = {}
    for column in form.columns:
        if column.total_of:
            continue
        if column.sum_field:
            aggregates[column.key] = Coalesce(Sum(column.sum_field, filter=column.q), 0)
        else:
            aggregates[column.key] = Count("pk", filter=column.q)
    found = {row[group_by]: row for row in queryset.values(group_by).annotate(**aggregates)}
    balances = {
        b.commune_id: b
        for b in OpeningBalance.objects.filter(commune__in=communes, as_of=period.start)
    }
    rows = []
    for commune in sorted(communes, key=lambda c: c.name):
        counted = found.get(commune.pk, {})
        values: dict[str, int] = {}
        balance = balances.get(commune.pk)
        for column in form.columns:
            if column.total_of:
                continue
            value = int(counted.get(column.key) or 0)
            if balance is not None and column.balance is not None:
                value += column.balance(balance)
            values[column.key] = value
        for column in form.columns:
            if column.total_of:
                values[column.key] = sum(values[k] for k in column.total_of)
        rows.append(Row(commune.name, commune.pk, [values[k] for k in form.keys]))
    total = Row("Tổng cộng", None, [sum(r.values[i] for r in rows) for i in range(len(form.keys))])
    return FormTable(form, period, rows, total)
