"""Batch inputs: folders (recursive), glob patterns and ZIP archives of TXT/DOCX/PDF/HTML files."""

from __future__ import annotations

import glob
import zipfile
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = {".txt", ".docx", ".pdf", ".html", ".htm"}
ZIP_SEPARATOR = "!/"


@dataclass(frozen=True)
class Source:
    """One document to process: a file path, or a member of a ZIP archive ("a.zip!/dir/x.pdf")."""

    name: str

    @property
    def is_zip_member(self) -> bool:
        return ZIP_SEPARATOR in self.name

    def read_bytes(self) -> bytes:
        if self.is_zip_member:
            archive, member = self.name.split(ZIP_SEPARATOR, 1)
            with zipfile.ZipFile(archive) as zipped:
                return zipped.read(member)
        return Path(self.name).read_bytes()


def expand_inputs(inputs: list[str]) -> tuple[list[Source], list[tuple[str, str]]]:
    """The documents named by the inputs, in a stable order, and (input, problem) for bad inputs."""
    sources: list[Source] = []
    problems: list[tuple[str, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                sources.extend(_file_sources(child, explicit=False))
        elif path.is_file():
            sources.extend(_file_sources(path, explicit=True))
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                problems.append((item, "no such file, folder or matching pattern"))
            for match in matches:
                if Path(match).is_file():
                    sources.extend(_file_sources(Path(match), explicit=False))
    seen: set[str] = set()
    unique = [s for s in sources if not (s.name in seen or seen.add(s.name))]
    return unique, problems


def _file_sources(path: Path, explicit: bool) -> list[Source]:
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as zipped:
                members = [
                    i.filename
                    for i in zipped.infolist()
                    if not i.is_dir() and Path(i.filename).suffix.lower() in EXTENSIONS
                ]
        except zipfile.BadZipFile:
            return [Source(str(path))]  # reported as a corrupt file by the worker
        return [Source(f"{path}{ZIP_SEPARATOR}{m}") for m in sorted(members)]
    if explicit or path.suffix.lower() in EXTENSIONS:
        return [Source(str(path))]
    return []
