"""Messages in Vietnamese (default) and English: catalogs complete and compiled, placeholders intact,
the language chosen from the locale, reason codes stable ASCII for programs."""

from __future__ import annotations

import gettext
import io
import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from vanban_nlp import i18n
from vanban_nlp.cli import app
from vanban_nlp.errors import REASONS

from .conftest import ROOT, SAMPLE_LETTER

runner = CliRunner()
LOCALE = ROOT / "src" / "vanban_nlp" / "locale"
KEYWORDS = {"_": None, "N_": None, "Nn_": (1, 2), "ngettext": (1, 2)}


def source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "src" / "vanban_nlp"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalog(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "vanban_nlp.po").open("rb") as handle:
        return read_po(handle, locale=language)


def fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_in_the_code_has_a_vietnamese_translation() -> None:
    vi = catalog("vi")
    missing, untranslated = [], []
    for message in sorted(source_messages()):
        entry = vi.get(message)
        if entry is None:
            missing.append(message)
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings) or entry.fuzzy:
            untranslated.append(message)
    assert not missing, f"run scripts/update_catalogs.sh: not in vi.po: {missing}"
    assert not untranslated, f"translate in vi.po: {untranslated}"


def test_translations_keep_the_placeholders() -> None:
    for language in ("vi", "en"):
        for entry in catalog(language):
            if not entry.id or not entry.string:
                continue
            ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            expected = set().union(*(fields(i) for i in ids))
            for translated in strings:
                if not translated:
                    continue
                assert fields(translated) <= expected, (entry.id, translated)
                if len(ids) == 1:
                    assert fields(translated) == expected, (entry.id, translated)


def test_the_compiled_catalogs_match_their_sources() -> None:
    for language in ("vi", "en"):
        compiled = LOCALE / language / "LC_MESSAGES" / "vanban_nlp.mo"
        assert compiled.exists(), f"{compiled} is missing: run scripts/update_catalogs.sh"
        fresh = io.BytesIO()
        write_mo(fresh, catalog(language))
        fresh.seek(0)
        with compiled.open("rb") as handle:
            shipped = gettext.GNUTranslations(handle)
        expected = gettext.GNUTranslations(fresh)
        assert shipped._catalog == expected._catalog, f"{compiled} is stale: run scripts/update_catalogs.sh"


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "en:vi", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"VANBAN_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
        ({"LANG": "fr_FR.UTF-8"}, "vi"),
    ],
)
def test_language_follows_the_locale(environment: dict[str, str], language: str) -> None:
    assert i18n.language_from_environment(environment) == language


def run_cli(args: list[str], **environment: str) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("VANBAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    env.update(environment, COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "vanban_nlp.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_english_when_the_locale_asks_for_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "khong-co.txt")
    english = run_cli(["parse", missing], LANG="en_US.UTF-8")
    assert english.returncode == 2 and "file not found" in english.stderr and "error" in english.stderr
    vietnamese = run_cli(["parse", missing], LANG="C.UTF-8")
    assert "lỗi" in vietnamese.stderr and "không tìm thấy tệp" in vietnamese.stderr
    help_en = run_cli(["tasks", "--help"], LANG="en_US.UTF-8").stdout
    assert "Turn the obligations of documents into a task list" in help_en and "[default: md]" in help_en
    usage = run_cli(["query", "x.sqlite", "--limit", "0"], LANG="en_US.UTF-8")
    assert usage.returncode == 2 and "must be at least 1" in usage.stderr


def test_help_is_vietnamese_with_flags_choices_and_defaults() -> None:
    help_text = runner.invoke(app, ["tasks", "--help"], env={"COLUMNS": "200"}).stdout
    assert "Lập danh sách nhiệm vụ" in help_text and "Tùy chọn" in help_text and "Cách dùng:" in help_text
    overdue = next(line for line in help_text.splitlines() if "--overdue" in line)
    assert "<bool>" not in overdue and "bool" not in overdue, "a flag is shown as a flag"
    assert "<md|csv|xlsx|ics|json>" in help_text and "[mặc định: md]" in help_text
    assert "<open|in_progress|done>" in help_text
    assert "In hướng dẫn này rồi thoát." in help_text
    for command in ("parse", "batch", "query", "compare", "graph", "eval", "schema"):
        text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
        assert "Cách dùng:" in text and "Show this message" not in text, command
    batch_help = runner.invoke(app, ["batch", "--help"], env={"COLUMNS": "200"}).stdout
    assert "[mặc định: 50.0]" in batch_help and "[mặc định: 2000]" in batch_help


def test_error_records_carry_ascii_reasons_and_vietnamese_messages(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rong.txt").write_text("  ", encoding="utf-8")
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "anh.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "cu.txt").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
    (folder / "thu.txt").write_bytes(SAMPLE_LETTER.read_bytes())
    out = tmp_path / "ra"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 4
    for error in errors:
        assert error["reason"] in REASONS and error["reason"].isascii(), error
        assert any(ch in error["message"] for ch in "ăâđêôơưạảấầẩậắằẳặẹẻếềểệỉịọỏốồổộớờởợụủứừửựỳỷ"), error
    assert "Tổng 5 tệp — xong 1, lỗi 4" in result.stderr
