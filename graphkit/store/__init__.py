"""Stage 4, store: the embedded Oxigraph store on disk (`db`), building and updating it from
letters (`build`), and graph files and rdflib datasets (`files`)."""
