"""Commands to see and share the graph: export, publish, ontology."""

from __future__ import annotations

import click

from graphkit.cli.app import _guard, main

_SOURCE_HELP_DB = "A store built by graphkit build."
_SOURCE_HELP_GRAPH = "A graph file (.trig .nq .ttl .nt .jsonld) instead of a store."


@main.command()
@click.option("--db", type=click.Path(file_okay=False), help=_SOURCE_HELP_DB)
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False), help=_SOURCE_HELP_GRAPH)
@click.option(
    "--to",
    "fmt",
    required=True,
    type=click.Choice(["graphml", "gexf", "cytoscape", "node-link", "dot", "csv", "html", "xlsx", "site"]),
    help="File format (html: one self-contained page that opens offline; xlsx: nodes and edges sheets; site: a "
    "folder of linked pages - a hex map of the areas, each area's story, themes, people, bodies, and every "
    "document with its facts highlighted - that opens offline).",
)
@click.option(
    "--view",
    type=click.Choice(["full", "people", "areas", "themes"]),
    default=None,
    help="full: everything; people: people-inspections-areas; areas: areas-inspections-outcomes/weaknesses; "
    "themes: areas-themes weighted by count. Default: areas (labelled) for html, full for the other formats; "
    "the site shows everything.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="File to write. For csv: OUT ending in .csv is a prefix (OUT.nodes.csv, OUT.edges.csv), "
    "anything else a folder (OUT/nodes.csv, OUT/edges.csv).",
)
@_guard
def export(db: str | None, graph_file: str | None, fmt: str, view: str | None, output: str) -> None:
    """Export the graph for Gephi, yEd, Cytoscape, Graphviz, a spreadsheet or a browser."""
    from graphkit.share.export import write_export
    from graphkit.store.db import open_source

    if fmt == "site":
        from graphkit.share.site import write_site

        site = write_site(open_source(db=db, graph=graph_file), output)
        if site.off_map:
            click.echo(f"Warning: {len(site.off_map)} areas have no cell on the hex map (listed under it)", err=True)
        click.echo(
            f"Wrote {site.folder}/index.html: {site.pages} pages, {site.areas} areas, "
            f"{site.size / 1024:.0f} KiB in {site.seconds:.2f}s",
            err=True,
        )
        return

    view = view or ("areas" if fmt == "html" else "full")
    result = write_export(open_source(db=db, graph=graph_file), fmt, view, output)
    if result.note:
        click.echo(f"Warning: {result.note}", err=True)
    click.echo(
        f"Wrote {', '.join(str(p) for p in result.paths)}: {view} view, {result.nodes} nodes, {result.edges} edges, "
        f"{result.size / 1024:.0f} KiB in {result.seconds:.2f}s",
        err=True,
    )


@main.command()
@click.option("--db", type=click.Path(file_okay=False), help=_SOURCE_HELP_DB)
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False), help=_SOURCE_HELP_GRAPH)
@click.option(
    "--endpoint",
    required=True,
    help="SPARQL 1.1 Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph).",
)
@click.option(
    "--graph-prefix",
    default=None,
    metavar="IRI",
    help="Publish gkid:graph/<name> as <IRI><name> (default: graph names unchanged).",
)
@click.option("--dry-run", is_flag=True, help="List the graphs and triple counts; send nothing.")
@click.option("--user", envvar="GRAPHKIT_USER", default=None, help="HTTP basic user (or env GRAPHKIT_USER).")
@click.option(
    "--password", envvar="GRAPHKIT_PASSWORD", default=None, help="HTTP basic password (or env GRAPHKIT_PASSWORD)."
)
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds per request.")
@_guard
def publish(
    db: str | None,
    graph_file: str | None,
    endpoint: str,
    graph_prefix: str | None,
    dry_run: bool,
    user: str | None,
    password: str | None,
    timeout: float,
) -> None:
    """Send the graph to a SPARQL server, one named graph per document (HTTP PUT replaces it).

    Exit codes: 0 sent; 2 the server refused, was unreachable or kept failing (one line says why).
    """
    from graphkit.share.publish import publish_store
    from graphkit.store.db import open_source

    def progress(done: int, total: int, graph: str, n: int) -> None:
        verb = "would send" if dry_run else "sent"
        click.echo(f"[{done}/{total}] {verb} {n} triples to <{graph}>", err=True)

    store = open_source(db=db, graph=graph_file)
    report = publish_store(
        store,
        endpoint,
        graph_prefix=graph_prefix,
        dry_run=dry_run,
        user=user,
        password=password,
        timeout=timeout,
        progress=progress,
    )
    if dry_run:
        click.echo(
            f"Dry run: would publish {len(report.graphs)} graphs, {report.triples} triples to {endpoint}", err=True
        )
        return
    click.echo(
        f"Published {len(report.graphs)} graphs, {report.triples} triples to {endpoint} in {report.seconds:.2f}s "
        f"({report.rate:.0f} triples/s" + (f", {report.retries} retries" if report.retries else "") + ")",
        err=True,
    )


@main.command()
@click.option(
    "--html",
    "html_out",
    type=click.Path(),
    help="Write the reference page here: a .html file, or a folder (OUT/index.html). Needs pyLODE "
    "(pip install 'graphkit[docs]') and Graphviz's dot.",
)
@click.option(
    "--diagram",
    type=click.Path(dir_okay=False),
    help="Also write the diagram of the core classes (.svg, or .png).",
)
@_guard
def ontology(html_out: str | None, diagram: str | None) -> None:
    """The graph's vocabulary: where it is, and a reference page a SPARQL user can learn from.

    Without options: the ontology's files and how many terms they define. With --html: a page
    (made by pyLODE) of every class and property with its definition, domain, range and
    example, a diagram of the core classes drawn from the ontology, the concept schemes
    (outcomes, revisit results, roles, themes) and every SHACL shape with its message and
    severity. It opens offline.
    """
    from graphkit.errors import UsageError
    from graphkit.resources import resource_dir
    from graphkit.share.vocab import (
        iter_vocabulary_classes,
        load_ontology,
        property_coverage,
        write_reference,
    )

    if html_out is None:
        if diagram is not None:
            raise UsageError("--diagram", "is drawn with the reference page", "Add --html OUT")
        onto = load_ontology()
        with_both, total, _ = property_coverage(onto)
        folder = resource_dir("ontology")
        for f in sorted(folder.glob("*.ttl")):
            click.echo(str(f))
        click.echo(
            f"{len(list(iter_vocabulary_classes(onto)))} classes, {total} properties "
            f"({with_both} with domain and range); namespace https://w3id.org/graphkit/def# (gk:)"
        )
        return
    result = write_reference(html_out, diagram)
    click.echo(
        f"Wrote {result.html}: {result.terms} terms, {result.concepts} concepts, {result.shapes} shapes"
        + (f"; diagram {result.svg}" if result.svg else ""),
        err=True,
    )
