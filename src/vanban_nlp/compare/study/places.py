"""Where a document comes from: its province (current and former names, `lexicon/provinces.tsv`) and
the level of its issuing body (`lexicon/issuer_levels.json`), read from the heading — cơ quan ban
hành, cơ quan chủ quản, địa danh — or, for a news report without a heading, from its opening lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ...layout.sections import fold
from ...lexicon import load_json

LEVELS = ("central", "province", "department", "district", "commune", "unknown")
LEVEL_LABELS = {
    "central": "Trung ương",
    "province": "Tỉnh, thành phố",
    "department": "Sở, ban, ngành",
    "district": "Huyện, quận, thành phố thuộc tỉnh",
    "commune": "Xã, phường, thị trấn",
    "unknown": "Không rõ",
}


@dataclass(frozen=True)
class Province:
    name: str
    kind: str  # "tỉnh" or "thành phố" (centrally-run city)
    since: str | None
    until: str | None
    successor: str | None
    aliases: tuple[str, ...]

    @property
    def current(self) -> str:
        """The province that holds this one's territory today (itself when still in force)."""
        return self.successor or self.name

    def in_force(self, day: str) -> bool:
        """Whether the unit existed under this name on `day` (ISO date)."""
        return (not self.since or self.since <= day) and (not self.until or day <= self.until)


@dataclass(frozen=True)
class Origin:
    """The province and administrative level of one document, and where they were read."""

    province: str | None
    province_current: str | None
    level: str
    source: str | None  # heading | place | text | parent


def _key(text: str) -> str:
    """Matching form: no diacritics, upper case, one space, one dash style."""
    text = re.sub(r"\s*[-–—]\s*", "-", fold(text))
    return re.sub(r"[\s.]+", " ", text).strip()


