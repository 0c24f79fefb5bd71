"""python manage.py open311_key NAME [--commune CODE] [--if-missing]

Makes an API key for an Open311 client application and prints it on the LAST line of the output
(shown once: only its digest is stored). Without --commune the key may submit to every commune.
With --if-missing nothing is made when an active key of that name exists (the output then has no
key: scripts such as seed_demo use this to stay idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.api.selectors import api_key_named
from danvan.api.services import api_key_create
from danvan.core.models import Commune


class Command(BaseCommand):
    help = "Make an Open311 API key for an application; the key is printed on the last line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the application's name, e.g. “Zalo mini app”")
        parser.add_argument("--commune", help="code of the only commune the key may submit to")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="make nothing (and print no key) if an active key of this name exists",
        )

    def handle(self, *args: Any, **options: Any) -> str:
        commune = None
        if options.get("commune"):
            commune = Commune.objects.filter(code__iexact=options["commune"]).first()
            if commune is None:
                raise CommandError(f"Unknown commune code “{options['commune']}”.")
        existing = api_key_named(" ".join(options["name"].split()))
        if existing is not None and options["if_missing"]:
            self.stdout.write(
                f"An active key named “{existing.name}” exists ({existing.prefix}…); nothing made."
            )
            return ""
        try:
            key, raw = api_key_create(actor=None, name=options["name"], commune=commune)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        scope = f"commune {commune.code}" if commune else "every commune"
        self.stdout.write(f"Open311 API key of “{key.name}” for {scope}. It is shown only once:")
        # BaseCommand.execute writes what handle returns, after everything else: the last line.
        return raw
