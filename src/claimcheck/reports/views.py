"""View models: every string, order, link and CSS class the report site prints, decided here."""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
import re
from collections import Counter
from collections.abc import Iterable

import attrs
from markupsafe import Markup

from claimcheck.checker.describe import describe
from claimcheck.checker.model import Change, Finding
from claimcheck.claims.model import Claim, Interval, Period, Source, Version
from claimcheck.reports.highlight import highlight

# Reading order of the findings list: what most needs a reader's attention first.
KIND_ORDER = ("conflict", "stale", "undated-discrepancy", "change", "revision", "agreement")
KIND_LABELS = {
    "conflict": "Conflict",
    "stale": "Stale",
    "undated-discrepancy": "Undated discrepancy",
    "change": "Change",
    "revision": "Revision",
    "agreement": "Agreement",
}
STATUS_ORDER = ("open", "needs-re-review", "resolved")
STATUS_LABELS = {"open": "open", "needs-re-review": "needs re-review", "resolved": "resolved"}
# Open and needs-re-review both still need a human; resolved findings sink below them.
_STATUS_RANK = {"open": 0, "needs-re-review": 0, "resolved": 1}
SEVERITY_ORDER = ("error", "warning", "info", "none")
SEVERITY_LABELS = {"error": "error", "warning": "warning", "info": "info", "none": "no action"}
DATE_ORIGIN_LABELS = {
    "config": "set in config",
    "text": "from the text",
    "html-meta": "from HTML meta",
    "filename": "from the file name",
    "none": "no date found",
}
# Why a version has no date, by where its (missing) date came from.
UNDATED_REASONS = {
    "config": 'marked undated in the config (date = "none")',
    "none": "no date found in the text, the HTML meta tags or the file name",
}
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥"}
SHA_PREFIX = 12
MINUS = "\u2212"  # a real minus sign reads better than a hyphen in figures
NO_VALUE = "—"
UNDATED = "undated"
ELLIPSIS = "…"
# An evidence sentence longer than this is shown as a window around its quote: a page that
# runs on without full stops must not turn one table cell into a page of text.
SENTENCE_MAX = 480
SENTENCE_CONTEXT = 200
# How many member claims a finding lists by name; the group's table lists them all.
MEMBERS_SHOWN = 50
PALETTE_SIZE = 8  # source colours in a chart: src-0 … src-7 (report.css)


# ---------------------------------------------------------------------------------------------
# View models. Frozen, tuples only, so a view is a value: same result in, same view out.


@attrs.frozen
class CountView:
    """One row of a count table: a label, its number and the classes to draw it with."""

    key: str
    label: str
    count: int
    css_class: str  # the badge's classes
    row_class: str  # "zero" for an empty row, so it can be drawn quieter


@attrs.frozen
class LinkView:
    """A link in a navigation list; ``current`` marks the page the reader is on."""

    label: str
    href: str
    current: bool = False
    note: str = ""


@attrs.frozen
class FindingRefView:
    """A link from a claim to a finding it belongs to."""

    href: str
    label: str
    css_class: str


@attrs.frozen
class ClaimView:
    """One claim as a table row: where it was read, what it says and what it means."""

    id: str
    anchor: str
    row_class: str  # also carries the source's chart colour, for the swatch in the row
    source_id: str
    source_title: str
    source_class: str  # the chart colour of its source on this page ("src-2")
    source_href: str | None  # its source page; None when the run has no such source
    context_href: str | None  # the claim highlighted in its version's text
    version: str
    version_note: str | None  # the version label, when it is not just the date printed next to it
    date_text: str  # ISO date or "undated"
    date_origin: str
    date_origin_text: str
    subject: str
    measure: str
    scope: str | None
    figure: str  # "more than $5.7 billion", worded as in finding messages (checker.describe)
    bound: str
    hedge_note: str | None  # set when the hedge came from the first item of a list
    stated_interval: str  # "(5.7 bn, ∞)"
    likely_interval: str
    period_label: str  # "FY2019", or NO_VALUE
    period_range: str | None  # "2018-10-01 – 2019-09-30"
    as_of_text: str  # "as of 2020-05-13", or "not placed in time" when undated
    # What the evidence cell highlights: the sentence (or a window of it) at the quote's span,
    # or the quote itself when it cannot be found in the sentence; then the sentence follows.
    highlight_text: str
    highlight_start: int
    highlight_end: int
    unmatched_sentence: str | None
    location: str  # "path:line:column" in the original file
    evidence_html: Markup  # highlight_text escaped, the quote in <mark>: made once here, not per row in Jinja
    findings: tuple[FindingRefView, ...] = ()


