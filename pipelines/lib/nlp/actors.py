"""Actor mentions: dictionary matches (aliases, demonyms, capitals) plus spaCy NER persons and organisations,
resolved across the article ("Benny Gantz" ... "Gantz" -> one person)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..dictionaries import Actor, Dictionaries, alias_key

TITLES = {
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "foreign",
    "defense",
    "defence",
    "king",
    "queen",
    "prince",
    "crown",
    "sheikh",
    "sheik",
    "emir",
    "sultan",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "general",
    "lt",
    "col",
    "adm",
    "admiral",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chancellor",
    "chairman",
    "leader",
    "supreme",
    "commander",
    "chief",
    "director",
    "former",
    "late",
    "then",
    "deputy",
    "speaker",
    "mayor",
    "judge",
    "justice",
    "pope",
    "ayatollah",
    "imam",
    "rabbi",
    "sir",
    "lord",
    "lady",
    "premier",
    "state",
    "u.s.",
    "us",
    "israeli",
    "iranian",
    "saudi",
    "egyptian",
}
_SLUG = re.compile(r"[^a-z0-9]+")
NER_ACTOR_LABELS = {"PERSON": "person", "ORG": "organization"}
_REJECT_NER = re.compile(r"\d|https?:|www\.|@|\|")
# the Arabic article written lower-case before a capitalised name: "al-Jazeera", "al-Assad", "el-Sisi"
_ARABIC_ARTICLE = re.compile(r"^(al|el)[- ][A-Z]")


def slug(text: str) -> str:
    return _SLUG.sub("-", alias_key(text)).strip("-")


@dataclass
class Mention:
    start: int  # offsets into the article text
    end: int
    text: str
    sentence_index: int
    token_start: int  # token offsets in the paragraph Doc, to link mentions to the parse
    token_end: int
    paragraph: int
    ner_label: str | None
    actor: Actor | None
    canonical: str
    kind: str  # country | person | organization | group
    honorific: str | None = None  # "mr", "ms", "mrs", "miss": the title written before the name

    @property
    def actor_id(self) -> str:
        return self.actor.actor_id if self.actor else slug(self.canonical)

    @property
    def actor_name(self) -> str:
        return self.actor.name if self.actor else self.canonical

    @property
    def actor_type(self) -> str:
        return self.actor.actor_type if self.actor else self.kind

    def covers(self, token_i: int) -> bool:
        return self.token_start <= token_i < self.token_end


class ActorFinder:
    """Finds actor mentions in parsed paragraphs. Build once per model and dictionary."""

    def __init__(self, nlp: Language, dicts: Dictionaries):
        self.dicts = dicts
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact, folded = [], []
        self.lowercase_forms = set()  # "al-Qaeda", "bin Laden": aliases that are written lower-case first
        for actor in dicts.actors.values():
            for surface in {actor.name, *actor.aliases}:
                (exact if _case_sensitive(surface) else folded).append(surface)
                if surface[:1].islower():
                    self.lowercase_forms.add(surface)
        self.exact.add("ACTOR", [nlp.make_doc(s) for s in sorted(set(exact))])
        self.folded.add("ACTOR", [nlp.make_doc(s) for s in sorted(set(folded))])

    def find(self, doc: Doc, paragraph: int, offset: int, first_sentence: int) -> list[Mention]:
        """Mentions in one paragraph Doc; `offset` is the paragraph's start in the article text."""
        sentence_of = _sentence_index(doc, first_sentence)
        candidates: list[tuple[Span, Actor | None, str | None]] = []
        for _, start, end in list(self.exact(doc)) + list(self.folded(doc)):
            span = doc[start:end]
            if (
                span.text[:1].islower()
                and span.text not in self.lowercase_forms
                and not _ARABIC_ARTICLE.match(span.text)
            ):
                continue  # "us" the pronoun, "arab" in running text: aliases are proper nouns
            actor = self.dicts.resolve_actor(span.text)
            if actor:
                candidates.append((span, actor, None))
        dict_spans = filter_spans([c[0] for c in candidates])
        kept = {(s.start, s.end) for s in dict_spans}
        by_span = {(s.start, s.end): (a, lab) for s, a, lab in candidates}
        mentions = [
            self._mention(doc, s, by_span[(s.start, s.end)][0], None, paragraph, offset, sentence_of)
            for s in dict_spans
        ]
        for ent in doc.ents:
            if ent.label_ not in NER_ACTOR_LABELS:
                continue
            span = _trim(ent)
            if span is None or (span.start, span.end) in kept:
                continue
            if any(s.start <= span.start and span.end <= s.end for s in dict_spans):
                continue  # already inside a dictionary match
            if self.dicts.resolve_topic(span.text):
                continue
            actor = self.dicts.resolve_actor(span.text)
            mentions.append(self._mention(doc, span, actor, ent.label_, paragraph, offset, sentence_of))
        mentions = [m for m in mentions if not _surname_inside_a_name(m, mentions)]
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _mention(self, doc, span: Span, actor, label, paragraph, offset, sentence_of) -> Mention:
        kind = actor.actor_type if actor else NER_ACTOR_LABELS.get(label or "", "organization")
        if kind == "organization" and actor is None and _described_as_a_person(span):
            kind = "person"  # "Dakota Wood, a defense expert at the Heritage Foundation": spaCy said ORG
        return Mention(
            start=offset + span.start_char,
            end=offset + span.end_char,
            text=span.text,
            sentence_index=sentence_of[span.start],
            token_start=span.start,
            token_end=span.end,
            paragraph=paragraph,
            ner_label=label,
            actor=actor,
            canonical=span.text,
            kind=kind,
            honorific=_honorific(doc, span),
        )


