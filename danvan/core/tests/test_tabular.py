"""List exports: cells a spreadsheet cannot run, dates kept as dates, constant memory, and the
download's name and headers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tracemalloc
import zoneinfo
from collections.abc import Iterator

import openpyxl
import pytest
from django.http import Http404
from django.utils.translation import gettext_lazy

from danvan.core import tabular

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
INJECTIONS = ["=cmd|' /C calc'!A0", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1+1"]


def read_xlsx(handle) -> list[list[object]]:
    sheet = openpyxl.load_workbook(handle).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def read_csv(lines) -> list[list[str]]:
    text = "".join(lines)
    assert text.startswith("\ufeff")  # spreadsheets then read the UTF-8 text right
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_formula_is_never_a_formula(value: str) -> None:
    assert tabular.safe(value) == "'" + value
    book = openpyxl.load_workbook(tabular.stream_xlsx(["Nội dung"], [[value]], title="t"))
    cell = book.active["A2"]
    assert (cell.value, cell.data_type) == ("'" + value, "s")
    assert read_csv(tabular.stream_csv(["Nội dung"], [[value]]))[1] == ["'" + value]


def test_ordinary_values_are_left_alone() -> None:
    for value in ("Khiếu nại về đất đai", "0912 345 678", "a=b", "", -5, 3.5, None):
        assert tabular.safe(value) == value


def test_cells_keep_their_types_in_xlsx_and_read_well_in_csv() -> None:
    visited = dt.datetime(2026, 9, 15, 2, 30, 15, tzinfo=dt.UTC)  # 09:30:15 in Hà Nội
    row = [
        dt.date(2026, 9, 1),
        visited,
        dt.time(8, 0),
        12,
        True,
        False,
        None,
        gettext_lazy("Overdue"),
        "Bell\x07 and null\x00 bytes",
    ]
    header = ["Ngày", "Thời gian", "Giờ", "Số", "Có", "Không", "Trống", "Nhãn", "Văn bản"]
    rows = read_xlsx(tabular.stream_xlsx(header, [row], title="t"))
    assert rows[0] == header
    assert rows[1][:6] == [
        dt.datetime(2026, 9, 1),  # openpyxl reads every date cell back as a datetime
        dt.datetime(2026, 9, 15, 9, 30, 15),
        dt.time(8, 0),
        12,
        "x",
        None,
    ]
    assert rows[1][7] == "Quá hạn"
    assert rows[1][8] == "Bell and null bytes"  # control characters would corrupt the file
    sheet = openpyxl.load_workbook(tabular.stream_xlsx(header, [row], title="t")).active
    assert sheet["A2"].number_format == "DD/MM/YYYY"
    assert sheet["B2"].number_format == "DD/MM/YYYY HH:MM:SS"
    assert sheet["A1"].font.bold
    lines = read_csv(tabular.stream_csv(header, [row]))
    assert lines[1][:8] == [
        "2026-09-01",
        "2026-09-15 09:30:15",
        "08:00",
        "12",
        "x",
        "",
        "",
        "Quá hạn",
    ]


def test_a_cell_longer_than_excel_accepts_is_cut() -> None:
    rows = read_xlsx(tabular.stream_xlsx(["Nội dung"], [["đ" * 40000]], title="t"))
    assert len(rows[1][0]) == tabular.XLSX_MAX_CELL


def test_rows_are_streamed_not_held() -> None:
    """The rows (8 MB of text) never sit in memory together: XLSX rows go to the temporary file
    one by one, CSV lines are produced while the response is sent."""

    def rows() -> Iterator[list[object]]:
        for n in range(2000):
            yield [n, f"{n:06d}" + "x" * 4000]

    tracemalloc.start()
    try:
        handle = tabular.stream_xlsx(["Số", "Nội dung"], rows(), title="t")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000
    assert len(read_xlsx(handle)) == 2001

    consumed: list[int] = []

    def counted() -> Iterator[list[object]]:
        for n in range(3):
            consumed.append(n)
            yield [n]

    lines = tabular.stream_csv(["Số"], counted())
    assert consumed == []
    next(lines)
    next(lines)
    assert consumed == [0]


def test_the_download_is_named_in_ascii_with_the_local_time(time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 9, 15, 16, 5, tzinfo=VN), tick=False)
    response = tabular.respond("csv", ["Số"], iter([[1]]), name="so-tiep-cong-dan")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="so-tiep-cong-dan-20260915-1605.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    assert read_csv(b"".join(response.streaming_content).decode()) == [["Số"], ["1"]]
    response = tabular.respond("xlsx", ["Số"], iter([[1]]), name="so-tiep-cong-dan")
    assert response["Content-Type"] == tabular.XLSX_CONTENT_TYPE
    assert 'filename="so-tiep-cong-dan-20260915-1605.xlsx"' in response["Content-Disposition"]
    assert read_xlsx(io.BytesIO(b"".join(response.streaming_content))) == [["Số"], [1]]


def test_an_unknown_format_is_not_found() -> None:
    with pytest.raises(Http404):
        tabular.respond("pdf", ["Số"], iter([]), name="x")


def test_a_long_formula_like_cell_is_protected_and_still_fits() -> None:
    rows = read_xlsx(tabular.stream_xlsx(["Nội dung"], [["=" + "x" * 40000]], title="t"))
    assert rows[1][0].startswith("'=")
    assert len(rows[1][0]) == tabular.XLSX_MAX_CELL
