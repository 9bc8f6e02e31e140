"""Who a sentence is about: configured aliases, definitions in the text, sub-units and anaphora."""

from __future__ import annotations

import datetime as dt
import functools
import re

import attrs

from claimcheck.claims.leadchars import guarded
from claimcheck.claims.lowered import lower_cased
from claimcheck.claims.perconfig import per_configuration
from claimcheck.config import ExtractionSettings

# Words that refer back to the subject in focus.
# Words that refer back to the subject in focus: pronouns, and "the" with a noun that names a kind of body.
_ANAPHOR = re.compile(
    r"\b(?:the\s+(?:agency|organi[sz]ation|directorate|component|office|division|program|department|bureau|"
    r"service|authority|company|firm|corporation|institution|institute|hospital|university|college|school|"
    r"library|museum|ministry|commission|council|board|system|group|center|centre|district|administration)|"
    r"it|its|this|they|their)\b",
    re.IGNORECASE,
)
_ANAPHOR_LOWER = guarded(_ANAPHOR.pattern, "it")  # the same, case-sensitive, for lower-cased text
# "HSI's International Operations": a named sub-unit of a subject narrows what is counted.
_SUBUNIT = re.compile(
    r"^\s*(?:'s|’s)?\s+((?:[A-Z][a-z]+\s+){0,3}(?:Operations|Affairs|Division|Directorate|Program|Unit|Center|Office))\b"
)


@attrs.frozen
class Mention:
    start: int
    end: int
    subject: str
    scope: str | None = None  # the sub-unit named with it, canonicalised
    anaphor: bool = False
    until: dt.date | None = None  # a former name: the last day it named the subject

    def valid_on(self, when: dt.date | None) -> bool:
        """Whether the name still named its subject at ``when`` (unknown times get the benefit of the doubt).

        After a rename the former name names the subject only for figures about the time before it ended
        ("In FY 2008, DRO removed …"). A page written later that uses it about its own time is either out
        of date or, more often for generic names ("Office of Investigations"), about somebody else.
        """
        return self.until is None or when is None or when <= self.until


