from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("tra-cuu/", views.track, name="track"),
    path("ho-so/<str:tracking>/", views.case, name="case"),
    path("<str:code>/", views.home, name="home"),
    path("<str:code>/gui/", views.choose, name="choose"),
    path("<str:code>/gui/<slug:kind_slug>/", views.submit, name="submit"),
    path("<str:code>/da-gui/<str:tracking>/", views.submitted, name="submitted"),
    path("<str:code>/cong-khai/", views.public_cases, name="public_cases"),
    path("<str:code>/cong-khai/<str:tracking>/", views.public_case, name="public_case"),
    path("<str:code>/tin-tuc/", views.news, name="news"),
    path("<str:code>/tin-tuc/<int:pk>/", views.news, name="article"),
]
