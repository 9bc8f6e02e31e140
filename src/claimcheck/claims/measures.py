"""What a figure counts: the counted noun phrase, folded through synonyms, with scope words split off."""

from __future__ import annotations

import functools
import re

import attrs

from claimcheck.config import ExtractionSettings

# Scope words change what is counted; they are kept apart from the measure so that "overseas offices"
# and "offices" never merge, while "attaché offices" and "overseas offices" do.
BUILTIN_SCOPES: dict[str, tuple[str, ...]] = {
    "international": (
        "international",
        "overseas",
        "abroad",
        "foreign",
        "attache",
        "attaché",
        "international operations",
        "international affairs",
    ),
    "domestic": ("domestic", "domestic operations"),
    "criminal": ("criminal",),
    "administrative": ("administrative",),
    "daily": ("per day", "daily", "a day", "each day"),
    "requested": ("requested",),
    "enacted": ("enacted",),
}

_STOP = frozenset(
    """for of involving who whom whose which that with within in into at on onto to from by across throughout including
    included around per than as while when where if because since until after before during among
    between over under nationwide worldwide annually each every so such this these those their its
    his her our your a an the is are was were be been being has have had will would can could may
    might must shall should do does did not no nor but yet also more most less fewer about
    approximately some roughly nearly almost than both either neither all any other another""".split()
)
# Third-person verbs that would otherwise pass for plural nouns after "and".
_VERBS = frozenset(
    """focuses includes provides ensures supports operates conducts enforces manages serves helps works
    represents protects maintains employs targets combats uses allows requires leads oversees handles
    investigates removes identifies detains seizes secures makes takes gives remains comprises stands
    stood totaled reached""".split()
)
# Base forms end a phrase only after a plural noun ("62 BEST teams work along …"); elsewhere they are
# as likely nouns ("support personnel").
_BASE_VERBS = frozenset(
    """work operate serve help provide support conduct include remain focus target combat use allow
    require lead oversee handle investigate remove identify detain seize secure make take give comprise
    go come keep become face fall live""".split()
)
_PLURALS = frozenset("children people men women personnel staff police".split())
_WORD = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*|\([A-Z]{2,8}\)")
_LOOKBACK = re.compile(
    r"((?:[A-Za-z][\w'’-]*\s+){0,4}[A-Za-z][\w'’-]*)\s+(?:totals?|totaled|totalled|is|are|was|were|reached|"
    r"numbers|numbered|stands\s+at|stood\s+at|of|at)\s*$"
)
_POSSESSOR = re.compile(r"^(?:[A-Z][\w.&-]*(?:'s|’s)\s+|(?:the|a|an|its|their|our)\s+)+", re.IGNORECASE)


@attrs.frozen
class Phrase:
    text: str  # the counted noun phrase as written (may be "")
    qualifier: str  # a short "for X" / "of X" after it
    tail_scopes: tuple[str, ...]  # scope words in a following "with/in/involving …" clause
    subject_words: str = ""  # a subject named inside the phrase ("26 HSI Special Agent … offices")


def counted_phrase(text: str, pos: int, limit: int) -> Phrase:
    """The noun phrase that follows a figure ending at ``pos`` (up to ``limit``, the sentence end)."""
    words: list[str] = []
    i = pos
    qualifier = ""
    # "pounds of fentanyl", "hundreds of thousands of criminal aliens": skip the "of" when nothing came yet.
    m = re.match(r"\s+of\s+(?:the\s+)?", text[i:limit])
    if m:
        i += m.end()
    while len(words) < 6:
        m = re.match(r"\s*", text[i:limit])
        j = i + m.end()
        w = _WORD.match(text, j, limit)
        if not w:
            break
        word = w.group(0)
        low = word.lower()
        if word.startswith("("):
            i = w.end()  # an acronym in brackets inside a name: "(SAC)"
            continue
        if low == "and" or low == "or":
            nxt = _WORD.match(text, _skip_space(text, w.end(), limit), limit)
            if not words or not nxt or nxt.group(0).lower() in _STOP or nxt.group(0).lower() in _VERBS:
                break
            words.append(low)
            i = w.end()
            continue
        if low in ("in", "of", "for") and words and _title_run(words) and _capital_next(text, w.end(), limit):
            words.append(low)  # "Special Agent in Charge": lower-case glue inside a capitalised name
            i = w.end()
            continue
        if low in _STOP or (words and (low in _VERBS or _verb_like(low) or low.endswith("ly"))):
            break
        if words and low in _BASE_VERBS and (words[-1].endswith("s") or words[-1].lower() in _PLURALS):
            break
        words.append(word)
        i = w.end()
    if words and words[-1].lower() in ("and", "or", "in", "of", "for"):
        words.pop()
    rest = text[i:limit]
    q = re.match(r"\s+(for|of|involving)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)(?=\s*(?:[,;.]|and\b|$))", rest)
    if q and q.group(2).split()[0] not in _STOP:
        qualifier = f"{q.group(1)} {q.group(2)}"
    tail = re.match(r"\s+(?:with|in|involving|for|of)\s+([^,;.]{0,60})", rest)
    tail_scopes = tuple(w.lower() for w in re.findall(r"[A-Za-z]+", tail.group(1))) if tail else ()
    return Phrase(" ".join(words), qualifier, tail_scopes)


def _skip_space(text: str, i: int, limit: int) -> int:
    while i < limit and text[i].isspace():
        i += 1
    return i


def _title_run(words: list[str]) -> bool:
    return words[-1][:1].isupper()


def _capital_next(text: str, i: int, limit: int) -> bool:
    j = _skip_space(text, i, limit)
    return j < limit and text[j].isupper()


