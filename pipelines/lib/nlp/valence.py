"""Which way a word leans (+1, -1 or 0), for the stance model's polarity features.

The stance lexicon (seeds/stance_lexicon.csv) knows the words of taking sides ("oppose", "back", "slam"); the
VADER sentiment lexicon (Hutto & Gilbert 2014, MIT licence, ~7,500 words rated by people; read from the pinned
vaderSentiment package) knows the words of judging ("success", "proud", "disaster", "kill"). A word rated at least
1.0 either way (VADER's scale runs -4 to +4) leans that way; the stance lexicon wins where both know the word.

`composed` reads polarity down the dependency path from the governing word to the target, multiplying the leanings
and flipping at each negation: "pledged to veto any legislation that stops the agreement" is veto (-) of stopping (-)
the agreement, support (+); a sum would call it opposition twice over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

MIN_RATING = 1.0


@lru_cache(maxsize=1)
def sentiment_lexicon() -> dict[str, float]:
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    ratings = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            ratings[fields[0]] = float(fields[1])
    return ratings


def leaning(token: Token, stance_polarity: Callable[[Token], int]) -> int:
    """+1, -1 or 0: the stance lexicon's polarity of the word, else the sign of its sentiment rating when strong
    (the stronger of the word's and its lemma's: "stops" is rated -0.6, "stop" -1.2)."""
    polarity = stance_polarity(token)
    if polarity:
        return polarity
    ratings = sentiment_lexicon()
    rating = max(ratings.get(token.lower_, 0.0), ratings.get(token.lemma_.lower(), 0.0), key=abs)
    return (rating >= MIN_RATING) - (rating <= -MIN_RATING)


def composed(chain: Iterable[Token], stance_polarity: Callable[[Token], int]) -> int | None:
    """The product of the leanings along `chain` (the governing word and the words below it on the way to the
    target), each negation flipping it; None when no word on the chain leans or is negated."""
    return compose(
        (leaning(token, stance_polarity), any(child.dep_ == "neg" for child in token.children)) for token in chain
    )


def compose(steps: Iterable[tuple[int, bool]]) -> int | None:
    """`composed` from each word's (leaning, negated)."""
    sign, seen = 1, False
    for lean, negated in steps:
        if lean:
            sign *= lean
            seen = True
        if negated:
            sign = -sign
            seen = True
    return sign if seen else None
