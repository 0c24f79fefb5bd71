"""What generate.py and run.py share: the bench database URL, creating that database, and
starting Django against it (development settings, PostgreSQL)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/danvan_bench"
PASSWORD = "DanVan@2026"  # every generated account, as in the demo data


def log(message: str) -> None:
    """Progress goes to stderr so that stdout stays machine-readable."""
    print(message, file=sys.stderr, flush=True)


def _conninfo(url: str, dbname: str) -> dict[str, str | int]:
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"The benchmark needs PostgreSQL, got {parts.scheme!r} in {url!r}.")
    info: dict[str, str | int] = {"dbname": dbname}
    if parts.hostname:
        info["host"] = parts.hostname
    if parts.port:
        info["port"] = parts.port
    if parts.username:
        info["user"] = unquote(parts.username)
    if parts.password:
        info["password"] = unquote(parts.password)
    return info


def database_name(url: str) -> str:
    name = unquote(urlsplit(url).path.lstrip("/"))
    if not name:
        raise SystemExit(f"No database name in {url!r}.")
    return name


def ensure_database(url: str, *, reset: bool) -> bool:
    """Create the database if it is missing (dropping it first with `reset`). Returns whether it
    was created. Only a database whose name contains "bench" may be dropped."""
    import psycopg
    from psycopg import sql

    name = database_name(url)
    if reset and "bench" not in name:
        raise SystemExit(f"Refusing to drop {name!r}: --reset only drops a database named *bench*.")
    with psycopg.connect(**_conninfo(url, "postgres"), autocommit=True) as conn:
        if reset:
            log(f"Dropping database {name} …")
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        log(f"Creating database {name} …")
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(sql.Identifier(name)))
        return True


def setup_django(url: str, **extra_env: str) -> None:
    """Development settings on the given database. Must run before any Django model import."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = url
    os.environ.update(extra_env)
    import django

    django.setup()
