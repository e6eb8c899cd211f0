"""Loads on a Dask cluster: extraction and staging on the workers, the merge from the client.

    client ── plan partitions ──► one task per partition ──► worker: read (fsspec) → clean →
       ▲                                                     skip unchanged → extract → stage
       └──── merge the partition's staged batches, in input order, as its task completes ◄─┘

The client never sees an article: a task returns only its counts and the names of the batches
it staged, and the merge is one set-based step in PostgreSQL per batch (etl.load.merge), the
same as for a local load. A worker loads the spaCy model once per process (a worker plugin
warms it at start; `load_model` is cached). A task that dies with its worker is rerun by Dask
on another one; it first drops whatever its earlier attempt staged or recorded, so a partition
is never merged twice over.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import psycopg

from etl.clean.text import clean_all
from etl.db.config import connect
from etl.errors import EtlError, InputError
from etl.extract.pipeline import chunks, process
from etl.profile import current_profile, use_profile
from etl.load.isolate import merge_batch
from etl.load.merge import RESOLVE_EVERY, resolve_touched
from etl.load.runs import errors_recorded, record_counts, record_error, split_unchanged
from etl.load.stage import discard, stage
from etl.model import RunCounts
from etl.read.partitions import Partition, plan, read_partition


class SchedulerError(EtlError):
    """The Dask scheduler cannot be reached or started."""


@dataclass
class PartitionResult:
    """What a task sends back: counts and batch names, never articles."""

    index: int
    batches: list[str] = field(default_factory=list)
    read: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


@contextlib.contextmanager
def dask_client(scheduler: str, silent: bool = True) -> Iterator:
    """A client for `tcp://host:8786` (any address Dask accepts) or `local:N` (a LocalCluster
    of N worker processes on this machine, one thread each)."""
    import dask
    from distributed import Client, LocalCluster
    with contextlib.ExitStack() as stack:
        try:
            if scheduler.startswith("local:"):
                n = int(scheduler.split(":", 1)[1])
                if n < 1:
                    raise ValueError("local:N needs N >= 1 workers")
                # As for --workers: the model is loaded here once and the workers are forked,
                # so they share its memory and start at once (spawned, each would load it).
                from etl.extract.nlp import load_model
                load_model()
                stack.enter_context(dask.config.set(
                    {"distributed.worker.multiprocessing-method": "fork"}))
                target = stack.enter_context(LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                    silence_logs=50 if silent else 30))
                client = stack.enter_context(Client(target))
            else:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
        except (OSError, TimeoutError, ValueError) as e:
            raise SchedulerError(f"cannot use the Dask scheduler {scheduler!r}: {e}") from e
        yield client


def _model_plugin(profile: str):
    """A worker plugin that loads the client's model profile when a worker starts, so no task
    pays for it (and a worker restarted after a crash gets it again)."""
    from distributed import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        name = "newsetl-model"

        def setup(self, worker):
            from etl.extract.nlp import load_model
            use_profile(profile)
            load_model()

    return ModelPlugin()


def stage_partition(url: str, run_id: int, index: int, part: Partition,
                    fields: dict | None, batch_size: int, profile: str = "fast") -> PartitionResult:
    """Runs on a worker: one partition read, extracted (with the client's model profile) and
    staged."""
    use_profile(profile)
    result = PartitionResult(index)
    prefix = f"{index:07d}."
    with connect(url) as conn:
        _forget_earlier_attempt(conn, run_id, prefix, part)
        counts = RunCounts()
        articles = errors_recorded(clean_all(read_partition(part, fields)), conn, run_id,
                                    counts)
        for n, batch in enumerate(chunks(_fresh(conn, articles, result, batch_size),
                                         batch_size)):
            name = f"{prefix}{n:06d}"
            if stage(conn, run_id, name, list(process(batch))):
                result.batches.append(name)
        result.errors = counts.error_messages
    return result


def _fresh(conn, articles, result: PartitionResult, batch_size: int):
    for batch in chunks(articles, batch_size):
        result.read += len(batch)
        todo, unchanged = split_unchanged(conn, batch)
        result.unchanged += unchanged
        yield from todo


def _forget_earlier_attempt(conn: psycopg.Connection, run_id: int, prefix: str,
                            part: Partition) -> None:
    """A rerun task starts clean: no staged batch or recorded error of an earlier attempt."""
    with conn.transaction(), conn.cursor() as cur:
        for (batch,) in cur.execute("SELECT batch FROM staging_batches WHERE load_run_id = %s "
                                    "AND starts_with(batch, %s)", (run_id, prefix)).fetchall():
            discard(cur, run_id, batch)
        lines = "" if part.whole else (
            " AND line >= %(first)s" + ("" if part.end is None else " AND line < %(next)s"))
        cur.execute("DELETE FROM load_errors WHERE load_run_id = %(run)s AND source_path = "
                    "%(path)s" + lines, {"run": run_id, "path": part.name,
                                         "first": part.first_line, "next": part.next_line})


def load_on_cluster(conn: psycopg.Connection, url: str, run_id: int, paths, scheduler: str,
                    counts: RunCounts, *, batch_size: int, read_options: dict | None,
                    progress: Callable[[RunCounts], None] | None) -> None:
    """Extract and stage on the cluster; merge here (on `conn`, the run's connection),
    partition by partition in input order."""
    opts = read_options or {}
    with dask_client(scheduler) as client:
        client.register_plugin(_model_plugin(current_profile()))
        # many partitions per worker thread: a large file keeps all of them busy, and the last
        # partitions are short, so no worker waits long for the others at the end
        per_file = 32 * max(1, sum(client.nthreads().values()))
        parts: list[Partition] = []
        for item in plan(paths, opts.get("format"), parts_per_file=per_file):
            if isinstance(item, InputError):
                record_error(conn, run_id, item, counts)
            else:
                parts.append(item)
        futures = [client.submit(stage_partition, url, run_id, i, part, opts.get("fields"),
                                 batch_size, current_profile(), key=f"newsetl-{run_id}-{i}",
                                 pure=False)
                   for i, part in enumerate(parts)]
        _merge_in_order(conn, run_id, futures, counts, progress)


def _merge_in_order(conn, run_id: int, futures, counts: RunCounts, progress) -> None:
    from distributed import as_completed
    done: dict[int, PartitionResult] = {}
    touched: list[int] = []
    next_index = 0
    for future in as_completed(futures):
        r: PartitionResult = future.result()
        future.release()
        done[r.index] = r
        while next_index in done:
            r = done.pop(next_index)
            next_index += 1
            counts.read += r.read
            counts.unchanged += r.unchanged
            counts.errors += len(r.errors)
            counts.error_messages += r.errors
            for batch in r.batches:
                merge_batch(conn, run_id, batch, counts, touched)
                resolve_touched(conn, touched, at_least=RESOLVE_EVERY)
            record_counts(conn, run_id, counts)
            if progress:
                progress(counts)
    resolve_touched(conn, touched)