@attrs.frozen
class ChangeView:
    """Old → new of a change finding, with direction and size."""

    old: str
    new: str
    old_date: str
    new_date: str
    direction: str
    arrow: str
    css_class: str
    delta: str
    relative: str


@attrs.frozen
class ResolutionItemView:
    """One field of a reviewer's resolution entry."""

    key: str
    value: str


@attrs.frozen
class MemberView:
    """A finding's member claim, named and linked to where it is shown."""

    label: str
    href: str  # "" when the claim is not shown anywhere on the site


@attrs.frozen
class FilterTokens:
    """What the findings list's script filters on: short tokens, never raw text."""

    kind: str
    status: str
    severity: str
    subject: str
    sources: str  # space-separated


@attrs.frozen
class FindingView:
    """One finding: badges, message, change, members, where it lives and how to filter it."""

    id: str
    anchor: str
    kind: str
    kind_label: str
    kind_class: str
    kind_rank: int
    severity: str
    severity_label: str
    severity_class: str
    severity_rank: int
    status: str
    status_label: str
    status_class: str
    status_rank: int
    css_class: str  # classes for the finding's container
    heading: str  # "ICE · annual budget" (· scope)
    subject: str
    measure: str
    scope: str | None
    period: str
    message: str
    sources: str  # titles of the sources involved, comma-separated
    evidence_digest: str
    evidence_digest_short: str
    change: ChangeView | None
    resolution: tuple[ResolutionItemView, ...]
    members: tuple[MemberView, ...]
    more_members: str | None  # "and 12 more claims (see the table)"
    missing_claims: tuple[str, ...]  # claim ids the run result does not contain
    href: str  # where the finding is shown in full, relative to the site root; "" if nowhere
    filters: FilterTokens


# ---------------------------------------------------------------------------------------------
# Numbers


def _clean(x: float) -> float:
    # Interval ends come out of float arithmetic (8e9 * 1.05 = 8400000000.000001); twelve
    # significant digits keep every real figure and drop the noise.
    return float(f"{x:.12g}")


def _plain(x: float) -> str:
    """Thousands separators, no trailing zeros: 9852.5 → '9,852.5', 20000 → '20,000'."""
    x = _clean(x)
    if x.is_integer():
        text = f"{int(abs(x)):,}"
    else:
        text = f"{abs(x):,.6f}".rstrip("0").rstrip(".")
    return (MINUS + text) if x < 0 else text


def _scaled(x: float) -> str:
    """Money magnitude: '5.7 bn', '61.202 M', else thousands separators."""
    if abs(x) >= 1e9:
        return _plain(x / 1e9) + " bn"
    if abs(x) >= 1e6:
        return _plain(x / 1e6) + " M"
    return _plain(x)


