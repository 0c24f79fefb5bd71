"""Every write to core tables. Each service is atomic and leaves an audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .deadlines import DeadlineResult, compute_due
from .jobs import enqueue_on_commit
from .models import (
    CalendarOverride,
    CalendarYear,
    Commune,
    DayKind,
    Deadline,
    DeadlineRule,
    Province,
    Unit,
)
from .selectors import commune_calendar, open_deadlines_affected_by, working_calendar


# --- Organisation -------------------------------------------------------------------------------
def unit_create(
    *, actor: Any, commune: Commune, name: str, kind: str, short_name: str = ""
) -> Unit:
    """Create a unit of a commune (office, centre, village, Front organisation, board)."""
    name = name.strip()
    if not name:
        raise ValidationError(_("The unit name is required."))
    if Unit.objects.filter(commune=commune, name__iexact=name).exists():
        raise ValidationError(
            _("This commune already has a unit named “%(name)s”.") % {"name": name}
        )
    with transaction.atomic():
        unit = Unit.objects.create(commune=commune, name=name, kind=kind, short_name=short_name)
        audit.record(
            verb="unit.created",
            actor=actor,
            commune=commune,
            obj=unit,
            after={"name": name, "kind": kind, "short_name": short_name},
        )
    return unit


def commune_update_settings(*, actor: Any, commune: Commune, **changes: Any) -> Commune:
    """Change a commune's policy settings (two-factor requirement, after-hours receipt)."""
    allowed = {"require_2fa_for_leaders", "after_hours_receipt_next_day"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("Unknown setting: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    before = {key: getattr(commune, key) for key in changes}
    with transaction.atomic():
        for key, value in changes.items():
            setattr(commune, key, value)
        commune.save(update_fields=list(changes))
        audit.record(
            verb="commune.settings_changed",
            actor=actor,
            commune=commune,
            obj=commune,
            before=before,
            after=changes,
        )
    return commune


# --- Calendar -----------------------------------------------------------------------------------
def calendar_override_create(
    *,
    actor: Any,
    date: dt.date,
    kind: str,
    name: str,
    legal_document: str = "",
    province: Province | None = None,
    is_provisional: bool = False,
) -> CalendarOverride:
    """Declare an extra day off or an extra working day (DOMAIN §12: hoán đổi, nghỉ bù).

    Side effect: open deadlines whose computation crosses that day are recomputed by a job after
    commit (CONVENTIONS rule 4)."""
    if kind not in DayKind.values:
        raise ValidationError(_("Choose whether the day becomes a day off or a working day."))
    if not name.strip():
        raise ValidationError(_("Give the occasion a name."))
    calendar = working_calendar(province.pk if province else None)
    status = calendar.status(date)
    if kind == DayKind.WORK and status.is_working:
        raise ValidationError(
            _("%(day)s is already a working day.") % {"day": date.strftime("%d/%m/%Y")}
        )
    if kind == DayKind.OFF and not status.is_working:
        raise ValidationError(
            _("%(day)s is already a day off (%(reason)s).")
            % {"day": date.strftime("%d/%m/%Y"), "reason": status.reason}
        )
    proposal = CalendarOverride.objects.filter(
        date=date, province=province, is_active=False
    ).first()
    try:
        with transaction.atomic():
            if proposal is not None:
                # A proposed (inactive) row for the same day is replaced by the decision, in the
                # same transaction: if the decision cannot be saved, the proposal stays.
                audit.record(
                    verb="calendar.override_removed",
                    actor=actor,
                    obj=proposal,
                    before=_override_snapshot(proposal),
                    reason="replaced by a decision",
                )
                proposal.delete()
            override = CalendarOverride.objects.create(
                date=date,
                kind=kind,
                name=name.strip(),
                legal_document=legal_document.strip(),
                province=province,
                is_provisional=is_provisional,
            )
            audit.record(
                verb="calendar.override_added",
                actor=actor,
                obj=override,
                after=_override_snapshot(override),
            )
            enqueue_on_commit(
                _recompute_task(), date.isoformat(), province.pk if province else None
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("There is already a decision for %(day)s.") % {"day": date.strftime("%d/%m/%Y")}
        ) from exc
    return override


def calendar_override_set_active(
    *, actor: Any, override: CalendarOverride, is_active: bool, reason: str = ""
) -> CalendarOverride:
    """Adopt a proposed override, or withdraw one; affected deadlines are recomputed."""
    if override.is_active == is_active:
        return override
    before = _override_snapshot(override)
    with transaction.atomic():
        override.is_active = is_active
        if is_active:
            override.is_provisional = False
        override.save(update_fields=["is_active", "is_provisional"])
        audit.record(
            verb="calendar.override_adopted" if is_active else "calendar.override_withdrawn",
            actor=actor,
            obj=override,
            before=before,
            after=_override_snapshot(override),
            reason=reason,
        )
        enqueue_on_commit(_recompute_task(), override.date.isoformat(), override.province_id)
    return override


def calendar_override_delete(*, actor: Any, override: CalendarOverride, reason: str = "") -> None:
    with transaction.atomic():
        snapshot = _override_snapshot(override)
        day, province_id, was_active = override.date, override.province_id, override.is_active
        audit.record(
            verb="calendar.override_removed",
            actor=actor,
            obj=override,
            before=snapshot,
            reason=reason,
        )
        override.delete()
        if was_active:
            enqueue_on_commit(_recompute_task(), day.isoformat(), province_id)


def calendar_year_confirm(*, actor: Any, year: int, legal_document: str) -> CalendarYear:
    """Mark a year's calendar as confirmed by the official notice (DOMAIN §12.4)."""
    if not legal_document.strip():
        raise ValidationError(_("Name the notice that confirms the calendar."))
    with transaction.atomic():
        row, _created = CalendarYear.objects.get_or_create(year=year)
        before = {"is_confirmed": row.is_confirmed, "legal_document": row.legal_document}
        row.is_confirmed = True
        row.legal_document = legal_document.strip()
        row.save()
        audit.record(
            verb="calendar.year_confirmed",
            actor=actor,
            obj=row,
            before=before,
            after={"is_confirmed": True, "legal_document": row.legal_document},
        )
    return row


def _override_snapshot(override: CalendarOverride) -> dict[str, Any]:
    return {
        "date": override.date.isoformat(),
        "kind": override.kind,
        "name": override.name,
        "legal_document": override.legal_document,
        "province": override.province_id,
        "is_active": override.is_active,
        "is_provisional": override.is_provisional,
    }


def _recompute_task() -> Any:
    from .tasks import recompute_deadlines_for_day  # tasks import services: resolve late

    return recompute_deadlines_for_day


# --- Deadlines ----------------------------------------------------------------------------------
def deadline_start(
    *,
    actor: Any,
    commune: Commune,
    subject_type: str,
    subject_id: str,
    label: str,
    started_on: dt.date,
    rule: DeadlineRule | None = None,
    length: int | None = None,
    unit: str | None = None,
) -> Deadline:
    """Start a legal clock: compute the due date with the engine and store it with its rule.

    Either a rule (its length, unit and direction) or an explicit length and unit.
    Raises DeadlineInputError for bad input."""
    if rule is not None:
        length, unit, direction = rule.length, rule.unit, rule.direction
    else:
        direction = "after"
    result = compute_due(
        started_on,
        length if length is not None else 0,
        unit or "",
        commune_calendar(commune),
        direction=direction,
        rule_code=rule.code if rule else None,
    )
    with transaction.atomic():
        deadline = Deadline.objects.create(
            commune=commune,
            rule=rule,
            subject_type=subject_type,
            subject_id=subject_id,
            label=label,
            started_on=started_on,
            length=result.length,
            unit=result.unit,
            direction=direction,
            due_on=result.due_on,
            explanation=result.as_json(),
        )
        audit.record(
            verb="deadline.started",
            actor=actor,
            commune=commune,
            obj=deadline,
            after={"due_on": result.due_on, "rule": rule.code if rule else None},
        )
    return deadline


def _replay(deadline: Deadline) -> tuple[DeadlineResult, list[dict[str, Any]]]:
    """The due date from the legal clock and then every extension and suspension, in order."""
    calendar = commune_calendar(deadline.commune)
    result = compute_due(
        deadline.started_on,
        deadline.length,
        deadline.unit,
        calendar,
        direction=deadline.direction,
        rule_code=deadline.rule.code if deadline.rule else None,
    )
    due = result.due_on
    steps: list[dict[str, Any]] = []
    for adjustment in deadline.adjustments:
        if adjustment["type"] == "extension":
            moved = compute_due(
                due, int(adjustment["days"]), adjustment.get("unit", "CAL"), calendar
            )
            steps.append(
                {**adjustment, "from_due": due.isoformat(), "to_due": moved.due_on.isoformat()}
            )
            due = moved.due_on
        elif adjustment["type"] == "suspension" and adjustment.get("to"):
            days = working_days_between(
                dt.date.fromisoformat(adjustment["from"]),
                dt.date.fromisoformat(adjustment["to"]),
                calendar,
            )
            if days:
                due = compute_due(due, days, "WD", calendar).due_on
            steps.append({**adjustment, "working_days": days, "to_due": due.isoformat()})
    result.due_on = due
    return result, steps


def working_days_between(start: dt.date, end: dt.date, calendar: Any) -> int:
    """Working days from `start` up to the day before `end`: the days a suspended clock lost."""
    days, day = 0, start
    while day < end:
        if calendar.is_working_day(day):
            days += 1
        day += dt.timedelta(days=1)
    return days


def _store(deadline: Deadline, result: DeadlineResult, steps: list[dict[str, Any]]) -> None:
    deadline.due_on = result.due_on
    deadline.explanation = {**result.as_json(), "adjustments": steps}
    deadline.computed_at = timezone.now()
    deadline.save(
        update_fields=["due_on", "explanation", "computed_at", "adjustments", "suspended_on"]
    )


def deadline_recompute(*, deadline: Deadline, actor: Any = None, reason: str = "") -> bool:
    """Recompute one open deadline against the current calendar. Returns True if it moved."""
    result, steps = _replay(deadline)
    explanation = {**result.as_json(), "adjustments": steps}
    if result.due_on == deadline.due_on and explanation == deadline.explanation:
        return False
    before = {"due_on": deadline.due_on}
    with transaction.atomic():
        _store(deadline, result, steps)
        if before["due_on"] != result.due_on:
            audit.record(
                verb="deadline.recomputed",
                actor=actor,
                commune=deadline.commune,
                obj=deadline,
                before=before,
                after={"due_on": result.due_on},
                reason=reason,
            )
    return before["due_on"] != result.due_on


def deadline_extend(
    *,
    actor: Any,
    deadline: Deadline,
    days: int,
    decided_on: dt.date,
    decision: str,
    unit: str = "CAL",
) -> Deadline:
    """Extend a legal clock by a formal decision (gia hạn). The extension is added to the due date
    in force (DOMAIN T-10) and must be decided before it passes. Caps are the caller's rule."""
    if not deadline.is_open:
        raise ValidationError(_("This deadline is closed."))
    if deadline.suspended_on is not None:
        raise ValidationError(_("The clock is suspended: resume it before extending it."))
    if decided_on > deadline.due_on:
        raise ValidationError(
            _("An extension must be decided before the due date (%(due)s).")
            % {"due": deadline.due_on.strftime("%d/%m/%Y")}
        )
    if not decision.strip():
        raise ValidationError(_("Name the decision that extends the time limit."))
    before = {"due_on": deadline.due_on}
    with transaction.atomic():
        deadline.adjustments = [
            *deadline.adjustments,
            {
                "type": "extension",
                "days": days,
                "unit": unit,
                "on": decided_on.isoformat(),
                "decision": decision.strip(),
            },
        ]
        result, steps = _replay(deadline)
        _store(deadline, result, steps)
        audit.record(
            verb="deadline.extended",
            actor=actor,
            commune=deadline.commune,
            obj=deadline,
            before=before,
            after={"due_on": deadline.due_on, "days": days},
            reason=decision,
        )
    return deadline


def deadline_suspend(*, actor: Any, deadline: Deadline, on: dt.date, reason: str) -> Deadline:
    """Stop the clock (tạm đình chỉ). It resumes with the days it had left (DOMAIN §2.5 default)."""
    if not deadline.is_open or deadline.suspended_on is not None:
        raise ValidationError(_("This deadline is not running."))
    with transaction.atomic():
        deadline.suspended_on = on
        deadline.adjustments = [
            *deadline.adjustments,
            {"type": "suspension", "from": on.isoformat(), "to": None, "reason": reason},
        ]
        result, steps = _replay(deadline)
        _store(deadline, result, steps)
        audit.record(
            verb="deadline.suspended",
            actor=actor,
            commune=deadline.commune,
            obj=deadline,
            reason=reason,
        )
    return deadline


def deadline_resume(*, actor: Any, deadline: Deadline, on: dt.date) -> Deadline:
    """Restart a suspended clock: the due date moves by the working days it was stopped."""
    if deadline.suspended_on is None:
        raise ValidationError(_("This deadline is not suspended."))
    if on < deadline.suspended_on:
        raise ValidationError(_("The clock cannot resume before it was suspended."))
    before = {"due_on": deadline.due_on}
    with transaction.atomic():
        adjustments = list(deadline.adjustments)
        open_index = max(
            i for i, a in enumerate(adjustments) if a["type"] == "suspension" and not a.get("to")
        )
        adjustments[open_index] = {**adjustments[open_index], "to": on.isoformat()}
        deadline.adjustments = adjustments
        deadline.suspended_on = None
        result, steps = _replay(deadline)
        _store(deadline, result, steps)
        audit.record(
            verb="deadline.resumed",
            actor=actor,
            commune=deadline.commune,
            obj=deadline,
            before=before,
            after={"due_on": deadline.due_on},
        )
    return deadline


# Apps whose records carry a copy of their earliest due date register how to refresh it, so that
# a calendar change reaches them too (core imports no domain app; they call in here).
_subject_refreshers: dict[str, Callable[[str], None]] = {}


def register_deadline_subject(subject_type: str, refresh: Callable[[str], None]) -> None:
    _subject_refreshers[subject_type] = refresh


def deadlines_recompute_for_day(*, day: dt.date, province_id: int | None) -> int:
    """Recompute every open deadline computed across `day`, then let the records that own the
    moved deadlines refresh themselves. Idempotent. Returns how many moved."""
    moved = 0
    subjects: set[tuple[str, str]] = set()
    reason = _("Calendar changed for %(day)s") % {"day": day.strftime("%d/%m/%Y")}
    for deadline in open_deadlines_affected_by(day, province_id).iterator():
        if deadline_recompute(deadline=deadline, reason=reason):
            moved += 1
            subjects.add((deadline.subject_type, deadline.subject_id))
    for subject_type, subject_id in sorted(subjects):
        refresh = _subject_refreshers.get(subject_type)
        if refresh is not None:
            refresh(subject_id)
    return moved


def deadline_close(*, actor: Any, deadline: Deadline, reason: str = "") -> Deadline:
    if not deadline.is_open:
        return deadline
    with transaction.atomic():
        deadline.is_open = False
        deadline.save(update_fields=["is_open"])
        audit.record(
            verb="deadline.closed",
            actor=actor,
            commune=deadline.commune,
            obj=deadline,
            reason=reason,
        )
    return deadline
