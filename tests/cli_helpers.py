"""Helpers for tests: run a command, check the one-line error contract, make bad PDFs, score summaries."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

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


def blank_pdf(path: Path) -> None:
    """A one-page PDF with no text layer (as a scan without OCR would be)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(str(path))


def encrypted_pdf(path: Path, source: Path | None = None) -> None:
    """A password-protected PDF: a copy of ``source``, or one blank page."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(source)) if source else pypdf.PdfWriter()
    if source is None:
        writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as fh:
        writer.write(fh)


def score_summaries(
    shared: Path, summaries: list[dict], tmp_path: Path, misses: int
) -> tuple[float, str, dict[str, float]]:
    """Score ``summaries`` (``graphkit show --json`` output) with ``../shared/tools/score.py`` against the
    answer keys of the documents given; return micro F1, the printed report and each field's F1."""
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(summaries, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score.py"),
            str(shared / "gold"),
            str(pred),
            "--by-field",
            "--misses",
            str(misses),
            "--subset",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    out = proc.stdout
    m = re.search(r"^F1 ([0-9.]+)", out, re.M)
    assert m, out + proc.stderr
    fields = {f: float(v) for f, v in re.findall(r"^(\w+)\s+P [0-9.]+ R [0-9.]+ F1 ([0-9.]+)", out, re.M)}
    return float(m.group(1)), out, fields
