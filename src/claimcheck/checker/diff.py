"""Version diffs: what each source added, removed or changed between consecutive dated captures.

A capture's claim set is a dict keyed by (subject, measure, scope, period label) whose value is the
comparable figure of the claims under that key: bound, stated figure, unit and stated interval.
Wording is not compared, so rephrasing a sentence or moving a paragraph is no revision, while a new
figure, a new hedge or a new unit is. DeepDiff computes the difference of consecutive captures.

Files of one source captured on the same day are one capture: their order would otherwise come
from their paths, and a renamed file must not turn into a revision. Undated captures cannot be
placed between the others and are left out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
from collections.abc import Iterable, Sequence

from deepdiff import DeepDiff

from claimcheck.checker.builder import ARROW, distinct
from claimcheck.checker.describe import describe, headline, signed_percent
from claimcheck.checker.fingerprint import EvidenceTexts, finding_id
from claimcheck.checker.group import sort_claims
from claimcheck.checker.model import DEFAULT_SEVERITY, Change, Finding, RevisedEntry, SourceHistory, VersionPair
from claimcheck.claims.model import Claim, Source

EntryKey = tuple[str, str, str, str]  # subject, measure, scope or "", period label or ""
Comparable = tuple  # bound, stated, stated_high, unit, low, low inclusive, high, high inclusive
INF = math.inf


def entry_key(claim: Claim) -> EntryKey:
    """Where a claim sits in its capture's claim set."""
    return (claim.subject, claim.measure, claim.scope or "", claim.period.label if claim.period else "")


def comparable(claim: Claim) -> Comparable:
    """What a revision compares: the figure, its bound and unit, and the stated interval."""
    value = claim.value
    interval = value.interval
    return (
        value.bound,
        value.stated,
        -INF if value.stated_high is None else value.stated_high,
        value.unit,
        -INF if interval.low is None else interval.low,
        interval.low_inclusive,
        INF if interval.high is None else interval.high,
        interval.high_inclusive,
    )


def _number(x: float) -> str:
    if x in (INF, -INF):
        return "∞" if x > 0 else "-∞"
    return str(int(x)) if float(x).is_integer() else repr(x)


def comparable_text(value: Comparable) -> str:
    """A comparable figure as DeepDiff sees it: "lower 5700000000 USD (5700000000, ∞)"."""
    bound, stated, stated_high, unit, low, low_inclusive, high, high_inclusive = value
    figure = _number(stated) if stated_high == -INF else f"{_number(stated)}–{_number(stated_high)}"
    interval = f"{'[' if low_inclusive else '('}{_number(low)}, {_number(high)}{']' if high_inclusive else ')'}"
    return f"{bound} {figure} {unit} {interval}"


class _Capture:
    """One dated capture of a source (one or more same-day versions): its claims by entry key."""

    __slots__ = ("date", "iso", "versions", "claims", "values")

    def __init__(self, date: dt.date, versions: tuple[str, ...], claims: Iterable[Claim]) -> None:
        self.date = date
        self.iso = date.isoformat()  # each capture is one end of two pairs, each looked at twice
        self.versions = versions
        self.claims: dict[EntryKey, list[Claim]] = {}
        by_key = self.claims
        for claim in claims:
            # entry_key, inline: this runs once per claim of every source captured twice or more.
            period = claim.period
            key = (claim.subject, claim.measure, claim.scope or "", period.label if period else "")
            members = by_key.get(key)
            if members is None:
                by_key[key] = [claim]
            else:
                members.append(claim)
        # A key stated twice with one figure is that figure once: repeating it is no revision.
        self.values: dict[EntryKey, tuple[Comparable, ...]] = {
            key: (comparable(members[0]),) if len(members) == 1 else tuple(sorted({comparable(c) for c in members}))
            for key, members in by_key.items()
        }

    def deepdiff_value(self, key: EntryKey) -> str | list[str]:
        # One figure is a plain string; several are a list whose order carries no meaning
        # (ignore_order below).
        values = [comparable_text(v) for v in self.values[key]]
        return values[0] if len(values) == 1 else values


def _captures(source: Source, claims_by_version: dict[str, list[Claim]]) -> list[_Capture]:
    by_date: dict[dt.date, list[str]] = {}
    for version in source.versions:
        if version.date is not None:
            by_date.setdefault(version.date, []).append(version.version)
    return [
        _Capture(day, tuple(sorted(labels)), (c for label in labels for c in claims_by_version.get(label, ())))
        for day, labels in sorted(by_date.items())
    ]


PairKey = tuple[str, str, str]  # source, old date, new date (ISO)
FlatKey = tuple  # PairKey + EntryKey


