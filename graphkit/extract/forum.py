"""The parent carer forum a letter or report names, read whole from any of the ways it is introduced.

A report introduces its area's forum by a generic phrase ("parent carer forum", "parents and
carers' council", "parent carer voice", "family forum", "PCF") and gives the name beside it in
one of a few shapes:

* quoted, before or after: "The ‘Have Your Say’ parent carer forum", "‘Bury2gether’, the local
  parent carer forum";
* a name before the phrase: "through the Working Together parent carer forum", "works closely
  with Northshire PCF", "Parents Opening Doors, a local parent carer forum";
* a name after it: "the parent carer forum, known as Bexley Voice", "the parent carer forum,
  Families in Step (FiS)", "parent carer forum (Northshire SEND Family Forum, or NSFF)", "known
  in Northshire as the Family Voice Alliance (FVA)";
* an acronym with its expansion in brackets: "the PCV (Parents and Carers Voice Northshire,
  which is Northshire’s parent carer forum)";
* a proper name holding the phrase: "the Darlington Parent and Carer Forum (PCF)".

The name is read whole (every word of "Families in Step"); where an acronym and its expansion in
brackets are both given, the expansion is the name. A bare title ("the Parent Carer Forum
(PCF)"), an area's name alone ("the Northshire parent carer forum") or a pronoun is not a name.
Every pattern is linear: the word runs are made of disjoint alternatives, so nothing backtracks.
"""

from __future__ import annotations

import re

from graphkit.extract.common import text_fact
from graphkit.model import Fact

__all__ = ["parent_carer_forum"]

# one capitalised word (or a word with digits: "Bury2gether", "Parents4Change")
_W = r"(?:[A-Z0-9][\w’'&\-]*)"
_START = r"(?<![\w’'&\-])"
_JOIN = r"(?:and|of|for|in|the|&|with)"
# a run of capitalised words, lower-case joiners allowed between them ("Families in Step")
_NAME = _W + r"(?:\s+(?:" + _JOIN + r"\s+)*" + _W + r")*"
_NAME_NL = _NAME
# an acronym: two to eight letters, at least two of them capitals ("NSFF", "FiS", "PaCC")
_ACR = r"(?:(?=[A-Za-z0-9&]{2,8}\b)[A-Z][a-z0-9&]*[A-Z][A-Za-z0-9&]*)"
# the generic phrase, in any case
_GEN = (
    r"(?i:parents?(?:\s+and)?\s+carers?[’']?\s+(?:forum|council|voice|involvement|partnership)"
    r"|family\s+(?:forum|voice))"
)
_GEN_LOWER = r"(?:parents?(?:\s+and)?\s+carers?[’']?\s+(?:forum|council|voice))"
_ANCHOR = re.compile(_GEN + r"|\bPCF\b")
_ART = r"(?:(?:the|a|an|its|our|their|[A-Z]\w*[’']s)\s+)?(?:(?:local|area[’']s|recognised|strategic)\s+)?"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "‘Bury2gether’, the local parent carer forum" / "The ‘Have Your Say’ parent carer forum"
    re.compile(r"‘(?P<name>[^’\n]{2,50})’\s*,?\s*" + _ART + _GEN),
    # "the parent carer forum, known as ‘Fun Club’"
    re.compile(
        _GEN
        + r"(?:\s*\("
        + _ACR
        + r"\))?\s*,?\s*(?:(?:known|referred\s+to)\s+as\s+|called\s+)?‘(?P<name>[^’\n]{2,50})’"
    ),
    # "the parent carer forum, known as Bexley Voice" / "is known in Northshire as the X (ACR)"
    re.compile(
        _GEN + r"(?:\s*\(" + _ACR + r"\))?\s*[,(]?\s*(?:is\s+)?(?:(?:known|referred\s+to)(?:\s+locally)?"
        r"(?:\s+in\s+" + _NAME + r")?\s+as|called|named)\s+(?:the\s+)?(?P<name>" + _NAME_NL + r")"
        r"(?:\s*\((?P<acr>" + _ACR + r")\))?"
    ),
    # "the parent carer forum (Northshire SEND Family Forum, or NSFF)" / "… forum (Our Voice)"
    re.compile(
        _GEN
        + r"\s*\((?!"
        + _ACR
        + r"\s*\))(?:the\s+)?(?P<name>"
        + _NAME_NL
        + r")(?:\s*,\s*(?:or\s+)?(?P<acr>"
        + _ACR
        + r"))?\)"
    ),
    # "the parent carer forum, Families in Step (FiS)," / "the local parent carer forum, BCP,"
    re.compile(
        _GEN + r"(?:\s*\(" + _ACR + r"\))?\s*,\s*(?:the\s+)?(?P<name>" + _NAME_NL + r")"
        r"(?:\s*\((?P<acr>" + _ACR + r")\))?(?=\s*[,.;)]|\s+(?:is|are|has|have|which|who|to|and)\b)"
    ),
    # "the PCV (Parents and Carers Voice Northshire, which is Northshire’s parent carer forum)"
    re.compile(
        _START
        + r"(?P<acr>"
        + _ACR
        + r")\s*\((?:the\s+)?(?P<name>"
        + _NAME_NL
        + r")\s*,[^()\n]{0,60}?"
        + _GEN
        + r"\s*\)"
    ),
    # "Wiltshire Parent Carer Council (WPCC, Wiltshire’s parent carer forum)" / "Parents Opening Doors, a local …"
    re.compile(
        _START
        + r"(?P<name>"
        + _NAME
        + r")\s*(?:,|\(|\s[–—])\s*(?:(?P<acr>"
        + _ACR
        + r")\s*,\s*)?(?:which\s+is\s+)?"
        + _ART
        + _GEN
    ),
    # a proper name holding the phrase: "the Darlington Parent and Carer Forum", "Parent carer voice Herefordshire"
    re.compile(
        _START + r"(?P<name>(?:" + _W + r"\s+){0,3}Parents?\s+(?:and\s+)?Carers?[’']?\s+"
        r"(?:Forum|Voice|Council|Involvement|Partnership)(?:\s+(?!PCF\b)" + _W + r")?"
        r"|(?:" + _W + r"\s+){1,3}Family\s+(?:Forum|Voice)(?:\s+(?!PCF\b)" + _W + r")?"
        r"|Family\s+Voice\s+[A-Z]\w+"
        r"|Parents?\s+carers?\s+(?:forum|voice)\s+[A-Z][a-z]\w+)"
    ),
    # "Voices Together is the local parent carer forum"
    re.compile(_START + r"(?P<name>" + _NAME + r")\s+(?:is|are)\s+(?:the|a|an|its|our)\s+" + _ART + _GEN),
    # "through the Working Together parent carer forum" / "works closely with Northshire PCF"
    re.compile(_START + r"(?P<name>" + _NAME + r")\s+" + _GEN_LOWER),
    re.compile(_START + r"(?P<name>" + _NAME + r"\s+PCF)\b(?!\s*\))"),
)

