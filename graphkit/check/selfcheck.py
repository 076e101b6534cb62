"""Self-checks: what in one document's graph looks misread, compared with its own text.

SHACL shapes check that the graph is well formed; these checks look for the marks a misread
leaves behind, using the document's normalised text (``gk:text``) where the shapes cannot:

* a person's name holding role or body words, brackets, a dash or a long run of capitalised
  words (two people, or a name and a role, read as one name);
* a list item that begins with its own number, holds the next item's number, or holds a running
  page header (a numbered list read as one block, a header glued onto an item);
* a list or table shorter than the document says (an inspection team shorter than the "with a
  team of inspectors including ..." sentence, a team with Ofsted inspectors but none from the
  CQC; "three areas of significant weakness" against the weaknesses read);
* a parent carer forum that the text appears to name when none was read.

Each check returns :class:`SelfCheckFinding` records (a Warning each, with a message a person can
act on, and the IRI of the check in ``gksh:``); :mod:`graphkit.check.validate` reports them the same way
as the shapes' results. The checks read one document's graph once: a few milliseconds each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from graphkit.extract.common import to_int

__all__ = ["SelfCheckFinding", "CHECKS", "check_document", "running_header", "count_word"]

GK = Namespace("https://w3id.org/graphkit/def#")
GKSH = Namespace("https://w3id.org/graphkit/shapes#")
OA = Namespace("http://www.w3.org/ns/oa#")

PERSON_NAME = GKSH.PersonNameLooksMisreadCheck
LIST_ITEM = GKSH.ListItemLooksMisreadCheck
RUNNING_HEADER = GKSH.RunningHeaderInValueCheck
TEAM_COUNT = GKSH.InspectionTeamShorterThanTextCheck
WEAKNESS_COUNT = GKSH.WeaknessCountDiffersFromTextCheck
FORUM_NAMED = GKSH.ParentCarerForumNotReadCheck
MERGED_ITEMS = GKSH.ItemsReadAsOneCheck
SECTION_EMPTY = GKSH.SectionReadEmptyCheck

_DOCUMENT_CLASSES = (GK.InitialLetter, GK.RevisitLetter, GK.AreaSendReport)


@dataclass(frozen=True)
class SelfCheckFinding:
    """One thing that looks misread: where (focus node, property), what, and which check found it."""

    focus: URIRef
    message: str
    check: URIRef
    path: URIRef | None = None
    value: str | None = None
    severity: str = "warning"


@dataclass
class _Doc:
    """What the checks need of one document's graph, gathered once."""

    g: Graph
    node: URIRef
    kind: URIRef
    text: str
    inspection: URIRef | None
    mentions: list[URIRef] | None = None
    statements: list[tuple[URIRef, str, int, str]] | None = None


# --- words ----------------------------------------------------------------------------------

_ARTICLES = {"a": 1, "an": 1, "another": 1, "single": 1}  # "a CQC inspector", "another HMI"


def count_word(word: str) -> int | None:
    """The number a count word or numeral stands for, or None.

    >>> count_word("Three"), count_word("12"), count_word("an"), count_word("several")
    (3, 12, 1, None)
    """
    return to_int(word) or _ARTICLES.get(word.strip().lower())


# Words that name a role, a body or a part of a report: never part of a person's name.
_ROLE_WORDS = frozenset(
    """inspector inspectors inspection report hmi ofsted cqc nhs icb ccg council board partnership
    commission authority director directors executive officer chair chairman manager deputy
    regional interim assistant services service children’s children's childrens education
    integrated borough county department government quality area local trust commissioning
    group clinical cabinet member lead""".split()
)
_NAME_PARTICLES = frozenset("van von de der den du da di del la le bin ibn al el ap".split())
_DASH = re.compile(r"\s[-–—]\s|[–—]|\s-|-\s")
_BRACKET = re.compile(r"[()\[\]{}]")
_DIGIT = re.compile(r"\d")

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_HEADER = re.compile(
    r"(?:Area\s+SEND\s+)?(?i:inspection)\s+report\s*:"
    r"|Joint\s+local\s+area\s+SEND\s+(?:inspection|re-?visit)\s+in\s+\S"
    r"|\bPage\s+\d+\s+of\s+\d+\b"
    r"|Local\s+Area\s+Partnership\s*,?\s+\d{1,2}(?:\s+"
    + _MONTH
    + r")?(?:\s+\d{4})?\s*(?:to|and|–|-)\s*\d{1,2}\s+"
    + _MONTH
    + r"\s+\d{4}"
    r"|^\s*\d{1,2}(?:\s+"
    + _MONTH
    + r")?(?:\s+\d{4})?\s*(?:to|and|–|-)\s*\d{1,2}\s+"
    + _MONTH
    + r"\s+\d{4}(?:\s+\d{1,3})?\s*$"
)


