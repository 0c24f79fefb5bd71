"""The import of a programme: the text or file, then the preview the official corrects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, style_fields
from danvan.core.models import Unit, UnitKind
from danvan.documents.parsing import MAX_BYTES, DocumentParseError, extract_text

from ..importing import Proposal, ReferenceProposal, ResponsibilityProposal, TaskProposal
from ..models import Programme
from ..services.imports import ImportChoices, ResponsibilityChoice, TaskChoice
from ..states import (
    PROGRAMME_FREQUENCIES,
    ProgrammeKind,
)
from .fields import UnitChoiceField

GROUP_LABELS = {
    (UnitKind.OFFICE, UnitKind.SERVICE_CENTRE): _("All offices and centres"),
    (UnitKind.OFFICE,): _("All offices"),
    (UnitKind.SERVICE_CENTRE,): _("All centres"),
    (UnitKind.VILLAGE,): _("All villages"),
    (UnitKind.FRONT,): _("All Front and mass organisations"),
}


class ImportForm(StyledForm):
    """Paste the text, or upload the .docx/.txt, of a programme or plan."""

    text = forms.CharField(
        label=_("Text of the programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
    )
    file = forms.FileField(
        label=_("or a .docx / .txt file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            try:
                data["text"] = extract_text(upload.name, upload.read(MAX_BYTES + 1))
            except DocumentParseError as exc:
                self.add_error("file", str(exc))
        elif not (data.get("text") or "").strip():
            self.add_error("text", _("Paste the text of the programme, or choose a file."))
        return data


def _group_value(kinds: Sequence[str]) -> str:
    return "group:" + ",".join(kinds)


@dataclass
class TaskLine:
    depth: int
    proposal: TaskProposal
    include: forms.BoundField
    title: forms.BoundField
    lead: forms.BoundField


@dataclass
class ResponsibilityLine:
    proposal: ResponsibilityProposal
    unit: forms.BoundField
    confirm: forms.BoundField | None
    members: list[str]


class ImportPreviewForm(StyledForm):
    """The parsed programme, for the official to check and correct before it is saved."""

    text = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Subject line"), max_length=500)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2099)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    owner_unit = UnitChoiceField(
        label=_("Plan of the unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— the commune —"),
    )
    coordinator_unit = UnitChoiceField(
        label=_("Coordinating unit"), queryset=Unit.objects.none(), required=False
    )
    implements = forms.ModelChoiceField(
        label=_("Implements the programme"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    report_frequency = forms.ChoiceField(
        label=_("Units report"), choices=PROGRAMME_FREQUENCIES, initial="monthly"
    )

    def __init__(
        self,
        *args: Any,
        proposal: Proposal,
        units: QuerySet[Unit],
        programmes: QuerySet[Programme],
        text: str = "",
        **kwargs: Any,
    ) -> None:
        self.proposal = proposal
        self.units = list(units)
        implements = programmes.filter(number_symbol__in=proposal.implements_symbols).first()
        kwargs.setdefault(
            "initial",
            {
                "text": text,
                "title": proposal.title,
                "year": proposal.year,
                "kind": proposal.kind,
                "owner_unit": proposal.owner_unit_id,
                "coordinator_unit": proposal.coordinator_unit_id,
                "implements": implements.pk if implements else None,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["coordinator_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["implements"].queryset = programmes  # type: ignore[attr-defined]
        for index, ref in enumerate(proposal.references):
            self.fields[f"ref_{index}"] = forms.BooleanField(
                label=ref.label, required=False, initial=True
            )
        for index, (_depth, task) in enumerate(proposal.flat_tasks()):
            self.fields[f"task_{index}_include"] = forms.BooleanField(
                label=_("Import"), required=False, initial=True
            )
            self.fields[f"task_{index}_title"] = forms.CharField(
                label=_("Title"), max_length=300, initial=task.title
            )
            self.fields[f"task_{index}_lead"] = UnitChoiceField(
                label=_("Lead unit"),
                queryset=units,
                required=False,
                initial=proposal.coordinator_unit_id,
                empty_label=_("— to be decided —"),
            )
        choices = self._unit_choices()
        for index, item in enumerate(proposal.responsibilities):
            match = item.match
            initial = (
                _group_value(match.group_kinds)
                if match.group_kinds
                else (str(match.unit_ids[0]) if match.unit_ids else "")
            )
            self.fields[f"resp_{index}_unit"] = forms.ChoiceField(
                label=item.heading, choices=choices, required=False, initial=initial
            )
            if match.needs_confirmation:
                self.fields[f"resp_{index}_confirm"] = forms.BooleanField(
                    label=_("I confirm this unit"), required=False
                )
        style_fields(self)

    def _unit_choices(self) -> list[tuple[Any, Any]]:
        groups = [(_group_value(kinds), label) for kinds, label in GROUP_LABELS.items()]
        singles = [(str(u.pk), u.name) for u in self.units]
        return [("", _("— no unit —")), (_("Groups"), groups), (_("Units"), singles)]

    # Lines for the template, in document order.
    def reference_lines(self) -> list[tuple[ReferenceProposal, forms.BoundField]]:
        return [(ref, self[f"ref_{i}"]) for i, ref in enumerate(self.proposal.references)]

    def task_lines(self) -> list[TaskLine]:
        return [
            TaskLine(
                depth,
                task,
                self[f"task_{i}_include"],
                self[f"task_{i}_title"],
                self[f"task_{i}_lead"],
            )
            for i, (depth, task) in enumerate(self.proposal.flat_tasks())
        ]

    def responsibility_lines(self) -> list[ResponsibilityLine]:
        return [
            ResponsibilityLine(
                item,
                self[f"resp_{i}_unit"],
                self[f"resp_{i}_confirm"] if f"resp_{i}_confirm" in self.fields else None,
                [u.name for u in self.units if u.pk in item.match.unit_ids]
                if item.match.group_kinds
                else [],
            )
            for i, item in enumerate(self.proposal.responsibilities)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        valid = {str(u.pk) for u in self.units}
        for index, item in enumerate(self.proposal.responsibilities):
            value = data.get(f"resp_{index}_unit") or ""
            if value and not value.startswith("group:") and value not in valid:
                self.add_error(f"resp_{index}_unit", _("Choose a unit of this commune."))
            confirm = f"resp_{index}_confirm"
            if confirm in self.fields and not data.get(confirm):
                self.add_error(
                    confirm,
                    _("The unit for “%(phrase)s” is not certain: choose it and tick to confirm.")
                    % {"phrase": item.heading},
                )
        if not any(data.get(f"task_{i}_include") for i in range(len(self.proposal.flat_tasks()))):
            self.add_error(None, _("Keep at least one task of the programme."))
        return data

    def choices(self) -> ImportChoices:
        data = self.cleaned_data
        responsibilities = []
        for index in range(len(self.proposal.responsibilities)):
            value = data.get(f"resp_{index}_unit") or ""
            if value.startswith("group:"):
                kinds = tuple(k for k in value.removeprefix("group:").split(",") if k)
                responsibilities.append(ResponsibilityChoice((), kinds))
            elif value:
                responsibilities.append(ResponsibilityChoice((int(value),), ()))
            else:
                responsibilities.append(ResponsibilityChoice())
        tasks = {}
        for index, (_depth, task) in enumerate(self.proposal.flat_tasks()):
            lead = data.get(f"task_{index}_lead")
            tasks[task.number] = TaskChoice(
                include=bool(data.get(f"task_{index}_include")),
                title=data.get(f"task_{index}_title") or task.title,
                lead_unit_id=lead.pk if lead else None,
            )
        owner = data.get("owner_unit")
        coordinator = data.get("coordinator_unit")
        implements = data.get("implements")
        return ImportChoices(
            title=data["title"],
            year=data["year"],
            kind=data["kind"],
            owner_unit_id=owner.pk if owner else None,
            coordinator_unit_id=coordinator.pk if coordinator else None,
            implements_id=implements.pk if implements else None,
            report_frequency=data["report_frequency"],
            references={
                ref.key
                for index, ref in enumerate(self.proposal.references)
                if data.get(f"ref_{index}")
            },
            tasks=tasks,
            responsibilities=responsibilities,
        )
