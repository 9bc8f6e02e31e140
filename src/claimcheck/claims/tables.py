"""Tables: their cells (HTML and Markdown cells, or plain text laid out in columns), their labels and scale notes,
and what each figure in them states."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

import attrs

from claimcheck.claims import measures, periods, subjects
from claimcheck.claims.model import Period, Quantity
from claimcheck.claims.quantities import (
    CODES_BEFORE,
    QuantityMention,
    QuantitySettings,
    find_quantities,
    make_quantity,
    rate_unit_in,
    scale_quantity,
    unit_of_word,
)
from claimcheck.claims.row_figure import SPACED_FIGURE, UNIT_TOKEN
from claimcheck.claims.text import Block, ExtractedText, is_figures_row

__all__ = ["Cell", "Figure", "Table", "find_tables", "read_table", "scale_note"]


@attrs.frozen
class Cell:
    start: int  # offsets into the extracted text, end exclusive
    end: int
    row: int
    col: int


@attrs.frozen
class Table:
    """A table's cells and the text around it that explains them."""

    cells: tuple[Cell, ...]  # row-major
    start: int  # the span of the table in the extracted text
    end: int
    first_block: int  # index of the block where the table starts
    blocks: frozenset[int]  # blocks that hold nothing but table cells
    caption: tuple[int, int] | None = None  # a title or caption right before it
    notes: tuple[tuple[int, int], ...] = ()  # short notes right after it ("Dollars in millions.")
    plain: bool = False  # laid out with spaces in plain text
    # (row, parent row): a row indented under a row of figures is a part of it ("Electric" under "Capital program")
    parents: tuple[tuple[int, int], ...] = ()
    # Laid out with spaces, its rows labelled: column 0 holds the labels, whatever figures they name ("Berth 5
    # wharf", "40 electric buses"); other tables tell a label column by its cells.
    labelled: bool = False


@attrs.frozen
class Figure:
    """One figure of a table and what its labels say about it."""

    mention: QuantityMention  # offsets into the extracted text; the quantity scaled by the table's notes
    row_label: str
    col_label: str
    subject: str | None  # from the row, the column or the caption; None: the page's subject in focus
    measure: str  # as written (to be normalised); "" when the labels name nothing
    scopes: tuple[str, ...]
    period: Period | None


# --- Scale notes and units. --------------------------------------------------------------------

_SCALES = {
    "thousand": Decimal(10**3),
    "thousands": Decimal(10**3),
    "000": Decimal(10**3),
    "000s": Decimal(10**3),
    "k": Decimal(10**3),
    "million": Decimal(10**6),
    "millions": Decimal(10**6),
    "mil": Decimal(10**6),
    "mil.": Decimal(10**6),
    "mn": Decimal(10**6),
    "m": Decimal(10**6),
    "billion": Decimal(10**9),
    "billions": Decimal(10**9),
    "bn": Decimal(10**9),
    "b": Decimal(10**9),
    # Indian English: "(Rs in crore)", "(₹ lakh)"
    "crore": Decimal(10**7),
    "crores": Decimal(10**7),
    "cr": Decimal(10**7),
    "lakh": Decimal(10**5),
    "lakhs": Decimal(10**5),
}
_CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD"}
_CURRENCIES.update({"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP"})
_CURRENCIES.update({code.lower(): code for code in CODES_BEFORE if code.lower() not in _CURRENCIES})
# ("A$'000", "(N$000)": a dollar with its country's letters; a bare "$" is the configuration's, as in prose)
_CURRENCIES.update({"au$": "AUD", "a$": "AUD", "c$": "CAD", "nz$": "NZD", "n$": "NAD", "hk$": "HKD", "s$": "SGD"})
_CURRENCIES.update({"r": "ZAR", "rs": "INR", "rs.": "INR", "₹": "INR", "₱": "PHP"})
_CURRENCIES.update({w: "KES" for w in ("ksh", "ksh.", "kshs", "kshs.", "sh")})
# (ISO codes in capitals only: "(NOK millions)", "SEK thousands", but no "risk" or "ask")
_CUR = (
    r"(?:(?-i:US|AU|A|C|NZ|N|HK|S)?\$|USD|(?:US\s+)?dollars?|€|EUR|euros?|£|GBP|(?-i:" + "|".join(CODES_BEFORE) + r")"
    r"|(?-i:R)(?=\s*'?(?:000|thousand|million|billion|m\b|bn\b))"  # ("(R'000)", "R million": rands)
    r"|(?-i:Rs)\.?|₹|₱|(?-i:K[Ss]hs?)\.?|(?-i:Sh)(?=\s*'?(?:000|thousand|million|billion|m\b|bn\b)))"
)
_SCALE_WORD = r"(?:thousands?|millions?|billions?|crores?|lakhs?|cr\b|000s?|mil\.?|mn|bn|[kKmMbB](?![\w']))"
_SCALE_NOTE = re.compile(
    rf"(?:(?P<c1>{_CUR})\s*'?(?:in\s+)?(?P<s1>{_SCALE_WORD})"  # ("$'000", as Australian accounts write it)
    rf"|\bin\s+(?P<s2>thousands|millions|billions|crores?|lakhs?)(?:\s+of\s+(?P<c2>{_CUR}))?"
    rf"|\(\s*(?P<s3>thousands|millions|billions|'?000s?)(?:\s+of\s+(?P<c3>{_CUR}))?\s*\)"  # ("(000)", "('000s)")
    rf"|\b(?P<s4>thousands|millions|billions)\s+of\s+(?P<c4>{_CUR}))",
    re.IGNORECASE,
)
_CURRENCY_NOTE = re.compile(rf"\(\s*(?:in\s+)?(?P<c>{_CUR})\s*\)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(rf"(?<!\w){_CUR}(?!\w)", re.IGNORECASE)
_CURRENCY_REACH = 40  # characters before "in millions" where a note's currency word may stand
_DATA_STATUS = re.compile(r"\(\s*(?:final|provisional|preliminary|audited|unaudited|p|r)\s*\)", re.IGNORECASE)
_CURRENCY_IN_BRACKETS = re.compile(r"\(\s*(?:US\$|[A-Z]{1,2}\$|\$|€|£|₹|₱|K[Ss]hs?\.?|" + "|".join(CODES_BEFORE) + r")\s*\)")
_NOTE_PART = re.compile(r"(?:\(|;)\s*(?P<what>[A-Za-z][A-Za-z ,-]{1,60}?)\s+(?P<note>in\s+[^;()]{1,30}?)\s*(?=[;)])")


def _notes_by_column(caption: str) -> list[tuple[tuple[str, ...], Note]]:
    """The notes of a caption that names the columns each scales ("(cost in KSh million)", "(packs and families in
    thousands; cost in ₱ millions)"): the columns' words, and the note. The other columns are left alone."""
    out = []
    for m in _NOTE_PART.finditer(caption):
        note = scale_note(m.group("note"))
        if note is not None:
            whats = tuple(w.strip().lower() for w in re.split(r",|\band\b", m.group("what")) if w.strip())
            out.append((whats, note, m.group("note")))
    # (one note alone names its columns only when it scales money by name: "(cost in KSh million)", never
    # "(dollars in thousands)", whose words say what the money is)
    if len(out) == 1 and _IN_CURRENCY.match(out[0][2]) is None:
        return []
    return [(whats, note) for whats, note, _ in out]


_IN_CURRENCY = re.compile(rf"in\s+{_CUR}", re.IGNORECASE)
_UNIT_BEFORE_NOTE = re.compile(r"\(\s*([A-Za-z]+)\s*,\s*\Z")
_NOTE_UNIT = re.compile(r"\s*of\s+([A-Za-z]+(?:\s+[A-Za-z]+)?)(?=\s*\)|\s*$)", re.IGNORECASE)
_PERCENT_HEADER = re.compile(r"%|\bper\s?cent(?:age)?\b", re.IGNORECASE)
# "(acres)", "(hours/week)", "(hours per week)": the figures' unit, perhaps per a span of time
_UNIT_IN_BRACKETS = re.compile(
    r"\(\s*([A-Za-z][A-Za-z ]{0,20}?(?:[A-Za-z²³]|CO2e|CO₂e)?)\s*(?:(?:/|\bper\b|\ba\b)\s*(?P<per>day|week|month|hour)\s*)?\)"
)


@attrs.frozen
class Note:
    factor: Decimal = Decimal(1)
    currency: str | None = None
    span: tuple[int, int] | None = None  # where the note is, in the string it was read from


def scale_note(text: str) -> Note | None:
    """"($ in thousands)" → ×1000 USD; "(dollars in millions)", "Dollars in millions." → ×10⁶ USD;
    "Acres burned (thousands)" → ×1000; "(in PHP)" → ×1 PHP; None when ``text`` gives neither scale nor currency."""
    m = _SCALE_NOTE.search(text)
    if m is None:
        only = _CURRENCY_NOTE.search(text) if "(" in text else None
        if only is None:
            return None
        # "Cost of assistance by source (in PHP)": a currency, and no scale
        return Note(Decimal(1), _CURRENCIES.get(" ".join(only.group("c").lower().split())), only.span())
    scale = next(m.group(g) for g in ("s1", "s2", "s3", "s4") if m.group(g))
    currency = next((m.group(g) for g in ("c1", "c2", "c3", "c4") if m.group(g)), None)
    factor = _SCALES.get(scale.lower().rstrip(".").lstrip("'"), _SCALES.get(scale.lower()))
    if factor is None:
        return None
    if currency is None and m.group("s2"):
        # A note written as a sentence names the currency before its scale: "Dollar amounts are in millions."
        before = _CURRENCY_BEFORE.search(text, max(0, m.start() - _CURRENCY_REACH), m.start())
        currency = before.group(0) if before is not None else None
    code = None if currency is None else _CURRENCIES.get(" ".join(currency.lower().split()))
    return Note(factor, code, m.span())


# --- Finding tables. --------------------------------------------------------------------------


def find_tables(doc: ExtractedText) -> tuple[Table, ...]:
    """Every table of a document: the table cells text extraction marked, and plain text laid out in columns."""
    laid = _plain_tables(doc)
    found = _cell_tables(doc) + laid + _spaced_tables(doc, frozenset(k for t in laid for k in t.blocks))
    return tuple(sorted(found, key=lambda t: t.start))


def _cell_tables(doc: ExtractedText) -> list[Table]:
    by_table: dict[int, list[int]] = {}
    for i, b in enumerate(doc.blocks):
        if b.kind == "table-cell" and b.table is not None:
            by_table.setdefault(b.table, []).append(i)
    out = []
    for indices in by_table.values():
        cells = tuple(
            Cell(doc.blocks[i].start, doc.blocks[i].end, doc.blocks[i].row or 0, doc.blocks[i].col or 0)
            for i in indices
        )
        first, last = indices[0], indices[-1]
        out.append(
            Table(
                cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))),
                start=doc.blocks[first].start,
                end=doc.blocks[last].end,
                first_block=first,
                blocks=frozenset(indices),
                caption=_caption(doc, first),
                notes=_notes(doc, last),
                parents=_under_totals(doc.text, cells),
            )
        )
    return out


# A row that totals a group: "Retired workers and their family members, total"
_GROUP_TOTAL = re.compile(r"[^\n]*[A-Za-z)],[ \t]+total[ \t]*")


def _under_totals(text: str, cells: tuple[Cell, ...]) -> tuple[tuple[int, int], ...]:
    """(row, parent row) for the rows under a group's total row, up to the next one: the parts of that group
    ("Spouses" under "Retired workers and their family members, total" and again under "Disabled workers …, total"),
    as the indentation an HTML table loses in a text dump showed them."""
    labels = {c.row: c for c in cells if c.col == 0}
    parents = []
    parent = None
    for row in sorted(labels):
        cell = labels[row]
        if _GROUP_TOTAL.fullmatch(text, cell.start, cell.end):
            parent = row
        elif parent is not None:
            parents.append((row, parent))
    return tuple(parents)


_CAPTION_MAX = 200


def _caption(doc: ExtractedText, first: int) -> tuple[int, int] | None:
    """The block right before a table when it reads like its title (HTML captions come out as that block)."""
    k = first - 1
    if k < 0:
        return None
    b = doc.blocks[k]
    if b.kind == "list-item" and b.end - b.start <= _CAPTION_MAX and _TITLE_END.search(doc.text, b.start, b.end):
        return (b.start, b.end)  # a numbered section title ("2. SUMMARY OF REVENUES ($ in millions)") over it
    if b.kind in ("paragraph", "heading") and b.end - b.start <= _CAPTION_MAX:
        if _PAGE_AT_EDGE.search(doc.text, b.start, b.end):
            return None  # a page's running header or footer ("Prepared May 6, 2024   Page 3 of 12") titles nothing
        if b.kind == "paragraph" and _SENTENCES.search(doc.text, b.start, b.end):
            return None  # prose of two sentences or more over the table tells about it, it does not title it
        if k > 0 and _BRACKETED.fullmatch(doc.text, b.start, b.end):
            # "Summary of Appropriations" over "(dollars in thousands)", the two set apart above the table by a
            # blank line: the caption is both lines. (A unit line glued to the table's header keeps to itself.)
            above = doc.blocks[k - 1]
            if (
                above.kind in ("paragraph", "heading")
                and b.end - above.start <= _CAPTION_MAX
                and _line_of(doc, above.end - 1) == _line_of(doc, b.start) - 1
                and _line_of(doc, doc.blocks[first].start) - _line_of(doc, b.end - 1) >= 2
            ):
                return (above.start, b.end)
        return (b.start, b.end)
    return None


_BRACKETED = re.compile(r"\([^()]*\)")
_PAGE_NUMBER = r"(?:page|pg\.?)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
_PAGE_AT_EDGE = re.compile(rf"^{_PAGE_NUMBER}\b|\b{_PAGE_NUMBER}$", re.IGNORECASE)
# A sentence end followed by the next sentence: "… 287 contracts. Ninety-one percent …", "… by 2030. We expect …"
# (not "No. 4", "Table 1. Fares").
_SENTENCES = re.compile(r"(?:[a-z]{2}|[0-9]{3})[.!?]\s+[A-Z][\w'-]*\s+[a-z]+\b")
_TITLE_END = re.compile(r"[^\s.,;:!?]\s*$")  # a line that does not end as a sentence or a list entry does


def _notes(doc: ExtractedText, last: int) -> tuple[tuple[int, int], ...]:
    """Short blocks right after a table: where "Dollars in millions." and "Source: …" notes go."""
    notes = []
    for k in range(last + 1, min(last + 3, len(doc.blocks))):
        b = doc.blocks[k]
        if b.kind not in ("paragraph",) or b.end - b.start > _CAPTION_MAX:
            break
        notes.append((b.start, b.end))
    return tuple(notes)


