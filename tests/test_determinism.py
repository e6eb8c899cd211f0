"""The same article gives the same extraction in any process.

Each Python process draws its own hash seed, so anything that iterates a set of strings (and
sorts by score only) can come out in another order in another process: a Dask worker, a forked
worker or a later run. These tests run the extraction under different seeds.
"""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, SAMPLES

# Each of these terms is listed under two subtopics of one top-level topic, so the two
# subtopics get exactly the same score.
TIED = ["The interest rate was discussed. The interest rate and the interest rate again.",
        "The technology firm grew. The technology firm and the technology firm again."]

_TOPICS = """
import json, sys
from etl.extract.topics.lexicon import assign_topics
for text in json.loads(sys.argv[1]):
    print(json.dumps([[t.qcode, t.score] for t in assign_topics(None, text)]))
"""


def _run(args: list[str], seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    return subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_tied_topics_come_out_in_one_order_under_any_hash_seed():
    import json
    outputs = {_run([sys.executable, "-c", _TOPICS, json.dumps(TIED)], seed)
               for seed in range(3)}
    assert len(outputs) == 1
    for line in outputs.pop().splitlines():
        topics = json.loads(line)
        scores = [s for _, s in topics[1:]]
        assert len(set(scores)) < len(scores), "the text no longer makes a tie"
        # ties in score are broken by qcode
        assert topics[1:] == sorted(topics[1:], key=lambda t: (-t[1], t[0]))


def test_extract_gives_the_same_json_under_two_hash_seeds():
    cmd = [sys.executable, "-m", "etl", "extract", str(SAMPLES)]
    first, second = _run(cmd, 1), _run(cmd, 2)
    assert first and first == second


def test_the_accurate_profile_gives_the_same_json_in_this_process_and_in_a_forked_worker():
    # the tagger's inference session is made again in each worker (it does not survive a fork)
    base = [sys.executable, "-m", "etl", "extract", "--model", "accurate"]
    here = _run(base + [str(SAMPLES)], 1)
    forked = _run(base + ["--workers", "2", str(SAMPLES)], 2)
    assert here and here == forked
    assert here != _run([sys.executable, "-m", "etl", "extract", str(SAMPLES)], 1)
