"""The one browser the tests drive: Debian's Chromium through Playwright, never a downloaded one."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# Headless in a container: no sandbox (no user namespaces there), no GPU, and nothing that would
# reach the network on its own (updates, sync, first-run pages): a test counts every request.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip


def launch(playwright):
    """A headless Chromium browser from ``sync_playwright()``'s object."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
