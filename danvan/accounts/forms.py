from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import StyledForm, style_fields


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong user name or password. Both are case-sensitive."),
        "inactive": _("This account is disabled."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        style_fields(self)

    def full_clean(self) -> None:
        super().full_clean()
        style_fields(self)


class StyledPasswordChangeForm(PasswordChangeForm):
    def full_clean(self) -> None:
        super().full_clean()
        style_fields(self)


class TokenForm(StyledForm):
    token = forms.RegexField(
        label=_("Six-digit code"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits shown by your authenticator app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )
