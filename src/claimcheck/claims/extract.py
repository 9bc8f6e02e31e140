"""Extracted text in, claims out: figures with their subject, measure, scope, period and evidence."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import re

import attrs

from claimcheck.claims import footnotes, measures, periods, spacing, subjects, tables
from claimcheck.claims.contents import contents_blocks
from claimcheck.claims.furniture import lone_titles, running_heads, title_lines
from claimcheck.claims.leadchars import guarded
from claimcheck.claims.lowered import lowered
from claimcheck.claims.model import Claim, Evidence, Period, Quantity
from claimcheck.claims.numbers import parse_number_words
from claimcheck.claims.perconfig import per_configuration
from claimcheck.claims.quantities import (
    CODES_BEFORE, HYPHEN_COUNTS, QuantityMention, QuantitySettings, find_quantities,
)
from claimcheck.claims.row_figure import GLUED_LABEL, LINE_OPENING, ROW_FIGURE, ROW_FIGURE_FIRST
from claimcheck.claims.sentences import sentence_spans
from claimcheck.claims.text import Block, ExtractedText
from claimcheck.config import ExtractionSettings


@attrs.frozen
class VersionContext:
    """What extraction knows about the version it reads."""

    source: str
    version: str
    path: str
    date: dt.date | None
    subject: str | None = None  # the source's default subject, if configured
    publisher: str | None = None  # who publishes the source: who "we" are when it has no default subject
    title: str | None = None  # the source's configured title: what it is about when its text does not say


@attrs.frozen
class _Focus:
    subject: str
    scope: str | None = None


@attrs.frozen
class _Frame:
    """Context a heading or list item hands down to what sits under it."""

    level: int
    focus: _Focus | None
    period: Period | None
    span: tuple[int, int] | None = None  # the heading's text, for the tables under it
    before: _Focus | None = None  # the focus before it, which its siblings go back to
    rate: str | None = None  # "On a Typical Day in Fiscal Year 2023": the figures under it are daily
    topic: str | None = None  # "Inmates by sex": what the labelled items under it ("Male: 122,674") count
    place: str | None = None  # "Personnel in Field Divisions": where what is counted under it is


_PRESENT_WORDS = (
    r"is|are|has|have|employs|includes|enforces|totals|manages|operates|maintains|comprises|handles|"
    r"serves|represents|oversees|numbers|stands|spans|holds|runs|now|today|currently"
)
# (with the words of a projection: "Operating revenue is projected at $2.45 billion" is the budget year's, not now)
_PAST_WORDS = (
    r"was|were|had|did|continued|arrested|seized|removed|identified|made|"
    r"projected|expected|estimated|forecast|anticipated|budgeted|proposed|planned"
)
_PRESENT = re.compile(rf"\b(?:{_PRESENT_WORDS})\b", re.IGNORECASE)
_PAST = re.compile(rf"\b(?:{_PAST_WORDS})\b", re.IGNORECASE)
# Both in one pattern for lower-cased text (group 2: past): one scan instead of two, and no IGNORECASE.
_NOW_OR_THEN = guarded(rf"\b(?:({_PRESENT_WORDS})|({_PAST_WORDS}))\b", "abcdefhimnoprstw")
_PLACES = frozenset({"international", "domestic"})
_OF_WHICH = re.compile(
    r"\s+of\s+(?:which|whom|them|these|those|it)(?:\s+(?:were|are|was|is|had|have|being))?(?=\s)", re.IGNORECASE
)
# "As the principal investigative component of DHS, HSI has …": names in a leading phrase are not the
# sentence's subject.
_LEADING_PHRASE = re.compile(
    r"(?:As|With|Through|Under|Like|Unlike|Among|Besides|Beyond|Despite|Along\s+with|Alongside|Since|In|"
    r"During|After|Before|When|While|Following|Within|From|By|To|For|At|On|Over)\b[^,]{0,160},"
)
# A sentence that opens on what came before or after the time it speaks of: "After the disruption of 2022-23, …"
_EVENT_LEAD = re.compile(r"[ \t]*(?:After|Following|Before|Prior[ \t]+to|Ahead[ \t]+of)\b")
# "Founded in 1967, …", "…, which opened in 1889", "(established in 1983)": an event set off from the figures;
# not "12 new schools opened in 2021", whose year is the figure's.
_EVENT_DATE = guarded(
    r"(?:^\s*|[,(]\s*|\b(?:which|that|who)\s+(?:was\s+|were\s+)?)"
    r"(?:founded|established|created|formed|chartered|incorporated|opened|launched|dedicated|built|purchased|"
    r"acquired|installed)\s+(?:by\s+(?:[\w'’-]+\s+){1,3}?)?(?:in\s+)?$",  # ("Created by voters in 1968, …")
    r"\s(,abcdefiloptw",
    re.IGNORECASE,
)


def _event_date(text: str, start: int, pos: int) -> bool:
    """The period at ``pos`` dates an event the sentence mentions in passing, not its figures."""
    lo = max(start, pos - 40)
    window = text[lo:pos] if lo == start else "\0" + text[lo:pos]  # (mid-sentence: "^" must not match)
    return _EVENT_DATE.search(window) is not None
# "an 8.7 percent cost-of-living adjustment", "a 4 percent interest rate", "a 3 percent raise": the rate itself
_RATE_NOUNS = frozenset("rate rates adjustment adjustments raise raises yield return margin ratio".split())
# A percent's noun that names a move, not a whole: "+1.2% quarterly change", "4.3% inflation"
_CHANGE_HEADS = frozenset("change changes inflation growth".split())
# What a "N percent of …" figure can be the value of ("the improper payment rate was 0.9 percent of outlays").
_NAMED_RATES = _RATE_NOUNS | frozenset("share proportion percentage costs cost expenses deficit".split())
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were)\s+(?:about\s+|roughly\s+|nearly\s+|under\s+|over\s+)?$", re.I)
# Between the items of a list: "1,320 and 1,556", "FY 2022, FY 2023 and FY 2024"
_LIST_GAP = re.compile(
    r"[ \t]*(?:,[ \t]*(?:and|or)?|[ \t]+(?:and|or))[ \t]+(?:about|nearly|almost|approximately|roughly|some|over)?[ \t]*"
)
# The same with the first item's noun ("900 arrests and 1,100 arrests", "FY 2022 and FY 2023")
_NOUN_LIST_GAP = re.compile(r"(?:[ \t]+[a-z][\w'’-]*){0,3}?" + _LIST_GAP.pattern)
# "from 260 to 300 beds" after a verb of change: two levels, one noun
_FROM_TO_GAP = re.compile(r"[ \t]+to[ \t]+(?:about|nearly|almost|approximately|roughly|some|over)?[ \t]*")
_MORE_YEARS = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)((?:19|20)\d\d)\b")
# A named place: capitalised words ending in what kind of place it is, its code in brackets after it
_PLACE_NAME = (
    r"(?P<place>(?:[A-Z][\w'’.&/-]*[ \t]+){0,5}(?:International(?:[ \t]+Airport)?|Airport|Airfield|"
    r"National[ \t]+(?:Park|Recreation[ \t]+Area|Monument|Forest|Seashore|Historic(?:al)?[ \t]+(?:Site|Park)|Preserve)|"
    r"Recreation[ \t]+Area|Parkway|Park|Seaport|Port[ \t]+of[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)?)"
    r"(?:[ \t]+\([A-Z]{2,5}\))?)"
)
# … as a line's label ("Dallas/Fort Worth International: 120 guns seized") or right before a figure's bracket
_PLACE_BEFORE = re.compile(
    _PLACE_NAME + r"(?:[ \t]*(?P<colon>[:–—])"
    # (before the bracket, where it is may come first: "… Recreation Area in San Francisco (15 million visits)",
    # "Blue Ridge Parkway, which runs from Virginia to North Carolina (14.9 million …)")
    r"|(?:[ \t]+in(?:[ \t]+[A-Z][\w.'’-]*){1,3}|,[ \t]+which[^()\n]{0,80})?[ \t]*\()"
    r"[ \t]*(?:[$]|about[ \t]+|nearly[ \t]+|more[ \t]+than[ \t]+)?\Z"
)
_PLACE_MARK_BEFORE = re.compile(r"[:–—(][ \t]*(?:[$]|about[ \t]+|nearly[ \t]+|more[ \t]+than[ \t]+)?\Z")
# … or "at" it after the figure's noun ("32 firearms at Hartsfield-Jackson International")
_AT_PLACE = re.compile(
    r"(?:[ \t]+[a-z][\w'’-]*){0,3}?[ \t]+at[ \t]+(?:the[ \t]+)?" + _PLACE_NAME + r"(?![ \t]*[A-Za-z])"
)
_PLACE_WORDS = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}"
_OF_OUR_BEFORE = re.compile(r"\bof[ \t]+(?:our|its|their|the|all)[ \t]+\Z")
_LEADING_AT = re.compile(rf"[ \t]*At[ \t]+(?P<place>{_PLACE_WORDS}),")
_UNIT_AT = guarded(
    rf"\b(?:station|port|office|base|site|facility|camp|clinic)[ \t]+(?:at|in)[ \t]+(?P<place>{_PLACE_WORDS})"
    r"(?![\w'’-])",
    "bcfops",
)
_LINE_START_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·]|\d{1,2}[.)])?[ \t]*\Z")  # a line or list item starts here
# Who make up a share: "Women account for 65 percent", "men make up 35 percent", "veterans represent nearly 25%"
_ACCOUNT_FOR = re.compile(
    r"(?:^|[,;:(]|\band\b|\bwhile\b)[ \t]*(?!and\b|while\b)(?P<who>[A-Za-z][\w'’-]*(?:[ \t]+[a-z][\w'’-]*){0,2})[ \t]+"
    r"(?:account(?:s|ed)?[ \t]+for|make[ \t]+up|makes[ \t]+up|made[ \t]+up|represent(?:s|ed)?|comprise(?:s|d)?)"
    r"[ \t]+(?:about|around|nearly|almost|roughly|approximately|just[ \t]+(?:over|under)|over|more[ \t]+than)?[ \t]*\Z",
    re.IGNORECASE,
)
# a share written as a ratio ends with its second term, and the noun after it is its whole: "one in four
# proposals was funded", "3 out of 5 riders"
_IN_RATIO = re.compile(r"[ \t\u00a0](?:in|out[ \t\u00a0]+of)[ \t\u00a0]+[\w,.]+\Z", re.IGNORECASE)
_SHARE_WORDS = frozenset({"share", "percent", "percentage", "proportion", "rate", "ratio", "fraction"})
_OF_AFTER = re.compile(r"[ \t]+of[ \t]+(?:all[ \t]+|the[ \t]+)?[A-Za-z]")  # "16% of volunteers": a share of them
# A share's category in a breakdown: "45 percent in Africa", "20 percent in health", "12 percent in youth development"
_CATEGORY_AFTER = re.compile(
    r"[ \t]+(?:(?:are|were|is|was)[ \t]+)?in[ \t]+(?:the[ \t]+)?(?P<category>[A-Za-z][\w'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Za-z][\w'’-]*){0,4}?)"
    r"(?=[ \t]*(?:[,;.()]|,?[ \t]+and[ \t]+(?:about|nearly|almost|some)?[ \t]*\d|$))"
)
_SHARE_IN = re.compile(
    r"\d[ \t]*(?:%|percent|per[ \t]+cent)[ \t]+(?:(?:are|were|is|was)[ \t]+)?in[ \t]+[A-Za-z]", re.IGNORECASE
)
# What a part is, said after its figure: "on federal warrants", "related to federal cases"
_WHICH_PART = re.compile(
    r"[ \t]+(?P<which>(?:(?:related|tied|linked|attributed|connected|associated|due)[ \t]+(?:to|with)|on|in|for|from|at)"
    r"(?:[ \t]+[A-Za-z][\w'’-]*){1,5}?)"
    r"(?=[ \t]*(?:[,;.()]|\band[ \t]+(?:about|nearly|almost|some|over|more[ \t]+than)?[ \t]*\d|$)"
    r"|[ \t]+(?:in|during)[ \t]+(?:the[ \t]+)?(?:FY|fiscal|calendar|(?:19|20)\d\d))"
)
# From a part to the next one of the list: its words and "and" or a comma, no clause or sentence between them
_NEXT_PART = re.compile(r"[^.;:!?]{0,80}?(?:,|\band)[ \t]+(?:about|nearly|almost|some|over|more[ \t]+than)?[ \t]*")
_INCLUDES = re.compile(r"\b(?:includes?|including|among\s+them|of\s+which|of\s+whom)\s+$", re.IGNORECASE)
# "73,362 fugitives, with 28,065 related to federal cases": a part, when the figure leaves out its noun ("…, with
# nearly 2.6 million travelers" on the busiest day, or "13, with four more requested", is no part)
_WITH = re.compile(r",\s+with\s+$", re.IGNORECASE)
_MORE_AFTER = re.compile(r"\s+(?:more|additional|fewer|less)\b", re.IGNORECASE)
_BY_YEAR = re.compile(
    rf"\bby\s+(?:the\s+end\s+of\s+)?(?:(?P<fy>FY|fiscal\s+year)\s?|(?:CY|calendar\s+year)\s?|(?P<month>{periods.MONTH_RE})\.?\s+"
    r"(?:\d{1,2},?\s+)?)?"  # ("by September 30, 2025": a day of the month, the same target)
    r"(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_VERB_HEDGE = re.compile(r"(?:exceed|top|surpass)", re.IGNORECASE)
# "X's solar capacity to", "X's system peak reached": a possessed noun phrase that a figure completes
_OWNED = re.compile(
    r"['’]s\s+(?P<np>(?:[A-Za-z][\w-]*\s+){1,6}?)"
    r"(?:to|of|at|was|is|were|are|reached|totaled|totalled|hit|stood\s+at)\s+"
)
# A quotation's attribution: "…," said the FCSA Administrator.
_SAID = re.compile(r"[\"”’'],?[ \t\u00a0]+(?:said|says|added|stated|noted|according[ \t\u00a0]+to)\b")
# The publisher speaking of itself.
_FIRST_PERSON = guarded(r"\b(?:[Ww]e|[Oo]ur|us|ours)\b", "OWouw")
# "We …" or "our <noun> …" opening a sentence or its clause after a lead-in's comma
_WE_OPENS = re.compile(r"[ \t]*(?P<we>We|we|Our|our)\b[ \t]*")
_FIRST_PERSON_OPENS = re.compile(
    r"[\s\"“‘'(]*(?:(?:In|During|Since|By|As\s+of|Last|This)\b[^,]{0,60},\s*)?(?:We|Our)\b"
)
# A news release's dateline, "LAKE CITY, Lakeland -- The department announced …": a place, not the subject.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40},(?:[ \t]+[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*){0,2})?[ \t]*(?:--|—|–)[ \t]*"
)
# "the two models", "these three pillars": a small spelled-out number after a determiner points back at
# things just named; it is not a figure anyone would check.
_BACKREF = re.compile(r"\b(?:the|these|those|both|all)\s+$", re.IGNORECASE)
# Clause boundaries inside a sentence (not the comma of "1,900").
# (a dash between digits joins a span, "the 2023–24 school year", "$5–7 million", and so does an en dash from a
# date's year to the next date, "Oct. 1, 2020–Sept. 30, 2021": no break)
_CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|(?<!\d)[\u2013\u2014]|[\u2013\u2014](?!\d)(?!(?<=\d\u2013)[A-Z])|\s-\s")
# (the same where there is no "-": a faster scan)
_CLAUSE_BREAK_NO_HYPHEN = guarded(
    r"[,;:](?=\s)|(?<!\d)[\u2013\u2014]|[\u2013\u2014](?!\d)(?!(?<=\d\u2013)[A-Z])", ",:;\u2013\u2014"
)
# A clause that describes a name rather than carrying the sentence ("renamed HSI in 2010", "which …"):
# a period in it dates that description only.
_PARENTHETICAL = re.compile(
    r"\s*(?:which|who|whom|whose|where|when|formerly|once|previously|then|known|called|named|renamed|founded|"
    r"established|created|formed|set\s+up|[a-z]+ed\s+(?:as|in|by|to|from|on|at|after|under))\b",
    re.IGNORECASE,
)
_DURATIONS = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})
_PER_DAY_UNITS = frozenset({"MGD"})
_TOOK_WITHIN = re.compile(r"\b(?:in|within)\s+(?:an?\s+(?:average|median)\s+of\s+|about\s+|under\s+)?\Z", re.I)
_RELATIVE_TIME = re.compile(r"\s+(?:earlier|ago|later|before|after|prior|since|from\s+now|previously)\b", re.I)
# "up from $88.1 million", "from 19 percent": the figure an earlier one is compared with counts the same thing.
# The words of a change before a bare "from": verbs done, verbs still to do ("would expand … from"), and nouns.
_CHANGE_VERB = re.compile(
    r"\b(?:fell|rose|grew|declined|dropped|climbed|jumped|increased|decreased|improved|slipped|edged|went|came|"
    r"expanded|reduced|cut|raised|shrank|shrunk|doubled|tripled|halved|boosted|lowered|trimmed|slashed|soared|"
    r"plunged|surged|risen|fallen|grown|amended|revised|expand|reduce|raise|grow|double|lower|"
    r"increase|decrease|reduction|climbing|rising|falling|growing|dropping|declining|increasing|decreasing|"
    r"plummeted|slid|moved|changed|gone|(?:is|are|was|were)\s+(?:up|down))\b",
    re.I,
)
# A change still to come, from the current level to a planned one: "would expand the Center from 260 to 300 beds",
# "plans to cut staff from 500 to 420".
_PLANNED_CHANGE = re.compile(
    r"\b(?:would|will|shall|could|to)\s+(?:[a-z]+ly\s+|also\s+|further\s+)?(?:expand|reduce|cut|raise|increase|"
    r"decrease|grow|double|lower|boost|trim|bring|take)\b",
    re.I,
)
# "Of the agency's budget, 60% goes to operations": a whole named before the sentence's first figure, which is a
# share of it. Its words run to the comma; a figure among them makes it a figure of its own (read as one).
_FRONTED_WHOLE = re.compile(
    r"[ \t\u00a0]*(?:Of|Among)[ \t\u00a0]+(?:(?:the|its|their|all)[ \t\u00a0]+)?(?P<whole>[A-Za-z][\w'’ \t\u00a0-]{1,60}?),"
    r"[ \t\u00a0]*(?:(?:about|some|roughly|nearly|almost|over|under|just|more[ \t\u00a0]+than)[ \t\u00a0]+)?"
)
_CHANGE_ENDINGS = (" increase", " decrease")


def _leaves_a_noun(r: _Read) -> bool:
    """Whether a later figure that leaves its noun out may count what ``r`` counts: not when ``r`` is a change
    named by no noun of its own ("$149 million, or 3.6%, more than …; … recommended $4.446 billion" is no change),
    but "rise by $24.8 million, to $612.4 million" is the level of what rose."""
    return bool(r.head) or not r.measure.endswith(_CHANGE_ENDINGS)


# A noun that stands for a figure already given: "This amount is $3.1 million more than …" moves that figure.
_ANAPHOR = r"(?:this|that|the)\s+(?:amount|figure|sum|total|level)\s+(?:is|was|represents)"
_ANAPHOR_OPENS = re.compile(r"\s*" + _ANAPHOR + r"\b", re.I)  # (a sentence about it)
_ANAPHOR_BEFORE = re.compile(r"\b" + _ANAPHOR + r"\s+$", re.I)  # (right before a figure)
_COMPARED_BEFORE = guarded(r"\b(?:up|down)?\s*from\s+$|\b(?:compared\s+(?:with|to)|versus|vs\.?)\s+$", r"\scdfuv", re.I)
_ASIDE_OPENS = re.compile(r"\([ \t]*(?:(?:about|nearly|almost|roughly|some|approximately|over|more[ \t]+than)[ \t]+)?$")
_MONEY = frozenset(CODES_BEFORE)
_LABEL_BEFORE_COMMA = re.compile(r"(?<![\w'’-])((?:[\w'’-]+[ \t]+){0,4}[\w'’-]+)[ \t]*,[ \t]*$")
# A row that puts its figure first and its label after a dash or "is the number of": "410,000 — number of career
# employees", "583 million is the average number of pieces of mail processed daily" (what the figure counts is the
# label's noun phrase, read as the words after a figure are).
_FIGURE_FIRST = re.compile(
    r"[ \t]+(?:[–—]|--?(?=[ \t]))[ \t]*(?:the[ \t]+)?(?:(?:total|average|approximate)[ \t]+)?(?:number[ \t]+of[ \t]+)?"
    r"(?=[A-Za-z])|[ \t]+is[ \t]+the[ \t]+(?:(?:total|average|approximate)[ \t]+)?number[ \t]+of[ \t]+",
    re.IGNORECASE,
)
_ROW_FIGURE_FIRST = re.compile(  # a row's figure before the dash to its label
    r"[ \t\u00a0•*·▪‣◦○■□►➢-]*(?:(?:more[ \t]+than|about|nearly|over|approximately|almost)[ \t]+)?"
    + ROW_FIGURE_FIRST
    + r"[ \t]*"
)
_OPENS_LINE = re.compile(LINE_OPENING)
_SEASON_AFTER = guarded(r"\bduring[ \t]+the[ \t]+(holidays|holiday[ \t]+season|peak[ \t]+season)\b", "d", re.IGNORECASE)
_YEAR_COLON = re.compile(r"[ \t]*:[ \t]*")
_PEOPLE = frozenset("people persons individuals children adults families households refugees".split())
_PEOPLE_IN = re.compile(r"\b(?:" + "|".join(sorted(_PEOPLE)) + r")[ \t]+in[ \t]+\Z")  # "people in (20 countries)"
_WORLD = re.compile(
    r"\b(?:(?:around|across|in|of|throughout)[ \t]+the[ \t]+world|world['’]s|worldwide|globally|global[ \t]+"
    r"(?:population|hunger|poverty|crisis))\b",
    re.IGNORECASE,
)
# A comparison a sentence opens with, before its base: "Compared to Rs 1,91,278 crore in 2021-22, …"
_FRONTED_COMPARISON = re.compile(
    r"[ \t]*(?:(?:As[ \t]+)?[Cc]ompared[ \t]+(?:to|with)|Up[ \t]+from|Down[ \t]+from)[ \t]+(?:(?:about|nearly|some)[ \t]+)?"
)
_MOVED_BY = guarded(
    r"\b(?:(?:falls?|fell|fallen|drops?|dropped|declined?s?|decreased?s?|shrinks?|shrank|rises?|rose|risen|grows?|grew|"
    r"grown|increased?s?|cuts?|reduced?s?|climbed|jumped|(?:went|gone|goes|go|is|are|was|were)[ \t]+(?:up|down))[ \t]+by"
    # ("the budget has increased a minimal $38.2 million", "rose a further 1,200": a verb that moves only its subject)
    r"|(?:fell|fallen|dropped|declined|decreased|shrank|rose|risen|grew|grown|increased|climbed|jumped)"
    r"(?=[ \t]+an?[ \t]))(?:[ \t]+an?(?:[ \t]+[a-z-]+)?)?[ \t]+"
    r"(?:(?:about|roughly|nearly|some|another)[ \t]+)?\Z",
    "acdfgijrsw",
    re.IGNORECASE,
)
# "reduce spending on trail repairs by", "cut the grant budget by about": a verb that moves what follows it by an amount
_ACTED_BY = re.compile(
    r"\b(?P<verb>reduc(?:e|es|ed|ing)|cut(?:s|ting)?|increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|boost(?:s|ed|ing)?|"
    r"lower(?:s|ed|ing)?|trim(?:s|med|ming)?)[ \t]+(?:(?:the|its|their|our|his|her)[ \t]+)?"
    r"(?P<np>[A-Za-z][\w'’-]*(?:[ \t]+(?!by\b)[A-Za-z][\w'’-]*){0,4})[ \t]+by[ \t]+"
    r"(?:(?:about|roughly|nearly|some|another|almost|around|approximately|more[ \t]+than|over|up[ \t]+to)[ \t]+)?\Z",
    re.IGNORECASE,
)
_IN_DOLLARS = re.compile(r"\bin[ \t]+dollars\b|\(dollars\)", re.IGNORECASE)
_OF_COUNTED = re.compile(
    r"[ \t\u00a0]+of[ \t\u00a0]+(?:the|its|their|our)[ \t\u00a0]+[0-9][0-9,.]*(?:[ \t\u00a0]+(?:thousand|million|billion))?"
    r"(?=[ \t\u00a0]+[A-Za-z])",
    re.IGNORECASE,
)
_CHANGE_NOUNS = {
    **dict.fromkeys(("increase", "rise", "jump", "gain", "growth", "climb"), "increase"),
    **dict.fromkeys(("decrease", "decline", "drop", "fall", "reduction", "cut", "dip"), "decrease"),
}
_CHANGE_IN = re.compile(r"\s+(?:in|of)\s+(?:the\s+|its\s+|their\s+)?(?=[a-z])", re.IGNORECASE)
# "an increase of 120 FTE", "a reduction of about $3 million": the figure is a change, not a level.
_CHANGE_OF_BEFORE = guarded(
    r"\b(?P<noun>increase|decrease|rise|jump|gain|growth|decline|drop|reduction|cut)[ \t\u00a0]+of[ \t\u00a0]+"
    r"(?:(?:about|nearly|almost|roughly|approximately|some|over|under|more[ \t\u00a0]+than|less[ \t\u00a0]+than)"
    r"[ \t\u00a0]+)?[+$€£]*$",
    "cdgijr",
    re.IGNORECASE,
)
# A heading's year after a dash: "Boardings – 2021", "Total Operations – 2016 (January through December)"
_DASH_YEAR = re.compile(r"[ \t][–—][ \t]*(?P<year>(?:19|20)\d{2})(?![\d–—/-])(?=[ \t]*(?:\([^()\n]*\))?[ \t]*$)")
# A heading that ends on a year ("Facts & Figures 2017", "Annual Report 2022 (Page 1)") dates what is under it,
# unless the year is an aim or a bound ("Vision 2030", "Goals to 2030", "Progress since 2010").
_END_YEAR = re.compile(
    r"(?<![\w'’])(?P<word>[A-Za-z]+)[ \t]+(?P<year>(?:19|20)\d{2})(?![\d–—/-])(?=[ \t]*(?:\([^()\n]*\))?[ \t]*$)"
)
# A heading that ends on the organisation's own year, after a comma, a dash or "for": "Results by programme, 2023/24",
# "Key figures – 2023-24" (read only where the year runs across two calendar years, as for a bare year above)
_END_SPLIT_YEAR = re.compile(
    r"(?:,|[ \t][–—:]|[ \t](?:for|in))[ \t]+(?P<year>(?:19|20)\d{2})[–/-](?P<next>\d\d)(?![\d–—/-])"
    r"(?=[ \t]*(?:\([^()\n]*\))?[ \t]*$)"
)
# A heading that opens with a year and says it reviews that year ("2022 at a glance", "2023 in review", "2024 by
# the numbers") dates what is under it; "2030 Vision" or "2022 Strategic Plan" does not.
_START_YEAR = re.compile(
    r"(?P<year>(?:19|20)\d{2})(?:[–/-](?P<next>\d\d))?(?![\d–—/-])[ \t]*[:–—-]?[ \t]+"
    r"(?:at[ \t]+a[ \t]+glance|in[ \t]+(?:review|numbers|brief|figures)|by[ \t]+the[ \t]+numbers"
    r"|(?:key[ \t]+)?(?:highlights|facts|figures|statistics|results)|snapshot|annual[ \t]+report)"
    r"\b(?=[^\n]{0,40}$)",
    re.IGNORECASE,
)
_NOT_THE_YEARS_OWN = frozenset(
    """vision strategy strategic plan plans agenda goal goals target targets roadmap horizon ambition ambitions
    mission outlook forecast projections beyond since to from by until till through before after toward towards
    in""".split()
)

# A note that says what period the page's figures are of: "All statistics below reflect 2017 figures.", "The
# statistics reflect official year-end totals as of Dec. 31, 2023, unless otherwise noted.", "Figures on this page are
# for fiscal year 2022."
_PERIOD_NOTE = guarded(
    r"\b(?:all[ \t]+)?(?:the[ \t]+|these[ \t]+)?(?:statistics|figures|numbers|data|totals|facts)(?:[ \t]+(?:below|above|"
    r"here|shown|on[ \t]+this[ \t]+page|in[ \t]+this[ \t]+(?:page|section|fact[ \t]+sheet|report)))?[ \t]+"
    r"(?:reflect|represent|cover|are[ \t]+(?:as[ \t]+of|for|from|of))\b(?P<rest>[^.;\n]{0,80})",
    "adfnst",
    re.IGNORECASE,
)
_NOTE_NOT_A_DATE = re.compile(r"%|\d[ \t]*percent|\b(?:since|than|increas|decreas|chang|grow|up|down|compared)", re.I)
_NOTE_YEAR = re.compile(r"(?<![\w$£€.,-])((?:19|20)\d{2})(?![\w.,-]*\d)")


def _noted_period(text: str, note: re.Match[str], found: list[periods.PeriodMention]) -> Period | None:
    """The one period a note on the page's figures names (a year alone, "2017 figures", too)."""
    if _NOTE_NOT_A_DATE.search(note.group("rest")):
        return None  # "These numbers represent a 20% increase since 2019": a change, not the figures' date
    own = [p.period for p in found if p.start < note.end() and p.explicit and not _multi_year(p.period)]
    if own:
        return own[0] if len(own) == 1 else None
    years = _NOTE_YEAR.findall(note.group("rest"))
    return periods.calendar_year(int(years[0])) if len(years) == 1 else None


