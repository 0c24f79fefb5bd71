"""Resolution forms 01–04/KQGQ (DOMAIN §14.3): complaints and denunciations the commune accepted
(thụ lý) and resolved, counted from the timeline: acceptance, decision or conclusion, withdrawal,
closure. The on-time columns compare the day of the decision with the due date of the case's
resolution clock (the latest-started clock that is not a notification clock).

Columns the stored events cannot give (complaint right / wrong, sums recovered, people
disciplined) are not in these forms: nothing here is typed in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import TruncDate

from danvan.core.models import Commune
from danvan.petitions.states import Closure, Kind

from .forms_base import Column, FormDef, caseload
from .models import CaseFacts
from .periods import Period


def with_resolution(qs: QuerySet[Any]) -> QuerySet[Any]:
    """Annotate the day of the decision and the due date of the resolution clock, both kept in
    the case's CaseFacts (`qs` is of CaseFacts, or of petitions: then through the join)."""
    if qs.model is CaseFacts:
        return qs.annotate(decided_on=TruncDate("decided_first"))
    return qs.annotate(
        resolution_due=F("facts__resolution_due"), decided_on=TruncDate("facts__decided_first")
    )


def _base(
    kind: str, *, execution: bool = False
) -> Callable[[Iterable[Commune], Period], QuerySet[Any]]:
    def base(communes: Iterable[Commune], period: Period) -> QuerySet[Any]:
        qs = caseload(communes, period).filter(kind=kind, accepted_by_end=True)
        if not execution:  # decided before the period: resolved, only its execution remains
            qs = qs.filter(Q(st0__isnull=True) | ~Q(st0="decided"))
        return with_resolution(qs)

    return base


DECIDED = Q(ev_decided=True)
WITHDRAWN = Q(ev_closed=True, closure=Closure.WITHDRAWN)
ON_TIME = DECIDED & Q(decided_on__lte=F("resolution_due"))
LATE = DECIDED & Q(decided_on__gt=F("resolution_due"))


def _resolution_columns(noun: str) -> tuple[Column, ...]:
    h = f"Đơn {noun} thuộc thẩm quyền"
    return (
        Column("total", (h, "Tổng số"), total_of=("old", "new")),
        Column("old", (h, "Kỳ trước chuyển sang"), Q(accepted_before=True)),
        Column("new", (h, "Thụ lý trong kỳ"), Q(accepted_before=False)),
        Column("resolved", ("Đã giải quyết", "Tổng số"), total_of=("decided", "withdrawn")),
        Column("decided", ("Đã giải quyết", "Bằng quyết định / kết luận"), DECIDED),
        Column("withdrawn", ("Đã giải quyết", "Rút đơn"), WITHDRAWN & ~DECIDED),
        Column(
            "pending",
            ("Chưa giải quyết xong cuối kỳ",),
            Q(st1__isnull=True) | ~Q(st1__in=["decided", "closed"]),
        ),
        Column("on_time", ("Chấp hành thời hạn giải quyết", "Đúng hạn"), ON_TIME),
        Column("late", ("Chấp hành thời hạn giải quyết", "Quá hạn"), LATE),
    )


def _execution_columns() -> tuple[Column, ...]:
    h = "Quyết định / kết luận phải tổ chức thực hiện"
    return (
        Column("must", (h, "Tổng số"), Q(st0="decided") | DECIDED),
        Column("old", (h, "Kỳ trước chuyển sang"), Q(st0="decided")),
        Column("new", (h, "Ban hành trong kỳ"), DECIDED),
        Column(
            "done",
            ("Đã thực hiện xong",),
            (Q(st0="decided") | DECIDED) & Q(ev_closed=True, st1="closed"),
        ),
    )


KQGQ01 = FormDef(
    code="01/KQGQ",
    title="Kết quả giải quyết khiếu nại thuộc thẩm quyền",
    base=_base(Kind.COMPLAINT),
    columns=_resolution_columns("khiếu nại"),
)
KQGQ02 = FormDef(
    code="02/KQGQ",
    title="Kết quả thi hành quyết định giải quyết khiếu nại",
    base=_base(Kind.COMPLAINT, execution=True),
    columns=_execution_columns(),
)
KQGQ03 = FormDef(
    code="03/KQGQ",
    title="Kết quả giải quyết tố cáo thuộc thẩm quyền",
    base=_base(Kind.DENUNCIATION),
    columns=_resolution_columns("tố cáo"),
)
KQGQ04 = FormDef(
    code="04/KQGQ",
    title="Kết quả thực hiện kết luận nội dung tố cáo",
    base=_base(Kind.DENUNCIATION, execution=True),
    columns=_execution_columns(),
)

FORMS = {f.code: f for f in (KQGQ01, KQGQ02, KQGQ03, KQGQ04)}
