"""The people of the two tables: the inspection team (Ofsted | CQC) and the partnership leaders (local authority | ICB), from the PDF page by position or from a text copy."""

from __future__ import annotations

import itertools
import re

from graphkit.extract.report2023.bodies import _ICB, _is_body_line
from graphkit.extract.report2023.locate import _fact_at
from graphkit.extract.report2023.pages import _cell, _grid, _Pages
from graphkit.extract.report2023.sections import _Sections
from graphkit.model import Fact, Person, Span, collapse
from graphkit.read.document import Document

_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Cllr)\.?"
_POSTNOMINAL = re.compile(r"(?<!\s)\s*\(?\b(?:CBE|OBE|MBE|KBE|DBE|QPM)\b\)?")
_NAME_WORD = r"[A-ZÀ-Ý][\w’'\-]*"
_ROLE_WORDS = re.compile(
    r"\b(?:Director|Chief|Executive|Officer|Lead|Manager|Services|Board|Council|ICB|Interim|"
    r"Deputy|Corporate|Strategic|President|Commissioner|Nurse|Nursing|Inspector|HMI|Ofsted|CQC|NHS|"
    r"Assistant|Senior|Acting|Partnerships|SEND|DCS|Care|Social|Borough|Metropolitan|County|City|District|"
    r"Authority|Trust|Integrated)\b"
)
_PERSON_START = re.compile(
    r"^(?:" + _HONORIFIC + r"\s+)?" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,3}"
    r"(?:\s+\(?(?:CBE|OBE|MBE|HMI)\)?)?\s*(?:,|$)"
)
_WEB = re.compile(r"www\.|https?:|\.gov\.uk|\.nhs\.uk|\.org")
_URLISH = re.compile(r"www\.|https?:|\.gov\.uk|\.nhs\.uk|\.org|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


# the first word of a role written straight after a name, with no comma ("Jo Bloggs Director of …")
_ROLE_START = re.compile(
    r"(?:Director|Chief|Executive|Interim|Acting|Deputy|Corporate|Strategic|Assistant|Senior|Head|Managing|"
    r"Commissioner|Chair|President|CEO|DCS)\b"
)
_NAME_THEN = re.compile(
    r"(?P<name>(?:" + _HONORIFIC + r"\s+)?" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,3}?"
    r"(?:\s+\(?(?:CBE|OBE|MBE|KBE|DBE)\)?)?)"
    r"(?:(?P<bracket>\s*\((?!(?:CBE|OBE|MBE|KBE|DBE|HMI)\))(?P<inner>[^()]+)\)\s*$)"  # "Name (role)"
    r"|(?P<dash>\s+[–—-]\s+)"  # "Name – role"
    r"|\s+(?=" + _ROLE_START.pattern + r"))"  # "Name Role"
)


def _name_then_role(entry: str) -> tuple[str, str] | None:
    """(name, role) of an entry whose name is followed by its role in brackets, after a dash, or
    straight after (no comma): "Dr A Person (Chief Executive, NHS X ICB)", "Jo Bloggs – ICB
    Chief Executive", "Jo Bloggs Director of Children’s Services"."""
    flat = collapse(entry)
    m = _NAME_THEN.match(flat)
    if not m:
        return None
    name = m.group("name")
    bare = re.sub(r"^" + _HONORIFIC + r"\s+", "", name)
    if _ROLE_WORDS.search(re.sub(r"\s+\(?(?:CBE|OBE|MBE|KBE|DBE)\)?$", "", bare)):
        return None
    if m.group("bracket"):
        return name, m.group("inner").strip()
    if "," in flat[: m.end()]:
        return None
    return name, flat[m.end() :].strip()


