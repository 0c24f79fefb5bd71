"""The denouncer's identity (Luật Tố cáo Art 8, 9, 47; QĐ 774/QĐ-TTg "Mật"; DOMAIN §3.4): stored
apart and encrypted, read only by the resolver or someone a leader cleared for that one case,
every read audited, never in search, timeline, audit, notifications or e-mail. And who sees which
petitions at all."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import connection
from django.http import Http404

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.crypto import blind_index, decrypt_text, encrypt_text
from danvan.core.models import AuditEvent, Commune, Deadline, Notification, Unit
from danvan.core.text import fold
from danvan.petitions import identity, selectors, services
from danvan.petitions.identity import REDACTED
from danvan.petitions.models import (
    Channel,
    DenouncerIdentity,
    Flag,
    IdentityClearance,
    Petition,
    PetitionEvent,
)
from danvan.petitions.notifications import remind_and_escalate
from danvan.petitions.states import Closure, Kind

from .factories import DENOUNCER, TODAY, issued_document, register

pytestmark = pytest.mark.usefixtures("frozen_today")

SECRETS = [DENOUNCER[key] for key in ("name", "phone", "id_number", "address", "email")]


def secret_fragments() -> list[str]:
    """The identity and its searchable forms (folded name, the distinctive given name)."""
    return [*SECRETS, fold(DENOUNCER["name"]), "Bích Ngọc", "bich ngoc"]


def assert_no_identity(text: str) -> None:
    folded = fold(text)
    for fragment in secret_fragments():
        assert fragment not in text, fragment
        assert fold(fragment) not in folded, fragment


@pytest.fixture
def denunciation(commune: Commune, reception: User) -> Petition:
    return register(commune, Kind.DENUNCIATION, actor=reception, channel=Channel.PRESS)


# --- the case holds no identity ----------------------------------------------------------------------
def test_identity_is_not_on_the_petition(denunciation: Petition) -> None:
    petition = Petition.objects.get(pk=denunciation.pk)
    assert petition.citizen is None
    assert_no_identity(petition.search_folded)
    assert_no_identity(petition.summary)
    assert_no_identity(petition.content)
    assert_no_identity(str(petition))
    # Every column of the row, as the database holds it.
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Petition._meta.db_table)
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [petition.pk])  # noqa: S608 (a model's table)
        row = cursor.fetchone()
    assert_no_identity(" ".join(str(value) for value in row))


def test_nothing_generated_along_the_lifecycle_names_the_denouncer(
    commune: Commune, denunciation: Petition, leader: User, officer: User, unit: Unit
) -> None:
    petition = denunciation
    services.petition_classify(
        actor=leader, petition=petition, field="corruption", is_eligible=True
    )
    services.petition_assign(actor=leader, petition=petition, unit=unit, officer=officer)
    services.petition_accept(actor=leader, petition=petition, on=TODAY)
    services.petition_verify(
        actor=leader, petition=petition, text="Giao Phòng Văn hoá - Xã hội xác minh"
    )
    services.petition_suspend(
        actor=leader, petition=petition, on=TODAY, reason="Chờ kết quả giám định"
    )
    services.petition_resume(actor=leader, petition=petition, on=TODAY)
    services.petition_extend(
        actor=leader, petition=petition, days=30, decided_on=TODAY, decision="QĐ 3/QĐ-UBND"
    )
    services.petition_decide(
        actor=leader,
        petition=petition,
        text="Tố cáo đúng một phần",
        document=issued_document(commune, doc_type="KL", title="Kết luận nội dung tố cáo"),
    )
    services.petition_close(actor=leader, petition=petition, closure=Closure.RESOLVED)
    events = PetitionEvent.objects.filter(petition=petition)
    assert events.count() >= 9
    for event in events:
        assert_no_identity(event.text)
    for audit in AuditEvent.objects.all():
        assert_no_identity(
            json.dumps(
                [audit.before, audit.after, audit.reason, audit.object_repr], ensure_ascii=False
            )
        )
    for deadline in Deadline.objects.all():
        assert_no_identity(deadline.label + json.dumps(deadline.explanation, ensure_ascii=False))


def test_registration_audit_holds_no_identity(denunciation: Petition) -> None:
    audit = AuditEvent.objects.get(verb="petition.registered", object_id=str(denunciation.pk))
    assert set(audit.after) == {"kind", "channel", "received_on", "case_number"}
    for audit in AuditEvent.objects.all():
        assert_no_identity(
            json.dumps(
                [audit.before, audit.after, audit.reason, audit.object_repr], ensure_ascii=False
            )
        )
    assert not AuditEvent.objects.filter(verb="denouncer.identity_viewed").exists()


def test_identity_columns_hold_ciphertext(denunciation: Petition) -> None:
    table = connection.ops.quote_name(DenouncerIdentity._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name_enc, phone_enc, id_number_enc, address_enc, email_enc, id_number_index "  # noqa: S608
            f"FROM {table} WHERE petition_id = %s",
            [denunciation.pk],
        )
        name_enc, phone_enc, id_enc, address_enc, email_enc, id_index = cursor.fetchone()
    raw = " ".join((name_enc, phone_enc, id_enc, address_enc, email_enc, id_index))
    assert_no_identity(raw)
    for token in (name_enc, phone_enc, id_enc, address_enc, email_enc):
        assert token.startswith("gAAAAA")  # a Fernet token
    # The same value encrypts differently each time (no equality leak between cases).
    assert encrypt_text(DENOUNCER["name"]) != name_enc
    assert decrypt_text(name_enc) == DENOUNCER["name"]
    # The blind index lets "same denouncer?" be asked without storing the number.
    assert id_index == blind_index(DENOUNCER["id_number"]) != DENOUNCER["id_number"]
    assert len(id_index) == 64


def test_a_different_key_cannot_decrypt(denunciation: Petition, settings) -> None:
    record = DenouncerIdentity.objects.get(petition=denunciation)
    assert decrypt_text(record.name_enc) == DENOUNCER["name"]
    settings.FIELD_ENCRYPTION_KEY = "another-field-encryption-key"
    with pytest.raises(ValueError, match="cannot be read with the current key"):
        decrypt_text(record.name_enc)
    with pytest.raises(ValueError, match="current key"):
        decrypt_text(record.phone_enc)
    assert blind_index(DENOUNCER["id_number"]) != record.id_number_index


def test_the_key_is_the_field_key_not_the_secret_key(settings) -> None:
    settings.FIELD_ENCRYPTION_KEY = settings.SECRET_KEY
    with pytest.raises(ImproperlyConfigured):
        encrypt_text("Trần Thị Bích Ngọc")
    settings.FIELD_ENCRYPTION_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        encrypt_text("Trần Thị Bích Ngọc")
    settings.FIELD_ENCRYPTION_KEY = "test-field-encryption-key-not-for-production"
    assert decrypt_text(encrypt_text("Trần Thị Bích Ngọc")) == "Trần Thị Bích Ngọc"
    assert encrypt_text("") == ""
    assert decrypt_text("") == ""


# --- who may read it -----------------------------------------------------------------------------------
DENIED = [
    Role.HANDLING_OFFICER,
    Role.UNIT_HEAD,
    Role.RECEPTION_OFFICER,
    Role.FRONT_OFFICER,
    Role.VILLAGE_HEAD,
    Role.ADMIN,
    Role.COORDINATOR,
    Role.COMMUNITY_INSPECTOR,
    Role.PROVINCE_VIEWER,
]


@pytest.mark.parametrize("role", DENIED)
def test_identity_view_is_denied_to_everyone_but_the_leader(
    role: str, denunciation: Petition, make_user: Callable[..., User], unit: Unit, leader: User
) -> None:
    user = make_user(role, unit=unit if role in (Role.HANDLING_OFFICER, Role.UNIT_HEAD) else None)
    # Even the officer handling the case.
    services.petition_assign(
        actor=leader,
        petition=denunciation,
        unit=unit,
        officer=user if role == Role.HANDLING_OFFICER else None,
    )
    assert not identity.may_view_identity(user, denunciation)
    with pytest.raises(PermissionDenied):
        identity.identity_view(actor=user, petition=denunciation)
    assert not AuditEvent.objects.filter(verb="denouncer.identity_viewed").exists()


def test_identity_view_is_denied_to_a_leader_of_another_commune(
    denunciation: Petition,
    make_user: Callable[..., User],
    other_commune: Commune,
    foreign_commune: Commune,
) -> None:
    for commune in (other_commune, foreign_commune):
        stranger = make_user(Role.LEADER, commune_=commune)
        with pytest.raises(PermissionDenied):
            identity.identity_view(actor=stranger, petition=denunciation)
    assert not AuditEvent.objects.filter(verb="denouncer.identity_viewed").exists()


def test_identity_view_is_denied_to_an_anonymous_user(denunciation: Petition) -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        identity.identity_view(actor=AnonymousUser(), petition=denunciation)
    with pytest.raises(PermissionDenied):
        identity.identity_view(actor=None, petition=denunciation)


def test_the_leader_reads_the_identity_and_every_read_is_audited(
    denunciation: Petition, leader: User
) -> None:
    seen = identity.identity_view(actor=leader, petition=denunciation, purpose="Mời làm việc")
    assert seen == identity.Identity(
        name=DENOUNCER["name"],
        address=DENOUNCER["address"],
        id_number=DENOUNCER["id_number"],
        phone=DENOUNCER["phone"],
        email=DENOUNCER["email"],
    )
    identity.identity_view(actor=leader, petition=denunciation)
    views = AuditEvent.objects.filter(verb="denouncer.identity_viewed").order_by("at", "id")
    assert views.count() == 2
    first = views[0]
    assert (first.actor, first.commune, first.object_type, first.object_id, first.reason) == (
        leader,
        denunciation.commune,
        "petitions.petition",
        str(denunciation.pk),
        "Mời làm việc",
    )
    assert views[1].reason == "view"
    for audit in views:
        assert_no_identity(
            json.dumps(
                [audit.before, audit.after, audit.reason, audit.object_repr], ensure_ascii=False
            )
        )


def test_anonymous_information_has_no_identity_to_read(commune: Commune, leader: User) -> None:
    petition = register(commune, Kind.DENUNCIATION, flags=[Flag.ANONYMOUS])
    assert identity.identity_view(actor=leader, petition=petition) is None
    assert not AuditEvent.objects.filter(verb="denouncer.identity_viewed").exists()


def test_clearance_lets_one_officer_see_one_case(
    commune: Commune,
    denunciation: Petition,
    leader: User,
    officer: User,
    make_user: Callable[..., User],
    unit: Unit,
) -> None:
    other_case = register(
        commune, Kind.DENUNCIATION, denouncer={"name": "Đỗ Minh Khang", "phone": "0909000111"}
    )
    colleague = make_user(Role.HANDLING_OFFICER, unit=unit)
    with pytest.raises(PermissionDenied):  # only the leader clears
        identity.clearance_grant(actor=officer, petition=denunciation, user=officer)
    assert not IdentityClearance.objects.exists()
    clearance = identity.clearance_grant(actor=leader, petition=denunciation, user=officer)
    assert (clearance.petition, clearance.user, clearance.granted_by) == (
        denunciation,
        officer,
        leader,
    )
    assert identity.clearance_grant(actor=leader, petition=denunciation, user=officer) == clearance
    assert IdentityClearance.objects.count() == 1
    granted = AuditEvent.objects.filter(
        verb="denouncer.clearance_granted", object_id=str(denunciation.pk)
    )
    assert granted.first().after == {"user": officer.pk}
    # The cleared officer sees this case, and the read is audited in their name.
    assert identity.identity_view(actor=officer, petition=denunciation).name == DENOUNCER["name"]
    viewed = AuditEvent.objects.get(verb="denouncer.identity_viewed")
    assert (viewed.actor, viewed.object_id) == (officer, str(denunciation.pk))
    # Not another case, and no colleague through them.
    with pytest.raises(PermissionDenied):
        identity.identity_view(actor=officer, petition=other_case)
    with pytest.raises(PermissionDenied):
        identity.identity_view(actor=colleague, petition=denunciation)
    assert AuditEvent.objects.filter(verb="denouncer.identity_viewed").count() == 1


def test_search_by_the_denouncer_finds_nothing(
    commune: Commune, denunciation: Petition, leader: User
) -> None:
    for query in (*SECRETS, fold(DENOUNCER["name"]), "Bích Ngọc", DENOUNCER["name"].upper()):
        assert list(selectors.petition_list(leader, commune, q=query)) == [], query
    # The case itself is found by what it is about.
    assert list(selectors.petition_list(leader, commune, q="dia chinh")) == [denunciation]
    assert list(selectors.petition_list(leader, commune, q=denunciation.case_number)) == [
        denunciation
    ]
    assert list(selectors.find_citizens(commune, DENOUNCER["name"])) == []
    assert list(selectors.find_citizens(commune, DENOUNCER["phone"])) == []


def test_petitioner_is_never_named_in_lists(denunciation: Petition) -> None:
    assert_no_identity(denunciation.petitioner_display)


def test_redact_removes_name_phone_id_address_and_email(
    denunciation: Petition, commune: Commune
) -> None:
    text = (
        f"Bà {DENOUNCER['name']} (CCCD {DENOUNCER['id_number']}, điện thoại {DENOUNCER['phone']}, "
        f"e-mail {DENOUNCER['email']}) trú tại {DENOUNCER['address']}. Ký tên: {DENOUNCER['name'].upper()}. "
        "Nội dung: cán bộ địa chính nhận tiền."
    )
    redacted = identity.redact(text, denunciation)
    assert_no_identity(redacted)
    assert redacted.count(REDACTED) == 6
    assert redacted.startswith(f"Bà {REDACTED} (CCCD {REDACTED}, điện thoại {REDACTED}")
    assert redacted.endswith("Nội dung: cán bộ địa chính nhận tiền.")
    # Nothing to redact: the text comes back unchanged.
    assert identity.redact("Nội dung tố cáo", denunciation) == "Nội dung tố cáo"
    assert identity.redact("", denunciation) == ""
    complaint = register(commune, Kind.COMPLAINT)
    assert identity.redact(text, complaint) == text


# --- notifications and e-mail -------------------------------------------------------------------------
def test_reminders_and_e_mails_never_name_the_denouncer(
    commune: Commune,
    leader: User,
    officer: User,
    unit: Unit,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks,
) -> None:
    head = make_user(Role.UNIT_HEAD, unit=unit)
    for user in (leader, officer, head):
        user.email = f"{user.username}@anquang.gov.vn"
        user.save(update_fields=["email"])
    # TC-1 (7 working days): received Tue 01/09 → due Fri 11/09, overdue; received Tue 08/09 →
    # due Thu 17/09, in two days.
    overdue = register(commune, Kind.DENUNCIATION, received_on=TODAY.replace(day=1))
    soon = register(commune, Kind.DENUNCIATION, received_on=TODAY.replace(day=8))
    assert (overdue.due_on, soon.due_on) == (TODAY.replace(day=11), TODAY.replace(day=17))
    for petition in (overdue, soon):
        services.petition_assign(actor=leader, petition=petition, unit=unit, officer=officer)
    with django_capture_on_commit_callbacks(execute=True):
        created = remind_and_escalate()
    assert created == 4  # overdue: officer, unit head, leader; soon: officer
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        assert_no_identity(f"{message.subject}\n{message.body}")
    for notification in Notification.objects.all():
        assert_no_identity(f"{notification.title}\n{notification.body}\n{notification.url}")


# --- who sees which petitions --------------------------------------------------------------------------
@pytest.fixture
def cases(commune: Commune, village: Unit, unit: Unit, leader: User) -> dict[str, Petition]:
    economy = UnitFactory.create(commune=commune, name="Phòng Kinh tế", short_name="KT")
    made = {
        "village_complaint": register(commune, Kind.COMPLAINT, village=village),
        "village_denunciation": register(commune, Kind.DENUNCIATION, village=village),
        "front_feedback": register(commune, Kind.FEEDBACK, channel=Channel.FRONT),
        "front_denunciation": register(commune, Kind.DENUNCIATION, channel=Channel.FRONT),
        "unit_denunciation": register(commune, Kind.DENUNCIATION),
        "unit_recommendation": register(commune, Kind.RECOMMENDATION),
        "economy_complaint": register(commune, Kind.COMPLAINT),
    }
    for key in ("unit_denunciation", "unit_recommendation"):
        services.petition_assign(actor=leader, petition=made[key], unit=unit)
    services.petition_assign(actor=leader, petition=made["economy_complaint"], unit=economy)
    return made


def visible(user: User, commune: Commune, cases: dict[str, Petition]) -> set[str]:
    pks = set(selectors.visible_petitions(user, commune).values_list("pk", flat=True))
    return {key for key, petition in cases.items() if petition.pk in pks}


def test_village_head_sees_the_village_but_no_denunciation(
    cases: dict[str, Petition], commune: Commune, village: Unit, make_user: Callable[..., User]
) -> None:
    head = make_user(Role.VILLAGE_HEAD, unit=village)
    assert visible(head, commune, cases) == {"village_complaint"}
    with pytest.raises(Http404):
        selectors.get_petition(head, commune, cases["village_denunciation"].pk)


def test_front_officer_sees_what_the_front_forwarded_but_no_denunciation(
    cases: dict[str, Petition], commune: Commune, make_user: Callable[..., User]
) -> None:
    front = make_user(Role.FRONT_OFFICER)
    assert visible(front, commune, cases) == {"front_feedback"}


def test_handling_officer_and_unit_head_see_only_their_units_cases(
    cases: dict[str, Petition],
    commune: Commune,
    unit: Unit,
    officer: User,
    make_user: Callable[..., User],
    leader: User,
) -> None:
    head = make_user(Role.UNIT_HEAD, unit=unit)
    assert visible(officer, commune, cases) == {"unit_denunciation", "unit_recommendation"}
    assert visible(head, commune, cases) == {"unit_denunciation", "unit_recommendation"}
    # A case assigned to the officer personally is visible too.
    services.petition_assign(
        actor=leader, petition=cases["village_complaint"], unit=None, officer=officer
    )
    assert "village_complaint" in visible(officer, commune, cases)
    with pytest.raises(Http404):
        selectors.get_petition(officer, commune, cases["economy_complaint"].pk)
    assert (
        selectors.get_petition(officer, commune, cases["unit_denunciation"].pk)
        == cases["unit_denunciation"]
    )


@pytest.mark.parametrize(
    "role", [Role.LEADER, Role.RECEPTION_OFFICER, Role.ADMIN, Role.PROVINCE_VIEWER]
)
def test_reception_leaders_admins_and_the_province_see_everything(
    role: str, cases: dict[str, Petition], commune: Commune, make_user: Callable[..., User]
) -> None:
    assert visible(make_user(role), commune, cases) == set(cases)


@pytest.mark.parametrize(
    "role", [Role.LEADER, Role.RECEPTION_OFFICER, Role.HANDLING_OFFICER, Role.ADMIN]
)
def test_users_of_another_commune_see_nothing(
    role: str,
    cases: dict[str, Petition],
    commune: Commune,
    other_commune: Commune,
    make_user: Callable[..., User],
) -> None:
    stranger = make_user(role, commune_=other_commune)
    assert visible(stranger, commune, cases) == set()
    assert list(selectors.petition_list(stranger, commune)) == []
    with pytest.raises(Http404):
        selectors.get_petition(stranger, commune, cases["village_complaint"].pk)


def test_province_viewer_of_another_province_sees_nothing(
    cases: dict[str, Petition], commune: Commune, foreign_commune: Commune
) -> None:
    from danvan.accounts.models import Membership
    from danvan.accounts.tests.factories import UserFactory

    viewer = UserFactory.create()
    Membership.objects.create(
        user=viewer, role=Role.PROVINCE_VIEWER, province=foreign_commune.province
    )
    assert visible(viewer, commune, cases) == set()


def test_inactive_membership_sees_nothing(
    cases: dict[str, Petition], commune: Commune, leader: User
) -> None:
    leader.memberships.update(is_active=False)
    fresh = User.objects.get(pk=leader.pk)  # roles are cached on the user object
    assert visible(fresh, commune, cases) == set()
    with pytest.raises(PermissionDenied):
        identity.identity_view(actor=fresh, petition=cases["unit_denunciation"])


def test_public_notes_and_the_old_register_text_never_name_the_denouncer(
    commune: Commune, leader: User
) -> None:
    petition = register(commune, Kind.DENUNCIATION, received_on=TODAY)
    named = f"Đã trả lời bà {DENOUNCER['name']}, SĐT {DENOUNCER['phone']}."
    note = services.petition_note(actor=leader, petition=petition, text=named, public=True)
    assert DENOUNCER["name"] not in note.text
    assert REDACTED in note.text
    internal = services.petition_note(actor=leader, petition=petition, text=named)
    assert DENOUNCER["name"] in internal.text  # an internal note is the officers' own record

    old = register(commune, Kind.DENUNCIATION, received_on=TODAY)
    services.petition_close_historical(
        actor=leader,
        petition=old,
        closure=Closure.RESOLVED,
        closed_on=TODAY,
        register_text=named,
    )
    public = " ".join(old.events.filter(is_public=True).values_list("text", flat=True))
    assert "Kết thúc theo sổ theo dõi đơn cũ" in public
    assert DENOUNCER["name"] not in public
    assert DENOUNCER["phone"] not in public
    reasons = AuditEvent.objects.filter(verb="petition.closed_historical")
    assert not any(DENOUNCER["name"] in (a.reason or "") for a in reasons)
