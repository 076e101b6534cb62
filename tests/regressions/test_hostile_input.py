"""Damaged and hostile input that once hung or crashed graphkit, each as the mutation that did it.

The real reports are read from ../shared at test time and mutated here; nothing of them is kept
in the project. A hang shows as the ``alarm`` fixture's failure instead of a stuck test run.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graphkit.extract.common import parse_date_range
from graphkit.extract.report2023.bodies import _is_body_line
from graphkit.extract.report2023.priority import _priority_actions_text
from graphkit.pipeline import Letter, letter_graph, read_letter
from graphkit.read import read_document


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail (instead of hanging the run) when the test takes minutes: these inputs once never finished."""

    def hung(*_: object) -> None:
        raise AssertionError("still running after 60 s: the input hangs graphkit again")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _report_text(shared: Path, name: str) -> str:
    return read_document(shared / "letters" / "2023-framework" / name).raw


# --- a responsible-body cell in capitals: exponential backtracking in _is_body_line --------------

CAPITALS = "NORTHSHIRE COUNCIL AND NHS WESTSHIRE ICB."


def test_body_line_in_capitals_is_judged_at_once(alarm: None) -> None:
    assert not _is_body_line(CAPITALS)  # a sentence end: not a body cell
    assert _is_body_line(CAPITALS.rstrip("."))
    assert _is_body_line("Northshire Council and NHS Westshire ICB")
    assert not _is_body_line("NORTHSHIRE" * 300 + ".")


def test_priority_actions_with_a_capitals_body_cell(alarm: None) -> None:
    text = (
        "Responsible body Areas for priority action\n"
        f"{CAPITALS}\n"
        "Leaders should make sure that plans are written on time.\n"
        "Northshire Council\n"
        "Leaders should check the quality of plans.\n"
    )
    actions = _priority_actions_text(text, 0, len(text))
    assert [a.text.value for a in actions] == [
        f"{CAPITALS} Leaders should make sure that plans are written on time.",
        "Leaders should check the quality of plans.",
    ]
    assert actions[1].responsible_body is not None
    assert actions[1].responsible_body.value == "Northshire Council"


def test_real_report_with_its_body_cell_in_capitals(shared: Path, tmp_path: Path, alarm: None) -> None:
    text = _report_text(shared, "bury-area-send-2024-02.pdf")
    heading = "Responsible body Areas for priority action\n"
    at = text.index(heading) + len(heading)
    cell_end = text.index("Leaders", at)  # the body cell's lines, before its action's first line
    mutated = text[:at] + CAPITALS + "\n" + text[cell_end:]
    path = tmp_path / "report.txt"
    path.write_text(mutated, encoding="utf-8")
    letter = read_letter(path)
    assert letter.extraction.kind == "area_send_2023"
    assert len(letter.extraction.priority_actions) >= 1
    letter_graph(letter)


def test_priority_action_pass_is_linear_in_a_repeated_section(shared: Path, tmp_path: Path, alarm: None) -> None:
    """The section repeated 60 times with its full stops gone: each line once joined all before it."""
    text = _report_text(shared, "bury-area-send-2024-02.pdf")
    i = text.index("Responsible body Areas for priority action")
    j = text.index("Areas for improvement", i)
    mutated = text[:j] + text[i:j].replace(".", ",") * 60 + text[j:]
    path = tmp_path / "report.txt"
    path.write_text(mutated, encoding="utf-8")
    actions = read_letter(path).extraction.priority_actions
    assert actions and all(a.text.span is not None for a in actions)


# --- date ranges: no year arithmetic past year 1, no silent shift -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "28 December to 3 January 0001",  # the year before year 1: was ValueError: year 0 is out of range
        "16 to 12 February 2024",  # impossible: was read as 16 February 2023
        "30 February to 3 March 2024",
        "1 January 0000 to 2 January 0000",
    ],
)
def test_impossible_date_ranges_are_not_read(text: str) -> None:
    assert parse_date_range(text) is None


def test_possible_date_ranges_still_read() -> None:
    assert parse_date_range("28 December to 3 January 2020") == (date(2019, 12, 28), date(2020, 1, 3))
    assert parse_date_range("12 to 16 February 2024") == (date(2024, 2, 12), date(2024, 2, 16))