def _split_person(entry: str, split_roles: bool = True) -> tuple[str | None, str, tuple[str, ...], list[str]]:
    """(honorific, name, post-nominals, roles) of a table entry like "Dr Ed Garratt, Chief Executive".

    A team entry's commas part its roles ("HMI, Lead inspector"); a partnership leader's role is
    one title that may hold commas ("Executive Director for Children, Families and Education").
    A role in brackets, after a dash or straight after the name is read as after a comma.
    """
    first_line = entry.split("\n", 1)[0]
    if "," not in first_line.split("(", 1)[0] or "(" in first_line.split(",", 1)[0]:
        nr = _name_then_role(entry)
        if nr is not None:
            if not split_roles:
                hon, name, posts, _ = _split_person(nr[0] + ",", split_roles)
                return hon, name, posts, [nr[1]]
            entry = f"{nr[0]}, {nr[1]}"
    first, _, rest = entry.partition(",")
    if "\n" in first and not _is_person_start(collapse(first)):
        # "Name\nrole lines" (no comma on the name line), not a name wrapped before its comma
        first, _, rest2 = entry.partition("\n")
        rest = rest2
        roles = [collapse(rest)] if rest.strip() else []
    else:
        parts = rest.split(",") if split_roles else [rest]
        roles = [collapse(r) for r in parts] if rest.strip() else []
    first = collapse(first)
    hon = None
    m = re.match(_HONORIFIC + r"\s+", first)
    if m:
        hon = first[: m.end()].strip()
        first = first[m.end() :]
    posts = tuple(p.strip(" ()") for p in _POSTNOMINAL.findall(first))
    first = collapse(_POSTNOMINAL.sub("", first))
    if first.endswith(" HMI"):
        first = first[:-4]
        roles.insert(0, "HMI")
    return hon, first, posts, [r for r in roles if r]


def _is_person_start(line: str) -> bool:
    line = line.strip()
    if not _PERSON_START.match(line):
        return False
    name = line.split(",")[0]
    name = re.sub(r"^" + _HONORIFIC + r"\s+", "", name)
    name = re.sub(r"\s+\(?(?:CBE|OBE|MBE|HMI)\)?$", "", name)
    return not _ROLE_WORDS.search(name)


# where one person's bracketed role ends and the next person's name begins on the same line
_NEXT_BRACKETED = re.compile(
    r"(?<=\))[ \t]+(?=(?:" + _HONORIFIC + r"\s+)?" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,3}\s*\()"
)


def _opens_bracket(line: str) -> bool:
    """Whether ``line`` starts "Name (" — a person whose bracketed role wraps to the next line."""
    m = re.match(
        r"\s*((?:"
        + _HONORIFIC
        + r"\s+)?("
        + _NAME_WORD
        + r"(?:\s+"
        + _NAME_WORD
        + r"){1,3}))\s*\((?!(?:CBE|OBE|MBE|HMI)\))",
        line,
    )
    return m is not None and not _ROLE_WORDS.search(m.group(2))


def _starts_entry(line: str) -> bool:
    """Whether ``line`` starts a person's entry, in any of the forms :func:`_entries` reads."""
    return _is_person_start(line) or _name_then_role(line) is not None or _opens_bracket(line)


def _entries(cell: str) -> list[str]:
    """A cell's lines grouped into one entry per person ("Name, role", "Name (role)" — two of
    which may share a line —, "Name – role", "Name Role")."""
    out: list[str] = []
    cell = _NEXT_BRACKETED.sub("\n", cell)
    for line in cell.splitlines():
        if not line.strip():
            continue
        joined = bool(out) and bool(re.search(r"(?:\band|\bof|\bfor|\bthe|,|&|-)$", out[-1][-60:].rstrip()))
        if not out or (_starts_entry(line) and not joined):
            out.append(line.strip())
        else:
            out[-1] += "\n" + line.strip()
    return out


def _person(
    text: str, entry: str, lo: int, hi: int, organisation: Fact[str] | None, context: str
) -> tuple[Person | None, int]:
    hon, name, posts, roles = _split_person(entry, split_roles=context != "partnership")
    if not name:
        return None, lo
    nf = _fact_at(text, name, lo, hi)
    if nf.span is None:
        return None, lo
    cursor = nf.span.end
    role_facts = []
    for r in roles:
        rf = _fact_at(text, r, cursor, hi)
        if rf.span is not None:
            role_facts.append(rf)
        else:
            role_facts.append(Fact(r, nf.span))
    p = Person(
        name=nf,
        roles=tuple(role_facts),
        organisation=organisation,
        honorific=hon,
        post_nominals=posts,
        context=context,  # type: ignore[arg-type]
    )
    return p, nf.span.start


