"""Helpers for the report-site tests: the fixture run with extracted texts, and the big run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import attrs

from claimcheck.result import RunResult, VersionText

REPO = Path(__file__).resolve().parents[2]


def with_texts(result: RunResult) -> RunResult:
    """``result`` with each version's extracted text: its claims' sentences at their offsets."""
    texts = []
    for s in result.sources:
        for v in s.versions:
            here = [c for c in result.claims if (c.source, c.version) == (s.id, v.version)]
            chars = list(f"Text of {s.id} {v.version}.".ljust(max([c.evidence.end + 80 for c in here] + [60])))
            for c in here:
                at = c.evidence.start - c.evidence.sentence.find(c.evidence.quote)
                chars[at : at + len(c.evidence.sentence)] = c.evidence.sentence
            texts.append(VersionText(s.id, v.version, "".join(chars)))
    return attrs.evolve(result, texts=tuple(texts))


def build_big_result() -> RunResult:
    """10,000 findings over 100,000 claims: the benchmark's run (benchmarks/render.py)."""
    spec = importlib.util.spec_from_file_location("claimcheck_render_benchmark", REPO / "benchmarks" / "render.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_big_result()
