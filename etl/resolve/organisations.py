"""Which names are one organisation: the rules, as set-based SQL over entity_names (each way
articles write a name, counted) and the name-level links of entity_key_links.

Keys already fold case, accents, a leading "the", legal suffixes (Inc., plc, AG, SA) and
-isation/-ization. Two keys are one organisation when
- they are spellings of one long name: same initials and first four letters, trigram
  similarity >= LONG_NAME_SIMILARITY, no country in one that the other lacks ("U.S. ..."
  is not "U.K. ...") and no word of its own in either ("Cocoa" / "Coffee");
- one writes out a word of the other that is the acronym of a country or of a well-known
  organisation (etl/lexicons/orgs_acronyms.txt): "U.N. Conference on Trade and Development" =
  "United Nations Conference on Trade and Development";
- one is a short form (an acronym, "the Fed") that an article pairs with the other ("International
  Monetary Fund (IMF)", "the Federal Reserve ... the Fed"), or an acronym of its initials, and
  the long name has at least twice the articles of any other candidate for that short form;
- one is a long name that articles only ever write with the acronym of the other, which has
  the same words but the last (both organisation words: "Council" / "Organization") and at
  least twice its articles, when that acronym is not its own initials;
- an analyst's override says so (and never when one says they are apart).
"""
from __future__ import annotations

import functools

import psycopg

from etl import lexicons
from etl.resolve.graph import apply_overrides, assign_names_by_key, components, temp
from etl.resolve.keys import INITIALS_SKIP, entity_key, org_initials

# Trigram similarity (pg_trgm) at and above which two long names with the same initials are
# spellings of one organisation. Measured on the Reuters-21578 development stories (inspect
# half): "european community" / "european communities" 0.74, "... cooperation and development"
# for / of 0.88, a typo ("organiaation") 0.88, word order ("tariffs and trade" / "trade and
# tariffs") 1.0, while two bodies with one acronym stay below ("european community" /
# "european commission" 0.50, "food and agriculture organization" / "agricultural
# organization" 0.64).
LONG_NAME_SIMILARITY = 0.7
# ... and each word that one of them has and the other lacks has a look-alike in the other
# (_LOOK_ALIKE), so that two bodies whose names differ in a word of their own stay apart
# ("International Cocoa Organization" / "International Coffee Organization", though the names
# score 0.76; "Mitsui Trust International" / "Mitsubishi Trust International"; "Guarantee
# Savings and Loan" / "Guardian Savings and Loan"; "American Realty Trust" / "American
# Royalty Trust"). A look-alike is a word at this trigram similarity or above ("community" /
# "communities" 0.57, "organisation" / "organistion" 0.67, "bank" / "banking" 0.44; "cocoa" /
# "coffee" 0.18, "realty" / "royalty" 0.36), its abbreviation ("co" / "company", "bros" /
# "brothers"), a typo (one letter added, dropped or changed: "exchanage"; letters swapped:
# "lehamn", "serivces"), or part of a word of the other ("co operation" / "cooperation").
WORD_SIMILARITY = 0.4
# {short}, of four letters at most, keeps the first and last letters of {long} and some between,
# in order ("bros" / "brothers", "intl" / "international")
_CONTRACTION = ("length({short}) <= 4 AND {long} ~ ('^' || regexp_replace(left({short}, -1), "
                "'(.)', '\\1.*', 'g') || right({short}, 1) || '$')")
_LOOK_ALIKE = """(
    similarity({w}, {v}) >= %(word_sim)s
    OR starts_with({v}, {w}) OR starts_with({w}, {v})
    OR {contraction_wv} OR {contraction_vw}
    OR (SELECT string_agg(c, '' ORDER BY c) FROM unnest(string_to_array({w}, NULL)) c)
       = (SELECT string_agg(c, '' ORDER BY c) FROM unnest(string_to_array({v}, NULL)) c)
    OR EXISTS (SELECT 1 FROM generate_series(1, greatest(length({w}), length({v}))) i
               WHERE overlay({w} PLACING '' FROM i FOR 1) = {v}
                  OR overlay({v} PLACING '' FROM i FOR 1) = {w}
                  OR overlay({w} PLACING '' FROM i FOR 1) = overlay({v} PLACING '' FROM i FOR 1)
                     AND length({w}) = length({v})))"""


