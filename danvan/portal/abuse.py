"""Abuse resistance without a third-party captcha (issue: portal): per-IP and per-contact rate
limits in the cache, a honeypot field, and an arithmetic challenge once a limit is reached."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(kind: str, value: str) -> str:
    return f"portal-rate:{kind}:{hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]}"


def hits(kind: str, value: str) -> int:
    return int(cache.get(_key(kind, value), 0)) if value else 0


def record(kind: str, value: str) -> None:
    if not value:
        return
    key = _key(kind, value)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)


def over_limit(ip: str, contact: str) -> bool:
    return (
        hits("ip", ip) >= settings.PORTAL_MAX_PER_IP_PER_HOUR
        or hits("contact", contact) >= settings.PORTAL_MAX_PER_CONTACT_PER_HOUR
    )


def new_challenge(session: dict) -> str:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    session["portal_challenge"] = a + b
    return f"{a} + {b}"


def challenge_passed(session: dict, answer: str) -> bool:
    expected = session.get("portal_challenge")
    return (
        expected is not None and answer.strip().isdigit() and int(answer.strip()) == int(expected)
    )
