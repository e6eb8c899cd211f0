"""People and organisations of one article: spaCy's entities re-typed and cleaned with rules and
the word lists in `etl.lexicons`.

`candidates` types each span, `names` cleans names and finds titles, `grouping` folds the forms
of one entity together, `patterns` finds what the model misses, `assemble` builds the
`Entity` records (names, mentions, roles) that the article gives.
"""
