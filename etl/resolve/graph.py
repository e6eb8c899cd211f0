"""The set-based machinery both kinds share: connected components over name keys, and writing a
clustering back (merges recorded, references moved, names and aliases recomputed).

Works on temporary tables the kind's module fills:
  r_key(key text, label text)               one row per full name key in scope
  r_edge(a text, b text, rule text)         reasons two keys are one entity
  r_assign(article_id, idx, old_id, label, rule)   every occurrence in scope -> its cluster
  r_name(label, name, key, surname_key, acronym, is_media)   canonical form of each cluster
"""
from __future__ import annotations

import psycopg

KINDS = {
    "person": {"table": "people", "fk": "person_id", "links": "article_people",
               "aliases": "person_aliases",
               "refs": (("mentions", "person_id"), ("person_roles", "person_id"),
                        ("quotes", "speaker_person_id"))},
    "organisation": {"table": "organisations", "fk": "organisation_id",
                     "links": "article_organisations", "aliases": "organisation_aliases",
                     "refs": (("mentions", "organisation_id"), ("person_roles", "organisation_id"),
                              ("quotes", "speaker_organisation_id"),
                              ("quotes", "speaker_affiliation_id"),
                              ("quotes", "medium_organisation_id"))},
}


def temp(cur: psycopg.Cursor, name: str, columns: str) -> None:
    cur.execute(f"DROP TABLE IF EXISTS {name}")
    cur.execute(f"CREATE TEMP TABLE {name} ({columns}) ON COMMIT DROP")


def apply_overrides(cur: psycopg.Cursor, kind: str) -> None:
    """An analyst's 'same' links two names (r_edge); an analyst's 'apart' removes the direct link
    between two names."""
    cur.execute("""
        INSERT INTO r_edge SELECT o.key_a, o.key_b, 'analyst override'
        FROM identity_overrides o WHERE o.kind = %s AND o.same
          AND o.key_a IN (SELECT key FROM r_key) AND o.key_b IN (SELECT key FROM r_key)""",
                (kind,))
    cur.execute("""
        DELETE FROM r_edge e USING identity_overrides o
        WHERE o.kind = %s AND NOT o.same
          AND ((o.key_a = e.a AND o.key_b = e.b) OR (o.key_a = e.b AND o.key_b = e.a))""",
                (kind,))


def components(cur: psycopg.Cursor) -> None:
    """r_key.label (filled with key) := the smallest key connected to it through r_edge (label
    propagation: one set-based UPDATE per step, as many steps as the longest chain)."""
    cur.execute("ANALYZE r_key")
    while True:
        cur.execute("""
            UPDATE r_key k SET label = m.label
            FROM (SELECT e.a AS key, min(kb.label) AS label
                  FROM (SELECT a, b FROM r_edge UNION ALL SELECT b, a FROM r_edge) e
                  JOIN r_key kb ON kb.key = e.b GROUP BY e.a) m
            WHERE k.key = m.key AND m.label < k.label""")
        if cur.rowcount == 0:
            break


def assign_by_key(cur: psycopg.Cursor) -> None:
    """r_assign: each occurrence (r_occ) to the cluster of its name key (r_key), with the rules
    of the edges (r_edge) that joined that key to others."""
    temp(cur, "r_assign", "article_id bigint, idx int, old_id bigint, label text, rule text")
    cur.execute("""
        INSERT INTO r_assign
        SELECT o.article_id, o.idx, o.old_id, k.label, COALESCE(r.rules, 'same name')
        FROM r_occ o JOIN r_key k ON k.key = o.name_key
        LEFT JOIN (SELECT key, string_agg(DISTINCT rule, '; ') AS rules
                   FROM (SELECT a AS key, rule FROM r_edge UNION ALL SELECT b, rule FROM r_edge) e
                   GROUP BY key) r ON r.key = o.name_key""")


