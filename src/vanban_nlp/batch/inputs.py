"""Batch inputs: folders (recursive), glob patterns and ZIP archives of TXT/DOCX/PDF/HTML files."""

from __future__ import annotations

import glob
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import LimitExceededError
from ..i18n import _
from ..io import DEFAULT_MAX_BYTES, Limits, check_file

EXTENSIONS = {".txt", ".docx", ".pdf", ".html", ".htm"}
ZIP_SEPARATOR = "!/"
# A member that expands more than this many times over and past 10 MB is refused before reading.
MAX_COMPRESSION_RATIO = 200
RATIO_FLOOR_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One document to process: a file path, or a member of a ZIP archive ("a.zip!/dir/x.pdf")."""

    name: str

    @property
    def is_zip_member(self) -> bool:
        return ZIP_SEPARATOR in self.name

    def read_bytes(self, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
        """The content, refused (LimitExceededError) past `max_bytes` before it is read: a ZIP
        member by its declared size and compression ratio, then by what it really expands to."""
        if not self.is_zip_member:
            path = Path(self.name)
            check_file(path, Limits(max_bytes=max_bytes))
            return path.read_bytes()
        archive, member = self.name.split(ZIP_SEPARATOR, 1)
        with zipfile.ZipFile(archive) as zipped:
            info = zipped.getinfo(member)
            check_member(self.name, info, max_bytes)
            with zipped.open(info) as handle:
                data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:  # the declared size lied
            raise _member_too_large(self.name, len(data), max_bytes, more=True)
        return data

    def fingerprint(self) -> str:
        """What identifies this input's current state without reading it (for error records of
        inputs that could not be read): its size and time, or a ZIP member's size and CRC."""
        try:
            if self.is_zip_member:
                archive, member = self.name.split(ZIP_SEPARATOR, 1)
                with zipfile.ZipFile(archive) as zipped:
                    info = zipped.getinfo(member)
                return f"path:{self.name}:{info.file_size}:{info.CRC}"
            path = Path(self.name)
            if path.is_symlink() and not path.exists():
                return f"path:{self.name}:link"
            stat = path.stat()
            return f"path:{self.name}:{stat.st_size}:{stat.st_mtime_ns}"
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            return f"path:{self.name}"


def check_member(name: str, info: zipfile.ZipInfo, max_bytes: int) -> None:
    if info.file_size > max_bytes:
        raise _member_too_large(name, info.file_size, max_bytes)
    ratio = info.file_size / max(1, info.compress_size)
    if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_COMPRESSION_RATIO:
        raise LimitExceededError(
            name,
            _(
                "ZIP member expands {ratio} times over to {size} MB (possible ZIP bomb); refusing to read it"
            ).format(ratio=int(ratio), size=info.file_size // 1048576),
        )


def _member_too_large(name: str, size: int, max_bytes: int, more: bool = False) -> LimitExceededError:
    template = (
        _("ZIP member expands to more than {limit} MB, the limit; refusing to read it")
        if more
        else _("ZIP member expands to {size} MB, more than the limit of {limit} MB")
    )
    return LimitExceededError(
        name, template.format(size=max(1, size // 1048576), limit=max(1, max_bytes // 1048576))
    )


def expand_inputs(inputs: list[str]) -> tuple[list[Source], list[tuple[str, str]]]:
    """The documents named by the inputs, in a stable order, and (input, problem) for bad inputs.

    A symbolic link that leads nowhere (dangling, or a loop) is kept as a source, so that it ends
    as an error record naming it instead of vanishing."""
    sources: list[Source] = []
    problems: list[tuple[str, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file():
                    sources.extend(_file_sources(child, explicit=False))
                elif _is_broken_link(child):
                    sources.append(Source(str(child)))
        elif path.is_file() or _is_broken_link(path):
            sources.extend(_file_sources(path, explicit=True))
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                problems.append((item, _("no such file, folder or matching pattern")))
            for match in matches:
                if Path(match).is_file() or _is_broken_link(Path(match)):
                    sources.extend(_file_sources(Path(match), explicit=False))
    unique = list({source.name: source for source in sources}.values())  # first place kept, in order
    return unique, problems


def _is_broken_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def _file_sources(path: Path, explicit: bool) -> list[Source]:
    if path.suffix.lower() == ".zip" and path.is_file():
        try:
            with zipfile.ZipFile(path) as zipped:
                members = [
                    i.filename
                    for i in zipped.infolist()
                    if not i.is_dir() and Path(i.filename).suffix.lower() in EXTENSIONS
                ]
        except (zipfile.BadZipFile, OSError):
            return [Source(str(path))]  # reported as a corrupt file by the worker
        return [Source(f"{path}{ZIP_SEPARATOR}{m}") for m in sorted(members)]
    if explicit or path.suffix.lower() in EXTENSIONS or _is_broken_link(path):
        return [Source(str(path))]
    return []
