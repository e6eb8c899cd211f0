"""The IPTC Media Topics vocabulary shipped with newsetl (etl/lexicons/iptc-mediatopics.csv).

IPTC Media Topics NewsCodes, (c) IPTC (https://iptc.org), CC BY 4.0, release 2025-10-09.
Converted to CSV (columns selected, no content changes).
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from etl.lexicons import DATA_DIR

TAXONOMY_CSV = DATA_DIR / "iptc-mediatopics.csv"
ATTRIBUTION = ("IPTC Media Topics NewsCodes, (c) IPTC (https://iptc.org), CC BY 4.0, "
               "release 2025-10-09. Converted to CSV (columns selected, no content changes).")


@dataclass(frozen=True)
class Topic:
    qcode: str
    parent: str | None
    level: int
    label: str
    definition: str
    retired: bool
    wikidata: str | None


@functools.lru_cache(maxsize=1)
def load_taxonomy() -> dict[str, Topic]:
    out: dict[str, Topic] = {}
    with TAXONOMY_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[row["qcode"]] = Topic(
                qcode=row["qcode"], parent=row["parent_qcode"] or None, level=int(row["level"]),
                label=row["label"], definition=row["definition"],
                retired=row["retired"] == "true", wikidata=row["wikidata"] or None)
    return out


def top_level(qcode: str) -> Topic:
    tax = load_taxonomy()
    t = tax[qcode]
    while t.parent:
        t = tax[t.parent]
    return t
