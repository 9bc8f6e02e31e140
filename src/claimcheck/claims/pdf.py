"""PDF bytes → page-aware text through pdfminer.six: each text box a block, every offset on a page."""

from __future__ import annotations

import io
import logging
import multiprocessing
import re

import attrs

from claimcheck.claims.text import ExtractedText, extract_layout

__all__ = ["PDF_TIMEOUT", "PdfFailure", "PdfText", "extract_pdf", "extract_pdf_isolated", "is_pdf"]

# pdfminer reports every oddity of a malformed file as a logged warning; the loader reports
# what matters once, as an unreadable version or a warning, so its chatter stays quiet.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

PDF_TIMEOUT = 120.0  # seconds one PDF may take in its own process before it is given up
_CID_RE = re.compile(r"\(cid:\d+\)")  # a glyph the font gives no Unicode value for
_MESSAGE_MAX = 200


@attrs.frozen
class PdfText:
    """A PDF's text: extracted blocks whose offsets map to (page, line), and glyphs lost."""

    extracted: ExtractedText
    pages: int
    replacements: int  # glyphs without a Unicode value, shown as U+FFFD


class PdfFailure(ValueError):
    """The PDF cannot be read: encrypted, malformed, no text layer, or its parser failed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_pdf(data: bytes) -> bool:
    """True when ``data`` starts like a PDF file (the header may follow some junk bytes)."""
    return b"%PDF-" in data[:1024]


def _message(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[: _MESSAGE_MAX - 1] + "\u2026" if len(text) > _MESSAGE_MAX else (text or "no detail")


def _pages(data: bytes):
    """pdfminer's layout of each page, as ``pdfminer.high_level.extract_pages`` gives it, but on a
    document that refuses reference cycles: pdfminer follows "1 0 obj 1 0 R endobj" forever."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.pdftypes import PDFObjRef

    class Document(PDFDocument):
        def getobj(self, objid: int) -> object:
            obj = super().getobj(objid)
            seen = {objid}
            while isinstance(obj, PDFObjRef):  # resolve chains here, where a cycle can be seen
                if obj.objid in seen:
                    raise PDFSyntaxError(f"object {objid} refers to itself through {len(seen)} reference(s)")
                seen.add(obj.objid)
                obj = super().getobj(obj.objid)
            return obj

    document = Document(PDFParser(io.BytesIO(data)))
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        yield device.get_result()


def extract_pdf(data: bytes) -> PdfText:
    """Text of a PDF, page by page, in this process. Raises PdfFailure with a reason a report can show.

    pdfminer's layout analysis groups lines into text boxes; each box is one block (its lines one
    paragraph, or a heading), in pdfminer's reading order, page after page. The text the offsets
    map to is the layout text: each line of a box on its own line, a blank line between boxes and
    between pages. Blocks never cross a page, and ``ExtractedText.page_starts`` says where each
    page begins, so a claim's evidence carries its page and its line within that page.

    pdfminer is not hardened against hostile files (it can loop or exhaust memory on some): the
    loader runs it through ``extract_pdf_isolated``.
    """
    from pdfminer.layout import LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect, PDFTextExtractionNotAllowed
    from pdfminer.pdftypes import PDFException
    from pdfminer.psparser import PSException

    parts: list[str] = []
    page_starts: list[int] = []
    spans: list[tuple[int, int]] = []
    length = lost = 0
    try:
        for page in _pages(data):
            if page_starts:
                parts.append("\n\n")  # a blank line: no block runs from one page into the next
                length += 2
            page_starts.append(length)
            first = True
            for element in page:
                if not isinstance(element, LTTextContainer):
                    continue
                lines = [line.get_text() for line in element if isinstance(line, LTTextLine)]
                lines = [" ".join(line.split()) for line in lines]  # pdfminer may leave \r or \n inside
                box, n = _CID_RE.subn("\ufffd", "\n".join(line for line in lines if line))
                if not box:
                    continue
                lost += n
                if not first:
                    parts.append("\n\n")
                    length += 2
                first = False
                spans.append((length, length + len(box)))
                parts.append(box)
                length += len(box)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PdfFailure(f"encrypted PDF ({_message(exc)})") from None
    except PDFTextExtractionNotAllowed:
        raise PdfFailure("the PDF forbids text extraction") from None
    except (PDFException, PSException) as exc:
        raise PdfFailure(f"not a valid PDF ({type(exc).__name__}: {_message(exc)})") from None
    if not page_starts:
        raise PdfFailure("not a valid PDF (no pages)")
    source = "".join(parts)
    if not source.strip():
        raise PdfFailure(f"no text: the PDF's {len(page_starts)} page(s) have no text layer (scanned pages need OCR)")
    return PdfText(extract_layout(source, spans, page_starts), len(page_starts), lost)


def _child(data: bytes, conn) -> None:
    try:
        conn.send(("ok", extract_pdf(data)))
    except PdfFailure as exc:
        conn.send(("failure", exc.reason))
    except BaseException as exc:  # a pdfminer bug: reported as the parser failure it is
        conn.send(("failure", f"parser failure: {type(exc).__name__}: {_message(exc)}"))
    finally:
        conn.close()


def extract_pdf_isolated(data: bytes, *, timeout: float = PDF_TIMEOUT) -> PdfText:
    """``extract_pdf`` in a child process that is ended after ``timeout`` seconds, so a PDF that
    sends pdfminer into a loop, or eats all memory, costs one unreadable version, not the run."""
    methods = multiprocessing.get_all_start_methods()
    # fork starts in milliseconds with pdfminer already imported; spawn is the portable fallback.
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(data, send), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise PdfFailure(f"the PDF parser gave no answer in {timeout:g} s")
        status, payload = receive.recv()
    except (EOFError, OSError):
        process.join(5)
        raise PdfFailure(f"the PDF parser stopped without an answer (exit code {process.exitcode})") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if status == "ok":
        return payload
    raise PdfFailure(payload)
