"""`newsetl stats`: row counts per table and the last runs."""
from __future__ import annotations

import psycopg

TABLES = ("articles", "sources", "people", "organisations", "quotes", "topics", "article_people",
          "article_organisations", "article_topics", "article_keyphrases", "mentions",
          "person_roles", "load_runs", "load_errors")


def collect(url: str) -> dict:
    with psycopg.connect(url) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        runs = conn.execute(
            "SELECT id, command, status, started_at, finished_at, articles_read, "
            "articles_inserted, articles_updated, articles_unchanged, errors "
            "FROM load_runs ORDER BY id DESC LIMIT 5").fetchall()
    return {"counts": counts, "runs": runs}


def render(data: dict) -> str:
    lines = ["table                    rows"]
    lines += [f"{t:<24} {n:>8,}" for t, n in data["counts"].items()]
    lines.append("")
    lines.append("last runs: id command status started read new updated unchanged errors")
    for r in data["runs"]:
        lines.append(f"  {r[0]} {r[1]} {r[2]} {r[3]:%Y-%m-%d %H:%M} {r[5]} {r[6]} {r[7]} "
                     f"{r[8]} {r[9]}")
    return "\n".join(lines)