def materialise(cur: psycopg.Cursor, kind: str) -> dict[str, int]:
    """Write the clustering in r_assign/r_name back to the tables; returns counts."""
    k = KINDS[kind]
    table = k["table"]
    cur.execute("CREATE INDEX ON r_assign (label)")
    cur.execute("CREATE INDEX ON r_assign (old_id)")
    cur.execute("ANALYZE r_assign")
    # Each existing row belongs to the cluster holding most of its occurrences; each cluster
    # keeps the oldest row that belongs to it, or gets a new one.
    temp(cur, "r_home", "old_id bigint PRIMARY KEY, label text")
    cur.execute("""
        INSERT INTO r_home SELECT DISTINCT ON (old_id) old_id, label
        FROM (SELECT old_id, label, count(*) AS n FROM r_assign WHERE old_id IS NOT NULL
              GROUP BY 1, 2) x
        ORDER BY old_id, n DESC, label""")
    temp(cur, "r_cluster", "label text PRIMARY KEY, kept_id bigint, is_new bool DEFAULT false")
    cur.execute("ANALYZE r_home")
    cur.execute("INSERT INTO r_cluster SELECT label, min(old_id) FROM r_home GROUP BY label")
    cur.execute(f"""
        INSERT INTO r_cluster (label, kept_id, is_new)
        SELECT label, nextval(pg_get_serial_sequence('{table}', 'id')), true
        FROM (SELECT DISTINCT label FROM r_assign) a
        WHERE NOT EXISTS (SELECT 1 FROM r_cluster c WHERE c.label = a.label)""")
    extra = ", acronym, is_media" if kind == "organisation" else ", surname_key"
    cur.execute(f"""
        INSERT INTO {table} (id, name, key{extra}) OVERRIDING SYSTEM VALUE
        SELECT c.kept_id, n.name, n.key{extra.replace(", ", ", n.")}
        FROM r_cluster c JOIN r_name n USING (label) WHERE c.is_new""")
    created = cur.rowcount
    merged = _record_merges(cur, kind)
    _move_references(cur, kind)
    cur.execute(f"DELETE FROM {table} t USING r_home h JOIN r_cluster c USING (label) "
                f"WHERE t.id = h.old_id AND c.kept_id <> h.old_id")
    cols = ("name", "key", "acronym", "is_media") if kind == "organisation" \
        else ("name", "key", "surname_key")
    cur.execute(f"""
        UPDATE {table} t SET {", ".join(f"{c} = n.{c}" for c in cols)}
        FROM r_cluster c JOIN r_name n USING (label)
        WHERE t.id = c.kept_id AND NOT c.is_new
          AND ({", ".join(f"t.{c}" for c in cols)}) IS DISTINCT FROM
              ({", ".join(f"n.{c}" for c in cols)})""")
    renamed = cur.rowcount
    _rebuild_aliases(cur, kind)
    return {"clusters": _count(cur, "r_cluster"), "created": created, "merged": merged,
            "renamed": renamed}


def _count(cur: psycopg.Cursor, table: str) -> int:
    return cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _record_merges(cur: psycopg.Cursor, kind: str) -> int:
    """A row that lost its place: record where it went and why. A row no resolution has
    settled yet (the loader's first guess for a new name) is not recorded."""
    table, fk = KINDS[kind]["table"], KINDS[kind]["fk"]
    cur.execute(f"""
        INSERT INTO entity_merges (kind, merged_id, kept_id, merged_name, evidence)
        SELECT %s, h.old_id, c.kept_id, t.name,
               (SELECT string_agg(DISTINCT a.rule, '; ') FROM r_assign a
                WHERE a.old_id = h.old_id AND a.label = h.label)
        FROM r_home h JOIN r_cluster c USING (label) JOIN {table} t ON t.id = h.old_id
        WHERE c.kept_id <> h.old_id
          AND EXISTS (SELECT 1 FROM entity_occurrences o WHERE o.kind = %s
                      AND o.{fk} = h.old_id AND o.resolved_by IS NOT NULL)
        RETURNING merged_id, kept_id""", (kind, kind))
    moved = cur.fetchall()
    if moved:
        # Earlier merges into a row that is merged now follow it.
        cur.execute("""
            UPDATE entity_merges m SET kept_id = u.kept FROM unnest(%s::bigint[], %s::bigint[])
            AS u(merged, kept) WHERE m.kind = %s AND m.kept_id = u.merged""",
                    ([r[0] for r in moved], [r[1] for r in moved], kind))
    return len(moved)


