"""Read: files, directories, standard input and URLs in, raw articles out.

Takes paths (and `-`), walks directories, opens compressed files, recognises the format, guards
the size, decodes the bytes and parses dates. Gives `RawArticle` records or an `InputError`
naming the file (and line or record) for each bad input. Knows nothing of NLP or databases.
"""
from etl.read.inputs import ReadResult, iter_inputs

__all__ = ["ReadResult", "iter_inputs"]
