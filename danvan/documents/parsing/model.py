"""Plain data produced by the parser (Decree 30/2020 components, see DOMAIN.md §11)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A consistency problem a careful clerk would want to see before the document goes out."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(slots=True)
class SectionNode:
    """One numbered item of the content (I., 1., 1.1., a), Điều 1., ...).

    ``heading`` is the first paragraph of the item without its label; ``text`` is that paragraph
    followed by the item's own unnumbered paragraphs (one per line), without the children.
    """

    number: str
    label: str
    heading: str
    kind: str
    value: int
    paragraphs: list[str] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([self.heading, *self.paragraphs]).strip()

    @property
    def heading_line(self) -> str:
        return f"{self.label} {self.heading}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "children": [child.to_dict() for child in self.children],
        }


@dataclass(slots=True)
class LegalReference:
    """A document cited in the text, once per distinct document."""

    type: str
    number_symbol: str | None
    date: dt.date | None
    issuer: str | None
    name: str | None
    raw: str

    @property
    def key(self) -> str:
        if self.number_symbol:
            return "#" + self.number_symbol.casefold()
        return "@" + (self.name or self.raw).casefold()

    @property
    def label(self) -> str:
        """How a message names the reference: "Chỉ thị số 33/CT-TTg" or "Luật Khiếu nại"."""
        if self.number_symbol:
            return f"{self.type} số {self.number_symbol}"
        return self.name or self.raw

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "number_symbol": self.number_symbol,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "name": self.name,
            "raw": self.raw,
        }


@dataclass(slots=True)
class Signature:
    """The signing block: authority lines (TM./KT./...), the signer's title and name."""

    authority_prefix: str | None
    authority_lines: list[str]
    role: str | None
    name: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "authority_prefix": self.authority_prefix,
            "authority_lines": list(self.authority_lines),
            "role": self.role,
            "name": self.name,
        }


@dataclass(slots=True)
class ParsedDocument:
    """Everything the parser recognised. Whatever the text does not contain stays ``None``."""

    issuer: str | None = None
    issuer_parent: str | None = None
    number_symbol: str | None = None
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    date: dt.date | None = None
    doc_type: str | None = None
    title: str | None = None
    tree: list[SectionNode] = field(default_factory=list)
    legal_references: list[LegalReference] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: Signature | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    # Not part of to_dict(): kept for callers that want the surrounding prose.
    has_national_motto: bool = False
    preamble: list[str] = field(default_factory=list)
    conclusion: list[str] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        return [node.heading_line for node in self.tree]

    @property
    def warning_codes(self) -> list[str]:
        return [warning.code for warning in self.warnings]

    def to_dict(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "issuer_parent": self.issuer_parent,
            "number_symbol": self.number_symbol,
            "number": self.number,
            "symbol": self.symbol,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "doc_type": self.doc_type,
            "title": self.title,
            "sections": self.sections,
            "tree": [node.to_dict() for node in self.tree],
            "legal_references": [ref.to_dict() for ref in self.legal_references],
            "recipients": list(self.recipients),
            "signature": self.signature.to_dict() if self.signature else None,
            "warnings": [warning.to_dict() for warning in self.warnings],
        }