# A list's member before a name ("bus, light rail", "bus, ferry and light rail") and after it ("light rail and
# paratransit", "light rail, bus and ferry")
_LIST_BEFORE = re.compile(
    r"[a-z][ \t]*,[ \t\n]+(?:(?:and|or)[ \t\n]+)?\Z|,[ \t\n]+[a-z]+(?:[ \t]+[a-z]+)?[ \t\n]+(?:and|or)[ \t\n]+\Z"
)
_LIST_AFTER = re.compile(
    r"[ \t\n]+(?:and|or)[ \t\n]+[a-z]"
    r"|,[ \t\n]+(?:(?:and|or)[ \t\n]+[a-z]|[a-z]+(?:[ \t]+[a-z]+)?(?:,|[ \t\n]+(?:and|or)\b))"
)


_FIGURE_LED_LINE = re.compile(r"[ \t]*[$€£]?\d")  # a line that opens with its figure
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")


def _kind_word(text: str, m: subjects.Mention, end: int) -> bool:
    """Whether a name written in lower case modifies the noun after it ("marine rescue missions", "light rail
    vehicles"), rather than doing what the verb after it says ("light rail carried")."""
    if not text[m.start : m.end].islower():
        return False
    after = _NEXT_WORD.match(text, m.end, end)
    if after is None:
        return False
    word = after.group(1)
    return word not in measures.FINITE_VERBS and word not in ("and", "or") and not measures.verb_like(word)


def _listed_kind(text: str, m: subjects.Mention, start: int, end: int) -> bool:
    """Whether a name written in lower case is one of a list's members ("bus, light rail and paratransit")."""
    name = text[m.start : m.end]
    if name.lower() != name:
        return False
    return (
        _LIST_BEFORE.search(text, max(start, m.start - 24), m.start) is not None
        or _LIST_AFTER.match(text, m.end, end) is not None
    )


def _year_ending(text: str, block: Block) -> re.Match[str] | None:
    """The year a heading ends on (group "year"), when the year dates what is under the heading."""
    m = _END_YEAR.search(text, block.start, block.end)
    return m if m is not None and m.group("word").lower() not in _NOT_THE_YEARS_OWN else None


# "over 3,000 rangers target": the counted noun aimed at (not "rangers target the poachers")
_TARGET_AFTER = re.compile(r"[ \t]+(?:target|goal)s?\b(?![ \t]+(?:the|a|an|its|their|our|his|her)\b)", re.IGNORECASE)
# "a further 320 positions", "another 500 jobs": more of them
_FURTHER_BEFORE = re.compile(r"\b(?:a[ \t]+further|another|an[ \t]+additional)[ \t]+\Z", re.IGNORECASE)
# Between a level and the change that follows it: "$4.6 billion, a $400 million increase", "…, representing a …"
# ("will lose $111.4 million over four years, starting with a $27 million reduction" is another figure's change)
_APPOSED_CHANGE = re.compile(
    r"(?:[ \t]+(?:in|for|during)[ \t]+(?:the[ \t]+)?(?:FY|fiscal[ \t]+year|calendar[ \t]+year)?[ \t]*'?\d{2,4})?"
    r"[ \t]*[,(–—-]?[ \t]*(?:(?:representing|reflecting|marking|which[ \t]+is|or|and)[ \t]+)?(?:an?|the)?[ \t]*"
)
# "$400 million or nine percent increase": the amount and its share, then the change noun both name.
_RESTATED_CHANGE = re.compile(
    r"[ \t\u00a0]+or[ \t\u00a0]+[^;()\n]{1,30}?(?:percent|per[ \t\u00a0]cent|%)[ \t\u00a0]+"
    r"(?P<noun>increase|decrease|rise|jump|gain|growth|decline|drop|reduction|cut)\b",
    re.IGNORECASE,
)
# "+$45.2 million above the FY 2022 enacted level", "$3 million below last year's": a change of the figure before.
_BEYOND_LEVEL = re.compile(
    # ("$0.41 billion (17.5%) above the request", and the "17.5%" in it)
    r"(?:[ \t\u00a0]*\([^()\n]{1,24}\)|\))?"
    r"[ \t\u00a0]+(?P<dir>above|below)[ \t\u00a0]+(?:the[ \t\u00a0]+|its[ \t\u00a0]+)?"
    # (not "above the 1961–1990 average": a distance from the usual level, see measures.FROM_AVERAGE)
    r"(?:FY|fiscal|calendar|[0-9]{4}\b(?![–—-]?[0-9]{0,4}[ \t\u00a0]+(?:average|normal|mean)\b)|level|enacted"
    r"|previous|prior|last|current|this|request|budget\b|estimate"
    # ("47% above the pandemic low of 27.4 million")
    r"|(?:[a-z-]+[ \t\u00a0]+){0,2}(?:lows?|highs?|peaks?|levels?)\b)",
    re.IGNORECASE,
)
# "… and a Second Class stamp 89p": a clause after "and" that leaves out the verb the clause before used
_GAPPED = re.compile(
    r"[ \t]+and[ \t]+(?:a|an|the)[ \t]+(?P<np>(?:[A-Za-z][\w'’-]*[ \t]+){0,3}?[A-Za-z][\w'’-]*)[ \t]+\Z"
)
# Nouns that count people or things without a plural "s": never a kind before the next figure's noun
_COLLECTIVE_NOUNS = frozenset(
    "staff personnel people police crew faculty workforce livestock cattle equipment aircraft".split()
)
_AREA_UNITS = frozenset(("acres", "hectares", "square miles", "square kilometers", "square feet", "square meters"))
_LAND_NOUNS = frozenset(
    ("land", "lands", "public land", "public lands", "federal land", "federal lands", "territory", "parkland",
     "parklands", "wildlands")
)
_LIST_AFTER = re.compile(r",[ \t\u00a0]+[a-z][\w-]*(?:[ \t\u00a0]+[a-z][\w-]*)?,?[ \t\u00a0]+(?:and|or)[ \t\u00a0]+[a-z]")
_OR_RESTATED = re.compile(r",?[ \t\u00a0]+or[ \t\u00a0]+$")
# A clause about a part of what the page counts: "its busiest unit", "the largest park", "some remote sites".
_PART_SUBJECT = re.compile(
    r"\b(?:(?:[Ii]ts|[Tt]heir|[Oo]ur|[Tt]he)[ \t\u00a0]+(?P<sup>(?:busiest|largest|biggest|smallest|oldest|newest|"
    r"most[ \t\u00a0]+\w+|least[ \t\u00a0]+\w+))|(?P<some>[Ss]ome|[Ss]everal|[Aa][ \t\u00a0]+few|[Ee]ach))"
    r"(?P<part>(?<=[a-z])[ \t\u00a0]+(?:[a-z]+[ \t\u00a0]+)?(?:unit|units|site|sites|park|parks|office|offices|station|"
    r"stations|branch|branches|facility|facilities|location|locations|school|schools|clinic|clinics|center|centers|"
    r"region|regions|district|districts|county|counties|line|lines|route|routes))\b"
)
_PART_WORDS = ("est ", "most ", "least ", "ome ", "everal ", " few ", "ach ")  # _PART_SUBJECT's openings
_CLAUSE_OPENING = re.compile(r"[\s,;:(\"“]*(?:(?:while|and|but|whereas|yet)[ \t\u00a0]+)?", re.IGNORECASE)
_OF_THAT = re.compile(r"[ \t\u00a0]+of[ \t\u00a0]+(?:that|this|it)\b", re.IGNORECASE)
# a part of an amount, and what it goes to: "… of it is for", "… will go to", "… is earmarked for"
_ALLOTTED = re.compile(
    r"(?:[ \t\u00a0]+of[ \t\u00a0]+(?:it|this|that))?[ \t\u00a0]+(?:is|are|was|were|will[ \t\u00a0]+be|goes|go|went|"
    r"will[ \t\u00a0]+go)[ \t\u00a0]+(?:earmarked[ \t\u00a0]+)?(?:for|to|towards)[ \t\u00a0]+(?:the[ \t\u00a0]+)?(?=[a-z])",
    re.IGNORECASE,
)
_OVER_YEARS = re.compile(
    r"(?:[ \t\u00a0]+(?:a|per)[ \t\u00a0]+(?:year|annum)|[ \t\u00a0]+annuali[sz]ed)?,?[ \t\u00a0]+over[ \t\u00a0]+"
    r"(?:the[ \t\u00a0]+)?(?:(?:past|last|previous|next|coming)[ \t\u00a0]+)?"
    r"(?:(?P<n>[0-9]{1,2}|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)[ \t\u00a0]+years|(?P<decade>decade))\b",
    re.IGNORECASE,
)
_INCREMENT = re.compile(r"^(?:additional|new|more|extra)\s+", re.IGNORECASE)
_TOTAL_WORDS = frozenset(("total", "grand total", "overall total", "total number", "sum", "combined total"))
# "5 percent more than it received for FY 2023", "1.45 million, up from 980,000 in 2021": a period after a
# comparison dates the base, not the figure.
# ("up 45 from the 2,310 FTE authorized for FY 2023-24": the period is the compared figure's)
_COMPARISON = guarded(
    r"\b(?:than|compared|versus|vs\.?|relative|(?:up|down)\s+(?:[\w$.,%]+\s+){0,3}?from)\b",
    "cdrtuv",
    re.IGNORECASE,
)
# A label that counts everything ever, or since a year ("… to date:", "Volunteers since 1965:")
_TO_DATE_LABEL = re.compile(
    r"[ \t]*[A-Za-z][^.;:\n]{0,80}\b(?:to[ \t]+date|ever|all[ \t]+time)[ \t]*[:–—][ \t]*(?:[$]|about[ \t]+|over[ \t]+)?", re.I
)
_SINCE_LABEL = re.compile(
    r"[ \t]*[A-Za-z][^.;:\n]{0,60}\bsince[ \t]+(?:(?:19|20)\d\d|its[ \t]+\w+)[ \t]*[:–—][ \t]*", re.I
)
# A paragraph that is one label line and its figure ("Training Center beds: 260")
_LABEL_PARAGRAPH = re.compile(r"[A-Z][^\n:]{0,60}:[ \t]+[$]?\d[^\n]{0,40}")
# A side box's row, its label glued to the figure or a space before it ("Employees8,300+ (2024)[1]", "Stations 31",
# "Estimated turnout about 78%")
_BOX_ROW = re.compile(
    GLUED_LABEL + r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*"  # ("Population (Census 2011) 12,46,512")
    r"(?:(?i:about|around|approximately|nearly|almost|over|more[ \t]+than|up[ \t]+to|some|roughly)[ \t]+|~)?"
    + ROW_FIGURE + r"[ \t]*"
)
# A sentence that tells the reader what to do: the figures in it are requirements
_INSTRUCTION = re.compile(
    r"[ \t]*(?:Submit|Attach|Enclose|Include|Provide|Send|Bring|Upload|Mail|Complete|Fill|Sign|Enter|Select|Choose|"
    r"Allow|Apply|Create|Register|Call|Email|E-mail|Contact|Wait|Make[ \t]+sure)\b"
)
# "has seized", "have provided", "has grown": what was done, right before a figure.
_PERFECT = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+ly\s+)?"
    # "has responded to 210 declarations" (but "has grown to 400": the level it came to)
    r"(?:(?:responded|contributed|given|sent|delivered|provided|donated|granted|awarded)\s+to"
    r"|\w+ed|\w+en|grown|built|made|sold|sent|spent|held|led|won)\s+$",
    re.I,
)
# "has responded to 210 declarations and provided more than 20 million meals": the auxiliary left out
_PERFECT_AND = re.compile(r"\band\s+(?:\w+ly\s+)?\w+ed\s+$", re.I)
_PERFECT_EARLIER = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b", re.I)
# … and right after the figure's noun ("94,000 volunteers have served")
_PERFECT_AFTER = re.compile(
    r"(?:[ \t]+(?!have\b|has\b)[A-Za-z][\w'’-]*){1,3}?[ \t]+(?:have|has)[ \t]+(?:been[ \t]+)?[a-z]{3,}(?:ed|en|wn|ght|nt)\b"
)
# "a 14.5 percent increase over FY 2021", "compared with FY 2021": the period right after it is the base's.
_BASE_PERIOD = guarded(
    # ("a growth of 9 per cent on the previous year", as British English compares)
    r"\b(?:over|from|than|above|below|on|compared\s+(?:with|to)|versus|vs\.?|relative\s+to)\s+(?:(?:in|during|for)\s+)?"
    r"(?:the\s+)?$",
    "abcfortv",
    re.IGNORECASE,
)
# The last word of a body's name: a name that ends so says whose a noun phrase after it is, not what
_BODY_WORDS = frozenset(
    """authority agency department service services office board commission council administration bureau
    corporation district institute trust ministry directorate division""".split()
)
# A figure that refers back to the one stated before it: "That figure", "this total", "The number"
_ANAPHORIC_NOUNS = frozenset(("figure", "number", "total", "amount", "tally", "count", "sum"))
_ANAPHORIC_FIGURE = re.compile(
    r"\b(?:(?:that|this)[ \t]+(?:figure|number|total|amount|tally|count|sum)|the[ \t]+(?:figure|tally|sum))\b"
    r"(?![ \t]+(?:of|for)\b)",
    re.IGNORECASE,
)
_QUARTER_LABEL = re.compile(r" Q[1-4]\Z")
# A word of change: a period "over" which it came is the base it is measured from ("an increase of 14% over 2022")
_CHANGE_WORD = re.compile(
    r"\b(?:increas|decreas|declin|ris[ei]|rose|grow|grew|gain|jump|climb|drop|fell|fall|up\b|down\b|high|low|more\b|"
    r"less\b|fewer\b|above|below|chang|improv|surg|boost|cut)",
    re.IGNORECASE,
)
# A figure that only says where the clause's figure happened: "in 1,290 homes", "across 96 square miles".
_WHERE_BEFORE = re.compile(r"\b(?:in|across|at|among|throughout)\s+$", re.IGNORECASE)
# A body of people, which a name does not make a place: "an 11-member Board of Regents" has board members.
_BODY = re.compile(r"\b(?:board|council|commission|committee|senate|assembly|court|panel|team|crew)\b", re.I)
# A "By the numbers" card: a block that is only a figure ("62,900+") and a short label block after it ("employees",
# "travelers processed on a typical day"), read as one sentence. Only in HTML, where such cards are markup; a plain
# text line holding a lone number is more often a page number.
_FIGURE_ONLY = re.compile(r"[\s+~≈*†‡#]*")
_CARD_LABEL = re.compile(r"[A-Za-z][^.!?:;\n]{0,79}")


def _card_label_after(doc: ExtractedText, bi: int, mentions: list[QuantityMention], in_tables: frozenset[int]) -> int:
    """The end of the label block that names the figure block ``bi`` stands alone in; -1 when it is not a card."""
    block = doc.blocks[bi]
    if doc.kind != "html" or bi + 1 >= len(doc.blocks) or bi + 1 in in_tables or block.kind == "heading":
        return -1
    text = doc.text
    at = block.start
    for m in mentions:
        if not _FIGURE_ONLY.fullmatch(text, at, m.start):
            return -1
        at = m.end
    if not _FIGURE_ONLY.fullmatch(text, at, block.end):
        return -1
    label = doc.blocks[bi + 1]
    if label.kind != block.kind or not _CARD_LABEL.fullmatch(text, label.start, label.end):
        return -1
    return label.end


# An infobox's label alone in the block above its value: "Staff" over "9,400", "Budget" over "2021–22: £4.6 billion
# (52% from fares)" (a wiki's side box as a page's text gives it).
_INFOBOX_LABEL = re.compile(r"[A-Z][A-Za-z'’&/-]*(?:[ \t]+[A-Za-z'’&/-]+){0,3}")
_INFOBOX_VALUE_ENDS = re.compile(r"(?:[ \t]*\([^()\n]{1,60}\)|[ \t]*\[\d{1,3}\])*\s*")  # (its year, a note, a citation)
_INFOBOX_VALUE_OPENS = re.compile(f"(?:{measures.VALUE_YEAR})?")


def _infobox_label_before(doc: ExtractedText, bi: int, mentions: list[QuantityMention]) -> int:
    """The start of the label block right above the figure block ``bi`` when the two are an infobox's row; else -1."""
    if bi == 0 or doc.kind == "pdf":
        return -1
    block, label = doc.blocks[bi], doc.blocks[bi - 1]
    text = doc.text
    # (a plain-text page makes a short line set apart a heading)
    if block.kind != "paragraph" or label.kind not in ("paragraph", "heading") or block.end - block.start > 120:
        return -1
    first = mentions[0]
    if first.quantity.unit == "count" and first.unit_word is None and first.quantity.stated < 1000:
        return -1  # ("FBX workforce report" over "12": a lone small number is more often a page's number)
    opens = _INFOBOX_VALUE_OPENS.match(text, block.start, first.start)
    if opens is None or opens.end() != first.start:
        return -1
    if not _INFOBOX_VALUE_ENDS.fullmatch(text, first.end, block.end) or not _INFOBOX_LABEL.fullmatch(
        text, label.start, label.end
    ):
        return -1
    return label.start


