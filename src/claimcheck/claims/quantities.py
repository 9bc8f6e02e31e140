"""Numeric quantities in text: find them, and turn each into the intervals it stands for."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal

import attrs

from claimcheck.claims import numbers
from claimcheck.claims.alternation import prefix_tree
from claimcheck.claims.leadchars import guarded
from claimcheck.claims.lowered import lower_cased
from claimcheck.claims.model import Interval, Quantity
from claimcheck.claims.row_figure import GLUED_LABEL, LINE_OPENING

__all__ = [
    "QuantityMention",
    "QuantitySettings",
    "find_quantities",
    "make_quantity",
    "parse_quantity",
    "scale_quantity",
    "unit_of_word",
]


@attrs.frozen(cache_hash=True)  # a cache key of every make_quantity call
class QuantitySettings:
    """The percentages of semantics.md's hedge table (fractions of the stated value)."""

    approx_tolerance: float = 0.05  # "approximately": x ± max(r, 5 % of x)
    likely_tolerance: float = 0.10  # cap of the likely interval of lower/upper bounds; width of "almost"
    rounding_cap: float = 0.025  # trailing-zero rounding is never wider than ± 2.5 % of the value


_DEFAULT = QuantitySettings()


@attrs.frozen
class QuantityMention:
    """One quantity expression found in a text, with its spans and what it means."""

    start: int  # the whole expression: hedge + currency + number + scale + unit word / percent sign
    end: int
    number_start: int  # the figure itself ("5.7", "7,000", "a million"); for a range "5–7"
    number_end: int
    quantity: Quantity
    hedge: str | None  # the hedge words as written ("more than"), or the inherited one
    unit_word: str | None  # "pounds", "percent", "dollars" … when the unit came from a word after the number


# --------------------------------------------------------------------------------------------
# Hedges (semantics.md table). Each maps to a family; the family fixes bound and interval shape.
# --------------------------------------------------------------------------------------------
_APPROX, _MORE, _AT_LEAST, _ALMOST, _UP_TO, _LESS = "approx", "more", "at-least", "almost", "up-to", "less"
_FAMILY_BOUND = {
    _APPROX: "approx",
    _MORE: "lower",
    _AT_LEAST: "lower",
    _ALMOST: "upper",
    _UP_TO: "upper",
    _LESS: "upper",
}
_HEDGES: dict[str, str] = {
    # the table
    "approximately": _APPROX,
    "about": _APPROX,
    "around": _APPROX,
    "roughly": _APPROX,
    "some": _APPROX,
    "an estimated": _APPROX,
    "-odd": _APPROX,
    "more than": _MORE,
    "over": _MORE,
    "above": _MORE,
    "exceeding": _MORE,
    "in excess of": _MORE,
    "well over": _MORE,
    "+": _MORE,
    "at least": _AT_LEAST,
    "no fewer than": _AT_LEAST,
    "a minimum of": _AT_LEAST,
    "almost": _ALMOST,
    "nearly": _ALMOST,
    "just under": _ALMOST,
    "close to": _ALMOST,
    "up to": _UP_TO,
    "at most": _UP_TO,
    "no more than": _UP_TO,
    "less than": _LESS,
    "under": _LESS,
    "fewer than": _LESS,
    # obvious synonyms of table rows, read the same way
    "approx.": _APPROX,
    "approx": _APPROX,
    "c.": _APPROX,  # "c. 9,500 employees": circa
    "ca.": _APPROX,
    "circa": _APPROX,
    "~": _APPROX,  # "~16,000"
    "estimated": _APPROX,
    "just over": _MORE,
    "well above": _MORE,
    "upwards of": _MORE,
    "-plus": _MORE,
    "no less than": _AT_LEAST,
    "not less than": _AT_LEAST,
    "or more": _AT_LEAST,
    "not more than": _UP_TO,
    "as many as": _UP_TO,
    "as much as": _UP_TO,
    "a maximum of": _UP_TO,
    "or fewer": _UP_TO,
    "or less": _UP_TO,
    "well under": _LESS,
    "below": _LESS,
    # verbs of the table's "exceeding" row: "spending exceeded $300 million", "applications topped 41,000" state a
    # figure passed, as "more than" does; negated, the figure is a ceiling ("not to exceed $5,000")
    "exceeded": _MORE,
    "exceeds": _MORE,
    "topped": _MORE,
    "tops": _MORE,
    "surpassed": _MORE,
    "surpasses": _MORE,
    "not exceeding": _UP_TO,
    "not to exceed": _UP_TO,
    "not exceed": _UP_TO,
    "not exceeded": _UP_TO,
    "never exceeded": _UP_TO,
    "never exceeds": _UP_TO,
}
# A verb hedge does not make a year a figure: "exceeded 2019 levels" compares with a year.
_VERB_HEDGES = frozenset(h for h in _HEDGES if h.endswith(("exceeded", "exceeds", "exceed", "topped", "tops", "surpassed",
                                                           "surpasses")))
_PREFIX_HEDGES = [h for h in _HEDGES if h[0].isalpha() and not h.startswith("or ")]
# The row of the table a bound reads as when its words are unknown: the widest guarantee.
_DEFAULT_FAMILY = {"lower": _AT_LEAST, "upper": _UP_TO}


@functools.lru_cache(maxsize=512)  # asked once or more for every hedged figure; a page writes only a few hedges
def _hedge_family(hedge: str) -> str | None:
    return _HEDGES.get(" ".join(hedge.lower().split()))


# --------------------------------------------------------------------------------------------
# Interval arithmetic
# --------------------------------------------------------------------------------------------
_SEPARATORS = str.maketrans("", "", ",\u2009\u202f\u00a0 ")
_HALF = Decimal("0.5")


@functools.lru_cache(maxsize=64)
def _tolerances(settings: QuantitySettings) -> tuple[Decimal, Decimal]:
    """(approx, likely) tolerances as Decimals, through their shortest decimal form."""
    return Decimal(repr(settings.approx_tolerance)), Decimal(repr(settings.likely_tolerance))


_DIGITS_ONLY = re.compile(r"[0-9]*\.?[0-9]*")


@functools.lru_cache(maxsize=4096)
def _rounding(digits: str, cap: float) -> tuple[Decimal, Decimal, bool]:
    """(r, u, trailing) of a figure written with the digits ``digits`` ("9800", "5.7"), in its
    written units (before the scale word).

    r: half a unit of the last digit; for an integer ending in zeros, half a unit of the last
    non-zero digit capped at ``cap`` (a fraction) of the value, but never below half a unit of
    the last digit. u: one unit of the last non-zero digit. trailing: the integer part ends in a
    zero (or the figure has decimals), i.e. the figure is not an exact count.
    """
    whole, _, frac = digits.partition(".")
    if frac:
        r = _HALF.scaleb(-len(frac))
        significant = frac.rstrip("0")
        if significant:
            u = Decimal(1).scaleb(-len(significant))
        elif whole.strip("0"):
            u = Decimal(1).scaleb(len(whole) - len(whole.rstrip("0")))
        else:
            u = Decimal(1).scaleb(-len(frac))
        return r, u, True
    zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    u = Decimal(1).scaleb(zeros)
    if zeros == 0:
        return _HALF, u, False
    return max(_HALF, min(_HALF * u, Decimal(repr(cap)) * Decimal(whole))), u, True


def _plain(d: Decimal) -> str:
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def _f(d: Decimal | None) -> float | None:
    return None if d is None else float(d)


def _iv(low: Decimal, high: Decimal | None, low_inc: bool = True, high_inc: bool = True) -> Interval:
    # Quantities are magnitudes (no sign is ever read), so no lower end goes below zero.
    if low < 0:
        low, low_inc = Decimal(0), True
    return Interval(_f(low), _f(high), low_inc, high_inc)


@functools.lru_cache(maxsize=8192)  # pages repeat their figures ("more than 400"); the Decimal work is the cost
def make_quantity(
    value: Decimal,
    *,
    bound: str,
    unit: str,
    digits: str,
    scale: Decimal = Decimal(1),
    settings: QuantitySettings = _DEFAULT,
    high: Decimal | None = None,
    inherited: bool = False,
    hedge: str | None = None,
) -> Quantity:
    """Build a Quantity with the stated and likely intervals of semantics.md.

    ``value`` is the figure as written and ``scale`` the factor of its scale word ("$5.7 billion":
    value 5.7, scale 1e9); ``digits`` is the figure as written ("5.7", "9,800", "20") so the
    rounding knows its last (non-zero) digit. ``bound`` is one of BOUNDS. ``hedge`` is the hedge
    wording ("more than", "at least", "nearly", "up to", "under", "+", …); it picks the row of the
    table within a bound. Without it, "lower" reads as "at least" [x, ∞) and "upper" as "up to"
    [0, x]: the widest guarantee, since the words are unknown. ``high`` is a range's upper end in
    the same written scale as ``value`` (bound "range", interval [x, y]); with bound "approx" it
    is the open upper end of a vague plural ("hundreds of thousands": [200000, 1000000)).
    Everything is computed in Decimal and converted to float only here.
    """
    x = value * scale
    if bound == "range":
        if high is None:
            raise ValueError("a range needs its upper end")
        y = high * scale
        iv = _iv(x, y)
        return Quantity(_f(x), unit, "range", iv, iv, inherited, _f(y))
    if bound == "approx" and high is not None:
        iv = _iv(x, high * scale, True, False)
        return Quantity(_f(x), unit, "approx", iv, iv, inherited)

    at, lt = _tolerances(settings)
    written = digits.translate(_SEPARATORS)
    if not _DIGITS_ONLY.fullmatch(written) or not written.strip("."):
        written = _plain(abs(value))
    r, u, trailing = _rounding(written, settings.rounding_cap)
    r = r * scale

    if bound == "exact":
        # A plain count without trailing zeros or a scale word is exact: "78 offices" is 78.
        if unit == "count" and scale == 1 and not trailing:
            r = Decimal(0)
        iv = _iv(x - r, x + r)
        return Quantity(_f(x), unit, "exact", iv, iv, inherited)
    if bound == "approx":
        half = max(r, at * x)
        iv = _iv(x - half, x + half)
        return Quantity(_f(x), unit, "approx", iv, iv, inherited)
    # A lower or upper bound (most figures are exact or approximate, and need neither the step nor the family).
    # How far above (below) x a careful reader places a lower (upper) bound:
    u = u * scale
    step = min(u, lt * x) if x > 0 else u
    family = _hedge_family(hedge) if hedge else None
    if family is None or _FAMILY_BOUND[family] != bound:
        family = _DEFAULT_FAMILY.get(bound)
    if family == _MORE:
        stated, likely = _iv(x, None, False, False), _iv(x, x + step, False, True)
    elif family == _AT_LEAST:
        stated, likely = _iv(x, None, True, False), _iv(x, x + step, True, True)
    elif family == _ALMOST:
        stated, likely = _iv(x - lt * x, x, True, False), _iv(x - step, x, True, False)
    elif family == _UP_TO:
        stated, likely = _iv(Decimal(0), x, True, True), _iv(x - step, x, True, True)
    elif family == _LESS:
        stated, likely = _iv(Decimal(0), x, True, False), _iv(x - step, x, True, False)
    else:
        raise ValueError(f"unknown bound {bound!r}")
    if inherited:
        # A hedge carried over a list ("more than 210 domestic and 55 overseas offices") may have been meant
        # for the first item only: the words also allow the bare figure, so no conflict is found with it.
        bare = Decimal(0) if unit == "count" and scale == 1 and not trailing else r
        if family in (_MORE, _AT_LEAST):
            stated = _iv(x - bare, None, True, False)
        elif family == _ALMOST:
            stated = _iv(x - lt * x, x + bare)
        else:
            stated = _iv(Decimal(0), x + bare)
    return Quantity(_f(x), unit, bound, stated, likely, inherited)


def scale_quantity(q: Quantity, factor: Decimal) -> Quantity:
    """Multiply a quantity's stated value and every interval end by ``factor``.

    For table notes such as "($ in thousands)". Works through the shortest decimal form of each
    float, so 61202.0 × 1000 is exactly 61202000.0.
    """
    factor = Decimal(factor)

    def mul(v: float | None) -> float | None:
        return None if v is None else float(Decimal(repr(v)) * factor)

    def miv(iv: Interval) -> Interval:
        return attrs.evolve(iv, low=mul(iv.low), high=mul(iv.high))

    return attrs.evolve(
        q, stated=mul(q.stated), stated_high=mul(q.stated_high), interval=miv(q.interval), likely=miv(q.likely)
    )


# --------------------------------------------------------------------------------------------
# Recognition. Two regex scans find candidate figures and number words; each candidate is then
# read with anchored regexes on a small window around it, so the whole pass stays linear.
# --------------------------------------------------------------------------------------------
_INLINE_SPACES = " \t\u00a0\u202f"
_SP = r"[ \t\u00a0\u202f]"  # one inline space: expressions never span a line break
_WS = _SP + "+"
_WORDNUM = re.compile(numbers.PATTERN, re.I)


# Two scans find where a number might start: a digit, or a word a spelled-out number can start
# with; the full word pattern is then matched there. Word starts are found in lower-cased text
# with a case-sensitive pattern, several times faster than a case-insensitive scan; it is used
# whenever lower-casing keeps every offset.
_DIGIT = re.compile(r"[0-9]")
_WORD_SRC = (
    r"(?:a(?=[ \t\u00a0]+(?:hundred|thousand|million|billion|trillion|dozen|half|quarter)\b)|"
    + prefix_tree(numbers.FIRST_WORDS)
    + r")\b"
)
_WORD_START_ANY_CASE = re.compile(r"\b" + _WORD_SRC, re.I)
# In lower-cased text the boundary before the word is read as the character before it: a pattern that starts
# with a character class lets the engine skip in C to the characters of that class, where a leading \b is tried
# at every position. In ASCII text a class of ASCII characters stands in for \W, whose test is slower.
_WORD_AT_START = re.compile(_WORD_SRC)
_WORD_AFTER_BREAK = re.compile(r"[^\w](" + _WORD_SRC + ")")
_WORD_AFTER_BREAK_ASCII = re.compile(r"[^0-9A-Za-z_](" + _WORD_SRC + ")")

# (Indian grouping too: "Rs 1,91,278 crore", a lakh and a crore of digits grouped in twos before the last three)
_FIGURE = re.compile(
    r"(?:[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])"
    r"|[0-9]{1,3}(?P<sep>[,\u2009\u202f\u00a0])[0-9]{3}(?![0-9])(?:(?P=sep)[0-9]{3}(?![0-9]))*|[0-9]+)"
    r"(?:\.[0-9]+)?"
)
# Groups of thousands with a space after each comma ("around 11, 200 staff", "43, 415, 604"): a caption's or a
# scrape's figure, read as one when nothing else fits (_spaced_figure).
_SPACED_FIGURE = re.compile(r"[0-9]{1,3}(?:, [0-9]{3}(?![0-9]))+(?:\.[0-9]+)?")
_LIST_GOES_ON = re.compile(r",?[ \t\u00a0]+(?:and|or|&)[ \t\u00a0]+[0-9]|,[ \t\u00a0]?[0-9]")
_SPACED_HEDGE = re.compile(
    r"(?:around|about|approximately|nearly|almost|over|some|roughly|than|of)[ \t\u00a0]+\Z", re.IGNORECASE
)
# ("3, 100 miles of coastline": a unit after it makes one figure of it)
_SPACED_UNIT = re.compile(
    r"[ \t\u00a0]+(?:miles|km|kilometres|kilometers|acres|hectares|square|sq|tonnes|tons|pounds|people|staff|"
    r"employees|members|visitors|volunteers)\b",
    re.IGNORECASE,
)
# Numbers that name things come in lists: "routes 101, 202, 303", "Nos. 114, 115"
_NUMBERED_BEFORE = re.compile(
    r"(?:routes?|rooms?|sections?|lines?|flights?|highways?|items?|pages?|chapters?|numbers?|nos?\.?|units?|"
    r"buildings?|gates?|platforms?|stops?|exits?|forms?|bills?|codes?)[ \t\u00a0]+\Z",
    re.IGNORECASE,
)


def _spaced_figure(text: str, p: int) -> re.Match[str] | None:
    """The spaced groups of thousands starting at ``p`` when they are one figure: more than one group ("43, 415,
    604"), a group of zeros ("22, 000 miles"), or a hedge before them ("around 11, 200 staff"); never a list that goes
    on ("rooms 12, 140 and 141")."""
    m = _SPACED_FIGURE.match(text, p)
    if m is None or _LIST_GOES_ON.match(text, m.end()) or _NUMBERED_BEFORE.search(text, max(0, p - 12), p):
        return None
    fig = m.group()
    if (
        fig.count(",") > 1 or ", 000" in fig or _SPACED_HEDGE.search(text, max(0, p - 16), p)
        or _SPACED_UNIT.match(text, m.end())
    ):
        return m
    return None


_FOUR_BY_FOUR = re.compile(r" [0-9]{4}(?![0-9.,]?[0-9])")
# Thousands grouped by plain spaces, as European style writes them ("EUR 1 250 000", "212 000 t")
_SPACE_GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3}(?![0-9]))+(?:\.[0-9]+)?")
_SPACE_GROUPED_UNIT = re.compile(r"(?: ?%| (?:t|kt|km²|km2|m²|m2|[Ee][Uu][Rr]|[A-Z]{3})(?![\w-]))")


def _space_grouped(text: str, p: int, currency: str | None) -> re.Match[str] | None:
    """The groups of thousands parted by plain spaces that start at ``p``, when a currency before them or a unit
    after them makes one figure of them (not "in 2023 400 staff", "rooms 12 140")."""
    m = _SPACE_GROUPED.match(text, p)
    if m is None or _NUMBERED_BEFORE.search(text, max(0, p - 12), p):
        return None
    if currency or _SPACED_UNIT.match(text, m.end()) or _SPACE_GROUPED_UNIT.match(text, m.end()):
        return m
    return None


_SCALE_FACTORS = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    # Indian English: a lakh is a hundred thousand, a crore ten million ("Rs 4,250 crore", "Rs 2.40 lakh crore")
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
    "cr": 10**7,
    "billion": 10**9,
    "b": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
