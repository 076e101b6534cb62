"""graphkit's command line: each command parses options, calls the library, renders, exits."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

from graphkit import __version__
from graphkit.errors import GraphkitError

F = TypeVar("F", bound=Callable[..., Any])


def _fail(exc: BaseException, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    if isinstance(exc, GraphkitError):
        click.echo(f"Error: {exc.line()}", err=True)
        sys.exit(exc.exit_code)
    click.echo(f"Error: {type(exc).__name__}: {exc}. Run again with --debug for the details.", err=True)
    sys.exit(2)


def _guard(fn: F) -> F:
    """Turn library errors into one line on stderr and exit code 2 (traceback with --debug)."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = bool(ctx.find_root().params.get("debug"))
        try:
            return fn(*args, **kwargs)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing was written.", err=True)
            sys.exit(130)
        except Exception as exc:
            _fail(exc, debug)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
def main(debug: bool) -> None:
    """graphkit: Ofsted/CQC local area SEND inspection letters and reports as one RDF knowledge graph."""


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
    from graphkit.store import add_graph, format_for, new_dataset, write_dataset

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
@_guard
def show(files: tuple[str, ...], as_json: bool) -> None:
    """Show what the graph holds for each letter or report, read back from it by SPARQL."""
    from graphkit.pipeline import letter_graph
    from graphkit.rdf import doc_iri
    from graphkit.show import render_summary, summarise_graph

    summaries = []
    for letter in _read_all(files):
        _, g = letter_graph(letter)
        s = summarise_graph(g, doc_iri(letter.name))
        summaries.append(s)
    if as_json:
        click.echo(json.dumps(summaries, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(render_summary(s) for s in summaries))


import graphkit.cli_query  # noqa: E402,F401  (registers queries, query, themes)
import graphkit.cli_share  # noqa: E402,F401  (registers export, publish)
from graphkit import cli_graph  # noqa: E402,F401  (registers build, reconcile, people)

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
@_guard
def validate(inputs: tuple[str, ...], db: str | None, fmt: str, strict: bool) -> None:
    """Check letters (.txt .pdf) or graphs (.ttl .trig .nq .jsonld) against graphkit's SHACL shapes.

    Letters are read and extracted first. Violations mean the graph is wrong; warnings that a
    letter looks incompletely read; infos are worth knowing. Exit codes: 0 conforms (warnings
    allowed unless --strict), 1 violations (or warnings with --strict), 2 an input could not be read.
    """
    from graphkit.errors import UsageError
    from graphkit.validate import validate_inputs

    if not inputs and db is None:
        raise UsageError("validate", "nothing to validate", "Name letters or graph files, or pass --db DIR")
    report = validate_inputs(inputs, db=db)
    if fmt == "json":
        data = report.to_dict()
        data["conforms"] = report.conforms(strict)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for r in report.results:
            click.echo(_render_result(r))
        click.echo(f"Checked {report.summary()}.")
    sys.exit(report.exit_code(strict))


if __name__ == "__main__":  # pragma: no cover
    main()
