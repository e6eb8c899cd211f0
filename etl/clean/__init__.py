"""Clean: raw articles in, clean articles out.

Small pure `str -> str` cleaners (control characters, Unicode normalisation, whitespace) and the
boilerplate cutter that moves appeals, "Read more" lists and teasers out of the body. Gives an
`Article` whose `body` every later offset refers to.
"""
