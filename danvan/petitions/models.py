from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune, Unit
from danvan.documents.models import OutgoingDocument

from .states import Closure, Kind, Status


class Channel(models.TextChoices):
    """Where the petition came from (DOMAIN §1.2)."""

    DESK = "desk", _("At the reception desk")
    POST = "post", _("By post")
    HAND = "hand", _("Delivered by hand")
    AGENCY = "agency", _("Forwarded by an agency")
    FRONT = "front", _("Forwarded by the Fatherland Front or a mass organisation")
    DEPUTY = "deputy", _("Forwarded by a deputy")
    PRESS = "press", _("Forwarded by the press")
    ONLINE = "online", _("Online")
    HOTLINE = "hotline", _("Hotline")
    BOX = "box", _("Suggestion box")


FORWARDED_CHANNELS = frozenset({Channel.AGENCY, Channel.FRONT, Channel.DEPUTY, Channel.PRESS})


class Field(models.TextChoices):
    """Subject area for the statistics forms (DOMAIN §1.3 linh_vuc, §14)."""

    LAND = "land", _("Land")
    HOUSING = "housing", _("Housing and property")
    POLICY = "policy", _("Policies and entitlements of officials")
    SOCIAL = "social", _("Other political, cultural and social matters")
    WELFARE = "welfare", _("Social welfare and people with merit")
    ENVIRONMENT = "environment", _("Environment and public order")
    JUSTICE = "justice", _("Judicial matters")
    PARTY = "party", _("Party and mass organisations")
    CORRUPTION = "corruption", _("Corruption")
    OTHER = "other", _("Other")


class Jurisdiction(models.TextChoices):
    UNKNOWN = "", _("Not yet determined")
    OURS = "ours", _("Within the commune's competence")
    NOT_OURS = "not_ours", _("Not within the commune's competence")


class ComplaintStage(models.TextChoices):
    FIRST = "first", _("Not yet resolved (first complaint)")
    RESOLVED_ONCE = "resolved_once", _("Already resolved once")
    RESOLVED_MORE = "resolved_more", _("Already resolved several times")


