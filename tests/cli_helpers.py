"""Helpers for CLI tests: run a command, and check the one-line error contract."""

from __future__ import annotations

from click.testing import CliRunner

from graphkit.cli import main


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """Run ``graphkit ARGS``; return exit code, stdout and stderr."""
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, out: str, err: str, name: str, words: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr naming ``name`` and saying ``words``, no traceback."""
    assert code == 2, (code, out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: ") and name in lines[0], lines[0]
    assert words.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in err and out == ""
