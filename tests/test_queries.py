"""Named queries on the graph built from ../shared/letters plus the statistics; themes coding and review."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.ask.query import Table, list_queries, load_query, render, run_query
from graphkit.cli import main
from graphkit.errors import UsageError
from graphkit.graph.themes import STATEMENT_CLASSES, THEMES_GRAPH, load_themes
from graphkit.store.build import build_store
from graphkit.store.db import GraphStore, open_store

GK = "https://w3id.org/graphkit/def#"
ID = "https://w3id.org/graphkit/id/"


@pytest.fixture(scope="module")
def db(built_store: Path) -> Path:
    return built_store


@pytest.fixture(scope="module")
def store(db: Path) -> GraphStore:
    return open_store(db, create=False)


@pytest.fixture(scope="module")
def graph_file(store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built graph as a file: CLI tests read it with --graph (the store stays open above)."""
    path = tmp_path_factory.mktemp("qgraph") / "send.trig"
    store.dump(path)
    return path


def _rows(store: GraphStore, name: str, **params: str) -> list[dict[str, str | None]]:
    return run_query(store, name, params).dicts()


def test_at_least_15_named_queries_with_headers() -> None:
    qs = list_queries()
    assert len(qs) >= 15
    for q in qs:
        assert q.purpose, q.name
        assert q.columns, q.name
        assert q.text.lstrip().startswith("#"), q.name


def test_every_named_query_runs(store: GraphStore) -> None:
    allowed_empty = {"validation-warnings"}  # empty until validation results are stored in the graph
    for q in list_queries():
        table = run_query(store, q.name)
        assert table.columns == list(q.columns), f"{q.name}: header columns differ from the query's"
        assert table.rows or q.name in allowed_empty, f"{q.name} returned no rows"


def test_bury_history(store: GraphStore) -> None:
    rows = {r["kind"]: r for r in _rows(store, "area-history", area="Bury")}
    initial, revisit, report = rows["initial inspection"], rows["revisit"], rows["area SEND inspection"]
    assert initial["inspection"] == f"{ID}inspection/bury/initial/2017-06"
    assert initial["wsoaRequired"] == "true" and initial["weaknessCount"] == "8"
    assert revisit["start"] == "2019-05-13" and revisit["revisitResult"] == "some"
    assert report["outcome"] == "widespread_failings" and report["priorityActions"] == "6"
    assert report["documents"] == "bury-area-send-2024-02.pdf"
    assert [r["start"] for r in _rows(store, "area-history", area="bury")][0] == "2017-06-12"  # slug, any case


def test_middlesbrough_history(store: GraphStore) -> None:
    rows = {r["kind"]: r for r in _rows(store, "area-history", area="MIDDLESBROUGH")}
    assert rows["revisit"]["inspection"] == f"{ID}inspection/middlesbrough/revisit/2019-07"
    assert rows["revisit"]["sufficientVerdicts"] == "4" and rows["revisit"]["revisitResult"] == "all"
    assert rows["initial inspection"]["weaknessesListed"] == "4"


def test_wsoa_and_revisits(store: GraphStore) -> None:
    wsoa = _rows(store, "wsoa-areas")
    stockton = [r for r in wsoa if r["area"] == "Stockton-on-Tees"]
    assert len(stockton) == 4 and stockton[0]["weakness"].startswith("coproduction, engagement")
    assert len({r["area"] for r in wsoa}) == 82  # the statistics: 82 of 149 areas needed a WSoA
    bury = [r for r in _rows(store, "revisit-results") if r["area"] == "Bury"]
    assert bury == [bury[0]] and bury[0]["statisticsResult"] == "some"
    assert (bury[0]["statsImproved"], bury[0]["statsNotImproved"]) == ("5", "3")
    days = {r["area"]: r["days"] for r in _rows(store, "days-to-revisit")}
    assert days["Bury"] == "700"  # 12 June 2017 to 13 May 2019
    change = {r["area"]: r["change"] for r in _rows(store, "wsoa-then-2023")}
    assert change["Bury"].startswith("worse") and change["Haringey"].startswith("better")


def test_2023_queries(store: GraphStore) -> None:
    regions = {r["region"]: r for r in _rows(store, "outcomes-by-region")}
    assert "North West" in regions and "North East, Yorkshire and the Humber" not in regions
    bodies = {r["responsible"]: int(r["priorityActions"] or 0) for r in _rows(store, "priority-actions-by-body")}
    assert sum(bodies.values()) == 24 and bodies["both council and ICB"] >= 20
    bury = _rows(store, "area-priority-actions", area="Bury")
    assert sum(r["kind"] == "priority action" for r in bury) == 6
    leads = {(r["name"], r["area"]) for r in _rows(store, "lead-inspectors")}
    assert ("Adam Sproston", "Bury") in leads
    several = {r["name"]: int(r["areas"] or 0) for r in _rows(store, "people-in-several-areas")}
    assert several and min(several.values()) >= 2
    assert all(int(r["areas"] or 0) >= 5 for r in _rows(store, "people-in-several-areas", min="5"))


