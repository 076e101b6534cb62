"""Commands for asking the graph: queries (list the named ones), query (run one), area (an area's story),
themes (review codings)."""

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
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Bind a query parameter (repeatable); areas, bodies and people by the names people use.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xlsx"]),
    default="table",
    show_default=True,
    help="table fits the terminal; csv/tsv plain values; xlsx a spreadsheet (with -o); json is SPARQL 1.1 Query Results JSON.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (needed for xlsx).")
@click.option(
    "--sources",
    type=click.Path(dir_okay=False),
    help="query areas: a CSV of file,url,published giving each document's report link and publication date.",
)
@_guard
def query_cmd(
    name: str,
    db: str | None,
    graph: str | None,
    params: tuple[str, ...],
    fmt: str,
    output: str | None,
    sources: str | None,
) -> None:
    """Run a named query (see graphkit queries) or a .rq file on the graph, parameters bound safely."""
    from graphkit.ask.query import load_query, render, run_query, typed
    from graphkit.store.db import open_source

    if fmt == "xlsx" and not output:
        raise UsageError("--format xlsx", "a spreadsheet is written to a file", "Pass -o FILE.xlsx")
    if output and fmt == "xlsx":
        if not output.lower().endswith(".xlsx"):
            raise UsageError(output, "a spreadsheet needs the .xlsx suffix", "Name the output FILE.xlsx")
    if name == "areas":
        _areas_cmd(db, graph, params, fmt, output, sources)
        return
    if sources:
        raise UsageError("--sources", "only the areas query takes a sources CSV", "Drop --sources")
    q = load_query(name)  # an unknown name fails before the store is opened
    table = run_query(open_source(db=db, graph=graph), q, _parse_params(params))
    if fmt == "xlsx":
        from graphkit.ask.xlsx import write_xlsx

        write_xlsx([(q.name, table.columns, [[typed(v) for v in r] for r in table.rows])], output or "")
        click.echo(f"Wrote {output}: {len(table.rows)} rows", err=True)
        return
    _deliver(render(table, fmt), output, fmt, f"{len(table.rows)} rows")


def _deliver(text: str, output: str | None, fmt: str, count: str) -> None:
    """A rendered table to OUTPUT (written whole or not at all) or to stdout; the count on stderr
    (for a file, and for a table on a terminal)."""
    if output:
        from graphkit.store.files import atomic_file

        with atomic_file(output) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        click.echo(f"Wrote {output}: {count}", err=True)
        return
    click.echo(text, nl=False)
    if fmt == "table":
        click.echo(count, err=True)


def _areas_cmd(
    db: str | None, graph: str | None, params: tuple[str, ...], fmt: str, output: str | None, sources: str | None
) -> None:
    """graphkit query areas: one row per local area, built by graphkit.ask.areas."""
    from graphkit.ask.areas import area_rows, areas_table, read_sources
    from graphkit.store.db import open_source

    if params:
        raise UsageError("--param", "the areas query takes no parameters", "Drop --param")
    extra = read_sources(sources) if sources else None
    rows = area_rows(open_source(db=db, graph=graph), sources=extra)
    columns, values = areas_table(rows)
    if fmt == "xlsx":
        from graphkit.ask.xlsx import write_xlsx

        write_xlsx([("areas", columns, values)], output or "")
        click.echo(f"Wrote {output}: {len(values)} areas", err=True)
        return
    from graphkit.ask.areas import render_areas

    _deliver(render_areas(columns, values, rows, fmt), output, fmt, f"{len(values)} areas")


@main.command("area")
@click.argument("name")
@click.option("--db", type=click.Path(file_okay=False), help="A store built by graphkit build.")
@click.option("--graph", type=click.Path(dir_okay=False), help="A graph file (.trig .nq .ttl .nt .jsonld).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "json", "html"]),
    default="text",
    show_default=True,
    help="text for the terminal, md (Markdown), json, or html (one page that prints well).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@_guard
def area_cmd(name: str, db: str | None, graph: str | None, fmt: str, output: str | None) -> None:
    """An area's whole story, in order and in words, every statement with its quote and source.

    NAME is any name of the area ("Bury", "Hull", "County Durham", a GSS or DfE code).
    """
    from graphkit.ask.area import area_story, render_story
    from graphkit.store.db import open_source

    text = render_story(area_story(open_source(db=db, graph=graph), name), fmt)
    if output:
        from graphkit.store.files import atomic_file

        with atomic_file(output) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        click.echo(f"Wrote {output}", err=True)
        return
    click.echo(text, nl=False)


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
