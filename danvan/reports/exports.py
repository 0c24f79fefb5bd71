"""List exports: the rows and columns a list shows, as XLSX (streamed from a temporary file) or
CSV (streamed line by line). The sender column is `petitioner_display`, which never holds a
denouncer's identity (it is not even on the case: DenouncerIdentity is encrypted apart)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from danvan.petitions.models import Petition

from . import xlsx

PETITION_HEADER = (
    "Số hồ sơ",
    "Ngày nhận",
    "Loại đơn",
    "Lĩnh vực",
    "Người gửi",
    "Thôn",
    "Đơn vị xử lý",
    "Tóm tắt nội dung",
    "Trạng thái",
    "Kết quả",
    "Hạn xử lý",
)


def petition_rows(qs: QuerySet[Petition]) -> Iterator[list[Any]]:
    for p in qs.iterator(chunk_size=2000):
        yield [
            p.case_number,
            p.received_on,
            p.get_kind_display(),
            p.get_field_display(),
            p.petitioner_display,
            p.village.name if p.village else "",
            p.assigned_unit.name if p.assigned_unit else "",
            p.summary,
            p.get_status_display(),
            p.get_closure_display() if p.closure else "",
            p.due_on or "",
        ]


def respond(
    fmt: str, header: Iterable[str], rows: Iterable[list[Any]], *, name: str
) -> FileResponse | StreamingHttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = StreamingHttpResponse(
            xlsx.stream_csv(list(header), rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
        return response
    handle = xlsx.stream_xlsx(list(header), rows, title=name)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{name}-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
