"""Citizen reception pages: the register, the schedule, the desk forms and the public schedule."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.decorators import require_perm
from danvan.accounts.permissions import Perm, has_perm
from danvan.core import tabular
from danvan.core.models import Commune
from danvan.petitions.models import Citizen
from danvan.petitions.selectors import find_citizens

from . import exports, services
from .forms import CancelForm, RefuseForm, RegisterFilterForm, SessionForm, VisitForm
from .models import Outcome, ReceptionSession, ReceptionVisit
from .selectors import (
    commune_leaders,
    commune_officials,
    get_session,
    missing_leader_days,
    public_commune,
    public_sessions,
    register_list,
    sessions_between,
)

SCHEDULE_WEEKS = 8
TOKEN_TTL = 60 * 60 * 6


def _register_visits(request: HttpRequest) -> tuple[RegisterFilterForm, QuerySet[ReceptionVisit]]:
    """The register's filter form and the visits it selects (the page and its export alike)."""
    form = RegisterFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # a field that does not parse is left out of the filter; its error shows
        filters = form.cleaned_data
    visits = register_list(
        request.commune,  # type: ignore[attr-defined]
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        reception_type=filters.get("reception_type") or "",
        q=filters.get("q") or "",
    )
    return form, visits


@require_perm(Perm.VIEW_RECEPTION)
def register(request: HttpRequest) -> HttpResponse:
    """The register (sổ tiếp công dân), filtered by dates, reception type and text."""
    form, visits = _register_visits(request)
    page = Paginator(visits, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reception/register.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "exports": tabular.links(request, "reception:register_export"),
        },
    )


@require_perm(Perm.VIEW_RECEPTION)
def register_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The register with the page's filters, every row, as XLSX or CSV."""
    tabular.require_format(fmt)
    _form, visits = _register_visits(request)
    return tabular.export(
        fmt,
        exports.REGISTER_COLUMNS,
        visits.iterator(chunk_size=tabular.CHUNK),
        name="so-tiep-cong-dan",
    )


def _session_form(request: HttpRequest, commune: Commune) -> SessionForm:
    officials = commune_officials(commune)
    if request.method == "POST":
        return SessionForm(request.POST, officials=officials)
    return SessionForm(officials=officials, initial={"host": commune_leaders(commune).first()})


@require_perm(Perm.VIEW_RECEPTION)
def schedule(request: HttpRequest) -> HttpResponse:
    """Upcoming sessions, the warning when the leader's reception days are missing, and (for
    those who manage the schedule) the form to add a session."""
    commune = request.commune  # type: ignore[attr-defined]
    can_manage = has_perm(request.user, Perm.MANAGE_RECEPTION_SCHEDULE, commune)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = _session_form(request, commune) if can_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_schedule(
                actor=request.user,
                commune=commune,
                publish=data["publish"],
                **{
                    k: data[k]
                    for k in ("date", "kind", "host", "start_time", "end_time", "place", "note")
                },
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Session of %(day)s scheduled.") % {"day": f"{session.date:%d/%m/%Y}"}
            )
            return redirect("reception:schedule")
    today = timezone.localdate()
    return render(
        request,
        "reception/schedule.html",
        {
            "form": form,
            "can_manage": can_manage,
            "sessions": _upcoming_sessions(commune),
            "shortfalls": missing_leader_days(commune, today, SCHEDULE_WEEKS),
            "commune": commune,
            "weeks": SCHEDULE_WEEKS,
            "cancel_form": CancelForm(),
            "exports": tabular.links(request, "reception:schedule_export"),
        },
    )


def _upcoming_sessions(commune: Commune) -> QuerySet[ReceptionSession]:
    today = timezone.localdate()
    return sessions_between(commune, today, today + dt.timedelta(weeks=SCHEDULE_WEEKS))