# What may come between a figure with a unit and a bare one that shares it, and what may follow the bare one.
_UNIT_LINK = re.compile(
    r"(?P<gap>[^.;:!?()\n]{0,48}?)(?:,[ \t]*|[ \t]+)(?:(?:(?:up|down)[ \t]+)?from|compared[ \t]+(?:with|to)|versus|vs\.|"
    r"and|or|to)?[ \t]+(?:about[ \t]+|nearly[ \t]+|almost[ \t]+|more[ \t]+than[ \t]+|over[ \t]+)?",
    re.IGNORECASE,
)
_PERIOD_GAP = re.compile(
    r"[ \t]+(?:in|during|for)[ \t]+(?:(?:fiscal|calendar)[ \t]+year[ \t]+|FY[ \t]?|CY[ \t]?)?'?\d{2,4}\b", re.I
)
_NO_NOUN_AFTER = re.compile(
    r"(?:[ \t]+of[ \t]+(?!(?:the|them|which|whom|these|those|its|their)\b)[a-z]|[ \t]*(?:[,.;:)]|$)"
    r"|[ \t]+(?:in|during|for|a|per|each|last|the[ \t]+(?:year|previous))\b)"
)
_DIGIT = re.compile(r"\d")
_SHARE_WITHIN = re.compile(
    r"(?:%|\bpercent\b)[^.;:]{0,80}?\b(?:waited|waits?|were\s+[a-z]+ed|was\s+[a-z]+ed|arrived|answered|responded)"
    r"\s+(?:in\s+)?\Z",
    re.IGNORECASE,
)
_SPAN_OF_TIME = re.compile(r"\s+(?:(?:fiscal|calendar|school)\s+)?(?:years|months|weeks|days|quarters|decades)\b", re.I)
# A passive verb, then "by" or "with" right before a name: the name is who did it ("were found … by the Office")
_PASSIVE_BETWEEN = re.compile(
    r"\b(?:were|was|are|is|been|being)\s+(?:\w+ly\s+)?"
    r"(?:[a-z]+(?:ed|en|wn|nt|ght)|found|made|held|paid|sold|built|caught|kept|led|sent|spent|run)\b"
)
_AGENT_BEFORE = re.compile(r"\b(?:by|with)\s+(?:the\s+)?\Z", re.I)
_SPAN_BEFORE = re.compile(r"\b(?:last|past|previous|next|coming)\s+\Z", re.I)
# "would have posted a net loss of roughly $7.6 billion had Congress not …": what did not happen is no figure
_COUNTERFACTUAL = re.compile(
    r"\b(?P<k>(?:would|could|might)(?:\s+not)?\s+have\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|nt|ght|ne|ld|ng))\b[^.;:!?]{0,60}\Z",
    re.I,
)
# "Raise the Trails Grant Program to $8 million a year.": an ask (the verb bare, opening its sentence), not a level
_ASKED_TO = re.compile(
    r"(?:Raise|Increase|Boost|Expand|Grow|Double|Triple|Restore|Cut|Reduce|Lower|Bring|Fund|Set|Cap|Limit)\b"
    r"[^.;:!?]{0,80}?\bto[ \t]+\Z"
)
# "expects to serve more than 95 million visitors this year", "a projected 2.2 million patients": a forecast, not
# a count of what happened
_PROJECTED_BEFORE = re.compile(
    # (not "projects" or "forecasts", more often nouns: "small-business projects, and … 14 stations")
    r"\b(?P<k>(?:expects?|expected|projected|forecast|forecasted|anticipates?|anticipated|predicts?|predicted)"
    # (the figure right after, or two words on: "is projected at", "expected to reach a record"; not "expects
    # travel volumes to pass their peak at all 20 field offices")
    r"(?:\s+to\s+[a-z]+)?)\b(?:\s+[a-z]+){0,2}\s+\Z",
    re.I,
)
# "the goal is a civil servant workforce of 16,500", "its target of 95 percent", "plans to hire 400 agents": a goal
_GOAL_BEFORE = guarded(
    r"\b(?P<k>(?:goal|target|objective)s?(?:\s+(?:is|was|are|were|of|for))|(?:aims?|aimed|plans?|planned|seeks?|intends?)"
    r"\s+to\s+[a-z]+)\b[^.;:!?]{0,60}\Z",
    "agiopst",
    re.I,
)
_FROM_TO = re.compile(r"\s+to\s+\Z")
_LEADING_PREPOSITION = re.compile(r"(?:(?:in|during|for|throughout)\s+(?:the\s+)?)?", re.IGNORECASE)


_YEAR_NAMED = re.compile(r"(?<![\w$.,/-])(?:19|20)\d\d(?![\w,/-]|\.\d)")
# A sentence that opens by pointing back to the year named before it.
_THAT_YEAR = re.compile(r"(?:That|In\s+that|That\s+same|In\s+that\s+same)\s+year\b|Back\s+then\b|At\s+the\s+time\b")


def _led_by_period(text: str, start: int, found: list[periods.PeriodMention]) -> Period | None:
    """The period a sentence without figures opens with ("In FY 2020, ICE continued …"), which the paragraph's
    next sentences are about; None when it opens otherwise."""
    if not found or not found[0].explicit or _multi_year(found[0].period):
        return None
    p = found[0]
    if not _LEADING_PREPOSITION.fullmatch(text, start, p.start):
        return None
    # "In FY 2020, ICE continued …", "2017 was a record year for the agency."
    if text[p.end : p.end + 1] != "," and not (p.start == start and periods.YEAR_WAS.match(text, p.end)):
        return None
    if _FOUNDED.match(text, p.end, min(len(text), p.end + 120)) is not None:
        return None  # "In 2003, the agency was founded.": the date of an event, not of the figures after it
    return p.period


_FOUNDED = re.compile(
    r"[^.!?]*?\b(?:founded|established|created|formed|chartered|incorporated|opened|launched|renamed|merged|"
    r"reorganized|signed|enacted|passed)\b",
    re.IGNORECASE,
)


_LEAD_IN_END = re.compile(r"(?::|…|\.\.\.|\?)\s*\Z")  # ("What else happens on an average day?")


_BYLINE_SEPARATOR = re.compile(r"[ \t]+[·•][ \t]+")  # (not "|": a pipe table's row left in plain text is no byline)
_BYLINE_DATE = re.compile(r"\b(?:19|20)\d\d\b")
_LABELLED_PART = re.compile(r"[A-Za-z0-9)]:[ \t]+(?:[^\s·•]+[ \t]+){0,2}?[^\s·•]*\d")


def _byline(text: str, block: Block) -> bool:
    """A short line of who wrote a page, its number and date, in parts set apart by "·"."""
    return (
        block.end - block.start <= 240
        and len(_BYLINE_SEPARATOR.findall(text, block.start, block.end)) >= 2
        and _BYLINE_DATE.search(text, block.start, block.end) is not None
        # (not a line of labelled figures: "Registered users: 8,915 · Availability in 2023: 99.6% · …")
        and len(_LABELLED_PART.findall(text, block.start, block.end)) < 2
    )


def _leads_in(text: str, block: Block) -> bool:
    """A paragraph whose short last sentence ends where a list starts: "PROCESSED:", "On a Typical Day in FY 2016,
    CBP…", "… to its best year. Preliminary results for Fiscal Year 2018 are:"."""
    if block.kind != "paragraph" or _LEAD_IN_END.search(text, block.start, block.end) is None:
        return False
    return block.end - block.start <= 160 or block.end - sentence_spans(text, block.start, block.end)[-1][0] <= 160


# An owner's part, named right after it: "The corporation's commercial arm NBC Studios", "its subsidiary Metro Lines"
_ARM_NAMED = re.compile(
    r"(?:['’]s?)?[ \t]+(?:[a-z-]+[ \t]+){0,2}(?:arm|subsidiary|division|unit|branch|affiliate|wing|agency|office)[ \t]+"
)
# An infobox's label for a body related to the page's own, on the line above the body's name.
_RELATION_LABEL = re.compile(
    r"[ \t]*(?:parent(?:[ \t]+(?:organi[sz]ation|agency|department|company|body))?|owner|owned[ \t]+by|operator"
    r"|operated[ \t]+by|jurisdiction|(?:superseding|preceding|child|sister)[ \t]+agenc(?:y|ies)|subsidiaries"
    r"|affiliations?|member[ \t]+of|funding[ \t]+body|regulator|successor|predecessor)[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
# What is left of a line that is only a name once the name is read: its acronym in brackets.
_NAME_LINE = re.compile(r"\)?(?:\s*\([A-Z][A-Za-z&.-]{1,9}\))?\s*:?\s*")
# A rule, not a report: what must, shall or may not be done ("prizes of $600 or more must be claimed").
_OBLIGATION = guarded(
    r"\b(?:must|shall|may\s+not|cannot|can\s+not|(?:are|is)\s+not\s+(?:issued|paid|accepted|allowed|permitted|refunded))\b",
    "acims",
    re.IGNORECASE,
)
# What joins a second predicate to a clause ("… and must still find"): the obligation is the subject's.
_SECOND_PREDICATE = re.compile(r"\s(?:and|but)(?:\s+(?:still|also|now|then))?\s+\Z", re.IGNORECASE)
# An eligibility limit or a rent rule, set as a share of income: no figure anyone reports.
_INCOME_LIMIT = re.compile(
    r"\s+of\s+(?:the\s+)?(?:(?:area|household|family)\s+)?(?:median\s+(?:family\s+|household\s+)?income|AMI\b|"
    r"(?:adjusted\s+|gross\s+|monthly\s+|annual\s+)*income|(?:the\s+)?federal\s+poverty\s+(?:level|guidelines?|line)|FPL\b)",
    re.IGNORECASE,
)
_ON_LIST = re.compile(
    r"\s+on\s+(?:the|its|our|their|a|an)\s+(?P<kind>(?:[\w-]+\s+){0,3}?)(?:waiting|wait)[\s-]?lists?\b", re.I
)
_LIST_MEMBERS = frozenset("households families people persons applicants individuals names".split())
_WAITING_LIST_END = re.compile(r"\b(?:waiting|wait)[\s-]?lists?$", re.I)
# What joins a comparison's period to its figure inside one noun phrase: "over FY 2023['s] adopted budget of ".
_BASE_NOUN_OF = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w-]*){1,4}\s+of\s+", re.IGNORECASE)
# "the agency's former Office …", "Its flagship, Riverbend General Hospital, …": what a possessive owns.
_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z][\w-]*,?\s+){0,2}")
_FOLLOWS_POSSESSIVE = re.compile(r"['’]s\b")


@per_configuration
def _qsettings(settings: ExtractionSettings) -> QuantitySettings:
    return QuantitySettings(
        approx_tolerance=settings.approx_tolerance,
        likely_tolerance=settings.likely_tolerance,
        rounding_cap=settings.rounding_cap,
    )


@attrs.frozen
class Reading:
    """A version's claims, and what of the version's date the reading looked at (claims/redate.py)."""

    claims: tuple[Claim, ...]
    periods: tuple[periods.PeriodMention, ...]  # the page's periods as read on the version's date
    # The last days of the former names the page uses: a version date past one reads the name otherwise.
    former_until: frozenset[dt.date]


def extract_claims(doc: ExtractedText, ctx: VersionContext, settings: ExtractionSettings) -> tuple[Claim, ...]:
    """Every claim of one version, in text order."""
    return read_claims(doc, ctx, settings).claims


def page_periods(text: str, date: dt.date | None, settings: ExtractionSettings) -> tuple[periods.PeriodMention, ...]:
    """Every period the page names, read on ``date`` ("so far this fiscal year"), none across a line break."""
    return tuple(
        p
        for p in periods.find_periods(text, version_date=date, fiscal_start=settings.fiscal_year_start, anaphoric=True)
        if "\n" not in text[p.start : p.end]
    )


def target_ends(text: str) -> frozenset[dt.date]:
    """The last days of every "by <time>" target the page names (where ``_Sentence._target`` turns)."""
    return frozenset(_by_last(m) for m in _BY_YEAR.finditer(text)) if "by" in text.lower() else frozenset()


def read_claims(doc: ExtractedText, ctx: VersionContext, settings: ExtractionSettings) -> Reading:
    """Every claim of one version, in text order, with the date-dependent parts of their reading."""
    # The text read: footnote marks blanked ("FY 2023 Actual2": the header is "Actual", and no "2" is a figure) and
    # thousands grouped by plain spaces joined ("36 000 learners" on a page that writes every figure so); every
    # offset holds, and quotes and sentences are taken from the page as written (``source``).
    source = doc
    doc = spacing.space_grouped(footnotes.without_marks(doc))
    text = doc.text
    low = lowered(text)
    matcher = subjects.build_matcher(settings, text)
    vocab = measures.vocabulary(settings)
    qsettings = _qsettings(settings)
    title = _title_block(doc)
    configured = ctx.title or ""
    # (the page's own title, else the configured one, names what the page is about)
    fallback = (
        ctx.subject
        or _named_first(matcher, doc.text, title)
        or _named_first(matcher, configured, (0, len(configured)))
        or settings.default_subject
    )
    # A title's one period dates what the page states without one: "Facts and Figures for Fiscal Year 2019"
    title_period = _title_period(doc.text, _title_lines(doc) or title, settings) or _title_period(
        configured, (0, len(configured)), settings
    )
    speaker = ctx.subject or _publisher_subject(ctx.publisher, matcher)
    # (sentences read "we" and "our" as the publisher; claims keep the version's own context)
    sentence_ctx = ctx if speaker == ctx.subject else attrs.evolve(ctx, subject=speaker)
    found_tables = tables.find_tables(doc)
    table_at = {t.first_block: t for t in found_tables}
    in_tables = frozenset(i for t in found_tables for i in t.blocks) | contents_blocks(doc)
    # (a running header names the body on every page: read as a heading, it would end each page's section)
    furniture = running_heads(doc)
    section_titles = lone_titles(doc, furniture | in_tables)
    # (a title on the line over its paragraph heads the least section: a real heading after it ends it)
    sub_titles = title_lines(doc, furniture | in_tables)
    plain_spans = [(t.start, t.end) for t in found_tables if t.plain]
    # Label reads shared by the page's tables, which repeat their headers (read with this page's matcher).
    table_labels: tables.LabelMemo = {}
    headings: list[_Frame] = []
    items: list[_Frame] = []
    # What the section's paragraphs are about: its heading's subject, else the one the section's first paragraph
    # names (a line that is only a name, "Maritime Investigations Directorate (MID)", starts a section of its own).
    # Each paragraph starts from it: "The Transportation Department will run 296 buses." does not make the next
    # paragraph's "$806.9 million General Fund budget" the department's.
    section_focus: _Focus | None = None
    heading_named: _Focus | None = None  # the section's subject when its heading gave it one
    # (a publisher's page that names no one at its start is about the publisher, until it names someone)
    first = fallback or _publisher_subject(ctx.publisher, matcher)
    focus: _Focus | None = _Focus(first) if first else None
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    # One pass of each scanner over the whole text, then sliced by block: the scanners never look across a
    # line break, so this reads each block as a pass over the block alone would, for far fewer calls.
    all_mentions = _Sliced(find_quantities(text, qsettings))
    all_named = _Sliced(_collapse(_not_shouted(text, matcher.find(text)), text) if matcher.pattern is not None else [])
    dated_periods = page_periods(text, ctx.date, settings)
    all_periods = _Sliced(list(dated_periods))

    card_labels: set[int] = set()
    noted: Period | None = None  # the period a note says the page's figures are of, from the note on
    # A paragraph that only leads into the list after it ("On a Typical Day in Fiscal Year 2016, CBP…",
    # "PROCESSED:"): the list's items are read under it, as under a heading.
    lead: _Frame | None = None
    for bi, block in enumerate(doc.blocks):
        if bi in card_labels:
            continue  # read with the figure it names
        table = table_at.get(bi)
        if table is not None:
            frame = items[-1] if items else (headings[-1] if headings else None)
            if noted is not None and (frame is None or frame.period is None):
                frame = attrs.evolve(frame, period=noted) if frame is not None else _Frame(99, None, noted)
            claims.extend(
                _table_claims(
                    doc, ctx, settings, table, matcher, vocab, qsettings, focus, frame, seen, table_labels, title_period,
                    source,
                )
            )
        if bi in furniture:
            if heading_named is None:
                # A new page of a section its heading gave no subject starts afresh: what its first paragraph named
                # was the section's first page's ("From the Commissioner" over a page on each division)
                section_focus = None
                focus = _Focus(fallback) if fallback else focus
            continue
        if bi in in_tables:
            continue
        if bi in section_titles:
            block = attrs.evolve(block, kind="heading", level=1)  # "2. Volunteer Operations" over its section
        elif bi in sub_titles:
            block = attrs.evolve(block, kind="heading", level=6)  # "Investment" on the line over its paragraph
        if block.kind == "heading":
            left = None
            while headings and headings[-1].level >= block.level:
                left = headings.pop()
            named = [m for m in all_named.within(block.start, block.end) if m.valid_on(ctx.date)]
            heading_focus = _Focus(named[0].subject) if named else (headings[-1].focus if headings else None)
            # (a plan's span of years in a heading, "Riverside Forward 2022–2027", dates no figure under it)
            found = [p for p in all_periods.within(block.start, block.end) if not _multi_year(p.period)]
            dashed = None if found else (
                _DASH_YEAR.search(text, block.start, block.end) or _year_ending(text, block)
                or _START_YEAR.match(text, block.start, block.end)
                or _END_SPLIT_YEAR.search(text, block.start, block.end)
            )
            if dashed is not None:
                # "Total Operations – 2016 (January through December)": the year the rows under it are of
                year = int(dashed.group("year"))
                reviewed = periods.calendar_year(year)
                if dashed.re is _END_SPLIT_YEAR or dashed.re is _START_YEAR and dashed.group("next"):
                    # "2023–24 in numbers": the organisation's own year, where it runs across two calendar years
                    following = dashed.group("next") == f"{(year + 1) % 100:02d}"
                    fiscal = settings.fiscal_year_start
                    reviewed = periods.split_year_fiscal(year + 1, fiscal) if following and fiscal != (1, 1) else None
                found = [] if reviewed is None else [
                    periods.PeriodMention(dashed.start("year"), dashed.end("year"), reviewed)
                ]
            if (day := periods.heading_day(text, block.start, block.end)) is not None:
                found = [day]  # "8 April 2024: two months on": an update's figures, as they stood that day
            period = found[0].period if found else (headings[-1].period if headings else None)
            rate = measures.rate_in_label(text, block.start, block.end) or (headings[-1].rate if headings else None)
            # A new section is about the page's subject unless its heading names another one; a page with no
            # subject of its own goes back to what it was about before the section just left ("## 2. Safety"
            # after a section that ended on the Transit and Rail Office is the department's again).
            before = left.before if left is not None else focus
            focus = heading_focus or (_Focus(fallback) if fallback else before)
            words = text[block.start : block.end]
            topic = tables.scope_breakdown(words) if " " in words else None
            place = _PLACE_HEADING.search(text, block.start, block.end)
            headings.append(
                _Frame(
                    block.level, heading_focus, period, (block.start, block.end), before=before, rate=rate, topic=topic,
                    place=" ".join(place.group("place").lower().split()) if place is not None else None,
                )
            )
            items.clear()
            lead = None
            section_focus = heading_named = heading_focus
            if _HEADLINE.search(text, block.start, block.end) is None and (
                _LABELLED_HEADLINE.search(text, block.start, block.end) is None
            ):
                continue
            # "Unemployment rate rises to 4.4%": a news release's headline states its figure, and titles the
            # section too
            block = attrs.evolve(block, kind="paragraph")
        # A subject a list item names is that item's ("Special agents, Maritime Investigations Directorate:
        # 3,350"): its siblings, and what follows the list, go back to the focus before it.
        if block.kind == "list-item":
            while items and items[-1].level >= block.level:
                sibling = items.pop()
                # (a list under nothing that names anyone is about whom its items name: "• The Pension Board
                # pays …" over "• Recipients include 19.5 million retired workers")
                focus = sibling.before if sibling.before is not None else sibling.focus
        else:
            if items:
                focus = items[0].before
            items.clear()
            if block.kind == "paragraph" and section_focus is not None:
                focus = section_focus
        before = focus
        if block.kind != "list-item" and not _leads_in(text, block):
            lead = None
        if block.kind == "paragraph" and (note := _PERIOD_NOTE.search(text, block.start, block.end)) is not None:
            noted = _noted_period(text, note, all_periods.within(note.start(), block.end)) or noted
        parent = items[-1] if items else (lead or (headings[-1] if headings else None))
        context_period = (parent.period if parent else None) or noted
        # (a heading's rate reaches the items listed under it, not a paragraph that explains them)
        context_rate = parent.rate if parent is not None and block.kind == "list-item" else None
        # (and to a plain-text page's label lines under it: "West Africa: 44%")
        context_topic = (
            parent.topic if parent is not None and (block.kind == "list-item" or parent in headings) else None
        )
        context_place = headings[-1].place if headings else None
        mentions = all_mentions.within(block.start, block.end)
        if plain_spans and mentions:
            mentions = [m for m in mentions if not _inside(m.start, plain_spans)]
        block_end = block.end
        if mentions and len(mentions) == 1:
            label_end = _card_label_after(doc, bi, mentions, in_tables)
            if label_end > 0:
                block_end = label_end
                card_labels.add(bi + 1)
                mentions = all_mentions.within(block.start, block_end)  # (the label's own, if any, are read too)
        label_start = _infobox_label_before(doc, bi, mentions) if mentions and block_end == block.end else -1
        block_focus, block_period = focus, context_period
        named = all_named.within(block.start, block_end)
        if (named or mentions) and _byline(text, block):
            # "Office of Research and Evaluation (ORE), Federal Correctional Service · Data Brief No. 24-02 · …":
            # who wrote the page, its number and date, not what it is about
            named, mentions = [], []
        # (a fact sheet's label line, "Training Center beds: 260", names its own subject, not its section's)
        label_line = block.kind == "paragraph" and _LABEL_PARAGRAPH.fullmatch(text, block.start, block.end) is not None
        if section_focus is None and block.kind == "paragraph" and not label_line:
            # (a name in lower case, "3,118 marine rescue missions", is as often a kind of thing as whose it is; so
            # is a name after the figure a card opens with, "4.82M Tūhono boardings")
            led = _FIGURE_LED_LINE.match(text, block.start) is not None
            first = next(
                (m for m in named if m.valid_on(ctx.date) and not text[m.start : m.end].islower() and not led), None
            )
            if first is not None:
                section_focus = _Focus(first.subject)
                speaker = sentence_ctx.subject
                opens = max(block.start, text.rfind(". ", block.start, first.start) + 2)
                if speaker and speaker != first.subject and _we_act_on(text, opens, first):
                    section_focus = _Focus(speaker)  # what the speaker acts on is not what the section is about
                if focus is None:
                    focus = section_focus  # ("This memo reviews the Glenford Fire Department budget. …": no one else)
        if not mentions:
            # Nothing to read: only the focus can move, to the subject of the last sentence that names one.
            if named and bi > 0 and _RELATION_LABEL.fullmatch(text, doc.blocks[bi - 1].start, doc.blocks[bi - 1].end):
                # "Parent organisation" over "Greater London Authority (GLA)": an infobox's value names another body
                # beside the page's; what follows is still the page's
                named = []
            if named:
                focus = _last_subject(text, block, named, sentence_ctx, focus) or focus
                block_focus = focus
                if (
                    block.kind == "paragraph" and not text[block.start : named[0].start].strip()
                    and _NAME_LINE.fullmatch(text, named[-1].end, block.end)
                ):
                    section_focus = focus
            if block.kind == "list-item":
                # "Aliens arrested in FY 2017 had these convictions:" dates the items under it.
                own = all_periods.within(block.start, block.end)
                items.append(
                    _Frame(
                        block.level, block_focus, own[-1].period if own else block_period, before=before,
                        rate=measures.rate_in_label(text, block.start, block.end) or context_rate,
                    )
                )
            elif _leads_in(text, block):
                own = [p for p in all_periods.within(block.start, block.end) if not _multi_year(p.period)]
                # ("… posted record results in 2021. … Results for Fiscal Year 2021 are:": the sentence that leads in
                # names the items' period, whatever the paragraph named before it)
                last = sentence_spans(text, block.start, block.end)[-1][0]
                own = [p for p in own if p.start >= last] or own
                lead = _Frame(
                    99, block_focus, own[0].period if own else context_period, before=before,
                    rate=measures.rate_in_label(text, block.start, block.end) or (parent.rate if parent else None),
                )
            continue
        # Pointers back ("it", "the agency") are looked for only in the sentences that are read. Sentence by
        # sentence finds what a pass over the block finds when lower-casing maps the text one to one (a
        # sentence is bounded by white space); otherwise the block is read at once, as it always was.
        anaphors = _anaphors(text, block.start, block_end, named) if low is None else None
        block_reads: list[_Read] = []
        block_first = len(claims)
        carried = context_period
        by_start = _Sliced(mentions)  # a long paragraph has many sentences: no scan of all mentions per sentence
        # (a block without names or periods needs no look for them sentence by sentence)
        block_named = all_named if named else None
        block_periods = all_periods if all_periods.within(block.start, block_end) else None
        if label_start >= 0:
            spans = [(label_start, block.end)]  # ("Staff" over "9,400": the label is read with its value)
        else:
            spans = sentence_spans(text, block.start, block.end) if block_end == block.end else [(block.start, block_end)]
        for s_start, s_end in spans:
            in_sentence = by_start.within(s_start, s_end)
            now = None  # whether the sentence speaks of the present: computed once, when needed
            if carried is not context_period:
                now = _speaks_of_now(text, low, s_start, s_end)
                if now:
                    carried = context_period  # "Today NTA has 400 engines.": the paragraph's period ends here
            s_named = block_named.within(s_start, s_end) if block_named else []  # by bisection: in text order
            if not in_sentence and block_periods is not None:
                led = _led_by_period(text, s_start, block_periods.within(s_start, s_end))
                if led is not None:
                    carried = led  # "In FY 2020, ICE continued to focus …. ERO conducted 103,603 arrests": FY 2020's
            if in_sentence and s_start > block.start and _THAT_YEAR.match(text, s_start, s_end):
                # "It is a long way from 2018. Back then, the agency sold about 371,000 licenses.": the year the
                # paragraph named last
                year = None
                for year in _YEAR_NAMED.finditer(text, block.start, s_start):
                    pass
                if year is not None:
                    carried = periods.calendar_year(int(year.group(0)))
            if not in_sentence and not s_named:
                # No figure and no name: such a sentence moves neither the focus nor the carried period, so
                # the full reading is skipped (most sentences of a page are like this).
                if block.kind == "list-item":
                    own = block_periods.within(s_start, s_end) if block_periods else None
                    if own:
                        block_period = own[0].period
                block_focus = focus
                continue
            sentence = _Sentence(
                text,
                s_start,
                s_end,
                sentence_ctx,
                settings,
                carried,
                named=s_named,
                anaphors=(
                    _anaphors(text, s_start, s_end, named)
                    if anaphors is None
                    else [a for a in anaphors if s_start <= a.start < s_end]
                ),
                found_periods=block_periods.within(s_start, s_end) if block_periods else [],
                page_periods=all_periods,
                configured=matcher.configured,
                rate=context_rate,
                topic=context_topic,
                place=context_place,
                title_period=title_period,
                row=label_start >= 0
                or (
                    block.kind in ("paragraph", "list-item")
                    and (
                        _LABEL_PARAGRAPH.fullmatch(text, s_start, s_end) is not None
                        or _BOX_ROW.fullmatch(text, s_start, s_end) is not None
                    )
                ),
                mentions=in_sentence,
                now=now if now is not None else (_speaks_of_now(text, low, s_start, s_end) if in_sentence else None),
                low=low,
            )
            if in_sentence and sentence.period is not None and sentence.periods[0].explicit and not sentence.current:
                # "In FY 2023 the Service responded to … Its crews also treated 1.9 million acres …": a
                # paragraph's later sentences stay in its period until one speaks of the present.
                carried = sentence.period
            reads: list[_Read] = []
            for mention in in_sentence:
                read = sentence.read(mention, 0, focus, vocab, reads, block_reads)
                if read is None:
                    continue
                reads.append(read)
                claims.append(_claim(source, ctx, sentence, read, seen))
            block_reads.extend(reads)
            if sentence.grammatical_subject is not None:
                focus = sentence.grammatical_subject
            if sentence.period is not None and block.kind == "list-item":
                block_period = sentence.period
            block_focus = focus
        if len(claims) - block_first > 1:
            claims[block_first:] = _parts_named(text, ctx, claims[block_first:], seen)
        if block.kind == "list-item":
            items.append(
                _Frame(block.level, block_focus, block_period or context_period, before=before, rate=context_rate)
            )
        elif label_line:
            focus = before  # a label line's subject is its own: the next line goes back to what came before
    former_until = frozenset(m.until for m in all_named.items if m.until is not None)
    if settings.dollar != "USD":
        claims = [_in_dollars(c, settings.dollar) for c in claims]
    return Reading(tuple(claims), dated_periods, former_until)


