"""What the reports app stores: the one-time opening balances and import jobs. Every figure of a
form is computed from the other apps' events; nothing here holds a typed-in cell."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune


class OpeningBalance(models.Model):
    """Cases open on the day the commune started using DânVận (kê khai số liệu đầu kỳ, DOMAIN
    §14.4). Entered once; added to the "carried over" cells of the period starting that day."""

    commune = models.OneToOneField(
        Commune, on_delete=models.PROTECT, related_name="opening_balance"
    )
    as_of = models.DateField(_("first day of the first period"))
    # {"complaint": {"single": 3, "group": 1}, "denunciation": {...}, ...}
    counts = models.JSONField(_("open cases by kind"), default=dict)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opening balance")
        verbose_name_plural = _("opening balances")

    def __str__(self) -> str:
        return f"{self.commune} {self.as_of:%d/%m/%Y}"

    def count(self, kinds: frozenset[str], group: bool | None = None) -> int:
        total = 0
        for kind, split in self.counts.items():
            if kind not in kinds:
                continue
            if group is None or group:
                total += int(split.get("group", 0))
            if group is None or not group:
                total += int(split.get("single", 0))
        return total


def _annex_path(instance: ReportAnnex, filename: str) -> str:
    return f"reports/{instance.document.commune_id}/{filename}"


class ReportAnnex(models.Model):
    """The XLSX annex (the statistics forms) of a BÁO CÁO drafted from the forms."""

    document = models.ForeignKey(
        "documents.OutgoingDocument", on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to=_annex_path)
    period_start = models.DateField()
    period_end = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.file.name


class ImportJob(models.Model):
    """One upload of historical petitions: the rows that passed validation (encrypted: they hold
    names, phone numbers and denouncers' identities), the rejected rows with their reasons, and
    the progress of the import that lands the good rows in one transaction."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    # Fernet-encrypted JSON list of the good rows; emptied once the import has finished.
    rows_enc = models.TextField(blank=True)
    # [{"row": 5, "errors": [{"code": "bad_date", "column": "Ngày nhận", "value": "31/02/2020"}]}]
    rejected = models.JSONField(default=list, blank=True)
    # [{"row": 7, "columns": ["Tóm tắt"]}]: cells that looked like formulas, kept as plain text.
    warnings = models.JSONField(default=list, blank=True)
    total = models.PositiveIntegerField(default=0)
    good = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("petition import")
        verbose_name_plural = _("petition imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"