# letters glued to a figure: "20k", "$233.2M", "5.7bn", "5kg"; anything else glued on ("3D",
# "1st", "10am", "5G") makes the token something other than a quantity
# ("£5,066million": a scale word written on, as annual reports' tables sometimes have it)
_ATTACHED = re.compile(
    r"(?:(?P<unit>kgs?|km|[cm]m|lbs?|[kMGT]Wh|[kMG]W|MGD|hPa)"
    r"|(?P<scale>(?i:thousand|million|billion|trillion|bn|mln|mn)|[kKmMbB]))"
    r"(?![0-9A-Za-z_])"
)
# Pence glued to a figure ("89p", not "5p.m."), and the pound they may be a share of ("82p of every £1", "for every £1
# donated, 82p …"); a figure glued to a calibre's or a film's type ("a 9mm pistol")
_PENCE = re.compile(r"p(?![\w'’-])(?!\.[A-Za-z])")
_EVERY_POUND_AFTER = re.compile(
    r"[ \t\u00a0]+(?:in|of|out[ \t\u00a0]+of)[ \t\u00a0]+(?:every|each)[ \t\u00a0]+£1\b(?![.,]\d)"
)
_EVERY_POUND_BEFORE = re.compile(
    r"\b(?:for|of)[ \t\u00a0]+(?:every|each)[ \t\u00a0]+£1\b(?![.,]\d)[^.;:!?\n]{0,60}\Z", re.IGNORECASE
)
_CALIBRE_AFTER = re.compile(
    r"[ \t\u00a0-]+(?:pistols?|handguns?|rifles?|guns?|ammunition|rounds?|cartridges?|calib(?:er|re)s?|film|cameras?"
    r"|lens(?:es)?|projectors?)\b",
    re.IGNORECASE,
)
# ("Rs 1.15 lakh crore", "Rs 20 thousand crore": a crore of lakhs or thousands)
_SPACED_SCALE = re.compile(
    _WS + r"(?P<scale>(?i:thousand|million|billion|trillion|bn|mln|mn|lakhs?|crores?))(?!\w)"
    r"(?:" + _WS + r"(?P<crore>(?i:crores?))(?!\w))?"
)
# "US$5.4 b", "$310 m": a scale letter standing apart, only after a currency sign (elsewhere "5 m" is metres)
# ("US$5.4 b (2022)": a side box's billions; "a €45 m budget", "cost €45 m.": after a currency a lone m or b is
# always a scale)
_SPACED_LETTER = re.compile(_WS + r"(?P<scale>[bBmM])(?![\w,$%&'’-]|\.\w)")
# "INR 700 Cr": a crore, only after rupees (elsewhere "Cr" is chromium or a councillor)
_SPACED_CR = re.compile(_WS + r"(?P<scale>Cr|cr)\.?(?![\w])")
# "96 million gallons per day": a flow of 96 MGD, the unit water utilities state it in, not 96,000,000 gallons
_MGD_AFTER = re.compile(_WS + r"gallons" + _WS + r"(?:per|a)" + _WS + r"day\b", re.I)
_PERCENT_SIGN = re.compile(r"[ \u00a0\u202f]?%")
# "48.3°C", "1.21 °C", "−9.4 ºC" (an ordinal sign typed for the degree sign): a temperature. A degree sign with no
# scale after it ("a 45° slope") is an angle or a temperature, and left a count.
_DEGREES = re.compile(r"[ \u00a0\u202f]?[°º˚][ \u00a0\u202f]?(?P<scale>[CF])(?![\w])")
_DEGREE_SIGNS = "°º˚"
# Tonnes by their symbols, in their own case ("5 T" is no tonne): "63,000 t", "189.5 kt", "1.4 million t"
_TONNE_SYMBOL = re.compile(r"[ \u00a0\u202f](?P<w>t|kt|Mt|MT)(?![\w-])")
_DATA_SYMBOL = re.compile(
    r"[ \u00a0\u202f](?P<w>PB(?![\w-])|TB(?=[ \t]+(?:of[ \t]+(?:data|products|imagery)|per[ \t]+day|a[ \t]+day)))"
)
_TONNE_SCALES = {"t": 1, "kt": 1000, "Mt": 10**6, "MT": 1}  # ("MT": metric tonnes, as Indian pages write them)
_SUFFIX_HEDGE = re.compile(r"\+(?![0-9])|-(?i:odd|plus)\b")
_PLUS_WORD = re.compile(
    r" plus(?=[ \t]+(?!(?:about|around|approximately|roughly|some|nearly|almost|over|more|less|up|an?|the|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?|dozens?)\b)[a-z])"
)
_OR_MORE = re.compile(_WS + r"(?P<h>or" + _WS + r"(?:more|fewer|less))\b(?!" + _WS + r"than)", re.I)

# unit words after the number → canonical unit
_UNIT_WORDS: dict[str, str] = {}
_KINDS_OF_HOURS = ("flight", "underway", "volunteer", "overtime", "patrol", "training", "labor", "labour", "staff",
                   "service", "work", "man", "person", "block", "engine", "operating", "revenue", "vessel", "boat")
_KINDS_OF_DAYS = ("patrol", "sea", "vessel", "ship", "bed", "person", "staff", "training", "sick", "fishing")
for _canon, _forms in {
    "percent": ["percent", "per cent", "pct"],
    "percentage points": ["percentage points", "percentage point"],
    # a rate's move as central banks give it ("raised by 25 basis points", "down 25 bp")
    "basis points": ["basis points", "basis point", "bps", "bp"],
    # a hundredth of the dollar (see _read_number): "about 11 cents a note"
    "cents": ["cents", "cent"],
    "USD": ["dollars", "us dollars", "u.s. dollars", "usd"],
    "EUR": ["euros", "euro", "eur"],
    "GBP": ["gbp"],
    "INR": ["rupees", "rupee", "inr"],
    "CHF": ["swiss francs", "swiss franc", "chf"],  # (not a bare "francs": also the CFA, Belgian, French franc)
    "pounds": ["pounds", "pound", "lbs", "lb"],
    "kilograms": ["kilograms", "kilogram", "kg", "kgs", "kilos", "kilo"],
    "grams": ["grams", "gram"],
    "ounces": ["ounces", "ounce", "oz"],
    "tons": ["tons", "ton", "short tons"],
    "tonnes": ["tonnes", "tonne", "metric tons", "metric ton", "metric tonnes", "metric tonne"],
    # water and waste as Indian cities count them: million litres a day, tonnes a day
    "MLD": ["mld"],
    "TPD": ["tpd"],
    # a length of road counted once per lane ("24,310 lane-miles") is not a length of road: its own unit
    "lane-miles": ["lane-miles", "lane-mile", "lane miles", "lane mile"],
    # a length measured one way ("centerline miles" of highway) or travelled ("vehicle miles", a traffic volume) is
    # a length in miles; the qualifier names what is measured (see _QUALIFIED_UNITS)
    "miles": ["miles", "mile", "centerline miles", "center-line miles", "center line miles", "vehicle miles",
              "vehicle-miles"],
    "mph": ["mph", "miles per hour", "miles an hour"],
    "nautical miles": ["nautical miles", "nautical mile"],
    "square miles": ["square miles", "square mile", "sq mi", "sq. mi.", "sq. mi", "sq mi.", "mi2", "mi²"],
    "square kilometers": ["square kilometers", "square kilometer", "square kilometres", "square kilometre", "sq km",
                          "sq. km", "sq km.", "km2", "km²"],
    # a speed in kilometres an hour, as a conversion beside miles an hour gives it ("100 mph (160 kph)")
    "kph": ["kph", "km/h", "kmph", "kilometers per hour", "kilometres per hour", "kilometers an hour",
            "kilometres an hour"],
    "knots": ["knots", "knot"],
    "cubic yards": ["cubic yards", "cubic yard"],
    # (a river's flow: "1,840 m³/s", "cumecs")
    "cubic meters per second": ["cubic meters per second", "cubic metres per second", "m3/s", "m³/s", "cumecs"],
    "cubic meters": ["cubic meters", "cubic meter", "cubic metres", "cubic metre", "m3", "m³"],
    "millimeters": ["millimeters", "millimeter", "millimetres", "millimetre", "mm"],
    "centimeters": ["centimeters", "centimeter", "centimetres", "centimetre", "cm"],
    "cubic feet": ["cubic feet", "cubic foot"],
    "kilometers": ["kilometers", "kilometer", "kilometres", "kilometre", "km"],
    "square feet": ["square feet", "square foot"],
    "square meters": ["square meters", "square meter", "square metres", "square metre", "sq m", "sq. m", "m2", "m²"],
    "feet": ["feet", "foot"],
    "meters": ["meters", "meter", "metres", "metre"],
    "acres": ["acres", "acre"],
    "hectares": ["hectares", "hectare", "ha"],
    "gallons": ["gallons", "gallon"],
    "liters": ["liters", "liter", "litres", "litre"],
    "barrels": ["barrels", "barrel"],
    # (hours of a kind are hours too: "98,600 flight hours" is a time, "volunteer hours" are counted in hours)
    "hours": ["hours", "hour", "hrs", "hr", *(f"{kind}{sep}{h}" for kind in _KINDS_OF_HOURS for sep in (" ",)
                                              for h in ("hours", "hour"))],
    # a deadline or a service time counts working days: "within 10 business days"
    "days": ["days", "day", "business days", "business day", "working days", "working day", "calendar days",
             "calendar day", *(f"{kind} {d}" for kind in _KINDS_OF_DAYS for d in ("days", "day"))],
    "weeks": ["weeks", "week"],
    # a stay's length ("an average of 7.4 nights"; "18.1 million bed nights" are counted, the noun after the figure)
    "nights": ["nights"],
    "months": ["months", "month"],
    "years": ["years", "year"],
    "minutes": ["minutes", "minute", "mins", "min"],  # "8.7 min" in a table cell
    "seconds": ["seconds", "second", "secs", "sec"],
    # power and energy as utilities publish them; each symbol is its own unit (no conversion between them)
    "W": ["watts", "watt"],
    "kW": ["kw", "kilowatts", "kilowatt"],
    "MW": ["mw", "megawatts", "megawatt"],
    "GW": ["gw", "gigawatts", "gigawatt"],
    "kWh": ["kwh", "kilowatt-hours", "kilowatt-hour", "kilowatt hours", "kilowatt hour"],
    "MWh": ["mwh", "megawatt-hours", "megawatt-hour", "megawatt hours", "megawatt hour"],
    "GWh": ["gwh", "gigawatt-hours", "gigawatt-hour", "gigawatt hours", "gigawatt hour"],
    "TWh": ["twh", "terawatt-hours", "terawatt-hour", "terawatt hours", "terawatt hour"],
    # water: a flow in million gallons per day ("96 million gallons per day" is 96 MGD, see _MGD_AFTER) and a
    # volume of stored water
    "MGD": ["mgd"],
    # data, each size its own unit as power is (the abbreviations are left out: "12 TB cases" is tuberculosis)
    "GB": ["gigabytes", "gigabyte"],
    "TB": ["terabytes", "terabyte"],
    "PB": ["petabytes", "petabyte"],
    "acre-feet": ["acre-feet", "acre-foot", "acre feet", "acre foot"],
    # greenhouse gas emissions as sustainability reports give them ("MtCO2e" is left out: written "mtCO2e" it is
    # as often metric tonnes as megatonnes)
    "tCO2e": ["tco2e", "tco₂e", "t co2e", "tonnes co2e", "tonnes of co2e", "tonnes of carbon dioxide equivalent"],
    "kgCO2e": ["kgco2e", "kg co2e", "kilograms of co2e"],
    "gCO2e": ["gco2e", "g co2e", "grams of co2e"],
    # an electricity grid's carbon intensity, its own unit: "38 g CO2e/kWh", "55 g/kWh"
    "gCO2e/kWh": ["gco2e/kwh", "g co2e/kwh", "g/kwh", "gco2e per kwh", "g co2e per kwh", "grams of co2e per kwh",
                  "grams per kwh", "g co₂e/kwh", "gco₂e/kwh"],
    # air pressure as weather services give it (a millibar is a hectopascal)
    "hPa": ["hpa", "hectopascals", "hectopascal", "millibars", "millibar", "mbar"],
    # temperatures (see _DEGREES for "°C"): a bare "degrees" is as often an angle or a university degree
    "°C": ["degrees celsius", "degree celsius", "degrees centigrade", "degrees c"],
    "°F": ["degrees fahrenheit", "degree fahrenheit", "degrees f"],
}.items():
    for _form in _forms:
        _UNIT_WORDS[_form] = _canon


# A rate per so many people: "37.9 per 100,000 residents", "5.9 deaths per 1,000 live births", "12 per 1 million".
# The denominator is part of the unit (a rate per 100,000 is never compared with a count, nor with a rate per
# 1,000); a generic population word adds nothing to it, another noun does ("per 1,000 live births").
_PER_AFTER = re.compile(
    r"(?:" + _WS + r"(?P<noun>[a-z]+s))?" + _WS + r"per" + _WS
    + r"(?P<n>1(?:0{0,6}|0{0,3}(?:,000){1,2}))(?![0-9]|[.,][0-9])"
    r"(?:" + _WS + r"(?P<sc>thousand|million)\b)?"
    r"(?:" + _WS + r"(?P<w1>[a-z]+)\b(?:" + _WS + r"(?P<w2>[a-z]+s)\b)?)?"
)
_POPULATION_WORDS = frozenset(
    "residents resident people persons population inhabitants individuals citizens capita".split()
)


def _per_population(text: str, e: int) -> tuple[str, int, bool] | None:
    """The unit and end of a rate per population written after a figure ending at ``e``, and whether a noun
    comes between the figure and "per"; None for no such rate."""
    m = _PER_AFTER.match(text, e)
    if m is None:
        return None
    base = int(m.group("n").replace(",", "")) * (_SCALE_FACTORS[m.group("sc")] if m.group("sc") else 1)
    if base < 10:
        return None  # "per 1 visit"
    unit, end = f"per {base:,}", m.end("sc") if m.group("sc") else m.end("n")
    w1, w2 = m.group("w1"), m.group("w2")
    counted = m.group("noun") is not None
    if w1 is None or w1 in _FUNCTION_WORDS or w1 in _NOT_DENOMINATORS:
        return unit, end, counted
    if w1 in _POPULATION_WORDS:
        return unit, m.end("w1"), counted
    if w2 is not None and w2 not in _FUNCTION_WORDS and w2 not in _NOT_DENOMINATORS:
        return f"{unit} {w1} {w2}", m.end("w2"), counted  # "per 1,000 live births"
    if w1.endswith("s"):
        return f"{unit} {w1}", m.end("w1"), counted  # "per 10,000 visitors"
    return unit, end, counted


def rate_unit_in(text: str) -> tuple[str, int, int] | None:
    """A rate's base in a label ("Rate per 100,000", "Deaths per 1,000 live births"): its unit and span."""
    m = _PER_IN_LABEL.search(text)
    if m is None:
        return None
    rate = _per_population(text, m.start())
    if rate is None:
        return None
    moved = _MOVED_AFTER.match(text, rate[1])  # "per 100 million vehicle miles traveled"
    return rate[0], m.start(), moved.end() if moved else rate[1]


_PER_IN_LABEL = re.compile(_WS + r"per" + _WS + r"1[0,]")
_MOVED_AFTER = re.compile(_WS + r"(?:traveled|travelled|driven|flown|served|enrolled)\b", re.I)
# words that follow a rate but do not name what it is per: "per 100,000 was", "per 1,000 compared with"
_NOT_DENOMINATORS = frozenset("was is has does this compared versus unless statewide nationwide".split())


def unit_of_word(word: str) -> str | None:
    """The canonical unit a unit word names ("Acres" → "acres", "lbs" → "pounds", a header's "(t)" → "tonnes"),
    or None."""
    if word.strip() == "t":
        return "tonnes"  # (the symbol in its own case: "T" is no tonne)
    return _UNIT_WORDS.get(" ".join(word.lower().split()))


# As a prefix tree: the same matches as the alternation of the forms longest first, and under re.I a branch per
# letter is tried rather than each of ninety forms.
_UNIT_ALT = prefix_tree(_UNIT_WORDS, space=_WS)
_UNIT_AFTER = re.compile(_WS + r"(?P<w>" + _UNIT_ALT + r")(?![\w-])", re.I)
# A size written as a compound adjective: "a 640-square-mile district", "a 68,000-square-foot warehouse", "a
# 12-mile line", "a 40-acre site", "a 3.2-mile-long trail". Only extents (area, distance, volume) are read: a
# duration ("a 3-year contract", "a 24-hour hotline") describes the thing rather than stating a figure anyone
# checks, and feet, pounds and tons mostly name a type ("40-foot buses", "a 110-foot cutter").
_HYPHEN_UNITS = {
    "square mile": "square miles", "square foot": "square feet", "mile": "miles", "nautical mile": "nautical miles",
    "acre": "acres", "hectare": "hectares", "kilometer": "kilometers", "kilometre": "kilometers",
    "cubic yard": "cubic yards", "cubic foot": "cubic feet", "cubic meter": "cubic meters",
    "cubic metre": "cubic meters", "gallon": "gallons", "acre foot": "acre-feet",
    "square meter": "square meters", "square metre": "square meters",
    # a rating of plant or equipment: "a 160-megawatt project", "a 40-MW battery"
    "kilowatt": "kW", "megawatt": "MW", "gigawatt": "GW", "kw": "kW", "mw": "MW", "gw": "GW",
    "kilowatt hour": "kWh", "megawatt hour": "MWh", "gigawatt hour": "GWh", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh",
}
_HYPHEN_UNIT = re.compile(
    r"[-‐](?P<w>" + "|".join(sorted((f.replace(" ", "[-‐]") for f in _HYPHEN_UNITS), key=len, reverse=True))
    + r")(?:[-‐](?:long|wide|deep))?(?![\w‐-])",
    re.I,
)
_HYPHENS_TO_SPACES = str.maketrans("-‐", "  ")
_HYPHEN_PERCENT = re.compile(r"[-‐](?:percent|per[-‐ ]cent)(?![\w‐-])", re.I)
# A capacity written as a compound adjective: "a 2,400-bed center", "a 1,200-space garage", "a 16-member board".
# The figure counts the hyphened noun of the thing named after it (the measure joins the two).
HYPHEN_COUNTS = {"bed": "beds", "space": "spaces", "seat": "seats", "room": "rooms", "member": "members",
                 "unit": "units", "berth": "berths", "gate": "gates"}
