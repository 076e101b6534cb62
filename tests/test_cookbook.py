"""The README's SPARQL cookbook: every query runs on the bundled graph and returns the rows shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"


def _recipes() -> list[tuple[str, str, list[str]]]:
    """(heading, query, the CSV lines shown) for each recipe of the README's cookbook section."""
    text = README.read_text(encoding="utf-8")
    start = text.index("## SPARQL cookbook")
    end = text.index("\n## ", start + 1)
    section = text[start:end]
    out = []
    for part in re.split(r"\n(?=### )", section)[1:]:
        heading = part.splitlines()[0].lstrip("# ").strip()
        query = re.search(r"```sparql\n(.*?)\n```", part, re.S)
        rows = re.search(r"```csv\n(.*?)\n```", part, re.S)
        assert query and rows, f"recipe {heading!r} needs a sparql block and a csv block"
        out.append((heading, query.group(1), rows.group(1).splitlines()))
    return out


RECIPES = _recipes()


def test_the_cookbook_has_five_questions_with_rows() -> None:
    assert len(RECIPES) >= 5
    for heading, query, rows in RECIPES:
        assert heading.endswith("?"), heading
        assert query.lstrip().startswith("PREFIX") and "SELECT" in query
        assert len(rows) >= 3, f"{heading}: show the header and at least two rows"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph the quickstart builds: the example letters plus the official statistics."""
    from graphkit.store.build import build_store

    db = tmp_path_factory.mktemp("cookbook") / "send.db"
    report = build_store([REPO / "examples" / "letters"], db)
    assert not report.failed and report.statistics_loaded
    return db


@pytest.mark.parametrize("recipe", RECIPES, ids=[r[0][:40] for r in RECIPES])
def test_each_query_returns_the_rows_shown(recipe: tuple[str, str, list[str]], bundled: Path, tmp_path: Path) -> None:
    heading, query, shown = recipe
    rq = tmp_path / "q.rq"
    rq.write_text(query + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(rq), "--db", str(bundled), "--format", "csv"])
    assert result.exit_code == 0, f"{heading}: {result.stderr}"
    got = result.stdout.splitlines()
    assert got[: len(shown)] == shown, (
        f"{heading}: the README shows\n" + "\n".join(shown) + "\nthe graph gives\n" + ("\n".join(got[: len(shown) + 2]))
    )
