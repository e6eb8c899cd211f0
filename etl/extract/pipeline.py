"""The transform: cleaned articles in, extractions out. No database access here."""
from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from etl.extract.entities import assemble as entities
from etl.extract.entities.headline import add_title_entities
from etl.extract.quotes import attribute as quotes
from etl.extract.topics import keyphrases, lexicon as topics
from etl.clean.language import detect_language
from etl.clean.quality import mask_contacts
from etl.clean.text import blank_list_markers
from etl.lexicons import fold_key
from etl.extract.quotes.speakers import GROUP_PRONOUNS
from etl.model import Article, Entity, Extraction, ProcessedArticle, Quote, Speaker
from etl.extract.nlp import load_model


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items (the last one shorter), streaming."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def flag_own_outlet(orgs: list[Entity], source: str | None) -> None:
    """The article's own outlet, named in its text, is a media organisation."""
    key = fold_key(source) if source else ""
    for e in orgs:
        if key and any(fold_key(form) == key for form in [e.name, *e.aliases]):
            e.is_media = True


def unattribute_own_outlet(found: list[Quote], orgs: list[Entity], source: str | None) -> None:
    """A pronoun ("they claimed") is never the article's own outlet: the outlet is the
    narrator, not a source. Such a speaker is left unresolved."""
    key = fold_key(source) if source else ""
    for q in found:
        sp = q.speaker
        if (key and sp and sp.kind == "organisation" and sp.entity is not None
                and sp.text.lower() in GROUP_PRONOUNS
                and fold_key(orgs[sp.entity].name) == key):
            q.speaker = Speaker(text=sp.text, start=sp.start, end=sp.end)


def extract_doc(doc: Doc, article: Article, title_doc: Doc) -> Extraction:
    """The extraction of one parsed article, given its parsed body and title."""
    people, orgs = entities.extract_entities(doc)
    flag_own_outlet(orgs, article.source)
    found = quotes.extract_quotes(doc, people, orgs)
    unattribute_own_outlet(found, orgs, article.source)
    if article.title:
        add_title_entities(title_doc, people, orgs, article.text)
        for q in found:       # a title may give a speaker of the body a fuller name
            if q.speaker and q.speaker.kind == "person" and q.speaker.entity is not None:
                q.speaker.name = people[q.speaker.entity].name
    return Extraction(
        people=people,
        organisations=orgs,
        quotes=found,
        topics=topics.assign_topics(article.title, article.text, doc),
        keyphrases=keyphrases.extract_keyphrases(doc),
    )


def process(articles: Iterable[Article], batch_size: int = 32) -> Iterator[ProcessedArticle]:
    """Parse and extract, streaming: memory stays bounded by the batch size. The language is
    detected here, so that articles a load skips as stored already never pay for it."""
    items = (dataclasses.replace(a, language=detect_language(a.text)) for a in articles)
    first = next(items, None)
    if first is None:          # nothing to do: do not pay for loading the model
        return
    # Only English text goes through the English pipeline; other languages are stored with
    # nothing extracted (an empty text keeps them in order through nlp.pipe at no cost).
    # Titles go through the model in batches beside their bodies, in step with them.
    bodies, titles = itertools.tee(itertools.chain([first], items))
    nlp = load_model()
    # The tagger reads the body with contact tables and list markers blanked: the same length,
    # so every offset into the stored body holds.
    docs = nlp.pipe(((blank_list_markers(mask_contacts(a.text)) if a.is_english else "", a)
                     for a in bodies),
                    as_tuples=True, batch_size=batch_size)
    title_docs = nlp.pipe(((a.title or "") if a.is_english else "" for a in titles),
                          batch_size=batch_size)
    for (doc, article), title_doc in zip(docs, title_docs):
        yield ProcessedArticle(article, extract_doc(doc, article, title_doc)
                               if article.is_english else Extraction())
