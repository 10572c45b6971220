"""Property-based checks of the command line: whatever a user types as an option value or a search
string, `vanban` answers with a result or a usage error (exit 2) naming the option, never a
traceback."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vanban_nlp.batch.run import run_batch
from vanban_nlp.cli import app
from vanban_nlp.store.sqlite import Store

from .conftest import CORPORA

runner = CliRunner()
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# what users type: Vietnamese words, document numbers, punctuation and FTS5/LIKE syntax characters
ALPHABET = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậđèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
    + list("ACĐTUBNDCT0123456789/-_.:,;\"'*%()^$#@!?[]{}<>|\\+= \t")
    + ["NEAR", "OR", "AND", "NOT", "\x00", "\u200b", "\ufffe", "CĐ-TTg", "UBND"]
)
USER_TEXT = st.lists(ALPHABET, max_size=25).map("".join)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("kho") / "kho.sqlite"
    run_batch([str(CORPORA / "raw")], db, workers=1)
    return db


def no_crash(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@SETTINGS
@given(text=USER_TEXT)
def test_any_search_text(store: Path, text: str) -> None:
    result = runner.invoke(app, ["query", str(store), "--text", text])
    no_crash(result)
    assert result.exit_code == 0, result.output


@SETTINGS
@given(actor=USER_TEXT)
def test_any_actor_filter_ignores_case(store: Path, actor: str) -> None:
    assume(actor.strip())
    reader = Store(store, read_only=True)
    try:
        found = {t.id for t in reader.find_tasks(actor=actor)}
        assert found == {t.id for t in reader.find_tasks(actor=actor.upper())}
        assert found == {t.id for t in reader.find_tasks(actor=actor.lower())}
    finally:
        reader.close()
    result = runner.invoke(app, ["tasks", "--db", str(store), "--actor", actor, "-f", "json"])
    no_crash(result)
    assert result.exit_code == 0, result.output


def is_iso_date(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


@SETTINGS
@given(
    value=st.one_of(
        USER_TEXT,
        st.dates().map(lambda d: d.isoformat()),
        st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)).map(
            lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
        ),
    )
)
def test_any_deadline_value(store: Path, value: str) -> None:
    assume(not value.startswith("-"))
    result = runner.invoke(app, ["tasks", "--db", str(store), "--deadline-before", value, "-f", "json"])
    no_crash(result)
    if is_iso_date(value):
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2 and "--deadline-before" in result.output


@SETTINGS
@given(value=st.one_of(USER_TEXT, st.sampled_from(["open", "in_progress", "done", "Done", "xong"])))
def test_any_status_value(store: Path, value: str) -> None:
    assume(not value.startswith("-"))
    result = runner.invoke(app, ["tasks", "--db", str(store), "--status", value, "-f", "json"])
    no_crash(result)
    assert result.exit_code == (0 if value in ("open", "in_progress", "done") else 2), result.output


@SETTINGS
@given(
    option=st.sampled_from(["--workers", "--chunk-size", "--max-pages"]),
    value=st.one_of(USER_TEXT, st.integers(max_value=0).map(str), st.floats().map(str)),
)
def test_counts_must_be_positive_whole_numbers(tmp_path: Path, option: str, value: str) -> None:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    assume(not (number > 0 and number.is_integer()))  # "3", "3.0": whole numbers, accepted
    assume(not value.startswith("-") or re.fullmatch(r"-\d.*", value))
    args = ["batch", str(tmp_path / "khong-co"), "--out", str(tmp_path / "k.sqlite"), option, value]
    result = runner.invoke(app, args)
    no_crash(result)
    assert result.exit_code == 2 and option in result.output and "Giá trị không hợp lệ" in result.output


DECIMAL = re.compile(r"\s*\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*")


@SETTINGS
@given(value=st.one_of(USER_TEXT, st.floats(allow_nan=True, allow_infinity=True).map(str)))
def test_any_size_limit(tmp_path: Path, value: str) -> None:
    assume(not value.startswith("-") or re.fullmatch(r"-[\d.]\S*", value))
    assume("_" not in value)
    letter = tmp_path / "ngan.txt"
    letter.write_text("Số: 12/UBND-VP\nKính gửi: Văn phòng.\nĐề nghị Văn phòng báo cáo.", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(letter), "--max-mb", value, "--format", "table"])
    no_crash(result)
    valid = DECIMAL.fullmatch(value) is not None and 0 < float(value) < float("inf")
    if not valid:
        assert result.exit_code == 2 and "--max-mb" in result.output
    elif float(value) * 1048576 >= letter.stat().st_size:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2 and "vượt giới hạn" in result.stderr


@SETTINGS
@given(value=USER_TEXT)
def test_any_scheduler_text_is_checked_before_connecting(tmp_path: Path, value: str) -> None:
    assume(not re.fullmatch(r"(?:tcp|tls|inproc|ucx|ws|wss)://\S+|[^\s/:]+:\d+", value))
    assume(not value.startswith("-"))
    result = runner.invoke(
        app, ["batch", str(tmp_path), "--out", str(tmp_path / "k.sqlite"), "--scheduler", value]
    )
    no_crash(result)
    assert result.exit_code == 2 and "--scheduler" in result.output


@SETTINGS
@given(suffix=st.one_of(st.sampled_from([".png", ".svg", ".JSON", ".dot", ".graphml", ""]), USER_TEXT))
def test_graph_output_format_follows_the_suffix(tmp_path: Path, suffix: str) -> None:
    assume("/" not in suffix and "\x00" not in suffix and not suffix.startswith("-"))
    out = tmp_path / f"do-thi{suffix}"
    result = runner.invoke(app, ["graph", str(CORPORA / "raw" / "cd-ttg-nang-nong.txt"), "--out", str(out)])
    no_crash(result)
    if out.suffix.lower() in (".json", ".graphml", ".dot"):
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2 and "--out" in result.output
