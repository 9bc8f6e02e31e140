"""The claims of a version whose text another version of the same source already had, without reading it again.

Archives recapture unchanged pages under new dates: a source's ten captures are often two or three texts. A
version's date changes its reading in few places: the periods that only make sense against it ("so far this
fiscal year", "last year"), a former name that names the subject only until a day, a "by <time>" target that
is still ahead or already past; and it is stamped on every claim (as-of date, version date, id). When none
of those places reads differently on the other date, the other version's claims are these with the other
stamp; otherwise the caller reads the version afresh.
"""

from __future__ import annotations

import attrs

from claimcheck.claims.extract import (
    Reading, VersionContext, claim_as_of, claim_id, claim_key, page_periods, target_ends,
)
from claimcheck.claims.model import Claim
from claimcheck.claims.text import ExtractedText
from claimcheck.config import ExtractionSettings

__all__ = ["redate"]


def redate(
    reading: Reading, doc: ExtractedText, read: VersionContext, other: VersionContext, settings: ExtractionSettings
) -> tuple[Claim, ...] | None:
    """The claims extraction gives for ``doc`` in context ``other``, from its ``reading`` in context ``read``;
    None when the two dates could read differently (or the contexts differ in more than version and date)."""
    if (read.source, read.subject, read.publisher, read.title) != (
        other.source, other.subject, other.publisher, other.title
    ):
        return None
    if (read.date is None) != (other.date is None):
        return None
    if read.date is not None and other.date is not None and read.date != other.date:
        lo, hi = sorted((read.date, other.date))
        # (closed at both ends: a former name is valid up to its day, a target is ahead after it; the "by <time>"
        # targets are looked for only here, when a twin is re-dated, not on every reading)
        if any(lo <= day <= hi for day in reading.former_until | target_ends(doc.text)):
            return None
        if page_periods(doc.text, other.date, settings) != reading.periods:
            return None
    out = []
    for claim in reading.claims:
        again = _restamp(claim, read, other, len(reading.claims))
        if again is None:
            return None
        out.append(again)
    return tuple(out)


def _restamp(claim: Claim, read: VersionContext, other: VersionContext, most: int) -> Claim | None:
    quote, period = claim.evidence.quote, claim.period
    old = claim_key(read.source, read.version, claim.subject, claim.measure, claim.scope, quote, period)
    # its place among the version's claims of one key (almost always the first)
    n = next((n for n in range(most) if claim_id(old, n) == claim.id), None)
    if n is None:
        return None  # not an id extraction gave it: read afresh
    new = claim_key(other.source, other.version, claim.subject, claim.measure, claim.scope, quote, period)
    as_of = claim_as_of(period, other.date)
    return attrs.evolve(
        claim, id=claim_id(new, n), version=other.version, path=other.path, as_of=as_of, version_date=other.date
    )
