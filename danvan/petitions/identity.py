"""The denouncer's identity: stored encrypted and apart, read only here, every read audited,
and redacted from everything not addressed to the denouncer (Luật Tố cáo Art 8, 9, 47)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from danvan.accounts.permissions import Perm, has_perm
from danvan.core import audit
from danvan.core.crypto import blind_index, decrypt_text, encrypt_text

from .models import DenouncerIdentity, IdentityClearance, Petition

REDACTED = "[đã lược bỏ thông tin người tố cáo]"


@dataclass(frozen=True)
class Identity:
    name: str
    address: str
    id_number: str
    phone: str
    email: str


def identity_store(*, petition: Petition, data: dict[str, str]) -> DenouncerIdentity:
    """Encrypt and store the identity of the denouncer of `petition`."""
    return DenouncerIdentity.objects.create(
        petition=petition,
        name_enc=encrypt_text(data.get("name", "").strip()),
        address_enc=encrypt_text(data.get("address", "").strip()),
        id_number_enc=encrypt_text(data.get("id_number", "").strip()),
        phone_enc=encrypt_text(data.get("phone", "").strip()),
        email_enc=encrypt_text(data.get("email", "").strip()),
        id_number_index=blind_index(data.get("id_number", "")),
    )


def _decrypt(record: DenouncerIdentity) -> Identity:
    return Identity(
        name=decrypt_text(record.name_enc),
        address=decrypt_text(record.address_enc),
        id_number=decrypt_text(record.id_number_enc),
        phone=decrypt_text(record.phone_enc),
        email=decrypt_text(record.email_enc),
    )


def may_view_identity(user: Any, petition: Petition) -> bool:
    """Leaders who resolve the case, and officials a leader cleared for this one case."""
    if has_perm(user, Perm.PETITION_IDENTITY, petition.commune):
        return True
    user_pk = getattr(user, "pk", None)
    if not isinstance(user_pk, int):
        return False
    return IdentityClearance.objects.filter(petition=petition, user_id=user_pk).exists()


def identity_view(*, actor: Any, petition: Petition, purpose: str = "view") -> Identity | None:
    """Decrypt the identity for someone entitled to it; every call leaves an audit event."""
    if not may_view_identity(actor, petition):
        raise PermissionDenied
    record = DenouncerIdentity.objects.filter(petition=petition).first()
    if record is None:
        return None
    audit.record(
        verb="denouncer.identity_viewed",
        actor=actor,
        commune=petition.commune,
        obj=petition,
        reason=purpose,
    )
    return _decrypt(record)


def clearance_grant(*, actor: Any, petition: Petition, user: Any) -> IdentityClearance:
    """A leader lets one official see one denouncer's identity (need to know)."""
    if not has_perm(actor, Perm.PETITION_IDENTITY, petition.commune):
        raise PermissionDenied
    with transaction.atomic():
        clearance, _created = IdentityClearance.objects.get_or_create(
            petition=petition, user=user, defaults={"granted_by": actor}
        )
        audit.record(
            verb="denouncer.clearance_granted",
            actor=actor,
            commune=petition.commune,
            obj=petition,
            after={"user": user.pk},
        )
    return clearance


def redact(text: str, petition: Petition) -> str:
    """Remove the denouncer's name, address, ID number, phone and e-mail from `text` (for any
    document or message not addressed to the denouncer)."""
    record = DenouncerIdentity.objects.filter(petition=petition).first()
    if record is None or not text:
        return text
    identity = _decrypt(record)
    for value in sorted(
        (identity.name, identity.address, identity.id_number, identity.phone, identity.email),
        key=len,
        reverse=True,
    ):
        if value and len(value) >= 3:
            text = re.sub(re.escape(value), REDACTED, text, flags=re.IGNORECASE)
    return text
