"""Quantity recognition and interval arithmetic: data-driven cases, the API, and the real seeds."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import yaml

from claimcheck.claims.model import Interval, Quantity
from claimcheck.claims.quantities import (
    QuantityMention,
    QuantitySettings,
    find_quantities,
    make_quantity,
    parse_quantity,
    scale_quantity,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = REPO_ROOT / "tests" / "cases" / "quantities"
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"

_IV = re.compile(r"^\s*([\[(])\s*([^,\s]+)\s*,\s*([^,\s]+)\s*([\])])\s*$")


def iv(s: str) -> Interval:
    """Parse "[7.5e9, 8.5e9]", "(5.7e9, inf)", "[4500, 5000)" into an Interval."""
    m = _IV.match(s)
    assert m, f"bad interval notation {s!r}"
    lo, hi = m.group(2), m.group(3)
    return Interval(
        None if lo in ("-inf", "inf", "∞") else float(Decimal(lo)),
        None if hi in ("inf", "∞") else float(Decimal(hi)),
        m.group(1) == "[" and lo not in ("-inf", "inf", "∞"),
        m.group(4) == "]" and hi not in ("inf", "∞"),
    )


def same_interval(actual: Interval, expected: Interval) -> bool:
    """Equal ends and inclusivity; an infinite side's inclusivity does not matter."""
    if (actual.low, actual.high) != (expected.low, expected.high):
        return False
    if actual.low is not None and actual.low_inclusive != expected.low_inclusive:
        return False
    if actual.high is not None and actual.high_inclusive != expected.high_inclusive:
        return False
    return True


def fmt(i: Interval) -> str:
    lo = "inf" if i.low is None else repr(i.low)
    hi = "inf" if i.high is None else repr(i.high)
    return f"{'[' if i.low_inclusive else '('}{lo}, {hi}{']' if i.high_inclusive else ')'}"


def num(v) -> float:
    return float(Decimal(str(v)))


def check_mention(text: str, m: QuantityMention, want: dict) -> list[str]:
    q = m.quantity
    got = {
        "quote": text[m.start : m.end],
        "number": text[m.number_start : m.number_end],
        "stated": q.stated,
        "stated_high": q.stated_high,
        "unit": q.unit,
        "bound": q.bound,
        "hedge": m.hedge,
        "inherited": q.inherited_hedge,
        "unit_word": m.unit_word,
    }
    errors = []
    for key, expected in want.items():
        if key in ("interval", "likely"):
            actual = q.interval if key == "interval" else q.likely
            if not same_interval(actual, iv(expected)):
                errors.append(f"{key}: got {fmt(actual)}, want {expected}")
        elif key in ("stated", "stated_high"):
            if (got[key] is None) != (expected is None) or (expected is not None and got[key] != num(expected)):
                errors.append(f"{key}: got {got[key]!r}, want {expected!r}")
        elif key in got:
            if got[key] != expected:
                errors.append(f"{key}: got {got[key]!r}, want {expected!r}")
        else:
            errors.append(f"unknown key {key!r} in case")
    return errors


def load_cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            yield pytest.param(case, id=f"{path.stem}-{i}-{case['text'][:40]}")


@pytest.mark.parametrize("case", list(load_cases()))
def test_case_file(case):
    text = case["text"]
    mentions = find_quantities(text)
    quotes = [text[m.start : m.end] for m in mentions]
    if "quotes" in case:
        assert quotes == case["quotes"]
    if "mentions" in case:
        assert len(mentions) == len(case["mentions"]), f"found {quotes}"
        errors = []
        for i, (m, want) in enumerate(zip(mentions, case["mentions"])):
            errors += [f"#{i} {quotes[i]!r}: {e}" for e in check_mention(text, m, want)]
        assert not errors, "\n".join(errors)


def test_case_files_exist():
    assert len(list(CASES_DIR.glob("*.yaml"))) >= 8


# --------------------------------------------------------------------------------------------
# make_quantity: the interval arithmetic
# --------------------------------------------------------------------------------------------
D = Decimal


