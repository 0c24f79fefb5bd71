"""Every write to petitions: intake, classification, the legal lifecycle of each kind, closure.

Rules: DOMAIN §1 (Thông tư 05/2021/TT-TTCP), §2 (Luật Khiếu nại), §3 (Luật Tố cáo), §5, §6
(Luật Tiếp cận thông tin). Each service checks the move against states.TRANSITIONS, writes a
timeline event and an audit event, and keeps the legal clocks (core.Deadline) in step."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core import services as core_services
from danvan.core.models import Commune, Deadline, DeadlineRule, Unit
from danvan.core.numbering import next_number
from danvan.core.text import fold
from danvan.documents.models import OutgoingDocument

from .citizen_messages import message_citizen
from .identity import identity_store, redact
from .models import Attachment, Channel, Citizen, Flag, Petition, PetitionEvent
from .rules import (
    EXTENSION_CAPS,
    INFO_REQUEST_RULE,
    PROCESSING_RULE,
    max_representatives,
    resolution_rule,
)
from .states import Closure, Kind, Status, can_move, historical_target

SUBJECT = "petitions.petition"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_UPLOADS = {
    "application/pdf": (b"%PDF",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
}
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# --- helpers -------------------------------------------------------------------------------------
def _event(
    petition: Petition,
    actor: Any,
    verb: str,
    text: str = "",
    *,
    public: bool = False,
    document: OutgoingDocument | None = None,
) -> PetitionEvent:
    return PetitionEvent.objects.create(
        petition=petition,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        status_after=petition.status,
        text=text,
        is_public=public,
        document=document,
    )


def _move(
    petition: Petition,
    target: str,
    *,
    actor: Any,
    verb: str,
    text: str = "",
    public: bool = True,
    closure: str = "",
    document: OutgoingDocument | None = None,
    resuming: bool = False,
) -> None:
    """The one place a status changes: guard, save, timeline, audit.

    A suspended case leaves its suspension only by being resumed (its clock restarts with the
    days it had left) or closed: no other step may skip the stopped clock."""
    if petition.status == Status.SUSPENDED and not resuming and target != Status.CLOSED:
        raise ValidationError(_("The case is suspended: resume it first."))
    if not can_move(petition.kind, petition.status, target):
        raise ValidationError(
            _("A %(kind)s cannot go from “%(current)s” to “%(target)s”.")
            % {
                "kind": petition.get_kind_display().lower(),
                "current": Status(petition.status).label,
                "target": Status(target).label,
            }
        )
    before = petition.status
    petition.status = target
    if closure:
        petition.closure = closure
    if target == Status.CLOSED or target in (
        Status.GUIDED,
        Status.TRANSFERRED,
        Status.NOT_ACCEPTED,
        Status.FILED,
        Status.MERGED,
    ):
        petition.closed_at = timezone.now()
    petition.save()
    _event(petition, actor, verb, text, public=public, document=document)
    if public and not petition.is_anonymous_route:
        message_citizen(petition, verb)
    audit.record(
        verb=f"petition.{verb}",
        actor=actor,
        commune=petition.commune,
        obj=petition,
        before={"status": before},
        after={"status": target, "closure": closure},
        reason=text[:500],
    )


def _clocks(petition: Petition) -> list[Deadline]:
    return list(
        Deadline.objects.filter(subject_type=SUBJECT, subject_id=str(petition.pk), is_open=True)
        .select_related("rule", "commune")
        .order_by("due_on")
    )


def _start_clock(
    petition: Petition, rule_code: str, started_on: dt.date, actor: Any, label: str
) -> Deadline:
    rule = DeadlineRule.objects.get(code=rule_code)
    return core_services.deadline_start(
        actor=actor,
        commune=petition.commune,
        subject_type=SUBJECT,
        subject_id=str(petition.pk),
        label=f"{petition.case_number}: {label}",
        started_on=started_on,
        rule=rule,
    )


def _close_clocks(petition: Petition, actor: Any, *, keep: str | None = None) -> None:
    for clock in _clocks(petition):
        if keep is None or not clock.rule or clock.rule.code != keep:
            core_services.deadline_close(actor=actor, deadline=clock)


def _refresh_due(petition: Petition) -> None:
    clocks = _clocks(petition)
    petition.due_on = min((c.due_on for c in clocks), default=None)
    petition.save(update_fields=["due_on", "updated_at"])


def petition_refresh_due(subject_id: str) -> None:
    """Called by core after a calendar change moved one of this petition's clocks."""
    petition = Petition.objects.filter(pk=int(subject_id)).first()
    if petition is not None:
        _refresh_due(petition)


def resolution_clock(petition: Petition) -> Deadline | None:
    """The clock of the resolution step (not the processing or notice clocks)."""
    code = resolution_rule(petition.kind, petition.flags)
    for clock in _clocks(petition):
        if clock.rule and clock.rule.code in (code, *INFO_REQUEST_RULE.values()):
            return clock
    return None


def _today() -> dt.date:
    return timezone.localdate()


def _check_date(value: dt.date, label: str) -> None:
    if value > _today():
        raise ValidationError(_("%(label)s cannot be in the future.") % {"label": label})
    if value.year < 2000:
        raise ValidationError(_("%(label)s is too far in the past.") % {"label": label})