def test_node_and_disagreements(store: GraphStore) -> None:
    rows = _rows(store, "node", node="gkid:inspection/bury/area-send/2024-02")
    start = [r for r in rows if r["property"] == f"{GK}startDate"]
    assert start and start[0]["value"] == "2024-02-12" and start[0]["quote"] and start[0]["document"]
    dis = _rows(store, "disagreements")
    assert {(r["area"], r["what"]) for r in dis} >= {("Brighton and Hove", "previous inspection start date")}


def test_injection_is_a_literal(store: GraphStore) -> None:
    before = len(store)
    evil = 'x" } ; DROP ALL ; #'
    assert run_query(store, "theme-statements", {"theme": evil}).rows == []
    with pytest.raises(UsageError, match="no area of that name"):  # an area is resolved first: unknown
        run_query(store, "area-history", {"area": evil})
    assert len(store) == before
    with pytest.raises(UsageError):
        run_query(store, "node", {"node": "not an iri <>"})
    with pytest.raises(UsageError):
        run_query(store, "area-history", {"nope": "1"})


def test_parameters_reach_the_sub_selects_that_use_them() -> None:
    from graphkit.ask.query import NamedQuery, Param, bind_params

    text = 'SELECT * WHERE { { SELECT ?t WHERE { ?t ?p ?theme } } ?t ?q ?area . FILTER(?x != "WHERE { ?area }") }'
    q = NamedQuery("t", Path("t.rq"), "", "", (Param("area", None), Param("theme", None)), (), text)
    bound = bind_params(q, {"area": "Bury", "theme": "x"})
    assert bound.startswith('SELECT * WHERE { VALUES (?area ?theme) { ("Bury" "x") }')
    assert '{ SELECT ?t WHERE { VALUES (?theme) { ("x") }\n ?t ?p ?theme } }' in bound
    assert bound.count("VALUES") == 2  # the string mentioning WHERE is not a group


def test_unknown_query_suggests(graph_file: Path) -> None:
    res = CliRunner().invoke(main, ["query", "area-histroy", "--graph", str(graph_file)])
    assert res.exit_code == 2
    assert 'Did you mean "area-history"?' in res.stderr and res.stderr.count("\n") == 1
    with pytest.raises(UsageError):
        load_query("no-such-query-at-all")


def test_cli_formats(store: GraphStore, graph_file: Path) -> None:
    db = graph_file
    runner = CliRunner()
    res = runner.invoke(main, ["query", "area-history", "--graph", str(db), "--param", "area=Bury", "--format", "json"])
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert "inspection" in doc["head"]["vars"] and doc["results"]["bindings"][0]["inspection"]["type"] == "uri"
    res = runner.invoke(main, ["query", "outcomes-by-region", "--graph", str(db), "--format", "csv"])
    assert res.stdout.splitlines()[0] == "region,positive,inconsistent,widespreadFailings,inspections"
    res = runner.invoke(main, ["query", "themes", "--graph", str(db), "--format", "tsv"])
    assert res.stdout.startswith("notation\t")  # plain: no SPARQL "?" names or typed terms
    assert "^^" not in res.stdout and "https://w3id.org" not in res.stdout
    res = runner.invoke(main, ["queries"])
    assert res.exit_code == 0 and "area-history" in res.stdout and "area=Middlesbrough" in res.stdout
    table = run_query(store, "wsoa-areas")
    assert all(len(line) <= 60 for line in render(table, "table", width=60).splitlines())
    assert render(Table(["a"], []), "csv") == "a\n"


def test_every_statement_has_a_theme(store: GraphStore) -> None:
    values = " ".join(f"<{GK}{c}>" for c in STATEMENT_CLASSES)
    q = f"""SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {values} }} ?s a ?c ; <{GK}statementText> ?t .
            FILTER NOT EXISTS {{ GRAPH <{THEMES_GRAPH}> {{ ?s <{GK}theme> ?th }} }} }}"""
    assert list(store.query(q)) == []  # type: ignore[arg-type]
    n = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?s a ?c }}"
    assert int(next(iter(store.query(n)))["n"].value) == 122  # type: ignore[index,arg-type,call-overload]
    assert 15 <= len(load_themes()) <= 25


