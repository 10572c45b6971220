"""Plain-text reader: finds the encoding (UTF-8/16, cp1258, TCVN3, VNI) and returns Unicode."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import EncodingError
from ..i18n import _
from . import legacy

# Encodings a user may force with --encoding, besides any Python codec name.
LEGACY_NAMES = {"tcvn3": "tcvn3", "abc": "tcvn3", "vntime": "tcvn3", "vni": "vni"}


def decode_bytes(data: bytes, path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode `data`; return (text, encoding name). Raises EncodingError naming the file."""
    if encoding:
        return _decode_forced(data, path, encoding), encoding.lower()
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_single_byte(data, path)
    # Valid UTF-8 can still hold a .VnTime/VNI document copied through Latin-1.
    if legacy.looks_like_tcvn3(text):
        return legacy.from_tcvn3(text), "utf-8+tcvn3"
    if legacy.looks_like_vni(text):
        return legacy.from_vni(text), "utf-8+vni"
    return text, "utf-8"


def _decode_forced(data: bytes, path: str | Path, encoding: str) -> str:
    name = LEGACY_NAMES.get(encoding.lower())
    if name == "tcvn3":
        return legacy.from_tcvn3(data.decode("latin-1"))
    if name == "vni":
        return legacy.from_vni(data.decode("cp1252", errors="replace"))
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        raise EncodingError(
            path,
            _("unknown encoding '{encoding}' (try utf-8, utf-16, cp1258, tcvn3 or vni)").format(
                encoding=encoding
            ),
        ) from None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    # Vietnamese in UTF-16: ASCII letters and spaces give one NUL byte per character pair.
    for nuls, codec in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if nuls > 0.3 * half:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def _decode_single_byte(data: bytes, path: str | Path) -> tuple[str, str]:
    candidates = {
        "cp1258": data.decode("cp1258", errors="replace"),
        "tcvn3": legacy.from_tcvn3(data.decode("latin-1")),
        "vni": legacy.from_vni(data.decode("cp1252", errors="replace")),
    }
    scored = sorted(((legacy.vietnamese_score(t), name) for name, t in candidates.items()), reverse=True)
    best_score, best = scored[0]
    if best_score < 0.2:
        raise EncodingError(
            path,
            _(
                "unknown text encoding: not UTF-8/UTF-16 and no Vietnamese found as cp1258, TCVN3 or VNI "
                "(use --encoding to force one)"
            ),
        )
    return candidates[best], best
