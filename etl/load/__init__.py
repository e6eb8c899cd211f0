"""Load: processed articles in, rows in PostgreSQL out.

`stage` COPies batches of processed articles into the staging tables of a run; `merge` moves a
staged batch into the normalised tables in one set-based transaction (calling the identity
resolution of `etl.resolve.staged`); `isolate` merges a batch the database refuses article by
article, recording the refused ones; `runs` keeps the bookkeeping of runs, their locks and
errors, and the check that skips unchanged articles; `planner` keeps the planner statistics
of the tables a load writes current. Never imports spaCy.
"""
