"""Extraction on several processes. Memory stays bounded: only a few chunks are in flight.

Workers are forked after the parent has loaded the spaCy model, so they share its memory pages
and start at once.
"""
from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from etl.model import Article, ProcessedArticle
from etl.extract.nlp import load_model
from etl.extract.pipeline import chunks, process

CHUNK = 16   # articles per task: big enough to amortise pickling, small enough to balance


def _work(batch: list[Article]) -> list[ProcessedArticle]:
    return list(process(batch))


def process_parallel(articles: Iterable[Article], workers: int,
                     batch_size: int = 32) -> Iterator[ProcessedArticle]:
    """Like pipeline.process, in input order, on `workers` processes (1 = this process)."""
    if workers <= 1:
        yield from process(articles, batch_size=batch_size)
        return
    tasks = chunks(articles, CHUNK)
    first = next(tasks, None)
    if first is None:
        return
    load_model()
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending: deque = deque()
        for chunk in itertools.chain([first], tasks):
            pending.append(pool.submit(_work, chunk))
            while len(pending) > 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
