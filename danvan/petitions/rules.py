"""Which legal clock runs for which kind of petition, and the legal caps on extensions.

Rule ids refer to core.DeadlineRule rows (DOMAIN §1.6, §2.3, §3.1, §5.2, §6.3)."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Channel, Flag
from .states import Kind

PROCESSING_RULE: dict[str, str] = {
    Kind.COMPLAINT: "XLD-1",
    Kind.DENUNCIATION: "TC-1",
    Kind.RECOMMENDATION: "XLD-1",
    Kind.FEEDBACK: "XLD-1",
}

INFO_REQUEST_RULE: dict[str, str] = {
    Channel.DESK: "TTTT-1",
    Channel.HAND: "TTTT-1",
    Channel.ONLINE: "TTTT-4",
    Channel.POST: "TTTT-7",
}


def resolution_rule(kind: str, flags: list[str]) -> str:
    """The resolution clock started on acceptance (complaints, denunciations) or when handling
    starts (recommendations, feedback)."""
    remote, complex_case = Flag.REMOTE in flags, Flag.COMPLEX in flags
    if kind == Kind.COMPLAINT:
        return {
            (False, False): "KN-3",
            (False, True): "KN-3C",
            (True, False): "KN-3R",
            (True, True): "KN-3RC",
        }[(remote, complex_case)]
    if kind == Kind.DENUNCIATION:
        return "TC-4"
    return "PAKN-1"


@dataclass(frozen=True)
class ExtensionCap:
    times: int
    days_each: int
    legal_basis: str


EXTENSION_CAPS: dict[str, ExtensionCap] = {
    # Luật Tố cáo Art 30(2),(3): complex once ≤30 days; particularly complex twice, each ≤30.
    Kind.DENUNCIATION: ExtensionCap(2, 30, "Luật Tố cáo 2018, Điều 30"),
    # Luật Tiếp cận thông tin Art 29–31: at most 15 days.
    Kind.INFO_REQUEST: ExtensionCap(1, 15, "Luật Tiếp cận thông tin 2016, Điều 29–31"),
    # Luật Khiếu nại Art 28: a complex case has 45 days instead of 30 (60 instead of 45 remote).
    Kind.COMPLAINT: ExtensionCap(1, 15, "Luật Khiếu nại 2011, Điều 28"),
}


# Representatives of a group (DOMAIN §2.6): 5–10 people → 1 or 2; more than 10 → at most 5.
def max_representatives(group_size: int) -> int:
    if group_size <= 4:
        return group_size
    return 2 if group_size <= 10 else 5
