"""Tests for the Decree 30/2020 document parser (pure Python: no database, no Django settings)."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.documents.parsing import (
    MAX_BYTES,
    DocumentParseError,
    ParsedDocument,
    SectionNode,
    extract_text,
    parse_docx,
    parse_text,
)
from danvan.documents.parsing.document import NOT_A_DOCUMENT_MESSAGE, UNEXPECTED_MESSAGE

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"
FOUNDING_NAME = "ctr-dan-van-2026-an-quang.txt"
FOUNDING_FIXTURE = HERE.parent / "fixtures" / FOUNDING_NAME
# CI places the read-only reference folder beside the clone, as ../shared.
FOUNDING_SHARED = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "documents" / FOUNDING_NAME
)

TOP_LEVEL_KEYS = {
    "issuer",
    "issuer_parent",
    "number_symbol",
    "number",
    "symbol",
    "place",
    "date",
    "doc_type",
    "title",
    "sections",
    "tree",
    "legal_references",
    "recipients",
    "signature",
    "warnings",
}


def read_sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def parse_sample(name: str) -> ParsedDocument:
    return parse_text(read_sample(name))


def flatten(nodes: list[SectionNode]) -> list[SectionNode]:
    result: list[SectionNode] = []
    for node in nodes:
        result.append(node)
        result.extend(flatten(node.children))
    return result


def node(document: ParsedDocument, number: str) -> SectionNode:
    return next(item for item in flatten(document.tree) if item.number == number)


def references(document: ParsedDocument) -> list[tuple[Any, ...]]:
    return [
        (ref["type"], ref["number_symbol"], ref["date"], ref["issuer"], ref["name"])
        for ref in document.to_dict()["legal_references"]
    ]


# --- the founding document ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def founding() -> ParsedDocument:
    return parse_text(FOUNDING_FIXTURE.read_text(encoding="utf-8"))


def test_fixture_is_the_shared_founding_document() -> None:
    if not FOUNDING_SHARED.exists():
        pytest.skip("../shared is not beside this checkout")
    assert FOUNDING_FIXTURE.read_bytes() == FOUNDING_SHARED.read_bytes()


def test_founding_header(founding: ParsedDocument) -> None:
    data = founding.to_dict()
    assert data["issuer"] is None  # the header lines were lost in the copy
    assert data["issuer_parent"] is None
    assert data["number_symbol"] == "/CTr-UBND"
    assert data["number"] is None
    assert data["symbol"] == "CTr-UBND"
    assert data["place"] == "An Quang"
    assert data["date"] == "2026-01-14"
    assert data["doc_type"] == "CHƯƠNG TRÌNH HÀNH ĐỘNG"
    assert data["title"] == "Triển khai, thực hiện công tác Dân vận năm 2026"


def test_founding_sections_and_tree(founding: ParsedDocument) -> None:
    assert founding.to_dict()["sections"] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG THỰC HIỆN",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    assert [(item.number, item.label) for item in flatten(founding.tree)] == [
        ("I", "I."),
        ("I.1", "1."),
        ("I.2", "2."),
        ("II", "II."),
        ("II.1", "1."),
        ("II.2", "2."),
        ("II.3", "3."),
        ("II.4", "4."),
        ("II.5", "5."),
        ("II.6", "6."),
        ("II.7", "7."),
        ("II.8", "8."),
        ("III", "III."),
        ("III.1", "1."),
        ("III.2", "2."),
    ]
    assert node(founding, "I").heading == "MỤC ĐÍCH, YÊU CẦU"
    assert node(founding, "I.1").heading == "Mục đích"
    assert node(founding, "I.2").heading == "Yêu cầu"
    assert (
        node(founding, "III.1").heading == "Các cơ quan, đơn vị, Phòng, Trung tâm trên địa bàn xã"
    )
    assert node(founding, "III.2").heading == "Phòng Văn hoá - Xã hội"
    assert node(founding, "II.1").heading.startswith("Tiếp tục tổ chức quán triệt, cụ thể hóa")
    # Paragraphs of an item: its heading line first, then its unnumbered paragraphs.
    lines_per_item = {item.number: len(item.text.split("\n")) for item in flatten(founding.tree)}
    assert lines_per_item == {
        "I": 1,
        "I.1": 4,
        "I.2": 2,
        "II": 1,
        "II.1": 3,
        "II.2": 1,
        "II.3": 1,
        "II.4": 1,
        "II.5": 2,
        "II.6": 1,
        "II.7": 1,
        "II.8": 1,
        "III": 1,
        "III.1": 5,
        "III.2": 3,
    }
    assert node(founding, "I.1").text.startswith("Mục đích\nNhằm thực hiện có hiệu quả Chỉ thị")


def test_founding_page_break_splits_are_rejoined(founding: ParsedDocument) -> None:
    assert "viên chức, người lao động trong các cơ quan hành chính" in node(founding, "II.4").text
    assert "ngày 27/01/2015 của Ban Thường vụ Thành ủy về “ ban hành" in node(founding, "II.8").text
    assert (
        "Dân vận Đảng ủy và Ủy ban nhân dân xã thống nhất; chỉ đạo" in node(founding, "III.2").text
    )
    # Markdown emphasis left by the copy is gone.
    assert "*" not in json.dumps(founding.to_dict(), ensure_ascii=False)


def test_founding_closing_formula_is_not_part_of_the_last_item(founding: ParsedDocument) -> None:
    assert founding.conclusion == [
        "Trên đây là Chương trình hành động triển khai, thực hiện công tác Dân vận chính quyền "
        "năm 2026 của Ủy ban nhân dân xã; đề nghị các cơ quan, đơn vị nghiêm túc triển khai, "
        "thực hiện./."
    ]
    assert "Trên đây" not in node(founding, "III.2").text
    assert founding.preamble[0].startswith("Triển khai thực hiện Kế hoạch số 13/KH-UBND")


def test_founding_legal_references(founding: ParsedDocument) -> None:
    assert references(founding) == [
        ("Kế hoạch", "13/KH-UBND", "2021-01-13", "UBND xã", None),
        ("Chỉ thị", "33/CT-TTg", "2021-11-26", "Thủ tướng Chính phủ", None),
        ("Chỉ thị", "26/CT-UBND", "2021-12-31", "UBND thành phố", None),
        (
            "Nghị quyết",
            None,
            None,
            None,
            "Nghị quyết Đại hội đại biểu Đảng bộ xã An Quang lần thứ I, nhiệm kỳ 2025 - 2030",
        ),
        ("Chương trình", "01-CTr/BXDD-ĐUUBNDX", "2025-10-20", None, None),
        ("Quyết định", "23-QĐ/TW", "2021-07-30", "Bộ Chính trị", None),
        ("Chỉ thị", "07-CT/TU", "2021-09-08", "Ban Thường vụ Thành ủy", None),
        ("Quyết định", "446-QĐ/TU", "2021-11-26", "Ban Thường vụ Thành ủy", None),
        ("Quyết định", "48/2019/QĐ-UBND", "2019-12-18", "Ủy ban nhân dân thành phố", None),
        ("Luật", None, None, None, "Luật Khiếu nại"),
        ("Luật", None, None, None, "Luật Tố cáo"),
        ("Luật", None, None, None, "Luật Tiếp cận thông tin"),
        ("Quyết định", "1738-QĐ/TU", "2015-01-27", "Ban Thường vụ Thành ủy", None),
        ("Quyết định", "217-QĐ/TW", "2013-12-12", "Bộ Chính trị", None),
        ("Quyết định", "218-QĐ/TW", "2013-12-12", "Bộ Chính trị", None),
        ("Quyết định", "124-QĐ/TW", "2018-02-02", "Ban Bí thư Trung ương", None),
        ("Quyết định", "1737-QĐ/TU", "2015-01-27", "Ban Thường vụ Thành ủy", None),
    ]
    raws = [ref.raw for ref in founding.legal_references]
    assert raws[0] == "Kế hoạch số 13/KH-UBND ngày 13/01/2021 của UBND xã"
    assert raws[5] == "Quyết định số 23/QĐ/TW ngày 30/7/2021 của Bộ Chính trị"
    assert raws[15] == "Quyết định số 124QĐ/TW ngày 02/02/2018 của Ban Bí thư Trung ương"
    assert raws[9] == "Luật Khiếu nại"


def test_founding_recipients_and_signature(founding: ParsedDocument) -> None:
    data = founding.to_dict()
    assert data["recipients"] == [
        "Sở Nội vụ",
        "TTĐU, TTHĐND",
        "CT, các PCT UBND",
        "Các phòng, ĐVSN trực thuộc",
        "Các thôn",
        "Lưu: VT, VHXX",
    ]
    assert data["signature"] == {
        "authority_prefix": "TM.",
        "authority_lines": ["TM. ỦY BAN NHÂN DÂN"],
        "role": "CHỦ TỊCH",
        "name": "Nguyễn Quốc Thịnh",
    }


def test_founding_warnings(founding: ParsedDocument) -> None:
    assert founding.warning_codes == [
        "missing_issuer",
        "missing_national_motto",
        "number_blank",
        "reference_year_mismatch",
        "malformed_reference_symbol",
        "malformed_reference_symbol",
    ]
    messages = [warning.message for warning in founding.warnings]
    assert "Văn bản chưa được cấp số" in messages[2]
    assert "Kế hoạch số 13/KH-UBND ghi ngày 13/01/2021" in messages[3]
    assert "năm 2026" in messages[3]
    assert "“23/QĐ/TW”" in messages[4]
    assert "“23-QĐ/TW”" in messages[4]
    assert "“124QĐ/TW”" in messages[5]
    assert "“124-QĐ/TW”" in messages[5]


def test_to_dict_shape_and_json(founding: ParsedDocument) -> None:
    data = founding.to_dict()
    assert set(data) == TOP_LEVEL_KEYS
    assert set(data["tree"][0]) == {"number", "label", "heading", "text", "children"}
    assert set(data["legal_references"][0]) == {
        "type",
        "number_symbol",
        "date",
        "issuer",
        "name",
        "raw",
    }
    assert set(data["warnings"][0]) == {"code", "message"}
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_founding_survives_nfd_and_crlf() -> None:
    text = FOUNDING_FIXTURE.read_text(encoding="utf-8")
    mangled = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    assert parse_text(mangled).to_dict() == parse_text(text).to_dict()


# --- other documents written for the tests ------------------------------------------------------


def test_plan_with_full_two_column_header() -> None:
    document = parse_sample("ke-hoach-doi-thoai-2026.txt")
    data = document.to_dict()
    assert data["issuer_parent"] == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
    assert data["issuer"] == "PHÒNG VĂN HÓA - XÃ HỘI"
    assert (data["number_symbol"], data["number"], data["symbol"]) == (
        "05/KH-VHXH",
        "05",
        "KH-VHXH",
    )
    assert (data["place"], data["date"]) == ("An Quang", "2026-02-09")
    assert data["doc_type"] == "KẾ HOẠCH"
    assert data["title"] == (
        "Tổ chức Hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân xã với Nhân dân năm 2026"
    )
    assert data["sections"] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. KINH PHÍ",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]
    assert [(item.number, item.label) for item in flatten(document.tree)] == [
        ("I", "I."),
        ("I.1", "1."),
        ("I.1.a", "a)"),
        ("I.1.b", "b)"),
        ("I.2", "2."),
        ("II", "II."),
        ("II.1", "1."),
        ("II.1.1", "1.1."),
        ("II.1.2", "1.2."),
        ("II.2", "2."),
        ("III", "III."),
        ("IV", "IV."),
    ]
    # A hard-wrapped line is re-joined into its item.
    assert node(document, "I.1.b").text == (
        "Kịp thời giải thích, trả lời những kiến nghị chính đáng của Nhân dân; tăng cường "
        "mối quan hệ gắn bó giữa chính quyền và Nhân dân."
    )
    assert node(document, "II.1.1").heading == "Thời gian: 01 buổi, dự kiến trong tháng 3 năm 2026."
    assert references(document) == [
        ("Luật", None, None, None, "Luật Thực hiện dân chủ ở cơ sở năm 2022"),
        ("Luật", "42/2013/QH13", "2013-11-25", None, "Luật Tiếp công dân"),
        ("Chương trình", "02/CTr-UBND", "2026-01-14", "Ủy ban nhân dân xã", None),
    ]
    assert data["recipients"] == ["UBND xã (để b/c)", "Các thôn", "Lưu: VT, VHXH"]
    assert data["signature"] == {
        "authority_prefix": None,
        "authority_lines": [],
        "role": "TRƯỞNG PHÒNG",
        "name": "Phạm Thị Hoa",
    }
    assert data["warnings"] == []


def test_decision_signed_by_deputy_for_the_committee() -> None:
    document = parse_sample("quyet-dinh-to-cong-tac-dan-van.txt")
    data = document.to_dict()
    # "ỦY BAN NHÂN DÂN" / "XÃ AN QUANG" is one name set on two lines, not parent and child.
    assert data["issuer"] == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
    assert data["issuer_parent"] is None
    assert (data["number_symbol"], data["number"], data["symbol"]) == (
        "27/QĐ-UBND",
        "27",
        "QĐ-UBND",
    )
    assert data["date"] == "2026-03-05"
    assert data["doc_type"] == "QUYẾT ĐỊNH"
    assert data["title"] == "Về việc thành lập Tổ công tác Dân vận chính quyền xã năm 2026"
    assert data["sections"] == [
        "Điều 1. Thành lập Tổ công tác Dân vận chính quyền xã năm 2026, gồm các ông (bà) có tên sau:",
        "Điều 2. Nhiệm vụ của Tổ công tác:",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    assert [item.number for item in flatten(document.tree)] == [
        "Điều 1",
        "Điều 1.1",
        "Điều 1.2",
        "Điều 1.3",
        "Điều 2",
        "Điều 2.a",
        "Điều 2.b",
        "Điều 3",
    ]
    # In a decision the closing sentence belongs to the last article.
    assert node(document, "Điều 3").text.endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert document.conclusion == []
    assert document.preamble[0] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN QUANG"
    assert document.preamble[-1] == "QUYẾT ĐỊNH:"
    assert references(document) == [
        ("Luật", None, "2025-06-16", None, "Luật Tổ chức chính quyền địa phương"),
        ("Nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ", None),
        ("Quyết định", "23-QĐ/TW", "2021-07-30", "Bộ Chính trị", None),
        ("Chương trình", "02/CTr-UBND", "2026-01-14", "Ủy ban nhân dân xã", None),
    ]
    assert data["recipients"] == [
        "Như Điều 3",
        "TT Đảng ủy, TT HĐND xã",
        "CT, các PCT UBND xã",
        "Lưu: VT, VHXH",
    ]
    assert data["signature"] == {
        "authority_prefix": "KT.",
        "authority_lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
        "role": "PHÓ CHỦ TỊCH",
        "name": "Trần Văn Bình",
    }
    assert data["warnings"] == []


def test_official_letter() -> None:
    document = parse_sample("cong-van-dan-van-kheo.txt")
    data = document.to_dict()
    assert data["issuer"] == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
    assert data["issuer_parent"] is None
    assert (data["number_symbol"], data["number"], data["symbol"]) == (
        "135/UBND-VHXH",
        "135",
        "UBND-VHXH",
    )
    assert (data["place"], data["date"]) == ("An Quang", "2026-04-20")
    assert data["doc_type"] is None
    assert data["title"] == "V/v triển khai phong trào thi đua “Dân vận khéo” năm 2026"
    assert [section[:3] for section in data["sections"]] == ["1. ", "2. ", "3. "]
    assert [item.number for item in flatten(document.tree)] == ["1", "2", "3"]
    assert document.preamble[:3] == [
        "Kính gửi:",
        "- Các cơ quan, đơn vị trên địa bàn xã;",
        "- Trưởng các thôn.",
    ]
    assert document.conclusion == [
        "Ủy ban nhân dân xã đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."
    ]
    assert references(document) == [
        ("Kế hoạch", "05/KH-VHXH", "2026-02-09", "Phòng Văn hóa - Xã hội", None),
        ("Quyết định", "27/QĐ-UBND", "2026-03-05", "Ủy ban nhân dân xã", None),
    ]
    assert data["recipients"] == ["Như trên", "CT, các PCT UBND xã", "Lưu: VT, VHXH"]
    assert data["signature"] == {
        "authority_prefix": "KT.",
        "authority_lines": ["KT. CHỦ TỊCH"],
        "role": "PHÓ CHỦ TỊCH",
        "name": "Trần Văn Bình",
    }
    assert data["warnings"] == []


def test_report_with_laws_by_name_and_citation_typos() -> None:
    document = parse_sample("bao-cao-dan-van-quy-i-2026.txt")
    data = document.to_dict()
    assert data["issuer"] == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
    assert (data["number_symbol"], data["number"], data["symbol"]) == (
        "12/BC-UBND",
        "12",
        "BC-UBND",
    )
    assert data["date"] == "2026-04-08"
    assert data["doc_type"] == "BÁO CÁO"
    assert data["title"] == "Kết quả thực hiện công tác Dân vận chính quyền quý I năm 2026"
    assert data["sections"] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2026",
    ]
    assert [item.number for item in flatten(document.tree)] == [
        "I",
        "I.1",
        "I.2",
        "I.3",
        "II",
        "III",
        "III.a",
        "III.b",
    ]
    assert references(document) == [
        ("Chương trình", "02/CTr-UBND", "2026-01-14", "Ủy ban nhân dân xã", None),
        ("Chỉ thị", "46-CT/TW", "2021-09-08", "Ban Bí thư", None),
        ("Chỉ thị", "07-CT/TU", "2021-09-08", "Ban Thường vụ Thành ủy", None),
        ("Quyết định", "217-QĐ/TW", "2013-12-12", "Bộ Chính trị", None),
        ("Quyết định", "218-QĐ/TW", "2013-12-12", "Bộ Chính trị", None),
        ("Luật", None, None, None, "Luật Tiếp công dân"),
        ("Luật", None, None, None, "Luật Khiếu nại"),
        ("Luật", None, None, None, "Luật Tố cáo 2018"),
        ("Quyết định", "124-QĐ/TW", "2018-02-02", "Ban Bí thư Trung ương", None),
        ("Kế hoạch", "05/KH-VHXH", "2026-02-09", "Phòng Văn hóa - Xã hội", None),
        ("Công văn", "140/UBND-VHXH", "2026-05-20", "Ủy ban nhân dân xã", None),
        ("Luật", None, None, None, "Luật Thực hiện dân chủ ở cơ sở năm 2022"),
    ]
    raws = {ref.number_symbol: ref.raw for ref in document.legal_references}
    assert raws["46-CT/TW"] == ("Chỉ thị số số 46 - CT/TW ngày 08 tháng 9 năm 2021 của Ban Bí thư")
    # Both documents of a shared citation carry its text; the wrapped line is joined.
    assert (
        raws["217-QĐ/TW"]
        == raws["218-QĐ/TW"]
        == ("Quyết định số 217-QĐ/TW và 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị")
    )
    assert raws["05/KH-VHXH"] == (
        "Kế hoạch số 05/KH-VHXH ngày 09/02/2026 của Phòng Văn hóa - Xã hội"
    )
    assert data["recipients"] == ["Ban Dân vận Thành ủy", "TT Đảng ủy, TT HĐND xã", "Lưu: VT, VHXH"]
    assert data["signature"] == {
        "authority_prefix": "TM.",
        "authority_lines": ["TM. ỦY BAN NHÂN DÂN"],
        "role": "CHỦ TỊCH",
        "name": "Nguyễn Quốc Thịnh",
    }
    assert document.warning_codes == [
        "repeated_word",
        "malformed_reference_symbol",
        "reference_date_after_document",
    ]
    assert "Công văn số 140/UBND-VHXH ghi ngày 20/05/2026" in document.warnings[2].message
    assert "08/04/2026" in document.warnings[2].message


def test_notice_with_format_slips() -> None:
    document = parse_sample("thong-bao-lich-tiep-cong-dan.txt")
    data = document.to_dict()
    assert data["doc_type"] == "THÔNG BÁO"
    assert (data["number_symbol"], data["number"], data["symbol"]) == ("3/KH-UBND", "3", "KH-UBND")
    assert data["date"] == "2026-01-05"
    assert document.has_national_motto  # old tone placement "HOÀ" and en dashes still count
    assert data["signature"] == {
        "authority_prefix": None,
        "authority_lines": [],
        "role": "CHỦ TỊCH",
        "name": "Nguyễn Quốc Thịnh",
    }
    assert document.warning_codes == [
        "number_not_padded",
        "symbol_type_mismatch",
        "date_not_padded",
    ]
    assert "“TB”" in document.warnings[1].message


def test_missing_pieces_are_null_not_invented() -> None:
    text = "KẾ HOẠCH\nTuyên truyền năm 2026\n\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n"
    data = parse_text(text).to_dict()
    assert data["issuer"] is None
    for key in ("issuer_parent", "number_symbol", "number", "symbol", "place", "date"):
        assert data[key] is None, key
    assert data["recipients"] == []
    assert data["signature"] is None
    assert data["sections"] == ["I. MỤC ĐÍCH"]
    assert [w["code"] for w in data["warnings"]] == [
        "missing_issuer",
        "missing_national_motto",
        "missing_number_symbol",
        "missing_date",
        "missing_recipients",
        "missing_signature",
    ]


def test_reference_date_variants_and_dedup() -> None:
    text = (
        "Số: 01/KH-UBND\nAn Quang, ngày 02 tháng 01 năm 2026\nKẾ HOẠCH\nThử nghiệm\n\n"
        "1. Theo Chỉ thị số 07-CT/TU ngày 08 tháng 9 năm 2021; Chỉ thị số 07-CT/TU ngày "
        "09/9/2021; Nghị định 30/2020/NĐ-CP ngày 31/02/2020.\n"
    )
    document = parse_text(text)
    assert references(document) == [
        ("Chỉ thị", "07-CT/TU", "2021-09-08", None, None),
        ("Nghị định", "30/2020/NĐ-CP", None, None, None),
    ]
    assert "reference_date_conflict" in document.warning_codes
    assert "invalid_reference_date" in document.warning_codes


# --- .docx ----------------------------------------------------------------------------------------


def build_docx() -> bytes:
    document = Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    header.cell(0, 0).add_paragraph("XÃ AN QUANG")
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    header.cell(1, 0).text = "Số: 12/BC-UBND"
    header.cell(1, 1).text = "An Quang, ngày 08 tháng 4 năm 2026"
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Kết quả thực hiện công tác Dân vận quý I năm 2026")
    document.add_paragraph("I. KẾT QUẢ")
    document.add_paragraph(
        "1. Trong quý, Ủy ban nhân dân xã đã tổ chức quán triệt, tuyên truyền sâu rộng Chỉ thị "
        "số 33/CT-TTg ngày 26/11/2021 của Thủ tướng"
    )
    # The rest of the sentence was pushed onto the next page as a separate paragraph.
    document.add_paragraph("Chính phủ và Luật Khiếu nại đến cán bộ, công chức.")
    document.add_paragraph("2. Công tác tiếp công dân của")
    document.add_paragraph("Ủy ban nhân dân xã được duy trì.")
    notes = document.add_table(rows=1, cols=2)
    merged = notes.cell(0, 0).merge(notes.cell(0, 1))
    merged.text = "Số liệu tính đến ngày 31/3/2026."
    document.add_paragraph("II. PHƯƠNG HƯỚNG")
    document.add_paragraph("Tiếp tục thực hiện./.")
    closing = document.add_table(rows=1, cols=2)
    closing.cell(0, 0).text = "Nơi nhận:"
    closing.cell(0, 0).add_paragraph("- Sở Nội vụ;")
    closing.cell(0, 0).add_paragraph("- Lưu: VT, VHXH.")
    closing.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN"
    for line in ("CHỦ TỊCH", "", "Nguyễn Quốc Thịnh"):
        closing.cell(0, 1).add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_parse_docx_with_header_and_closing_tables() -> None:
    data = parse_docx(build_docx()).to_dict()
    assert data["issuer"] == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
    assert data["issuer_parent"] is None
    assert data["number_symbol"] == "12/BC-UBND"
    assert (data["place"], data["date"]) == ("An Quang", "2026-04-08")
    assert data["doc_type"] == "BÁO CÁO"
    assert data["title"] == "Kết quả thực hiện công tác Dân vận quý I năm 2026"
    assert data["sections"] == ["I. KẾT QUẢ", "II. PHƯƠNG HƯỚNG"]
    first, second = data["tree"][0]["children"]
    assert first["number"] == "I.1"
    assert first["text"] == (
        "Trong quý, Ủy ban nhân dân xã đã tổ chức quán triệt, tuyên truyền sâu rộng Chỉ thị "
        "số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ và Luật Khiếu nại đến cán bộ, "
        "công chức."
    )
    assert second["text"] == (
        "Công tác tiếp công dân của Ủy ban nhân dân xã được duy trì.\n"
        "Số liệu tính đến ngày 31/3/2026."
    )
    assert [(r["number_symbol"], r["issuer"], r["name"]) for r in data["legal_references"]] == [
        ("33/CT-TTg", "Thủ tướng Chính phủ", None),
        (None, None, "Luật Khiếu nại"),
    ]
    assert data["recipients"] == ["Sở Nội vụ", "Lưu: VT, VHXH"]
    assert data["signature"] == {
        "authority_prefix": "TM.",
        "authority_lines": ["TM. ỦY BAN NHÂN DÂN"],
        "role": "CHỦ TỊCH",
        "name": "Nguyễn Quốc Thịnh",
    }
    assert data["warnings"] == []


def test_extract_text_from_docx_keeps_document_order_and_reads_merged_cells_once() -> None:
    lines = [line for line in extract_text("bao-cao.docx", build_docx()).split("\n") if line]
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ AN QUANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BC-UBND",
        "An Quang, ngày 08 tháng 4 năm 2026",
    ]
    assert lines.count("Số liệu tính đến ngày 31/3/2026.") == 1
    assert lines[-1] == "Nguyễn Quốc Thịnh"


@pytest.mark.parametrize(
    "data",
    [
        b"not a zip at all",
        b"PK\x03\x04broken zip",
        b"%PDF-1.7\n",
        b"\x00" * 100,
        b"",
    ],
)
def test_parse_docx_rejects_invalid_files(data: bytes) -> None:
    with pytest.raises(DocumentParseError, match=r"^Tệp không phải \.docx hợp lệ"):
        parse_docx(data)


def test_parse_docx_rejects_a_zip_that_is_not_a_word_document() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(DocumentParseError, match=r"^Tệp không phải \.docx hợp lệ"):
        parse_docx(buffer.getvalue())


def test_parse_docx_rejects_oversized_input() -> None:
    with pytest.raises(DocumentParseError, match="5 MB"):
        parse_docx(b"PK\x03\x04" + b"\x00" * MAX_BYTES)


# --- plain-text files -------------------------------------------------------------------------------


def to_cp1258(text: str) -> bytes:
    """Windows-1258 stores the five tone marks as combining characters after the base letter."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        out.append(base + "".join(p for p in parts if p in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    ("filename", "encode"),
    [
        ("ctr.txt", lambda text: text.encode("utf-8")),
        ("ctr.txt", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("ctr.txt", lambda text: text.encode("utf-16")),
        ("ctr.txt", lambda text: text.encode("utf-16-le")),
        ("ctr.txt", lambda text: text.encode("utf-16-be")),
        ("CTR.TXT", to_cp1258),
        ("ctr", lambda text: text.encode("utf-8")),
    ],
)
def test_extract_text_decodes_common_encodings(filename: str, encode: Any) -> None:
    text = FOUNDING_FIXTURE.read_text(encoding="utf-8")
    extracted = extract_text(filename, encode(text))
    assert extracted == text
    assert parse_text(extracted).date == dt.date(2026, 1, 14)


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("van-ban.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "Chưa hỗ trợ tệp PDF"),
        ("van-ban.txt", b"%PDF-1.4 disguised", "Chưa hỗ trợ tệp PDF"),
        ("van-ban.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, r"\(\.doc\)"),
        ("mat-khau.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "mật khẩu"),
        ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "nhị phân"),
        ("rac.txt", bytes(range(256)) * 4, "nhị phân"),
        ("van-ban.txt", b"", "Tệp trống"),
        ("bang.xlsx", b"abc", "Chưa hỗ trợ loại tệp “.xlsx”"),
        (
            "van-ban.txt",
            b"a" * (MAX_BYTES + 1),
            r"^Tệp quá lớn \(5,0 MB\); chỉ nhận tệp tối đa 5 MB\.$",
        ),
        ("hong.docx", b"this is not a zip", r"Tệp không phải \.docx hợp lệ"),
    ],
)
def test_extract_text_rejects_bad_files(filename: str, data: bytes, message: str) -> None:
    with pytest.raises(DocumentParseError, match=message):
        extract_text(filename, data)


