"""A press report quoting a revisit letter (its heading in the last line, "Ofsted and the Care
Quality Commission (CQC) revisited X" without dates) was read as a revisit letter."""

from graphkit.extract import classify


def test_heading_after_the_opening_is_not_a_letter() -> None:
    text = (
        "Ofsted and the Care Quality Commission (CQC) revisited Testham last month.\n\n"
        '"The area has not made sufficient progress," the letter said.\n\n'
        "Joint local area SEND revisit in Testham: read the letter online.\n"
    )
    assert classify(text)[0] == "other"


def test_undated_opening_without_a_salutation_is_not_a_letter() -> None:
    text = (
        "Joint local area SEND inspection in Testham\n\n"
        "In May 2017, Ofsted and the CQC carried out a joint inspection of Testham.\n"
    )
    assert classify(text)[0] == "other"
    dated = text.replace("In May 2017,", "Between 8 and 12 May 2017,")
    assert classify(dated)[0] == "initial"
