"""Vietnamese names, places and petition texts for the benchmark data set.

Texts are assembled from templates by topic (land, roads and flooding, environment, social
welfare, officials' conduct) and by kind (phản ánh, kiến nghị, khiếu nại, tố cáo, yêu cầu cung
cấp thông tin), with the commune's own village names, so that search and ranking see text shaped
like the real thing."""

from __future__ import annotations

import random
from dataclasses import dataclass

# --- people ----------------------------------------------------------------------------------
# Family names with their rough share of the population.
FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 1.5),
    ("Phan", 4.5),
    ("Vũ", 3.9),
    ("Võ", 1.5),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Đào", 0.8),
    ("Đinh", 0.7),
    ("Lương", 0.5),
    ("Trịnh", 0.5),
    ("Mai", 0.4),
    ("Tạ", 0.3),
    ("Cao", 0.4),
    ("Lưu", 0.3),
    ("Hà", 0.5),
    ("Tô", 0.3),
    ("Chu", 0.3),
    ("Vương", 0.2),
    ("Khúc", 0.1),
    ("Nghiêm", 0.1),
]
MIDDLE_MALE = [
    "Văn",
    "Văn",
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quang",
    "Công",
    "Xuân",
    "Thanh",
    "Ngọc",
    "Đình",
    "Trọng",
    "Quốc",
    "Bá",
    "Tiến",
    "Anh",
    "Hoàng",
    "Mạnh",
    "Duy",
]
MIDDLE_FEMALE = [
    "Thị",
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thu",
    "Thanh",
    "Minh",
    "Kim",
    "Thùy",
    "Phương",
    "Hồng",
    "Diệu",
    "Mai",
    "Bảo",
    "Hải",
    "Khánh",
    "Lan",
]
GIVEN_MALE = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Đông",
    "Hải",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Lâm",
    "Long",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Hưng",
    "Lợi",
    "Tâm",
    "Thái",
    "Chiến",
    "Đức",
    "Kiên",
    "Lực",
    "Nhân",
    "Phú",
    "Sáng",
    "Thuận",
    "Tiến",
    "Trường",
    "Vượng",
    "Khải",
]
GIVEN_FEMALE = [
    "Anh",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hồng",
    "Huệ",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
    "Dung",
    "Thu",
    "Hiền",
    "Lý",
    "Nhàn",
    "Cúc",
    "Đào",
    "Huyền",
    "My",
    "Chi",
    "Giang",
    "Thơm",
    "Xuân",
    "Bích",
    "Duyên",
    "Hậu",
    "Lụa",
    "Mến",
    "Nguyệt",
    "Sen",
    "Tâm",
    "Thắm",
    "Uyên",
    "Vui",
]

_FAMILY, _FAMILY_WEIGHTS = zip(*FAMILY_NAMES, strict=True)


def person_name(rng: random.Random) -> tuple[str, bool]:
    """A full name and whether it is a man's name."""
    family = rng.choices(_FAMILY, _FAMILY_WEIGHTS)[0]
    male = rng.random() < 0.52
    middle = rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
    given = rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
    if rng.random() < 0.08:  # a four-word name
        middle = f"{middle} {rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)}"
        if middle.split()[0] == middle.split()[1]:
            middle = middle.split()[0]
    return f"{family} {middle} {given}", male


def phone(rng: random.Random) -> str:
    prefix = rng.choice(
        [
            "090",
            "091",
            "093",
            "094",
            "096",
            "097",
            "098",
            "086",
            "088",
            "083",
            "035",
            "036",
            "037",
            "038",
            "039",
            "070",
            "077",
            "081",
            "084",
            "085",
        ]
    )
    return prefix + "".join(rng.choice("0123456789") for _ in range(7))


def id_number(rng: random.Random, province_code: str, male: bool) -> str:
    """A 12-digit citizen identity card number (CCCD): province, century and sex, birth year."""
    year = rng.randint(1940, 2006)
    century_sex = (0 if male else 1) + (2 if year >= 2000 else 0)
    return f"0{province_code[:2]:0>2}{century_sex}{year % 100:02d}{rng.randint(0, 999_999):06d}"


