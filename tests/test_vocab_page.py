"""``graphkit ontology --html``: the reference page, opened in a real headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, URIRef

from graphkit.cli import main
from graphkit.share.vocab import CORE_CLASSES, load_ontology, read_shapes

pytest.importorskip("pylode", reason="pyLODE is in the test extra: pip install -e '.[test]'")


def _need_dot() -> None:
    if shutil.which("dot") is None:
        reason = "Graphviz's dot is not installed (Debian package graphviz, see .ci/apt-packages)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_dot()
    out = tmp_path_factory.mktemp("reference")
    result = CliRunner().invoke(
        main, ["ontology", "--html", str(out / "site"), "--diagram", str(out / "core.png")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert "Wrote" in result.stderr and "shapes" in result.stderr
    assert (out / "core.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return out / "site" / "index.html"


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_reference_page_lists_every_term_scheme_and_shape(browser: object, page: Path) -> None:
    browser.get(page.as_uri())  # type: ignore[attr-defined]
    assert "graphkit ontology" in browser.title  # type: ignore[attr-defined]
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    text = _norm(browser.execute_script("return document.body.innerText"))  # type: ignore[attr-defined]

    onto = load_ontology()
    terms = sorted({s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)})
    assert len(terms) > 200
    missing = [str(t) for t in terms if str(t) not in text]
    assert not missing, f"terms not on the page: {missing}"
    for heading in ("Classes", "Object Properties", "Datatype Properties", "Concept schemes", "SHACL shapes"):
        assert heading in text
    for scheme in ("Outcomes", "RevisitResults", "MentionRoles", "InspectionRoles", "Themes"):
        assert browser.execute_script(f"return !!document.getElementById('scheme-gk-{scheme}')")  # type: ignore[attr-defined]

    shapes = read_shapes()
    assert len(shapes) > 80
    for shape in shapes:
        local = shape.iri.rsplit("#", 1)[-1]
        row = browser.execute_script(  # type: ignore[attr-defined]
            "const r = document.getElementById(arguments[0]); return r ? r.innerText : null", f"shape-{local}"
        )
        assert row is not None, f"shape {local} is not on the page"
        row = _norm(row)
        assert shape.severity in row, (local, shape.severity)
        for message in shape.messages:
            assert _norm(message) in row, (local, message)
        if not shape.messages:  # a grouping node shape: its property shapes are named instead
            assert shape.members and all(m in row for m in shape.members), local


def test_reference_page_shows_the_core_diagram(browser: object, page: Path) -> None:
    browser.get(page.as_uri())  # type: ignore[attr-defined]
    width = browser.execute_script(  # type: ignore[attr-defined]
        "const s = document.querySelector('#diagram svg'); return s ? s.getBoundingClientRect().width : 0"
    )
    assert width > 400
    svg_text = _norm(browser.execute_script("return document.querySelector('#diagram svg').textContent"))  # type: ignore[attr-defined]
    onto = load_ontology()
    for cls in CORE_CLASSES:
        assert onto.namespace_manager.normalizeUri(cls) in svg_text, cls
    for reused in ("prov:Activity", "org:Organization", "oa:SpecificResource", "foaf:Person", "skos:Concept"):
        assert reused in svg_text
    for prop in ("gk:about", "gk:area", "gk:onWeakness", "gk:actionOf", "gk:person", "prov:qualifiedAssociation"):
        assert prop in svg_text


def test_ontology_without_options_says_where_it_is_and_what_it_holds() -> None:
    result = CliRunner().invoke(main, ["ontology"])
    assert result.exit_code == 0, result.stderr
    assert "graphkit.ttl" in result.stdout and "themes.ttl" in result.stdout
    assert "properties" in result.stdout and "with domain and range" in result.stdout


def test_ontology_bad_options_exit_2_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "ref.html"
    result = CliRunner().invoke(main, ["ontology", "--html", str(out), "--diagram", str(tmp_path / "core.gif")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "core.gif" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    result = CliRunner().invoke(main, ["ontology", "--diagram", str(tmp_path / "core.svg")])
    assert result.exit_code == 2 and "--html" in result.stderr
    assert not list(tmp_path.iterdir())
