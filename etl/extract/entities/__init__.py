"""People and organisations of one article: spaCy's entities re-typed and cleaned with rules and
the word lists in `etl.lexicons`.

`candidates` types each span (with `candidate`, the record it builds), `context` reads the words
around a name (datelines, works, page furniture, words stuck to names), `media` decides outlets,
`layout` and `patterns` handle sports tables and initials, `missed` adds names the model missed,
`names` cleans names and finds titles, `grouping` folds the forms of one entity together,
`assemble` builds the `Entity` records (names, mentions, roles) that the article gives, and
`headline` adds the names of the title.
"""