# --- places ----------------------------------------------------------------------------------
COMMUNE_NAMES = [
    "An Quang",
    "Tân Tiến",
    "Hòa Bình",
    "Vĩnh Long",
    "Quang Trung",
    "Đông Hải",
    "Tây Sơn",
    "Phú Lương",
    "Thanh Hà",
    "Minh Đức",
    "Hưng Đạo",
    "Đại Thắng",
    "Kiến Quốc",
    "Tiên Lãng",
    "Ngũ Lão",
    "Lê Lợi",
    "Hồng Phong",
    "Thủy Sơn",
    "Lạc Viên",
    "Cát Hải",
    "Trường Sơn",
    "Bạch Đằng",
    "Quyết Tiến",
    "Đoàn Kết",
    "Nam Sơn",
    "Bắc Hà",
    "Thái Sơn",
    "Kim Thành",
    "An Lão",
    "Chiến Thắng",
    "Tân Dân",
    "Mỹ Đức",
    "Hải Thành",
    "Vĩnh Bảo",
    "Đồng Thái",
    "Tam Cường",
    "Cổ Am",
    "Hùng Thắng",
    "Liên Minh",
    "Phù Ninh",
]
VILLAGE_NAMES = [
    "Đông",
    "Đoài",
    "Thượng",
    "Hạ",
    "Trung",
    "Nam",
    "Bắc",
    "An Lạc",
    "An Phú",
    "Đồng Hòa",
    "Phú Mỹ",
    "Cao Xá",
    "Lương Điền",
    "Hòa Bình",
    "Tân Lập",
    "Phúc Lộc",
    "Vĩnh Lại",
    "Kim Sơn",
    "Đại Đồng",
    "Mỹ Lộc",
    "Trại Mới",
    "Đống Cao",
    "Bình An",
    "Lạc Dục",
    "Quang Thượng",
    "Quang Hạ",
    "Tiên Hội",
    "Xuân Áng",
    "Hà Phương",
    "Tiền Phong",
]
ROADS = [
    "trục xã",
    "liên thôn",
    "ĐH.10",
    "ĐT.354",
    "ĐT.362",
    "Nguyễn Văn Linh",
    "Trần Hưng Đạo",
    "Lê Lợi",
    "Hùng Vương",
    "ra đồng Mẫu",
    "ven đê sông Văn Úc",
    "Tỉnh lộ 17",
]
BUSINESSES = [
    "xưởng gỗ Hưng Thịnh",
    "Công ty TNHH Thành Đạt",
    "cơ sở tái chế nhựa Phú Lợi",
    "lò gạch Đông Hải",
    "xưởng cơ khí Minh Phát",
    "trang trại lợn Hòa Bình",
    "cơ sở chế biến thủy sản Ngọc Hà",
    "xưởng may Việt Tiến",
    "bãi tập kết cát Quyết Thắng",
]
POSITIONS = [
    "công chức địa chính – xây dựng",
    "công chức tư pháp – hộ tịch",
    "cán bộ Bộ phận một cửa",
    "kế toán ngân sách xã",
    "trưởng thôn",
    "công chức văn hóa – xã hội",
    "cán bộ phụ trách lao động – thương binh",
]
PLACE_SHAPES = [
    "{thon}",
    "{thon}",
    "đường trục {thon}",
    "cánh đồng {thon}",
    "xóm Chùa, {thon}",
    "kênh tiêu {thon}",
    "khu dân cư mới {thon}",
    "ngõ 3, {thon}",
    "nhà văn hóa {thon}",
]
OTHER_BODIES = [
    "Tòa án nhân dân khu vực 5 – Hải Phòng",
    "Thanh tra thành phố",
    "Công an xã",
    "Sở Nông nghiệp và Môi trường",
    "Chi nhánh Văn phòng đăng ký đất đai",
    "Sở Xây dựng",
    "Bảo hiểm xã hội cơ sở",
    "Ủy ban Kiểm tra Đảng ủy xã",
]
FORWARDERS = {
    "agency": ["Thanh tra thành phố", "Văn phòng UBND thành phố", "Sở Nông nghiệp và Môi trường"],
    "front": ["Ủy ban MTTQ Việt Nam xã", "Hội Nông dân xã", "Hội Cựu chiến binh xã"],
    "deputy": ["Đại biểu HĐND thành phố", "Đoàn Đại biểu Quốc hội thành phố"],
    "press": ["Báo Hải Phòng", "Đài Phát thanh và Truyền hình Hải Phòng", "Báo Nhân Dân"],
}


