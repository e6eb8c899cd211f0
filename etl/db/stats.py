"""`newsetl stats`: row counts per table and the last runs."""
from __future__ import annotations

from datetime import timezone

import psycopg

from etl.db.config import connect
from etl.errors import DatabaseError

TABLES = ("articles", "sources", "people", "organisations", "quotes", "topics", "article_people",
          "article_organisations", "article_topics", "article_keyphrases", "mentions",
          "person_roles", "load_runs", "load_errors")


def collect(url: str) -> dict:
    with connect(url) as conn:
        try:
            counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
            runs = conn.execute(
                "SELECT id, command, status, started_at, finished_at, articles_read, "
                "articles_inserted, articles_updated, articles_unchanged, errors "
                "FROM load_runs ORDER BY id DESC LIMIT 5").fetchall()
        except psycopg.errors.UndefinedTable as e:
            raise DatabaseError("the database has no newsetl tables yet: load articles into "
                                "it, or run `newsetl db upgrade`") from e
        except psycopg.Error as e:
            raise DatabaseError(f"database: {str(e).strip()}") from e
    return {"counts": counts, "runs": runs}


def render(data: dict) -> str:
    lines = [f"{'table':<24} {'rows':>10}"]
    lines += [f"{t:<24} {n:>10,}" for t, n in data["counts"].items()]
    lines += ["", "last runs:",
              f"{'run':>5}  {'command':<9} {'status':<9} {'started (UTC)':<16} {'duration':>9} "
              f"{'read':>7} {'new':>7} {'updated':>7} {'unchanged':>9} {'errors':>6}"]
    for r in data["runs"]:
        took = f"{(r[4] - r[3]).total_seconds():.0f}s" if r[4] else "-"
        started = r[3].astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")
        lines.append(f"{r[0]:>5}  {r[1]:<9} {r[2]:<9} {started:<16} {took:>9} {r[5]:>7,} "
                     f"{r[6]:>7,} {r[7]:>7,} {r[8]:>9,} {r[9]:>6,}")
    if not data["runs"]:
        lines.append("  (none yet: newsetl load PATH...)")
    return "\n".join(lines)
