"""The I/O edge of extraction: read one version's file, decode it, extract its text and date."""

from __future__ import annotations

import codecs
import hashlib
import os
import re

import attrs

from claimcheck.claims.dates import DetectedDate, detect_version_date
from claimcheck.claims.text import ExtractedText, extract_html, extract_markdown, extract_plain

__all__ = [
    "DEFAULT_MAX_BYTES",
    "LoadError",
    "LoadedDocument",
    "decode_bytes",
    "kind_for_path",
    "load_document",
    "parse_document",
]

DEFAULT_MAX_BYTES = 50 * 2**20

_KINDS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
}
_EXTRACTORS = {"html": extract_html, "markdown": extract_markdown, "text": extract_plain}


@attrs.frozen
class LoadedDocument:
    """One version's file, decoded and extracted."""

    path: str  # as given: a project-relative POSIX path for display
    kind: str  # "html" | "markdown" | "text"
    sha256: str  # hex digest of the raw bytes
    encoding: str  # the codec that decoded them
    extracted: ExtractedText
    detected_date: DetectedDate


class LoadError(Exception):
    """A file that cannot be read or is not text; the message names the file and the problem."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)  # args stay (path, reason), so it pickles
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def kind_for_path(path: str) -> str:
    """Document kind from the file extension: html, markdown, else text."""
    return _KINDS.get(os.path.splitext(path)[1].lower(), "text")


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 8192
_DECLARED_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""",
    re.I,
)
# Browsers (WHATWG Encoding) read these labels as windows-1252, whose extra characters
# (curly quotes, dashes, €) pages labelled latin-1 use all the time.
_AS_CP1252 = frozenset({"latin_1", "iso8859-1", "ascii", "cp1252"})
_C1_ESCAPE_RE = re.compile("[\udc80-\udcff]")


def _declared_codec(data: bytes) -> str | None:
    m = _DECLARED_RE.search(data, 0, 4096)
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _AS_CP1252:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        return None  # an ASCII-readable declaration cannot be UTF-16; browsers ignore it too
    return name


def _cp1252(data: bytes) -> str:
    # Python's cp1252 rejects five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D); browsers map
    # them to the C1 controls of the same value, and so do we, so this decode never fails.
    text = data.decode("cp1252", errors="surrogateescape")
    return _C1_ESCAPE_RE.sub(lambda m: chr(ord(m.group()) - 0xDC00), text)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document: (text, encoding name).

    A byte-order mark wins; then strict UTF-8; then a charset the file declares (<meta charset>,
    <?xml encoding>); then windows-1252, which accepts anything. NUL bytes in the first 8 KiB
    without a UTF-16/32 BOM mean a binary file: ValueError("binary file").
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec.replace("-sig", "")), codec
            except UnicodeDecodeError as e:
                raise ValueError(f"invalid {codec} data at byte {e.start + len(bom)}") from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ValueError("binary file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_codec(data)
    if declared and declared not in ("utf-8", "cp1252"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    return _cp1252(data), "cp1252"


def parse_document(data: bytes, *, path: str, kind: str | None = None, day_first: bool = False) -> LoadedDocument:
    """Decode, extract and date one document given as bytes (pure: no file access)."""
    kind = kind or kind_for_path(path)
    if kind not in _EXTRACTORS:
        raise ValueError(f"unknown document kind {kind!r}")
    try:
        source, encoding = decode_bytes(data)
    except ValueError as e:
        raise LoadError(path, f"not valid text ({e})") from None
    extracted = _EXTRACTORS[kind](source)
    date = detect_version_date(text=extracted.text, raw=source, kind=kind, filename=path, day_first=day_first)
    return LoadedDocument(path, kind, hashlib.sha256(data).hexdigest(), encoding, extracted, date)


def load_document(
    fs_path: os.PathLike | str,
    *,
    display_path: str,
    day_first: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadedDocument:
    """Read and parse one file; every failure is a LoadError naming ``display_path``."""
    try:
        with open(fs_path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise LoadError(display_path, f"too large ({size} bytes; the limit is {max_bytes})")
            # Read one byte past the limit: special files report size 0 and may never end.
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError(display_path, "file not found") from None
    except IsADirectoryError:
        raise LoadError(display_path, "cannot read: is a directory") from None
    except PermissionError:
        raise LoadError(display_path, "cannot read: permission denied") from None
    except OSError as e:
        raise LoadError(display_path, f"cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise LoadError(display_path, f"too large (more than {max_bytes} bytes)")
    return parse_document(data, path=display_path, kind=kind_for_path(os.fspath(fs_path)), day_first=day_first)
