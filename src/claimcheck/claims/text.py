"""Raw page text (HTML, Markdown, plain) → block-structured plain text with a map back to the source."""

from __future__ import annotations

import bisect
import html
import re
import string
import unicodedata
from collections.abc import Iterator, Sequence
from html.entities import html5 as _HTML5
from itertools import accumulate, count
from operator import add, attrgetter

import attrs

from claimcheck.claims.html_tokens import (
    END,
    LEAF_TAIL_RE,
    RAW_OR_RCDATA,
    RCDATA,
    START,
    TAG_RE,
    TEXT,
    iter_start_tags,
    raw_end_re,
    scan_attrs,
    skip_markup_declaration,
    tokens,
)
from claimcheck.claims.row_figure import FIGURES_ROW, GLUED_LABEL, ROW_FIGURE, ROW_FIGURE_FIRST, UNIT_TOKEN

__all__ = [
    "BLOCK_KINDS",
    "SEPARATOR",
    "Block",
    "ExtractedText",
    "OffsetMap",
    "extract_html",
    "extract_layout",
    "extract_markdown",
    "extract_plain",
    "iter_start_tags",
    "strip_markup",
]

BLOCK_KINDS = ("heading", "paragraph", "list-item", "table-cell", "title")
# Blocks are joined with a blank line so that no sentence can run from one block into the next.
SEPARATOR = "\n\n"  # _Builder._open_block and _Builder.block know it is two characters


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Block:
    """One block of extracted text: a heading, paragraph, list item, table cell or page title."""

    kind: str  # one of BLOCK_KINDS
    start: int  # offsets into ExtractedText.text, end exclusive
    end: int
    level: int = 0  # heading level 1-6; list nesting depth (0 = top level); 0 otherwise
    row: int | None = None  # table cells: row and column within their table (0-based)
    col: int | None = None
    table: int | None = None  # table number within the document (0-based)


_SET_KIND, _SET_START, _SET_END, _SET_LEVEL, _SET_ROW, _SET_COL, _SET_TABLE = (
    Block.__dict__[field.name].__set__ for field in attrs.fields(Block)
)
# _new_block skips what Block's __init__ would do beyond setting the fields: there must be none.
assert all(field.validator is None and field.converter is None for field in attrs.fields(Block))
assert not hasattr(Block, "__attrs_post_init__")


def _new_block(
    kind: str, start: int, end: int, level: int, row: int | None, col: int | None, table: int | None
) -> Block:
    """Block(kind, start, …, table), made by setting its slots directly.

    The builders make one Block per block of every page, and attrs' frozen __init__ (an
    object.__setattr__ by attribute name per field) cost a tenth of HTML extraction; the slots'
    own setters are three times faster and make an equal object.
    """
    block = object.__new__(Block)
    _SET_KIND(block, kind)
    _SET_START(block, start)
    _SET_END(block, end)
    _SET_LEVEL(block, level)
    _SET_ROW(block, row)
    _SET_COL(block, col)
    _SET_TABLE(block, table)
    return block


@attrs.frozen
class OffsetMap(Sequence[int]):
    """Source offset of every character of extracted text, stored as runs.

    Run ``k`` starts at text offset ``text_starts[k]`` and maps text offset ``t`` (up to the next
    run) to ``source_starts[k] + t - text_starts[k]``. It reads like a tuple of ints (index,
    slice, ``len``, iterate), but costs memory per run rather than per character, which matters
    for the 50 MiB documents the loader accepts.
    """

    text_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    length: int  # number of characters mapped (== len(text))
    source_end: int  # source offset just past the last mapped character; 0 when nothing is

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self.length)))
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError("text offset out of range")
        k = bisect.bisect_right(self.text_starts, index) - 1
        return self.source_starts[k] + index - self.text_starts[k]

    def __iter__(self) -> Iterator[int]:
        bounds = self.text_starts[1:] + (self.length,)
        for start, stop, source in zip(self.text_starts, bounds, self.source_starts):
            yield from range(source, source + stop - start)


@attrs.frozen
class ExtractedText:
    """Plain text of one document in blocks, with a way back to lines and columns of the file."""

    text: str  # blocks joined by SEPARATOR
    blocks: tuple[Block, ...]  # in document order
    # source_offsets[i] is the offset in the decoded source of text[i]; a separator character
    # maps to the offset of the next real character.
    source_offsets: OffsetMap
    line_starts: tuple[int, ...]  # source offsets where each line starts (\r\n, \r, \n end lines)
    # Paged documents (PDF): source offset where each page starts, page 1 at 0; () = not paged.
    # Each is a line start, and lines are then counted from the top of their page.
    page_starts: tuple[int, ...] = ()
    # "html" when read from HTML, whose removed tags look like column gaps in the offset map (tables.py);
    # not part of what the text is (equal texts compare equal), and not kept in the cache
    kind: str = attrs.field(default="", eq=False, repr=False)

    def source_offset(self, offset: int) -> int:
        """Source offset of ``text[offset]``; ``len(text)`` maps just past the last character."""
        if not 0 <= offset <= len(self.text):
            raise IndexError("text offset out of range")
        if offset == len(self.text):
            return self.source_offsets.source_end
        return self.source_offsets[offset]

    def source_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of a text offset; columns count code points.

        In a paged document the line is counted within the offset's page (see ``source_page``).
        """
        source = self.source_offset(offset)
        line = bisect.bisect_right(self.line_starts, source)
        column = source - self.line_starts[line - 1] + 1
        page = self.source_page(offset)
        if page is not None:
            line -= bisect.bisect_left(self.line_starts, self.page_starts[page - 1])
        return line, column

    def source_page(self, offset: int) -> int | None:
        """1-based page of a text offset in a paged document (PDF); None for other documents."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, self.source_offset(offset)) or 1

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``text[offset]``, or None for a separator or an offset outside."""
        i = bisect.bisect_right(self.blocks, offset, key=attrgetter("start")) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None


# --------------------------------------------------------------------------------------------
# Shared machinery: line tables, whitespace classes and the text builder
# --------------------------------------------------------------------------------------------

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
# Whitespace that collapses to one space (what HTML and Markdown treat as inter-word space), and U+FFFD: text
# scraped from PDFs often has it for every space ("received\ufffdbenefits\ufffdin\ufffd2019"), and a character
# lost in decoding is no letter of a word either …
_COLLAPSIBLE = " \t\n\r\f\v\x1c\x1d\x1e\x1f\x85\u2028\u2029\ufffd"
# … and the other Unicode spaces, kept as they are: U+00A0, U+2009 and U+202F sit inside
# numbers ("9 800", "20 000") and the number parser reads them.
_KEPT_SPACES = "\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Group 3 takes words joined by single ASCII spaces in one piece: collapsing leaves such a run as
# it is, and adding it whole makes ordinary prose several times faster than word by word.
_WORD = "[^%s%s]+" % (re.escape(_COLLAPSIBLE), _KEPT_SPACES)
_PIECE_RE = re.compile(
    "([%s]+)|([%s]+)|(%s(?: %s)*)" % (re.escape(_COLLAPSIBLE), _KEPT_SPACES, _WORD, _WORD)
)
_BLANK_RE = re.compile(r"\s*")
_ASCII_BREAKS = frozenset(ch for ch in _COLLAPSIBLE if ch.isascii() and ch != " ")
assert _ASCII_BREAKS == frozenset("\n\t\r\x0c\x0b\x1c\x1d\x1e\x1f")  # as _is_word_run spells them out

_Spec = tuple  # (kind, level, row, col, table) of the block being written
_PARAGRAPH: _Spec = ("paragraph", 0, None, None, None)


# A figure and its label in sibling inline elements ("<b>98,730</b><span>calls answered</span>", a stat
# card; "<span>Stopbanks</span><span>412 km</span>", an infobox's row) render glued without the stylesheet
# that sets them apart: a word of two letters or more right after a figure (a digit, "10.4 million",
# "1.42bn"), or a digit right after a word that ends in three lower-case letters, with markup and no space
# between them, gets a space (see glued). Ordinal and scale suffixes ("3<sup>rd</sup>", "$1.2<span>bn</span>")
# and powers ("km<sup>2</sup>") stay glued, as they are read. The space sits on the markup's last character.
_GLUED_LABEL_RE = re.compile(r"(?!(?:st|nd|rd|th|bn|mn|tn)\b)[^\W\d_]{2}")


_FIGURE_ENDS_RE = re.compile(
    r"\d(?:[ \u00a0]?(?:million|billion|thousand|trillion|crore|lakh|cr)|(?:bn|mn|[mkb]))?\+?\Z"
    # ("<span>3 years</span><span>median award duration</span>": a figure with its unit)
    # ("<span>7.4% a year</span><span>average return …</span>": and its rate)
    r"|\d[ \u00a0]?(?:%|years?|months?|weeks?|days?|hours?|minutes?|km|miles?|mm|cm|kg|tonnes?|per[ \u00a0]?cent)"
    r"(?:[ \u00a0](?:a|per)[ \u00a0](?:year|month|week|day))?\Z",
    re.IGNORECASE,
)
_FIGURE_END_CHARS = "nNdDmMkKbB+%sSrRhHkKyYgGtTeE"  # the last characters _FIGURE_ENDS_RE can match


def _glued_after(chunks: list[str]) -> bool:
    """Whether the text written so far ends on a figure ("98,730", "10.4 million", "1.42bn", "12k+", "3 years"), as
    a stat card's value does."""
    # (a figure and its scale word are at most three chunks, however the text was written: "10.4", " ", "million")
    return chunks[-1][-1].isdecimal() or (  # (a digit, not "¹": a footnote's mark)
        chunks[-1][-1] in _FIGURE_END_CHARS and _FIGURE_ENDS_RE.search("".join(chunks[-3:])) is not None
    )


def glued(chunks: list[str], s: str, at: int) -> bool:
    """Whether the word at ``s[at:]``, after markup skipped since ``chunks`` were written, would glue a figure and
    its label: a label after a figure ("98,730" and "calls answered"), or a figure after a label's word ("Stopbanks"
    and "412 km", an infobox's row in two spans)."""
    if (
        s[at].isdecimal() or (s[at] in _HEDGE_LEADS and _HEDGED_FIGURE.match(s, at) is not None)
        or (s[at] in "R~" and s[at + 1 : at + 2].isdecimal())  # ("Revenue collected" and "R2.96bn", "~21,000")
        or (s[at] in "$€£₹₱" and s[at + 1 : at + 2].isdecimal())  # ("Cost of assistance" and "₱47.9M")
    ):
        # ("Estimated turnout" and "about 78%": a hedged figure as much as a bare one; "Population (Census 2011)"
        # and "12,46,512": a label that ends on its note)
        last = chunks[-1]
        if _YEAR_END.search(last) is not None and s[at].isdecimal():
            return True  # ("Annual CPI inflation, December quarter 2023" and "4.1%": a year and the figure it dates)
        return len(last) >= 3 and (last[-3:].isalpha() and last[-1].islower() or last[-1] == ")")
    return _glued_after(chunks) and _GLUED_LABEL_RE.match(s, at) is not None


_HEDGED_FIGURE = re.compile(
    r"(?:about|around|approximately|approx\.?|nearly|almost|over|more than|fewer than|less than|up to|some|roughly"
    r"|between)"
    r" [$€£₹₱]?[0-9]",
    re.IGNORECASE,
)
_YEAR_END = re.compile(r"(?:^|[^\d,.$€£])(?:19|20)\d\d\Z")
_HEDGE_LEADS = frozenset("aAnNoOmMfFlLuUsSrRbB")


