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
    # its own content: the same bytes would be the same document, and a build would not read it again
    (tmp_path / "stuck.txt").write_bytes((DATA / LETTERS[0]).read_bytes() + b"\n")
    out.insert(1, tmp_path / "stuck.txt")
    return out


@pytest.fixture
def stuck_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    real = graphkit.pipeline.read_letter

    def read_letter(path: str | Path, partial: bool = False) -> graphkit.pipeline.Letter:
        if Path(path).name == "stuck.txt":
            time.sleep(600)
        return real(path, partial=partial)

    monkeypatch.setattr(graphkit.pipeline, "read_letter", read_letter)


def test_show_reports_a_document_over_its_time_budget_and_shows_the_others(
    letters: list[Path], stuck_reader: None
) -> None:
    t0 = time.monotonic()
    code, out, err = run_cli(["show", "--json", "--timeout", "5", *map(str, letters)])
    assert time.monotonic() - t0 < 120, "the stuck document was not stopped"
    assert code == 1  # some inputs failed, the others shown (exit 2 is for none read)
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

    def broken(path: str | Path, partial: bool = False) -> graphkit.pipeline.Letter:
        raise ValueError("year 0 is out of range")

    monkeypatch.setattr(graphkit.pipeline, "read_letter", broken)
    code, out, err = run_cli(["show", str(DATA / LETTERS[0])])
    assert code == 3 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert "internal error in graphkit" in lines[0] and "ValueError: year 0 is out of range" in lines[0]
    assert "bug" in lines[0] and "report it" in lines[0]


