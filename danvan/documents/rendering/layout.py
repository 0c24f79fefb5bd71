"""Page geometry and font sizes shared by the DOCX and PDF renderers.

Values follow Phụ lục I of Nghị định 30/2020/NĐ-CP (DOMAIN.md §11.2–11.3); where the decree
gives a range the value chosen is noted.
"""

from __future__ import annotations

from .metrics import text_width_mm
from .spec import TIEU_NGU, DocumentSpec

# Page (A4 portrait) and margins, in millimetres.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
HEADER_DISTANCE_MM = 10.0  # page number sits in the middle of the 20 mm top margin
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165 mm

# Two-column header (ô 2/3 left, ô 1/4 right) and signature block (ô 9b left, ô 7 right).
# The right column must hold the Quốc hiệu at 12 pt bold (≈ 88 mm) on one line.
LEFT_COLUMN_MM = 73.0
RIGHT_COLUMN_MM = TEXT_WIDTH_MM - LEFT_COLUMN_MM  # 92 mm

# Font sizes in points (Phụ lục I, mục II).
FONT_FAMILY = "Times New Roman"
SIZE_ISSUER_PARENT = 13.0  # 12–13, upright; 12 when the name does not fit the column
SIZE_ISSUER_PARENT_SMALL = 12.0
SIZE_ISSUER = 13.0  # 12–13 bold
SIZE_NUMBER = 13.0  # exactly 13
SIZE_SUBJECT_CONG_VAN = 12.0  # 12–13 upright
SIZE_QUOC_HIEU = 12.0  # 12–13 bold
SIZE_TIEU_NGU = 13.0  # 13–14 bold
SIZE_PLACE_DATE = 14.0  # 13–14 italic
SIZE_TYPE_NAME = 14.0  # 13–14 bold
SIZE_TITLE = 14.0  # 13–14 bold
SIZE_BODY = 14.0  # 13–14
SIZE_TABLE = 13.0
SIZE_KINH_GUI = 14.0  # 13–14
SIZE_SIGNATURE = 14.0  # 13–14 bold
SIZE_NOI_NHAN_LABEL = 12.0  # exactly 12, italic bold
SIZE_NOI_NHAN = 11.0  # exactly 11
SIZE_PAGE_NUMBER = 13.0  # 13–14 upright

# Body paragraphs.
FIRST_LINE_INDENT_MM = 10.0  # 1 cm
PARAGRAPH_SPACING_PT = 6.0  # ≥ 6 pt
LINE_SPACING = 1.2  # single … 1.5 lines (Word "multiple")
SIGNATURE_SPACE_PT = 72.0  # room for the signature and seal

#: Short rules under the issuer name and the trích yếu are 1/3–1/2 of the text line.
RULE_FRACTION = 0.4
RULE_THICKNESS_PT = 0.75
#: "Kính gửi:" with several recipients: list starts this far from the left margin.
KINH_GUI_LABEL_INDENT_MM = 30.0
KINH_GUI_LIST_INDENT_MM = 55.0


def issuer_parent_size(spec: DocumentSpec) -> float:
    """13 pt if the parent body's name fits on one line of the left column, else 12 pt."""
    parent = spec.issuer_parent_line or ""
    if text_width_mm(parent, SIZE_ISSUER_PARENT) <= LEFT_COLUMN_MM - 1.0:
        return SIZE_ISSUER_PARENT
    return SIZE_ISSUER_PARENT_SMALL


def issuer_rule_width_mm(spec: DocumentSpec) -> float:
    widest = max(text_width_mm(line, SIZE_ISSUER, bold=True) for line in spec.issuer_display_lines)
    return round(RULE_FRACTION * min(widest, LEFT_COLUMN_MM), 1)


def tieu_ngu_rule_width_mm() -> float:
    """The Tiêu ngữ is underlined over its whole length."""
    return round(text_width_mm(TIEU_NGU, SIZE_TIEU_NGU, bold=True) + 0.5, 1)


def title_rule_width_mm(spec: DocumentSpec) -> float:
    width = text_width_mm(spec.subject_line, SIZE_TITLE, bold=True)
    return round(RULE_FRACTION * min(width, TEXT_WIDTH_MM), 1)
