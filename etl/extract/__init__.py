"""Extract: clean articles in, extractions out; never touches a database.

`nlp` loads the spaCy model; `pipeline` runs it and the extractors (`entities`, `quotes`,
`topics`) over each article and gives a `ProcessedArticle`; `parallel` spreads that over
processes; `contract` writes the JSON lines of `newsetl extract`.
"""
