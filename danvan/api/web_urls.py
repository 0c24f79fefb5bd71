"""Everything of the API app that config/urls.py mounts with one `include`:

- /open311/v2/…   Open311 GeoReport v2: public (no login, any origin), every answer JSON or XML,
  errors too (an unknown path or a wrong method as well);
- /api-keys/…     the staff pages for Open311 API keys and personal access tokens;
- /api/…          a JSON 404 for what the staff API (mounted before this include) does not match.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from . import views
from .errors import ApiError, json_error, method_not_allowed_as
from .open311.api import open311
from .open311.render import error_response, format_of


def _cross_origin(view: Callable[..., Any]) -> Callable[..., Any]:
    """Open311 is public data read by web applications of any origin: allow them (no cookie is
    involved, so no credentials are), and answer the preflight of a JSON POST."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def _public(view: Callable[..., Any]) -> Callable[..., Any]:
    """No login, any origin, and a wrong method answered as an Open311 error."""
    wrap = method_not_allowed_as(lambda request, error: error_response(error, format_of(request)))
    return login_not_required(csrf_exempt(_cross_origin(wrap(view))))


@login_not_required
@csrf_exempt
@_cross_origin
def open311_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    error = ApiError(404, "not_found", _("There is no such Open311 endpoint."))
    return error_response(error, format_of(request))


@csrf_exempt
def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return json_error(ApiError(404, "not_found", _("There is no such API endpoint.")))


def _open311_patterns() -> list[Any]:
    patterns, _app_name, _namespace = open311.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _public(pattern.callback)
    return [*patterns, re_path(r"^(?P<rest>.*)$", open311_not_found)]


key_patterns = [
    path("", views.key_list, name="keys"),
    path("<int:pk>/revoke/", views.key_revoke, name="key_revoke"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]

urlpatterns = [
    path("open311/v2/", include((_open311_patterns(), "ninja"), namespace=open311.urls_namespace)),
    path("api-keys/", include((key_patterns, "api_keys"), namespace="api_keys")),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
]
