from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, VNDateField
from danvan.core.models import Commune, Unit

from .models import Channel, Field, Flag
from .states import Closure, Kind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class RegisterForm(StyledForm):
    """The desk form: everything by keyboard, in the order an officer asks the questions."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.DESK)
    received_on = VNDateField(label=_("Received on"))
    citizen_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    citizen_search = forms.CharField(
        label=_("Find a returning citizen (name, phone or ID number)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Full name"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    id_number = forms.CharField(label=_("ID number (CCCD)"), required=False, max_length=20)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_anonymous = forms.BooleanField(label=_("Anonymous or unclear sender"), required=False)
    summary = forms.CharField(label=_("Summary"), max_length=300)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 5}))
    village = forms.ModelChoiceField(
        label=_("Village concerned"), queryset=Unit.objects.none(), required=False
    )
    place = forms.CharField(label=_("Place concerned"), required=False, max_length=300)
    field = forms.ChoiceField(label=_("Field"), choices=Field.choices, initial=Field.OTHER)
    is_group = forms.BooleanField(label=_("Signed by many people"), required=False)
    group_size = forms.IntegerField(
        label=_("Number of signatories"), required=False, min_value=2, max_value=10000
    )
    representatives = forms.CharField(
        label=_("Representatives, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    forwarded_by = forms.CharField(
        label=_("Forwarded by (agency, Front, deputy, press)"), required=False, max_length=300
    )
    forwarded_reference = forms.CharField(
        label=_("Forwarding document"), required=False, max_length=200
    )
    previous_handling = forms.CharField(
        label=_("Bodies that handled it before"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attachments = MultipleFileField(
        label=_("Attachments (PDF, JPEG, PNG, DOCX; at most 10 MB each)"), required=False
    )
    submission_token = forms.CharField(widget=forms.HiddenInput)
    duplicate_decision = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = Unit.objects.filter(commune=commune, kind="village", is_active=True)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["kind"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_group") and not data.get("group_size"):
            self.add_error("group_size", _("How many people signed?"))
        needs_person = (
            data.get("kind") and not data.get("is_anonymous") and not data.get("citizen_id")
        )
        if needs_person and not (data.get("full_name") or "").strip():
            self.add_error(
                "full_name",
                _(
                    "Enter the person's full name, choose a returning citizen, or mark the petition anonymous."
                ),
            )
        return data

    @property
    def flags(self) -> list[str]:
        return [Flag.ANONYMOUS] if self.cleaned_data.get("is_anonymous") else []


class ReasonForm(StyledForm):
    text = forms.CharField(label=_("Reason / note"), widget=forms.Textarea(attrs={"rows": 3}))


class TargetForm(StyledForm):
    to = forms.CharField(label=_("Competent body"), max_length=300)
    text = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DateReasonForm(StyledForm):
    on = VNDateField(label=_("Date"))
    text = forms.CharField(
        label=_("Ground"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ExtendForm(StyledForm):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=60)
    decided_on = VNDateField(label=_("Decided on"))
    decision = forms.CharField(label=_("Extension decision (number, date)"), max_length=200)


class AnswerForm(StyledForm):
    text = forms.CharField(
        label=_("Answer / decision content"), widget=forms.Textarea(attrs={"rows": 4})
    )
    document = forms.ChoiceField(label=_("Issued document"), required=False)
    evidence = forms.FileField(label=_("…or an evidence file"), required=False)

    def __init__(self, *args: Any, documents: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (str(d.pk), f"{d.number_symbol} — {d.title}")
            for d in documents or []
            if d.status == "issued"
        ]


class CloseForm(StyledForm):
    closure = forms.ChoiceField(
        label=_("How the case ends"),
        choices=[
            (c.value, c.label)
            for c in (Closure.RESOLVED, Closure.REFUSED, Closure.TRANSFERRED, Closure.UNRESOLVED)
        ],
    )
    text = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_ground = forms.CharField(label=_("Legal ground (for a refusal)"), required=False)
    transferred_to = forms.CharField(label=_("Transferred to"), required=False)


class AssignForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    officer = forms.ChoiceField(label=_("Officer"), required=False)

    def __init__(self, *args: Any, commune: Commune, officers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune=commune, is_active=True).exclude(kind="village")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["officer"].choices = [("", "—")] + [(str(u.pk), str(u)) for u in officers]  # type: ignore[attr-defined]


class NoteForm(StyledForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))
    public = forms.BooleanField(label=_("Visible to the citizen"), required=False)


class NoticeForm(StyledForm):
    signer_name = forms.CharField(label=_("Signer's full name"), max_length=200)
    authority = forms.ChoiceField(
        label=_("Signing authority"),
        choices=[
            ("TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN — CHỦ TỊCH"),
            ("KT. CHỦ TỊCH|PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH"),
            ("CHỦ TỊCH", "CHỦ TỊCH"),
        ],
    )
