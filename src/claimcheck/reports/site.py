"""The report site's plan: which pages exist, what each one shows, and every link between them."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

import attrs

from claimcheck import __version__
from claimcheck.checker.describe import describe
from claimcheck.checker.group import GroupKey, group_key
from claimcheck.checker.model import Finding
from claimcheck.claims.model import Claim, Source, Version
from claimcheck.reports.highlight import MarkSpan
from claimcheck.reports.timeline import MAX_MARKS, TimelinePoint, TimelineView, build_timeline
from claimcheck.reports.views import (
    KIND_LABELS,
    KIND_ORDER,
    MEMBERS_SHOWN,
    NO_VALUE,
    PALETTE_SIZE,
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    STATUS_LABELS,
    STATUS_ORDER,
    UNDATED,
    UNDATED_REASONS,
    DATE_ORIGIN_LABELS,
    SHA_PREFIX,
    Anchors,
    ClaimView,
    CountView,
    FilterTokens,
    FindingRefView,
    FindingView,
    LinkView,
    MemberView,
    checked_url,
    claim_label,
    claim_view,
    counts_by_kind,
    counts_by_status,
    css_token,
    evidence_window,
    finding_sort_key,
    finding_view,
    format_number,
    iso,
    plural,
    quote_span,
    text_order,
)
from claimcheck.result import RunResult

# Page size. The hard limit is 1.5 MB a page; the plan aims lower because its sizes are estimates.
BUDGET = 1_200_000
PAGE_OVERHEAD = 20_000  # header, navigation, pager
FINDINGS_PER_PAGE = 500  # also what the filter script handles comfortably at once
CLAIM_ROWS_PER_PAGE = 400
INDEX_ROWS_PER_PAGE = 1000
OVERVIEW_LIST_MAX = 100
REVISIONS_SHOWN = 300  # per source page; the findings list has them all
TEXT_CHUNK_CHARS = 200_000
TEXT_CHUNK_BYTES = 800_000
SLUG_TEXT = 40
SLUG_HASH = 10

STYLESHEET = "report.css"  # beside index.html; every page links it
GROUPS_DIR = "groups"
SOURCES_DIR = "sources"
SITE_TITLE = "claimcheck report"


# ---------------------------------------------------------------------------------------------
# Page views


@attrs.frozen
class Chrome:
    """What every page prints around its content: title, navigation, pager."""

    path: str  # the file, relative to the report directory
    template: str
    title: str  # <title>
    heading: str  # <h1>
    lede: str
    nav: tuple[LinkView, ...]
    pager: tuple[LinkView, ...]  # pages of this page's family; empty when there is one
    pager_label: str
    home_href: str
    stylesheet_href: str  # report.css, relative to this page
    generator: str
    has_script: bool = False


@attrs.frozen
class UndatedView:
    source_title: str
    source_href: str
    version: str
    path: str
    reason: str


@attrs.frozen
class UnreadableView:
    source_id: str
    source_href: str | None
    path: str
    reason: str


@attrs.frozen
class CorpusView:
    """Counts and ranges that describe what the run read."""

    source_count: int
    version_count: int
    claim_count: int
    finding_count: int
    group_count: int
    dated_range: str  # "2010-03-01 – 2020-05-13", or NO_VALUE when nothing is dated
    undated_count: int
    unreadable_count: int
    undated: tuple[UndatedView, ...]
    undated_more: str | None
    unreadable: tuple[UnreadableView, ...]
    unreadable_more: str | None
    warning_count: int
    warnings: tuple[UnreadableView, ...]  # versions read imperfectly: the reason is the warning
    warnings_more: str | None


@attrs.frozen
class SourceRowView:
    title: str
    href: str
    id: str
    publisher: str
    version_count: int
    claim_count: int
    date_range: str
    undated_count: int


@attrs.frozen
class OverviewPage:
    chrome: Chrome
    counts_by_kind: tuple[CountView, ...]
    counts_by_status: tuple[CountView, ...]
    open_conflicts: tuple[FindingView, ...]
    open_conflicts_more: str | None
    open_warnings: tuple[FindingView, ...]  # stale figures, undated discrepancies: still open
    open_warnings_more: str | None
    corpus: CorpusView
    sources: tuple[SourceRowView, ...]
    sources_more: str | None
    pages: tuple[LinkView, ...]


@attrs.frozen
class OptionView:
    value: str
    label: str


@attrs.frozen
class FilterView:
    """One server-rendered filter control of the findings list."""

    key: str  # the row attribute it filters on: data-<key>
    control_id: str
    label: str
    options: tuple[OptionView, ...]


@attrs.frozen
class FindingsPage:
    chrome: Chrome
    rows: tuple[FindingView, ...]
    filters: tuple[FilterView, ...]
    range_text: str


@attrs.frozen
class GroupRowView:
    label: str
    href: str
    subject: str
    measure: str
    scope: str
    unit: str
    claim_count: int
    source_count: int
    date_range: str
    findings: tuple[CountView, ...]


@attrs.frozen
class GroupsIndexPage:
    chrome: Chrome
    rows: tuple[GroupRowView, ...]
    range_text: str


@attrs.frozen
class LegendItemView:
    css_class: str
    label: str


@attrs.frozen
class FactView:
    label: str
    value: str


@attrs.frozen
class GroupPage:
    chrome: Chrome
    facts: tuple[FactView, ...]
    findings: tuple[FindingView, ...]
    timeline: TimelineView | None
    legend: tuple[LegendItemView, ...]
    chart_note: str | None
    claims: tuple[ClaimView, ...]
    table_caption: str


@attrs.frozen
class SourcesIndexPage:
    chrome: Chrome
    rows: tuple[SourceRowView, ...]
    range_text: str
    undated: tuple[UndatedView, ...]
    unreadable: tuple[UnreadableView, ...]
    warnings: tuple[UnreadableView, ...]


@attrs.frozen
class VersionRowView:
    version: str
    href: str
    date_text: str
    date_origin_text: str
    date_evidence: str
    path: str
    sha256: str
    sha256_short: str
    kind: str
    claim_count: int
    row_class: str


@attrs.frozen
class FallbackClaimView:
    """A claim listed on its own when its version's text is not in the run."""

    anchor: str
    label: str
    href: str
    highlight_text: str
    highlight_start: int
    highlight_end: int


@attrs.frozen
class TextBlockView:
    """One version's text, or one part of it when it is too long for one page."""

    anchor: str
    heading: str
    part: str | None  # "part 2 of 3"
    first: bool  # the first part: prints the version's facts
    facts: tuple[FactView, ...]
    has_text: bool
    text: str
    spans: tuple[MarkSpan, ...]
    fallback: tuple[FallbackClaimView, ...]
    note: str | None


