"""Open311 GeoReport v2 contract, reading side: discovery, services, service definitions, service
requests and tokens, in JSON and XML, with the field names and semantics of the specification;
and what is never published (denunciations, other kinds, hidden cases, personal data)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from danvan.api.open311 import catalogue
from danvan.api.tests.conftest import NOW, OPEN311, TODAY, json_error_codes, xml_of, xml_record
from danvan.core.models import Commune
from danvan.petitions import services as petition_services
from danvan.petitions.models import Field, Petition
from danvan.petitions.states import Kind, Status
from danvan.petitions.tests.factories import citizen, issued_document, register

pytestmark = pytest.mark.usefixtures("frozen")

REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
ATTRIBUTE_FIELDS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
]
W3C = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$")
PERSON = {
    "name": "Lê Văn Hùng",
    "phone": "0987654321",
    "email": "hung.le@example.vn",
    "id_number": "031080005678",
}


def vi(text: Any) -> str:
    with translation.override("vi"):
        return str(text)


@pytest.fixture
def person(commune: Commune):
    return citizen(
        commune,
        PERSON["name"],
        phone=PERSON["phone"],
        email=PERSON["email"],
        id_number=PERSON["id_number"],
    )


@pytest.fixture
def lamp(commune: Commune, person) -> Petition:
    """An open feedback whose summary repeats the sender's phone number."""
    return register(
        commune,
        Kind.FEEDBACK,
        received_on=TODAY,
        summary=f"Đèn chiếu sáng ngõ 3 hỏng, gọi {PERSON['phone']} hoặc 0912.345.678",
        person=person,
        place=f"Ngõ 3 thôn Đông Sơn, nhà {PERSON['name']}",
        field=Field.ENVIRONMENT,
    )


@pytest.fixture
def road(commune: Commune, person) -> Petition:
    """A recommendation the commune answered and the citizen allowed to publish."""
    petition = register(
        commune,
        Kind.RECOMMENDATION,
        received_on=TODAY,
        summary="Kiến nghị sửa đường liên thôn bị sụt lún",
        person=person,
        field=Field.LAND,
    )
    petition_services.petition_start_handling(actor=None, petition=petition)
    petition_services.petition_answer(
        actor=None,
        petition=petition,
        text=f"Kính gửi ông {PERSON['name']}: xã đã đưa đoạn đường vào kế hoạch sửa chữa quý IV.",
        document=issued_document(commune, doc_type="CV", title="Trả lời kiến nghị"),
    )
    Petition.objects.filter(pk=petition.pk).update(is_public=True)
    petition.refresh_from_db()
    return petition


@pytest.fixture
def unpublished(commune: Commune, person) -> dict[str, Petition]:
    """What Open311 must never show: a denunciation, a complaint, an information request and a
    feedback hidden as abusive."""
    hidden = register(commune, Kind.FEEDBACK, received_on=TODAY, summary="Nội dung lăng mạ")
    petition_services.petition_hide(actor=None, petition=hidden, reason="Lăng mạ cán bộ")
    return {
        "denunciation": register(
            commune,
            Kind.DENUNCIATION,
            received_on=TODAY,
            summary="Tố cáo cán bộ địa chính nhận tiền",
        ),
        "complaint": register(commune, Kind.COMPLAINT, received_on=TODAY, person=person),
        "info_request": register(commune, Kind.INFO_REQUEST, received_on=TODAY, person=person),
        "hidden": hidden,
    }


def requests_json(client: Client, **params: Any) -> list[dict[str, Any]]:
    response = client.get(f"{OPEN311}/requests.json", {"jurisdiction_id": "AQ", **params})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# --- discovery ------------------------------------------------------------------------------------
def test_discovery_in_json_and_xml(client: Client, commune: Commune) -> None:
    body = client.get(f"{OPEN311}/discovery.json").json()
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = body["endpoints"]
    assert endpoint == {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": "http://testserver/open311/v2",
        "changeset": body["changeset"],
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }
    root = xml_of(client.get(f"{OPEN311}/discovery.xml"))
    assert root.tag == "discovery"
    endpoint_xml = root.find("endpoints/endpoint")
    assert endpoint_xml is not None
    assert endpoint_xml.findtext("url") == "http://testserver/open311/v2"
    assert [f.text for f in endpoint_xml.findall("formats/format")] == [
        "text/xml",
        "application/json",
    ]


