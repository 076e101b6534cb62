"""graphkit publish against a real Oxigraph server (``oxigraph serve``) started here."""

from __future__ import annotations

import json
import shutil
import socket
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.share.publish import LocalOxigraphServer
from graphkit.store.db import load_graph_file, open_store

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


class Server(LocalOxigraphServer):
    """The real server, plus what the tests read back from it."""

    def counts(self) -> dict[str, int]:
        q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        req = urllib.request.Request(
            self.base + "/query",
            data=urllib.parse.urlencode({"query": q}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        data = json.loads(urllib.request.urlopen(req, timeout=10).read())
        return {b["g"]["value"]: int(b["n"]["value"]) for b in data["results"]["bindings"]}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    if not OXIGRAPH.exists() and shutil.which("oxigraph") is None:
        pytest.fail("the oxigraph CLI (pip package oxigraph, a test extra) is not installed")
    srv = Server(tmp_path / "server")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graphkit.store.build import build_store

    path = tmp_path_factory.mktemp("publish") / "db"
    build_store([shared / "letters"], path, jobs=1)
    graph = path.parent / "send.trig"
    open_store(path, create=False).dump(graph)
    return graph  # a graph file: each command loads it in memory, no store lock held between them


def _local_counts(db: Path) -> dict[str, int]:
    store = load_graph_file(db)
    return {g: store.graph_count(g) for g in store.named_graphs()}


def _publish(db: Path, server: Server, *extra: str) -> object:
    return CliRunner().invoke(main, ["publish", "--graph", str(db), "--endpoint", server.base + "/store", *extra])


def test_publish_twice_same_counts(db: Path, server: Server) -> None:
    local = _local_counts(db)
    r = _publish(db, server)
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    assert f"Published {len(local)} graphs, {sum(local.values())} triples" in r.stderr  # type: ignore[attr-defined]
    assert "triples/s" in r.stderr and "[1/" in r.stderr  # type: ignore[attr-defined]
    assert server.counts() == local
    assert any(g.endswith("/graph/statistics") for g in local)
    r = _publish(db, server)
    assert r.exit_code == 0  # type: ignore[attr-defined]
    assert server.counts() == local  # PUT replaces: nothing doubled


def test_dry_run_sends_nothing_and_prefix(db: Path, server: Server) -> None:
    r = _publish(db, server, "--dry-run", "--graph-prefix", "https://example.org/g/")
    assert r.exit_code == 0 and "Dry run: would publish" in r.stderr  # type: ignore[attr-defined]
    assert "<https://example.org/g/statistics>" in r.stderr  # type: ignore[attr-defined]
    assert server.counts() == {}


def test_credentials_never_printed(db: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHKIT_USER", "alice")
    monkeypatch.setenv("GRAPHKIT_PASSWORD", "s3cret-pw")
    r = _publish(db, server, "--dry-run")
    assert r.exit_code == 0 and "s3cret-pw" not in r.output + r.stderr  # type: ignore[attr-defined]


def test_server_stopped_mid_publish_then_restarted(db: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphkit.share.publish as pub

    real_put = pub._put
    calls = {"n": 0}

    def put_then_stop(*args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            server.stop()
        return real_put(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pub, "_put", put_then_stop)
    r = _publish(db, server)
    assert r.exit_code == 2  # type: ignore[attr-defined]
    err = r.stderr.strip().splitlines()[-1]  # type: ignore[attr-defined]
    assert err.startswith(f"Error: {server.base}/store: connection refused"), err
    assert "Traceback" not in r.output  # type: ignore[attr-defined]
    monkeypatch.setattr(pub, "_put", real_put)
    server.start()
    r = _publish(db, server)
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    assert server.counts() == _local_counts(db)


def test_http_4xx_is_one_line_with_the_servers_message(db: Path, server: Server) -> None:
    r = CliRunner().invoke(main, ["publish", "--graph", str(db), "--endpoint", server.base + "/query"])
    assert r.exit_code == 2
    line = r.stderr.strip()
    assert line.startswith(f"Error: {server.base}/query: answered HTTP 4") and "\n" not in line, line


def test_refused_without_server(db: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = CliRunner().invoke(main, ["publish", "--graph", str(db), "--endpoint", f"http://127.0.0.1:{port}/store"])
    assert r.exit_code == 2 and "connection refused" in r.stderr
