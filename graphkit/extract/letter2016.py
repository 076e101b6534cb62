"""2016-2022 framework letters: the initial inspection letter and the revisit letter.

Both are pure functions over a :class:`~graphkit.read.document.Document`'s normalised text. Every fact
keeps the span it was read from (``doc.text[s.start:s.end] == s.quote``); values derived from
the absence of text (``wsoa_required`` False in a letter without a written statement of action)
carry no span.

The letters' shape (see ``VARIATIONS.md`` 2a, 2b): optional header block (date, addressees),
salutation, heading "Joint local area SEND inspection|revisit in <Area>", intro sentence with
the visit dates, body, "Yours sincerely", signatory, a two-column Ofsted | Care Quality
Commission signature table that text extraction interleaves, and a cc list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from graphkit.extract.common import MONTHS, parse_date, parse_date_range, text_fact, to_int
from graphkit.extract.forum import parent_carer_forum
from graphkit.model import Extraction, Fact, Finding, Person, Recipient, Span, Verdict, Weakness, collapse
from graphkit.read.document import Document

__all__ = ["extract_initial", "extract_revisit", "check_complete"]

# --- patterns ----------------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
_DATE = r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"\.?,?\s+\d{4}"
_RANGE = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?(?:\s+" + _MONTH + r")?(?:\s+\d{4})?,?\s*(?:to|and|until|–|—|-)\s*" + _DATE, re.I
)
_HEADING = re.compile(
    r"^[ \t]*Joint\s+local\s+area\s+SEND\s+(?:inspection|re-?visit)\s+(?:in|of)\s+(?P<area>[^\n]+?)[ \t.]*$",
    re.I | re.M,
)
_DEAR = re.compile(r"^[ \t]*Dear\s+(?P<names>[^\n]+?)[ \t,]*$", re.M)
_SIGNOFF = re.compile(r"^[ \t]*Yours\s+(?:sincerely|faithfully)\b[ \t,]*$", re.I | re.M)
_CC = re.compile(r"^[ \t]*cc\b[ \t]*:?[ \t]*", re.I | re.M)
_TABLE_HEAD = re.compile(
    r"^[ \t]*(?:Ofsted(?:[ \t|]+Care\s+Quality\s+Commission)?|Care\s+Quality\s+Commission)[ \t]*$", re.M
)
_WSOA_HMCI = re.compile(
    r"(?:HMCI|Her\s+Majesty’s\s+Chief\s+Inspector|Her\s+Majesty's\s+Chief\s+Inspector)(?:\s+\(HMCI\))?\s+"
    r"has\s+determined\s+that\s+a\s+written\s+statement\s+of\s+action(?:\s+\(WSoA\))?\s+is\s+required",
    re.I,
)
_WSOA_LIST = re.compile(
    r"(?:required\s+to\s+produce\s+and\s+submit\s+a\s+written\s+statement\s+of\s+action[\s\S]{0,200}?)?"
    r"the\s+following\s+(?:areas?|aspects?)\s+of\s+(?:(?:significant|serious|major)\s+)?weakness(?:es)?\s*:",
    re.I,
)
_CONCERNS = re.compile(r"The\s+inspection\s+raises\s+significant\s+concerns", re.I)
_MAIN = re.compile(r"^[ \t]*Main\s+findings[ \t:]*$", re.I | re.M)
_ASPECT = re.compile(
    r"^[ \t]*The\s+effectiveness\s+of\s+the\s+local\s+area\s+in\s+"
    r"(?P<what>identifying|assessing\s+and\s+meeting|meeting|improving\s+outcomes)[^\n]*(?:\n[^\n]*?disabilit(?:y|ies))?[ \t]*$",
    re.I | re.M,
)
_SUBHEAD = re.compile(
    r"^[ \t]*(?P<h>Strengths|Areas?\s+for\s+(?:development|improvement)|Areas?\s+for\s+further\s+(?:development|improvement))[ \t:]*$",
    re.I | re.M,
)
_BULLET = re.compile(r"^[ \t]*(?:•|-|\*|–|o(?=\s)|\d{1,2}[.)])[ \t]+", re.M)
_FOUND = re.compile(
    r"(?:The\s+initial\s+inspection|At\s+the\s+initial\s+inspection,?\s+inspectors)\s+found\s+that\s*:?", re.I
)
_DECISION = re.compile(
    r"\b(?:has|have)\s+(?P<neg>not\s+)?made\s+(?P<ins>in)?sufficient\s+progress\s+"
    r"(?:in\s+addressing|to\s+address|in\s+improving|to\s+improve|in\s+tackling|against)\s+this\b",
    re.I,
)
_CLOSING = re.compile(
    r"\bAs\s+(?:the\s+local\s+area|the\s+area|local\s+area\s+leaders|leaders|none)\b[^.]{0,300}?"
    r"(?:should\s+cease|it\s+is\s+for\s+(?:the\s+)?(?:DfE|Department\s+for\s+Education))",
    re.I,
)
_CEASE = re.compile(r"should\s+cease", re.I)
_NEXT_STEPS = re.compile(
    r"it\s+is\s+for\s+(?:the\s+)?(?:DfE|Department\s+for\s+Education(?:\s+\(DfE\))?)\s+and\s+NHS\s+England\s+to\s+"
    r"(?:decide|determine)(?:\s+the)?\s+next\s+steps",
    re.I,
)
_OPINION = re.compile(
    r"(?:Inspectors\s+are\s+of\s+the\s+opinion\s+that\s+)?(?<!whether\s)(?:the\s+local\s+area|local\s+area\s+leaders|leaders|the\s+area)"
    r"\s+(?:has|have)\s+(?P<neg>not\s+)?made\s+sufficient\s+progress\s+(?:to\s+improve|in\s+addressing|in\s+improving|against)"
    r"\s+(?P<what>each|all|both|any|the\s+(?:\w+\s+)?(?:areas?|significant|serious|weakness(?:es)?)\b"
    r"|(?:\w+|\d+)\s+of\s+(?:the|its|their)|\w+\s+areas?\b)",
    re.I,
)
_ISSUED = re.compile(r"statement\s+of\s+action(?:\s+\(WSoA\))?[^.]{0,60}?issued\s+(?:on\s+)?(?P<d>" + _DATE + ")", re.I)
_FIT = re.compile(
    r"(?:declared|deemed|judged|found)\s+(?:to\s+be\s+)?fit\s+for\s+purpose\s+(?:on\s+)?(?P<d>" + _DATE + ")", re.I
)
_INITIAL_MONTH = re.compile(
    r"(?:initial|joint|the|first|full)\s+(?:local\s+area\s+(?:SEND\s+)?)?inspection,?\s+"
    r"(?:in|of|during|(?:that\s+was\s+|which\s+was\s+)?(?:carried\s+out|held|conducted)\s+in|"
    r"(?:that|which)\s+took\s+place\s+in)\s+"
    r"(?P<m>" + _MONTH + r")\s+(?P<y>\d{4})"
    r"|In\s+(?P<m2>" + _MONTH + r")\s+(?P<y2>\d{4}),?\s+Ofsted\s+and\s+(?:the\s+)?(?:Care\s+Quality\s+Commission|CQC)"
    r"[^.]{0,60}?(?:conducted|carried\s+out|undertook)\s+a\s+joint\s+inspection",
    re.I,
)
_SURVEY = re.compile(
    r"(?P<n>(?<![\d,])\d[\d,]*|(?<![a-z-])[a-z-]+)\s+(?:responses|replies)\s+(?:to|from)\s+(?:the|an|a|their)\s+"
    r"(?:[\w-]+\s+){0,4}?survey",
    re.I,
)
_QUOTED = r"[‘“'\"](?P<{g}>[^’”'\"\n]{{2,60}})[’”'\"]"
_FORUM = r"parent(?:s)?(?:\s+and)?\s+carers?’?\s+forum(?:\s+\(PCF\))?"
_PCF_BEFORE = re.compile(
    _QUOTED.format(g="name") + r",?\s+(?:the\s+|an?\s+|[\w-]+’s\s+|local\s+)*(?:local\s+)?" + _FORUM, re.I
)
_PCF_AFTER = re.compile(
    _FORUM
    + r",?\s+(?:(?:called|known\s+as|named)\s+)?(?:"
    + _QUOTED.format(g="q")
    + r"|(?P<name>[A-Z][\w&’-]*(?:\s+[A-Z0-9][\w&’-]*){0,3})(?=\s*[,)]))",
)
_PCF_PLAIN_BEFORE = re.compile(
    r"(?<![\w&’-])(?P<name>[A-Z][\w&’-]*(?:\s+[A-Z0-9][\w&’-]*){0,3}),?\s+(?:\(\s*)?the\s+(?:local\s+|area’s\s+)?"
    + _FORUM
)
_NOT_FORUM_NAMES = frozenset(
    (
        "leaders parents inspectors schools families officers practitioners carers health education the and "
        "local area send children young however"
    ).split()
)
_CCG_BODY = re.compile(
    r"(?<![\w’'&\-])(?P<name>(?:NHS\s+)?(?:(?!(?:CCGs?|Clinical)\b)[A-Z][\w’'&\-]*\s+(?:(?:and|&|of|upon|on)\s+)?){1,7})"
    r"(?P<kind>Clinical\s+Commissioning\s+Groups?|CCGs?)\b"
)

_LEADING_NOT_NAME = frozenset(
    "The This Both Each All Local Area Their Its Two Three Four Five Several In Leaders From With By".split()
)
_CCG_NAME_BREAKS = frozenset("Authority Council Local SEND Area DfE CCG CCGs ICB The This".split())

_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Cllr|Councillor)\.?"
_NAME_TOKEN = r"(?!(?:HMI|CBE|OBE|MBE|QC)\b)(?:[A-Z][A-Za-zÀ-ÿ’'\-]*|[A-Z]\.|de|van|von|der|le|la|du|da)"
_NAME_LINE = re.compile(
    r"^[ \t]*(?P<hon>" + _HONORIFIC + r"\s+)?(?P<name>[A-Z][A-Za-zÀ-ÿ’'\-]+(?:[ \t]+" + _NAME_TOKEN + r"){1,3})"
    r"(?P<post>(?:,?[ \t]+(?:HMI|CBE|OBE|MBE|QC))*)[ \t,]*$"
)
_COMMA_NAME = re.compile(
    r"^[ \t]*(?P<name>(?:" + _HONORIFIC + r"\s+)?[A-Z][A-Za-zÀ-ÿ’'\-]+(?:[ \t]+" + _NAME_TOKEN + r"){1,3}),[ \t]"
)
_NOT_NAME_WORDS = frozenset(
    (
        "inspector inspectors director regional deputy chief lead officer services service commission quality "
        "care health justice medical primary department education england council group groups head manager "
        "executive senior assistant principal commissioning clinical public ofsted cqc majesty’s majesty's "
        "her his children children’s children's nhs social local area nominated strategic borough county city "
        "centre center hall house road street floor box dear yours cc gate place lane square way buildings "
        "building court office textphone authority trust board the for and of sincerely main findings "
        "strengths areas development improvement joint send revisit inspection dfe governance partnership "
        "team adviser advisor secretary minister"
    ).split()
)
_ORG_WORDS = re.compile(
    r"\b(?:Council|Borough|Clinical\s+Commissioning|CCGs?|NHS|Trust|Authority|Integrated\s+Care|"
    r"Partnership|Department|Commissioning\s+Groups?)\b"
)
_LA_WORDS = re.compile(r"\b(?:Council|Borough|Authority)\b|\bCity\s+of\b")
_CCG_WORDS = re.compile(r"\b(?:Clinical\s+Commissioning\s+Groups?|CCGs?)\b")
_ADDRESS = re.compile(
    r"\d|\b(?:PO\s+Box|Floor|Street|Road|Lane|Avenue|Square|Place|Centre|Center|House|Hall|Way|Court|Gate|"
    r"Buildings?|Offices?|Drive|Parade|Park)\b",
    re.I,
)
_SECTION_NAMES = {
    "identifying": "identifying",
    "assessing and meeting": "assessing and meeting",
    "meeting": "assessing and meeting",
    "improving outcomes": "improving outcomes",
}

# --- small helpers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # end of content, without the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _lines(text: str, start: int = 0, end: int | None = None) -> list[_Line]:
    """The lines of ``text[start:end]`` with their offsets in ``text``."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append(_Line(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def _date_fact(text: str, m: re.Match[str], group: str | int = 0) -> Fact[date] | None:
    d = parse_date(m.group(group))
    if d is None:
        return None
    s = Span.of(text, m.start(group), m.end(group))
    return Fact(d, s)


