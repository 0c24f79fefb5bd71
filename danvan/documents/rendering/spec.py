"""Structured description of one official document (thể thức văn bản, Nghị định 30/2020/NĐ-CP).

The renderers in :mod:`.docx` and :mod:`.pdf` turn a :class:`DocumentSpec` into a Word or PDF
file with the layout of Phụ lục I. This module holds only data and the formatting rules that do
not depend on the output format (số/ký hiệu, quyền hạn ký, nơi nhận, dòng địa danh – ngày tháng).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .dates import format_place_date

__all__ = [
    "ALLOWED_AUTHORITY_PREFIXES",
    "DRAFT_NUMBER_BLANK",
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
    "number_symbol",
]

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

#: Signing-authority prefixes of Art. 13 (thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền).
ALLOWED_AUTHORITY_PREFIXES: tuple[str, ...] = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
#: Prefixes after which a second line with the signer's own position is required.
_PREFIXES_NEEDING_POSITION = frozenset({"TM.", "KT.", "TL.", "TUQ."})

#: Space left for the number on a draft: "Số:      /BC-UBND".
DRAFT_NUMBER_BLANK = " " * 5

_SYMBOL_RE = re.compile(r"^[^\s/]+(?:-[^\s/-]+)*$")


# --------------------------------------------------------------------------- body blocks


@dataclass(frozen=True)
class Heading:
    """A section title. Level 1 ("I. KẾT QUẢ ĐẠT ĐƯỢC") is printed bold and upper case,
    level 2 ("1. Công tác tuyên truyền") bold, level 3 ("a) …") bold italic."""

    level: int
    text: str

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"Cấp đề mục phải là 1, 2 hoặc 3 (nhận được {self.level}).")
        if not self.text.strip():
            raise ValueError("Đề mục không được để trống.")

    @property
    def display_text(self) -> str:
        text = self.text.strip()
        return text.upper() if self.level == 1 else text


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified, first-line indent 1 cm."""

    text: str


@dataclass(frozen=True)
class BulletList:
    """Items printed as "- item" paragraphs with the body's first-line indent."""

    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Table:
    """A ruled table; ``header`` (optional) is printed bold and repeated on each page."""

    rows: list[list[str]] = field(default_factory=list)
    header: list[str] | None = None

    def __post_init__(self) -> None:
        widths = {len(row) for row in self.rows}
        if self.header is not None:
            widths.add(len(self.header))
        if not widths:
            raise ValueError("Bảng phải có ít nhất một dòng.")
        if len(widths) != 1 or 0 in widths:
            raise ValueError("Các dòng của bảng phải có cùng số cột (và ít nhất một cột).")

    @property
    def column_count(self) -> int:
        return len(self.header) if self.header is not None else len(self.rows[0])


Block = Heading | Paragraph | BulletList | Table


# --------------------------------------------------------------------------- rules


def number_symbol(number: int | None, symbol: str) -> str:
    """``12/BC-UBND``; numbers below 10 get a leading zero (``01/BC-UBND``).

    ``number=None`` (an unregistered draft) leaves blank space: ``     /BC-UBND``.
    """
    symbol = symbol.strip()
    if not _SYMBOL_RE.match(symbol):
        raise ValueError(
            f"Ký hiệu văn bản không hợp lệ: {symbol!r} (ví dụ đúng: 'BC-UBND', 'UBND-VHXH')."
        )
    if number is None:
        return f"{DRAFT_NUMBER_BLANK}/{symbol}"
    if isinstance(number, bool) or number < 1:
        raise ValueError(f"Số văn bản phải là số nguyên dương (nhận được {number!r}).")
    return f"{number:02d}/{symbol}"


def authority_prefix(line: str) -> str | None:
    """Return the signing-authority prefix of ``line`` ("TM.", "KT.", "Q.", "TL.", "TUQ.").

    Returns ``None`` when the line has no prefix (the head signs in their own name, e.g.
    "CHỦ TỊCH"). Raises :class:`ValueError` with a Vietnamese message when the line starts with
    something that looks like a prefix but is not one of the five allowed forms ("T/M", "K.T.",
    "tm.", "TT.", "KT.CHỦ TỊCH" …).
    """
    stripped = line.strip()
    if not stripped:
        raise ValueError("Dòng quyền hạn ký không được để trống.")
    words = stripped.split()
    head = words[0]
    allowed = ", ".join(ALLOWED_AUTHORITY_PREFIXES)
    if head in ALLOWED_AUTHORITY_PREFIXES:
        if len(words) == 1:
            raise ValueError(
                f"Sau '{head}' phải ghi tên tập thể hoặc chức vụ người đứng đầu "
                f"(ví dụ '{head} CHỦ TỊCH')."
            )
        return head
    if "." in head.rstrip("."):
        before_dot = head.split(".", 1)[0]
        if f"{before_dot.upper()}." in ALLOWED_AUTHORITY_PREFIXES and before_dot.isalpha():
            canonical = f"{before_dot.upper()}."
            raise ValueError(
                f"Quyền hạn ký '{head}' viết sai: phải viết '{canonical}' và có dấu cách "
                f"phía sau (ví dụ '{canonical} CHỦ TỊCH')."
            )
    core = head.rstrip(".:,")
    letters = core.replace("/", "").replace(".", "")
    looks_like_prefix = head != core or "/" in core or "." in core
    if letters.isalpha() and f"{letters.upper()}." in ALLOWED_AUTHORITY_PREFIXES:
        canonical = f"{letters.upper()}."
        raise ValueError(
            f"Quyền hạn ký '{head}' viết sai: phải viết '{canonical}' (chữ in hoa, có dấu chấm)."
        )
    if looks_like_prefix and letters.isalpha() and len(letters) <= 4:
        raise ValueError(
            f"Quyền hạn ký '{head}' không hợp lệ. Chỉ được dùng: {allowed} "
            "(Điều 13 Nghị định 30/2020/NĐ-CP)."
        )
    return None


def _clean_recipient(item: str) -> str:
    text = item.strip()
    while text[:1] in {"-", "–", "—", "+", "•"}:
        text = text[1:].strip()
    return text.rstrip(" ;.,").strip()


def _is_archive_line(text: str) -> bool:
    return text.casefold().startswith("lưu")


def build_recipients(
    items: Iterable[str], drafting_unit: str | None = None, *, as_above: bool = False
) -> list[str]:
    """Format the "Nơi nhận:" list.

    Each recipient becomes "- X;" and the list ends with "- Lưu: VT, {drafting_unit}." — the
    archive line is added when missing (and moved to the end when it is elsewhere). With
    ``as_above=True`` (the document has a "Kính gửi:" block) "- Như trên;" is put first.
    Dashes and punctuation already present in ``items`` are normalised, so the function is
    idempotent.
    """
    cleaned = [text for text in (_clean_recipient(i) for i in items) if text]
    archive = [text for text in cleaned if _is_archive_line(text)]
    others = [text for text in cleaned if not _is_archive_line(text)]
    if as_above and not any(t.casefold() == "như trên" for t in others):
        others.insert(0, "Như trên")
    if archive:
        last = archive[-1]
    else:
        unit = (drafting_unit or "").strip()
        last = f"Lưu: VT, {unit}" if unit else "Lưu: VT"
    return [f"- {text};" for text in others] + [f"- {last}."]


# --------------------------------------------------------------------------- document


@dataclass(frozen=True)
class Signature:
    """Signature block (ô 7): authority lines, space for the signature and seal, the name."""

    authority_lines: list[str]
    signer_name: str

    def __post_init__(self) -> None:
        if not self.authority_lines:
            raise ValueError("Thiếu quyền hạn, chức vụ của người ký.")
        prefix = authority_prefix(self.authority_lines[0])
        if prefix in _PREFIXES_NEEDING_POSITION and len(self.authority_lines) < 2:
            raise ValueError(
                f"Với quyền hạn ký '{prefix}' cần thêm dòng chức vụ của người ký "
                "(ví dụ 'CHỦ TỊCH' hoặc 'PHÓ CHỦ TỊCH')."
            )
        for extra in self.authority_lines[1:]:
            if not extra.strip():
                raise ValueError("Dòng chức vụ của người ký không được để trống.")
        if not self.signer_name.strip():
            raise ValueError("Thiếu họ tên người ký.")

    @property
    def prefix(self) -> str | None:
        return authority_prefix(self.authority_lines[0])

    @property
    def display_lines(self) -> list[str]:
        return [line.strip().upper() for line in self.authority_lines]


