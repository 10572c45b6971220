"""Table-driven cases, the way eyecite's find tests are tables: each line of tests/cases/*.tsv is
`text<TAB>field<TAB>expected`, run through one parametrized test. Add a line to pin an OCR variant
or a lexicon entry; no code to write.

Fields: `cue.<category>` (the first cue of that category in the text, obligations/cues.py);
`references`, `dates`, `recipients`, `archive` (the Lưu units), `addressees`, `items`, `actors`,
`collaborators`, `modalities`, `deadlines`, `actions` (values joined by " | "); `reference.<field>` (of the
first reference); `header.<field>` and `header.signer.<field>`. "-" expects nothing; "\\n" in a
text is a line break.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vanban_nlp import parse_text
from vanban_nlp.model import Document, Item
from vanban_nlp.obligations.cues import cues

CASES = Path(__file__).parent / "cases"
NOTHING = "-"


def _load() -> list:
    out = []
    for table in sorted(CASES.glob("*.tsv")):
        for number, line in enumerate(table.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            text, field, expected = line.split("\t")
            case_id = f"{table.stem}:{number}"
            out.append(pytest.param(text.replace("\\n", "\n"), field, expected, id=case_id))
    return out


def _joined(values: list[str | None]) -> str:
    return " | ".join(v for v in values if v) or NOTHING


def _items(items: list[Item], depth: int = 0) -> list[str]:
    out = []
    for item in items:
        out.append(f"{'>' * depth}{item.label}")
        out += _items(item.children, depth + 1)
    return out


DOCUMENT_FIELDS: dict[str, Callable[[Document], str]] = {
    "references": lambda d: _joined([r.number for r in d.references]),
    "dates": lambda d: _joined([f"{x.value}:{x.role}" for x in d.dates]),
    "recipients": lambda d: _joined([r.name for r in d.recipients]),
    "archive": lambda d: _joined(list(d.archive)),
    "addressees": lambda d: _joined(list(d.addressees)),
    "items": lambda d: " ".join(_items(d.items)) or NOTHING,
    "actors": lambda d: _joined(["; ".join(o.actors) or "?" for o in d.obligations]),
    "collaborators": lambda d: _joined(["; ".join(o.collaborators) or "?" for o in d.obligations]),
    "modalities": lambda d: _joined([o.modality for o in d.obligations]),
    "deadlines": lambda d: _joined([o.deadline or "?" for o in d.obligations]),
    "actions": lambda d: _joined([o.action or "?" for o in d.obligations]),
}


def _value(text: str, field: str) -> str:
    if field.startswith("cue."):
        cue = cues().find(text, field.removeprefix("cue."))
        return cue.text.strip() if cue else NOTHING
    document = parse_text(text)
    if field in DOCUMENT_FIELDS:
        return DOCUMENT_FIELDS[field](document)
    owner_name, _, attribute = field.rpartition(".")
    owner: object = {
        "reference": document.references[0] if document.references else None,
        "header": document.header,
        "header.signer": document.header.signer,
    }[owner_name]
    value = getattr(owner, attribute) if owner is not None else None
    return str(value) if value else NOTHING


@pytest.mark.parametrize(("text", "field", "expected"), _load())
def test_case(text: str, field: str, expected: str) -> None:
    assert _value(text, field) == expected.strip()
