"""Every write to citizen reception: the schedule, the register, refusals (DOMAIN §4).

Sources: Luật Tiếp công dân 42/2013/QH13 as amended by Luật 136/2025/QH15; Thông tư
04/2021/TT-TTCP (quy trình tiếp công dân). Each service validates, writes in one transaction
and leaves an audit event. Errors are ValidationError with a `code` callers may rely on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.permissions import roles_in
from danvan.accounts.roles import Role
from danvan.core import audit
from danvan.core.models import Commune
from danvan.core.numbering import next_number
from danvan.core.selectors import commune_calendar
from danvan.core.text import fold
from danvan.documents.models import OutgoingDocument
from danvan.documents.services import document_create_draft
from danvan.petitions import services as petition_services
from danvan.petitions.identity import REDACTED
from danvan.petitions.models import Channel, Citizen, Field, Petition
from danvan.petitions.rules import max_representatives
from danvan.petitions.states import Kind

from . import notices
from .models import (
    Mode,
    Outcome,
    ReceptionSession,
    ReceptionType,
    ReceptionVisit,
    RefusalGround,
)

# "Đoàn đông người" in the statistics forms: 5 or more people (DOMAIN §4.4). UNCONFIRMED in the
# current forms; one constant so that it changes in one place.
DELEGATION_THRESHOLD = 5
NUMBER_SERIES = "reception"
# How far ahead a session may be scheduled, and how late a visit may be entered.
MAX_DAYS_AHEAD = 366
FUTURE_TOLERANCE = dt.timedelta(minutes=10)
# What visit_record passes through to petition_register and nothing else.
PETITION_ONLY_ARGS = frozenset(
    {"summary", "place", "village", "flags", "attachments", "forwarded_by", "forwarded_reference"}
)


# --- helpers -------------------------------------------------------------------------------------
def _fail(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _is_leader(user: Any, commune: Commune) -> bool:
    return Role.LEADER in roles_in(user, commune)


def _is_member(user: Any, commune: Commune) -> bool:
    return bool(roles_in(user, commune) - {Role.PROVINCE_VIEWER})


def next_working_day(commune: Commune, day: dt.date) -> dt.date:
    calendar = commune_calendar(commune)
    day += dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _scrub(text: str, identity: dict[str, str] | None) -> str:
    """Remove a denouncer's name, address, ID number, phone and e-mail from text kept on the
    visit: the register is read by many, the identity only by those entitled to it."""
    if not text or not identity:
        return text
    values = sorted((v.strip() for v in identity.values() if v and len(v.strip()) >= 3), key=len)
    for value in reversed(values):
        text = re.sub(re.escape(value), REDACTED, text, flags=re.IGNORECASE)
    return text


def _search_text(visit: ReceptionVisit) -> str:
    """What the register's search matches, folded. Never a denouncer's identity."""
    parts = [visit.number_display, visit.content, visit.outcome_note, visit.previous_bodies]
    if visit.citizen is not None:
        parts += [visit.citizen.full_name, visit.citizen.phone, visit.citizen.id_number]
    if visit.petition is not None:
        parts.append(visit.petition.case_number)
    return fold(" ".join(p for p in parts if p))


def _check_visited_at(visited_at: dt.datetime) -> None:
    if timezone.is_naive(visited_at):
        raise _fail(_("The time of the visit has no time zone."), "naive_datetime")
    if visited_at > timezone.now() + FUTURE_TOLERANCE:
        raise _fail(_("The time of the visit cannot be in the future."), "future")
    if visited_at.year < 2000:
        raise _fail(_("The time of the visit is too far in the past."), "too_old")


def _check_session(session: ReceptionSession | None, commune: Commune) -> None:
    if session is None:
        return
    if session.commune_id != commune.pk:
        raise _fail(_("Choose a reception session of this commune."), "foreign_session")
    if session.is_cancelled:
        raise _fail(_("This reception session was cancelled."), "cancelled_session")


def _check_host(host: Any, commune: Commune, reception_type: str) -> None:
    if host is not None and not _is_member(host, commune):
        raise _fail(_("The person receiving must be an official of this commune."), "foreign_host")
    if reception_type == ReceptionType.PERIODIC:
        # Luật 136/2025: the chairman receives in person, no delegation to a deputy (§4.1).
        if host is None:
            raise _fail(
                _("A periodic reception is held by the commune leader: choose them."),
                "host_required",
            )
        if not _is_leader(host, commune):
            raise _fail(_("A periodic reception is held by a commune leader."), "host_not_leader")


PERSON_KEYS = ("name", "phone", "id_number", "address", "email")


def _identity(person: dict[str, str] | None) -> dict[str, str]:
    person = person or {}
    return {key: " ".join(str(person.get(key) or "").split()) for key in PERSON_KEYS}


def _check_citizen(citizen: Citizen | None, identity: dict[str, str], commune: Commune) -> None:
    if citizen is None and not identity.get("name"):
        raise _fail(_("Enter the citizen, or choose a returning citizen."), "citizen_required")
    if citizen is not None and citizen.commune_id != commune.pk:
        raise _fail(_("Choose a citizen of this commune."), "foreign_citizen")


def _citizen_from(commune: Commune, identity: dict[str, str]) -> Citizen:
    return petition_services.citizen_get_or_create(
        commune=commune,
        full_name=identity["name"],
        phone=identity["phone"],
        id_number=identity["id_number"],
        address=identity["address"],
        email=identity["email"],
    )


def _session_defaults(
    session: ReceptionSession | None, reception_type: str, host: Any, actor: Any
) -> tuple[str, Any]:
    """A visit in a scheduled session takes its type and, unless named, its host; otherwise the
    official who records the visit is the one who received the citizen."""
    if session is not None:
        reception_type = session.kind
        host = host or session.host
    if host is None and getattr(actor, "is_authenticated", False):
        host = actor
    return reception_type, host


def _clean_representatives(representatives: list[str] | None, group_size: int) -> list[str]:
    names = [" ".join(r.split()) for r in representatives or [] if r.strip()]
    if group_size < 1:
        raise _fail(_("The number of people is at least 1."), "group_size")
    if len(names) > max_representatives(group_size):
        raise _fail(
            _("%(n)d people may appoint at most %(max)d representatives.")
            % {"n": group_size, "max": max_representatives(group_size)},
            "too_many_representatives",
        )
    return names


# --- schedule ------------------------------------------------------------------------------------
def session_schedule(
    *,
    actor: Any,
    commune: Commune,
    date: dt.date,
    kind: str,
    host: Any,
    start_time: dt.time,
    end_time: dt.time,
    place: str,
    note: str = "",
    publish: bool = False,
) -> ReceptionSession:
    """Schedule a reception session (lịch tiếp công dân, DOMAIN §4.1).

    Regular and periodic receptions fall on working days of the commune's calendar; when the
    chosen day is a holiday or rest day the session is refused and the next working day is
    suggested (the rule in the communes' published schedules). Ad hoc receptions (Luật TCD
    Art 18(3)) may be held on any day. A periodic reception is held by a commune leader in person
    (Luật 136/2025/QH15: no delegation). Errors: ValidationError with codes `kind`, `times`,
    `place`, `date_range`, `non_working_day`, `host_required`, `host_not_leader`, `foreign_host`."""
    if kind not in ReceptionType.values:
        raise _fail(_("Choose the kind of reception."), "kind")
    if end_time <= start_time:
        raise _fail(_("The session must end after it starts."), "times")
    if not place.strip():
        raise _fail(_("Enter the place of the reception."), "place")
    today = timezone.localdate()
    if date.year < 2000 or date > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise _fail(_("Schedule sessions at most one year ahead."), "date_range")
    if kind != ReceptionType.ADHOC:
        status = commune_calendar(commune).status(date)
        if not status.is_working:
            raise ValidationError(
                _(
                    "%(day)s is not a working day (%(reason)s). Schedule the reception on the "
                    "next working day, %(next)s."
                ),
                code="non_working_day",
                params={
                    "day": date.strftime("%d/%m/%Y"),
                    "reason": status.reason,
                    "next": next_working_day(commune, date).strftime("%d/%m/%Y"),
                },
            )
    _check_host(host, commune, kind)
    with transaction.atomic():
        session = ReceptionSession.objects.create(
            commune=commune,
            date=date,
            start_time=start_time,
            end_time=end_time,
            kind=kind,
            host=host,
            place=place.strip(),
            note=note.strip(),
            is_published=publish,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            verb="reception.session_scheduled",
            actor=actor,
            commune=commune,
            obj=session,
            after={
                "date": date,
                "kind": kind,
                "host": getattr(host, "pk", None),
                "start": start_time.isoformat(),
                "end": end_time.isoformat(),
                "published": publish,
            },
        )
    return session


def session_publish(*, actor: Any, session: ReceptionSession) -> ReceptionSession:
    """Publish a session on the commune's public reception schedule."""
    if session.is_cancelled:
        raise _fail(_("A cancelled session cannot be published."), "cancelled_session")
    if session.is_published:
        return session
    with transaction.atomic():
        session.is_published = True
        session.save(update_fields=["is_published"])
        audit.record(
            verb="reception.session_published", actor=actor, commune=session.commune, obj=session
        )
    return session


