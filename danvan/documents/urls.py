from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("export.<str:fmt>", views.document_list_export, name="export"),
    path("new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/issue/", views.document_issue, name="issue"),
    path("<int:pk>/download/<str:fmt>/", views.document_download, name="download"),
    path("parse/", views.parse_page, name="parse"),
    path("parse/register/", views.register_references, name="register_references"),
    path("legal/", views.legal_list, name="legal"),
    path("legal/export.<str:fmt>", views.legal_list_export, name="legal_export"),
]