def _is_money(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def _format(x: float, unit: str, *, symbol: bool = True) -> str:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "∞" if x > 0 else MINUS + "∞"
    if _is_money(unit):
        magnitude = _scaled(x)
        if not symbol:
            return magnitude
        sign = ""
        if magnitude.startswith(MINUS):
            sign, magnitude = MINUS, magnitude[len(MINUS) :]
        prefix = CURRENCY_SYMBOLS.get(unit, unit + " ")
        return f"{sign}{prefix}{magnitude}"
    text = _plain(x)
    if not symbol or unit == "count":
        return text
    if unit == "percent":
        return text + "%"
    return f"{text} {unit}"


def format_number(x: float, unit: str) -> str:
    """A figure for people: thousands separators, bn/M for large money, % for percent.

    ``format_number(5.7e9, "USD")`` → ``"$5.7 bn"``; ``format_number(9853, "count")`` →
    ``"9,853"``; ``format_number(92, "percent")`` → ``"92%"``; other units follow the number.
    """
    return _format(x, unit)


def format_interval(interval: Interval, unit: str) -> str:
    """An interval with its real brackets: ``(5.7 bn, ∞)``, ``[9,750, 9,850]``, ``[0, 5,000)``.

    The unit is left to the figure printed next to it, so the arithmetic stays easy to read.
    """
    return _interval_text(interval.low, interval.high, interval.low_inclusive, interval.high_inclusive, unit)


# A corpus restates the same figures again and again; a large report prints each many times.
@functools.lru_cache(maxsize=1 << 16)
def _interval_text(low: float | None, high: float | None, low_inclusive: bool, high_inclusive: bool, unit: str) -> str:
    interval = Interval(low, high, low_inclusive, high_inclusive)
    if interval.low is None:
        low, left = MINUS + "∞", "("
    else:
        low, left = _format(interval.low, unit, symbol=False), "[" if interval.low_inclusive else "("
    if interval.high is None:
        high, right = "∞", ")"
    else:
        high, right = _format(interval.high, unit, symbol=False), "]" if interval.high_inclusive else ")"
    return f"{left}{low}, {high}{right}"


def format_relative(relative: float | None) -> str:
    """A relative change as a signed percentage: 0.4 → '+40 %', -0.032 → '−3.2 %'."""
    if relative is None:
        return "n/a (old figure is zero)"
    pct = relative * 100
    if not math.isfinite(pct):
        return "n/a"
    # Whole percents from 10 % up, rounded half away from zero like the finding messages
    # (checker.describe.signed_percent); one decimal below, where whole percents hide changes.
    if abs(pct) >= 10:
        text = str(math.floor(abs(pct) + 0.5))
    else:
        text = f"{math.floor(abs(pct) * 10 + 0.5) / 10:.1f}".rstrip("0").rstrip(".")
    if text == "0":
        return "0 %"
    return ("+" if pct > 0 else MINUS) + text + " %"


def _signed(x: float, unit: str) -> str:
    text = _format(x, unit)
    return text if text.startswith(MINUS) or x == 0 else "+" + text


# ---------------------------------------------------------------------------------------------
# Small helpers


def checked_url(url: str | None) -> str | None:
    """The url when it is http(s), else None: the only urls a report ever links to."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


@functools.lru_cache(maxsize=1 << 14)
def iso(d: dt.date) -> str:
    """A date as ISO text; a corpus has few distinct dates and a large report prints each often."""
    return d.isoformat()


def _date_text(d: dt.date | None) -> str:
    return iso(d) if d is not None else UNDATED


@functools.lru_cache(maxsize=1 << 14)
def _period_range_text(p: Period) -> str:
    return f"{p.start.isoformat()} – {p.end.isoformat()}"


def _period_range(p: Period | None) -> str | None:
    return None if p is None else _period_range_text(p)


def quote_span(quote: str, sentence: str) -> tuple[int, int] | None:
    """Where the quote sits in its sentence, as (start, end) string offsets, or None.

    Evidence offsets point into the version's text, not the sentence, so the quote is found
    again. The first occurrence wins; a case-insensitive match is the fallback because
    sentence casing is sometimes normalised.
    """
    if not quote:
        return None
    at = sentence.find(quote)
    if at < 0:
        low_sentence, low_quote = sentence.lower(), quote.lower()
        # lower() changes lengths for a few characters; only trust offsets that still line up.
        if len(low_sentence) != len(sentence) or len(low_quote) != len(quote):
            return None
        at = low_sentence.find(low_quote)
        if at < 0:
            return None
    return at, at + len(quote)


_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")
_NOT_TOKEN = re.compile(r"[^a-z0-9-]+")


class Anchors:
    """Hands out HTML ids that are safe to print and unique across the whole site."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def __call__(self, prefix: str, raw: str) -> str:
        base = f"{prefix}-" + (_NOT_ID.sub("-", raw).strip("-") or "x")
        anchor, n = base, 1
        while anchor in self._used:
            n += 1
            anchor = f"{base}-{n}"
        self._used.add(anchor)
        return anchor


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def finding_sort_key(f: Finding) -> tuple:
    """Open conflicts first, then stale, undated-discrepancy, change, revision, agreement.

    Resolved findings follow all unresolved ones (in the same kind order), so the top of the
    page is always what still needs a reader. Ties break on subject, measure and id.
    """
    return (_STATUS_RANK.get(f.status, 0), _kind_rank(f.kind), f.kind, f.subject, f.measure, f.id)


def _counts(keys: Iterable[str], order: tuple[str, ...], labels: dict[str, str], prefix: str) -> tuple[CountView, ...]:
    counter = Counter(keys)
    extra = sorted(k for k in counter if k not in order)
    rows = []
    for key in (*order, *extra):
        n = counter.get(key, 0)
        rows.append(
            CountView(
                key=key,
                label=labels.get(key, key),
                count=n,
                css_class=f"{prefix}-{css_token(key)}",
                row_class="zero" if n == 0 else "nonzero",
            )
        )
    return tuple(rows)


def counts_by_kind(findings: Iterable[Finding]) -> tuple[CountView, ...]:
    """Findings per verdict, every verdict listed (zero rows drawn quieter), reading order."""
    return _counts((f.kind for f in findings), KIND_ORDER, KIND_LABELS, "kind")


def counts_by_status(findings: Iterable[Finding]) -> tuple[CountView, ...]:
    return _counts((f.status for f in findings), STATUS_ORDER, STATUS_LABELS, "status")


@functools.lru_cache(maxsize=1024)  # a handful of kinds, statuses and severities, printed on every row
def css_token(text: str) -> str:
    """A class-name-safe token for a known word: 'needs-re-review', 'undated-discrepancy'."""
    return _NOT_TOKEN.sub("-", text.lower()).strip("-") or "other"


# ---------------------------------------------------------------------------------------------
# Building views


# Where a claim sits in its version's text: the order claims are highlighted in. An attrgetter
# (made by C): the plan puts every version's claims in this order.
text_order = operator.attrgetter("evidence.start", "evidence.end", "id")


def evidence_window(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    """A long sentence cut to its quote and some context either side, with ellipses.

    Returns the text and the quote's offsets in it. Cuts fall on spaces when one is near.
    """
    n = len(sentence)
    if n <= SENTENCE_MAX:
        return sentence, start, end
    left = max(0, start - SENTENCE_CONTEXT)
    right = min(n, end + SENTENCE_CONTEXT)
    if left > 0:
        space = sentence.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < n:
        space = sentence.rfind(" ", end, right)
        right = space if space >= 0 else right
    prefix = ELLIPSIS if left > 0 else ""
    suffix = ELLIPSIS if right < n else ""
    text = prefix + sentence[left:right] + suffix
    shift = len(prefix) - left
    return text, start + shift, end + shift


def claim_when(c: Claim) -> str:
    """When a claim is about: its period's label, else its as-of date, else 'undated'."""
    return c.period.label if c.period is not None else (iso(c.as_of) if c.as_of else UNDATED)


def claim_label(c: Claim, figure: str | None = None) -> str:
    """What a claim says, in one line: 'ICE · annual budget: approximately $8 billion (FY2019)'."""
    heading = " · ".join([x for x in (c.subject, c.measure, c.scope) if x])
    return f"{heading}: {describe(c.value) if figure is None else figure} ({claim_when(c)})"


def claim_view(
    claim: Claim,
    *,
    source: Source | None,
    version: Version | None,
    anchor: str,
    source_class: str,
    source_href: str | None,
    context_href: str | None,
    findings: tuple[FindingRefView, ...],
    figure: str | None = None,
) -> ClaimView:
    """One claim as its group page's table prints it; ``figure`` when the caller already worded it.

    Called once for each of up to 100,000 claims, so the small helpers (format_interval,
    _date_text, _period_range) are inlined here: same values, fewer calls.
    """
    q = claim.value
    if version is not None:
        date, origin = version.date, version.date_origin
    else:
        date, origin = claim.version_date, "none" if claim.version_date is None else "text"
    date_text = iso(date) if date is not None else UNDATED
    ev = claim.evidence
    sentence = ev.sentence
    span = quote_span(ev.quote, sentence)
    if span is not None:
        text, start, end = evidence_window(sentence, *span)
        unmatched = None
    else:
        text, start, end = ev.quote, 0, len(ev.quote)
        unmatched = evidence_window(sentence, 0, 0)[0]
    period, as_of, unit = claim.period, claim.as_of, q.unit
    stated, likely = q.interval, q.likely
    version_label = claim.version
    return ClaimView(
        id=claim.id,
        anchor=anchor,
        row_class=("claim undated " if as_of is None else "claim ") + source_class,
        source_id=claim.source,
        source_title=(source.title or source.id) if source is not None else claim.source,
        source_class=source_class,
        source_href=source_href,
        context_href=context_href,
        version=version_label,
        version_note=None if version_label == date_text else version_label,
        date_text=date_text,
        date_origin=origin,
        date_origin_text=DATE_ORIGIN_LABELS.get(origin, origin),
        subject=claim.subject,
        measure=claim.measure,
        scope=claim.scope,
        figure=describe(q) if figure is None else figure,
        bound=q.bound,
        hedge_note="hedge inherited from the first item of a list" if q.inherited_hedge else None,
        stated_interval=_interval_text(stated.low, stated.high, stated.low_inclusive, stated.high_inclusive, unit),
        likely_interval=_interval_text(likely.low, likely.high, likely.low_inclusive, likely.high_inclusive, unit),
        period_label=period.label if period is not None else NO_VALUE,
        period_range=None if period is None else _period_range_text(period),
        as_of_text=f"as of {iso(as_of)}" if as_of is not None else "not placed in time",
        highlight_text=text,
        highlight_start=start,
        highlight_end=end,
        unmatched_sentence=unmatched,
        location=f"{claim.path}:{ev.line}:{ev.column}",
        evidence_html=highlight(text, start, end),
        findings=findings,
    )


def change_view(change: Change, unit: str) -> ChangeView:
    arrow = {"up": "↑", "down": "↓"}.get(change.direction, "→")
    return ChangeView(
        old=change.old,
        new=change.new,
        old_date=change.old_date or UNDATED,
        new_date=change.new_date or UNDATED,
        direction=change.direction,
        arrow=arrow,
        css_class=f"direction-{css_token(change.direction)}",
        delta=_signed(change.delta, unit),
        relative=format_relative(change.relative),
    )


def _resolution_items(resolution: dict | None) -> tuple[ResolutionItemView, ...]:
    if not resolution:
        return ()
    items = []
    for key in sorted(resolution):
        value = resolution[key]
        if isinstance(value, (list, tuple)):
            text = "; ".join(str(v) for v in value)
        elif hasattr(value, "isoformat"):
            text = value.isoformat()
        else:
            text = str(value)
        items.append(ResolutionItemView(key=str(key), value=text))
    return tuple(items)


@functools.lru_cache(maxsize=1024, typed=True)  # a handful of verdicts, statuses and severities
def _badges(kind: str, status: str, severity: str) -> tuple:
    """What a finding's verdict, severity and status print: labels, classes and sort ranks."""
    kind_class = f"kind-{css_token(kind)}"
    status_class = f"status-{css_token(status)}"
    severity_class = f"severity-{css_token(severity)}"
    return (
        KIND_LABELS.get(kind, kind),
        kind_class,
        _kind_rank(kind),
        SEVERITY_LABELS.get(severity, severity),
        severity_class,
        SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER),
        STATUS_LABELS.get(status, status),
        status_class,
        STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER),
        f"finding {kind_class} {status_class} {severity_class}",
    )


