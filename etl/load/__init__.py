"""Load: processed articles in, rows in PostgreSQL out.

`stage` COPies batches of processed articles into the staging tables of a run; `merge` moves a
staged batch into the normalised tables in one set-based transaction (calling the identity
resolution of `etl.resolve.staged`); `runs` keeps the bookkeeping of runs and errors and the
check that skips unchanged articles. Never imports spaCy.
"""
