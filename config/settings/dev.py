"""Local development: the embedded default (SQLite, a local job queue)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)

# Development only: a fixed key so the demo works out of the box. Production must set its own.
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", default="dev-only-field-encryption-key")
