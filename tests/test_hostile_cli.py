"""The command line under hostile conditions: a document that never finishes, a bug, a full disk.

Each fault is injected (a reader that sleeps, raises or finds the disk full) into otherwise
fictional letters from tests/data, through the real commands.
"""

from __future__ import annotations

import errno
import shutil
import time
from pathlib import Path

import pytest
from cli_helpers import run_cli

import graphkit.pipeline

DATA = Path(__file__).resolve().parent / "data" / "letters"
LETTERS = ["initial-8-weaknesses-brackenford.txt", "revisit-2021-northcliffe.txt"]


@pytest.fixture
def letters(tmp_path: Path) -> list[Path]:
    """Two fictional letters and a third, ``stuck.txt``, whose reading never ends (it sleeps)."""
    out = []
    for name in LETTERS:
        shutil.copy(DATA / name, tmp_path / name)
        out.append(tmp_path / name)
    shutil.copy(DATA / LETTERS[0], tmp_path / "stuck.txt")
    out.insert(1, tmp_path / "stuck.txt")
    return out


@pytest.fixture
def stuck_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    real = graphkit.pipeline.read_letter

    def read_letter(path: str | Path) -> graphkit.pipeline.Letter:
        if Path(path).name == "stuck.txt":
            time.sleep(600)
        return real(path)

    monkeypatch.setattr(graphkit.pipeline, "read_letter", read_letter)


def test_show_reports_a_document_over_its_time_budget_and_shows_the_others(
    letters: list[Path], stuck_reader: None
) -> None:
    t0 = time.monotonic()
    code, out, err = run_cli(["show", "--json", "--timeout", "5", *map(str, letters)])
    assert time.monotonic() - t0 < 120, "the stuck document was not stopped"
    assert code == 2
    import json

    shown = json.loads(out)
    assert [s["source"] for s in shown] == LETTERS
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "stuck.txt" in errors[0] and "time limit" in errors[0], err
    assert "--timeout" in errors[0]


def test_validate_reports_a_document_over_its_time_budget(letters: list[Path], stuck_reader: None) -> None:
    code, out, err = run_cli(["validate", "--timeout", "5", *map(str, letters)])
    assert code == 2
    assert "Checked" in out
    assert "stuck.txt" in err and "time limit" in err


def test_build_fails_only_the_document_over_its_time_budget(
    tmp_path: Path, letters: list[Path], stuck_reader: None
) -> None:
    code, out, err = run_cli(["build", "--db", str(tmp_path / "db"), "-j", "1", "--timeout", "5", *map(str, letters)])
    assert code == 1, err
    assert "2 added" in err and "1 failed" in err
    assert "Error: " in err and "stuck.txt" in err and "time limit" in err


def test_a_bug_is_said_to_be_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any exception that is not graphkit's own: one line saying it is a bug, exit 3, no traceback."""

    def broken(path: str | Path) -> graphkit.pipeline.Letter:
        raise ValueError("year 0 is out of range")

    monkeypatch.setattr(graphkit.pipeline, "read_letter", broken)
    code, out, err = run_cli(["show", str(DATA / LETTERS[0])])
    assert code == 3 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert "internal error in graphkit" in lines[0] and "ValueError: year 0 is out of range" in lines[0]
    assert "bug" in lines[0] and "report it" in lines[0]


def test_a_full_disk_is_named_with_a_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphkit.store

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.trig"))

    monkeypatch.setattr(graphkit.store, "write_dataset", full)
    code, out, err = run_cli(["extract", str(DATA / LETTERS[0]), "-o", str(tmp_path / "out.trig")])
    assert code == 2
    assert (
        err.strip()
        == f"Error: {tmp_path / 'out.trig'}: no space left on the disk. Free some space (or choose another folder), then run this again."
    )
