"""The dictionaries are data: CSV seeds in dbt_project/seeds/, read here by the extraction and by dbt.

- actors.csv          canonical actors with aliases (surface forms), type, country, office held and when
- topics.csv          stance targets that are not actors (agreements, alliances, policies)
- claim_cues.csv      reporting/cognition cue lemmas, whether they hedge, whether they dispute or confirm
- stance_lexicon.csv  support/opposition words with polarity and the frame that finds holder and target
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..settings import SEEDS_DIR

SEED_FILES = ("actors.csv", "topics.csv", "claim_cues.csv", "stance_lexicon.csv")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_NON_WORD = re.compile(r"[^\w\s&'-]")


@lru_cache(maxsize=1 << 16)
def alias_key(text: str) -> str:
    """The lookup key of a surface form: lower case, no leading 'the', no possessive, no dots, single spaces.

    "The U.S.'s" -> "us"; "Benny  Gantz" -> "benny gantz". dbt's int_ models compute the same key in SQL. Cached:
    an article looks up the same names hundreds of times (actor ids, surnames, stance targets).
    """
    key = (text or "").translate(_APOSTROPHES).lower().strip()
    key = key.replace(".", "")
    key = _NON_WORD.sub(" ", key)
    key = re.sub(r"'s?$|'s?(?=\s)", "", key.strip())
    key = re.sub(r"^the\s+", "", key.strip())
    return " ".join(key.split())


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    actor_type: str
    country_code: str | None
    aliases: tuple[str, ...]
    role: str | None = None
    office_from: date | None = None
    office_to: date | None = None

    def speaks_for_state_on(self, day: date | None) -> bool:
        """A sitting official (or a government body) speaks for their state; tenure dates decide when known."""
        if not self.role or not self.country_code or self.actor_type == "country":
            return False
        if self.role == "government body":  # a legislature debates the state's policy; it does not speak for it
            return not any(word in self.name.lower() for word in LEGISLATIVE)
        if day is None or self.office_from is None:
            return self.office_to is None
        return self.office_from <= day and (self.office_to is None or day <= self.office_to)


LEGISLATIVE = (
    "congress",
    "senate",
    "house of representatives",
    "parliament",
    "knesset",
    "majlis",
    "committee",
    "assembly",
    "caucus",
    "house foreign affairs",
    "house intelligence",
    "house armed services",
)


@dataclass(frozen=True)
class Topic:
    topic_id: str
    name: str
    aliases: tuple[str, ...]
    topic_type: str | None = None


@dataclass(frozen=True)
class ClaimCue:
    lemma: str
    kind: str  # cue | content_marker
    is_hedged: bool
    relation: str | None  # disputes | confirms | None


@dataclass(frozen=True)
class StanceTerm:
    term: str
    pos: str
    polarity: int
    frame: str


@dataclass
class Dictionaries:
    actors: dict[str, Actor]
    topics: dict[str, Topic]
    cues: dict[str, ClaimCue]
    content_markers: dict[str, ClaimCue]
    stance_terms: dict[tuple[str, str], StanceTerm]
    version: str
    actor_by_key: dict[str, str] = field(default_factory=dict)
    topic_by_key: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        for actor in self.actors.values():
            for surface in (actor.name, *actor.aliases):
                self.actor_by_key.setdefault(alias_key(surface), actor.actor_id)
        for topic in self.topics.values():
            for surface in (topic.name, *topic.aliases):
                self.topic_by_key.setdefault(alias_key(surface), topic.topic_id)

    def resolve_actor(self, text: str) -> Actor | None:
        actor_id = self.actor_by_key.get(alias_key(text))
        return self.actors.get(actor_id) if actor_id else None

    def resolve_topic(self, text: str) -> Topic | None:
        topic_id = self.topic_by_key.get(alias_key(text))
        return self.topics.get(topic_id) if topic_id else None

    def official(self, country_code: str, role: str, day: date | None) -> Actor | None:
        """The dictionary person holding `role` ("prime minister") for a country on a day (or, undated, the only
        holder, or the one with an open-ended term)."""
        if not hasattr(self, "_officials"):
            self._officials: dict[tuple[str, str], list[Actor]] = {}
            for actor in self.actors.values():
                if actor.actor_type == "person" and actor.role and actor.country_code:
                    self._officials.setdefault((actor.country_code, actor.role.lower()), []).append(actor)
        holders = self._officials.get((country_code, role.lower()), [])
        if day is not None:
            holders = [
                a
                for a in holders
                if a.office_from and a.office_from <= day and (a.office_to is None or day <= a.office_to)
            ]
        elif len(holders) > 1:
            holders = [a for a in holders if a.office_to is None]
        return holders[0] if len(holders) == 1 else None

    def stance_term(self, term: str, pos: str) -> StanceTerm | None:
        return self.stance_terms.get((term.lower(), pos))


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (value or "").split("|") if a.strip())


def _date(value: str | None) -> date | None:
    value = (value or "").strip()
    return date.fromisoformat(value) if value else None


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise FileNotFoundError(f"dictionary seed {path} is missing")
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load(seeds_dir: Path = SEEDS_DIR) -> Dictionaries:
    seeds_dir = Path(seeds_dir)
    digest = hashlib.sha256()
    for name in SEED_FILES:
        digest.update((seeds_dir / name).read_bytes() if (seeds_dir / name).exists() else b"")
    actors = {
        r["actor_id"]: Actor(
            r["actor_id"],
            r["name"],
            r["actor_type"],
            (r.get("country_code") or None),
            _split(r.get("aliases")),
            (r.get("role") or None),
            _date(r.get("office_from")),
            _date(r.get("office_to")),
        )
        for r in _rows(seeds_dir / "actors.csv")
    }
    topics = {
        r["topic_id"]: Topic(r["topic_id"], r["name"], _split(r.get("aliases")), r.get("topic_type") or None)
        for r in _rows(seeds_dir / "topics.csv")
    }
    cues, markers = {}, {}
    for r in _rows(seeds_dir / "claim_cues.csv"):
        cue = ClaimCue(r["lemma"], r["kind"], r["is_hedged"].strip().lower() == "true", r.get("relation") or None)
        (cues if cue.kind == "cue" else markers)[cue.lemma] = cue
    terms = {
        (r["term"].lower(), r["pos"]): StanceTerm(r["term"].lower(), r["pos"], int(r["polarity"]), r["frame"])
        for r in _rows(seeds_dir / "stance_lexicon.csv")
    }
    return Dictionaries(actors, topics, cues, markers, terms, digest.hexdigest()[:12])


@lru_cache(maxsize=4)
def load_cached(seeds_dir: str = str(SEEDS_DIR)) -> Dictionaries:
    return load(Path(seeds_dir))