def _team(doc: Document, pages: _Pages | None, sec: _Sections) -> list[Person]:
    text = doc.text
    b = sec.bounds.get("team")
    if not b:
        return []
    lo = b[1]
    end_m = re.search(
        r"^[ \t]*(?:If you are not happy|The Office for Standards|If you would like|You may reuse)", text[lo:], re.M
    )
    hi = lo + end_m.start() if end_m else min(len(text), lo + 3000)
    columns: list[tuple[str, str]] = []  # (organisation, cell text)
    if pages is not None:
        columns = _team_columns(doc, pages, b[0])
    if not columns:
        columns = _team_columns_text(text, lo, hi)
    out: list[Person] = []
    heading_of: dict[str, Fact[str] | None] = {}  # each column's organisation, found once

    def organisation(org: str) -> Fact[str] | None:
        if org not in heading_of:
            section = text[lo:hi]
            of = None
            if org and re.search(r"\b" + re.escape(org) + r"\b", section):
                # the organisation as the column heading names it, e.g. "Ofsted"
                hdr = re.search(r"^\s*Ofsted\b[^\n]*", section, re.M)
                if org == "CQC":
                    hdr = re.search(r"Care Quality Commission|\bCQC\b", section)
                if hdr:
                    of = Fact(org, Span.of(text, lo + hdr.start(), lo + hdr.end()))
            heading_of[org] = of
        return heading_of[org]

    for org, cell in columns:
        for entry in _entries(cell):
            if re.fullmatch(r"(?:Ofsted|CQC|Care Quality Commission)", entry.strip()):
                continue
            of = organisation(org)
            p, _ = _person(text, entry, lo, hi, of, "team")
            if p:
                out.append(p)
    return out


def _team_columns(doc: Document, pages: _Pages, heading: int) -> list[tuple[str, str]]:
    i = doc.page_of(heading)
    if i is None:
        return []
    box = pages.find(i, "Inspection team", match_case=True)
    if box is None:
        return []
    top = box[1]
    # the column headings row: find the CQC heading below the section heading
    _, tp = pages.get(i)
    hdr = None
    for hit in pages.hits(i, "Care Quality Commission"):
        cb = tp.get_charbox(hit[0])
        if cb[3] < top:
            hdr = cb
            break
    if hdr is None:
        searcher = tp.search("CQC", match_whole_word=True)
        while True:
            hit = searcher.get_next()
            if hit is None:
                break
            cb = tp.get_charbox(hit[0])
            if cb[3] < top and top - cb[3] < 60:
                hdr = cb
                break
    if hdr is None:
        return []
    split = hdr[0] - 2
    header_bottom = hdr[1] - 1
    bottom = 0.0
    ends = ("If you are not happy", "The Office for Standards", "If you would like")
    for needle in ends:
        b2 = pages.find(i, needle)
        if b2 and b2[3] < header_bottom and b2[3] > bottom:
            bottom = b2[3] + 1
    runs_on = bottom == 0.0  # nothing ends the table on its page: it may run on to the next
    bottom = max(bottom, pages.footer(i) + 0.5)
    # text may run a little past the heading's left edge: move the split into the gap
    _, tp = pages.get(i)
    rects = [tp.get_rect(k) for k in range(tp.count_rects())]
    rects = [rc for rc in rects if bottom < (rc[1] + rc[3]) / 2 < header_bottom]
    for _ in range(3):
        crossing = [rc[2] for rc in rects if rc[0] < split - 1 and rc[2] > split + 1 and rc[2] < split + 45]
        if not crossing:
            break
        split = max(crossing) + 0.5
    width = pages.width(i)
    left = pages.norm(pages.text_in(i, 0, bottom, split, header_bottom))
    right = pages.norm(pages.text_in(i, split, bottom, width, header_bottom))
    if runs_on and i + 1 < pages.count():
        # the rows after a page break, down to what follows the table on the next page (its
        # columns where they were: the headings are not repeated)
        j = i + 1
        stops = [b3[3] for b3 in (pages.find(j, needle) for needle in ends) if b3]
        if stops:
            top2 = pages.height(j)
            bottom2 = max(max(stops) + 1, pages.footer(j) + 0.5)
            more_left = pages.norm(pages.text_in(j, 0, bottom2, split, top2)).strip()
            more_right = pages.norm(pages.text_in(j, split, bottom2, width, top2)).strip()
            left = left.rstrip() + ("\n" + more_left if more_left else "")
            right = right.rstrip() + ("\n" + more_right if more_right else "")
    return [("Ofsted", left), ("CQC", right)]


_JOINER_END = re.compile(r"(?:\band|\bof|\bfor|\bthe|,|&|-)$")
_ROLE_DONE = re.compile(r"(?:inspector|Inspector|HMI|\)|[Cc]are)\s*$")


