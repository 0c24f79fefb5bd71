from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm
from danvan.petitions.forms import MultipleFileField
from danvan.petitions.models import Field


class SubmitForm(StyledForm):
    """The citizen's form. Labels are plain Vietnamese; the legal requirements of each kind are
    explained next to the fields (DOMAIN §2.2, §6.2)."""

    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (to receive the tracking code and the answer)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Your address"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    id_number = forms.CharField(label=_("ID number (CCCD)"), max_length=20, required=False)
    field = forms.ChoiceField(
        label=_("What is it about?"), choices=Field.choices, initial=Field.OTHER
    )
    summary = forms.CharField(label=_("In one sentence"), max_length=200)
    content = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    place = forms.CharField(
        label=_("Where (village, street, landmark)"), max_length=300, required=False
    )
    latitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )
    share_location = forms.BooleanField(
        label=_("Keep the location stored in my photos (otherwise it is removed)"), required=False
    )
    attachments = MultipleFileField(
        label=_("Photos or documents (JPEG, PNG, PDF, DOCX; at most 10 MB each)"), required=False
    )
    allow_public = forms.BooleanField(
        label=_("The answer may be published, without my name or contact details"),
        required=False,
        initial=True,
    )
    # A field people never see: robots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    challenge = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    follow_existing = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind in ("complaint", "info_request", "denunciation"):
            self.fields["address"].required = True
        if kind == "denunciation":
            del self.fields["allow_public"]

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > settings.PORTAL_MAX_FILES:
            raise forms.ValidationError(
                _("Attach at most %(n)d files.") % {"n": settings.PORTAL_MAX_FILES}
            )
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("email") or "").strip() and not (data.get("phone") or "").strip():
            self.add_error(
                "email",
                _("Give an e-mail address or a phone number so that the commune can reply."),
            )
        return data


class TrackForm(StyledForm):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    secret = forms.CharField(
        label=_("Secret code (on the receipt or in the e-mail)"),
        max_length=16,
        widget=forms.PasswordInput(render_value=True),
    )


class FeedbackForm(StyledForm):
    resolved = forms.TypedChoiceField(
        label=_("Did the answer resolve the matter?"),
        choices=[("1", _("Yes, it is resolved")), ("0", _("No, it is not resolved"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer? (1–5)"),
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