@pytest.mark.parametrize("dates", ["28 December to 3 January 0001", "16 to 12 February 2024"])
def test_real_report_with_an_impossible_previous_inspection_range(shared: Path, tmp_path: Path, dates: str) -> None:
    """The previous inspection's dates changed to an impossible range: kept as text, no date read."""
    text = _report_text(shared, "bury-area-send-2024-02.pdf")
    mutated, n = re.subn(r"(previous inspection: )[^\n]*", rf"\g<1>{dates}", text, count=1)
    assert n == 1
    path = tmp_path / "report.txt"
    path.write_text(mutated, encoding="utf-8")
    x = read_letter(path).extraction
    assert x.kind == "area_send_2023"
    assert x.previous_inspection is not None and dates in x.previous_inspection.value
    assert (x.previous_inspection_start, x.previous_inspection_end) == (None, None)


# --- names made only of punctuation never become nodes ------------------------------------------


@pytest.mark.parametrize(
    ("name", "heading", "replacement"),
    [
        ("bexley-area-send-2023-12.pdf", "Local authority Integrated care board", ":"),
        ("nottinghamshire-area-send-2023-01.pdf", "Local Authority Integrated Care Board", "• "),
    ],
)
def test_partnership_cell_of_punctuation_is_a_warning(
    shared: Path, tmp_path: Path, name: str, heading: str, replacement: str
) -> None:
    """The partnership table's first row replaced by ":" or "•" (once: ValueError from slug)."""
    lines = _report_text(shared, name).split("\n")
    row = next(i for i, line in enumerate(lines) if line.strip() == heading) + 1
    lines[row] = replacement
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    letter = read_letter(path)
    warnings = letter.extraction.warnings
    assert any(replacement.strip() in w and "no letters or digits" in w for w in warnings), warnings
    _, g = letter_graph(letter)
    assert len(g) > 100


def test_body_list_line_of_punctuation_is_a_warning(shared: Path, tmp_path: Path) -> None:
    """A body's name in the "responsible bodies" paragraph replaced by ":" (once: ValueError from slug).

    The paragraph is now split around the bundled boards first, and a piece between separators with
    no letters is no body at all, so a whole line replaced by ":" never reaches a name (nothing to
    warn about). A ":" kept with its bracketed alias ("the : (ICB)") still does: it is a body's
    name once the alias is taken off, and is left out with a warning.
    """
    text = _report_text(shared, "essex-area-send-2026-01.pdf")

    def bodies(mutated: str) -> tuple[Letter, list[str]]:
        path = tmp_path / "report.txt"
        path.write_text(mutated, encoding="utf-8")
        letter = read_letter(path)
        x = letter.extraction
        letter_graph(letter)
        names = [f.value for f in (x.local_authority, *x.icbs, *x.other_partners, *x.ccgs) if f]
        return letter, names

    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("NHS Suffolk and North East Essex ICB"))
    lines[row] = ":"
    letter, names = bodies("\n".join(lines))
    assert names == ["Essex County Council", "NHS Mid and South Essex Integrated Care Board"]
    assert not any('":"' in w for w in letter.extraction.warnings), letter.extraction.warnings

    alias = "the NHS Mid and South Essex Integrated Care Board (ICB)"
    assert alias in text
    letter, names = bodies(text.replace(alias, "the : (ICB)", 1))
    assert any('":"' in w and "no letters or digits" in w for w in letter.extraction.warnings), (
        letter.extraction.warnings
    )
    assert names == [
        "Essex County Council",
        "NHS Suffolk and North East Essex ICB",
        "NHS Hertfordshire and West Essex ICB",
    ]


# --- one line-separator character failed a whole build ------------------------------------------


@pytest.mark.parametrize("char", ["\x0c", "\x0b", "\x1c", "\x85", "\u2028", "\u2029"])
def test_build_keeps_a_letter_holding_a_line_separator(tmp_path: Path, char: str) -> None:
    """pdftotext puts a form feed at every page break; N-Quads were split at it (splitlines).

    The letter is built, and its text comes back from the store whole, the character included.
    A form feed is the exception: the reader takes it for the page break it is and normalises it
    to a line end (so no form feed reaches the graph); the build must keep the letter all the same.
    """
    from graphkit.store.build import build_store
    from graphkit.store.db import open_store

    letter = Path(__file__).resolve().parents[1] / "data" / "letters" / "initial-8-weaknesses-brackenford.txt"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(letter.read_text(encoding="utf-8").replace("\n\n", f"\n{char}\n", 3))
    report = build_store([folder], tmp_path / "db")
    assert report.failed == [] and report.added == ["a.txt"]
    store = open_store(tmp_path / "db", create=False)
    rows = store.query("SELECT ?t WHERE { ?d <https://w3id.org/graphkit/def#text> ?t }")
    texts = [row[0].value for row in rows]
    assert texts == [read_letter(folder / "a.txt").doc.text], "the letter's text comes back whole"
    if char == "\x0c":  # a page break: a line end in the text
        assert "\x0c" not in texts[0] and texts[0].count("\n\n\n") == 3
    else:
        assert texts[0].count(f"\n{char}\n") == 3, "the letter's text keeps the character"


