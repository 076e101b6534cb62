"""Commands that need no rdflib do not import it (start-up time; measured in benchmarks/, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

_RUN = """
import sys
from graphkit.cli import main
try:
    main([{args}])
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = sorted(m for m in ("rdflib", "pyshacl", "networkx", "pypdfium2") if m in sys.modules)
print("loaded:", ",".join(heavy))
"""


def _loaded(*args: str) -> str:
    code = _RUN.format(args=", ".join(repr(a) for a in args))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return out.rsplit("loaded:", 1)[1].strip()


def test_query_on_a_graph_file_imports_no_rdflib() -> None:
    assert _loaded("query", "themes", "--graph", str(DATA / "small-themes.trig"), "--format", "csv") == ""


def test_version_and_queries_list_import_no_rdflib() -> None:
    assert _loaded("--version") == ""
    assert _loaded("queries") == ""
