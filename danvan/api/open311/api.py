"""Open311 GeoReport v2 at /open311/v2/ (http://wiki.open311.org/GeoReport_v2), in JSON and XML.

What it publishes, and what it never does:
- services are the subject areas of petitions (see catalogue.py); service requests are the
  commune's feedback and recommendations, never a denunciation, a complaint or an information
  request, never a petition an official hid as abusive;
- a service request carries no name, phone number, e-mail address or ID number: the description
  is the petition's summary and the address the place concerned, both with the sender's known
  details and anything that looks like a phone, e-mail or ID number masked; the latest public step
  of the timeline is shown only when the citizen allowed publication (as on the citizens' site),
  otherwise the status in words;
- `service_request_id` is the petition's tracking code. Creation is synchronous, so POST requests
  answers the id at once; `tokens/{token}` answers the same code for clients that poll tokens.

Extensions, as other implementations do: `page`/`page_size` on GET requests (newest first, a stable
order; `Link` and `X-Total-Count` headers), `error_code` and `field` on errors, an optional
`jurisdiction_id` when only one commune is served or the API key belongs to one."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from danvan.core.models import Commune
from danvan.core.text import fold
from danvan.petitions.models import Petition
from danvan.petitions.states import TERMINAL, Status

from ..errors import ERROR_LANGUAGE, ApiError, from_exception, invalid, vietnamese
from ..inputs import clean_text, one_line
from ..models import ApiKey
from ..selectors import api_key_for, open311_requests
from ..services import open311_request_create
from . import catalogue
from .render import JSON, XML, error_response, format_of, respond

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-09-01T00:00:00+07:00"  # when this endpoint's behaviour last changed
WINDOW = dt.timedelta(days=90)
PAGE_SIZE_MAX = 1000  # the specification's default limit
PAGE_MAX = 100_000
IDS_MAX = 100
DESCRIPTION_MAX = 4000  # "free form text limited to 4,000 characters"
NAME_MAX = 100
FULL_NAME_MAX = 200
MASK = "***"
ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\[\]]{1,60})\](\[\])?$")
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+84|0)(?:[\s.-]?\d){8,10}(?!\d)")
ID_LIKE = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")

open311 = NinjaAPI(
    title="DânVận Open311 (GeoReport v2)",
    version="v2",
    description=(
        "Open311 GeoReport v2 of DânVận: citizens' feedback to the commune through third-party "
        "applications. Every endpoint answers JSON (`.json`) or XML (`.xml`). Reading needs no "
        "key; submitting needs an `api_key` issued by the commune's administrator. Service "
        "requests never carry personal data. Errors: a list of `code` (HTTP status), "
        "`description` (Vietnamese), `error_code` (stable) and `field`."
    ),
    urls_namespace="open311",
    auth=None,
)


@open311.exception_handler(Exception)
def _any_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return error_response(from_exception(exc), format_of(request))


# ninja registers handlers for these classes; the closest class in the MRO wins.
for _exc_class in (Http404, HttpError, NinjaValidationError):
    open311.add_exception_handler(_exc_class, _any_error)


# --- documentation schemas (the bodies are written by render.respond) -----------------------------
class ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class ValueOut(Schema):
    key: str
    name: str


class AttributeOut(Schema):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str | None
    order: int
    description: str
    values: list[ValueOut]


class ServiceDefinitionOut(Schema):
    service_code: str
    attributes: list[AttributeOut]


class RequestOut(Schema):
    service_request_id: str
    status: str
    status_notes: str | None
    service_name: str
    service_code: str
    description: str | None
    agency_responsible: str
    service_notice: str | None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None


class CreatedOut(Schema):
    service_request_id: str
    service_notice: str
    account_id: str | None


class TokenOut(Schema):
    service_request_id: str
    token: str


class ErrorOut(Schema):
    code: int
    description: str
    error_code: str
    field: str | None


class EndpointOut(Schema):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]


class DiscoveryOut(Schema):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[EndpointOut]


ERRORS: dict[int, Any] = dict.fromkeys((400, 403, 404), list[ErrorOut])


# --- parsing -------------------------------------------------------------------------------------
def _format(value: str) -> str:
    fmt = value.lower()
    if fmt not in (JSON, XML):
        raise ApiError(
            404, "format_not_supported", _("Only .json and .xml are served."), field="format"
        )
    return fmt


def _jurisdiction(value: str, api_key: ApiKey | None = None) -> Commune:
    """The commune named by jurisdiction_id (its code); without one, the API key's commune or
    the only commune served. Several communes and no way to choose: 400."""
    code = one_line(value)
    if code:
        commune = Commune.objects.filter(code__iexact=code).first() if len(code) <= 20 else None
        if commune is None:
            raise ApiError(
                404,
                "jurisdiction_not_found",
                _("There is no jurisdiction “%(value)s”."),
                field="jurisdiction_id",
                params={"value": code[:40]},
            )
        return commune
    if api_key is not None and api_key.commune is not None:
        return api_key.commune
    communes = list(Commune.objects.order_by("pk")[:2])
    if len(communes) == 1:
        return communes[0]
    if not communes:
        raise ApiError(404, "jurisdiction_not_found", _("No commune is served here yet."))
    raise ApiError(
        400,
        "jurisdiction_required",
        _("Give jurisdiction_id: the code of the commune."),
        field="jurisdiction_id",
    )


def _service(code: str) -> catalogue.Service:
    code = one_line(code)
    if not code:
        raise invalid("service_code", _("Give service_code."), code="service_code_required")
    found = catalogue.service(code)
    if found is None:
        raise ApiError(
            404,
            "service_code_not_found",
            _("There is no service “%(value)s”."),
            field="service_code",
            params={"value": code[:40]},
        )
    return found


def _listed(request: HttpRequest, name: str) -> list[str]:
    """A parameter that "can be declared multiple times, comma delimited"."""
    values = []
    for raw in request.GET.getlist(name):
        values += [v for v in (one_line(part) for part in raw.split(",")) if v]
    return values


def _positive(request: HttpRequest, name: str, default: int, maximum: int) -> int:
    raw = one_line(request.GET.get(name, ""))
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise invalid(
            name,
            _("“%(field)s” must be a whole number from 1 to %(max)d."),
            code="out_of_range",
            params={"field": name, "max": maximum},
        )
    return int(raw)


def _moment(name: str, raw: str) -> tuple[dt.datetime, bool]:
    """An ISO 8601 date-time (a date alone means its midnight, local time); and whether it was
    a date alone."""
    value = one_line(raw)
    try:
        day = parse_date(value)  # first: a date alone also parses as a date-time
        if day is not None:
            return timezone.make_aware(dt.datetime.combine(day, dt.time.min)), True
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            return moment, False
    except (ValueError, OverflowError):
        pass
    raise invalid(
        name,
        _("“%(field)s” must be an ISO 8601 date-time, e.g. 2026-09-15T08:00:00+07:00."),
        code="invalid_date",
        params={"field": name},
    )


def _window(request: HttpRequest) -> tuple[dt.datetime, dt.datetime]:
    """[start, end] of requested_datetime: by default the last 90 days; never more than 90
    days (a date alone as end_date includes that whole day)."""
    raw_start, raw_end = request.GET.get("start_date", ""), request.GET.get("end_date", "")
    try:
        if raw_start.strip() and raw_end.strip():
            start, _date_only = _moment("start_date", raw_start)
            end, end_is_date = _moment("end_date", raw_end)
        elif raw_start.strip():
            start, _date_only = _moment("start_date", raw_start)
            end, end_is_date = start + WINDOW, False
        elif raw_end.strip():
            end, end_is_date = _moment("end_date", raw_end)
            start = end - WINDOW
        else:
            end, end_is_date = timezone.now(), False
            start = end - WINDOW
        if end < start:
            raise invalid("end_date", _("end_date is before start_date."), code="invalid_range")
        if end - start > WINDOW:
            raise invalid(
                "end_date",
                _("start_date and end_date may not span more than 90 days."),
                code="range_too_long",
            )
        if end_is_date:
            end += dt.timedelta(days=1) - dt.timedelta(microseconds=1)
        # The database compares in UTC: a date at the edge of the calendar may not convert.
        start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    except OverflowError:
        field = "end_date" if raw_end.strip() else "start_date"
        raise invalid(field, _("The dates are out of range."), code="invalid_date") from None
    return start, end


# --- service requests as published --------------------------------------------------------------
def _iso(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _redact(text: str, petition: Petition) -> str:
    """Mask the sender's known details and anything shaped like an e-mail, phone or ID number."""
    if not text:
        return text
    citizen = petition.citizen
    if citizen is not None:
        for known in (citizen.full_name, citizen.phone, citizen.email, citizen.id_number):
            if known and len(known.strip()) >= 3:
                text = re.sub(re.escape(known.strip()), MASK, text, flags=re.IGNORECASE)
    for pattern in (EMAIL_LIKE, PHONE_LIKE, ID_LIKE):
        text = pattern.sub(MASK, text)
    return text


