"""Commands over the persistent store: build, reconcile, people."""

from __future__ import annotations

import json
import sys
import time

import click

from graphkit.cli.app import _guard, main, timeout_option


class _ProgressBar:
    """Count, rate and ETA on a terminal (one line, redrawn); plain lines when piped."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.t0 = time.perf_counter()

    def __call__(self, done: int, total: int, name: str) -> None:
        elapsed = max(time.perf_counter() - self.t0, 1e-6)
        rate = done / elapsed
        eta = (total - done) / rate if rate else 0.0
        line = f"[{done}/{total}] {rate:.1f} docs/s, ETA {eta:.0f}s  {name}"
        if self.tty:
            click.echo("\r" + line[:100].ljust(100), nl=done == total, err=True)
        else:
            click.echo(line, err=True)


def _check_inputs(inputs: tuple[str, ...]) -> None:
    """Refuse, before anything is created, an input that does not exist or a folder with no letters."""
    from pathlib import Path

    from graphkit.errors import UsageError
    from graphkit.store.build import LETTER_SUFFIXES, iter_inputs

    for item in inputs:
        p = Path(item)
        if not p.exists():
            raise UsageError(item, "no such file or folder", "Check the path; nothing was built")
        if p.is_dir() and not iter_inputs([p]):
            raise UsageError(
                item,
                "no letters or reports in this folder ("
                + " ".join(sorted(LETTER_SUFFIXES))
                + ", searched recursively)",
                "Pass a folder holding inspection letters or reports; nothing was built",
            )


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--db", required=True, type=click.Path(file_okay=False), help="Store folder (created if new).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Also write the whole graph: .trig .nq .ttl .jsonld"
)
@click.option(
    "--remove", "remove", multiple=True, metavar="DOC", help="Remove a document (its file name) from the store."
)
@click.option("-j", "--jobs", type=int, default=None, help="Extraction processes (default: one per core).")
@click.option(
    "--partial", is_flag=True, help="Read copies holding only part of a letter (marked partial, with a warning)."
)
@timeout_option
@_guard
def build(
    inputs: tuple[str, ...],
    db: str,
    output: str | None,
    remove: tuple[str, ...],
    jobs: int | None,
    partial: bool,
    timeout: float,
) -> None:
    """Build or update the national graph in the store DB from letters and folders of letters.

    Unchanged documents are skipped, changed ones replaced, and the official statistics are
    loaded into their own named graph. A document that fails is reported at the end and does
    not stop the others (exit 1; exit 3 if one hit a bug in graphkit). An interrupted build
    leaves the store as it was.
    """
    from graphkit.store.build import build_store
    from graphkit.store.db import check_store_folder, open_store

    check_store_folder(db, create=True)
    _check_inputs(inputs)
    if output:
        from pathlib import Path

        from graphkit.store.db import _format

        _format(Path(output))  # check the suffix before any work
    report = build_store(
        inputs, db, remove=remove, jobs=jobs, progress=_ProgressBar(), timeout=timeout, partial=partial
    )
    for name, reason in report.skipped:
        click.echo(f"Warning: {name}: skipped, {reason}", err=True)
    if output:
        open_store(db).dump(output)
    click.echo(
        f"{db}: {len(report.added)} added, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed, {len(report.skipped)} skipped, {len(report.failed)} failed; "
        f"statistics {'loaded' if report.statistics_loaded else 'unchanged'}; "
        f"{report.triples} triples in {report.seconds:.2f}s" + (f"; wrote {output}" if output else ""),
        err=True,
    )
    if report.revalidated:
        n = len(report.revalidated)
        click.echo(
            f"{n} stored document{'s' if n != 1 else ''} validated again: {'their' if n != 1 else 'its'} findings"
            " were found with other shapes (an earlier graphkit)",
            err=True,
        )
    if report.warned:
        names = ", ".join(f"{n} ({w})" for n, w in report.warned)
        click.echo(
            f"Warning: validation warnings in {len(report.warned)} documents: {names}. "  # or "(across documents)"
            f"See them with: graphkit query validation-warnings --db {db}",
            err=True,
        )
    for name, reason in report.failed:
        click.echo(f"Error: {name}: {reason}", err=True)
    if report.failed:
        sys.exit(3 if report.bugs else 1)  # a bug is said to be one, as in show and extract


@main.command()
@click.option("--db", required=True, type=click.Path(file_okay=False), help="A store built by graphkit build.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_guard
def reconcile(db: str, fmt: str) -> None:
    """List every disagreement between the letters and the official statistics, with the quote."""
    from dataclasses import asdict

    from graphkit.check.reconcile import reconcile as run
    from graphkit.store.db import open_store

    rows = run(open_store(db, create=False, read_only=True))
    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        quote = f' — "{r.quote}"' if r.quote else ""
        click.echo(f"{r.area}: {r.document}: {r.what}: letter {r.letter_value}, statistics {r.statistics_value}{quote}")
    click.echo(f"{len(rows)} disagreements", err=True)


@main.command()
@click.option("--db", required=True, type=click.Path(file_okay=False), help="A store built by graphkit build.")
@click.option("--review", is_flag=True, help="List pairs of people who may be one person (not merged).")
@click.option(
    "--accept",
    nargs=2,
    metavar="A B",
    help="Record that person A and person B are one person (names as --review prints them).",
)
@click.option("--reject", nargs=2, metavar="A B", help="Record that person A and person B are different people.")
@click.option("--by", default=None, help="Who decides (default: the login name).")
@_guard
def people(
    db: str, review: bool, accept: tuple[str, str] | None, reject: tuple[str, str] | None, by: str | None
) -> None:
    """Review uncertain person matches and record decisions (kept across builds).

    Accepting a pair makes them one person in every query, export and view at once, and after
    every later build; the decision (who, when) is kept with them as its provenance.
    """
    from graphkit.ask.people import appearances, record_decision, review_people
    from graphkit.store.db import open_store, writing

    store = open_store(db, create=False)
    if accept or reject:
        with writing(db):
            if accept:
                click.echo(record_decision(store, *accept, same=True, by=by))
            if reject:
                click.echo(record_decision(store, *reject, same=False, by=by))
    if review or not (accept or reject):
        cands = review_people(store)
        for c in cands:
            a, b = c.a_names[0], c.b_names[0]
            click.echo(f'"{a}"  ~  "{b}"')
            for iri, names in ((c.a, c.a_names), (c.b, c.b_names)):
                for ap in appearances(store, iri):
                    where = ", ".join(x for x in (ap.role, ap.area) if x)
                    click.echo(f"    {ap.name}: {where} ({ap.document})" if where else f"    {ap.name}: {ap.document}")
                if len(names) > 1:
                    click.echo(f"    (also written {' / '.join(names[1:])})")
            click.echo(f'    graphkit people --db {db} --accept "{a}" "{b}"')
        click.echo(
            f"{len(cands)} uncertain pairs; record a decision with: graphkit people --db {db} --accept A B (or --reject)",
            err=True,
        )
