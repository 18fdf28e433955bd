"""Test tiers: ``make test-fast`` runs the unit tests in seconds; ``make test`` runs everything.

Tests that build whole sites, start processes or drive a browser are marked ``slow`` here, by module,
so that a new test in those modules joins the right tier without remembering a decorator.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from .browser_util import CHROMIUM, CHROMIUM_ARGS

SLOW_MODULES = frozenset({
    "test_bad_inputs", "test_browser", "test_cache", "test_cli", "test_golden", "test_properties",
    "test_safety", "test_site", "test_types", "test_wheel", "test_workflow", "test_a11y", "test_fetch",
    "test_browser_saved_pages", "test_incremental", "test_determinism",
})
"""Modules of end-to-end tests: whole builds, subprocesses, mypy, the browser, the network."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of the end-to-end modules as slow."""
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def missing(reason: str) -> None:
    """Skip a test that needs what this machine lacks; in CI (CI=true), fail it instead."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: this test cannot run in CI without it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one for the whole session: Playwright's sync API
    allows only one running instance per thread, so every browser test module shares this one."""
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()
