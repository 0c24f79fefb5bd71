"""Dashboards, the statistics forms, exports. Parse → selector/service → render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.decorators import require_perm
from danvan.accounts.permissions import Perm, has_perm, roles_in
from danvan.accounts.roles import Role
from danvan.accounts.selectors import get_scoped_or_404, visible_communes
from danvan.core import tabular
from danvan.core.forms import StyledForm, VNDateField
from danvan.core.models import Commune
from danvan.petitions.exports import PETITION_COLUMNS
from danvan.petitions.selectors import SEES_ALL
from danvan.petitions.states import Kind

from . import importing, selectors, services, xlsx
from .forms_base import compute
from .models import ImportJob, OpeningBalance, ReportAnnex
from .periods import KINDS, Period, cutoff_day, official_period
from .registry import FORMS, by_slug, slug

T = TypeVar("T")


def _today() -> dt.date:
    return timezone.localdate()


def _is_province_viewer(user: Any, commune: Commune) -> bool:
    return roles_in(user, commune) == frozenset({Role.PROVINCE_VIEWER})


def _table_scope(request: HttpRequest, commune: Commune) -> dict[str, Any]:
    """Which unit and village tables the user's dashboard shows: every unit and village for
    those who see every petition; a unit head, their own unit only (the figures are already
    scoped by petitions)."""
    if roles_in(request.user, commune) & SEES_ALL:
        return {"units": True, "own_units": None}
    unit_ids = set(
        request.user.memberships.filter(is_active=True, commune=commune).values_list(  # type: ignore[union-attr]
            "unit_id", flat=True
        )
    )
    return {"units": False, "own_units": list(commune.units.filter(pk__in=unit_ids))}


def _dashboard_context(request: HttpRequest, commune: Commune) -> dict[str, Any]:
    board = selectors.dashboard(request.user, commune, _today(), **_table_scope(request, commune))
    chart = {
        "labels": board.trend["labels"],
        "received": board.trend["received"],
        "finished": board.trend["finished"],
        "urls": board.trend["urls"],
        "finished_urls": board.trend["finished_urls"],
    }
    return {
        "commune": commune,
        "board": board,
        "chart": chart,
        "min_sample": selectors.min_sample(),
        "can_manage": has_perm(request.user, Perm.REPORT_MANAGE, commune),
    }


@require_perm(Perm.REPORT_VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    commune: Commune = request.commune  # type: ignore[attr-defined]
    if _is_province_viewer(request.user, commune):
        return redirect("reports:province")
    return render(
        request,
        "reports/dashboard.html",
        _dashboard_context(request, commune)
        | {"exports": tabular.links(request, "reports:breakdown_export")},
    )


@require_perm(Perm.REPORT_VIEW)
def commune_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """One commune's dashboard, opened from the province overview."""
    commune = get_object_or_404(visible_communes(request.user), pk=pk)
    if not has_perm(request.user, Perm.REPORT_VIEW, commune):
        raise Http404
    return render(
        request,
        "reports/dashboard.html",
        _dashboard_context(request, commune)
        | {"exports": tabular.links(request, "reports:commune_breakdown_export", pk)},
    )


def _province_communes(request: HttpRequest, commune: Commune) -> list[Commune]:
    return [
        c
        for c in visible_communes(request.user).filter(province=commune.province).order_by("name")
        if has_perm(request.user, Perm.REPORT_VIEW, c)
    ]


@require_perm(Perm.REPORT_VIEW)
def province(request: HttpRequest) -> HttpResponse:
    commune: Commune = request.commune  # type: ignore[attr-defined]
    order = request.GET.get("order", "name")
    communes = _province_communes(request, commune)
    lines = selectors.province_overview(request.user, communes, _today(), order)
    points = [
        {
            "name": line.commune.name,
            "lat": float(line.commune.latitude),
            "lng": float(line.commune.longitude),
            "open": line.open,
            "overdue": line.overdue,
            "url": line.url,
        }
        for line in lines
        if line.commune.latitude is not None and line.commune.longitude is not None
    ]
    return render(
        request,
        "reports/province.html",
        {
            "lines": lines,
            "order": order,
            "points": points,
            "province": commune.province,
            "exports": tabular.links(request, "reports:province_export"),
        },
    )


