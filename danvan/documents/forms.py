from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm
from danvan.core.models import Commune, Unit

from .parsing import MAX_BYTES
from .types import DocType

AUTHORITY_CHOICES = [
    ("TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN — CHỦ TỊCH"),
    ("KT. CHỦ TỊCH|PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH"),
    ("CHỦ TỊCH", "CHỦ TỊCH"),
    ("TL. CHỦ TỊCH|CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH — CHÁNH VĂN PHÒNG"),
    ("TUQ. CHỦ TỊCH|CHÁNH VĂN PHÒNG", "TUQ. CHỦ TỊCH — CHÁNH VĂN PHÒNG"),
    ("Q. CHỦ TỊCH|PHÓ CHỦ TỊCH", "Q. CHỦ TỊCH — PHÓ CHỦ TỊCH"),
]


class DraftForm(StyledForm):
    doc_type = forms.ChoiceField(label=_("Document type"), choices=DocType.choices)
    title = forms.CharField(
        label=_("Subject line (trích yếu)"),
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. Kết quả công tác Dân vận 6 tháng đầu năm 2026")}
        ),
    )
    drafting_unit = forms.ModelChoiceField(
        label=_("Drafting unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Its abbreviation ends “Lưu: VT, …” and, for a Công văn, the symbol."),
    )
    recipients_to = forms.CharField(
        label=_("Addressed to (Kính gửi) — Công văn only, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Content"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "One paragraph per line. “I. …” starts a section, “1. …” a sub-section, “- …” a list item."
        ),
    )
    recipients = forms.CharField(
        label=_("Recipients (Nơi nhận), one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("“Lưu: VT, …” is added at the end if you leave it out."),
    )
    authority = forms.ChoiceField(label=_("Signing authority"), choices=AUTHORITY_CHOICES)
    signer_name = forms.CharField(label=_("Signer's full name"), max_length=200)

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["drafting_unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            commune=commune, is_active=True
        ).exclude(kind="village")

    @staticmethod
    def lines(text: str) -> list[str]:
        return [
            line.strip().lstrip("-–•").strip().rstrip(";.")
            for line in text.splitlines()
            if line.strip()
        ]


class ParseForm(StyledForm):
    text = forms.CharField(
        label=_("Paste the text of the document"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(
        label=_("…or upload a .docx or .txt file"),
        required=False,
        allow_empty_file=True,
        help_text=_("At most %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the text of a document or choose a file."))
        return data
