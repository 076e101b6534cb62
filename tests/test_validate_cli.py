"""``graphkit validate``: exit codes 0/1/2, --strict, --format json, --db, and the bad-input battery.

Bad input: one line on stderr naming the file, what is wrong and a fix; exit 2; nothing written;
no traceback unless --debug.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, blank_pdf, encrypted_pdf, run_cli

DATA = Path(__file__).parent / "data" / "letters"
# a fictional revisit letter that is read completely: its only finding is that "Northcliffe" is a
# made-up area with no GSS code (a warning)
GOOD_LETTER = DATA / "revisit-2021-northcliffe.txt"
GKSH = "https://w3id.org/graphkit/shapes#"


def _world_file(tmp_path: Path, update: str | None = None, name: str = "world.trig") -> Path:
    from test_shapes import _world

    path = tmp_path / name
    _world(update).serialize(destination=str(path), format="trig")
    return path


# --- exit codes ---------------------------------------------------------------------------------


def test_conforming_graph_exits_0_with_a_summary(tmp_path: Path) -> None:
    code, out, err = run_cli(["validate", str(_world_file(tmp_path))])
    assert code == 0, (out, err)
    assert out.strip().splitlines() == ["Checked 4 documents, " + out.split("Checked 4 documents, ")[1].strip()]
    assert "0 violations, 0 warnings, 0 infos" in out
    assert err == ""


def test_violation_exits_1_one_line_each(tmp_path: Path) -> None:
    from test_shapes import CASES

    bad = _world_file(tmp_path, CASES["WeaknessOneTextShape"][1])
    code, out, _ = run_cli(["validate", str(bad)])
    assert code == 1
    lines = out.strip().splitlines()
    [line] = [x for x in lines if "WeaknessOneTextShape" in x]
    assert line.startswith("VIOLATION: initial-x.txt: weakness 1 of initial-x (gk:statementText): ")
    assert "\u201cWeakness one text.\u201d" in line and line.endswith("[gksh:WeaknessOneTextShape]")
    assert lines[-1].startswith("Checked 4 documents") and "1 violation," in lines[-1]


def test_warnings_pass_unless_strict() -> None:
    code, out, _ = run_cli(["validate", str(GOOD_LETTER)])
    assert code == 0, out
    assert "WARNING: revisit-2021-northcliffe.txt: area Northcliffe (gk:gssCode)" in out
    assert "0 violations, 1 warning, 0 infos" in out
    code, _, _ = run_cli(["validate", "--strict", str(GOOD_LETTER)])
    assert code == 1


def test_infos_never_fail(tmp_path: Path) -> None:
    from test_shapes import CASES

    path = _world_file(tmp_path, CASES["LetterDatePresentShape"][1])
    code, out, _ = run_cli(["validate", "--strict", str(path)])
    assert code == 0 and "INFO: initial-x.txt: document initial-x.txt" in out


def test_json_format(tmp_path: Path) -> None:
    from test_shapes import CASES

    bad = _world_file(tmp_path, CASES["QuoteMatchesTextShape"][1])
    code, out, _ = run_cli(["validate", "--format", "json", str(bad)])
    assert code == 1
    data = json.loads(out)
    assert data["documents"] == 4 and data["violations"] == 1 and data["conforms"] is False
    [r] = data["results"]
    assert r["severity"] == "violation" and r["shape"] == GKSH + "QuoteMatchesTextShape"
    assert r["document"] == "initial-x.txt" and r["quote"] == "Weakness two text."
    assert set(r) == {"severity", "document", "focus", "focus_node", "path", "value", "message", "quote", "shape"}


def test_letters_and_graph_files_together(tmp_path: Path) -> None:
    code, out, _ = run_cli(["validate", str(GOOD_LETTER), str(_world_file(tmp_path))])
    assert code == 0 and "Checked 5 documents" in out


def test_nothing_to_validate_is_a_usage_error() -> None:
    code, out, err = run_cli(["validate"])
    assert_one_line_error(code, out, err, "validate", "nothing to validate")


@pytest.mark.skipif(importlib.util.find_spec("graphkit.store.db") is None, reason="graphkit.store.db not built yet")
def test_db_validates_a_built_store(tmp_path: Path) -> None:
    import pyoxigraph as ox

    world = _world_file(tmp_path)
    db = tmp_path / "db"
    store = ox.Store(str(db))
    store.load(path=str(world), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    code, out, err = run_cli(["validate", "--db", str(db)])
    assert code == 0, (out, err)
    assert "Checked 4 documents" in out and "0 violations" in out
    code, out, err = run_cli(["validate", "--db", str(tmp_path / "missing")])
    assert_one_line_error(code, out, err, "missing", "store")


def test_db_validation_reuses_what_the_build_found_clean_and_reports_the_same(
    built_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graphkit.check import validate as v

    ds, clean = v._open_db(built_store)
    graphs = {str(g.identifier) for g in ds.graphs() if "/graph/" in str(g.identifier)}
    names = {g.rsplit("/", 1)[-1] for g in clean}
    # the build validated the statistics too and found nothing; no shape reaches the links, the
    # themes or the manifest
    assert {"statistics", "links", "themes", "manifest"} <= names and clean < graphs
    with_findings = {r.document for r in v.validate_graph(ds).results if r.document}
    from graphkit.store.db import open_store

    manifest = open_store(built_store, create=False, read_only=True).manifest()
    skipped_sources = {manifest[g][1] for g in clean if g in manifest and manifest[g][2] != "validation"}
    assert with_findings and not with_findings & skipped_sources  # a document with findings is validated again
    fast, full = v.validate_graph(ds, clean=clean), v.validate_graph(ds)
    assert fast.results == full.results and (fast.documents, fast.triples) == (full.documents, full.triples)
    # graphkit validate --db: the stored findings shown again, the checks across run on the store
    store = v.validate_store(built_store)
    assert store.results == full.results and (store.documents, store.triples) == (full.documents, full.triples)
    # the shapes or pySHACL changed since the build: every graph is validated again, the same found
    monkeypatch.setattr(v, "shapes_fingerprint", lambda: "changed")
    # (but for the graphs no shape reaches: the stored findings, the manifest, the links, the themes)
    unreached = {g for g in graphs if "/validation/" in g or g.rsplit("/", 1)[-1] in ("manifest", "links", "themes")}
    assert v._open_db(built_store)[1] == unreached
    again = v.validate_store(built_store)
    assert again.results == full.results and (again.documents, again.triples) == (full.documents, full.triples)


def test_db_validation_shows_stored_findings_as_validating_again_would(tmp_path: Path, shared: Path) -> None:
    """A store holding findings of each kind (a self-check's, a shape's, a check across documents
    described from the whole store): ``validate --db`` shows the findings the build stored exactly
    as validating a copy of the whole store again gives them."""
    import re

    from graphkit.check import validate as v
    from graphkit.read import read_document
    from graphkit.store.build import build_store

    text = read_document(shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf").text
    rows = text[text.index("Inspection team") :].split("\n")
    last_row = next(line for line in rows[2:] if "CQC inspector" in line and "Ofsted" in line and line != rows[2])
    planted = text.replace("\n" + last_row, "", 1)  # the team table's last row lost
    previous = re.search(r"(Dates? of previous inspection:[^\n]*?)(\d{4})", planted)
    assert previous
    planted = planted[: previous.start(2)] + str(int(previous.group(2)) - 7) + planted[previous.end(2) :]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bury-copy.txt").write_text(planted, encoding="utf-8")
    for name in ("middlesbrough-revisit-2019-07.txt", "stockton-on-tees-initial-2019-02.txt"):
        (tmp_path / "in" / name).write_bytes((shared / "letters" / "2016-framework" / name).read_bytes())
    db = tmp_path / "db"
    assert not build_store([tmp_path / "in"], db).failed
    ds, _ = v._open_db(db)
    full = v.validate_graph(ds)
    stored = v.validate_store(db)
    assert stored.results == full.results and (stored.documents, stored.triples) == (full.documents, full.triples)
    assert {(r.document, r.shape.rsplit("#", 1)[1]) for r in full.results} == {
        ("bury-copy.txt", "InspectionTeamShorterThanTextCheck"),
        ("bury-copy.txt", "PreviousInspectionKnownShape"),  # across documents: against the statistics
        ("stockton-on-tees-initial-2019-02.txt", "LetterDatePresentShape"),
    }
    assert all(r.value for r in full.results if "bury" in r.document)


def test_a_graph_no_shape_reaches_has_nothing_to_find(built_store: Path, tmp_path: Path) -> None:
    """``validate --db`` and ``build`` leave alone the graphs no shape's targets reach: each of the
    built store's such graphs validated on its own finds nothing, and a graph is reached by a
    node of a targeted class (or of a subclass), a targeted property, or class axioms of its own."""
    from rdflib import RDFS

    from graphkit.check import validate as v
    from graphkit.graph.rdf import GK, ID
    from graphkit.store.db import Change, open_store

    store = open_store(built_store, create=False, read_only=True)
    unreached = [g for g in store.named_graphs() if not v.reached_by_shapes(store, g)]
    assert {g.rsplit("/", 1)[-1] for g in unreached} >= {"manifest", "links", "themes"}
    for g in unreached:
        assert not v.validate_graph(store.graph(g), cross_document=False).results, g
    assert v.reached_by_shapes(store, f"{ID}graph/statistics")

    s = open_store(tmp_path / "db")
    x, rdf_type = f"<{ID}x>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    cases = {
        "area": (f"{x} {rdf_type} <{GK.LocalArea}> .", True),
        "subclass": (f"{x} {rdf_type} <{GK.RevisitLetter}> .", True),  # a subclass of gk:Document
        "property": (f"{x} <{GK.integratedCareBoard}> <{ID}y> .", True),  # sh:targetSubjectsOf
        "axiom": (f"{x} <{RDFS.subClassOf}> <{GK.Theme}> .", True),
        "theme": (f"{x} {rdf_type} <{GK.ThemeCoding}> .", False),
        "link": (f"{x} <{GK.followedBy}> <{ID}y> .", False),
    }
    s.apply([Change(f"{ID}graph/{k}", nt, "0" * 64, k, "links") for k, (nt, _) in cases.items()])
    assert {k: v.reached_by_shapes(s, f"{ID}graph/{k}") for k in cases} == {k: want for k, (_, want) in cases.items()}


def test_a_stored_finding_reads_back_as_it_was_shown(tmp_path: Path) -> None:
    """Every field of a finding survives the store: quotes, newlines, curly quotes, odd characters."""
    from graphkit.check import validate as v
    from graphkit.graph.rdf import ID, validation_graph_of
    from graphkit.store.db import Change, open_store

    odd = 'He said "no"\\ then\nleft \u2028 \u2019 \U0001f600 \t end'
    results = [
        v.Result(
            "warning",
            "a b.pdf",
            "weakness 2 of a-b",
            odd,
            str(v.GKSH.SomeShape),
            str(ID["doc/a/finding/1"]),
            "gk:x",
            odd,
            odd,
        ),
        v.Result("info", "", "(blank node)", "m", "(blank node shape)", "_:b1"),
    ]
    g = str(ID["graph/a-b-0123456789ab"])
    store = open_store(tmp_path / "db")
    store.apply(
        [
            Change(g, f'<{ID}doc/a> <{ID}p> "x" .', sha256="f" * 64, source="a b.pdf", kind="area_send_2023"),
            Change(
                validation_graph_of(g),
                v.results_to_ntriples(v.Report(results), validation_graph_of(g)),
                sha256=f"{'f' * 64}+{v.shapes_fingerprint()}",
                source="a b.pdf",
                kind="validation",
            ),
        ]
    )
    got = v._stored_findings(store, g, store.manifest(), v.shapes_fingerprint())
    assert got is not None and sorted(got, key=repr) == sorted(results, key=repr)
    assert v._stored_findings(store, g, store.manifest(), "other shapes") is None


# --- bad input ---------------------------------------------------------------------------------


def _big_text(path: Path) -> None:
    with path.open("wb") as fh:
        line = b"Joint local area SEND inspection in Bigtown. " * 20 + b"\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)


DFE_LETTER = """Department for Education
Sanctuary Buildings
Great Smith Street
London SW1P 3BT

