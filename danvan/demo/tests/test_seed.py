from io import StringIO

from django.core.management import call_command

from danvan.accounts.models import Membership, User
from danvan.accounts.roles import Role
from danvan.core.models import Commune, Unit


def test_seed_demo_creates_a_user_per_role_and_is_idempotent(db: None) -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=StringIO())
    commune = Commune.objects.get(code="AQ")
    assert commune.name == "An Quang"
    assert commune.province.name == "Thành phố Hải Phòng"
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)
    assert User.objects.count() == len(Role)
    names = set(Unit.objects.filter(commune=commune).values_list("name", flat=True))
    assert {
        "Phòng Văn hoá - Xã hội",
        "Văn phòng HĐND và UBND",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    } <= names
    assert Unit.objects.filter(commune=commune, kind="village").count() >= 3
    assert "tiepdan" in out.getvalue()
    assert "DanVan@2026" in out.getvalue()
