"""Obligations of a parsed document, at the granularity of corpus/README.md: one per leaf item,
one per separate instruction paragraph in an item or in prose, one for a closing instruction.

Actors come from the lead-in ("Giám đốc Sở yêu cầu Trưởng các phòng … thực hiện … sau:" gives
the default actor of the items below it), from the item itself ("Văn phòng Sở: - …", "1. Bộ Công
Thương chủ trì, phối hợp với …: a) …"), from an upper-case section heading that names bodies
("II. ỦY BAN NHÂN DÂN CÁC HUYỆN"), or from the sentence ("UBND tỉnh giao X …", "X có trách
nhiệm …"). Background ("đã ban hành", "thời gian qua") gives none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract.patterns import StartIndex
from ..layout.sections import Layout, is_upper_text
from ..model import Document, Item, Obligation
from .action import action_phrase, is_instruction
from .actors import ACTOR_START, ActorPhrase, actor_at_start, split_actors
from .timing import find_timing

# "yêu cầu X", "giao X", "đề nghị X" where X is a body (a noun "yêu cầu" is not followed by one)
_DIRECTIVE = re.compile(
    r"(?<![\w])(?<!được )(?<!bàn )(?<!theo )(?P<cue>yêu cầu|giao|đề nghị|kính đề nghị)\s*:?\s+", re.IGNORECASE
)
_MODAL = re.compile(r"\s(?:có trách nhiệm|chịu trách nhiệm|phải|cần)\s", re.IGNORECASE)
_LEAD_IN_END = re.compile(
    r"(?:như sau|sau đây|(?:nội dung|nhiệm vụ|giải pháp|việc|yêu cầu|vấn đề)\s+sau)\s*:?\s*$|:\s*$",
    re.IGNORECASE,
)
_PROHIBITION = re.compile(r"^(?:không được|nghiêm cấm|cấm|tuyệt đối không|không để|không)\b", re.IGNORECASE)
_COMMITMENT = re.compile(r"\bsẽ\b", re.IGNORECASE)
_CONTINUES = re.compile(r"^(?:Đồng thời|Bên cạnh đó|Ngoài ra)\b,?\s*", re.IGNORECASE)
_CLOSING_FORMULA = re.compile(
    r"thông báo để\b|(?:để|cho)\s+(?:các\s+\S+\s+)?biết\b.*thực hiện\s*\./?\.?$|^Nơi nhận", re.IGNORECASE
)
_REPORTING = re.compile(
    r"(?:định kỳ|hằng|hàng)\b.*\bbáo cáo\b|\bbáo cáo\b.*(?:định kỳ|hằng|hàng)\s+(?:tháng|quý|năm)",
    re.IGNORECASE,
)
_COLLABORATORS = re.compile(
    r"phối hợp(?:\s+chặt chẽ)?\s+với\s+(?P<who>[^:;.()]+?)(?=\s*[:;.(]|\s+(?:để|trong|tổ chức|thực hiện|"
    r"hướng dẫn|kiểm tra|rà soát|xây dựng|triển khai|theo dõi|duy trì|thẩm định|biên soạn|điều tra)\b|$)",
    re.IGNORECASE,
)
_NOT_INSTRUCTION_SECTION = re.compile(
    r"^(?:MỤC ĐÍCH|YÊU CẦU|MỤC TIÊU|QUAN ĐIỂM|TÌNH HÌNH|KẾT QUẢ|ĐÁNH GIÁ|CĂN CỨ|"
    r"SỰ CẦN THIẾT|BỐI CẢNH|PHẠM VI|ĐỐI TƯỢNG)"
)
_DUTIES_OF = re.compile(
    r"^(?:Nhiệm vụ|Trách nhiệm|Nhiệm vụ, quyền hạn)\s+(?:của|cho)\s+(?P<who>[^:]+?)\s*:?\s*$", re.IGNORECASE
)
_OUTSIDE_BODY = re.compile(
    r"^(?:các\s+)?(?:Bộ|Công ty|doanh nghiệp|Quý|người nộp thuế|Tập đoàn|Ngân hàng|Hội|Cục|"
    r"Tổng cục|Tổng công ty|Hiệp hội|Đại sứ quán)\b",
    re.IGNORECASE,
)
_LOCAL_GOVERNMENT = re.compile(r"^(?:các\s+)?(?:Ủy ban nhân dân|UBND|Sở|Thường trực)\b", re.IGNORECASE)
# background: what has been done, the situation, statistics — not instructions
_BACKGROUND = re.compile(
    r"^(?:Năm \d{4}|Thời gian qua|Thời gian vừa qua|Tuy nhiên|Trước đó|Kết quả|Qua đó|Hiện nay|Theo báo cáo|Theo thống kê|"
    r"Trong (?:năm|thời gian) qua|Những năm qua)\b|^[^,.;]{0,80}\bđã\s+(?!được giao)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\"(])")
_TEMPORAL_TAIL = re.compile(
    r"\s+(?:từ năm|từ ngày|trong năm|năm \d{4}|trong kiểm tra|trên cơ sở).*$", re.IGNORECASE
)


@dataclass
class _Context:
    actors: list[str] = field(default_factory=list)
    collaborators: list[str] = field(default_factory=list)


@dataclass
class _State:
    default: _Context = field(default_factory=_Context)
    last: _Context = field(default_factory=_Context)


def find_obligations(document: Document, layout: Layout) -> list[Obligation]:
    text = document.text
    builder = _Builder(document)
    items_by_start: dict[int, tuple[Item, list[Item]]] = {}
    for item, ancestors in _walk(document.items, []):
        items_by_start.setdefault(item.span[0], (item, ancestors))
    pos = layout.body_start
    for line in text[layout.body_start : layout.body_end].split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end = start + len(stripped)
        if start in items_by_start:
            item, ancestors = items_by_start[start]
            builder.item_head(item, ancestors)
            continue
        owner = _deepest_containing(document.items, start)
        if owner is not None:
            builder.item_paragraph(owner, start, end)
        else:
            builder.prose(start, end)
    return builder.obligations


def _walk(items: list[Item], ancestors: list[Item]):
    for item in items:
        yield item, ancestors
        yield from _walk(item.children, ancestors + [item])


def _deepest_containing(items: list[Item], pos: int, found: tuple[Item, list[Item]] | None = None):
    for item in items:
        if item.span[0] <= pos < item.span[1]:
            ancestors = (found[1] + [found[0]]) if found else []
            return _deepest_containing(item.children, pos, (item, ancestors))
    return found


class _Builder:
    def __init__(self, document: Document):
        self.document = document
        self.text = document.text
        self.state = _State()
        self.item_context: dict[int, _Context] = {}
        self.obligations: list[Obligation] = []
        self.dates = StartIndex(document.dates, lambda d: d.span[0])
        self.mentions = StartIndex(
            [(m, r.number) for r in document.references for m in r.mentions], lambda x: x[0][0]
        )

    # --- items -------------------------------------------------------------------------
    def item_head(self, item: Item, ancestors: list[Item]) -> None:
        if self._excluded(item, ancestors):
            return
        own = self._item_actor(item)
        if own is not None:
            self.item_context[id(item)] = own
        if item.children:
            head_end = self.text.find("\n", item.span[0])
            head_end = len(self.text) if head_end < 0 else head_end
            for child in item.children:
                if child.span[0] < head_end and child.label.startswith("("):
                    self._leaf(child, ancestors + [item])  # inline (1), (2) inside the head line
            return
        self._leaf(item, ancestors)

    def item_paragraph(self, owner: tuple[Item, list[Item]], start: int, end: int) -> None:
        item, ancestors = owner
        if item.children or self._excluded(item, ancestors):
            return
        segment = self.text[start:end]
        if _is_heading_like(segment):
            return
        self._unit(start, end, segment, self._item_path(item, ancestors), self._context_for(item, ancestors))

    def _leaf(self, item: Item, ancestors: list[Item]) -> None:
        head_end = self.text.find("\n", item.span[0])
        head_end = (
            item.span[1]
            if head_end < 0 or head_end > item.span[1] or item.label.startswith("(")
            else head_end
        )
        text_start = self.text.find(item.text, item.span[0], head_end + 1) if item.text else -1
        if text_start < 0:
            return
        segment = item.text
        has_paragraphs = item.span[1] > head_end + 1 and not item.label.startswith("(")
        if _is_heading_like(segment) or (has_paragraphs and _is_title(segment)):
            return  # "1. Cải cách thể chế" titles the paragraphs below it
        if id(item) in self.item_context:
            self._emit(
                text_start,
                text_start + len(segment),
                self._item_path(item, ancestors),
                self.item_context[id(item)],
                segment,
                skip_actor=True,
            )
            return
        self._unit(
            text_start,
            text_start + len(segment),
            segment,
            self._item_path(item, ancestors),
            self._context_for(item, ancestors),
        )

    def _unit(self, start: int, end: int, segment: str, item_path: str | None, context: _Context) -> None:
        """One instruction inside an item: its own directive or actor wins over the inherited one."""
        if _is_background(segment):
            return
        directive = _directive_actor(segment, head_only=True)
        if directive is not None:
            cue, phrase, rest_start = directive
            own = self._context_from_phrase(phrase, segment[phrase.start :])
            own.actors += _modal_subjects(segment[rest_start:])
            self._emit(
                start, end, item_path, own, segment, modality=self._cue_modality(cue, own), skip_actor=True
            )
            return
        own_actor = actor_at_start(segment)
        instruction = segment[own_actor.end :] if own_actor else segment
        if not is_instruction(instruction):
            return  # a definition, a form field, a scope line: not something to do
        self._emit(start, end, item_path, context, segment)

    def _item_actor(self, item: Item) -> _Context | None:
        text = item.text
        duty = _DUTIES_OF.match(text)
        if duty and item.children:
            return _Context(split_actors(duty["who"]))  # "Nhiệm vụ của Tổ công tác:"
        if item.children and is_upper_text(text) and ACTOR_START.match(text):
            return _Context(split_actors(text.rstrip(":. ")))  # "II. ỦY BAN NHÂN DÂN CÁC HUYỆN"
        actor = actor_at_start(text)
        if actor is None:
            return None
        return self._context_from_phrase(actor, text)

    def _context_for(self, item: Item, ancestors: list[Item]) -> _Context:
        for node in [item, *reversed(ancestors)]:
            if id(node) in self.item_context:
                return self.item_context[id(node)]
        return self.state.default

    def _excluded(self, item: Item, ancestors: list[Item]) -> bool:
        top = ancestors[0] if ancestors else item
        if top.label == "Điều 1" and self.document.header.doc_type in (None, "Quyết định"):
            return True  # Điều 1 of a quyết định is the decision itself (thành lập, phê duyệt …), not tasks
        return any(
            _NOT_INSTRUCTION_SECTION.match(a.text.upper())
            for a in [*ancestors, item]
            if is_upper_text(a.text) or a is not item and len(a.text) < 40
        )

    def _item_path(self, item: Item, ancestors: list[Item]) -> str:
        """ "II.1.a)"; unlabelled markers carry their place among siblings: "9.-2" is the second dash of 9."""
        path = ""
        chain = [*ancestors, item]
        for depth, node in enumerate(chain):
            label = node.label
            if label in ("-", "+", "•", "·", "*", "▪", "●", "○", "◦"):
                siblings = chain[depth - 1].children if depth else self.document.items
                same = [s for s in siblings if s.label == label]
                label += str(next(i for i, s in enumerate(same, 1) if s is node))
            if path and not path.endswith((".", ")", "-")):
                path += " "
            path += label
        return path

    # --- prose -------------------------------------------------------------------------
    def prose(self, start: int, end: int) -> None:
        paragraph = self.text[start:end]
        pieces = _sentences(paragraph)
        for offset, sentence in pieces:
            self._sentence(start + offset, start + offset + len(sentence), sentence)

    def _cue_modality(self, cue: str, context: _Context) -> str | None:
        """ "đề nghị" to a body the writer does not direct is a recommendation."""
        if "đề nghị" not in cue.lower():
            return None
        writer = (self.document.header.issuer or "").upper()
        writer_directs_local_bodies = writer.startswith(
            ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND", "CHÍNH PHỦ", "THỦ TƯỚNG")
        )
        for actor in context.actors:
            if _OUTSIDE_BODY.match(actor) or (
                _LOCAL_GOVERNMENT.match(actor) and not writer_directs_local_bodies
            ):
                return "recommendation"
        return None

    def _sentence(self, start: int, end: int, sentence: str) -> None:
        if _CLOSING_FORMULA.search(sentence) or _is_heading_like(sentence) or _is_background(sentence):
            return
        directive = _directive_actor(sentence)
        if directive is not None:
            cue, phrase, rest_start = directive
            context = self._context_from_phrase(phrase, sentence[phrase.start :])
            context.actors += _modal_subjects(sentence[rest_start:])
            if _LEAD_IN_END.search(sentence.rstrip()) and len(sentence) - rest_start < 400:
                self.state.default = context  # a lead-in: the items below inherit its actor
                return
            self.state.default = context
            self._emit(
                start,
                end,
                None,
                context,
                sentence,
                modality=self._cue_modality(cue, context),
                skip_actor=True,
            )
            return
        if _LEAD_IN_END.search(sentence.rstrip()):
            return  # a lead-in without an actor keeps the current default
        continued = _CONTINUES.match(sentence)
        if continued and self.state.last.actors:
            self._emit(start, end, None, self.state.last, sentence, skip_actor=True)
            return
        for _, clause in _clauses(sentence):
            actor = actor_at_start(clause)
            if actor is None:
                continue
            rest = clause[actor.end :].lstrip()
            if _MODAL.search(" " + rest[:40] + " ") and _MODAL.search(" " + rest[:40] + " ").start() == 0:
                self._emit(
                    start, end, None, self._context_from_phrase(actor, clause), sentence, skip_actor=True
                )
                return
            if _COMMITMENT.match(rest):
                self._emit(
                    start,
                    end,
                    None,
                    self._context_from_phrase(actor, clause),
                    sentence,
                    modality="commitment",
                    skip_actor=True,
                )
                return
        if _REPORTING.search(sentence) and self.state.default.actors:
            self._emit(start, end, None, self.state.default, sentence)

    # --- assembly ----------------------------------------------------------------------
    def _context_from_phrase(self, actor: ActorPhrase, text: str) -> _Context:
        name = _TEMPORAL_TAIL.sub("", actor.text)
        collaborators = []
        match = _COLLABORATORS.search(text[actor.end : actor.end + 300])
        if match:
            collaborators = split_actors(match["who"])
        return _Context(split_actors(name), collaborators)

    def _emit(
        self,
        start: int,
        end: int,
        item_path: str | None,
        context: _Context,
        segment: str,
        modality: str | None = None,
        skip_actor: bool = False,
    ) -> None:
        instruction = segment
        own = actor_at_start(segment)
        if own is not None:
            instruction = segment[own.end :]
            if not skip_actor:
                context = self._context_from_phrase(own, segment)
        if modality is None:
            modality = _modality(instruction)
        timing = find_timing(self.text, start, end, self.dates, self.document.header.date)
        refs = list(dict.fromkeys(number for _, number in self.mentions.between(start, end)))
        self.obligations.append(
            Obligation(
                id=f"o{len(self.obligations) + 1}",
                text=self.text[start:end],
                span=(start, end),
                item=item_path,
                actors=list(context.actors),
                collaborators=list(context.collaborators),
                action=action_phrase(instruction),
                modality=modality,
                deadline=timing.deadline,
                deadline_text=timing.deadline_text,
                recurrence=timing.recurrence,
                refs=refs,
            )
        )
        if context.actors:
            self.state.last = context


def _modality(instruction: str) -> str:
    core = re.sub(r"^[\s,:;-]*(?:(?:thì|phải|cần|có trách nhiệm)\s+)?", "", instruction)
    if _PROHIBITION.match(core):
        return "prohibition"
    return "obligation"


def _directive_actor(sentence: str, head_only: bool = False) -> tuple[str, ActorPhrase, int] | None:
    """ "… yêu cầu X …" / "giao X …" / "Đề nghị X …": the cue and the actor phrase after it.
    With head_only, the cue must open the text or follow its subject ("UBND tỉnh giao X …")."""
    for match in _DIRECTIVE.finditer(sentence):
        if head_only and match.start() > 0:
            if match.start() > CLAUSE_WINDOW:
                break
            subject = actor_at_start(sentence[: match.start()] + " thực hiện")
            if subject is None or subject.end < match.start() - 1:
                continue
        after = sentence[match.end() : match.end() + CLAUSE_WINDOW]
        actor = actor_at_start(after)
        if actor is None:
            continue
        phrase = ActorPhrase(actor.text, match.end() + actor.start, match.end() + actor.end)
        return match["cue"], phrase, phrase.end
    return None


def _modal_subjects(rest: str) -> list[str]:
    """A second subject later in the sentence: "…, Đoàn Kiểm tra công vụ cần chủ động …"."""
    out = []
    for clause_start, clause in _clauses(rest):
        if clause_start == 0:
            continue
        actor = actor_at_start(clause)
        if actor is not None and re.match(
            r"\s*(?:cần|phải|có trách nhiệm|chịu trách nhiệm)\b", clause[actor.end :]
        ):
            out.extend(split_actors(actor.text))
    return out


def _sentences(paragraph: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for piece in _SENTENCE_END.split(paragraph):
        idx = paragraph.find(piece, pos)
        out.append((idx, piece))
        pos = idx + len(piece)
    return out


CLAUSE_WINDOW = 400  # an actor phrase and its verb fit in this; longer views would make the work quadratic


def _clauses(sentence: str) -> list[tuple[int, str]]:
    out = [(0, sentence[:CLAUSE_WINDOW])]
    for match in re.finditer(r",\s+|\s+thì\s+", sentence):
        out.append((match.end(), sentence[match.end() : match.end() + CLAUSE_WINDOW]))
    return out


def _is_background(text: str) -> bool:
    return bool(_BACKGROUND.search(text))


def _is_title(text: str) -> bool:
    """A short line that names a section ("Cải cách thể chế", "Thời gian thực hiện")."""
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ";", ",")) and "," not in text


def _is_heading_like(text: str) -> bool:
    words = text.split()
    return len(words) < 4 or (is_upper_text(text) and len(words) < 20)
