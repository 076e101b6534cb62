"""Read a 2023-framework "Area SEND inspection of X Local Area Partnership" report.

Everything is read from the document's normalised text by heading anchors and robust wording
cores, except the report's tables, which PDF text extraction flattens and interleaves:

* "Areas for priority action" (Responsible body | Areas for priority action),
* "Local area partnership details" (Local authority | Integrated care board),
* "Inspection team" (Ofsted | Care Quality Commission),

are read by position on the PDF page (ruling lines give rows and columns; the column headings
give the columns of the unruled team table), and each cell's text is then located in the
normalised text so that every fact keeps a :class:`~graphkit.model.Span`. A cell whose lines
are interleaved with the other column's gets the smallest span covering all of its words, so
its quote may contain some of the neighbouring cell's words; its value is the cell's own text.
For documents without a PDF (text copies) the tables are read from the flattened text: lines
holding two entries are split where a name follows the end of a role, a body cell broken by a
page is joined across the removed running header, and the partnership table's first person is
the council's. A bare name beside another entry on one line cannot be told from one long name
there ("Alun Pryce Rosalind Tremaine"); the PDF reads it.

``previous_inspection_start``/``_end``: a free-text value naming a full inspection and a later
revisit ("The previous full inspection was on 19 March 2018. There was a subsequent revisit on
24 March 2020.") gives the dates of the *full* inspection; a bare value gives the dates it
states (which for Bury, Hull, Medway are the revisit's).
"""

from graphkit.extract.report2023.extractor import extract_report

__all__ = ["extract_report"]
