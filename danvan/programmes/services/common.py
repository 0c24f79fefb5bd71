"""Helpers shared by the programme services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.models import Commune, Unit


def today() -> dt.date:
    return timezone.localdate()


def error(field: str | None, message: str) -> ValidationError:
    """A ValidationError a form can attach to `field` (or to the whole form)."""
    return ValidationError({field: [message]}) if field else ValidationError(message)


def check_unit(unit: Unit | None, commune: Commune, field: str) -> None:
    if unit is not None and unit.commune_id != commune.pk:
        raise error(field, _("“%(unit)s” is not a unit of this commune.") % {"unit": unit})


def as_decimal(value: Any, field: str) -> Decimal | None:
    """A number typed by a person ("12", "12,5", "12.5"); a clear error for anything else."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise error(field, _("Enter a number, for example 12 or 12.5.")) from None
    if not number.is_finite():
        raise error(field, _("Enter a number, for example 12 or 12.5."))
    return number
