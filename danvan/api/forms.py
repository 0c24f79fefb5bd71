from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm

from .services import NAME_MAX


class ApiKeyForm(StyledForm):
    name = forms.CharField(
        label=_("Application name"),
        max_length=NAME_MAX,
        help_text=_("Petitions it sends are marked “submitted through” this name."),
    )


class StaffTokenForm(StyledForm):
    name = forms.CharField(
        label=_("Used for"),
        max_length=NAME_MAX,
        help_text=_("For example: the one-stop shop system."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))],
        initial=90,
    )
