"""`graphkit export --to site`: the offline atlas, built from ../shared and opened in headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.resolve import load_mi_2023, load_statistics
from graphkit.share.site.hexmap import hex_cells, layout_hexes
from graphkit.store.db import open_store

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"


@pytest.fixture(scope="module")
def site(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "atlas"
    result = CliRunner().invoke(main, ["export", "--db", str(built_store), "--to", "site", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "pages" in result.stderr
    return out


def _open(driver: object, page: Path) -> None:
    driver.get(page.as_uri())  # type: ignore[attr-defined]
    problems = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]  # type: ignore[attr-defined]
    assert problems == [], (page, problems)
    loaded = driver.execute_script(  # type: ignore[attr-defined]
        "return performance.getEntriesByType('resource').map(function(r){return r.name})"
    )
    assert loaded == [], (page, loaded)  # nothing fetched: no CDN, no font, no image


def _statistics_areas() -> set[str]:
    refs = {s.area_ref.slug for s in load_statistics()} | {m.area_ref.slug for m in load_mi_2023()}
    return refs


def test_every_page_forbids_loading_anything(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 150
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "default-src 'none'" in html, page
        assert not re.search(r"<(script|img|iframe|link)[^>]*\ssrc=|<link\b", html), page
        assert not re.search(r"""href=["']?(https?:)?//""", html), page


def test_home_map_has_one_coloured_linked_hexagon_per_area(site: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site / "index.html")
    expected = _statistics_areas()
    for fw, not_inspected in (("2023", "not_inspected"), ("2016", "not_inspected")):
        browser.find_element(By.CSS_SELECTOR, f'input[name=fw][value="{fw}"]').click()  # type: ignore[attr-defined]
        panel = browser.find_element(By.ID, f"panel-{fw}")  # type: ignore[attr-defined]
        assert panel.is_displayed()
        links = panel.find_elements(By.CSS_SELECTOR, "a.hex-link")
        slugs = [re.sub(r"^.*areas/|\.html$", "", a.get_dom_attribute("href")) for a in links]
        assert len(slugs) == len(set(slugs)) == len(expected)
        assert set(slugs) == expected
        for a in links:
            assert (site / "areas" / (a.get_dom_attribute("href").rsplit("/", 1)[1])).is_file()
        legend = panel.find_elements(By.CSS_SELECTOR, ".legend li")
        colours = {
            li.get_attribute("data-category"): li.find_element(By.CSS_SELECTOR, ".swatch").get_attribute("data-colour")
            for li in legend
        }
        fills = {a.find_element(By.CSS_SELECTOR, "path.hex").get_attribute("fill") for a in links}
        for a in links:  # each hexagon in its category's colour
            assert (
                a.find_element(By.CSS_SELECTOR, "path.hex").get_attribute("fill")
                == colours[a.get_dom_attribute("data-category")]
            )
        assert len(fills) >= 3
        counts = [int(li.find_element(By.CSS_SELECTOR, "strong").text) for li in legend]
        assert sum(counts) == len(expected)
        if fw == "2016":  # every area of the statistics had a 2016-22 inspection
            assert panel.find_element(By.CSS_SELECTOR, f'.legend [data-count="{not_inspected}"]').text == "0"
    # the table lists every area and sorts
    rows = browser.find_elements(By.CSS_SELECTOR, "#areas-table tbody tr")  # type: ignore[attr-defined]
    assert len(rows) == len(expected)
    browser.find_element(By.XPATH, '//table[@id="areas-table"]//th[text()="Region"]').click()  # type: ignore[attr-defined]
    regions = [
        r.find_elements(By.TAG_NAME, "td")[1].text
        for r in browser.find_elements(By.CSS_SELECTOR, "#areas-table tbody tr")
    ]  # type: ignore[attr-defined]
    assert regions == sorted(regions, key=str.lower)
    _open(browser, site / "index.html")  # the framework chosen is kept in the address: #2016 opens that map
    browser.get((site / "index.html").as_uri() + "#2016")  # type: ignore[attr-defined]
    assert browser.find_element(By.ID, "panel-2016").is_displayed()  # type: ignore[attr-defined]
    assert not browser.find_element(By.ID, "panel-2023").is_displayed()  # type: ignore[attr-defined]
    _open(browser, site / "index.html")
    ARTEFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTEFACTS / "site-home.png"))  # type: ignore[attr-defined]


