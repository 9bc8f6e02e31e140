"""SARIF 2.1.0: the findings a reviewer must act on, for code scanning and SARIF viewers."""

from __future__ import annotations

import bisect
import functools
import itertools
import zlib
from collections.abc import Callable
from typing import Any
from urllib.parse import quote as url_quote

import attrs
import orjson

from claimcheck import __version__, serialize
from claimcheck.checker.model import SEVERITIES, Finding
from claimcheck.checker.outcome import COUNTING_STATUSES
from claimcheck.claims.model import Claim
from claimcheck.reports.views import finding_sort_key
from claimcheck.result import RunResult

SARIF_VERSION = "2.1.0"
# The OASIS errata01 schema, the same text tests/reports/schemas/ vendors and validates against.
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# Claim paths are relative to the directory holding the config; SARIF names that base %SRCROOT%.
SRCROOT = "%SRCROOT%"
# A finding's id survives moved lines and renamed files (semantics.md), so it is the fingerprint
# code scanning should match alerts on across runs. "/v1": bump it if the id recipe ever changes.
FINGERPRINT_KEY = "claimcheckFindingId/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note", "none": "none"}
# GitHub code scanning rejects a whole upload with more results in a run, or more locations in a
# result, than these (its documented hard limits): a large corpus must still give a log it takes.
MAX_RESULTS = 25_000
MAX_LOCATIONS = 1_000
# It also rejects an upload of more than 10 MB gzipped. The log is kept under this many gzipped
# bytes, measured with zlib's default level (what upload-sarif compresses with). The margin is for
# what upload-sarif adds before it compresses (a primaryLocationLineHash per result: about 12
# gzipped bytes each, 0.3 MB at 25,000 results) and for another zlib build compressing worse.
UPLOAD_BUDGET = 9_000_000
# Unreadable versions are listed as tool notifications up to this many (the rest counted in one
# more): a log with no results at all must still fit the budget.
MAX_NOTIFICATIONS = 1_000
# A log up to this many bytes of compact JSON is written indented, for people; a larger one is
# written compact (one line), which halves it: nobody reads 50 MB of SARIF, and GitHub's size
# limit is easier to keep.
INDENT_LIMIT = 4_000_000
_SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(SEVERITIES)}  # error first
# Where a compact log with no results holds its results (Log.frame).
_EMPTY_RESULTS = b'"results":[]'


@attrs.frozen
class Rule:
    """One finding kind as a SARIF rule; the ids are a public contract and never reused."""

    id: str
    kind: str
    name: str
    short: str
    full: str
    help: str
    level: str


# Agreements are not problems, so they have no rule and never become results.
RULES: tuple[Rule, ...] = (
    Rule(
        "CC001", "conflict", "ConflictingFigures",
        "Two claims state incompatible figures for the same thing in the same period.",
        "Claims about the same subject, measure and scope, for the same period, whose stated "
        "intervals do not intersect: the wording of one rules out the other, so at least one is "
        "wrong or they count different things.",
        "Find out which figure is right and correct the other page, or record a resolution "
        "(confirmed, source-preferred, false-positive, ...) for this finding id in the "
        "resolutions file.",
        "error",
    ),
    Rule(
        "CC002", "stale", "StaleFigure",
        "A page presents an outdated figure as current.",
        "A version presents as current either a figure whose own period ended more than "
        "stale_after before the version's date, or the same figure as an older claim after a "
        "claim dated in between had already changed it.",
        "Update the figure and its period, or say explicitly which year it describes, or record a "
        "resolution for this finding id in the resolutions file.",
        "warning",
    ),
    Rule(
        "CC003", "undated-discrepancy", "UndatedDiscrepancy",
        "Claims state incompatible figures and at least one of them is undated.",
        "The stated intervals of the claims do not intersect, but at least one version has no "
        "date, so the disagreement cannot be placed on the time line: it is a conflict or a "
        "change.",
        "Date the undated version in the config (source.version.date) so the claims can be "
        "compared on the time line, or record a resolution for this finding id.",
        "warning",
    ),
    Rule(
        "CC004", "change", "FigureChanged",
        "A figure changed between two periods.",
        "Claims about different periods whose figures moved: the same kind of bound with a "
        "different stated figure, or likely intervals that do not intersect. Reported old to new "
        "with dates, direction and relative size.",
        "Usually expected: confirm the change is real and record an expected-change resolution "
        "for this finding id.",
        "note",
    ),
    Rule(
        "CC005", "revision", "SourceRevised",
        "A source added, removed or changed a figure between consecutive versions.",
        "Within one source, a claim was added, removed or changed from one version to the next.",
        "Review the revision; record a resolution for this finding id once it is understood.",
        "note",
    ),
)
RULE_INDEX = {rule.kind: i for i, rule in enumerate(RULES)}