def validate_upload(upload: UploadedFile) -> str:
    """Type by content (not by name) and size; returns the content type."""
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)d MB.")
            % {"name": upload.name, "mb": MAX_UPLOAD_BYTES // 2**20}
        )
    head = upload.read(8)
    upload.seek(0)
    for content_type, magics in ALLOWED_UPLOADS.items():
        if any(head.startswith(m) for m in magics):
            if content_type.endswith("wordprocessingml.document") and not _is_word_document(upload):
                break
            return content_type
    raise ValidationError(
        _("“%(name)s” is not a PDF, JPEG, PNG or DOCX file.") % {"name": upload.name}
    )


def _is_word_document(upload: UploadedFile) -> bool:
    """A .docx is a ZIP holding a Word document, not any ZIP (which could carry a program)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "word/document.xml" in names and "[Content_Types].xml" in names


def _attach(petition: Petition, upload: UploadedFile, actor: Any, purpose: str) -> Attachment:
    content_type = validate_upload(upload)
    attachment = Attachment(
        petition=petition,
        purpose=purpose,
        original_name=(upload.name or "file")[:255],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    return attachment


# --- citizens -----------------------------------------------------------------------------------
def citizen_get_or_create(
    *,
    commune: Commune,
    full_name: str,
    phone: str = "",
    id_number: str = "",
    address: str = "",
    email: str = "",
) -> Citizen:
    """Find a returning citizen by ID number, else by phone and name; otherwise record them."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError(_("The citizen's full name is required."))
    existing = None
    if id_number.strip():
        existing = Citizen.objects.filter(commune=commune, id_number=id_number.strip()).first()
    if existing is None and phone.strip():
        existing = Citizen.objects.filter(
            commune=commune, phone=phone.strip(), name_folded=fold(full_name)
        ).first()
    if existing is not None:
        changed = False
        for field, value in (
            ("address", address),
            ("email", email),
            ("phone", phone),
            ("id_number", id_number),
        ):
            if value.strip() and not getattr(existing, field):
                setattr(existing, field, value.strip())
                changed = True
        if changed:
            existing.save()
        return existing
    return Citizen.objects.create(
        commune=commune,
        full_name=full_name,
        name_folded=fold(full_name),
        phone=phone.strip(),
        id_number=id_number.strip(),
        address=address.strip(),
        email=email.strip(),
    )


# --- intake ---------------------------------------------------------------------------------------
def petition_register(
    *,
    actor: Any,
    commune: Commune,
    kind: str,
    channel: str,
    received_on: dt.date,
    summary: str,
    content: str,
    citizen: Citizen | None = None,
    denouncer: dict[str, str] | None = None,
    is_group: bool = False,
    group_size: int = 1,
    representatives: list[str] | None = None,
    village: Unit | None = None,
    place: str = "",
    field: str = "other",
    forwarded_by: str = "",
    forwarded_reference: str = "",
    previous_handling: str = "",
    flags: list[str] | None = None,
    attachments: list[UploadedFile] | None = None,
    notify: bool = True,
    start_clocks: bool = True,
) -> Petition:
    """Register a petition (vào sổ) and start its processing clock (TT 05/2021; Luật TC Art 24).

    `notify=False` registers without telling the citizen (importing historical records).
    `start_clocks=False` starts no legal clock: a historical record the old register shows as
    finished, closed next by `petition_close_historical`.

    A denouncer's identity goes to the encrypted store, never onto the case. Anonymous
    information is registered without a sender. Errors: ValidationError with a message."""
    flags = list(flags or [])
    if kind not in Kind.values:
        raise ValidationError(_("Choose the kind of petition."))
    if channel not in Channel.values:
        raise ValidationError(_("Choose how the petition arrived."))
    _check_date(received_on, _("The date of receipt"))
    if not summary.strip() or not content.strip():
        raise ValidationError(_("Write the summary and the content of the petition."))
    if village is not None and (village.commune_id != commune.pk or village.kind != "village"):
        raise ValidationError(_("Choose a village of this commune."))
    anonymous = Flag.ANONYMOUS in flags
    if kind == Kind.DENUNCIATION:
        citizen = None
        if not anonymous and not (denouncer and denouncer.get("name", "").strip()):
            raise ValidationError(
                _("Enter the denouncer's name, or mark the information as anonymous.")
            )
    elif citizen is None and not anonymous:
        raise ValidationError(_("Enter the citizen, or mark the petition as anonymous."))
    representatives = [r.strip() for r in representatives or [] if r.strip()]
    if is_group:
        if group_size < 2:
            raise ValidationError(_("A petition signed by many people has at least 2 signatories."))
        if kind == Kind.COMPLAINT and group_size >= 5 and not representatives:
            raise ValidationError(
                _(
                    "A complaint by 5 or more people needs its representatives (Luật Khiếu nại Art 8(4))."
                )
            )
        if len(representatives) > max_representatives(group_size):
            raise ValidationError(
                _("%(n)d people may appoint at most %(max)d representatives.")
                % {"n": group_size, "max": max_representatives(group_size)}
            )
    else:
        group_size = 1
    for upload in attachments or []:
        validate_upload(upload)

    with transaction.atomic():
        sequence = next_number(commune, "petition", received_on.year)
        secret = secrets.token_hex(4).upper()
        petition = Petition.objects.create(
            commune=commune,
            year=received_on.year,
            sequence=sequence,
            case_number=f"{sequence:05d}/{received_on.year}",
            tracking_code="".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10)),
            tracking_secret_hash=hashlib.sha256(secret.encode()).hexdigest(),
            kind=kind,
            channel=channel,
            received_on=received_on,
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
            summary=summary.strip()[:300],
            content=content.strip(),
            place=place.strip(),
            village=village,
            citizen=citizen,
            is_group=is_group,
            group_size=group_size,
            representatives=representatives,
            field=field,
            forwarded_by=forwarded_by.strip(),
            forwarded_reference=forwarded_reference.strip(),
            previous_handling=previous_handling.strip(),
            flags=flags,
        )
        petition.search_folded = _search_text(petition)
        petition.save(update_fields=["search_folded"])
        if kind == Kind.DENUNCIATION and denouncer and denouncer.get("name", "").strip():
            identity_store(petition=petition, data=denouncer)
        for upload in attachments or []:
            _attach(petition, upload, actor, Attachment.Purpose.EVIDENCE)
        if start_clocks and kind == Kind.INFO_REQUEST:
            rule = INFO_REQUEST_RULE.get(channel, "TTTT-1")
            _start_clock(petition, rule, received_on, actor, _("provide the information"))
        elif start_clocks:
            _start_clock(
                petition, PROCESSING_RULE[kind], received_on, actor, _("process the petition")
            )
        if (
            start_clocks
            and channel in (Channel.DEPUTY, Channel.PRESS, Channel.AGENCY)
            and kind == Kind.DENUNCIATION
        ):
            _start_clock(petition, "TC-8", received_on, actor, _("notify the forwarding body"))
        _refresh_due(petition)
        _event(petition, actor, "registered", _("Received and registered."), public=True)
        if notify:
            message_citizen(petition, "received")
        audit.record(
            verb="petition.registered",
            actor=actor,
            commune=commune,
            obj=petition,
            after={
                "kind": kind,
                "channel": channel,
                "received_on": received_on,
                "case_number": petition.case_number,
            },
        )
    petition.tracking_secret = secret  # type: ignore[attr-defined]  # shown once, on the receipt
    return petition