_HYPHEN_COUNT = re.compile(r"[-‐](?P<w>" + "|".join(HYPHEN_COUNTS) + r")(?![\w‐-])", re.I)
# Feet name a type below a thousand ("40-foot buses", "a 110-foot cutter") and a length above ("a 10,000-foot
# runway", "a 1,200-foot pier").
_HYPHEN_FEET = re.compile(r"[-‐](?P<w>foot|feet)(?:[-‐]long)?(?![\w‐-])", re.I)
# ... and metres below a hundred ("two 12-metre boats") and a length above ("a 2,700-metre runway")
_HYPHEN_METERS = re.compile(r"[-‐](?P<w>metres?|meters?)(?:[-‐](?:long|wide|deep|high))?(?![\w‐-])", re.I)
# the inches of a length in feet and inches: "8 feet 6 inches", "13 feet, 6 inches"
_INCHES_AFTER = re.compile(",?" + _WS + r"(?:and" + _WS + r")?(?P<n>[0-9]|1[01])" + _WS + r"(?i:inches|inch)(?![\w-])")
# Unit words whose first word qualifies the unit and names the measure ("11,640 centerline miles of state
# highway", "51.8 billion vehicle miles"): the figure is in the unit, but the expression ends before the words,
# which are left to say what is measured (as "5.9 deaths per 1,000 live births" leaves "deaths").
# "24,310 lane-miles in all" likewise: a lane-mile is its own unit, and the word is also what is measured.
_QUALIFIED_UNITS = frozenset(("centerline", "center-line", "center", "vehicle", "vehicle-miles", "lane-miles", "lane-mile",
                              "lane"))
_UNIT_OF_AFTER = re.compile(_WS + r"of" + _WS + r"(?P<w>" + _UNIT_ALT + r")(?![\w-])", re.I)

_CURRENCY_PREFIX = {
    None: "USD",
    "US": "USD",
    "U.S.": "USD",
    "A": "AUD",
    "AU": "AUD",
    "AUS": "AUD",
    "C": "CAD",
    "CA": "CAD",
    "CAN": "CAD",
    "NZ": "NZD",
    "HK": "HKD",
    "S": "SGD",
    "R": "BRL",
    "N": "NAD",
}
# A one-letter prefix must touch the sign: "A$850" is Australian, "A $850,000 grant" is an article and dollars.
# Two letters may stand apart ("US $5 billion", "HK $2 million").
# Rupees: "Rs 4,250 crore", "Rs.1,06,000 crore", "INR 700 Cr", "₹9,310 crore". Swiss francs: "CHF 61.3 million", and
# "KCHF 412,500" in thousands of them (the ICRC's accounts).
# Kenya shillings: "KSh 148.6bn", "Ksh. 2.9 billion", "KShs 3,500", "Sh2.1 billion" (a bare "Sh" only before a scale
# word or grouped thousands, as the rand's R). Philippine pesos: "₱3.9 billion", "PHP 1.2 million" (the code, as a
# bare "Sh", only so: "PHP 8.2" is a language's version).
# ISO 4217 codes read before a figure ("NOK 598m", "SEK 1.2 billion"); not SAR, ILS, AED or TRY, which name a
# search and rescue, a landing system, a defibrillator, and a verb, as often as money
CODES_BEFORE = (
    "USD", "EUR", "GBP", "INR", "CHF", "AUD", "CAD", "NZD", "HKD", "SGD", "JPY", "CNY", "SEK", "NOK", "DKK", "ISK",
    "PLN", "CZK", "HUF", "ZAR", "BRL", "MXN", "KRW", "NGN", "KES", "NAD", "PHP",
)
_GUARDED_CODES = frozenset(("PHP",))
_CODE_ALT = "|".join(CODES_BEFORE).replace("CHF", "K?CHF")  # "KCHF 412,500": in thousands
_CODE_ENDS = frozenset(code[-1] for code in CODES_BEFORE)
_CUR_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>" + _CODE_ALT + r")" + _SP + r"?"
    r"|(?<![A-Za-z])(?P<rs>Rs\.?|K[Ss]hs?\.?|(?P<sh>Sh)\.?)" + _SP + r"?"
    # (or a label glued on, as a side box's text gives it: "Annual budget$3.265 billion")
    # ("Annual budgetUS$2.3 b": a side box's label glued to "US$")
    r"|(?:(?:(?<![A-Za-z.])|(?<=[a-z])(?=US\$))(?:(?P<pre>US|U\.S\.|AUS|AU|CAN|CA|NZ|HK)" + _SP + r"?|(?P<pre1>A|C|S|R|N))?"
    r"|(?<=[a-z]))"
    r"(?P<sym>\\?\$)" + _SP + r"?"
    r"|(?P<sign>[€£₹₱])" + _SP + r"?"
    # the rand's R touching its figure: "R9.84 billion", "R1 245 600" (see _RAND_FIGURE)
    r"|(?<![A-Za-z0-9])(?P<rand>[RP]))\Z"
)
# What the rand's R must come before, or it is a road's or a form's letter ("R59", "R21"): a scale word or figures
# grouped by thousands
_RAND_FIGURE = re.compile(
    r"[0-9]{1,3}(?:[ ,\u00a0\u202f][0-9]{3})+(?![0-9])|[0-9]+(?:\.[0-9]+)?[ \u00a0]?(?:million|billion|bn|m|k|thousand)\b"
)
_CUR_FORWARD = re.compile(
    r"(?:(?P<code>" + _CODE_ALT + r")" + _SP + r"?"
    r"|(?P<rs>Rs\.?|K[Ss]hs?\.?|Sh\.?)" + _SP + r"?"
    r"|(?P<pre>US|U\.S\.|AUS|AU|CAN|CA|NZ|HK|A|C|S|R|N)?(?P<sym>\\?\$)" + _SP + r"?"
    r"|(?P<sign>[€£₹₱])" + _SP + r"?)(?=[0-9])"
)
_SIGN_CODES = {"€": "EUR", "£": "GBP", "₹": "INR", "₱": "PHP"}


def word_currency(word: str) -> str:
    """The code of a currency written as a word's letters before its figure: "Rs." rupees, "KSh" shillings."""
    return "INR" if word[:2] == "Rs" else "KES"


_WORD_BACKWARDS = re.compile(r"[\w.'’]*")
_GLUED_WORD = re.compile(r"[a-z](?=[A-Z][a-z]+\Z)")
_LAST_ASKED: list = [None, -1, None]  # the last (text, end) _word_before was asked about, and its answer


def _word_before(text: str, end: int) -> str | None:
    """The lower-cased word before the inline space that ends at ``end``: up to 16 word characters, dots or
    apostrophes; None when no space comes right before ``end``. Several phrase lists ask about the same figure,
    so the last answer is kept."""
    if _LAST_ASKED[0] is text and _LAST_ASKED[1] == end:
        return _LAST_ASKED[2]
    i = end
    while i > 0 and text[i - 1] in _INLINE_SPACES:
        i -= 1
    if i == end:
        word = None  # the phrase is always separated from the figure by a space
    else:
        j = i - _WORD_BACKWARDS.match(text[max(0, i - 16) : i][::-1]).end()
        word = text[j:i]
        glued = _GLUED_WORD.search(word)
        # ("Sworn officersApproximately 33,000": a side box's label glued to the value's hedge)
        word = (word[glued.start() + 1 :] if glued is not None else word).lower()
    _LAST_ASKED[:] = (text, end, word)
    return word


class _Before:
    """Which of some phrases ends right before a position, separated from it by inline space.

    The text before the position is reversed and matched from its start, so the cost does not
    grow with the window, as a search for a pattern anchored at the window's end would.
    """

    def __init__(self, phrases, *, space: str = _WS, width: int = 40) -> None:
        alt = "|".join(
            _WS.join(re.escape(w) for w in p[::-1].split(" ")) for p in sorted(phrases, key=len, reverse=True)
        )
        # after the reversed phrase: the start of the text or a character that cannot end a word
        # (or a lower-case letter, when the phrase starts with a capital: "officersApproximately")
        self._rx = re.compile(space + r"(?P<p>" + alt + r")(?:(?![\w-])|(?-i:(?<=[A-Z])(?=[a-z])))", re.I)
        self._width = width
        # The last word of every phrase: most figures follow some other word, and a set lookup turns them
        # away before any slicing or matching.
        self._lasts = frozenset(p.split(" ")[-1].lower() for p in phrases)

    def find(self, text: str, end: int, floor: int = 0) -> tuple[int, int] | None:
        """(start, stop) of the phrase ending before ``end``; never starting before ``floor``."""
        if _word_before(text, end) not in self._lasts:
            return None
        lo = max(0, end - self._width - 1)
        m = self._rx.match(text[lo:end][::-1])
        if m is None:
            return None
        start, stop = end - m.end("p"), end - m.start("p")
        return (start, stop) if start >= floor else None


_HEDGE_BEFORE = _Before(_PREFIX_HEDGES)
_RANGE_OPENER = _Before(["between", "from"], width=12)
# A verb or noun of change, then what changed (up to ten words, not a range's own word): "from X to Y" is then
# the level before and after ("amended from $15.0 million to $150.0 million", "an increase within the operations
# account for the Harbor Line program from …"; but "an increase in wages ranging from $2 to $5" is a range)
_MOVED_BEFORE = re.compile(
    r"\b(?:increas|decreas|ris|rose|grew|grow|fell|fall|dropp|drop|declin|climb|jump|expand|reduc|cut|rais|"
    r"doubl|tripl|halv|shrank|shrink|swell|went|moved|chang|boost|lower|lift|trim|slash|amend|revis)[a-z]*"
    # (and the change's own figure: "increased by £16million from …")
    r"(?:[ \t\u00a0]+(?!from\b)(?:[A-Za-z][\w'’-]*|[£$€₹]?\d[\d.,]*(?:[A-Za-z]+|%)?)){0,10}"
    r"(?<!range)(?<!ranges)(?<!ranging)(?<!vary)(?<!varies)"
    r"(?<!varying)[ \t\u00a0]*\Z",
    re.I,
)
# Title-case words after a figure with a capitalised little word among them: a name ("1,000 Books Before Kindergarten")
_TITLE_NAME_AFTER = re.compile(
    r"(?:[ \t]+[A-Z][a-z]+){1,3}[ \t]+(?:Before|After|Of|For|To|In|With|On|At|From|By|The|A)[ \t]+[A-Z][a-z]"
)
# a change reported as done, right before "by": "rose by", "has increased by"
_MOVED_PAST = re.compile(
    r"\b(?:rose|fell|grew|dropped|declined|climbed|jumped|increased|decreased|expanded|shrank|went[ \t\u00a0]+(?:up|down))"
    r"[ \t\u00a0]+by[ \t\u00a0]+\Z",
    re.I,
)
_BY_BEFORE = re.compile(r"(?<![\w-])by[ \t\u00a0]+\Z", re.I)
_RANGE_SEP = re.compile(
    r"(?P<hy>-(?=(?:US)?\\?[$€£]?[0-9]))"
    r"|(?P<en>" + _SP + r"?–" + _SP + r"?(?=(?:US)?\\?[$€£]?[0-9]))"
    r"|" + _WS + r"(?P<word>to|and|through|or)" + _WS,
    re.I,
)

# ---- traps: things that contain digits but are not quantities -----------------------------
# phone numbers: "(202) 732-4242", "202.732.4242", "+1 202 732 4242"
_PHONE = re.compile(
    r"(?:\+?1[-. \u00a0])?(?:\([0-9]{3}\)" + _SP + r"?|[0-9]{3}[-. \u00a0])[0-9]{3}[-. \u00a0][0-9]{4}(?![0-9])"
    # a trunk prefix's 0 opens the number elsewhere: "0300 123 4567", "020 7946 0018", "01632 960123", "(02) 9555 0199",
    # "04 931 4782"
    r"|(?:\+[0-9]{1,3}[ \u00a0](?:\(0\)[ \u00a0]?)?)?(?:0[0-9]{1,4}|\(0[0-9]{1,4}\))[ \u00a0]"
    r"(?:[0-9]{2,4}[ \u00a0][0-9]{3,4}|[0-9]{6})(?![0-9])"
    # Australian and other national service numbers: "13 22 00", "1300 555 123", "1800 555 123"
    r"|1[38]00[ \u00a0][0-9]{3}[ \u00a0][0-9]{3}(?![0-9])|13[ \u00a0][0-9]{2}[ \u00a0][0-9]{2}(?![0-9])"
    # a country code and the number without its 0: "+44 20 7946 0018", "+61 2 9555 0199"
    r"|\+[0-9]{1,3}[ \u00a0][0-9]{1,4}[ \u00a0][0-9]{3,4}[ \u00a0][0-9]{3,4}(?![0-9])"
    # numbers in pairs, as French (and French overseas) numbers are written: "+33 1 42 68 53 00", "+594 594 33 70 00",
    # "01 42 68 53 00"
    r"|\+[0-9]{2,3}[ \u00a0][0-9]{1,3}(?:[ \u00a0][0-9]{2}){3,4}(?![0-9])|0[1-9](?:[ .\u00a0][0-9]{2}){4}(?![0-9])"
)
_SHORT_CODE = re.compile(r"[0-9]{3}-[0-9]{3}(?![-0-9])")
# a latitude and longitude in decimal degrees, "38.8977, -77.0365": no figure is written to four decimals twice over
_COORDINATES = re.compile(r"(?P<lat>[0-9]{1,2}\.[0-9]{4,}),[ \t\u00a0]?-?(?P<lon>[0-9]{1,3}\.[0-9]{4,})(?![0-9])")
_TEXT_TO = re.compile(r"\b(?:text|sms|message)\b[^.;]{0,30}?\bto[ \t\u00a0]+\Z", re.I)
_PHONE_GATE = re.compile(
    r"(?:[0-9]|[0-9]{3})[-. \u00a0)][ \u00a0]?\(?[0-9]|0[0-9]{1,4}\)?[ \u00a0][0-9]|1[38]00[ \u00a0][0-9]|13[ \u00a0][0-9]{2}[ \u00a0]"
    r"|[0-9]{2,3}[ \u00a0][0-9]{1,4}[ \u00a0][0-9]{3}"
)
# the rest of a token that turned out not to be a quantity, with everything joined to it by
# hyphens, slashes, dots, colons or commas: "1-866-DHS-2-ICE", "2018-08-20", "05/13/2020", "1.2.3"
_CHAIN_REST = re.compile(r"[0-9A-Za-z]*(?:[-–‐/.:,][0-9A-Za-z]+)*")
# an ordinal list number at the start of a line: "1. Home", "  2) About"
_LINE_START = re.compile(LINE_OPENING)
_ENUM_AFTER = re.compile(r"[.)](?:\s|\Z)")
# a sentence's first words after a footnote's number ("3 Counts exclude", "2 Center-scale awards are", "2 FY 2023
# Actual includes")
_NOTE_AFTER = re.compile(r"[ \t]+(?:[A-Z][a-z]+(?:-[a-z]+)*|FY[ \t]?\d{2,4}(?:[ \t]+[A-Z][a-z]+)?)[ \t]+[a-z]")
# words that name a thing by number: "Title 19", "Section 8", "U.S. Code 1401", "version 2", a ballot's "Measure 2B"
_LABELS = """title titles section sections sec. subsection chapter article art. paragraph para. clause subpart
    u.s.c. u.s.c usc c.f.r. c.f.r cfr stat. pub._l. pub.l. public_law p.l. h.r. executive_order e.o. room suite ste.
    apt. bldg. hwy. interstate version ver. v. fig. figure appendix annex exhibit vol. volume no. nos. num. fy cy
    fiscal_year calendar_year episode season page pages p. pp. d.c. amendment precinct measure proposition prop. prop
    question channel ch. site category categories scope scopes note notes route routes age regions s. stage stages
    edition rev. revision code codes""".split()
