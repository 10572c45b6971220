"""docs/document-json.md, the written contract of document JSON 1.1, kept in step with the schema:
it names every key and every enum value of the shipped JSON Schema, and its example validates
against that schema and is what the parser gives for the example's text."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from vanban_nlp import parse_text
from vanban_nlp.export.document_json import json_schema
from vanban_nlp.model import SCHEMA_ID, Document

from .conftest import ROOT

CONTRACT = ROOT / "docs" / "document-json.md"
_FENCED = re.compile(r"^```(?P<lang>\w+)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def _contract() -> str:
    return CONTRACT.read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return [m["body"] for m in _FENCED.finditer(_contract()) if m["lang"] == lang]


def _example() -> dict[str, Any]:
    documents = [json.loads(body) for body in _blocks("json")]
    documents = [d for d in documents if isinstance(d, dict) and "schema" in d]
    assert len(documents) == 1, "the contract holds exactly one example document"
    return documents[0]


def property_names(node: Any) -> set[str]:
    """Every property name declared anywhere in a JSON Schema: top level, nested objects, $defs."""
    names: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                names.update(value)
            names |= property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= property_names(value)
    return names


def enum_values(node: Any) -> set[str]:
    """Every string an `enum` or `const` of the schema allows."""
    values: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "enum":
                values.update(v for v in value if isinstance(v, str))
            elif key == "const" and isinstance(value, str):
                values.add(value)
            else:
                values |= enum_values(value)
    elif isinstance(node, list):
        for value in node:
            values |= enum_values(value)
    return values


def undocumented(schema: dict[str, Any], contract: str) -> list[str]:
    """Property names and enum values of the schema that the contract never writes in backticks."""
    wanted = property_names(schema) | enum_values(schema)
    return sorted(name for name in wanted if f"`{name}`" not in contract)


def test_the_walk_reaches_nested_keys_and_defs() -> None:
    names = property_names(json_schema())
    # nested objects (source, header.signer, recipients, references, dates, obligations), $defs (item, table)
    assert {"ocr_confidence", "authority", "spans", "purpose", "mentions", "role", "deadline_text"} <= names
    assert {"label", "children", "cells", "page", "rows", "output", "tables"} <= names
    assert {"image", "prohibition", "deadline", "article", SCHEMA_ID} <= enum_values(json_schema())


def test_contract_names_every_key_and_value_of_the_schema() -> None:
    missing = undocumented(json_schema(), _contract())
    assert missing == [], f"docs/document-json.md does not document {missing}"


def test_a_key_added_to_the_schema_without_its_documentation_is_caught() -> None:
    schema = copy.deepcopy(json_schema())
    schema["$defs"]["table"]["properties"]["rotation"] = {"type": "integer"}
    schema["properties"]["obligations"]["items"]["properties"]["priority"] = {"enum": ["urgent", "normal"]}
    assert undocumented(schema, _contract()) == ["normal", "priority", "rotation", "urgent"]


def test_contract_names_the_version_it_describes() -> None:
    contract = _contract()
    assert contract.startswith("# Document JSON 1.1")
    assert f"`{SCHEMA_ID}`" in contract or f'`"{SCHEMA_ID}"`' in contract
    assert "src/vanban_nlp/schema/document-1.1.schema.json" in contract


def test_example_validates_and_carries_every_key() -> None:
    example = _example()
    assert example["schema"] == SCHEMA_ID
    jsonschema.validate(example, json_schema())
    # every key the writer emits is there, in the writer's form
    assert Document.from_dict(example).to_dict() == example


def test_example_spans_hold_their_evidence() -> None:
    example = _example()
    text = example["text"]

    def at(span: list[int]) -> str:
        start, end = span
        assert 0 <= start <= end <= len(text)
        return text[start:end]

    header = example["header"]
    assert at(header["spans"]["number"]) == header["number"]
    assert at(header["spans"]["issuer"]) == header["issuer"]
    assert at(header["spans"]["subject"]) == header["subject"]
    assert header["signer"]["name"] in at(header["spans"]["signer"])
    for recipient in example["recipients"]:
        assert recipient["name"] in at(recipient["span"])
    for reference in example["references"]:
        assert at(reference["span"]) == reference["text"]
        assert reference["span"] in reference["mentions"]
        assert all(reference["number"] in at(m) for m in reference["mentions"])
    issue = [d for d in example["dates"] if d["role"] == "issue"]
    assert [d["span"] for d in issue] == [header["spans"]["date"]]
    for date in example["dates"]:
        assert at(date["span"]) == date["text"]
    stack = list(example["items"])
    while stack:
        item = stack.pop()
        assert at(item["span"]).startswith(item["label"])
        assert item["text"] in at(item["span"])
        stack.extend(item["children"])
    for obligation in example["obligations"]:
        assert at(obligation["span"]) == obligation["text"]
        assert set(obligation["refs"]) <= {r["number"] for r in example["references"]}


def test_example_is_what_the_parser_gives() -> None:
    """The example is real output; when the parser changes what it reads here, regenerate it with
    `vanban parse` on its text (and trim it the same way)."""
    example = _example()
    parsed = parse_text(example["text"], path=example["source"]["path"]).to_dict()
    for key in example:
        if key in ("source", "obligations"):
            continue
        assert parsed[key] == example[key], f"the example's {key!r} is no longer what vanban parse gives"
    by_id = {o["id"]: o for o in parsed["obligations"]}
    for obligation in example["obligations"]:
        assert by_id.get(obligation["id"]) == obligation, f"obligation {obligation['id']} has changed"
    assert {k: v for k, v in parsed["source"].items() if k not in ("sha256", "encoding")} == {
        k: v for k, v in example["source"].items() if k not in ("sha256", "encoding")
    }


def test_the_raw_offset_recipe_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contract's Python snippet takes a span back to the file's text, here with CRLF line ends
    and a no-break space that normalization changes."""
    example = _example()
    raw_text = example["text"].replace("\n", "\r\n").replace("Thạch An, ngày", "Thạch An,\u00a0 ngày")
    (tmp_path / example["source"]["path"]).write_bytes(raw_text.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    [snippet] = [body for body in _blocks("python") if "raw_span" in body]
    namespace: dict[str, Any] = {}
    exec(snippet, namespace)
    start, end = namespace["start"], namespace["end"]
    assert (start, end) != tuple(example["references"][0]["span"])  # the offsets did move
    assert namespace["raw"].text[start:end] == example["references"][0]["text"]
