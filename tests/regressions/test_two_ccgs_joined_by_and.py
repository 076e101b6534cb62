"""Two CCGs named together ("NHS North X CCG and NHS South X CCG") were read as one CCG whose
span started at the first "NHS"."""

from graphkit.extract.letter2016 import _ccgs


def test_each_ccg_is_its_own_body() -> None:
    text = "Leaders of NHS North Ashby CCG and NHS South Ashby CCG commission therapy differently."
    assert [c.value for c in _ccgs(text, [], 0, len(text))] == ["NHS North Ashby CCG", "NHS South Ashby CCG"]


def test_a_ccg_whose_name_holds_and_is_kept_whole() -> None:
    text = "The County Durham and Tees Valley Clinical Commissioning Groups agreed."
    assert [c.value for c in _ccgs(text, [], 0, len(text))] == [
        "County Durham and Tees Valley Clinical Commissioning Groups"
    ]