@pytest.mark.parametrize(
    "value, digits, scale, unit, interval",
    [
        (D(78), "78", D(1), "count", "[78, 78]"),  # a plain count is exact
        (D(78), "78", D(1), "percent", "[77.5, 78.5]"),
        (D("5.7"), "5.7", D(10**9), "USD", "[5650000000, 5750000000]"),
        (D(2), "2", D(1), "percent", "[1.5, 2.5]"),
        (D(9853), "9,853", D(1), "pounds", "[9852.5, 9853.5]"),
        (D(9800), "9,800", D(1), "count", "[9750, 9850]"),
        (D(400), "400", D(1), "count", "[390, 410]"),
        (D(20000), "20,000", D(1), "count", "[19500, 20500]"),
        (D(20), "20", D(1), "percent", "[19.5, 20.5]"),
        (D(10), "10", D(1), "count", "[9.5, 10.5]"),
        (D(8), "8", D(10**9), "USD", "[7500000000, 8500000000]"),
        (D(5700), "5,700", D(10**6), "USD", "[5650000000, 5750000000]"),
        (D(20), "20", D(1000), "count", "[19500, 20500]"),  # "20k": a scale word is not a plain count
        (D(5), "5", D(1000), "count", "[4500, 5500]"),
    ],
)
def test_make_quantity_exact(value, digits, scale, unit, interval):
    q = make_quantity(value, bound="exact", unit=unit, digits=digits, scale=scale)
    assert q.bound == "exact"
    assert q.stated == float(value * scale)
    assert same_interval(q.interval, iv(interval)), fmt(q.interval)
    assert q.likely == q.interval
    assert q.inherited_hedge is False and q.stated_high is None


def test_decimal_exactness():
    """No binary-float noise: the ends are the decimal figures themselves."""
    q = make_quantity(D("5.7"), bound="lower", unit="USD", digits="5.7", scale=D(10**9), hedge="more than")
    assert q.stated == 5700000000.0
    assert q.likely.high == 5800000000.0
    q = make_quantity(D("0.3"), bound="exact", unit="percent", digits="0.3")
    assert (q.interval.low, q.interval.high) == (0.25, 0.35)
    q = make_quantity(D(78), bound="approx", unit="count", digits="78")
    assert (q.interval.low, q.interval.high) == (74.1, 81.9)


@pytest.mark.parametrize(
    "hedge, bound, interval, likely",
    [
        ("approximately", "approx", "[7500000000, 8500000000]", "[7500000000, 8500000000]"),
        ("more than", "lower", "(8000000000, inf)", "(8000000000, 8800000000]"),
        ("+", "lower", "(8000000000, inf)", "(8000000000, 8800000000]"),
        ("at least", "lower", "[8000000000, inf)", "[8000000000, 8800000000]"),
        ("nearly", "upper", "[7200000000, 8000000000)", "[7200000000, 8000000000)"),
        ("up to", "upper", "[0, 8000000000]", "[7200000000, 8000000000]"),
        ("less than", "upper", "[0, 8000000000)", "[7200000000, 8000000000)"),
    ],
)
def test_make_quantity_hedges(hedge, bound, interval, likely):
    q = make_quantity(D(8), bound=bound, unit="USD", digits="8", scale=D(10**9), hedge=hedge)
    assert q.bound == bound
    assert same_interval(q.interval, iv(interval)), fmt(q.interval)
    assert same_interval(q.likely, iv(likely)), fmt(q.likely)


def test_make_quantity_bound_without_hedge_is_widest():
    """Without the words, "lower" reads as "at least" and "upper" as "up to"."""
    lower = make_quantity(D(400), bound="lower", unit="count", digits="400")
    assert same_interval(lower.interval, iv("[400, inf)"))
    upper = make_quantity(D(400), bound="upper", unit="count", digits="400")
    assert same_interval(upper.interval, iv("[0, 400]"))
    # a hedge of another bound does not change the bound asked for
    q = make_quantity(D(400), bound="upper", unit="count", digits="400", hedge="more than")
    assert q.bound == "upper" and same_interval(q.interval, iv("[0, 400]"))


def test_make_quantity_range_and_vague():
    q = make_quantity(D(5), bound="range", unit="USD", digits="5", scale=D(10**9), high=D(7))
    assert q.bound == "range" and q.stated == 5e9 and q.stated_high == 7e9
    assert same_interval(q.interval, iv("[5e9, 7e9]")) and q.likely == q.interval
    q = make_quantity(D(200000), bound="approx", unit="count", digits="200000", high=D(1000000))
    assert same_interval(q.interval, iv("[200000, 1000000)")) and q.likely == q.interval
    with pytest.raises(ValueError):
        make_quantity(D(5), bound="range", unit="count", digits="5")
    with pytest.raises(ValueError):
        make_quantity(D(5), bound="sideways", unit="count", digits="5")