class Flag(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous or unclear sender")
    IMPERSONATED = "impersonated", _("Using someone else's name")
    DUPLICATE = "duplicate", _("Duplicate")
    ALREADY_RESOLVED = "already_resolved", _("Already finally resolved")
    COURT = "court", _("Court or prosecution matter")
    FOREIGN = "foreign", _("Foreign element")
    REMOTE = "remote", _("Remote area (longer time limits)")
    COMPLEX = "complex", _("Complex case")


class Citizen(models.Model):
    """A person who came to the commune (not a denouncer: their identity is kept apart)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="citizens")
    full_name = models.CharField(_("full name"), max_length=200)
    name_folded = models.CharField(max_length=200, db_index=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    id_number = models.CharField(_("ID number"), max_length=20, blank=True, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        return self.full_name


class Petition(models.Model):
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="petitions")
    case_number = models.CharField(_("case number"), max_length=30)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    tracking_secret_hash = models.CharField(max_length=128, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    closure = models.CharField(_("outcome"), max_length=20, choices=Closure.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.CharField(_("summary"), max_length=300)
    content = models.TextField(_("content"))
    search_folded = models.TextField(blank=True)
    place = models.CharField(_("place concerned"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Public portal: an answered case may be shown publicly (never personal data); an abusive
    # submission is hidden by an official with a reason (audited).
    is_public = models.BooleanField(_("may be shown publicly when answered"), default=False)
    is_hidden = models.BooleanField(_("hidden as abusive"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    submitted_ip = models.GenericIPAddressField(null=True, blank=True)
    external_client = models.CharField(_("submitted through"), max_length=100, blank=True)
    village = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions"
    )
    is_group = models.BooleanField(_("signed by many people"), default=False)
    group_size = models.PositiveIntegerField(_("number of signatories"), default=1)
    representatives = models.JSONField(_("representatives"), default=list, blank=True)
    forwarded_by = models.CharField(_("forwarded by"), max_length=300, blank=True)
    forwarded_reference = models.CharField(_("forwarding document"), max_length=200, blank=True)
    previous_handling = models.TextField(_("bodies that handled it before"), blank=True)
    # Classification (DOMAIN §1.3), independent dimensions.
    field = models.CharField(_("field"), max_length=20, choices=Field.choices, default=Field.OTHER)
    is_eligible = models.BooleanField(_("eligible for handling"), null=True)
    jurisdiction = models.CharField(
        _("competence"), max_length=10, choices=Jurisdiction.choices, blank=True
    )
    complaint_stage = models.CharField(
        _("complaint stage"), max_length=20, choices=ComplaintStage.choices, blank=True
    )
    flags = models.JSONField(_("flags"), default=list, blank=True)
    is_anonymous_route = models.BooleanField(
        _("anonymous information with evidence (Art. 25(2))"), default=False
    )
    # Assignment.
    assigned_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit in charge"),
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("officer in charge"),
    )
    # Outcome.
    transferred_to = models.CharField(_("transferred or guided to"), max_length=300, blank=True)
    legal_ground = models.TextField(_("legal ground"), blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_document = models.ForeignKey(
        OutgoingDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_petitions"
    )
    status_before_suspension = models.CharField(max_length=20, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Imported as finished from the old petition register (sổ theo dõi đơn): that register entry,
    # shown on the timeline, is the evidence of the closure (services.petition_close_historical).
    is_historical_closure = models.BooleanField(
        _("finished according to the old petition register"), default=False
    )
    due_on = models.DateField(_("current due date"), null=True, blank=True, db_index=True)
    citizen_confirmed = models.BooleanField(_("citizen confirmed the answer"), null=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-sequence"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "sequence"], name="petition_unique_number"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="denunciation") | models.Q(citizen__isnull=True),
                name="petition_denouncer_not_a_citizen_row",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(closure=""),
                name="petition_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="petition_rating_range",
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "status", "due_on"], name="petition_work"),
            models.Index(fields=["commune", "-received_on"], name="petition_recent"),
            models.Index(
                fields=["assigned_officer", "status", "due_on"], name="petition_officer_work"
            ),
            models.Index(fields=["assigned_unit", "status", "due_on"], name="petition_unit_work"),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} — {self.summary}"

    @property
    def petitioner_display(self) -> str:
        """What lists, search results and third-party documents may show about the sender."""
        if self.kind == Kind.DENUNCIATION:
            return str(_("Denouncer (kept confidential)"))
        if self.citizen_id is None:
            return str(_("Anonymous"))
        name = self.citizen.full_name if self.citizen else ""
        if self.is_group:
            return str(_("%(name)s and %(n)d others") % {"name": name, "n": self.group_size - 1})
        return name


class DenouncerIdentity(models.Model):
    """The denouncer's identity, stored apart from the case and encrypted with FIELD_ENCRYPTION_KEY
    (Luật Tố cáo Art 9, 47; Quyết định 774/QĐ-TTg: "Mật"). Read only through services, which audit
    every view."""

    petition = models.OneToOneField(
        Petition, on_delete=models.PROTECT, related_name="denouncer_identity"
    )
    name_enc = models.TextField()
    address_enc = models.TextField(blank=True)
    id_number_enc = models.TextField(blank=True)
    phone_enc = models.TextField(blank=True)
    email_enc = models.TextField(blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("denouncer identity")
        verbose_name_plural = _("denouncer identities")

    def __str__(self) -> str:
        return f"#{self.petition_id}"


class IdentityScan(models.Model):
    """A handwriting scan (bút tích) of a denouncer: the file is stored encrypted."""

    identity = models.ForeignKey(DenouncerIdentity, on_delete=models.PROTECT, related_name="scans")
    content_enc = models.BinaryField()
    name_enc = models.TextField()
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"scan {self.pk}"


class IdentityClearance(models.Model):
    """A user cleared by a leader to see one denouncer's identity (need to know)."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="identity_clearances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "user"], name="clearance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.petition_id}"


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"petitions/{instance.petition.commune_id}/{instance.petition_id}/{filename}"


class Attachment(models.Model):
    class Purpose(models.TextChoices):
        EVIDENCE = "evidence", _("Evidence submitted")
        VERIFICATION = "verification", _("Verification record")
        ANSWER = "answer", _("Answer evidence")

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="attachments")
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.EVIDENCE)
    file = models.FileField(upload_to=_attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class PetitionEvent(models.Model):
    """The timeline: every step of a case. Public events are what the citizen sees when tracking."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    verb = models.CharField(max_length=40)
    status_after = models.CharField(max_length=20, blank=True)
    text = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    document = models.ForeignKey(
        OutgoingDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["verb", "at"], name="petition_event_verb_at")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.verb}"
