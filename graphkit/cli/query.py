"""Commands for asking the graph: queries (list the named ones), query (run one), themes (review codings)."""

from __future__ import annotations

import sys

import click

from graphkit.cli.app import _guard, main
from graphkit.errors import UsageError


@main.command("queries")
@_guard
def queries_cmd() -> None:
    """List the named queries: name, what each answers, and its parameters."""
    from graphkit.ask.query import list_queries

    qs = list_queries()
    width = max(len(q.name) for q in qs)
    for q in qs:
        params = " ".join(f"{p.name}={p.default or '…'}" for p in q.params)
        click.echo(f"{q.name.ljust(width)}  {q.purpose}" + (f"  [--param {params}]" if params else ""))


def _parse_params(items: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param {item}", "expected key=value", "Write e.g. --param area=Bury")
        out[key.strip()] = value
    return out


@main.command("query")
@click.argument("name")
@click.option("--db", type=click.Path(file_okay=False), help="A store built by graphkit build.")
@click.option("--graph", type=click.Path(dir_okay=False), help="A graph file (.trig .nq .ttl .nt .jsonld).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Bind a query parameter (repeatable).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="table fits the terminal; csv/tsv for spreadsheets; json is SPARQL 1.1 Query Results JSON.",
)
@_guard
def query_cmd(name: str, db: str | None, graph: str | None, params: tuple[str, ...], fmt: str) -> None:
    """Run a named query (see graphkit queries) or a .rq file on the graph, parameters bound safely."""
    from graphkit.ask.query import load_query, render, run_query
    from graphkit.store.db import open_source

    q = load_query(name)  # an unknown name fails before the store is opened
    table = run_query(open_source(db=db, graph=graph), q, _parse_params(params))
    click.echo(render(table, fmt), nl=False)
    if fmt == "table":
        click.echo(f"{len(table.rows)} rows", err=True)


@main.group("themes")
def themes_group() -> None:
    """Review the theme codings of weaknesses, priority actions and areas for improvement."""


@themes_group.command("export")
@click.option("--db", required=True, type=click.Path(file_okay=False), help="A store built by graphkit build.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="CSV file to write.")
@_guard
def themes_export(db: str, output: str) -> None:
    """Write every coding to a CSV: fill the decision column with accept or reject, then import it."""
    from graphkit.graph.themes import export_codings
    from graphkit.store.db import open_store

    n = export_codings(open_store(db, create=False, read_only=True), output)
    click.echo(
        f"Wrote {output}: {n} codings. Fill in 'decision' (accept/reject), then: graphkit themes import", err=True
    )


@themes_group.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False))
@click.option("--db", required=True, type=click.Path(file_okay=False), help="A store built by graphkit build.")
@click.option("--by", default=None, help="Who decides (default: the login name).")
@_guard
def themes_import(csv_file: str, db: str, by: str | None) -> None:
    """Record the decisions in a reviewed CSV (kept across builds) and recode the themes."""
    from graphkit.graph.themes import import_decisions
    from graphkit.store.db import open_store, writing

    with writing(db):
        accepted, rejected = import_decisions(open_store(db, create=False), csv_file, by=by)
    click.echo(f"{db}: recorded {accepted} accepted and {rejected} rejected codings", err=True)
    sys.exit(0)
