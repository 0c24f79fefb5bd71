"""The roles of PRODUCT.md. Citizens use the public portal without an account."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEPTION_OFFICER = "reception_officer", _("Reception officer")
    HANDLING_OFFICER = "handling_officer", _("Handling officer")
    UNIT_HEAD = "unit_head", _("Unit head")
    LEADER = "leader", _("Commune leader")
    COORDINATOR = "coordinator", _("Programme coordinator")
    VILLAGE_HEAD = "village_head", _("Village head")
    FRONT_OFFICER = "front_officer", _("Fatherland Front / mass organisation")
    COMMUNITY_INSPECTOR = "community_inspector", _("Community inspector")
    PROVINCE_VIEWER = "province_viewer", _("Province viewer")
    ADMIN = "admin", _("Administrator")


# Roles whose accounts a commune may require to use two-factor sign-in.
TWO_FACTOR_ROLES = frozenset({Role.LEADER, Role.ADMIN})