def _search_text(petition: Petition) -> str:
    """What search matches, folded. Never the denouncer's identity (it is not on the case)."""
    parts = [
        petition.case_number,
        petition.tracking_code,
        petition.summary,
        petition.content,
        petition.place,
    ]
    if petition.kind != Kind.DENUNCIATION and petition.citizen:
        parts += [petition.citizen.full_name, petition.citizen.phone]
    return fold(" ".join(p for p in parts if p))


def petition_merge_submission(
    *,
    actor: Any,
    target: Petition,
    content: str,
    received_on: dt.date,
    attachments: list[UploadedFile] | None = None,
) -> Petition:
    """A duplicate of an open case: attach it to that case, no new case number (TT 05/2021)."""
    if target.status in (
        Status.CLOSED,
        Status.FILED,
        Status.MERGED,
        Status.GUIDED,
        Status.TRANSFERRED,
        Status.NOT_ACCEPTED,
    ):
        raise ValidationError(_("Only an open case can receive a duplicate submission."))
    _check_date(received_on, _("The date of receipt"))
    for upload in attachments or []:
        validate_upload(upload)
    with transaction.atomic():
        for upload in attachments or []:
            _attach(target, upload, actor, Attachment.Purpose.EVIDENCE)
        _event(
            target,
            actor,
            "duplicate_attached",
            _("A new submission of the same matter received on %(day)s was attached to this case.")
            % {"day": received_on.strftime("%d/%m/%Y")}
            + "\n"
            + content.strip(),
            public=True,
        )
        audit.record(
            verb="petition.duplicate_attached", actor=actor, commune=target.commune, obj=target
        )
    return target


def petition_classify(
    *,
    actor: Any,
    petition: Petition,
    field: str | None = None,
    is_eligible: bool | None = None,
    jurisdiction: str | None = None,
    complaint_stage: str | None = None,
    flags: list[str] | None = None,
) -> Petition:
    """Record the classification dimensions (DOMAIN §1.3)."""
    if petition.status != Status.REGISTERED:
        raise ValidationError(_("Only a petition being processed can be reclassified."))
    before = {
        "field": petition.field,
        "is_eligible": petition.is_eligible,
        "jurisdiction": petition.jurisdiction,
    }
    with transaction.atomic():
        if field is not None:
            petition.field = field
        if is_eligible is not None:
            petition.is_eligible = is_eligible
        if jurisdiction is not None:
            petition.jurisdiction = jurisdiction
        if complaint_stage is not None:
            petition.complaint_stage = complaint_stage
        if flags is not None:
            petition.flags = flags
        petition.save()
        _event(petition, actor, "classified", "")
        audit.record(
            verb="petition.classified",
            actor=actor,
            commune=petition.commune,
            obj=petition,
            before=before,
            after={
                "field": petition.field,
                "is_eligible": petition.is_eligible,
                "jurisdiction": petition.jurisdiction,
                "flags": petition.flags,
            },
        )
    return petition


