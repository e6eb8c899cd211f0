"""Who is who among people: the rules, as set-based SQL over entity_names (each way articles
write a name, with the parts of the name, counted); only a surname alone that several full
names compete for is decided article by article, from entity_occurrences.

- Full names (a given name and a surname) with the same key are one person. Two full keys are
  joined when one only adds middle names or initials and no other middle form exists ("James
  Baker" = "James A. Baker", but not when "George H. W. Bush" and "George W. Bush" both occur),
  when one is the other with a word in front ("Chefs Jamie Oliver" = "Jamie Oliver"), and
  spelling variants: same surname skeleton (Zelensky/Zelenskyy/Zelenskiy, Gaddafi/Qaddafi), same
  initial, and trigram similarity of the keys >= VARIANT_SIMILARITY.
- A surname alone, or an initial and a surname ("Rutte", "President Rutte", "J. Baker"), joins
  the one full name with that surname; when several people share it, the one the article's own
  evidence points to: organisations, co-mentioned people and titles shared with that person's
  other articles (and time, to break ties). Otherwise it stays a person of its own, one per
  surname.
- A common first name alone ("Dan", "Bill") never joins across articles: one person per article.
- An analyst's override (identity_overrides) forces two names together or apart.
"""
from __future__ import annotations

import psycopg

from etl import lexicons
from etl.resolve.graph import (KEY_RULES, apply_overrides, components, new_assignments,
                               temp)

# Trigram similarity of two full-name keys (pg_trgm `similarity`) at and above which two
# spellings of one surname skeleton are one person. Measured on the Reuters-21578 development
# stories (inspect half): among full-name pairs with the same skeleton and initial, pairs at
# 0.5 and above were spelling variants of one name; below it were different people sharing
# consonants (e.g. "Ali Khan" / "Ali Akhoun" style pairs).
VARIANT_SIMILARITY = 0.5
# Surnames shorter than this share consonant skeletons by chance ("Li", "Lee", "Le"): the
# spelling rules, and the scope that must reach as far as they do, need at least one surname
# of this many letters (the variant rule: one of the pair; a surname alone: both).
SKELETON_LETTERS = 5
# A surname alone with no evidence goes to the most frequent full name only when it has at
# least this many times the articles of all the other full names with that surname together.
DOMINANCE = 4


def scope(cur: psycopg.Cursor, touched: list[int] | None) -> None:
    """r_sur: the surnames to re-resolve (all, or those the touched articles use, closed under
    the spelling rules, shared rows and overrides). Surnames are added in rounds, and each
    round looks only at the ones the round before it added, in entity_names: the work grows
    with the ways the names in scope are written, not with the articles that use them.

    A spelling reaches another surname of its consonant skeleton only where a rule could join
    the two names (two full names of one initial similar enough, or two long surnames similar
    enough for one alone to stand for the other), not every surname of the skeleton: in a
    large corpus a skeleton such as "k-r" holds hundreds of unrelated surnames, and each
    brought its own rows and their skeletons into every step. Names the rules cannot join keep
    their rows, as a full resolution gives them."""
    temp(cur, "r_sur", "surname_key text PRIMARY KEY, round int NOT NULL DEFAULT 0")
    if touched is None:
        cur.execute("INSERT INTO r_sur SELECT DISTINCT surname_key FROM entity_names "
                    "WHERE kind = 'person' AND surname_key IS NOT NULL")
        return
    cur.execute("INSERT INTO r_sur SELECT DISTINCT o.surname_key FROM unnest(%s::bigint[]) t(id) "
                "JOIN entity_occurrences o ON o.article_id = t.id "
                "WHERE o.kind = 'person' AND o.surname_key IS NOT NULL", (touched,))
    n = 0
    while True:
        cur.execute("ANALYZE r_sur")
        # each name looked up through its index (`LATERAL ... OFFSET 0`: a hash join would read
        # the whole table at every round of every step)
        cur.execute("""
            WITH here AS MATERIALIZED (
                SELECT x.surname_key, x.skeleton, x.entity_id, x.name_key, x.given_key
                FROM r_sur r CROSS JOIN LATERAL (
                    SELECT x.surname_key, x.skeleton, x.entity_id, x.name_key, x.given_key
                    FROM entity_names x
                    WHERE x.kind = 'person' AND x.surname_key = r.surname_key OFFSET 0) x
                WHERE r.round = %(n)s),
            spellings AS MATERIALIZED (
                SELECT DISTINCT surname_key, skeleton, name_key, given_key FROM here),
            others AS MATERIALIZED (
                SELECT DISTINCT o.skeleton, o.surname_key, o.name_key, o.given_key
                FROM (SELECT DISTINCT skeleton FROM spellings) s CROSS JOIN LATERAL (
                    SELECT o.skeleton, o.surname_key, o.name_key, o.given_key
                    FROM entity_names o
                    WHERE o.kind = 'person' AND o.skeleton = s.skeleton OFFSET 0) o),
            linked AS (
                -- as far as the spelling rules join, pair by pair: two full names of one
                -- initial similar enough (one surname long enough), or two long surnames
                -- similar enough (a surname alone and the full names it may stand for);
                -- compared within a skeleton and initial, and surname by surname
                SELECT o.surname_key FROM spellings h
                JOIN others o ON o.skeleton = h.skeleton
                 AND left(o.given_key, 1) = left(h.given_key, 1)
                WHERE length(h.given_key) > 1 AND length(o.given_key) > 1
                  AND o.surname_key <> h.surname_key
                  AND greatest(length(h.surname_key), length(o.surname_key)) >= %(letters)s
                  AND similarity(h.name_key, o.name_key) >= %(sim)s
                UNION
                SELECT o.surname_key
                FROM (SELECT DISTINCT skeleton, surname_key FROM spellings
                      WHERE length(surname_key) >= %(letters)s) h
                JOIN (SELECT DISTINCT skeleton, surname_key FROM others
                      WHERE length(surname_key) >= %(letters)s) o
                  ON o.skeleton = h.skeleton AND o.surname_key <> h.surname_key
                WHERE similarity(h.surname_key, o.surname_key) >= %(sim)s
                UNION
                SELECT o.surname_key FROM (SELECT DISTINCT entity_id FROM here) p
                CROSS JOIN LATERAL (
                    SELECT o.surname_key FROM entity_names o
                    WHERE o.kind = 'person' AND o.entity_id = p.entity_id OFFSET 0) o
                UNION
                SELECT o.surname_key FROM identity_overrides v
                JOIN (SELECT DISTINCT name_key FROM here) h ON h.name_key IN (v.key_a, v.key_b)
                JOIN entity_names o ON o.kind = 'person' AND o.name_key IN (v.key_a, v.key_b)
                WHERE v.kind = 'person')
            INSERT INTO r_sur SELECT surname_key, %(n)s + 1 FROM linked
            WHERE surname_key IS NOT NULL ON CONFLICT DO NOTHING""",
                    {"n": n, "letters": SKELETON_LETTERS, "sim": VARIANT_SIMILARITY})
        if cur.rowcount == 0:
            break
        n += 1


