"""Who a sentence is about: configured aliases, definitions in the text, sub-units and anaphora."""

from __future__ import annotations

import datetime as dt
import functools
import re

import attrs

from claimcheck.config import ExtractionSettings

# "Homeland Security Investigations (HSI)": a capitalised name followed by its initials in brackets.
_DEFINITION = re.compile(
    r"\b((?:[A-Z][\w&.'’-]*|of|and|for|the|&)(?:\s+(?:[A-Z][\w&.'’-]*|of|and|for|the|&)){1,8})\s*\(([A-Z][A-Za-z&]{1,9})\)"
)
# Words that refer back to the subject in focus.
_ANAPHOR = re.compile(
    r"\b(?:the\s+(?:agency|organi[sz]ation|directorate|component|office|division|program)|it|its|this|they|their)\b",
    re.IGNORECASE,
)
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


@attrs.frozen
class SubjectMatcher:
    names: dict[str, str]  # exact name → subject id
    pattern: re.Pattern[str] | None
    configured: frozenset[str] = frozenset()  # subject ids the config names (not learned from the text)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Named mentions in ``text[start:end]``, in order; initials only match in capitals."""
        if self.pattern is None:
            return []
        end = len(text) if end is None else end
        found = []
        for m in self.pattern.finditer(text, start, end):
            name = m.group(0)
            subject = self.names.get(name) or self.names.get(name.casefold())
            if subject is not None:
                found.append(Mention(m.start(), m.end(), subject))
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


def definitions(text: str, known: dict[str, str]) -> dict[str, str]:
    """Names a document defines as "Long Name (ABBR)", mapped to a subject id."""
    learned: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        long_name = re.sub(r"^(?:the|of|and|for)\s+", "", m.group(1).strip(), flags=re.IGNORECASE)
        abbr = m.group(2)
        if not _plausible_initials(long_name, abbr):
            continue
        subject = known.get(abbr) or known.get(long_name.casefold()) or learned.get(abbr) or abbr
        learned.setdefault(abbr, subject)
        learned.setdefault(long_name.casefold(), subject)
    return learned


def _plausible_initials(name: str, abbr: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper())
    letters = [c for c in abbr.upper() if c.isalpha()]
    # Every letter of the abbreviation appears, in order, among the initials ("Office of the Principal
    # Legal Advisor (OPLA)"), which rules out "(FY10)" and "(MOA)" after unrelated words.
    it = iter(initials.upper())
    return len(letters) >= 2 and all(c in it for c in letters)


def build_matcher(settings: ExtractionSettings, text: str) -> SubjectMatcher:
    """A matcher for the configured subjects plus those this document defines."""
    names: dict[str, str] = {}
    for name, subject in configured_names(settings):
        names[name if _is_acronym(name) else name.casefold()] = subject
    for name, subject in definitions(text, names).items():
        names.setdefault(name, subject)
    configured = frozenset(subject for _, subject in configured_names(settings))
    return SubjectMatcher(names, _alternation(list(names)), configured)


def subunit_after(text: str, end: int, limit: int) -> tuple[str, int] | None:
    """A named sub-unit right after a subject mention ("'s International Operations") and where it ends."""
    m = _SUBUNIT.match(text[end:limit])
    if not m:
        return None
    return m.group(1).lower(), end + m.end()


def anaphora(text: str, start: int, end: int) -> list[Mention]:
    """Words that point back to the subject in focus, as mentions without a subject yet."""
    return [Mention(m.start(), m.end(), "", anaphor=True) for m in _ANAPHOR.finditer(text, start, end)]


def renamed_subject(settings: ExtractionSettings, name: str, on: dt.date | None) -> bool:
    """True when ``name`` is a former name of a subject, used after its validity ended."""
    for subject in settings.subjects:
        for rename in subject.renamed_from:
            if name in (rename.name, rename.alias) and rename.until and on and on > rename.until:
                return True
    return False
