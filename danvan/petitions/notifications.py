"""Reminders before deadlines and escalation of overdue cases (run daily)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.core.notifications import notify

from .models import Petition
from .states import TERMINAL, Status

REMIND_DAYS_BEFORE = 2


def _recipients_for(petition: Petition, *, escalate: bool) -> set:
    people = set()
    if petition.assigned_officer_id:
        people.add(petition.assigned_officer)
    memberships = Membership.objects.filter(
        commune=petition.commune, is_active=True
    ).select_related("user")
    if not petition.assigned_officer_id:
        people |= {m.user for m in memberships if m.role == Role.RECEPTION_OFFICER}
    if escalate:
        if petition.assigned_unit_id:
            people |= {
                m.user
                for m in memberships
                if m.role == Role.UNIT_HEAD and m.unit_id == petition.assigned_unit_id
            }
        people |= {m.user for m in memberships if m.role == Role.LEADER}
    return people


def remind_and_escalate(today: dt.date | None = None) -> int:
    """Remind whoever holds a case two days before it is due; escalate an overdue case to the
    unit head and the commune leaders. Idempotent per case, kind and day. Returns how many
    notifications were created. Denouncer identity never appears: only the case number and
    summary."""
    today = today or timezone.localdate()
    sent = 0
    # A suspended case's clock is stopped: it is neither due soon nor overdue.
    open_cases = (
        Petition.objects.exclude(status__in=TERMINAL)
        .exclude(status=Status.SUSPENDED)
        .filter(due_on__isnull=False)
    )
    soon = open_cases.filter(
        due_on__gt=today, due_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    )
    overdue = open_cases.filter(due_on__lt=today)
    for petition, escalate in [
        *((p, False) for p in soon.select_related("commune", "assigned_officer")),
        *((p, True) for p in overdue.select_related("commune", "assigned_officer")),
    ]:
        url = reverse("petitions:detail", args=[petition.pk])
        due = petition.due_on.strftime("%d/%m/%Y") if petition.due_on else ""
        if escalate:
            title = _("Overdue: %(case)s was due on %(due)s") % {
                "case": petition.case_number,
                "due": due,
            }
        else:
            title = _("Due soon: %(case)s is due on %(due)s") % {
                "case": petition.case_number,
                "due": due,
            }
        with transaction.atomic():
            for user in _recipients_for(petition, escalate=escalate):
                key = f"petition:{petition.pk}:{'overdue' if escalate else 'soon'}:{today.isoformat()}"
                if notify(
                    user=user,
                    key=key,
                    title=title,
                    body=petition.summary,
                    url=url,
                    commune=petition.commune,
                ):
                    sent += 1
    return sent
