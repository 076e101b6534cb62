"""--partial: copies holding only part of a letter (fictional letters cut at test time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run_cli
from pdfgen import pdf_text, write_report
from rdflib import RDFS, Dataset, Literal
from test_report2023_variants import ASHBY

from graphkit.graph.rdf import GK
from graphkit.pipeline import letter_graph, read_letter

LETTERS = Path(__file__).parent / "data" / "letters"


def _headless(tmp_path: Path, source: str, name: str, keep: int | None = None) -> Path:
    """A web reproduction of a letter: no heading, starting at "Between …" (cut after ``keep`` characters)."""
    text = (LETTERS / source).read_text(encoding="utf-8")
    start = text.index("Between ")
    out = tmp_path / name
    out.write_text(text[start : start + keep if keep else None], encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def report_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fictional 2023 report's text, as PDFium reads it."""
    pdf = write_report(tmp_path_factory.mktemp("partial") / "ashby.pdf", ASHBY)
    return pdf_text(pdf)


def test_headless_initial_refused_naming_the_flag_then_read(tmp_path: Path) -> None:
    copy = _headless(tmp_path, "initial-no-wsoa-kettlebridge.txt", "kettlebridge-web.txt")
    code, out, err = run_cli(["show", str(copy)])
    assert_one_line_error(code, out, err, "kettlebridge-web.txt", "--partial")
    code, out, err = run_cli(["show", "--json", "--partial", str(copy)])
    assert code == 0, err
    [summary] = json.loads(out)
    assert summary["kind"] == "initial" and summary["area"] == "Kettlebridge"
    assert summary["visit_start"] == "2018-10-01" and summary["visit_end"] == "2018-10-05"
    assert err.startswith('Warning: kettlebridge-web.txt: read as a partial copy: no "Joint local area SEND')


def test_headless_cut_revisit_is_a_revisit_marked_partial(tmp_path: Path) -> None:
    copy = _headless(tmp_path, "revisit-2021-northcliffe.txt", "northcliffe-web.txt", keep=1200)
    letter = read_letter(copy, partial=True)
    x = letter.extraction
    assert x.kind == "revisit" and x.area and x.area.value == "Northcliffe"
    assert x.partial and "heading" in x.partial and "sign-off" in x.partial
    _, g = letter_graph(letter)
    assert list(g.objects(None, GK.partialCopyReason)) == [Literal(x.partial)]


def test_validate_partial_warns_and_conforms(tmp_path: Path) -> None:
    copy = _headless(tmp_path, "initial-no-wsoa-kettlebridge.txt", "kettlebridge-web.txt")
    code, out, err = run_cli(["validate", str(copy)])
    assert_one_line_error(code, out, err, "kettlebridge-web.txt", "--partial")
    code, out, err = run_cli(["validate", "--partial", "--format", "json", str(copy)])
    assert code == 0, err
    report = json.loads(out)
    partial = [r for r in report["results"] if r["shape"].endswith("#PartialCopyShape")]
    assert len(partial) == 1 and partial[0]["severity"] == "warning" and "heading" in partial[0]["message"]
    assert report["violations"] == 0


def test_report_without_its_title_page(tmp_path: Path, report_text: str) -> None:
    """No title: still an area SEND report; the area it never names is not made up."""
    copy = tmp_path / "no-title.txt"
    copy.write_text(report_text[report_text.index("Inspection outcome") :], encoding="utf-8")
    code, out, err = run_cli(["show", str(copy)])
    assert_one_line_error(code, out, err, "no-title.txt", "--partial")
    letter = read_letter(copy, partial=True)
    x = letter.extraction
    assert x.kind == "area_send_2023" and x.outcome and x.outcome.value == "widespread_failings"
    assert x.partial and "title" in x.partial
    _, g = letter_graph(letter)
    assert (None, GK.area, None) not in g
    assert not [o for o in g.objects(None, RDFS.label) if "no-title" in str(o)]
    code, out, err = run_cli(["validate", "--partial", str(copy)])
    assert code == 0 and "0 violations" in out, out


def test_report_without_its_tables(tmp_path: Path, report_text: str) -> None:
    copy = tmp_path / "no-tables.txt"
    copy.write_text(report_text[: report_text.index("Local area partnership details")], encoding="utf-8")
    code, out, err = run_cli(["extract", str(copy), "-o", str(tmp_path / "g.trig")])
    assert_one_line_error(code, out, err, "no-tables.txt", "--partial")
    code, out, err = run_cli(["extract", "--partial", str(copy), "-o", str(tmp_path / "g.trig")])
    assert code == 0 and "partial copy" in err, err
    ds = Dataset()
    ds.parse(str(tmp_path / "g.trig"), format="trig")
    reasons = [str(o) for _, _, o, _ in ds.quads((None, GK.partialCopyReason, None, None))]
    assert len(reasons) == 1 and "Inspection team" in reasons[0]


def test_look_alikes_are_never_partial_letters() -> None:
    for name in (
        "council-paraphrase-ottermouth.txt",
        "council-web-copy-hmci-determined-brindlecombe.txt",
        "dfe-app-letter-larkmoor.txt",
        "dfe-app-letter-web-copy-grantley.txt",
        "dfe-ministerial-ravensholt.txt",
        "dfe-wsoa-letter-hollinsbrook.txt",
        "parents-revisit-notice-dunmore.txt",
        "press-article-revisit-verdict-thornbury-wick.txt",
    ):
        letter = read_letter(LETTERS / name, partial=True)
        assert letter.extraction.kind == "other" and letter.extraction.partial is None, name


def test_whole_letters_unchanged_by_the_flag(real_letters: list[Path]) -> None:
    for path in real_letters[:3]:
        assert read_letter(path, partial=True).extraction == read_letter(path).extraction


def test_build_partial(tmp_path: Path) -> None:
    from graphkit.store.db import open_store

    copy = _headless(tmp_path, "initial-no-wsoa-kettlebridge.txt", "kettlebridge-web.txt")
    code, _, err = run_cli(["build", str(copy), "--db", str(tmp_path / "db")])
    assert code == 1 and "--partial" in err
    code, _, err = run_cli(["build", "--partial", str(copy), "--db", str(tmp_path / "db")])
    assert code == 0 and "1 added" in err, err
    rows = list(
        open_store(tmp_path / "db").query(f"SELECT ?why WHERE {{ GRAPH ?g {{ ?d <{GK.partialCopyReason}> ?why }} }}")
    )
    assert len(rows) == 1