def _span_fact(text: str, start: int, end: int, value: object) -> Fact:  # type: ignore[type-arg]
    return Fact(value, Span.of(text, start, end))


def _is_name_line(line: str) -> bool:
    m = _NAME_LINE.match(line)
    if not m:
        return False
    words = re.split(r"[ \t]+", m.group("name").strip())
    return not any(w.lower().strip(",") in _NOT_NAME_WORDS for w in words)


def _org_key(name: str) -> str:
    n = collapse(name).lower().replace("&", "and")
    n = re.sub(r"clinical commissioning groups?", "ccg", n)
    n = re.sub(r"\bccgs\b", "ccg", n)
    return " ".join(w for w in re.split(r"[^a-z0-9]+", n) if w and w not in {"nhs", "the"})


# --- header: area, date, addressees, salutation --------------------------------------------------


def _area(text: str) -> tuple[Fact[str] | None, int]:
    m = _HEADING.search(text)
    if m:
        end = m.end("area")
        # a long name wrapped under the heading: "... inspection in Bath and\nNorth East Somerset"
        if re.search(r"\s(?:and|of|upon|on|the)$", m.group("area")):
            nxt = re.match(r"\n[ \t]*([A-Z][^\n]*?)[ \t.]*$", text[end : text.find("\n", end + 1) + 1 or len(text)])
            if nxt and len(nxt.group(1)) <= 40:
                end += nxt.end(1)
        return text_fact(text, m.start("area"), end), m.start()
    m = re.search(
        r"(?:inspection|revisited)\s+(?:of\s+)?the\s+local\s+area\s+of\s+(?P<area>[A-Z][^\n]*?(?:\n[^\n]*?)?)\s+to\s+",
        text,
    )
    if m:
        return text_fact(text, m.start("area"), m.end("area")), m.start()
    return None, -1


