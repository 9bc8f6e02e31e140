"""What every finding of one group shares, and the one place a Finding is built."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from claimcheck.checker.describe import describe, headline
from claimcheck.checker.fingerprint import EvidenceTexts, group_finding_id, identity_parts
from claimcheck.checker.group import sort_claims
from claimcheck.checker.model import DEFAULT_SEVERITY, Change, Finding
from claimcheck.checker.periods import period_key
from claimcheck.claims.model import Claim

ARROW = " → "


@attrs.frozen
class GroupFacts:
    """What every finding of one group shares, and how to build one."""

    subject: str
    measure: str
    scope: str | None
    unit: str
    # Members' evidence texts, shared by the findings of a run: a claim sits in several findings.
    digest_cache: EvidenceTexts = attrs.field(factory=EvidenceTexts, eq=False, repr=False)
    # The group's part of every finding id's text, spelled once.
    _id_parts: tuple[str, str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_id_parts", identity_parts(self.subject, self.measure, self.scope, self.unit))

    @property
    def head(self) -> str:
        return headline(self.subject, self.measure, self.scope)

    def finding(
        self,
        kind: str,
        members: Iterable[Claim],
        periods: tuple[str, ...],
        message: str,
        extra: tuple[str, ...] = (),
        change: Change | None = None,
        ordered: bool = False,
        sources: tuple[str, ...] | None = None,
    ) -> Finding:
        """A finding of ``kind`` about this group; ``ordered`` says ``members`` are already in the
        canonical order (each finding lists its claims in that order)."""
        ordered = tuple(members) if ordered else sort_claims(members)
        return Finding(
            id=group_finding_id(self._id_parts, kind, periods, extra),
            kind=kind,
            severity=DEFAULT_SEVERITY[kind],
            subject=self.subject,
            measure=self.measure,
            scope=self.scope,
            unit=self.unit,
            period=ARROW.join(periods),
            claims=tuple([claim.id for claim in ordered]),  # a list first: no generator to resume per claim
            evidence_digest=self.digest_cache.digest(ordered),
            message=message,
            sources=sources if sources is not None else tuple(sorted({claim.source for claim in ordered})),
            change=change,
        )


def cited(claim: Claim) -> str:
    """A figure with where and when it was stated: "7,000 (ice-about, 2020-04-01)"."""
    return f"{describe(claim.value)} ({claim.source}, {period_key(claim)})"


def distinct(texts: Iterable[str]) -> list[str]:
    """``texts`` without repeats, first occurrence kept."""
    return list(dict.fromkeys(texts))