_HEADER_WORDS = ("eport", "Joint", "Page", "Partnership")


def running_header(value: str) -> str | None:
    """The running page header (or page line) a value holds, or None.

    >>> running_header("Ofsted Inspector Inspection report:")
    'Inspection report:'
    >>> running_header("20 to 24 November 2023 8")
    '20 to 24 November 2023 8'
    >>> running_header("Leaders should improve the joint local area SEND inspection in May") is None
    True
    """
    if not (value.lstrip()[:1].isdigit() or any(k in value for k in _HEADER_WORDS)):
        return None  # the cheap test first: most values hold none of the header's words
    m = _HEADER.search(value)
    return " ".join(m.group().split()) if m else None


def _name_problem(name: str) -> str | None:
    """Why a person's name as read looks like more than a name, or None."""
    if running_header(name):
        return f'it holds a running page header ("{running_header(name)}")'
    words = name.split()
    role = [w for w in words if w.lower().strip(",.;:") in _ROLE_WORDS]
    if role:
        return f'it holds the word{"s" if len(role) > 1 else ""} "{" ".join(role)}" (a role or a body, not a name)'
    if _BRACKET.search(name):
        return "it holds brackets (a role or an organisation read into the name?)"
    if _DASH.search(name):
        return "it holds a dash (a name and its role in one cell?)"
    if _DIGIT.search(name):
        return "it holds digits (a date or page number read into the name?)"
    capitals = [w for w in words if w[:1].isupper() and w.lower() not in _NAME_PARTICLES]
    if len(capitals) >= 4:
        return f"it is a run of {len(capitals)} capitalised words (two people read as one?)"
    return None


# --- gathering ------------------------------------------------------------------------------


def _documents(g: Graph) -> Iterator[_Doc]:
    for cls in _DOCUMENT_CLASSES:
        for s in g.subjects(RDF.type, cls):
            if not isinstance(s, URIRef):
                continue
            text = _one(g, s, GK.text)
            insp = g.value(s, GK.about)
            yield _Doc(g, s, cls, str(text) if text is not None else "", insp if isinstance(insp, URIRef) else None)


def _mentions(d: _Doc) -> list[URIRef]:
    """The document's person mentions: addressees, signatories, team, partnership leaders."""
    if d.mentions is None:
        d.mentions = list(_iter_mentions(d))
    return d.mentions


def _iter_mentions(d: _Doc) -> Iterator[URIRef]:
    seen: set[Node] = set()
    for p in (GK.mentions, GK.addressee):
        for m in d.g.objects(d.node, p):
            if isinstance(m, URIRef) and m not in seen and (m, GK.nameAsWritten, None) in d.g:
                if (m, RDF.type, GK.BodyMention) in d.g:
                    continue
                seen.add(m)
                yield m


def _strings(g: Graph, s: Node, p: URIRef) -> list[str]:
    return [str(o) for o in g.objects(s, p) if isinstance(o, Literal)]  # type: ignore[arg-type]


# A graph given to `graphkit validate` may be damaged: a value given twice, or not the number it
# should be. The shapes report that (sh:maxCount, sh:datatype); the checks read such a value as
# unknown -- never one of the two picked by the order rdflib yields them, never a crash.


def _one(g: Graph, s: Node, p: URIRef) -> Literal | None:
    """``s``'s one literal value for ``p``, or None where it has none or several."""
    values = list(g.objects(s, p))  # type: ignore[arg-type]
    return values[0] if len(values) == 1 and isinstance(values[0], Literal) else None


