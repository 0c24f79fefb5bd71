"""Credentials of the external interfaces, and what an Open311 client sent with a petition.

Secrets are never stored: only their SHA-256 digest and a short prefix to recognise them by. The
plain value is shown once, when it is made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune
from danvan.petitions.models import Petition


class ApiKey(models.Model):
    """The key of one external application (an Open311 client) allowed to submit petitions."""

    name = models.CharField(_("application name"), max_length=100)
    prefix = models.CharField(_("key prefix"), max_length=16)
    hashed_key = models.CharField(max_length=64, unique=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
        help_text=_("Empty: the key may submit to every commune."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            # The name is what petitions record as "submitted through": one live key per name.
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(is_active=True), name="apikey_active_name"
            ),
            models.CheckConstraint(
                condition=models.Q(is_active=True) | models.Q(revoked_at__isnull=False),
                name="apikey_revoked_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class StaffToken(models.Model):
    """A personal access token: another system acts as this staff user, with exactly the user's
    roles and permissions (`Authorization: Bearer <token>`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("used for"), max_length=100)
    prefix = models.CharField(_("token prefix"), max_length=16)
    hashed_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Open311Submission(models.Model):
    """What an Open311 client sent beyond the petition itself (GeoReport v2 POST requests)."""

    petition = models.OneToOneField(
        Petition, on_delete=models.PROTECT, related_name="open311_submission"
    )
    api_key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="submissions")
    media_url = models.URLField(max_length=500, blank=True)
    address_id = models.CharField(max_length=100, blank=True)
    # The client's own identifiers of the device and of the person's account: kept to answer
    # questions about a submission, never published.
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 submission")
        verbose_name_plural = _("Open311 submissions")

    def __str__(self) -> str:
        return f"{self.api_key_id} → {self.petition_id}"