@dataclass(frozen=True, kw_only=True)
class DocumentSpec:
    """Everything needed to print one official document.

    ``number=None`` / ``issued_on=None`` describe a draft (dự thảo) that the văn thư has not yet
    registered: the number and the day/month are left blank; ``year`` gives the year printed
    in that case.
    """

    issuer_lines: list[str]
    symbol: str
    place: str
    title: str
    signature: Signature
    issuer_parent: str | None = None
    number: int | None = None
    issued_on: date | None = None
    year: int | None = None
    doc_type_name: str | None = None
    is_cong_van: bool = False
    recipients_to: list[str] = field(default_factory=list)
    body: Sequence[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    drafting_unit: str | None = None

    def __post_init__(self) -> None:
        if not self.issuer_lines or not all(line.strip() for line in self.issuer_lines):
            raise ValueError("Thiếu tên cơ quan, tổ chức ban hành văn bản.")
        number_symbol(self.number, self.symbol)  # validates both
        if not self.place.strip():
            raise ValueError("Thiếu địa danh.")
        if not self.title.strip():
            raise ValueError("Thiếu trích yếu nội dung văn bản.")
        if self.is_cong_van and self.doc_type_name:
            raise ValueError("Công văn không ghi tên loại văn bản.")
        if not self.is_cong_van and not (self.doc_type_name or "").strip():
            raise ValueError("Thiếu tên loại văn bản (ví dụ BÁO CÁO, KẾ HOẠCH).")
        if (
            self.issued_on is not None
            and self.year is not None
            and self.year != self.issued_on.year
        ):
            raise ValueError("Năm ban hành không khớp với ngày ban hành.")

    # Derived text shared by the DOCX and PDF renderers ---------------------------------

    @property
    def is_draft(self) -> bool:
        return self.number is None or self.issued_on is None

    @property
    def number_line(self) -> str:
        return f"Số: {number_symbol(self.number, self.symbol)}"

    @property
    def place_date_line(self) -> str:
        return format_place_date(self.place, self.issued_on, year=self.year)

    @property
    def issuer_parent_line(self) -> str | None:
        parent = (self.issuer_parent or "").strip()
        return parent.upper() if parent else None

    @property
    def issuer_display_lines(self) -> list[str]:
        return [line.strip().upper() for line in self.issuer_lines]

    @property
    def type_name_line(self) -> str | None:
        return None if self.is_cong_van else (self.doc_type_name or "").strip().upper()

    @property
    def subject_line(self) -> str:
        """Trích yếu: the title under the type name, or "V/v …" for a công văn."""
        title = self.title.strip()
        if self.is_cong_van and not title.casefold().startswith("v/v"):
            return f"V/v {title}"
        return title

    @property
    def document_title(self) -> str:
        """Title for the file metadata ("BÁO CÁO Kết quả …", "Công văn V/v …")."""
        if self.is_cong_van:
            return f"Công văn {self.subject_line}"
        return f"{self.type_name_line} {self.subject_line}"

    @property
    def recipient_lines(self) -> list[str]:
        return build_recipients(
            self.recipients, self.drafting_unit, as_above=bool(self.recipients_to)
        )

    @property
    def kinh_gui_lines(self) -> list[str]:
        """Recipients of the "Kính gửi:" block: one → as is; several → "- A;" … "- B."."""
        names = [_clean_recipient(r) for r in self.recipients_to]
        names = [n for n in names if n]
        if len(names) <= 1:
            return [f"{n}." for n in names]
        return [f"- {n};" for n in names[:-1]] + [f"- {names[-1]}."]
