"""The staff API for petitions (/api/v1/petitions…): the same cases, filters, permissions and
steps as the petition pages, for other systems (personal access token) and the browser (session).

Scoping is exactly the web UI's: the commune being worked in (or `?commune=CODE` among the
communes the user may see), `petitions.selectors.visible_petitions` within it, and the same named
permission for each step. A case the user may not see answers 404, like one that does not exist."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as Answer
from pydantic import AfterValidator

from danvan.accounts.models import User
from danvan.accounts.permissions import Perm, has_perm
from danvan.accounts.selectors import current_commune, visible_communes
from danvan.core.models import Commune, Unit, UnitKind
from danvan.documents.models import OutgoingDocument
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.selectors import get_petition, petition_list
from danvan.petitions.states import Kind, Status, can_move, is_open

from .auth import STAFF_AUTH
from .errors import ERROR_LANGUAGE, ApiError, invalid
from .inputs import MAX_ID, clean_text

router = Router(tags=["petitions"], auth=STAFF_AUTH)

PAGE_SIZE_DEFAULT = 25
PAGE_SIZE_MAX = 100
PAGE_MAX = 100_000
ANSWERABLE = frozenset({Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.INFO_REQUEST})

Text = Annotated[str, AfterValidator(clean_text)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


# --- schemas -------------------------------------------------------------------------------------
class Ref(Schema):
    id: int
    name: str


class DocumentRef(Schema):
    id: int
    number_symbol: str
    title: str
    issued_on: dt.date | None


class PetitionItem(Schema):
    id: int
    case_number: str
    tracking_code: str
    kind: str
    kind_display: str
    status: str
    status_display: str
    is_open: bool
    channel: str
    field: str
    received_on: dt.date
    due_on: dt.date | None
    summary: str
    petitioner: str
    village: Ref | None
    assigned_unit: Ref | None
    assigned_officer: Ref | None
    url: str


class EventOut(Schema):
    id: int
    at: dt.datetime
    verb: str
    status_after: str
    text: str
    is_public: bool
    actor: str | None
    document_id: int | None


class PetitionDetail(PetitionItem):
    content: str
    place: str
    latitude: float | None
    longitude: float | None
    closure: str
    closed_at: dt.datetime | None
    answer_text: str
    answer_document: DocumentRef | None
    is_public: bool
    is_hidden: bool
    external_client: str
    events: list[EventOut]
    actions: list[str] = Field(
        description="The steps this user may take on the case now, through this API."
    )


class PetitionPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[PetitionItem]


class ErrorItem(Schema):
    field: str | None
    code: str
    detail: str


class ErrorOut(Schema):
    code: str = Field(description="Stable machine-readable code: branch on this.")
    detail: str = Field(description="The message for people, in Vietnamese.")
    field: str | None = Field(description="The field at fault, if any.")
    errors: list[ErrorItem]


class AssignIn(Schema):
    unit_id: Id | None = None
    officer_id: Id | None = None


class NoteIn(Schema):
    text: Annotated[Text, Field(max_length=10_000)]
    public: bool = Field(False, description="Visible to the citizen on the tracking page.")


class AnswerIn(Schema):
    text: Annotated[Text, Field(max_length=50_000)]
    document_id: Id = Field(
        description="An issued document (công văn trả lời) drafted from this petition."
    )


ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409), ErrorOut)


# --- helpers -------------------------------------------------------------------------------------
def _ref(obj: Any) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": str(obj)} if obj is not None else None


def _item(petition: Petition) -> dict[str, Any]:
    return {
        "id": petition.pk,
        "case_number": petition.case_number,
        "tracking_code": petition.tracking_code,
        "kind": petition.kind,
        "kind_display": petition.get_kind_display(),
        "status": petition.status,
        "status_display": petition.get_status_display(),
        "is_open": is_open(petition.status),
        "channel": petition.channel,
        "field": petition.field,
        "received_on": petition.received_on,
        "due_on": petition.due_on,
        "summary": petition.summary,
        "petitioner": petition.petitioner_display,
        "village": _ref(petition.village),
        "assigned_unit": _ref(petition.assigned_unit),
        "assigned_officer": _ref(petition.assigned_officer),
        "url": reverse("petitions:detail", args=[petition.pk]),
    }


def _actions(user: Any, petition: Petition) -> list[str]:
    commune = petition.commune
    found = []
    if has_perm(user, Perm.PETITION_PROCESS, commune):
        found.append("assign")
    if has_perm(user, Perm.PETITION_HANDLE, commune):
        found.append("note")
    if has_perm(user, Perm.PETITION_PROCESS, commune) and can_move(
        petition.kind, petition.status, Status.IN_PROGRESS
    ):
        found.append("start_handling")
    if (
        has_perm(user, Perm.PETITION_HANDLE, commune)
        and petition.kind in ANSWERABLE
        and can_move(petition.kind, petition.status, Status.ANSWERED)
    ):
        found.append("answer")
    return found


def _event(event: PetitionEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "at": event.at,
        "verb": event.verb,
        "status_after": event.status_after,
        "text": event.text,
        "is_public": event.is_public,
        "actor": event.actor.display_name if event.actor else None,
        "document_id": event.document_id,
    }


def _detail(user: Any, petition: Petition) -> dict[str, Any]:
    document = petition.answer_document
    return {
        **_item(petition),
        "content": petition.content,
        "place": petition.place,
        "latitude": float(petition.latitude) if petition.latitude is not None else None,
        "longitude": float(petition.longitude) if petition.longitude is not None else None,
        "closure": petition.closure,
        "closed_at": petition.closed_at,
        "answer_text": petition.answer_text,
        "answer_document": {
            "id": document.pk,
            "number_symbol": document.number_symbol,
            "title": document.title,
            "issued_on": document.issued_on,
        }
        if document is not None
        else None,
        "is_public": petition.is_public,
        "is_hidden": petition.is_hidden,
        "external_client": petition.external_client,
        "events": [_event(e) for e in petition.events.select_related("actor")],
        "actions": _actions(user, petition),
    }


def _commune(request: HttpRequest, code: str, perm: Perm) -> Commune:
    """The commune being worked in, or the one named by `code` among those the user may see;
    then the named permission there."""
    user = request.user
    code = clean_text(code)
    if code:
        visible = visible_communes(user)
        commune = visible.filter(code__iexact=code).first() if len(code) <= 20 else None
        if commune is None:
            raise ApiError(
                404,
                "commune_not_found",
                _("No commune with the code “%(value)s” is visible to you."),
                field="commune",
                params={"value": code[:20]},
            )
    else:
        commune = current_commune(request)
        if commune is None:
            raise ApiError(403, "forbidden", _("Your account has no role in any commune."))
    if not has_perm(user, perm, commune):
        raise ApiError(403, "forbidden", _("You do not have permission to do this."))
    return commune


def _petition(request: HttpRequest, commune: Commune, petition_id: int) -> Petition:
    try:
        return get_petition(request.user, commune, petition_id)
    except Http404:
        raise ApiError(
            404, "not_found", _("This petition does not exist, or you may not see it.")
        ) from None


def _not_now(petition: Petition) -> ApiError:
    return ApiError(
        409,
        "not_possible_now",
        _("This step is not possible for the case in its current state (%(status)s)."),
        params={"status": Status(petition.status).label},
    )


CommuneParam = Annotated[
    str,
    Query(description="Code of another commune you may see; default: the current commune."),
]
PetitionId = Annotated[int, Path(ge=1, le=MAX_ID)]


# --- endpoints -----------------------------------------------------------------------------------
@router.get("/petitions", response={200: PetitionPage, **ERRORS}, summary="List petitions")
def list_petitions(
    request: HttpRequest,
    kind: Annotated[str, Query(description=f"One of: {', '.join(Kind.values)}.")] = "",
    status: Annotated[
        str, Query(description=f"“open”, or one of: {', '.join(Status.values)}.")
    ] = "",
    q: Annotated[str, Query(max_length=200, description="Search, diacritics optional.")] = "",
    page: Annotated[int, Query(ge=1, le=PAGE_MAX)] = 1,
    page_size: Annotated[int, Query(ge=1, le=PAGE_SIZE_MAX)] = PAGE_SIZE_DEFAULT,
    commune: CommuneParam = "",
) -> dict[str, Any]:
    """The petitions the user may see in the commune, filtered like the petition list page and
    ordered by due date (earliest first), or by relevance when searching."""
    where = _commune(request, commune, Perm.PETITION_VIEW)
    kind, status = clean_text(kind), clean_text(status)
    if kind and kind not in Kind.values:
        raise invalid("kind", _("Unknown kind “%(value)s”."), params={"value": kind[:40]})
    if status and status != "open" and status not in Status.values:
        raise invalid("status", _("Unknown status “%(value)s”."), params={"value": status[:40]})
    qs: QuerySet[Petition] = petition_list(
        request.user, where, q=clean_text(q), kind=kind, status=status
    )
    count = qs.count()
    start = (page - 1) * page_size
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": math.ceil(count / page_size),
        "results": [_item(p) for p in qs[start : start + page_size]],
    }


@router.get(
    "/petitions/{petition_id}", response={200: PetitionDetail, **ERRORS}, summary="Read a petition"
)
def read_petition(
    request: HttpRequest, petition_id: PetitionId, commune: CommuneParam = ""
) -> dict[str, Any]:
    """One petition with its timeline and the steps the user may take now. The identity of a
    denouncer is never part of it (only the petition pages reveal it, audited, to the cleared)."""
    where = _commune(request, commune, Perm.PETITION_VIEW)
    return _detail(request.user, _petition(request, where, petition_id))


@router.post(
    "/petitions/{petition_id}/assign",
    response={200: PetitionDetail, **ERRORS},
    summary="Assign to a unit and/or an officer",
)
def assign(
    request: HttpRequest, petition_id: PetitionId, payload: AssignIn, commune: CommuneParam = ""
) -> dict[str, Any]:
    """Assign the case (permission: petition_process), like the assignment form: a unit of the
    commune (not a village) and/or an officer who works in a unit of the commune."""
    where = _commune(request, commune, Perm.PETITION_PROCESS)
    petition = _petition(request, where, petition_id)
    if payload.unit_id is None and payload.officer_id is None:
        raise invalid("unit_id", _("Give unit_id, officer_id or both."), code="required")
    unit = officer = None
    if payload.unit_id is not None:
        unit = (
            Unit.objects.filter(commune=where, is_active=True, pk=payload.unit_id)
            .exclude(kind=UnitKind.VILLAGE)
            .first()
        )
        if unit is None:
            raise invalid("unit_id", _("No such unit in this commune."), code="not_found")
    if payload.officer_id is not None:
        officer = (
            User.objects.filter(
                pk=payload.officer_id,
                memberships__commune=where,
                memberships__is_active=True,
                memberships__unit__isnull=False,
            )
            .distinct()
            .first()
        )
        if officer is None:
            raise invalid("officer_id", _("No such officer in this commune."), code="not_found")
    with translation.override(ERROR_LANGUAGE):
        petition_services.petition_assign(
            actor=request.user, petition=petition, unit=unit, officer=officer
        )
    petition.refresh_from_db()
    return _detail(request.user, petition)


@router.post(
    "/petitions/{petition_id}/notes",
    response={201: EventOut, **ERRORS},
    summary="Add a note",
)
def add_note(
    request: HttpRequest, petition_id: PetitionId, payload: NoteIn, commune: CommuneParam = ""
) -> Answer:
    """An internal note, or with `public: true` a progress note the citizen sees (permission:
    petition_handle)."""
    where = _commune(request, commune, Perm.PETITION_HANDLE)
    petition = _petition(request, where, petition_id)
    if not payload.text:
        raise invalid("text", _("The note is empty."), code="required")
    with translation.override(ERROR_LANGUAGE):
        event = petition_services.petition_note(
            actor=request.user, petition=petition, text=payload.text, public=payload.public
        )
    return Answer(201, _event(event))


@router.post(
    "/petitions/{petition_id}/start-handling",
    response={200: PetitionDetail, **ERRORS},
    summary="Start handling",
)
def start_handling(
    request: HttpRequest, petition_id: PetitionId, commune: CommuneParam = ""
) -> dict[str, Any]:
    """Take the case into handling (permission: petition_process), where its status allows it."""
    where = _commune(request, commune, Perm.PETITION_PROCESS)
    petition = _petition(request, where, petition_id)
    if not can_move(petition.kind, petition.status, Status.IN_PROGRESS):
        raise _not_now(petition)
    with translation.override(ERROR_LANGUAGE):
        petition_services.petition_start_handling(actor=request.user, petition=petition)
    petition.refresh_from_db()
    return _detail(request.user, petition)


@router.post(
    "/petitions/{petition_id}/answer",
    response={200: PetitionDetail, **ERRORS},
    summary="Answer (recommendation, feedback, information request)",
)
def answer(
    request: HttpRequest, petition_id: PetitionId, payload: AnswerIn, commune: CommuneParam = ""
) -> dict[str, Any]:
    """Record the answer with its evidence, the issued reply document (permission:
    petition_handle). Complaints and denunciations end with a decision, on the petition page."""
    where = _commune(request, commune, Perm.PETITION_HANDLE)
    petition = _petition(request, where, petition_id)
    if petition.kind not in ANSWERABLE or not can_move(
        petition.kind, petition.status, Status.ANSWERED
    ):
        raise _not_now(petition)
    if not payload.text:
        raise invalid("text", _("Write the answer."), code="required")
    document = OutgoingDocument.objects.filter(
        pk=payload.document_id, source_type="petitions.petition", source_id=str(petition.pk)
    ).first()
    if document is None:
        raise invalid(
            "document_id",
            _("No document drafted from this petition has this id."),
            code="not_found",
        )
    if document.status != "issued":
        raise invalid(
            "document_id", _("The document is not issued yet."), code="document_not_issued"
        )
    with translation.override(ERROR_LANGUAGE):
        petition_services.petition_answer(
            actor=request.user, petition=petition, text=payload.text, document=document
        )
    petition.refresh_from_db()
    return _detail(request.user, petition)
