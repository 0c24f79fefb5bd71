"""Document types and their abbreviations (Nghị định 30/2020, Phụ lục III; DOMAIN §11.5).

A Công văn has no type abbreviation: its symbol is {issuer}-{drafting unit}."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    BAO_CAO = "BC", "Báo cáo"
    KE_HOACH = "KH", "Kế hoạch"
    CHUONG_TRINH = "CTr", "Chương trình"
    QUYET_DINH = "QĐ", "Quyết định"
    THONG_BAO = "TB", "Thông báo"
    TO_TRINH = "TTr", "Tờ trình"
    HUONG_DAN = "HD", "Hướng dẫn"
    BIEN_BAN = "BB", "Biên bản"
    GIAY_MOI = "GM", "Giấy mời"
    QUY_CHE = "QC", "Quy chế"
    CHI_THI = "CT", "Chỉ thị"
    NGHI_QUYET = "NQ", "Nghị quyết"
    PHUONG_AN = "PA", "Phương án"
    KET_LUAN = "KL", "Kết luận"
    CONG_VAN = "CV", _("Công văn (no type name)")

    @property
    def type_name(self) -> str | None:
        """The printed type name, upper case; None for a Công văn."""
        return None if self is DocType.CONG_VAN else str(self.label).upper()


def build_symbol(doc_type: str, issuer_code: str, drafting_unit_code: str = "") -> str:
    """ "BC-UBND"; for a Công văn "UBND-VHXH" (DOMAIN §11.4)."""
    if doc_type == DocType.CONG_VAN:
        return f"{issuer_code}-{drafting_unit_code}" if drafting_unit_code else issuer_code
    return f"{doc_type}-{issuer_code}"
