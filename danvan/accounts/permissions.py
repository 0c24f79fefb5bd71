"""Named permissions: the one place that says which role may do what.

Views, templates and the API all ask `has_perm(user, PERM, commune)`. A province viewer sees every
commune of the province but holds only read permissions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from danvan.core.models import Commune

from .roles import Role


class Perm(StrEnum):
    VIEW_STAFF_HOME = "view_staff_home"
    USE_DEADLINE_CALCULATOR = "use_deadline_calculator"
    VIEW_CALENDAR = "view_calendar"
    MANAGE_CALENDAR = "manage_calendar"
    VIEW_UNITS = "view_units"
    MANAGE_UNITS = "manage_units"
    VIEW_DEADLINES = "view_deadlines"
    VIEW_AUDIT = "view_audit"
    MANAGE_COMMUNE_SETTINGS = "manage_commune_settings"
    VIEW_DOCUMENTS = "view_documents"
    DRAFT_DOCUMENTS = "draft_documents"
    ISSUE_DOCUMENTS = "issue_documents"
    VIEW_LEGAL_DOCUMENTS = "view_legal_documents"
    MANAGE_LEGAL_DOCUMENTS = "manage_legal_documents"
    PETITION_VIEW = "petition_view"
    PETITION_REGISTER = "petition_register"
    PETITION_PROCESS = "petition_process"
    PETITION_HANDLE = "petition_handle"
    PETITION_DECIDE = "petition_decide"
    PETITION_IDENTITY = "petition_identity"
    VIEW_RECEPTION = "view_reception"
    RECORD_RECEPTION = "record_reception"
    MANAGE_RECEPTION_SCHEDULE = "manage_reception_schedule"
    MANAGE_API_KEYS = "manage_api_keys"
    PROGRAMME_VIEW = "programme_view"
    PROGRAMME_MANAGE = "programme_manage"
    PROGRAMME_UNIT_PLAN = "programme_unit_plan"
    PROGRAMME_REPORT = "programme_report"
    PROGRAMME_REVIEW = "programme_review"
    PROGRAMME_EVALUATE = "programme_evaluate"
    REPORT_VIEW = "report_view"
    REPORT_MANAGE = "report_manage"
    REPORT_OPENING_BALANCE = "report_opening_balance"


STAFF_ROLES = frozenset(Role) - {Role.PROVINCE_VIEWER}
ALL_ROLES = frozenset(Role)

# Permissions that change nothing; the only ones a province viewer may hold.
READ_ONLY = frozenset(
    {
        Perm.VIEW_STAFF_HOME,
        Perm.USE_DEADLINE_CALCULATOR,
        Perm.VIEW_CALENDAR,
        Perm.VIEW_UNITS,
        Perm.VIEW_DEADLINES,
        Perm.VIEW_AUDIT,
        Perm.VIEW_DOCUMENTS,
        Perm.VIEW_LEGAL_DOCUMENTS,
        Perm.PETITION_VIEW,
        Perm.VIEW_RECEPTION,
        Perm.PROGRAMME_VIEW,
        Perm.REPORT_VIEW,
    }
)

# Officials who write documents for the commune.
DRAFTERS = frozenset(
    {
        Role.RECEPTION_OFFICER,
        Role.HANDLING_OFFICER,
        Role.UNIT_HEAD,
        Role.LEADER,
        Role.COORDINATOR,
        Role.ADMIN,
    }
)

MATRIX: dict[Perm, frozenset[Role]] = {
    Perm.VIEW_STAFF_HOME: ALL_ROLES,
    Perm.USE_DEADLINE_CALCULATOR: ALL_ROLES,
    Perm.VIEW_CALENDAR: ALL_ROLES,
    Perm.MANAGE_CALENDAR: frozenset({Role.ADMIN}),
    Perm.VIEW_UNITS: ALL_ROLES,
    Perm.MANAGE_UNITS: frozenset({Role.ADMIN}),
    Perm.VIEW_DEADLINES: frozenset(
        {
            Role.RECEPTION_OFFICER,
            Role.HANDLING_OFFICER,
            Role.UNIT_HEAD,
            Role.LEADER,
            Role.COORDINATOR,
            Role.ADMIN,
            Role.PROVINCE_VIEWER,
        }
    ),
    Perm.VIEW_AUDIT: frozenset({Role.ADMIN, Role.PROVINCE_VIEWER}),
    Perm.MANAGE_COMMUNE_SETTINGS: frozenset({Role.ADMIN}),
    Perm.VIEW_DOCUMENTS: DRAFTERS | {Role.PROVINCE_VIEWER},
    Perm.DRAFT_DOCUMENTS: DRAFTERS,
    # The văn thư registers and numbers outgoing documents; in a commune the reception officer
    # usually holds that post (PRODUCT.md: "công chức tiếp công dân / văn thư").
    Perm.ISSUE_DOCUMENTS: frozenset({Role.RECEPTION_OFFICER, Role.ADMIN}),
    Perm.VIEW_LEGAL_DOCUMENTS: ALL_ROLES,
    Perm.MANAGE_LEGAL_DOCUMENTS: frozenset({Role.COORDINATOR, Role.LEADER, Role.ADMIN}),
    # Which petitions each role sees is decided by petitions.selectors (scoped by unit, village,
    # forwarding channel); this says who may open the petition pages at all.
    Perm.PETITION_VIEW: frozenset(
        {
            Role.RECEPTION_OFFICER,
            Role.HANDLING_OFFICER,
            Role.UNIT_HEAD,
            Role.LEADER,
            Role.COORDINATOR,
            Role.VILLAGE_HEAD,
            Role.FRONT_OFFICER,
            Role.ADMIN,
            Role.PROVINCE_VIEWER,
        }
    ),
    Perm.PETITION_REGISTER: frozenset({Role.RECEPTION_OFFICER, Role.LEADER}),
    # Processing a petition (xử lý đơn): classify, assign, guide, transfer, file, merge.
    Perm.PETITION_PROCESS: frozenset({Role.RECEPTION_OFFICER, Role.LEADER}),
    # Working on an assigned case: verify, answer recommendations, notes, attachments.
    Perm.PETITION_HANDLE: frozenset(
        {Role.RECEPTION_OFFICER, Role.HANDLING_OFFICER, Role.UNIT_HEAD, Role.LEADER}
    ),
    # The chairman's acts: accept, refuse, extend, suspend, decide, close.
    Perm.PETITION_DECIDE: frozenset({Role.LEADER}),
    # Seeing who denounced (Luật Tố cáo Art 9, 47): the resolver only, plus explicit clearances.
    Perm.PETITION_IDENTITY: frozenset({Role.LEADER}),
    # Citizen reception (tiếp công dân, DOMAIN §4): the register and the reception schedule.
    Perm.VIEW_RECEPTION: frozenset(
        {
            Role.RECEPTION_OFFICER,
            Role.LEADER,
            Role.ADMIN,
            Role.PROVINCE_VIEWER,
            Role.UNIT_HEAD,
        }
    ),
    Perm.RECORD_RECEPTION: frozenset({Role.RECEPTION_OFFICER, Role.LEADER}),
    Perm.MANAGE_RECEPTION_SCHEDULE: frozenset({Role.LEADER, Role.ADMIN, Role.RECEPTION_OFFICER}),
    # Keys of external applications (Open311 clients) that submit petitions to the commune.
    Perm.MANAGE_API_KEYS: frozenset({Role.ADMIN}),
    # Action programmes (PRODUCT II.7, III). Which tasks a unit may report on is decided by
    # programmes.access (the unit must be in charge of, cooperate on, or be a village of the task).
    Perm.PROGRAMME_VIEW: ALL_ROLES,
    # The coordinator (Phòng Văn hoá - Xã hội) runs the commune's programme; leaders may too.
    Perm.PROGRAMME_MANAGE: frozenset({Role.COORDINATOR, Role.LEADER}),
    # A unit head writes the unit's own plan implementing the programme (III.1).
    Perm.PROGRAMME_UNIT_PLAN: frozenset({Role.COORDINATOR, Role.LEADER, Role.UNIT_HEAD}),
    Perm.PROGRAMME_REPORT: frozenset(
        {
            Role.COORDINATOR,
            Role.UNIT_HEAD,
            Role.HANDLING_OFFICER,
            Role.VILLAGE_HEAD,
            Role.FRONT_OFFICER,
        }
    ),
    Perm.PROGRAMME_REVIEW: frozenset({Role.COORDINATOR, Role.LEADER}),
    Perm.PROGRAMME_EVALUATE: frozenset({Role.COORDINATOR, Role.LEADER}),
    # Dashboards, statistics forms and exports (DOMAIN §14). What each role counts is still
    # decided by petitions.selectors: a unit head sees their unit's figures.
    Perm.REPORT_VIEW: frozenset(
        {
            Role.RECEPTION_OFFICER,
            Role.UNIT_HEAD,
            Role.LEADER,
            Role.COORDINATOR,
            Role.ADMIN,
            Role.PROVINCE_VIEWER,
        }
    ),
    # The BÁO CÁO draft, importing historical petitions.
    Perm.REPORT_MANAGE: frozenset({Role.LEADER, Role.RECEPTION_OFFICER}),
    # The one-time opening balance (kê khai số liệu đầu kỳ, DOMAIN §14.4): a figure the commune
    # declares once for its official statistics, so the leader or the administrator enters it.
    Perm.REPORT_OPENING_BALANCE: frozenset({Role.LEADER, Role.ADMIN}),
}

assert all(perm in READ_ONLY for perm, roles in MATRIX.items() if Role.PROVINCE_VIEWER in roles), (
    "a province viewer may only hold read-only permissions"
)


def roles_in(user: Any, commune: Commune | None) -> frozenset[Role]:
    """The roles `user` holds for `commune` (province viewers hold theirs for every commune of
    their province). Cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or commune is None:
        return frozenset()
    cache: dict[int, frozenset[Role]] = user.__dict__.setdefault("_danvan_roles", {})
    if commune.pk not in cache:
        roles = set()
        for membership in user.memberships.filter(is_active=True):
            if membership.commune_id == commune.pk or (
                membership.role == Role.PROVINCE_VIEWER
                and membership.province_id == commune.province_id
            ):
                roles.add(Role(membership.role))
        cache[commune.pk] = frozenset(roles)
    return cache[commune.pk]


def has_perm(user: Any, perm: Perm, commune: Commune | None) -> bool:
    return bool(roles_in(user, commune) & MATRIX[perm])
