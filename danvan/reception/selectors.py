"""Reads of citizen reception, scoped to one commune (the one the actor works in, already
authorised by the view), with the related rows each screen shows."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune, ReceptionPeriod
from danvan.core.selectors import commune_calendar
from danvan.core.text import fold

from .models import ReceptionSession, ReceptionType, ReceptionVisit

REGISTER_RELATED = ("citizen", "petition", "received_by", "host", "session", "notice")


def sessions_between(
    commune: Commune,
    start: dt.date,
    end: dt.date,
    *,
    published_only: bool = False,
    include_cancelled: bool = True,
) -> QuerySet[ReceptionSession]:
    """Sessions of `commune` from `start` to `end` inclusive, in date order."""
    qs = ReceptionSession.objects.filter(commune=commune, date__gte=start, date__lte=end)
    if published_only:
        qs = qs.filter(is_published=True)
    if not include_cancelled:
        qs = qs.filter(is_cancelled=False)
    return qs.select_related("host").order_by("date", "start_time", "pk")


def get_session(commune: Commune, pk: int) -> ReceptionSession:
    """A session of the commune being worked in; any other answers 404."""
    session = (
        ReceptionSession.objects.filter(commune=commune, pk=pk).select_related("commune").first()
    )
    if session is None:
        raise Http404
    return session


def sessions_on(commune: Commune, day: dt.date) -> QuerySet[ReceptionSession]:
    """Sessions a visit of `day` can belong to (not cancelled)."""
    return sessions_between(commune, day, day, include_cancelled=False)


def register_list(
    commune: Commune,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    reception_type: str = "",
    q: str = "",
) -> QuerySet[ReceptionVisit]:
    """The register (sổ tiếp công dân) of `commune`, newest first; the search ignores
    diacritics and matches the number, content, the citizen's name, phone and ID number, the
    body guided to and the petition's case number — never a denouncer (not stored)."""
    qs = ReceptionVisit.objects.filter(commune=commune).select_related(*REGISTER_RELATED)
    if date_from:
        qs = qs.filter(visited_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(visited_at__date__lte=date_to)
    if reception_type in ReceptionType.values:
        qs = qs.filter(reception_type=reception_type)
    for word in fold(q).split():
        qs = qs.filter(search_folded__contains=word)
    return qs.order_by("-visited_at", "-number")


def commune_leaders(commune: Commune) -> QuerySet[User]:
    """Users holding the leader role in `commune` (who hold the periodic receptions)."""
    return (
        User.objects.filter(
            memberships__commune=commune,
            memberships__role=Role.LEADER,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def commune_officials(commune: Commune) -> QuerySet[User]:
    """Active officials of `commune` (who may receive citizens)."""
    return (
        User.objects.filter(
            memberships__commune=commune, memberships__is_active=True, is_active=True
        )
        .distinct()
        .order_by("full_name", "username")
    )


@dataclass(frozen=True)
class Shortfall:
    """A period in which the leader received citizens on fewer days than the rule requires."""

    start: dt.date
    end: dt.date
    period: str  # ReceptionPeriod value
    required: int
    held: int

    @property
    def missing(self) -> int:
        return self.required - self.held


def _periods(commune: Commune, start: dt.date, weeks: int) -> list[tuple[dt.date, dt.date]]:
    if commune.reception_period == ReceptionPeriod.MONTH:
        last = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
        periods = []
        year, month = start.year, start.month
        while (year, month) <= (last.year, last.month):
            days = calendar.monthrange(year, month)[1]
            periods.append((dt.date(year, month, 1), dt.date(year, month, days)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return periods
    monday = start - dt.timedelta(days=start.weekday())
    return [
        (monday + dt.timedelta(weeks=i), monday + dt.timedelta(weeks=i, days=6))
        for i in range(weeks)
    ]


def missing_leader_days(commune: Commune, start: dt.date, weeks: int) -> list[Shortfall]:
    """The periods (weeks or months, per the commune's setting) touching the `weeks` weeks from
    `start` in which the commune's leaders hold fewer periodic reception days than the commune's
    `reception_min_days` (DOMAIN §4.1: 1 day/week before Luật 136/2025; the final rule is
    UNCONFIRMED, hence a setting). Days count once however many sessions they have; cancelled
    sessions do not count. A period with no working day at all (a long holiday) requires nothing
    beyond its working days."""
    if weeks < 1:
        return []
    periods = _periods(commune, start, weeks)
    held_days = set(
        ReceptionSession.objects.filter(
            commune=commune,
            kind=ReceptionType.PERIODIC,
            is_cancelled=False,
            host__in=commune_leaders(commune).values("pk"),
            date__gte=periods[0][0],
            date__lte=periods[-1][1],
        ).values_list("date", flat=True)
    )
    working = commune_calendar(commune)
    found = []
    for first, last in periods:
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        workdays = sum(1 for d in days if working.is_working_day(d))
        required = min(commune.reception_min_days, workdays)
        held = sum(1 for d in days if d in held_days)
        if held < required:
            found.append(Shortfall(first, last, commune.reception_period, required, held))
    return found


def public_commune(code: str) -> Commune:
    commune = Commune.objects.filter(code=code).select_related("province").first()
    if commune is None:
        raise Http404
    return commune


def public_sessions(commune: Commune, today: dt.date, days: int = 92) -> list[ReceptionSession]:
    """What citizens see: published sessions from today on (cancelled ones marked as such)."""
    return list(
        sessions_between(commune, today, today + dt.timedelta(days=days), published_only=True)
    )
