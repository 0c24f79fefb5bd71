"""Petition journeys: a walk-in complaint from the desk to closure, and a denunciation whose
denouncer a handling officer never sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def open_as(browser: Browser, live_server, demo: None) -> Iterator:
    contexts = []

    def open_page(username: str) -> Page:
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base_url = live_server.url  # type: ignore[attr-defined]
        login(page, username)
        return page

    yield open_page
    for context in contexts:
        context.close()


def register(page: Page, *, kind: str, name: str, summary: str, content: str) -> str:
    page.goto(f"{page.base_url}/petitions/new/")  # type: ignore[attr-defined]
    page.locator(f"input[name=kind][value={kind}]").check()
    page.locator("#id_full_name").fill(name)
    page.locator("#id_phone").fill("0912000111")
    page.locator("#id_summary").fill(summary)
    page.locator("#id_content").fill(content)
    page.get_by_test_id("register-submit").click()
    expect(page.get_by_test_id("case-number")).to_be_visible()
    return page.get_by_test_id("case-number").inner_text()


def act(page: Page, key: str, **fields: str) -> None:
    form = page.get_by_test_id(f"action-{key}")
    page.locator("details", has=form).locator("summary").click()
    for name, value in fields.items():
        target = form.locator(f"[name=act-{name}]")
        if target.evaluate("el => el.tagName") == "SELECT":
            if value == "@first":
                target.select_option(index=1)
            else:
                target.select_option(value)
        else:
            target.fill(value)
    form.locator("button[type=submit]").click()


def test_walk_in_complaint_from_desk_to_closure(open_as, tmp_path: Path) -> None:
    desk = open_as("tiepdan")
    case = register(
        desk,
        kind="complaint",
        name="Nguyễn Văn Khiếu",
        summary="Khiếu nại quyết định thu hồi đất",
        content="Tôi khiếu nại Quyết định thu hồi đất vì chưa bồi thường thỏa đáng.",
    )
    petition_url = desk.url
    expect(desk.get_by_test_id("status")).to_contain_text("Đã vào sổ")
    desk.get_by_test_id("receipt-link").click()
    expect(desk.get_by_test_id("receipt-case")).to_have_text(case)

    leader = open_as("chutich")
    leader.goto(petition_url)
    act(leader, "accept")
    expect(leader.get_by_test_id("status")).to_contain_text("Đã thụ lý")
    act(leader, "verify", text="Giao Phòng Kinh tế xác minh hiện trạng và hồ sơ bồi thường.")
    expect(leader.get_by_test_id("status")).to_contain_text("xác minh")
    # The leader drafts the decision; the clerk issues it.
    form = leader.get_by_test_id("notice-decision")
    leader.get_by_text("Soạn văn bản cho hồ sơ này").click()
    form.locator("[name=notice-signer_name]").fill("Đỗ Quang Huy")
    form.locator("button[type=submit]").click()
    expect(leader.get_by_test_id("document-status")).to_contain_text("chưa có số")
    document_url = leader.url

    desk.goto(document_url)
    desk.get_by_role("button", name="Ban hành (cấp số)").click()
    expect(desk.get_by_test_id("number-symbol")).to_contain_text("/QĐ-UBND")
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        with desk.expect_download() as info:
            desk.get_by_test_id(f"download-{fmt}").click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert target.read_bytes().startswith(magic)

    leader.goto(petition_url)
    act(
        leader,
        "decide",
        text="Giữ nguyên quyết định thu hồi đất; bồi thường bổ sung theo giá mới.",
        document="@first",
    )
    expect(leader.get_by_test_id("status")).to_contain_text("Đã quyết định")
    act(leader, "close", closure="resolved", text="Đã gửi quyết định cho công dân.")
    expect(leader.get_by_test_id("status")).to_contain_text("Đã kết thúc")
    expect(leader.get_by_test_id("closure")).to_contain_text("Đã giải quyết")
    expect(leader.get_by_test_id("timeline")).to_contain_text("Giữ nguyên quyết định")


def test_denouncer_never_visible_to_an_officer_without_clearance(open_as) -> None:
    desk = open_as("tiepdan")
    register(
        desk,
        kind="denunciation",
        name="Hoàng Văn Kín Đáo",
        summary="Tố cáo cán bộ nhận tiền",
        content="Cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận.",
    )
    petition_url = desk.url
    leader = open_as("chutich")
    leader.goto(petition_url)
    assign = leader.locator("form[action$='/assign/']")
    assign.locator("[name=unit]").select_option(label="Phòng Kinh tế")
    assign.locator("button[type=submit]").click()

    officer = open_as("chuyenvien")
    for url in (
        petition_url,
        f"{officer.base_url}/petitions/",
        f"{officer.base_url}/petitions/work/",  # type: ignore[attr-defined]
        f"{officer.base_url}/petitions/?q=Kin+Dao",
        f"{petition_url}receipt/",
    ):  # type: ignore[attr-defined]
        officer.goto(url)
        expect(officer.locator("body")).not_to_contain_text("Kín Đáo")
    officer.goto(petition_url)
    expect(officer.get_by_test_id("petitioner")).to_contain_text("Người tố cáo (được giữ bí mật)")
    expect(
        officer.get_by_role("button", name="Xem thông tin người tố cáo (được ghi nhật ký)")
    ).to_have_count(0)

    leader.goto(petition_url)
    leader.get_by_role("button", name="Xem thông tin người tố cáo (được ghi nhật ký)").click()
    expect(leader.get_by_test_id("identity")).to_contain_text("Hoàng Văn Kín Đáo")
