from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from .jobs import queue_status


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and queue status for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
    except Exception as exc:
        database = {"status": "error", "vendor": connection.vendor, "error": str(exc)[:200]}
    queue = queue_status()
    healthy = database["status"] == "ok" and queue["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "queue": queue},
        status=200 if healthy else 503,
    )