def _salutation(text: str, limit: int) -> tuple[list[Fact[str]], int]:
    """The names the salutation addresses ("Dear Ms Watson, Ms Bailey and Ms Cannon")."""
    m = _DEAR.search(text, 0, limit if limit > 0 else min(len(text), 4000))
    if not m and limit > 0:  # a heading above the salutation
        m = _DEAR.search(text, limit, limit + 600)
    if not m:
        return [], -1
    names: list[Fact[str]] = []
    seg_start = m.start("names")
    for part in re.finditer(r"[^,&]+?(?=\s*(?:,|&|\band\b|$))", m.group("names")):
        piece = part.group().strip()
        piece = re.sub(r"^and\s+", "", piece)
        if not piece or piece.lower() in {"sir", "madam", "sir or madam", "colleague", "colleagues", "all"}:
            continue
        s = seg_start + part.start() + part.group().find(piece)
        names.append(text_fact(text, s, s + len(piece)))
    return names, m.start()


def _parts(text: str, lines: list[_Line]) -> list[tuple[int, int]]:
    """The comma-separated parts of a run of lines, as (start, end) offsets; lines break parts too."""
    out = []
    for ln in lines:
        pos = ln.start
        for piece in ln.text.split(","):
            s, e = pos, pos + len(piece)
            pos = e + 1
            if piece.strip():
                out.append((s, e))
    return out


def _recipient(text: str, name_start: int, name_end: int, lines: list[_Line], comma_form: bool) -> Recipient:
    name = text_fact(text, name_start, name_end)
    if comma_form:  # one wrapped line "Name, role, organisation": parts may span a line break
        rest_start = name_end + 1
        body_end = lines[-1].end
        raw_parts = []
        pos = rest_start
        for piece in text[rest_start:body_end].split(","):
            raw_parts.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        parts = [p for p in raw_parts if text[p[0] : p[1]].strip()]
    else:
        parts = _parts(text, lines)
    role_parts: list[tuple[int, int]] = []
    org: Fact[str] | None = None
    for s, e in parts:
        piece = text[s:e]
        if _ORG_WORDS.search(piece):
            org = text_fact(text, s, e)
            break
        if _ADDRESS.search(piece) and role_parts:
            break
        role_parts.append((s, e))
    role = text_fact(text, role_parts[0][0], role_parts[-1][1]) if role_parts else None
    return Recipient(name=name, role=role, organisation=org)


def _recipients(text: str, start: int, end: int) -> list[Recipient]:
    """Addressees in the header block between the letter's date and its salutation."""
    lines = [ln for ln in _lines(text, start, end) if not ln.blank]
    groups: list[tuple[_Line, bool, int, int, list[_Line]]] = []  # first line, comma form, name span, lines
    for ln in lines:
        cm = _COMMA_NAME.match(ln.text)
        if cm and not any(w.lower() in _NOT_NAME_WORDS for w in cm.group("name").split()):
            groups.append((ln, True, ln.start + cm.start("name"), ln.start + cm.end("name"), [ln]))
        elif _is_name_line(ln.text) and not _ORG_WORDS.search(ln.text) and not _ADDRESS.search(ln.text):
            nm = _NAME_LINE.match(ln.text)
            assert nm
            s = ln.start + (nm.start("hon") if nm.group("hon") else nm.start("name"))
            groups.append((ln, False, s, ln.start + nm.end("name"), []))
        elif groups:
            groups[-1][4].append(ln)
    out = []
    for _first, comma, ns, ne, body in groups:
        if comma:
            out.append(_recipient(text, ns, ne, body, True))
        elif body:
            out.append(_recipient(text, ns, ne, body, False))
        else:
            out.append(Recipient(name=text_fact(text, ns, ne)))
    return out


