"""Obligations of a parsed document, at the granularity of corpus/README.md: one per leaf item,
one per separate instruction paragraph in an item or in prose, one for a closing instruction.

Every unit (a leaf item, a paragraph inside an item, a sentence of prose) goes through one path:
leading grounds and conditions ("Căn cứ …,", "Trường hợp … thì", "Đối với …:") are set aside,
then the main clause names its actor — after a directive ("đề nghị Cục Thuế …"), as its subject
before a modal or an action verb ("Thủ trưởng các đơn vị có trách nhiệm …", "thì Công ty thực
hiện …") — or is an imperative that inherits one: from its item ("a) Bộ Công Thương:", "2.2. Giao
Vụ DTTT"), from an upper-case section heading naming bodies, from the lead-in above it ("… yêu
cầu Trưởng các phòng thực hiện các nội dung sau:"), or from the letter's addressees. The cue
words are data (lexicon/obligation_cues.yaml, run by obligations/cues.py).

Not obligations: quoted law (inside a quotation, under an item that cites a provision, or the
articles of another document quoted in a letter), background ("đã ban hành", "Thời gian qua"),
closing formulas, definitions, permissions, lead-ins whose items carry the instructions, and the
sections that state aims or scope ("MỤC ĐÍCH, YÊU CẦU").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz

from .. import lexicon
from ..extract.patterns import StartIndex
from ..layout.sections import Layout
from ..model import Document, Item, Modality, Obligation
from ..text.chars import UPPER, fold, is_upper_text
from .action import action_phrase, is_instruction
from .actors import (
    ACTOR_START,
    MODAL_VERB,
    ActorPhrase,
    actor_at_start,
    collaborators_in,
    opens_with_verb,
    split_actors,
)
from .clauses import CLAUSE_WINDOW, main_clause, opens_with
from .cues import cues
from .timing import Timing, find_timing

_NOT_INSTRUCTION_SECTION = re.compile(
    r"^" + lexicon.words("non_instruction_sections").alternation(upper=True)
)
_DECISION = re.compile(
    r"^\W*" + lexicon.words("decision_verbs").alternation() + r"(?![^\W\d_])", re.IGNORECASE
)  # "Điều 1. Ban hành kèm theo Quyết định này …": the act itself
_DUTIES_OF = re.compile(
    r"^(?:Nhiệm vụ|Trách nhiệm|Nhiệm vụ, quyền hạn)\s+(?:của|cho)\s+(?P<who>[^:]+?)\s*:?\s*$", re.IGNORECASE
)
_OUTSIDE_BODY = re.compile(
    r"^(?:các\s+)?" + lexicon.words("outside_bodies").alternation() + r"\b", re.IGNORECASE
)
_LOCAL_GOVERNMENT = re.compile(
    r"^(?:các\s+)?" + lexicon.words("local_government").alternation() + r"\b", re.IGNORECASE
)
_DIRECTING_WRITER = re.compile(r"^" + lexicon.words("directing_writers").alternation(upper=True))
_PRIVATE_PARTY = re.compile(
    r"^(?:các\s+|những\s+)?" + lexicon.words("private_parties").alternation() + r"(?![^\W\d_])", re.IGNORECASE
)
_SENTENCE_END = re.compile(rf"(?<=[.!?])\s+(?=[{UPPER[1:-1]}\"(])")
_DUE = re.compile(r"\b(?:trước|chậm nhất|hoàn thành trong)\s+(?:ngày|tháng|quý|năm)\b", re.IGNORECASE)
# "2. Về hoàn thuế GTGT." over the paragraphs that answer it: a topic, not an instruction
_TOPIC_TITLE = re.compile(r"^Về\s[^,;:]{3,80}?\.?\s*$")
_POINT_LABEL = re.compile(r"^(?:\d|[a-zđ]\)|[-+•*])")  # "1.", "1.2.", "a)", "-": a point, not a section
# "X là Y" defines; "chậm nhất là ngày …" dates a task
_DEFINITION = re.compile(
    r"^[^,;:()]{3,80}?(?<!chậm nhất)(?<!muộn nhất)\s+là\s+(?!cơ quan|đơn vị)", re.IGNORECASE
)
_DEADLINE_SENTENCE = re.compile(
    r"^(?:Thời hạn|Thời gian hoàn thành|Hoàn thành|Hạn chót|Báo cáo|Gửi)\b"
    r"[^.]{0,120}\b(?:trước|chậm nhất|trong)\b",
    re.IGNORECASE,
)
_ROLE = r"(?:ch[ủu] tr[ìi]|ph[ốôo]i h[ợo]p)"  # as written, and as OCR spells it ("chủ tri")
_ROLE_ONLY = re.compile(
    rf"^{_ROLE}(?:\s*,?\s*{_ROLE})*(?:\s+(?:chặt chẽ\s+)?(?:với|cùng)\s+[^:]*)?\s*:?\s*$",
    re.IGNORECASE,
)
_FIELD = re.compile(r"^(?P<label>[^:;.]{3,70}?)\s*:\s*(?P<value>\S.*)$", re.DOTALL)
# "thì phải …", "có trách nhiệm …" before the action; a modal verb right after a second subject
_LEADING_MODAL = re.compile(rf"^[\s,:;-]*(?:(?:thì|{MODAL_VERB})\s+)?", re.IGNORECASE)
_MODAL_NEXT = re.compile(rf"\s*{MODAL_VERB}(?![^\W\d_])", re.IGNORECASE)
# "Chủ trì, phối hợp với các Bộ: Tài chính, Xây dựng …": the colon opens the names of the bodies
_NAMES_FOLLOW = re.compile(r"\b(?:các|những)\s+\S+$", re.IGNORECASE)
# "Báo cáo tình hình tài chính Mẫu số B01a - DNN", "Phụ lục … theo mẫu số 03-1A/TNDN.": a paper named
# by its form number (a component of a dossier or of a set of reports), not something to do
_FORM_NAME = re.compile(
    r"^[\s\-+•*]*" + lexicon.words("paper_nouns").alternation() + r"\b.*"
    r"\bm[ẫa]u\s*(?:s[ốôo]\s*)?:?\s*[\w.]{1,8}(?:\s?[-–/]\s?[\w.]{1,10}){0,3}\s*[.;,)]*\s*$",
    re.IGNORECASE | re.DOTALL,
)
# "Luật Quản lý thuế số 38/2019/QH14 có giao Bộ trưởng …", "Nghị định số 126/2020/NĐ-CP yêu cầu …":
# another document's directive, told as background (a type word that is a verb too is left out)
_CITED_DOCUMENT = re.compile(
    r"^(?:các\s+)?(?:"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(lexicon.doc_types()["type_words"], key=len, reverse=True)
        if w not in lexicon.words("action_verbs")
    )
    + r")\s+(?:(?:số|sô|so)\b|(?-i:[A-ZĐ]))",
    re.IGNORECASE,
)
_NORMATIVE = {"Quyết định", "Nghị quyết", "Nghị định", "Thông tư", "Quy chế", "Quy định", "Chỉ thị", "Luật"}


@dataclass
class _Context:
    actors: list[str] = field(default_factory=list)
    collaborators: list[str] = field(default_factory=list)


@dataclass
class _Decision:
    """What a unit is: its actors, the modality when a cue fixed it, where the instruction starts."""

    context: _Context
    modality: Modality | None
    instruction: str
    directed: bool = False  # the actor came from a directive ("yêu cầu X", "giao X")


def find_obligations(
    document: Document, layout: Layout, quotations: list[tuple[int, int]] | None = None
) -> list[Obligation]:
    text = document.text
    builder = _Builder(document, quotations or [])
    items_by_start: dict[int, tuple[Item, list[Item]]] = {}
    item_starts: dict[int, list[int] | None] = {}  # per list of items, for _deepest_containing
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
        # the item's label may follow OCR specks the line opens with ("__ - Trình Chính phủ …")
        label_at = next((k for k in range(start, min(end, start + 4)) if k in items_by_start), None)
        if label_at is not None:
            builder.item_head(*items_by_start[label_at])
            continue
        owner = _deepest_containing(document.items, start, starts=item_starts)
        if owner is not None:
            builder.item_paragraph(owner, start, end)
        else:
            builder.prose(start, end)
    return builder.obligations


def _walk(items: list[Item], ancestors: list[Item]):
    for item in items:
        yield item, ancestors
        yield from _walk(item.children, ancestors + [item])


def _deepest_containing(
    items: list[Item], pos: int, found: tuple[Item, list[Item]] | None = None, starts: dict | None = None
):
    """The deepest item holding pos, with its ancestors. `starts`, kept by the caller across calls,
    lets each list of items be searched by bisection once its spans are known to be in order."""
    item = _holding(items, pos, {} if starts is None else starts)
    if item is None:
        return found
    ancestors = (found[1] + [found[0]]) if found else []
    return _deepest_containing(item.children, pos, (item, ancestors), starts)


def _holding(items: list[Item], pos: int, starts: dict[int, list[int] | None]) -> Item | None:
    """The first item of the list whose span holds pos."""
    if id(items) not in starts:  # spans in order and disjoint: the only candidate is the last start <= pos
        in_order = all(a.span[0] <= a.span[1] <= b.span[0] for a, b in pairwise(items))
        starts[id(items)] = [i.span[0] for i in items] if in_order else None
    ordered = starts[id(items)]
    if ordered is None:
        return next((item for item in items if item.span[0] <= pos < item.span[1]), None)
    k = bisect_right(ordered, pos) - 1
    return items[k] if k >= 0 and pos < items[k].span[1] else None


class _Builder:
    def __init__(self, document: Document, quotations: list[tuple[int, int]]):
        self.document = document
        self.text = document.text
        self.cues = cues()
        self.default = _Context()  # from the last lead-in
        self.last = _Context()  # the actors of the last obligation ("Đồng thời, …" goes on with them)
        self.addressees = _Context([a for name in document.addressees for a in split_actors(name)])
        self.item_context: dict[int, _Context] = {}
        self.excluded: dict[int, bool] = {}  # per item: its paragraphs ask again
        self.obligations: list[Obligation] = []
        self.quotations = sorted(quotations)
        self.dates = StartIndex(document.dates, lambda d: d.span[0])
        self.mentions = StartIndex(
            [(m, r.number) for r in document.references for m in r.mentions], lambda x: x[0][0]
        )
        writer = (document.header.issuer or "") + " " + (document.header.parent_issuer or "")
        self.private_addressees = any(_PRIVATE_PARTY.match(a) for a in self.addressees.actors)
        self.writer_directs = bool(_DIRECTING_WRITER.search(writer.upper().strip()))
        self.normative = document.header.doc_type in _NORMATIVE

    # --- items -------------------------------------------------------------------------
    def item_head(self, item: Item, ancestors: list[Item]) -> None:
        if self._excluded(item, ancestors):
            return
        own = self._item_actor(item)
        if own is not None:
            self.item_context[id(item)] = own
        if item.children:
            head_end = self._line_end(item.span[0])
            inline = [c for c in item.children if c.span[0] < head_end and c.label.startswith("(")]
            if len(inline) == len(item.children) and not self._role_lead_in(item.text):
                self._leaf(item, ancestors)  # "a) Khẩn trương trình …, trong đó: (i) …; (ii) …" is a task
            for child in inline:
                self._leaf(child, [*ancestors, item])  # inline (1), (2) inside the head line
            if len(inline) < len(item.children):
                self._head_with_own_task(item, ancestors)
            return
        self._leaf(item, ancestors)

    def _role_lead_in(self, head: str) -> bool:
        """ "Các phòng phối hợp với Văn phòng Sở: (1) …; (2) …": a subject and its role lead in."""
        actor = actor_at_start(head)
        return actor is not None and _ROLE_ONLY.match(head[actor.end :].strip(" ,")) is not None

    def _head_with_own_task(self, item: Item, ancestors: list[Item]) -> None:
        """ "- Cơ quan thuế các cấp thực hiện xây dựng chuyên đề … đạt tối thiểu 10% …:" over its cases:
        a head that names its subject and what it must do is an instruction itself (a bare lead-in,
        a section title or "Giao Vụ X:" is not)."""
        head = self._after_topic(item.text)
        actor = actor_at_start(head)
        if len(head.split()) < 8 or self._quoted(item.span[0]):
            return
        if actor is None:
            self._head_paragraph(item, ancestors, head)
            return
        decision = self._subject_clause(head, actor, inherited=None)
        if (
            decision is None
            or self._is_background(head)
            or _ROLE_ONLY.match(decision.instruction)
            or opens_with(self.cues.find(decision.instruction, "directive"))
        ):
            return  # "Sở X chủ trì, phối hợp với các địa phương:", "Tổng cục Thuế đề nghị Cục Thuế …" lead in
        start = self.text.find(item.text, item.span[0])
        if start >= 0:
            self._emit(start, start + len(item.text), self._item_path(item, ancestors), decision)

    def _head_paragraph(self, item: Item, ancestors: list[Item], head: str) -> None:
        """ "1. Hoàn thành kế hoạch … trước ngày 29/4/2023. Đồng thời, tổ chức thực hiện …" over its
        dashes: a head that is a whole instruction paragraph, not a title or a lead-in, is a task of
        the item's actor."""
        if (
            len(head.split()) < 12
            or not head.rstrip().endswith((".", ";"))
            or is_upper_text(head)
            or not _POINT_LABEL.match(item.label)  # a section ("II. Xây dựng chỉ tiêu …") is titled
            or not (len(_sentences(head)) > 1 or self.cues.has(head, "modal") or _DUE.search(head))
        ):
            return  # one plain sentence over sub-points names their topic ("Xử phạt nộp chậm hồ sơ …")
        decision = self._decide(head, inherited=self._context_for(item, ancestors))
        start = self.text.find(item.text, item.span[0])
        if decision is not None and decision.context.actors and start >= 0:
            self._emit(start, start + len(item.text), self._item_path(item, ancestors), decision)

    def item_paragraph(self, owner: tuple[Item, list[Item]], start: int, end: int) -> None:
        item, ancestors = owner
        if self._excluded(item, ancestors) or self._quoted(start):
            return
        segment = self.text[start:end]
        if _is_heading_like(segment) or (item.children and self.cues.has(segment.rstrip(), "lead_in")):
            return  # a lead-in to the item's sub-points: they carry the instructions
        self._unit(
            start, end, self._item_path(item, ancestors), self._context_for(item, ancestors), in_item=True
        )

    def _leaf(self, item: Item, ancestors: list[Item]) -> None:
        head_end = self._line_end(item.span[0])
        if head_end > item.span[1] or item.label.startswith("("):
            head_end = item.span[1]
        text_start = self.text.find(item.text, item.span[0], head_end + 1) if item.text else -1
        if text_start < 0 or self._quoted(text_start):
            return
        segment = item.text
        has_paragraphs = item.span[1] > head_end + 1 and not item.label.startswith("(")
        if _is_heading_like(segment) or (
            has_paragraphs and (_is_title(segment) or _TOPIC_TITLE.match(segment))
        ):
            return  # "1. Cải cách thể chế" titles the paragraphs below it
        end = text_start + len(segment)
        path = self._item_path(item, ancestors)
        context = self._context_for(item, ancestors)
        if id(item) in self.item_context:  # "1. Sở Tài chính chủ trì …" names its own actor
            context = self.item_context[id(item)]
        self._unit(text_start, end, path, context, in_item=True)

    def _item_actor(self, item: Item) -> _Context | None:
        text = item.text
        duty = _DUTIES_OF.match(text)
        if duty and item.children:
            return _Context(split_actors(duty["who"]))  # "Nhiệm vụ của Tổ công tác:"
        if item.children and is_upper_text(text) and ACTOR_START.match(text):
            return _Context(split_actors(text.rstrip(":. ")))  # "II. ỦY BAN NHÂN DÂN CÁC HUYỆN"
        if item.children and not self.cues.has(text, "directive"):  # "b) Bộ Tài chính" over its tasks
            name = text.rstrip(":. ")
            whole = actor_at_start(name, to_end=True)
            if whole is not None and whole.end >= len(name):
                return _Context(split_actors(whole.text))
        # "2.2. Giao Vụ DTTT", "Tổng cục Thuế đề nghị các Cục Thuế:", the colon lost or never written
        directive = self._directive(text, None, named_only=True)
        if directive is not None:
            return directive.context
        cue = self.cues.find(text, "directive")
        named = text[cue.end :].strip(" .:") if cue is not None else ""
        if cue is not None and cue.start < 3 and item.children and ACTOR_START.match(named):
            return _Context(split_actors(named))  # "2.3. Giao Vụ Chính sách."
        text = self._after_topic(text)  # "- Về thể thức: Cơ quan Thuế các cấp thực hiện …"
        actor = actor_at_start(text)
        if actor is None:
            return None
        return self._context_from(actor, text)

    def _after_topic(self, text: str) -> str:
        """An item head after its leading topic ("Về nội dung trả lời: …", "Đối với hồ sơ giấy: …")."""
        topic = self.cues.find(text[:CLAUSE_WINDOW], "condition")
        colon = text.find(":", 0, 160)
        if topic is None or topic.start > 3 or colon < 0 or not text[colon + 1 :].strip():
            return text
        return text[colon + 1 :].lstrip()

    def _context_for(self, item: Item, ancestors: list[Item]) -> _Context:
        for node in [item, *reversed(ancestors)]:
            if id(node) in self.item_context:
                return self.item_context[id(node)]
        if self.default.actors:
            return self.default
        return self.addressees

    def _excluded(self, item: Item, ancestors: list[Item]) -> bool:
        if id(item) not in self.excluded:
            self.excluded[id(item)] = self._is_excluded(item, ancestors)
        return self.excluded[id(item)]

    def _is_excluded(self, item: Item, ancestors: list[Item]) -> bool:
        chain = [*ancestors, item]
        if self._enumerated(item, ancestors):
            return True  # "Hồ sơ gồm: - Tờ khai …; - Báo cáo tài chính …": components, not tasks
        top = chain[0]
        if top.label.startswith("Điều 1") and self.document.header.doc_type in (None, "Quyết định"):
            if not (len(top.label) > 6 and top.label[6].isdigit()) and _DECISION.match(top.text):
                return True  # Điều 1 of a quyết định is the decision itself (thành lập, phê duyệt …)
        if not self.normative and any(fold(node.label).startswith("DIEU") for node in chain):
            return True  # articles of another document quoted in a letter
        if any(self.cues.has(node.text, "basis") for node in ancestors):
            return True  # "- Tại khoản 3 Điều 8 … quy định:" and the provisions quoted under it
        return any(
            _NOT_INSTRUCTION_SECTION.match(node.text.upper())
            and (is_upper_text(node.text) or (node is not item and len(node.text) < _title_length(node)))
            for node in chain
        )

    def _enumerated(self, item: Item, ancestors: list[Item]) -> bool:
        """The item belongs to a list that a line such as "Hồ sơ gồm:" introduces: the line before
        the run of same-label siblings it closes ("- Bản thuyết minh …" / "Bao gồm các doanh nghiệp
        sau:" / "- Doanh nghiệp có vốn đầu tư nước ngoài;"), or the parent's own head."""
        siblings = ancestors[-1].children if ancestors else self.document.items
        first = next((s for s in siblings if s.label == item.label), item)
        if self._introduced(first, ancestors)[0]:
            return True  # the first item of this label opens a list of components
        k = next((i for i, s in enumerate(siblings) if s is item), 0)
        while siblings[k] is not first:
            introduced, intro_start = self._introduced(siblings[k], ancestors)
            if introduced:
                return True
            previous = siblings[k - 1]
            if previous.label != item.label or not self._in_head(previous, intro_start):
                return False  # the line before is a paragraph of its own: the run starts here
            k -= 1
        return False

    def _introduced(self, item: Item, ancestors: list[Item]) -> tuple[bool, int]:
        """Whether the last line before the item (or its parent's head) introduces components, and
        where that line starts."""
        start = item.span[0]
        window = max(0, start - 400)
        before = self.text[window:start].rstrip()
        intro_start = window + before.rfind("\n") + 1
        introducer = self.text[intro_start : window + len(before)].strip()
        if ancestors and intro_start <= ancestors[-1].span[0]:
            introducer = ancestors[-1].text  # the parent's own head introduces the list
        return bool(introducer) and self.cues.has(introducer.rstrip(), "enumeration"), intro_start

    def _in_head(self, item: Item, pos: int) -> bool:
        """pos lies in the item's head text (its first paragraph), not in a paragraph below it."""
        head = self.text.find(item.text, item.span[0]) if item.text else -1
        return head >= 0 and pos <= head + len(item.text)

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
        if self._quoted(start):
            return
        paragraph = self.text[start:end]
        pieces = _sentences(paragraph)
        for k, (offset, sentence) in enumerate(pieces):
            following = pieces[k + 1][1] if k + 1 < len(pieces) else ""
            self._sentence(start + offset, start + offset + len(sentence), sentence, following)

    def _sentence(self, start: int, end: int, sentence: str, following: str) -> None:
        if self.cues.has(sentence, "closing") or _is_heading_like(sentence):
            return
        lead_in = self.cues.has(sentence.rstrip(), "lead_in")
        decision = self._decide(sentence, inherited=None)
        if decision is not None and decision.directed:
            self.default = decision.context  # the items below inherit the actor of the last order
        if decision is not None and lead_in and len(sentence) < 600:
            return  # a lead-in: its items carry the instructions
        if decision is None:
            continued = self.cues.find(sentence, "continues")
            if continued is not None and continued.start < 3 and self.last.actors:
                rest = sentence[continued.end :].lstrip(" ,")
                if is_instruction(rest):
                    self._emit(
                        start, end, None, _Decision(self.last, self._modality(rest, self.last, None), rest)
                    )
                return
            if self.cues.has(sentence, "reporting") and self.default.actors and not lead_in:
                self._emit(start, end, None, _Decision(self.default, "obligation", sentence))
            return
        if lead_in:
            return
        deadline_end = end
        if following and _DEADLINE_SENTENCE.match(following):
            deadline_end = end + 1 + len(following)  # "… Thời hạn hoàn thành trước ngày 10/6/2026."
        self._emit(start, end, None, decision, deadline_end)

    # --- one path for every unit ------------------------------------------------------
    def _unit(self, start: int, end: int, item_path: str | None, context: _Context, in_item: bool) -> None:
        segment = self.text[start:end]
        if self.cues.has(segment, "closing"):
            return
        if segment.rstrip().endswith(":") and not self.cues.has(segment, "directive"):
            return  # a heading or a lead-in inside an item: what follows it says what to do
        if len(segment) < 200 and _FORM_NAME.match(segment) and not self.cues.has(segment, "modal"):
            return
        decision = self._decide(segment, inherited=context if in_item else None)
        if decision is None and in_item:
            decision = self._later_sentence(segment)
        if decision is None:
            return
        self._emit(start, end, item_path, decision)

    def _later_sentence(self, segment: str) -> _Decision | None:
        """ "- Việc phân ngưỡng … là nội dung bắt buộc … Các Cục Thuế thực hiện lựa chọn …": an item
        that opens with a statement may name who must act, and what, in a later sentence."""
        for offset, sentence in _sentences(segment)[1:]:
            if offset >= CLAUSE_WINDOW * 3 or self.cues.has(sentence, "closing"):
                break
            decision = self._decide(sentence, inherited=None)
            if decision is not None and decision.modality != "commitment":
                return decision
        return None

    def _decide(self, unit: str, inherited: _Context | None) -> _Decision | None:
        """Is this unit an instruction, to whom, with what modality? None when it is not one."""
        view = unit[:CLAUSE_WINDOW]
        if self._field_line(view):
            return None
        main = main_clause(view)
        if main is None:
            return None
        clause = view[main:]
        if main and self.cues.has(view[:main], "restated_law") and not self.cues.has(clause, "directive"):
            return None  # "Theo quy định tại Điều 32 … thì người sử dụng lao động phải …": the law's words
        if self._is_background(clause) or _DEFINITION.match(clause) and not self.cues.has(clause, "modal"):
            return None
        # the directive's actors may run past the view: "… Thủ tướng Chính phủ yêu cầu các Bộ trưởng, …"
        directive = self._directive(unit[main : main + 2 * CLAUSE_WINDOW], inherited, cue_limit=len(clause))
        if directive is not None:
            return directive
        actor = actor_at_start(clause)
        if actor is not None:
            return self._subject_clause(clause, actor, inherited)
        if len(unit) > CLAUSE_WINDOW and (late := self._late_directive(unit)) is not None:
            return late
        if inherited is None:
            return None
        instruction = clause.lstrip(" ,:;-")
        if self.cues.find(instruction, "permission"):
            return None  # a permission: not something to do
        if not is_instruction(instruction) and not (inherited.actors and self._nominal_duty(instruction)):
            return None  # a definition, a form field, a scope line
        context = inherited if inherited.actors else self.addressees
        return _Decision(context, self._modality(instruction, context, None), instruction)

    def _late_directive(self, unit: str) -> _Decision | None:
        """ "Thực hiện Kết luận số 34-KL/TW …; nhằm bảo đảm …, Thủ tướng Chính phủ yêu cầu các bộ,
        ngành, địa phương …": a long opening ground, then a subject and its directive after a comma,
        past the view the other rules read."""
        for cue in self.cues.find_all(unit[: 2 * CLAUSE_WINDOW], "directive"):
            if cue.start < CLAUSE_WINDOW // 2:
                continue
            clause_start = max(unit.rfind(", ", 0, cue.start), unit.rfind("; ", 0, cue.start)) + 2
            subject = unit[clause_start : cue.start].strip()
            actor = actor_at_start(subject, to_end=True) if clause_start > 1 else None
            if actor is not None and actor.end >= len(subject):
                return self._directive(unit[clause_start : clause_start + 2 * CLAUSE_WINDOW], None)
        return None

    def _nominal_duty(self, instruction: str) -> bool:
        """ "- Việc xây dựng kế hoạch … phải được thực hiện theo …": the task named as a noun, then
        a modal in its first clause, under an item whose actor is known."""
        if not re.match(r"Việc\s", instruction):
            return False
        first = re.split(r"[.;:]\s", instruction[:CLAUSE_WINDOW], maxsplit=1)[0]
        return self.cues.find(first, "modal") is not None

    def _field_line(self, view: str) -> bool:
        """ "Cơ quan nhận báo cáo: Bộ Tài chính;", "Xã không ma túy: hệ số 1,0.": a label and its value."""
        field = _FIELD.match(view)
        if (
            field is None
            # "Tiếp tục triển khai các giải pháp … không dùng: tiền mặt": a clause, not a label (a label
            # is followed by its value: "Tổ chức có vốn điều lệ trên 10 tỷ đồng: 3.000.000 đồng/năm")
            or (
                len(field["label"].split()) >= 4
                and opens_with_verb(field["label"])
                and not field["value"].lstrip()[:1].isdigit()
            )
            or self.cues.has(field["label"], "directive")
            or self.cues.has(field["label"], "modal")
            or _NAMES_FOLLOW.search(field["label"])
            or self.cues.has(field["label"], "condition")  # "Trường hợp 2: … thì Cơ quan thuế …"
        ):
            return False
        value = field["value"]
        actor = actor_at_start(value)
        return not is_instruction(value[actor.end :] if actor else value)

    def _directive(
        self,
        clause: str,
        inherited: _Context | None,
        cue_limit: int = CLAUSE_WINDOW,
        named_only: bool = False,
    ) -> _Decision | None:
        """ "đề nghị Cục Thuế lập danh sách …", "UBND tỉnh giao Sở Y tế …": the cue opens the
        clause (within its first `cue_limit` characters) or follows its subject, and an actor
        follows the cue (with `named_only`, an item head, the actor may end the text)."""
        for cue in self.cues.find_all(clause[:cue_limit], "directive"):
            subject = clause[: cue.start].strip()
            if subject and _CITED_DOCUMENT.match(subject) and "này" not in subject:
                return None  # a law that assigns: background, not a task of this document
            if subject and opens_with_verb(subject):
                # "Tổ chức, quán triệt …; Yêu cầu người nộp thuế cung cấp …": the task comes first
                return None
            after = clause[cue.end : cue.end + CLAUSE_WINDOW]
            actor = actor_at_start(after, to_end=named_only)  # an item head may end at the name
            opens = opens_with(cue) or opens_with(self.cues.find(subject, "condition"))
            if actor is None and opens and opens_with_verb(after.lstrip(" ,:")):
                # "… nếu có vướng mắc, đề nghị phản ánh về Tổng cục Thuế": the addressees are asked
                context = inherited if inherited is not None and inherited.actors else self.addressees
                if not context.actors:
                    return None
                instruction = after.lstrip(" ,:")
                return _Decision(context, self._cue_modality(cue.text, context), instruction)
            if actor is None:
                return None
            if inherited is not None and inherited.actors and _PRIVATE_PARTY.match(actor.text.strip()):
                # "yêu cầu cá nhân đó xuất trình …": what the inherited actor must do to someone
                return _Decision(inherited, "obligation", clause[cue.start :])
            context = self._context_from(actor, after)
            context.actors += _modal_subjects(after[actor.end :])
            modality = self._cue_modality(cue.text, context)
            modality = modality or self._modality(after[actor.end :], context, None)
            return _Decision(context, modality, after, directed=True)
        return None

    def _subject_clause(
        self, clause: str, actor: ActorPhrase, inherited: _Context | None
    ) -> _Decision | None:
        rest = clause[actor.end :].lstrip(" ,:")
        if self.cues.find(rest, "commitment"):
            return _Decision(self._context_from(actor, clause), "commitment", rest)
        if self.cues.find(rest, "permission"):
            duty = self.cues.find(rest, "duty_despite")
            if duty is None:
                return None
            context = self._context_from(actor, clause)  # "Công ty được miễn …, nhưng phải kê khai …"
            return _Decision(context, self._modality(rest[duty.end :], context, None), rest[duty.end :])
        modal = self.cues.find(rest, "modal")
        if modal is not None and modal.start < 3:
            context = self._context_from(actor, clause)
            return _Decision(context, self._modality(rest[modal.end :], context, None), rest)
        if not is_instruction(rest):
            return None
        if inherited is None and self.document.kind == "article":
            return None  # a news report's "Sở Nội vụ triển khai …" tells what was done
        if _PRIVATE_PARTY.match(actor.text.strip()) and not self.private_addressees:
            return None  # "Các doanh nghiệp khai thác, vận chuyển …" describes whom the letter is about
        if inherited is None and self._is_writer(actor.text):
            return None  # the writer telling what it does: not a task for anyone else
        context = self._context_from(actor, clause)
        return _Decision(context, self._modality(rest, context, None), rest)

    # --- assembly ----------------------------------------------------------------------
    def _context_from(self, actor: ActorPhrase, text: str) -> _Context:
        return _Context(split_actors(actor.text), collaborators_in(text[actor.end : actor.end + 400]))

    def _is_writer(self, name: str) -> bool:
        """The subject is the document's own issuer, also as OCR spelled it ("Thủ tướng Chính phi")."""
        issuer = fold(self.document.header.issuer or "")
        return bool(issuer) and fuzz.partial_ratio(fold(name).strip(), issuer) >= 85

    def _is_background(self, text: str) -> bool:
        background = self.cues.find(text, "background")
        return background is not None and not self.cues.has(text, "directive")

    def _cue_modality(self, cue: str, context: _Context) -> Modality | None:
        """ "đề nghị" to a body the writer does not direct is a recommendation."""
        if "nghị" not in cue.lower():
            return None
        for actor in context.actors:
            if _OUTSIDE_BODY.match(actor) and not self._same_domain(actor):
                return "recommendation"
            if _LOCAL_GOVERNMENT.match(actor) and not self.writer_directs:
                return "recommendation"
        return None

    def _same_domain(self, actor: str) -> bool:
        """Tổng cục Thuế directs the Cục Thuế, a Bộ its Tổng cục: the actor's name holds the last
        word of the writer's name ("THUẾ")."""
        words = fold(self.document.header.issuer or "").split()
        return bool(words) and len(words[-1]) > 2 and words[-1] in fold(actor).split()

    def _modality(self, instruction: str, context: _Context, fixed: Modality | None) -> Modality:
        if fixed:
            return fixed
        core = _LEADING_MODAL.sub("", instruction)
        return "prohibition" if self.cues.find(core, "prohibition") else "obligation"

    def _emit(
        self,
        start: int,
        end: int,
        item_path: str | None,
        decision: _Decision,
        deadline_end: int | None = None,
    ) -> None:
        context = decision.context
        timing = self._timing(start, end, deadline_end)
        refs = list(dict.fromkeys(number for _, number in self.mentions.between(start, end)))
        collaborators = context.collaborators or collaborators_in(self.text[start:end])
        self.obligations.append(
            Obligation(
                id=f"o{len(self.obligations) + 1}",
                text=self.text[start:end],
                span=(start, end),
                item=item_path,
                actors=list(context.actors), collaborators=list(collaborators),
                action=action_phrase(decision.instruction), modality=decision.modality or "obligation",
                deadline=timing.deadline, deadline_text=timing.deadline_text, recurrence=timing.recurrence,
                refs=refs,
            )
        )  # fmt: skip
        if context.actors:
            self.last = context

    def _timing(self, start: int, end: int, deadline_end: int | None) -> Timing:
        timing = find_timing(self.text, start, end, self.dates, self.document.header.date)
        if timing.deadline is None and deadline_end is not None and deadline_end > end:
            following = find_timing(self.text, end, deadline_end, self.dates, self.document.header.date)
            timing.deadline, timing.deadline_text = (
                following.deadline,
                following.deadline_text or timing.deadline_text,
            )
        return timing

    def _quoted(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quotations)

    def _line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end