def _role_done(cell: str) -> bool:
    """Whether a team cell's role is complete (it ends "… Inspector", "… HMI", "…)"): only its end
    is looked at, so that a cell that keeps growing is not searched from its start every line."""
    return bool(_ROLE_DONE.search(cell[-80:]))


def _entry_starts(line: str) -> list[int]:
    """Where entries ("Name, role" or a bare name) start in a line of a flattened table: at the
    line's start, and wherever a person's name follows the end of a role (the other column)."""
    out: list[int] = []
    if _starts_entry(line):
        out.append(0)
    # Linear in the line's length (a damaged page can put a whole table on one line): each test
    # looks at a bounded stretch, and the next comma is found by a cursor moving forwards.
    first = len(line) - len(line.lstrip())
    comma = -1  # the first comma at or after k (len(line) when none)
    entry_comma = line.find(",") if out else -1  # the first comma at or after the last entry's start
    entry_comma = len(line) if out and entry_comma < 0 else entry_comma
    for m in re.finditer(r"(?<=\s)(?=[A-ZÀ-Ý])", line):
        k = m.start()
        if out and k <= out[-1] + 2:
            continue
        if k <= first or _JOINER_END.search(line[max(0, k - 40) : k].rstrip()):
            continue
        if comma < k:
            comma = line.find(",", k)
            comma = len(line) if comma < 0 else comma
        if line[max(0, k - 40) : k].rstrip().endswith(")") and _opens_bracket(line[k : k + 300]):
            out.append(k)  # "… NHS X ICB) B Person (Chief …": the next person's bracketed role
            entry_comma = comma
            continue
        if out and entry_comma >= k:
            continue  # still inside the previous entry's name
        stop = min(len(line), comma + 1)
        if stop - k > 300:  # no name of at most four words and a post-nominal is this long
            continue
        if _is_person_start(line[k:stop]):
            out.append(k)
            entry_comma = comma  # the first comma of this entry
    return out


_TEAM_HEADS = (r"Ofsted", r"Care\s+Quality\s+Commission|CQC")
_DETAILS_HEADS = (r"Local\s+authority|Name\s+of\s+(?:local\s+)?authority:?", r"Integrated\s+care\s+boards?|ICBs?")


def _layout_columns(text: str, lo: int, hi: int, heads: tuple[str, str]) -> tuple[str, str] | None:
    """A two-column table as a layout-keeping extractor copies it (the columns side by side,
    padded with spaces, the headings on one line): each column's lines, split where the right
    heading starts. None where the headings are not laid out so."""
    lines = text[lo:hi].split("\n")
    rx = re.compile(r"[ \t]*(?:" + heads[0] + r")[ \t]{4,}(?P<r>" + heads[1] + r")[ \t]*$", re.I)
    found = next(((k, m) for k, line in enumerate(lines) if (m := rx.match(line))), None)
    if found is None:
        return None
    split = found[1].start("r")
    left: list[str] = []
    right: list[str] = []
    for line in lines[found[0] + 1 :]:
        # a word starting at the right column's edge (give or take the padding) is its text: the
        # left column's text never reaches that far
        segs = [(g.start(), g.group()) for g in re.finditer(r"\S+", line)]
        cut = split - 2
        for (x0, t0), (x1, _) in itertools.pairwise(segs):
            if x0 < cut <= x1 and x1 == x0 + len(t0) + 1:
                # a left cell wider than its heading, one space from the right cell: cut
                # where the second person's entry starts
                body = line.lstrip()
                starts = _entry_starts(body)
                if len(starts) == 2:
                    cut = len(line) - len(body) + starts[1]
                break
        a = " ".join(t for x, t in segs if x < cut)
        b = " ".join(t for x, t in segs if x >= cut)
        if a:
            left.append(a)
        if b:
            right.append(b)
    return "\n".join(left), "\n".join(right)


