"""Staff pages for the API credentials: the commune's Open311 API keys (administrators) and each
user's own personal access tokens. A new secret is shown once, in the answer to the form that made
it, never stored in the session or a message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.decorators import require_perm
from danvan.accounts.permissions import Perm

from . import services
from .forms import ApiKeyForm, StaffTokenForm
from .selectors import api_keys_of, staff_tokens_of


def _show_once(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _add_errors(form: ApiKeyForm | StaffTokenForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_http_methods(["GET", "POST"])
@require_perm(Perm.MANAGE_API_KEYS)
def key_list(request: HttpRequest) -> HttpResponse:
    commune = request.commune  # type: ignore[attr-defined]
    form = ApiKeyForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.api_key_create(
                actor=request.user, name=form.cleaned_data["name"], commune=commune
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            form = ApiKeyForm()
    context = {"keys": api_keys_of(commune), "form": form, "created": created, "secret": secret}
    return _show_once(render(request, "api/keys.html", context))


@require_POST
@require_perm(Perm.MANAGE_API_KEYS)
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    key = api_keys_of(request.commune).filter(pk=pk).first()  # type: ignore[attr-defined]
    if key is None:
        raise Http404
    try:
        services.api_key_revoke(actor=request.user, key=key)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The key of “%(name)s” is revoked.") % {"name": key.name})
    return redirect("api_keys:keys")


@require_http_methods(["GET", "POST"])
@require_perm(Perm.VIEW_STAFF_HOME)
def token_list(request: HttpRequest) -> HttpResponse:
    form = StaffTokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.staff_token_create(
                actor=request.user,
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                commune=request.commune,  # type: ignore[attr-defined]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            form = StaffTokenForm()
    context = {
        "tokens": staff_tokens_of(request.user),
        "form": form,
        "created": created,
        "secret": secret,
    }
    return _show_once(render(request, "api/tokens.html", context))


@require_POST
@require_perm(Perm.VIEW_STAFF_HOME)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = staff_tokens_of(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404
    try:
        services.staff_token_revoke(
            actor=request.user,
            token=token,
            commune=request.commune,  # type: ignore[attr-defined]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api_keys:tokens")
