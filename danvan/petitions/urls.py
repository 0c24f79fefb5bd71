from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_index, name="list"),
    path("export.<str:fmt>", views.petition_export, name="export"),
    path("work/", views.work, name="work"),
    path("work/export.<str:fmt>", views.work_export, name="work_export"),
    path("new/", views.register, name="register"),
    path("citizens/", views.citizen_search, name="citizen_search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/note/", views.note, name="note"),
    path("<int:pk>/notice/<str:key>/", views.draft_notice, name="notice"),
    path("<int:pk>/identity/", views.reveal_identity, name="identity"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/hide/", views.hide, name="hide"),
]