# Plain text: a table is a run of lines whose words fall into columns separated by two or more spaces.
_TOKEN = re.compile(r"\S+")
# (a footnote mark after a figure, "35,400*", keeps it a number: "* Revised." below the table says why)
_NUMERIC_CELL = re.compile(
    r"[-–—+(]?[$€£]?\s?(?:\d{1,3}(?: \d{3})+(?:\.\d+)?|\d[\d,.\u00a0\u2009\u202f]*)\s?(?:%|[kKmMbB]n?|bn)?\)?"
    r"(?:\*{1,3}|[†‡])?|[-–—]+|n/?a|N/?A"
)
# A figure and its parts in brackets, one cell: "72 (48 elementary, 14 middle and 10 high schools)".
_BREAKDOWN_CELL = re.compile(
    r"[$€£]?\d[\d,.]*\s?%?\s\((?:including\s|of\swhich\s)?[$€£]?\d[^()]*\d[^()]*\)", re.IGNORECASE
)
_BREAKDOWN_CELL_MAX = 100
_GAP = 2  # spaces between two columns; one space is a word break


@attrs.frozen
class _Line:
    number: int  # source line
    cells: tuple[tuple[int, int, int, int], ...]  # (text start, text end, source column start, column end)
    # A row's identifier beside its label ("A-114" in a column headed "No."): it names the row, it states nothing,
    # so it is kept out of the cells (and its source columns tell the header cell over it).
    codes: tuple[tuple[int, int, int, int], ...] = ()


# A project's, account's or item's code: letters and digits in one word, a digit in it and a letter before it
# ("A-114", "CIP-0042", "PW23-07", "R305"), not a year or fiscal year ("FY2025").
_CODE_CELL = re.compile(r"(?![SF]?FY\d|CY\d)[A-Z][A-Za-z]{0,5}[-./]?\d[\dA-Za-z]*(?:[-./]\d+[A-Za-z]?)*")


def _without_code(text: str, cells: list[list[int]]) -> tuple[list[list[int]], list[list[int]]]:
    """A row's cells without its code, and the code: "Berth 5 wharf   C-207   62.5   21.3", or the code first
    ("C-207   Berth 5 wharf   62.5   21.3"). A code alone before the figures is the row's label."""
    if len(cells) < 3 or not _is_number_cell(text, cells[2]):
        return cells, []
    if _CODE_CELL.fullmatch(text, cells[1][0], cells[1][1]) and not _is_number_cell(text, cells[0]):
        return [cells[0]] + cells[2:], [cells[1]]
    if _CODE_CELL.fullmatch(text, cells[0][0], cells[0][1]) and not _is_number_cell(text, cells[1]):
        return cells[1:], [cells[0]]
    return cells, []


def _plain_tables(doc: ExtractedText) -> list[Table]:
    # Column gaps are read from the offset map, where a removed HTML tag looks like a run of spaces; so HTML
    # pages keep to their cells (a document decoded from the cache no longer says: its <title> tells).
    if doc.kind == "html" or any(b.kind == "title" for b in doc.blocks[:3]):
        return []
    blocks = doc.blocks
    out: list[_Laid] = []
    last: _Laid | None = None  # the table the region before ended with, while nothing but a blank line follows
    carried: list[tuple[int, int]] = []  # the source columns of that region's "Note" column
    i = floor = 0  # floor: the first block no region has taken
    n = len(blocks)
    while i < n:
        b = blocks[i]
        if b.kind in ("table-cell", "title") or not _may_hold_table(doc, b):
            i += 1
            continue
        # The run of blocks whose source lines follow each other without a blank line: back to the blocks
        # right above (a header without digits, "Unit  Permanent  Seasonal", is a block of its own), then on.
        region = [i]
        first_line = _line_of(doc, b.start)
        while region[0] - 1 >= floor and blocks[region[0] - 1].kind not in ("table-cell", "title"):
            if not _adjacent(doc, _line_of(doc, blocks[region[0] - 1].end - 1), first_line):
                break
            region.insert(0, region[0] - 1)
            first_line = _line_of(doc, blocks[region[0]].start)
        last_line = _line_of(doc, b.end - 1)
        j = i + 1
        while j < n and blocks[j].kind not in ("table-cell", "title"):
            first_line = _line_of(doc, blocks[j].start)
            if not _adjacent(doc, last_line, first_line):
                break
            region.append(j)
            last_line = _line_of(doc, blocks[j].end - 1)
            j += 1
        # (an accounts statement's second part, set apart by a blank line, keeps the first part's "Note" column)
        lines, notes = _lines(doc, region, carried if last is not None else None)
        joined = _trailing_row(doc, region, lines, last) if last is not None else None
        found = [] if joined is not None else _tables_in(doc, region, lines)
        if joined is not None:
            out[-1] = last = joined
        elif found:
            out.extend(found)
            last = found[-1]
        else:
            last = None
        carried = notes
        i = floor = j
    return [t for t, _, _ in out]


# A table and the source columns of its figures (with the offset of its first value column), for a row set
# apart under it by a blank line.
_Laid = tuple[Table, list[tuple[int, int]], int]


def _trailing_row(doc: ExtractedText, region: list[int], lines: list[_Line], last: _Laid) -> _Laid | None:
    """The table ``last`` with more rows: labelled lines of figures a blank line under it whose figures sit in
    its columns, one to a column ("FTE   21,890   22,010   22,130" under a budget table's Total; a second group of
    lines, "General Fund" and "Grants", set apart under the first). Lines after them (a note) stay out."""
    table, columns, shift = last
    text = doc.text
    if not lines or not shift or lines[0].number - _line_of(doc, table.end - 1) != 2:
        return None
    row = max(c.row for c in table.cells) + 1
    cells: list[Cell] = []
    # A group label leads the rows ("By unit" over its rows, as "By fund source" led the rows above): no header of
    # its own, so the rows stay under the table's header and note. A table's title ("Table 2. Staff") or a note
    # of its own ("(in thousands)") starts a new table.
    lead = 0
    while lead < min(2, len(lines) - 1) and lines[lead + 1].number == lines[lead].number + 1:
        line = lines[lead]
        if not _is_label_line(line, columns) or _DIGIT.search(text, line.cells[0][0], line.cells[0][1]):
            break
        if _wrapped_labels(text, lines[lead : lead + 2]):
            break  # a row's label that wraps onto the row's line
        if _TABLE_PREFIX.match(text[line.cells[0][0] : line.cells[0][1]]) or scale_note(
            text[line.cells[0][0] : line.cells[0][1]]
        ):
            return None
        lead += 1
    if lead:
        lines = lines[lead:]
    stop = 0
    last_row: _Line | None = None
    lead_in = -1  # where a row's label began, on the line above it
    group: tuple[int, int] | None = None  # the group label's row and source column, while rows are indented under it
    parents: list[tuple[int, int]] = []
    wrapped = _wrapped_labels(text, lines)
    for stop, line in enumerate(lines):
        if stop and line.number != lines[stop - 1].number + 1:
            break
        wraps = stop + 1 in wrapped
        if (last_row is not None or wraps) and stop + 1 < len(lines) and lines[stop + 1].number == line.number + 1 and (
            _is_rule_line(text, line) or _is_label_line(line, columns)
        ) and _is_data_line(text, lines[stop + 1]):
            # a rule over a total, a group label, a label that wraps onto the next line ("Transmission,
            # distribution and" over "collection   71,904   70,115"): between rows, the rows go on
            if wraps:
                lead_in = line.cells[0][0]  # the label's first line: the row below reads it whole
            elif not _is_rule_line(text, line):
                cells.append(Cell(line.cells[0][0], line.cells[0][1], row, 0))
                group = (row, line.cells[0][2])
                row += 1
            continue
        if not _is_data_line(text, line):
            break
        values = _values(text, line)
        if len(values) != len(columns) or _is_number_cell(text, line.cells[0]):
            break
        hit = [_overlapping([list(c) for c in columns], c[2], c[3]) for c in values]
        if None in hit or len(set(hit)) != len(hit):
            break
        cells.append(Cell(line.cells[0][0] if lead_in < 0 else lead_in, line.cells[0][1], row, 0))
        cells += [Cell(c[0], c[1], row, k + shift) for c, k in zip(values, hit)]
        # (a row indented under the group label is a part of what it names: "Clean Water" under "Charitable
        # activities:"; a row back at the label's column ends the group)
        if group is not None and line.cells[0][2] > group[1]:
            parents.append((row, group[0]))
        elif group is not None:
            group = None
        row += 1
        last_row = line
        lead_in = -1
    else:
        stop = len(lines)
    if last_row is None or stop < len(lines) and _is_data_line(text, lines[stop]):
        return None  # a table of its own under it, not more of its rows
    line = last_row
    end = line.cells[-1][1]
    last_block = max(k for k in region if doc.blocks[k].start < end)
    grown = attrs.evolve(
        table,
        cells=table.cells + tuple(cells),
        parents=table.parents + tuple(parents),
        end=end,
        blocks=table.blocks | frozenset(k for k in region if doc.blocks[k].end <= end),
        notes=_notes(doc, last_block),
    )
    return grown, columns, shift


_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")  # the same in ASCII text, and a faster scan


def _may_hold_table(doc: ExtractedText, b: Block) -> bool:
    """A cheap look before any source position is mapped: a row of a table laid out with spaces has gaps of
    two or more spaces inside a line (two of them, or one of four or more), which is where the text's offset map
    starts a new run."""
    if (_ASCII_DIGIT if doc.text.isascii() else _DIGIT).search(doc.text, b.start, b.end) is None:
        return False
    offsets = doc.source_offsets
    starts, sources = offsets.text_starts, offsets.source_starts
    k0 = bisect.bisect_right(starts, b.start)
    k1 = bisect.bisect_left(starts, b.end)
    wide = 0
    lines = doc.line_starts
    for k in range(k0, k1):
        prev_end = sources[k - 1] + (starts[k] - starts[k - 1])  # where the source would be without a gap
        if sources[k] - prev_end < 1:
            continue
        # A gap that crosses a line break is indentation, not a column gap.
        if bisect.bisect_right(lines, sources[k]) != bisect.bisect_right(lines, prev_end - 1):
            continue
        wide += 1
        # (two gaps, or one wide gap: a table of a label and a single column, "Ardcarrig Airport      840")
        if wide >= 2 or sources[k] - prev_end >= _ONE_COLUMN_GAP:
            return True
    return False


_ONE_COLUMN_GAP = 4


def _adjacent(doc: ExtractedText, above: int, below: int) -> bool:
    """Source lines ``above`` and ``below`` follow each other, or only a rule lies between them."""
    return below == above + 1 or below == above + 2 and _ruled(doc, above + 1)


_RULE_MIN = 8  # characters of a rule line the text left out ("--------" under a header)


def _ruled(doc: ExtractedText, number: int) -> bool:
    """Source line ``number``, which no block holds, is a rule ("-----" across a table, which plain text
    extraction drops as it does a blank line): it is about as wide as the lines above and below it. (A blank line
    is empty, or a few spaces.)"""
    starts = doc.line_starts
    if number < 1 or number + 2 >= len(starts):
        return False
    width = starts[number + 1] - starts[number] - 1
    widest = max(starts[number] - starts[number - 1], starts[number + 2] - starts[number + 1]) - 1
    return width >= _RULE_MIN and 2 * width >= widest


def _line_of(doc: ExtractedText, offset: int) -> int:
    return bisect.bisect_right(doc.line_starts, doc.source_offset(offset)) - 1


def _lines(
    doc: ExtractedText, region: list[int], notes: list[tuple[int, int]] | None = None
) -> tuple[list[_Line], list[tuple[int, int]]]:
    """The region's words by source line, grouped into cells at gaps of two or more columns; and the source columns
    of its "Note" column, or of the one ``notes`` gives (the table above, which the region may go on)."""
    by_line: dict[int, list[tuple[int, int, int, int]]] = {}
    starts = doc.line_starts
    for k in region:
        b = doc.blocks[k]
        for m in _TOKEN.finditer(doc.text, b.start, b.end):
            s, e = m.start(), m.end()
            src_s = doc.source_offset(s)
            src_e = doc.source_offset(e - 1) + 1
            line = bisect.bisect_right(starts, src_s) - 1
            by_line.setdefault(line, []).append((s, e, src_s - starts[line], src_e - starts[line]))
    lines = []
    for number in sorted(by_line):
        if lines and number == lines[-1].number + 2 and _ruled(doc, number - 1):
            lines.append(_Line(number - 1, ()))  # a rule the text left out: no cells, read as a rule line
        tokens = by_line[number]
        cells: list[list[int]] = []
        for s, e, cs, ce in tokens:
            if cells and cs - cells[-1][3] < _GAP:
                cells[-1][1], cells[-1][3] = e, ce
            else:
                cells.append([s, e, cs, ce])
        cells, codes = _without_code(doc.text, cells)
        lines.append(_Line(number, tuple(tuple(c) for c in cells), tuple(tuple(c) for c in codes)))  # type: ignore[misc]
    headed = [(c[2], c[3]) for line in lines for c in line.cells if _NOTE_HEADER.fullmatch(doc.text, c[0], c[1])]
    notes = headed or notes or []
    return ([_without_notes(doc.text, line, notes) for line in lines] if notes else lines), notes


# An accounts table's column of note numbers ("Note" over "2", "18", "4.1"): they refer the row to the notes and
# state nothing, so they are kept out of the cells as a code column is.
_NOTE_HEADER = re.compile(r"Notes?|NOTES?")
_NOTE_REF = re.compile(r"\d{1,2}(?:\.\d{1,2})?[a-z]?(?:,[ \t]?\d{1,2}(?:\.\d{1,2})?[a-z]?)*")


def _without_notes(text: str, line: _Line, notes: list[tuple[int, int]]) -> _Line:
    moved = tuple(
        c for c in line.cells[1:] if _over_codes(notes, c) and _NOTE_REF.fullmatch(text, c[0], c[1])
    )
    if not moved:
        return line
    cells = tuple(c for c in line.cells if c not in moved)
    return attrs.evolve(line, cells=cells, codes=line.codes + moved)


def _is_number_cell(text: str, cell: tuple[int, int, int, int]) -> bool:
    body = text[cell[0] : cell[1]]
    return len(body) <= 24 and _NUMERIC_CELL.fullmatch(body) is not None


_RULE_CELL = re.compile(r"[-=_─━+|: ]*[-=_─━]{3}[-=_─━+|: ]*")  # "-------", "=====  =====", "---+---"
_YEAR_CELL = re.compile(r"(?:FY\s?)?(?:19|20)\d\d")
_LABEL_MAX = 60  # a row label longer than this is prose
_HEADER_CELL_MAX = 40  # a column header cell longer than this is prose
_HEADER_LINES = 3  # stacked header lines read over one column ("FY 2022" over "Enacted")
_CAPTION_LINES = 2  # lines glued above the header that title the table


