"""Who may act on which programme, task and unit, beyond the named permissions of the matrix.

A named permission (accounts.permissions.Perm) says whether a role may do something at all; these
functions say for which units: an officer reports only for a unit they belong to that is in charge
of, cooperates on, or is a village of the task; a unit head plans only for their unit. The
coordinator acts for every unit of the commune.
"""

from __future__ import annotations

from typing import Any

from danvan.accounts.models import Membership
from danvan.accounts.permissions import Perm, has_perm, roles_in
from danvan.accounts.roles import Role
from danvan.core.models import Unit

from .models import Programme, Task

REPORTING_ROLES = frozenset(
    {Role.UNIT_HEAD, Role.HANDLING_OFFICER, Role.VILLAGE_HEAD, Role.FRONT_OFFICER}
)


def is_coordinator(user: Any, commune: Any) -> bool:
    return Role.COORDINATOR in roles_in(user, commune)


def member_unit_ids(user: Any, commune: Any, roles: frozenset[Role] = REPORTING_ROLES) -> set[int]:
    """Units of `commune` in which `user` holds one of `roles`."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.filter(
            user=user, commune=commune, is_active=True, role__in=roles, unit__isnull=False
        ).values_list("unit_id", flat=True)
    )


def task_unit_ids(task: Task) -> set[int]:
    """Units that may report on a task: the lead, the cooperating units and the villages."""
    ids = {u.pk for u in task.cooperating_units.all()} | {v.pk for v in task.villages.all()}
    if task.lead_unit_id:
        ids.add(task.lead_unit_id)
    return ids


def reporting_units(user: Any, task: Task) -> list[Unit]:
    """The units `user` may report for on `task` (empty: may not report on it)."""
    commune = task.programme.commune
    if not has_perm(user, Perm.PROGRAMME_REPORT, commune):
        return []
    allowed = task_unit_ids(task)
    if not is_coordinator(user, commune):
        allowed &= member_unit_ids(user, commune)
    return list(Unit.objects.filter(pk__in=allowed, commune=commune).order_by("kind", "name"))


def study_units(user: Any, programme: Programme, expected: list[Unit]) -> list[Unit]:
    """The units `user` may record directive study sessions for."""
    commune = programme.commune
    if not has_perm(user, Perm.PROGRAMME_REPORT, commune):
        return []
    if is_coordinator(user, commune):
        return expected
    mine = member_unit_ids(user, commune)
    return [unit for unit in expected if unit.pk in mine]


def can_edit_programme(user: Any, programme: Programme) -> bool:
    """The coordinator and leaders edit every programme of the commune; a unit head edits the
    plans of their own unit."""
    commune = programme.commune
    if has_perm(user, Perm.PROGRAMME_MANAGE, commune):
        return True
    return (
        programme.unit_id is not None
        and has_perm(user, Perm.PROGRAMME_UNIT_PLAN, commune)
        and programme.unit_id in member_unit_ids(user, commune, frozenset({Role.UNIT_HEAD}))
    )


def plan_units(user: Any, commune: Any) -> list[Unit]:
    """Units `user` may create a plan for."""
    units = Unit.objects.filter(commune=commune, is_active=True).exclude(kind="village")
    if has_perm(user, Perm.PROGRAMME_MANAGE, commune):
        return list(units.order_by("kind", "name"))
    if not has_perm(user, Perm.PROGRAMME_UNIT_PLAN, commune):
        return []
    mine = member_unit_ids(user, commune, frozenset({Role.UNIT_HEAD}))
    return list(units.filter(pk__in=mine).order_by("kind", "name"))
