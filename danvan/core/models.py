"""Tenancy, organisation, audit and the calendar/deadline tables.

`core` imports no domain app: every other app builds on these tables.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class CommuneKind(models.TextChoices):
    COMMUNE = "xa", _("Commune")
    WARD = "phuong", _("Ward")
    SPECIAL_ZONE = "dac_khu", _("Special zone")


class ReceptionPeriod(models.TextChoices):
    """The period in which the chairman's minimum reception days are counted (DOMAIN §4.1)."""

    WEEK = "week", _("per week")
    MONTH = "month", _("per month")


class Commune(models.Model):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("For example: An Quang"))
    kind = models.CharField(
        _("kind"), max_length=10, choices=CommuneKind.choices, default=CommuneKind.COMMUNE
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Policy that varies per commune is data, not code (CONVENTIONS, rule 7).
    require_2fa_for_leaders = models.BooleanField(
        _("require two-factor sign-in for leaders and administrators"), default=False
    )
    after_hours_receipt_next_day = models.BooleanField(
        _("treat receipt after office hours as next-working-day receipt"),
        default=False,
        help_text=_("DOMAIN T-9: a setting; off by default (received that day)."),
    )
    # How often the chairman must receive citizens in person (DOMAIN §4.1). UNCONFIRMED after
    # Luật 136/2025/QH15: the old rule was 1 day per week, the draft 2 days per month.
    reception_min_days = models.PositiveSmallIntegerField(
        _("minimum days the chairman receives citizens"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "UNCONFIRMED after Luật 136/2025/QH15 (in force 01/07/2026): the old rule was 1 day "
            "per week (Luật Tiếp công dân 2013, Art 15); the draft proposed 2 days per month."
        ),
    )
    reception_period = models.CharField(
        _("per"),
        max_length=5,
        choices=ReceptionPeriod.choices,
        default=ReceptionPeriod.WEEK,
        help_text=_(
            "UNCONFIRMED after Luật 136/2025/QH15 (in force 01/07/2026): the old rule was 1 day "
            "per week (Luật Tiếp công dân 2013, Art 15); the draft proposed 2 days per month."
        ),
    )

    class Meta:
        ordering = ["province__name", "name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def people_committee_name(self) -> str:
        """The issuing body as printed on documents: "ỦY BAN NHÂN DÂN XÃ AN QUANG"."""
        prefix = {"xa": "XÃ", "phuong": "PHƯỜNG", "dac_khu": "ĐẶC KHU"}[self.kind]
        return f"ỦY BAN NHÂN DÂN {prefix} {self.name.upper()}"


class UnitKind(models.TextChoices):
    OFFICE = "office", _("Specialised office")
    SERVICE_CENTRE = "centre", _("Public service unit or centre")
    VILLAGE = "village", _("Village or residential group")
    FRONT = "front", _("Fatherland Front or mass organisation")
    SUPERVISION_BOARD = "supervision", _("Community supervision board")
    LEADERSHIP = "leadership", _("Commune leadership")


class Unit(models.Model):
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="units", verbose_name=_("commune")
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("abbreviation"),
        max_length=30,
        blank=True,
        help_text=_("Used in document symbols, e.g. VHXH"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="unit_unique_name_per_commune")
        ]

    def __str__(self) -> str:
        return self.name


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One change made through a service. Append-only: never updated, never deleted."""

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    verb = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["commune", "-at"], name="audit_commune_at")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


class DayKind(models.TextChoices):
    OFF = "off", _("Extra day off")
    WORK = "work", _("Extra working day")


class CalendarOverride(models.Model):
    """A day whose status differs from the statutory calendar (swaps, extra days off)."""

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=4, choices=DayKind.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("province"),
        help_text=_("Empty: applies nationwide."),
    )
    name = models.CharField(_("name"), max_length=200)
    legal_document = models.CharField(_("deciding document"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in force"), default=True)
    is_provisional = models.BooleanField(
        _("provisional (not yet officially confirmed)"), default=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "province"], name="override_unique_day_province"
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(province__isnull=True),
                name="override_unique_national_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}: {self.name}"


class CalendarYear(models.Model):
    """Whether a year's civil-service calendar has been confirmed by the official notice."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    is_confirmed = models.BooleanField(_("confirmed"), default=False)
    legal_document = models.CharField(_("deciding document"), max_length=300, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self) -> str:
        return str(self.year)


class DeadlineUnit(models.TextChoices):
    CAL = "CAL", _("calendar days, rolled forward past non-working days")
    WD = "WD", _("working days")
    CAL_NOROLL = "CAL_NOROLL", _("calendar days, minimum period (no roll-forward)")


class Direction(models.TextChoices):
    AFTER = "after", _("after the trigger")
    BEFORE = "before", _("before the trigger")


class DeadlineRule(models.Model):
    code = models.CharField(_("rule id"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    length = models.PositiveIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=10, choices=DeadlineUnit.choices)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.AFTER
    )
    trigger = models.CharField(_("starting event"), max_length=300)
    section = models.CharField(_("DOMAIN section"), max_length=10, blank=True)
    is_unconfirmed = models.BooleanField(_("unconfirmed"), default=False)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(length__gte=1) & models.Q(length__lte=3650),
                name="deadline_rule_length_range",
            ),
            models.CheckConstraint(
                condition=models.Q(direction="after") | models.Q(unit="CAL_NOROLL"),
                name="deadline_rule_before_only_noroll",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class NumberSequence(models.Model):
    """The last number issued in one series (outgoing documents, case numbers…) of a commune in a
    year. Numbers start at 1 each calendar year (Nghị định 30/2020)."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")
    series = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "series", "year"], name="sequence_unique_commune_series_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune_id}/{self.series}/{self.year}: {self.last_number}"


class Deadline(models.Model):
    """A legal clock that was started for some record; its due date is stored, never re-derived
    on read, and recomputed only by the services that extend, suspend or change the calendar."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="deadlines")
    rule = models.ForeignKey(
        DeadlineRule, on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines"
    )
    subject_type = models.CharField(max_length=80)
    subject_id = models.CharField(max_length=64)
    label = models.CharField(_("label"), max_length=300)
    started_on = models.DateField(_("start date"))
    length = models.PositiveIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=10, choices=DeadlineUnit.choices)
    direction = models.CharField(max_length=6, choices=Direction.choices, default=Direction.AFTER)
    due_on = models.DateField(_("due date"), db_index=True)
    explanation = models.JSONField(_("explanation"), default=dict)
    # Formal acts that move the due date, replayed in order on every recomputation:
    # {"type": "extension", "days": 30, "unit": "CAL", "on": "2026-05-02", "decision": "…"} and
    # {"type": "suspension", "from": "2026-05-04", "to": "2026-05-20"} (working days pushed).
    adjustments = models.JSONField(_("extensions and suspensions"), default=list, blank=True)
    suspended_on = models.DateField(_("suspended since"), null=True, blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [
            models.Index(fields=["commune", "is_open", "due_on"], name="deadline_open_due"),
            # The latest clock of a subject (reports ask it per finished case): no sort needed.
            models.Index(
                fields=["subject_type", "subject_id", "-started_on", "-id"],
                name="deadline_subject_latest",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(length__gte=1), name="deadline_length_pos"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.due_on:%d/%m/%Y}"


class Notification(models.Model):
    """An in-app message to one user (reminders, escalations); also sent by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    key = models.CharField(
        max_length=120, help_text="Idempotency key: one notification per key and user."
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    is_read = models.BooleanField(_("read"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_unique_key")
        ]
        indexes = [
            models.Index(fields=["user", "is_read", "-created_at"], name="notification_inbox")
        ]

    def __str__(self) -> str:
        return self.title
