"""python manage.py parse_document FILE [--json] — read an administrative document into structure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.documents.parsing import MAX_BYTES, DocumentParseError, extract_text, parse_text


class Command(BaseCommand):
    help = "Parse a Vietnamese administrative document (.txt or .docx) and print its structure."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path to a .txt or .docx file")
        parser.add_argument("--json", action="store_true", help="print exactly the JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp: {path}")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        try:
            parsed = parse_text(extract_text(path.name, data)).to_dict()
        except DocumentParseError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(parsed, ensure_ascii=False, indent=2))
            return
        for key in ("doc_type", "number_symbol", "date", "place", "title", "issuer"):
            self.stdout.write(f"{key}: {parsed.get(key)}")
        self.stdout.write("sections:")
        for section in parsed["sections"]:
            self.stdout.write(f"  {section}")
        self.stdout.write(f"legal_references: {len(parsed['legal_references'])}")
        for warning in parsed.get("warnings", []):
            self.stdout.write(f"! {warning['message']}")