def test_make_quantity_inherited_and_clamped():
    q = make_quantity(D(700), bound="lower", unit="count", digits="700", hedge="over", inherited=True)
    assert q.inherited_hedge is True
    q = make_quantity(D(0), bound="approx", unit="count", digits="0")
    assert q.interval.low == 0.0  # never negative
    q = make_quantity(D(0), bound="lower", unit="count", digits="0", hedge="more than")
    assert q.likely.low == 0.0 and q.likely.high == 1.0


def test_settings_are_used():
    wide = QuantitySettings(approx_tolerance=0.2, likely_tolerance=0.5, rounding_cap=0.1)
    assert same_interval(parse_quantity("about 100", wide).interval, iv("[80, 120]"))
    assert same_interval(parse_quantity("nearly 100", wide).interval, iv("[50, 100)"))
    assert same_interval(parse_quantity("more than 100", wide).likely, iv("(100, 150]"))
    assert same_interval(parse_quantity("400 pounds", wide).interval, iv("[360, 440]"))
    [m] = find_quantities("about 100", wide)
    assert same_interval(m.quantity.interval, iv("[80, 120]"))


# --------------------------------------------------------------------------------------------
# scale_quantity and parse_quantity
# --------------------------------------------------------------------------------------------
def test_scale_quantity():
    q = scale_quantity(parse_quantity("61,202"), D(1000))  # "($ in thousands)"
    assert q.stated == 61202000.0 and (q.interval.low, q.interval.high) == (61202000.0, 61202000.0)
    q = scale_quantity(parse_quantity("$61,202"), D(1000))
    assert q.stated == 61202000.0 and (q.interval.low, q.interval.high) == (61201500.0, 61202500.0)
    assert q.likely == q.interval
    q = parse_quantity("more than $5.7 billion")
    s = scale_quantity(q, D("0.001"))
    assert s.stated == 5700000.0 and s.interval.high is None and s.likely.high == 5800000.0
    assert s.interval.low_inclusive is False and s.bound == "lower" and s.unit == "USD"
    r = scale_quantity(parse_quantity("between 5 and 7"), D(1000))
    assert (r.stated, r.stated_high) == (5000.0, 7000.0)


@pytest.mark.parametrize(
    "s, stated, bound, unit",
    [
        ("approximately $8 billion", 8e9, "approx", "USD"),
        ("  more than 20,000 ", 20000.0, "lower", "count"),
        ("62,450+", 62450.0, "lower", "count"),
        ("92%", 92.0, "exact", "percent"),
        ("a million", 1e6, "approx", "count"),
        ("$5–7 billion", 5e9, "range", "USD"),
        ("almost 7,000 pounds", 7000.0, "upper", "pounds"),
    ],
)
def test_parse_quantity(s, stated, bound, unit):
    q = parse_quantity(s)
    assert isinstance(q, Quantity)
    assert (q.stated, q.bound, q.unit) == (stated, bound, unit)


@pytest.mark.parametrize(
    "s", ["", "employees", "20,000 employees", "5 and 10", "2009", "05/13/2020", "287(g)", "one"]
)
def test_parse_quantity_none(s):
    assert parse_quantity(s) is None


def test_mention_spans():
    text = "ICE has an annual budget of more than $5.7 billion, with 20k staff."
    first, second = find_quantities(text)
    assert text[first.start : first.end] == "more than $5.7 billion"
    assert text[first.number_start : first.number_end] == "5.7"
    assert first.hedge == "more than" and first.unit_word is None
    assert text[second.start : second.end] == "20k"
    assert text[second.number_start : second.number_end] == "20"
    assert attrs.has(QuantityMention) and attrs.has(QuantitySettings)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.start = 0


def test_five_point_seven_billion_styles_agree():
    """The issue's example: every way of writing $5.7 billion means the same interval."""
    forms = [
        "$5.7 billion",
        "$5,700 million",
        "5.7 bn USD",
        "5.7 billion USD",
        "$5.7bn",
        "US$5.7 billion",
        "USD 5.7 billion",
    ]
    qs = [parse_quantity(f) for f in forms]
    assert all(q is not None for q in qs), forms
    for f, q in zip(forms, qs):
        assert q.stated == 5.7e9, f
        assert q.unit == "USD", f
        assert same_interval(q.interval, iv("[5650000000, 5750000000]")), (f, fmt(q.interval))