# A dollar amount that says it is in US dollars stays one wherever "$" means another dollar.
_US_DOLLARS = re.compile(r"\bUS\s?\$|\bU\.S\.\s?\$|\bUSD\b|\bU\.?S\.?\s+dollars?\b", re.IGNORECASE)


def _in_dollars(claim: Claim, dollar: str) -> Claim:
    """``claim`` with its dollars the configuration's (``[extraction] dollar``), unless its quote says US dollars."""
    if claim.value.unit != "USD" or _US_DOLLARS.search(claim.evidence.quote):
        return claim
    sentence, quote = claim.evidence.sentence, claim.evidence.quote
    if sentence.endswith(": " + quote) and _US_DOLLARS.search(sentence, 0, len(sentence) - len(quote)):
        return claim  # a table's row or column that says its dollars are US ones: "Foreign reserves (US$) | 2024"
    return attrs.evolve(claim, value=attrs.evolve(claim.value, unit=dollar))


class _Sliced:
    """Items with ``start`` offsets, in text order, handed out by span."""

    def __init__(self, items: list) -> None:
        self.items = items
        self._starts = [x.start for x in items]

    def within(self, start: int, end: int) -> list:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        return self.items[lo:hi]


_DIMENSION_ADJECTIVES = {"long": "length", "wide": "width", "deep": "depth", "tall": "height", "high": "height"}


# (a conjunct is a word or a few: "light rail", "fixed-route bus")
_CONJUNCT = r"[A-Za-z][\w'’-]*(?:[ \t]+[a-z][\w'’-]*){0,2}"


# The list of modifiers after a list of figures, and their noun, then "respectively" before the clause ends
_RESPECTIVE_AFTER = re.compile(
    rf"[ \t]+(?P<items>(?:{_CONJUNCT},[ \t]+)*{_CONJUNCT}),?[ \t]+and[ \t]+(?P<last>{_CONJUNCT})[ \t]+"
    r"(?!(?:in|on|at|for|of|to|from|by|with|during|and|or|were|was|are|is|each)\b)(?P<noun>[a-z][\w-]*)"
    r"(?=[^.;]{0,40}\brespectively\b)"
)


def _respective_modifiers(text: str, lo: int, hi: int, modifier: list[str], noun: str) -> list[str] | None:
    """The modifiers a noun phrase lists before its noun, "weekday and weekend" of "weekday and weekend boardings",
    when the phrase stands between ``lo`` and ``hi`` and its last modifier is the words ``modifier`` ("weekend")
    before ``noun`` ("boardings"); None when no such list stands there."""
    last = " ".join(modifier)
    tail = rf"(?P<last>{re.escape(last)})[ \t]+{re.escape(noun)}\b"
    m = re.search(rf"(?P<items>(?:{_CONJUNCT},[ \t]+)*{_CONJUNCT}),?[ \t]+and[ \t]+" + tail, text[lo:hi], re.IGNORECASE)
    if m is None:
        return None
    # (the first item's words start after the verb or the name before the list: "NTA said bus, rail and …")
    items = [x.split() for x in m.group("items").split(",")]
    items[0] = measures.content_tail(items[0])
    if not all(items):
        return None
    return [" ".join(x) for x in items] + [m.group("last")]


def _multi_year(period: Period) -> bool:
    return (period.end - period.start).days > 400


def _speaks_of_now(text: str, low: str | None, start: int, end: int) -> bool:
    if low is None:
        return _PRESENT.search(text, start, end) is not None and _PAST.search(text, start, end) is None
    present = False
    for m in _NOW_OR_THEN.finditer(low, start, end):
        if m.group(2) is not None:
            return False
        present = True
    return present


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _anaphors(text: str, start: int, end: int, named: list[subjects.Mention]) -> list[subjects.Mention]:
    # "The Office of Investigations" is a name, not "the office" pointing back.
    return [
        a for a in subjects.anaphora(text, start, end) if not any(m.start < a.end and a.start < m.end for m in named)
    ]


def _we_act_on(text: str, start: int, named: subjects.Mention) -> bool:
    """Whether the sentence from ``start`` opens a clause with "we" or "our …" (not "our <the name>") before
    ``named``: then the speaker acts, and the name is what it acts on."""
    for m in _WE_OPENS.finditer(text, start, named.start):
        if m.start() == start or text[m.start() - 1] in ",;:":
            if m.group("we").lower() == "we" or m.end() < named.start:
                return True
    return False


def _last_subject(
    text: str, block: Block, named: list[subjects.Mention], ctx: VersionContext, focus: _Focus | None
) -> _Focus | None:
    """The grammatical subject of the block's last sentence that has one (what "it" will point to next)."""
    spans = sentence_spans(text, block.start, block.end) if len(named) > 1 or block.end - block.start > 200 else [
        (block.start, block.end)
    ]
    for s_start, s_end in reversed(spans):
        here = [m for m in named if s_start <= m.start < s_end]
        if not here:
            continue
        # Only an anaphor before the first name can take the subject's place.
        sentence = _Sentence(
            text,
            s_start,
            s_end,
            ctx,
            None,
            None,
            named=here,
            anaphors=_anaphors(text, s_start, here[0].end, here),
        )
        if sentence.grammatical_subject is not None:
            return sentence.grammatical_subject
    return None


def _publisher_subject(publisher: str | None, matcher: subjects.SubjectMatcher) -> str | None:
    """The configured subject a source's publisher is ("Cedar Valley Municipal Utility District"), if one name
    covers it all, or opens it before a comma ("Federal Correctional Service, Office of Research and Evaluation":
    an office of the service speaks for it)."""
    if not publisher:
        return None
    named = matcher.find(publisher)
    if not named or named[0].start != 0:
        return None
    whole = len(named) == 1 and named[0].end == len(publisher)
    return named[0].subject if whole or publisher[named[0].end : named[0].end + 1] == "," else None


def _title_block(doc: ExtractedText) -> tuple[int, int] | None:
    """The span of the page's title; a plain-text page's title is its first block, when it is short
    ("CEDAR VALLEY MUNICIPAL UTILITY DISTRICT / PROPOSED BUDGET SUMMARY, FISCAL YEAR 2024-25")."""
    title = next((b for b in doc.blocks if b.kind == "title"), None)
    if title is None and doc.kind != "html" and doc.blocks and doc.blocks[0].end - doc.blocks[0].start <= 160:
        title = doc.blocks[0]
    return None if title is None else (title.start, title.end)


def _title_lines(doc: ExtractedText) -> tuple[int, int] | None:
    """A plain-text page's title over its first short lines ("Kirkholme Teaching Hospitals / NHS Foundation Trust /
    Annual Report and Accounts / 2023/24"): up to four blocks of a few words each, none a sentence."""
    if doc.kind == "html" or not doc.blocks:
        return None
    end = -1
    for b in doc.blocks[:4]:
        if (
            b.kind not in ("paragraph", "heading", "title") or b.end - b.start > 80
            or _SENTENCE_IN_TITLE.search(doc.text, b.start, b.end) is not None
            or _NOT_A_YEAR_DIGIT.search(doc.text, b.start, b.end) is not None
        ):
            break  # (a line with a figure, "4.1 billion — operating budget in 2010", is the page's text)
        end = b.end
    return (doc.blocks[0].start, end) if end > 0 else None


def _named_first(matcher: subjects.SubjectMatcher, text: str, span: tuple[int, int] | None) -> str | None:
    """The first subject named in ``text[span]``, if any."""
    if span is None or span[0] >= span[1]:
        return None
    named = matcher.find(text, span[0], span[1])
    return named[0].subject if named else None


# A report of a year that runs across two calendar years, in a title: "ANNUAL REPORT 2023–24", "Annual Report and
# Accounts 2023/24", "2022-23 Year in Review"
_REPORT_WORDS = re.compile(
    r"\b(?:annual[ \t\n]+(?:report|review)|report[ \t\n]+and[ \t\n]+accounts|year[ \t\n]+in[ \t\n]+review)\b", re.I
)
_REPORT_YEAR = re.compile(r"(?<![\d/.-])(?P<y1>(?:19|20)\d\d)[ \t]?[-–/][ \t]?(?P<y2>(?:19|20)?\d\d)(?![\d/.-])")
# A digit that is no part of a year or a split year ("2023/24", "2023–24")
_NOT_A_YEAR_DIGIT = re.compile(r"(?<![\d/–-])(?!(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?(?!\d))\d")
_SENTENCE_IN_TITLE = re.compile(r"[a-z0-9)][.!?](?:\s|$)")


def _title_period(text: str, span: tuple[int, int] | None, settings: ExtractionSettings) -> Period | None:
    """The one period a title names ("Facts and Figures for Fiscal Year 2019"); None for none, several, or a span
    of years ("Strategic Plan 2022–2027")."""
    if span is None or span[0] >= span[1] or _SENTENCE_IN_TITLE.search(text, span[0], span[1]) is not None:
        return None  # (a page's first short paragraph is its title only when no sentence ends in it)
    found = periods.find_periods(text[span[0] : span[1]], fiscal_start=settings.fiscal_year_start)
    if not found and settings.fiscal_year_start != (1, 1):
        report = _REPORT_WORDS.search(text, span[0], span[1])
        split = _REPORT_YEAR.search(text, span[0], span[1]) if report is not None else None
        y1 = int(split.group("y1")) if split is not None else 0
        if split is not None and int(split.group("y2")) % 100 == (y1 + 1) % 100:
            # "Annual Report 2023–24", "Annual Report and Accounts 2023/24": the report's year, the organisation's
            # own (which periods.find_periods leaves unread without such a word: "2022–23" may be a season)
            return periods.split_year_fiscal(y1 + 1, settings.fiscal_year_start)
    labels = {p.period.label for p in found}
    if len(labels) != 1 or _multi_year(found[0].period) or periods.is_running_total(found[0].period):
        return None  # ("Since 1965, …": what has added up since then, not the page's period)
    return found[0].period


@attrs.frozen
class _Read:
    mention: QuantityMention
    start: int  # absolute offsets of the quote
    end: int
    subject: str
    measure: str
    scope: str | None
    period: Period | None
    head: str  # the counted phrase as written, for list items that leave it out


@attrs.define
class _Draft:
    """A figure's reading while read() works it out: what it counts, and whether it is a share or a change."""

    phrase: measures.Phrase
    head: str  # the counted noun phrase
    qualifier: str
    scopes: list[str] = attrs.Factory(list)
    share_of: str | None = None  # the measure it is a share of
    change: str | None = None  # the measure whose movement it states
    of_which: re.Match[str] | None = None  # "… of which", "… of them" right after it
    like: _Read | None = None  # the earlier figure whose noun it leaves out
    from_before: bool = False  # its noun comes before it ("Overtime last year: 62,450")
    only_scopes: bool = False  # the words it has name a scope and no measure
    like_scopes: tuple[str, ...] = ()  # the scopes it took from the share before it (dropped when it says its own)
    peak_year: int | None = None  # the year of the busiest day it is said to be of ("on November 26, 2023, the …")


