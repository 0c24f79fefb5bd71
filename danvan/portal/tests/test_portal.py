"""The citizens' portal: submit, track, confirm and rate; denunciations stay confidential;
abuse is held back without a third-party captcha."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from danvan.core.models import Commune
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.portal.images import has_gps

pytestmark = pytest.mark.usefixtures("_today")


@pytest.fixture
def _today(time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC))


def data(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "full_name": "Vũ Thị Lan",
        "phone": "0912777888",
        "email": "lan@example.vn",
        "address": "Thôn Quang Hạ",
        "field": "environment",
        "summary": "Rác thải đổ trộm ven kênh",
        "content": "Có người đổ trộm rác thải xây dựng ven kênh thôn Quang Hạ vào ban đêm.",
        "place": "Kênh thôn Quang Hạ",
        "allow_public": "on",
    }
    base.update(overrides)
    return base


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "green")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (20.0, 49.0, 26.0), 3: "E", 4: (106.0, 32.0, 6.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def submit(client: Client, commune: Commune, slug: str = "phan-anh", **overrides: object):
    return client.post(f"/cong-dan/{commune.code}/gui/{slug}/", data(**overrides))


def test_home_is_public_and_shows_how_to_send(client: Client, commune: Commune) -> None:
    page = client.get(f"/cong-dan/{commune.code}/").content.decode()
    assert "Gửi đến xã" in page or "Gửi" in page
    assert client.get("/cong-dan/").status_code in (200, 302)


def test_submit_feedback_with_photo_strips_gps_and_mails_the_code(
    client: Client, commune: Commune, django_capture_on_commit_callbacks
) -> None:
    upload = SimpleUploadedFile("anh.jpg", photo_with_gps(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cong-dan/{commune.code}/gui/phan-anh/",
            {**data(), "attachments": upload, "latitude": "20.823900", "longitude": "106.535000"},
        )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.channel == "online"
    assert petition.kind == "feedback"
    assert str(petition.latitude) == "20.823900"
    stored = petition.attachments.get().file.read()
    assert stored.startswith(b"\xff\xd8")
    assert not has_gps(stored)
    page = client.get(response["Location"]).content.decode()
    secret = re.search(r'data-testid="tracking-secret">([A-F0-9]+)<', page).group(1)
    assert petition.tracking_code in page
    assert client.get(response["Location"]).status_code == 302  # the secret is shown only once
    assert len(mail.outbox) == 1
    assert petition.tracking_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["lan@example.vn"]
    assert secret


def test_photo_keeps_gps_when_the_citizen_shares_it(client: Client, commune: Commune) -> None:
    upload = SimpleUploadedFile("anh.jpg", photo_with_gps(), content_type="image/jpeg")
    client.post(
        f"/cong-dan/{commune.code}/gui/phan-anh/",
        {**data(), "attachments": upload, "share_location": "on"},
    )
    assert has_gps(Petition.objects.get().attachments.get().file.read())


@pytest.mark.parametrize(
    ("slug", "overrides", "message"),
    [
        ("phan-anh", {"full_name": ""}, "Trường này là bắt buộc"),
        ("phan-anh", {"email": "", "phone": ""}, "để xã trả lời"),
        ("khieu-nai", {"address": ""}, "Trường này là bắt buộc"),
        ("phan-anh", {"email": "not-an-email"}, "Nhập địa chỉ email"),
    ],
)
def test_bad_input_is_explained_and_kept(
    client: Client, commune: Commune, slug: str, overrides: dict, message: str
) -> None:
    response = submit(client, commune, slug, **overrides)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "đổ trộm rác thải xây dựng" in page
    assert Petition.objects.count() == 0


def test_wrong_file_type_is_refused_and_text_kept(client: Client, commune: Commune) -> None:
    bad = SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(
        f"/cong-dan/{commune.code}/gui/phan-anh/", {**data(), "attachments": bad}
    )
    page = response.content.decode()
    assert "không phải là tệp PDF, JPEG, PNG hoặc DOCX" in page
    assert "đổ trộm rác thải" in page
    assert Petition.objects.count() == 0


def test_honeypot_is_not_stored(client: Client, commune: Commune) -> None:
    response = submit(client, commune, website="http://spam.example")
    assert response.status_code == 200
    assert Petition.objects.count() == 0


def test_rate_limit_asks_an_arithmetic_question(client: Client, commune: Commune, settings) -> None:
    settings.PORTAL_MAX_PER_IP_PER_HOUR = 2
    for i in range(2):
        topic = ["Cột điện nghiêng sắp đổ", "Chó thả rông cắn người"][i]
        submit(client, commune, summary=topic, content=topic, place="", email=f"a{i}@x.vn")
    assert Petition.objects.count() == 2
    response = submit(
        client,
        commune,
        summary="Loa phát thanh quá to",
        content="Loa phát thanh quá to",
        place="",
        email="c@x.vn",
    )
    page = response.content.decode()
    assert 'data-testid="challenge"' in page
    assert Petition.objects.count() == 2
    a, b = map(int, re.search(r"(\d) \+ (\d)", page).groups())
    response = submit(
        client,
        commune,
        summary="Loa phát thanh quá to",
        content="Loa phát thanh quá to",
        place="",
        email="c@x.vn",
        challenge=str(a + b),
    )
    assert response.status_code == 302
    assert Petition.objects.count() == 3


def test_likely_duplicate_offered_before_sending(client: Client, commune: Commune) -> None:
    submit(client, commune)
    response = submit(
        client,
        commune,
        full_name="Người Khác",
        email="khac@x.vn",
        phone="0900000001",
        summary="Rac thai do trom ven kenh",
        content="co nguoi do trom rac thai xay dung ven kenh thon quang ha",
    )
    assert 'data-testid="portal-duplicates"' in response.content.decode()
    assert Petition.objects.count() == 1
    response = submit(
        client,
        commune,
        full_name="Người Khác",
        email="khac@x.vn",
        phone="0900000001",
        summary="Rac thai do trom ven kenh",
        content="co nguoi do trom rac thai xay dung ven kenh thon quang ha",
        confirm_new="1",
    )
    assert Petition.objects.count() == 2


def _track(client: Client, petition: Petition, secret: str):
    return client.post("/cong-dan/tra-cuu/", {"code": petition.tracking_code, "secret": secret})


def test_track_answer_confirm_and_rate(client: Client, commune: Commune) -> None:
    petition = services.petition_submit_public(
        commune=commune,
        kind="feedback",
        full_name="Vũ Thị Lan",
        email="lan@example.vn",
        summary="Đèn đường hỏng",
        content="Đèn đường ngõ 3 hỏng",
        allow_public=True,
    )
    secret = petition.tracking_secret
    assert _track(client, petition, "WRONG").status_code == 200
    response = _track(client, petition, secret)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert petition.tracking_code not in page or "Đèn đường hỏng" in page
    services.petition_start_handling(actor=None, petition=petition)
    doc_less = SimpleUploadedFile("tra-loi.pdf", b"%PDF-1.4 answer", content_type="application/pdf")
    services.petition_answer(
        actor=None, petition=petition, text="Đã thay bóng đèn mới ngày 14/09.", evidence=doc_less
    )
    page = client.get(f"/cong-dan/ho-so/{petition.tracking_code}/").content.decode()
    assert "Đã thay bóng đèn mới" in page
    response = client.post(
        f"/cong-dan/ho-so/{petition.tracking_code}/",
        {"resolved": "1", "rating": "5", "comment": "Cảm ơn"},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.citizen_confirmed is True
    assert petition.rating == 5
    public = client.get(f"/cong-dan/{commune.code}/cong-khai/", {"q": "den duong"}).content.decode()
    assert "Đã thay bóng đèn mới" in public
    assert "Vũ Thị Lan" not in public
    assert "lan@example.vn" not in public


def test_citizen_says_not_resolved_and_the_case_reopens(client: Client, commune: Commune) -> None:
    petition = services.petition_submit_public(
        commune=commune,
        kind="feedback",
        full_name="Vũ Thị Lan",
        phone="0912777888",
        summary="Cống tắc",
        content="Cống thoát nước bị tắc",
    )
    services.petition_start_handling(actor=None, petition=petition)
    services.petition_answer(
        actor=None,
        petition=petition,
        text="Đã nạo vét.",
        evidence=SimpleUploadedFile("bb.pdf", b"%PDF-1.4", content_type="application/pdf"),
    )
    _track(client, petition, petition.tracking_secret)
    client.post(
        f"/cong-dan/ho-so/{petition.tracking_code}/",
        {"resolved": "0", "rating": "2", "comment": "Vẫn tắc"},
    )
    petition.refresh_from_db()
    assert petition.status == "in_progress"
    assert petition.citizen_confirmed is False


def test_case_page_needs_the_secret(client: Client, commune: Commune) -> None:
    petition = services.petition_submit_public(
        commune=commune, kind="feedback", full_name="A", phone="0912", summary="x", content="y"
    )
    assert client.get(f"/cong-dan/ho-so/{petition.tracking_code}/").status_code == 302


def test_denunciation_identity_appears_nowhere_public(
    client: Client, commune: Commune, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            client,
            commune,
            "to-cao",
            full_name="Đào Văn Kín",
            email="kin@example.vn",
            phone="0977666555",
            summary="Tố cáo cán bộ thu tiền sai quy định",
            content="Cán bộ thu tiền không có biên lai.",
        )
    petition = Petition.objects.get()
    assert petition.kind == "denunciation"
    assert petition.citizen is None
    assert not petition.is_public
    confirmation = client.get(response["Location"]).content.decode()
    assert "Đào Văn Kín" not in confirmation
    assert "kin@example.vn" not in confirmation
    assert mail.outbox[0].to == ["kin@example.vn"]
    assert "Đào Văn Kín" not in mail.outbox[0].body
    for url in (
        f"/cong-dan/{commune.code}/",
        f"/cong-dan/{commune.code}/cong-khai/",
        f"/cong-dan/{commune.code}/cong-khai/{petition.tracking_code}/",
    ):
        page = client.get(url).content.decode()
        assert "Đào Văn Kín" not in page
        assert "Tố cáo cán bộ thu tiền" not in page


def test_hidden_submission_disappears_from_public_pages(
    client: Client, commune: Commune, client_for
) -> None:
    petition = services.petition_submit_public(
        commune=commune,
        kind="feedback",
        full_name="Kẻ Phá",
        phone="0911",
        summary="Nội dung thô tục",
        content="Lời lẽ xúc phạm",
        allow_public=True,
    )
    leader = client_for("leader")
    leader.post(f"/petitions/{petition.pk}/hide/", {"reason": "Lời lẽ xúc phạm, không có nội dung"})
    petition.refresh_from_db()
    assert petition.is_hidden
    assert (
        client.get(f"/cong-dan/{commune.code}/cong-khai/{petition.tracking_code}/").status_code
        == 404
    )
