"""Demo data: the founding programme imported through the import service, as an official would,
with a little recorded activity so that every page has something to show. Idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.models import Commune, Unit
from danvan.core.selectors import commune_calendar

from . import services
from .models import Programme, Task

FOUNDING_TEXT = (
    Path(__file__).resolve().parent.parent
    / "documents"
    / "fixtures"
    / "ctr-dan-van-2026-an-quang.txt"
)
FOUNDING_TITLE = "Triển khai, thực hiện công tác Dân vận năm 2026"

# (task number, unit name, progress %, what was done) — reported in each period begun so far.
DEMO_REPORTS: tuple[tuple[str, str, int, str], ...] = (
    (
        "II.1",
        "Phòng Văn hoá - Xã hội",
        40,
        "Tham mưu UBND xã tổ chức hội nghị quán triệt Chỉ thị số 33/CT-TTg cho cán bộ, công chức xã.",
    ),
    (
        "II.3",
        "Trung tâm Phục vụ hành chính công",
        35,
        "Tiếp nhận, giải quyết hồ sơ thủ tục hành chính đúng hạn; hướng dẫn người dân nộp hồ sơ trực tuyến.",
    ),
    (
        "II.5",
        "Văn phòng HĐND và UBND",
        30,
        "Duy trì lịch tiếp công dân định kỳ của Chủ tịch UBND xã; tổng hợp, theo dõi đơn thư.",
    ),
)
# (legal document number, unit name, attendees)
DEMO_STUDY: tuple[tuple[str, str, int], ...] = (
    ("33/CT-TTg", "Phòng Văn hoá - Xã hội", 24),
    ("33/CT-TTg", "Văn phòng HĐND và UBND", 18),
    ("26/CT-UBND", "Phòng Văn hoá - Xã hội", 22),
)


def seed_founding_programme(commune: Commune) -> Programme:
    """Import the founding programme (once) through the same service as the import page."""
    existing = Programme.objects.filter(commune=commune, year=2026, title=FOUNDING_TITLE).first()
    if existing is not None:
        return existing
    coordinator = User.objects.filter(username="vhxh").first()
    programme = services.programme_import_text(
        actor=coordinator, commune=commune, text=FOUNDING_TEXT.read_text(encoding="utf-8")
    )
    _demo_activity(programme, coordinator)
    return programme


def _demo_activity(programme: Programme, actor: User | None) -> None:
    today = timezone.localdate()
    calendar = commune_calendar(programme.commune)
    units = {u.name: u for u in Unit.objects.filter(commune=programme.commune)}
    for number, unit_name, progress, text in DEMO_REPORTS:
        task = Task.objects.filter(programme=programme, number=number).first()
        unit = units.get(unit_name)
        if task is None or unit is None:
            continue
        slots = [s for s in services.task_slots(task, calendar) if s.due_on < today]
        for index, slot in enumerate(slots[-3:]):
            services.report_submit(
                actor=actor,
                task=task,
                unit=unit,
                period_end=slot.period.end,
                text=text,
                progress=min(100, progress + 10 * index),
                on=max(slot.period.start, slot.due_on - dt.timedelta(days=1)),
            )
    documents = {d.number_symbol: d for d in programme.legal_basis.all()}
    for symbol, unit_name, attendees in DEMO_STUDY:
        document, unit = documents.get(symbol), units.get(unit_name)
        held_on = min(today, dt.date(programme.year, 3, 10))
        if document is None or unit is None or held_on.year < programme.year:
            continue
        services.study_record(
            actor=actor,
            programme=programme,
            legal_document=document,
            unit=unit,
            held_on=held_on,
            attendees=attendees,
        )
