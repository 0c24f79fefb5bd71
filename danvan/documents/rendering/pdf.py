"""Render a :class:`~.spec.DocumentSpec` to PDF with WeasyPrint.

The HTML and CSS are built here from escaped text only; nothing is ever fetched (no base URL,
and a URL fetcher that refuses every request), so rendering works offline and user text cannot
pull in remote resources.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from . import layout as L
from .spec import QUOC_HIEU, TIEU_NGU, Block, BulletList, DocumentSpec, Heading, Paragraph, Table

__all__ = ["PDF_CONTENT_TYPE", "render_html", "render_pdf"]

PDF_CONTENT_TYPE = "application/pdf"

#: CSS line height equivalent to Word's "multiple" spacing for Times New Roman (single ≈ 1.15).
_CSS_LINE_HEIGHT = round(L.LINE_SPACING * 1.15, 2)
_NUMERIC_CELL = re.compile(r"^[\d\s.,%/+\-–]+$")


class _OfflineFetcher(URLFetcher):
    """Refuses every URL: the document must be self-contained."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"Không tải tài nguyên ngoài khi dựng PDF: {url}")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _css() -> str:
    family = '"Times New Roman", "Liberation Serif", serif'
    return f"""
@page {{
  size: {L.PAGE_WIDTH_MM}mm {L.PAGE_HEIGHT_MM}mm;
  margin: {L.MARGIN_TOP_MM}mm {L.MARGIN_RIGHT_MM}mm {L.MARGIN_BOTTOM_MM}mm {L.MARGIN_LEFT_MM}mm;
  @top-center {{
    content: counter(page);
    font-family: {family};
    font-size: {L.SIZE_PAGE_NUMBER}pt;
    vertical-align: middle;
  }}
}}
@page :first {{
  @top-center {{ content: none; }}
}}
html {{
  font-family: {family};
  font-size: {L.SIZE_BODY}pt;
  color: #000;
}}
body {{ margin: 0; }}
p {{ margin: 0; }}
table.layout {{
  width: {L.TEXT_WIDTH_MM}mm;
  border-collapse: collapse;
  table-layout: fixed;
}}
table.layout td {{
  padding: 0;
  vertical-align: top;
  text-align: center;
  line-height: 1.15;
}}
.issuer {{ font-size: {L.SIZE_ISSUER}pt; font-weight: bold; }}
.rule {{
  height: 0;
  border-top: {L.RULE_THICKNESS_PT}pt solid #000;
  margin: 3pt auto 0;
}}
.quoc-hieu {{ font-size: {L.SIZE_QUOC_HIEU}pt; font-weight: bold; }}
.tieu-ngu {{ font-size: {L.SIZE_TIEU_NGU}pt; font-weight: bold; }}
.tieu-ngu span {{
  display: inline-block;
  border-bottom: {L.RULE_THICKNESS_PT}pt solid #000;
  padding-bottom: 2.5pt;
}}
.number {{ font-size: {L.SIZE_NUMBER}pt; padding-top: 6pt; white-space: pre; }}
.subject-cv {{ font-size: {L.SIZE_SUBJECT_CONG_VAN}pt; padding-top: 3pt; }}
.place-date {{
  font-size: {L.SIZE_PLACE_DATE}pt;
  font-style: italic;
  padding-top: 6pt;
  white-space: pre;
}}
.spacer {{ height: {L.SIZE_BODY * 1.15}pt; }}
.type-name, .title {{
  text-align: center;
  font-weight: bold;
  break-after: avoid;
}}
.type-name {{ font-size: {L.SIZE_TYPE_NAME}pt; margin-top: 6pt; }}
.title {{ font-size: {L.SIZE_TITLE}pt; line-height: 1.15; }}
.title-rule {{ margin-bottom: {L.SIZE_BODY * 1.15}pt; }}
.kinh-gui {{ font-size: {L.SIZE_KINH_GUI}pt; margin: 6pt 0 12pt; }}
.kinh-gui.single {{ text-align: center; }}
table.kinh-gui {{
  border-collapse: collapse;
  margin-left: {L.KINH_GUI_LABEL_INDENT_MM}mm;
}}
table.kinh-gui td {{ padding: 0; vertical-align: top; text-align: left; }}
table.kinh-gui td.label {{
  width: {L.KINH_GUI_LIST_INDENT_MM - L.KINH_GUI_LABEL_INDENT_MM}mm;
}}
.body {{
  text-align: justify;
  text-indent: {L.FIRST_LINE_INDENT_MM}mm;
  margin: 0 0 {L.PARAGRAPH_SPACING_PT}pt;
  line-height: {_CSS_LINE_HEIGHT};
  orphans: 2;
  widows: 2;
}}
.h1, .h2, .h3 {{ font-weight: bold; break-after: avoid; }}
.h1 {{ margin-top: {L.PARAGRAPH_SPACING_PT}pt; }}
.h3 {{ font-style: italic; }}
table.grid {{
  width: 100%;
  border-collapse: collapse;
  font-size: {L.SIZE_TABLE}pt;
  margin: 0 0 {L.PARAGRAPH_SPACING_PT}pt;
}}
table.grid th, table.grid td {{
  border: 0.5pt solid #000;
  padding: 2pt 1.5mm;
  vertical-align: top;
  text-align: left;
}}
table.grid th {{ font-weight: bold; text-align: center; }}
table.grid td.num {{ text-align: center; }}
table.grid thead {{ display: table-header-group; }}
table.grid tr {{ break-inside: avoid; }}
table.signature {{ break-inside: avoid; margin-top: {L.PARAGRAPH_SPACING_PT}pt; }}
.noi-nhan-label {{
  font-size: {L.SIZE_NOI_NHAN_LABEL}pt;
  font-weight: bold;
  font-style: italic;
  text-align: left;
}}
.noi-nhan {{ font-size: {L.SIZE_NOI_NHAN}pt; text-align: left; }}
.authority, .signer {{ font-size: {L.SIZE_SIGNATURE}pt; font-weight: bold; }}
.signer {{ margin-top: {L.SIGNATURE_SPACE_PT}pt; }}
"""