def _is_word_run(s: str) -> bool:
    """Whether ``s`` is one run of words joined by single spaces (what _PIECE_RE's group 3 takes whole)."""
    if not s or s[0] == " " or s[-1] == " " or "  " in s:
        return False
    if s.isascii():
        # The ASCII whitespace but ' ' (_ASCII_BREAKS), each looked for by memchr: cheaper than any
        # per-character scan, isprintable's included.
        return not (
            "\n" in s or "\t" in s or "\r" in s or "\x0c" in s or "\x0b" in s
            or "\x1c" in s or "\x1d" in s or "\x1e" in s or "\x1f" in s
        )
    # Other whitespace is never printable, and everything else is a word character but U+FFFD; a string with
    # a character that is neither (a control or format character) merely takes the general way.
    return s.isprintable() and "\ufffd" not in s


def _line_starts(source: str) -> tuple[int, ...]:
    if "\r" in source:
        return (0, *(m.end() for m in _NEWLINE_RE.finditer(source)))
    if source.count("\n") * 64 < len(source):
        # Long lines (minified or generated pages): a search per line beats splitting the text.
        starts = [0]
        find = source.find
        nl = find("\n")
        while nl >= 0:
            starts.append(nl + 1)
            nl = find("\n", nl + 1)
        return tuple(starts)
    # Only "\n" ends lines: line k starts after the first k lines and their k newlines, summed in C.
    lines = source.split("\n")
    lines.pop()
    return (0, *map(add, accumulate(map(len, lines)), count(1)))


def _split_lines(source: str) -> list[tuple[int, int]]:
    """(start, end) of every line, line terminator excluded; a final empty line is included."""
    lines = []
    pos = 0
    for m in _NEWLINE_RE.finditer(source):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(source)))
    return lines


def _is_blank(source: str, start: int, end: int) -> bool:
    return _BLANK_RE.fullmatch(source, start, end) is not None


class _Builder:
    """Accumulates blocks of text, collapsing whitespace and recording every character's source.

    Whitespace is held back until a visible character follows it in the same block, so blocks
    never start or end with space and runs of space become one.
    """

    __slots__ = (
        "_chunks", "_length", "_text_starts", "_source_starts", "_next", "_blocks", "spec",
        "block_start", "_pending", "_source_end",
    )  # fmt: skip

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._length = 0
        self._text_starts: list[int] = []
        self._source_starts: list[int] = []
        self._next = -1  # source offset that would continue the last run; -1 = no run yet
        self._blocks: list[Block] = []
        # Read by the extractors, written only here. spec: the open block's (None = no block open);
        # block_start: text offset of its first character, -1 until it has one (and whitespace
        # before that is dropped, so a caller may skip it).
        self.spec: _Spec | None = None
        self.block_start = -1
        self._pending: list[tuple[str, int]] = []  # held-back whitespace: (char, source offset)
        self._source_end = 0

    def begin(self, spec: _Spec) -> None:
        """Close the current block and start collecting a new one."""
        if self.spec is not None:
            self.end()
        self.spec = spec

    def end(self) -> None:
        """Close the current block; a block that received no visible character leaves no trace."""
        if self.block_start >= 0:
            kind, level, row, col, table = self.spec or _PARAGRAPH
            self._blocks.append(_new_block(kind, self.block_start, self._length, level, row, col, table))
            self.block_start = -1
            self._pending.clear()
        self.spec = None

    def text(self, s: str, source: int) -> None:
        """Add raw text whose character ``k`` sits at ``source + k``."""
        if not self._pending and _is_word_run(s):
            # The common case, a run of words joined by single spaces, in one step.
            if self.block_start < 0:
                self._open_block(source)
            elif source > self._source_end and glued(self._chunks, s, 0):
                self._put(" ", source - 1)
            if source != self._next:
                self._text_starts.append(self._length)
                self._source_starts.append(source)
            self._chunks.append(s)
            self._length += len(s)
            self._next = self._source_end = source + len(s)
            return
        for m in _PIECE_RE.finditer(s):
            kind = m.lastindex
            if kind == 3:
                # A run of words: one chunk, and one offset run unless it jumps in the source.
                at = source + m.start()
                if self.block_start < 0 or self._pending:
                    self._visible(at)
                elif at > self._source_end and glued(self._chunks, s, m.start()):
                    self._put(" ", at - 1)
                word = m.group(3)
                if at != self._next:
                    self._text_starts.append(self._length)
                    self._source_starts.append(at)
                self._chunks.append(word)
                self._length += len(word)
                self._next = self._source_end = at + len(word)
            elif self.block_start < 0:
                continue  # space before a block's first character is dropped
            elif kind == 1:
                pending = self._pending
                if not pending or pending[-1][0] != " ":
                    pending.append((" ", source + m.start()))
            else:
                at = source + m.start()
                self._pending.extend((ch, at + k) for k, ch in enumerate(m.group(2)))

    def block(self, spec: _Spec, s: str, source: int) -> None:
        """Write raw text ``s`` at ``source`` as one whole block (none may be open): begin, text, end."""
        if not _is_word_run(s):
            self.spec = spec
            self.text(s, source)
            self.end()
            return
        # _open_block and the fast path of text, with what they leave known: after a separator (or
        # at the very start) the text always starts an offset run of its own.
        text_starts, source_starts = self._text_starts, self._source_starts
        start = self._length
        if start:
            if source != self._next:
                text_starts.append(start)
                source_starts.append(source)
            text_starts.append(start + 1)
            source_starts.append(source)
            self._chunks.append(SEPARATOR)
            start += 2
        text_starts.append(start)
        source_starts.append(source)
        self._chunks.append(s)
        self._length = start + len(s)
        self._next = self._source_end = source + len(s)
        self._blocks.append(_new_block(spec[0], start, self._length, spec[1], spec[2], spec[3], spec[4]))

    def mapped(self, s: str, source: int, source_end: int) -> None:
        """Add characters decoded from one reference (``&amp;``): all map to its first character."""
        for ch in s:
            if ch in _COLLAPSIBLE:
                self._space(source)
            elif ch in _KEPT_SPACES:
                self._kept_space(ch, source)
            else:
                self._visible(source)
                self._put(ch, source)
                self._source_end = source_end

    def finish(self, source: str) -> ExtractedText:
        self.end()
        offsets = OffsetMap(
            tuple(self._text_starts), tuple(self._source_starts), self._length, self._source_end
        )
        return ExtractedText("".join(self._chunks), tuple(self._blocks), offsets, _line_starts(source))

    def _space(self, source: int) -> None:
        if self.block_start < 0 or (self._pending and self._pending[-1][0] == " "):
            return
        self._pending.append((" ", source))

    def _kept_space(self, ch: str, source: int) -> None:
        if self.block_start >= 0:
            self._pending.append((ch, source))

    def _visible(self, source: int) -> None:
        """Open the block's text (after a separator) and release held-back whitespace."""
        if self.block_start < 0:
            self._open_block(source)
        for ch, at in self._pending:
            self._put(ch, at)
        self._pending.clear()

    def _open_block(self, source: int) -> None:
        """Start the open block's text at a visible character at ``source``, after a separator."""
        if self.spec is None:
            self.spec = _PARAGRAPH
        if self._length:
            # Both characters of SEPARATOR map to ``source``: the second always starts a run, the
            # first only when the last run does not end just before ``source``.
            if source != self._next:
                self._text_starts.append(self._length)
                self._source_starts.append(source)
            self._text_starts.append(self._length + 1)
            self._source_starts.append(source)
            self._chunks.append(SEPARATOR)
            self._length += 2
            self._next = source + 1
        self.block_start = self._length

    def _put(self, s: str, source: int) -> None:
        # Extend the last run when the new text continues it in the source; start a run otherwise.
        if source != self._next:
            self._text_starts.append(self._length)
            self._source_starts.append(source)
        self._chunks.append(s)
        self._length += len(s)
        self._next = source + len(s)


# Character references exactly as html.unescape finds them (HTML5 rules, ';' optional).
_CHARREF_RE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def _decode_charref(m: re.Match) -> tuple[str, int] | None:
    """Decoded text and the number of source characters it replaces, or None if not a reference.

    Follows html.unescape, but also says how much was consumed: "&ampxyz" decodes only "&amp",
    and "xyz" stays literal text with its own offsets.
    """
    body = m.group(1)
    if body[0] == "#":
        return html.unescape(m.group()), len(m.group())
    if body in _HTML5:
        return _HTML5[body], len(m.group())
    for x in range(len(body) - 1, 1, -1):
        if body[:x] in _HTML5:
            return _HTML5[body[:x]], x + 1
    return None


def _emit_decoded(out: _Builder, source: str, start: int, end: int) -> None:
    """Add source[start:end] with character references decoded."""
    pos = start
    while pos < end:
        amp = source.find("&", pos, end)
        if amp < 0:
            out.text(source[pos:end], pos)
            return
        if amp > pos:
            out.text(source[pos:amp], pos)
        m = _CHARREF_RE.match(source, amp, end)
        decoded = _decode_charref(m) if m else None
        if decoded is None:
            out.text("&", amp)
            pos = amp + 1
        else:
            value, used = decoded
            out.mapped(value, amp, amp + used)
            pos = amp + used


# --------------------------------------------------------------------------------------------
# HTML (tokens in html_tokens.py)
# --------------------------------------------------------------------------------------------

# A footnote marker: "Removals<sup>2</sup>", "employees<sup><a href="#fn1">1</a></sup>", "<sup>*</sup>",
# "<sup>a,b</sup>", "<sup>[3]</sup>", "<sup>1,2</sup>", Markdown's inline "<sup>4</sup>", Unicode's "employees¹".
# It is left out of the text, as hidden text is, so that it neither joins the word before it ("Removals2",
# "14,0001") nor becomes a figure of its own ("² Removals include …"). A power of a unit or of ten is kept:
# "km<sup>2</sup>", "m³", "10<sup>6</sup>". Ordinals ("21<sup>st</sup>") have two letters and are kept too.
_FOOTNOTE_MARK = (
    r"[0-9]{1,3}(?:[ ]?[,\u2013-][ ]?[0-9]{1,3}){0,3}"  # 1, 12, 1,2, 3-5
    r"|[*\u2020\u2021\u00a7\u00b6]{1,3}"  # * † ‡ § ¶
    r"|[A-Za-z](?:[ ]?,[ ]?[A-Za-z]){0,3}"  # a, a,b
    r"|&(?:dagger|Dagger|sect|para|ast|midast|#[0-9]{2,5}|#[xX][0-9a-fA-F]{2,4});"
)
_FOOTNOTE_SUP_RE = re.compile(
    r"\s*(?:<a\b[^<>]*>\s*)?\[?(?P<mark>%s)\]?\s*(?:</a\s*>\s*)?</sup\s*>" % _FOOTNOTE_MARK, re.I
)
_POWER_BASE_RE = re.compile(r"(?:(?<![A-Za-z])(?:[kcmdµ]?m|ft|mi|in|yd)|(?<![0-9.,])10)\Z")
_SUPERSCRIPT_DIGITS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_SUPERSCRIPT_RUN_RE = re.compile("[%s]+" % _SUPERSCRIPT_DIGITS)


