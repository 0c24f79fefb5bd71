"""Import a programme or plan from its text, as the official confirmed it in the preview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Commune, Unit
from danvan.documents.models import LegalDocument
from danvan.documents.services import legal_document_register

from ..importing import Proposal, build_proposal
from ..matching import UnitRef
from ..models import Programme, Responsibility, Task
from ..states import Frequency, Recurrence
from .programme import programme_create
from .work import task_create


@dataclass
class TaskChoice:
    include: bool = True
    title: str = ""
    lead_unit_id: int | None = None


@dataclass
class ResponsibilityChoice:
    unit_ids: tuple[int, ...] = ()
    group_kinds: tuple[str, ...] = ()


@dataclass
class ImportChoices:
    """What the official confirmed or corrected in the preview."""

    title: str
    year: int
    kind: str
    owner_unit_id: int | None = None
    coordinator_unit_id: int | None = None
    implements_id: int | None = None
    report_frequency: str = Frequency.MONTHLY
    references: set[str] = field(default_factory=set)
    tasks: dict[str, TaskChoice] = field(default_factory=dict)
    responsibilities: list[ResponsibilityChoice] = field(default_factory=list)


def unit_refs(commune: Commune) -> list[UnitRef]:
    return [
        UnitRef(u.pk, u.name, u.short_name, u.kind)
        for u in Unit.objects.filter(commune=commune, is_active=True).order_by("kind", "name")
    ]


def default_choices(proposal: Proposal, implements_id: int | None = None) -> ImportChoices:
    """Accept every suggestion of the proposal as it stands."""
    return ImportChoices(
        title=proposal.title,
        year=proposal.year,
        kind=proposal.kind,
        owner_unit_id=proposal.owner_unit_id,
        coordinator_unit_id=proposal.coordinator_unit_id,
        implements_id=implements_id,
        references={ref.key for ref in proposal.references},
        tasks={
            task.number: TaskChoice(True, task.title, proposal.coordinator_unit_id)
            for _depth, task in proposal.flat_tasks()
        },
        responsibilities=[
            ResponsibilityChoice(item.match.unit_ids, item.match.group_kinds)
            for item in proposal.responsibilities
        ],
    )


def _units(commune: Commune, ids: set[int]) -> dict[int, Unit]:
    units = {u.pk: u for u in Unit.objects.filter(commune=commune, pk__in=ids)}
    if set(units) != ids:
        raise ValidationError(_("A unit chosen is not a unit of this commune."))
    return units


def _group_members(commune: Commune, kinds: tuple[str, ...]) -> list[Unit]:
    return list(Unit.objects.filter(commune=commune, is_active=True, kind__in=kinds))


def _register_references(
    actor: Any, commune: Commune, proposal: Proposal, keys: set[str]
) -> dict[str, LegalDocument]:
    registered: dict[str, LegalDocument] = {}
    for ref in proposal.references:
        if ref.key not in keys:
            continue
        document, _created = legal_document_register(
            actor=actor,
            commune=commune,
            doc_type=ref.doc_type,
            number_symbol=ref.number_symbol,
            issued_on=ref.issued_on,
            issuer=ref.issuer,
            name=ref.name or (ref.raw if not ref.number_symbol else ""),
        )
        registered[ref.key] = document
    return registered


def _task_dates(year: int, issued_on: dt.date | None) -> tuple[dt.date, dt.date]:
    """Contents of an annual programme run from its issue (or 1 January) to 31 December."""
    start = dt.date(year, 1, 1)
    if issued_on is not None and issued_on.year == year:
        start = issued_on
    return start, dt.date(year, 12, 31)


def programme_import(
    *,
    actor: Any,
    commune: Commune,
    proposal: Proposal,
    choices: ImportChoices,
    source_text: str = "",
) -> Programme:
    """Save an imported programme as the official confirmed it: the programme, its legal basis
    (each cited document recorded in the directive register and linked), its responsibilities
    ("TỔ CHỨC THỰC HIỆN") with the units they were matched to, and the task tree ("NỘI DUNG") —
    each task led by the unit chosen and carried out with the units of the responsibilities.

    Errors (ValidationError): a unit or programme of another commune, an empty title, a bad year,
    no task left to import."""
    if not any(choice.include for choice in choices.tasks.values()):
        raise ValidationError(_("Keep at least one task of the programme."))
    wanted: set[int] = {
        pk
        for pk in (
            choices.owner_unit_id,
            choices.coordinator_unit_id,
            *(c.lead_unit_id for c in choices.tasks.values()),
            *(pk for r in choices.responsibilities for pk in r.unit_ids),
        )
        if pk is not None
    }
    implements = None
    if choices.implements_id is not None:
        implements = Programme.objects.filter(commune=commune, pk=choices.implements_id).first()
        if implements is None:
            raise ValidationError(_("The programme implemented must be of this commune."))
    with transaction.atomic():
        units = _units(commune, wanted)
        documents = _register_references(actor, commune, proposal, choices.references)
        programme = programme_create(
            actor=actor,
            commune=commune,
            title=choices.title,
            year=choices.year,
            kind=choices.kind,
            unit=units.get(choices.owner_unit_id) if choices.owner_unit_id else None,
            implements=implements,
            type_name=proposal.type_name,
            number_symbol=proposal.number_symbol,
            issued_on=proposal.issued_on,
            purpose=proposal.purpose,
            requirements=proposal.requirements,
            coordinator_unit=(
                units.get(choices.coordinator_unit_id) if choices.coordinator_unit_id else None
            ),
            report_frequency=choices.report_frequency,
            legal_basis=documents.values(),
            signer_name=proposal.signer_name,
            authority_lines=proposal.authority_lines,
            recipients=proposal.recipients,
            source_text=source_text,
        )
        responsible: list[Unit] = []
        for position, (item, choice) in enumerate(
            zip(proposal.responsibilities, choices.responsibilities, strict=False)
        ):
            members = [units[pk] for pk in choice.unit_ids]
            if choice.group_kinds:
                members = _group_members(commune, choice.group_kinds)
            responsibility = Responsibility.objects.create(
                programme=programme,
                number=item.number,
                heading=item.heading,
                duties=item.duties,
                group_kinds=list(choice.group_kinds),
                position=position,
            )
            responsibility.units.set(members)
            responsible.extend(u for u in members if u not in responsible)
        starts_on, due_on = _task_dates(programme.year, proposal.issued_on)
        created: dict[str, Task] = {}
        skipped: set[str] = set()
        parents: dict[str, str | None] = {}

        def remember(nodes: list[Any], parent: str | None) -> None:
            for node in nodes:
                parents[node.number] = parent
                remember(node.children, node.number)

        remember(proposal.tasks, None)
        for _depth, node in proposal.flat_tasks():
            task_choice = choices.tasks.get(node.number, TaskChoice(include=False))
            parent_number = parents[node.number]
            if not task_choice.include or parent_number in skipped:
                skipped.add(node.number)
                continue
            lead = units.get(task_choice.lead_unit_id) if task_choice.lead_unit_id else None
            created[node.number] = task_create(
                actor=actor,
                programme=programme,
                number=node.number,
                parent=created.get(parent_number) if parent_number else None,
                title=task_choice.title or node.title,
                description=node.description,
                lead_unit=lead,
                cooperating_units=[u for u in responsible if u != lead],
                recurrence=Recurrence.CONTINUOUS,
                starts_on=starts_on,
                due_on=due_on,
                legal_documents=[documents[k] for k in node.legal_keys if k in documents],
            )
        audit.record(
            verb="programme.imported",
            actor=actor,
            commune=commune,
            obj=programme,
            after={
                "tasks": len(created),
                "legal_basis": len(documents),
                "responsibilities": len(choices.responsibilities),
            },
        )
    return programme


def programme_import_text(*, actor: Any, commune: Commune, text: str) -> Programme:
    """Import `text` accepting every suggestion (the demo data; scripts). Raises
    DocumentParseError when the text is not a programme."""
    proposal = build_proposal(text, unit_refs(commune), default_year=timezone.localdate().year)
    return programme_import(
        actor=actor,
        commune=commune,
        proposal=proposal,
        choices=default_choices(proposal),
        source_text=text,
    )