def petition_assign(
    *, actor: Any, petition: Petition, unit: Unit | None, officer: Any = None
) -> Petition:
    if unit is not None and unit.commune_id != petition.commune_id:
        raise ValidationError(_("The unit does not belong to this commune."))
    if (
        officer is not None
        and unit is not None
        and not officer.memberships.filter(unit=unit, is_active=True).exists()
    ):
        raise ValidationError(_("The officer does not work in that unit."))
    with transaction.atomic():
        petition.assigned_unit = unit
        petition.assigned_officer = officer
        petition.save(update_fields=["assigned_unit", "assigned_officer", "updated_at"])
        who = ", ".join(str(x) for x in (unit, officer) if x)
        _event(petition, actor, "assigned", _("Assigned to %(who)s.") % {"who": who})
        audit.record(
            verb="petition.assigned",
            actor=actor,
            commune=petition.commune,
            obj=petition,
            after={"unit": unit.pk if unit else None, "officer": officer.pk if officer else None},
        )
    return petition


def petition_note(
    *, actor: Any, petition: Petition, text: str, public: bool = False
) -> PetitionEvent:
    """An internal note (never shown to the citizen) or, explicitly, a public progress note."""
    if not text.strip():
        raise ValidationError(_("The note is empty."))
    if public:  # the citizen and the public timeline never learn who denounced
        text = redact(text, petition)
    with transaction.atomic():
        event = _event(petition, actor, "note", text.strip(), public=public)
        audit.record(
            verb="petition.note_added", actor=actor, commune=petition.commune, obj=petition
        )
    return event


def petition_attach(
    *, actor: Any, petition: Petition, upload: UploadedFile, purpose: str
) -> Attachment:
    with transaction.atomic():
        attachment = _attach(petition, upload, actor, purpose)
        _event(petition, actor, "attached", attachment.original_name)
        audit.record(
            verb="petition.attached",
            actor=actor,
            commune=petition.commune,
            obj=petition,
            after={"file": attachment.original_name, "purpose": purpose},
        )
    return attachment


# --- processing outcomes (hướng xử lý, DOMAIN §1.5) -----------------------------------------------
def petition_accept(
    *,
    actor: Any,
    petition: Petition,
    on: dt.date | None = None,
    document: OutgoingDocument | None = None,
) -> Petition:
    """Accept (thụ lý) a complaint (Luật KN Art 27) or denunciation (Luật TC Art 29): the
    processing clock stops and the resolution clock starts from the day of acceptance."""
    on = on or _today()
    _check_date(on, _("The date of acceptance"))
    if on < petition.received_on:
        raise ValidationError(_("A petition cannot be accepted before it was received."))
    with transaction.atomic():
        _move(
            petition,
            Status.ACCEPTED,
            actor=actor,
            verb="accepted",
            text=_("Accepted for resolution."),
            document=document,
        )
        _close_clocks(petition, actor, keep="TC-8")
        _start_clock(
            petition, resolution_rule(petition.kind, petition.flags), on, actor, _("resolve")
        )
        if petition.kind == Kind.DENUNCIATION:
            _start_clock(petition, "TC-3", on, actor, _("notify acceptance"))
        _refresh_due(petition)
    return petition


def petition_start_handling(
    *, actor: Any, petition: Petition, on: dt.date | None = None
) -> Petition:
    """Take a recommendation, feedback or information request into handling."""
    on = on or _today()
    with transaction.atomic():
        _move(
            petition,
            Status.IN_PROGRESS,
            actor=actor,
            verb="handling_started",
            text=_("Being considered by the competent unit."),
        )
        if petition.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK):
            _close_clocks(petition, actor)
            _start_clock(petition, "PAKN-1", petition.received_on, actor, _("answer"))
        _refresh_due(petition)
    return petition


def _outcome(
    petition: Petition,
    target: str,
    *,
    actor: Any,
    verb: str,
    text: str,
    closure: str,
    transferred_to: str = "",
    legal_ground: str = "",
    public: bool = True,
    document: OutgoingDocument | None = None,
) -> Petition:
    with transaction.atomic():
        if transferred_to:
            petition.transferred_to = transferred_to.strip()
        if legal_ground:
            petition.legal_ground = legal_ground.strip()
        _move(
            petition,
            target,
            actor=actor,
            verb=verb,
            text=text,
            closure=closure,
            public=public,
            document=document,
        )
        _close_clocks(petition, actor, keep="TC-8")
        _refresh_due(petition)
    return petition


def petition_guide(
    *,
    actor: Any,
    petition: Petition,
    to: str,
    text: str = "",
    document: OutgoingDocument | None = None,
) -> Petition:
    """A complaint not within the commune's competence: guide the citizen, once (DOMAIN §1.5)."""
    if not to.strip():
        raise ValidationError(_("Name the body the citizen should turn to."))
    return _outcome(
        petition,
        Status.GUIDED,
        actor=actor,
        verb="guided",
        closure=Closure.GUIDED,
        text=text or _("Guided to %(to)s.") % {"to": to},
        transferred_to=to,
        document=document,
    )


