"""Reading list exports back in tests: every app's export tests download both formats and check
what a user would see in their spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
from django.test import Client
from django.urls import reverse

# What a citizen could type to run something on an official's machine (OWASP CSV injection).
INJECTIONS = ("=cmd|' /C calc'!A0", "+SUM(A1:A2)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)")


def xlsx_rows(response: Any) -> list[list[Any]]:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def exports(
    client: Client, viewname: str, *args: Any, query: str = ""
) -> tuple[list[list[Any]], list[list[str]]]:
    """The XLSX and the CSV export of a list, as rows (the header first)."""
    suffix = f"?{query}" if query else ""
    xlsx = xlsx_rows(client.get(reverse(viewname, args=[*args, "xlsx"]) + suffix))
    csv_ = csv_rows(client.get(reverse(viewname, args=[*args, "csv"]) + suffix))
    assert len(xlsx) == len(csv_)
    assert [str(v) for v in xlsx[0]] == csv_[0]  # the same header
    return xlsx, csv_


def statuses(client: Client, viewname: str, *args: Any) -> set[int]:
    """The answers to both formats (a user who cannot see the list cannot export it)."""
    return {client.get(reverse(viewname, args=[*args, fmt])).status_code for fmt in ("xlsx", "csv")}


def assert_protected(
    xlsx: list[list[Any]], csv_: list[list[str]], values: tuple[str, ...] = INJECTIONS
) -> None:
    """Each value is in both files, as text with an apostrophe before it, never as it was."""
    xlsx_cells = {v for row in xlsx for v in row}
    csv_cells = {v for row in csv_ for v in row}
    for value in values:
        assert "'" + value in xlsx_cells, value
        assert "'" + value in csv_cells, value
        assert value not in xlsx_cells, value
        assert value not in csv_cells, value


def flat(*tables: list[list[Any]]) -> str:
    """Every cell of the tables as one text (to check something appears nowhere)."""
    return " ".join(str(v) for table in tables for row in table for v in row)
