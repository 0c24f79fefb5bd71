"""Directive study sessions (quán triệt)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Unit
from danvan.documents.models import LegalDocument

from ..models import Programme, StudySession
from .common import check_unit, error, today


def study_record(
    *,
    actor: Any,
    programme: Programme,
    legal_document: LegalDocument,
    unit: Unit,
    held_on: dt.date,
    attendees: Any,
    note: str = "",
) -> StudySession:
    """Record that a unit organised a session studying (quán triệt) one document of the
    programme's legal basis (II.1, III.1 of the founding document)."""
    if not programme.legal_basis.filter(pk=legal_document.pk).exists():
        raise error("legal_document", _("Choose a document of this programme's legal basis."))
    check_unit(unit, programme.commune, "unit")
    if held_on > today():
        raise error("held_on", _("A session cannot be recorded before it is held."))
    if held_on.year < programme.year - 1:
        raise error("held_on", _("The session is too long before the programme's year."))
    try:
        count = int(str(attendees).strip())
    except ValueError:
        raise error("attendees", _("The number of attendees must be a whole number.")) from None
    if not 1 <= count <= 100_000:
        raise error("attendees", _("The number of attendees must be between 1 and 100000."))
    with transaction.atomic():
        session = StudySession.objects.create(
            programme=programme,
            legal_document=legal_document,
            unit=unit,
            held_on=held_on,
            attendees=count,
            note=note.strip(),
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            verb="programme.study_recorded",
            actor=actor,
            commune=programme.commune,
            obj=session,
            after={
                "document": legal_document.pk,
                "unit": unit.pk,
                "held_on": held_on,
                "attendees": count,
            },
        )
    return session
