"""The browser view in a real headless Chromium (Debian's chromium + chromium-driver), via Selenium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graphkit.share.export import to_networkx, write_export
from graphkit.store.db import GraphStore, load_graph_file

SMALL = Path(__file__).parent / "data" / "small-themes.trig"
ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts"


@pytest.fixture(scope="module")
def store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    from graphkit.store.build import build_store
    from graphkit.store.db import open_store

    path = tmp_path_factory.mktemp("html") / "db"
    build_store([shared / "letters"], path, jobs=1)
    graph = path.parent / "send.trig"
    open_store(path, create=False).dump(graph)
    return load_graph_file(graph)


def _severe(driver: object) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]


def test_embedded_json_cannot_close_the_script(tmp_path: Path) -> None:
    out = tmp_path / "small.html"
    write_export(load_graph_file(SMALL), "html", "full", out)
    page = out.read_text(encoding="utf-8")
    assert "window.pwned" in page and "<script>window.pwned" not in page
    assert len(re.findall(r"</script>", page)) == 2  # the data element and the code, nothing from the letter
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert data is not None
    texts = json.dumps(json.loads(data.group(1)))
    assert "window.pwned=1" in texts
    assert " src=" not in page and "<link" not in page and "default-src 'none'" in page  # nothing fetched


def test_script_in_letter_text_is_inert(browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    out = tmp_path / "small.html"
    write_export(load_graph_file(SMALL), "html", "full", out)
    browser.get(out.as_uri())  # type: ignore[attr-defined]
    assert browser.execute_script("return window.pwned === undefined")  # type: ignore[attr-defined]
    box = browser.find_element(By.ID, "search")  # type: ignore[attr-defined]
    box.send_keys("weakness")
    browser.find_element(By.CSS_SELECTOR, "#results .hit").click()  # type: ignore[attr-defined]
    details = browser.find_element(By.ID, "details").text  # type: ignore[attr-defined]
    assert "<script>window.pwned=1</script>" in details
    assert browser.execute_script("return window.pwned === undefined")  # type: ignore[attr-defined]
    assert _severe(browser) == []


def test_real_graph_in_the_browser(browser: object, store: GraphStore, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    out = tmp_path / "send.html"
    write_export(store, "html", "full", out)
    expected = to_networkx(store, "full").number_of_nodes()
    browser.get(out.as_uri())  # type: ignore[attr-defined]
    assert _severe(browser) == []
    assert browser.execute_script("return window.graphkitView.drawn()") == expected  # type: ignore[attr-defined]
    # the layout spreads the graph over the canvas (a collapsed one fills a handful of cells)
    size = browser.execute_script("return [canvas.width, canvas.height]")  # type: ignore[attr-defined]
    cells = browser.execute_script("return window.graphkitView.cells()")  # type: ignore[attr-defined]
    assert cells >= 0.2 * min(expected, size[0] * size[1] / 400), (cells, expected, size)
    browser.find_element(By.ID, "search").send_keys("Middlesbrough")  # type: ignore[attr-defined]
    hits = browser.find_elements(By.CSS_SELECTOR, "#results .hit")  # type: ignore[attr-defined]
    assert any("Middlesbrough" in h.text for h in hits)
    insp = next(h for h in hits if "Middlesbrough" in h.text and h.get_attribute("data-group") == "inspection")
    insp.click()
    quotes = browser.find_elements(By.CSS_SELECTOR, "#details .quote")  # type: ignore[attr-defined]
    assert quotes and all(q.text.strip() for q in quotes)
    sources = browser.find_element(By.ID, "details").text  # type: ignore[attr-defined]
    assert "middlesbrough-revisit-2019-07.txt" in sources
    # a filter hides a group: fewer nodes drawn
    browser.find_element(By.CSS_SELECTOR, '#filters input[data-group="finding"]').click()  # type: ignore[attr-defined]
    assert browser.execute_script("return window.graphkitView.drawn()") < expected  # type: ignore[attr-defined]
    ARTEFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTEFACTS / "html-view.png"))  # type: ignore[attr-defined]
    assert _severe(browser) == []
