"""Intake validation (DOMAIN §1.2–§1.5, §2.6, §3.3), case numbering, duplicates and honest
closure: what is refused is refused with a message, and nothing of it is saved."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from danvan.accounts.models import User
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.models import AuditEvent, Commune, NumberSequence, Unit
from danvan.petitions import rules, selectors, services
from danvan.petitions.models import (
    Attachment,
    Channel,
    Citizen,
    DenouncerIdentity,
    Flag,
    Petition,
    PetitionEvent,
)
from danvan.petitions.states import Closure, Kind, Status

from .factories import (
    TODAY,
    citizen,
    clocks,
    draft_document,
    evidence,
    issued_document,
    refused,
    register,
)

pytestmark = pytest.mark.usefixtures("frozen_today")

D = dt.date
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def assert_nothing_saved() -> None:
    assert Petition.objects.count() == 0
    assert PetitionEvent.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert DenouncerIdentity.objects.count() == 0
    assert not AuditEvent.objects.filter(verb__startswith="petition.").exists()
    assert not NumberSequence.objects.filter(series="petition", last_number__gt=0).exists()


# --- dates -------------------------------------------------------------------------------------------
def test_future_receipt_date_is_refused(commune: Commune) -> None:
    person = citizen(commune)
    with refused("The date of receipt cannot be in the future"):
        register(commune, Kind.COMPLAINT, received_on=TODAY + dt.timedelta(days=1), person=person)
    with refused("cannot be in the future"):
        register(commune, Kind.DENUNCIATION, received_on=D(2027, 1, 1))
    assert_nothing_saved()


def test_receipt_date_is_judged_in_vietnam_time(commune: Commune, time_machine) -> None:
    # 20:00 UTC on 15/09 is already 03:00 on Wednesday 16/09 in Hà Nội.
    time_machine.move_to(dt.datetime(2026, 9, 15, 20, 0, tzinfo=dt.UTC))
    petition = register(commune, Kind.COMPLAINT, received_on=D(2026, 9, 16))
    assert petition.received_on == D(2026, 9, 16)


def test_today_and_ancient_receipt_dates(commune: Commune) -> None:
    assert register(commune, received_on=TODAY).received_on == TODAY
    with refused("too far in the past"):
        register(commune, received_on=D(1999, 12, 31))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "lawsuit"}, "Choose the kind of petition"),
        ({"channel": "pigeon"}, "Choose how the petition arrived"),
        ({"summary": "   "}, "Write the summary and the content"),
        ({"content": ""}, "Write the summary and the content"),
    ],
)
def test_incomplete_registration_is_refused(
    overrides: dict, message: str, commune: Commune
) -> None:
    person = citizen(commune)
    data = {
        "actor": None,
        "commune": commune,
        "kind": Kind.COMPLAINT,
        "channel": Channel.DESK,
        "received_on": TODAY,
        "summary": "Khiếu nại",
        "content": "Nội dung khiếu nại",
        "citizen": person,
    }
    with refused(message):
        services.petition_register(**{**data, **overrides})
    assert_nothing_saved()


# --- who sent it -------------------------------------------------------------------------------------
@pytest.mark.parametrize("denouncer", [None, {}, {"name": "  ", "phone": "0912345678"}])
def test_denunciation_needs_a_name_unless_anonymous(
    denouncer: dict | None, commune: Commune
) -> None:
    with refused("Enter the denouncer's name, or mark the information as anonymous"):
        services.petition_register(
            actor=None,
            commune=commune,
            kind=Kind.DENUNCIATION,
            channel=Channel.POST,
            received_on=TODAY,
            summary="Tố cáo",
            content="Tố cáo cán bộ",
            denouncer=denouncer,
        )
    assert_nothing_saved()


def test_anonymous_denunciation_is_registered_without_identity(commune: Commune) -> None:
    petition = register(commune, Kind.DENUNCIATION, flags=[Flag.ANONYMOUS])
    assert petition.citizen is None
    assert not DenouncerIdentity.objects.filter(petition=petition).exists()
    with translation.override("en"):
        assert petition.petitioner_display == "Denouncer (kept confidential)"


def test_denunciation_never_links_a_citizen_row(commune: Commune) -> None:
    person = citizen(commune)
    petition = services.petition_register(
        actor=None,
        commune=commune,
        kind=Kind.DENUNCIATION,
        channel=Channel.DESK,
        received_on=TODAY,
        summary="Tố cáo",
        content="Tố cáo cán bộ",
        citizen=person,
        denouncer={"name": "Trần Văn Tố"},
    )
    assert petition.citizen is None
    assert Petition.objects.get(pk=petition.pk).citizen_id is None


def test_other_petitions_need_a_citizen_unless_anonymous(commune: Commune) -> None:
    with refused("Enter the citizen, or mark the petition as anonymous"):
        services.petition_register(
            actor=None,
            commune=commune,
            kind=Kind.RECOMMENDATION,
            channel=Channel.BOX,
            received_on=TODAY,
            summary="Kiến nghị",
            content="Nội dung",
        )
    assert_nothing_saved()
    anonymous = register(commune, Kind.FEEDBACK, channel=Channel.BOX, flags=[Flag.ANONYMOUS])
    assert anonymous.citizen is None
    with translation.override("en"):
        assert anonymous.petitioner_display == "Anonymous"


def test_citizen_is_found_again_by_id_number_or_phone_and_name(
    commune: Commune, other_commune: Commune
) -> None:
    first = citizen(
        commune, "Lê Văn Hùng", phone="0987654321", id_number="031080005678", address=""
    )
    assert citizen(commune, "Lê Văn Hùng (khác)", phone="", id_number="031080005678") == first
    # Same phone, the name typed without diacritics.
    again = services.citizen_get_or_create(
        commune=commune, full_name="le  van hung", phone="0987654321", address="Thôn Tây Sơn"
    )
    assert again == first
    first.refresh_from_db()
    assert first.address == "Thôn Tây Sơn"  # blank fields are completed, not overwritten
    assert first.full_name == "Lê Văn Hùng"
    # Another commune keeps its own register.
    assert (
        citizen(other_commune, "Lê Văn Hùng", phone="0987654321", id_number="031080005678") != first
    )
    # Same phone, another person.
    assert (
        services.citizen_get_or_create(commune=commune, full_name="Lê Thị Mai", phone="0987654321")
        != first
    )
    with refused("full name is required"):
        services.citizen_get_or_create(commune=commune, full_name="   ")
    assert Citizen.objects.filter(commune=commune).count() == 2


def test_village_must_be_a_village_of_the_commune(
    commune: Commune, other_commune: Commune, unit: Unit, village: Unit
) -> None:
    theirs = UnitFactory.create(commune=other_commune, name="Thôn Bắc", kind="village")
    person = citizen(commune)
    for wrong in (theirs, unit):
        with refused("Choose a village of this commune"):
            register(commune, Kind.FEEDBACK, village=wrong, person=person)
    assert_nothing_saved()
    assert register(commune, Kind.FEEDBACK, village=village, person=person).village == village


# --- many signatories (DOMAIN §2.6) ------------------------------------------------------------------
def test_group_complaint_of_five_or_more_needs_representatives(commune: Commune) -> None:
    person = citizen(commune)
    with refused("A complaint by 5 or more people needs its representatives"):
        register(commune, Kind.COMPLAINT, person=person, is_group=True, group_size=5)
    with refused("needs its representatives"):
        register(
            commune,
            Kind.COMPLAINT,
            person=person,
            is_group=True,
            group_size=30,
            representatives=["  "],
        )
    assert_nothing_saved()
    four = register(commune, Kind.COMPLAINT, person=person, is_group=True, group_size=4)
    assert (four.is_group, four.group_size, four.representatives) == (True, 4, [])
    # The rule is the Law on Complaints': a recommendation of many people has no such requirement.
    assert (
        register(
            commune, Kind.RECOMMENDATION, person=person, is_group=True, group_size=12
        ).group_size
        == 12
    )


@pytest.mark.parametrize(
    ("size", "allowed"),
    [(2, 2), (4, 4), (5, 2), (10, 2), (11, 5), (40, 5)],
)
def test_maximum_number_of_representatives(size: int, allowed: int, commune: Commune) -> None:
    assert rules.max_representatives(size) == allowed
    person = citizen(commune)
    names = [f"Người đại diện {i}" for i in range(1, allowed + 2)]
    with refused(f"{size} people may appoint at most {allowed} representatives"):
        register(
            commune,
            Kind.COMPLAINT,
            person=person,
            is_group=True,
            group_size=size,
            representatives=names,
        )
    assert Petition.objects.count() == 0
    petition = register(
        commune,
        Kind.COMPLAINT,
        person=person,
        is_group=True,
        group_size=size,
        representatives=[f" {n} " for n in names[:allowed]],
    )
    assert petition.representatives == names[:allowed]


def test_group_needs_two_signatories_and_single_petition_has_one(commune: Commune) -> None:
    person = citizen(commune)
    with refused("at least 2 signatories"):
        register(commune, Kind.RECOMMENDATION, person=person, is_group=True, group_size=1)
    single = register(commune, Kind.RECOMMENDATION, person=person, is_group=False, group_size=7)
    assert single.group_size == 1


# --- uploads -----------------------------------------------------------------------------------------
BAD_UPLOADS = {
    "exe renamed pdf": ("don-khieu-nai.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64),
    "text renamed pdf": ("don.pdf", "Đơn khiếu nại viết tay".encode()),
    "html as jpeg": ("anh.jpg", b"<html><script>alert(1)</script></html>"),
    "empty file": ("rong.pdf", b""),
}


@pytest.mark.parametrize("name", list(BAD_UPLOADS))
def test_wrong_type_upload_is_refused_and_nothing_saved(name: str, commune: Commune) -> None:
    person = citizen(commune)
    bad = upload(*BAD_UPLOADS[name])
    with refused("is not a PDF, JPEG, PNG or DOCX file"):
        register(commune, Kind.COMPLAINT, person=person, attachments=[upload("ok.pdf", PDF), bad])
    assert_nothing_saved()


def test_oversized_upload_is_refused_and_nothing_saved(commune: Commune) -> None:
    person = citizen(commune)
    big = upload("ban-do.pdf", PDF + b"\x00" * (10 * 1024 * 1024 + 1 - len(PDF)))
    assert big.size == 10 * 1024 * 1024 + 1
    with refused("is larger than 10 MB"):
        register(commune, Kind.COMPLAINT, person=person, attachments=[big])
    assert_nothing_saved()
    # Exactly 10 MB is allowed.
    limit = upload("ban-do.pdf", PDF + b"\x00" * (10 * 1024 * 1024 - len(PDF)))
    petition = register(commune, Kind.COMPLAINT, person=person, attachments=[limit])
    assert petition.attachments.get().size == 10 * 1024 * 1024


def test_uploads_are_typed_by_content_and_stored_with_the_case(commune: Commune) -> None:
    person = citizen(commune)
    petition = register(
        commune,
        Kind.COMPLAINT,
        person=person,
        attachments=[
            upload("don.pdf", PDF),
            upload("anh-chup.pdf", PNG, "application/pdf"),  # a PNG whatever its name says
            upload("so-do.jpg", JPEG, "image/jpeg"),
            upload("tuong-trinh.docx", docx_bytes(), "application/octet-stream"),
        ],
    )
    stored = {a.original_name: a for a in petition.attachments.all()}
    assert {n: a.content_type for n, a in stored.items()} == {
        "don.pdf": "application/pdf",
        "anh-chup.pdf": "image/png",
        "so-do.jpg": "image/jpeg",
        "tuong-trinh.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    pdf = stored["don.pdf"]
    assert pdf.purpose == Attachment.Purpose.EVIDENCE
    assert pdf.size == len(PDF)
    assert pdf.file.name.startswith(f"petitions/{commune.pk}/{petition.pk}/")
    with pdf.file.open("rb") as handle:
        assert handle.read() == PDF


def test_a_zip_archive_is_not_a_docx(commune: Commune) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("setup.exe", b"MZ\x90\x00" + b"\x00" * 64)
    with refused("is not a PDF, JPEG, PNG or DOCX file"):
        services.validate_upload(upload("bang-chung.docx", buffer.getvalue()))


def test_attach_later_checks_the_file_too(commune: Commune, leader: User) -> None:
    petition = register(commune)
    with refused("is not a PDF"):
        services.petition_attach(
            actor=leader, petition=petition, upload=upload("x.pdf", b"plain"), purpose="evidence"
        )
    assert petition.attachments.count() == 0
    services.petition_attach(
        actor=leader, petition=petition, upload=upload("bb.pdf", PDF), purpose="verification"
    )
    assert petition.attachments.get().purpose == "verification"
    assert PetitionEvent.objects.filter(petition=petition, verb="attached", text="bb.pdf").exists()
    assert AuditEvent.objects.filter(verb="petition.attached", object_id=str(petition.pk)).exists()


# --- case numbers ------------------------------------------------------------------------------------
def test_case_numbers_run_per_commune_and_year(commune: Commune, other_commune: Commune) -> None:
    first = register(commune, Kind.COMPLAINT, received_on=D(2026, 9, 1))
    second = register(commune, Kind.DENUNCIATION, received_on=D(2026, 9, 2))
    theirs = register(other_commune, Kind.FEEDBACK, received_on=D(2026, 9, 2))
    last_year = register(commune, Kind.RECOMMENDATION, received_on=D(2025, 12, 30))
    third = register(commune, Kind.INFO_REQUEST, received_on=D(2026, 9, 3))
    assert first.case_number == "00001/2026"
    assert second.case_number == "00002/2026"
    assert theirs.case_number == "00001/2026"
    assert last_year.case_number == "00001/2025"
    assert third.case_number == "00003/2026"
    assert (third.year, third.sequence) == (2026, 3)
    assert Petition.objects.filter(commune=commune, year=2026).count() == 3


def test_refused_registration_does_not_use_a_number(commune: Commune) -> None:
    person = citizen(commune)
    with refused():
        register(
            commune, Kind.COMPLAINT, person=person, attachments=[upload("x.pdf", b"not a pdf")]
        )
    assert register(commune, Kind.COMPLAINT, person=person).case_number == "00001/2026"


def test_tracking_code_and_secret(commune: Commune) -> None:
    petition = register(commune)
    assert len(petition.tracking_code) == 10
    assert set(petition.tracking_code) <= set(services.TRACKING_ALPHABET)
    secret = petition.tracking_secret
    assert hashlib.sha256(secret.encode()).hexdigest() == petition.tracking_secret_hash
    codes = {register(commune).tracking_code for _ in range(5)} | {petition.tracking_code}
    assert len(codes) == 6


def test_registration_writes_its_timeline_and_audit(commune: Commune, reception: User) -> None:
    petition = register(commune, Kind.COMPLAINT, actor=reception)
    assert petition.registered_by == reception
    event = PetitionEvent.objects.get(petition=petition)
    assert (event.verb, event.status_after, event.is_public, event.actor) == (
        "registered",
        Status.REGISTERED,
        True,
        reception,
    )
    audit = AuditEvent.objects.get(verb="petition.registered")
    assert audit.actor == reception
    assert audit.object_id == str(petition.pk)
    assert audit.after == {
        "kind": "complaint",
        "channel": "desk",
        "received_on": "2026-09-01",
        "case_number": "00001/2026",
    }


# --- duplicates --------------------------------------------------------------------------------------
def test_duplicate_submission_is_attached_to_the_open_case(
    commune: Commune, reception: User
) -> None:
    petition = register(commune, Kind.RECOMMENDATION)
    merged = services.petition_merge_submission(
        actor=reception,
        target=petition,
        content="Gửi lần hai: đường vẫn sụt lún",
        received_on=D(2026, 9, 14),
        attachments=[upload("anh.png", PNG, "image/png")],
    )
    assert merged == petition
    assert Petition.objects.count() == 1
    assert NumberSequence.objects.get(commune=commune, series="petition").last_number == 1
    event = PetitionEvent.objects.get(petition=petition, verb="duplicate_attached")
    assert "14/09/2026" in event.text
    assert "Gửi lần hai: đường vẫn sụt lún" in event.text
    assert event.is_public
    assert event.actor == reception
    assert petition.attachments.get().content_type == "image/png"
    assert AuditEvent.objects.filter(
        verb="petition.duplicate_attached", object_id=str(petition.pk)
    ).exists()
    petition.refresh_from_db()
    assert petition.status == Status.REGISTERED


def test_duplicate_cannot_join_a_closed_case_or_come_from_the_future(
    commune: Commune, leader: User
) -> None:
    open_case = register(commune, Kind.COMPLAINT)
    with refused("cannot be in the future"):
        services.petition_merge_submission(
            actor=leader, target=open_case, content="x", received_on=D(2026, 9, 16)
        )
    with refused("is not a PDF"):
        services.petition_merge_submission(
            actor=leader,
            target=open_case,
            content="x",
            received_on=TODAY,
            attachments=[upload("a.pdf", b"text")],
        )
    filed = register(commune, Kind.COMPLAINT)
    services.petition_file(actor=leader, petition=filed, reason="Đơn nặc danh")
    with refused("Only an open case can receive a duplicate submission"):
        services.petition_merge_submission(
            actor=leader, target=filed, content="x", received_on=TODAY
        )
    assert not PetitionEvent.objects.filter(verb="duplicate_attached").exists()
    assert Attachment.objects.count() == 0


def test_likely_duplicates_same_person_similar_content(commune: Commune) -> None:
    person = citizen(commune)
    mine = register(
        commune,
        Kind.COMPLAINT,
        person=person,
        summary="Khiếu nại thu hồi đất nông nghiệp",
        content="Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình tôi tại xứ đồng Cửa Đình",
    )
    other_person = citizen(commune, "Phạm Thị Lan", phone="0911111111", id_number="031111111111")
    register(
        commune,
        Kind.COMPLAINT,
        person=other_person,
        summary="Khiếu nại thu hồi đất nông nghiệp",
        content="Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình",
    )
    found = selectors.likely_duplicates(
        commune, content="khieu nai quyet dinh thu hoi dat cua gia dinh", citizen=person
    )
    assert [p for p, _score in found] == [mine]
    assert 0.25 <= found[0][1] <= 1
    # The same person about something else is not a duplicate.
    assert (
        selectors.likely_duplicates(
            commune, content="Xin cấp giấy phép xây dựng nhà ở", citizen=person
        )
        == []
    )
    # The case itself is left out when checking it.
    assert (
        selectors.likely_duplicates(
            commune,
            content="khieu nai quyet dinh thu hoi dat cua gia dinh",
            citizen=person,
            exclude_pk=mine.pk,
        )
        == []
    )


def test_likely_duplicates_same_village_ignores_diacritics(
    commune: Commune, other_commune: Commune, village: Unit
) -> None:
    flooded = register(
        commune,
        Kind.FEEDBACK,
        village=village,
        summary="Đường làng bị ngập nước",
        content="Đường làng bị ngập nước",
    )
    register(
        commune,
        Kind.FEEDBACK,
        village=village,
        summary="Đèn chiếu sáng hỏng",
        content="Đèn chiếu sáng ngõ xóm không hoạt động",
    )
    elsewhere = UnitFactory.create(commune=commune, name="Thôn Tây", kind="village")
    register(
        commune,
        Kind.FEEDBACK,
        village=elsewhere,
        summary="Đường làng bị ngập nước",
        content="Đường làng bị ngập nước",
    )
    found = selectors.likely_duplicates(
        commune, content="duong lang bi ngap nuoc", village_id=village.pk
    )
    assert [(p, score) for p, score in found] == [(flooded, 1.0)]
    found = selectors.likely_duplicates(
        commune, content="ĐƯỜNG LÀNG BỊ NGẬP NƯỚC sau mưa", village_id=village.pk
    )
    assert [p for p, _ in found] == [flooded]
    assert (
        selectors.likely_duplicates(commune, content="Trẻ em bỏ học", village_id=village.pk) == []
    )
    # Another commune's cases are never candidates.
    assert (
        selectors.likely_duplicates(
            other_commune, content="duong lang bi ngap nuoc", village_id=village.pk
        )
        == []
    )


def test_likely_duplicates_by_place_and_only_open_recent_cases(
    commune: Commune, leader: User, time_machine
) -> None:
    ditch = register(
        commune,
        Kind.FEEDBACK,
        place="Mương Cầu Đá",
        summary="Mương tắc gây ngập",
        content="Mương thoát nước tắc gây ngập ruộng",
    )
    assert [
        p
        for p, _ in selectors.likely_duplicates(
            commune, content="Muong thoat nuoc tac gay ngap ruong", place="muong cau da"
        )
    ] == [ditch]
    services.petition_file(actor=leader, petition=ditch, reason="Đã giải quyết")
    assert (
        selectors.likely_duplicates(
            commune, content="Mương thoát nước tắc gây ngập ruộng", place="Mương Cầu Đá"
        )
        == []
    )
    old = register(
        commune,
        Kind.FEEDBACK,
        place="Mương Cầu Đá",
        received_on=D(2026, 9, 1),
        summary="Mương tắc gây ngập",
        content="Mương thoát nước tắc gây ngập ruộng",
    )
    time_machine.move_to(dt.datetime(2027, 9, 10, 3, 0, tzinfo=dt.UTC))  # more than a year later
    assert old not in [
        p
        for p, _ in selectors.likely_duplicates(
            commune, content="Mương thoát nước tắc gây ngập ruộng", place="Mương Cầu Đá"
        )
    ]


def test_similarity_is_folded_and_ignores_stopwords() -> None:
    assert selectors.similarity("Đường làng bị ngập nước", "duong lang bi ngap nuoc") == 1.0
    assert selectors.similarity("và của cho", "và của cho") == 0.0  # only stopwords
    assert selectors.similarity("", "duong") == 0.0
    assert 0 < selectors.similarity("đường làng ngập", "đường làng khô ráo") < 1


# --- honest closure ----------------------------------------------------------------------------------
def in_progress(commune: Commune, leader: User, kind: str = Kind.RECOMMENDATION) -> object:
    petition = register(commune, kind)
    return services.petition_start_handling(actor=leader, petition=petition)


def test_resolved_needs_the_answer_and_its_evidence(commune: Commune, leader: User) -> None:
    petition = in_progress(commune, leader)
    with refused("A case is resolved only with its answer and the evidence document"):
        services.petition_close(actor=leader, petition=petition, closure=Closure.RESOLVED)
    accepted = services.petition_accept(
        actor=leader, petition=register(commune, Kind.COMPLAINT), on=TODAY
    )
    with refused("resolved only with its answer"):
        services.petition_close(
            actor=leader, petition=accepted, closure=Closure.RESOLVED, text="Đã xong"
        )
    assert Petition.objects.filter(status=Status.CLOSED).count() == 0


def test_refused_needs_a_legal_ground_and_transferred_a_body(
    commune: Commune, leader: User
) -> None:
    petition = in_progress(commune, leader)
    with refused("State the legal ground for the refusal"):
        services.petition_close(
            actor=leader, petition=petition, closure=Closure.REFUSED, text="Không"
        )
    with refused("Name the body the case was transferred to"):
        services.petition_close(
            actor=leader, petition=petition, closure=Closure.TRANSFERRED, transferred_to=" "
        )
    for closure in (Closure.UNRESOLVED, Closure.WITHDRAWN):
        with refused("State why the case is closed"):
            services.petition_close(actor=leader, petition=petition, closure=closure)
    for closure in (Closure.GUIDED, Closure.FILED, Closure.MERGED, "whatever"):
        with refused("Choose how the case ends"):
            services.petition_close(actor=leader, petition=petition, closure=closure, text="x")
    petition.refresh_from_db()
    assert petition.status == Status.IN_PROGRESS
    services.petition_close(
        actor=leader, petition=petition, closure=Closure.TRANSFERRED, transferred_to=" Công an xã "
    )
    petition.refresh_from_db()
    assert (petition.status, petition.closure, petition.transferred_to) == (
        Status.CLOSED,
        Closure.TRANSFERRED,
        "Công an xã",
    )


def test_refusal_records_its_legal_ground(commune: Commune, leader: User) -> None:
    petition = in_progress(commune, leader)
    services.petition_close(
        actor=leader,
        petition=petition,
        closure=Closure.REFUSED,
        legal_ground="Khoản 2 Điều 11 Luật Khiếu nại",
    )
    petition.refresh_from_db()
    assert petition.legal_ground == "Khoản 2 Điều 11 Luật Khiếu nại"
    assert AuditEvent.objects.get(verb="petition.closed", object_id=str(petition.pk)).after == {
        "status": Status.CLOSED,
        "closure": Closure.REFUSED,
    }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda p, a: services.petition_guide(actor=a, petition=p, to="  "),
            "Name the body the citizen should",
        ),
        (
            lambda p, a: services.petition_transfer(actor=a, petition=p, to=""),
            "Name the body the petition is",
        ),
        (
            lambda p, a: services.petition_refuse(actor=a, petition=p, legal_ground=" "),
            "State the legal ground",
        ),
        (
            lambda p, a: services.petition_file(actor=a, petition=p, reason=""),
            "State why the petition is filed",
        ),
    ],
)
def test_intake_outcomes_need_their_reason(
    call, message: str, commune: Commune, leader: User
) -> None:
    petition = register(commune, Kind.COMPLAINT)
    with refused(message):
        call(petition, leader)
    petition.refresh_from_db()
    assert petition.status == Status.REGISTERED
    assert petition.transferred_to == ""
    assert petition.legal_ground == ""


def test_guide_transfer_and_refusal_record_where_and_why(commune: Commune, leader: User) -> None:
    guided = services.petition_guide(
        actor=leader, petition=register(commune), to=" Tòa án nhân dân khu vực 1 "
    )
    refused_ = services.petition_refuse(
        actor=leader, petition=register(commune), legal_ground="Điều 11 LKN"
    )
    transferred = services.petition_transfer(
        actor=leader, petition=register(commune, Kind.DENUNCIATION), to="Thanh tra tỉnh"
    )
    guided.refresh_from_db()
    assert guided.transferred_to == "Tòa án nhân dân khu vực 1"
    assert Petition.objects.get(pk=refused_.pk).legal_ground == "Điều 11 LKN"
    assert Petition.objects.get(pk=transferred.pk).transferred_to == "Thanh tra tỉnh"
    filed = services.petition_file(actor=leader, petition=register(commune), reason="Đơn trùng")
    event = PetitionEvent.objects.get(petition=filed, verb="filed")
    assert event.is_public is False  # filing is an internal note, not shown to the citizen


def test_decision_needs_its_text_and_an_issued_document(commune: Commune, leader: User) -> None:
    petition = services.petition_accept(actor=leader, petition=register(commune), on=TODAY)
    services.petition_verify(actor=leader, petition=petition, text="Giao xác minh")
    with refused("Attach the issued decision or conclusion document"):
        services.petition_decide(actor=leader, petition=petition, text="Quyết định", document=None)
    with refused("Attach the issued decision"):
        services.petition_decide(
            actor=leader, petition=petition, text="Quyết định", document=draft_document(commune)
        )
    document = issued_document(commune)
    with refused("Write the content of the decision"):
        services.petition_decide(actor=leader, petition=petition, text=" ", document=document)
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.status, fresh.answer_text, fresh.answer_document) == (Status.VERIFYING, "", None)
    services.petition_decide(
        actor=leader, petition=petition, text="Công nhận một phần", document=document
    )
    fresh.refresh_from_db()
    assert (fresh.status, fresh.answer_text, fresh.answer_document) == (
        Status.DECIDED,
        "Công nhận một phần",
        document,
    )
    assert PetitionEvent.objects.get(petition=petition, verb="decided").document == document
    services.petition_close(actor=leader, petition=petition, closure=Closure.RESOLVED)
    assert Petition.objects.get(pk=petition.pk).closure == Closure.RESOLVED


def test_answer_needs_its_text_and_evidence(commune: Commune, leader: User) -> None:
    petition = in_progress(commune, leader, Kind.INFO_REQUEST)
    with refused("Write the answer"):
        services.petition_answer(actor=leader, petition=petition, text="", evidence=evidence())
    with refused("An answer needs its evidence"):
        services.petition_answer(actor=leader, petition=petition, text="Thông tin như sau")
    with refused("An answer needs its evidence"):
        services.petition_answer(
            actor=leader, petition=petition, text="Thông tin", document=draft_document(commune)
        )
    with refused("is not a PDF"):
        services.petition_answer(
            actor=leader,
            petition=petition,
            text="Thông tin",
            evidence=upload("x.pdf", b"plain text"),
        )
    assert Petition.objects.get(pk=petition.pk).status == Status.IN_PROGRESS
    assert Attachment.objects.count() == 0
    document = issued_document(commune, doc_type="CV", title="Cung cấp thông tin quy hoạch")
    services.petition_answer(
        actor=leader, petition=petition, text="Thông tin quy hoạch", document=document
    )
    petition.refresh_from_db()
    assert (petition.status, petition.answer_text, petition.answer_document) == (
        Status.ANSWERED,
        "Thông tin quy hoạch",
        document,
    )
    services.petition_close(actor=leader, petition=petition, closure=Closure.RESOLVED)
    assert Petition.objects.get(pk=petition.pk).closure == Closure.RESOLVED


def test_answer_with_a_file_as_evidence(commune: Commune, leader: User) -> None:
    petition = in_progress(commune, leader, Kind.FEEDBACK)
    services.petition_answer(
        actor=leader, petition=petition, text="Đã thay đèn", evidence=evidence("bien-ban.pdf")
    )
    attachment = petition.attachments.get()
    assert (attachment.purpose, attachment.original_name) == (
        Attachment.Purpose.ANSWER,
        "bien-ban.pdf",
    )
    services.petition_close(actor=leader, petition=petition, closure=Closure.RESOLVED)
    assert Petition.objects.get(pk=petition.pk).closure == Closure.RESOLVED


def test_reopened_case_needs_a_new_answer_to_be_resolved(commune: Commune, leader: User) -> None:
    petition = in_progress(commune, leader)
    services.petition_answer(
        actor=leader, petition=petition, text="Đã sửa đường", evidence=evidence()
    )
    services.petition_close(actor=leader, petition=petition, closure=Closure.RESOLVED)
    services.petition_reopen(actor=leader, petition=petition, reason="Đường vẫn sụt lún")
    with refused("resolved only with its answer"):
        services.petition_close(actor=leader, petition=petition, closure=Closure.RESOLVED)


def test_verification_dialogue_and_reopen_need_their_text(commune: Commune, leader: User) -> None:
    petition = services.petition_accept(actor=leader, petition=register(commune), on=TODAY)
    with refused("Describe the verification"):
        services.petition_verify(actor=leader, petition=petition, text=" ")
    services.petition_verify(actor=leader, petition=petition, text="Giao xác minh")
    with refused("Record the time, place and participants"):
        services.petition_dialogue(actor=leader, petition=petition, text="")
    closed = in_progress(commune, leader)
    services.petition_close(
        actor=leader, petition=closed, closure=Closure.UNRESOLVED, text="Không liên lạc được"
    )
    with refused("State why the case is reopened"):
        services.petition_reopen(actor=leader, petition=closed, reason=" ")
    assert Petition.objects.get(pk=closed.pk).status == Status.CLOSED


# --- classification and assignment -------------------------------------------------------------------
def test_classification_only_while_processing(commune: Commune, leader: User) -> None:
    petition = register(commune)
    services.petition_classify(
        actor=leader,
        petition=petition,
        field="land",
        is_eligible=True,
        jurisdiction="ours",
        complaint_stage="first",
        flags=[Flag.REMOTE],
    )
    petition.refresh_from_db()
    assert (
        petition.field,
        petition.is_eligible,
        petition.jurisdiction,
        petition.complaint_stage,
        petition.flags,
    ) == ("land", True, "ours", "first", ["remote"])
    assert AuditEvent.objects.filter(
        verb="petition.classified", object_id=str(petition.pk)
    ).exists()
    # The remote flag chooses the longer resolution clock on acceptance.
    services.petition_accept(actor=leader, petition=petition, on=TODAY)
    assert "KN-3R" in clocks(petition, open_only=True)
    with refused("Only a petition being processed can be reclassified"):
        services.petition_classify(actor=leader, petition=petition, field="housing")


def test_assignment_stays_in_the_commune_and_the_unit(
    commune: Commune, other_commune: Commune, unit: Unit, officer: User, leader: User
) -> None:
    petition = register(commune)
    theirs = UnitFactory.create(commune=other_commune, name="Phòng Kinh tế")
    with refused("does not belong to this commune"):
        services.petition_assign(actor=leader, petition=petition, unit=theirs)
    economy = UnitFactory.create(commune=commune, name="Phòng Kinh tế")
    with refused("does not work in that unit"):
        services.petition_assign(actor=leader, petition=petition, unit=economy, officer=officer)
    services.petition_assign(actor=leader, petition=petition, unit=unit, officer=officer)
    petition.refresh_from_db()
    assert (petition.assigned_unit, petition.assigned_officer) == (unit, officer)
    audit = AuditEvent.objects.get(verb="petition.assigned")
    assert audit.after == {"unit": unit.pk, "officer": officer.pk}
