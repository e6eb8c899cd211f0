"""The set-based machinery both kinds share: connected components over name keys, and writing a
clustering back (merges recorded, references moved, names and aliases recomputed).

Works on temporary tables the kind's module fills:
  r_key(key text, label text)               one row per full name key in scope
  r_edge(a text, b text, rule text)         reasons two keys are one entity
  r_assign(article_id, idx, name_key, old_id, old_rule, label, rule, n)
                                            where the occurrences in scope go: one row per
                                            occurrence (article_id, idx), or one per name, row
                                            and rule (article_id NULL) for n occurrences
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


def new_assignments(cur: psycopg.Cursor) -> None:
    temp(cur, "r_assign", "article_id bigint, idx int, name_key text, old_id bigint, "
                          "old_rule text, label text, rule text, n int")


KEY_RULES = """(SELECT key, string_agg(DISTINCT rule, '; ') AS rules
                  FROM (SELECT a AS key, rule FROM r_edge UNION ALL SELECT b, rule FROM r_edge) e
                  GROUP BY key)"""


def assign_names_by_key(cur: psycopg.Cursor) -> None:
    """r_assign: the occurrences of each name (r_names: entity_names in scope), by the row and
    rule they have now, to the cluster of the name key (r_key), with the rules of the edges
    (r_edge) that joined that key to others."""
    new_assignments(cur)
    cur.execute(f"""
        INSERT INTO r_assign
        SELECT NULL, NULL, o.name_key, o.old_id, o.old_rule, k.label,
               COALESCE(r.rules, 'same name'), sum(o.n)
        FROM r_names o JOIN r_key k ON k.key = o.name_key
        LEFT JOIN {KEY_RULES} r ON r.key = o.name_key
        GROUP BY o.name_key, o.old_id, o.old_rule, k.label, r.rules""")


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
        FROM (SELECT old_id, label, sum(n) AS n FROM r_assign WHERE old_id IS NOT NULL
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
    # The occurrences whose row or rule changes, and only those: a name whose cluster keeps its
    # row is not read again, however many articles use it.
    temp(cur, "r_moving", "article_id bigint, idx int, old_id bigint, new_id bigint, rule text, "
                          "PRIMARY KEY (article_id, idx)")
    cur.execute("""
        INSERT INTO r_moving SELECT a.article_id, a.idx, a.old_id, c.kept_id, a.rule
        FROM r_assign a JOIN r_cluster c USING (label)
        WHERE a.article_id IS NOT NULL
          AND (a.old_id IS DISTINCT FROM c.kept_id OR a.old_rule IS DISTINCT FROM a.rule)""")
    # The names whose row or rule changes, with where they go: counted before they are joined
    # with the occurrences, so that the planner knows they are few.
    temp(cur, "r_groups", "name_key text, old_id bigint, old_rule text, new_id bigint, rule text")
    cur.execute("""
        INSERT INTO r_groups SELECT a.name_key, a.old_id, a.old_rule, c.kept_id, a.rule
        FROM r_assign a JOIN r_cluster c USING (label)
        WHERE a.article_id IS NULL
          AND (a.old_rule IS NULL OR a.old_id <> c.kept_id OR a.old_rule <> a.rule)""")
    cur.execute("ANALYZE r_groups")
    # Names not resolved yet are read through the index of unsettled occurrences (the load's
    # own), not through the name: a popular name's earlier occurrences are not read.
    temp(cur, "r_unsettled", "article_id bigint, idx int, name_key text, old_id bigint")
    cur.execute(f"""
        INSERT INTO r_unsettled SELECT article_id, entity_index, name_key, {fk}
        FROM entity_occurrences WHERE kind = %s AND resolved_by IS NULL""", (kind,))
    cur.execute("ANALYZE r_unsettled")
    cur.execute("""
        INSERT INTO r_moving SELECT u.article_id, u.idx, u.old_id, g.new_id, g.rule
        FROM r_unsettled u JOIN r_groups g ON g.name_key = u.name_key AND g.old_id = u.old_id
        WHERE g.old_rule IS NULL""")
    cur.execute(f"""
        INSERT INTO r_moving SELECT o.article_id, o.entity_index, o.{fk}, g.new_id, g.rule
        FROM r_groups g JOIN entity_occurrences o ON o.kind = %s AND o.name_key = g.name_key
             AND o.{fk} = g.old_id AND o.resolved_by = g.old_rule
        WHERE g.old_rule IS NOT NULL""", (kind,))
    cur.execute("ANALYZE r_moving")
    # Where each article's references to a row go: the row of its first occurrence that
    # pointed there.
    temp(cur, "r_map", "article_id bigint, old_id bigint, new_id bigint, "
                       "PRIMARY KEY (article_id, old_id)")
    cur.execute(f"""
        INSERT INTO r_map SELECT DISTINCT ON (o.article_id, o.{fk}) o.article_id, o.{fk},
               COALESCE(m.new_id, o.{fk})
        FROM (SELECT DISTINCT article_id, old_id FROM r_moving) x
        JOIN entity_occurrences o ON o.kind = %s AND o.article_id = x.article_id
             AND o.{fk} = x.old_id
        LEFT JOIN r_moving m ON m.article_id = o.article_id AND m.idx = o.entity_index
        ORDER BY o.article_id, o.{fk}, o.entity_index""", (kind,))
    cur.execute(f"""
        UPDATE entity_occurrences o SET {fk} = m.new_id, resolved_by = m.rule FROM r_moving m
        WHERE o.kind = %s AND o.article_id = m.article_id AND o.entity_index = m.idx""", (kind,))
    # Clusters that gained or lost a name: their aliases are rebuilt.
    temp(cur, "r_changed", "id bigint PRIMARY KEY")
    cur.execute("INSERT INTO r_changed SELECT DISTINCT new_id FROM r_moving")
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
    # from the name-level counts (entity_names), not from every article that names the row
    cur.execute(f"""
        INSERT INTO {aliases} ({fk}, alias, alias_key)
        SELECT DISTINCT ON (n.entity_id, u.k) n.entity_id, u.f, u.k
        FROM entity_names n, unnest(n.forms, n.form_keys) AS u(f, k)
        WHERE n.kind = %s AND n.entity_id IN (SELECT id FROM r_changed)
        ORDER BY n.entity_id, u.k, u.f""", (kind,))
