"""Names for generated articles: pools of people and organisations whose keys, surnames,
skeletons, initials and forms come from the same functions the loader uses
(etl.resolve.occurrences), so that the resolution step meets them as it meets real names.

Made-up words (syllables drawn from a seeded generator) play the surnames and the distinctive
words of organisation names: two made-up words are about as often alike as two real surnames,
so trigram similarity, skeletons and initials group them as they group real names.
"""
from __future__ import annotations

import random

import psycopg

from etl.resolve.occurrences import occurrence_row

_ONSETS = "b c d f g h k l m n p r s t v z br ch dr gr kr pl sh st tr".split()
_VOWELS = "a e i o u a e i o ai ei ou".split()
_CODAS = ["", "", "", "n", "r", "s", "l", "k"]
# Organisation names: one to five words, as many as in the Reuters development stories (29% one
# word, 38% two, 21% three, 12% more), made-up words mixed with the words news organisations
# are named with ("Kavoreti Holdings", "National Drelon Bank", "Tesami Motor Corporation").
_ORG_WORDS = ("Bank Group Corporation Ministry National International Council Union Party "
              "Energy Motor Airlines Petroleum Steel Chemical Securities Capital Holdings Trust "
              "Insurance Foods Mining Federal Reserve Commission Agency Institute University "
              "Association Exchange Board Trade Development Industries Oil Gas Power Electric "
              "Telecom Systems Financial Investment Partners Shipping Court Department").split()
_ORG_LENGTHS = (1,) * 29 + (2,) * 38 + (3,) * 21 + (4,) * 8 + (5,) * 4

_GIVEN = ("James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Susan "
          "Richard Jessica Joseph Sarah Thomas Karen Charles Lisa Daniel Nancy Mark Sandra "
          "Paul Ashley Steven Emily Andrew Donna Kenneth Michelle Peter Laura Anna Carlos "
          "Maria Ahmed Fatima Wei Mei Hiroshi Yuki Olga Ivan Pierre Marie Hans Greta Luis "
          "Ana Raj Priya Kwame Amara").split()

COLUMNS = ("kind", "pick", "short", "name", "key", "surname_key", "acronym", "forms",
           "form_keys", "given_key", "middle_key", "skeleton", "is_first_name", "initials")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                   for _ in range(rng.choice((2, 2, 3, 3, 4)))).capitalize()


def _row(kind: str, pick: int, short: bool, name: str, acronym: str | None = None,
         forms: tuple[str, ...] = ()) -> tuple:
    r = occurrence_row(0, kind, 0, 0, name, forms, acronym, False, 1, 0)
    (_, _, _, _, _, name, key, given, middle, surname, skeleton, first_name, initials, acronym,
     _, forms, form_keys, _, _) = r
    return (kind, pick, short, name, key, surname, acronym, forms, form_keys, given, middle,
            skeleton, first_name, initials)


def name_rows(size: int, seed: int = 16, shared_surnames: float = 0.13,
              acronyms: float = 0.13) -> list[tuple]:
    """Rows for `size` people and `size` organisations, numbered 0..size-1 (a smaller number
    is a more often named entity in the benchmark's draw). Each has its full form (short
    false) and a short form (short true): a person's surname alone; an organisation's acronym
    when it has one (`acronyms` of them do, written with the long name as "Long Name (LN)"),
    else the full form again. `shared_surnames` of the people share a surname with the person
    before them."""
    rng = random.Random(seed)
    rows: list[tuple] = []
    surname = ""
    for i in range(size):
        if not surname or rng.random() >= shared_surnames:
            surname = _word(rng)
        full = f"{rng.choice(_GIVEN)} {surname}"
        rows.append(_row("person", i, False, full))
        rows.append(_row("person", i, True, surname))
    for i in range(size):
        words = [_word(rng)] + [_word(rng) if rng.random() < 0.4 else rng.choice(_ORG_WORDS)
                                for _ in range(rng.choice(_ORG_LENGTHS) - 1)]
        if len(words) > 1 and rng.random() < 0.3:
            words.insert(0, words.pop())
        long_name = " ".join(words)
        initials = "".join(w[0] for w in long_name.split() if w[0].isupper())
        if len(initials) >= 2 and rng.random() < acronyms:
            rows.append(_row("organisation", i, False, long_name, acronym=initials))
            rows.append(_row("organisation", i, True, initials))
        else:
            rows.append(_row("organisation", i, False, long_name))
            rows.append(_row("organisation", i, True, long_name))
    return rows


def create_pool(conn: psycopg.Connection, size: int, **kw) -> None:
    """Table bench_names (UNLOGGED) in the benchmark's database, filled by name_rows()."""
    conn.execute("""
        CREATE UNLOGGED TABLE bench_names (
            kind text, pick int, short bool, name text, key text, surname_key text,
            acronym text, forms text[], form_keys text[], given_key text, middle_key text,
            skeleton text, is_first_name bool, initials text,
            PRIMARY KEY (kind, pick, short))""")
    with conn.cursor().copy(f"COPY bench_names ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for row in name_rows(size, **kw):
            copy.write_row(row)
