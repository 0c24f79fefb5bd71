"""The content of a half-year (sơ kết) or year-end (tổng kết) review report (BÁO CÁO).

`gather` reads what happened in the period — each task's progress and the units' reports as they
stood at the end of the period, the directive study sessions, the reporting record, and the
statistics of the other capabilities (petitions received, resolved and on time; reception days) —
and `build` writes the draft's sections from those facts: I. KẾT QUẢ ĐẠT ĐƯỢC, II. HẠN CHẾ,
NGUYÊN NHÂN, III. PHƯƠNG HƯỚNG, NHIỆM VỤ. The official edits the draft before it is issued.

The report is an official document: it is written in Vietnamese whatever the interface language.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from danvan.core.selectors import commune_calendar

from .models import Programme, ProgressReport, Task
from .progress import ReportFigures, compute_progress
from .schedule import Period, half_year, whole_year
from .selectors import (
    ActivityStatistics,
    activity_statistics,
    expectations,
    expected_units,
    study_matrix,
    task_rows,
)
from .states import IndicatorKind, ReviewKind, TaskStatus

STATUS_VI = {
    TaskStatus.NOT_STARTED: "chưa triển khai",
    TaskStatus.ON_TRACK: "đang thực hiện đúng tiến độ",
    TaskStatus.AT_RISK: "có nguy cơ chậm tiến độ",
    TaskStatus.LATE: "chậm tiến độ",
    TaskStatus.DONE: "đã hoàn thành",
    TaskStatus.CANCELLED: "đã dừng thực hiện",
}
EXCERPTS_PER_TASK = 3
EXCERPT_CHARS = 300
LETTERS = "abcdefghiklmnopqrstuvxy"


@dataclass
class TaskFacts:
    number: str
    title: str
    status: TaskStatus
    progress: int
    indicator: str
    due_on: dt.date
    excerpts: list[str] = field(default_factory=list)


@dataclass
class ReviewFacts:
    kind: str
    period: Period
    programme_type: str
    programme_label: str
    programme_subject: str
    commune_body: str
    tasks: list[TaskFacts]
    study_lines: list[str]
    study_sessions: int
    study_attendees: int
    study_missing: list[tuple[str, int, int]]  # unit, documents not yet studied, documents
    reports_expected: int
    reports_received: int
    reports_on_time: int
    missing_by_unit: list[tuple[str, int]]
    statistics: ActivityStatistics


def review_period(kind: str, year: int) -> Period:
    return half_year(year) if kind == ReviewKind.HALF_YEAR else whole_year(year)


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= EXCERPT_CHARS:
        return flat
    return flat[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def _as_of(tasks: list[Task], reports: list[ProgressReport]) -> list[Task]:
    """Copies of the tasks with the progress their `reports` give them."""
    by_task: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in reports:
        by_task[report.task_id].append(report)
    result = []
    for task in tasks:
        figures = [
            ReportFigures(
                r.unit_id,
                r.reported_on,
                r.pk,
                r.progress,
                r.value,
                frozenset(item.pk for item in r.checklist_done.all()),
            )
            for r in by_task[task.pk]
        ]
        progress = compute_progress(
            indicator_kind=task.indicator_kind,
            target_value=task.target_value,
            lead_unit_id=task.lead_unit_id,
            checklist=[item.pk for item in task.checklist.all()],
            reports=figures,
        )
        past = copy.copy(task)
        past.progress = progress.percent
        past.achieved_value = progress.achieved
        past.last_report_on = progress.last_report_on
        result.append(past)
    return result


def _indicator(task: Task) -> str:
    if task.indicator_kind == IndicatorKind.NUMBER and task.target_value:
        unit = f" {task.target_unit}" if task.target_unit else ""
        return (
            f"chỉ tiêu: đạt {_number(task.achieved_value)}/{_number(task.target_value)}{unit} "
            f"({task.progress}%)"
        )
    if task.indicator_kind == IndicatorKind.CHECKLIST:
        total = len(task.checklist.all())
        return f"hoàn thành {int(task.achieved_value)}/{total} đầu việc"
    return f"tiến độ đạt {task.progress}%"


def gather(programme: Programme, kind: str, year: int, today: dt.date) -> ReviewFacts:
    """The facts of the period, as they stood at its end (or today, if it has not ended)."""
    period = review_period(kind, year)
    as_of = min(period.end, today)
    calendar = commune_calendar(programme.commune)
    tasks = list(
        programme.tasks.select_related("lead_unit")
        .prefetch_related("cooperating_units", "villages", "checklist")
        .order_by("position", "pk")
    )
    # The reports for the periods up to the end of this one, whenever they were sent (a report
    # is often due, and sent, just after its period's cut-off day).
    reports = list(
        ProgressReport.objects.filter(task__programme=programme, period_end__lte=period.end)
        .select_related("unit")
        .prefetch_related("checklist_done")
        .order_by("reported_on", "pk")
    )
    rows = task_rows(programme, today=as_of, calendar=calendar, tasks=_as_of(tasks, reports))
    in_period = [r for r in reports if r.period_end >= period.start]
    excerpts: dict[int, list[str]] = defaultdict(list)
    for report in reversed(in_period):
        if len(excerpts[report.task_id]) < EXCERPTS_PER_TASK:
            excerpts[report.task_id].append(
                f"{report.unit.name} ({report.reported_on:%d/%m/%Y}): {_excerpt(report.text)}"
            )
    task_facts = [
        TaskFacts(
            number=row.task.number,
            title=row.task.title,
            status=row.status,
            progress=row.progress,
            indicator=_indicator(row.task) if row.is_leaf else f"tiến độ đạt {row.progress}%",
            due_on=row.task.due_on,
            excerpts=excerpts.get(row.task.pk, []),
        )
        for row in rows
        if row.task.starts_on <= period.end
    ]
    units = expected_units(programme, rows)
    lines = study_matrix(programme, units)
    sessions = [s for line in lines for s in line.sessions if s.held_on <= period.end]
    studied: dict[int, set[int]] = defaultdict(set)
    for session in sessions:
        studied[session.unit_id].add(session.legal_document_id)
    expected = [
        e
        for e in expectations(rows, reports)
        if e.slot.period.end <= period.end and e.slot.due_on <= today
    ]
    missing = Counter(e.unit.name for e in expected if e.report is None)
    return ReviewFacts(
        kind=kind,
        period=period,
        programme_type=programme.printed_type,
        programme_label=_programme_label(programme),
        programme_subject=_lower_first(programme.title),
        commune_body="Ủy ban nhân dân xã" if programme.commune.kind == "xa" else "Ủy ban nhân dân",
        tasks=task_facts,
        study_lines=[
            f"{line.document}: "
            f"{sum(1 for u in units if line.document.pk in studied[u.pk])}/{len(units)} "
            f"đơn vị đã quán triệt, "
            f"{sum(s.attendees for s in sessions if s.legal_document_id == line.document.pk)} "
            f"lượt người tham dự"
            for line in lines
        ],
        study_sessions=len(sessions),
        study_attendees=sum(s.attendees for s in sessions),
        study_missing=[
            (unit.name, len(lines) - len(studied[unit.pk]), len(lines))
            for unit in units
            if len(studied[unit.pk]) < len(lines)
        ],
        reports_expected=len(expected),
        reports_received=sum(1 for e in expected if e.report is not None),
        reports_on_time=sum(1 for e in expected if e.on_time),
        missing_by_unit=sorted(missing.items(), key=lambda pair: (-pair[1], pair[0])),
        statistics=activity_statistics(programme.commune, period.start, period.end, today),
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _programme_label(programme: Programme) -> str:
    """ "Chương trình hành động số 02/CTr-UBND ngày 14/01/2026"."""
    label = programme.printed_type
    number = programme.number_symbol
    if number and not number.startswith("/"):
        label += f" số {number}"
    if programme.issued_on:
        label += f" ngày {programme.issued_on:%d/%m/%Y}"
    return label


def _heading(level: int, text: str) -> dict[str, Any]:
    return {"kind": "heading", "level": level, "text": text}


def _paragraph(text: str) -> dict[str, Any]:
    return {"kind": "paragraph", "text": text}


def _bullets(items: list[str]) -> dict[str, Any]:
    return {"kind": "bullets", "items": items}


def title_for(facts: ReviewFacts) -> str:
    what = (
        f"Sơ kết 6 tháng đầu năm {facts.period.end.year}"
        if facts.kind == ReviewKind.HALF_YEAR
        else f"Tổng kết năm {facts.period.end.year}"
    )
    return f"{what} thực hiện {facts.programme_type} {facts.programme_subject}"


def build(facts: ReviewFacts) -> tuple[str, list[dict[str, Any]]]:
    """The draft's subject line and body blocks (documents.specs block format)."""
    half = facts.kind == ReviewKind.HALF_YEAR
    year = facts.period.end.year
    period_name = f"6 tháng đầu năm {year}" if half else f"năm {year}"
    stats = facts.statistics
    blocks: list[dict[str, Any]] = [
        _paragraph(
            f"Thực hiện {facts.programme_label} của {facts.commune_body} về "
            f"{facts.programme_subject}, {facts.commune_body} báo cáo kết quả thực hiện "
            f"{period_name} (số liệu từ ngày {facts.period.start:%d/%m/%Y} đến ngày "
            f"{facts.period.end:%d/%m/%Y}) như sau:"
        ),
        _heading(1, "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        _heading(2, "1. Công tác quán triệt, triển khai các văn bản chỉ đạo"),
        _paragraph(
            f"Các cơ quan, đơn vị đã tổ chức {facts.study_sessions} buổi quán triệt với "
            f"{facts.study_attendees} lượt người tham dự."
        ),
    ]
    if facts.study_lines:
        blocks.append(_bullets(facts.study_lines))
    blocks.append(_heading(2, "2. Kết quả thực hiện các nội dung"))
    for index, task in enumerate(facts.tasks):
        letter = LETTERS[index] if index < len(LETTERS) else str(index + 1)
        blocks.append(
            _paragraph(
                f"{letter}) Nội dung {task.number} – {task.title}: {STATUS_VI[task.status]}, "
                f"{task.indicator}."
            )
        )
        if task.excerpts:
            blocks.append(_bullets(task.excerpts))
    blocks.append(_heading(2, "3. Tiếp công dân, tiếp nhận và giải quyết đơn thư"))
    rate = f"{stats.on_time_rate}%" if stats.on_time_rate is not None else "chưa có vụ việc"
    figures = [
        f"Số đơn tiếp nhận trong kỳ: {stats.received} đơn",
        f"Số đơn đã giải quyết xong: {stats.resolved} đơn",
        f"Tỷ lệ giải quyết đúng hạn: {rate}",
        f"Số đơn quá hạn chưa giải quyết: {stats.overdue_open} đơn",
    ]
    if stats.reception_days is not None:
        figures.append(f"Số ngày tiếp công dân đã tổ chức: {stats.reception_days} ngày")
    if stats.reception_visits is not None:
        figures.append(f"Số lượt tiếp công dân: {stats.reception_visits} lượt")
    blocks.append(_bullets(figures))
    blocks.append(_heading(2, "4. Công tác báo cáo định kỳ của các đơn vị"))
    blocks.append(
        _paragraph(
            f"Các đơn vị đã gửi {facts.reports_received}/{facts.reports_expected} báo cáo định kỳ "
            f"đến hạn, trong đó {facts.reports_on_time} báo cáo đúng hạn."
        )
    )
    blocks += [_heading(1, "II. HẠN CHẾ, NGUYÊN NHÂN"), _heading(2, "1. Hạn chế")]
    limitations = [
        f"Nội dung {t.number} – {t.title} {STATUS_VI[t.status]} ({t.indicator}; thời hạn "
        f"{t.due_on:%d/%m/%Y})."
        for t in facts.tasks
        if t.status in (TaskStatus.LATE, TaskStatus.AT_RISK, TaskStatus.NOT_STARTED)
    ]
    limitations += [
        f"{unit} chưa gửi {count} báo cáo định kỳ đến hạn." for unit, count in facts.missing_by_unit
    ]
    limitations += [
        f"{unit} chưa tổ chức quán triệt {missing}/{total} văn bản chỉ đạo."
        for unit, missing, total in facts.study_missing
    ]
    blocks.append(
        _bullets(limitations)
        if limitations
        else _paragraph("(Đơn vị tham mưu bổ sung các hạn chế, nếu có.)")
    )
    blocks += [
        _heading(2, "2. Nguyên nhân"),
        _paragraph("(Đơn vị tham mưu nêu nguyên nhân khách quan, chủ quan của các hạn chế trên.)"),
        _heading(
            1,
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM"
            if half
            else f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}",
        ),
    ]
    next_tasks = [
        f"Tiếp tục thực hiện nội dung {t.number} – {t.title} ({t.indicator})."
        for t in facts.tasks
        if t.status not in (TaskStatus.DONE, TaskStatus.CANCELLED)
    ]
    if facts.study_missing:
        next_tasks.append("Hoàn thành việc quán triệt các văn bản chỉ đạo ở các đơn vị còn lại.")
    next_tasks.append("Các đơn vị gửi báo cáo định kỳ đầy đủ, đúng hạn.")
    blocks.append(_bullets(next_tasks))
    blocks.append(
        _paragraph(
            f"Trên đây là báo cáo {'sơ kết' if half else 'tổng kết'} {period_name} thực hiện "
            f"{facts.programme_label} của {facts.commune_body}./."
        )
    )
    return title_for(facts), blocks
