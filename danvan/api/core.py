"""Calendar and deadline endpoints for staff (session or token authentication later)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from danvan.accounts.permissions import Perm, has_perm
from danvan.accounts.selectors import current_commune
from danvan.core.deadlines import DeadlineInputError, compute_due
from danvan.core.models import DeadlineRule
from danvan.core.selectors import active_rules, commune_calendar

from .errors import ERROR_LANGUAGE, ApiError, invalid

router = Router(tags=["deadlines"])


class RuleOut(Schema):
    code: str
    name: str
    legal_basis: str
    length: int
    unit: str
    direction: str
    trigger: str
    is_unconfirmed: bool
    note: str


class SkippedOut(Schema):
    day: dt.date
    reason: str


class DeadlineOut(Schema):
    start: dt.date
    length: int
    unit: str
    direction: str
    due_on: dt.date
    rolled_from: dt.date | None
    rule_code: str | None
    is_provisional: bool
    skipped: list[SkippedOut]
    steps: list[str]


class ErrorOut(Schema):
    code: str
    detail: str
    field: str | None


@router.get("/deadline-rules", response=list[RuleOut])
def list_rules(request: HttpRequest) -> list[DeadlineRule]:
    return list(active_rules())


@router.get("/deadlines/compute", response={200: DeadlineOut, 400: ErrorOut, 403: ErrorOut})
def compute(
    request: HttpRequest,
    start: str,
    days: int | None = None,
    unit: str | None = None,
    rule: str | None = None,
) -> Status:
    """Compute a due date and its explanation with the calendar of the user's commune."""
    commune = current_commune(request)
    if commune is None or not has_perm(request.user, Perm.USE_DEADLINE_CALCULATOR, commune):
        raise ApiError(403, "forbidden", _("You do not have access to this function."))
    try:
        start_on = dt.date.fromisoformat(start)
    except ValueError:
        raise invalid(
            "start",
            _("“%(value)s” is not a date; write it as YYYY-MM-DD."),
            params={"value": start[:40]},
        ) from None
    direction = "after"
    if rule:
        rule_obj = active_rules().filter(code__iexact=rule[:40]).first()
        if rule_obj is None:
            raise invalid("rule", _("Unknown rule “%(rule)s”."), params={"rule": rule[:40]})
        days, unit, direction = rule_obj.length, rule_obj.unit, rule_obj.direction
    if days is None or unit is None:
        raise invalid("days", _("Give days and unit, or a rule."), code="required")
    calendar = commune_calendar(commune)
    try:
        result = compute_due(start_on, days, unit, calendar, direction=direction, rule_code=rule)
    except DeadlineInputError:
        # The engine words its errors in the active language; API errors are Vietnamese.
        with translation.override(ERROR_LANGUAGE):
            try:
                compute_due(start_on, days, unit, calendar, direction=direction, rule_code=rule)
            except DeadlineInputError as exc:
                raise ApiError(400, "invalid_input", str(exc)) from None
        raise
    return Status(200, result.as_json())
