"""Stage 6, ask: named SPARQL queries with bound parameters (`query`), what the graph holds for
a document (`show`), and person matches for a person to review (`people`)."""