def test_pdf_message_is_the_documented_one() -> None:
    with pytest.raises(DocumentParseError) as error:
        extract_text("x.pdf", b"%PDF-1.5")
    assert str(error.value) == (
        "Chưa hỗ trợ tệp PDF; hãy dán nội dung văn bản hoặc tải tệp .docx/.txt."
    )


# --- text that is not a document ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t  \n"])
def test_parse_text_rejects_empty_text(text: str) -> None:
    with pytest.raises(DocumentParseError) as error:
        parse_text(text)
    assert str(error.value) == "Văn bản trống."


def test_parse_text_rejects_text_without_any_document_part() -> None:
    prose = (
        "Hôm nay trời đẹp. Chúng tôi đi dạo trong công viên và ăn kem.\n"
        "Buổi chiều cả nhà về quê thăm ông bà, ăn cơm tối rồi đi ngủ sớm.\n"
    )
    with pytest.raises(DocumentParseError) as error:
        parse_text(prose)
    assert str(error.value) == NOT_A_DOCUMENT_MESSAGE


_FRAGMENTS = [
    *FOUNDING_FIXTURE.read_text(encoding="utf-8").split("\n")[:40],
    "Số: 12/BC-UBND\tAn Quang, ngày 08 tháng 4 năm 2026",
    "Số:",
    "Số: 0/",
    "ngày  tháng  năm ",
    "V/v",
    "Điều 1.",
    "I.",
    "a)",
    "1.1.",
    "Nơi nhận:",
    "- ",
    "KT. CHỦ TỊCH",
    "TM.",
    "Luật",
    "Quyết định số 9999/",
    "Chỉ thị số số 46 - CT/TW ngày 99/99/9999 của",
    "Nghị quyết Đại hội, nhiệm kỳ 2025 - 2030",
    "./.",
    "**",
    "\t\t",
    "٣/٣/٣٣٣٣",
]


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.one_of(
        st.text(),
        st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("\n".join),
        st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=30)), max_size=30).map(
            " ".join
        ),
    )
)
def test_parse_text_returns_or_raises_document_parse_error(text: str) -> None:
    try:
        result = parse_text(text)
    except DocumentParseError as error:
        message = str(error)
    else:
        json.dumps(result.to_dict(), ensure_ascii=False)
        return
    # Only the errors meant for the user, never the safety net for an internal bug.
    assert message != UNEXPECTED_MESSAGE