def _modal_subjects(rest: str) -> list[str]:
    """A second subject later in the sentence: "…, Đoàn Kiểm tra công vụ cần chủ động …"."""
    out = []
    for clause_start, clause in _clauses(rest):
        if clause_start == 0:
            continue
        actor = actor_at_start(clause)
        if actor is not None and _MODAL_NEXT.match(clause[actor.end :]):
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


def _clauses(sentence: str) -> list[tuple[int, str]]:
    out = [(0, sentence[:CLAUSE_WINDOW])]
    for match in re.finditer(r",\s+|;\s+|\s+thì\s+", sentence):
        out.append((match.end(), sentence[match.end() : match.end() + CLAUSE_WINDOW]))
    return out


def _title_length(node: Item) -> int:
    """How long a section title may be: an article's ("Điều 5. Tiêu chí xác định địa bàn cấp tỉnh
    trọng điểm phức tạp về ma túy") runs longer than a point's heading."""
    return 100 if fold(node.label).startswith("DIEU") else 40


def _is_title(text: str) -> bool:
    """A short line that names a section ("Cải cách thể chế", "Thời gian thực hiện")."""
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ";", ",")) and "," not in text


def _is_heading_like(text: str) -> bool:
    words = text.split()
    return len(words) < 4 or (len(words) < 20 and is_upper_text(text))
