"""Normalisation mends extraction damage and keeps a map back to the raw text."""

from __future__ import annotations

from pathlib import Path

from graphkit.read.document import Document, normalise, read_document

RAW = (
    "The local area partnership has a clear of\ufb01ce structure.\r\n"
    "\u25fc Leaders have improved co-\r\nproduction with families and the\r\n"
    "Area SEND inspection report: Wexcombe Local Area Partnership\r\n"
    "4 to 8 March 2024 3\r\n"
    "parent carer forum. Joint com\ufffe\r\nmissioning is weak.\r\n"
)


def test_normalise_mends_damage() -> None:
    text, _ = normalise(RAW)
    assert "office structure" in text
    assert "\r" not in text and "\ufffe" not in text
    assert "• Leaders have improved co-production" in text
    assert "and the\nparent carer forum" in text  # the running header is gone mid-sentence
    assert "Area SEND inspection report" not in text
    assert "Joint com-missioning" in text


def test_a_page_break_inside_a_word_is_mended_around_the_running_header() -> None:
    header = "Area SEND inspection report: Wexcombe Local Area Partnership\n4 to 8 March 2024 3\n"
    text, _ = normalise(
        "all children; the chil\ufffe\n" + header + "dren's needs and co-\n" + header + "produced plans\n"
    )
    assert text == "all children; the children's needs and co-produced plans\n"


def test_bullet_at_the_very_start_and_after_crlf() -> None:
    assert normalise("\u25aa first\r\n\u25aa second")[0] == "• first\n• second"


def test_offsets_map_back_to_the_raw_text() -> None:
    text, anchors = normalise(RAW)
    doc = Document(path=Path("x.txt"), raw=RAW, text=text, sha256="", anchors=anchors)
    for word in ("Leaders", "production", "parent", "missioning", "structure"):
        i = text.index(word)
        j = doc.to_raw(i)
        assert RAW[j : j + len(word)] == word, (word, RAW[j : j + 20])


def test_cp1252_text_is_read(tmp_path: Path) -> None:
    p = tmp_path / "letter.txt"
    p.write_bytes("Her Majesty\u2019s Inspector \u2013 caf\u00e9".encode("cp1252"))
    doc = read_document(p)
    assert doc.text == "Her Majesty\u2019s Inspector \u2013 caf\u00e9"


def test_running_headers_in_other_extractors_layouts() -> None:
    title = "Area SEND inspection report: Wexcombe Local Area Partnership"
    layouts = {
        "page on its own line": f"and the\n\n{title}\n4 to 8 March 2024\n\n3\n\n\fparent carer forum.\n",
        "page far right": f"and the\n\n\n{title}\n4 to 8 March 2024                                   3\n\fparent carer forum.\n",
        "leading spaces": f"and the \n \n  {title} \n4 to 8 March 2024 3 \n \nparent carer forum.\n",
        "blank line after the title": f"and the\n{title}\n\n4 to 8 March 2024\n\n3\n\n\nparent carer forum.\n",
        "page number moved away": f"and the\n\n{title}\n4 to 8 March 2024\n\nparent carer forum.\n",
    }
    for name, raw in layouts.items():
        text, _ = normalise(raw)
        assert "inspection report" not in text and "March" not in text, name
        assert " ".join(text.split()) == "and the parent carer forum.", name


def test_a_header_glued_into_a_word_whose_hyphen_the_extractor_took_out() -> None:
    raw = "a website that was coArea SEND inspection report: Wexcombe Local Area Partnership\n4 to 8 March 2024\n\n3\n\n\nproduced with families\n"
    assert normalise(raw)[0] == "a website that was coproduced with families\n"


def test_a_copy_whose_every_line_ends_with_a_space_parts_paragraphs_at_blank_lines(tmp_path: Path) -> None:
    para = "Leaders should do one thing. \nThey should do it well. \n \n"
    p = tmp_path / "copy.txt"
    p.write_text(para * 12, encoding="utf-8")
    doc = read_document(p)
    # a soft wrap keeps its space, a paragraph's end loses it, as in PDFium's text
    assert doc.text.startswith("Leaders should do one thing. \nThey should do it well.\n")
    i = doc.text.index("well.")
    assert doc.raw[doc.to_raw(i) : doc.to_raw(i) + 5] == "well."
