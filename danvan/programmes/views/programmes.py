"""The programme pages: the list, the import, creating and editing, overview, timeline, board."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.decorators import require_perm
from danvan.accounts.permissions import Perm, has_perm
from danvan.core import tabular
from danvan.documents.parsing import DocumentParseError
from danvan.documents.selectors import legal_documents_of

from .. import access, exports, selectors, services
from ..forms import (
    ImportForm,
    ImportPreviewForm,
    ProgrammeForm,
)
from ..importing import build_proposal
from ..models import Programme
from ..services.imports import unit_refs
from .common import (
    attach_errors,
    commune_of,
    programme_of,
    series_labels,
    status_labels,
    tab_context,
)


# --- Programmes ---------------------------------------------------------------------------------
def _year(request: HttpRequest) -> str:
    return request.GET.get("year", "")


def _programmes(request: HttpRequest) -> QuerySet[Programme]:
    year = _year(request)
    return selectors.programmes_of(commune_of(request), year=int(year) if year.isdigit() else None)


@require_perm(Perm.PROGRAMME_VIEW)
def programme_list(request: HttpRequest) -> HttpResponse:
    commune = commune_of(request)
    return render(
        request,
        "programmes/list.html",
        {
            "programmes": _programmes(request),
            "years": selectors.programme_years(commune),
            "year": _year(request),
            "can_import": has_perm(request.user, Perm.PROGRAMME_MANAGE, commune),
            "can_plan": bool(access.plan_units(request.user, commune)),
            "exports": tabular.links(request, "programmes:export"),
        },
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_list_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The programmes and plans of the list (its year filter), as XLSX or CSV."""
    tabular.require_format(fmt)
    return tabular.export(
        fmt,
        exports.programme_columns(commune_of(request)),
        _programmes(request).iterator(chunk_size=tabular.CHUNK),
        name="chuong-trinh-ke-hoach",
    )


