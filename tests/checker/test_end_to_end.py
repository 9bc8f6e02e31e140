"""Finding ids and bytes end to end: a small corpus on disk through ``claimcheck.api.run``.

Ids must survive moving a paragraph, renaming a file (same source id) and adding an unrelated
source; the findings document must not depend on the order of sources or files in the config.
"""

from __future__ import annotations

from pathlib import Path

from claimcheck import api, serialize
from claimcheck.config import load_settings

WHO_2018 = """Who We Are

ICE employs more than 20,000 people in offices in all 50 states.

HSI operates 67 overseas offices.

ICE has an annual budget of approximately $6 billion.
"""

WHO_2020 = """Who We Are

ICE employs more than 20,000 people in offices in all 50 states.

HSI operates 78 overseas offices.

ICE has an annual budget of approximately $8 billion.
"""

FACTS = """Fact Sheet

HSI operates 70 overseas offices.

ICE has an annual budget of approximately $8 billion.
"""

UNRELATED = """Federal Protective Service

FPS employs 1,000 officers.
"""

SUBJECTS = """
[subjects.ICE]
aliases = ["U.S. Immigration and Customs Enforcement"]
[subjects.HSI]
aliases = ["Homeland Security Investigations"]
[subjects.FPS]
aliases = ["Federal Protective Service"]
[measures]
employees = ["people"]
"overseas offices" = ["offices"]
"""

WHO = """
[[source]]
id = "who"
[[source.version]]
path = "{old}"
date = 2018-01-03
[[source.version]]
path = "{new}"
date = 2020-05-13
"""

WHO_REVERSED = """
[[source]]
id = "who"
[[source.version]]
path = "{new}"
date = 2020-05-13
[[source.version]]
path = "{old}"
date = 2018-01-03
"""

FACTS_SOURCE = """
[[source]]
id = "facts"
[[source.version]]
path = "facts.txt"
date = 2020-06-01
"""

FPS_SOURCE = """
[[source]]
id = "fps"
[[source.version]]
path = "fps.txt"
date = 2019-01-01
"""


def _corpus(root: Path, *, who_2020: str = WHO_2020, new_name: str = "who-2020.txt", tables=None, fps=False) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "who-2018.txt").write_text(WHO_2018, encoding="utf-8")
    (root / new_name).write_text(who_2020, encoding="utf-8")
    (root / "facts.txt").write_text(FACTS, encoding="utf-8")
    (root / "fps.txt").write_text(UNRELATED, encoding="utf-8")
    tables = tables or [WHO, FACTS_SOURCE] + ([FPS_SOURCE] if fps else [])
    text = "".join(t.format(old="who-2018.txt", new=new_name) for t in tables) + SUBJECTS
    config = root / "claimcheck.toml"
    config.write_text(text, encoding="utf-8")
    return config


def _run(config: Path):
    return api.run(load_settings(config, config.parent))


def _ids(result) -> dict[str, tuple]:
    return {f.id: (f.kind, f.subject, f.measure, f.period) for f in result.findings}


def _bytes(result) -> str:
    return serialize.dumps(serialize.findings_document(result.findings))


def test_the_corpus_has_every_kind_of_group_verdict_we_rely_on(tmp_path) -> None:
    kinds = {f.kind for f in _run(_corpus(tmp_path)).findings}
    assert {"conflict", "change", "revision", "agreement"} <= kinds


def test_ids_survive_moving_a_paragraph(tmp_path) -> None:
    before = _run(_corpus(tmp_path / "a"))
    paragraphs = WHO_2020.split("\n\n")
    moved = "\n\n".join([paragraphs[0], paragraphs[3].rstrip("\n"), paragraphs[1], paragraphs[2]]) + "\n"
    after = _run(_corpus(tmp_path / "b", who_2020=moved))
    assert {c.evidence.start for c in after.claims} != {c.evidence.start for c in before.claims}
    assert _ids(after) == _ids(before)


def test_ids_survive_renaming_a_file(tmp_path) -> None:
    before = _run(_corpus(tmp_path / "a"))
    after = _run(_corpus(tmp_path / "b", new_name="who-may-2020.txt"))
    assert {c.path for c in after.claims} != {c.path for c in before.claims}
    assert _ids(after) == _ids(before)
    assert [f.evidence_digest for f in after.findings] == [f.evidence_digest for f in before.findings]


def test_ids_survive_adding_an_unrelated_source(tmp_path) -> None:
    before = _run(_corpus(tmp_path / "a"))
    after = _run(_corpus(tmp_path / "b", fps=True))
    assert any(c.source == "fps" for c in after.claims)
    assert _ids(before).items() <= _ids(after).items()
    unrelated = {f.id for f in after.findings if "fps" in f.sources}
    assert _ids(after).keys() - unrelated == _ids(before).keys()


def test_findings_bytes_do_not_depend_on_source_or_file_order(tmp_path) -> None:
    reference = _bytes(_run(_corpus(tmp_path / "a", fps=True)))
    sources_reversed = _run(_corpus(tmp_path / "b", tables=[FPS_SOURCE, FACTS_SOURCE, WHO]))
    files_reversed = _run(_corpus(tmp_path / "c", tables=[FACTS_SOURCE, WHO_REVERSED, FPS_SOURCE]))
    assert _bytes(sources_reversed) == reference
    assert _bytes(files_reversed) == reference


def test_digest_changes_when_a_member_claim_changes(tmp_path) -> None:
    before = {f.id: f.evidence_digest for f in _run(_corpus(tmp_path / "a")).findings}
    after = {f.id: f.evidence_digest for f in _run(_corpus(tmp_path / "b", who_2020=WHO_2020.replace("78", "79"))).findings}
    changed = {fid for fid in before.keys() & after.keys() if before[fid] != after[fid]}
    assert changed  # the offices conflict and revision now hold 79
    assert all(before[fid] == after[fid] for fid in before.keys() & after.keys() - changed)


def test_run_result_carries_histories_and_lifecycles(tmp_path) -> None:
    result = _run(_corpus(tmp_path))
    [history] = result.histories
    assert history.source == "who" and len(history.pairs) == 1
    assert {e.measure for e in history.pairs[0].changed} >= {"overseas offices"}
    assert {lc.measure for lc in result.lifecycles} >= {"overseas offices", "employees"}
