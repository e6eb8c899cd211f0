"""Which models extract: the profile, and the extractor version it makes.

Two profiles: `fast` (the default) is spaCy's model under the rules; `accurate` adds a small
transformer tagger that decides, with spaCy's model, the people and organisation spans the
rules start from (etl.extract.entities.encoder), at about 1.7 times the extraction time. The
profile in use is part of the extractor version stored on every article, so `reprocess`
re-extracts what another profile made. `--model` (or $NEWSETL_MODEL) chooses it for the
process; forked workers inherit the choice, and a Dask task is given it. Part of the shared
base, beside EXTRACTOR_VERSION: the extraction reads it to load its models, the load stamps what
it made on each article. Light on purpose: the command line reads it before any model is
loaded.
"""
from __future__ import annotations

import os

from etl import EXTRACTOR_VERSION
from etl.errors import ConfigError

PROFILES = ("fast", "accurate")
PROFILE_ENV = "NEWSETL_MODEL"


_chosen: str | None = None


def current_profile() -> str:
    """The profile this process extracts with: the one chosen, else $NEWSETL_MODEL, else fast."""
    name = _chosen or os.environ.get(PROFILE_ENV) or "fast"
    if name not in PROFILES:
        raise ConfigError(f"{PROFILE_ENV}={name!r} is no model profile "
                          f"(one of: {', '.join(PROFILES)})")
    return name


def use_profile(name: str | None) -> None:
    """Extract with `name` from now on (None: as $NEWSETL_MODEL says), in this process and in
    the workers it forks."""
    global _chosen
    if name is not None and name not in PROFILES:
        raise ConfigError(f"{name!r} is no model profile (one of: {', '.join(PROFILES)})")
    _chosen = name


def extractor_version() -> str:
    """What is stored on every article: the rules' version, and the profile unless it is fast."""
    profile = current_profile()
    return EXTRACTOR_VERSION if profile == "fast" else f"{EXTRACTOR_VERSION}+{profile}"
