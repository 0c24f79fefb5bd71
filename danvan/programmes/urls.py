from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("export.<str:fmt>", views.programme_list_export, name="export"),
    path("new/", views.programme_create, name="create"),
    path("import/", views.programme_import, name="import"),
    path("import/confirm/", views.programme_import_confirm, name="import_confirm"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/timeline/", views.programme_timeline, name="timeline"),
    path("<int:pk>/board/", views.programme_board, name="board"),
    path("<int:pk>/tasks.<str:fmt>", views.programme_tasks_export, name="tasks_export"),
    path("<int:pk>/reporting/", views.programme_reporting, name="reporting"),
    path(
        "<int:pk>/reporting/export.<str:fmt>",
        views.programme_reporting_export,
        name="reporting_export",
    ),
    path("<int:pk>/study/", views.programme_study, name="study"),
    path("<int:pk>/study/export.<str:fmt>", views.programme_study_export, name="study_export"),
    path("<int:pk>/reviews/", views.programme_reviews, name="reviews"),
    path(
        "<int:pk>/reviews/export.<str:fmt>", views.programme_reviews_export, name="reviews_export"
    ),
    path("<int:pk>/evaluation/", views.programme_evaluation, name="evaluation"),
    path(
        "<int:pk>/evaluation/export.<str:fmt>",
        views.programme_evaluation_export,
        name="evaluation_export",
    ),
    path("<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/cancel/", views.task_cancel, name="task_cancel"),
    path("tasks/<int:pk>/report/", views.task_report, name="task_report"),
    path("tasks/<int:pk>/reports.<str:fmt>", views.task_reports_export, name="task_reports_export"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/<int:pk>/tasks.<str:fmt>", views.unit_tasks_export, name="unit_export"),
]
