"""Whether a sentence asserts the position its cue word expresses, or only entertains it.

A stance is a position someone holds. These do not state one, whatever the words around them:
- a question: "Will Russia back the Syrian regime if the United States strikes?";
- a conditional: the cue inside an if/unless/whether clause ("If Congress rejects the Syria resolution, ..."), or
  a conditional offer, a modal cue governing an if-clause ("he would support a pardon ... if the leader left
  politics");
- an epistemic modal or hedge on the cue: could, might, may, likely ("Russia could veto any such resolution"), or on
  a verb of saying above it ("Tehran could say the US undermined an agreement");
- a denial governing the cue: "Iran denied reports that one of its missiles had brought down the plane";
- a refusal to say, or a saying negated, governing the cue: "He refused, however, to confirm that the U.S. would
  conduct airstrikes in Syria" states neither that it would nor that it would not ("unconfirmed");
- an idiom whose words look like a position: "struck a defiant tone", "struck a cautious note" (a manner, not a
  position), "backing down" (not "backing");
- one actor's statement about another's position: "Graham ... had said the United States should 'sanction the hell
  out of Saudi Arabia'" is Graham's position, not the United States' ("attributed"); "He called on the United
  States to step up airstrikes" is his, not theirs ("urged").
Stated intentions are positions and stay: "will veto", "vowed to block", "would veto" without a condition.
`unasserted(sent, cue)` names the reason, or returns None. The extractor keeps no stance from an unasserted cue; the
stance model also sees the reason as a feature.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

CONDITIONAL_MARKS = {"if", "unless", "whether"}
EPISTEMIC_MODALS = {"could", "might", "may"}
HEDGES = {"likely", "possibly", "perhaps", "maybe"}
OFFER_MODALS = {"would", "could", "might", "may"}  # "he would support X if ...": a conditional offer
DENIALS = {"deny"}
REFUSALS = {"refuse", "decline"}
SAYING = {"confirm", "say", "comment", "discuss", "disclose", "reveal", "specify", "elaborate", "speculate", "rule"}
PRESCRIPTIVE = {"should", "must", "ought"}
URGING = {"call", "urge", "ask", "press", "push", "encourage", "tell", "pressure", "demand", "want"}
PRONOUNS = {"it", "we", "i", "they", "he", "she"}
MANNER_OBJECTS = {"tone", "note"}


NOT_GIVEN = "not given"  # `unasserted`'s cue_reason when the caller has not computed it


def unasserted(sent: Span, cue: Token, holder: Token | None = None, cue_reason: str | None = NOT_GIVEN) -> str | None:
    """The reason the sentence does not assert what `cue` (the word governing holder and target) expresses, or
    None. `holder`, when given, is the holder's anchor: a holder inside an if-clause is hypothetical too ("Even if
    the US manages to strike a deal, ...") and an urged or attributed holder states nothing. `cue_reason` is
    `unasserted_cue(sent, cue)` when the caller has it already (one per cue word, however many pairs it governs)."""
    reason = unasserted_cue(sent, cue) if cue_reason == NOT_GIVEN else cue_reason
    if reason in {"question", "conditional"}:
        return reason
    node = holder
    while node is not None and node.i != cue.i and node.head.i != node.i:
        if _opens_condition(node):
            return "conditional"
        node = node.head
    if reason:
        return reason
    if holder is not None and _urged(cue, holder):
        return "urged"
    if holder is not None and _attributed(cue, holder):
        return "attributed"
    return None


def unasserted_cue(sent: Span, cue: Token, text: str | None = None) -> str | None:
    """The reasons that depend on the cue word alone, in `unasserted`'s order: a question, a conditional, a modal or
    hedge, a denial, a refusal to say, an idiom; else None. `text` is the sentence's text when the caller has it
    (spaCy joins the words again on every read of `sent.text`)."""
    if (sent.text if text is None else text).rstrip().rstrip("\"'\u201d\u2019)").endswith("?"):
        return "question"
    chain = [cue, *(a for a in cue.ancestors if sent.start <= a.i < sent.end)]
    if any(_opens_condition(node) for node in chain):
        return "conditional"
    if _has_child(cue, "aux", OFFER_MODALS) and any(c.dep_ == "advcl" and _opens_condition(c) for c in cue.children):
        return "conditional"
    if _has_child(cue, "aux", EPISTEMIC_MODALS) or _has_child(cue, "advmod", HEDGES):
        return "modal"
    if any(_has_child(node, "aux", EPISTEMIC_MODALS) and node.lemma_.lower() in SAYING for node in chain[1:]):
        return "modal"  # "Tehran could say the US undermined an agreement": what someone might say
    if any(node.lemma_.lower() in DENIALS for node in chain):
        return "denial"
    refused_saying = [c for c in cue.children if c.dep_ == "xcomp"]  # "He refused to confirm that ..."
    if any(_unconfirmed(node) for node in chain + refused_saying):
        return "unconfirmed"
    if _idiom(cue):
        return "idiom"
    return None


def in_conditional_clause(tok: Token) -> bool:
    """The word or a word governing it is introduced by if/unless/whether."""
    return any(_opens_condition(node) for node in [tok, *tok.ancestors])


def _opens_condition(tok: Token) -> bool:
    return _has_child(tok, "mark", CONDITIONAL_MARKS)


def _has_child(tok: Token, dep: str, words: set[str]) -> bool:
    return any(c.dep_ == dep and c.lower_ in words for c in tok.children)


def _unconfirmed(tok: Token) -> bool:
    """A verb of saying someone refuses ("refused to confirm", "declined to say") or does not do ("would not
    confirm", "did not rule out")."""
    if tok.lemma_.lower() not in SAYING:
        return False
    refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSALS
    return refused or _has_child(tok, "neg", {"not", "n't", "never"})


def _idiom(cue: Token) -> bool:
    lemma = cue.lemma_.lower()
    if lemma == "strike" and any(c.dep_ == "dobj" and c.lemma_.lower() in MANNER_OBJECTS for c in cue.children):
        return True
    return lemma == "back" and _has_child(cue, "prt", {"down"})


def _urged(cue: Token, holder: Token) -> bool:
    """The holder is who is urged: the object of "call on", "urge", "press", "ask" governing the position."""
    if cue.lemma_.lower() not in URGING:
        return False
    return (
        holder.head.i == cue.i
        and holder.dep_ in {"dobj", "dative"}
        or (holder.dep_ == "pobj" and holder.head.head.i == cue.i)
    )


def _attributed(cue: Token, holder: Token) -> bool:
    """A prescription ("should", "must") for the holder, in a clause someone else says."""
    if not _has_child(cue, "aux", PRESCRIPTIVE):
        return False
    if cue.dep_ not in {"ccomp", "xcomp", "conj"} or holder.lower_ in PRONOUNS:
        return False
    speaker = _subject(cue.head)
    return speaker is not None and speaker.i != holder.i and speaker.lower_ != holder.lower_


def _subject(verb: Token) -> Token | None:
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head
    return None
