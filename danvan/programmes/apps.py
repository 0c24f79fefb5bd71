from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "danvan.programmes"
    label = "programmes"
    verbose_name = _("Action programmes")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the daily reminders)