def _is_value_cell(text: str, cell: tuple[int, int, int, int]) -> bool:
    """A figure, or a figure with its breakdown in brackets, in a row of figures."""
    if _is_number_cell(text, cell):
        return True
    return cell[1] - cell[0] <= _BREAKDOWN_CELL_MAX and _BREAKDOWN_CELL.fullmatch(text, cell[0], cell[1]) is not None


def _is_rule_line(text: str, line: _Line) -> bool:
    """A line of dashes or equals signs under a header or above a total: layout, not a row."""
    return all(_RULE_CELL.fullmatch(text, c[0], c[1]) for c in line.cells)


def _is_data_line(text: str, line: _Line) -> bool:
    """A row of figures: an optional label, then cells that are all figures (or "–", "n/a")."""
    cells = line.cells
    if len(cells) < 2 or _is_rule_line(text, line):
        return False
    values = cells[1:] if not _is_number_cell(text, cells[0]) else cells
    if not values or not all(_is_value_cell(text, c) for c in values):
        return False
    if len(values) >= 2 and all(_YEAR_CELL.fullmatch(text, c[0], c[1]) for c in values):
        return False  # "2021   2022   2023": the years over the columns, a header
    return cells[0][1] - cells[0][0] <= _LABEL_MAX


def _values(text: str, line: _Line) -> tuple[tuple[int, int, int, int], ...]:
    """A data line's figure cells: all but its label."""
    return line.cells if _is_number_cell(text, line.cells[0]) else line.cells[1:]


def _value_columns(text: str, data: list[_Line]) -> list[tuple[int, int]] | None:
    """The source columns the figures of ``data`` sit in: their spans merged where they overlap. None when
    the rows do not line up (more columns than the widest row has figures, or two figures of a row in one
    column): prose with wide gaps, not a table."""
    spans = sorted((c[2], c[3]) for d in data for c in _values(text, d))
    columns: list[list[int]] = []
    for s, e in spans:
        if columns and s < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], e)
        else:
            columns.append([s, e])
    if len(columns) > max(len(_values(text, d)) for d in data):
        return None
    for d in data:
        hit = [_overlapping(columns, c[2], c[3]) for c in _values(text, d)]
        if len(set(hit)) != len(hit):
            return None
    return [(s, e) for s, e in columns]


def _overlapping(columns: list[list[int]], s: int, e: int) -> int | None:
    return next((i for i, (cs, ce) in enumerate(columns) if min(e, ce) - max(s, cs) > 0), None)


def _is_header_line(line: _Line, columns: list[tuple[int, int]], codes: list[tuple[int, int]] = ()) -> bool:
    """Column headers over the figures: short cells, each over a column of figures, except one corner label
    left of them ("Component", "Fiscal year") and the header of a column of codes ("No.")."""
    first = columns[0][0]
    over = left = 0
    for c in line.cells:
        if c[1] - c[0] > _HEADER_CELL_MAX:
            return False
        if codes and _over_codes(codes, c):
            continue
        if c[3] <= first:
            left += 1
            if left > 1:
                return False  # only one cell may stand left of the figures
            continue
        if not any(min(c[3], ce + 1) - max(c[2], cs - 1) > 0 for cs, ce in columns):
            return False
        over += 1
    return over > 0


def _over_codes(codes: list[tuple[int, int]], c: tuple[int, ...]) -> bool:
    """A header cell over the column of codes, give or take a column ("No." over "A-114")."""
    return any(min(c[3], ce + 1) - max(c[2], cs - 1) > 0 for cs, ce in codes)


def _code_columns(rows: list[_Line]) -> list[tuple[int, int]]:
    """The source columns the codes of ``rows`` sit in."""
    spans = sorted((c[2], c[3]) for line in rows for c in line.codes)
    columns: list[list[int]] = []
    for s, e in spans:
        if columns and s <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], e)
        else:
            columns.append([s, e])
    return [(s, e) for s, e in columns]


def _is_label_line(line: _Line, columns: list[tuple[int, int]]) -> bool:
    """A row label without figures, left of the figures ("Field operations" over its indented rows)."""
    if len(line.cells) != 1:
        return False
    c = line.cells[0]
    return c[1] - c[0] <= _LABEL_MAX and c[3] <= columns[0][0]


def _tables_in(doc: ExtractedText, region: list[int], lines: list[_Line]) -> list[_Laid]:
    text = doc.text
    out = []
    k = 0
    while k < len(lines):
        if not _is_data_line(text, lines[k]):
            k += 1
            continue
        first = k
        rows, end = _run(text, lines, k)
        k = end
        data = [line for line in rows if _is_data_line(text, line)]
        one = len(data) == 1 and first > 0 and _years_over(text, lines[first - 1], data[0])
        if len(data) < 2 and not one or not _labels_line_up(text, data):
            continue
        columns = _value_columns(text, data)
        if columns is None:
            continue
        # Group labels right under the header ("Field operations" over its indented rows) are inside the table,
        # rows without figures that lead the rows under them; without a header above them they are its title.
        groups = _groups_above(lines, first, columns)
        codes = _code_columns(rows)
        header, top = _header(text, lines, first - len(groups), columns, codes)
        if header:
            rows = groups + rows
        else:
            header, top = _header(text, lines, first, columns, codes)
        caption_lines = _caption_lines(text, lines, top)
        table = _plain_table(doc, region, header, rows, columns, caption_lines, lines, end, codes)
        labelled = any(not _is_number_cell(text, d.cells[0]) for d in rows)
        out.append((table, columns, 1 if labelled else 0))
    return out


def _years_over(text: str, above: _Line, row: _Line) -> bool:
    """A line of years right over a lone row of as many figures ("2023  2024  2025  2026" over "Establishment plan
    posts (TA)  176  184  190  194"): a table of one row."""
    values = _values(text, row)
    return (
        above.number == row.number - 1 and len(values) >= 2 and len(above.cells) == len(values)
        and all(_YEAR_CELL.fullmatch(text, c[0], c[1]) for c in above.cells)
    )


def _run(text: str, lines: list[_Line], k: int) -> tuple[list[_Line], int]:
    """The rows of the table whose first data line is lines[k], and the index after its last data line.
    Rules and label-only lines between data lines stay in the table; trailing ones do not."""
    columns = _value_columns(text, [lines[k]]) or [(0, 0)]
    end = k + 1
    j = k + 1
    while j < len(lines) and lines[j].number == lines[j - 1].number + 1:
        line = lines[j]
        if _is_data_line(text, line):
            end = j + 1
        elif not (_is_rule_line(text, line) or _is_label_line(line, columns)):
            break
        j += 1
    rows = [line for line in lines[k:end] if not _is_rule_line(text, line)]
    return rows, end


def _labels_line_up(text: str, data: list[_Line]) -> bool:
    """Row labels start in one column, give or take an indent for rows under a group label."""
    starts = [d.cells[0][2] for d in data if not _is_number_cell(text, d.cells[0])]
    return not starts or max(starts) - min(starts) <= 8


def _groups_above(lines: list[_Line], first: int, columns: list[tuple[int, int]]) -> list[_Line]:
    """Label-only lines right above the data line lines[first] (at most two)."""
    j = first - 1
    while j >= 0 and first - j <= 2 and lines[j].number == lines[j + 1].number - 1:
        if not _is_label_line(lines[j], columns):
            break
        j -= 1
    return lines[j + 1 : first]


def _header(
    text: str, lines: list[_Line], first: int, columns: list[tuple[int, int]], codes: list[tuple[int, int]] = ()
) -> tuple[list[_Line], int]:
    """The header lines right above the data line lines[first] (rules skipped), top down, and the index of
    the topmost line that belongs to the table."""
    header: list[_Line] = []
    top = first
    j = first - 1
    while j >= 0 and lines[j].number == lines[j + 1].number - 1 and len(header) < _HEADER_LINES:
        line = lines[j]
        if _is_rule_line(text, line):
            if header:
                break  # a rule above the header closes it
        elif _is_header_line(line, columns, codes) and not _is_page_line(text, line):
            header.append(line)
        else:
            break
        top = j
        j -= 1
    return header[::-1], top


# A page's running header or footer beside other words: "Transmitted May 6, 2024        Page 3 of 12".
_PAGE_CELL = re.compile(_PAGE_NUMBER, re.IGNORECASE)


def _is_page_line(text: str, line: _Line) -> bool:
    """A line that numbers the page: layout of the page, neither a header over the figures nor a title."""
    return len(line.cells) > 1 and any(_PAGE_CELL.fullmatch(text, c[0], c[1]) for c in line.cells)


def _caption_lines(text: str, lines: list[_Line], top: int) -> list[_Line]:
    """A title of a line or two glued right above a table ("Visitors by site" over "(in thousands)"). More lines
    above it are a paragraph, not a title: they give none. A page's running header is no part of the title: the
    lines under it are."""
    above = lines[:top]
    pages = [k for k, line in enumerate(above) if _is_page_line(text, line)]
    if pages:
        above, lines = above[pages[-1] + 1 :], lines[pages[-1] + 1 :]
        top -= pages[-1] + 1
    if not above or len(above) > _CAPTION_LINES:
        return []
    if any(b.number != a.number + 1 for a, b in zip(above, lines[1 : top + 1])):
        return []  # not glued: a blank line between
    if any(not line.cells for line in above):
        return []  # a rule over the header closes the table: what stands above it is a block of its own
    if any(line.cells[-1][1] - line.cells[0][0] > _CAPTION_MAX for line in above):
        return []
    return above


def _wrapped_labels(text: str, rows: list[_Line]) -> frozenset[int]:
    """The rows whose label began on the line above, a line of a label only ("Administrative Office" over "of the
    Courts   76,430   81,275"): the row goes on in lower case."""
    out = set()
    for i in range(1, len(rows)):
        above, line = rows[i - 1], rows[i]
        first = line.cells[0]
        if (
            line.number == above.number + 1 and len(above.cells) == 1 and len(line.cells) > 1
            and text[first[0]].islower() and not _is_number_cell(text, first)
            and _DIGIT.search(text, above.cells[0][0], above.cells[0][1]) is None
            and text[above.cells[0][1] - 1] not in ".:;,"
        ):
            out.add(i)
    return frozenset(out)


def _plain_table(
    doc: ExtractedText,
    region: list[int],
    header: list[_Line],
    rows: list[_Line],
    columns: list[tuple[int, int]],
    caption_lines: list[_Line],
    lines: list[_Line],
    after: int,
    codes: list[tuple[int, int]] = (),
) -> Table:
    text = doc.text
    labelled = any(not _is_number_cell(text, d.cells[0]) for d in rows)
    shift = 1 if labelled else 0  # column 0 holds the row labels where rows have them
    first_value = columns[0][0]
    cells: list[Cell] = []
    # Row 0 is always the header row; without one it stays empty. Stacked header lines are header rows.
    offset = 0 if header else 1
    wrapped = _wrapped_labels(text, rows)
    for r, line in enumerate(header + rows):
        is_data = r >= len(header)
        if is_data and r - len(header) + 1 in wrapped:
            continue  # the first line of a label that wraps onto the next row's line
        k = 0
        for c in line.cells:
            if not is_data and codes and _over_codes(codes, c):
                continue  # the header of the codes ("No."), which are no cells either
            if k == 0 and (not _is_number_cell(text, c) if is_data else c[3] <= first_value):
                col = 0  # a row label, the corner label of the header
                if is_data and r - len(header) in wrapped:
                    c = (rows[r - len(header) - 1].cells[0][0], *c[1:])  # "Administrative Office / of the Courts"
            else:
                col = _column(columns, c[2], c[3]) + shift
            cells.append(Cell(c[0], c[1], r + offset, col))
            k += 1
    parents = []
    stack: list[tuple[int, int]] = []  # (label column, row) of the rows of figures above, least indented first
    for r, line in enumerate(rows, start=len(header) + offset):
        if r - len(header) - offset + 1 in wrapped:
            continue  # (no row of its own: see above)
        c = line.cells[0]
        if _is_number_cell(text, c) or not _is_data_line(text, line):
            stack.clear()  # a group label ("Field operations") or a row without a label: no row above is a whole
            if not _is_number_cell(text, c) and len(line.cells) == 1:
                # ... but the rows indented under a group label are its parts ("Passengers (000)" over
                # "Ardcarrig   7,893   6,970"): what they count, and its scale
                stack.append((c[2], r))
            continue
        while stack and stack[-1][0] >= c[2]:
            stack.pop()
        if stack and c[2] - stack[-1][0] >= _INDENT:
            parents.append((r, stack[-1][1]))
        stack.append((c[2], r))
    table_lines = header + rows
    start = table_lines[0].cells[0][0]
    end = rows[-1].cells[-1][1]
    inside = frozenset(k for k in region if doc.blocks[k].start >= start and doc.blocks[k].end <= end)
    first_block = next(k for k in region if doc.blocks[k].end > start)
    # Notes: the next line of the region (rules skipped), then the blocks after it.
    notes = []
    rest = next((line for line in lines[after:] if not _is_rule_line(text, line)), None)
    if rest is not None:
        notes.append((rest.cells[0][0], rest.cells[-1][1]))
    last_block = max(k for k in region if doc.blocks[k].start < end)
    notes.extend(_notes(doc, last_block))
    if caption_lines:
        caption: tuple[int, int] | None = (caption_lines[0].cells[0][0], caption_lines[-1].cells[-1][1])
    elif doc.blocks[first_block].start >= start and first_block > 0:
        caption = _caption(doc, first_block)
    else:
        caption = None
    return Table(
        cells=tuple(sorted(cells, key=lambda c: (c.row, c.col, c.start))),
        start=start,
        end=end,
        first_block=first_block,
        blocks=inside,
        caption=caption,
        notes=tuple(notes),
        plain=True,
        parents=tuple(parents),
        labelled=labelled,
    )


_INDENT = 2  # columns a row label stands in from the one above to be a part of it


def _column(columns: list[tuple[int, int]], s: int, e: int) -> int:
    """The header column a cell at source columns [s, e) sits under: the most overlap, else the nearest."""
    best, best_overlap = None, 0
    for i, (cs, ce) in enumerate(columns):
        overlap = min(e, ce) - max(s, cs)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    if best is not None:
        return best
    middle = (s + e) / 2
    return min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - middle))


# --- Tables a PDF's text copy flattened to single spaces. -------------------------------------------

_SPACED_FIGURE = re.compile(SPACED_FIGURE)
# A column's period in a flattened header: "FY 2022", "FY24", "2023-24", "2022/23", "CY 2021", "2024"
_HEADER_PERIOD = re.compile(
    r"(?<![\w$])(?:(?:S?FY|CY)[ \t]?)?(?:19|20)\d\d(?:[-/–](?:(?:19|20)?\d\d))?(?![\w,])|(?<![\w$])S?FY[ \t]?\d\d(?![\w,])"
)
_SPACED_LABEL_MAX = 60  # a group label between the rows ("Operating revenues"); longer is prose
_SPACED_HEADER_MAX = 120