# serialize.compact_bytes's orjson options without the newline: a result is spliced from the
# bytes of its parts, each exactly what orjson writes for it inside the whole result (keys sorted).
_PART_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
# A result's keys in sorted order are level, locations, message, partialFingerprints,
# properties, relatedLocations, ruleId, ruleIndex: these are its first and last parts.
_LEVEL_PART = {level: b'{"level":' + orjson.dumps(level) for level in LEVELS.values()}
_RULE_PART = {
    rule.kind: b',"ruleId":' + orjson.dumps(rule.id) + b',"ruleIndex":' + orjson.dumps(i) + b"}"
    for i, rule in enumerate(RULES)
}


def render_sarif(result: RunResult) -> str:
    """``results.sarif``: one SARIF 2.1.0 run with a result per open or needs-re-review finding.

    Resolved findings are left out rather than suppressed, since GitHub code scanning ignores
    suppressions. Each result points at its member claims: the first as the primary location,
    the others as related locations with ids 1, 2, ... in the finding's claim order. Within
    GitHub's limits: at most ``MAX_RESULTS`` results and ``UPLOAD_BUDGET`` gzipped bytes (the
    most severe results are kept; a notification says how many are left out) and
    ``MAX_LOCATIONS`` locations a result. Indented JSON up to ``INDENT_LIMIT``, compact beyond.

    Same run, same bytes, with one exception: a log cut to the size budget is cut where this
    machine's zlib says it fits, and another zlib build may compress a little differently.
    """
    return sarif_bytes(result).decode("utf-8")


def sarif_bytes(result: RunResult) -> bytes:
    """``render_sarif(result)`` as the UTF-8 bytes written, without making the text."""
    log = _Log(result)
    keep = log.fitting(min(len(log.ranked), MAX_RESULTS))
    while True:
        data = log.encode(keep)
        if len(data) <= UPLOAD_BUDGET:
            break  # no larger once gzipped
        packed = len(zlib.compress(data))
        if packed <= UPLOAD_BUDGET or keep == 0:
            # With no result left only the notifications remain, at most MAX_NOTIFICATIONS of
            # them: a log still over the budget then would need thousands of long file names.
            break
        # Results differ in size by a hundredfold (a conflict may cite a thousand claims, a
        # revision one), so the cut is aimed in bytes: the raw size that should compress to a
        # little under the budget at this log's ratio. At least one result fewer each round, so
        # the loop always ends; it rarely takes a second.
        ends = [0, *itertools.accumulate(len(log.result_bytes(i)) + 1 for i in range(keep))]
        compact = log.compact_size(keep)
        target = compact * UPLOAD_BUDGET * AIM / packed - (compact - ends[keep])
        keep = min(keep - 1, max(bisect.bisect_right(ends, target) - 1, 0))
    return data


# Where a cut aims, as a share of the budget: a little under it, since a log's results compress a
# little differently in report order than in order of severity, where the cut is found.
AIM = 0.97
# Bytes fed to the compressor between flushes while a cut is estimated (Log.fitting).
FLUSH_EVERY = 1 << 18