# How a name (r_names) or an occurrence (r_part) is resolved:
#   full    a full name: to the cluster of its key
#   first   a common first name alone that is nobody's surname: a person of its own per article
#   part    a surname alone or initials: to the one full name it may stand for, or its own row
#           when there is none; when several compete, decided per article (_evidence)
FIRST_ALONE = "first name alone: this article only"
# A surname alone several full names compete for whose article shares nothing with any of
# them: decided by how many articles each has, the same for every such occurrence of the name.
NO_EVIDENCE = "surname: shared, no evidence for any"
DOMINANT_NO_EVIDENCE = "surname: most frequent full name, no evidence for any"
# ... whose article shares as much with two or more of them (the one that dominates by
# articles when it is one of those, else a row of its own)
TIED = "surname: shared, evidence tied"
DOMINANT_TIED = "surname: most frequent full name, evidence tied"
# ... whose article shares most with one of them: 'surname: evidence (' + what it shares + ')'
EVIDENCE = "surname: evidence ("


def cluster(cur: psycopg.Cursor, incremental: bool = False) -> None:
    """Fill r_assign and r_name for the people in scope. Names are read at the level of names
    (entity_names: each way a name is written, with its row, rule and how many occurrences), so
    a name in a tenth of the articles costs no more than a name in one; only the occurrences
    that must be decided one by one (a surname alone several full names compete for, a first
    name alone not settled yet) are read. `incremental`: a step over the articles of one
    batch, after contexts.new_pairs (see _expand)."""
    temp(cur, "r_names", "name_key text, key text, old_id bigint, old_rule text, name text, "
                         "given_key text, middle_key text, surname_key text, skeleton text, "
                         "is_first_name bool, n int, cls text, sig text, "
                         "one_by_one bool NOT NULL DEFAULT false")
    cur.execute("""
        INSERT INTO r_names (name_key, key, old_id, old_rule, name, given_key, middle_key,
                             surname_key, skeleton, is_first_name, n)
        SELECT n.name_key, n.name_key, n.entity_id, n.resolved_by, n.name, n.given_key,
               n.middle_key, n.surname_key, n.skeleton, n.is_first_name, n.occurrences
        FROM r_sur r CROSS JOIN LATERAL (
            SELECT * FROM entity_names n WHERE n.kind = 'person'
            AND n.surname_key = r.surname_key OFFSET 0) n""")
    _title_remnants(cur)
    cur.execute("ANALYZE r_names")      # its indexes come once its rows are classified
    _full_names(cur)
    new_assignments(cur)
    _classify(cur)
    _expand(cur, incremental)
    _assign(cur)
    _names(cur)


