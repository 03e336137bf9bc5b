from django.contrib.postgres.operations import CreateExtension, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostGIS for locations and radius search, pg_trgm for typo-tolerant search."""

    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        CreateExtension("postgis"),
        TrigramExtension(),
    ]
