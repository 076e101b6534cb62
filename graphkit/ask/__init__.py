"""Stage 6, ask: named SPARQL queries with bound parameters and plain output (`query`, `xlsx`),
one row per local area (`areas`), an area's story (`area`), what the graph holds for a document
(`show`), and person matches for a person to review (`people`)."""