def _team_columns_text(text: str, lo: int, hi: int) -> list[tuple[str, str]]:
    """Flattened team table: a line holding two entries has an Ofsted one then a CQC one; a line
    with one entry goes by the organisation it names, else by the column heading above it (a
    column-by-column copy); a wrapped line continues the entry of the line above whose role is
    unfinished. A layout copy (columns side by side) is split by position."""
    laid = _layout_columns(text, lo, hi, _TEAM_HEADS)
    if laid is not None:
        return [("Ofsted", laid[0]), ("CQC", laid[1])]
    cols: dict[str, list[str]] = {"Ofsted": [], "CQC": []}
    above: list[tuple[str, int]] = []  # (column, index) of the entries of the line above
    before: list[tuple[str, int]] = []  # and of the line before that
    under = "Ofsted"  # the column whose heading stands alone above (a column-by-column copy)
    for line in text[lo:hi].splitlines():
        line = line.strip()
        if not line or re.fullmatch(r"Ofsted\s+(?:Care Quality Commission|CQC)|\d{1,3}", line):
            continue  # the heading row, or a page number the extractor moved
        if re.fullmatch(r"(?:" + _TEAM_HEADS[0] + r")|(?P<cqc>" + _TEAM_HEADS[1] + r")", line):
            # the CQC heading after Ofsted's own entries: a column-by-column copy; straight after
            # the Ofsted heading, the headings' row split a line each (entries go by what they name)
            under = "Ofsted" if line == "Ofsted" or not (cols["Ofsted"] or cols["CQC"]) else "CQC"
            above = []
            continue
        starts = _entry_starts(line)
        if not starts or starts[0] > 0:
            head = line[: starts[0]].strip() if starts else line
            if above:
                pick = above[-1]
                if len(above) == 2:
                    done = [_role_done(cols[c][i]) for c, i in above]
                    pick = above[0] if done == [False, True] or done == [False, False] else above[1]
                    if done == [True, False]:
                        pick = above[1]
                elif _role_done(cols[pick[0]][pick[1]]):
                    # a copy that gives a row's cells one per line puts the left cell's wrapped
                    # line after the right cell: the unfinished entry of the line before goes on
                    unfinished = [(c, i) for c, i in before if c != pick[0] and not _role_done(cols[c][i])]
                    pick = unfinished[-1] if unfinished else pick
                c, i = pick
                cols[c][i] += "\n" + head
                if len(cols[c][i]) > _LONGEST_CELL:
                    break  # no cell of the table is this long: what follows is not the table (damaged text)
            if not starts:
                continue
        parts = [line[s : starts[k + 1] if k + 1 < len(starts) else len(line)].strip() for k, s in enumerate(starts)]
        before, above = above, []
        for k, part in enumerate(parts):
            if len(parts) >= 2:
                col = "Ofsted" if k == 0 else "CQC"
            else:
                col = "CQC" if re.search(r"\bCQC\b|Care Quality", part) else under
                if re.search(r"\bOfsted\b", part) and col == "CQC" and not re.search(r"\bCQC\b|Care Quality", part):
                    col = "Ofsted"
            cols[col].append(part)
            above.append((col, len(cols[col]) - 1))
    return [("Ofsted", "\n".join(cols["Ofsted"])), ("CQC", "\n".join(cols["CQC"]))]


def _partnership_rows(doc: Document, pages: _Pages, start: int, end: int) -> list[tuple[str, str]] | None:
    """The (left, right) cells of the ruled partnership details table, which may run on to the
    next page (a row broken by the page continues when one of its cells reads on)."""
    first = doc.page_of(start)
    if first is None:
        return None
    last = doc.page_of(max(start, end - 1))
    rows: list[tuple[str, str]] = []
    for i in range(first, (last if last is not None else first) + 1):
        top = pages.height(i)
        if i == first:
            box = pages.find(i, "partnership details")
            if box is None:
                return None
            top = box[1]
        bottom = pages.footer(i) + 0.5
        nb = pages.find(i, "Information about this inspection")
        if nb and nb[3] < top:
            bottom = max(bottom, nb[3])
        grid = _grid(pages, i, top, bottom)
        if grid is None:
            if rows:
                break
            continue  # the heading ends a page; the table starts on the next
        left, middle, right, ys = grid
        page_rows = [
            (_cell(pages, i, left, y1, middle, y0), _cell(pages, i, middle, y1, right, y0))
            for y0, y1 in zip(ys, ys[1:], strict=False)
        ]
        page_rows = [r for r in page_rows if r[0] or r[1]]
        if page_rows and rows and i > first and _row_reads_on(rows[-1], page_rows[0]):
            prev, cont = rows.pop(), page_rows[0]
            page_rows[0] = ((prev[0] + "\n" + cont[0]).strip(), (prev[1] + "\n" + cont[1]).strip())
        rows += page_rows
    return rows


_BODY_END = re.compile(r"(?:Council|ICB|Integrated\s+Care\s+Board|Trust|\))$")
_LABEL = re.compile(r"Name\s+of\s+[\w ()]+:\s*")