def _whole_number(g: Graph, s: Node, p: URIRef) -> int | None:
    """``s``'s one value for ``p`` as a whole number, or None where it is missing, given twice or
    not a number.

    >>> g = Graph()
    >>> _ = g.add((GK.a, GK.ordinal, Literal(3))).add((GK.b, GK.ordinal, Literal("3rd")))
    >>> _whole_number(g, GK.a, GK.ordinal), _whole_number(g, GK.b, GK.ordinal), _whole_number(g, GK.c, GK.ordinal)
    (3, None, None)
    """
    value = _one(g, s, p)
    number = value.toPython() if value is not None else None
    return number if isinstance(number, int) and not isinstance(number, bool) else None


_STATEMENT_CLASSES = {
    GK.SignificantWeakness: "weakness",
    GK.PriorityAction: "area for priority action",
    GK.AreaForImprovement: "area for improvement",
    GK.Finding: "finding",
}


def _statements(d: _Doc) -> list[tuple[URIRef, str, int, str]]:
    """(node, what it is, ordinal, text) of every list item read from the document (gathered once)."""
    if d.statements is None:
        g = d.g
        d.statements = []
        for s, text in g.subject_objects(GK.statementText):
            what = next(
                (
                    _STATEMENT_CLASSES[t]
                    for t in g.objects(s, RDF.type)
                    if isinstance(t, URIRef) and t in _STATEMENT_CLASSES
                ),
                None,
            )
            if what is None or not isinstance(s, URIRef):
                continue
            ordinal = _whole_number(g, s, GK.ordinal)
            d.statements.append((s, what, -1 if ordinal is None else ordinal, str(text)))
    return d.statements


# --- the checks -----------------------------------------------------------------------------


def check_person_names(d: _Doc) -> Iterator[SelfCheckFinding]:
    """A person's name holding role words, brackets, a dash, digits or a run of capitalised words."""
    for m in _mentions(d):
        for name in _strings(d.g, m, GK.nameAsWritten):
            why = _name_problem(name)
            if why:
                yield SelfCheckFinding(
                    m,
                    f'The name "{name}" looks misread: {why}. Check this person against the letter\'s '
                    "table or sign-off, and report the letter if graphkit split it wrongly.",
                    PERSON_NAME,
                    GK.nameAsWritten,
                    name,
                )


_VALUE_PROPERTIES = (GK.roleLabel, GK.organisationName, GK.responsibleBodyText, GK.nameAsWritten)


def check_running_headers(d: _Doc) -> Iterator[SelfCheckFinding]:
    """A role, organisation or responsible body holding a running page header or a page line."""
    for m in list(_mentions(d)) + [s for s in d.g.subjects(GK.responsibleBodyText, None) if isinstance(s, URIRef)]:
        for p in _VALUE_PROPERTIES:
            if p == GK.nameAsWritten:
                continue  # names: check_person_names
            for value in _strings(d.g, m, p):
                header = running_header(value)
                if not header and p == GK.roleLabel and _RUNNING_TEXT.search(value):
                    yield SelfCheckFinding(
                        m,
                        f'The role "{_clip(value)}" holds running text, not a role: the table was read '
                        "together with the paragraph beside or below it.",
                        RUNNING_HEADER,
                        p,
                        value,
                    )
                if header:
                    yield SelfCheckFinding(
                        m,
                        f'"{value}" holds a running page header or page line ("{header}"), read in from a '
                        "page break: the value, or the row after it, is probably misread.",
                        RUNNING_HEADER,
                        p,
                        value,
                    )


# a role is a few words: a long one, a second person or a sentence break means running text
_RUNNING_TEXT = re.compile(r"^(?:\S+\s+){15,}\S|\b(?:you|your|we|our)\b|[a-z]\.\s+[A-Z][a-z]", re.I)


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_LEADING_NUMBER = re.compile(r"^\s*\(?(\d{1,2})[.)]\s")
_INNER_NUMBER = re.compile(r"(?<=[.;:])\s+\(?(\d{1,2})[.)]\s+[A-Z]")


