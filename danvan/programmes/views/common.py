"""What every programme page needs: the commune, the programme, errors, the tab context."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import gettext as _

from danvan.core.models import Commune

from .. import access, selectors
from ..models import Programme
from ..states import STATUS_COLOURS, TaskStatus


def commune_of(request: HttpRequest) -> Commune:
    return request.commune  # type: ignore[attr-defined]


def programme_of(request: HttpRequest, pk: int) -> Programme:
    return selectors.get_programme(commune_of(request), pk)


def attach_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's error on the field it names, or on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)


def status_labels() -> dict[str, str]:
    return {s.value: str(s.label) for s in TaskStatus}


def series_labels() -> dict[str, str]:
    return {
        "progress": _("Progress"),
        "expected": _("Expected by now"),
        "on_time": _("On time"),
        "late": _("Late"),
        "missing": _("Missing"),
    }


def tab_context(
    request: HttpRequest, programme: Programme, tab: str, **extra: Any
) -> dict[str, Any]:
    return {
        "programme": programme,
        "tab": tab,
        "can_edit": access.can_edit_programme(request.user, programme),
        "colours": {s.value: c for s, c in STATUS_COLOURS.items()},
        **extra,
    }