def test_bury_page_tells_its_three_inspections_in_order(site: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site / "areas" / "bury.html")
    items = browser.find_elements(By.CSS_SELECTOR, "#timeline > li.inspection")  # type: ignore[attr-defined]
    assert [i.get_attribute("data-kind") for i in items] == ["initial inspection", "revisit", "area SEND inspection"]
    dates = [i.get_attribute("data-date") for i in items]
    assert dates == sorted(dates) and dates[0].startswith("2017-06") and dates[2].startswith("2024-02")
    report = items[2].text
    assert "widespread or systemic failings" in report and "bury-area-send-2024-02.pdf" in report
    assert len(items[2].find_elements(By.CSS_SELECTOR, "blockquote")) == 9  # 6 priority actions, 3 improvements
    labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "svg.network text")]  # type: ignore[attr-defined]
    assert "Bury" in labels and any("NHS Greater Manchester" in t for t in labels) and "Adam Sproston" in labels
    browser.save_screenshot(str(ARTEFACTS / "site-area.png"))  # type: ignore[attr-defined]
    # a statement's source link opens its document with those words lit
    quote = items[2].find_element(By.CSS_SELECTOR, "blockquote")
    words = quote.text.split()
    quote.find_element(By.XPATH, "following-sibling::a[1]").click()
    assert "documents/bury-area-send-2024-02.html#q-" in browser.current_url  # type: ignore[attr-defined]
    lit = browser.find_elements(By.CSS_SELECTOR, "#doc-text .m.on")  # type: ignore[attr-defined]
    assert " ".join(m.text for m in lit).split() == words


def test_theme_page_charts_and_statements(site: Path, browser: object) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site / "themes" / "index.html")
    assert browser.find_elements(By.CSS_SELECTOR, ".chart svg")  # type: ignore[attr-defined]
    link = browser.find_element(By.CSS_SELECTOR, "table tbody tr td a")  # type: ignore[attr-defined]
    link.click()
    assert browser.find_elements(By.CSS_SELECTOR, ".chart svg")  # type: ignore[attr-defined]
    tables = browser.find_elements(By.CSS_SELECTOR, "table.numbers")  # type: ignore[attr-defined]
    total = sum(
        int(td.text) for t in tables[:1] for td in t.find_elements(By.CSS_SELECTOR, "tbody td:not(:first-child)")
    )
    statements = browser.find_elements(By.CSS_SELECTOR, "ol.stmts > li")  # type: ignore[attr-defined]
    assert total == len(statements) > 0
    assert all(s.find_elements(By.CSS_SELECTOR, "blockquote") for s in statements)
    browser.save_screenshot(str(ARTEFACTS / "site-theme.png"))  # type: ignore[attr-defined]


def _show_facts(summary: dict) -> list[tuple[str, str]]:
    """(property, value) pairs the review page must highlight for a `show --json` summary."""
    facts: list[tuple[str, str]] = []
    scalar = {
        "area": "areaName",
        "visit_start": "startDate",
        "visit_end": "endDate",
        "letter_date": "date",
        "wsoa_issued": "issuedOn",
        "wsoa_fit_for_purpose": "fitForPurposeOn",
        "initial_inspection_month": "month",
        "previous_inspection": "previousInspectionText",
        "next_full_inspection_within_years": "nextFullInspectionWithinYears",
        "monitoring_inspection_within_months": "monitoringInspectionWithinMonths",
        "priority_action_plan_required": "priorityActionPlanRequired",
        "monitoring_should_cease": "monitoringShouldCease",
        "wsoa_required": "wsoaRequired",
    }
    for key, prop in scalar.items():
        if summary.get(key) is not None:
            value = summary[key]
            facts.append((prop, str(value).lower() if isinstance(value, bool) else str(value)))
    if summary.get("outcome"):
        facts.append(("outcome", ""))
    facts += [("statementText", w) for w in summary["weaknesses"]]
    facts += [("statementText", p["text"]) for p in summary["priority_actions"]]
    facts += [
        ("responsibleBodyText", p["responsible_body"]) for p in summary["priority_actions"] if p.get("responsible_body")
    ]
    facts += [("statementText", i["text"] if isinstance(i, dict) else i) for i in summary["improvements"]]
    facts += [("sufficientProgress", str(d["sufficient_progress"]).lower()) for d in summary["revisit_decisions"]]
    facts += [("nameAsWritten", r["name"]) for r in summary["recipients"]]
    facts += [("", name) for name in [summary.get("local_authority"), *summary["ccgs"], *summary["icbs"]] if name]
    return facts


_PAGE_FACTS = """return Array.prototype.map.call(document.querySelectorAll('#fact-list > li'), function(li){
  return [li.getAttribute('data-prop'), li.getAttribute('data-value'), +li.getAttribute('data-n'),
          +li.getAttribute('data-start'), +li.getAttribute('data-end'), li.getAttribute('data-exact')]})"""
_MARKS = """var pre=document.getElementById('doc-text'),pos=0,out={};
var w=document.createTreeWalker(pre,NodeFilter.SHOW_TEXT);
while(w.nextNode()){var n=w.currentNode,m=n.parentNode.closest('.m');
  if(m){m.getAttribute('data-f').split(' ').forEach(function(f){(out[f]=out[f]||[]).push([pos,n.data])})}
  pos+=n.data.length}
return [pre.textContent, out]"""