def _spaced_tables(doc: ExtractedText, taken: frozenset[int]) -> list[Table]:
    """Tables whose rows a PDF's text copy flattened to single spaces: lines of a label and as many figures each
    ("Fare revenue 68,211 71,540 74,002"), two rows or more on lines that follow each other, perhaps a group label
    between them, and perhaps a header over them that names the columns ("Line item FY 2022 FY 2023 FY 2024")."""
    if doc.kind == "html":
        return []
    text, blocks = doc.text, doc.blocks
    out = []
    i, n = 0, len(blocks)
    while i < n:
        if i in taken or blocks[i].kind != "paragraph" or not _spaced_row(doc, i):
            i += 1
            continue
        run = [i]  # the rows, group labels over and between them
        rows = [i]  # the rows alone
        width = len(_row_figures(text, blocks[i]))
        if (
            i > 1 and {i - 1, i - 2}.isdisjoint(taken) and blocks[i - 1].kind == "paragraph"
            and _next_line(doc, i - 1, i) and _is_group_label(text, blocks[i - 1])
            and _header_above(doc, i - 1, width) is None and _header_above(doc, i - 2, width) is not None
        ):
            run.insert(0, i - 1)  # a group label right under the header ("Operating revenues")
        j = i + 1
        while j < n and j not in taken and blocks[j].kind == "paragraph" and _next_line(doc, run[-1], j):
            if _spaced_row(doc, j):
                run.append(j)
                rows.append(j)
            elif j + 1 < n and _is_group_label(text, blocks[j]) and _spaced_row(doc, j + 1) and _next_line(doc, j, j + 1):
                run.append(j)
            else:
                break
            j += 1
        table = _spaced_table(doc, run, rows) if len(rows) >= 2 else None
        if table is not None:
            out.append(table)
        i = j
    return out


def _spaced_row(doc: ExtractedText, k: int) -> bool:
    b = doc.blocks[k]
    if _line_of(doc, b.start) != _line_of(doc, b.end - 1):
        return False
    if is_figures_row(doc.text, b.start, b.end):
        return True
    # "Transmission, distribution and" over "collection 71,904 70,115": a row whose label wrapped onto its line
    return (
        k > 0 and doc.text[b.start].islower() and _WRAPPED_ROW.fullmatch(doc.text, b.start, b.end) is not None
        and len(_row_figures(doc.text, b)) >= 2 and _is_group_label(doc.text, doc.blocks[k - 1])
        and doc.blocks[k - 1].kind == "paragraph" and _next_line(doc, k - 1, k)
    )


_WRAPPED_ROW = re.compile(r"[a-z][^\n\d]{0,60}?[A-Za-z)](?:[ \t]+" + SPACED_FIGURE + r"){2,12}[ \t]*")


def _next_line(doc: ExtractedText, above: int, below: int) -> bool:
    return _adjacent(doc, _line_of(doc, doc.blocks[above].end - 1), _line_of(doc, doc.blocks[below].start))


def _is_group_label(text: str, b: Block) -> bool:
    return (
        b.end - b.start <= _SPACED_LABEL_MAX
        and _DIGIT.search(text, b.start, b.end) is None
        and text[b.end - 1] not in ".!?:;,"  # ("The fleet at the end of the year:" leads in to the table)
    )


def _row_figures(text: str, b: Block) -> list[tuple[int, int]]:
    """The figures a flattened row ends with, left to right (the longest run of them)."""
    spans: list[tuple[int, int]] = []
    end = b.end
    while True:
        k = text.rfind(" ", b.start, end)
        if k < 0 or _SPACED_FIGURE.fullmatch(text, k + 1, end) is None:
            # ("$ 1,200": a currency sign set apart from its figure is part of it)
            if spans and k >= 0 and text[k + 1 : end] in ("$", "€", "£"):
                spans[-1] = (k + 1, spans[-1][1])
                end = k
                continue
            break
        spans.append((k + 1, end))
        end = k
    return spans[::-1]


def _spaced_table(doc: ExtractedText, run: list[int], rows: list[int]) -> Table | None:
    text, blocks = doc.text, doc.blocks
    figures = {k: _row_figures(text, blocks[k]) for k in rows}
    counts = sorted(len(f) for f in figures.values())
    width = counts[len(counts) // 2]  # most rows have as many figures as the table has columns
    cells: list[Cell] = []
    for r, k in enumerate(run, start=1):
        b = blocks[k]
        if k not in figures:
            cells.append(Cell(b.start, b.end, r, 0))
            continue
        spans = figures[k]
        if len(spans) < width:
            return None  # rows of unlike lengths: not one table
        # ("Section 5307 grants 12,000 13,000" has its number in the label: the figures are the last ``width``)
        label_end = spans[-width][0] - 1
        cells.append(Cell(b.start, label_end, r, 0))
        cells.extend(Cell(a, e, r, c) for c, (a, e) in enumerate(spans[-width:], start=1))
    first = run[0]
    above = _header_above(doc, first - 1, width) if first > 0 else None
    table_blocks = set(run)
    caption = _caption(doc, first) if first > 0 else None
    if above is not None:
        header, top = above
        cells = [attrs.evolve(c, row=c.row - header[-1].row) for c in header] + cells
        table_blocks.update(range(top, first))
        first = top
        caption = _caption(doc, first)
    elif caption is not None and len(_HEADER_PERIOD.findall(text, caption[0], caption[1])) >= 2:
        # a header whose columns cannot be told apart ("FY 2023 FY 2024 Actual Adopted Change Percent") is no
        # title either: what titles the table stands above it
        caption = _caption(doc, first - 1)
    last = run[-1]
    return Table(
        cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))),
        start=blocks[first].start,
        end=blocks[last].end,
        first_block=first,
        blocks=frozenset(table_blocks),
        caption=caption,
        notes=_notes(doc, last),
        plain=True,
        labelled=True,
    )


# A line under a flattened header that gives each column's unit: "$'000 $'000", "£m £m %", "(000s) (000s)"
_UNIT_TOKEN = re.compile(UNIT_TOKEN)


def _header_above(doc: ExtractedText, k: int, width: int) -> tuple[list[Cell], int] | None:
    """The header cells over a flattened table whose first row follows block ``k``, and the header's first block:
    the line ``k`` alone, or a line of periods over a line of units ("2023–24 2022–23" over "$'000 $'000"), the
    units a header row of their own under the periods."""
    if k < 0:
        return None
    units = _unit_line(doc, k, width)
    if units is not None and k > 0:
        above = _spaced_header(doc, k - 1, width)
        if above is not None:
            return above + [attrs.evolve(c, row=1) for c in units], k - 1
    header = _spaced_header(doc, k, width)
    return (header, k) if header is not None else None


def _unit_line(doc: ExtractedText, k: int, width: int) -> list[Cell] | None:
    """Block ``k`` as one unit a column, as many as the table has ("$'000 $'000"); None when it is not that."""
    text, b = doc.text, doc.blocks[k]
    if b.kind != "paragraph" or not _next_line(doc, k, k + 1):
        return None
    tokens = [m.span() for m in _TOKEN.finditer(text, b.start, b.end)]
    if len(tokens) != width or not all(_UNIT_TOKEN.fullmatch(text, a, e) for a, e in tokens):
        return None
    return [Cell(a, e, 0, c) for c, (a, e) in enumerate(tokens, start=1)]


def _spaced_header(doc: ExtractedText, k: int, width: int) -> list[Cell] | None:
    """The header cells of block ``k`` over a flattened table of ``width`` columns of figures, when its periods or
    its words tell the columns apart: "Line item FY 2022 FY 2023 FY 2024", "FY 2023 FY 2024 Change Percent",
    "Adopted Requested Change"; None when they do not ("Number of riders Share": which words head which column?)."""
    text, b = doc.text, doc.blocks[k]
    if (
        b.kind not in ("paragraph", "heading")
        or b.end - b.start > _SPACED_HEADER_MAX
        or not _next_line(doc, k, k + 1)
        or _line_of(doc, b.start) != _line_of(doc, b.end - 1)
        or text[b.end - 1] in ".!?:;,"
    ):
        return None
    anchors = [m.span() for m in _HEADER_PERIOD.finditer(text, b.start, b.end)]
    spans: list[tuple[int, int]] = []
    if anchors:
        # each period a column and each word after the first: "FY 2023 FY 2024 Change Percent", "2023/24 % 2022/23"
        spans = sorted(anchors + [
            m.span() for m in _TOKEN.finditer(text, anchors[0][1], b.end)
            if not any(a <= m.start() < e for a, e in anchors)
        ])
        if len(spans) != width:
            # else each column a period and the words after it, "FY 2022 Actual FY 2023 Budget", and a last word or
            # two after them columns of their own: "FY 2023 Actual FY 2024 Adopted FY 2025 Proposed Change"
            own = [m.span() for m in _TOKEN.finditer(text, anchors[-1][1], b.end)][1:]
            extra = width - len(anchors)
            tail = own[len(own) - extra :] if 0 < extra <= len(own) else []
            stop = tail[0][0] if tail else b.end
            spans = [(a, (anchors[x + 1][0] if x + 1 < len(anchors) else stop)) for x, (a, _) in enumerate(anchors)]
            spans += tail
    else:
        # one word a column, perhaps after a one-word corner label: "Adopted Requested Change", "Division Budgeted
        # Filled Vacant"
        spans = [m.span() for m in _TOKEN.finditer(text, b.start, b.end)]
        spans = spans[1:] if len(spans) == width + 1 else spans
        if any(not (text[a].isupper() or text[a] == "%") for a, _ in spans):
            return None  # "Staff by division": a title in words, not a word over each column
    if len(spans) != width:
        return None
    cells = [Cell(a, e, 0, c) for c, (a, e) in enumerate(((a, _rstrip(text, a, e)) for a, e in spans), start=1)]
    corner = (b.start, _rstrip(text, b.start, spans[0][0]))
    if corner[1] > corner[0]:
        cells.insert(0, Cell(corner[0], corner[1], 0, 0))
    return cells


def _rstrip(text: str, a: int, e: int) -> int:
    while e > a and text[e - 1].isspace():
        e -= 1
    return e


# --- Reading a table. ---------------------------------------------------------------------------

# A section's number before its title ("II. Summary of Budget Authority by Component"): where it is, not what
_SECTION_NUMBER = re.compile(r"^\s*(?:[IVX]{1,4}|\d{1,2})\.\s+(?=[A-Z])")
_TABLE_PREFIX = re.compile(r"^\s*(?:Table|Figure|Exhibit|Chart|Schedule)\s+[\w.-]+\s*[.:–—-]?\s*", re.IGNORECASE)
_SHARE_OF_IN_BRACKETS = re.compile(
    r"\((?:share|percent|percentage|per\s+cent)\s+of\s+(?:all\s+|the\s+)?(?P<topic>[^()]{2,40})\)", re.I
)
_BY = re.compile(r"^(?P<topic>.+?)\s+(?:by|per|for\s+each)\s+(?P<dim>[a-z][a-z /]*?)\s*$", re.IGNORECASE)
_LABEL_PUNCTUATION = re.compile(r"[()\[\]:;,*†‡]")
# ("All causes", "All ages", "All programs": the whole the other rows divide, as "Total" is; "All employees" counts)
_TOTAL = re.compile(
    r"^\s*(?:(?:grand\s+|sub-?)?total\b|all(?:\s+(?:causes|ages|races|sexes|types|kinds|categories|sources|programs"
    r"|funds|divisions|departments|regions|areas|grades|levels|offenses|crimes|conditions|services|units|other))?\s*$)",
    re.IGNORECASE,
)
_TRIM = re.compile(r"^[\s\W_]+|[\s\W_]+$")
_TRAILING_GLUE = re.compile(
    r"(?:\s+(?:at|as|in|for|of|on|during|by|and|the|end|start|beginning|close|through|from|to|since|between))+\s*$",
    re.IGNORECASE,
)
_ITEM_DIMS = frozenset(
    """program programs activity activities item items line account accounts category categories type types
    kind kinds function functions purpose purposes object class appropriation appropriations component components
    project projects service services product products offense offenses crime crimes source sources use uses
    fire fires crew aircraft vehicle vehicles measure measures indicator indicators""".split()
)
_SCOPE_DIMS = frozenset(
    """region regions state states district districts office offices field country countries location locations
    area areas sector sectors port ports city cities county counties site sites facility facilities airport
    airports station stations zone zones territory territories province provinces
    span spans grade grades band bands tier tiers age ages ranked level levels group groups sex gender race
    ethnicity status depot depots town towns market markets campus campuses museum museums
    hospital hospitals school schools institution institutions prison prisons estate estates borough boroughs ward
    wards""".split()
)


