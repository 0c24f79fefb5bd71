"""Following a programme: reports, directive study, reviews, the unit evaluation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.decorators import require_perm
from danvan.accounts.permissions import Perm, has_perm
from danvan.core import tabular
from danvan.core.models import Unit

from .. import access, exports, selectors, services
from ..forms import (
    AdjustmentForm,
    CriterionForm,
    ReviewForm,
    StudyForm,
)
from ..models import Programme, Review
from ..states import ReviewKind
from .common import (
    attach_errors,
    programme_of,
    tab_context,
)


@dataclass
class _Reporting:
    summaries: list[selectors.PeriodSummary]
    chosen: selectors.PeriodSummary | None
    units: list[selectors.UnitReporting]


def _reporting(request: HttpRequest, programme: Programme, today: dt.date) -> _Reporting:
    """The reporting calendar, the period asked for (?period=, else the one to chase now) and
    who has reported for it."""
    rows = selectors.task_rows(programme, today=today)
    expected = selectors.expectations(rows, selectors.reports_of(programme))
    summaries = selectors.reporting_calendar(expected)
    try:
        period = dt.date.fromisoformat(request.GET.get("period", ""))
    except ValueError:
        period = selectors.default_period(summaries, today)  # type: ignore[assignment]
    chosen = next((s for s in summaries if s.end == period), None)
    units = selectors.who_reported(expected, chosen.end) if chosen else []
    return _Reporting(summaries, chosen, units)


@require_perm(Perm.PROGRAMME_VIEW)
def programme_reporting(request: HttpRequest, pk: int) -> HttpResponse:
    """The reporting calendar, and for one period who has reported and who has not."""
    programme = programme_of(request, pk)
    today = timezone.localdate()
    reporting = _reporting(request, programme, today)
    chosen = reporting.chosen
    return render(
        request,
        "programmes/reporting.html",
        tab_context(
            request,
            programme,
            "reporting",
            summaries=reporting.summaries,
            chosen=chosen,
            units=reporting.units,
            today=today,
            exports=tabular.links(
                request,
                "programmes:reporting_export",
                pk,
                extra={"period": chosen.end.isoformat()} if chosen else None,
            ),
        ),
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_reporting_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """Who has reported for the period (?period=, as on the page): one row per report expected
    from a unit on a task, the units that have not sent everything first."""
    tabular.require_format(fmt)
    programme = programme_of(request, pk)
    reporting = _reporting(request, programme, timezone.localdate())
    items = [item for unit in reporting.units for item in unit.expected]
    end = f"-{reporting.chosen.end:%Y%m%d}" if reporting.chosen else ""
    return tabular.export(
        fmt, exports.REPORTING_COLUMNS, items, name=f"tinh-hinh-bao-cao-{programme.pk}{end}"
    )


def _study_units(programme: Programme) -> list[Unit]:
    """The units expected to study the programme's documents (those it assigns work to)."""
    return selectors.expected_units(programme, selectors.task_rows(programme))


