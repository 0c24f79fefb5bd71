"""Render a :class:`~.spec.DocumentSpec` to a Word file (python-docx).

Layout of Phụ lục I, Nghị định 30/2020/NĐ-CP: A4 portrait, margins 20/20/30/15 mm, Times New
Roman; the header and the signature block are two-column tables without borders; the page
number is centred in the top margin from page 2 on.
"""

from __future__ import annotations

import io
import re
from typing import Any, Protocol

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from . import layout as L
from .spec import QUOC_HIEU, TIEU_NGU, Block, BulletList, DocumentSpec, Heading, Paragraph, Table

__all__ = ["DOCX_CONTENT_TYPE", "render_docx"]

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_BLACK = RGBColor(0, 0, 0)
_TBL_PR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
_P_PR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_NUMERIC_CELL = re.compile(r"^[\d\s.,%/+\-–]+$")


class _ParagraphContainer(Protocol):
    def add_paragraph(self, text: str = ..., style: Any = ...) -> DocxParagraph: ...


# --------------------------------------------------------------------------- low level


def _mm_to_twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _set_fonts(r_pr: BaseOxmlElement) -> None:
    """Times New Roman for every script slot; theme fonts would override explicit names."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), L.FONT_FAMILY)


def _style_run(run: Run, *, size: float, bold: bool = False, italic: bool = False) -> None:
    font = run.font
    font.name = L.FONT_FAMILY
    _set_fonts(run._r.get_or_add_rPr())
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = _BLACK


def _add_run(
    paragraph: DocxParagraph, text: str, *, size: float, bold: bool = False, italic: bool = False
) -> Run:
    run = paragraph.add_run(text)
    _style_run(run, size=size, bold=bold, italic=italic)
    return run


def _format(
    paragraph: DocxParagraph,
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    line_spacing: float | None = None,
    first_line_indent_mm: float | None = None,
    left_indent_mm: float | None = None,
    right_indent_mm: float | None = None,
    keep_with_next: bool = False,
) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line_spacing is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = line_spacing
    if first_line_indent_mm is not None:
        fmt.first_line_indent = Mm(first_line_indent_mm)
    if left_indent_mm is not None:
        fmt.left_indent = Mm(left_indent_mm)
    if right_indent_mm is not None:
        fmt.right_indent = Mm(right_indent_mm)
    if keep_with_next:
        fmt.keep_with_next = True


def _add_text_paragraph(
    container: _ParagraphContainer,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    **fmt: Any,
) -> DocxParagraph:
    paragraph = container.add_paragraph()
    _format(paragraph, **fmt)
    _mark_size(paragraph, size)
    if text:
        _add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _mark_size(paragraph: DocxParagraph, size: float) -> None:
    """Size of the paragraph mark (decides the height of an empty paragraph)."""
    p_pr = paragraph._p.get_or_add_pPr()
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        p_pr.insert_element_before(r_pr, "w:sectPr", "w:pPrChange")
    _set_fonts(r_pr)
    for tag in ("w:sz", "w:szCs"):
        old = r_pr.find(qn(tag))
        if old is not None:
            r_pr.remove(old)
        sz = OxmlElement(tag)
        sz.set(qn("w:val"), str(round(size * 2)))
        r_pr.append(sz)


def _add_rule(container: _ParagraphContainer, *, width_mm: float, available_mm: float) -> None:
    """A short centred solid line: an empty 3-pt paragraph with a bottom border, indented so
    that the border is ``width_mm`` long."""
    paragraph = container.add_paragraph()
    side = max((available_mm - width_mm) / 2, 0.0)
    _format(paragraph, left_indent_mm=side, right_indent_mm=side)
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(3)
    _mark_size(paragraph, 1)
    p_pr = paragraph._p.get_or_add_pPr()
    p_bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(round(L.RULE_THICKNESS_PT * 8)))
    bottom.set(qn("w:space"), "0")
    bottom.set(qn("w:color"), "000000")
    p_bdr.append(bottom)
    p_pr.insert_element_before(p_bdr, *_P_PR_AFTER_PBDR)


def _set_table_property(table: DocxTable, element: BaseOxmlElement) -> None:
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(element.tag)
    if old is not None:
        tbl_pr.remove(old)
    index = _TBL_PR_ORDER.index(_prefixed(element))
    tbl_pr.insert_element_before(element, *_TBL_PR_ORDER[index + 1 :])


def _prefixed(element: BaseOxmlElement) -> str:
    return "w:" + element.tag.rsplit("}", 1)[1]


def _layout_table(
    table: DocxTable, widths_mm: list[float], *, borders: bool, cell_margin_mm: float
) -> None:
    """Fixed column widths, no autofit, borders on or off, left/right cell padding."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(sum(_mm_to_twips(width) for width in widths_mm)))
    total.set(qn("w:type"), "dxa")
    _set_table_property(table, total)

    tbl_borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if borders:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        tbl_borders.append(el)
    _set_table_property(table, tbl_borders)

    tbl_layout = OxmlElement("w:tblLayout")
    tbl_layout.set(qn("w:type"), "fixed")
    _set_table_property(table, tbl_layout)

    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", 0.0), ("left", cell_margin_mm), ("bottom", 0.0)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(_mm_to_twips(value)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    right = OxmlElement("w:right")
    right.set(qn("w:w"), str(_mm_to_twips(cell_margin_mm)))
    right.set(qn("w:type"), "dxa")
    margins.append(right)
    _set_table_property(table, margins)

    grid_cols = table._tbl.tblGrid.findall(qn("w:gridCol"))
    for grid_col, width in zip(grid_cols, widths_mm, strict=True):
        grid_col.set(qn("w:w"), str(_mm_to_twips(width)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _drop_initial_paragraph(cell: _Cell) -> None:
    """Cells are created with one empty paragraph; remove it once real content is added."""
    paragraphs = cell.paragraphs
    if len(paragraphs) > 1 and not paragraphs[0].text:
        element = paragraphs[0]._p
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _cant_split(table: DocxTable) -> None:
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


# --------------------------------------------------------------------------- document setup


def _setup_document(document: DocxDocument) -> None:
    styles_element = document.styles.element
    doc_defaults = styles_element.find(qn("w:docDefaults"))
    if doc_defaults is not None:
        r_pr = doc_defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if r_pr is not None:
            _set_fonts(r_pr)
    normal = document.styles["Normal"]
    font = normal.font
    font.name = L.FONT_FAMILY
    font.size = Pt(L.SIZE_BODY)
    font.color.rgb = _BLACK
    normal_r_pr = normal.element.get_or_add_rPr()
    _set_fonts(normal_r_pr)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    normal_r_pr.append(lang)
    para = normal.paragraph_format
    para.space_before = Pt(0)
    para.space_after = Pt(0)
    para.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _setup_page(section: Section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(L.PAGE_WIDTH_MM)
    section.page_height = Mm(L.PAGE_HEIGHT_MM)
    section.top_margin = Mm(L.MARGIN_TOP_MM)
    section.bottom_margin = Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(L.MARGIN_LEFT_MM)
    section.right_margin = Mm(L.MARGIN_RIGHT_MM)
    section.header_distance = Mm(L.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(L.HEADER_DISTANCE_MM)
    section.gutter = Mm(0)


def _add_field_char(run: Run, kind: str) -> None:
    fld_char = OxmlElement("w:fldChar")
    fld_char.set(qn("w:fldCharType"), kind)
    run._r.append(fld_char)


def _page_numbers(section: Section) -> None:
    """PAGE field centred in the header of pages 2+; an empty header on page 1."""
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    _format(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER)
    size = L.SIZE_PAGE_NUMBER
    _add_field_char(_add_run(paragraph, "", size=size), "begin")
    instr_run = _add_run(paragraph, "", size=size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run._r.append(instr)
    _add_field_char(_add_run(paragraph, "", size=size), "separate")
    _add_run(paragraph, "2", size=size)  # cached result, recomputed by the word processor
    _add_field_char(_add_run(paragraph, "", size=size), "end")


# --------------------------------------------------------------------------- parts


def _header(document: DocxDocument, spec: DocumentSpec) -> None:
    widths = [L.LEFT_COLUMN_MM, L.RIGHT_COLUMN_MM]
    table = document.add_table(rows=2, cols=2)
    _layout_table(table, widths, borders=False, cell_margin_mm=0)
    top_left, top_right = table.rows[0].cells
    bottom_left, bottom_right = table.rows[1].cells

    # ô 2: tên cơ quan chủ quản (upright) and cơ quan ban hành (bold) with a short rule.
    parent = spec.issuer_parent_line
    if parent:
        _add_text_paragraph(top_left, parent, size=L.issuer_parent_size(spec))
    for line in spec.issuer_display_lines:
        _add_text_paragraph(top_left, line, size=L.SIZE_ISSUER, bold=True)
    _add_rule(top_left, width_mm=L.issuer_rule_width_mm(spec), available_mm=L.LEFT_COLUMN_MM)
    _drop_initial_paragraph(top_left)

    # ô 1: Quốc hiệu và Tiêu ngữ, the motto underlined over its whole length.
    _add_text_paragraph(top_right, QUOC_HIEU, size=L.SIZE_QUOC_HIEU, bold=True)
    _add_text_paragraph(top_right, TIEU_NGU, size=L.SIZE_TIEU_NGU, bold=True)
    _add_rule(top_right, width_mm=L.tieu_ngu_rule_width_mm(), available_mm=L.RIGHT_COLUMN_MM)
    _drop_initial_paragraph(top_right)

    # ô 3 (+ ô 5b for a công văn) and ô 4 on the same line.
    _add_text_paragraph(bottom_left, spec.number_line, size=L.SIZE_NUMBER, before=6)
    if spec.is_cong_van:
        _add_text_paragraph(bottom_left, spec.subject_line, size=L.SIZE_SUBJECT_CONG_VAN, before=3)
    _drop_initial_paragraph(bottom_left)
    _add_text_paragraph(
        bottom_right, spec.place_date_line, size=L.SIZE_PLACE_DATE, italic=True, before=6
    )
    _drop_initial_paragraph(bottom_right)
    # Spacer: keeps the header table apart from anything that follows (Word would merge two
    # adjacent tables) and separates the header from the title.
    _add_text_paragraph(document, "", size=L.SIZE_BODY)


def _title(document: DocxDocument, spec: DocumentSpec) -> None:
    type_name = spec.type_name_line
    if not type_name:
        return
    _add_text_paragraph(
        document, type_name, size=L.SIZE_TYPE_NAME, bold=True, before=6, keep_with_next=True
    )
    _add_text_paragraph(
        document, spec.subject_line, size=L.SIZE_TITLE, bold=True, keep_with_next=True
    )
    _add_rule(document, width_mm=L.title_rule_width_mm(spec), available_mm=L.TEXT_WIDTH_MM)
    _add_text_paragraph(document, "", size=L.SIZE_BODY, after=0)


def _kinh_gui(document: DocxDocument, spec: DocumentSpec) -> None:
    lines = spec.kinh_gui_lines
    if not lines:
        return
    size = L.SIZE_KINH_GUI
    if len(lines) == 1:
        _add_text_paragraph(document, f"Kính gửi: {lines[0]}", size=size, before=6, after=12)
        return
    hanging = L.KINH_GUI_LIST_INDENT_MM - L.KINH_GUI_LABEL_INDENT_MM
    for index, line in enumerate(lines):
        first = index == 0
        paragraph = _add_text_paragraph(
            document,
            f"Kính gửi:\t{line}" if first else line,
            size=size,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=6 if first else 0,
            after=12 if index == len(lines) - 1 else 0,
            left_indent_mm=L.KINH_GUI_LIST_INDENT_MM,
            first_line_indent_mm=-hanging if first else 0,
        )
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(L.KINH_GUI_LIST_INDENT_MM))


def _body_paragraph(document: DocxDocument, text: str, **style: Any) -> DocxParagraph:
    return _add_text_paragraph(
        document,
        text,
        size=L.SIZE_BODY,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=L.PARAGRAPH_SPACING_PT,
        line_spacing=L.LINE_SPACING,
        first_line_indent_mm=L.FIRST_LINE_INDENT_MM,
        **style,
    )


def _body_table(document: DocxDocument, block: Table) -> None:
    columns = block.column_count
    rows = ([block.header] if block.header is not None else []) + block.rows
    table = document.add_table(rows=len(rows), cols=columns)
    width = L.TEXT_WIDTH_MM / columns
    _layout_table(table, [width] * columns, borders=True, cell_margin_mm=1.5)
    for row_index, values in enumerate(rows):
        is_header = block.header is not None and row_index == 0
        row = table.rows[row_index]
        if is_header:
            header_flag = OxmlElement("w:tblHeader")
            row._tr.get_or_add_trPr().append(header_flag)
        for cell, value in zip(row.cells, values, strict=True):
            centred = is_header or bool(_NUMERIC_CELL.match(value))
            _add_text_paragraph(
                cell,
                value,
                size=L.SIZE_TABLE,
                bold=is_header,
                align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT,
                before=2,
                after=2,
            )
            _drop_initial_paragraph(cell)
    # A table may not be followed directly by another table in Word; keep a spacer paragraph.
    _add_text_paragraph(document, "", size=L.SIZE_BODY, after=0)


def _body(document: DocxDocument, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            _body_paragraph(
                document,
                block.display_text,
                bold=True,
                italic=block.level == 3,
                before=L.PARAGRAPH_SPACING_PT if block.level == 1 else 0,
                keep_with_next=True,
            )
        elif isinstance(block, Paragraph):
            _body_paragraph(document, block.text.strip())
        elif isinstance(block, BulletList):
            for item in block.items:
                _body_paragraph(document, f"- {item.strip()}")
        else:
            _body_table(document, block)


def _signature(document: DocxDocument, spec: DocumentSpec) -> None:
    table = document.add_table(rows=1, cols=2)
    _layout_table(table, [L.LEFT_COLUMN_MM, L.RIGHT_COLUMN_MM], borders=False, cell_margin_mm=0)
    _cant_split(table)
    left, right = table.rows[0].cells

    _add_text_paragraph(
        left,
        "Nơi nhận:",
        size=L.SIZE_NOI_NHAN_LABEL,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        before=L.PARAGRAPH_SPACING_PT,
    )
    for line in spec.recipient_lines:
        _add_text_paragraph(left, line, size=L.SIZE_NOI_NHAN, align=WD_ALIGN_PARAGRAPH.LEFT)
    _drop_initial_paragraph(left)

    for index, line in enumerate(spec.signature.display_lines):
        _add_text_paragraph(
            right,
            line,
            size=L.SIZE_SIGNATURE,
            bold=True,
            before=L.PARAGRAPH_SPACING_PT if index == 0 else 0,
        )
    _add_text_paragraph(
        right,
        spec.signature.signer_name.strip(),
        size=L.SIZE_SIGNATURE,
        bold=True,
        before=L.SIGNATURE_SPACE_PT,
    )
    _drop_initial_paragraph(right)


def _core_properties(document: DocxDocument, spec: DocumentSpec) -> None:
    props = document.core_properties
    issuer = " ".join(spec.issuer_lines).strip()
    props.title = spec.document_title
    props.subject = spec.title.strip()
    props.author = issuer
    props.last_modified_by = issuer
    props.category = spec.type_name_line or "CÔNG VĂN"
    props.language = "vi-VN"
    props.comments = ""
    props.keywords = spec.number_line.replace("Số:", "").strip()
    props.revision = 1


# --------------------------------------------------------------------------- entry point


def render_docx(spec: DocumentSpec) -> bytes:
    """Build the Word file for ``spec`` and return its bytes."""
    document = Document()
    _setup_document(document)
    section = document.sections[0]
    _setup_page(section)
    _page_numbers(section)
    _header(document, spec)
    _title(document, spec)
    _kinh_gui(document, spec)
    _body(document, list(spec.body))
    _signature(document, spec)
    _core_properties(document, spec)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