# --- the dashboard's tables and the province overview as spreadsheets ----------------------------
def _rate_columns(rate_of: Callable[[T], selectors.Rate]) -> tuple[tabular.Column[T], ...]:
    """The figures behind the page's on-time rate: finished and on time in the last 12 months,
    and the percentage, left empty where the page says "not enough data" (fewer finished cases
    than the minimum sample): an empty cell, never a misleading score."""
    return (
        tabular.Column(gettext_lazy("Finished (12 months)"), lambda x: rate_of(x).finished, 14),
        tabular.Column(gettext_lazy("On time (12 months)"), lambda x: rate_of(x).on_time, 14),
        tabular.Column(gettext_lazy("On-time rate (%)"), lambda x: rate_of(x).value, 14),
    )


PROVINCE_COLUMNS: tuple[tabular.Column[selectors.CommuneLine], ...] = (
    tabular.Column(gettext_lazy("Commune"), lambda line: line.commune.name, 30),
    tabular.Column(gettext_lazy("Received this year"), lambda line: line.received, 14),
    tabular.Column(gettext_lazy("In progress"), lambda line: line.open, 14),
    tabular.Column(gettext_lazy("Overdue"), lambda line: line.overdue, 12),
    *_rate_columns(lambda line: line.rate),
)

# (the table it comes from: "Unit" or "Village", the row)
Breakdown = tuple[Any, selectors.BreakdownRow]

BREAKDOWN_COLUMNS: tuple[tabular.Column[Breakdown], ...] = (
    tabular.Column(gettext_lazy("Kind"), lambda item: item[0], 16),
    tabular.Column(gettext_lazy("Name"), lambda item: item[1].name, 36),
    tabular.Column(gettext_lazy("Open"), lambda item: item[1].open, 14),
    tabular.Column(gettext_lazy("Overdue"), lambda item: item[1].overdue, 12),
    *_rate_columns(lambda item: item[1].rate),
)


@require_perm(Perm.REPORT_VIEW)
def province_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The province overview (its ?order= too) as XLSX or CSV: the communes the page lists, with
    the page's numbers."""
    tabular.require_format(fmt)
    commune: Commune = request.commune  # type: ignore[attr-defined]
    communes = _province_communes(request, commune)
    lines = selectors.province_overview(
        request.user, communes, _today(), request.GET.get("order", "name")
    )
    return tabular.export(fmt, PROVINCE_COLUMNS, lines, name="tong-hop-cac-xa")


def _breakdown_export(request: HttpRequest, commune: Commune, fmt: str) -> HttpResponseBase:
    """The dashboard's unit and village tables in one sheet, computed as the page computes them
    for this user (a unit head: their own unit, no villages)."""
    by_unit, by_village = selectors.breakdowns(
        request.user, commune, _today(), **_table_scope(request, commune)
    )
    unit, village = gettext_lazy("Unit"), gettext_lazy("Village")
    rows: list[Breakdown] = [(unit, row) for row in by_unit]
    rows += [(village, row) for row in by_village]
    return tabular.export(fmt, BREAKDOWN_COLUMNS, rows, name=f"don-vi-thon-xa-{commune.pk}")


@require_perm(Perm.REPORT_VIEW)
def breakdown_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """/reports/'s tables by unit and village; a province viewer, whom the page sends to the
    province overview, gets the overview's export."""
    tabular.require_format(fmt)
    commune: Commune = request.commune  # type: ignore[attr-defined]
    if _is_province_viewer(request.user, commune):
        return redirect(reverse("reports:province_export", args=[fmt]))
    return _breakdown_export(request, commune, fmt)


