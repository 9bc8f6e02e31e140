"""Laws of quantities: writing styles agree, intervals nest as the hedge table says, the finder is
total and stable."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimcheck.claims.model import Interval
from claimcheck.claims.quantities import (
    _HEDGES,
    _TIME_HEDGES,
    _VERB_HEDGES,
    _WORD_SRC,
    _sign_before,
    _word_starts,
    find_quantities,
    parse_quantity,
)

D = Decimal
SEPARATORS = [",", "\u2009", "\u202f", "\u00a0"]
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
ABBREVIATIONS = {"thousand": ["k", "K"], "million": ["M", "m", " mn", " mln"], "billion": [" bn", "bn", "B"]}
PREFIX_HEDGES = sorted(h for h in _HEDGES if h[0].isalpha() and not h.startswith("or "))


def grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def key(q):
    return (q.stated, q.stated_high, q.unit, q.bound, q.interval, q.likely)


def d(x: float) -> Decimal:
    return Decimal(repr(x))


# --------------------------------------------------------------------------------------------
# (1) every supported way of writing a value gives the same stated value, and the same interval
#     where the written digits imply the same precision
# --------------------------------------------------------------------------------------------
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", "more than ", "about ", "nearly "]))
def test_thousands_separators_agree(n, hedge):
    forms = [f"{hedge}{n} pounds"] + [f"{hedge}{grouped(n, sep)} pounds" for sep in SEPARATORS]
    qs = [parse_quantity(f) for f in forms]
    assert all(q is not None for q in qs), forms
    assert len({key(q) for q in qs}) == 1, forms
    assert qs[0].stated == float(n)


def mantissas():
    """Decimals whose last written digit is not zero: 5.7, 0.25, 78, 3."""
    return st.builds(
        lambda k, p: (D(k).scaleb(-p), k),
        st.integers(min_value=1, max_value=99999).filter(lambda k: k % 10),
        st.integers(min_value=0, max_value=2),
    ).filter(lambda mk: mk[0] < 1000)


@given(mantissas(), st.sampled_from(sorted(SCALES)))
def test_scale_words_and_currency_styles_agree(mk, scale_word):
    m, k = mk
    ms = format(m, "f")
    forms = [
        f"${ms} {scale_word}",
        f"US${ms} {scale_word}",
        f"USD {ms} {scale_word}",
        f"{ms} {scale_word} USD",
        f"{ms} {scale_word} dollars",
    ] + [f"${ms}{a}" for a in ABBREVIATIONS[scale_word]] + [f"{ms}{a} USD" for a in ABBREVIATIONS[scale_word]]
    qs = [parse_quantity(f) for f in forms]
    assert all(q is not None for q in qs), [f for f, q in zip(forms, qs) if q is None]
    assert len({key(q) for q in qs}) == 1, forms
    assert qs[0].stated == float(m * SCALES[scale_word])
    assert qs[0].unit == "USD"


@given(mantissas(), st.sampled_from(["million", "billion"]))
def test_full_digits_round_no_wider_than_scale_words(mk, scale_word):
    """"$5.7 billion" and "$5,700 million" or "$5,700,000,000" state the same value. The written
    forms with trailing zeros have the cap of 2.5 %, so their interval is the same when the
    mantissa's own half-unit is within 2.5 % of it (k ≥ 20 significant units), narrower otherwise."""
    m, k = mk
    total = m * SCALES[scale_word]
    assume(total == total.to_integral_value())
    scaled = parse_quantity(f"${format(m, 'f')} {scale_word}")
    full = parse_quantity(f"${grouped(int(total), ',')}")
    lower_scale = {"million": "thousand", "billion": "million"}[scale_word]
    in_lower = m * 1000
    written = grouped(int(in_lower), ",") if in_lower == int(in_lower) else format(in_lower, "f")
    shifted = parse_quantity(f"${written} {lower_scale}")
    for other in (full, shifted):
        assert other is not None
        assert other.stated == scaled.stated
        assert scaled.interval.covers(other.interval)
        if k >= 20:
            assert other.interval == scaled.interval, (m, scale_word)


def test_five_point_seven_billion_example():
    a, b, c = parse_quantity("$5.7 billion"), parse_quantity("$5,700 million"), parse_quantity("5.7 bn USD")
    assert key(a) == key(b) == key(c)
    assert (a.interval.low, a.interval.high) == (5650000000.0, 5750000000.0)


WORDS_1_99 = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int) -> str:
    if n < 20:
        return WORDS_1_99[n - 1]
    t, u = divmod(n, 10)
    return TENS[t - 2] + ("" if u == 0 else "-" + WORDS_1_99[u - 1])