class _Sentence:
    """One sentence's subjects and periods, and how each of its figures reads."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        ctx: VersionContext,
        settings: ExtractionSettings | None,
        context_period: Period | None,
        *,
        named: list[subjects.Mention],
        anaphors: list[subjects.Mention],
        found_periods: list[periods.PeriodMention] = (),  # type: ignore[assignment]
        configured: frozenset[str] = frozenset(),
        mentions: list[QuantityMention] = (),  # type: ignore[assignment]
        offset: int = 0,
        now: bool | None = None,  # whether it speaks of the present, when the caller knows already
        low: str | None = None,  # the text lower-cased, when lowered() gave it
        rate: str | None = None,  # the rate a heading or a lead-in gives the figures under it ("daily")
        topic: str | None = None,  # what a heading splits by a scope counts ("Inmates by sex")
        place: str | None = None,  # where a heading says what is counted under it is ("in Field Divisions")
        title_period: Period | None = None,  # the one period the page's title names
        row: bool = False,  # a label's row ("Employees: 9,400 (2019)", "Staff" over "9,400"), not a sentence
        page_periods: _Sliced | None = None,  # every period of the page, for "during the quarter"
    ) -> None:
        self.text, self.start, self.end = text, start, end
        self.page_periods = page_periods
        self.context_rate = rate
        self.context_topic = topic
        self.context_place = place
        self._part_ends: set[int] = set()  # where each figure read as a part of a whole ends, for the list's next
        self._respective: dict[int, Period] | None = None  # see _respectively
        self._respective_figures: list[list[tuple[int, int]]] | None = None  # see _respective_lists
        self._respective_heads: dict[int, str] = {}  # see _respective_head
        # ("Submit Form CVC-100 and two references": what to do, not what is)
        self._instruction = _INSTRUCTION.match(text, start, end) is not None
        self._category_ends: set[int] = set()  # where each share of a breakdown's category ends ("12 percent in Asia")
        self.ctx = ctx
        self.configured = configured
        self.periods = list(found_periods)
        if self.periods and mentions:
            # "Founded in 1967, the System serves 61,000 students": the date of an event, not the figures' period
            self.periods = [p for p in self.periods if not _event_date(text, start, p.start)]
        if mentions and settings is not None:
            local = text[start:end]
            year_context = next((p.period for p in self.periods), None) or context_period
            # ("in the fiscal year": not looked for in a sentence whose lower-cased text has no "fiscal")
            the_fy = (
                periods.resolve_the_fiscal_year(local, year_context, settings.fiscal_year_start)
                if low is None or low.find("fiscal", start, end) >= 0
                else None
            )
            if the_fy is not None:
                self.periods = [
                    attrs.evolve(p, period=the_fy) if re.fullmatch(r"\d{4}", p.period.label) else p
                    for p in self.periods
                ] or [periods.PeriodMention(start, start, the_fy)]
            self.current = (bool(_PRESENT.search(local)) and not _PAST.search(local)) if now is None else now
            if row and not self.current and not _PAST.search(local) and any(p.start > mentions[0].start for p in self.periods):
                # "Employees: 9,400 (2019)", an infobox's row whose value says its date: the page's figure, as its
                # table's cell is ("FY 2019: 143,099" is a row of a series; an undated row stays in the period of
                # the page's title)
                self.current = True
        else:
            self.current = False
        if context_period is None and not self.current:
            # "Special agents 2,597" on "Facts and Figures for Fiscal Year 2019": the title's year (what the page
            # says of the present stays the page's date)
            context_period = title_period
        self.context_period = context_period
        # (a share's threshold, "waited less than 30 minutes in 2023", is no figure: the year is the share's, and
        # the threshold's "less than" compares nothing)
        self.figures = []
        self._thresholds: list[int] = []  # where each threshold ends
        for m in mentions:
            if self._threshold(m, offset):
                self._thresholds.append(offset + m.end)
            else:
                self.figures.append((offset + m.start, offset + m.end))
        clause_break = _CLAUSE_BREAK if text.find("-", start, end) >= 0 else _CLAUSE_BREAK_NO_HYPHEN
        breaks = list(clause_break.finditer(text, start, end)) if mentions else []
        self._clauses = [m.start() for m in breaks]
        self._obliged: bool | None = None  # whether the sentence states a rule anywhere: looked up on first need
        # Which breaks close an independent clause ("opened in 1968; its expansion added …"): a period does
        # not reach across them.
        # (the break itself, else "": not ":" ("Overtime last year: 62,450"))
        self._strong = [c if c in ";\u2013\u2014" else "" for c in (m.group(0)[0] for m in breaks)]
        if self._strong and self._strong[0] in ("\u2013", "\u2014") and measures.dash_label(text, start, breaks[0].start()):
            self._strong[0] = ""  # "Cocaine removed in FY08 – 367,700": a line's label, not a clause of its own
        elif self._strong and self._strong[0] in ("\u2013", "\u2014") and _ROW_FIGURE_FIRST.fullmatch(
            text, start, breaks[0].start()
        ):
            self._strong[0] = ""  # "58 billion — revenue in 2010": the label of the figure before it
        if any(p.anchor for p in self.periods):
            self.periods = self._anchored(context_period)
        # The sentence's own period: not one that only dates a figure it is compared with ("up from 980,000 in 2021").
        own = [p for p in self.periods if not self._base(p)]
        self.period = own[0].period if own else None
        # Former names count only for figures about the time they were in use.
        when = self.period.start if self.period is not None else ctx.date
        if len(named) > 1:
            # "provides bus, light rail and paratransit service to 1.45 million residents": a division's name in
            # lower case among the kinds of a list is a kind of service, not who the figure is about
            listed = [m for m in named if _listed_kind(text, m, start, end)]
            if listed and len(listed) < len(named):
                named = [m for m in named if m not in listed]
        self.named = named
        self.anaphors = anaphors
        leading = None
        if named or anaphors:
            leading = _LEADING_PHRASE.match(text, start, end) or _DATELINE.match(text, start, end)
            if leading and any(start <= f < leading.end() for f, _ in self.figures):
                leading = None  # "In 2023 the District's peak reached 3,290 MW, …": the main clause, not a lead-in
        if leading:
            # Keep them only as a last resort (no other name in the sentence).
            rest = [m for m in self.named if m.start >= leading.end()]
            if rest:
                self.named = rest
            self.anaphors = [a for a in self.anaphors if a.start >= leading.end()]
        self.grammatical_subject: _Focus | None = None
        self._has_part = (
            bool(mentions)
            and any(text.find(w, start, end) >= 0 for w in _PART_WORDS)  # at C speed, before the pattern
            and _PART_SUBJECT.search(text, start, end) is not None
        )
        # (asked of every figure; most sentences have no "we" or "our")
        self._speaks_as_we = bool(mentions) and _FIRST_PERSON.search(text, start, end) is not None
        valid = [m for m in self.named if m.valid_on(when)]
        # (what "it" points to next: not a name in lower case that only says what kind of thing the noun after it
        # is, "3,118 marine rescue missions")
        first_named = next((m for m in valid if not _kind_word(text, m, end)), None)
        led = bool(self.figures) and _FIGURE_LED_LINE.match(text, start, self.figures[0][0] + 1) is not None
        if first_named is not None and led and self.figures[0][0] < first_named.start:
            first_named = None  # "4.82M Tūhono boardings": a card's figure and what it counts, nothing to point back to
        first_anaphor = self.anaphors[0] if self.anaphors else None
        if first_named and (first_anaphor is None or self._names_first(first_named, first_anaphor)):
            self.grammatical_subject = self._with_subunit(first_named)
            if ctx.subject and ctx.subject != first_named.subject and _we_act_on(text, start, first_named):
                # "Every day, our people keep the regional transit network safe": the network is what the speaker
                # acts on, not what the lines after it are about
                self.grammatical_subject = _Focus(ctx.subject)

    def _names_first(self, named: subjects.Mention, anaphor: subjects.Mention) -> bool:
        """The name comes before the anaphor, or the anaphor only owns it ("the agency's Office of …")."""
        if named.start < anaphor.start:
            return True
        return self._possessive(anaphor) and _POSSESSIVE_GAP.fullmatch(self.text, anaphor.end, named.start) is not None

    def _with_subunit(self, mention: subjects.Mention) -> _Focus:
        unit = subjects.subunit_after(self.text, mention.end, self.end)
        return _Focus(mention.subject, unit[0] if unit else None)

    def subject_for(self, pos: int, focus: _Focus | None, when: dt.date | None) -> _Focus | None:
        """The subject of a figure at ``pos``: the first subject named or pointed to in its clause before it, else
        in the nearest clause before that names one ("ERO operations are aimed at offenders, and 92% of …"),
        else the one in focus, else the first named after it. "We" and "our" are the publisher, when the
        source names one."""
        named = [m for m in self.named if m.valid_on(when)]
        if len(named) > 1:
            # "GAO's analysis of Secret Service data found that domestic offices removed at least $18 million",
            # "GAO determined that … the Secret Service's …": who reports a figure is not whose it is
            named = [
                m for m in named
                if not (
                    _REPORTER_AFTER.match(self.text, m.end, self.end)
                    and any(o.start >= m.end and o.subject != m.subject for o in named)
                )
            ]
        clause = self._clause(pos) if self._clauses else 0
        if self._speaks_as_we and self._first_person(pos, clause, named):
            # '"… our nearly 16,000 employees …," said the FCSA Administrator': the speaker's organisation
            said = _SAID.search(self.text, pos, self.end)
            speaker = next((m for m in named if said is not None and m.start >= said.end()), None)
            if speaker is not None:
                return _Focus(speaker.subject)
            if self.ctx.subject:
                return _Focus(self.ctx.subject)
        for c in range(clause, -1, -1):
            lo = self._clause_start(c)
            hi = pos if c == clause else self._clause_start(c + 1)
            here = [m for m in named if lo <= m.start and m.end <= hi]
            if c == clause and len(here) > 1:
                # "the container terminal for 36 percent and the cruise terminal for 12 percent": past a figure of
                # its own, a name is that figure's; the next one names the next figure's
                passed = max((e for f, e in self.figures if lo <= f and e <= pos), default=lo)
                here = [m for m in here if m.start >= passed] or here
            anaphor = next((a for a in self.anaphors if lo <= a.start and a.end <= hi), None)
            if c == clause and not here and anaphor is None and (agent := self._agent_after(pos, named, clause)):
                # "48 knives were found at the checkpoint by the Screening Office", "4.1 million veterans are
                # enrolled with the Veterans Bureau": the clause names its subject after the figure, as its agent
                return self._with_subunit(agent)
            if here and (anaphor is None or self._names_first(here[0], anaphor)):
                return self._with_subunit(self._possessor(here, pos) if c == clause else (self._arm(here) or here[0]))
            if anaphor is not None:
                referent = self._referent(anaphor, named, focus)
                if referent is not None:
                    return referent
        after = [m for m in named if m.start >= pos]
        if after and focus is None:
            return self._with_subunit(after[0])
        return focus or (self._with_subunit(after[0]) if after else None)

    def _agent_after(self, pos: int, named: list[subjects.Mention], clause: int) -> subjects.Mention | None:
        """A name after the figure, in its clause, that a passive verb's "by" or "with" makes its agent."""
        hi = self._clause_start(clause + 1) if self._clauses and clause + 1 <= len(self._clauses) else self.end
        for m in named:
            if pos <= m.start and m.end <= hi:
                link = _AGENT_BEFORE.search(self.text, max(pos, m.start - 12), m.start)
                if link is None or not _PASSIVE_BETWEEN.search(self.text, pos, link.start()):
                    return None
                if any(pos < f < m.start for f, _ in self.figures):
                    return None  # (another figure between: the name is that one's)
                return m
        return None

    def _arm(self, here: list[subjects.Mention]) -> subjects.Mention | None:
        """"The corporation's commercial arm NBC Studios delivered …": the arm, named right after its owner, acts."""
        if len(here) < 2:
            return None
        arm = _ARM_NAMED.match(self.text, here[0].end, here[1].start)
        return here[1] if arm is not None and arm.end() == here[1].start else None

    def _possessor(self, here: list[subjects.Mention], pos: int) -> subjects.Mention:
        """The clause's first name, unless a later one owns the noun phrase the figure completes: "Sunridge
        raises the Renewable Energy Program's solar capacity to 408 MW" is the program's capacity."""
        last = here[-1]
        if last is here[0]:
            return last
        arm = self._arm(here)
        if arm is not None:
            return arm
        owned = _OWNED.match(self.text, last.end, pos)
        if owned is None or owned.end() != pos:
            return here[0]
        words = owned.group("np").lower().split()
        return here[0] if any(w in measures.FINITE_VERBS for w in words) else last

    def _moved(self, start: int, end: int, previous: _Read) -> str | None:
        """"5 percent more than …", "up 12 percent", "390 more than in FY 2023": the change of the figure before
        that the figure at ``start``–``end`` states, or None."""
        direction = measures.change_after(self.text, end, self.end) or measures.change_word_before(
            self.text, self.start, start
        )
        if not direction and (beyond := _BEYOND_LEVEL.match(self.text, end, self.end)) is not None:
            direction = "increase" if beyond.group("dir").lower() == "above" else "decrease"
        if not direction:
            return None
        if previous.measure.endswith(f" {direction}") and self.text[previous.end : start].strip() in ("(", ", or"):
            # "$310 million (8%) more than …", "$1.2 million, or 2.2%, less than …": the same change, in percent
            return previous.measure
        # ("$356 million more than …, and $149 million more than …": both changes of what moved, not a change of
        # a change)
        moved = previous.measure
        while moved.endswith(_CHANGE_ENDINGS):
            moved = moved.rsplit(" ", 1)[0]
        return f"{moved} {direction}"

    def _restated_change(self, end: int) -> str | None:
        """"increase" or "decrease" when the figure ending at ``end`` is restated in percent before the change noun
        ("a $400 million or nine percent increase"), else None."""
        m = _RESTATED_CHANGE.match(self.text, end, self.end)
        return _CHANGE_NOUNS[m.group("noun").lower()] if m else None

    def _change_amount(
        self, start: int, end: int, head: str, previous: _Read | None, vocab: measures.Vocabulary
    ) -> str | None:
        """The measure of a figure that says by how much something moved: "an increase of 120 FTE" (FTE
        increase), "$1,269.1 million, an increase of $70.6 million" and "+$45.2 million above the FY 2022
        enacted level" (the figure before's increase); None for a figure that states a level."""
        of = _CHANGE_OF_BEFORE.search(self.text, max(self.start, start - 48), start)
        if of is not None:
            direction = _CHANGE_NOUNS[of.group("noun").lower()]
            base = measures.normalise(head, vocab)[0] if head else (previous.measure if previous else "")
            return f"{base} {direction}" if base else None
        if previous is None:
            return None
        beyond = _BEYOND_LEVEL.match(self.text, end, self.end)
        if beyond is None:
            return None
        return f"{previous.measure} {'increase' if beyond.group('dir').lower() == 'above' else 'decrease'}"

    def _part_subject(self, pos: int) -> str:
        """The part a figure is about when its clause's subject is one ("Its busiest unit, Alder Creek, draws …",
        "some remote sites see fewer than 1,000"), so that it never meets the whole's figure; "" otherwise."""
        if not self._has_part:
            return ""
        found = None
        for m in _PART_SUBJECT.finditer(self.text, self.start, pos):
            # only as the subject of its clause: "while some remote sites see …", not "grew on the busiest routes"
            lo = self._clause_start(self._clause(m.start())) if self._clauses else self.start
            if _CLAUSE_OPENING.fullmatch(self.text, lo, m.start()):
                found = m
        if found is None or any(found.end() <= m.start < pos for m in self.named):
            return ""
        words = found.group(0).lower().split()
        return " ".join(words[1:] if words[0] in ("its", "their", "our", "the") else words)

    def _without_name(self, head: str, start: int) -> str:
        """The noun phrase before the figure at ``start`` without a subject's name that opens it: "Northbridge
        Transit Authority ridership" is the ridership (whose it is, the subject says; an acronym is left out before
        this, as a possessive is). A name after the figure stays: "26 HSI Special Agent in Charge offices"."""
        low = head.lower()
        for m in self.named:
            if m.end > start:
                break
            words = self.text[m.start : m.end].lower().split()
            if words[-1] not in _BODY_WORDS:
                continue  # ("Capital Fund grant": a programme's name is part of what its grant is)
            # (the phrase may have kept only the name's last words: "Transit Authority bus ridership")
            for k in range(0, max(1, len(words) - 1)):
                name = " ".join(words[k:])
                if low.startswith(name + " ") and len(head) > len(name) + 1:
                    return head[len(name) + 1 :]
        return head

    def _label_of_named(self, head: str, pos: int, at: int) -> str:
        """"Special agents, Maritime Investigations Directorate: 3,350": the label names what is counted before
        the comma and whose it is after it, so the phrase before the figure being a subject's name is the
        wrong half. (``at``: where the phrase was read back from.)"""
        k = self.text.rfind(head, max(self.start, pos - 160), pos)
        cut = next((m for m in reversed(self.named) if m.start < k and k + len(head) <= m.end <= pos), None)
        if k >= 0 and cut is not None:
            # "The Budget Request for the National Endowment for Inquiry and Scholarship (NEIS) is": the phrase
            # stopped at the name's own "and"; read it again over the name as one word
            end = cut.end + (self.text.startswith(")", cut.end))  # (with the bracket of "… Scholarship (NEIS)")
            width = end - cut.start
            whole = measures.phrase_before(self.text[: cut.start] + "x" * width + self.text[end:], self.start, at)
            if "x" * width not in whole.lower():
                return whole or head
            return _without_owner(whole, "x" * width) or head
        named = next((m for m in reversed(self.named) if m.end <= pos), None)
        if named is None:
            return head
        name = " ".join(self.text[named.start : named.end].split()).lower()
        if name != head.lower():
            # "Research spending at Halden exceeded …", "Applications to Halden topped …": whose it is, not what
            return _without_owner(head, name) or head
        m = _LABEL_BEFORE_COMMA.search(self.text, max(self.start, named.start - 80), named.start)
        return m.group(1) if m else head

    def _first_person(self, pos: int, clause: int, named: list[subjects.Mention]) -> bool:
        """Whether "we"/"our" own the figure at ``pos``: said in its clause with no name after it, or opening the
        sentence when the clause names nobody ("Our two buses, donated by CVRTA, made 1,040 stops")."""
        lo = self._clause_start(clause)
        said = None
        for said in _FIRST_PERSON.finditer(self.text, lo, pos):
            pass
        if said is not None:
            return not any(said.start() <= m.start < pos for m in named)
        if any(lo <= m.start < pos for m in named) or any(lo <= a.start < pos for a in self.anaphors):
            return False
        if _FIRST_PERSON_OPENS.match(self.text, self.start, self.end) is None:
            return False
        # "Our Paratransit Service, AccessRide, completed …": the opening names whose "our" it is
        first = self._clauses[0] if self._clauses else self.end
        if any(m.start < min(first, pos) for m in named):
            return False
        if len(self._clauses) > 1 and self._clauses[1] < pos:
            lo1, hi1 = first + 1, self._clauses[1]
            apposed = [m for m in named if lo1 <= m.start and m.end <= hi1]
            if apposed and not self.text[lo1 : apposed[0].start].strip() and not self.text[apposed[-1].end : hi1].strip():
                return False
        return True

    def _referent(self, anaphor: subjects.Mention, named: list[subjects.Mention], focus: _Focus | None) -> _Focus | None:
        """What "it", "its", "the agency" point back to: a subject named earlier in the sentence, else the focus;
        "its Fugitive Operations program" narrows it to that sub-unit."""
        earlier = [m for m in named if m.end <= anaphor.start]
        base = self._with_subunit(earlier[0]) if earlier else focus
        if base is None:
            return None
        if self._possessive(anaphor):
            unit = subjects.subunit_after(self.text, anaphor.end, self.end)
            if unit is not None and " " in unit[0]:
                return _Focus(base.subject, unit[0])
        return base

    def _possessive(self, anaphor: subjects.Mention) -> bool:
        word = self.text[anaphor.start : anaphor.end].lower()
        return word in ("its", "their") or _FOLLOWS_POSSESSIVE.match(self.text, anaphor.end) is not None

    # -- periods --

    def _clause(self, pos: int) -> int:
        n = 0
        for b in self._clauses:
            if b >= pos:
                break
            n += 1
        return n

    def _clause_start(self, index: int) -> int:
        return self.start if index == 0 else self._clauses[index - 1] + 1

    def _parenthetical(self, index: int) -> bool:
        if index == 0:
            return False
        start = self._clause_start(index)
        if self.text[start - 1] == "(":
            return True
        return _PARENTHETICAL.match(self.text, start) is not None

    def _in_event_lead(self, p: periods.PeriodMention, clause: int) -> bool:
        """A period in a sentence's leading "After the disruption of 2022-23, …" is when something else happened,
        and dates no figure after the comma."""
        return self._clause(p.start) == 0 != clause and _EVENT_LEAD.match(self.text, self.start) is not None

    def _reaches(self, p: periods.PeriodMention, clause: int) -> bool:
        """A period in another clause dates this one unless a strong break (";", ":", a dash) lies between,
        except a sentence's leading "In FY 2019, …", which dates everything after it."""
        other = self._clause(p.start)
        if other == clause or p.start - self.start <= 3:
            return True
        lo, hi = sorted((other, clause))
        strong = [c for c in self._strong[lo:hi] if c]
        if not strong:
            return True
        # "The operating budget for FY 2022 was $279.5 million; capital spending reached $96 million": the
        # period a figure is reported for carries over a ";" to the figures of the clauses after it (a date
        # of an event, "opened in 1968; …", has no figure in its clause and does not).
        return other < clause and p.explicit and all(c == ";" for c in strong) and self._holds_figure(other)

    def _holds_figure(self, clause: int) -> bool:
        lo = self._clause_start(clause)
        hi = self._clauses[clause] if clause < len(self._clauses) else self.end
        return any(lo <= f[0] < hi for f in self.figures)

    def _anchored(self, context: Period | None) -> list[periods.PeriodMention]:
        """"the year before", "a year earlier" counted back from the period named last before them ("4 million in
        2021 and 3 million the year before"), else the passage's; "last year", "a year ago" so only after a
        compared figure ("up from 2,013 last year"). Unanchored in an undated version, they are dropped."""
        out: list[periods.PeriodMention] = []
        for p in self.periods:
            if p.anchor == "same":
                # "during the quarter": the quarter named last before it, in the sentence, the passage or the page
                named = next((q.period for q in reversed(out) if self._stated_quarter(q)), None)
                if named is None and context is not None and _QUARTER_LABEL.search(context.label):
                    named = context
                if named is None and self.page_periods is not None:
                    before = self.page_periods.within(0, p.start)
                    named = next((q.period for q in reversed(before) if self._stated_quarter(q)), None)
                if named is not None:
                    out.append(attrs.evolve(p, period=named, anchor=""))
                continue
            if p.anchor:
                earlier = next((q.period for q in reversed(out) if not q.anchor), None)
                if p.anchor == "back" or self._compared(self._owner(p)):
                    back = (periods.year_before(earlier) if earlier else None) or (
                        periods.year_before(context) if context else None
                    )
                    p = attrs.evolve(p, period=back, anchor="back") if back is not None else p
                if p.period is periods.UNANCHORED:
                    continue
            out.append(p)
        return out

    def _stated_quarter(self, q: periods.PeriodMention) -> bool:
        """A quarter a figure is stated for, not one it is only compared with ("rose 14% over the third quarter")."""
        return _QUARTER_LABEL.search(q.period.label) is not None and not _BASE_PERIOD.search(
            self.text, max(0, q.start - 24), q.start
        )

    def _compared(self, figure: tuple[int, int] | None) -> bool:
        """Whether the figure is the one another is compared with: "up from 2,013", "compared with 980,000"."""
        if figure is None:
            return False
        return _COMPARED_BEFORE.search(self.text, max(self.start, figure[0] - 24), figure[0]) is not None

    def _base_of_change(self, start: int) -> bool:
        """Whether the figure at ``start`` is what an earlier figure of the sentence changed from: "up from 18.2",
        "compared with 4 million", "fell to 14.5 minutes, from 18.2" (not "food from 60 grocery stores")."""
        compared = _COMPARED_BEFORE.search(self.text, max(self.start, start - 24), start)
        if compared is None:
            return False
        if not compared.group().lstrip().lower().startswith("from"):
            return True  # "up from", "compared with", "versus"
        # a bare "from": only after a figure that a change verb moved, or right after the verb when the new level
        # follows ("fell from 12 minutes to 9 minutes in 2023": 12 was the year before's)
        if _CHANGE_VERB.search(self.text, self.start, start) is None or self._planned_from(start):
            return False  # (a planned change starts from the level there is now)
        if any(e < start for _, e in self.figures):
            return True
        end = next((e for f, e in self.figures if f == start), start)
        return any(f > start and _FROM_TO.match(self.text, end, f) is not None for f, _ in self.figures)

    def _planned_from(self, start: int) -> bool:
        """Whether the figure at ``start`` follows "from" after a change still to come in its clause ("would expand
        the Center from 260 to 300 beds"): the level there is now."""
        if not self.text.endswith("from ", max(self.start, start - 5), start):
            return False
        lo = self._clause_start(self._clause(start))
        return _PLANNED_CHANGE.search(self.text, max(lo, start - 100), start) is not None

    def _planned_to(self, start: int) -> bool:
        """Whether the figure at ``start`` is the level a change still to come goes to ("from 260 to 300 beds")."""
        before = next((f for f in reversed(self.figures) if f[1] <= start), None)
        return before is not None and _FROM_TO.match(self.text, before[1], start) is not None and self._planned_from(
            before[0]
        )

    def _earlier_level(self, start: int, end: int) -> bool:
        """Whether the figure at [start, end) is the level a change the sentence states started from, with no period
        that tells it from the new level: "2,240 vessels, up from 2,013", "rose to 4.5 million from 4.1 million",
        "expanded its fleet from 260 to 300 buses in 2023". Both levels would otherwise be the page's for one date,
        and conflict. (In a year, the base is the year before: see period_for. "Compared with" names a level to
        set another against, not necessarily an earlier one.)"""
        compared = _COMPARED_BEFORE.search(self.text, max(self.start, start - 24), start)
        if compared is None or compared.group().lstrip()[:1].lower() not in "fud" or not self._base_of_change(start):
            return False
        own, period = self._period_for(start, end)
        if own:
            # "from 260 to 300 buses in 2023": a period after both levels dates the change, not the level before it
            after = next((f for f in self.figures if f[0] >= end), None)
            return after is not None and _FROM_TO.match(self.text, end, after[0]) is not None and (
                self._period_for(*after)[1] == period
            )
        return period is None or not 360 <= (period.end - period.start).days <= 370

    def _base(self, p: periods.PeriodMention) -> bool:
        """Whether the period dates only the base of a comparison: "an increase over FY 2021", "up from 980,000
        meals in 2021", "up from 2,013 the year before"."""
        if self._base_word(max(self.start, p.start - 24), p.start):
            return True
        if p.start > self.start and self.text[p.start - 1] == "(" and self._labelled(p) is not None:
            return True  # "fell to 31% (2014: 38%)": last year's figure, in brackets beside this year's
        return self._compared(self._owner(p))

    def _base_word(self, lo: int, pos: int) -> bool:
        """The words in [lo, pos) end with one that makes the period at ``pos`` a comparison's base ("up from",
        "compared with"); "over" only after a change ("rose 14% over 2022"), since it otherwise spans the period
        ("averaged 95 percent over calendar 2023")."""
        m = _BASE_PERIOD.search(self.text, lo, pos)
        if m is None:
            return False
        if not m.group(0).lower().startswith("over"):
            return True
        return _CHANGE_WORD.search(self.text, self._clause_start(self._clause(pos)), m.start()) is not None

    def _dates_base(self, p: periods.PeriodMention, start: int) -> bool:
        """Whether the figure at ``start`` is the base a comparison's period dates: "over the FY24 adopted budget
        of $214.3 million" (the period and the figure in one noun phrase)."""
        return (
            p.end <= start
            and _BASE_NOUN_OF.fullmatch(self.text, p.end, start) is not None
            and not any(p.end <= f[0] < start for f in self.figures)
        )

    def _adds_up(self, start: int) -> bool:
        """Whether the figure at ``start`` is what was done ("has seized 6 million pounds", "trained 2,300"), which
        a "since 2003" makes a running total; a state ("has 400 employees since 2019") stays what it is."""
        end = next((f[1] for f in self.figures if f[0] == start), start)
        return (
            measures.action_before(self.text, self.start, start) is not None
            or _PERFECT.search(self.text, max(self.start, start - 40), start) is not None
            or (
                _PERFECT_AND.search(self.text, max(self.start, start - 40), start) is not None
                and _PERFECT_EARLIER.search(self.text, self.start, start) is not None
            )
            # "Since 1965, more than 94,000 volunteers have served": the verb after its subject
            or _PERFECT_AFTER.match(self.text, end, self.end) is not None
            # "Volunteers since 1965: 96,000+": a label that counts since a year counts them all
            or _SINCE_LABEL.fullmatch(self.text, self.start, start) is not None
        )

    def _of_the_world(self, mention: QuantityMention, head: str, start: int) -> bool:
        """Whether a count of people is the world's, not the page's subject's: the sentence speaks of the world
        ("around the world", "of the world's population", "global") and names no one, points back to no one and does
        not say "we" (but "Third largest railway network in the world with 64,000 route km" is the page's). The
        countries such people are in ("48 million people in 20 countries") are the world's too."""
        noun = (head.split() or [""])[-1].lower()
        where = noun in ("countries", "nations") and _PEOPLE_IN.search(self.text, max(self.start, start - 24), start) is not None
        return (
            mention.quantity.unit == "count" and (noun in _PEOPLE or where)
            and not self.named and not self.anaphors
            and _WORLD.search(self.text, self.start, self.end) is not None
            and _FIRST_PERSON.search(self.text, self.start, self.end) is None
        )

    def _labelled(self, p: periods.PeriodMention) -> tuple[int, int] | None:
        """The figure a period labels before a colon ("(2014: 38%)", "2021–22: £4.6 billion"), if any."""
        colon = _YEAR_COLON.match(self.text, p.end, self.end)
        if colon is None:
            return None
        return next((f for f in self.figures if colon.end() <= f[0] <= colon.end() + 4), None)

    def _owner(self, p: periods.PeriodMention) -> tuple[int, int] | None:
        """The figure a period right after it modifies ("212 million passengers in 2022"), if any; the one after
        it when it labels that one ("fell to 31% (2014: 38%)": 2014 is the 38%'s)."""
        labelled = self._labelled(p)
        if labelled is not None:
            return labelled
        clause = self._clause(p.start)
        before = [f for f in self.figures if f[1] <= p.start and self._clause(f[0]) == clause]
        if not before or p.start - before[-1][1] > 60:
            return None
        return before[-1]

    def period_for(self, start: int, end: int) -> Period | None:
        """The period of the figure at [start, end) (see _period_for); the base of a comparison that names no
        period of its own is the year before: "In FY 2023 the wait fell to 14.5 minutes, from 18.2 minutes"."""
        own, period = self._period_for(start, end)
        if own or period is None or not self._base_of_change(start):
            return period
        days = (period.end - period.start).days
        return (periods.year_before(period) or period) if 360 <= days <= 370 else period

    def _noun_of_next(self, start: int) -> str:
        """The counted phrase of the figure joined to the one at ``start`` by "and" or "or" ("900 and 1,100 arrests")."""
        k = next((i for i, f in enumerate(self.figures) if f[0] == start), None)
        if k is None or k + 1 >= len(self.figures):
            return ""
        (_, end), (following, following_end) = self.figures[k], self.figures[k + 1]
        from_to = _FROM_TO_GAP.fullmatch(self.text, end, following) is not None and self.text.endswith(
            "from ", max(0, start - 5), start
        )  # "expand the Center from 260 to 300 beds": both are beds
        if _LIST_GAP.fullmatch(self.text, end, following) is None and not from_to:
            return ""
        return measures.counted_phrase(self.text, following_end, self.end).text

    def _respective_lists(self) -> list[list[tuple[int, int]]]:
        """The lists of figures that go "respectively" with a list before them: the last list before each
        "respectively" of the sentence."""
        if self._respective_figures is None:
            self._respective_figures = []
            after = self.start
            r = self.text.find("respectively", after, self.end)
            while r >= 0:
                figures = [f for f in self.figures if after <= f[0] and f[1] <= r]
                chain = figures[-1:]
                for f in reversed(figures[:-1]):
                    if _NOUN_LIST_GAP.fullmatch(self.text, f[1], chain[0][0]) is None:
                        break
                    chain.insert(0, f)
                if len(chain) >= 2:
                    self._respective_figures.append(chain)
                after = r
                r = self.text.find("respectively", r + 1, self.end)
        return self._respective_figures

    def _respectively(self) -> dict[int, Period]:
        """Figure start → period, when a list of figures goes with a list of periods "respectively" ("guns found in
        2011 and 2012 were 1,320 and 1,556, respectively"): the n-th figure is the n-th period's."""
        if self._respective is None:
            self._respective = {}
            for chain in self._respective_lists():
                self._respective.update(self._listed_periods(chain))
        return self._respective

    def _respective_head(self, start: int, head: str) -> str:
        """The noun phrase of the n-th figure of a list that goes "respectively" with the n-th of a list of
        modifiers before it: "weekday and weekend boardings averaged 212,000 and 96,500, respectively" gives the
        first "weekday boardings" where the phrase before read "weekend boardings" for both."""
        if start in self._respective_heads:
            return self._respective_heads[start]
        after = self._respective_after(start)
        if after is not None:
            return after
        chain = next((c for c in self._respective_lists() if c[0][0] == start), None)
        words = head.split()
        if chain is None or len(words) < 2:
            return head
        # (read once, at the list's first figure: the figures after it take its noun phrase as it was read)
        # The noun is the phrase's last word before a preposition ("boardings" of "weekend boardings on NTA"), the
        # last modifier every word before it ("light rail" of "light rail fares").
        size = len(words) - 1
        for k in range(1, len(words)):
            if not measures.content_words(words[k : k + 1]):
                size = k - 1
                break
        if size < 1 or size > 3:
            return head
        modifiers = _respective_modifiers(self.text, self.start, chain[0][0], words[:size], words[size])
        if modifiers is None or len(modifiers) != len(chain):
            return head
        rest = " ".join(words[size:])
        self._respective_heads.update((f[0], f"{x} {rest}") for f, x in zip(chain, modifiers))
        return self._respective_heads[start]

    def _respective_after(self, start: int) -> str | None:
        """The noun phrase of the n-th figure of a list that goes "respectively" with the n-th of a list of modifiers
        after it: "sold 1,200 and 800 monthly and annual passes, respectively" gives "monthly passes" and "annual
        passes"; None for a figure of no such list."""
        if start in self._respective_heads:
            return self._respective_heads[start]
        chain = next((c for c in self._respective_lists() if any(f[0] == start for f in c)), None)
        after = _RESPECTIVE_AFTER.match(self.text, chain[-1][1], self.end) if chain is not None else None
        if after is None:
            return None
        items = [x.strip() for x in after.group("items").split(",")] + [after.group("last")]
        if len(items) != len(chain):
            return None
        noun = after.group("noun")
        self._respective_heads.update((f[0], f"{x} {noun}".lower()) for f, x in zip(chain, items))
        return self._respective_heads[start]

    def _listed_periods(self, chain: list[tuple[int, int]]) -> dict[int, Period]:
        """A list of figures paired with the list of periods before it, when both are as long."""
        before = [p for p in self.periods if p.end <= (chain[0][0] if chain else 0)]
        if len(chain) < 2 or not before:
            return {}
        listed = before[-1:]
        for p in reversed(before[:-1]):
            if _LIST_GAP.fullmatch(self.text, p.end, listed[0].start) is None:
                break
            listed.insert(0, p)
        named = [p.period for p in listed]
        if len(listed) == 1 and re.fullmatch(r"(?:19|20)\d\d", named[0].label):
            pos = listed[0].end
            while (more := _MORE_YEARS.match(self.text, pos, chain[0][0])) is not None:
                named.append(periods.calendar_year(int(more.group(1))))  # "in 2011 and 2012": the years go on
                pos = more.end()
        return {f[0]: period for f, period in zip(chain, named)} if len(named) == len(chain) else {}

    def _period_for(self, start: int, end: int) -> tuple[bool, Period | None]:
        """Whether the figure names its period itself, and its period: one right after it in its clause, else the
        last free one before it, else the last one before it, else the first after it, else the context's."""
        if not self.periods:
            return False, self.context_period
        respective = self._respectively()
        if start in respective:
            return True, respective[start]  # "in 2011 and 2012 were 1,320 and 1,556, respectively"
        clause = self._clause(start)
        for p in self.periods:
            if p.start >= end and self._clause(p.start) == clause:
                between = [f for f in self.figures if end <= f[0] < p.start]
                compared = (
                    _COMPARISON.search(self.text, self._past_thresholds(end, p.start), p.start) is not None
                    or self._base_word(max(end, p.start - 24), p.start)
                )
                if not between and not compared and self._owner(p) == (start, end):
                    if not periods.is_running_total(p.period) or self._adds_up(start):
                        return True, p.period
                break
        usable = [
            p
            for p in self.periods
            if (not self._parenthetical(self._clause(p.start)) or self._clause(p.start) == clause)
            and not (p.start >= end and _COMPARISON.search(self.text, self._past_thresholds(end, p.start), p.start))
            and (
                not self._base_word(max(self.start, p.start - 24), p.start)
                or self._dates_base(p, start)
            )
            and (self._owner(p) == (start, end) or not self._compared(self._owner(p)))
            and (not periods.is_running_total(p.period) or self._adds_up(start))
            and self._reaches(p, clause)
            and not self._in_event_lead(p, clause)
            and (p.end <= start or self._labelled(p) in (None, (start, end)))  # (another figure's label)
        ]
        before = [p for p in usable if p.end <= start]
        free = [p for p in before if self._owner(p) in (None, (start, end)) or self._dates_base(p, start)]
        if free:
            last = free[-1]
            return self._owner(last) == (start, end) or self._dates_base(last, start), last.period
        if before:
            return False, before[-1].period
        after = [p for p in usable if p.start >= end]
        if after:
            return self._owner(after[0]) == (start, end), after[0].period
        return False, self.context_period

    # -- one figure --

    def read(
        self,
        mention: QuantityMention,
        offset: int,
        focus: _Focus | None,
        vocab: measures.Vocabulary,
        reads: list[_Read],
        earlier: list[_Read] = (),  # type: ignore[assignment]
    ) -> _Read | None:
        """How a careful reader reads one figure of this sentence, or None when it is no claim."""
        start, end = mention.start + offset, mention.end + offset
        if self._not_a_figure(mention, offset, start, end):
            return None
        if self._instruction and self.text.find(";", self.start, start) < 0:
            return None  # "Submit Form CVC-100 and two references": what to do, not what is
        previous = reads[-1] if reads else None
        if previous is not None and mention.quantity.unit == "count" and mention.unit_word is None:
            unit = self._unit_carried(previous, start, end)
            if unit is not None:
                mention = attrs.evolve(mention, quantity=attrs.evolve(mention.quantity, unit=unit))
        row = self._figure_first(start, end)
        if row is not None and mention.quantity.unit == "count" and _IN_DOLLARS.search(self.text, row, self.end):
            # "58 billion — revenue in 2010, in dollars": the row's label gives the unit
            mention = attrs.evolve(mention, quantity=attrs.evolve(mention.quantity, unit="USD"))
        # ("up to 10 of the 100 questions": a limit a rule sets, no part anyone counted)
        limit = (mention.hedge or "").lower().startswith(("up to", "at most", "no more than", "as many as"))
        d = self._counted(
            mention.quantity.unit, row if row is not None else end, previous, earlier, vocab, parts=not limit
        )
        if d.head and d.phrase.end and _TARGET_AFTER.match(self.text, d.phrase.end, self.end):
            d.scopes.append("target")  # "over 3,000 rangers target": the rangers aimed at, not those there are
        number = mention.number_start + offset  # ("Up to another 80 posts": "another" inside the quote)
        if d.head and _FURTHER_BEFORE.search(self.text, max(self.start, number - 16), number):
            # "cut 400 positions, and a further 320 positions will go": more of them, not their number
            d.scopes.append("additional")
        self._counted_kind(d, mention, start, end)
        word = mention.unit_word
        if not d.head and word is not None and mention.quantity.unit in ("hours", "days") and " " in word and (
            word[-1] in "rsy" and word.split(None, 1)[0].lower() not in ("business", "working", "calendar")
        ):
            d.head = " ".join(word.lower().split())  # "98,600 flight hours", "1,210 patrol days": the unit's kind
        if not d.head and d.share_of is None and d.change is None and d.of_which is None:
            # "Of its ferries, 9 are hybrid": the noun left out was put first, not in the figure before
            d.head = measures.fronted_partitive(self.text, self.start, start, end, self.end)
        self._moves(d, mention.quantity.unit, start, end, previous, vocab, earlier)
        moved_by = (
            _MOVED_BY.search(self.text, max(self.start, start - 40), start)
            if mention.quantity.unit != "percent" and d.change is None and d.share_of is None
            else None
        )
        money = mention.quantity.unit in _MONEY
        points = mention.quantity.unit in ("basis points", "percentage points")
        if moved_by is None and (money or points) and not d.head and d.change is None and d.share_of is None:
            # "will reduce spending on trail repairs by £12.5 million", "raised its fare by 25 basis points": a change
            # of what the verb moves
            acted = _ACTED_BY.search(self.text, max(self.start, start - 80), start)
            moved = measures.normalise(acted.group("np"), vocab)[0] if acted is not None else ""
            if moved:
                up = acted.group("verb").lower().startswith(("inc", "rai", "boo"))
                d.change = f"{moved} {'increase' if up else 'decrease'}"
        if moved_by is not None:
            if not d.head:
                # "Visitor fee income would shrink by about £8.3 million", "Ridership rose by 340 to 2,100": a
                # change of what the clause is about
                d.head = measures.mover_before(self.text, self.start, moved_by.start())
                if not money and any(
                    " ".join(self.text[m.start : m.end].lower().split()) == d.head.lower()
                    for m in self.named if m.end <= moved_by.start()
                ):
                    d.head = ""  # "NTA would fall by five": whose figure moved, never what
            if not d.head:
                return None  # "SSC … would fall by five to 313": by how much something moved, no level of anything
            # "fell by 1,200 employees to 17,700": a change of the employees, not a level of them
            how = moved_by.group(0).lower()
            up = how.startswith(("ris", "ros", "gr", "inc", "cl", "ju")) or " up" in how
            d.change = f"{measures.normalise(d.head, vocab)[0]} {'increase' if up else 'decrease'}"
        self._left_out(
            d, mention.quantity.unit, start, mention.hedge, reads, earlier, previous, vocab,
            stated=mention.quantity.stated,
        )
        lo = max(self.start, start - 60)  # (searched in a slice: "^" is where the sentence starts)
        who = _ACCOUNT_FOR.search(self.text[lo:start]) if mention.quantity.unit == "percent" else None
        if who is not None and not any(n.start < start and n.end > lo + who.start("who") for n in self.named):
            # "Women account for 65 percent of volunteers, and men account for 35 percent": the share the women
            # (the men) are of the volunteers
            d.scopes.append(" ".join(who.group("who").lower().split()))
            if d.from_before and previous is not None and previous.measure.startswith("share of "):
                d.head, d.from_before, d.share_of = "", False, previous.measure.removeprefix("share of ")
        if mention.quantity.unit == "percent" and not d.phrase.text and (category := self._category(end)):
            # "45 percent in Africa, 19 percent in Asia": each share is of its own kind, which is its scope (not
            # its measure's words, nor the scope of the share before it)
            if d.qualifier.lower() == f"in {category}":
                d.qualifier = ""
            if d.like is not None and d.like.end in self._category_ends:
                d.scopes = [s for s in d.scopes if s not in (d.like.scope or "").split("+")]
            d.scopes.append(category)
            self._category_ends.add(end)
        if (
            d.like is not None and not d.qualifier and d.share_of is None and d.change is None
            and mention.quantity.unit != "percent"  # "35 percent are women": what a share's members are is its scope
        ):
            kind = measures.kind_named_after(self.text, end, self.end, d.head)
            if kind:
                d.head, d.like = kind, None  # "1,130 fires …, of which 412 were structure fires"
        if money and d.like is not None and measures.enacted(self.text, self.start, start, end):
            # "requested $221.0 million; the City Council adopted $214.3 million": the same budget, enacted
            d.head = "budget" if "request" in d.head else d.head
            d.scopes = [s for s in d.scopes if s != "requested"] + ["enacted"]
        elif money and (
            measures.requested(self.text, self.start, start) or measures.requested_after(self.text, end, self.end)
        ):
            d.scopes.append("requested")
            d.head = d.head or "budget request"  # "is asking Congress for $2.5 billion for FY 2023"
        stage = measures.chamber(self.text, self.start, start) if money or d.change is not None else ""
        if not stage and d.change is not None and earlier and _ANAPHOR_OPENS.match(self.text, self.start, start):
            # "… the Senate committee recommended $4.446 billion. This amount is $549 million, or 14.2%, more than
            # …": the amount's stage
            stage = next((s for s in (earlier[-1].scope or "").split("+") if s in measures.CHAMBER_STAGES), "")
        if stage:
            # "The Senate passed S. 100 …, approving $4.21 billion": one chamber's amount, not the law's, nor what
            # was asked for
            d.scopes = [s for s in d.scopes if s not in ("enacted", "requested")] + [stage]
            if d.like is not None and "request" in d.head:
                d.head = "appropriations"
        if mention.quantity.unit in _DURATIONS and d.share_of is None and d.change is None and (
            not d.head or d.head.lower() == "average" or d.like is not None
        ):
            # "paper refunds took an average of 36 days": how long it took, named by the verb (which says more
            # than the figure before it)
            timed = measures.duration_measure(self.text, self.start, start, mention.quantity.unit)
            if timed:
                d.head, d.like = timed, None
        d.head = _DIMENSION_ADJECTIVES.get(d.head, d.head)  # "the trail is 12 miles long": its length
        if not d.head and d.share_of is None and d.change is None:
            d.head = measures.UNIT_DIMENSIONS.get(mention.quantity.unit, "")  # "must keep below 12 knots": a speed
            if d.head == "length" and measures.travelled(self.text, self.start, start):
                d.head = f"{mention.quantity.unit} traveled"  # "buses travel about 23,000 miles a day"
        if not d.head and d.share_of is None and d.change is None and _COMPARED_BEFORE.search(self.text, self.start, start):
            # "decreased from 10.5 months to 6.1 months": the first level has no figure before it to stand for
            d.head = measures.phrase_before(self.text, self.start, start)
        if not d.head and d.share_of is None and d.change is None:
            return None  # a figure with nothing counted is not a claim anyone can check
        if mention.quantity.unit == "count" and not d.from_before and d.phrase.text and (
            d.phrase.text.split()[-1].lower() in _LIST_TITLE_NOUNS
            or (d.phrase.text.lower() == "views" and _LINE_ENDS.match(self.text, d.phrase.end))
        ):
            return None  # "12 things you didn't know", a line "218 views": a title's count, the page's furniture
        event_count = d.head and not d.from_before and d.head.split()[-1].lower() in _EVENT_NOUNS
        labelled_share = mention.quantity.unit == "percent" and _OF_AFTER.match(self.text, end) is not None
        if (event_count or labelled_share) and (kind := self._label_kind(start)):
            # "Sex offenders: 10,088 arrests": the arrests of sex offenders, not all arrests ("Overseas:" a scope word);
            # "Minorities: 16% of volunteers": the share of volunteers who are
            d.scopes.append(vocab.scopes.get(kind, kind))
        if _TO_DATE_LABEL.fullmatch(self.text, self.start, start) is not None:
            d.scopes.append("cumulative")  # "Total number of volunteers and trainees to date: 187,000": all of them ever
        place = self._place_named(start, end)
        if place:
            d.scopes.append(place)  # "Dallas/Fort Worth International: 120 guns seized": that airport's, not all
        if self._planned_from(start):
            pass  # "plans to cut staff from 500 to 420": 500 is the level there is now, whatever the plan
        elif self._target(end) or self._goal(start) or self._asked(start) or self._planned_to(start):
            # "to enroll 60,000 students by 2025": a goal, never a count of today (and an ask, "Raise the program
            # to $8 million a year.", is one too)
            d.scopes.append("target")
        elif self._projected(start):
            d.scopes.append("projected")  # "expects to serve more than 95 million visitors": a forecast
        elif self._earlier_level(start, end):
            d.scopes.append("previous")
        measure, scopes = self._measure(d, mention.quantity.unit, start, end, vocab)
        if measure.endswith(" frequency") and (when := measures.frequency_when(self.text, end, self.end)):
            d.scopes.append(when)  # "every 10 minutes on weekdays" is not the weekends' frequency
        referent = previous or (earlier[-1] if earlier else None)
        noun, _, rest = measure.partition(" ")
        if referent is not None and noun in _ANAPHORIC_NOUNS and _ANAPHORIC_FIGURE.search(
            self.text, max(self.start, start - 60), start
        ):
            # "Ridership reached 44 million in 2023. That figure was up 9% from 2022": the figure stated before
            measure = f"{referent.measure} {rest}".strip()
        if labelled_share and measure in d.scopes:
            d.scopes.remove(measure)  # "On-time arrival: 91% of runs", configured as "on-time arrival": no kind of it
        if self.context_place and self.context_place.split()[-1] not in measure:
            # "Special agents 2,274" under "Personnel in Field Divisions": the field divisions' agents, not all 2,597
            d.scopes.append(self.context_place)
        whole = previous or (earlier[-1] if earlier else None)
        if d.like is not None and whole is not None and whole.mention.quantity.stated < mention.quantity.stated:
            whole = d.like  # (a part is no larger than its whole: see _left_out)
        if (
            whole is not None
            and (whole.measure == measure or _with_action(whole.measure, measure))
            and (
                _INCLUDES.search(self.text, max(self.start, start - 16), start) is not None
                or (
                    d.like is whole
                    and _WITH.search(self.text, max(self.start, start - 16), start) is not None
                    and _MORE_AFTER.match(self.text, end) is None
                )
            )
        ):
            # "enrolled 35,904 students, including 412 in medicine", "$248.6 million, of which $231.2 million comes
            # from …": a part is never the whole ("arrested 75,846 fugitives, including 28,324 on federal warrants":
            # a part of the fugitives arrested; "trained 6,000 officers since 2003, including 300 in 2022" is a year's)
            measure = whole.measure
            if self.period_for(start, end) == whole.period:
                d.scopes.append(self._which_part(end))
                self._part_ends.add(end)
        elif (
            previous is not None
            and d.like is previous
            and previous.end in self._part_ends
            and _NEXT_PART.fullmatch(self.text, previous.end, start) is not None
            and (which := self._which_part(end)) != "part"
        ):
            # "including 28,324 on federal warrants and 47,522 on state warrants": the list of parts goes on (when
            # it says which part: two parts that do not would meet in one group)
            measure = previous.measure
            d.scopes.append(which)
            self._part_ends.add(end)
        return self._placed(
            mention, start, end, d.head, measure, set(scopes) | set(d.scopes), focus, vocab, peak_year=d.peak_year
        )

    def _category(self, end: int) -> str | None:
        """The category a share in a breakdown is of, said after it ("45 percent in Africa, 19 percent in Central
        and South America"): a sentence's list of two or more shares "in" something, never a period."""
        m = _CATEGORY_AFTER.match(self.text, end, self.end)
        if m is None or any(end <= p.start < m.end() for p in self.periods):
            return None
        if len(_SHARE_IN.findall(self.text, self.start, self.end)) < 2:
            return None
        return " ".join(m.group("category").lower().split())

    def _which_part(self, end: int) -> str:
        """The scope of a part of a whole whose figure ends at ``end``: what the words after it say it is ("28,324 on
        federal warrants" → "on federal warrants"), else only that it is a part. Parts of one whole that say which
        they are never meet in a group; two that do not may."""
        m = _WHICH_PART.match(self.text, end, self.end)
        if m is None or any(end <= p.start < m.end() for p in self.periods):
            return "part"
        return " ".join(m.group("which").lower().split())

    def _place_named(self, start: int, end: int) -> str | None:
        """The place the figure at ``start``..``end`` is about when a line's label, the words right before its
        bracket or "at …" after its noun name one ("Dallas/Fort Worth International: 120", "Golden Gate National
        Recreation Area (15 million recreation visits)", "32 firearms at Hartsfield-Jackson International"): one
        airport's or park's figure, never its operator's total."""
        # (the long search only where a label's colon or a bracket comes right before the figure)
        marked = _PLACE_MARK_BEFORE.search(self.text, max(self.start, start - 24), start) is not None
        m = _PLACE_BEFORE.search(self.text, max(self.start, start - 160), start) if marked else None
        if m is not None and m.group("colon"):
            # (a label starts its line or list item)
            m = m if _LINE_START_BEFORE.search(self.text, max(0, m.start() - 8), m.start()) else None
        if m is None:
            m = _AT_PLACE.match(self.text, end, self.end)
        if m is None:
            # "At Saint-Mabry, Senegal, the largest of our ports, 64 volunteers …", "The station at Cape Lorren alone
            # hosted 78 volunteers": the sentence opens with the place, or names its own station there
            # (not "the largest of our 23 partner ports": the whole the place is one of)
            of_whole = _OF_OUR_BEFORE.search(self.text, max(self.start, start - 16), start) is not None
            m = None if of_whole else _LEADING_AT.match(self.text, self.start, start) or _UNIT_AT.search(
                self.text, self.start, start
            )
        if m is None or any(m.start("place") <= n.start < m.end("place") for n in self.named):
            return None
        return " ".join(m.group("place").lower().split())

    def _label_kind(self, start: int) -> str | None:
        """The label a line gives the figure that starts at ``start`` when the line is only "Label: figure noun", a
        label that names neither a subject nor a time ("Homicide suspects: 5,447 arrests" → "homicide suspects")."""
        m = _LABEL_COLON.match(self.text, self.start, start)
        if m is None or any(n.start < start for n in self.named) or any(p.start < start for p in self.periods):
            return None
        label = self.text[self.start : start].strip().rstrip(":–—$ ").strip()
        label = label[:-6].strip() if label.endswith(" about") else label
        unquoted = _QUOTED.sub("name", label)  # (a quoted name is one word, its number none of the label's)
        if not label or _DIGIT.search(unquoted) or len(unquoted.split()) > 4:
            return None
        if label.split()[0].lower() in _SHARE_WORDS:
            return None  # "Share of riders: 45% of riders" names the measure, not a kind of riders
        return " ".join(label.lower().translate(_NO_QUOTES).split())

    def _unit_carried(self, previous: _Read, start: int, end: int) -> str | None:
        """The unit a bare figure takes from the figure before it when it restates its amount in another period or
        for another kind: "12,000 miles in FY 2023, up from 10,000", "5,000 pounds of cocaine and 4,000 of heroin"."""
        unit = previous.mention.quantity.unit
        if unit in ("count", "percent") or unit in _MONEY or unit.startswith("per "):
            return None
        link = _UNIT_LINK.fullmatch(self.text, previous.end, start)
        if link is None or _DIGIT.search(_PERIOD_GAP.sub("", link.group("gap"))):
            return None  # (a year in between, "… in FY 2023, up from 10,000", is no other figure)
        return unit if _NO_NOUN_AFTER.match(self.text, end, self.end) else None

    def _figure_first(self, start: int, end: int) -> int | None:
        """Where the label starts of a row that puts its figure first ("58 billion — revenue in 2010", "583 million is
        the average number of pieces processed daily"), when the figure at [start, end) opens one; else None."""
        if self.text[end : end + 1] not in (" ", "\t") or _OPENS_LINE.search(self.text, max(0, start - 12), start) is None:
            return None
        m = _FIGURE_FIRST.match(self.text, end, self.end)
        return m.end() if m is not None else None

    def _counted_kind(self, d: _Draft, mention: QuantityMention, start: int, end: int) -> None:
        """What the figure counts when the words around its noun say more than the noun: a capacity ("a 1,200-space
        garage"), a waiting list ("12,600 households on its waiting list")."""
        counted = HYPHEN_COUNTS.get(mention.unit_word or "") if mention.quantity.unit == "count" else None
        if counted:
            # "a 1,200-space parking garage": parking garage spaces; a name is no kind ("the 2,400-bed Dilley center")
            named = (
                d.head and self.text[end : end + 1].isspace() and self.text[end + 1 : end + 2].isupper()
                and _BODY.search(d.head) is None
            )
            host = re.split(r"\s+(?:and|or)\s+", d.head, maxsplit=1)[0]  # (not "… Regents and led")
            d.head = counted if not d.head or named else f"{host} {counted}"
        if d.head and d.phrase.end:
            listed = _ON_LIST.match(self.text, d.phrase.end, self.end)
            if listed is not None:
                # "12,600 households on its public housing waiting list": the size of the list, not the households
                # housed
                d.head = " ".join(f"{listed.group('kind') or ''} waiting list".split())
            elif d.head.lower() in _LIST_MEMBERS:
                before = measures.phrase_before(self.text, self.start, start)
                if _WAITING_LIST_END.search(before):
                    d.head = before  # "the public housing waiting list stood at 13,350 households"

    def _rate_named_before(self, start: int) -> str:
        """The rate or share a "N percent of …" figure is the value of, named before its verb: "The improper payment
        rate for FY 2022 was", "Administrative costs were" ("" if none)."""
        if not _COPULA_BEFORE.search(self.text, max(self.start, start - 12), start):
            return ""
        head = measures.phrase_before(self.text, self.start, start)
        return head if head and head.split()[-1].lower() in _NAMED_RATES else ""

    def _under_rule(self, start: int, end: int) -> bool:
        """Whether the figure at [start, end) is the condition of a rule its clause goes on to state: "prizes of $600
        or more must be claimed", "refunds of less than $1 are not issued" (the limit after the verb, "must keep below
        12 knots", is the rule's figure and stays)."""
        index = self._clause(start)
        hi = self._clauses[index] if index < len(self._clauses) else self.end
        rule = _OBLIGATION.search(self.text, end, hi)
        # "has cut £30 million from its budget and must still find …": a second predicate of the clause's
        # subject, not a rule on the figure
        return rule is not None and _SECOND_PREDICATE.search(self.text, end, rule.start()) is None

    def _target(self, end: int) -> bool:
        """The figure is followed, before any other figure, by "by <a time that ends after the version's date>"
        ("20,000 agents by the end of September 2009" on a page of February 2008)."""
        if self.ctx.date is None or self.text.find("by", end, min(self.end, end + 48)) < 0:
            return False
        m = _BY_YEAR.search(self.text, end, min(self.end, end + 48))
        if m is None or any(end <= f < m.start() for f, _ in self.figures):
            return False
        return _by_last(m) > self.ctx.date

    def _counterfactual(self, start: int) -> bool:
        """The figure is what would have been, in its clause ("would have posted a net loss of $7.6 billion")."""
        lo = max(self.start, start - 100)
        if self.text.find("have", lo, start) < 0:
            return False
        m = _COUNTERFACTUAL.search(self.text, lo, start)
        return m is not None and not any(m.end("k") <= f < start for f, _ in self.figures)

    def _projected(self, start: int) -> bool:
        """The figure is a forecast named before it in its clause ("expects to serve more than 95 million")."""
        lo = max(self.start, start - 100)
        m = _PROJECTED_BEFORE.search(self.text, lo, start) if "ect" in self.text[lo:start] else None
        return m is not None and not any(m.end("k") <= f < start for f, _ in self.figures)

    def _goal(self, start: int) -> bool:
        """The figure is a goal named before it in its clause ("the goal is a workforce of 16,500")."""
        m = _GOAL_BEFORE.search(self.text, max(self.start, start - 100), start)
        return m is not None and not any(m.end("k") <= f < start for f, _ in self.figures)

    def _asked(self, start: int) -> bool:
        """The figure is what a sentence opening with a bare verb asks a level be brought to ("Raise the
        program to $8 million a year.")."""
        return (
            start - self.start <= 100
            and self.text[self.start : self.start + 1].isupper()
            and _ASKED_TO.fullmatch(self.text, self.start, start) is not None
            and not any(self.start <= f < start for f, _ in self.figures)
        )

    def _past_thresholds(self, lo: int, hi: int) -> int:
        """``lo``, moved past the share thresholds that end before ``hi``."""
        return max([lo, *(e for e in self._thresholds if lo <= e <= hi)])

    def _threshold(self, mention: QuantityMention, offset: int) -> bool:
        """A duration bounding a share's members ("96 percent of them waited less than 10 minutes")."""
        q, start = mention.quantity, mention.start + offset
        return (
            q.unit in _DURATIONS and q.bound == "upper" and mention.hedge is not None
            and _SHARE_WITHIN.search(self.text, max(self.start, start - 120), start) is not None
        )

    def _not_a_figure(self, mention: QuantityMention, offset: int, start: int, end: int) -> bool:
        q = mention.quantity
        if q.unit == "count" and q.bound == "exact" and q.stated < 2:
            return True  # "1 related video": a lone one is an article or a widget, not a checkable figure
        if any(m.start < end and start < m.end for m in self.named):
            return True  # digits inside a name ("MS-13" when it is a configured subject)
        if any(p.start < end and start < p.end for p in self.periods):
            return True  # part of a period: "the first nine months of 2023"
        number = self.text[mention.number_start + offset : mention.number_end + offset]
        if q.unit == "count" and len(number) >= 3 and number.isdigit() and (
            number.startswith("0")
            or (
                len(number) == 4 and _OPENS_LINE.search(self.text, max(0, start - 12), start) is not None
                and any(end < m.start <= end + 2 and _LINE_ENDS.match(self.text, m.end) for m in self.named)
            )
        ):
            return True  # "0521", a line "2660 Department of Transportation": a budget's code, not a count
        if self._threshold(mention, offset):
            return True  # "96 percent of them waited less than 10 minutes": the share's threshold, not a wait
        if self._counterfactual(start):
            return True  # "would have posted a loss of $7.6 billion had …": it did not happen
        if q.unit == "count" and q.stated <= 20 and _SPAN_OF_TIME.match(self.text, end, self.end) and _SPAN_BEFORE.search(
            self.text, max(self.start, start - 12), start
        ):
            return True  # "over the last three fiscal years": a span of time, not a count of anything
        if (
            q.unit in _DURATIONS and _RELATIVE_TIME.match(self.text, end, self.end)
            and not _TOOK_WITHIN.search(self.text, max(self.start, start - 24), start)
        ):
            return True  # "two years earlier", "three months ago": when, not how much (but "within 10.2 hours after")
        if q.unit == "percent" and _INCOME_LIMIT.match(self.text, end, self.end):
            return True  # "earning up to 60 percent of area median income": who qualifies, not what was done
        if q.unit in _MONEY and q.bound in ("lower", "upper") and measures.pay_threshold_before(
            self.text, self.start, start
        ):
            return True  # "the number of staff paid more than £120k": who is counted, not what anyone was paid
        if self._obliged is None:
            self._obliged = _OBLIGATION.search(self.text, self.start, self.end) is not None
        if self._obliged and self._under_rule(start, end):
            return True  # "Refunds of less than $1 are not issued", "prizes of $600 or more must be claimed"
        # "the two models", "the three operational branches"
        return (
            number.isalpha() and q.stated <= 10 and _BACKREF.search(self.text, max(self.start, start - 8), start) is not None
        )

    def _counted(
        self, unit: str, end: int, previous: _Read | None, earlier: list[_Read], vocab: measures.Vocabulary,
        *, parts: bool = True,
    ) -> _Draft:
        """What the words after the figure say it counts, or that it is a share of the figure before (``parts``:
        "N of the M things" may be a part of them)."""
        phrase = measures.counted_phrase(self.text, end, self.end, money=unit in _MONEY)
        part = False
        if not phrase.text and unit not in _MONEY and (parts or unit == "percent"):
            whole = _OF_COUNTED.match(self.text, end, self.end)
            if whole is not None:
                # "nearly half of the 400 stations": a share of what the next figure counts; "cut 420 of the 500
                # jobs": a part of them, never their number
                phrase = measures.counted_phrase(self.text, whole.end(), self.end)
                part = unit != "percent" and bool(phrase.text)
        d = _Draft(phrase, phrase.text, phrase.qualifier)
        if (
            phrase.text and " " not in phrase.text and not phrase.text.endswith("s") and not phrase.qualifier
            and phrase.text.lower() not in _COLLECTIVE_NOUNS
        ):
            # "48 elementary, 14 middle and 10 high schools": a kind of what the list's last item counts (not "1,874
            # staff and 1,700 part-time volunteers": a noun of its own)
            noun = measures.list_noun_after(self.text, phrase.end, self.end)
            if noun is not None:
                d.head = f"{phrase.text} {noun}"
            elif (noun := measures.kinds_noun_after(self.text, phrase.end, self.end)) is not None:
                d.head = noun  # "2,400 graduate, postdoctoral and mid-career fellows": fellows of every kind listed
        if (
            unit in _AREA_UNITS
            and d.head
            and (d.head.lower() in _LAND_NOUNS or _LIST_AFTER.match(self.text, phrase.end))
        ):
            # "84.2 million acres of parks, forests and grasslands", "84 million acres of public land": the
            # land itself, as "roughly 84 million acres" is ("acres of hazardous fuels" stays what was treated)
            d.head, d.qualifier = measures.UNIT_DIMENSIONS.get(unit, "area"), ""
        # A trailing clause narrows by kind ("aliens with criminal convictions") but its places are not a
        # scope: "offices in the United States and abroad" counts offices everywhere.
        d.scopes = [s for s in measures.scopes_in(phrase.tail_scopes, vocab) if s not in _PLACES]
        if part:
            d.scopes.append("part")
        if unit == "percent" and (
            d.head.lower() in _TOTAL_WORDS or not d.head or _verb_first(self.text, end, self.end, d.head)
        ):
            # "nearly 40 percent comes from grants", "36 percent of that", "36 percent of the total": a share of
            # the figure before, in this sentence or the paragraph
            whole = previous or (earlier[-1] if earlier else None)
            of_that = _OF_THAT.match(self.text, end, self.end)
            if (
                whole is not None and whole.mention.quantity.unit != "percent" and (d.head or of_that)
                and not (d.head and _IN_RATIO.search(self.text, max(self.start, end - 24), end))
            ):
                d.share_of, d.head = whole.measure, ""
                # what follows the figure (or its "of that") is the share's predicate
                d.phrase = attrs.evolve(phrase, end=of_that.end() if of_that else end)
        allotted = _ALLOTTED.match(self.text, end, self.end) if unit != "percent" and not d.head else None
        if allotted is not None:
            # "About $3.6 billion of it is for the new busway", "$1.2bn is for depots": a part of the amount before,
            # named by what it is for (never the whole it is part of)
            what = measures.counted_phrase(self.text, allotted.end(), self.end).text
            d.scopes.append(" ".join(what.lower().split()) or "part")
        d.of_which = _OF_WHICH.match(self.text, end, self.end)
        if d.of_which and previous is not None:
            # "567 of which were criminal", "10,800 of them seasonal firefighters", "55 percent of whom …"
            rest = measures.counted_phrase(self.text, d.of_which.end(), self.end)
            named, scopes = measures.normalise(rest.text, vocab) if rest.text else ("", ())
            if unit == "percent":
                d.share_of = previous.measure
            elif named and len(rest.text.split()) > 1:
                d.head, d.qualifier = rest.text, rest.qualifier
            else:
                d.head = previous.head
                # a part is never its whole: "a $31.6 million budget, nearly $4 million of it recovered
                # through fees" names what the part is, or at least that it is one
                predicate = measures.share_predicate(self.text, d.of_which.end(), self.end, verb_read=True)
                d.scopes.extend(scopes or (predicate or "part",))
        return d

    def _moves(
        self, d: _Draft, unit: str, start: int, end: int, previous: _Read | None, vocab: measures.Vocabulary,
        earlier: list[_Read] = (),  # type: ignore[assignment]
    ) -> None:
        """Its rate ("per day"), and whether it is by how much another figure moved rather than a level."""
        rate = measures.rate_after(self.text, d.phrase.end or end, self.end)
        if rate is None and d.phrase.end:
            rate = measures.rate_after(self.text, end, self.end)
        if rate is None and (peak := measures.peak_after(self.text, d.phrase.end or end, self.end)) is not None:
            rate, d.peak_year = peak
        if rate is None:
            rate = measures.rate_before(self.text, self.start, start)
        if rate is None and d.phrase.end:
            rate = measures.list_rate_after(self.text, d.phrase.end, self.end)
        if rate is None:
            rate = self.context_rate
        if rate:
            d.scopes.append(rate)
        years = _OVER_YEARS.match(self.text, d.phrase.end or end, self.end) if unit == "percent" else None
        if years is not None:
            # "7.1% a year over the past decade", "grew 25% over five years": a rate over so many years, never one
            # year's (an amount's span is left out, as "a ten-year plan" leaves it: how long a plan runs is not
            # what it is)
            n = years.group("n")
            count = 10 if years.group("decade") else int(n) if n.isdigit() else int(parse_number_words(n).value)
            if count > 1:
                d.scopes.append(f"{count} years")
        season = _SEASON_AFTER.search(self.text, end, min(self.end, end + 90))
        if season is not None and not any(end <= f < season.start() for f, _ in self.figures):
            # "692 million … processed daily during the holidays": a part of the year, not the year's average
            d.scopes.append("holidays" if season.group(1).lower().startswith("holiday") else "peak season")
        if previous is None and earlier and _ANAPHOR_BEFORE.search(self.text, max(self.start, start - 40), start):
            # "… $52.4 million for FY2022. This amount is $3.1 million (0.76%) more than …": the amount is the last
            # one named before the sentence
            previous = next((r for r in reversed(earlier) if r.mention.quantity.unit == unit), None)
            if previous is None and unit == "percent":
                previous = earlier[-1]
        stated = self._stated_change(d, vocab) if unit == "percent" and d.head and d.share_of is None else None
        noun_change = _CHANGE_NOUNS.get(d.head.lower()) if unit == "percent" and d.head else None
        if stated is not None:
            d.change = stated
        elif noun_change and previous is not None:
            # "seized 529,300 pounds, a 14.5 percent increase over FY 2021": how the figure before moved ("a $400
            # million or nine percent increase": the same change as the figure before)
            d.change = (
                previous.measure if previous.measure.endswith(f" {noun_change}") else f"{previous.measure} {noun_change}"
            )
        elif unit == "percent":
            d.change = measures.change_before(self.text, self.start, start)
            if d.change is None and previous is not None:
                d.change = self._moved(start, end, previous)
        if (
            d.change is None and d.share_of is None and unit != "percent" and previous is not None
            and previous.mention.quantity.unit == unit and not previous.measure.endswith((" increase", " decrease"))
            and _APPOSED_CHANGE.fullmatch(self.text, previous.end, start) is not None
            and (noun := _CHANGE_NOUNS.get(d.head.lower()) or self._restated_change(end))
        ):
            # "$4.6 billion, a $400 million increase", "… representing a $400 million or nine percent increase":
            # how the figure before moved
            d.change, d.head = f"{previous.measure} {noun}", previous.head
        if d.change is None and d.share_of is None:
            d.change = self._change_amount(start, end, d.head, previous, vocab)
            if (
                d.change is None and unit == "percent" and previous is not None and not d.head
                and previous.measure.endswith((" increase", " decrease"))
                and _OR_RESTATED.search(self.text, max(self.start, start - 8), start)
            ):
                d.change = previous.measure  # "an increase of $320 million, or 4.9 percent": the same change
            if d.change is not None and not d.head and previous is not None:
                d.head = previous.head  # what a figure after it that leaves its noun out counts
        if unit != "percent" and not d.head and previous is not None and d.share_of is None and d.change is None:
            # "17,460 FTE, 390 more than in FY 2023", "24 field offices, up 3 from 2020": by how much the
            # figure before moved, not another level of it
            d.change = self._moved(start, end, previous)
        if d.change is not None and (reference := measures.relative_reference(self.text, end, self.end)):
            # "$549 million more than the FY2008 appropriation, $193 million more than the House committee
            # recommendation": changes against different figures, never one group
            d.scopes.append(f"compared with {reference}")

    def _stated_change(self, d: _Draft, vocab: measures.Vocabulary) -> str | None:
        """"a 4.5% electric rate increase", "a 3.9% increase in water rates": a change in percent that names what
        moved, so it is neither a share nor a move of the figure before."""
        words = d.head.split()
        at = next((i for i in range(len(words) - 1, -1, -1) if words[i].lower() in _CHANGE_NOUNS), None)
        if at is None:
            return None
        moved = " ".join(words[:at])
        if not moved:
            if d.qualifier.startswith(("in ", "of ")):
                moved = d.qualifier.split(" ", 1)[1]
            elif (of := _CHANGE_IN.match(self.text, d.phrase.end, self.end)) is not None:
                moved = measures.counted_phrase(self.text, of.end(), self.end).text
        measure, scopes = measures.normalise(measures.key(moved), vocab) if moved else ("", ())
        if not measure:
            return None
        d.scopes.extend(scopes)
        return f"{measure} {_CHANGE_NOUNS[words[at].lower()]}"  # "water rates" → "water rate increase"

    def _fronted_whole(self, start: int) -> str:
        """The whole a sentence opens with when its first figure, at ``start``, comes right after it ("Of the NTA
        budget, 60% …", "Of the riders NTA surveyed, 61 percent …"): its noun, without the names in it; else ""."""
        m = _FRONTED_WHOLE.match(self.text, self.start, start)
        if m is None or m.end() != start:
            return ""
        end = m.end("whole")
        cut = m.start("whole")
        for n in self.named:
            if m.start("whole") <= n.start < end:
                if n.start == cut:  # "the NTA budget", "NTA's riders": the name says whose, not what
                    cut = n.end
                    if self.text.startswith(("'s", "’s"), cut):
                        cut += 2
                else:
                    end = n.start  # "the riders NTA surveyed": what the name did to them is not what they are
                    break
        words = self.text[cut:end].split()
        # "Among adults surveyed", "Of volunteers serving abroad": the adults, the volunteers
        words = next((words[:i] for i in range(1, len(words)) if measures.verb_like(words[i].lower())), words)
        return " ".join(words).lower() if 0 < len(words) <= 4 else ""

    def _left_out(
        self,
        d: _Draft,
        unit: str,
        start: int,
        hedge: str | None,
        reads: list[_Read],
        earlier: list[_Read],
        previous: _Read | None,
        vocab: measures.Vocabulary,
        *,
        stated: float = 0.0,
    ) -> None:
        """A figure that leaves its noun out counts what the words before it, or the figure it follows, count."""
        total = False
        bare = not d.head and not d.share_of and d.change is None
        if bare and self.text.find("respectively", start, self.end) >= 0 and (listed := self._respective_after(start)):
            d.head = listed  # "operates 40, 12 and 3 bus, rail and ferry routes, respectively": its noun comes later
            return
        if bare and not _COMPARED_BEFORE.search(self.text, self.start, start):
            # "Research spending exceeded $300 million": a verb hedge is the link to the noun phrase it completes
            verb = hedge is not None and _VERB_HEDGE.match(hedge) is not None and self.text.startswith(hedge, start)
            at = start + len(hedge) if verb else start
            head = measures.phrase_before(self.text, self.start, at)
            if head:
                head = self._label_of_named(head, start, at)
            total = head.lower() in _TOTAL_WORDS
            d.head = "" if total else head  # "for a total of 24": the total of what the figure before counted
            d.from_before = bool(d.head)
            if (
                d.head and self.context_topic and len(d.head.split()) <= 3
                and _LABEL_COLON.match(self.text, self.start, start) is not None
            ):
                # "Male: 122,674" under "Inmates by sex": the inmates, of one sex
                d.scopes.append(d.head.lower())
                d.head = self.context_topic
            if d.head and d.qualifier.startswith("on "):
                d.qualifier = ""  # "a backlog of $1.2 billion on trails": the noun before names it, "on" only says where
        elif bare and not (unit == "count" and self._noun_of_next(start)):
            # "cut its workforce from 500 to 420", "revenue kept climbing from $1.5 billion to …": the level a change
            # started from is of the verb's object or of what moved, not of the paragraph's last figure (but "expand
            # its fleet from 260 to 300 buses": 260 buses)
            d.head = measures.changed_object(self.text, self.start, start) or (
                measures.moved_level(self.text, self.start, start) or ""
            )
            fronted = _FRONTED_COMPARISON.match(self.text, self.start, start) if not d.head else None
            if fronted is not None and fronted.end() == start:
                # "Compared to Rs 1,91,278 crore in 2021-22, gross revenue stood at Rs 2,39,803 crore": the base of
                # what the sentence goes on to state
                following = next((f for f, _ in self.figures if f > start), None)
                if following is not None:
                    d.head = measures.phrase_before(self.text, self.start, following)
            if not d.head and (opens := measures.participle_move(self.text, self.start, start)) >= 0:
                # "contributed to 30% revenue growth, climbing from £1.5 billion to £1.9 billion": levels of what grew
                change = next((r for r in reversed(reads) if r.end <= opens and r.measure.endswith(_CHANGE_ENDINGS)), None)
                if change is not None:
                    d.head = change.measure.rsplit(" ", 1)[0]
            d.from_before = bool(d.head)
        if not d.head and unit == "percent" and (verb := measures.percent_verb_measure(self.text, self.start, start)):
            d.head = verb  # "The Scheme returned 9.8% in the year"
            return
        if bare and not d.head and unit == "percent":
            d.share_of = self._fronted_whole(start) or None
        d.only_scopes = bool(d.head) and not measures.normalise(d.head, vocab)[0]
        if (d.head and not d.only_scopes) or d.share_of is not None or d.change is not None:
            return
        # "… it carried in 2019", "In 2023 it carried 168 million.": the noun left out is the one the
        # last figure of the same kind counted, in this sentence or the paragraph so far.
        if not d.head and unit in _MONEY:
            moved = measures.money_verb_measure(self.text, self.start, start)
            if moved:
                # "earned Rs 6,330 Cr as passenger revenue": the name it is earned under says more than the verb
                moved = measures.named_as(self.text, d.phrase.end, self.end) or moved
            else:
                moved = measures.money_event_after(self.text, d.phrase.end, self.end)
            if moved:
                # "sold $2.32 billion in tickets … and transferred $415.9 million to the fund": another verb moves
                # other money
                d.head = moved
                return
        if not d.head and unit not in _MONEY and unit not in ("count", "percent"):
            verb = measures.unit_verb_measure(self.text, self.start, start)
            if verb:
                d.head = verb  # "Riders have saved 151 MWh": what its own verb did, not what the last MWh counted
                return
        if not d.head and unit == "count":
            shared = self._noun_of_next(start)
            if shared:
                d.head = shared  # "made 900 and 1,100 arrests": the noun after the last figure is the first's too
                return
        same = [r for r in reads if r.mention.quantity.unit == unit and _leaves_a_noun(r)]
        if len(same) > 1 and _COMPARED_BEFORE.search(self.text, self.start, start):
            # "installed 2,140 alarms in 1,290 homes in FY2023, up from 1,760": the base is of the clause's object,
            # not of a figure that only says where ("in 1,290 homes")
            same = [r for r in same if not _WHERE_BEFORE.search(self.text, max(self.start, r.start - 12), r.start)]
        like = same[-1] if same else None
        if like is not None and _INCLUDES.search(self.text, max(self.start, start - 16), start) is not None:
            # "placed 7,410 volunteers in 61 countries, including 2,100 in education": a part is no larger than its
            # whole, so the whole is the last figure at least as large
            if like.mention.quantity.stated < stated:
                like = next((r for r in reversed(same) if r.mention.quantity.stated >= stated), like)
        if like is None and unit == "percent":
            like = previous  # "roughly 78 percent of the 272 million": a share of what came before
        if like is None and not d.head:
            like = next(
                (r for r in reversed(earlier) if r.mention.quantity.unit == unit and _leaves_a_noun(r)),
                None,
            )
        if like is None:
            return
        d.like = like
        if d.only_scopes:
            d.scopes.extend(measures.normalise(d.head, vocab)[1])
        d.head = self._gapped(like, start) or like.head
        if total:
            d.head = _INCREMENT.sub("", d.head)  # "12 more buses …, for a total of 24": 24 buses
        if unit == "percent" and like.mention.quantity.unit == "percent" and not d.qualifier:
            d.share_of = like.measure.removeprefix("share of ") if like.measure.startswith("share of ") else None
            d.change = None if d.share_of else like.measure  # "fell to 14 percent, from 19 percent": the same rate
            if d.share_of and like.scope and like.start >= self.start:
                # "16.2% … smoked, down from 17.9%": the same share (in the same sentence: "Men account for 35
                # percent. Nearly all — 99 percent — are unmarried" speaks of all of them)
                # ("81% … each week, rising to 93% over a month": a rate of its own is not the share's before)
                own_rate = any(s in measures.RATE_SCOPES for s in d.scopes)
                d.like_scopes = tuple(s for s in like.scope.split("+") if not (own_rate and s in measures.RATE_SCOPES))
                d.scopes.extend(d.like_scopes)
        elif unit == "percent" and like.scope and like.mention.quantity.unit != "percent":
            d.scopes.extend(like.scope.split("+"))  # "Male: 122,674 (93.1%)": the share the male ones are

    def _gapped(self, like: _Read, start: int) -> str | None:
        """What a clause that leaves its verb out states, when the clause before named its subject in the measure:
        "A First Class stamp costs £1.35 and a Second Class stamp 89p" (the second stamp's cost); None otherwise
        ("carried 40 million riders and the rail line 12 million": riders, whoever carried them)."""
        gap = _GAPPED.search(self.text, max(like.end, start - 60), start)
        words = like.head.split()
        if gap is None or gap.start() < like.end or len(words) < 2:
            return None
        subject = " ".join(words[:-1])
        said = self.text[self.start : like.start].lower()
        if subject.lower() not in said:
            return None
        return f"{gap.group('np')} {words[-1]}"

    def _measure(
        self, d: _Draft, unit: str, start: int, end: int, vocab: measures.Vocabulary
    ) -> tuple[str, tuple[str, ...]]:
        """The measure the figure states and the scope words its noun phrase carries."""
        if d.change is not None:
            return d.change, ()
        usual = measures.FROM_AVERAGE.match(self.text, end, self.end)
        if usual is not None:
            unit = ""  # (a share of nothing: "23% above average" is rainfall's distance from its usual level)
        rate = self._rate_named_before(start) if unit == "percent" else None
        if rate:
            # "The improper payment rate was 0.9 percent of benefit outlays": the rate, not a share of outlays
            measure, scopes = measures.normalise(rate, vocab)
        elif d.share_of is not None:
            measure, scopes = measures.share_of(d.share_of, vocab), ()
        else:
            d.head = self._without_name(self._respective_head(start, d.head), start)
            if measures.employed(self.text, self.start, start, d.head, end):
                d.head = "employees"  # "employs more than 20,000 people" states the workforce
            measure, scopes = measures.normalise(f"{d.head} {d.qualifier}".strip(), vocab)
            if unit in _MONEY and measure in ("level", "funding level"):
                measure = _synonym(vocab, "funding")  # "the FY 2024 enacted level of $9,163.9 million"
            if unit in _PER_DAY_UNITS:
                scopes = tuple(s for s in scopes if s != "daily")  # "average daily deliveries … 95.6 MGD": the unit says it
            action = measures.action_before(self.text, self.start, start)
            if action and not measure.endswith(action) and not _names_action(measure, action):
                # "officers screened 2.35 million people": the configuration's "people screened" names the whole
                # phrase; the noun's own synonym ("people" = employees) is only for the noun alone
                whole = measures.normalise(f"{d.head} {action}", vocab)[0] if not d.qualifier else ""
                named = whole if whole != f"{measures.fold(d.head)} {action}" else ""
                measure = named or _synonym(vocab, f"{measure} {action}")
            elif (
                action is None and d.like is not None and unit != "percent" and not d.qualifier and not d.only_scopes
                and (
                    _COMPARED_BEFORE.search(self.text, self.start, start)
                    or _ASIDE_OPENS.search(self.text, max(self.start, start - 16), start)
                )
            ):
                # "removed 72,177 noncitizens, up from 59,011", "released 59,400 people (about 163 a day)": the
                # figure left its noun and its verb out, so it counts what the figure it stands for counted, action
                # and all.
                measure = d.like.measure
            if (
                unit == "percent" and not measure.startswith("share of") and not d.from_before
                and d.head.rsplit(" ", 1)[-1].lower() not in _RATE_NOUNS
                and d.head.rsplit(" ", 1)[-1].lower() not in _CHANGE_HEADS
            ):
                # "92% of all aliens" is a share of them; "turnover fell to 14 percent" is the rate itself
                measure = measures.share_of(measure, vocab)
        if unit == "percent" and measure.startswith("share of"):
            spent = measures.of_money(measure)
            if d.of_which is not None and d.share_of is not None:
                predicate = measures.share_predicate(self.text, d.of_which.end(), self.end, verb_read=True, spent=spent)
            else:
                predicate = measures.share_predicate(
                    self.text, d.phrase.end or end, self.end, plural=bool(d.phrase.text) and d.phrase.text.endswith("s"),
                    spent=spent,
                )
            if predicate:
                # "60% of riders have no car" is not "20% of riders use the app"; "55% of drivers are women and 45%
                # are men": the 45% says its own, and is not of the women
                d.scopes = [s for s in d.scopes if s not in d.like_scopes]
                d.scopes.append(predicate)
        elif d.share_of is None and d.change is None:
            state = measures.state_of(self.text, d.phrase.end or end, self.end)
            if state:
                d.scopes.append(state)  # "331 bridges … were rated in poor condition" are not the 4,862 bridges
            else:
                event = measures.passive_event(self.text, d.phrase.end or end, self.end)
                # (money's participle says how it moved, not what it is: "the enacted level of $9.2 billion
                # provided in Public Law …" is that level, and a bare amount's participle named it in _left_out)
                if not event and d.phrase.end and not measure.endswith("ed") and unit not in _MONEY:
                    event = measures.reduced_event(self.text, d.phrase.end, self.end)
                if event and not measure.endswith(event):
                    # "More than 127,000 aliens were arrested": what "arrested more than 127,000 aliens" counts
                    measure = _synonym(vocab, f"{measure} {event}")
                elif not event and measure in measures.PEOPLE_NOUNS and (
                    doing := measures.people_doing(self.text, d.phrase.end or end, self.end)
                ):
                    # "41.2 million people received payments" and "3.3 million people were newly awarded
                    # payments" are two counts, neither of all the people there are
                    measure = _synonym(vocab, f"{measure} {doing}")
        if measure and unit != "percent" and (per := measures.per_noun_after(self.text, d.phrase.end or end, self.end)):
            # "an average of 8.5 prior arrests per defendant": a figure per head, never the total of 112,532
            if not measure.endswith(f" per {per}"):
                measure = _synonym(vocab, f"{measure} per {per}")
        if usual is not None and measure:
            measure = _synonym(vocab, f"{measure} {usual.group('dir').lower()} average")
        return measure, scopes

    def _placed(
        self,
        mention: QuantityMention,
        start: int,
        end: int,
        head: str,
        measure: str,
        all_scopes: set[str],
        focus: _Focus | None,
        vocab: measures.Vocabulary,
        *,
        peak_year: int | None = None,
    ) -> _Read | None:
        """Whose figure it is, for which period and in which scope."""
        period = self.period_for(start, end)
        if peak_year is not None and (period is None or period == self.context_period):
            # "2.9 million passengers screened on November 26, 2023, the busiest day in agency history": that year's
            # peak, whatever the page's date (next year's fact sheet still states it)
            period = periods.calendar_year(peak_year)
        when = period.start if period is not None else self.ctx.date
        inner = [
            m
            for m in self.named
            if end <= m.start < end + len(head) + 8 and m.subject in self.configured and m.valid_on(when)
        ]
        who = None
        if inner and head.startswith(self.text[inner[0].start : inner[0].end]):
            who = self._with_subunit(inner[0])
        if who is None and self._of_the_world(mention, head, start):
            return None  # "Around the world, 690 million people go to bed hungry": nobody's figure on the page
        who = who or self.subject_for(start, focus, when)
        if who is None:
            return None
        measure = _strip_subject(measure, who.subject)
        if not measure:
            return None
        if who.scope:
            all_scopes.add(vocab.scopes.get(measures.fold(who.scope), who.scope))
        part = self._part_subject(start)
        if part:
            all_scopes.add(part)  # "Its busiest unit draws 2–3 million visitors": one unit's, not the whole's
        if period is not None and periods.is_running_total(period):
            all_scopes.add("cumulative")  # "Since 2003, FCSA has seized …": a total over the years, not one year's
        elif period is not None and (part := periods.part_of_year(period)):
            all_scopes.add(part)  # "in the first nine months of 2024": not the year's total
        measure = _rate_named(measure, all_scopes, vocab)
        scope = "+".join(sorted(all_scopes)) or None
        return _Read(mention, start, end, who.subject, measure, scope, period, head)


