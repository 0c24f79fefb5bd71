"""Citizens on a phone: send feedback with a photo and a location, get the code by e-mail, track
it, read the answer, confirm and rate; send a denunciation that stays confidential. Every page is
checked with axe-core (no serious or critical violation)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture
def phone(
    browser: Browser, live_server, demo: None, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        bypass_csp=True,  # only so that the test can inject axe-core
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url  # type: ignore[attr-defined]
    yield page
    Path("test-results").mkdir(exist_ok=True)
    page.screenshot(path=f"test-results/{request.node.name}.png", full_page=True)
    context.close()


def assert_accessible(page: Page) -> None:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    assert violations == [], violations
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways on a phone ({width}px)"


def photo(tmp_path: Path) -> Path:
    path = tmp_path / "duong-ngap.jpg"
    image = Image.new("RGB", (64, 48), "teal")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (20.0, 49.0, 26.0), 3: "E", 4: (106.0, 32.0, 6.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return path


def test_citizen_sends_feedback_tracks_it_and_rates_the_answer(phone: Page, tmp_path: Path) -> None:
    from danvan.petitions import services
    from danvan.petitions.models import Petition

    base = phone.base_url  # type: ignore[attr-defined]
    phone.goto(f"{base}/cong-dan/AQ/")
    assert_accessible(phone)
    phone.get_by_test_id("start-submission").click()
    assert_accessible(phone)
    phone.get_by_test_id("choose-feedback").click()
    phone.locator("#id_full_name").fill("Vũ Thị Lan")
    phone.locator("#id_phone").fill("0912777888")
    phone.locator("#id_email").fill("lan@example.vn")
    phone.locator("#id_summary").fill("Cống thoát nước bị tắc gây ngập")
    phone.locator("#id_content").fill(
        "Cống thoát nước đầu ngõ 7 thôn Quang Hạ bị tắc, nước tràn vào nhà dân."
    )
    phone.locator("#id_place").fill("Ngõ 7 thôn Quang Hạ")
    phone.locator("#map").click()
    expect(phone.locator("[data-location-label]")).not_to_be_empty()
    phone.locator("#id_attachments").set_input_files(str(photo(tmp_path)))
    assert_accessible(phone)
    phone.get_by_test_id("portal-submit").click()
    code = phone.get_by_test_id("tracking-code").inner_text()
    secret = phone.get_by_test_id("tracking-secret").inner_text()
    assert_accessible(phone)
    assert any(code in m.body for m in mail.outbox)

    petition = Petition.objects.get(tracking_code=code)
    assert petition.latitude is not None
    assert petition.attachments.count() == 1
    services.petition_start_handling(actor=None, petition=petition)
    services.petition_answer(
        actor=None,
        petition=petition,
        text="Xã đã nạo vét cống ngày 14/09; nước đã thoát bình thường.",
        evidence=SimpleUploadedFile(
            "bien-ban.pdf", b"%PDF-1.4 nao vet", content_type="application/pdf"
        ),
    )

    phone.goto(f"{base}/cong-dan/tra-cuu/")
    phone.locator("#id_code").fill(code)
    phone.locator("#id_secret").fill(secret)
    phone.get_by_role("button", name="Xem hồ sơ của tôi").click()
    expect(phone.get_by_test_id("portal-answer")).to_contain_text("nạo vét cống")
    assert_accessible(phone)
    phone.get_by_label("Có, đã được giải quyết").check()
    phone.get_by_label("5", exact=True).check()
    phone.get_by_role("button", name="Gửi ý kiến").click()
    expect(phone.get_by_test_id("portal-rated")).to_contain_text("5/5")


def test_denunciation_identity_appears_nowhere_public(phone: Page) -> None:
    from danvan.petitions.models import Petition

    base = phone.base_url  # type: ignore[attr-defined]
    phone.goto(f"{base}/cong-dan/AQ/gui/")
    phone.get_by_test_id("choose-denunciation").click()
    assert_accessible(phone)
    phone.locator("#id_full_name").fill("Đào Văn Kín")
    phone.locator("#id_phone").fill("0977666555")
    phone.locator("#id_address").fill("Thôn An Phú")
    phone.locator("#id_summary").fill("Tố cáo cán bộ thu tiền sai quy định")
    phone.locator("#id_content").fill("Cán bộ thu tiền làm thủ tục nhưng không có biên lai.")
    phone.get_by_test_id("portal-submit").click()
    code = phone.get_by_test_id("tracking-code").inner_text()
    expect(phone.locator("body")).not_to_contain_text("Đào Văn Kín")
    petition = Petition.objects.get(tracking_code=code)
    assert petition.citizen is None
    for path in ("/cong-dan/AQ/", "/cong-dan/AQ/cong-khai/", f"/cong-dan/AQ/cong-khai/{code}/"):
        phone.goto(f"{base}{path}")
        expect(phone.locator("body")).not_to_contain_text("Đào Văn Kín")
        expect(phone.locator("body")).not_to_contain_text("0977666555")
    assert not re.search("Đào Văn Kín", " ".join(m.body for m in mail.outbox))
