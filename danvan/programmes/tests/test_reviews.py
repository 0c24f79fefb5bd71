"""Half-year and year-end reviews: the draft BÁO CÁO pre-filled from the period, and its files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from danvan.accounts.models import User
from danvan.core.models import AuditEvent, Commune, Unit
from danvan.petitions import services as petition_services
from danvan.petitions.states import Kind
from danvan.petitions.tests.factories import register
from danvan.programmes import services
from danvan.programmes.models import Programme, Review
from danvan.reception.services import session_schedule

D = dt.date


def _at(time_machine, day: dt.date) -> None:
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 3, 0, tzinfo=dt.UTC))


def _text(review: Review) -> str:
    lines: list[str] = []
    for block in review.document.body:
        lines.extend(block.get("items") or [block.get("text", "")])
    return "\n".join(lines)


@pytest.fixture
def first_half(
    programme: Programme,
    people: dict[str, User],
    units: dict[str, Unit],
    commune: Commune,
    time_machine,
) -> Programme:
    """What happened in the first half of 2026, recorded in May."""
    _at(time_machine, D(2026, 5, 12))
    kt = units["Phòng Kinh tế"]
    services.report_submit(
        actor=people["officer"],
        task=programme.tasks.get(number="II.3"),
        unit=kt,
        period_end=D(2026, 5, 14),
        text="Hướng dẫn 120 hộ dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công.",
        progress=45,
    )
    meetings = services.task_create(
        actor=None,
        programme=programme,
        title="Hội nghị đối thoại tại các thôn",
        starts_on=D(2026, 2, 1),
        due_on=D(2026, 11, 30),
        lead_unit=kt,
        indicator_kind="number",
        target_value="10",
        target_unit="buổi",
    )
    services.report_submit(
        actor=people["officer"],
        task=meetings,
        unit=kt,
        period_end=D(2026, 5, 14),
        text="Tổ chức đối thoại tại thôn Quang Thượng và thôn An Lạc.",
        value="4",
    )
    services.study_record(
        actor=people["unit_head"],
        programme=programme,
        legal_document=programme.legal_basis.get(number_symbol="33/CT-TTg"),
        unit=kt,
        held_on=D(2026, 3, 5),
        attendees=25,
    )
    for day in (D(2026, 5, 4), D(2026, 5, 5), D(2026, 5, 6)):
        petition = register(commune, Kind.FEEDBACK, received_on=day)
    petition_services.petition_file(actor=None, petition=petition, reason="Đơn trùng nội dung.")
    session_schedule(
        actor=None,
        commune=commune,
        date=D(2026, 5, 7),
        kind="regular",
        host=None,
        start_time=dt.time(8, 0),
        end_time=dt.time(11, 0),
        place="Trụ sở UBND xã",
    )
    _at(time_machine, D(2026, 7, 20))
    services.report_submit(  # for July: after the half-year, not in its review
        actor=people["officer"],
        task=programme.tasks.get(number="II.3"),
        unit=kt,
        period_end=D(2026, 7, 14),
        text="Nội dung của tháng 7, ngoài kỳ sơ kết.",
        progress=70,
    )
    return programme


def test_half_year_review_is_drafted_from_the_period(
    first_half: Programme, people: dict[str, User], units: dict[str, Unit]
) -> None:
    review = services.review_generate(
        actor=people["coordinator"], programme=first_half, kind="half_year"
    )
    assert (review.period_start, review.period_end) == (D(2025, 12, 15), D(2026, 6, 14))
    document = review.document
    assert document.status == "draft"
    assert document.doc_type == "BC"
    assert document.title == (
        "Sơ kết 6 tháng đầu năm 2026 thực hiện Chương trình hành động triển khai, thực hiện "
        "công tác Dân vận năm 2026"
    )
    assert document.drafting_unit == units["Phòng Văn hoá - Xã hội"]
    assert document.signer_name == "Nguyễn Quốc Thịnh"
    assert document.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    headings = [b["text"] for b in document.body if b["kind"] == "heading" and b["level"] == 1]
    assert headings == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM",
    ]
    text = _text(review)
    assert "từ ngày 15/12/2025 đến ngày 14/06/2026" in text
    assert "Phòng Kinh tế (12/05/2026): Hướng dẫn 120 hộ dân nộp hồ sơ trực tuyến" in text
    assert "Nội dung II.3" in text
    assert "tiến độ đạt 45%" in text
    assert "chỉ tiêu: đạt 4/10 buổi (40%)" in text
    assert "ngoài kỳ sơ kết" not in text
    assert "đã tổ chức 1 buổi quán triệt với 25 lượt người tham dự" in text
    assert "Số đơn tiếp nhận trong kỳ: 3 đơn" in text
    assert "Số đơn đã giải quyết xong: 1 đơn" in text
    assert "Tỷ lệ giải quyết đúng hạn: 100%" in text
    assert "Số ngày tiếp công dân đã tổ chức: 1 ngày" in text
    assert "Phòng Kinh tế chưa tổ chức quán triệt 16/17 văn bản chỉ đạo." in text
    assert "Tiếp tục thực hiện nội dung II.3" in text
    assert AuditEvent.objects.filter(verb="programme.review_drafted", actor=people["coordinator"])
    assert list(first_half.reviews.all()) == [review]


def test_year_end_review_looks_ahead_to_next_year(first_half: Programme) -> None:
    review = services.review_generate(actor=None, programme=first_half, kind="annual")
    assert (review.period_start, review.period_end) == (D(2025, 12, 15), D(2026, 12, 14))
    assert review.document.title.startswith("Tổng kết năm 2026")
    headings = [b["text"] for b in review.document.body if b["kind"] == "heading"]
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027" in headings
    assert "ngoài kỳ sơ kết" in _text(review)  # July is within the year


def test_a_period_that_has_not_begun_cannot_be_reviewed(programme: Programme) -> None:
    with pytest.raises(ValidationError):
        services.review_generate(actor=None, programme=programme, kind="annual", year=2027)
    with pytest.raises(ValidationError):
        services.review_generate(actor=None, programme=programme, kind="quarterly")
    assert not Review.objects.exists()


def test_the_draft_downloads_as_docx_and_pdf(
    first_half: Programme, client_of: Callable[[str], Client]
) -> None:
    client = client_of("coordinator")
    response = client.post(
        f"/programmes/{first_half.pk}/reviews/", {"kind": "half_year", "year": "2026"}
    )
    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{review.document_id}/"
    docx = client.get(f"/documents/{review.document_id}/download/docx/")
    assert docx.status_code == 200
    content = b"".join(docx.streaming_content) if docx.streaming else docx.content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "KẾT QUẢ ĐẠT ĐƯỢC" in xml
    assert "BÁO CÁO" in xml
    pdf = client.get(f"/documents/{review.document_id}/download/pdf/")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
