"""The permission matrix of programmes: every role of the issue × every action, over HTTP.

200/302: allowed; 403: the role may not do it; 404: another commune's programme does not exist for
the user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune, Unit
from danvan.programmes import services
from danvan.programmes.models import (
    Programme,
    ProgressReport,
    Review,
    ScoreAdjustment,
    StudySession,
)

ROLES = ["coordinator", "unit_head", "officer", "leader", "village_head", "front", "other"]
ALLOWED_GET = 200


@pytest.fixture
def clients(
    people: dict[str, User], make_user: Callable[..., User], other_commune: Commune
) -> dict[str, Client]:
    result = {}
    for who, user in [
        *people.items(),
        ("other", make_user(Role.COORDINATOR, commune_=other_commune)),
    ]:
        client = Client()
        client.force_login(user)
        result[who] = client
    return result


@pytest.fixture
def world(programme: Programme, units: dict[str, Unit], people: dict[str, User]) -> dict[str, Any]:
    task = programme.tasks.get(number="II.3")  # Phòng Kinh tế cooperates on it
    report = services.report_submit(
        actor=people["officer"],
        task=task,
        unit=units["Phòng Kinh tế"],
        period_end=dt.date(2026, 7, 14),
        text="Đã thực hiện",
        progress=30,
        files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")],
    )
    return {
        "programme": programme,
        "task": task,
        "unit": units["Phòng Kinh tế"],
        "evidence": report.evidence.get(),
        "document": programme.legal_basis.get(number_symbol="33/CT-TTg"),
        "criterion": programme.criteria.first(),
    }


def _urls(w: dict[str, Any]) -> dict[str, str]:
    p, t = w["programme"].pk, w["task"].pk
    return {
        "list": "/programmes/",
        "detail": f"/programmes/{p}/",
        "timeline": f"/programmes/{p}/timeline/",
        "board": f"/programmes/{p}/board/",
        "reporting": f"/programmes/{p}/reporting/",
        "study": f"/programmes/{p}/study/",
        "reviews": f"/programmes/{p}/reviews/",
        "evaluation": f"/programmes/{p}/evaluation/",
        "task": f"/programmes/tasks/{t}/",
        "unit": f"/programmes/units/{w['unit'].pk}/",
        "evidence": f"/programmes/evidence/{w['evidence'].pk}/",
        "import": "/programmes/import/",
        "create": "/programmes/new/",
        "edit": f"/programmes/{p}/edit/",
        "task_new": f"/programmes/{p}/tasks/new/",
        "task_edit": f"/programmes/tasks/{t}/edit/",
        "report": f"/programmes/tasks/{t}/report/",
    }


READ = [
    "detail",
    "timeline",
    "board",
    "reporting",
    "study",
    "reviews",
    "evaluation",
    "task",
    "unit",
    "evidence",
]
EXPECTED_GET: dict[str, dict[str, int]] = {
    # page: coordinator, unit head, officer, leader, village head, Front, other commune
    **{page: dict(zip(ROLES, [200] * 6 + [404], strict=True)) for page in READ},
    "list": dict.fromkeys(ROLES, 200),
    "import": dict(zip(ROLES, [200, 403, 403, 200, 403, 403, 200], strict=True)),
    "create": dict(zip(ROLES, [200, 200, 403, 200, 403, 403, 200], strict=True)),
    "edit": dict(zip(ROLES, [200, 403, 403, 200, 403, 403, 404], strict=True)),
    "task_new": dict(zip(ROLES, [200, 403, 403, 200, 403, 403, 404], strict=True)),
    "task_edit": dict(zip(ROLES, [200, 403, 403, 200, 403, 403, 404], strict=True)),
    "report": dict(zip(ROLES, [200, 200, 200, 403, 403, 403, 404], strict=True)),
}


@pytest.mark.parametrize("page", list(EXPECTED_GET))
@pytest.mark.parametrize("who", ROLES)
def test_pages(world: dict[str, Any], clients: dict[str, Client], page: str, who: str) -> None:
    response = clients[who].get(_urls(world)[page])
    assert response.status_code == EXPECTED_GET[page][who]


def test_another_commune_does_not_see_the_programme_listed(
    world: dict[str, Any], clients: dict[str, Client]
) -> None:
    title = world["programme"].title
    assert title in clients["leader"].get("/programmes/").content.decode()
    assert title not in clients["other"].get("/programmes/").content.decode()


def _post(world: dict[str, Any], action: str, who: str) -> tuple[str, dict[str, Any]]:
    p = world["programme"].pk
    unit = world["unit"].pk
    if action == "study":
        return f"/programmes/{p}/study/", {
            "legal_document": world["document"].pk,
            "unit": unit,
            "held_on": "05/03/2026",
            "attendees": "12",
        }
    if action == "review":
        return f"/programmes/{p}/reviews/", {"kind": "half_year", "year": "2026"}
    if action == "adjust":
        return f"/programmes/{p}/evaluation/", {
            "action": "adjust",
            "unit": unit,
            "criterion": world["criterion"].pk,
            "points": "5",
            "reason": "Chủ động đề xuất mô hình Dân vận khéo",
        }
    return f"/programmes/tasks/{world['task'].pk}/report/", {
        "unit": unit,
        "period": "2026-07-14",
        "text": "Báo cáo bổ sung",
        "progress": "40",
    }


EXPECTED_POST: dict[str, dict[str, int]] = {
    "study": dict(zip(ROLES, [302, 302, 302, 403, 403, 403, 404], strict=True)),
    "review": dict(zip(ROLES, [302, 403, 403, 302, 403, 403, 404], strict=True)),
    "adjust": dict(zip(ROLES, [302, 403, 403, 302, 403, 403, 404], strict=True)),
    "report": dict(zip(ROLES, [302, 302, 302, 403, 403, 403, 404], strict=True)),
}
CREATED = {
    "study": StudySession,
    "review": Review,
    "adjust": ScoreAdjustment,
    "report": ProgressReport,
}


@pytest.mark.parametrize("action", list(EXPECTED_POST))
@pytest.mark.parametrize("who", ROLES)
def test_actions(world: dict[str, Any], clients: dict[str, Client], action: str, who: str) -> None:
    model = CREATED[action]
    before = model.objects.count()
    url, data = _post(world, action, who)
    response = clients[who].post(url, data)
    assert response.status_code == EXPECTED_POST[action][who]
    assert model.objects.count() == before + (1 if response.status_code == 302 else 0)


def test_village_head_and_front_report_on_tasks_of_their_village_or_organisation(
    programme: Programme, units: dict[str, Unit], clients: dict[str, Client]
) -> None:
    village = units["Thôn Quang Thượng"]
    front = units["Ủy ban Mặt trận Tổ quốc Việt Nam xã"]
    ii5 = programme.tasks.get(number="II.5")
    ii6 = programme.tasks.get(number="II.6")
    services.task_update(actor=None, task=ii5, villages=[village])
    services.task_update(
        actor=None, task=ii6, cooperating_units=[*ii6.cooperating_units.all(), front]
    )
    assert clients["village_head"].get(f"/programmes/tasks/{ii5.pk}/report/").status_code == 200
    assert clients["village_head"].get(f"/programmes/tasks/{ii6.pk}/report/").status_code == 403
    assert clients["front"].get(f"/programmes/tasks/{ii6.pk}/report/").status_code == 200
    response = clients["village_head"].post(
        f"/programmes/tasks/{ii5.pk}/report/",
        {"unit": village.pk, "period": "2026-07-14", "text": "Họp thôn phổ biến", "progress": "20"},
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get(task=ii5).unit == village
    # A unit officer cannot report in another unit's name.
    response = clients["officer"].post(
        f"/programmes/tasks/{ii5.pk}/report/",
        {"unit": village.pk, "period": "2026-07-14", "text": "x", "progress": "20"},
    )
    assert response.status_code == 200
    assert ProgressReport.objects.filter(task=ii5).count() == 1


def test_a_unit_head_edits_the_plan_of_their_unit_only(
    programme: Programme,
    units: dict[str, Unit],
    people: dict[str, User],
    clients: dict[str, Client],
    make_user: Callable[..., User],
    commune: Commune,
) -> None:
    own = services.programme_create(
        actor=None,
        commune=commune,
        kind="KH",
        title="Kế hoạch của Phòng Kinh tế",
        year=2026,
        unit=units["Phòng Kinh tế"],
        implements=programme,
    )
    others = services.programme_create(
        actor=None,
        commune=commune,
        kind="KH",
        title="Kế hoạch của Văn phòng",
        year=2026,
        unit=units["Văn phòng HĐND và UBND"],
        implements=programme,
    )
    head = clients["unit_head"]
    assert head.get(f"/programmes/{own.pk}/edit/").status_code == 200
    assert head.get(f"/programmes/{own.pk}/tasks/new/").status_code == 200
    assert head.get(f"/programmes/{others.pk}/edit/").status_code == 403
    assert clients["officer"].get(f"/programmes/{own.pk}/edit/").status_code == 403
    # Creating a plan: a unit head only for their own unit.
    response = head.post(
        "/programmes/new/",
        {
            "kind": "KH",
            "title": "Kế hoạch khác",
            "year": "2026",
            "report_frequency": "monthly",
            "report_lag_days": "0",
            "unit": units["Văn phòng HĐND và UBND"].pk,
        },
    )
    assert response.status_code == 200
    assert not Programme.objects.filter(title="Kế hoạch khác").exists()


def test_province_viewer_reads_but_cannot_write(
    world: dict[str, Any], make_user: Callable[..., User]
) -> None:
    client = Client()
    client.force_login(make_user(Role.PROVINCE_VIEWER))
    urls = _urls(world)
    assert client.get(urls["detail"]).status_code == 200
    for page in ("import", "create", "edit", "report"):
        assert client.get(urls[page]).status_code == 403
    url, data = _post(world, "review", "viewer")
    assert client.post(url, data).status_code == 403


def test_pages_need_login(world: dict[str, Any]) -> None:
    response = Client().get(_urls(world)["detail"])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