def petition_transfer(
    *,
    actor: Any,
    petition: Petition,
    to: str,
    text: str = "",
    document: OutgoingDocument | None = None,
) -> Petition:
    """Transfer a denunciation, recommendation or request to the competent body (Luật TC Art 24(2):
    within 5 working days for a denunciation, and the denouncer is told)."""
    if not to.strip():
        raise ValidationError(_("Name the body the petition is transferred to."))
    return _outcome(
        petition,
        Status.TRANSFERRED,
        actor=actor,
        verb="transferred",
        closure=Closure.TRANSFERRED,
        text=text or _("Transferred to %(to)s.") % {"to": to},
        transferred_to=to,
        document=document,
    )


def petition_refuse(
    *, actor: Any, petition: Petition, legal_ground: str, document: OutgoingDocument | None = None
) -> Petition:
    """Not accepted (thông báo không thụ lý) or information refused (Luật TCTT Art 28): in
    writing, with the legal ground."""
    if not legal_ground.strip():
        raise ValidationError(_("State the legal ground for the refusal."))
    return _outcome(
        petition,
        Status.NOT_ACCEPTED,
        actor=actor,
        verb="refused",
        closure=Closure.REFUSED,
        text=legal_ground,
        legal_ground=legal_ground,
        document=document,
    )


def petition_file(*, actor: Any, petition: Petition, reason: str) -> Petition:
    """Filed without action (lưu đơn): not eligible, anonymous without basis, already resolved."""
    if not reason.strip():
        raise ValidationError(_("State why the petition is filed without action."))
    return _outcome(
        petition,
        Status.FILED,
        actor=actor,
        verb="filed",
        closure=Closure.FILED,
        text=reason,
        public=False,
    )


def petition_route_anonymous(*, actor: Any, petition: Petition, note: str) -> Petition:
    """Anonymous or impersonated information with concrete evidence (Luật TC Art 25(2)): checked
    for management purposes; no notifications to any denouncer."""
    if petition.kind != Kind.DENUNCIATION:
        raise ValidationError(_("Only denunciation content can follow this route."))
    with transaction.atomic():
        petition.is_anonymous_route = True
        _move(
            petition,
            Status.MANAGEMENT_CHECK,
            actor=actor,
            verb="management_check",
            text=note,
            public=False,
        )
        _close_clocks(petition, actor)
        _refresh_due(petition)
    return petition


# --- resolution ---------------------------------------------------------------------------------
def petition_verify(*, actor: Any, petition: Petition, text: str) -> Petition:
    if not text.strip():
        raise ValidationError(_("Describe the verification assigned or carried out."))
    with transaction.atomic():
        _move(petition, Status.VERIFYING, actor=actor, verb="verifying", text=text, public=False)
    return petition


def petition_dialogue(*, actor: Any, petition: Petition, text: str) -> Petition:
    """Dialogue (Luật KN Art 30) when the request and the verification result differ."""
    if not text.strip():
        raise ValidationError(_("Record the time, place and participants of the dialogue."))
    with transaction.atomic():
        _move(petition, Status.DIALOGUE, actor=actor, verb="dialogue", text=text)
    return petition


def petition_suspend(*, actor: Any, petition: Petition, on: dt.date, reason: str) -> Petition:
    """Suspend the resolution (tạm đình chỉ): its clock stops and later resumes with the days it
    had left (DOMAIN §2.5, default)."""
    if not reason.strip():
        raise ValidationError(_("State the ground for the suspension."))
    clock = resolution_clock(petition)
    with transaction.atomic():
        petition.status_before_suspension = petition.status
        _move(petition, Status.SUSPENDED, actor=actor, verb="suspended", text=reason)
        if clock is not None:
            core_services.deadline_suspend(actor=actor, deadline=clock, on=on, reason=reason)
        _refresh_due(petition)
    return petition


def petition_resume(*, actor: Any, petition: Petition, on: dt.date) -> Petition:
    """Resume a suspended resolution: back to the step it was at, the clock moved by the working
    days it was stopped."""
    if petition.status != Status.SUSPENDED:
        raise ValidationError(_("Only a suspended case can be resumed."))
    clock = resolution_clock(petition)
    target = petition.status_before_suspension or Status.VERIFYING
    with transaction.atomic():
        if clock is not None and clock.suspended_on is not None:
            core_services.deadline_resume(actor=actor, deadline=clock, on=on)
        petition.status_before_suspension = ""
        _move(
            petition,
            target,
            actor=actor,
            verb="resumed",
            text=_("Resolution resumed."),
            resuming=True,
        )
        _refresh_due(petition)
    return petition


