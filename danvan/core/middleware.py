from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .audit import current_ip


class AuditContextMiddleware:
    """Makes the client's address available to audit.record for this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