def _look_alike(w: str, v: str) -> str:
    return _LOOK_ALIKE.format(w=w, v=v, contraction_wv=_CONTRACTION.format(short=w, long=v),
                              contraction_vw=_CONTRACTION.format(short=v, long=w))


def scope(cur: psycopg.Cursor, touched: list[int] | None) -> None:
    """r_okeys: the organisation keys to re-resolve, closed under everything a rule could join
    them with: forms, initials, spellings, shared rows and overrides. Keys are added in rounds,
    and each round looks only at the keys the one before it added (`round`), in the name-level
    tables (entity_keys, entity_key_links): the work grows with the names in scope, not with the
    articles that use them.

    A short form is not closed over every long name an article ever paired it with (a popular
    acronym is paired with more of them as the corpus grows, and each would bring its own
    names in turn): r_ocand holds all of them with their counts, which is what the rules decide
    by, and only those a rule could join (the short form's main candidate, and the long names
    that rules join with one another through it) come into scope. The others keep their rows:
    no rule joins them with anything that changes here."""
    temp(cur, "r_okeys", "key text PRIMARY KEY, round int NOT NULL DEFAULT 0")
    temp(cur, "r_ocand", "b text, a text, paired bool, articles int, by_acronym int, "
                         "PRIMARY KEY (b, a)")
    if touched is None:
        # every name, and every form an article gives (the rules read the long names paired
        # with a form even when no article names the form on its own)
        cur.execute("""
            INSERT INTO r_okeys SELECT name_key FROM entity_keys WHERE kind = 'organisation'
            UNION SELECT other_key FROM entity_key_links
            WHERE kind = 'organisation' AND relation = 'form'""")
        _candidates(cur, 0)
        return
    # a join on the articles' ids, not `= ANY(ids)`: with a long list the planner would read
    # every organisation's occurrence through an index on kind
    cur.execute("""
        INSERT INTO r_okeys SELECT DISTINCT k
        FROM unnest(%s::bigint[]) t(id) JOIN entity_occurrences o ON o.article_id = t.id,
             unnest(o.form_keys || o.name_key || COALESCE(o.initials, o.name_key)) k
        WHERE o.kind = 'organisation'""", (touched,))
    n = 0
    while True:
        cur.execute("ANALYZE r_okeys")     # the plan below depends on how many keys are new
        # one row per name (entity_keys, entity_key_links), each looked up by its index
        # (`LATERAL ... OFFSET 0`: a hash join would read the whole table, which grows with the
        # corpus, at every round of every step): the forms given with a name; a name's
        # initials when some article names them as an acronym; names of the same spelling
        # group; the other names of the rows a name points to; overrides
        cur.execute("""
            WITH new AS MATERIALIZED (SELECT key FROM r_okeys WHERE round = %(n)s),
            ids AS (SELECT DISTINCT k.entity_id FROM new r CROSS JOIN LATERAL (
                        SELECT k.entity_id FROM entity_keys k WHERE k.kind = 'organisation'
                        AND k.name_key = r.key OFFSET 0) k),
            linked AS (
                SELECT l.other_key AS key FROM new r CROSS JOIN LATERAL (
                    SELECT l.other_key FROM entity_key_links l
                    WHERE l.kind = 'organisation' AND l.name_key = r.key
                      AND (l.relation = 'form' OR l.relation = 'initials' AND EXISTS (
                           SELECT 1 FROM entity_keys k WHERE k.kind = 'organisation'
                           AND k.name_key = l.other_key)) OFFSET 0) l
                UNION SELECT m.name_key FROM new r CROSS JOIN LATERAL (
                    SELECT l.name_key, l.other_key FROM entity_key_links l
                    WHERE l.kind = 'organisation' AND l.name_key = r.key
                      AND l.relation = 'spelling' OFFSET 0) l
                CROSS JOIN LATERAL (
                    SELECT m.name_key FROM entity_key_links m WHERE m.kind = 'organisation'
                    AND m.other_key = l.other_key AND m.relation = 'spelling'
                    AND similarity(m.name_key, l.name_key) >= %(sim)s OFFSET 0) m
                UNION SELECT k.name_key FROM ids CROSS JOIN LATERAL (
                    SELECT k.name_key FROM entity_keys k WHERE k.kind = 'organisation'
                    AND k.entity_id = ids.entity_id OFFSET 0) k
                UNION SELECT v.key_a FROM identity_overrides v JOIN new r ON r.key = v.key_b
                WHERE v.kind = 'organisation'
                UNION SELECT v.key_b FROM identity_overrides v JOIN new r ON r.key = v.key_a
                WHERE v.kind = 'organisation')
            INSERT INTO r_okeys SELECT key, %(n)s + 1 FROM linked
            ON CONFLICT DO NOTHING""", {"n": n, "sim": LONG_NAME_SIMILARITY})
        added = cur.rowcount
        _candidates(cur, n)
        if added + _joinable(cur, n) + _spelled_out(cur, n) == 0:
            break
        n += 1


