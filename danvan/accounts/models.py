from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune, Province, Unit

from .roles import Role


class User(AbstractUser):
    """A staff account. Custom from the first migration so it can grow without pain."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Membership(models.Model):
    """A user's role in a commune (optionally in one unit), or a province viewer's province."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role="province_viewer",
                        province__isnull=False,
                        commune__isnull=True,
                        unit__isnull=True,
                    )
                    | (~models.Q(role="province_viewer") & models.Q(commune__isnull=False))
                ),
                name="membership_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "commune", "unit"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        where = self.unit or self.commune or self.province
        return f"{self.user} — {self.get_role_display()} — {where}"
