"""Candidate (holder, target) pairs of a sentence and the features the stance model scores them by.

A candidate pairs a holder actor with a target, both anchored on tokens of the sentence:
- holders: actor mentions, pronouns resolved to a person ("he said"), "I"/"we" inside a quote (its speaker), noun
  phrases that name an actor through a modifier or an office ("Iranian officials", "the Israeli prime minister"),
  definite descriptions of an actor named before ("the administration" after "the Trump administration", "the
  president", "the group"), and "it"/"its"/"they"/"their" after their subject ("Iran has announced it has started
  ..."; context.py: described_as, pronoun_antecedent);
- targets: the other actors, dictionary topics written in the sentence or referred to generically ("the deal" in an
  article about the Iran nuclear deal), and open topics: the noun phrase objects of the sentence ("the Keystone
  pipeline", "airstrikes in Yemen").
Features are strings (value 1): the dependency path between the two anchors and the lemmas on it, what the stance
lexicon says of those lemmas, which way the words on and around the path lean (valence.py: the stance and
sentiment lexicons, composed down to the target), negation, modality and conditionals over the path, the
hand-written rules' verdict on the pair, the kinds of holder and target, the holder's identity and the pair's (a
prior learned from the annotations: Israel toward Iran's nuclear programme; none for the target alone), and word
order and distance. The lexicon and frames are features here,
not decisions: the weights are learned (stance_model.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..dictionaries import Dictionaries, alias_key
from .actors import Mention, slug
from .context import NON_STATE_HEADS, Paragraph
from .modality import CONDITIONAL_MARKS, unasserted, unasserted_cue
from .stances import EMPTY_HEADS, NON_TOPIC_ENTITIES, _claim_covering, _open_topic
from .valence import compose, leaning

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
THING_PRONOUNS = {"it", "its", "they", "their"}  # a country, organisation or group named before (context.py)
MODALS = {"would", "could", "might", "may", "should", "can", "must", "will", "shall"}
NOUN_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos", "attr", "dative", "agent", "npadvmod"}
OPEN_TOPIC_ROLES = {"dobj", "pobj", "nsubjpass", "nsubj", "attr", "conj"}
MAX_PATH = 8  # longer paths are collapsed into one feature
COMPLEMENTS = {"oprd", "acomp", "attr", "xcomp", "dobj"}  # what the governing word says of its object
# A state named only as the modifier of a noun for people or bodies that are not the state ("American Jewish
# organizations", "Iranian people", "Israeli settlers") holds no position: they do. In the annotations such a
# demonym is a stance holder in 19 of 2,552 candidates (0.7%, against 2.8% of all), 15 of them "officials"; its
# military ("Russian airstrikes", "Israeli raid") and officials do hold the state's positions.
STATE_AGENT_HEADS = {
    "official",
    "diplomat",
    "negotiator",
    "envoy",
    "minister",
    "gen.",
    "general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "delegation",
    "government",
    "authority",
    "leadership",
}
# an open topic that is one of these words alone says nothing about what the position is on ("backed the effort",
# "struck a conciliatory tone", "opposed the legislation" with no name)
VAGUE_TOPICS = {
    "effort",
    "efforts",
    "tone",
    "regime",
    "legislation",
    "bill",
    "measure",
    "measures",
    "action",
    "actions",
    "plan",
    "plans",
    "policy",
    "policies",
    "decision",
    "position",
    "stance",
    "approach",
    "situation",
    "matter",
    "idea",
    "proposal",
    "view",
    "views",
    "comment",
    "comments",
    "remarks",
    "call",
    "request",
    "move",
    "moves",
    "process",
    "deal",
    "agreement",
    "accord",
    "initiative",
    "law",
    "rules",
    "resolution",
    "proposals",
    "talks",
    "negotiations",
    "meeting",
    "meetings",
    "visit",
    "trip",
    "response",
    "strategy",
    "program",
    "programme",
    "campaign",
    "operation",
    "operations",
    "work",
    "help",
    "support",
    "opposition",
    "criticism",
    "concerns",
    "concern",
    "way",
    "ways",
}


@dataclass
class Target:
    text: str
    ttype: str  # actor | topic
    actor_id: str | None
    topic_id: str | None
    alias_key: str | None
    kind: str  # actor type, "topic", "generic_topic" or "open_topic"

    @property
    def key(self) -> str:
        return self.actor_id if self.ttype == "actor" else self.topic_id

    def as_tuple(self) -> tuple:
        return self.text, self.ttype, self.actor_id, self.topic_id, self.alias_key


@dataclass
class Candidate:
    holder: Mention
    target: Target
    features: list[str] = field(default_factory=list)
    cue_token: int = -1  # the word that governs both (their lowest common ancestor): the row's cue
    unasserted: str | None = None  # why the sentence does not assert the cue's position (modality.py), if it does not


def sentence_candidates(par: Paragraph, sent: Span, dicts: Dictionaries, rule_rows: list[dict]) -> list[Candidate]:
    """Every (holder, target) pair of the sentence with its features."""
    nouns: dict[int, Mention | None] = {}  # the actor each noun of the sentence names or describes, read once
    holders = _holder_anchors(par, sent, nouns)
    if not holders:
        return []
    targets = _target_anchors(par, sent, holders, rule_rows, nouns)
    rules = {}
    for r in rule_rows:
        if r["holder_level"] == "actor":
            rules.setdefault((r["holder_actor_id"], r["target_actor_id"] or r["topic_id"]), r)
    parse = _Sentence(sent, dicts)
    context = _sentence_context(parse)
    target_words = {key: [tok.i - sent.start for tok in anchors] for key, (_, anchors) in targets.items()}
    out = []
    for holder_id, (mention, anchors) in holders.items():
        h_anchors = [tok.i - sent.start for tok in anchors if not _state_as_modifier(mention, tok)]
        for key, (target, _) in targets.items():
            if target.ttype == "actor" and key == holder_id:
                continue
            h, t, path = _shortest_path(parse, h_anchors, target_words[key])
            if h is None or h == t:
                continue
            feats = _pair_features(par, parse, mention, target, h, t, path)
            rule = rules.get((holder_id, key))
            feats.append(f"rule={rule['polarity'] if rule else 0}")
            if rule:
                feats.append(f"rule_cue={rule['cue']}|{rule['polarity']}")
            feats.extend(context)
            # who: a learned prior of what this holder, and this holder toward this target, usually hold. No prior
            # for the target alone: most annotated stances toward the Iran deal oppose it, and that prior turned
            # Obama's own praise of the deal into opposition (see valence.py and the README's polarity figures)
            feats.extend((f"hid={holder_id}", f"dyad={holder_id}>{key}"))
            cue = path[0][-1]
            reason = parse.unasserted(cue, h)
            if reason:
                feats.append(f"unasserted={reason}")
            out.append(Candidate(mention, target, feats, sent.start + cue, reason))
    return out


def _holder_anchors(par: Paragraph, sent: Span, nouns: dict) -> dict[str, tuple[Mention, list[Token]]]:
    """The actors of the sentence and the words that name them; `nouns` gets the actor of each noun looked up."""
    found: dict[str, tuple[Mention, list[Token]]] = {}

    def add(m: Mention | None, tok: Token):
        if m is None:
            return
        entry = found.setdefault(m.actor_id, (m, []))
        entry[1].append(tok)

    doc = sent.doc
    for m in par.mentions:
        if sent.start <= m.token_start < sent.end:
            add(m, doc[m.token_start : m.token_end].root)
    for tok in sent:
        if par.mention_at(tok):
            continue
        low = tok.lower_
        if low in FIRST_PERSON:
            claim = _claim_covering(par, tok)
            add(claim["_speaker_mention"] if claim else None, tok)
        elif low in PERSON_PRONOUNS and tok.dep_ in {"nsubj", "nsubjpass", "poss", "dobj", "pobj"}:
            add(par.actor_of(tok), tok)
        elif low in THING_PRONOUNS and tok.dep_ in {"nsubj", "nsubjpass", "poss"} and tok.head.lemma_ != "be":
            add(par.pronoun_antecedent(tok, sent), tok)
        elif tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in NOUN_ROLES:
            nouns[tok.i] = par.actor_of(tok) or par.described_as(tok)
            add(nouns[tok.i], tok)
    return found


def _state_as_modifier(mention: Mention, tok: Token) -> bool:
    """A country named only as the modifier of another noun ("American Jewish organizations oppose") is not the
    holder: the demonym itself never anchors it unless the noun is one of the state's own agents (STATE_AGENT_HEADS:
    "Iranian officials"), and the noun does not stand for the state when it names people or bodies that are not
    the state (NON_STATE_HEADS: organizations, people, settlers; "Russian airstrikes" still does)."""
    if mention.actor_type != "country":
        return False
    if not mention.covers(tok.i):  # a noun resolved to the state through its modifier
        through_modifier = any(mention.covers(c.i) for c in tok.children if c.dep_ in {"amod", "compound", "nmod"})
        return through_modifier and tok.lemma_.lower() in NON_STATE_HEADS
    return (
        tok.dep_ in {"amod", "compound", "nmod"}
        and tok.head.pos_ in {"NOUN", "PROPN"}
        and tok.head.lemma_.lower() not in STATE_AGENT_HEADS
    )


def _target_anchors(par: Paragraph, sent: Span, holders: dict, rule_rows: list[dict], nouns: dict) -> dict[str, tuple]:
    """The actors and topics of the sentence and the words that name them (`nouns`: see _holder_anchors)."""
    targets: dict[str, tuple[Target, list[Token]]] = {}

    def add(target: Target, tok: Token):
        entry = targets.setdefault(target.key, (target, []))
        entry[1].append(tok)

    for actor_id, (m, anchors) in holders.items():
        target = Target(m.text, "actor", actor_id, None, alias_key(m.canonical), m.actor_type)
        for tok in anchors:
            add(target, tok)
    covered = set()
    for span, topic in par.topics:
        if sent.start <= span.start < sent.end:
            add(Target(topic.name, "topic", None, topic.topic_id, None, "topic"), span.root)
            covered.update(range(span.start, span.end))
    for tok in sent:
        if tok.i in covered or tok.pos_ != "NOUN" or par.mention_at(tok):
            continue
        topic = par.topic_of(tok)
        if topic is not None:
            add(Target(topic.name, "topic", None, topic.topic_id, None, "generic_topic"), tok)
            continue
        if (
            tok.dep_ in OPEN_TOPIC_ROLES
            and tok.lemma_.lower() not in EMPTY_HEADS
            and tok.ent_type_ not in NON_TOPIC_ENTITIES
            and not (nouns[tok.i] if tok.i in nouns else par.actor_of(tok) or par.described_as(tok))
        ):
            phrase = _open_topic(tok)
            if phrase and not _vague(tok):
                add(Target(phrase, "topic", None, "phrase:" + slug(phrase), None, "open_topic"), tok)
    for r in rule_rows:  # open topics the rules named that the scan above did not
        key = r["target_actor_id"] or r["topic_id"]
        if r["target_type"] == "topic" and key not in targets:
            cue = _token_named(sent, r["target_text"])
            if cue is not None and not _vague(cue):
                add(Target(r["target_text"], "topic", None, key, None, "open_topic"), cue)
    return targets


def _vague(head: Token) -> bool:
    """ "a more conciliatory tone", "the new legislation": a vague head that nothing names (no compound,
    possessive or prepositional phrase tells what it is)."""
    if head.lemma_.lower() not in VAGUE_TOPICS and head.lower_ not in VAGUE_TOPICS:
        return False
    return not any(c.dep_ in {"compound", "nmod", "poss", "prep"} for c in head.children)


def _token_named(sent: Span, phrase: str) -> Token | None:
    last = phrase.split()[-1] if phrase else ""
    return next((t for t in sent if t.text == last), None)


class _Sentence:
    """A sentence's parse as plain lists, by word position in the sentence, read from spaCy once: every candidate
    pair of the sentence walks the same words, and each spaCy read builds a Token and looks up its strings. Holds
    each word's stance-lexicon polarity and leaning (valence.py) too. The parser's sentences are whole trees: every
    word's head is in the sentence."""

    def __init__(self, sent: Span, dicts: Dictionaries):
        start = sent.start
        self.sent = sent
        self.text = sent.text
        self.tokens = list(sent)
        self.dep = [tok.dep_ for tok in self.tokens]
        self.pos = [tok.pos_ for tok in self.tokens]
        self.lemma = [tok.lemma_.lower() for tok in self.tokens]
        self.lower = [tok.lower_ for tok in self.tokens]
        self.head = [tok.head.i - start for tok in self.tokens]
        self.children = [[c.i - start for c in tok.children] for tok in self.tokens]
        self.negated = [any(self.dep[c] == "neg" for c in kids) for kids in self.children]
        self.modals = [
            [self.lower[c] for c in kids if self.dep[c] == "aux" and self.lower[c] in MODALS] for kids in self.children
        ]
        self.opens_condition = [  # modality._opens_condition: "if", "unless", "whether" introduces the word
            any(self.dep[c] == "mark" and self.lower[c] in CONDITIONAL_MARKS for c in kids) for kids in self.children
        ]
        self.polarity = [_polarity(dicts, tok) for tok in self.tokens]
        self.leaning = [leaning(tok, lambda t: self.polarity[t.i - start]) for tok in self.tokens]
        self._up: dict[int, tuple[list[int], dict[int, int]]] = {}
        self._cue_reasons: dict[int, str | None] = {}
        self._unasserted: dict[tuple[int, int], str | None] = {}

    def up(self, k: int) -> tuple[list[int], dict[int, int]]:
        """Word k and its ancestors up to the root, and each one's place in that list."""
        if k not in self._up:
            chain = [k]
            while self.head[chain[-1]] != chain[-1]:
                chain.append(self.head[chain[-1]])
            self._up[k] = chain, {x: n for n, x in enumerate(chain)}
        return self._up[k]

    def unasserted(self, cue: int, holder: int) -> str | None:
        """modality.unasserted for cue word `cue` and holder word `holder`: the cue's own reasons read once a cue
        word, the pair's once a (cue, holder), however many candidate pairs share them."""
        if (cue, holder) not in self._unasserted:
            if cue not in self._cue_reasons:
                self._cue_reasons[cue] = unasserted_cue(self.sent, self.tokens[cue], self.text)
            self._unasserted[cue, holder] = unasserted(
                self.sent, self.tokens[cue], self.tokens[holder], self._cue_reasons[cue]
            )
        return self._unasserted[cue, holder]

    def in_conditional_clause(self, k: int) -> bool:
        """modality.in_conditional_clause of word k: it or a word governing it is introduced by if/unless/whether."""
        return any(self.opens_condition[x] for x in self.up(k)[0])