class _Log:
    """What a log is built from: the findings it reports, most severe first, each made once."""

    def __init__(self, result: RunResult) -> None:
        self.result = result
        self.claims = {c.id: c for c in result.claims}
        self.titles = {s.id: s.title or s.id for s in result.sources}
        # A claim is a member of several findings (its group's agreement, a change, a revision...):
        # its location is built once and the same object written wherever it stands.
        self.located: dict[str, dict[str, Any]] = {}
        findings = [f for f in result.findings if f.status in COUNTING_STATUSES and f.kind in RULE_INDEX]
        # When the log must leave some out, the most severe are kept, as code scanning itself
        # keeps when it truncates. Each finding's report-order key is made once: the ranking
        # sorts by it and every cut's order (order) by it again, which cost more than sorting.
        keyed = [(_SEVERITY_ORDER.get(f.severity, len(SEVERITIES)), finding_sort_key(f)) for f in findings]
        ranks = sorted(range(len(findings)), key=keyed.__getitem__)
        self.ranked = [findings[j] for j in ranks]
        self.report_keys = [keyed[j][1] for j in ranks]
        self.results: list[dict[str, Any] | None] = [None] * len(self.ranked)
        self.encoded: list[bytes | None] = [None] * len(self.ranked)
        # Each claim's location as the compact JSON it is written as, made once (a claim stands in
        # several results): what follows a result's bytes b'{' or b'{"id":n,' (spliced).
        self.parts = _Parts(self)
        self.artifacts: dict[str, bytes] = {}  # claim path -> its artifactLocation's JSON (_location_part)
        self.ids: list[bytes] = []  # b'{"id":1,', b',{"id":2,', ...: what precedes each related location

    def locate(self, c: Claim) -> dict[str, Any]:
        loc = self.located.get(c.id)
        if loc is None:
            loc = self.located[c.id] = _location(c, self.titles)
        return loc

    def result_of(self, i: int) -> dict[str, Any]:
        """The result of ``ranked[i]``, made on first use: a shrinking log asks again."""
        out = self.results[i]
        if out is None:
            out = self.results[i] = _result(self.ranked[i], self.claims, self.locate)
        return out

    def result_bytes(self, i: int) -> bytes:
        """``result_of(i)`` as compact JSON (no newline), made once: a log is written from these.

        Byte for byte ``serialize.compact_bytes(self.result_of(i))[:-1]``, but spliced from bytes
        orjson wrote for its parts (each location made once for every result citing it) without
        building the result's dicts, which cost most of a large log's time before zlib's.
        """
        out = self.encoded[i]
        if out is None:
            out = self.spliced(self.ranked[i])
            if out is None:
                # Something orjson refuses (an integer past 64 bits, a lone surrogate, another
                # type): compact_bytes then falls back to json for the whole result, as it does.
                out = serialize.compact_bytes(self.result_of(i))[:-1]
            self.encoded[i] = out
        return out

    def spliced(self, f: Finding) -> bytes | None:
        """``_result(f, ...)`` as compact JSON (no newline), or None when orjson refuses a part.

        A result's keys are fixed, so its sorted layout is known: the level, the primary
        location, message, fingerprints and properties (one orjson call, keys sorted), the
        related locations, the rule. A location's own keys (message, physicalLocation,
        properties) all sort after a related location's "id", which is therefore its first key.
        """
        claims, parts = self.claims, self.parts
        members = list(filter(claims.__contains__, f.claims))
        # Only the locations written are made, as _result makes them: one past MAX_LOCATIONS
        # may well fail to (a lone surrogate in its path), which must not fail the log.
        first = parts[members[0]] if members else b""
        related = list(map(parts.__getitem__, members[1:MAX_LOCATIONS])) if len(members) > 1 else []
        if first is None or None in related:
            return None
        level = _LEVEL_PART[LEVELS.get(f.severity, "warning")]
        properties = _properties(f)
        if len(members) > 1 and len(members) > MAX_LOCATIONS:
            properties["locations_left_out"] = len(members) - MAX_LOCATIONS
        middle = {
            "message": {"text": message_text(f.message)},
            "partialFingerprints": {FINGERPRINT_KEY: f.id},
            "properties": properties,
        }
        try:
            body = orjson.dumps(middle, default=_refuse, option=_PART_OPTIONS)
        except TypeError:
            return None
        # One join of every piece: a result is copied once, not once more for each level of
        # nesting (its related locations are most of a large log's bytes).
        out = [level]
        if members:
            out += (b',"locations":[{', first, b"]")
        out += (b",", body[1:-1])
        if len(members) > 1:
            ids = self.ids
            while len(ids) < len(related):
                ids.append(b'%s{"id":%d,' % (b"," if ids else b"", len(ids) + 1))
            pieces: list[bytes] = [b""] * (2 * len(related))
            pieces[::2] = ids[: len(related)]
            pieces[1::2] = related
            out.append(b',"relatedLocations":[')
            out += pieces
            out.append(b"]")
        out.append(_RULE_PART[f.kind])
        return b"".join(out)

    def location_part(self, cid: str) -> bytes | None:
        """Claim ``cid``'s location as compact JSON without its opening brace, or None when
        orjson refuses it."""
        try:
            return _location_part(self.claims[cid], self.titles, self.artifacts)
        except TypeError:
            return None

    def order(self, keep: int) -> list[int]:
        """The ``keep`` most severe findings' indexes, in report order."""
        return sorted(range(keep), key=self.report_keys.__getitem__)

    def frame(self, keep: int) -> tuple[bytes, bytes]:
        """The compact log of ``keep`` results around its results: what comes before the first
        result and after the last."""
        empty = serialize.compact_bytes(self.document(keep, with_results=False))
        # Inside a JSON string every quote is escaped, so these bytes occur once: at the key.
        at = empty.index(_EMPTY_RESULTS) + len(_EMPTY_RESULTS) - 1
        return empty[:at], empty[at:]

    def compact_size(self, keep: int, frame: tuple[bytes, bytes] | None = None) -> int:
        """Bytes of the compact log of ``keep`` results (``frame``: its frame, when made already)."""
        head, tail = frame or self.frame(keep)
        return len(head) + len(tail) + sum(len(self.result_bytes(i)) + 1 for i in range(keep)) - min(keep, 1)

    def encode(self, keep: int) -> bytes:
        """The log of the ``keep`` most severe findings as written: indented up to
        ``INDENT_LIMIT`` bytes of compact JSON, compact beyond.

        The compact log is spliced from each result's bytes, made once however often a cut is
        tried: byte for byte what ``serialize.compact_bytes(self.document(keep))`` gives.
        """
        head, tail = self.frame(keep)
        if self.compact_size(keep, (head, tail)) <= INDENT_LIMIT:
            return serialize.dumps_bytes(self.document(keep))
        return b"".join((head, b",".join(map(self.result_bytes, self.order(keep))), tail))

    def fitting(self, keep: int) -> int:
        """How many of the ``keep`` most severe results the log can hold: all of them when they
        fit the budget uncompressed, else about as many as compress, fed in order of severity,
        to a little under the budget.

        An estimate, found in one pass of a streaming compressor instead of compressing a log
        of every result and then the cut log again: ``sarif_bytes`` checks it on the real log.
        """
        head, tail = self.frame(keep)
        raw = len(head) + len(tail)
        for n in range(keep):
            raw += len(self.result_bytes(n)) + 1
            if raw > UPLOAD_BUDGET:
                break
        else:
            return keep
        aim = UPLOAD_BUDGET * AIM
        packer = zlib.compressobj()
        packed = len(packer.compress(head))
        # A compressor holds back what it has not yet written, so the count of bytes out is
        # only exact after a flush; one every FLUSH_EVERY bytes in costs a few bytes each.
        last = (0, packed)  # results fed and bytes out at the last flush
        since = 0
        for i in range(keep):
            data = self.result_bytes(i) + b","
            packed += len(packer.compress(data))
            since += len(data)
            if since < FLUSH_EVERY and i < keep - 1:
                continue
            packed += len(packer.flush(zlib.Z_SYNC_FLUSH))
            since = 0
            if packed > aim:
                # The budget ran out among the results fed since the last flush.
                fed, out = last
                return fed + int((i + 1 - fed) * (aim - out) / (packed - out))
            last = (i + 1, packed)
        return keep

    def document(self, keep: int, *, with_results: bool = True) -> dict[str, Any]:
        """The log of the ``keep`` most severe findings, in report order (``with_results``
        false: the same log with an empty list of results)."""
        order = self.order(keep) if with_results else []
        left_out = len(self.ranked) - keep
        unreadable = sorted(self.result.unreadable, key=lambda u: (u.source, u.path, u.reason))
        notifications = [
            {
                "level": "warning",
                "message": {"text": message_text(f"unreadable source {u.source}: {u.path}: {u.reason}")},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(u.path), "uriBaseId": SRCROOT}}}],
            }
            for u in unreadable[:MAX_NOTIFICATIONS]
        ]
        if len(unreadable) > MAX_NOTIFICATIONS:
            notifications.append({
                "level": "warning",
                "message": {"text": (
                    f"{len(unreadable) - MAX_NOTIFICATIONS} more unreadable versions are not listed here; "
                    "findings.json and the HTML report list every one."
                )},
            })
        if left_out:
            notifications.append({
                "level": "warning",
                "message": {"text": (
                    f"{left_out} of {len(self.ranked)} open findings are left out of this log, the least "
                    f"severe first: GitHub code scanning rejects a run of more than {MAX_RESULTS} results "
                    "or an upload of more than 10 MB gzipped. findings.json and the HTML report list "
                    "every finding."
                )},
            })
        run = {
            "tool": {
                "driver": {
                    "name": "claimcheck",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": [_rule(rule) for rule in RULES],
                }
            },
            # Evidence columns count code points (claims/text.py), not SARIF's default UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {
                SRCROOT: {"description": {"text": "The directory holding the claimcheck configuration file."}}
            },
            "results": [self.result_of(i) for i in order],
            # Versions the run could not read are not findings about figures, but a reader of the
            # log must see that the check did not cover them.
            "invocations": [
                {
                    "executionSuccessful": True,
                    "toolExecutionNotifications": notifications,
                }
            ],
        }
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