def _surname(name: str) -> str:
    words = re.sub(r"\b(?:HMI|CBE|OBE|MBE)\b", "", name).split()
    return words[-1].lower().strip(".,") if words else ""


def _match_salutation(recipients: list[Recipient], names: list[Fact[str]]) -> list[Recipient]:
    out = list(recipients)
    for sal in names:
        for i, r in enumerate(out):
            if r.salutation is None and _surname(r.name.value) == _surname(sal.value):
                out[i] = Recipient(r.name, r.role, r.organisation, salutation=sal.value)
                break
        else:
            out.append(Recipient(name=sal, salutation=sal.value))
    return out


def _letter_date(text: str, limit: int) -> Fact[date] | None:
    for ln in _lines(text, 0, limit):
        m = re.fullmatch(r"[ \t]*(?P<d>" + _DATE + r")[ \t]*", ln.text, re.I)
        if m:
            return _date_fact(text, _Shift(m, ln.start), "d")  # type: ignore[arg-type]
    return None


class _Shift:
    """A match whose offsets are moved by ``base`` (for matches made on a slice)."""

    def __init__(self, m: re.Match[str], base: int) -> None:
        self.m, self.base = m, base

    def group(self, g: str | int = 0) -> str:
        return self.m.group(g)

    def start(self, g: str | int = 0) -> int:
        return self.m.start(g) + self.base

    def end(self, g: str | int = 0) -> int:
        return self.m.end(g) + self.base


def _ccgs(text: str, recipients: list[Recipient], body_start: int, body_end: int) -> list[Fact[str]]:
    found: dict[str, Fact[str]] = {}
    for r in recipients:
        if r.organisation and _CCG_WORDS.search(r.organisation.value):
            found.setdefault(_org_key(r.organisation.value), r.organisation)
    for m in _CCG_BODY.finditer(text, body_start, body_end):
        words = list(re.finditer(r"\S+", m.group("name")))  # with their offsets in the name
        while words and (words[0].group() in _LEADING_NOT_NAME or words[0].group() in {"and", "&", "of", "upon", "on"}):
            words = words[1:]
        if not words or words[-1].group().lower() in {"and", "&", "of", "upon", "on"}:
            continue
        cut = [i for i, w in enumerate(words) if w.group() in _CCG_NAME_BREAKS]
        if cut:  # "Bury Council and NHS Bury CCG": the CCG's name starts after the council's
            words = words[cut[-1] + 1 :]
            while words and words[0].group().lower() in {"and", "&", "of", "upon", "on"}:
                words = words[1:]
        if not words:
            continue
        f = text_fact(text, m.start("name") + words[0].start(), m.end("kind"))
        found.setdefault(_org_key(f.value), f)
    return list(found.values())


# --- sign-off, signature table, cc -----------------------------------------------------------------


@dataclass
class _Entry:
    name: tuple[int, int]
    glued: list[tuple[int, int]]  # "HMI" etc. glued to the name
    role_lines: list[_Line]
    org: str | None = None


def _name_entry(text: str, ln: _Line) -> _Entry:
    m = _NAME_LINE.match(ln.text)
    assert m
    start = ln.start + (m.start("hon") if m.group("hon") else m.start("name"))
    glued = [
        (ln.start + m.start("post") + p.start(), ln.start + m.start("post") + p.end())
        for p in re.finditer(r"HMI", m.group("post"))
    ]
    return _Entry((start, ln.start + m.end("name")), glued, [])


def _org_hint(role: str) -> str | None:
    r = role.lower()
    if (
        "cqc" in r
        or "care quality" in r
        or "primary medical" in r
        or re.search(r"children[’']s\s+services\s+inspector", r)
    ):
        return "CQC"
    if "ofsted" in r or "hmi" in r or "majesty" in r:
        return "Ofsted"
    return None


def _entries(text: str, lines: list[_Line]) -> list[_Entry]:
    entries: list[_Entry] = []
    for ln in lines:
        if ln.blank:
            continue
        if _is_name_line(ln.text):
            entries.append(_name_entry(text, ln))
        elif entries:
            entries[-1].role_lines.append(ln)
    return entries