@attrs.frozen
class SourcePage:
    chrome: Chrome
    facts: tuple[FactView, ...]
    url: str | None  # http(s) only: the one value a template may put in an outside href
    unlinked_url: str | None  # given but not http(s): shown as text, never linked
    versions: tuple[VersionRowView, ...]  # first page only
    revisions: tuple[FindingView, ...]  # first page only
    revisions_more: str | None
    blocks: tuple[TextBlockView, ...]


Page = OverviewPage | FindingsPage | GroupsIndexPage | GroupPage | SourcesIndexPage | SourcePage
# A family of pages, built together: ("overview",), ("findings",), ("groups",), ("sources",),
# ("group", subject, measure, scope, unit), ("source", source id).
Family = tuple[str, ...]


@attrs.frozen
class SiteView:
    """Every page of the report, in path order."""

    pages: tuple[Page, ...]


# ---------------------------------------------------------------------------------------------
# Paths and links


def slug(kind: str, raw: str) -> str:
    """A file-name-safe slug: a readable ASCII prefix of ``raw`` and a hash of all of it.

    Only ``[a-z0-9-]`` ever reaches a path, so no text can leave the folder or name a device;
    the hash keeps slugs apart that read the same ("a b" and "a-b").
    """
    readable = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")[:SLUG_TEXT].strip("-")
    digest = hashlib.sha256(f"{kind}\x00{raw}".encode()).hexdigest()[:SLUG_HASH]
    return f"{readable}-{digest}" if readable else f"{kind}-{digest}"


def _group_raw(key: GroupKey) -> str:
    return json.dumps(list(key), ensure_ascii=False)


def page_file(base: str, index: int) -> str:
    """``base.html`` for the first page of a family, ``base-p2.html`` … after it."""
    return f"{base}.html" if index == 0 else f"{base}-p{index + 1}.html"


def rel(from_path: str, target: str) -> str:
    """``target`` (site-relative, maybe with a #fragment) as a link from the page ``from_path``.

    Pages live in the report directory or one folder below it (groups/, sources/).
    """
    hash_at = target.find("#")
    path = target if hash_at < 0 else target[:hash_at]
    if path == from_path and hash_at >= 0:
        return target[hash_at:]
    slash = from_path.rfind("/")
    if slash < 0:
        return target
    if target.startswith(from_path[: slash + 1]):
        return target[slash + 1 :]
    return "../" + target


def _pack(sizes: Sequence[int], first: int, max_items: int) -> list[range]:
    """Consecutive items split into pages under the budget; always at least one page."""
    pages: list[range] = []
    start, used, count = 0, first, 0
    for i, size in enumerate(sizes):
        if count and (used + size > BUDGET or count >= max_items):
            pages.append(range(start, i))
            start, used, count = i, PAGE_OVERHEAD, 0
        used += size
        count += 1
    pages.append(range(start, len(sizes)))
    return pages


def _escaped_size(text: str) -> int:
    """``len(str(escape(text)).encode("utf-8"))``, counted without making either copy.

    Escaping lengthens ``&`` by four bytes (``&amp;``), ``<`` and ``>`` by three, ``"`` and ``'``
    by four (``&#34;``, ``&#39;``); the plan sizes every chunk of every version's text this way.
    """
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    return size + 4 * (text.count("&") + text.count('"') + text.count("'")) + 3 * (text.count("<") + text.count(">"))


def _est(*texts: str | None) -> int:
    # Short fields: their length, doubled for escaping and multi-byte characters.
    return sum(2 * len(t) for t in texts if t)


# ---------------------------------------------------------------------------------------------
# Text chunks


def split_text(text: str, spans: Sequence[tuple[int, int]], limit: int = TEXT_CHUNK_CHARS) -> list[tuple[int, int]]:
    """``text`` cut into pieces of about ``limit`` characters, never inside a span.

    Cuts prefer a line break, then a space, in the second half of the piece. Pieces whose
    escaped bytes still exceed TEXT_CHUNK_BYTES (text full of ``<`` or multi-byte characters)
    are cut again, smaller.
    """
    return [(a, b) for a, b, _size in _split_sized(text, spans, limit)]