class _Parts(dict):
    """Claim id -> ``_Log.location_part``, made on first use (a dict's own lookup for the rest)."""

    def __init__(self, log: _Log) -> None:
        super().__init__()
        self.log = log

    def __missing__(self, cid: str) -> bytes | None:
        part = self[cid] = self.log.location_part(cid)
        return part


def _refuse(obj: Any) -> Any:
    # As serialize.compact_bytes: orjson refuses what it would pass through, and json decides.
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def message_text(text: str) -> str:
    """Document text as a SARIF plain-text message that shows exactly that text.

    Braces are doubled because ``{0}`` is placeholder syntax (SARIF §3.11.5), and square
    brackets are backslash-escaped so that a quote like ``[x](javascript:...)`` can never form an
    embedded link (§3.11.6) in a viewer.
    """
    # Five C-speed replaces, the backslash first, are six times faster than str.translate with a
    # table (a large log escapes every finding and every location label).
    return text.replace("\\", "\\\\").replace("{", "{{").replace("}", "}}").replace("[", "\\[").replace("]", "\\]")


@functools.lru_cache(maxsize=1 << 16)  # a corpus has fewer files than claims; 10,000 pages must fit
def artifact_uri(path: str) -> str:
    """A claim path (relative POSIX) as a relative URI reference: unsafe characters %-encoded."""
    return url_quote(path, safe="/")


