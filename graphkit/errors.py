"""Errors a person can act on: ``<input>: <what was wrong>. <one way to fix it>.``"""

from __future__ import annotations

__all__ = ["GraphkitError", "ReadError", "NotALetterError", "UsageError"]


class GraphkitError(Exception):
    """Base error: names the input at fault, says what was wrong and one way to fix it."""

    exit_code = 2

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        """The one-line message shown to a person.

        >>> GraphkitError("a.pdf", "no text layer", "Run OCR first").line()
        'a.pdf: no text layer. Run OCR first.'
        """
        text = f"{self.source}: {self.problem.rstrip('.')}."
        if self.hint:
            text += f" {self.hint.rstrip('.')}."
        return " ".join(text.split())


class ReadError(GraphkitError):
    """The input could not be read as text (empty, binary, corrupt, encrypted, scanned ...)."""


class NotALetterError(GraphkitError):
    """The input reads fine but is not a SEND inspection letter or report."""


class UsageError(GraphkitError):
    """A command was given options or inputs it cannot work with."""
