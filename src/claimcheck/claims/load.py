"""The I/O edge of extraction: read one version's file, decode it, extract its text and date."""

from __future__ import annotations

import hashlib
import os
import stat

import attrs

from claimcheck.claims.dates import DetectedDate, detect_version_date, renamed_date
from claimcheck.claims.encoding import DecodeFailure, decode, describe_replacements
from claimcheck.claims.pdf import PdfFailure, extract_pdf, extract_pdf_isolated
from claimcheck.claims.text import ExtractedText, extract_html, extract_markdown, extract_plain
from claimcheck.errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "LoadError",
    "LoadedDocument",
    "decode_bytes",
    "format_size",
    "kind_for_path",
    "load_document",
    "parse_document",
    "parser_failure",
    "read_file",
    "under_name",
]

DEFAULT_MAX_BYTES = 50 * 2**20

_KINDS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
    ".pdf": "pdf",
}
_EXTRACTORS = {"html": extract_html, "markdown": extract_markdown, "text": extract_plain}
KINDS = (*_EXTRACTORS, "pdf")
_MESSAGE_MAX = 200  # an exception's text in a report is cut here: some quote the whole input


@attrs.frozen
class LoadedDocument:
    """One version's file, decoded and extracted."""

    path: str  # as given: a project-relative POSIX path for display
    kind: str  # "html" | "markdown" | "text" | "pdf"
    sha256: str  # hex digest of the raw bytes
    encoding: str  # the codec that decoded them ("pdf" for a PDF)
    extracted: ExtractedText
    detected_date: DetectedDate
    replacements: int = 0  # characters lost to decoding (U+FFFD), or PDF glyphs without text
    warnings: tuple[str, ...] = ()  # problems that did not stop the reading, for the report


class LoadError(InputError):
    """A file that cannot be read or is not text; the message names the file and the problem."""

    def __init__(self, path: str, reason: str) -> None:
        Exception.__init__(self, path, reason)  # args stay (path, reason), so it pickles
        self.path = path
        self.problem = self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def format_size(n: int) -> str:
    """A byte count for people: "512 bytes", "50 MiB", "1.5 GiB"."""
    if n < 1024:
        return f"{n} byte" + ("" if n == 1 else "s")
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        n /= 1024
        if n < 1024 or unit == "TiB":
            return f"{n:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")


def kind_for_path(path: str) -> str:
    """Document kind from the file extension: html, markdown, pdf, else text."""
    return _KINDS.get(os.path.splitext(path)[1].lower(), "text")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document: (text, codec name); ValueError when it is binary or noise.

    The rules are ``claimcheck.claims.encoding.decode``'s; this keeps the two-value form.
    """
    decoded = decode(data)
    return decoded.text, decoded.encoding


def _kind(path: str, data: bytes, kind: str | None) -> str:
    kind = kind or kind_for_path(path)
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    if kind != "pdf" and data.startswith(b"%PDF-"):
        return "pdf"  # a PDF saved under another name is still a PDF
    return kind


def parse_document(
    data: bytes, *, path: str, kind: str | None = None, day_first: bool = False, isolate_pdf: bool = False
) -> LoadedDocument:
    """Decode, extract and date one document given as bytes (no file access).

    Every problem with the document is a LoadError naming ``path``: binary, undecodable, empty,
    no text, a broken PDF, and any failure of the parsers themselves ("parser failure: …"), so
    one bad file can never stop a run. ``isolate_pdf`` reads a PDF in a child process with a
    time limit (what the loaders do: pdfminer can loop on hostile files).
    """
    kind = _kind(path, data, kind)
    try:
        return _parse(data, path, kind, day_first, isolate_pdf)
    except LoadError:
        raise
    except Exception as exc:  # a parser bug on one file must not sink the run
        raise LoadError(path, parser_failure(exc)) from exc


def parser_failure(exc: BaseException) -> str:
    """The unreadable reason for a bug met while reading one file: "parser failure: Type: message"."""
    text = " ".join(str(exc).split())
    if len(text) > _MESSAGE_MAX:
        text = text[: _MESSAGE_MAX - 1] + "\u2026"
    return f"parser failure: {type(exc).__name__}: {text}" if text else f"parser failure: {type(exc).__name__}"


def _parse(data: bytes, path: str, kind: str, day_first: bool, isolate_pdf: bool) -> LoadedDocument:
    if not data:
        raise LoadError(path, "empty file (0 bytes)")
    digest = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        try:
            pdf = extract_pdf_isolated(data) if isolate_pdf else extract_pdf(data)
        except PdfFailure as exc:
            raise LoadError(path, exc.reason) from None
        extracted, raw, encoding, replacements = pdf.extracted, pdf.extracted.text, "pdf", pdf.replacements
    else:
        try:
            decoded = decode(data)
        except DecodeFailure as exc:
            raise LoadError(path, exc.reason) from None
        if not decoded.text.strip():
            raise LoadError(path, "empty file (only whitespace)")
        raw, encoding, replacements = decoded.text, decoded.encoding, decoded.replacements
        extracted = _EXTRACTORS[kind](raw)
        if not extracted.text:
            raise LoadError(path, f"no text: the {kind} file holds nothing but markup")
    date = detect_version_date(text=extracted.text, raw=raw, kind=kind, filename=path, day_first=day_first)
    warnings = (describe_replacements(replacements),) if replacements else ()
    return LoadedDocument(path, kind, digest, encoding, extracted, date, replacements, warnings)


def under_name(doc: LoadedDocument, path: str) -> LoadedDocument:
    """``doc`` as ``parse_document`` reads the same bytes under the name ``path`` (a date in the name may differ)."""
    return attrs.evolve(doc, path=path, detected_date=renamed_date(doc.detected_date, path))


def load_document(
    fs_path: os.PathLike | str,
    *,
    display_path: str,
    day_first: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadedDocument:
    """Read and parse one file; every failure is a LoadError naming ``display_path``."""
    data = read_file(fs_path, display_path=display_path, max_bytes=max_bytes)
    kind = kind_for_path(os.fspath(fs_path))
    return parse_document(data, path=display_path, kind=kind, day_first=day_first, isolate_pdf=True)


def too_large(display_path: str, size: int | None, max_bytes: int) -> LoadError:
    """The error for a file over the size cap."""
    if size is None:
        what = f"more than {format_size(max_bytes)}"
    else:
        what = format_size(size) + (f" ({size} bytes)" if size >= 1024 else "")
    return LoadError(display_path, f"too large: {what}, over the {format_size(max_bytes)} limit ([input] max_file_size)")


def read_file(fs_path: os.PathLike | str, *, display_path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one regular file, at most ``max_bytes``; a LoadError naming ``display_path`` else."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then refuses it.
        fd = os.open(fs_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise LoadError(display_path, "file not found") from None
    except IsADirectoryError:
        raise LoadError(display_path, "cannot read: is a directory") from None
    except PermissionError:
        raise LoadError(display_path, "cannot read: permission denied") from None
    except OSError as e:
        raise LoadError(display_path, f"cannot read: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(display_path, "cannot read: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(display_path, "cannot read: not a regular file (a device, pipe or socket)")
        if info.st_size > max_bytes:
            raise too_large(display_path, info.st_size, max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            # Read one byte past the limit: a file that grows while we read is still capped.
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise LoadError(display_path, "cannot read: permission denied") from None
    except OSError as e:
        raise LoadError(display_path, f"cannot read: {e.strerror or e}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise too_large(display_path, None, max_bytes)
    return data
