"""Stance observations: holder -> target (actor or topic), polarity +1/-1.

Lexicon frames (the `frame` column of dbt_project/seeds/stance_lexicon.csv, which is data):
- subject_object: "X backs Y", "Y was condemned by X" (passive), "X stands behind Y";
- subject_with / subject_from: "X cooperates with Y", "X withdrew from Y";
- mutual: "France and Iran agreed", "Israel signed deals with the UAE": every side toward every other;
- object_on: "X imposed sanctions on Y";
- noun_from: "resistance from Qatar and Kuwait" (holders after from/by, or the possessor: "America's pullout
  from the pact"; the target after to/for/against/of, or the subject of the clause: "the plan is facing ...");
- hyphen_holder: "a US-backed alliance";
- evaluates: an adjective on an actor or topic inside a claim is the speaker's stance ("... is fatally flawed,"
  Carson said).
Rules outside the lexicon: "campaigned against Y" (-1) and "called for Y" (+1; "an end to Y" -1); "pulled out
(of Y)" (-1; without an object, the article's main topic); "pushed back Y" (-1); "sending weapons to Y" (+1);
"negotiations between A, B and C" (+1 among them, and toward the article's agreement); "A and other Y critics" (-1)
/ "allies". Negation flips polarity. Coordinated holders and targets give one stance each. A verb without its own
subject takes the subject of the verb it hangs from ("Iraq, which passed a law forbidding ..."); "I"/"we" inside a
quote is the quote's speaker. A target that is neither an actor nor a known topic is an open topic named by its
noun phrase ("airstrikes in Yemen", id "phrase:<slug>").
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from ..dictionaries import Dictionaries, StanceTerm, alias_key
from .actors import Mention, slug
from .context import Paragraph
from .dates import stance_date

# verbs outside the lexicon that take a side through a preposition: "campaigned against X", "called for X"
ADVOCACY_VERBS = {"call", "push", "press", "lobby", "advocate", "campaign", "vote", "argue", "fight", "rally", "stand"}
# "lifting the sanctions on Iran" is not a sanction on Iran
UNDOING_VERBS = {"lift", "ease", "remove", "end", "drop", "scrap", "relax", "suspend", "waive", "halt"}
NON_TOPIC_ENTITIES = {"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"}
# an object phrase headed by these says nothing about a position
EMPTY_HEADS = {
    "thing",
    "way",
    "time",
    "people",
    "lot",
    "part",
    "kind",
    "sort",
    "something",
    "anything",
    "nothing",
    "year",
    "day",
    "week",
    "month",
    "one",
    "other",
    "others",
    "fact",
    "question",
    "issue",
    "point",
    "number",
    "group",
    "side",
    "place",
    "step",
    "steps",
    "role",
    "move",
    "state",
    "country",
    "hour",
    "minute",
    "today",
    "tonight",
    "behavior",
    "behaviour",
    "statement",
    "speech",
    "interview",
}
FIRST_PERSON = {"i", "we"}
# "negotiations between Iran, the United States and five other powers": every party works with every other
JOINT_NOUNS = {
    "negotiation",
    "talk",
    "agreement",
    "deal",
    "dialogue",
    "cooperation",
    "accord",
    "treaty",
    "pact",
    "alliance",
    "partnership",
    "ceasefire",
    "truce",
}
# "Republicans and other Obama administration critics", "Iran's allies such as Syria": what the role says about
# those who hold it toward the one it names
ROLE_NOUNS = {
    "critic": -1,
    "opponent": -1,
    "enemy": -1,
    "foe": -1,
    "rival": -1,
    "adversary": -1,
    "detractor": -1,
    "ally": 1,
    "supporter": 1,
    "backer": 1,
    "friend": 1,
    "proxy": 1,
    "patron": 1,
    "sponsor": 1,
}
# verbs of giving: "sending weapons to Kurdish forces" supports the receiver
GIVING_VERBS = {"send", "deliver", "supply", "provide", "sell", "give", "ship", "transfer", "grant", "offer"}
GIVEN_THINGS = {
    "weapon",
    "arm",
    "aid",
    "assistance",
    "support",
    "troop",
    "money",
    "fund",
    "ammunition",
    "equipment",
    "missile",
    "jet",
    "plane",
    "tank",
    "help",
    "backing",
    "loan",
    "supply",
}


def extract_stances(par: Paragraph, sent: Span, dicts: Dictionaries) -> list[dict]:
    out: list[dict] = []
    for tok in sent:
        found = _token_stances(par, sent, tok, dicts)
        if found and not _hypothetical(tok):
            out.extend(found)
    return _dedupe(out)


def _token_stances(par: Paragraph, sent: Span, tok: Token, dicts: Dictionaries) -> list[dict]:
    """The stances whose cue is this token, whatever clause it stands in."""
    out: list[dict] = []
    lemma = tok.lemma_.lower()
    pos = tok.pos_
    if pos == "VERB" and (term := dicts.stance_term(lemma, "verb")):
        out.extend(_verb_stances(par, sent, tok, term))
    elif pos == "VERB":
        out.extend(_prepositional_stances(par, sent, tok))
        if lemma in GIVING_VERBS:
            out.extend(_giving_stances(par, sent, tok))
    elif pos in {"NOUN", "PROPN"} and (term := dicts.stance_term(lemma, "noun")):
        out.extend(_noun_stances(par, sent, tok, term))
    if pos == "NOUN" and lemma in JOINT_NOUNS:
        out.extend(_between_stances(par, sent, tok))
    if pos == "NOUN" and lemma in ROLE_NOUNS:
        out.extend(_role_noun_stances(par, sent, tok, ROLE_NOUNS[lemma]))
    elif (
        (term := dicts.stance_term(tok.lower_, "adjective"))
        and tok.i > sent.start + 1
        and tok.nbor(-1).text == "-"
        and term.frame == "hyphen_holder"
    ):
        out.extend(_hyphen_stances(par, sent, tok, term))
    elif pos == "ADJ" and (term := dicts.stance_term(lemma, "adjective")) and term.frame == "evaluates":
        out.extend(_evaluation_stances(par, sent, tok, term))
    return out


def _hypothetical(tok: Token) -> bool:
    """In a clause introduced by "if", "unless" or "whether" nobody takes a position yet ("if Congress rejects")."""
    for node in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in node.children):
            return True
        if node.dep_ in {"ROOT"}:
            break
    return False


def _verb_stances(par: Paragraph, sent: Span, verb: Token, term: StanceTerm) -> list[dict]:
    negated = any(c.dep_ == "neg" for c in verb.children)
    polarity = -term.polarity if negated else term.polarity
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    holders: list[Mention] = []
    target_heads: list[Token] = []
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                holders += [m for p in child.children if p.dep_ == "pobj" for m in par.actors_of(p)]
            if child.dep_ == "nsubjpass":
                target_heads.append(child)
        return _pairs(par, sent, verb, holders, target_heads, polarity, negated)
    holders = _holders(par, verb)
    if term.frame == "mutual":
        return _mutual(par, sent, verb, holders, polarity, negated)
    if term.frame == "subject_object":
        target_heads = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
        target_heads += _pobjs(verb, {"against", "on", "to", "behind"})
    elif term.frame == "subject_with":
        target_heads = _pobjs(verb, {"with"}) + [
            p for c in verb.children if c.dep_ == "dobj" for p in _pobjs(c, {"with"})
        ]
    elif term.frame == "object_on":  # "imposed sanctions on Iran" -> against Iran
        target_heads = _pobjs(verb, {"on", "against"}) + [
            p for c in verb.children if c.dep_ == "dobj" for p in _pobjs(c, {"on", "against"})
        ]
    elif term.frame == "subject_from":
        target_heads = _pobjs(verb, {"from", "of"}) or [c for c in verb.children if c.dep_ == "dobj"]
    return _pairs(par, sent, verb, holders, target_heads, polarity, negated)


def _prepositional_stances(par: Paragraph, sent: Span, verb: Token) -> list[dict]:
    """Verbs outside the lexicon: "X campaigned against Y" (-1), "X called for Y" (+1, "an end to Y" -1)."""
    lemma = verb.lemma_.lower()
    against = _pobjs(verb, {"against"})
    favour = _pobjs(verb, {"for"}) if lemma in ADVOCACY_VERBS else []
    if lemma in {"stand", "side", "rally", "line"}:
        favour += _pobjs(verb, {"behind", "with"})
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    out_of = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "out" for p in _pobjs(c, {"of", "from"})]
    if out_of and lemma in {"pull", "walk", "back", "opt", "drop", "get"}:  # "out of" parsed as two prepositions
        against += out_of
    if particles & {"out", "away"} and lemma in {"pull", "walk", "back", "opt", "drop"}:  # "pulled out of the deal"
        quit = _pobjs(verb, {"of", "from"})
        topic = par.memory.salient_topic()
        if not quit and topic:  # "the US pulled out last year": out of the article's agreement
            holders = _holders(par, verb)
            return sum(
                (
                    _rows(
                        par,
                        sent,
                        verb,
                        h,
                        [(topic.name, "topic", None, topic.topic_id, None)],
                        -1,
                        False,
                        cue_name=f"{lemma} out",
                    )
                    for h in holders
                ),
                [],
            )
        against += quit
    if "back" in particles and lemma in {"push", "beat", "drive", "roll", "fight"}:  # "pushed back ISIS militants"
        against += [c for c in verb.children if c.dep_ == "dobj"]
    if not against and not favour:
        return []
    negated = any(c.dep_ == "neg" for c in verb.children)
    holders = _holders(par, verb)
    sign = -1 if negated else 1
    return _pairs(
        par, sent, verb, holders, against, -sign, negated, cue_name=f"{verb.lemma_.lower()} against"
    ) + _pairs(par, sent, verb, holders, favour, sign, negated, cue_name=f"{verb.lemma_.lower()} for")


def _between_stances(par: Paragraph, sent: Span, noun: Token) -> list[dict]:
    parties = [m for p in _pobjs(noun, {"between", "among"}) for m in par.actors_of(p)]
    rows = []
    for a in parties:
        for b in parties:
            if a.actor_id != b.actor_id:
                rows += _rows(
                    par, sent, noun, a, [(b.text, "actor", b.actor_id, None, alias_key(b.canonical))], 1, False
                )
    topic = par.memory.salient_topic()
    if topic and parties and noun.lemma_.lower() in {"negotiation", "talk", "dialogue"}:
        for a in parties:  # negotiating the article's agreement
            rows += _rows(par, sent, noun, a, [(topic.name, "topic", None, topic.topic_id, None)], 1, False)
    return rows


def _role_noun_stances(par: Paragraph, sent: Span, noun: Token, polarity: int) -> list[dict]:
    named = [c for c in noun.children if c.dep_ in {"compound", "poss"}] + _pobjs(noun, {"of"})
    targets = [m for t in named for m in par.actors_of(t)]
    if not targets:
        return []
    # the holders are who the phrase is coordinated with or put in apposition to
    related = [noun.head] if noun.dep_ in {"conj", "appos"} else []
    related += [c for c in noun.children if c.dep_ in {"conj", "appos"}]
    if noun.dep_ == "attr":  # "Iran is Syria's closest ally"
        related += [c for c in noun.head.children if c.dep_ == "nsubj"]
    holders = [m for t in related for m in par.actors_of(t) if all(m.actor_id != x.actor_id for x in targets)]
    rows = []
    for holder in holders:
        rows += _rows(
            par,
            sent,
            noun,
            holder,
            [(m.text, "actor", m.actor_id, None, alias_key(m.canonical)) for m in targets],
            polarity,
            False,
        )
    return rows


def _giving_stances(par: Paragraph, sent: Span, verb: Token) -> list[dict]:
    gifts = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in GIVEN_THINGS]
    if not gifts:
        return []
    receivers = _pobjs(verb, {"to"}) + [c for c in verb.children if c.dep_ == "dative"]
    return _pairs(par, sent, verb, _holders(par, verb), receivers, 1, False, allow_open=False)


def _mutual(
    par: Paragraph, sent: Span, verb: Token, holders: list[Mention], polarity: int, negated: bool
) -> list[dict]:
    """ "France and Iran agreed ...", "Israel signed deals with the UAE": a relation both sides enter."""
    rows = []
    partners = [m for p in _pobjs(verb, {"with"}) for m in par.actors_of(p)]
    partners += [m for c in verb.children if c.dep_ == "dobj" for p in _pobjs(c, {"with"}) for m in par.actors_of(p)]
    sides = holders + [m for m in partners if all(m.actor_id != h.actor_id for h in holders)]
    for a in sides:
        for b in sides:
            if a.actor_id != b.actor_id and (a in holders or b in holders):
                rows += _rows(
                    par, sent, verb, a, [(b.text, "actor", b.actor_id, None, alias_key(b.canonical))], polarity, negated
                )
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects and not partners:
        rows += _pairs(par, sent, verb, holders, objects, polarity, negated)
    return rows


def _noun_stances(par: Paragraph, sent: Span, noun: Token, term: StanceTerm) -> list[dict]:
    """ "resistance from Qatar and Kuwait", "Iran's distrust of the United States", "support for the deal"."""
    if noun.head.lemma_.lower() in UNDOING_VERBS:
        return []
    owners = [m for c in noun.children if c.dep_ == "poss" for m in par.actors_of(c)]
    if owners:  # "America's pullout from the pact"
        holders, targets = owners, _pobjs(noun, {"to", "for", "against", "of", "on", "toward", "towards", "from"})
    else:  # "resistance from Qatar"
        holders = [m for p in _pobjs(noun, {"from", "by"}) for m in par.actors_of(p)]
        targets = _pobjs(noun, {"to", "for", "against", "of", "on", "toward", "towards"})
    if not targets and noun.dep_ in {"dobj", "attr"}:
        subject = _subject(noun.head)
        if subject is not None:
            targets = [subject]
    if not holders and noun.dep_ in {"dobj"}:  # "X expressed support for Y"
        holders = _holders(par, noun.head)
    targets = [t for t in targets if not any(h.covers(t.i) for h in holders)]
    return _pairs(par, sent, noun, holders, targets, term.polarity, False)


def _hyphen_stances(par: Paragraph, sent: Span, adj: Token, term: StanceTerm) -> list[dict]:
    holder_tok = adj.nbor(-2)
    holders = [m for m in [par.mention_at(holder_tok)] if m]
    return _pairs(par, sent, adj, holders, [adj.head], term.polarity, False)


def _evaluation_stances(par: Paragraph, sent: Span, adj: Token, term: StanceTerm) -> list[dict]:
    """Inside a claim, an evaluative adjective on an actor or topic is the speaker's stance:
    '"President Obama's nuclear agreement with Iran is fatally flawed," Carson said'."""
    claim = _claim_covering(par, adj)
    if claim is None:
        return []
    if adj.dep_ == "amod":
        head = adj.head
    elif adj.dep_ in {"acomp", "attr"}:
        head = next((c for c in adj.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    else:
        return []
    if head is None or not (par.mention_at(head) or par.topic_covers(head)):
        return []  # the adjective must qualify an actor or a topic itself, not something of theirs
    negated = any(c.dep_ == "neg" for c in adj.head.children) if adj.dep_ != "amod" else False
    polarity = -term.polarity if negated else term.polarity
    return _pairs(par, sent, adj, [claim["_speaker_mention"]], [head], polarity, negated, allow_open=False)


def _claim_covering(par: Paragraph, token: Token) -> dict | None:
    pos = par.char(token)
    for claim in reversed(par.memory.claims):
        if claim["_speaker_mention"] is not None and claim["start_char"] <= pos < claim["end_char"]:
            return claim
    return None


def _holders(par: Paragraph, verb: Token) -> list[Mention]:
    subject = _subject(verb)
    if subject is None:
        return []
    if subject.lower_ in FIRST_PERSON:  # "We stand squarely behind ...", inside a quote: the speaker
        claim = _claim_covering(par, subject)
        return [claim["_speaker_mention"]] if claim else []
    return par.actors_of(subject)


def _pobjs(token: Token, preps: set[str]) -> list[Token]:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]


def _pairs(
    par: Paragraph,
    sent: Span,
    cue: Token,
    holders: list[Mention],
    target_heads: list[Token],
    polarity: int,
    negated: bool,
    cue_name: str | None = None,
    allow_open: bool = True,
) -> list[dict]:
    if not holders or not target_heads:
        return []
    targets: list[tuple] = []  # (text, type, actor_id, topic_id, alias key)
    for head in target_heads:
        sign = 1
        ends = _pobjs(head, {"to", "of"}) if head.lemma_.lower() in {"end", "halt", "stop", "ban"} else []
        if ends:  # "called for an end to airstrikes in Yemen" -> against the airstrikes
            head, sign = ends[0], -1
        for target in _resolve_target(par, head, allow_open):
            targets.append(target + (sign,))
    rows = []
    for holder in holders:
        for text, ttype, actor_id, topic_id, key, sign in targets:
            rows += _rows(
                par,
                sent,
                cue,
                holder,
                [(text, ttype, actor_id, topic_id, key)],
                polarity * sign,
                negated,
                cue_name=cue_name,
            )
    return rows


def _resolve_target(par: Paragraph, head: Token, allow_open: bool) -> list[tuple]:
    """(text, type, actor_id, topic_id, alias key) for what a target phrase names: a topic written on its head,
    else the actors it names, else a topic it refers to, else (open topic) the noun phrase itself."""
    topic = par.topic_of(head)
    if topic and par.topic_covers(head):
        return [(topic.name, "topic", None, topic.topic_id, None)]
    actors = par.actors_of(head)
    if not actors:  # "the delivery of weapons to the Kurds": one level down, through of/to/with/against
        actors = [m for p in _pobjs(head, {"of", "to", "with", "against"}) for m in par.actors_of(p)]
    if actors:
        return [(m.text, "actor", m.actor_id, None, alias_key(m.canonical)) for m in actors]
    if topic:
        return [(topic.name, "topic", None, topic.topic_id, None)]
    if (
        allow_open
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in EMPTY_HEADS
        and head.ent_type_ not in NON_TOPIC_ENTITIES
    ):
        phrase = _open_topic(head)
        if phrase:
            return [(phrase, "topic", None, "phrase:" + slug(phrase), None)]
    return []


def _open_topic(head: Token) -> str | None:
    """A target that is neither an actor nor a known topic, named by its noun phrase: determiners, possessives,
    relative clauses and appositions dropped, at most 8 words ("airstrikes in Yemen", "removal of sanctions")."""
    dropped = set()
    for t in head.subtree:
        if (
            t != head
            and t.dep_
            in {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "det", "poss", "case", "predet", "prep"}
            and (t.dep_ != "prep" or t.head != head)
        ):
            dropped.update(x.i for x in t.subtree)
    tokens = [t for t in head.subtree if t.i not in dropped]
    if not tokens or len(tokens) > 8:
        return None
    return " ".join(t.text for t in tokens)


def stance_rows(
    par: Paragraph, sent: Span, cue: Token, holder: Mention, target: tuple, polarity: int, negated: bool
) -> list[dict]:
    """The observation row of holder -> target (text, type, actor_id, topic_id, alias key) in this sentence, and
    the row derived for the holder's state when the holder is a sitting official."""
    return _rows(par, sent, cue, holder, [target], polarity, negated)


def _rows(
    par: Paragraph,
    sent: Span,
    cue: Token,
    holder: Mention,
    targets: list[tuple],
    polarity: int,
    negated: bool,
    cue_name: str | None = None,
) -> list[dict]:
    held_at, background = _when(par, sent, cue)
    rows = []
    for text, ttype, actor_id, topic_id, target_key in targets:
        if ttype == "actor" and actor_id == holder.actor_id:
            continue
        base = {
            "stance_index": -1,
            "sentence_index": par.sentence_index(sent),
            "holder_text": holder.text,
            "holder_actor_id": holder.actor_id,
            "holder_alias_key": alias_key(holder.canonical),
            "holder_level": "actor",
            "via_actor_id": None,
            "target_text": text,
            "target_type": ttype,
            "target_actor_id": actor_id,
            "target_alias_key": target_key,
            "topic_id": topic_id,
            "polarity": polarity,
            "cue": cue_name or cue.lemma_.lower(),
            "is_negated": negated,
            "held_at": held_at,
            "is_background": background,
            "evidence_text": sent.text,
            "start_char": par.offset + sent.start_char,
            "end_char": par.offset + sent.end_char,
        }
        rows.append(base)
        state = _state_for(holder, held_at, sent)
        if state and not (ttype == "actor" and actor_id == state):
            rows.append(
                base
                | {
                    "holder_actor_id": state,
                    "holder_alias_key": None,
                    "holder_level": "state",
                    "via_actor_id": holder.actor_id,
                }
            )
    return rows


def _state_for(holder: Mention, held_at: date | None, sent: Span) -> str | None:
    """A sitting official or government body also gives their state's stance (not a 'former' one)."""
    actor = holder.actor
    if actor is None or actor.actor_type == "country":
        return None
    doc = sent.doc
    before = doc[max(sent.start, holder.token_start - 3) : holder.token_start]
    if any(t.lower_ in {"former", "ex", "late"} for t in before):
        return None
    return actor.country_code if actor.speaks_for_state_on(held_at) else None


def _when(par: Paragraph, sent: Span, cue: Token) -> tuple[date | None, bool]:
    """(held_at, is_background): the date the sentence gives the cue's clause, else the publication date
    (dates.py)."""
    published = par.memory.published_at
    return stance_date(sent, published.date() if hasattr(published, "date") else published, cue)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb or noun it hangs from (xcomp, conj, acl chains)."""
    seen = 0
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in {"nsubj"}:
                return child
        if verb.dep_ == "xcomp":  # "asked Biden to approve": the object of the controlling verb is the subject
            controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if controller is not None:
                return controller
            verb = verb.head
        elif verb.dep_ in {"conj", "advcl", "pcomp"}:
            verb = verb.head
        elif verb.dep_ == "acl":  # "a law forbidding ..." -> whoever passed the law
            verb = verb.head.head if verb.head.dep_ in {"dobj", "pobj"} else None
        elif verb.dep_ == "pobj" and verb.head.dep_ == "prep":
            verb = verb.head.head
        else:
            return None
        seen += 1
    return None


def _dedupe(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        key = (
            r["holder_actor_id"],
            r["target_type"],
            r["target_actor_id"] or r["topic_id"],
            r["polarity"],
            r["holder_level"],
        )
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
