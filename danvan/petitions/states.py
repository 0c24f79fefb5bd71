"""Petition kinds, statuses and the only legal moves between them (DOMAIN §1.7, §2.9, §3.7, §5, §6).

One status field, one transition table per kind: what is legal for a complaint is not for a
denunciation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    FEEDBACK = "feedback", _("Feedback")
    INFO_REQUEST = "info_request", _("Information request")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered, being processed")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("Being resolved")
    VERIFYING = "verifying", _("Being verified")
    DIALOGUE = "dialogue", _("Dialogue")
    SUSPENDED = "suspended", _("Suspended")
    DECIDED = "decided", _("Decided / concluded")
    ANSWERED = "answered", _("Answered")
    MANAGEMENT_CHECK = "management_check", _("Checked for management (anonymous)")
    GUIDED = "guided", _("Guided to the competent body")
    TRANSFERRED = "transferred", _("Transferred")
    NOT_ACCEPTED = "not_accepted", _("Not accepted / refused")
    FILED = "filed", _("Filed without action")
    MERGED = "merged", _("Merged into an open case")
    CLOSED = "closed", _("Closed")


class Closure(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    REFUSED = "refused", _("Refused, with legal ground")
    TRANSFERRED = "transferred", _("Transferred")
    UNRESOLVED = "unresolved", _("Closed unresolved")
    WITHDRAWN = "withdrawn", _("Withdrawn (terminated)")
    GUIDED = "guided", _("Guided")
    FILED = "filed", _("Filed")
    MERGED = "merged", _("Merged")


S = Status
TERMINAL = frozenset({S.GUIDED, S.TRANSFERRED, S.NOT_ACCEPTED, S.FILED, S.MERGED, S.CLOSED})
INTAKE_OUTCOMES = frozenset({S.GUIDED, S.TRANSFERRED, S.NOT_ACCEPTED, S.FILED, S.MERGED})

TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    Kind.COMPLAINT: {
        S.REGISTERED: frozenset({S.ACCEPTED, S.GUIDED, S.NOT_ACCEPTED, S.FILED, S.MERGED}),
        S.ACCEPTED: frozenset({S.VERIFYING, S.SUSPENDED, S.CLOSED}),
        S.VERIFYING: frozenset({S.DIALOGUE, S.DECIDED, S.SUSPENDED, S.CLOSED}),
        S.DIALOGUE: frozenset({S.DECIDED, S.SUSPENDED, S.CLOSED}),
        S.SUSPENDED: frozenset({S.ACCEPTED, S.VERIFYING, S.DIALOGUE, S.CLOSED}),
        S.DECIDED: frozenset({S.CLOSED}),
    },
    Kind.DENUNCIATION: {
        S.REGISTERED: frozenset(
            {S.ACCEPTED, S.TRANSFERRED, S.NOT_ACCEPTED, S.FILED, S.MERGED, S.MANAGEMENT_CHECK}
        ),
        S.ACCEPTED: frozenset({S.VERIFYING, S.SUSPENDED, S.CLOSED}),
        S.VERIFYING: frozenset({S.DECIDED, S.SUSPENDED, S.CLOSED}),
        S.SUSPENDED: frozenset({S.ACCEPTED, S.VERIFYING, S.CLOSED}),
        S.DECIDED: frozenset({S.CLOSED}),
        S.MANAGEMENT_CHECK: frozenset({S.CLOSED}),
    },
    Kind.RECOMMENDATION: {
        S.REGISTERED: frozenset({S.IN_PROGRESS, S.TRANSFERRED, S.FILED, S.MERGED}),
        S.IN_PROGRESS: frozenset({S.ANSWERED, S.SUSPENDED, S.CLOSED}),
        S.SUSPENDED: frozenset({S.IN_PROGRESS, S.CLOSED}),
        S.ANSWERED: frozenset({S.CLOSED, S.IN_PROGRESS}),
        S.CLOSED: frozenset({S.IN_PROGRESS}),  # the citizen says it was not resolved: reopened
    },
    Kind.INFO_REQUEST: {
        S.REGISTERED: frozenset({S.IN_PROGRESS, S.NOT_ACCEPTED, S.TRANSFERRED, S.MERGED}),
        S.IN_PROGRESS: frozenset({S.ANSWERED, S.NOT_ACCEPTED, S.SUSPENDED}),
        S.SUSPENDED: frozenset({S.IN_PROGRESS}),
        S.ANSWERED: frozenset({S.CLOSED}),
    },
}
TRANSITIONS[Kind.FEEDBACK] = TRANSITIONS[Kind.RECOMMENDATION]


# Closing a case from the old petition register (sổ theo dõi đơn) when historical records are
# imported: the register says how the case ended but holds none of the steps in between, so the
# case goes from REGISTERED straight to the status its outcome implies. This path belongs to
# petitions.services.petition_close_historical alone. An outcome that is an intake move (guide,
# transfer, refuse, file) is allowed only where TRANSITIONS allows it for the kind; resolved and
# withdrawn end any kind.
HISTORICAL_OUTCOMES: dict[str, str] = {
    Closure.RESOLVED: S.CLOSED,
    Closure.WITHDRAWN: S.CLOSED,
    Closure.TRANSFERRED: S.TRANSFERRED,
    Closure.GUIDED: S.GUIDED,
    Closure.REFUSED: S.NOT_ACCEPTED,
    Closure.FILED: S.FILED,
}


def historical_target(kind: str, closure: str) -> str | None:
    """The status a case of `kind` lands in when the old register says it ended with `closure`,
    or None when a case of that kind cannot end that way."""
    target = HISTORICAL_OUTCOMES.get(closure)
    if target is None or kind not in TRANSITIONS:
        return None
    if target == S.CLOSED or can_move(kind, S.REGISTERED, target):
        return target
    return None


def can_move(kind: str, current: str, target: str) -> bool:
    return target in TRANSITIONS[kind].get(current, frozenset())


def allowed_moves(kind: str, current: str) -> frozenset[str]:
    return TRANSITIONS[kind].get(current, frozenset())


def is_open(status: str) -> bool:
    return status not in TERMINAL