def test_review_pages_highlight_every_fact_at_its_offsets(
    site: Path, built_store: Path, real_letters: list[Path], browser: object
) -> None:
    from selenium.webdriver.common.by import By

    shown = CliRunner().invoke(main, ["show", "--json", *map(str, real_letters)])
    assert shown.exit_code == 0, shown.output
    summaries = json.loads(shown.stdout)
    assert len(summaries) == len(real_letters)
    store = open_store(built_store, create=False)
    texts = {  # by the file's stem, which names its review page
        Path(r["f"].value).stem: r["t"].value  # type: ignore[index]
        for r in store.query(
            "SELECT ?f ?t WHERE { ?d <https://w3id.org/graphkit/def#text> ?t ; <https://w3id.org/graphkit/def#about> ?i ;"
            " <https://w3id.org/graphkit/def#sourceFile> ?f }"
        )
    }
    assert len(texts) == len(real_letters)
    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    people_checked = 0
    for summary in summaries:
        stem = Path(summary["source"]).stem
        _open(browser, site / "documents" / f"{stem}.html")
        page_facts = browser.execute_script(_PAGE_FACTS)  # type: ignore[attr-defined]
        # every fact of the summary is on the page (the graph's value, or the words quoted for a body)
        for prop, value in _show_facts(summary):
            hits = [
                f
                for f in page_facts
                if f[0] == prop
                and (not value or norm(value) in (norm(f[1]), norm(f[5])) or norm(value) in norm(f[1]).split("; "))
            ]
            assert hits, (stem, prop, value)
        people = {p["name"] for p in summary["people"]}
        named = {norm(f[1]) for f in page_facts if f[0] == "nameAsWritten"}
        assert all(any(n in name or name in n for name in named) for n in people), (stem, people - named)
        people_checked += len(people)
        # each highlight covers exactly its quote, at its offsets in the document's normalised text
        page_text, marks = browser.execute_script(_MARKS)  # type: ignore[attr-defined]
        doc_text = texts[stem]
        assert page_text == doc_text, stem
        for prop, _value, n, start, end, exact in page_facts:
            pieces = marks[str(n)]
            assert pieces[0][0] == start and "".join(p[1] for p in pieces) == exact == doc_text[start:end], (stem, prop)
            assert pieces[-1][0] + len(pieces[-1][1]) == end
        # click a fact: its words light up in the text
        items = browser.find_elements(By.CSS_SELECTOR, "#fact-list > li")  # type: ignore[attr-defined]
        items[0].click()
        lit = browser.find_elements(By.CSS_SELECTOR, "#doc-text .m.on")  # type: ignore[attr-defined]
        assert lit and "".join(m.text for m in lit).split() == page_facts[0][5].split()
        if stem == "bury-area-send-2024-02":
            next(li for li in items if li.get_attribute("data-prop") == "statementText").click()
            browser.save_screenshot(str(ARTEFACTS / "site-review.png"))  # type: ignore[attr-defined]
    assert people_checked > 100


def test_added_hexes_sit_beside_their_predecessors() -> None:
    cells = hex_cells()
    import csv
    from importlib.resources import files

    table = {
        r["gss"]: r
        for r in csv.DictReader((files("graphkit") / "data" / "local_authorities.csv").open(encoding="utf-8"))
    }
    for code in ("E06000061", "E06000062", "E06000063", "E06000064", "E06000065", "E06000066"):
        cell = cells[code]
        assert table[code]["label"] == cell.name and table[code]["status"] == "current"
        old = cells[cell.replaces]
        assert abs(old.q - cell.q) <= 1 and abs(old.r - cell.r) <= 1
    # a predecessor and its successors in one graph: every area gets a place of its own
    placed, missing = layout_hexes(
        [
            ("cumbria", "E10000006"),
            ("cumberland", "E06000063"),
            ("wf", "E06000064"),
            ("northants", "E10000021"),
            ("nn", "E06000061"),
            ("wn", "E06000062"),
            ("ny", "E06000065"),
            ("fiction", "E99999999"),
        ]
    )
    assert missing == ["fiction"]
    spots = [(q, r, part) for q, r, part in placed.values()]
    assert len(spots) == len(set(spots)) == 7
    assert placed["ny"][:2] == (cells["E10000023"].q, cells["E10000023"].r)  # recoded: its predecessor's cell
    assert placed["cumberland"][:2] == (cells["E06000063"].q, cells["E06000063"].r)


