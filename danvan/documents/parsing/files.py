"""Uploaded files to text: .docx through python-docx, .txt in the encodings Vietnamese offices use."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.types import ProvidesStoryPart

from .document import parse_text
from .errors import DocumentParseError
from .model import ParsedDocument

MAX_BYTES = 5 * 1024 * 1024
# A .docx is a zip; refuse archives that would inflate far beyond any real document.
MAX_UNPACKED_BYTES = 20 * MAX_BYTES

TOO_LARGE_MESSAGE = "Tệp quá lớn ({size} MB); chỉ nhận tệp tối đa 5 MB."
EMPTY_FILE_MESSAGE = "Tệp trống."
PDF_MESSAGE = "Chưa hỗ trợ tệp PDF; hãy dán nội dung văn bản hoặc tải tệp .docx/.txt."
DOC_MESSAGE = "Chưa hỗ trợ tệp Word 97-2003 (.doc); hãy mở bằng Word và lưu lại dưới dạng .docx."
BINARY_MESSAGE = (
    "Tệp không phải văn bản thuần (.txt) mà là dữ liệu nhị phân; hãy tải tệp .docx hoặc .txt."
)
PROTECTED_DOCX_MESSAGE = (
    "Tệp .docx đang được đặt mật khẩu (hoặc là tệp .doc đổi tên); hãy bỏ mật khẩu và lưu lại "
    "dưới dạng .docx."
)
INVALID_DOCX_MESSAGE = "Tệp không phải .docx hợp lệ (có thể bị hỏng hoặc chỉ đổi đuôi tên tệp)."
UNSUPPORTED_MESSAGE = "Chưa hỗ trợ loại tệp “{suffix}”; hãy tải tệp .docx hoặc .txt."

_PDF_MAGIC = b"%PDF"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def _check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")
        raise DocumentParseError(TOO_LARGE_MESSAGE.format(size=size))


def extract_text(filename: str, data: bytes) -> str:
    """The text of an uploaded .txt or .docx file, or a ``DocumentParseError`` saying why not."""
    _check_size(data)
    if not data:
        raise DocumentParseError(EMPTY_FILE_MESSAGE)
    suffix = PurePath(filename or "").suffix.lower()
    if data.startswith(_PDF_MAGIC) or suffix == ".pdf":
        raise DocumentParseError(PDF_MESSAGE)
    if data.startswith(_OLE_MAGIC) and suffix == ".docx":
        # Word wraps a password-protected .docx in an OLE container.
        raise DocumentParseError(PROTECTED_DOCX_MESSAGE)
    if data.startswith(_OLE_MAGIC) or suffix == ".doc":
        raise DocumentParseError(DOC_MESSAGE)
    if suffix == ".docx" or data.startswith(_ZIP_MAGIC):
        return docx_text(data)
    if suffix not in _TEXT_SUFFIXES:
        raise DocumentParseError(UNSUPPORTED_MESSAGE.format(suffix=suffix))
    return decode_text(data)


def decode_text(data: bytes) -> str:
    """Decode plain text: UTF-8 (with or without BOM), UTF-16, else Windows-1258."""
    text: str | None = None
    if data.startswith(b"\xef\xbb\xbf"):
        text = _try_decode(data[3:], "utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try_decode(data, "utf-16")
    else:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            text = _try_decode(data, utf16)
        elif b"\x00" not in data:
            text = _try_decode(data, "utf-8")
            if text is None:
                text = _try_decode(data, "cp1258")
    if text is None or _looks_binary(text):
        raise DocumentParseError(BINARY_MESSAGE)
    # cp1258 and some editors write tone marks as combining characters.
    return unicodedata.normalize("NFC", text)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 has a zero byte in every other position for Latin-script characters."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > half * 0.3 and even_zeros < half * 0.05:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros < half * 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(
        1
        for char in text
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs", "Co")
    )
    return "\x00" in text or controls > max(2, len(text) // 200)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentParseError(INVALID_DOCX_MESSAGE) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentParseError(INVALID_DOCX_MESSAGE)


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells of a .docx, one line each, in document order."""
    _check_size(data)
    if data.startswith(_OLE_MAGIC):
        raise DocumentParseError(PROTECTED_DOCX_MESSAGE)
    _check_archive(data)
    try:
        document = Document(io.BytesIO(data))
        lines = list(_block_lines(document.element.body, document))
    except DocumentParseError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types for damaged files
        raise DocumentParseError(INVALID_DOCX_MESSAGE) from exc
    return "\n".join(lines)


def _block_lines(container: Any, parent: ProvidesStoryPart) -> Iterator[str]:
    """Lines of the paragraphs and tables directly inside an XML element, in order."""
    for child in container.iterchildren():
        if isinstance(child, CT_P):
            yield Paragraph(child, parent).text
        elif isinstance(child, CT_Tbl):
            yield from _table_lines(Table(child, parent))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _block_lines(content, parent)


def _table_lines(table: Table) -> Iterator[str]:
    # A merged cell is returned once per grid column it spans; keep the elements alive so
    # their ids stay unique while we compare them.
    seen: list[Any] = []
    for row in table.rows:
        for cell in row.cells:
            if any(element is cell._tc for element in seen):
                continue
            seen.append(cell._tc)
            yield from _block_lines(cell._tc, cell)


def parse_docx(data: bytes) -> ParsedDocument:
    """Parse an uploaded .docx; ``DocumentParseError`` for anything that is not a valid one."""
    return parse_text(docx_text(data))
