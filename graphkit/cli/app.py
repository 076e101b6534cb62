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
