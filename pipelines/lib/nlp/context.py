"""What the claim and stance rules need to know about a paragraph: its parse, the actor mentions and topic
mentions in it, and the article-level memory used to resolve pronouns and generic references."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..dictionaries import Dictionaries, Topic
from .actors import Mention

PERSON_PRONOUNS = {"he", "she", "him", "her"}
# the state's opponents: "the Iranian opposition report" is not Iran's
OPPOSITION = {"opposition", "dissident", "exile", "exiled"}
# a phrase headed by these words names nobody even when a country modifies it ("a senior U.S. official")
UNNAMED_HEADS = {
    "official",
    "source",
    "diplomat",
    "aide",
    "attache",
    "attaché",
    "analyst",
    "expert",
    "observer",
    "insider",
    "person",
    "people",
    "critic",
    "witness",
    "resident",
    "activist",
    # "Iran's state-run media", "Iranian state television": outlets, not the state
    "media",
    "television",
    "tv",
    "press",
    "outlet",
}
# what speaks for the person who owns it without being a person: "Mr. Netanyahu's camp", "Trump's administration"
OWNED_VOICES = {"camp", "administration", "government", "office", "campaign", "team", "circle"}
# nouns for people or bodies that are not the state even when a demonym modifies them ("American Jewish
# organizations", "one Israeli man"): neither stance holders nor claim speakers for the state
NON_STATE_HEADS = {
    "organization",
    "organisation",
    "group",
    "people",
    "person",
    "citizen",
    "resident",
    "civilian",
    "community",
    "company",
    "firm",
    "business",
    "businessman",
    "union",  # "many American labor unions argue"
    "university",
    "school",
    "student",
    "institute",
    "lobby",
    "activist",
    "analyst",
    "expert",
    "scholar",
    "journalist",
    "reporter",
    "writer",
    "author",
    "voter",
    "public",
    "population",
    "jew",
    "muslim",
    "christian",
    "worker",
    "family",
    "youth",
    "woman",
    "man",
    "child",
    "protester",
    "demonstrator",
    "diaspora",
    "exile",
    "dissident",
    "settler",
    "refugee",
    "immigrant",
    "investor",
    "fan",
    "user",
    # people named for their view of the state ("Iran hawks argue", "Israel's critics"), not the state
    "hawk",
    "dove",
    "critic",
    "supporter",
    "backer",
    "opponent",
    "proponent",
    "advocate",
    "skeptic",
    "sceptic",
    "watcher",
}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
# what a head of state's name before it makes the state ("Assad's regime", "Trump's administration")
RULED_BODIES = {"regime", "government", "administration"}
HEADS_OF_STATE = {"president", "prime minister", "king", "emir", "supreme leader", "sultan", "crown prince"}
# "the president", "the secretary": a definite description that means a person (Paragraph.described_as)
PERSON_ROLE_WORDS = {
    "president",
    "secretary",
    "minister",
    "premier",
    "king",
    "emir",
    "prince",
    "senator",
    "congressman",
    "congresswoman",
    "lawmaker",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chancellor",
    "ambassador",
    "envoy",
    "general",
    "commander",
    "leader",
    "chairman",
    "speaker",
    "governor",
    "mayor",
    "ayatollah",
    "cleric",
    "candidate",
    "nominee",
}
# "the group", "the militants": the latest armed or political group the article names
GROUP_WORDS = {
    "group",
    "militant",
    "militia",
    "organization",
    "organisation",
    "movement",
    "insurgent",
    "jihadist",
    "extremist",
    "faction",
    "outfit",
    "network",
}
LOOSE_MODIFIERS = {"former", "then", "new", "senior", "top", "current", "same", "latter", "former's", "whole"}
# words that make another office of the same head: a vice president is not "the president"
LOWER_OFFICES = {"vice", "deputy", "assistant", "associate", "under"}
GENERIC_TOPIC_NOUNS = {
    "plan",
    "idea",
    "deal",
    "pact",
    "agreement",
    "alliance",
    "proposal",
    "accord",
    "treaty",
    "framework",
    "initiative",
    "scheme",
    "project",
    "effort",
    "policy",
    "coalition",
}


class TopicFinder:
    def __init__(self, nlp: Language, dicts: Dictionaries):
        self.dicts = dicts
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        surfaces = {s for t in dicts.topics.values() for s in (t.name, *t.aliases)}
        self.matcher.add("TOPIC", [nlp.make_doc(s) for s in sorted(surfaces)])

    def find(self, doc: Doc) -> list[tuple[Span, Topic]]:
        spans = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        found = []
        for span in spans:
            topic = self.dicts.resolve_topic(span.text)
            if topic:
                found.append((span, topic))
        return found


@dataclass
class ArticleMemory:
    """Carried from sentence to sentence through one article."""

    published_at: object = None
    mentions: list = field(default_factory=list)  # every actor mention of the article
    dicts: object = None
    last_person: Mention | None = None
    last_subject_person: Mention | None = None
    last_main_subject_person: Mention | None = None
    last_speaker_person: Mention | None = None  # the person of the latest claim with a person speaker
    last_speaker_at: int = -1  # article offset of the sentence of that claim
    # every actor mention seen so far, latest last, with the words that describe it ("Defense Secretary",
    # "the base commander"): definite descriptions ("the secretary", "the Observatory") resolve against them
    described: list = field(default_factory=list)
    topic_mentions: dict[str, int] = field(default_factory=dict)  # topic_id -> mentions so far
    # the non-person actors that are the subject of each sentence (sentence index -> mentions): what "they" and
    # "the group" continue in the next sentence (stance candidates only: pronoun_antecedent, described_as)
    subjects: dict[int, list] = field(default_factory=dict)
    topics_seen: dict[str, Topic] = field(default_factory=dict)
    # the documents named so far, latest last, with who made them when the text says ("a United Nations report",
    # "a statement from the OU"; None when it does not): what "the report said" later refers to (claims only)
    documents: list = field(default_factory=list)  # (lemma, Mention | None)

    def salient_topic(self) -> Topic | None:
        """The topic a generic reference ("the plan", "the deal") most likely means: the most mentioned topic so
        far in the article, the latest one on a tie."""
        if not self.topic_mentions:
            return None
        best = max(self.topic_mentions.values())
        for topic_id in reversed(list(self.topic_mentions)):
            if self.topic_mentions[topic_id] == best:
                return self.topics_seen[topic_id]
        return None

    claims: list[dict] = field(default_factory=list)
    stances: list[dict] = field(default_factory=list)
    # a speaker who introduced a quote with a colon ("Emily says:"; "The White House issued this description:"): the
    # claim-like record a quote opening the next paragraph continues
    introduced: dict | None = None
    # the latest quote segment with a cue, also when it asserts nothing (a question): what the next segment continues
    attributed: dict | None = None


@dataclass
class Paragraph:
    doc: Doc
    index: int
    offset: int
    first_sentence: int
    mentions: list[Mention]
    topics: list[tuple[Span, Topic]]
    memory: ArticleMemory
    sents: list[Span] = field(default_factory=list)  # the doc's sentences, computed once (doc.sents walks the doc)
    spare: list[Mention] = field(default_factory=list)  # names dropped as unreliable, kept for claim speakers

    def __post_init__(self):
        self.text = self.doc.text  # spaCy joins the tokens again on every Doc.text: once per paragraph here
        self.sents = self.sents or list(self.doc.sents)
        self._sentence_of_start = {s.start: i for i, s in enumerate(self.sents)}

    def sentence_index(self, sent: Span) -> int:
        return self.first_sentence + self._sentence_of_start.get(sent.start, 0)

    def sentence_position(self, sent: Span) -> int:
        """Position of `sent` among this paragraph's sentences."""
        return self._sentence_of_start[sent.start]

    def char(self, token_or_offset) -> int:
        return self.offset + (token_or_offset.idx if isinstance(token_or_offset, Token) else token_or_offset)

    def mention_at(self, token: Token) -> Mention | None:
        for m in self.mentions:
            if m.covers(token.i):
                return m
        return None

    def promote_speaker(self, head: Token) -> Mention | None:
        """A name dropped as unreliable ("Microsoft" alone) that is the speaker of a claim: an actor after all."""
        for m in self.spare:
            if m.covers(head.i) and m.actor_type in {"organization", "person"}:
                self.spare.remove(m)
                self.mentions.append(m)
                self.memory.mentions.append(m)
                return m
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.token_start and m.token_end <= end]

    def actor_of(self, head: Token) -> Mention | None:
        """The actor a noun phrase headed by `head` refers to: the mention on the head, else a mention among its
        modifiers ("the Reuters report", "Iranian officials"), else the referent of a pronoun."""
        if head.lower_ in PERSON_PRONOUNS:
            return self.memory.last_subject_person or self.memory.last_person
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            return self.actor_of(head.head.head)
        found = self.mention_at(head)
        if found:
            return found
        if head.pos_ == "PROPN":
            found = self._person_by_surname(head.text) or self._organization_by_short_name(head)
            if found:
                return found
        official = self._official(head)
        if official:
            return official
        if head.lemma_.lower() in UNNAMED_HEADS or head.lower_ in UNNAMED_HEADS:  # "media" (lemma "medium")
            return None
        against_state = any(c.lemma_.lower() in OPPOSITION for c in head.children)
        for child in head.children:
            if child.dep_ in {"compound", "amod", "poss", "nmod", "npadvmod"}:
                found = self.mention_at(child) or (self.actor_of(child) if child.dep_ == "poss" else None)
                if found and not (against_state and found.actor_type == "country"):
                    return found
        return None

    def _person_by_surname(self, text: str) -> Mention | None:
        """'Erdan' when spaCy missed it here but the article names Gilad Erdan elsewhere."""
        for m in self.memory.mentions:
            if m.actor_type == "person" and len(m.canonical.split()) > 1 and m.canonical.split()[-1] == text:
                return m
        return None

    def _organization_by_short_name(self, head: Token) -> Mention | None:
        """ "the Crimson", "The Daily News" when spaCy missed them here but the article names the Harvard Crimson or
        the New York Daily News: the one organisation of the article whose name ends with these words."""
        words = [t.text for t in head.subtree if t.i <= head.i and t.pos_ == "PROPN"]
        if not words or words[-1] != head.text:
            return None
        found = {
            m.actor_id: m
            for m in self.memory.mentions
            if m.actor_type == "organization"
            and len(m.actor_name.split()) > len(words)
            and m.actor_name.split()[-len(words) :] == words
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _official(self, head: Token) -> Mention | None:
        """ "Iran's supreme leader", "the Israeli prime minister": the dictionary person holding that office
        for that country when the article was published."""
        dicts = self.memory.dicts
        if dicts is None or head.pos_ not in {"NOUN", "PROPN"}:
            return None
        country, words = None, []
        for child in head.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod"} and child.i < head.i:
                m = self.mention_at(child)
                if m and m.actor_type == "country":
                    country = m
                elif child.dep_ in {"amod", "compound"}:
                    words.append(child.lower_)
        if country is None:
            return None
        role = " ".join(words + [head.lower_])
        day = self.memory.published_at
        day = day.date() if hasattr(day, "date") else day
        person = dicts.official(country.actor_id, role, day)
        if person is None:
            return None
        return self._standing_for(head, person, country.sentence_index)

    def ruled_state(self, head: Token) -> Mention | None:
        """ "Assad's regime", "the Assad regime", "Trump's administration": the state its leader leads (a dictionary
        person whose office heads a state), not the leader (claims only)."""
        dicts = self.memory.dicts
        if dicts is None or head.lemma_.lower() not in RULED_BODIES:
            return None
        for child in head.children:
            leader = self.mention_at(child) if child.dep_ in {"poss", "compound"} and child.i < head.i else None
            actor = leader.actor if leader is not None else None
            if actor is None or actor.actor_type != "person" or (actor.role or "") not in HEADS_OF_STATE:
                continue
            state = dicts.actors.get(actor.country_code or "")
            if state is None:
                return None
            return self._standing_for(head, state, leader.sentence_index)
        return None

    def _standing_for(self, head: Token, actor, sentence_index: int) -> Mention:
        """A mention on `head` of a dictionary actor the words name without its name ("Iran's supreme leader",
        "Assad's regime")."""
        return Mention(
            start=self.char(head),
            end=self.char(head) + len(head.text),
            text=head.text,
            sentence_index=sentence_index,
            token_start=head.i,
            token_end=head.i + 1,
            paragraph=self.index,
            ner_label=None,
            actor=actor,
            canonical=actor.name,
            kind=actor.actor_type,
        )

    def pronoun_antecedent(self, pronoun: Token, sent: Span) -> Mention | None:
        """ "it", "its", "they", "their": the non-person actor that is the subject before it in its sentence ("Iran
        said it would ..."), else, for "they" and "their" outside a quote, an armed or political group that is the only
        subject of the previous sentence of the paragraph (stance candidates only: claims resolve their speakers
        themselves; "it" in a later sentence was mostly not an actor in the annotated articles)."""
        here = [
            m
            for m in self.mentions
            if sent.start <= m.token_start
            and m.token_end <= pronoun.i
            and m.actor_type != "person"
            and any(self.doc[i].dep_ in {"nsubj", "nsubjpass"} for i in range(m.token_start, m.token_end))
        ]
        if here:
            return here[-1]
        index = self.sentence_index(sent)
        if pronoun.lower_ in {"it", "its"} or index == self.first_sentence or _in_quote(self.text, pronoun.idx):
            return None  # "it" in a later sentence is rarely an actor; a paragraph's first or a quoted pronoun neither
        found = self.memory.subjects.get(index - 1)
        if found and len({m.actor_id for m in found}) == 1 and found[0].actor_type == "group":
            return found[0]  # "The Houthis are claiming credit ... They ..."
        return None

    def described_as(self, head: Token) -> Mention | None:
        """A definite description of an actor the article has named before (stance candidates only; claims resolve
        their speakers themselves): "the president" -> the latest person described as or holding the office of
        president; "the administration" -> the latest actor named "... administration" (the Trump administration:
        the United States); "the group", "the militants" -> the latest armed or political group; "the
        university" -> Harvard University. Nothing when the phrase is not definite or names nobody ("the
        officials", "the report")."""
        if head.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children
        ):
            return None
        lemma = head.lemma_.lower()
        if lemma in UNNAMED_HEADS or any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return None  # "the officials"; "the movement of fighters", "the destruction of the weapons"
        if head.tag_ != "NN" and lemma not in GROUP_WORDS:
            return None  # "the weapons", "the chemicals": things, not the actor they are part of the name of
        modifiers = {
            c.lower_ for c in head.children if c.dep_ in {"compound", "amod"} and c.lower_ not in LOOSE_MODIFIERS
        }
        want_person = lemma in PERSON_ROLE_WORDS
        before = self.char(head)
        earlier = [(m, words) for m, words in reversed(self.memory.described) if m.start < before]
        for mention, words in earlier:
            if (mention.actor_type == "person") != want_person:
                continue
            role = (mention.actor.role or "").lower().split() if mention.actor else []
            # the words that can head a description of it: titles and appositions, its office, and the last word
            # of its name ("the university": Harvard University; not "the security" for Iraqi Security Forces)
            own = {w.lower() for w in mention.text.split()}
            heads = {name.split()[-1].lower() for name in (mention.text, mention.actor_name) if name}
            vocabulary = (words - own) | set(role) | heads
            if (head.lower_ in vocabulary or lemma in vocabulary) and modifiers <= words | set(role) | own:
                if not lower_office(words | set(role), modifiers):
                    return mention
        if lemma in GROUP_WORDS and not modifiers:
            types = {"group"} if lemma not in {"organization", "organisation", "group"} else {"group", "organization"}
            previous = self.memory.subjects.get(self.sentence_index(head.sent) - 1, [])
            for mention in previous:  # "ISIS has its origins in ... Al Qaeda in Iraq ... The group has amassed ..."
                if mention.actor_type in types:
                    return mention
            for mention, _ in earlier:
                actor = mention.actor
                if mention.actor_type in types and not (actor and actor.role == "government body"):
                    return mention
        return None

    def actors_of(self, head: Token) -> list[Mention]:
        """actor_of for a head and the heads coordinated with it ("Qatar and Kuwait")."""
        found = []
        for tok in [head, *_conjuncts(head)]:
            m = self.actor_of(tok)
            if m and all(m.actor_id != f.actor_id for f in found):
                found.append(m)
        return found

    def topic_of(self, head: Token) -> Topic | None:
        """A topic named in the phrase headed by `head`, or the last topic when the head is a generic reference."""
        left, right = head.left_edge.i, head.right_edge.i + 1
        for span, topic in self.topics:
            if (
                left <= span.start
                and span.end <= right
                and (span.start <= head.i < span.end or span.root.head == head or span.root == head)
            ):
                return topic
        determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
        if head.lemma_.lower() in GENERIC_TOPIC_NOUNS and (
            determiners & {"the", "this", "that"}
            or (
                determiners & {"a", "an"} and head.lemma_.lower() in {"deal", "agreement", "accord", "pact", "alliance"}
            )
        ):
            earlier = [topic for span, topic in self.topics if span.end <= head.i]
            return self.memory.salient_topic() or (earlier[-1] if earlier else None)
        return None

    def topic_covers(self, head: Token) -> bool:
        """A topic phrase is written on this head ("the Iran nuclear deal"), not just somewhere below it."""
        return any(span.start <= head.i < span.end for span, _ in self.topics)

    def remember(self, sent: Span) -> None:
        for m in self.mentions:
            if not sent.start <= m.token_start < sent.end:
                continue
            self.memory.described.append((m, _description(self.doc, m)))
            if m.actor_type != "person" and any(
                self.doc[i].dep_ in {"nsubj", "nsubjpass"} for i in range(m.token_start, m.token_end)
            ):
                self.memory.subjects.setdefault(self.sentence_index(sent), []).append(m)
            if m.actor_type != "person":
                continue
            self.memory.last_person = m
            if any(self.doc[i].dep_ in {"nsubj", "nsubjpass"} for i in range(m.token_start, m.token_end)):
                self.memory.last_subject_person = m
            # who "he said" means: the subject of a main clause ("something Hillary Clinton called for", "but that
            # Obama had" are not), outside quotes and reported clauses (a person the speaker talks about)
            quoted = _in_quote(self.text, self.doc[m.token_start].idx)
            reported = any(c["start_char"] <= m.start < c["end_char"] for c in self.memory.claims[-6:])
            if (
                not quoted
                and not reported
                and any(_main_subject(self.doc[i], self.memory.dicts.cues) for i in range(m.token_start, m.token_end))
            ):
                self.memory.last_main_subject_person = m
        for span, topic in self.topics:
            if sent.start <= span.start < sent.end:
                counts = self.memory.topic_mentions
                counts[topic.topic_id] = counts.pop(topic.topic_id, 0) + 1  # re-insert: latest last
                self.memory.topics_seen[topic.topic_id] = topic