def _move_references(cur: psycopg.Cursor, kind: str) -> None:
    k = KINDS[kind]
    fk, links = k["fk"], k["links"]
    temp(cur, "r_map", "article_id bigint, old_id bigint, new_id bigint, "
                       "PRIMARY KEY (article_id, old_id)")
    cur.execute("""
        INSERT INTO r_map SELECT DISTINCT ON (a.article_id, a.old_id) a.article_id, a.old_id,
               c.kept_id
        FROM r_assign a JOIN r_cluster c USING (label) WHERE a.old_id IS NOT NULL
        ORDER BY a.article_id, a.old_id, a.idx""")
    # Clusters that gained or lost a name: their aliases are rebuilt.
    temp(cur, "r_changed", "id bigint PRIMARY KEY")
    cur.execute(f"""
        WITH moved AS (
            UPDATE entity_occurrences o SET {fk} = c.kept_id, resolved_by = a.rule
            FROM r_assign a JOIN r_cluster c USING (label)
            WHERE o.kind = %s AND o.article_id = a.article_id AND o.entity_index = a.idx
              AND (o.{fk} IS DISTINCT FROM c.kept_id OR o.resolved_by IS DISTINCT FROM a.rule)
            RETURNING o.{fk} AS id)
        INSERT INTO r_changed SELECT DISTINCT id FROM moved""", (kind,))
    cur.execute("DELETE FROM r_map WHERE old_id = new_id")
    cur.execute("INSERT INTO r_changed SELECT old_id FROM r_map UNION SELECT new_id FROM r_map "
                "ON CONFLICT DO NOTHING")
    if not _count(cur, "r_map"):
        return
    for ref_table, column in k["refs"]:
        cur.execute(f"""
            UPDATE {ref_table} x SET {column} = r.new_id FROM r_map r
            WHERE x.article_id = r.article_id AND x.{column} = r.old_id""")
    # Which entities an article names, rebuilt from its occurrences for the articles that moved.
    cur.execute(f"DELETE FROM {links} WHERE article_id IN (SELECT article_id FROM r_map)")
    cur.execute(f"""
        INSERT INTO {links} (article_id, {fk}, name_in_article, mention_count, first_offset)
        SELECT article_id, {fk}, (array_agg(name ORDER BY entity_index))[1],
               sum(mention_count), min(first_offset)
        FROM entity_occurrences
        WHERE kind = %s AND mention_count > 0
          AND article_id IN (SELECT DISTINCT article_id FROM r_map)
        GROUP BY article_id, {fk}""", (kind,))


def _rebuild_aliases(cur: psycopg.Cursor, kind: str) -> None:
    k = KINDS[kind]
    fk, aliases = k["fk"], k["aliases"]
    cur.execute(f"DELETE FROM {aliases} WHERE {fk} IN (SELECT id FROM r_changed)")
    cur.execute(f"""
        INSERT INTO {aliases} ({fk}, alias, alias_key)
        SELECT DISTINCT ON (o.{fk}, u.k) o.{fk}, u.f, u.k
        FROM entity_occurrences o, unnest(o.forms, o.form_keys) AS u(f, k)
        WHERE o.kind = %s AND o.{fk} IN (SELECT id FROM r_changed)
        ORDER BY o.{fk}, u.k, u.f""", (kind,))
