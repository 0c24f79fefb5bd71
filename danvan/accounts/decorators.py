"""Resolve the commune being worked in and check a named permission, in one step."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from .permissions import Perm, has_perm
from .selectors import current_commune


def require_perm(
    perm: Perm,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            commune = current_commune(request)
            if commune is None or not has_perm(request.user, perm, commune):
                raise PermissionDenied
            request.commune = commune  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