def _verb_like(low: str) -> bool:
    # Past participles and gerunds end a noun phrase: "special agents deployed", "statutes pertaining".
    return len(low) > 4 and (low.endswith("ed") or low.endswith("ing")) and low not in _ING_NOUNS


_ING_NOUNS = frozenset("smuggling trafficking funding housing training building offering landing spending".split())


def phrase_before(text: str, start: int, pos: int) -> str:
    """The noun phrase a figure starting at ``pos`` completes: "caseload totals …", "budget of $8 billion"."""
    m = _LOOKBACK.search(text, start, pos)
    if not m:
        return ""
    phrase = m.group(1)
    phrase = _POSSESSOR.sub("", phrase.strip())
    # The noun phrase is the run of words at the end: "The agency has an annual budget" → "annual budget".
    words: list[str] = []
    for w in reversed(phrase.split()):
        low = w.lower()
        if low in _STOP or low in _VERBS or low.endswith("'s") or low.endswith("’s"):
            break
        words.insert(0, w)
    return " ".join(words[-4:])


@attrs.frozen
class Vocabulary:
    synonyms: dict[str, str]  # folded phrase → canonical measure
    scopes: dict[str, str]  # scope word or phrase → canonical scope
    scope_pattern: re.Pattern[str]


@functools.lru_cache(maxsize=64)
def vocabulary(settings: ExtractionSettings) -> Vocabulary:
    """Synonym and scope tables for one configuration."""
    synonyms: dict[str, str] = {}
    for canonical, words in settings.measures:
        for w in (canonical, *words):
            for form in _forms(fold(w)):
                synonyms.setdefault(form, canonical)
    scopes: dict[str, str] = {}
    for canonical, words in (*settings.scopes, *BUILTIN_SCOPES.items()):
        for w in (canonical, *words):
            scopes.setdefault(fold(w), canonical)
    alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(scopes, key=lambda s: (-len(s), s)))
    return Vocabulary(synonyms, scopes, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE))


def fold(phrase: str) -> str:
    """Case-, accent- and space-folded phrase; acronyms keep their case."""
    words = []
    for w in phrase.replace("’", "'").split():
        w = w.strip(",;:")
        words.append(w if sum(c.isupper() for c in w) >= 2 else w.lower())
    return " ".join(words)


def _forms(phrase: str) -> tuple[str, ...]:
    """A phrase and its singular/plural twin, so synonyms match either."""
    if not phrase:
        return (phrase,)
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith("ies"):
        other = last[:-3] + "y"
    elif last.endswith("ses") or last.endswith("xes"):
        other = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        other = last[:-1]
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        other = last[:-1] + "ies"
    else:
        other = last + "s"
    return (phrase, prefix + other)


def normalise(phrase: str, vocab: Vocabulary) -> tuple[str, tuple[str, ...]]:
    """(measure, scopes) for a counted phrase: synonyms folded, scope words split off."""
    folded = fold(phrase)
    folded = vocab.synonyms.get(folded, folded)
    scopes = []
    for m in vocab.scope_pattern.finditer(folded):
        scopes.append(vocab.scopes[fold(m.group(0))])
    rest = " ".join(vocab.scope_pattern.sub(" ", folded).split())
    if rest:
        rest = vocab.synonyms.get(rest, rest)
    return rest, tuple(scopes)


def scopes_in(words: tuple[str, ...], vocab: Vocabulary) -> tuple[str, ...]:
    """Canonical scopes named among ``words`` (a following "with criminal convictions" clause)."""
    return tuple(vocab.scopes[fold(m.group(0))] for m in vocab.scope_pattern.finditer(" ".join(words)))


# Verbs that say what happened to what is counted. "removed … criminal aliens" and "arrested … aliens
# with criminal convictions" count different things, so the action becomes part of the measure.
_ACTIONS = {
    "arrest": "arrested",
    "remove": "removed",
    "deport": "deported",
    "seize": "seized",
    "detain": "detained",
    "apprehend": "apprehended",
    "identify": "identified",
    "assist": "assisted",
    "rescue": "rescued",
    "prosecute": "prosecuted",
    "convict": "convicted",
    "book": "booked",
    "release": "released",
    "return": "returned",
    "screen": "screened",
    "inspect": "inspected",
    "investigate": "investigated",
    "secure": "secured",
    "hire": "hired",
    "train": "trained",
}
_ACTION_FORMS = {
    form: past
    for stem, past in _ACTIONS.items()
    for form in {stem, past, stem + "s", stem + "es", stem[:-1] + "ies" if stem.endswith("y") else stem + "s"}
}
_BEFORE = re.compile(r"([A-Za-z]+)(?:\s+[A-Za-z]+ly)?\s*$")
_NOMINAL = re.compile(r"\b(arrests|removals|seizures|deportations|apprehensions|detentions|convictions)\s+of\s*$", re.I)
_NOMINAL_ACTIONS = {
    "arrests": "arrested",
    "removals": "removed",
    "seizures": "seized",
    "deportations": "deported",
    "apprehensions": "apprehended",
    "detentions": "detained",
    "convictions": "convicted",
}


def action_before(text: str, start: int, pos: int) -> str | None:
    """The action verb right before a figure ("seized almost a million pounds" → "seized"), if any."""
    nominal = _NOMINAL.search(text, start, pos)
    if nominal:
        return _NOMINAL_ACTIONS[nominal.group(1).lower()]  # "arrests of more than 127,000 aliens"
    m = _BEFORE.search(text, start, pos)
    if not m:
        return None
    return _ACTION_FORMS.get(m.group(1).lower())
