"""Journeys of the foundation: the calculator across Tết, and the lockout message."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import login

pytestmark = pytest.mark.e2e


def test_reception_officer_computes_a_deadline_across_tet(page: Page) -> None:
    login(page, "tiepdan")
    expect(page.get_by_test_id("commune-name")).to_contain_text("An Quang")
    page.get_by_role("link", name="Tính thời hạn").first.click()
    expect(page.get_by_role("heading", name="Tính thời hạn")).to_be_visible()
    page.get_by_label("Số ngày").fill("10")
    page.get_by_label("Đơn vị tính").select_option("WD")
    page.get_by_label("Ngày bắt đầu").fill("2026-02-12")
    page.get_by_role("button", name="Tính").click()
    expect(page.get_by_test_id("due-date")).to_contain_text("05/03/2026")
    explanation = page.get_by_test_id("skipped-days")
    expect(explanation).to_contain_text("Tết Nguyên Đán")
    expect(explanation).to_contain_text("16/02/2026")
    expect(explanation).to_contain_text("20/02/2026")
    expect(page.get_by_test_id("explanation")).to_contain_text("12/02/2026")


def test_calculator_shows_a_vietnamese_message_for_bad_input(page: Page) -> None:
    login(page, "tiepdan")
    page.goto(f"{page.base_url}/deadlines/calculator/")  # type: ignore[attr-defined]
    page.get_by_label("Số ngày").fill("-3")
    page.get_by_label("Ngày bắt đầu").fill("2026-02-12")
    page.get_by_role("button", name="Tính").click()
    expect(page.get_by_test_id("calc-errors")).to_contain_text("ít nhất 1 ngày")
    expect(page.get_by_label("Số ngày")).to_have_value("-3")


def test_lockout_after_repeated_wrong_passwords(page: Page) -> None:
    for _ in range(5):
        login(page, "tiepdan", "mat-khau-sai")
    login(page, "tiepdan", "mat-khau-sai")
    expect(page.get_by_test_id("lockout-message")).to_contain_text("tạm thời bị khóa")
    login(page, "tiepdan")  # even the right password is refused while locked
    expect(page.get_by_test_id("lockout-message")).to_be_visible()


def test_admin_declares_a_day_off_and_sees_it_in_the_calendar(page: Page) -> None:
    login(page, "quantri")
    page.goto(f"{page.base_url}/calendar/?year=2026")  # type: ignore[attr-defined]
    page.locator("#id_date").fill("2026-12-31")
    page.get_by_label("Chuyển thành").select_option("off")
    page.get_by_label("Nội dung").fill("Nghỉ thêm cuối năm")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("days-off")).to_contain_text("Nghỉ thêm cuối năm")