3 March 2022

Dear Ms Example

Quarrybank local area SEND: written statement of action

Thank you for sending the written statement of action for Quarrybank. I am pleased to confirm that
the Department and NHS England consider it fit for purpose. Your SEND adviser will meet you every
six months to review progress against each area of significant weakness.

Yours sincerely

Alex Placeholder
Deputy Director, SEND Delivery
"""


def _half_letter(path: Path) -> None:
    whole = GOOD_LETTER.read_text(encoding="utf-8")
    path.write_text(whole[: len(whole) // 2], encoding="utf-8")


CASES = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty"),
    "blank.txt": (lambda p: p.write_text("   \n\n\t  \n"), "white space"),
    "binary.txt": (lambda p: p.write_bytes(bytes(range(256)) * 40), "binary"),
    "photo.pdf": (lambda p: p.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 2000), "JPEG"),
    "locked.pdf": (encrypted_pdf, "encrypted"),
    "scan.pdf": (blank_pdf, "no text layer"),
    "corrupt.pdf": (lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ngarbage"), "corrupt"),
    "huge.txt": (_big_text, "too large"),
    "dfe-letter.txt": (lambda p: p.write_text(DFE_LETTER, encoding="utf-8"), "not an inspection letter: a DfE letter"),
    "recipe.txt": (lambda p: p.write_text("Lemon cake\n\nMix the butter and sugar.\n"), "not a SEND"),
    "half.txt": (_half_letter, "cut off"),
    "broken.ttl": (
        lambda p: p.write_text("@prefix ex: <http://e/> .\nex:a ex:b ex:c ;\n  ex:x ex:y ex:z .\n"),
        "line 3, column",
    ),
    "empty.trig": (lambda p: p.write_bytes(b""), "empty"),
    "blank.ttl": (lambda p: p.write_text("@prefix ex: <http://e/> .\n\n"), "holds no triples"),
    "graph.xyz": (lambda p: p.write_text("hello"), "not a SEND"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_exit_2_nothing_written(tmp_path: Path, name: str) -> None:
    make, words = CASES[name]
    bad = tmp_path / name
    make(bad)
    code, out, err = run_cli(["validate", str(bad)])
    assert_one_line_error(code, out, err, name, words)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_look_alike_line_names_file_reason_and_fix(tmp_path: Path) -> None:
    bad = tmp_path / "dfe-letter.txt"
    bad.write_text(DFE_LETTER, encoding="utf-8")
    _, _, err = run_cli(["validate", str(bad)])
    assert err.strip() == (
        f"Error: {bad}: not an inspection letter: a DfE letter about a written statement of action. "
        "graphkit validates Ofsted/CQC local area SEND inspection letters and reports only."
    )


def test_turtle_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n', encoding="utf-8")
    code, out, err = run_cli(["validate", str(bad)])
    assert_one_line_error(code, out, err, "broken.ttl", "at line 3, column")


def test_one_bad_input_among_good_ones_stops_before_validating(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = run_cli(["validate", str(GOOD_LETTER), str(bad)])
    assert_one_line_error(code, out, err, "empty.txt", "empty")


def test_cp1252_text_is_read(tmp_path: Path) -> None:
    text = GOOD_LETTER.read_text(encoding="utf-8").replace("'", "\u2019")
    assert "\u2019" in text  # the curly apostrophe is byte 0x92 in cp1252, invalid as UTF-8
    letter = tmp_path / "revisit-2021-northcliffe-cp1252.txt"
    letter.write_bytes(text.encode("cp1252", errors="replace"))
    code, out, err = run_cli(["validate", str(letter)])
    assert code == 0, (out, err)
    assert "0 violations" in out


def test_truncated_real_pdf(tmp_path: Path, shared: Path) -> None:
    source = shared / "letters" / "2023-framework" / "bury-area-send-2024-02.pdf"
    data = source.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    code, out, err = run_cli(["validate", str(cut)])
    assert_one_line_error(code, out, err, "cut.pdf", "PDF")


def test_debug_shows_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, _, err = run_cli(["--debug", "validate", str(bad)])
    assert code == 2 and "Traceback" in err


def test_validate_has_help() -> None:
    code, out, _ = run_cli(["validate", "--help"])
    assert code == 0 and "--strict" in out and "--format" in out and "--db" in out


# --- the real letters -----------------------------------------------------------------------------


def test_every_real_letter_validates_without_violation(real_letters: list[Path]) -> None:
    from graphkit.check.validate import validate_inputs

    report = validate_inputs(real_letters)
    assert report.documents == len(real_letters)
    violations = [
        f"{r.document}: {r.focus}: {r.message} [{r.shape}]" for r in report.results if r.severity == "violation"
    ]
    assert violations == [], f"{len(violations)} violations, first ones:\n" + "\n".join(violations[:10])


# what each real letter rightly raises (see the issue-4 notes): anything else is a regression
EXPECTED_REAL_FINDINGS = {
    ("info", "stockton-on-tees-initial-2019-02.txt", "LetterDatePresentShape"),  # the letter has no date
    ("info", "bolton-area-send-2024-06.pdf", "FormerCCGShape"),
    ("info", "derbyshire-area-send-2024-09.pdf", "FormerCCGShape"),
    ("info", "hertfordshire-area-send-2023-07.pdf", "FormerCCGShape"),
    ("info", "nottinghamshire-area-send-2023-01.pdf", "FormerCCGShape"),
    ("info", "trafford-area-send-2023-10.pdf", "FormerCCGShape"),
}


def test_real_letters_raise_only_the_expected_warnings_and_infos(real_letters: list[Path]) -> None:
    from graphkit.check.validate import validate_inputs

    report = validate_inputs(real_letters)
    found = {(r.severity, r.document, r.shape.removeprefix(GKSH)) for r in report.results if r.severity != "violation"}
    assert found == EXPECTED_REAL_FINDINGS
