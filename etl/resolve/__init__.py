"""Resolve: who is who across the corpus.

- keys.py: the keys by which one person or organisation is recognised (pure Python, shared with
  the extraction); occurrences.py: each entity as one article names it, with those keys.
- resolve.py: the resolution step, `resolve(conn, touched=article_ids)` (or everything), and the
  analysts' overrides; people.py and organisations.py: the rules, as set-based SQL;
  graph.py: connected components and writing the result back.
Never imports spaCy.
"""