def _title_remnants(cur: psycopg.Cursor) -> None:
    """"Energy Lopez", left by "Mines and Energy Minister Lopez": a portfolio word in front of a
    surname is what remains of a title, not a given name; the name is the surname alone."""
    cur.execute("""
        UPDATE r_names SET key = surname_key, given_key = NULL, middle_key = ''
        WHERE given_key = ANY(%(w)s)
          AND string_to_array(COALESCE(middle_key, ''), ' ') <@ %(w)s::text[]""",
                {"w": sorted(lexicons.portfolio_words())})


def _full_names(cur: psycopg.Cursor) -> None:
    # articles: the occurrences of the name (an article names a person once)
    temp(cur, "r_key", "key text PRIMARY KEY, label text, given text, middle text, "
                       "surname text, skeleton text, articles int")
    cur.execute("""
        INSERT INTO r_key SELECT key, key, min(given_key), min(middle_key),
               min(surname_key), min(skeleton), sum(n)
        FROM r_names WHERE length(given_key) > 1 GROUP BY key""")
    cur.execute("CREATE INDEX ON r_key (surname, given)")
    cur.execute("CREATE INDEX ON r_key (skeleton)")
    cur.execute("ANALYZE r_key")
    temp(cur, "r_edge", "a text, b text, rule text")
    cur.execute("""
        INSERT INTO r_edge
        SELECT a.key, b.key, 'middle name or initial'
        FROM r_key a JOIN r_key b ON a.surname = b.surname AND a.given = b.given
        WHERE a.middle = '' AND b.middle <> ''
          AND (SELECT count(DISTINCT c.middle) FROM r_key c WHERE c.surname = a.surname
               AND c.given = a.given AND c.middle <> '') = 1""")
    cur.execute("""
        INSERT INTO r_edge
        SELECT a.key, b.key, 'same name with a word in front'
        FROM r_key a JOIN r_key b ON a.surname = b.surname AND a.key LIKE '% ' || b.key""")
    cur.execute("""
        INSERT INTO r_edge
        SELECT a.key, b.key,
               'spelling variant (similarity ' || round(similarity(a.key, b.key)::numeric, 2) || ')'
        FROM r_key a JOIN r_key b ON a.skeleton = b.skeleton AND a.key < b.key
             AND a.surname <> b.surname AND left(a.given, 1) = left(b.given, 1)
        WHERE greatest(length(a.surname), length(b.surname)) >= %s
          AND similarity(a.key, b.key) >= %s""",
                (SKELETON_LETTERS, VARIANT_SIMILARITY))
    apply_overrides(cur, "person")
    components(cur)
    cur.execute("CREATE INDEX ON r_key (label)")
    cur.execute("CREATE INDEX ON r_edge (a)")
    cur.execute("CREATE INDEX ON r_edge (b)")
    cur.execute("ANALYZE r_edge")
    # Articles per cluster: how well supported each full name is.
    temp(cur, "r_label_n", "label text PRIMARY KEY, articles int")
    cur.execute("""
        INSERT INTO r_label_n SELECT k.label, sum(o.n)
        FROM r_names o JOIN r_key k ON k.key = o.key GROUP BY k.label""")


# A title shared is worth two organisations or people shared.
_WEIGHT = "CASE c.what WHEN 'title' THEN 2.0 ELSE 1.0 END"
# The full names a surname alone or initials (r_names or r_part, read as `o`) may stand for
# depend on the name alone (surname, skeleton, initial): found once per distinct signature.
_SIG = "row(o.key, o.surname_key, o.skeleton, o.given_key)::text"     # NULL is not ''


