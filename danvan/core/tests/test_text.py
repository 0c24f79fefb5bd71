from hypothesis import given
from hypothesis import strategies as st

from danvan.core.text import fold


def test_fold_removes_diacritics_and_folds_d() -> None:
    assert fold("Đơn KHIẾU NẠI  số 05/BC-UBND") == "don khieu nai so 05/bc-ubnd"
    assert fold("Phòng Văn hoá - Xã hội") == fold("phong van hoa - xa hoi")
    assert fold("đường Điện Biên") == "duong dien bien"
    assert fold(None) == ""


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