def _main_subject(tok: Token, cues) -> bool:
    """The subject of a main clause, or the person who owns it when it is not a person ("Mr. Netanyahu's camp and some
    Israeli analysts say ... . He truly believes ...": Netanyahu)."""
    if tok.dep_ == "poss" and tok.head.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_.lower() in OWNED_VOICES:
        tok = tok.head
    return (
        tok.dep_ in {"nsubj", "nsubjpass"}
        and (tok.head.dep_ == "ROOT" or _demoted_main_clause(tok.head, cues))
        and not _said_in_parenthesis(tok.head)
    )


def _demoted_main_clause(verb: Token, cues) -> bool:
    """The parser made the first main clause a complement of the second, whose subject is a pronoun for the first's
    ("The French-born Mr. Moussaoui was detained ..., so he was incarcerated ...": "detained" hangs on
    "incarcerated"); not a clause someone says ("Obama is weak, he said")."""
    root = verb.head
    return (
        verb.dep_ in {"ccomp", "advcl"}
        and root.dep_ == "ROOT"
        and verb.i < root.i
        and root.lemma_.lower() not in cues
        and any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"he", "she"} for c in root.children)
    )


def _said_in_parenthesis(root: Token) -> bool:
    """The main clause is what someone says in a parenthesis ("In this instance, he said, Mr. Rhodes was invited
    ..."): its subject is talked about, not the one who talks."""
    return any(
        c.dep_ == "parataxis" and c.pos_ == "VERB" and any(g.dep_ == "nsubj" for g in c.children) for c in root.children
    )


