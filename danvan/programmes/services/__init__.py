"""Every write to programmes (CONVENTIONS: services own writes, each atomic and audited).

Split by subject; import from here: `from danvan.programmes import services`."""

from .evaluation import criterion_save, score_adjust
from .imports import ImportChoices, default_choices, programme_import, programme_import_text
from .programme import DEFAULT_CRITERIA, programme_create, programme_update
from .reviews import review_generate
from .study import study_record
from .work import (
    MAX_FILES_PER_REPORT,
    report_submit,
    task_cancel,
    task_create,
    task_slots,
    task_update,
)

__all__ = [
    "DEFAULT_CRITERIA",
    "MAX_FILES_PER_REPORT",
    "ImportChoices",
    "criterion_save",
    "default_choices",
    "programme_create",
    "programme_import",
    "programme_import_text",
    "programme_update",
    "report_submit",
    "review_generate",
    "score_adjust",
    "study_record",
    "task_cancel",
    "task_create",
    "task_slots",
    "task_update",
]