def _is_power(text: str, at: int) -> bool:
    """Whether the superscript digits at ``at`` raise a unit or ten ("km²", "10⁶") rather than mark a footnote."""
    return _POWER_BASE_RE.search(text[max(0, at - 3) : at]) is not None


def _footnote_sup(source: str, start: int, end: int, stop: int | None = None) -> int:
    """End of the <sup> element whose start tag spans ``source[start:end]`` when it holds only a footnote
    marker (and its end tag, before ``stop``), else -1."""
    m = _FOOTNOTE_SUP_RE.match(source, end, len(source) if stop is None else stop)
    if m is None or (m.group("mark").isdigit() and _is_power(source, start)):
        return -1
    return m.end()


_VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
})
_BREAKS = frozenset({"br", "hr"})
# Never shown as page content. select/textarea/media fallbacks are form and player chrome.
_DROP = frozenset({
    "script", "style", "noscript", "template", "nav", "aside", "svg", "iframe", "select",
    "datalist", "textarea", "object", "canvas", "audio", "video", "noembed", "noframes",
})
# header/footer are the page banner and footer only outside sectioning content (the ARIA rule
# for role=banner/contentinfo); an <article>'s own <header> holds its title and must stay.
_LANDMARKS = frozenset({"header", "footer"})
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_HIDDEN_ROLES = frozenset({"navigation", "banner", "contentinfo"})
_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HEAD_OK = frozenset({
    "head", "title", "meta", "link", "style", "script", "base", "noscript", "template", "basefont", "bgsound",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "html", "legend", "li",
    "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "xmp",
})
_P_CLOSERS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "dd", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav", "ol",
    "p", "plaintext", "pre", "section", "summary", "table", "ul", "xmp",
})
_P_SCOPE = ("applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button")
_TABLE_TAGS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup"})
_TABLE_SCOPE = ("table", "td", "th", "caption", "template")
_SECTIONS = ("thead", "tbody", "tfoot")
# start tag -> (open elements it closes, the containers it cannot close across)
_TABLE_PARTS = {
    "td": (("td", "th"), ("table", "tr")),
    "th": (("td", "th"), ("table", "tr")),
    "tr": (("tr", "td", "th"), ("table", *_SECTIONS)),
    **{section: (("tr", "td", "th", *_SECTIONS), ("table",)) for section in _SECTIONS},
}

# Flags of an open element; each names a counter or stack undone when the element closes.
_SKIP, _HEAD, _TITLE, _PRE, _LIST, _KIND, _TABLE, _BLOCKF, _SECTION, _PSCOPE, _TSCOPE = (1 << k for k in range(11))
_BOOKKEEPING = ~_BLOCKF  # the flags that need more than ending the open block
_FLAGS_CACHE_MAX = 4096  # tag names are unbounded in hostile pages; the common ones fit


def _static_flags(name: str) -> int:
    """The flags an element gets from its name alone (not from attributes or context)."""
    flags = _BLOCKF if name in _BLOCK else 0
    if name in _DROP:
        flags |= _SKIP
    if name in _SECTIONING:
        flags |= _SECTION
    if name in _P_SCOPE:
        flags |= _PSCOPE
    if name in _TABLE_SCOPE:
        flags |= _TSCOPE
    if name == "head":
        flags |= _HEAD
    elif name == "title":
        flags |= _TITLE | _KIND
    elif name in _HEADINGS or name in ("li", "td", "th", "caption"):
        flags |= _KIND
    elif name in _LISTS:
        flags |= _LIST
    elif name == "table":
        flags |= _TABLE
    elif name in ("pre", "listing"):
        flags |= _PRE
    return flags


_STATIC_FLAGS: dict[str, int] = {}
# Start tags that may close open elements besides a <p> (see _implicit_close).
_OTHER_CLOSERS = frozenset({*_HEADINGS, "li", "dt", "dd", *_TABLE_PARTS})
_TERMS = frozenset(("dt", "dd"))
# Block elements with nothing but text between their tags (<p>…</p>, <li>…</li>, <h2>…</h2>) are the
# bulk of a page and are read in one step (see run): name -> the spec of their text, where
# _ENCLOSING is the enclosing element's and _LIST_ITEM one at the current list depth.
_ENCLOSING, _LIST_ITEM = ("enclosing",), ("list-item",)
_LEAF: dict[str, _Spec] = {
    **{name: _ENCLOSING for name in ("p", "div", "dt", "dd", "blockquote", "figcaption", "address", "summary")},
    **{name: ("heading", level, None, None, None) for name, level in _HEADINGS.items()},
    "li": _LIST_ITEM,
}
# The leaf reading relies on these flags (a block, giving its text a kind or not, and nothing else)
# and on every leaf element closing an open <p>.
assert all(_static_flags(name) == (_BLOCKF if spec is _ENCLOSING else _BLOCKF | _KIND) for name, spec in _LEAF.items())
assert _P_CLOSERS.issuperset(_LEAF)
# Common start tags whose only effects are closing an open <p> and being pushed, with at most the
# _BLOCKF flag (no counter, kind or table to keep), unless hidden, self-closing or in <head>.
_PLAIN_START = {
    name: flags
    for name in ("p", "div", "span", "a", "b", "i", "em", "strong", "small", "sup", "sub", "u", "abbr", "cite",
                 "code", "q", "mark", "time", "label", "font", "blockquote", "figure", "figcaption",
                 "center", "details", "summary", "form", "fieldset", "address", "hgroup")
    if not (flags := _static_flags(name)) & _BOOKKEEPING
    and name not in _VOID and name not in _OTHER_CLOSERS and name not in _LANDMARKS and name not in RAW_OR_RCDATA
}  # fmt: skip


# What an aside's class, id or label calls it when it is the site's, not the page's: links, promotion, sharing
_CHROME_RE = re.compile(
    r"related|share|social|promo|newsletter|advert|\bads?\b|links|popular|trending|\bmore\b|nav|menu|"
    r"subscribe|banner|widget",
    re.IGNORECASE,
)


def _aside_chrome(attrs_: dict[str, str]) -> bool:
    """An <aside> that its class, id, role or label calls the site's chrome ("related", "share")."""
    return any(_CHROME_RE.search(attrs_.get(k, "")) for k in ("class", "id", "role", "aria-label"))


def _hidden(attrs_: dict[str, str]) -> bool:
    if "hidden" in attrs_ or attrs_.get("aria-hidden", "").strip().lower() == "true":
        return True
    role = attrs_.get("role")
    if role and not _HIDDEN_ROLES.isdisjoint(role.lower().split()):
        return True
    style = attrs_.get("style")
    return bool(style and _DISPLAY_NONE_RE.search(style))


def _colspan(attrs_: dict[str, str]) -> int:
    value = attrs_.get("colspan", "").strip()
    return min(max(int(value), 1), 1000) if value.isdigit() else 1


# A tag as run reads it: (end tag?, lowercased name, attributes, hidden?, self-closing?, its _LEAF
# spec, its _PLAIN_START flags); the last two None when the fast paths do not apply.
_Tag = tuple[bool, str, dict[str, str], bool, bool, "_Spec | None", "int | None"]
_NO_ATTRS: dict[str, str] = {}
# Tag text -> its reading, shared by all pages (a site repeats a few dozen tags endlessly); cleared
# when full, so hostile pages cannot grow it. The attribute dicts in it are never modified.
_TAGS: dict[str, _Tag] = {}
_TAGS_MAX = 4096


def _read_tag(m: re.Match) -> _Tag:
    """Read a TAG_RE match of a start or end tag."""
    slash, name, attr_text = m.groups()
    name = name.lower()
    if slash:
        return True, name, _NO_ATTRS, False, False, None, None
    attrs_ = scan_attrs(m.string, m.start(3), len(m.string))[0] if attr_text else {}  # type: ignore[index]
    hidden = _hidden(attrs_)
    self_closing = attr_text[-1:] == "/"
    if hidden or self_closing:
        return False, name, attrs_, hidden, self_closing, None, None
    return False, name, attrs_, hidden, self_closing, _LEAF.get(name), _PLAIN_START.get(name)