# --- a very long line in the inspection team table: _entry_starts was quadratic ------------------


def test_team_line_entries_are_found_in_linear_time(alarm: None) -> None:
    from graphkit.extract.report2023.people import _entry_starts

    assert _entry_starts("Ann Lee, His Majesty’s Inspector Bob Hale, CQC inspector") == [0, 33]
    assert _entry_starts("NHS " * 20000) == []
    assert _entry_starts("Ann Lee, Inspector " * 5000) == list(range(0, 19 * 5000, 19))


def test_real_report_with_a_long_line_in_its_team_table(shared: Path, tmp_path: Path, alarm: None) -> None:
    """Fuzz input explore1:1562 (never finished): a line of 80,000 characters of "NHS NHS …"
    inserted in a 2023 report's text; here inserted under its "Inspection team" heading."""
    text = _report_text(shared, "enfield-area-send-2023-03.pdf")
    at = text.index("\n", text.index("Inspection team")) + 1
    path = tmp_path / "report.txt"
    path.write_text(text[:at] + "NHS " * 20000 + "\n" + text[at:], encoding="cp1252", errors="replace")
    letter = read_letter(path)
    assert letter.extraction.kind == "area_send_2023"
    assert any(p.context == "team" for p in letter.extraction.people)


# --- UTF-16 and UTF-32 text letters were refused as binary ---------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig", "cp1252"])
def test_text_letter_in_another_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    """Windows saves "Unicode" text as UTF-16 (with a byte-order mark, or without one)."""
    from graphkit.extract.summary import to_summary

    source = Path(__file__).resolve().parents[1] / "data" / "letters" / "revisit-2021-northcliffe.txt"
    text = source.read_text(encoding="utf-8")
    path = tmp_path / "northcliffe.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    want = read_letter(source)
    got = read_letter(path)
    assert got.doc.text == want.doc.text.encode(encoding, errors="replace").decode(encoding)
    assert to_summary(got.extraction, "x") == to_summary(want.extraction, "x")


def test_binary_data_is_still_refused(tmp_path: Path) -> None:
    from graphkit.errors import ReadError

    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ReadError, match="binary data"):
        read_letter(path)


# --- inputs the fuzzer found (scripts/fuzz.py), replayed from their seed -------------------------


def _mutated(data: bytes, suffix: str, seed_i: str, path: Path) -> tuple[Path, str]:
    """Fuzz input ``seed:i`` made again from its source's bytes and written to ``path`` (its
    suffix the mutation's): (the file, the mutations applied), as scripts/fuzz.py makes it."""
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from mutate import mutate

    data, out_suffix, ops = mutate(data, suffix, random.Random(seed_i))
    path = path.with_suffix(out_suffix)
    path.write_bytes(data)
    return path, ops


def _replay(shared: Path, source: str, seed: str, i: int, tmp_path: Path) -> Path:
    """Input ``i`` of fuzz seed ``seed`` made again from its source (a real report's PDFium text)."""
    pdf = shared / "letters" / "2023-framework" / source.replace(".txt", ".pdf")
    raw = read_document(pdf).raw.encode("utf-8")
    return _mutated(raw, ".txt", f"{seed}:{i}", tmp_path / f"{seed}-{i}")[0]


def _replay_fictional(name: str, seed_i: str, tmp_path: Path) -> tuple[Path, str]:
    """Fuzz input ``seed:i`` made again from a fictional letter of tests/data: (its file, the mutations)."""
    source = Path(__file__).resolve().parents[1] / "data" / "letters" / name
    return _mutated(source.read_bytes(), ".txt", seed_i, tmp_path / "mutated")


