"""The task tree and the units' progress reports with their evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import Unit, UnitKind
from danvan.core.selectors import commune_calendar
from danvan.documents.models import LegalDocument
from danvan.petitions.services import validate_upload

from ..access import task_unit_ids
from ..models import ChecklistItem, Evidence, Programme, ProgressReport, Task
from ..progress import ReportFigures, compute_progress
from ..schedule import ReportSlot, report_schedule
from ..states import IndicatorKind, Recurrence, task_frequency
from .common import as_decimal, check_unit, error, today

MAX_FILES_PER_REPORT = 10
TASK_FIELDS = (
    "number",
    "parent",
    "title",
    "description",
    "lead_unit",
    "recurrence",
    "starts_on",
    "due_on",
    "expected_output",
    "indicator_kind",
    "target_value",
    "target_unit",
    "contributes_to",
)


def _descendant_ids(task: Task) -> set[int]:
    found: set[int] = set()
    frontier = [task.pk]
    while frontier:
        children = list(Task.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier = [pk for pk in children if pk not in found]
        found.update(frontier)
    return found


def _next_number(programme: Programme, parent: Task | None) -> str:
    siblings = Task.objects.filter(programme=programme, parent=parent).count()
    prefix = f"{parent.number}." if parent else ""
    number = siblings + 1
    taken = set(Task.objects.filter(programme=programme).values_list("number", flat=True))
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def _validate_task(task: Task, units: dict[str, Sequence[Unit]], checklist: Sequence[str]) -> None:
    programme = task.programme
    commune = programme.commune
    if not task.title.strip():
        raise error("title", _("The title is required."))
    if task.starts_on is None:
        raise error("starts_on", _("The start date is required."))
    if task.due_on is None:
        raise error("due_on", _("The due date is required."))
    if task.due_on < task.starts_on:
        raise error(
            "due_on",
            _("The due date (%(due)s) is before the start date (%(start)s).")
            % {
                "due": task.due_on.strftime("%d/%m/%Y"),
                "start": task.starts_on.strftime("%d/%m/%Y"),
            },
        )
    if (task.due_on - task.starts_on).days > 366 * 5:
        raise error("due_on", _("A task may run for at most five years."))
    if task.recurrence not in Recurrence.values:
        raise error("recurrence", _("Choose how often the task recurs."))
    if Task.objects.filter(programme=programme, number=task.number).exclude(pk=task.pk).exists():
        raise error(
            "number",
            _("Number %(number)s is already used in this programme.") % {"number": task.number},
        )
    check_unit(task.lead_unit, commune, "lead_unit")
    for unit in units.get("cooperating_units", ()):
        check_unit(unit, commune, "cooperating_units")
    for village in units.get("villages", ()):
        check_unit(village, commune, "villages")
        if village.kind != UnitKind.VILLAGE:
            raise error("villages", _("“%(unit)s” is not a village.") % {"unit": village})
    if task.parent is not None:
        if task.parent.programme_id != programme.pk:
            raise error("parent", _("The parent must be a task of the same programme."))
        if task.pk and (task.parent.pk == task.pk or task.parent.pk in _descendant_ids(task)):
            raise error("parent", _("A task cannot be placed under itself."))
    if task.contributes_to is not None and (
        programme.implements_id is None
        or task.contributes_to.programme_id != programme.implements_id
    ):
        raise error("contributes_to", _("Choose a content of the programme this plan implements."))
    if task.indicator_kind == IndicatorKind.NUMBER:
        if task.target_value is None or task.target_value <= 0:
            raise error("target_value", _("A target number must be greater than zero."))
    elif task.indicator_kind == IndicatorKind.CHECKLIST:
        if not checklist:
            raise error("checklist", _("A checklist needs at least one item, one per line."))
    elif task.indicator_kind != IndicatorKind.NONE:
        raise error("indicator_kind", _("Choose a kind of indicator."))


def _set_checklist(task: Task, labels: Sequence[str]) -> None:
    """Keep items whose label is unchanged (their reported state stays); add and remove others."""
    existing = {item.label: item for item in task.checklist.all()}
    wanted = list(labels)
    for label, item in existing.items():
        if label not in wanted:
            item.delete()
    for position, label in enumerate(wanted):
        kept = existing.get(label)
        if kept is None:
            ChecklistItem.objects.create(task=task, label=label, position=position)
        elif kept.position != position:
            kept.position = position
            kept.save(update_fields=["position"])


def _clean_checklist(checklist: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for line in checklist:
        label = " ".join(str(line).split()).lstrip("-•+ ").strip()[:300]
        if label and label not in seen:
            seen.append(label)
    return seen


def task_create(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    starts_on: dt.date,
    due_on: dt.date,
    number: str = "",
    parent: Task | None = None,
    description: str = "",
    lead_unit: Unit | None = None,
    cooperating_units: Sequence[Unit] = (),
    villages: Sequence[Unit] = (),
    recurrence: str = Recurrence.ONCE,
    expected_output: str = "",
    indicator_kind: str = IndicatorKind.NONE,
    target_value: Any = None,
    target_unit: str = "",
    checklist: Iterable[str] = (),
    contributes_to: Task | None = None,
    legal_documents: Sequence[LegalDocument] = (),
) -> Task:
    """Add a task (content) to a programme, under `parent` when given. Rejects a due date before
    the start date, units of another commune, a number target that is not positive and an empty
    checklist."""
    labels = _clean_checklist(checklist)
    task = Task(
        programme=programme,
        parent=parent,
        number=number.strip() or _next_number(programme, parent),
        position=Task.objects.filter(programme=programme).count(),
        title=" ".join(title.split())[:300],
        description=description.strip(),
        lead_unit=lead_unit,
        recurrence=recurrence,
        starts_on=starts_on,
        due_on=due_on,
        expected_output=expected_output.strip(),
        indicator_kind=indicator_kind,
        target_value=as_decimal(target_value, "target_value"),
        target_unit=target_unit.strip(),
        contributes_to=contributes_to,
    )
    cooperating = [u for u in cooperating_units if u != lead_unit]
    _validate_task(task, {"cooperating_units": cooperating, "villages": villages}, labels)
    with transaction.atomic():
        task.save()
        task.cooperating_units.set(cooperating)
        task.villages.set(villages)
        task.legal_documents.set(legal_documents)
        if indicator_kind == IndicatorKind.CHECKLIST:
            _set_checklist(task, labels)
        audit.record(
            verb="programme.task_created",
            actor=actor,
            commune=programme.commune,
            obj=task,
            after={"number": task.number, "title": task.title, "due_on": due_on},
        )
    return task


def task_update(
    *,
    actor: Any,
    task: Task,
    cooperating_units: Sequence[Unit] | None = None,
    villages: Sequence[Unit] | None = None,
    checklist: Iterable[str] | None = None,
    **changes: Any,
) -> Task:
    """Edit a task. The same rules as task_create; progress is recomputed since the indicator or
    checklist may have changed."""
    unknown = set(changes) - set(TASK_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field: %(names)s") % {"names": ", ".join(sorted(unknown))})
    before = {key: str(getattr(task, key)) for key in changes}
    if "target_value" in changes:
        changes["target_value"] = as_decimal(changes["target_value"], "target_value")
    for key, value in changes.items():
        setattr(task, key, value.strip() if isinstance(value, str) else value)
    if not task.number:
        task.number = _next_number(task.programme, task.parent)
    coop = (
        list(cooperating_units)
        if cooperating_units is not None
        else list(task.cooperating_units.all())
    )
    coop = [u for u in coop if u != task.lead_unit]
    village_list = list(villages) if villages is not None else list(task.villages.all())
    labels = (
        _clean_checklist(checklist)
        if checklist is not None
        else [item.label for item in task.checklist.all()]
    )
    _validate_task(task, {"cooperating_units": coop, "villages": village_list}, labels)
    with transaction.atomic():
        task.save()
        task.cooperating_units.set(coop)
        task.villages.set(village_list)
        _set_checklist(task, labels if task.indicator_kind == IndicatorKind.CHECKLIST else [])
        _refresh_progress(task)
        audit.record(
            verb="programme.task_edited",
            actor=actor,
            commune=task.programme.commune,
            obj=task,
            before=before,
            after={key: str(getattr(task, key)) for key in changes},
        )
    return task


def task_cancel(*, actor: Any, task: Task, reason: str) -> Task:
    """Cancel a task by decision (the one status an official sets), with the reason."""
    reason = reason.strip()
    if not reason:
        raise error("reason", _("Say why the task is cancelled."))
    if task.is_cancelled:
        raise ValidationError(_("This task is already cancelled."))
    with transaction.atomic():
        task.is_cancelled = True
        task.cancel_reason = reason
        task.save(update_fields=["is_cancelled", "cancel_reason", "updated_at"])
        audit.record(
            verb="programme.task_cancelled",
            actor=actor,
            commune=task.programme.commune,
            obj=task,
            reason=reason,
        )
    return task


def task_slots(task: Task, calendar: Any = None) -> list[ReportSlot]:
    """The reporting periods of a task and when each report is due."""
    programme = task.programme
    return report_schedule(
        starts_on=task.starts_on,
        due_on=task.due_on,
        frequency=task_frequency(task.recurrence, programme.report_frequency),
        calendar=calendar or commune_calendar(programme.commune),
        lag_days=programme.report_lag_days,
    )


def report_figures(reports: Iterable[ProgressReport]) -> list[ReportFigures]:
    """The figures of saved reports, for progress.compute_progress (prefetch checklist_done)."""
    return [
        ReportFigures(
            unit_id=r.unit_id,
            reported_on=r.reported_on,
            order=r.pk,
            progress=r.progress,
            value=r.value,
            items=frozenset(item.pk for item in r.checklist_done.all()),
        )
        for r in reports
    ]


def _refresh_progress(task: Task) -> None:
    """Recompute the stored progress figures of a task from its reports (their only writer)."""
    result = compute_progress(
        indicator_kind=task.indicator_kind,
        target_value=task.target_value,
        lead_unit_id=task.lead_unit_id,
        checklist=list(task.checklist.values_list("pk", flat=True)),
        reports=report_figures(task.reports.prefetch_related("checklist_done")),
    )
    task.progress = result.percent
    task.achieved_value = result.achieved
    task.last_report_on = result.last_report_on
    task.save(update_fields=["progress", "achieved_value", "last_report_on", "updated_at"])


def report_submit(
    *,
    actor: Any,
    task: Task,
    unit: Unit,
    period_end: dt.date,
    text: str,
    progress: Any = None,
    value: Any = None,
    checklist_done: Sequence[ChecklistItem] = (),
    files: Sequence[UploadedFile] = (),
    on: dt.date | None = None,
) -> ProgressReport:
    """A unit reports on a task for one period of its reporting calendar: what was done, the
    indicator value (a number achieved in the period, or the checklist items done, or a
    percentage when the task has no indicator) and evidence files (PDF, JPEG, PNG, DOCX).

    Errors: the unit is not in charge of the task; the period is not one of the task's or has not
    begun; the value does not fit the indicator; a file is not an accepted type."""
    on = on or today()
    if task.is_cancelled:
        raise ValidationError(_("This task is cancelled: it takes no more reports."))
    if task.children.filter(is_cancelled=False).exists():
        raise ValidationError(_("This task has sub-tasks: report on each of them."))
    if on > today():
        raise error("reported_on", _("A report cannot be dated in the future."))
    if unit.pk not in task_unit_ids(task):
        raise error("unit", _("“%(unit)s” is not in charge of this task.") % {"unit": unit})
    slot = next((s for s in task_slots(task) if s.period.end == period_end), None)
    if slot is None:
        raise error("period", _("Choose one of the task's reporting periods."))
    if slot.period.start > on:
        raise error("period", _("This period has not begun yet."))
    text = text.strip()
    if not text:
        raise error("text", _("Say what was done in the period."))
    percent: int | None = None
    amount: Decimal | None = None
    items = list(checklist_done)
    kind = task.indicator_kind
    if kind == IndicatorKind.NUMBER:
        if progress not in (None, ""):
            raise error(
                "progress", _("This task is measured by its target number, not a percentage.")
            )
        amount = as_decimal(value, "value")
        if amount is None:
            raise error(
                "value",
                _("Enter the number achieved in the period (%(unit)s), 0 if none.")
                % {"unit": task.target_unit or _("units")},
            )
        if amount < 0:
            raise error("value", _("The number achieved cannot be negative."))
        if amount > Decimal("9999999999"):
            raise error("value", _("The number is too large."))
    elif kind == IndicatorKind.CHECKLIST:
        if value not in (None, "") or progress not in (None, ""):
            raise error("value", _("This task is measured by its checklist: tick the items done."))
        valid = set(task.checklist.values_list("pk", flat=True))
        if any(item.pk not in valid for item in items):
            raise error("checklist_done", _("An item ticked is not on this task's checklist."))
    else:
        if value not in (None, ""):
            raise error(
                "value", _("This task has no target number: report the progress in per cent.")
            )
        if items:
            raise error("checklist_done", _("This task has no checklist."))
        try:
            percent = int(str(progress).strip()) if progress not in (None, "") else None
        except ValueError:
            raise error(
                "progress", _("The progress must be a whole number from 0 to 100.")
            ) from None
        if percent is None or not 0 <= percent <= 100:
            raise error("progress", _("The progress must be a whole number from 0 to 100."))
    if len(files) > MAX_FILES_PER_REPORT:
        raise error("evidence", _("At most %(n)d files per report.") % {"n": MAX_FILES_PER_REPORT})
    content_types = []
    for upload in files:
        try:
            content_types.append(validate_upload(upload))
        except ValidationError as exc:
            raise error("evidence", " ".join(exc.messages)) from None
    with transaction.atomic():
        report = ProgressReport.objects.create(
            task=task,
            unit=unit,
            period_start=slot.period.start,
            period_end=slot.period.end,
            reported_on=on,
            text=text,
            progress=percent,
            value=amount,
            submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        report.checklist_done.set(items)
        for upload, content_type in zip(files, content_types, strict=True):
            evidence = Evidence(
                report=report,
                original_name=(upload.name or "file")[:255],
                content_type=content_type,
                size=upload.size or 0,
            )
            evidence.file.save(upload.name or "file", upload, save=False)
            evidence.save()
        _refresh_progress(task)
        audit.record(
            verb="programme.report_submitted",
            actor=actor,
            commune=task.programme.commune,
            obj=report,
            after={
                "task": task.number,
                "unit": unit.pk,
                "period_end": slot.period.end,
                "progress": percent,
                "value": str(amount) if amount is not None else None,
                "items": [item.pk for item in items],
                "files": len(files),
                "on_time": on <= slot.due_on,
            },
        )
    return report
