"""Stage 7, share: exports for network tools and spreadsheets (`export`, `spool`), the
self-contained HTML view (`html_view`), the offline atlas (`site`), the vocabulary's reference
page (`vocab`), and publishing to a SPARQL server (`publish`)."""
