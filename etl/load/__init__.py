"""Load: processed articles in, rows in PostgreSQL out.

The set-based batch writer, the check that skips unchanged articles, the clean-up of entities no
article names any more, and the bookkeeping of runs and errors. Never imports spaCy.
"""