def petition_extend(
    *, actor: Any, petition: Petition, days: int, decided_on: dt.date, decision: str
) -> Petition:
    """Extend the resolution time by a written decision, within the legal cap of the kind."""
    cap = EXTENSION_CAPS.get(petition.kind)
    clock = resolution_clock(petition)
    if cap is None or clock is None:
        raise ValidationError(_("The time limit of this petition cannot be extended."))
    if petition.kind == Kind.COMPLAINT and Flag.COMPLEX in petition.flags:
        raise ValidationError(
            _("A complex complaint already has the longest time limit the law allows (%(basis)s).")
            % {"basis": cap.legal_basis}
        )
    if petition.status == Status.SUSPENDED:
        raise ValidationError(_("The case is suspended: resume it first."))
    done = sum(1 for a in clock.adjustments if a["type"] == "extension")
    if done >= cap.times:
        raise ValidationError(
            _("The law allows at most %(n)d extension(s) (%(basis)s).")
            % {"n": cap.times, "basis": cap.legal_basis}
        )
    if days < 1 or days > cap.days_each:
        raise ValidationError(
            _("An extension may not exceed %(days)d days (%(basis)s).")
            % {"days": cap.days_each, "basis": cap.legal_basis}
        )
    with transaction.atomic():
        core_services.deadline_extend(
            actor=actor, deadline=clock, days=days, decided_on=decided_on, decision=decision
        )
        _event(
            petition,
            actor,
            "extended",
            _("Time limit extended by %(days)d days (%(decision)s).")
            % {"days": days, "decision": decision},
            public=True,
        )
        _refresh_due(petition)
        message_citizen(petition, "extended")
    return petition


def petition_decide(
    *, actor: Any, petition: Petition, text: str, document: OutgoingDocument | None
) -> Petition:
    """The complaint decision (Luật KN Art 31) or the denunciation conclusion (Luật TC Art 35):
    it needs its text and the issued document."""
    if not text.strip():
        raise ValidationError(_("Write the content of the decision or conclusion."))
    if document is None or document.status != "issued":
        raise ValidationError(_("Attach the issued decision or conclusion document."))
    with transaction.atomic():
        petition.answer_text = text.strip()
        petition.answer_document = document
        _move(petition, Status.DECIDED, actor=actor, verb="decided", text=text, document=document)
        clock = resolution_clock(petition)
        if clock is not None:
            core_services.deadline_close(actor=actor, deadline=clock)
        if petition.kind == Kind.COMPLAINT:
            _start_clock(
                petition, "KN-4", document.issued_on or _today(), actor, _("send the decision")
            )
        _refresh_due(petition)
    return petition


def petition_answer(
    *,
    actor: Any,
    petition: Petition,
    text: str,
    document: OutgoingDocument | None = None,
    evidence: UploadedFile | None = None,
) -> Petition:
    """Answer a recommendation, feedback or information request: the answer text and its
    evidence (the issued reply document, or an uploaded file) are both required."""
    if not text.strip():
        raise ValidationError(_("Write the answer."))
    if (document is None or document.status != "issued") and evidence is None:
        raise ValidationError(
            _("An answer needs its evidence: the issued reply document or a file.")
        )
    with transaction.atomic():
        if evidence is not None:
            _attach(petition, evidence, actor, Attachment.Purpose.ANSWER)
        petition.answer_text = text.strip()
        petition.answer_document = document
        _move(petition, Status.ANSWERED, actor=actor, verb="answered", text=text, document=document)
        _close_clocks(petition, actor)
        _refresh_due(petition)
    return petition


def petition_close(
    *,
    actor: Any,
    petition: Petition,
    closure: str,
    text: str = "",
    legal_ground: str = "",
    transferred_to: str = "",
) -> Petition:
    """Honest closure: resolved (needs the answer and its evidence), refused with the legal
    ground, transferred to a named body, or closed unresolved with the reason."""
    if closure == Closure.RESOLVED:
        answers = petition.attachments.filter(purpose=Attachment.Purpose.ANSWER)
        reopened = petition.events.filter(verb="reopened").order_by("-at").first()
        if reopened is not None:  # evidence of an answer given before the reopening does not count
            answers = answers.filter(uploaded_at__gte=reopened.at)
        has_evidence = petition.answer_document_id is not None or answers.exists()
        if not petition.answer_text or not has_evidence:
            raise ValidationError(
                _("A case is resolved only with its answer and the evidence document.")
            )
    elif closure == Closure.REFUSED and not legal_ground.strip():
        raise ValidationError(_("State the legal ground for the refusal."))
    elif closure == Closure.TRANSFERRED and not transferred_to.strip():
        raise ValidationError(_("Name the body the case was transferred to."))
    elif closure in (Closure.UNRESOLVED, Closure.WITHDRAWN) and not text.strip():
        raise ValidationError(_("State why the case is closed."))
    elif closure not in (
        Closure.RESOLVED,
        Closure.REFUSED,
        Closure.TRANSFERRED,
        Closure.UNRESOLVED,
        Closure.WITHDRAWN,
    ):
        raise ValidationError(_("Choose how the case ends."))
    with transaction.atomic():
        if legal_ground:
            petition.legal_ground = legal_ground.strip()
        if transferred_to:
            petition.transferred_to = transferred_to.strip()
        _move(
            petition,
            Status.CLOSED,
            actor=actor,
            verb="closed",
            closure=closure,
            text=text or str(Closure(closure).label),
        )
        _close_clocks(petition, actor)
        _refresh_due(petition)
    return petition


