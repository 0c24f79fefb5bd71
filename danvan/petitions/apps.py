from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Petitions")

    def ready(self) -> None:
        from danvan.core.services import register_deadline_subject

        from . import services, tasks  # noqa: F401  (tasks registers the daily reminders)

        register_deadline_subject(services.SUBJECT, services.petition_refresh_due)