@require_perm(Perm.REPORT_VIEW)
def commune_breakdown_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """A commune's dashboard tables by unit and village, opened from the province overview."""
    tabular.require_format(fmt)
    commune = get_object_or_404(visible_communes(request.user), pk=pk)
    if not has_perm(request.user, Perm.REPORT_VIEW, commune):
        raise Http404
    return _breakdown_export(request, commune, fmt)


# --- the filtered list and its exports -----------------------------------------------------------
@require_perm(Perm.PETITION_VIEW)
def petitions(request: HttpRequest) -> HttpResponse:
    commune: Commune = request.commune  # type: ignore[attr-defined]
    qs = selectors.filtered_petitions(request.user, commune, request.GET)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/petitions.html",
        {
            "page": page,
            "query": query.urlencode(),
            "count": page.paginator.count,
            "timed": bool(request.GET.get("timed")),
        },
    )


@require_perm(Perm.PETITION_VIEW)
def petitions_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The petitions list (same filters as /petitions/ and ours) as XLSX or CSV."""
    tabular.require_format(fmt)
    commune: Commune = request.commune  # type: ignore[attr-defined]
    qs = selectors.filtered_petitions(request.user, commune, request.GET)
    return tabular.export(
        fmt, PETITION_COLUMNS, qs.iterator(chunk_size=tabular.CHUNK), name="danh-sach-don"
    )


# --- statistics forms ----------------------------------------------------------------------------
def _period(request: HttpRequest) -> Period:
    params = request.GET
    try:
        if params.get("start") and params.get("end"):
            period = Period(
                dt.date.fromisoformat(params["start"]), dt.date.fromisoformat(params["end"])
            )
        else:
            kind = params.get("kind", "quarter")
            if kind not in KINDS:
                kind = "quarter"
            year = int(params.get("year") or _today().year)
            number = int(params.get("number") or 1)
            period = official_period(kind, year, number)
        # A period at the calendar's limits (year 1, year 9999) has no instant after its end.
        period.end_at  # noqa: B018
    except (ValueError, OverflowError) as exc:
        raise Http404 from exc
    return period


def _scope(request: HttpRequest, commune: Commune) -> list[Commune]:
    if request.GET.get("scope") == "province":
        return _province_communes(request, commune)
    return [commune]


def _unit_name(communes: list[Commune]) -> str:
    if len(communes) == 1:
        return f"UBND xã {communes[0].name}"
    return f"{communes[0].province.name} ({len(communes)} xã)"


@require_perm(Perm.REPORT_VIEW)
def forms(request: HttpRequest) -> HttpResponse:
    commune: Commune = request.commune  # type: ignore[attr-defined]
    period = _period(request)
    communes = _scope(request, commune)
    code = request.GET.get("form", "01/XLD")
    form = FORMS.get(code) or FORMS["01/XLD"]
    table = compute(form, communes, period)
    query = request.GET.copy()
    query["start"], query["end"] = period.start.isoformat(), period.end.isoformat()
    balances = OpeningBalance.objects.filter(
        commune__in=communes, as_of=period.start
    ).select_related("commune", "entered_by")
    return render(
        request,
        "reports/forms.html",
        {
            "table": table,
            "balances": sorted(balances, key=lambda b: b.commune.name),
            "can_enter_balance": has_perm(request.user, Perm.REPORT_OPENING_BALANCE, commune),
            "forms": [(f.code, f.title) for f in FORMS.values()],
            "form": form,
            "period": period,
            "scope": request.GET.get("scope", "commune"),
            "query": query.urlencode(),
            "slug": slug(form.code),
            "can_manage": has_perm(request.user, Perm.REPORT_MANAGE, commune),
            "params": request.GET,
        },
    )


@require_perm(Perm.REPORT_VIEW)
def form_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    commune: Commune = request.commune  # type: ignore[attr-defined]
    form = by_slug(code)
    period = _period(request)
    communes = _scope(request, commune)
    forms_ = list(FORMS.values()) if code == "all" else [form] if form else None
    if not forms_:
        raise Http404
    tables = [compute(f, communes, period) for f in forms_]
    workbook = xlsx.form_workbook(tables, unit_name=_unit_name(communes))
    response = HttpResponse(
        xlsx.workbook_bytes(workbook),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bieu-{code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"'
    )
    return response


@require_POST
@require_perm(Perm.REPORT_MANAGE)
def report_create(request: HttpRequest) -> HttpResponse:
    commune: Commune = request.commune  # type: ignore[attr-defined]
    try:
        period = Period(
            dt.date.fromisoformat(request.POST["start"]), dt.date.fromisoformat(request.POST["end"])
        )
    except (KeyError, ValueError) as exc:
        raise Http404 from exc
    signer = request.POST.get("signer_name", "").strip() or request.user.get_full_name()  # type: ignore[union-attr]
    try:
        _document, annex = services.report_draft_from_forms(
            actor=request.user, commune=commune, period=period, signer_name=signer or "—"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:forms")
    messages.success(request, _("The report was drafted with its XLSX annex."))
    return redirect("reports:report", pk=annex.pk)


@require_perm(Perm.REPORT_VIEW)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    annex = get_scoped_or_404(
        ReportAnnex.objects.select_related("document"), request.user, "document__commune", pk=pk
    )
    if not has_perm(request.user, Perm.REPORT_VIEW, annex.document.commune):
        raise PermissionDenied
    return render(request, "reports/report.html", {"annex": annex, "document": annex.document})


@require_perm(Perm.REPORT_VIEW)
def annex_download(request: HttpRequest, pk: int) -> FileResponse:
    annex = get_scoped_or_404(ReportAnnex.objects.all(), request.user, "document__commune", pk=pk)
    if not has_perm(request.user, Perm.REPORT_VIEW, annex.document.commune):
        raise PermissionDenied
    return FileResponse(
        annex.file.open("rb"), as_attachment=True, filename=annex.file.name.rsplit("/", 1)[-1]
    )


# --- the one-time opening balance (kê khai số liệu đầu kỳ) -------------------------------------
SPLITS = (
    ("single", gettext_lazy("Signed by one person")),
    ("group", gettext_lazy("Signed by many people")),
)


class OpeningBalanceForm(StyledForm):
    """The first day of the first period, and per kind of petition the cases then open, signed
    by one person and by many: one number field each, named `<kind>_<split>` (added below)."""

    as_of = VNDateField(
        label=gettext_lazy("First day of the first period"),
        error_messages={"required": gettext_lazy("Enter the first day of the first period.")},
    )

    def rows(self) -> list[tuple[str, list[Any]]]:
        """(kind label, [bound field per split]) for the table."""
        return [
            (str(kind.label), [self[f"{kind.value}_{split}"] for split, _label in SPLITS])
            for kind in Kind
        ]

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            kind.value: {
                split: self.cleaned_data.get(f"{kind.value}_{split}") or 0
                for split, _label in SPLITS
            }
            for kind in Kind
        }


OpeningBalanceForm.base_fields.update(
    {
        f"{kind.value}_{split}": django_forms.IntegerField(
            label=format_lazy("{} — {}", kind.label, split_label),
            required=False,
            min_value=0,
            max_value=99_999,
            initial=0,
            error_messages={
                "invalid": gettext_lazy("Enter a whole number of cases (0 or more)."),
                "min_value": gettext_lazy("A number of cases cannot be negative."),
            },
        )
        for kind in Kind
        for split, split_label in SPLITS
    }
)


def _current_quarter_start(today: dt.date) -> dt.date | None:
    for year in (today.year, today.year + 1):
        for number in range(1, 5):
            period = official_period("quarter", year, number)
            if period.start <= today <= period.end:
                return period.start
    return None


def _balance_rows(balance: OpeningBalance) -> list[tuple[str, list[int]]]:
    return [
        (
            str(kind.label),
            [int(balance.counts.get(kind.value, {}).get(split, 0)) for split, _label in SPLITS],
        )
        for kind in Kind
    ]


@require_perm(Perm.REPORT_OPENING_BALANCE)
def opening_balance(request: HttpRequest) -> HttpResponse:
    """Enter the opening balance once (GET: the form, POST: record it); once recorded, the page
    shows it read-only with who entered it and when."""
    commune: Commune = request.commune  # type: ignore[attr-defined]
    balance = OpeningBalance.objects.filter(commune=commune).select_related("entered_by").first()
    if balance is not None:
        if request.method == "POST":
            messages.error(
                request, _("The opening balance was already entered: it cannot be changed.")
            )
            return redirect("reports:opening_balance")
        periods = services.official_periods_starting(balance.as_of)
        first = next((p for kind, p in periods if kind == "quarter"), None) or (
            periods[0][1] if periods else None
        )
        return render(
            request,
            "reports/opening_balance.html",
            {
                "balance": balance,
                "rows": _balance_rows(balance),
                "total": sum(sum(values) for _label, values in _balance_rows(balance)),
                "first_period": first,
                "splits": [label for _split, label in SPLITS],
            },
        )
    form = OpeningBalanceForm(
        request.POST or None, initial={"as_of": _current_quarter_start(_today())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.opening_balance_set(
                actor=request.user,
                commune=commune,
                as_of=form.cleaned_data["as_of"],
                counts=form.counts(),
            )
        except ValidationError as exc:
            if OpeningBalance.objects.filter(commune=commune).exists():  # entered meanwhile
                messages.error(request, " ".join(exc.messages))
                return redirect("reports:opening_balance")
            form.add_error(None, exc)
        else:
            messages.success(request, _("The opening balance was recorded."))
            return redirect("reports:opening_balance")
    return render(
        request,
        "reports/opening_balance.html",
        {
            "form": form,
            "splits": [label for _split, label in SPLITS],
            "cutoff_day": cutoff_day(),
            "quarter_starts": ", ".join(
                f"{official_period('quarter', 2000, n).start:%d/%m}" for n in range(1, 5)
            ),
            "year_start": f"{official_period('year', 2000).start:%d/%m}",
        },
    )


# --- import of historical petitions --------------------------------------------------------------
class ImportForm(StyledForm):
    file = django_forms.FileField(label=_("XLSX file filled in from the template"))


@require_perm(Perm.REPORT_MANAGE)
def import_template(request: HttpRequest) -> HttpResponse:
    commune: Commune = request.commune  # type: ignore[attr-defined]
    response = HttpResponse(
        importing.template_workbook(commune),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-don.xlsx"'
    return response


@require_perm(Perm.REPORT_MANAGE)
def import_upload(request: HttpRequest) -> HttpResponse:
    """The upload form (GET) and the validation of an uploaded file (POST → the preview)."""
    commune: Commune = request.commune  # type: ignore[attr-defined]
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = importing.import_preview(
                actor=request.user, commune=commune, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("reports:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(commune=commune)[:10]
    return render(request, "reports/import.html", {"form": form, "jobs": jobs})


def _job(request: HttpRequest, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob, pk=pk, commune=request.commune)  # type: ignore[attr-defined]


@require_perm(Perm.REPORT_MANAGE)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview (good rows, rejected rows with reasons), then the progress and the result."""
    job = _job(request, pk)
    rejected = [
        {
            "row": r["row"],
            "reasons": [importing.reason_text(e) for e in r["errors"]],
            "codes": " ".join(e["code"] for e in r["errors"]),
        }
        for r in job.rejected
    ]
    return render(
        request,
        "reports/import_job.html",
        {"job": job, "rejected": rejected, "processed": importing.processed(job)},
    )


@require_POST
@require_perm(Perm.REPORT_MANAGE)
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        importing.import_confirm(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("reports:import_job", pk=job.pk)


@require_perm(Perm.REPORT_MANAGE)
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by htmx every second while the job is queued or running."""
    job = _job(request, pk)
    return render(
        request,
        "reports/_import_progress.html",
        {"job": job, "processed": importing.processed(job)},
    )