def check_list_items(d: _Doc) -> Iterator[SelfCheckFinding]:
    """A list item that begins with its own number, holds the next item's number, or a running header."""
    for node, what, ordinal, text in _statements(d):
        lead = _LEADING_NUMBER.match(text)
        header = running_header(text)
        inner = [int(m.group(1)) for m in _INNER_NUMBER.finditer(text)]
        # the number after this item's own (ordinals count from 0 or 1 depending on the list)
        nexts = {int(lead.group(1)) + 1} if lead else {2, ordinal + 1, ordinal + 2}
        expected = min(set(inner) & nexts, default=0)
        if lead:
            yield SelfCheckFinding(
                node,
                f'This {what} begins with a number ("{lead.group().strip()}"): the numbered list was '
                "probably read as text, and may hold several items in one.",
                LIST_ITEM,
                GK.statementText,
            )
        elif expected:
            yield SelfCheckFinding(
                node,
                f"This {what} holds the number of the next item ({expected}.): several numbered items "
                "were probably read as one.",
                LIST_ITEM,
                GK.statementText,
            )
        heading = _SECTION_HEADING.search(text) if any(w in text for w in _SECTION_WORDS) else None
        if heading:
            yield SelfCheckFinding(
                node,
                f'This {what} holds the heading "{" ".join(heading.group().split())}": the list was read '
                "past the end of its section.",
                LIST_ITEM,
                GK.statementText,
            )
        if header:
            yield SelfCheckFinding(
                node,
                f'This {what} holds a running page header or page line ("{header}"), read in from a page '
                "break: its text is probably misread (and may run into the next item).",
                RUNNING_HEADER,
                GK.statementText,
            )


_SECTION_HEADING = re.compile(
    r"\b(?:Local\s+area\s+partnership\s+details|Information\s+about\s+this\s+inspection|Inspection\s+team\s+Ofsted"
    r"|Areas\s+for\s+priority\s+action\s+Responsible|What\s+is\s+it\s+like\s+to\s+be\s+a\s+child\s+or\s+young\s+person"
    r"|What\s+is\s+the\s+area\s+partnership\s+doing|What\s+does\s+the\s+area\s+partnership\s+need\s+to\s+do"
    r"|Yours\s+sincerely|Main\s+[Ff]indings\b(?!\s+[a-z]))"
)

_SECTION_WORDS = ("Local", "Information", "Inspection", "Areas", "What", "Yours", "Main")

_SECTIONS = (
    (
        re.compile(r"^[ \t]*Areas\s+for\s+priority\s+action[ \t]*$", re.M),
        GK.PriorityAction,
        "areas for priority action",
    ),
    (re.compile(r"^[ \t]*Areas\s+for\s+improvement[ \t]*$", re.M), GK.AreaForImprovement, "areas for improvement"),
)
_DETAILS = re.compile(r"^[ \t]*Local\s+area\s+partnership\s+details[ \t]*$", re.M | re.I)
_TEAM_HEADING = re.compile(r"^[ \t]*Inspection\s+team\b", re.M)


def check_sections_read(d: _Doc) -> Iterator[SelfCheckFinding]:
    """A 2023 report with a list's or table's heading in its text but nothing read under it."""
    if d.kind != GK.AreaSendReport or d.inspection is None:
        return
    g = d.g
    for heading, cls, what in _SECTIONS:
        if what[1:] in d.text and heading.search(d.text) and not any(True for _ in g.subjects(RDF.type, cls)):
            yield SelfCheckFinding(
                d.inspection,
                f'The report has a heading "{what[0].upper() + what[1:]}" but no {what} were read: the list '
                "under it was probably misread (lost, or read into another section).",
                SECTION_EMPTY,
            )
    contexts = {g.value(m, GK.personContext) for m in _mentions(d)}
    for heading, context, what in (
        (_DETAILS, GK.PartnershipLeader, "partnership leaders (Local area partnership details)"),
        (_TEAM_HEADING, GK.TeamMember, "inspection team"),
    ):
        if heading.search(d.text) and context not in contexts:
            yield SelfCheckFinding(
                d.inspection,
                f"The report has its {what} table but nobody was read from it: the table was probably "
                "misread (two columns interleaved, or read as running text).",
                SECTION_EMPTY,
            )


