from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune, Unit

from .states import DocumentStatus
from .types import DocType


def _upload_to(instance: OutgoingDocument, filename: str) -> str:
    return f"documents/{instance.commune_id}/{instance.year or 'draft'}/{filename}"


class OutgoingDocument(models.Model):
    """An official document of the commune: a draft, then issued with its number (sổ văn bản đi).

    Once issued its content is frozen and both files (DOCX, the editable original, and PDF) kept."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="documents")
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    doc_type = models.CharField(_("document type"), max_length=4, choices=DocType.choices)
    issuer_code = models.CharField(_("issuer abbreviation"), max_length=20, default="UBND")
    drafting_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafting unit"),
    )
    title = models.CharField(_("subject line"), max_length=500)
    title_folded = models.CharField(max_length=500, blank=True, db_index=True)
    body = models.JSONField(_("content"), default=list)
    recipients_to = models.JSONField(_("addressed to"), default=list, blank=True)
    recipients = models.JSONField(_("recipients"), default=list)
    authority_lines = models.JSONField(_("signing authority"), default=list)
    signer_name = models.CharField(_("signer"), max_length=200)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    number_symbol = models.CharField(
        _("number and symbol"), max_length=60, blank=True, db_index=True
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    docx_file = models.FileField(_("DOCX file"), upload_to=_upload_to, blank=True)
    pdf_file = models.FileField(_("PDF file"), upload_to=_upload_to, blank=True)
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year", "-number", "-created_at"]
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"],
                condition=models.Q(number__isnull=False),
                name="document_unique_number_per_commune_year",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (
                    models.Q(number__isnull=False)
                    & models.Q(year__isnull=False)
                    & models.Q(issued_on__isnull=False)
                ),
                name="document_issued_has_number_and_date",
            ),
        ]
        indexes = [models.Index(fields=["commune", "status", "-issued_on"], name="document_list")]

    def __str__(self) -> str:
        return f"{self.number_symbol or _('Draft')} — {self.title}"


class LegalDocument(models.Model):
    """A legal or Party document the commune implements (the directive register, sổ văn bản chỉ đạo)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="legal_documents")
    doc_type = models.CharField(_("type"), max_length=100, blank=True)
    number_symbol = models.CharField(_("number and symbol"), max_length=80, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=300, blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    summary = models.TextField(_("subject"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "number_symbol"]
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "number_symbol"],
                condition=~models.Q(number_symbol=""),
                name="legal_unique_symbol_per_commune",
            ),
            models.UniqueConstraint(
                fields=["commune", "name"],
                condition=models.Q(number_symbol=""),
                name="legal_unique_name_per_commune",
            ),
        ]

    def __str__(self) -> str:
        if self.number_symbol:
            when = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
            return f"{self.doc_type} số {self.number_symbol}{when}".strip()
        return self.name
