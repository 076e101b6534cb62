"""Recognise what a document is: initial letter, revisit letter, 2023 report, or a look-alike.

An inspection letter needs both its heading ("Joint local area SEND inspection|revisit in X")
and the inspectorates' own opening ("Ofsted and the Care Quality Commission (CQC) conducted /
revisited ..."). Look-alikes that borrow the heading or the wording — DfE letters about a
written statement of action or an accelerated progress plan, revisit notices to parents,
council or press paraphrases — are ``other``, with the reason.
"""

from __future__ import annotations

import re

__all__ = ["classify", "partial_kind"]

_REPORT = re.compile(r"Area\s+SEND\s+inspection\s+of\s+(?:the\s+)?[\s\S]{1,80}?Local\s+Area\s+Partnership", re.I)
_INITIAL = re.compile(r"^[ \t]*Joint\s+local\s+area\s+SEND\s+inspection\s+in\s+\S", re.I | re.M)
_REVISIT = re.compile(r"^[ \t]*Joint\s+local\s+area\s+SEND\s+re-?visit\s+in\s+\S", re.I | re.M)
_ANY_HEADING = re.compile(r"Joint\s+local\s+area\s+SEND\s+(?:inspection|re-?visit)", re.I)
# the inspectorates' opening sentence: "..., Ofsted and the Care Quality Commission (CQC)
# conducted a joint inspection" / "revisited Middlesbrough" / "revisited the local area of X"
_INTRO = re.compile(
    r"Ofsted\s+and\s+(?:the\s+)?(?:Care\s+Quality\s+Commission|CQC)(?:\s+\(CQC\))?,?\s+"
    r"(?:conducted|carried\s+out|undertook|revisited|re-visited)\b",
    re.I,
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
_DATED = re.compile(
    r"\b\d{1,2}(?:\s+" + _MONTH + r")?(?:\s+\d{4})?\s*(?:to|and|–|-)\s*\d{1,2}\s+" + _MONTH + r"\s+\d{4},?\s*$"
)
_NOTICE = re.compile(
    r"Letter\s+to\s+be\s+circulated\s+to\s+parents|circulated\s+to\s+parents\s+and\s+carers"
    r"|^[ \t]*Re-?visit\s+of\s+.{1,60}?\s+issued\s+with\s+a\s+written\s+statement\s+of\s+action"
    r"|^[ \t]*Dear\s+parents?\b",
    re.I | re.M,
)
_APP = re.compile(r"accelerated\s+progress\s+plan", re.I)
_DFE_SIGNER = re.compile(
    r"Parliamentary\s+Under[- ]Secretary|Minister\s+(?:of\s+State\s+)?for\b|\bMinister\b\s*$"
    r"|Sanctuary\s+Buildings|Great\s+Smith\s+Street|\bDfE\s+Case\s+Lead\b|\bCase\s+Lead\b|\bSEND\s+Advis[eo]rs?\b",
    re.I | re.M,
)
_DFE = re.compile(r"Department\s+for\s+Education|\bDfE\b")
_DEAR = re.compile(r"^[ \t]*Dear\b", re.M)
_YOURS = re.compile(r"^[ \t]*Yours\s+(?:sincerely|faithfully)", re.I | re.M)
_DASH_HEADING = re.compile(
    r"^[ \t]*Joint\s+local\s+area\s+SEND\s+(?:inspection|re-?visit)\s*[–—:-]\s*(\S[^\n]*)", re.I | re.M
)
_WSOA = re.compile(r"written\s+statement\s+of\s+action|\bWSoA\b", re.I)
_OUTCOME_TALK = re.compile(
    r"areas?\s+of\s+(?:significant|serious)\s+weakness|written\s+statement\s+of\s+action|sufficient\s+progress", re.I
)

_NOT = "not an inspection letter: "

# Ofsted's other inspections of a council's services, named by their own headings: a careful
# reader (and the skip reason) says which it is rather than calling it a paraphrase
_CHILDREN_SERVICES = r"children(?:[’']s)?\s+services"
_OTHER_INSPECTIONS = (
    (
        re.compile(r"\bJoint\s+targeted\s+area\s+inspection\b|\bJTAI\b", re.I),
        "a joint targeted area inspection (JTAI) letter, not an area SEND inspection",
    ),
    (
        re.compile(r"^[ \t]*Focused\s+visit\s+to\b[^\n]{0,120}?" + _CHILDREN_SERVICES, re.I | re.M),
        "a focused-visit letter about a council's children's services, not an area SEND inspection",
    ),
    (
        re.compile(r"^[ \t]*Monitoring\s+visit\s+(?:to|of)\b[^\n]{0,120}?" + _CHILDREN_SERVICES, re.I | re.M),
        "a monitoring-visit letter about a council's children's services, not an area SEND inspection",
    ),
    (
        re.compile(
            r"^[ \t]*Inspection\s+of\b[^\n]{0,120}?(?:local\s+authority\s+)?"
            + _CHILDREN_SERVICES
            + r"|\bILACS\b|inspecting\s+local\s+authority\s+children",
            re.I | re.M,
        ),
        "a children's services (ILACS) inspection report, not an area SEND inspection",
    ),
)


def _other_inspection(text: str) -> str | None:
    """What a report of another Ofsted inspection is (JTAI, focused visit, ILACS), from its opening.

    >>> _other_inspection("Inspection of Gotham local authority children’s services\\nInspection dates: 1 to 5 May")
    "a children's services (ILACS) inspection report, not an area SEND inspection"
    >>> _other_inspection("Focused visit to Gotham local authority children’s services") is not None
    True
    >>> _other_inspection("Dear Jo, this is about SEND.") is None
    True
    """
    head = text[:3000]
    for pattern, what in _OTHER_INSPECTIONS:
        if pattern.search(head):
            return what
    return None


def _dfe_letter(text: str) -> bool:
    """A DfE letter: DfE in the letterhead (before the salutation), or a minister, DfE case lead
    or SEND adviser in the sign-off and cc (after "Yours ..."); the body is not looked at, since
    inspection letters mention the DfE and its advisers too."""
    dear = _DEAR.search(text)
    head = text[: dear.start()] if dear else text[:600]
    yours = list(_YOURS.finditer(text))
    tail = text[yours[-1].end() :] if yours else text[-800:]
    return bool(_DFE.search(head) or _DFE_SIGNER.search(head) or _DFE_SIGNER.search(tail))


def _opening(text: str, heading: re.Match[str] | None) -> re.Match[str] | None:
    """The inspectorates' opening sentence as a letter has it: after the heading (a press article
    quoting a letter may name the heading last), and either dated ("Between 4 and 8 February
    2019, Ofsted and ...") or in a letter with a salutation (a council page restating the outcome
    has neither)."""
    if heading is None:
        return _INTRO.search(text)
    intro = _INTRO.search(text, heading.end())
    if intro is None or intro.start() - heading.end() > 2500:
        return None
    if _DATED.search(text[max(heading.end(), intro.start() - 160) : intro.start()]) or _DEAR.search(text):
        return intro
    return None


def classify(text: str) -> tuple[str, list[str]]:
    """The document's kind and, for ``other``, the reasons.

    >>> classify("Joint local area SEND revisit in Middlesbrough\\nBetween 8 and 10 July 2019, "
    ...          "Ofsted and the Care Quality Commission (CQC) revisited Middlesbrough")[0]
    'revisit'
    >>> classify("Department for Education\\nDear Jo\\nYour accelerated progress plan is fit for purpose.")
    ('other', ['not an inspection letter: a DfE letter about an accelerated progress plan'])
    """
    if _REPORT.search(text[:3000]):
        return "area_send_2023", []
    if _NOTICE.search(text):
        return "other", [_NOT + "a notice to parents and carers about a revisit (no findings or decisions)"]
    heading = _REVISIT.search(text) or _INITIAL.search(text)
    intro = _opening(text, heading)
    dfe = _dfe_letter(text)
    if heading and intro and not dfe:
        return ("revisit" if heading.re is _REVISIT else "initial"), []
    other = _other_inspection(text)
    if other:
        return "other", [_NOT + other]
    if dfe and _APP.search(text):
        return "other", [_NOT + "a DfE letter about an accelerated progress plan"]
    if dfe and _WSOA.search(text):
        return "other", [_NOT + "a DfE letter about a written statement of action"]
    if dfe:
        return "other", [_NOT + "a letter from the Department for Education"]
    dash = _DASH_HEADING.search(text)
    if dash and not heading:
        return "other", [
            _NOT + f'a letter headed "{" ".join(dash.group().split())}" without the '
            "inspectorates' opening (a DfE progress letter?)"
        ]
    if heading and intro is None:
        return "other", [
            _NOT + "an inspection letter's heading without the inspectorates' opening "
            "(a paraphrase or a copy of part of a letter?)"
        ]
    if _OUTCOME_TALK.search(text) or _ANY_HEADING.search(text):
        return "other", [
            _NOT + 'a paraphrase of an inspection outcome (no "Joint local area SEND '
            "inspection in <area>\" heading with the inspectorates' opening)"
        ]
    return "other", ['no "Joint local area SEND" or "Area SEND inspection" heading found']


# a copy that starts at the inspectorates' dated opening, its heading lost (a web reproduction)
_HEADLESS = re.compile(
    r"\bBetween\s+\d{1,2}[\s\S]{0,60}?\d{4},?\s+Ofsted\s+and\s+(?:the\s+)?(?:Care\s+Quality\s+Commission|CQC)"
    r"(?:\s+\(CQC\))?,?\s+(?:(?P<revisit>revisited|re-visited)|conducted|carried\s+out|undertook)\b",
    re.I,
)
_REPORT_PARTS = re.compile(
    r"^[ \t]*(?:Inspection\s+outcome|Information\s+about\s+the\s+local\s+area\s+partnership"
    r"|What\s+is\s+it\s+like\s+to\s+be\s+a\s+child\s+or\s+young\s+person\s+with\s+SEND"
    r"|What\s+is\s+the\s+area\s+partnership\s+doing\s+that\s+is\s+effective"
    r"|What\s+does\s+the\s+area\s+partnership\s+need\s+to\s+do\s+better|Areas\s+for\s+priority\s+action"
    r"|Areas\s+for\s+improvement|Local\s+area\s+partnership\s+details)\b",
    re.I | re.M,
)


def partial_kind(text: str) -> tuple[str, str] | None:
    """For a document :func:`classify` calls ``other``: the kind of letter it is part of, and
    what is missing, when it is a copy of part of an inspection letter or report; else None.

    A heading-less reproduction opening "Between …, Ofsted and the CQC conducted a joint
    inspection of the local area of X" is part of an initial letter ("revisited …": a revisit); a
    text holding at least two of a 2023 report's own section headings without its title is part of
    an area SEND report. Look-alikes (DfE letters, notices to parents) are never partial letters.

    >>> partial_kind("Between 3 and 7 May 2021, Ofsted and the CQC revisited the local area of Exley to decide")
    ('revisit', 'no "Joint local area SEND revisit in <area>" heading (a copy starting at the opening paragraph)')
    >>> partial_kind("Dear parents, the inspectors revisited Exley.") is None
    True
    """
    if _NOTICE.search(text) or _dfe_letter(text):
        return None
    opening = _HEADLESS.search(text, 0, 2000)
    if opening and not (_REVISIT.search(text) or _INITIAL.search(text)):
        kind = "revisit" if opening.group("revisit") else "initial"
        word = "revisit" if kind == "revisit" else "inspection"
        return kind, (f'no "Joint local area SEND {word} in <area>" heading (a copy starting at the opening paragraph)')
    if (
        not _REPORT.search(text[:3000])
        and len({m.group().strip().lower()[:12] for m in _REPORT_PARTS.finditer(text)}) >= 2
    ):
        return (
            "area_send_2023",
            'no "Area SEND inspection of <area> Local Area Partnership" title (a copy without its title page)',
        )
    return None
