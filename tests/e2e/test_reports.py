"""A leader reads the dashboard, follows a number to its list, exports it, and downloads the
period's report with its XLSX annex."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from .conftest import login

pytestmark = pytest.mark.e2e


def test_leader_follows_a_number_exports_and_downloads_the_report(page: Page) -> None:
    login(page, "chutich")
    page.get_by_test_id("nav-reports").click()
    figure = page.get_by_test_id("figure-open")
    expect(figure).to_be_visible()
    expected = int(figure.get_by_test_id("figure-value").inner_text())
    figure.click()
    expect(page).to_have_url(f"{page.base_url}/petitions/?status=open")  # type: ignore[attr-defined]
    with page.expect_download() as download_info:
        page.get_by_test_id("export-xlsx").click()
    workbook = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    assert workbook.active is not None
    assert workbook.active.max_row == expected + 1  # the header and one row per petition

    page.goto(f"{page.base_url}/reports/forms/?form=01/XLD")  # type: ignore[attr-defined]
    expect(page.get_by_test_id("total-row")).to_be_visible()
    page.get_by_test_id("draft-report").click()
    with page.expect_download() as annex_info:
        page.get_by_test_id("annex-link").click()
    annex = openpyxl.load_workbook(io.BytesIO(annex_info.value.path().read_bytes()))
    assert "01-XLD" in annex.sheetnames
    assert annex["01-TCD"]["A2"].value.startswith("KẾT QUẢ TIẾP CÔNG DÂN")
    page.get_by_test_id("document-link").click()
    expect(page.locator("body")).to_contain_text("Kết quả công tác tiếp công dân")
