"""Pair double quotation marks into quoted spans, on characters, before any parsing.

Works on the raw text so offsets are exact and no tokenizer decision (spaCy flags apostrophes
as quotes, and strands openers at sentence ends) can break a pair. Only double marks are paired:
curly “ ”, German „, straight ", and the typewriter pairs `` and ''. Single marks are never
paired on their own: they are mostly apostrophes (kids’ table, Obama’s), and nested single
quotes simply stay inside the double-quoted span that holds them. So do double marks nested in
a quote (`“I would rather cross in what he calls “a storm” than…”`): an opener met while a quote is open
sets the earlier one aside, and a closing mark met later with nothing open closes it, the inner
pair staying part of the outer quote.

A quote that runs over several paragraphs opens every paragraph and closes only in the last;
an unclosed paragraph followed by one that starts with an opening mark is closed at the line
break and marked `continues`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Longest alternatives first so '' is one mark, not two apostrophes.
_MARK = re.compile(r"``|''|’’|‘‘|[“”„\"]")
_OPENERS = {"“", "„", "``", "‘‘"}
_CLOSERS = {"”", "’’"}
# Characters after which a straight mark opens: start, space, bracket, dash, slash.
_OPEN_BEFORE = set(" \t\n([{—–-/") | {"\u00a0"}
_CLOSE_AFTER = set(" \t\n)]}.,;:!?—–-/…") | {"\u00a0"}


@dataclass
class QuotedSpan:
    """One quoted stretch within one paragraph."""

    open_start: int        # offset of the opening mark
    content_start: int     # first character inside the marks (whitespace stripped)
    content_end: int       # one past the last character inside (whitespace stripped)
    close_end: int         # one past the closing mark (paragraph end if it continues)
    paragraph: int         # index of the paragraph (line) that holds it
    continues: bool = False  # no closing mark: the quote goes on in the next paragraph
    unclosed: bool = False   # no closing mark and nothing continues it

    @property
    def length(self) -> int:
        return self.content_end - self.content_start


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _role(text: str, pos: int, mark: str) -> str:
    """'open', 'close' or 'either' for one mark, from its shape and its neighbours."""
    if mark in _OPENERS:
        # an opening shape glued to the word before and followed by a space is a mistyped
        # closer (`“Apparently not,“ he said.`)
        if 0 < pos and not text[pos - 1].isspace() and text[pos - 1] not in "([{—–-/" \
                and pos + len(mark) < len(text) and text[pos + len(mark)] in " \t\u00a0":
            return "close"
        return "open"
    if mark in _CLOSERS:
        # a closing shape at a paragraph start is a mistyped opener (”Fear. I am…)
        if (pos == 0 or text[pos - 1] == "\n") and pos + len(mark) < len(text) \
                and not text[pos + len(mark)].isspace():
            return "open"
        return "close"
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else "\n"
    can_open = (before in _OPEN_BEFORE or before in "“”\"'‘’") and after not in " \t\n\u00a0"
    can_close = after in _CLOSE_AFTER or after in "“”\"'‘’"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every paired double-quoted span of the text, in order."""
    paras = paragraphs(text)
    marks_by_para: list[list[tuple[int, int, str]]] = []
    for a, b in paras:
        marks_by_para.append([(m.start(), m.end(), _role(text, m.start(), m.group()))
                              for m in _MARK.finditer(text, a, b)])

    spans: list[QuotedSpan] = []
    for pi, ((pa, pb), marks) in enumerate(zip(paras, marks_by_para)):
        opened: tuple[int, int] | None = None   # (mark start, mark end)
        set_aside: list[tuple[int, int]] = []    # openers met while another quote was open
        for ms, me, role in marks:
            if opened is None:
                if role == "close" and set_aside:
                    # the closer of a quote that held a quoted pair: the pairs inside stay
                    # part of it
                    outer = set_aside.pop()
                    while spans and spans[-1].paragraph == pi and spans[-1].open_start > outer[0]:
                        spans.pop()
                    cs, ce = _strip(text, outer[1], ms)
                    if ce > cs:
                        spans.append(QuotedSpan(outer[0], cs, ce, me, pi))
                elif role in ("open", "either"):
                    opened = (ms, me)
                # otherwise a stray closing mark with nothing open: ignored
                continue
            if role in ("close", "either"):
                cs, ce = _strip(text, opened[1], ms)
                if ce > cs:
                    spans.append(QuotedSpan(opened[0], cs, ce, me, pi))
                opened = None
            else:
                # an opener while open: a quote inside the quote, or the earlier mark had no
                # partner; set it aside and start again here
                set_aside.append(opened)
                opened = (ms, me)
        if opened is None:
            continue
        nxt = marks_by_para[pi + 1] if pi + 1 < len(paras) else []
        next_opens = bool(nxt) and nxt[0][0] == paras[pi + 1][0] and nxt[0][2] != "close"
        cs, ce = _strip(text, opened[1], pb)
        if ce > cs:
            spans.append(QuotedSpan(opened[0], cs, ce, pb, pi, continues=next_opens,
                                    unclosed=not next_opens))
    return spans
