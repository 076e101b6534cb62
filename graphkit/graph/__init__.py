"""Stage 3, graph: typed records to RDF — the ontology's terms and IRIs (`rdf`, and `iris` for
code that needs no rdflib), Ofsted's statistics (`statistics`), derived lifecycle links (`links`)
and theme codings (`themes`). The only stage that knows ontology terms; names are resolved by
:mod:`graphkit.resolve`."""