_TEAM_SENTENCE = re.compile(
    r"led\s+by\s+(?:one\s+of\s+)?(?:Her|His)\s+Majesty[’']s\s+Inspectors?[\s\S]{0,40}?from\s+Ofsted,?\s+"
    r"with\s+a\s+team\s+of\s+inspectors,?\s+including:?(?P<rest>[\s\S]{0,600}?)\.(?:\s|$)",
    re.I,
)
_NUM = r"(?:\b(?P<n>a|an|one|another|two|three|four|five|six|seven|eight|nine|\d)\s+)?(?:(?:other|further|more|lead|team)\s+)*"
_CQC_MENTION = re.compile(_NUM + r"(?:team\s+of\s+)?children[’']?s\s+services\s+inspectors?\b", re.I)
_OFSTED_MENTION = re.compile(
    _NUM + r"(?:of\s+)?(?:HM[’']?Is?(?:\s*/\s*Ofsted\s+Inspectors?)?|Ofsted\s+Inspectors?"
    r"|(?:Her|His)\s+Majesty[’']s\s+Inspectors?)\b",
    re.I,
)
_CQC_WORDS = re.compile(r"\bCQC\b|Care\s+Quality\s+Commission", re.I)
_OFSTED_WORDS = re.compile(r"\bOfsted\b|\bHMI\b|Majesty", re.I)


def _said_team(text: str) -> tuple[int, int, str] | None:
    """(Ofsted inspectors, CQC inspectors, the sentence) as the team sentence gives them, at least."""
    at = text.find("team of inspectors")
    if at < 0:
        return None
    m = _TEAM_SENTENCE.search(text, max(0, at - 200), at + 800)
    if not m:
        return None
    rest = m.group("rest")
    cqc_at = _CQC_MENTION.search(rest)
    ofsted_part = rest[: cqc_at.start()] if cqc_at else rest
    ofsted = 1 + sum(count_word(x.group("n") or "one") or 1 for x in _OFSTED_MENTION.finditer(ofsted_part))
    cqc = sum(count_word(x.group("n") or "one") or 1 for x in _CQC_MENTION.finditer(rest))
    return ofsted, cqc, " ".join(m.group().split())


def check_team(d: _Doc) -> Iterator[SelfCheckFinding]:
    """An inspection team shorter than the team sentence says, or with Ofsted but no CQC inspector."""
    if d.inspection is None:
        return
    g = d.g
    ofsted = cqc = 0
    for m in _mentions(d):
        context = g.value(m, GK.personContext)
        if context not in (GK.TeamMember, GK.Signatory):
            continue
        words = " ".join(_strings(g, m, GK.organisationName) + _strings(g, m, GK.roleLabel))
        if _CQC_WORDS.search(words):
            cqc += 1
        elif _OFSTED_WORDS.search(words):
            ofsted += 1
    signer = _signer(d.text) if d.kind in (GK.InitialLetter, GK.RevisitLetter) else None
    if signer:
        surname = signer.split()[-1].lower()
        names = [n.lower() for m in _mentions(d) for n in _strings(g, m, GK.nameAsWritten)]
        if not any(surname in n.split() for n in names):
            yield SelfCheckFinding(
                d.inspection,
                f'The letter is signed by "{signer}", who is not among the people read: the signature '
                "or the team table after it was probably misread (cut at a page break?).",
                TEAM_COUNT,
                URIRef("http://www.w3.org/ns/prov#qualifiedAssociation"),
                signer,
            )
            return
    if not ofsted and not cqc:
        return  # no team read at all: the lead-inspector shape reports documents with a team only
    said = _said_team(d.text)
    if said is not None:
        want_ofsted, want_cqc, sentence = said
        short = []
        if ofsted < want_ofsted:
            short.append(f"{want_ofsted} from Ofsted, {ofsted} read")
        if cqc < want_cqc:
            short.append(f"{want_cqc} from the CQC, {cqc} read")
        if short:
            yield SelfCheckFinding(
                d.inspection,
                f"The inspection team read is shorter than the report says ({'; '.join(short)}): the team "
                "table probably continues after a page break that was not read.",
                TEAM_COUNT,
                URIRef("http://www.w3.org/ns/prov#qualifiedAssociation"),
                sentence[:200],
            )
            return
    if ofsted and not cqc and _CQC_WORDS.search(d.text):
        yield SelfCheckFinding(
            d.inspection,
            "The inspection team read has Ofsted inspectors but no CQC inspector, though every joint "
            "inspection has one: the CQC rows of the team table were probably lost (page break, two columns).",
            TEAM_COUNT,
            URIRef("http://www.w3.org/ns/prov#qualifiedAssociation"),
        )


