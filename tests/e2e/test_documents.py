"""An official drafts a report, the clerk issues it, and both files download."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import login

pytestmark = pytest.mark.e2e


def test_official_issues_a_report_and_downloads_both_files(page: Page, tmp_path: Path) -> None:
    login(page, "tiepdan")
    page.goto(f"{page.base_url}/documents/new/")  # type: ignore[attr-defined]
    page.get_by_label("Loại văn bản").select_option("BC")
    page.get_by_label("Đơn vị soạn thảo").select_option(label="Phòng Văn hoá - Xã hội")
    page.get_by_label("Trích yếu nội dung").fill("Kết quả công tác Dân vận 6 tháng đầu năm 2026")
    page.locator("#id_body").fill(
        "I. KẾT QUẢ ĐẠT ĐƯỢC\nCác cơ quan, đơn vị đã quán triệt Chỉ thị số 33/CT-TTg.\n"
        "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM\nTiếp tục tăng cường tiếp công dân, đối thoại."
    )
    page.get_by_label("Nơi nhận", exact=False).first.fill("Sở Nội vụ\nTTĐU, TTHĐND")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Quốc Thịnh")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("document-status")).to_contain_text("chưa có số")
    page.get_by_role("button", name="Ban hành (cấp số)").click()
    expect(page.get_by_test_id("number-symbol")).to_have_text("01/BC-UBND")
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        with page.expect_download() as info:
            page.get_by_test_id(f"download-{fmt}").click()
        download = info.value
        assert download.suggested_filename == f"01-BC-UBND.{fmt}"
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        assert target.read_bytes().startswith(magic)
    page.locator(".breadcrumb").get_by_role("link", name="Văn bản đi").click()
    expect(page.get_by_test_id("document-list")).to_contain_text("01/BC-UBND")
