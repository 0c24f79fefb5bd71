"""Forms of the programme pages: they parse and check input; the services decide."""

from .imports import ImportForm, ImportPreviewForm
from .work import (
    AdjustmentForm,
    CancelForm,
    CriterionForm,
    ProgrammeForm,
    ReportForm,
    ReviewForm,
    StudyForm,
    TaskForm,
)

__all__ = [
    "AdjustmentForm",
    "CancelForm",
    "CriterionForm",
    "ImportForm",
    "ImportPreviewForm",
    "ProgrammeForm",
    "ReportForm",
    "ReviewForm",
    "StudyForm",
    "TaskForm",
]
