"""Tests for claims/load.py: kinds, decoding, hashing and the errors of reading a file."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import pickle
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.claims.load import (
    LoadError,
    LoadedDocument,
    decode_bytes,
    kind_for_path,
    load_document,
    parse_document,
)

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("a/who.html", "html"),
        ("WHO.HTM", "html"),
        ("x.xhtml", "html"),
        ("notes.md", "markdown"),
        ("notes.Markdown", "markdown"),
        ("capture.txt", "text"),
        ("README", "text"),
        ("data.csv", "text"),
        ("dir.html/file", "text"),
    ],
)
def test_kind_for_path(path, kind):
    assert kind_for_path(path) == kind


# --------------------------------------------------------------------------------------------
# decode_bytes
# --------------------------------------------------------------------------------------------

SAMPLE = "Café — “$8 billion”\r\nline 2"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + SAMPLE.encode("utf-32-be"), "utf-32-be"),
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_keeps_text_exactly(data, encoding):
    assert decode_bytes(data) == (SAMPLE, encoding)


def test_decode_empty_and_ascii():
    assert decode_bytes(b"") == ("", "utf-8")
    assert decode_bytes(b"plain") == ("plain", "utf-8")


def test_decode_declared_charset_when_not_utf8():
    text = "<html><head><meta charset='windows-1251'></head><body>Привет</body></html>"
    assert decode_bytes(text.encode("cp1251")) == (text, "cp1251")
    text = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Привет</p>'
    assert decode_bytes(text.encode("koi8-r")) == (text, "koi8-r")
    xml = '<?xml version="1.0" encoding="ISO-8859-15"?><p>€5</p>'
    assert decode_bytes(xml.encode("iso-8859-15")) == (xml, "iso8859-15")


def test_decode_latin1_label_reads_as_windows_1252():
    text = "<meta charset=iso-8859-1><p>“quoted” – dash</p>"
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_decode_valid_utf8_wins_over_a_wrong_declaration():
    text = "<meta charset='iso-8859-1'><p>Café</p>"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def test_decode_unknown_declared_charset_falls_back():
    data = "<meta charset='no-such-codec'><p>caf\xe9</p>".encode("cp1252")
    assert decode_bytes(data) == ("<meta charset='no-such-codec'><p>caf\xe9</p>", "cp1252")


def test_decode_cp1252_never_fails():
    data = b"\t\n" + bytes(range(0x20, 256))
    text, encoding = decode_bytes(data)
    assert encoding == "cp1252" and len(text) == len(data)
    assert text[2 + 0x81 - 0x20] == "\x81" and text[2 + 0x80 - 0x20] == "€"


def test_decode_mostly_control_characters_is_binary():
    with pytest.raises(ValueError, match="control characters"):
        decode_bytes(bytes(range(1, 256)))


def test_decode_binary_is_an_error():
    with pytest.raises(ValueError, match="binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ValueError, match="binary file"):
        decode_bytes("hello".encode("utf-16-le"))  # UTF-16 without a BOM is not sniffed


def test_decode_broken_utf16_loses_one_character_not_the_file():
    # a lone surrogate becomes U+FFFD and is counted (encoding.decode); the rest of the text stays
    assert decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8") == ("a\ufffd", "utf-16-le")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))))
def test_property_utf8_round_trips(text):
    if text.strip() or not text:
        assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


@given(st.binary(max_size=200))
def test_property_decode_returns_text_or_value_error(data):
    try:
        text, encoding = decode_bytes(data)
    except ValueError:
        return
    assert isinstance(text, str) and encoding


# --------------------------------------------------------------------------------------------
# parse_document
# --------------------------------------------------------------------------------------------


def test_parse_document_html():
    data = (
        b"<html><head><title>Who We Are</title></head><body><p>ICE has more than 20,000 staff.</p>"
        b"<footer>Last Reviewed/Updated: 05/13/2020</footer></body></html>"
    )
    doc = parse_document(data, path="examples/ice/who-we-are.html")
    assert isinstance(doc, LoadedDocument)
    assert doc.path == "examples/ice/who-we-are.html"
    assert doc.kind == "html" and doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.extracted.text == "Who We Are\n\nICE has more than 20,000 staff."
    assert doc.detected_date.date == dt.date(2020, 5, 13) and doc.detected_date.origin == "text"


def test_parse_document_kind_override_and_filename_date():
    doc = parse_document(b"# Title\n\nBody", path="notes/2020-05-13.txt", kind="markdown")
    assert doc.kind == "markdown"
    assert doc.extracted.blocks[0].kind == "heading"
    assert doc.detected_date.origin == "filename" and doc.detected_date.date == dt.date(2020, 5, 13)


def test_parse_document_day_first():
    doc = parse_document(b"Last Updated: 01/03/2018", path="a.txt", day_first=True)
    assert doc.detected_date.date == dt.date(2018, 3, 1)


def test_parse_document_keeps_crlf_positions():
    data = "Intro line\r\n\r\nSecond paragraph has 9,800 employees.\r\n".encode("utf-8")
    doc = parse_document(data, path="a.txt")
    offset = doc.extracted.text.index("9,800")
    assert doc.extracted.source_position(offset) == (3, 22)


def test_parse_document_binary_is_a_load_error():
    with pytest.raises(LoadError) as info:
        parse_document(b"\x00\x01\x02", path="img/logo.html")
    assert str(info.value) == "img/logo.html: binary file"
    assert info.value.path == "img/logo.html"
    assert info.value.reason == "binary file"


def test_parse_document_unknown_kind():
    with pytest.raises(ValueError, match="unknown document kind"):
        parse_document(b"x", path="a.txt", kind="docx")


def test_parse_document_is_deterministic():
    data = b"<p>Release Date: August 20, 2018</p><p>more than $5.7 billion</p>"
    assert parse_document(data, path="a.html") == parse_document(data, path="a.html")


def test_load_error_pickles():
    error = pickle.loads(pickle.dumps(LoadError("a.txt", "file not found")))
    assert (error.path, error.reason, str(error)) == ("a.txt", "file not found", "a.txt: file not found")


# --------------------------------------------------------------------------------------------
# load_document
# --------------------------------------------------------------------------------------------


def test_load_document_reads_the_file(tmp_path):
    path = tmp_path / "who.html"
    path.write_bytes("<p>approximately $8&nbsp;billion</p>".encode("utf-8"))
    doc = load_document(path, display_path="who.html")
    assert doc.path == "who.html" and doc.kind == "html"
    assert doc.extracted.text == "approximately $8\xa0billion"


def test_load_document_kind_comes_from_the_file(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("**bold**", encoding="utf-8")
    assert load_document(path, display_path="shown-as.txt").kind == "markdown"


def test_load_document_missing(tmp_path):
    with pytest.raises(LoadError) as info:
        load_document(tmp_path / "nope.html", display_path="corpus/nope.html")
    assert str(info.value) == "corpus/nope.html: file not found"


def test_load_document_directory(tmp_path):
    with pytest.raises(LoadError, match="cannot read: is a directory"):
        load_document(tmp_path, display_path="corpus")


def test_load_document_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(LoadError, match=r"^big.txt: too large"):
        load_document(path, display_path="big.txt", max_bytes=100)
    assert load_document(path, display_path="big.txt", max_bytes=101).extracted.text == "x" * 101


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_load_document_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        with pytest.raises(LoadError) as info:
            load_document(path, display_path="secret.txt")
        assert str(info.value) == "secret.txt: cannot read: permission denied"
    finally:
        path.chmod(0o600)


def test_load_document_permission_denied_message(tmp_path, monkeypatch):
    # The same path without relying on file modes (which root ignores).
    import claimcheck.claims.load as load_module

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(load_module.os, "open", refuse)
    with pytest.raises(LoadError) as info:
        load_document(tmp_path / "x.txt", display_path="x.txt")
    assert str(info.value) == "x.txt: cannot read: permission denied"


def test_load_document_other_os_errors(tmp_path, monkeypatch):
    import claimcheck.claims.load as load_module

    def fail(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(load_module.os, "open", fail)
    with pytest.raises(LoadError, match=r"^x.txt: cannot read: Input/output error$"):
        load_document(tmp_path / "x.txt", display_path="x.txt")


def test_load_document_binary(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(LoadError, match=r"^logo.png: binary file \(PNG image\)$"):
        load_document(path, display_path="logo.png")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_load_seeds(prefix):
    if not SEEDS.is_dir():
        pytest.skip("seed folder absent")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    doc = load_document(path, display_path=path.name)
    assert doc.kind == "text" and doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.extracted.text


# --------------------------------------------------------------------------------------------
# Per-file problems: each is a LoadError with a reason a report can show
# --------------------------------------------------------------------------------------------


def test_load_error_is_an_input_error():
    from claimcheck.errors import ClaimcheckError, InputError

    error = LoadError("a.txt", "binary file")
    assert isinstance(error, InputError) and isinstance(error, ClaimcheckError)
    assert (error.path, error.problem, error.reason) == ("a.txt", "binary file", "binary file")


@pytest.mark.parametrize(
    ("data", "kind", "reason"),
    [
        (b"", None, "empty file (0 bytes)"),
        (b" \r\n\t \n", None, "empty file (only whitespace)"),
        (codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"), None, "empty file (only whitespace)"),
        (b"<html><head><script>var x = 1;</script></head><body><nav>Menu</nav></body></html>", "html",
         "no text: the html file holds nothing but markup"),
        (b"\x89PNG\r\n\x1a\n\x00", None, "binary file (PNG image)"),
    ],
)
def test_problem_documents(data, kind, reason):
    with pytest.raises(LoadError) as info:
        parse_document(data, path="p.html" if kind == "html" else "p.txt", kind=kind)
    assert info.value.reason == reason


def test_a_parser_bug_is_a_parser_failure_not_a_crash(monkeypatch):
    import claimcheck.claims.load as load_module

    def broken(source):
        raise IndexError("list index out of range\nwith a second line " + "x" * 500)

    monkeypatch.setitem(load_module._EXTRACTORS, "markdown", broken)
    with pytest.raises(LoadError) as info:
        parse_document(b"# Title", path="a.md")
    reason = info.value.reason
    assert reason.startswith("parser failure: IndexError: list index out of range with a second line xxx")
    assert len(reason) < 260 and "\n" not in reason
    assert isinstance(info.value.__cause__, IndexError)  # kept for debugging


def test_replacements_are_counted_and_warned():
    data = codecs.BOM_UTF16_LE + "ICE has 5 offices".encode("utf-16-le") + b"\x00\xd8" + ".".encode("utf-16-le")
    doc = parse_document(data, path="a.txt")
    assert doc.replacements == 1 and doc.encoding == "utf-16-le"
    assert doc.warnings == ("1 character could not be decoded and show as U+FFFD (\ufffd)",)
    assert parse_document(b"clean", path="a.txt").warnings == ()


def test_format_size():
    from claimcheck.claims.load import format_size

    assert [format_size(n) for n in (0, 1, 1023, 1024, 1536, 50 * 2**20, 3 * 2**30)] == [
        "0 bytes", "1 byte", "1023 bytes", "1 KiB", "1.5 KiB", "50 MiB", "3 GiB",
    ]


def test_load_document_too_large_message(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3000)
    with pytest.raises(LoadError) as info:
        load_document(path, display_path="big.txt", max_bytes=2048)
    assert info.value.reason == "too large: 2.9 KiB (3000 bytes), over the 2 KiB limit ([input] max_file_size)"


def test_load_document_refuses_a_named_pipe_without_blocking(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes")
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(LoadError, match="not a regular file"):
        load_document(tmp_path / "pipe", display_path="pipe")


def test_load_document_broken_symlink_is_not_found(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(LoadError, match=r"^link.txt: file not found$"):
        load_document(tmp_path / "link.txt", display_path="link.txt")
