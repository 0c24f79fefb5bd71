"""Action programmes and plans, their task tree, progress reports, directive study, reviews and the
annual unit evaluation (PRODUCT: II.7, III; the founding document is itself a programme)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune, Unit
from danvan.documents.models import LegalDocument, OutgoingDocument

from .states import (
    PROGRAMME_FREQUENCIES,
    CriterionMetric,
    Frequency,
    IndicatorKind,
    ProgrammeKind,
    Recurrence,
    ReviewKind,
)


class Programme(models.Model):
    """A programme or plan of the commune (unit empty) or of one unit. A unit's plan may implement
    a commune programme (III.1 of the founding document): `implements`."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="programmes")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("unit (empty: the commune)"),
    )
    kind = models.CharField(
        _("kind"), max_length=4, choices=ProgrammeKind.choices, default=ProgrammeKind.PROGRAMME
    )
    type_name = models.CharField(
        _("type as printed"),
        max_length=100,
        blank=True,
        help_text=_("For example: Chương trình hành động"),
    )
    title = models.CharField(_("subject line"), max_length=500)
    title_folded = models.CharField(max_length=500, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2099)]
    )
    number_symbol = models.CharField(_("number and symbol"), max_length=80, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    legal_basis = models.ManyToManyField(
        LegalDocument, blank=True, related_name="programmes", verbose_name=_("legal basis")
    )
    implements = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="implementing_plans",
        verbose_name=_("implements the programme"),
    )
    coordinator_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordinating unit"),
    )
    report_frequency = models.CharField(
        _("units report"),
        max_length=12,
        choices=PROGRAMME_FREQUENCIES,
        default=Frequency.MONTHLY,
    )
    report_lag_days = models.PositiveSmallIntegerField(
        _("days after the cut-off day that reports are due"),
        default=0,
        validators=[MaxValueValidator(60)],
        help_text=_(
            "Periods end on the 14th of their last month (Nghị định 09/2019/NĐ-CP). UNCONFIRMED: "
            "the deadline for units' reports is set by provincial instruction; 0 means on the "
            "cut-off day itself."
        ),
    )
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    authority_lines = models.JSONField(_("signing authority"), default=list, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    source_text = models.TextField(_("imported text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year", "unit_id", "title"]
        verbose_name = _("programme or plan")
        verbose_name_plural = _("programmes and plans")
        indexes = [models.Index(fields=["commune", "-year"], name="programme_commune_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number_symbol} — {self.title}".replace("  ", " ")

    @property
    def printed_type(self) -> str:
        return self.type_name or str(ProgrammeKind(self.kind).label)


class Responsibility(models.Model):
    """One paragraph of "TỔ CHỨC THỰC HIỆN": who does what (a unit, or a group of units)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="responsibilities"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    heading = models.CharField(_("as written"), max_length=300)
    duties = models.TextField(_("duties"), blank=True)
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("units"))
    group_kinds = models.JSONField(
        _("all units of the kinds"), default=list, blank=True, help_text="UnitKind values"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()


class Task(models.Model):
    """A content (nội dung) or task of a programme; tasks form a tree (II → II.1 → II.1.a)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_programme_tasks",
        verbose_name=_("lead unit (chủ trì)"),
    )
    cooperating_units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="cooperating_programme_tasks",
        verbose_name=_("cooperating units (phối hợp)"),
    )
    villages = models.ManyToManyField(
        Unit, blank=True, related_name="village_programme_tasks", verbose_name=_("villages")
    )
    legal_documents = models.ManyToManyField(
        LegalDocument, blank=True, related_name="programme_tasks", verbose_name=_("cited documents")
    )
    contributes_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("implements the content"),
    )
    recurrence = models.CharField(
        _("recurrence"), max_length=12, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    starts_on = models.DateField(_("start date"))
    due_on = models.DateField(_("due date"))
    expected_output = models.TextField(_("expected output"), blank=True)
    indicator_kind = models.CharField(
        _("indicator"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.NONE
    )
    target_value = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("counted in"), max_length=50, blank=True)
    # Kept in step by services.report_submit (the only writer): the latest figures, so that lists
    # and boards read them without aggregating every report.
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    achieved_value = models.DecimalField(_("achieved"), max_digits=12, decimal_places=2, default=0)
    last_report_on = models.DateField(_("last report"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="programme_task_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("starts_on")),
                name="programme_task_due_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="programme_task_progress_max_100"
            ),
            models.CheckConstraint(
                condition=~models.Q(indicator_kind="number") | models.Q(target_value__gt=0),
                name="programme_task_number_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ChecklistItem(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="checklist")
    label = models.CharField(_("item"), max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.label


class ProgressReport(models.Model):
    """A unit's report on one task for one reporting period."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="programme_reports", verbose_name=_("unit")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"), db_index=True)
    reported_on = models.DateField(_("reported on"))
    text = models.TextField(_("what was done"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    value = models.DecimalField(
        _("achieved in the period"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    checklist_done = models.ManyToManyField(
        ChecklistItem, blank=True, related_name="+", verbose_name=_("items done")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [
            models.Index(fields=["task", "unit", "period_end"], name="programme_report_slot")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="programme_report_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0),
                name="programme_report_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.number} — {self.unit} — {self.reported_on:%d/%m/%Y}"


def _evidence_path(instance: Evidence, filename: str) -> str:
    return f"programmes/{instance.report.task.programme.commune_id}/{instance.report_id}/{filename}"


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class StudySession(models.Model):
    """A unit's session studying one legal document of the programme (quán triệt, II.1, III.1)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="study_sessions"
    )
    legal_document = models.ForeignKey(
        LegalDocument, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("held on"))
    attendees = models.PositiveIntegerField(_("attendees"), validators=[MinValueValidator(1)])
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attendees__gte=1), name="programme_study_has_attendees"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.legal_document} — {self.held_on:%d/%m/%Y}"


class Review(models.Model):
    """A half-year (sơ kết) or year-end (tổng kết) review: a draft BÁO CÁO in the documents app."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=10, choices=ReviewKind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    document = models.ForeignKey(
        OutgoingDocument, on_delete=models.PROTECT, related_name="+", verbose_name=_("report")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_end.year}"


class Criterion(models.Model):
    """One criterion of the annual unit evaluation of a programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=300)
    metric = models.CharField(_("computed from"), max_length=12, choices=CriterionMetric.choices)
    points = models.PositiveSmallIntegerField(
        _("points"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points__gte=1) & models.Q(points__lte=100),
                name="programme_criterion_points_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ScoreAdjustment(models.Model):
    """An official's adjustment of a unit's computed score, with the reason (never silent)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="score_adjustments"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="adjustments", verbose_name=_("criterion")
    )
    points = models.DecimalField(_("points (+/−)"), max_digits=5, decimal_places=1)
    reason = models.TextField(_("reason"))
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("score adjustment")
        verbose_name_plural = _("score adjustments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(points=0), name="programme_adjustment_not_zero"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.points:+}"
