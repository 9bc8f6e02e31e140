"""A paged report's furniture: the running header or footer printed on every page, the numbered section titles
a text copy turns into one-item lists, and the titles it prints on the line over their paragraph."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from claimcheck.claims.text import ExtractedText

__all__ = ["lone_titles", "running_heads", "title_lines"]

# A page's number at either end of a running line ("… | Annual Report 2023–24   12", "Page 3 of 40", "4 | Budget")
_PAGE_NUMBER = re.compile(
    r"^(?:page[ \t]+)?(?P<a>\d{1,3})(?:[ \t]+of[ \t]+\d{1,3})?[ \t]*[|·–—-]?[ \t]+"
    r"|[ \t]+[|·–—-]?[ \t]*(?:page[ \t]+)?(?P<b>\d{1,3})(?:[ \t]+of[ \t]+\d{1,3})?$",
    re.IGNORECASE,
)
_REPEATS = 3  # a line on three pages or more, each time with its page's number


def running_heads(doc: ExtractedText) -> frozenset[int]:
    """The blocks that are a running header or footer: one short line that comes back, with a page number beside it
    that changes, three times or more."""
    if doc.kind == "html":
        return frozenset()
    text = doc.text
    seen: dict[str, list[tuple[int, str]]] = {}
    for i, b in enumerate(doc.blocks):
        if b.end - b.start > 140 or b.kind == "table-cell":
            continue
        line = text[b.start : b.end]
        m = _PAGE_NUMBER.search(line)
        if m is None:
            continue
        rest = " ".join((line[: m.start()] + " " + line[m.end() :]).split())
        if len(rest) >= 8:
            seen.setdefault(rest, []).append((i, m.group("a") or m.group("b")))
    out: set[int] = set()
    for hits in seen.values():
        if len(hits) >= _REPEATS and len(Counter(n for _, n in hits)) >= _REPEATS:
            out.update(i for i, _ in hits)
    return frozenset(out)


# A section's title: a few capitalised words, no figure, no sentence
_TITLE = re.compile(r"[A-Z][\w'’&,()-]*(?:[ \t]+[\w'’&,()-]+){0,7}")


def lone_titles(doc: ExtractedText, skipped: frozenset[int]) -> frozenset[int]:
    """The list items that are a report's numbered section titles ("2. Volunteer Operations" over its text): an item
    alone in its list (the blocks in ``skipped`` left out), a few words with no figure."""
    blocks = doc.blocks
    kept = [i for i in range(len(blocks)) if i not in skipped]
    out = set()
    for k, i in enumerate(kept):
        b = blocks[i]
        if b.kind != "list-item" or b.level != 0 or _TITLE.fullmatch(doc.text, b.start, b.end) is None:
            continue
        if any(c.isdigit() for c in doc.text[b.start : b.end]):
            continue
        before = blocks[kept[k - 1]].kind if k > 0 else None
        after = blocks[kept[k + 1]].kind if k + 1 < len(kept) else None
        if before != "list-item" and after not in ("list-item", None):
            out.add(i)
    return frozenset(out)


# The paragraph under a title: a sentence's words (eight at least, some in lower case), not a figure or a label's
# value ("Parent organisation" over "Northwind County Assembly (NCA)")
_PROSE_START = re.compile(r"[A-Z][\w'’-]*(?=(?:[ \t]+[^\s]+){0,3}[ \t]+[a-z])(?:[ \t]+[^\s]+){7}")


def _line(doc: ExtractedText, offset: int) -> int:
    return bisect.bisect_right(doc.line_starts, doc.source_offset(offset))


def title_lines(doc: ExtractedText, skipped: frozenset[int]) -> frozenset[int]:
    """The paragraphs of a text copy that are a section's title printed on the line right over its paragraph
    ("Investment" over "Capital expenditure was £468m …"): one line of a few capitalised words, no figure, a blank
    line above it."""
    if doc.kind == "html":
        return frozenset()
    text, blocks = doc.text, doc.blocks
    out = set()
    for i in range(len(blocks) - 1):
        b, under = blocks[i], blocks[i + 1]
        if i in skipped or i + 1 in skipped or b.kind != "paragraph" or under.kind != "paragraph":
            continue
        if b.end - b.start > 60 or _TITLE.fullmatch(text, b.start, b.end) is None:
            continue
        if any(c.isdigit() for c in text[b.start : b.end]) or _PROSE_START.match(text, under.start, under.end) is None:
            continue
        line = _line(doc, b.start)
        # (set apart from what is above it by a blank line: not a key in a run of "Type Public body" lines)
        apart = i == 0 or _line(doc, blocks[i - 1].end - 1) < line - 1
        if apart and _line(doc, b.end - 1) == line and _line(doc, under.start) == line + 1:
            out.add(i)
    return frozenset(out)