def _people(text: str, signoff: int, cc_start: int) -> list[Person]:
    end = cc_start if cc_start > signoff else len(text)
    lines = _lines(text, signoff, end)[1:]  # past "Yours sincerely"
    head = next((i for i, ln in enumerate(lines) if _TABLE_HEAD.fullmatch(ln.text)), None)
    sign_lines = lines if head is None else lines[:head]
    table_lines = [] if head is None else lines[head + 1 :]
    signed = _entries(text, sign_lines)
    signatories = signed[:1]
    for e in signatories:
        e.org = _org_hint(" ".join(ln.text for ln in e.role_lines)) or "Ofsted"
    # the table: column-wise (an "Ofsted" line, then later a "Care Quality Commission" line),
    # side by side (cells split by wide gaps), or interleaved by extraction (alternating columns)
    table: list[_Entry] = []
    if table_lines:
        head_text = lines[head].stripped if head is not None else ""
        cqc_head = next(
            (i for i, ln in enumerate(table_lines) if _TABLE_HEAD.fullmatch(ln.text) and "Care Quality" in ln.text),
            None,
        )
        if head_text == "Ofsted" and cqc_head is not None:
            table = [
                *_with_org(_entries(text, table_lines[:cqc_head]), "Ofsted"),
                *_with_org(_entries(text, table_lines[cqc_head + 1 :]), "CQC"),
            ]
        elif any(re.search(r"\S[ \t]{3,}\S", ln.text) for ln in table_lines):
            left: list[_Line] = []
            right: list[_Line] = []
            for ln in table_lines:
                cells = [c for c in re.finditer(r"\S+(?:[ \t]{1,2}\S+)*", ln.text)]
                if len(cells) >= 2:
                    a, b = cells[0], cells[-1]
                    left.append(_Line(ln.start + a.start(), ln.start + a.end(), a.group()))
                    right.append(_Line(ln.start + b.start(), ln.start + b.end(), b.group()))
                elif cells:
                    c = cells[0]
                    target = right if c.start() >= 20 else left
                    target.append(_Line(ln.start + c.start(), ln.start + c.end(), c.group()))
            table = [*_with_org(_entries(text, left), "Ofsted"), *_with_org(_entries(text, right), "CQC")]
        else:
            table = _entries(text, table_lines)
    if head is None:  # no "Ofsted | Care Quality Commission" line: the table follows the signatory
        table = signed[1:]
    if table and table[0].org is None:  # interleaved: columns alternate unless a role says otherwise
        for i, e in enumerate(table):
            hint = _org_hint(" ".join(ln.text for ln in e.role_lines))
            e.org = hint or ("Ofsted" if i % 2 == 0 else "CQC")
    people: list[Person] = []
    keys: dict[str, int] = {}
    for e in [*signatories, *table]:
        name = text_fact(text, *e.name)
        roles = [_span_fact(text, s, t, collapse(text[s:t])) for s, t in e.glued]
        if e.role_lines:
            roles.append(text_fact(text, e.role_lines[0].start, e.role_lines[-1].end))
        key = re.sub(r"^(?:mr|mrs|ms|miss|dr)\.?\s+", "", name.value.lower())
        org = Fact(e.org) if e.org else None
        if key in keys:
            i = keys[key]
            p = people[i]
            seen = {r.value for r in p.roles}
            extra = tuple(r for r in roles if r.value not in seen)  # "HMI" glued in both places
            people[i] = Person(p.name, (*p.roles, *extra), p.organisation or org, context="signatory")
            continue
        keys[key] = len(people)
        people.append(Person(name, tuple(roles), org, context="signatory"))
    return people


def _with_org(entries: list[_Entry], org: str) -> list[_Entry]:
    for e in entries:
        e.org = org
    return entries


def _cc(text: str, cc_start: int) -> list[Fact[str]]:
    m = _CC.match(text, cc_start)
    if not m:
        return []
    out: list[Fact[str]] = []
    for ln in _lines(text, m.end()):
        if ln.blank:
            continue
        if re.search(r"www\.|@|Textphone|\bT\s*0\d{3}", ln.text):
            break
        for piece in re.finditer(r"[^;]+", ln.text):
            if piece.group().strip():
                out.append(text_fact(text, ln.start + piece.start(), ln.start + piece.end()))
        if len(out) >= _MOST_COPIES:
            break
    return out[:_MOST_COPIES]


# A letter's copy list names a handful of people and bodies; a list longer than this is damage
# (a section pasted many times), and only its first entries are kept, as a report's partners are.
_MOST_COPIES = 50


# --- lists and sections -------------------------------------------------------------------------------


_RUN_ON = frozenset("a an and or of the their its".split())


def _wrap_width(text: str) -> int:
    """How wide the document's lines run: about 80-90 characters in a PDF's text, a whole
    paragraph (hundreds) in a copy from a web page, where each paragraph is one line."""
    lengths = sorted(len(ln.rstrip()) for ln in text.split("\n") if len(ln.strip()) >= 40)
    if not lengths:
        return 80
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _wrapped(prev: str, line: str, width: int) -> bool:
    """Whether the break between ``prev`` and ``line`` is a wrap inside one paragraph: the next
    word would not have fitted on ``prev`` (with slack for proportional fonts)."""
    words = line.split()
    tail = prev.split()
    if tail and tail[-1].lower() in _RUN_ON:  # "... the quality of" goes on
        return True
    return len(prev.rstrip()) + 1 + len(words[0] if words else "") > width


def _items(text: str, start: int, end: int, *, list_mode: bool = False) -> list[tuple[int, int]]:
    """Bulleted items in ``text[start:end]`` as (start, end) spans of their text, bullets excluded.

    In ``list_mode`` (a weakness list) the list also ends at a paragraph starting with a capital
    after an item that ends with a full stop. A list whose bullets were lost (a web copy: one
    item a line, lowercase starts, only the last with a full stop) is split where a line break
    is not a wrap.

    >>> t = "the first weakness\\nthe second one\\nand the third.\\n"
    >>> [t[s:e] for s, e in _items(t, 0, len(t), list_mode=True)]
    ['the first weakness', 'the second one', 'and the third.']
    """
    items: list[list[int]] = []
    bulleted = bool(_BULLET.search(text, start, end))
    width = 0 if bulleted else _wrap_width(text)
    prev_blank = False
    prev_line = ""
    for ln in _lines(text, start, end):
        if ln.blank:
            prev_blank = True
            continue
        b = _BULLET.match(ln.text) if bulleted else None
        last = text[items[-1][0] : items[-1][1]].rstrip() if items else ""
        if b:
            items.append([ln.start + b.end(), ln.end])
        elif bulleted:
            if not items:
                continue
            if list_mode and last.endswith(".") and ln.stripped[:1].isupper():
                break
            items[-1][1] = ln.end
        elif list_mode:  # no bullets: an item a line, unless the line break is a wrap
            if items and last.endswith(".") and ln.stripped[:1].isupper():
                break
            if not items or not _wrapped(prev_line, ln.text, width):
                items.append([ln.start, ln.end])
            else:
                items[-1][1] = ln.end
        else:  # no bullets: paragraphs split after a full stop at a blank line or an unwrapped break
            ends = last.endswith((".", "’", "”"))
            if not items or (
                (prev_blank or not _wrapped(prev_line, ln.text, width)) and ends and ln.stripped[:1].isupper()
            ):
                items.append([ln.start, ln.end])
            else:
                items[-1][1] = ln.end
        prev_blank = False
        prev_line = ln.text
    return [(s, e) for s, e in items if text[s:e].strip()]