_LABEL_BEFORE = _Before([w.replace("_", " ") for w in _LABELS], space=_SP + "{1,2}", width=24)
_SIGNS = "§#№"  # a sign before a figure, perhaps with a space or two: "§ 287", "#3" (see _sign_before)
# a capitalised word directly before a bare integer names it ("Area 51", "PBNDS 2011",
# "March 2011", "Overview 2019") unless it is a function word ("In 2009", "With 400")
_STATE_CODE = re.compile(r"[A-Z]{2}")
_CAP_WORD_BEFORE = re.compile(r"(?<![\w.&'’-])(?P<w>[A-Z][A-Za-z.&'’]*)" + _SP + r"{1,2}\Z")
_FUNCTION_WORDS = frozenset(
    """a an the this that these those its their our his her my your all some each every another other
    only just nearly almost about around approximately roughly over under above below more less fewer than
    at least most up to of in on by for from with without within into onto since until during after before
    between among across through per and or but nor so yet then now when where while as if because although
    though once still also even exactly precisely estimated total totaling totalling were was is are be been
    had has have will would can could may might must should shall there here we they he she it you who which
    what how why whom whose including excluding plus minus like against toward towards upon via beyond near
    off out down past no not first last next top well close exceeding excess upwards approx. circa ca.""".split()
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
_MONTH_BEFORE = re.compile(r"(?<![\w-])" + _MONTH + r"\.?" + _WS + r"\Z")  # (capitalised: "May", not "may")
_MONTH_AFTER = re.compile(r"(?:" + _WS + r"|-)" + _MONTH + r"\b")
# (after a figure: a statute's, a time of day, a radio frequency "99.1 FM"; or the start of a span of hours,
# "6–9 a.m.", "from 6 to 9 a.m.")
_AFTER_TRAP = re.compile(
    r"(?:[ \t\u00a0]*(?:[-–—]|to)[ \t\u00a0]*\d{1,2}(?:[:.]\d\d)?(?=" + _SP + r"?(?:[aApP]\.[mM]\.|(?:am|pm|AM|PM)\b)))?"
    + _SP + r"?(?:U\.S\.C\b|USC\b|C\.F\.R\b|CFR\b|Stat\.|[aApP]\.[mM]\.|(?:am|pm|AM|PM)\b|o['’]clock\b|FM\b|MHz\b|kHz\b)"
)
# (a street's name may be in any alphabet's letters: "64 Kōwhai Street")
_STREET_AFTER = re.compile(
    _WS + r"(?:[NSEW]\.?" + _WS + r")?(?:[0-9]+(?:st|nd|rd|th)|[A-Z](?:[a-z]|[^\W\d_a-zA-Z])+(?:-[A-Z](?:[a-z]|[^\W\d_a-zA-Z])+)?|[A-Z])(?:" + _WS
    + r"[A-Z](?:[a-z]|[^\W\d_a-zA-Z])+){0,2}" + _WS
    + r"(?:St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Ln|Lane|Way|Pl|Place|Ct|Court|Pkwy|Parkway"
    r"|Hwy|Highway|Sq|Square|Ter|Terrace|Cir|Circle|Route"
    # (British and Commonwealth streets: "40 Aldgate Row", "7 Harbour Quay")
    r"|Row|Crescent|Close|Mews|Quay|Wharf|Embankment|Parade|Grove|Esplanade"
    # a mall, plaza or building named in an address line: "400 Capitol Mall, Suite 1200", "2 Founders Hall, Room
    # 214". A count would be followed by a plural; a singular name and a comma continue an address.
    r"|(?:Mall|Plaza|Hall|Building|Tower|Center|Centre)(?=" + _SP + r"*(?:,|\n|\Z)))\b"
)
# A postcode after the street or box of its address line, before the line's end, a separator or its town
_ADDRESS_BEFORE = re.compile(
    r"\d+[A-Za-z]?[ \t\u00a0]+(?:[A-Z][\w'’-]+[ \t\u00a0]+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Way|Row"
    r"|Quay|Wharf|Crescent|Close|Place|Square|Boulevard|Terrace)\b|\bP\.?[ \t\u00a0]?O\.?[ \t\u00a0]+Box\b"
    r"|\bPrivate[ \t\u00a0]+Bag\b|[a-zæøåäö](?:veien|vegen|gata|gatan|vej|vägen|straße|strasse|weg)[ \t\u00a0]+\d"
)
_POSTCODE_END = re.compile(r"[ \t\u00a0]*(?:\n|\Z|,|·|\||[A-Z][a-zæøåäö])")
# A street named without its kind, before a suite or room: "1670 Broadway, Suite 1900"
_SUITE_AFTER = re.compile(
    _WS + r"[A-Z][a-z]+(?:" + _WS + r"[A-Z][a-z]+){0,2}," + _WS + r"(?:Suite|Ste\.?|Room|Rm\.|Floor|Unit)" + _WS
    + r"[0-9A-Z]"
)
_QUOTED_NAME_REST = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*){1,4}[”\"]")
_PHONE_MENU_WORDS = frozenset(("extension", "ext.", "ext", "press", "option"))
_DENOMINATION_AFTER = re.compile(r"(?:[ \t]+(?:and|or)[ \t]+\$\d{1,3})*[ \t]+(?:bank)?(?:notes?|bills?|coins?)\b")
# Years. A bare four-digit 1900–2099 figure (no separator, no decimals, no scale, unit or
# currency) is a year, unless it has a hedge of its own ("more than 2000") or is followed by a
# plural counted noun ("2000 pounds", "2000 kidnappings") without a year word before it
# ("in 2009", "since 2003", "FY 2019", "the 2011 standards", "ICE's 2019 budget").
_YEAR_CONTEXT = _Before(
    """in since by during until till through thru from before after the this that its their our fy cy year mid
    early late spring summer fall autumn winter circa ca. january february march april may june july august
    september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. jan feb
    mar apr jun jul aug sep sept oct nov dec""".split(),
    width=24,
)
# "one in five removals", "1 out of every 4 adults": a ratio, not a count of five or of one. Only a small
# first number below the second: "51 in 34 countries" counts offices in countries.
_RATIO_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "twenty": 20, "hundred": 100, "thousand": 1000}
_SMALL_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|a\s+thousand)\b"
_RATIO_LINK = _WS + r"(?:(?:in|out" + _WS + r"of)(?:" + _WS + r"every)?|of" + _WS + r"every)" + _WS  # ("70 of every 100")
_RATIO_BEFORE = re.compile(r"(?<![\w.,])(?P<n>[0-9]{1,2}|" + _SMALL_WORDS + r")" + _RATIO_LINK + r"\Z", re.I)
_RATIO_AFTER = re.compile(
    _RATIO_LINK + r"(?P<n>(?!(?:19|20)[0-9]{2}(?![0-9]|[.,][0-9]))[0-9]+(?:,[0-9]{3})*(?![0-9]|[.,][0-9])|"
    + _SMALL_WORDS + r")",
    re.I,
)


def _ratio_term(words: str) -> int:
    """The value of a ratio's number as _RATIO_BEFORE and _RATIO_AFTER match it."""
    last = words.split()[-1].lower()
    return _RATIO_WORDS[last] if last in _RATIO_WORDS else int(last.replace(",", ""))


def _plain_whole(a: _Atom) -> bool:
    return a.currency is None and a.scale == 1 and a.unit == "count" and a.value == a.value.to_integral_value()


_RATIO_SPACES = " \t\u00a0\u202f"


def _in_ratio(text: str, a: _Atom, floor: int) -> bool:
    """Whether the figure is the second term of a ratio: the "five" of "one in five"."""
    # Asked of every figure: a look at the word before it turns nearly all away before any pattern runs.
    before = text[max(floor, a.number_start - 8) : a.number_start].rstrip(_RATIO_SPACES)
    if not before.endswith(("in", "every", "of")):
        return False
    if not _plain_whole(a):
        return False
    before = _RATIO_BEFORE.search(text, max(floor, a.number_start - 40), a.number_start)
    return before is not None and _ratio_term(before.group("n")) < a.value


def _as_ratio(text: str, a: _Atom) -> _Atom | None:
    """"one in five", "1 out of every 8" as the share it states (20 %, 12.5 %), or None for another figure."""
    e = a.number_end
    if not text.startswith((" in", " out", " of"), e) and not (e < len(text) and text[e] in _RATIO_SPACES[1:]):
        return None  # asked of every figure: most are followed by anything but "in", "out of" or "of every"
    if not _plain_whole(a) or a.value < 1:
        return None
    after = _RATIO_AFTER.match(text, e)
    if after is None:
        return None
    whole = _ratio_term(after.group("n"))
    # (a larger first term only of a round whole: "nearly 70 of every 100 veterans", not "51 in 340 cases")
    if a.value >= whole or (a.value > 20 and whole not in (100, 1000)):
        return None
    share = Decimal(100) * a.value / whole
    share = share.quantize(Decimal(1).scaleb(min(share.adjusted() - 2, 0))).normalize()  # three figures
    digits = format(share, "f")
    return a.replace(
        end=after.end(), number_end=after.end(), value=share, digits=digits, unit="percent", unit_word=None,
        word=False, approx=False, plain=False, suffix_hedge=None,
    )


# A conversion or definition, one amount set equal to another: "15 credit hours = 1 FTE", "1 acre-foot = 325,851
# gallons". Neither side is a figure anyone reports; a total after a label ("Total = 1,234") is.
_EQUALS_AFTER = re.compile(r"(?:" + _WS + r"[A-Za-z][\w.-]*){0,3}" + _SP + r"*=" + _SP + r"*\$?[0-9]")
_EQUALS_BEFORE = re.compile(r"[0-9](?:" + _WS + r"[A-Za-z][\w.-]*){0,3}" + _SP + r"*=" + _SP + r"*\Z")


def _in_equation(text: str, x: _Atom, floor: int) -> bool:
    """Whether the figure is one side of "amount = amount"."""
    if text.find("=", x.end, x.end + 48) >= 0 and _EQUALS_AFTER.match(text, x.end):
        return True
    k = text.rfind("=", max(floor, x.start - 48), x.start)
    return k >= 0 and not text[k + 1 : x.start].strip(_RATIO_SPACES + "$") and bool(
        _EQUALS_BEFORE.search(text, max(floor, k - 48), x.start)
    )


_DURATION_UNITS = frozenset(("years", "months", "weeks", "days", "hours", "minutes", "seconds"))
# Days picked out by what happened on them are counted, not a length of time: "recorded 14 days with unhealthy air",
# "11 days on which ozone exceeded the standard". A duration keeps its unit: "processed in 184 days", "suspended for
# 30 days with pay", "a 30-day comment period", "waited 40 days with no reply".
_DAYS_COUNTED_AFTER = re.compile(_WS + r"(?:with|on\s+which|when)\b", re.I)
_DURATION_BEFORE = frozenset(
    """in for within after over under during lasting lasted last lasts took take takes taking spent spend waited
    wait waits waiting of every each per up to""".split()
)
_DAYS_HEDGE_WORDS = frozenset("about around approximately roughly nearly almost only just some".split())


def _counted_days(text: str, start: int, e: int) -> bool:
    """Whether the "days" ending at ``e`` (figure starting at ``start``) are a count of days on which something
    happened rather than a duration (see _DAYS_COUNTED_AFTER)."""
    if _DAYS_COUNTED_AFTER.match(text, e) is None:
        return False
    word = _word_before(text, start)
    if word in _DAYS_HEDGE_WORDS:  # "for about 30 days with pay": the word before the hedge decides
        k = start
        while k > 0 and text[k - 1] in _INLINE_SPACES:
            k -= 1
        word = _word_before(text, k - len(word))
    return word not in _DURATION_BEFORE
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:[Aa]n?)" + _WS + r"\Z")
_POSSESSIVE_BEFORE = re.compile(r"['’]s" + _WS + r"\Z")
_BARE_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
# Plurals that follow a year used as a label: "2022 figures are preliminary", "2019 levels", "2020 dollars".
_YEAR_LABELS = (
    "figures|data|numbers|results|levels|rates|estimates|budgets|totals|statistics|standards|elections|games|"
    "guidelines|rules|amendments|regulations|reports|projections|values|prices|costs|dollars|appropriations|"
    "requests|actuals|targets|goals|plans|awards|winners|graduates|models|editions|versions|guidance|updates"
)
_PLURAL_AFTER = re.compile(
    r"(?:"
    + _WS
    + r"(?!(?:in|on|at|to|of|was|were|is|are|has|had|have|will|saw|and|or|the|a|an|as)\b)[a-z][a-z-]*){0,2}"
    + _WS
    + r"(?!(?:was|is|has|does|its|this|thus|his|as|yes|plus|less|unless|across|always|perhaps|"
    + _YEAR_LABELS
    + r")\b)"
    r"[a-z][a-z-]*[a-hj-rtv-z]s\b"
)
# A year naming a kind of thing, not a count: "2009 model-year buses", "2011 model year ferries", "1998 vintage cranes".
_YEAR_KIND_AFTER = re.compile(r"(?:" + _WS + r"|[-‐])(?:model[-‐ ]?years?|vintage|era)\b", re.I)
# A year naming events of that year, not a count of them: "Hurricanes Florence and Michael, 2018 earthquakes, and
# Typhoon Yutu" (no agency counts 2,018 earthquakes).
_YEAR_EVENTS_AFTER = re.compile(
    _WS + r"(?:floods|earthquakes|storms|hurricanes|wildfires|fires|tornadoes|tornados|typhoons|cyclones|droughts|"
    r"elections|olympics|attacks|riots|outbreaks|disasters|midterms|primaries|mudslides|landslides|blizzards)\b",
    re.I,
)
_YEAR_DIGITS = re.compile(r"(?:17|18|19|20)[0-9]{2}")  # "the Judiciary Act of 1789", "founded in 1889", "in 2009"

# Hedge over a coordinated list: the gap between a hedged mention and a bare one is a short
# stretch of nouns ending in a list separator. Words that start a clause or are verbs break it.
_LIST_GAP = re.compile(
    r"(?P<body>[^\n.!?:;0-9]*?)(?:,(?:" + _WS + r"(?:and|or))?|" + _WS + r"(?:and|or)|;)" + _WS + r"\Z", re.I
)
_LIST_GAP_WORDS = 6
_CLAUSE_WORDS = frozenset(
    """is are was were be been being am has have had having do does did will would shall should can could
    may might must which who whom whose that where when while whereas because although though but if
    including includes include among than""".split()
)


_ONE = Decimal(1)


class _Atom:
    """One number as written, with what is glued to it: currency, scale, unit, suffix hedge.

    A plain slotted class, not attrs: one is made for every figure-like token of a page, and attrs' frozen
    __init__ costs several times more. Treated as immutable: ``replace`` makes changed copies.
    """

    __slots__ = (
        "start", "end", "number_start", "number_end", "value", "digits", "scale", "currency", "unit", "unit_word",
        "unit_after", "suffix_hedge", "word", "approx", "vague_high", "plain",
    )  # fmt: skip

    def __init__(
        self,
        start: int,  # first character, currency prefix included
        end: int,  # after scale, unit word or percent sign, and a suffix hedge
        number_start: int,
        number_end: int,
        value: Decimal,  # as written, before the scale
        digits: str,
        scale: Decimal = _ONE,
        currency: str | None = None,
        unit: str = "count",
        unit_word: str | None = None,
        unit_after: bool = False,  # the unit was written after the number (a range's end lends it back)
        suffix_hedge: str | None = None,
        word: bool = False,  # spelled out
        approx: bool = False,  # round by its wording: "a million", "half a million", "a dozen"
        vague_high: Decimal | None = None,  # "hundreds of thousands"
        plain: bool = False,  # a bare run of digits: no separator, decimals, scale, unit or currency
    ) -> None:
        self.start, self.end, self.number_start, self.number_end = start, end, number_start, number_end
        self.value, self.digits, self.scale, self.currency, self.unit = value, digits, scale, currency, unit
        self.unit_word, self.unit_after, self.suffix_hedge, self.word = unit_word, unit_after, suffix_hedge, word
        self.approx, self.vague_high, self.plain = approx, vague_high, plain

    def replace(self, **changes: object) -> _Atom:
        """A copy with some fields changed."""
        new = object.__new__(_Atom)
        for name in _Atom.__slots__:
            object.__setattr__(new, name, changes[name] if name in changes else getattr(self, name))
        return new

    @property
    def total(self) -> Decimal:
        return self.value * self.scale


class _Found:
    """A figure or range read, with its hedge: what becomes a QuantityMention (slotted, as _Atom)."""

    __slots__ = ("start", "end", "x", "y", "hedge", "inherited")

    def __init__(
        self,
        start: int,
        end: int,
        x: _Atom,
        y: _Atom | None = None,
        hedge: str | None = None,
        inherited: bool = False,
    ) -> None:
        self.start, self.end, self.x, self.y, self.hedge, self.inherited = start, end, x, y, hedge, inherited

    def mention(self, settings: QuantitySettings, cache: dict | None = None) -> QuantityMention:
        x = self.x
        if cache is not None and self.y is None and x.vague_high is None:
            # The common case, memoised by plain positional keys: make_quantity's own cache hashes its keyword
            # arguments and the settings object on every call.
            key = (x.value, x.unit, x.digits, x.scale, x.approx, self.inherited, self.hedge)
            q = cache.get(key)
            if q is None:
                if len(cache) > 8192:
                    cache.clear()
                family = _hedge_family(self.hedge) if self.hedge else None
                bound = _FAMILY_BOUND[family] if family else ("approx" if x.approx else "exact")
                q = cache[key] = make_quantity(
                    x.value,
                    bound=bound,
                    unit=x.unit,
                    digits=x.digits,
                    scale=x.scale,
                    settings=settings,
                    inherited=self.inherited,
                    hedge=self.hedge,
                )
            return QuantityMention(self.start, self.end, x.number_start, x.number_end, q, self.hedge, x.unit_word)
        if self.y is not None:
            q = make_quantity(
                x.value,
                bound="range",
                unit=x.unit,
                digits=x.digits,
                scale=x.scale,
                settings=settings,
                high=self.y.total / x.scale,
            )
            number_end = self.y.number_end
        elif x.vague_high is not None:
            q = make_quantity(
                x.value, bound="approx", unit=x.unit, digits=x.digits, settings=settings, high=x.vague_high
            )
            number_end = x.number_end
        else:
            family = _hedge_family(self.hedge) if self.hedge else None
            bound = _FAMILY_BOUND[family] if family else ("approx" if x.approx else "exact")
            q = make_quantity(
                x.value,
                bound=bound,
                unit=x.unit,
                digits=x.digits,
                scale=x.scale,
                settings=settings,
                inherited=self.inherited,
                hedge=self.hedge,
            )
            number_end = x.number_end
        unit_word = (self.y.unit_word if self.y is not None else None) or x.unit_word
        return QuantityMention(self.start, self.end, x.number_start, number_end, q, self.hedge, unit_word)


def _is_alnum(c: str) -> bool:
    return c.isalnum() or c == "_"


_GLUED_LABEL = re.compile(GLUED_LABEL)
# The figure and what may follow it to the line's end: a bracketed year or note ("35,030 (2022)", "9,400[1]").
_GLUED_VALUE = re.compile(r"\d[\d,.]*\+?(?:[ \t]*(?:\([^()\n]{0,20}\)|\[[^\]\n]{0,6}\]))*[ \t]*(?:\n|\Z)")


def _glued_label_value(text: str, s: int) -> bool:
    """Whether the digit at ``s`` opens the value of a label glued to it, the two alone on their line."""
    line = text.rfind("\n", 0, s) + 1
    return (
        s - line <= 44
        and _GLUED_LABEL.fullmatch(text, line, s) is not None
        and _GLUED_VALUE.match(text, s) is not None
    )


_USSD = re.compile(r"[0-9]+(?:\*[0-9]+)*#")
# A currency's letters glued to its figure
_GLUED_CURRENCY = re.compile(r"(?<![A-Za-z])(?:Rs|K[Ss]hs?|Sh)\Z")


def _left_rejects(text: str, s: int) -> bool:
    """True when the digit at ``s`` continues a token that is not a quantity."""
    if s == 0:
        return False
    p = text[s - 1]
    p2 = text[s - 2] if s > 1 else ""
    if p in "RP" and not _is_alnum(p2) and _RAND_FIGURE.match(text, s):
        return False  # "R9.84 billion", "P1.22 billion": the rand's and the peso's signs (but "R59" is a road)
    if _is_alnum(p):  # "FY10", "A4", "v1", "COVID19"
        if p in "sh" and (glued := _GLUED_CURRENCY.search(text, max(0, s - 5), s)) is not None:
            return glued.group() == "Sh" and not _RAND_FIGURE.match(text, s)  # "KSh2.1bn", "Rs2,000", "Sh2.1 billion"
        # (but a side box's label glued to its value, alone on its line: "Sworn officers35,030", "Stations31")
        return not (p.islower() and _glued_label_value(text, s))
    if p in "-‐‑–/.:,'’" and _is_alnum(p2):  # "F-1", "COVID-19", "K‑12", "9/11", "1.2.3", "10:30", "offices.12"
        # ("Rs.500", "Ksh.2.9 billion")
        return not (p == "." and _GLUED_CURRENCY.search(text, max(0, s - 6), s - 1) is not None)
    if p in "/\\#§@=^&?°º′":  # dates, footnote/number signs, URL queries, the minutes of "64°12'N"
        return True
    if p == "*" and _USSD.match(text, s):
        return True  # "dial *616#": a mobile service code
    if p in "'’" and not _is_alnum(p2):  # "'19"
        return True
    if p in " \t.…" and _after_leader(text, s) and _PAGE_NUMBER_END.match(text, s):
        # "Workforce ........ 7": a contents line's page number; but not among leader lines of figures no page
        # has ("Turnout ...... 77.03%" over "Precincts ...... 412")
        return _LEADER_FIGURE.search(text, max(0, s - 600), min(len(text), s + 600)) is None
    return False


