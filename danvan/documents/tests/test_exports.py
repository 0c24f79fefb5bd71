"""The outgoing documents register and the directive register as XLSX and CSV: the rows the
pages show with their filters, the commune's own only, cells that cannot run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UserFactory
from danvan.core.models import Commune
from danvan.core.tests.spreadsheets import INJECTIONS, assert_protected, exports, flat, statuses
from danvan.documents import services
from danvan.documents.models import OutgoingDocument

pytestmark = pytest.mark.django_db


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def draft(commune: Commune, title: str, doc_type: str = "BC") -> OutgoingDocument:
    return services.document_create_draft(
        actor=None,
        commune=commune,
        doc_type=doc_type,
        title=title,
        signer_name="Nguyễn Quốc Thịnh",
        authority_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        recipients=["Như trên", "Lưu: VT"],
    )


def issued(commune: Commune, title: str, on: dt.date, doc_type: str = "BC") -> OutgoingDocument:
    return services.document_issue(actor=None, document=draft(commune, title, doc_type), on=on)


def test_the_register_export_is_the_register_with_its_filters(
    commune: Commune, other_commune: Commune, make_user: Callable[..., User]
) -> None:
    report = issued(commune, "Báo cáo công tác Dân vận 6 tháng", dt.date(2026, 7, 1))
    plan = issued(commune, "Kế hoạch tiếp công dân quý IV", dt.date(2026, 9, 1), "KH")
    draft(commune, "Báo cáo kết quả giải quyết khiếu nại")
    issued(other_commune, "Báo cáo của xã Tân Tiến", dt.date(2026, 7, 2))
    client = login(make_user(Role.RECEPTION_OFFICER))
    query = "status=issued&year=2026"
    listed = list(client.get(f"/documents/?{query}").context["page"].object_list)
    xlsx, csv_ = exports(client, "documents:export", query=query)
    assert [row[0] for row in xlsx[1:]] == [d.number_symbol for d in listed]
    assert [d.pk for d in listed] == [plan.pk, report.pk]
    assert xlsx[0][:4] == ["Số, ký hiệu", "Ngày ban hành", "Loại văn bản", "Trích yếu"]
    assert xlsx[1][:5] == [
        plan.number_symbol,
        dt.datetime(2026, 9, 1),
        plan.get_doc_type_display(),
        "Kế hoạch tiếp công dân quý IV",
        plan.get_status_display(),
    ]
    assert xlsx[1][6] == "Nguyễn Quốc Thịnh"
    assert csv_[1][:2] == [plan.number_symbol, "2026-09-01"]
    # The search (diacritics optional) finds the draft without a number too, in the page's order.
    shown = list(client.get("/documents/?q=bao cao").context["page"].object_list)
    xlsx, _csv = exports(client, "documents:export", query="q=bao+cao")
    assert [row[3] for row in xlsx[1:]] == [d.title for d in shown]
    assert sorted(d.title for d in shown) == [
        "Báo cáo công tác Dân vận 6 tháng",
        "Báo cáo kết quả giải quyết khiếu nại",
    ]
    assert [row[0] for row in xlsx[1:]] == [d.number_symbol or None for d in shown]
    assert "Tân Tiến" not in flat(*exports(client, "documents:export"))
    html = client.get(f"/documents/?{query}").content.decode()
    assert f"{reverse('documents:export', args=['xlsx'])}?status=issued&amp;year=2026" in html


def test_the_directive_register_export_is_the_commune_s(
    commune: Commune, other_commune: Commune, make_user: Callable[..., User]
) -> None:
    services.legal_document_register(
        actor=None,
        commune=commune,
        doc_type="Chỉ thị",
        number_symbol="33/CT-TTg",
        issued_on=dt.date(2024, 9, 1),
        issuer="Thủ tướng Chính phủ",
    )
    services.legal_document_register(
        actor=None, commune=commune, name="Quy chế dân chủ ở cơ sở", doc_type="Luật"
    )
    services.legal_document_register(
        actor=None, commune=other_commune, number_symbol="99/KH-UBND", issuer="UBND xã Tân Tiến"
    )
    client = login(make_user(Role.VILLAGE_HEAD))
    shown = list(client.get("/documents/legal/").context["documents"])
    xlsx, csv_ = exports(client, "documents:legal_export")
    assert [row[1] for row in csv_[1:]] == [d.number_symbol for d in shown]
    assert xlsx[1][:5] == [
        "Chỉ thị",
        "33/CT-TTg",
        None,
        dt.datetime(2024, 9, 1),
        "Thủ tướng Chính phủ",
    ]
    assert xlsx[2][2] == "Quy chế dân chủ ở cơ sở"
    assert "Tân Tiến" not in flat(xlsx, csv_)
    assert (
        reverse("documents:legal_export", args=["csv"])
        in client.get("/documents/legal/").content.decode()
    )


def test_who_cannot_open_a_register_cannot_export_it(make_user: Callable[..., User]) -> None:
    village = login(make_user(Role.VILLAGE_HEAD))
    assert village.get("/documents/").status_code == 403
    assert statuses(village, "documents:export") == {403}
    stranger = Client()
    stranger.force_login(UserFactory.create())  # no membership in any commune
    assert stranger.get("/documents/legal/").status_code == 403
    assert statuses(stranger, "documents:legal_export") == {403}


def test_cells_an_official_typed_cannot_run(
    commune: Commune, make_user: Callable[..., User]
) -> None:
    for text in INJECTIONS:
        draft(commune, text)
    services.legal_document_register(
        actor=None, commune=commune, name='=HYPERLINK("http://x")', issuer="@ban hành"
    )
    client = login(make_user(Role.LEADER))
    assert_protected(*exports(client, "documents:export"))
    assert_protected(
        *exports(client, "documents:legal_export"), ('=HYPERLINK("http://x")', "@ban hành")
    )