def _verb_first(text: str, end: int, limit: int, head: str) -> bool:
    """Whether the "noun" read after a figure is the verb of its clause ("40 percent comes from …")."""
    predicate = measures.share_predicate(text, end, limit)
    return bool(predicate) and predicate.split(" ", 1)[0] == head.split(" ", 1)[0].lower()


def _with_action(whole: str, measure: str) -> bool:
    """Whether ``whole`` is ``measure`` and what was done to it ("fugitives arrested" for "fugitives")."""
    rest = whole[len(measure) + 1 :] if whole.startswith(f"{measure} ") else ""
    return bool(rest) and " " not in rest and rest.endswith(("ed", "en", "ght"))


def _names_action(measure: str, action: str) -> bool:
    """"inspections" already says "inspected" (and "removals" "removed"): the action adds nothing."""
    if action in ("added", "opened", "enrolled", "built") and measure.startswith(("new ", "additional ")):
        return True  # "add 12 new ferry routes": "new" says it already
    stem = action[:-2] if action.endswith("ed") else action
    if len(stem) > 4 and stem[-1] == stem[-2]:
        stem = stem[:-1]  # "transferred": a "transfer"
    return len(stem) >= 4 and measure.rsplit(None, 1)[-1].lower().startswith(stem)


def _strip_subject(measure: str, subject: str) -> str:
    """"HSI special agents" counted for HSI is "special agents"."""
    if measure.startswith("share of "):
        rest = _strip_subject(measure[9:], subject)
        return f"share of {rest}" if rest else measure  # "share of NTA riders" is "share of riders"
    n = len(subject)
    if len(measure) > n and measure[n] == " " and measure[:n].lower() == subject.lower():
        return measure[n + 1 :].lstrip()
    if " " in measure and subject.lower() in measure.lower():
        # "cost of keeping NTA services running" counted for NTA: whose services, written as its name
        words = measure.split()
        kept = [w for w in words if w.lower() != subject.lower() or w == w.lower()]  # (a name keeps a capital)
        if 0 < len(kept) < len(words):
            return " ".join(kept)
    return measure