def _after_leader(text: str, s: int) -> bool:
    k = s - 1
    while k > 0 and text[k] in " \t":
        k -= 1
    # (a dot or an ellipsis right before the spaces, else no leader: most figures after a space stop here)
    return text[k] in ".…" and _LEADER.search(text, max(0, s - 12), s) is not None


_LEADER_FIGURE = re.compile(r"(?:\.{4,}|…{2,})[ \t]*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+\.[0-9]+|[0-9]+[ \t]*%|[0-9]{4,})")
_PAGE_NUMBER_END = re.compile(r"[0-9]{1,3}[ \t]*(?:\n|\Z)")
_LEADER = re.compile(r"(?:\.{4,}|…{2,}|(?:\.[ \t]){3,})[ \t]*\Z")


def _skip_token(text: str, s: int) -> int:
    return max(_CHAIN_REST.match(text, s).end(), s + 1)


def _lookback_end(text: str, i: int) -> int:
    """Where words before a figure end: before a Markdown escape ("approximately \\$8")."""
    return i - 1 if i > 0 and text[i - 1] == "\\" else i


def _currency_before(text: str, s: int, floor: int) -> tuple[int, str] | None:
    # Only a sign or a code can come right before the figure (one space at most): check that first.
    k = s - 1
    if k >= 0 and text[k] in _INLINE_SPACES:
        k -= 1
    if k < 0 or (text[k] not in "$€£₹₱" and text[k] not in _CODE_ENDS and text[k] not in "hs."):
        return None
    m = _CUR_BEFORE.search(text, max(floor, s - 12), s)
    if m is None:
        return None
    if m.group("code"):
        if m.group("code") in _GUARDED_CODES and _RAND_FIGURE.match(text, s) is None:
            return None
        return m.start(), m.group("code")
    if m.group("rs"):
        if m.group("sh") and _RAND_FIGURE.match(text, s) is None:
            return None
        return m.start(), word_currency(m.group("rs"))
    if m.group("rand"):
        # (the Philippine peso's P likewise: "P1.22 billion", but "P3" is a grade or a form)
        return (m.start(), "ZAR" if m.group("rand") == "R" else "PHP") if _RAND_FIGURE.match(text, s) else None
    if m.group("sign"):
        return m.start(), _SIGN_CODES[m.group("sign")]
    pre = m.group("pre") or m.group("pre1")
    start = m.start("pre") if m.group("pre") else m.start("pre1") if m.group("pre1") else m.start("sym")
    return start, _CURRENCY_PREFIX[pre]


def _read_number(text: str, p: int, currency: str | None, start: int, word: re.Match | None) -> _Atom | int:
    """Read one number starting at ``p`` (its currency, if any, already read and starting at
    ``start``). Returns the atom, or the position to resume scanning when the token is a trap."""
    n = len(text)
    thousands = currency == "KCHF"  # "KCHF 412,500": thousands of Swiss francs
    if thousands:
        currency = "CHF"
    if word is not None:
        wn = numbers.parse_number_words(word.group())
        if wn is None:
            return word.end()
        e = word.end()
        value, digits, scale = wn.value, wn.digits, wn.scale
        approx, vague_high, plain, is_word = wn.approx, wn.high, False, True
        if vague_high is not None and currency:
            return word.end()
    else:
        fm = _FIGURE.match(text, p)
        if fm.group("sep") is None and text.startswith(", ", fm.end()) and fm.end() - p <= 3:
            fm = _spaced_figure(text, p) or fm
        elif fm.group("sep") is None and text.startswith(" ", fm.end()) and fm.end() - p <= 3:
            fm = _space_grouped(text, p, currency) or fm
        e = fm.end()
        fig = fm.group()
        if len(fig) == 4 and (pair := _FOUR_BY_FOUR.match(text, e)) is not None and not fig.startswith(("19", "20")):
            return pair.end()  # "5512 4420": a telephone number in two groups of four, as Nordic pages write them
        bare = fig.translate(_SEPARATORS)
        if len(bare.replace(".", "")) > 15:  # identifiers, not amounts
            return _skip_token(text, p)
        nxt = text[e] if e < n else " "
        nxt2 = text[e + 1] if e + 1 < n else " "
        if nxt == ":" and nxt2 == "1" and currency is None:
            ratio = _ratio_colon(text, p, e, bare)
            if ratio is not None:
                return ratio
        if nxt in ".,/:" and nxt2.isdigit():  # "1.2.3", "5,7", "24/7", "10:30"
            return _skip_token(text, p)
        if nxt in "/:" and nxt2.isalpha():
            return _skip_token(text, p)
        if nxt in "(@°′″º" and not (nxt in _DEGREE_SIGNS and _DEGREES.match(text, e)):
            return _skip_token(text, p)  # "287(g)", "2019@…", "33.7361° N" (not "48.3°C")
        before = text[p - 1] if p > 0 else ""
        if (before == "[" and nxt == "]") or (before == "(" and nxt == ")" and len(fig) <= 3):
            return e  # footnote "[1]", enumeration "(2)", area code "(202)"
        value = Decimal(bare)
        digits, scale, approx, vague_high, is_word = fig, Decimal(1), False, None, False
        plain = fig.isdigit()
    unit, unit_word, unit_after, suffix = (currency or "count"), None, False, None
    number_end = e

    # glued letters, then a spaced scale word
    nxt = text[e] if e < n else ""
    if not is_word and nxt.isalpha():
        am = _ATTACHED.match(text, e)
        if am is None and nxt == "p" and currency is None and len(digits) <= 4 and (pm := _PENCE.match(text, e)):
            # "a Second Class stamp costs 89p": pence, a hundredth of a pound; but "82p of every £1" and "For every
            # £1 donated, 82p is spent on …" say what share of the money goes where, in percent
            share = _EVERY_POUND_AFTER.match(text, pm.end()) or _EVERY_POUND_BEFORE.search(text, max(0, p - 80), p)
            unit, unit_word, unit_after, e, plain = ("percent" if share else "GBP"), "p", True, pm.end(), False
            scale = _ONE if share else Decimal("0.01")
        elif am is None:
            return _skip_token(text, p)
        elif am.group("unit") in ("mm", "cm") and _CALIBRE_AFTER.match(text, am.end()):
            return _skip_token(text, p)  # "a 9mm pistol", "35mm film": a type, not a length
        else:
            if am.group("scale"):
                scale = Decimal(_SCALE_FACTORS[am.group("scale").lower()])
            else:
                unit, unit_word, unit_after = _UNIT_WORDS[am.group("unit").lower()], am.group("unit"), True
            e = am.end()
            plain = False
    elif not is_word and nxt in _INLINE_SPACES:
        sm = _SPACED_SCALE.match(text, e)
        if sm is None and currency == "INR":
            sm = _SPACED_CR.match(text, e)
        elif sm is None and currency:
            sm = _SPACED_LETTER.match(text, e)  # "US$5.4 b (2022)": a side box's billions
        if sm is not None:
            scale = Decimal(_SCALE_FACTORS[sm.group("scale").lower()])
            if sm.groupdict().get("crore"):
                scale *= 10**7
            e = sm.end()
            plain = False
            if sm.group("scale").lower() == "million" and not currency:
                fm = _MGD_AFTER.match(text, e)
                if fm is not None:
                    scale, unit, unit_word, unit_after, e = _ONE, "MGD", text[sm.start("scale") : fm.end()], True, fm.end()
    # suffix hedge glued on: "62,450+", "forty-odd", "5,000-plus"
    nxt = text[e] if e < n else ""
    hm = _SUFFIX_HEDGE.match(text, e) if nxt in ("+", "-") else None
    if hm is not None and vague_high is None:
        suffix = hm.group()
        e = hm.end()
        plain = False
    elif nxt == " " and not currency and vague_high is None and (pm := _PLUS_WORD.match(text, e)) is not None:
        suffix, e, plain = "-plus", pm.end(), False  # "2,400 plus officers": more than 2,400 (not "2,400 plus 300")
    elif e < n and text[e] in "-‐" and e + 1 < n and text[e + 1].isalpha():
        pc = _HYPHEN_PERCENT.match(text, e) if unit == "count" and not currency else None
        if pc is not None:
            unit, unit_after, e, plain = "percent", True, pc.end(), False  # "a 12-percent increase", "six-percent"
        elif unit != "count" or is_word or currency:
            return _skip_token(text, p)  # "20-year-old", "2-ICE", "3-D"
        elif (hu := _HYPHEN_UNIT.match(text, e)) is not None:
            unit_word, e, unit_after, plain = hu.group("w"), hu.end(), True, False
            unit = _HYPHEN_UNITS[unit_word.lower().translate(_HYPHENS_TO_SPACES)]
        elif (hc := _HYPHEN_COUNT.match(text, e)) is not None and not (
            value * scale <= 6 and hc.group("w").lower() in ("room", "bed")
        ):
            # (but a few rooms or beds name a home's type: "4-room flats", "a 2-bed apartment"; "a 120-room hotel"
            # counts its rooms)
            unit_word, e, unit_after, plain = hc.group("w").lower(), hc.end(), True, False
        elif value * scale >= 1000 and (hf := _HYPHEN_FEET.match(text, e)) is not None:
            unit, unit_word, e, unit_after, plain = "feet", hf.group("w"), hf.end(), True, False
        elif value * scale >= 100 and (hm := _HYPHEN_METERS.match(text, e)) is not None:
            unit, unit_word, e, unit_after, plain = "meters", hm.group("w"), hm.end(), True, False
        else:
            return _skip_token(text, p)
    # percent sign or a unit word
    nxt = text[e] if e < n else ""
    if unit_word is None and (nxt == "%" or nxt in _INLINE_SPACES or nxt in _DEGREE_SIGNS or nxt == "¢"):
        pm = _PERCENT_SIGN.match(text, e)
        # (a degree sign right after the figure or one space on: most figures are followed by neither)
        degree = nxt in _DEGREE_SIGNS or text[e + 1 : e + 2] in _DEGREE_SIGNS
        dm = _DEGREES.match(text, e) if degree and pm is None and not currency else None
        if pm is not None and not currency:
            unit, unit_after, e, plain = "percent", True, pm.end(), False
        elif dm is not None:
            unit, unit_word, unit_after, e, plain = f"°{dm.group('scale')}", dm.group().strip(), True, dm.end(), False
        else:
            um = _UNIT_AFTER.match(text, e)
            if um is None and vague_high is not None:
                um = _UNIT_OF_AFTER.match(text, e)  # "millions of dollars"
            cent = um is None and not currency and nxt == "¢"
            if cent:
                # "9.87¢ per kWh": cents by their sign, a hundredth of the dollar as "cents" is
                unit, unit_word, unit_after, e, plain = "USD", "¢", True, e + 1, False
                scale *= Decimal("0.01")
            tm = _TONNE_SYMBOL.match(text, e) if um is None and not currency and nxt != "%" and not cent else None
            if tm is not None:
                # "63,000 t", "189.5 kt", "1.4 million t": tonnes, by their symbols (in a case of their own: "5 T")
                unit, unit_word, unit_after, e, plain = "tonnes", tm.group("w"), True, tm.end(), False
                scale *= _TONNE_SCALES[tm.group("w")]
            elif um is None and not currency and not cent and (dm := _DATA_SYMBOL.match(text, e)) is not None:
                # "19.6 PB", "an average of 54 TB per day": data by its symbol in capitals (a bare "12 TB" may be
                # tuberculosis, so terabytes only where data is spoken of after it)
                unit, unit_word, unit_after, e, plain = dm.group("w"), dm.group("w"), True, dm.end("w"), False
            if um is not None:
                canon = _UNIT_WORDS[" ".join(um.group("w").lower().split())]
                is_money = canon in ("USD", "EUR", "GBP", "CHF")
                if not currency or (is_money and canon == currency):
                    word_end = um.end()
                    if canon in ("miles", "lane-miles") and um.group("w").split(None, 1)[0].lower() in _QUALIFIED_UNITS:
                        word_end = e  # "centerline miles": the words name the measure, the figure is in miles
                    elif canon == "days" and _counted_days(text, start, um.end()):
                        canon, word_end = unit, e  # "14 days with unhealthy air": a count of days, not a duration
                    unit, unit_word, unit_after, e, plain = canon, um.group("w"), True, word_end, False
                    if canon == "cents":
                        unit, scale = "USD", scale * Decimal("0.01")  # (the configuration's dollar, as "$" is)
                    if canon == "feet" and digits.isdigit() and scale == 1:
                        im = _INCHES_AFTER.match(text, e)
                        if im is not None:
                            # "8 feet 6 inches": one length, stated to the inch (102 inches), never a stray "6 inches"
                            # (the unit "inches" is only this one's: a bare "14 inches" still reads as a count)
                            value = value * 12 + Decimal(im.group("n"))
                            digits, unit, unit_word, e = _plain(value), "inches", text[um.start("w") : im.end()], im.end()
    per = unit == "count" and not currency and suffix is None and vague_high is None
    if per and text.find("per", e, e + 24) >= 0:
        rate = _per_population(text, e)
        if rate is not None:
            # "5.9 deaths per 1,000 live births": the figure ends before its noun, which still names what it counts
            unit, end, counted = rate
            e = e if counted else end
            unit_after, plain = True, False
    if suffix is None and vague_high is None and e < n and text[e] in _INLINE_SPACES:
        om = _OR_MORE.match(text, e)
        if om is not None:
            suffix, e, plain = om.group("h"), om.end(), False
    if currency:
        plain = False
    if thousands:
        scale *= 1000
    return _Atom(
        start=start,
        end=e,
        number_start=p,
        number_end=number_end,
        value=value,
        digits=digits,
        scale=scale,
        currency=currency,
        unit=unit,
        unit_word=unit_word,
        unit_after=unit_after,
        suffix_hedge=suffix,
        word=is_word,
        approx=approx,
        vague_high=vague_high,
        plain=plain,
    )


# "a student-to-faculty ratio of 17:1": a ratio to one, stated as its first term (unit "ratio"). Only where the
# text says it is a ratio, or where the figure is all there is (a table cell under a "… ratio" heading): "10:1"
# elsewhere may be a score, a verse ("John 3:1") or a time, and "10:30" is never a ratio to one.
_RATIO_TO_ONE = re.compile(r":1(?![0-9]|[.:,/-]?[0-9A-Za-z])")
_RATIO_WORD = re.compile(r"ratios?\b", re.I)


def _ratio_colon(text: str, p: int, e: int, bare: str) -> _Atom | None:
    """The ratio "N:1" whose first term runs from ``p`` to ``e``, or None for another token."""
    rm = _RATIO_TO_ONE.match(text, e)
    if rm is None or p > 0 and text[p - 1] in ":.-/":
        return None
    value = Decimal(bare)
    if value <= 1:
        return None
    end = rm.end()
    line_start = text.rfind("\n", max(0, p - 80), p) + 1 if p else 0
    line_end = text.find("\n", end, end + 60)
    line_end = end + 60 if line_end < 0 else line_end
    whole = not text[:p].strip() and not text[end:].strip()
    if not whole and _RATIO_WORD.search(text, max(line_start, p - 80), min(line_end, end + 60)) is None:
        return None
    return _Atom(p, end, p, end, value, text[p:e], unit="ratio", unit_after=True)


def _label_before(text: str, s: int, floor: int) -> bool:
    """A word or sign that names a thing by number comes right before the figure at ``s``: "Title 19", "§ 287"."""
    return _LABEL_BEFORE.find(text, s, floor) is not None or _sign_before(text, s, floor)


def _listed_after_label(text: str, s: int, e: int, floor: int) -> bool:
    """The figure at ``s``–``e`` goes on a list of numbers a label names: the 4 and the 5 of "sections 3, 4 and 5",
    the 2 of "Scope 1 and 2 emissions" (not the 400 of "Title 19, 400 officers", which a noun follows)."""
    if s < 2 or text[s - 1] not in " \t\u00a0" or text[s - 2] not in ",dro&" or e - s > 3 or not text[s:e].isdigit():
        return False  # (most figures: nothing like ", " or "and " right before them; a list's numbers are short)
    listed = _LISTED_BEFORE.search(text, max(floor, s - 40), s)
    if listed is None:
        return False
    if text[s - 2] == "," and _NOUN_AFTER.match(text, e) and listed.group().count(",") < 2:
        return False  # ("Title 19, 400 officers"; but "Scope 1 and 2 emissions" and "routes 101, 202, 303 run" end lists)
    return _LABEL_BEFORE.find(text, listed.start(), floor) is not None


# the numbers of a list before a figure that goes on with it: "3, " and "4 and " of "sections 3, 4 and 5"
# (or the first of a span: "notes 1 to 14")
# (an item may carry a letter and a bracketed name: "Regions 1, 2, 4-A, 4-B (MIMAROPA), 6 and CAR")
_LISTED_BEFORE = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:-?[A-Za-z])?(?:[ \t\u00a0]+\([^()\n]{1,20}\))?(?:,|,?[ \t\u00a0]+(?:and|or|&|to))[ \t\u00a0]+)"
    r"{1,8}\Z"
)
_NOUN_AFTER = re.compile(r"[ \t\u00a0]+(?!(?:and|or|only)\b)[A-Za-z]")


def _sign_before(text: str, s: int, floor: int) -> bool:
    r"""Whether a sign, then at most two inline spaces, comes right before ``s`` (not before ``floor``): looked at
    character by character, as a search of ``[§#№][ \t\u00a0\u202f]{0,2}\Z`` from ``max(floor, s - 3)`` would
    answer (asked of every figure, where a regex search costs more than the look)."""
    lo = max(floor, s - 3)
    k = s - 1
    while k >= lo and text[k] in _INLINE_SPACES:
        k -= 1
    return k >= lo and text[k] in _SIGNS