# --- layout variants --------------------------------------------------------------------------------


def test_header_columns_merged_without_separators() -> None:
    text = (
        "ỦY BAN NHÂN DÂN XÃ AN QUANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/BC-UBND An Quang, ngày 08 tháng 4 năm 2026\n"
        "BÁO CÁO Kết quả quý I năm 2026\n"
        "I. KẾT QUẢ\nĐạt yêu cầu./.\n"
        "Nơi nhận:\n- Lưu: VT.\nQ. CHỦ TỊCH\nLê Văn Cường\n"
    )
    document = parse_text(text)
    data = document.to_dict()
    assert data["issuer"] == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
    assert data["number_symbol"] == "12/BC-UBND"
    assert (data["place"], data["date"]) == ("An Quang", "2026-04-08")
    assert (data["doc_type"], data["title"]) == ("BÁO CÁO", "Kết quả quý I năm 2026")
    assert data["signature"] == {
        "authority_prefix": "Q.",
        "authority_lines": ["Q. CHỦ TỊCH"],
        "role": "CHỦ TỊCH",
        "name": "Lê Văn Cường",
    }
    assert document.warnings == []


def test_blank_number_and_day_left_as_wide_gaps() -> None:
    text = (
        "ỦY BAN NHÂN DÂN XÃ AN QUANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số:        /KH-UBND\tAn Quang, ngày      tháng 01 năm 2026\n"
        "KẾ HOẠCH\nTuyên truyền năm 2026\n\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n"
    )
    document = parse_text(text)
    assert (document.number_symbol, document.number, document.symbol) == (
        "/KH-UBND",
        None,
        "KH-UBND",
    )
    assert (document.place, document.date) == ("An Quang", None)
    assert document.warning_codes[:2] == ["number_blank", "date_blank"]


