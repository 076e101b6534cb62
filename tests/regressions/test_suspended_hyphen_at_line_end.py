"""A suspended hyphen at a line end ("five-\nto 18-year-olds") was joined into "five-to 18-year-olds"."""

from graphkit.model import collapse
from graphkit.read.document import normalise


def test_suspended_hyphen_keeps_a_space() -> None:
    assert collapse(normalise("plans for five-\nto 18-year-olds")[0]) == "plans for five- to 18-year-olds"
    assert collapse(normalise("pre-\nand post-16 settings")[0]) == "pre- and post-16 settings"


def test_word_broken_at_a_hyphen_is_still_joined() -> None:
    assert normalise("decision-\nmaking, up-\nto-date, Stockton-on-\r\nTees")[0] == (
        "decision-making, up-to-date, Stockton-on-Tees"
    )
