"""Errors of both APIs: an HTTP status, a stable machine-readable code, a Vietnamese message
whatever the language of the request, and the field at fault when there is one.

Clients branch on the code (and the status), never on the wording: the messages are for people
and may be reworded or translated better at any time."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)

ERROR_LANGUAGE = "vi"


def vietnamese(message: Any, **params: Any) -> str:
    """Render a (lazy) message in Vietnamese, whatever language the request asked for."""
    with translation.override(ERROR_LANGUAGE):
        text = str(message)
        return text % params if params else text


class ApiError(Exception):
    """An error answered to the client as it is. `message` is a lazy gettext string, rendered
    in Vietnamese at once; its `%(name)s` placeholders are filled from `params`."""

    def __init__(
        self,
        status: int,
        code: str,
        message: Any,
        *,
        field: str | None = None,
        errors: Sequence[Mapping[str, Any]] | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message = vietnamese(message, **(params or {}))
        self.field = field
        self.errors = [dict(e) for e in errors] if errors else []
        super().__init__(code, self.message)

    def as_dict(self) -> dict[str, Any]:
        """The staff API's error body. `detail` is kept from ninja's own shape so that a client
        written against it still finds the message."""
        return {
            "code": self.code,
            "detail": self.message,
            "field": self.field,
            "errors": self.errors
            or [{"field": self.field, "code": self.code, "detail": self.message}],
        }


def invalid(
    field: str,
    message: Any,
    *,
    code: str = "invalid_input",
    params: Mapping[str, Any] | None = None,
) -> ApiError:
    """A 400 naming the field at fault."""
    return ApiError(400, code, message, field=field, params=params)


# Messages for the validation errors pydantic reports, by its error type.
_PYDANTIC: dict[str, tuple[str, Any]] = {
    "missing": ("required", _("“%(field)s” is required.")),
    "string_type": ("not_text", _("“%(field)s” must be text.")),
    "string_too_long": ("too_long", _("“%(field)s” is too long.")),
    "string_too_short": ("required", _("“%(field)s” is required.")),
    "int_type": ("not_a_whole_number", _("“%(field)s” must be a whole number.")),
    "int_parsing": ("not_a_whole_number", _("“%(field)s” must be a whole number.")),
    "int_from_float": ("not_a_whole_number", _("“%(field)s” must be a whole number.")),
    "bool_type": ("not_true_or_false", _("“%(field)s” must be true or false.")),
    "bool_parsing": ("not_true_or_false", _("“%(field)s” must be true or false.")),
    "greater_than": ("out_of_range", _("“%(field)s” is out of range.")),
    "greater_than_equal": ("out_of_range", _("“%(field)s” is out of range.")),
    "less_than": ("out_of_range", _("“%(field)s” is out of range.")),
    "less_than_equal": ("out_of_range", _("“%(field)s” is out of range.")),
    "model_type": ("invalid_body", _("The request body must be a JSON object.")),
    "model_attributes_type": ("invalid_body", _("The request body must be a JSON object.")),
    "dict_type": ("invalid_body", _("The request body must be a JSON object.")),
    "json_invalid": ("invalid_body", _("The request body is not valid JSON.")),
}
_PYDANTIC_DEFAULT = ("invalid", _("The value of “%(field)s” is not valid."))


def _field_of(loc: Sequence[Any]) -> str | None:
    """("query", "page") → "page"; ("body", "payload", "text") → "text"; the body itself → None."""
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[2:]
    elif parts:
        parts = parts[1:]
    return ".".join(parts) or None


def from_validation(errors: Sequence[Mapping[str, Any]]) -> ApiError:
    items: list[dict[str, Any]] = []
    for item in errors:
        field = _field_of(item.get("loc", ()))
        code, message = _PYDANTIC.get(str(item.get("type", "")), _PYDANTIC_DEFAULT)
        if field is None and code not in ("invalid_body",):
            code, message = "invalid_body", _("The request body is not valid.")
        items.append(
            {"field": field, "code": code, "detail": vietnamese(message, field=field or "")}
        )
    if not items:
        return ApiError(400, "invalid_input", _("The request is not valid."))
    first = items[0]
    top = "invalid_body" if first["code"] == "invalid_body" else "invalid_input"
    error = ApiError(400, top, _("The request is not valid."), field=first["field"], errors=items)
    error.message = first["detail"]
    return error


def from_exception(exc: Exception) -> ApiError:
    """Any exception raised while answering a request, as the error the client receives."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, NinjaValidationError):
        return from_validation(exc.errors)
    if isinstance(exc, AuthenticationError):
        return ApiError(
            401,
            "not_authenticated",
            _("Sign in, or send a valid personal access token (Authorization: Bearer …)."),
        )
    if isinstance(exc, HttpError):
        return _from_http_error(exc)
    if isinstance(exc, Http404):
        return ApiError(404, "not_found", _("Not found."))
    if isinstance(exc, PermissionDenied):
        return ApiError(403, "forbidden", _("You do not have permission to do this."))
    if isinstance(exc, DjangoValidationError):
        return _from_service_refusal(exc)
    if isinstance(exc, SuspiciousOperation):
        return ApiError(400, "bad_request", _("The request was refused as malformed or too large."))
    logger.exception("Unhandled API error", exc_info=exc)
    return ApiError(500, "internal_error", _("An internal error occurred; it has been logged."))