def _submission(petition: Petition) -> Any:
    try:
        return petition.open311_submission
    except ObjectDoesNotExist:
        return None


def _notice(petition: Petition) -> str | None:
    if petition.status in TERMINAL:
        return None
    if petition.due_on:
        return vietnamese(
            _("The commune will answer by %(date)s."), date=petition.due_on.strftime("%d/%m/%Y")
        )
    return vietnamese(_("The commune will consider it and answer within the time set by law."))


def _status_notes(petition: Any) -> str:
    if petition.is_public and petition.public_note_text:
        return _redact(petition.public_note_text, petition)
    return vietnamese(Status(petition.status).label)


def _request(petition: Any) -> dict[str, Any]:
    submission = _submission(petition)
    updated = max(filter(None, (petition.updated_at, petition.public_note_at)))
    expected = None
    if petition.status not in TERMINAL and petition.due_on:
        expected = timezone.make_aware(dt.datetime.combine(petition.due_on, dt.time(23, 59, 59)))
    return {
        "service_request_id": petition.tracking_code,
        "status": "closed" if petition.status in TERMINAL else "open",
        "status_notes": _status_notes(petition),
        "service_name": vietnamese(catalogue_name(petition.field)),
        "service_code": petition.field,
        "description": _redact(petition.summary, petition) or None,
        "agency_responsible": petition.commune.people_committee_name,
        "service_notice": _notice(petition),
        "requested_datetime": _iso(petition.registered_at),
        "updated_datetime": _iso(updated),
        "expected_datetime": _iso(expected),
        "address": _redact(petition.place, petition) or None,
        "address_id": (submission.address_id if submission else "") or None,
        "zipcode": None,
        "lat": float(petition.latitude) if petition.latitude is not None else None,
        "long": float(petition.longitude) if petition.longitude is not None else None,
        "media_url": (submission.media_url if submission else "") or None,
    }


