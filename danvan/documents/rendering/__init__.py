"""Official-document renderer (Nghị định 30/2020/NĐ-CP): DOCX and PDF from a structured spec.

Pure Python — no Django imports — so it can be used from tasks, views and tests alike::

    from danvan.documents.rendering import DocumentSpec, render_docx, render_pdf
"""

from __future__ import annotations

from .dates import format_date_long, format_date_short, format_place_date
from .docx import DOCX_CONTENT_TYPE, render_docx
from .pdf import PDF_CONTENT_TYPE, render_html, render_pdf
from .spec import (
    ALLOWED_AUTHORITY_PREFIXES,
    QUOC_HIEU,
    TIEU_NGU,
    Block,
    BulletList,
    DocumentSpec,
    Heading,
    Paragraph,
    Signature,
    Table,
    authority_prefix,
    build_recipients,
    number_symbol,
)

__all__ = [
    "ALLOWED_AUTHORITY_PREFIXES",
    "DOCX_CONTENT_TYPE",
    "PDF_CONTENT_TYPE",
    "QUOC_HIEU",
    "TIEU_NGU",
    "Block",
    "BulletList",
    "DocumentSpec",
    "Heading",
    "Paragraph",
    "Signature",
    "Table",
    "authority_prefix",
    "build_recipients",
    "format_date_long",
    "format_date_short",
    "format_place_date",
    "number_symbol",
    "render_docx",
    "render_html",
    "render_pdf",
]