def _candidates(cur: psycopg.Cursor, n: int) -> None:
    """r_ocand: for each key of round `n`, the long names it may be the short form of: those
    articles pair it with ("International Monetary Fund (IMF)"), or, for a name no article pairs
    with a long name, the names whose initials it is; with each long name's articles and how
    many of its occurrences write the key as its acronym. Read by the index, one lookup per
    name: the counts of every candidate (entity_names), not its articles."""
    counts = """CROSS JOIN LATERAL (
            SELECT sum(e.occurrences)::int AS articles, min(e.initials) AS initials,
                   bool_or(c.b = ANY(e.form_keys)) AS has_form,
                   COALESCE(sum(e.occurrences) FILTER (
                       WHERE c.b = ANY(e.form_keys)
                         AND c.b = lower(regexp_replace(e.acronym, '\\W', '', 'g'))), 0)::int
                       AS by_acronym
            FROM entity_names e WHERE e.kind = 'organisation' AND e.name_key = c.a
            OFFSET 0) s"""
    cur.execute(f"""
        WITH c AS (SELECT r.key AS b, l.name_key AS a FROM r_okeys r CROSS JOIN LATERAL (
                       SELECT l.name_key FROM entity_key_links l WHERE l.kind = 'organisation'
                       AND l.other_key = r.key AND l.relation = 'form' OFFSET 0) l
                   WHERE r.round = %(n)s AND l.name_key <> r.key)
        INSERT INTO r_ocand SELECT c.b, c.a, true, s.articles, s.by_acronym FROM c {counts}
        WHERE s.has_form""", {"n": n})
    cur.execute(f"""
        WITH c AS (SELECT r.key AS b, l.name_key AS a FROM r_okeys r CROSS JOIN LATERAL (
                       SELECT l.name_key FROM entity_key_links l WHERE l.kind = 'organisation'
                       AND l.other_key = r.key AND l.relation = 'initials' OFFSET 0) l
                   WHERE r.round = %(n)s
                     AND NOT EXISTS (SELECT 1 FROM r_ocand p WHERE p.b = r.key)
                     AND EXISTS (SELECT 1 FROM entity_keys k WHERE k.kind = 'organisation'
                                 AND k.name_key = r.key))
        INSERT INTO r_ocand SELECT c.b, c.a, false, s.articles, 0 FROM c {counts}
        WHERE s.initials = c.b""", {"n": n})


def _joinable(cur: psycopg.Cursor, n: int) -> int:
    """Adds to r_okeys the long names a rule of _edges could join through a short form whose
    candidates are known (r_ocand), where the short form or a candidate is of round `n`: the
    short form's main candidate by articles and by acronym, the names that differ from the
    latter by the last word only, and names of which a candidate in scope is a part (or which
    are a part of it). Returns how many were added."""
    cur.execute("""
        WITH fresh AS MATERIALIZED (SELECT key FROM r_okeys WHERE round = %(n)s),
        forms AS MATERIALIZED (
            SELECT DISTINCT c.b FROM r_ocand c WHERE c.b IN (SELECT key FROM fresh)
            UNION SELECT c.b FROM r_ocand c JOIN fresh f ON f.key = c.a),
        main AS (SELECT DISTINCT ON (c.b) c.b, c.a FROM r_ocand c JOIN forms USING (b)
                 ORDER BY c.b, c.articles DESC, c.a),
        main_acr AS (SELECT DISTINCT ON (c.b) c.b, c.a FROM r_ocand c JOIN forms USING (b)
                     WHERE c.paired AND c.by_acronym > 0
                     ORDER BY c.b, c.by_acronym DESC, c.a),
        joinable AS (
            SELECT a FROM main UNION SELECT a FROM main_acr
            UNION SELECT c.a FROM main_acr m JOIN r_ocand c ON c.b = m.b
            WHERE c.paired AND c.by_acronym > 0
              AND regexp_replace(c.a, ' \\S+$', '') = regexp_replace(m.a, ' \\S+$', '')
            UNION SELECT y.a FROM forms f JOIN r_ocand x ON x.b = f.b
            JOIN r_okeys s ON s.key = x.a JOIN r_ocand y ON y.b = x.b AND y.a <> x.a
            WHERE x.paired AND y.paired
              AND (position(x.a IN y.a) > 0 OR position(y.a IN x.a) > 0))
        INSERT INTO r_okeys SELECT a, %(n)s + 1 FROM joinable ON CONFLICT DO NOTHING""",
                {"n": n})
    return cur.rowcount


