"""Citizen reception (tiếp công dân, DOMAIN §4): the reception schedule and the register.

The register (sổ tiếp công dân, §4.3) records every visit, including refusals (§4.5). A
denunciation visit never holds the person: their identity travels with the petition into the
encrypted store of the petitions app (Luật Tố cáo Art 8, 9, 47)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune
from danvan.documents.models import OutgoingDocument
from danvan.petitions.models import Citizen, Field, Petition
from danvan.petitions.states import Kind


class ReceptionType(models.TextChoices):
    """Statistics column "hình thức tiếp" (DOMAIN §4.3)."""

    REGULAR = "regular", _("Regular (by the assigned official)")
    PERIODIC = "periodic", _("Periodic (by the leader)")
    ADHOC = "adhoc", _("Ad hoc")


class Mode(models.TextChoices):
    """In person or online (Luật 136/2025/QH15, DOMAIN §4.2)."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Outcome(models.TextChoices):
    """How the visit was handled (hướng xử lý, register column 7)."""

    PETITION_REGISTERED = "petition_registered", _("Petition received and registered")
    GUIDED = "guided", _("Guided to the competent body")
    TRANSFERRED = "transferred", _("Transferred to the competent body")
    ANSWERED_ON_SPOT = "answered_on_spot", _("Answered on the spot")
    REFUSED = "refused", _("Refused (Luật Tiếp công dân, Art 9)")


class RefusalGround(models.TextChoices):
    """The grounds for refusing to receive someone (Luật Tiếp công dân 2013, Art 9; DOMAIN §4.5)."""

    INTOXICATED_OR_INCAPABLE = (
        "intoxicated_or_incapable",
        _("Intoxicated, or unable to perceive or control their acts (Art 9(1))"),
    )
    THREATENS_OR_VIOLATES_RULES = (
        "threatens_or_violates_rules",
        _("Threatens or insults officials, or violates the reception rules (Art 9(2))"),
    )
    PERSISTS_AFTER_FINAL_RESOLUTION = (
        "persists_after_final_resolution",
        _("Persists in a matter already resolved correctly and explained (Art 9(3))"),
    )
    OTHER_BY_LAW = "other_by_law", _("Another case provided by law (Art 9(4))")


class ReceptionSession(models.Model):
    """A scheduled reception: the leader's periodic day, the regular desk, or an ad hoc one."""

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="reception_sessions"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReceptionType.choices)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receives"),
    )
    place = models.CharField(_("place"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    is_published = models.BooleanField(_("published for citizens"), default=False)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="reception_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="periodic") | models.Q(host__isnull=False),
                name="reception_session_periodic_has_host",
            ),
        ]
        indexes = [models.Index(fields=["commune", "date"], name="reception_session_day")]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M} {self.get_kind_display()}"


class ReceptionVisit(models.Model):
    """One entry of the register (sổ tiếp công dân, DOMAIN §4.3): one turn (lượt) at the desk."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="reception_visits")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    visited_at = models.DateTimeField(_("received at"))
    reception_type = models.CharField(
        _("reception type"), max_length=10, choices=ReceptionType.choices
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    session = models.ForeignKey(
        ReceptionSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("session"),
    )
    citizen = models.ForeignKey(
        Citizen,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reception_visits",
        verbose_name=_("citizen"),
    )
    group_size = models.PositiveIntegerField(_("number of people"), default=1)
    is_delegation = models.BooleanField(_("delegation of many people"), default=False)
    representatives = models.JSONField(_("representatives"), default=list, blank=True)
    content = models.TextField(_("content"))
    kind = models.CharField(_("classification"), max_length=20, choices=Kind.choices, blank=True)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices, default=Field.OTHER)
    previous_bodies = models.TextField(_("bodies that handled it before"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    outcome_note = models.TextField(_("guided or transferred to, or the answer given"), blank=True)
    petition = models.ForeignKey(
        Petition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reception_visits",
        verbose_name=_("petition"),
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by (leader or official)"),
    )
    refusal_ground = models.CharField(
        _("ground for refusal"), max_length=40, choices=RefusalGround.choices, blank=True
    )
    refusal_note = models.TextField(_("facts of the refusal"), blank=True)
    notice = models.ForeignKey(
        OutgoingDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refusal notice"),
    )
    is_new_case = models.BooleanField(_("new matter (not a returning case)"), default=True)
    search_folded = models.TextField(blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-visited_at", "-number"]
        verbose_name = _("reception visit")
        verbose_name_plural = _("reception visits")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="reception_visit_unique_number"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="denunciation") | models.Q(citizen__isnull=True),
                name="reception_visit_denouncer_not_a_citizen_row",
            ),
            models.CheckConstraint(
                condition=(models.Q(outcome="refused") & ~models.Q(refusal_ground=""))
                | (~models.Q(outcome="refused") & models.Q(refusal_ground="")),
                name="reception_visit_refusal_has_ground",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="petition_registered")
                | models.Q(petition__isnull=False),
                name="reception_visit_registered_has_petition",
            ),
            models.CheckConstraint(
                condition=models.Q(group_size__gte=1), name="reception_visit_group_size_pos"
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "-visited_at"], name="reception_visit_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.number:04d}/{self.year}"

    @property
    def number_display(self) -> str:
        return f"{self.number:04d}/{self.year}"

    @property
    def person_display(self) -> str:
        """What the register may show about the person (column 3)."""
        if self.kind == Kind.DENUNCIATION:
            return str(_("Denouncer (kept confidential)"))
        if self.citizen is None:
            return "—"
        if self.group_size > 1:
            return str(
                _("%(name)s and %(n)d others")
                % {"name": self.citizen.full_name, "n": self.group_size - 1}
            )
        return self.citizen.full_name
