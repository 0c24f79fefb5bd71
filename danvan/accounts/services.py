"""Writes to accounts: users, memberships, two-factor devices."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core import audit
from danvan.core.models import Commune, Province, Unit

from .models import Membership, User
from .roles import Role


def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    position: str = "",
    commune: Commune | None = None,
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The user name “%(name)s” is taken.") % {"name": username})
    with transaction.atomic():
        user = User(
            username=username, full_name=full_name, email=email, phone=phone, position=position
        )
        user.set_password(password)
        user.save()
        audit.record(
            verb="user.created",
            actor=actor,
            commune=commune,
            obj=user,
            after={"username": username, "full_name": full_name, "email": email, "phone": phone},
        )
    return user


def membership_grant(
    *,
    actor: Any,
    user: User,
    role: str,
    commune: Commune | None = None,
    unit: Unit | None = None,
    province: Province | None = None,
) -> Membership:
    """Give a user a role. A province viewer is granted a province; everyone else a commune
    (and optionally a unit of that commune)."""
    if role == Role.PROVINCE_VIEWER:
        if province is None or commune is not None or unit is not None:
            raise ValidationError(_("A province viewer is attached to a province only."))
    else:
        if unit is not None and commune is None:
            commune = unit.commune
        if commune is None:
            raise ValidationError(_("Choose the commune for this role."))
        if unit is not None and unit.commune_id != commune.pk:
            raise ValidationError(_("The unit does not belong to this commune."))
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, role=role, commune=commune, unit=unit, province=province
        )
        if not created and not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
        audit.record(
            verb="membership.granted",
            actor=actor,
            commune=commune,
            obj=membership,
            after={"user": user.username, "role": role, "unit": unit.pk if unit else None},
        )
    return membership


def totp_device_start(*, user: User) -> TOTPDevice:
    """Begin two-factor set-up: a fresh, unconfirmed TOTP device (replacing an unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="DânVận", confirmed=False)


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm a device with a code from the authenticator app."""
    if device.user_id != user.pk or not device.verify_token(token.strip()):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(verb="user.two_factor_enabled", actor=user, obj=user)
    return True