@given(st.integers(min_value=1, max_value=99), st.sampled_from([""] + sorted(SCALES)))
def test_spelled_out_numbers_agree_with_digits(n, scale_word):
    tail = f" {scale_word}" if scale_word else ""
    if n == 1 and not scale_word:
        assert parse_quantity("one") is None  # a lone "one" is a pronoun
        return
    words, digits = parse_quantity(spell(n) + tail), parse_quantity(f"{n}{tail}")
    assert words is not None and digits is not None
    assert key(words) == key(digits)


# --------------------------------------------------------------------------------------------
# (2)–(4) intervals: contain the figure, likely inside stated, never negative, shaped by hedge
# --------------------------------------------------------------------------------------------
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(lambda n: grouped(n, ",")),
    st.integers(min_value=0, max_value=10**6).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(lambda x: format(x, "f")),
)
units = st.sampled_from(["", "%", " percent", " pounds", " days"])
scales = st.sampled_from(["", " thousand", " million", " billion", "k", " bn"])


@st.composite
def expressions(draw):
    hedge = draw(st.sampled_from([None] + PREFIX_HEDGES))
    number = draw(numbers)
    scale = draw(scales)
    unit = draw(units)
    money = draw(st.booleans()) and unit == ""
    text = ("" if hedge is None else hedge + " ") + ("$" if money else "") + number + scale + unit
    # A bare 1700–2099 reads as a year ("the Judiciary Act of 1789"), after a hedge that is also a verb or a time too
    # ("exceeded 1750" as "in 1750" does not count anything; "over 1750", "around 1900")
    year_hedge = hedge is None or hedge in _VERB_HEDGES or hedge.lower() in _TIME_HEDGES
    bare_year = year_hedge and not (scale or unit or money) and number.isdigit() and 1700 <= int(number) <= 2099
    return text, hedge, bare_year


def endpoint_ok(iv: Interval, x: float) -> bool:
    """The stated figure is inside the interval, or is its open end (more than / less than)."""
    return iv.contains(x) or (iv.low == x and not iv.low_inclusive) or (iv.high == x and not iv.high_inclusive)


@given(expressions())
def test_interval_laws(expr):
    text, hedge, bare_year = expr
    q = parse_quantity(text)
    if bare_year:
        assert q is None
        return
    assert q is not None, text
    assert endpoint_ok(q.interval, q.stated)
    assert q.interval.covers(q.likely), text
    assert q.interval.low is not None and q.interval.low >= 0
    assert q.likely.low is not None and q.likely.low >= 0
    if q.bound in ("exact", "approx", "range"):
        assert q.likely == q.interval
    else:
        assert q.likely.high is not None and q.likely.width > 0 or q.stated == 0


@given(expressions())
def test_hedge_table_shapes(expr):
    text, hedge, bare_year = expr
    q = parse_quantity(text)
    assume(q is not None)
    x = d(q.stated)
    family = _HEDGES[hedge] if hedge else ("exact" if q.bound == "exact" else q.bound)
    i, lk = q.interval, q.likely
    if family == "more":
        assert q.bound == "lower" and i.low == q.stated and not i.low_inclusive and i.high is None
        assert lk.low == q.stated and not lk.low_inclusive and lk.high_inclusive
        assert x < d(lk.high) <= x + x * D("0.1") or x == 0
    elif family == "at-least":
        assert q.bound == "lower" and i.low == q.stated and i.low_inclusive and i.high is None
        assert lk.low == q.stated and lk.low_inclusive and lk.high_inclusive
        assert x < d(lk.high) <= x + x * D("0.1") or x == 0
    elif family == "almost":
        assert q.bound == "upper" and i.high == q.stated and not i.high_inclusive
        assert d(i.low) == max(D(0), x - x * D("0.1"))
        assert lk.high == q.stated and not lk.high_inclusive and d(lk.low) >= d(i.low)
    elif family == "up-to":
        assert q.bound == "upper" and (i.low, i.high) == (0.0, q.stated) and i.low_inclusive and i.high_inclusive
        assert lk.high == q.stated and lk.high_inclusive and d(lk.low) >= x - x * D("0.1")
    elif family == "less":
        assert q.bound == "upper" and (i.low, i.high) == (0.0, q.stated) and not i.high_inclusive
        assert lk.high == q.stated and not lk.high_inclusive and d(lk.low) >= x - x * D("0.1")
    elif family == "approx":
        assert q.bound == "approx" and i.low_inclusive and i.high_inclusive
        half = d(i.high) - x
        assert half >= x * D("0.05")
        assert d(i.low) == max(D(0), x - half)
    else:
        assert q.bound == "exact" and d(i.high) - x == x - d(i.low) or i.low == 0