def _theme_counts_by_join(store: GraphStore) -> dict[str, tuple[int, ...]]:
    """What the counts kept on each theme mean, computed the long way: every coding joined with its
    statement's class; a weakness quoted by a revisit (gk:quotesWeakness) not counted again."""
    q = f"""SELECT ?n (COUNT(DISTINCT ?w) AS ?nw) (COUNT(DISTINCT ?pa) AS ?npa) (COUNT(DISTINCT ?afi) AS ?nafi)
          (SUM(IF(?m = "cue", 1, 0)) AS ?ncue) (SUM(IF(?m = "fallback", 1, 0)) AS ?nfb)
          (SUM(IF(?m = "reviewer", 1, 0)) AS ?nrev) WHERE {{
        GRAPH <{THEMES_GRAPH}> {{ ?c <{GK}codedStatement> ?s ; <{GK}theme> ?t ; <{GK}codingMethod> ?m .
                                 ?t <http://www.w3.org/2004/02/skos/core#notation> ?n }}
        {{ SELECT DISTINCT ?s ?cls WHERE {{ GRAPH ?g {{ ?s a ?cls }} }} }}
        FILTER (?cls IN (<{GK}SignificantWeakness>, <{GK}PriorityAction>, <{GK}AreaForImprovement>))
        OPTIONAL {{ GRAPH <{ID}graph/links> {{ ?s <{GK}quotesWeakness> ?x }} }}
        BIND (IF(?cls = <{GK}SignificantWeakness> && !BOUND(?x), ?s, ?none) AS ?w)
        BIND (IF(?cls = <{GK}PriorityAction>, ?s, ?none) AS ?pa)
        BIND (IF(?cls = <{GK}AreaForImprovement>, ?s, ?none) AS ?afi)
      }} GROUP BY ?n"""
    names = ("nw", "npa", "nafi", "ncue", "nfb", "nrev")
    return {r["n"].value: tuple(int(r[k].value) for k in names) for r in store.query(q)}  # type: ignore[index,union-attr]


def _theme_counts_kept(store: GraphStore) -> dict[str, tuple[int, ...]]:
    cols = ("weaknesses", "priorityActions", "improvements", "byCue", "byFallback", "byReviewer")
    return {
        r["notation"]: tuple(int(r[c] or 0) for c in cols)  # type: ignore[arg-type]
        for r in _rows(store, "themes")
        if any(int(r[c] or 0) for c in cols)  # type: ignore[arg-type]
    }


def test_theme_counts_kept_on_each_theme_match_the_codings(store: GraphStore) -> None:
    kept = _theme_counts_kept(store)
    assert kept == _theme_counts_by_join(store)
    # ../shared/letters hold no revisit of an initial letter among them, so every coding counts
    # once by kind and once by method; both frameworks' statements are there
    assert sum(sum(v[:3]) for v in kept.values()) == sum(sum(v[3:]) for v in kept.values())
    assert all(sum(v[i] for v in kept.values()) > 0 for i in (0, 1, 2, 3))


def test_theme_counts_do_not_count_a_quoted_weakness_again() -> None:
    from graphkit.graph.themes import Coding, theme_counts

    initial, quoted, action = f"{ID}w/initial", f"{ID}w/quoted", f"{ID}pa/1"
    t, u = f"{ID}theme/a", f"{ID}theme/b"
    codings = [
        Coding(initial, t, ("cue",), "cue", kind="SignificantWeakness"),
        Coding(quoted, t, (), "fallback", kind="SignificantWeakness"),
        Coding(action, t, (), "reviewer", f"{ID}decision/1", kind="PriorityAction"),
        Coding(action, u, ("cue",), "cue", kind="PriorityAction"),
    ]
    got = theme_counts(codings, quoting=[quoted])
    assert got[t] == {
        "weaknessCount": 1,
        "priorityActionCount": 1,
        "improvementCount": 0,
        "cueCodingCount": 1,
        "fallbackCodingCount": 1,
        "reviewerCodingCount": 1,
    }
    assert got[u]["priorityActionCount"] == 1 and got[u]["cueCodingCount"] == 1
    assert theme_counts(codings)[t]["weaknessCount"] == 2


def test_theme_review_round_trip(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "store"
    build_store([shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf"], db)
    out = tmp_path / "codings.csv"
    runner = CliRunner()
    res = runner.invoke(main, ["themes", "export", "--db", str(db), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    target = rows[0]
    target["decision"] = "reject"
    added = dict(target, theme="workforce-training", decision="accept")
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows([target, added])
    res = runner.invoke(main, ["themes", "import", str(out), "--db", str(db), "--by", "Ada Reviewer"])
    assert res.exit_code == 0, res.stderr

    def themes_of(s: str) -> set[str]:
        st = open_store(db, create=False)
        q = f"SELECT ?t WHERE {{ GRAPH <{THEMES_GRAPH}> {{ <{s}> <{GK}theme> ?t }} }}"
        return {r["t"].value.rsplit("/", 1)[-1] for r in st.query(q)}  # type: ignore[index,union-attr]

    s = target["statement"]
    assert target["theme"] not in themes_of(s) and "workforce-training" in themes_of(s)
    st = open_store(db, create=False)
    kept = _theme_counts_kept(st)
    assert kept == _theme_counts_by_join(st) and kept["workforce-training"][5] == 1  # one reviewer coding
    who = f"""SELECT ?who WHERE {{ GRAPH <{ID}graph/decisions> {{ ?d <{GK}accepted> false ;
              <http://purl.org/dc/terms/creator> ?who ; <http://www.w3.org/ns/prov#endedAtTime> ?t }} }}"""
    assert [r["who"].value for r in st.query(who)] == ["Ada Reviewer"]  # type: ignore[index,union-attr]
    del st
    # a later build (statistics change forces a relink and recode) keeps the people's decisions
    build_store([shared / "letters" / "2023-framework" / "bolton-area-send-2024-06.pdf"], db)
    assert target["theme"] not in themes_of(s) and "workforce-training" in themes_of(s)
