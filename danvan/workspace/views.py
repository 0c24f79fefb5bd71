from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.decorators import require_perm
from danvan.accounts.permissions import Perm, has_perm
from danvan.accounts.selectors import get_scoped_or_404, memberships_of
from danvan.core import services as core_services
from danvan.core import tabular
from danvan.core.calendar import DayStatus
from danvan.core.deadlines import DeadlineInputError, compute_due
from danvan.core.forms import (
    AuditFilterForm,
    CalendarOverrideForm,
    CommuneSettingsForm,
    DeadlineCalculatorForm,
)
from danvan.core.models import (
    AuditEvent,
    CalendarOverride,
    CalendarYear,
    Deadline,
    Notification,
    Unit,
    UnitKind,
)
from danvan.core.notifications import notification_mark_read
from danvan.core.selectors import calendar_overrides, commune_calendar

from . import exports

UPCOMING_DAYS = 60


@require_perm(Perm.VIEW_STAFF_HOME)
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start page: what is real today — upcoming days off, deadlines, units, audit."""
    commune = request.commune  # type: ignore[attr-defined]
    today = timezone.localdate()
    calendar = commune_calendar(commune)
    upcoming = calendar.non_working_days(today, today + dt.timedelta(days=UPCOMING_DAYS))
    # Weekends are obvious; show only the days that differ from an ordinary week.
    upcoming_special = [day for day in upcoming if day.source != "weekend"]
    context: dict[str, Any] = {
        "today": today,
        "today_status": calendar.status(today),
        "upcoming_days_off": upcoming_special,
        "upcoming_window": UPCOMING_DAYS,
        "memberships": memberships_of(request.user),
        "calculator_form": DeadlineCalculatorForm(initial={"start": today}),
        "unit_counts": _unit_counts(commune),
    }
    if has_perm(request.user, Perm.VIEW_DEADLINES, commune):
        context["due_soon"] = Deadline.objects.filter(
            commune=commune, is_open=True, due_on__lte=today + dt.timedelta(days=14)
        ).select_related("rule")[:10]
    if has_perm(request.user, Perm.VIEW_AUDIT, commune):
        context["recent_audit"] = AuditEvent.objects.filter(commune=commune).select_related(
            "actor"
        )[:8]
    return render(request, "workspace/home.html", context)


def _unit_counts(commune: Any) -> list[tuple[Any, int]]:
    counts = dict.fromkeys(UnitKind.values, 0)
    for kind in Unit.objects.filter(commune=commune, is_active=True).values_list("kind", flat=True):
        counts[kind] += 1
    return [(UnitKind(kind).label, n) for kind, n in counts.items() if n]


@require_perm(Perm.USE_DEADLINE_CALCULATOR)
def calculator(request: HttpRequest) -> HttpResponse:
    """ "Tính thời hạn": pick a rule or a length and unit, a start date; see the due date and why."""
    commune = request.commune  # type: ignore[attr-defined]
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "start" in request.GET else None)
    )
    form = DeadlineCalculatorForm(data, initial={"start": timezone.localdate(), "unit": "WD"})
    result = None
    alternative = None
    if data is not None and form.is_valid():
        rule = form.cleaned_data["rule"]
        length = rule.length if rule else form.cleaned_data["length"]
        unit = rule.unit if rule else form.cleaned_data["unit"]
        direction = rule.direction if rule else "after"
        calendar = commune_calendar(commune)
        try:
            result = compute_due(
                form.cleaned_data["start"],
                length,
                unit,
                calendar,
                direction=direction,
                rule_code=rule.code if rule else None,
            )
            # DOMAIN T-7: where the calendar/working-day reading is disputed, show both dates.
            if rule is not None and rule.is_unconfirmed and unit in ("CAL", "WD"):
                other = "WD" if unit == "CAL" else "CAL"
                alternative = compute_due(form.cleaned_data["start"], length, other, calendar)
        except DeadlineInputError as exc:
            form.add_error(None, str(exc))
    context = {
        "form": form,
        "result": result,
        "alternative": alternative,
        "rule": form.cleaned_data.get("rule") if form.is_bound and not form.errors else None,
    }
    template = "workspace/_calculator_result.html" if request.htmx else "workspace/calculator.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _calendar_year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2099)


def _days_off(calendar: Any, year: int) -> list[DayStatus]:
    """The year's days off that differ from an ordinary week (holidays and decisions)."""
    days = calendar.non_working_days(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return [d for d in days if d.source != "weekend"]


@require_perm(Perm.VIEW_CALENDAR)
def calendar_view(request: HttpRequest) -> HttpResponse:
    commune = request.commune  # type: ignore[attr-defined]
    year = _calendar_year(request)
    calendar = commune_calendar(commune)
    months = []
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        total = (nxt - first).days
        working = sum(
            1 for i in range(total) if calendar.is_working_day(first + dt.timedelta(days=i))
        )
        months.append((month, working))
    can_manage = has_perm(request.user, Perm.MANAGE_CALENDAR, commune)
    form = CalendarOverrideForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage or form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                core_services.calendar_override_create(
                    actor=request.user,
                    date=form.cleaned_data["date"],
                    kind=form.cleaned_data["kind"],
                    name=form.cleaned_data["name"],
                    legal_document=form.cleaned_data["legal_document"],
                    is_provisional=form.cleaned_data["is_provisional"],
                    province=commune.province if form.cleaned_data["scope"] == "province" else None,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Saved. Open deadlines affected by this day are being recomputed."),
                )
                return redirect(f"{request.path}?year={form.cleaned_data['date'].year}")
    year_row = CalendarYear.objects.filter(year=year).first()
    return render(
        request,
        "workspace/calendar.html",
        {
            "year": year,
            "days": _days_off(calendar, year),
            "months": months,
            "overrides": calendar_overrides(year),
            "form": form,
            "can_manage": can_manage,
            "year_row": year_row,
            "years": range(year - 1, year + 2),
            "exports": tabular.links(request, "core:calendar_export", extra={"year": str(year)}),
        },
    )


@require_perm(Perm.VIEW_CALENDAR)
def calendar_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The year's days off as the calendar page lists them."""
    tabular.require_format(fmt)
    year = _calendar_year(request)
    days = _days_off(commune_calendar(request.commune), year)  # type: ignore[attr-defined]
    return tabular.export(fmt, exports.DAY_OFF_COLUMNS, days, name=f"ngay-nghi-{year}")


@require_POST
@require_perm(Perm.MANAGE_CALENDAR)
def calendar_override_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    override = get_object_or_404(CalendarOverride, pk=pk)
    core_services.calendar_override_set_active(
        actor=request.user,
        override=override,
        is_active=request.POST.get("active") == "1",
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("Saved. Open deadlines affected by this day are being recomputed."))
    return redirect(f"/calendar/?year={override.date.year}")


@require_POST
@require_perm(Perm.MANAGE_CALENDAR)
def calendar_override_delete(request: HttpRequest, pk: int) -> HttpResponse:
    override = get_object_or_404(CalendarOverride, pk=pk)
    year = override.date.year
    core_services.calendar_override_delete(
        actor=request.user, override=override, reason=request.POST.get("reason", "")
    )
    messages.success(
        request, _("Removed. Open deadlines affected by this day are being recomputed.")
    )
    return redirect(f"/calendar/?year={year}")


@require_POST
@require_perm(Perm.MANAGE_CALENDAR)
def calendar_year_confirm(request: HttpRequest, year: int) -> HttpResponse:
    try:
        core_services.calendar_year_confirm(
            actor=request.user, year=year, legal_document=request.POST.get("legal_document", "")
        )
        messages.success(
            request, _("The %(year)d calendar is now marked as confirmed.") % {"year": year}
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"/calendar/?year={year}")


def _units(request: HttpRequest) -> QuerySet[Unit]:
    return Unit.objects.filter(commune=request.commune).order_by("kind", "name")  # type: ignore[attr-defined]


@require_perm(Perm.VIEW_UNITS)
def unit_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workspace/unit_list.html",
        {"units": _units(request), "exports": tabular.links(request, "core:units_export")},
    )