# --------------------------------------------------------------------------------------------
# (5) the finder is total; (6) it is stable under layout changes and unrelated context
# --------------------------------------------------------------------------------------------
TOKENS = [
    "more than", "over", "about", "nearly", "up to", "between", "and", "to", "from", "or", ",", ", ", ".", ". ",
    " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2009", "$", "US$", "€", "£", "\\", "5", "5.7", "1,900", "20,000",
    "9\u2009800", "2019", "FY", "FY 2019", "in 2009", "-", "–", "/", ":", "(", ")", "[", "]", "+", "%",
    "percent", "billion", "bn", "k", "M", "a million", "hundreds of thousands", "thousands", "dozens",
    "forty-odd", "twenty-six", "one", "a", "odd", "-odd", "1.", "2)", "287(g)", "1-866-DHS-2-ICE",
    "https://x.gov/2019/5", "a@b.c", "Title", "Section", "March", "pounds", "days", "USD", "dollars",
    "employees", "which", "were", "3", "0", "00", "0.0", "1e5", "٣", "²", "x", "A4", "12th St",
]
texts = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))


@settings(max_examples=300)
@given(texts)
def test_finder_is_total_and_spans_are_sound(text):
    mentions = find_quantities(text)
    last_end = 0
    for m in mentions:
        assert last_end <= m.start <= m.number_start < m.number_end <= m.end <= len(text)
        figure = text[m.number_start : m.number_end]
        assert any(c.isalnum() for c in figure)
        assert figure in text[m.start : m.end]
        assert m.quantity.interval.low is not None and m.quantity.interval.low >= 0
        assert m.quantity.interval.covers(m.quantity.likely)
        last_end = m.end


SENTENCES = [
    "ICE now has more than {a} law enforcement and support personnel in more than {b} offices.",
    "The agency has an annual budget of approximately ${c} billion.",
    "HSI has {a} employees, including over {b} special agents and {d} intelligence analysts.",
    "Special agents seized almost {a} pounds of narcotics.",
    "In FY 2019, ERO arrested individuals with more than {a} convictions, {b} for kidnapping, and {d} DUIs.",
    "The office handled between {d} and {a} cases.",
    "About {e} percent of the {d} detainees were released.",
    "ICE was created in 2003 and revised the 287(g) program in 2009.",
    "It removed hundreds of thousands of aliens to {d} countries.",
    "Call 1-866-DHS-2-ICE or visit https://www.ice.gov/2019/report.",
]
UNRELATED = ["The weather was fine that day.", "Read more about the program here.", "Last updated: 05/13/2020."]


def relative(text: str, starts: list[int]) -> list[tuple]:
    out = []
    for m in find_quantities(text):
        k = max(i for i, s in enumerate(starts) if s <= m.start)
        q = m.quantity
        base = starts[k]
        out.append((k, m.start - base, m.end - base, m.number_start - base, q, m.hedge, m.unit_word))
    return out


def join(sentences: list[str], seps: list[str], prefix: str) -> tuple[str, list[int]]:
    text, starts = prefix, []
    for i, s in enumerate(sentences):
        if i:
            text += seps[i - 1]
        starts.append(len(text))
        text += s
    return text, starts


@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    st.fixed_dictionaries(
        {
            "a": st.integers(1000, 99999).map(lambda n: f"{n:,}"),
            "b": st.integers(10, 999).map(str),
            "c": st.integers(1, 99).map(lambda n: f"{n / 10:g}"),
            "d": st.integers(1, 99).map(str),
            "e": st.integers(1, 99).map(str),
        }
    ),
    st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", " \n ", "\t"]), min_size=5, max_size=5),
    st.sampled_from([""] + [u + sep for u in UNRELATED for sep in (" ", "\n", "\n\n")]),
)
def test_layout_and_unrelated_context_do_not_change_findings(templates, values, seps, prefix):
    sentences = [t.format(**values) for t in templates]
    base_text, base_starts = join(sentences, [" "] * 5, "")
    text, starts = join(sentences, seps, prefix)
    assert relative(text, starts) == relative(base_text, base_starts)


# --------------------------------------------------------------------------------------------
# (5) words of one hedge family, the ways of writing a range or a percentage, and a table's scale
#     note all state the same interval
# --------------------------------------------------------------------------------------------
HEDGE_FAMILIES = [
    ["more than {x}", "over {x}", "above {x}", "exceeding {x}", "in excess of {x}", "well over {x}", "{x}+"],
    ["approximately {x}", "about {x}", "around {x}", "roughly {x}", "some {x}", "an estimated {x}"],
    ["at least {x}", "no fewer than {x}", "a minimum of {x}", "no less than {x}"],
    ["almost {x}", "nearly {x}", "just under {x}", "close to {x}"],
    ["up to {x}", "at most {x}", "no more than {x}"],
    ["less than {x}", "under {x}", "fewer than {x}"],
]


