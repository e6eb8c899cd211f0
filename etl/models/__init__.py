"""Model weights that ship with newsetl: data only, no code. `ner/` is the accurate profile's
entity tagger (etl.extract.entities.encoder reads it; its card is ner/MODEL_CARD.md)."""