# --- services -------------------------------------------------------------------------------------
def test_services_json_lists_every_subject_area_with_the_spec_fields(
    client: Client, commune: Commune
) -> None:
    response = client.get(f"{OPEN311}/services.json")
    assert response.status_code == 200
    body = response.json()
    assert [s["service_code"] for s in body] == [s.code for s in catalogue.SERVICES]
    assert {s["service_code"] for s in body} == set(Field.values)
    for service in body:
        assert list(service) == SERVICE_FIELDS
        assert service["type"] == "realtime"
        assert service["service_name"] == vi(Field(service["service_code"]).label)
        assert isinstance(service["metadata"], bool)
        assert service["metadata"] is catalogue.service(service["service_code"]).metadata
        assert service["description"]
        assert service["keywords"]
        assert service["group"]
    land = next(s for s in body if s["service_code"] == "land")
    assert land["group"] == vi(catalogue.GROUP_LAND)


def test_services_xml_has_the_spec_elements(client: Client, commune: Commune) -> None:
    root = xml_of(client.get(f"{OPEN311}/services.xml", {"jurisdiction_id": "AQ"}))
    assert root.tag == "services"
    services = root.findall("service")
    assert len(services) == len(Field.values)
    for element in services:
        record = xml_record(element)
        assert list(record) == SERVICE_FIELDS
        assert record["metadata"] in ("true", "false")
        assert record["type"] == "realtime"
    assert xml_record(services[0])["service_name"] == vi(Field.LAND.label)


def test_jurisdiction_is_required_when_several_communes_are_served(
    client: Client, commune: Commune, other_commune: Commune
) -> None:
    response = client.get(f"{OPEN311}/services.json")
    assert response.status_code == 400
    assert json_error_codes(response) == ["jurisdiction_required"]
    assert response.json()[0]["field"] == "jurisdiction_id"
    missing = client.get(f"{OPEN311}/services.xml", {"jurisdiction_id": "KHONGCO"})
    assert missing.status_code == 404
    error = xml_record(xml_of(missing).find("error"))
    assert error["code"] == "404"
    assert error["error_code"] == "jurisdiction_not_found"
    assert error["field"] == "jurisdiction_id"
    assert error["description"]
    assert client.get(f"{OPEN311}/services.json", {"jurisdiction_id": "tt"}).status_code == 200


def test_service_definition_json(client: Client, commune: Commune) -> None:
    body = client.get(f"{OPEN311}/services/environment.json").json()
    assert list(body) == ["service_code", "attributes"]
    assert body["service_code"] == "environment"
    orders = [a["order"] for a in body["attributes"]]
    assert orders == sorted(orders)
    for attribute in body["attributes"]:
        assert list(attribute) == ATTRIBUTE_FIELDS
        assert attribute["datatype"] in {
            "string",
            "number",
            "datetime",
            "text",
            "singlevaluelist",
            "multivaluelist",
        }
        assert isinstance(attribute["variable"], bool)
        assert isinstance(attribute["required"], bool)
        assert attribute["description"]
    by_code = {a["code"]: a for a in body["attributes"]}
    assert by_code["privacy"]["variable"] is False
    issue = by_code["issue"]
    assert issue["datatype"] == "singlevaluelist"
    assert {v["key"] for v in issue["values"]} >= {"flooding", "waste", "lighting"}
    assert all(set(v) == {"key", "name"} and v["name"] for v in issue["values"])
    land = client.get(f"{OPEN311}/services/land.json").json()
    parcel = next(a for a in land["attributes"] if a["code"] == "parcel")
    assert parcel["datatype"] == "string"
    assert parcel["datatype_description"]
    assert parcel["values"] == []


