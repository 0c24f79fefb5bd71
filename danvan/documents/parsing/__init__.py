"""Read Vietnamese administrative documents (Decree 30/2020/NĐ-CP format) into structured data.

Pure Python, no Django: ``parse_text`` and ``parse_docx`` return a ``ParsedDocument`` whose
``to_dict()`` is JSON-serialisable; ``extract_text`` turns an uploaded .txt/.docx into text.
Every failure the caller should show to a person is a ``DocumentParseError`` with a Vietnamese
message.
"""

from .document import parse_text
from .errors import DocumentParseError
from .files import MAX_BYTES, extract_text, parse_docx
from .model import LegalReference, ParsedDocument, ParseWarning, SectionNode, Signature

__all__ = [
    "MAX_BYTES",
    "DocumentParseError",
    "LegalReference",
    "ParseWarning",
    "ParsedDocument",
    "SectionNode",
    "Signature",
    "extract_text",
    "parse_docx",
    "parse_text",
]
