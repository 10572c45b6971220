"""Letters written for the desk's tests (our own text, on real formats), and helpers to run the app."""
# ruff: noqa: E501  (letters keep their paragraphs on one line, as clerks receive them)

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

from .conftest import SAMPLE_LETTER

TOKEN = "ma-thu-nghiem-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

CHI_THI = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM

Số: 05/CT-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Nam, ngày 28 tháng 02 năm 2024

CHỈ THỊ
Về đẩy mạnh chuyển đổi số trong cơ quan nhà nước năm 2024

Để đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan nhà nước, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:

1. Giám đốc các sở, ban, ngành hoàn thành việc số hóa hồ sơ công việc trước ngày 30/6/2024.

2. Sở Thông tin và Truyền thông chủ trì, phối hợp với Văn phòng UBND tỉnh hướng dẫn sử dụng chữ ký số; báo cáo kết quả hằng quý.

Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.

CHỦ TỊCH

Trần Văn Bình
"""

SCRIPT_LETTER = """ỦY BAN NHÂN DÂN HUYỆN KIM BẢNG
VĂN PHÒNG

Số: 88/VP-TH
V/v kiểm tra mã <script>alert('xss')</script> trên cổng thông tin

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Kim Bảng, ngày 02 tháng 4 năm 2024

Kính gửi: Trung tâm Văn hóa, Thông tin và Thể thao huyện.

Qua rà soát, cổng thông tin điện tử của huyện có bài viết chứa đoạn mã <script>alert('xss')</script> và thẻ <img src=x onerror="window.__xss=1">. Chánh Văn phòng yêu cầu Trung tâm Văn hóa, Thông tin và Thể thao huyện thực hiện các nội dung sau:

1. Kiểm tra, gỡ bỏ đoạn mã <b>lạ</b> khỏi cổng thông tin trước ngày 05/4/2024.

2. Báo cáo kết quả kiểm tra về Văn phòng trước ngày 10/4/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHÁNH VĂN PHÒNG

Lê Thị Hoa
"""


def sample_bytes() -> bytes:
    return SAMPLE_LETTER.read_bytes()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def letter_numbered(number: int) -> bytes:
    """A short công văn of our own, different for every number."""
    return f"""SỞ NỘI VỤ TỈNH NINH BÌNH

Số: {number}/SNV-VP
V/v báo cáo số liệu công chức

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Ninh Bình, ngày 09 tháng 12 năm 2024

Kính gửi: Các phòng thuộc Sở.

1. Phòng Công chức, viên chức tổng hợp số liệu biên chế năm 2024 trước ngày 20/12/2024.

2. Văn phòng Sở báo cáo Giám đốc Sở kết quả thực hiện hằng tháng.

Nơi nhận:
- Như trên;
- Lưu: VT.

GIÁM ĐỐC

Nguyễn Văn An
""".encode()


def wait_uploads(client, ids: list[int], timeout: float = 60) -> list[dict]:
    """Poll the API until none of the uploads is queued or being parsed."""
    deadline = time.monotonic() + timeout
    while True:
        uploads = client.get("/api/uploads", params={"ids": ",".join(map(str, ids))}).json()["uploads"]
        if all(u["state"] not in ("queued", "parsing") for u in uploads) or time.monotonic() > deadline:
            return uploads
        time.sleep(0.05)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