# ---------------------------------------------------------------------------------------------


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": rule.full},
        "defaultConfiguration": {"level": rule.level},
        "help": {"text": rule.help},
        "properties": {"kind": rule.kind, "tags": ["claimcheck", rule.kind]},
    }


def _result(f: Finding, claims: dict[str, Claim], locate: Callable[[Claim], dict[str, Any]]) -> dict[str, Any]:
    members = [claims[cid] for cid in f.claims if cid in claims]
    out: dict[str, Any] = {
        "ruleId": RULES[RULE_INDEX[f.kind]].id,
        "ruleIndex": RULE_INDEX[f.kind],
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": message_text(f.message)},
        "partialFingerprints": {FINGERPRINT_KEY: f.id},
        "properties": _properties(f),
    }
    if members:
        # A result without a location is valid SARIF; one only arises when a finding names a
        # claim the result does not hold, which the checker never produces.
        out["locations"] = [locate(members[0])]
    if len(members) > 1:
        out["relatedLocations"] = [
            {"id": i, **locate(c)} for i, c in enumerate(members[1:MAX_LOCATIONS], start=1)
        ]
        if len(members) > MAX_LOCATIONS:
            # The claim ids above still name every member; only their locations are capped.
            out["properties"]["locations_left_out"] = len(members) - MAX_LOCATIONS
    return out