def _header_html(spec: DocumentSpec) -> str:
    left: list[str] = []
    parent = spec.issuer_parent_line
    if parent:
        left.append(
            f'<p class="parent" style="font-size: {L.issuer_parent_size(spec)}pt">{_e(parent)}</p>'
        )
    left.extend(f'<p class="issuer">{_e(line)}</p>' for line in spec.issuer_display_lines)
    left.append(f'<div class="rule" style="width: {L.issuer_rule_width_mm(spec)}mm"></div>')
    right = [
        f'<p class="quoc-hieu">{_e(QUOC_HIEU)}</p>',
        f'<p class="tieu-ngu"><span>{_e(TIEU_NGU)}</span></p>',
    ]
    number = [f'<p class="number">{_e(spec.number_line)}</p>']
    if spec.is_cong_van:
        number.append(f'<p class="subject-cv">{_e(spec.subject_line)}</p>')
    date_line = f'<p class="place-date">{_e(spec.place_date_line)}</p>'
    return (
        '<table class="layout header">'
        f'<colgroup><col style="width: {L.LEFT_COLUMN_MM}mm">'
        f'<col style="width: {L.RIGHT_COLUMN_MM}mm"></colgroup>'
        f"<tr><td>{''.join(left)}</td><td>{''.join(right)}</td></tr>"
        f"<tr><td>{''.join(number)}</td><td>{date_line}</td></tr>"
        '</table><div class="spacer"></div>'
    )


def _title_html(spec: DocumentSpec) -> str:
    type_name = spec.type_name_line
    if not type_name:
        return ""
    return (
        f'<p class="type-name">{_e(type_name)}</p>'
        f'<p class="title">{_e(spec.subject_line)}</p>'
        f'<div class="rule title-rule" style="width: {L.title_rule_width_mm(spec)}mm"></div>'
    )


def _kinh_gui_html(spec: DocumentSpec) -> str:
    lines = spec.kinh_gui_lines
    if not lines:
        return ""
    if len(lines) == 1:
        return f'<p class="kinh-gui single">Kính gửi: {_e(lines[0])}</p>'
    items = "".join(f"<p>{_e(line)}</p>" for line in lines)
    return (
        f'<table class="kinh-gui"><tr><td class="label">Kính gửi:</td><td>{items}</td></tr></table>'
    )


def _table_html(block: Table) -> str:
    parts = ['<table class="grid">']
    if block.header is not None:
        cells = "".join(f"<th>{_e(value)}</th>" for value in block.header)
        parts.append(f"<thead><tr>{cells}</tr></thead>")
    parts.append("<tbody>")
    for row in block.rows:
        cells = "".join(
            f'<td class="num">{_e(v)}</td>' if _NUMERIC_CELL.match(v) else f"<td>{_e(v)}</td>"
            for v in row
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _body_html(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f'<p class="body h{block.level}">{_e(block.display_text)}</p>')
        elif isinstance(block, Paragraph):
            parts.append(f'<p class="body">{_e(block.text.strip())}</p>')
        elif isinstance(block, BulletList):
            parts.extend(f'<p class="body">- {_e(item.strip())}</p>' for item in block.items)
        else:
            parts.append(_table_html(block))
    return "".join(parts)


def _signature_html(spec: DocumentSpec) -> str:
    recipients = "".join(f'<p class="noi-nhan">{_e(line)}</p>' for line in spec.recipient_lines)
    authority = "".join(
        f'<p class="authority">{_e(line)}</p>' for line in spec.signature.display_lines
    )
    signer = f'<p class="signer">{_e(spec.signature.signer_name.strip())}</p>'
    return (
        '<table class="layout signature">'
        f'<colgroup><col style="width: {L.LEFT_COLUMN_MM}mm">'
        f'<col style="width: {L.RIGHT_COLUMN_MM}mm"></colgroup>'
        f'<tr><td><p class="noi-nhan-label">Nơi nhận:</p>{recipients}</td>'
        f"<td>{authority}{signer}</td></tr></table>"
    )


def render_html(spec: DocumentSpec) -> str:
    """The self-contained HTML document that :func:`render_pdf` prints."""
    issuer = " ".join(spec.issuer_lines).strip()
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_e(spec.document_title)}</title>"
        f'<meta name="author" content="{_e(issuer)}">'
        f'<meta name="description" content="{_e(spec.title.strip())}">'
        f"<style>{_css()}</style></head><body>"
        f"{_header_html(spec)}{_title_html(spec)}{_kinh_gui_html(spec)}"
        f"{_body_html(list(spec.body))}{_signature_html(spec)}"
        "</body></html>"
    )


def render_pdf(spec: DocumentSpec) -> bytes:
    """Print ``spec`` to PDF (A4, layout of Phụ lục I) and return the bytes."""
    document = HTML(string=render_html(spec), base_url=None, url_fetcher=_OfflineFetcher())
    pdf: bytes = document.write_pdf()
    return pdf
