"""The one exception the parser lets out."""

from __future__ import annotations


class DocumentParseError(ValueError):
    """The input cannot be read as an administrative document.

    ``str(error)`` is a Vietnamese sentence meant for the person who supplied the file or text.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