_SIGNOFF = re.compile(
    r"^[ \t]*Yours\s+(?:sincerely|faithfully),?[ \t]*\n(?:[ \t]*\n){0,4}[ \t]*(?P<name>[^\n]+)", re.M | re.I
)
_HONORIFICS = frozenset("mr mrs ms miss dr prof professor sir dame".split())


def _signer(text: str) -> str | None:
    """The name under a letter's last "Yours sincerely", when it looks like a name."""
    found = list(_SIGNOFF.finditer(text))
    if not found:
        return None
    words = [w for w in found[-1].group("name").split() if w.lower().strip(".") not in _HONORIFICS]
    while words and words[-1].isupper():  # post-nominals: HMI, CBE, OBE
        words.pop()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or _DIGIT.search(" ".join(words)):
        return None
    return " ".join(words)


_WEAKNESS_COUNT = re.compile(
    r"\b(?P<n>[a-z]+|\d{1,2})\s+(?:(?:serious|significant)\s+)?(?:areas?\s+of\s+(?:significant|serious)\s+weakness(?:es)?"
    r"|(?:significant|serious)\s+weaknesses)\b",
    re.I,
)


def check_weakness_count(d: _Doc) -> Iterator[SelfCheckFinding]:
    """A 2016-22 letter saying "N areas of significant weakness" when another number was read."""
    if d.kind not in (GK.InitialLetter, GK.RevisitLetter) or d.inspection is None:
        return
    read = sum(1 for s in d.g.subjects(RDF.type, GK.SignificantWeakness) if (s, GK.statementText, None) in d.g)
    for m in _WEAKNESS_COUNT.finditer(d.text):
        n = count_word(m.group("n"))
        if n is None or n < 2 or m.group("n").lower() in {"a", "an", "another"}:
            continue
        if n != read:
            yield SelfCheckFinding(
                d.inspection,
                f'The letter says "{" ".join(m.group().split())}" but {read} weakness'
                f"{'es were' if read != 1 else ' was'} read: the weakness list was probably misread "
                "(items merged, split, or lost at a page break).",
                WEAKNESS_COUNT,
                GK.weaknessOf,
                " ".join(m.group().split()),
            )
            return


_PCF = r"[Pp]arent\s+[Cc]arer(?:s)?\s+[Ff]orum"
_FORUM_NAMED = re.compile(
    # "the ‘Have Your Say’ parent carer forum", "‘Have Your Say’, the local parent carer forum"
    r"[‘“\"'][A-Z][^’”\"'\n]{1,60}[’”\"'],?\s+(?:(?:the|our|its|their|a)\s+)?(?:local\s+)?"
    + _PCF
    + "|"
    # "the parent carer forum, Families in Step (FiS)", "forum (Northshire SEND Family Forum, or NSFF)",
    # "forum called X", "forum known as X"
    + _PCF
    + r"\s*(?:,|\(|\s)\s*(?:(?:also\s+)?(?:called|named|known\s+as)\s+)?(?<=[,(]|\s)[‘“\"']?(?!PCF\b|the\b|and\b|who\b|which\b)[A-Z][a-z]\w*(?:\s+[A-Z][\w’'&-]*)+|"
    # "known in Northshire as the Family Voice Alliance (FVA)"
    r"known\s+(?:locally\s+|in\s+[A-Z]\w+\s+)?as\s+(?:the\s+)?[‘“\"']?[A-Z]\w*(?:\s+[A-Z][\w’'&-]*)+"
    r"(?=[\s\S]{0,80}" + _PCF + r")"
)


def check_forum(d: _Doc) -> Iterator[SelfCheckFinding]:
    """The text appears to name the parent carer forum, but no forum was read."""
    if d.inspection is None or (d.inspection, GK.parentCarerForum, None) in d.g:
        return
    m = _FORUM_NAMED.search(d.text)
    if m:
        words = " ".join(m.group().split())
        yield SelfCheckFinding(
            d.inspection,
            f'The text seems to name the parent carer forum ("{words[:120]}") but no forum was read: '
            "check the forum's name in the letter.",
            FORUM_NAMED,
            GK.parentCarerForum,
            words[:200],
        )


