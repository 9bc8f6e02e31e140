"""The one place that makes HTML markup from source text: escape first, then highlight."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from markupsafe import Markup, escape

try:  # markupsafe's C escaper: what markupsafe.escape runs, without a Markup made per call
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - markupsafe without its speedups

    def _escape_inner(s: str, /) -> str:
        return s.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")

# What a span may carry into an attribute. Values come from the view (anchors, relative hrefs,
# class lists it made), but this module trusts no caller: anything else is dropped, not escaped
# into place, so a bad value costs a link or a class, never an injection.
_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
# Pages sit in the report directory or one folder below it: at most one "../", then plain names.
_HREF = re.compile(r"(?:\.\./)?(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*(?:#[A-Za-z][A-Za-z0-9_-]*)?\Z|#[A-Za-z][A-Za-z0-9_-]*\Z")
_CLASSES = re.compile(r"[a-z0-9 _-]*\Z")


@attrs.frozen
class MarkSpan:
    """One stretch of a text to highlight: ``text[start:end]``, with its anchor and link."""

    start: int
    end: int
    anchor: str = ""  # the id of the <mark>; "" for none
    href: str = ""  # a relative link around the marked text; "" for none
    css_class: str = ""
    title: str = ""  # tooltip: what the claim says


def escape_text(value: object) -> str:
    """``str(markupsafe.escape(value))``: the same text, several times faster.

    A large report escapes millions of values; markupsafe's ``escape`` wraps each in a new
    ``Markup`` first. Markup (anything with ``__html__``) passes through as itself, like there.
    """
    if type(value) is str:
        return _escape_inner(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return str(html())
    return _escape_inner(str(value))


def highlight(sentence: str, start: int, end: int) -> Markup:
    """The sentence as safe HTML with ``sentence[start:end]`` wrapped in ``<mark>``.

    Each of the three parts is escaped on its own before the tags are added, so nothing in the
    source text can open an element or an attribute. Offsets are clamped into the sentence (and
    ``end`` to no less than ``start``): a bad span must cost a highlight, never a crash or a
    split character reference.
    """
    text = sentence if type(sentence) is str else str(sentence)  # a Markup sentence is text too
    n = len(text)
    start = 0 if start < 0 else n if start > n else int(start)
    end = start if end < start else n if end > n else int(end)
    return Markup(f"{_escape_inner(text[:start])}<mark>{_escape_inner(text[start:end])}</mark>{_escape_inner(text[end:])}")


def safe_href(href: str) -> str:
    """``href`` when it is a plain relative path and/or fragment made of safe characters, else "".

    No scheme, no query, no ``//``: a link made here can only lead to another page of the report.
    """
    return href if href and _HREF.match(href) else ""


def highlight_spans(text: str, spans: Sequence[MarkSpan]) -> Markup:
    """``text`` as safe HTML with every span wrapped in ``<mark>`` (and a link when it has one).

    Spans are taken in (start, end) order; offsets are clamped into the text, and a span that
    overlaps the one before it starts where that one ended, so marks never nest or cross. A
    span left empty by that still gets its (empty) ``<mark>``, so its anchor exists. Every piece
    of text and every attribute value is escaped; anchors, hrefs and classes must also match a
    narrow pattern or are left out.
    """
    text = str(text)
    n = len(text)
    out: list[str] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.anchor)):
        start = max(cursor, min(max(int(span.start), 0), n))
        end = max(start, min(int(span.end), n))
        if start > cursor:
            out.append(_escape_inner(text[cursor:start]))
        attributes = []
        if span.anchor and _ANCHOR.match(span.anchor):
            attributes.append(f' id="{_escape_inner(span.anchor)}"')
        if span.css_class and _CLASSES.match(span.css_class):
            attributes.append(f' class="{_escape_inner(span.css_class)}"')
        if span.title:
            attributes.append(f' title="{escape_text(span.title)}"')
        inner = _escape_inner(text[start:end])
        href = safe_href(span.href)
        if href:
            inner = f'<a href="{_escape_inner(href)}">{inner}</a>'
        out.append(f"<mark{''.join(attributes)}>{inner}</mark>")
        cursor = end
    if cursor < n:
        out.append(_escape_inner(text[cursor:]))
    return Markup("".join(out))