def _classify(cur: psycopg.Cursor) -> None:
    """r_names.cls, and for a surname alone or initials its signature; r_pcand: the full names
    each signature may stand for."""
    cur.execute("""
        UPDATE r_names o SET cls = CASE
            WHEN EXISTS (SELECT 1 FROM r_key k WHERE k.key = o.key) THEN 'full'
            WHEN o.is_first_name AND NOT EXISTS (SELECT 1 FROM r_key k WHERE k.surname = o.key)
                 THEN 'first'
            ELSE 'part' END""")
    cur.execute(f"UPDATE r_names o SET sig = {_SIG} WHERE cls = 'part'")
    temp(cur, "r_pname", "sig text PRIMARY KEY, name_key text, surname_key text, "
                         "skeleton text, given_key text")
    cur.execute("""
        INSERT INTO r_pname SELECT DISTINCT sig, key, surname_key, skeleton, given_key
        FROM r_names WHERE cls = 'part'""")
    cur.execute("ANALYZE r_pname")
    temp(cur, "r_pcand", "sig text, label text, articles int")
    # Set-based, both ways a full name may be a candidate (the same surname; a spelling of it),
    # not looked up once per signature: hash joins, where a loop over signatures grew with
    # the signatures times the full names in scope.
    cur.execute("""
        WITH pairs AS (
            SELECT p.sig, p.name_key, k.label FROM r_pname p
            JOIN r_key k ON k.surname = p.surname_key
            WHERE p.given_key IS NULL OR left(k.given, 1) = p.given_key
            UNION
            SELECT p.sig, p.name_key, k.label FROM r_pname p
            JOIN r_key k ON k.skeleton = p.skeleton
            WHERE (p.given_key IS NULL OR left(k.given, 1) = p.given_key)
              AND length(p.surname_key) >= %(letters)s AND length(k.surname) >= %(letters)s
              AND similarity(k.surname, p.surname_key) >= %(sim)s)
        INSERT INTO r_pcand
        SELECT x.sig, x.label, n.articles FROM pairs x JOIN r_label_n n ON n.label = x.label
        WHERE NOT EXISTS (SELECT 1 FROM identity_overrides v JOIN r_key kv ON kv.label = x.label
                          WHERE v.kind = 'person' AND NOT v.same
                            AND ((v.key_a = x.name_key AND v.key_b = kv.key)
                              OR (v.key_b = x.name_key AND v.key_a = kv.key)))""",
                {"sim": VARIANT_SIMILARITY, "letters": SKELETON_LETTERS})
    cur.execute("CREATE INDEX ON r_pcand (sig)")
    cur.execute("ANALYZE r_pcand")
    # How each signature is decided: by the name (none or one full name), or per article; and
    # where several compete, where an occurrence whose article shares nothing with any of them
    # goes (the candidate that dominates by articles, else a row of its own): no_label, no_rule.
    temp(cur, "r_psig", "sig text PRIMARY KEY, candidates int, label text, rule text, "
                        "no_label text, no_rule text")
    cur.execute("""
        INSERT INTO r_psig
        SELECT p.sig, count(c.label), CASE count(c.label)
                   WHEN 0 THEN CASE WHEN p.given_key IS NULL THEN 's:' || p.surname_key
                                    ELSE 'i:' || p.name_key END
                   WHEN 1 THEN min(c.label) END,
               CASE count(c.label) WHEN 0 THEN 'surname: no full name'
                                   WHEN 1 THEN 'surname: one full name' END,
               COALESCE(d.label, CASE WHEN p.given_key IS NULL THEN 's:' || p.surname_key
                                      ELSE 'i:' || p.name_key END),
               CASE WHEN d.label IS NULL THEN %(own)s ELSE %(dominant)s END
        FROM r_pname p LEFT JOIN r_pcand c USING (sig)
        LEFT JOIN LATERAL (
            SELECT c.label FROM r_pcand c
            WHERE c.sig = p.sig AND c.articles >= %(dominance)s * (
                SELECT sum(d.articles) FROM r_pcand d WHERE d.sig = c.sig AND d.label <> c.label)
            ORDER BY c.articles DESC LIMIT 1) d ON true
        GROUP BY p.sig, p.given_key, p.surname_key, p.name_key, d.label""",
                {"own": NO_EVIDENCE, "dominant": DOMINANT_NO_EVIDENCE, "dominance": DOMINANCE})
    cur.execute("ANALYZE r_psig")


