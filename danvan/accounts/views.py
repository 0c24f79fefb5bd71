from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import LoginForm, StyledPasswordChangeForm, TokenForm
from .selectors import SESSION_COMMUNE_KEY, visible_communes
from .services import totp_device_confirm, totp_device_start


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/"


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Confirm a sign-in with a one-time code, or set up the authenticator app first."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    form = TokenForm(request.POST or None)
    if confirmed:
        if request.method == "POST" and form.is_valid():
            device = match_token(user, form.cleaned_data["token"].strip())
            if device is not None:
                otp_login(request, device)
                return redirect(_safe_next(request))
            form.add_error("token", _("The code is wrong or has expired. Try the current one."))
        return render(request, "accounts/two_factor_verify.html", {"form": form})

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = totp_device_start(user=user)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(user=user, device=device, token=form.cleaned_data["token"]):  # type: ignore[arg-type]
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is now on for your account."))
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong or has expired. Try the current one."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr": _qr_data_uri(device.config_url), "secret": secret},
    )


@require_POST
@login_required
def switch_commune(request: HttpRequest) -> HttpResponse:
    """A province viewer chooses which commune to look at."""
    commune_id = request.POST.get("commune", "")
    commune = (
        visible_communes(request.user).filter(pk=commune_id).first()
        if commune_id.isdigit()
        else None
    )
    if commune is not None:
        request.session[SESSION_COMMUNE_KEY] = commune.pk
    return redirect("core:home")