def session_cancel(*, actor: Any, session: ReceptionSession, reason: str) -> ReceptionSession:
    """Cancel a scheduled session, with the reason. A published session stays on the public
    schedule marked as cancelled, so that nobody comes in vain. Visits already recorded keep
    their link."""
    if not reason.strip():
        raise _fail(_("State why the session is cancelled."), "reason_required")
    if session.is_cancelled:
        raise _fail(_("This reception session was already cancelled."), "already_cancelled")
    with transaction.atomic():
        session.is_cancelled = True
        session.cancel_reason = reason.strip()
        session.save(update_fields=["is_cancelled", "cancel_reason"])
        audit.record(
            verb="reception.session_cancelled",
            actor=actor,
            commune=session.commune,
            obj=session,
            reason=reason.strip()[:500],
        )
    return session


# --- the register --------------------------------------------------------------------------------
def _next_visit(
    *,
    actor: Any,
    commune: Commune,
    visited_at: dt.datetime,
    **fields: Any,
) -> ReceptionVisit:
    """Number and store a register entry; call inside the transaction."""
    year = timezone.localtime(visited_at).year
    visit = ReceptionVisit(
        commune=commune,
        year=year,
        number=next_number(commune, NUMBER_SERIES, year),
        visited_at=visited_at,
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    visit.search_folded = _search_text(visit)
    visit.save()
    return visit


def visit_record(
    *,
    actor: Any,
    commune: Commune,
    visited_at: dt.datetime,
    reception_type: str,
    mode: str,
    content: str,
    kind: str,
    outcome: str,
    field: str = Field.OTHER,
    citizen: Citizen | None = None,
    person: dict[str, str] | None = None,
    group_size: int = 1,
    representatives: list[str] | None = None,
    previous_bodies: str = "",
    outcome_note: str = "",
    session: ReceptionSession | None = None,
    host: Any = None,
    is_new_case: bool = True,
    register_petition: bool = False,
    petition_kwargs: dict[str, Any] | None = None,
) -> ReceptionVisit:
    """Record a visit in the register (sổ tiếp công dân, DOMAIN §4.3, §4.6).

    When the citizen submits a petition (`register_petition`, outcome "petition registered") it is
    registered through petitions.services.petition_register — which starts its legal clock — and
    linked, in the same transaction. `petition_kwargs` carries what only the petition needs
    (summary, place, village, flags, attachments).

    The person is a returning `citizen`, or `person` (name, phone, id_number, address, email)
    recorded as a citizen in the same transaction. A denunciation visit never stores the person:
    no citizen row, no representatives, and the identity goes with the petition into the
    encrypted store; the visit's texts are scrubbed of it (Luật Tố cáo Art 8, 9). A group of DELEGATION_THRESHOLD or
    more is a delegation (đoàn đông người, §4.4). Refusals go through `visit_refuse`.

    Errors: ValidationError with codes such as `content`, `citizen_required`, `use_refuse`,
    `petition_mismatch`, `outcome_note_required`, `host_required`, or the petition's own."""
    if reception_type not in ReceptionType.values:
        raise _fail(_("Choose the type of reception."), "reception_type")
    if mode not in Mode.values:
        raise _fail(_("Choose in person or online."), "mode")
    if kind not in Kind.values:
        raise _fail(_("Choose the classification of the matter."), "kind")
    if field not in Field.values:
        raise _fail(_("Choose the field."), "field")
    if outcome == Outcome.REFUSED:
        raise _fail(_("Record a refusal with its legal ground on the refusal form."), "use_refuse")
    if outcome not in Outcome.values:
        raise _fail(_("Choose how the visit was handled."), "outcome")
    if register_petition != (outcome == Outcome.PETITION_REGISTERED):
        raise _fail(
            _("A petition is registered exactly when that is the outcome of the visit."),
            "petition_mismatch",
        )
    if not content.strip():
        raise _fail(_("Write what the citizen presented."), "content")
    petition_kwargs = dict(petition_kwargs or {})
    unknown = set(petition_kwargs) - PETITION_ONLY_ARGS
    if unknown:
        raise TypeError(f"visit_record() got unexpected petition arguments: {sorted(unknown)}")
    if register_petition and not str(petition_kwargs.get("summary", "")).strip():
        raise _fail(_("Write the summary of the petition."), "summary_required")
    if outcome in (Outcome.GUIDED, Outcome.TRANSFERRED) and not outcome_note.strip():
        raise _fail(
            _("Name the body the citizen was guided or the matter transferred to."),
            "outcome_note_required",
        )
    _check_visited_at(visited_at)
    _check_session(session, commune)
    reception_type, host = _session_defaults(session, reception_type, host, actor)
    _check_host(host, commune, reception_type)

    is_denunciation = kind == Kind.DENUNCIATION
    reps = _clean_representatives(representatives, group_size)
    identity = _identity(person)
    if is_denunciation:
        citizen, reps = None, []
        if register_petition and not identity.get("name"):
            flags = petition_kwargs.get("flags") or []
            if "anonymous" not in flags:
                raise _fail(_("Enter the denouncer's name."), "denouncer_name_required")
    else:
        _check_citizen(citizen, identity, commune)

    # What the register (and, for a denunciation, the case file everyone handling it reads)
    # keeps: without the denouncer's identity, which only the encrypted store holds.
    secret = identity if is_denunciation else None
    content = _scrub(content.strip(), secret)
    previous_bodies = _scrub(previous_bodies.strip(), secret)
    outcome_note = _scrub(outcome_note.strip(), secret)
    if "summary" in petition_kwargs:
        petition_kwargs["summary"] = _scrub(str(petition_kwargs["summary"]).strip(), secret)

    with transaction.atomic():
        if not is_denunciation and citizen is None:
            citizen = _citizen_from(commune, identity)
        petition: Petition | None = None
        if register_petition:
            petition = petition_services.petition_register(
                actor=actor,
                commune=commune,
                kind=kind,
                channel=Channel.ONLINE if mode == Mode.ONLINE else Channel.DESK,
                received_on=timezone.localtime(visited_at).date(),
                content=content,
                citizen=citizen,
                denouncer=identity if is_denunciation and identity.get("name") else None,
                is_group=group_size > 1,
                group_size=group_size,
                representatives=reps,
                field=field,
                previous_handling=previous_bodies,
                **petition_kwargs,
            )
        visit = _next_visit(
            actor=actor,
            commune=commune,
            visited_at=visited_at,
            reception_type=reception_type,
            mode=mode,
            session=session,
            citizen=citizen,
            group_size=group_size,
            is_delegation=group_size >= DELEGATION_THRESHOLD,
            representatives=reps,
            content=content,
            kind=kind,
            field=field,
            previous_bodies=previous_bodies,
            outcome=outcome,
            outcome_note=outcome_note,
            petition=petition,
            host=host,
            is_new_case=is_new_case,
        )
        audit.record(
            verb="reception.visit_recorded",
            actor=actor,
            commune=commune,
            obj=visit,
            after={
                "number": visit.number_display,
                "reception_type": reception_type,
                "mode": mode,
                "kind": kind,
                "outcome": outcome,
                "group_size": group_size,
                "petition": petition.case_number if petition else None,
            },
        )
    return visit


def visit_refuse(
    *,
    actor: Any,
    commune: Commune,
    visited_at: dt.datetime,
    ground: str,
    note: str,
    signer_name: str,
    authority_lines: list[str],
    citizen: Citizen | None = None,
    person: dict[str, str] | None = None,
    kind: str = "",
    content: str = "",
    reception_type: str = ReceptionType.REGULAR,
    mode: str = Mode.IN_PERSON,
    group_size: int = 1,
    session: ReceptionSession | None = None,
    host: Any = None,
) -> ReceptionVisit:
    """Refuse to receive someone, on one of the grounds of Luật Tiếp công dân 2013 Art 9
    (DOMAIN §4.5), and draft the written notice (Thông báo từ chối tiếp công dân, TT 04/2021/
    TT-TTCP Art 4) through the documents app; the clerk numbers it when it is issued.

    The refusal is a register entry with the outcome "refused" and its ground. "Another case
    provided by law" needs the facts and the provision in `note`. For a denunciation the person
    is not stored and the notice does not name them. Errors: ValidationError with codes
    `ground`, `note_required`, `citizen_required`, or the document's own."""
    if ground not in RefusalGround.values:
        raise _fail(_("Choose the legal ground for the refusal."), "ground")
    if ground == RefusalGround.OTHER_BY_LAW and not note.strip():
        raise _fail(_("Name the provision of law and the facts of the refusal."), "note_required")
    if kind and kind not in Kind.values:
        raise _fail(_("Choose the classification of the matter."), "kind")
    if reception_type not in ReceptionType.values:
        raise _fail(_("Choose the type of reception."), "reception_type")
    if mode not in Mode.values:
        raise _fail(_("Choose in person or online."), "mode")
    _check_visited_at(visited_at)
    _check_session(session, commune)
    reception_type, host = _session_defaults(session, reception_type, host, actor)
    _check_host(host, commune, reception_type)
    identity = _identity(person)
    is_denunciation = kind == Kind.DENUNCIATION
    if is_denunciation:
        citizen = None
    else:
        _check_citizen(citizen, identity, commune)
    if group_size < 1:
        raise _fail(_("The number of people is at least 1."), "group_size")

    with transaction.atomic():
        if not is_denunciation and citizen is None:
            citizen = _citizen_from(commune, identity)
        if citizen is None:
            addressee = "người đến nơi tiếp công dân"
            recipient = "Người được thông báo (giao trực tiếp)"
        else:
            addressee = f"Ông/Bà {citizen.full_name}"
            if citizen.address:
                addressee += f" (địa chỉ: {citizen.address})"
            recipient = f"Ông/Bà {citizen.full_name}"
        visit = _next_visit(
            actor=actor,
            commune=commune,
            visited_at=visited_at,
            reception_type=reception_type,
            mode=mode,
            session=session,
            citizen=citizen,
            group_size=group_size,
            is_delegation=group_size >= DELEGATION_THRESHOLD,
            content=_scrub(content.strip(), identity if is_denunciation else None)
            or _("Refused before the matter was presented."),
            kind=kind,
            outcome=Outcome.REFUSED,
            refusal_ground=ground,
            refusal_note=_scrub(note.strip(), identity if is_denunciation else None),
            host=host,
        )
        notice: OutgoingDocument = document_create_draft(
            actor=actor,
            commune=commune,
            doc_type="TB",
            title=notices.REFUSAL_NOTICE_TITLE,
            body=notices.refusal_body(commune, visit, addressee, ground, visit.refusal_note),
            recipients=[recipient, "Lưu: VT"],
            authority_lines=authority_lines,
            signer_name=signer_name,
            source_type=ReceptionVisit._meta.label_lower,
            source_id=str(visit.pk),
        )
        visit.notice = notice
        visit.save(update_fields=["notice"])
        audit.record(
            verb="reception.visit_refused",
            actor=actor,
            commune=commune,
            obj=visit,
            after={
                "number": visit.number_display,
                "ground": ground,
                "notice": notice.pk,
                "kind": kind,
            },
        )
    return visit