def spelled_out_acronyms() -> tuple[list[str], list[str]]:
    """The acronyms of countries and of well-known organisations (etl/lexicons/orgs_acronyms.txt),
    and the keys they stand for, in the same order: (["us", "un", ...], ["united states",
    "united nations", ...])."""
    pairs = _acronym_pairs()
    return [a for a, _ in pairs], [f for _, f in pairs]


@functools.lru_cache(maxsize=1)
def _acronym_pairs() -> tuple[tuple[str, str], ...]:
    countries = lexicons.country_names()
    # a country's initials only where the list itself gives them as its short form ("US", "UK")
    pairs = {(org_initials(c), c) for c in countries if " " in c and org_initials(c) in countries}
    pairs |= {(a, entity_key("organisation", name)) for a, name in lexicons.org_acronyms()}
    return tuple(sorted(p for p in pairs if p[0]))


def _spelled_out(cur: psycopg.Cursor, n: int) -> int:
    """Adds to r_okeys the names in any article that are a key of round `n` with an acronym of
    spelled_out_acronyms() written out, or written short ("us steel" <-> "united states
    steel"); returns how many were added."""
    acr, full = spelled_out_acronyms()
    cur.execute("""
        WITH variants AS (
            SELECT trim(replace(' ' || r.key || ' ', ' ' || p.acr || ' ', ' ' || p.spelled || ' '))
                   AS k FROM r_okeys r, unnest(%(acr)s::text[], %(full)s::text[]) p(acr, spelled)
            WHERE r.round = %(n)s AND strpos(' ' || r.key || ' ', ' ' || p.acr || ' ') > 0
            UNION
            SELECT trim(replace(' ' || r.key || ' ', ' ' || p.spelled || ' ', ' ' || p.acr || ' '))
            FROM r_okeys r, unnest(%(acr)s::text[], %(full)s::text[]) p(acr, spelled)
            WHERE r.round = %(n)s AND strpos(' ' || r.key || ' ', ' ' || p.spelled || ' ') > 0)
        INSERT INTO r_okeys SELECT v.k, %(n)s + 1 FROM variants v
        CROSS JOIN LATERAL (SELECT 1 FROM entity_occurrences o WHERE o.kind = 'organisation'
                            AND o.name_key = v.k LIMIT 1) named   -- by the index, per variant
        ON CONFLICT DO NOTHING""", {"acr": acr, "full": full, "n": n})
    return cur.rowcount


def cluster(cur: psycopg.Cursor) -> None:
    """Fill r_assign and r_name for the organisations in scope. Everything is read at the level
    of names (entity_names: each way a name is written, with how many occurrences), so a name in
    a tenth of the articles costs no more than a name in one."""
    temp(cur, "r_names", "name_key text, old_id bigint, old_rule text, name text, "
                         "initials text, acronym text, is_media bool, form_keys text[], n int")
    cur.execute("""
        INSERT INTO r_names SELECT n.name_key, n.entity_id, n.resolved_by, n.name, n.initials,
               n.acronym, n.is_media, n.form_keys, n.occurrences
        FROM entity_names n JOIN r_okeys r ON r.key = n.name_key
        WHERE n.kind = 'organisation'""")
    cur.execute("CREATE INDEX ON r_names (name_key)")
    cur.execute("ANALYZE r_names")
    # articles: the occurrences of the name (an article names an organisation once)
    temp(cur, "r_key", "key text PRIMARY KEY, label text, initials text, words int, "
                       "articles int, is_acronym bool")
    cur.execute("""
        INSERT INTO r_key SELECT name_key, name_key, min(initials),
               array_length(string_to_array(name_key, ' '), 1), sum(n),
               bool_or(acronym IS NOT NULL)
        FROM r_names GROUP BY name_key""")
    cur.execute("CREATE INDEX ON r_key (initials)")
    cur.execute("ANALYZE r_key")
    cur.execute("ANALYZE r_ocand")
    _edges(cur)
    apply_overrides(cur, "organisation")
    components(cur)
    assign_names_by_key(cur)
    _names(cur)


