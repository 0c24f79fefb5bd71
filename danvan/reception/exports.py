"""The reception lists as spreadsheets: the register (sổ tiếp công dân) and the schedule.

A denunciation visit holds no person (no citizen row, no representatives) and its texts were
scrubbed of the denouncer's identity when recorded; the register's person column is
`person_display`, which for a denunciation says only that the denouncer is kept confidential.
Representatives are left out of such a row all the same."""

from __future__ import annotations

from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from danvan.core.tabular import Column, field_label
from danvan.petitions.states import Kind

from .models import ReceptionSession, ReceptionVisit


def _name(obj: Any) -> str:
    return str(obj) if obj is not None else ""


def _representatives(visit: ReceptionVisit) -> str:
    if visit.kind == Kind.DENUNCIATION:
        return ""
    return "; ".join(visit.representatives or [])


def _notice(visit: ReceptionVisit) -> str:
    if visit.notice is None:
        return ""
    return visit.notice.number_symbol or str(visit.notice)


REGISTER_COLUMNS: tuple[Column[ReceptionVisit], ...] = (
    Column(_("No."), lambda v: v.number_display, 10),
    Column(field_label(ReceptionVisit, "visited_at"), lambda v: v.visited_at, 17),
    Column(_("Person received"), lambda v: v.person_display, 24),
    Column(field_label(ReceptionVisit, "group_size"), lambda v: v.group_size, 8),
    Column(field_label(ReceptionVisit, "is_delegation"), lambda v: v.is_delegation, 8),
    Column(field_label(ReceptionVisit, "representatives"), _representatives, 24),
    Column(_("Content"), lambda v: v.content, 50),
    Column(field_label(ReceptionVisit, "field"), lambda v: v.get_field_display(), 16),
    Column(_("Classification"), lambda v: v.get_kind_display() if v.kind else "", 14),
    Column(capfirst(_("returning case")), lambda v: not v.is_new_case, 8),
    Column(_("Handled before by"), lambda v: v.previous_bodies, 24),
    Column(_("Outcome"), lambda v: v.get_outcome_display(), 24),
    Column(field_label(ReceptionVisit, "outcome_note"), lambda v: v.outcome_note, 30),
    Column(
        field_label(ReceptionVisit, "refusal_ground"),
        lambda v: v.get_refusal_ground_display() if v.refusal_ground else "",
        24,
    ),
    Column(
        field_label(ReceptionVisit, "petition"),
        lambda v: v.petition.case_number if v.petition else "",
        14,
    ),
    Column(_("Refusal notice"), _notice, 16),
    Column(_("Reception type"), lambda v: v.get_reception_type_display(), 20),
    Column(_("Mode"), lambda v: v.get_mode_display(), 12),
    Column(_("Received by"), lambda v: _name(v.host), 20),
    Column(_("Recorded by"), lambda v: _name(v.received_by), 20),
)


def _session_status(session: ReceptionSession) -> Any:
    if session.is_cancelled:
        return capfirst(_("cancelled"))
    if session.is_published:
        return capfirst(_("published"))
    return capfirst(_("not published"))


SCHEDULE_COLUMNS: tuple[Column[ReceptionSession], ...] = (
    Column(field_label(ReceptionSession, "date"), lambda s: s.date, 12),
    Column(field_label(ReceptionSession, "start_time"), lambda s: s.start_time, 8),
    Column(field_label(ReceptionSession, "end_time"), lambda s: s.end_time, 8),
    Column(_("Kind"), lambda s: s.get_kind_display(), 24),
    Column(_("Receives"), lambda s: _name(s.host), 22),
    Column(_("Place"), lambda s: s.place, 30),
    Column(_("Note"), lambda s: s.note, 30),
    Column(_("Status"), _session_status, 14),
    Column(field_label(ReceptionSession, "cancel_reason"), lambda s: s.cancel_reason, 30),
)
