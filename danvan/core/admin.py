from django.contrib import admin

from .models import (
    AuditEvent,
    CalendarOverride,
    CalendarYear,
    Commune,
    DeadlineRule,
    Province,
    Unit,
)


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "province")
    list_filter = ("province",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "commune", "is_active")
    list_filter = ("commune", "kind")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "length", "unit", "direction", "is_unconfirmed", "is_active")
    list_filter = ("unit", "is_unconfirmed", "is_active")


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "is_confirmed", "legal_document")


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    """Read-only here: changes go through the calendar screen so deadlines are recomputed."""

    list_display = ("date", "kind", "name", "province", "is_active", "is_provisional")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "verb", "object_repr", "actor", "commune")
    list_filter = ("verb",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
