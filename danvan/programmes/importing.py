"""Turn a parsed programme or plan (documents.parsing) into a proposal the official reviews.

The proposal is plain data: the programme's fields, its legal basis, the task tree taken from the
"NỘI DUNG" section, and the responsibilities of "TỔ CHỨC THỰC HIỆN" matched to the commune's
units. Nothing is saved here: `services.programme_import` saves what the official confirms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from danvan.core.text import fold
from danvan.documents.parsing import (
    DocumentParseError,
    LegalReference,
    ParsedDocument,
    SectionNode,
    parse_text,
)
from danvan.documents.parsing.references import find_references

from .matching import EXACT, LIKELY, UnitMatch, UnitRef, match_unit, units_named_in
from .states import ProgrammeKind

TITLE_MAX = 300
SHORT_TITLE = 160
_YEAR = re.compile(r"\bnăm\s+(20\d\d)\b", re.IGNORECASE)


class NotAProgramme(DocumentParseError):
    """The text is a document, but not a programme or plan that can be imported."""


@dataclass
class TaskProposal:
    number: str
    title: str
    description: str
    legal_keys: list[str] = field(default_factory=list)
    children: list[TaskProposal] = field(default_factory=list)


@dataclass
class ReferenceProposal:
    key: str
    label: str
    doc_type: str
    number_symbol: str
    issued_on: dt.date | None
    issuer: str
    name: str
    raw: str


@dataclass
class ResponsibilityProposal:
    number: str
    heading: str
    duties: str
    match: UnitMatch
    units_in_text: list[int] = field(default_factory=list)
    is_coordinator: bool = False


@dataclass
class Proposal:
    kind: str
    type_name: str
    title: str
    year: int
    number_symbol: str
    issued_on: dt.date | None
    purpose: str
    requirements: str
    references: list[ReferenceProposal]
    tasks: list[TaskProposal]
    responsibilities: list[ResponsibilityProposal]
    owner_unit_id: int | None
    coordinator_unit_id: int | None
    signer_name: str
    authority_lines: list[str]
    recipients: list[str]
    warnings: list[str]
    implements_symbols: list[str]

    def flat_tasks(self) -> list[tuple[int, TaskProposal]]:
        """Depth-first (depth, task) pairs: the order tasks are shown and numbered in."""

        def walk(nodes: list[TaskProposal], depth: int) -> Iterator[tuple[int, TaskProposal]]:
            for node in nodes:
                yield depth, node
                yield from walk(node.children, depth + 1)

        return list(walk(self.tasks, 0))


def _kind_of(doc_type: str | None) -> str | None:
    folded = fold(doc_type)
    if folded.startswith("chuong trinh"):
        return ProgrammeKind.PROGRAMME
    if folded.startswith("ke hoach"):
        return ProgrammeKind.PLAN
    return None


def short_title(heading: str) -> str:
    """The first clause of a long content paragraph, for lists and the timeline."""
    text = " ".join(heading.split())
    for stop in (". ", "; ", ": "):
        head, sep, _rest = text.partition(stop)
        if sep and len(head) >= 20:
            text = head
            break
    text = text.rstrip(" .;:")
    if len(text) <= SHORT_TITLE:
        return text
    cut = text[:SHORT_TITLE].rsplit(" ", 1)[0]
    return f"{cut.rstrip(' ,;')}…"


def _full_text(node: SectionNode) -> str:
    parts = [node.text]
    for child in node.children:
        parts.append(f"{child.label} {_full_text(child)}")
    return "\n".join(part for part in parts if part).strip()


def _body(node: SectionNode) -> str:
    """The node's text without its own heading (for "1. Mục đích" the paragraphs below it)."""
    lines = [*node.paragraphs]
    for child in node.children:
        lines.append(f"{child.label} {_full_text(child)}")
    return "\n".join(lines).strip()


def _find(tree: list[SectionNode], *needles: str, exclude: str = "") -> SectionNode | None:
    for node in tree:
        folded = fold(node.heading)
        if exclude and exclude in folded:
            continue
        if any(needle in folded for needle in needles):
            return node
    return None


def _task(node: SectionNode, document_date: dt.date | None) -> TaskProposal:
    text = _full_text(node)
    keys = [ref.key for ref in find_references(text, document_date).references]
    return TaskProposal(
        number=node.number,
        title=short_title(node.heading)[:TITLE_MAX],
        description=text,
        legal_keys=keys,
        children=[_task(child, document_date) for child in node.children],
    )


def _purpose(parsed: ParsedDocument) -> tuple[str, str]:
    section = _find(parsed.tree, "muc dich")
    if section is None:
        return "", ""
    purpose_node = _find(section.children, "muc dich")
    requirement_node = _find(section.children, "yeu cau")
    if purpose_node is None and requirement_node is None:
        return _body(section), ""
    purpose = _body(purpose_node) if purpose_node else ""
    requirements = _body(requirement_node) if requirement_node else ""
    return purpose, requirements


