"""Programmes, tasks, progress reports, study sessions, reviews and the evaluation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, VNDateField
from danvan.core.models import Unit, UnitKind
from danvan.documents.models import LegalDocument
from danvan.petitions.forms import MultipleFileField

from ..models import ChecklistItem, Criterion, Programme, Task
from ..schedule import ReportSlot
from ..states import (
    PROGRAMME_FREQUENCIES,
    CriterionMetric,
    IndicatorKind,
    ProgrammeKind,
    Recurrence,
    ReviewKind,
)
from .fields import NUMBER_MESSAGES, PERCENT_MESSAGES, UnitChoiceField


class ProgrammeForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    type_name = forms.CharField(
        label=_("Type as printed"),
        max_length=100,
        required=False,
        help_text=_("For example: Chương trình hành động"),
    )
    title = forms.CharField(label=_("Subject line"), max_length=500)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2099)
    number_symbol = forms.CharField(label=_("Number and symbol"), max_length=80, required=False)
    issued_on = VNDateField(label=_("Issued on"), required=False)
    unit = UnitChoiceField(
        label=_("Plan of the unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— the commune —"),
    )
    implements = forms.ModelChoiceField(
        label=_("Implements the programme"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    copy_contents = forms.BooleanField(
        label=_("Start from the contents of the programme implemented"), required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    requirements = forms.CharField(
        label=_("Requirements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    coordinator_unit = UnitChoiceField(
        label=_("Coordinating unit"), queryset=Unit.objects.none(), required=False
    )
    report_frequency = forms.ChoiceField(label=_("Units report"), choices=PROGRAMME_FREQUENCIES)
    report_lag_days = forms.IntegerField(
        label=_("Reports due (days after the cut-off day)"),
        min_value=0,
        max_value=60,
        initial=0,
        help_text=Programme._meta.get_field("report_lag_days").help_text,
    )
    legal_basis = forms.ModelMultipleChoiceField(
        label=_("Legal basis (from the directive register)"),
        queryset=LegalDocument.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        plan_units: Sequence[Unit],
        programmes: QuerySet[Programme],
        legal: QuerySet[LegalDocument],
        creating: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units.filter(pk__in=[u.pk for u in plan_units])  # type: ignore[attr-defined]
        self.fields["implements"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["legal_basis"].queryset = legal  # type: ignore[attr-defined]
        if not creating:
            del self.fields["unit"]
            del self.fields["copy_contents"]


class TaskForm(StyledForm):
    number = forms.CharField(
        label=_("Number"), max_length=20, required=False, help_text=_("Empty: the next number.")
    )
    parent = forms.ModelChoiceField(
        label=_("Under"), queryset=Task.objects.none(), required=False, empty_label=_("— top —")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    lead_unit = UnitChoiceField(
        label=_("Lead unit (chủ trì)"), queryset=Unit.objects.none(), required=False
    )
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("Cooperating units (phối hợp)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    villages = forms.ModelMultipleChoiceField(
        label=_("Villages concerned"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices)
    starts_on = VNDateField(label=_("Start date"))
    due_on = VNDateField(label=_("Due date"))
    expected_output = forms.CharField(
        label=_("Expected output"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    indicator_kind = forms.ChoiceField(label=_("Indicator"), choices=IndicatorKind.choices)
    target_value = forms.DecimalField(
        label=_("Target number"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        error_messages=NUMBER_MESSAGES,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    target_unit = forms.CharField(
        label=_("Counted in"),
        max_length=50,
        required=False,
        help_text=_("For example: buổi, lượt người, tin bài"),
    )
    checklist = forms.CharField(
        label=_("Checklist, one item per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contributes_to = forms.ModelChoiceField(
        label=_("Implements the content"),
        queryset=Task.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )

    def __init__(
        self, *args: Any, programme: Programme, task: Task | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune=programme.commune, is_active=True).order_by(
            "kind", "name"
        )
        self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["cooperating_units"].queryset = units  # type: ignore[attr-defined]
        self.fields["villages"].queryset = units.filter(kind=UnitKind.VILLAGE)  # type: ignore[attr-defined]
        parents = programme.tasks.order_by("position", "pk")
        if task is not None:
            parents = parents.exclude(pk=task.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        if programme.implements_id:
            self.fields["contributes_to"].queryset = programme.implements.tasks.order_by(  # type: ignore[attr-defined,union-attr]
                "position", "pk"
            )
        else:
            del self.fields["contributes_to"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, due_on = data.get("starts_on"), data.get("due_on")
        if starts_on and due_on and due_on < starts_on:
            self.add_error(
                "due_on",
                _("The due date (%(due)s) is before the start date (%(start)s).")
                % {"due": due_on.strftime("%d/%m/%Y"), "start": starts_on.strftime("%d/%m/%Y")},
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["checklist"] = (data.get("checklist") or "").splitlines()
        data["cooperating_units"] = list(data["cooperating_units"])
        data["villages"] = list(data["villages"])
        data.setdefault("contributes_to", None)
        return data


class ReportForm(StyledForm):
    unit = UnitChoiceField(label=_("Reporting unit"), queryset=Unit.objects.none())
    period = forms.ChoiceField(label=_("Period"))
    text = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        error_messages=PERCENT_MESSAGES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    value = forms.DecimalField(
        label=_("Achieved in the period"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        error_messages=NUMBER_MESSAGES,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    checklist_done = forms.ModelMultipleChoiceField(
        label=_("Items done"),
        queryset=ChecklistItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("An item ticked is not on this task's checklist.")},
    )
    evidence = MultipleFileField(
        label=_("Evidence (PDF, JPEG, PNG, DOCX; at most 10 MB each)"), required=False
    )

    def __init__(
        self,
        *args: Any,
        task: Task,
        units: Sequence[Unit],
        slots: Sequence[ReportSlot],
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        open_slots = [s for s in slots if s.period.start <= today]
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            (
                s.period.key,
                f"{s.period.label} ({s.period.start:%d/%m/%Y}–{s.period.end:%d/%m/%Y})",
            )
            for s in open_slots
        ]
        current = next((s for s in open_slots if s.due_on >= today), None)
        if current is None and open_slots:
            current = open_slots[-1]
        if current is not None:
            self.fields["period"].initial = current.period.key
        kind = task.indicator_kind
        if kind != IndicatorKind.NONE:
            del self.fields["progress"]
        if kind == IndicatorKind.NUMBER:
            self.fields["value"].required = True
            if task.target_unit:
                self.fields["value"].label = _("Achieved in the period (%(unit)s)") % {
                    "unit": task.target_unit
                }
        else:
            del self.fields["value"]
        if kind == IndicatorKind.CHECKLIST:
            self.fields["checklist_done"].queryset = task.checklist.all()  # type: ignore[attr-defined]
        else:
            del self.fields["checklist_done"]

    def period_end(self) -> dt.date:
        return dt.date.fromisoformat(self.cleaned_data["period"])


class StudyForm(StyledForm):
    legal_document = forms.ModelChoiceField(
        label=_("Document"), queryset=LegalDocument.objects.none()
    )
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    held_on = VNDateField(label=_("Held on"))
    attendees = forms.IntegerField(
        label=_("Attendees"),
        min_value=1,
        max_value=100000,
        error_messages={
            "invalid": _("The number of attendees must be a whole number."),
            "min_value": _("The number of attendees must be between 1 and 100000."),
            "max_value": _("The number of attendees must be between 1 and 100000."),
        },
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(
        self, *args: Any, documents: QuerySet[LegalDocument], units: Sequence[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["legal_document"].queryset = documents  # type: ignore[attr-defined]
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]


class CancelForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(StyledForm):
    kind = forms.ChoiceField(label=_("Review"), choices=ReviewKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2099)


class CriterionForm(StyledForm):
    name = forms.CharField(label=_("Criterion"), max_length=300)
    metric = forms.ChoiceField(label=_("Computed from"), choices=CriterionMetric.choices)
    points = forms.IntegerField(label=_("Points"), min_value=1, max_value=100)


class AdjustmentForm(StyledForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    criterion = forms.ModelChoiceField(label=_("Criterion"), queryset=Criterion.objects.none())
    points = forms.DecimalField(
        label=_("Points (+/−)"),
        max_digits=5,
        decimal_places=1,
        error_messages=NUMBER_MESSAGES | {"min_value": _("The number is too small.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self, *args: Any, units: Sequence[Unit], criteria: QuerySet[Criterion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]
        self.fields["criterion"].queryset = criteria  # type: ignore[attr-defined]