# The timeline verb of each status a historical closure lands in: the verbs the statistics forms
# count (reports.forms_*), so an imported case counts like one finished in DânVận that day.
HISTORICAL_VERBS: dict[str, str] = {
    Status.CLOSED: "closed",
    Status.TRANSFERRED: "transferred",
    Status.GUIDED: "guided",
    Status.NOT_ACCEPTED: "refused",
    Status.FILED: "filed",
}


def petition_close_historical(
    *,
    actor: Any,
    petition: Petition,
    closure: str,
    closed_on: dt.date,
    register_text: str = "",
    transferred_to: str = "",
) -> Petition:
    """Close a just-imported case as the old petition register (sổ theo dõi đơn, TT 05/2021)
    shows it finished: on `closed_on`, with `closure`; `register_text` is what the register says.

    Rule (product decision for historical imports, see reports.importing): the register entry
    is the evidence of the closure, stated on the public timeline ("Kết thúc theo sổ theo dõi
    đơn cũ") and on the case (`is_historical_closure`). The register holds none of the steps in
    between, so the case goes from REGISTERED straight to the status its outcome implies, along
    the path states.HISTORICAL_OUTCOMES allows for its kind; a transferred or guided case names
    the body. `closed_at` and the public event are dated the start of `closed_on` in the
    commune's time zone, so the statistics forms, which count events (DOMAIN §14.4), count it
    finished in the period of that day; a second public event, dated now, says when DânVận
    learned it (and is the latest step lists and the Open311 feed show).

    Side effects: none outside the database. No message to the citizen (they were answered back
    then); no legal clock runs (any open one is closed). Errors: ValidationError."""
    if petition.status != Status.REGISTERED:
        raise ValidationError(
            _("Only a case nothing has been done to yet can be closed from the old register.")
        )
    target = historical_target(petition.kind, closure)
    if target is None:
        raise ValidationError(
            _("A %(kind)s cannot end as “%(closure)s”.")
            % {
                "kind": petition.get_kind_display().lower(),
                "closure": Closure(closure).label if closure in Closure.values else closure,
            }
        )
    _check_date(closed_on, _("The finishing date"))
    if closed_on < petition.received_on:
        raise ValidationError(_("A petition cannot be finished before it was received."))
    if closure in (Closure.TRANSFERRED, Closure.GUIDED) and not transferred_to.strip():
        raise ValidationError(_("Name the body the petition was transferred or guided to."))
    closed_at = dt.datetime.combine(closed_on, dt.time.min, tzinfo=timezone.get_default_timezone())
    outcome = str(Closure(closure).label)
    if transferred_to.strip():
        outcome += f" — {transferred_to.strip()}"
    text = _("Finished according to the old petition register on %(day)s: %(outcome)s.") % {
        "day": closed_on.strftime("%d/%m/%Y"),
        "outcome": outcome,
    }
    # The old register may name the denouncer: the public timeline and the audit log must not.
    register_text = redact(register_text, petition)
    if register_text.strip():
        text += "\n" + _("Result in the register: %(text)s") % {"text": register_text.strip()}
    with transaction.atomic():
        petition.status = target
        petition.closure = closure
        petition.closed_at = closed_at
        petition.is_historical_closure = True
        if transferred_to.strip():
            petition.transferred_to = transferred_to.strip()[:300]
        petition.save()
        event = _event(petition, actor, HISTORICAL_VERBS[target], text, public=True)
        # Dated when it happened (auto_now_add set it to now): the forms count it in that period.
        event.at = closed_at
        event.save(update_fields=["at"])
        _close_clocks(petition, actor)
        _refresh_due(petition)
        _event(
            petition,
            actor,
            "historical_recorded",
            _("Recorded in DânVận on %(day)s from the old petition register.")
            % {"day": _today().strftime("%d/%m/%Y")},
            public=True,
        )
        audit.record(
            verb="petition.closed_historical",
            actor=actor,
            commune=petition.commune,
            obj=petition,
            before={"status": Status.REGISTERED},
            after={"status": target, "closure": closure, "closed_on": closed_on},
            reason=register_text[:500],
        )
    return petition


def petition_withdraw(*, actor: Any, petition: Petition, text: str) -> Petition:
    """The complainant or denouncer withdrew in writing: terminated (Luật KN Art 10; Luật TC Art 33).
    For a denunciation with signs of violation, resolution continues: refuse the withdrawal by
    simply not recording it."""
    return petition_close(actor=actor, petition=petition, closure=Closure.WITHDRAWN, text=text)


def petition_reopen(*, actor: Any, petition: Petition, reason: str) -> Petition:
    """The citizen says the answer did not resolve the matter: back to handling."""
    if not reason.strip():
        raise ValidationError(_("State why the case is reopened."))
    with transaction.atomic():
        petition.closure = ""
        petition.closed_at = None
        petition.citizen_confirmed = False
        # The earlier answer did not resolve the matter: a new one is needed (the timeline keeps it).
        petition.answer_text = ""
        petition.answer_document = None
        _move(petition, Status.IN_PROGRESS, actor=actor, verb="reopened", text=reason)
        _start_clock(petition, "PAKN-1", _today(), actor, _("answer again"))
        _refresh_due(petition)
    return petition


