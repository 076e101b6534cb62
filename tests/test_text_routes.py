"""The text route does not depend on one PDF library: the real 2023-framework reports, copied to text
at test time by pypdf, pdfminer.six and poppler's ``pdftotext`` (raw and ``-layout``), are read by
``graphkit show --json`` and scored against the answer keys like the PDFs themselves.

Each library lays a page out its own way: running headers with the page number on the dates' line,
far to the right or on a line of its own; lines that all end with a space; form feeds; the
two-column tables row by row, column by column, or side by side. Nothing is kept in the repo: the
copies are made once per session in a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from cli_helpers import score_summaries
from click.testing import CliRunner

from graphkit.cli import main

ROUTES = ("pypdf", "pdfminer", "pdftotext", "pdftotext-layout")
# Where a copy gives no mark of an item's end (pypdf's and pdftotext's table rows run on without a
# blank line or a line-end sign; a column-by-column or side-by-side copy gives all the priority
# table's bodies, then all its actions) the list items are parted by the narrative sections' code,
# which does not yet rebuild them all: until it does, a route below 0.98 only for these fields is an
# expected failure. Every other field must already score as the PDFs do.


def _pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)


def _pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(str(pdf)))


def _pdftotext(pdf: Path, layout: bool) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _copy(job: tuple[str, str, str]) -> None:
    route, pdf, out = job
    makers: dict[str, Callable[[Path], str]] = {
        "pypdf": _pypdf,
        "pdfminer": _pdfminer,
        "pdftotext": lambda p: _pdftotext(p, False),
        "pdftotext-layout": lambda p: _pdftotext(p, True),
    }
    Path(out).write_text(makers[route](Path(pdf)), encoding="utf-8")


def _need(route: str) -> None:
    """Skip (fail under CI) where a route's library or program is missing."""
    missing = None
    if route.startswith("pdftotext") and shutil.which("pdftotext") is None:
        missing = "poppler's pdftotext is not installed (apt-get install poppler-utils)"
    elif route == "pdfminer":
        try:
            import pdfminer.high_level  # noqa: F401
        except ImportError:
            missing = "pdfminer.six is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        pytest.skip(missing)


@pytest.fixture(scope="session")
def copies(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every 2023-framework report copied to text by each route that is installed (made in parallel:
    pdfminer.six and pypdf take about a second a report)."""
    pdfs = sorted((shared / "letters" / "2023-framework").glob("*.pdf"))
    assert len(pdfs) == 24
    root = tmp_path_factory.mktemp("text-copies")
    out: dict[str, list[Path]] = {}
    jobs: list[tuple[str, str, str]] = []
    for route in ROUTES:
        try:
            _need(route)
        except pytest.skip.Exception:
            continue
        folder = root / route
        folder.mkdir()
        out[route] = [folder / f"{pdf.stem}.txt" for pdf in pdfs]
        jobs += [(route, str(pdf), str(txt)) for pdf, txt in zip(pdfs, out[route], strict=True)]
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        list(pool.map(_copy, jobs))
    return out


LIST_ITEM_FIELDS = {"priority_actions", "priority_action_bodies", "improvements"}


@pytest.mark.parametrize("route", ROUTES)
def test_text_copies_score_as_the_pdfs(route: str, copies: dict[str, list[Path]], shared: Path, tmp_path: Path) -> None:
    _need(route)
    files = copies[route]
    result = CliRunner().invoke(main, ["show", "--json", *map(str, files)])
    assert result.exit_code == 0, result.stderr
    summaries = json.loads(result.stdout)
    assert [s["source"] for s in summaries] == [f.name for f in files]
    f1, report, fields = score_summaries(shared, summaries, tmp_path, misses=60)
    print(report)
    # every field on its own at 0.98; the list items, parted however the copy laid them out (a
    # pypdf copy keeps no blank line between two areas for improvement), at 0.95
    low = {k: v for k, v in fields.items() if v < (0.95 if k in LIST_ITEM_FIELDS else 0.98)}
    assert not low, (low, report)
    assert f1 >= 0.98, report
