"""API keys and personal access tokens: made and shown once, stored as digests, revoked, audited;
the commands print the secret on their last line; the staff pages and who may use them."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.api import services
from danvan.api.credentials import digest
from danvan.api.models import ApiKey, StaffToken
from danvan.api.selectors import api_key_for, staff_token_for
from danvan.api.tests.conftest import NOW, OPEN311
from danvan.core.models import AuditEvent, Commune


def last_line(out: StringIO) -> str:
    return out.getvalue().strip().splitlines()[-1]


# --- services -------------------------------------------------------------------------------------
def test_a_key_is_stored_as_a_digest_and_shown_once(commune: Commune) -> None:
    key, raw = services.api_key_create(actor=None, name="  Ứng dụng   Zalo ", commune=commune)
    assert raw.startswith("o311_")
    assert len(raw) > 40
    assert key.name == "Ứng dụng Zalo"
    assert key.hashed_key == digest(raw)
    assert raw.startswith(key.prefix)
    assert raw not in str(list(ApiKey.objects.values()))
    assert api_key_for(raw) == key
    assert api_key_for(raw + "x") is None
    event = AuditEvent.objects.get(verb="api.key_created", object_id=str(key.pk))
    assert event.commune == commune
    assert raw not in str(event.after)


def test_one_active_key_per_name(commune: Commune) -> None:
    key, _raw = services.api_key_create(actor=None, name="Zalo", commune=commune)
    with pytest.raises(ValidationError) as refused:
        services.api_key_create(actor=None, name="Zalo")
    assert "name" in refused.value.message_dict
    services.api_key_revoke(actor=None, key=key)
    assert services.api_key_create(actor=None, name="Zalo")[0].is_active
    with pytest.raises(ValidationError):
        services.api_key_create(actor=None, name="   ")


def test_revoking_a_key_is_audited_and_final(commune: Commune, make_user) -> None:
    admin = make_user(Role.ADMIN)
    key, raw = services.api_key_create(actor=admin, name="Zalo", commune=commune)
    services.api_key_revoke(actor=admin, key=key)
    key.refresh_from_db()
    assert (key.is_active, key.revoked_by, key.revoked_at is not None) == (False, admin, True)
    assert api_key_for(raw) is None
    assert AuditEvent.objects.filter(verb="api.key_revoked", actor=admin).exists()
    with pytest.raises(ValidationError):
        services.api_key_revoke(actor=admin, key=key)


def test_a_token_dies_with_revocation_expiry_or_the_account(
    commune: Commune, make_user, time_machine
) -> None:
    time_machine.move_to(NOW)
    user = make_user(Role.RECEPTION_OFFICER)
    token, raw = services.staff_token_create(actor=user, user=user, name="Một cửa", days=30)
    assert raw.startswith("dvpat_")
    assert token.hashed_key == digest(raw)
    assert staff_token_for(raw) == token
    assert AuditEvent.objects.filter(verb="api.staff_token_created", actor=user).exists()
    time_machine.shift(31 * 24 * 3600)
    assert staff_token_for(raw) is None
    second, raw2 = services.staff_token_create(actor=user, user=user, name="Một cửa")
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert staff_token_for(raw2) is None
    User.objects.filter(pk=user.pk).update(is_active=True)
    services.staff_token_revoke(actor=user, token=second)
    assert staff_token_for(raw2) is None
    assert AuditEvent.objects.filter(verb="api.staff_token_revoked").exists()
    with pytest.raises(ValidationError):
        services.staff_token_create(actor=user, user=user, name="x", days=0)


# --- commands -------------------------------------------------------------------------------------
def test_open311_key_command_prints_the_key_on_its_last_line(
    client: Client, commune: Commune
) -> None:
    out = StringIO()
    call_command("open311_key", "Cổng dịch vụ công", "--commune", "aq", stdout=out)
    raw = last_line(out)
    key = api_key_for(raw)
    assert key is not None
    assert key.name == "Cổng dịch vụ công"
    assert key.commune == commune
    response = client.post(
        f"{OPEN311}/requests.json",
        {
            "api_key": raw,
            "service_code": "other",
            "address_string": "Thôn An Lạc",
            "description": "Đề nghị lắp thêm biển báo giao thông.",
            "last_name": "Phạm",
            "first_name": "Lan",
            "phone": "0912000111",
        },
    )
    assert response.status_code == 200, response.content


def test_open311_key_command_errors_and_if_missing(commune: Commune) -> None:
    with pytest.raises(CommandError):
        call_command("open311_key", "Zalo", "--commune", "KHONGCO", stdout=StringIO())
    out = StringIO()
    call_command("open311_key", "Zalo", stdout=out)
    assert api_key_for(last_line(out)).commune is None
    with pytest.raises(CommandError):
        call_command("open311_key", "Zalo", stdout=StringIO())
    again = StringIO()
    assert call_command("open311_key", "Zalo", "--if-missing", stdout=again) == ""
    assert api_key_for(last_line(again)) is None
    assert ApiKey.objects.count() == 1


def test_staff_token_command_prints_the_token_on_its_last_line(
    make_user: Callable[..., User], commune: Commune
) -> None:
    user = make_user(Role.LEADER)
    out = StringIO()
    call_command("staff_token", user.username, "--name", "Báo cáo tỉnh", "--days", "7", stdout=out)
    raw = last_line(out)
    token = staff_token_for(raw)
    assert token is not None
    assert (token.user, token.name) == (user, "Báo cáo tỉnh")
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/petitions")
    assert response.status_code == 200
    with pytest.raises(CommandError):
        call_command("staff_token", "khong-co-ai", stdout=StringIO())


def test_seed_demo_prints_the_demo_key_once(client: Client, db: None) -> None:
    first = StringIO()
    call_command("seed_demo", stdout=first)
    line = next(
        x for x in first.getvalue().splitlines() if x.startswith("Open311 API key (demo client): ")
    )
    raw = line.removeprefix("Open311 API key (demo client): ")
    key = api_key_for(raw)
    assert key is not None
    assert key.name == "Ứng dụng demo"
    assert key.commune == Commune.objects.get(code="AQ")
    second = StringIO()
    call_command("seed_demo", stdout=second)
    assert (
        "Open311 API key (demo client): already created; make a new one with: "
        "python manage.py open311_key NAME"
    ) in second.getvalue()
    assert raw not in second.getvalue()
    assert ApiKey.objects.count() == 1


# --- staff pages ----------------------------------------------------------------------------------
def test_admin_creates_sees_once_and_revokes_a_key(client_for: Callable[..., Client]) -> None:
    admin = client_for(Role.ADMIN)
    assert admin.get("/api-keys/").status_code == 200
    response = admin.post("/api-keys/", {"name": "Ứng dụng Zalo"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = ApiKey.objects.get()
    page = response.content.decode()
    assert 'data-testid="new-secret"' in page
    raw = page.split('data-testid="secret-value">')[1].split("<")[0]
    assert api_key_for(raw) == key
    listing = admin.get("/api-keys/").content.decode()
    assert key.prefix in listing
    assert raw not in listing
    assert 'data-testid="new-secret"' not in listing
    duplicate = admin.post("/api-keys/", {"name": "Ứng dụng Zalo"})
    assert ApiKey.objects.count() == 1
    assert "invalid-feedback" in duplicate.content.decode()
    assert admin.post(f"/api-keys/{key.pk}/revoke/").status_code == 302
    assert api_key_for(raw) is None
    assert AuditEvent.objects.filter(verb="api.key_revoked", object_id=str(key.pk)).exists()


def test_a_key_of_another_commune_cannot_be_revoked(
    client_for: Callable[..., Client], other_commune: Commune
) -> None:
    theirs, raw = services.api_key_create(actor=None, name="Của xã khác", commune=other_commune)
    admin = client_for(Role.ADMIN)
    assert "Của xã khác" not in admin.get("/api-keys/").content.decode()
    assert admin.post(f"/api-keys/{theirs.pk}/revoke/").status_code == 404
    assert api_key_for(raw) == theirs


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_administrators_manage_keys(client_for: Callable[..., Client], role: Role) -> None:
    other = client_for(role)
    assert other.get("/api-keys/").status_code == 403
    assert other.post("/api-keys/", {"name": "X"}).status_code == 403
    assert not ApiKey.objects.exists()


def test_pages_need_login(client: Client, db: None) -> None:
    for url in ("/api-keys/", "/api-keys/tokens/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_a_user_makes_uses_and_revokes_a_personal_token(
    make_user: Callable[..., User],
) -> None:
    user = make_user(Role.HANDLING_OFFICER)
    browser = Client()
    browser.force_login(user)
    response = browser.post("/api-keys/tokens/", {"name": "Hệ thống một cửa", "days": "90"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = response.content.decode().split('data-testid="secret-value">')[1].split("<")[0]
    token = StaffToken.objects.get(user=user)
    assert staff_token_for(raw) == token
    system = Client(headers={"Authorization": f"Bearer {raw}"})
    assert system.get("/api/v1/petitions").status_code == 200
    assert browser.post(f"/api-keys/tokens/{token.pk}/revoke/").status_code == 302
    assert system.get("/api/v1/petitions").status_code == 401


def test_nobody_revokes_someone_elses_token(make_user: Callable[..., User]) -> None:
    owner = make_user(Role.LEADER)
    token, raw = services.staff_token_create(actor=owner, user=owner, name="Của tôi")
    intruder = Client()
    intruder.force_login(make_user(Role.ADMIN))
    assert "Của tôi" not in intruder.get("/api-keys/tokens/").content.decode()
    assert intruder.post(f"/api-keys/tokens/{token.pk}/revoke/").status_code == 404
    assert staff_token_for(raw) == token
