"""Attribute pages of legal portals (vbpl.vn "Thuộc tính"): số hiệu, loại văn bản, ngày ban hành,
cơ quan ban hành and người ký given as labelled fields rather than a document heading."""

from __future__ import annotations

import re

from ..model import DateMention, Header, Signer
from .citations import number_at_start

_FIELD = re.compile(
    r"^(?P<label>Số hiệu|Loại văn bản|Ngày ban hành|Cơ quan ban hành|Người ký|Chức danh)"
    r"\s*:?\s*(?P<value>\S.*?)\s*$",
    re.MULTILINE,
)


def attribute_header(text: str, dates: list[DateMention]) -> Header | None:
    """A Header from labelled attribute lines, when the page has at least the số hiệu and loại."""
    fields: dict[str, tuple[str, int, int]] = {}
    for match in _FIELD.finditer(text):
        value = match["value"]
        if value.strip("-– ") and match["label"] not in fields:
            fields[match["label"]] = (value, match.start("value"), match.end("value"))
    if "Số hiệu" not in fields or "Loại văn bản" not in fields:
        return None
    header = Header()
    value, start, _ = fields["Số hiệu"]
    found = number_at_start(value)
    if found:
        header.number, match = found
        header.spans["number"] = (start, start + match.end())
    else:  # "279/2002/qđ-ttg kiểm tra": keep the first token as written
        header.number = value.split()[0]
        header.spans["number"] = (start, start + len(header.number))
    header.doc_type, type_start, type_end = fields["Loại văn bản"]
    header.spans["doc_type"] = (type_start, type_end)
    if "Cơ quan ban hành" in fields:
        header.issuer, issuer_start, issuer_end = fields["Cơ quan ban hành"]
        header.spans["issuer"] = (issuer_start, issuer_end)
    if "Ngày ban hành" in fields:
        _, start, end = fields["Ngày ban hành"]
        date = next((d for d in dates if start <= d.span[0] < end), None)
        if date:
            header.date = date.value
            header.spans["date"] = date.span
    if "Người ký" in fields:
        title = fields.get("Chức danh", (None,))[0]
        header.signer = Signer(title=title, name=fields["Người ký"][0])
    return header
