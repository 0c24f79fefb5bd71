"""Importing a programme from its text: the proposal read from the founding document and a unit's
plan, what is saved, and documents that are not programmes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.models import User
from danvan.core.models import AuditEvent, Commune, Unit
from danvan.documents.models import LegalDocument
from danvan.documents.parsing import DocumentParseError
from danvan.programmes import services
from danvan.programmes.importing import NotAProgramme, build_proposal, short_title
from danvan.programmes.models import Programme, ProgressReport, Responsibility, Task
from danvan.programmes.services.imports import default_choices, unit_refs
from danvan.programmes.states import ProgrammeKind, Recurrence

from .conftest import FOUNDING, OFFICES_AND_CENTRES, SAMPLES


@pytest.fixture
def proposal(commune: Commune, units: dict[str, Unit]):
    return build_proposal(FOUNDING, unit_refs(commune), default_year=2030)


def test_the_founding_document_becomes_a_programme_proposal(proposal, units) -> None:
    assert proposal.kind == ProgrammeKind.PROGRAMME
    assert proposal.type_name == "Chương trình hành động"
    assert proposal.title == "Triển khai, thực hiện công tác Dân vận năm 2026"
    assert proposal.year == 2026
    assert proposal.issued_on == dt.date(2026, 1, 14)
    assert proposal.purpose.startswith("Nhằm thực hiện có hiệu quả Chỉ thị số 33/CT-TTg")
    assert proposal.requirements.startswith("Thực hiện đúng chức năng, nhiệm vụ")
    assert [t.number for _d, t in proposal.flat_tasks()] == [f"II.{n}" for n in range(1, 9)]
    assert proposal.tasks[4].title == (
        "Thực hiện nghiêm túc, hiệu quả Luật Khiếu nại, Luật Tố cáo, Luật Tiếp cận thông tin"
    )
    assert "Quyết định số 1738-QĐ/TU" in proposal.tasks[4].description
    assert proposal.signer_name == "Nguyễn Quốc Thịnh"
    assert proposal.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    symbols = {ref.number_symbol for ref in proposal.references}
    assert {"33/CT-TTg", "26/CT-UBND", "23-QĐ/TW", "217-QĐ/TW", "1737-QĐ/TU"} <= symbols
    assert {ref.name for ref in proposal.references} >= {"Luật Khiếu nại", "Luật Tố cáo"}


def test_tasks_cite_their_own_documents(proposal) -> None:
    task_1 = proposal.tasks[0]
    assert "#33/ct-ttg" in task_1.legal_keys
    assert "#07-ct/tu" in task_1.legal_keys
    assert proposal.tasks[1].legal_keys == []  # II.2 cites nothing


def test_responsible_units_are_matched(proposal, units) -> None:
    group, office = proposal.responsibilities
    assert group.number == "III.1"
    assert group.match.confidence == "group"
    assert {u.name for u in units.values() if u.pk in group.match.unit_ids} == OFFICES_AND_CENTRES
    assert office.heading == "Phòng Văn hoá - Xã hội"
    assert office.match.unit_ids == (units["Phòng Văn hoá - Xã hội"].pk,)
    assert office.is_coordinator
    assert proposal.coordinator_unit_id == units["Phòng Văn hoá - Xã hội"].pk


def test_import_saves_programme_legal_basis_responsibilities_and_tasks(
    commune: Commune, units: dict[str, Unit], people: dict[str, User]
) -> None:
    programme = services.programme_import_text(
        actor=people["coordinator"], commune=commune, text=FOUNDING
    )
    assert programme.year == 2026
    assert programme.coordinator_unit == units["Phòng Văn hoá - Xã hội"]
    assert programme.signer_name == "Nguyễn Quốc Thịnh"
    assert programme.source_text == FOUNDING
    # Every cited document is in the directive register, once, and linked.
    assert programme.legal_basis.count() == len(
        build_proposal(FOUNDING, unit_refs(commune), default_year=2026).references
    )
    assert LegalDocument.objects.filter(commune=commune, number_symbol="33/CT-TTg").count() == 1
    assert programme.legal_basis.filter(name="Luật Tố cáo").exists()
    tasks = list(programme.tasks.order_by("position"))
    assert [t.number for t in tasks] == [f"II.{n}" for n in range(1, 9)]
    vhxh = units["Phòng Văn hoá - Xã hội"]
    for task in tasks:
        assert task.lead_unit == vhxh
        assert {u.name for u in task.cooperating_units.all()} == OFFICES_AND_CENTRES - {vhxh.name}
        assert task.recurrence == Recurrence.CONTINUOUS
        assert (task.starts_on, task.due_on) == (dt.date(2026, 1, 14), dt.date(2026, 12, 31))
    assert tasks[0].legal_documents.filter(number_symbol="07-CT/TU").exists()
    responsibilities = list(Responsibility.objects.filter(programme=programme))
    assert [r.number for r in responsibilities] == ["III.1", "III.2"]
    assert {u.name for u in responsibilities[0].units.all()} == OFFICES_AND_CENTRES
    assert programme.criteria.count() == 4
    assert AuditEvent.objects.filter(
        verb="programme.imported", object_id=str(programme.pk)
    ).exists()


def test_importing_twice_reuses_the_directive_register(
    commune: Commune, units: dict[str, Unit], people: dict[str, User]
) -> None:
    first = services.programme_import_text(actor=None, commune=commune, text=FOUNDING)
    second = services.programme_import_text(actor=None, commune=commune, text=FOUNDING)
    assert first.pk != second.pk
    assert set(first.legal_basis.values_list("pk", flat=True)) == set(
        second.legal_basis.values_list("pk", flat=True)
    )


def test_the_officials_corrections_are_saved(commune: Commune, units: dict[str, Unit]) -> None:
    proposal = build_proposal(FOUNDING, unit_refs(commune), default_year=2026)
    choices = default_choices(proposal)
    choices.title = "Công tác Dân vận chính quyền năm 2026"
    choices.tasks["II.2"].include = False
    choices.tasks["II.3"].lead_unit_id = units["Trung tâm Phục vụ hành chính công"].pk
    choices.tasks["II.3"].title = "Cải cách hành chính, chuyển đổi số"
    choices.references = {ref.key for ref in proposal.references[:3]}
    programme = services.programme_import(
        actor=None, commune=commune, proposal=proposal, choices=choices
    )
    assert programme.title == "Công tác Dân vận chính quyền năm 2026"
    assert not programme.tasks.filter(number="II.2").exists()
    ii3 = programme.tasks.get(number="II.3")
    assert ii3.title == "Cải cách hành chính, chuyển đổi số"
    assert ii3.lead_unit == units["Trung tâm Phục vụ hành chính công"]
    assert units["Trung tâm Phục vụ hành chính công"] not in ii3.cooperating_units.all()
    assert units["Phòng Văn hoá - Xã hội"] in ii3.cooperating_units.all()
    assert programme.legal_basis.count() == 3


def test_a_unit_of_another_commune_is_refused(
    commune: Commune, other_commune: Commune, units: dict[str, Unit]
) -> None:
    theirs = Unit.objects.create(commune=other_commune, name="Phòng Kinh tế", kind="office")
    proposal = build_proposal(FOUNDING, unit_refs(commune), default_year=2026)
    choices = default_choices(proposal)
    choices.tasks["II.1"].lead_unit_id = theirs.pk
    with pytest.raises(ValidationError):
        services.programme_import(actor=None, commune=commune, proposal=proposal, choices=choices)
    assert not Programme.objects.exists()
    assert not LegalDocument.objects.exists()  # all or nothing


def test_a_units_plan_is_recognised_and_linked_to_the_programme_it_implements(
    commune: Commune, units: dict[str, Unit]
) -> None:
    programme = services.programme_import_text(actor=None, commune=commune, text=FOUNDING)
    programme.number_symbol = "02/CTr-UBND"  # as numbered when issued
    programme.save(update_fields=["number_symbol"])
    text = (SAMPLES / "ke-hoach-doi-thoai-2026.txt").read_text(encoding="utf-8")
    proposal = build_proposal(text, unit_refs(commune), default_year=2026)
    assert proposal.kind == ProgrammeKind.PLAN
    assert proposal.owner_unit_id == units["Phòng Văn hoá - Xã hội"].pk
    assert proposal.implements_symbols == ["02/CTr-UBND"]
    assert [t.number for _d, t in proposal.flat_tasks()] == ["II.1", "II.1.1", "II.1.2", "II.2"]
    assert proposal.coordinator_unit_id == units["Phòng Văn hoá - Xã hội"].pk
    choices = default_choices(proposal, implements_id=programme.pk)
    plan = services.programme_import(
        actor=None, commune=commune, proposal=proposal, choices=choices
    )
    assert plan.unit == units["Phòng Văn hoá - Xã hội"]
    assert plan.implements == programme
    assert list(programme.implementing_plans.all()) == [plan]
    child = plan.tasks.get(number="II.1.1")
    assert child.parent == plan.tasks.get(number="II.1")
    assert set(child.cooperating_units.all()) == {units["Văn phòng HĐND và UBND"]}


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", DocumentParseError),
        ("   \n  ", DocumentParseError),
        ("xin chào, đây không phải văn bản", DocumentParseError),
        ((SAMPLES / "bao-cao-dan-van-quy-i-2026.txt").read_text(encoding="utf-8"), NotAProgramme),
        (
            (SAMPLES / "quyet-dinh-to-cong-tac-dan-van.txt").read_text(encoding="utf-8"),
            NotAProgramme,
        ),
        (
            "KẾ HOẠCH\nVề việc kiểm tra\n\nI. MỤC ĐÍCH\nKiểm tra.\n\nII. TỔ CHỨC THỰC HIỆN\nCác thôn.",
            NotAProgramme,
        ),
    ],
)
def test_what_is_not_a_programme_is_refused_with_a_message(
    commune: Commune, units: dict[str, Unit], text: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        build_proposal(text, unit_refs(commune), default_year=2026)
    assert str(caught.value)


def test_the_message_names_the_type_that_was_read(commune: Commune) -> None:
    report = (SAMPLES / "bao-cao-dan-van-quy-i-2026.txt").read_text(encoding="utf-8")
    with pytest.raises(NotAProgramme) as caught:
        build_proposal(report, unit_refs(commune), default_year=2026)
    assert "BÁO CÁO" in str(caught.value)


def test_short_titles() -> None:
    assert short_title("Đa dạng hóa các hình thức tuyên truyền. Kịp thời tuyên truyền") == (
        "Đa dạng hóa các hình thức tuyên truyền"
    )
    long = "Tổ chức " + "rất " * 80 + "nhiều việc"
    assert len(short_title(long)) <= 161
    assert short_title(long).endswith("…")


def test_tasks_imported_count_and_no_task_left(commune: Commune, units: dict[str, Unit]) -> None:
    proposal = build_proposal(FOUNDING, unit_refs(commune), default_year=2026)
    choices = default_choices(proposal)
    for choice in choices.tasks.values():
        choice.include = False
    with pytest.raises(ValidationError):
        services.programme_import(actor=None, commune=commune, proposal=proposal, choices=choices)
    assert Task.objects.count() == 0


def test_the_demo_imports_the_founding_programme_once(
    commune: Commune, units: dict[str, Unit]
) -> None:
    from danvan.programmes.demo import seed_founding_programme

    first = seed_founding_programme(commune)
    again = seed_founding_programme(commune)
    assert first == again
    assert Programme.objects.filter(commune=commune).count() == 1
    assert first.tasks.count() == 8
    assert AuditEvent.objects.filter(verb="programme.imported").count() == 1
    # A little recorded activity so that the pages show something.
    assert first.study_sessions.count() == 3
    assert ProgressReport.objects.filter(task__programme=first).exists()
