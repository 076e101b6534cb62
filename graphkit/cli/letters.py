"""Commands over letters and graph files: extract, show, validate."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from graphkit.cli.app import _guard, main, timeout_option
from graphkit.errors import GraphkitError

_PARTIAL_OPTION = click.option(
    "--partial",
    is_flag=True,
    help="Read a copy holding only part of a letter (no heading or title page, cut off): what it holds, "
    "marked partial in the graph, with a warning.",
)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _terminal_progress(total: int) -> Callable[[int, int, str], None] | None:
    """The build's progress line, for several documents read at a terminal (never when piped)."""
    if total < 2 or not _stderr_is_terminal():
        return None
    from graphkit.cli.graph import _ProgressBar

    return _ProgressBar()


def _read_each(
    files: tuple[str, ...], partial: bool, timeout: float | None = None
) -> tuple[list[tuple[Any, Any, Any]], int, int]:
    """Read every file and make its graph: (letter, graph name, graph) for each file read, how
    many failed and how many of those hit a bug in graphkit (one ``Error:`` line each on stderr).

    A file that takes longer than ``timeout`` seconds (reading and making its graph), or whose
    reading hits a bug, is reported (its traceback with --debug) and does not stop the others; a
    bug is said to be one (``internal error in graphkit``). A partial copy read with ``partial``
    gets a ``Warning:`` line, as does what was read but left out.
    """
    from graphkit.errors import explain
    from graphkit.pipeline import letter_graph, read_letter, time_limit

    debug = bool(click.get_current_context().find_root().params.get("debug"))
    read, failed, bugs = [], 0, 0
    progress = _terminal_progress(len(files))
    for i, f in enumerate(files, 1):
        if progress:
            progress(i, len(files), Path(f).name)
        try:
            with time_limit(timeout, f):
                letter = read_letter(f, partial=partial)
                name, g = letter_graph(letter)
        except Exception as exc:
            if debug:
                traceback.print_exc()
            err = explain(exc, f)
            click.echo(f"Error: {err.line()}", err=True)
            failed += 1
            bugs += err.exit_code == 3
            continue
        for warning in letter.extraction.warnings:
            click.echo(f"Warning: {letter.name}: {warning}", err=True)
        if letter.extraction.partial:
            click.echo(f"Warning: {letter.name}: read as a partial copy: {letter.extraction.partial}.", err=True)
        read.append((letter, name, g))
    return read, failed, bugs


