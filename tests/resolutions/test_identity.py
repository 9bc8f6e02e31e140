"""End to end on generated corpora: resolutions keep applying when sources are reordered, files renamed and
lines moved, and re-running with the same resolutions changes nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from claimcheck import api
from claimcheck.config import load_settings
from claimcheck.resolutions import decide, read_resolutions, write_resolution

FIGURES = ["20,000", "25,000", "9,853", "more than 20,000", "approximately 30,000", "400"]
MEASURES = ["employees", "offices", "special agents"]
DATES = ["2018-01-03", "2019-06-01", "2020-05-13", "2020-06-01", "none"]
DECISIONS = ["confirmed", "expected-change", "false-positive", "wont-fix", "source-preferred"]


@st.composite
def corpora(draw):
    """Sources with one or two versions, each a few sentences about ICE; plus a second layout of the same text."""
    sources = []
    for i in range(draw(st.integers(min_value=2, max_value=4))):
        dates = draw(st.lists(st.sampled_from(DATES), min_size=1, max_size=2, unique=True))
        versions = []
        for date in dates:
            measures = draw(st.lists(st.sampled_from(MEASURES), min_size=1, max_size=3, unique=True))
            sentences = [f"ICE has {draw(st.sampled_from(FIGURES))} {m}." for m in measures]
            versions.append((date, sentences))
        sources.append((f"src-{i}", versions))
    order = draw(st.permutations(range(len(sources))))
    decisions = draw(st.lists(st.sampled_from(DECISIONS), min_size=12, max_size=12))
    return sources, order, draw(st.integers(min_value=1, max_value=4)), decisions


def _write(root: Path, sources, order, *, layout: int, padding: int) -> Path:
    """Write the corpus. Layout 0: flat files in config order; layout 1: renamed files in a folder, the
    sources in ``order``, sentences reflowed one per line below some unrelated lines."""
    root.mkdir(parents=True)
    config = ['[subjects.ICE]\naliases = ["Immigration and Customs Enforcement"]\n']
    indices = range(len(sources)) if layout == 0 else order
    for i in indices:
        source_id, versions = sources[i]
        config.append(f'[[source]]\nid = "{source_id}"\n')
        for j, (date, sentences) in enumerate(versions):
            if layout == 0:
                name = f"{source_id}-v{j}.txt"
                text = " ".join(sentences) + "\n"
            else:
                name = f"pages/{chr(ord('z') - i)}{j}-renamed.md"
                text = "# Notes\n\n" + "Unrelated words here.\n\n" * padding + "\n\n".join(sentences) + "\n"
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
            date_value = '"none"' if date == "none" else date
            config.append(f'[[source.version]]\npath = "{name}"\ndate = {date_value}\n')
    (root / "claimcheck.toml").write_text("\n".join(config), encoding="utf-8")
    return root


def _run(root: Path):
    return api.run(load_settings(root / "claimcheck.toml", root))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_resolutions_survive_reordered_sources_renamed_files_and_moved_lines(case):
    sources, order, padding, decisions = case
    with tempfile.TemporaryDirectory() as tmp:
        first = _write(Path(tmp) / "a", sources, order, layout=0, padding=padding)
        result = _run(first)
        assume(result.findings)
        path = first / "claimcheck-resolutions.toml"
        for finding, decision in zip(result.findings, decisions):
            prefer = finding.sources[-1] if decision == "source-preferred" else None
            current = read_resolutions(path)
            resolution = decide(result, finding.id, decision, reviewer="prop", prefer=prefer, date=dt.date(2026, 11, 25))
            write_resolution(path, resolution, current.text)
        resolved = _run(first)
        decided = {r.finding for r in read_resolutions(path).resolutions}
        assert {f.id for f in resolved.findings if f.status == "resolved"} == decided
        assert resolved.unused_resolutions == ()
        assert _run(first).findings == resolved.findings  # the same resolutions again: nothing changes

        second = _write(Path(tmp) / "b", sources, order, layout=1, padding=padding)
        (second / "claimcheck-resolutions.toml").write_bytes(path.read_bytes())
        moved = _run(second)
        assert [f.id for f in moved.findings] == [f.id for f in resolved.findings]
        assert {f.id: f.status for f in moved.findings} == {f.id: f.status for f in resolved.findings}
        assert moved.unused_resolutions == ()
        # What the decision says is the same; only the readable evidence names the renamed files.
        for before, after in zip(resolved.findings, moved.findings):
            if before.resolution:
                keep = ("decision", "reviewer", "date", "preferred_source", "accepted_value", "evidence_digest")
                assert {k: before.resolution.get(k) for k in keep} == {k: after.resolution.get(k) for k in keep}
