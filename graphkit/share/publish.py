"""Share the graph: SPARQL 1.1 Graph Store HTTP Protocol client (urllib only).

Each named graph (one per document, the statistics, the links ...) is sent with
``PUT <endpoint>?graph=<IRI>`` and an N-Triples body, which replaces that graph on the server:
publishing twice leaves the same triples. Oxigraph's endpoint is ``http://HOST:PORT/store``;
Fuseki's ``/DATASET/data``, GraphDB's ``/repositories/ID/rdf-graphs/service`` work the same way.

Timeouts and HTTP 5xx are retried with exponential backoff (bounded); HTTP 4xx and a refused
connection stop at once with :class:`PublishError` (the server's message, 200 characters).

>>> target_graph("https://w3id.org/graphkit/id/graph/bury-area-send-2024-02", "https://example.org/g/")
'https://example.org/g/bury-area-send-2024-02'
"""

from __future__ import annotations

import base64
import http.client
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graphkit.errors import GraphkitError
from graphkit.store.db import GraphStore

__all__ = ["PublishError", "PublishReport", "publish_store", "target_graph", "GRAPH_BASE", "LocalOxigraphServer"]

GRAPH_BASE = "https://w3id.org/graphkit/id/graph/"


class PublishError(GraphkitError):
    """The server could not be reached, refused the data, or kept failing."""


@dataclass
class PublishReport:
    """What was (or, with ``dry_run``, would be) sent."""

    endpoint: str
    graphs: list[tuple[str, int]] = field(default_factory=list)  # (target graph IRI, triples)
    seconds: float = 0.0
    dry_run: bool = False
    retries: int = 0

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0


def target_graph(graph: str, prefix: str | None) -> str:
    """The graph name on the server: ``prefix`` replaces graphkit's ``gkid:graph/`` base."""
    if prefix and graph.startswith(GRAPH_BASE):
        return prefix + graph[len(GRAPH_BASE) :]
    return graph


def _ntriples(store: GraphStore, graph: str) -> tuple[bytes, int]:
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    ]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return body, len(triples)


def _auth_header(user: str | None, password: str | None) -> dict[str, str]:
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    return {"Authorization": "Basic " + token}


def _put(
    endpoint: str,
    graph: str,
    body: bytes,
    headers: dict[str, str],
    timeout: float,
    attempts: int,
    backoff: float,
) -> int:
    """PUT one graph; returns the number of retries it took."""
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    retries = 0
    last = ""
    for attempt in range(attempts):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
            retries += 1
        req = urllib.request.Request(
            url, data=body, method="PUT", headers={"Content-Type": "application/n-triples", **headers}
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
            return retries
        except urllib.error.HTTPError as exc:
            text = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
            if exc.code < 500:
                hint = "Check --user/--password (or GRAPHKIT_USER/GRAPHKIT_PASSWORD)" if exc.code in (401, 403) else ""
                raise PublishError(endpoint, f"answered HTTP {exc.code}: {text or exc.reason}", hint) from None
            last = f"HTTP {exc.code}: {text or exc.reason}"
        except TimeoutError as exc:
            last = f"timed out ({exc})"
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ConnectionRefusedError):
                raise PublishError(
                    endpoint, "connection refused (is the SPARQL server running?)", "Start it, or check --endpoint"
                ) from None
            if isinstance(reason, (TimeoutError, ConnectionError)):
                last = f"{type(reason).__name__}: {reason}"
            else:
                raise PublishError(endpoint, f"cannot connect ({reason})", "Check --endpoint") from None
        except (ConnectionError, OSError) as exc:  # reset or closed mid-request
            last = f"{type(exc).__name__}: {exc}"
        except http.client.HTTPException as exc:  # an answer that is not HTTP: not a SPARQL server
            detail = " ".join(str(exc).split())[:120]
            raise PublishError(
                endpoint,
                f"answered with something that is not HTTP ({type(exc).__name__}{': ' + detail if detail else ''})",
                "Check that --endpoint is the URL of a SPARQL Graph Store endpoint",
            ) from None
    raise PublishError(
        endpoint, f"gave up on graph <{graph}> after {attempts} attempts ({last[:200]})", "Try again later"
    )


def _check_url(endpoint: str) -> None:
    """A one-line error for an endpoint URL that cannot be used (no host, a bad port, spaces …).

    >>> _check_url("http://127.0.0.1:7878/store")
    >>> _check_url("http://localhost:78x8/store")
    Traceback (most recent call last):
    graphkit.share.publish.PublishError: http://localhost:78x8/store: not a valid URL (the port is not a number from 0 to 65535). Pass e.g. --endpoint http://127.0.0.1:7878/store.
    """
    hint = "Pass e.g. --endpoint http://127.0.0.1:7878/store"
    try:
        parts = urllib.parse.urlsplit(endpoint)
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError as exc:
        reason = "the port is not a number from 0 to 65535" if "port" in str(exc).lower() else str(exc)
        raise PublishError(endpoint, f"not a valid URL ({reason})", hint) from None
    if not parts.hostname:
        raise PublishError(endpoint, "not a valid URL (no host name)", hint)
    if any(c.isspace() or ord(c) < 32 for c in endpoint):
        raise PublishError(endpoint, "not a valid URL (it holds white space or control characters)", hint)


def publish_store(
    store: GraphStore,
    endpoint: str,
    *,
    graph_prefix: str | None = None,
    dry_run: bool = False,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
    attempts: int = 4,
    backoff: float = 0.5,
    progress: Callable[[int, int, str, int], None] | None = None,
) -> PublishReport:
    """PUT every named graph of ``store`` to the Graph Store Protocol ``endpoint``."""
    if not endpoint.startswith(("http://", "https://")):
        raise PublishError(endpoint, "not an http(s) URL", "Pass e.g. --endpoint http://127.0.0.1:7878/store")
    _check_url(endpoint)
    report = PublishReport(endpoint, dry_run=dry_run)
    graphs = store.named_graphs()
    headers = _auth_header(user, password)
    t0 = time.perf_counter()
    for i, g in enumerate(graphs, 1):
        body, n = _ntriples(store, g)
        target = target_graph(g, graph_prefix)
        if not dry_run:
            report.retries += _put(endpoint, target, body, headers, timeout, attempts, backoff)
        report.graphs.append((target, n))
        if progress is not None:
            progress(i, len(graphs), target, n)
    report.seconds = time.perf_counter() - t0
    return report


class LocalOxigraphServer:
    """``oxigraph serve`` (pip package ``oxigraph``) on 127.0.0.1 and a free port, on a folder.

    A place to try ``graphkit publish`` without a server of one's own; the tests and benchmarks
    use it. ``start``/``stop`` may be repeated (the port is kept); also a context manager.
    """

    def __init__(self, location: Path) -> None:
        exe = Path(sys.executable).parent / "oxigraph"
        self.exe = str(exe) if exe.exists() else (shutil.which("oxigraph") or "oxigraph")
        self.location = location
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        """The Graph Store Protocol endpoint to pass to ``graphkit publish --endpoint``."""
        return self.base + "/store"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.exe, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace")[:500] if self.proc.stderr else ""
                raise RuntimeError(f"oxigraph serve exited: {err}")
            try:
                urllib.request.urlopen(self.base + "/query?query=ASK%7B%7D", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("oxigraph serve did not answer within 20 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def __enter__(self) -> LocalOxigraphServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
