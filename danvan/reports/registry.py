"""Every statistics form, by its code."""

from __future__ import annotations

from . import forms_kqgq, forms_tcd, forms_xld
from .forms_base import FormDef

FORMS: dict[str, FormDef] = {**forms_tcd.FORMS, **forms_xld.FORMS, **forms_kqgq.FORMS}


def slug(code: str) -> str:
    """01/XLD → 01-XLD (for URLs and file names)."""
    return code.replace("/", "-")


def by_slug(value: str) -> FormDef | None:
    return FORMS.get(value.replace("-", "/"))
