"""A run pauses the cyclic collector while it builds its data, and gives it back as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from claimcheck import api, gcpause
from claimcheck.config import load_settings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ice"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_and_restored_after(enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        with gcpause.collector_paused():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]
        assert gc.isenabled() is enabled
        # What was made meanwhile is moved to the oldest generation, not left for a young walk.
        young = {id(o) for o in gc.get_objects(generation=0)}
        assert all(gc.is_tracked(x) and id(x) not in young for x in made)
    finally:
        gc.enable()


def test_an_exception_still_restores_the_collector():
    with pytest.raises(ValueError):
        with gcpause.collector_paused():
            raise ValueError("boom")
    assert gc.isenabled()


def test_a_run_reads_with_the_collector_paused_and_restores_it(monkeypatch):
    seen = []
    real = api.pipeline.prepare

    def prepare(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(api.pipeline, "prepare", prepare)
    result = api.run(load_settings(EXAMPLE / "claimcheck.toml", EXAMPLE))
    assert result.claims
    assert seen == [False]
    assert gc.isenabled()
