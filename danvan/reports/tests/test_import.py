"""Import of historical petitions from the XLSX template, through HTTP: preview with the rejected
rows and their reasons, an all-or-nothing import, no formula ever executed or exported live."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.accounts.tests.factories import UnitFactory
from danvan.core.models import AuditEvent, Commune, Unit
from danvan.petitions import services as ps
from danvan.petitions.models import DenouncerIdentity, Petition, PetitionEvent
from danvan.petitions.tests.factories import register
from danvan.reports import importing
from danvan.reports.models import ImportJob

pytestmark = pytest.mark.django_db
INJECTION = "=cmd|' /C calc'!A0"
DENOUNCER_NAME = "Lê Thị Cúc"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def units(commune: Commune) -> dict[str, Unit]:
    return {
        "office": UnitFactory.create(commune=commune, name="Văn phòng HĐND và UBND"),
        "village": UnitFactory.create(commune=commune, name="Thôn Đông", kind="village"),
    }


@pytest.fixture
def leader(make_user: Callable[..., User]) -> User:
    return make_user(Role.LEADER)


@pytest.fixture
def client(leader: User) -> Client:
    client = Client()
    client.force_login(leader)
    return client


def row(**values: Any) -> list[Any]:
    base: dict[str, Any] = {
        "received_on": "14/01/2024",
        "kind": "khiếu nại",
        "channel": "",
        "name": "Nguyễn Văn An",
        "phone": "0987000111",
        "address": "Thôn Đông",
        "summary": "Tranh chấp ranh giới đất",
        "content": "",
        "field": "Đất đai",
        "unit": "",
        "village": "",
        "status": "",
        "closed_on": "",
        "result": "",
        "transferred_to": "",
    }
    base.update(values)
    return [base[key] for key, _title in importing.COLUMNS]


def workbook(rows: list[list[Any]], header: tuple[str, ...] = importing.HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: Client, data: bytes, name: str = "so-don.xlsx") -> Any:
    return client.post(
        reverse("reports:import"), {"file": SimpleUploadedFile(name, data, content_type=XLSX)}
    )


@pytest.fixture
def existing(commune: Commune) -> Petition:
    citizen = ps.citizen_get_or_create(commune=commune, full_name="Phạm Văn Dũng")
    return register(
        commune,
        "complaint",
        received_on=dt.date(2024, 6, 1),
        summary="Xin cấp giấy chứng nhận",
        person=citizen,
    )


def mixed_file() -> bytes:
    future = (timezone.localdate() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    return workbook(
        [
            # 2: good, diacritic-less kind, unit and village matched folded, historically closed
            row(
                kind="khieu nai",
                unit="van phong hdnd va ubnd",
                village="THON DONG",
                status="da ket thuc",
                closed_on="20/02/2024",
                result="Đã hòa giải thành",
            ),
            # 3: good, a real Excel date
            row(
                received_on=dt.datetime(2024, 3, 5),
                kind="Kiến nghị",
                name="Trần Thị Bình",
                summary="Sửa đường liên thôn",
                field="",
            ),
            row(received_on="31/02/2024", summary="Ngày sai"),  # 4: bad date
            row(received_on=future, summary="Ngày tương lai"),  # 5: future date
            row(unit="Phòng Không Tồn Tại", summary="Đơn vị lạ"),  # 6: unknown unit
            # 7: duplicate of row 2 (same day, summary, sender, spelled differently)
            row(name="NGUYEN VAN AN", summary="tranh chap ranh gioi dat"),
            # 8: duplicate of a petition already registered
            row(received_on="01/06/2024", name="Phạm Văn Dũng", summary="Xin cấp giấy chứng nhận"),
            # 9: good, a formula injection attempt in the summary
            row(kind="phản ánh", name="Hoàng Văn Em", summary=INJECTION, content="Nội dung"),
            # 10: good, a denunciation: the sender goes to the encrypted store
            row(kind="to cao", name=DENOUNCER_NAME, summary="Tố cáo cán bộ địa chính"),
        ]
    )


def preview(client: Client) -> tuple[ImportJob, Any]:
    response = upload(client, mixed_file())
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    return job, client.get(response["Location"])


def run(client: Client, job: ImportJob, capture: Any) -> Any:
    with capture(execute=True):
        response = client.post(reverse("reports:import_run", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    return response


def test_preview_lists_exactly_the_rejected_rows_with_reasons(
    client: Client, commune: Commune, units: dict[str, Unit], existing: Petition
) -> None:
    before = Petition.objects.count()
    job, response = preview(client)
    assert response.status_code == 200
    assert Petition.objects.count() == before  # a preview registers nothing
    assert (job.status, job.total, job.good) == ("previewed", 9, 4)
    reasons = {r["row"]: [e["code"] for e in r["errors"]] for r in job.rejected}
    assert reasons == {
        4: ["bad_date"],
        5: ["future_date"],
        6: ["unknown_unit"],
        7: ["duplicate_in_file"],
        8: ["duplicate_existing"],
    }
    html = response.content.decode()
    for number in reasons:
        assert f'data-testid="rejected-row-{number}"' in html
    for number in (2, 3, 9, 10):
        assert f'data-testid="rejected-row-{number}"' not in html
    assert "Phòng Không Tồn Tại" in html
    assert existing.case_number in html
    assert job.warnings == [{"row": 9, "columns": ["Tóm tắt"]}]
    assert 'data-testid="warning-row-9"' in html
    assert 'data-testid="import-run"' in html
    # The stored rows are encrypted: neither a name nor the denouncer appear in clear.
    assert DENOUNCER_NAME not in job.rows_enc
    assert "Nguyễn Văn An" not in job.rows_enc
    audit = AuditEvent.objects.get(verb="reports.import_previewed")
    assert audit.after == {"rows": 9, "good": 4, "rejected": 5}


def test_import_lands_the_good_rows_once(
    client: Client,
    commune: Commune,
    units: dict[str, Unit],
    existing: Petition,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from danvan.petitions.citizen_messages import ConsoleShortMessages

    before = set(Petition.objects.values_list("pk", flat=True))
    sent_before = len(ConsoleShortMessages.sent)
    job, _response = preview(client)
    run(client, job, django_capture_on_commit_callbacks)
    assert job.status == "done"
    assert job.imported == 4
    assert len(ConsoleShortMessages.sent) == sent_before  # old petitions: nobody is messaged again
    assert job.rows_enc == ""
    new = Petition.objects.exclude(pk__in=before)
    assert sorted(new.values_list("summary", flat=True)) == sorted(
        ["Tranh chấp ranh giới đất", "Sửa đường liên thôn", INJECTION, "Tố cáo cán bộ địa chính"]
    )
    closed = new.get(summary="Tranh chấp ranh giới đất")
    assert closed.kind == "complaint"
    # Finished in the old register: finished here too, on that day, from the register.
    assert (closed.status, closed.closure, closed.is_historical_closure) == (
        "closed",
        "resolved",
        True,
    )
    assert timezone.localtime(closed.closed_at).date() == dt.date(2024, 2, 20)
    assert closed.assigned_unit == units["office"]
    assert closed.village == units["village"]
    assert closed.citizen.full_name == "Nguyễn Văn An"
    event = PetitionEvent.objects.get(petition=closed, verb="closed")
    assert event.is_public
    assert "20/02/2024" in event.text
    assert "Đã hòa giải thành" in event.text
    assert not PetitionEvent.objects.filter(petition=closed, verb="note").exists()
    opened = new.get(summary="Sửa đường liên thôn")
    assert opened.status == "registered"
    assert PetitionEvent.objects.get(petition=opened, verb="note").is_public
    assert new.get(summary="Sửa đường liên thôn").received_on == dt.date(2024, 3, 5)
    # The formula is plain text on the case.
    assert new.get(summary=INJECTION).kind == "feedback"
    # The denouncer is in the encrypted store, not on the case.
    denunciation = new.get(kind="denunciation")
    assert denunciation.citizen is None
    identity = DenouncerIdentity.objects.get(petition=denunciation)
    assert DENOUNCER_NAME not in identity.name_enc
    assert not Petition.objects.filter(search_folded__contains="cuc").exists()
    audit = AuditEvent.objects.get(verb="reports.petitions_imported")
    assert audit.after == {"imported": 4, "rejected": 5}

    # Clicking again, or running the task again, imports nothing more.
    run(client, job, django_capture_on_commit_callbacks)
    importing.import_run(job_id=job.pk)
    assert new.count() == 4
    # The same file uploaded again: every row is now a duplicate or an error.
    job2, response = preview(client)
    assert job2.good == 0
    assert 'data-testid="nothing-to-import"' in response.content.decode()
    assert client.post(reverse("reports:import_run", args=[job2.pk])).status_code == 302
    assert new.count() == 4


def test_two_previews_of_one_file_do_not_land_twice(
    client: Client, units: dict[str, Unit], django_capture_on_commit_callbacks: Any
) -> None:
    first, _ = preview(client)
    second, _ = preview(client)
    run(client, first, django_capture_on_commit_callbacks)
    count = Petition.objects.count()
    run(client, second, django_capture_on_commit_callbacks)
    assert second.status == "failed"
    assert second.imported == 0
    assert Petition.objects.count() == count
    response = client.get(reverse("reports:import_job", args=[second.pk]))
    assert 'data-testid="import-failed"' in response.content.decode()


def test_a_failure_in_the_middle_imports_nothing(
    client: Client,
    units: dict[str, Unit],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    real = ps.petition_register
    calls = {"n": 0}

    def flaky(**kwargs: Any) -> Petition:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(**kwargs)

    job, _ = preview(client)
    before = Petition.objects.count()
    citizens = ps.Citizen.objects.count()
    monkeypatch.setattr(ps, "petition_register", flaky)
    run(client, job, django_capture_on_commit_callbacks)
    assert calls["n"] == 3
    assert job.status == "failed"
    assert "RuntimeError" in job.error
    assert Petition.objects.count() == before
    assert ps.Citizen.objects.count() == citizens
    assert not DenouncerIdentity.objects.exists()
    assert not AuditEvent.objects.filter(verb="reports.petitions_imported").exists()
    progress = client.get(reverse("reports:import_progress", args=[job.pk]))
    assert 'data-status="failed"' in progress.content.decode()
    assert "hx-trigger" not in progress.content.decode()  # the polling stops


def test_exported_formula_cells_are_prefixed_with_an_apostrophe(
    client: Client, units: dict[str, Unit], django_capture_on_commit_callbacks: Any
) -> None:
    job, _ = preview(client)
    run(client, job, django_capture_on_commit_callbacks)
    response = client.get(reverse("reports:petitions_export", args=["xlsx"]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    summaries = [r[7] for r in book.active.iter_rows(min_row=2, values_only=True)]
    assert "'" + INJECTION in summaries
    assert INJECTION not in summaries
    cell = next(c for c in book.active["H"] if c.value == "'" + INJECTION)
    assert cell.data_type == "s"  # a string, not a formula
    csv_text = b"".join(
        client.get(reverse("reports:petitions_export", args=["csv"])).streaming_content
    ).decode()
    assert "'" + INJECTION in csv_text.replace('""', '"')


def test_progress_fragment_polls_while_running(
    client: Client, units: dict[str, Unit], django_capture_on_commit_callbacks: Any
) -> None:
    job, _ = preview(client)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("reports:import_run", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "queued"
    html = client.get(reverse("reports:import_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "<progress" in html
    importing.import_run(job_id=job.pk)
    html = client.get(reverse("reports:import_progress", args=[job.pk])).content.decode()
    assert 'data-status="done"' in html
    assert "hx-trigger" not in html


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.xlsx", b""),
        ("notes.txt", "Ngày nhận;Loại đơn\n14/01/2024;khiếu nại\n".encode()),
        ("fake.xlsx", b"PK\x03\x04" + b"\x00" * 100),
        ("big.xlsx", b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024)),
        ("wrong-header.xlsx", workbook([row()], header=("A", "B", "C"))),
        ("header-only.xlsx", workbook([])),
    ],
)
def test_bad_files_are_refused_with_a_message(
    client: Client, commune: Commune, name: str, data: bytes
) -> None:
    response = upload(client, data, name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert 'role="alert"' in response.content.decode()
    assert not ImportJob.objects.exists()


def test_too_many_rows_are_refused(
    client: Client, units: dict[str, Unit], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    response = upload(client, workbook([row(summary=f"Đơn {n}") for n in range(4)]))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_template_downloads_and_reuploads_as_no_rows(
    client: Client, commune: Commune, units: dict[str, Unit]
) -> None:
    response = client.get(reverse("reports:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    first, help_sheet = book.worksheets
    assert [c.value for c in first[1]] == list(importing.HEADER)
    assert first.max_row == 1
    values = {c.value for c in help_sheet["A"]}
    assert {"khiếu nại", "đã kết thúc", "Văn phòng HĐND và UBND", "Thôn Đông"} <= values
    again = upload(client, response.content, "mau-nhap-don.xlsx")
    assert again.status_code == 200
    assert again.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_only_report_managers_import_and_jobs_are_scoped(
    client: Client,
    client_for: Callable[..., Client],
    other_commune: Commune,
    make_user: Callable[..., User],
    units: dict[str, Unit],
) -> None:
    job, _ = preview(client)
    officer = client_for(Role.HANDLING_OFFICER)
    for url in (
        reverse("reports:import"),
        reverse("reports:import_template"),
        reverse("reports:import_job", args=[job.pk]),
        reverse("reports:import_progress", args=[job.pk]),
    ):
        assert officer.get(url).status_code == 403
    assert officer.post(reverse("reports:import_run", args=[job.pk])).status_code == 403
    stranger = Client()
    stranger.force_login(make_user(Role.LEADER, commune_=other_commune))
    assert stranger.get(reverse("reports:import_job", args=[job.pk])).status_code == 404
    assert stranger.post(reverse("reports:import_run", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == "previewed"
    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    assert reverse("reports:import") in dashboard
