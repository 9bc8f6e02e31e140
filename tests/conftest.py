"""Hypothesis settings shared by every test module (a root conftest is imported before them)."""

import os

from hypothesis import settings

# CI explores one fixed sequence of examples, so a red build always means the code changed, never
# that a rare random case turned up on that run; local runs keep exploring new examples and replay
# past failures from the example database. Deadlines are off in CI: its machine is shared and
# noisy, and a slow example is not a wrong one.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))
