from typing import Any

from django.core.management.base import BaseCommand

from danvan.demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the An Quang demo commune and one account per role (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        cast, api_key = seed_demo()
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for person in cast:
            self.stdout.write(f"  {person.username:<12} {person.full_name} — {person.position}")
        if api_key:
            self.stdout.write(f"Open311 API key (demo client): {api_key}")
        else:
            self.stdout.write(
                "Open311 API key (demo client): already created; make a new one with: "
                "python manage.py open311_key NAME"
            )
