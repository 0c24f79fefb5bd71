"""python manage.py staff_token USERNAME [--name LABEL] [--days N]

Makes a personal access token for the staff API (/api/v1/) acting as USERNAME, and prints it on
the LAST line of the output (shown once: only its digest is stored). Send it as the header
`Authorization: Bearer <token>`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.accounts.models import User
from danvan.accounts.selectors import visible_communes
from danvan.api.services import TOKEN_DAYS_DEFAULT, staff_token_create


class Command(BaseCommand):
    help = "Make a personal access token for the staff API; the token is printed on the last line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is used for")
        parser.add_argument("--days", type=int, default=TOKEN_DAYS_DEFAULT, help="validity")

    def handle(self, *args: Any, **options: Any) -> str:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user “{options['username']}”.")
        try:
            token, raw = staff_token_create(
                actor=None,
                user=user,
                name=options["name"],
                days=options["days"],
                commune=visible_communes(user).order_by("pk").first(),
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Personal access token “{token.name}” of {user.username}, valid until "
            f"{token.expires_at:%d/%m/%Y}. Send it as “Authorization: Bearer <token>”. "
            "It is shown only once:"
        )
        return raw
