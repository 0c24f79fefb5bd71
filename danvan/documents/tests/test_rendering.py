"""Tests of the official-document renderer (Nghị định 30/2020/NĐ-CP, DOMAIN.md §11).

Pure Python: no database and no Django settings are needed
(``pytest danvan/documents/tests/test_rendering.py -p no:django``). The PDF text checks use
``pdftotext``/``pdffonts`` from poppler-utils and are skipped when it is not installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from danvan.documents.rendering import (
    ALLOWED_AUTHORITY_PREFIXES,
    QUOC_HIEU,
    TIEU_NGU,
    DocumentSpec,
    Heading,
    Paragraph,
    Signature,
    Table,
    authority_prefix,
    build_recipients,
    format_date_long,
    format_date_short,
    format_place_date,
    number_symbol,
    render_docx,
    render_html,
    render_pdf,
)
from danvan.documents.rendering.sample import sample_report_spec

HAS_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
needs_poppler = pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils (pdftotext) missing")


# --------------------------------------------------------------------------- fixtures/helpers


def _cong_van_spec() -> DocumentSpec:
    return DocumentSpec(
        issuer_lines=["ỦY BAN NHÂN DÂN", "XÃ AN QUANG"],
        number=135,
        symbol="UBND-VHXH",
        place="An Quang",
        issued_on=date(2026, 3, 5),
        is_cong_van=True,
        title="triển khai phong trào thi đua “Dân vận khéo” năm 2026",
        recipients_to=["Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Các thôn trên địa bàn xã"],
        body=[Paragraph("Ủy ban nhân dân xã đề nghị các đơn vị triển khai thực hiện./.")],
        signature=Signature(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Thị Hòa"),
        recipients=["Lưu: VT, VHXH", "TTĐU (để b/c)"],
    )


def _draft_spec() -> DocumentSpec:
    return replace(sample_report_spec(), number=None, issued_on=None, year=2026)


def _long_spec() -> DocumentSpec:
    text = (
        "Ủy ban nhân dân xã tiếp tục chỉ đạo các thôn thực hiện tốt công tác dân vận chính "
        "quyền, gắn với cải cách hành chính và thực hiện dân chủ ở cơ sở. "
    ) * 3
    body = [Heading(1, "I. Nội dung")] + [Paragraph(text) for _ in range(20)]
    return replace(sample_report_spec(), body=body)


def _open_docx(spec: DocumentSpec) -> DocxDocument:
    return Document(io.BytesIO(render_docx(spec)))


def _size(paragraph: DocxParagraph) -> float:
    sizes = {run.font.size.pt for run in paragraph.runs if run.font.size is not None}
    assert len(sizes) == 1, (paragraph.text, sizes)
    return sizes.pop()


def _bold(paragraph: DocxParagraph) -> bool:
    values = {bool(run.font.bold) for run in paragraph.runs}
    assert len(values) == 1, paragraph.text
    return values.pop()


def _italic(paragraph: DocxParagraph) -> bool:
    values = {bool(run.font.italic) for run in paragraph.runs}
    assert len(values) == 1, paragraph.text
    return values.pop()


def _style(paragraph: DocxParagraph) -> tuple[float, bool, bool]:
    return _size(paragraph), _bold(paragraph), _italic(paragraph)


def _find(paragraphs: list[DocxParagraph], text: str) -> DocxParagraph:
    matches = [p for p in paragraphs if p.text == text]
    assert matches, f"{text!r} not in {[p.text for p in paragraphs]}"
    return matches[0]


def _has_bottom_rule(paragraph: DocxParagraph) -> bool:
    p_pr = paragraph._p.pPr
    if p_pr is None:
        return False
    bottom = p_pr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    return bottom is not None and bottom.get(qn("w:val")) == "single" and not paragraph.text


def _next(paragraphs: list[DocxParagraph], paragraph: DocxParagraph) -> DocxParagraph:
    index = [p._p for p in paragraphs].index(paragraph._p)
    return paragraphs[index + 1]


def _header_table(document: DocxDocument) -> DocxTable:
    return document.tables[0]


def _signature_table(document: DocxDocument) -> DocxTable:
    return document.tables[-1]


def _all_paragraphs(document: DocxDocument) -> list[DocxParagraph]:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return paragraphs


def _pdftotext(pdf: bytes, tmp_path: Path, *, page: int | None = None, layout: bool = False) -> str:
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    command = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        command.append("-layout")
    if page is not None:
        command += ["-f", str(page), "-l", str(page)]
    command += [str(source), "-"]
    result = subprocess.run(command, check=True, capture_output=True)
    return unicodedata.normalize("NFC", result.stdout.decode("utf-8"))


def _flat(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (date(2026, 1, 14), "ngày 14 tháng 01 năm 2026"),
        (date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
        (date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (date(2026, 9, 30), "ngày 30 tháng 9 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
        (date(2026, 11, 24), "ngày 24 tháng 11 năm 2026"),
    ],
)
def test_format_date_long_pads_day_and_only_months_1_and_2(day: date, expected: str) -> None:
    assert format_date_long(day) == expected


def test_format_place_date_has_comma_after_place() -> None:
    assert format_place_date("An Quang", date(2026, 1, 14)) == "An Quang, ngày 14 tháng 01 năm 2026"


def test_format_place_date_draft_leaves_blanks_and_prints_year() -> None:
    assert format_place_date("An Quang", None, year=2026) == "An Quang, ngày     tháng     năm 2026"


def test_format_place_date_rejects_empty_place() -> None:
    with pytest.raises(ValueError, match="Địa danh"):
        format_place_date("  ", date(2026, 1, 14))


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 1, 14), "14/01/2026"), (date(2026, 3, 5), "05/03/2026")],
)
def test_format_date_short(day: date, expected: str) -> None:
    assert format_date_short(day) == expected


# --------------------------------------------------------------------------- số, ký hiệu


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (1, "BC-UBND", "01/BC-UBND"),
        (9, "KH-UBND", "09/KH-UBND"),
        (12, "BC-UBND", "12/BC-UBND"),
        (135, "UBND-VHXH", "135/UBND-VHXH"),
        (20, "QĐ-UBND", "20/QĐ-UBND"),
        (None, "BC-UBND", "     /BC-UBND"),
    ],
)
def test_number_symbol(number: int | None, symbol: str, expected: str) -> None:
    assert number_symbol(number, symbol) == expected


@pytest.mark.parametrize(("number", "symbol"), [(0, "BC-UBND"), (-3, "BC-UBND"), (1, "BC UBND")])
def test_number_symbol_rejects_invalid(number: int, symbol: str) -> None:
    with pytest.raises(ValueError, match="văn bản"):
        number_symbol(number, symbol)


# --------------------------------------------------------------------------- signing authority


@pytest.mark.parametrize("prefix", ALLOWED_AUTHORITY_PREFIXES)
def test_authority_prefix_accepts_allowed(prefix: str) -> None:
    assert authority_prefix(f"{prefix} CHỦ TỊCH") == prefix


@pytest.mark.parametrize("line", ["CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC"])
def test_authority_prefix_none_without_prefix(line: str) -> None:
    assert authority_prefix(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "T/M ỦY BAN NHÂN DÂN",
        "K.T. CHỦ TỊCH",
        "tm. ỦY BAN NHÂN DÂN",
        "TM ỦY BAN NHÂN DÂN",
        "KT.CHỦ TỊCH",
        "TT. CHỦ TỊCH",
        "P. CHỦ TỊCH",
        "TM.",
    ],
)
def test_authority_prefix_rejects_wrong_prefix(line: str) -> None:
    with pytest.raises(ValueError, match=r"Quyền hạn ký|Sau 'TM\.'"):
        authority_prefix(line)


def test_signature_requires_position_line_after_prefix() -> None:
    with pytest.raises(ValueError, match="chức vụ"):
        Signature(["KT. CHỦ TỊCH"], "Trần Thị Hòa")
    assert Signature(["Q. CHỦ TỊCH"], "Trần Thị Hòa").prefix == "Q."


def test_signature_rejects_invalid_prefix() -> None:
    with pytest.raises(ValueError, match="không hợp lệ"):
        Signature(["T.T. CHỦ TỊCH", "CHỦ TỊCH"], "Trần Thị Hòa")


# --------------------------------------------------------------------------- nơi nhận


def test_build_recipients_punctuation_and_archive_line() -> None:
    lines = build_recipients(["Sở Nội vụ", "TTĐU, TTHĐND", "CT, các PCT UBND"], "VHXH")
    assert lines == [
        "- Sở Nội vụ;",
        "- TTĐU, TTHĐND;",
        "- CT, các PCT UBND;",
        "- Lưu: VT, VHXH.",
    ]


def test_build_recipients_is_idempotent_and_moves_archive_last() -> None:
    lines = build_recipients(["- Lưu: VT, VP.", "- Sở Nội vụ;", "TTĐU."])
    assert lines == ["- Sở Nội vụ;", "- TTĐU;", "- Lưu: VT, VP."]
    assert build_recipients(lines) == lines


def test_build_recipients_as_above_and_without_unit() -> None:
    assert build_recipients(["UBMTTQ xã"], as_above=True) == [
        "- Như trên;",
        "- UBMTTQ xã;",
        "- Lưu: VT.",
    ]


# --------------------------------------------------------------------------- spec validation


def test_spec_rejects_type_name_on_cong_van() -> None:
    with pytest.raises(ValueError, match="Công văn"):
        replace(_cong_van_spec(), doc_type_name="CÔNG VĂN")


def test_spec_requires_type_name_otherwise() -> None:
    with pytest.raises(ValueError, match="tên loại"):
        replace(sample_report_spec(), doc_type_name=None)


def test_table_rows_must_have_same_width() -> None:
    with pytest.raises(ValueError, match="cùng số cột"):
        Table(rows=[["a", "b"], ["c"]])


# --------------------------------------------------------------------------- DOCX


def test_docx_page_setup() -> None:
    section = _open_docx(sample_report_spec()).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert section.page_width is not None
    assert section.page_height is not None
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [m.mm if m is not None else None for m in margins] == pytest.approx(
        [20, 20, 30, 15], abs=0.1
    )


def test_docx_every_run_is_black_times_new_roman() -> None:
    document = _open_docx(sample_report_spec())
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    runs = [run for p in _all_paragraphs(document) for run in p.runs]
    header = document.sections[0].header
    runs += [run for p in header.paragraphs for run in p.runs]
    assert len(runs) > 30
    for run in runs:
        r_pr = run._r.rPr
        assert r_pr is not None
        r_fonts = r_pr.find(qn("w:rFonts"))
        assert r_fonts is not None
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            assert r_fonts.get(qn(slot)) == "Times New Roman", (run.text, slot)
        assert str(run.font.color.rgb) == "000000"


def test_docx_header_issuer_block() -> None:
    table = _header_table(_open_docx(sample_report_spec()))
    cell = table.cell(0, 0)
    paragraphs = cell.paragraphs
    first = _find(paragraphs, "ỦY BAN NHÂN DÂN")
    second = _find(paragraphs, "XÃ AN QUANG")
    assert _style(first) == (13, True, False)
    assert _style(second) == (13, True, False)
    assert first.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = _next(paragraphs, second)
    assert _has_bottom_rule(rule)
    # Centred and 1/3–1/2 of the (≈ 43 mm) "ỦY BAN NHÂN DÂN" line.
    left = rule.paragraph_format.left_indent
    right = rule.paragraph_format.right_indent
    assert left is not None
    assert right is not None
    assert left == right
    rule_width = 73 - 2 * left.mm
    assert 43 / 3 <= rule_width <= 43 / 2


def test_docx_header_issuer_parent_is_upright_and_not_bold() -> None:
    spec = replace(
        sample_report_spec(),
        issuer_parent="Ủy ban nhân dân xã An Quang",
        issuer_lines=["Ban Chỉ huy Quân sự xã"],
    )
    paragraphs = _header_table(_open_docx(spec)).cell(0, 0).paragraphs
    parent = paragraphs[0]
    assert parent.text == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
    size, bold, italic = _style(parent)
    assert size in (12, 13)
    assert not bold
    assert not italic
    assert _style(_find(paragraphs, "BAN CHỈ HUY QUÂN SỰ XÃ")) == (13, True, False)


def test_docx_header_quoc_hieu_tieu_ngu_number_and_date() -> None:
    table = _header_table(_open_docx(sample_report_spec()))
    right = table.cell(0, 1).paragraphs
    quoc_hieu = _find(right, QUOC_HIEU)
    tieu_ngu = _find(right, TIEU_NGU)
    assert _style(quoc_hieu) == (12, True, False)
    assert _style(tieu_ngu) == (13, True, False)
    assert _has_bottom_rule(_next(right, tieu_ngu))

    number = _find(table.cell(1, 0).paragraphs, "Số: 45/BC-UBND")
    assert _style(number) == (13, False, False)
    place_date = _find(table.cell(1, 1).paragraphs, "An Quang, ngày 12 tháng 6 năm 2026")
    size, bold, italic = _style(place_date)
    assert 13 <= size <= 14
    assert italic
    assert not bold


def test_docx_header_table_has_no_borders() -> None:
    for table in (
        _header_table(_open_docx(sample_report_spec())),
        _signature_table(_open_docx(sample_report_spec())),
    ):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None
        assert {child.get(qn("w:val")) for child in borders} == {"nil"}


def test_docx_type_name_title_and_rule() -> None:
    document = _open_docx(sample_report_spec())
    paragraphs = document.paragraphs
    type_name = _find(paragraphs, "BÁO CÁO")
    assert _style(type_name) == (14, True, False)
    assert type_name.alignment == WD_ALIGN_PARAGRAPH.CENTER
    title = _next(paragraphs, type_name)
    assert title.text.startswith("Kết quả thực hiện công tác dân vận chính quyền")
    assert _style(title) == (14, True, False)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _has_bottom_rule(_next(paragraphs, title))


def test_docx_body_paragraph_format() -> None:
    document = _open_docx(sample_report_spec())
    body = next(p for p in document.paragraphs if p.text.startswith("Thực hiện Kế hoạch"))
    fmt = body.paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent is not None
    assert fmt.first_line_indent.mm == pytest.approx(10, abs=0.1)
    assert fmt.space_after is not None
    assert fmt.space_after.pt >= 6
    assert isinstance(fmt.line_spacing, float)
    assert 1.15 <= fmt.line_spacing <= 1.5
    assert _style(body) == (14, False, False)

    heading = _find(document.paragraphs, "I. KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2026")
    assert _style(heading) == (14, True, False)
    assert _style(_find(document.paragraphs, "1. Công tác lãnh đạo, chỉ đạo")) == (14, True, False)
    bullet = next(p for p in document.paragraphs if p.text.startswith("- Tiếp tục"))
    assert bullet.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_docx_body_table() -> None:
    document = _open_docx(sample_report_spec())
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["Lĩnh vực", "Đăng ký", "Đã công nhận"]
    assert _bold(table.cell(0, 0).paragraphs[0])
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None
    assert tr_pr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[-1].cells] == ["Tổng cộng", "12", "6"]


def test_docx_signature_block() -> None:
    table = _signature_table(_open_docx(sample_report_spec()))
    right = table.cell(0, 1).paragraphs
    assert [p.text for p in right] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Quốc Thịnh"]
    for paragraph in right:
        assert _style(paragraph) == (14, True, False)
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    signer_space = right[-1].paragraph_format.space_before
    assert signer_space is not None
    assert signer_space.pt >= 48  # room for signature and seal

    left = table.cell(0, 0).paragraphs
    assert left[0].text == "Nơi nhận:"
    assert _style(left[0]) == (12, True, True)
    assert [p.text for p in left[1:]] == [
        "- Sở Nội vụ thành phố Hải Phòng;",
        "- TTĐU, TTHĐND xã;",
        "- CT, các PCT UBND xã;",
        "- Lưu: VT, VHXH.",
    ]
    for paragraph in left[1:]:
        assert _style(paragraph) == (11, False, False)
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None
    assert tr_pr.find(qn("w:cantSplit")) is not None


def test_docx_page_number_only_from_page_two() -> None:
    section = _open_docx(sample_report_spec()).sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in "".join(t.text or "" for t in section.header._element.iter(qn("w:instrText")))
    assert 'w:fldCharType="begin"' in header_xml
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText")))
    assert not list(first._element.iter(qn("w:fldSimple")))
    assert "".join(p.text for p in first.paragraphs) == ""


def test_docx_core_properties() -> None:
    props = _open_docx(sample_report_spec()).core_properties
    assert props.title.startswith("BÁO CÁO Kết quả thực hiện công tác dân vận chính quyền")
    assert props.language == "vi-VN"


def test_docx_cong_van_variant() -> None:
    document = _open_docx(_cong_van_spec())
    table = _header_table(document)
    cell = table.cell(1, 0).paragraphs
    assert cell[0].text == "Số: 135/UBND-VHXH"
    subject = _find(cell, "V/v triển khai phong trào thi đua “Dân vận khéo” năm 2026")
    size, bold, italic = _style(subject)
    assert 12 <= size <= 13
    assert not bold
    assert not italic
    assert _find(table.cell(1, 1).paragraphs, "An Quang, ngày 05 tháng 3 năm 2026")
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" not in texts
    assert not any(t.startswith("CÔNG VĂN") for t in texts)
    assert "Kính gửi:\t- Ủy ban Mặt trận Tổ quốc Việt Nam xã;" in texts
    assert "- Các thôn trên địa bàn xã." in texts
    signature = _signature_table(document)
    assert [p.text for p in signature.cell(0, 1).paragraphs][:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert [p.text for p in signature.cell(0, 0).paragraphs][1:] == [
        "- Như trên;",
        "- TTĐU (để b/c);",
        "- Lưu: VT, VHXH.",
    ]
    assert document.core_properties.title.startswith("Công văn V/v triển khai")


def test_docx_cong_van_single_recipient_is_centred() -> None:
    spec = replace(_cong_van_spec(), recipients_to=["Sở Nội vụ thành phố Hải Phòng"])
    paragraph = _find(_open_docx(spec).paragraphs, "Kính gửi: Sở Nội vụ thành phố Hải Phòng.")
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _style(paragraph) == (14, False, False)


def test_docx_draft_variant_leaves_blanks() -> None:
    table = _header_table(_open_docx(_draft_spec()))
    assert _find(table.cell(1, 0).paragraphs, "Số:      /BC-UBND")
    assert _find(table.cell(1, 1).paragraphs, "An Quang, ngày     tháng     năm 2026")


# --------------------------------------------------------------------------- PDF


def test_html_escapes_text_and_loads_nothing() -> None:
    spec = replace(
        sample_report_spec(),
        body=[Paragraph('<img src="http://example.invalid/x.png"> & <script>')],
    )
    html = render_html(spec)
    assert "<img" not in html
    assert "<script>" not in html
    assert "&lt;img src=&quot;http://example.invalid/x.png&quot;&gt; &amp; &lt;script&gt;" in html
    assert "url(" not in html
    assert "@import" not in html


def test_pdf_is_pdf() -> None:
    pdf = render_pdf(sample_report_spec())
    assert pdf.startswith(b"%PDF")


@needs_poppler
def test_pdf_text_has_vietnamese_header_title_and_signer(tmp_path: Path) -> None:
    spec = sample_report_spec()
    text = _pdftotext(render_pdf(spec), tmp_path)
    lines = {line.strip() for line in text.splitlines()}
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ AN QUANG",
        QUOC_HIEU,
        TIEU_NGU,
        "Số: 45/BC-UBND",
        "An Quang, ngày 12 tháng 6 năm 2026",
        "BÁO CÁO",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Quốc Thịnh",
        "Nơi nhận:",
        "- Lưu: VT, VHXH.",
    ):
        assert expected in lines, expected
    assert _flat(spec.title) in _flat(text)


@needs_poppler
def test_pdf_uses_times_compatible_serif_font(tmp_path: Path) -> None:
    source = tmp_path / "doc.pdf"
    source.write_bytes(render_pdf(sample_report_spec()))
    output = subprocess.run(
        ["pdffonts", str(source)], check=True, capture_output=True, text=True
    ).stdout
    # "ABCDEF+Liberation-Serif-Bold" → "LiberationSerifBold"
    fonts = [
        line.split()[0].split("+")[-1].replace("-", "")
        for line in output.splitlines()[2:]
        if line.strip()
    ]
    assert fonts
    for font in fonts:
        assert font.startswith(("TimesNewRoman", "LiberationSerif")), font


@needs_poppler
def test_pdf_page_number_from_page_two_only(tmp_path: Path) -> None:
    pdf = render_pdf(_long_spec())
    page1 = [line.strip() for line in _pdftotext(pdf, tmp_path, page=1, layout=True).splitlines()]
    page2 = [line.strip() for line in _pdftotext(pdf, tmp_path, page=2, layout=True).splitlines()]
    page1 = [line for line in page1 if line]
    page2 = [line for line in page2 if line]
    assert page2, "expected a second page"
    assert page2[0] == "2"
    assert not any(line.isdigit() for line in page1)
    assert page1[0].startswith("ỦY BAN NHÂN DÂN")


@needs_poppler
def test_pdf_draft_and_cong_van_variants(tmp_path: Path) -> None:
    draft = _pdftotext(render_pdf(_draft_spec()), tmp_path)
    assert "năm 2026" in draft
    assert "/BC-UBND" in draft
    assert "Số: 45/BC-UBND" not in draft
    cong_van = _flat(_pdftotext(render_pdf(_cong_van_spec()), tmp_path))
    assert "Số: 135/UBND-VHXH" in cong_van
    assert "V/v triển khai phong trào thi đua “Dân vận khéo” năm 2026" in cong_van
    assert "Kính gửi:" in cong_van
    assert "- Như trên;" in cong_van
    assert "KT. CHỦ TỊCH" in cong_van
    assert "BÁO CÁO" not in cong_van
