"""Reads of programmes, always within the commune being worked in (another commune's programme
answers 404), and the derived views of them: task status, the board, the timeline, the reporting
calendar, who has not reported, directive study, the unit page and the evaluation.

Status and the reporting calendar are derived here from the stored facts with the commune's
working calendar (status.derive_status, schedule.report_schedule); nothing derived is stored.
"""

from __future__ import annotations

from .figures import (
    ActivityStatistics,
    EvaluationLine,
    activity_statistics,
    chart_data,
    evaluation,
)
from .reporting import (
    Expectation,
    PeriodSummary,
    StudyLine,
    UnitPage,
    UnitReporting,
    UnitTask,
    default_period,
    expectations,
    expected_units,
    related_programmes,
    reporting_calendar,
    reports_of,
    study_matrix,
    unit_page,
    who_reported,
)
from .tasks import (
    BoardColumn,
    MonthTick,
    TaskRow,
    Timeline,
    TimelineBar,
    board,
    get_programme,
    get_task,
    get_unit,
    programme_units,
    programme_years,
    programmes_of,
    same_programmes,
    status_cards,
    status_counts,
    task_rows,
    timeline,
)

__all__ = [
    "ActivityStatistics",
    "BoardColumn",
    "EvaluationLine",
    "Expectation",
    "MonthTick",
    "PeriodSummary",
    "StudyLine",
    "TaskRow",
    "Timeline",
    "TimelineBar",
    "UnitPage",
    "UnitReporting",
    "UnitTask",
    "activity_statistics",
    "board",
    "chart_data",
    "default_period",
    "evaluation",
    "expectations",
    "expected_units",
    "get_programme",
    "get_task",
    "get_unit",
    "programme_units",
    "programme_years",
    "programmes_of",
    "related_programmes",
    "reporting_calendar",
    "reports_of",
    "same_programmes",
    "status_cards",
    "status_counts",
    "study_matrix",
    "task_rows",
    "timeline",
    "unit_page",
    "who_reported",
]
