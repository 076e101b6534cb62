"""The yardstick: `graphkit show --json` over the real letters, scored by ../shared/tools/score.py."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import score_summaries
from click.testing import CliRunner

from graphkit.cli import main


def _score(shared: Path, files: list[Path], tmp_path: Path) -> tuple[float, str, dict[str, float]]:
    result = CliRunner().invoke(main, ["show", "--json", *map(str, files)])
    assert result.exit_code == 0, result.stderr
    summaries = json.loads(result.stdout)
    assert [s["source"] for s in summaries] == [f.name for f in files]
    return score_summaries(shared, summaries, tmp_path, misses=60)


def test_2016_framework_letters_score_1(shared: Path, tmp_path: Path) -> None:
    files = sorted((shared / "letters" / "2016-framework").glob("*.txt"))
    f1, out, _ = _score(shared, files, tmp_path)
    assert f1 == 1.0, out


def test_2023_framework_reports_score(shared: Path, tmp_path: Path) -> None:
    files = sorted((shared / "letters" / "2023-framework").glob("*.pdf"))
    f1, out, fields = _score(shared, files, tmp_path)
    assert f1 >= 0.98, out
    for field in ("outcome", "visit_start", "visit_end", "next_full_inspection_within_years"):
        assert fields[field] == 1.0, (field, out)