def test_fuzz_final1_2528_a_long_run_of_words_in_the_bodies_paragraph(
    shared: Path, tmp_path: Path, alarm: None
) -> None:
    """Truncated, then a line of 80,000 characters ("Ab, Ab, …"), in Latin-1: the ICB sentence
    pattern of _bodies rescanned the run from each capital (never finished)."""
    from graphkit.errors import GraphkitError

    path = _replay(shared, "herefordshire-area-send-2024-12.txt", "final1", 2528, tmp_path)
    with pytest.raises(GraphkitError, match="stops before its"):
        read_letter(path)


def test_bodies_in_a_long_run_of_capitalised_words(alarm: None) -> None:
    from graphkit.extract.report2023.bodies import _bodies

    text = "The area partnership. " + "Ab, " * 20000 + "\nNHS Westshire ICB became responsible for services."
    assert [f.value for f in _bodies(text, 0, len(text))["icbs"]] == ["NHS Westshire ICB"]


def test_fuzz_final3_4760_a_long_run_of_words_in_the_body_list(shared: Path, tmp_path: Path, alarm: None) -> None:
    """A line of 80,000 characters ("Ab, Ab, …") in a report's text: _split_bodies searched the
    whole body list for its end after every piece, and _entries the whole entry (23 CPU s)."""
    path = _replay(shared, "nottinghamshire-area-send-2023-01.txt", "final3", 4760, tmp_path)
    letter = read_letter(path)
    assert letter.extraction.kind == "area_send_2023"


def test_split_bodies_of_a_long_list_without_ends(alarm: None) -> None:
    from graphkit.extract.report2023.bodies import _split_bodies

    text = "Ab, " * 20000 + "Northshire Council and NHS Westshire ICB"
    parts = [text[s:e] for s, e in _split_bodies(text, 0, len(text))]
    # the pieces before the first body's end belong to it, as they always did
    assert len(parts) == 2 and parts[0].endswith("Ab, Northshire Council") and parts[1] == "NHS Westshire ICB"


def test_fuzz_final3_7443_an_unclosed_bracket_run_in_a_name(tmp_path: Path, alarm: None) -> None:
    """A line of 40,000 characters "( ( ( …" in a fictional revisit letter (fuzz input
    final3:7443, 2.4 CPU s): removing bracketed parts from a body's or person's name rescanned
    to the end from every unclosed "(". A run five times as long would take minutes."""
    from graphkit.resolve import normalise_body, person_key

    path, ops = _replay_fictional("revisit-2021-northcliffe.txt", "final3:7443", tmp_path)
    assert ops == "long_line+utf-8"
    assert read_letter(path).extraction.kind == "revisit"
    assert normalise_body("NHS Westshire ICB " + "( " * 100000)[0] == "icb"
    assert person_key("Ann Lee " + "( " * 100000) == "ann-lee"


def test_fuzz_final5_1094_twenty_thousand_bodies_in_one_line(shared: Path, tmp_path: Path, alarm: None) -> None:
    """A line "Council and Council and …" (240,000 characters) in a report's bodies paragraph
    (fuzz input final5:1094): 20,000 partner mentions, 381,000 triples. One body named twice is
    one partner, and a list is kept to its first 30."""
    path = _replay(shared, "hertfordshire-area-send-2023-07.txt", "final5", 1094, tmp_path)
    x = read_letter(path).extraction
    assert len(x.other_partners) <= 30
    assert len({f.value for f in x.other_partners}) == len(x.other_partners)


def test_fuzz_final6_3815_a_long_names_cell(shared: Path, tmp_path: Path, alarm: None) -> None:
    """Fuzz input final6:3815 (13 CPU s): a long line in a report's partnership table; the names
    cell was rejoined and searched whole for every line (_listed_bodies)."""
    from graphkit.extract.report2023.people import _listed_bodies

    path = _replay(shared, "wiltshire-area-send-2024-10.txt", "final6", 3815, tmp_path)
    read_letter(path)
    cell = "NHS Northshire Integrated\nCare Board\nWestshire\nCouncil\n" + "Ab\n" * 50000 + "Trust"
    listed = _listed_bodies(cell)
    assert listed[:2] == ["NHS Northshire Integrated Care Board", "Westshire Council"]
    assert len(listed) == 3 and listed[2].endswith("Ab Trust")


