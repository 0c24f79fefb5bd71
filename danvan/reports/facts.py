"""Keeping `CaseFacts` (one narrow row per petition, read by the statistics forms) equal to what
the petition and its timeline say.

Every change goes through `refresh(ids)`: after any save of a petition, of a timeline event or of
one of its legal clocks (signals below), after bulk loads (`refresh_all`, used by the benchmark
data generator and by `manage.py case_facts`), and in the migrations that built the table.
`mismatches()` recomputes and compares, so drift is detectable (`manage.py case_facts --check`).

Why signals (CONVENTIONS rule 8 keeps business logic out of them): the receivers decide nothing —
they re-project rows that the petitions services already wrote under their own rules — and they
are the only hook that sees every write of three models owned by two lower apps (petitions, core)
without those apps importing this one (the import-linter layers forbid it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import Max, Min, Q
from django.db.models.signals import post_delete, post_save

from danvan.core.models import Deadline
from danvan.petitions.models import Petition, PetitionEvent
from danvan.petitions.services import SUBJECT  # the subject_type of a petition's clocks

from .models import FACT_VERBS, CaseFacts

COPIED = (
    "commune_id",
    "kind",
    "field",
    "is_group",
    "is_eligible",
    "complaint_stage",
    "closure",
    "received_on",
    "closed_at",
    "status",
    "due_on",
    "is_historical_closure",
)
TIMES = (
    "status_first",
    "status_last",
    *(f"{verb}_{end}" for verb in FACT_VERBS for end in ("first", "last")),
)
FIELDS = (*COPIED, *TIMES, "last_status", "resolution_due")
# Clocks that only bound a notification (KN-4, TC-3, TC-8): not the one "on time" is measured by.
NOTIFICATION_CLOCKS = ("KN-4", "TC-3", "TC-8")
BATCH = 2000


def _aggregates() -> dict[str, Any]:
    changed = ~Q(status_after="")
    aggregates: dict[str, Any] = {
        "status_first": Min("at", filter=changed),
        "status_last": Max("at", filter=changed),
    }
    for verb in FACT_VERBS:
        aggregates[f"{verb}_first"] = Min("at", filter=Q(verb=verb))
        aggregates[f"{verb}_last"] = Max("at", filter=Q(verb=verb))
    return aggregates


def compute(
    ids: Sequence[int],
    *,
    petition_model: Any = Petition,
    event_model: Any = PetitionEvent,
    facts_model: Any = CaseFacts,
    deadline_model: Any = Deadline,
) -> list[Any]:
    """Unsaved CaseFacts for the petitions `ids` (the models are parameters so that a migration
    can pass its historical ones)."""
    events = event_model.objects.filter(petition_id__in=ids).order_by()
    digests = {
        row["petition_id"]: row for row in events.values("petition_id").annotate(**_aggregates())
    }
    last_status: dict[int, str] = {}
    for petition_id, status in (
        events.exclude(status_after="")
        .order_by("petition_id", "-at", "-id")
        .values_list("petition_id", "status_after")
    ):
        last_status.setdefault(petition_id, status)
    resolution_due: dict[int, Any] = {}
    for subject_id, due_on in (
        deadline_model.objects.filter(subject_type=SUBJECT, subject_id__in=[str(i) for i in ids])
        .exclude(rule__code__in=NOTIFICATION_CLOCKS)
        .order_by("subject_id", "-started_on", "-id")
        .values_list("subject_id", "due_on")
    ):
        resolution_due.setdefault(int(subject_id), due_on)
    # A migration's historical Petition may predate a copied field (is_historical_closure came
    # after the table's first migration): copy only what it has; a later migration fills the rest.
    petition_fields = {f.attname for f in petition_model._meta.concrete_fields}
    copied = [name for name in COPIED if name in petition_fields]
    facts = []
    for row in petition_model.objects.filter(pk__in=ids).order_by().values("pk", *copied):
        digest = digests.get(row["pk"], {})
        values = {name: row[name] for name in copied}
        values.update({name: digest.get(name) for name in TIMES})
        values["last_status"] = last_status.get(row["pk"], "")
        values["resolution_due"] = resolution_due.get(row["pk"])
        facts.append(facts_model(petition_id=row["pk"], **_known(values, facts_model)))
    return facts


def _known(values: dict[str, Any], facts_model: Any) -> dict[str, Any]:
    """The values the model has fields for (a migration's historical model may predate some)."""
    names = {f.name for f in facts_model._meta.concrete_fields} | {"commune_id"}
    return {name: value for name, value in values.items() if name in names}


def _store(facts: list[Any], facts_model: Any) -> None:
    facts_model.objects.bulk_create(
        facts,
        update_conflicts=True,
        unique_fields=["petition"],
        update_fields=list(_known(dict.fromkeys(FIELDS), facts_model)),
    )


def refresh(ids: Iterable[int], **models: Any) -> int:
    """Recompute and store the facts of these petitions; returns how many were written."""
    facts_model = models.get("facts_model", CaseFacts)
    written = 0
    for batch in _batches(sorted(set(ids))):
        facts = compute(batch, **models)
        _store(facts, facts_model)
        written += len(facts)
    return written


def refresh_all(*, commune_ids: Iterable[int] | None = None, **models: Any) -> int:
    petition_model = models.get("petition_model", Petition)
    qs = petition_model.objects.order_by("pk")
    if commune_ids is not None:
        qs = qs.filter(commune_id__in=list(commune_ids))
    return refresh(qs.values_list("pk", flat=True).iterator(chunk_size=BATCH), **models)


def mismatches(*, limit: int = 20) -> tuple[int, list[int]]:
    """Compare the stored facts with a recomputation: (petitions checked, ids that differ or have
    no facts row)."""
    checked, wrong = 0, list[int]()
    ids = Petition.objects.order_by("pk").values_list("pk", flat=True)
    for batch in _batches(ids.iterator(chunk_size=BATCH)):
        stored = {
            row["petition_id"]: row
            for row in CaseFacts.objects.filter(petition_id__in=batch).values(
                "petition_id", *FIELDS
            )
        }
        for fresh in compute(batch):
            checked += 1
            row = stored.get(fresh.petition_id)
            differs = row is None or any(row[n] != getattr(fresh, n) for n in FIELDS)
            if differs and len(wrong) < limit:
                wrong.append(fresh.petition_id)
    return checked, wrong


def _batches(ids: Iterable[int]) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


# --- keeping them current ------------------------------------------------------------------------
def _petition_saved(sender: Any, instance: Petition, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh([instance.pk])


def _event_saved(sender: Any, instance: PetitionEvent, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh([instance.petition_id])


def _clock_saved(sender: Any, instance: Deadline, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.subject_type == SUBJECT:
        refresh([int(instance.subject_id)])


def connect() -> None:
    post_save.connect(_petition_saved, sender=Petition, dispatch_uid="case_facts_petition")
    post_save.connect(_event_saved, sender=PetitionEvent, dispatch_uid="case_facts_event")
    # The timeline is append-only, but a deleted event (an administrator's repair) must not
    # leave its trace in the digest.
    post_delete.connect(_event_saved, sender=PetitionEvent, dispatch_uid="case_facts_event_gone")
    # Started, extended, suspended, recomputed after a calendar change: the due date moves.
    post_save.connect(_clock_saved, sender=Deadline, dispatch_uid="case_facts_clock")
