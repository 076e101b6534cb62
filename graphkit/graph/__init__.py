"""Stage 3, graph: typed records to RDF — the ontology's terms and IRIs (`rdf`), who is who
across documents (`resolve`), Ofsted's statistics (`statistics`), derived lifecycle links
(`links`) and theme codings (`themes`). The only stage that knows ontology terms."""
