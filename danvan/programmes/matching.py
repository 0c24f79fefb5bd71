"""Match the units a document names ("Phòng Văn hoá - Xã hội", "Các cơ quan, đơn vị, Phòng,
Trung tâm trên địa bàn xã") to the commune's real units.

Names are compared folded (core.text.fold: no diacritics, đ → d, lower case) with punctuation and
the filler words of administrative prose removed. A plural phrase ("các cơ quan…", "các thôn")
is a group: every active unit of the kinds it names. Anything short of an exact match is
`unsure` and needs the official's confirmation in the import preview.

Pure: works on plain `UnitRef` values, no database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from danvan.core.models import UnitKind
from danvan.core.text import fold

EXACT = "exact"
LIKELY = "likely"
UNSURE = "unsure"
GROUP = "group"
NONE = "none"
# Confidence levels that the official must confirm before saving.
NEEDS_CONFIRMATION = frozenset({UNSURE, NONE})

LIKELY_RATIO = 0.92
UNSURE_RATIO = 0.6

_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Filler words that say where a unit is, not which unit it is.
_TAIL = re.compile(r"\s+(tren dia ban xa|tren dia ban|thuoc ubnd xa|truc thuoc|cua xa|xa)$")
# Words of a plural phrase and the unit kinds they stand for.
_GROUP_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("co quan", (UnitKind.OFFICE, UnitKind.SERVICE_CENTRE)),
    ("don vi", (UnitKind.OFFICE, UnitKind.SERVICE_CENTRE)),
    ("phong", (UnitKind.OFFICE,)),
    ("ban", (UnitKind.OFFICE,)),
    ("trung tam", (UnitKind.SERVICE_CENTRE,)),
    ("dvsn", (UnitKind.SERVICE_CENTRE,)),
    ("thon", (UnitKind.VILLAGE,)),
    ("to dan pho", (UnitKind.VILLAGE,)),
    ("doan the", (UnitKind.FRONT,)),
    ("to chuc chinh tri", (UnitKind.FRONT,)),
    ("hoi", (UnitKind.FRONT,)),
)


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str
    short_name: str
    kind: str


@dataclass(frozen=True)
class UnitMatch:
    phrase: str
    confidence: str
    unit_ids: tuple[int, ...] = ()
    score: float = 0.0
    group_kinds: tuple[str, ...] = ()
    suggestion: str = ""

    @property
    def needs_confirmation(self) -> bool:
        return self.confidence in NEEDS_CONFIRMATION

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def normalise(name: str) -> str:
    """ "Phòng Văn hoá - Xã hội xã" → "phong van hoa xa hoi"."""
    text = _SPACES.sub(" ", _PUNCT.sub(" ", fold(name))).strip()
    previous = None
    while previous != text:
        previous = text
        text = _TAIL.sub("", text).strip()
    return text


def group_kinds(phrase: str) -> tuple[str, ...]:
    """The unit kinds a plural phrase names, or () when the phrase names one unit."""
    folded = normalise(phrase)
    if not folded.startswith("cac "):
        return ()
    kinds: list[str] = []
    padded = f" {folded} "
    for words, unit_kinds in _GROUP_WORDS:
        if f" {words} " in padded:
            kinds.extend(k for k in unit_kinds if k not in kinds)
    return tuple(kinds)


@dataclass
class _Best:
    score: float = 0.0
    unit: UnitRef | None = None
    ties: list[UnitRef] = field(default_factory=list)


def match_unit(phrase: str, units: Sequence[UnitRef]) -> UnitMatch:
    """The unit (or group of units) `phrase` names, with how sure the match is."""
    kinds = group_kinds(phrase)
    if kinds:
        members = tuple(u.id for u in units if u.kind in kinds)
        return UnitMatch(phrase, GROUP, members, 1.0, kinds)
    wanted = normalise(phrase)
    if not wanted:
        return UnitMatch(phrase, NONE)
    best = _Best()
    for unit in units:
        names = [normalise(unit.name)]
        if unit.short_name:
            names.append(normalise(unit.short_name))
        if wanted in names:
            return UnitMatch(phrase, EXACT, (unit.id,), 1.0, suggestion=unit.name)
        score = max(SequenceMatcher(None, wanted, name).ratio() for name in names)
        if score > best.score:
            best = _Best(score, unit)
    if best.unit is None or best.score < UNSURE_RATIO:
        return UnitMatch(phrase, NONE, score=best.score)
    confidence = LIKELY if best.score >= LIKELY_RATIO else UNSURE
    return UnitMatch(phrase, confidence, (best.unit.id,), best.score, suggestion=best.unit.name)


def units_named_in(text: str, units: Sequence[UnitRef]) -> list[UnitRef]:
    """Units whose full name appears in running text ("Phòng Văn hóa - Xã hội chủ trì, phối hợp
    với Văn phòng HĐND và UBND xã…"), in order of first mention."""
    haystack = f" {normalise(text)} "
    found: list[tuple[int, UnitRef]] = []
    for unit in units:
        name = normalise(unit.name)
        if not name:
            continue
        position = haystack.find(f" {name} ")
        if position >= 0:
            found.append((position, unit))
    return [unit for _, unit in sorted(found, key=lambda pair: pair[0])]
