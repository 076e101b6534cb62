"""Mutations of letters and reports, for the fuzz tests and ``scripts/fuzz.py``.

Each mutation takes the bytes of a document (its file suffix says how to treat them) and a
``random.Random``, and returns new bytes and the suffix to save them under. Text mutations act
on the decoded text (lines deleted, duplicated, shuffled, truncated; dates and keywords changed;
unicode inserted; sections repeated; lines in capitals or punctuation) and encode it again, in
UTF-8 or another encoding (UTF-16 with and without a byte-order mark, Windows-1252, Latin-1);
PDF mutations act on the bytes (flipped bytes, truncation, damaged or deleted objects, a broken
cross-reference table, a stream's length changed). The same seed gives the same mutation, so a
failure is reproduced from (source, seed) or from the bytes the run saved.

No letter's text is kept here: the real letters are read from ../shared at run time.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

__all__ = ["TEXT_OPS", "PDF_OPS", "mutate", "sources", "ENCODINGS"]

_INSERTS = [
    "\x0c",  # form feed (pdftotext's page break)
    "\x0b",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\u00ad",
    "\u200b",
    "\u200e",
    "\u202e",  # right-to-left override
    "\u0301",  # combining accent
    "\ufb01",
    "•",
    "◼",
    ":",
    "’",
    "“",
    "\t",
    "\r",
    "\r\n",
    "\x00",
    "😀",
    "𝓐",
    "ß",
    "İ",
    "李",
    "\ud7ff",
    "Ω",
    "<script>alert(1)</script>",
    '"> <',
    "\\",
    "{{x}}",
    "%s",
]
_KEYWORDS = [
    ("widespread and/or systemic failings", "inconsistent experiences and outcomes"),
    ("inconsistent experiences", "positive experiences"),
    ("sufficient progress", "insufficient progress"),
    ("has made", "has not made"),
    ("Council", "COUNCIL"),
    ("ICB", "Integrated Care Board"),
    ("Integrated Care Board", "ICB"),
    ("Responsible body", "RESPONSIBLE BODY"),
    ("Areas for priority action", "Areas for improvement"),
    ("Areas for improvement", "Areas for priority action"),
    ("Inspection team", "Inspection"),
    ("Local area partnership details", "Inspection team"),
    ("written statement of action", "accelerated progress plan"),
    ("Her Majesty’s Chief Inspector", "HMCI"),
    ("parent carer forum", "Parent Carer Forum"),
    ("HMI", ""),
    ("Ofsted", ""),
    ("Dear", ""),
    ("Yours sincerely", ""),
    ("Main findings", "Findings"),
    ("and", "&"),
    (".", ""),
    (",", ""),
    (" ", "  "),
    ("\n", " "),
]
_MONTHS = "January February March April May June July August September October November December Sept Febuary".split()
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick_span(rng: random.Random, n: int, most: int = 12) -> tuple[int, int]:
    i = rng.randrange(max(n, 1))
    return i, min(n, i + rng.randint(1, most))


def delete_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    for _ in range(rng.randint(1, 8)):
        if len(lines) > 1:
            i, j = _pick_span(rng, len(lines), 4)
            del lines[i:j]
    return "\n".join(lines)


def duplicate_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    for _ in range(rng.randint(1, 8)):
        i, j = _pick_span(rng, len(lines), 6)
        lines[j:j] = lines[i:j] * rng.randint(1, 3)
    return "\n".join(lines)


def shuffle_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i, j = _pick_span(rng, len(lines), rng.choice([5, 30, len(lines)]))
    block = lines[i:j]
    rng.shuffle(block)
    lines[i:j] = block
    return "\n".join(lines)


def reverse_pages(text: str, rng: random.Random) -> str:
    parts = re.split(r"(?=\n[^\n]*\b\d{1,3}\n)", text)
    if len(parts) < 3:
        parts = _lines(text)
        return "\n".join(reversed(parts))
    return "".join(reversed(parts))


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(max(len(text), 1))]


def repeat_section(text: str, rng: random.Random) -> str:
    i = rng.randrange(max(len(text), 1))
    j = min(len(text), i + rng.randint(50, 20000))
    return text[:j] + text[i:j] * rng.choice([2, 5, 20, 80]) + text[j:]


def change_dates(text: str, rng: random.Random) -> str:
    def year(m: re.Match[str]) -> str:
        return rng.choice(["0000", "0001", "9999", "1900", "2099", str(rng.randint(0, 9999)).zfill(4), m.group()])

    def day(m: re.Match[str]) -> str:
        return rng.choice(["0", "00", "31", "32", "99", "29", m.group(1)]) + m.group(2)

    def month(m: re.Match[str]) -> str:
        return rng.choice(_MONTHS)

    out = re.sub(r"\b(?:19|20)\d\d\b", lambda m: year(m) if rng.random() < 0.3 else m.group(), text)
    out = re.sub(
        r"\b(\d{1,2})(\s+(?:" + "|".join(_MONTHS[:12]) + r"))",
        lambda m: day(m) if rng.random() < 0.3 else m.group(),
        out,
    )
    out = re.sub(
        r"\b(?:" + "|".join(_MONTHS[:12]) + r")\b", lambda m: month(m) if rng.random() < 0.2 else m.group(), out
    )
    if rng.random() < 0.3:  # a range with its days the wrong way round
        out = re.sub(r"\b(\d{1,2}) to (\d{1,2})\b", r"\2 to \1", out, count=1)
    return out


def change_keywords(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        old, new = rng.choice(_KEYWORDS)
        if old in text:
            count = rng.choice([1, 0]) if old not in ".,\n " else 1
            text = text.replace(old, new, count) if count else text.replace(old, new)
    return text


def insert_unicode(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 30)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(_INSERTS) * rng.choice([1, 1, 1, 3, 200]))
    return "".join(chars)


def flip_chars(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 40)):
        if chars:
            chars[rng.randrange(len(chars))] = chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF)]))
    return "".join(chars)


def capitals(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i, j = _pick_span(rng, len(lines), rng.choice([1, 5, 40]))
    lines[i:j] = [line.upper() for line in lines[i:j]]
    if rng.random() < 0.3:
        lines[i:j] = [line + "." for line in lines[i:j]]
    return "\n".join(lines)


def punctuation_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    for _ in range(rng.randint(1, 6)):
        lines[rng.randrange(len(lines))] = rng.choice(["•", ":", "• ", " : ", "-", "()", "’", ".", "&", "·"])
    return "\n".join(lines)


def long_line(text: str, rng: random.Random) -> str:
    """One line made very long: a table cell, a word, or white space repeated."""
    unit = rng.choice(["NHS ", "A", "Council and ", "Aa ", "( ", " ", "\t", "1 ", "the ", "Ab, ", "-", "x."])
    lines = _lines(text)
    lines.insert(rng.randrange(len(lines) + 1), unit * rng.choice([100, 1000, 20000]))
    return "\n".join(lines)


TEXT_OPS: dict[str, Callable[[str, random.Random], str]] = {
    f.__name__: f
    for f in (
        delete_lines,
        duplicate_lines,
        shuffle_lines,
        reverse_pages,
        truncate,
        repeat_section,
        change_dates,
        change_keywords,
        insert_unicode,
        flip_chars,
        capitals,
        punctuation_lines,
        long_line,
    )
}


# --- PDFs ----------------------------------------------------------------------------------------


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice([1, 3, 10, 50, 300])):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def truncate_bytes(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(max(len(data), 1))]


def _objects(data: bytes) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rb"\d+ \d+ obj\b.*?endobj", data, re.S)]


def damage_object(data: bytes, rng: random.Random) -> bytes:
    objs = _objects(data)
    if not objs:
        return flip_bytes(data, rng)
    s, e = rng.choice(objs)
    how = rng.randrange(5)
    if how == 0:  # its body replaced by garbage of the same length
        body = bytes(rng.randrange(256) for _ in range(min(e - s, 4096)))
        return data[:s] + body + data[s + len(body) :]
    if how == 1:  # deleted
        return data[:s] + data[e:]
    if how == 2:  # "endobj" lost
        return data[: e - 6] + data[e:]
    if how == 3:  # duplicated
        return data[:e] + b"\n" + data[s:e] + data[e:]
    # a dictionary's key or value changed
    chunk = data[s:e]
    chunk = re.sub(
        rb"/(Type|Pages|Kids|Count|Font|Contents|Parent|Resources)\b",
        b"/X" + bytes([rng.randint(65, 90)]),
        chunk,
        count=1,
    )
    return data[:s] + chunk + data[e:]


def break_xref(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return re.sub(rb"startxref\s+\d+", b"startxref\n" + str(rng.randint(0, len(data) * 2)).encode(), data)
    return re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (rng.randint(0, 10**9), m.group(2)), data)


def change_length(data: bytes, rng: random.Random) -> bytes:
    return re.sub(
        rb"/Length (\d+)",
        lambda m: (
            b"/Length " + str(rng.choice([0, 1, int(m.group(1)) * 7, 10**9, -5])).encode()
            if rng.random() < 0.3
            else m.group()
        ),
        data,
    )


def damage_stream(data: bytes, rng: random.Random) -> bytes:
    streams = [(m.end(), m.end() + 200) for m in re.finditer(rb"stream\r?\n", data)]
    if not streams:
        return flip_bytes(data, rng)
    s, e = rng.choice(streams)
    b = bytearray(data)
    for k in range(s, min(e, len(b))):
        if rng.random() < 0.2:
            b[k] = rng.randrange(256)
    return bytes(b)


PDF_OPS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    f.__name__: f for f in (flip_bytes, truncate_bytes, damage_object, break_xref, change_length, damage_stream)
}


def mutate(data: bytes, suffix: str, rng: random.Random) -> tuple[bytes, str, str]:
    """One to three mutations of ``data``: (new bytes, suffix to save as, what was done)."""
    done: list[str] = []
    if suffix == ".pdf":
        for _ in range(rng.choice([1, 1, 2, 3])):
            name = rng.choice(sorted(PDF_OPS))
            data = PDF_OPS[name](data, rng)
            done.append(name)
        return data, suffix, "+".join(done)
    text = data.decode("utf-8", errors="replace")
    for _ in range(rng.choice([1, 1, 2, 3])):
        name = rng.choice(sorted(TEXT_OPS))
        text = TEXT_OPS[name](text, rng)
        done.append(name)
    encoding = rng.choice(ENCODINGS)
    done.append(encoding)
    return text.encode(encoding, errors="replace"), ".txt", "+".join(done)


def sources(repo: Path, shared: Path | None) -> list[tuple[str, bytes, str]]:
    """(name, bytes, suffix) of every letter to mutate: the fictional ones, the real ones, and the
    real reports' text as PDFium gives it (so that text mutations reach the 2023 extractor)."""
    out: list[tuple[str, bytes, str]] = []
    for folder in (repo / "tests" / "data" / "letters", repo / "examples" / "letters"):
        for p in sorted(folder.glob("*.txt")):
            out.append((p.name, p.read_bytes(), ".txt"))
    if shared is not None and (shared / "letters").is_dir():
        from graphkit.read import read_document

        for p in sorted((shared / "letters").glob("*/*.*")):
            out.append((p.name, p.read_bytes(), p.suffix.lower()))
            if p.suffix.lower() == ".pdf":
                out.append((p.stem + ".txt", read_document(p).raw.encode("utf-8"), ".txt"))
    return out
