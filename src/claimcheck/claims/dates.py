"""A version's date: from a labelled date in its text, else HTML metadata, else its file name."""

from __future__ import annotations

import datetime as dt
import functools
import re

import attrs

from claimcheck.claims.alternation import prefix_tree
from claimcheck.claims.lowered import lowered
from claimcheck.claims.text import iter_start_tags, strip_markup

__all__ = ["DetectedDate", "detect_version_date", "filename_date", "parse_date_string", "renamed_date"]


@attrs.frozen
class DetectedDate:
    """The date a version was detected to carry, where it came from and the text that said so."""

    date: dt.date | None
    origin: str  # "text" | "html-meta" | "filename" | "none"
    evidence: str  # the matched snippet, e.g. "Last Reviewed/Updated: 05/13/2020"; "" if none


_UNDATED = DetectedDate(None, "none", "")

# --------------------------------------------------------------------------------------------
# Parsing one date
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_DATE_RES = (
    # 2018-08-20, 2018/08/20: year first is always year-month-day
    re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"),
    # 05/13/2020, 1/3/18, 13.05.2020: order decided by day_first
    re.compile(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?!\d)"),
    # August 20, 2018 / Aug. 20th 2018 / Monday, August 20, 2018
    re.compile(_WEEKDAY + _MONTH + r"\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)", re.I),
    # 20 August 2018 / 20th of August, 2018
    re.compile(_WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s*(?P<y>\d{4})(?!\d)", re.I),
)
# What may follow a date in a whole-string parse: a time and a zone ("2020-05-13T10:00:00-04:00").
_TIME_TAIL_RE = re.compile(
    r"(?:(?:[T\s,]+|\s+at\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?\s*",
    re.I,
)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year <= 68 else 1900 + year
    return year


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_from_match(m: re.Match, day_first: bool) -> dt.date | None:
    groups = m.groupdict()
    year = _full_year(groups["y"])
    if groups.get("a") is not None:
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (b, a) if day_first else (a, b)
        found = _make(year, month, day)
        if found is None and month > 12:
            # 13/05/2020 read month-first cannot be a date; read the other way it can, and
            # no other reading exists. 02/30/2020 has no reading at all and stays None.
            found = _make(year, day, month)
        return found
    month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["m"])
    return _make(year, month, int(groups["d"]))


def _date_at(s: str, pos: int, day_first: bool) -> tuple[dt.date | None, int] | None:
    """The date written at ``s[pos:]``: (date or None when impossible, end), or None if none is."""
    for pattern in _DATE_RES:
        m = pattern.match(s, pos)
        if m:
            return _date_from_match(m, day_first), m.end()
    return None


def parse_date_string(s: str, *, day_first: bool = False) -> dt.date | None:
    """Parse one date ("05/13/2020", "August 20, 2018", "20 August 2018", "2018-08-20", "1/3/18").

    Numeric dates are month first unless ``day_first``; two-digit years 00-68 are 20xx and 69-99
    19xx. A trailing time and zone are allowed and ignored; anything else makes it not a date.
    """
    s = s.strip()
    found = _date_at(s, 0, day_first)
    if found is None or found[0] is None:
        return None
    tail = _TIME_TAIL_RE.match(s, found[1])
    return found[0] if tail and tail.end() == len(s) else None


# --------------------------------------------------------------------------------------------
# Labelled dates in the text
# --------------------------------------------------------------------------------------------

