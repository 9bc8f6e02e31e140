"""View models: every string, order and CSS class a report prints, decided from a RunResult."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import attrs

from claimcheck import __version__
from claimcheck.checker.describe import describe
from claimcheck.checker.model import Change, Finding
from claimcheck.claims.model import Claim, Interval, Period, Source, Version
from claimcheck.result import RunResult

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
SEVERITY_LABELS = {"error": "error", "warning": "warning", "info": "info", "none": "no action"}
DATE_ORIGIN_LABELS = {
    "config": "set in config",
    "text": "from the text",
    "html-meta": "from HTML meta",
    "filename": "from the file name",
    "none": "no date found",
}
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
SHA_PREFIX = 12
MINUS = "\u2212"  # a real minus sign reads better than a hyphen in figures
NO_VALUE = "—"
UNDATED = "undated"


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
class VersionRefView:
    """A version named outside its source: in the corpus summary's undated list."""

    source_id: str
    source_anchor: str
    version: str
    path: str


@attrs.frozen
class UnreadableView:
    """A version the run could not read, and why."""

    source_id: str
    path: str
    reason: str


@attrs.frozen
class CorpusView:
    """Counts and ranges that describe what the run read."""

    source_count: int
    version_count: int
    claim_count: int
    finding_count: int
    dated_range: str  # "2010-03-01 – 2020-05-13", or NO_VALUE when nothing is dated
    undated_count: int
    unreadable_count: int
    undated: tuple[VersionRefView, ...]
    unreadable: tuple[UnreadableView, ...]


@attrs.frozen
class FindingRefView:
    """A link from a claim back to a finding it belongs to."""

    anchor: str
    label: str
    css_class: str


@attrs.frozen
class ClaimView:
    """One claim as a table row: where it was read, what it says and what it means."""

    id: str
    anchor: str
    source_id: str
    source_title: str
    source_anchor: str | None  # None when the result has no such source
    version: str
    date_text: str  # ISO date or "undated"
    date_origin: str  # the raw origin: config | text | html-meta | filename | none
    date_origin_text: str
    subject: str
    measure: str
    scope: str | None
    figure: str  # "more than $5.7 billion", worded as in finding messages (checker.describe)
    unit: str
    bound: str
    hedge_note: str | None  # set when the hedge came from the first item of a list
    stated_interval: str  # "(5.7 bn, ∞)"
    likely_interval: str
    period_label: str  # "FY2019", or NO_VALUE
    period_range: str | None  # "2018-10-01 – 2019-09-30"
    as_of_text: str  # "as of 2020-05-13", or "not placed in time" when undated
    quote: str
    sentence: str
    quote_found: bool  # the quote occurs in the sentence, at quote_start:quote_end
    quote_start: int
    quote_end: int
    # What the evidence cell highlights: the sentence at the quote's span, or the quote itself
    # when it cannot be found in the sentence (then the sentence is printed plainly after it).
    highlight_text: str
    highlight_start: int
    highlight_end: int
    unmatched_sentence: str | None
    location: str  # "path:line:column" in the original file
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
class FindingView:
    """One finding: its badges, message, change and member claims."""

    id: str
    anchor: str
    kind: str
    kind_label: str
    kind_class: str
    severity: str
    severity_label: str
    severity_class: str
    status: str
    status_label: str
    status_class: str
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
    claims: tuple[ClaimView, ...]
    missing_claims: tuple[str, ...]  # claim ids the run result does not contain


@attrs.frozen
class VersionView:
    """One version of a source, with its claims in text order."""

    version: str
    anchor: str
    date_text: str
    date_origin: str
    date_origin_text: str
    css_class: str
    path: str
    sha256: str
    sha256_short: str
    claim_count: int
    claims: tuple[ClaimView, ...]


@attrs.frozen
class SourceView:
    """One source: identity, a link only when the url is http(s), and its versions."""

    id: str
    anchor: str
    title: str
    publisher: str | None
    url: str | None  # http(s) only: the one value a template may put in an href
    unlinked_url: str | None  # a url that was given but is not http(s): shown as text, never linked
    versions: tuple[VersionView, ...]
    claim_count: int


@attrs.frozen
class ReportView:
    """Everything the HTML report prints, in the order it prints it."""

    title: str
    summary: str
    generator: str
    counts_by_kind: tuple[CountView, ...]
    counts_by_status: tuple[CountView, ...]
    corpus: CorpusView
    findings: tuple[FindingView, ...]
    sources: tuple[SourceView, ...]
    unplaced_claims: tuple[ClaimView, ...]  # claims whose source or version the result lacks


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


def _date_text(d: object) -> str:
    return d.isoformat() if d is not None else UNDATED  # type: ignore[attr-defined]


def _period_range(p: Period | None) -> str | None:
    return None if p is None else f"{p.start.isoformat()} – {p.end.isoformat()}"


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


