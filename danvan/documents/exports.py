"""The documents registers as spreadsheets: outgoing documents (sổ văn bản đi) and the directive
register (sổ văn bản chỉ đạo)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.core.tabular import Column, field_label

from .models import LegalDocument, OutgoingDocument


def _name(obj: Any) -> str:
    return str(obj) if obj is not None else ""


DOCUMENT_COLUMNS: tuple[Column[OutgoingDocument], ...] = (
    Column(_("Number, symbol"), lambda d: d.number_symbol, 18),
    Column(field_label(OutgoingDocument, "issued_on"), lambda d: d.issued_on, 12),
    Column(_("Type"), lambda d: d.get_doc_type_display(), 18),
    Column(_("Subject line"), lambda d: d.title, 60),
    Column(_("Status"), lambda d: d.get_status_display(), 12),
    Column(_("Drafting unit"), lambda d: _name(d.drafting_unit), 24),
    Column(field_label(OutgoingDocument, "signer_name"), lambda d: d.signer_name, 22),
)

LEGAL_COLUMNS: tuple[Column[LegalDocument], ...] = (
    Column(_("Type"), lambda d: d.doc_type, 18),
    Column(field_label(LegalDocument, "number_symbol"), lambda d: d.number_symbol, 18),
    Column(field_label(LegalDocument, "name"), lambda d: d.name, 40),
    Column(_("Date"), lambda d: d.issued_on, 12),
    Column(_("Issuer"), lambda d: d.issuer, 30),
    Column(field_label(LegalDocument, "summary"), lambda d: d.summary, 60),
)