# --------------------------------------------------------------------------------------------
# The real seeds
# --------------------------------------------------------------------------------------------
def _seed(prefix: str) -> str:
    [path] = SEEDS_DIR.glob(prefix + "_*.txt")
    return path.read_text(encoding="utf-8")


needs_seeds = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"{SEEDS_DIR} absent")


@needs_seeds
@pytest.mark.parametrize(
    "seed, quote, stated, bound, unit, inherited",
    [
        ("000", "more than 20,000", 20000, "lower", "count", False),
        ("000", "approximately \\$8 billion", 8e9, "approx", "USD", False),
        ("000", "more than 9,800", 9800, "lower", "count", False),
        ("000", "over 6,700", 6700, "lower", "count", False),
        ("000", "700", 700, "lower", "count", True),
        ("000", "78", 78, "exact", "count", False),
        ("000", "over 1,100", 1100, "lower", "count", False),
        ("001", "more than 10,000", 10000, "lower", "count", False),
        ("001", "six", 6, "exact", "count", False),
        ("002", "more than 8,800", 8800, "lower", "count", False),
        ("003", "hundreds of thousands", 200000, "approx", "count", False),
        ("003", "more than 127,000", 127000, "lower", "count", False),
        ("003", "92%", 92, "exact", "percent", False),
        ("003", "approximately 400", 400, "approx", "count", False),
        ("003", "4,818", 4818, "exact", "count", False),
        ("003", "almost a million pounds", 1e6, "upper", "pounds", False),
        ("003", "well over 700,000", 700000, "lower", "count", False),
        ("004", "more than 1,900", 1900, "lower", "count", False),
        ("004", "74,000", 74000, "lower", "count", True),
        ("004", "thousands", 2000, "approx", "count", False),
        ("004", "millions", 2e6, "approx", "count", False),
        ("004", "26", 26, "exact", "count", False),
        ("004", "more than $5.7 billion", 5.7e9, "lower", "USD", False),
    ],
)
def test_seed_figures_found(seed, quote, stated, bound, unit, inherited):
    text = _seed(seed)
    found = [m for m in find_quantities(text) if text[m.start : m.end] == quote]
    assert found, f"{quote!r} not found in seed {seed}"
    q = found[0].quantity
    assert (q.stated, q.bound, q.unit, q.inherited_hedge) == (float(stated), bound, unit, inherited)


@needs_seeds
@pytest.mark.parametrize(
    "seed, trap",
    [
        ("000", "05/13/2020"),
        ("000", "COVID-19"),
        ("000", "2003"),
        ("000", "2019"),
        ("003", "2003"),
        ("003", "August 20, 2018"),
        ("003", "MS-13"),
        ("003", "01/20/2021"),
        ("003", "2017"),
        ("004", "1-866-DHS-2-ICE"),
        ("004", "287(g)"),
        ("004", "Title 19"),
        ("004", "1401"),
        ("004", "PBNDS 2011"),
        ("004", "F-1"),
        ("004", "2009"),
        ("004", "1986"),
        ("004", "April 3, 2012"),
        ("004", "FY10"),
        ("004", "01/03/2018"),
        ("001", "1. Domestic"),
    ],
)
def test_seed_traps_not_found(seed, trap):
    text = _seed(seed)
    spans = [(m.start, m.end) for m in find_quantities(text)]
    hits = [k.start() for k in re.finditer(re.escape(trap), text)]
    assert hits, f"{trap!r} is not in seed {seed}"
    for h in hits:
        overlapping = [text[s:e] for s, e in spans if s < h + len(trap) and h < e]
        assert not overlapping, f"{trap!r} at {h} became {overlapping}"


@needs_seeds
def test_seed_mention_counts():
    """Every figure a careful reader sees, and nothing else (reviewed by hand)."""
    counts = {p.name[:3]: len(find_quantities(p.read_text(encoding="utf-8"))) for p in SEEDS_DIR.glob("*.txt")}
    assert counts == {"000": 14, "001": 4, "002": 3, "003": 35, "004": 14}
