"""Pathological input: the extractors stay linear and finish (measured as work done, not time)."""

from __future__ import annotations

import pytest

from vanban_nlp import parse_text
from vanban_nlp.extract.citations import find_references
from vanban_nlp.extract.dates import find_dates
from vanban_nlp.extract.items import find_items


def adversarial_text(size: int) -> str:
    pieces = [
        "1234567890" * 7,
        "/" * 50,
        "-" * 50,
        "12/12/12/12/",
        "số 1/2/3-4-5/ ",
        ". . . ",
        "ngày tháng năm ",
        "Công văn số 12/UBND-VP, 13/UBND-VP và ",
        "Thứ hai, ",
        "(1) (2) ",
        "của của của ",
    ]
    cycle = "".join(pieces)
    return (cycle * (size // len(cycle) + 1))[:size]


@pytest.fixture(autouse=True)
def _english_messages(english):
    """These tests read the English wording of reader errors (Vietnamese: tests/test_i18n.py)."""


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


def test_five_megabyte_single_line_document() -> None:
    text = adversarial_text(5_000_000)
    assert "\n" not in text
    document = parse_text(text, obligations=False)
    assert len(document.text) > 4_500_000 and document.references


def test_hundred_thousand_item_list_and_deep_nesting() -> None:
    flat = "\n".join(f"- Rà soát hồ sơ số {i};" for i in range(100_000))
    assert len(find_items(flat)) == 100_000
    markers = ["I.", "1.", "1.1.", "1.1.1.", "a)", "-", "+", "•", "(1)"]
    nested = "\n".join(f"{markers[i % len(markers)]} Nội dung mục {i}" for i in range(20_000))
    items = find_items(nested)

    def deepest(nodes, depth=0) -> int:  # iterative enough: the tree is at most a few levels deep
        return max((deepest(n.children, depth + 1) for n in nodes), default=depth - 1)

    # nesting follows the rank of marker kinds (I. > 1. > 1.1. > 1.1.1. > a) > (1) > - and • > +),
    # never deeper than there are ranks, however long the document
    assert deepest(items) == 6
    assert [c.label for c in items[0].children[0].children[0].children[0].children[0].children] == [
        "-",
        "(1)",
    ]
    document = parse_text(nested, obligations=False)
    assert document.to_dict()["items"]


def test_item_and_date_work_doubles_with_input() -> None:
    def count(n: int) -> tuple[int, int]:
        text = "\n".join(
            f"{(i % 9) + 1}. Báo cáo trước ngày {(i % 28) + 1}/{(i % 12) + 1}/2024 - - / / ."
            for i in range(n)
        )
        return len(find_items(text)), len(find_dates(text))

    small, large = count(5_000), count(10_000)
    assert large == (2 * small[0], 2 * small[1])


def test_zip_bomb_docx_is_refused(tmp_path) -> None:
    import zipfile

    import pytest

    from vanban_nlp.errors import LimitExceededError
    from vanban_nlp.io import read

    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("[Content_Types].xml", "<Types/>")
        with zipped.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(220):
                member.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(LimitExceededError, match="ZIP bomb"):
        read(bomb)


def test_pdf_with_thousands_of_empty_pages(tmp_path) -> None:
    import pytest
    from reportlab.pdfgen import canvas

    from vanban_nlp.errors import LimitExceededError, ScannedPDFError
    from vanban_nlp.io import Limits, read

    path = tmp_path / "trang-trang.pdf"
    pdf = canvas.Canvas(str(path))
    for _ in range(3000):
        pdf.showPage()
    pdf.save()
    with pytest.raises(LimitExceededError, match="3000 pages, more than the limit of 2000"):
        read(path)  # the default limit
    with pytest.raises(ScannedPDFError):
        read(path, limits=Limits(max_pages=5000))


def test_fuzz_regressions_replay() -> None:
    """Inputs the fuzzer once crashed on (tests/fixtures/fuzz/) must now parse or fail cleanly."""
    from pathlib import Path

    from vanban_nlp import parse
    from vanban_nlp.errors import DocumentError

    for case in sorted((Path(__file__).parent / "fixtures" / "fuzz").glob("*")):
        if case.name.startswith("."):
            continue
        try:
            parse(case)
        except DocumentError:
            pass


def test_obligation_work_doubles_with_input_on_one_long_line() -> None:
    sentence = "UBND tỉnh giao Sở Nội vụ, Sở Tài chính, Sở Tư pháp kiểm tra công vụ, báo cáo kết quả. "
    small = len(parse_text(sentence * 2_000).obligations)
    large = len(parse_text(sentence * 4_000).obligations)
    assert small > 0 and large == 2 * small
