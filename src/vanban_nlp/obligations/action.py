"""The action phrase of an instruction ("rà soát, phân công nhiệm vụ công chức, viên chức").

underthesea segments and tags the instruction, one sentence at a time (its tagger slows down
quadratically with input length, so it never sees a whole document). Leading manner adverbs and
auxiliary verbs ("Tập trung", "Chủ động, khẩn trương", "tiếp tục") are skipped; the phrase runs
from the first main verb to the end of its clause, at most a dozen words.
"""
from __future__ import annotations

import re
from functools import lru_cache

_MANNER = {"tập trung", "chủ động", "tích cực", "khẩn trương", "tiếp tục", "thường xuyên", "kịp thời", "nghiêm túc",
           "quyết liệt", "tăng cường", "đẩy mạnh", "khẩn", "sớm", "cần", "phải", "có trách nhiệm", "chịu trách nhiệm",
           "thực hiện nghiêm", "chủ trì", "phối hợp"}
_CLAUSE_END = re.compile(r"[;.:(]|\s(?:để|nhằm|bảo đảm|đảm bảo|trước ngày|chậm nhất|theo quy định|trong đó)\s")
MAX_WORDS = 12
MAX_CHARS = 400


@lru_cache(maxsize=1)
def _tagger():
    from underthesea import pos_tag

    return pos_tag


def action_phrase(instruction: str) -> str | None:
    text = instruction.strip(" ,:;-")
    if not text:
        return None
    clause = _CLAUSE_END.split(text[:MAX_CHARS], maxsplit=1)[0].strip(" ,")
    if not clause:
        return None
    tagged = _tagger()(clause)
    words = [w for w, _ in tagged]
    tags = [t for _, t in tagged]
    start = 0
    # skip manner adverbs and auxiliaries, with the commas between them
    while start < len(words) and (words[start].lower() in _MANNER or words[start] == ","):
        start += 1
    first_verb = next((i for i in range(start, len(tags)) if tags[i] == "V"), None)
    if first_verb is None:
        first_verb = start
    phrase_words = words[first_verb:first_verb + MAX_WORDS]
    phrase = " ".join(phrase_words)
    phrase = re.sub(r"\s+([,;.:)])", r"\1", phrase).replace("( ", "(").strip(" ,")
    return phrase or None
