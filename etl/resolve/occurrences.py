"""Occurrences: each person and organisation as one article names it, with the keys the
resolution step matches on. Pure Python (the rows go into entity_occurrences); no spaCy."""
from __future__ import annotations

from collections.abc import Iterable

from etl import lexicons
from etl.model import Entity
from etl.resolve.keys import entity_key, looks_like_acronym, org_initials, person_name

__all__ = ["COLUMNS", "occurrence_row", "backfill"]

COLUMNS = ("article_id", "kind", "entity_index", "person_id", "organisation_id", "name",
           "name_key", "given_key", "middle_key", "surname_key", "skeleton", "is_first_name",
           "initials", "acronym", "is_media", "forms", "form_keys", "mention_count",
           "first_offset")


def _t(s: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters."""
    return s.replace("\x00", "") if s else s


def _forms(kind: str, names: Iterable[str]) -> tuple[list[str], list[str]]:
    forms, keys = [], []
    for form in names:
        k = entity_key(kind, form) if kind == "organisation" else person_name(form).key
        if form and k and k not in keys:
            forms.append(_t(form))
            keys.append(k)
    return forms, keys


def occurrence_row(article_id: int, kind: str, index: int, entity_id: int, name: str,
                   forms: Iterable[str], acronym: str | None, is_media: bool,
                   mention_count: int, first_offset: int | None,
                   titles: Iterable[str] = ()) -> tuple:
    """One entity_occurrences row, in COLUMNS order. `titles`: the person's titles in the
    article; a first name alone with a monarch's or a pope's title ("King Fahd") is a name
    that joins across articles, not a first name alone."""
    all_forms, form_keys = _forms(kind, [name, *forms, *([acronym] if acronym else [])])
    if kind == "person":
        p = person_name(name)
        first_name = p.given is None and " " not in p.key and lexicons.is_given_name(p.key) \
            and not any(lexicons.is_regnal_title(t) for t in titles)
        return (article_id, kind, index, entity_id, None, _t(name), p.key, p.given, p.middle,
                p.surname, p.skeleton, first_name, None, None, False, all_forms, form_keys,
                mention_count, first_offset)
    key = entity_key("organisation", name)
    if not acronym and looks_like_acronym(name):
        acronym = name
    return (article_id, kind, index, None, entity_id, _t(name), key, None, None, None, None,
            False, org_initials(name) or None, _t(acronym), is_media, all_forms, form_keys,
            mention_count, first_offset)


def entity_row(article_id: int, kind: str, index: int, entity_id: int, e: Entity) -> tuple:
    """The occurrence of one extracted entity."""
    first = min((m.start for m in e.mentions), default=None)
    return occurrence_row(article_id, kind, index, entity_id, e.name, e.aliases, e.acronym,
                          e.is_media, len(e.mentions), first,
                          [r.title for r in e.roles if r.title])


def backfill(conn) -> int:
    """Occurrences for articles loaded before entity_occurrences existed, from article_people
    and article_organisations, with the forms their mentions use (a psycopg connection)."""
    rows = []
    for kind, table, fk in (("person", "article_people", "person_id"),
                            ("organisation", "article_organisations", "organisation_id")):
        acronym = "o.acronym" if kind == "organisation" else "NULL"
        media = "o.is_media" if kind == "organisation" else "false"
        join = "JOIN organisations o ON o.id = x.organisation_id" if kind == "organisation" else ""
        titles = ("ARRAY(SELECT r.title FROM person_roles r WHERE r.article_id = x.article_id "
                  "AND r.person_id = x.person_id AND r.title IS NOT NULL)"
                  if kind == "person" else "'{}'::text[]")
        cur = conn.execute(f"""
            SELECT x.article_id, x.{fk}, x.name_in_article, x.mention_count, x.first_offset,
                   {acronym}, {media},
                   ARRAY(SELECT DISTINCT m.text FROM mentions m
                         WHERE m.article_id = x.article_id AND m.{fk} = x.{fk} ORDER BY 1),
                   {titles}
            FROM {table} x {join} ORDER BY x.article_id, x.first_offset, x.{fk}""")
        index = {}
        for aid, eid, name, count, first, acr, media_flag, forms, role_titles in cur:
            i = index[aid] = index.get(aid, -1) + 1
            if acr and entity_key("organisation", acr) not in {
                    entity_key("organisation", f) for f in forms}:
                acr = None
            rows.append(occurrence_row(aid, kind, i, eid, name, forms, acr, media_flag,
                                       count, first, role_titles))
    if rows:
        with conn.cursor().copy(f"COPY entity_occurrences ({', '.join(COLUMNS)}) "
                                f"FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)
        # Rows analysts may have seen: a later merge of one is recorded in entity_merges.
        conn.execute("UPDATE entity_occurrences SET resolved_by = 'stored before resolution'")
    return len(rows)