def check_merged_items(d: _Doc) -> Iterator[SelfCheckFinding]:
    """An area for priority action or improvement whose quote holds a new paragraph opening the way
    the list's items open ("Leaders ... should"): several items read as one."""
    g = d.g
    for cls, what in ((GK.PriorityAction, "area for priority action"), (GK.AreaForImprovement, "area for improvement")):
        items = [s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)]
        texts = {s: str(_one(g, s, GK.statementText) or "") for s in items}
        openers = {t.split()[0] for t in texts.values() if t.split()}
        for s in items:
            for start, end in _quote_spans(g, s, GK.statementText):
                inner = _inner_paragraphs(d.text, start, end, openers)
                if inner:
                    yield SelfCheckFinding(
                        s,
                        f"This {what} holds {len(inner)} more paragraph{'s' if len(inner) > 1 else ''} opening "
                        f'like an item of its own ("{" ".join(inner[0].split())[:80]}"): several items were '
                        "probably read as one, so the list read is shorter than the report's.",
                        MERGED_ITEMS,
                        GK.statementText,
                    )
                    break


def _quote_spans(g: Graph, node: URIRef, prop: URIRef) -> list[tuple[int, int]]:
    """(start, end) of the quotes behind ``node``'s ``prop``."""
    out = []
    for q in g.subjects(GK.quoteFor, node):
        if (q, GK.quoteOfProperty, prop) not in g:
            continue
        for sel in g.objects(q, OA.hasSelector):
            start, end = _whole_number(g, sel, OA.start), _whole_number(g, sel, OA.end)
            if start is not None and end is not None:
                out.append((start, end))
    return out


Check = Callable[[_Doc], Iterable[SelfCheckFinding]]

CHECKS: dict[URIRef, tuple[Check, str]] = {
    PERSON_NAME: (check_person_names, "a person's name holding role words, brackets, a dash or a run of capitals"),
    RUNNING_HEADER: (check_running_headers, "a role, organisation or list item holding a running page header"),
    LIST_ITEM: (check_list_items, "a list item beginning with its own number or holding the next one's"),
    TEAM_COUNT: (check_team, "an inspection team shorter than the report's team sentence, or with no CQC inspector"),
    MERGED_ITEMS: (check_merged_items, "an area for priority action or improvement holding several items"),
    SECTION_EMPTY: (check_sections_read, "a 2023 report's list or table heading with nothing read under it"),
    WEAKNESS_COUNT: (check_weakness_count, '"N areas of significant weakness" against the weaknesses read'),
    FORUM_NAMED: (check_forum, "a parent carer forum named in the text, none read"),
}


def check_document(g: Graph) -> list[SelfCheckFinding]:
    """Every self-check finding on the documents in ``g`` (one document's graph, usually).

    >>> check_document(Graph())
    []
    """
    out: list[SelfCheckFinding] = []
    seen: set[tuple[URIRef, str]] = set()
    for d in _documents(g):
        for fn, _ in CHECKS.values():
            for f in fn(d):
                if (f.focus, f.message) not in seen:
                    seen.add((f.focus, f.message))
                    out.append(f)
    return out


_SENTENCE_END = re.compile(r"[.!?][’”)\"']?$")


def _inner_paragraphs(text: str, start: int, end: int, openers: set[str]) -> list[str]:
    """Lines inside text[start:end] that open a new paragraph with one of ``openers`` (an item's
    first word), after a line ending a sentence short of the right margin or before a blank line."""
    lines = text[start:end].split("\n")
    width = max((len(x.rstrip()) for x in lines), default=0)
    out = []
    for i, line in enumerate(lines[:-1]):
        before = line.rstrip()
        if not before.strip() or not _SENTENCE_END.search(before):
            continue
        j = i + 1
        blank = False
        while j < len(lines) and not lines[j].strip():
            blank = True
            j += 1
        if j >= len(lines):
            break
        nxt = lines[j].strip()
        first = nxt.split()[0] if nxt.split() else ""
        if first in openers and "also" not in nxt.split()[:8] and (blank or len(before) < 0.85 * width):
            out.append(nxt)
    return out