def _split_sized(text: str, spans: Sequence[tuple[int, int]], limit: int) -> list[tuple[int, int, int]]:
    """``split_text``'s pieces, each with its ``_escaped_size``: the plan sizes its chunks by it,
    and a text's escapes are counted once, not once to cut it and again to size it."""
    n = len(text)
    # Most texts fit in one piece and never need their spans in order.
    ordered = sorted((min(max(0, s), n), min(max(0, e), n)) for s, e in spans) if n > limit else []
    pieces: list[tuple[int, int]] = []
    pos = 0
    i, reach = 0, 0  # spans[:i] start before the cut; reach: the furthest any of them ends
    while n - pos > limit:
        cut = pos + limit
        for sep in ("\n", " "):
            at = text.rfind(sep, pos + limit // 2, cut)
            if at >= 0:
                cut = at + 1
                break
        # Never inside a span: move the cut past the end of every span that covers it.
        while True:
            while i < len(ordered) and ordered[i][0] < cut:
                reach = max(reach, ordered[i][1])
                i += 1
            if reach <= cut:
                break
            cut = reach
        if cut >= n:
            break
        pieces.append((pos, cut))
        pos = cut
    pieces.append((pos, n))
    out: list[tuple[int, int, int]] = []
    for a, b in pieces:
        piece = text[a:b]
        size = _escaped_size(piece)
        if limit > 1000 and size > TEXT_CHUNK_BYTES:
            if n <= limit:  # the one piece, its spans not yet put in order
                ordered = sorted((min(max(0, s), n), min(max(0, e), n)) for s, e in spans)
            inner = [(s - a, e - a) for s, e in ordered if a <= s < b]
            out.extend((a + x, a + y, z) for x, y, z in _split_sized(piece, inner, limit // 2))
        else:
            out.append((a, b, size))
    return out


@attrs.frozen
class _Chunk:
    source: Source
    version: Version
    part: int
    parts: int
    start: int
    end: int
    text: str | None  # None: no extracted text in the run
    claims: tuple[Claim, ...]
    size: int


# ---------------------------------------------------------------------------------------------
# The plan


class _Site:
    """Builds the SiteView of one RunResult; holds the lookups every page needs."""

    def __init__(self, result: RunResult) -> None:
        self.result = result
        self.generator = f"claimcheck {__version__}"
        self.sources = {s.id: s for s in result.sources}
        # The sources in the order every list of them is in: sorted once, here.
        self.sorted_sources = tuple(sorted(result.sources, key=operator.attrgetter("id")))
        # What pages call a source: looked up for every source of every finding shown.
        self.source_titles = {sid: s.title or s.id for sid, s in self.sources.items()}
        self.versions = {(s.id, v.version): v for s in result.sources for v in s.versions}
        self.texts: dict[tuple[str, str], str] = {}
        for t in result.texts:
            self.texts.setdefault((t.source, t.version), t.text)
        self.claims = {c.id: c for c in result.claims}
        # Worded once per claim: several pages print them.
        self.figure = {c.id: describe(c.value) for c in result.claims}
        self.label = {c.id: claim_label(c, self.figure[c.id]) for c in result.claims}
        self.version_claim_count = Counter((c.source, c.version) for c in result.claims)
        self.source_claim_count = Counter(c.source for c in result.claims)
        self.findings = sorted(result.findings, key=finding_sort_key)

        anchors = Anchors()
        self.claim_anchor = {c.id: anchors("claim", c.id) for c in sorted(result.claims, key=operator.attrgetter("id"))}
        self.finding_anchor = {f.id: anchors("finding", f.id) for f in self.findings}
        self.version_anchor = {
            (s.id, v.version): anchors("version", f"{s.id}-{v.version}")
            for s in self.sorted_sources
            for v in s.versions
        }

        # Slugs, deduplicated in sorted order so the same inputs always give the same names.
        self.source_slug: dict[str, str] = {}
        used: set[str] = set()
        for sid in sorted(self.sources):
            self.source_slug[sid] = _unique(slug("source", sid), used)
        self.groups = _group_claims(result.claims)
        self.group_slug: dict[GroupKey, str] = {}
        used = set()
        for key in self.groups:
            self.group_slug[key] = _unique(slug("group", _group_raw(key)), used)

        # Which group each finding belongs to: that of its claims, else its own fields.
        self.finding_group: dict[str, GroupKey | None] = {}
        self.group_findings: dict[GroupKey, list[Finding]] = {}
        claims = self.claims
        for f in self.findings:
            key = None
            for cid in f.claims:
                c = claims.get(cid)
                if c is not None:
                    key = group_key(c)
                    break
            if key is None:
                own = (f.subject, f.measure, f.scope or "", f.unit)
                key = own if own in self.groups else None
            self.finding_group[f.id] = key
            if key is not None:
                self.group_findings.setdefault(key, []).append(f)
        # A claim stands in several findings: ``setdefault`` would make a new list for each of them.
        self.claim_findings: dict[str, list[Finding]] = {}
        claim_findings = self.claim_findings
        for f in self.findings:
            for cid in dict.fromkeys(f.claims):
                found = claim_findings.get(cid)
                if found is None:
                    claim_findings[cid] = [f]
                else:
                    found.append(f)
        self.conflicted = {cid for f in self.findings if f.kind == "conflict" for cid in f.claims}

        # Filter tokens: indexes into sorted lists, so rows never carry raw text as a token.
        subjects = sorted({f.subject for f in self.findings})
        self.subject_token = {s: f"s{i}" for i, s in enumerate(subjects)}
        source_ids = sorted(set(self.sources) | {s for f in self.findings for s in self._finding_sources(f)})
        self.source_token = {s: f"o{i}" for i, s in enumerate(source_ids)}

        self._plan_sources()
        self._plan_groups()
        self._plan_lists()

    # -- helpers ---------------------------------------------------------------------------

    def _finding_sources(self, f: Finding) -> tuple[str, ...]:
        if f.sources:
            return tuple(f.sources)
        return tuple(sorted({self.claims[c].source for c in f.claims if c in self.claims}))

    def _source_title(self, sid: str) -> str:
        return self.source_titles.get(sid, sid)

    def _nav(self, from_path: str, current: str) -> tuple[LinkView, ...]:
        # No counts: a count here would tie every page's bytes to the whole run, and a run with
        # one page changed could then reuse none of the previous report's pages (pagedigest.py).
        items = (
            ("overview", "Overview", "index.html"),
            ("findings", "Findings", "findings.html"),
            ("groups", "Groups", "groups.html"),
            ("sources", "Sources", "sources.html"),
        )
        return tuple(LinkView(label, rel(from_path, href), key == current) for key, label, href in items)

    def _chrome(
        self,
        path: str,
        template: str,
        title: str,
        heading: str,
        lede: str,
        section: str,
        family: Sequence[str] = (),
        has_script: bool = False,
    ) -> Chrome:
        pager: tuple[LinkView, ...] = ()
        if len(family) > 1:
            pager = tuple(LinkView(str(i + 1), rel(path, p), p == path) for i, p in enumerate(family))
        return Chrome(
            path=path,
            template=template,
            title=f"{title} · {SITE_TITLE}" if path != "index.html" else SITE_TITLE,
            heading=heading,
            lede=lede,
            nav=self._nav(path, section),
            pager=pager,
            pager_label=f"Pages of {heading}",
            home_href=rel(path, "index.html"),
            stylesheet_href=rel(path, STYLESHEET),
            generator=self.generator,
            has_script=has_script,
        )

    def _finding_href(self, f: Finding, sources: Sequence[str] | None = None) -> str:
        key = self.finding_group.get(f.id)
        anchor = self.finding_anchor[f.id]
        if key is not None:
            return f"{self.group_pages[key][0]}#{anchor}"
        sid = next(iter(self._finding_sources(f) if sources is None else sources), None)
        if f.kind == "revision" and sid in self.source_pages:
            return f"{self.source_pages[sid][0]}#{anchor}"
        return ""

    def _filters(self, f: Finding, sources: Sequence[str]) -> FilterTokens:
        token = self.source_token
        return FilterTokens(
            kind=css_token(f.kind),
            status=css_token(f.status),
            severity=css_token(f.severity),
            subject=self.subject_token.get(f.subject, ""),
            sources=" ".join([token[s] for s in sources if s in token]),
        )

    def _finding(self, f: Finding, members: tuple[MemberView, ...] = (), member_count: int = 0) -> FindingView:
        # Called for every finding of the findings list: its sources are worked out once here.
        sources = self._finding_sources(f)
        title, claims = self.source_titles.get, self.claims
        return finding_view(
            f,
            anchor=self.finding_anchor[f.id],
            href=self._finding_href(f, sources),
            source_titles=", ".join([title(s, s) for s in sources]),
            members=members,
            member_count=member_count,
            missing=tuple([c for c in f.claims if c not in claims]),
            filters=self._filters(f, sources),
        )

    # -- planning: which page shows what -------------------------------------------------

    def _plan_sources(self) -> None:
        claims_at: dict[tuple[str, str], list[Claim]] = {}
        for c in self.result.claims:
            at = (c.source, c.version)
            here = claims_at.get(at)
            if here is None:
                claims_at[at] = [c]
            else:
                here.append(c)
        self.source_revisions: dict[str, list[Finding]] = {}
        for f in self.findings:
            if f.kind == "revision":
                for sid in self._finding_sources(f)[:1]:
                    self.source_revisions.setdefault(sid, []).append(f)
        self.source_pages: dict[str, list[str]] = {}
        self.source_chunks: dict[str, list[list[_Chunk]]] = {}
        self.claim_context: dict[str, str] = {}  # claim id → source page path
        label = self.label
        for s in self.sorted_sources:
            base = f"{SOURCES_DIR}/{self.source_slug[s.id]}"
            chunks: list[_Chunk] = []
            for v in s.versions:
                here = sorted(claims_at.get((s.id, v.version), ()), key=text_order)
                text = self.texts.get((s.id, v.version))
                if text is None:
                    # No text to show: the claims are listed instead, a page's worth at a time.
                    parts = [here[i : i + CLAIM_ROWS_PER_PAGE] for i in range(0, len(here), CLAIM_ROWS_PER_PAGE)] or [[]]
                    for i, part in enumerate(parts):
                        size = 1500 + sum(900 + _est(c.evidence.sentence[:1000]) for c in part)
                        chunks.append(_Chunk(s, v, i, len(parts), 0, 0, None, tuple(part), size))
                    continue
                pieces = _split_sized(text, [(c.evidence.start, c.evidence.end) for c in here], TEXT_CHUNK_CHARS)
                starts = [min(max(c.evidence.start, 0), len(text)) for c in here]  # ascending: text order
                for i, (a, b, escaped) in enumerate(pieces):
                    first_claim = bisect.bisect_left(starts, a)
                    last_claim = len(starts) if i == len(pieces) - 1 else bisect.bisect_left(starts, b)
                    inside = tuple(here[first_claim:last_claim])
                    size = 1200 + escaped + 260 * len(inside) + 2 * sum([len(label[c.id]) for c in inside])
                    chunks.append(_Chunk(s, v, i, len(pieces), a, b, text, inside, size))
            revisions = self.source_revisions.get(s.id, [])[:REVISIONS_SHOWN]
            header = PAGE_OVERHEAD + 600 * len(s.versions) + sum(
                2000 + _est(f.message) + 200 * min(len(f.claims), MEMBERS_SHOWN) for f in revisions
            )
            pages = _pack([c.size for c in chunks], header, max_items=10_000)
            paths = [page_file(base, i) for i in range(len(pages))]
            self.source_pages[s.id] = paths
            self.source_chunks[s.id] = [[chunks[i] for i in r] for r in pages]
            for path, r in zip(paths, pages):
                for i in r:
                    for c in chunks[i].claims:
                        self.claim_context[c.id] = f"{path}#{self.claim_anchor[c.id]}"

    def _plan_groups(self) -> None:
        self.group_pages: dict[GroupKey, list[str]] = {}
        self.group_cost: dict[GroupKey, int] = {}
        self.group_items: dict[GroupKey, list[tuple[list[Finding], list[Claim]]]] = {}
        self.claim_row: dict[str, str] = {}  # claim id → group page path
        claim_findings, claim_anchor, claim_row = self.claim_findings, self.claim_anchor, self.claim_row
        for key, claims in self.groups.items():
            base = f"{GROUPS_DIR}/{self.group_slug[key]}"
            findings = self.group_findings.get(key, [])
            # The group's findings, then its claims: each with its estimated size (``_est``, inlined).
            sizes = [2000 + _est(f.message) + 200 * min(len(f.claims), MEMBERS_SHOWN) for f in findings]
            sizes += [
                1500 + 2 * min(len(c.evidence.sentence), 1000) + (2 * len(c.path) if c.path else 0)
                + 150 * len(claim_findings.get(c.id, ()))
                for c in claims
            ]
            first = PAGE_OVERHEAD + 4000 + min(len(claims), MAX_MARKS) * 600
            pages = _pack(sizes, first, CLAIM_ROWS_PER_PAGE)
            paths = [page_file(base, i) for i in range(len(pages))]
            self.group_cost[key] = first + sum(sizes)
            self.group_pages[key] = paths
            items = self.group_items[key] = []
            nf = len(findings)
            for path, r in zip(paths, pages):
                # Item i is findings[i] below nf, claims[i - nf] from there on.
                cs = list(claims[max(r.start - nf, 0) : max(r.stop - nf, 0)])
                items.append((findings[r.start : min(r.stop, nf)], cs))
                for c in cs:
                    claim_row[c.id] = f"{path}#{claim_anchor[c.id]}"

    def _plan_lists(self) -> None:
        sizes = [  # _est, inlined: one size for each of tens of thousands of findings
            1000 + 2 * (len(f.message or "") + len(f.subject or "") + len(f.measure or "") + len(f.scope or ""))
            + 60 * len(self._finding_sources(f))
            for f in self.findings
        ]
        self.findings_pages = _pack(sizes, PAGE_OVERHEAD + 20_000, FINDINGS_PER_PAGE)
        self.findings_paths = [page_file("findings", i) for i in range(len(self.findings_pages))]
        keys = list(self.groups)
        self.group_index_pages = _pack([800 + _est(*k) for k in keys], PAGE_OVERHEAD, INDEX_ROWS_PER_PAGE)
        self.group_index_paths = [page_file("groups", i) for i in range(len(self.group_index_pages))]
        sources = self.sorted_sources
        first = PAGE_OVERHEAD + 400 * sum(1 for s in sources for v in s.versions if v.date is None)
        first += sum(400 + _est(u.path, u.reason) for u in self.result.unreadable)
        first += sum(400 + _est(w.path, w.message) for w in self.result.warnings)
        self.source_index_pages = _pack(
            [800 + _est(s.id, s.title, s.publisher) for s in sources], first, INDEX_ROWS_PER_PAGE
        )
        self.source_index_paths = [page_file("sources", i) for i in range(len(self.source_index_pages))]

    # -- pages ---------------------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        """Every page, one family at a time: a caller that renders as it goes never holds the
        views of a whole large site at once."""
        for family, _paths, _cost in self.families():
            yield from self.family_pages(family)

    def families(self) -> Iterator[tuple[Family, tuple[str, ...], int]]:
        """Every family of pages (a list and its continuation pages, a group, a source) with its
        page paths and a rough cost to render it (about its bytes), without building any view."""
        yield ("overview",), ("index.html",), PAGE_OVERHEAD
        yield ("findings",), tuple(self.findings_paths), 1500 * len(self.findings)
        yield ("groups",), tuple(self.group_index_paths), 1000 * len(self.groups)
        yield ("sources",), tuple(self.source_index_paths), 1000 * len(self.sources)
        for key in self.groups:
            yield ("group", *key), tuple(self.group_pages[key]), self.group_cost[key]
        for s in self.sorted_sources:
            yield ("source", s.id), tuple(self.source_pages[s.id]), sum(ch.size for part in self.source_chunks[s.id] for ch in part)

    def family_pages(self, family: Family) -> list[Page]:
        """The pages of one family, built now."""
        kind = family[0]
        if kind == "overview":
            return [self.overview()]
        if kind == "findings":
            return self.findings_list()
        if kind == "groups":
            return self.groups_index()
        if kind == "sources":
            return self.sources_index()
        if kind == "group":
            return self.group(family[1:])  # type: ignore[arg-type]
        if kind == "source":
            return self.source(self.sources[family[1]])
        raise KeyError(family)

    def _undated(self, from_path: str) -> list[UndatedView]:
        return [
            UndatedView(
                source_title=self._source_title(s.id),
                source_href=rel(from_path, f"{self.source_pages[s.id][0]}"),
                version=v.version,
                path=v.path,
                reason=UNDATED_REASONS.get(v.date_origin, DATE_ORIGIN_LABELS.get(v.date_origin, v.date_origin)),
            )
            for s in self.sorted_sources
            for v in s.versions
            if v.date is None
        ]

    def _unreadable(self, from_path: str) -> list[UnreadableView]:
        return [
            UnreadableView(
                source_id=u.source,
                source_href=rel(from_path, self.source_pages[u.source][0]) if u.source in self.source_pages else None,
                path=u.path,
                reason=u.reason,
            )
            for u in sorted(self.result.unreadable, key=lambda u: (u.source, u.path, u.reason))
        ]

    def _warnings(self, from_path: str) -> list[UnreadableView]:
        return [
            UnreadableView(
                source_id=w.source,
                source_href=rel(from_path, self.source_pages[w.source][0]) if w.source in self.source_pages else None,
                path=w.path,
                reason=w.message,
            )
            for w in sorted(self.result.warnings, key=lambda w: (w.source, w.path, w.message))
        ]

    def _source_rows(self, from_path: str, sources: Sequence[Source]) -> tuple[SourceRowView, ...]:
        rows = []
        for s in sources:
            dates = sorted(v.date for v in s.versions if v.date is not None)
            rows.append(
                SourceRowView(
                    title=s.title or s.id,
                    href=rel(from_path, self.source_pages[s.id][0]),
                    id=s.id,
                    publisher=s.publisher or NO_VALUE,
                    version_count=len(s.versions),
                    claim_count=self.source_claim_count.get(s.id, 0),
                    date_range=_date_range(dates),
                    undated_count=sum(1 for v in s.versions if v.date is None),
                )
            )
        return tuple(rows)

    def overview(self) -> OverviewPage:
        path = "index.html"
        r = self.result
        open_conflicts = [f for f in self.findings if f.kind == "conflict" and f.status != "resolved"]
        open_warnings = [
            f for f in self.findings if f.kind != "conflict" and f.severity in ("error", "warning") and f.status != "resolved"
        ]
        all_versions = [v for s in r.sources for v in s.versions]
        dates = sorted(v.date for v in all_versions if v.date is not None)
        undated = self._undated(path)
        unreadable = self._unreadable(path)
        warnings = self._warnings(path)
        corpus = CorpusView(
            source_count=len(r.sources),
            version_count=len(all_versions),
            claim_count=len(r.claims),
            finding_count=len(r.findings),
            group_count=len(self.groups),
            dated_range=_date_range(dates),
            undated_count=len(undated),
            unreadable_count=len(unreadable),
            undated=tuple(undated[:OVERVIEW_LIST_MAX]),
            undated_more=_more(len(undated), "undated version", "the sources list"),
            unreadable=tuple(unreadable[:OVERVIEW_LIST_MAX]),
            unreadable_more=_more(len(unreadable), "unreadable file", "the sources list"),
            warning_count=len(warnings),
            warnings=tuple(warnings[:OVERVIEW_LIST_MAX]),
            warnings_more=_more(len(warnings), "warning", "the sources list"),
        )
        sources = self.sorted_sources
        pages = [
            *(LinkView(f"Findings, page {i + 1}" if len(self.findings_paths) > 1 else "Findings", p,
                       note=_range_note(rg, "finding", len(self.findings_paths))) for i, (p, rg) in enumerate(zip(self.findings_paths, self.findings_pages))),
            *(LinkView(f"Groups, page {i + 1}" if len(self.group_index_paths) > 1 else "Groups", p,
                       note=_range_note(rg, "group", len(self.group_index_paths))) for i, (p, rg) in enumerate(zip(self.group_index_paths, self.group_index_pages))),
            *(LinkView(f"Sources, page {i + 1}" if len(self.source_index_paths) > 1 else "Sources", p,
                       note=_range_note(rg, "source", len(self.source_index_paths))) for i, (p, rg) in enumerate(zip(self.source_index_paths, self.source_index_pages))),
        ]
        unresolved = [f for f in self.findings if f.status != "resolved"]
        lede = (
            f"{plural(len(r.findings), 'finding')} ({plural(len(open_conflicts), 'open conflict')}, "
            f"{len(unresolved)} unresolved) from {plural(len(r.claims), 'claim')} in "
            f"{plural(len(r.sources), 'source')} ({plural(len(all_versions), 'version')})"
        )
        return OverviewPage(
            chrome=self._chrome(path, "index.html.j2", SITE_TITLE, SITE_TITLE, lede, "overview"),
            counts_by_kind=counts_by_kind(r.findings),
            counts_by_status=counts_by_status(r.findings),
            open_conflicts=tuple(self._finding(f) for f in open_conflicts[:OVERVIEW_LIST_MAX]),
            open_conflicts_more=_more(len(open_conflicts), "open conflict", "the findings list"),
            open_warnings=tuple(self._finding(f) for f in open_warnings[:OVERVIEW_LIST_MAX]),
            open_warnings_more=_more(len(open_warnings), "open warning", "the findings list"),
            corpus=corpus,
            sources=self._source_rows(path, sources[:OVERVIEW_LIST_MAX]),
            sources_more=_more(len(sources), "source", "the sources list"),
            pages=tuple(attrs.evolve(p, href=rel(path, p.href)) for p in pages),
        )

    def findings_list(self) -> list[FindingsPage]:
        out = []
        total = len(self.findings)
        for path, rg in zip(self.findings_paths, self.findings_pages):
            rows = [self.findings[i] for i in rg]
            views = tuple(map(self._finding, rows))  # hrefs are relative to the root, where these pages are
            range_text = _range_text(rg, total, "finding", len(self.findings_paths))
            out.append(
                FindingsPage(
                    chrome=self._chrome(
                        path, "findings.html.j2", "Findings", "Findings",
                        "Every finding, the open conflicts first; each links to its group's page with the evidence.",
                        "findings", self.findings_paths, has_script=bool(rows),
                    ),
                    rows=views,
                    filters=self._filter_controls(rows),
                    range_text=range_text,
                )
            )
        return out

    def _filter_controls(self, rows: Sequence[Finding]) -> tuple[FilterView, ...]:
        if not rows:
            return ()

        def options(values: Counter, order: Sequence[str], label: Callable[[str], str], token: Callable[[str], str]) -> tuple[OptionView, ...]:
            present = [v for v in order if v in values] + sorted(v for v in values if v not in order)
            return (OptionView("", "all"), *(OptionView(token(v), f"{label(v)} ({values[v]})") for v in present))

        kinds = Counter([f.kind for f in rows])
        statuses = Counter([f.status for f in rows])
        severities = Counter([f.severity for f in rows])
        subjects = Counter([f.subject for f in rows])
        token = self.source_token
        sources = Counter([s for f in rows for s in self._finding_sources(f) if s in token])
        return (
            FilterView("kind", "filter-kind", "Verdict", options(kinds, KIND_ORDER, lambda k: KIND_LABELS.get(k, k), css_token)),
            FilterView("status", "filter-status", "Status", options(statuses, STATUS_ORDER, lambda k: STATUS_LABELS.get(k, k), css_token)),
            FilterView("severity", "filter-severity", "Severity", options(severities, SEVERITY_ORDER, lambda k: SEVERITY_LABELS.get(k, k), css_token)),
            FilterView("subject", "filter-subject", "Subject", options(subjects, (), str, lambda s: self.subject_token[s])),
            FilterView(
                "sources", "filter-sources", "Source",
                options(sources, sorted(sources, key=lambda s: (self._source_title(s), s)), self._source_title, lambda s: self.source_token[s]),
            ),
        )

    def groups_index(self) -> list[GroupsIndexPage]:
        keys = list(self.groups)
        out = []
        for path, rg in zip(self.group_index_paths, self.group_index_pages):
            rows = []
            for key in (keys[i] for i in rg):
                claims = self.groups[key]
                subject, measure, scope, unit = key
                dates = sorted(c.as_of for c in claims if c.as_of is not None)
                undated_n = sum(1 for c in claims if c.as_of is None)
                rows.append(
                    GroupRowView(
                        label=_group_heading(key),
                        href=rel(path, self.group_pages[key][0]),
                        subject=subject,
                        measure=measure,
                        scope=scope or NO_VALUE,
                        unit=unit,
                        claim_count=len(claims),
                        source_count=len({c.source for c in claims}),
                        date_range=_date_range(dates) + (f" (+ {undated_n} undated)" if undated_n else ""),
                        findings=tuple(c for c in counts_by_kind(self.group_findings.get(key, ())) if c.count),
                    )
                )
            total = len(keys)
            out.append(
                GroupsIndexPage(
                    chrome=self._chrome(
                        path, "groups.html.j2", "Groups", "Groups",
                        "Comparable claims: the same subject, measure, scope and unit. Each group has a page with its timeline.",
                        "groups", self.group_index_paths,
                    ),
                    rows=tuple(rows),
                    range_text=_range_text(rg, total, "group", len(self.group_index_paths)),
                )
            )
        return out

    def sources_index(self) -> list[SourcesIndexPage]:
        sources = self.sorted_sources
        out = []
        for n, (path, rg) in enumerate(zip(self.source_index_paths, self.source_index_pages)):
            out.append(
                SourcesIndexPage(
                    chrome=self._chrome(
                        path, "sources.html.j2", "Sources", "Sources",
                        "Every source, its versions and their dates; each has a page with its text and claims highlighted.",
                        "sources", self.source_index_paths,
                    ),
                    rows=self._source_rows(path, [sources[i] for i in rg]),
                    range_text=_range_text(rg, len(sources), "source", len(self.source_index_paths)),
                    undated=tuple(self._undated(path)) if n == 0 else (),
                    unreadable=tuple(self._unreadable(path)) if n == 0 else (),
                    warnings=tuple(self._warnings(path)) if n == 0 else (),
                )
            )
        return out

    def _claim_refs(self, c: Claim, from_path: str, cache: dict[str, FindingRefView]) -> tuple[FindingRefView, ...]:
        """Links from a claim to its findings; ``cache`` holds this page's, shared by its claims."""
        refs = []
        for f in self.claim_findings.get(c.id, ()):
            ref = cache.get(f.id)
            if ref is None:
                href = self._finding_href(f)
                ref = cache[f.id] = FindingRefView(
                    href=rel(from_path, href) if href else "",
                    label=KIND_LABELS.get(f.kind, f.kind),
                    css_class=f"kind-{css_token(f.kind)}",
                )
            refs.append(ref)
        return tuple(refs)

    def _members(
        self,
        f: Finding,
        from_path: str,
        where: dict[str, str],
        label: Callable[[Claim], str],
        seen: dict[str, MemberView],
    ) -> tuple[MemberView, ...]:
        """The first members of ``f`` as the page ``from_path`` links them.

        ``seen`` holds the page's member views by claim id: a claim stands in several findings
        of its group (its agreement, changes, revisions…), and is named and linked once.
        """
        out = []
        for cid in f.claims[:MEMBERS_SHOWN]:
            view = seen.get(cid)
            if view is None:
                c = self.claims.get(cid)
                if c is None:
                    continue
                target = where.get(cid)
                view = seen[cid] = MemberView(label=label(c), href=rel(from_path, target) if target else "")
            out.append(view)
        return tuple(out)

    def group(self, key: GroupKey) -> list[GroupPage]:
        claims = self.groups[key]
        subject, measure, scope, unit = key
        heading = _group_heading(key)
        paths = self.group_pages[key]
        source_ids = sorted({c.source for c in claims})
        colour = {sid: f"src-{i % PALETTE_SIZE}" for i, sid in enumerate(source_ids)}
        dates = sorted(c.as_of for c in claims if c.as_of is not None)
        undated_n = sum(1 for c in claims if c.as_of is None)
        facts = (
            FactView("Subject", subject),
            FactView("Measure", measure),
            FactView("Scope", scope or NO_VALUE),
            FactView("Unit", unit),
            FactView("Claims", str(len(claims))),
            FactView("Sources", str(len(source_ids))),
            FactView("Dates", _date_range(dates) + (f" (+ {undated_n} undated)" if undated_n else "")),
        )

        def member_label(c: Claim) -> str:
            v = self.versions.get((c.source, c.version))
            date = v.date if v is not None else c.version_date
            return f"{self._source_title(c.source)} · {iso(date) if date else UNDATED}: {self.figure[c.id]}"

        out = []
        for n, (path, (findings, rows)) in enumerate(zip(paths, self.group_items[key])):
            timeline = None
            legend: tuple[LegendItemView, ...] = ()
            chart_note = None
            if n == 0 and claims:
                timeline = self._timeline(key, claims, colour)
                legend = tuple(LegendItemView(f"swatch {colour[s]}", self._source_title(s)) for s in source_ids)
                if timeline.shown < timeline.total:
                    chart_note = f"The chart shows the first {timeline.shown} of {timeline.total} claims; the table lists them all."
            seen: dict[str, MemberView] = {}
            finding_views = tuple(
                self._finding(f, self._members(f, path, self.claim_row, member_label, seen), len(f.claims)) for f in findings
            )
            ref_cache: dict[str, FindingRefView] = {}
            source_href = {sid: rel(path, self.source_pages[sid][0]) for sid in source_ids if sid in self.source_pages}
            claim_views = tuple(
                claim_view(
                    c,
                    source=self.sources.get(c.source),
                    version=self.versions.get((c.source, c.version)),
                    anchor=self.claim_anchor[c.id],
                    source_class=colour[c.source],
                    source_href=source_href.get(c.source),
                    context_href=rel(path, self.claim_context[c.id]) if c.id in self.claim_context else None,
                    findings=self._claim_refs(c, path, ref_cache),
                    figure=self.figure[c.id],
                )
                for c in rows
            )
            part = f" (page {n + 1} of {len(paths)})" if len(paths) > 1 else ""
            out.append(
                GroupPage(
                    chrome=self._chrome(
                        path, "group.html.j2", heading + part, heading,
                        f"{plural(len(claims), 'claim')} about {subject}'s {measure}"
                        + (f" ({scope})" if scope else "") + f", in {unit}.",
                        "groups", paths,
                    ),
                    facts=facts,
                    findings=finding_views,
                    timeline=timeline,
                    legend=legend,
                    chart_note=chart_note,
                    claims=claim_views,
                    table_caption=f"Claims{part}: oldest first, undated last",
                )
            )
        return out

    def _timeline(self, key: GroupKey, claims: Sequence[Claim], colour: dict[str, str]) -> TimelineView:
        subject, measure, scope, unit = key
        title = {sid: self._source_title(sid) for sid in colour}
        figure, conflicted = self.figure, self.conflicted
        # One pass over the claims gathers the points and the description's facts alike.
        points = []
        values: list[float] = []
        dates = []
        conflicts = 0
        for c in claims:
            period, as_of, q = c.period, c.as_of, c.value
            if period is not None:
                start, end, when = period.start, period.end, period.label  # claim_when, inlined
            else:
                start = end = as_of
                when = iso(as_of) if as_of else UNDATED
            if as_of is not None:
                dates.append(as_of)
            interval = q.interval
            for x in (interval.low, interval.high, q.stated):
                if x is not None:
                    values.append(x)
            in_conflict = c.id in conflicted
            conflicts += in_conflict
            points.append(
                TimelinePoint(
                    css_class=colour[c.source],
                    label=f"{title[c.source]} ({c.version}): {figure[c.id]}, {when}",
                    bound=q.bound,
                    stated_value=q.stated,
                    stated=interval,
                    likely=q.likely,
                    start=start,
                    end=end,
                    in_conflict=in_conflict,
                )
            )
        undated_n = len(claims) - len(dates)
        parts = [f"{plural(len(claims), 'claim')} from {plural(len(title), 'source')}"]
        if dates:
            parts.append(f"dated {_date_range(sorted(dates))}")
        if undated_n:
            parts.append(f"{undated_n} undated, drawn in a separate lane at the right")
        if values:
            parts.append(f"values from {format_number(min(values), unit)} to {format_number(max(values), unit)}")
        if conflicts:
            parts.append(f"{plural(conflicts, 'claim')} in a conflict, marked with a red triangle")
        desc = "; ".join(parts) + ". The table below lists the same data."
        return build_timeline(
            points,
            title=f"{_group_heading(key)} over time",
            desc=desc,
            id_prefix="timeline",
            y_axis_label=f"{measure} ({unit})",
            format_value=lambda v: format_number(v, unit),
        )

    def source(self, s: Source) -> list[SourcePage]:
        paths = self.source_pages[s.id]
        title = s.title or s.id
        url = checked_url(s.url)
        claim_count = self.source_claim_count.get(s.id, 0)
        facts = tuple(
            f for f in (
                FactView("Id", s.id),
                FactView("Publisher", s.publisher) if s.publisher else None,
                FactView("Versions", str(len(s.versions))),
                FactView("Claims", str(claim_count)),
            ) if f is not None
        )
        version_page = {}
        for path, chunks in zip(paths, self.source_chunks[s.id]):
            for ch in chunks:
                version_page.setdefault(ch.version.version, path)
        revisions = self.source_revisions.get(s.id, [])

        def member_label(c: Claim) -> str:
            return f"{c.version}: {self.label[c.id]}"

        out = []
        for n, (path, chunks) in enumerate(zip(paths, self.source_chunks[s.id])):
            versions: tuple[VersionRowView, ...] = ()
            if n == 0:
                versions = tuple(
                    VersionRowView(
                        version=v.version,
                        href=rel(path, f"{version_page.get(v.version, paths[0])}#{self.version_anchor[(s.id, v.version)]}"),
                        date_text=v.date.isoformat() if v.date else UNDATED,
                        date_origin_text=DATE_ORIGIN_LABELS.get(v.date_origin, v.date_origin),
                        date_evidence=v.date_evidence or (UNDATED_REASONS.get(v.date_origin, NO_VALUE) if v.date is None else NO_VALUE),
                        path=v.path,
                        sha256=v.sha256,
                        sha256_short=v.sha256[:SHA_PREFIX],
                        kind=v.kind,
                        claim_count=self.version_claim_count.get((s.id, v.version), 0),
                        row_class="undated" if v.date is None else "dated",
                    )
                    for v in s.versions
                )
            shown = revisions[:REVISIONS_SHOWN] if n == 0 else []
            seen: dict[str, MemberView] = {}
            rev_views = tuple(
                self._finding(f, self._members(f, path, self.claim_context, member_label, seen), len(f.claims))
                for f in shown
            )
            part = f" (page {n + 1} of {len(paths)})" if len(paths) > 1 else ""
            out.append(
                SourcePage(
                    chrome=self._chrome(
                        path, "source.html.j2", title + part, title,
                        f"{plural(len(s.versions), 'version')}, {plural(claim_count, 'claim')}"
                        + (f"; published by {s.publisher}" if s.publisher else ""),
                        "sources", paths,
                    ),
                    facts=facts,
                    url=url,
                    unlinked_url=s.url if s.url and url is None else None,
                    versions=versions,
                    revisions=rev_views,
                    revisions_more=_more(len(revisions), "revision", "the findings list", shown=REVISIONS_SHOWN) if n == 0 else None,
                    blocks=tuple(self._block(ch, path) for ch in chunks),
                )
            )
        return out

    def _block(self, ch: _Chunk, path: str) -> TextBlockView:
        s, v = ch.source, ch.version
        anchor = self.version_anchor[(s.id, v.version)]
        facts = (
            FactView("Date", v.date.isoformat() if v.date else UNDATED),
            FactView("Date from", DATE_ORIGIN_LABELS.get(v.date_origin, v.date_origin)),
            FactView("Date evidence", v.date_evidence or (UNDATED_REASONS.get(v.date_origin, NO_VALUE) if v.date is None else NO_VALUE)),
            FactView("File", v.path),
            FactView("Claims", str(self.version_claim_count.get((s.id, v.version), 0))),
        )

        def group_href(c: Claim) -> str:
            target = self.claim_row.get(c.id)
            return rel(path, target) if target else ""

        spans: tuple[MarkSpan, ...] = ()
        fallback: tuple[FallbackClaimView, ...] = ()
        note = None
        text = ""
        if ch.text is None:
            note = "The extracted text of this version is not in this run; its claims are listed with their sentences."
            items = []
            for c in ch.claims:
                found = quote_span(c.evidence.quote, c.evidence.sentence)
                if found is None:
                    shown, start, end = c.evidence.quote, 0, len(c.evidence.quote)
                else:
                    shown, start, end = evidence_window(c.evidence.sentence, *found)
                items.append(
                    FallbackClaimView(
                        anchor=self.claim_anchor[c.id],
                        label=self.label[c.id],
                        href=group_href(c),
                        highlight_text=shown,
                        highlight_start=start,
                        highlight_end=end,
                    )
                )
            fallback = tuple(items)
        else:
            text = ch.text[ch.start : ch.end]
            spans = tuple(
                MarkSpan(
                    start=c.evidence.start - ch.start,
                    end=c.evidence.end - ch.start,
                    anchor=self.claim_anchor[c.id],
                    href=group_href(c),
                    css_class="claim conflict" if c.id in self.conflicted else "claim",
                    title=self.label[c.id],
                )
                for c in ch.claims
            )
            if not text and not ch.claims:
                note = "This version's extracted text is empty."
        return TextBlockView(
            anchor=anchor if ch.part == 0 else f"{anchor}-part-{ch.part + 1}",
            heading=f"Version {v.version}",
            part=f"part {ch.part + 1} of {ch.parts}" if ch.parts > 1 else None,
            first=ch.part == 0,
            facts=facts,
            has_text=ch.text is not None,
            text=text,
            spans=spans,
            fallback=fallback,
            note=note,
        )


# ---------------------------------------------------------------------------------------------


def _claim_order(c: Claim) -> tuple:
    """Oldest first by as-of date (a stated period before a bare date), undated last; the
    source, version, place in the text and id break ties, so the order is total."""
    p = c.period
    return (
        c.as_of is None,
        c.as_of or dt.date.min,
        p is None,
        (p.start, p.end, p.label) if p is not None else (dt.date.min, dt.date.min, ""),
        c.source,
        c.version,
        c.evidence.start,
        c.evidence.end,
        c.id,
    )


def _group_claims(claims: Sequence[Claim]) -> dict[GroupKey, tuple[Claim, ...]]:
    """Claims by group key (checker.group.group_key), keys sorted, claims oldest first."""
    groups: dict[GroupKey, list[Claim]] = {}
    for c in claims:
        key = group_key(c)
        found = groups.get(key)
        if found is None:
            groups[key] = [c]
        else:
            found.append(c)
    return {key: tuple(sorted(groups[key], key=_claim_order)) for key in sorted(groups)}


def _unique(name: str, used: set[str]) -> str:
    out, n = name, 1
    while out in used:
        n += 1
        out = f"{name}-{n}"
    used.add(out)
    return out


def _group_heading(key: GroupKey) -> str:
    subject, measure, scope, _unit = key
    return " · ".join(x for x in (subject, measure, scope) if x)


def _date_range(dates: Sequence[dt.date]) -> str:
    if not dates:
        return NO_VALUE
    if dates[0] == dates[-1]:
        return dates[0].isoformat()
    return f"{dates[0].isoformat()} – {dates[-1].isoformat()}"


def _more(total: int, word: str, where: str, shown: int = OVERVIEW_LIST_MAX) -> str | None:
    """'… and 3 more open conflicts: see the findings list', when a list was cut short."""
    return f"… and {plural(total - shown, 'more ' + word)}: see {where}" if total > shown else None


def _range_note(rg: range, word: str, pages: int) -> str:
    if pages == 1:
        return plural(len(rg), word)
    return f"{word}s {rg.start + 1}–{rg.stop}" if len(rg) > 1 else f"{word} {rg.start + 1}"


def _range_text(rg: range, total: int, word: str, pages: int) -> str:
    """'3 findings.', or on a page of several: 'Findings 501–1,000 of 1,234.'"""
    if not total:
        return f"No {word}s."
    if pages == 1:
        return plural(total, word) + "."
    return f"{word.capitalize()}s {rg.start + 1:,}–{rg.stop:,} of {total:,}."


class SitePlan:
    """The plan of a report site: its page paths, grouped in families that are built together.

    Pages are built on demand, family by family, so a writer can render and write one family at
    a time (or share the families out between processes) and never hold the whole site.
    """

    def __init__(self, result: RunResult) -> None:
        self.site = _Site(result)
        self.families: tuple[tuple[Family, tuple[str, ...], int], ...] = tuple(self.site.families())
        self.family_of: dict[str, Family] = {path: fam for fam, paths, _ in self.families for path in paths}
        self.paths_of: dict[Family, tuple[str, ...]] = {fam: paths for fam, paths, _ in self.families}

    def build(self, family: Family) -> list[Page]:
        """The pages of ``family``, in path order of its pages."""
        return self.site.family_pages(family)


def iter_pages(result: RunResult) -> Iterator[Page]:
    """The pages of the report site for ``result``, built one family at a time (in no set order)."""
    return _Site(result).pages()


def build_site(result: RunResult) -> SiteView:
    """Every page of the report site for ``result``, in path order. Pure: no I/O, no clock."""
    return SiteView(pages=tuple(sorted(iter_pages(result), key=lambda p: p.chrome.path)))
