"""Numbers issued once, stored, unique per commune, series and year, safe under concurrency."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from .models import Commune, NumberSequence


def next_number(commune: Commune, series: str, year: int) -> int:
    """Take the next number of `series` for `commune` in `year` (1, 2, 3 …).

    Call it inside the transaction that stores the number: the UPDATE locks the sequence row
    until commit on PostgreSQL, and SQLite runs write transactions one at a time (BEGIN
    IMMEDIATE), so two officials working at the same moment never get the same number, and a
    rolled-back transaction gives its number back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that stores the number")
    sequence, _created = NumberSequence.objects.get_or_create(
        commune=commune, series=series, year=year
    )
    NumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
    return NumberSequence.objects.values_list("last_number", flat=True).get(pk=sequence.pk)
