"""Half-year (sơ kết) and year-end (tổng kết) reviews: a draft BÁO CÁO in the documents app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.documents.services import document_create_draft

from .. import review_report
from ..models import Programme, Review
from ..states import ReviewKind
from .common import today

DEFAULT_AUTHORITY = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
DEFAULT_RECIPIENTS = ("Sở Nội vụ", "TTĐU, TTHĐND", "CT, các PCT UBND")


def _recipients(programme: Programme) -> list[str]:
    """Those the programme was sent to, without its archive line (the renderer adds one)."""
    names = [r for r in programme.recipients if not r.casefold().startswith("lưu")]
    return names or list(DEFAULT_RECIPIENTS)


def review_generate(
    *, actor: Any, programme: Programme, kind: str, year: int | None = None
) -> Review:
    """Draft the review report of a programme for the half-year (15/12 of the year before to
    14/06) or the year (to 14/12), periods of Nghị định 09/2019/NĐ-CP: a BÁO CÁO (Nghị định
    30/2020 format) pre-filled from the period's progress reports, indicators, study sessions
    and the petition and reception statistics, with sections I. KẾT QUẢ ĐẠT ĐƯỢC, II. HẠN CHẾ,
    NGUYÊN NHÂN, III. PHƯƠNG HƯỚNG, NHIỆM VỤ. The official edits the draft in the documents app;
    the văn thư issues it.

    Errors: an unknown kind, or a period that has not begun."""
    if kind not in ReviewKind.values:
        raise ValidationError(_("Choose a half-year or a year-end review."))
    year = year or programme.year
    period = review_report.review_period(kind, year)
    now = today()
    if period.start > now:
        raise ValidationError(
            _("The period %(label)s has not begun yet.") % {"label": period.label}
        )
    facts = review_report.gather(programme, kind, year, now)
    title, body = review_report.build(facts)
    with transaction.atomic():
        document = document_create_draft(
            actor=actor,
            commune=programme.commune,
            doc_type="BC",
            title=title,
            signer_name=programme.signer_name or "",
            authority_lines=list(programme.authority_lines) or list(DEFAULT_AUTHORITY),
            body=body,
            recipients=_recipients(programme),
            drafting_unit=programme.coordinator_unit,
            source_type="programmes.review",
            source_id=str(programme.pk),
        )
        review = Review.objects.create(
            programme=programme,
            kind=kind,
            period_start=period.start,
            period_end=period.end,
            document=document,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            verb="programme.review_drafted",
            actor=actor,
            commune=programme.commune,
            obj=review,
            after={"kind": kind, "year": year, "document": document.pk},
        )
    return review
