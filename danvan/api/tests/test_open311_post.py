"""Open311 GeoReport v2 contract, POST requests: a feedback through an application with an API
key becomes an online petition; every field of the specification, both formats, every error."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from danvan.api import services
from danvan.api.models import ApiKey, Open311Submission
from danvan.api.open311 import catalogue
from danvan.api.tests.conftest import OPEN311, json_error_codes, xml_of, xml_record
from danvan.core.models import AuditEvent, Commune
from danvan.petitions.models import Channel, Petition
from danvan.petitions.services import tracking_secret_matches
from danvan.petitions.states import Kind, Status

pytestmark = pytest.mark.usefixtures("frozen")

DESCRIPTION = (
    "Cống thoát nước đầu ngõ 5 thôn Quang Thượng bị tắc từ tuần trước, mỗi khi mưa nước tràn "
    "vào nhà dân và lên mặt đường liên thôn. Đề nghị xã cho nạo vét sớm."
)


def form(key: str, **overrides: Any) -> dict[str, Any]:
    data = {
        "api_key": key,
        "jurisdiction_id": "AQ",
        "service_code": "environment",
        "lat": "20.824512",
        "long": "106.535099",
        "address_string": "Đầu ngõ 5, thôn Quang Thượng",
        "address_id": "QT-05",
        "email": "minh.tran@example.vn",
        "device_id": "device-42",
        "account_id": "acct-7",
        "first_name": "Minh",
        "last_name": "Trần Quang",
        "phone": "0912 345 678",
        "description": DESCRIPTION,
        "media_url": "https://cdn.example.vn/anh/cong-tac.jpg",
        "attribute[issue]": "flooding",
        "attribute[publish_answer]": "yes",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post(client: Client, data: dict[str, Any], fmt: str = "json", **extra: Any) -> Any:
    return client.post(f"{OPEN311}/requests.{fmt}", data, **extra)


def test_post_creates_an_online_feedback_with_every_field(
    client: Client,
    commune: Commune,
    other_commune: Commune,
    api_key: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form(api_key))
    assert response.status_code == 200, response.content
    (created,) = response.json()
    assert list(created) == ["service_request_id", "service_notice", "account_id"]
    assert created["account_id"] == "acct-7"
    petition = Petition.objects.get(tracking_code=created["service_request_id"])
    assert petition.commune == commune
    assert petition.kind == Kind.FEEDBACK
    assert petition.channel == Channel.ONLINE
    assert petition.status == Status.REGISTERED
    assert petition.field == "environment"
    assert petition.summary == " ".join(DESCRIPTION.split())[:120]
    assert petition.content.startswith(DESCRIPTION)
    with translation.override("vi"):
        issue = catalogue.ENVIRONMENT_ISSUE
        assert f"{issue.label}: {issue.value_name('flooding')}" in petition.content
    assert petition.place == "Đầu ngõ 5, thôn Quang Thượng"
    assert str(petition.latitude) == "20.824512"
    assert str(petition.longitude) == "106.535099"
    assert petition.is_public is True  # attribute[publish_answer]=yes
    assert petition.external_client == "Ứng dụng Zalo"
    assert petition.citizen is not None
    assert petition.citizen.full_name == "Trần Quang Minh"  # family name first
    assert petition.citizen.phone == "0912345678"
    assert petition.citizen.email == "minh.tran@example.vn"
    submission = Open311Submission.objects.get(petition=petition)
    assert submission.api_key.name == "Ứng dụng Zalo"
    assert submission.media_url == "https://cdn.example.vn/anh/cong-tac.jpg"
    assert (submission.address_id, submission.device_id, submission.account_id) == (
        "QT-05",
        "device-42",
        "acct-7",
    )
    assert submission.attributes == {"issue": "flooding", "publish_answer": "yes"}
    # The notice gives the tracking code and the secret code, which works on the citizens' site.
    notice = created["service_notice"]
    assert petition.tracking_code in notice
    assert any(tracking_secret_matches(petition, w) for w in re.findall(r"\b[0-9A-F]{8}\b", notice))
    assert ApiKey.objects.get(name="Ứng dụng Zalo").last_used_at is not None
    assert AuditEvent.objects.filter(
        verb="api.open311_submitted", object_id=str(petition.pk)
    ).exists()
    assert [m.to for m in mail.outbox] == [["minh.tran@example.vn"]]  # the receipt to the citizen


def test_post_xml_answer(client: Client, commune: Commune, api_key: str) -> None:
    response = post(client, form(api_key, account_id=None), fmt="xml")
    assert response.status_code == 200
    root = xml_of(response)
    assert root.tag == "service_requests"
    record = xml_record(root.find("request"))
    assert list(record) == ["service_request_id", "service_notice", "account_id"]
    assert record["account_id"] == ""
    assert Petition.objects.filter(tracking_code=record["service_request_id"]).exists()


def test_post_accepts_a_json_object(client: Client, commune: Commune, api_key: str) -> None:
    body = form(api_key)
    body.pop("attribute[issue]")
    body.pop("attribute[publish_answer]")
    body["attribute"] = {"issue": "waste"}
    body["lat"], body["long"] = 20.8, 106.5
    response = client.post(
        f"{OPEN311}/requests.json", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    petition = Petition.objects.get(tracking_code=response.json()[0]["service_request_id"])
    assert petition.is_public is False
    assert Open311Submission.objects.get(petition=petition).attributes == {"issue": "waste"}


def test_location_may_be_an_address_alone_and_one_commune_needs_no_jurisdiction(
    client: Client, commune: Commune, api_key: str
) -> None:
    response = post(client, form(api_key, jurisdiction_id=None, lat=None, long=None))
    assert response.status_code == 200, response.content
    petition = Petition.objects.get(tracking_code=response.json()[0]["service_request_id"])
    assert petition.latitude is None
    assert petition.place == "Đầu ngõ 5, thôn Quang Thượng"


def test_a_commune_key_needs_no_jurisdiction_but_may_not_post_elsewhere(
    client: Client, commune: Commune, other_commune: Commune, api_key: str
) -> None:
    assert post(client, form(api_key, jurisdiction_id=None)).status_code == 200
    response = post(client, form(api_key, jurisdiction_id="TT"))
    assert response.status_code == 403
    assert json_error_codes(response) == ["api_key_wrong_jurisdiction"]
    assert not Petition.objects.filter(commune=other_commune).exists()
    _key, everywhere = services.api_key_create(actor=None, name="Cổng tỉnh")
    assert post(client, form(everywhere, jurisdiction_id="TT")).status_code == 200
    without = post(client, form(everywhere, jurisdiction_id=None))
    assert without.status_code == 400
    assert json_error_codes(without) == ["jurisdiction_required"]


@pytest.mark.parametrize(
    ("overrides", "status", "error_code", "field"),
    [
        ({"api_key": None}, 403, "api_key_required", "api_key"),
        ({"api_key": "o311_not-a-key"}, 403, "api_key_invalid", "api_key"),
        ({"jurisdiction_id": "ZZ"}, 404, "jurisdiction_not_found", "jurisdiction_id"),
        ({"service_code": None}, 400, "service_code_required", "service_code"),
        ({"service_code": "potholes"}, 404, "service_code_not_found", "service_code"),
        ({"description": "   "}, 400, "required", "description"),
        ({"description": "x" * 4001}, 400, "too_long", "description"),
        ({"first_name": None, "last_name": None}, 400, "required", "first_name"),
        ({"email": None, "phone": None}, 400, "contact_required", "email"),
        ({"email": "not-an-address"}, 400, "invalid_email", "email"),
        ({"phone": "gọi tôi"}, 400, "invalid_phone", "phone"),
        ({"lat": "91"}, 400, "invalid_coordinate", "lat"),
        ({"long": "NaN"}, 400, "invalid_coordinate", "long"),
        ({"long": None}, 400, "required", "long"),
        (
            {"lat": None, "long": None, "address_string": None, "address_id": None},
            400,
            "location_required",
            "address_string",
        ),
        ({"media_url": "javascript:alert(1)"}, 400, "invalid_url", "media_url"),
        ({"attribute[issue]": "volcano"}, 400, "invalid_choice", "attribute[issue]"),
        ({"first_name": "ß" * 100, "last_name": "ẞ" * 100}, 400, "too_long", "last_name"),
        ({"device_id": "d" * 101}, 400, "too_long", "device_id"),
    ],
)
def test_post_errors_name_the_field(
    client: Client,
    commune: Commune,
    api_key: str,
    overrides: dict[str, Any],
    status: int,
    error_code: str,
    field: str,
) -> None:
    for fmt in ("json", "xml"):
        response = post(client, form(api_key, **overrides), fmt=fmt)
        assert response.status_code == status, response.content
        if fmt == "json":
            assert json_error_codes(response) == [error_code]
            assert response.json()[0]["field"] == field
        else:
            error = xml_record(xml_of(response).find("error"))
            assert error["code"] == str(status)
            assert (error["error_code"], error["field"]) == (error_code, field)
            assert error["description"]
    assert not Petition.objects.exists()


def test_a_revoked_key_is_refused(client: Client, commune: Commune, api_key: str) -> None:
    services.api_key_revoke(actor=None, key=ApiKey.objects.get(name="Ứng dụng Zalo"))
    response = post(client, form(api_key))
    assert response.status_code == 403
    assert json_error_codes(response) == ["api_key_invalid"]


def test_a_bad_body_is_a_400(client: Client, commune: Commune, api_key: str) -> None:
    for body in ("{not json", "[1, 2]", '"text"'):
        response = client.post(f"{OPEN311}/requests.json", body, content_type="application/json")
        assert response.status_code == 400
        assert json_error_codes(response) == ["invalid_body"]


def test_required_attribute(
    client: Client, commune: Commune, api_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question marked required must be answered (400 naming attribute[code])."""
    from dataclasses import replace

    land = catalogue.BY_CODE["land"]
    strict = replace(
        land,
        attributes=tuple(
            replace(a, required=True) if a.code == "parcel" else a for a in land.attributes
        ),
    )
    monkeypatch.setitem(catalogue.BY_CODE, "land", strict)
    response = post(client, form(api_key, service_code="land", **{"attribute[issue]": None}))
    assert response.status_code == 400
    assert json_error_codes(response) == ["required"]
    assert response.json()[0]["field"] == "attribute[parcel]"
    ok = post(
        client,
        form(
            api_key,
            service_code="land",
            **{"attribute[issue]": None, "attribute[parcel]": "tờ 12, thửa 345"},
        ),
    )
    assert ok.status_code == 200
    petition = Petition.objects.get(tracking_code=ok.json()[0]["service_request_id"])
    assert "tờ 12, thửa 345" in petition.content


def test_characters_no_database_or_xml_can_hold_are_dropped(
    client: Client, commune: Commune, api_key: str
) -> None:
    body = form(api_key, description="Nước\x00 tràn\ud800 ra\x1b đường", first_name="Minh\x00")
    response = client.post(
        f"{OPEN311}/requests.json", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    petition = Petition.objects.get(tracking_code=response.json()[0]["service_request_id"])
    assert petition.summary == "Nước tràn ra đường"
    assert petition.citizen.full_name == "Trần Quang Minh"


def test_xml_stays_well_formed_whatever_the_stored_text(client: Client, commune: Commune) -> None:
    from danvan.petitions.tests.factories import register

    petition = register(commune, Kind.FEEDBACK, summary="Cống\x0b tắc <ngõ 5> & \x1f đường")
    root = xml_of(client.get(f"{OPEN311}/requests/{petition.tracking_code}.xml"))
    assert root.findtext("request/description") == "Cống tắc <ngõ 5> &  đường"
