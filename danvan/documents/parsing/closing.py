"""The closing block: "Nơi nhận" on the left, the signature on the right (Decree 30/2020, Art 13)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Signature
from .text import clean, has_letters, is_upper, split_columns, starts_lower
from .vocabulary import SURNAMES

# "Nơi nhận:" alone or followed by its first item; not "Nơi nhận hồ sơ: ..." in the content.
_RECIPIENTS_RE = re.compile(r"Nơi\s+nhận\s*:?\s*(?P<rest>(?:[-–—+•].*)?)", re.IGNORECASE)
_PREFIX_RE = re.compile(
    r"(?P<prefix>TM|KT|TUQ|TL|Q|T/M|K/T|T/L)(?:\s*\.\s*|(?<=/[MTL])\s+)(?P<rest>\S.*)"
)
# Party documents write the prefixes with a slash ("T/M BAN THƯỜNG VỤ"); report the state form.
_PREFIX_NAMES = {"T/M": "TM", "K/T": "KT", "T/L": "TL"}
_BULLET_RE = re.compile(r"[-–—+•▪●]\s*")
_PLACEHOLDER_RE = re.compile(r"[(\[].*[)\]]|[Đđ]ã\s+ký\.?|[Kk]ý\s+tên.*")
_NAME_WORD_RE = re.compile(r"[^\W\d_]+\.?")


@dataclass(slots=True)
class Closing:
    has_recipients_label: bool = False
    recipients: list[str] = field(default_factory=list)
    signature: Signature | None = None


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6 or not all(_NAME_WORD_RE.fullmatch(word) for word in words):
        return False
    if is_upper(line):
        return words[0].capitalize() in SURNAMES
    return all(word[0].isupper() for word in words)


def _is_recipients_label(segment: str) -> bool:
    return _RECIPIENTS_RE.fullmatch(segment) is not None


def _is_authority(segment: str) -> bool:
    return _PREFIX_RE.match(segment) is not None and is_upper(segment)


def find_closing_start(lines: list[str], body_start: int) -> int:
    """Index of the first line after the content (recipients and signature follow)."""
    total = len(lines)
    candidates: list[int] = []
    end_mark: int | None = None
    for index in range(total - 1, body_start - 1, -1):
        segments = split_columns(lines[index])
        if any(_is_recipients_label(segment) for segment in segments):
            candidates.append(index)
            break
    for index in range(total - 1, body_start - 1, -1):
        if clean(lines[index]).endswith("/."):
            end_mark = index
            candidates.append(index + 1)
            break
    search_from = max(body_start, total - 40, end_mark + 1 if end_mark is not None else 0)
    for index in range(search_from, total):
        if any(_is_authority(segment) for segment in split_columns(lines[index])):
            candidates.append(index)
            break
    if candidates:
        return min(candidates)
    return _trailing_signature_start(lines, body_start)


def _trailing_signature_start(lines: list[str], body_start: int) -> int:
    """Without any marker, accept a final "TITLE / Name" pair as the signature."""
    indexes = [
        i
        for i in range(body_start, len(lines))
        if clean(lines[i]) and not _PLACEHOLDER_RE.fullmatch(clean(lines[i]))
    ]
    if len(indexes) < 3 or not _looks_like_name(clean(lines[indexes[-1]])):
        return len(lines)
    start = None
    for index in reversed(indexes[:-1]):
        line = clean(lines[index])
        if not is_upper(line) or len(line.split()) > 8:
            break
        start = index
    return start if start is not None else len(lines)


def _clean_recipient(item: str) -> str:
    item = _BULLET_RE.sub("", item, count=1).strip()
    return item.rstrip(" ;.,").strip()


def _signature(lines: list[str]) -> Signature | None:
    lines = [line for line in lines if has_letters(line)]
    if not lines:
        return None
    name: str | None = None
    if _looks_like_name(lines[-1]) and (not is_upper(lines[-1]) or len(lines) > 1):
        name = lines.pop()
    role_index = next((i for i in range(len(lines) - 1, -1, -1) if is_upper(lines[i])), None)
    if role_index is None:
        return Signature(None, [], None, name) if name else None
    role: str | None = lines[role_index]
    first_authority = next(
        (i for i in range(role_index + 1) if _PREFIX_RE.match(lines[i]) and is_upper(lines[i])),
        None,
    )
    authority: list[str] = []
    if first_authority is not None:
        authority = [line for line in lines[first_authority:role_index] if is_upper(line)]
        role_prefix = _PREFIX_RE.match(lines[role_index])
        if role_prefix is not None:
            # "Q. CHỦ TỊCH" with the name directly below: the line is both authority and title.
            authority.append(lines[role_index])
            role = role_prefix.group("rest")
    prefix: str | None = None
    for line in authority:
        match = _PREFIX_RE.match(line)
        if match is not None:
            written = match.group("prefix")
            prefix = _PREFIX_NAMES.get(written, written) + "."
    return Signature(prefix, authority, role, name)


def parse_closing(lines: list[str]) -> Closing:
    closing = Closing()
    raw_recipients: list[str] = []
    signature_lines: list[str] = []
    last_kind = ""
    for line in lines:
        for segment in split_columns(line):
            label = _RECIPIENTS_RE.fullmatch(segment)
            if label is not None:
                closing.has_recipients_label = True
                last_kind = "recipient"
                rest = label.group("rest").strip()
                if rest:
                    raw_recipients.append(rest)
                continue
            if _BULLET_RE.match(segment) and segment[1:].strip():
                raw_recipients.append(segment)
                last_kind = "recipient"
            elif last_kind == "recipient" and raw_recipients and starts_lower(segment):
                raw_recipients[-1] = f"{raw_recipients[-1]} {segment}"
            elif _PLACEHOLDER_RE.fullmatch(segment):
                last_kind = "placeholder"
            else:
                signature_lines.append(segment)
                last_kind = "signature"
    closing.recipients = [item for item in map(_clean_recipient, raw_recipients) if item]
    closing.signature = _signature(signature_lines)
    return closing
