"""Build the renderer's DocumentSpec from a stored document (and parse the body editor's text)."""

from __future__ import annotations

import re
from typing import Any

from .models import OutgoingDocument
from .rendering import (
    Block,
    BulletList,
    DocumentSpec,
    Heading,
    Paragraph,
    Signature,
    Table,
)
from .types import DocType, build_symbol

_ROMAN = re.compile(r"^(?=[IVXLC]+\.)[IVXLC]+\.\s+\S")
_ARABIC = re.compile(r"^\d+(\.\d+)*\.\s+\S")
_BULLET = re.compile(r"^[-–•+]\s+")


def blocks_from_text(text: str) -> list[dict[str, Any]]:
    """Turn the editor's plain text into body blocks: "I. …" → level-1 heading, "1. …" → level-2
    heading (when short), "- …" lines → a bullet list, everything else → paragraphs."""
    blocks: list[dict[str, Any]] = []
    bullets: list[str] = []

    def flush() -> None:
        if bullets:
            blocks.append({"kind": "bullets", "items": list(bullets)})
            bullets.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        if _BULLET.match(line):
            bullets.append(_BULLET.sub("", line))
            continue
        flush()
        if _ROMAN.match(line):
            blocks.append({"kind": "heading", "level": 1, "text": line})
        elif _ARABIC.match(line) and len(line) <= 120:
            blocks.append({"kind": "heading", "level": 2, "text": line})
        else:
            blocks.append({"kind": "paragraph", "text": line})
    flush()
    return blocks


def text_from_blocks(blocks: list[dict[str, Any]]) -> str:
    """The inverse of blocks_from_text, for editing a stored draft."""
    lines: list[str] = []
    for block in blocks:
        kind = block.get("kind")
        if kind == "bullets":
            lines.extend(f"- {item}" for item in block.get("items", []))
        elif kind == "table":
            for row in [block.get("header") or [], *block.get("rows", [])]:
                if row:
                    lines.append(" | ".join(row))
        else:
            lines.append(str(block.get("text", "")))
        lines.append("")
    return "\n".join(lines).strip()


def _block(data: dict[str, Any]) -> Block:
    kind = data.get("kind")
    if kind == "heading":
        return Heading(level=int(data.get("level", 1)), text=str(data["text"]))
    if kind == "bullets":
        return BulletList(items=[str(i) for i in data.get("items", [])])
    if kind == "table":
        return Table(
            rows=[[str(c) for c in r] for r in data.get("rows", [])], header=data.get("header")
        )
    return Paragraph(text=str(data.get("text", "")))


def issuer_lines_for(document: OutgoingDocument) -> list[str]:
    """Ô 2 for an UBND xã: "ỦY BAN NHÂN DÂN" / "XÃ AN QUANG" (DOMAIN §11.3)."""
    full = document.commune.people_committee_name
    head, _, tail = full.partition("DÂN ")
    return [f"{head}DÂN", tail]


def symbol_for(document: OutgoingDocument) -> str:
    unit_code = document.drafting_unit.short_name if document.drafting_unit else ""
    return build_symbol(document.doc_type, document.issuer_code, unit_code)


def spec_for(document: OutgoingDocument) -> DocumentSpec:
    """The printable description of `document`; raises ValueError (Vietnamese) when incomplete."""
    doc_type = DocType(document.doc_type)
    return DocumentSpec(
        issuer_lines=issuer_lines_for(document),
        symbol=symbol_for(document),
        place=document.commune.name,
        title=document.title,
        signature=Signature(
            authority_lines=list(document.authority_lines), signer_name=document.signer_name
        ),
        number=document.number,
        issued_on=document.issued_on,
        year=document.year or (document.issued_on.year if document.issued_on else None),
        doc_type_name=doc_type.type_name,
        is_cong_van=doc_type is DocType.CONG_VAN,
        recipients_to=list(document.recipients_to),
        body=[_block(b) for b in document.body],
        recipients=list(document.recipients),
        drafting_unit=document.drafting_unit.short_name if document.drafting_unit else None,
    )
