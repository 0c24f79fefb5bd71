from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fk_name = "user"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "full_name", "email", "is_active", "is_staff")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("DânVận", {"fields": ("full_name", "phone", "position")}),
    )