_RATES = frozenset(("daily", "weekly", "monthly", "hourly"))
# A heading that places what it heads: "Personnel in Field Divisions", "Staff at Headquarters", "Offices Overseas"
_PLACE_HEADING = re.compile(
    r"\b(?:in|at|within)[ \t]+(?:the[ \t]+)?(?P<place>(?:[A-Za-z]+[ \t]+){0,2}(?:[Dd]ivisions|[Oo]ffices|[Rr]egions|"
    r"[Dd]istricts|[Hh]eadquarters|[Ff]acilities|[Ii]nstitutions|[Ss]ectors|[Pp]orts[ \t]+of[ \t]+[Ee]ntry))[ \t]*$"
)
# What is done to people or about them, counted: a label before them says whom ("Sex offenders: 10,088 arrests"); a
# label before things names their kind or only restates them ("Fleet: 405 buses", "Staff: 1,150 employees").
# What a list's title counts: "12 things you didn't know", "10 significant facts", "5 ways to help"
_LIST_TITLE_NOUNS = frozenset("things facts ways reasons".split())
_LINE_ENDS = re.compile(r"[ \t]*(?:\n|\Z)")
_EVENT_NOUNS = frozenset(
    """arrests removals seizures deportations apprehensions detentions convictions cases charges investigations
    prosecutions indictments complaints referrals visits calls deaths injuries incidents""".split()
)