def _actions(old: dict[FlatKey, object], new: dict[FlatKey, object]) -> dict[PairKey, dict[EntryKey, str]]:
    """DeepDiff of every source's consecutive captures: pair → key → added/removed/changed.

    ``old`` and ``new`` map (source, old date, new date, subject, measure, scope, period) to the
    comparable figure(s) of that key in the older and the newer capture. Entries equal in both
    captures are left out before the call: they cannot be part of the difference, and DeepDiff's
    cost grows with every entry it walks (tests check that the result equals a DeepDiff of each
    pair's full claim sets). For the same reason all pairs go into one flat dict: a call per pair,
    or a dict nested by pair, costs DeepDiff several times more per entry.

    Order only matters where a key holds several figures (a list): only those entries are diffed
    with ``ignore_order``, which makes DeepDiff hash every value it sees.
    """
    actions: dict[PairKey, dict[EntryKey, str]] = {}
    lists = {k for k, v in (*old.items(), *new.items()) if isinstance(v, list)}
    # DeepDiff spells the path of every entry it visits (to test it against exclude paths), and a
    # short string is the cheapest key to spell (a tuple is repr'd element by element, a number
    # even parsed back): so the entries go in under labels "0", "1", …, and ``flat_keys`` says
    # which key each label stands for.
    label = {key: str(n) for n, key in enumerate(dict.fromkeys([*old, *new]))}
    flat_keys = {text: key for key, text in label.items()}
    with _young_cycles_collected():
        for keys, ignore_order in ((lists, True), ((old.keys() | new.keys()) - lists, False)):
            if keys:
                t1 = {label[k]: v for k, v in old.items() if (k in lists) is ignore_order}
                t2 = {label[k]: v for k, v in new.items() if (k in lists) is ignore_order}
                _read_tree(t1, t2, ignore_order, flat_keys, actions)
    return actions


def _read_tree(
    t1: dict, t2: dict, ignore_order: bool, flat_keys: dict[str, FlatKey], actions: dict[PairKey, dict[EntryKey, str]]
) -> None:
    # threshold_to_diff_deeper=0: report entry by entry, never the whole dict as replaced.
    tree = DeepDiff(t1, t2, ignore_order=ignore_order, view="tree", threshold_to_diff_deeper=0)
    # Values are strings or lists of strings, so a dict item is only ever added or removed at the
    # top level; everything else is a change inside one top-level entry. The entry's key is the
    # root key of the level: get_root_key follows two links, where path() formats every step.
    for report_type, levels in tree.items():
        if report_type == "dictionary_item_added":
            action = "added"
        elif report_type == "dictionary_item_removed":
            action = "removed"
        else:
            action = "changed"
        for level in levels:
            flat = flat_keys[level.get_root_key()]
            actions.setdefault(flat[:3], {})[flat[3:]] = action


@contextlib.contextmanager
def _young_cycles_collected():
    # DeepDiff's tree links every level to its parent and child: cycles only the collector frees,
    # and analyse() runs with the collector paused. Everything older is first moved to the oldest
    # generation (freeze + unfreeze: two list splices), so collecting the young generations
    # afterwards walks only what DeepDiff made, not the corpus. Not when the caller froze objects
    # itself: unfreeze would undo that (the collection is then merely slower).
    if not gc.get_freeze_count():
        gc.freeze()
        gc.unfreeze()
    try:
        yield
    finally:
        gc.collect(1)


def may_have_history(source: Source) -> bool:
    """Whether the source has two or more capture dates: most pages have one, and no history."""
    dates = {v.date for v in source.versions}
    dates.discard(None)
    return len(dates) >= 2