class _HtmlExtractor:
    """Walks the tokens with a stack of open elements (no recursion, so any depth is fine)."""

    __slots__ = (
        "source", "out", "stack", "where", "p_scope", "table_scope", "skip", "head", "title", "pre", "lists",
        "sections", "kinds", "tables", "table_count",
    )  # fmt: skip

    def __init__(self, source: str) -> None:
        self.source = source
        self.out = _Builder()
        self.stack: list[tuple[str, int]] = []
        self.where: dict[str, list[int]] = {}  # tag -> stack indexes, so lookups are O(1)
        # Stack indexes of the open elements that bound a <p>'s scope and a table's scope: the
        # innermost of either group is then the last item, not a search over its tags.
        self.p_scope: list[int] = []
        self.table_scope: list[int] = []
        self.skip = self.head = self.title = self.pre = self.lists = self.sections = 0
        self.kinds: list[_Spec] = []  # specs of open kind-giving elements (h*, li, td, title …)
        self.tables: list[list[int]] = []  # open tables: [number, row, next column]
        self.table_count = 0

    def run(self) -> ExtractedText:
        # html_tokens.tokens, inlined: a well-formed tag (nearly all of them) is one match of
        # TAG_RE; anything else ('<' in text, comments, EOF inside a tag) goes the slow way. The
        # commonest tokens are handled here without a call: whitespace between blocks, leaf block
        # elements (see _LEAF), the end tag of the innermost element, and start tags that need no
        # bookkeeping (see _PLAIN_START).
        src = self.source
        n = len(src)
        find = src.find
        tag_match = TAG_RE.match
        leaf_tail = LEAF_TAIL_RE.match
        blank = _BLANK_RE.fullmatch
        out, stack, where, kinds = self.out, self.stack, self.where, self.kinds
        tags = _TAGS
        if len(tags) > _TAGS_MAX:
            tags.clear()
        i = text_from = 0
        while True:
            j = find("<", i)
            if j < 0 or j + 1 >= n:
                break
            m = tag_match(src, j)
            if m is None:
                i = self._markup(j, text_from)
                if i < 0:
                    return out.finish(src)
                if i > j + 1:
                    text_from = i
                continue
            if text_from < j and not self.skip:
                if self.pre or self.head:
                    self._text(text_from, j, True)
                elif out.block_start >= 0 or not src[text_from].isspace() or not blank(src, text_from, j):
                    # _text's ordinary case (space before a block's first character is dropped).
                    if out.spec is None:
                        out.begin(kinds[-1] if kinds else _PARAGRAPH)
                    if find("&", text_from, j) >= 0:
                        _emit_decoded(out, src, text_from, j)
                    else:
                        out.text(src[text_from:j], text_from)
            end = m.end()
            i = text_from = end
            tag = tags.get(m.group())
            if tag is None:
                tag = tags[m.group()] = _read_tag(m)
            is_end, name, attrs_, hidden, self_closing, leaf, plain = tag
            if is_end:
                if stack and stack[-1][0] == name and not stack[-1][1] & _BOOKKEEPING:
                    # The innermost element, with no counters to undo: what _pop_to would do.
                    flags = stack.pop()[1]
                    where[name].pop()
                    if flags and out.spec is not None:
                        out.end()
                else:
                    self._end(name)
                continue
            if leaf is not None and not (self.head or self.pre or self.skip or (name in _TERMS and where.get("dl"))):
                tail = leaf_tail(src, end)
                if tail is not None and tail.group(2).lower() == name:
                    # What _start, _text and _end would do for <name>text</name>: the stack, the
                    # counters and the kinds come back as they were; the text is one block. Space
                    # after the end tag is dropped, as it would be before the next block's text.
                    ps = where.get("p")
                    if ps and ps[-1] > (self.p_scope[-1] if self.p_scope else -1):
                        self._pop_to(ps[-1])  # every leaf element closes an open <p>
                    if name in _OTHER_CLOSERS:
                        self._implicit_close(name)
                    if out.spec is not None:
                        out.end()
                    text_end = tail.end(1)
                    if end < text_end and (not src[end].isspace() or not blank(src, end, text_end)):
                        if leaf is _ENCLOSING:
                            leaf = kinds[-1] if kinds else _PARAGRAPH
                        elif leaf is _LIST_ITEM:
                            leaf = ("list-item", max(self.lists - 1, 0), None, None, None)
                        if find("&", end, text_end) >= 0:
                            out.begin(leaf)
                            _emit_decoded(out, src, end, text_end)
                            out.end()
                        else:
                            out.block(leaf, src[end:text_end], end)
                    i = text_from = tail.end()
                    continue
            if name == "sup" and not hidden and not self_closing and _footnote_sup(src, j, end) >= 0:
                hidden, plain = True, None  # a footnote marker: dropped as hidden text is
            if plain is not None and not self.head:
                # What _start would do for it: close an open <p>, then push.
                if name in _P_CLOSERS:
                    ps = where.get("p")
                    if ps and ps[-1] > (self.p_scope[-1] if self.p_scope else -1):
                        self._pop_to(ps[-1])
                idxs = where.get(name)
                if idxs is None:
                    where[name] = [len(stack)]
                else:
                    idxs.append(len(stack))
                stack.append((name, plain))
                if plain and out.spec is not None:
                    out.end()
                continue
            self._start(name, attrs_, hidden, self_closing)
            if not self_closing and name in RAW_OR_RCDATA:
                close = raw_end_re(name).search(src, end)
                stop = close.start() if close else n
                if end < stop and not self.skip:
                    self._text(end, stop, name in RCDATA)
                if close is None:
                    return out.finish(src)
                i = text_from = stop
        if text_from < n and not self.skip:
            self._text(text_from, n, True)
        return out.finish(src)

    def _markup(self, j: int, text_from: int) -> int:
        """A '<' at ``j`` that is not a whole tag: write the text before it if the '<' ends it, and
        return where scanning resumes (j + 1 for a '<' that is text), or -1 when the page ends."""
        src = self.source
        n = len(src)
        c = src[j + 1]
        if c == "/":
            if text_from < j and not self.skip:
                self._text(text_from, j, True)
            if j + 2 < n and src[j + 2].isascii() and src[j + 2].isalpha():
                return -1  # EOF inside an end tag (else TAG_RE would match)
            if src.startswith("</>", j):
                return j + 3
            gt = src.find(">", j + 2)  # "</ x>" and the like: a bogus comment
            return gt + 1 if gt >= 0 else -1
        if c.isascii() and c.isalpha():
            if text_from < j and not self.skip:
                self._text(text_from, j, True)
            return -1  # EOF inside a start tag: HTML5 drops the tag
        if c == "!" or c == "?":
            if text_from < j and not self.skip:
                self._text(text_from, j, True)
            return skip_markup_declaration(src, j)
        return j + 1  # a '<' that starts nothing is text

    # -- the element stack --

    def _innermost(self, tag: str) -> int:
        idxs = self.where.get(tag)
        return idxs[-1] if idxs else -1

    def _innermost_of(self, tags: Sequence[str]) -> int:
        where = self.where
        best = -1
        for tag in tags:
            idxs = where.get(tag)
            if idxs and idxs[-1] > best:
                best = idxs[-1]
        return best

    def _push(self, name: str, flags: int, spec: _Spec | None) -> None:
        index = len(self.stack)
        idxs = self.where.get(name)
        if idxs is None:
            self.where[name] = [index]
        else:
            idxs.append(index)
        self.stack.append((name, flags))
        if flags & _BLOCKF and self.out.spec is not None:
            self.out.end()
        if not flags & _BOOKKEEPING:
            return
        if flags & _SKIP:
            self.skip += 1
        if flags & _HEAD:
            self.head += 1
        if flags & _TITLE:
            self.title += 1
        if flags & _PRE:
            self.pre += 1
        if flags & _LIST:
            self.lists += 1
        if flags & _SECTION:
            self.sections += 1
        if flags & _KIND:
            self.kinds.append(spec or _PARAGRAPH)
        if flags & _PSCOPE:
            self.p_scope.append(index)
        if flags & _TSCOPE:
            self.table_scope.append(index)

    def _pop_to(self, index: int) -> None:
        """Close the element at ``index`` and everything opened inside it."""
        stack, where, out = self.stack, self.where, self.out
        while len(stack) > index:
            name, flags = stack.pop()
            where[name].pop()
            if flags & _BLOCKF and out.spec is not None:
                out.end()
            if not flags & _BOOKKEEPING:
                continue
            if flags & _SKIP:
                self.skip -= 1
            if flags & _HEAD:
                self.head -= 1
            if flags & _TITLE:
                self.title -= 1
            if flags & _PRE:
                self.pre -= 1
            if flags & _LIST:
                self.lists -= 1
            if flags & _SECTION:
                self.sections -= 1
            if flags & _KIND:
                self.kinds.pop()
            if flags & _TABLE:
                self.tables.pop()
            if flags & _PSCOPE:
                self.p_scope.pop()
            if flags & _TSCOPE:
                self.table_scope.pop()

    def _close_head(self) -> None:
        index = self._innermost("head")
        if index >= 0:
            self._pop_to(index)

    def _close_for(self, name: str) -> None:
        """Close what a start tag ``name`` implicitly ends (see _implicit_close)."""
        if name in _P_CLOSERS:
            ps = self.where.get("p")
            if ps and ps[-1] > (self.p_scope[-1] if self.p_scope else -1):
                self._pop_to(ps[-1])
        if name in _OTHER_CLOSERS:
            self._implicit_close(name)

    def _implicit_close(self, name: str) -> None:
        """The end tags HTML lets authors omit (</li>, </td>, </tr> …; </p> in _close_for), as browsers infer them."""
        if name in _HEADINGS and self.stack and self.stack[-1][0] in _HEADINGS:
            self._pop_to(len(self.stack) - 1)
        if name == "li":
            li = self._innermost("li")
            if li >= 0 and li > self._innermost_of(("ul", "ol", "menu", "dir", "table")):
                self._pop_to(li)
        elif name in ("dt", "dd"):
            item = max(self._innermost("dt"), self._innermost("dd"))
            if item > self._innermost("dl"):
                self._pop_to(item)
        elif name in _TABLE_PARTS:
            # A new cell closes the open cell of its row, a new row the open row of its table,
            # a new section the open section; never anything outside the container.
            closes, containers = _TABLE_PARTS[name]
            floor = self._innermost_of(containers)
            open_inside = [i for i in (self._innermost(t) for t in closes) if i > floor]
            if open_inside:
                self._pop_to(min(open_inside))

    # -- tokens --

    def _start(self, name: str, attrs_: dict[str, str], hidden: bool, self_closing: bool) -> None:
        if self.head and name not in _HEAD_OK:
            self._close_head()  # a missing </head>: the first body element ends the head
        if name in _VOID:
            if name in _BREAKS:
                self.out.end()
            return
        self._close_for(name)
        flags = _STATIC_FLAGS.get(name)
        if flags is None:
            flags = _static_flags(name)
            if len(_STATIC_FLAGS) < _FLAGS_CACHE_MAX:
                _STATIC_FLAGS[name] = flags
        if name == "aside" and (self.where.get("main") or self.where.get("article")) and not _aside_chrome(attrs_):
            # an aside inside the page's main content is its box of key facts ("At a glance"), not the site's
            # sidebar or its related links
            flags &= ~_SKIP
        if hidden or (name in _LANDMARKS and not self.sections):
            flags |= _SKIP
        spec: _Spec | None = None
        if flags & _KIND:
            if name == "title":
                spec = ("title", 0, None, None, None)
            elif name in _HEADINGS:
                spec = ("heading", _HEADINGS[name], None, None, None)
            elif name == "li":
                spec = ("list-item", max(self.lists - 1, 0), None, None, None)
            elif name != "caption":
                spec = self._cell_spec(attrs_)
        elif name == "table":
            self.tables.append([self.table_count, -1, 0])
            self.table_count += 1
        elif name == "dl":
            # a description list is a table of key | value rows ("Beds | 1,120"): its terms label its figures
            flags |= _TABLE
            self.tables.append([self.table_count, -1, 0])
            self.table_count += 1
        elif name in _TERMS and self._in_list_of_terms():
            flags |= _KIND
            spec = self._term_spec(name)
        elif name == "tr":
            if self.tables:
                self.tables[-1][1] += 1
                self.tables[-1][2] = 0
        self._push(name, flags, spec)
        if self_closing:  # <div/>: an empty element (XHTML reading; HTML would leave it open)
            self._pop_to(len(self.stack) - 1)

    def _in_list_of_terms(self) -> bool:
        """The innermost table-like element open is a <dl>."""
        dls, tables = self.where.get("dl"), self.where.get("table")
        return bool(dls) and (not tables or dls[-1] > tables[-1])

    def _term_spec(self, name: str) -> _Spec:
        """A <dt> opens a row of its list, its cell the row's label; each <dd> is a value cell after it."""
        table = self.tables[-1]
        if name == "dt":
            table[1] += 1
            table[2] = 1
            return ("table-cell", 0, table[1], 0, table[0])
        if table[1] < 0:
            table[1] = 0  # a value before any term
        col = max(table[2], 1)
        table[2] = col + 1
        return ("table-cell", 0, table[1], col, table[0])

    def _cell_spec(self, attrs_: dict[str, str]) -> _Spec:
        if not self.tables:
            return _PARAGRAPH
        table = self.tables[-1]
        if table[1] < 0:
            table[1] = 0  # a cell before any <tr>
        col = table[2]
        table[2] += _colspan(attrs_)
        return ("table-cell", 0, table[1], col, table[0])

    def _end(self, name: str) -> None:
        if name == "br":  # browsers read </br> as <br>
            self.out.end()
            return
        idxs = self.where.get(name)
        if not idxs:
            if name == "p":
                self.out.end()  # browsers read a stray </p> as an empty paragraph
            return
        index = idxs[-1]
        if name not in _TABLE_TAGS and self.table_scope and self.table_scope[-1] > index:
            return  # an end tag from outside the current table cannot close it
        self._pop_to(index)

    def _text(self, start: int, end: int, decode: bool) -> None:
        # Callers skip text inside dropped elements (self.skip) themselves: it is most of a page's
        # bytes (scripts, styles, navigation) and costs nothing that way.
        src = self.source
        if self.head and not self.title:
            if _is_blank(src, start, end):
                return
            self._close_head()  # text cannot live in <head>: the body has begun
            if self.skip:
                return
        out = self.out
        if self.pre:
            pos = start
            while True:  # in <pre>, each line is its own block
                nl = src.find("\n", pos, end)
                self._emit(pos, end if nl < 0 else nl, decode)
                if nl < 0:
                    return
                out.end()
                pos = nl + 1
        if out.block_start < 0 and src[start].isspace() and _is_blank(src, start, end):
            return  # space before a block's first character is dropped: skip the work
        if out.spec is None:
            out.begin(self.kinds[-1] if self.kinds else _PARAGRAPH)
        if decode and src.find("&", start, end) >= 0:
            _emit_decoded(out, src, start, end)
        else:
            out.text(src[start:end], start)

    def _emit(self, start: int, end: int, decode: bool) -> None:
        if start >= end:
            return
        if self.out.spec is None:
            self.out.begin(self.kinds[-1] if self.kinds else _PARAGRAPH)
        if decode:
            _emit_decoded(self.out, self.source, start, end)
        else:
            self.out.text(self.source[start:end], start)