def test_html_view_defaults_to_labelled_areas_and_warns_on_a_hairball(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "send.html"
    r = CliRunner().invoke(main, ["export", "--db", str(built_store), "--to", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert ": areas view," in r.stderr and "Warning" not in r.stderr
    page = out.read_text(encoding="utf-8")
    assert 'n.group === "area"' in page  # area names are drawn on the canvas, not only on hover
    r = CliRunner().invoke(main, ["export", "--db", str(built_store), "--to", "html", "--view", "full", "-o", str(out)])
    assert r.exit_code == 0, r.output
    nodes = int(re.search(r"full view, (\d+) nodes", r.stderr).group(1))  # type: ignore[union-attr]
    assert nodes > 2000 and f"Warning: {nodes} nodes in one page" in r.stderr and "--view areas" in r.stderr
    r = CliRunner().invoke(main, ["export", "--db", str(built_store), "--to", "gexf", "-o", str(tmp_path / "g.gexf")])
    assert ": full view," in r.stderr  # other formats keep the full default


def test_show_html_writes_the_same_review_page_without_a_store(site: Path, shared: Path, tmp_path: Path) -> None:
    letter = shared / "letters" / "2016-framework" / "middlesbrough-revisit-2019-07.txt"
    out = tmp_path / "review.html"
    r = CliRunner().invoke(main, ["show", str(letter), "--html", str(out)])
    assert r.exit_code == 0, r.output
    assert f"Wrote {out}" in r.stderr and "middlesbrough" in r.stdout.lower()
    facts = r'<li(?: id="[^"]*")? data-n="\d+" data-start="(\d+)" data-end="(\d+)" data-prop="([^"]*)"'
    alone = re.findall(facts, out.read_text(encoding="utf-8"))
    in_site = re.findall(facts, (site / "documents" / f"{letter.stem}.html").read_text(encoding="utf-8"))
    assert alone and alone == in_site
    assert "default-src 'none'" in out.read_text(encoding="utf-8")


def test_review_page_marks_the_facts_the_self_checks_doubt() -> None:
    from graphkit.share.site.data import GK, ID, Area, Document, Fact, Inspection, SiteData
    from graphkit.share.site.pages import document_page

    text = "Area SEND inspection of Testshire\nInspection dates: 1 to 5 May 2023\nLead inspector: Ada Fictional"
    start, end = text.index("1 to 5"), text.index("1 to 5") + len("1 to 5 May 2023")
    name = text.index("Ada")
    area = Area(ID + "area/testshire", "testshire", "Testshire")
    insp = Inspection(ID + "inspection/testshire/area-send/2023-05", area.iri, "area SEND inspection", "2023-05-01")
    area.inspections.append(insp)
    doc = Document(
        ID + "doc/t",
        ID + "graph/t",
        "t",
        "t.txt",
        "Area SEND inspection of Testshire",
        "AreaSendReport",
        insp.iri,
        text=text,
    )
    doc.facts = [
        Fact(
            "q1",
            insp.iri,
            GK + "startDate",
            start,
            end,
            text[start:end],
            ["2023-05-01"],
            ["AreaSendInspection"],
            ["Warning: the end date is missing"],
        ),
        Fact(
            "q2",
            ID + "doc/t/person/0",
            GK + "nameAsWritten",
            name,
            len(text),
            "Ada Fictional",
            ["Ada Fictional"],
            ["PersonMention"],
        ),
    ]
    data = SiteData({area.iri: area}, {insp.iri: insp}, {doc.iri: doc}, {}, {}, {}, {})
    html = document_page(data, doc)
    assert re.search(r'<span class="m t-fact doubt" data-f="0">1 to 5 May 2023</span>', html)
    assert re.search(r'<span class="m t-person" data-f="1">Ada Fictional</span>', html)
    assert 'class="doubtmsg">Warning: the end date is missing' in html


def test_review_pages_are_named_by_their_file_and_never_share_a_name(tmp_path: Path) -> None:
    import hashlib

    from graphkit.graph.rdf import doc_key

    text = (Path(__file__).parent / "data" / "letters" / "initial-8-weaknesses-brackenford.txt").read_text(
        encoding="utf-8"
    )
    files = {  # path -> the page it should get
        tmp_path / "a" / "letter.txt": "",  # one name in two folders, other bytes: each by its key
        tmp_path / "b" / "letter.txt": "",
        tmp_path / "a" / "index.txt": "",  # documents/index.html lists the documents: by its key
        tmp_path / "a" / "Brackenford Copy.txt": "brackenford-copy.html",  # alone: its stem's slug
    }
    for i, path in enumerate(files):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text + "\n" * i, encoding="utf-8")
        if not files[path]:
            files[path] = doc_key(path.name, hashlib.sha256(path.read_bytes()).hexdigest()) + ".html"
    out = tmp_path / "pages"
    r = CliRunner().invoke(main, ["show", *map(str, files), "--html", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == sorted(files.values())
    for path, page in files.items():
        assert f"<p>{path.name} \u00b7 " in (out / page).read_text(encoding="utf-8"), page  # the page is its file's