def _conjuncts(token: Token) -> list[Token]:
    return [t for t in token.conjuncts if t.i > token.i]


def _in_quote(text: str, pos: int) -> bool:
    marks = [i for i, ch in enumerate(text[:pos]) if ch in '"\u201c\u201d']
    opens = sum(1 for i in marks if text[i] == "\u201c" or (text[i] == '"'))
    closes = sum(1 for i in marks if text[i] == "\u201d")
    return (opens - closes) % 2 == 1


def lower_office(described: set[str], modifiers: set[str]) -> bool:
    """A description of a vice president, a deputy or an assistant secretary, when "the president" or "the secretary"
    has no such word ("the former president" after "Danielle Pletka, the senior vice president of ...")."""
    return bool(described & LOWER_OFFICES - modifiers)


def _description(doc: Doc, m: Mention) -> set[str]:
    """Lower-case words that describe a mention: its own words, the titles before it in its phrase ("Defense
    Secretary Mark Esper") and an apposition ("Tim Kinsella, the base commander"; "the commander, Tim Kinsella")."""
    words = {doc[i].lower_ for i in range(m.token_start, m.token_end)}
    root = doc[m.token_start : m.token_end].root
    for tok in root.subtree:
        if tok.i < m.token_start and tok.pos_ in {"NOUN", "PROPN", "ADJ"}:
            words.add(tok.lower_)
    appositions = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    for app in appositions:
        words.update(
            t.lower_
            for t in app.subtree
            if t.pos_ in {"NOUN", "PROPN", "ADJ"} and not m.token_start <= t.i < m.token_end
        )
    if not appositions and m.actor_type == "person":
        words.update(_apposition_by_commas(doc, m))
    return words


