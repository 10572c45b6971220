"""Pathological input: the extractors stay linear and finish (measured as work done, not time)."""
from __future__ import annotations

from vanban_nlp import parse_text
from vanban_nlp.extract.dates import find_dates
from vanban_nlp.extract.items import find_items
from vanban_nlp.extract.references import find_references


def adversarial_text(size: int) -> str:
    pieces = ["1234567890" * 7, "/" * 50, "-" * 50, "12/12/12/12/", "số 1/2/3-4-5/ ", ". . . ", "ngày tháng năm ",
              "Công văn số 12/UBND-VP, 13/UBND-VP và ", "Thứ hai, ", "(1) (2) ", "của của của "]
    out, i = [], 0
    while sum(map(len, out)) < size:
        out.append(pieces[i % len(pieces)])
        i += 1
    return "".join(out)[:size]


def test_one_megabyte_without_newlines_is_processed() -> None:
    text = adversarial_text(1_000_000)
    refs = find_references(text)
    assert refs and all(0 <= r.span[0] < r.span[1] <= len(text) for r in refs)
    assert isinstance(find_dates(text), list)
    assert isinstance(find_items(text), list)
    document = parse_text(text)
    assert len(document.text) > 900_000


def test_work_grows_linearly_with_input() -> None:
    """Doubling the input roughly doubles the number of candidate citations found: no blow-up."""
    small = len(find_references(adversarial_text(100_000))[0].mentions)
    large = len(find_references(adversarial_text(200_000))[0].mentions)
    assert 1.6 * small <= large <= 2.4 * small
