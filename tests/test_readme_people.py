"""The README's "For people who use it" examples, run as written on a copy of the built store."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from cli_helpers import run_cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## For people who use it")
    end = text.index("\n## ", start + 3)
    return text[start:end]


def _commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", _section(), re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip().startswith("graphkit ")]


def test_the_section_has_an_example_of_each_command() -> None:
    names = {tuple(shlex.split(c)[1:3]) for c in _commands()}
    assert ("query", "areas") in names and ("area", "Bury") in names
    assert any(c.endswith("--format xlsx -o send-areas.xlsx") for c in _commands())


def test_readme_examples_run(built_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(built_store, tmp_path / "send.db")
    csv_block = re.search(r"```csv\n(.*?)```", _section(), re.S)
    assert csv_block
    (tmp_path / "sources.csv").write_text(re.sub(r"(?m)^ +", "", csv_block.group(1)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command in _commands():
        code, out, err = run_cli(shlex.split(command)[1:])
        assert code == 0, (command, err)
        written = re.search(r"-o (\S+)$", command)
        if written:
            assert (tmp_path / written.group(1)).stat().st_size > 0, command
        else:
            assert out.strip(), command
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "send-areas.xlsx")["areas"]
    assert ws.max_row == 150 and ws["I2"].is_date  # every area, and a date cell typed as a date
    areas = (tmp_path / "send-areas.csv").read_text(encoding="utf-8")
    assert "https://example.org/reports/bury-area-send" in areas and "2024-04-24" in areas
