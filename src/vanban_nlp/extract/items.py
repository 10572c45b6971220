"""The tree of enumerated directive items in a document body.

Markers (vn-document-format.md §5): `Phần`, `Chương`, `Mục`, `Điều 1.`, `I.`/`I-`, `1.`/`1/`/`1)`,
`1.1.`, `1.1.1.`, `a)`/`đ)`, `b.1)`, `(1)`, `-`, `+`, `•`, ordinal words (`Thứ nhất,`, `Một là,`)
and inline `(1) … (2) …` inside a paragraph.

Nesting follows the rank of the marker kind, in the order of NĐ 30/2020 and HD 36-HD/VPTW
(Phần > Chương > Mục > Điều > I. > 1. > 1.1. > 1.1.1. > a) > b.1) and (1) > - and • > +): a kind
already open closes everything below it; a kind of higher rank closes the lower ones; kinds of
equal rank nest in their order of first appearance. Two things open a level whatever the ranks:
an item that ends with a lead-in to quoted text ("… quy định:", "… như sau:"), and a quotation
("“3. Tổng chi phí …”"), whose numbering is the quoted document's own and never closes the
letter's items. Labels that OCR damaged ("§." for "8.", "HI." for "III.", "Đ)", "8)" for "b)",
"1," for "1.", "_" or "~" for "-") count only where they continue the open sequence. Paragraphs
without a marker continue the current item; a closing paragraph ("Trên đây …", "Đề nghị các …
thực hiện") ends the list. A weekday ("Thứ hai, 11/03/2024") is not an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .. import lexicon
from ..model import Item
from ..text.chars import UPPER, fold, is_upper_line

_ORDINALS = lexicon.words("ordinal_words").words
_NUMBER_WORDS = lexicon.words("number_words").words
_CLOSERS = lexicon.words("list_closers")
_AMENDING = re.compile(lexicon.words("amending_verbs").alternation() + r"\b", re.IGNORECASE)
_LIST_END = re.compile(
    "^(?:" + "|".join([_CLOSERS.alternation() + r"(?=\s|,|:|$)", *_CLOSERS.extra.get("patterns", [])]) + ")"
)
# The Vietnamese alphabet of điểm letters (a, b, c, d, đ, e, g, h, i, k, l, m, n …; no f, j, w, z).
LETTERS = "abcdđeghiklmnopqrstuvxy"
# OCR reads these digits for these letters in a lettered list ("8)" for "b)").
_DIGIT_FOR_LETTER = {"8": "b", "6": "b", "0": "o"}
_SIGN_FOR_LETTER = {"©": "c", "ø": "g"}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# OCR reads "III" as "HI", "II" as "Il" or "lI"
_ROMAN_OCR = {
    "HI": "III",
    "H": "II",
    "Il": "II",
    "lI": "II",
    "IL": "II",
    "IIl": "III",
    "Ill": "III",
    "l": "I",
    "L": "I",
    "Vv": "V",
}

RANKS = {
    "part": 0, "chapter": 1, "section": 2, "dieu": 3, "roman": 4, "arabic": 5, "ordinal": 5,
    "arabic2": 6, "arabic3": 7, "letter": 8, "letter_sub": 9, "paren": 9, "dash": 10, "bullet": 10,
    "plus": 11, "plus2": 12,
}  # fmt: skip
UNORDERED = {"dash", "bullet", "plus", "plus2"}
BOUNDARIES = {"part", "chapter", "section"}


class Context(Protocol):
    """What the open lists expect next, for reading labels that OCR damaged."""

    def expect(self, kind: str) -> int:
        """The value that continues the open list of this kind (1 when none is open);
        "arabic)" asks about "1)"-style labels only."""
        ...

    def position(self, kind: str) -> int:
        """How many items the open list of this kind has so far (0 when none is open)."""
        ...

    @property
    def roman_headings(self) -> bool:
        """The document numbers its sections with Roman numerals ("II.", "III.")."""
        ...


@dataclass(frozen=True)
class Label:
    kind: str
    text: str  # the label as the item shows it ("1.", "a)", "-", "Điều 3", "Thứ hai")
    start: int  # where the label starts in the line
    end: int  # where the item's own text starts in the line
    value: int | None = None  # place in its sequence, for ordered kinds
    certain: bool = True  # False for OCR-damaged forms, kept only when they continue a sequence


_ORD_ALT = lexicon.words("ordinal_words").alternation()
_NUMW_ALT = lexicon.words("number_words").alternation()
_LEADING_JUNK = re.compile(
    r"^[\"'`‘’“”.,]+\s*|^[_~]{1,3}\s+(?=[\dIVXa-zđA-ZĐ(§]{1,5}[.)/,\-]|\()|^[_~]{1,3}(?=\d{1,2}(?:\.\d{1,2})*\.\s)"
    r"|^[_~]{1,3}\s*(?=-\s)"
)
# "11/ CT-TTg", "01/ GHAN": a document or form number broken by a wrap, not a label
_CODE_AFTER_SLASH = re.compile(rf"\s*{UPPER}[\wĐđ&]*\s?-|\s*{UPPER}{{3,}}\b")
_FILE_NAME = re.compile(r"^\S*\.(?:docx?|pdf|txt|xlsx?)\b", re.IGNORECASE)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "part",
        re.compile(r"^(?P<label>(?:Phần|PHẦN)\s+(?:thứ\s+\w+|THỨ\s+\w+|[IVX]{1,5}|\d{1,2}))\s*[.:\-]?\s*"),
    ),
    ("chapter", re.compile(r"^(?P<label>(?:Chương|CHƯƠNG)\s+(?:[IVX]{1,5}|\d{1,2}))\b\s*[.:\-]?\s*")),
    ("section", re.compile(r"^(?P<label>(?:Mục|MỤC)\s+(?:\d{1,2}|[IVX]{1,5}))\s*[.:]\s*(?=\S)")),
    ("roman", re.compile(r"^(?P<label>(?P<roman>[IVX]{1,5}|HI|H|Il|lI|IL|IIl|Ill|Vv)\s*[.\-/])\s+(?=\S)")),
    (
        "roman",
        re.compile(rf"^(?P<label>(?P<roman>L|IL))\s+(?={UPPER})"),
    ),  # "L Những nội dung …": OCR lost the dot
    ("arabic3", re.compile(r"^(?P<label>\d{1,2}\.\d{1,2}\.\d{1,2}\.?)\s+(?=\S)")),
    ("arabic2", re.compile(r"^(?P<label>(?P<major>\d{1,2})\.(?P<n>\d{1,2})\.?)\s+(?=[^\d\s])")),
    # "1. ,Mây dựng …": an OCR speck between the label and its text
    # "2. _ Tăng cường …", "6... Trên cơ sở …": OCR specks or extra dots after the label
    (
        "arabic",
        re.compile(
            rf"^(?P<label>(?P<n>\d{{1,2}})(?P<p>[.)/]))(?!\d)(?:(?<=\.)\.{{1,2}}(?=\s+{UPPER}))?"
            r"\s*(?:[,'`]\s*|[_~]\s+(?=[^\W\d_]))?(?=[^\W\d_]|\()"
        ),
    ),
    ("arabic", re.compile(r"^(?P<label>(?P<ocr>§)\s?[.)])\s*(?:[_~]\s*)?(?=[^\W\d_])")),
    ("arabic", re.compile(rf"^(?P<label>(?P<n>\d{{1,2}}),)\s+(?={UPPER})")),
    ("letter_sub", re.compile(r"^(?P<label>(?P<l>[a-zđ])\.(?P<n>\d{1,2})\))\s*(?=\S)")),
    ("letter", re.compile(r"^(?P<label>(?P<l>[a-zđ])\))\s*(?=\S)")),
    ("letter", re.compile(r"^(?P<label>(?P<u>[A-ZĐ©ø])\))\s*(?=\S)")),
    ("paren", re.compile(r"^(?P<label>\((?P<n>\d{1,2})\))\s*(?=\S)")),
    # "-" then a space or a capital; OCR's "_", "~", "¬" (with a speck after) only before a capital
    # ("_ trình Bộ" is a wrapped line)
    (
        "dash",
        re.compile(
            rf"^(?P<label>-)(?:\s+(?=\S)|(?={UPPER}|\())|^(?P<ocr>[_~¬])\s*(?:[_~>›»7]\s+)?(?={UPPER})"
        ),
    ),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?=[^\W\d_]|\()")),
    ("plus2", re.compile(r"^(?P<label>\+\+)\s*(?=[^\W\d_]|\()")),  # "++ Cá nhân …" under "+ …"
    ("bullet", re.compile(r"^(?P<label>[•·▪●○◦*])\s*(?=\S)")),
    ("ordinal", re.compile(rf"^(?P<label>Thứ\s+(?P<ord>{_ORD_ALT}))\s*[,:.]\s*(?=\S)")),
    ("ordinal", re.compile(rf"^(?P<label>(?P<num>{_NUMW_ALT})(?:\s+là)?)\s*[,:]\s*(?=\S)", re.IGNORECASE)),
]
# on fold(line): "Diéu 11." too; OCR reads a lone "1" as "ï", "I", "l" or "|"
_DIEU = re.compile(r"^(?P<label>DIEU\s+(?:(?P<n>\d{1,3})[A-Z]?|(?P<ocr>[IL|]))(?=[\s.:]|$))\s*(?:[.:]\s*|$)")
_WEEKDAY_AFTER = re.compile(r"^\s*(?:ngày\s*)?\d{1,2}\s*[/-]\s*\d{1,2}|^\s*ngày\s+\d")
_LEAD_IN = re.compile(
    r"(?:quy định|như sau|sau đây|sau|gồm|bao gồm|cụ thể)[^:]{0,40}:[\s\-_~ˆ„`'\"“”]*$", re.IGNORECASE
)
_INLINE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=:))\((?P<n>\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\)\s*")
# a quotation opens a line and closes at a line end ("…;”", "… do.”", "… này. ”.")
# a second Roman section heading: "1." before it in capitals is "I." as OCR read it
_ROMAN_HEADING = re.compile(rf"^[ \t]*(?:II|III|IV|Il|HI|IL)\s*[.\-]\s+{UPPER}{{2}}", re.MULTILINE)
_ONLY_MARKS = re.compile(r"^[\W_]{1,4}$")
_RULE_ONLY = re.compile(r"\s*[-_=*.~…]{3,}\s*$")
_TRAILING_JUNK = re.compile(r"[\s\-_~ˆ„`'\"“”.,]+$")
_QUOTE_OPEN = re.compile(r"^[\s_~]*[\"“]")
_QUOTE_CLOSE = re.compile(r"[\"”][\s.;,`'/]*$")
# a paragraph that goes back to the letter's own voice ends a quotation whose closing mark OCR lost
_AFTER_QUOTE = re.compile(
    r"^(?:Căn cứ (?:các |những )?(?:quy định|hướng dẫn)|Như vậy|Theo đó|Trên đây)\b"
    r"|^(?:Căn cứ|Quy định|Theo|Do đó|Vì vậy)\b[^.]{0,150}\b(?:nêu trên|trên đây|nói trên)\b"
)
# an item that cites is the letter's own voice: "- Căn cứ khoản 3 …", "+ Tại Điều 10 …"
_CITING = re.compile(
    r"^(?:CAN CU|TAI (?:KHOAN|DIEM|DIEU|MUC|CHUONG|PHU LUC|NGHI|THONG|LUAT|BO LUAT|QUYET|CONG|CHI)|"
    r"THEO (?:QUY DINH|KHOAN|DIEM|DIEU))\b"
)  # matched on fold(text), so OCR's "Tai Điều 47" counts too


def read_label(line: str, context: Context | None = None, trusted: bool = False) -> Label | None:
    """The item marker at the start of a stripped line, or None.

    OCR-damaged labels are only read where they continue the open list (`context`), or when the
    line is `trusted` to start an item (it opens a quotation, or follows a lead-in colon)."""
    junk = _LEADING_JUNK.match(line)
    offset = junk.end() if junk else 0
    rest = line[offset:]
    label = _read(rest)
    if label is None:
        return None
    if context is not None:
        label = _in_context(label, rest, context)
    if not label.certain and not trusted and not _continues(label, context):
        return None
    return Label(label.kind, label.text, label.start + offset, label.end + offset, label.value, label.certain)


def _continues(label: Label, context: Context | None) -> bool:
    if context is None:
        return False
    if label.kind in UNORDERED:
        return context.position(label.kind) > 0  # "_ Người …" inside an open dash list
    return label.value == context.expect(label.kind)


def _in_context(label: Label, rest: str, context: Context) -> Label:
    if label.kind == "arabic" and label.text.endswith(")"):
        return _as_letter(label, context)
    if label.kind == "arabic" and context.roman_headings and label.value == context.expect("roman"):
        if is_upper_line(rest[label.end :]):  # "1. TINH THẦN CHỈ ĐẠO" where the next heading is "II."
            return Label("roman", label.text, label.start, label.end, label.value, True)
    if label.kind == "dash":
        inner = _read(rest[label.end :])  # "- 3. Phối hợp …": a speck read as a dash before the label
        if (
            inner is not None
            and inner.kind.startswith("arabic")
            and inner.value == context.expect(inner.kind)
        ):
            return Label(inner.kind, inner.text, inner.start + label.end, inner.end + label.end, inner.value)
    return label


def _as_letter(label: Label, context: Context) -> Label:
    """ "3)" as the third item of a lettered list is "c)"; "8)" where "b)" is due is "b)" (OCR, or a
    typist's slip): when a lettered list is open and no "1)"-style list expects the number."""
    count = context.position("letter")
    if count == 0 or label.value is None or context.expect("arabic)") == label.value:
        return label
    due = context.expect("letter")
    digit = label.text[:-1]
    if label.value == count + 1 or _DIGIT_FOR_LETTER.get(digit) == LETTERS[min(due, len(LETTERS)) - 1]:
        return Label("letter", label.text, label.start, label.end, due, True)
    return label


def _read(line: str) -> Label | None:
    dieu = _DIEU.match(fold(line[:24])) if line[:1] in "ĐD" else None
    if dieu:
        value = int(dieu["n"]) if dieu["n"] else 1
        written = re.sub(r"\s+", " ", line[: dieu.end("label")])
        return Label("dieu", written, 0, dieu.end(), value, certain=dieu["n"] is not None)
    for kind, pattern in _PATTERNS:
        match = pattern.match(line)
        if match is None:
            continue
        label = _label_of(kind, match, line)
        if label is not None:
            return label
    return None


def _label_of(kind: str, match: re.Match[str], line: str) -> Label | None:
    groups = match.groupdict()
    text = re.sub(r"\s+", " ", match["label"] or groups.get("ocr") or "")
    value, certain = None, True
    if kind == "ordinal":
        value = _ordinal_rank(match)
        if value is None or _WEEKDAY_AFTER.match(line[match.end() :]):
            return None
        return Label(kind, re.sub(r"\s+là$", " là", text), 0, match.end(), value, value == 1)
    if kind == "roman":
        written = groups["roman"]
        certain = written not in _ROMAN_OCR
        value = _roman_value(_ROMAN_OCR.get(written, written))
    elif kind == "arabic":
        if groups.get("ocr"):
            value, certain = 8, False
        else:
            value = int(groups["n"])
            certain = not text.endswith(",")
            if groups.get("p") == "/" and _CODE_AFTER_SLASH.match(line, match.end("label")):
                return None
        if _FILE_NAME.match(line[match.end() :]):
            return None  # "30. KLTW77.DOC 2": a file name printed as page furniture
    elif kind in ("arabic2", "letter_sub", "paren"):
        value = int(groups["n"])
    elif kind == "letter":
        written = groups.get("u") or ""
        letter = groups.get("l") or _SIGN_FOR_LETTER.get(written) or written.lower()
        value = LETTERS.index(letter) + 1 if letter and letter in LETTERS else None
        certain = bool(groups.get("l"))
        if value is None:
            return None
    elif kind == "dash":
        text, certain = "-", not groups.get("ocr")
    return Label(kind, text, 0, match.end(), value, certain)


def _roman_value(numeral: str) -> int | None:
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN.get(char)
        if value is None:
            return None
        following = _ROMAN.get(numeral[i + 1]) if i + 1 < len(numeral) else 0
        total += -value if following and following > value else value
    return total


def _ordinal_rank(match: re.Match[str]) -> int | None:
    if match.groupdict().get("ord"):
        return _ORDINALS.index(re.sub(r"\s+", " ", match["ord"])) + 1
    word = re.sub(r"\s+", " ", match["num"]).lower()
    label = match["label"].lower()
    if word not in _NUMBER_WORDS or (not label.endswith("là") and _NUMBER_WORDS.index(word) < 10):
        return None  # "Hai, …" alone is too common in prose; "Hai là," is the Party form
    return _NUMBER_WORDS.index(word) + 1


@dataclass
class _Open:
    kind: str
    item: Item
    value: int | None
    lead_in: bool
    position: int = 1  # the item's place in its list


@dataclass
class _Scope:
    """A level of numbering: the document's own, or a quotation's inside the item that quotes it."""

    base: Item | None
    stack: list[_Open] = field(default_factory=list)
    quoted: bool = False
    lead_kind: str | None = None  # the kind of the item whose lead-in opened the quotation
    start: int = 0  # where the quotation starts in the text


class _Tree:
    def __init__(self, roman_headings: bool = False) -> None:
        self.roman_headings = roman_headings
        self.roots: list[Item] = []
        self.scopes: list[_Scope] = [_Scope(base=None)]
        self.awaiting_text: Item | None = None
        self.after_colon = False  # the previous paragraph introduced something ("… quy định:")
        self.after_amending = False  # the previous paragraph was an amending article's heading
        self.closed: list[_Scope] = []  # the lists a closing paragraph ended, in case they go on
        self.quotations: list[tuple[int, int]] = []  # spans of quoted text (quoted law)
        self.last_end = 0  # end of the last line read

    @property
    def scope(self) -> _Scope:
        return self.scopes[-1]

    def deepest(self) -> _Open | None:
        for scope in reversed(self.scopes):
            if scope.stack:
                return scope.stack[-1]
        return None

    def expect(self, kind: str) -> int:
        """The value that continues the open list of this kind ("arabic)" for "1)"-style labels)."""
        kind, closing, _ = kind.partition(")")
        for entry in reversed(self.scope.stack):
            if entry.kind == kind and entry.value is not None and entry.item.label.endswith(closing):
                return entry.value + 1
        return 1

    def position(self, kind: str) -> int:
        for entry in reversed(self.scope.stack):
            if entry.kind == kind:
                return entry.position
        return 0

    def extend(self, end: int) -> None:
        for scope in self.scopes:
            for entry in scope.stack:
                entry.item.span = (entry.item.span[0], max(entry.item.span[1], end))

    def open_quote(self, start: int) -> None:
        deepest = self.deepest()
        lead_kind = deepest.kind if deepest is not None and deepest.lead_in else None
        scope = _Scope(base=deepest.item if deepest else None, quoted=True, lead_kind=lead_kind, start=start)
        self.scopes.append(scope)

    def close_quote(self, end: int | None = None) -> None:
        if len(self.scopes) > 1:
            self._record(self.scopes.pop(), self.last_end if end is None else end)

    def _record(self, scope: _Scope, end: int) -> None:
        if scope.quoted and end > scope.start:
            self.quotations.append((scope.start, end))

    def close_scopes(self, depth: int) -> None:
        """Close the quotations from `depth` inward (the letter speaks again)."""
        for scope in self.scopes[depth:]:
            self._record(scope, self.last_end)
        del self.scopes[depth:]

    def _close_lost_quotes(self, item: Item, label: Label) -> None:
        """The letter speaks again though the quotation's closing mark was lost: an item that
        cites ("- Căn cứ …", "+ Tại Điều 10 …"), one like the item that introduced the quotation
        ("- Tại Điều 14 …" after "- Tại Điều 11 … quy định:"), or one that continues the
        letter's own numbering ("4." after "3. Về hành vi …") where the quotation has no such list."""
        if len(self.scopes) == 1:
            return
        if _CITING.match(fold(item.text[:24])):
            self.close_scopes(1)
            return
        for depth in range(len(self.scopes) - 1, 0, -1):
            scope = self.scopes[depth]
            base = scope.base
            parallel = (
                base is not None and label.kind == scope.lead_kind and _first_word(item) == _first_word(base)
            )
            if parallel or self._continues_outside(depth, label):
                self.close_scopes(depth)
                return

    def _continues_outside(self, depth: int, label: Label) -> bool:
        if label.value is None or any(e.kind == label.kind for s in self.scopes[depth:] for e in s.stack):
            return False
        outer = self.scopes[depth - 1].stack
        return any(e.kind == label.kind and e.value is not None and e.value + 1 == label.value for e in outer)

    def close_all(self) -> None:
        for scope in self.scopes[1:]:
            self._record(scope, self.last_end)
        self.closed = self.scopes
        self.scopes = [_Scope(base=None)]

    def _resume(self, label: Label) -> None:
        """ "d)" after a paragraph that looked like the list's end ("Đề nghị Kiểm toán Nhà nước …")
        continues "c)": the list was not over."""
        if self.scope.stack or label.value is None or not self.closed:
            return
        stack = self.closed[-1].stack
        if any(e.kind == label.kind and e.value is not None and e.value + 1 == label.value for e in stack):
            self.scopes, self.closed = self.closed, []

    def place(self, item: Item, label: Label, lead_in: bool) -> None:
        self._resume(label)
        self._close_lost_quotes(item, label)
        stack = self.scope.stack
        kinds = [entry.kind for entry in stack]
        position = 1
        if label.kind in kinds:
            position = stack[kinds.index(label.kind)].position + 1
            del stack[kinds.index(label.kind) :]
        else:
            rank = RANKS[label.kind]
            while stack and not stack[-1].lead_in and RANKS[stack[-1].kind] > rank:
                stack.pop()
        parent = stack[-1].item if stack else self.scope.base
        (parent.children if parent is not None else self.roots).append(item)
        stack.append(_Open(label.kind, item, label.value, lead_in, position))


def _first_word(item: Item | None) -> str:
    words = item.text.split()[:1] if item is not None else []
    return fold(words[0]) if words else ""


def find_items(
    text: str, start: int = 0, end: int | None = None, quotations: list[tuple[int, int]] | None = None
) -> list[Item]:
    """Items inside text[start:end], with spans into the whole text. `quotations`, when given,
    receives the spans of quoted text (quoted law: not the document's own instructions)."""
    end = len(text) if end is None else end
    tree = _Tree(roman_headings=bool(_ROMAN_HEADING.search(text, start, end)))
    pos = start
    for raw_line in text[start:end].split("\n"):
        line_start, line_end = pos, pos + len(raw_line)
        pos = line_end + 1
        line = raw_line.strip()
        if not line:
            continue
        lead = len(raw_line) - len(raw_line.lstrip())
        if tree.awaiting_text is not None:
            tree.awaiting_text.text = line  # "Điều 1." alone on its line: its text is the next paragraph
            tree.awaiting_text = None
        _read_line(tree, text, line, line_start + lead, line_end)
        tree.last_end = line_end
    tree.close_scopes(1)
    if quotations is not None:
        quotations.extend(tree.quotations)
    return tree.roots


def _read_line(tree: _Tree, text: str, line: str, line_start: int, line_end: int) -> None:
    if _ONLY_MARKS.match(line):
        if tree.scope.quoted and _QUOTE_CLOSE.search(line):
            tree.close_quote(line_end)  # a closing quote alone on its line
        return
    opens_quote = bool(_QUOTE_OPEN.match(line)) and (tree.after_colon or tree.after_amending)
    closes_quote = bool(_QUOTE_CLOSE.search(line))
    if tree.scope.quoted and not opens_quote and _AFTER_QUOTE.match(line):
        tree.close_quote()
    if opens_quote:
        tree.open_quote(line_start)
    label = read_label(line, tree, trusted=opens_quote or tree.after_colon)
    if label is not None and _RULE_ONLY.match(line, label.end):
        return  # "(1) ---------": a footnote mark over a separator line, no item
    if label is not None and label.kind in BOUNDARIES:
        tree.close_all()  # "Chương II …" ends the articles before it; the corpus rules make it no item
    elif label is None:
        if len(tree.scopes) == 1 and tree.scope.stack and _LIST_END.match(line):
            tree.close_all()  # the closing instruction after the last item is not part of it
        else:
            tree.extend(line_end)
    else:
        body = line[label.end :]
        item = Item(label=label.text, text=body, span=(line_start + label.start, line_end))
        tree.place(item, label, lead_in=bool(_LEAD_IN.search(body)))
        tree.extend(line_end)
        if not body.strip(" .:"):
            tree.awaiting_text = item
        _inline_children(text, item, line_start + label.end, line_end)
    if closes_quote and tree.scope.quoted:
        tree.close_quote(line_end)
    tail = _TRAILING_JUNK.sub("", line)
    if tail.endswith(":") or _has_letters(line, 8):
        tree.after_colon = tail.endswith(":")  # an OCR fragment ("động: ˆ") keeps what came before
        # "Điều 3. Bổ sung Điều 7a vào sau Điều 7" (no colon): the new text follows in quotes
        tree.after_amending = label is not None and bool(_AMENDING.search(line))


def _has_letters(line: str, count: int) -> bool:
    """At least `count` letters in the line (counting stops there)."""
    for char in line:
        if char.isalpha():
            count -= 1
            if count == 0:
                return True
    return False


def _inline_children(text: str, item: Item, start: int, end: int) -> None:
    """ "… như sau: (1) hoàn thành …; (2) chủ động …" gives children (1), (2) when numbered in order;
    so does "(i) Quy định …; (ii) Quy định …", the lower-case Roman numbering of Government texts."""
    segment = text[start:end]
    found = list(_INLINE.finditer(segment))
    numbers = [int(m["n"]) if m["n"].isdigit() else _roman_value(m["n"].upper()) for m in found]
    if len(found) < 2 or numbers != list(range(1, len(found) + 1)):
        return
    item.text = segment[: found[0].start()].rstrip(" :;,")
    for k, match in enumerate(found):
        child_end = found[k + 1].start() if k + 1 < len(found) else len(segment)
        child_text = segment[match.end() : child_end].rstrip(" ;,")
        item.children.append(
            Item(label=f"({match['n']})", text=child_text, span=(start + match.start(), start + child_end))
        )
