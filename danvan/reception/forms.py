from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import User
from danvan.core.forms import StyledForm, VNDateField
from danvan.documents.forms import AUTHORITY_CHOICES
from danvan.petitions.models import Field
from danvan.petitions.states import Kind

from .models import Mode, Outcome, ReceptionSession, ReceptionType, RefusalGround

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S"]
VISIT_OUTCOMES = [(o.value, o.label) for o in Outcome if o != Outcome.REFUSED]
DEFAULT_PLACE = _("Citizen reception room, commune People's Committee office")


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        host = f" — {obj.host}" if obj.host else ""
        return f"{obj}{host}"


class VisitTimeField(forms.DateTimeField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATETIME_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        )
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Enter the date and time, for example 15/09/2026 09:30.")},
        )
        super().__init__(**kwargs)


class PersonMixin(forms.Form):
    """Who came: a returning citizen (found by name, phone or ID number) or a new person."""

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

    @property
    def person(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "name": data.get("full_name") or "",
            "phone": data.get("phone") or "",
            "id_number": data.get("id_number") or "",
            "address": data.get("address") or "",
        }

    def check_person(self, data: dict[str, Any], *, required: bool) -> None:
        if required and not data.get("citizen_id") and not (data.get("full_name") or "").strip():
            self.add_error(
                "full_name",
                forms.ValidationError(
                    _("Enter the person's full name, or choose a returning citizen."),
                    code="citizen_required",
                ),
            )


class ContextMixin(forms.Form):
    """When and how the reception took place."""

    reception_type = forms.ChoiceField(
        label=_("Reception type"),
        choices=ReceptionType.choices,
        initial=ReceptionType.REGULAR,
        widget=forms.RadioSelect,
    )
    mode = forms.ChoiceField(
        label=_("Mode"), choices=Mode.choices, initial=Mode.IN_PERSON, widget=forms.RadioSelect
    )
    visited_at = VisitTimeField(label=_("Received at"))
    session = SessionChoiceField(
        label=_("Scheduled session"),
        queryset=ReceptionSession.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    host = forms.ModelChoiceField(
        label=_("Received by (leader or official)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— me —"),
    )

    def setup_context(self, *, sessions: Any, officials: Any) -> None:
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]
        self.fields["host"].queryset = officials  # type: ignore[attr-defined]
        self.fields["visited_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class VisitForm(ContextMixin, PersonMixin, StyledForm):
    """The desk form, in the order an official asks: who, what, what happens next."""

    group_size = forms.IntegerField(
        label=_("Number of people"), initial=1, min_value=1, max_value=10000
    )
    representatives = forms.CharField(
        label=_("Representatives, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(
        label=_("Classification"), choices=Kind.choices, widget=forms.RadioSelect
    )
    field = forms.ChoiceField(label=_("Field"), choices=Field.choices, initial=Field.OTHER)
    content = forms.CharField(
        label=_("What the citizen presented"), widget=forms.Textarea(attrs={"rows": 4})
    )
    previous_bodies = forms.CharField(
        label=_("Bodies that handled it before, and their decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_new_case = forms.BooleanField(
        label=_("New matter (not a returning case)"), required=False, initial=True
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=VISIT_OUTCOMES, widget=forms.RadioSelect
    )
    outcome_note = forms.CharField(
        label=_("Guided or transferred to, or the answer given"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    summary = forms.CharField(
        label=_("Petition summary (when a petition is registered)"), required=False, max_length=300
    )
    submission_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, sessions: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_context(sessions=sessions, officials=officials)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, outcome = data.get("kind"), data.get("outcome")
        self.check_person(data, required=bool(kind) and kind != Kind.DENUNCIATION)
        if outcome == Outcome.PETITION_REGISTERED:
            if not (data.get("summary") or "").strip():
                self.add_error(
                    "summary",
                    forms.ValidationError(
                        _("Write the summary of the petition."), code="summary_required"
                    ),
                )
            if kind == Kind.DENUNCIATION and not (data.get("full_name") or "").strip():
                self.add_error(
                    "full_name",
                    forms.ValidationError(
                        _("Enter the denouncer's name."), code="denouncer_name_required"
                    ),
                )
        if (
            outcome in (Outcome.GUIDED, Outcome.TRANSFERRED)
            and not (data.get("outcome_note") or "").strip()
        ):
            self.add_error(
                "outcome_note",
                forms.ValidationError(
                    _("Name the body the citizen was guided or the matter transferred to."),
                    code="outcome_note_required",
                ),
            )
        return data


class RefuseForm(ContextMixin, PersonMixin, StyledForm):
    """Refusal to receive (Luật Tiếp công dân Art 9) and the signer of its written notice."""

    kind = forms.ChoiceField(
        label=_("Classification (if known)"),
        choices=[("", _("— not presented —")), *Kind.choices],
        required=False,
    )
    content = forms.CharField(
        label=_("What the person wanted to present (if known)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    group_size = forms.IntegerField(
        label=_("Number of people"), initial=1, min_value=1, max_value=10000
    )
    ground = forms.ChoiceField(
        label=_("Legal ground"), choices=RefusalGround.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Facts (and the provision of law, for another case provided by law)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    authority = forms.ChoiceField(label=_("Signing authority"), choices=AUTHORITY_CHOICES)
    signer_name = forms.CharField(label=_("Signer's full name"), max_length=200)

    def __init__(self, *args: Any, sessions: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_context(sessions=sessions, officials=officials)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_person(data, required=data.get("kind") != Kind.DENUNCIATION)
        if (
            data.get("ground") == RefusalGround.OTHER_BY_LAW
            and not (data.get("note") or "").strip()
        ):
            self.add_error(
                "note",
                forms.ValidationError(
                    _("Name the provision of law and the facts of the refusal."),
                    code="note_required",
                ),
            )
        return data


class SessionForm(StyledForm):
    date = VNDateField(label=_("Date"))
    start_time = forms.TimeField(
        label=_("From"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        initial="07:30",
    )
    end_time = forms.TimeField(
        label=_("To"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        initial="11:30",
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ReceptionType.choices, initial=ReceptionType.PERIODIC
    )
    host = forms.ModelChoiceField(label=_("Receives"), queryset=User.objects.none(), required=False)
    place = forms.CharField(label=_("Place"), max_length=300, initial=DEFAULT_PLACE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    publish = forms.BooleanField(
        label=_("Publish on the public schedule"), required=False, initial=True
    )

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = officials  # type: ignore[attr-defined]


class CancelForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class RegisterFilterForm(StyledForm):
    date_from = VNDateField(label=_("From"), required=False)
    date_to = VNDateField(label=_("To"), required=False)
    reception_type = forms.ChoiceField(
        label=_("Reception type"),
        choices=[("", _("All types")), *ReceptionType.choices],
        required=False,
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Number, name, phone, content (diacritics optional)"),
            }
        ),
    )