def _responsibilities(
    section: SectionNode | None, units: Sequence[UnitRef]
) -> list[ResponsibilityProposal]:
    if section is None:
        return []
    result: list[ResponsibilityProposal] = []
    if section.children:
        for child in section.children:
            match = match_unit(child.heading, units)
            result.append(
                ResponsibilityProposal(
                    number=child.number,
                    heading=child.heading[:300],
                    duties="\n".join(child.paragraphs).strip(),
                    match=match,
                )
            )
    else:
        # Prose: "Phòng X chủ trì, phối hợp với Văn phòng Y…": the units it names, in order.
        named = units_named_in(_body(section), units)
        for unit in named:
            result.append(
                ResponsibilityProposal(
                    number=section.number,
                    heading=unit.name,
                    duties=_body(section),
                    match=UnitMatch(unit.name, EXACT, (unit.id,), 1.0, suggestion=unit.name),
                )
            )
    _mark_coordinator(result)
    return result


def _mark_coordinator(items: list[ResponsibilityProposal]) -> None:
    """The coordinating unit is the single unit that advises (tham mưu) or leads (chủ trì);
    failing that, the first single unit named."""
    singles = [
        item
        for item in items
        if item.match.confidence in (EXACT, LIKELY) and len(item.match.unit_ids) == 1
    ]
    for item in singles:
        duties = fold(item.duties)
        heading = fold(item.heading)
        if "tham muu" in duties[:200] or f"{heading} chu tri" in duties:
            item.is_coordinator = True
            return
    if singles:
        singles[0].is_coordinator = True


def _year(parsed: ParsedDocument, default_year: int) -> int:
    found = _YEAR.search(parsed.title or "")
    if found:
        return int(found.group(1))
    if parsed.date:
        return parsed.date.year
    return default_year


def _reference(ref: LegalReference) -> ReferenceProposal:
    return ReferenceProposal(
        key=ref.key,
        label=ref.label,
        doc_type=ref.type,
        number_symbol=ref.number_symbol or "",
        issued_on=ref.date,
        issuer=ref.issuer or "",
        name=ref.name or "",
        raw=ref.raw,
    )


def _owner(parsed: ParsedDocument, units: Sequence[UnitRef]) -> int | None:
    """A plan issued by a unit ("PHÒNG VĂN HÓA - XÃ HỘI") belongs to that unit."""
    issuer = parsed.issuer or ""
    if not issuer or fold(issuer).startswith(("uy ban nhan dan", "ubnd")):
        return None
    match = match_unit(issuer, units)
    if match.confidence in (EXACT, LIKELY) and len(match.unit_ids) == 1:
        return match.unit_ids[0]
    return None


def build_proposal(text: str, units: Sequence[UnitRef], *, default_year: int) -> Proposal:
    """Read `text` and propose a programme. Raises DocumentParseError (the parser's Vietnamese
    message) or NotAProgramme when the text is not a programme or plan with contents."""
    parsed = parse_text(text)
    kind = _kind_of(parsed.doc_type)
    if kind is None:
        raise NotAProgramme(
            _(
                "This document is a “%(type)s”, not a programme (Chương trình) or a plan "
                "(Kế hoạch): it cannot be imported as one."
            )
            % {"type": parsed.doc_type or _("document without a type name")}
        )
    content = _find(parsed.tree, "noi dung", "nhiem vu", exclude="to chuc thuc hien")
    if content is None or not content.children:
        raise NotAProgramme(
            _(
                "No numbered contents or tasks were found: a programme needs a section such as "
                "“II. NỘI DUNG THỰC HIỆN” with numbered items."
            )
        )
    purpose, requirements = _purpose(parsed)
    responsibilities = _responsibilities(_find(parsed.tree, "to chuc thuc hien"), units)
    coordinator = next((r for r in responsibilities if r.is_coordinator), None)
    signature = parsed.signature
    return Proposal(
        kind=kind,
        type_name=(parsed.doc_type or "").capitalize(),
        title=(parsed.title or "").strip()[:500],
        year=_year(parsed, default_year),
        number_symbol=parsed.number_symbol or "",
        issued_on=parsed.date,
        purpose=purpose,
        requirements=requirements,
        references=[_reference(ref) for ref in parsed.legal_references],
        tasks=[_task(node, parsed.date) for node in content.children],
        responsibilities=responsibilities,
        owner_unit_id=_owner(parsed, units),
        coordinator_unit_id=coordinator.match.unit_ids[0] if coordinator else None,
        signer_name=(signature.name or "") if signature else "",
        authority_lines=[
            *(signature.authority_lines if signature else []),
            *([signature.role] if signature and signature.role else []),
        ],
        recipients=list(parsed.recipients),
        warnings=[warning.message for warning in parsed.warnings],
        implements_symbols=[
            ref.number_symbol
            for ref in parsed.legal_references
            if ref.number_symbol and ref.type in ("Chương trình", "Kế hoạch")
        ],
    )