def _split_names(line: str, area: str) -> list[str]:
    """A line of the names row split where one body's name ends and the next begins ("Bexley
    Council NHS South East London ICB", "London Borough of Haringey North Central London ICB")."""
    cuts = {m.end() for m in re.finditer(r"\b(?:Council|Authority|ICB)(?=\s+[A-Z])", line)}
    cuts |= {m.start() for m in re.finditer(r"(?<=\S)\s+(?=NHS\s+(?!Integrated|ICB))", line)}
    if area:
        m = re.search(
            r"\b"
            + re.escape(area)
            + r"(?=\s+[A-Z])(?!\s+(?:Council|City|County|Borough|Metropolitan|Local|District)\b)",
            line,
        )
        if m and re.search(r"ICB|Integrated|Care|NHS", line[m.end() :]):
            cuts.add(m.end())
    out, pos = [], 0
    for c in sorted(cuts):
        if line[pos:c].strip():
            out.append(line[pos:c].strip())
            pos = c
    out.append(line[pos:].strip())
    return [x for x in out if x]


_STRICT_ROLE = re.compile(
    r"\b(?:Director|Chief|Executive|Officer|Lead|Manager|Commissioner|Nurse|Nursing|President|Head|CEO|DCS|"
    r"Deputy|Interim|Strategic|Corporate)\b"
)


def _leads(line: str, nxt: str) -> bool:
    """Whether a name-like line of the partnership table is a person: a role follows the name
    (after a comma or on the next line), or a bare name stands above the web address."""
    return bool(_STRICT_ROLE.search(line.partition(",")[2]) or _STRICT_ROLE.search(nxt) or _WEB.search(nxt))


def _column_cells(col: str) -> tuple[str, str]:
    """(bodies, people) of one column of the partnership details table: the body's lines down to
    the first person, then the people's lines down to the web address."""
    body: list[str] = []
    people: list[str] = []
    for line in col.splitlines():
        line = line.strip()
        if not line or (
            not body and re.fullmatch(r"(?:" + _DETAILS_HEADS[0] + "|" + _DETAILS_HEADS[1] + r")", line, re.I)
        ):
            continue
        if _URLISH.search(line):
            break
        if people or (body and _starts_entry(line) and not _JOINER_END.search(body[-1])):
            people.append(line)
        else:
            body.append(line)
    return "\n".join(body), "\n".join(people)


# The longest a cell of the partnership table can be (the longest real one, a person with a long
# role over several lines, is ~250 characters): past it, a copy's lines are not read as the table's.
_LONGEST_CELL = 1500