# Priority 0 is the content's own date: an archived news release states facts as of its release,
# and a later "last updated" on the archive is maintenance. Then review, update, modification.
_LABELS = (
    (0, r"release\s+date|publication\s+date|date\s+(?:published|posted|released)"
        r"|(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|issued(?:\s+on)?|date\s+issued"
        # a news release's date follows its header, often on the next line: "FOR IMMEDIATE RELEASE\nMay 3, 2022"
        # (past a release number printed beside it: "FOR IMMEDIATE RELEASE      Release No. ATSA-24-003")
        r"|for\s+immediate\s+release(?:\s+release\s+(?:no\.?|number)\s*[:#]?\s*[\w.-]+)?"),
    (1, r"page\s+(?:last\s+)?reviewed(?:\s+on)?|last\s+reviewed\s*/\s*updated|last\s+reviewed(?:\s+on)?"
        r"|content\s+(?:last\s+)?reviewed(?:\s+on)?"),
    (2, r"(?:page\s+|content\s+)?last\s+updated(?:\s+on)?|last\s+revised(?:\s+on)?"
        r"|date\s+updated|updated(?:\s+on)?"),
    (3, r"(?:page\s+)?last\s+modified(?:\s+on)?|date\s+modified|modified(?:\s+on)?"),
)
_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(f"(?P<p{priority}>{words})" for priority, words in _LABELS)
    + r")(?![A-Za-z])\s*(?:[:：]|[-–—](?=\s))?\s*"
    # A bare "Date:" only at the start of a line, so "Expiration Date:" or "Date accessed:" do
    # not count; lines are blocks in extracted text and elements in stripped HTML.
    + r"|^[ \t>*#|_-]*(?P<pd>date)[ \t\u00a0]*[:：]\s*",
    re.I | re.M,
)
_PRIORITY = {"p0": 0, "pd": 0, "p1": 1, "p2": 2, "p3": 3}


# A page states its date near its top or its foot; in a long document only those ends are searched
# (the label scan costs about a second per megabyte, and the loader accepts 50 MiB).
_LABEL_WINDOW = 64 * 1024


# Every label begins with one of these words. Python's regex engine tries a pattern that opens
# with a look-behind at every position (about 6 MB/s here, a fifth of all date detection); a plain
# case-sensitive alternation on the lower-cased text skips ahead to the words' first letters, and
# the full pattern is then tried only where a label can begin.
_LABEL_FIRST_RE = re.compile(
    prefix_tree(("release", "publication", "date", "first", "published", "posted", "issued", "page", "last",
                 "content", "updated", "revised", "modified", "for"))
)
_LETTER_RE = re.compile(r"[A-Za-z]", re.I)  # the label pattern's look-behind, as a test
_LINE_LEAD = frozenset(" \t>*#|_-")  # what may stand before a bare "Date:" on its line


def _label_matches(haystack: str):
    if len(haystack) <= 2 * _LABEL_WINDOW:
        yield from _label_finditer(haystack, 0, len(haystack))
        return
    tail = len(haystack) - _LABEL_WINDOW
    yield from _label_finditer(haystack, 0, _LABEL_WINDOW)
    # The tail window starts at a line start, so "^" (a bare "Date:") means what it means.
    start = haystack.find("\n", tail) + 1 or tail
    yield from _label_finditer(haystack, start, len(haystack))


def _label_finditer(haystack: str, pos: int, endpos: int):
    """``_LABEL_RE.finditer(haystack, pos, endpos)``, the same matches, trying only where one can start."""
    low = lowered(haystack)
    if low is None:
        yield from _LABEL_RE.finditer(haystack, pos, endpos)
        return
    starts = []
    for m in _LABEL_FIRST_RE.finditer(low, pos, endpos):
        s = m.start()
        if s and _LETTER_RE.match(haystack, s - 1):
            continue  # inside a word: neither alternative can start here
        starts.append(s)
        if low.startswith("date", s):
            q = s
            while q > pos and haystack[q - 1] in _LINE_LEAD:
                q -= 1
            if q != s and (q == 0 or haystack[q - 1] == "\n"):
                starts.append(q)  # "^ -- Date:" begins at its line's start
    starts.sort()
    end = pos
    for s in starts:
        if s >= end:
            m = _LABEL_RE.match(haystack, s, endpos)
            if m:
                yield m
                end = m.end()


