"""Benchmark newsetl on the Reuters-21578 development files (../shared/datasets/reuters21578).

In one run on the same corpus it times:
  1. raw spaCy nlp.pipe over the article texts (same model, same components as newsetl),
  2. `newsetl extract` to /dev/null,
  3. `newsetl load` end to end into a fresh database,
  4. `newsetl load` again over the unchanged corpus,
and prints articles/second, the ratios between them and the peak memory of each step.

    python scripts/benchmark.py                 # all 14,000 stories
    python scripts/benchmark.py --limit 1000    # a slice
    python scripts/benchmark.py --workers 2     # extract and load on two processes
    python scripts/benchmark.py --model accurate   # extract and load with the accurate profile

The database is a fresh one on $DATABASE_URL's server when set, else on a temporary embedded
server. Nothing here is a test: it prints figures.
"""
from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "datasets" / "reuters21578"
DEV_FILES = [f"reut2-{i:03d}.sgm" for i in range(14)]

_STORY = re.compile(r"<REUTERS\b[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)


def _tag(block: str, name: str) -> str | None:
    m = re.search(rf"<{name}>(.*?)</{name}>", block, re.S)
    return html.unescape(m.group(1)).strip() if m else None


def reuters_jsonl(dest: Path, limit: int | None) -> int:
    """Write the Reuters dev stories that have a body as JSON lines; returns the count."""
    n = 0
    with dest.open("w", encoding="utf-8") as out:
        for name in DEV_FILES:
            raw = (REUTERS / name).read_text(encoding="latin-1")
            for m in _STORY.finditer(raw):
                body = _tag(m.group(2), "BODY")
                if not body:
                    continue
                body = re.sub(r"\s*Reuter\s*\x03?\s*$", "", body).replace("\x03", "").strip()
                date = _tag(m.group(2), "DATE")
                published = None
                if date:
                    try:
                        published = datetime.strptime(date.split(".")[0], "%d-%b-%Y %H:%M:%S") \
                            .replace(tzinfo=timezone.utc).isoformat()
                    except ValueError:
                        pass
                out.write(json.dumps({"id": f"reuters-{m.group(1)}", "title": _tag(m.group(2), "TITLE"),
                                      "text": body, "published_at": published,
                                      "source": "Reuters"}) + "\n")
                n += 1
                if limit and n >= limit:
                    return n
    return n


def _tree_peak_rss_mb(pid: int) -> float:
    """Sum of VmHWM (peak resident memory) over a process and its children."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def timed(argv: list[str], env: dict | None = None, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """(seconds, peak MB) of a command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_peak_rss_mb(proc.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - t0
    err = proc.stderr.read()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-3000:]}")
    return elapsed, peak


RAW_SPACY = """
import json, sys
from etl.extract.nlp import load_model
nlp = load_model()
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


@contextlib.contextmanager
def bench_database(tmp: Path) -> Iterator[str]:
    """The URL of a fresh, migrated database for one benchmark: on $DATABASE_URL's server when
    set (dropped afterwards), else on a temporary embedded server whose home is inside `tmp`
    (stopped afterwards)."""
    sys.path.insert(0, str(ROOT))
    from etl.db import migrate
    base = os.environ.get("DATABASE_URL")
    if base:
        import psycopg
        from sqlalchemy.engine import make_url
        name = f"newsetl_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(base, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        try:
            url = make_url(base).set(database=name).render_as_string(hide_password=False)
            migrate.upgrade(url)
            yield url
        finally:
            with psycopg.connect(base, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    from etl.db.embedded import EmbeddedServer
    # run as root, the embedded server runs as the system user 'newsetl', which must reach
    # its home inside `tmp` (mkdtemp makes it 0700)
    tmp.chmod(0o711)
    server = EmbeddedServer(tmp / "home")
    try:
        url = server.ensure_running()
        migrate.upgrade(url)
        yield url
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N stories (default: all)")
    ap.add_argument("--workers", type=int, default=1, help="--workers for extract and load")
    ap.add_argument("--model", default="fast", help="--model for extract and load (raw spaCy is "
                                                     "the same in both)")
    args = ap.parse_args()
    if not REUTERS.is_dir():
        sys.exit(f"Reuters-21578 not found at {REUTERS}")

    tmp = Path(tempfile.mkdtemp(prefix="newsetl-bench-"))
    corpus = tmp / "reuters.jsonl"
    n = reuters_jsonl(corpus, args.limit)
    with bench_database(tmp) as url:
        _time_steps(corpus, n, url, args.workers, args.model)
    shutil.rmtree(tmp, ignore_errors=True)


def _time_steps(corpus: Path, n: int, url: str, n_workers: int, model: str) -> None:
    words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
    py = sys.executable
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("NEWSETL_MODEL", None)
    workers = ["--workers", str(n_workers), "--model", model]
    print(f"corpus: {n:,} Reuters-21578 dev stories, {words:,} words; workers={n_workers}; "
          f"model={model}; cores={os.cpu_count()}", flush=True)
    results = {}
    results["spacy"] = timed([py, "-c", RAW_SPACY, str(corpus)], env=env)
    results["extract"] = timed([py, "-m", "etl", "extract", *workers, str(corpus)], env=env)
    results["load"] = timed([py, "-m", "etl", "load", "-q", *workers, "--database-url", url,
                             str(corpus)], env=env)
    results["reload"] = timed([py, "-m", "etl", "load", "-q", *workers, "--database-url", url,
                               str(corpus)], env=env)

    print(f"{'step':<28} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}")
    labels = {"spacy": "raw spaCy nlp.pipe", "extract": "newsetl extract > /dev/null",
              "load": "newsetl load (fresh db)", "reload": "newsetl load (unchanged)"}
    for k, (sec, peak) in results.items():
        print(f"{labels[k]:<28} {sec:>8.1f} {n / sec:>11.1f} {peak:>8.0f}")
    rate = {k: n / v[0] for k, v in results.items()}
    print(f"extract / raw spaCy: {rate['extract'] / rate['spacy']:.2f}  (target >= 0.60)")
    print(f"load / extract:      {rate['load'] / rate['extract']:.2f}  (target >= 0.85)")
    print(f"reload speed-up:     {results['load'][0] / results['reload'][0]:.1f}x  (target >= 20x)")


if __name__ == "__main__":
    main()