def _expand(cur: psycopg.Cursor, incremental: bool) -> None:
    """r_part: the occurrences decided one by one, those of every (name, row, rule) that holds
    a surname alone several full names compete for, or a first name alone that has no row of
    its own yet. The ones not resolved yet are read through the index of unsettled occurrences
    (the load's own), the others through their name.

    In a step over one batch, a surname alone decided before keeps its decision, taken as a
    name (r_kept), unless the step can have changed what its article shares with a candidate:
    - a candidate's articles share an item with the name's earlier articles for the first
      time (r_batchpair.fresh), or, where the evidence was not nil, are named for the first
      time within three days of one of them (the tie-break of _evidence);
    - a candidate takes in a full name not settled before (a new name, which may also join
      names that are no candidates of the surname), or an analyst's override names it;
    - the decision depends on which candidate dominates by articles (no evidence, or a tie),
      and that candidate is not the one it was: with no evidence for any candidate, the
      dominant one is taken by the name; a tie is read again.
    Nothing else changes a candidate's score; so a popular surname's earlier occurrences are
    not read again at every step that names one of its people."""
    cur.execute("ANALYZE r_names")
    cur.execute("CREATE INDEX ON r_names (key)")
    temp(cur, "r_group", "name_key text, old_id bigint, old_rule text")
    temp(cur, "r_kept", "name_key text, old_id bigint, old_rule text, label text, rule text")
    if incremental:
        _kept(cur)
    cur.execute(f"""
        INSERT INTO r_group SELECT DISTINCT o.name_key, o.old_id, o.old_rule FROM r_names o
        LEFT JOIN r_psig s ON s.sig = o.sig
        WHERE o.cls = 'part' AND s.candidates > 1
              AND NOT EXISTS (SELECT 1 FROM r_kept k WHERE k.name_key = o.name_key
                              AND k.old_id = o.old_id AND k.old_rule = o.old_rule)
           OR o.cls = 'first' AND (o.old_rule IS DISTINCT FROM '{FIRST_ALONE}' OR o.n > 1)""")
    cur.execute("""
        UPDATE r_names o SET one_by_one = true FROM r_group g
        WHERE g.name_key = o.name_key AND g.old_id = o.old_id
          AND COALESCE(g.old_rule, '') = COALESCE(o.old_rule, '')""")
    cur.execute("CREATE INDEX ON r_names (name_key, old_id)")
    cur.execute("ANALYZE r_names")
    temp(cur, "r_part", "article_id bigint, idx int, old_id bigint, old_rule text, "
                        "name_key text, key text, name text, given_key text, middle_key text, "
                        "surname_key text, skeleton text, is_first_name bool, "
                        "published_at timestamptz, cls text, sig text")
    columns = ("o.article_id, o.entity_index, o.person_id, o.resolved_by, o.name_key, "
               "o.name_key, o.name, o.given_key, o.middle_key, o.surname_key, o.skeleton, "
               "o.is_first_name")
    cur.execute(f"""
        INSERT INTO r_part (article_id, idx, old_id, old_rule, name_key, key, name, given_key,
                            middle_key, surname_key, skeleton, is_first_name)
        SELECT {columns} FROM r_group g CROSS JOIN LATERAL (
            SELECT * FROM entity_occurrences o WHERE o.kind = 'person'
            AND o.name_key = g.name_key AND o.person_id = g.old_id
            AND o.resolved_by = g.old_rule OFFSET 0) o
        WHERE g.old_rule IS NOT NULL""")
    cur.execute(f"""
        INSERT INTO r_part (article_id, idx, old_id, old_rule, name_key, key, name, given_key,
                            middle_key, surname_key, skeleton, is_first_name)
        SELECT {columns} FROM (SELECT * FROM entity_occurrences WHERE kind = 'person'
                               AND resolved_by IS NULL) o
        JOIN r_group g ON g.name_key = o.name_key AND g.old_id = o.person_id
        WHERE g.old_rule IS NULL""")
    cur.execute("""
        UPDATE r_part p SET key = r.key, given_key = r.given_key, middle_key = r.middle_key,
               cls = r.cls, sig = r.sig, published_at = a.published_at
        FROM r_names r, articles a
        WHERE r.name_key = p.name_key AND r.old_id = p.old_id
          AND COALESCE(r.old_rule, '') = COALESCE(p.old_rule, '') AND r.name = p.name
          AND r.is_first_name = p.is_first_name AND a.id = p.article_id""")
    cur.execute("CREATE INDEX ON r_part (article_id, idx)")
    cur.execute("ANALYZE r_part")


