"""The programme lists as XLSX and CSV: the programmes and plans, a programme's tasks (overview
and board), who has reported for a period. The rows the pages show, the commune's own only,
cells that cannot run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UserFactory
from danvan.core.models import Commune, Unit
from danvan.core.tests.spreadsheets import INJECTIONS, assert_protected, exports, flat, statuses
from danvan.programmes import services
from danvan.programmes.models import Programme

D = dt.date


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(client_of: Callable[[str], Client]) -> Client:
    return client_of("coordinator")


def test_the_list_export_is_the_list_with_its_year(
    coordinator: Client,
    programme: Programme,
    commune: Commune,
    other_commune: Commune,
    units: dict[str, Unit],
) -> None:
    plan = services.programme_create(
        actor=None,
        commune=commune,
        title="Kế hoạch thực hiện công tác Dân vận năm 2026",
        year=2026,
        kind="KH",
        unit=units["Phòng Kinh tế"],
        implements=programme,
        number_symbol="05/KH-KT",
        issued_on=D(2026, 2, 3),
    )
    services.programme_create(actor=None, commune=commune, title="Chương trình năm 2025", year=2025)
    services.programme_create(
        actor=None, commune=other_commune, title="Chương trình của xã Tân Tiến", year=2026
    )
    shown = list(coordinator.get("/programmes/?year=2026").context["programmes"])
    xlsx, csv_ = exports(coordinator, "programmes:export", query="year=2026")
    assert [row[2] for row in xlsx[1:]] == [p.title for p in shown]
    assert {p.pk for p in shown} == {programme.pk, plan.pk}
    row = dict(zip(xlsx[0], next(r for r in xlsx[1:] if r[2] == plan.title), strict=True))
    assert row["Năm"] == 2026
    assert row["Số, ký hiệu"] == "05/KH-KT"
    assert row["Ngày ban hành"] == dt.datetime(2026, 2, 3)
    assert row["Cơ quan, đơn vị"] == "Phòng Kinh tế"
    assert row["Thực hiện"] == f"{programme.printed_type}: {programme.title}"
    assert row["Nhiệm vụ"] == 0
    commune_row = next(r for r in csv_[1:] if r[2] == programme.title)
    assert commune_row[5] == commune.people_committee_name
    assert commune_row[8] == str(programme.tasks.filter(is_cancelled=False).count())
    everything = flat(*exports(coordinator, "programmes:export"))
    assert "Chương trình năm 2025" in everything
    assert "Tân Tiến" not in everything
    html = coordinator.get("/programmes/?year=2026").content.decode()
    assert f"{reverse('programmes:export', args=['csv'])}?year=2026" in html


def test_the_tasks_export_is_the_overview_tree_or_the_board(
    coordinator: Client, programme: Programme, units: dict[str, Unit]
) -> None:
    task = services.task_create(
        actor=None,
        programme=programme,
        title="Tin bài tuyên truyền",
        starts_on=D(2026, 1, 15),
        due_on=D(2026, 12, 31),
        lead_unit=units["Phòng Kinh tế"],
        cooperating_units=[units["Phòng Văn hoá - Xã hội"], units["Văn phòng HĐND và UBND"]],
        villages=[units["Thôn An Lạc"]],
        expected_output="24 tin bài",
    )
    rows = coordinator.get(f"/programmes/{programme.pk}/").context["rows"]
    xlsx, csv_ = exports(coordinator, "programmes:tasks_export", programme.pk)
    assert [row[0] for row in xlsx[1:]] == [r.task.number for r in rows]
    assert [row[8] for row in csv_[1:]] == [r.result.label for r in rows]
    mine = next(r for r in rows if r.task.pk == task.pk)
    assert xlsx[-1] == [
        task.number,
        "Tin bài tuyên truyền",
        "Phòng Kinh tế",
        "Phòng Văn hoá - Xã hội, Văn phòng HĐND và UBND",
        "Thôn An Lạc",
        dt.datetime(2026, 1, 15),
        dt.datetime(2026, 12, 31),
        0,
        mine.result.label,
        mine.result.reason,
        None,
        "24 tin bài",
    ]
    assert xlsx[0][:2] == ["Số", "Nhiệm vụ"]
    assert csv_[-1][5:7] == ["2026-01-15", "2026-12-31"]
    board = coordinator.get(f"/programmes/{programme.pk}/board/")
    order = [r.task.number for column in board.context["columns"] for r in column.rows]
    xlsx, _csv = exports(coordinator, "programmes:tasks_export", programme.pk, query="view=board")
    assert [row[0] for row in xlsx[1:]] == order
    link = reverse("programmes:tasks_export", args=[programme.pk, "xlsx"]) + "?view=board"
    assert link in board.content.decode()


def test_the_reporting_export_is_who_has_reported_for_the_period(
    coordinator: Client, programme: Programme
) -> None:
    page = coordinator.get(f"/programmes/{programme.pk}/reporting/?period=2026-06-14")
    first = page.context["units"][0].expected[0]
    services.report_submit(
        actor=None,
        task=first.row.task,
        unit=first.unit,
        period_end=first.slot.period.end,
        text="Đã tổ chức hội nghị",
        progress=10,
    )
    page = coordinator.get(f"/programmes/{programme.pk}/reporting/?period=2026-06-14")
    expected = [item for unit in page.context["units"] for item in unit.expected]
    xlsx, csv_ = exports(
        coordinator, "programmes:reporting_export", programme.pk, query="period=2026-06-14"
    )
    assert len(xlsx) == len(expected) + 1 == 33  # 4 units × 8 tasks
    assert [(row[0], row[1]) for row in xlsx[1:]] == [
        (item.unit.name, item.row.task.number) for item in expected
    ]
    sent = next(
        row for row in xlsx[1:] if row[0] == first.unit.name and row[1] == first.row.task.number
    )
    assert sent[3] == first.slot.period.label
    assert sent[4] == dt.datetime.combine(first.slot.due_on, dt.time())
    assert sent[5] == dt.datetime(2026, 7, 20)  # reported on
    assert sent[6] == gettext("Sent late")
    statuses_ = [row[6] for row in csv_[1:]]
    assert statuses_.count("Chưa gửi") == 31  # "Missing"
    # Without ?period= the page and its export show the period to chase now, and the link names it.
    page = coordinator.get(f"/programmes/{programme.pk}/reporting/")
    chosen = page.context["chosen"].end.isoformat()
    link = reverse("programmes:reporting_export", args=[programme.pk, "csv"])
    assert f"{link}?period={chosen}" in page.content.decode()


def test_another_commune_cannot_export_a_programme(
    programme: Programme, make_user: Callable[..., User], other_commune: Commune
) -> None:
    other = login(make_user(Role.LEADER, commune_=other_commune))
    assert other.get(f"/programmes/{programme.pk}/").status_code == 404
    assert statuses(other, "programmes:tasks_export", programme.pk) == {404}
    assert statuses(other, "programmes:reporting_export", programme.pk) == {404}
    assert statuses(other, "programmes:evaluation_export", programme.pk) == {404}
    unit = programme.tasks.exclude(lead_unit=None).first().lead_unit
    assert other.get(f"/programmes/units/{unit.pk}/").status_code == 404
    assert statuses(other, "programmes:unit_export", unit.pk) == {404}
    assert programme.title not in flat(*exports(other, "programmes:export"))
    stranger = Client()
    stranger.force_login(UserFactory.create())  # no membership in any commune
    assert stranger.get("/programmes/").status_code == 403
    assert statuses(stranger, "programmes:export") == {403}


def test_cells_an_official_typed_cannot_run(
    coordinator: Client, programme: Programme, commune: Commune, units: dict[str, Unit]
) -> None:
    for text in INJECTIONS:
        services.task_create(
            actor=None,
            programme=programme,
            title=text,
            starts_on=D(2026, 1, 15),
            due_on=D(2026, 12, 31),
            lead_unit=units["Phòng Kinh tế"],
        )
        services.programme_create(actor=None, commune=commune, title=text, year=2026)
    assert_protected(*exports(coordinator, "programmes:export"))
    assert_protected(*exports(coordinator, "programmes:tasks_export", programme.pk))
    query = "period=2026-06-14"
    xlsx, csv_ = exports(coordinator, "programmes:reporting_export", programme.pk, query=query)
    assert_protected(xlsx, csv_)


def test_the_evaluation_export_is_the_evaluation_table(
    coordinator: Client, programme: Programme, units: dict[str, Unit]
) -> None:
    manual = services.criterion_save(
        actor=None, programme=programme, name="=Ý thức chấp hành", metric="manual", points=10
    )
    services.score_adjust(
        actor=None,
        programme=programme,
        unit=units["Phòng Kinh tế"],
        criterion=manual,
        points="7",
        reason="Chấp hành tốt",
    )
    page = coordinator.get(f"/programmes/{programme.pk}/evaluation/")
    criteria, lines = page.context["criteria"], page.context["lines"]
    xlsx, csv_ = exports(coordinator, "programmes:evaluation_export", programme.pk)
    maximum = sum(c.points for c in criteria)
    assert xlsx[0] == [
        "Đơn vị",
        *(
            f"'{c.name} (/{c.points})" if c.name.startswith("=") else f"{c.name} (/{c.points})"
            for c in criteria
        ),
        f"Điểm (/{maximum})",
        "Xếp loại",
        "%",
    ]
    assert [row[0] for row in xlsx[1:]] == [line.unit.name for line in lines]
    for row, line in zip(xlsx[1:], lines, strict=True):
        assert row[1:-3] == [float(c.final) for c in line.score.criteria]
        assert row[-3:] == [float(line.score.total), line.score.rating, line.score.percent]
    kinh_te = next(row for row in csv_[1:] if row[0] == "Phòng Kinh tế")
    assert kinh_te[len(criteria)] == "7.0"  # the manual criterion: the adjustment only
    link = reverse("programmes:evaluation_export", args=[programme.pk, "xlsx"])
    assert link in page.content.decode()


def test_the_unit_export_is_the_unit_s_tasks_of_the_year(
    coordinator: Client, programme: Programme, units: dict[str, Unit]
) -> None:
    unit = units["Phòng Kinh tế"]
    page = coordinator.get(f"/programmes/units/{unit.pk}/?year=2026")
    tasks = page.context["page"].tasks
    xlsx, csv_ = exports(coordinator, "programmes:unit_export", unit.pk, query="year=2026")
    assert [row[1] for row in xlsx[1:]] == [t.row.task.number for t in tasks]
    assert len(tasks) == 8
    first = tasks[0]
    assert xlsx[1] == [
        f"{programme.printed_type}: {programme.title}",
        first.row.task.number,
        first.row.task.title,
        {"lead": "Chủ trì", "cooperating": "Phối hợp"}[first.role],
        dt.datetime.combine(first.row.task.due_on, dt.time()),
        first.row.result.label,
        first.row.progress,
        len(first.missing),
    ]
    assert all(int(row[7]) == len(t.missing) for row, t in zip(csv_[1:], tasks, strict=True))
    assert not exports(coordinator, "programmes:unit_export", unit.pk, query="year=2025")[0][1:]
    link = reverse("programmes:unit_export", args=[unit.pk, "xlsx"]) + "?year=2026"
    assert link in page.content.decode()


# --- directive study, reviews, a task's progress reports ----------------------------------------
def test_the_study_export_is_the_study_page(
    coordinator: Client, programme: Programme, people: dict[str, User], units: dict[str, Unit]
) -> None:
    document = programme.legal_basis.get(number_symbol="33/CT-TTg")
    services.study_record(
        actor=people["unit_head"],
        programme=programme,
        legal_document=document,
        unit=units["Phòng Kinh tế"],
        held_on=D(2026, 3, 5),
        attendees=25,
        note="Hội trường UBND xã",
    )
    page = coordinator.get(f"/programmes/{programme.pk}/study/")
    lines, expected_units = page.context["lines"], page.context["units"]
    xlsx, csv_ = exports(coordinator, "programmes:study_export", programme.pk)
    assert xlsx[0] == [
        "Văn bản",
        "Đơn vị",
        "Trạng thái",
        "Ngày tổ chức",
        "Số người tham dự",
        "Ghi chú",
    ]
    # Document by document: the sessions held, then every unit that has not studied it yet.
    assert [(row[0], row[1]) for row in xlsx[1:]] == [
        (str(line.document), unit.name)
        for line in lines
        for unit in [s.unit for s in line.sessions] + line.missing
    ]
    assert len(xlsx) - 1 == len(lines) * len(expected_units)  # one session, no unit twice
    held = [row for row in xlsx[1:] if row[2] == "Đã quán triệt"]
    assert held == [
        [
            str(document),
            "Phòng Kinh tế",
            "Đã quán triệt",
            dt.datetime(2026, 3, 5),
            25,
            "Hội trường UBND xã",
        ]
    ]
    missing = next(row for row in csv_[1:] if row[0] == str(document) and row[2] != "Đã quán triệt")
    assert missing[2:] == ["Chưa quán triệt", "", "", ""]
    link = reverse("programmes:study_export", args=[programme.pk, "xlsx"])
    assert link in page.content.decode()


def test_the_reviews_export_is_the_reviews_list(
    coordinator: Client, programme: Programme, people: dict[str, User]
) -> None:
    review = services.review_generate(
        actor=people["coordinator"], programme=programme, kind="half_year"
    )
    page = coordinator.get(f"/programmes/{programme.pk}/reviews/")
    assert list(page.context["reviews"]) == [review]
    xlsx, csv_ = exports(coordinator, "programmes:reviews_export", programme.pk)
    assert xlsx[0] == [
        "Loại",
        "Năm",
        "Kỳ báo cáo từ ngày",
        "Kỳ báo cáo đến ngày",
        "Báo cáo",
        "Thời điểm tạo",
        "Người tạo",
    ]
    assert xlsx[1:] == [
        [
            review.get_kind_display(),
            2026,
            dt.datetime(2025, 12, 15),
            dt.datetime(2026, 6, 14),
            "Dự thảo",  # not issued yet: the page's "Draft" badge
            dt.datetime(2026, 7, 20, 16, 0),  # 09:00 UTC in Hà Nội time
            str(people["coordinator"]),
        ]
    ]
    assert csv_[1][2:4] == ["2025-12-15", "2026-06-14"]
    link = reverse("programmes:reviews_export", args=[programme.pk, "csv"])
    assert link in page.content.decode()


def test_the_task_reports_export_is_the_task_page_s_reports(
    coordinator: Client, programme: Programme, people: dict[str, User], units: dict[str, Unit]
) -> None:
    kt = units["Phòng Kinh tế"]
    task = services.task_create(
        actor=None,
        programme=programme,
        title="Hội nghị đối thoại tại các thôn",
        starts_on=D(2026, 2, 1),
        due_on=D(2026, 11, 30),
        lead_unit=kt,
        indicator_kind="number",
        target_value="10",
        target_unit="buổi",
    )
    first = services.report_submit(
        actor=people["officer"],
        task=task,
        unit=kt,
        period_end=D(2026, 6, 14),
        text="Đối thoại tại thôn Quang Thượng.",
        value="1",
    )
    services.report_submit(
        actor=people["officer"],
        task=task,
        unit=kt,
        period_end=D(2026, 7, 14),
        text="Đối thoại tại thôn An Lạc.",
        value="2",
        files=[
            SimpleUploadedFile(
                "bien-ban.pdf", b"%PDF-1.4 bien ban", content_type="application/pdf"
            ),
            SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
        ],
    )
    page = coordinator.get(f"/programmes/tasks/{task.pk}/")
    reports = page.context["reports"]
    xlsx, csv_ = exports(coordinator, "programmes:task_reports_export", task.pk)
    assert xlsx[0] == [
        "Đơn vị",
        "Ngày báo cáo",
        "Kỳ báo cáo từ ngày",
        "Kỳ báo cáo đến ngày",
        "Người gửi",
        "Nội dung đã thực hiện",
        "Tiến độ (%)",
        "Kết quả đạt được trong kỳ (buổi)",
        "Công việc đã hoàn thành",
        "Tệp minh chứng",
    ]
    assert [row[5] for row in xlsx[1:]] == [r.text for r in reports]
    latest = reports[0]
    assert xlsx[1] == [
        "Phòng Kinh tế",
        dt.datetime(2026, 7, 20),
        dt.datetime.combine(latest.period_start, dt.time()),
        dt.datetime(2026, 7, 14),
        str(people["officer"]),
        "Đối thoại tại thôn An Lạc.",
        None,
        2,
        None,
        "bien-ban.pdf, anh.png",  # the names only: the files stay behind their link
    ]
    assert xlsx[2][5] == first.text
    assert xlsx[2][9] is None
    assert "PDF-1.4" not in flat(xlsx, csv_)
    link = reverse("programmes:task_reports_export", args=[task.pk, "xlsx"])
    assert link in page.content.decode()


def test_another_commune_cannot_export_study_reviews_or_reports(
    programme: Programme, make_user: Callable[..., User], other_commune: Commune
) -> None:
    task = programme.tasks.first()
    other = login(make_user(Role.LEADER, commune_=other_commune))
    for page, viewname, pk in (
        (f"/programmes/{programme.pk}/study/", "programmes:study_export", programme.pk),
        (f"/programmes/{programme.pk}/reviews/", "programmes:reviews_export", programme.pk),
        (f"/programmes/tasks/{task.pk}/", "programmes:task_reports_export", task.pk),
    ):
        assert other.get(page).status_code == 404
        assert statuses(other, viewname, pk) == {404}
    stranger = Client()
    stranger.force_login(UserFactory.create())  # no membership in any commune
    for page, viewname, pk in (
        (f"/programmes/{programme.pk}/study/", "programmes:study_export", programme.pk),
        (f"/programmes/{programme.pk}/reviews/", "programmes:reviews_export", programme.pk),
        (f"/programmes/tasks/{task.pk}/", "programmes:task_reports_export", task.pk),
    ):
        assert stranger.get(page).status_code == 403
        assert statuses(stranger, viewname, pk) == {403}


def test_study_notes_and_report_texts_cannot_run(
    coordinator: Client, programme: Programme, people: dict[str, User], units: dict[str, Unit]
) -> None:
    kt = units["Phòng Kinh tế"]
    task = programme.tasks.get(number="II.3")
    for index, text in enumerate(INJECTIONS):
        services.study_record(
            actor=people["unit_head"],
            programme=programme,
            legal_document=programme.legal_basis.get(number_symbol="33/CT-TTg"),
            unit=kt,
            held_on=D(2026, 3, 5 + index),
            attendees=10,
            note=text,
        )
    services.report_submit(
        actor=people["officer"],
        task=task,
        unit=kt,
        period_end=D(2026, 7, 14),
        text=INJECTIONS[0],
        progress=45,
    )
    assert_protected(*exports(coordinator, "programmes:study_export", programme.pk))
    xlsx, csv_ = exports(coordinator, "programmes:task_reports_export", task.pk)
    assert_protected(xlsx, csv_, INJECTIONS[:1])
