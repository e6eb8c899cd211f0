"""Topics and key phrases of one article.

`taxonomy` reads the IPTC Media Topics, `lexicon` scores an article's topics from weighted terms,
`keyphrases` picks its key phrases. Gives `TopicScore` and `KeyPhrase` records.
"""
