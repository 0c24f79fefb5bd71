"""Matching the units a document names to the commune's units."""

from __future__ import annotations

import pytest

from danvan.core.models import UnitKind
from danvan.programmes.matching import (
    EXACT,
    GROUP,
    NONE,
    UNSURE,
    UnitRef,
    match_unit,
    normalise,
    units_named_in,
)

UNITS = [
    UnitRef(1, "Văn phòng HĐND và UBND", "VP", UnitKind.OFFICE),
    UnitRef(2, "Phòng Văn hoá - Xã hội", "VHXH", UnitKind.OFFICE),
    UnitRef(3, "Phòng Kinh tế", "KT", UnitKind.OFFICE),
    UnitRef(4, "Trung tâm Phục vụ hành chính công", "TTPVHCC", UnitKind.SERVICE_CENTRE),
    UnitRef(5, "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "MTTQ", UnitKind.FRONT),
    UnitRef(6, "Hội Nông dân xã", "HND", UnitKind.FRONT),
    UnitRef(7, "Thôn Quang Thượng", "", UnitKind.VILLAGE),
    UnitRef(8, "Thôn An Lạc", "", UnitKind.VILLAGE),
]


def test_normalise_ignores_diacritics_punctuation_and_the_commune_suffix() -> None:
    assert normalise("Phòng Văn hoá - Xã hội") == "phong van hoa xa hoi"
    assert normalise("PHÒNG VĂN HÓA – XÃ HỘI") == "phong van hoa xa hoi"
    assert normalise("Hội Nông dân xã") == "hoi nong dan"
    assert normalise("Các thôn trên địa bàn xã") == "cac thon"


@pytest.mark.parametrize(
    ("phrase", "unit_id"),
    [
        ("Phòng Văn hoá - Xã hội", 2),  # as in the founding document
        ("Phòng Văn hóa - Xã hội", 2),  # the other placement of the tone mark
        ("PHÒNG VĂN HÓA XÃ HỘI", 2),
        ("VHXH", 2),
        ("Hội Nông dân", 6),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", 5),
    ],
)
def test_exact_matches(phrase: str, unit_id: int) -> None:
    match = match_unit(phrase, UNITS)
    assert match.confidence == EXACT
    assert match.unit_ids == (unit_id,)
    assert not match.needs_confirmation


def test_the_agencies_offices_and_centres_of_the_commune_are_a_group() -> None:
    match = match_unit("Các cơ quan, đơn vị, Phòng, Trung tâm trên địa bàn xã", UNITS)
    assert match.confidence == GROUP
    assert set(match.unit_ids) == {1, 2, 3, 4}
    assert set(match.group_kinds) == {UnitKind.OFFICE, UnitKind.SERVICE_CENTRE}
    assert not match.needs_confirmation


def test_villages_and_mass_organisations_as_groups() -> None:
    assert set(match_unit("Các thôn", UNITS).unit_ids) == {7, 8}
    assert set(match_unit("Các phòng, ĐVSN trực thuộc", UNITS).unit_ids) == {1, 2, 3, 4}
    front = match_unit("Các tổ chức chính trị - xã hội", UNITS)
    assert set(front.unit_ids) == {5, 6}


def test_a_close_name_is_unsure_and_needs_confirmation() -> None:
    match = match_unit("Văn phòng UBND xã", UNITS)
    assert match.confidence == UNSURE
    assert match.unit_ids == (1,)
    assert match.suggestion == "Văn phòng HĐND và UBND"
    assert match.needs_confirmation
    assert 60 <= match.percent < 92


def test_an_unknown_unit_has_no_match() -> None:
    match = match_unit("Phòng Tư pháp - Hộ tịch", UNITS)
    assert match.confidence == NONE
    assert match.unit_ids == ()
    assert match.needs_confirmation
    assert match_unit("", UNITS).confidence == NONE


def test_units_named_in_running_text_in_order() -> None:
    text = (
        "Phòng Văn hóa - Xã hội chủ trì, phối hợp với Văn phòng HĐND và UBND xã chuẩn bị nội "
        "dung; mời Hội Nông dân xã tham dự."
    )
    assert [u.id for u in units_named_in(text, UNITS)] == [2, 1, 6]
