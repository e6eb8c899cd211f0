"""One module per input format, plus the shared decoding and date parsing they use.

Every reader yields RawArticle or InputError and never raises for bad input; `etl.read`
chooses the reader and guards the file sizes.
"""
