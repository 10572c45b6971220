"""Coverage-guided fuzzing (atheris) of the readers and the parser. Not part of the test run:

    pip install -e '.[fuzz]'
    python fuzz/fuzz_parse.py -max_total_time=300 -rss_limit_mb=4096 fuzz/work fuzz/seeds

Each input is written to a file whose extension the fuzzer also picks, then read and parsed. A
DocumentError is the expected answer to bad input; any other exception is a crash, and the
input that caused it belongs in tests/fixtures/fuzz/ as a regression test
(tests/test_adversarial.py replays that folder).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from vanban_nlp import parse
    from vanban_nlp.errors import DocumentError

EXTENSIONS = [".txt", ".docx", ".pdf", ".html"]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    extension = EXTENSIONS[data[0] % len(EXTENSIONS)]
    with tempfile.NamedTemporaryFile(suffix=extension) as handle:
        handle.write(data[1:])
        handle.flush()
        try:
            document = parse(Path(handle.name), obligations=data[0] % 2 == 0)
        except DocumentError:
            return
        document.to_dict()


def main() -> None:
    for argument in sys.argv[1:]:
        if not argument.startswith("-"):
            Path(argument).mkdir(parents=True, exist_ok=True)  # corpus folders libFuzzer reads and writes
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
