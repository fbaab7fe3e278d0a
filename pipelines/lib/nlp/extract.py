"""Run spaCy over article texts in batches and turn each article into mention, claim and stance rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from .. import dictionaries
from ..dictionaries import Dictionaries, alias_key
from . import stance_model
from .actors import ActorFinder, Mention, drop_unreliable, resolve_people, resolve_short_names, surname_mentions
from .claims import claims_of_tweet, extract_claims, named_after, remember_documents, tweet_claim, without_contained
from .context import ArticleMemory, Paragraph, TopicFinder
from .model import load_model
from .paragraphs import is_boilerplate, paragraphs
from .stance_features import Candidate, article_context, sentence_candidates
from .stances import extract_stances, stance_rows

# Bump when a rule changes what is extracted: articles extracted by another version are redone.
RULES_VERSION = "53"


def extractor_version(
    model_name: str, stance_version: str | None = None, dictionaries_version: str | None = None
) -> str:
    """What extraction rows are keyed by, with the article's text hash: rules version, dictionaries (the seeds'
    hash: a new actor alias or cue re-extracts every article), stance model (its file's hash) and spaCy model."""
    stance_version = stance_version or stance_model.load_cached().version
    dictionaries_version = dictionaries_version or dictionaries.load_cached().version
    return f"rules-{RULES_VERSION}/dict-{dictionaries_version}/stance-{stance_version}/{model_name}"


class Extractor:
    def __init__(
        self,
        model_name: str,
        dicts: Dictionaries,
        n_process: int = 1,
        batch_size: int = 64,
        stances: stance_model.StanceModel | None = None,
    ):
        self.nlp = load_model(model_name)
        self.dicts = dicts
        self.actor_finder = ActorFinder(self.nlp, dicts)
        self.topic_finder = TopicFinder(self.nlp, dicts)
        self.n_process = n_process
        self.batch_size = batch_size
        self.stance_model = stances or stance_model.load_cached()
        self.version = extractor_version(model_name, self.stance_model.version, dicts.version)

    def extract(self, articles: Iterable[tuple]) -> Iterator[dict]:
        """articles: (article_id, text, text_hash, published_at) -> one result dict per article, in input order."""
        pending: dict[str, tuple] = {}

        def paragraph_stream():
            for article_id, text, text_hash, published_at in articles:
                paras = list(paragraphs(text))
                pending[article_id] = (text_hash, published_at, len(paras))
                if not paras:
                    yield "", (article_id, 0, 0)
                for i, (offset, para) in enumerate(paras):
                    yield para, (article_id, i, offset)

        current_id, docs = None, []
        for doc, (article_id, _index, offset) in self.nlp.pipe(
            paragraph_stream(), as_tuples=True, n_process=self.n_process, batch_size=self.batch_size * 4
        ):
            if article_id != current_id and current_id is not None:
                yield self._result(current_id, pending.pop(current_id), docs)
                docs = []
            current_id = article_id
            if len(doc):
                docs.append((doc, offset))
        if current_id is not None:
            yield self._result(current_id, pending.pop(current_id), docs)

    def _result(self, article_id: str, info: tuple, docs: list[tuple[Doc, int]]) -> dict:
        text_hash, published_at, _ = info
        mentions, claims, stances = self.analyze(docs, published_at)
        return {
            "article_id": article_id,
            "text_hash": text_hash,
            "mentions": [_mention_row(article_id, i, m) for i, m in enumerate(mentions)],
            "claims": [_public(c) | {"article_id": article_id} for c in claims],
            "stances": [_public(s) | {"article_id": article_id} for s in stances],
        }

    def analyze(
        self, docs: list[tuple[Doc, int]], published_at=None, on_candidates=None
    ) -> tuple[list[Mention], list[dict], list[dict]]:
        """Mentions, claims and stances of one article given its parsed paragraphs and their offsets.
        `on_candidates(par, sent, candidates)`, when given, sees every sentence's scored candidates (training)."""
        per_paragraph, first_sentence = [], 0
        # headline links, photo credits, "X contributed to this report": not the article's actors or claims
        boilerplate = [is_boilerplate(doc.text) for doc, _ in docs]
        for index, (doc, offset) in enumerate(docs):
            sents = list(doc.sents)
            mentions = [] if boilerplate[index] else self.actor_finder.find(doc, index, offset, first_sentence)
            per_paragraph.append((doc, offset, first_sentence, mentions, sents))
            first_sentence += len(sents)
        all_mentions = [m for _, _, _, ms, _ in per_paragraph for m in ms]
        resolve_people(all_mentions, self.dicts)
        resolve_short_names(all_mentions, self.dicts)
        kept = drop_unreliable(all_mentions)
        # names spaCy alone found and that look unreliable ("Microsoft") stay aside: one becomes a mention when it
        # is the speaker of a claim
        spare = [[m for m in ms if id(m) not in kept] for _, _, _, ms, _ in per_paragraph]
        per_paragraph = [
            (doc, offset, first, [m for m in ms if id(m) in kept], sents)
            for doc, offset, first, ms, sents in per_paragraph
        ]
        all_mentions = [m for m in all_mentions if id(m) in kept]
        per_paragraph = [
            (
                doc,
                offset,
                first,
                ms if boilerplate[index] else surname_mentions(doc, ms, all_mentions, index, offset, first),
                sents,
            )
            for index, (doc, offset, first, ms, sents) in enumerate(per_paragraph)
        ]
        all_mentions = [m for _, _, _, ms, _ in per_paragraph for m in ms]
        memory = ArticleMemory(published_at=published_at, mentions=all_mentions, dicts=self.dicts)
        per_sentence = []
        for index, (doc, offset, first, mentions, sents) in enumerate(per_paragraph):
            if boilerplate[index]:
                continue
            par = Paragraph(
                doc, index, offset, first, mentions, self.topic_finder.find(doc), memory, sents, spare=spare[index]
            )
            # claims of the whole paragraph first: a quote that spans sentences is known before the stances in it
            tweet, in_tweet = tweet_claim(par, self.dicts), []
            for sent in sents:
                found = extract_claims(par, sent, self.dicts)
                if tweet is None:
                    _remember(memory, found)
                else:
                    in_tweet.extend(found)
                par.remember(sent)
                remember_documents(par, sent)
            if tweet is not None:
                _remember(memory, claims_of_tweet(tweet, in_tweet, memory.claims))
            for sent in sents:
                candidates = sentence_candidates(par, sent, self.dicts, extract_stances(par, sent, self.dicts))
                per_sentence.append((par, sent, candidates))
        # the candidates of the whole article first: a pair's cues in its other sentences are features of each
        article_context([candidates for _, _, candidates in per_sentence])
        for par, sent, candidates in per_sentence:
            if on_candidates is not None:
                on_candidates(par, sent, candidates)
            memory.stances.extend(self._model_stances(par, sent, candidates))
        claims = without_contained(memory.claims)
        named_after(claims, all_mentions)
        return all_mentions, claims, per_article(memory.stances)

    def _model_stances(self, par, sent, candidates: list[Candidate]) -> list[dict]:
        rows = []
        for c in candidates:
            if c.unasserted:  # a question, a conditional, a hedge, a denial: no position is stated (modality.py)
                continue
            decision = self.stance_model.decide(c.features)
            if decision is None:
                continue
            polarity, confidence = decision
            cue = sent.doc[c.cue_token]
            for row in stance_rows(
                par, sent, cue, c.holder, c.target.as_tuple(), polarity, negated="neg" in c.features
            ):
                rows.append(row | {"confidence": round(confidence, 4)})
        return rows


def _remember(memory, claims: list[dict]) -> None:
    for claim in claims:
        claim["claim_index"] = len(memory.claims)
        memory.claims.append(claim)


def per_article(observations: list[dict]) -> list[dict]:
    """One row per holder, target and polarity (and holder level) in an article, as an analyst counts stances:
    the most confident sentence is its evidence and `sentence_count` says in how many sentences it was found."""
    best: dict[tuple, dict] = {}
    counts: dict[tuple, int] = {}
    for row in observations:
        key = _stance_key(row)
        counts[key] = counts.get(key, 0) + 1
        if key not in best or row["confidence"] > best[key]["confidence"]:
            best[key] = row
    out = sorted(best.values(), key=lambda r: (r["start_char"], -r["confidence"]))
    for i, row in enumerate(out):
        row["stance_index"] = i
        row["sentence_count"] = counts[_stance_key(row)]
    return out


def _stance_key(row: dict) -> tuple:
    return (
        row["holder_actor_id"],
        row["holder_level"],
        row["target_type"],
        row["target_actor_id"] or row["topic_id"],
        row["polarity"],
    )


def _mention_row(article_id: str, index: int, m: Mention) -> dict:
    return {
        "article_id": article_id,
        "mention_index": index,
        "actor_id": m.actor_id,
        "actor_name": m.actor_name,
        "actor_type": m.actor_type,
        "mention_text": m.text,
        "canonical_text": m.canonical,
        "alias_key": alias_key(m.canonical),
        "ner_label": m.ner_label,
        "sentence_index": m.sentence_index,
        "start_char": m.start,
        "end_char": m.end,
    }


def _public(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.startswith("_")}
