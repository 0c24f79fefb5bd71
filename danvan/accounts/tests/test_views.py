"""Sign-in, lockout, two-factor, password change and language, as a user sees them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import AuditEvent, Commune


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user(Role.RECEPTION_OFFICER)


def test_login_page_is_in_vietnamese(client: Client, db: None) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert "Đăng nhập" in page
    assert 'lang="vi"' in page


def test_login_and_logout(client: Client, officer: User) -> None:
    response = client.post(
        "/accounts/login/", {"username": officer.username, "password": "Secret-pass-123"}
    )
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert officer.full_name in home
    assert "Công chức tiếp công dân" in home
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_wrong_password_message_keeps_username(client: Client, officer: User) -> None:
    response = client.post("/accounts/login/", {"username": officer.username, "password": "sai"})
    page = response.content.decode()
    assert "Sai tên đăng nhập hoặc mật khẩu" in page
    assert f'value="{officer.username}"' in page


def test_lockout_after_repeated_failures(client: Client, officer: User, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": officer.username, "password": "sai"})
    response = client.post(
        "/accounts/login/", {"username": officer.username, "password": "Secret-pass-123"}
    )
    assert response.status_code == 429
    assert "Tài khoản tạm thời bị khóa" in response.content.decode()
    assert client.get("/").status_code == 302  # the right password did not get in


def test_password_change(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "Secret-pass-123",
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Mat-khau-moi-2026")


def test_password_change_mismatch_is_explained(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "Secret-pass-123",
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "khac",
        },
    )
    assert response.status_code == 200
    assert "Hai trường mật khẩu không giống nhau" in response.content.decode()


def _current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_commune_can_require_two_factor_for_leaders(
    client: Client, make_user: Callable[..., User], commune: Commune, settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would otherwise delay the next try
    commune.require_2fa_for_leaders = True
    commune.save()
    leader = make_user(Role.LEADER)
    client.post("/accounts/login/", {"username": leader.username, "password": "Secret-pass-123"})
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")
    setup = client.get("/accounts/two-factor/").content.decode()
    assert "Thiết lập đăng nhập hai lớp" in setup or "đăng nhập hai lớp" in setup
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    wrong = client.post(
        "/accounts/two-factor/",
        {"token": "000000" if _current_code(device) != "000000" else "111111"},
    )
    assert wrong.status_code == 200
    assert "không đúng" in wrong.content.decode()
    ok = client.post("/accounts/two-factor/?next=/", {"token": _current_code(device)})
    assert ok.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(verb="user.two_factor_enabled", actor=leader).exists()


def test_officer_is_not_forced_into_two_factor(
    client: Client, make_user: Callable[..., User], commune: Commune
) -> None:
    commune.require_2fa_for_leaders = True
    commune.save()
    client.force_login(make_user(Role.RECEPTION_OFFICER))
    assert client.get("/").status_code == 200


def test_language_switch_to_english(client: Client, officer: User) -> None:
    client.force_login(officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "Deadline calculator" in page
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Tính thời hạn" in client.get("/").content.decode()


def test_security_headers(client: Client, db: None) -> None:
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
