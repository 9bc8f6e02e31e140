"""Tests for claims/encoding.py: BOMs, declared charsets, UTF-8, the detector, binary and noise."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.claims import encoding as _encoding
from claimcheck.claims.encoding import DecodeFailure, decode, describe_replacements, sniff_binary

PROSE_RU = "Бюджет агентства составляет около 8 миллиардов долларов, а штат - более 20 000 человек. " * 3
PROSE_JA = "この機関の年間予算は約80億ドルで、職員は2万人以上です。本部はワシントンにあります。" * 3
PROSE_ZH = "该机构的年度预算约为80亿美元，员工超过两万人。总部设在华盛顿。" * 3
PROSE_KO = "이 기관의 연간 예산은 약 80억 달러이며 직원은 2만 명이 넘습니다. 본부는 워싱턴에 있습니다." * 3
PROSE_EN = "The agency’s budget is “approximately $8 billion” — and it employs 20,000 people. Café. "


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_wins(bom, codec):
    decoded = decode(bom + PROSE_EN.encode(codec))
    assert decoded.text == PROSE_EN and decoded.origin == "bom" and decoded.replacements == 0
    assert decoded.encoding == ("utf-8-sig" if codec == "utf-8" else codec)


def test_bom_beats_a_declaration():
    text = '<meta charset="iso-8859-1"><p>Café</p>'
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")).text == text


def test_lone_surrogate_in_utf16_becomes_one_counted_replacement():
    data = codecs.BOM_UTF16_LE + "Budget $8 billion ".encode("utf-16-le") + b"\x00\xd8" + " more text".encode("utf-16-le")
    decoded = decode(data)
    assert decoded.replacements == 1
    assert "\ufffd" in decoded.text and "$8 billion" in decoded.text
    assert all(not 0xD800 <= ord(ch) <= 0xDFFF for ch in decoded.text)


def test_utf16_that_is_mostly_garbage_is_undecodable():
    # a share above a tenth and at least 16 characters lost
    data = codecs.BOM_UTF16_LE + b"\x00\xdc" * 50 + "ok".encode("utf-16-le")
    with pytest.raises(DecodeFailure, match=r"undecodable: 50 of 52 characters are not valid utf-16-le"):
        decode(data)


def test_utf16_without_bom_is_recognised():
    decoded = decode(PROSE_EN.encode("utf-16-le"))
    assert (decoded.text, decoded.encoding, decoded.origin) == (PROSE_EN, "utf-16-le", "detected")
    assert decode(PROSE_EN.encode("utf-16-be")).encoding == "utf-16-be"


def test_strict_utf8_wins_over_a_stale_declaration():
    text = "<meta charset='windows-1251'><p>Café — “quoted”</p>"
    decoded = decode(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.origin) == (text, "utf-8", "utf-8")


@pytest.mark.parametrize(
    ("declaration", "codec", "name"),
    [
        ('<meta charset="windows-1251">', "cp1251", "cp1251"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8-r", "koi8-r"),
        ('<?xml version="1.0" encoding="Shift_JIS"?>', "shift_jis", "shift_jis"),
        ("<meta charset=iso-8859-1>", "cp1252", "cp1252"),  # latin-1 labels read as windows-1252
    ],
)
def test_declared_charset(declaration, codec, name):
    body = PROSE_JA if codec == "shift_jis" else (PROSE_RU if codec != "cp1252" else PROSE_EN)
    text = declaration + "<p>" + body + "</p>"
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.origin) == (text, name, "declared")


def test_a_declared_python_only_codec_is_ignored():
    # unicode_escape would turn "\ud800" in the page into a lone surrogate; utf-7 likewise.
    for label in ("unicode_escape", "utf-7", "rot13", "base64"):
        data = f'<meta charset="{label}"><p>caf\xe9 \\ud800 +2D3dAA-</p>'.encode("cp1252")
        decoded = decode(data)
        assert decoded.encoding == "cp1252" and "\\ud800" in decoded.text


def test_mostly_utf8_with_a_stray_byte_keeps_utf8_and_counts_it():
    data = ("Café, naïve, “quoted” and 20,000 employees. " * 5).encode("utf-8") + b"The agency\x92s budget."
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.replacements == 1
    assert decoded.text.endswith("The agency\ufffds budget.")


def test_a_page_declaring_utf8_with_few_bad_bytes():
    data = b'<meta charset="utf-8"><p>' + b"x" * 200 + b"\xff</p>"
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.replacements == 1


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (PROSE_RU, "cp1251", "cp1251"),
        (PROSE_RU, "koi8-r", "koi8-r"),
        (PROSE_JA, "shift_jis", "shift_jis"),
        (PROSE_ZH, "gb18030", "gb18030"),
        (PROSE_KO, "euc-kr", "euc_kr"),
    ],
)
def test_detector_finds_undeclared_legacy_encodings(text, codec, expected):
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.origin) == (text, expected, "detected")


def test_latin_text_without_declaration_reads_as_windows_1252():
    for text in (PROSE_EN, "Caf\xe9", "The agency\x92s budget \x96 roughly $8 billion"):
        data = text.encode("latin-1") if "\x92" in text else text.encode("cp1252")
        decoded = decode(data)
        assert decoded.encoding == "cp1252" and decoded.origin == "default"
    assert decode(b"The agency\x92s budget").text == "The agency’s budget"


def test_five_unassigned_windows_1252_bytes_map_to_c1_controls():
    assert decode(b"a\x81b\x8dc\x8fd\x90e\x9df").text == "a\x81b\x8dc\x8fd\x90e\x9df"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image)"),
        (b"PK\x03\x04\x14\x00", "binary file (ZIP archive or Office document)"),
        (b"\x1f\x8b\x08\x00", "binary file (gzip archive)"),
        (b"\x7fELF\x02\x01\x01", "binary file (executable)"),
        (b"some text\x00with a NUL and more than sixteen bytes of it", "binary file"),
    ],
)
def test_binary(data, reason):
    assert sniff_binary(data) == reason
    with pytest.raises(DecodeFailure) as info:
        decode(data)
    assert info.value.reason == reason


def test_control_character_soup_is_binary():
    with pytest.raises(DecodeFailure, match=r"binary file \(\d+ of the first \d+ characters are control characters"):
        decode(bytes(range(1, 32)) * 4)
    # A stray control character or two is text.
    assert decode(b"Form feed\x0c and a bell\x07 in prose.").text == "Form feed\x0c and a bell\x07 in prose."


def test_empty_input_decodes_to_empty_text():
    decoded = decode(b"")
    assert (decoded.text, decoded.encoding, decoded.replacements) == ("", "utf-8", 0)


def test_replacement_characters_already_in_the_text_are_counted():
    decoded = decode("a � b".encode("utf-8"))
    assert decoded.replacements == 1 and decoded.encoding == "utf-8"
    with pytest.raises(DecodeFailure, match="undecodable: 20 of 40"):
        decode(("a\ufffd" * 20).encode("utf-8"))


def test_describe_replacements():
    assert describe_replacements(1) == "1 character could not be decoded and show as U+FFFD (\ufffd)"
    assert describe_replacements(3).startswith("3 characters could not be decoded")


@given(st.binary(max_size=300))
def test_property_any_bytes_decode_to_encodable_text_or_fail_cleanly(data):
    try:
        decoded = decode(data)
    except DecodeFailure as exc:
        assert exc.reason
        return
    decoded.text.encode("utf-8")  # never a lone surrogate
    assert decoded.replacements == decoded.text.count("\ufffd")


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1),
    st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]),
)
def test_property_unicode_with_a_bom_round_trips(text, codec):
    assert decode(text.encode(codec)).text == text


# --- Shortcuts in decode: the same answers as the regexes they skip. ---

_CONTROLISH = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    ["\x00", "\x08", "\t", "\x0e", "\x1b", "\x1f", "\x7f", "\x80", "\x9f", "\xa0", "\u0100", "\u2080", "\U0001f600"]
)


@settings(max_examples=1000, deadline=None)
@given(st.text(_CONTROLISH, max_size=40))
def test_control_count_is_the_regex_count(sample):
    assert _encoding._count_controls(sample) == len(_encoding._CONTROLS_RE.findall(sample))


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=40) | st.sampled_from([b"\xed\xa0\x80", b"a\xed\xbf\xbfb", b"\xf0\x9f\x98\x80"]))
def test_the_utf8_decoder_never_yields_a_surrogate(data):
    # decode skips the surrogate scrub for UTF-8 on this ground.
    for errors in ("strict", "replace"):
        try:
            text = data.decode("utf-8", errors)
        except UnicodeDecodeError:
            continue
        assert not _encoding._SURROGATE_RE.search(text)
