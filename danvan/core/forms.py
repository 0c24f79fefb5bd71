from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .calendar import MAX_DATE, MIN_DATE
from .deadlines import MAX_LENGTH
from .models import AuditEvent, DayKind, DeadlineRule, DeadlineUnit

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


def style_fields(form: forms.BaseForm) -> None:
    """Give every widget its Bootstrap class, and mark invalid fields for assistive technology."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        # Only after validation: reading form.errors here would validate the form too early.
        errors = getattr(form, "_errors", None)
        if errors and name in errors:
            css += " is-invalid"
            widget.attrs["aria-invalid"] = "true"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)

    def full_clean(self) -> None:
        super().full_clean()
        style_fields(self)


class VNDateField(forms.DateField):
    """Accepts 14/01/2026 (the Vietnamese way) and 2026-01-14 (the browser's date picker)."""

    default_error_messages = {
        "invalid": _("Enter a date as dd/mm/yyyy, for example 14/01/2026."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        day = super().clean(value)
        if day is not None and not MIN_DATE <= day <= MAX_DATE:
            raise forms.ValidationError(
                _("The date must be between %(min)s and %(max)s."),
                params={"min": MIN_DATE.strftime("%d/%m/%Y"), "max": MAX_DATE.strftime("%d/%m/%Y")},
            )
        return day


class DeadlineCalculatorForm(StyledForm):
    rule = forms.ModelChoiceField(
        label=_("Legal rule"),
        queryset=DeadlineRule.objects.filter(is_active=True).order_by("code"),
        required=False,
        empty_label=_("— type a length and unit instead —"),
        error_messages={"invalid_choice": _("Unknown rule. Choose one from the list.")},
    )
    length = forms.IntegerField(
        label=_("Length (days)"),
        required=False,
        min_value=1,
        max_value=MAX_LENGTH,
        error_messages={
            "invalid": _("The length must be a whole number of days."),
            "min_value": _("The length must be at least 1 day."),
            "max_value": _("The length must not exceed %(limit_value)s days."),
        },
    )
    unit = forms.ChoiceField(
        label=_("Counting unit"),
        choices=DeadlineUnit.choices,
        required=False,
        initial=DeadlineUnit.WD,
        error_messages={"invalid_choice": _("Unknown unit: use CAL, WD or CAL_NOROLL.")},
    )
    start = VNDateField(label=_("Start date (day 0: receipt, acceptance…)"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("rule") and not self.errors.get("length"):
            if not data.get("length"):
                self.add_error("length", _("Choose a rule, or type the number of days."))
            if not data.get("unit"):
                self.add_error("unit", _("Choose the unit of the period."))
        return data


class CalendarOverrideForm(StyledForm):
    date = VNDateField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Becomes"), choices=DayKind.choices)
    name = forms.CharField(label=_("Occasion"), max_length=200)
    legal_document = forms.CharField(
        label=_("Deciding document"),
        max_length=300,
        required=False,
        help_text=_("For example: Thông báo 9441/TB-BNV ngày 16/10/2025"),
    )
    scope = forms.ChoiceField(
        label=_("Applies to"),
        choices=[("national", _("the whole country")), ("province", _("this province only"))],
        initial="national",
    )
    is_provisional = forms.BooleanField(label=_("Provisional (not yet confirmed)"), required=False)


class AuditFilterForm(StyledForm):
    verb = forms.CharField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("User"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    date_from = VNDateField(label=_("From"), required=False)
    date_to = VNDateField(label=_("To"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()
        self.fields["object_type"].choices = [("", _("All"))] + [(t, t) for t in types if t]  # type: ignore[attr-defined]


class CommuneSettingsForm(StyledForm):
    require_2fa_for_leaders = forms.BooleanField(
        label=_("Leaders and administrators must use two-factor sign-in"), required=False
    )
    after_hours_receipt_next_day = forms.BooleanField(
        label=_("Treat papers received after office hours as received the next working day"),
        required=False,
        help_text=_("UNCONFIRMED rule (DOMAIN T-9): many provinces apply it; off by default."),
    )
