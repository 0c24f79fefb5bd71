"""Encryption of personal data at rest (the denouncer's identity, DOMAIN §3.4).

The key comes from FIELD_ENCRYPTION_KEY, never from SECRET_KEY, so that the two can be rotated
and guarded separately. Fernet gives authenticated encryption; a tampered value fails loudly."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    if not key:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be set to store personal data encrypted."
        )
    if key == settings.SECRET_KEY:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must differ from SECRET_KEY.")
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt_text(value: str) -> str:
    if value == "":
        return ""
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    if token == "":
        return ""
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("encrypted value cannot be read with the current key") from exc


def encrypt_bytes(value: bytes) -> bytes:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(value)


def decrypt_bytes(token: bytes) -> bytes:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token)


def blind_index(value: str) -> str:
    """A keyed hash for exact-match lookups (is this the same denouncer?) without storing the value."""
    if not value:
        return ""
    key = hashlib.sha256(("blind:" + settings.FIELD_ENCRYPTION_KEY).encode()).digest()
    return hmac.new(key, value.strip().casefold().encode("utf-8"), hashlib.sha256).hexdigest()
