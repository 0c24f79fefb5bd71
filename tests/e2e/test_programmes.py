"""The action programme in a browser: the coordinator imports the founding programme, a unit officer
reports progress on a task with evidence, and the half-year review is drafted and downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import login

pytestmark = pytest.mark.e2e

FOUNDING = (
    Path(__file__).resolve().parents[2]
    / "danvan"
    / "documents"
    / "fixtures"
    / "ctr-dan-van-2026-an-quang.txt"
).read_text(encoding="utf-8")
TITLE = "Triển khai, thực hiện công tác Dân vận năm 2026"


def _open_demo_programme(page: Page) -> None:
    page.locator('nav a[href="/programmes/"]').click()
    page.get_by_test_id("programme-list").get_by_role("link", name=TITLE, exact=False).first.click()
    expect(page.get_by_test_id("programme-title")).to_contain_text(TITLE)


def test_coordinator_imports_the_founding_programme(page: Page) -> None:
    login(page, "vhxh")
    page.locator('nav a[href="/programmes/"]').click()
    page.get_by_test_id("import-link").click()
    page.locator("#id_text").fill(FOUNDING)
    page.get_by_test_id("import-read").click()

    preview = page.get_by_test_id("import-preview")
    rows = preview.get_by_test_id("preview-task")
    expect(rows).to_have_count(8)
    expect(rows.first).to_have_attribute("data-number", "II.1")
    expect(rows.last).to_have_attribute("data-number", "II.8")
    expect(page.get_by_test_id("preview-references")).to_contain_text("33/CT-TTg")
    responsibilities = page.get_by_test_id("responsibility")
    expect(responsibilities).to_have_count(2)
    expect(responsibilities.first).to_contain_text("Các cơ quan, đơn vị, Phòng, Trung tâm")
    expect(responsibilities.nth(1).locator("select option:checked")).to_have_text(
        "Phòng Văn hoá - Xã hội"
    )
    # The demo already holds this programme: the preview says so before saving another.
    expect(page.get_by_test_id("duplicate-warning")).to_be_visible()
    # The official corrects one lead unit before saving.
    rows.nth(2).locator("select").select_option(label="Trung tâm Phục vụ hành chính công")
    page.get_by_test_id("import-save").click()

    expect(page.get_by_test_id("programme-title")).to_contain_text(TITLE)
    tree = page.get_by_test_id("task-row")
    expect(tree).to_have_count(8)
    expect(page.locator('[data-testid="task-row"][data-number="II.3"]')).to_contain_text(
        "Trung tâm Phục vụ hành chính công"
    )
    expect(page.locator('[data-testid="task-row"][data-number="II.1"]')).to_contain_text(
        "Phòng Văn hoá - Xã hội"
    )
    expect(page.get_by_test_id("legal-basis")).to_contain_text("Chỉ thị số 33/CT-TTg")
    expect(page.locator("#chart-status")).to_be_visible()


def test_unit_officer_reports_progress_with_evidence(page: Page) -> None:
    login(page, "chuyenvien")  # Lê Văn Minh, Phòng Kinh tế
    _open_demo_programme(page)
    page.locator('[data-testid="task-row"][data-number="II.3"] a').click()
    page.get_by_test_id("report-link").click()
    form = page.get_by_test_id("report-form")
    page.locator("#id_text").fill(
        "Hướng dẫn 120 hộ dân nộp hồ sơ trực tuyến; số hóa 350 hồ sơ lưu trữ."
    )
    page.locator("#id_progress").fill("55")
    form.locator("#id_evidence").set_input_files(
        files=[
            {
                "name": "bien-ban-kiem-tra.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n% e2e\n",
            }
        ]
    )
    page.get_by_test_id("report-submit").click()

    reports = page.get_by_test_id("task-report")
    expect(reports.first).to_contain_text("Phòng Kinh tế")
    expect(reports.first).to_contain_text("Hướng dẫn 120 hộ dân")
    expect(reports.first).to_contain_text("55%")
    expect(page.get_by_test_id("evidence-link").first).to_contain_text("bien-ban-kiem-tra.pdf")
    with page.expect_download() as info:
        page.get_by_test_id("evidence-link").first.click()
    assert info.value.suggested_filename == "bien-ban-kiem-tra.pdf"
    # The unit's own page lists the report among its work.
    page.locator("dl").get_by_role("link", name="Phòng Kinh tế").click()
    expect(page.get_by_test_id("unit-name")).to_have_text("Phòng Kinh tế")
    expect(page.get_by_test_id("unit-reports")).to_contain_text("Hướng dẫn 120 hộ dân")


def test_half_year_review_is_drafted_and_downloaded(page: Page, tmp_path: Path) -> None:
    login(page, "vhxh")
    _open_demo_programme(page)
    page.locator('.nav-tabs a[href$="/reviews/"]').click()
    page.locator("#id_kind").select_option("half_year")
    page.locator("#id_year").fill("2026")
    page.get_by_test_id("review-generate").click()

    expect(page.get_by_test_id("document-status")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Sơ kết 6 tháng đầu năm 2026")
    body = page.locator("article")
    expect(body).to_contain_text("I. KẾT QUẢ ĐẠT ĐƯỢC")
    expect(body).to_contain_text("II. HẠN CHẾ, NGUYÊN NHÂN")
    expect(body).to_contain_text("III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM")
    expect(body).to_contain_text("Số đơn tiếp nhận trong kỳ")
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        with page.expect_download() as info:
            page.get_by_test_id(f"download-{fmt}").click()
        download = info.value
        assert download.suggested_filename.endswith(f".{fmt}")
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        assert target.read_bytes().startswith(magic)
    # The review is listed on the programme, as a draft.
    page.go_back()
    page.reload()
    expect(page.get_by_test_id("review-list")).to_contain_text("2026")
