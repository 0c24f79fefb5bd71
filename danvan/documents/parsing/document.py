"""``parse_text``: the steps in order, from raw text to a ``ParsedDocument``."""

from __future__ import annotations

import logging

from .checks import closing_warnings, header_warnings
from .closing import find_closing_start, parse_closing
from .errors import DocumentParseError
from .header import parse_header
from .model import ParsedDocument, ParseWarning
from .references import find_references
from .sections import build_tree, join_paragraphs
from .text import prepare_lines

logger = logging.getLogger(__name__)

MAX_CHARS = 5_000_000
EMPTY_MESSAGE = "Văn bản trống."
NOT_A_DOCUMENT_MESSAGE = (
    "Không nhận ra văn bản hành chính: không tìm thấy số, ký hiệu, ngày tháng hoặc tên loại."
)
TOO_LONG_MESSAGE = "Văn bản quá dài (hơn 5 triệu ký tự); hãy tách thành nhiều văn bản."
UNEXPECTED_MESSAGE = (
    "Không đọc được văn bản do một lỗi không lường trước; hãy báo cho quản trị viên."
)


def parse_text(text: str) -> ParsedDocument:
    """Read a Decree 30/2020 administrative document from plain text.

    Raises ``DocumentParseError`` (with a Vietnamese message) for empty text and for text that has
    none of the parts of an administrative document; never any other exception.
    """
    if not isinstance(text, str) or not text.strip():
        raise DocumentParseError(EMPTY_MESSAGE)
    if len(text) > MAX_CHARS:
        raise DocumentParseError(TOO_LONG_MESSAGE)
    try:
        return _parse(text)
    except DocumentParseError:
        raise
    except Exception as exc:  # the boundary for untrusted input: log the bug, answer cleanly
        logger.exception("Unexpected failure while parsing a document")
        raise DocumentParseError(UNEXPECTED_MESSAGE) from exc


def _parse(text: str) -> ParsedDocument:
    lines = prepare_lines(text)
    header = parse_header(lines)
    closing_start = find_closing_start(lines, header.body_start)
    closing = parse_closing(lines[closing_start:])
    paragraphs = join_paragraphs(lines[header.body_start : closing_start])
    body = build_tree(paragraphs)
    is_official_letter = header.doc_type is None and bool(header.title)
    has_header = header.number_found or header.date_found or header.doc_type or header.title
    if not has_header and not body.tree:
        raise DocumentParseError(NOT_A_DOCUMENT_MESSAGE)

    scanned = "\n".join([header.title or "", *paragraphs])
    references = find_references(scanned, header.date)
    warnings = [
        *header_warnings(header, is_official_letter=is_official_letter),
        *references.warnings,
        *closing_warnings(closing),
    ]
    return ParsedDocument(
        issuer=header.issuer,
        issuer_parent=header.issuer_parent,
        number_symbol=header.number_symbol,
        number=header.number,
        symbol=header.symbol,
        place=header.place,
        date=header.date,
        doc_type=header.doc_type,
        title=header.title,
        tree=body.tree,
        legal_references=references.references,
        recipients=closing.recipients,
        signature=closing.signature,
        warnings=_unique(warnings),
        has_national_motto=header.has_motto,
        preamble=body.preamble,
        conclusion=body.conclusion,
    )


def _unique(warnings: list[ParseWarning]) -> list[ParseWarning]:
    seen: set[ParseWarning] = set()
    result: list[ParseWarning] = []
    for warning in warnings:
        if warning not in seen:
            seen.add(warning)
            result.append(warning)
    return result
