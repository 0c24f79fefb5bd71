from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("breakdown.<str:fmt>", views.breakdown_export, name="breakdown_export"),
    path("province/", views.province, name="province"),
    path("province/export.<str:fmt>", views.province_export, name="province_export"),
    path("communes/<int:pk>/", views.commune_dashboard, name="commune"),
    path(
        "communes/<int:pk>/breakdown.<str:fmt>",
        views.commune_breakdown_export,
        name="commune_breakdown_export",
    ),
    path("petitions/", views.petitions, name="petitions"),
    path("petitions/export.<str:fmt>", views.petitions_export, name="petitions_export"),
    path("forms/", views.forms, name="forms"),
    path("forms/<str:code>.xlsx", views.form_xlsx, name="form_xlsx"),
    path("opening-balance/", views.opening_balance, name="opening_balance"),
    path("report/", views.report_create, name="report_create"),
    path("report/<int:pk>/", views.report, name="report"),
    path("report/<int:pk>/annex.xlsx", views.annex_download, name="annex"),
    path("import/", views.import_upload, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("import/<int:pk>/run/", views.import_run, name="import_run"),
    path("import/<int:pk>/progress/", views.import_progress, name="import_progress"),
]