@require_perm(Perm.VIEW_UNITS)
def unit_list_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    tabular.require_format(fmt)
    return tabular.export(
        fmt, exports.UNIT_COLUMNS, _units(request).iterator(chunk_size=tabular.CHUNK), name="don-vi"
    )


@require_perm(Perm.VIEW_UNITS)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_scoped_or_404(Unit.objects.select_related("commune"), request.user, pk=pk)
    members = unit.memberships.filter(is_active=True).select_related("user")
    return render(request, "workspace/unit_detail.html", {"unit": unit, "members": members})


@require_perm(Perm.VIEW_DEADLINES)
def deadline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_scoped_or_404(
        Deadline.objects.select_related("rule", "commune"), request.user, pk=pk
    )
    skipped = [
        (dt.date.fromisoformat(s["day"]), s["reason"])
        for s in deadline.explanation.get("skipped", [])
    ]
    return render(
        request, "workspace/deadline_detail.html", {"deadline": deadline, "skipped": skipped}
    )


def _audit_events(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    """The audit log's filter form and the events it selects (the page and its export alike)."""
    form = AuditFilterForm(request.GET or None)
    # The commune's own events, and the system-wide ones (national calendar decisions).
    events = AuditEvent.objects.select_related("actor", "commune").filter(
        Q(commune=request.commune) | Q(commune__isnull=True)  # type: ignore[attr-defined]
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["verb"]:
            events = events.filter(verb__icontains=data["verb"])
        if data["actor"]:
            events = events.filter(actor__username__icontains=data["actor"])
        if data["object_type"]:
            events = events.filter(object_type=data["object_type"])
        if data["date_from"]:
            events = events.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(at__date__lte=data["date_to"])
    return form, events


@require_perm(Perm.VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    form, events = _audit_events(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workspace/audit_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "exports": tabular.links(request, "core:audit_export"),
        },
    )


@require_perm(Perm.VIEW_AUDIT)
def audit_list_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The audit log with the page's filters, every event, as XLSX or CSV."""
    tabular.require_format(fmt)
    _form, events = _audit_events(request)
    return tabular.export(
        fmt,
        exports.AUDIT_COLUMNS,
        events.iterator(chunk_size=tabular.CHUNK),
        name="nhat-ky-he-thong",
    )


@require_perm(Perm.MANAGE_COMMUNE_SETTINGS)
def commune_settings(request: HttpRequest) -> HttpResponse:
    commune = request.commune  # type: ignore[attr-defined]
    initial = {
        "require_2fa_for_leaders": commune.require_2fa_for_leaders,
        "after_hours_receipt_next_day": commune.after_hours_receipt_next_day,
    }
    form = CommuneSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if initial[k] != v}
        if changes:
            core_services.commune_update_settings(actor=request.user, commune=commune, **changes)
        messages.success(request, _("The settings have been saved."))
        return redirect("core:settings")
    return render(request, "workspace/settings.html", {"form": form})


@require_perm(Perm.VIEW_STAFF_HOME)
def notifications(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(user_id=request.user.pk or 0).order_by("-created_at")
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(request, "workspace/notifications.html", {"page": page})


@require_POST
@require_perm(Perm.VIEW_STAFF_HOME)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Notification, pk=pk, user_id=request.user.pk or 0)
    notification_mark_read(user=request.user, pk=item.pk)
    return redirect(item.url or "core:notifications")
