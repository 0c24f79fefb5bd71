from django.urls import path

from . import views

app_name = "reception"

urlpatterns = [
    path("", views.register, name="register"),
    path("export.<str:fmt>", views.register_export, name="register_export"),
    path("schedule/", views.schedule, name="schedule"),
    path("schedule/export.<str:fmt>", views.schedule_export, name="schedule_export"),
    path("schedule/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("schedule/<int:pk>/publish/", views.session_publish, name="session_publish"),
    path("visit/", views.visit, name="visit"),
    path("visit/citizens/", views.citizen_search, name="citizen_search"),
    path("refuse/", views.refuse, name="refuse"),
    path("public-schedule/<str:commune_code>/", views.public_schedule, name="public_schedule"),
]
