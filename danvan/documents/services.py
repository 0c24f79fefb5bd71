"""Every write to the documents app: drafts, issuing (numbering), the directive register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Commune, Unit
from danvan.core.numbering import next_number
from danvan.core.text import fold

from .models import LegalDocument, OutgoingDocument
from .rendering import render_docx, render_pdf
from .specs import spec_for
from .states import DocumentStatus, can_move, is_editable
from .types import DocType

EDITABLE_FIELDS = (
    "doc_type",
    "title",
    "drafting_unit",
    "body",
    "recipients",
    "recipients_to",
    "authority_lines",
    "signer_name",
)


def _validate(document: OutgoingDocument) -> None:
    if document.doc_type not in DocType.values:
        raise ValidationError(_("Choose the type of document."))
    if document.drafting_unit and document.drafting_unit.commune_id != document.commune_id:
        raise ValidationError(_("The drafting unit does not belong to this commune."))
    try:
        spec_for(document)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def document_create_draft(
    *,
    actor: Any,
    commune: Commune,
    doc_type: str,
    title: str,
    signer_name: str,
    authority_lines: list[str],
    body: list[dict[str, Any]] | None = None,
    recipients: list[str] | None = None,
    recipients_to: list[str] | None = None,
    drafting_unit: Unit | None = None,
    source_type: str = "",
    source_id: str = "",
) -> OutgoingDocument:
    """Create a draft (dự thảo). It has no number until the văn thư issues it (NĐ 30/2020)."""
    document = OutgoingDocument(
        commune=commune,
        doc_type=doc_type,
        title=title.strip(),
        title_folded=fold(title),
        signer_name=signer_name.strip(),
        authority_lines=[line.strip() for line in authority_lines if line.strip()],
        body=body or [],
        recipients=recipients or [],
        recipients_to=recipients_to or [],
        drafting_unit=drafting_unit,
        source_type=source_type,
        source_id=source_id,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _validate(document)
    with transaction.atomic():
        document.save()
        audit.record(
            verb="document.drafted",
            actor=actor,
            commune=commune,
            obj=document,
            after={"doc_type": doc_type, "title": document.title},
        )
    return document


def document_update_draft(
    *, actor: Any, document: OutgoingDocument, **changes: Any
) -> OutgoingDocument:
    """Edit a draft. An issued document is frozen: its content can no longer change."""
    if not is_editable(document.status):
        raise ValidationError(_("An issued document cannot be changed."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field: %(names)s") % {"names": ", ".join(sorted(unknown))})
    before = {key: getattr(document, key) for key in changes if key != "drafting_unit"}
    for key, value in changes.items():
        setattr(document, key, value)
    document.title_folded = fold(document.title)
    _validate(document)
    with transaction.atomic():
        document.save()
        audit.record(
            verb="document.edited",
            actor=actor,
            commune=document.commune,
            obj=document,
            before={k: v for k, v in before.items() if k in ("title", "doc_type", "signer_name")},
            after={k: v for k, v in changes.items() if k in ("title", "doc_type", "signer_name")},
        )
    return document


def _file_name(document: OutgoingDocument, extension: str) -> str:
    symbol = fold(document.number_symbol).replace("/", "-").upper()
    return f"{symbol}.{extension}"


def document_issue(
    *, actor: Any, document: OutgoingDocument, on: dt.date | None = None
) -> OutgoingDocument:
    """Issue a draft (ban hành): assign the next number of the year (from 01 on 1 January,
    Nghị định 30/2020), stamp the date, freeze the content and keep the DOCX and PDF.

    Errors: ValidationError when the document is already issued or incomplete."""
    with transaction.atomic():
        locked = (
            OutgoingDocument.objects.select_for_update(of=("self",))
            .select_related("commune", "drafting_unit")
            .get(pk=document.pk)
        )
        if not can_move(locked.status, DocumentStatus.ISSUED):
            raise ValidationError(_("This document has already been issued."))
        _validate(locked)
        issued_on = on or timezone.localdate()
        locked.number = next_number(locked.commune, "outgoing", issued_on.year)
        locked.year = issued_on.year
        locked.issued_on = issued_on
        spec = spec_for(locked)
        locked.number_symbol = spec.number_line.removeprefix("Số: ")
        locked.status = DocumentStatus.ISSUED
        locked.issued_at = timezone.now()
        locked.issued_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.docx_file.save(
            _file_name(locked, "docx"), ContentFile(render_docx(spec)), save=False
        )
        locked.pdf_file.save(_file_name(locked, "pdf"), ContentFile(render_pdf(spec)), save=False)
        locked.save()
        audit.record(
            verb="document.issued",
            actor=actor,
            commune=locked.commune,
            obj=locked,
            after={"number_symbol": locked.number_symbol, "issued_on": issued_on},
        )
    return locked


def legal_document_register(
    *,
    actor: Any,
    commune: Commune,
    doc_type: str = "",
    number_symbol: str = "",
    issued_on: dt.date | None = None,
    issuer: str = "",
    name: str = "",
) -> tuple[LegalDocument, bool]:
    """Record a cited legal or Party document in the commune's directive register, or return the
    existing record (matched by number and symbol, else by name). Returns (record, created)."""
    number_symbol = "".join(number_symbol.split())
    if not number_symbol and not name.strip():
        raise ValidationError(_("A legal document needs a number and symbol, or a name."))
    lookup = (
        {"number_symbol": number_symbol}
        if number_symbol
        else {"number_symbol": "", "name": name.strip()}
    )
    existing = LegalDocument.objects.filter(commune=commune, **lookup).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        record = LegalDocument.objects.create(
            commune=commune,
            doc_type=doc_type.strip(),
            number_symbol=number_symbol,
            issued_on=issued_on,
            issuer=issuer.strip(),
            name=name.strip(),
        )
        audit.record(
            verb="legal_document.registered",
            actor=actor,
            commune=commune,
            obj=record,
            after={"number_symbol": number_symbol, "name": name},
        )
    return record, True
