"""The action phrase of an instruction ("rà soát, phân công nhiệm vụ công chức, viên chức").

underthesea segments and tags the instruction's opening words (obligations/tagger.py: the same
answers as `underthesea.pos_tag`, computed faster and cached), never a whole document (its tagger
slows down quadratically with input length). Leading manner adverbs and
auxiliary verbs ("Tập trung", "Chủ động, khẩn trương", "tiếp tục"; lexicon/manner_words.yaml) are
skipped; the phrase runs from the first main verb to the end of its clause, at most a dozen words.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..text.chars import fold
from .actors import actor_at_start, names_document, opens_with_verb
from .cues import cues
from .tagger import tag

_MANNER = lexicon.words("manner_words")
_MANNER_PREFIX = re.compile(r"^(?:" + _MANNER.alternation() + r"[\s,]+)+", re.IGNORECASE)
_PREFIX = re.compile(
    r"^(?:" + lexicon.words("instruction_prefixes").alternation() + r"[\s,]+)+", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[;.:(]|\s" + lexicon.words("action_clause_ends").alternation() + r"\s")
_TRAILING = re.compile(r"[\s,;]+(?:và|hoặc|với|của|các|để|,)$")
MAX_WORDS = 12
MAX_CHARS = 400
TAGGED_CHARS = 80


def _opens_with_action(text: str) -> bool:
    return opens_with_verb(text) or cues().find(text, "prohibition") is not None


_POSSESSIVE = re.compile(r"^(?:có|chưa có|không có)\s", re.IGNORECASE)
_MANNER_FOLDED = re.compile(
    r"^(?:" + lexicon.WordList("manner_folded", tuple(fold(w) for w in _MANNER)).alternation() + r"[\s,]+)+"
)


def _lexical_phrase(clause: str) -> str | None:
    """Fast path: after manner words the clause opens with a known action verb (or a negation)."""
    rest = _MANNER_PREFIX.sub("", clause)
    if not _opens_with_action(rest):
        return None
    phrase = " ".join(rest.split()[:MAX_WORDS])
    phrase = _TRAILING.sub("", phrase).strip(" ,")
    return phrase or None


def is_instruction(text: str) -> bool:
    """Does this item text tell someone to do something? (Not a definition, a form field or a title.)

    Yes when it opens with an action verb (after manner words) or a negation, or carries a modal
    marker (phải, có trách nhiệm, không được …); otherwise the tagger decides from its first words.
    """
    plain = _PREFIX.sub("", text.strip(" ,:;-"))
    rest = _MANNER_PREFIX.sub("", plain)
    manner_ocr = _MANNER_FOLDED.match(fold(rest))  # "Khan trương", "Tiép tục" as OCR wrote them
    if manner_ocr and _close_manner(rest[: manner_ocr.end()]):
        rest = rest[manner_ocr.end() :]
    if not rest:
        return bool(plain)
    if _POSSESSIVE.match(rest) and not opens_with_verb(rest):
        # "Các doanh nghiệp có rủi ro cao …", "Không có người nghiện ma túy …" (a criterion) describe;
        # "có ý kiến" is an action
        return False
    if _opens_with_action(plain) or _opens_with_action(rest) or _early_modal(text):
        return True
    if names_document(rest):
        return False  # "Thông báo số 784/TB-TCT ngày …": a document named, though its type word is a verb
    opening = tag(rest[:24])
    return bool(opening) and opening[0][1] == "V"


def _close_manner(written: str) -> bool:
    """At most one wrong letter per syllable against a manner word ("Khan trương" for "Khẩn trương")."""
    for word in re.split(r"[\s,]+", written.strip(" ,")):
        if not word:
            continue
        if not any(
            len(word) == len(w) and sum(a != b for a, b in zip(word.lower(), w, strict=True)) <= 1
            for m in _MANNER
            for w in m.split()
        ):
            return False
    return True


def _early_modal(text: str) -> bool:
    modal = cues().find(text[:60], "modal")
    return modal is not None and modal.start < 40


_PARTNERS = re.compile(r"^(?:chặt chẽ\s+)?(?:cùng\s+)?với\s+", re.IGNORECASE)


def _partners_action(clause: str) -> str | None:
    """ "chủ trì, phối hợp với Ban Quản lý chợ Đồng Xuân tổ chức kiểm tra": after the roles and the
    partners named after them, the action ("tổ chức kiểm tra"); "phối hợp với Sở Tài chính" with
    nothing after it is its own action. None when the clause does not open with roles and partners."""
    rest = _MANNER_PREFIX.sub("", clause)
    partners = _PARTNERS.match(rest)
    if rest == clause or partners is None:
        return None
    named = actor_at_start(rest[partners.end() :], to_end=True)  # the name may end the clause
    action = rest[partners.end() + named.end :].strip(" ,") if named is not None else ""
    if len(action.split()) < 2:
        action = clause
    return _TRAILING.sub("", " ".join(action.split()[:MAX_WORDS])).strip(" ,") or None


def action_phrase(instruction: str) -> str | None:
    text = _PREFIX.sub("", instruction.strip(" ,:;-"))
    if not text:
        return None
    clause = _CLAUSE_END.split(text[:MAX_CHARS], maxsplit=1)[0].strip(" ,")
    if not clause:
        return None
    partners_action = _partners_action(clause)
    if partners_action is not None:
        return partners_action
    lexical = _lexical_phrase(clause)
    if lexical is not None:
        return lexical
    # the first verb sits in the opening words: tag only those (the tagger's cost grows with length)
    tagged = tag(clause[:TAGGED_CHARS])
    start = 0
    while start < len(tagged) and (tagged[start][0] in _MANNER or tagged[start][0] == ","):
        start += 1  # manner adverbs and auxiliaries, with the commas between them
    first_verb = next((i for i in range(start, len(tagged)) if tagged[i][1] == "V"), start)
    negation = next((i for i in range(start, first_verb) if cues().find(tagged[i][0], "prohibition")), None)
    if negation is not None:
        first_verb = negation  # "Không được sử dụng …" keeps its negation
    position = 0
    for word, _ in tagged[:first_verb]:
        found = clause.find(word, position)
        position = found + len(word) if found >= 0 else position
    phrase = " ".join(clause[position:].split()[:MAX_WORDS])
    phrase = _TRAILING.sub("", phrase).strip(" ,")
    if len(phrase.split()) < 3:  # too short to say what is to be done: keep the clause
        phrase = " ".join(clause.split()[:MAX_WORDS]).strip(" ,")
    return phrase or None
