"""A citation candidate as the finder reads it: frozen, so every later pass returns new values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    start: int  # where the mention starts (its type word or "số" when present)
    end: int  # end of the number
    number: str  # canonical số/ký hiệu, or the bare number of a short form
    type_word: str | None  # "Công điện", "văn bản" … as written before the number
    short: bool = False  # "Công điện số 280": a number without its ký hiệu, resolved later
    anaphor: bool = False  # "Công văn nêu trên": a type word pointing back, resolved later
    date: str | None = None
    date_span: tuple[int, int] | None = None  # the date mention read as this citation's date
    issuer: str | None = None
    tail_end: int = 0  # end of the number with its date and issuer
    inherits: bool = False  # shares the type word of the list it is in

    @property
    def full(self) -> bool:
        return not (self.short or self.anaphor)