def _edges(cur: psycopg.Cursor) -> None:
    """r_edge: pairs of name keys that are one organisation, with the rule that says so."""
    temp(cur, "r_edge", "a text, b text, rule text")
    # Spellings of one long name: same spelling group (initials and the first four letters,
    # entity_key_links), similar letters ("Organisation for Economic Cooperation and
    # Development" / "... of Economic ..."; "European Community" / "European Communities", but
    # not "European Commission"); never two names that differ by a country ("U.S. Bureau of
    # Mines" / "U.K. Bureau of Mines").
    cur.execute("""
        INSERT INTO r_edge
        SELECT a.key, b.key,
               'spelling variant (similarity ' || round(similarity(a.key, b.key)::numeric, 2) || ')'
        FROM r_key a JOIN r_key b ON a.initials = b.initials AND a.key < b.key
             AND left(split_part(a.key, ' ', 1), 4) = left(split_part(b.key, ' ', 1), 4)
        WHERE similarity(a.key, b.key) >= %(sim)s
          AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(a.key, ' ')) w
                          WHERE w = ANY(%(countries)s) AND w <> ALL(string_to_array(b.key, ' ')))
          AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(b.key, ' ')) w
                          WHERE w = ANY(%(countries)s) AND w <> ALL(string_to_array(a.key, ' ')))
          AND NOT EXISTS (SELECT 1 FROM (VALUES (a.key, b.key), (b.key, a.key)) p(x, y),
                                        unnest(string_to_array(p.x, ' ')) w
                          WHERE w <> ALL(string_to_array(p.y, ' ')) AND w <> ALL(%(skip)s)
                            AND strpos(replace(p.y, ' ', ''), w) = 0
                            AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(p.y, ' ')) v
                                            WHERE """ + _look_alike("w", "v") + "))",
                {"sim": LONG_NAME_SIMILARITY, "word_sim": WORD_SIMILARITY,
                 "countries": sorted(lexicons.country_names()), "skip": sorted(INITIALS_SKIP)})
    # A short form (an acronym, "the Fed") joins the long name articles pair it with (or, when
    # none does, whose initials it is), when that long name has at least twice the articles of
    # any other candidate that is not a spelling or a part of it ("Petroleum Exporting
    # Countries" does not compete with "Organization of Petroleum Exporting Countries" for
    # "OPEC"; "EC": Community or Commission? neither). The candidates are all those of the
    # corpus (r_ocand), in scope or not; scope() brought the main one in.
    cur.execute("""
        WITH support AS (SELECT c.b, c.a, c.paired, c.articles AS n
                         FROM r_ocand c JOIN r_key k ON k.key = c.b
                         WHERE c.paired OR k.words = 1 AND k.is_acronym),
        main AS (SELECT DISTINCT ON (b) b, a, paired, n FROM support ORDER BY b, n DESC, a),
        rival AS (SELECT s.b, max(s.n) AS n FROM support s JOIN main m USING (b)
                  WHERE s.a <> m.a AND similarity(s.a, m.a) < %(sim)s
                    AND position(s.a IN m.a) = 0 AND position(m.a IN s.a) = 0
                  GROUP BY s.b)
        INSERT INTO r_edge
        SELECT m.b, m.a, CASE WHEN m.paired THEN 'named as one in an article'
                              ELSE 'acronym of the long name with its initials' END
        FROM main m JOIN r_key ka ON ka.key = m.a LEFT JOIN rival r USING (b)
        WHERE r.n IS NULL OR m.n >= 2 * r.n""", {"sim": LONG_NAME_SIMILARITY})
    # A long name that articles only ever write with an acronym which the corpus gives to
    # another long name, the same words but the last, both organisation words ("the Northern
    # Tea Council, NTO," where "NTO" is the Northern Tea Organization everywhere else): the
    # articles name it by that body's acronym, so it is that body (or the organ of it they
    # take for the body). A name also written without the acronym stays its own, and so do one
    # whose initials are the acronym ("the Northern Tea Commission, NTC," beside a Northern Tea
    # Council: two bodies whose initials agree) and one whose other words differ ("Andean
    # Broadcasting Corporation (ABC)").
    cur.execute("""
        WITH paired AS (SELECT a, b, by_acronym AS n FROM r_ocand
                        WHERE paired AND by_acronym > 0),
        main AS (SELECT DISTINCT ON (b) b, a, n FROM paired ORDER BY b, n DESC, a)
        INSERT INTO r_edge
        SELECT p.a, m.a, 'named only with the acronym ' || upper(m.b) || ' of the other'
        FROM main m JOIN paired p ON p.b = m.b AND p.a <> m.a
        JOIN r_key k ON k.key = p.a AND k.articles = p.n AND k.words >= 2
        JOIN r_key l ON l.key = m.a AND l.words = k.words
        WHERE m.n >= 2 * p.n AND k.initials IS DISTINCT FROM m.b
          AND regexp_replace(k.key, ' \\S+$', '') = regexp_replace(l.key, ' \\S+$', '')
          AND split_part(k.key, ' ', k.words) = ANY(%(org_words)s)
          AND split_part(l.key, ' ', l.words) = ANY(%(org_words)s)""",
                {"org_words": sorted(lexicons.org_words())})
    # A word of one name is the acronym of a country or of a well-known organisation that the
    # other writes out, the rest the same ("U.N. Conference on Trade and Development" / "United
    # Nations Conference on Trade and Development", "US Department of Labor" / "United States
    # Department of Labor"); never letters that only happen to be initials ("KM Holdings" is
    # not "Kestrel Marine Holdings").
    acr, full = spelled_out_acronyms()
    cur.execute("""
        INSERT INTO r_edge
        SELECT DISTINCT k.key, l.key, 'an acronym in the name written out'
        FROM r_key k CROSS JOIN unnest(%s::text[], %s::text[]) p(acr, spelled)
        JOIN r_key l ON l.key = trim(replace(' ' || k.key || ' ', ' ' || p.acr || ' ',
                                             ' ' || p.spelled || ' '))
        WHERE k.words >= 2 AND strpos(' ' || k.key || ' ', ' ' || p.acr || ' ') > 0""",
                (acr, full))
    # Part of a long name, paired with the same short form ("Petroleum Exporting Countries
    # (OPEC)" and "Organization of Petroleum Exporting Countries (OPEC)").
    cur.execute("""
        INSERT INTO r_edge
        SELECT DISTINCT p.a, q.a, 'part of the long name, with the same short form'
        FROM r_ocand p JOIN r_ocand q ON q.b = p.b AND q.a <> p.a AND position(p.a IN q.a) > 0
        JOIN r_key k ON k.key = p.a JOIN r_key l ON l.key = q.a
        WHERE p.paired AND q.paired AND k.words >= 2""")