def _shortest_path(parse: _Sentence, h_anchors: list[int], t_anchors: list[int]):
    best = (None, None, None)
    for h in h_anchors:
        for t in t_anchors:
            if h == t:
                continue
            path = _path(parse, h, t)
            if best[2] is None or len(path[0]) + len(path[1]) < len(best[2][0]) + len(best[2][1]):
                best = (h, t, path)
    return best


def _path(parse: _Sentence, a: int, b: int) -> tuple[list[int], list[int]]:
    """(a and its ancestors up to the lowest common ancestor, b's ancestors below it in top-down order)."""
    up, up_ids = parse.up(a)
    down = []
    node = b
    while node not in up_ids:
        down.append(node)
        if parse.head[node] == node:  # different roots: should not happen within a sentence
            break
        node = parse.head[node]
    lca = up_ids.get(node, len(up) - 1)
    return up[: lca + 1], list(reversed(down))


def _polarity(dicts: Dictionaries, tok: Token) -> int:
    pos = {"VERB": "verb", "NOUN": "noun", "PROPN": "noun", "ADJ": "adjective"}.get(tok.pos_)
    term = dicts.stance_term(tok.lemma_.lower(), pos) if pos else None
    return term.polarity if term else 0


def _pair_features(
    par: Paragraph,
    parse: _Sentence,
    holder: Mention,
    target: Target,
    h: int,
    t: int,
    path: tuple[list[int], list[int]],
) -> list[str]:
    """The features of the pair whose anchors are words h and t of the sentence, joined by `path` (_path)."""
    dep, pos, lemma, lower = parse.dep, parse.pos, parse.lemma, parse.lower
    up, down = path
    lca = up[-1]
    inner = up[1:] + down[:-1]  # words strictly between the anchors on the path (lca included)
    deps_up = [dep[x] for x in up[:-1]]
    deps_down = [dep[x] for x in down]
    lca_lemma = lemma[lca]
    feats = [
        f"hkind={holder.actor_type}",
        f"tkind={target.kind}",
        f"pair={holder.actor_type}>{target.kind}",
        f"hdep={dep[h]}",
        f"tdep={dep[t]}",
        f"lca={lca_lemma}",
        f"lca_pos={pos[lca]}",
        f"roles={dep[h]}>{pos[lca]}>{dep[t]}",
        f"lca_roles={dep[h]}>{lca_lemma}>{dep[t]}",
        f"order={'h<t' if h < t else 't<h'}",
        f"dist={_bucket(abs(h - t))}",
    ]
    if len(up) + len(down) <= MAX_PATH:
        feats.append("path=" + "^".join(deps_up) + "|" + "v".join(deps_down))
        feats.append("lpath=" + "^".join(deps_up) + "|" + lca_lemma + "|" + "v".join(deps_down))
    else:
        feats.append("path=long")
    lex = 0
    for x in inner:
        if pos[x] in {"VERB", "NOUN", "ADJ", "ADP", "ADV"}:
            feats.append(f"pl={lemma[x]}")
        p = parse.polarity[x]
        if p:
            lex += p
            feats.append(f"plex={p}|{dep[x]}")
    lca_pol = parse.polarity[lca]
    governing = [lca, *inner]
    feats.append(f"lex={_sign(lex)}")
    feats.append(f"lex_lca={lca_pol}")
    feats.append(f"lex_roles={lca_pol}|{dep[h]}>{dep[t]}")
    feats.append(f"lex_kind={_sign(lex)}|{target.kind}")
    if any(parse.negated[x] for x in governing):
        feats.append("neg")
        feats.append(f"neg_lex={_sign(lex)}")
    for m in {m for x in governing for m in parse.modals[x]}:
        feats.append(f"modal={m}")
    if parse.in_conditional_clause(lca):
        feats.append("conditional")
    for c in parse.children[lca]:  # prepositions and particles of the governing word: "against", "for", "out"
        if dep[c] in {"prep", "prt"}:
            feats.append(f"lca_prep={lca_lemma}+{lower[c]}")
    if dep[t] == "pobj":
        feats.append(f"tprep={lower[parse.head[t]]}")
        feats.append(f"tprep_lca={lca_lemma}+{lower[parse.head[t]]}")
    if dep[h] == "pobj":
        feats.append(f"hprep={lower[parse.head[h]]}")
    # the words between holder and target off the path are not features ("bw="): without them the cross-validated
    # article F1 is 0.005 to 0.007 higher on fold seeds 13 to 15
    feats += _leaning_features(parse, lca, inner, down, t)
    claim = _claim_covering(par, parse.tokens[h])
    if claim is not None:
        speaker = claim["_speaker_mention"]
        feats.append("holder_in_claim")
        if speaker is not None and speaker.actor_id == holder.actor_id:
            feats.append("holder_is_speaker")
    return feats