def _findings(text: str, body_end: int, main: bool) -> list[Finding]:
    out: list[Finding] = []
    aspects = list(_ASPECT.finditer(text, 0, body_end))
    stops = [m.start() for m in aspects] + [body_end]
    if main:
        mm = _MAIN.search(text, 0, body_end)
        if mm:
            mend = aspects[0].start() if aspects else body_end
            for n, (s, e) in enumerate(_items(text, mm.end(), mend)):
                out.append(Finding("main findings", "neutral", text_fact(text, s, e), n))
    for i, a in enumerate(aspects):
        section = _SECTION_NAMES[collapse(a.group("what")).lower()]
        subs = list(_SUBHEAD.finditer(text, a.end(), stops[i + 1]))
        for j, sub in enumerate(subs):
            polarity = "strength" if sub.group("h").lower().startswith("strength") else "weakness"
            sub_end = subs[j + 1].start() if j + 1 < len(subs) else stops[i + 1]
            for n, (s, e) in enumerate(_items(text, sub.end(), sub_end)):
                out.append(Finding(section, polarity, text_fact(text, s, e), n))  # type: ignore[arg-type]
    return out


def _body_end(text: str, signoff: int) -> int:
    ends = [signoff if signoff >= 0 else len(text)]
    for rx in (_CONCERNS, _WSOA_LIST):
        m = rx.search(text)
        if m:
            ends.append(m.start())
    return min(ends)


# --- shared frame ----------------------------------------------------------------------------------


@dataclass
class _Frame:
    area: Fact[str] | None
    heading: int
    letter_date: Fact[date] | None
    recipients: list[Recipient]
    visit: tuple[Fact[date], Fact[date]] | None
    signoff: int
    cc_start: int
    people: list[Person]
    cc: list[Fact[str]]
    survey: Fact[int] | None
    forum: Fact[str] | None
    ccgs: list[Fact[str]]
    local_authority: Fact[str] | None


def _visit(text: str, start: int) -> tuple[Fact[date], Fact[date]] | None:
    m = _RANGE.search(text, max(start, 0))
    if not m or m.start() - max(start, 0) > 800:
        return None
    r = parse_date_range(m.group())
    if not r:
        return None
    s = Span.of(text, m.start(), m.end())
    return Fact(r[0], s), Fact(r[1], s)


def _survey(text: str) -> Fact[int] | None:
    for m in _SURVEY.finditer(text):
        n = to_int(m.group("n"))
        if n is not None:
            return _span_fact(text, m.start("n"), m.end("n"), n)
    return None


def _forum(text: str, area: str = "") -> Fact[str] | None:
    found = parent_carer_forum(text, 0, len(text), area)
    if found is not None:
        return found
    for rx in (_PCF_BEFORE, _PCF_AFTER, _PCF_PLAIN_BEFORE):
        for m in rx.finditer(text):
            g = "q" if "q" in rx.groupindex and m.group("q") else "name"
            name = m.group(g)
            if not name:
                continue
            first = name.split()[0].lower().strip("’'")
            if first in _NOT_FORUM_NAMES or name.lower() in _NOT_FORUM_NAMES:
                continue
            return text_fact(text, m.start(g), m.end(g))
    return None


def _frame(doc: Document) -> _Frame:
    text = doc.text
    area, heading = _area(text)
    sal_names, dear = _salutation(text, heading)
    header_end = dear if dear >= 0 else max(heading, 0)
    letter_date = _letter_date(text, header_end)
    rec_start = letter_date.span.end if letter_date and letter_date.span else 0
    recipients = _match_salutation(_recipients(text, rec_start, header_end), sal_names)
    signs = list(_SIGNOFF.finditer(text))
    signoff = signs[-1].start() if signs else -1
    cc_m = None
    if signoff >= 0:
        cc_m = _CC.search(text, signoff)
    cc_start = cc_m.start() if cc_m else -1
    people = _people(text, signoff, cc_start) if signoff >= 0 else []
    cc = _cc(text, cc_start) if cc_start >= 0 else []
    la = next(
        (
            r.organisation
            for r in recipients
            if r.organisation and _LA_WORDS.search(r.organisation.value) and not _CCG_WORDS.search(r.organisation.value)
        ),
        None,
    )
    body_start = max(heading, 0)
    body_end = signoff if signoff >= 0 else len(text)
    return _Frame(
        area=area,
        heading=heading,
        letter_date=letter_date,
        recipients=recipients,
        # a heading-less copy (read with --partial): the dates precede "the local area of X"
        visit=_visit(text, max(heading, 0)) or (_visit(text, 0) if not _HEADING.search(text) else None),
        signoff=signoff,
        cc_start=cc_start,
        people=people,
        cc=cc,
        survey=_survey(text),
        forum=_forum(text, area.value if area else ""),
        ccgs=_ccgs(text, recipients, body_start, body_end),
        local_authority=la,
    )


# --- initial letters --------------------------------------------------------------------------------


