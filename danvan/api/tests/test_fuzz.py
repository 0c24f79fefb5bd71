"""No input makes either API fail: whatever a client sends, the answer is < 500 and, when it is an
error, a well-formed error body (Open311: a list of code/description/error_code/field, in JSON or
XML; staff API: a JSON object with a code). Payloads from hypothesis, including NUL, lone
surrogates, huge numbers, NaN, nested values and broken query strings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.http import HttpResponse
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.accounts.roles import Role
from danvan.api.tests.conftest import OPEN311, TODAY
from danvan.core.models import Commune
from danvan.petitions.models import Petition
from danvan.petitions.states import Kind
from danvan.petitions.tests.factories import register

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\ud800",
        "\ufffe",
        "\x1b[31m",
        "1e999",
        "-1e-999",
        "NaN",
        "Infinity",
        "-0",
        "9" * 40,
        "0x1F",
        "' OR 1=1 --",
        "<x>&amp;</x>",
        "%00",
        "AQ",
        "aq",
        "TT",
        "land",
        "environment",
        "issue",
        "flooding",
        "yes",
        "20.8245",
        "106.53",
        "0912 345 678",
        "a@b.vn",
        "https://cdn.example.vn/a.jpg",
        "javascript:alert(1)",
        "2026-09-01",
        "2026-09-01T00:00:00Z",
        "open,closed",
        "ß" * 120,
    ]
)
TEXT = st.one_of(NASTY, st.text(max_size=80))
FORM_TEXT = st.one_of(
    NASTY.filter(lambda s: "\ud800" not in s),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=80),
)
SCALAR = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=3), st.dictionaries(TEXT, SCALAR, max_size=2))

OPEN311_FIELDS = [
    "api_key",
    "jurisdiction_id",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
    "attribute",
    "attribute[issue]",
    "attribute[publish_answer]",
    "attribute[parcel]",
    "attribute[issue][]",
    "attribute[]",
    "attribute[[x]]",
]
QUERY_KEYS = [
    "jurisdiction_id",
    "service_request_id",
    "service_code",
    "start_date",
    "end_date",
    "status",
    "page",
    "page_size",
    "api_key",
    "kind",
    "q",
    "commune",
]
RAW_QUERY = st.text(alphabet=st.sampled_from(list("=&%+;?az09AZ_-.,:/[] ")), max_size=40)


def base_form(api_key: str) -> dict[str, Any]:
    return {
        "api_key": api_key,
        "service_code": "environment",
        "lat": "20.82",
        "long": "106.53",
        "description": "Rác thải đổ ra đường liên thôn.",
        "first_name": "Lan",
        "last_name": "Phạm Thị",
        "phone": "0912345678",
    }


def check_open311(response: HttpResponse, fmt: str) -> None:
    assert response.status_code < 500, response.content
    if fmt == "xml":
        root = ET.fromstring(response.content)  # noqa: S314 — our own answer, in a test
        if response.status_code >= 400:
            assert root.tag == "errors"
            error = root.find("error")
            assert error is not None
            assert error.findtext("code") == str(response.status_code)
            assert error.findtext("error_code")
            assert error.findtext("description")
        return
    body = json.loads(response.content)
    if response.status_code >= 400:
        assert isinstance(body, list)
        assert body[0]["code"] == response.status_code
        assert body[0]["error_code"]
        assert body[0]["description"]


def check_staff(response: HttpResponse) -> None:
    assert response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    if response.status_code >= 400:
        assert body["code"]
        assert body["detail"]


@pytest.fixture
def feedback(commune: Commune, frozen: None) -> Petition:
    return register(commune, Kind.FEEDBACK, received_on=TODAY)


@pytest.fixture
def staff(bearer: Any) -> dict[str, Client]:
    """One client per role for every example of a test (users are not made per example)."""
    return {
        role: bearer(role) for role in (Role.LEADER, Role.RECEPTION_OFFICER, Role.PROVINCE_VIEWER)
    }


# --- Open311 -------------------------------------------------------------------------------------
@FUZZ
@given(
    payload=st.dictionaries(st.one_of(st.sampled_from(OPEN311_FIELDS), TEXT), VALUE, max_size=10),
    start_valid=st.booleans(),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_post_requests_json_body_never_fails(
    client: Client,
    commune: Commune,
    api_key: str,
    payload: dict[Any, Any],
    start_valid: bool,
    fmt: str,
) -> None:
    body = {**base_form(api_key), **payload} if start_valid else payload
    response = client.post(
        f"{OPEN311}/requests.{fmt}", json.dumps(body), content_type="application/json"
    )
    check_open311(response, fmt)


@FUZZ
@given(
    payload=st.dictionaries(
        st.one_of(st.sampled_from(OPEN311_FIELDS), FORM_TEXT),
        st.one_of(FORM_TEXT, st.lists(FORM_TEXT, max_size=3)),
        max_size=10,
    ),
    start_valid=st.booleans(),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_post_requests_form_never_fails(
    client: Client,
    commune: Commune,
    api_key: str,
    payload: dict[str, Any],
    start_valid: bool,
    fmt: str,
) -> None:
    body = {**base_form(api_key), **payload} if start_valid else payload
    check_open311(client.post(f"{OPEN311}/requests.{fmt}", body), fmt)


@FUZZ
@given(
    body=st.binary(max_size=200),
    content_type=st.sampled_from(
        [
            "application/json",
            "application/x-www-form-urlencoded",
            "text/plain",
            "multipart/form-data; boundary=x",
        ]
    ),
)
def test_post_requests_raw_bytes_never_fail(
    client: Client, commune: Commune, body: bytes, content_type: str
) -> None:
    check_open311(client.post(f"{OPEN311}/requests.json", body, content_type=content_type), "json")


@FUZZ
@given(
    params=st.lists(
        st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), FORM_TEXT), FORM_TEXT), max_size=8
    ),
    raw=RAW_QUERY,
    use_raw=st.booleans(),
    fmt=st.sampled_from(["json", "xml"]),
    endpoint=st.sampled_from(["requests", "services", "services/land", "discovery"]),
)
def test_get_with_any_query_string_never_fails(
    client: Client,
    commune: Commune,
    other_commune: Commune,
    feedback: Petition,
    params: list[tuple[str, str]],
    raw: str,
    use_raw: bool,
    fmt: str,
    endpoint: str,
) -> None:
    query = raw if use_raw else urlencode(params)
    check_open311(client.get(f"{OPEN311}/{endpoint}.{fmt}?{query}"), fmt)


@FUZZ
@given(
    segment=FORM_TEXT,
    fmt=st.sampled_from(["json", "xml"]),
    endpoint=st.sampled_from(["requests", "tokens", "services"]),
)
def test_get_any_id_never_fails(
    client: Client, commune: Commune, feedback: Petition, segment: str, fmt: str, endpoint: str
) -> None:
    response = client.get(f"{OPEN311}/{endpoint}/{quote(segment, safe='')}.{fmt}")
    check_open311(response, fmt if response["Content-Type"].startswith("text/xml") else "json")


# --- staff API -----------------------------------------------------------------------------------
STAFF_FIELDS = ["text", "public", "unit_id", "officer_id", "document_id"]


@FUZZ
@given(
    payload=st.one_of(
        st.dictionaries(st.one_of(st.sampled_from(STAFF_FIELDS), TEXT), VALUE, max_size=6),
        st.lists(SCALAR, max_size=3),
        SCALAR,
    ),
    step=st.sampled_from(["notes", "answer", "assign", "start-handling"]),
)
def test_staff_api_steps_never_fail(
    staff: dict[str, Client], feedback: Petition, payload: Any, step: str
) -> None:
    client = staff[Role.LEADER]
    response = client.post(
        f"/api/v1/petitions/{feedback.pk}/{step}",
        json.dumps(payload),
        content_type="application/json",
    )
    check_staff(response)


@FUZZ
@given(body=st.binary(max_size=200), step=st.sampled_from(["notes", "answer", "assign"]))
def test_staff_api_raw_bytes_never_fail(
    staff: dict[str, Client], feedback: Petition, body: bytes, step: str
) -> None:
    client = staff[Role.RECEPTION_OFFICER]
    response = client.post(
        f"/api/v1/petitions/{feedback.pk}/{step}", body, content_type="application/json"
    )
    check_staff(response)


@FUZZ
@given(
    params=st.lists(
        st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), FORM_TEXT), FORM_TEXT), max_size=8
    ),
    raw=RAW_QUERY,
    use_raw=st.booleans(),
    path=st.one_of(
        st.sampled_from(["", "/1", "/-1", "/99999999999999999999999"]),
        FORM_TEXT.map(lambda s: "/" + quote(s, safe="")),
    ),
)
def test_staff_api_reads_never_fail(
    staff: dict[str, Client],
    feedback: Petition,
    params: list[tuple[str, str]],
    raw: str,
    use_raw: bool,
    path: str,
) -> None:
    client = staff[Role.PROVINCE_VIEWER]
    query = raw if use_raw else urlencode(params)
    check_staff(client.get(f"/api/v1/petitions{path}?{query}"))
