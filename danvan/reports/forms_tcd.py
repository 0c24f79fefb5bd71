"""Citizen reception forms 01/TCD and 02/TCD (DOMAIN §4.3, §14.3), from the reception register.

A turn (lượt) is one register entry; people are its group size; a matter (vụ việc) is new or a
returning one; a delegation (đoàn đông người) is an entry marked as such. Regular reception is by
the assigned official; the leader's periodic and ad hoc receptions form the second group."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from danvan.core.models import Commune
from danvan.petitions.models import Field, PetitionEvent
from danvan.petitions.states import Kind
from danvan.reception.models import Outcome, ReceptionType, ReceptionVisit

from .forms_base import Column, FormDef
from .forms_xld import NOT_ADMIN, OTHER_ADMIN
from .periods import Period


def visits(communes: Iterable[Commune], period: Period) -> QuerySet[ReceptionVisit]:
    return ReceptionVisit.objects.filter(
        commune__in=list(communes), visited_at__gte=period.start_at, visited_at__lt=period.end_at
    )


def _reception_group(prefix: str, title: str, q: Q) -> tuple[Column, ...]:
    delegation = q & Q(is_delegation=True)
    d = (title, "Đoàn đông người")
    return (
        Column(f"{prefix}turns", (title, "Lượt"), q),
        Column(f"{prefix}people", (title, "Người"), q, sum_field="group_size"),
        Column(f"{prefix}old", (title, "Vụ việc", "Cũ"), q & Q(is_new_case=False)),
        Column(f"{prefix}new", (title, "Vụ việc", "Mới phát sinh"), q & Q(is_new_case=True)),
        Column(f"{prefix}del_count", (*d, "Số đoàn"), delegation),
        Column(f"{prefix}del_people", (*d, "Người"), delegation, sum_field="group_size"),
        Column(f"{prefix}del_old", (*d, "Vụ việc cũ"), delegation & Q(is_new_case=False)),
        Column(f"{prefix}del_new", (*d, "Vụ việc mới phát sinh"), delegation & Q(is_new_case=True)),
    )


REGULAR = Q(reception_type=ReceptionType.REGULAR)
LEADER = Q(reception_type__in=[ReceptionType.PERIODIC, ReceptionType.ADHOC])
COMPLAINT = Q(kind=Kind.COMPLAINT)
DENUNCIATION = Q(kind=Kind.DENUNCIATION)
CONTENT = "Nội dung tiếp công dân (số vụ việc)"

TCD01 = FormDef(
    code="01/TCD",
    title="Kết quả tiếp công dân (thường xuyên, định kỳ và đột xuất)",
    base=visits,
    columns=(
        *_reception_group("reg_", "Tiếp thường xuyên", REGULAR),
        *_reception_group("lead_", "Tiếp định kỳ và đột xuất của lãnh đạo", LEADER),
        Column("c_land", (CONTENT, "Khiếu nại", "Đất đai"), COMPLAINT & Q(field=Field.LAND)),
        Column(
            "c_housing", (CONTENT, "Khiếu nại", "Nhà, tài sản"), COMPLAINT & Q(field=Field.HOUSING)
        ),
        Column(
            "c_policy",
            (CONTENT, "Khiếu nại", "Chính sách, chế độ CC, VC"),
            COMPLAINT & Q(field=Field.POLICY),
        ),
        Column(
            "c_other_admin",
            (CONTENT, "Khiếu nại", "Lĩnh vực CT, VH, XH khác"),
            COMPLAINT & Q(field__in=OTHER_ADMIN),
        ),
        Column(
            "c_justice",
            (CONTENT, "Khiếu nại", "Lĩnh vực tư pháp"),
            COMPLAINT & Q(field=Field.JUSTICE),
        ),
        Column(
            "d_admin",
            (CONTENT, "Tố cáo", "Lĩnh vực hành chính"),
            DENUNCIATION & ~Q(field__in=NOT_ADMIN),
        ),
        Column(
            "d_justice",
            (CONTENT, "Tố cáo", "Lĩnh vực tư pháp"),
            DENUNCIATION & Q(field=Field.JUSTICE),
        ),
        Column(
            "d_corruption",
            (CONTENT, "Tố cáo", "Tham nhũng"),
            DENUNCIATION & Q(field=Field.CORRUPTION),
        ),
        Column("d_party", (CONTENT, "Tố cáo", "Về Đảng"), DENUNCIATION & Q(field=Field.PARTY)),
        Column(
            "pakn",
            (CONTENT, "Phản ánh, kiến nghị, khác"),
            ~Q(kind__in=[Kind.COMPLAINT, Kind.DENUNCIATION]),
        ),
        Column(
            "r_spot",
            ("Kết quả tiếp", "Trả lời, giải thích tại chỗ"),
            Q(outcome=Outcome.ANSWERED_ON_SPOT),
        ),
        Column("r_guided", ("Kết quả tiếp", "Hướng dẫn"), Q(outcome=Outcome.GUIDED)),
        Column(
            "r_transferred",
            ("Kết quả tiếp", "Chuyển cơ quan có thẩm quyền"),
            Q(outcome=Outcome.TRANSFERRED),
        ),
        Column(
            "r_registered",
            ("Kết quả tiếp", "Nhận đơn, vào sổ"),
            Q(outcome=Outcome.PETITION_REGISTERED),
        ),
        Column("r_refused", ("Kết quả tiếp", "Từ chối tiếp"), Q(outcome=Outcome.REFUSED)),
    ),
)


def _visits_with_petition(communes: Iterable[Commune], period: Period) -> QuerySet[ReceptionVisit]:
    accepted = PetitionEvent.objects.filter(
        petition=OuterRef("petition"), verb="accepted", at__lt=period.end_at
    )
    return (
        visits(communes, period)
        .filter(petition__isnull=False)
        .annotate(p_accepted=Exists(accepted))
    )


TCD02 = FormDef(
    code="02/TCD",
    title="Kết quả phân loại, xử lý đơn qua tiếp công dân",
    base=_visits_with_petition,
    columns=(
        Column("total", ("Số đơn nhận qua tiếp công dân",), None),
        Column("complaint", ("Phân loại", "Khiếu nại"), Q(petition__kind=Kind.COMPLAINT)),
        Column("denunciation", ("Phân loại", "Tố cáo"), Q(petition__kind=Kind.DENUNCIATION)),
        Column(
            "pakn",
            ("Phân loại", "Kiến nghị, phản ánh"),
            Q(petition__kind__in=[Kind.RECOMMENDATION, Kind.FEEDBACK]),
        ),
        Column("other", ("Phân loại", "Khác"), Q(petition__kind=Kind.INFO_REQUEST)),
        Column("accepted", ("Kết quả xử lý", "Đã thụ lý"), Q(p_accepted=True)),
        Column("guided", ("Kết quả xử lý", "Hướng dẫn"), Q(petition__status="guided")),
        Column("transferred", ("Kết quả xử lý", "Chuyển đơn"), Q(petition__status="transferred")),
        Column(
            "other_outcome",
            ("Kết quả xử lý", "Không thụ lý, lưu đơn"),
            Q(petition__status__in=["not_accepted", "filed", "merged"]),
        ),
    ),
)

FORMS = {f.code: f for f in (TCD01, TCD02)}