def extract_initial(doc: Document) -> Extraction:
    """Read a 2016-2022 initial inspection letter ("Joint local area SEND inspection in X").

    ``wsoa_required`` is True where the HMCI determination or the weakness list is present; False
    where a letter that reaches its sign-off has neither (67 of 149 areas); None for a letter cut
    off before its sign-off.
    """
    text = doc.text
    f = _frame(doc)
    weaknesses: list[Weakness] = []
    hmci = _WSOA_HMCI.search(text)
    wl = _WSOA_LIST.search(text)
    if wl:
        list_end = f.signoff if f.signoff > wl.end() else len(text)
        for n, (s, e) in enumerate(_items(text, wl.end(), list_end, list_mode=True)):
            weaknesses.append(Weakness(text_fact(text, s, e), n))
    wsoa_required: Fact[bool] | None
    if hmci or wl:
        m = hmci or wl
        assert m
        wsoa_required = _span_fact(text, m.start(), m.end(), True)
    elif f.signoff >= 0:
        wsoa_required = Fact(False)
    else:
        wsoa_required = None
    findings = _findings(text, _body_end(text, f.signoff), main=True)
    return Extraction(
        kind="initial",
        area=f.area,
        letter_date=f.letter_date,
        visit_start=f.visit[0] if f.visit else None,
        visit_end=f.visit[1] if f.visit else None,
        recipients=tuple(f.recipients),
        local_authority=f.local_authority,
        ccgs=tuple(f.ccgs),
        wsoa_required=wsoa_required,
        weaknesses=tuple(weaknesses),
        people=tuple(f.people),
        cc=tuple(f.cc),
        survey_responses=f.survey,
        parent_carer_forum=f.forum,
        findings=tuple(findings),
    )


# --- revisit letters ---------------------------------------------------------------------------------


def _quote_end(text: str, start: int, end: int) -> int:
    """Where the weakness quoted after "The initial inspection found that:" ends: the end of its
    first paragraph, or before a decision sentence that follows it directly."""
    paras = _paragraphs(text, start, end)
    if not paras:
        return start
    first_start, first_end = paras[0]
    last = first_start
    for ln in _lines(text, first_start, first_end):
        if _DECISION.search(ln.text) and text[first_start:last].strip():
            return last
        if not ln.blank:
            last = ln.end
    return first_end


