"""Browser journeys: Playwright driving Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "test-results"))

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from fixtures are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo commune and cast, and the reference data the flush of a live-server test removes."""
    from danvan.core.models import CalendarOverride, CalendarYear, DeadlineRule
    from danvan.core.reference_data import load_reference_data
    from danvan.demo.seed import seed_demo

    load_reference_data(DeadlineRule, CalendarOverride, CalendarYear)
    seed_demo()


@pytest.fixture
def page(
    browser: Browser, live_server, demo: None, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url  # type: ignore[attr-defined]
    yield page
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def login(page: Page, username: str, password: str = "DanVan@2026") -> None:
    page.goto(f"{page.base_url}/accounts/login/")  # type: ignore[attr-defined]
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
