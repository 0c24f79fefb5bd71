"""The dashboard charts take every word they show from the page, rendered in the user's language:
the script itself holds no label."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.accounts.roles import Role
from danvan.core.models import Commune

pytestmark = pytest.mark.django_db
SCRIPT = Path(settings.BASE_DIR) / "danvan" / "static" / "js" / "reports.js"


def get(client: Client, url: str, language: str) -> str:
    response = client.get(url, headers={"accept-language": language})
    assert response.status_code == 200
    return response.content.decode()


def test_trend_chart_legend_is_vietnamese_or_english(client_for: Callable[..., Client]) -> None:
    client = client_for(Role.LEADER)
    html = get(client, reverse("reports:dashboard"), "vi")
    assert 'data-received-label="Đơn tiếp nhận"' in html
    assert 'data-finished-label="Đơn đã kết thúc"' in html
    # The table under the chart (the same figures without JavaScript) uses the same words.
    assert '<th scope="row">Đơn tiếp nhận</th>' in html
    assert '<th scope="row">Đơn đã kết thúc</th>' in html
    assert "Ngày nhận" not in html  # the date-column sense of "Received" is not a legend

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = get(client, reverse("reports:dashboard"), "en")
    assert 'data-received-label="Received"' in html
    assert 'data-finished-label="Finished"' in html


def test_province_map_popup_labels_come_from_the_page(
    make_user: Callable[..., User], commune: Commune
) -> None:
    Commune.objects.filter(pk=commune.pk).update(latitude=20.8, longitude=106.6)
    client = Client()
    client.force_login(make_user(Role.PROVINCE_VIEWER))
    html = get(client, reverse("reports:province"), "vi")
    assert 'data-open-label="Đang giải quyết"' in html
    assert 'data-overdue-label="Quá hạn"' in html


def test_the_script_holds_no_words_of_its_own() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    literals = re.findall(r'"([^"\\]*)"', code)
    words = [s for s in literals if re.search(r"[A-Za-z]{3,}", s)]
    # Only identifiers the code needs (element ids, chart type, events), never a label.
    assert set(words) <= {
        "use strict",
        "trend-data",
        "trend-chart",
        "undefined",
        "bar",
        "commune-points",
        "commune-map",
        "DOMContentLoaded",
    }, words
