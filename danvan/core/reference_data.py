"""Reference data shipped with the code: deadline rules and the official calendar decisions.

Loaded by migration 0002 (with historical models) and by tests that flush the database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def load_reference_data(deadline_rule: Any, calendar_override: Any, calendar_year: Any) -> None:
    """Create or update the rules, the 2026 decisions and the confirmed/provisional years."""
    for row in json.loads((DATA / "deadline_rules.json").read_text(encoding="utf-8")):
        code = row.pop("code")
        row.setdefault("direction", "after")
        row.setdefault("is_unconfirmed", False)
        row.setdefault("note", "")
        deadline_rule.objects.update_or_create(code=code, defaults=row)
    for row in json.loads((DATA / "calendar_overrides.json").read_text(encoding="utf-8")):
        day = dt.date.fromisoformat(row.pop("date"))
        calendar_override.objects.update_or_create(date=day, province=None, defaults=row)
    calendar_year.objects.update_or_create(
        year=2026,
        defaults={"is_confirmed": True, "legal_document": "Thông báo 9441/TB-BNV ngày 16/10/2025"},
    )
    calendar_year.objects.update_or_create(year=2027, defaults={"is_confirmed": False})