@require_perm(Perm.PROGRAMME_MANAGE)
def programme_import(request: HttpRequest) -> HttpResponse:
    """Step 1: paste or upload; a programme that parses goes to the preview (step 2)."""
    commune = commune_of(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            proposal = build_proposal(
                text, unit_refs(commune), default_year=timezone.localdate().year
            )
        except DocumentParseError as exc:
            form.add_error("file" if form.cleaned_data.get("file") else "text", str(exc))
        else:
            preview = ImportPreviewForm(
                proposal=proposal,
                units=selectors.programme_units(commune),
                programmes=selectors.programmes_of(commune),
                text=text,
            )
            return _preview(request, preview)
    return render(request, "programmes/import.html", {"form": form})


def _preview(request: HttpRequest, form: ImportPreviewForm) -> HttpResponse:
    commune = commune_of(request)
    proposal = form.proposal
    duplicates = selectors.same_programmes(commune, proposal.title, proposal.year)
    return render(
        request,
        "programmes/import_preview.html",
        {"form": form, "proposal": proposal, "duplicates": duplicates},
    )


@require_POST
@require_perm(Perm.PROGRAMME_MANAGE)
def programme_import_confirm(request: HttpRequest) -> HttpResponse:
    """Step 2: save what the official confirmed (the text travels with the form)."""
    commune = commune_of(request)
    text = request.POST.get("text", "")
    try:
        proposal = build_proposal(text, unit_refs(commune), default_year=timezone.localdate().year)
    except DocumentParseError as exc:
        messages.error(request, str(exc))
        return redirect("programmes:import")
    form = ImportPreviewForm(
        request.POST,
        proposal=proposal,
        units=selectors.programme_units(commune),
        programmes=selectors.programmes_of(commune),
    )
    if form.is_valid():
        try:
            programme = services.programme_import(
                actor=request.user,
                commune=commune,
                proposal=proposal,
                choices=form.choices(),
                source_text=text,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("The programme has been imported with %(n)d tasks.")
                % {"n": programme.tasks.count()},
            )
            return redirect("programmes:detail", pk=programme.pk)
    return _preview(request, form)


def _programme_form(
    request: HttpRequest, programme: Programme | None, data: Any = None, **kwargs: Any
) -> ProgrammeForm:
    commune = commune_of(request)
    others = selectors.programmes_of(commune)
    if programme is not None:
        others = others.exclude(pk=programme.pk)
    return ProgrammeForm(
        data,
        units=selectors.programme_units(commune),
        plan_units=access.plan_units(request.user, commune),
        programmes=others,
        legal=legal_documents_of(commune),
        creating=programme is None,
        **kwargs,
    )


@require_perm(Perm.PROGRAMME_UNIT_PLAN)
def programme_create(request: HttpRequest) -> HttpResponse:
    """A new programme of the commune, or a unit's plan (?implements=<programme> to implement)."""
    commune = commune_of(request)
    implements = request.GET.get("implements", "")
    initial: dict[str, Any] = {"year": timezone.localdate().year, "kind": "KH"}
    if implements.isdigit():
        parent = selectors.get_programme(commune, int(implements))
        initial |= {"implements": parent.pk, "year": parent.year, "copy_contents": True}
    mine = access.plan_units(request.user, commune)
    manager = has_perm(request.user, Perm.PROGRAMME_MANAGE, commune)
    if not manager and len(mine) == 1:
        initial["unit"] = mine[0].pk
    form = _programme_form(request, None, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not manager and data.get("unit") is None:
            form.add_error("unit", _("Choose your unit: you may create plans for it only."))
        else:
            try:
                programme = services.programme_create(actor=request.user, commune=commune, **data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("programmes:detail", pk=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


@require_perm(Perm.PROGRAMME_VIEW)
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_of(request, pk)
    if not access.can_edit_programme(request.user, programme):
        raise PermissionDenied
    initial = {
        field: getattr(programme, field)
        for field in services.programme.PROGRAMME_FIELDS
        if field not in ("coordinator_unit", "implements")
    }
    initial |= {
        "coordinator_unit": programme.coordinator_unit_id,
        "implements": programme.implements_id,
        "legal_basis": list(programme.legal_basis.values_list("pk", flat=True)),
    }
    form = _programme_form(request, programme, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("programmes:detail", pk=pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


@require_perm(Perm.PROGRAMME_VIEW)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_of(request, pk)
    today = timezone.localdate()
    rows = selectors.task_rows(programme, today=today)
    summaries = selectors.reporting_calendar(
        selectors.expectations(rows, selectors.reports_of(programme))
    )
    return render(
        request,
        "programmes/detail.html",
        tab_context(
            request,
            programme,
            "overview",
            rows=rows,
            cards=selectors.status_cards(rows),
            plans=selectors.related_programmes(programme),
            responsibilities=programme.responsibilities.prefetch_related("units"),
            legal_basis=programme.legal_basis.order_by("issued_on", "number_symbol"),
            chart=selectors.chart_data(rows, summaries, status_labels(), today)
            | {"series": series_labels()},
            can_plan=bool(access.plan_units(request.user, programme.commune)),
            today=today,
            exports=tabular.links(request, "programmes:tasks_export", pk),
        ),
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_of(request, pk)
    today = timezone.localdate()
    rows = selectors.task_rows(programme, today=today)
    return render(
        request,
        "programmes/timeline.html",
        tab_context(
            request, programme, "timeline", timeline=selectors.timeline(programme, rows, today)
        ),
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_board(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_of(request, pk)
    rows = selectors.task_rows(programme)
    return render(
        request,
        "programmes/board.html",
        tab_context(
            request,
            programme,
            "board",
            columns=selectors.board(rows),
            exports=tabular.links(request, "programmes:tasks_export", pk, extra={"view": "board"}),
        ),
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_tasks_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The programme's tasks as the overview lists them (the tree, with their derived status),
    or with ?view=board as the board shows them (the tasks without sub-tasks, by status)."""
    tabular.require_format(fmt)
    programme = programme_of(request, pk)
    rows = selectors.task_rows(programme, today=timezone.localdate())
    if request.GET.get("view") == "board":
        rows = [row for column in selectors.board(rows) for row in column.rows]
    return tabular.export(
        fmt, exports.TASK_COLUMNS, rows, name=f"nhiem-vu-chuong-trinh-{programme.pk}"
    )
