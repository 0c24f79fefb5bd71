"""Rebuild (or check) the per-case facts the statistics forms read.

manage.py case_facts            # recompute every petition's facts
manage.py case_facts --check    # compare without writing; exit 1 if any differs
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danvan.reports import facts


class Command(BaseCommand):
    help = "Rebuild the per-case facts of the statistics forms, or check them with --check."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--check", action="store_true", help="compare only; exit 1 on drift")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        if check:
            checked, wrong = facts.mismatches()
            if wrong:
                raise CommandError(
                    f"{checked} petitions checked; facts differ for ids {wrong} "
                    "(run manage.py case_facts to rebuild)"
                )
            self.stdout.write(f"{checked} petitions checked; all facts current.")
            return
        written = facts.refresh_all()
        self.stdout.write(f"{written} petitions' facts rebuilt.")
