"""Helpers that build petitions through the services (never by writing rows directly)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from danvan.core.models import AuditEvent, Commune, Deadline
from danvan.documents import services as document_services
from danvan.documents.models import OutgoingDocument
from danvan.documents.specs import blocks_from_text
from danvan.petitions import services
from danvan.petitions.models import Channel, Citizen, Petition, PetitionEvent
from danvan.petitions.states import Kind

D = dt.date

# "Today" in every petitions test: Tuesday 15/09/2026, 16:00 in Hà Nội.
NOW = dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC)
TODAY = D(2026, 9, 15)
RECEIVED = D(2026, 9, 1)

DENOUNCER = {
    "name": "Trần Thị Bích Ngọc",
    "phone": "0912345678",
    "id_number": "031190001234",
    "address": "Số 12 ngõ 5 thôn Đông Sơn",
    "email": "bichngoc@example.vn",
}

SUMMARIES = {
    Kind.COMPLAINT: "Khiếu nại quyết định thu hồi đất của UBND xã",
    Kind.DENUNCIATION: "Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận",
    Kind.RECOMMENDATION: "Kiến nghị sửa đường liên thôn bị sụt lún",
    Kind.FEEDBACK: "Phản ánh đèn chiếu sáng ngõ xóm không hoạt động",
    Kind.INFO_REQUEST: "Yêu cầu cung cấp quy hoạch sử dụng đất của xã",
}


def citizen(commune: Commune, name: str = "Lê Văn Hùng", **kwargs: str) -> Citizen:
    kwargs.setdefault("phone", "0987654321")
    kwargs.setdefault("id_number", "031080005678")
    kwargs.setdefault("address", "Thôn Tây Sơn")
    return services.citizen_get_or_create(commune=commune, full_name=name, **kwargs)


def register(
    commune: Commune,
    kind: str = Kind.COMPLAINT,
    *,
    actor: Any = None,
    received_on: dt.date = RECEIVED,
    channel: str = Channel.DESK,
    summary: str | None = None,
    content: str | None = None,
    denouncer: dict[str, str] | None = None,
    person: Citizen | None = None,
    **kwargs: Any,
) -> Petition:
    """Register a petition of `kind`: a citizen for every kind but a denunciation, which gets
    the (confidential) denouncer instead. Anonymous petitions: pass flags=["anonymous"]."""
    anonymous = "anonymous" in (kwargs.get("flags") or [])
    summary = summary or SUMMARIES[Kind(kind)]
    if kind == Kind.DENUNCIATION:
        if denouncer is None and not anonymous:
            denouncer = dict(DENOUNCER)
        return services.petition_register(
            actor=actor,
            commune=commune,
            kind=kind,
            channel=channel,
            received_on=received_on,
            summary=summary,
            content=content or f"{summary}. Đề nghị xem xét, xử lý.",
            denouncer=denouncer,
            **kwargs,
        )
    if person is None and not anonymous:
        person = citizen(commune)
    return services.petition_register(
        actor=actor,
        commune=commune,
        kind=kind,
        channel=channel,
        received_on=received_on,
        summary=summary,
        content=content or f"{summary}. Đề nghị xem xét, giải quyết.",
        citizen=person,
        **kwargs,
    )


def issued_document(
    commune: Commune,
    *,
    on: dt.date = TODAY,
    doc_type: str = "QĐ",
    title: str = "Quyết định giải quyết khiếu nại lần đầu",
) -> OutgoingDocument:
    draft = document_services.document_create_draft(
        actor=None,
        commune=commune,
        doc_type=doc_type,
        title=title,
        body=blocks_from_text("Điều 1. Nội dung quyết định."),
        recipients=["Như Điều 3", "Lưu: VT"],
        authority_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="Nguyễn Quốc Thịnh",
    )
    return document_services.document_issue(actor=None, document=draft, on=on)


def draft_document(commune: Commune) -> OutgoingDocument:
    return document_services.document_create_draft(
        actor=None,
        commune=commune,
        doc_type="CV",
        title="Trả lời kiến nghị",
        body=blocks_from_text("Nội dung trả lời."),
        recipients=["Ông Lê Văn Hùng"],
        authority_lines=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
        signer_name="Nguyễn Quốc Thịnh",
    )


def evidence(name: str = "tra-loi.pdf") -> SimpleUploadedFile:
    """A small valid PDF to upload as evidence."""
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n% answer evidence\n", content_type="application/pdf"
    )


def clocks(petition: Petition, *, open_only: bool = False) -> dict[str, Deadline]:
    """The petition's legal clocks by rule code (the latest one per code)."""
    qs = Deadline.objects.filter(
        subject_type=services.SUBJECT, subject_id=str(petition.pk)
    ).select_related("rule")
    if open_only:
        qs = qs.filter(is_open=True)
    return {d.rule.code: d for d in qs.order_by("created_at", "id")}


def event_verbs(petition: Petition) -> list[str]:
    return list(
        PetitionEvent.objects.filter(petition=petition)
        .order_by("at", "id")
        .values_list("verb", flat=True)
    )


def audit_verbs(petition: Petition) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="petitions.petition", object_id=str(petition.pk))
        .order_by("at", "id")
        .values_list("verb", flat=True)
    )


@contextlib.contextmanager
def refused(match: str | None = None) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """Expect a ValidationError; match the (English source) message when given. Messages of the
    petitions app are not translated yet, so they are matched in English."""
    with translation.override("en"), pytest.raises(ValidationError, match=match) as info:
        yield info
