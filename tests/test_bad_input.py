"""Bad input: one line on stderr naming the file, what is wrong and a fix; exit 2; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, blank_pdf, encrypted_pdf, run_cli

CASES = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty"),
    "blank.txt": (lambda p: p.write_text("   \n\n\t  \n"), "white space"),
    "binary.txt": (lambda p: p.write_bytes(bytes(range(256)) * 40), "binary"),
    "photo.pdf": (lambda p: p.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 2000), "JPEG"),
    "recipe.txt": (lambda p: p.write_text("Lemon cake\n\nMix the butter and sugar, then add eggs.\n"), "not a SEND"),
    "scan.pdf": (blank_pdf, "no text layer"),
    "corrupt.pdf": (lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ngarbage"), "corrupt"),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("command", ["show", "extract"])
def test_bad_input_is_one_line_exit_2_nothing_written(tmp_path: Path, name: str, command: str) -> None:
    make, words = CASES[name]
    bad = tmp_path / name
    make(bad)
    out_file = tmp_path / "out.trig"
    args = [command, str(bad)] + (["-o", str(out_file)] if command == "extract" else [])
    code, out, err = run_cli(args)
    assert_one_line_error(code, out, err, name, words)
    assert not out_file.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_half_letter_is_refused(tmp_path: Path) -> None:
    whole = (Path(__file__).parent / "data" / "letters" / "initial-no-wsoa-kettlebridge.txt").read_text(
        encoding="utf-8"
    )
    half = tmp_path / "half.txt"
    half.write_text(whole[: len(whole) // 2], encoding="utf-8")
    code, out, err = run_cli(["show", str(half)])
    assert_one_line_error(code, out, err, "half.txt", "cut off")


def test_truncated_and_encrypted_real_pdf(tmp_path: Path, shared: Path) -> None:
    source = shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf"
    data = source.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    code, out, err = run_cli(["show", str(cut)])
    assert_one_line_error(code, out, err, "cut.pdf", "PDF")
    locked = tmp_path / "locked.pdf"
    encrypted_pdf(locked, source)
    code, out, err = run_cli(["show", str(locked)])
    assert_one_line_error(code, out, err, "locked.pdf", "encrypted")


def test_one_bad_file_among_good_writes_what_was_read(tmp_path: Path, real_letters: list[Path]) -> None:
    """Several files, one bad: the good ones are written, one error line names the bad one, exit 1."""
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out_file = tmp_path / "out.trig"
    code, _, err = run_cli(["extract", str(real_letters[0]), str(bad), "-o", str(out_file)])
    assert code == 1, err
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "empty.txt" in errors[0]
    assert out_file.exists() and "1 documents" in err


def test_show_json_on_several_files_one_refused(tmp_path: Path, real_letters: list[Path]) -> None:
    """show --json prints the valid JSON list of what was read, one error line per failure, exit 1."""
    import json

    bad = tmp_path / "recipe.txt"
    bad.write_text("Lemon cake\n\nMix the butter and sugar, then add eggs.\n")
    code, out, err = run_cli(["show", "--json", str(real_letters[0]), str(bad), str(real_letters[1])])
    assert code == 1, err
    summaries = json.loads(out)
    assert [s["source"] for s in summaries] == [real_letters[0].name, real_letters[1].name]
    assert [line for line in err.splitlines() if line.strip()] == [
        line for line in err.splitlines() if "recipe.txt" in line
    ]


def test_every_file_bad_is_exit_2_nothing_printed(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"")
    b.write_text("   \n")
    code, out, err = run_cli(["show", "--json", str(a), str(b)])
    assert code == 2 and out == ""
    assert len([line for line in err.splitlines() if line.startswith("Error: ")]) == 2


def test_debug_shows_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, _, err = run_cli(["--debug", "show", str(bad)])
    assert code == 2 and "Traceback" in err


def test_unknown_output_format(tmp_path: Path, real_letters: list[Path]) -> None:
    code, out, err = run_cli(["extract", str(real_letters[0]), "-o", str(tmp_path / "g.xyz")])
    assert_one_line_error(code, out, err, "g.xyz", "unknown graph format")


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nq", ".jsonld"])
def test_extract_writes_every_format(tmp_path: Path, real_letters: list[Path], suffix: str) -> None:
    """Regression: .ttl once came out empty (the union was taken from the default graph only)."""
    from rdflib import Dataset

    out_file = tmp_path / f"g{suffix}"
    code, _, err = run_cli(["extract", str(real_letters[0]), "-o", str(out_file)])
    assert code == 0, err
    ds = Dataset()
    ds.parse(str(out_file), format={".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}[suffix])
    assert len(list(ds.quads((None, None, None, None)))) > 500
