"""Cleaning what external clients send before it reaches a query or the database.

PostgreSQL refuses NUL in text, XML 1.0 cannot carry most control characters, and a JSON body may
hold lone surrogates that no database encodes: all are dropped here, once, at the edge."""

from __future__ import annotations

import re

# Everything XML 1.0 does not allow (and so nothing a person means to type): C0 controls but
# tab/newline/return, lone surrogates, and the two non-characters U+FFFE/U+FFFF.
_NOT_TEXT = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# The largest value a BigAutoField (and SQLite's INTEGER) holds.
MAX_ID = 2**63 - 1


def clean_text(value: object) -> str:
    """A string without characters no database or XML document can hold, stripped."""
    if value is None:
        return ""
    return _NOT_TEXT.sub("", str(value)).strip()


def one_line(value: object) -> str:
    """`clean_text` with every run of white space (new lines too) turned into one space."""
    return " ".join(clean_text(value).split())
