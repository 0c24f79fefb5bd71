"""The few writes of the reports app: the one-time opening balance, the BÁO CÁO drafted from the
statistics forms with its XLSX annex."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Commune
from danvan.documents.models import OutgoingDocument
from danvan.documents.services import document_create_draft
from danvan.documents.specs import blocks_from_text
from danvan.petitions.states import Kind

from . import xlsx
from .forms_base import compute
from .models import OpeningBalance, ReportAnnex
from .periods import KINDS, Period, cutoff_day, official_period
from .registry import FORMS


def official_periods_starting(day: dt.date) -> list[tuple[str, Period]]:
    """The official reporting periods (DOMAIN §14.1 cut-off convention) that start on `day`, from
    the shortest kind to the longest: a month always when `day` is the cut-off day, a quarter,
    the half, nine months and the year on some of them."""
    found: list[tuple[str, Period]] = []
    for kind in KINDS:
        numbers = {"month": range(1, 13), "quarter": range(1, 5)}.get(kind, range(1, 2))
        for year in (day.year, day.year + 1):
            for number in numbers:
                period = official_period(kind, year, number)
                if period.start == day:
                    found.append((kind, period))
    return found


def opening_balance_set(
    *, actor: Any, commune: Commune, as_of: dt.date, counts: dict[str, dict[str, Any]]
) -> OpeningBalance:
    """Record the cases open when the commune started (kê khai số liệu đầu kỳ, DOMAIN §14.4):
    per kind, those signed by one person and by many. They are added to the "carried over"
    cells of the period that starts on `as_of`, which must be the first day of an official period
    (cut-off convention, Nghị định 09/2019/NĐ-CP; DOMAIN §14.1) and not in the future.

    Entered once: later periods carry over what the events say. Audited.
    Errors: ValidationError (keyed by "as_of" for the date)."""
    clean: dict[str, dict[str, int]] = {}
    for kind, split in counts.items():
        if kind not in Kind.values:
            raise ValidationError(_("Unknown kind of petition."))
        try:
            values = {k: int(split.get(k, 0) or 0) for k in ("single", "group")}
        except (TypeError, ValueError) as exc:
            raise ValidationError(_("Counts must be whole numbers.")) from exc
        if any(v < 0 for v in values.values()):
            raise ValidationError(_("Counts cannot be negative."))
        clean[kind] = values
    if as_of > timezone.localdate():
        raise ValidationError(
            {"as_of": _("The first day of the first period cannot be in the future.")}
        )
    if not official_periods_starting(as_of):
        example = as_of.replace(day=cutoff_day())
        raise ValidationError(
            {
                "as_of": _(
                    "%(date)s does not start an official reporting period: periods start on day "
                    "%(day)d of a month (cut-off convention of Decree 09/2019), for example "
                    "%(example)s."
                )
                % {
                    "date": as_of.strftime("%d/%m/%Y"),
                    "day": cutoff_day(),
                    "example": example.strftime("%d/%m/%Y"),
                }
            }
        )
    with transaction.atomic():
        if OpeningBalance.objects.select_for_update().filter(commune=commune).exists():
            raise ValidationError(_("The opening balance was already entered."))
        balance = OpeningBalance.objects.create(
            commune=commune, as_of=as_of, counts=clean, entered_by=actor
        )
        audit.record(
            verb="reports.opening_balance",
            actor=actor,
            commune=commune,
            obj=balance,
            after={"as_of": as_of, "counts": clean},
        )
    return balance


def report_draft_from_forms(
    *, actor: Any, commune: Commune, period: Period, signer_name: str
) -> tuple[OutgoingDocument, ReportAnnex]:
    """Draft the period's BÁO CÁO (Nghị định 30/2020) with one table per form and the XLSX annex
    holding the official tables. The draft is then edited and issued in the documents app."""
    tables = [compute(form, [commune], period) for form in FORMS.values()]
    body: list[dict[str, Any]] = blocks_from_text(
        f"I. KẾT QUẢ CÔNG TÁC TIẾP CÔNG DÂN, XỬ LÝ ĐƠN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO\n"
        f"Số liệu tính từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}. "
        f"Chi tiết tại các biểu kèm theo."
    )
    for table in tables:
        body.extend(blocks_from_text(f"Biểu {table.form.code}: {table.form.title}"))
        body.append(
            {
                "kind": "table",
                "header": ["Chỉ tiêu", "Số liệu"],
                "rows": [
                    [" – ".join(c.header), str(v)]
                    for c, v in zip(table.form.columns, table.total.values, strict=True)
                ],
            }
        )
    with transaction.atomic():
        document = document_create_draft(
            actor=actor,
            commune=commune,
            doc_type="BC",
            title=(
                "Kết quả công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo "
                f"từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}"
            ),
            signer_name=signer_name,
            authority_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            body=body,
            recipients=["UBND tỉnh", "Thanh tra tỉnh", "Lưu: VT"],
            source_type="reports.period",
            source_id=f"{period.start.isoformat()}/{period.end.isoformat()}",
        )
        workbook = xlsx.form_workbook(tables, unit_name=f"UBND xã {commune.name}")
        annex = ReportAnnex(document=document, period_start=period.start, period_end=period.end)
        annex.file.save(
            f"bieu-thong-ke-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx",
            ContentFile(xlsx.workbook_bytes(workbook)),
            save=False,
        )
        annex.save()
        audit.record(
            verb="reports.report_drafted",
            actor=actor,
            commune=commune,
            obj=document,
            after={"period": period.label()},
        )
    return document, annex
