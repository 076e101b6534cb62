"""Shared fixtures: the real letters in ../shared (skipped where absent, required under CI)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def _require_shared() -> Path:
    if (SHARED / "letters").is_dir() and (SHARED / "gold").is_dir():
        return SHARED
    if os.environ.get("CI") == "true":
        pytest.fail(f"../shared is missing at {SHARED}: CI must run with shared/ beside the checkout")
    pytest.skip(f"../shared is not beside this checkout ({SHARED}); real-letter tests need it")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (letters, gold, tools, reference)."""
    return _require_shared()


@pytest.fixture(scope="session")
def real_letters(shared: Path) -> list[Path]:
    return sorted((shared / "letters").glob("*/*.*"))


@pytest.fixture(scope="session")
def gold(shared: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((shared / "gold").glob("*.json"))}


@pytest.fixture(scope="session")
def built_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from every letter in ../shared plus the statistics (treat as read-only)."""
    from graphkit.store.build import build_store

    db = tmp_path_factory.mktemp("built") / "store"
    report = build_store([shared / "letters"], db)
    assert not report.failed, report.failed
    assert len(report.added) == len(list((shared / "letters").glob("*/*.*"))) and report.statistics_loaded
    return db


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, one per test module."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        reason = "Debian packages chromium and chromium-driver are not installed (see .ci/apt-packages)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="graphkit-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