def _labelled_dates(haystack: str, day_first: bool) -> list[tuple[int, int, dt.date, str]]:
    """(priority, position, date, evidence) for every label followed directly by a valid date.

    Only these labels count: "Last Viewed by … on 05/18/2020", "Archived on", "Accessed",
    "Retrieved" or a date in a sentence never match one.
    """
    found = []
    for m in _label_matches(haystack):
        date = _date_at(haystack, m.end(), day_first)
        if date is None or date[0] is None:
            continue  # "Last Modified:" followed by nothing (or an impossible date) says nothing
        start = m.start(m.lastgroup)
        evidence = " ".join(haystack[start : date[1]].split())
        found.append((_PRIORITY[m.lastgroup], start, date[0], evidence))
    return found


# --------------------------------------------------------------------------------------------
# HTML metadata
# --------------------------------------------------------------------------------------------

# Same ranking as the labels: the content's own date before a modification date.
_META_RANK = {
    "article:published_time": 0, "datepublished": 0, "dcterms.issued": 0, "dc.date.issued": 0,
    "citation_publication_date": 0, "dcterms.created": 0, "datecreated": 0,
    "date": 1, "dc.date": 1, "dcterms.date": 1,
    "article:modified_time": 3, "og:updated_time": 3, "dcterms.modified": 3,
    "dc.date.modified": 3, "datemodified": 3, "last-modified": 3,
}
_JSON_LD_RE = re.compile(r'"(datePublished|dateCreated|dateModified)"\s*:\s*"([^"]{4,64})"')
_LABEL_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(f"(?P<p{priority}>{words})" for priority, words in _LABELS)
    + r")\s*[:：]?\s*$",
    re.I,
)


def _meta_value_date(value: str, day_first: bool) -> dt.date | None:
    # An ISO timestamp keeps the date as written: converting it to another zone would move
    # late-evening stamps to the next day for no reader's benefit.
    return parse_date_string(value, day_first=day_first)


def _meta_dates(raw: str, day_first: bool) -> list[tuple[int, int, dt.date, str]]:
    """(rank, position, date, evidence) from <meta>, itemprop, JSON-LD and labelled <time>."""
    found = []
    for name, attrs_, start, end in iter_start_tags(raw):
        key = value = None
        if name == "meta":
            key = (attrs_.get("property") or attrs_.get("name") or attrs_.get("itemprop")
                   or attrs_.get("http-equiv") or "").strip().lower()
            value = attrs_.get("content")
        elif attrs_.get("itemprop", "").strip().lower() in _META_RANK:
            key = attrs_["itemprop"].strip().lower()
            value = attrs_.get("content") or attrs_.get("datetime")
        elif name == "time" and attrs_.get("datetime"):
            # A <time> counts only right after a label ("Last updated: <time datetime=…>").
            label = _LABEL_BEFORE_RE.search(strip_markup(raw[max(0, start - 300) : start]).rstrip())
            if label:
                date = _meta_value_date(attrs_["datetime"].strip(), day_first)
                if date:
                    evidence = label.group().strip() + " " + raw[start:end]
                    found.append((_PRIORITY[label.lastgroup], start, date, evidence))
            continue
        if key in _META_RANK and value:
            date = _meta_value_date(value.strip(), day_first)
            if date:
                found.append((_META_RANK[key], start, date, raw[start:end]))
    for m in _JSON_LD_RE.finditer(raw):
        date = _meta_value_date(m.group(2).strip(), day_first)
        if date:
            found.append((_META_RANK[m.group(1).lower()], m.start(), date, m.group()))
    return found


# --------------------------------------------------------------------------------------------
# File names
# --------------------------------------------------------------------------------------------

_FILE_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")


@functools.lru_cache(maxsize=8192)  # a folder of captures repeats the same few thousand dates
def renamed_date(detected: DetectedDate, filename: str) -> DetectedDate:
    """What ``detect_version_date`` gives the content it gave ``detected`` under the name ``filename``: a
    date from the file name is its last resort, after everything the content says."""
    return (filename_date(filename) or _UNDATED) if detected.origin in ("filename", "none") else detected