def finding_view(
    f: Finding,
    *,
    anchor: str,
    href: str,
    source_titles: str,
    members: tuple[MemberView, ...],
    member_count: int,
    missing: tuple[str, ...],
    filters: FilterTokens,
) -> FindingView:
    """One finding with its members already named and linked for the page it is shown on."""
    (
        kind_label, kind_class, kind_rank,
        severity_label, severity_class, severity_rank,
        status_label, status_class, status_rank,
        css_class,
    ) = _badges(f.kind, f.status, f.severity)
    more = member_count - len(members)
    subject, measure, scope = f.subject, f.measure, f.scope
    return FindingView(
        id=f.id,
        anchor=anchor,
        kind=f.kind,
        kind_label=kind_label,
        kind_class=kind_class,
        kind_rank=kind_rank,
        severity=f.severity,
        severity_label=severity_label,
        severity_class=severity_class,
        severity_rank=severity_rank,
        status=f.status,
        status_label=status_label,
        status_class=status_class,
        status_rank=status_rank,
        css_class=css_class,
        heading=" · ".join([x for x in (subject, measure, scope) if x]),
        subject=subject,
        measure=measure,
        scope=scope,
        period=f.period or NO_VALUE,
        message=f.message,
        sources=source_titles,
        evidence_digest=f.evidence_digest,
        evidence_digest_short=f.evidence_digest[:SHA_PREFIX],
        change=change_view(f.change, f.unit) if f.change is not None else None,
        resolution=_resolution_items(f.resolution) if f.resolution else (),
        members=members,
        more_members=f"and {plural(more, 'more claim')} (see the table)" if more > 0 else None,
        missing_claims=missing,
        href=href,
        filters=filters,
    )