def test_service_definition_xml(client: Client, commune: Commune) -> None:
    root = xml_of(client.get(f"{OPEN311}/services/environment.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "environment"
    attributes = root.findall("attributes/attribute")
    assert attributes
    for attribute in attributes:
        assert [child.tag for child in attribute] == ATTRIBUTE_FIELDS
    issue = next(a for a in attributes if a.findtext("code") == "issue")
    assert issue.findtext("variable") == "true"
    assert issue.findtext("required") == "false"
    keys = [v.findtext("key") for v in issue.findall("values/value")]
    assert "flooding" in keys
    assert all(v.findtext("name") for v in issue.findall("values/value"))


def test_unknown_service_definition_is_a_404(client: Client, commune: Commune) -> None:
    response = client.get(f"{OPEN311}/services/potholes.json")
    assert response.status_code == 404
    assert json_error_codes(response) == ["service_code_not_found"]
    xml = client.get(f"{OPEN311}/services/potholes.xml")
    assert xml.status_code == 404
    assert xml_of(xml).findtext("error/error_code") == "service_code_not_found"


# --- service requests -----------------------------------------------------------------------------
def test_request_json_has_every_spec_field(client: Client, lamp: Petition, road: Petition) -> None:
    body = requests_json(client)
    assert [r["service_request_id"] for r in body] == [road.tracking_code, lamp.tracking_code]
    for record in body:
        assert list(record) == REQUEST_FIELDS
        assert W3C.match(record["requested_datetime"])
        assert W3C.match(record["updated_datetime"])
        assert record["agency_responsible"] == "ỦY BAN NHÂN DÂN XÃ AN QUANG"
        assert record["zipcode"] is None
    open_case = body[1]
    assert open_case["status"] == "open"
    assert open_case["service_code"] == "environment"
    assert open_case["service_name"] == vi(Field.ENVIRONMENT.label)
    assert open_case["requested_datetime"] == "2026-09-15T16:00:00+07:00"
    assert lamp.due_on is not None
    assert open_case["expected_datetime"] == f"{lamp.due_on.isoformat()}T23:59:59+07:00"
    assert open_case["service_notice"]
    assert lamp.due_on.strftime("%d/%m/%Y") in open_case["service_notice"]
    # Not published by the citizen: the status in words, never the timeline.
    assert open_case["status_notes"] == vi(Status.REGISTERED.label)
    assert open_case["address"].startswith("Ngõ 3 thôn Đông Sơn")
    assert open_case["lat"] is None
    assert open_case["long"] is None
    assert open_case["media_url"] is None
    assert open_case["address_id"] is None


def test_request_xml_has_every_spec_element(client: Client, lamp: Petition) -> None:
    response = client.get(f"{OPEN311}/requests.xml", {"jurisdiction_id": "AQ"})
    root = xml_of(response)
    assert root.tag == "service_requests"
    (element,) = root.findall("request")
    assert [child.tag for child in element] == REQUEST_FIELDS
    record = xml_record(element)
    assert record["service_request_id"] == lamp.tracking_code
    assert record["status"] == "open"
    assert record["service_code"] == "environment"
    assert record["requested_datetime"] == "2026-09-15T16:00:00+07:00"
    assert record["zipcode"] == ""
    assert record["lat"] == ""


def test_published_answer_is_the_status_notes_without_personal_data(
    client: Client, road: Petition
) -> None:
    (record,) = requests_json(client, service_request_id=road.tracking_code)
    assert record["status"] == "open"  # answered: waiting for the citizen's confirmation
    assert "đưa đoạn đường vào kế hoạch sửa chữa" in record["status_notes"]
    assert PERSON["name"] not in record["status_notes"]
    assert "***" in record["status_notes"]
    assert record["expected_datetime"] is None  # no clock runs once answered


def test_closed_case(client: Client, commune: Commune, person) -> None:
    moved = register(commune, Kind.FEEDBACK, received_on=TODAY, person=person)
    petition_services.petition_transfer(actor=None, petition=moved, to="Công an xã")
    (record,) = requests_json(client, service_request_id=moved.tracking_code)
    assert record["status"] == "closed"
    assert record["expected_datetime"] is None
    assert record["service_notice"] is None
    assert record["status_notes"] == vi(Status.TRANSFERRED.label)


def test_location_and_media_of_an_open311_submission(
    client: Client, commune: Commune, api_key: str
) -> None:
    created = client.post(
        f"{OPEN311}/requests.json",
        {
            "api_key": api_key,
            "service_code": "environment",
            "lat": "20.8245",
            "long": "106.5351",
            "address_string": "Cống thôn Quang Thượng",
            "address_id": "QT-17",
            "media_url": "https://cdn.example.vn/anh/cong.jpg",
            "description": "Cống bị tắc, nước tràn ra đường.",
            "first_name": "Hùng",
            "last_name": "Nguyễn Văn",
            "email": "hung@example.vn",
        },
    ).json()
    (record,) = requests_json(client, service_request_id=created[0]["service_request_id"])
    assert record["lat"] == pytest.approx(20.8245)
    assert record["long"] == pytest.approx(106.5351)
    assert record["address"] == "Cống thôn Quang Thượng"
    assert record["address_id"] == "QT-17"
    assert record["media_url"] == "https://cdn.example.vn/anh/cong.jpg"
    assert record["description"] == "Cống bị tắc, nước tràn ra đường."


def test_no_personal_data_and_no_unpublished_kind_anywhere(
    client: Client, lamp: Petition, road: Petition, unpublished: dict[str, Petition]
) -> None:
    bodies = []
    for fmt in ("json", "xml"):
        bodies.append(client.get(f"{OPEN311}/requests.{fmt}", {"jurisdiction_id": "AQ"}))
        for petition in (lamp, road):
            bodies.append(client.get(f"{OPEN311}/requests/{petition.tracking_code}.{fmt}"))
            bodies.append(client.get(f"{OPEN311}/tokens/{petition.tracking_code}.{fmt}"))
    text = "\n".join(b.content.decode() for b in bodies)
    assert all(b.status_code == 200 for b in bodies)
    for secret in (*PERSON.values(), "0912.345.678", "0912345678"):
        assert secret not in text
    assert "Tố cáo" not in text
    listed = {r["service_request_id"] for r in requests_json(client)}
    assert listed == {lamp.tracking_code, road.tracking_code}
    redacted = next(
        r for r in requests_json(client) if r["service_request_id"] == lamp.tracking_code
    )
    assert redacted["description"].startswith("Đèn chiếu sáng ngõ 3 hỏng, gọi ***")
    for petition in unpublished.values():
        for path in (
            f"{OPEN311}/requests/{petition.tracking_code}.json",
            f"{OPEN311}/tokens/{petition.tracking_code}.json",
        ):
            response = client.get(path)
            assert response.status_code == 404
            assert json_error_codes(response) == ["service_request_not_found"]
        by_id = requests_json(client, service_request_id=petition.tracking_code)
        assert by_id == []


def test_one_request_is_a_list_of_one(client: Client, lamp: Petition) -> None:
    body = client.get(f"{OPEN311}/requests/{lamp.tracking_code.lower()}.json").json()
    assert len(body) == 1
    assert body[0]["service_request_id"] == lamp.tracking_code
    root = xml_of(client.get(f"{OPEN311}/requests/{lamp.tracking_code}.xml"))
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [
        lamp.tracking_code
    ]
    missing = client.get(f"{OPEN311}/requests/ZZZZZZZZZZ.xml")
    assert missing.status_code == 404
    assert xml_of(missing).findtext("error/code") == "404"


def test_token_is_the_tracking_code(client: Client, lamp: Petition) -> None:
    body = client.get(f"{OPEN311}/tokens/{lamp.tracking_code}.json").json()
    assert body == [{"service_request_id": lamp.tracking_code, "token": lamp.tracking_code}]
    root = xml_of(client.get(f"{OPEN311}/tokens/{lamp.tracking_code}.xml"))
    assert root.tag == "service_requests"
    assert xml_record(root.find("request")) == {
        "service_request_id": lamp.tracking_code,
        "token": lamp.tracking_code,
    }


def test_requests_of_another_commune_are_not_listed(
    client: Client, commune: Commune, other_commune: Commune, lamp: Petition
) -> None:
    theirs = register(
        other_commune, Kind.FEEDBACK, received_on=TODAY, person=citizen(other_commune)
    )
    assert [r["service_request_id"] for r in requests_json(client, jurisdiction_id="TT")] == [
        theirs.tracking_code
    ]
    response = client.get(
        f"{OPEN311}/requests/{lamp.tracking_code}.json", {"jurisdiction_id": "TT"}
    )
    assert response.status_code == 404


# --- filters and paging -----------------------------------------------------------------------------
@pytest.fixture
def history(commune: Commune, person, time_machine) -> dict[str, Petition]:
    """Feedback registered 120, 60 and 10 days ago, and one today that was transferred."""
    made = {}
    for label, days in (("d120", 120), ("d60", 60), ("d10", 10)):
        moment = NOW - dt.timedelta(days=days)
        time_machine.move_to(moment)
        made[label] = register(
            commune,
            Kind.FEEDBACK,
            received_on=moment.date(),
            person=person,
            field=Field.LAND if label == "d60" else Field.ENVIRONMENT,
        )
    time_machine.move_to(NOW)
    made["closed"] = register(commune, Kind.FEEDBACK, received_on=TODAY, person=person)
    petition_services.petition_transfer(actor=None, petition=made["closed"], to="Huyện")
    return made


def codes(records: list[dict[str, Any]]) -> list[str]:
    return [r["service_request_id"] for r in records]


def test_default_window_is_the_last_90_days_newest_first(
    client: Client, history: dict[str, Petition]
) -> None:
    assert codes(requests_json(client)) == [
        history["closed"].tracking_code,
        history["d10"].tracking_code,
        history["d60"].tracking_code,
    ]


def test_service_request_ids_override_every_other_filter(
    client: Client, history: dict[str, Petition]
) -> None:
    wanted = f"{history['d120'].tracking_code},{history['d10'].tracking_code.lower()}"
    body = requests_json(client, service_request_id=wanted, status="closed", service_code="land")
    assert codes(body) == [history["d10"].tracking_code, history["d120"].tracking_code]


def test_filters_by_service_code_status_and_dates(
    client: Client, history: dict[str, Petition]
) -> None:
    assert codes(requests_json(client, service_code="land")) == [history["d60"].tracking_code]
    assert codes(requests_json(client, service_code="land,environment", status="open")) == [
        history["d10"].tracking_code,
        history["d60"].tracking_code,
    ]
    assert codes(requests_json(client, status="closed")) == [history["closed"].tracking_code]
    assert len(requests_json(client, status="open,closed")) == 3
    between = requests_json(
        client, start_date="2026-06-01T00:00:00+07:00", end_date="2026-07-20T00:00:00Z"
    )
    assert codes(between) == [history["d60"].tracking_code]
    # A date alone as end_date includes that whole day.
    assert codes(requests_json(client, start_date="2026-09-05", end_date="2026-09-05")) == [
        history["d10"].tracking_code
    ]
    # One date alone opens a 90-day window from it, or up to it.
    assert codes(requests_json(client, start_date="2026-05-01")) == [
        history["d60"].tracking_code,
        history["d120"].tracking_code,
    ]
    assert codes(requests_json(client, end_date="2026-08-01T00:00:00+07:00")) == [
        history["d60"].tracking_code,
        history["d120"].tracking_code,
    ]


@pytest.mark.parametrize(
    ("params", "error_code", "field"),
    [
        ({"start_date": "2026-01-01", "end_date": "2026-09-01"}, "range_too_long", "end_date"),
        ({"start_date": "2026-09-10", "end_date": "2026-09-01"}, "invalid_range", "end_date"),
        ({"start_date": "15/09/2026"}, "invalid_date", "start_date"),
        ({"end_date": "2026-02-30T00:00:00Z"}, "invalid_date", "end_date"),
        ({"start_date": "9999-12-31"}, "invalid_date", "start_date"),
        ({"start_date": "0001-01-01T00:00:00+14:00"}, "invalid_date", "start_date"),
        ({"status": "pending"}, "invalid_status", "status"),
        ({"service_code": "land,potholes"}, "service_code_not_found", "service_code"),
        ({"page": "0"}, "out_of_range", "page"),
        ({"page_size": "1001"}, "out_of_range", "page_size"),
        ({"page": "abc"}, "out_of_range", "page"),
        (
            {"service_request_id": ",".join(f"X{i}" for i in range(101))},
            "too_many",
            "service_request_id",
        ),
    ],
)
def test_bad_filters_are_400_naming_the_field(
    client: Client, commune: Commune, params: dict[str, str], error_code: str, field: str
) -> None:
    for fmt in ("json", "xml"):
        response = client.get(f"{OPEN311}/requests.{fmt}", params)
        assert response.status_code == 400
        if fmt == "json":
            assert json_error_codes(response) == [error_code]
            assert response.json()[0]["field"] == field
        else:
            error = xml_record(xml_of(response).find("error"))
            assert (error["code"], error["error_code"], error["field"]) == (
                "400",
                error_code,
                field,
            )


def test_paging_is_stable_and_announced(client: Client, commune: Commune, person) -> None:
    made = [
        register(commune, Kind.FEEDBACK, received_on=TODAY, person=person).tracking_code
        for _ in range(5)
    ]
    newest_first = made[::-1]  # registered within the same second: the id breaks the tie
    pages = []
    for page in (1, 2, 3):
        response = client.get(
            f"{OPEN311}/requests.json", {"jurisdiction_id": "AQ", "page": page, "page_size": 2}
        )
        assert response["X-Total-Count"] == "5"
        pages.append(response)
    assert [codes(p.json()) for p in pages] == [
        newest_first[:2],
        newest_first[2:4],
        newest_first[4:],
    ]
    assert 'rel="next"' in pages[0]["Link"]
    assert "page=2" in pages[0]["Link"]
    assert 'rel="prev"' in pages[1]["Link"]
    assert 'rel="next"' in pages[1]["Link"]
    assert 'rel="next"' not in pages[2]["Link"]
    beyond = client.get(f"{OPEN311}/requests.json", {"page": 9, "page_size": 2})
    assert beyond.json() == []
    assert len(requests_json(client)) == 5  # default page size: the specification's 1000


def test_wrong_method_and_unknown_path_answer_open311_errors(
    client: Client, commune: Commune
) -> None:
    response = client.delete(f"{OPEN311}/requests.xml")
    assert response.status_code == 405
    assert xml_of(response).findtext("error/error_code") == "method_not_allowed"
    assert "GET" in response["Allow"]
    assert "POST" in response["Allow"]
    unknown = client.get(f"{OPEN311}/reports.json")
    assert unknown.status_code == 404
    assert json_error_codes(unknown) == ["not_found"]
    yaml = client.get(f"{OPEN311}/services.yaml")
    assert yaml.status_code == 404
    assert json_error_codes(yaml) == ["format_not_supported"]


def test_errors_are_vietnamese_whatever_the_language_asked(
    client: Client, commune: Commune
) -> None:
    """The wording may change (and is translated separately); the rule is that the English
    request gets the same description as the Vietnamese one."""
    asked_vi = client.get(f"{OPEN311}/services/x.json", HTTP_ACCEPT_LANGUAGE="vi")
    asked_en = client.get(f"{OPEN311}/services/x.json", HTTP_ACCEPT_LANGUAGE="en")
    assert asked_en.json() == asked_vi.json()


def test_reading_needs_no_login(client: Client, commune: Commune, lamp: Petition) -> None:
    for path in (
        "/services.json",
        "/services/land.xml",
        "/requests.json",
        f"/requests/{lamp.tracking_code}.json",
        f"/tokens/{lamp.tracking_code}.xml",
        "/discovery.json",
        "/docs",
        "/openapi.json",
    ):
        assert client.get(OPEN311 + path).status_code == 200, path


def test_every_subject_area_is_a_service() -> None:
    """A new subject area of petitions needs its Open311 service (group, keywords)."""
    assert set(catalogue.BY_CODE) == set(Field.values)


def test_web_applications_of_any_origin_may_call_it(client: Client, commune: Commune) -> None:
    response = client.get(f"{OPEN311}/services.json", HTTP_ORIGIN="https://app.example.vn")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{OPEN311}/requests.json",
        HTTP_ORIGIN="https://app.example.vn",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert preflight.status_code == 204
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Allow-Origin"] == "*"
