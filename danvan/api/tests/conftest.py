"""Fixtures of the API tests: a fixed "today", keys and tokens made through the services, and
small helpers to read JSON and XML answers."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client

from danvan.accounts.models import User
from danvan.api import services
from danvan.core.models import Commune

# Tuesday 15/09/2026, 16:00 in Hà Nội.
NOW = dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 9, 15)
OPEN311 = "/open311/v2"


@pytest.fixture
def frozen(time_machine) -> None:
    time_machine.move_to(NOW)


@pytest.fixture
def api_key(commune: Commune) -> str:
    """The plain key of an application allowed to submit to An Quang."""
    _key, raw = services.api_key_create(actor=None, name="Ứng dụng Zalo", commune=commune)
    return raw


@pytest.fixture
def token_for(make_user: Callable[..., User]) -> Callable[..., tuple[User, str]]:
    """A new user with `role` and a personal access token of theirs."""

    def make(role: str, **kwargs: Any) -> tuple[User, str]:
        user = make_user(role, **kwargs)
        _token, raw = services.staff_token_create(actor=user, user=user, name="Một cửa")
        return user, raw

    return make


@pytest.fixture
def bearer(token_for: Callable[..., tuple[User, str]]) -> Callable[..., Client]:
    """A client that sends a personal access token of a new user with `role` (no session)."""

    def make(role: str, **kwargs: Any) -> Client:
        _user, raw = token_for(role, **kwargs)
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


def xml_of(response: HttpResponse) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml")
    body = response.content.decode("utf-8")
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)  # noqa: S314 — our own answer, in a test


def xml_record(element: ET.Element) -> dict[str, str]:
    """The child elements of `element` as a dict of their texts ("" when empty)."""
    return {child.tag: child.text or "" for child in element}


def json_error_codes(response: HttpResponse) -> list[str]:
    """The stable codes of an Open311 JSON error answer (and checks its shape)."""
    body = response.json()
    assert isinstance(body, list)
    assert body
    for error in body:
        assert set(error) == {"code", "description", "error_code", "field"}
        assert error["code"] == response.status_code
        assert error["description"]
    return [error["error_code"] for error in body]
