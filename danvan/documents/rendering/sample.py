"""A realistic sample document, used by the tests and to produce the screenshot in docs/.

Run ``python -m danvan.documents.rendering.sample out.pdf`` (or ``out.docx``) to print it.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from .spec import Block, BulletList, DocumentSpec, Heading, Paragraph, Signature, Table

__all__ = ["sample_report_spec"]


def sample_report_spec() -> DocumentSpec:
    """BÁO CÁO sơ kết 6 tháng công tác dân vận chính quyền 2026 of UBND xã An Quang."""
    body: list[Block] = [
        Paragraph(
            "Thực hiện Kế hoạch số 05/KH-UBND ngày 08 tháng 01 năm 2026 của Ủy ban nhân dân xã "
            "về thực hiện công tác dân vận chính quyền năm 2026, Ủy ban nhân dân xã An Quang "
            "báo cáo kết quả 6 tháng đầu năm 2026 như sau:"
        ),
        Heading(1, "I. Kết quả thực hiện 6 tháng đầu năm 2026"),
        Heading(2, "1. Công tác lãnh đạo, chỉ đạo"),
        Paragraph(
            "Ủy ban nhân dân xã đã ban hành kế hoạch, phân công cán bộ, công chức phụ trách "
            "từng thôn; lồng ghép nội dung dân vận chính quyền trong các cuộc họp giao ban "
            "hằng tháng. Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân xã duy trì lịch tiếp công "
            "dân định kỳ, đối thoại trực tiếp với Nhân dân về những vấn đề được quan tâm."
        ),
        Heading(2, "2. Thực hiện dân chủ ở cơ sở"),
        Paragraph(
            "Các nội dung công khai để Nhân dân biết, bàn, quyết định, kiểm tra, giám sát được "
            "niêm yết tại trụ sở Ủy ban nhân dân xã, nhà văn hóa các thôn và trên trang thông "
            "tin điện tử của xã. Trong kỳ, xã tổ chức 02 hội nghị đối thoại với Nhân dân về "
            "đền bù, giải phóng mặt bằng tuyến đường liên xã và phương án cải tạo kênh tưới."
        ),
        Heading(2, "3. Tiếp công dân, giải quyết đơn thư"),
        Paragraph(
            "Trong 6 tháng, Ủy ban nhân dân xã tiếp 47 lượt công dân; tiếp nhận 18 đơn kiến "
            "nghị, phản ánh, đã giải quyết 16 đơn (đạt 88,9%), 02 đơn đang trong thời hạn "
            "giải quyết. Không phát sinh khiếu nại đông người, vượt cấp."
        ),
        Heading(2, '4. Phong trào thi đua "Dân vận khéo"'),
        Paragraph(
            'Toàn xã đăng ký 12 mô hình, điển hình "Dân vận khéo"; kết quả theo lĩnh vực như sau:'
        ),
        Table(
            header=["Lĩnh vực", "Đăng ký", "Đã công nhận"],
            rows=[
                ["Kinh tế", "4", "2"],
                ["Văn hóa - xã hội", "3", "2"],
                ["Quốc phòng, an ninh", "2", "1"],
                ["Xây dựng hệ thống chính trị", "3", "1"],
                ["Tổng cộng", "12", "6"],
            ],
        ),
        Heading(1, "II. Đánh giá chung"),
        Heading(2, "1. Ưu điểm"),
        Paragraph(
            "Nhận thức của cán bộ, công chức về công tác dân vận chính quyền được nâng lên; "
            "tác phong, lề lối làm việc có chuyển biến tích cực; mối quan hệ giữa chính quyền "
            "với Nhân dân ngày càng gắn bó."
        ),
        Heading(2, "2. Hạn chế, nguyên nhân"),
        Paragraph(
            "Một số thôn chưa cập nhật kịp thời nội dung công khai; việc nhân rộng mô hình "
            '"Dân vận khéo" còn chậm. Nguyên nhân chủ yếu do khối lượng công việc sau sắp xếp '
            "đơn vị hành chính lớn, đội ngũ cán bộ kiêm nhiệm nhiều việc."
        ),
        Heading(1, "III. Phương hướng, nhiệm vụ 6 tháng cuối năm 2026"),
        BulletList(
            [
                "Tiếp tục thực hiện nghiêm Luật Thực hiện dân chủ ở cơ sở; công khai đầy đủ, "
                "kịp thời các nội dung theo quy định.",
                "Nâng cao chất lượng tiếp công dân, đối thoại và giải quyết dứt điểm đơn thư "
                "ngay từ cơ sở.",
                'Hướng dẫn, theo dõi các mô hình "Dân vận khéo" đã đăng ký; đề nghị công nhận '
                "và khen thưởng kịp thời.",
            ]
        ),
        Paragraph(
            "Trên đây là báo cáo kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026 "
            "của Ủy ban nhân dân xã An Quang./."
        ),
    ]
    return DocumentSpec(
        issuer_lines=["Ủy ban nhân dân", "Xã An Quang"],
        number=45,
        symbol="BC-UBND",
        place="An Quang",
        issued_on=date(2026, 6, 12),
        doc_type_name="Báo cáo",
        title=(
            "Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2026; "
            "phương hướng, nhiệm vụ 6 tháng cuối năm 2026"
        ),
        body=body,
        signature=Signature(
            authority_lines=["TM. Ủy ban nhân dân", "Chủ tịch"],
            signer_name="Nguyễn Quốc Thịnh",
        ),
        recipients=[
            "Sở Nội vụ thành phố Hải Phòng",
            "TTĐU, TTHĐND xã",
            "CT, các PCT UBND xã",
        ],
        drafting_unit="VHXH",
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].endswith((".pdf", ".docx")):
        print("usage: python -m danvan.documents.rendering.sample OUT.pdf|OUT.docx")
        return 2
    target = Path(argv[0])
    spec = sample_report_spec()
    if target.suffix == ".pdf":
        from .pdf import render_pdf

        target.write_bytes(render_pdf(spec))
    else:
        from .docx import render_docx

        target.write_bytes(render_docx(spec))
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
