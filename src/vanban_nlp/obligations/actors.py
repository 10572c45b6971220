"""Actor noun phrases: who must act, as the text names them.

An actor phrase starts with a head word of Vietnamese administration (Sở, Bộ, UBND, Giám đốc,
Thủ trưởng, Trưởng, Văn phòng, các phòng …) and ends where the action begins (an action verb,
"có trách nhiệm", "theo chức năng", a time phrase). Lists are split into one actor per body
("Giám đốc các sở; Thủ trưởng các ban, ngành" -> two; "các Bộ: Công an, Tài chính" -> "Bộ Công
an", "Bộ Tài chính"), and "(gọi chung là …)" aliases are dropped from the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that start an actor phrase (case-insensitive; "các"/"những" may precede them).
HEADS = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "ubnd",
    "hđnd",
    "hội đồng nhân dân",
    "sở",
    "bộ",
    "ban",
    "phòng",
    "văn phòng",
    "trung tâm",
    "cục",
    "tổng cục",
    "chi cục",
    "vụ",
    "thanh tra",
    "kho bạc",
    "công an",
    "đài",
    "giám đốc",
    "phó giám đốc",
    "chủ tịch",
    "phó chủ tịch",
    "thủ trưởng",
    "trưởng",
    "phó trưởng",
    "chánh văn phòng",
    "chánh",
    "bộ trưởng",
    "thứ trưởng",
    "hiệu trưởng",
    "tổng giám đốc",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "ngành",
    "tập đoàn",
    "tổng công ty",
    "công ty",
    "ngân hàng",
    "bảo hiểm xã hội",
    "đoàn",
    "tổ công tác",
    "tổ",
    "đảng ủy",
    "đảng uỷ",
    "huyện ủy",
    "tỉnh ủy",
    "thành ủy",
    "chi bộ",
    "ban thường vụ",
    "ủy ban kiểm tra",
    "hợp tác xã",
    "người đứng đầu",
    "lãnh đạo",
    "cán bộ",
    "công chức",
    "viên chức",
    "thành viên",
    "trường",
    "bệnh viện",
    "hội",
    "liên đoàn",
    "đội",
    "bộ chỉ huy",
    "kiểm lâm",
    "cục thuế",
    "chi cục thuế",
    "đại sứ quán",
    "các đảng ủy",
    "cấp ủy",
    "tỉnh",
    "huyện",
    "xã",
    "quận",
    "thành phố",
    "người dân",
    "doanh nghiệp",
    "tổng cục trưởng",
    "cục trưởng",
    "chi cục trưởng",
    "chủ nhiệm",
    "bí thư",
    "thường trực",
)
_HEAD_ALT = "|".join(sorted(map(re.escape, HEADS), key=len, reverse=True))
# "Ban hành", "Hội nghị", "Tổ chức", "Phòng, chống" start actions or events, not bodies
ACTOR_START = re.compile(
    rf"^(?:(?:các|những|toàn thể|mỗi|từng)\s+)?(?:{_HEAD_ALT})\b(?!\s+(?:hành|nghị|chức)\b)(?!,\s*chống)",
    re.IGNORECASE,
)

# Where an actor phrase ends: the action (verbs that open an instruction) or a qualifier.
_ACTION_START = (
    "có trách nhiệm",
    "chịu trách nhiệm",
    "chủ trì",
    "phối hợp",
    "thực hiện",
    "tổ chức",
    "triển khai",
    "tiếp tục",
    "khẩn trương",
    "chủ động",
    "tập trung",
    "tăng cường",
    "chỉ đạo",
    "báo cáo",
    "xây dựng",
    "theo dõi",
    "hướng dẫn",
    "kiểm tra",
    "nghiêm túc",
    "quán triệt",
    "bố trí",
    "cập nhật",
    "hoàn thành",
    "gửi",
    "tham mưu",
    "đề xuất",
    "phải",
    "cần",
    "không được",
    "không",
    "nghiêm cấm",
    "tuyệt đối",
    "rà soát",
    "xử lý",
    "giải quyết",
    "nghiên cứu",
    "bảo đảm",
    "đảm bảo",
    "thường xuyên",
    "kịp thời",
    "định kỳ",
    "lập",
    "ban hành",
    "trình",
    "tổng hợp",
    "đôn đốc",
    "phổ biến",
    "tuyên truyền",
    "duy trì",
    "thẩm định",
    "kiện toàn",
    "lắp đặt",
    "khắc phục",
    "hỗ trợ",
    "chuẩn bị",
    "điều chỉnh",
    "cung cấp",
    "công khai",
    "giám sát",
    "mở rộng",
    "số hóa",
    "quản lý",
    "sử dụng",
    "sắp xếp",
    "chấp hành",
    "thống nhất",
    "xem xét",
    "căn cứ",
    "được giao",
    "theo chức năng",
    "theo thẩm quyền",
    "trong phạm vi",
    "từ năm",
    "trên cơ sở",
    "sẽ",
    "là",
    "nắm",
    "liên hệ",
    "đánh giá",
    "bàn",
    "rút",
    "tạo",
    "phát huy",
    "nâng cao",
    "đẩy mạnh",
    "quyết liệt",
    "đăng ký",
    "cân đối",
    "bổ sung",
    "sửa đổi",
    "phân công",
    "chỉ định",
    "lựa chọn",
    "nộp",
    "kê khai",
    "trả lời",
    "giải trình",
    "khảo sát",
    "thông báo",
    "yêu cầu",
    "đề nghị",
    "kiến nghị",
    "tăng",
    "giảm",
    "đã",
    "vừa",
    "đang",
    "giao",
    "cho",
    "biên soạn",
    "tuần tra",
    "điều tra",
    "rà",
    "làm",
    "tiếp nhận",
    "thanh tra",
    "bảo vệ",
    "có ý kiến",
    "cho ý kiến",
    "góp ý",
    "xác định",
    "phát hiện",
    "dừng",
    "tạm dừng",
    "mua",
    "bán",
    "cấp",
)
_ACTION_ALT = "|".join(sorted(map(re.escape, _ACTION_START), key=len, reverse=True))
_ACTION = re.compile(rf"(?:^|\s|,)(?:{_ACTION_ALT})(?=\s|$|[,;:.])", re.IGNORECASE)
_PLURAL_HEAD_BEFORE_COLON = re.compile(
    r"\b(?:các|những)\s+(?:bộ|sở|ban|phòng|cục|đơn vị|cơ quan)\s*$", re.IGNORECASE
)
_MODAL_VERB = re.compile(r"\s(?:có trách nhiệm|chịu trách nhiệm|phải|cần)\s", re.IGNORECASE)
# an instruction that opens with one of these verbs needs no tagger to find its action
ACTION_VERB_START = re.compile(rf"^(?:{_ACTION_ALT})(?=\s|$|[,;:.])", re.IGNORECASE)
_ALIAS = re.compile(r"\s*\((?:sau đây\s+)?gọi\s+(?:chung\s+|tắt\s+)?là[^)]*\)", re.IGNORECASE)
_SPLIT = re.compile(
    r"\s*;\s*|\s*,\s*(?=(?:và\s+)?(?:"
    + "|".join(
        (
            "thủ trưởng",
            "chủ tịch",
            "giám đốc",
            "trưởng",
            "chánh",
            "bộ trưởng",
            "hiệu trưởng",
            "tổng giám đốc",
            "ủy ban nhân dân",
            "ubnd",
            "văn phòng",
            "người đứng đầu",
            "lãnh đạo",
        )
    )
    + r")\b)|\s+và\s+(?=(?:"
    "thủ trưởng|chủ tịch|giám đốc|ủy ban nhân dân|ubnd|văn phòng|người đứng đầu|lãnh đạo|"
    "các\\s+\\w+)\\b)",
    re.IGNORECASE,
)
_DISTRIBUTIVE = re.compile(
    r"^(?P<lead>.*?\b)(?:các|những)\s+(?P<head>Bộ|Sở|sở|bộ|Ban|ban|Phòng|phòng|Cục|cục)\s*:\s*(?P<list>.+)$",
    re.IGNORECASE,
)


@dataclass
class ActorPhrase:
    text: str
    start: int  # offset of the phrase in the searched string
    end: int


# a time or condition phrase before the subject: "Định kỳ 6 tháng, hằng năm, các đơn vị gửi báo cáo …"
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:Định kỳ|Hằng|Hàng|Trước ngày|Chậm nhất|Sau khi|Trong thời gian|Khi|Trường hợp)"
    r"[^,;:]{0,60},\s*)+",
    re.IGNORECASE,
)


def actor_at_start(text: str) -> ActorPhrase | None:
    """The actor phrase an instruction starts with ("Sở Tài chính bố trí …" -> "Sở Tài chính")."""
    stripped = text[:600].lstrip()  # an actor phrase is never longer; a bounded view keeps the work linear
    offset = len(text) - len(stripped)
    adverbial = _LEADING_ADVERBIAL.match(stripped)
    if adverbial and not ACTOR_START.match(stripped):
        stripped = stripped[adverbial.end() :]
        offset += adverbial.end()
    if not ACTOR_START.match(stripped):
        return None
    head = ACTOR_START.match(stripped)
    masked = _ALIAS.sub(lambda m: " " * len(m.group(0)), stripped)  # "(gọi chung là …)" is part of the name
    action = _ACTION.search(masked, head.end())
    modal = _MODAL_VERB.search(masked, head.end(), 240)
    if modal is not None and action is not None and action.start() < modal.start():
        between = masked[action.start() : modal.start()].strip(" ,").lower()
        # "Trưởng các phòng, đơn vị được giao phối hợp … có trách nhiệm …"; "Đoàn Kiểm tra công vụ cần …"
        if between.startswith(("được giao", "phối hợp")) or (
            modal.start() - head.end() < 60 and "," not in between
        ):
            action = modal
    colon = masked.find(":")
    if colon >= 0 and _PLURAL_HEAD_BEFORE_COLON.search(masked[:colon]) and "," in masked[colon : colon + 120]:
        colon = -1  # "các Bộ: Công an, Tư pháp …" lists the bodies; the colon is inside the actor
        action = _ACTION.search(masked, masked.find(":") + 1)
    if colon >= 0 and (action is None or colon < action.start()) and colon < 200:
        end = colon
    elif action is not None:
        end = action.start()
    else:
        return None
    phrase = stripped[:end].rstrip(" ,;")
    if not phrase or len(phrase) > 220:
        return None
    return ActorPhrase(phrase, offset, offset + len(phrase))


def split_actors(phrase: str) -> list[str]:
    """One name per body: lists split, distributive heads expanded, aliases dropped."""
    phrase = _ALIAS.sub("", phrase).strip(" ,;:.")
    phrase = re.sub(r"\s+", " ", phrase)
    out: list[str] = []
    for part in _SPLIT.split(phrase):
        part = part.strip(" ,;:.")
        if part.lower().startswith("và "):
            part = part[3:]
        if not part:
            continue
        distributive = _DISTRIBUTIVE.match(part)
        if distributive and "," in distributive["list"]:
            head = distributive["head"][0].upper() + distributive["head"][1:]
            lead = distributive["lead"].strip()
            for name in re.split(r"\s*,\s*", distributive["list"]):  # "Nông nghiệp và Môi trường" is one
                name = name.strip(" ,;.")
                if name:
                    out.append(f"{lead} {head} {name}".strip() if lead else f"{head} {name}")
            continue
        out.append(part)
    return out
