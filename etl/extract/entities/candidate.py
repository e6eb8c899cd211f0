"""One candidate mention: a span of the article and the type the rules gave it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from etl.extract.entities.names import span_text
from etl.lexicons import fold_key
from etl.model import Role

ACRONYM = re.compile(r"^[A-Z][A-Za-z&0-9]*[A-Z0-9][A-Za-z&0-9]*$|^(?:[A-Z]\.){2,}$")


@dataclass
class Candidate:
    """One cleaned mention with the type the rules gave it."""

    span: Span
    kind: str                        # "person", "organisation" or "place" (kept for surname checks)
    weight: int = 1                  # how sure the typing is (word-list / layout rules beat the model)
    role: Role | None = None         # a title written before the name
    media: bool = False
    after_role: Role | None = None   # a title written after the name ("X, leader of Y,")
    possessive: bool = False         # the "'s" at the end is part of the name ("Moody's")
    short_of: str | None = None      # the longer name this one shortens ("Hilton Hotels" of
    #                                  "Hilton Hotels Corp"), which the grouping joins it to
    surname: str | None = None       # a surname the name shares with the next one ("Bill" in
    #                                  "Bill and Hillary Clinton")

    @property
    def text(self) -> str:
        return span_text(self.span)

    @property
    def full_text(self) -> str:
        """The name with the surname it shares ("Bill Clinton"), else as written."""
        return f"{self.text} {self.surname}" if self.surname else self.text

    @property
    def key(self) -> str:
        return fold_key(self.text)


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")
