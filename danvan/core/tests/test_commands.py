from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


def test_prints_iso_due_date_first_then_explanation(db: None) -> None:
    lines = run("--from", "2026-02-12", "--days", "10", "--unit", "WD")
    assert lines[0] == "2026-03-05"
    assert any("16/02/2026" in line and "Tết" in line for line in lines[1:])


def test_rule_instead_of_days_and_unit(db: None) -> None:
    assert run("--from", "2026-08-03", "--rule", "KN-3")[0] == "2026-09-03"


def test_json_output(db: None) -> None:
    lines = run("--from", "2026-01-08", "--days", "2", "--unit", "WD", "--json")
    assert lines[0] == "2026-01-10"
    data = json.loads("\n".join(lines[1:]))
    assert data["due_on"] == "2026-01-10"
    assert data["unit"] == "WD"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-13-45", "--days", "3", "--unit", "WD"], "không phải là ngày"),
        (["--from", "2026-02-12", "--rule", "KHONG-CO"], "Không có quy tắc"),
        (["--from", "2026-02-12", "--days", "-4", "--unit", "WD"], "ít nhất 1 ngày"),
        (["--from", "2026-02-12", "--days", "abc", "--unit", "WD"], "số nguyên"),
        (["--from", "2026-02-12"], "--days"),
    ],
)
def test_bad_input_is_a_clear_vietnamese_error(db: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_healthz_reports_database_and_queue(client, db: None) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["status"] == "ok"
    assert data["queue"]["status"] == "ok"
