"""Write the starting corpus for fuzz_pipeline.py: every seed page once per document kind.

    python3 fuzz/seed_corpus.py [SEEDS_DIR] [CORPUS_DIR]   (default ../shared/seeds, fuzz/corpus)

Each file is one kind byte (see fuzz_pipeline.py) followed by a slice of a seed page, plus a few
small HTML, Markdown, UTF-16 and PDF samples, so the fuzzer starts from every parser.
"""

from __future__ import annotations

import codecs
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from claims.pdfs import make_pdf  # noqa: E402  (tests/claims/pdfs.py: a dependency-free PDF writer)

SAMPLES = {
    0: [b"<html><head><meta charset='windows-1252'><title>Who We Are</title></head><body><h1>ICE</h1>"
        b"<p>Last Updated: 05/13/2020</p><p>ICE has more than 20,000 employees and an annual budget of "
        b"approximately \x938 billion\x94.</p><table><tr><td>FY2019</td><td>$8 billion</td></tr></table></body></html>",
        codecs.BOM_UTF16_LE + "<p>HSI has over 6,700 special agents in FY 2019.</p>".encode("utf-16-le")],
    1: [b"# Who We Are\n\nLast Updated: 05/13/2020\n\n- ICE has **more than 400** statutes\n- HSI: 6,700 agents\n\n"
        b"| FY | budget |\n|---|---|\n| 2019 | $8 billion |\n"],
    2: [b"Release Date: August 20, 2018\n\nICE has 67 offices in 50 countries.\n"],
    3: [make_pdf([["Annual Report", "", "ICE employs more than 20,000 people", "across the country."],
                  ["Budget", "", "approximately $8 billion in FY2019."]])],
}


CHUNK = 512


def _slices(data: bytes, size: int) -> list[bytes]:
    out, start = [], 0
    while start < len(data):
        end = min(len(data), start + size)
        cut = data.rfind(b"\n", start, end) + 1 if end < len(data) else end
        end = cut if cut > start else end
        out.append(data[start:end])
        start = end
    return out


def main() -> None:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "seeds"
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    # Seed pages in 512-byte slices cut at line ends: short inputs keep the fuzzer fast (run it
    # with -max_len=512), and every part of every page is still there to mutate.
    pages = [page.read_bytes() for page in sorted(seeds.glob("*")) if page.is_file()]
    inputs = [(kind, piece) for page in pages for piece in _slices(page, CHUNK - 1) for kind in range(8)]
    inputs += [(kind + dated, data) for kind, samples in SAMPLES.items() for data in samples for dated in (0, 4)]
    for kind, data in inputs:
        blob = bytes([kind]) + data
        (corpus / hashlib.sha1(blob).hexdigest()).write_bytes(blob)
    print(f"{len(inputs)} inputs in {corpus}")


if __name__ == "__main__":
    main()
