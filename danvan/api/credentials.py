"""Making and recognising secrets: only a digest is stored; the plain value is shown once."""

from __future__ import annotations

import hashlib
import secrets

# A recognisable lead lets secret scanners (and people) tell what a leaked string is.
API_KEY_LEAD = "o311_"
STAFF_TOKEN_LEAD = "dvpat_"  # noqa: S105 — a public prefix, not a secret
PREFIX_EXTRA = 6


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


def new_secret(lead: str) -> tuple[str, str, str]:
    """(plain value, display prefix, digest) of a new random secret with 256 bits of entropy."""
    raw = lead + secrets.token_urlsafe(32)
    return raw, raw[: len(lead) + PREFIX_EXTRA], digest(raw)
