"""The one place that makes HTML markup from source text: escape first, then highlight."""

from __future__ import annotations

from markupsafe import Markup, escape


def highlight(sentence: str, start: int, end: int) -> Markup:
    """The sentence as safe HTML with ``sentence[start:end]`` wrapped in ``<mark>``.

    Each of the three parts is escaped on its own before the tags are added, so nothing in the
    source text can open an element or an attribute. Offsets are clamped into the sentence (and
    ``end`` to no less than ``start``): a bad span must cost a highlight, never a crash or a
    split character reference.
    """
    text = str(sentence)
    start = max(0, min(int(start), len(text)))
    end = max(start, min(int(end), len(text)))
    before, middle, after = text[:start], text[start:end], text[end:]
    return Markup("{}<mark>{}</mark>{}").format(escape(before), escape(middle), escape(after))
