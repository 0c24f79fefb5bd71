"""The staff API: token and session authentication, scoping exactly like the petition pages,
the named permissions of each step, and JSON errors with codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.models import Commune, Unit, UnitKind
from danvan.documents import services as document_services
from danvan.documents.models import OutgoingDocument
from danvan.documents.specs import blocks_from_text
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.states import Kind, Status
from danvan.petitions.tests.factories import DENOUNCER, register

from .conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen")

API = "/api/v1/petitions"


@pytest.fixture
def village(commune: Commune) -> Unit:
    return UnitFactory.create(commune=commune, name="Thôn Đông Sơn", kind=UnitKind.VILLAGE)


@pytest.fixture
def cases(
    commune: Commune, other_commune: Commune, unit: Unit, village: Unit
) -> dict[str, Petition]:
    lamp = register(
        commune,
        Kind.FEEDBACK,
        received_on=TODAY,
        summary="Đèn đường thôn Đông Sơn không sáng",
        village=village,
    )
    petition_services.petition_assign(actor=None, petition=lamp, unit=unit)
    return {
        "feedback": lamp,
        "denunciation": register(commune, Kind.DENUNCIATION, received_on=TODAY, village=village),
        "complaint": register(commune, Kind.COMPLAINT, received_on=TODAY),
        "theirs": register(other_commune, Kind.FEEDBACK, received_on=TODAY),
    }


def reply_document(petition: Petition, *, issued: bool = True) -> OutgoingDocument:
    draft = document_services.document_create_draft(
        actor=None,
        commune=petition.commune,
        doc_type="CV",
        title="Trả lời phản ánh",
        body=blocks_from_text("Nội dung trả lời."),
        recipients=["Như trên"],
        authority_lines=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
        signer_name="Nguyễn Quốc Thịnh",
        source_type="petitions.petition",
        source_id=str(petition.pk),
    )
    if not issued:
        return draft
    return document_services.document_issue(actor=None, document=draft, on=TODAY)


def post_json(client: Client, url: str, body: Any = None, **extra: Any) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json", **extra)


def error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "detail", "field", "errors"}
    assert body["detail"]
    return body


# --- reading --------------------------------------------------------------------------------------
def test_list_with_a_token_or_the_session(
    bearer: Callable[..., Client], client_for: Callable[..., Client], cases: dict[str, Petition]
) -> None:
    ours = {cases[k].pk for k in ("feedback", "denunciation", "complaint")}
    for client in (bearer(Role.RECEPTION_OFFICER), client_for(Role.RECEPTION_OFFICER)):
        body = client.get(API).json()
        assert {r["id"] for r in body["results"]} == ours
        assert (body["count"], body["page"], body["page_size"], body["pages"]) == (3, 1, 25, 1)
    denunciation = next(r for r in body["results"] if r["kind"] == "denunciation")
    assert DENOUNCER["name"] not in json.dumps(body, ensure_ascii=False)
    assert denunciation["petitioner"]


def test_filters_search_and_pages(
    bearer: Callable[..., Client], cases: dict[str, Petition]
) -> None:
    client = bearer(Role.LEADER)
    assert [r["id"] for r in client.get(API, {"kind": "feedback"}).json()["results"]] == [
        cases["feedback"].pk
    ]
    assert client.get(API, {"status": "open"}).json()["count"] == 3
    assert client.get(API, {"status": "closed"}).json()["count"] == 0
    found = client.get(API, {"q": "den duong dong son"}).json()["results"]
    assert [r["id"] for r in found] == [cases["feedback"].pk]
    first, second = (client.get(API, {"page_size": 2, "page": p}).json() for p in (1, 2))
    assert (first["pages"], len(first["results"]), len(second["results"])) == (2, 2, 1)
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "petition"}, "kind"),
        ({"status": "done"}, "status"),
        ({"page": 0}, "page"),
        ({"page": "abc"}, "page"),
        ({"page_size": 101}, "page_size"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_filters_are_400_naming_the_field(
    bearer: Callable[..., Client], commune: Commune, params: dict[str, Any], field: str
) -> None:
    body = error(bearer(Role.LEADER).get(API, params), 400)
    assert body["field"] == field
    assert body["code"] == "invalid_input"


def test_read_one_with_timeline_and_actions(
    bearer: Callable[..., Client], cases: dict[str, Petition]
) -> None:
    petition = cases["feedback"]
    body = bearer(Role.RECEPTION_OFFICER).get(f"{API}/{petition.pk}").json()
    assert body["case_number"] == petition.case_number
    assert body["assigned_unit"]["name"] == "Phòng Văn hoá - Xã hội"
    assert body["village"]["name"] == "Thôn Đông Sơn"
    assert [e["verb"] for e in body["events"]] == ["registered", "assigned"]
    assert body["actions"] == ["assign", "note", "start_handling"]
    assert body["url"] == f"/petitions/{petition.pk}/"


def test_another_communes_case_is_404(
    bearer: Callable[..., Client], cases: dict[str, Petition]
) -> None:
    theirs = cases["theirs"].pk
    for role in (Role.LEADER, Role.RECEPTION_OFFICER, Role.ADMIN):
        client = bearer(role)
        assert error(client.get(f"{API}/{theirs}"), 404)["code"] == "not_found"
        if role != Role.ADMIN:  # an administrator may not write notes anywhere: 403 first
            assert error(post_json(client, f"{API}/{theirs}/notes", {"text": "x"}), 404)
    assert error(bearer(Role.LEADER).get(f"{API}/99999999"), 404)["code"] == "not_found"
    missing = error(bearer(Role.LEADER).get(API, {"commune": "TT"}), 404)
    assert (missing["code"], missing["field"]) == ("commune_not_found", "commune")


def test_province_viewer_reads_every_commune_of_the_province_but_changes_nothing(
    bearer: Callable[..., Client], cases: dict[str, Petition], foreign_commune: Commune
) -> None:
    viewer = bearer(Role.PROVINCE_VIEWER)
    assert viewer.get(API).json()["count"] == 3
    theirs = viewer.get(f"{API}/{cases['theirs'].pk}", {"commune": "TT"})
    assert theirs.status_code == 200
    assert theirs.json()["actions"] == []
    assert error(viewer.get(API, {"commune": "HN1"}), 404)["code"] == "commune_not_found"
    petition = cases["feedback"].pk
    for path, body in (
        ("assign", {"unit_id": 1}),
        ("notes", {"text": "Ghi chú"}),
        ("start-handling", {}),
        ("answer", {"text": "Trả lời", "document_id": 1}),
    ):
        assert (
            error(post_json(viewer, f"{API}/{petition}/{path}", body), 403)["code"] == "forbidden"
        )
    assert PetitionEvent.objects.filter(petition_id=petition).count() == 2


def test_village_head_sees_the_village_but_not_denunciations_and_cannot_answer(
    make_user: Callable[..., User],
    token_for: Callable[..., tuple[User, str]],
    cases: dict[str, Petition],
    village: Unit,
) -> None:
    _user, raw = token_for(Role.VILLAGE_HEAD, unit=village)
    head = Client(headers={"Authorization": f"Bearer {raw}"})
    assert [r["id"] for r in head.get(API).json()["results"]] == [cases["feedback"].pk]
    assert error(head.get(f"{API}/{cases['denunciation'].pk}"), 404)["code"] == "not_found"
    feedback = cases["feedback"]
    petition_services.petition_start_handling(actor=None, petition=feedback)
    document = reply_document(feedback)
    answered = post_json(
        head, f"{API}/{feedback.pk}/answer", {"text": "Đã sửa", "document_id": document.pk}
    )
    assert error(answered, 403)["code"] == "forbidden"
    assert error(post_json(head, f"{API}/{feedback.pk}/notes", {"text": "x"}), 403)
    feedback.refresh_from_db()
    assert feedback.status == Status.IN_PROGRESS
    assert head.get(f"{API}/{feedback.pk}").json()["actions"] == []


# --- steps ----------------------------------------------------------------------------------------
def test_reception_assigns_to_a_unit_and_an_officer(
    bearer: Callable[..., Client],
    make_user: Callable[..., User],
    cases: dict[str, Petition],
    unit: Unit,
    village: Unit,
    other_commune: Commune,
) -> None:
    officer = make_user(Role.HANDLING_OFFICER, unit=unit)
    desk = bearer(Role.RECEPTION_OFFICER)
    url = f"{API}/{cases['complaint'].pk}/assign"
    body = post_json(desk, url, {"unit_id": unit.pk, "officer_id": officer.pk}).json()
    assert body["assigned_unit"] == {"id": unit.pk, "name": unit.name}
    assert body["assigned_officer"]["id"] == officer.pk
    theirs = UnitFactory.create(commune=other_commune, name="Phòng của xã khác")
    for payload, field in (
        ({"unit_id": theirs.pk}, "unit_id"),
        ({"unit_id": village.pk}, "unit_id"),
        ({"officer_id": 99999}, "officer_id"),
        ({}, "unit_id"),
        ({"unit_id": "một"}, "unit_id"),
        ({"unit_id": 2**70}, "unit_id"),
    ):
        assert error(post_json(desk, url, payload), 400)["field"] == field
    assert error(
        post_json(bearer(Role.HANDLING_OFFICER, unit=unit), url, {"unit_id": unit.pk}), 403
    )


def test_handling_officer_notes_and_answers_an_assigned_case(
    bearer: Callable[..., Client],
    token_for: Callable[..., tuple[User, str]],
    cases: dict[str, Petition],
    unit: Unit,
) -> None:
    user, raw = token_for(Role.HANDLING_OFFICER, unit=unit)
    officer = Client(headers={"Authorization": f"Bearer {raw}"})
    feedback = cases["feedback"]
    note = post_json(officer, f"{API}/{feedback.pk}/notes", {"text": "Đã kiểm tra", "public": True})
    assert note.status_code == 201
    assert (note.json()["text"], note.json()["is_public"]) == ("Đã kiểm tra", True)
    event = PetitionEvent.objects.get(pk=note.json()["id"])
    assert (event.actor, event.verb) == (user, "note")
    assert (
        error(post_json(officer, f"{API}/{feedback.pk}/notes", {"text": " \x00 "}), 400)["field"]
        == "text"
    )
    # Taking the case into handling is a processing step: the reception officer's.
    assert (
        error(post_json(officer, f"{API}/{feedback.pk}/start-handling"), 403)["code"] == "forbidden"
    )
    started = post_json(bearer(Role.RECEPTION_OFFICER), f"{API}/{feedback.pk}/start-handling")
    assert started.json()["status"] == Status.IN_PROGRESS
    again = post_json(bearer(Role.RECEPTION_OFFICER), f"{API}/{feedback.pk}/start-handling")
    assert error(again, 409)["code"] == "not_possible_now"
    draft = reply_document(feedback, issued=False)
    other = reply_document(cases["complaint"])
    url = f"{API}/{feedback.pk}/answer"
    assert (
        error(post_json(officer, url, {"text": "Đã sửa", "document_id": draft.pk}), 400)["code"]
        == "document_not_issued"
    )
    assert (
        error(post_json(officer, url, {"text": "Đã sửa", "document_id": other.pk}), 400)["field"]
        == "document_id"
    )
    assert (
        error(post_json(officer, url, {"text": "", "document_id": draft.pk}), 400)["field"]
        == "text"
    )
    document = reply_document(feedback)
    answered = post_json(officer, url, {"text": "Xã đã thay bóng đèn.", "document_id": document.pk})
    assert answered.status_code == 200, answered.content
    body = answered.json()
    assert body["status"] == Status.ANSWERED
    assert body["answer_text"] == "Xã đã thay bóng đèn."
    assert body["answer_document"]["id"] == document.pk
    assert body["answer_document"]["number_symbol"] == document.number_symbol


def test_a_complaint_is_not_answered_through_this_step(
    bearer: Callable[..., Client], cases: dict[str, Petition]
) -> None:
    complaint = cases["complaint"]
    document = reply_document(complaint)
    leader = bearer(Role.LEADER)
    response = post_json(
        leader, f"{API}/{complaint.pk}/answer", {"text": "Trả lời", "document_id": document.pk}
    )
    assert error(response, 409)["code"] == "not_possible_now"
    assert error(post_json(leader, f"{API}/{complaint.pk}/start-handling"), 409)


# --- authentication and errors --------------------------------------------------------------------
def test_without_credentials_401_json(client: Client, commune: Commune) -> None:
    for headers in ({}, {"Authorization": "Bearer dvpat_wrong"}, {"Authorization": "Basic eDp5"}):
        response = Client(headers=headers).get(API)
        body = error(response, 401)
        assert body["code"] == "not_authenticated"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_session_writes_need_the_csrf_token_but_tokens_do_not(
    make_user: Callable[..., User], bearer: Callable[..., Client], cases: dict[str, Petition]
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user(Role.RECEPTION_OFFICER))
    url = f"{API}/{cases['feedback'].pk}/notes"
    assert error(post_json(browser, url, {"text": "x"}), 403)["code"] == "csrf_failed"
    assert post_json(bearer(Role.RECEPTION_OFFICER), url, {"text": "x"}).status_code == 201


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ("{nope", "invalid_body", None),
        ("[1, 2]", "invalid_input", "text"),
        ('{"text": 5}', "invalid_input", "text"),
        ('{"text": null}', "invalid_input", "text"),
        ('{"public": true}', "invalid_input", "text"),
        ('{"text": "x", "public": "maybe"}', "invalid_input", "public"),
    ],
)
def test_malformed_bodies_are_400_json(
    bearer: Callable[..., Client],
    cases: dict[str, Petition],
    body: str,
    code: str,
    field: str | None,
) -> None:
    response = bearer(Role.LEADER).post(
        f"{API}/{cases['feedback'].pk}/notes", body, content_type="application/json"
    )
    answer = error(response, 400)
    assert (answer["code"], answer["field"]) == (code, field)


def test_path_method_and_unknown_endpoint_errors_are_json(
    bearer: Callable[..., Client], commune: Commune
) -> None:
    client = bearer(Role.LEADER)
    assert error(client.get(f"{API}/abc"), 400)["field"] == "petition_id"
    assert error(client.get(f"{API}/{2**70}"), 400)["field"] == "petition_id"
    assert error(client.delete(API), 405)["code"] == "method_not_allowed"
    assert error(client.get("/api/v1/no-such-thing"), 404)["code"] == "not_found"


def test_errors_are_vietnamese_whatever_the_language_asked(
    bearer: Callable[..., Client], commune: Commune
) -> None:
    client = bearer(Role.LEADER)
    asked_en = client.get(API, {"kind": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    asked_vi = client.get(API, {"kind": "x"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert error(asked_en, 400) == error(asked_vi, 400)


def test_deadline_endpoints_answer_coded_errors(client_for: Callable[..., Client]) -> None:
    officer = client_for(Role.RECEPTION_OFFICER)
    bad = error(officer.get("/api/v1/deadlines/compute", {"start": "2026-02-30"}), 400)
    assert (bad["code"], bad["field"]) == ("invalid_input", "start")
    days = error(
        officer.get("/api/v1/deadlines/compute", {"start": "2026-02-12", "days": "x"}), 400
    )
    assert days["field"] == "days"


def test_the_openapi_document_describes_the_petition_endpoints(client: Client, db: None) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/v1/petitions",
        "/api/v1/petitions/{petition_id}",
        "/api/v1/petitions/{petition_id}/assign",
        "/api/v1/petitions/{petition_id}/notes",
        "/api/v1/petitions/{petition_id}/start-handling",
        "/api/v1/petitions/{petition_id}/answer",
    } <= set(paths)