def filename_date(filename: str) -> DetectedDate | None:
    """A date in the file name ("2020-05-13.html", "page-20200513.md"), else in its folders."""
    for part in reversed(re.split(r"[\\/]", filename)):
        for m in _FILE_DATE_RE.finditer(part):
            date = _make(int(m.group(1)), int(m.group(3)), int(m.group(4)))
            if date:
                return DetectedDate(date, "filename", m.group())
    return None


# --------------------------------------------------------------------------------------------
# The decision
# --------------------------------------------------------------------------------------------


# A report's header says when it was put before its readers: "Presented to the Board of Education on September
# 10, 2024", "Submitted to the Legislature on January 15, 2024". Read only in the first lines, and only when no
# labelled date exists: further down, such a phrase is an event the text reports ("approved by voters on …").
_PRESENTED = re.compile(
    r"(?<![A-Za-z])(?:presented|submitted|transmitted|delivered|adopted|approved)\b[^.\n]{0,80}?\bon\s+", re.I
)
_HEADER_CHARS = 600


def _presented_date(text: str, day_first: bool) -> DetectedDate | None:
    for m in _PRESENTED.finditer(text, 0, _HEADER_CHARS):
        date = _date_at(text, m.end(), day_first)
        if date is not None and date[0] is not None:
            return DetectedDate(date[0], "text", " ".join(text[m.start() : date[1]].split()))
    return None


# A byline's date, the date of the page's news: "Albion Post news · 2 April 2024 · Pricing notice PN-2024-01",
# "By Dana Reyes | March 3, 2024". Read only in the first lines, and only a segment that is a whole date.
_BYLINE_SEPARATOR = re.compile(r"[ \t]+[·|•][ \t]+")


def _byline_date(text: str, day_first: bool) -> DetectedDate | None:
    for line in text[:_HEADER_CHARS].splitlines():
        parts = _BYLINE_SEPARATOR.split(line.strip())
        if len(parts) < 2:
            continue
        for part in parts:
            date = parse_date_string(part.strip(" \t*_"), day_first=day_first)
            if date is not None:
                return DetectedDate(date, "text", " ".join(line.strip(" \t*_").split()))
    return None


def detect_version_date(
    *, text: str, raw: str, kind: str, filename: str, day_first: bool = False
) -> DetectedDate:
    """Detect a version's date.

    ``text`` is the extracted text; ``raw`` the full decoded source, searched too (tags stripped)
    because a "Last Updated" line often sits in a footer that extraction drops. The best label
    wins (content date > last reviewed > last updated > last modified), the first one within a
    priority, extracted text before the raw source. Without a labelled date: a "presented on" header,
    HTML metadata, a byline's date in the first lines, then a date in the file name, else undated.
    """
    haystacks = (text, strip_markup(raw) if kind == "html" else raw)
    # The raw source is scanned first: the text is read last, so that its lower-cased copy is the one
    # lowered.lower_cased still holds when extraction asks for it. (The order of the scans does not matter:
    # no two candidates share a priority, source and position.)
    candidates = [
        (priority, source_rank, position, date, evidence)
        for source_rank in (1, 0)
        for priority, position, date, evidence in _labelled_dates(haystacks[source_rank], day_first)
    ]
    if candidates:
        best = min(candidates, key=lambda c: c[:3])
        return DetectedDate(best[3], "text", best[4])
    presented = _presented_date(text, day_first)
    if presented is not None:
        return presented
    if kind == "html":
        meta = _meta_dates(raw, day_first)
        if meta:
            best_meta = min(meta, key=lambda c: c[:2])
            return DetectedDate(best_meta[2], "html-meta", best_meta[3])
    return _byline_date(text, day_first) or filename_date(filename) or _UNDATED