def _names(cur: psycopg.Cursor) -> None:
    """Canonical name: the long (several-word) form most articles use, then its cleanest
    written form; the acronym most articles give; an outlet if any article says so."""
    temp(cur, "r_name", "label text PRIMARY KEY, name text, key text, acronym text, "
                        "is_media bool")
    cur.execute("""
        WITH forms AS (SELECT k.label, k.key AS name_key, k.words, k.articles, o.name,
                              o.acronym, o.is_media, o.n
                       FROM r_names o JOIN r_key k ON k.key = o.name_key),
        best_key AS (SELECT DISTINCT ON (label) label, key AS name_key FROM r_key
                     ORDER BY label, words = 1, articles DESC, words, key),
        acr AS (SELECT DISTINCT ON (label) label, acronym FROM forms WHERE acronym IS NOT NULL
                GROUP BY label, acronym ORDER BY label, sum(n) DESC, acronym),
        media AS (SELECT label, bool_or(is_media) AS is_media FROM forms GROUP BY label)
        INSERT INTO r_name
        SELECT DISTINCT ON (f.label) f.label, f.name, f.name_key, acr.acronym, m.is_media
        FROM forms f JOIN best_key b ON b.label = f.label AND b.name_key = f.name_key
        JOIN media m ON m.label = f.label LEFT JOIN acr ON acr.label = f.label
        GROUP BY f.label, f.name, f.name_key, acr.acronym, m.is_media
        ORDER BY f.label, sum(f.n) DESC, length(f.name), f.name""")
