"""Match predicted claims to gold claims and score values, attribution, bounds, units, traps and findings."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import attrs

from claimcheck.checker.model import Finding
from claimcheck.claims.model import Claim
from claimcheck.claims.quantities import unit_of_word
from claimcheck.config import Settings
from claimcheck.evaluate import locate
from claimcheck.evaluate.gold import ExpectedFinding, Gold, GoldClaim, GoldDocument, GoldError, Ref
from claimcheck.result import RunResult

# Findings that say "these two disagree": a false conflict is either of them.
CONFLICT_KINDS = ("conflict", "undated-discrepancy")


# --- Results. ----------------------------------------------------------------------------------


@attrs.frozen
class Predicted:
    """A predicted claim as the report shows it."""

    id: str
    subject: str
    measure: str
    scope: str | None
    value: float
    unit: str
    bound: str
    period: str | None
    quote: str
    start: int
    end: int

    @classmethod
    def of(cls, c: Claim) -> Predicted:
        return cls(
            c.id,
            c.subject,
            c.measure,
            c.scope,
            c.value.stated,
            c.value.unit,
            c.value.bound,
            c.period.label if c.period else None,
            c.evidence.quote,
            c.evidence.start,
            c.evidence.end,
        )


@attrs.frozen
class Match:
    """A gold claim and the predicted claim that states its value at its place."""

    gold: GoldClaim
    claim: Predicted
    unit_ok: bool
    subject_ok: bool
    measure_ok: bool
    bound_ok: bool
    scope_ok: bool | None  # None: the gold file does not say
    period_ok: bool | None

    @property
    def attribution_ok(self) -> bool:
        return self.subject_ok and self.measure_ok


@attrs.frozen
class Miss:
    gold: GoldClaim
    near: tuple[Predicted, ...]  # predicted claims at the same place with another value or unit
    in_text: bool  # False: the phrase is in the file but not in the extracted text


@attrs.frozen
class TrapHit:
    trap: str
    claim: Predicted


@attrs.frozen
class Counts:
    """Counts and the rates computed from them; a rate is None when nothing was there to count."""

    gold: int = 0  # required gold claims
    predicted: int = 0  # predicted claims, less those matching optional gold claims
    true_positives: int = 0  # required gold claims found with value and unit
    pairs: int = 0  # required gold claims found with value at their place, any unit
    unit_ok: int = 0
    attribution_ok: int = 0
    subject_ok: int = 0
    measure_ok: int = 0
    bound_ok: int = 0
    scope_checked: int = 0
    scope_ok: int = 0
    period_checked: int = 0
    period_ok: int = 0
    trap_hits: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other))))

    @property
    def false_positives(self) -> int:
        return self.predicted - self.true_positives

    @property
    def false_negatives(self) -> int:
        return self.gold - self.true_positives

    @property
    def precision(self) -> float | None:
        return _rate(self.true_positives, self.predicted)

    @property
    def recall(self) -> float | None:
        return _rate(self.true_positives, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def attribution(self) -> float | None:
        return _rate(self.attribution_ok, self.true_positives)

    @property
    def bound(self) -> float | None:
        return _rate(self.bound_ok, self.true_positives)

    @property
    def unit(self) -> float | None:
        return _rate(self.unit_ok, self.pairs)

    @property
    def scope(self) -> float | None:
        return _rate(self.scope_ok, self.scope_checked)

    @property
    def period(self) -> float | None:
        return _rate(self.period_ok, self.period_checked)


def _rate(n: int, d: int) -> float | None:
    return None if d == 0 else n / d


@attrs.frozen
class DocumentScore:
    file: str  # as the gold file names it
    path: str  # the version's path in the run
    counts: Counts
    matches: tuple[Match, ...]  # required gold claims found with the right value and unit
    misses: tuple[Miss, ...]
    false_claims: tuple[Predicted, ...]
    trap_hits: tuple[TrapHit, ...]
    traps_not_in_text: tuple[str, ...]
    date_expected: str | None = None  # ISO date or "none", when the gold file gives one
    date_found: str | None = None
    date_ok: bool | None = None
    unreadable: str | None = None  # the run could not read the document: why


@attrs.frozen
class FindingCheck:
    expected: ExpectedFinding
    reported: bool
    finding: str | None  # id of the finding that satisfies it
    message: str | None


@attrs.frozen
class ConflictCheck:
    a: Ref
    b: Ref
    violated_by: tuple[str, ...]  # messages of the conflicts reported between them
    note: str | None = None


@attrs.frozen
class Evaluation:
    gold: str  # the gold file as given
    config: str
    documents: tuple[DocumentScore, ...]
    totals: Counts
    findings: tuple[FindingCheck, ...]
    false_conflicts: tuple[ConflictCheck, ...]

    @property
    def findings_reported(self) -> int:
        return sum(f.reported for f in self.findings)

    @property
    def false_conflicts_violated(self) -> int:
        return sum(bool(f.violated_by) for f in self.false_conflicts)


# --- Scoring. ----------------------------------------------------------------------------------


@attrs.frozen
class _Doc:
    gold: GoldDocument
    path: str
    text: str
    raw: str
    claims: tuple[Claim, ...]
    date: str | None
    unreadable: str | None = None  # why the run could not read it


def evaluate(
    gold: Gold,
    result: RunResult,
    settings: Settings,
    raw_files: Mapping[str, str],
    *,
    gold_name: str | None = None,
    config_name: str | None = None,
) -> Evaluation:
    """Score ``result`` against ``gold``. ``raw_files`` maps a version's path to its file's text (to tell an
    annotation mistake from a phrase text extraction lost)."""
    docs = [_resolve(d, gold, result, settings, raw_files) for d in gold.documents]
    by_file = {d.gold.file: d for d in docs}
    scores = tuple(_score(d, gold.path) for d in docs)
    totals = sum((s.counts for s in scores), Counts())
    twins = _twins(docs)
    checks = tuple(_check_finding(f, by_file, docs, result.findings, gold.path, twins) for f in gold.findings)
    conflicts = tuple(
        ConflictCheck(
            fc.a,
            fc.b,
            _conflicts_between(
                _ref_claims(fc.a, by_file, docs, gold.path), _ref_claims(fc.b, by_file, docs, gold.path), result.findings
            ),
            fc.note,
        )
        for fc in gold.false_conflicts
    )
    return Evaluation(
        gold=gold_name or str(gold.path),
        config=config_name or str(settings.config_path),
        documents=scores,
        totals=totals,
        findings=checks,
        false_conflicts=conflicts,
    )


def _resolve(doc: GoldDocument, gold: Gold, result: RunResult, settings: Settings, raw_files: Mapping[str, str]) -> _Doc:
    specs = [(s.id, v) for s in settings.sources for v in s.versions]
    target = (gold.path.parent / doc.file).resolve()
    hits = [(sid, v) for sid, v in specs if Path(v.path) == target]
    hits = hits or [(sid, v) for sid, v in specs if v.display == doc.file]
    hits = hits or [(sid, v) for sid, v in specs if Path(v.display).name == Path(doc.file).name]
    if len(hits) != 1:
        problem = "is not a version of the corpus" if not hits else "names more than one version; give its path"
        raise GoldError(gold.path, f"{doc.where}.file {doc.file!r} {problem} ({settings.config_path})")
    source_id, spec = hits[0]
    version = next(
        (v for s in result.sources if s.id == source_id for v in s.versions if v.path == spec.display), None
    )
    if version is None:
        # Unreadable in this run: every claim of it is a miss, and the report says why.
        reason = next((u.reason for u in result.unreadable if u.source == source_id), "not read")
        return _Doc(doc, spec.display, "", raw_files.get(spec.display, ""), (), None, reason)
    text = next((t.text for t in result.texts if t.source == source_id and t.version == version.version), "")
    claims = tuple(c for c in result.claims if c.source == source_id and c.path == spec.display)
    date = version.date.isoformat() if version.date else "none"
    return _Doc(doc, spec.display, text, raw_files.get(spec.display, ""), claims, date)


def _find(doc: _Doc, phrase: str, where: str, gold_path: Path) -> tuple[tuple[int, int], ...]:
    found = locate.spans(doc.text, phrase)
    if not found and (read := locate.as_read(phrase)) and read != phrase:
        found = locate.spans(doc.text, read)  # copied from the file with its markup ("<td>37</td>", "87 | 91")
    if not found and not locate.in_source(doc.raw, phrase):
        raise GoldError(gold_path, f"{where}: {phrase!r} does not occur in {doc.gold.file}")
    return found


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _value_matches(g: GoldClaim, c: Claim) -> bool:
    if not _same(g.value, c.value.stated):
        return False
    return g.high is None or (c.value.stated_high is not None and _same(g.high, c.value.stated_high))


def _pair(g: GoldClaim, c: Claim) -> Match:
    scope = c.scope.casefold() if c.scope else None
    period = c.period.label if c.period else None
    return Match(
        gold=g,
        claim=Predicted.of(c),
        unit_ok=_unit_name(c.value.unit) == _unit_name(g.unit),
        subject_ok=_named(c.subject, g.subjects),
        measure_ok=_named(c.measure, g.measures),
        bound_ok=c.value.bound in g.bounds,
        scope_ok=(scope in {s.casefold() if s else None for s in g.scopes}) if g.check_scope else None,
        period_ok=(_norm_period(period) == _norm_period(g.period)) if g.check_period else None,
    )


def _named(name: str, accepted: tuple[str, ...]) -> bool:
    folded = name.casefold()
    return any(folded == a.casefold() for a in accepted)


def _unit_name(unit: str) -> str:
    """A unit by its canonical name: a gold file may write "metric tons" for the tonnes claimcheck reads."""
    return (unit_of_word(unit) or unit).casefold()


def _norm_period(label: str | None) -> str | None:
    return None if label is None else "".join(label.split()).casefold()


def _score(doc: _Doc, gold_path: Path) -> DocumentScore:
    located = {id(g): _find(doc, g.text, f"{g.where}.text", gold_path) for g in doc.gold.claims}
    candidates: list[tuple[tuple, GoldClaim, Claim]] = []
    for gi, g in enumerate(doc.gold.claims):
        for ci, c in enumerate(doc.claims):
            if _value_matches(g, c) and locate.overlaps(c.evidence.start, c.evidence.end, located[id(g)]):
                m = _pair(g, c)
                # Required gold claims first, then the reading that agrees most; text order breaks ties.
                rank = (not g.optional, m.unit_ok, m.attribution_ok, m.bound_ok, -gi, -ci)
                candidates.append((rank, g, c))
    candidates.sort(key=lambda t: t[0], reverse=True)
    taken_gold: dict[int, Claim] = {}
    taken_claim: set[str] = set()
    for _, g, c in candidates:
        if id(g) in taken_gold or c.id in taken_claim:
            continue
        taken_gold[id(g)] = c
        taken_claim.add(c.id)

    matches, misses = [], []
    counts = Counts()
    optional_claims: set[str] = set()
    paired: list[Match] = []
    for g in doc.gold.claims:
        c = taken_gold.get(id(g))
        if g.optional:
            if c is not None:
                optional_claims.add(c.id)
            continue
        if c is not None:
            m = _pair(g, c)
            paired.append(m)
            if m.unit_ok:
                matches.append(m)
                continue
        near = tuple(
            Predicted.of(p)
            for p in doc.claims
            if locate.overlaps(p.evidence.start, p.evidence.end, located[id(g)]) and p.id not in optional_claims
        )
        misses.append(Miss(g, near, bool(located[id(g)])))
    matched_ids = {m.claim.id for m in matches}
    false_claims = tuple(
        Predicted.of(c) for c in doc.claims if c.id not in matched_ids and c.id not in optional_claims
    )
    trap_hits, not_in_text = [], []
    for trap in doc.gold.not_claims:
        found = locate.spans(doc.text, trap)
        if not found:
            if not locate.in_source(doc.raw, trap):
                raise GoldError(gold_path, f"{doc.gold.where}.not_claims: {trap!r} does not occur in {doc.gold.file}")
            not_in_text.append(trap)  # dropped with its markup (script, style, navigation): cannot be hit
            continue
        trap_hits.extend(
            TrapHit(trap, Predicted.of(c)) for c in doc.claims if locate.overlaps(c.evidence.start, c.evidence.end, found)
        )
    required = sum(not g.optional for g in doc.gold.claims)
    counts = Counts(
        gold=required,
        predicted=len(doc.claims) - len(optional_claims),
        true_positives=len(matches),
        pairs=len(paired),
        unit_ok=sum(m.unit_ok for m in paired),
        attribution_ok=sum(m.attribution_ok for m in matches),
        subject_ok=sum(m.subject_ok for m in matches),
        measure_ok=sum(m.measure_ok for m in matches),
        bound_ok=sum(m.bound_ok for m in matches),
        scope_checked=sum(m.scope_ok is not None for m in matches),
        scope_ok=sum(bool(m.scope_ok) for m in matches),
        period_checked=sum(m.period_ok is not None for m in matches),
        period_ok=sum(bool(m.period_ok) for m in matches),
        trap_hits=len(trap_hits),
    )
    expected_date = None
    if doc.gold.check_date:
        expected_date = doc.gold.date.isoformat() if doc.gold.date else "none"
    return DocumentScore(
        file=doc.gold.file,
        path=doc.path,
        counts=counts,
        matches=tuple(matches),
        misses=tuple(misses),
        false_claims=false_claims,
        trap_hits=tuple(trap_hits),
        traps_not_in_text=tuple(not_in_text),
        date_expected=expected_date,
        date_found=doc.date,
        date_ok=None if expected_date is None else expected_date == doc.date,
        unreadable=doc.unreadable,
    )


def _doc_for(ref: Ref, by_file: dict[str, _Doc], docs: list[_Doc], gold_path: Path) -> _Doc:
    if ref.file in by_file:
        return by_file[ref.file]
    named = [d for d in docs if Path(d.path).name == Path(ref.file).name or d.path == ref.file]
    if len(named) != 1:
        raise GoldError(gold_path, f"{ref.where}.file {ref.file!r} is not one of the documents")
    return named[0]


def _ref_claims(ref: Ref, by_file: dict[str, _Doc], docs: list[_Doc], gold_path: Path) -> frozenset[str]:
    doc = _doc_for(ref, by_file, docs, gold_path)
    found = _find(doc, ref.text, f"{ref.where}.text", gold_path)
    return frozenset(c.id for c in doc.claims if locate.overlaps(c.evidence.start, c.evidence.end, found))


def _twins(docs: list[_Doc]) -> dict[str, frozenset[str]]:
    """Claim id → the ids of every claim that states the same figure of the same thing for the same explicit period
    (the same statement in another page or version). A finding cites one of them as its evidence ("117,950 (2022)"
    from this year's fact sheet or from last year's), so an expected finding accepts any."""
    by_statement: dict[tuple, set[str]] = {}
    for doc in docs:
        for c in doc.claims:
            if c.period is None:
                continue  # an undated figure's time is its page's date: no two pages state it for the same time
            key = (c.subject, c.measure, c.scope, c.value.unit, c.value.bound, c.value.stated, c.period.label)
            by_statement.setdefault(key, set()).add(c.id)
    return {i: frozenset(ids) for ids in by_statement.values() if len(ids) > 1 for i in ids}


def _check_finding(
    expected: ExpectedFinding,
    by_file: dict[str, _Doc],
    docs: list[_Doc],
    findings: tuple[Finding, ...],
    gold_path: Path,
    twins: dict[str, frozenset[str]],
) -> FindingCheck:
    wanted = [frozenset().union(*(_ref_claims(r, by_file, docs, gold_path) for r in slot)) for slot in expected.refs]
    wanted = [ids.union(*(twins.get(i, frozenset()) for i in ids)) for ids in wanted]
    for f in findings:
        if f.kind != expected.kind:
            continue
        if expected.subjects and not _named(f.subject, expected.subjects):
            continue
        if expected.measures and not _named(f.measure, expected.measures):
            continue
        members = list(f.claims)
        positions = []
        for ids in wanted:
            at = [i for i, c in enumerate(members) if c in ids]
            if not at:
                break
            positions.append(at)
        else:
            if expected.ordered and not min(positions[0]) < max(positions[1]):
                continue
            return FindingCheck(expected, True, f.id, f.message)
    return FindingCheck(expected, False, None, None)


def _conflicts_between(a: frozenset[str], b: frozenset[str], findings: tuple[Finding, ...]) -> tuple[str, ...]:
    return tuple(
        f"{f.kind}: {f.message}"
        for f in findings
        if f.kind in CONFLICT_KINDS and a & set(f.claims) and b & set(f.claims)
    )
