"""The programme pages (views stay short: parse, call a service or a selector, render)."""

from .programmes import (
    programme_board,
    programme_create,
    programme_detail,
    programme_edit,
    programme_import,
    programme_import_confirm,
    programme_list,
    programme_list_export,
    programme_tasks_export,
    programme_timeline,
)
from .tasks import (
    evidence_download,
    task_cancel,
    task_create,
    task_detail,
    task_edit,
    task_report,
    unit_detail,
    unit_tasks_export,
)
from .tracking import (
    programme_evaluation,
    programme_evaluation_export,
    programme_reporting,
    programme_reporting_export,
    programme_reviews,
    programme_study,
)

__all__ = [
    "evidence_download",
    "programme_board",
    "programme_create",
    "programme_detail",
    "programme_edit",
    "programme_evaluation",
    "programme_evaluation_export",
    "programme_import",
    "programme_import_confirm",
    "programme_list",
    "programme_list_export",
    "programme_reporting",
    "programme_reporting_export",
    "programme_reviews",
    "programme_study",
    "programme_tasks_export",
    "programme_timeline",
    "task_cancel",
    "task_create",
    "task_detail",
    "task_edit",
    "task_report",
    "unit_detail",
    "unit_tasks_export",
]