@attrs.frozen
class SubjectMatcher:
    names: dict[str, str]  # name key (acronyms as written, other names case-folded) → subject id
    pattern: object | None  # truthy when there are names (the slow pattern itself is compiled on demand)
    configured: frozenset[str] = frozenset()  # subject ids the config names (not learned from the text)
    former: dict[str, dt.date] = attrs.Factory(dict)  # name key → the day its validity ended
    # Fast path: prefix-tree patterns over lower-cased text (the configured names' is built once per
    # configuration, the document's own definitions get a small one), and lower-cased key → name key.
    lowered: tuple[re.Pattern[str], ...] = ()
    by_lower: dict[str, str] = attrs.Factory(dict)

    def has_names(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether ``text[start:end]`` names any subject (a quick look before the full read)."""
        return bool(self.find(text, start, end))

    def reads_alone(self, window: str) -> bool:
        """Whether find() on a span holding ``window`` reads nothing outside it: true unless it must take the
        slow path (whose pattern looks behind the span's start), as find() decides below."""
        return self.pattern is None or (bool(self.lowered) and len(window.lower()) == len(window))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Named mentions in ``text[start:end]``, in order; initials only match in capitals."""
        if self.pattern is None:
            return []
        end = len(text) if end is None else end
        window = text[start:end]
        low = lower_cased(text) if window is text else window.lower()  # (a whole page: lower-cased once for all)
        if len(low) != len(window) or not self.lowered:
            return self._find_slow(text, start, end)
        hits: list[tuple[int, int, str]] = []
        for pattern in self.lowered:
            for m in pattern.finditer(low):
                i = m.start()
                if i > 0 and (low[i - 1].isalnum() or low[i - 1] in "_-"):
                    continue  # inside a word: "ice" in "police" (checked here, not by a look-behind: faster)
                hits.append((i, m.end(), m.group(0)))
        if len(self.lowered) > 1:
            hits.sort(key=lambda h: (h[0], -h[1]))
        found = []
        names, former, by_lower = self.names, self.former, self.by_lower
        last_end = -1
        for s, e, matched in hits:
            if s < last_end:
                continue  # a shorter name inside a longer one the other pattern found
            key = by_lower.get(" ".join(matched.split()))
            if key is None:
                continue
            if key in names and _is_acronym(key) and window[s:e] != key:
                continue  # initials only in capitals: "ICE", not "ice"
            subject = names.get(key)
            if subject is None:
                continue
            if matched.startswith("the "):
                # "the Lottery Division" with aliases "the Lottery" and "Lottery Division": the longer name, which
                # the leftmost match hides (else "Division" is left over and read as a sub-unit)
                longer = self._longer_after(low, s + 4, e, subject)
                e = longer or e
            found.append(Mention(start + s, start + e, subject, until=former.get(key) if former else None))
            last_end = e
        return found

    def _longer_after(self, low: str, at: int, end: int, subject: str) -> int | None:
        """Where a name of ``subject`` starting at ``at`` in lower-cased text ends, when that is past ``end``."""
        for pattern in self.lowered:
            m = pattern.match(low, at)
            if m is not None and m.end() > end:
                key = self.by_lower.get(" ".join(m.group(0).split()))
                if key is not None and self.names.get(key) == subject:
                    return m.end()
        return None

    def _find_slow(self, text: str, start: int, end: int) -> list[Mention]:
        found = []
        names, former = self.names, self.former
        pattern = _alternation_of(frozenset(names))
        assert pattern is not None
        for m in pattern.finditer(text, start, end):
            name = m.group(0)
            k = name if name in names else name.casefold()
            subject = names.get(k)
            if subject is None and k != name:
                k = " ".join(k.split())
                subject = names.get(k)
            if subject is not None:
                found.append(Mention(m.start(), m.end(), subject, until=former.get(k) if former else None))
        return found


def _alternation(names: list[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    parts = []
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        body = re.escape(name).replace(r"\ ", r"\s+")
        # Acronyms are case-sensitive ("ICE" is not "ice"); long names are not.
        parts.append(body if _is_acronym(name) else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


@functools.lru_cache(maxsize=64)
def _alternation_of(names: frozenset[str]) -> re.Pattern[str] | None:
    """Every name in one case-aware pattern: only for text that lower-casing would shift."""
    return _alternation(sorted(names))


@functools.lru_cache(maxsize=256)
def _lower_trie(keys: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for lower-cased names, as a prefix tree (one branch per letter, longest names first);
    a space in a name matches any run of white space."""
    if not keys:
        return None
    tree: dict = {}
    for k in keys:
        node = tree
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        for ch in sorted((k for k in node if k), reverse=True):
            alts.append((r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch]))
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return re.compile(emit(tree) + r"(?![\w-])")


def _is_acronym(name: str) -> bool:
    return len(name) <= 6 and name.upper() == name


@functools.lru_cache(maxsize=64)
def configured_names(settings: ExtractionSettings) -> tuple[tuple[str, str], ...]:
    """(name, subject id) for every configured subject, alias and former name."""
    pairs: list[tuple[str, str]] = []
    for subject in settings.subjects:
        pairs.append((subject.id, subject.id))
        pairs.extend((alias, subject.id) for alias in subject.aliases)
        for rename in subject.renamed_from:
            pairs.append((rename.name, subject.id))
            if rename.alias:
                pairs.append((rename.alias, subject.id))
    return tuple(pairs)


# Definitions are found from their brackets: "(ABBR)" is rare and cheap to find, and the name before it is
# then matched in a short window, anchored at its end.
_ABBR = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
# Words of a name are parted by spaces and at most one line break: a blank line ends a paragraph
# or a heading, and "Who We Are\n\nHarbor City Port Authority (HCPA)" defines the authority's name only.
_NAME_GAP = r"(?=\s)[^\S\n]*\n?[^\S\n]*"
_NAME_BEFORE = re.compile(
    rf"((?:[A-Z][\w&.'’-]*|of|and|for|the|&)(?:{_NAME_GAP}(?:[A-Z][\w&.'’-]*|of|and|for|the|&)){{1,8}})\s*\Z"
)
_LEADING_GLUE = re.compile(r"^(?:the|of|and|for)\s+", re.IGNORECASE)


def definitions(
    text: str, known: dict[str, str], former: dict[str, dt.date] | None = None
) -> dict[str, str]:
    """Names a document defines as "Long Name (ABBR)", mapped to a subject id. With ``former`` (name key →
    end date of a former name), an abbreviation defined for a former name is added to it with the same date."""
    learned: dict[str, str] = {}
    for m in _ABBR.finditer(text):
        nm = _NAME_BEFORE.search(text, max(0, m.start() - 160), m.start())
        if nm is None:
            continue
        long_name = _LEADING_GLUE.sub("", nm.group(1).strip())
        abbr = m.group(1)
        if not _plausible_initials(long_name, abbr) or _TERM_ENDINGS.search(long_name):
            continue
        long_name = _from_first_initial(long_name, abbr)
        if (
            abbr not in known and _BUDGET_NOUN_AFTER.match(text, m.end()) is not None
            and _ORGANISATION_HEAD.search(long_name) is None
        ):
            continue  # "The Personal Services (PS) budget": a line of a budget, not a body whose budget it is
        key = long_name.casefold()
        subject = known.get(abbr) or known.get(key) or learned.get(abbr) or abbr
        learned.setdefault(abbr, subject)
        learned.setdefault(key, subject)
        if former is not None and key in former and abbr not in known:
            former.setdefault(abbr, former[key])
    return learned


# What a budget category's definition is followed by ("Personal Services (PS) budget"), and what names a body
# ("Department of Transportation (DOT) budget" is the department's).
_BUDGET_NOUN_AFTER = re.compile(
    r"[ \t]+(?:budget|costs?|spending|funding|expenses?|expenditures?|allocations?|appropriations?|funds?)\b",
    re.IGNORECASE,
)
_ORGANISATION_HEAD = re.compile(
    r"\b(?:Department|Agency|Authority|Office|Administration|Bureau|Commission|Council|Board|Corporation|Institute|"
    r"Division|Directorate|Police|Court|Ministry|University|College|District|Center|Centre|Force|Guard|"
    r"Corps|Command|Trust|Foundation|Organi[sz]ation|Association|Company|Group|Team|Unit|Program|Programme)s?\b"
    # (one service is a body, "National Park Service"; services are a budget's lines, "Personal Services")
    r"|\bService\b"
)
# "State Fiscal Year (SFY)", "Full-Time Equivalent (FTE)", "Vehicle Miles Traveled (VMT)", "Million Gallons per Day
# (MGD)", "State Highway Account (SHA)": a defined term of time, measurement or money, never an organisation a figure
# belongs to.
_TERM_ENDINGS = re.compile(
    r"\b(?:years?|quarters?|equivalents?|traveled|travelled|index|rates?|ratios?|days?|hours?|miles?|gallons|feet|"
    r"time|scores?|accounts?)\s*$",
    re.IGNORECASE,
)


def _from_first_initial(name: str, abbr: str) -> str:
    """The name from its word with the abbreviation's first letter: "Budget Request for the National Endowment for
    Inquiry and Scholarship (NEIS)" defines the endowment, not its request."""
    first = next((c for c in abbr.upper() if c.isalpha()), "")
    for w in re.finditer(r"\S+", name):
        if w.group()[0] == first:
            rest = name[w.start() :]  # (as written: a name wrapped over a line break keeps its break)
            return rest if _plausible_initials(rest, abbr) else name
    return name


def _plausible_initials(name: str, abbr: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper())
    letters = [c for c in abbr.upper() if c.isalpha()]
    # Every letter of the abbreviation appears, in order, among the initials ("Office of the Principal
    # Legal Advisor (OPLA)"), which rules out "(FY10)" and "(MOA)" after unrelated words.
    it = iter(initials.upper())
    return len(letters) >= 2 and all(c in it for c in letters)


@functools.lru_cache(maxsize=64)
def _former_names(settings: ExtractionSettings) -> tuple[tuple[str, dt.date], ...]:
    """(name key, until) of every former name that has an end date."""
    out = []
    for subject in settings.subjects:
        for rename in subject.renamed_from:
            if rename.until is None:
                continue
            for name in (rename.name, rename.alias):
                if name:
                    out.append((name if _is_acronym(name) else name.casefold(), rename.until))
    return tuple(out)


def build_matcher(settings: ExtractionSettings, text: str) -> SubjectMatcher:
    """A matcher for the configured subjects plus those this document defines."""
    base = _configured(settings)
    former = dict(base.former)
    # Only names the configuration lacks change the matcher (a former name's abbreviation is one of them).
    new = {k: v for k, v in definitions(text, base.names, former).items() if k not in base.names}
    if not new:
        return base
    names = {**base.names, **new}
    # The configured names' pattern is built once per configuration; a document that defines new names
    # gets a small pattern of its own.
    lowered = (*base.lowered, _lower_trie(frozenset(" ".join(k.lower().split()) for k in new)))
    by_lower = dict(base.by_lower)
    for k in new:
        _index_lower(by_lower, k)
    return SubjectMatcher(names, True, base.configured, former, lowered, by_lower)


def _index_lower(by_lower: dict[str, str], name: str) -> None:
    """Index ``name`` by its lower-cased form. A name matched in any case wins over initials matched only in
    capitals: the id HALDEN must not hide the alias "Halden" (the two fold to one key)."""
    low = " ".join(name.lower().split())
    held = by_lower.get(low)
    if held is None or (_is_acronym(held) and not _is_acronym(name)):
        by_lower[low] = name


@per_configuration
def _configured(settings: ExtractionSettings) -> SubjectMatcher:
    """The matcher of a document that defines no names of its own, shared by all such documents: nothing
    modifies a matcher's dicts."""
    names: dict[str, str] = {}
    for name, subject in configured_names(settings):
        names[name if _is_acronym(name) else name.casefold()] = subject
    by_lower: dict[str, str] = {}
    for k in names:
        _index_lower(by_lower, k)
    trie = _lower_trie(frozenset(by_lower))
    return SubjectMatcher(
        names,
        True if names else None,
        frozenset(subject for _, subject in configured_names(settings)),
        dict(_former_names(settings)),
        () if trie is None else (trie,),
        by_lower,
    )


def subunit_after(text: str, end: int, limit: int) -> tuple[str, int] | None:
    """A named sub-unit right after a subject mention ("'s International Operations") and where it ends."""
    m = _SUBUNIT.match(text[end:limit])
    if not m:
        return None
    return m.group(1).lower(), end + m.end()


def anaphora(text: str, start: int, end: int) -> list[Mention]:
    """Words that point back to the subject in focus, as mentions without a subject yet."""
    window = text[start:end]
    low = window.lower()
    if len(low) != len(window):
        return [Mention(m.start(), m.end(), "", anaphor=True) for m in _ANAPHOR.finditer(text, start, end)]
    return [Mention(start + m.start(), start + m.end(), "", anaphor=True) for m in _ANAPHOR_LOWER.finditer(low)]

