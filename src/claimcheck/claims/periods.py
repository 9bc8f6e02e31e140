"""Periods a sentence names: fiscal and calendar years, quarters and partial years, "as of" dates, and the
periods only a version date can place ("so far this fiscal year", "last year")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from claimcheck.claims.leadchars import guarded
from claimcheck.claims.lowered import lower_cased, lower_pattern, lowered
from claimcheck.claims.model import Period

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# Month names and abbreviations, lower case, longest first (for patterns compiled with re.IGNORECASE).
MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))


def month_number(name: str) -> int | None:
    """1–12 for a month's name or abbreviation ("September", "Sept", "sep"), else None."""
    return _MONTHS.get(name.lower().rstrip("."))
_COUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
}  # fmt: skip
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_HALVES = {"first": 1, "second": 2, "1st": 1, "2nd": 2}


@attrs.frozen
class PeriodMention:
    start: int
    end: int
    period: Period
    explicit: bool = True  # False for periods that only make sense against a date ("this fiscal year")
    # How the period may be re-anchored once the sentence is known: "back" for "the year before", "a year
    # earlier" (a year before the period the sentence or passage speaks of, else the version date's);
    # "last" for "last year", "a year ago" (the same, but only after a compared figure: "up from 5 last year").
    anchor: str = ""


def fiscal_year(year: int, start: tuple[int, int] = (10, 1)) -> Period:
    """The fiscal year named ``year``; with the US start (10-01) FY2019 is 2018-10-01 … 2019-09-30."""
    month, day = start
    if (month, day) == (1, 1):
        return Period(f"FY{year}", dt.date(year, 1, 1), dt.date(year, 12, 31))
    begin = dt.date(year - 1, month, day)
    end = dt.date(year, month, day) - dt.timedelta(days=1)
    return Period(f"FY{year}", begin, end)


def fiscal_year_of(day: dt.date, start: tuple[int, int] = (10, 1)) -> int:
    """The fiscal year a date falls in."""
    month, d = start
    if (month, d) == (1, 1):
        return day.year
    return day.year + 1 if (day.month, day.day) >= (month, d) else day.year


def calendar_year(year: int) -> Period:
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))


