"""Demo data: An Quang commune (Hải Phòng) as its 2026 action programme describes it, a second
commune for the province view, and one account per role. Idempotent: running it again changes
nothing that is already there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.services import membership_grant, user_create
from danvan.core.models import Commune, Province, Unit, UnitKind
from danvan.core.services import unit_create
from danvan.petitions import services as petition_services
from danvan.petitions.models import Citizen
from danvan.petitions.states import Kind
from danvan.portal.models import Article
from danvan.programmes.demo import seed_founding_programme

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
def seed_demo() -> tuple[list[DemoUser], str]:
    """Create (or complete) the demo commune and cast; return the cast for printing, and the
    Open311 API key of the demo client when it was made now ("" if it already existed)."""
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
    if not an_quang.petitions.exists():
        _demo_petitions(an_quang, units)
    if not Article.objects.filter(commune=an_quang).exists():
        today = timezone.localdate()
        Article.objects.bulk_create(
            [
                Article(
                    commune=an_quang,
                    title="Xã An Quang triển khai Chương trình hành động công tác Dân vận năm 2026",
                    body="Ủy ban nhân dân xã ban hành Chương trình hành động triển khai công tác Dân vận "
                    "chính quyền năm 2026, tập trung tiếp công dân, đối thoại và giải quyết kịp thời "
                    "kiến nghị của Nhân dân.",
                    published_on=today - dt.timedelta(days=20),
                ),
                Article(
                    commune=an_quang,
                    title="Mô hình “Dân vận khéo” thu gom rác thải tại thôn Quang Thượng",
                    body="Thôn Quang Thượng duy trì mô hình phân loại, thu gom rác thải tại nguồn với sự "
                    "tham gia của hơn 300 hộ gia đình.",
                    published_on=today - dt.timedelta(days=6),
                ),
            ]
        )
    # Through the command: the api app sits beside demo, which may not import it (lint-imports).
    api_key = call_command(
        "open311_key", "Ứng dụng demo", commune="AQ", if_missing=True, stdout=StringIO()
    )
    seed_founding_programme(an_quang)
    return [*AN_QUANG_CAST, PROVINCE_VIEWER], api_key


def _demo_petitions(commune: Commune, units: dict[str, Unit]) -> None:
    """A handful of cases at different stages, so that every list and page shows something."""
    today = timezone.localdate()
    desk = User.objects.get(username="tiepdan")
    leader = User.objects.get(username="chutich")
    economy = units["Phòng Kinh tế"]
    village = units["Thôn Quang Thượng"]

    def citizen(name: str, phone: str) -> Citizen:
        return petition_services.citizen_get_or_create(
            commune=commune, full_name=name, phone=phone, address=f"{village.name}, xã An Quang"
        )

    road = petition_services.petition_register(
        actor=desk,
        commune=commune,
        kind=Kind.FEEDBACK,
        channel="desk",
        received_on=today - dt.timedelta(days=3),
        summary="Đường liên thôn bị ngập nước khi mưa lớn",
        content="Đoạn đường liên thôn Quang Thượng – Quang Hạ bị ngập sâu mỗi khi mưa lớn, học sinh đi lại khó khăn.",
        citizen=citizen("Nguyễn Văn Hùng", "0912345001"),
        village=village,
        field="environment",
    )
    petition_services.petition_assign(actor=leader, petition=road, unit=economy)
    petition_services.petition_start_handling(actor=desk, petition=road)
    land = petition_services.petition_register(
        actor=desk,
        commune=commune,
        kind=Kind.COMPLAINT,
        channel="desk",
        received_on=today - dt.timedelta(days=12),
        summary="Khiếu nại quyết định thu hồi đất nông nghiệp",
        content="Gia đình tôi khiếu nại quyết định thu hồi 320 m² đất nông nghiệp vì mức bồi thường chưa thỏa đáng.",
        citizen=citizen("Trần Thị Mai", "0912345002"),
        village=village,
        field="land",
    )
    petition_services.petition_accept(actor=leader, petition=land, on=today - dt.timedelta(days=5))
    petition_services.petition_assign(actor=leader, petition=land, unit=economy)
    petition_services.petition_register(
        actor=desk,
        commune=commune,
        kind=Kind.DENUNCIATION,
        channel="post",
        received_on=today - dt.timedelta(days=1),
        summary="Tố cáo cán bộ gây phiền hà khi làm thủ tục",
        content="Người tố cáo cho biết cán bộ bộ phận một cửa yêu cầu nộp thêm giấy tờ không có trong quy định.",
        denouncer={"name": "Lê Văn Bảo", "phone": "0912345003", "address": "Thôn An Lạc"},
        field="corruption",
    )
    petition_services.petition_register(
        actor=desk,
        commune=commune,
        kind=Kind.INFO_REQUEST,
        channel="online",
        received_on=today,
        summary="Đề nghị cung cấp quy hoạch sử dụng đất năm 2026",
        content="Đề nghị cung cấp bản đồ quy hoạch sử dụng đất năm 2026 của xã.",
        citizen=citizen("Phạm Minh Tuấn", "0912345004"),
        field="land",
    )
