"""In-app notifications with an e-mail copy (Django's e-mail backend; the console in the demo)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import Commune, Notification


def notify(
    *,
    user: Any,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    commune: Commune | None = None,
) -> Notification | None:
    """Notify `user` once per `key` (idempotent: a daily job can run twice). Returns None when
    the notification already existed. The e-mail leaves after the transaction commits."""
    notification, created = Notification.objects.get_or_create(
        user=user,
        key=key[:120],
        defaults={"title": title[:300], "body": body, "url": url, "commune": commune},
    )
    if not created:
        return None
    if user.email:
        link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        transaction.on_commit(
            lambda: send_mail(title[:300], f"{body}{link}", None, [user.email], fail_silently=True)
        )
    return notification


def notification_mark_read(*, user: Any, pk: int) -> None:
    Notification.objects.filter(user=user, pk=pk).update(is_read=True)