_COMMENTARY = re.compile(
    r"\b(?:since|now|inspections?|revisit(?:ed)?|inspectors?|improv\w*|progress|recent(?:ly)?|however|although"
    r"|still|this\s+year|last\s+year|20\d\d|(?:have|has)\s+(?:not\s+)?(?:been|\w+ed))\b",
    re.I,
)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs of ``text[start:end]``: a blank line ends one only after a sentence end (a blank
    line inside a sentence is extraction damage); where there are no blank lines at all (a web
    copy with one paragraph a line), a line break after a sentence end that is not a wrap."""
    lines = _lines(text, start, end)
    filled = [i for i, ln in enumerate(lines) if not ln.blank]
    blankless = bool(filled) and not any(ln.blank for ln in lines[filled[0] : filled[-1] + 1])
    width = _wrap_width(text) if blankless else 0
    out: list[tuple[int, int]] = []
    first: int | None = None
    last = start
    prev = ""
    for ln in lines:
        ends = first is not None and text[first:last].rstrip().endswith((".", "’", "”", "!"))
        if ln.blank:
            if ends:
                assert first is not None
                out.append((first, last))
                first = None
            continue
        if ends and blankless and not _wrapped(prev, ln.text, width):
            assert first is not None
            out.append((first, last))
            first = None
        if first is None:
            first = ln.start
        last = ln.end
        prev = ln.text
    if first is not None:
        out.append((first, last))
    return out


def _quote_more(text: str, qend: int, block_end: int) -> int:
    """Where a weakness quoted over more than one paragraph ends: a following short paragraph
    (two sentences at most) is still the quote if it reads as a finding, not as commentary on
    progress ("since", "now", "inspectors", "have improved", a year), and commentary follows it
    before the decision sentence."""
    paras = _paragraphs(text, qend, block_end)
    decision = next((i for i, (s, e) in enumerate(paras) if _DECISION.search(text, s, e)), len(paras))
    commentary = paras[:decision]
    for _ in range(2):
        if len(commentary) < 2:
            break
        s, e = commentary[0]
        para = text[s:e]
        sentences = len(re.findall(r"[.!?][’”]?(?=\s|$)", para))
        if len(collapse(para)) > 250 or sentences > 2 or _COMMENTARY.search(para):
            break
        qend = e
        commentary = commentary[1:]
    return qend


def extract_revisit(doc: Document) -> Extraction:
    """Read a 2016-2022 revisit letter ("Joint local area SEND revisit in X")."""
    text = doc.text
    f = _frame(doc)
    closing = _CLOSING.search(text, max(f.heading, 0))
    markers = list(_FOUND.finditer(text))
    limit = min(x for x in (closing.start() if closing else -1, f.signoff, len(text)) if x >= 0)
    markers = [m for m in markers if m.start() < limit]
    weaknesses: list[Weakness] = []
    verdicts: list[Verdict] = []
    for i, m in enumerate(markers):
        block_end = markers[i + 1].start() if i + 1 < len(markers) else limit
        qend = _quote_more(text, _quote_end(text, m.end(), block_end), block_end)
        if not text[m.end() : qend].strip():
            continue
        idx = len(weaknesses)
        weaknesses.append(Weakness(text_fact(text, m.end(), qend), idx))
        decisions = list(_DECISION.finditer(text, qend, block_end))
        if decisions:
            d = decisions[-1]
            ok = not (d.group("neg") or d.group("ins"))
            # the span: the whole decision sentence
            s = text.rfind(".", qend, d.start()) + 1 or qend
            s = max(s, qend)
            e = text.find(".", d.end(), block_end)
            e = e + 1 if e >= 0 else d.end()
            verdicts.append(Verdict(idx, _span_fact(text, s, e, ok)))
    overall = _overall(text, f, verdicts, closing, len(weaknesses))
    cease: Fact[bool] | None = None
    if closing:
        seg_end = text.find(".", closing.end())
        seg = (closing.start(), seg_end + 1 if seg_end >= 0 else closing.end())
        c = _CEASE.search(text, *seg)
        n = _NEXT_STEPS.search(text, closing.start(), min(len(text), seg[1] + 200))
        if c:
            cease = _span_fact(text, c.start(), c.end(), True)
        elif n:
            cease = _span_fact(text, n.start(), n.end(), False)
    else:
        n = _NEXT_STEPS.search(text)
        c = re.search(r"monitoring\s+visits[^.]{0,120}?should\s+cease", text, re.I)
        if c:
            cease = _span_fact(text, c.start(), c.end(), True)
        elif n:
            cease = _span_fact(text, n.start(), n.end(), False)
    issued = _ISSUED.search(text)
    fit = _FIT.search(text)
    months = list(_INITIAL_MONTH.finditer(text))  # "initial inspection in" before "the inspection in"
    month = next((m for m in months if re.match(r"initial|In\b", m.group(), re.I)), months[0] if months else None)
    imonth: Fact[str] | None = None
    if month:
        g = "m" if month.group("m") else "m2"
        y = "y" if month.group("y") else "y2"
        imonth = _span_fact(
            text, month.start(g), month.end(y), f"{month.group(y)}-{MONTHS[month.group(g).lower()[:3]]:02d}"
        )
    else:
        r = re.search(r"initial\s+inspection[^.]{0,60}?(?:between|from|on)\s+(" + _RANGE.pattern + ")", text, re.I)
        if r:
            dr = parse_date_range(r.group(1))
            if dr:
                imonth = _span_fact(text, r.start(1), r.end(1), f"{dr[0].year}-{dr[0].month:02d}")
    wsoa_src = issued or re.search(r"written\s+statement\s+of\s+action", text, re.I)
    return Extraction(
        kind="revisit",
        area=f.area,
        letter_date=f.letter_date,
        visit_start=f.visit[0] if f.visit else None,
        visit_end=f.visit[1] if f.visit else None,
        recipients=tuple(f.recipients),
        local_authority=f.local_authority,
        ccgs=tuple(f.ccgs),
        wsoa_required=_span_fact(text, wsoa_src.start(), wsoa_src.end(), True) if wsoa_src else Fact(True),
        wsoa_issued=_date_fact(text, issued, "d") if issued else None,
        wsoa_fit_for_purpose=_date_fact(text, fit, "d") if fit else None,
        initial_inspection_month=imonth,
        weaknesses=tuple(weaknesses),
        verdicts=tuple(verdicts),
        overall_verdict=overall,
        monitoring_should_cease=cease,
        people=tuple(f.people),
        cc=tuple(f.cc),
        survey_responses=f.survey,
        parent_carer_forum=f.forum,
    )


def _overall(
    text: str, f: _Frame, verdicts: list[Verdict], closing: re.Match[str] | None, n_weaknesses: int
) -> Fact[str] | None:
    """The overall verdict, "all", "some" or "none": the opinion sentence, checked against the per-weakness verdicts."""
    values = [v.sufficient_progress.value for v in verdicts]
    derived = None
    if values:
        derived = "all" if all(values) else "none" if not any(values) else "some"
    first = min([m.start() for m in _FOUND.finditer(text)] or [len(text)])
    m = _OPINION.search(text, max(f.heading, 0), first)
    if m is None and closing is not None:
        m = _OPINION.search(text, closing.start(), closing.end() + 200)
    if m is None and closing is not None and re.match(r"As\s+none\b", closing.group(), re.I):
        return _span_fact(text, closing.start(), closing.end(), "none")
    if m is None:
        return Fact(derived) if derived else None
    what = m.group("what").lower()
    whole = what in ("each", "all", "both") or what.startswith(("the ", "all ", "both ", "each "))
    if m.group("neg"):  # "not ... any" is none; "not ... each/all" means some were not
        value = "none" if what == "any" else "some"
    else:
        value = "all" if whole else "some"
    if derived == "none" and value == "some":  # "not ... each" when nothing improved
        value = "none"
    if derived and value != derived and len(verdicts) == n_weaknesses:
        return Fact(derived)  # a decision for every weakness outweighs a misread summary sentence
    return _span_fact(text, m.start(), m.end(), value)


# --- completeness ---------------------------------------------------------------------------------------


def check_complete(doc: Document, extraction: Extraction) -> str | None:
    """Why the letter looks cut off or incomplete, or None if it reads as a whole letter.

    >>> from graphkit.model import Extraction
    >>> class D: text = "Joint local area SEND inspection in X\\nBetween 1 and 5 May 2017, ..."
    >>> check_complete(D(), Extraction(kind="initial"))
    'the letter stops before its sign-off (cut off half way?)'
    """
    text = doc.text
    if extraction.kind not in ("initial", "revisit"):
        return None
    if not _SIGNOFF.search(text):
        return "the letter stops before its sign-off (cut off half way?)"
    if extraction.area is None:
        return 'no "Joint local area SEND inspection/revisit in <area>" heading found'
    if extraction.visit_start is None:
        return "no visit dates found in the opening paragraph"
    if extraction.kind == "initial":
        if not _MAIN.search(text):
            return 'the letter has no "Main findings" section'
        have = {_SECTION_NAMES[collapse(m.group("what")).lower()] for m in _ASPECT.finditer(text)}
        missing = [s for s in ("identifying", "assessing and meeting", "improving outcomes") if s not in have]
        if missing:
            return f"the letter has no section on {missing[0]} (cut off or pages missing?)"
        if extraction.wsoa_required and extraction.wsoa_required.value and not extraction.weaknesses:
            return "a written statement of action is required but no areas of significant weakness are listed"
    else:
        if not extraction.weaknesses:
            return 'no "The initial inspection found that:" passages (no weaknesses to decide on)'
        if len(extraction.verdicts) != len(extraction.weaknesses):
            return (
                f"{len(extraction.weaknesses)} weaknesses but {len(extraction.verdicts)} decisions "
                "(a weakness with no sufficient-progress sentence)"
            )
        if extraction.monitoring_should_cease is None:
            return "no closing paragraph on monitoring (should cease, or DfE and NHS England to decide)"
    if not extraction.people:
        return "no signatory found after the sign-off"
    return None
