"""A report's table of contents: its entries' section and page numbers state nothing."""

from __future__ import annotations

import re

from claimcheck.claims.text import ExtractedText

__all__ = ["contents_blocks"]

# An entry: a section's number, its title, its page ("2.1 Directors' report 18", "Annual accounts … F1", "Foreword
# ii"), perhaps dot leaders between; a block may run two entries together where the lines were hard-wrapped.
_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,4}\.|[A-Z]\.)"
_ENTRY = rf"(?:{_NUMBER}[ \t]+)?[A-Z][^\n]{{1,90}}?(?:[ \t]*[.·…]{{2,}}[ \t]*|[ \t]+)(?:\d{{1,3}}|[A-Z]\d{{1,2}}|[ivx]{{1,5}})"
_ENTRY_RE = re.compile(rf"{_ENTRY}(?:[ \t]+{_ENTRY})*")
_ENTRY_ONE = re.compile(rf"(?:^|(?<=[ \t]))(?:{_NUMBER}[ \t]+)?[A-Z][^\n]{{1,90}}?[ \t]*[.·…]{{2,}}")  # an entry's leaders
_NUMBERED = re.compile(_NUMBER + r"[ \t]+[A-Z]")
_CONTENTS = re.compile(r"(?:table[ \t]+of[ \t]+)?contents:?", re.IGNORECASE)
_RUN_MIN = 3  # entries in a row: fewer are rows of figures as likely as a contents list


def contents_blocks(doc: ExtractedText) -> frozenset[int]:
    """The blocks that are a table of contents' entries: a run of three or more entries (lines, or entries with dot
    leaders that a block runs together), under a "Contents" heading or most of them numbered as sections ("1.3
    Performance analysis 7")."""
    text, blocks = doc.text, doc.blocks
    out: set[int] = set()
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind in ("paragraph", "list-item") and _ENTRY_RE.fullmatch(
            text, blocks[j].start, blocks[j].end
        ):
            j += 1
        # (entries with dot leaders a hard-wrapped copy ran together count one by one)
        entries = sum(max(1, len(_ENTRY_ONE.findall(text, blocks[k].start, blocks[k].end))) for k in range(i, j))
        if entries >= _RUN_MIN:
            titled = i > 0 and _CONTENTS.fullmatch(text, blocks[i - 1].start, blocks[i - 1].end) is not None
            numbered = sum(1 for k in range(i, j) if _NUMBERED.match(text, blocks[k].start, blocks[k].end))
            if titled or 2 * numbered > j - i:
                out.update(range(i, j))
        i = max(j, i + 1)
    return frozenset(out)
