"""The checker's work shared out (``analyse(spread=...)``): the same analysis however it is spread."""

from __future__ import annotations

import contextlib
import os
import pickle
import random
import time

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import api, forking, pipeline
from claimcheck.checker import check as check_mod
from claimcheck.checker.check import analyse
from claimcheck.checker.recall import Recall

from .factory import make_claim
from .test_properties import claim_specs
from .test_recall import SETTINGS, MemoryStore, sources_of, version_keys

MEASURES = ["employees", "offices", "agents", "budget", "detention beds", "vessels", "cases"]


@contextlib.contextmanager
def small_units():
    """Every group batch and source batch as small as it gets, and any work large enough to spread."""
    saved = check_mod.SPREAD_MIN_COST, check_mod.GROUP_BATCH_CLAIMS, check_mod.SOURCES_PER_UNIT
    check_mod.SPREAD_MIN_COST, check_mod.GROUP_BATCH_CLAIMS, check_mod.SOURCES_PER_UNIT = 0, 1, 1
    try:
        yield
    finally:
        check_mod.SPREAD_MIN_COST, check_mod.GROUP_BATCH_CLAIMS, check_mod.SOURCES_PER_UNIT = saved


def backwards(work, units):
    """A spread that does the units last to first (as another process might) and keeps the contract."""
    made = {i: work(units[i]) for i in reversed(range(len(units)))}
    return [made[i] for i in range(len(units))]


def random_claims(seed: int, n: int) -> list:
    rng = random.Random(seed)
    specs = []
    for _ in range(n):
        stated = rng.choice([400, 420, 5_700_000_000, 8_000_000_000, 9_800, 10_000])
        bound = rng.choice(["exact", "exact", "approx", "lower", "upper"])
        specs.append({
            "source": rng.choice("abcdefghij"),
            "version": rng.choice(["2017-01-01", "2018-06-01", "2019-03-01", "2021-09-30"]),
            "measure": rng.choice(MEASURES),
            "subject": rng.choice(["ICE", "HSI"]),
            "stated": stated,
            "bound": bound,
        })
    return [make_claim(f"r{i}", **spec) for i, spec in enumerate(specs)]


corpora = st.lists(claim_specs(), min_size=0, max_size=12)


@settings(max_examples=150, deadline=None)
@given(specs=corpora, measures=st.lists(st.sampled_from(MEASURES), min_size=12, max_size=12))
def test_any_order_of_the_units_gives_the_same_analysis(specs, measures):
    claims = [make_claim(f"n{i}", **{**spec, "measure": m}) for i, (spec, m) in enumerate(zip(specs, measures))]
    with small_units():
        assert repr(analyse(sources_of(claims), claims, SETTINGS, spread=backwards)) == repr(
            analyse(sources_of(claims), claims, SETTINGS)
        )


@settings(max_examples=60, deadline=None)
@given(specs=corpora)
def test_spread_work_remembers_what_serial_work_does(specs):
    claims = [make_claim(f"n{i}", **spec) for i, spec in enumerate(specs)]
    keys = version_keys(claims)
    serial, spread = MemoryStore(), MemoryStore()
    with small_units():
        one = analyse(sources_of(claims), claims, SETTINGS, recall=Recall(keys, serial))
        other = analyse(sources_of(claims), claims, SETTINGS, recall=Recall(keys, spread), spread=backwards)
    assert repr(one) == repr(other)
    assert serial.rows == spread.rows


def _production_spread(monkeypatch):
    monkeypatch.setattr(forking, "cores", lambda: 2)  # forked even on a one-core runner
    spread = api._spread(pipeline.Execution(executor="process", jobs=2))
    assert spread is not None
    return spread


@pytest.mark.parametrize("seed", range(3))
def test_a_forked_process_sharing_the_work_gives_the_same_analysis(seed, monkeypatch, tmp_path):
    claims = random_claims(seed, 600)
    spread = _production_spread(monkeypatch)
    serial = analyse(sources_of(claims), claims, SETTINGS)
    log = tmp_path / "pids"

    def slowed(work, units):
        def unit_of_work(unit):
            with open(log, "a") as f:  # one short append per unit: whole lines from both processes
                f.write(f"{os.getpid()}\n")
            time.sleep(0.005)  # so that the child, forked a moment later, still finds units
            return work(unit)

        return spread(unit_of_work, units)

    with small_units():
        shared = analyse(sources_of(claims), claims, SETTINGS, spread=slowed)
    assert repr(shared) == repr(serial)
    assert serial.findings  # the corpus gives the checker something to say
    assert len(set(log.read_text().split())) == 2  # both processes took units


def test_small_work_stays_in_this_process():
    claims = random_claims(0, 60)

    def refuse(_work, _units):
        raise AssertionError("spread for a few claims")

    assert repr(analyse(sources_of(claims), claims, SETTINGS, spread=refuse)) == repr(
        analyse(sources_of(claims), claims, SETTINGS)
    )


def test_a_failing_checker_process_fails_the_run_with_its_traceback(monkeypatch):
    claims = random_claims(1, 200)
    spread = _production_spread(monkeypatch)
    parent = os.getpid()
    real = check_mod.classify_group

    def fails_in_the_child(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("boom in the child")
        # (slowed here, so that the child, forked a moment later, still finds groups on a busy machine: without it
        # this process could check them all first and nothing would fail)
        time.sleep(0.005)
        return real(*args, **kwargs)

    monkeypatch.setattr(check_mod, "classify_group", fails_in_the_child)
    with small_units(), pytest.raises(pipeline.ExecutorError) as raised:
        analyse(sources_of(claims), claims, SETTINGS, spread=spread)
    text = str(raised.value)
    assert "checking the claims in a forked process failed" in text
    assert "the checker process" in text and "RuntimeError: boom in the child" in text


@pytest.mark.parametrize(
    "execution",
    [
        pipeline.Execution(executor="serial", jobs=4),
        pipeline.Execution(executor="process", jobs=1),
    ],
)
def test_the_serial_executor_or_one_job_checks_in_this_process(execution, monkeypatch):
    monkeypatch.setattr(forking, "cores", lambda: 2)
    assert api._spread(execution) is None


def test_a_one_core_machine_checks_in_this_process(monkeypatch):
    monkeypatch.setattr(forking, "cores", lambda: 1)
    assert api._spread(pipeline.Execution(executor="process", jobs=2)) is None


def test_findings_travel_between_processes_whole():
    claims = random_claims(2, 300)
    findings = analyse(sources_of(claims), claims, SETTINGS).findings
    assert any(f.change is not None for f in findings)
    resolved = attrs.evolve(findings[0], status="resolved", resolution={"verdict": "confirmed", "note": "ok"})
    for f in (*findings, resolved):
        back = pickle.loads(pickle.dumps(f, pickle.HIGHEST_PROTOCOL))
        assert back == f and type(back) is type(f)
