"""Actor noun phrases: who must act, as the text names them.

An actor phrase starts with a head word of Vietnamese administration (lexicon/bodies.yaml,
titles.yaml, collective_actors.yaml; "các"/"những" may precede it) and ends where the action
begins: a lower-case action verb (lexicon/action_verbs.yaml) or a modal marker, or a colon. A verb
written with a capital after a head is part of a name ("Sở Xây dựng", "Bộ Tư pháp", "Phòng Kiểm
tra thuế số 1"). Lists are split into one actor per body ("Giám đốc các sở; Thủ trưởng các ban,
ngành" -> two; "các Bộ: Công an, Tài chính" -> "Bộ Công an", "Bộ Tài chính"), and "(gọi chung
là …)" aliases are dropped from the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from ..text.chars import LOWER, fold
from .cues import cues

_HEADS = lexicon.WordList(
    name="actor_heads",
    words=tuple(
        dict.fromkeys(
            lexicon.words("bodies").words
            + lexicon.words("titles").words
            + lexicon.words("collective_actors").words
        )
    ),
)
_NOT_ACTORS = lexicon.words("not_actors").alternation()
_VERBS = lexicon.words("action_verbs")
_FUNCTION_WORDS = lexicon.words("actor_phrase_ends").keys()
_PHRASE_ENDS = lexicon.WordList(
    name="phrase_ends", words=_VERBS.words + lexicon.words("actor_phrase_ends").words
)
# "Quý cơ quan", "Quý Công ty": the honorific of a letter's addressee
_QUANTIFIER = r"(?:(?:các|những|toàn thể|mỗi|từng|tất cả các|quý)\s+)"
ACTOR_START = re.compile(
    rf"^(?!{_NOT_ACTORS}(?![^\W\d_])){_QUANTIFIER}?{_HEADS.alternation()}(?![^\W\d_])", re.IGNORECASE
)
# a verb that starts an action: written in lower case (a capitalized one belongs to a name)
_ACTION = re.compile(
    rf"(?:^|\s|,)(?P<verb>(?={LOWER}){_PHRASE_ENDS.alternation()})(?=\s|$|[,;:.])"
    r"(?!(?<=có)\s+(?:liên quan|thẩm quyền|chức năng)\b)"
)
# the same verbs of two syllables or more, on folded text: OCR's "chủ tri", "khan trương", "tiép tục"
_FOLDED_VERBS = lexicon.WordList(
    name="folded_verbs", words=tuple(dict.fromkeys(fold(w) for w in _VERBS.words if " " in w))
)
_ACTION_FOLDED = re.compile(rf"(?:^|\s|,)(?P<verb>{_FOLDED_VERBS.alternation()})(?=\s|$|[,;:.])")


def _action_start(masked: str, start: int) -> int | None:
    """Where the first lower-case action verb after `start` begins (exact or as OCR spelled it).
    A verb syllable right after a capitalized word belongs to a name ("Sở Giáo dục và Đào tạo",
    "Các Ban quản lý")."""
    found = []
    for exact in _ACTION.finditer(masked, start):
        if exact["verb"] == "vừa" and masked[max(0, exact.start("verb") - 3) : exact.start("verb")] == "và ":
            continue  # "Doanh nghiệp nhỏ và vừa": medium-sized, not the aspect "vừa" (just done)
        if not _inside_name(masked, exact.start("verb")):
            found.append(exact.start("verb"))
            break
    for match in _ACTION_FOLDED.finditer(fold(masked), start):
        verb_start = match.start("verb")
        written = masked[verb_start : match.end("verb")]
        if written[0].islower() and _close_spelling(written) and not _inside_name(masked, verb_start):
            found.append(verb_start)
            break
    return min(found) if found else None


_VERB_BY_FOLD = {fold(w): w for w in _VERBS.words if " " in w}


def _close_spelling(written: str) -> bool:
    """OCR spelled a known verb with at most one wrong letter per syllable ("Khan trương", "Tiép
    tục"); "theo đối tượng" is not "theo dõi"."""
    verb = _VERB_BY_FOLD.get(fold(written))
    if verb is None:
        return False
    for got, want in zip(written.lower().split(), verb.split(), strict=False):
        if len(got) != len(want) or sum(a != b for a, b in zip(got, want, strict=True)) > 1:
            return False
    return True


_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")


def _inside_name(text: str, pos: int) -> bool:
    """After a capitalized word a verb of one syllable is the second syllable of a name ("Sở Giáo
    dục và Đào tạo"), while "UBND tỉnh Quảng Ninh chỉ đạo" and "các Sở thực hiện" end at their verb."""
    previous = _PREVIOUS_WORD.search(text[max(0, pos - 30) : pos])
    if previous is None or not previous.group(1)[:1].isupper() or not previous.group(1)[-1:].isalpha():
        return False
    verb = _ACTION.match(" " + text[pos : pos + 30])
    if verb is None or verb.group("verb").lower() in _FUNCTION_WORDS:
        return False  # "Cục Thuế tự xây dựng", "Cơ quan Thuế đã …": no name goes on with these
    return " " not in verb.group("verb")


MODAL_VERB = lexicon.words("modal_verbs").alternation()  # "có trách nhiệm", "phải", "cần" …
_MODAL_VERB = re.compile(r"\s" + MODAL_VERB + r"\s", re.IGNORECASE)
_PLURAL_HEAD_BEFORE_COLON = re.compile(
    r"\b(?:các|những)\s+(?:bộ|sở|ban|phòng|cục|đơn vị|cơ quan)\s*$", re.IGNORECASE
)
# an instruction that opens with one of these verbs needs no tagger to find its action
_ACTION_VERB_START = re.compile(rf"^{_VERBS.alternation()}(?=\s|$|[,;:.])", re.IGNORECASE)
# "Thông báo số 784/TB-TCT", "Báo cáo số 12": a document named by its type, not an action
_DOCUMENT_NAMED = re.compile(r"^\S+(?:\s\S+)?\s+(?:số|sô|so)\s*:?\s*\d", re.IGNORECASE)


def names_document(text: str) -> bool:
    """The text opens with a document named by its type and number ("Thông báo số 784/TB-TCT")."""
    return _DOCUMENT_NAMED.match(text) is not None


def opens_with_verb(text: str) -> bool:
    """The text starts with an action verb, as written or as OCR spelled one of two syllables or
    more ("Khan trương rà soát" for "Khẩn trương rà soát"); not a document named by its type."""
    if names_document(text):
        return False
    if _ACTION_VERB_START.match(text):
        return True
    match = _ACTION_FOLDED.match(fold(text[:40]))
    return match is not None and match.start("verb") == 0 and _close_spelling(text[: match.end("verb")])


_ALIAS = re.compile(r"\s*\((?:sau đây\s+)?gọi\s+(?:chung\s+|tắt\s+)?là[^)]*\)", re.IGNORECASE)
# a list of actors splits at ";" and before a new name: ", Bộ Tài chính", "và Ủy ban nhân dân …"
_NEW_NAME = lexicon.words("actor_list_heads").alternation()
_CAPITALIZED_HEADS = lexicon.WordList(
    name="capitalized_heads", words=tuple(w[0].upper() + w[1:] for w in _HEADS.words if w[0].isalpha())
)
# a new name: a capitalized head followed by a capitalized word ("Sở Nội vụ", "Vụ KK"), not a bare
# unit type in a list under one title ("Trưởng các Phòng, Ban, Trung tâm thuộc Sở")
_CAPITAL_HEAD = rf"(?-i:{_CAPITALIZED_HEADS.alternation()}\s+[A-ZĐÀ-Ỹ])"
# "… thuộc Tổng cục và Cục Thuế": after "và" a capitalized unit word opens a new name even when
# the word after it is in lower case (a list under one quantifier, "các Vụ, Cục, đơn vị", does not split)
_UNIT_AFTER_AND = r"(?-i:(?:Tổng cục|Cục|Vụ|Sở|Văn phòng|Van phòng)\s)"
_SPLIT = re.compile(
    rf"\s*;\s*|\s*,\s*(?=(?:và\s+)?(?:{_NEW_NAME}(?![^\W\d_])|{_CAPITAL_HEAD}|các\s+{_HEADS.alternation()}\b))"
    rf"|\s+v[àa]\s+(?=(?:{_NEW_NAME}|các\s+\w+)(?![^\W\d_])|\s*{_CAPITAL_HEAD}|{_UNIT_AFTER_AND})",
    re.IGNORECASE,
)
_DISTRIBUTIVE = re.compile(
    r"^(?P<lead>.*?\b)(?:các|những)\s+(?P<head>Bộ|Sở|sở|bộ|Ban|ban|Phòng|phòng|Cục|cục)\s*:\s*(?P<list>.+)$",
    re.IGNORECASE,
)
_TEMPORAL_TAIL = re.compile(
    r"\s+(?:từ năm|từ ngày|trong năm|năm \d{4}|trong kiểm tra|trên cơ sở).*$", re.IGNORECASE
)
_COLLABORATE = lexicon.words("collaboration_cues").alternation()
_COLLABORATORS = re.compile(
    rf"{_COLLABORATE}(?:\s+(?:chặt ch[ẽếẻeé]|thường xuyên|với|cùng))*"  # OCR's "chặt chế" too
    r"\s+(?P<who>(?:[^:;.()]|(?<=Bộ):|(?<=Sở):)+)",
    re.IGNORECASE,
)
# the list of collaborators ends at an action verb or at a comma before what is not a body
_COLLABORATORS_END = re.compile(
    rf"\s+(?=(?:để|nhằm|trong)\b)|,\s+(?!{_QUANTIFIER}?{_HEADS.alternation()}(?![^\W\d_])|(?-i:[A-ZĐ]))",
    re.IGNORECASE,
)
_CO_LEAD = re.compile(
    r"(?P<who>[^,;:]{3,120}?)\s+phối hợp(?=\s*[,;.]|\s+(?:thực hiện|triển khai)\b)", re.IGNORECASE
)


@dataclass(frozen=True)
class ActorPhrase:
    text: str
    start: int  # offset of the phrase in the searched string
    end: int


# the role that names a unit without a proper name, when another verb follows it
_ROLE_NOUN = re.compile(
    rf"\s*(?:chủ trì(?=\s+(?:{MODAL_VERB}|{_VERBS.alternation()})(?![^\W\d_]))"
    rf"|phối hợp(?=\s+{MODAL_VERB}(?![^\W\d_])))",
    re.IGNORECASE,
)
_TRAILING_CONJUNCTION = re.compile(r"(?:\s+(?:và|hoặc))+$", re.IGNORECASE)  # "… địa phương) và đề nghị …"


_NAME_END = " thực hiện"  # an action verb after a name that ends its text


def actor_at_start(text: str, to_end: bool = False) -> ActorPhrase | None:
    """The actor phrase an instruction starts with ("Sở Tài chính bố trí …" -> "Sở Tài chính").
    With `to_end`, a text that is only a name ("b) Bộ Tài chính" over its tasks, the partners at
    the end of "phối hợp với Sở Tài chính") is an actor phrase too."""
    stripped = text[:600].lstrip(
        " -_~,:;"
    )  # an actor phrase is never longer; a bounded view keeps the work linear
    offset = len(text[:600]) - len(stripped)
    if not ACTOR_START.match(stripped):
        skipped = _leading_adverbials(stripped)
        stripped, offset = stripped[skipped:], offset + skipped
    head = ACTOR_START.match(stripped)
    if head is None or _verb_not_head(stripped, head.end()):
        return None
    masked = _ALIAS.sub(lambda m: " " * len(m.group(0)), stripped)  # "(gọi chung là …)" is part of the name
    if to_end:
        masked += _NAME_END  # the end of a text that is only a name is where its action would start
    end = _phrase_end(masked, head.end())
    if end is None:
        return None
    role = _ROLE_NOUN.match(stripped, end)
    if role and len(stripped[:end].split()) <= 3 and not any(c.isupper() for c in stripped[1:end]):
        # "Đơn vị chủ trì thực hiện …", "cơ quan phối hợp có trách nhiệm …": a unit named by its role
        later = _phrase_end(masked, role.end())
        end = later if later is not None else end
    spanned = stripped[: min(end, len(stripped))].rstrip(" ,;")
    phrase = _TRAILING_CONJUNCTION.sub("", spanned)  # the span keeps the "và": what follows is the action
    # a long list of heads is one phrase; its alias ("(sau đây gọi tắt là …)") does not count
    if not phrase or len(_ALIAS.sub("", phrase)) > 260:
        return None
    return ActorPhrase(phrase, offset, offset + len(spanned))


# heads that are verbs too ("Tổ chức quán triệt …", "Thanh tra, kiểm tra …"): a body or a group only
# before a comma, a capitalized name or one of these words ("Tổ chức tín dụng", "tổ chức, cá nhân")
_VERB_HEADS = frozenset(w for w in _HEADS.words if w in _VERBS)
_AFTER_VERB_HEAD = re.compile(
    r"\s*(?:,(?!\s*"
    + _VERBS.alternation()
    + r"(?![^\W\d_]))|(?-i:[A-ZĐ])|"
    + lexicon.words("verb_head_nouns").alternation()
    + r"(?![^\W\d_]))",
    re.IGNORECASE,
)  # "tổ chức, cá nhân" names bodies; "Tổ chức, quán triệt …" is two actions


def _verb_not_head(text: str, head_end: int) -> bool:
    head = re.sub(rf"^{_QUANTIFIER}", "", text[:head_end], flags=re.IGNORECASE)
    if head.lower() not in _VERB_HEADS:
        return False
    return not _AFTER_VERB_HEAD.match(text, head_end)


# "Định kỳ hằng quý, các đơn vị báo cáo …": how often, before the subject (the cue table's
# condition rule takes "Định kỳ 6 tháng" and "Hằng năm" alone)
_RECURRENCE_OPENER = re.compile(
    r"(?:Định kỳ|Hằng|Hàng)\s+(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm)\b", re.IGNORECASE
)


_TIME_LIMIT = re.compile(r"(?:Trong\s+(?:thời hạn|vòng)|Chậm nhất|Kể từ ngày)\s", re.IGNORECASE)


def _leading_adverbials(text: str) -> int:
    """Time and condition phrases before the subject, up to their comma: "Định kỳ 6 tháng, hằng năm,
    các đơn vị gửi báo cáo …", "Đồng thời, Cục Thuế …"; a time limit up to the comma its subject
    follows, whatever commas it holds ("Trong thời hạn 10 ngày làm việc kể từ ngày nhận được danh
    sách đúng, đủ thông tin, cơ quan bảo hiểm xã hội chi trả …")."""
    if _TIME_LIMIT.match(text):
        for separator in re.finditer(r",\s*", text[:320]):
            if ACTOR_START.match(text[separator.end() :]):
                return separator.end()
    pos = 0
    for _ in range(3):
        rest = text[pos:]
        cue = cues().find(rest, "condition") or cues().find(rest, "continues")
        opener = (cue.start, cue.end) if cue is not None else None
        if opener is None and (recurrence := _RECURRENCE_OPENER.match(rest)) is not None:
            opener = recurrence.span()
        comma = rest.find(",", opener[1]) if opener is not None and opener[0] < 3 else -1
        if comma < 0 or opener is None or comma - opener[1] > 60:
            return pos
        pos += comma + 1
        pos += len(text[pos:]) - len(text[pos:].lstrip())
    return pos


def _bare_co(masked: str, pos: int) -> bool:
    """ "có" on its own (possession: "có rừng"), not "có thể", "có trách nhiệm"."""
    verb = _ACTION.match(" " + masked[pos : pos + 30])
    return verb is not None and verb["verb"] == "có"


# a negation, a tense or the copula after the name closes it even when a modal follows: "Hộ kinh
# doanh không phải thực hiện …" (while "Cơ quan được xin ý kiến có trách nhiệm …" is one name)
_STATEMENT = re.compile(r"(?:không|sẽ|đã|là|có thể)(?![^\W\d_])")


_NEGATION_BEFORE = re.compile(r"\s(?:chưa|không)\s*$", re.IGNORECASE)


def _phrase_end(masked: str, head_end: int) -> int | None:
    action_start = _action_start(masked, head_end)
    if action_start is not None and _bare_co(masked, action_start):
        # "UBND các xã có rừng không để …": "có rừng" says which xã, when an action follows it
        later = _action_start(masked, action_start + 3)
        if later is not None and later - action_start < 30 and not masked.startswith("có", later):
            action_start = later
    modal = _MODAL_VERB.search(masked, head_end, 240)
    if modal is not None and any(s <= modal.start() + 1 < e for s, e in cues().pseudo_spans(masked[:240])):
        modal = None  # "Doanh nghiệp được giảm 30% số thuế phải nộp": an amount payable, no duty
    if modal is not None and action_start is not None and action_start < modal.start():
        between = masked[action_start : modal.start()].strip(" ,").lower()
        # "Trưởng các phòng, đơn vị được giao phối hợp … có trách nhiệm …"; "Đoàn Kiểm tra công vụ cần …"
        if between.startswith(("được giao", "phối hợp")) or (
            modal.start() - head_end < 60 and "," not in between and not _STATEMENT.match(between)
        ):
            action_start = modal.start()
    if action_start is not None and (negated := _NEGATION_BEFORE.search(masked, head_end, action_start)):
        action_start = negated.start() + 1  # "khách hàng vay vốn chưa phải trả nợ": not required
    colon = masked.find(":")
    if colon >= 0 and _PLURAL_HEAD_BEFORE_COLON.search(masked[:colon]) and "," in masked[colon : colon + 120]:
        return _action_start(masked, colon + 1)  # "các Bộ: Công an, Tư pháp …" lists the bodies
    if colon >= 0 and (action_start is None or colon < action_start) and colon < 200:
        return colon
    return action_start


def split_actors(phrase: str) -> list[str]:
    """One name per body: lists split, distributive heads expanded, aliases dropped."""
    phrase = _ALIAS.sub("", phrase).strip(" ,;:.")
    phrase = _TEMPORAL_TAIL.sub("", re.sub(r"\s+", " ", phrase))
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


def collaborators_in(text: str) -> list[str]:
    """Who is to coordinate: "phối hợp (chặt chẽ) với X, Y và Z …", "X chủ trì, Y phối hợp"."""
    found: list[str] = []
    for match in _COLLABORATORS.finditer(text):
        who = match["who"][:200]
        verb = _action_start(who, 1)
        stop = _COLLABORATORS_END.search(who)
        cut = min([len(who)] + [p for p in (verb, stop.start() if stop else None) if p is not None])
        who = who[:cut].strip(" ,")
        if who and (ACTOR_START.match(who) or (who[:1].isupper() and len(who) < 120)):
            found += [w for w in split_actors(who) if w not in found]
    lead = re.search(r"CHU TRI\s*[,;]", fold(text))  # "X chủ trì, Y phối hợp"
    if lead:
        co_lead = _CO_LEAD.match(text, lead.end())
        if co_lead and ACTOR_START.match(co_lead["who"].strip()):
            found += [w for w in split_actors(co_lead["who"]) if w not in found]
    return found
