"""Build a realistic DânVận data set on PostgreSQL, fast (bulk inserts, no per-row services).

    python bench/generate.py --communes 30 --petitions 200000 [--database-url URL] [--seed 1] [--reset]

One province; N communes, each with its offices, 5–10 villages and one account per role (plus a
handling officer for each of three more offices); citizens with Vietnamese names; petitions of
every kind spread over the last two years and over each kind's legal lifecycle, with due dates
around today for the open ones; three timeline events per petition; the open legal clock of each
open petition. Every account's password is DanVan@2026. Dates are relative to today.

The database (default danvan_bench) is created if missing and migrated; `--reset` drops it first.
Progress goes to stderr; the last line is the total time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import corpus
from bench.common import DEFAULT_DATABASE_URL, PASSWORD, ensure_database, log, setup_django

T = TypeVar("T")
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # as petitions.services
PROVINCE = ("31", "Thành phố Hải Phòng")

# Kind shares (brief): feedback/recommendation 55%, complaint 25%, denunciation 10%, info 10%.
KIND_WEIGHTS = {
    "feedback": 27,
    "recommendation": 28,
    "complaint": 25,
    "denunciation": 10,
    "info_request": 10,
}

# Statuses an open case of each kind can be in (states.TRANSITIONS), with their shares.
OPEN_STATUSES = {
    "complaint": {
        "registered": 20,
        "accepted": 15,
        "verifying": 35,
        "dialogue": 8,
        "suspended": 4,
        "decided": 18,
    },
    "denunciation": {
        "registered": 25,
        "accepted": 15,
        "verifying": 40,
        "suspended": 4,
        "decided": 8,
        "management_check": 8,
    },
    "recommendation": {"registered": 30, "in_progress": 55, "suspended": 3, "answered": 12},
    "feedback": {"registered": 30, "in_progress": 55, "suspended": 3, "answered": 12},
    "info_request": {"registered": 30, "in_progress": 50, "suspended": 5, "answered": 15},
}
# Where finished cases end (terminal statuses reachable for the kind).
FINAL_STATUSES = {
    "complaint": {"closed": 70, "guided": 15, "not_accepted": 7, "filed": 5, "merged": 3},
    "denunciation": {"closed": 55, "transferred": 20, "not_accepted": 10, "filed": 12, "merged": 3},
    "recommendation": {"closed": 80, "transferred": 10, "filed": 7, "merged": 3},
    "feedback": {"closed": 80, "transferred": 10, "filed": 7, "merged": 3},
    "info_request": {"closed": 80, "not_accepted": 10, "transferred": 7, "merged": 3},
}
CLOSED_AS = {
    "complaint": {"resolved": 70, "withdrawn": 12, "unresolved": 8, "refused": 5, "transferred": 5},
    "denunciation": {"resolved": 80, "withdrawn": 8, "unresolved": 7, "transferred": 5},
    "recommendation": {"resolved": 88, "unresolved": 7, "transferred": 5},
    "feedback": {"resolved": 88, "unresolved": 7, "transferred": 5},
    "info_request": {"resolved": 95, "refused": 5},
}
COMPLAINT_STAGES = {"first": 80, "resolved_once": 15, "resolved_more": 5}
RATINGS = {1: 3, 2: 5, 3: 15, 4: 40, 5: 37}
INTAKE_CLOSURE = {
    "guided": "guided",
    "transferred": "transferred",
    "not_accepted": "refused",
    "filed": "filed",
    "merged": "merged",
}
VERB_FOR = {
    "registered": "note",
    "accepted": "accepted",
    "verifying": "verifying",
    "dialogue": "dialogue",
    "suspended": "suspended",
    "decided": "decided",
    "in_progress": "handling_started",
    "answered": "answered",
    "management_check": "management_check",
    "guided": "guided",
    "transferred": "transferred",
    "not_accepted": "refused",
    "filed": "filed",
    "merged": "merged",
    "closed": "closed",
}
EVENT_TEXT = {
    "note": "Đã liên hệ công dân để bổ sung thông tin.",
    "accepted": "Thụ lý giải quyết.",
    "verifying": "Giao xác minh nội dung.",
    "dialogue": "Tổ chức đối thoại với người khiếu nại.",
    "suspended": "Tạm đình chỉ giải quyết chờ kết quả giám định.",
    "decided": "Ban hành quyết định giải quyết.",
    "handling_started": "Đơn vị có thẩm quyền đang xem xét.",
    "answered": "Đã trả lời công dân.",
    "management_check": "Kiểm tra phục vụ công tác quản lý.",
    "guided": "Hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền.",
    "transferred": "Chuyển đơn đến cơ quan có thẩm quyền.",
    "refused": "Thông báo không thụ lý.",
    "filed": "Lưu đơn, không xử lý.",
    "merged": "Gộp vào vụ việc đang giải quyết.",
    "closed": "Kết thúc hồ sơ.",
}
PRIVATE_VERBS = frozenset({"note", "verifying", "filed", "management_check", "classified"})
CHANNEL_WEIGHTS = {
    "desk": 40,
    "post": 10,
    "hand": 8,
    "agency": 7,
    "front": 8,
    "deputy": 3,
    "press": 1,
    "online": 13,
    "hotline": 5,
    "box": 5,
}
INFO_CHANNELS = {"desk": 50, "online": 30, "post": 12, "hand": 8}

# Offices and organisations of every commune (demo.seed's An Quang shape), and the cast.
UNITS = [
    (name, short, kind)
    for name, short, kind in [
        ("Thường trực UBND xã", "UBND", "leadership"),
        ("Văn phòng HĐND và UBND", "VP", "office"),
        ("Phòng Văn hoá - Xã hội", "VHXH", "office"),
        ("Phòng Kinh tế", "KT", "office"),
        ("Trung tâm Phục vụ hành chính công", "TTPVHCC", "centre"),
        ("Trung tâm Dịch vụ tổng hợp", "TTDVTH", "centre"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "MTTQ", "front"),
        ("Hội Liên hiệp Phụ nữ xã", "HPN", "front"),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "ĐTN", "front"),
        ("Hội Nông dân xã", "HND", "front"),
        ("Hội Cựu chiến binh xã", "HCCB", "front"),
        ("Ban Thanh tra nhân dân", "BTTND", "supervision"),
        ("Ban Giám sát đầu tư của cộng đồng", "BGSĐTCĐ", "supervision"),
    ]
]
# (username, position, role, unit short name or None) — danvan.demo.seed.AN_QUANG_CAST's roles.
CAST = [
    ("tiepdan", "Công chức tiếp công dân", "reception_officer", "VP"),
    ("chuyenvien", "Chuyên viên Phòng Kinh tế", "handling_officer", "KT"),
    ("truongphong", "Trưởng phòng Kinh tế", "unit_head", "KT"),
    ("chutich", "Chủ tịch UBND xã", "leader", "UBND"),
    ("vhxh", "Trưởng phòng Văn hoá - Xã hội", "coordinator", "VHXH"),
    ("truongthon", "Trưởng thôn", "village_head", "village"),
    ("mttq", "Chủ tịch Ủy ban MTTQ xã", "front_officer", "MTTQ"),
    ("thanhtra", "Trưởng ban Thanh tra nhân dân", "community_inspector", "BTTND"),
    ("quantri", "Quản trị hệ thống", "admin", None),
    # More handling officers, so that every office that handles petitions has one.
    ("chuyenvien_vhxh", "Chuyên viên Phòng Văn hoá - Xã hội", "handling_officer", "VHXH"),
    ("chuyenvien_vp", "Chuyên viên Văn phòng HĐND và UBND", "handling_officer", "VP"),
    ("chuyenvien_dv", "Viên chức Trung tâm Dịch vụ tổng hợp", "handling_officer", "TTDVTH"),
]


def weighted(rng: random.Random, table: dict[T, float]) -> T:
    return rng.choices(list(table), list(table.values()))[0]


@contextmanager
def stored_timestamps(*fields: Any):
    """Let bulk_create keep the timestamps we set instead of auto_now/auto_now_add's `now`."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def at(day: dt.date, rng: random.Random, *, now: dt.datetime) -> dt.datetime:
    """A moment of office hours on `day`, never in the future."""
    moment = dt.datetime.combine(day, dt.time(7, 30), tzinfo=TZ) + dt.timedelta(
        minutes=rng.randint(0, 540)
    )
    return min(moment, now)


