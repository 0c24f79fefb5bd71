from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from danvan.api.urls import api
from danvan.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("danvan.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("documents/", include("danvan.documents.urls")),
    path("petitions/", include("danvan.petitions.urls")),
    path("reception/", include("danvan.reception.urls")),
    path("programmes/", include("danvan.programmes.urls")),
    path("cong-dan/", include("danvan.portal.urls")),
    path("reports/", include("danvan.reports.urls")),
    path("", include("danvan.api.web_urls")),  # /open311/v2/, /api-keys/; after "api/"
    path("", include("danvan.workspace.urls")),
]
