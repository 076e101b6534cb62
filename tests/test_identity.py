"""Document identity: two different files never share a document IRI or named graph; the same
file under two paths is one document; rebuilding an unchanged folder changes nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import run_cli

from graphkit.graph.rdf import doc_iri, doc_key, graph_iri
from graphkit.store.build import build_store
from graphkit.store.db import open_store

DATA = Path(__file__).resolve().parent / "data" / "letters"
A = DATA / "initial-8-weaknesses-brackenford.txt"
B = DATA / "revisit-2021-northcliffe.txt"
C = DATA / "revisit-none-2022-fenwick-moor.txt"


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _doc_graphs(db: Path) -> set[str]:
    store = open_store(db, create=False)
    return {g for g, (_, _, kind) in store.manifest().items() if kind in ("initial", "revisit", "area_send_2023")}


def test_keys_are_readable_deterministic_and_differ_by_content() -> None:
    assert doc_key("x.txt", _sha(A)) == f"x-{_sha(A)[:12]}"
    assert doc_key("x.txt", _sha(A)) == doc_key("x.txt", _sha(A))
    assert doc_key("x.pdf", _sha(A)) == doc_key("x.txt", _sha(A))  # the same file, however named
    assert doc_key("x.pdf", _sha(A)) != doc_key("x.txt", _sha(B))
    assert doc_key("Letter one.txt", _sha(A)) != doc_key("letter-one.txt", _sha(B))
    assert doc_iri("x.txt", _sha(A)) != doc_iri("x.txt", _sha(B))
    assert graph_iri("•.txt", _sha(A)).startswith("https://w3id.org/graphkit/id/graph/document-")
    with pytest.raises(ValueError):
        doc_key("x.txt", "")


def test_colliding_names_are_kept_apart_and_rebuilds_change_nothing(tmp_path: Path, shared: Path) -> None:
    """x.pdf and x.txt; 'Letter one.txt' and 'letter-one.txt'; one name in two folders."""
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    shutil.copy(shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf", src / "x.pdf")
    shutil.copy(A, src / "x.txt")
    shutil.copy(B, src / "Letter one.txt")
    shutil.copy(C, src / "letter-one.txt")
    shutil.copy(B, src / "a" / "same.txt")
    shutil.copy(A, src / "b" / "same.txt")  # same name, other content ...
    db = tmp_path / "db"
    first = build_store([src], db)
    assert first.failed == []
    # ... but a/same.txt holds Letter one's content and b/same.txt x.txt's: one document each,
    # named by the first of its paths in sorted order
    assert sorted(first.added) == ["Letter one.txt", "letter-one.txt", "same.txt", "x.pdf"]
    assert sorted(first.unchanged) == ["same.txt", "x.txt"]
    graphs = _doc_graphs(db)
    assert len(graphs) == 4
    triples = len(open_store(db, create=False))
    store = open_store(db, create=False)
    kinds = {
        row["d"].value: row["k"].value
        for row in store.query(  # type: ignore[union-attr]
            "SELECT ?d (COUNT(?c) AS ?k) WHERE { ?d <https://w3id.org/graphkit/def#sourceFile> ?f ; a ?c } GROUP BY ?d"
        )
    }
    del store
    assert kinds and all(k == "1" for k in kinds.values()), kinds  # no node typed as two kinds
    for _ in range(2):
        again = build_store([src], db)
        assert not again.added and not again.replaced and not again.removed
        assert len(again.unchanged) == 6
        assert len(open_store(db, create=False)) == triples
        assert _doc_graphs(db) == graphs


def test_a_changed_file_replaces_its_earlier_version(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(B, src / "letter.txt")
    db = tmp_path / "db"
    build_store([src], db)
    old = _doc_graphs(db)
    shutil.copy(C, src / "letter.txt")
    report = build_store([src], db)
    assert report.replaced == ["letter.txt"] and not report.added
    new = _doc_graphs(db)
    assert len(new) == 1 and new != old
    assert new == {str(graph_iri("letter.txt", _sha(C)))}
    store = open_store(db, create=False)
    assert not any("validation/" + next(iter(old)).rsplit("/", 1)[-1] in g for g in store.named_graphs())


def test_remove_by_name_path_or_key(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    shutil.copy(B, src / "a" / "same.txt")
    shutil.copy(C, src / "b" / "same.txt")
    db = tmp_path / "db"
    build_store([src], db)
    code, _, err = run_cli(["build", "--db", str(db), "--remove", "same.txt"])
    assert code == 2 and "2 stored documents have this file name" in err and doc_key("same.txt", _sha(B)) in err
    code, _, err = run_cli(["build", "--db", str(db), "--remove", str(src / "a" / "same.txt")])
    assert code == 0, err
    assert _doc_graphs(db) == {str(graph_iri("same.txt", _sha(C)))}
    code, _, err = run_cli(["build", "--db", str(db), "--remove", doc_key("same.txt", _sha(C))])
    assert code == 0, err
    assert _doc_graphs(db) == set()


def test_show_keeps_colliding_names_apart(tmp_path: Path) -> None:
    shutil.copy(A, tmp_path / "Letter one.txt")
    shutil.copy(B, tmp_path / "letter-one.txt")
    code, out, err = run_cli(["show", "--json", str(tmp_path / "Letter one.txt"), str(tmp_path / "letter-one.txt")])
    assert code == 0, err
    shown = json.loads(out)
    assert [s["source"] for s in shown] == ["Letter one.txt", "letter-one.txt"]
    assert [s["kind"] for s in shown] == ["initial", "revisit"]
