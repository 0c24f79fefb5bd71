"""Fields and messages shared by the programme forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

NUMBER_MESSAGES = {
    "invalid": _("Enter a number, for example 12 or 12.5."),
    "max_digits": _("The number is too large."),
    "max_decimal_places": _("Use at most two decimals."),
    "max_whole_digits": _("The number is too large."),
    "min_value": _("The number cannot be negative."),
}
PERCENT_MESSAGES = {
    "invalid": _("The progress must be a whole number from 0 to 100."),
    "min_value": _("The progress must be a whole number from 0 to 100."),
    "max_value": _("The progress must be a whole number from 0 to 100."),
}


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name
