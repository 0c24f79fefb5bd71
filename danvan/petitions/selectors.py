"""Reads of petitions, always scoped to what the actor may see."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from danvan.accounts.permissions import roles_in
from danvan.accounts.roles import Role
from danvan.core.models import Commune
from danvan.core.text import fold

from .models import Channel, Citizen, Petition
from .states import TERMINAL, Kind, Status

SEES_ALL = frozenset({Role.RECEPTION_OFFICER, Role.LEADER, Role.ADMIN, Role.PROVINCE_VIEWER})
LIST_RELATED = ("citizen", "assigned_unit", "assigned_officer", "village")


def visible_petitions(user: Any, commune: Commune) -> QuerySet[Petition]:
    """Reception, leaders, administrators and the province see every petition of the commune;
    a unit sees what is assigned to it; a village head what concerns the village; the Front what
    it forwarded. Denunciations are need-to-know: never to villages or the Front."""
    roles = roles_in(user, commune)
    base = Petition.objects.filter(commune=commune)
    if roles & SEES_ALL:
        return base
    condition = Q(pk__in=[])
    memberships = user.memberships.filter(is_active=True, commune=commune)
    unit_ids = [m.unit_id for m in memberships if m.unit_id]
    if roles & {Role.HANDLING_OFFICER, Role.UNIT_HEAD, Role.COORDINATOR}:
        condition |= Q(assigned_unit_id__in=unit_ids) | Q(assigned_officer=user)
    if Role.VILLAGE_HEAD in roles:
        condition |= Q(village_id__in=unit_ids) & ~Q(kind=Kind.DENUNCIATION)
    if Role.FRONT_OFFICER in roles:
        condition |= Q(channel=Channel.FRONT) & ~Q(kind=Kind.DENUNCIATION)
    return base.filter(condition)


def get_petition(user: Any, commune: Commune, pk: int) -> Petition:
    petition = (
        visible_petitions(user, commune)
        .select_related("commune", *LIST_RELATED, "answer_document")
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def petition_list(
    user: Any,
    commune: Commune,
    *,
    q: str = "",
    kind: str = "",
    status: str = "",
    scope: str = "",
    order: str = "due_on",
) -> QuerySet[Petition]:
    """Filtered, searched and sorted list. Search ignores diacritics (đ/Đ included) and ranks
    exact matches (with diacritics, or the case number) first."""
    qs = visible_petitions(user, commune).select_related(*LIST_RELATED)
    if kind:
        qs = qs.filter(kind=kind)
    if status == "open":
        qs = qs.exclude(status__in=TERMINAL)
    elif status:
        qs = qs.filter(status=status)
    today = timezone.localdate()
    if scope == "mine":
        qs = qs.filter(assigned_officer=user)
    elif scope == "overdue":
        qs = qs.exclude(status__in=(*TERMINAL, Status.SUSPENDED)).filter(due_on__lt=today)
    elif scope == "today":
        qs = qs.exclude(status__in=TERMINAL).filter(due_on=today)
    elif scope == "week":
        qs = qs.exclude(status__in=TERMINAL).filter(
            due_on__gte=today, due_on__lte=today + dt.timedelta(days=7)
        )
    if q.strip():
        words = [w for w in fold(q).split() if w]
        for word in words:
            qs = qs.filter(search_folded__contains=word)
        exact = q.strip()
        qs = qs.annotate(
            rank=Case(
                When(case_number=exact, then=Value(0)),
                When(tracking_code=exact.upper(), then=Value(0)),
                When(Q(summary__icontains=exact) | Q(content__icontains=exact), then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("rank", "due_on", "-received_on")
        return qs
    orders = {
        "due_on": ("due_on", "-received_on"),
        "-received_on": ("-received_on", "-sequence"),
        "received_on": ("received_on", "sequence"),
        "case_number": ("year", "sequence"),
    }
    return qs.order_by(*orders.get(order, orders["due_on"]))


WORK_BOX_ROWS = 20


@dataclass(frozen=True)
class WorkBox:
    """One box of "my work": its first rows (soonest due first) and how many there are."""

    rows: list[Petition]
    total: int
    scope: str  # the petitions list filter that shows them all


def work_querysets(user: Any, commune: Commune) -> dict[str, tuple[QuerySet[Petition], str]]:
    """Every petition of each box of "my work" (what is due today, this week, overdue, and
    waiting for me), unordered, with the petitions list filter that shows the box."""
    today = timezone.localdate()
    open_qs = (
        visible_petitions(user, commune).exclude(status__in=TERMINAL).select_related(*LIST_RELATED)
    )
    roles = roles_in(user, commune)
    if not roles & SEES_ALL:
        mine = open_qs
    else:
        mine = open_qs.filter(
            Q(assigned_officer=user) | Q(assigned_officer__isnull=True, status="registered")
        )
    return {
        "overdue": (open_qs.exclude(status=Status.SUSPENDED).filter(due_on__lt=today), "overdue"),
        "today": (open_qs.filter(due_on=today), "today"),
        "week": (
            open_qs.filter(due_on__gt=today, due_on__lte=today + dt.timedelta(days=7)),
            "week",
        ),
        "waiting": (mine, "mine"),
    }


def my_work(user: Any, commune: Commune) -> dict[str, WorkBox]:
    """Each box of "my work" shows its first rows and links to the full filtered list: the page
    stays fast however much work is pending."""
    return {
        name: WorkBox(list(qs.order_by("due_on", "pk")[:WORK_BOX_ROWS]), qs.count(), scope)
        for name, (qs, scope) in work_querysets(user, commune).items()
    }


_WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    [
        "va",
        "cua",
        "cho",
        "cac",
        "nhung",
        "mot",
        "la",
        "co",
        "khong",
        "da",
        "duoc",
        "toi",
        "chung",
        "ong",
        "ba",
        "anh",
        "chi",
        "em",
        "tai",
        "ve",
        "o",
        "tren",
        "duoi",
        "den",
        "voi",
        "nay",
        "do",
    ]
)


def _tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS}


def similarity(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def likely_duplicates(
    commune: Commune,
    *,
    content: str,
    citizen: Citizen | None = None,
    village_id: int | None = None,
    place: str = "",
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[tuple[Petition, float]]:
    """Open cases that look like the same matter: same person and similar content, or similar
    content and the same place (DOMAIN §1.5, đơn trùng). Diacritic-insensitive."""
    since = timezone.localdate() - dt.timedelta(days=365)
    candidates = Petition.objects.filter(commune=commune, received_on__gte=since).exclude(
        status__in=TERMINAL
    )
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    scope = Q(pk__in=[])
    if citizen is not None:
        scope |= Q(citizen=citizen)
    if village_id:
        scope |= Q(village_id=village_id)
    if place.strip():
        scope |= Q(search_folded__contains=fold(place)[:60])
    found = []
    for petition in candidates.filter(scope).select_related("citizen")[:300]:
        score = similarity(content, f"{petition.summary} {petition.content}")
        same_person = citizen is not None and petition.citizen_id == citizen.pk
        if score >= (0.25 if same_person else 0.4):
            found.append((petition, score))
    found.sort(key=lambda pair: -pair[1])
    return found[:limit]


def find_citizens(commune: Commune, q: str, limit: int = 8) -> QuerySet[Citizen]:
    """A returning citizen by name (diacritics optional), phone or ID number."""
    q = q.strip()
    if len(q) < 2:
        return Citizen.objects.none()
    digits = re.sub(r"\D", "", q)
    condition = Q(name_folded__contains=fold(q))
    if len(digits) >= 4:
        condition |= Q(phone__contains=digits) | Q(id_number__startswith=digits)
    return Citizen.objects.filter(commune=commune).filter(condition).order_by("full_name")[:limit]
