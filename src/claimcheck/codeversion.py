"""Digests of the code a run executes: what cached results and remembered reports are keyed on.

Light on purpose (no extraction or report code imported), so that a run that finds nothing to
do never pays for importing what it will not run.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import sys
from pathlib import Path

__all__ = ["EXTRACTOR_VERSION", "extraction_code", "whole_code"]

# Bump when what loading or extraction produces changes in a way the source hash below cannot
# see (a dependency's behaviour, data files); any edit of the extraction code changes it anyway.
EXTRACTOR_VERSION = 1

_PACKAGE = Path(__file__).resolve().parent
# The code whose output the extraction cache stores: all of extraction and loading, the payload
# codec, and the modules that decide the keys and the contexts.
_EXTRACTION_FILES = ("claims/*.py", "serialize.py", "pipeline.py", "cache.py", "cachecodec.py")
_EXTRACTION_DISTRIBUTIONS = ("attrs", "cattrs", "charset-normalizer", "orjson", "pdfminer.six")
# A whole run's output also depends on the checker, the reports, their templates and these.
_WHOLE_FILES = ("**/*.py", "templates/*")
_WHOLE_DISTRIBUTIONS = (*_EXTRACTION_DISTRIBUTIONS, "deepdiff", "jinja2", "markupsafe", "click", "tomlkit", "PyYAML")


@functools.cache
def extraction_code() -> str:
    """A digest of the code and versions that decide what loading and extraction produce."""
    return _digest(_EXTRACTION_FILES, _EXTRACTION_DISTRIBUTIONS)


@functools.cache
def whole_code() -> str:
    """A digest of every file of the package and the versions of its dependencies."""
    return _digest(_WHOLE_FILES, _WHOLE_DISTRIBUTIONS)


def _digest(patterns: tuple[str, ...], distributions: tuple[str, ...]) -> str:
    h = hashlib.sha256(f"{EXTRACTOR_VERSION}\0{sys.version_info[0]}.{sys.version_info[1]}".encode())
    for name in distributions:
        try:
            h.update(f"\0{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"\0{name}=?".encode())
    seen: set[Path] = set()
    for pattern in patterns:
        for path in sorted(_PACKAGE.glob(pattern)):
            if path in seen or not path.is_file() or "__pycache__" in path.parts:
                continue
            seen.add(path)
            h.update(f"\0{path.relative_to(_PACKAGE).as_posix()}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()
