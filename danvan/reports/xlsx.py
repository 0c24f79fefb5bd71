"""XLSX output of the official tables (merged headers, totals).

Every text cell written goes through `safe` first (danvan.core.tabular, which also streams the
list exports): a value a spreadsheet would read as a formula is prefixed with an apostrophe, so
nothing a citizen typed can execute on an official's machine."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from danvan.core.tabular import DANGEROUS_PREFIXES as DANGEROUS_PREFIXES
from danvan.core.tabular import safe

from .forms_base import FormTable

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _header_levels(table: FormTable) -> int:
    return max(len(c.header) for c in table.form.columns)


def form_workbook(tables: Sequence[FormTable], *, unit_name: str) -> Workbook:
    """One sheet per form, laid out as the official table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.form.code.replace("/", "-"))
        _write_form(sheet, table, unit_name)
    return workbook


def _write_form(sheet: Any, table: FormTable, unit_name: str) -> None:
    form = table.form
    columns = form.columns
    width = len(columns) + 2
    bold = Font(bold=True)
    sheet.cell(row=1, column=1, value=f"Biểu số {form.code}").font = bold
    sheet.cell(row=2, column=1, value=form.title.upper()).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.cell(row=2, column=1).alignment = CENTER
    sheet.cell(row=3, column=1, value=f"Số liệu tính từ ngày {table.period.label()}")
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
    sheet.cell(row=3, column=1).alignment = CENTER
    sheet.cell(row=4, column=1, value=f"Đơn vị báo cáo: {unit_name}")
    levels = _header_levels(table)
    top = 6
    bottom = top + levels - 1
    for col, title in ((1, "STT"), (2, "Đơn vị")):
        cell = sheet.cell(row=top, column=col, value=title)
        cell.font, cell.alignment, cell.border = bold, CENTER, BORDER
        sheet.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
    # Merge equal header prefixes across columns; a short header spans the remaining levels.
    for level in range(levels):
        index = 0
        while index < len(columns):
            header = columns[index].header
            if level >= len(header):
                index += 1
                continue
            prefix = header[: level + 1]
            end = index
            while (
                end + 1 < len(columns)
                and columns[end + 1].header[: level + 1] == prefix
                and len(columns[end + 1].header) > level
            ):
                end += 1
            row = top + level
            is_leaf = len(header) == level + 1 and end == index
            last_row = bottom if is_leaf else row
            cell = sheet.cell(row=row, column=index + 3, value=header[level])
            cell.font, cell.alignment, cell.border = bold, CENTER, BORDER
            if end > index or last_row > row:
                sheet.merge_cells(
                    start_row=row, start_column=index + 3, end_row=last_row, end_column=end + 3
                )
            index = end + 1
    # Column numbers (1), (2), ... under the headers, as on the official forms.
    number_row = bottom + 1
    for index in range(width):
        cell = sheet.cell(row=number_row, column=index + 1, value=f"({index + 1})")
        cell.alignment, cell.border = CENTER, BORDER
    row = number_row + 1
    for n, data in enumerate(table.rows, start=1):
        sheet.cell(row=row, column=1, value=n).border = BORDER
        sheet.cell(row=row, column=2, value=safe(data.label)).border = BORDER
        for index, value in enumerate(data.values):
            cell = sheet.cell(row=row, column=index + 3, value=value)
            cell.number_format, cell.border = "#,##0", BORDER
        row += 1
    label = sheet.cell(row=row, column=1, value="Tổng cộng")
    label.font, label.border = bold, BORDER
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    for index, value in enumerate(table.total.values):
        cell = sheet.cell(row=row, column=index + 3, value=value)
        cell.font, cell.number_format, cell.border = bold, "#,##0", BORDER
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 28
    for index in range(len(columns)):
        sheet.column_dimensions[get_column_letter(index + 3)].width = 12
    sheet.freeze_panes = sheet.cell(row=number_row + 1, column=3)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
