"""The filtered petitions list behind every dashboard number: query strings typed or edited by
hand give a list, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.core.models import Commune
from danvan.petitions.tests.factories import register

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "finished_to=9999-12-31",
        "finished_from=0001-01-01",
        "received_from=0001-01-01&received_to=9999-12-31",
        "unit=99999999999999999999999&village=-99999999999999999999999",
    ],
)
@pytest.mark.parametrize("url", ["/reports/petitions/", "/reports/petitions/export.csv"])
def test_values_out_of_range_give_a_list_not_an_error(
    commune: Commune, leader: User, url: str, query: str
) -> None:
    register(commune, "complaint", received_on=D(2026, 3, 2))
    client = Client(raise_request_exception=False)
    client.force_login(leader)
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    if url.endswith(".csv"):
        rows = b"".join(response.streaming_content).decode().splitlines()
        assert len(rows) == (1 if "unit" in query else 2)  # no unit has that id
