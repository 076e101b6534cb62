"""The national graph: build, identity across documents, lifecycle links, reconcile, interruption."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.ask.people import record_decision, review_people
from graphkit.check.reconcile import reconcile
from graphkit.cli import main
from graphkit.graph.rdf import validation_graph_of
from graphkit.store.build import build_store
from graphkit.store.db import open_store

GK = "https://w3id.org/graphkit/def#"
ID = "https://w3id.org/graphkit/id/"


def _graph_of(path: Path) -> str:
    """The named graph of the document read from ``path`` (its key: stem slug and SHA-256 prefix)."""
    import hashlib

    from graphkit.graph.rdf import graph_iri

    return str(graph_iri(path.name, hashlib.sha256(path.read_bytes()).hexdigest()))


@pytest.fixture(scope="module")
def built(built_store: Path) -> Path:
    return built_store


def _values(db: Path, query: str, var: str) -> list[str]:
    store = open_store(db, create=False)
    res = store.query(f"PREFIX gk: <{GK}> PREFIX gkid: <{ID}> " + query)
    return sorted({r[var].value for r in res})  # type: ignore[union-attr,index]


def test_middlesbrough_lifecycle(built: Path) -> None:
    areas = _values(
        built,
        'SELECT DISTINCT ?a WHERE { ?a a gk:LocalArea ; <http://www.w3.org/2000/01/rdf-schema#label> "Middlesbrough" }',
        "a",
    )
    assert areas == [f"{ID}area/middlesbrough"]
    initial = f"{ID}inspection/middlesbrough/initial/2017-03"
    starts = _values(built, f"SELECT ?d WHERE {{ <{initial}> gk:startDate ?d ; gk:area <{areas[0]}> }}", "d")
    assert starts == ["2017-03-20"]  # from the statistics
    revisit = f"{ID}inspection/middlesbrough/revisit/2019-07"
    assert _values(built, f"SELECT ?i WHERE {{ <{revisit}> gk:revisitOf ?i }}", "i") == [initial]
    verdicts = _values(
        built,
        f"""SELECT ?v WHERE {{ ?v gk:verdictOf <{revisit}> ; gk:sufficientProgress true ;
            gk:onWeakness/gk:weaknessOf <{initial}> }}""",
        "v",
    )
    assert len(verdicts) == 4
    assert _values(built, f"SELECT ?w WHERE {{ <{initial}> gk:weaknessCount ?w }}", "w") == ["4"]


def test_bury_lifecycle(built: Path) -> None:
    area = f"{ID}area/bury"
    initial = f"{ID}inspection/bury/initial/2017-06"
    revisit = f"{ID}inspection/bury/revisit/2019-05"
    report = f"{ID}inspection/bury/area-send/2024-02"
    insp = _values(built, f"SELECT DISTINCT ?i WHERE {{ ?i gk:area <{area}> }}", "i")
    assert insp == sorted([initial, revisit, report])
    assert _values(built, f"SELECT ?n WHERE {{ <{initial}> gk:weaknessCount ?n ; gk:wsoaRequired true }}", "n") == ["8"]
    assert _values(built, f"SELECT ?r WHERE {{ <{revisit}> gk:overallProgress ?r }}", "r") == [f"{GK}SomeImproved"]
    assert _values(built, f"SELECT ?o WHERE {{ <{report}> gk:outcome ?o }}", "o") == [f"{GK}WidespreadFailingsOutcome"]
    assert _values(built, f"SELECT ?p WHERE {{ <{report}> gk:previousInspection ?p }}", "p") == [revisit]
    order = _values(built, f"SELECT ?b WHERE {{ <{initial}> gk:followedBy ?b }}", "b")
    assert order == [revisit]


def test_reconcile_reports_brighton(built: Path) -> None:
    rows = reconcile(open_store(built, create=False))
    brighton = [r for r in rows if r.area == "Brighton and Hove" and r.what == "previous inspection start date"]
    assert brighton and brighton[0].letter_value == "2016-05-16" and brighton[0].statistics_value == "2016-05-23"
    assert "16 May 2016" in brighton[0].quote
    result = CliRunner().invoke(main, ["reconcile", "--db", str(built)])
    assert result.exit_code == 0 and "Brighton and Hove" in result.stdout


def test_one_node_per_person(built: Path) -> None:
    gallagher = _values(
        built,
        'SELECT DISTINCT ?p WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n FILTER(CONTAINS(?n, "Gallagher")) }',
        "p",
    )
    assert gallagher == [f"{ID}person/ursula-gallagher"]
    graphs = _values(built, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m gk:person <{gallagher[0]}> }} }}", "g")
    assert len(graphs) == 2
    # inspectors in several 2023 reports are one node each, seen in each report's graph
    multi = open_store(built, create=False).query(
        f"""PREFIX gk: <{GK}> SELECT ?p (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?m gk:person ?p ;
            gk:personContext gk:TeamMember }} }} GROUP BY ?p HAVING (COUNT(DISTINCT ?g) > 1)"""
    )
    assert len(list(multi)) >= 3


def test_uncertain_people_listed_not_merged_and_decisions_kept(built: Path, shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy"
    shutil.copytree(built, db)
    store = open_store(db)
    cands = review_people(store)
    pairs = {(c.a_names, c.b_names) for c in cands}
    assert any("Dan Carrick" in a + b and "Daniel Carrick" in a + b for a, b in pairs), pairs
    carrick = next(c for c in cands if "Dan Carrick" in c.a_names + c.b_names)
    record_decision(store, carrick.a, carrick.b, same=True, by="tester")
    assert all(c.a != carrick.a or c.b != carrick.b for c in review_people(store))
    del store
    build_store([shared / "letters"], db)  # a later build keeps the decision
    assert all(c.a != carrick.a or c.b != carrick.b for c in review_people(open_store(db)))


def test_rebuild_is_idempotent_and_remove_is_exact(built: Path, shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy"
    shutil.copytree(built, db)
    before = len(open_store(db))
    again = build_store([shared / "letters"], db)
    assert len(again.unchanged) == 26 and not again.added and again.triples == before
    store = open_store(db)
    bury = _graph_of(shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf")
    findings = validation_graph_of(bury)
    own = store.graph_count(bury) + store.graph_count(findings)  # its triples and its validation findings
    # their two manifest entries: the document's (a gk:StoredGraph, sha256, source file, kind, path
    # key: 5) and its findings' (a gk:StoredGraph, sha256, source file, kind: 4)
    entries = {
        str(row[0].value): int(row[1].value)
        for row in store.query(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH <{ID}graph/manifest> {{ ?g ?p ?o "
            f"FILTER(?g IN (<{bury}>, <{findings}>)) }} }} GROUP BY ?g"
        )
    }
    assert entries == {bury: 5, findings: 4}
    report = f"{ID}inspection/bury/area-send/2024-02"
    links = len(
        list(
            store.query(  # the derived links that only this report's inspection had
                f"SELECT * WHERE {{ GRAPH <{ID}graph/links> {{ ?s ?p ?o FILTER(?s = <{report}> || ?o = <{report}>) }} }}"
            )
        )
    )
    themes = len(
        list(
            store.query(  # the derived theme codings of this report's statements
                f"SELECT * WHERE {{ GRAPH <{ID}graph/themes> {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), STR(<{report}/>))) }} }}"
            )
        )
    )
    del store
    result = CliRunner().invoke(main, ["build", "--db", str(db), "--remove", "bury-area-send-2024-02.pdf"])
    assert result.exit_code == 0, result.stderr
    store = open_store(db)
    assert bury not in store.named_graphs()
    # exactly its triples and findings go, with their manifest entries (5 + 4) and the links and
    # theme codings derived from it
    assert len(store) == before - own - 5 - 4 - links - themes


def test_failed_document_does_not_stop_others(tmp_path: Path, shared: Path) -> None:
    bad = tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_text("")
    shutil.copy(shared / "letters" / "2016-framework" / "middlesbrough-revisit-2019-07.txt", bad.parent)
    result = CliRunner().invoke(main, ["build", str(bad.parent), "--db", str(tmp_path / "db")])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "1 added" in result.stderr


def test_interrupted_build_leaves_previous_store(tmp_path: Path, shared: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(shared / "letters" / "2016-framework" / "middlesbrough-revisit-2019-07.txt", first)
    db = tmp_path / "db"
    build_store([first], db)
    before = len(open_store(db))
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphkit", "build", str(shared / "letters"), "--db", str(db), "-j", "1"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()  # the first progress line: extraction is under way
    assert line.startswith("[1/"), line
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    time.sleep(0.2)
    store = open_store(db, create=False)
    assert len(store) == before
    assert store.graph_count(_graph_of(first / "middlesbrough-revisit-2019-07.txt")) > 0


def test_bodies_resolved_with_codes_and_ccg_to_icb_handover(built: Path) -> None:
    councils = _values(
        built,
        f'SELECT DISTINCT ?b WHERE {{ ?b a gk:LocalAuthority ; gk:servesArea <{ID}area/bury> ; gk:gssCode "E08000002" }}',
        "b",
    )
    assert len(councils) == 1  # "Bury Council" and "Bury Metropolitan Borough Council" are one body
    names = _values(
        built, f"SELECT ?n WHERE {{ <{councils[0]}> <http://www.w3.org/2000/01/rdf-schema#label> ?n }}", "n"
    )
    assert {"Bury Council", "Bury Metropolitan Borough Council"} <= set(names)
    handover = _values(
        built,
        """SELECT DISTINCT ?until WHERE { ?icb a gk:IntegratedCareBoard ; gk:predecessor ?ccg .
           ?ccg a gk:ClinicalCommissioningGroup ; gk:operatedUntil ?until }""",
        "until",
    )
    assert handover == ["2022-06-30"]


def test_build_stores_each_documents_validation_findings(built: Path, tmp_path: Path) -> None:
    from graphkit.ask.query import run_query

    store = open_store(built, create=False)
    infos = run_query(store, "validation-warnings", {"severity": "Info"})
    docs = set(infos.values("document"))
    assert "stockton-on-tees-initial-2019-02.txt" in docs  # no letter date: an info, rightly
    assert not run_query(store, "validation-warnings", {}).rows  # the real letters raise no warning
    # a fictional area resolves to no GSS code: a warning, stored, listed, and gone with its document
    letter = Path(__file__).parent / "data" / "letters" / "revisit-2021-northcliffe.txt"
    db = tmp_path / "db"
    result = CliRunner().invoke(main, ["build", str(letter), "--db", str(db)])
    assert result.exit_code == 0 and "validation warnings in 1 documents" in result.stderr
    rows = run_query(open_store(db), "validation-warnings", {}).rows
    assert rows and set(run_query(open_store(db), "validation-warnings", {}).values("document")) == {letter.name}
    result = CliRunner().invoke(main, ["build", "--db", str(db), "--remove", letter.name])
    assert result.exit_code == 0, result.stderr
    assert not run_query(open_store(db), "validation-warnings", {}).rows


def test_build_works_on_a_copy_and_a_cut_swap_is_recovered(tmp_path: Path, shared: Path) -> None:
    from graphkit.store.db import sibling

    one = shared / "letters" / "2016-framework" / "middlesbrough-revisit-2019-07.txt"
    db = tmp_path / "db"
    build_store([one], db)
    count = len(open_store(db))
    # a copy left by an interrupted build is thrown away by the next build
    leftover = sibling(db, "building")
    leftover.mkdir()
    (leftover / "junk").write_text("x")
    report = build_store([shared / "letters" / "2016-framework"], db)
    assert report.added == ["stockton-on-tees-initial-2019-02.txt"] and not leftover.exists()
    grown = len(open_store(db))
    assert grown > count
    # a swap cut between its two renames: the finished copy is put in place on the next open
    shutil.copytree(db, sibling(db, "building"))
    db.rename(sibling(db, "old"))
    assert len(open_store(db, create=False)) == grown
    assert not sibling(db, "old").exists() and not sibling(db, "building").exists()


def test_a_decision_by_a_name_with_quotes_is_stored_literally(built: Path, tmp_path: Path) -> None:
    from graphkit.errors import UsageError

    db = tmp_path / "copy"
    shutil.copytree(built, db)
    store = open_store(db)
    cand = review_people(store)[0]
    record_decision(store, cand.a, cand.b, same=False, by='Ann "Q" O\\Brien')
    del store
    who = _values(
        db, f"SELECT ?w WHERE {{ GRAPH <{ID}graph/decisions> {{ ?d <http://purl.org/dc/terms/creator> ?w }} }}", "w"
    )
    assert who == ['Ann "Q" O\\Brien']
    with pytest.raises(UsageError):
        record_decision(open_store(db), "x> ; DROP ALL ; <y", cand.b, same=True)


def test_a_derived_graph_is_replaced_by_its_difference(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from graphkit.store.db import MANIFEST_GRAPH, Change

    store = open_store(tmp_path / "db")
    g = f"{ID}graph/themes"
    keep, old, new = (f'<{ID}s/{n}> <{GK}theme> "{n}" .' for n in ("keep", "old", "new"))
    other = f"<{ID}s/x> <{GK}theme> <{ID}t/x> ."
    store.apply([Change(g, "\n".join([keep, old]), "derived", "graphkit themes", "themes")])
    store.apply([Change(f"{ID}graph/doc", other, "abc", "doc.txt", "report")])
    store.apply_derived(Change(g, "\n".join([keep, new, new]), "derived2", "graphkit themes", "themes"))
    got = {
        f"{q.subject} {q.predicate} {q.object} ."
        for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(g))
    }
    assert got == {keep, new}
    assert len(store.graph(f"{ID}graph/doc")) == 1  # other graphs untouched
    sha = [
        q.object.value
        for q in store.store.quads_for_pattern(
            ox.NamedNode(g), ox.NamedNode(f"{GK}sha256"), None, ox.NamedNode(str(MANIFEST_GRAPH))
        )
    ]
    assert sha == ["derived2"]


def test_a_second_writer_of_a_store_stops_with_one_line_and_changes_nothing(tmp_path: Path) -> None:
    from graphkit.store.db import sibling, writing

    letters = Path(__file__).resolve().parents[1] / "examples" / "letters"
    db = tmp_path / "db"
    build_store([letters / "revisit-2021-northcliffe.txt"], db)
    before = len(open_store(db))
    runner = CliRunner()
    with writing(db):  # as a build in another process holds it
        r = runner.invoke(main, ["build", str(letters), "--db", str(db)])
        assert r.exit_code == 2, r.output
        lines = [x for x in r.output.splitlines() if x.strip()]
        assert len(lines) == 1 and "another graphkit build or decision is writing to this store" in lines[0]
        assert str(db) in lines[0] and "Traceback" not in r.output
        r = runner.invoke(main, ["people", "--db", str(db), "--accept", f"{ID}person/a", f"{ID}person/b"])
        assert r.exit_code == 2 and "is writing to this store" in r.output
        csv = tmp_path / "codings.csv"
        csv.write_text("coding,decision\n")
        r = runner.invoke(main, ["themes", "import", str(csv), "--db", str(db)])
        assert r.exit_code == 2 and "is writing to this store" in r.output
    assert len(open_store(db)) == before and not sibling(db, "building").exists()
    # released: the build now runs
    r = runner.invoke(main, ["build", str(letters), "--db", str(db)])
    assert len(open_store(db)) > before, r.output


def test_a_build_after_the_shapes_changed_validates_the_stored_documents_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings are stamped with the shapes they were found with. After an upgrade of graphkit (or
    an edit of its shapes) the next build validates every stored document again from its stored
    graph, though no file changed, so that ``validate --db`` shows current findings at once."""
    from graphkit.check import validate as v

    folder = Path(__file__).parent / "data" / "letters"
    letters = sorted([*folder.glob("initial-*.txt"), *folder.glob("revisit-*.txt")])[:4]
    (tmp_path / "in").mkdir()
    for p in letters:
        shutil.copy(p, tmp_path / "in" / p.name)
    db = tmp_path / "db"
    first = build_store([tmp_path / "in"], db, jobs=1)
    assert sorted(first.added) == [p.name for p in letters] and not first.revalidated
    before = v.validate_store(db)
    assert before.results  # the fictional areas have no GSS code: warnings, stored

    monkeypatch.setattr(v, "shapes_fingerprint", lambda: "other-shapes")
    store = open_store(db, create=False)
    docs = [
        g for g, (_, _, kind) in store.manifest().items() if kind not in ("validation", "statistics", "links", "themes")
    ]
    assert len(docs) == 4 and all(v._stored_findings(store, g, store.manifest(), "other-shapes") is None for g in docs)
    del store
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert "4 unchanged" in result.stderr and "4 stored documents validated again" in result.stderr
    store = open_store(db, create=False)
    assert all(v._stored_findings(store, g, store.manifest(), "other-shapes") is not None for g in docs)
    del store
    after = v.validate_store(db)
    assert after.results == before.results and (after.documents, after.triples) == (before.documents, before.triples)
    again = build_store([tmp_path / "in"], db, jobs=1)
    assert not again.revalidated and not again.changed
