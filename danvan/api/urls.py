from django.utils.translation import gettext_lazy as _
from ninja.security import django_auth

from .core import router as core_router
from .errors import JsonErrorsAPI
from .petitions import router as petitions_router

api = JsonErrorsAPI(
    title="DânVận API",
    version="1",
    description=str(
        _(
            "Staff API of DânVận. Sign in to use it from the browser, or send a personal access "
            "token (made on the page /api-keys/tokens/) as “Authorization: Bearer …”. Every "
            "error is JSON: a stable `code`, a Vietnamese `detail` and the `field` at fault."
        )
    ),
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/v1/", core_router)
api.add_router("/v1/", petitions_router)
