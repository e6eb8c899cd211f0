"""The records that flow through the pipeline: read -> clean -> extract -> resolve -> load.

Plain dataclasses with no database or spaCy types in them, so every stage can be tested alone
and the extraction can be printed as JSON (`newsetl extract`). Character offsets always refer
to `Article.text`, the cleaned body that is stored in the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal


@dataclass
class RawArticle:
    """One article as a reader found it, before cleaning."""

    source_path: str                 # file it came from ("-" for stdin)
    text: str                        # body text as read (decoded, not yet cleaned)
    title: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    source: str | None = None        # outlet / publisher name
    external_id: str | None = None   # id given by the input, if any
    line: int | None = None          # line (JSON lines) or record number (WARC) in the file
    authors: list[str] = field(default_factory=list)
    fetched_at: datetime | None = None
    language: str | None = None
    page_words: int | None = None    # words of running text on the whole page (HTML), if known


@dataclass
class Article:
    """A cleaned article: `text` is the body that is stored and that all offsets refer to."""

    source_path: str
    text: str
    title: str | None
    url: str | None
    published_at: datetime | None
    source: str | None
    external_id: str | None
    content_hash: str                # sha256 of the normalised body, the natural key
    line: int | None = None
    boilerplate: str | None = None   # text removed from the end/start as not part of the article
    authors: list[str] = field(default_factory=list)
    fetched_at: datetime | None = None
    language: str | None = None      # ISO 639-1 code of the body; None when too short to tell
    text_quality: str = "good"       # "good", or "poor" when the text is likely not the article
    text_quality_reason: str | None = None

    @property
    def is_english(self) -> bool:
        """English, or too short to tell: the English pipeline runs on it."""
        return self.language in (None, "en")


@dataclass
class Mention:
    start: int
    end: int
    text: str


EntityKind = Literal["person", "organisation"]


@dataclass
class Role:
    """A title or function given to a person in one article ("German Chancellor")."""

    title: str
    organisation: str | None = None  # affiliation named with the title ("NATO")
    start: int | None = None
    end: int | None = None


@dataclass
class Entity:
    """A person or organisation as one article names it, canonicalised within the article."""

    kind: EntityKind
    name: str                        # fullest form used in the article, titles stripped
    aliases: list[str] = field(default_factory=list)   # other surface forms (not `name`)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)    # people only
    acronym: str | None = None       # organisations only ("AfD")
    is_media: bool = False           # organisations only: an outlet (Politico, Der Spiegel)
    title_mentions: list[Mention] = field(default_factory=list)   # offsets into the title, not the text


@dataclass
class Speaker:
    """Who a quote is attributed to."""

    text: str                        # as written ("he", "the report", "The former head of Britain's MI6")
    name: str | None = None          # resolved canonical name, or None
    kind: Literal["person", "organisation", "other"] | None = None
    entity: int | None = None        # index into Extraction.people / .organisations (by kind)
    start: int | None = None
    end: int | None = None
    organisation: str | None = None  # organisation linked to a described speaker ("MI6")


PIECE_JOINER = " … "               # between the pieces of a quote's text and content


@dataclass
class Quote:
    """What someone is reported to have said.

    `text` is the verbatim words: the text inside the quotation marks, its pieces joined with
    PIECE_JOINER (`“A,” he said, “B.”` -> "A, … B."); for indirect speech, which has no marks,
    it is the reported clause. `pieces` are the (start, end) of each piece in the article text,
    in order; `start`/`end` run from the first piece's start to the last piece's end.
    `content` is the attributed content as PolNeAR annotates it: for a mixed quote the whole
    reported clause with its frame and marks (`that “it is important …”`), for a direct quote
    the quoted pieces with their marks; its pieces are joined the same way and
    `content_start`/`content_end` span them.
    """

    text: str
    start: int
    end: int
    speaker: Speaker | None
    cue: str | None = None           # reporting verb or phrase ("told", "according to")
    medium: str | None = None        # outlet the words were said to ("Politico")
    partial: bool = False            # a quoted fragment inside the reporter's sentence
    kind: Literal["direct", "mixed", "indirect"] = "direct"
    confidence: float = 0.5
    content: str | None = None       # None: the same as `text`
    content_start: int | None = None
    content_end: int | None = None
    pieces: list[tuple[int, int]] = field(default_factory=list)   # empty: [(start, end)]

    def __post_init__(self) -> None:
        if not self.pieces:
            self.pieces = [(self.start, self.end)]
        if self.content is None:
            self.content, self.content_start, self.content_end = self.text, self.start, self.end


@dataclass
class TopicScore:
    qcode: str
    label: str
    score: float


@dataclass
class KeyPhrase:
    text: str
    score: float
    count: int = 1


@dataclass
class Extraction:
    people: list[Entity] = field(default_factory=list)
    organisations: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[TopicScore] = field(default_factory=list)
    keyphrases: list[KeyPhrase] = field(default_factory=list)


@dataclass
class ProcessedArticle:
    article: Article
    extraction: Extraction


@dataclass
class RunCounts:
    """What a load or reprocess run has counted so far."""
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