def _rate_named(measure: str, scopes: set[str], vocab: measures.Vocabulary) -> str:
    """``measure`` as the configuration names it with its rate ("Its average daily population was 132,410": its
    "average daily population", the rate in the name and no longer a scope in ``scopes``, which this updates)."""
    for rate in [s for s in scopes if s in _RATES]:
        named = measures.with_rate(measure, rate, vocab)
        if named is not None:
            scopes.discard(rate)
            return named
    if _OWN_RATE.search(measure):
        scopes.difference_update(_RATES)  # "Cost per inmate per year" under "Daily population and cost": a year's
    return measure


_OWN_RATE = re.compile(r"\b(?:per|a|each)\s+(?:year|day|week|month|hour)\b|\b(?:annual|yearly)\b")

_REPORTER_AFTER = re.compile(
    r"(?:['’]s[ \t]+(?:analysis|analyses|review|audit|report|survey|study|examination)\b|(?:[ \t]+\([A-Z]{2,8}\)|\))?"
    r"[ \t]+(?:found|determined|reported|estimated|analyzed|analysed|reviewed|concluded|noted|revealed|disclosed|"
    r"announced|said|stated|says|reports)[ \t]+that\b)"
)
# A list item that is only a label and its figure: "Male: 122,674", "Minimum – 26,734"
_LABEL_COLON = re.compile(
    r"[ \t\u00a0]*[A-Za-z\"“][\w'’\"“”/ -]{0,40}?[ \t\u00a0]*[:–—][ \t\u00a0]*(?:[$]|about[ \t]+)?$"
)
_NO_QUOTES = str.maketrans("", "", '"“”')
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")  # '"15 Most Wanted" fugitives': a list's name, its number no figure


def _synonym(vocab: measures.Vocabulary, phrase: str) -> str:
    return vocab.synonyms.get(phrase) or vocab.synonyms.get(measures.key(phrase)) or phrase


# (also past an acronym's bracket: "Immigration and Customs Enforcement’s (ICE) Homeland Security Investigations")
_NAME_GAP = re.compile(r"\)?[ \t\u00a0]*(?:'s|’s)?[ \t\u00a0]*\(?")


def _parts_named(text: str, ctx: VersionContext, claims: list[Claim], seen: dict[str, int]) -> list[Claim]:
    """A paragraph's breakdown of a count by what each part does: "nearly 220,000 VA employees … More than 193,000
    employees support VA's health care system … Approximately 13,000 employees are involved with providing
    benefits": a figure that cannot be the largest one's and says what its things do is that part of them
    (scope "benefits"), never a second, conflicting count of all of them."""
    largest: dict[tuple, Claim] = {}
    for c in claims:
        if c.value.unit == "count":
            key = (c.subject, c.measure, c.scope, c.period, c.value.unit)
            if key not in largest or c.value.stated > largest[key].value.stated:
                largest[key] = c
    out = []
    for c in claims:
        whole = largest.get((c.subject, c.measure, c.scope, c.period, c.value.unit))
        if (
            whole is None or whole is c or c.evidence.sentence == whole.evidence.sentence
            or c.value.interval.intersects(whole.value.interval)
        ):
            out.append(c)
            continue
        part = measures.part_done(text, c.evidence.end, c.measure)
        if not part:
            out.append(c)
            continue
        scope = "+".join(sorted({*(c.scope.split("+") if c.scope else ()), part}))
        base = claim_key(ctx.source, ctx.version, c.subject, c.measure, scope, c.evidence.quote, c.period)
        out.append(attrs.evolve(c, id=_next_id(base, seen), scope=scope))
    return out


def _not_shouted(text: str, named: list[subjects.Mention]) -> list[subjects.Mention]:
    """``named`` without the initials found only in lines set all in capitals.

    In "PARKS AND LANDS" every word looks like initials, so a configured "PARKS" there is only evidence of
    the name when the page also writes it in capitals among lower-case words ("PARKS manages 118 sites").
    """
    out: list[subjects.Mention] = []
    seen: dict[str, bool] = {}
    for m in named:
        token = text[m.start : m.end]
        if len(token) < 2 or len(token) > 6 or not token.isalpha() or not token.isupper() or not _shouted(text, m.start):
            out.append(m)
            continue
        if token not in seen:
            seen[token] = any(
                not _shouted(text, hit.start()) for hit in re.finditer(rf"(?<![\w-]){token}(?![\w-])", text)
            )
        if seen[token]:
            out.append(m)
    return out


def _shouted(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` is set in capitals with its line, or with two more words around it
    ("CASCADIA STATE PARKS AND WILDLIFE DEPARTMENT Facts at a Glance")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    if line.upper() == line and any(ch.isalpha() for ch in line):
        return True
    before = _CAPS_WORDS_BEFORE.search(text, start, pos)
    after = _CAPS_WORDS_AFTER.match(text, pos, end if end >= 0 else len(text))
    words = (len(before.group(0).split()) if before else 0) + (len(after.group(0).split()) if after else 0)
    return words >= 3


_CAPS_WORDS_BEFORE = guarded(r"(?:(?<![\w'’-])[A-Z][A-Z&'’.-]+ )+\Z", "A-Z")
_CAPS_WORDS_AFTER = re.compile(r"[A-Z][A-Z&'’.-]*(?: [A-Z][A-Z&'’.-]+(?![\w'’-]))*")


def _collapse(named: list[subjects.Mention], text: str) -> list[subjects.Mention]:
    """"ICE ERO", "ICE's HSI", "Homeland Security Investigations (HSI)": adjacent names are one mention."""
    out: list[subjects.Mention] = []
    for m in named:
        if out:
            gap = text[out[-1].end : m.start]
            if _NAME_GAP.fullmatch(gap):
                # The later name is the more specific one, unless it only repeats the first in brackets.
                keep = out[-1] if m.subject == out[-1].subject else m
                out[-1] = attrs.evolve(keep, start=out[-1].start, end=max(m.end, out[-1].end))
                continue
        out.append(m)
    return out


# --- Tables. --------------------------------------------------------------------------------------


def _table_claims(
    doc: ExtractedText,
    ctx: VersionContext,
    settings: ExtractionSettings,
    table: tables.Table,
    matcher: subjects.SubjectMatcher,
    vocab: measures.Vocabulary,
    qsettings: QuantitySettings,
    focus: _Focus | None,
    frame: _Frame | None,
    seen: dict[str, int],
    labels: dict,
    title_period: Period | None = None,
    source: ExtractedText | None = None,  # the page as written, for quotes (``doc`` is the text read)
) -> list[Claim]:
    source = source or doc
    heading = frame.span if frame is not None else None
    figures = tables.read_table(
        doc, table, matcher, vocab, qsettings, fiscal_start=settings.fiscal_year_start, heading=heading, labels=labels
    )
    out = []
    # Columns whose headers differ count different things even when their words fold to one measure
    # ("Total Ridership" and "Paratransit Trips" with "paratransit trips" a synonym of ridership): a row's
    # later such column keeps its header as a scope, so the two never meet as a conflict.
    first_column: dict[tuple, str] = {}
    for f in figures:
        subject = f.subject or (frame.focus.subject if frame is not None and frame.focus else None)
        subject = subject or (focus.subject if focus else None)
        if subject is None or not f.measure:
            continue
        measure, scopes = measures.normalise(f.measure, vocab)
        if not measure:
            continue
        measure = _strip_subject(measure, subject) or measure
        period = f.period or (frame.period if frame is not None else None) or title_period
        column = " ".join(f.col_label.split())
        unit = f.mention.quantity.unit
        same = (f.row_label, subject, measure, tuple(sorted(set(scopes) | set(f.scopes))), period, unit)
        if first_column.setdefault(same, column) != column:
            scopes = (*scopes, _column_scope(column))
        all_scopes = set(scopes) | set(f.scopes)
        if period is not None and (part := periods.part_of_year(period)):
            all_scopes.add(part)  # a column "Q1–Q3 2024" or "Year to date": not the year's total
        measure = _rate_named(measure, all_scopes, vocab)
        scope = "+".join(sorted(all_scopes)) or None
        m = f.mention
        quote = source.text[m.start : m.end]
        labels = " | ".join(x for x in (" ".join(f.row_label.split()), " ".join(f.col_label.split())) if x)
        sentence = f"{labels}: {quote}" if labels else quote
        read = _Read(m, m.start, m.end, subject, measure, scope, period, f.measure)
        out.append(_make_claim(source, ctx, read, sentence, True, seen))
    return out


def _by_last(m: re.Match[str]) -> dt.date:
    """The last day of the time a ``_BY_YEAR`` match names."""
    year = int(m.group("year"))
    month = periods.month_number(m.group("month")) if m.group("month") else None
    if month is not None:
        return periods.calendar_month(year, month).end
    if m.group("fy"):
        return periods.fiscal_year(year).end
    return dt.date(year, 12, 31)


def _column_scope(header: str) -> str:
    """A column header as a scope: its words without notes in brackets ("Paratransit Trips (thousands)")."""
    return " ".join(re.sub(r"\([^)]*\)", " ", header).lower().split()) or header.lower()


# --- Claims. ---------------------------------------------------------------------------------------


def _claim(doc: ExtractedText, ctx: VersionContext, sentence: _Sentence, read: _Read, seen: dict[str, int]) -> Claim:
    return _make_claim(doc, ctx, read, doc.text[sentence.start : sentence.end], sentence.current, seen)


_KEY_JSON = json.JSONEncoder(ensure_ascii=False)


def _key_json(key: list) -> str:
    """json.dumps(key, ensure_ascii=False): the same text, without the encoder json.dumps builds per call."""
    if all(x is None or type(x) is str for x in key):
        return "[" + ", ".join("null" if x is None else _JSON_STRING(x) for x in key) + "]"
    return _KEY_JSON.encode(key)


_JSON_STRING = json.encoder.encode_basestring  # how json writes a str with ensure_ascii=False


def claim_key(
    source: str, version: str, subject: str, measure: str, scope: str | None, quote: str, period: Period | None
) -> str:
    """What a claim's id is a digest of, but for its place among claims of the same key."""
    key = [source, version, subject, measure, scope, " ".join(quote.split()).casefold()]
    key.append(period.label if period else None)
    return _key_json(key)


def claim_id(key: str, n: int) -> str:
    """The id of the ``n``-th claim (from 0, in reading order) of one version with ``key``."""
    return "c-" + hashlib.sha256(f"{key}#{n}".encode()).hexdigest()[:16]


def _next_id(base: str, seen: dict[str, int]) -> str:
    """The id of the next claim of a version with key ``base`` (``seen`` counts those given so far)."""
    n = seen.get(base, 0)
    seen[base] = n + 1
    return claim_id(base, n)


def claim_as_of(period: periods.Period | None, version_date: dt.date | None) -> dt.date | None:
    """Where a claim stands on the time line: its period's end, else its version's date.

    An undated version's claim that names its own period ("In FY 2019 the budget was …") is placed like a dated
    one's; one that names none, or only a running total ("since 2003", "to date": they run to the page's unknown
    date), is undated.
    """
    if version_date is not None:
        return period.end if period is not None else version_date
    placeable = (
        period is not None and not periods.is_running_total(period) and period is not periods.UNANCHORED
        and dt.date.min < period.start and period.end < dt.date.max
    )
    return period.end if placeable else None


# A headline's verb of a figure's move, right before it: "rises to 4.4%", "eases to 3.6%", "falls 2%", "hits $1bn"
_HEADLINE = guarded(
    r"\b(?:rises|rose|falls|fell|eases|eased|climbs|climbed|drops|dropped|jumps|jumped|grows|grew|slows|slowed|"
    r"hits|hit|reaches|reached|tops|topped|increases|increased|decreases|decreased|declines|declined|doubles|doubled|"
    r"passes|passed|exceeds|exceeded|surpasses|surpassed)"
    r"(?:[ \t]+(?:to|by))?[ \t]+(?:about[ \t]+|nearly[ \t]+|almost[ \t]+|over[ \t]+|more[ \t]+than[ \t]+)?[$€£₹₱]?[0-9]",
    "cdefghijprst",
    re.IGNORECASE,
)
# A heading that is a label and its amount: "Budget Estimates 2023-24: Rs 4,860 crore", "Total budget: $5.2 billion"
_LABELLED_HEADLINE = re.compile(
    r"[A-Za-z0-9)]:[ \t]+(?:about[ \t]+|over[ \t]+|nearly[ \t]+)?(?:(?:Rs\.?|₹|US\$|\$|€|£)[ \t]?[0-9][0-9,.]*"
    r"(?:[ \t]*(?:crore|lakh|million|billion|bn|m)\b)?|[0-9][0-9,.]*[ \t]*(?:crore|lakh|million|billion|%)"
    # ("October 2024 BTO exercise: 6,920 flats in eight towns": a count of hundreds or more, of things named)
    r"|(?<![0-9])(?:[0-9]{1,3}(?:,[0-9]{3})+|(?!(?:19|20)[0-9]{2}[ \t])[1-9][0-9]{2,})[ \t]+[a-z]+s\b)",
    re.IGNORECASE,
)
# An index's level: "the all groups index stood at 127.4", "CPI all groups index (base 2015=100)"
_INDEX_MEASURE = re.compile(r"(?:\bindex|\b[A-Z]?[CPR]PI)$", re.IGNORECASE)


def _index_level(quantity: Quantity, measure: str) -> Quantity:
    """An index's level is in index points, never a count of anything."""
    if quantity.unit != "count" or _INDEX_MEASURE.search(measure) is None:
        return quantity
    return attrs.evolve(quantity, unit="index points")


def _without_owner(phrase: str, name: str) -> str:
    """``phrase`` without the "at/of/for/in/to <name>" that ends it ("Research spending at Halden" → "Research
    spending"); "" when it does not end so."""
    low = phrase.lower()
    for prep in (" at ", " of ", " for ", " in ", " to "):
        if low.endswith(prep + name):
            return phrase[: len(phrase) - len(prep) - len(name)]
    return ""


def _make_claim(
    doc: ExtractedText, ctx: VersionContext, read: _Read, sentence: str, current: bool, seen: dict[str, int]
) -> Claim:
    text = doc.text
    quote = text[read.start : read.end]
    period = read.period
    as_of = claim_as_of(period, ctx.date)
    base = claim_key(ctx.source, ctx.version, read.subject, read.measure, read.scope, quote, period)
    line, column = doc.source_position(read.start)
    return Claim(
        id=_next_id(base, seen),
        source=ctx.source,
        version=ctx.version,
        path=ctx.path,
        subject=read.subject,
        measure=read.measure,
        scope=read.scope,
        value=_index_level(read.mention.quantity, read.measure),
        period=period,
        as_of=as_of,
        evidence=Evidence(
            quote=quote,
            sentence=sentence,
            start=read.start,
            end=read.end,
            line=line,
            column=column,
            page=doc.source_page(read.start),
        ),
        version_date=ctx.date,
        current=current,
    )


__all__ = ["Block", "Reading", "VersionContext", "extract_claims", "read_claims"]