def extract_html(source: str) -> ExtractedText:
    """Visible text of an HTML page in blocks, boilerplate (nav, page header/footer, aside,
    scripts, hidden elements, <head> except <title>) dropped. Entities are decoded; U+00A0 and
    the other non-ASCII spaces are kept as characters, ASCII whitespace runs become one space."""
    return attrs.evolve(_HtmlExtractor(source).run(), kind="html")


def strip_markup(source: str) -> str:
    """All text of an HTML page, boilerplate included, tags removed and entities decoded.

    For scanning labels ("Last Updated: …") that extraction drops with a page footer. Block
    elements become line breaks, inline ones nothing; script and style content is left out.
    """
    # html_tokens.tokens, inlined as _HtmlExtractor.run inlines it: a whole tag is one TAG_RE
    # match (which reads it exactly as tokens does), and its attributes, which tokens unescapes
    # into a dict for every tag, are never read here. The text runs are the same (each ends at
    # the '<' of the next tag, comment or declaration), so each is unescaped as tokens' TEXT
    # token was. Date detection strips every HTML page: this is a third of its time saved.
    parts: list[str] = []
    append = parts.append
    unescape = html.unescape
    n = len(source)
    find = source.find
    tag_match = TAG_RE.match
    i = text_from = 0
    while True:
        j = find("<", i)
        if j < 0 or j + 1 >= n:
            break
        m = tag_match(source, j)
        if m is None:
            i = _markup_resume(source, j)
            if i < 0 or i > j + 1:  # the '<' ended a text run ('<' that starts nothing does not)
                if text_from < j:
                    append(unescape(source[text_from:j]))
                if i < 0:
                    return "".join(parts)
                text_from = i
            continue
        if text_from < j:
            append(unescape(source[text_from:j]))
        slash, name, attr_text = m.groups()
        what = _STRIP_TAGS.get(name)
        if what is None:
            what = _strip_tag(name)
        if what & _STRIP_LINE:
            append("\n")
        i = text_from = m.end()
        if what & _STRIP_RAW and not slash and attr_text[-1:] != "/":
            name = name.lower()
            close = raw_end_re(name).search(source, i)
            stop = close.start() if close else n
            if i < stop and name in RCDATA:
                append(unescape(source[i:stop]))  # script and style (RAW) are left out
            if close is None:
                return "".join(parts)
            i = text_from = stop
    if text_from < n:
        append(unescape(source[text_from:n]))
    return "".join(parts)


# What strip_markup does with a tag, by its name as written: _STRIP_LINE, a line break (block
# elements, <br>, <hr>); _STRIP_RAW, a start tag's content is not markup (title, script …).
_STRIP_LINE, _STRIP_RAW = 1, 2
_STRIP_TAGS: dict[str, int] = {}


def _strip_tag(name: str) -> int:
    """_STRIP_LINE | _STRIP_RAW for tag ``name`` as written, cached while the names are few."""
    low = name.lower()
    what = (_STRIP_LINE if low in _BLOCK or low in _BREAKS else 0) | (_STRIP_RAW if low in RAW_OR_RCDATA else 0)
    if len(_STRIP_TAGS) < _FLAGS_CACHE_MAX:
        _STRIP_TAGS[name] = what
    return what


def _markup_resume(source: str, j: int) -> int:
    """Where tokens resumes after a '<' at ``j`` that TAG_RE does not read as a whole tag: past a
    comment, declaration or bogus end tag; j + 1 for a '<' that is text; -1 when the page ends
    there (EOF inside a tag, comment or declaration). As _HtmlExtractor._markup decides."""
    c = source[j + 1]
    if c == "/":
        if j + 2 < len(source) and source[j + 2].isascii() and source[j + 2].isalpha():
            return -1  # EOF inside an end tag (else TAG_RE would match)
        if source.startswith("</>", j):
            return j + 3
        gt = source.find(">", j + 2)  # "</ x>" and the like: a bogus comment
        return gt + 1 if gt >= 0 else -1
    if c.isascii() and c.isalpha():
        return -1  # EOF inside a start tag: HTML5 drops the tag
    if c == "!" or c == "?":
        return skip_markup_declaration(source, j)
    return j + 1


# --------------------------------------------------------------------------------------------
# Inline syntax shared by Markdown and plain text
# --------------------------------------------------------------------------------------------

_ASCII_PUNCT = frozenset(string.punctuation)
_LINK_DEST = (
    r"\((?:[ \t]*(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:[ \t\n]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*)\)"
)
_LINK_RE = re.compile(r"\[(?P<text>[^\[\]]*)\](?:" + _LINK_DEST + r"|\[[^\[\]\n]*\])")
_IMAGE_RE = re.compile(r"!\[[^\[\]]*\](?:" + _LINK_DEST + r"|\[[^\[\]\n]*\])")
_FOOTNOTE_RE = re.compile(r"\[\^[^\[\]\s]+\]")
_AUTOLINK_RE = re.compile(
    r"<((?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)|(?:[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9.\-]+))>"
)
_INLINE_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>")
_MD_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BACKTICKS_RE = re.compile(r"`+")
_DELIM_RE = re.compile(r"\*+|_+|~+")
_MD_SPECIAL_RE = re.compile(r"[\\`!\[<&*_~%s]" % _SUPERSCRIPT_DIGITS)
_PLAIN_SPECIAL_RE = re.compile(r"[\\!\[%s]" % _SUPERSCRIPT_DIGITS)


def _is_punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT or unicodedata.category(ch)[0] in "PS"


class _Inline:
    """Inline syntax of one block, written into the builder with source offsets.

    The block's lines are joined with "\\n" into one string so that emphasis and links can span
    lines; each joining newline maps to the source's line terminator. Markdown strips emphasis,
    code backticks, link and image syntax, inline HTML, entities and backslash escapes; plain
    text (web captures made by Markdown converters) only unescapes and strips links and images.
    """

    def __init__(self, out: _Builder, source: str, segments: list[tuple[int, int]], markdown: bool) -> None:
        self.out = out
        parts = [source[s:e] for s, e in segments]
        self.v = "\n".join(parts)
        self.v_starts: list[int] = []
        self.s_starts: list[int] = []
        pos = 0
        for (s, _), part in zip(segments, parts):
            self.v_starts.append(pos)
            self.s_starts.append(s)
            pos += len(part) + 1
        self.markdown = markdown
        self.special = _MD_SPECIAL_RE if markdown else _PLAIN_SPECIAL_RE
        self.no_comment_close = False
        self.code: dict[int, int] = {}
        self.drop: set[int] = set()
        if markdown:
            self._pair_code_spans()
            self._pair_delimiters()

    def run(self) -> None:
        self._scan(0, len(self.v), links=True)

    def _src(self, vi: int) -> int:
        k = bisect.bisect_right(self.v_starts, vi) - 1
        return self.s_starts[k] + vi - self.v_starts[k]

    def _emit(self, a: int, b: int) -> None:
        """Literal text v[a:b], cut where it crosses from one source line to the next."""
        while a < b:
            k = bisect.bisect_right(self.v_starts, a) - 1
            stop = min(b, self.v_starts[k + 1]) if k + 1 < len(self.v_starts) else b
            self.out.text(self.v[a:stop], self.s_starts[k] + a - self.v_starts[k])
            a = stop

    def _pair_code_spans(self) -> None:
        # A backtick run opens a code span closed by the next run of the same length; linear.
        runs = [(m.start(), m.end() - m.start()) for m in _BACKTICKS_RE.finditer(self.v)]
        following: list[int | None] = [None] * len(runs)
        last: dict[int, int] = {}
        for i in range(len(runs) - 1, -1, -1):
            following[i] = last.get(runs[i][1])
            last[runs[i][1]] = i
        i = 0
        while i < len(runs):
            j = following[i]
            if j is None:
                i += 1
            else:
                self.code[runs[i][0]] = runs[j][0]
                i = j + 1

    def _pair_delimiters(self) -> None:
        # Emphasis markers are removed only in matched opener/closer pairs, so a lone "*" in
        # "2 * 3" or a footnote star stays; '_' inside words ("snake_case") never pairs.
        v = self.v
        spans = sorted(self.code.items())
        span_i = 0
        openers: dict[str, list[int]] = {"*": [], "_": [], "~": []}
        for m in _DELIM_RE.finditer(v):
            j, k = m.start(), m.end()
            while span_i < len(spans) and spans[span_i][1] < j:
                span_i += 1
            if span_i < len(spans) and spans[span_i][0] < j:
                continue  # inside a code span
            c = v[j]
            if (c == "~" and k - j != 2) or (j > 0 and v[j - 1] == "\\"):
                continue  # single '~' means "approximately"; "\*" is escaped
            prev = v[j - 1] if j > 0 else "\n"
            nxt = v[k] if k < len(v) else "\n"
            pw, nw, pp, np_ = prev.isspace(), nxt.isspace(), _is_punct(prev), _is_punct(nxt)
            left = not nw and (not np_ or pw or pp)
            right = not pw and (not pp or nw or np_)
            if c == "_":
                can_open, can_close = left and (not right or pp), right and (not left or np_)
            else:
                can_open, can_close = left, right
            if can_close and openers[c]:
                self.drop.add(openers[c].pop())
                self.drop.add(j)
            elif can_open:
                openers[c].append(j)

    def _scan(self, a: int, b: int, *, links: bool) -> None:
        v = self.v
        pos = lit = a  # lit: start of the literal text not yet written
        while True:
            m = self.special.search(v, pos, b)
            if m is None:
                break
            j = m.start()
            c = v[j]
            if c == "\\":
                if j + 1 < b and (v[j + 1] in _ASCII_PUNCT or v[j + 1] == "\n"):
                    self._emit(lit, j)
                    lit = j + 1  # the escaped character starts the next literal run
                    pos = j + 2
                else:
                    pos = j + 1
                continue
            if c == "!" or c == "[":
                found = None
                if links:
                    if c == "!":
                        found = _IMAGE_RE.match(v, j, b)
                        if found:
                            self._emit(lit, j)
                            lit = pos = found.end()
                            continue
                    else:
                        found = _FOOTNOTE_RE.match(v, j, b) if self.markdown else None
                        if found:
                            self._emit(lit, j)
                            lit = pos = found.end()
                            continue
                        found = _LINK_RE.match(v, j, b)
                        if found:
                            self._emit(lit, j)
                            self._scan(found.start("text"), found.end("text"), links=False)
                            lit = pos = found.end()
                            continue
                pos = j + 1
                continue
            if c == "`":
                length = len(_BACKTICKS_RE.match(v, j).group())
                close = self.code.get(j)
                if close is not None and close + length <= b:
                    self._emit(lit, j)
                    cs, ce = j + length, close
                    if ce - cs >= 2 and v[cs] in " \n" and v[ce - 1] in " \n" and v[cs:ce].strip():
                        cs, ce = cs + 1, ce - 1
                    self._emit(cs, ce)
                    lit = pos = close + length
                else:
                    pos = j + length
                continue
            if c == "<":
                found = _AUTOLINK_RE.match(v, j, b)
                if found:
                    self._emit(lit, j)
                    self._emit(j + 1, found.end() - 1)
                    lit = pos = found.end()
                    continue
                if v.startswith("<!--", j) and not self.no_comment_close:
                    close = v.find("-->", j + 4, b)
                    if close >= 0:
                        self._emit(lit, j)
                        lit = pos = close + 3
                        continue
                    self.no_comment_close = True  # later searches would fail too: stay linear
                found = _INLINE_TAG_RE.match(v, j, b)
                if found:
                    self._emit(lit, j)
                    lit = pos = found.end()
                    if found.group()[1:4].lower() == "sup" and not found.group()[4:5].isalnum():
                        close = _footnote_sup(v, j, found.end(), b)
                        if close >= 0:
                            lit = pos = close
                    continue
                pos = j + 1
                continue
            if c == "&":
                found = _MD_ENTITY_RE.match(v, j, b)
                if found:
                    decoded = html.unescape(found.group())
                    if decoded != found.group():
                        self._emit(lit, j)
                        self.out.mapped(decoded, self._src(j), self._src(found.end() - 1) + 1)
                        lit = pos = found.end()
                        continue
                pos = j + 1
                continue
            if c in _SUPERSCRIPT_DIGITS:
                run_end = _SUPERSCRIPT_RUN_RE.match(v, j, b).end()
                if not _is_power(v, j):
                    self._emit(lit, j)
                    lit = run_end
                pos = run_end
                continue
            run_end = _DELIM_RE.match(v, j, b).end()  # '*', '_' or '~'
            if j in self.drop:
                self._emit(lit, j)
                lit = run_end
            pos = run_end
        self._emit(lit, b)


