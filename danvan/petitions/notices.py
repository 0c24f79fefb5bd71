"""Official documents a petition produces (DOMAIN §1.5), drafted through the documents app.

Every document not addressed to the denouncer is redacted automatically (Luật Tố cáo Art 8)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.documents.models import OutgoingDocument
from danvan.documents.rendering import format_date_long
from danvan.documents.services import document_create_draft

from .identity import redact
from .models import Petition
from .states import Kind


@dataclass(frozen=True)
class NoticeTemplate:
    key: str
    label: Any
    doc_type: str
    title: str
    to_denouncer: bool  # addressed to the denouncer: identity may appear
    kinds: frozenset[str]


ALL = frozenset(Kind.values)
TEMPLATES = {
    t.key: t
    for t in [
        NoticeTemplate(
            "accept",
            _("Notice of acceptance"),
            "TB",
            "Thông báo về việc thụ lý {what}",
            True,
            frozenset({Kind.COMPLAINT, Kind.DENUNCIATION}),
        ),
        NoticeTemplate(
            "refuse",
            _("Notice of non-acceptance / refusal"),
            "TB",
            "Thông báo về việc không thụ lý {what}",
            True,
            frozenset({Kind.COMPLAINT, Kind.DENUNCIATION, Kind.INFO_REQUEST}),
        ),
        NoticeTemplate(
            "guide",
            _("Guidance letter"),
            "CV",
            "V/v hướng dẫn gửi {what} đến cơ quan có thẩm quyền",
            True,
            frozenset({Kind.COMPLAINT}),
        ),
        NoticeTemplate(
            "transfer",
            _("Transfer letter"),
            "CV",
            "V/v chuyển {what}",
            False,
            frozenset({Kind.DENUNCIATION, Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.INFO_REQUEST}),
        ),
        NoticeTemplate(
            "decision",
            _("Complaint decision"),
            "QĐ",
            "Về việc giải quyết khiếu nại (lần đầu)",
            True,
            frozenset({Kind.COMPLAINT}),
        ),
        NoticeTemplate(
            "conclusion",
            _("Denunciation conclusion"),
            "KL",
            "Kết luận nội dung tố cáo",
            False,
            frozenset({Kind.DENUNCIATION}),
        ),
        NoticeTemplate(
            "answer",
            _("Reply letter"),
            "CV",
            "V/v trả lời {what}",
            True,
            frozenset({Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.INFO_REQUEST}),
        ),
    ]
}

WHAT: dict[str, str] = {
    Kind.COMPLAINT: "đơn khiếu nại",
    Kind.DENUNCIATION: "đơn tố cáo",
    Kind.RECOMMENDATION: "đơn kiến nghị",
    Kind.FEEDBACK: "phản ánh",
    Kind.INFO_REQUEST: "yêu cầu cung cấp thông tin",
}


def templates_for(petition: Petition) -> list[NoticeTemplate]:
    return [t for t in TEMPLATES.values() if petition.kind in t.kinds]


def _body(petition: Petition, template: NoticeTemplate, addressee: str) -> list[dict[str, str]]:
    received = format_date_long(petition.received_on)
    what = WHAT[petition.kind]
    lines = [
        f"Ủy ban nhân dân {petition.commune.get_kind_display().lower()} {petition.commune.name} đã nhận được "
        f"{what} của {addressee}, {received}, hồ sơ số {petition.case_number}.",
        f"Nội dung: {petition.summary}.",
    ]
    if template.key == "accept":
        lines.append(
            f"{what.capitalize()} đủ điều kiện thụ lý và đã được thụ lý giải quyết theo quy định của pháp luật."
        )
    elif template.key == "refuse":
        lines.append(f"Không thụ lý giải quyết vì: {petition.legal_ground or '……'}.")
    elif template.key == "guide":
        lines.append(
            f"Nội dung không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã. Đề nghị gửi đến: "
            f"{petition.transferred_to or '……'}."
        )
    elif template.key == "transfer":
        lines.append(
            f"Chuyển đến {petition.transferred_to or '……'} để xem xét, giải quyết theo thẩm quyền và "
            "thông báo kết quả cho Ủy ban nhân dân xã."
        )
    else:
        lines.append(petition.answer_text or "……")
    return [{"kind": "paragraph", "text": line} for line in lines]


def notice_draft(
    *, actor: Any, petition: Petition, key: str, signer_name: str, authority_lines: list[str]
) -> OutgoingDocument:
    """Draft the document `key` for `petition`, redacting the denouncer where required."""
    template = TEMPLATES[key]
    to_denouncer = template.to_denouncer and petition.kind == Kind.DENUNCIATION
    if petition.kind == Kind.DENUNCIATION:
        addressee = "người tố cáo"
    else:
        addressee = petition.petitioner_display if petition.citizen_id else "công dân"
    body = _body(petition, template, addressee)
    if petition.kind == Kind.DENUNCIATION and not to_denouncer:
        body = [{**block, "text": redact(block["text"], petition)} for block in body]
    recipients = []
    if template.key == "transfer" and petition.transferred_to:
        recipients.append(petition.transferred_to)
    if petition.kind != Kind.DENUNCIATION and petition.citizen_id:
        recipients.append(
            f"Ông/Bà {petition.citizen.full_name}" if petition.citizen else "Công dân"
        )
    elif to_denouncer:
        recipients.append("Người tố cáo (gửi riêng, bảo mật)")
    return document_create_draft(
        actor=actor,
        commune=petition.commune,
        doc_type=template.doc_type,
        title=template.title.format(what=WHAT[petition.kind]),
        body=body,
        recipients=recipients,
        recipients_to=[petition.transferred_to]
        if template.doc_type == "CV" and template.key == "transfer" and petition.transferred_to
        else [],
        authority_lines=authority_lines,
        signer_name=signer_name,
        source_type="petitions.petition",
        source_id=str(petition.pk),
    )


def petition_documents(petition: Petition) -> list[OutgoingDocument]:
    return list(
        OutgoingDocument.objects.filter(
            source_type="petitions.petition", source_id=str(petition.pk)
        ).order_by("created_at")
    )
