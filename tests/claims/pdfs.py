"""A minimal PDF writer for tests: pages of text lines in Helvetica, no dependency."""

from __future__ import annotations


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages: list[list[str]], *, font: bool = True) -> bytes:
    """A valid PDF with one page per list; each string is a line, "" leaves a paragraph gap.

    ``font=False`` draws nothing but a rectangle: a page without a text layer (a "scan").
    """
    objects: list[bytes] = []
    page_ids = []
    n_pages = len(pages)
    # 1: catalog, 2: pages, 3: font, then per page: page object, content stream.
    for k, lines in enumerate(pages):
        page_id, content_id = 4 + 2 * k, 5 + 2 * k
        page_ids.append(page_id)
        if font:
            ops = [b"BT", b"/F1 12 Tf", b"14 TL", b"72 740 Td"]
            for line in lines:
                if line:
                    ops.append(b"(" + _escape(line) + b") Tj T*")
                else:
                    ops.append(b"0 -20 Td")
            ops.append(b"ET")
        else:
            ops = [b"0.5 g", b"72 72 400 600 re f"]
        stream = b"\n".join(ops)
        objects.append(
            (page_id, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
             b"/Contents %d 0 R >>" % content_id)
        )
        objects.append((content_id, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects = [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages),
        (3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        *objects,
    ]
    objects.sort()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for oid, body in objects:
        offsets[oid] = len(out)
        out += b"%d 0 obj\n" % oid + body + b"\nendobj\n"
    xref = len(out)
    size = max(offsets) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for oid in range(1, size):
        out += b"%010d 00000 n \n" % offsets[oid]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)