def _emit_inline(out: _Builder, source: str, segments: list[tuple[int, int]], *, markdown: bool) -> None:
    if segments:
        _Inline(out, source, segments, markdown).run()


def _indent(source: str, pos: int, end: int) -> tuple[int, int]:
    """Indentation width in columns (tab stops every 4) and the offset of the first other char."""
    col = 0
    while pos < end:
        c = source[pos]
        if c == " ":
            col += 1
        elif c == "\t":
            col += 4 - col % 4
        else:
            break
        pos += 1
    return col, pos


def _list_depth(stack: list[int], indent: int) -> int:
    """Nesting depth of a list marker at ``indent``, given the indents of the open list levels."""
    while stack and stack[-1] > indent:
        stack.pop()
    if not stack or stack[-1] < indent:
        stack.append(indent)
    return len(stack) - 1


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

_MD_QUOTE_RE = re.compile(r" {0,3}> ?")
_MD_ATX_RE = re.compile(r"(#{1,6})(?:[ \t]+|$)")
_MD_ATX_CLOSE_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_MD_SETEXT_RE = re.compile(r"(?:=+|-+)[ \t]*$")
_MD_BREAK_RE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_FENCE_RE = re.compile(r"(`{3,}|~{3,})")
_MD_ITEM_RE = re.compile(r"(?:[-*+]|(\d{1,9})[.)])(?:[ \t]+|$)")
_MD_REFDEF_RE = re.compile(r"\[[^\]]+\]:[ \t]*\S")
_MD_DELIM_ROW_RE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_MD_HTML_SKIP_RE = re.compile(r"<(script|style|textarea)(?=[\s>]|$)|<!--", re.I)
_MD_FRONT_KEY_RE = re.compile(r"[A-Za-z0-9_-]+[ \t]*:")
_PIPE_RE = re.compile(r"(?<!\\)\|")


class _MarkdownExtractor:
    """A line-based Markdown reader: enough CommonMark/GFM block structure for prose pages.

    Fenced code is dropped: numbers in code are literals, not claims. Indented code blocks are
    not recognised (read as paragraphs), because captured pages often indent prose and losing a
    claim is worse than reading a code line.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.out = _Builder()
        self.lines = _split_lines(source)
        self.para: list[tuple[int, int]] = []  # lines of the open paragraph or list item
        self.para_spec: _Spec = _PARAGRAPH
        self.quote = 0  # blockquote depth of the open paragraph
        self.list_stack: list[int] = []
        self.table_count = 0

    def run(self) -> ExtractedText:
        src = self.source
        lines = self.lines
        i = self._front_matter_end()
        fence: tuple[str, int] | None = None
        html_end: str | None = None
        while i < len(lines):
            start, end = lines[i]
            quote, cs = self._strip_quotes(start, end)
            indent, ts = _indent(src, cs, end)
            if fence is not None:
                m = _MD_FENCE_RE.match(src, ts, end)
                if m and m.group()[0] == fence[0] and len(m.group()) >= fence[1] and _is_blank(src, m.end(), end):
                    fence = None
                i += 1
                continue
            if html_end is not None:
                if html_end in src[start:end].lower():
                    html_end = None
                i += 1
                continue
            if _is_blank(src, cs, end):
                self._flush()
                i += 1
                continue
            if quote != self.quote:
                self._flush()
                self.list_stack.clear()
                self.quote = quote
            i += 1
            m = _MD_FENCE_RE.match(src, ts, end)
            if m and not (m.group()[0] == "`" and "`" in src[m.end() : end]):
                self._flush()
                fence = (m.group()[0], len(m.group()))
                continue
            m = _MD_HTML_SKIP_RE.match(src, ts, end)
            if m and indent <= 3:
                self._flush()
                close = "-->" if m.group(1) is None else "</" + m.group(1).lower() + ">"
                if close not in src[m.end() : end].lower():
                    html_end = close
                continue
            if indent <= 3:
                m = _MD_ATX_RE.match(src, ts, end)
                if m:
                    self._flush()
                    self.list_stack.clear()
                    self._heading(len(m.group(1)), m.end(), end)
                    continue
                if self.para and self.para_spec[0] == "paragraph" and _MD_SETEXT_RE.match(src, ts, end):
                    self.para_spec = ("heading", 1 if src[ts] == "=" else 2, None, None, None)
                    self._flush()
                    continue
                if _MD_BREAK_RE.match(src, ts, end):
                    self._flush()
                    self.list_stack.clear()
                    continue
            if "|" in src[ts:end] and i < len(lines) and self._table_starts(ts, end, i):
                self._flush()
                i = self._table(ts, end, i, quote)
                continue
            if "|" in src[ts:end] and not quote and (i < 2 or "|" not in src[lines[i - 2][0] : lines[i - 2][1]]):
                found = dump_table(src, lines, i - 1)
                if found is not None:
                    if len(self.para) > 1 and self.para_spec[0] == "paragraph" and _title_line(src, *self.para[-1]):
                        # "A. Beneficiaries in Current-Payment Status, June 30, 2024" just above: the table's
                        # caption, not the end of the paragraph before it
                        title = self.para.pop()
                        self._flush()
                        self.para = [title]
                    self._flush()
                    self.list_stack.clear()
                    self.table_count = _emit_dump_table(self.out, src, found[0], self.table_count)
                    i += found[1] - 1
                    continue
            if not self.para and indent <= 3 and _MD_REFDEF_RE.match(src, ts, end):
                continue  # a link reference definition renders as nothing
            m = _MD_ITEM_RE.match(src, ts, end)
            if m:
                empty = m.end() >= end or _is_blank(src, m.end(), end)
                interrupts = not (self.para and self.para_spec[0] == "paragraph") or (
                    not empty and (m.group(1) is None or m.group(1) == "1")
                )
                if interrupts:
                    self._flush()
                    depth = _list_depth(self.list_stack, indent)
                    self.para_spec = ("list-item", depth, None, None, None)
                    self.para = [(m.end(), end)]
                    continue
            if self.para:
                self.para.append((ts, end))  # a continuation line
                continue
            while self.list_stack and self.list_stack[-1] >= indent:
                self.list_stack.pop()
            if self.list_stack:  # indented under an item after a blank line: more of that item
                self.para_spec = ("list-item", len(self.list_stack) - 1, None, None, None)
            else:
                self.para_spec = _PARAGRAPH
            self.para = [(ts, end)]
        self._flush()
        return self.out.finish(src)

    def _front_matter_end(self) -> int:
        """Index of the first line after a YAML front-matter block ('---' … '---'), else 0."""
        lines, src = self.lines, self.source
        if len(lines) < 3 or src[lines[0][0] : lines[0][1]].rstrip() != "---":
            return 0
        if not _MD_FRONT_KEY_RE.match(src, lines[1][0], lines[1][1]):
            return 0
        for k in range(1, len(lines)):
            if src[lines[k][0] : lines[k][1]].rstrip() in ("---", "..."):
                return k + 1
        return 0

    def _strip_quotes(self, start: int, end: int) -> tuple[int, int]:
        depth = 0
        while True:
            m = _MD_QUOTE_RE.match(self.source, start, end)
            if not m:
                return depth, start
            depth += 1
            start = m.end()

    def _flush(self) -> None:
        if self.para:
            self.out.begin(self.para_spec)
            _emit_inline(self.out, self.source, self.para, markdown=True)
            self.out.end()
        self.para = []
        self.para_spec = _PARAGRAPH

    def _heading(self, level: int, start: int, end: int) -> None:
        content = self.source[start:end]
        m = _MD_ATX_CLOSE_RE.search(content)
        if m:
            end = start + m.start()
        self.out.begin(("heading", level, None, None, None))
        _emit_inline(self.out, self.source, [(start, end)], markdown=True)
        self.out.end()

    def _cells(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of each cell of a pipe-table row, outer pipes removed, spaces trimmed."""
        src = self.source
        _, start = _indent(src, start, end)
        while end > start and src[end - 1] in " \t":
            end -= 1
        bounds = [start - 1, *(m.start() for m in _PIPE_RE.finditer(src, start, end)), end]
        cells = []
        for k in range(len(bounds) - 1):
            a, b = bounds[k] + 1, bounds[k + 1]
            if (k == 0 and a == b == start and src.startswith("|", start)) or (
                k == len(bounds) - 2 and a == b == end and end > start and src[end - 1] == "|"
            ):
                continue  # the empty "cell" outside a leading or trailing pipe
            _, a = _indent(src, a, b)
            while b > a and src[b - 1] in " \t":
                b -= 1
            cells.append((a, b))
        return cells

    def _table_starts(self, ts: int, end: int, next_i: int) -> bool:
        start, stop = self.lines[next_i]
        _, cs = self._strip_quotes(start, stop)
        _, ds = _indent(self.source, cs, stop)
        if "|" not in self.source[ds:stop] or not _MD_DELIM_ROW_RE.match(self.source, ds, stop):
            return False
        return len(self._cells(ts, end)) == len(self._cells(ds, stop))

    def _table(self, ts: int, end: int, next_i: int, quote: int) -> int:
        """Write a pipe table (header row 0, delimiter row dropped); return the next line index."""
        number = self.table_count
        self.table_count += 1
        rows = [(ts, end)]
        i = next_i + 1
        while i < len(self.lines):
            start, stop = self.lines[i]
            q, cs = self._strip_quotes(start, stop)
            if q != quote or _is_blank(self.source, cs, stop) or "|" not in self.source[cs:stop]:
                break
            rows.append((cs, stop))
            i += 1
        for row, (a, b) in enumerate(rows):
            for col, cell in enumerate(self._cells(a, b)):
                if cell[0] < cell[1]:
                    self.out.begin(("table-cell", 0, row, col, number))
                    _emit_inline(self.out, self.source, [cell], markdown=True)
                    self.out.end()
        return i


