"""The written notice of a refusal to receive (Thông báo từ chối tiếp công dân, Luật Tiếp công dân
2013 Art 9; TT 04/2021/TT-TTCP Art 4), drafted through the documents app. The document is in
Vietnamese whatever the interface language: it is an official paper.

The wording of Art 9 below is the base text as widely quoted [K in DOMAIN §4.5]; check it against
the official text before go-live."""

from __future__ import annotations

from django.utils import timezone

from danvan.core.models import Commune
from danvan.documents.rendering.dates import format_date_long

from .models import ReceptionVisit, RefusalGround

REFUSAL_NOTICE_TITLE = "Thông báo về việc từ chối tiếp công dân"
# Luật Tiếp công dân 2013, Art 9, clause by clause (DOMAIN §4.5): the wording printed on the notice.
REFUSAL_GROUND_TEXT = {
    RefusalGround.INTOXICATED_OR_INCAPABLE: (
        1,
        "người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần hoặc một "
        "bệnh khác làm mất khả năng nhận thức hoặc khả năng điều khiển hành vi của mình",
    ),
    RefusalGround.THREATENS_OR_VIOLATES_RULES: (
        2,
        "người có hành vi đe dọa, xúc phạm cơ quan, tổ chức, đơn vị, người tiếp công dân, người "
        "thi hành công vụ hoặc có hành vi khác vi phạm nội quy nơi tiếp công dân",
    ),
    RefusalGround.PERSISTS_AFTER_FINAL_RESOLUTION: (
        3,
        "người khiếu nại, tố cáo về vụ việc đã giải quyết đúng chính sách, pháp luật, được cơ "
        "quan nhà nước có thẩm quyền kiểm tra, rà soát, thông báo bằng văn bản và đã được tiếp, "
        "giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài",
    ),
    RefusalGround.OTHER_BY_LAW: (4, "trường hợp khác theo quy định của pháp luật"),
}


def refusal_body(
    commune: Commune, visit: ReceptionVisit, addressee: str, ground: str, note: str
) -> list[dict[str, str]]:
    clause, wording = REFUSAL_GROUND_TEXT[RefusalGround(ground)]
    local = timezone.localtime(visit.visited_at)
    lines = [
        "Căn cứ Luật Tiếp công dân số 42/2013/QH13, được sửa đổi, bổ sung bởi Luật số "
        "136/2025/QH15;",
        "Căn cứ Thông tư số 04/2021/TT-TTCP của Thanh tra Chính phủ quy định quy trình tiếp "
        "công dân;",
        f"Ủy ban nhân dân {commune.get_kind_display().lower()} {commune.name} thông báo từ chối "
        f"tiếp {addressee} đến nơi tiếp công dân vào hồi {local:%H} giờ {local:%M} phút, "
        f"{format_date_long(local.date())}.",
        f"Lý do: thuộc trường hợp {wording}, theo khoản {clause} Điều 9 Luật Tiếp công dân.",
    ]
    if note.strip():
        lines.append(f"Cụ thể: {note.strip()}")
    if ground in (
        RefusalGround.INTOXICATED_OR_INCAPABLE,
        RefusalGround.THREATENS_OR_VIOLATES_RULES,
    ):
        lines.append(
            "Khi không còn thuộc trường hợp nêu trên, công dân có thể đến nơi tiếp công dân để "
            "trình bày theo quy định của pháp luật."
        )
    return [{"kind": "paragraph", "text": line} for line in lines]