# words that open a sentence or a clause, never a forum's name
_NOT_NAMES = frozenset(
    "The This That It They These Those Their Its A An In On At As By Through With From And But While "
    "Leaders Members However Also Both Our We Inspectors".split()
)
# names that are only the title of a forum, not its name
_TITLE_ONLY = re.compile(
    r"(?i:(?:the\s+)?(?:local\s+)?(?:parents?(?:\s+and)?\s+carers?[’']?\s+(?:forum|council|voice|involvement)"
    r"(?:\s+\(\w+\))?|pcf|pcv|send|sendiass|parent|parents|family\s+forum|forum|council|voice))"
)


def _acronym_of(acr: str, name: str) -> bool:
    """Whether ``acr`` can stand for ``name``: its letters are initials of the name's words, in order."""
    initials = [w[0].lower() for w in re.findall(r"[A-Za-z0-9]+", name)]
    letters = [c.lower() for c in acr if c.isupper() or c.isdigit()] or [acr[0].lower()]
    k = 0
    for c in letters:
        while k < len(initials) and initials[k] != c:
            k += 1
        if k == len(initials):
            return False
        k += 1
    return True


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Leading sentence words and trailing joiners taken off ``text[s:e]``."""
    while s < e:
        m = re.match(r"([\w’']+)(?:\s+|$)", text[s:e])
        if not m or m.group(1) not in _NOT_NAMES:
            break
        s += m.end()
    while s < e:
        m = re.search(r"\s+(?:and|of|for|in|the|with|&)$", text[s:e])
        if not m:
            break
        e = s + m.start()
    return s, e


def _is_area(name: str, area: str) -> bool:
    """Whether ``name`` is only an area's name (the report's own, or any English authority's)."""
    from graphkit.resolve import resolve_area

    if re.search(r"(?i)\bPCF\b|forum|voice|council", name):
        return False
    bare = re.sub(r"[’']s$", "", name.strip())
    return (area != "" and bare.casefold() == area.strip().casefold()) or resolve_area(bare) is not None


def _expansion_after(text: str, s: int, e: int, hi: int) -> tuple[int, int] | None:
    """ "ACR (Expansion …": the expansion in brackets right after an acronym ``text[s:e]``."""
    m = re.compile(r"\s*\((?:the\s+)?(" + _NAME_NL + r")\s*[,)]").match(text, e, hi)
    if m and _acronym_of(text[s:e], m.group(1)):
        return m.start(1), m.end(1)
    return None


def _expansion_before(text: str, s: int, e: int, lo: int) -> tuple[int, int] | None:
    """ "Expansion (ACR, …": the name a bracketed acronym ``text[s:e]`` follows."""
    m = re.compile(_START + "(" + _NAME + r")\s*\(\s*$").search(text, max(lo, s - 120), s)
    if m and _acronym_of(text[s:e], m.group(1)):
        return m.start(1), m.end(1)
    return None


def parent_carer_forum(text: str, lo: int, hi: int, area: str = "") -> Fact[str] | None:
    """The forum named in ``text[lo:hi]``: the first introduction that gives a name (see module doc).

    ``area`` is the document's area as written: a forum is never named by it alone.
    """
    for anchor in _ANCHOR.finditer(text, lo, hi):
        wlo, whi = max(lo, anchor.start() - 160), min(hi, anchor.end() + 120)
        found: list[tuple[int, int]] = []
        for rx in _PATTERNS:
            for m in rx.finditer(text, wlo, whi):
                if not (m.start() <= anchor.start() < m.end() or m.start() <= anchor.end() - 1 < m.end()):
                    continue
                s, e = _trim(text, m.start("name"), m.end("name"))
                name = text[s:e].strip("‘’ ")
                is_acronym = re.fullmatch(_ACR, name) is not None
                if not name or _TITLE_ONLY.fullmatch(name) or (not is_acronym and _is_area(name, area)):
                    continue
                acr = m.groupdict().get("acr")
                if is_acronym and acr is None:
                    exp = _expansion_after(text, s, e, hi) or _expansion_before(text, s, e, lo)
                    if exp is not None:
                        s, e = exp
                if text[s] == "‘" or text[e - 1] == "’":
                    s, e = s + (text[s] == "‘"), e - (text[e - 1] == "’")
                found.append((s, e))
                break
            if found:
                break
        if found:
            s, e = found[0]
            return text_fact(text, s, e)
    return None
