"""Stage 7, share: exports for network tools and spreadsheets (`export`, `spool`), the
self-contained HTML view (`html_view`), and publishing to a SPARQL server (`publish`)."""
