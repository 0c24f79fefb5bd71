"""Petition handling forms 01/XLD – 04/XLD (DOMAIN §14.2–14.3; TT 02/2021/TT-TTCP).

Rows: the reporting communes. Columns: conditions over the period's caseload (see
forms_base.caseload): received in the period or carried over, the classification, and what was
done in the period according to the timeline."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet

from danvan.core.models import Commune
from danvan.petitions.models import ComplaintStage, Field
from danvan.petitions.states import Kind

from .forms_base import Column, FormDef, caseload
from .models import OpeningBalance
from .periods import Period

C, D = Kind.COMPLAINT.value, Kind.DENUNCIATION.value
PAKN = frozenset({Kind.RECOMMENDATION.value, Kind.FEEDBACK.value})
ALL_KINDS = frozenset(Kind.values)

NEW = Q(is_new=True)
OLD = Q(is_new=False)
GROUP = Q(is_group=True)
SINGLE = Q(is_group=False)

# Content of complaints: the administrative field splits into four, then justice and the Party.
OTHER_ADMIN = [
    Field.SOCIAL.value,
    Field.WELFARE.value,
    Field.ENVIRONMENT.value,
    Field.CORRUPTION.value,
    Field.OTHER.value,
]
NOT_ADMIN = [Field.JUSTICE.value, Field.CORRUPTION.value, Field.PARTY.value]


def _bal(kinds: frozenset[str], group: bool | None = None) -> Callable[[OpeningBalance], int]:
    def count(balance: OpeningBalance) -> int:
        return balance.count(kinds, group)

    return count


def _base(kinds: frozenset[str]) -> Callable[[Iterable[Commune], Period], QuerySet[Any]]:
    def base(communes: Iterable[Commune], period: Period) -> QuerySet[Any]:
        return caseload(communes, period).filter(kind__in=list(kinds))

    return base


def _intake(kinds: frozenset[str]) -> tuple[Column, ...]:
    h = "Tiếp nhận"
    return (
        Column(
            "total",
            (h, "Tổng số đơn"),
            total_of=("new_group", "new_single", "old_group", "old_single"),
        ),
        Column(
            "new_group", (h, "Đơn tiếp nhận trong kỳ", "Đơn có nhiều người đứng tên"), NEW & GROUP
        ),
        Column("new_single", (h, "Đơn tiếp nhận trong kỳ", "Đơn một người đứng tên"), NEW & SINGLE),
        Column(
            "old_group",
            (h, "Đơn kỳ trước chuyển sang", "Đơn có nhiều người đứng tên"),
            OLD & GROUP,
            balance=_bal(kinds, True),
        ),
        Column(
            "old_single",
            (h, "Đơn kỳ trước chuyển sang", "Đơn một người đứng tên"),
            OLD & SINGLE,
            balance=_bal(kinds, False),
        ),
        Column(
            "reopened",
            (h, "Trong đó: đơn đã kết thúc được mở lại trong kỳ"),
            Q(ev_reopened=True) & OLD,
        ),
        Column("eligible", (h, "Đơn đủ điều kiện xử lý"), Q(is_eligible=True)),
    )


def _complaint_content(prefix: str, q: Q) -> tuple[Column, ...]:
    h = ("Phân loại theo nội dung", "Khiếu nại")
    return (
        Column(f"{prefix}land", (*h, "Lĩnh vực hành chính", "Đất đai"), q & Q(field=Field.LAND)),
        Column(
            f"{prefix}housing",
            (*h, "Lĩnh vực hành chính", "Nhà, tài sản"),
            q & Q(field=Field.HOUSING),
        ),
        Column(
            f"{prefix}policy",
            (*h, "Lĩnh vực hành chính", "Chính sách, chế độ CC, VC"),
            q & Q(field=Field.POLICY),
        ),
        Column(
            f"{prefix}other_admin",
            (*h, "Lĩnh vực hành chính", "Lĩnh vực CT, VH, XH khác"),
            q & Q(field__in=OTHER_ADMIN),
        ),
        Column(f"{prefix}justice", (*h, "Lĩnh vực tư pháp"), q & Q(field=Field.JUSTICE)),
        Column(f"{prefix}party", (*h, "Về Đảng"), q & Q(field=Field.PARTY)),
    )


def _denunciation_content(prefix: str, q: Q) -> tuple[Column, ...]:
    h = ("Phân loại theo nội dung", "Tố cáo")
    return (
        Column(f"{prefix}admin", (*h, "Lĩnh vực hành chính"), q & ~Q(field__in=NOT_ADMIN)),
        Column(f"{prefix}justice", (*h, "Lĩnh vực tư pháp"), q & Q(field=Field.JUSTICE)),
        Column(f"{prefix}corruption", (*h, "Tham nhũng"), q & Q(field=Field.CORRUPTION)),
        Column(f"{prefix}party", (*h, "Về Đảng"), q & Q(field=Field.PARTY)),
    )


COMPLAINT = Q(kind=C)
DENUNCIATION = Q(kind=D)

XLD01 = FormDef(
    code="01/XLD",
    title="Kết quả xử lý đơn",
    base=_base(ALL_KINDS),
    columns=(
        *_intake(ALL_KINDS),
        *_complaint_content("c_", COMPLAINT),
        *_denunciation_content("d_", DENUNCIATION),
        Column("pakn", ("Phân loại theo nội dung", "Kiến nghị, phản ánh"), Q(kind__in=list(PAKN))),
        Column("other", ("Phân loại theo nội dung", "Khác"), Q(kind=Kind.INFO_REQUEST)),
        Column(
            "auth_admin",
            ("Theo thẩm quyền giải quyết", "Của cơ quan hành chính các cấp"),
            ~Q(field__in=[Field.JUSTICE, Field.PARTY]),
        ),
        Column(
            "auth_justice",
            ("Theo thẩm quyền giải quyết", "Của cơ quan tư pháp các cấp"),
            Q(field=Field.JUSTICE),
        ),
        Column(
            "auth_party", ("Theo thẩm quyền giải quyết", "Của cơ quan Đảng"), Q(field=Field.PARTY)
        ),
        Column(
            "stage_none",
            ("Theo trình tự giải quyết", "Chưa được giải quyết"),
            COMPLAINT
            & ~Q(complaint_stage__in=[ComplaintStage.RESOLVED_ONCE, ComplaintStage.RESOLVED_MORE]),
        ),
        Column(
            "stage_once",
            ("Theo trình tự giải quyết", "Đã được giải quyết lần đầu"),
            COMPLAINT & Q(complaint_stage=ComplaintStage.RESOLVED_ONCE),
        ),
        Column(
            "stage_more",
            ("Theo trình tự giải quyết", "Đã được giải quyết nhiều lần"),
            COMPLAINT & Q(complaint_stage=ComplaintStage.RESOLVED_MORE),
        ),
        Column("guided", ("Kết quả xử lý đơn", "Số văn bản hướng dẫn"), Q(ev_guided=True)),
        Column(
            "transferred",
            ("Kết quả xử lý đơn", "Số đơn chuyển cơ quan có thẩm quyền"),
            Q(ev_transferred=True),
        ),
        Column(
            "filed",
            ("Kết quả xử lý đơn", "Số đơn lưu, không xử lý"),
            Q(ev_filed=True) | Q(ev_refused=True),
        ),
        Column(
            "ours_c",
            ("Kết quả xử lý đơn", "Đơn thuộc thẩm quyền (thụ lý)", "Khiếu nại"),
            COMPLAINT & Q(accepted_by_end=True),
        ),
        Column(
            "ours_d",
            ("Kết quả xử lý đơn", "Đơn thuộc thẩm quyền (thụ lý)", "Tố cáo"),
            DENUNCIATION & Q(accepted_by_end=True),
        ),
        Column(
            "pending",
            ("Số đơn chưa xử lý xong cuối kỳ",),
            Q(st1__isnull=True) | Q(st1="registered"),
        ),
    ),
)

XLD02 = FormDef(
    code="02/XLD",
    title="Kết quả xử lý đơn khiếu nại",
    base=_base(frozenset({C})),
    columns=(
        *_intake(frozenset({C})),
        *_complaint_content("", Q()),
        Column(
            "stage_none",
            ("Theo trình tự giải quyết", "Chưa được giải quyết"),
            ~Q(complaint_stage__in=[ComplaintStage.RESOLVED_ONCE, ComplaintStage.RESOLVED_MORE]),
        ),
        Column(
            "stage_once",
            ("Theo trình tự giải quyết", "Đã được giải quyết lần đầu"),
            Q(complaint_stage=ComplaintStage.RESOLVED_ONCE),
        ),
        Column(
            "stage_more",
            ("Theo trình tự giải quyết", "Đã được giải quyết nhiều lần"),
            Q(complaint_stage=ComplaintStage.RESOLVED_MORE),
        ),
        Column("guided", ("Kết quả xử lý", "Số văn bản hướng dẫn"), Q(ev_guided=True)),
        Column("refused", ("Kết quả xử lý", "Không thụ lý"), Q(ev_refused=True)),
        Column("filed", ("Kết quả xử lý", "Lưu đơn"), Q(ev_filed=True)),
        Column("accepted", ("Kết quả xử lý", "Thụ lý trong kỳ"), Q(ev_accepted=True)),
        Column(
            "pending",
            ("Số đơn chưa xử lý xong cuối kỳ",),
            Q(st1__isnull=True) | Q(st1="registered"),
        ),
    ),
)

XLD03 = FormDef(
    code="03/XLD",
    title="Kết quả xử lý đơn tố cáo",
    base=_base(frozenset({D})),
    columns=(
        *_intake(frozenset({D})),
        *_denunciation_content("", Q()),
        Column(
            "transferred", ("Kết quả xử lý", "Chuyển cơ quan có thẩm quyền"), Q(ev_transferred=True)
        ),
        Column("refused", ("Kết quả xử lý", "Không thụ lý"), Q(ev_refused=True)),
        Column("filed", ("Kết quả xử lý", "Lưu đơn"), Q(ev_filed=True)),
        Column(
            "management",
            ("Kết quả xử lý", "Nặc danh: kiểm tra phục vụ quản lý"),
            Q(ev_management_check=True),
        ),
        Column("accepted", ("Kết quả xử lý", "Thụ lý trong kỳ"), Q(ev_accepted=True)),
        Column(
            "pending",
            ("Số đơn chưa xử lý xong cuối kỳ",),
            Q(st1__isnull=True) | Q(st1="registered"),
        ),
    ),
)

XLD04 = FormDef(
    code="04/XLD",
    title="Kết quả xử lý đơn kiến nghị, phản ánh",
    base=_base(PAKN),
    columns=(
        *_intake(PAKN),
        Column("land", ("Phân loại theo nội dung", "Đất đai"), Q(field=Field.LAND)),
        Column(
            "welfare",
            ("Phân loại theo nội dung", "Chính sách xã hội, người có công"),
            Q(field=Field.WELFARE),
        ),
        Column(
            "environment",
            ("Phân loại theo nội dung", "Môi trường, trật tự"),
            Q(field=Field.ENVIRONMENT),
        ),
        Column(
            "other",
            ("Phân loại theo nội dung", "Lĩnh vực khác"),
            ~Q(field__in=[Field.LAND, Field.WELFARE, Field.ENVIRONMENT]),
        ),
        Column(
            "handling",
            ("Kết quả xử lý", "Chuyển đơn vị xem xét trong kỳ"),
            Q(ev_handling_started=True),
        ),
        Column(
            "transferred", ("Kết quả xử lý", "Chuyển cơ quan có thẩm quyền"), Q(ev_transferred=True)
        ),
        Column("filed", ("Kết quả xử lý", "Lưu đơn"), Q(ev_filed=True)),
        Column("answered", ("Kết quả xử lý", "Đã trả lời trong kỳ"), Q(ev_answered=True)),
        Column(
            "closed", ("Kết quả xử lý", "Đã kết thúc trong kỳ"), Q(ev_closed=True) & Q(st1="closed")
        ),
        Column(
            "pending",
            ("Số đơn chưa giải quyết xong cuối kỳ",),
            Q(st1__isnull=True) | ~Q(st1__in=["closed", "transferred", "filed", "merged"]),
        ),
    ),
)

FORMS = {f.code: f for f in (XLD01, XLD02, XLD03, XLD04)}