def test_a_bug_in_one_of_several_files_is_said_to_be_one_and_the_others_go_on(
    tmp_path: Path, letters: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug reading one file: the others are shown (or built), the bug gets its line, and the
    exit code is 3 even beside a bad input (exit 1 would pass the bug off as a fault of the input)."""
    real = graphkit.pipeline.read_letter

    def broken(path: str | Path, partial: bool = False) -> graphkit.pipeline.Letter:
        if Path(path).name == "stuck.txt":
            raise ValueError("year 0 is out of range")
        return real(path, partial=partial)

    monkeypatch.setattr(graphkit.pipeline, "read_letter", broken)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    import json

    code, out, err = run_cli(["show", "--json", *map(str, letters), str(empty)])
    assert code == 3, err
    assert [s["source"] for s in json.loads(out)] == LETTERS
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2 and "Traceback" not in err
    assert "stuck.txt" in errors[0] and "internal error in graphkit" in errors[0] and "bug" in errors[0]
    assert "empty.txt" in errors[1] and "internal error" not in errors[1]

    code, out, err = run_cli(["build", "--db", str(tmp_path / "db"), "-j", "1", *map(str, letters)])
    assert code == 3, err
    assert "2 added" in err and "1 failed" in err
    assert "stuck.txt" in err and "internal error in graphkit" in err


def test_a_full_disk_is_named_with_a_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphkit.store.files

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.trig"))

    monkeypatch.setattr(graphkit.store.files, "write_dataset", full)
    code, out, err = run_cli(["extract", str(DATA / LETTERS[0]), "-o", str(tmp_path / "out.trig")])
    assert code == 2
    assert (
        err.strip()
        == f"Error: {tmp_path / 'out.trig'}: no space left on the disk. Free some space (or choose another folder), then run this again."
    )


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM (a service stopped, a CI job cancelled) during `extract -o`: the hidden temporary
    file beside the output is removed, as it is for Ctrl-C, and nothing is written."""
    import os
    import signal

    import graphkit.store.files

    def terminated(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)  # the signal arrives before this ends

    monkeypatch.setattr(graphkit.store.files, "_write_with_oxigraph", terminated)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = run_cli(["extract", str(DATA / LETTERS[0]), "-o", str(out_dir / "graph.trig")])
    assert code == 143 and "Terminated; nothing was written." in err
    assert list(out_dir.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is not None


def test_readers_never_block_readers(tmp_path: Path) -> None:
    """Two exports and a query of one store at the same time: none gets "store is in use"."""
    import subprocess
    import sys

    db = tmp_path / "db"
    code, _, err = run_cli(["build", "--db", str(db), "-j", "1", str(DATA / LETTERS[0])])
    assert code == 0, err
    from graphkit.store.db import open_store

    holder = open_store(db, create=False, read_only=True)  # a reader holding the store open
    commands = [
        ["export", "--db", str(db), "--to", "csv", "-o", str(tmp_path / "a.csv")],
        ["export", "--db", str(db), "--to", "graphml", "-o", str(tmp_path / "b.graphml")],
        ["reconcile", "--db", str(db)],
    ]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "graphkit", *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for c in commands
    ]
    for p, c in zip(procs, commands, strict=True):
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, (c, err)
        assert "in use" not in err
    assert len(holder) > 0


def test_a_build_that_runs_out_of_disk_leaves_the_old_store_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graphkit.store.db import GraphStore, open_store

    db = tmp_path / "db"
    code, _, err = run_cli(["build", "--db", str(db), "-j", "1", str(DATA / LETTERS[0])])
    assert code == 0, err
    before = len(open_store(db, create=False, read_only=True))

    def full(self: GraphStore, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(GraphStore, "apply", full)
    code, out, err = run_cli(["build", "--db", str(db), "-j", "1", str(DATA / LETTERS[1])])
    assert code == 2
    last = err.strip().splitlines()[-1]
    assert last == (
        f"Error: {db}: no space left on the disk; the store is as it was before this build. "
        "Free some space (or choose another folder for --db), then run the build again."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [".db.lock", "db"]  # no copy left behind
    monkeypatch.undo()
    assert len(open_store(db, create=False, read_only=True)) == before

    monkeypatch.setattr(GraphStore, "apply", full)
    code, out, err = run_cli(["build", "--db", str(tmp_path / "new"), "-j", "1", str(DATA / LETTERS[1])])
    assert code == 2 and "no store was made" in err
    assert not (tmp_path / "new").exists() and not (tmp_path / ".new.building").exists()


def test_a_leftover_old_copy_is_cleaned(tmp_path: Path) -> None:
    """A build cut after its swap but before it removed the old copy left `.NAME.old` for ever."""
    from graphkit.store.db import open_store, sibling

    db = tmp_path / "db"
    code, _, err = run_cli(["build", "--db", str(db), "-j", "1", str(DATA / LETTERS[0])])
    assert code == 0, err
    shutil.copytree(db, sibling(db, "old"))
    assert len(open_store(db, create=False, read_only=True)) > 0
    assert not sibling(db, "old").exists()


@pytest.mark.parametrize(
    ("endpoint", "words"),
    [
        ("http://localhost:78x8/store", "not a valid URL (the port is not a number"),
        ("http:///store", "not a valid URL (no host name)"),
        ("http://[::1/store", "not a valid URL"),
        ("http://local host:7878/store", "not a valid URL"),
    ],
)
def test_publish_names_a_malformed_endpoint(tmp_path: Path, endpoint: str, words: str) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    code, out, err = run_cli(["publish", "--graph", str(graph), "--endpoint", endpoint])
    assert code == 2 and out == ""
    assert err.startswith(f"Error: {endpoint}: {words}") and "Pass e.g. --endpoint" in err, err


def test_publish_names_an_answer_that_is_not_http(tmp_path: Path) -> None:
    """A server on 127.0.0.1 that answers every request with a line that is no HTTP status line."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(b"HELLO THERE\r\n\r\n")

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    graph = tmp_path / "g.ttl"
    graph.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    try:
        code, out, err = run_cli(["publish", "--graph", str(graph), "--endpoint", f"http://127.0.0.1:{port}/store"])
    finally:
        stop.set()
        t.join(5)
        server.close()
    assert code == 2
    assert "answered with something that is not HTTP" in err and "Graph Store endpoint" in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_trig_and_nquads_are_written_by_oxigraph_and_read_back_the_same(tmp_path: Path, suffix: str) -> None:
    """rdflib's TriG writer took minutes for a long letter; Oxigraph's writes the same quads."""
    from rdflib import Dataset

    from graphkit.pipeline import letter_graph, read_letter

    out = tmp_path / f"g{suffix}"
    code, _, err = run_cli(["extract", str(DATA / LETTERS[0]), "-o", str(out)])
    assert code == 0, err
    name, g = letter_graph(read_letter(DATA / LETTERS[0]))
    back = Dataset()
    back.parse(out, format="trig" if suffix == ".trig" else "nquads")
    assert set(back.graph(name)) == set(g)
