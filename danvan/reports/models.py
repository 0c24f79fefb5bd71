"""What the reports app stores: the one-time opening balances, import jobs, the XLSX annexes of
drafted reports, and CaseFacts — a digest of each petition kept current from its timeline (see
reports.facts). Every figure of a form is computed from the other apps' events; nothing here holds
a typed-in cell."""

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


# The timeline verbs the statistics forms ask about ("did it happen in the period?").
FACT_VERBS = (
    "accepted",
    "guided",
    "transferred",
    "refused",
    "filed",
    "merged",
    "management_check",
    "handling_started",
    "decided",
    "answered",
    "closed",
    "reopened",
)


class CaseFacts(models.Model):
    """A narrow digest of one petition for the statistics forms, kept by `reports.facts` whenever
    the petition or its timeline changes (and rebuilt by `manage.py case_facts`).

    The forms need, per case and per period, the status at both ends and whether each verb
    happened inside the period. Asking the timeline for that costs ~16 index probes per case;
    this row answers almost every question from first/last timestamps alone, and the forms fall
    back to the timeline only when a verb repeats on both sides of a period bound (see
    forms_base.caseload). It also copies the classification the forms group by, so a province-wide
    annual form reads this table only, not the wide petitions table."""

    petition = models.OneToOneField(
        "petitions.Petition",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="facts",
    )
    # Copied from the petition (same names, so a form's conditions read either).
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    field = models.CharField(max_length=20)
    is_group = models.BooleanField(default=False)
    is_eligible = models.BooleanField(null=True)
    complaint_stage = models.CharField(max_length=20, blank=True)
    closure = models.CharField(max_length=20, blank=True)
    received_on = models.DateField()
    closed_at = models.DateTimeField(null=True)
    # …and what the province overview counts: open, overdue, finished in DânVận.
    status = models.CharField(max_length=20, blank=True)
    due_on = models.DateField(null=True)
    is_historical_closure = models.BooleanField(default=False)
    # The timeline's status changes: the first and the last, and the status the last one left.
    status_first = models.DateTimeField(null=True)
    status_last = models.DateTimeField(null=True)
    last_status = models.CharField(max_length=20, blank=True)
    # The due date of the case's resolution clock (its latest clock that is not a notification
    # clock): what "on time" is measured against.
    resolution_due = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["commune", "received_on"], name="case_facts_received")]

    def __str__(self) -> str:
        return f"facts of petition {self.petition_id}"


# `<verb>_first` and `<verb>_last`: when the verb first and last happened (null: never).
for _verb in FACT_VERBS:
    models.DateTimeField(null=True).contribute_to_class(CaseFacts, f"{_verb}_first")
    models.DateTimeField(null=True).contribute_to_class(CaseFacts, f"{_verb}_last")