def _context_rejects(text: str, a: _Atom, floor: int, label_checked: bool = False) -> bool:
    """Traps that need the words around a figure: labels, list numbers, URLs, addresses. ``label_checked``: the
    caller knows no label or sign comes before it."""
    s, e = a.number_start, a.number_end
    if a.start == s and _in_ratio(text, a, floor):
        return True
    if text[e : e + 4].lstrip(" \u00a0")[:2] in _FILE_SIZES and _FILE_SIZE.match(text, e) and _FILE_BEFORE.search(
        text, max(floor, s - 24), s
    ):
        return True  # "(PDF, 4.2 MB)": the size of a link's file
    if a.plain and a.digits in _EMERGENCY_NUMBERS and _CALL_BEFORE.search(text, max(floor, s - 24), s):
        return True  # "Emergency: 911", "call 911", "dial 999": a number to call
    if _ROUND_THE_CLOCK.match(text, s):
        return True  # "open 24 hours a day, seven days a week": when a service is open, no count of anything
    if _TIME_UNIT_AFTER.match(text, e) and _THRESHOLD_LEAD.search(text, max(floor, s - 60), s):
        return True  # "patients waiting more than 52 weeks fell to 846": which patients are counted, no count itself
    if (
        "of" in text[a.end : a.end + 6].lower() and _OF_THE_AFTER.match(text, a.end)
        and _WITHIN_BEFORE.search(text, max(floor, a.start - 8), a.start)
    ):
        return True  # "forecasts within 2 °C of the observed temperature": the tolerance that defines what is counted
    if _after_per(text, s, floor) or (a.start < s and _after_per(text, a.start, floor)):
        return True  # "Rates are per 100,000 residents", "$0.38 per $1,000": the base of a rate, never a count
    if a.word:
        # A capitalised number word inside a sentence is a name ("Big Ten"), not a count.
        if text[s].isupper():
            k = s - 1
            while k >= 0 and text[k] in " \t\u00a0":
                k -= 1
            if k >= 0 and text[k] not in ".!?:;\n\"'“‘(•*-–—[|>":
                return True
        return False
    if s > 0 and not text[s - 1].isspace():  # the figure may sit inside a URL or an address
        lo = max(floor, s - 200)
        ws = max(text.rfind(" ", lo, s), text.rfind("\n", lo, s), text.rfind("\t", lo, s)) + 1
        token = text[max(ws, lo) : s]
        if "://" in token or "www." in token.lower() or "@" in token:
            return True
    if e < len(text) and text[e] == "@":
        return True
    if a.currency is None and not label_checked and _label_before(text, s, floor):
        return True
    if a.currency is None and _listed_after_label(text, s, e, floor):
        return True
    if _AFTER_TRAP.match(text, e):
        return True
    if s > 0 and text[s - 1] in "“\"" and _QUOTED_NAME_REST.match(text, e):
        return True  # "its “15 Most Wanted” fugitives": a number in a quoted name
    if a.currency is None and e < len(text) and text[e] == " " and _TITLE_NAME_AFTER.match(text, e):
        return True  # "the 1,000 Books Before Kindergarten challenge": a title, its little words capitalised too
    if a.currency is not None and a.scale == 1 and len(a.digits) <= 3 and _DENOMINATION_AFTER.match(text, e):
        return True  # "counterfeit $100 and $50 notes", "$20 bills": which notes, not an amount
    small_int = a.plain and len(a.digits) <= 3
    if small_int and _ENUM_AFTER.match(text, e) and _LINE_START.search(text, max(0, s - 80), s):
        return True
    if (
        small_int and len(a.digits) <= 2 and a.end == e and _NOTE_AFTER.match(text, e)
        and (s == 0 or text[s - 1] == "\n")
    ):
        return True  # "3 Counts exclude 185 members …": a footnote's number at the start of its line
    if a.start == s and (a.plain or _BARE_DECIMAL.fullmatch(a.digits)) and a.end == e:
        # "Area 51", "PBNDS 2011", "Release 2.0", "Windows 10": a capitalised word names the thing by number
        cm = _CAP_WORD_BEFORE.search(text, max(floor, s - 40), s) if _capital_before(text, s, floor) else None
        if (
            cm is not None
            # ("OR 97321", "IN 46204": a state's code before a ZIP code, not the word "or")
            and (cm.group("w").lower() not in _FUNCTION_WORDS or _STATE_CODE.fullmatch(cm.group("w")) and len(a.digits) == 5)
            and not _leading_verb(cm.group("w"))
            and not _item_verb(text, cm.start(), cm.group("w"))
            and not cm.group("w").endswith(("'s", "’s"))  # "NTA's 400 buses": whose figures, not a name's number
            and not _in_value_rows(text, s, e)
            and not _counted_label_line(text, cm, e)
        ):
            return True
    if a.plain and a.start == s:
        if text.startswith(("to ", "To ", "TO "), s - 3) and _SHORT_CODE_BEFORE.search(text, max(floor, s - 40), s):
            return True  # "text OUTAGE to 57983": a number to send a message to
        if len(a.digits) <= 2 and _MONTH_AFTER.match(text, e):
            return True
        if len(a.digits) <= 2 and int(a.digits) <= 31 and _MONTH_BEFORE.search(text, max(floor, s - 12), s):
            return True  # "groundbreaking May 9": a day of a month, its year left out
        if len(a.digits) <= 5 and (
            _STREET_AFTER.match(text, e) or _SUITE_AFTER.match(text, e) or _STREET_KIND_FIRST.match(text, e)
        ):
            return True
        if len(a.digits) <= 5 and _BLOCK_AFTER.match(text, e):
            return True  # "the 1400 block of Harbor Street": an address
        if 4 <= len(a.digits) <= 6 and _POSTCODE_END.match(text, e) and _ADDRESS_BEFORE.search(
            text, max(floor, text.rfind("\n", 0, s) + 1, s - 120), s
        ):
            return True  # "45 Commissioner Street, Marshalltown, Johannesburg, 2107", "Forskningsveien 2, 4621 Skarvik"
        if len(a.digits) <= 4 and text.startswith(",", e) and _HOUSE_BEFORE_POSTCODE.match(text, e) and (
            _STREET_WORD_BEFORE.search(text, max(floor, s - 40), s)
        ):
            return True  # "Sternstraße 7, 51147 Auenried", "BP 812, 97390 Port-Solène": a house or box number
        if 4 <= len(a.digits) <= 5 and _POSTCODE_AFTER_HOUSE.search(text, max(floor, s - 12), s) and (
            _TOWN_AFTER.match(text, e)
        ):
            return True  # "Via delle Orbite 21, 00044 Monteluce", "Keplerweg 2, 2201 KV Lindhaven": a postcode
        if len(a.digits) <= 2 and _word_before(text, s) in _GRADE_WORDS:
            return True  # "kindergarten through grade 12", "grades 9 and 10": a school grade
        if len(a.digits) <= 5 and _word_before(text, s) in _PHONE_MENU_WORDS:
            return True  # "call 555-010-2288, extension 4", "press 2 for Spanish": where a call goes
    if _CODE_AFTER.match(text, e):
        return True  # "incident 24-001873", "case 23-0417": a number with a serial after it names a record
    return False


# A street whose kind comes before its name: "480 Lorong Ampang 6", "12 Jalan Besar", "15 Rue de Rivoli"
_STREET_KIND_FIRST = re.compile(r"[ \t\u00a0]+(?:Jalan|Jln|Lorong|Lor|Rue|Via|Calle|Avenida|Rua)[ \t\u00a0]+[A-Z]")
# A continental address line: a street's name, its house number, then a postcode (perhaps with a country's letter or
# a Dutch postcode's two letters) and the town
_TOWN_AFTER = re.compile(r"(?:[ \t\u00a0][A-Z]{2})?[ \t\u00a0]+[A-Z][\w'’-]")
_HOUSE_BEFORE_POSTCODE = re.compile(r",[ \t\u00a0]+(?:[A-Z]{1,2}-)?[0-9]{4,5}" + _TOWN_AFTER.pattern)
_STREET_WORD_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*|[a-zäöüßèéàç]+(?:straße|strasse|weg|laan|gade|gatan|vej))[ \t\u00a0]+\Z")
_POSTCODE_AFTER_HOUSE = re.compile(r"[0-9]{1,4}[a-z]?,[ \t\u00a0]+(?:[A-Z]{1,2}-)?\Z")
_BLOCK_AFTER = re.compile(_WS + r"(?:block|hundred" + _WS + r"block)" + _WS + r"of\b", re.I)
_GRADE_WORDS = frozenset(("grade", "grades"))
# a hyphen and a serial of three or more digits that starts with 0, or of five or more: no range reads so
_CODE_AFTER = re.compile(r"-(?:0\d{2,}|\d{5,})(?![\d,.])")


# "text OUTAGE to 57983", "Text STOP to 12345": an SMS short code after the keyword to send to it
_SHORT_CODE_BEFORE = re.compile(
    r"(?<![\w-])(?i:text|txt|texting|send|sms)" + _WS + r"[\"“'‘]?[A-Z][A-Z0-9]+[\"”'’]?" + _WS + r"(?i:to)" + _WS + r"\Z"
)


def _after_per(text: str, s: int, floor: int) -> bool:
    """Whether "per" and one inline space come right before ``s``: "per 100,000", "per 1,000 live births"; or
    "every" before an amount of money ("For every £1 donated, 82p …": the base of a share)."""
    k = s - 1
    if k - 3 < floor or text[k] not in _INLINE_SPACES:
        return False
    if text[k - 5 : k].lower() == "every" and k - 5 >= floor and text[s] in "£$€":
        return k - 6 < floor or not _is_alnum(text[k - 6])  # (not "every 3 minutes": an interval is a figure)
    if text[k - 3 : k].lower() != "per":
        return False
    return k - 4 < floor or not _is_alnum(text[k - 4])


# ---- figures that pick out a group rather than state an amount ------------------------------
# An age after a word for people or ages: "adults 65 and older", "people aged 18 to 64", "children under 5",
# "ages 18–24", "adults 65+". Only small whole numbers: "adults 12,000" is no age.
_AGE_WORDS = frozenset("age ages aged".split())
_PEOPLE_WORDS = frozenset(
    """adults adult children child people persons residents women men youth youths teens teenagers those
    individuals patients infants kids girls boys seniors males females students workers""".split()
)
_AGE_HEDGES = frozenset("under over below above younger older".split())
# what follows an age: an open end ("and older", "or younger", "+"), the other end of an age band ("to 44",
# "–24"), with "years (old)" perhaps after it
_AGE_AFTER = re.compile(
    r"(?:\+|" + _WS + r"(?:and|or)" + _WS + r"(?:older|over|above|up|under|younger|below)\b"
    r"|(?:" + _WS + r"(?:to|through)" + _WS + r"|" + _SP + r"?[-–]" + _SP + r"?)[0-9]{1,3}(?![0-9]|[.,][0-9]))"
    r"(?:" + _WS + r"(?:years?" + _WS + r"old|years?" + _WS + r"of" + _WS + r"age|years?)\b)?",
    re.I,
)
# an open-ended age even without a word for people before it: "Lakelanders 65 and older", "those 18 or younger"
_OPEN_AGE_AFTER = re.compile(_WS + r"(?:and|or)" + _WS + r"(?:older|younger)\b", re.I)
# "the retirement age of 67", "a minimum age of 18": the age a rule names. Not a statistic about ages: "an average
# age of 42", "the median age of 38" are figures.
_AVERAGE_WORDS = frozenset("average median mean typical".split())
_AGE_OF_BEFORE = re.compile(r"(?<![\w-])(?P<w>[\w-]+)" + _WS + r"ages?" + _WS + r"of" + _WS + r"\Z", re.I)
# "18 years old", "21 years of age": an age (the figure's unit is years)
_OLD_AFTER = re.compile(_WS + r"(?:old|of" + _WS + r"age)\b", re.I)
# a threshold: "a body mass index of 30 or higher", "scores of 90 and above"
_THRESHOLD_AFTER = re.compile(_WS + r"(?:or|and)" + _WS + r"(?:higher|above|greater)\b", re.I)
# what parts of a whole add up to: "may not add to 100%", "sum to 100 percent"
_SUMS_TO_BEFORE = re.compile(r"\b(?:add|adds|added|sum|sums|summed|total|totals)(?:[ \t]+up)?[ \t]+to[ \t]+\Z", re.I)
# a statistical level, not a share: "95% confidence intervals", "90 percent CI"
_CONFIDENCE_AFTER = re.compile(_WS + r"(?:confidence\b|CI\b)")
_TOP_BEFORE = re.compile(r"\b(?:the|its|their|our|his|her)[ \t]+top[ \t]+\Z", re.I)
# a ranking: "the 12 busiest units", "the 10 largest parks", "the 5 most visited sites"
_RANK_AFTER = re.compile(_WS + r"(?:(?:most|least)" + _WS + r"[a-z]|(?P<sup>[a-z]+est)\b)")
_NOT_SUPERLATIVES = frozenset(
    """forest forests interest interests west test tests request requests guest guests contest protest harvest
    nest chest quest rest crest manifest inquest conquest midwest northwest southwest honest modest earnest
    arrest arrests""".split()
)
# the length of a document in a link's or citation's brackets: "The full report (84 pages)", "(PDF, 120 pp.)"
# or in a publication line "Report No. X-2022 · 48 pages" (a closing bracket, separator or markup after it)
# ("· 48 pages" may end its line: the separator before it says it is such a line)
_PAGES_AFTER = re.compile(_WS + r"(?:pages|pp\.)" + _SP + r"*(?:(?P<c>[),;*_\]|·])|\n|\Z)")
_SEPARATOR_BEFORE = re.compile(r"[·|•]" + _SP + r"*\Z")


# A bound that says which things are counted is a condition, not an amount: "days on which the index exceeded 100",
# "years in which spending topped $5 million", "if more than 50 people attend", "workers who cannot earn more than
# $1,550 a month". The clause opens with "on/in/during which", "whenever", "if" or "unless", or is a "who"/"that"
# clause with a modal verb right before the bound, and runs to the bound with no comma or sentence break. A bound
# stated as a fact keeps its reading: "spending exceeded $300 million", "the division, which spent more than
# $2 million, ..." (a comma), "inspectors who conducted more than 4,000 inspections" (no modal).
_CONDITION_BEFORE = guarded(
    r"(?:\b(?:(?:on|in|during)" + _WS + r"which|whenever|if|unless)\b[^,.;:!?()\n]{0,60}"
    r"|\b(?:who|that)" + _WS + r"(?:can|cannot|can['’]t|could|may|must|should|shall)(?:" + _WS + r"not)?"
    + _WS + r"[a-z]+" + _WS + r")\Z",
    "diotuw",
    re.I,
)


def _states_condition(text: str, hedge: tuple[int, str], x: _Atom | None = None) -> bool:
    h = hedge[0]
    if _hedge_family(hedge[1]) in (None, _APPROX):
        return False
    if x is not None and x.unit in _DURATION_UNITS and _KIND_OF_BEFORE.search(text, max(0, h - 40), h):
        return True  # "assignments of less than six months", "stays of more than 30 days": which ones, by length
    return _CONDITION_BEFORE.search(text, max(0, h - 80), h) is not None


# A noun then "of" or "lasting" before a hedged length: the length says which of them are meant
_KIND_OF_BEFORE = re.compile(r"\b[a-z]{3,}s" + _WS + r"(?:of|lasting)" + _WS + r"\Z", re.I)
_DURATION_UNITS = frozenset({"days", "weeks", "months", "years", "hours", "minutes"})


def _group_rejects(text: str, x: _Atom, hedge: tuple[int, str] | None) -> int | None:
    """Where to resume when the figure names a group, a threshold or a rank rather than an amount ("adults 65
    and older", "95% confidence", "the 12 busiest units"); None for an amount."""
    if hedge is not None and _states_condition(text, hedge, x):
        return x.end
    if hedge is not None and x.unit == "count" and hedge[1].split()[0].lower() in _AGE_HEDGES and _is_age(x):
        word = _word_before(text, hedge[0])
        return x.end if word in _PEOPLE_WORDS or word in _AGE_WORDS else None  # "children under 5"
    e = x.end
    if x.unit == "percent" and x.value == 100 and _SUMS_TO_BEFORE.search(text, max(0, x.start - 24), x.start):
        return e  # "Percentages may not add to 100% due to rounding": a note on the table's sums, not a share
    if hedge is None and x.start >= 3 and text.startswith("of", x.start - 3) and x.unit == "count" and _is_age(x):
        am = _AGE_OF_BEFORE.search(text, max(0, x.start - 40), x.start)
        if am is not None and am.group("w").lower() not in _AVERAGE_WORDS:
            return e  # "a full retirement age of 67", "the minimum age of 18"
    if e >= len(text) or text[e] not in _INLINE_SPACES:
        if not (x.number_end < len(text) and text[x.number_end] in "+-–" and _is_age(x)):
            return None  # asked of every figure: what follows all but "65+" and "18–24" starts with a space
    elif x.currency is None and _THRESHOLD_AFTER.match(text, e):
        return e
    elif x.unit == "percent":
        return e if _CONFIDENCE_AFTER.match(text, e) else None
    if hedge is None and x.unit == "count" and x.plain and x.start == x.number_start:
        pm = _PAGES_AFTER.match(text, e)
        if pm is not None and (pm.group("c") or _SEPARATOR_BEFORE.search(text, max(0, x.start - 4), x.start)):
            return e
    if not _is_age(x):
        return None
    if x.unit == "years":
        return e if _OLD_AFTER.match(text, e) else None
    if hedge is None and x.start == x.number_start and x.unit == "count":
        before = _word_before(text, x.start)
        if before == "the":
            rank = _RANK_AFTER.match(text, e)
            if rank is not None and rank.group("sup") not in _NOT_SUPERLATIVES:
                return e
        elif before == "top" and _TOP_BEFORE.search(text, max(0, x.start - 16), x.start):
            return e  # "Four of the top 10 were in Texas", "its top five airports": a ranking's length, no count
    if x.unit != "count" or hedge is not None:
        return None
    if _OPEN_AGE_AFTER.match(text, e):
        return e
    word = _word_before(text, x.start)
    if word not in _AGE_WORDS and word not in _PEOPLE_WORDS:
        return None
    age_end = _AGE_AFTER.match(text, x.number_end)
    if age_end is not None:
        return max(e, age_end.end())
    return e if word in _AGE_WORDS else None  # "aged 40", but "adults 40" may be a heading's count


def _is_age(x: _Atom) -> bool:
    """A small whole number with no currency or scale: what an age or a rank can be."""
    return x.currency is None and x.scale == 1 and x.value <= 120 and x.value == x.value.to_integral_value()


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.&'’")


