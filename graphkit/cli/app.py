"""The command group and the error guard every command runs under.

Command modules (`letters`, `graph`, `query`, `share`) register their commands on `main`;
this module imports none of them, so nothing imports the CLI back.
"""

from __future__ import annotations

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
