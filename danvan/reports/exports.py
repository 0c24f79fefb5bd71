"""The filtered petitions list of the reports app as XLSX (streamed from a temporary file) or CSV
(streamed line by line).

The columns are the petitions register's own (danvan.petitions.exports: the sender column never
holds a denouncer's identity); the streaming and the protection of cells against formulas are
danvan.core.tabular's, shared by every list export."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import FileResponse, StreamingHttpResponse

from danvan.core import tabular
from danvan.petitions.exports import PETITION_HEADER, petition_rows

__all__ = ["PETITION_HEADER", "petition_rows", "respond"]


def respond(
    fmt: str, header: Iterable[Any], rows: Iterable[Sequence[Any]], *, name: str
) -> FileResponse | StreamingHttpResponse:
    return tabular.respond(fmt, header, rows, name=name)
