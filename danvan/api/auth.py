"""Authentication of the staff API: a personal access token for other systems, the session for
the browser. Either way the request then acts as that user, with that user's permissions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from .inputs import clean_text
from .selectors import staff_token_for
from .services import staff_token_touch


class StaffTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token made on /api-keys/tokens/ or by
    `manage.py staff_token`. Not a cookie, so no CSRF token is needed."""

    openapi_description = "Personal access token: Authorization: Bearer <token>"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = staff_token_for(clean_text(token))
        if found is None:
            return None
        staff_token_touch(found)
        request.user = found.user
        return found.user


staff_token_auth = StaffTokenAuth()
STAFF_AUTH = [staff_token_auth, django_auth]