@cache
def provinces() -> tuple[Province, ...]:
    rows = resources.files("vanban_nlp.lexicon").joinpath("provinces.tsv").read_text(encoding="utf-8")
    lines = [line for line in rows.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    out = []
    for line in lines[1:]:
        fields = dict(zip(header, (f.strip() for f in line.split("\t")), strict=False))
        out.append(
            Province(
                name=fields["name"],
                kind=fields["kind"],
                since=fields.get("since") or None,
                until=fields.get("until") or None,
                successor=fields.get("successor") or None,
                aliases=tuple(a.strip() for a in (fields.get("aliases") or "").split(";") if a.strip()),
            )
        )
    return tuple(out)


@cache
def _by_key() -> dict[str, Province]:
    table: dict[str, Province] = {}
    for province in provinces():
        for name in (province.name, *province.aliases):
            table[_key(name)] = province
            # "TP. Hồ Chí Minh" is also written without its "TP." in running text
            bare = re.sub(r"^(TP|THU DO) ", "", _key(name))
            if " " in bare:
                table.setdefault(bare, province)
    return table


@cache
def _province_pattern() -> re.Pattern[str]:
    names = sorted(_by_key(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


@cache
def _levels() -> dict[str, Any]:
    return load_json("issuer_levels.json")


@cache
def _prefixes() -> list[tuple[str, str]]:
    """(folded prefix, level) pairs, longest first."""
    pairs = [
        (_key(prefix), level)
        for level in ("central", "province", "city", "department", "district", "commune")
        for prefix in _levels()[level]
    ]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@cache
def _below_province() -> re.Pattern[str]:
    words = sorted((_key(w) for w in _levels()["below_province"]), key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in words) + r")\s*$")


def find_province(text: str | None, prefixed_only: bool = False) -> Province | None:
    """The first province named in `text`; a name right after "huyện", "xã"… names a smaller unit.
    With `prefixed_only`, only names written after "tỉnh" or "thành phố"/"TP" count (running text)."""
    if not text:
        return None
    folded = _key(text)
    for match in _province_pattern().finditer(folded):
        before = folded[: match.start()]
        if _below_province().search(before):
            continue
        if prefixed_only and not re.search(r"(?:TINH|THANH PHO|TP)\s*$", before):
            if not match.group(1).startswith("TP "):
                continue
        return _by_key()[match.group(1)]
    return None


def province_named(place: str | None) -> Province | None:
    """The province whose name is exactly `place` (an địa danh), if any."""
    return _by_key().get(_key(place)) if place else None


def level_of(body: str | None) -> str | None:
    """The level named by the start of a body's name, or None when no known start matches."""
    if not body:
        return None
    folded = _key(body)
    for prefix, level in _prefixes():
        if folded == prefix or folded.startswith(prefix + " "):
            if level == "city":
                named = province_named(folded[len(prefix) :])
                if named is None:
                    named = find_province(folded[len(prefix) :])
                return "province" if named is not None and named.kind == "thành phố" else "district"
            return level
    return None


def origin_of(doc: dict[str, Any]) -> Origin:
    """Province and level of a document (document JSON v1)."""
    header = doc.get("header") or {}
    issuer, parent, place = header.get("issuer"), header.get("parent_issuer"), header.get("place")
    if not issuer and not parent:
        if doc.get("kind") == "letter" or header.get("number"):
            return _origin_of_number(header.get("number"), place)
        return _origin_of_text(doc.get("text") or "")
    province = find_province(issuer) or find_province(parent)
    source = "heading" if province else None
    level = level_of(issuer)
    parent_level = level_of(parent)
    local = province is not None or level in ("province", "district", "commune")
    if level in (None, "central", "department") and parent_level:
        if parent_level in ("province", "department") or (parent_level == "central" and not local):
            level = "department" if parent_level != "central" else "central"
        else:
            level = parent_level
    if level == "central" and local:
        level = "department"  # "Cục Thuế tỉnh …", "Bộ Chỉ huy Quân sự tỉnh …"
    if level is None:
        level = "department" if province else "unknown"
    if province is None and level in ("province", "department", "unknown"):
        # the địa danh of a district or commune body names the district or commune, not the province
        province = province_named(place)
        source = "place" if province else None
    return _origin(province, level, source)


def _origin(province: Province | None, level: str, source: str | None) -> Origin:
    return Origin(
        province=province.name if province else None,
        province_current=province.current if province else None,
        level=level,
        source=source if province else None,
    )


def _origin_of_number(number: str | None, place: str | None) -> Origin:
    """A letter whose heading lost its issuer: the body code of its ký hiệu gives the level, the
    địa danh the province (a committee's địa danh is a province only for a provincial one)."""
    level = "unknown"
    type_codes = {fold(code) for code in load_json("doc_types.json")["type_codes"]}
    codes = [c for c in re.split(r"[-/]", fold(number or "").split("/", 1)[-1]) if c]
    body = next((c for c in codes if c not in type_codes), "")
    rules = _levels()["number_codes"]
    province = province_named(place)
    if re.search(rules["department"], body):
        level = "department"
    elif re.search(rules["central"], body):
        level = "central"
    elif re.search(rules["committee"], body):
        level = "province" if province else "district"
    if level in ("central", "district"):
        province = None
    return _origin(province, level, "place")


_BODY_IN_TEXT = re.compile(
    r"(?:UBND|UY BAN NHAN DAN|TINH UY|THANH UY|HDND|HOI DONG NHAN DAN)\s+(?:TINH|THANH PHO|TP)\s+\S"
)


def _origin_of_text(text: str) -> Origin:
    """A news report names its body in its title or opening lines ("UBND tỉnh Gia Lai yêu cầu …")."""
    opening = text[:1200]
    province = find_province(opening, prefixed_only=True)
    first_line = next((line for line in opening.splitlines() if line.strip()), "")
    level = level_of(first_line)
    if level is None and province is not None:
        body = _BODY_IN_TEXT.search(_key(opening))
        level = level_of(_key(opening)[body.start() :][:60]) if body else None
    return _origin(province, level or "unknown", "text")
