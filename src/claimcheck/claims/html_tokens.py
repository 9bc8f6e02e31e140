"""HTML tokens with exact source offsets: tags and their attributes, text, raw text.

Our own rather than html.parser.HTMLParser: on Python 3.11 HTMLParser is quadratic on unterminated
constructs (80 KB of "<!--" takes 4 s, 1 MB would take minutes). This one follows the HTML5 tokenizer
where it matters for text (tags, attributes with quoted '>', comments, raw-text elements, EOF inside a
tag) and every scan moves forward: linear time. claims/text.py walks the same tokens inline, reading
whole tags with TAG_RE, which reads them exactly as ``tokens`` does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

__all__ = [
    "END", "LEAF_TAIL_RE", "RAW", "RAWTEXT", "RAW_OR_RCDATA", "RCDATA", "START", "TAG_RE", "TEXT",
    "iter_start_tags", "raw_end_re", "scan_attrs", "skip_markup_declaration", "tokens",
]  # fmt: skip

TEXT, START, END, RAW = range(4)
_TAG_NAME_RE = re.compile(r"[^\t\n\f\r />]*")
_ATTR_GAP_RE = re.compile(r"[\t\n\f\r /]*")
_ATTR_NAME_RE = re.compile(r"=?[^\t\n\f\r /=>]*")
_ATTR_VALUE_RE = re.compile(r"""[\t\n\f\r ]*=[\t\n\f\r ]*("[^"]*"|'[^']*'|[^\t\n\f\r >]*)""")
# Content of these is not markup; RCDATA content still has character references.
RAWTEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})
RCDATA = frozenset({"title", "textarea"})
RAW_OR_RCDATA = RAWTEXT | RCDATA
# A whole tag, read exactly as tokens and scan_attrs read it: group 1 '/' for an end tag, 2 the
# name, 3 what lies between the name and the '>'. A possessive name, atomic groups and a possessive
# loop keep the regex from backtracking into a reading scan_attrs would not make (a shorter name, an
# attribute split elsewhere), and a tag cut off by EOF fails in linear time.
_TAG_NAME = r"[A-Za-z][^\t\n\f\r />]*+"
_TAG_ATTRS = (
    r"(?>[\t\n\f\r /]*=?[^\t\n\f\r /=>]*"
    r"""(?>[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"|'[^']*'|[^\t\n\f\r >]*))?)*+"""
    r"[\t\n\f\r /]*"
)
TAG_RE = re.compile(r"<(/?)(%s)(%s)>" % (_TAG_NAME, _TAG_ATTRS))
# What may follow a start tag to make a leaf element: text with no '<' (group 1), then an end tag
# (name in group 2), both as TAG_RE reads them, and any space after it.
LEAF_TAIL_RE = re.compile(r"([^<]*+)</(%s)%s>\s*+" % (_TAG_NAME, _TAG_ATTRS))
_RAW_END_RES: dict[str, re.Pattern] = {}


def raw_end_re(name: str) -> re.Pattern:
    pattern = _RAW_END_RES.get(name)
    if pattern is None:
        pattern = _RAW_END_RES[name] = re.compile(r"</" + re.escape(name) + r"(?=[\t\n\f\r />])", re.I)
    return pattern


def scan_attrs(source: str, k: int, n: int) -> tuple[dict[str, str], int, bool] | None:
    """Attributes from ``k`` to the tag's '>': (attrs, end, self-closing), or None at EOF."""
    attrs_: dict[str, str] = {}
    while True:
        k = _ATTR_GAP_RE.match(source, k).end()
        if k >= n:
            return None
        if source[k] == ">":
            return attrs_, k + 1, source[k - 1] == "/"
        m = _ATTR_NAME_RE.match(source, k)
        name = m.group().lower()
        k = max(m.end(), k + 1)
        value = ""
        v = _ATTR_VALUE_RE.match(source, k)
        if v:
            raw = v.group(1)
            if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0]:
                raw = raw[1:-1]
            value = html.unescape(raw)
            k = v.end()
        attrs_.setdefault(name, value)  # HTML5: the first of duplicate attributes wins


def skip_markup_declaration(source: str, j: int) -> int:
    """Offset just past the comment, CDATA section or declaration at ``source[j]`` ('<!', '<?'); -1 at EOF."""
    if source.startswith("<!-->", j):
        return j + 5
    if source.startswith("<!--->", j):
        return j + 6
    if source.startswith("<!--", j):
        close = source.find("-->", j + 4)
        return close + 3 if close >= 0 else -1
    if source.startswith("<![CDATA[", j):
        close = source.find("]]>", j + 9)
        return close + 3 if close >= 0 else -1
    gt = source.find(">", j + 2)
    return gt + 1 if gt >= 0 else -1


def tokens(source: str) -> Iterator[tuple]:
    """HTML tokens: (TEXT, start, end), (RAW, start, end), (START, name, attrs,
    self_closing, start, end), (END, name, start, end). Comments and declarations are skipped."""
    n = len(source)
    find = source.find
    i = text_from = 0
    while True:
        j = find("<", i)
        if j < 0 or j + 1 >= n:
            break
        c = source[j + 1]
        if c.isascii() and c.isalpha():
            name_end = _TAG_NAME_RE.match(source, j + 2).end()
            name = source[j + 1 : name_end].lower()
            tag = scan_attrs(source, name_end, n)
            if text_from < j:
                yield (TEXT, text_from, j)
            if tag is None:
                return  # EOF inside a tag: HTML5 drops the tag
            attrs_, end, self_closing = tag
            yield (START, name, attrs_, self_closing, j, end)
            i = text_from = end
            if not self_closing and (name in RAWTEXT or name in RCDATA):
                close = raw_end_re(name).search(source, end)
                stop = close.start() if close else n
                if end < stop:
                    yield ((TEXT if name in RCDATA else RAW), end, stop)
                if close is None:
                    return
                i = text_from = stop
            continue
        if c == "/":
            if j + 2 < n and source[j + 2].isascii() and source[j + 2].isalpha():
                name_end = _TAG_NAME_RE.match(source, j + 3).end()
                tag = scan_attrs(source, name_end, n)
                if text_from < j:
                    yield (TEXT, text_from, j)
                if tag is None:
                    return
                yield (END, source[j + 2 : name_end].lower(), j, tag[1])
                i = text_from = tag[1]
                continue
            if text_from < j:
                yield (TEXT, text_from, j)
            if source.startswith("</>", j):
                i = text_from = j + 3
                continue
            gt = find(">", j + 2)  # "</ x>" and the like: a bogus comment
            if gt < 0:
                return
            i = text_from = gt + 1
            continue
        if c == "!" or c == "?":
            if text_from < j:
                yield (TEXT, text_from, j)
            i = skip_markup_declaration(source, j)
            if i < 0:
                return
            text_from = i
            continue
        i = j + 1  # a '<' that starts nothing is text
    if text_from < n:
        yield (TEXT, text_from, n)


def iter_start_tags(source: str) -> Iterator[tuple[str, dict[str, str], int, int]]:
    """Every start tag of an HTML document: (name, attributes, start offset, end offset)."""
    for tok in tokens(source):
        if tok[0] == START:
            yield tok[1], tok[2], tok[4], tok[5]
