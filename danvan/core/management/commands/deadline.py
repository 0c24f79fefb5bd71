"""python manage.py deadline --from 2026-02-12 --days 10 --unit WD [--json]

Prints the ISO due date on the first line, then the explanation."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from danvan.core.deadlines import DeadlineInputError, compute_due
from danvan.core.models import DeadlineRule, Province
from danvan.core.selectors import working_calendar


class Command(BaseCommand):
    help = "Compute a legal due date with the working-day calendar and explain it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="start date (YYYY-MM-DD)")
        parser.add_argument("--days", type=str, help="length of the period")
        parser.add_argument("--unit", choices=["CAL", "WD", "CAL_NOROLL"], help="unit")
        parser.add_argument("--rule", help="a deadline rule id, e.g. KN-3 (instead of days/unit)")
        parser.add_argument("--province", help="province code, for its own calendar decisions")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = dt.date.fromisoformat(options["start"])
        except ValueError as exc:
            raise CommandError(
                _("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-02-12.")
                % {"value": options["start"]}
            ) from exc
        province_id = None
        if options.get("province"):
            province = Province.objects.filter(code=options["province"]).first()
            if province is None:
                raise CommandError(
                    _("Unknown province code “%(code)s”.") % {"code": options["province"]}
                )
            province_id = province.pk
        direction = "after"
        rule_code = None
        if options.get("rule"):
            rule = DeadlineRule.objects.filter(code__iexact=options["rule"]).first()
            if rule is None:
                raise CommandError(
                    _("Unknown rule “%(rule)s”. Known rules: %(known)s")
                    % {
                        "rule": options["rule"],
                        "known": ", ".join(DeadlineRule.objects.values_list("code", flat=True)),
                    }
                )
            length, unit, direction, rule_code = rule.length, rule.unit, rule.direction, rule.code
        else:
            if options.get("days") is None or options.get("unit") is None:
                raise CommandError(_("Give --days and --unit, or --rule."))
            try:
                length = int(options["days"])
            except ValueError as exc:
                raise CommandError(_("The length must be a whole number of days.")) from exc
            unit = options["unit"]
        try:
            result = compute_due(
                start,
                length,
                unit,
                working_calendar(province_id),
                direction=direction,
                rule_code=rule_code,
            )
        except DeadlineInputError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(result.due_on.isoformat())
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        for step in result.steps:
            self.stdout.write(step)
        for skipped in result.skipped:
            self.stdout.write(f"  - {skipped.day:%d/%m/%Y}: {skipped.reason}")
        if result.is_provisional:
            self.stdout.write(_("Warning: the calendar for part of this period is provisional."))
