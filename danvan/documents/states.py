"""The outgoing document's states and the only legal moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


TRANSITIONS: dict[str, frozenset[str]] = {
    DocumentStatus.DRAFT: frozenset({DocumentStatus.ISSUED}),
    DocumentStatus.ISSUED: frozenset(),
}


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def is_editable(status: str) -> bool:
    return status == DocumentStatus.DRAFT
