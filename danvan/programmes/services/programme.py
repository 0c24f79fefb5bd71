"""Programmes and plans of the commune or of a unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Commune, Unit
from danvan.core.text import fold
from danvan.documents.models import LegalDocument

from ..models import Criterion, Programme, Task
from ..states import CriterionMetric, Frequency, ProgrammeKind
from .common import check_unit, error

# The criteria every new programme starts with (the coordinator may change them). Names are the
# Vietnamese wording of evaluation forms: data, not interface text.
DEFAULT_CRITERIA: tuple[tuple[str, str, int], ...] = (
    ("Thực hiện các nhiệm vụ được giao", CriterionMetric.TASKS, 40),
    ("Gửi báo cáo định kỳ đúng hạn", CriterionMetric.REPORTS, 30),
    ("Quán triệt các văn bản chỉ đạo", CriterionMetric.STUDY, 20),
    ("Tiến độ, chỉ tiêu các nhiệm vụ", CriterionMetric.INDICATORS, 10),
)
PROGRAMME_FIELDS = (
    "kind",
    "type_name",
    "title",
    "year",
    "number_symbol",
    "issued_on",
    "purpose",
    "requirements",
    "coordinator_unit",
    "report_frequency",
    "report_lag_days",
    "implements",
)


def _validate_programme(programme: Programme) -> None:
    commune = programme.commune
    if not programme.title.strip():
        raise error("title", _("The subject line is required."))
    if not 2000 <= int(programme.year) <= 2099:
        raise error("year", _("The year must be between 2000 and 2099."))
    if programme.kind not in ProgrammeKind.values:
        raise error("kind", _("Choose a programme or a plan."))
    if programme.report_frequency not in (Frequency.MONTHLY, Frequency.QUARTERLY):
        raise error("report_frequency", _("Units report monthly or quarterly."))
    if not 0 <= int(programme.report_lag_days) <= 60:
        raise error("report_lag_days", _("The delay must be between 0 and 60 days."))
    check_unit(programme.unit, commune, "unit")
    check_unit(programme.coordinator_unit, commune, "coordinator_unit")
    parent = programme.implements
    if parent is not None:
        if parent.commune_id != commune.pk:
            raise error("implements", _("The programme implemented must be of this commune."))
        if parent.pk == programme.pk:
            raise error("implements", _("A programme cannot implement itself."))


def programme_create(
    *,
    actor: Any,
    commune: Commune,
    title: str,
    year: int,
    kind: str = ProgrammeKind.PROGRAMME,
    unit: Unit | None = None,
    implements: Programme | None = None,
    type_name: str = "",
    number_symbol: str = "",
    issued_on: dt.date | None = None,
    purpose: str = "",
    requirements: str = "",
    coordinator_unit: Unit | None = None,
    report_frequency: str = Frequency.MONTHLY,
    report_lag_days: int = 0,
    legal_basis: Iterable[LegalDocument] = (),
    signer_name: str = "",
    authority_lines: Sequence[str] = (),
    recipients: Sequence[str] = (),
    source_text: str = "",
    copy_contents: bool = False,
) -> Programme:
    """Create a programme (chương trình) or plan (kế hoạch) of the commune, or of one unit.

    A unit's plan may implement a commune programme (III.1 of the founding document); with
    `copy_contents` each content of that programme becomes a task of the plan, led by the unit.
    The programme starts with the default evaluation criteria."""
    programme = Programme(
        commune=commune,
        unit=unit,
        kind=kind,
        type_name=type_name.strip(),
        title=" ".join(title.split()),
        title_folded=fold(title),
        year=year,
        number_symbol="".join(number_symbol.split()),
        issued_on=issued_on,
        purpose=purpose.strip(),
        requirements=requirements.strip(),
        implements=implements,
        coordinator_unit=coordinator_unit,
        report_frequency=report_frequency,
        report_lag_days=report_lag_days,
        signer_name=signer_name.strip(),
        authority_lines=[line.strip() for line in authority_lines if line.strip()],
        recipients=[line.strip() for line in recipients if line.strip()],
        source_text=source_text,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _validate_programme(programme)
    legal = list(legal_basis)
    if any(doc.commune_id != commune.pk for doc in legal):
        raise error("legal_basis", _("A legal document of another commune cannot be linked."))
    with transaction.atomic():
        programme.save()
        programme.legal_basis.set(legal)
        for position, (name, metric, points) in enumerate(DEFAULT_CRITERIA):
            Criterion.objects.create(
                programme=programme, name=name, metric=metric, points=points, position=position
            )
        if copy_contents and implements is not None and unit is not None:
            _copy_contents(programme, implements, unit)
        audit.record(
            verb="programme.created",
            actor=actor,
            commune=commune,
            obj=programme,
            after={
                "kind": kind,
                "title": programme.title,
                "year": year,
                "unit": unit.pk if unit else None,
                "implements": implements.pk if implements else None,
            },
        )
    return programme


def _copy_contents(plan: Programme, source: Programme, unit: Unit) -> None:
    """One task per top-level content of `source`, led by `unit`, within the plan's year."""
    year_start, year_end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    for position, content in enumerate(
        source.tasks.filter(parent__isnull=True, is_cancelled=False).order_by("position", "pk")
    ):
        starts_on = max(content.starts_on, year_start)
        due_on = min(content.due_on, year_end)
        if due_on < starts_on:
            starts_on, due_on = year_start, year_end
        Task.objects.create(
            programme=plan,
            number=content.number,
            position=position,
            title=content.title,
            description=content.description,
            lead_unit=unit,
            contributes_to=content,
            recurrence=content.recurrence,
            starts_on=starts_on,
            due_on=due_on,
        )


def programme_update(*, actor: Any, programme: Programme, **changes: Any) -> Programme:
    """Edit a programme's own fields and its legal basis (`legal_basis`: LegalDocuments)."""
    legal = changes.pop("legal_basis", None)
    unknown = set(changes) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field: %(names)s") % {"names": ", ".join(sorted(unknown))})
    before = {key: str(getattr(programme, key)) for key in changes}
    for key, value in changes.items():
        setattr(programme, key, value.strip() if isinstance(value, str) else value)
    programme.title_folded = fold(programme.title)
    _validate_programme(programme)
    if legal is not None and any(doc.commune_id != programme.commune_id for doc in legal):
        raise error("legal_basis", _("A legal document of another commune cannot be linked."))
    with transaction.atomic():
        programme.save()
        if legal is not None:
            programme.legal_basis.set(legal)
        audit.record(
            verb="programme.edited",
            actor=actor,
            commune=programme.commune,
            obj=programme,
            before=before,
            after={key: str(getattr(programme, key)) for key in changes},
        )
    return programme