def test_official_letter_copied_cell_by_cell() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ AN QUANG\nSố: 135/UBND-VHXH\nV/v triển khai phong trào\n"
        "thi đua năm 2026\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "An Quang, ngày 20 tháng 4 năm 2026\n"
        "Kính gửi: Các thôn.\n"
        "Thực hiện Hiến pháp năm 2013 và Luật Phòng, chống tham nhũng năm 2018, đề nghị:\n"
        "1. Tuyên truyền.\n2. Báo cáo kết quả.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n"
    )
    document = parse_text(text)
    assert document.issuer == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
    assert document.title == "V/v triển khai phong trào thi đua năm 2026"
    assert document.date == dt.date(2026, 4, 20)
    assert document.has_national_motto
    assert document.preamble[0] == "Kính gửi: Các thôn."
    assert [ref.name for ref in document.legal_references] == [
        "Hiến pháp năm 2013",
        "Luật Phòng, chống tham nhũng năm 2018",
    ]
    assert document.warnings == []


def test_party_document_conventions() -> None:
    text = (
        "ĐẢNG BỘ XÃ AN QUANG\tĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY\n"
        "Số 15-KH/ĐU\tAn Quang, ngày 03 tháng 3 năm 2026\n"
        "KẾ HOẠCH\nThực hiện Nghị quyết số 12-NQ/ĐU ngày 01/02/2027 của Đảng ủy xã\n\n"
        "I. MỤC ĐÍCH\nThực hiện Quyết định số 12/QĐ-UBND ngày 31/02/2026.\n"
        "Nơi nhận:\n- Lưu VP.\nT/M ĐẢNG ỦY\nBÍ THƯ\nNguyễn Văn An\n"
    )
    document = parse_text(text)
    assert (document.issuer_parent, document.issuer) == ("ĐẢNG BỘ XÃ AN QUANG", "ĐẢNG ỦY")
    assert (document.number_symbol, document.number, document.symbol) == (
        "15-KH/ĐU",
        "15",
        "KH/ĐU",
    )
    assert document.signature is not None
    assert document.signature.authority_prefix == "TM."
    assert document.signature.authority_lines == ["T/M ĐẢNG ỦY"]
    assert document.warning_codes == ["reference_date_after_document", "invalid_reference_date"]