# --- the public portal and external clients -----------------------------------------------------
PUBLIC_KINDS = frozenset(
    {Kind.FEEDBACK, Kind.RECOMMENDATION, Kind.COMPLAINT, Kind.INFO_REQUEST, Kind.DENUNCIATION}
)


def petition_submit_public(
    *,
    commune: Commune,
    kind: str,
    full_name: str,
    summary: str,
    content: str,
    email: str = "",
    phone: str = "",
    address: str = "",
    id_number: str = "",
    place: str = "",
    field: str = "other",
    latitude: Any = None,
    longitude: Any = None,
    allow_public: bool = False,
    attachments: list[UploadedFile] | None = None,
    ip: str | None = None,
    external_client: str = "",
) -> Petition:
    """A citizen submits online (portal or an Open311 client). The law asks a complaint for the
    complainant's name and address (Luật KN Art 8) and an information request for the requester's
    name, address and identity document (Luật TCTT Art 24); a way to reply is always needed."""
    if kind not in PUBLIC_KINDS:
        raise ValidationError(_("Choose what you are sending."))
    if not full_name.strip():
        raise ValidationError({"full_name": _("Your full name is required.")})
    if not email.strip() and not phone.strip():
        raise ValidationError(
            {"email": _("Give an e-mail address or a phone number so that the commune can reply.")}
        )
    if kind in (Kind.COMPLAINT, Kind.INFO_REQUEST, Kind.DENUNCIATION) and not address.strip():
        raise ValidationError({"address": _("Your address is required for this kind of petition.")})
    citizen = None
    denouncer = None
    if kind == Kind.DENUNCIATION:
        denouncer = {
            "name": full_name,
            "email": email,
            "phone": phone,
            "address": address,
            "id_number": id_number,
        }
    with transaction.atomic():
        if denouncer is None:
            citizen = citizen_get_or_create(
                commune=commune,
                full_name=full_name,
                phone=phone,
                email=email,
                address=address,
                id_number=id_number,
            )
        petition = petition_register(
            actor=None,
            commune=commune,
            kind=kind,
            channel=Channel.ONLINE,
            received_on=_today(),
            summary=summary,
            content=content,
            citizen=citizen,
            denouncer=denouncer,
            place=place,
            field=field,
            attachments=attachments,
        )
        petition.latitude = latitude
        petition.longitude = longitude
        petition.is_public = allow_public and kind != Kind.DENUNCIATION
        petition.submitted_ip = ip
        petition.external_client = external_client[:100]
        petition.save(
            update_fields=["latitude", "longitude", "is_public", "submitted_ip", "external_client"]
        )
    return petition


def petition_citizen_feedback(
    *, petition: Petition, resolved: bool, rating: int | None = None, comment: str = ""
) -> Petition:
    """The citizen confirms the answer resolved the matter, or says it did not (a recommendation
    or feedback is then reopened; other kinds are flagged for the leaders); and rates it 1–5."""
    if petition.status not in (Status.ANSWERED, Status.CLOSED, Status.DECIDED):
        raise ValidationError(_("There is no answer to confirm yet."))
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose from 1 to 5 stars.")})
    with transaction.atomic():
        petition.citizen_confirmed = resolved
        if rating is not None:
            petition.rating = rating
        petition.rating_comment = comment.strip()[:2000]
        petition.save(update_fields=["citizen_confirmed", "rating", "rating_comment", "updated_at"])
        text = (
            _("The citizen confirmed the answer resolved the matter.")
            if resolved
            else _("The citizen says the answer did not resolve the matter.")
        )
        if comment.strip():
            text += f" — {comment.strip()[:500]}"
        _event(petition, None, "citizen_feedback", text, public=True)
        audit.record(
            verb="petition.citizen_feedback",
            commune=petition.commune,
            obj=petition,
            after={"resolved": resolved, "rating": rating},
        )
        if (
            not resolved
            and can_move(petition.kind, petition.status, Status.IN_PROGRESS)
            and petition.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK)
        ):
            petition_reopen(actor=None, petition=petition, reason=comment or str(text))
    return petition


def petition_hide(*, actor: Any, petition: Petition, reason: str) -> Petition:
    """Hide an abusive online submission from every public page, with the reason (audited)."""
    if not reason.strip():
        raise ValidationError(_("State why the submission is hidden."))
    with transaction.atomic():
        petition.is_hidden = True
        petition.is_public = False
        petition.hidden_reason = reason.strip()
        petition.save(update_fields=["is_hidden", "is_public", "hidden_reason", "updated_at"])
        _event(petition, actor, "hidden", reason)
        audit.record(
            verb="petition.hidden",
            actor=actor,
            commune=petition.commune,
            obj=petition,
            reason=reason,
        )
    return petition


def tracking_secret_matches(petition: Petition, secret: str) -> bool:
    digest = hashlib.sha256(secret.strip().upper().encode()).hexdigest()
    return secrets.compare_digest(digest, petition.tracking_secret_hash)
