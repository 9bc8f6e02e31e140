"""Fixtures for the performance tests: one synthetic corpus per session, and its uncached report."""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus import make_corpus, report


@pytest.fixture(scope="session")
def master_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared corpus: read-only (copy it with copy_corpus to edit it or to cache in it)."""
    return make_corpus(tmp_path_factory.mktemp("perf") / "corpus")


@pytest.fixture(scope="session")
def reference(master_corpus: Path) -> dict[str, str]:
    """The report of a serial, uncached run: what every other way of running must reproduce."""
    return report(master_corpus)