def _surname_inside_a_name(m: Mention, mentions: list[Mention]) -> bool:
    """A dictionary person's bare surname that ends a name of two or three words spaCy found ("McCain" in "Kenyata
    McCain"): the longer name is the mention, whoever it turns out to be."""
    return (
        m.ner_label is None
        and m.token_end - m.token_start == 1
        and m.actor is not None
        and m.actor.actor_type == "person"
        and any(
            o.ner_label == "PERSON" and o.token_start < m.token_start and m.token_end == o.token_end
            for o in mentions
            if o.token_end - o.token_start <= 3
        )
    )


# what an apposition calls a person ("Dakota Wood, a defense expert"; "Tyrone Woods, a former Navy SEAL")
PERSON_DESCRIPTIONS = {
    "expert",
    "analyst",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "professor",
    "fellow",
    "researcher",
    "scholar",
    "journalist",
    "reporter",
    "correspondent",
    "columnist",
    "editor",
    "writer",
    "author",
    "host",
    "anchor",
    "lawyer",
    "attorney",
    "activist",
    "commander",
    "founder",
    "chairman",
    "chairwoman",
    "adviser",
    "advisor",
    "aide",
    "seal",
    "veteran",
    "soldier",
    "diplomat",
    "senator",
    "congressman",
    "congresswoman",
    "lawmaker",
    "director",
    "president",
    "minister",
    "ambassador",
    "man",
    "woman",
    "son",
    "daughter",
    "brother",
    "sister",
    "father",
    "mother",
    "wife",
    "husband",
}


def _described_as_a_person(span: Span) -> bool:
    """A name of two or three words that starts with a known first name and that an apposition calls a person
    ("Dakota Wood, a defense expert at the Heritage Foundation"), whatever label spaCy gave it."""
    words = span.text.split()
    if not 2 <= len(words) <= 3 or words[0].lower() not in first_name_genders():
        return False
    root = span.root
    appositions = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    return any(a.lemma_.lower() in PERSON_DESCRIPTIONS and a.tag_ == "NN" for a in appositions)


def _honorific(doc: Doc, span: Span) -> str | None:
    """'mr' for "Mr. Pompeo", 'ms' for "Ms. Haley": the title before a name (inside or just outside the span)."""
    for tok in (doc[span.start - 1] if span.start > 0 else None, doc[span.start]):
        word = tok.lower_.strip(".") if tok is not None else ""
        if word in HONORIFICS:
            return word
    return None


HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_FIRST_NAMES = Path(__file__).resolve().parents[3] / "data" / "names" / "first_names.csv"
_PEOPLE = Path(__file__).resolve().parents[3] / "data" / "names" / "people.csv"


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First names that are only men's ('m') or only women's ('f'): data/names/first_names.csv (README there)."""
    with _FIRST_NAMES.open(encoding="utf-8") as f:
        return {row["first_name"]: row["gender"] for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def dictionary_genders() -> dict[str, str]:
    """The gender of each person of the actor dictionary, by actor_id: data/names/people.csv (README there)."""
    with _PEOPLE.open(encoding="utf-8") as f:
        return {row["actor_id"]: row["gender"] for row in csv.DictReader(f)}


def titled_gender(mention: Mention, mentions: list[Mention]) -> str | None:
    """'m' or 'f' when the article writes a title before any mention of the person ("Mr. Brody"), else None."""
    for m in mentions:
        if m.honorific and m.actor_id == mention.actor_id:
            return HONORIFICS[m.honorific]
    return None


def gender(mention: Mention, mentions: list[Mention]) -> str | None:
    """'m', 'f' or None for a person: the actor dictionary's, else a title the article writes before any mention of
    them ("Mr.", "Ms."), else their first name when it is only a man's or only a woman's."""
    if mention.actor_type != "person":
        return None
    known = dictionary_genders().get(mention.actor_id)
    if known is not None:
        return known
    titled = titled_gender(mention, mentions)
    if titled is not None:
        return titled
    words = [w for w in alias_key(mention.canonical).split(" ") if w not in TITLES]
    return first_name_genders().get(words[0]) if len(words) >= 2 else None


def resolve_people(mentions: list[Mention], dicts: Dictionaries) -> None:
    """Within one article, a short person name takes the longest full name that ends with it (or, for a lone
    first name, the one full name that starts with it); then the dictionary is consulted again with that full
    name."""
    full_names: dict[str, str] = {}
    first_names: dict[str, set[str]] = {}  # "Michele" -> {"Michele Kelemen"}: how NPR names its reporters
    as_written: dict[str, str] = {}
    for m in mentions:
        if m.kind == "person":
            words = alias_key(m.text).split(" ")
            if len(m.text) > len(full_names.get(words[-1], "")) and not _patronymic(words):
                full_names[words[-1]] = m.text
            if len(words) >= 2:
                first_names.setdefault(words[0], set()).add(alias_key(m.text))
                as_written[alias_key(m.text)] = m.text
    for m in mentions:
        if m.kind != "person":
            continue
        words = alias_key(m.text).split(" ")
        last = words[-1]
        full = full_names.get(last, m.text)
        # a full name keeps its own person when the dictionary knows it as another ("Bill Clinton" is not Hillary
        # Clinton), else when its first name is another's ("Paula Kassig" is not Peter Kassig); spellings and
        # short forms of one name stay one person ("Chris Stevens", "Sergei Lavrov")
        m.canonical = full
        if len(words) >= 2 and full != m.text and alias_key(full).split(" ")[-len(words) :] != words:
            own, longer = dicts.resolve_actor(m.text), dicts.resolve_actor(full)
            if own is not None and longer is not None:
                another = own.actor_id != longer.actor_id
            else:
                another = _another_first_name(words, alias_key(full).split(" "))
            if another:
                m.canonical = m.text
        if m.canonical == m.text and len(words) == 1 and len(first_names.get(last, ())) == 1:
            full = next(iter(first_names[last]))  # "Prince Mohammed" after "Mohammed bin Salman"
            last_of_full = full.split(" ")[-1]
            m.canonical = as_written[full] if _patronymic(full.split(" ")) else full_names.get(last_of_full, m.text)
        if m.actor is None:
            m.actor = (
                dicts.resolve_actor(m.canonical)
                or dicts.resolve_actor(m.text)
                or dicts.resolve_actor(_without_middle_initials(m.canonical))
            )
        elif m.actor.actor_type == "person" and m.canonical != m.text:
            m.actor = dicts.resolve_actor(m.canonical) or m.actor


def _another_first_name(words: list[str], full: list[str]) -> bool:
    """Two names of one surname whose first names are another person's: of different genders ("Paula Kassig",
    "Peter Kassig") or unlike in spelling ("Kenyata McCain", "Douglas McCain"); not a short form or another
    spelling ("Chris" and "Christopher", "Mohammed" and "Mohamed")."""
    first = [w for w in words if w not in TITLES][:1]
    other = [w for w in full if w not in TITLES][:1]
    if not first or not other or first == other:
        return False
    a, b = first[0], other[0]
    if len(a) < 3 or len(b) < 3 or a.startswith(b) or b.startswith(a):
        return False  # an initial, or a short form
    genders = first_name_genders()
    if genders.get(a) and genders.get(b) and genders[a] != genders[b]:
        return True
    return SequenceMatcher(None, a, b).ratio() < 0.5


# what an organisation's full name may add after the short name it goes by ("Harvard" for Harvard University)
ORGANIZATION_HEADS = {
    "university",
    "college",
    "institute",
    "institution",
    "foundation",
    "corporation",
    "corp",
    "company",
    "inc",
    "agency",
    "organization",
    "organisation",
    "association",
    "society",
}


# the prepositions after an organisation's head noun in its full name ("Syrian Observatory for Human Rights",
# "Council on Foreign Relations"): the head alone is what the article calls it next ("the Observatory")
NAME_PREPOSITIONS = {"for", "of", "on"}


def resolve_short_names(mentions: list[Mention], dicts: Dictionaries) -> None:
    """Within one article, an organisation spaCy alone found under a short name takes the longer organisation name
    of the article it shortens: its last words ("the Post" after "The Washington Post", "the Times", "the
    Crimson"), its first words before a generic head ("Harvard" after "Harvard University"), or its head noun
    before a preposition ("the Observatory" after "the Syrian Observatory for Human Rights", which spaCy may call a
    person). Of two candidates the one the article names more than twice as often ("the Navy" after three "U.S.
    Navy" and one "Iranian Islamic Revolutionary Guard Navy"); else ("the Post" with both the Washington Post and
    the New York Post once each) it is left as it is."""
    full: dict[str, tuple[str, Actor | None]] = {}
    named: dict[str, int] = {}  # how often the article names each candidate, by actor (or name)
    for m in mentions:
        for name in (m.canonical, m.actor_name):
            words = alias_key(name).split(" ")
            if m.kind == "organization" and len(words) >= 2:
                full.setdefault(alias_key(name), (name, m.actor))
        if m.kind == "organization" and len(alias_key(m.canonical).split(" ")) >= 2:
            key = m.actor.actor_id if m.actor else alias_key(m.canonical)
            named[key] = named.get(key, 0) + 1
    for m in mentions:
        if m.actor is not None:
            continue
        short = alias_key(m.canonical).split(" ")
        if m.kind != "organization" and not (m.kind == "person" and len(short) == 1 and m.honorific is None):
            continue
        found = {key: value for key, value in full.items() if _shortens(short, key.split(" "), m.kind)}
        by_actor: dict[str, tuple[str, Actor | None]] = {}
        for key, (name, actor) in found.items():
            by_actor.setdefault(actor.actor_id if actor else key, (name, actor))
        if not by_actor:
            continue
        ranked = sorted(by_actor, key=lambda k: -named.get(k, 0))
        if len(ranked) > 1 and named.get(ranked[0], 0) <= 2 * named.get(ranked[1], 0):
            continue
        name, actor = by_actor[ranked[0]]
        m.canonical = actor.name if actor else name
        m.actor = actor or dicts.resolve_actor(name)
        m.kind = "organization"


def _shortens(short: list[str], full: list[str], kind: str) -> bool:
    """Whether an organisation's full name (words) may be written as `short`: its last words or its first words
    before a generic head, for a name spaCy called an organisation; its head noun, for one word of any kind."""
    if len(full) <= len(short):
        return False
    if len(short) == 1 and _head_noun(full) == short[0]:
        return True
    return kind == "organization" and (
        full[-len(short) :] == short or (full[: len(short)] == short and set(full[len(short) :]) <= ORGANIZATION_HEADS)
    )


def _head_noun(words: list[str]) -> str | None:
    """ "syrian observatory for human rights" -> "observatory": the word before the name's first preposition."""
    at = next((i for i, w in enumerate(words) if w in NAME_PREPOSITIONS), 0)
    return words[at - 1] if at >= 1 else None


def _patronymic(words: list[str]) -> bool:
    """ "Hussein bin Abdullah", "Mohammed bin Salman": the last name is the father's, who is someone else ("King
    Abdullah", "King Salman"), not a surname the son goes by."""
    return len(words) >= 3 and words[-2] in {"bin", "ibn", "bint"}


def _without_middle_initials(name: str) -> str:
    """ "Nikki R. Haley" -> "Nikki Haley", "John R. Bolton" -> "John Bolton": how the dictionary names them."""
    words = name.split()
    if len(words) < 3:
        return name
    return " ".join([words[0], *(w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)), words[-1]])


