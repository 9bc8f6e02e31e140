"""Timeline geometry: a group's claims as SVG shapes on a time axis and a linear value axis."""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections.abc import Callable, Sequence

import attrs

from claimcheck.claims.model import Interval

WIDTH = 760
HEIGHT = 330
LEFT = 92  # room for value labels
RIGHT = 16
TOP = 30  # room for conflict markers
BOTTOM = 46  # time labels and the axis title
LANE_GAP = 14
MARK_WIDTH = 10  # a bar or whisker cap at a single date
DODGE = 12  # how far marks at the same place step aside
MAX_TIME_TICKS = 8
MAX_VALUE_TICKS = 6
MAX_MARKS = 1000  # beyond this the chart would only be ink; the table lists every claim


@attrs.frozen
class TimelinePoint:
    """One claim as the chart needs it: where it sits in time, what it spans, how to draw it."""

    css_class: str  # its source's colour, e.g. "src-2"
    label: str  # tooltip text
    bound: str  # exact | approx | lower | upper | range
    stated_value: float
    stated: Interval
    likely: Interval
    start: dt.date | None  # period start, or the as-of date; None when undated
    end: dt.date | None  # period end (inclusive), or the as-of date
    in_conflict: bool = False


@attrs.frozen
class MarkView:
    """One claim's mark as two paths: ``light`` (the stated interval: a pale bar, or whiskers)
    and ``dark`` (the likely interval, the dot of a figure, arrows where the interval is unbounded).
    """

    css_class: str  # "mark bar src-2 conflict"
    title: str
    light: str  # path data
    dark: str


@attrs.frozen
class TextView:
    """A label placed in the chart: tick labels, axis titles."""

    x: str
    y: str
    text: str
    css_class: str


@attrs.frozen
class TimelineView:
    """Everything the SVG prints, decided here; the template only loops."""

    title: str
    desc: str
    title_id: str
    desc_id: str
    width: int
    height: int
    view_box: str
    frame: str  # path data of the plot area(s)
    grid: str  # path data of every gridline
    tick_labels: tuple[TextView, ...]
    labels: tuple[TextView, ...]  # axis titles, the undated lane's label
    marks: tuple[MarkView, ...]
    conflict_markers: str  # path data: a red triangle above each claim in a conflict
    shown: int  # marks drawn
    total: int  # claims in the group


def _f(x: float) -> str:
    """A coordinate with one decimal and no trailing zero: same numbers, same bytes."""
    text = f"{x:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


# ---------------------------------------------------------------------------------------------
# Scales


def _nice_step(span: float, target: int) -> float:
    raw = span / max(target, 1)
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def value_domain(points: Sequence[TimelinePoint]) -> tuple[float, float]:
    """The value axis: every finite interval end and stated figure, with a little air around."""
    raw = [x for p in points for x in (p.stated_value, p.stated.low, p.stated.high, p.likely.low, p.likely.high)]
    values = [v for v in raw if v is not None and math.isfinite(v)]
    if not values:
        return 0.0, 1.0
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 if hi > lo else (abs(lo) * 0.05 or 1.0)
    low = lo - pad
    if lo >= 0 > low:
        low = 0.0  # counts and money never go below zero; do not draw an axis that does
    return low, hi + pad


def value_ticks(low: float, high: float) -> list[float]:
    step = _nice_step(high - low, MAX_VALUE_TICKS - 1)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    x = first
    while x <= high + step * 1e-9 and len(ticks) < 20:
        ticks.append(float(f"{x:.12g}"))
        x = first + step * len(ticks)
    return ticks


_FIRST_DAY, _LAST_DAY = dt.date.min.toordinal(), dt.date.max.toordinal()


def time_domain(points: Sequence[TimelinePoint]) -> tuple[int, int] | None:
    """First and last day (as ordinals, end exclusive) of the dated claims, with air around."""
    days = [d.toordinal() for p in points for d in (p.start, p.end) if d is not None]
    if not days:
        return None
    first, last = min(days), max(days) + 1
    pad = max(15, (last - first) * 0.04) if last - first > 1 else 182
    # Dates near year 1 or 9999 are legal (a typo, a placeholder): the air stops at the calendar's ends.
    return max(int(first - pad), _FIRST_DAY), min(int(last + pad), _LAST_DAY)