def _from_http_error(exc: HttpError) -> ApiError:
    status = exc.status_code
    if status == 400:
        return ApiError(400, "invalid_body", _("The request body is not valid JSON."))
    if status == 403 and "csrf" in str(exc).lower():
        return ApiError(
            403, "csrf_failed", _("The CSRF check failed: reload the page, or use a token.")
        )
    if status == 403:
        return ApiError(403, "forbidden", _("You do not have permission to do this."))
    if status == 404:
        return ApiError(404, "not_found", _("Not found."))
    if status == 429:
        return ApiError(429, "throttled", _("Too many requests; try again later."))
    return ApiError(status, "error", _("The request could not be completed."))


def _from_service_refusal(exc: DjangoValidationError) -> ApiError:
    """A service refused the change. With a field: bad input (400); without: the rules do not
    allow it now, e.g. a move the case's status does not permit (409)."""
    if hasattr(exc, "error_dict"):
        items = [
            {"field": field, "code": "invalid_input", "detail": " ".join(messages)}
            for field, messages in exc.message_dict.items()
        ]
        error = ApiError(
            400, "invalid_input", _("The request is not valid."), field=items[0]["field"]
        )
        error.message, error.errors = items[0]["detail"], items
        return error
    error = ApiError(409, "rule_violation", _("The rules do not allow this now."))
    error.message = " ".join(exc.messages) or error.message
    return error


def json_error(error: ApiError) -> HttpResponse:
    response = JsonResponse(
        error.as_dict(), status=error.status, json_dumps_params={"ensure_ascii": False}
    )
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="DanVan"'
    return response


def install_json_errors(api: NinjaAPI) -> None:
    """Every error of `api` as JSON with a code and a Vietnamese message; never an HTML page."""

    def handle(request: HttpRequest, exc: Any) -> HttpResponse:
        return json_error(from_exception(exc))

    # ninja registers its own handlers for these classes; the closest class in the MRO wins.
    for exc_class in (Exception, Http404, HttpError, NinjaValidationError):
        api.add_exception_handler(exc_class, handle)


def method_not_allowed_as(
    render: Callable[[HttpRequest, ApiError], HttpResponse],
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a ninja view so that its plain-text 405 (a method the path does not take) is
    written like every other error of the API, keeping the Allow header."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if response.status_code != 405:
                return response
            error = ApiError(405, "method_not_allowed", _("This method is not allowed here."))
            answer = render(request, error)
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer

        return wrapped

    return decorator


class JsonErrorsAPI(NinjaAPI):
    """A NinjaAPI whose every error, a wrong method included, is JSON (see `json_error`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        install_json_errors(self)

    @property
    def urls(self) -> Any:
        patterns, app_name, namespace = super().urls
        wrap = method_not_allowed_as(lambda request, error: json_error(error))
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = wrap(pattern.callback)
        return patterns, app_name, namespace
