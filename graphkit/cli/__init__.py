"""graphkit's command line: a thin click group (`app`) and the modules that register commands on it.

Each command parses its options, calls the library, renders the result and exits.
"""

import graphkit.cli.graph  # noqa: F401  (registers build, reconcile, people)
import graphkit.cli.letters  # noqa: F401  (registers extract, show, validate)
import graphkit.cli.query  # noqa: F401  (registers queries, query, themes)
import graphkit.cli.share  # noqa: F401  (registers export, publish)
from graphkit.cli.app import main

__all__ = ["main"]
