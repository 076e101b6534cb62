"""Locating a value read from a table or a text copy in the normalised text, so that every fact keeps its span."""

from __future__ import annotations

import bisect
import itertools
import re

from graphkit.model import Fact, Span, collapse


def _phrase(tokens: list[str]) -> re.Pattern[str]:
    return re.compile(r"\s*".join(re.escape(t) for t in tokens))


_WS_SPLIT = re.compile(r"(\s+)")


class _Locator:
    """Finds a value in the text whatever its white space: the text's words are joined without
    spaces once, and values are looked up in that with ``str.find``."""

    def __init__(self, text: str, base: int = 0) -> None:
        self.text = text
        # words and the white space between them alternate in the split; their offsets are the
        # running sums of the pieces' lengths (all in C: 3x faster than a match per word)
        parts = _WS_SPLIT.split(text[base:])
        offsets = list(itertools.accumulate(map(len, parts), initial=base))
        pairs = [(w, o) for w, o in zip(parts[0::2], offsets[0::2], strict=False) if w]
        words = [w for w, _ in pairs]
        self.starts = [o for _, o in pairs]
        self.cum = list(itertools.accumulate(map(len, words), initial=0))[:-1] if words else []
        self.squeezed = "".join(words)

    def _sq(self, offset: int) -> int:
        j = bisect.bisect_left(self.starts, offset)
        return self.cum[j] if j < len(self.cum) else len(self.squeezed)

    def _orig(self, p: int) -> int:
        j = bisect.bisect_right(self.cum, p) - 1
        return self.starts[j] + (p - self.cum[j])

    def locate(self, value: str, lo: int, hi: int) -> Span | None:
        """The smallest span of ``text[lo:hi]`` that starts with ``value``'s first words and ends
        with its last words (other words may be interleaved in between)."""
        toks = value.split()
        if not toks:
            return None
        slo, shi = self._sq(lo), self._sq(hi)
        whole = "".join(toks)
        p = self.squeezed.find(whole, slo, shi)
        if p >= 0:
            return Span.of(self.text, self._orig(p), self._orig(p + len(whole) - 1) + 1)
        start = -1
        for k in sorted({min(6, len(toks)), min(3, len(toks)), 1}, reverse=True):
            start = self.squeezed.find("".join(toks[:k]), slo, shi)
            if start >= 0:
                break
        if start < 0:
            return None
        need = start + int(len(whole) * 0.9)
        for k in sorted({min(6, len(toks)), min(3, len(toks)), 1}, reverse=True):
            tail = "".join(toks[-k:])
            q = self.squeezed.find(tail, start, shi)
            while q >= 0 and q + len(tail) < need:
                q = self.squeezed.find(tail, q + 1, shi)
            if q >= 0:
                return Span.of(self.text, self._orig(start), self._orig(q + len(tail) - 1) + 1)
        return None


_LOCATORS: dict[int, _Locator] = {}


def _locate(text: str, value: str, lo: int, hi: int) -> Span | None:
    loc = _LOCATORS.get(id(text))
    if loc is None or loc.text is not text or (loc.starts and lo < loc.starts[0] and loc.starts[0] > 0):
        _LOCATORS.clear()
        loc = _LOCATORS[id(text)] = _Locator(text)
    return loc.locate(value, lo, hi)


def _prepare_locator(text: str, base: int) -> None:
    """Index the words of ``text[base:]`` (where the tables are) for :func:`_locate`."""
    _LOCATORS.clear()
    _LOCATORS[id(text)] = _Locator(text, base)


def _fact_at(text: str, value: str, lo: int, hi: int, fallback: tuple[int, int] | None = None) -> Fact[str]:
    """A string fact whose value is ``value`` (collapsed), its span located in ``text[lo:hi]``."""
    value = collapse(value)
    sp = _locate(text, value, lo, hi)
    if sp is None and fallback is not None:
        sp = Span.of(text, *fallback)
    return Fact(value, sp)