def _apposition_by_commas(doc: Doc, m: Mention) -> set[str]:
    """The words of a description set off by commas right before or after a person's name, where the parser did
    not make it an apposition ("He was a Saudi national, the base commander, Capt. Tim Kinsella, told reporters")."""
    sent = doc[m.token_start].sent
    root = doc[m.token_start : m.token_end].root
    before = m.token_start - 1
    while before > sent.start and doc[before].dep_ == "compound" and doc[before].head.i == root.i:
        before -= 1  # a title: "Capt."
    if before - 1 >= sent.start and doc[before].text == "," and doc[before - 1].pos_ == "NOUN":
        phrase = []
        for tok in reversed(doc[max(sent.start, before - 6) : before]):
            if tok.pos_ not in {"NOUN", "PROPN", "ADJ", "DET"}:
                break
            phrase.append(tok)
            if tok.pos_ == "DET":
                break
        if phrase and phrase[-1].pos_ == "DET":
            return {t.lower_ for t in phrase if t.pos_ != "DET"}
    after = m.token_end
    if after + 1 < sent.end and doc[after].text == "," and doc[after + 1].lower_ in {"the", "a", "an"}:
        phrase = []
        for tok in doc[after + 2 : min(sent.end, after + 9)]:
            if tok.text == ",":
                return {t.lower_ for t in phrase if t.pos_ in {"NOUN", "PROPN", "ADJ"}}
            phrase.append(tok)
    return set()
