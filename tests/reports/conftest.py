"""Fixtures for the report tests; the builders live in report_fixtures.py."""

from __future__ import annotations

import pytest
from report_fixtures import build_hostile_result, build_result

from claimcheck.result import RunResult


@pytest.fixture
def result() -> RunResult:
    return build_result()


@pytest.fixture
def hostile_result() -> RunResult:
    return build_hostile_result()