def _kept(cur: psycopg.Cursor) -> None:
    """r_kept: the surnames alone several full names compete for whose decision this step
    cannot change (see _expand), with the decision as a name: no evidence for any candidate,
    the dominant one or a row of its own (r_psig); a tie, the same row as before; evidence,
    the one candidate that holds the row it went to."""
    # the rows the full names in scope were in, and their clusters now
    temp(cur, "r_rowlabel", "old_id bigint, label text, PRIMARY KEY (old_id, label)")
    cur.execute("""INSERT INTO r_rowlabel SELECT DISTINCT x.old_id, k.label
                   FROM r_names x JOIN r_key k ON k.key = x.key
                   WHERE x.cls = 'full' AND x.old_id IS NOT NULL""")
    cur.execute("ANALYZE r_rowlabel")
    cur.execute("""
        INSERT INTO r_kept
        SELECT o.name_key, o.old_id, o.old_rule, CASE
                WHEN o.old_rule IN (%(none)s, %(dominant_none)s) THEN s.no_label
                WHEN o.old_rule = %(tied)s AND s.no_rule = %(none)s THEN s.no_label
                WHEN o.old_rule = %(dominant_tied)s AND s.no_rule = %(dominant_none)s
                     AND EXISTS (SELECT 1 FROM r_rowlabel r WHERE r.old_id = o.old_id
                                 AND r.label = s.no_label) THEN s.no_label
                WHEN starts_with(o.old_rule, %(evidence)s) THEN (
                    SELECT min(c.label) FROM r_pcand c JOIN r_rowlabel r ON r.label = c.label
                    WHERE c.sig = o.sig AND r.old_id = o.old_id
                    HAVING count(DISTINCT c.label) = 1) END,
               CASE WHEN o.old_rule IN (%(none)s, %(dominant_none)s) THEN s.no_rule
                    ELSE o.old_rule END
        FROM r_names o JOIN r_psig s ON s.sig = o.sig
        WHERE o.cls = 'part' AND s.candidates > 1 AND o.old_rule IS NOT NULL""",
                {"none": NO_EVIDENCE, "dominant_none": DOMINANT_NO_EVIDENCE, "tied": TIED,
                 "dominant_tied": DOMINANT_TIED, "evidence": EVIDENCE})
    cur.execute("DELETE FROM r_kept WHERE label IS NULL")
    cur.execute("ANALYZE r_kept")
    # The names whose decisions the step may change: what their earlier occurrences hold
    # (person_key_contexts less the batch's own, r_batchpair) met by a fresh pair of a
    # candidate; a candidate with a full name not settled before; an override.
    temp(cur, "r_stale", "name_key text, sig text, by_day bool")
    cur.execute("""
        WITH names AS (SELECT DISTINCT o.name_key, o.key, o.sig,
                              bool_or(o.old_rule NOT IN (%(none)s, %(dominant_none)s))
                                  OVER (PARTITION BY o.name_key, o.sig) AS evidence
                       FROM r_kept k JOIN r_names o ON o.name_key = k.name_key
                            AND o.old_id = k.old_id AND o.old_rule = k.old_rule),
        keys AS MATERIALIZED (
            SELECT DISTINCT c.sig, k.key FROM (SELECT DISTINCT sig FROM names) x
            JOIN r_pcand c USING (sig) JOIN r_key k ON k.label = c.label),
        fresh AS MATERIALIZED (
            SELECT k.sig, p.what, p.item FROM keys k
            JOIN r_batchpair p ON p.name_key = k.key AND p.fresh),
        unsettled AS MATERIALIZED (
            SELECT DISTINCT k.sig FROM keys k
            WHERE NOT EXISTS (SELECT 1 FROM r_names x WHERE x.key = k.key
                              AND x.old_rule IS NOT NULL)),
        flags AS MATERIALIZED (
            SELECT n.name_key, n.sig,
                   EXISTS (SELECT 1 FROM fresh f JOIN person_key_contexts m
                               ON m.name_key = n.name_key AND m.what = f.what
                               AND m.item = f.item
                           LEFT JOIN r_batchpair b ON b.name_key = m.name_key
                                AND b.what = m.what AND b.item = m.item
                           WHERE f.sig = n.sig AND f.what <> 'day'
                             AND m.occurrences > COALESCE(b.n, 0))
                   OR n.sig IN (SELECT sig FROM unsettled)
                   OR EXISTS (SELECT 1 FROM identity_overrides v WHERE v.kind = 'person'
                              AND n.key IN (v.key_a, v.key_b)) AS other,
                   n.evidence AND EXISTS (
                       SELECT 1 FROM fresh f CROSS JOIN LATERAL (
                           SELECT m.occurrences, m.item FROM person_key_contexts m
                           WHERE m.name_key = n.name_key AND m.what = 'day'
                             AND m.item BETWEEN to_char(f.item::date - 3, 'YYYY-MM-DD')
                                            AND to_char(f.item::date + 3, 'YYYY-MM-DD')
                           OFFSET 0) m
                       LEFT JOIN r_batchpair b ON b.name_key = n.name_key AND b.what = 'day'
                            AND b.item = m.item
                       WHERE f.sig = n.sig AND f.what = 'day'
                         AND m.occurrences > COALESCE(b.n, 0)) AS near
            FROM names n)
        INSERT INTO r_stale SELECT name_key, sig, NOT other FROM flags WHERE other OR near""",
                {"none": NO_EVIDENCE, "dominant_none": DOMINANT_NO_EVIDENCE})
    # a decision with no evidence is read again only for fresh pairs, new names and overrides
    # (by_day: for nothing but a candidate named near its days)
    cur.execute("""
        DELETE FROM r_kept k USING r_names o, r_stale x
        WHERE o.name_key = k.name_key AND o.old_id = k.old_id AND o.old_rule = k.old_rule
          AND x.name_key = o.name_key AND x.sig = o.sig
          AND NOT (x.by_day AND k.old_rule IN (%s, %s))""", (NO_EVIDENCE, DOMINANT_NO_EVIDENCE))


def _assign(cur: psycopg.Cursor) -> None:
    """r_assign: the names decided as names, the occurrences decided one by one."""
    temp(cur, "r_rules", "key text PRIMARY KEY, rules text")
    cur.execute(f"INSERT INTO r_rules SELECT * FROM {KEY_RULES} r")
    cur.execute("ANALYZE r_rules")
    # full names, to the cluster of their key
    cur.execute("""
        INSERT INTO r_assign
        SELECT NULL::bigint, NULL::int, o.name_key, o.old_id, o.old_rule, k.label,
               COALESCE(r.rules, 'same name'), sum(o.n)
        FROM r_names o JOIN r_key k ON k.key = o.key LEFT JOIN r_rules r ON r.key = o.key
        WHERE o.cls = 'full' AND NOT o.one_by_one
        GROUP BY o.name_key, o.old_id, o.old_rule, k.label, r.rules""")
    # a surname alone with none or one full name, or with several and a decision the step
    # cannot change (r_kept); a first name alone that has its own row
    cur.execute(f"""
        INSERT INTO r_assign
        SELECT NULL::bigint, NULL::int, o.name_key, o.old_id, o.old_rule,
               CASE o.cls WHEN 'part' THEN COALESCE(s.label, k.label) ELSE 'p:' || o.old_id END,
               CASE o.cls WHEN 'part' THEN COALESCE(s.rule, k.rule) ELSE '{FIRST_ALONE}' END,
               sum(o.n)
        FROM r_names o LEFT JOIN r_psig s ON s.sig = o.sig
        LEFT JOIN r_kept k ON k.name_key = o.name_key AND k.old_id = o.old_id
             AND k.old_rule = o.old_rule
        WHERE o.cls IN ('part', 'first') AND NOT o.one_by_one
        GROUP BY 1, 2, 3, 4, 5, 6, 7""")
    # one by one (a full name never is: its group holds no other kind): a first name alone, a
    # person per article; a surname alone as its name is, or by the evidence when several
    # full names compete
    cur.execute(f"""
        INSERT INTO r_assign
        SELECT p.article_id, p.idx, p.name_key, p.old_id, p.old_rule,
               CASE p.cls WHEN 'first' THEN 'a:' || p.article_id || ':' || p.idx
                          ELSE s.label END,
               CASE p.cls WHEN 'first' THEN '{FIRST_ALONE}' ELSE s.rule END, 1
        FROM r_part p LEFT JOIN r_psig s ON s.sig = p.sig
        WHERE p.cls = 'first' OR s.candidates <= 1""")
    _candidates(cur)
    _evidence(cur)
    _choose(cur)