# --- texts -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Topic:
    key: str
    field: str  # petitions.models.Field
    unit: str  # short name of the office that usually handles it
    feedback: tuple[str, ...]  # "Phản ánh …"
    recommendation: tuple[str, ...]  # "Kiến nghị …"
    complaint: tuple[str, ...]  # "Khiếu nại …"
    denunciation: tuple[str, ...]  # "Tố cáo …"
    info: tuple[str, ...]  # "Đề nghị cung cấp thông tin …"
    details: tuple[str, ...]  # sentences for the content


TOPICS: list[Topic] = [
    Topic(
        "land",
        "land",
        "KT",
        feedback=(
            "việc hộ ông {ten} lấn chiếm đất công tại {thon}",
            "việc chậm cấp Giấy chứng nhận quyền sử dụng đất cho hộ gia đình tại {thon}",
            "tranh chấp ranh giới thửa đất số {thua}, tờ bản đồ số {to} tại {thon}",
            "việc san lấp đất nông nghiệp trái phép tại cánh đồng {thon}",
        ),
        recommendation=(
            "xem xét cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất số {thua} tại {thon}",
            "đo đạc lại diện tích đất ở của gia đình tại {thon}",
            "giải quyết dứt điểm tranh chấp ranh giới đất với hộ liền kề tại {thon}",
        ),
        complaint=(
            "Quyết định số {so}/QĐ-UBND về việc thu hồi đất tại {thon}",
            "việc bồi thường, hỗ trợ khi giải phóng mặt bằng dự án mở rộng đường {duong}",
            "Quyết định xử phạt vi phạm hành chính về đất đai số {so}/QĐ-XPHC",
        ),
        denunciation=(
            "công chức địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm tại {thon}",
            "việc giao đất trái thẩm quyền tại khu đồng {thon}",
        ),
        info=(
            "về quy hoạch sử dụng đất năm {nam} của xã",
            "về phương án bồi thường, hỗ trợ, tái định cư dự án đường {duong}",
        ),
        details=(
            "Thửa đất số {thua}, tờ bản đồ số {to}, diện tích khoảng {dt} m² gia đình sử dụng ổn định từ năm {cu}.",
            "Năm {nam_truoc}, hộ liền kề tự ý xây tường rào lấn sang khoảng {lan} m² đất của gia đình.",
            "Hồ sơ đề nghị cấp Giấy chứng nhận đã nộp tại Bộ phận một cửa từ tháng {thang}/{nam_truoc} nhưng đến nay chưa có kết quả.",
            "Việc đổ đất san lấp diễn ra vào ban đêm, xe tải chở đất làm hư hỏng đường liên thôn.",
            "Mức bồi thường {gia} đồng/m² thấp hơn nhiều so với giá thị trường tại khu vực.",
        ),
    ),
    Topic(
        "flood",
        "social",
        "KT",
        feedback=(
            "tình trạng ngập nước kéo dài trên đường trục {thon} sau mỗi trận mưa",
            "cống thoát nước tại {thon} bị tắc gây ngập nước khu dân cư",
            "mặt đường liên thôn đoạn qua {thon} xuống cấp, nhiều ổ gà",
            "hệ thống đèn chiếu sáng đường {duong} bị hỏng nhiều tháng",
        ),
        recommendation=(
            "nạo vét kênh mương, khơi thông dòng chảy chống ngập nước tại {thon}",
            "sớm sửa chữa, nâng cấp tuyến đường {duong} đoạn qua {thon}",
            "lắp đặt biển báo, gờ giảm tốc tại ngã ba {thon}",
        ),
        complaint=(
            "việc thu tiền đóng góp xây dựng đường giao thông nông thôn tại {thon}",
            "Quyết định số {so}/QĐ-UBND về việc phê duyệt danh sách hộ đóng góp làm đường {duong}",
        ),
        denunciation=(
            "nhà thầu thi công đường {duong} sử dụng vật liệu kém chất lượng, bớt xén khối lượng",
            "việc nghiệm thu khống công trình rãnh thoát nước tại {thon}",
        ),
        info=(
            "về dự toán và tiến độ công trình nâng cấp đường {duong}",
            "về kế hoạch phòng, chống ngập nước mùa mưa bão năm {nam}",
        ),
        details=(
            "Sau trận mưa ngày {ngay}/{thang}, nước ngập sâu khoảng {sau} cm, nhiều hộ phải kê đồ đạc lên cao.",
            "Rãnh thoát nước dọc đường bị lấp đầy rác và bùn đất, nước không thoát được ra kênh.",
            "Đoạn đường dài khoảng {dai} m xuất hiện nhiều ổ gà, học sinh đi lại rất nguy hiểm.",
            "Ngập nước kéo dài làm hư hỏng hoa màu của hàng chục hộ dân ven đường.",
            "Nhân dân đã đóng góp {gop} đồng/khẩu nhưng công trình thi công chậm, chưa hoàn thành.",
        ),
    ),
    Topic(
        "environment",
        "environment",
        "KT",
        feedback=(
            "việc {cs} tại {thon} xả nước thải chưa qua xử lý ra kênh",
            "rác thải sinh hoạt tại {thon} không được thu gom, bốc mùi hôi thối",
            "trang trại chăn nuôi lợn tại {thon} gây ô nhiễm không khí",
            "{cs} hoạt động gây tiếng ồn, khói bụi vào ban đêm",
        ),
        recommendation=(
            "bố trí thêm điểm tập kết rác và tăng tần suất thu gom tại {thon}",
            "kiểm tra, xử lý việc xả thải của {cs}",
            "di dời {cs} ra khỏi khu dân cư {thon}",
        ),
        complaint=(
            "Quyết định số {so}/QĐ-XPHC về việc xử phạt vi phạm hành chính trong lĩnh vực môi trường",
        ),
        denunciation=(
            "{cs} đổ trộm chất thải công nghiệp tại bãi đất trống {thon}",
            "cán bộ xã bao che cho {cs} gây ô nhiễm môi trường",
        ),
        info=("về kết quả quan trắc môi trường khu vực {thon}",),
        details=(
            "Nước thải màu đen, bốc mùi chảy thẳng ra kênh tưới tiêu của {thon}.",
            "Rác thải đã ba tuần không được thu gom, ruồi muỗi phát sinh, ảnh hưởng sức khỏe người dân.",
            "Tiếng ồn kéo dài từ 22 giờ đến 2 giờ sáng, người già và trẻ nhỏ không ngủ được.",
            "Mùi hôi từ khu chuồng trại lan rộng khắp xóm, nhất là khi trời nồm.",
            "Nhiều hộ phải dùng nước giếng khoan có mùi lạ, đề nghị lấy mẫu kiểm tra.",
        ),
    ),
    Topic(
        "welfare",
        "welfare",
        "VHXH",
        feedback=(
            "việc bình xét hộ nghèo, hộ cận nghèo năm {nam} tại {thon} chưa công khai, minh bạch",
            "việc chậm chi trả trợ cấp xã hội cho người cao tuổi tại {thon}",
            "việc gia đình chưa được hỗ trợ sau thiệt hại do bão số {bao}",
            "việc chế độ người có công với cách mạng của gia đình chưa được giải quyết",
        ),
        recommendation=(
            "xem xét hỗ trợ sửa chữa nhà ở cho hộ nghèo tại {thon}",
            "giải quyết chế độ trợ cấp cho thân nhân liệt sĩ",
            "cấp thẻ bảo hiểm y tế cho người thuộc hộ cận nghèo tại {thon}",
        ),
        complaint=(
            "việc không đưa gia đình vào danh sách hộ nghèo năm {nam}",
            "Quyết định số {so}/QĐ-UBND về việc thôi hưởng trợ cấp xã hội hằng tháng",
        ),
        denunciation=(
            "trưởng thôn {thon} lập danh sách khống để nhận tiền hỗ trợ",
            "việc chiếm dụng tiền hỗ trợ thiệt hại do bão tại {thon}",
        ),
        info=(
            "về danh sách hộ nghèo, hộ cận nghèo năm {nam} của {thon}",
            "về chính sách hỗ trợ người có công năm {nam}",
        ),
        details=(
            "Gia đình có {khau} nhân khẩu, thu nhập bấp bênh, chồng bị tai nạn lao động mất sức lao động.",
            "Bố tôi đã {tuoi} tuổi, thuộc diện hưởng trợ cấp nhưng từ tháng {thang} đến nay chưa nhận được tiền.",
            "Cuộc họp bình xét ở thôn không thông báo rộng rãi, nhiều hộ khó khăn không được đưa vào danh sách.",
            "Nhà bị tốc mái sau bão, gia đình đã báo trưởng thôn nhưng chưa có đoàn kiểm tra.",
        ),
    ),
    Topic(
        "conduct",
        "other",
        "VP",
        feedback=(
            "thái độ thiếu tôn trọng của công chức tại Bộ phận một cửa khi tiếp công dân",
            "việc hồ sơ chứng thực, đăng ký hộ tịch bị giải quyết chậm so với giấy hẹn",
            "việc {chuc_danh} yêu cầu nộp thêm giấy tờ không đúng quy định",
        ),
        recommendation=(
            "chấn chỉnh tác phong, thái độ phục vụ của cán bộ Bộ phận một cửa",
            "công khai thủ tục, lệ phí tại Trung tâm Phục vụ hành chính công",
        ),
        complaint=(
            "hành vi của {chuc_danh} không tiếp nhận hồ sơ đăng ký thường trú",
            "việc từ chối cấp bản sao trích lục khai sinh",
        ),
        denunciation=(
            "ông {ten}, {chuc_danh}, có hành vi nhận tiền của người dân khi giải quyết hồ sơ",
            "{chuc_danh} lợi dụng chức vụ trục lợi trong việc xác nhận hồ sơ xây dựng",
        ),
        info=("về quy trình, thời hạn giải quyết thủ tục đăng ký hộ tịch",),
        details=(
            "Ngày {ngay}/{thang}/{nam}, tôi đến nộp hồ sơ nhưng bị yêu cầu bổ sung nhiều lần, mỗi lần một loại giấy tờ khác nhau.",
            "Giấy hẹn trả kết quả ngày {ngay}/{thang} nhưng quá hạn hơn {tre} ngày vẫn chưa có kết quả, không có văn bản xin lỗi.",
            "Cán bộ có thái độ gắt gỏng, không hướng dẫn cụ thể cho người dân.",
            'Có biểu hiện gợi ý người dân "bồi dưỡng" để hồ sơ được giải quyết nhanh.',
        ),
    ),
]
TOPIC_WEIGHTS = {
    # kind: weights for TOPICS in order (land, flood, environment, welfare, conduct)
    "feedback": (18, 34, 26, 14, 8),
    "recommendation": (20, 34, 20, 20, 6),
    "complaint": (55, 8, 7, 22, 8),
    "denunciation": (30, 14, 16, 18, 22),
    "info_request": (40, 20, 10, 25, 5),
}