@require_perm(Perm.VIEW_RECEPTION)
def schedule_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The sessions the schedule page shows (the next weeks, cancelled ones included)."""
    tabular.require_format(fmt)
    sessions = _upcoming_sessions(request.commune)  # type: ignore[attr-defined]
    return tabular.export(
        fmt,
        exports.SCHEDULE_COLUMNS,
        sessions.iterator(chunk_size=tabular.CHUNK),
        name="lich-tiep-cong-dan",
    )


@require_POST
@require_perm(Perm.MANAGE_RECEPTION_SCHEDULE)
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request.commune, pk)  # type: ignore[attr-defined]
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("State why the session is cancelled."))
        return redirect("reception:schedule")
    try:
        services.session_cancel(
            actor=request.user, session=session, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Session cancelled."))
    return redirect("reception:schedule")


@require_POST
@require_perm(Perm.MANAGE_RECEPTION_SCHEDULE)
def session_publish(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request.commune, pk)  # type: ignore[attr-defined]
    try:
        services.session_publish(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Session published on the public schedule."))
    return redirect("reception:schedule")


@require_perm(Perm.RECORD_RECEPTION)
def citizen_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("citizen_search", "").strip()
    citizens = find_citizens(request.commune, q)  # type: ignore[attr-defined]
    return render(request, "reception/_citizen_results.html", {"citizens": citizens, "q": q})


def _desk_choices(commune: Commune) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "sessions": sessions_between(
            commune, today - dt.timedelta(days=7), today, include_cancelled=False
        ),
        "officials": commune_officials(commune),
    }


def _chosen_citizen(commune: Commune, citizen_id: int | None) -> Citizen | None:
    if not citizen_id:
        return None
    return Citizen.objects.filter(commune=commune, pk=citizen_id).first()


def _visit_kwargs(form: VisitForm, request: HttpRequest) -> dict[str, Any]:
    data = form.cleaned_data
    commune = request.commune  # type: ignore[attr-defined]
    registers = data["outcome"] == Outcome.PETITION_REGISTERED
    return {
        "commune": commune,
        "visited_at": data["visited_at"],
        "reception_type": data["reception_type"],
        "mode": data["mode"],
        "session": data["session"],
        "host": data["host"],
        "citizen": _chosen_citizen(commune, data["citizen_id"]),
        "person": form.person,
        "group_size": data["group_size"],
        "representatives": data["representatives"].splitlines(),
        "kind": data["kind"],
        "field": data["field"],
        "content": data["content"],
        "previous_bodies": data["previous_bodies"],
        "is_new_case": data["is_new_case"],
        "outcome": data["outcome"],
        "outcome_note": data["outcome_note"],
        "register_petition": registers,
        "petition_kwargs": {"summary": data["summary"]} if registers else None,
    }


@require_perm(Perm.RECORD_RECEPTION)
def visit(request: HttpRequest) -> HttpResponse:
    """Record a visit. When the citizen submits a petition it is registered too, and the
    receipt is printed; a double-click or a resubmitted form records nothing twice."""
    commune = request.commune  # type: ignore[attr-defined]
    form = VisitForm(
        request.POST or None,
        initial={"submission_token": secrets.token_urlsafe(16)},
        **_desk_choices(commune),
    )
    if request.method == "POST" and form.is_valid():
        token_key = f"reception-visit:{request.user.pk}:{form.cleaned_data['submission_token']}"
        done = cache.get(token_key)
        if done:
            messages.info(request, _("This form was already submitted."))
            return redirect(done)
        try:
            recorded = services.visit_record(actor=request.user, **_visit_kwargs(form, request))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if recorded.petition is not None:
                petition = recorded.petition
                request.session[f"tracking-secret-{petition.pk}"] = getattr(
                    petition, "tracking_secret", ""
                )
                target = reverse("petitions:receipt", args=[petition.pk])
                messages.success(
                    request,
                    _("Recorded as number %(number)s; petition registered as case %(case)s.")
                    % {"number": recorded.number_display, "case": petition.case_number},
                )
            else:
                target = reverse("reception:register")
                messages.success(
                    request,
                    _("Recorded in the register as number %(number)s.")
                    % {"number": recorded.number_display},
                )
            cache.set(token_key, target, TOKEN_TTL)
            return redirect(target)
    return render(request, "reception/visit.html", {"form": form})


@require_perm(Perm.RECORD_RECEPTION)
def refuse(request: HttpRequest) -> HttpResponse:
    """Refuse to receive someone on a ground of Luật Tiếp công dân Art 9: recorded in the
    register, and the written notice drafted for signature."""
    commune = request.commune  # type: ignore[attr-defined]
    form = RefuseForm(request.POST or None, **_desk_choices(commune))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            refused = services.visit_refuse(
                actor=request.user,
                commune=commune,
                visited_at=data["visited_at"],
                reception_type=data["reception_type"],
                mode=data["mode"],
                session=data["session"],
                host=data["host"],
                citizen=_chosen_citizen(commune, data["citizen_id"]),
                person=form.person,
                kind=data["kind"],
                content=data["content"],
                group_size=data["group_size"],
                ground=data["ground"],
                note=data["note"],
                signer_name=data["signer_name"],
                authority_lines=data["authority"].split("|"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Refusal recorded as number %(number)s. Check the notice draft; the clerk issues it."
                )
                % {"number": refused.number_display},
            )
            return redirect("documents:detail", pk=refused.notice_id)
    return render(request, "reception/refuse.html", {"form": form})


@login_not_required
@require_GET
def public_schedule(request: HttpRequest, commune_code: str) -> HttpResponse:
    """The reception schedule the commune publishes for citizens (no sign-in)."""
    commune = public_commune(commune_code)
    today = timezone.localdate()
    return render(
        request,
        "reception/public_schedule.html",
        {"commune": commune, "sessions": public_sessions(commune, today), "today": today},
    )
