"""Errors a person can act on: ``<input>: <what was wrong>. <one way to fix it>.``"""

from __future__ import annotations

import errno

__all__ = ["GraphkitError", "ReadError", "NotALetterError", "UsageError", "TimeLimitError", "InternalError", "explain"]


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


class TimeLimitError(GraphkitError):
    """One document took longer than its time budget (``--timeout``) and was stopped."""


class InternalError(GraphkitError):
    """Not the input's fault: a bug in graphkit. Exit code 3, so scripts can tell it from bad input."""

    exit_code = 3


_OS_HINTS = {
    errno.ENOSPC: ("no space left on the disk", "Free some space (or choose another folder), then run this again"),
    errno.EDQUOT: ("the disk quota is used up", "Free some space (or choose another folder), then run this again"),
    errno.EACCES: ("permission denied", "Check the file's or folder's permissions"),
    errno.EPERM: ("operation not permitted", "Check the file's or folder's permissions"),
    errno.EROFS: ("the file system is read-only", "Choose a folder you can write to"),
    errno.ENOENT: ("no such file or folder", "Check the path"),
    errno.ENOTDIR: ("a part of the path is not a folder", "Check the path"),
    errno.EISDIR: ("is a folder, not a file", "Name a file"),
    errno.EMFILE: ("too many open files", "Raise the limit (ulimit -n) or pass fewer files at once"),
    errno.ENAMETOOLONG: ("the file name is too long", "Rename the file"),
}


def explain(exc: BaseException, source: str = "graphkit") -> GraphkitError:
    """``exc`` as a graphkit error a person can act on.

    Errors of the machine (disk full, permissions, memory) get their own words and a fix; any
    other exception is a bug in graphkit, said as such (:class:`InternalError`).

    >>> explain(OSError(28, "No space left on device", "/data/send.db")).line()
    '/data/send.db: no space left on the disk. Free some space (or choose another folder), then run this again.'
    >>> explain(ValueError("year 0 is out of range"), "a.txt").line()[:52]
    'a.txt: internal error in graphkit (ValueError: year '
    """
    if isinstance(exc, GraphkitError):
        return exc
    if isinstance(exc, OSError) and exc.errno in _OS_HINTS:
        problem, hint = _OS_HINTS[exc.errno]
        where = exc.filename if isinstance(exc.filename, str) and exc.filename else source
        return ReadError(where, problem, hint)
    if isinstance(exc, MemoryError):
        return ReadError(source, "out of memory", "Close other programs, or pass fewer or smaller files at once")
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    return InternalError(
        source,
        f"internal error in graphkit ({detail}); this is a bug, not a fault of the input",
        "Please report it with the input and the output of graphkit --debug",
    )