def _candidates(cur: psycopg.Cursor) -> None:
    """r_cand: for each occurrence of a surname alone that several full names compete for, the
    full names it may stand for (r_pcand, found once per name)."""
    temp(cur, "r_cand", "article_id bigint, idx int, label text, articles int, score float, "
                        "evidence text")
    cur.execute("""
        INSERT INTO r_cand (article_id, idx, label, articles, score)
        SELECT p.article_id, p.idx, c.label, c.articles, 0
        FROM r_part p JOIN r_psig s ON s.sig = p.sig JOIN r_pcand c ON c.sig = p.sig
        WHERE p.cls = 'part' AND s.candidates > 1""")
    cur.execute("CREATE INDEX ON r_cand (article_id, idx)")
    cur.execute("ANALYZE r_cand")


def _choose(cur: psycopg.Cursor) -> None:
    """r_assign for each surname alone several full names compete for: the candidate the
    evidence favours, or, when the evidence singles out none (no evidence, or a tie), one that
    dominates by articles and has no less evidence than any other; else a row of its own."""
    cur.execute("""
        INSERT INTO r_assign
        SELECT p.article_id, p.idx, p.name_key, p.old_id, p.old_rule,
               COALESCE(best.label, s.no_label),
               COALESCE(best.rule, CASE WHEN top.score > 0 THEN %s ELSE s.no_rule END), 1
        FROM r_part p JOIN r_psig s ON s.sig = p.sig
        CROSS JOIN LATERAL (SELECT max(c.score) AS score FROM r_cand c
                            WHERE c.article_id = p.article_id AND c.idx = p.idx) top
        LEFT JOIN LATERAL (
            SELECT c.label, CASE
                WHEN c.score >= 100 THEN 'analyst override'
                WHEN c.score >= 1 AND c.score > r.score
                    THEN %s || c.evidence || ')'
                WHEN c.score = 0 THEN s.no_rule
                ELSE %s END AS rule
            FROM r_cand c
            CROSS JOIN LATERAL (SELECT COALESCE(max(d.score), 0) AS score,
                                       sum(d.articles) AS articles FROM r_cand d
                                WHERE d.article_id = c.article_id AND d.idx = c.idx
                                  AND d.label <> c.label) r
            WHERE c.article_id = p.article_id AND c.idx = p.idx
              AND (c.score >= 1 AND c.score > r.score
                   -- evidence that does not single one out (none, or a tie): the dominant name
                   OR c.articles >= %s * r.articles AND c.score >= r.score)
            ORDER BY c.score DESC, c.articles DESC LIMIT 1) best ON true
        WHERE p.cls = 'part' AND s.candidates > 1""", (TIED, EVIDENCE, DOMINANT_TIED, DOMINANCE))