def calendar_month(year: int, month: int) -> Period:
    """"in October 2023": labelled "2023-10", its first to its last day."""
    return Period(f"{year}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def split_year_fiscal(end_year: int, start: tuple[int, int]) -> Period:
    """A fiscal year written as the two calendar years it spans ("FY 2022-23"): named by the year it ends in,
    like every fiscal year (FY2023). The split form says the year straddles two calendar years, so a calendar
    fiscal year (start 01-01) cannot be meant: July 1 stands in for it then."""
    return fiscal_year(end_year, start if start != (1, 1) else (7, 1))


def academic_year(first: int) -> Period:
    """The academic year that starts in ``first``: "AY2022-23", July 1, 2022 … June 30, 2023 (the US federal
    award year and the IPEDS twelve-month reporting year), whatever the organisation's fiscal year."""
    return Period(f"AY{first}-{(first + 1) % 100:02d}", dt.date(first, 7, 1), dt.date(first + 1, 6, 30))


# An academic term: spring is January to May, summer June to August, fall September to December. Each is at most
# five months, so under the overlap rule a term is never the same period as its calendar year, its academic year
# or another term.
_TERMS = {"spring": ((1, 1), (5, 31)), "summer": ((6, 1), (8, 31)), "fall": ((9, 1), (12, 31))}


def academic_term(term: str, year: int) -> Period:
    """"fall 2023" (also "autumn 2023", "the fall 2023 semester"): labelled in lower case, like "fall 2023"."""
    term = "fall" if term == "autumn" else term
    (m1, d1), (m2, d2) = _TERMS[term]
    return Period(f"{term} {year}", dt.date(year, m1, d1), dt.date(year, m2, d2))


def _year(text: str) -> int:
    y = int(text)
    if y < 100:
        y += 2000 if y < 69 else 1900
    return y


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day ``months`` months after the first of ``day``'s month."""
    m = day.month - 1 + months
    return dt.date(day.year + m // 12, m % 12 + 1, 1)


def _first_months(base: Period, months: int) -> Period | None:
    """The first ``months`` months of ``base``, labelled like "FY2018 to 2018-08-20" ("2023 to 2023-09-30")."""
    if not 1 <= months < 12:
        return None
    end = _add_months(base.start, months) - dt.timedelta(days=1)
    return Period(f"{base.label} to {end.isoformat()}", base.start, end)


def _quarter(base: Period, n: int) -> Period | None:
    if not 1 <= n <= 4:
        return None
    start = _add_months(base.start, 3 * (n - 1))
    end = _add_months(base.start, 3 * n) - dt.timedelta(days=1)
    return Period(f"{base.label} Q{n}", start, end)


def _half(base: Period, n: int) -> Period | None:
    if n not in (1, 2):
        return None
    start = _add_months(base.start, 6 * (n - 1))
    end = _add_months(base.start, 6 * n) - dt.timedelta(days=1)
    return Period(f"{base.label} H{n}", start, end)


# A year as a part of a longer period phrase: "FY 2019", "fiscal year 2010", "fiscal 2023", "2023".
# A year written as the two calendar years it spans is the fiscal year it ends in: "the first six months of 2024/25".
_YEAR_PART = (
    r"(?:(?:S?FY\s?'?|(?:state\s+)?(?:fiscal|financial)(?:\s+year)?\s+)?(?P<{p}sp>(?:19|20)\d{{2}})\s?[-–/]\s?"
    r"(?P<{p}sp2>\d{{2}})(?![\d-])"
    r"|S?FY\s?'?(?P<{p}fy>\d{{4}}|\d{{2}})|(?:state\s+)?fiscal(?:\s+year)?\s+(?P<{p}fyl>(?:19|20)\d{{2}})"
    r"|(?:calendar(?:\s+year)?\s+|CY\s?)?(?P<{p}cy>(?:19|20)\d{{2}}))"
)


def _base(m: re.Match[str], prefix: str, fiscal_start: tuple[int, int]) -> Period:
    split = m.group(f"{prefix}sp")
    if split:
        y1 = int(split)
        if int(m.group(f"{prefix}sp2")) == (y1 + 1) % 100:
            return split_year_fiscal(y1 + 1, fiscal_start)
        return calendar_year(y1)
    fy = m.group(f"{prefix}fy") or m.group(f"{prefix}fyl")
    if fy:
        return fiscal_year(_year(fy), fiscal_start)
    return calendar_year(int(m.group(f"{prefix}cy")))


# "fiscal year FY 2017" and "Fiscal Year 2010 (FY10)" each name one period: the alternatives are ordered
# longest first so the whole phrase is one mention. A state fiscal year ("SFY 2024", "SFY2024", "State Fiscal Year
# (SFY) 2024") is the organisation's fiscal year, the configured one, and is labelled like it (FY2024).
_FY = re.compile(
    r"\b(?:(?:state\s+)?fiscal\s+years?\s+)?(?:S?FY\s?'?(?P<fy>\d{4}|\d{2})"
    r"|(?:state\s+)?(?:fiscal|financial)\s+(?:years?\s+)?(?:\(\s*S?FY\s*\)\s+)?(?P<fyl>(?:19|20)\d{2})"
    r"|(?<![\d-])(?P<fyb>(?:19|20)\d{2})\s+fiscal\s+year(?=\W|$)"  # ("closed the 2011 fiscal year")
    # ("requested $9.4 billion in the 2024 Budget": a budget named by its year is that fiscal year's)
    # ("The NTA's 2024 operating budget is $1.9 billion", "has a 2024 budget of …": its owner's too)
    r"|(?:(?<=the\s)|(?<=its\s)|(?<=their\s)|(?<=our\s)|(?<='s\s)|(?<=’s\s)|(?<=\ba\s))(?P<fyc>(?:19|20)\d{2})"
    r"(?=\s+(?:(?:President['’]s|proposed|enacted|adopted|approved|annual|operating|capital|total)\s+){0,2}budget\b))"
    r"(?:\s*\(\s*FY\s?'?\d{2,4}\s*\))?(?![\w-])",
    re.IGNORECASE,
)
# A calendar year after "in", "during", "calendar" …, or a label's year before its colon ("Capital Fund grant, 2022:",
# "Households housed (2023):"), or in brackets right after a figure ("Employees: 9,848 (2021)").
# What a year that opens a sentence is the subject of: "2017 was a record year", "2018 saw".
_YEAR_WAS = r"\s+(?:was|saw|brought|marked|proved|became|has\s+been|had\s+been)\b"
YEAR_WAS = re.compile(_YEAR_WAS)
_CAL = re.compile(
    r"(?:\b(?P<prep>(?:in|during|for|throughout)(?:\s+all\s+of)?|(?:in\s+)?calendar(?:\s+year)?|CY)\s+"
    r"|(?P<figure>(?<=\d\s\()|(?<=\d\()|(?<=\d\+\s\()|(?<=\d\+\()|(?<=illion\s\()|(?<=\d\s[bBmM]\s\()|(?<=\dbn\s\())|(?<=[a-z],\s)|(?<=\()"
    # ("2017 was a record year for the agency.": a sentence about a year, whose figures follow it)
    r"|(?P<subject>(?<![\s\S])|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?]\s\s))(?=(?:19|20)\d{2}" + _YEAR_WAS + r"))"
    r"(?P<year>(?:19|20)\d{2})\b(?![\w-])(?!\s?[–—/]\s?\d)"  # (not the first year of "in 2022–23")
    r"(?(prep)|(?(figure)(?=\))|(?(subject)|(?=\)?\s*:))))",
    re.IGNORECASE,
)
_AS_OF = re.compile(
    rf"\b(?:(?:as\s+(?:of|at)|(?<!\w)(?:at|by)(?=\s+the\s+end\s+of\s+(?:{MONTH_RE})))\s+"
    rf"(?:(?:the\s+end\s+of\s+)?(?P<month>{MONTH_RE})\.?\s+(?:(?P<day>\d{{1,2}}),?\s+)?)?"
    # "By September 30, 2023, the Corps had placed 7,410 volunteers": where the count stood that day
    rf"|by\s+(?=(?:{MONTH_RE})\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d)(?P<bymonth>{MONTH_RE})\.?\s+(?P<byday>\d{{1,2}}),?\s+"
    # the day first, as British English writes it: "as at 31 March 2024", "1,146 beds at 31 March 2024"
    rf"|(?:as\s+(?:of|at)|at)\s+(?P<dfday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dfmonth>{MONTH_RE})\.?,?\s+"
    r")(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
# "in the first nine months of 2023", "the first six months of fiscal year 2019", "in the first half of FY 2020"
_PARTIAL = re.compile(
    r"\b(?:in\s+|during\s+|over\s+)?the\s+first\s+(?P<n>\d{1,2}|"
    + "|".join(_COUNT_WORDS)
    + r")\s+months\s+of\s+(?:the\s+)?"
    + _YEAR_PART.format(p="a")
    + r"(?![\w-])",
    re.IGNORECASE,
)
_HALF_RE = re.compile(
    r"\b(?:in\s+|during\s+)?the\s+(?P<n>first|second|1st|2nd)\s+half\s+of\s+(?:the\s+)?"
    + _YEAR_PART.format(p="h")
    + r"(?![\w-])",
    re.IGNORECASE,
)
_QUARTER_RE = re.compile(
    # ("climbs 12% in third quarter of 2023": a headline leaves "the" out)
    r"\b(?:(?:in\s+|during\s+)?(?:the\s+)?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+(?:the\s+)?"
    + _YEAR_PART.format(p="q")
    + r"|Q(?P<qn>[1-4])\s+"
    + _YEAR_PART.format(p="r")
    + r")(?![\w-])",
    re.IGNORECASE,
)
# The same without a year: resolved against the version date ("in the first nine months of the year").
_PARTIAL_THIS = re.compile(
    r"\b(?:in\s+|during\s+|over\s+)?the\s+first\s+(?P<n>\d{1,2}|"
    + "|".join(_COUNT_WORDS)
    + r")\s+months\s+of\s+(?:the|this)\s+(?P<fiscal>fiscal\s+)?year\b",
    re.IGNORECASE,
)
# ("the year to date", "the year-to-date deficit": an organisation's year, as its reports count it)
_THIS_FY = re.compile(
    r"\b(?:(?:so\s+far\s+)?(?:this|the\s+current)\s+(?:fiscal|financial)\s+year(?:\s+to\s+date)?"
    r"|the\s+(?:(?:fiscal|financial)\s+)?year(?:\s+|-)to(?:\s+|-)date)\b",
    re.IGNORECASE,
)
# (not "its last year as the Office of …", "our first and last year": a final year, not the one before now)
_RELATIVE_YEAR = re.compile(
    r"(?<!\bits\s)(?<!\bour\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\band\s)"
    r"\b(?:(?P<last>last|past)|(?P<this>this|the\s+current))\s+(?P<fiscal>fiscal\s+)?year\b"
    r"(?!\s+(?:to\s+date|alone|as|of\s+(?:service|operation)))",
    re.IGNORECASE,
)
_RELATIVE_WORDS = re.compile(r"last|past|this|current")  # one of them is in every _RELATIVE_YEAR
# A year before the time the sentence speaks of: "up from 2,013 the year before", "the prior fiscal year",
# "a year earlier", "a year ago".
_PRIOR_YEAR = re.compile(
    r"\b(?:the\s+(?:previous|prior|preceding)\s+(?P<fiscal>fiscal\s+)?year(?!\s+(?:to\s+date|alone))"
    r"|the\s+(?P<fiscal2>fiscal\s+)?year\s+(?:before|prior|earlier)(?!\s+(?:last|the|a|an|its|their|our|that)\b)"
    r"|(?:a|one)\s+year\s+(?:earlier|before|prior|(?P<ago>ago))(?!\s+(?:the|a|an|its|their|our|that|to|than)\b)"
    r"|(?P<prev>previous|prior)\s+(?P<fiscal3>fiscal\s+)?year(?!\s+(?:to\s+date|alone))"
    r")",
    re.IGNORECASE,
)
# A running total with no year to start from: "has served 1.2 million meals to date", "over the past decade",
# "in the last five years". (Not "fiscal year to date", "2023 to date": those are years so far.)
_RUNNING = re.compile(
    r"\b(?:to\s+date|(?:over|in|during|across)\s+the\s+(?:past|last|previous)\s+(?:decade|(?P<n>\d{1,2}|"
    + "|".join(_COUNT_WORDS)
    + r")\s+years))\b",
    re.IGNORECASE,
)
_RUNNING_WORDS = ("to date", "decade", " years")  # one of them is in every _RUNNING match
# What may not come right before them: a year or part of one ("fiscal year to date"), "up to date".
_YEAR_BEFORE = re.compile(r"(?:year|fy\s?'?\d{2,4}|\d{4}|quarter|month|\bup|-)\s*$", re.IGNORECASE)
# A running total: "Since 2003, FCSA has seized …", "since its founding in 1998", "since FY 2015".
_SINCE = re.compile(
    r"\bsince\s+(?:(?:its|our|their|the|his|her)\s+(?:founding|inception|creation|establishment|launch|start"
    r"|beginning|opening|incorporation)\s+in\s+)?(?:(?P<fy>S?FY\s?'?|(?:state\s+)?fiscal\s+(?:year\s+)?))?(?P<year>(?:19|20)\d{2})"
    r"(?![\w-])(?!\s*(?:to|through|until|and)\s+(?:FY\s?)?(?:19|20)\d{2})",
    re.IGNORECASE,
)
# A year written as the two calendar years it spans: "FY 2022-23", "fiscal year 2022–23", "AY2023-24", "the
# 2022-23 academic year", "2021/22", "winter 2023-24", "the 2023–24 winter season". The second year must follow the
# first; otherwise ("FY 2025-2030", "FY2025-FY2030", "the 2025–2030 program") it is a span of years (_span). A
# qualifier before or after says which year it is; without one, the words around it must (_split_kind).
_SPLIT = re.compile(
    r"\b(?:(?P<fq>(?:state\s+)?(?:fiscal|financial)\s+years?\s+|S?FY\s?'?)|(?P<aq>(?:academic|school)\s+years?\s+|AY\s?)"
    r"|(?P<wq>winter\s+(?:season\s+)?(?:of\s+)?))?"
    r"(?P<y1>(?:19|20)\d{2})\s?(?P<sep>[-–—/])\s?(?P<fy2>S?FY\s?'?)?(?P<y2>(?:19|20)\d{2}|\d{2})(?![\w-])"
    r"(?:\s+(?P<fa>(?:fiscal|financial)\s+years?)\b|\s+(?P<aa>(?:academic|school)\s+years?)\b|\s+(?P<wa>winter)(?:\s+season)?\b"
    r"|(?P<fb>(?=\s+budget\b)))?",
    re.IGNORECASE,
)
# What says a bare "2022-23" is an academic or a fiscal year: the nearest of these words in its line. ("2022-23
# Annual Report" is left unread: a report's title year dates its figures of that year, but extraction would also
# give it to the report's statements about the present, "The Division serves 188,000 connections".)
_SPLIT_CONTEXT = re.compile(
    r"(?P<a>\bacademic|\bschool\s+year|\btuition|\benrol|\bstudents?\b|\bdegrees?\b|\bsemesters?\b"
    r"|\bfinancial\s+aid|\bcost\s+of\s+attendance|\bcommencement|\bgraduates?\b)"
    r"|(?P<f>\bfiscal|\bfinancial\s+years?\b|\bbudget|\bappropriations?\b|\brevenues?\b|\bexpenditures?\b)",
    re.IGNORECASE,
)
_SPLIT_GATE = re.compile(r"(?:19|20)\d\d\s?[-–—/]\s?(?:s?fy\s?'?)?\d\d")  # a window holds one before _SPLIT runs
# The same year in two digits each: "FY 22-23", "FY22-23", "financial year 22-23" (always a fiscal year), and, where
# the organisation's year runs across two calendar years, "during 22-23", "in 21/22" (the second the year after the
# first; not "in 22-23 weeks", "aged 18-19").
_SHORT_SPLIT = re.compile(
    r"\b(?:(?P<fq>(?:state\s+)?(?:fiscal|financial)\s+years?\s+|S?FY\s?'?)|(?P<prep>in|during|throughout)\s+)"
    r"(?P<y1>\d{2})\s?[-–/]\s?(?P<y2>\d{2})(?![\w%-])(?![.,]\d)"
    r"(?!\s*(?:per\b|percent|years?\b|year-olds?|months?\b|weeks?\b|days?\b|hours?\b|times\b))",
    re.IGNORECASE,
)
_SHORT_SPLIT_ANCHOR = re.compile(r"(?<![\d.,])\d\d\s?[-–/]\s?\d\d(?![\d.,])")
_SPLIT_REACH = 60  # characters either side of a bare split year looked at for those words
# "the fiscal year ending June 30, 2024", "fiscal year ended September 30, 2023": the fiscal year that ends there.
_FY_ENDING = re.compile(
    rf"\b(?:the\s+)?fiscal\s+year\s+end(?:ing|ed)\s+(?:on\s+)?(?P<month>{MONTH_RE})\.?\s+(?:(?P<day>\d{{1,2}}),?\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
# An academic term: "fall 2023", "Fall 2022 enrollment", "in the spring of 2024", "the summer 2023 term",
# "fall semester 2023".
_TERM = re.compile(
    r"\b(?:(?:in|during)\s+)?(?:the\s+)?(?P<term>fall|autumn|spring|summer)(?:\s+(?:semester|term))?\s+(?:of\s+)?"
    r"(?P<year>(?:19|20)\d{2})(?![\w-])(?:\s+(?:semester|term)\b)?",
    re.IGNORECASE,
)
# A calendar month: "in October 2023", "during March 2022" (a month and a year after "in", "during", "for" or
# "throughout"; a day before the year makes it a date, "in October 5, 2023" is not read). Labelled "2023-10".
_MONTH_IN = re.compile(
    rf"(?:\b(?P<mprep>in|during|for|throughout)\s+(?:the\s+month\s+of\s+)?|(?<=\())(?P<month>{MONTH_RE})\.?,?\s+"
    # ("(March 2024: 1,204)": a month's figure in brackets beside this one)
    r"(?P<year>(?:19|20)\d{2})\b(?![\w-])(?(mprep)|(?=:))",
    re.IGNORECASE,
)
# "since its establishment in March 2003", "since the creation of ICE in March 2003": the start of a running
# total, not a month's figure (a "since" earlier in the clause).
_SINCE_LEAD = re.compile(r"\bsince\s[^.;:!?]{0,60}$", re.IGNORECASE)
_THE_FY = re.compile(r"\b(?:in|during)\s+the\s+fiscal\s+year\b", re.IGNORECASE)


def _for_lowered(*patterns: re.Pattern[str], leads: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The same patterns for lower-cased text: case-sensitive, so several times faster than IGNORECASE, and guarded
    by ``leads``, the characters each one's matches start with."""
    return tuple(guarded(lower_pattern(p.pattern), lead) for p, lead in zip(patterns, leads, strict=True))


_ALL = (
    _PARTIAL, _HALF_RE, _QUARTER_RE, _SINCE, _FY, _AS_OF, _CAL, _PARTIAL_THIS, _THIS_FY, _RELATIVE_YEAR, _PRIOR_YEAR,
    _SPLIT, _FY_ENDING, _TERM, _MONTH_IN, _SHORT_SPLIT,
)  # fmt: skip
_ALL_LOWER = _for_lowered(
    *_ALL,
    leads=("diot", "dit", "1-4dfiqst", "s", "12fs", "ab", "12cdfit", "diot", "st", "lpt", "aopt", "12afsw", "ft",
           "adfist", "adfijmnost", "dfist"),
)  # fmt: skip


# Every period phrase holds a year, a two-digit "FY19" or the word "year": the patterns only run in short
# windows around those, which keeps a long page's scan short.
# (Plain literals, checked afterwards: a pattern that starts with a look-behind or a word boundary makes the
# regex engine try every position, several times slower than letting it skip to a possible first letter.)
_ANCHOR = re.compile(r"(?:19|20)\d\d|fy|year")
_FY_DIGITS = re.compile(r"\s?'?\d\d")
_BEFORE_ANCHOR = 72  # "in the first eleven months of fiscal year 2019": the longest lead-in
_AFTER_ANCHOR = 24  # "2010 (FY10)", "year to date"


_YEAR_ANCHOR = re.compile(r"(?:19|20)\d\d")


def _SFY_BEFORE(low: str, s: int) -> bool:  # noqa: N802
    """Whether the "fy" at ``s`` is the end of a word "sfy" (a state fiscal year, "SFY24")."""
    return low[s - 1] == "s" and (s == 1 or not low[s - 2].isalnum())


def _anchors(low: str, short_splits: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each match of _ANCHOR, as its finditer gives them: years by a pattern that starts with a
    digit, the words by str.find, which is several times faster than one pattern that may start with "f" or "y".
    With ``short_splits``, also every "22-23" (a year across two calendar years, "during 22-23")."""
    hits = [(m.start(), m.end()) for m in _YEAR_ANCHOR.finditer(low)]
    if short_splits:
        hits.extend((m.start(), m.end()) for m in _SHORT_SPLIT_ANCHOR.finditer(low))
    for word in ("fy", "year"):
        i = low.find(word)
        while i >= 0:
            hits.append((i, i + len(word)))
            i = low.find(word, i + 1)
    hits.sort()
    out: list[tuple[int, int]] = []
    last = -1
    for s, e in hits:
        if s >= last:  # finditer's matches never overlap ("fyear" is "fy")
            out.append((s, e))
            last = e
    return out


def find_periods(
    text: str,
    *,
    version_date: dt.date | None = None,
    fiscal_start: tuple[int, int] = (10, 1),
    anaphoric: bool = False,  # also "the year before", "a year earlier": for a caller that re-anchors them
) -> list[PeriodMention]:
    """Every period ``text`` names, in text order, non-overlapping (the longest phrase wins)."""
    windows: list[list[int]] = []
    low = lower_cased(text)
    if len(low) != len(text):
        low = text  # lower-casing changed offsets (rare scripts): scan as written, "FY" in capitals only
    running = _running_totals(text, low, version_date) + _the_quarters(low) if anaphoric else []
    if anaphoric and version_date is not None:
        running = sorted(
            running + _relative_terms(low, version_date) + _bare_months(low, version_date), key=lambda p: p.start
        )
    n = len(text)
    for s, e in _anchors(low, fiscal_start[0] not in (1, 10)):
        first = low[s]
        if first == "f":
            if not _FY_DIGITS.match(low, e) or (s > 0 and low[s - 1].isalnum() and not _SFY_BEFORE(low, s)):
                continue
        elif first == "y":
            if (s > 0 and low[s - 1].isalnum()) or (e < n and low[e].isalnum()):
                continue
        elif (s > 0 and low[s - 1].isdigit()) or (e < n and low[e].isdigit()):
            continue
        lo, hi = max(0, s - _BEFORE_ANCHOR), e + _AFTER_ANCHOR
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    if not windows:
        return running
    found: list[PeriodMention] = []
    # The patterns run on lower-cased text when it can stand in for the text (the same matches, faster).
    fast = lowered(text)
    scanned, patterns = (fast, _ALL_LOWER) if fast is not None else (text, _ALL)
    for lo, hi in windows:
        found.extend(
            _find_in(scanned, lo, min(hi, len(text)), version_date, fiscal_start, patterns, fast is not None, anaphoric)
        )
    if "election" in low or "census" in low or "referendum" in low:
        running = running + _event_days(text, found)
    if running:
        found.extend(r for r in running if not any(p.start < r.end and r.start < p.end for p in found))
    found.sort(key=lambda p: p.start)
    return found


# The day of an election or a census, whose figures it dates: "In the November 8, 2022 General Election, …", a
# statement's title "NOVEMBER 5, 2024 CONSOLIDATED PRESIDENTIAL GENERAL ELECTION", "the 7 March 2023 Census" (not
# any day "on" which something happened: a budget adopted on May 9 counts a year)
_EVENT_DAY = re.compile(
    rf"(?<![\w-])(?:(?P<month>{MONTH_RE})\.?\s+(?P<day>\d{{1,2}}),?|(?P<dfday>\d{{1,2}})\s+(?P<dfmonth>{MONTH_RE}),?)"
    r"\s+(?P<year>(?:19|20)\d{2})\s+(?:(?:general|primary|special|presidential|municipal|local|consolidated|statewide"
    r"|national)\s+){0,3}(?:election|census|referendum|primary)\b",
    re.IGNORECASE,
)


def _event_days(text: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """The days of the elections and censuses ``text`` names (a period of its own, "as of" the day)."""
    out = []
    for m in _EVENT_DAY.finditer(text):
        month = _MONTHS[(m.group("month") or m.group("dfmonth")).lower()]
        year, day = int(m.group("year")), int(m.group("day") or m.group("dfday"))
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            continue
        on = dt.date(year, month, day)
        end = m.end("year")
        if not any(p.start < end and m.start() < p.end for p in found):
            out.append(PeriodMention(m.start(), end, Period(f"as of {on.isoformat()}", on, on)))
    return out


def _running_totals(text: str, low: str, version_date: dt.date | None) -> list[PeriodMention]:
    """"to date", "over the past decade": found by their words (rare on a page), each looked at in a few words
    around it, so a long page's scan stays one str.find per word."""
    found: list[PeriodMention] = []
    for word in _RUNNING_WORDS:
        i = low.find(word)
        while i >= 0:
            lo = max(0, i - 40)
            for m in _RUNNING.finditer(text, lo, min(len(text), i + 24)):
                if m.start() <= i < m.end() and not _YEAR_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    found.append(PeriodMention(m.start(), m.end(), _running(m, version_date), explicit=False))
            i = low.find(word, i + 1)
    found.sort(key=lambda p: p.start)
    return [p for k, p in enumerate(found) if k == 0 or p.start >= found[k - 1].end]


# "during the quarter": the quarter the passage named before (re-anchored by the caller, as "the year before" is)
_THE_QUARTER = guarded(
    r"\b(?:in|during|for|over|across)\s+the\s+(?:same\s+)?quarter\b(?!\s+(?:of|ending|ended)\b)", "adfio"
)


def _the_quarters(low: str) -> list[PeriodMention]:
    """Each "during the quarter" of ``low``, to be read as the quarter named before it (anchor "same")."""
    if "quarter" not in low:
        return []
    return [PeriodMention(m.start(), m.end(), UNANCHORED, explicit=True, anchor="same") for m in _THE_QUARTER.finditer(low)]


# "73.4% in September": a month named without its year, the last such month up to the version date
_BARE_MONTH = guarded(
    r"\b(?:in|during)\s+(?P<month>january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b(?![\s,.]*(?:\d|of\b))",
    "di",
)


def _bare_months(low: str, on: dt.date) -> list[PeriodMention]:
    """Each "in September" of ``low`` as the latest September that started by the version date."""
    if "in " not in low and "during " not in low:
        return []
    found = []
    for m in _BARE_MONTH.finditer(low):
        month = _MONTHS[m.group("month")]
        year = on.year if month <= on.month else on.year - 1
        found.append(PeriodMention(m.start(), m.end(), calendar_month(year, month), explicit=True))
    return found


_TERM_WORDS = ("fall", "spring", "summer", "autumn")
# "this fall", "last spring", "next summer": a term placed by the version date. Looked for only before one of the
# term words, which are rare on a page (one str.find each).
_REL_TERM_BEFORE = re.compile(r"\b(this|last|next)\s+$")


def _relative_terms(low: str, on: dt.date) -> list[PeriodMention]:
    """"this fall" is the version year's fall term; "last fall" the latest that ended before the version date;
    "next fall" the first that starts after it."""
    found: list[PeriodMention] = []
    n = len(low)
    for word in _TERM_WORDS:
        i = low.find(word)
        while i >= 0:
            e = i + len(word)
            if (e >= n or not low[e].isalnum()) and (m := _REL_TERM_BEFORE.search(low, max(0, i - 6), i)):
                rel = m.group(1)
                year = on.year
                term = academic_term(word, year)
                if rel == "last":
                    while term.end >= on:
                        year -= 1
                        term = academic_term(word, year)
                elif rel == "next":
                    while term.start <= on:
                        year += 1
                        term = academic_term(word, year)
                found.append(PeriodMention(m.start(), e, term, explicit=False))
            i = low.find(word, e)
    return found


def _find_in(
    text: str,
    lo: int,
    hi: int,
    version_date: dt.date | None,
    fiscal_start: tuple[int, int],
    patterns: tuple[re.Pattern[str], ...] = _ALL,
    exact_window: bool = False,  # the lower-cased window holds every key word the patterns can match
    anaphoric: bool = False,
) -> list[PeriodMention]:
    partial, half_re, quarter_re, since_re, fy_re, as_of_re, cal_re = patterns[:7]
    partial_this, this_fy, relative_year, prior, split_re, fy_ending, term_re, month_in, short_split = patterns[7:]
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], period: Period | None, explicit: bool = True, anchor: str = "") -> None:
        if period is None or any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(PeriodMention(m.start(), m.end(), period, explicit, anchor))

    # Each pattern only where its key word is: most windows hold no more than "in 2022" or "FY 2019".
    window = text[lo:hi].lower()
    first = "first" in window
    if first:
        for m in partial.finditer(text, lo, hi):
            n = m.group("n").lower()
            add(m, _first_months(_base(m, "a", fiscal_start), int(n) if n.isdigit() else _COUNT_WORDS[n]))
    if "half" in window:
        for m in half_re.finditer(text, lo, hi):
            add(m, _half(_base(m, "h", fiscal_start), _HALVES[m.group("n").lower()]))
    for m in quarter_re.finditer(text, lo, hi) if ("quarter" in window or "q" in window) else ():
        if m.group("qn"):
            add(m, _quarter(_base(m, "r", fiscal_start), int(m.group("qn"))))
        else:
            add(m, _quarter(_base(m, "q", fiscal_start), _ORDINALS[m.group("n").lower()]))
    # (each only where its words are: a dash or slash that may follow a year, "fiscal", a term's name)
    if ("-" in window or "/" in window or "–" in window or "—" in window) and _SPLIT_GATE.search(window):
        for m in split_re.finditer(text, lo, hi):
            add(m, _split_year(m, text, fiscal_start))
    if ("-" in window or "/" in window or "–" in window) and _SHORT_SPLIT_ANCHOR.search(window):
        for m in short_split.finditer(text, lo, hi):
            add(m, _short_split_year(m, fiscal_start))
    if " to " in window or " through " in window or "–" in window:
        for m in _MONTH_SPAN.finditer(text, lo, hi):
            add(m, _month_span(m, fiscal_start))
    if " to " in window:
        for m in _SPLIT_TO.finditer(text, lo, hi):
            add(m, _split_to(m, text, fiscal_start))
    if "fiscal" in window and "end" in window:
        for m in fy_ending.finditer(text, lo, hi):
            add(m, _fy_ending(m))
    # (after a fiscal year's end: "the fiscal year ending June 30, 2025" is that fiscal year)
    if "month" in window or "year" in window or "quarter" in window:
        for m in _MONTHS_TO.finditer(text, lo, hi) if " to " in window or " end" in window else ():
            add(m, _months_to(m, fiscal_start))
        for m in _MONTH_QUARTER.finditer(text, lo, hi) if "quarter" in window else ():
            add(m, _months_to(m, fiscal_start))
    if "fall" in window or "spring" in window or "summer" in window or "autumn" in window:
        for m in term_re.finditer(text, lo, hi):
            add(m, academic_term(m.group("term").lower(), int(m.group("year"))))
    for m in since_re.finditer(text, lo, hi) if "since" in window else ():
        add(m, _since(m, version_date, fiscal_start), explicit=False)
    # Only where their key words are ("fy", "fiscal"; a year's "19" or "20"), when the window says so exactly.
    for m in fy_re.finditer(text, lo, hi) if (
        not exact_window or "fy" in window or "fiscal" in window or "budget" in window or "financial" in window
    ) else ():
        add(m, fiscal_year(_year(m.group("fy") or m.group("fyl") or m.group("fyb") or m.group("fyc")), fiscal_start))
    for m in as_of_re.finditer(text, lo, hi) if (
        "as " in window or "by " in window or "at " in window
    ) else ():
        add(m, _as_of(m))
    if "in " in window or "during " in window or "for " in window or "throughout " in window or "(" in window:
        for m in month_in.finditer(text, lo, hi):
            if not _SINCE_LEAD.search(text, max(0, m.start() - 70), m.start()):
                add(m, calendar_month(int(m.group("year")), _MONTHS[m.group("month").lower()]))
    for m in cal_re.finditer(text, lo, hi) if "19" in window or "20" in window else ():
        add(m, calendar_year(int(m.group("year"))))
    if version_date is not None and "year" in window:
        for m in partial_this.finditer(text, lo, hi) if first else ():
            n = m.group("n").lower()
            base = (
                fiscal_year(fiscal_year_of(version_date, fiscal_start), fiscal_start)
                if m.group("fiscal")
                else calendar_year(version_date.year)
            )
            add(m, _first_months(base, int(n) if n.isdigit() else _COUNT_WORDS[n]), explicit=False)
        for m in this_fy.finditer(text, lo, hi) if (
            not exact_window or "fiscal" in window or "financial" in window or "to date" in window or "to-date" in window
        ) else ():
            fy = fiscal_year(fiscal_year_of(version_date, fiscal_start), fiscal_start)
            end = _through_month(text, m, fy, version_date)
            add(m, Period(f"{fy.label} to {end.isoformat()}", fy.start, end), explicit=False)
        for m in relative_year.finditer(text, lo, hi) if not exact_window or _RELATIVE_WORDS.search(window) else ():
            anchor = "last" if m.group("last") else ""
            add(m, _relative_year(m, version_date, fiscal_start), explicit=False, anchor=anchor)
    if anaphoric and "year" in window:
        for m in prior.finditer(text, lo, hi):
            anchor = "last" if m.group("ago") else "back"
            add(m, _prior_year(m, version_date, fiscal_start), explicit=False, anchor=anchor)
    return found


def _split_year(m: re.Match[str], text: str, fiscal_start: tuple[int, int]) -> Period | None:
    y1 = int(m.group("y1"))
    y2 = m.group("y2")
    if m.group("fy2") or ((int(y2) != y1 + 1) if len(y2) == 4 else (int(y2) != (y1 + 1) % 100)):
        return _span(m, text, fiscal_start)  # "2019-22", "FY2022-FY2023": not one year
    if m.group("wq") or m.group("wa"):
        return winter_season(y1)
    kind = _split_kind(m, text)
    if kind == "f":
        return split_year_fiscal(y1 + 1, fiscal_start)
    if kind == "a":
        return academic_year(y1)
    if (
        fiscal_start[0] not in (1, 10) and (len(y2) == 2 or m.group("sep") == "/")  # ("in 2021/2022")
        and (
            _IN_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None
            or (
                _IN_THE_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None
                and _PERIOD_AFTER.match(text, m.end()) is not None
            )
            # ("Budget\n2021–22: £4.6 billion": a label's year, opening its line before a colon)
            or (_LINE_OPENS.search(text, max(0, m.start() - 8), m.start()) is not None and _COLON_AFTER.match(text, m.end()))
            # ("(2022/23: 161,208)": last year's figure beside this year's, as British accounts print it)
            or (m.start() > 0 and text[m.start() - 1] == "(" and _COLON_AFTER.match(text, m.end()) is not None)
            # ("2023/24 was another year of …", "1.2 2023/24 at a glance": a line that opens with the year is about
            # it; a slash writes no season, no span and no range)
            or (
                m.group("sep") == "/" and _SECTION_OPENS.search(text, max(0, m.start() - 12), m.start()) is not None
                and _WORD_AFTER.match(text, m.end()) is not None
            )
        )
    ):
        # "fell to 24.6% in 2022–23", "1,410 staff in 2012/13": where the organisation's year runs across two
        # calendar years, a bare split year is that year (a state's, a school district's, from July; the UK's and
        # Canada's, from April). Not the US federal year, which is named by the year it ends in ("FY 2023"):
        # there "2022–23" is as often a season or a typo.
        return split_year_fiscal(y1 + 1, fiscal_start)
    return None


def _short_split_year(m: re.Match[str], fiscal_start: tuple[int, int]) -> Period | None:
    """"FY 22-23" is FY2023; "during 22-23" only where the organisation's year starts in neither January nor
    October (as a bare "2022-23", see _split_year)."""
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 != (y1 + 1) % 100 or (not m.group("fq") and fiscal_start[0] in (1, 10)):
        return None
    return split_year_fiscal(_year(m.group("y2")), fiscal_start)


# "In 2011 to 2012", "the financial year 2012 to 2013": a year that runs across two calendar years, as the UK's
# government writes it. Read only with a fiscal qualifier, or after "in" where the configured year starts in
# neither January nor October (elsewhere "in 2011 to 2012" is as likely two years).
_SPLIT_TO = re.compile(
    r"\b(?P<fq>(?:fiscal|financial)\s+years?\s+)?(?P<y1>(?:19|20)\d{2})\s+to\s+(?P<y2>(?:19|20)\d{2})(?![\w-])",
    re.IGNORECASE,
)


def _split_to(m: re.Match[str], text: str, fiscal_start: tuple[int, int]) -> Period | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 != y1 + 1:
        return None
    if m.group("fq") or (
        fiscal_start[0] not in (1, 10) and _IN_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None
    ):
        return split_year_fiscal(y2, fiscal_start)
    return None


# ("in 2022–23", "during 2023-24": a time the figures are of; not "the 2023-24 Annual Report", "the 2024-25 season")
_IN_BEFORE = re.compile(r"\b(?:in|during|for|through|throughout)\s+\Z", re.IGNORECASE)
# "for the 2022/23 period", "in the 2021/22 year" (not "for the 2024-25 season")
_IN_THE_BEFORE = re.compile(r"\b(?:in|during|for|through|throughout)\s+the\s+\Z", re.IGNORECASE)
_PERIOD_AFTER = re.compile(r"\s+(?:period|year)\b", re.IGNORECASE)
_LINE_OPENS = re.compile(r"(?:\A|\n)[ \t]*\Z")
_COLON_AFTER = re.compile(r"[ \t]*:")
# "April to September 2024", "(October 2023 through March 2024)": months, the year after the last one
_MONTH_SPAN = guarded(
    rf"(?<![\w-])(?P<m1>{MONTH_RE})\.?(?:\s+(?P<y1>(?:19|20)\d{{2}}))?\s*(?:to|through|[–-])\s*(?P<m2>{MONTH_RE})\.?,?\s+"
    r"(?P<y2>(?:19|20)\d{2})\b",
    "adfjmnos",
    re.IGNORECASE,
)
_MONTHS_TO = guarded(
    r"(?<![\w-])(?:(?:the|a)\s+)?(?:(?P<n>[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven)[\s-]+months?"
    r"|(?P<yr>year|twelve\s+months)|(?P<qtr>quarter))\s+(?:to|ended|ending)\s+"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{MONTH_RE})\.?\s+(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b",
    "0123456789aefnoqsty",
    re.IGNORECASE,
)
# "the March 2024 quarter", "the June quarter 2023": the three months that end with that month, as statistics
# offices name a quarter
_MONTH_QUARTER = guarded(
    rf"(?<![\w-])(?:(?P<month>{MONTH_RE})\.?\s+(?P<year>(?:19|20)\d{{2}})\s+(?P<qtr>quarter)"
    rf"|(?P<month2>{MONTH_RE})\s+(?P<qtr2>quarter)\s+(?P<year2>(?:19|20)\d{{2}}))\b",
    "adfjmnos",
    re.IGNORECASE,
)
_SECTION_OPENS = re.compile(r"(?:\A|\n)[ \t]*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?[ \t]+)?\Z")  # "1.2 " before it
_WORD_AFTER = re.compile(r"[ \t]+[A-Za-z]")
_SPAN_MAX = 30  # years: "1990-2020" is a period; "1950-2000 calories" is not read as one


def year_span(first: int, last: int, fiscal_start: tuple[int, int] | None = None) -> Period:
    """The years ``first`` to ``last`` as one period, from the first's start to the last's end: "2024-2029"
    (calendar years), "FY2025-2030" (fiscal years, with ``fiscal_start``)."""
    if fiscal_start is None:
        return Period(f"{first}-{last}", dt.date(first, 1, 1), dt.date(last, 12, 31))
    a, b = fiscal_year(first, fiscal_start), fiscal_year(last, fiscal_start)
    return Period(f"FY{first}-{last}", a.start, b.end)


def _span(m: re.Match[str], text: str, fiscal_start: tuple[int, int]) -> Period | None:
    """A span of years written with a dash: "SFY 2025-2030", "FY2022-FY23" (fiscal years, also when the line
    speaks of budgets or revenues), "the 2025–2030 program", "2024–2029" (calendar years). The second year must be
    written in full or with its own "FY" ("FY 2023-25", "Ordinance 2019-22", "2021/25" are not read); academic and
    winter spans are not read."""
    if m.group("sep") == "/" or m.group("aq") or m.group("aa") or m.group("wq") or m.group("wa"):
        return None
    y1, y2s = int(m.group("y1")), m.group("y2")
    fiscal = bool(m.group("fq") or m.group("fy2") or m.group("fa") or m.group("fb") is not None)
    if len(y2s) == 2:
        if not m.group("fy2"):
            return None  # "FY 2023-25", "2019-22": too often a typo for a split year, or a number ("Ordinance 2019-22")
        y2 = y1 - y1 % 100 + int(y2s)
    else:
        y2 = int(y2s)
    if not 0 < y2 - y1 <= _SPAN_MAX:
        return None
    if not fiscal and _split_kind(m, text) == "f":
        fiscal = True  # "the 2025-2030 capital budget": the organisation's fiscal years
    return year_span(y1, y2, fiscal_start if fiscal else None)


def winter_season(first: int) -> Period:
    """"winter 2023-24", "the 2023–24 winter season": December 1, 2023 … March 31, 2024 (the months of snow and
    ice operations that every definition of the season shares). Four months: under the overlap rule a winter is
    never the same period as a calendar or fiscal year, only as the same winter."""
    return Period(f"winter {first}-{(first + 1) % 100:02d}", dt.date(first, 12, 1), dt.date(first + 1, 3, 31))


def _split_kind(m: re.Match[str], text: str) -> str:
    """"f" for a fiscal year, "a" for an academic one, "" when nothing says: a qualifier of its own ("FY",
    "academic year"), else the nearest telling word in its line ("Tuition and fees, 2023-24", "the 2023-24
    budget"); a bare "2022-23" with none of them is not read as a period."""
    if m.group("fq") or m.group("fa") or m.group("fb") is not None:
        return "f"
    if m.group("aq") or m.group("aa"):
        return "a"
    lo = max(0, m.start() - _SPLIT_REACH)
    nl = text.rfind("\n", lo, m.start())
    lo = nl + 1 if nl >= 0 else lo
    hi = min(len(text), m.end() + _SPLIT_REACH)
    nl = text.find("\n", m.end(), hi)
    hi = nl if nl >= 0 else hi
    best, kind = -1, ""
    for c in _SPLIT_CONTEXT.finditer(text, lo, hi):
        gap = m.start() - c.end() if c.end() <= m.start() else c.start() - m.end() if c.start() >= m.end() else 0
        if best < 0 or gap < best:
            best, kind = gap, "a" if c.group("a") else "f"
    return kind


def _fy_ending(m: re.Match[str]) -> Period | None:
    """The twelve months to the stated day (the month's last day when none is given), labelled by its year."""
    year, mo = int(m.group("year")), _MONTHS[m.group("month").lower()]
    last = calendar.monthrange(year, mo)[1]
    day = int(m.group("day")) if m.group("day") else last
    if not 1 <= day <= last:
        return None
    end = dt.date(year, mo, day)
    start = _minus_year(end) + dt.timedelta(days=1)
    return Period(f"FY{year}", start, end)


# The period of "the year before" in an undated version, until the sentence gives it a time to count back from.
UNANCHORED = Period("the year before", dt.date.min, dt.date.min)


def _prior_year(m: re.Match[str], on: dt.date | None, fiscal_start: tuple[int, int]) -> Period:
    """"the previous year" before anything else is known: the (fiscal) year before the version date's."""
    if on is None:
        return UNANCHORED
    if m.group("fiscal") or m.group("fiscal2") or m.group("fiscal3"):
        return fiscal_year(fiscal_year_of(on, fiscal_start) - 1, fiscal_start)
    return calendar_year(on.year - 1)


def _since(m: re.Match[str], on: dt.date | None, fiscal_start: tuple[int, int]) -> Period:
    """"since 2003": a running total, which holds at the version date (a total that has grown by the next
    version is a change, not a conflict); undated, the start of that year stands in for it."""
    year = int(m.group("year"))
    first = fiscal_year(year, fiscal_start) if m.group("fy") else calendar_year(year)
    since = f"since {first.label}"
    if on is None:
        return Period(since, first.start, first.start)
    return Period(f"{since} to {on.isoformat()}", on, on)


def _running(m: re.Match[str], on: dt.date | None) -> Period:
    """"to date", "over the past five years": a running total, which holds at the version date (undated: the
    latest date stands in, so that every name in use now is valid for it)."""
    words = m.group(0).lower().split()
    if words[0] == "to":
        label = "to date"
    else:
        n = m.group("n")
        years = 10 if n is None else int(n) if n.isdigit() else _COUNT_WORDS[n.lower()]
        label = f"past {years} years"
    if on is None:
        return Period(label, dt.date.max, dt.date.max)
    return Period(f"{label} to {on.isoformat()}", on, on)


_RUNNING_LABELS = ("since ", "to date", "past ")


def is_running_total(period: Period) -> bool:
    """Whether the period is a "since 2003" or "to date" one: the figure is a total over years, not one year's."""
    return period.label.startswith(_RUNNING_LABELS)


# A span of days up to a day: "2024 to 2024-09-30" ("in the first nine months of 2024"), "FY2025 to 2024-10-15"
# ("so far this fiscal year"), "2023-04-01 to 2023-12-31" ("the nine months to 31 December 2023")
# ("2024 Q1", "FY2025 H2": a quarter or a half is a part of a year of its own length)
_SPAN_TO_DAY = re.compile(r"(?:(?:FY|SFY)?\d{4}|\d{4}-\d\d-\d\d) to \d{4}-\d\d-\d\d|(?:FY|SFY)?\d{4} [QH][1-4]")


def part_of_year(period: Period) -> str | None:
    """"9 months" for a span shorter than a year that ends on a day, a quarter or a half, else None: a total over
    part of a year counts something else than the whole year's (and than a part of another length), so it never
    meets either (a half of a common year covers more than half of it)."""
    if _SPAN_TO_DAY.fullmatch(period.label) is None or period.start >= period.end:
        return None
    months = max(1, round(((period.end - period.start).days + 1) / 30.44))
    return None if months >= 12 else "1 month" if months == 1 else f"{months} months"


def _minus_year(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else dt.date(day.year - 1, 2, 28)


_LABEL_YEAR = re.compile(r"(?:19|20)\d{2}")
_AY_LABEL = re.compile(r"AY((?:19|20)\d{2})-\d{2}")


def year_before(period: Period) -> Period | None:
    """The same span a year earlier: FY2022 → FY2021, "2023 to 2023-09-30" → "2022 to 2022-09-30"."""
    if is_running_total(period) or period is UNANCHORED:
        return None
    m = _AY_LABEL.fullmatch(period.label)
    if m:
        return academic_year(int(m.group(1)) - 1)
    label = _LABEL_YEAR.sub(lambda y: str(int(y.group(0)) - 1), period.label)
    return Period(label, _minus_year(period.start), _minus_year(period.end))


# "Through the end of May, riders took 28.1 million trips so far this fiscal year": where the year so far stops
_THROUGH_MONTH = re.compile(rf"\bthrough\s+(?:the\s+end\s+of\s+)?(?P<month>{MONTH_RE})\b(?![\s,.]*\d)", re.IGNORECASE)
_THROUGH_REACH = 100  # characters before "so far this fiscal year" where its "through May" may stand


def _through_month(text: str, m: re.Match[str], fy: Period, on: dt.date) -> dt.date:
    """The end of the year so far that ``m`` names: the version date, or the end of the month a "through May" in its
    sentence names (the last such month inside the fiscal year, up to the version date)."""
    lo = max(0, m.start() - _THROUGH_REACH)
    stop = max(text.rfind(". ", lo, m.start()), text.rfind("\n", lo, m.start()))
    through = _THROUGH_MONTH.search(text, stop + 1 if stop >= 0 else lo, min(len(text), m.end() + 40))
    if through is None:
        return on
    month = _MONTHS[through.group("month").lower()]
    year = on.year if month <= on.month else on.year - 1
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    return end if fy.start <= end <= on else on


def _month_span(m: re.Match[str], fiscal_start: tuple[int, int]) -> Period | None:
    """"April to September 2024": the first month's first day to the last month's last day (the first month in the
    year before when it comes later in the calendar, "October to March 2024"), labelled from its fiscal or calendar
    year's start when it starts one, as a year to date is ("FY2025 to 2024-09-30")."""
    m1, m2 = _MONTHS[m.group("m1").lower()], _MONTHS[m.group("m2").lower()]
    y2 = int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
    start = dt.date(y1, m1, 1)
    end = dt.date(y2, m2, calendar.monthrange(y2, m2)[1])
    if not start < end or (end - start).days > 366:
        return None
    return _days(start, end, fiscal_start)


def _days(start: dt.date, end: dt.date, fiscal_start: tuple[int, int]) -> Period:
    """The days ``start`` to ``end``, labelled from the fiscal or calendar year they start, when they start one; a
    calendar quarter or half as "2024 Q1" and "2024 H2" are."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and end == _add_months(start, months) - dt.timedelta(days=1) and months in (3, 6):
        year = calendar_year(start.year)
        n = (start.month - 1) // months + 1
        if (start.month - 1) % months == 0:
            return _quarter(year, n) if months == 3 else _half(year, n)  # type: ignore[return-value]
    if (start.month, start.day) == fiscal_start and fiscal_start != (1, 1):
        fy = fiscal_year(fiscal_year_of(start, fiscal_start), fiscal_start)
        return fy if fy.end == end else Period(f"{fy.label} to {end.isoformat()}", start, end)
    if (start.month, start.day) == (1, 1):
        year = calendar_year(start.year)
        return year if year.end == end else Period(f"{start.year} to {end.isoformat()}", start, end)
    return Period(f"{start.isoformat()} to {end.isoformat()}", start, end)


def _months_to(m: re.Match[str], fiscal_start: tuple[int, int]) -> Period | None:
    """"the nine months to 31 December 2023", "the year ended June 30, 2024": the months that end on that day (or
    with that month)."""
    groups = m.groupdict()
    n = groups.get("n")
    if groups.get("month2"):
        months, year, month, day = 3, int(m.group("year2")), _MONTHS[m.group("month2").lower()], None
    else:
        count = int(n) if n and n.isdigit() else _COUNT_WORDS.get((n or "").lower(), 12)
        months = 12 if groups.get("yr") else 3 if m.group("qtr") else count
        year, month, day = int(m.group("year")), _MONTHS[m.group("month").lower()], groups.get("d1") or groups.get("d2")
    last = calendar.monthrange(year, month)[1]
    day = int(day or last)
    if not 1 <= months <= 12 or day > last:
        return None
    end = dt.date(year, month, day)
    after = end + dt.timedelta(days=1)
    k = after.year * 12 + after.month - 1 - months
    start = after.replace(year=k // 12, month=k % 12 + 1) if after.day <= 28 else None
    return None if start is None else _days(start, end, fiscal_start)


def _as_of(m: re.Match[str]) -> Period | None:
    year = int(m.group("year"))
    month = m.group("month") or m.group("bymonth") or m.group("dfmonth")
    given_day = m.group("day") or m.group("byday") or m.group("dfday")
    if month:
        mo = _MONTHS[month.lower()]
        last = calendar.monthrange(year, mo)[1]
        day = int(given_day) if given_day else last
        if not 1 <= day <= last:
            return None
        end = dt.date(year, mo, day)
        # ("at the end of September 2024": the month's last day)
        label = f"as of {end.isoformat()}" if given_day or "end" in m.group(0).lower() else f"as of {year}-{mo:02d}"
    else:
        end, label = dt.date(year, 12, 31), f"as of {year}"
    return Period(label, end, end)


def _relative_year(m: re.Match[str], on: dt.date, fiscal_start: tuple[int, int]) -> Period:
    """"last year" is the calendar (or fiscal) year before the version date's; "this year" is the version's
    own year so far."""
    if m.group("fiscal"):
        fy = fiscal_year_of(on, fiscal_start)
        if m.group("last"):
            return fiscal_year(fy - 1, fiscal_start)
        p = fiscal_year(fy, fiscal_start)
        return Period(f"{p.label} to {on.isoformat()}", p.start, on)
    if m.group("last"):
        return calendar_year(on.year - 1)
    return Period(f"{on.year} to {on.isoformat()}", dt.date(on.year, 1, 1), on)


_BARE_YEAR = re.compile(r"\s*(?:(?:CY|calendar\s+year)\s*)?((?:19|20)\d{2})\s*", re.IGNORECASE)


def label_period(text: str, fiscal_start: tuple[int, int] = (10, 1)) -> Period | None:
    """The period a table header or row label names: "FY 2022 Enacted", "2021", "Q2 2023"; None if none."""
    m = _BARE_YEAR.fullmatch(text)
    if m:
        return calendar_year(int(m.group(1)))
    found = find_periods(text, fiscal_start=fiscal_start)
    if found:
        return found[0].period
    return year_in_label(text)


_LOOSE_YEAR = re.compile(r"(?<![\w.,-])((?:19|20)\d{2})(?![\w.,-])")


# A day that ends a label: "Beneficiaries in Current-Payment Status, June 30, 2024", "Staff (30 June 2024)"
LABEL_MONTH = re.compile(rf"\s*(?P<month>{MONTH_RE})\.?,?\s+(?P<year>(?:19|20)\d{{2}})\s*", re.IGNORECASE)
# A day with its month's name, either way round: "June 30, 2024", "30 June 2024" (read by _day_of)
_MONTH_DAY_YEAR = (
    rf"(?:(?P<month>{MONTH_RE})\.?\s+(?P<day>\d{{1,2}}),?|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH_RE})\.?,?)"
    r"\s+(?P<year>(?:19|20)\d{2})"
)
_LABEL_DAY = re.compile(rf"(?<![\w-]){_MONTH_DAY_YEAR}[\s)\]]*\Z", re.IGNORECASE)


def _day_of(m: re.Match[str]) -> Period | None:
    """The day a _MONTH_DAY_YEAR match names, as the figures stood then; None for no such day ("31 June")."""
    month, day = m.group("month") or m.group("month2"), int(m.group("day") or m.group("day2"))
    try:
        on = dt.date(int(m.group("year")), _MONTHS[month.lower()], day)
    except ValueError:
        return None
    return Period(f"as of {on.isoformat()}", on, on)


# The day a heading opens on: "8 April 2024: two months on", "Update, 14 February 2024", "March 1, 2024"
_HEADING_DAY = re.compile(
    rf"[ \t]*(?:(?:Latest[ \t]+)?(?:Update|Updated)[ \t]*[:,–—-]?[ \t]*)?{_MONTH_DAY_YEAR}(?=[ \t]*(?:[:–—-]|\Z))",
    re.IGNORECASE,
)


def heading_day(text: str, start: int, end: int) -> PeriodMention | None:
    """The day a heading opens on, as the figures under it stood then ("8 April 2024: two months on", an update's
    heading), or None."""
    d = _HEADING_DAY.match(text, start, end)
    day = _day_of(d) if d is not None else None
    if day is None:
        return None
    return PeriodMention(d.start("month") if d.group("month") else d.start("day2"), d.end("year"), day)


def year_in_label(text: str) -> Period | None:
    """What label_period makes of a label in which find_periods finds no period: the day it ends on, as the
    figures stood then ("Beneficiaries in Current-Payment Status, June 30, 2024"), or a year standing alone in it
    ("2021", "Enacted 2022"), else None. For a caller that has run find_periods on the label already."""
    d = _LABEL_DAY.search(text)
    day = _day_of(d) if d is not None else None
    if day is not None:
        return day
    month = LABEL_MONTH.fullmatch(text)
    if month is not None:
        return calendar_month(int(month.group("year")), _MONTHS[month.group("month").lower()])  # "Aug 2024"
    m = _BARE_YEAR.fullmatch(text) or _LOOSE_YEAR.search(text)
    return calendar_year(int(m.group(1))) if m else None


def resolve_the_fiscal_year(text: str, context: Period | None, fiscal_start: tuple[int, int]) -> Period | None:
    """"in the fiscal year" means the fiscal year of the year in context (an "In 2017" earlier in the passage)."""
    if context is None or not _THE_FY.search(text):
        return None
    if context.label.startswith("FY"):
        return context
    if re.fullmatch(r"\d{4}", context.label):
        return fiscal_year(int(context.label), fiscal_start)
    return None
