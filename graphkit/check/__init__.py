"""Stage 5, check: SHACL validation of documents and stores (`validate`), self-checks of what a
misread leaves (`selfcheck`), and where letters and the official statistics disagree (`reconcile`)."""