def _exit_for(read: int, failed: int, bugs: int = 0) -> None:
    """Exit 3 when an input hit a bug in graphkit (whatever else happened: a bug must not pass for
    a bad input), else 2 when no input could be read, 1 when some could not, else carry on (0)."""
    if bugs:
        sys.exit(3)
    if failed:
        sys.exit(2 if not read else 1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Graph file to write: .ttl .trig .nq .jsonld (format from the suffix).",
)
@_PARTIAL_OPTION
@timeout_option
@_guard
def extract(files: tuple[str, ...], output: str, partial: bool, timeout: float) -> None:
    """Read letters or reports (.txt, .pdf) and write their graph to OUTPUT.

    One named graph per document (in .trig, .nq and .jsonld; .ttl holds their union). An input
    that cannot be read gets one error line and is left out: exit 1 if some inputs failed, 2
    (nothing written) if none could be read, 3 if one hit a bug in graphkit.
    """
    from graphkit.store.files import add_graph, format_for, new_dataset, write_dataset

    format_for(output)  # check the suffix before any work
    letters, failed, bugs = _read_each(files, partial, timeout)
    if letters:
        ds = new_dataset()
        for letter, name, g in letters:
            if letter.extraction.kind == "other":
                click.echo(
                    f"Warning: {letter.name}: not an inspection letter: {'; '.join(letter.extraction.notes)}",
                    err=True,
                )
            add_graph(ds, name, g)
        write_dataset(ds, output)
        click.echo(
            f"Wrote {output}: {len(letters)} documents, {len(ds)} triples"
            + (f" ({failed} input{'s' if failed > 1 else ''} could not be read)." if failed else "."),
            err=True,
        )
    _exit_for(len(letters), failed, bugs)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one letter summary per document.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(),
    default=None,
    help="Also write a review page: the document's text with every fact read from it highlighted "
    "(OUT.html for one document, else a folder of pages).",
)
@_PARTIAL_OPTION
@timeout_option
@_guard
def show(files: tuple[str, ...], as_json: bool, html_out: str | None, partial: bool, timeout: float) -> None:
    """Show what the graph holds for each letter or report, read back from it by SPARQL.

    An input that cannot be read gets one error line on stderr; the others are shown (with --json,
    the list of those read). Exit 1 if some inputs failed, 2 if none could be read, 3 if one hit
    a bug in graphkit.
    """
    from graphkit.ask.show import render_summary, summarise_graph

    letters, failed, bugs = _read_each(files, partial, timeout)
    summaries = []
    graphs = []
    for letter, name, g in letters:
        s = summarise_graph(g, letter.iri)
        summaries.append(s)
        graphs.append((name, g))
    if html_out and graphs:
        from graphkit.share.site import store_of_graphs, write_review_pages

        pages = write_review_pages(store_of_graphs(graphs), html_out)
        click.echo(f"Wrote {', '.join(str(p) for p in pages)}", err=True)
    if as_json and (summaries or not failed):
        click.echo(json.dumps(summaries, ensure_ascii=False, indent=2))
    elif summaries:
        click.echo("\n\n".join(render_summary(s) for s in summaries))
    _exit_for(len(letters), failed, bugs)


def _render_result(r: Any) -> str:
    """One result on one line: severity, document, focus (path), message, quote, shape."""
    quote = ""
    if r.quote:
        q = r.quote if len(r.quote) <= 100 else r.quote[:97] + "..."
        quote = f" \u201c{q}\u201d"
    where = f"{r.document}: " if r.document else ""
    path = f" ({r.path})" if r.path else ""
    found = f" (found: {r.value})" if r.value and not r.quote else ""
    shape = r.shape.replace("https://w3id.org/graphkit/shapes#", "gksh:")
    return f"{r.severity.upper()}: {where}{r.focus}{path}: {r.message}{found}{quote} [{shape}]"


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--db", type=click.Path(file_okay=False), help="Validate the store built by graphkit build --db DIR.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per finding and a summary; json: one object for machines.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on violations.")
@_PARTIAL_OPTION
@timeout_option
@_guard
def validate(inputs: tuple[str, ...], db: str | None, fmt: str, strict: bool, partial: bool, timeout: float) -> None:
    """Check letters (.txt .pdf) or graphs (.ttl .trig .nq .jsonld) against graphkit's SHACL shapes.

    Letters are read and extracted first. Violations mean the graph is wrong; warnings that a
    letter looks incompletely read; infos are worth knowing. Exit codes: 0 conforms (warnings
    allowed unless --strict), 1 violations (or warnings with --strict), 2 an input could not be read.
    A letter that takes longer than --timeout is reported and left out; the others are validated
    (exit 2).
    """
    from graphkit.check.validate import validate_inputs
    from graphkit.errors import UsageError

    if not inputs and db is None:
        raise UsageError("validate", "nothing to validate", "Name letters or graph files, or pass --db DIR")
    timed_out: list[GraphkitError] = []
    report = validate_inputs(inputs, db=db, partial=partial, timeout=timeout, timed_out=timed_out)
    if fmt == "json":
        data = report.to_dict()
        data["conforms"] = report.conforms(strict)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for r in report.results:
            click.echo(_render_result(r))
        click.echo(f"Checked {report.summary()}.")
    for late in timed_out:
        click.echo(f"Error: {late.line()}", err=True)
    sys.exit(2 if timed_out else report.exit_code(strict))
