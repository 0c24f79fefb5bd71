"""The petitions lists as spreadsheets: the columns of the register (/petitions/, and the reports
app's filtered list) and of "my work".

The sender column is `petitioner_display`, which never holds a denouncer's identity (it is not
even on the case: DenouncerIdentity is encrypted apart)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.tabular import CHUNK, Column, field_label

from .models import Petition


def _name(obj: Any) -> str:
    return str(obj) if obj is not None else ""


PETITION_COLUMNS: tuple[Column[Petition], ...] = (
    Column(field_label(Petition, "case_number"), lambda p: p.case_number, 14),
    Column(field_label(Petition, "received_on"), lambda p: p.received_on, 12),
    Column(field_label(Petition, "kind"), lambda p: p.get_kind_display(), 14),
    Column(field_label(Petition, "field"), lambda p: p.get_field_display(), 16),
    Column(_("Submitted by"), lambda p: p.petitioner_display, 24),
    Column(field_label(Petition, "village"), lambda p: _name(p.village), 16),
    Column(field_label(Petition, "assigned_unit"), lambda p: _name(p.assigned_unit), 20),
    Column(field_label(Petition, "summary"), lambda p: p.summary, 50),
    Column(field_label(Petition, "status"), lambda p: p.get_status_display(), 16),
    Column(
        field_label(Petition, "closure"),
        lambda p: p.get_closure_display() if p.closure else "",
        16,
    ),
    Column(field_label(Petition, "due_on"), lambda p: p.due_on, 12),
    Column(field_label(Petition, "assigned_officer"), lambda p: _name(p.assigned_officer), 20),
)


# "My work": the box a petition is in, then the register's columns. A petition may be in two
# boxes (overdue, and waiting for me), as on the page.
WORK_BOXES = (
    ("overdue", _("Overdue")),
    ("today", _("Due today")),
    ("week", _("Due this week")),
    ("waiting", _("Waiting for me")),
)
WorkItem = tuple[Any, Petition]


def _of_item(column: Column[Petition]) -> Column[WorkItem]:
    return Column(column.header, lambda item: column.value(item[1]), column.width)


WORK_COLUMNS: tuple[Column[WorkItem], ...] = (
    Column(_("My work"), lambda item: item[0], 18),
    *(_of_item(column) for column in PETITION_COLUMNS),
)


def work_items(boxes: dict[str, tuple[QuerySet[Petition], str]]) -> Iterator[WorkItem]:
    """(box label, petition) for every petition of each box, soonest due first."""
    for key, label in WORK_BOXES:
        qs, _scope = boxes[key]
        for petition in qs.order_by("due_on", "pk").iterator(chunk_size=CHUNK):
            yield label, petition