def extract_markdown(source: str) -> ExtractedText:
    """Text of a Markdown document in blocks (ATX/setext headings, nested lists, quotes, pipe
    tables), with inline syntax removed and every kept character mapped to its source offset."""
    return _MarkdownExtractor(source).run()


# --------------------------------------------------------------------------------------------
# A table as a page's text dump lays it out (plain text and Markdown alike)
# --------------------------------------------------------------------------------------------

# A data cell that is a figure: "67,870", "$120,882", "75.5", "(1.2)", "12%"
_DUMP_FIGURE = re.compile(r"[-–(]?[$€£]?[ \t]?\d[\d,.]*[ \t]?%?\)?[*†‡]?")
_DUMP_NOTE_WIDTH = 60  # a line after the rows whose first cell is longer, with no figure, is a note under the table
DumpCell = tuple[int, int, list[tuple[int, int]]]  # row, column, the cell's text spans (a header cell may wrap)


def _pipe_pieces(src: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stripped spans between the pipes of one line (the text before the first and after the last too)."""
    out = []
    a = start
    while True:
        k = src.find("|", a, end)
        b = end if k < 0 else k
        x, y = a, b
        while x < y and src[x] in " \t\u00a0":
            x += 1
        while y > x and src[y - 1] in " \t\u00a0":
            y -= 1
        out.append((x, y))
        if k < 0:
            return out
        a = k + 1


def _is_data_row(src: str, pieces: list[tuple[int, int]]) -> bool:
    filled = [(a, b) for a, b in pieces if a < b]
    return len(filled) >= 3 and sum(1 for a, b in filled[1:] if _DUMP_FIGURE.fullmatch(src, a, b)) >= 2


def _emit_dump_table(out: _Builder, src: str, cells: list[DumpCell], number: int) -> int:
    """Write a dump table's cells as table number ``number``; return the next table number."""
    for row, col, spans in cells:
        out.begin(("table-cell", 0, row, col, number))
        _emit_inline(out, src, spans, markdown=False)
        out.end()
    return number + 1


_TITLE_WIDTH = 120


def _title_line(src: str, start: int, end: int) -> bool:
    """A short line that ends no sentence: a title ("A. Beneficiaries in Current-Payment Status, June 30, 2024")."""
    line = src[start:end].strip()
    return 0 < len(line) <= _TITLE_WIDTH and line[-1] not in ".!?;:,"


def dump_table(src: str, lines: list[tuple[int, int]], at: int = 0) -> tuple[list[DumpCell], int] | None:
    """The table the lines from ``lines[at]`` on hold when a page's text dump lays it out: cells between pipes,
    one row a line, no delimiter row, the header's cells perhaps wrapped over lines (a cell goes on to the next pipe:
    "Type of benefit | Number" over "of beneficiaries [In thousands] |"). Every filled cell (header row 0) and
    how many of the lines the table takes; None when the lines open no such table (two rows of three cells or
    more, two figures each, under at most eight lines of header)."""

    def pieces_of(line: tuple[int, int]) -> list[tuple[int, int]]:
        a, b = line
        # (a delimiter row, "|---|--:|", is no text: a header over it without its cells)
        return [(a, a)] * 2 if _MD_DELIM_ROW_RE.fullmatch(src, a, b) else _pipe_pieces(src, a, b)

    # (only the lines the table may take are split: a lone "|" in prose must not cost the rest of the page)
    rows = [pieces_of(line) for line in lines[at : at + 10]]
    first = next((k for k, r in enumerate(rows[:9]) if len(r) > 1 and _is_data_row(src, r)), None)
    if first is None or first + 1 >= len(rows) or not _is_data_row(src, rows[first + 1]):
        return None
    cells: list[DumpCell] = []
    header: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for pieces in rows[:first]:
        for a, b in pieces[:-1]:  # each piece before a pipe ends the cell it is part of
            header.append([*current, (a, b)])
            current = []
        current.append(pieces[-1])  # the rest of the line goes on into the next line
    header.append(current)
    header = [[(a, b) for a, b in spans if a < b] for spans in header]
    cells.extend((0, col, spans) for col, spans in enumerate(x for x in header if x))
    row = 1 if cells else 0
    taken = first
    for k in range(first, len(lines) - at):
        pieces = rows[k] if k < len(rows) else pieces_of(lines[at + k])
        filled = [(a, b) for a, b in pieces if a < b]
        if len(pieces) < 2 or not filled:
            break
        if not _is_data_row(src, pieces) and not any(_DUMP_FIGURE.fullmatch(src, a, b) for a, b in filled[1:]):
            if filled[0][1] - filled[0][0] > _DUMP_NOTE_WIDTH:
                break  # "a Benefit amounts represent the monthly amount due …": a note under the table
        cells.extend((row, col, [(a, b)]) for col, (a, b) in enumerate(pieces) if a < b)
        row += 1
        taken += 1
    return cells, taken


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------

_PLAIN_ITEM_RE = re.compile(
    r"(?:[•◦▪‣●○■□][ \t\u00a0]*|(?:--|[-*·–]|\d{1,3}[.)])[ \t\u00a0]+)(?=\S)"
)
_PLAIN_RULE_RE = re.compile(r"[ \t]*([-=_*#~+.·•])\1{2,}[ \t]*")
_LINK_ONLY_RE = re.compile(r"!?\[[^\[\]]*\]\([^()]*\)")
_NUMERIC_DATE_RE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")
_WRAP_MAX_WIDTH = 120  # widest line of text we take to be hard-wrapped
_WRAP_MIN_LINE = 30
_SENTENCE_END_RE = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
# A sentence that opens a line: a capital, then a lower-case letter or a space ("About $3.6 billion of it", "A third")
_SENTENCE_OPENS = re.compile(r"[A-Z](?:[a-z]|[ \t])")


def _wrapped_sentence_end(src: str, prev_start: int, prev_end: int, ts: int, te: int, widest: int, joined: int) -> bool:
    """A sentence that ends where wrapped prose breaks its line, and the next one opens the next line ("… in last
    year's plan." over "About $3.6 billion of it …"): one paragraph still, when the paragraph already runs over
    lines and the next line's first word would not have fitted on the line before (a line a writer ended there
    would have room for it)."""
    if joined < 2 or src[prev_end - 1] not in ".!?" or not _SENTENCE_OPENS.match(src, ts, te):
        return False
    space = src.find(" ", ts, te)
    first = (space if space >= 0 else te) - ts
    return (prev_end - prev_start) + 1 + first > widest


# A line of a label and one figure ("Special agents 2,597", "Special Agents | 2,631 |"): a row, never wrapped prose;
# alone, a row only when its figure has thousands separators ("Fiscal Year 2019" alone is a title)
_ROW_LABEL = r"\|?[ \t]*[A-Z][^\n]{0,80}?[A-Za-z)](?:[ \t]*\|)?"
_ROW_START = _ROW_LABEL + r"[ \t]+[$]?"
_ROW_END = r"(?:[ \t]*\|)?"
# (an infobox's figure may carry a scale, its year and a footnote: "US$3.28 billion (2022) [1]")
_VALUE_ROW = re.compile(_ROW_LABEL + r"[ \t]+" + ROW_FIGURE + _ROW_END)
_LEADER_ROW = re.compile(r"(?:\.{4,}|…{2,})[ \t]*[$€£]?[0-9][^ \t]*[ \t]*$")
# (a side box's label glued to its figure, as a page's text gives it: "Sworn Officers35,030[1]", "Stations31")
_GLUED_ROW = re.compile(GLUED_LABEL + ROW_FIGURE + r"[ \t]*")
# A line that ends with a pipe is a pipe table's row ("Employees | 9,848 (2021) |"): it joins no other line
_PIPE_ROW = re.compile(r"[^\n]*\|[^\n]*\|[ \t]*")
# A line that opens with a short label and its colon, then a figure ("Minorities: 16% of Volunteers")
_LABEL_LINE = re.compile(r"[ \t]*[A-Z][^:\n]{0,60}:[ \t]+[$]?\d")
# A line of a label, a dash and its figure ("Bus – 41,220,118"): a row of its own, never a wrapped line's end
_DASH_ROW = re.compile(r"[ \t]*[A-Za-z#][^–—\n]{0,60}[ \t]+[–—][ \t]+(?!(?:19|20)\d\d(?![\d,.]))[$]?\d[\d,.]*(?:[ \t]*(?:thousand|million|billion|%))?[ \t]*")
_CAPS_TITLE = re.compile(r"[A-Z][A-Z&,'’/ -]{2,60}(?:[ \t]+\([^()\n]{1,60}\))?")  # a line in capitals
# A line that opens with a figure, then a dash and its label ("58 billion — revenue in 2010")
_FIGURE_FIRST_LINE = re.compile(r"[ \t]*" + ROW_FIGURE_FIRST + r"[ \t]+[–—]")
_LONE_ROW = re.compile(_ROW_START + r"\d{1,3}(?:,\d{3})+" + _ROW_END)
_FIGURES_ROW = re.compile(FIGURES_ROW)
_DIGIT_RE = re.compile(r"\d")
_UNITS_LINE = re.compile(r"(?:[ \t]*" + UNIT_TOKEN + r")+[ \t]*")  # "$'000 $'000"
_GROUP_LABEL_MAX = 60  # a line over a table's rows that labels a group of them ("Operating revenues"); longer is prose
_DIGIT_RUN = re.compile(r"(?<![\d,.])\d[\d,.]*")
_NOT_A_ROW_LABEL = re.compile(
    r"[a-z]{2}[.!?][ \t]+[A-Z]|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\Z"
)
_YEARS = re.compile(r"(?:[ \t]+(?:19|20)\d\d)+[ \t]*")


def _heads_figures_rows(src: str, shaped: list[tuple[int, int, int]], k: int) -> bool:
    """Line ``k`` heads a flattened table: the row of figures under it, perhaps after a line of units ("$'000
    $'000") and a group label ("Revenue")."""
    for j in (k + 1, k + 2, k + 3):
        if j >= len(shaped):
            return False
        if is_figures_row(src, shaped[j][1], shaped[j][2]):
            return True
        if _UNITS_LINE.fullmatch(src, shaped[j][1], shaped[j][2]):
            continue
        if shaped[j][2] - shaped[j][1] > _GROUP_LABEL_MAX or _DIGIT_RE.search(src, shaped[j][1], shaped[j][2]):
            return False
    return False


def is_figures_row(src: str, start: int, end: int) -> bool:
    """A line of a label and two figures or more, single-spaced ("Fare revenue 68,211 71,540 74,002"): a row of a
    table a PDF's text copy flattened, never wrapped prose. ("Fiscal year 2022 2023" is a header: years only.)"""
    m = _FIGURES_ROW.fullmatch(src, start, end)
    return (
        m is not None
        # (two figures in digits: "Bus – 41,220,118" is a label, its dash and one figure)
        and len(_DIGIT_RUN.findall(src, m.start("figures"), m.end("figures"))) >= 2
        and _YEARS.fullmatch(src, m.start("figures"), m.end("figures")) is None
        # ("… completed 8,960 inspections. As of March 31 2024": a sentence's date, not a row's label and figures)
        and _NOT_A_ROW_LABEL.search(src, m.start("label"), m.end("label")) is None
    )
# A line that opens with a figure of some size, then words ("4,250 Bus operators", "12.4 million Riders"): a stat
# card's line, never a title (a year may open a title: "2023 Annual Report").
_FIGURE_LED = re.compile(
    r"[ \t]*[$€£]?(?!(?:19|20)\d\d(?![\d,.]))(?:\d{1,3}(?:,\d{3})+|\d{3,}|\d+(?:\.\d+)?[ \t]?"
    r"(?:thousand|million|billion|trillion|%|percent))(?![\d,.])\+?[ \t]+[A-Za-z]"
)
# A stat card in two lines: the figure alone, then what it counts ("12.4 million" over "Riders served in 2022").
_CARD_NUMBER = r"\d[\d,.]*\+?(?:[ \t]*(?:thousand|million|billion|trillion|%|percent))?"  # "12.4 million", "96%", "640+"
_CARD_FIGURE = re.compile(r"[ \t]*[$€£]?(?!(?:19|20)\d\d[ \t]*$)" + _CARD_NUMBER + r"[ \t]*")
_CARD_LABEL = re.compile(r"[ \t]*[A-Za-z][^\n.!?:;|\d]{0,70}(?:[ \t(]*(?:19|20)\d\d\)?[^\n.!?:;|\d]{0,30})?")
# A card whose label wraps: "640 bus rapid transit" over "stations and stops" (the second line goes on in lower case)
_CARD_STARTED = re.compile(r"[ \t]*[$€£]?" + _CARD_NUMBER + r"[ \t]+[A-Za-z](?:[^\n!?:;|\d]*[A-Za-z])?")
_CARD_GOES_ON = re.compile(r"[ \t]*[a-z][^\n.!?:;|\d]{0,60}")
# A gap this wide inside a line lays it out in columns ("General Fund 101        Page 3 of 12"): such a line is not
# wrapped prose (two spaces after a sentence's full stop are).
_LAYOUT_GAP = "    "


def _looks_like_heading(line: str) -> bool:
    """A lone short line that reads like a title: capitalised, no final punctuation, no colon.

    A heuristic: plain text has no markup for headings. Lines with a colon ("Last Updated:
    05/13/2020", "Report Crimes: Email …") are labels, a line that is only a link is menu, and
    one stating a date ("Last Viewed by … on 05/18/2020") is a note, not a title.
    """
    if not line or len(line) > 80 or ":" in line or line[-1] in ".,;!?…" or len(line.split()) > 12:
        return False
    if _LINK_ONLY_RE.fullmatch(line) or _NUMERIC_DATE_RE.search(line):
        return False
    if _DOTTED_SECTION.match(line):
        return True  # "1.2 2023/24 at a glance": a report's numbered section, whatever its first word
    first = next((ch for ch in line if ch.isalpha()), None)
    return first is not None and first.isupper()


_DOTTED_SECTION = re.compile(r"\d{1,2}(?:\.\d{1,2}){1,3}[ \t]+\S")


def _section_title(text: str) -> bool:
    """Capitals only, and otherwise a title: "WATER DIVISION", "SUMMARY OF REVENUES ($ in millions)" is not."""
    text = text.strip()
    return _looks_like_heading(text) and not any(ch.islower() for ch in text)


class _PlainExtractor:
    """Plain text: blank-line-separated groups of lines, bullets and numbers as list items.

    Newlines join lines only where text looks hard-wrapped mid-sentence: the longest line of
    the group at most 120 characters, the broken line at least 60 % of it and not ending a
    sentence. Captured web pages put one element per line, and joining "Budget - Fiscal Year
    2009" or "Last Updated: …" onto a neighbouring sentence would change what it says; wrapped
    prose cut at a sentence end loses nothing, since sentences never cross blocks anyway.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.out = _Builder()
        self.list_stack: list[int] = []
        self.table_count = 0

    def run(self) -> ExtractedText:
        src = self.source
        lines = _split_lines(src)
        group: list[tuple[int, int]] = []
        for start, end in lines:
            if _is_blank(src, start, end) or _PLAIN_RULE_RE.fullmatch(src, start, end):
                self._group(group)
                group = []
            else:
                group.append((start, end))
        self._group(group)
        return self.out.finish(src)

    def _group(self, group: list[tuple[int, int]]) -> None:
        if not group:
            return
        src = self.source
        for k, (start, end) in enumerate(group):
            # (a run of pipe lines is tried once, from its first line)
            if src.find("|", start, end) >= 0 and (k == 0 or src.find("|", *group[k - 1]) < 0):
                found = dump_table(src, group, k)
                if found is not None:
                    self._group(group[:k])
                    self.table_count = _emit_dump_table(self.out, src, found[0], self.table_count)
                    self._group(group[k + found[1] :])
                    return
        shaped = []  # (indent, content start, content end)
        for start, end in group:
            indent, ts = _indent(src, start, end)
            te = end
            while te > ts and src[te - 1].isspace():
                te -= 1
            shaped.append((indent, ts, te))
        widest = max(te - ts for _, ts, te in shaped)
        wrapped = widest <= _WRAP_MAX_WIDTH
        spec: _Spec | None = None
        segments: list[tuple[int, int]] = []
        item_indent = -1
        for k, (indent, ts, te) in enumerate(shaped):
            if src.find("|", ts, te) >= 0 and _MD_DELIM_ROW_RE.fullmatch(src, ts, te):
                # "---|---|" under a pipe table's first row: a rule between rows, no text of its own
                self._flush(spec, segments)
                spec, segments, item_indent = None, [], -1
                continue
            m = _PLAIN_ITEM_RE.match(src, ts, te)
            if m and len(group) == 1 and _section_title(src[m.end() : te]):
                # "4. WATER DIVISION" alone between blank lines: a numbered section of a report, not a list
                self._flush(spec, segments)
                self.list_stack.clear()
                spec, segments, item_indent = ("heading", 2, None, None, None), [(m.end(), te)], -1
                continue
            if m:
                self._flush(spec, segments)
                spec = ("list-item", _list_depth(self.list_stack, indent), None, None, None)
                segments, item_indent = [(m.end(), te)], indent
                continue
            if spec is not None:
                _, prev_start, prev_end = shaped[k - 1]
                soft = (
                    wrapped
                    and prev_end - prev_start >= max(_WRAP_MIN_LINE, 0.6 * widest)
                    and (
                        not _SENTENCE_END_RE.search(src, prev_start, prev_end)
                        or _wrapped_sentence_end(src, prev_start, prev_end, ts, te, widest, len(segments))
                    )
                    # a line laid out in columns (a page's running header, a table's row) neither continues a line
                    # nor is continued: each stands alone, so no sentence runs from one row or header into the next
                    and src.find(_LAYOUT_GAP, prev_start, prev_end) < 0
                    and src.find(_LAYOUT_GAP, ts, te) < 0
                    # rows of a label and its figure ("Special agents 2,597" over "Total full-time employees
                    # 5,058"): a flattened table, each row its own
                    and not (_VALUE_ROW.fullmatch(src, prev_start, prev_end) and _VALUE_ROW.fullmatch(src, ts, te))
                    and not (_PIPE_ROW.fullmatch(src, prev_start, prev_end) and _PIPE_ROW.fullmatch(src, ts, te))
                    and not _GLUED_ROW.fullmatch(src, ts, te)
                    and not _GLUED_ROW.fullmatch(src, prev_start, prev_end)
                    # a label, its dot leader and its figure ("Turnout ........ 77.03%"): a row of its own
                    and not _LEADER_ROW.search(src, prev_start, prev_end)
                    and not _LEADER_ROW.search(src, ts, te)
                    # lines that each open with a label ("Minorities: 16% of Volunteers" over "Education: 93% …")
                    and not _LABEL_LINE.match(src, ts, te)
                    and not _DASH_ROW.fullmatch(src, ts, te)
                    # lines that each open with a figure and its label after a dash ("410,000 — career employees")
                    and not _FIGURE_FIRST_LINE.match(src, ts, te)
                    # lines that each open with a figure and its words ("4,912 babies born" over "638,902
                    # outpatient appointments"): a list of figures, one a line
                    and not (_FIGURE_LED.match(src, ts, te) and _FIGURE_LED.match(src, prev_start, prev_end))
                    # a flattened table's rows, and the header line right over them
                    and not is_figures_row(src, ts, te)
                    and not is_figures_row(src, prev_start, prev_end)
                    and not _heads_figures_rows(src, shaped, k)
                )
                # a stat card's figure and, under it, what it counts: one sentence
                card = len(group) == 2 and (
                    (_CARD_FIGURE.fullmatch(src, prev_start, prev_end) is not None
                     and _CARD_LABEL.fullmatch(src, ts, te) is not None)
                    or (_CARD_STARTED.fullmatch(src, prev_start, prev_end) is not None
                        and _CARD_GOES_ON.fullmatch(src, ts, te) is not None)
                )
                if (spec[0] == "list-item" and indent > item_indent) or soft or card:
                    segments.append((ts, te))
                    continue
            self._flush(spec, segments)
            self.list_stack.clear()
            # (a lone "Indicted cases 8,360" is a row of a figure, not a title)
            heading = (
                len(group) == 1 and _looks_like_heading(src[ts:te]) and not _LONE_ROW.fullmatch(src[ts:te])
                and not _LEADER_ROW.search(src, ts, te)
                and not _FIGURE_LED.match(src, ts, te) and not _DASH_ROW.fullmatch(src, ts, te)
            )
            # ("WHERE THEY SERVE (share of volunteers abroad)" in capitals over "West Africa: 44%": a section's title)
            heading = heading or (
                k == 0 and len(shaped) > 1 and _CAPS_TITLE.fullmatch(src, ts, te) is not None
                and _LABEL_LINE.match(src, shaped[1][1], shaped[1][2]) is not None
            )
            spec = ("heading", 2, None, None, None) if heading else _PARAGRAPH
            segments, item_indent = [(ts, te)], -1
        self._flush(spec, segments)

    def _flush(self, spec: _Spec | None, segments: list[tuple[int, int]]) -> None:
        if spec is not None and segments:
            self.out.begin(spec)
            _emit_inline(self.out, self.source, segments, markdown=False)
            self.out.end()


def extract_plain(source: str) -> ExtractedText:
    """Text of a plain-text document in blocks. Also undoes what Markdown converters leave in
    text captures of web pages: backslash escapes ("\\$8 billion") and link syntax ("[text](#)")."""
    return _PlainExtractor(source).run()


# --------------------------------------------------------------------------------------------
# Laid-out text (PDF)
# --------------------------------------------------------------------------------------------


def extract_layout(source: str, boxes: Sequence[tuple[int, int]], page_starts: Sequence[int] = ()) -> ExtractedText:
    """Text whose blocks a layout engine already found: ``boxes`` are (start, end) spans of
    ``source``, one block each, in reading order. Lines inside a box are one paragraph (a PDF
    wraps every line of prose); a box of one short title-like line is a heading. ``page_starts``
    are the source offsets where pages begin (see ``ExtractedText.page_starts``).
    """
    out = _Builder()
    for start, end in boxes:
        lines = _split_lines(source[start:end])
        heading = len(lines) == 1 and _looks_like_heading(source[start:end].strip())
        out.begin(("heading", 2, None, None, None) if heading else _PARAGRAPH)
        out.text(source[start:end], start)
        out.end()
    return attrs.evolve(out.finish(source), page_starts=tuple(page_starts))