@require_perm(Perm.PROGRAMME_VIEW)
def programme_study(request: HttpRequest, pk: int) -> HttpResponse:
    """Directive study: which units studied each document of the legal basis, and which not."""
    programme = programme_of(request, pk)
    units = _study_units(programme)
    allowed = access.study_units(request.user, programme, units)
    form = None
    if allowed:
        form = StudyForm(
            request.POST or None,
            documents=programme.legal_basis.order_by("issued_on", "number_symbol"),
            units=allowed,
            initial={
                "held_on": timezone.localdate(),
                "unit": allowed[0].pk if len(allowed) == 1 else None,
            },
        )
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.study_record(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The study session has been recorded."))
            return redirect("programmes:study", pk=pk)
    return render(
        request,
        "programmes/study.html",
        tab_context(
            request,
            programme,
            "study",
            lines=selectors.study_matrix(programme, units),
            units=units,
            form=form,
            exports=tabular.links(request, "programmes:study_export", pk),
        ),
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_study_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The study page as a table: per document, the sessions held (unit, date, attendees, note)
    and the units that have not studied it yet."""
    tabular.require_format(fmt)
    programme = programme_of(request, pk)
    lines = selectors.study_matrix(programme, _study_units(programme))
    return tabular.export(
        fmt,
        exports.STUDY_COLUMNS,
        exports.study_rows(lines),
        name=f"quan-triet-chuong-trinh-{programme.pk}",
    )


def _reviews(programme: Programme) -> QuerySet[Review]:
    return programme.reviews.select_related("document", "created_by")


@require_perm(Perm.PROGRAMME_VIEW)
def programme_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_of(request, pk)
    can_review = has_perm(request.user, Perm.PROGRAMME_REVIEW, programme.commune)
    today = timezone.localdate()
    form = ReviewForm(
        request.POST or None,
        initial={
            "kind": ReviewKind.HALF_YEAR if today.month < 12 else ReviewKind.ANNUAL,
            "year": programme.year,
        },
    )
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        if form.is_valid():
            try:
                review = services.review_generate(
                    actor=request.user, programme=programme, **form.cleaned_data
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(
                    request, _("The draft review report is ready: check and complete it.")
                )
                return redirect("documents:detail", pk=review.document_id)
    return render(
        request,
        "programmes/reviews.html",
        tab_context(
            request,
            programme,
            "reviews",
            reviews=_reviews(programme),
            form=form if can_review else None,
            exports=tabular.links(request, "programmes:reviews_export", pk),
        ),
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_reviews_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The programme's review reports as the page lists them: kind, period, the report's number
    (or draft), when and by whom it was drafted."""
    tabular.require_format(fmt)
    programme = programme_of(request, pk)
    return tabular.export(
        fmt,
        exports.REVIEW_COLUMNS,
        _reviews(programme).iterator(chunk_size=tabular.CHUNK),
        name=f"so-ket-tong-ket-chuong-trinh-{programme.pk}",
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    """The annual unit evaluation: computed scores, the official's adjustments and criteria."""
    programme = programme_of(request, pk)
    today = timezone.localdate()
    rows = selectors.task_rows(programme, today=today)
    can_evaluate = has_perm(request.user, Perm.PROGRAMME_EVALUATE, programme.commune)
    units = selectors.expected_units(programme, rows)
    action = request.POST.get("action", "")
    criterion_form = CriterionForm(request.POST if action == "criterion" else None)
    adjust_form = AdjustmentForm(
        request.POST if action == "adjust" else None, units=units, criteria=programme.criteria.all()
    )
    if request.method == "POST":
        if not can_evaluate:
            raise PermissionDenied
        form = criterion_form if action == "criterion" else adjust_form
        if form.is_valid():
            try:
                if action == "criterion":
                    services.criterion_save(
                        actor=request.user, programme=programme, **form.cleaned_data
                    )
                else:
                    services.score_adjust(
                        actor=request.user, programme=programme, **form.cleaned_data
                    )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("programmes:evaluation", pk=pk)
    criteria, lines = selectors.evaluation(programme, rows, today)
    return render(
        request,
        "programmes/evaluation.html",
        tab_context(
            request,
            programme,
            "evaluation",
            criteria=criteria,
            lines=lines,
            can_evaluate=can_evaluate,
            criterion_form=criterion_form,
            adjust_form=adjust_form,
            exports=tabular.links(request, "programmes:evaluation_export", pk),
        ),
    )


@require_perm(Perm.PROGRAMME_VIEW)
def programme_evaluation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The evaluation table: each unit's points on each criterion, its score and rating."""
    tabular.require_format(fmt)
    programme = programme_of(request, pk)
    today = timezone.localdate()
    criteria, lines = selectors.evaluation(
        programme, selectors.task_rows(programme, today=today), today
    )
    return tabular.export(
        fmt,
        exports.evaluation_columns(criteria),
        lines,
        name=f"danh-gia-don-vi-chuong-trinh-{programme.pk}",
    )
