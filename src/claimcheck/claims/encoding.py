"""Bytes → text: byte-order mark, strict UTF-8, declared charset, a detector, and the binary test."""

from __future__ import annotations

import codecs
import re

import attrs

__all__ = ["DecodeFailure", "Decoded", "decode", "describe_replacements", "sniff_binary"]


@attrs.frozen
class Decoded:
    """A document's text, the codec that produced it and how that codec was chosen."""

    text: str
    encoding: str  # a Python codec name: "utf-8", "utf-16-le", "cp1252", "shift_jis" …
    origin: str  # "bom" | "utf-8" | "declared" | "detected" | "default"
    replacements: int = 0  # U+FFFD characters in the text: characters lost before or while decoding


class DecodeFailure(ValueError):
    """The bytes are not a text document; ``reason`` says why in words for a report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 8192
_DETECT_BYTES = 256 * 1024  # the detector reads a sample: its cost grows with the input
_DECLARED_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""",
    re.I,
)
# Browsers (WHATWG Encoding) read these labels as windows-1252, whose extra characters
# (curly quotes, dashes, €) pages labelled latin-1 use all the time.
_AS_CP1252 = frozenset({"latin_1", "iso8859-1", "ascii", "cp1252"})
_C1_ESCAPE_RE = re.compile("[\udc80-\udcff]")
# The legacy encodings a browser can decode (WHATWG Encoding), as Python codecs: the detector
# chooses among these only. Left free it reads four bytes of "Caf\xe9" as EBCDIC or UTF-16.
_WEB_LEGACY = (
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u",
    "mac_cyrillic", "cp866", "cp874", "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
)
# Latin-script code pages differ only in a few accented letters, which short English text does
# not have enough of to tell apart; windows-1252 is what a browser assumes for such a page.
_LATIN_PAGES = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
})
# A share of characters above these makes a document noise rather than text.
_MAX_REPLACED_SHARE = 0.10
_MIN_REPLACED = 16  # below this many, U+FFFD in a short text is a warning, never a refusal
_MIN_FOREIGN_BYTES = 16  # fewer non-ASCII bytes than this are too few to tell a script by
_HIGH_BYTES = bytes(range(0x80, 0x100))
_MAX_CONTROL_SHARE = 0.05
_MIN_CONTROLS = 16  # a stray control character or two never makes a short file binary
_MAX_LENIENT_SHARE = 0.01  # a declared or mostly-UTF-8 document may lose this share to U+FFFD
_MAGIC = (  # signatures of binary formats people drop into folders, for a better message
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_CONTROLS_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")  # not \t \n \v \f \r or ESC
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# The controls above as UTF-8 bytes: the ASCII ones are single bytes (a byte below 0x80 is always an
# ASCII character in UTF-8), and U+0080-U+009F are C2 80-C2 9F (C2 only ever leads a character).
_ASCII_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_C1_LEAD = b"\xc2"
# Charsets a page may declare: text encodings a browser knows. Python also has codecs such as
# unicode_escape or utf-7 that would turn a page's bytes into lone surrogates or other text.
_DECLARABLE_RE = re.compile(
    r"(cp\d+|iso8859-\d+|koi8-[ru]|mac-\w+|euc_\w+|shift_jis\w*|gb2312|gbk|gb18030|big5\w*"
    r"|iso2022_\w+|tis-620|utf-8|hz|johab)"
)


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
    return name if _DECLARABLE_RE.fullmatch(name) else None


def _cp1252(data: bytes) -> str:
    # Python's cp1252 rejects five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D); browsers map
    # them to the C1 controls of the same value, and so do we, so this decode never fails.
    text = data.decode("cp1252", errors="surrogateescape")
    return _C1_ESCAPE_RE.sub(lambda m: chr(ord(m.group()) - 0xDC00), text)


def sniff_binary(data: bytes) -> str | None:
    """A reason when ``data`` is plainly not text ("binary file (PNG image)"), else None.

    A NUL byte in the first 8 KiB means binary, unless the bytes start with a UTF-16/32
    byte-order mark or look like UTF-16 text without one (every other byte NUL).
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({what})"
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and _bomless_utf16(head) is None:
        return "binary file"
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when ``head`` reads as mostly-ASCII UTF-16 without a BOM."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even = head[0 : 2 * pairs : 2].count(0)
    odd = head[1 : 2 * pairs : 2].count(0)
    # ASCII text in UTF-16LE has a NUL in every odd byte and almost none in the even ones.
    if odd >= 0.9 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.9 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _lenient(data: bytes, codec: str) -> str:
    return data.decode(codec, errors="replace")


def _detected(data: bytes) -> str | None:
    """The detector's codec for ``data``, or None when it finds no plausible one."""
    from charset_normalizer import from_bytes  # imported late: it costs 50 ms at start-up

    sample = data[:_DETECT_BYTES]
    if len(sample) - len(sample.translate(None, _HIGH_BYTES)) < _MIN_FOREIGN_BYTES:
        return "cp1252"  # a few accented letters: any guess of a non-Latin script is a coin toss
    best = from_bytes(sample, cp_isolation=list(_WEB_LEGACY)).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    return "cp1252" if name in _LATIN_PAGES else codecs.lookup(best.encoding).name


def _choose(data: bytes) -> tuple[str, str, str]:
    """(text, codec, origin) before any check of the result."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _lenient(data[len(bom) :], codec.replace("-sig", "")), codec, "bom"
    if b"\x00" in data[:_SNIFF_BYTES]:
        codec = _bomless_utf16(data[:_SNIFF_BYTES])
        if codec is not None:
            return _lenient(data, codec), codec, "detected"
    try:
        return data.decode("utf-8"), "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_codec(data)
    if declared is not None and declared != "cp1252":
        try:
            return data.decode(declared), declared, "declared"
        except UnicodeDecodeError:
            text = _lenient(data, declared)
            if _replaced_share(text, data) <= _MAX_LENIENT_SHARE:
                return text, declared, "declared"
        except LookupError:
            pass
    if declared is None:
        # Mostly UTF-8 with a few stray bytes (a Word quote pasted into a UTF-8 page): keep the
        # UTF-8 reading and count the losses, rather than garble every accented letter.
        text = _lenient(data, "utf-8")
        multibyte = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
        if multibyte and _replaced_share(text, data) <= _MAX_LENIENT_SHARE:
            return text, "utf-8", "utf-8"
        detected = _detected(data)
        if detected is not None and detected != "cp1252":
            try:
                return data.decode(detected), detected, "detected"
            except UnicodeDecodeError:
                text = _lenient(data, detected)
                if _replaced_share(text, data) <= _MAX_LENIENT_SHARE:
                    return text, detected, "detected"
    return _cp1252(data), "cp1252", "declared" if declared == "cp1252" else "default"


def _replaced_share(text: str, data: bytes) -> float:
    return (text.count("\ufffd") - data.count(b"\xef\xbf\xbd")) / max(len(text), 1)


def decode(data: bytes) -> Decoded:
    """Decode a document, or raise DecodeFailure when it is binary or noise.

    A byte-order mark wins (UTF-8/16/32); then UTF-16 recognised without one; then strict UTF-8,
    since valid UTF-8 with non-ASCII in it is almost never an accident while a stale <meta
    charset> in a re-saved page is common; then a charset the file declares (<meta charset>,
    http-equiv Content-Type, <?xml encoding>); then text that is mostly UTF-8 with a few bad
    bytes; then charset-normalizer among the encodings browsers know (a Latin-script guess reads
    as windows-1252); else windows-1252, which accepts any byte. Undecodable bytes become U+FFFD
    and are counted; a document that loses more than a tenth of its characters that way, or
    whose text is more than 5 % control characters (16 at least of either), is refused.
    """
    reason = sniff_binary(data)
    if reason is not None:
        raise DecodeFailure(reason)
    text, codec, origin = _choose(data)
    if codec != "utf-8":  # Python's UTF-8 decoder never yields a surrogate, strict or replacing
        text = _SURROGATE_RE.sub("\ufffd", text)  # never hand on a string that cannot be encoded
    replaced = text.count("\ufffd")
    if replaced >= _MIN_REPLACED and replaced > _MAX_REPLACED_SHARE * len(text):
        raise DecodeFailure(f"undecodable: {replaced} of {len(text)} characters are not valid {codec}")
    sample = text[:_SNIFF_BYTES]
    controls = _count_controls(sample)
    if controls >= _MIN_CONTROLS and controls > _MAX_CONTROL_SHARE * len(sample):
        raise DecodeFailure(
            f"binary file ({controls} of the first {len(sample)} characters are control characters as {codec})"
        )
    return Decoded(text, codec, origin, replaced)


def _count_controls(sample: str) -> int:
    """``len(_CONTROLS_RE.findall(sample))``; ``sample`` holds no surrogate.

    Nearly every page has none: its UTF-8 bytes then hold no ASCII control byte and no C2 lead,
    which two C-speed byte scans tell (a fifth of the regex's time); else the regex counts.
    """
    raw = sample.encode("utf-8")
    if _C1_LEAD not in raw and len(raw.translate(None, _ASCII_CONTROL_BYTES)) == len(raw):
        return 0
    return len(_CONTROLS_RE.findall(sample))


def describe_replacements(count: int) -> str:
    """The warning a report shows for ``count`` U+FFFD characters."""
    noun = "character" if count == 1 else "characters"
    return f"{count} {noun} could not be decoded and show as U+FFFD (\N{REPLACEMENT CHARACTER})"
