from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.security import django_auth

from .core import router as core_router

api = NinjaAPI(
    title="DânVận API",
    version="1",
    description=str(_("Staff API of DânVận. Sign in to use it from the browser.")),
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/v1/", core_router)
