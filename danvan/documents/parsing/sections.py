"""Content paragraphs and the numbered section tree (Phần, Chương, I., Điều, 1., 1.1., a))."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import SectionNode
from .text import clean, ends_sentence, is_separator, is_upper, starts_lower

_ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_LETTERS = "abcdđefghijklmnopqrstuvwxyz"

# (kind, rank, pattern); a lower rank is a higher level. Order matters: first match wins.
_MARKERS: list[tuple[str, int, re.Pattern[str]]] = [
    (
        "part",
        0,
        re.compile(
            r"(?P<label>(?:PHẦN|Phần)\s+(?P<id>thứ\s+\w+|[IVXLC]+|[0-9]{1,2}))(?![\w])[.:]?\s*(?P<rest>.*)"
        ),
    ),
    (
        "chapter",
        1,
        re.compile(
            r"(?P<label>(?:CHƯƠNG|Chương)\s+(?P<id>[IVXLC]+|[0-9]{1,2}))(?![\w])[.:]?\s*(?P<rest>.*)"
        ),
    ),
    (
        "item",
        2,
        re.compile(r"(?P<label>(?:MỤC|Mục)\s+(?P<id>[0-9]{1,2}))(?![\w])[.:]?\s*(?P<rest>.*)"),
    ),
    ("roman", 3, re.compile(rf"(?P<label>(?P<id>{_ROMAN})(?:\.|/(?=\s)))\s*(?P<rest>.*)")),
    ("article", 4, re.compile(r"(?P<label>Điều\s+(?P<id>[0-9]{1,3})\s*[.:])\s*(?P<rest>.*)")),
    (
        "decimal",
        6,
        re.compile(
            r"(?P<label>(?P<id>[0-9]{1,2}(?:\.[0-9]{1,2}){1,3})\.?)"
            r"(?:\s+|(?<=\.)(?=[^\W\d_]))(?P<rest>.*)"
        ),
    ),
    # "1.Mục đích" (no space) is a common slip; "1.5" is not a label.
    (
        "arabic",
        5,
        re.compile(r"(?P<label>(?P<id>[0-9]{1,2})\.)(?:\s+|(?=[^\W\d_]))(?P<rest>.*)"),
    ),
    ("letter", 10, re.compile(r"(?P<label>(?P<id>[a-zđ])[).])\s+(?P<rest>.*)")),
    ("arabic_paren", 11, re.compile(r"(?P<label>(?P<id>[0-9]{1,2})\))\s+(?P<rest>.*)")),
]
# A page number left on its own line by a copy from a paginated document: "2", "- 2 -".
_PAGE_NUMBER_RE = re.compile(r"(?:[-–]\s*)?[0-9]{1,3}(?:\s*[-–])?")
_BULLET_RE = re.compile(r"[-–—+•▪●○◦]\s*\S")
# Words a heading never ends with: a line ending with one was cut mid-sentence.
_DANGLING_WORDS = frozenset(
    {
        "của",
        "và",
        "về",
        "với",
        "các",
        "những",
        "số",
        "ngày",
        "theo",
        "tại",
        "trong",
        "cho",
        "đến",
        "là",
        "được",
        "để",
        "hoặc",
        "tháng",
        "năm",
    }
)
_CONCLUSION_START_RE = re.compile(r"(?:Trên đây|Đề nghị|Yêu cầu|Nhận được)\b")
_CONCLUSION_ASK_RE = re.compile(r"\b(?:đề nghị|yêu cầu)\b")


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str
    rank: int
    label: str
    ident: str
    value: int
    rest: str


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for index, char in enumerate(text):
        value = values.get(char, 0)
        following = values.get(text[index + 1], 0) if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def parse_marker(paragraph: str) -> Marker | None:
    """The numbering label at the start of a paragraph, if it has one."""
    for kind, rank, pattern in _MARKERS:
        match = pattern.match(paragraph)
        if match is None:
            continue
        ident = match.group("id")
        rest = match.group("rest").strip()
        if kind == "decimal":
            if not match.group("label").endswith(".") and not rest[:1].isupper():
                continue  # "1.5 triệu đồng" is an amount, "1.5 Kinh phí" a label
            parts = ident.split(".")
            depth_rank = rank + len(parts) - 2
            return Marker(kind, depth_rank, match.group("label"), parts[-1], int(parts[-1]), rest)
        if kind == "letter":
            value = _LETTERS.index(ident) + 1
        elif kind == "roman" or (kind in ("part", "chapter") and ident.isupper()):
            value = _roman_value(ident)
        elif ident.isdigit():
            value = int(ident)
        else:
            value = 0
        if kind == "roman" and (not rest or rest[0].isdigit()):
            return None  # "II.1. ..." numbering is not supported as a Roman heading
        return Marker(kind, rank, match.group("label"), ident, value, rest)
    return None


def _path_ident(marker: Marker) -> str:
    if marker.kind in ("part", "chapter", "item", "article"):
        return marker.label.rstrip(".:")
    return marker.ident


def _is_bullet(paragraph: str) -> bool:
    return _BULLET_RE.match(paragraph) is not None


def _should_join(previous: str, current: str) -> bool:
    """Whether ``current`` continues ``previous`` (a wrapped line or a page-break split)."""
    if parse_marker(current) is not None or _is_bullet(current):
        return False
    if is_upper(previous) and len(previous) < 120:
        return False
    if starts_lower(current):
        return not previous.endswith((";", ":"))
    if ends_sentence(previous):
        return False
    if current[0].isdigit() or current[0] in "(“\"'‘":
        return True
    if not current[0].isupper() or is_upper(current):
        return False
    if previous.rsplit(" ", 1)[-1] in _DANGLING_WORDS:
        return True
    # A short numbered line without a full stop is a heading ("1. Mục đích"); a long one was cut.
    threshold = 120 if parse_marker(previous) is not None else 60
    return len(previous) >= threshold


def join_paragraphs(lines: list[str]) -> list[str]:
    """Clean lines into paragraphs, re-joining lines that were cut mid-sentence."""
    paragraphs: list[list[str]] = []
    for raw in lines:
        line = clean(raw)
        if not line or is_separator(line) or _PAGE_NUMBER_RE.fullmatch(line):
            continue
        if paragraphs and _should_join(paragraphs[-1][-1], line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [" ".join(parts) for parts in paragraphs]


@dataclass(slots=True)
class _Open:
    """A section being filled; text is kept in parts and joined once at the end."""

    node: SectionNode
    rank: int
    heading: list[str]
    paragraphs: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class Body:
    preamble: list[str] = field(default_factory=list)
    tree: list[SectionNode] = field(default_factory=list)
    conclusion: list[str] = field(default_factory=list)


def _expected(marker: Marker, stack: list[_Open]) -> bool:
    for entry in reversed(stack):
        if entry.rank < marker.rank:
            break
        if entry.rank == marker.rank and entry.node.kind == marker.kind:
            return entry.node.value < marker.value <= entry.node.value + 2
    return marker.value <= 2


def build_tree(paragraphs: list[str]) -> Body:
    body = Body()
    stack: list[_Open] = []
    opened: list[_Open] = []
    preamble: list[list[str]] = []
    last_entry: _Open | None = None
    previous_closed = True
    for paragraph in paragraphs:
        marker = parse_marker(paragraph)
        if marker is not None and (previous_closed or _expected(marker, stack)):
            while stack and stack[-1].rank >= marker.rank:
                stack.pop()
            parent = stack[-1].node if stack else None
            ident = _path_ident(marker)
            node = SectionNode(
                number=f"{parent.number}.{ident}" if parent else ident,
                label=marker.label,
                heading=marker.rest,
                kind=marker.kind,
                value=marker.value,
            )
            (parent.children if parent else body.tree).append(node)
            entry = _Open(node, marker.rank, [marker.rest])
            stack.append(entry)
            opened.append(entry)
            last_entry = None
            previous_closed = True
            continue
        owner = stack[-1].paragraphs if stack else preamble
        if marker is not None and not previous_closed and (owner or stack):
            # A number that breaks the sequence after an unfinished sentence: a wrapped line.
            (owner[-1] if owner else stack[-1].heading).append(paragraph)
        else:
            owner.append([paragraph])
        last_entry = stack[-1] if stack else None
        previous_closed = ends_sentence(paragraph) or is_upper(paragraph)
    for entry in opened:
        entry.node.heading = " ".join(entry.heading)
        entry.node.paragraphs = [" ".join(parts) for parts in entry.paragraphs]
    body.preamble = [" ".join(parts) for parts in preamble]
    if last_entry is not None:
        _split_conclusion(body, last_entry.node.paragraphs)
    return body


def _is_conclusion(paragraph: str) -> bool:
    if _CONCLUSION_START_RE.match(paragraph):
        return True
    return paragraph.endswith("/.") and _CONCLUSION_ASK_RE.search(paragraph[:100]) is not None


def _split_conclusion(body: Body, last_owner: list[str]) -> None:
    """Move the closing formula ("Trên đây là ...") out of the last section."""
    if body.tree[0].kind == "article":
        # In a decision the last article ("Điều 3. ... chịu trách nhiệm thi hành") owns it.
        return
    while last_owner and _is_conclusion(last_owner[-1]):
        body.conclusion.insert(0, last_owner.pop())
