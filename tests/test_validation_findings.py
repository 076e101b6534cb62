"""Validation finds exactly what it found before it was made faster.

``tests/data/validation-findings.json`` was taken with the validation as it was before its speed-up
(``tests/findings_snapshot.py`` says over which graphs); every way of running pySHACL since must
give the same findings, document by document, and the same findings across documents. It is
taken again only when findings change on purpose (new shapes or self-checks, a changed reading
of the letters), after checking each difference is one of those.
"""

from __future__ import annotations

import json
from pathlib import Path

from findings_snapshot import SNAPSHOT, findings


def _diff(want: list[list[str]], got: list[list[str]]) -> str:
    missing = [r for r in want if r not in got]
    extra = [r for r in got if r not in want]
    return f"missing {missing[:5]} extra {extra[:5]}"


def test_findings_are_those_of_the_snapshot(shared: Path) -> None:
    want = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = findings(shared)
    assert sorted(got["per_document"]) == sorted(want["per_document"])  # type: ignore[call-overload]
    assert sum(len(v) for v in want["per_document"].values()) > 1000  # the damaged graphs give plenty
    for key, rows in want["per_document"].items():
        assert got["per_document"][key] == rows, (key, _diff(rows, got["per_document"][key]))  # type: ignore[index]
    for variant, rows in want["across_documents"].items():
        assert got["across_documents"][variant] == rows, (variant, _diff(rows, got["across_documents"][variant]))  # type: ignore[index]