class Generator:
    def __init__(self, args: argparse.Namespace) -> None:
        from django.utils import timezone

        self.args = args
        self.rng = random.Random(args.seed)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.tracking_codes: set[str] = set()
        self.rules: dict[str, Any] = {}
        self.totals: Counter[str] = Counter()
        self.started = time.perf_counter()

    def elapsed(self) -> str:
        return f"{time.perf_counter() - self.started:6.1f}s"

    # --- organisation --------------------------------------------------------------------------
    def build_organisation(self) -> list[dict[str, Any]]:
        from django.contrib.auth.hashers import make_password

        from danvan.accounts.models import Membership, User
        from danvan.core.models import Commune, Province, Unit

        rng = self.rng
        province = Province.objects.create(code=PROVINCE[0], name=PROVINCE[1])
        names = list(corpus.COMMUNE_NAMES)
        communes = []
        for i in range(self.args.communes):
            name = names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "")
            kind = "phuong" if rng.random() < 0.2 else "xa"
            communes.append(Commune(province=province, code=f"B{i + 1:03d}", name=name, kind=kind))
        Commune.objects.bulk_create(communes)

        password = make_password(PASSWORD)  # hashed once: the hasher is deliberately slow
        units: list[Any] = []
        plan = []
        for commune in communes:
            offices = [Unit(commune=commune, name=n, short_name=s, kind=k) for n, s, k in UNITS]
            village_names = rng.sample(corpus.VILLAGE_NAMES, rng.randint(5, 10))
            if commune.kind == "phuong":
                villages = [
                    Unit(commune=commune, name=f"Tổ dân phố {v}", kind="village")
                    for v in village_names
                ]
            else:
                villages = [
                    Unit(commune=commune, name=f"Thôn {v}", kind="village") for v in village_names
                ]
            units += offices + villages
            label = f"{'phường' if commune.kind == 'phuong' else 'xã'} {commune.name}"
            plan.append(
                {"commune": commune, "label": label, "offices": offices, "villages": villages}
            )
        Unit.objects.bulk_create(units)

        users, memberships = [], []
        for entry in plan:
            commune = entry["commune"]
            by_short = {u.short_name: u for u in entry["offices"]}
            entry["users"] = {}
            for username, position, role, unit_short in CAST:
                full_name, _male = corpus.person_name(rng)
                user = User(
                    username=f"{commune.code.lower()}.{username}",
                    password=password,
                    full_name=full_name,
                    position=position,
                    email=f"{username}@{commune.code.lower()}.example",
                )
                unit = (
                    entry["villages"][0]
                    if unit_short == "village"
                    else by_short.get(unit_short or "")
                )
                users.append(user)
                memberships.append((user, role, commune, unit))
                entry["users"][username] = user
        viewer = User(
            username="sonoivu",
            password=password,
            full_name="Đặng Minh Châu",
            position="Chuyên viên Sở Nội vụ",
            email="sonoivu@example.org",
        )
        users.append(viewer)
        User.objects.bulk_create(users)
        Membership.objects.bulk_create(
            [Membership(user=u, role=r, commune=c, unit=unit) for u, r, c, unit in memberships]
            + [Membership(user=viewer, role="province_viewer", province=province)]
        )
        self.totals.update(communes=len(communes), units=len(units), users=len(users))
        log(
            f"[{self.elapsed()}] {len(communes)} communes, {len(units)} units, {len(users)} accounts"
        )
        return plan

    # --- people ----------------------------------------------------------------------------------
    def build_citizens(self, entry: dict[str, Any], count: int) -> list[Any]:
        from danvan.core.text import fold
        from danvan.petitions.models import Citizen

        rng, commune = self.rng, entry["commune"]
        citizens = []
        for _ in range(count):
            name, male = corpus.person_name(rng)
            village = rng.choice(entry["villages"]).name
            citizens.append(
                Citizen(
                    commune=commune,
                    full_name=name,
                    name_folded=fold(name),
                    phone=corpus.phone(rng) if rng.random() < 0.85 else "",
                    id_number=corpus.id_number(rng, PROVINCE[0], male)
                    if rng.random() < 0.7
                    else "",
                    address=f"{village}, {entry['label']}",
                )
            )
        Citizen.objects.bulk_create(citizens, batch_size=self.args.batch_size)
        return citizens

    # --- petitions -------------------------------------------------------------------------------
    def received_dates(self, count: int) -> list[dt.date]:
        rng, dates = self.rng, []
        while len(dates) < count:
            # A little more recent than old: the workload grows; Sundays are rare (post, online).
            back = int(730 * rng.random() ** 1.15)
            day = self.today - dt.timedelta(days=back)
            if day.weekday() == 6 and rng.random() < 0.85:
                continue
            dates.append(day)
        dates.sort()
        return dates

    # --- petitions, step by step -----------------------------------------------------------------
    def lifecycle(self, kind: str, age: int) -> tuple[str, str]:
        """(status, closure): recent cases are mostly open, old ones mostly finished."""
        rng = self.rng
        share_open = 0.9 if age <= 30 else 0.5 if age <= 90 else 0.2 if age <= 180 else 0.04
        if rng.random() < share_open:
            if age <= 5 and rng.random() < 0.75:
                return "registered", ""
            return weighted(rng, OPEN_STATUSES[kind]), ""
        status = weighted(rng, FINAL_STATUSES[kind])
        closure = weighted(rng, CLOSED_AS[kind]) if status == "closed" else INTAKE_CLOSURE[status]
        return status, closure

    def sender(self, kind: str, citizens: list[Any]) -> tuple[Any, list[str]]:
        """(citizen, flags). A denouncer is never a citizen row (the identity is kept apart)."""
        rng = self.rng
        if kind == "denunciation":
            return None, (["anonymous"] if rng.random() < 0.2 else [])
        if rng.random() < 0.93:
            return citizens[int(len(citizens) * rng.random() ** 1.6)], []  # some come back often
        return None, ["anonymous"]

    def assignment(
        self, entry: dict[str, Any], kind: str, status: str, topic: corpus.Topic
    ) -> tuple[Any, Any]:
        """(unit, officer): a case past intake is with the office of its topic."""
        rng = self.rng
        worked_on = status not in ("registered", *INTAKE_CLOSURE)
        if not (
            worked_on or (status == "registered" and rng.random() < 0.25) or rng.random() < 0.05
        ):
            return None, None
        unit = "TTDVTH" if topic.key == "flood" and rng.random() < 0.3 else topic.unit
        if kind == "info_request":
            unit = "VP"
        officer = (
            rng.choice(entry["officers"][unit])
            if rng.random() < (0.9 if worked_on else 0.4)
            else None
        )
        return entry["office"][unit], officer

    def due_date(self, received: dt.date) -> dt.date:
        """Around today: 18% overdue, 4% due today, 23% within the week, the rest later."""
        rng, r = self.rng, self.rng.random()
        if r < 0.18:
            offset = -rng.randint(1, 60)
        elif r < 0.22:
            offset = 0
        elif r < 0.45:
            offset = rng.randint(1, 7)
        else:
            offset = rng.randint(8, 60)
        return max(self.today + dt.timedelta(days=offset), received + dt.timedelta(days=1))

    def tracking_code(self) -> str:
        while True:
            code = "".join(self.rng.choice(TRACKING_ALPHABET) for _ in range(10))
            if code not in self.tracking_codes:
                self.tracking_codes.add(code)
                return code

    def petition(
        self,
        entry: dict[str, Any],
        kind: str,
        received: dt.date,
        sequence: int,
        citizens: list[Any],
    ) -> Any:
        from danvan.core.text import fold
        from danvan.petitions.models import Petition

        rng, now = self.rng, self.now
        age, year = (self.today - received).days, received.year
        status, closure = self.lifecycle(kind, age)
        citizen, flags = self.sender(kind, citizens)
        if kind in ("complaint", "denunciation") and rng.random() < 0.05:
            flags.append("complex")
        if status == "merged":
            flags.append("duplicate")
        village = rng.choice(entry["villages"])
        topic, summary, content, place = corpus.petition_text(
            rng,
            kind,
            village=village.name,
            commune=entry["label"],
            year=year,
            signer=citizen.full_name if citizen else None,
        )
        unit, officer = self.assignment(entry, kind, status, topic)
        channel = weighted(rng, INFO_CHANNELS if kind == "info_request" else CHANNEL_WEIGHTS)
        forwarded_by = (
            rng.choice(corpus.FORWARDERS[channel]) if channel in corpus.FORWARDERS else ""
        )
        registered_at = at(received, rng, now=now)
        closed_at = None
        if closure:
            span = rng.randint(2, 15) if status in INTAKE_CLOSURE else rng.randint(10, 90)
            closed_at = max(
                at(min(received + dt.timedelta(days=span), self.today), rng, now=now), registered_at
            )
        # A clock runs unless the case is finished, answered, or only checked for management.
        clock_runs = (
            not closure
            and status not in ("answered", "management_check")
            and not (kind == "denunciation" and status == "decided")
        )
        answered = status == "answered" or closure == "resolved"
        is_group = kind != "denunciation" and rng.random() < 0.05
        group_size = rng.randint(2, 40) if is_group else 1
        case_number, tracking_code = f"{sequence:05d}/{year}", self.tracking_code()
        searchable = [case_number, tracking_code, summary, content, place]
        if kind != "denunciation" and citizen is not None:
            searchable += [citizen.full_name, citizen.phone]  # as petitions.services._search_text
        return Petition(
            commune=entry["commune"],
            case_number=case_number,
            year=year,
            sequence=sequence,
            tracking_code=tracking_code,
            tracking_secret_hash=hashlib.sha256(tracking_code.encode()).hexdigest(),
            kind=kind,
            status=status,
            closure=closure,
            channel=channel,
            received_on=received,
            registered_at=registered_at,
            registered_by=entry["users"]["tiepdan"],
            summary=summary,
            content=content,
            search_folded=fold(" ".join(p for p in searchable if p)),
            place=place,
            village=village,
            citizen=citizen,
            is_group=is_group,
            group_size=group_size,
            representatives=[corpus.person_name(rng)[0] for _ in range(1 if group_size < 11 else 3)]
            if group_size >= 5
            else [],
            forwarded_by=forwarded_by,
            forwarded_reference=f"{rng.randint(5, 900)}/CV" if forwarded_by else "",
            field="corruption"
            if kind == "denunciation" and topic.key == "conduct"
            else topic.field,
            is_eligible=None
            if status == "registered" and rng.random() < 0.6
            else status not in ("filed", "not_accepted"),
            jurisdiction=""
            if status == "registered"
            else "not_ours"
            if closure in ("guided", "transferred")
            else "ours",
            complaint_stage=weighted(rng, COMPLAINT_STAGES) if kind == "complaint" else "",
            flags=flags,
            is_anonymous_route=status == "management_check",
            assigned_unit=unit,
            assigned_officer=officer,
            transferred_to=rng.choice(corpus.OTHER_BODIES)
            if closure in ("guided", "transferred")
            else "",
            legal_ground=rng.choice(corpus.LEGAL_GROUNDS) if closure == "refused" else "",
            answer_text=corpus.answer_text(
                rng, unit.name if unit else "Văn phòng", village.name, year
            )
            if answered
            else "",
            status_before_suspension=(
                "verifying" if kind in ("complaint", "denunciation") else "in_progress"
            )
            if status == "suspended"
            else "",
            closed_at=closed_at,
            due_on=self.due_date(received) if clock_runs else None,
            citizen_confirmed=rng.random() < 0.8
            if answered and citizen and rng.random() < 0.5
            else None,
            rating=weighted(rng, RATINGS) if answered and citizen and rng.random() < 0.3 else None,
            updated_at=closed_at
            or min(registered_at + dt.timedelta(days=rng.randint(0, age // 2 + 1)), now),
        )

    def clock(self, petition: Any) -> Any:
        """The open legal clock behind the petition's due date (as services._start_clock would)."""
        from danvan.core.models import Deadline
        from danvan.petitions.rules import INFO_REQUEST_RULE, PROCESSING_RULE, resolution_rule

        if petition.kind == "info_request":
            code = INFO_REQUEST_RULE.get(petition.channel, "TTTT-1")
        elif petition.status == "registered":
            code = PROCESSING_RULE[petition.kind]
        elif petition.kind in ("recommendation", "feedback"):
            code = "PAKN-1"
        elif petition.status == "decided":
            code = "KN-4"
        else:
            code = resolution_rule(petition.kind, petition.flags)
        rule = self.rules.get(code)
        step = "xử lý đơn" if petition.status == "registered" else "giải quyết"
        suspended = petition.status == "suspended"
        return Deadline(
            commune=petition.commune,
            rule=rule,
            subject_type="petitions.petition",
            subject_id=str(petition.pk),
            label=f"{petition.case_number}: {step}",
            started_on=petition.received_on,
            length=rule.length if rule else 30,
            unit=rule.unit if rule else "CAL",
            due_on=petition.due_on,
            explanation={"generated": "bench"},
            suspended_on=self.today - dt.timedelta(days=self.rng.randint(1, 20))
            if suspended
            else None,
        )

    def build_petitions(self, entry: dict[str, Any], count: int) -> None:
        """One commune's citizens, petitions (numbered per year in order of receipt), timelines and
        clocks, and its petition number sequences."""
        from danvan.core.models import Deadline, DeadlineRule, NumberSequence
        from danvan.petitions.models import Petition, PetitionEvent
        from danvan.reports import facts

        if not self.rules:
            self.rules = {r.code: r for r in DeadlineRule.objects.all()}
        users = entry["users"]
        entry["office"] = {u.short_name: u for u in entry["offices"]}
        entry["officers"] = {
            "KT": [users["chuyenvien"], users["chuyenvien"], users["truongphong"]],
            "VHXH": [users["chuyenvien_vhxh"], users["vhxh"]],
            "VP": [users["chuyenvien_vp"]],
            "TTDVTH": [users["chuyenvien_dv"]],
        }
        kinds = [weighted(self.rng, KIND_WEIGHTS) for _ in range(count)]
        citizens = self.build_citizens(
            entry, max(1, int(sum(k != "denunciation" for k in kinds) * 0.6))
        )
        sequences: Counter[int] = Counter()
        petitions = []
        for kind, received in zip(kinds, self.received_dates(count), strict=True):
            sequences[received.year] += 1
            petitions.append(
                self.petition(entry, kind, received, sequences[received.year], citizens)
            )
        with stored_timestamps(
            *(Petition._meta.get_field(n) for n in ("registered_at", "updated_at"))
        ):
            Petition.objects.bulk_create(petitions, batch_size=self.args.batch_size)
        NumberSequence.objects.bulk_create(
            [
                NumberSequence(
                    commune=entry["commune"], series="petition", year=year, last_number=last
                )
                for year, last in sequences.items()
            ]
        )
        events = [event for p in petitions for event in self.timeline(p, users["tiepdan"])]
        with stored_timestamps(PetitionEvent._meta.get_field("at")):
            PetitionEvent.objects.bulk_create(events, batch_size=self.args.batch_size)
        clocks = [self.clock(p) for p in petitions if p.due_on is not None]
        Deadline.objects.bulk_create(clocks, batch_size=self.args.batch_size)
        # bulk_create sends no signals: fill the statistics forms' per-case digest ourselves.
        facts.refresh([p.pk for p in petitions])
        self.totals.update(
            citizens=len(citizens), petitions=len(petitions), events=len(events), clocks=len(clocks)
        )
        self.totals.update(f"status:{p.status}" for p in petitions)
        self.totals.update(f"kind:{p.kind}" for p in petitions)

    def timeline(self, petition: Any, reception: Any) -> list[Any]:
        """Registered → assigned (or classified) → the step that put it in its current status."""
        from danvan.petitions.models import PetitionEvent

        rng = self.rng
        start = petition.registered_at
        end = max(petition.closed_at or petition.updated_at, start)
        middle = start + (end - start) * rng.uniform(0.1, 0.6)
        if petition.assigned_unit is not None:
            who = ", ".join(
                str(x) for x in (petition.assigned_unit, petition.assigned_officer) if x
            )
            second = ("assigned", f"Giao {who}.")
        else:
            second = ("classified", "")
        verb = VERB_FOR[petition.status]
        steps = [
            ("registered", "Tiếp nhận và vào sổ.", start, "registered"),
            (*second, middle, "registered"),
            (verb, EVENT_TEXT[verb], end, petition.status),
        ][: self.args.events]
        handler = petition.assigned_officer or reception
        return [
            PetitionEvent(
                petition=petition,
                at=when,
                actor=reception if i < 2 else handler,
                verb=v,
                status_after=status_after,
                text=text,
                is_public=v not in PRIVATE_VERBS,
            )
            for i, (v, text, when, status_after) in enumerate(steps)
        ]

    def run(self) -> None:
        from django.db import connection, transaction

        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")  # this session only: a bulk load
        with transaction.atomic():
            plan = self.build_organisation()
        n = len(plan)
        shares = [
            self.args.petitions // n + (1 if i < self.args.petitions % n else 0) for i in range(n)
        ]
        for i, (entry, count) in enumerate(zip(plan, shares, strict=True), 1):
            with transaction.atomic():
                self.build_petitions(entry, count)
            log(
                f"[{self.elapsed()}] {i:>3}/{n} {entry['commune']} ({entry['commune'].code}): {count:,} petitions"
                f" — total {self.totals['petitions']:,} petitions, {self.totals['events']:,} events"
            )
        log(f"[{self.elapsed()}] VACUUM ANALYZE …")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--communes", type=int, default=30)
    parser.add_argument("--petitions", type=int, default=200_000)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--events", type=int, default=3, choices=range(4), help="timeline events per petition (0–3)"
    )
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument(
        "--reset", action="store_true", help="drop and recreate the bench database first"
    )
    args = parser.parse_args(argv)
    if args.communes < 1 or args.petitions < args.communes:
        parser.error("need at least one commune and one petition per commune")

    started = time.perf_counter()
    ensure_database(args.database_url, reset=args.reset)
    setup_django(args.database_url, DEBUG="false")
    from django.core.management import call_command

    from danvan.petitions.models import Petition

    log("Migrating …")
    call_command("migrate", verbosity=0, interactive=False)
    if Petition.objects.exists():
        raise SystemExit("The bench database already holds petitions: run again with --reset.")
    generator = Generator(args)
    generator.run()
    totals = generator.totals
    log(
        "Rows: "
        + ", ".join(
            f"{key} {totals[key]:,}"
            for key in ("communes", "units", "users", "citizens", "petitions", "events", "clocks")
        )
    )
    log(
        "By kind: "
        + ", ".join(f"{k[5:]} {v:,}" for k, v in sorted(totals.items()) if k.startswith("kind:"))
    )
    log(
        "By status: "
        + ", ".join(f"{k[7:]} {v:,}" for k, v in sorted(totals.items()) if k.startswith("status:"))
    )
    print(
        f"Generated {totals['petitions']:,} petitions in {args.communes} communes "
        f"in {time.perf_counter() - started:.1f}s total"
    )


if __name__ == "__main__":
    main()