def _leaning_features(parse: _Sentence, lca: int, inner: list[int], down: list[int], t: int) -> list[str]:
    """Which way the words lean (valence.py): on the path, in the governing word's complements ("called the deal a
    disaster"), in the target's modifiers and relative clauses, and composed from the governing word down to the
    target ("veto legislation that stops the agreement")."""
    lean, dep = parse.leaning, parse.dep
    feats = [f"val_path={_sign(sum(lean[x] for x in [lca, *inner]))}"]
    complements = sum(lean[c] for c in parse.children[lca] if dep[c] in COMPLEMENTS and c != t and c not in down)
    if complements:
        feats.append(f"val_comp={_sign(complements)}")
    modifiers = sum(lean[c] for c in parse.children[t] if dep[c] in {"amod", "relcl"})
    if modifiers:
        feats.append(f"val_tmod={_sign(modifiers)}")
    sign = compose((lean[x], parse.negated[x]) for x in [lca, *down[:-1]])
    if sign is not None:
        feats.append(f"val_composed={sign}")
    return feats


def article_context(candidates_by_sentence: list[list[Candidate]]) -> None:
    """Adds to each candidate whether the same (holder, target) pair is a candidate with a cue (the stance lexicon on
    the governing word, or the rules' verdict) in an earlier / a later sentence of the article:
    `ctx_cue=<before><after>`. Needs the whole article's candidates before any is scored."""
    cued: dict[tuple, list[int]] = {}
    for n, candidates in enumerate(candidates_by_sentence):
        for c in candidates:
            if "lex_lca=0" not in c.features or "rule=0" not in c.features:
                cued.setdefault((c.holder.actor_id, c.target.key), []).append(n)
    for n, candidates in enumerate(candidates_by_sentence):
        for c in candidates:
            where = cued.get((c.holder.actor_id, c.target.key), ())
            c.features.append(f"ctx_cue={int(any(m < n for m in where))}{int(any(m > n for m in where))}")


def _sentence_context(parse: _Sentence) -> list[str]:
    feats = []
    if parse.text.rstrip().rstrip("\"'\u201d").endswith("?"):
        feats.append("question")
    if parse.lower[0] in CONDITIONAL_MARKS:
        feats.append("starts_conditional")
    return feats


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"