# A budget table's column of requested amounts, named without the word "requested".
_REQUEST_HEADER = re.compile(
    r"(?:(?:the\s+)?president'?s\s+)?(?:budget\s+)?request|(?:the\s+)?president'?s\s+budget"
    r"|(?:governor'?s\s+)?(?:recommended|recommendation|proposed)",
    re.IGNORECASE,
)
# A budget column named by the standing of its figures (besides the scopes "actual", "enacted" and "requested"):
# the year's figure as estimated, adopted or revised; the header adds nothing to what is counted.
_STANDING_HEADER = re.compile(
    r"(?:estimated?|adopted|approved|awarded|revised|amended|projected|projections?|forecast|audited|unaudited"
    r"|preliminary|baseline)",
    re.IGNORECASE,
)
_FUND_HEADER = re.compile(r"(?P<kind>total|unrestricted|restricted|endowment|designated)[ \t]+funds?", re.IGNORECASE)
# A day of the year in brackets after a label: when the count was taken, no word of what is counted.
_DAY_IN_BRACKETS = re.compile(
    rf"\(\s*(?:as\s+of\s+)?(?:{periods.MONTH_RE})\.?\s+\d{{1,2}}\s*\)", re.IGNORECASE
)
# "Visits by site, financial years ending 31 March": which day the years end on, no word of what is counted (a year
# written after it is a period, which the period module reads)
_YEARS_ENDING = re.compile(
    rf",?\s*\b(?:(?:financial|fiscal|reporting|calendar)\s+)?years?\s+(?:ending|ended|to)\s+"
    rf"(?:\d{{1,2}}\s+(?:{periods.MONTH_RE})|(?:{periods.MONTH_RE})\.?\s+\d{{1,2}})\b(?!,?\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_ACRONYM_IN_BRACKETS = re.compile(r"\(\s*([A-Z]{2,6})s?\s*\)")


def _spelled_acronyms(text: str) -> list[tuple[int, int]]:
    """Spans of bracketed acronyms that the words right before them spell: "Full-time equivalents (FTE)"."""
    spans = []
    for m in _ACRONYM_IN_BRACKETS.finditer(text):
        letters = m.group(1)
        words = re.split(r"[\s-]+", text[: m.start()].strip())[-len(letters) :]
        if len(words) == len(letters) and "".join(w[:1] for w in words).upper() == letters:
            spans.append(m.span())
    return spans


# Classification codes in brackets ("Heart disease (I00–I09, I11, I13, I20–I51)", "(ICD-10)"): no words of a measure.
_CODE = r"[A-Z]\d{2}(?:\.\d{1,2})?(?:\s*[–-]\s*[A-Z]?\d{2}(?:\.\d{1,2})?)?"
_CODES_IN_BRACKETS = re.compile(r"\(\s*(?:ICD-?\d+[^()]*|" + _CODE + r"(?:\s*,\s*" + _CODE + r")*)\s*\)")
_TARGET_HEADER = re.compile(r"(?:targets?|goals?)", re.IGNORECASE)
# A column of differences between other columns: "+/-", "Change", "FY 2024 vs. FY 2023", "Increase/Decrease".
_CHANGE_HEADER = re.compile(
    r"\+\s*/\s*[-–]|±|\bchanges?\b|\bdifference\b|\bincrease\s*/\s*\(?decrease\b|\bvs\.?(?!\w)|\bversus\b"
    # ("Decline from FY 2020", "Increase over 2022", "Growth"): a column of how far each row moved
    r"|\b(?:declines?|decreases?|increases?|growth|drops?|rises?|gains?|falls?)\b",
    re.IGNORECASE,
)
_FALL_HEADER = re.compile(r"\b(?:declines?|decreases?|drops?|falls?)\b(?!\s*/)", re.IGNORECASE)
_SHOUTED_WORD = re.compile(r"\b[A-Z][A-Z'-]{3,}\b")  # four letters or more
_SHOUTED_LONG_WORD = re.compile(r"\b[A-Z][A-Z'-]{4,}\b")  # five or more


def _unshout(words: str) -> str:
    """An all-capitals title ("BUDGET AUTHORITY") in lower case. Short words keep their capitals (acronyms:
    "FTE"), and so does a lone word of four letters ("FEMA")."""
    pattern = _SHOUTED_WORD if " " in words else _SHOUTED_LONG_WORD
    return _SHOUTED_GLUE.sub(lambda m: m.group(0).lower(), pattern.sub(lambda m: m.group(0).lower(), words))


# Short words that join a title's words, never an acronym between two of them: "EXPENDITURES AND FUNDING".
_SHOUTED_GLUE = re.compile(r"(?<=\s)(?:AND|OF|THE|FOR|BY|IN|ON|TO|AT|OR|PER)(?=\s)")


@attrs.frozen
class _Label:
    text: str
    words: str  # what is left once subjects, periods, scopes, scale and unit are taken out
    subject: str | None = None
    period: Period | None = None
    scopes: tuple[str, ...] = ()
    note: Note | None = None
    unit: str | None = None
    total: bool = False
    # A column header's measure and qualifier: "Flu vaccination coverage, adults 65 and older (%)" →
    # "Flu vaccination coverage", "adults 65 and older"; "Tests performed by the <lab> (all programs)" → "Tests".
    head: str = ""
    qualifier: str = ""


# Label text → its reading, shared by the tables of one page (read_table's ``labels``).
LabelMemo = dict[str, _Label]


def _read_label_once(
    doc: ExtractedText,
    span: tuple[int, int] | None,
    matcher: subjects.SubjectMatcher,
    vocab: measures.Vocabulary,
    fiscal_start: tuple[int, int],
    memo: LabelMemo,
) -> _Label:
    """_read_label, remembered by the label's text. What a label reads as depends on its text alone (its offsets
    are not kept) unless the subject matcher looks outside it, which it only does for text that lower-casing
    would shift: such a label is read afresh."""
    if span is None or span[0] >= span[1]:
        return _Label("", "")
    text = doc.text[span[0] : span[1]]
    if not matcher.reads_alone(text):
        return _read_label(doc, span, matcher, vocab, fiscal_start)
    found = memo.get(text)
    if found is None:
        found = memo[text] = _read_label(doc, span, matcher, vocab, fiscal_start)
    return found


def _read_label(
    doc: ExtractedText,
    span: tuple[int, int] | None,
    matcher: subjects.SubjectMatcher,
    vocab: measures.Vocabulary,
    fiscal_start: tuple[int, int],
) -> _Label:
    if span is None or span[0] >= span[1]:
        return _Label("", "")
    s, e = span
    # (a label that wraps onto a second line, "Administrative Office / of the Courts", reads as one line: the same
    # length, so that offsets into it stay those of the text)
    text = doc.text[s:e].replace("\n", " ")
    cut: list[tuple[int, int]] = []
    named = matcher.find(doc.text, s, e)
    subject = named[0].subject if named else None
    cut.extend((m.start - s, m.end - s) for m in named)
    cut.extend(m.span(1) for m in _NOTE_LETTER.finditer(text))  # "Monthly rate a [In millions]": a footnote's mark
    found = periods.find_periods(text, fiscal_start=fiscal_start)
    # (label_period(text) would run find_periods again: the same search, with the same result)
    period = found[0].period if found else periods.year_in_label(text)
    cut.extend((p.start, p.end) for p in found)
    if not found:
        # A year the period module reads alone, or a run of years it does not read ("SFY 2025-2030"): the header
        # names a time, its words are no measure. A year after a fiscal year's name is that fiscal year ("SFY 2025"
        # under a state's fiscal year; "FFY 2024", the federal one).
        spans = [m for m in _YEARS_IN_LABEL.finditer(text)]
        cut.extend(m.span() for m in spans)
        if periods.LABEL_MONTH.fullmatch(text):
            cut.append((0, len(text)))  # "Aug 2024": a month, no word of a measure
        if period is not None and len(spans) == 1 and spans[0].group("fy") and not spans[0].group("to"):
            federal = spans[0].group("fy").upper() == "FFY"
            period = periods.fiscal_year(int(spans[0].group("year")), (10, 1) if federal else fiscal_start)
        elif len(spans) == 1 and spans[0].group("to") and not spans[0].group("fy") and fiscal_start != (1, 1):
            # a column "2022-23" over "Actual" in a budget book: the organisation's fiscal year that ends in 2023
            split = _SPLIT_LABEL.fullmatch(spans[0].group(0).strip())
            if split is not None:
                first = int(split.group(1))
                if int(split.group(2)) % 100 == (first + 1) % 100:
                    period = periods.split_year_fiscal(first + 1, fiscal_start)
    if "end" in text:
        cut.extend(m.span() for m in _YEARS_ENDING.finditer(text))
    note = scale_note(text)
    note_unit = None
    if note is not None and note.span is not None:
        cut.append(note.span)
        of_unit = _NOTE_UNIT.match(text, note.span[1])
        if of_unit is not None and (note_unit := unit_of_word(of_unit.group(1))) is not None:
            cut.append(of_unit.span())  # "(in thousands of tonnes)": thousands, and tonnes
        unit_first = _UNIT_BEFORE_NOTE.search(text, 0, note.span[0]) if note_unit is None else None
        if unit_first is not None and (note_unit := unit_of_word(unit_first.group(1))) is not None:
            cut.append(unit_first.span(1))  # "(tonnes, in thousands)"
    if "(" in text:
        cut.extend(m.span() for m in _CURRENCY_IN_BRACKETS.finditer(text))  # "Foreign reserves (US$)": in what money
        cut.extend(m.span() for m in _DATA_STATUS.finditer(text))  # "2022 (final)": how far the figures are settled
        cut.extend(m.span() for m in _CONTINUED.finditer(text))  # "Table 2. Funding Sources (continued)": a page on
        cut.extend(m.span() for m in _DAY_IN_BRACKETS.finditer(text))  # "Vouchers leased (December 31)"
        cut.extend(m.span() for m in _CODES_IN_BRACKETS.finditer(text))  # "Cancer (C00–C97)"
        cut.extend(_spelled_acronyms(text))  # "Full-time equivalents (FTE)": the words say it already
    scopes: list[str] = []
    percent = [m.span() for m in _PERCENT_HEADER.finditer(text)]  # one scan: it has a match iff search finds one
    unit = "percent" if percent else note_unit
    cut.extend(percent)
    rate = rate_unit_in(text) if unit is None and "per" in text else None
    if rate is not None:
        unit = rate[0]  # "2021 rate per 100,000": the figures are per 100,000
        cut.append(rate[1:])
    for m in _UNIT_IN_BRACKETS.finditer(text):
        u = unit_of_word(m.group(1))
        if u is not None:
            unit = unit or u
            cut.append(m.span())
            if m.group("per"):
                scopes.append(measures.RATE_SCOPE[m.group("per")])  # "(hours/week)": hours in each week
    # A footnote mark after the words ("Full-time equivalents (FTE) 1/", "Grants a/") is no word of the label.
    if "/" in text:
        cut.extend(m.span() for m in _FOOTNOTE_MARK.finditer(text))
    names = [(m.start - s, m.end - s) for m in named]
    for m in vocab.scope_pattern.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in names):
            continue  # a scope word inside a name ("Harbor City International") is the name's
        scopes.append(vocab.scope_of(m.group(0)))
        cut.append(m.span())
    chars = list(text)
    for a, b in cut:
        chars[a:b] = " " * (b - a)
    kept = "".join(chars)
    kept = _SECTION_NUMBER.sub("", _TABLE_PREFIX.sub("", kept))
    head, qualifier = _head_and_qualifier(kept)
    kept = _LABEL_PUNCTUATION.sub(" ", kept)
    kept = _TRAILING_GLUE.sub("", " ".join(kept.split()))
    kept = _TRIM.sub("", kept)
    if _REQUEST_HEADER.fullmatch(kept):
        scopes.append("requested")  # "FY 2024 Request", "President's Budget": the amount requested
        kept = ""
    elif _STANDING_HEADER.fullmatch(kept):
        kept = ""  # "FY2023 Estimated", "FY2024 Adopted": which of the year's figures, not what is counted
    elif (fund := _FUND_HEADER.fullmatch(kept)) is not None:
        # a charity's statement of financial activities: "Total funds" is the row's whole figure; "Restricted
        # funds" the part of it given for a purpose
        if fund.group("kind").lower() != "total":
            scopes.append(fund.group("kind").lower())
        kept = ""
    elif _TARGET_HEADER.fullmatch(kept):
        scopes.append("target")  # "Target (2026–27)": a goal, never compared with what was done
        kept = ""
    if kept and not any(ch.islower() for ch in kept):
        kept = _unshout(kept)
    if unit == "percent" and kept[:3].lower() == "of " and len(kept) > 3:
        # "Percent of capacity": a share of what the configuration calls it, as "108.8 percent of capacity" in prose
        kept = measures.share_of(measures.normalise(kept[3:], vocab)[0] or kept[3:], vocab)
    if unit is None:
        words = kept.split(" ", 2) if kept else [""]
        # ("Average days to issue a refund": the average is in days)
        first = words[1] if len(words) > 2 and words[0].lower() in _STATISTIC else words[0]
        u = unit_of_word(first)
        if u is not None and u not in ("percent",) and len(kept.split()) > 1 and not _DAYS_WITH_LABEL.match(kept):
            unit = u  # "Acres burned": the figures are acres (but "Days with unhealthy air" counts days)
        elif u is None and kept.lower().endswith((" hours", " hrs")):
            unit = "hours"  # "Flight hours", "Vessel underway hours": the figures are hours
        elif u is None and unit_of_word(" ".join(kept.split()[:2])) == "days":
            unit = "days"  # "Patrol days at sea": the figures are days of a kind, as in prose
    if kept and period is None and note is None and unit is None and not scopes:
        whole = " ".join(text.split())
        if whole != kept and measures.fold(whole) in vocab.synonyms:
            # "Tuition and fees (net)", "Total revenue" (with "Total" a subject's alias): a measure the configuration
            # names as written, brackets and all
            kept = whole
    total = bool(_TOTAL.match(kept))
    return _Label(text, kept, subject, period, tuple(scopes), note, unit, total, head, qualifier)


def _without_explanation(row: _Label) -> _Label:
    """A row label without its explanation in brackets: "Retirement (retired workers and dependents)" → "retirement"."""
    if "(" not in row.text or not row.words:
        return row
    m = _EXPLANATION.search(row.text)
    if m is None:
        return row
    inner = " ".join(m.group(0).strip()[1:-1].split())
    at = row.words.find(inner)
    if at < 0:
        return row
    words = _clean_words(row.words[:at] + " " + row.words[at + len(inner) :])
    return attrs.evolve(row, words=words) if words else row


_FOOTNOTE_MARK = re.compile(r"(?<=\S)\s+(?:\d{1,2}|[a-z])/(?=\s|$)")
# An explanation in brackets after a row's name: words in lower case, two or more ("Retirement (retired workers and
# dependents)"). It says who the row counts, it is no part of what is counted; a unit, an acronym or one word in
# brackets ("(FTE)", "(net)", "(days)") stays as it is read.
_EXPLANATION = re.compile(r"\s*\((?=[a-z])[a-z'-]+(?:\s+[a-z'-]+)+\)")