def _partnership_rows_text(text: str, lo: int, hi: int, area: str = "") -> list[tuple[str, str]]:
    """The partnership details table from flattened text, as (names row, people row).

    A layout copy (columns side by side) is split by position. Otherwise the copy may hold the
    table row by row (both columns' cells on one line) or column by column, in either case with
    the headings on their own lines or on one: the bodies named before a person (the first the
    council, the rest the column beside it), then the people (the first in the council's column,
    the rest beside it). A web address starts the column's address lines, which are passed over
    until the other column's heading, its body (while no body is read for it) or a person with
    a role."""
    laid = _layout_columns(text, lo, hi, _DETAILS_HEADS)
    if laid is not None:
        left, right = _column_cells(laid[0]), _column_cells(laid[1])
        if left[0] and right[0]:
            return [(left[0], right[0]), (left[1], right[1])]
    heads = re.compile(
        r"(?:(?:" + _DETAILS_HEADS[0] + r")(?:\s+(?:" + _DETAILS_HEADS[1] + r"))?|(?:" + _DETAILS_HEADS[1] + r"))",
        re.I,
    )
    bodies: list[str] = []
    entries: list[str] = []
    cols: list[int] = []  # the column of each entry
    cur = ""
    mode = "bodies"  # or "people", or "address" (after a web address)
    lines = [ln.strip() for ln in text[lo:hi].splitlines()]
    following = [""] * (len(lines) + 1)  # the next line with words after each line
    for n in range(len(lines) - 1, 0, -1):
        following[n - 1] = lines[n] or following[n]
    for n, line in enumerate(lines):
        if not line:
            continue
        if len(cur) > _LONGEST_CELL or (entries and len(entries[-1]) > _LONGEST_CELL):
            break  # no cell of the table is this long: what follows is not the table (damaged text)
        if heads.fullmatch(line) and not _LABEL.match(line) and not (cur and not _BODY_END.search(cur)):
            # a heading (or the heading row), not the end of a body's name ("… NHS" / "Integrated Care Board")
            if mode != "bodies" or cur:
                if cur:
                    bodies.append(cur)
                    cur = ""
                mode = "bodies" if re.match(_DETAILS_HEADS[1], line, re.I) or not bodies else mode
            continue
        if _URLISH.search(line):
            mode = "address"
            continue
        nxt = following[n]
        if (
            mode == "people"
            and _is_person_start(line)
            and not _leads(line, nxt)
            and not (entries and _JOINER_END.search(entries[-1].rstrip()))
        ):
            mode = "address"  # an address line that looks like a name ("River Park House")
            continue
        if (
            mode == "people"
            and entries
            and re.match(r"NHS\s", line)
            and _is_body_line(line)
            and _BODY_END.search(line)
            and not re.search(r"(?:\band|\bof|\bfor|\bthe|\bat|,|&|-)$", entries[-1].rstrip())
        ):
            mode = "bodies"  # the other column's bodies, after the council's person (column by column)
        if mode == "address":
            if _is_person_start(line) and _leads(line, nxt):
                mode = "people"
            elif len(bodies) < 2 and _is_body_line(line) and re.search(r"\b(?:NHS|ICB|Integrated)\b", line):
                mode = "bodies"
            else:
                continue
        # labels ("Name of lead person:") and a council's name run into its neighbour's split a line
        pieces = [p for p in re.split(r"\s*" + _LABEL.pattern, line) if p.strip()]
        for piece in pieces:
            if mode == "people" or _entry_starts(piece)[:1] == [0] and not _BODY_END.search(piece.rstrip()):
                mode = "people"
                if cur:
                    bodies.append(cur)
                    cur = ""
                starts = _entry_starts(piece)
                if starts and starts[0] == 0 and entries and _JOINER_END.search(entries[-1].rstrip()):
                    starts = starts[1:]  # "Director of Children’s Services and / Lifelong Learning"
                if not starts or starts[0] > 0:
                    head = piece[: starts[0]] if starts else piece
                    if entries:
                        entries[-1] += "\n" + head.strip()
                    elif head.strip():
                        cur = collapse(cur + " " + head)
                for k, st in enumerate(starts):
                    entries.append(piece[st : starts[k + 1] if k + 1 < len(starts) else len(piece)].strip())
                    # two entries on a line are a row's two cells; one alone is the council's
                    # if it is the first person, else the column beside it
                    cols.append(k if len(starts) >= 2 else (0 if len(entries) == 1 else 1))
                continue
            parts = _split_names(piece, area)
            for j, part in enumerate(parts):
                cur = collapse(cur + " " + part)
                if j < len(parts) - 1 or _BODY_END.search(cur):
                    bodies.append(cur)
                    cur = ""
    if cur:
        bodies.append(cur)
    if not bodies:
        return []
    council = "\n".join(e for e, c in zip(entries, cols, strict=True) if c == 0)
    beside = "\n".join(e for e, c in zip(entries, cols, strict=True) if c != 0)
    return [(bodies[0], "\n".join(bodies[1:])), (council, beside)]


def _row_reads_on(prev: tuple[str, str], row: tuple[str, str]) -> bool:
    """Whether ``row``, first on its page, is the rest of ``prev`` broken by the page end."""
    reads_on = False
    for a, b in zip(prev, row, strict=True):
        if not a.strip() or not b.strip():
            continue
        if re.search(r"(?:\band|\bof|\bfor|\bthe|,|&|-|\bNHS|Integrated|Care)$", a.rstrip()):
            return True
        if _WEB.match(b.strip()) or _starts_entry(b):
            return False  # a row of its own: the web addresses (in lower case), or the next person
        reads_on = reads_on or b[:1].islower()
    return reads_on


