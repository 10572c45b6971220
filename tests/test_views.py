"""The HTML check view and the spaCy component."""

from __future__ import annotations

import html
import re
import unicodedata

from typer.testing import CliRunner

from vanban_nlp import parse
from vanban_nlp.cli import app
from vanban_nlp.export.html import to_html

from .conftest import SAMPLE_LETTER


def test_html_view_highlights_every_value_and_keeps_the_text() -> None:
    document = parse(SAMPLE_LETTER)
    page = to_html(document)
    body = re.search(r"<pre>(.*)</pre>", page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == document.text
    assert page.count('class="') > 20
    assert 'title="05/CT-UBND — Chỉ thị, ngày 2024-02-28, Ủy ban nhân dân tỉnh"' in page
    assert "Số, ký hiệu: 1247/STTTT-VP" in page and "Chủ trì: Văn phòng Sở" in page
    result = CliRunner().invoke(app, ["parse", str(SAMPLE_LETTER), "--format", "html"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")


def test_spacy_component_sets_spans_on_the_original_text() -> None:
    import spacy

    import vanban_nlp.spacy  # noqa: F401  (registers the factory)

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vanban")
    # decomposed input: spans must still land on the Doc's own characters
    text = unicodedata.normalize("NFD", SAMPLE_LETTER.read_text(encoding="utf-8"))
    doc = nlp(text)
    refs = [unicodedata.normalize("NFC", s.text) for s in doc.spans["references"]]
    assert refs[-1].startswith("Kế hoạch số 310/KH-UBND")
    dates = {unicodedata.normalize("NFC", s.text).rstrip("."): s.label_ for s in doc.spans["dates"]}
    assert dates["ngày 14 tháng 3 năm 2024"] == "NGÀY:issue" and dates["ngày 29/3/2024"] == "NGÀY:deadline"
    actors = {unicodedata.normalize("NFC", s.text) for s in doc.spans["actors"]}
    assert "Văn phòng Sở" in actors
    assert doc._.vanban.header.number == "1247/STTTT-VP"
    rendered = spacy.displacy.render(doc, style="span", options={"spans_key": "vanban"})
    assert "CHỦ TRÌ" in rendered
