"""Where the main clause of an instruction starts: after its leading grounds ("Căn cứ …,"), its
conditions and time frames ("Trường hợp … thì", "Trong quá trình thực hiện, nếu …,"), a numbered
case label ("Trường hợp 2:"), and the commas those hold of their own. The obligation stage reads the
actor and the action from there (obligations/build.py)."""

from __future__ import annotations

import re

from ..text.chars import fold
from .action import is_instruction
from .actors import ACTOR_START, actor_at_start
from .cues import Cue, cues

CLAUSE_WINDOW = 400  # an actor phrase and its verb fit in this; longer views would make the work quadratic

# a numbered case that the rest of the unit sets out: "Trường hợp 2:", OCR's "Truong hgp 1:" (folded)
_CASE_LABEL = re.compile(r"^[\W_]*TR\w{2,4}\s+H\w{1,2}P\s+(?:\d{1,2}|THU\s+\w+)\s*[:.]\s*")
_CLAUSE_BREAK = re.compile(r",\s+|\s+thì\s+|\s*:\s+")
_THEN = re.compile(r"(?:^|,?\s+)(?:thì|thi(?!\s+hành))\s+", re.IGNORECASE)  # not "thi hành"
_PROCESS_FRAME = re.compile(r"(?:trong\s+)?quá trình", re.IGNORECASE)  # "Trong quá trình thực hiện"
_CITED_NUMBER = re.compile(r"\d+/(?:\d{4}/)?[A-ZĐ]")  # "39/2014/TT-BTC", "1266/VPCP-ĐMDN"


def opens_with(cue: Cue | None) -> bool:
    """The cue opens the text (after at most a few leading marks)."""
    return cue is not None and cue.start < 3


def main_clause(view: str) -> int | None:
    """Where the main clause starts, after leading grounds and conditions ("Căn cứ …, đề nghị
    …", "Trường hợp … thì Công ty …", "Đối với cá nhân …: Kiểm tra …"); None when the unit is
    only a ground ("Căn cứ Nghị định số …")."""
    pos = 0
    opening = view[:8].lstrip(" \t-_~*+•.,:;").upper()
    label = _CASE_LABEL.match(fold(view[:40])) if opening.startswith("TR") else None
    if label is not None:  # "Trường hợp 3: Số lượng … thấp hơn 10% … thì Cơ quan thuế đưa …"
        after = view[label.end() :]
        then = _THEN.search(after)
        pos = label.end() + (then.end() if then is not None and actor_at_start(after) is None else 0)
    for _ in range(4):
        rest = view[pos:]
        basis_cue = cues().find(rest, "basis")
        ground = basis_cue or cues().find(rest, "condition")
        if ground is None or ground.start > 3:
            return pos
        then = _THEN.search(rest, ground.end)
        brk = _CLAUSE_BREAK.search(rest, ground.end)
        cut = then if then is not None and (brk is None or then.start() < brk.start() + 200) else brk
        basis = ground is basis_cue
        # "Trong quá trình triển khai thực hiện phải giữ vững …, …": a time frame ends at its modal
        frame = _PROCESS_FRAME.match(ground.text) is not None
        modal = cues().find(rest[ground.end : ground.end + 160], "modal") if frame else None
        if modal is not None and (cut is None or ground.end + modal.start < cut.start()):
            return pos + ground.end + modal.start
        # "nếu có phát sinh vướng mắc đề nghị phản ánh về …, …": an "if" without "thì" ends at the
        # directive (other conditions name requests as nouns: "Khi nhận được hồ sơ đề nghị cấp …")
        asks = (
            None
            if then is not None or fold(ground.text) != "NEU"
            else cues().find(rest[ground.end : ground.end + 160], "directive")
        )
        if asks is not None and (cut is None or ground.end + asks.start < cut.start()):
            return pos + ground.end + asks.start
        if cut is None:
            return None if basis else pos
        if then is not None:
            pos += cut.end()
            continue
        main = _subject_comma(rest, cut.end())
        if basis and main == cut.end() and _in_citation(rest, cut.start(), cut.end()):
            return None  # "Căn cứ Thông tư số 39/2014/TT-BTC … về hóa đơn bán hàng hóa, cung ứng …"
        pos += main
    return pos


def _in_citation(rest: str, comma: int, after: int) -> bool:
    """The comma after a ground that cites a document by its number falls inside the cited
    title when no subject, directive or further ground follows it."""
    following = rest[after:]
    return (
        _CITED_NUMBER.search(rest[:comma]) is not None
        and actor_at_start(following) is None
        and not cues().has(following[:40], "directive")
        and not any(cues().has(following[:CLAUSE_WINDOW], c) for c in ("basis", "condition"))
    )


def _subject_comma(rest: str, cut: int) -> int:
    """A condition may hold commas of its own ("Sau khi lựa chọn NNT vào danh sách thanh tra,
    kiểm tra tại trụ sở NNT, cơ quan thuế thực hiện …"): when no subject follows its first
    comma, the main clause starts after a later comma that a subject and its action follow."""
    if actor_at_start(rest[cut:]) is not None or cues().has(rest[cut : cut + 40], "directive"):
        return cut
    for comma in re.finditer(r",\s+", rest[cut : cut + 200]):
        after = rest[cut + comma.end() :]
        passed = rest[cut : cut + comma.start()]
        if ";" in passed or cues().has(passed, "directive"):
            break  # a semicolon ends the clause; a directive starts the main clause
        next_clause = opens_with(cues().find(after[:60], "condition")) or opens_with(
            cues().find(after[:40], "directive")
        )
        if next_clause and len(passed) < 60 and not cues().has(passed, "modal"):
            return cut + comma.end()  # "…, kiểm tra thuế, nếu có vướng mắc đề nghị …": the next clause
        actor = actor_at_start(after)
        action = after[actor.end :] if actor is not None else ""
        listed = action.startswith(",") and ACTOR_START.match(action.lstrip(" ,")) is not None
        if (re.match(r"\s+[^\W\d_]", action) or listed) and (
            is_instruction(action.lstrip()) or cues().has(action[:30], "modal")
        ):
            return cut + comma.end()
    return cut
