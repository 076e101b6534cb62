"""graphkit's command line: each command parses options, calls the library, renders, exits."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

from graphkit import __version__

F = TypeVar("F", bound=Callable[..., Any])


def _fail(exc: BaseException, debug: bool) -> None:
    """One line for a person: graphkit's own errors as they are, the machine's (disk full,
    permissions, memory) with a fix, anything else said to be a bug (exit 3; see errors.explain)."""
    from graphkit.errors import explain

    if debug:
        traceback.print_exc()
    err = explain(exc, _command_name())
    click.echo(f"Error: {err.line()}", err=True)
    sys.exit(err.exit_code)


def _command_name() -> str:
    ctx = click.get_current_context(silent=True)
    return f"graphkit {ctx.info_name}" if ctx is not None and ctx.info_name else "graphkit"


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
        except Terminated:
            click.echo("Terminated; nothing was written.", err=True)
            sys.exit(143)
        except Exception as exc:
            _fail(exc, debug)

    return wrapper  # type: ignore[return-value]


def timeout_option(fn: F) -> F:
    """``--timeout SECONDS``: the time budget of one document (0: none)."""
    from graphkit.pipeline import DEFAULT_TIMEOUT

    return click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        help="Seconds one document may take; a document over it is reported as failed and the others go on (0: no limit).",
    )(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
def main(debug: bool) -> None:
    """graphkit: Ofsted/CQC local area SEND inspection letters and reports as one RDF knowledge graph."""
    _on_sigterm_clean_up()


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that its clean-ups (temporary files, a build's
    copy of the store) run as they do for Ctrl-C; a BaseException, so no ``except Exception`` of
    a document's reading takes it for a failed document."""


def _on_sigterm_clean_up() -> None:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated()

    old = signal.signal(signal.SIGTERM, terminate)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:  # put the old handler back when the command ends (tests run many)
        ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, old))


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
@timeout_option
@_guard
def show(files: tuple[str, ...], as_json: bool, timeout: float) -> None:
    """Show what the graph holds for each letter or report, read back from it by SPARQL.

    A document that takes longer than --timeout is reported on stderr and left out; the others
    are shown, and the exit code is 2.
    """
    from graphkit.errors import TimeLimitError
    from graphkit.pipeline import letter_graph, read_letter, time_limit
    from graphkit.show import render_summary, summarise_graph

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
    from graphkit.errors import GraphkitError, UsageError
    from graphkit.validate import validate_inputs

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


if __name__ == "__main__":  # pragma: no cover
    main()