class _Anchors:
    """Hands out HTML ids that are safe to print and unique within one page."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def __call__(self, prefix: str, raw: str) -> str:
        base = f"{prefix}-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-") or "x")
        anchor, n = base, 1
        while anchor in self._used:
            n += 1
            anchor = f"{base}-{n}"
        self._used.add(anchor)
        return anchor


def _plural(n: int, word: str) -> str:
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
                css_class=f"{prefix}-{_css_token(key)}",
                row_class="zero" if n == 0 else "nonzero",
            )
        )
    return tuple(rows)


def _css_token(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "other"


# ---------------------------------------------------------------------------------------------
# Building the view


def _text_order(c: Claim) -> tuple[int, int, str]:
    return (c.evidence.start, c.evidence.end, c.id)


def _claim_view(
    claim: Claim,
    source: Source | None,
    version: Version | None,
    anchor: str,
    source_anchor: str | None,
    findings: tuple[FindingRefView, ...],
) -> ClaimView:
    q = claim.value
    if version is not None:
        date, origin = version.date, version.date_origin
    else:
        date, origin = claim.version_date, "none" if claim.version_date is None else "unknown"
    span = quote_span(claim.evidence.quote, claim.evidence.sentence)
    ev = claim.evidence
    return ClaimView(
        id=claim.id,
        anchor=anchor,
        source_id=claim.source,
        source_title=(source.title or source.id) if source is not None else claim.source,
        source_anchor=source_anchor,
        version=claim.version,
        date_text=_date_text(date),
        date_origin=origin,
        date_origin_text=DATE_ORIGIN_LABELS.get(origin, origin),
        subject=claim.subject,
        measure=claim.measure,
        scope=claim.scope,
        figure=describe(q),
        unit=q.unit,
        bound=q.bound,
        hedge_note="hedge inherited from the first item of a list" if q.inherited_hedge else None,
        stated_interval=format_interval(q.interval, q.unit),
        likely_interval=format_interval(q.likely, q.unit),
        period_label=claim.period.label if claim.period is not None else NO_VALUE,
        period_range=_period_range(claim.period),
        as_of_text=f"as of {claim.as_of.isoformat()}" if claim.as_of is not None else "not placed in time",
        quote=ev.quote,
        sentence=ev.sentence,
        quote_found=span is not None,
        quote_start=span[0] if span else 0,
        quote_end=span[1] if span else 0,
        highlight_text=ev.sentence if span else ev.quote,
        highlight_start=span[0] if span else 0,
        highlight_end=span[1] if span else len(ev.quote),
        unmatched_sentence=None if span else ev.sentence,
        location=f"{claim.path}:{ev.line}:{ev.column}",
        findings=findings,
    )


def _change_view(change: Change, unit: str) -> ChangeView:
    arrow = {"up": "↑", "down": "↓"}.get(change.direction, "→")
    return ChangeView(
        old=change.old,
        new=change.new,
        old_date=change.old_date or UNDATED,
        new_date=change.new_date or UNDATED,
        direction=change.direction,
        arrow=arrow,
        css_class=f"direction-{_css_token(change.direction)}",
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


def build_report_view(result: RunResult) -> ReportView:
    """Turn a run's result into the view the HTML report prints. Pure: no I/O, no clock."""
    anchors = _Anchors()
    sources = {s.id: s for s in result.sources}
    versions = {(s.id, v.version): v for s in result.sources for v in s.versions}
    source_anchor = {s.id: anchors("source", s.id) for s in result.sources}
    claim_anchor = {c.id: anchors("claim", c.id) for c in result.claims}
    claims_by_id = {c.id: c for c in result.claims}

    findings = sorted(result.findings, key=finding_sort_key)
    finding_anchor = {f.id: anchors("finding", f.id) for f in findings}

    # Back-references claim → findings, in the findings' reading order.
    refs: dict[str, list[FindingRefView]] = {}
    for f in findings:
        ref = FindingRefView(
            anchor=finding_anchor[f.id],
            label=KIND_LABELS.get(f.kind, f.kind),
            css_class=f"kind-{_css_token(f.kind)}",
        )
        for cid in dict.fromkeys(f.claims):
            refs.setdefault(cid, []).append(ref)

    def claim_view(c: Claim) -> ClaimView:
        return _claim_view(
            c,
            sources.get(c.source),
            versions.get((c.source, c.version)),
            claim_anchor[c.id],
            source_anchor.get(c.source),
            tuple(refs.get(c.id, ())),
        )

    claim_views = {c.id: claim_view(c) for c in result.claims}

    finding_views = []
    for f in findings:
        members = tuple(claim_views[cid] for cid in f.claims if cid in claim_views)
        missing = tuple(cid for cid in f.claims if cid not in claim_views)
        source_ids = f.sources or tuple(sorted({claims_by_id[cid].source for cid in f.claims if cid in claims_by_id}))
        kind_class = f"kind-{_css_token(f.kind)}"
        status_class = f"status-{_css_token(f.status)}"
        severity_class = f"severity-{_css_token(f.severity)}"
        heading = " · ".join(x for x in (f.subject, f.measure, f.scope) if x)
        finding_views.append(
            FindingView(
                id=f.id,
                anchor=finding_anchor[f.id],
                kind=f.kind,
                kind_label=KIND_LABELS.get(f.kind, f.kind),
                kind_class=kind_class,
                severity=f.severity,
                severity_label=SEVERITY_LABELS.get(f.severity, f.severity),
                severity_class=severity_class,
                status=f.status,
                status_label=STATUS_LABELS.get(f.status, f.status),
                status_class=status_class,
                css_class=f"finding {kind_class} {status_class} {severity_class}",
                heading=heading,
                subject=f.subject,
                measure=f.measure,
                scope=f.scope,
                period=f.period or NO_VALUE,
                message=f.message,
                sources=", ".join((sources[s].title or s) if s in sources else s for s in source_ids),
                evidence_digest=f.evidence_digest,
                evidence_digest_short=f.evidence_digest[:SHA_PREFIX],
                change=_change_view(f.change, f.unit) if f.change is not None else None,
                resolution=_resolution_items(f.resolution),
                claims=members,
                missing_claims=missing,
            )
        )

    # Per source: versions in the source's own order (oldest first, undated last), each with
    # its claims in text order.
    claims_at: dict[tuple[str, str], list[Claim]] = {}
    for c in result.claims:
        claims_at.setdefault((c.source, c.version), []).append(c)
    source_views = []
    for s in result.sources:
        version_views = []
        for v in s.versions:
            here = sorted(claims_at.get((s.id, v.version), ()), key=_text_order)
            version_views.append(
                VersionView(
                    version=v.version,
                    anchor=anchors("version", f"{s.id}-{v.version}"),
                    date_text=_date_text(v.date),
                    date_origin=v.date_origin,
                    date_origin_text=DATE_ORIGIN_LABELS.get(v.date_origin, v.date_origin),
                    css_class="version undated" if v.date is None else "version",
                    path=v.path,
                    sha256=v.sha256,
                    sha256_short=v.sha256[:SHA_PREFIX],
                    claim_count=len(here),
                    claims=tuple(claim_views[c.id] for c in here),
                )
            )
        url = checked_url(s.url)
        source_views.append(
            SourceView(
                id=s.id,
                anchor=source_anchor[s.id],
                title=s.title or s.id,
                publisher=s.publisher,
                url=url,
                unlinked_url=s.url if s.url and url is None else None,
                versions=tuple(version_views),
                claim_count=sum(vv.claim_count for vv in version_views),
            )
        )
    unplaced = tuple(
        claim_views[c.id]
        for c in sorted(result.claims, key=lambda c: (c.source, c.version, *_text_order(c)))
        if (c.source, c.version) not in versions
    )

    all_versions = [(s, v) for s in result.sources for v in s.versions]
    dates = sorted(v.date for _, v in all_versions if v.date is not None)
    undated = tuple(
        VersionRefView(source_id=s.id, source_anchor=source_anchor[s.id], version=v.version, path=v.path)
        for s, v in all_versions
        if v.date is None
    )
    unreadable = tuple(
        UnreadableView(source_id=u.source, path=u.path, reason=u.reason)
        for u in sorted(result.unreadable, key=lambda u: (u.source, u.path, u.reason))
    )
    corpus = CorpusView(
        source_count=len(result.sources),
        version_count=len(all_versions),
        claim_count=len(result.claims),
        finding_count=len(result.findings),
        dated_range=f"{dates[0].isoformat()} – {dates[-1].isoformat()}" if dates else NO_VALUE,
        undated_count=len(undated),
        unreadable_count=len(unreadable),
        undated=undated,
        unreadable=unreadable,
    )

    unresolved = [f for f in result.findings if f.status != "resolved"]
    open_conflicts = sum(1 for f in unresolved if f.kind == "conflict")
    summary = (
        f"{_plural(len(result.findings), 'finding')} ({_plural(open_conflicts, 'unresolved conflict')}) "
        f"from {_plural(len(result.claims), 'claim')} in {_plural(len(result.sources), 'source')} "
        f"({_plural(len(all_versions), 'version')})"
    )
    return ReportView(
        title="claimcheck report",
        summary=summary,
        generator=f"claimcheck {__version__}",
        counts_by_kind=_counts((f.kind for f in result.findings), KIND_ORDER, KIND_LABELS, "kind"),
        counts_by_status=_counts((f.status for f in result.findings), STATUS_ORDER, STATUS_LABELS, "status"),
        corpus=corpus,
        findings=tuple(finding_views),
        sources=tuple(source_views),
        unplaced_claims=unplaced,
    )
