"""Commands over letters and graph files: extract, show, validate."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from graphkit.cli.app import _guard, main, timeout_option


def _read_all(files: tuple[str, ...]) -> list[Any]:
    from graphkit.pipeline import read_letter

    return [read_letter(f) for f in files]


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Graph file to write: .ttl .trig .nq .jsonld (format from the suffix).",
)
@_guard
def extract(files: tuple[str, ...], output: str) -> None:
    """Read letters or reports (.txt, .pdf) and write their graph to OUTPUT.

    One named graph per document (in .trig, .nq and .jsonld; .ttl holds their union).
    Nothing is written unless every input could be read.
    """
    from graphkit.pipeline import letter_graph
    from graphkit.store.files import add_graph, format_for, new_dataset, write_dataset

    format_for(output)  # check the suffix before any work
    letters = _read_all(files)
    ds = new_dataset()
    for letter in letters:
        if letter.extraction.kind == "other":
            click.echo(
                f"Warning: {letter.name}: not an inspection letter: {'; '.join(letter.extraction.notes)}", err=True
            )
        name, g = letter_graph(letter)
        add_graph(ds, name, g)
    write_dataset(ds, output)
    click.echo(f"Wrote {output}: {len(letters)} documents, {len(ds)} triples.", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one letter summary per document.")
@timeout_option
@_guard
def show(files: tuple[str, ...], as_json: bool, timeout: float) -> None:
    """Show what the graph holds for each letter or report, read back from it by SPARQL.

    A document that takes longer than --timeout is reported on stderr and left out; the others
    are shown, and the exit code is 2.
    """
    from graphkit.ask.show import render_summary, summarise_graph
    from graphkit.errors import TimeLimitError
    from graphkit.pipeline import letter_graph, read_letter, time_limit

    summaries = []
    timed_out: list[TimeLimitError] = []
    for f in files:
        try:
            with time_limit(timeout, f):
                letter = read_letter(f)
                for warning in letter.extraction.warnings:
                    click.echo(f"Warning: {letter.name}: {warning}", err=True)
                _, g = letter_graph(letter)
                summaries.append(summarise_graph(g, letter.iri))
        except TimeLimitError as exc:
            timed_out.append(exc)
    for late in timed_out:
        click.echo(f"Error: {late.line()}", err=True)
    if as_json:
        click.echo(json.dumps(summaries, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(render_summary(s) for s in summaries))
    if timed_out:
        sys.exit(2)


# --- validate (issue 4) -------------------------------------------------------------------


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
@timeout_option
@_guard
def validate(inputs: tuple[str, ...], db: str | None, fmt: str, strict: bool, timeout: float) -> None:
    """Check letters (.txt .pdf) or graphs (.ttl .trig .nq .jsonld) against graphkit's SHACL shapes.

    Letters are read and extracted first. Violations mean the graph is wrong; warnings that a
    letter looks incompletely read; infos are worth knowing. Exit codes: 0 conforms (warnings
    allowed unless --strict), 1 violations (or warnings with --strict), 2 an input could not be read.
    A letter that takes longer than --timeout is reported and left out; the others are validated
    (exit 2).
    """
    from graphkit.check.validate import validate_inputs
    from graphkit.errors import GraphkitError, UsageError

    if not inputs and db is None:
        raise UsageError("validate", "nothing to validate", "Name letters or graph files, or pass --db DIR")
    timed_out: list[GraphkitError] = []
    report = validate_inputs(inputs, db=db, timeout=timeout, timed_out=timed_out)
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
