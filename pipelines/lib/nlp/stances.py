"""Stance observations: holder -> target (actor or topic), polarity +1/-1, from the stance lexicon (data).

Frames (the `frame` column of stance_lexicon.csv):
- subject_object: "X backs Y", "Y was condemned by X"; negation flips ("X did not back Y" -> -1);
- subject_with: "X cooperates with Y" (target in a with-phrase);
- subject_from: "X withdrew from Y";
- noun_from: "resistance from X [to Y]": holders after "from", target after "to" or the subject of the clause
  ("the plan is facing resistance from Qatar and Kuwait");
- hyphen_holder: "a US-backed alliance": holder before the hyphen, target the noun;
- prefix_target: "anti-Iran": noted for the noun it modifies only when its holder is known (skipped otherwise).
Coordinated holders and targets give one stance each. A verb without its own subject takes the subject of the
verb it hangs from ("Iraq, which passed a law forbidding normalization with Israel" -> Iraq).
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from ..dictionaries import Dictionaries, StanceTerm, Topic, alias_key
from .actors import Mention
from .context import Paragraph

PAST_MARKERS = {"previously", "formerly", "once", "earlier", "ago"}
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def extract_stances(par: Paragraph, sent: Span, dicts: Dictionaries) -> list[dict]:
    out: list[dict] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and (term := dicts.stance_term(lemma, "verb")):
            out.extend(_verb_stances(par, sent, tok, term))
        elif tok.pos_ in {"NOUN", "PROPN"} and (term := dicts.stance_term(lemma, "noun")):
            out.extend(_noun_stances(par, sent, tok, term))
        elif (term := dicts.stance_term(tok.lower_, "adjective")) and tok.i > sent.start + 1 \
                and tok.nbor(-1).text == "-" and term.frame == "hyphen_holder":
            out.extend(_hyphen_stances(par, sent, tok, term))
    return _dedupe(out)


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
    else:
        subject = _subject(verb)
        if subject is not None:
            holders = par.actors_of(subject)
        if term.frame == "subject_object":
            target_heads = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
            target_heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in {"against", "on", "to"}
                             for p in c.children if p.dep_ == "pobj"]
        elif term.frame == "subject_with":
            target_heads = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                            for p in c.children if p.dep_ == "pobj"]
            target_heads += [p for c in verb.children if c.dep_ == "dobj"
                             for pr in c.children if pr.dep_ == "prep" and pr.lower_ == "with"
                             for p in pr.children if p.dep_ == "pobj"]
        elif term.frame == "subject_from":
            target_heads = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                            for p in c.children if p.dep_ == "pobj"] or \
                           [c for c in verb.children if c.dep_ == "dobj"]
    return _pairs(par, sent, verb, holders, target_heads, polarity, negated, term)


def _noun_stances(par: Paragraph, sent: Span, noun: Token, term: StanceTerm) -> list[dict]:
    if term.frame != "noun_from":
        return []
    holders = [m for c in noun.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}
               for p in c.children if p.dep_ == "pobj" for m in par.actors_of(p)]
    holders += [m for c in noun.children if c.dep_ == "poss" for m in par.actors_of(c)]
    targets = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"to", "for", "against"}
               for p in c.children if p.dep_ == "pobj"]
    if not targets and noun.dep_ in {"dobj", "attr"}:
        subject = _subject(noun.head)
        if subject is not None:
            targets = [subject]
    return _pairs(par, sent, noun, holders, targets, term.polarity, False, term)


def _hyphen_stances(par: Paragraph, sent: Span, adj: Token, term: StanceTerm) -> list[dict]:
    holder_tok = adj.nbor(-2)
    holders = [m for m in [par.mention_at(holder_tok)] if m]
    return _pairs(par, sent, adj, holders, [adj.head], term.polarity, False, term)


def _pairs(par: Paragraph, sent: Span, cue: Token, holders: list[Mention], target_heads: list[Token],
           polarity: int, negated: bool, term: StanceTerm) -> list[dict]:
    if not holders or not target_heads:
        return []
    targets: list[tuple[str, str, str | None, Topic | None, str | None]] = []  # text, type, actor, topic, key
    for head in target_heads:
        partners = [m for c in head.children if c.dep_ == "prep" and c.lower_ == "with"
                    for p in c.children if p.dep_ == "pobj" for m in par.actors_of(p)]
        if partners:  # "normalization with Israel", "a deal with Iran": the relation is toward the partner
            targets += [(m.text, "actor", m.actor_id, None, alias_key(m.canonical)) for m in partners]
            continue
        topic = par.topic_of(head)
        if topic and par.topic_covers(head):
            targets.append((topic.name, "topic", None, topic, None))
            continue
        actors = par.actors_of(head)
        if not actors:
            actors = [m for m in par.mentions_in(head.left_edge.i, head.right_edge.i + 1)
                      if par.doc[m.token_end - 1].dep_ in {"pobj", "conj", "dobj", "appos"}]
        if actors:
            targets += [(m.text, "actor", m.actor_id, None, alias_key(m.canonical)) for m in actors]
            continue
        topic = par.topic_of(head)
        if topic:
            targets.append((topic.name, "topic", None, topic, None))
    held_at, background = _when(par, sent)
    rows = []
    for holder in holders:
        for text, ttype, actor_id, topic, target_key in targets:
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
                "topic_id": topic.topic_id if topic else None,
                "polarity": polarity,
                "cue": cue.lemma_.lower(),
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
                rows.append(base | {"holder_actor_id": state, "holder_level": "state",
                                    "via_actor_id": holder.actor_id})
    return rows


def _state_for(holder: Mention, held_at: date | None, sent: Span) -> str | None:
    """A sitting official or government body also gives their state's stance (not a 'former' one)."""
    actor = holder.actor
    if actor is None or actor.actor_type == "country":
        return None
    doc = sent.doc
    before = doc[max(sent.start, holder.token_start - 3):holder.token_start]
    if any(t.lower_ in {"former", "ex", "late"} for t in before):
        return None
    return actor.country_code if actor.speaks_for_state_on(held_at) else None


def _when(par: Paragraph, sent: Span) -> tuple[date | None, bool]:
    """(held_at, is_background). A year the sentence names before the publication year dates the stance to
    that year; past markers without a year make it background; otherwise it holds on the publication date."""
    published = par.memory.published_at
    pub_date = published.date() if hasattr(published, "date") else published
    years = [int(t.text) for t in sent if YEAR.match(t.text) and t.ent_type_ == "DATE"]
    past_years = [y for y in years if pub_date is None or y < pub_date.year]
    if past_years:
        return date(max(past_years), 1, 1), False
    if any(t.lower_ in PAST_MARKERS for t in sent) or any(
            t.lower_ == "back" and t.i + 1 < sent.end and t.nbor().lower_ == "in" for t in sent):
        return None, True
    return pub_date, False


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
        key = (r["holder_actor_id"], r["target_type"], r["target_actor_id"] or r["topic_id"], r["polarity"],
               r["holder_level"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