@given(st.integers(min_value=2, max_value=10**9), st.sampled_from(HEDGE_FAMILIES), st.sampled_from(["", " offices"]))
def test_hedges_of_one_family_agree(n, family, tail):
    figure = f"{n:,}"
    qs = [parse_quantity(form.format(x=figure)) for form in family]
    assert all(q is not None for q in qs), [f for f, q in zip(family, qs) if q is None]
    assert len({key(q) for q in qs}) == 1, family
    if tail:
        # the counted noun after the figure never changes the quantity
        found = [find_quantities(form.format(x=figure) + tail) for form in family]
        assert {key(f[0].quantity) for f in found} == {key(qs[0])}


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_range_styles_agree(a, d):
    b = a + d
    forms = [f"between {a:,} and {b:,}", f"{a:,} to {b:,}", f"from {a:,} to {b:,}", f"{a:,}–{b:,}", f"{a:,} – {b:,}"]
    qs = [parse_quantity(f) for f in forms]
    assert all(q is not None for q in qs), [f for f, q in zip(forms, qs) if q is None]
    assert len({key(q) for q in qs}) == 1, forms
    assert qs[0].bound == "range" and (qs[0].stated, qs[0].stated_high) == (float(a), float(b))


@given(mantissas())
def test_percent_styles_agree(mk):
    m, _ = mk
    ms = format(m, "f")
    forms = [f"{ms}%", f"{ms} %", f"{ms} percent", f"{ms} per cent", f"{ms} pct"]
    qs = [parse_quantity(f) for f in forms]
    assert all(q is not None for q in qs), [f for f, q in zip(forms, qs) if q is None]
    assert len({key(q) for q in qs}) == 1 and qs[0].unit == "percent"


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=9_999_999))
def test_a_table_scale_note_reads_like_a_scale_word(k):
    """61,202 in a "($ in thousands)" table states what "$61.202 million" states, interval and all."""
    from claimcheck.claims.extract import VersionContext, extract_claims
    from claimcheck.claims.text import extract_html
    from claimcheck.config import ExtractionSettings, SubjectSpec

    settings_ = ExtractionSettings(subjects=(SubjectSpec("FWFS", ()),))
    page = (
        "<h1>FWFS</h1><table><caption>Budget by program ($ in thousands)</caption>"
        f"<tr><th>Program</th><th>FY 2022</th></tr><tr><td>Suppression</td><td>{k:,}</td></tr></table>"
    )
    [claim] = extract_claims(extract_html(page), VersionContext("s", "v", "p", None), settings_)
    millions = D(k) / 1000
    written = format(millions, "f") if millions != millions.to_integral_value() else str(int(millions))
    prose = parse_quantity(f"${written} million")
    assert claim.value.unit == "USD"
    assert claim.value.stated == float(D(k) * 1000)
    if len(written.partition(".")[2]) == 3:
        # the same significant digits: the same rounding (trailing zeros round differently, semantics.md)
        assert claim.value.interval == prose.interval, (k, written)


# --------------------------------------------------------------------------------------------
# The scan for number words finds, from every position, the word a search for a word boundary
# and the word pattern finds (it reads the boundary as the character before the word)
# --------------------------------------------------------------------------------------------
_PIECES = ["one", "two", "ten", "a hundred", "a dozen", "half", "seventy", "thousands", "often", "done", "tens",
           "a", " ", "\u00a0", "-", "_", "é", "’", "\n", ".", "1", "x", "One", "ONE", "İ", "ſ"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_word_scan_finds_what_a_boundary_search_finds(pieces):
    text = "".join(pieces)
    lowered = text.lower()
    reference = re.compile(r"\b" + _WORD_SRC, 0 if len(lowered) == len(text) else re.I)
    scanned = lowered if len(lowered) == len(text) else text
    next_word = _word_starts(text, lowered)
    for pos in range(len(text) + 1):
        m = reference.search(scanned, pos)
        assert next_word(pos) == (None if m is None else m.span())


def test_sign_look_answers_as_the_sign_pattern():
    """Every short run of signs, inline spaces and other characters before a figure, from every floor."""
    pattern = re.compile(r"[§#№][ \t\u00a0\u202f]{0,2}\Z")
    for size in range(6):
        for chars in itertools.product("§# \u202fx\n", repeat=size):
            text = "".join(chars) + "5"
            s = size
            for floor in range(s + 1):
                expected = pattern.search(text, max(floor, s - 3), s) is not None
                assert _sign_before(text, s, floor) == expected, (text, floor)