def _case_sensitive(surface: str) -> bool:
    """Short all-capital aliases (US, UK, IS, AP) and dotted ones (U.S.) only match as written."""
    letters = re.sub(r"[^A-Za-z]", "", surface)
    return (letters.isupper() and len(letters) <= 5) or "." in surface


def _trim(ent: Span) -> Span | None:
    """Drop leading determiners and titles ("the", "President"), possessives; reject noisy entities."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"} or (ent.label_ == "PERSON" and doc[start].lower_.strip(".") in TITLES)
    ):
        start += 1
    while end > start and doc[end - 1].text in {"'s", "\u2019s", "'", "\u2019", "-", ","}:
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    text = span.text
    if len(span) > 6 or _REJECT_NER.search(text) or not text[:1].isupper() or len(text) < 2:
        return None
    return span


def _sentence_index(doc: Doc, first_sentence: int) -> list[int]:
    index = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        for tok in sent:
            index[tok.i] = first_sentence + i
    return index


NOT_ACTORS = {"gmt", "est", "pst", "utc", "ceo", "tv", "twitter", "facebook", "instagram", "youtube", "google"}


def drop_unreliable(mentions: list[Mention]) -> set[int]:
    """ids of the mentions worth keeping. Dictionary matches always stay; a name spaCy alone found stays when it
    looks like a name: a person with a full name (or a surname whose full name the article gives, or after Mr.,
    Ms. or Mrs.), an organisation of two words or more, or an acronym."""
    kept = set()
    for m in mentions:
        if m.actor is not None:
            kept.add(id(m))
            continue
        words = m.canonical.split()
        if alias_key(m.canonical) in NOT_ACTORS:
            continue
        if m.kind == "person" and (len(words) >= 2 or m.honorific):  # "Mr. Moussaoui" is a person
            kept.add(id(m))
        elif m.kind == "organization" and (len(words) >= 2 or (m.text.isupper() and len(m.text) >= 3)):
            kept.add(id(m))
    return kept


def surname_mentions(
    doc: Doc, mentions: list[Mention], people: list[Mention], paragraph: int, offset: int, first_sentence: int
) -> list[Mention]:
    """The paragraph's mentions with a person's bare surname added where spaCy missed it ("But Rogers disagreed."
    after "Rep. Mike Rogers") or took it for a one-word organisation ("Wood said" after "Dakota Wood"): the
    article's people known by a full name, when no two of them share the surname."""
    by_surname: dict[str, Mention | None] = {}
    for m in people:
        words = m.canonical.split()
        if m.kind == "person" and len(words) >= 2 and not _patronymic(alias_key(m.canonical).split(" ")):
            known = by_surname.get(words[-1], m)
            by_surname[words[-1]] = m if known is None or known.actor_id == m.actor_id else None
    if not any(by_surname.values()):
        return mentions
    sentence_of: list[int] = []  # read only when a surname is found
    out = list(mentions)
    covered = {i for m in out for i in range(m.token_start, m.token_end)}
    for tok in doc:
        person = by_surname.get(tok.text)
        if person is None or tok.i in covered or tok.pos_ != "PROPN":
            continue
        if tok.dep_ == "compound" or (
            tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].lower_.strip(".") not in TITLES
        ):
            continue  # part of another name ("Wood Street", "Jim Rogers")
        sentence_of = sentence_of or _sentence_index(doc, first_sentence)
        found = Mention(
            start=offset + tok.idx,
            end=offset + tok.idx + len(tok.text),
            text=tok.text,
            sentence_index=sentence_of[tok.i],
            token_start=tok.i,
            token_end=tok.i + 1,
            paragraph=paragraph,
            ner_label=None,
            actor=person.actor,
            canonical=person.canonical,
            kind="person",
            honorific=_honorific(doc, doc[tok.i : tok.i + 1]),
        )
        out.append(found)
    out.sort(key=lambda m: m.start)
    return out
