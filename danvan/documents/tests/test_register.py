"""The outgoing-document register: drafts, issuing with numbers, frozen content, both files."""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from docx import Document

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.models import AuditEvent, Commune, Unit
from danvan.documents import services
from danvan.documents.models import OutgoingDocument
from danvan.documents.specs import blocks_from_text

D = dt.date


@pytest.fixture
def vhxh(commune: Commune) -> Unit:
    return UnitFactory.create(commune=commune, name="Phòng Văn hoá - Xã hội", short_name="VHXH")


def draft(
    commune: Commune,
    *,
    doc_type: str = "BC",
    unit: Unit | None = None,
    title: str = "Kết quả công tác Dân vận 6 tháng đầu năm 2026",
) -> OutgoingDocument:
    return services.document_create_draft(
        actor=None,
        commune=commune,
        doc_type=doc_type,
        title=title,
        drafting_unit=unit,
        body=blocks_from_text("I. KẾT QUẢ\nNội dung báo cáo.\n- Ý một\n- Ý hai"),
        recipients=["Sở Nội vụ", "Lưu: VT, VHXH"],
        recipients_to=["Các thôn"] if doc_type == "CV" else [],
        authority_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="Nguyễn Quốc Thịnh",
    )


def test_draft_has_no_number(commune: Commune) -> None:
    document = draft(commune)
    assert document.status == "draft"
    assert document.number is None
    assert document.number_symbol == ""


def test_issue_numbers_from_01_per_commune_and_year(
    commune: Commune, other_commune: Commune, vhxh: Unit
) -> None:
    first = services.document_issue(actor=None, document=draft(commune), on=D(2026, 7, 10))
    second = services.document_issue(
        actor=None, document=draft(commune, doc_type="KH"), on=D(2026, 7, 11)
    )
    cong_van = services.document_issue(
        actor=None, document=draft(commune, doc_type="CV", unit=vhxh), on=D(2026, 7, 12)
    )
    theirs = services.document_issue(actor=None, document=draft(other_commune), on=D(2026, 7, 12))
    next_year = services.document_issue(actor=None, document=draft(commune), on=D(2027, 1, 4))
    assert first.number_symbol == "01/BC-UBND"
    assert second.number_symbol == "02/KH-UBND"
    assert cong_van.number_symbol == "03/UBND-VHXH"
    assert theirs.number_symbol == "01/BC-UBND"
    assert next_year.number_symbol == "01/BC-UBND"
    assert next_year.year == 2027


def test_issuing_freezes_content_and_keeps_both_files(commune: Commune) -> None:
    document = services.document_issue(actor=None, document=draft(commune), on=D(2026, 7, 10))
    document.refresh_from_db()
    assert document.status == "issued"
    assert document.issued_on == D(2026, 7, 10)
    docx = Document(io.BytesIO(document.docx_file.read()))
    text = "\n".join(p.text for p in docx.paragraphs) + "\n".join(
        cell.text for table in docx.tables for row in table.rows for cell in row.cells
    )
    assert "Số: 01/BC-UBND" in text
    assert "An Quang, ngày 10 tháng 7 năm 2026" in text
    assert document.pdf_file.read().startswith(b"%PDF")
    with pytest.raises(ValidationError, match="Văn bản đã ban hành"):
        services.document_update_draft(actor=None, document=document, title="Đổi")
    with pytest.raises(ValidationError, match="đã được ban hành"):
        services.document_issue(actor=None, document=document)
    assert AuditEvent.objects.filter(verb="document.issued", object_id=str(document.pk)).exists()


def test_incomplete_draft_is_refused_with_a_message(commune: Commune) -> None:
    with pytest.raises(ValidationError, match="trích yếu"):
        services.document_create_draft(
            actor=None,
            commune=commune,
            doc_type="BC",
            title="  ",
            signer_name="A",
            authority_lines=["CHỦ TỊCH"],
        )
    with pytest.raises(ValidationError, match="người ký"):
        services.document_create_draft(
            actor=None,
            commune=commune,
            doc_type="BC",
            title="Báo cáo",
            signer_name="",
            authority_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuing_never_gives_the_same_number(commune: Commune) -> None:
    drafts = [draft(commune, title=f"Báo cáo số {i}") for i in range(8)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(drafts))

    def issue(document: OutgoingDocument) -> None:
        try:
            barrier.wait()
            services.document_issue(actor=None, document=document, on=D(2026, 9, 15))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    issued = OutgoingDocument.objects.filter(commune=commune, number__isnull=False)
    numbers = sorted(n for n in issued.values_list("number", flat=True) if n is not None)
    assert numbers == list(range(1, 9))


def test_legal_document_register_deduplicates(commune: Commune) -> None:
    first, created = services.legal_document_register(
        actor=None,
        commune=commune,
        doc_type="Chỉ thị",
        number_symbol="33/CT-TTg",
        issued_on=D(2021, 11, 26),
        issuer="Thủ tướng Chính phủ",
    )
    again, created_again = services.legal_document_register(
        actor=None, commune=commune, doc_type="Chỉ thị", number_symbol="33 / CT-TTg"
    )
    named, _ = services.legal_document_register(
        actor=None, commune=commune, doc_type="Luật", name="Luật Khiếu nại"
    )
    assert created
    assert not created_again
    assert again.pk == first.pk
    assert str(first) == "Chỉ thị số 33/CT-TTg ngày 26/11/2021"
    assert str(named) == "Luật Khiếu nại"
    with pytest.raises(ValidationError):
        services.legal_document_register(actor=None, commune=commune)


def test_make_user_fixture_roles(make_user: Callable[..., User]) -> None:
    assert make_user(Role.RECEPTION_OFFICER).memberships.get().role == Role.RECEPTION_OFFICER
