"""The petition pages as officials use them: desk registration, actions, identity, lists."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.models import AuditEvent, Commune, Unit
from danvan.petitions.models import Citizen, Petition

TODAY = dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today(time_machine) -> None:
    time_machine.move_to(TODAY)


@pytest.fixture
def village(commune: Commune) -> Unit:
    return UnitFactory.create(commune=commune, name="Thôn Quang Thượng", kind="village")


@pytest.fixture
def desk(client_for: Callable[..., Client]) -> Client:
    return client_for(Role.RECEPTION_OFFICER)


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "complaint",
        "channel": "desk",
        "received_on": "15/09/2026",
        "full_name": "Nguyễn Văn An",
        "phone": "0912345678",
        "id_number": "031099001234",
        "address": "Thôn Quang Thượng",
        "summary": "Khiếu nại quyết định thu hồi đất",
        "content": "Tôi khiếu nại quyết định thu hồi đất số 12/QĐ-UBND vì chưa được bồi thường thỏa đáng.",
        "field": "land",
        "submission_token": "tok-1",
    }
    data.update(overrides)
    return data


def test_register_walk_in_complaint_and_receipt(desk: Client) -> None:
    response = desk.post("/petitions/new/", form_data())
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.case_number == "00001/2026"
    assert petition.citizen.full_name == "Nguyễn Văn An"
    assert petition.due_on == dt.date(2026, 9, 25)  # XLD-1: 10 days
    page = desk.get(response["Location"]).content.decode()
    assert "Mã" not in page or petition.tracking_code in page
    receipt = desk.get(f"/petitions/{petition.pk}/receipt/").content.decode()
    assert "GIẤY BIÊN NHẬN" in receipt
    assert petition.tracking_code in receipt
    assert "Mã bí mật" in receipt


def test_double_submission_creates_one_case(desk: Client) -> None:
    first = desk.post("/petitions/new/", form_data())
    second = desk.post("/petitions/new/", form_data())
    assert Petition.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_returning_citizen_found_by_phone_name_or_id(desk: Client, commune: Commune) -> None:
    desk.post("/petitions/new/", form_data())
    for q in ("0912345", "nguyen van an", "031099"):
        page = desk.get("/petitions/citizens/", {"citizen_search": q}).content.decode()
        assert "Nguyễn Văn An" in page, q
    desk.post(
        "/petitions/new/",
        form_data(
            submission_token="tok-2",
            citizen_id=Citizen.objects.get().pk,
            full_name="Nguyễn Văn An",
            summary="Phản ánh đèn đường hỏng",
            content="Đèn đường hỏng ở ngõ 3",
            kind="feedback",
        ),
    )
    assert Citizen.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"summary": ""}, "Trường này là bắt buộc"),
        ({"received_on": "20/09/2026"}, "không được ở tương lai"),
        ({"received_on": "31/02/2026"}, "Nhập ngày theo dạng"),
        ({"full_name": ""}, "Nhập họ tên"),
        ({"kind": ""}, "Trường này là bắt buộc"),
    ],
)
def test_bad_input_is_explained_and_nothing_typed_is_lost(
    desk: Client, overrides: dict, message: str
) -> None:
    response = desk.post("/petitions/new/", form_data(**overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "chưa được bồi thường thỏa đáng" in page
    assert Petition.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile(
                "virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
            ),
            "không phải là tệp PDF",
        ),
        (
            SimpleUploadedFile(
                "big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 10), content_type="application/pdf"
            ),
            "lớn hơn 10 MB",
        ),
    ],
)
def test_bad_upload_is_refused_and_form_kept(
    desk: Client, upload: SimpleUploadedFile, message: str
) -> None:
    response = desk.post("/petitions/new/", {**form_data(), "attachments": upload})
    page = response.content.decode()
    assert message in page
    assert "Khiếu nại quyết định thu hồi đất" in page
    assert Petition.objects.count() == 0


def test_likely_duplicate_is_shown_and_can_be_attached(desk: Client, village: Unit) -> None:
    desk.post(
        "/petitions/new/",
        form_data(
            kind="feedback",
            village=village.pk,
            summary="Đường làng bị ngập nước",
            content="Đường làng thôn Quang Thượng bị ngập nước mỗi khi mưa to",
        ),
    )
    original = Petition.objects.get()
    response = desk.post(
        "/petitions/new/",
        form_data(
            kind="feedback",
            village=village.pk,
            submission_token="tok-2",
            full_name="Trần Văn Bình",
            phone="0987000111",
            id_number="",
            summary="Duong lang ngap nuoc",
            content="duong lang thon quang thuong bi ngap nuoc khi mua to",
        ),
    )
    page = response.content.decode()
    assert original.case_number in page
    assert "Gắn vào hồ sơ này" in page
    merged = desk.post(
        "/petitions/new/",
        form_data(
            kind="feedback",
            village=village.pk,
            submission_token="tok-2",
            full_name="Trần Văn Bình",
            phone="0987000111",
            id_number="",
            summary="Duong lang ngap nuoc",
            content="duong lang thon quang thuong bi ngap nuoc khi mua to",
            duplicate_decision=f"merge:{original.pk}",
        ),
    )
    assert merged.status_code == 302
    assert Petition.objects.count() == 1
    assert original.events.filter(verb="duplicate_attached").exists()


def test_complaint_through_its_lifecycle_in_the_ui(
    client_for: Callable[..., Client], desk: Client
) -> None:
    desk.post("/petitions/new/", form_data())
    petition = Petition.objects.get()
    leader = client_for(Role.LEADER)
    leader.post(f"/petitions/{petition.pk}/act/accept/")
    petition.refresh_from_db()
    assert petition.status == "accepted"
    assert petition.due_on == dt.date(2026, 10, 15)  # KN-3: 30 days from acceptance
    leader.post(
        f"/petitions/{petition.pk}/act/verify/", {"act-text": "Giao Phòng Kinh tế xác minh"}
    )
    response = leader.post(
        f"/petitions/{petition.pk}/act/decide/", {"act-text": "Giữ nguyên quyết định"}
    )
    assert (
        "Đính kèm quyết định" in response.content.decode() or "văn bản" in response.content.decode()
    )
    petition.refresh_from_db()
    assert petition.status == "verifying"


def test_illegal_step_is_refused_politely(client_for: Callable[..., Client], desk: Client) -> None:
    desk.post("/petitions/new/", form_data())
    petition = Petition.objects.get()
    leader = client_for(Role.LEADER)
    response = leader.post(
        f"/petitions/{petition.pk}/act/dialogue/", {"act-text": "x"}, follow=True
    )
    assert "không thể thực hiện" in response.content.decode()


def test_handling_officer_cannot_accept(client_for: Callable[..., Client], desk: Client) -> None:
    desk.post("/petitions/new/", form_data())
    petition = Petition.objects.get()
    assert (
        client_for(Role.RECEPTION_OFFICER).post(f"/petitions/{petition.pk}/act/accept/").status_code
        == 403
    )


def test_denouncer_identity_never_shown_without_clearance(
    client_for: Callable[..., Client], desk: Client, make_user, commune: Commune
) -> None:
    desk.post(
        "/petitions/new/",
        form_data(
            kind="denunciation",
            full_name="Lê Thị Bí Mật",
            phone="0909123456",
            id_number="001234567890",
            summary="Tố cáo cán bộ địa chính",
            content="Cán bộ địa chính nhận tiền khi làm thủ tục",
        ),
    )
    petition = Petition.objects.get()
    assert petition.citizen is None
    unit = UnitFactory.create(commune=commune, name="Phòng Kinh tế", short_name="KT")
    officer_user = make_user(Role.HANDLING_OFFICER, unit=unit)
    leader = client_for(Role.LEADER)
    leader.post(f"/petitions/{petition.pk}/assign/", {"unit": unit.pk, "officer": officer_user.pk})
    officer = Client()
    officer.force_login(officer_user)
    for url in (
        f"/petitions/{petition.pk}/",
        "/petitions/",
        "/petitions/?q=Bi+Mat",
        "/petitions/work/",
        f"/petitions/{petition.pk}/receipt/",
        "/audit/",
    ):
        page = officer.get(url).content.decode()
        assert "Bí Mật" not in page, url
        assert "0909123456" not in page, url
    assert officer.post(f"/petitions/{petition.pk}/identity/").status_code == 403
    revealed = leader.post(f"/petitions/{petition.pk}/identity/").content.decode()
    assert "Lê Thị Bí Mật" in revealed
    assert AuditEvent.objects.filter(verb="denouncer.identity_viewed").count() == 1


def test_other_commune_cannot_see_the_case(
    client_for: Callable[..., Client], desk: Client, other_commune: Commune
) -> None:
    desk.post("/petitions/new/", form_data())
    petition = Petition.objects.get()
    theirs = client_for(Role.LEADER, commune_=other_commune)
    assert theirs.get(f"/petitions/{petition.pk}/").status_code == 404
    assert petition.case_number not in theirs.get("/petitions/").content.decode()


def test_search_ignores_diacritics_and_ranks_exact_first(desk: Client) -> None:
    desk.post(
        "/petitions/new/",
        form_data(kind="feedback", summary="Đèn đường hỏng", content="Đèn đường hỏng lâu ngày"),
    )
    desk.post(
        "/petitions/new/",
        form_data(
            kind="feedback",
            submission_token="t2",
            summary="Den duong o ngo 5",
            content="den duong khong sang",
        ),
    )
    page = desk.get("/petitions/", {"q": "đèn đường"}).content.decode()
    first, second = page.find("Đèn đường hỏng"), page.find("Den duong o ngo 5")
    assert first != -1
    assert second != -1
    assert first < second
    page = desk.get("/petitions/", {"q": "den duong"}).content.decode()
    assert "Đèn đường hỏng" in page


def test_list_views_do_not_grow_queries_with_rows(desk: Client) -> None:
    desk.post("/petitions/new/", form_data())
    with CaptureQueriesContext(connection) as few:
        desk.get("/petitions/")
    for i in range(8):
        desk.post(
            "/petitions/new/",
            form_data(
                submission_token=f"n{i}",
                full_name=f"Người {i}",
                phone=f"09000000{i}",
                id_number="",
                summary=f"Việc số {i}",
                content=f"Nội dung riêng {i} khác hẳn",
            ),
        )
    with CaptureQueriesContext(connection) as many:
        desk.get("/petitions/")
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as work_many:
        desk.get("/petitions/work/")
    assert len(work_many) < 25


def test_receipt_of_a_denunciation_does_not_name_the_denouncer(desk: Client) -> None:
    desk.post(
        "/petitions/new/",
        form_data(
            kind="denunciation",
            full_name="Phạm Văn Kín",
            summary="Tố cáo",
            content="Nội dung tố cáo",
        ),
    )
    petition = Petition.objects.get()
    receipt = desk.get(f"/petitions/{petition.pk}/receipt/").content.decode()
    assert "Phạm Văn Kín" not in receipt
    assert re.search("bảo mật", receipt)


def test_my_work_shows_the_first_rows_and_links_to_all(desk: Client, time_machine) -> None:
    from danvan.petitions.selectors import WORK_BOX_ROWS

    for i in range(WORK_BOX_ROWS + 2):
        desk.post(
            "/petitions/new/",
            form_data(
                submission_token=f"w{i}",
                kind="feedback",
                full_name=f"Người {i}",
                phone=f"0911{i:06d}",
                id_number="",
                received_on="01/09/2026",
                summary=f"Việc riêng số {i}",
                content=f"Nội dung riêng số {i} khác",
            ),
        )
    page = desk.get("/petitions/work/").content.decode()
    assert f'data-testid="work-overdue-count">{WORK_BOX_ROWS + 2}<' in page
    assert page.count("/petitions/") >= WORK_BOX_ROWS
    assert "?status=open&amp;scope=overdue" in page or "?status=open&scope=overdue" in page