def test_page_numbers_and_wrapped_recipients() -> None:
    text = (
        "Số: 02/KH-UBND\nAn Quang, ngày 10 tháng 02 năm 2026\nKẾ HOẠCH\nSơ kết quý I\n\n"
        "1. Mục đích\nSơ kết việc thực hiện công tác dân vận của các cơ quan, đơn vị trên địa bàn\n"
        "- 2 -\nxã trong quý I.\n2. Yêu cầu\nĐúng hạn./.\n"
        "Nơi nhận:\n- Các phòng, đơn vị trực\nthuộc;\n- Lưu: VT.\n"
        "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Văn Cường\n"
    )
    document = parse_text(text)
    assert node(document, "1").text == (
        "Mục đích\nSơ kết việc thực hiện công tác dân vận của các cơ quan, đơn vị trên địa bàn "
        "xã trong quý I."
    )
    assert document.recipients == ["Các phòng, đơn vị trực thuộc", "Lưu: VT"]
    assert document.signature is not None
    assert (document.signature.authority_prefix, document.signature.role) == (
        "TL.",
        "CHÁNH VĂN PHÒNG",
    )


def test_content_phrases_that_look_like_structure() -> None:
    text = (
        "Số: 05/TB-UBND\nAn Quang, ngày 05 tháng 01 năm 2026\nTHÔNG BÁO\nTiếp nhận hồ sơ\n\n"
        "1.Thời gian: từ ngày 06/01/2026.\n"
        "2. Nơi nhận hồ sơ: Bộ phận Một cửa xã.\n"
        "1.5 triệu đồng được hỗ trợ cho mỗi hồ sơ.\n"
        "3. Liên hệ: Văn phòng./.\n\n"
        "Nơi nhận: - Các thôn;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Quốc Thịnh"
    )
    document = parse_text(text)
    assert document.sections == [
        "1. Thời gian: từ ngày 06/01/2026.",
        "2. Nơi nhận hồ sơ: Bộ phận Một cửa xã.",
        "3. Liên hệ: Văn phòng./.",
    ]
    assert node(document, "2").text.endswith("\n1.5 triệu đồng được hỗ trợ cho mỗi hồ sơ.")
    assert document.recipients == ["Các thôn", "Lưu: VT"]
    assert document.signature is not None
    assert document.signature.name == "Nguyễn Quốc Thịnh"


def test_founding_document_as_docx_parses_like_the_text() -> None:
    text = FOUNDING_FIXTURE.read_text(encoding="utf-8")
    document = Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    assert parse_docx(buffer.getvalue()).to_dict() == parse_text(text).to_dict()