# The unit cases below are sized so that the quadratic passes they replace would run for minutes
# (5,000 lines took 3.5 CPU s, 40,000 would take ~4 minutes): the alarm fails them if one comes back.


def test_fuzz_graphkit_44237_a_repeated_section_in_the_partnership_table(
    shared: Path, tmp_path: Path, alarm: None
) -> None:
    """Fuzz input graphkit:44237 (a repeated section and flipped characters, 606 kB; 36 CPU s):
    the partnership table's body name grew line after line without ever ending, and was
    tidied and searched whole again for every line; the next line with words was found by
    copying the rest of the lines each time."""
    path = _replay(shared, "brighton-and-hove-area-send-2023-03.txt", "graphkit", 44237, tmp_path)
    assert path.stat().st_size > 500_000
    letter = read_letter(path)
    assert letter.extraction.kind == "area_send_2023"
    letter_graph(letter)


def test_partnership_rows_stop_at_a_cell_no_table_holds(alarm: None) -> None:
    from graphkit.extract.report2023.people import _LONGEST_CELL, _partnership_rows_text

    text = "Local authority\n" + "Westshire Ab and\n" * 40000 + "Dr Ann Lee, Director of Children's Services\n"
    rows = _partnership_rows_text(text, 0, len(text))
    assert all(len(cell) <= _LONGEST_CELL + 100 for row in rows for cell in row)


def test_fuzz_graphkit_64983_a_team_cell_that_never_ends(shared: Path, tmp_path: Path, alarm: None) -> None:
    """Fuzz input graphkit:64983 (a repeated section and duplicated lines, 805 kB; 2.0 CPU s): each
    line added to a team cell searched the whole cell for the end of a role, and each entry
    searched the whole team section for its column's heading."""
    path = _replay(shared, "medway-area-send-2024-02.txt", "graphkit", 64983, tmp_path)
    letter = read_letter(path)
    assert letter.extraction.kind == "area_send_2023"
    assert any(p.context == "team" for p in letter.extraction.people)  # the team is still read
    letter_graph(letter)


def test_team_cell_growth_is_linear(alarm: None) -> None:
    from graphkit.extract.report2023.people import _LONGEST_CELL, _team_columns_text

    text = "Ofsted\nJo Bloggs, His Majesty's Inspector\n" + "and more words\n" * 40000
    columns = _team_columns_text(text, 0, len(text))
    assert columns and all(len(cell) <= _LONGEST_CELL + 100 for _org, cell in columns)


def test_fuzz_graphkit_88382_a_copy_list_pasted_thousands_of_times(tmp_path: Path, alarm: None) -> None:
    """Fuzz input graphkit:88382 (sections repeated twice over, keywords changed, cp1252, 905 kB;
    11 CPU s): a fictional revisit letter whose copy list ran to 34,965 entries, 525,000 triples.
    A copy list is kept to its first 50 entries."""
    from graphkit.extract.letter2016 import _MOST_COPIES

    path, ops = _replay_fictional("revisit-mixed-2019-harrowmere.txt", "graphkit:88382", tmp_path)
    assert ops == "repeat_section+repeat_section+change_keywords+cp1252"
    letter = read_letter(path)
    assert 0 < len(letter.extraction.cc) <= _MOST_COPIES
    _, g = letter_graph(letter)
    assert len(g) < 50_000


def test_fuzz_graphkit_final_34222_a_pdf_whose_pages_take_pdfium_seconds(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fuzz input graphkit-final:34222 (one damaged stream in a report's PDF; 3.4 CPU s): PDFium
    took half a second to open each page, in its own code where no time limit reaches. A PDF
    whose pages take PDFium over PDFIUM_BUDGET seconds of CPU is refused as damaged, with a fix.
    (The budget is lowered here so that a faster machine than this one still runs past it.)"""
    from graphkit.errors import ReadError
    from graphkit.read import document

    pdf = shared / "letters" / "2023-framework" / "medway-area-send-2024-02.pdf"
    assert read_letter(pdf).extraction.kind == "area_send_2023"  # the undamaged report, within the budget
    path, ops = _mutated(pdf.read_bytes(), ".pdf", "graphkit-final:34222", tmp_path / "damaged")
    assert ops == "damage_stream"
    monkeypatch.setattr(document, "PDFIUM_BUDGET", 0.1)
    with pytest.raises(ReadError, match="damaged.*Download the report again"):
        read_letter(path)
