"""A closing paragraph naming "the Department for Education (DfE) and NHS England" was not read,
so a revisit letter with it was refused as having no closing on monitoring."""

import re

from graphkit.extract.letter2016 import _NEXT_STEPS


def test_next_steps_with_the_dfe_spelt_out_and_abbreviated() -> None:
    for closing in (
        "it is for the Department for Education (DfE) and NHS England to determine the next steps",
        "it is for DfE and NHS England to determine the next steps",
        "it is for the DfE and NHS England to decide the next steps",
    ):
        assert _NEXT_STEPS.search(re.sub(r" ", "\n", closing, count=3))
