"""A spaCy pipeline component: the same extraction as `vanban parse`, as Doc spans.

    import spacy
    import vanban_nlp.spacy  # registers the "vanban" factory
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vanban")
    doc = nlp(text)
    doc.spans["references"], doc.spans["dates"], doc.spans["items"]
    doc.spans["obligations"], doc.spans["actors"]
    doc._.vanban  # the full Document (header, recipients, …)
    spacy.displacy.render(doc, style="span", options={"spans_key": "vanban"})

Spans are computed on the normalized text and mapped back to the Doc's own characters, then
expanded to whole tokens.
"""

from __future__ import annotations

import hashlib

from spacy.language import Language
from spacy.tokens import Doc, Span

from .io import RawText
from .pipeline import parse_with_offsets

SPAN_KEYS = ("references", "dates", "items", "obligations", "actors")

if not Doc.has_extension("vanban"):
    Doc.set_extension("vanban", default=None)


@Language.factory("vanban", default_config={"obligations": True})
def create_component(nlp: Language, name: str, obligations: bool) -> VanbanComponent:
    return VanbanComponent(obligations=obligations)


class VanbanComponent:
    def __init__(self, obligations: bool = True):
        self.obligations = obligations

    def __call__(self, doc: Doc) -> Doc:
        raw = RawText(
            text=doc.text,
            format="txt",
            path="<spacy>",
            sha256=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        )
        document, normalized = parse_with_offsets(raw, obligations=self.obligations)
        doc._.vanban = document

        def span(start: int, end: int, label: str) -> Span | None:
            raw_start, raw_end = normalized.to_raw(start), normalized.to_raw(end)
            return doc.char_span(raw_start, raw_end, label=label, alignment_mode="expand")

        groups: dict[str, list[Span | None]] = {key: [] for key in SPAN_KEYS}
        for ref in document.references:
            for start, end in ref.mentions:
                groups["references"].append(span(start, end, ref.doc_type or "VĂN BẢN"))
        for date in document.dates:
            groups["dates"].append(span(*date.span, f"NGÀY:{date.role}"))
        stack = list(document.items)
        while stack:
            item = stack.pop()
            groups["items"].append(span(item.span[0], item.span[0] + len(item.label), "MỤC"))
            stack.extend(item.children)
        for obligation in document.obligations:
            groups["obligations"].append(span(*obligation.span, obligation.modality.upper()))
            for actor in obligation.actors:
                found = document.text.find(actor, obligation.span[0], obligation.span[1])
                if found < 0:
                    found = document.text.rfind(actor, 0, obligation.span[0])
                if found >= 0:
                    groups["actors"].append(span(found, found + len(actor), "CHỦ TRÌ"))
        for key, spans in groups.items():
            doc.spans[key] = sorted({s for s in spans if s is not None}, key=lambda s: (s.start, s.end))
        doc.spans["vanban"] = sorted(
            {s for key in ("references", "dates", "actors") for s in doc.spans[key]},
            key=lambda s: (s.start, s.end),
        )
        return doc