def _evidence(cur: psycopg.Cursor) -> None:
    """Score the candidates of a shared surname by what the article shares with each one's
    other articles: organisations, co-mentioned full names, titles (x2); time breaks ties.
    Both sides are read from the contexts (etl/resolve/contexts.py): the article's own, and
    each candidate's, counted per name."""
    # What the article of each surname alone holds.
    temp(cur, "r_mine", "article_id bigint, idx int, what text, item text, w float")
    cur.execute(f"""
        INSERT INTO r_mine SELECT a.article_id, a.idx, c.what, c.item, {_WEIGHT}
        FROM (SELECT DISTINCT article_id, idx FROM r_cand) a
        CROSS JOIN LATERAL (SELECT c.what, c.item FROM person_contexts c
                            WHERE c.article_id = a.article_id AND c.entity_index = a.idx
                              AND c.what <> 'day' OFFSET 0) c""")
    cur.execute("ANALYZE r_mine")
    # Which of those items each candidate's articles hold too: one lookup per candidate and
    # item, never a candidate's whole profile (a popular name's grows with the corpus).
    temp(cur, "r_profile", "label text, what text, item text, w float")
    cur.execute("""
        INSERT INTO r_profile SELECT DISTINCT m.label, m.what, m.item, m.w
        FROM (SELECT DISTINCT c.label, i.what, i.item, i.w
              FROM r_cand c JOIN r_mine i USING (article_id, idx)) m
        JOIN r_key k ON k.label = m.label
        CROSS JOIN LATERAL (SELECT 1 FROM person_key_contexts c
                            WHERE c.name_key = k.key AND c.what = m.what AND c.item = m.item
                            OFFSET 0) c""")
    cur.execute("CREATE INDEX ON r_profile (label, what, item)")
    cur.execute("ANALYZE r_profile")
    # What each article shares with each of its candidates.
    cur.execute("""
        WITH found AS (SELECT a.article_id, a.idx, a.label, f.w, f.what || ' ' || f.item AS what
                       FROM r_cand a JOIN r_mine i USING (article_id, idx)
                       JOIN r_profile f ON f.label = a.label AND f.what = i.what
                            AND f.item = i.item),
        scored AS (SELECT article_id, idx, label, sum(w) AS score,
                          string_agg(what, ', ' ORDER BY what) AS evidence
                   FROM found GROUP BY 1, 2, 3)
        UPDATE r_cand c SET score = s.score, evidence = s.evidence FROM scored s
        WHERE c.article_id = s.article_id AND c.idx = s.idx AND c.label = s.label""")
    # Time breaks ties: a candidate named within three days of the article's day.
    cur.execute("ANALYZE r_cand")
    cur.execute("""
        WITH near AS (
            SELECT DISTINCT c.article_id, c.idx, c.label
            FROM r_cand c JOIN r_part p ON p.article_id = c.article_id AND p.idx = c.idx
            JOIN r_key k ON k.label = c.label
            CROSS JOIN LATERAL (
                SELECT 1 FROM person_key_contexts t
                WHERE t.name_key = k.key AND t.what = 'day'
                  AND t.item BETWEEN to_char(p.published_at AT TIME ZONE 'UTC'
                                             - interval '3 days', 'YYYY-MM-DD')
                                 AND to_char(p.published_at AT TIME ZONE 'UTC'
                                             + interval '3 days', 'YYYY-MM-DD')
                LIMIT 1) t
            WHERE c.score >= 1)
        UPDATE r_cand c SET score = c.score + 0.5,
               evidence = COALESCE(c.evidence || ', ', '') || 'named the same days'
        FROM near n
        WHERE c.article_id = n.article_id AND c.idx = n.idx AND c.label = n.label""")
    cur.execute("""
        UPDATE r_cand c SET score = 100, evidence = 'analyst override'
        FROM r_part p, identity_overrides v, r_key k
        WHERE p.article_id = c.article_id AND p.idx = c.idx AND k.label = c.label
          AND v.kind = 'person' AND v.same
          AND ((v.key_a = p.key AND v.key_b = k.key)
            OR (v.key_b = p.key AND v.key_a = k.key))""")


def _names(cur: psycopg.Cursor) -> None:
    """Canonical name of each cluster: the full key most articles use (never one that is
    another key with a word in front; on a tie, the shorter), then its written form most
    articles use, then the shortest."""
    temp(cur, "r_name", "label text PRIMARY KEY, name text, key text, surname_key text")
    cur.execute("""
        WITH forms AS (
            SELECT a.label, o.key, o.name, o.surname_key, o.given_key, o.n
            FROM r_assign a JOIN r_names o ON o.name_key = a.name_key AND o.old_id = a.old_id
                 AND COALESCE(o.old_rule, '') = COALESCE(a.old_rule, '')
            WHERE a.article_id IS NULL
            UNION ALL
            SELECT a.label, p.key, p.name, p.surname_key, p.given_key, 1
            FROM r_assign a JOIN r_part p ON p.article_id = a.article_id AND p.idx = a.idx),
        keys AS (SELECT label, key, bool_or(COALESCE(length(given_key) > 1, false)) AS full_name,
                        sum(n) AS n FROM forms GROUP BY 1, 2),
        best_key AS (SELECT DISTINCT ON (label) label, key FROM keys k
                     ORDER BY label, full_name DESC,
                              EXISTS (SELECT 1 FROM r_edge e WHERE e.a = k.key
                                      AND e.rule = 'same name with a word in front'),
                              n DESC, length(key), key)
        INSERT INTO r_name
        SELECT DISTINCT ON (f.label) f.label, f.name, f.key, f.surname_key
        FROM forms f JOIN best_key b ON b.label = f.label AND b.key = f.key
        GROUP BY f.label, f.name, f.key, f.surname_key
        ORDER BY f.label, sum(f.n) DESC, length(f.name), f.name""")