def catalogue_name(code: str) -> Any:
    found = catalogue.service(code)
    return found.name if found else code


def _published(commune: Commune, tracking_code: str) -> Petition:
    code = one_line(tracking_code).upper()
    petition = open311_requests(commune).filter(tracking_code=code[:16]).first() if code else None
    if petition is None:
        raise ApiError(
            404,
            "service_request_not_found",
            _("There is no service request “%(id)s”."),
            field="service_request_id",
            params={"id": code[:40]},
        )
    return petition


# --- GET discovery, services, service definition ------------------------------------------------
@open311.get(
    "/discovery.{format}",
    response={200: DiscoveryOut},
    summary="Service discovery",
    tags=["discovery"],
)
def discovery(request: HttpRequest, format: str) -> HttpResponse:
    """The Open311 service discovery document of this endpoint."""
    fmt = _format(format)
    base = request.build_absolute_uri("./").rstrip("/")
    body = {
        "changeset": CHANGESET,
        "contact": vietnamese(_("The People's Committee of the commune (agency_responsible).")),
        "key_service": vietnamese(
            _("API keys are issued by the commune's administrator, on the API keys page.")
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(body, fmt, root="discovery")


@open311.get(
    "/services.{format}",
    response={200: list[ServiceOut], **ERRORS},
    summary="GET services",
    tags=["services"],
)
def services(request: HttpRequest, format: str, jurisdiction_id: str = "") -> HttpResponse:
    """The service types: one per subject area of petitions. `type` is always `realtime`
    (a request is a petition as soon as it is posted)."""
    fmt = _format(format)
    _jurisdiction(jurisdiction_id)
    with translation.override(ERROR_LANGUAGE):
        body = [
            {
                "service_code": s.code,
                "service_name": str(s.name),
                "description": str(s.description),
                "metadata": s.metadata,
                "type": "realtime",
                "keywords": str(s.keywords),
                "group": str(s.group),
            }
            for s in catalogue.SERVICES
        ]
    return respond(body, fmt, root="services")


@open311.get(
    "/services/{service_code}.{format}",
    response={200: ServiceDefinitionOut, **ERRORS},
    summary="GET service definition",
    tags=["services"],
)
def service_definition(
    request: HttpRequest, service_code: str, format: str, jurisdiction_id: str = ""
) -> HttpResponse:
    """The questions (attributes) a service asks. Answers are sent with POST requests as
    `attribute[code]=key` (`attribute[code][]=key` for each key of a multivaluelist)."""
    fmt = _format(format)
    _jurisdiction(jurisdiction_id)
    found = _service(service_code)
    with translation.override(ERROR_LANGUAGE):
        body = {
            "service_code": found.code,
            "attributes": [
                {
                    "variable": a.variable,
                    "code": a.code,
                    "datatype": a.datatype,
                    "required": a.required,
                    "datatype_description": str(a.datatype_description) or None,
                    "order": a.order,
                    "description": str(a.description),
                    "values": [{"key": v.key, "name": str(v.name)} for v in a.values],
                }
                for a in sorted(found.attributes, key=lambda a: a.order)
            ],
        }
    return respond(body, fmt, root="service_definition")


# --- GET requests, request, token ---------------------------------------------------------------
@open311.get(
    "/requests.{format}",
    response={200: list[RequestOut], **ERRORS},
    summary="GET service requests",
    tags=["requests"],
)
def list_requests(
    request: HttpRequest,
    format: str,
    jurisdiction_id: str = "",
    service_request_id: str = "",
    service_code: str = "",
    start_date: str = "",
    end_date: str = "",
    status: str = "",
    page: str = "",
    page_size: str = "",
) -> HttpResponse:
    """Service requests, newest first. `service_request_id` (comma delimited, at most 100)
    overrides every other filter. Without dates: the last 90 days; `start_date`/`end_date`
    (ISO 8601) may not span more than 90 days. `status`: `open`, `closed` or both.
    `service_code`: comma delimited. Paging (an extension): `page` from 1, `page_size` up to
    1000 (default 1000, the specification's limit)."""
    # The parameters are declared for the OpenAPI document; they are read from request.GET,
    # where the specification lets one be repeated.
    fmt = _format(format)
    commune = _jurisdiction(jurisdiction_id)
    qs = open311_requests(commune)
    ids = [i.upper() for i in _listed(request, "service_request_id")]
    if ids:
        if len(ids) > IDS_MAX:
            raise invalid(
                "service_request_id",
                _("At most %(n)d service_request_id at once."),
                code="too_many",
                params={"n": IDS_MAX},
            )
        qs = qs.filter(tracking_code__in=[i[:16] for i in ids])
    else:
        codes = _listed(request, "service_code")
        unknown = [c for c in codes if catalogue.service(c) is None]
        if unknown:
            raise invalid(
                "service_code",
                _("There is no service “%(value)s”."),
                code="service_code_not_found",
                params={"value": unknown[0][:40]},
            )
        if codes:
            qs = qs.filter(field__in=codes)
        statuses = {s.lower() for s in _listed(request, "status")}
        if statuses - {"open", "closed"}:
            raise invalid("status", _("status is open, closed, or both."), code="invalid_status")
        if statuses == {"open"}:
            qs = qs.exclude(status__in=TERMINAL)
        elif statuses == {"closed"}:
            qs = qs.filter(status__in=TERMINAL)
        start, end = _window(request)
        qs = qs.filter(registered_at__gte=start, registered_at__lte=end)
    page_number = _positive(request, "page", 1, PAGE_MAX)
    size = _positive(request, "page_size", PAGE_SIZE_MAX, PAGE_SIZE_MAX)
    total = qs.count()
    offset = (page_number - 1) * size
    body = [_request(p) for p in qs[offset : offset + size]]
    headers = {"X-Total-Count": str(total)}
    links = []
    query = request.GET.copy()
    for rel, number in (("prev", page_number - 1), ("next", page_number + 1)):
        if (rel == "prev" and number >= 1) or (rel == "next" and offset + size < total):
            query["page"] = str(number)
            query["page_size"] = str(size)
            links.append(
                f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="{rel}"'
            )
    if links:
        headers["Link"] = ", ".join(links)
    return respond(body, fmt, root="service_requests", headers=headers)


@open311.get(
    "/requests/{service_request_id}.{format}",
    response={200: list[RequestOut], **ERRORS},
    summary="GET service request",
    tags=["requests"],
)
def read_request(
    request: HttpRequest, service_request_id: str, format: str, jurisdiction_id: str = ""
) -> HttpResponse:
    """One service request, as a list of one (as the specification answers it)."""
    fmt = _format(format)
    petition = _published(_jurisdiction(jurisdiction_id), service_request_id)
    return respond([_request(petition)], fmt, root="service_requests")


@open311.get(
    "/tokens/{token}.{format}",
    response={200: list[TokenOut], **ERRORS},
    summary="GET service_request_id from a token",
    tags=["requests"],
)
def read_token(
    request: HttpRequest, token: str, format: str, jurisdiction_id: str = ""
) -> HttpResponse:
    """Requests are created synchronously: POST requests already answers the
    `service_request_id`, and the token is that same tracking code. This endpoint answers
    `[{service_request_id, token}]` for clients that always ask for it."""
    fmt = _format(format)
    petition = _published(_jurisdiction(jurisdiction_id), token)
    code = petition.tracking_code
    return respond([{"service_request_id": code, "token": code}], fmt, root="service_requests")


# --- POST requests -------------------------------------------------------------------------------
def _json_values(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [v for item in value for v in _json_values(item)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, dict):
        return [json.dumps(value, ensure_ascii=False)]
    return [str(value)]


def _post_data(request: HttpRequest) -> dict[str, list[str]]:
    """The submitted fields: form-encoded as the specification says, or a JSON object."""
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "invalid_body", _("The request body is not valid JSON.")) from None
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_body", _("The request body must be a JSON object."))
        data: dict[str, list[str]] = {}
        for key, value in body.items():
            if key == "attribute" and isinstance(value, dict):
                for code, answer in value.items():
                    data[f"attribute[{code}]"] = _json_values(answer)
            else:
                data[str(key)] = _json_values(value)
        return data
    return {key: request.POST.getlist(key) for key in request.POST}


class _Fields:
    """Single-valued fields of a POST, cleaned and length-checked."""

    def __init__(self, data: dict[str, list[str]]) -> None:
        self.data = data

    def get(self, name: str, max_length: int, *, multiline: bool = False) -> str:
        values = [v for v in self.data.get(name, []) if v.strip()]
        if len(values) > 1:
            raise invalid(
                name, _("Give one value for “%(field)s”."), code="repeated", params={"field": name}
            )
        value = (clean_text if multiline else one_line)(values[0]) if values else ""
        if len(value) > max_length:
            raise invalid(
                name,
                _("“%(field)s” is longer than %(max)d characters."),
                code="too_long",
                params={"field": name, "max": max_length},
            )
        return value


def _coordinate(name: str, raw: str, limit: int) -> Decimal | None:
    if not raw:
        return None
    try:
        value = Decimal(raw)
        if not value.is_finite() or abs(value) > limit:
            raise InvalidOperation
        return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise invalid(
            name,
            _("“%(field)s” must be a decimal number from -%(max)d to %(max)d (WGS84)."),
            code="invalid_coordinate",
            params={"field": name, "max": limit},
        ) from None


def _phone(raw: str) -> str:
    if not raw:
        return ""
    compact = re.sub(r"[\s.()-]", "", raw)
    if not re.fullmatch(r"\+?\d{8,15}", compact):
        raise invalid("phone", _("This is not a phone number."), code="invalid_phone")
    return compact


def _email(raw: str) -> str:
    if not raw:
        return ""
    try:
        if len(raw) > 254:
            raise DjangoValidationError("too long")
        EmailValidator()(raw)
    except DjangoValidationError:
        raise invalid("email", _("This is not an e-mail address."), code="invalid_email") from None
    return raw


def _media_url(raw: str) -> str:
    if not raw:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(raw)
    except DjangoValidationError:
        raise invalid(
            "media_url", _("media_url must be an http or https address."), code="invalid_url"
        ) from None
    return raw


def _answers(
    data: dict[str, list[str]], service: catalogue.Service
) -> tuple[dict[str, Any], list[str], bool]:
    """The answers to the service's questions: as stored, as lines of the petition's content,
    and whether the answer may be published."""
    given: dict[str, list[str]] = {}
    for key, values in data.items():
        match = ATTRIBUTE_KEY.match(key)
        if match and service.attribute(match.group(1)) is not None:
            given.setdefault(match.group(1), []).extend(
                v for v in (one_line(x) for x in values) if v
            )
    stored: dict[str, Any] = {}
    lines: list[str] = []
    for attribute in sorted(service.attributes, key=lambda a: a.order):
        if not attribute.variable:
            continue
        name = f"attribute[{attribute.code}]"
        values = given.get(attribute.code, [])
        if not values:
            if attribute.required:
                raise invalid(
                    name, _("Answer “%(field)s”."), code="required", params={"field": name}
                )
            continue
        keys = {v.key for v in attribute.values}
        if attribute.datatype in ("singlevaluelist", "multivaluelist"):
            if (attribute.datatype == "singlevaluelist" and len(values) > 1) or any(
                v not in keys for v in values
            ):
                raise invalid(
                    name,
                    _("Choose among the values of “%(field)s”."),
                    code="invalid_choice",
                    params={"field": name},
                )
        elif len(values) > 1 or len(values[0]) > 500:
            raise invalid(
                name,
                _("Give one short answer to “%(field)s”."),
                code="invalid",
                params={"field": name},
            )
        stored[attribute.code] = values if attribute.datatype == "multivaluelist" else values[0]
        if attribute.label:
            shown = ", ".join(vietnamese(attribute.value_name(v)) for v in values)
            lines.append(f"{vietnamese(attribute.label)}: {shown}")
    return stored, lines, stored.get(catalogue.PUBLISH_ANSWER) == "yes"


SERVICE_FIELDS = {
    "full_name": "first_name",
    "email": "email",
    "phone": "phone",
    "address": "address_string",
}


@open311.post(
    "/requests.{format}",
    response={200: list[CreatedOut], **ERRORS},
    summary="POST service request",
    tags=["requests"],
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "required": ["api_key", "service_code", "description"],
                        "properties": {
                            name: {"type": "string"}
                            for name in (
                                "api_key",
                                "jurisdiction_id",
                                "service_code",
                                "lat",
                                "long",
                                "address_string",
                                "address_id",
                                "email",
                                "device_id",
                                "account_id",
                                "first_name",
                                "last_name",
                                "phone",
                                "description",
                                "media_url",
                                "attribute[code]",
                            )
                        },
                    }
                }
            }
        }
    },
)
def create_request(request: HttpRequest, format: str) -> HttpResponse:
    """Submit a feedback (phản ánh) to the commune. Needs `api_key`. The location is `lat` and
    `long`, or `address_string`, or `address_id`. A name (`first_name` given name, `last_name`
    family name: written family name first, as Vietnamese names are) and a way to reply
    (`email` or `phone`) are required, as for every online petition. `description` is at most
    4,000 characters; its first 120 make the summary. Answers `[{service_request_id,
    service_notice, account_id}]`; the notice carries the tracking code and the secret code
    the person follows the answer with on the citizens' site (shown only in this answer)."""
    fmt = _format(format)
    data = _post_data(request)
    fields = _Fields(data)
    raw_key = fields.get("api_key", 200) or one_line(request.GET.get("api_key", ""))
    if not raw_key:
        raise ApiError(403, "api_key_required", _("Give the api_key."), field="api_key")
    api_key = api_key_for(raw_key)
    if api_key is None:
        raise ApiError(403, "api_key_invalid", _("This api_key is not valid."), field="api_key")
    commune = _jurisdiction(
        fields.get("jurisdiction_id", 40) or one_line(request.GET.get("jurisdiction_id", "")),
        api_key,
    )
    if api_key.commune_id is not None and api_key.commune_id != commune.pk:
        raise ApiError(
            403,
            "api_key_wrong_jurisdiction",
            _("This api_key may not submit to this jurisdiction."),
            field="jurisdiction_id",
        )
    service = _service(fields.get("service_code", 40))
    description = fields.get("description", DESCRIPTION_MAX, multiline=True)
    if not description:
        raise invalid("description", _("Describe the matter."), code="required")
    first_name, last_name = fields.get("first_name", NAME_MAX), fields.get("last_name", NAME_MAX)
    if not (first_name or last_name):
        raise invalid("first_name", _("Give the sender's name."), code="required")
    # Family name first, as Vietnamese names are written ("Nguyễn Văn" + "Hùng").
    full_name = " ".join(x for x in (last_name, first_name) if x)
    if len(fold(full_name)) > FULL_NAME_MAX:  # what the citizen register can hold
        raise invalid("last_name", _("The name is too long."), code="too_long")
    email = _email(fields.get("email", 254))
    phone = _phone(fields.get("phone", 30))
    if not (email or phone):
        raise invalid(
            "email",
            _("Give an e-mail address or a phone number so that the commune can reply."),
            code="contact_required",
        )
    lat = _coordinate("lat", fields.get("lat", 40), 90)
    long = _coordinate("long", fields.get("long", 40), 180)
    if (lat is None) != (long is None):
        missing = "long" if long is None else "lat"
        raise invalid(missing, _("Give both lat and long."), code="required")
    address = fields.get("address_string", 300)
    address_id = fields.get("address_id", 100)
    if lat is None and not address and not address_id:
        raise invalid(
            "address_string",
            _("Give the location: lat and long, address_string or address_id."),
            code="location_required",
        )
    media_url = _media_url(fields.get("media_url", 500))
    device_id, account_id = fields.get("device_id", 100), fields.get("account_id", 100)
    stored, lines, allow_public = _answers(data, service)
    try:
        with translation.override(ERROR_LANGUAGE):
            petition = open311_request_create(
                api_key=api_key,
                commune=commune,
                service_code=service.code,
                description=description,
                details=lines,
                full_name=full_name,
                email=email,
                phone=phone,
                place=address,
                latitude=lat,
                longitude=long,
                allow_public=allow_public,
                media_url=media_url,
                address_id=address_id,
                device_id=device_id,
                account_id=account_id,
                attributes=stored,
            )
    except DjangoValidationError as exc:
        error = from_exception(exc)
        error.status = 400
        error.field = SERVICE_FIELDS.get(error.field or "", error.field)
        raise error from None
    body = [
        {
            "service_request_id": petition.tracking_code,
            "service_notice": _receipt(petition),
            "account_id": account_id or None,
        }
    ]
    return respond(body, fmt, root="service_requests")


def _receipt(petition: Petition) -> str:
    try:
        track = settings.SITE_URL.rstrip("/") + reverse("portal:track")
        track += "?" + urlencode({"ma": petition.tracking_code})
    except NoReverseMatch:
        track = settings.SITE_URL.rstrip("/")
    text = vietnamese(
        _(
            "Received. Tracking code %(code)s, secret code %(secret)s: keep them to follow "
            "the answer at %(url)s."
        ),
        code=petition.tracking_code,
        secret=getattr(petition, "tracking_secret", ""),
        url=track,
    )
    notice = _notice(petition)
    return f"{text} {notice}" if notice else text