INFO_DETAILS = (
    "Thông tin cần cho việc gia đình chuẩn bị hồ sơ và thực hiện quyền, nghĩa vụ của công dân.",
    "Tôi đã tìm trên Cổng thông tin điện tử của xã nhưng chưa thấy công khai nội dung này.",
    "Đề nghị cung cấp bản sao văn bản, kèm danh sách và bản đồ (nếu có).",
    "Tôi cam kết sử dụng thông tin đúng mục đích, không vi phạm quy định tại Điều 11 Luật Tiếp cận thông tin.",
)
KIND_OPENERS = {
    "feedback": "Phản ánh ",
    "recommendation": "Kiến nghị ",
    "complaint": "Khiếu nại ",
    "denunciation": "Tố cáo ",
    "info_request": "Đề nghị cung cấp thông tin ",
}
CLOSINGS = {
    "feedback": "Kính đề nghị UBND xã kiểm tra, xử lý dứt điểm để người dân yên tâm sinh sống.",
    "recommendation": "Kính đề nghị UBND xã quan tâm, xem xét giải quyết.",
    "complaint": "Tôi không đồng ý và đề nghị Chủ tịch UBND xã xem xét lại, giải quyết theo quy định của pháp luật.",
    "denunciation": "Đề nghị cơ quan có thẩm quyền xác minh, xử lý nghiêm và giữ bí mật thông tin người tố cáo.",
    "info_request": "Đề nghị cung cấp bản sao tài liệu qua đường bưu điện hoặc thư điện tử.",
}
HISTORY = [
    "Gia đình đã nhiều lần báo với trưởng thôn nhưng chưa được giải quyết.",
    "Việc này đã được phản ánh tại buổi tiếp xúc cử tri tháng {thang}/{nam_truoc} nhưng chưa có chuyển biến.",
    "Ban công tác Mặt trận thôn đã lập biên bản ghi nhận sự việc.",
    "Nhiều hộ dân trong xóm cùng có ý kiến như trên.",
    "",
    "",
]


