"""Ablation of the word lists: each list emptied in turn (its comment header kept), the shared
scorers run on an inspect half, the list restored. Prints one line per list. Nothing here is a
test; see docs/evaluation.md, "Ablation".

    python scripts/ablate_lexicons.py --shared ../shared [--lists countries places ...]

Runs `newsetl extract` from this checkout's virtual environment; the list files are edited in
place and always restored, so do not run a load beside it.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "etl" / "lexicons"
LISTS = ("countries", "places", "nationalities", "given_names", "titles", "media", "parties",
         "org_words", "event_words", "not_orgs", "us_state_codes")
CMD = f"{ROOT / '.venv' / 'bin' / 'newsetl'} extract"


def _key(line: str) -> dict[str, str]:
    return dict(kv.split("=", 1) for kv in line.split()[2:] if "=" in kv)


def _score(shared: Path) -> str:
    out = []
    for script, extra, fields in (
            ("ner_conll.py", ["--split", "valid"], ("PER_F1", "ORG_F1")),
            ("entities_reuters.py", ["--split", "dev", "--limit", "150"],
             ("people_R", "orgs_R", "people_per_art", "orgs_per_art"))):
        run = subprocess.run([sys.executable, str(shared / "eval" / script), *extra,
                              "--half", "inspect", "--cmd", CMD],
                             capture_output=True, text=True, cwd=ROOT, check=True)
        key = _key(next(l for l in run.stdout.splitlines() if l.startswith("KEY ")))
        out += [key[f] for f in fields]
    return " ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--lists", nargs="+", default=list(LISTS))
    args = ap.parse_args()
    print("list emptied | CoNLL PER F1, ORG F1 | Reuters PEOPLE R, ORGS R, people, orgs / story")
    print("none", _score(args.shared), flush=True)
    for name in args.lists:
        path = LEXICONS / f"entities_{name}.txt"
        original = path.read_text(encoding="utf-8")
        header = "".join(l for l in original.splitlines(keepends=True) if re.match(r"\s*#", l))
        try:
            path.write_text(header, encoding="utf-8")
            print(name, _score(args.shared), flush=True)
        finally:
            path.write_text(original, encoding="utf-8")


if __name__ == "__main__":
    main()
