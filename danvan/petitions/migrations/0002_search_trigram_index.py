"""PostgreSQL: a trigram index so that diacritic-folded substring search stays fast at province
scale (CONVENTIONS: pg_trgm). SQLite scans the folded column, which is fine for one commune."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS petition_search_trgm ON petitions_petition USING gin (search_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS citizen_name_trgm ON petitions_citizen USING gin (name_folded gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS petition_search_trgm", "DROP INDEX IF EXISTS citizen_name_trgm"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