# Verbs that open a list item or a sentence ("Supplied 44 partner pantries", "Operates 12 depots"): a capital
# there is the line's, not a name's ("Area 51", "Route 42").
_LEADING_VERBS = frozenset(
    """has have had operates runs manages maintains employs serves owns oversees handles includes provides
    supports holds counts""".split()
)


def _leading_verb(word: str) -> bool:
    low = word.lower()
    return (len(low) >= 5 and low.endswith("ed") and word[1:].islower()) or low in _LEADING_VERBS


# Verbs a fact list's items open with, bare or in the third person ("• Rescue 14 swimmers", "• Inspects 68
# containers"): at the start of a line a capital there is the item's, not a name's. (No word that is also a
# name's noun: "Ship 3", "Stop 12", "Board 5".)
_ITEM_VERBS = frozenset(
    """rescue save assist conduct screen inspect tow seize interdict process deliver handle serve issue award
    approve investigate arrest remove train hire fund complete perform support protect patrol escort help visit
    provide collect sort maintain operate manage employ detain secure receive guard produce generate carry cover
    review build repair install treat answer register enroll host launch print transport restore examine audit
    certify license lend spend invest recover prevent capture destroy naturalize admit deport welcome feed
    shelter teach educate prosecute convict deploy dispatch facilitate adjudicate apprehend intercept respond
    plant distribute vaccinate hold count offer loan circulate stage lead fill record digitize""".split()
)


def _item_verb(text: str, start: int, word: str) -> bool:
    """Whether ``word``, at ``start``, opens a line with one of the verbs list items open with."""
    low = word.lower()
    verb = low in _ITEM_VERBS or (low.endswith("s") and (low[:-1] in _ITEM_VERBS or (
        low.endswith("es") and low[:-2] in _ITEM_VERBS
    )))
    return verb and word[1:].islower() and _LINE_START.search(text, max(0, start - 12), start) is not None


# A line of a label and a figure with thousands separators ("Special Agents 2,597"): a row of a plain-text table.
_CLEAR_ROW = re.compile(r"[ \t]*[A-Z][^\n]{0,80}?[A-Za-z)][ \t]+[$]?\d{1,3}(?:,\d{3})+%?[ \t]*")


def _counted_label_line(text: str, cm: re.Match[str], e: int) -> bool:
    """Whether a line is a plural noun and its figure alone ("Airlines 19", "Destinations 104", an infobox's row): what
    is counted, where "Area 51" or "Release 2" names one thing."""
    word = cm.group("w")
    opens = cm.start() == 0 or text[cm.start() - 1] == "\n"
    ends = e == len(text) or text[e] == "\n"
    return opens and ends and len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "'s", "’s"))


def _in_value_rows(text: str, s: int, e: int) -> bool:
    """Whether the figure at ``s``..``e`` ends a label's line next to a row of a clear figure: "Industry Operations
    Investigators 862" under "Special Agents 2,597" is a table's row, where "Area 51" alone names a place."""
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    if text[e:line_end].strip():
        return False
    # The rows of a block each make a paragraph of their own: the next line with text is the neighbour.
    before = text[max(0, s - 200) : text.rfind("\n", 0, s) + 1].rstrip().rpartition("\n")[2]
    after = text[line_end : line_end + 200].lstrip().partition("\n")[0]
    return _CLEAR_ROW.fullmatch(before) is not None or _CLEAR_ROW.fullmatch(after) is not None


def _capital_before(text: str, s: int, floor: int) -> bool:
    """Whether _CAP_WORD_BEFORE can match before ``s``: one or two inline spaces, then a run of its word characters
    with a capital in it. A quick look that turns most figures away (they follow a lower-case word)."""
    lo = max(floor, s - 40)
    k = s - 1
    if k < lo or text[k] not in _INLINE_SPACES:
        return False
    k -= 1
    if k >= lo and text[k] in _INLINE_SPACES:
        k -= 1
    while k >= lo and text[k] in _WORD_CHARS:
        if "A" <= text[k] <= "Z":
            return True
        k -= 1
    return False


def _is_year(a: _Atom) -> bool:
    return a.plain and len(a.digits) == 4 and _YEAR_DIGITS.fullmatch(a.digits) is not None


# Hedges that also read as time: "averaged 95 percent over 2023", "around 2010 the fleet was replaced"
_TIME_HEDGES = frozenset(("over", "under", "around", "about"))


def _year_rejects(text: str, a: _Atom, hedge: str | None, floor: int) -> bool:
    if not _is_year(a):
        return False
    if hedge and " ".join(hedge.lower().split()) not in _VERB_HEDGES:
        # a year after such a hedge is a time unless what it counts follows ("over 2000 riders")
        return hedge.lower() in _TIME_HEDGES and _PLURAL_AFTER.match(text, a.end) is None
    if _YEAR_CONTEXT.find(text, a.start, floor):
        return True
    if _YEAR_KIND_AFTER.match(text, a.end) or _YEAR_EVENTS_AFTER.match(text, a.end):
        return True
    if _POSSESSIVE_BEFORE.search(text, max(floor, a.start - 8), a.start):
        return True
    if _ARTICLE_BEFORE.search(text, max(floor, a.start - 4), a.start):
        return True  # "A 2022 physical needs assessment": one assessment, of 2022
    return _PLURAL_AFTER.match(text, a.end) is None


def _read_digits(text: str, s: int, floor: int) -> tuple[_Found | None, int]:
    """Read the expression around the figure whose first digit is at ``s``."""
    # phone numbers first: they may start one character early, at "(" or "+". Every form has a group of
    # one or three digits followed by a separator and another digit, which rules most figures out cheaply.
    if _PHONE_GATE.match(text, s) is not None:
        for k in (s, s - 1, s - 2):
            if k >= floor and (k == s or text[k] in "(+"):
                pm = _PHONE.match(text, k)
                if pm is not None and (k == 0 or not _is_alnum(text[k - 1])):
                    return None, pm.end()
    if _left_rejects(text, s):
        return None, _skip_token(text, s)
    if "." in text[s + 1 : s + 3] and (co := _COORDINATES.match(text, s)) is not None:
        if float(co.group("lat")) <= 90 and float(co.group("lon")) <= 180:
            return None, co.end()
    if text.startswith("1-8", s) and text[s + 2 : s + 5] in _TOLL_FREE and not text[s + 5 : s + 6].isdigit():
        return None, _skip_token(text, s)  # "our 1-800 number": a toll-free prefix, not a range from 1 to 800
    if text[s + 3 : s + 4] == "-" and _SHORT_CODE.match(text, s) and _TEXT_TO.search(text, max(0, s - 48), s):
        return None, _skip_token(text, s)  # "Text your question to 275-872": a short code
    cur = _currency_before(text, s, floor)
    if cur is None and _label_before(text, s, floor):
        # "Title 19", "FY 2022", "§ 287": what _context_rejects answers after a full read, whatever the read
        # gives (a trap's skip is the same), so the read is spared.
        return None, _skip_token(text, s)
    start, currency = cur if cur else (s, None)
    if start < s and text[start] == "\\":
        start += 1
    x = _read_number(text, s, currency, start, None)
    if isinstance(x, int):
        return None, x
    return _assemble(text, x, floor, label_checked=currency is None)


_EMERGENCY_NUMBERS = frozenset(("911", "999", "112", "000", "111", "311"))
_CALL_BEFORE = re.compile(r"\b(?:call|dial|phone|ring|text|emergenc(?:y|ies))\b[^\n.;]{0,12}\Z", re.IGNORECASE)
_TIME_UNIT_AFTER = re.compile(r"[ \u00a0]+(?:seconds|minutes|hours|days|weeks|months|years)\b", re.IGNORECASE)
# A noun, a present participle and a comparison before a length of time: the threshold that picks out what is
# counted ("patients waiting more than 52 weeks", "cases lasting over 90 days"), not after a verb that makes the
# participle the sentence's own ("we are waiting more than 52 weeks")
_THRESHOLD_LEAD = re.compile(
    r"(?<![\w'’])(?!(?:is|are|was|were|be|been|being|am|i|we|you|they|he|she|it|not)\b)[a-z]+[ \u00a0]+[a-z]+ing[ \u00a0]+"
    r"(?:for[ \u00a0]+)?(?:more[ \u00a0]+than|longer[ \u00a0]+than|over|under|less[ \u00a0]+than|in[ \u00a0]+excess[ \u00a0]+of|"
    r"at[ \u00a0]+least)[ \u00a0]+\Z",
    re.IGNORECASE,
)
# "within 2 °C of the observed temperature", "within 5% of the budget", "within 10 minutes of the scheduled time"
_WITHIN_BEFORE = re.compile(r"\bwithin[ \u00a0]+\Z", re.IGNORECASE)
_OF_THE_AFTER = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the|a|an|its|their|our|his|her|each|every)\b", re.IGNORECASE)
_ROUND_THE_CLOCK = re.compile(
    r"(?:24[ \u00a0]+hours?[ \u00a0]+(?:a|per|each)[ \u00a0]+day|(?:7|seven)[ \u00a0]+days[ \u00a0]+(?:a|per|each)[ \u00a0]+week"
    r"|365[ \u00a0]+days[ \u00a0]+(?:a|per|each)[ \u00a0]+year)\b",
    re.IGNORECASE,
)
# A link's file size: "(PDF, 4.2 MB)", "Download the report (2.1MB)"
_FILE_SIZES = frozenset(("KB", "kB", "MB", "GB", "Kb", "Mb"))
_FILE_SIZE = re.compile(r"[ \u00a0]?(?:KB|kB|MB|GB|Kb|Mb)\b")
_FILE_BEFORE = re.compile(r"(?:\(|\b(?:PDF|DOCX?|XLSX?|CSV|ZIP|RTF|ODT|file|download)\b)[^()\n]{0,20}\Z", re.IGNORECASE)
# "Dollar columns are in millions;", "(in thousands)": the scale figures are written in, not an amount
_IN_SCALE = re.compile(
    r"(?:thousands|millions|billions)(?=[ \t\u00a0]*(?:[;.,)(]|$|of[ \t\u00a0]+(?:dollars|pounds|euros)\b))", re.I
)
_SCALE_PLURALS = frozenset(("thousands", "millions", "billions"))
_IN_BEFORE = re.compile(r"\bin[ \t\u00a0]+(?:\$[ \t\u00a0]*)?\Z", re.I)


def _read_word(text: str, m: re.Match, floor: int) -> tuple[_Found | None, int]:
    if (
        m.group().lower() in _SCALE_PLURALS and _IN_SCALE.match(text, m.start())
        and _IN_BEFORE.search(text, max(0, m.start() - 6), m.start())
    ):
        return None, m.end()
    x = _read_number(text, m.start(), None, m.start(), m)
    if isinstance(x, int):
        if m.group().lower() != "one" or _RATIO_AFTER.match(text, m.end()) is None:
            return None, x
        # A lone "one" is a pronoun ("one of the largest"), but "one in five" is a share.
        x = _Atom(m.start(), m.end(), m.start(), m.end(), _ONE, "1", word=True)
    return _assemble(text, x, floor)


def _read_second(text: str, p: int) -> _Atom | None:
    """The upper end of a range, starting right after "to", "and" or the dash."""
    cm = _CUR_FORWARD.match(text, p)
    currency = None
    q = p
    if cm is not None:
        currency = (
            cm.group("code") or (word_currency(cm.group("rs")) if cm.group("rs") else None)
            or _SIGN_CODES.get(cm.group("sign") or "")
            or _CURRENCY_PREFIX[cm.group("pre")]
        )
        q = cm.end()
    if q < len(text) and text[q].isdigit():
        y = _read_number(text, q, currency, p, None)
    else:
        wm = _WORDNUM.match(text, q)
        if wm is None or currency:
            return None
        y = _read_number(text, q, None, q, wm)
    if isinstance(y, int) or y.vague_high is not None or y.suffix_hedge:
        return None
    return y


def _combine(x: _Atom, y: _Atom) -> tuple[_Atom, _Atom] | None:
    """Share currency, scale and unit between a range's ends ("$5–7 billion"), or None when the
    two ends do not make a range."""
    if x.vague_high is not None or x.suffix_hedge:
        return None
    cx, cy = x.currency, y.currency
    if cx and cy and cx != cy:
        return None
    currency = cx or cy
    # a scale word written only after the upper end applies to both ("5–7 billion"), unless the
    # lower end is already the larger figure without it ("5,000 to 2 million")
    if y.scale != 1 and x.scale == 1 and x.value * y.scale < y.total:
        x = x.replace(scale=y.scale, plain=False)
    if x.unit_after and not (y.unit_after and y.unit == x.unit):
        return None  # "5 miles to 10 towns"
    unit = y.unit if y.unit_after else (currency or x.unit)
    if x.unit_after:
        unit = x.unit
    if currency and unit not in (currency, "count"):
        return None
    unit = currency or unit
    x = x.replace(currency=currency, unit=unit, plain=x.plain and not currency and not y.unit_after)
    y = y.replace(currency=currency, unit=unit)
    if not y.total > x.total:
        return None
    return x, y


def _hedge_before(text: str, x: _Atom, floor: int) -> tuple[int, str] | None:
    span = _HEDGE_BEFORE.find(text, _lookback_end(text, x.start), floor)
    if span is None and not x.word and _word_before(text, x.start) in ("a", "an"):
        # "almost a 25 percent increase": the hedge before the article is the figure's
        article = _ARTICLE_BEFORE.search(text, max(floor, x.start - 6), x.start)
        span = None if article is None else _HEDGE_BEFORE.find(text, article.start(), floor)
    if span is None and not x.word and _word_before(text, x.start) in ("another", "further", "additional"):
        # "Up to another 80 posts", "nearly a further 300": the hedge before "another" is the figure's
        more = _MORE_BEFORE.search(text, max(floor, x.start - 16), x.start)
        span = None if more is None else _HEDGE_BEFORE.find(text, more.start(), floor)
    if span is None and x.start > floor and text[x.start - 1] == "~" and not _is_alnum(text[x.start - 2 : x.start - 1]):
        return x.start - 1, "~"  # "~16,000": a tilde glued on is "about"
    return None if span is None else (span[0], text[span[0] : span[1]])


_ARTICLE_BEFORE = re.compile(r"(?<![\w-])an?[ \t\u00a0]+\Z", re.I)
_MORE_BEFORE = re.compile(r"(?<![\w-])(?:another|an?[ \t\u00a0]+(?:further|additional))[ \t\u00a0]+\Z", re.I)


def _assemble(text: str, x: _Atom, floor: int, label_checked: bool = False) -> tuple[_Found | None, int]:
    """Turn an atom into a mention: traps, range, hedge, year (``label_checked``: see _context_rejects)."""
    if x.start == x.number_start:
        x = _as_ratio(text, x) or x
    if _context_rejects(text, x, floor, label_checked):
        return None, x.number_end if x.word else _skip_token(text, x.number_start)
    hedge = _hedge_before(text, x, floor)
    skip = _group_rejects(text, x, hedge)
    if skip is not None:
        return None, skip
    if (x.unit in _RULE_UNITS or (x.unit == "count" and _INCHES_WORD.match(text, x.end))) and _states_rule(text, x):
        return None, x.end
    if hedge is None and _is_service_number(text, x):
        return None, x.end
    # a range: "between X and Y", "from X to Y", "X to Y", "X–Y"
    sep = _RANGE_SEP.match(text, x.end)
    if sep is not None and x.vague_high is None:
        found = _range(text, x, sep, hedge, floor)
        if found is not None:
            return found
    start = x.start
    if hedge is not None:
        start, hedge_text = hedge
    else:
        hedge_text = x.suffix_hedge
    if x.vague_high is not None:
        start, hedge_text = x.start, None  # "more than thousands" adds nothing to the words' own range
    if _year_rejects(text, x, hedge_text, floor):
        return None, x.end
    if _in_equation(text, x, floor):
        return None, x.end
    if hedge is None and x.unit in _DURATION_UNITS and _is_deadline(text, x):
        return None, x.end  # "within 90 days of installation", "within six months": a deadline, not an amount
    if hedge is None and x.unit in _DISTANCE_UNITS and _is_deadline(text, x):
        return None, x.end  # "food grown within 250 miles", "within 5 miles of a station": a radius, not an amount
    if x.unit == "count" and (rule := _RULE_OR_LICENCE_BEFORE.search(text, max(floor, x.start - 20), x.start)):
        if rule.group("licence") or (x.digits == "100" and x.scale == 1):
            return None, x.end  # "under a CC BY 4.0 licence", "shares may not sum to 100": a version, arithmetic
    if x.unit == "count" and _ERA_AFTER.match(text, x.end):
        return None, x.end  # "the Bronze Age (2500 BC)": a year of history, no amount
    if hedge is None and _word_before(text, x.start) == "nearest":
        return None, x.end  # "rounded to the nearest 50 ballots": a precision, no amount
    if x.unit in _DISTANCE_UNITS and _BOUNDARY_AFTER.match(text, x.end):
        return None, x.end  # "the 12-nautical-mile limit", "a 200-mile exclusion zone": where a rule applies
    if (
        x.suffix_hedge is not None
        and " ".join(x.suffix_hedge.lower().split()) in _CATEGORY_HEDGES
        and _word_before(text, x.start) in _CATEGORY_BEFORE
    ):
        return None, x.end  # "students who missed 10% or more of school days": a category's threshold, no fact
    if x.unit not in ("count", "percent") and x.currency is None and _SIZE_LIMIT.match(text, x.end) is not None and (
        _word_before(text, x.start) in _CATEGORY_BEFORE or text[max(0, x.start - 1) : x.start] == "("
        or (x.suffix_hedge is not None and _PER_ITEM.match(text, x.end) is not None)
    ):
        return None, x.end  # "containers of 3.4 ounces (100 milliliters) or less", "3.4 ounces or less per container"
    if text[max(0, x.start - 1) : x.start] == "(" and _BRACKETED_LIMIT.match(text, x.end) is not None:
        return None, x.end  # "(100 milliliters) or less": the same limit, converted
    return _Found(start, x.end, x, None, hedge_text), x.end


