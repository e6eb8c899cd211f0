"""Quotes of one article: marks paired on the raw text, speakers found with rules over the parse.

`marks` pairs quotation marks, `cues` finds the reporting verb, `speakers` turns a mention into
a person, organisation or description, `indirect` finds reported speech, and `attribute` joins
pieces into quotes and runs the speaker sieves. Gives `Quote` records.
"""