def _month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def time_ticks(first: int, last: int) -> list[tuple[int, str]]:
    """First days of months or years, as few as keep the labels readable: (ordinal, label)."""
    start, end = dt.date.fromordinal(first), dt.date.fromordinal(last)
    months = _month_index(end) - _month_index(start) + 1
    for step in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200):
        if months / step <= MAX_TIME_TICKS:
            break
    else:  # more than a few centuries: whole centuries, as few as fit
        step = 1200 * math.ceil(months / MAX_TIME_TICKS / 1200)
    ticks = []
    m = _month_index(start)
    m += (-m) % step
    while m <= _month_index(end):
        day = dt.date(m // 12, m % 12 + 1, 1)
        o = day.toordinal()
        if first <= o <= last:
            ticks.append((o, str(day.year) if step % 12 == 0 else f"{day.year}-{day.month:02d}"))
        m += step
    return ticks


# ---------------------------------------------------------------------------------------------
# Shapes. Path data is formatted with one "%" operation per shape: a chart of a thousand claims
# must cost milliseconds, and one decimal is finer than a pixel.


def _rect(x0: float, x1: float, y0: float, y1: float) -> str:
    top, bottom = min(y0, y1), max(y0, y1)
    if bottom - top < 2:  # a zero-width interval still shows as a line
        mid = (top + bottom) / 2
        top, bottom = mid - 1, mid + 1
    return "M%.1f %.1fH%.1fV%.1fH%.1fZ" % (x0, top, x1, bottom, x0)


def _arrow(x: float, tip: float, up: bool) -> str:
    """A small triangle with its tip at (x, tip), pointing up or down."""
    base = tip + 9 if up else tip - 9
    return "M%.1f %.1fL%.1f %.1fL%.1f %.1fZ" % (x - 5, base, x, tip, x + 5, base)


def _dot(x: float, y: float, r: float = 4.5) -> str:
    return "M%.1f %.1fa%.1f %.1f 0 1 0 %.1f 0a%.1f %.1f 0 1 0 %.1f 0Z" % (x - r, y, r, r, 2 * r, r, r, -2 * r)


def _mark(
    p: TimelinePoint,
    x0: float,
    x1: float,
    y: Callable[[float], float],
    top: float,
    bottom: float,
) -> MarkView:
    """The two paths of one claim between x0 and x1 (its date or period span)."""
    # Runs once per mark, up to a thousand per chart and 100,000 per report: strings are added
    # rather than listed and joined, and each interval is looked up once.
    cx = (x0 + x1) / 2
    stated = p.stated
    stated_low, stated_high = stated.low, stated.high
    s_low = bottom if stated_low is None else y(stated_low)
    s_high = top if stated_high is None else y(stated_high)
    if p.bound in _BARS:
        # A bar: the stated interval pale, the likely interval dark on top of it.
        shape = "bar"
        light = _rect(x0, x1, s_high, s_low)
        likely = p.likely
        l_low = bottom if likely.low is None else y(likely.low)
        l_high = top if likely.high is None else y(likely.high)
        dark = _rect(x0, x1, l_high, l_low)
    else:
        # A point with whiskers: the stated figure, its stated interval as the whiskers.
        shape = "point"
        half = min(MARK_WIDTH / 2, (x1 - x0) / 2)
        light = "M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f" % (
            cx, s_high, s_low, cx - half, s_high, cx + half, cx - half, s_low, cx + half
        )
        vy = y(p.stated_value)
        if x1 - x0 > MARK_WIDTH + 1:
            light += "M%.1f %.1fH%.1f" % (x0, vy, x1)  # a period: the figure held over its span
        dark = _dot(cx, vy)
    if stated_high is None:
        dark += _arrow(cx, top, up=True)
    if stated_low is None:
        dark += _arrow(cx, bottom, up=False)
    classes = f"mark {shape} {p.css_class} conflict" if p.in_conflict else f"mark {shape} {p.css_class}"
    return MarkView(css_class=classes, title=p.label, light=light, dark=dark)


_BARS = frozenset(("lower", "upper", "range"))
_STEPS = (0, DODGE, -DODGE, 2 * DODGE, -2 * DODGE, 3 * DODGE, -3 * DODGE, 4 * DODGE, -4 * DODGE)


def _dodge(centres: Sequence[float]) -> list[float]:
    """Step marks that would sit on top of each other aside: 0, +12, −12, +24, −24 …

    A spot is free when no placed mark is nearer than ``DODGE - 0.5``; when every step is taken
    the mark stays where it belongs. Placed positions are kept sorted (each once), so a try
    looks only at the few within a step of it, found by bisection. Spots are only ever taken,
    never freed, so the next mark at the same centre (a crowded date has hundreds) resumes at
    the first step not yet found taken.
    """
    taken: list[float] = []
    resume: dict[float, int] = {}
    out = []
    gap = DODGE - 0.5
    steps = len(_STEPS)
    for c in centres:
        if not math.isfinite(c):
            # A NaN would break the sorted list silently (every comparison false): fail loudly.
            raise ValueError(f"a mark's centre must be a finite number, not {c!r}")
        chosen = c
        j = resume.get(c, 0)
        while j < steps:
            candidate = c + _STEPS[j]
            j += 1
            i = bisect_left(taken, candidate - DODGE)
            limit = candidate + DODGE
            while i < len(taken) and taken[i] < limit:
                if -gap < taken[i] - candidate < gap:
                    break
                i += 1
            else:
                chosen = candidate
                break
        resume[c] = j
        i = bisect_left(taken, chosen)
        if i == len(taken) or taken[i] != chosen:
            taken.insert(i, chosen)
        out.append(chosen)
    return out


def build_timeline(
    points: Sequence[TimelinePoint],
    *,
    title: str,
    desc: str,
    id_prefix: str,
    y_axis_label: str,
    format_value: Callable[[float], str],
) -> TimelineView:
    """The chart of ``points`` (dated in time order, undated last, as the caller lists them).

    Dated claims sit on a time axis, each at its as-of date or across its period; undated ones
    in a lane of their own at the right. The value axis is linear over every finite interval end.
    """
    total = len(points)
    points = list(points[:MAX_MARKS])
    dated = [p for p in points if p.start is not None]
    undated = [p for p in points if p.start is None]

    lane_w = 0.0
    if undated:
        lane_w = max(70.0, min(200.0, DODGE * 2 * len(undated) + 30.0))
    plot_x0 = float(LEFT)
    plot_x1 = WIDTH - RIGHT - (lane_w + LANE_GAP if undated else 0.0)
    if not dated and undated:
        plot_x1 = plot_x0  # no time axis at all: the undated lane is the whole chart
        lane_w = WIDTH - RIGHT - LEFT
    top, bottom = float(TOP), float(HEIGHT - BOTTOM)

    v_low, v_high = value_domain(points)
    v_scale = (bottom - top) / (v_high - v_low)

    def y(v: float) -> float:
        v = v_low if v < v_low else v_high if v > v_high else v
        return bottom - (v - v_low) * v_scale

    frame = []
    if dated:
        frame.append(_rect(plot_x0, plot_x1, top, bottom))
    lane_x0 = plot_x1 + (LANE_GAP if dated else 0.0)
    lane_x1 = lane_x0 + lane_w
    if undated:
        frame.append(_rect(lane_x0, lane_x1, top, bottom))

    labels = [TextView("8", _f(top - 14), y_axis_label, "axis-title")]
    grid: list[str] = []
    tick_labels: list[TextView] = []
    marks: list[MarkView] = []
    markers: list[str] = []
    domain = time_domain(dated)
    if domain is not None:
        first, last = domain
        x_scale = (plot_x1 - plot_x0) / (last - first)

        def x(o: float) -> float:
            return plot_x0 + (o - first) * x_scale

        for o, label in time_ticks(first, last):
            xx = x(o)
            grid.append("M%.1f %.1fV%.1f" % (xx, top, bottom))
            tick_labels.append(TextView(_f(xx), _f(bottom + 16), label, "tick middle"))
        labels.append(TextView(_f((plot_x0 + plot_x1) / 2), _f(HEIGHT - 8), "date (as of, or period)", "axis-title middle"))
        spans = []
        for p in dated:
            # x(), inlined: two calls per claim.
            a = plot_x0 + (p.start.toordinal() - first) * x_scale  # type: ignore[union-attr]
            b = plot_x0 + (p.end.toordinal() + 1 - first) * x_scale  # type: ignore[union-attr]
            if b - a < MARK_WIDTH:
                c = (a + b) / 2
                a, b = c - MARK_WIDTH / 2, c + MARK_WIDTH / 2
            spans.append((a, b))
        centres = _dodge([(a + b) / 2 for a, b in spans])
        for p, (a, b), c in zip(dated, spans, centres):
            shift = c - (a + b) / 2
            marks.append(_mark(p, a + shift, b + shift, y, top, bottom))
            if p.in_conflict:
                markers.append(_arrow(c, top - 4, up=False))
    if undated:
        labels.append(TextView(_f((lane_x0 + lane_x1) / 2), _f(bottom + 16), "undated", "axis-label middle"))
        step = lane_w / len(undated)
        half = max(1.0, min(MARK_WIDTH / 2, step / 2 - 1))
        for i, p in enumerate(undated):
            c = lane_x0 + step * (i + 0.5)
            marks.append(_mark(p, c - half, c + half, y, top, bottom))
            if p.in_conflict:
                markers.append(_arrow(c, top - 4, up=False))

    x_left, x_right = plot_x0, (lane_x1 if undated else plot_x1)
    for v in value_ticks(v_low, v_high):
        grid.append("M%.1f %.1fH%.1f" % (x_left, y(v), x_right))
        tick_labels.append(TextView(_f(x_left - 8), _f(y(v) + 4), format_value(v), "tick end"))
    return TimelineView(
        title=title,
        desc=desc,
        title_id=f"{id_prefix}-title",
        desc_id=f"{id_prefix}-desc",
        width=WIDTH,
        height=HEIGHT,
        view_box=f"0 0 {WIDTH} {HEIGHT}",
        frame="".join(frame),
        grid="".join(grid),
        tick_labels=tuple(tick_labels),
        labels=tuple(labels),
        marks=tuple(marks),
        conflict_markers="".join(markers),
        shown=len(marks),
        total=total,
    )