def _fill(template: str, rng: random.Random, village: str, commune: str, year: int) -> str:
    return template.format(
        thon=village,
        xa=commune,
        ten=person_name(rng)[0],
        so=rng.randint(12, 980),
        thua=rng.randint(1, 420),
        to=rng.randint(1, 38),
        dt=rng.randint(60, 900),
        lan=rng.randint(3, 40),
        cu=rng.randint(1975, 2005),
        nam=year,
        nam_truoc=year - 1,
        thang=rng.randint(1, 12),
        ngay=rng.randint(1, 28),
        gia=f"{rng.randint(8, 60) * 50_000:,}".replace(",", "."),
        duong=rng.choice(ROADS),
        cs=rng.choice(BUSINESSES),
        chuc_danh=rng.choice(POSITIONS),
        sau=rng.randint(20, 80),
        dai=rng.randint(200, 1500),
        gop=f"{rng.randint(1, 10) * 100_000:,}".replace(",", "."),
        bao=rng.randint(1, 5),
        khau=rng.randint(3, 8),
        tuoi=rng.randint(80, 96),
        tre=rng.randint(3, 30),
    )


def petition_text(
    rng: random.Random, kind: str, *, village: str, commune: str, year: int, signer: str | None
) -> tuple[Topic, str, str, str]:
    """(topic, summary, content, place) for one petition of `kind` concerning `village` of
    `commune` (as written in a letter: "xã An Quang", "phường Tân Tiến")."""
    topic = rng.choices(TOPICS, TOPIC_WEIGHTS[kind])[0]
    phrases = {
        "feedback": topic.feedback,
        "recommendation": topic.recommendation,
        "complaint": topic.complaint,
        "denunciation": topic.denunciation,
        "info_request": topic.info,
    }[kind]
    subject = _fill(rng.choice(phrases), rng, village, commune, year)
    summary = (KIND_OPENERS[kind] + subject)[:300]
    if kind == "denunciation":
        opening = "Người tố cáo trình bày:"
    elif signer:
        opening = f"Tôi là {signer}, trú tại {village}, {commune}."
    else:
        opening = f"Thông tin không ghi rõ người gửi, liên quan đến {village}, {commune}."
    pool = INFO_DETAILS if kind == "info_request" else topic.details
    details = rng.sample(pool, k=min(len(pool), rng.randint(2, 3)))
    body = " ".join(_fill(d, rng, village, commune, year) for d in details)
    history = _fill(rng.choice(HISTORY), rng, village, commune, year)
    content = " ".join(
        part for part in (opening, f"Nội dung: {subject}.", body, history, CLOSINGS[kind]) if part
    )
    place = rng.choice(PLACE_SHAPES).format(thon=village)
    return topic, summary, content, place


ANSWERS = [
    "UBND xã đã giao {unit} kiểm tra thực tế tại {thon}; kết quả: đã xử lý dứt điểm, thông báo cho công dân.",
    "Sau khi kiểm tra, UBND xã đã chỉ đạo khắc phục trong tháng {thang}/{nam}; đề nghị công dân phối hợp giám sát.",
    "Nội dung phản ánh đúng một phần; UBND xã đã yêu cầu các bên liên quan khắc phục và báo cáo kết quả.",
    "Thông tin được cung cấp kèm bản sao tài liệu theo yêu cầu.",
]
LEGAL_GROUNDS = [
    "Điều 11 Luật Khiếu nại 2011 (khiếu nại đã có quyết định giải quyết có hiệu lực)",
    "Khoản 2 Điều 25 Luật Tố cáo 2018",
    "Điều 6 Luật Tiếp cận thông tin 2016 (thông tin công dân không được tiếp cận)",
    "Thông tư 05/2021/TT-TTCP, Điều 6 (đơn không đủ điều kiện xử lý)",
]


def answer_text(rng: random.Random, unit: str, village: str, year: int) -> str:
    return rng.choice(ANSWERS).format(unit=unit, thon=village, thang=rng.randint(1, 12), nam=year)
