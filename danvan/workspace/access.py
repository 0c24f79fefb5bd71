"""Resolve the commune being worked in and check a named permission, in one step."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from danvan.accounts.permissions import Perm, has_perm
from danvan.accounts.selectors import current_commune


def require_perm(
    perm: Perm,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            commune = current_commune(request)
            if commune is None or not has_perm(request.user, perm, commune):
                raise PermissionDenied
            request.commune = commune  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
