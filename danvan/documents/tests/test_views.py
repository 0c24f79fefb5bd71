"""The documents pages as officials use them: draft, issue, download, read a document."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from docx import Document as DocxDocument

from danvan.accounts.roles import Role
from danvan.core.models import Commune
from danvan.documents.models import LegalDocument, OutgoingDocument
from danvan.documents.parsing import parse_text

FOUNDING = Path(__file__).resolve().parent.parent / "fixtures" / "ctr-dan-van-2026-an-quang.txt"

DRAFT = {
    "doc_type": "BC",
    "title": "Kết quả công tác Dân vận 6 tháng đầu năm 2026",
    "body": "I. KẾT QUẢ ĐẠT ĐƯỢC\nCác đơn vị đã quán triệt Chỉ thị 33/CT-TTg.\n- Tiếp 120 lượt công dân\nII. NHIỆM VỤ 6 THÁNG CUỐI NĂM\nTiếp tục thực hiện.",
    "recipients": "Sở Nội vụ;\nTTĐU, TTHĐND;",
    "authority": "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH",
    "signer_name": "Nguyễn Quốc Thịnh",
}


@pytest.fixture
def clerk(client_for: Callable[..., Client]) -> Client:
    return client_for(Role.RECEPTION_OFFICER)


def test_draft_issue_and_download_both_files(clerk: Client) -> None:
    response = clerk.post("/documents/new/", DRAFT)
    assert response.status_code == 302
    document = OutgoingDocument.objects.get()
    assert document.recipients == ["Sở Nội vụ", "TTĐU, TTHĐND", "Lưu: VT"]
    page = clerk.get(f"/documents/{document.pk}/").content.decode()
    assert "chưa có số" in page or "Dự thảo" in page
    draft_pdf = clerk.get(f"/documents/{document.pk}/download/pdf/")
    assert draft_pdf["Content-Type"] == "application/pdf"
    clerk.post(f"/documents/{document.pk}/issue/")
    document.refresh_from_db()
    assert document.number_symbol == "01/BC-UBND"
    docx = clerk.get(f"/documents/{document.pk}/download/docx/")
    assert docx.status_code == 200
    assert "01-BC-UBND.docx" in docx["Content-Disposition"]
    parsed = DocxDocument(io.BytesIO(b"".join(docx.streaming_content)))
    cells = " ".join(c.text for t in parsed.tables for r in t.rows for c in r.cells)
    assert "Số: 01/BC-UBND" in cells
    pdf = clerk.get(f"/documents/{document.pk}/download/pdf/")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    listing = clerk.get("/documents/", {"q": "cong tac dan van"}).content.decode()
    assert "01/BC-UBND" in listing


def test_bad_draft_keeps_what_was_typed(clerk: Client) -> None:
    response = clerk.post("/documents/new/", {**DRAFT, "title": "", "signer_name": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in page
    assert "Các đơn vị đã quán triệt Chỉ thị 33/CT-TTg." in page
    assert OutgoingDocument.objects.count() == 0


def test_only_the_clerk_and_admin_issue(client_for: Callable[..., Client]) -> None:
    officer = client_for(Role.HANDLING_OFFICER)
    officer.post("/documents/new/", DRAFT)
    document = OutgoingDocument.objects.get()
    assert officer.post(f"/documents/{document.pk}/issue/").status_code == 403
    document.refresh_from_db()
    assert document.number is None


def test_documents_of_another_commune_are_404(
    clerk: Client, client_for: Callable[..., Client], other_commune: Commune
) -> None:
    theirs = client_for(Role.RECEPTION_OFFICER, commune_=other_commune)
    theirs.post("/documents/new/", DRAFT)
    document = OutgoingDocument.objects.get()
    assert clerk.get(f"/documents/{document.pk}/").status_code == 404
    assert clerk.get(f"/documents/{document.pk}/download/pdf/").status_code == 404
    assert "Kết quả công tác" not in clerk.get("/documents/").content.decode()


def test_parse_page_reads_the_founding_document_and_registers_references(
    client_for: Callable[..., Client],
) -> None:
    coordinator = client_for(Role.COORDINATOR)
    text = FOUNDING.read_text(encoding="utf-8")
    page = coordinator.post("/documents/parse/", {"text": text}).content.decode()
    assert "CHƯƠNG TRÌNH HÀNH ĐỘNG" in page
    assert "/CTr-UBND" in page
    assert "2026-01-14" in page
    assert "13/KH-UBND" in page
    assert "2021" in page
    coordinator.post("/documents/parse/register/", {"text": text})
    symbols = set(LegalDocument.objects.values_list("number_symbol", flat=True))
    assert {"33/CT-TTg", "26/CT-UBND", "217-QĐ/TW", "218-QĐ/TW", "124-QĐ/TW"} <= symbols
    expected = parse_text(text).to_dict()["legal_references"]
    assert LegalDocument.objects.count() == len(expected)
    coordinator.post("/documents/parse/register/", {"text": text})  # again: nothing duplicated
    assert LegalDocument.objects.count() == len(expected)
    legal = coordinator.get("/documents/legal/").content.decode()
    assert "33/CT-TTg" in legal


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "trống"),
        ("binary.txt", bytes(range(256)) * 20, "không phải"),
        ("scan.pdf", b"%PDF-1.7\n%binary", "PDF"),
        ("big.txt", b"a" * (20 * 1024 * 1024), "5 MB"),
        (
            "note.txt",
            "Xin chào, đây là một ghi chú không có tiêu đề.".encode(),
            "Không nhận ra văn bản",
        ),
        ("fake.docx", b"PK\x03\x04 not really a docx", ".docx"),
    ],
)
def test_parse_page_bad_files_get_a_clear_message(
    clerk: Client, name: str, content: bytes, message: str
) -> None:
    response = clerk.post("/documents/parse/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_parse_page_needs_text_or_file(clerk: Client) -> None:
    assert "Hãy dán nội dung" in clerk.post("/documents/parse/", {"text": "  "}).content.decode()


def test_parse_document_command_prints_exactly_the_json(db: None) -> None:
    out = StringIO()
    call_command("parse_document", str(FOUNDING), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == parse_text(FOUNDING.read_text(encoding="utf-8")).to_dict()
    assert data["doc_type"] == "CHƯƠNG TRÌNH HÀNH ĐỘNG"
    assert data["signature"]["name"] == "Nguyễn Quốc Thịnh"


def test_parse_document_command_bad_file(tmp_path: Path, db: None) -> None:
    missing = tmp_path / "none.txt"
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("parse_document", str(missing))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="trống"):
        call_command("parse_document", str(empty), "--json")


def test_draft_with_drafting_unit_ends_recipients_with_its_abbreviation(
    clerk: Client, commune: Commune
) -> None:
    from danvan.accounts.tests.factories import UnitFactory

    unit = UnitFactory.create(commune=commune, name="Phòng Văn hoá - Xã hội", short_name="VHXH")
    response = clerk.post("/documents/new/", {**DRAFT, "drafting_unit": unit.pk})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert OutgoingDocument.objects.get().recipients[-1] == "Lưu: VT, VHXH"
