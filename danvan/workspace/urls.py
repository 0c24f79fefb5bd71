from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("deadlines/calculator/", views.calculator, name="calculator"),
    path("deadlines/<int:pk>/", views.deadline_detail, name="deadline_detail"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/export.<str:fmt>", views.calendar_export, name="calendar_export"),
    path(
        "calendar/overrides/<int:pk>/toggle/",
        views.calendar_override_toggle,
        name="override_toggle",
    ),
    path(
        "calendar/overrides/<int:pk>/delete/",
        views.calendar_override_delete,
        name="override_delete",
    ),
    path("calendar/<int:year>/confirm/", views.calendar_year_confirm, name="calendar_year_confirm"),
    path("units/", views.unit_list, name="units"),
    path("units/export.<str:fmt>", views.unit_list_export, name="units_export"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("audit/", views.audit_list, name="audit"),
    path("audit/export.<str:fmt>", views.audit_list_export, name="audit_export"),
    path("settings/", views.commune_settings, name="settings"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
]