# what follows a size that is a limit: its "or less" (after a conversion in brackets), or "per" what it limits
# (but "an average of 54 tonnes per day" is a rate: time is no item a size limits)
_SIZE_LIMIT = re.compile(
    r"(?:\)?" + _WS + r"?\([^()]{1,30}\))?\)?" + _WS + r"?(?:or" + _WS + r"(?:less|fewer|more|smaller)\b"
    r"|per\b(?!" + _WS + r"(?:day|week|month|year|annum|hour|minute|second|night|quarter)\b)|each\b)",
    re.I,
)
_BRACKETED_LIMIT = re.compile(r"(?:" + _WS + r"[A-Za-z]+)?\)" + _WS + r"?or" + _WS + r"(?:less|fewer|more|smaller)\b", re.I)
_RULE_OR_LICENCE_BEFORE = re.compile(
    r"(?:(?P<licence>\bCC[ \t\u00a0-]BY(?:-[A-Z]{2}){0,2})|\b(?:sum|add(?:[ \t\u00a0]+up)?)[ \t\u00a0]+to)[ \t\u00a0]+\Z"
)
_ERA_AFTER = re.compile(r"[ \t\u00a0](?:BCE?|CE|AD|B\.C\.)(?![\w.])")
_BOUNDARY_AFTER = re.compile(
    _WS + r"(?:(?:exclusive|exclusion|fishing|economic|territorial|buffer|no-take|safety)" + _WS + r")*"
    r"(?:limits?|zones?|boundary|boundaries|radius)\b",
    re.I,
)
_PER_ITEM = re.compile(_WS + r"(?:per|each|a|an)\b", re.I)
_DISTANCE_UNITS = frozenset(("miles", "feet", "kilometers", "meters", "yards", "nautical miles"))
_CATEGORY_HEDGES = frozenset(("or more", "or fewer", "or less"))
_CATEGORY_BEFORE = frozenset(
    "with involving having of missing missed miss misses aged ages age exceeding containing lasting earning".split()
)


# A figure that states a rule is no fact about anyone: a legal or posted limit ("the speed limit in the work zone
# is 55 mph, and lanes are 11 feet wide"), a size or weight from which a rule applies ("a permit is required for
# any vehicle wider than 8 feet 6 inches … or heavier than 80,000 pounds"), a required size ("must be buried at
# least 36 inches deep"). Only speeds, lengths and weights: a count, an amount of money or a duration in such a
# sentence is still a figure ("the 55 mph limit saw 1,200 tickets"), and so is a speed or a size stated without
# a rule's words ("the fleet averages 45 mph", "the bridge is 1,200 feet long"). Tons and tonnes are mostly
# quantities of material moved ("crews must haul 12,000 tons of salt"): only a limit's own words reject them.
# A bare "not to exceed $7,500" is a hedge (an upper bound), a rule only with a modal ("loads may not exceed …").
# Knots are left out: "vessels must keep below 12 knots" is read as a speed (tests/cases/extraction/measures.yaml).
_RULE_UNITS = frozenset(("mph", "feet", "inches", "meters", "pounds", "kilograms", "tons", "tonnes"))
_BULK_UNITS = frozenset(("tons", "tonnes"))
_LIMIT_BEFORE = re.compile(
    r"\b(?:limits?|limited" + _WS + r"to|(?:may|must|shall|cannot|can" + _WS + r"not)" + _WS
    + r"(?:not" + _WS + r")?exceed|(?:legally|maximum|minimum)" + _WS + r"(?:allowed|permitted|required)"
    + r"|(?:is|are|be)" + _WS + r"(?:allowed|permitted))\b",
    re.I,
)
_OBLIGATION_BEFORE = re.compile(r"\b(?:must|shall|(?:is|are|be)" + _WS + r"required|required" + _WS + r"to)\b", re.I)
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:wider|taller|higher|heavier|longer|narrower|lighter|deeper|faster)" + _WS + r"than" + _WS + r"\Z", re.I
)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|\Z)|\n[ \t]*\n")


# "inches" is not yet a unit word ("31 inches of rainfall" reads 31 with measure "inches of rainfall"), but it is a
# length all the same
_INCHES_WORD = re.compile(_WS + r"(?i:inches|inch)\b")
_LIMIT_AFTER = re.compile(_WS + r"(?:(?:speed|weight|height|width|length|load|size)" + _WS + r")?limits?\b", re.I)


def _states_rule(text: str, x: _Atom) -> bool:
    """The speed, length or weight ``x`` is a rule's limit (see _RULE_UNITS), judged on its sentence up to it (for
    tons, its clause) and on the words right after it ("the 55 mph speed limit")."""
    if _LIMIT_AFTER.match(text, x.end):
        return True
    s = x.start
    lo = max(0, s - 200)
    window = text[lo:s]
    cut = 0
    for m in _SENTENCE_END.finditer(window):
        cut = m.end()
    window = window[cut:]
    if x.unit in _BULK_UNITS:
        window = window[window.rfind(",") + 1 :]
        return bool(_THRESHOLD_BEFORE.search(window) or _LIMIT_BEFORE.search(window))
    return bool(_THRESHOLD_BEFORE.search(window) or _LIMIT_BEFORE.search(window) or _OBLIGATION_BEFORE.search(window))


# "within 90 days", "completed within 10 business days": a deadline. Not "in": "completed in 10–15 business days"
# says how long a service takes, a figure a reader can check (holdout-h's gold keeps it as an optional claim).
def _is_deadline(text: str, x: _Atom) -> bool:
    return _word_before(text, _lookback_end(text, x.start)) == "within"


# N11 service numbers ("911", "311", "511") name a telephone service: "the 911 Communications Center", "every 911
# call", "on 911 lines", "call 911". Read as a count only with a hedge ("about 911 calls") or without such words.
_SERVICE_AFTER = re.compile(
    # (and a service named beside it: "on the 911 and OpCen hotlines")
    _WS + r"(?:(?:and|or)" + _WS + r"[A-Za-z][\w-]*" + _WS + r")?(?i:calls?|call-takers?|lines?|cent(?:er|re)s?|communications|dispatch(?:ers?)?|operators?|systems?"
    r"|services?|emergenc(?:y|ies)|hotlines?|help(?:lines?)?|numbers?|telecommunicators?|app|info|information|network)\b"
)
_SERVICE_BEFORE = frozenset("call calls called calling dial dials dialed dialled dialing dialling".split())
# "TTY: 711", "Relay 711": the relay service for the deaf
_RELAY_BEFORE = re.compile(r"(?i:\b(?:TTY|TDD|relay))[ \t]*:?[ \t]*\Z")


# A toll-free prefix before a singular "number" or "line" names the telephone service: "our national 800 number",
# "call the 888 line". A count would take the plural ("800 numbers were reassigned" is left as a count).
_TOLL_FREE = frozenset(("800", "888", "877", "866", "855", "844", "833"))
_TOLL_FREE_AFTER = re.compile(_WS + r"(?i:number|line|hotline)(?![\w-])")


def _is_service_number(text: str, x: _Atom) -> bool:
    d = x.digits
    if d in _TOLL_FREE and x.plain and x.start == x.number_start and _TOLL_FREE_AFTER.match(text, x.end):
        return True
    if not (x.plain and len(d) == 3 and d[1:] == "11" and d[0] in "23456789" and x.start == x.number_start):
        return False
    return (
        _SERVICE_AFTER.match(text, x.end) is not None
        or _word_before(text, x.start) in _SERVICE_BEFORE
        or _RELAY_BEFORE.search(text, max(0, x.start - 12), x.start) is not None
    )


def _range(
    text: str, x: _Atom, sep: re.Match, hedge: tuple[int, str] | None, floor: int
) -> tuple[_Found | None, int] | None:
    """The range that starts with ``x``, a rejection of both ends, or None for "not a range"."""
    opener_span = _RANGE_OPENER.find(text, _lookback_end(text, x.start), floor)
    opener = text[opener_span[0] : opener_span[1]].lower() if opener_span else None
    word = (sep.group("word") or "").lower()
    dash = sep.group("hy") is not None or sep.group("en") is not None
    if word == "and" and opener != "between" or opener == "between" and not (word == "and" or dash):
        return None  # "between … and …", "between 1.1–1.4 million"; "and" alone joins a list
    if opener == "from" and not _is_year(x) and _MOVED_BEFORE.search(text, max(0, opener_span[0] - 96), opener_span[0]):
        return None  # "increased from 14,348 to 21,600", "expand the Center from 260 to 300 beds": before and after
    y = _read_second(text, sep.end())
    if word == "or" and (
        opener is not None or y is None or x.word != y.word or not x.total < y.total <= 2 * x.total or _is_year(x)
        or text[max(0, x.start - 2) : x.start].strip() == ","
    ):
        # "eight or nine", "3 or 4 times a year": a range of two close figures (not "1,200 or 3,400", nor the end of
        # a list: "up to 5 years, 10 years or 20 years")
        return None
    if (
        word == "to" and opener is None and y is not None and y.total >= 3 * x.total
        and (by := _BY_BEFORE.search(text, max(floor, x.start - 8), x.start)) is not None
        and _MOVED_BEFORE.search(text, max(0, by.start() - 40), by.start())
        and (y.total >= 10 * x.total or _MOVED_PAST.search(text, max(0, by.start() - 24), x.start))
    ):
        # "would fall by four to 210", "rose by 340 to 2,100": the change, then the level it came to; a report of
        # what happened takes a smaller gap than a forecast (but "cut by 5 to 10 days" is a range)
        return None
    if y is None or (dash and (x.word or y.word)):
        return None
    if dash and _dash_pair_rejects(x, y):
        return None, _skip_token(text, y.number_start)
    e = y.end
    if dash and e + 1 < len(text) and text[e] in "-‐–/." and _is_alnum(text[e + 1]):
        return None, _skip_token(text, y.number_start)  # a chain: "1-800-555", "2018-08-20"
    if _is_year(x) and (_is_year(y) or (dash and y.plain and len(y.digits) == 2)):
        return None, y.end  # "2017-18", "from 2009 to 2012"
    if _is_year(x) and word == "to" and (y.currency or y.scale != _ONE):
        return None  # "from $1,600 million in 2020 to $3,154 million": the year of one level, then the next level
    both = _combine(x, y)
    hedge_ok = hedge is None or _hedge_family(hedge[1]) == _APPROX  # "about 5 to 10"
    if both is not None and hedge_ok and not _context_rejects(text, y, floor):
        x2, y2 = both
        start = opener_span[0] if opener_span else x.start
        hedge_text = None
        if hedge is not None:
            start, hedge_text = min(start, hedge[0]), hedge[1]
        return _Found(start, y2.end, x2, y2, hedge_text), y2.end
    if sep.group("hy") is not None:
        return None, _skip_token(text, y.number_start)  # "3-2", "10-5": scores, codes
    return None


def _dash_pair_rejects(x: _Atom, y: _Atom) -> bool:
    """Hyphen pairs that are codes, not ranges: "732-4242" (phone), "20536-0001" (ZIP+4)."""
    if x.plain and y.plain and len(y.digits) == 4 and len(x.digits) in (3, 5):
        return True
    return False


def _inherit(text: str, found: list[_Found]) -> list[_Found]:
    """A hedge on the first item of a list applies to the bare items that follow it."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        # Items hedged each on its own ("almost 400 pounds …, about 8 pounds … and $55,041"): a bare one is exact.
        each_hedged = (
            prev is not None and len(out) > 1 and not prev.inherited and out[-2].hedge is not None
            and not out[-2].inherited and _is_list_gap(text, out[-2].end, prev.start)
        )
        # A hedge on a later item is that item's own ("2,600 officers, over 900 reservists, and 5,000
        # volunteers"): only the first item's hedge speaks for the list (semantics.md).
        mid_list = (
            prev is not None and len(out) > 1 and not prev.inherited and out[-2].hedge is None
            and _is_list_gap(text, out[-2].end, prev.start)
        )
        if (
            prev is not None
            and prev.hedge
            and not each_hedged
            and not mid_list
            and prev.y is None
            and prev.x.vague_high is None
            and f.hedge is None
            and f.y is None
            and f.x.vague_high is None
            and not f.x.approx
            and _is_list_gap(text, prev.end, f.start)
            and _PARTITIVE_AFTER.match(text, f.end) is None
            # ("6.3% a year over 10 years and 5.8% …": a span of time's "over" is no hedge of the figures after it)
            and not (prev.x.unit in _DURATION_UNITS and f.x.unit != prev.x.unit)
        ):
            f = _Found(f.start, f.end, f.x, f.y, prev.hedge, True)
        out.append(f)
    return out


# "about 14,600 people, 10,800 of them seasonal": a part of the figure before it, not a list item.
_PARTITIVE_AFTER = re.compile(_WS + r"of" + _WS + r"(?:them|which|whom|these|those)\b", re.I)


def _is_list_gap(text: str, a: int, b: int) -> bool:
    if b - a > 120:
        return False
    m = _LIST_GAP.fullmatch(text, a, b)
    if m is None:
        return False
    words = m.group("body").split()
    if len(words) > _LIST_GAP_WORDS:
        return False
    for w in words:
        w = w.strip("\"'“”‘’()[],").lower()
        if w in _CLAUSE_WORDS or ("-" not in w and len(w) > 3 and w.endswith("ed")):
            return False
    return True


def find_quantities(text: str, settings: QuantitySettings = _DEFAULT) -> list[QuantityMention]:
    """Every quantity expression in ``text``, in text order, with non-overlapping spans.

    Reads digits (with comma, thin-space or no-break-space thousands separators, decimals, scale
    words and abbreviations), spelled-out numbers, currency, percent and unit words, hedges
    before and after the figure, and ranges. Skips phone numbers, dates, years, times, versions,
    statute and program names, list numbering, addresses, footnote markers and figures inside
    identifiers, URLs and e-mail addresses. A hedge on the first item of a list is inherited by
    the bare items that follow it ("more than 1,900 …, 1,800 … and 12,000 …").
    """
    found: list[_Found] = []
    pos = 0
    floor = 0
    lowered = lower_cased(text)
    next_word = _word_starts(text, lowered)
    dm = _DIGIT.search(text)
    wm = next_word(0)  # (start, end) of the next word a number may start with
    while dm is not None or wm is not None:
        if dm is not None and dm.start() < pos:
            dm = _DIGIT.search(text, pos)
            continue
        if wm is not None and wm[0] < pos:
            wm = next_word(pos)
            continue
        if wm is None or (dm is not None and dm.start() < wm[0]):
            here = dm.start()
            f, nxt = _read_digits(text, here, floor)
        else:
            here = wm[0]
            full = _WORDNUM.match(text, here)
            f, nxt = (None, wm[1]) if full is None else _read_word(text, full, floor)
        if f is not None:
            found.append(f)
            floor = f.end
        pos = max(nxt, here + 1)
    low = lowered if lowered is not None else text.lower()
    # (substring tests run at C speed; a pattern opening with an alternation is tried at every position)
    if any(word in low for word in _FRACTION_WORDS) and _FRACTION_GATE.search(low):
        found = _with_fractions(text, found)
    cache = _MENTION_CACHES.get(settings)
    if cache is None:
        cache = _MENTION_CACHES[settings] = {}
    return [f.mention(settings, cache) for f in _inherit(text, found)]


# "a quarter of whom", "two-thirds of its riders", "half of all trips": the share a fraction states. Not "a
# quarter of a million" (a number, read above), "the first half of 2023" or "the second quarter of the year" (when).
_FRACTION_WORDS = ("half", "third", "quarter", "fifth")
_FRACTION_GATE = re.compile(r"(?:half|thirds?|quarters?|fifths?)[ \t\u00a0]+of\b")
_FRACTION = re.compile(
    r"(?<![\w-])(?:(?P<num>a|one|two|three|four)[ \t\u00a0-])?(?P<den>half|thirds?|quarters?|fourths?|fifths?)"
    r"(?=[ \t\u00a0]+of[ \t\u00a0]+(?!(?:a|an|one)[ \t\u00a0]+(?:hundred|thousand|million|billion|trillion)\b)"
    r"(?!(?:the[ \t\u00a0]+)?(?:(?:fiscal|calendar|school|financial)[ \t\u00a0]+)?(?:year|decade|century|month|season|"
    r"quarter|week|day|fy|cy)\b)(?![0-9]))",
    re.IGNORECASE,
)
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5}
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_ORDINAL_BEFORE = re.compile(r"(?:first|second|third|fourth|last|latter|former|final|back|front|other)[ \t\u00a0]+\Z", re.I)


def _with_fractions(text: str, found: list[_Found]) -> list[_Found]:
    """``found`` with the fractions of the text that no figure already covers, in text order."""
    taken = [(f.start, f.end) for f in found]
    extra: list[_Found] = []
    for m in _FRACTION.finditer(text):
        den = _DENOMINATORS[m.group("den").lower().rstrip("s")]
        num = _NUMERATORS[m.group("num").lower()] if m.group("num") else (1 if den == 2 else 0)
        if not 0 < num < den or _ORDINAL_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        share = (Decimal(100) * num / den).quantize(Decimal("0.1")).normalize()
        atom = _Atom(m.start(), m.end(), m.start(), m.end(), share, format(share, "f"), unit="percent",
                     word=True, approx=True)
        before = [e for s, e in taken if e <= m.start()]
        f, _ = _assemble(text, atom, max(before) if before else 0)
        if f is not None:
            extra.append(f)
    return sorted(found + extra, key=lambda f: f.start) if extra else found


_MENTION_CACHES: dict[QuantitySettings, dict] = {}  # settings → (figure as read → Quantity)


def _word_starts(text: str, lowered: str) -> Callable[[int], tuple[int, int] | None]:
    """A function that gives (start, end) of the first word at or after a position that a spelled-out number can
    start with: what a search of ``\\b`` + _WORD_SRC finds, in lower-cased text when lower-casing keeps offsets."""
    if len(lowered) != len(text):

        def any_case(pos: int) -> tuple[int, int] | None:
            m = _WORD_START_ANY_CASE.search(text, pos)
            return None if m is None else m.span()

        return any_case
    after_break = _WORD_AFTER_BREAK_ASCII if lowered.isascii() else _WORD_AFTER_BREAK

    def lower(pos: int) -> tuple[int, int] | None:
        if pos == 0:
            m = _WORD_AT_START.match(lowered)
            if m is not None:
                return m.span()
        m = after_break.search(lowered, max(pos - 1, 0))  # the character before a word at ``pos`` may be the break
        return None if m is None else m.span(1)

    return lower


def parse_quantity(s: str, settings: QuantitySettings = _DEFAULT) -> Quantity | None:
    """The quantity of ``s`` when the whole string (surrounding white space aside) is one quantity
    expression, e.g. "approximately $8 billion" or "62,450+"; otherwise None."""
    body = s.strip()
    lead = len(s) - len(s.lstrip())
    mentions = find_quantities(s, settings)
    if len(mentions) == 1 and mentions[0].start == lead and mentions[0].end == lead + len(body):
        return mentions[0].quantity
    return None
