"""Stage 5, check: SHACL validation of documents and stores (`validate`), and where letters
and the official statistics disagree (`reconcile`)."""