# A year in a label, perhaps after the name of its kind of year, perhaps running to another ("SFY 2025-2030").
_FULL_DATE = re.compile(
    rf"\b\d{{1,2}}\s+(?:{periods.MONTH_RE})\.?\s+(?:19|20)\d\d\b|\b(?:{periods.MONTH_RE})\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_COMMA_NAME = re.compile(r",[ \t]+[A-Z][a-z]")
_CONTINUED = re.compile(r"\(\s*(?:continued|cont(?:['’]d|\.))\s*\)", re.IGNORECASE)


_PER_PERIOD = frozenset(("monthly", "weekly", "quarterly"))
_YTD_HEADER = re.compile(r"\s*(?:YTD|year[ -]to[ -]date|year so far)\s*", re.IGNORECASE)
_MONTH_LABEL = re.compile(r"\d{4}-\d{2}")


def _year_to_date(col_labels: dict[int, _Label], col: int) -> Period | None:
    """A year-to-date column's period: its calendar year's start to the end of the latest month the columns before
    it head; None when they head no months."""
    months = [lab.period for c, lab in col_labels.items() if c < col and lab.period and _MONTH_LABEL.fullmatch(lab.period.label)]
    if not months:
        return None
    end = max(p.end for p in months)
    return Period(f"{end.year} to {end.isoformat()}", end.replace(month=1, day=1), end)


def _not_a_heading(text: str, cell: Cell) -> bool:
    """A key-value table's first value cell that no column heading would be: a day, or a place named after a comma
    ("Kessler and Dunmore counties, Oregon"; "Seizures, 2023" and "Budget, completed years" head columns)."""
    body = text[cell.start : cell.end]
    return _FULL_DATE.search(body) is not None or (_DIGIT.search(body) is None and _COMMA_NAME.search(body) is not None)



# ("2021–2022" is two calendar years; "2023/24", a British financial year, is one)
_SPLIT_LABEL = re.compile(r"((?:19|20)\d{2})\s?[-–/]\s?(\d{2})")
_YEARS_IN_LABEL = re.compile(
    r"(?:\b(?P<fy>[SF]FY|FY|CY)\s?)?(?<![\w.,])(?P<year>(?:19|20)\d{2})"
    r"(?P<to>\s?[-–/]\s?(?:19|20)?\d{2}(?!\d))?(?![\w.,])",
    re.IGNORECASE,
)


# Where a header's measure ends: a comma or bracket before its qualifier, or a participle before the subject that
# did it, taken out ("Tests performed by the <lab>"; not "Acres burned by wildfire").
_HEAD_END = re.compile(r"[,(\[;:]|\s\w+ed\s+by(?:\s+the)?\s*(?=$|[,(\[;:])", re.IGNORECASE)
_LEADING_TOTAL = re.compile(r"^total\s+(?=\w)", re.IGNORECASE)


def _clean_words(words: str) -> str:
    words = _LABEL_PUNCTUATION.sub(" ", words)
    return _TRIM.sub("", _TRAILING_GLUE.sub("", " ".join(words.split())))


def _head_and_qualifier(kept: str) -> tuple[str, str]:
    """A header's measure (before its first comma, bracket or "… by") and the qualifier after a comma."""
    m = _HEAD_END.search(kept)
    if m is None:
        return "", ""
    head = _LEADING_TOTAL.sub("", _clean_words(kept[: m.start()]))
    qualifier = ""
    if m.group(0) == ",":
        rest = kept[m.end() :]
        qualifier = _clean_words(_HEAD_END.split(rest, 1)[0])
    if head and not any(ch.islower() for ch in head):
        head = _unshout(head)
    return head, qualifier


def _topic(label: _Label) -> tuple[str, str | None]:
    """("budget authority", "program") for "Table 1. Budget authority by program ($ in thousands)"."""
    words = _SUMMARY_OF.sub("", label.words)
    top = _TOP_N.match(words)
    if top is not None:
        # "The ten airports with the most firearm finds": each row is one of the ranked, a scope of the topic
        return top.group("topic").strip(), "ranked"
    m = _BY.match(words)
    if m:
        return m.group("topic").strip(), m.group("dim").strip().lower()
    return words, None


# "The ten airports with the most firearm finds (in 2023)", "Top 5 ports by cargo tonnage": rows ranked by what the
# figures count
_TOP_N = re.compile(
    r"^(?:the\s+)?(?:top\s+)?(?:\d{1,3}|five|ten|fifteen|twenty|fifty)\s+(?P<dim>[a-z]+)\s+"
    r"(?:with\s+the\s+(?:most|highest|largest|greatest|busiest)|by)\s+(?P<topic>[a-z][a-z -]*?)\s*$",
    re.IGNORECASE,
)
_TABLE_KIND = re.compile(
    r"(?:summary|overview|breakdown|comparison"
    # an accounts statement's title ("Consolidated statement of financial activities (incorporating an income and
    # expenditure account) for the year ended 31 March 2024"): which statement, not what a row counts
    r"|(?:consolidated[ \t]+|group[ \t]+)?statement[ \t]+of[ \t]+(?:financial[ \t]+(?:activities|position|performance)"
    r"|comprehensive[ \t]+(?:income|revenue[ \t]+and[ \t]+expense)|cash[ \t]+flows|changes[ \t]+in[ \t]+\w+"
    r"|activities|operations|income)\b.*)",
    re.IGNORECASE,
)
# "Summary of Appropriations": a title that says what kind of table it is before its topic.
_SUMMARY_OF = re.compile(r"^(?:summary|overview|breakdown|comparison)\s+of\s+(?:the\s+)?(?=\w)", re.IGNORECASE)


_RANK_HEADER = re.compile(r"\s*(?:rank(?:ing)?|#|no\.?|place)\s*(?:\(?\s*(?:19|20)\d\d\s*\)?)?\s*", re.IGNORECASE)


def _filled(text: str, cell: Cell | None) -> bool:
    """Whether a cell holds any word or figure."""
    return cell is not None and any(ch.isalnum() for ch in text[cell.start : cell.end])


def _header_text(text: str, rows: dict, header_rows: list[int], col: int) -> str:
    """The words of a column's own header cells, top to bottom."""
    return " ".join(text[rows[r][col].start : rows[r][col].end] for r in header_rows if col in rows[r])


def scope_breakdown(words: str) -> str | None:
    """The topic of a heading that splits it by a scope ("Inmates by sex", "INMATES BY SECURITY LEVEL" → "inmates"):
    what the labelled figures under it count; None for any other heading."""
    share = _SHARE_OF_IN_BRACKETS.search(words)
    if share is not None:
        # "WHERE THEY SERVE (share of volunteers abroad)": the labelled shares under it are shares of those
        return "share of " + " ".join(share.group("topic").lower().split())
    m = _BY.match(" ".join(words.split()).strip(" :"))
    if m is None or _dimension(m.group("dim")) != "scope":
        return None
    topic = m.group("topic").strip()
    return _unshout(topic) if not any(ch.islower() for ch in topic) else topic


def _dimension(dim: str | None) -> str | None:
    if not dim:
        return None
    last = dim.split()[-1].lower()
    if last in _SCOPE_DIMS:
        return "scope"
    if last in _ITEM_DIMS or dim.lower() in _ITEM_DIMS:
        return "item"
    if last in ("year", "years", "month", "months", "quarter", "quarters", "period", "date"):
        return "time"
    if last in ("unit", "units", "division", "divisions", "directorate", "agency", "agencies", "bureau", "program"):
        return "unit"
    return None


def read_table(
    doc: ExtractedText,
    table: Table,
    matcher: subjects.SubjectMatcher,
    vocab: measures.Vocabulary,
    qsettings: QuantitySettings,
    *,
    fiscal_start: tuple[int, int] = (10, 1),
    heading: tuple[int, int] | None = None,
    labels: LabelMemo | None = None,
) -> list[Figure]:
    """Each figure of ``table`` with the subject, measure, scopes and period its labels give it, scaled by
    the notes of its caption, headers or the lines after it. ``labels``: label reads to share between the tables
    of one document (read with the same matcher, vocabulary and fiscal year), which repeat their headers."""
    text = doc.text
    memo: LabelMemo = {} if labels is None else labels

    def label(span: tuple[int, int] | None) -> _Label:
        return _read_label_once(doc, span, matcher, vocab, fiscal_start, memo)

    rows: dict[int, dict[int, Cell]] = {}
    for c in table.cells:
        rows.setdefault(c.row, {})[c.col] = c
    found: dict[tuple[int, int], list[QuantityMention]] = {}
    negatives: set[tuple[int, int]] = set()
    for c in table.cells:
        body = text[c.start : c.end]
        if " " in body and _SPACE_GROUPED_CELL.fullmatch(body):
            # "31 640", "EUR 24 340 000": a cell's one figure, its thousands grouped by plain spaces (read with
            # narrow ones, the same length)
            body = _GROUP_SPACE.sub("\u202f", body)
        qs = find_quantities(body, qsettings)
        if not qs and "(" in body and (negative := _NEGATIVE_CELL.fullmatch(body)) is not None:
            # "(312)": an accounts table's loss, its size the figure in the brackets (see _negative)
            qs = [_shifted(m, negative.start("n")) for m in find_quantities(negative.group("n"), qsettings)]
            negatives.add((c.row, c.col))
        if qs:
            found[(c.row, c.col)] = qs
    # Header rows: the leading rows without figures in digits outside the label column ("Acres burned
    # (thousands)" is a header, whatever "thousands" reads as).
    order = sorted(rows)
    header_rows = []
    worded = False  # a header row taken with figures inside its words
    # An infobox (a key | value table under a title row with an empty value cell): "Founded | 3 March 1921" and
    # "Crest |" are rows of their own, never a header that names every figure under them.
    keyed = max(col for r in rows.values() for col in r) <= 1
    infobox = keyed and not _filled(text, rows[order[0]].get(1))
    for r in order:
        if infobox and r != order[0]:
            break
        if header_rows and set(rows[r]) == {0} and not keyed:
            break  # "Revenue" alone under the column headers: a group of the rows, no header over the figures
        if keyed and _filled(text, rows[r].get(0)) and _filled(text, rows[r].get(1)) and (
            r != order[0] or _not_a_heading(text, rows[r][1])
        ):
            # "Founded | 3 March 1921": a key and its value (first or not: a column's heading names no day, and
            # no place, "Locale | Kessler and Dunmore counties, Oregon")
            break
        figured = [c for col, c in rows[r].items() if col > 0 and _has_digit_figure(text, c, found.get((r, col)))]
        # (a figure with its breakdown in brackets has words around its figures too, but it is data)
        if figured and not (
            r == order[0]
            and all(_is_worded(text, c) and _breakdown(text, c, found[(r, c.col)]) is None for c in figured)
        ):
            break
        worded = worded or bool(figured)
        header_rows.append(r)
    if worded and len(header_rows) == len(order):
        header_rows = []  # every row reads as words with figures: a table of sentences, not a header over data
    for r in header_rows:
        for col in rows[r]:
            found.pop((r, col), None)
    data_rows = [r for r in order if r not in header_rows]
    if not data_rows or not header_rows and len(data_rows) < 2:
        return []
    # "Rank | Airport | 2023": a row's place in the list is no amount of anything, and the names after it label the rows
    ranks = {col for r in header_rows for col in rows[r] if _RANK_HEADER.fullmatch(_header_text(text, rows, header_rows, col))}
    for r in data_rows:
        for col in ranks:
            found.pop((r, col), None)
    first = 1 if 0 in ranks else 0
    # "Indicator | Latest figure | Period": a column that dates each row's figures ("at 30 June 2023", "December 2023
    # quarter"); it states nothing itself
    row_periods: dict[int, Period] = {}
    for col in {col for r in header_rows for col in rows[r]} - {0, first}:
        if not _PERIOD_HEADER.fullmatch(" ".join(_header_text(text, rows, header_rows, col).split())):
            continue
        for r in data_rows:
            found.pop((r, col), None)
            cell = rows[r].get(col)
            dated = periods.find_periods(text[cell.start : cell.end], fiscal_start=fiscal_start) if cell else []
            if dated:
                row_periods[r] = dated[0].period
    label_col = (
        first if table.labelled or any(first in rows[r] and (r, first) not in found for r in data_rows) else None
    )
    if label_col is None and header_rows and 0 in rows[header_rows[0]] and len(rows[header_rows[0]]) > 1:
        corner_cell = rows[header_rows[0]][0]
        if _dimension(" ".join(text[corner_cell.start : corner_cell.end].split())) in ("scope", "unit"):
            # "Age band | Firefighters" over "18–24 | 3,410": the first column's figures name its rows
            label_col = 0
            for r in data_rows:
                found.pop((r, 0), None)

    def heads_labels(r: int) -> bool:
        cell = rows[r][label_col]
        return _dimension(" ".join(text[cell.start : cell.end].split())) is not None

    def header_span(col: int) -> list[tuple[int, int]]:
        spans = []
        for r in header_rows:
            # (a header cell spans the columns to its right up to the next one, but the row labels' own header,
            # "Component" over the names, spans none: it heads the labels, not the figures)
            left = [c for c in rows[r] if c <= col and (c != label_col or col == label_col or not heads_labels(r))]
            if left:
                cell = rows[r][max(left)]
                spans.append((cell.start, cell.end))
        return spans

    caption = label(table.caption)
    head = label(heading) if heading else _Label("", "")
    topic, dim = _topic(caption)
    if not topic or caption.words == "":
        topic, dim = _topic(head)
    if _TABLE_KIND.fullmatch(topic):
        topic = ""  # "Summary by fund source and unit": what kind of table, not what it counts
    money = _names_money(caption) or (not caption.words and _names_money(head))
    if not topic and money and dim is not None:
        topic = "budget"  # dollars cut by fund source, unit or program, under no other name: a budget's amounts
    corner = label(header_span(0)[0]) if header_rows and 0 in rows[header_rows[0]] else None
    if dim is None and corner is not None:
        dim = corner.words.lower() or None
    kind = _dimension(dim)
    notes = [_own_note(text[s:e], caption.text) for s, e in table.notes]
    table_note = (
        caption.note or next((n for n in notes if n is not None), None) or head.note
        or (corner.note if corner is not None else None)  # "Line item ($ in thousands) | FY 2022 | …"
    )
    table_period = caption.period or head.period
    fiscal = (
        _speaks_fiscal(caption) or _speaks_fiscal(head) or _opens_fiscal(doc)
        or _years_end_fiscal(caption.text, fiscal_start)
    )
    table_subject = caption.subject or head.subject
    # A table of money: its title names what a budget counts ("Expenditures and funding (in thousands)"), so a
    # scale note without a currency scales dollars. (The rows of any table that name money are money too.)

    figures: list[Figure] = []
    parents = dict(table.parents)
    col_labels: dict[int, _Label] = {}
    value_cols = sorted({col for r in data_rows for col in rows[r] if col != label_col and (r, col) in found})
    for col in value_cols:
        col_labels[col] = _column_label([label(sp) for sp in header_span(col)], topic)
    # Value columns whose headers name different things ("Cases", "Tests", "Coverage (%)"): each header's own
    # measure, without its qualifier (a scope) or who reported it.
    named = len({lab.words.lower() for lab in col_labels.values() if lab.words}) > 1
    if named:
        for col, lab in col_labels.items():
            if lab.head:
                col_labels[col] = attrs.evolve(
                    lab, words=lab.head, scopes=lab.scopes + ((lab.qualifier.lower(),) if lab.qualifier else ())
                )


    if kind is None and any(_COUNT_OF.match(lab.words) for lab in col_labels.values()):
        # "Retired workers", "Spouses" beside a "Number of beneficiaries" column: the rows split those counted (and
        # the other columns' amounts) into groups, as regions or grades would; each row a scope, not a measure
        kind = "scope"
    # A column of money ("FY 2025 Budget") under a scale note without a currency makes the table's figures
    # dollars, its plan and total columns too.
    money_cols = any(_names_money(lab) for lab in col_labels.values())
    # "(cost in KSh million)", "(food packs and families in thousands; cost in ₱ millions)": notes that say which
    # columns they scale
    own_notes = _notes_by_column(caption.text) if "(" in caption.text else []
    # A column whose first figure carries a currency sign ("$120,882" over "100,515", "98,181"), as financial
    # tables print it, is of money throughout (not a key | value box, whose figures count different things).
    signed_cols: dict[int, str] = {}
    if not keyed:
        for col in value_cols:
            column = [m.quantity.unit for r in data_rows for m in found.get((r, col), ())]
            if column and column[0] not in ("count", "percent") and len(set(column) - {"count"}) == 1:
                signed_cols[col] = column[0]

    def latest(change_col: int) -> Period | None:
        """The period a change column runs to: the latest of the other columns' periods (not the year its
        header counts from, "Change from 2022")."""
        ends = [
            lab.period
            for col, lab in col_labels.items()
            if col != change_col and lab.period is not None and not _CHANGE_HEADER.search(lab.text)
        ]
        return max(ends, key=lambda p: (p.end, p.start)) if ends else None

    counted_groups: set[int] = set()  # group label rows whose rows only name whose figures they are
    header_words = {" ".join(_header_text(text, rows, header_rows, col).lower().split()) for col in cols} if (
        header_rows and (cols := {col for hr in header_rows for col in rows[hr]})
    ) else set()
    for r in data_rows:
        row_cell = rows[r].get(label_col) if label_col is not None else None
        row = label((row_cell.start, row_cell.end) if row_cell else None)
        part_of = None  # the row this one is a part of, when that row names a measure
        # A group label over rows that only name whose figures they are ("Passengers (000)" over "Ardcarrig" and
        # "Lisdrum West") says what they count, and the group's total row is of it too; over rows that name kinds
        # ("By fund" over "General Fund") it is only a heading.
        parent = parents.get(r)
        is_group = parent is not None and not any((parent, col) in found for col in rows[parent] if col != label_col)
        grouped = is_group and (
            (row.subject is not None and not row.words) or (row.total and parent in counted_groups)
        )
        if grouped:
            counted_groups.add(parent)
        if (grouped or (parent is not None and not is_group and not row.total)) and (
            label_col is not None and label_col in rows[parent]
        ):
            whole = rows[parent][label_col]
            part_of = label((whole.start, whole.end))
            if not part_of.words or part_of.total:
                part_of = None
        if row.qualifier and _PLAIN_HEAD.search(row.head) and (
            _NAMED_QUALIFIER.fullmatch(row.qualifier) or _PLACES_OF.search(row.qualifier)
        ):
            # "Toll revenue, Narrows Bridge": the name after the comma says what the figure is of (a facility, a
            # place), a scope; the measure is what comes before it
            row = attrs.evolve(row, words=row.head, scopes=row.scopes + (row.qualifier.lower(),))
        if part_of is not None:
            part = (row.words.lower(),) if row.words and not row.total else ()
            row = attrs.evolve(
                row, words=part_of.words, scopes=row.scopes + part, total=False,
                note=row.note or (part_of.note if grouped else None),
                unit=row.unit or (part_of.unit if grouped else None),
            )
        row = _without_explanation(row)
        if (every := _ALL_OF.fullmatch(row.words)) is not None and every.group(1).lower() in header_words:
            # "All vessels" beside a "Vessels" column: every row's, so each column's figure counts what its header says
            row = attrs.evolve(row, words="", head="")
        headcount = _HEADCOUNT_ROW.match(row.words) is not None  # "FTE" under "(dollars in thousands)": people
        for col in sorted(rows[r]):
            if col == label_col or (r, col) not in found:
                continue
            col_label = col_labels.get(col)
            if col_label is None:
                spans = header_span(col)
                col_label = col_labels[col] = _column_label([label(sp) for sp in spans], topic)
            if _NAMING_COLUMN.search(col_label.text) is not None:
                continue  # "TV channel", "Licence no.", "Phone": numbers that name things, no figures
            if _OF_WHICH.match(col_label.words) and col - 1 in col_labels and col - 1 != label_col:
                # "Tonnes handled | of which Ardcarrig": the part of the column before that the name has
                whole = col_labels[col - 1]
                col_label = attrs.evolve(
                    col_label, words=whole.words, unit=col_label.unit or whole.unit, note=col_label.note or whole.note
                )
            change = _CHANGE_HEADER.search(col_label.text) is not None
            cell = rows[r][col]
            parts = _breakdown(text, cell, found[(r, col)]) or _items(text, cell, found[(r, col)])
            for i, m in enumerate(found[(r, col)]):
                item = _Label("", "")
                if parts is not None and i > 0:
                    if not parts[i]:
                        continue  # a bare figure in the brackets ("72 (48, 14, 10)"): nothing says what it counts
                    item = _Label(parts[i], parts[i])
                note = row.note if headcount else col_label.note or row.note or table_note
                own = next((n for whats, n in own_notes if any(w in col_label.text.lower() for w in whats)), None)
                if own is not None and note is table_note:
                    note = own
                if note is table_note and note is not None and note.currency and (
                    col_label.unit not in (None, "percent")
                    or (money_cols and _COUNTED_COLUMN.fullmatch(col_label.words) or own_notes)
                    and not (_names_money(col_label) or _names_money(row))
                ):
                    # "Vessels" and "Area (km²)" beside "Fee income" under "… (NOK thousands)": the note is the
                    # money's; the vessels are counted one by one, the area is in its own unit
                    note = None
                if (
                    note is not None and note.currency is None and not headcount and note is not own
                    and (money or _names_money(row) or (money_cols and not _HEADCOUNT_ROW.match(col_label.words)))
                ):
                    note = attrs.evolve(note, currency="USD")  # "(in thousands)" over a budget's lines: dollars
                if "percent" in (col_label.unit, row.unit):
                    note = None  # a "%" column beside "(£000)" columns: shares, in no thousands of pounds
                mention = _scaled(m, cell.start, text, note, qsettings)
                unit = col_label.unit or row.unit or caption.unit or (None if headcount else signed_cols.get(col))
                if unit and mention.quantity.unit == "count":
                    mention = attrs.evolve(mention, quantity=attrs.evolve(mention.quantity, unit=unit))
                subject = row.subject or col_label.subject or table_subject
                period = (
                    _bracketed_period(text, cell, m, fiscal_start) or row_periods.get(r) or col_label.period
                    or row.period or table_period
                )
                scopes = list(col_label.scopes) + list(row.scopes) + list(caption.scopes)
                to_date = _year_to_date(col_labels, col) if _YTD_HEADER.fullmatch(col_label.text) else None
                if to_date is not None:
                    # "Jan 2024 | Feb 2024 | Mar 2024 | YTD": the year so far, through the last month's end (not a
                    # month's figure, whatever the title says: "Monthly figures, 2024"), unless the title says which
                    # year so far ("YTD = April to September 2024")
                    period = period if period is not None and " to " in period.label else to_date
                    scopes = [x for x in scopes if x not in caption.scopes or x not in _PER_PERIOD]
                    measure = _measure(row, _Label("", ""), topic, kind, scopes)
                elif change:
                    # "Change", "+/-", "FY 2024 vs. FY 2023": how much the row's figure moved to the latest column's
                    # period, named as prose names a change ("an increase of $70.6 million": "request increase"), so
                    # the changes of two rows never meet and a table's change meets the text's.
                    period = latest(col) or row.period or table_period
                    # (what moved is what the row counts in the columns before: "Boardings, FY 2021" beside
                    # "Decline from FY 2020")
                    sibling = next(
                        (lab for c, lab in sorted(col_labels.items()) if c < col and not _CHANGE_HEADER.search(lab.text)),
                        None,
                    )
                    base = _Label("", "") if sibling is None else attrs.evolve(sibling, period=None)
                    moved = _measure(row, base, topic, kind, scopes)
                    direction = _direction(text, cell.start, m)
                    if direction == "increase" and _FALL_HEADER.search(col_label.text):
                        direction = "decrease"  # "Decline from FY 2020 | 24%": a fall, its size unsigned
                    measure = f"{moved} {direction}" if moved else direction
                elif item.words:
                    # "72 (48 elementary, 14 middle and 10 high schools)": a part of the row's figure, counted by
                    # its own words, the list's noun or else the row's ("6,100 (900 part-time)": part-time employees)
                    words = f"{item.words} {row.words}".strip() if _kind_only(item.words) else item.words
                    measure = _measure(attrs.evolve(row, words=words), col_label, topic, kind, scopes)
                else:
                    measure = _measure(row, col_label, topic, kind, scopes)
                if (r, col) in negatives:
                    measure = _negative(measure)
                else:
                    measure = _side(measure, negative=False) or measure  # "profit/(loss)" over a profit
                if fiscal and period is not None and _CALENDAR_YEAR.fullmatch(period.label):
                    period = periods.fiscal_year(int(period.label), fiscal_start)  # "2021" under a FY title
                figures.append(
                    Figure(mention, row.text, col_label.text, subject, measure, tuple(dict.fromkeys(scopes)), period)
                )
    return figures


_OF_WHICH = re.compile(r"of[ \t]+which\b", re.IGNORECASE)
# A column of numbers that name things: a channel, a frequency, a licence, a code, a telephone
_NAMING_COLUMN = re.compile(
    r"\b(?:channels?|frequency|frequencies|call[ \t]+signs?|(?:licen[cs]e|site|station|gauge|ref|reference|account|"
    r"consent|case|file|docket|permit)[ \t]+(?:no\.?|numbers?|#)|codes?|ID|"
    r"(?:tele)?phone(?:[ \t]+(?:no\.?|numbers?))?|fax|zip(?:[ \t]+code)?|post(?:al)?[ \t]*code|ext(?:ension|\.)?"
    # ("Note" beside "2023" and "2022" in accounts: the note that explains the row)
    r"|\A[ \t]*note(?:[ \t]+(?:no\.?|ref\.?))?)[ \t]*\Z",
    re.IGNORECASE,
)


# A cell's figure dated in brackets after it, the cell's last words: an infobox's "9,400 (2019)", "$3.2 billion
# (FY2018)", "61,000 (as of June 2023)".
_BRACKET_AFTER = re.compile(r"[ \t\u00a0]*\((?P<inner>[^()\n]{4,40})\)[ \t\u00a0]*(?:\[\w{1,3}\][ \t\u00a0]*)*\Z")
_YEAR_ALONE = re.compile(r"[ \t\u00a0]*((?:19|20)[0-9]{2})(?:[ \t\u00a0,]+est(?:\.|imated?|imate))?[ \t\u00a0]*", re.I)
_BRACKET_WORDS = re.compile(r"(?:as[ \t\u00a0]+(?:of|at)|in|for|est\.?|estimated?|[ \t\u00a0,.])*", re.IGNORECASE)


def _bracketed_period(text: str, cell: Cell, m: QuantityMention, fiscal_start: tuple[int, int]) -> Period | None:
    """The period in brackets after the cell's figure ``m`` (offsets in the cell) that ends the cell, if any."""
    if text.find("(", cell.start + m.end, cell.end) < 0:
        return None
    b = _BRACKET_AFTER.match(text[cell.start + m.end : cell.end])
    if b is None:
        return None
    inner = b.group("inner")
    found = periods.find_periods(inner, fiscal_start=fiscal_start)
    if not found:
        year = _YEAR_ALONE.fullmatch(inner)  # "(2019)", "(2019 est.)"
        return periods.calendar_year(int(year.group(1))) if year else None
    if len(found) != 1 or not found[0].explicit:
        return None
    # nothing but the period and "as of", "est." around it ("(up 4% from 2019)" is a change, not a date)
    rest = inner[: found[0].start] + " " + inner[found[0].end :]
    return found[0].period if _BRACKET_WORDS.fullmatch(rest) else None


_TABLE_NUMBER = re.compile(r"\bTable\s+(\d+[A-Za-z]?(?:[.-]\d+)*)", re.IGNORECASE)


def _own_note(note: str, caption: str) -> Note | None:
    """The scale a note after a table gives it, unless the note names another table ("Amounts in Table 2 are in
    millions of dollars." under Table 3)."""
    found = scale_note(note)
    if found is None:
        return None
    named = {m.group(1) for m in _TABLE_NUMBER.finditer(note)}
    own = _TABLE_NUMBER.match(caption.strip())
    return None if named and own is not None and own.group(1) not in named else found


_MINUS = frozenset("-–—−(")


_DAYS_WITH_LABEL = re.compile(r"(?:days|weeks|months|nights)\s+(?:with|on\s+which|when)\b", re.IGNORECASE)


def _direction(text: str, cell_start: int, m: QuantityMention) -> str:
    """A change column's figure: "increase" ("+145.2", "45.2"), "decrease" ("-12.0", "(12.0)") or, for
    nothing moved, "change"."""
    before = text[cell_start : cell_start + m.start].replace("$", "").rstrip()
    if before and before[-1] in _MINUS:
        return "decrease"
    return "change" if m.quantity.stated == 0 else "increase"


# A cell's figure followed by its parts in brackets: "72 (48 elementary, 14 middle and 10 high schools)",
# "6,100 (including 900 part-time)". Up to three words may name the figure's unit before the bracket.
_BREAKDOWN_OPEN = re.compile(
    r"\s*(?:[^\W\d_][\w'-]*\s+){0,3}\(\s*(?:(?:including|incl\.|of\s+which|with)\s+)?", re.IGNORECASE
)
# What joins one part to the next ("48 elementary, 14 middle and 10 …") or closes the list.
_PART_GLUE = re.compile(r"(?:\s*[,;]\s*|\s+)(?:(?:and|or|plus)\s+)?$|\s*\)[\s.]*$", re.IGNORECASE)


def _breakdown(text: str, cell: Cell, mentions: list[QuantityMention]) -> list[str] | None:
    """The words of each figure of a cell that holds a figure and its breakdown in brackets ("72 (48 elementary,
    14 middle and 10 high schools)": "", "elementary", "middle", "high schools"), the last part's noun given to the
    parts before it that name only a kind ("elementary schools"); None for any other cell."""
    own = text[cell.start : cell.end]
    if len(mentions) < 2 or own[: mentions[0].start].strip():
        return None
    opened = _BREAKDOWN_OPEN.match(own, mentions[0].end)
    if opened is None or opened.end() != mentions[1].start or ")" in own[mentions[0].end : mentions[-1].start]:
        return None
    close = own.find(")", mentions[-1].end)
    ends = [m.start for m in mentions[2:]] + [close if close >= 0 else len(own)]
    parts = [""]
    for m, end in zip(mentions[1:], ends):
        words = _PART_GLUE.sub("", own[m.end : end]).strip()
        parts.append(" ".join(words.split()) if _WORD.search(words) else "")
    last = parts[-1].split()
    if len(last) > 1:  # "… and 10 high schools": the noun of the parts that name only a kind
        parts = [f"{p} {last[-1]}" if _kind_only(p) else p for p in parts]
    return parts


# "[4]" after an item; "in total" says the item is the whole the row names
_ITEM_NOTE = re.compile(r"\[\d{1,3}\]|\(\d{1,3}\)")
_ITEM_TOTAL = re.compile(r"(?:in[ \t]+)?total", re.IGNORECASE)


def _items(text: str, cell: Cell, mentions: list[QuantityMention]) -> list[str] | None:
    """The words of each figure of a cell that lists figures each with its own noun ("5,210 in total [4] 3,905
    rangers [4] 1,305 office staff [4]": "", "rangers", "office staff"): the first may say it is the whole; None
    unless every later figure names what it counts."""
    own = text[cell.start : cell.end]
    if len(mentions) < 2 or own[: mentions[0].start].strip():
        return None
    ends = [m.start for m in mentions[1:]] + [len(own)]
    parts = []
    for m, end in zip(mentions, ends):
        words = " ".join(_ITEM_NOTE.sub(" ", own[m.end : end]).split()).strip(" ,;")
        parts.append("" if not words or _ITEM_TOTAL.fullmatch(words) else words)
    if not all(_WORD.search(p) for p in parts[1:]) or any(ch in p for p in parts for ch in "()"):
        return None
    return parts


def _kind_only(part: str) -> bool:
    """A part named by one word that is no plural noun: "elementary", "part-time" (not "engines")."""
    return bool(part) and " " not in part and not part.endswith("s")


_WORD = re.compile(r"[^\W\d_]{2,}")
_HEADER_WORDS = 3  # words a cell needs around its figures to read as a header ("adults 65 and older (%)")


def _is_worded(text: str, cell: Cell) -> bool:
    """A header cell whose figures sit inside words ("Flu vaccination coverage, adults 65 and older (%)"): they
    describe the column, they are not data."""
    return len(_WORD.findall(text, cell.start, cell.end)) >= _HEADER_WORDS


# A proper name (capitalised words) after a row label's comma, under a label written in sentence case ("Toll revenue,
# Narrows Bridge"; not "Research, Development, Test and Evaluation", not "Salaries, sworn").
_NAMED_QUALIFIER = re.compile(r"[A-Z][\w'&.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'&.-]*)*")
_PLAIN_HEAD = re.compile(r"\s[a-z]")
# "Average daily population, residential reentry centers": the kind of place after the comma is a scope too
_PLACES_OF = re.compile(
    r"\b(?:institutions?|facilit(?:y|ies)|cent(?:er|re)s?|prisons?|jails?|camps?|shelters?|clinics?|hospitals?|"
    r"schools?|offices?|sites?|stations?|ports?|airports?|terminals?|depots?|garages?|districts?|regions?)\s*$",
    re.IGNORECASE,
)


# Words that name an amount of money: a budget's, its lines' or its sources'.
_MONEY = re.compile(
    r"\b(?:budget(?:s|ed|ary)?|expenditures?|spending|outlays?|appropriations?|funding|funds?|revenues?|costs?"
    r"|obligations|salaries|payroll|grants?|dollars|income|fees|receipts|levy|levies)\b",
    re.IGNORECASE,
)


_SPACE_GROUPED_CELL = re.compile(r"(?:[$€£]|[A-Z]{3} ?)?[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?")
_GROUP_SPACE = re.compile(r"(?<=[0-9]) (?=[0-9]{3}(?![0-9]))")
# A column that counts things by their plural noun: "Vessels", "Licensed vessels"
# ("Vessels", "Farm visits", "50-kg bags distributed", "Farmers reached": things counted, perhaps as done to them)
_COUNTED_COLUMN = re.compile(r"(?:[\w-]+ )?[A-Za-z]+[^s\W]s(?: [a-z]+ed)?", re.IGNORECASE)

def _names_money(label: _Label) -> bool:
    return bool(label.text) and label.unit is None and _MONEY.search(label.text) is not None


_STATISTIC = frozenset(("average", "median", "mean", "typical"))
_HEADCOUNT_ROW = re.compile(
    r"(?:total\s+)?(?:FTEs?|full[- ]time[- ]equivalents?|positions|employees|staff|personnel"
    r"|work\s?years|headcount)(?:\s+\(?FTEs?\)?)?$",
    re.IGNORECASE,
)
_FISCAL = re.compile(r"\bfiscal\b|\b[SF]?FY\s?\d", re.IGNORECASE)
_CALENDAR_YEAR = re.compile(r"(?:19|20)\d\d")


def _speaks_fiscal(label: _Label) -> bool:
    """A caption or heading that names fiscal years: bare years under it ("2021  2022  2023") are fiscal years."""
    if label.period is not None and label.period.label.startswith("FY"):
        return True
    return bool(label.text) and _FISCAL.search(label.text) is not None


# "For the year ended March 31", "Years ending 30 June": the day a year of the organisation's ends
_YEAR_ENDED = re.compile(
    r"\byears?[ \t]+end(?:ed|ing)[ \t]+"
    r"(?:(?P<d1>\d{1,2})(?:st|th)?[ \t]+(?P<m1>[A-Z][a-z]+)|(?P<m2>[A-Z][a-z]+)[ \t]+(?P<d2>\d{1,2}))"
    r"(?!\d)",  # (a year may follow: "for the year ended 31 March 2024" over "2024" and "2023" columns)
    re.IGNORECASE,
)


def _years_end_fiscal(caption: str, fiscal_start: tuple[int, int]) -> bool:
    """A caption that says the table's years end on the day before the organisation's year starts ("For the year
    ended March 31" where it starts on April 1): its bare years are fiscal years."""
    m = _YEAR_ENDED.search(caption) if caption else None
    if m is None or fiscal_start == (1, 1):
        return False
    month = periods.month_number(m.group("m1") or m.group("m2"))
    if month is None:
        return False
    ends = periods.fiscal_year(2001, fiscal_start).end
    return (month, int(m.group("d1") or m.group("d2"))) == (ends.month, ends.day)


_OPENING_BLOCKS = 4  # the title lines of a document ("Budget Justifications", "Fiscal Year 2023")


def _opens_fiscal(doc: ExtractedText) -> bool:
    """A document whose title lines name a fiscal year ("Fiscal Year 2023", "FY 2024 Budget in Brief")."""
    return any(
        b.end - b.start <= _CAPTION_MAX and _FISCAL.search(doc.text, b.start, b.end) is not None
        for b in doc.blocks[:_OPENING_BLOCKS]
    )


def _has_digit_figure(text: str, cell: Cell, mentions: list[QuantityMention] | None) -> bool:
    if not mentions:
        return False
    return any(
        any(ch.isdigit() for ch in text[cell.start + m.start : cell.start + m.end]) and not _label_figure(text, cell, m)
        for m in mentions
    )


# A header's year before its words ("2021 cases") and a rate's base ("rate per 100,000") label a column.
_YEAR_FIGURE = re.compile(r"(?:19|20)\d\d")
_PER_BEFORE = re.compile(r"\bper\s+$", re.IGNORECASE)


def _label_figure(text: str, cell: Cell, m: QuantityMention) -> bool:
    start, end = cell.start + m.start, cell.start + m.end
    if _PER_BEFORE.search(text, max(cell.start, start - 8), start):
        return True
    return (
        start == cell.start and _YEAR_FIGURE.fullmatch(text, start, cell.start + m.number_end) is not None
        and any(ch.isalpha() for ch in text[end : cell.end])
    )


# A value column's header that names no measure: "Figure", "Value", "Number", "Amount", "Total".
_PERIOD_HEADER = re.compile(r"(?:reference\s+)?(?:period|date|as\s+(?:at|of)|time\s+period)", re.IGNORECASE)
_GENERIC_HEADER = re.compile(
    r"(?:(?:latest|current|most\s+recent)\s+)?(?:figures?|values?|numbers?|amounts?|totals?|counts?|data|quantity"
    r"|statistics?|estimates?|no\.|#)|latest|current",
    re.IGNORECASE,
)


def _column_label(labels: list[_Label], topic: str) -> _Label:
    """A value column's stacked header labels as one, without a generic word ("Figure") for its measure; "Share of
    total" is a share of the table's topic ("Enrollment by grade span")."""
    joined = _join_labels(labels)
    if joined.words and _GENERIC_HEADER.fullmatch(joined.words):
        return attrs.evolve(joined, words="", head="", qualifier="", total=False)
    if topic and _SHARE_OF_TOTAL.fullmatch(joined.words):
        return attrs.evolve(joined, words=f"share of {topic}")
    return joined


def _join_labels(labels: list[_Label]) -> _Label:
    """Stacked header rows read as one label: "FY 2023" over "Enacted"."""
    if not labels:
        return _Label("", "")
    if len(labels) == 1:
        return labels[0]
    words = " ".join(lab.words for lab in labels if lab.words)
    scopes = tuple(s for lab in labels for s in lab.scopes)
    if _REQUEST_HEADER.fullmatch(words):
        words, scopes = "", scopes + ("requested",)  # "President's" over "Budget"
    return _Label(
        " ".join(lab.text for lab in labels),
        words,
        next((lab.subject for lab in labels if lab.subject), None),
        next((lab.period for lab in reversed(labels) if lab.period), None),
        scopes,
        next((lab.note for lab in reversed(labels) if lab.note), None),
        next((lab.unit for lab in reversed(labels) if lab.unit), None),
        any(lab.total for lab in labels),
    )


_SHARE_OF_TOTAL = re.compile(r"(?:share|percent(?:age)?|portion)\s+of\s+(?:the\s+)?total", re.IGNORECASE)
_JOINED = re.compile(r"\s(?:and|&)\s", re.IGNORECASE)
_ALL_OF = re.compile(r"all\s+([a-z][\w-]*s)", re.IGNORECASE)
_TOTAL_OF = re.compile(r"(?:grand\s+|sub-?)?total\s+\w", re.IGNORECASE)


def _measure(row: _Label, col: _Label, topic: str, kind: str | None, scopes: list[str]) -> str:
    """The measure a figure at (row, col) states, from the labels and the table's topic."""
    if row.total:
        if _TOTAL_OF.match(row.text.strip()) and (not col.words or (topic and _JOINED.search(topic))):
            # "Total passengers" names what it totals, whatever the caption ("Airport activity, 2023 and 2022");
            # "Total expenditures" under "Expenditures and funding" is the total of one of the two. "Total, General
            # Fund" is the total of the table's topic.
            return row.words
        if kind in ("scope", "unit") and col.words:
            return col.words  # "All regions" under columns of declarations and dollars: each column's total
        return topic or col.words or "total"
    row_done = not row.words  # the row label was only a subject or a period
    if row_done:
        return col.words or topic
    if not col.words:  # the column is only a period, a scope or a scale
        if kind == "scope":
            scopes.append(row.words.lower())
            return topic
        return row.words
    if kind == "scope":
        scopes.append(row.words.lower())
        return col.words
    return f"{row.words} {col.words}"


# A column that counts people or things of some kind ("Number of beneficiaries", "Number of members")
_COUNT_OF = re.compile(r"(?:number|count)[ \t]+of[ \t]+\w", re.IGNORECASE)


# A figure the table's note scales: digits, perhaps a currency sign or code before them, nothing after.
# A footnote's letter after a label's words, before its note or at its end: "Monthly rate a [In millions]",
# "Average monthly amount a"
_NOTE_LETTER = re.compile(r"[a-z)][ \t]+([a-h])(?=[ \t]*(?:[\[(]|$))")
_BARE_FIGURE = re.compile(r"(?:[$€£]|US\$|USD)?[ \u00a0]?[\d,.\u00a0\u2009\u202f ]+")


def _scaled(
    m: QuantityMention, offset: int, text: str, note: Note | None, qsettings: QuantitySettings
) -> QuantityMention:
    """The mention in document offsets, with the table's scale and currency applied to a bare figure."""
    start, end = m.start + offset, m.end + offset
    number_start, number_end = m.number_start + offset, m.number_end + offset
    quantity = _scaled_quantity(m.quantity, text, start, end, number_start, number_end, m.hedge, note, qsettings)
    # Built directly: attrs.evolve (what this did) makes the same instance but costs several times more, once for
    # every figure of every table.
    return QuantityMention(
        start=start, end=end, number_start=number_start, number_end=number_end,
        quantity=quantity, hedge=m.hedge, unit_word=m.unit_word,
    )


_OPPOSITES = {"profit": "loss", "profits": "losses", "surplus": "deficit", "income": "loss", "gain": "loss",
              "gains": "losses", "earnings": "loss"}


# "profit/(loss)", "surplus / (deficit)", and "profit/ loss" once a label's brackets are gone (not "passengers/day")
_PAIRED = re.compile(r"(\w+)[ \t]*/[ \t]*(?:\([ \t]*(\w+)[ \t]*\)|(loss|losses|deficit|deficits)\b)")


def _side(measure: str, negative: bool) -> str | None:
    """The measure with its "profit/(loss)" pair made the side a figure is on ("operating loss" for a figure in
    brackets, "operating profit" for one without), or None for a measure with no such pair."""
    paired = _PAIRED.search(measure) if "/" in measure else None
    if paired is None:
        return None
    side = (paired.group(2) or paired.group(3)) if negative else paired.group(1)
    return measure[: paired.start()] + side + measure[paired.end() :]


def _negative(measure: str) -> str:
    """What a figure in brackets measures: the "operating profit/(loss)" or "operating profit" of "(312)" is an
    operating loss of 312, as claimcheck keeps sizes; anything else is a negative one ("negative net cash flow")."""
    paired = _side(measure, negative=True)
    if paired is not None:
        return paired
    words = measure.split()
    for i, w in enumerate(words):
        if w in _OPPOSITES:
            return " ".join(words[:i] + [_OPPOSITES[w]] + words[i + 1 :])
    return f"negative {measure}" if measure else "negative"


# An accounts table's negative figure in brackets: "(312)", "(1,046)", "(£4.2)"
_NEGATIVE_CELL = re.compile(r"\([ \t]*(?P<n>[$£€]?\d{1,3}(?:,\d{3})*(?:\.\d+)?)[ \t]*\)")


def _shifted(m: QuantityMention, by: int) -> QuantityMention:
    return attrs.evolve(
        m, start=m.start + by, end=m.end + by, number_start=m.number_start + by, number_end=m.number_end + by
    )


def _scaled_quantity(
    q: Quantity,
    text: str,
    start: int,
    end: int,
    number_start: int,
    number_end: int,
    hedge: str | None,
    note: Note | None,
    qsettings: QuantitySettings,
) -> Quantity:
    """The quantity of the figure at [start, end) of ``text``, scaled by the table's note if it is a bare figure."""
    if note is None:
        return q
    digits = text[number_start:number_end]
    signed = note.currency is None and text[start] in "$€£U"  # "$120,882" under "[In millions]": dollars, scaled
    if not _BARE_FIGURE.fullmatch(text, start, end) or (q.unit not in ("count", note.currency or "") and not signed):
        return q  # a figure with its own unit or scale word ("$61.4M", "$2.5 million") keeps them
    unit = note.currency or q.unit
    if q.bound == "range" or q.stated_high is not None:
        return attrs.evolve(scale_quantity(q, note.factor), unit=unit)
    value = Decimal(re.sub(r"[^\d.]", "", digits))
    return make_quantity(
        value,
        bound=q.bound,
        unit=unit,
        digits=digits,
        scale=note.factor,
        settings=qsettings,
        inherited=q.inherited_hedge,
        hedge=hedge,
    )