def version_diffs(
    sources: Iterable[Source], claims: Iterable[Claim], digests: EvidenceTexts | None = None
) -> tuple[tuple[Finding, ...], tuple[SourceHistory, ...]]:
    """Revision findings and the history of every source with two or more dated captures.

    ``digests`` is a cache of evidence texts, valid while ``claims`` are alive.
    """
    sources = [source for source in sorted(sources, key=lambda s: s.id) if may_have_history(source)]
    compared = {source.id for source in sources}
    by_version: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        if claim.source in compared:
            by_version.setdefault((claim.source, claim.version), []).append(claim)
    timelines: list[tuple[str, list[_Capture]]] = []
    old_side: dict[FlatKey, object] = {}
    new_side: dict[FlatKey, object] = {}
    for source in sources:
        captures = _captures(source, _claims_of(by_version, source))
        if len(captures) < 2:
            continue
        timelines.append((source.id, captures))
        for before, after in zip(captures, captures[1:]):
            if before.values == after.values:
                continue  # the capture repeats the previous one's figures (one comparison, in C)
            pair = (source.id, before.iso, after.iso)
            for key in before.values.keys() | after.values.keys():
                if before.values.get(key) != after.values.get(key):
                    if key in before.values:
                        old_side[pair + key] = before.deepdiff_value(key)
                    if key in after.values:
                        new_side[pair + key] = after.deepdiff_value(key)
    actions = _actions(old_side, new_side)
    findings: list[Finding] = []
    histories: list[SourceHistory] = []
    digests = EvidenceTexts() if digests is None else digests
    for source_id, captures in timelines:
        pairs = []
        for before, after in zip(captures, captures[1:]):
            pair = (source_id, before.iso, after.iso)
            revised = actions.get(pair)
            if revised is None:
                # Nothing added, removed or changed (most pairs: the page kept its figures).
                pairs.append(VersionPair(before.versions, after.versions, before.date, after.date))
                continue
            entries: dict[str, list[RevisedEntry]] = {"added": [], "removed": [], "changed": []}
            for key, action in sorted(revised.items()):
                finding = _revision(source_id, before, after, key, action, digests)
                findings.append(finding)
                entries[action].append(
                    RevisedEntry(
                        action=action,
                        subject=key[0],
                        measure=key[1],
                        scope=key[2] or None,
                        period=key[3] or None,
                        old_claims=finding.claims[: len(before.claims.get(key, ()))],
                        new_claims=finding.claims[len(before.claims.get(key, ())) :],
                        finding=finding.id,
                    )
                )
            pairs.append(
                VersionPair(
                    old_versions=before.versions,
                    new_versions=after.versions,
                    old_date=before.date,
                    new_date=after.date,
                    added=tuple(entries["added"]),
                    removed=tuple(entries["removed"]),
                    changed=tuple(entries["changed"]),
                )
            )
        histories.append(SourceHistory(source=source_id, pairs=tuple(pairs)))
    return tuple(findings), tuple(histories)


def _claims_of(by_version: dict[tuple[str, str], list[Claim]], source: Source) -> dict[str, list[Claim]]:
    return {v.version: by_version.get((source.id, v.version), []) for v in source.versions}


def _sorted(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    # sort_claims, without its set-up for the usual key stated once.
    return tuple(claims) if len(claims) < 2 else sort_claims(claims)


def _quoted(claims: Sequence[Claim]) -> str:
    return " / ".join(distinct(f'{describe(c.value)} ("{" ".join(c.evidence.quote.split())}")' for c in claims))


def _revision(
    source: str, before: _Capture, after: _Capture, key: EntryKey, action: str, digests: EvidenceTexts
) -> Finding:
    subject, measure, scope, label = key
    old = _sorted(before.claims.get(key, ()))
    new = _sorted(after.claims.get(key, ()))
    old_date, new_date = before.iso, after.iso
    head = headline(subject, measure, scope or None) + (f" ({label})" if label else "")
    change = None
    if action == "added":
        message = f"{source}: {head} added on {new_date}: {_quoted(new)}; not stated on {old_date}"
    elif action == "removed":
        message = f"{source}: {head} removed on {new_date}: {_quoted(old)} as stated on {old_date} is gone"
    else:
        message = f"{source}: {head} revised: {_quoted(old)} on {old_date}{ARROW}{_quoted(new)} on {new_date}"
        change = _change(old, new, old_date, new_date)
        if change is not None and change.relative is not None:
            message += f", {signed_percent(change.relative)}"
    members = (*old, *new)
    unit = (new or old)[0].value.unit
    return Finding(
        id=finding_id("revision", subject, measure, scope or None, "", (label, old_date, new_date), (source,)),
        kind="revision",
        severity=DEFAULT_SEVERITY["revision"],
        subject=subject,
        measure=measure,
        scope=scope or None,
        unit=unit,
        period=(f"{label}: " if label else "") + f"{old_date}{ARROW}{new_date}",
        claims=tuple(c.id for c in members),
        evidence_digest=digests.digest(members),
        message=message,
        sources=(source,),
        change=change,
    )


def _change(old: Sequence[Claim], new: Sequence[Claim], old_date: str, new_date: str) -> Change | None:
    # One figure before and one after (a key may hold several): then the revision has a direction.
    if len({comparable(c) for c in old}) != 1 or len({comparable(c) for c in new}) != 1:
        return None
    a, b = old[0].value, new[0].value
    if a.unit != b.unit:
        return None
    delta = b.stated - a.stated
    if delta:
        direction = "up" if delta > 0 else "down"
    else:
        low = lambda q: -INF if q.likely.low is None else q.likely.low  # noqa: E731
        direction = "up" if low(b) >= low(a) else "down"
    return Change(
        direction=direction,
        old=describe(a),
        new=describe(b),
        old_date=old_date,
        new_date=new_date,
        delta=delta,
        relative=delta / a.stated if a.stated else None,
    )