def _partnership(
    doc: Document, pages: _Pages | None, sec: _Sections, area: str = ""
) -> tuple[list[Person], Fact[str] | None, list[Fact[str]]]:
    """People of the partnership details table, the council it names, and its ICB(s)."""
    text = doc.text
    b = sec.bounds.get("details")
    if not b:
        return [], None, []
    lo, hi = b[1], b[2]
    if pages is None:
        # a column-by-column copy may put the next heading before the table's right column:
        # the lines after that heading, from the column's heading down to the first prose, go with it
        m = re.match(
            r"[ \t]*(?:Information about this inspection)[ \t]*\n\s*(?:" + _DETAILS_HEADS[1] + r")[ \t]*\n",
            text[hi:],
            re.I,
        )
        if m:
            prose = re.compile(r"^[ \t]*(?:\S+[ \t]+){8}", re.M).search(text, hi + m.end())
            hi = prose.start() if prose else hi + m.end()
    rows = _partnership_rows(doc, pages, b[0], hi) if pages is not None else _partnership_rows_text(text, lo, hi, area)
    if not rows:
        return [], None, []
    if rows and re.fullmatch(r"(?:Local\s+authority|Name\s+of\s+[\w ]+:?)\s*", rows[0][0], re.I):
        rows = rows[1:]  # the header row (a name row may carry "Name of authority:" labels)
    if not rows:
        return [], None, []
    names = rows[0]
    person_rows = []
    for r in rows[1:]:
        if _URLISH.search(r[0] + "\n" + r[1]):
            break
        person_rows.append(r)
    people: list[Person] = []
    la: Fact[str] | None = None
    icbs: list[Fact[str]] = []
    cursor = lo
    for col in (0, 1):
        body_text = re.sub(r"(?m)^Name\s+of\s+[\w ()]+:\s*", "", names[col]).strip()
        body = _fact_at(text, body_text, lo, hi) if body_text else None
        if body is not None and body.span is None:
            body = Fact(body.value, Span.of(text, lo, hi))
        listed = _listed_bodies(body_text)
        if col == 0:
            la = body
        elif body is not None:
            if len(listed) > 1 and all(_ICB.search(x) for x in listed):
                icbs += [_fact_at(text, x, lo, hi, fallback=(lo, hi)) for x in listed]
            else:
                icbs.append(body)
        many = len(listed) >= 2 or (
            body is not None and len(_ICB.findall(body.value)) + len(re.findall(r"\bCouncil\b", body.value)) >= 2
        )
        cell = "\n".join(r[col] for r in person_rows if r[col].strip())
        cell = re.sub(r"(?m)^Name\s+of\s+[\w ()]+:\s*", "", cell)
        entries = _entries(cell)
        for k, entry in enumerate(entries):
            org = body
            if many:
                # the body the role names; else one person per body listed, in order; else the
                # first body listed (the lead body heads the column)
                org = _org_from_role(text, entry, listed, lo, hi)
                if org is None and len(listed) >= 2:
                    pick = listed[k] if len(entries) == len(listed) else listed[0]
                    org = _fact_at(text, pick, lo, hi, fallback=(lo, hi))
                org = org or body
            p, _ = _person(text, entry, cursor if col == 0 else lo, hi, org, "partnership")
            if p:
                people.append(p)
    return people, la, icbs


def _listed_bodies(cell: str) -> list[str]:
    """The bodies a names cell lists one under another, wrapped lines joined."""
    out: list[str] = []
    parts: list[str] = []  # the lines of the body being read, collapsed
    tail = ""  # its last 60 characters: all its end needs (the whole was rejoined per line: quadratic)
    for line in cell.splitlines():
        piece = collapse(line)
        if piece:
            parts.append(piece)
            tail = (tail + " " + piece if tail else piece)[-60:]
        if parts and re.search(r"(?:ICB|Integrated\s+Care\s+Board|Council|Trust|\))$", tail):
            out.append(" ".join(parts))
            parts, tail = [], ""
    if parts:
        out.append(" ".join(parts))
    return out


def _org_from_role(text: str, entry: str, listed: list[str], lo: int, hi: int) -> Fact[str] | None:
    """For a column naming several bodies, the body the person's role names."""
    flat = collapse(entry)

    def key(s: str) -> str:
        return re.sub(r"\b(?:NHS|the)\b|\s+", " ", s).strip().lower()

    for name in listed:
        if (
            len(name.split()) >= 2
            and re.search(r"(?:ICB|Integrated Care Board|Council)$", name)
            and key(name) in key(flat)
        ):
            return _fact_at(text, name, lo, hi)
    m = re.search(
        r"(?:\bof|\bat|,)\s+(?:the\s+)?((?:NHS\s+)?[A-Z][^,]{0,150}?\b(?:ICB|Integrated\s+Care\s+Board|Council))\)?\.?$",
        flat,
    )
    if m:
        return _fact_at(text, m.group(1), lo, hi)
    return None
