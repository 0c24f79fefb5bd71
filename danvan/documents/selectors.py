from __future__ import annotations

from django.db.models import F, Q, QuerySet

from danvan.core.models import Commune
from danvan.core.text import fold

from .models import LegalDocument, OutgoingDocument


def documents_of(
    commune: Commune, *, q: str = "", status: str = "", year: str = ""
) -> QuerySet[OutgoingDocument]:
    """The commune's register, newest first; `q` matches number/symbol or subject, diacritics ignored."""
    qs = OutgoingDocument.objects.filter(commune=commune).select_related(
        "drafting_unit", "issued_by"
    )
    if q.strip():
        folded = fold(q)
        qs = qs.filter(Q(title_folded__contains=folded) | Q(number_symbol__icontains=q.strip()))
    if status:
        qs = qs.filter(status=status)
    if year.isdigit():
        qs = qs.filter(year=int(year))
    return qs.order_by("-year", "-number", "-created_at")


def legal_documents_of(commune: Commune) -> QuerySet[LegalDocument]:
    # Newest first; undated entries (a law cited by name only) last on every database.
    return LegalDocument.objects.filter(commune=commune).order_by(
        F("issued_on").desc(nulls_last=True), "number_symbol"
    )
