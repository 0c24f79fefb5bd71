"""Messages to the citizen about their case: e-mail (Django's backend; Vietnamese templates) and a
short-message channel (SMS/Zalo) that is an interface with a console implementation for now.

Sending happens in a job with retries after the transaction commits, so a mail failure never loses
or blocks the submission. A denouncer is written to at their own address; the message never
repeats their identity."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from danvan.core.jobs import enqueue_on_commit, task

from .models import DenouncerIdentity, Petition
from .states import Kind

logger = logging.getLogger(__name__)

EVENTS = frozenset(
    {"received", "accepted", "refused", "extended", "answered", "reopened", "guided", "transferred"}
)


class ShortMessageChannel(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleShortMessages:
    """Prints the message: stands in for an SMS or Zalo gateway until one is contracted."""

    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))
        logger.info("SMS to %s: %s", phone[:3] + "****" + phone[-2:], text)


short_messages: ShortMessageChannel = ConsoleShortMessages()


def _contact(petition: Petition) -> tuple[str, str]:
    """The citizen's e-mail and phone (a denouncer's are decrypted only here, to write to them)."""
    if petition.kind == Kind.DENUNCIATION:
        from danvan.core.crypto import decrypt_text

        record = DenouncerIdentity.objects.filter(petition=petition).first()
        if record is None:
            return "", ""
        return decrypt_text(record.email_enc), decrypt_text(record.phone_enc)
    if petition.citizen is None:
        return "", ""
    return petition.citizen.email, petition.citizen.phone


def message_citizen(petition: Petition, event: str) -> None:
    """Queue the message for `event` after the current transaction commits."""
    if event in EVENTS:
        enqueue_on_commit(send_citizen_message, petition.pk, event)


@task(retries=5, retry_delay=120)
def send_citizen_message(petition_id: int, event: str) -> bool:
    petition = Petition.objects.select_related("commune", "citizen").filter(pk=petition_id).first()
    if petition is None:
        return False
    email, phone = _contact(petition)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"petition": petition, "event": event, "site_url": settings.SITE_URL.rstrip("/")}
        subject = render_to_string("petitions/mail/subject.txt", context).strip()
        body = render_to_string("petitions/mail/body.txt", context)
        if email:
            send_mail(subject, body, None, [email], fail_silently=False)
        if phone and event in ("received", "answered"):
            short_messages.send(phone, subject)
    return bool(email or phone)
