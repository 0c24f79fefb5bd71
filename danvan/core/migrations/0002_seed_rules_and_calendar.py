"""Ship the deadline rules (DOMAIN §1.6, §2.3, §3.1, §5.2, §6.3, §7.2, §9.1) and the 2026
civil-service calendar decisions (§12.3) as data, with 2027 marked provisional (§12.4)."""

from django.db import migrations

from danvan.core.reference_data import load_reference_data


def seed(apps, schema_editor):
    load_reference_data(
        apps.get_model("core", "DeadlineRule"),
        apps.get_model("core", "CalendarOverride"),
        apps.get_model("core", "CalendarYear"),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
