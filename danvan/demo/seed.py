"""Demo data: An Quang commune (Hải Phòng) as its 2026 action programme describes it, a second
commune for the province view, and one account per role. Idempotent: running it again changes
nothing that is already there."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.services import membership_grant, user_create
from danvan.core.models import Commune, Province, Unit, UnitKind
from danvan.core.services import unit_create

DEMO_PASSWORD = "DanVan@2026"  # noqa: S105 — demo accounts only, printed by `make run`

AN_QUANG_UNITS: list[tuple[str, str, str]] = [
    ("Thường trực UBND xã", "UBND", UnitKind.LEADERSHIP),
    ("Văn phòng HĐND và UBND", "VP", UnitKind.OFFICE),
    ("Phòng Văn hoá - Xã hội", "VHXH", UnitKind.OFFICE),
    ("Phòng Kinh tế", "KT", UnitKind.OFFICE),
    ("Trung tâm Phục vụ hành chính công", "TTPVHCC", UnitKind.SERVICE_CENTRE),
    ("Trung tâm Dịch vụ tổng hợp", "TTDVTH", UnitKind.SERVICE_CENTRE),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "MTTQ", UnitKind.FRONT),
    ("Hội Liên hiệp Phụ nữ xã", "HPN", UnitKind.FRONT),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "ĐTN", UnitKind.FRONT),
    ("Hội Nông dân xã", "HND", UnitKind.FRONT),
    ("Hội Cựu chiến binh xã", "HCCB", UnitKind.FRONT),
    ("Ban Thanh tra nhân dân", "BTTND", UnitKind.SUPERVISION_BOARD),
    ("Ban Giám sát đầu tư của cộng đồng", "BGSĐTCĐ", UnitKind.SUPERVISION_BOARD),
    ("Thôn Quang Thượng", "", UnitKind.VILLAGE),
    ("Thôn Quang Hạ", "", UnitKind.VILLAGE),
    ("Thôn An Lạc", "", UnitKind.VILLAGE),
    ("Thôn An Phú", "", UnitKind.VILLAGE),
    ("Thôn Đồng Hòa", "", UnitKind.VILLAGE),
]

TAN_TIEN_UNITS: list[tuple[str, str, str]] = [
    ("Văn phòng HĐND và UBND", "VP", UnitKind.OFFICE),
    ("Phòng Văn hoá - Xã hội", "VHXH", UnitKind.OFFICE),
    ("Thôn Tiên Hội", "", UnitKind.VILLAGE),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    position: str
    role: str
    unit: str | None  # unit name in An Quang; None for a commune-wide role


AN_QUANG_CAST: list[DemoUser] = [
    DemoUser(
        "tiepdan",
        "Trần Thị Hoa",
        "Công chức tiếp công dân",
        Role.RECEPTION_OFFICER,
        "Văn phòng HĐND và UBND",
    ),
    DemoUser("chuyenvien", "Lê Văn Minh", "Chuyên viên", Role.HANDLING_OFFICER, "Phòng Kinh tế"),
    DemoUser(
        "truongphong", "Phạm Thu Trang", "Trưởng phòng Kinh tế", Role.UNIT_HEAD, "Phòng Kinh tế"
    ),
    DemoUser("chutich", "Đỗ Quang Huy", "Chủ tịch UBND xã", Role.LEADER, "Thường trực UBND xã"),
    DemoUser(
        "vhxh",
        "Nguyễn Thị Lan",
        "Trưởng phòng Văn hoá - Xã hội",
        Role.COORDINATOR,
        "Phòng Văn hoá - Xã hội",
    ),
    DemoUser(
        "truongthon",
        "Vũ Văn Bình",
        "Trưởng thôn Quang Thượng",
        Role.VILLAGE_HEAD,
        "Thôn Quang Thượng",
    ),
    DemoUser(
        "mttq",
        "Hoàng Thị Mai",
        "Chủ tịch Ủy ban MTTQ xã",
        Role.FRONT_OFFICER,
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    ),
    DemoUser(
        "thanhtra",
        "Bùi Văn Tâm",
        "Trưởng ban Thanh tra nhân dân",
        Role.COMMUNITY_INSPECTOR,
        "Ban Thanh tra nhân dân",
    ),
    DemoUser("quantri", "Ngô Đức Anh", "Quản trị hệ thống", Role.ADMIN, None),
]
PROVINCE_VIEWER = DemoUser(
    "sonoivu", "Đặng Minh Châu", "Chuyên viên Sở Nội vụ", Role.PROVINCE_VIEWER, None
)


def _units(commune: Commune, spec: list[tuple[str, str, str]]) -> dict[str, Unit]:
    units = {u.name: u for u in Unit.objects.filter(commune=commune)}
    for name, short, kind in spec:
        if name not in units:
            units[name] = unit_create(
                actor=None, commune=commune, name=name, short_name=short, kind=kind
            )
    return units


def _user(person: DemoUser, commune: Commune | None) -> User:
    user = User.objects.filter(username=person.username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=person.username,
            password=DEMO_PASSWORD,
            full_name=person.full_name,
            position=person.position,
            email=f"{person.username}@anquang.example",
            commune=commune,
        )
    return user


@transaction.atomic
def seed_demo() -> list[DemoUser]:
    """Create (or complete) the demo commune and cast; return the cast for printing."""
    province, _ = Province.objects.get_or_create(
        code="31", defaults={"name": "Thành phố Hải Phòng"}
    )
    an_quang, _ = Commune.objects.get_or_create(
        code="AQ",
        defaults={
            "province": province,
            "name": "An Quang",
            "kind": "xa",
            "latitude": "20.8240",
            "longitude": "106.5350",
        },
    )
    tan_tien, _ = Commune.objects.get_or_create(
        code="TT", defaults={"province": province, "name": "Tân Tiến", "kind": "xa"}
    )
    units = _units(an_quang, AN_QUANG_UNITS)
    _units(tan_tien, TAN_TIEN_UNITS)
    for person in AN_QUANG_CAST:
        user = _user(person, an_quang)
        membership_grant(
            actor=None,
            user=user,
            role=person.role,
            commune=an_quang,
            unit=units[person.unit] if person.unit else None,
        )
    viewer = _user(PROVINCE_VIEWER, None)
    membership_grant(actor=None, user=viewer, role=Role.PROVINCE_VIEWER, province=province)
    return [*AN_QUANG_CAST, PROVINCE_VIEWER]
