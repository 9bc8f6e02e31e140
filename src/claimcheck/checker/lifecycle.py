"""Claim lifecycles: when each group's figure was first and last seen, and which sources dropped it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from claimcheck.checker.group import GroupKey, group_claims
from claimcheck.checker.model import Lifecycle, SourceSpan
from claimcheck.claims.model import Claim, Source


def latest_captures(sources: Iterable[Source], claims: Iterable[Claim] = ()) -> dict[str, tuple[dt.date, str]]:
    """Source id → (date, version label) of its latest dated capture.

    A source's latest capture may state nothing about a group, which is exactly how a figure
    disappears, so it comes from the source's versions, not from its claims. Claims whose source
    is not among ``sources`` fall back to their own latest version date. Of several files captured
    on that day the first label (in the source's order) names the capture.
    """
    latest: dict[str, tuple[dt.date, str]] = {}
    for source in sources:
        for version in source.versions:
            if version.date is not None and (source.id not in latest or version.date > latest[source.id][0]):
                latest[source.id] = (version.date, version.version)
    fallback: dict[str, tuple[dt.date, str]] = {}
    for claim in claims:
        if claim.source not in latest and claim.version_date is not None:
            seen = fallback.get(claim.source)
            if seen is None or (claim.version_date, claim.version) > seen:
                fallback[claim.source] = (claim.version_date, claim.version)
    return {**fallback, **latest}


def _span(source: str, members: Sequence[Claim], latest: tuple[dt.date, str] | None) -> SourceSpan:
    # This runs once per source of every group: most often on one claim (half the groups of a
    # large corpus are one claim), which is its own first and last statement.
    if len(members) == 1:
        claim = members[0]
        first_seen = last_seen = claim.version_date
        first_version = last_version = claim.version
    else:
        # The earliest and latest (capture date, version) among dated members; min and max scan
        # in C.
        dated = [(c.version_date, c.version) for c in members if c.version_date is not None]
        if dated:
            first_seen, first_version = min(dated)
            last_seen, last_version = max(dated)
        else:
            labels = sorted({c.version for c in members})
            first_version, first_seen, last_version, last_seen = labels[0], None, labels[-1], None
    disappeared = last_seen is not None and latest is not None and last_seen < latest[0]
    return SourceSpan(
        source=source,
        first_version=first_version,
        first_seen=first_seen,
        last_version=last_version,
        last_seen=last_seen,
        latest_version=latest[1] if latest is not None else None,
        disappeared=disappeared,
        claims=tuple([c.id for c in members]),
    )


def lifecycle(key: GroupKey, members: Sequence[Claim], latest: Mapping[str, tuple[dt.date, str]]) -> Lifecycle:
    """The lifecycle of one group (``members`` in the canonical order)."""
    source = members[0].source
    if len(members) == 1 or [claim.source for claim in members].count(source) == len(members):
        # One source (most groups: a page's own figure): one span, nothing to split or sort.
        spans: tuple[SourceSpan, ...] = (_span(source, members, latest.get(source)),)
    else:
        by_source: dict[str, list[Claim]] = {}
        for claim in members:
            found = by_source.get(claim.source)
            if found is None:
                by_source[claim.source] = [claim]
            else:
                found.append(claim)
        get = latest.get
        spans = tuple([_span(source, by_source[source], get(source)) for source in sorted(by_source)])
    # Earliest first-seen date, on a tie the smallest source id; latest last-seen date, on a tie
    # again the smallest source id. Spans come by source id, so strict comparisons keep the first.
    if len(spans) == 1:
        first = last = spans[0] if spans[0].first_seen is not None else None
    else:
        first = last = None
        for span in spans:
            if span.first_seen is not None:
                if first is None or span.first_seen < first.first_seen:
                    first = span
                if last is None or span.last_seen > last.last_seen:
                    last = span
    disappeared = tuple([s.source for s in spans if s.disappeared])
    subject, measure, scope, _ = key
    return Lifecycle(
        subject=subject,
        measure=measure,
        scope=scope or None,
        unit=members[0].value.unit,
        first_seen=first.first_seen if first else None,
        first_source=first.source if first else None,
        last_seen=last.last_seen if last else None,
        last_source=last.source if last else None,
        disappeared=disappeared,
        current=len(disappeared) < len(spans),  # some source's latest capture still states it
        sources=spans,
    )


def lifecycles(
    sources: Iterable[Source],
    claims: Iterable[Claim],
    groups: Mapping[GroupKey, Sequence[Claim]] | None = None,
) -> tuple[Lifecycle, ...]:
    """One lifecycle per group, in group-key order; ``groups`` may pass a grouping already made."""
    claims = tuple(claims)
    latest = latest_captures(sources, claims)
    groups = groups if groups is not None else group_claims(claims)
    return tuple(lifecycle(key, members, latest) for key, members in sorted(groups.items()))