def _properties(f: Finding) -> dict[str, Any]:
    """A result's properties: the finding as claimcheck knows it (both ways of writing a result)."""
    return {
        "kind": f.kind,
        "severity": f.severity,
        "status": f.status,
        "subject": f.subject,
        "measure": f.measure,
        "scope": f.scope,
        "unit": f.unit,
        "period": f.period,
        "evidence_digest": f.evidence_digest,
        "sources": list(f.sources),
        "claims": list(f.claims),
    }


def _location_part(c: Claim, titles: dict[str, str], artifacts: dict[str, bytes]) -> bytes:
    """``_location(c, titles)`` as compact JSON without its opening brace, written directly: a
    dict's sorted keys are known, and orjson writes a value alone as it does inside a dict.

    Raises TypeError where orjson would refuse the dict (tests/reports/test_sarif_bytes.py holds
    it to ``_location``). ``artifacts`` caches the artifactLocation of each path.
    """
    dumps, refuse, options = orjson.dumps, _refuse, _PART_OPTIONS  # a claim costs a few µs: calls count
    ev = c.evidence
    artifact = artifacts.get(c.path)
    if artifact is None:
        artifact = artifacts[c.path] = b"".join((
            b',"physicalLocation":{"artifactLocation":{"uri":', dumps(artifact_uri(c.path), refuse, options),
            b',"uriBaseId":', dumps(SRCROOT, refuse, options), b"}",
        ))
    page = getattr(ev, "page", None)
    quote = ev.quote
    if page is None:
        start_line, start_column = max(ev.line, 1), max(ev.column, 1)
        if "\n" not in quote and "\r" not in quote:
            end = b'"endColumn":' + dumps(start_column + len(quote), refuse, options) + b","
        else:
            end = b""
        where = ""
        tail = (
            b',"region":{', end, b'"snippet":{"text":', dumps(quote, refuse, options),
            b'},"startColumn":', dumps(start_column, refuse, options),
            b',"startLine":', dumps(start_line, refuse, options), b"}}}",
        )
    else:
        where = f", page {page}"
        tail = (
            b'},"properties":{"column":', dumps(ev.column, refuse, options), b',"line":', dumps(ev.line, refuse, options),
            b',"page":', dumps(page, refuse, options), b',"quote":', dumps(quote, refuse, options), b"}}",
        )
    label = f"{titles.get(c.source, c.source)} ({c.version}{where}): {quote}"
    return b"".join((b'"message":{"text":', dumps(message_text(label), refuse, options), b"}", artifact, *tail))


def _location(c: Claim, titles: dict[str, str]) -> dict[str, Any]:
    ev = c.evidence
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(c.path), "uriBaseId": SRCROOT}}
    page = getattr(ev, "page", None)
    location: dict[str, Any] = {"physicalLocation": physical}
    if page is None:
        region: dict[str, Any] = {"startLine": max(ev.line, 1), "startColumn": max(ev.column, 1)}
        if "\n" not in ev.quote and "\r" not in ev.quote:
            # Exact for plain text; for markup inside the quote (an entity, an inline tag) the
            # file span is longer than the quote and the region ends early: Evidence keeps no end.
            region["endColumn"] = region["startColumn"] + len(ev.quote)
        region["snippet"] = {"text": ev.quote}
        physical["region"] = region
        where = ""
    else:
        # A PDF's lines are lines of its extracted page text, not of the file, and SARIF has no
        # page: the location names the file and carries the page and line as properties.
        location["properties"] = {"page": page, "line": ev.line, "column": ev.column, "quote": ev.quote}
        where = f", page {page}"
    label = f"{titles.get(c.source, c.source)} ({c.version}{where}): {ev.quote}"
    location["message"] = {"text": message_text(label)}
    return location
