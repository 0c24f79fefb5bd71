"""Tasks, progress reports with their evidence, and each unit's page."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.decorators import require_perm
from danvan.accounts.permissions import Perm
from danvan.core import tabular
from danvan.core.selectors import commune_calendar

from .. import access, exports, selectors, services
from ..forms import (
    CancelForm,
    ReportForm,
    TaskForm,
)
from ..models import Evidence, ProgressReport, Task
from .common import (
    attach_errors,
    commune_of,
    programme_of,
    tab_context,
)


# --- Tasks --------------------------------------------------------------------------------------
def _task(request: HttpRequest, pk: int) -> Task:
    return selectors.get_task(commune_of(request), pk)


@require_perm(Perm.PROGRAMME_VIEW)
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_of(request, pk)
    if not access.can_edit_programme(request.user, programme):
        raise PermissionDenied
    year = programme.year
    form = TaskForm(
        request.POST or None,
        programme=programme,
        initial={
            "starts_on": dt.date(year, 1, 1),
            "due_on": dt.date(year, 12, 31),
            "lead_unit": programme.unit_id or programme.coordinator_unit_id,
            "recurrence": "once",
            "indicator_kind": "none",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(
                actor=request.user, programme=programme, **form.service_kwargs()
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programmes:task", pk=task.pk)
    return render(
        request, "programmes/task_form.html", {"form": form, "programme": programme, "task": None}
    )


@require_perm(Perm.PROGRAMME_VIEW)
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    programme = task.programme
    if not access.can_edit_programme(request.user, programme):
        raise PermissionDenied
    initial = {field: getattr(task, field) for field in services.work.TASK_FIELDS}
    initial |= {
        "cooperating_units": list(task.cooperating_units.all()),
        "villages": list(task.villages.all()),
        "checklist": "\n".join(item.label for item in task.checklist.all()),
    }
    form = TaskForm(request.POST or None, programme=programme, task=task, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(actor=request.user, task=task, **form.service_kwargs())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programmes:task", pk=pk)
    return render(
        request, "programmes/task_form.html", {"form": form, "programme": programme, "task": task}
    )


@require_POST
@require_perm(Perm.PROGRAMME_VIEW)
def task_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    if not access.can_edit_programme(request.user, task.programme):
        raise PermissionDenied
    form = CancelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Say why the task is cancelled."))
        services.task_cancel(actor=request.user, task=task, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The task has been cancelled."))
    return redirect("programmes:task", pk=pk)


def _reports(task: Task) -> QuerySet[ProgressReport]:
    """The task's progress reports, newest first, as its page lists them."""
    return task.reports.select_related("unit", "submitted_by").prefetch_related(
        "evidence", "checklist_done"
    )


@require_perm(Perm.PROGRAMME_VIEW)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    programme = task.programme
    today = timezone.localdate()
    rows = {row.task.pk: row for row in selectors.task_rows(programme, today=today)}
    row = rows[task.pk]
    reports = list(_reports(task))
    expected = selectors.expectations([row], reports)
    return render(
        request,
        "programmes/task.html",
        tab_context(
            request,
            programme,
            "overview",
            task=task,
            row=row,
            children=[r for r in rows.values() if r.task.parent_id == task.pk],
            reports=reports,
            expected=expected,
            can_report=bool(access.reporting_units(request.user, task)) and row.is_leaf,
            cancel_form=CancelForm(),
            today=today,
            exports=tabular.links(request, "programmes:task_reports_export", pk),
        ),
    )


@require_perm(Perm.PROGRAMME_VIEW)
def task_reports_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The task's progress reports as its page lists them; evidence files by name only."""
    tabular.require_format(fmt)
    task = _task(request, pk)
    return tabular.export(
        fmt,
        exports.report_columns(task),
        _reports(task).iterator(chunk_size=tabular.CHUNK),
        name=f"bao-cao-tien-do-nhiem-vu-{task.pk}",
    )


@require_perm(Perm.PROGRAMME_REPORT)
def task_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit reports progress on a task: what was done, the indicator, evidence files."""
    task = _task(request, pk)
    units = access.reporting_units(request.user, task)
    if not units:
        raise PermissionDenied
    today = timezone.localdate()
    slots = services.task_slots(task, commune_calendar(task.programme.commune))
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        task=task,
        units=units,
        slots=slots,
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_submit(
                actor=request.user,
                task=task,
                unit=data["unit"],
                period_end=form.period_end(),
                text=data["text"],
                progress=data.get("progress"),
                value=data.get("value"),
                checklist_done=list(data.get("checklist_done") or []),
                files=data.get("evidence") or [],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Your report has been recorded."))
            return redirect("programmes:task", pk=pk)
    return render(
        request,
        "programmes/report_form.html",
        {"form": form, "task": task, "programme": task.programme},
    )


@require_perm(Perm.PROGRAMME_VIEW)
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = (
        Evidence.objects.select_related("report__task__programme")
        .filter(pk=pk, report__task__programme__commune=commune_of(request))
        .first()
    )
    if evidence is None:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


def _unit_year(request: HttpRequest) -> int:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() else timezone.localdate().year


@require_perm(Perm.PROGRAMME_VIEW)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's page: its tasks, its reports, its overdue items."""
    commune = commune_of(request)
    unit = selectors.get_unit(commune, pk)
    year = _unit_year(request)
    page = selectors.unit_page(unit, year=year)
    return render(
        request,
        "programmes/unit.html",
        {
            "unit": unit,
            "page": page,
            "year": year,
            "years": selectors.programme_years(commune) or [year],
            "today": timezone.localdate(),
            "exports": tabular.links(
                request, "programmes:unit_export", pk, extra={"year": str(year)}
            ),
        },
    )


@require_perm(Perm.PROGRAMME_VIEW)
def unit_tasks_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The unit's tasks of the year in the commune's programmes, as its page lists them."""
    tabular.require_format(fmt)
    unit = selectors.get_unit(commune_of(request), pk)
    year = _unit_year(request)
    page = selectors.unit_page(unit, year=year)
    return tabular.export(
        fmt, exports.UNIT_TASK_COLUMNS, page.tasks, name=f"nhiem-vu-don-vi-{unit.pk}-{year}"
    )
