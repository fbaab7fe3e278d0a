"""Claims: who asserted what, through which cue.

Rules, tried per sentence in this order (a cue token serves one claim):
1. direct quotes: a quoted segment attributed by a cue verb outside the quotes, in the same or the next sentence
   of the paragraph ('"We will respond," he said.'; '... ,” Zarif told reporters.'); one claim per quoted segment;
2. `according to X`: the rest of the sentence is X's claim;
3. cue verbs with a clausal complement: nsubj = speaker, ccomp = content ("Gantz claimed that ..."), in either order
   ("..., officials said"); when the parser hangs the that-clause elsewhere ("revealed for the first time that ...")
   the clause after "that" is the content;
4. a claim whose content names an earlier claim's speaker together with a dispute/confirm marker ("the US assessed
   that Gantz overstated ...") points at that claim (`about_claim_index`).
A paragraph that is an embedded tweet ("... The world is watching \u2014 Sarah Sanders (@PressSec) December 30,
2017") is one claim of its author, cue "tweet" (`tweet_claim`), unless the rules above find a named speaker in it
(`claims_of_tweet`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from ..dictionaries import Dictionaries, alias_key
from .actors import TITLES, gender
from .context import NON_STATE_HEADS, UNNAMED_HEADS, Paragraph, lower_office

QUOTE_SPAN = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{2,}?)[\"\u201d]")
QUOTE_MARKS = {'"', "\u201c", "\u201d"}  # and single marks around speech: _single_quote_segments
OPEN_CURLY = "\u201c"
HEDGE_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently"}
UNNAMED_SOURCES = {
    "official",
    "source",
    "officials",
    "sources",
    "diplomat",
    "diplomats",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "observer",
    "observers",
    "people",
    "witness",
    "witnesses",
    "critic",
    "critics",
    "report",
    "reports",
    "statement",
    "media",
    "medium",  # spaCy's lemma of "media"
    "newspaper",
    "study",
    "poll",
}
MIN_CONTENT_WORDS = 3
EMBEDDED_QUESTION = {"what", "whether", "how", "if", "which", "who", "why", "when", "where", "whom"}
# "the statement said", "the leader said", "it said": the author of the latest claim
DEFINITE_SPEAKERS = {
    "statement",
    "leader",
    "minister",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "tweet",
    "agency",
    "ministry",
    "government",
    "communique",
    "announcement",
    "it",
}
# sources that are records, not speakers: a definite one is not the speaker of the sentence before
RECORDS = {
    "site",
    "website",
    "data",
    "datum",  # spaCy's lemma of "data": "according to data from the State Department"
    "footage",
    "figure",
    "document",
    "record",
    "analysis",
    "estimate",
    "survey",
    "poll",
    "study",
    "map",
    "image",
    "photo",
    "video",
    "page",
    "database",
}
# records that speak for whoever made them ("a report from Time magazine", "the latest Gallup poll", "Television
# footage by Al Jazeera"), besides RECORDS
SOURCED_RECORDS = {
    "report",
    "release",
    "story",
    "cable",
    "memo",
    "letter",
    "photograph",
    "broadcast",
    "tally",
    "investigation",
    "inquiry",
    "probe",
    "audit",
    "book",
    "memoir",
}
# what something is said in or through ("in a statement", "via a tweet", "at a news conference")
MEDIA_OF_SAYING = {
    "statement",
    "series",
    "interview",
    "speech",
    "address",
    "conference",
    "briefing",
    "tweet",
    "post",
    "letter",
    "message",
    "hearing",
    "call",
    "broadcast",
    "appearance",
    "op-ed",
    "column",
    "video",
    "release",
}
# a share of those polled ("Fifty-one percent say", "62% believe")
SHARES = {"percent", "%"}
POLLS = {"poll", "survey"}
# the verbs of a report that ends its sentence after what was said ("..., the official news agency IRNA reported")
TRAILING_REPORTS = {"report", "say"}
# documents that speak for whoever made them: "The report said" after "a United Nations report on the attack" is
# the United Nations
DOCUMENTS = {
    "statement",
    "report",
    "letter",
    "memo",
    "cable",
    "release",
    "message",
    "communique",
    "document",
    "draft",
    "proclamation",
    "study",
    "survey",
    "poll",
    "investigation",  # "the investigation found" after "a POLITICO investigation"
    "inquiry",
    "probe",
    "audit",
    "analysis",
}
# a document someone obtained, saw or read is not theirs ("documents obtained by CNN"); one they issued is
OBTAINING = {"obtain", "see", "review", "receive", "acquire", "view", "read", "examine", "leak"}
ISSUING_VERBS = {"issue", "release", "publish", "send", "write", "deliver", "post", "sign", "circulate", "put"}
# who issued a statement made it ("a statement released by the White House"); who published, posted, sent or
# circulated it may only relay it ("a statement carried by IRNA")
MAKING_VERBS = ISSUING_VERBS - {"publish", "post", "send", "circulate", "put"} | {"author", "draft", "make"}
# nouns whose infinitive is what someone could do, not what they did ("an opening to argue that ...")
OPENINGS = {"opening", "opportunity", "chance", "excuse", "pretext", "ammunition", "license", "room", "incentive"}
# what the news media are called once named ("the newspaper reported" after "by the WSJ")
MEDIA_NOUNS = {"newspaper", "paper", "daily", "magazine", "tabloid", "broadsheet", "broadcaster", "publication"}
MEDIA_HEADS = {"agency", "service", "outlet", "network", "channel", "station", "site", "website"}
MEDIA_KINDS = {"news", "wire", "television", "tv", "radio", "media", "satellite"}
# words of a news outlet's name or aliases ("Wall Street Journal", "Fars News Agency", "The Harvard Crimson"), and
# the dictionary's outlets whose names have none of them
MEDIA_NAME_WORDS = {
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "gazette",
    "tribune",
    "daily",
    "magazine",
    "telegraph",
    "guardian",
    "press",
    "presse",
    "tv",
    "television",
    "broadcasting",
    "radio",
    "monitor",
    "examiner",
    "beacon",
    "crimson",
    "sun",
    "mail",
    "observer",
    "economist",
    "chronicle",
    "newspaper",
}
MEDIA_ACTORS = {
    "reuters",
    "al-jazeera",
    "al-arabiya",
    "kayhan",
    "haaretz",
    "tass",
    "ria-novosti",
    "rt",
    "tanjug",
    "politico",
    "vox",
    "newsweek",
    "der-spiegel",
    "msnbc",
    "al-manar",
    "national-review",
    "weekly-standard",
    "daily-caller",
}
# singular nouns for a person the article does not name, whom "he" or "she" in the next sentence continues
UNNAMED_PEOPLE = {
    "analyst",
    "official",
    "expert",
    "diplomat",
    "negotiator",
    "source",
    "witness",
    "resident",
    "man",
    "woman",
    "one",
}
# documents and bodies that say things without being people ("the deal, which says ...", "a group that said")
SPEAKING_THINGS = {
    "deal",
    "agreement",
    "law",
    "bill",
    "resolution",
    "treaty",
    "text",
    "plan",
    "proposal",
    "legislation",
    "measure",
    "order",
    "group",
    "organization",
    "organisation",
    "company",
    "firm",
    "agency",
    "party",
    "body",
    "network",
    "channel",
    "outlet",
    "newspaper",
    "paper",
    "magazine",
    "website",
    "committee",
    "council",
    "court",
    "panel",
    "team",
    "campaign",
    "coalition",
    "movement",
    "person",
    "man",
    "woman",
}
QUESTION_CUES = {"ask", "wonder", "question"}
# what "according to" can follow without naming a source ("according to plan", "according to our own timing")
NOT_SOURCES = {
    "timing",
    "choice",
    "plan",
    "schedule",
    "law",
    "rule",
    "principle",
    "tradition",
    "custom",
    "need",
    "standard",
    "script",
    "design",
    "procedure",
    "protocol",
    "wish",
    "instruction",
    "guideline",
    "calendar",
    "timetable",
}
REFUSALS = {"decline", "refuse", "fail"}
# "now that", "so that", "given that": a "that" that opens no reported clause
NOT_COMPLEMENTIZERS = {"now", "so", "such", "given", "except", "provided", "in"}
# a cue these govern is not (yet) an assertion: "would say", "will tell nations they must confront ..." (a speech
# announced, not given)
HYPOTHETICAL_AUX = {"would", "could", "might", "should", "will", "'ll", "shall"}
# an infinitive cue under these is an aim, not an assertion ("doesn't need to release bombs to show it is powerful")
INTENTIONS = {"need", "want", "try", "seek", "plan", "hope", "intend", "aim", "wish"}
NOBODY = {"nobody", "none", "noone"}
AUX_DEPS = {"aux", "auxpass", "neg"}
SPEAKER_JUNK = " \t\n,;:\"'\u201c\u201d\u2018\u2019-\u2013\u2014\u00b7\u2022"  # and list bullets
# some of a body's members are not the body ("some Republicans", "many Israelis")
SOME_OF = {"some", "many", "several", "few", "other", "most", "two", "three"}
# heads of a definite description that names a person by office ("the defense secretary", "the commander")
PERSON_ROLES = {
    "minister",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "senator",
    "governor",
    "commander",
    "chairman",
    "chairwoman",
    "speaker",
    "leader",
    "ambassador",
    "envoy",
    "negotiator",
    "king",
    "prince",
    "emir",
    "general",
    "director",
    "chief",
    "premier",
    "congressman",
    "congresswoman",
    "lawmaker",
    "adviser",
    "advisor",
    "aide",
    "mayor",
    "candidate",
    "nominee",
    "frontrunner",
    "representative",
    "attorney",
    "judge",
    "cleric",
    "ayatollah",
    "head",
    "pm",
}
SUBJECTS = {"nsubj", "nsubjpass", "agent", "csubj"}
# what the writer reads a conclusion from, unlike a poll, a study or a report, which speak for their makers
INFERENCE_SUBJECTS = {
    "policy",
    "record",
    "history",
    "evidence",
    "behavior",
    "behaviour",
    "action",
    "pattern",
    "strike",
    "attack",
    "move",
    "decision",
    "step",
    "timing",
    "silence",
    "response",
    "shift",
    "escalation",
    "incident",
    # events: "McCain's use as a foot soldier by IS indicates", "The city siege ... signaled that"
    "use",
    "siege",
    "death",
    "killing",
    "refusal",
    "withdrawal",
    "presence",
    "absence",
    "involvement",
    "failure",
    "success",
    "victory",
    "defeat",
    "loss",
    "arrival",
    "visit",
    "capture",
}
TOLLS = {"life", "live", "victim", "death", "casualty"}  # what a war or a disease "claims": not a claim
INFERENCE_CUES = {"suggest", "show", "indicate", "mean", "demonstrate", "prove", "signal"}
# what a picture shows is the writer describing it ("The video shows the tense moments officers rammed the door"):
# none of the 240 training articles annotates one as a claim
VISUALS = {"video", "footage", "image", "photo", "photograph", "picture", "clip", "videotape", "still"}
DEPICTING = {"show", "depict", "capture"}
# what someone found, wrote or signed, which speaks for them as a report does ("research by Harvard suggests", "The
# Washington Post's The Fix blog suggests", "the framework accord shows")
FINDINGS = {
    "research",
    "finding",
    "assessment",
    "intelligence",
    "review",
    "reporting",
    "testimony",
    "blog",
    "column",
    "editorial",
    "article",
    "post",
    "tweet",
    "remark",
    "sheet",
    "presentation",
    "filing",
    "accord",
}
# people who stand by or against someone without speaking for them: "her backers", "Iran's allies", "Trump's critics"
FOLLOWERS = {
    "backer",
    "supporter",
    "critic",
    "ally",
    "opponent",
    "detractor",
    "defender",
    "apologist",
    "friend",
    "relative",
    "camp",  # "Mr. Netanyahu's camp"
    "lawyer",  # "Khatami's lawyers"
    "attorney",
    "associate",
    "confidant",
    "loyalist",
}
# people named by their tie to another person ("Netanyahu's wife", "Trump's daughter", "his chief rival"): not them
RELATIVES = {
    "wife",
    "husband",
    "son",
    "daughter",
    "father",
    "mother",
    "brother",
    "sister",
    "widow",
    "family",
    "rival",
    "challenger",
    "successor",
    "predecessor",
}
# parties whose singular noun is one member ("the Massachusetts Democrat"), and how far back (characters) the person
# such an epithet stands for may have been named
PARTIES = {"democratic-party", "republican-party"}
EPITHET_REACH = 1500
# the offices a state's epithet stands for ("the Iranian diplomat": its foreign minister or an envoy named before)
DIPLOMATS = (
    "foreign minister",
    "ambassador",
    "envoy",
    "special envoy",
    "special representative",
    "chief negotiator",
    "secretary of state",
)
EPITHET_OFFICES = {
    "diplomat": DIPLOMATS,
    "negotiator": DIPLOMATS,
    "envoy": DIPLOMATS,
    "leader": ("president", "prime minister", "supreme leader", "king", "emir", "crown prince"),
}
# verbs whose object does what follows, and did it: "led some experts to say", "prompted users to argue", "forced
# him to admit" (not "pushed", "urged" or "asked him to admit": he may not have)
CAUSATIVES = {"lead", "prompt", "spur", "drive", "cause", "force", "compel", "inspire", "move", "get"}
# who speaks for an organisation or state without being named: "a Vatican spokesman" is the Vatican's word
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "statement", "communique", "announcement"}
GOVERNMENT_NOUNS = {"ministry", "department", "government", "administration", "cabinet"}
# nouns that name a person but not an office: "the GOP frontrunner", "the Michigan Democrat", "the first daughter"
PERSON_NOUNS = {
    "frontrunner",
    "officer",
    "democrat",
    "republican",
    "daughter",
    "son",
    "wife",
    "husband",
    "prosecutor",
    "founder",
    "head",
    "member",
    "journalist",
    "reporter",
    "correspondent",
    "columnist",
    "editor",
    "economist",
    "professor",
    "teen",
    "teenager",
    "student",
    "activist",
    "lawyer",
    "veteran",
    "widow",
    "mother",
    "father",
}
# cues whose content can be a noun phrase ("Iran denied any intention to ...", "Rouhani called for an end to ...")
OBJECT_CUES = {
    "announce",
    "label",
    "express",
    "deny",
    "reiterate",
    "question",
    "implore",
    "demand",
    "reject",
    "acknowledge",
    "describe",
    "term",
    "predict",
    "voice",
    "promise",
    "pledge",
    "vow",
    "dismiss",
    "call",
    "claim",
    "confirm",
    "reveal",
    "warn",
    "accuse",
    "blame",
    "criticize",
    "praise",
}
# cues that name something: in "called those questions a distraction" what was said is the name ("a distraction"),
# as the annotations take it (45 of the 56 with these cues), not the thing named
NAMING_CUES = {"call", "label", "term", "dub", "brand"}

# words that open the writer's gloss after a dash ("-- an assessment at odds with ...", "-- as Netanyahu looks to ...")
GLOSS_OPENERS = {"a", "an", "as", "while", "which", "even"}
# what opens the writer's narration after a closing quote ('...," and from an interview', '...," and when he')
TIME_MARKS = {"when", "while", "before", "after", "as"}
DASHES = {"--", "\u2014", "\u2013"}
# a verb's negation, which what was said never ends before ("the deal itself isn't working")
NEGATIONS = {"n't", "n\u2019t", "not"}
# what the writer calls the words just reported ("..., comments that were echoed by ...", "..., remarks which")
GLOSS_NOUNS = {"comment", "remark", "word", "statement", "sentiment", "view", "claim", "assertion", "warning"}
# nouns with which a writer sets an apposition beside a quote ('"...," a reference to ...')
APPOSITION_GLOSSES = GLOSS_NOUNS | {"reference", "allusion", "nod", "jab", "swipe", "dig", "echo"}
# participles with which a writer glosses the speaker's words ("..., pointing to", "..., citing")
GLOSS_PARTICIPLES = {"point", "cite", "note", "add", "say", "argue", "refer", "stress", "insist", "accuse", "claim"}
# cues whose object is the one told, not what is said ("told Netanyahu the United States would ...")
ADDRESSEE_CUES = {"tell", "inform", "brief", "assure", "warn", "remind", "ask", "urge", "caution", "answer"}
# sentence-opening adverbs that are not names
CONNECTIVES = {"however", "meanwhile", "still", "also", "later", "then", "now", "earlier", "instead", "yet", "so"}
# a report that ends its sentence: the words of its speaker's phrase, and of what may follow the cue
SPEAKER_PHRASE_POS = {"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART", "CCONJ", "PUNCT"}
TRAILER_POS = {"ADV", "ADP", "NOUN", "PROPN", "DET", "NUM", "ADJ", "PUNCT", "PART"}


CAPTION = re.compile(r"\b(?:media|image|video|photo) caption\b|\bplay video\b|\s[\u2013\u2014] video\b", re.I)


# An embedded tweet as the page's text keeps it: the tweet, a dash, the author's name, the handle and the date
EMBEDDED_TWEET = re.compile(
    r"^(?P<text>.+?)\s*[\u2014\u2013-]{1,2}\s*(?P<name>[^()\u2014\n]{1,60}?)\s*\(@(?P<handle>\w{1,15})\)\s*"
    r"(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s*$",
    re.DOTALL,
)
# what a tweet carries besides its words: links, picture links, a thread's "(2/2)", a label ("URGENT:"), trailing
# hashtags
_TWEET_TAIL = re.compile(r"(?:\s*(?:https?://\S+|pic\.twitter\.com/\S+|#\w+|\u2026|\.{3}))+\s*$")
# a tweet that quotes a name before a colon
_TWEET_LABEL = re.compile(r"(?P<label>[A-Z][^:\"\u201c\n]{1,40}?):\s*(?=[\"\u201c])")
_TWEET_HEAD = re.compile(r"^(?:\(?\d{1,2}(?:/| of )\d{1,2}\)?:?\s*|[A-Z]{4,}(?: \d{1,2}/\d{1,2})?:\s*)+")


def tweet_claim(par: Paragraph, dicts: Dictionaries) -> dict | None:
    """The claim of a paragraph that is an embedded tweet: its author says its words (cue "tweet"); a tweet that
    quotes a name before a colon ('Ari Fleischer: "I think ..."') is that name's claim. None for any other
    paragraph. (A tweet that reports speech in words, "HRC says it is ...": `claims_of_tweet`.)
    A retweet of someone's words in quotation marks is its author's, as the annotations have it ("'This is
    insane. ...' \u2014 The Associated Press (@AP)")."""
    found = EMBEDDED_TWEET.match(par.text)
    if found is None:
        return None
    text = found.group("text")
    head = _TWEET_HEAD.match(text)
    start = head.end() if head else 0
    tail = _TWEET_TAIL.search(text, start)
    end = tail.start() if tail else len(text)
    name_span = found.span("name")
    label = _TWEET_LABEL.match(text, start)
    if label is not None:
        quoted = par.mentions_in(*_token_bounds(par, label.start("label"), label.end("label")))
        if quoted:
            name_span, start = label.span("label"), label.end()
    start, end = _strip_span(par.text, start, end)
    name = par.doc.char_span(*name_span, alignment_mode="expand")
    handle = par.doc.char_span(*found.span("handle"), alignment_mode="expand")
    if len(par.text[start:end].split()) < MIN_CONTENT_WORDS or name is None or handle is None:
        return None
    sent = next(s for s in par.sents if s.end_char > start)
    claim = _claim(par, sent, handle.root, name.root, start, end, "direct_quote", dicts)
    speaker = next(iter(par.mentions_in(name.start, name.end)), None) or claim["_speaker_mention"]
    claim |= {
        "speaker_text": par.text[slice(*name_span)],
        "speaker_actor_id": speaker.actor_id if speaker else None,
        "speaker_alias_key": alias_key(speaker.canonical) if speaker else None,
        "cue": "tweet",
        "cue_text": "@" + found.group("handle"),
        "is_negated": False,
        "about_relation": None,
        "evidence_text": par.text,
        "_speaker_mention": speaker,
    }
    return claim


def claims_of_tweet(tweet: dict, found: list[dict], earlier: list[dict]) -> list[dict]:
    """What an embedded tweet's paragraph claims: what the sentence rules found in it when one of those names its
    speaker (a tweet quoting someone: "'While Iran will never ...,' the president continued"), else the tweet
    itself, its author's; nothing new when the story has already quoted it (the tweet shown below the sentence
    that quotes it)."""
    named = [c for c in found if c["_speaker_mention"] is not None and c["_subject_tag"] not in {"PRP", "PRP$"}]
    if named:
        return found
    words = _words(tweet["claim_text"])
    return [] if any(_overlap(words, _words(c["claim_text"])) >= 0.5 for c in earlier) else [tweet]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _overlap(a: list[str], b: list[str]) -> float:
    """Word F1 of two texts (as the scorer compares a claim's content with an annotation's)."""
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    return 2 * common / (len(a) + len(b)) if common else 0.0


def _ending_by(claim: dict, par: Paragraph, end: int) -> dict:
    start = claim["start_char"] - par.offset
    if claim["end_char"] - par.offset <= end:
        return claim
    start, end = _strip_span(par.text, start, max(start, end))
    return claim | {
        "claim_text": par.text[start:end],
        "end_char": par.offset + end,
        "_content_tokens": par.doc.char_span(start, end, alignment_mode="expand"),
    }


def _token_bounds(par: Paragraph, start: int, end: int) -> tuple[int, int]:
    span = par.doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def extract_claims(par: Paragraph, sent: Span, dicts: Dictionaries) -> list[dict]:
    if CAPTION.search(sent.text):
        return []  # "Media caption Matt McGrath explains why ...", "Play Video 1:10 Trump calls for ... – video"
    claims: list[dict] = []
    used: set[int] = set()
    for claim in _quote_claims(par, sent, dicts, used):
        claims.append(claim)
    claims.extend(_according_to_claims(par, sent, dicts, used))
    claims.extend(_cue_verb_claims(par, sent, dicts, used))
    claims.extend(_hearsay_claims(par, sent, used, claims))
    tweet = EMBEDDED_TWEET.match(par.text)
    if tweet is not None:  # a tweet reporting speech: what is said ends where the tweet's words end
        claims = [_ending_by(c, par, tweet.end("text")) for c in claims]
    claims = [c for c in claims if not _nested(c, claims) and c["end_char"] > c["start_char"]]
    claims = [c for c in _without_repeats(claims, par.memory.claims) if not _asks(par, c)]
    introduction = _colon_introduction(par, sent, dicts, used)
    if introduction is not None:
        par.memory.introduced = introduction
    for claim in claims:
        _link_to_earlier(claim, par, dicts)
        speaker = claim["_speaker_mention"]
        if speaker is not None and speaker.actor_type == "person":
            par.memory.last_speaker_person = speaker
            # where it was said, not where the person was first named ("Carney said" resolves to the mention of
            # "Jay Carney" three paragraphs up)
            par.memory.last_speaker_at = par.offset + sent.start_char
    return claims


# --- rule 1: direct quotes -------------------------------------------------------------------------------------


def _quote_claims(par: Paragraph, sent: Span, dicts: Dictionaries, used: set[int]) -> list[dict]:
    out = []
    text = par.text
    here = par.sentence_position(sent)
    for seg in _quote_segments(text):
        q_open, q_start, q_end, q_close, closed = seg
        # each quote is handled in the sentence where it ends
        end_tok = par.doc.char_span(q_end - 1, q_end, alignment_mode="expand")
        if end_tok is None or not (sent.start <= end_tok.start < sent.end):
            continue
        if len(text[q_start:q_end].split()) < MIN_CONTENT_WORDS or not _speech_quote(text, seg):
            continue
        content_start, content_end = _strip_span(text, q_start, q_end)
        start_tok = par.doc.char_span(q_start, q_start + 1, alignment_mode="expand")
        first = _position_of(par, start_tok.start) if start_tok is not None else here
        cue = _quote_cue(par, first, here, q_open, q_close, closed, dicts, used)
        if cue is None:
            earlier = _continued_quote(par, text, q_open, first)
            attributed = par.memory.attributed
            if (
                attributed is not None
                and attributed["_paragraph"] == par.index
                and (earlier is None or earlier["end_char"] <= attributed["end_char"])
                and text[:q_open].rstrip()[-1:] in {".", "?", "!", '"', "\u201d"}
            ):
                # '"What do you intend to do ...?" Mr. Cruz said. "With regard to ISIS, ..."': after a question,
                # the quote that follows is still the speaker's
                earlier = attributed
            if (
                earlier is None
                and out
                and (text[:q_open].rstrip().endswith(",") or text[q_start : q_start + 1].islower())
            ):
                # '"To question ...," Jay Carney said Jan. 14, "is not something ..."'; '"The purpose of my
                # address to Congress," Netanyahu told the AIPAC on Monday "is to speak up about ..."'
                earlier = out[-1]
            if earlier is not None:
                out.append(_continued_claim(par, sent, earlier, content_start, content_end, closed))
            continue
        if _embeds_quote(par.doc, _content_clause(cue), q_open, q_close):
            continue  # 'Trump said reports ... had "crossed a lot of lines"': rule 3 takes the whole clause
        if _a_name_not_speech(par.doc, q_start, q_end):
            continue  # 'a letter addressed to “leaders of the Islamic Republic of Iran,”': a name, not speech
        used.add(cue.i)
        subject = _quote_speaker(cue, q_open, q_close)
        if _not_asserted(cue, subject):
            continue
        attribution = "direct_quote"
        clause_start = _reported_clause_before(cue, q_start, dicts)
        if clause_start is not None:
            content_start, attribution = clause_start, "indirect"
        else:
            lead = _subject_before_quote(par.doc, cue, q_start, q_end)
            content_start = content_start if lead is None else lead
        if _a_question(text, content_start, content_end):
            # asserts nothing, but a quote that follows it is still the speaker's
            par.memory.attributed = _claim(par, sent, cue, subject, content_start, content_end, "direct_quote", dicts)
            continue
        for speaker in _coordinated(par, subject):
            claim = _claim(par, sent, cue, speaker, content_start, content_end, attribution, dicts)
            claim["_open_quote"] = not closed
            out.append(claim)
            par.memory.attributed = claim
    return out


def _a_name_not_speech(doc, q_start: int, q_end: int) -> bool:
    """A quoted phrase that is the object of a preposition other than "as" ("addressed to “...”") or, without a
    verb, the apposition of a thing ('a New York Times editorial, “Murder in the Air,” declared'), by the parse: a
    title or an address, not words someone said."""
    span = doc.char_span(q_start, q_end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and not any(t.pos_ in {"VERB", "AUX"} for t in span):
        return True
    # the preposition right before the quote, not one the parser reached across a name ("in the words of ...
    # Andrew Bacevich, “pursuing the bad guys ...”")
    return root.dep_ == "pobj" and root.head.lower_ != "as" and span.start - 2 <= root.head.i < span.start


def _subject_before_quote(doc, cue: Token, q_start: int, q_end: int) -> int | None:
    """Where what was said starts when the quote leaves out its own subject, which stands right before it or before
    the speaker's parenthesis ("Trump declared ... that Iran “appears to be standing down,”"; "Iran, he added, “will
    begin to enrich again ...”"): at the subject, so the claim says who acts."""
    span = doc.char_span(q_start, q_end, alignment_mode="expand")
    if span is None:
        return None
    subject = verb = None
    for verb in [span[0], *span[0].ancestors]:  # the quote's verb, not one the parser found inside it
        outside = not (span.start <= verb.i < span.end)
        if outside and verb.i < span.start - 2:
            break  # a verb right before the quote still counts ('is “related to ...”')
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < span.start), None)
        if subject is not None or outside:
            break
    if subject is None or subject.sent != span.sent:
        return _clause_opening_before_quote(doc, span, cue)
    parenthesis = {d.i for d in cue.subtree} if cue.dep_ == "parataxis" else set()
    between = doc[subject.right_edge.i + 1 : span.start]
    if all(
        t.is_punct or t.i in parenthesis or t.i == verb.i or t.head.i == verb.i and t.dep_ in AUX_DEPS for t in between
    ):
        return subject.left_edge.idx
    return None


def _clause_opening_before_quote(doc, span: Span, cue: Token) -> int | None:
    """Where what was said starts when the quote opens right after the verb of a clause that opens the sentence and
    the parse lost the clause's subject ("The decision to send more U.S. troops into the Middle East is “related to
    what is required ...,” Kathryn Wheelbarger ... said"): at the sentence's start."""
    sent = span.sent
    before = [t for t in doc[sent.start : span.start] if not (t.is_punct and t.text in QUOTE_MARKS | {"\u2018"})]
    if len(before) < 3 or not (before[-1].pos_ == "AUX" or before[-1].tag_ in {"VBZ", "VBP", "VBD", "MD"}):
        return None
    if any(t.is_punct or t.i == cue.i for t in before):
        return None
    return sent.start_char


def _reported_clause_before(cue: Token, q_start: int, dicts: Dictionaries) -> int | None:
    """Where the reported clause starts when the quote only ends it, in a clause the parser joined to the cue ("said
    the emergence of a more benign government in Tehran is possible, but it is “also one of the current protests’
    least likely outcomes.”"; "said ... that people have the right to demonstrate, but those demonstrations should
    not make the public “feel concerned ...”"): the claim is the whole, not the quoted fragment."""
    clause = _content_clause(cue)
    doc = cue.doc
    if clause is None or doc[clause[0]].idx >= q_start or doc[clause[0]].i < cue.i:
        return None
    inside = doc.char_span(q_start, q_start + 1, alignment_mode="expand")
    if inside is None:
        return None
    for tok in [inside[0], *inside[0].ancestors]:
        if tok.dep_ == "conj" and tok.head.i == cue.i:
            # a clause about the same thing ("but it is"), not a second report ("and said", "and Obama believes")
            subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.lower_ in {"it", "this", "that"} and tok.lemma_.lower() in {"be"}:
                return doc[clause[0]].idx
            if (
                subject is not None
                and subject.pos_ == "NOUN"
                and tok.lemma_.lower() not in dicts.cues
                and any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)
            ):
                return doc[clause[0]].idx  # "but those demonstrations should not make ...": what was said goes on
            return None
    return None


def _colon_introduction(par: Paragraph, sent: Span, dicts: Dictionaries, used: set[int]) -> dict | None:
    """A sentence that ends the paragraph with a colon after a cue and its subject, the quote to follow in the next
    paragraph ("NPR's Emily Harris tells our Newscast unit ... Emily says:"; "The White House has issued this
    description of a call made today:"): a claim-like record of that speaker, without content."""
    if not sent.text.rstrip().endswith(":") or par.sentence_position(sent) != len(par.sents) - 1:
        return None
    for tok in reversed(list(sent)):
        if tok.i in used or tok.lemma_.lower() not in dicts.cues or tok.pos_ not in {"VERB", "AUX"}:
            continue
        subject = _subject(tok)
        if subject is None or _inside_any_quote(par.text, tok.idx) or _not_asserted(tok, subject):
            continue
        end = sent.end_char
        claim = _claim(par, sent, tok, subject, end, end, "direct_quote", dicts)
        claim["_ends_paragraph"] = True
        return claim
    return None


@lru_cache(maxsize=256)
def _quote_segments(text: str) -> tuple:
    """Quoted segments of a paragraph: (open mark, content start, content end, end incl. close mark, closed).
    Curly marks say which way they face; straight marks alternate. A quote still open at the end of the paragraph
    runs to its end (a quote that continues in the next paragraph opens it again and closes there)."""
    out, open_at = [], None
    for i, ch in enumerate(text):
        if ch not in QUOTE_MARKS:
            continue
        opening = ch == OPEN_CURLY or (ch == '"' and open_at is None)
        if opening and open_at is None:
            open_at = i
        elif opening and ch == OPEN_CURLY:
            open_at = i  # a stray opening mark: start again
        elif open_at is not None:
            if i - open_at > 2:
                out.append((open_at, open_at + 1, i, i + 1, True))
            open_at = None
    if open_at is not None and len(text) - open_at > 2:
        out.append((open_at, open_at + 1, len(text), len(text), False))
    return tuple(sorted(out + _single_quote_segments(text, out)))


SINGLE_OPEN = re.compile(r"(?:^|(?<=[:,.!?]\s))['\u2018](?=[A-Z0-9])")
SINGLE_CLOSE = re.compile(r"(?<=[,.!?\u2026])['\u2019](?=\s|$)")


def _single_quote_segments(text: str, double: list) -> list:
    """Speech in single quotes, as some outlets write it ('It was unconventional what I did,' Trump said.): a mark
    that opens the paragraph or follows a colon, comma or the end of a sentence, up to a mark right after the
    closing punctuation (apostrophes, "they're", never qualify); a quote still open at the paragraph's end runs to
    it."""
    out = []
    for opening in SINGLE_OPEN.finditer(text):
        start = opening.start()
        if any(seg[0] < start < seg[3] for seg in double + out):
            continue
        closing = SINGLE_CLOSE.search(text, start + 2)
        if closing is None:
            if len(text) - start > 2:
                out.append((start, start + 1, len(text), len(text), False))
            break
        out.append((start, start + 1, closing.start(), closing.start() + 1, True))
    return out


def _embeds_quote(doc, clause: tuple[int, int] | None, q_open: int, q_close: int) -> bool:
    """The cue's reported clause holds the quote and more words of the writer's: the quote is a phrase of indirect
    speech ('said the move "breaks red lines"'), not the whole of what was said."""
    if clause is None:
        return False
    start, end = doc[clause[0]].idx, doc[clause[1] - 1].idx + len(doc[clause[1] - 1])
    if not (start <= q_open and (q_close <= end or not re.search(r"\w", doc.text[end:q_close]))):
        return False
    outside = doc.text[start:q_open] + " " + doc.text[q_close:end]
    return len(re.findall(r"\w+", outside)) >= 2


def _position_of(par: Paragraph, token_i: int) -> int:
    for pos, s in enumerate(par.sents):
        if s.start <= token_i < s.end:
            return pos
    return 0


def _speech_quote(text: str, seg) -> bool:
    """Quoted speech, not scare quotes: it opens a paragraph or follows a colon/comma/dash, or ends with its own
    punctuation ('"We will act," he said.' vs 'would prohibit "boots on the ground"')."""
    q_open, q_start, q_end, _close, closed = seg
    before = text[:q_open].rstrip()
    inner = text[q_start:q_end].rstrip()
    return (
        not before
        or before[-1] in ":,\u2014-("
        or inner[-1:] in {",", ".", "?", "!", "\u2026"}
        or (not closed and before[-1] in ".?!")
    )


def _quote_cue(
    par: Paragraph, first: int, last: int, q_open: int, q_close: int, closed: bool, dicts, used
) -> Token | None:
    """A cue verb outside quotes: in the sentence where the quote ends, else before the quote in the sentence
    where it opens ('Bush said: "A. B."'), else in the next sentence when the quote closes one."""
    sentences = par.sents
    search = [sentences[last]] + [sentences[i] for i in range(last - 1, first - 1, -1)]
    if closed and last + 1 < len(sentences):
        search.append(sentences[last + 1])
    for candidate in search:
        for tok in candidate:
            if tok.i in used or q_open <= tok.idx < q_close:
                continue
            if _cue_verb(tok, dicts) and _subject(tok) is not None:
                if candidate.start_char >= q_close and (
                    not _opens_sentence(tok, candidate) or any(c.dep_ == "ccomp" for c in tok.children)
                ):
                    # the next sentence attributes the quote at its start ('... pen." Kelly said.'), with a cue that
                    # has no clause of its own ('"... bomb our way to a solution." Some Sanders campaign aides ...,
                    # even claiming that her proposal ... was evidence that ...' is what the aides claim)
                    continue
                if _inside_any_quote(par.text, tok.idx):
                    continue
                return tok
    return _verb_after_quote(par, sentences[last], q_close, used) if closed else None


def _verb_after_quote(par: Paragraph, sent: Span, q_close: int, used) -> Token | None:
    """'"... you'll be emboldening Iran," Lee groused.': a verb the cue list does not know attributes the quote all
    the same when only its subject stands between the quote's closing comma (or question or exclamation mark) and
    it, it is in the past or present tense, and nothing but a time or a place follows it (a manner of saying:
    groused, fumed, laughed). Without it the quote went to the speaker of the quote before."""
    doc, text = par.doc, par.text
    after = [tok for tok in sent if tok.idx >= q_close]
    if not after or text[: q_close - 1].rstrip()[-1:] not in {",", "?", "!"}:
        return None
    verb = next((tok for tok in after if tok.pos_ in {"VERB", "AUX"}), None)
    if verb is None or verb.i in used or verb.tag_ not in {"VBD", "VBZ"}:
        return None
    phrase = doc[after[0].i : verb.i]
    subject = _subject(verb)
    if subject is None or not phrase.start <= subject.i < phrase.end or not 1 <= len(phrase) <= 8:
        return None
    if any(t.pos_ not in SPEAKER_PHRASE_POS | {"PRON"} or t.text in {"—", "--"} for t in phrase):
        return None
    if any(t.pos_ not in TRAILER_POS for t in doc[verb.i + 1 : sent.end]):
        return None  # another clause follows: the verb is not about the quote
    return verb


def _cue_verb(tok: Token, dicts: Dictionaries) -> bool:
    """A reporting or cognition verb of the cue list ("said", "warned", "believes")."""
    return tok.lemma_.lower() in dicts.cues and tok.pos_ in {"VERB", "AUX"}


def _opens_sentence(cue: Token, sent: Span) -> bool:
    """A cue at the start of its sentence, or whose subject is ('Secretary of State John Kerry said.', 'Said
    Kerry:'), as in an attribution that follows a quote."""
    if cue.i - sent.start <= 1:
        return True
    subject = _subject(cue)
    return subject is not None and subject.left_edge.i - sent.start <= 1 and subject.i < cue.i


def _a_question(text: str, start: int, end: int) -> bool:
    """A quote of questions only ("Who among us would accept this?"; "But what's the point in writing to the Iranian
    mullahs? What are you gonna do?") asserts nothing."""
    content = text[start : end + 1].rstrip(' "\u201d')
    return content.endswith("?") and not re.search(r"[.!]\s", content[:-1])


def _asks(par: Paragraph, claim: dict) -> bool:
    """A claim that is a question: its words end with a question mark ('cautioned on Twitter that "did America just
    assassinate ... war?"', the second part of a quote, '"but what is that prize?"'), or a quote that closes with a
    comma before its attribution whose main clause asks ('"Even if we were to get the Europeans to agree to
    something, what is the administration's plan to get the Russians on board ...," Keller said.')."""
    start, end = claim["start_char"] - par.offset, claim["end_char"] - par.offset
    closes_with_comma = par.text[end : end + 2].lstrip('"\u201d').startswith(",")
    if not closes_with_comma and not _a_question(par.text, start, end):
        return False
    span = par.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    last = list(span.sents)[-1]
    clause = par.doc[max(last.start, span.start) : min(last.end, span.end)]
    # (what ends with a quoted question is not one: 'said ... he had lobbied against easing sanctions by telling
    # leaders, "What's the rush?"')
    return _wh_question(clause) or (not closes_with_comma and _yes_no_question(clause))


def _yes_no_question(clause: Span) -> bool:
    """A main clause that opens with its auxiliary before the subject: "did America just assassinate ..."."""
    root = clause.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    opening = next((t for t in clause if t.dep_ not in {"cc", "punct", "advmod"}), None)
    if subject is None or opening is None or opening.i > subject.i:
        return False
    return opening.head.i == root.i and (opening.dep_ in {"aux", "auxpass"} or opening.i == root.i == subject.i - 1)


def _wh_question(clause: Span) -> bool:
    """A main clause that asks: a wh-word before its verb and the subject after the verb or its auxiliary ("what is
    the plan", "how can we be safer"), or a wh-word that is the subject ("who would accept this"); not "What we need
    is a better deal"."""
    root = clause.root
    wh = next((c for c in root.children if c.tag_ in {"WP", "WRB", "WDT"} and c.i < root.i), None)
    if wh is None:
        return False
    if wh.dep_ in {"nsubj", "nsubjpass"}:
        return True
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if subject is None:
        return False
    inverted = [c for c in root.children if c.dep_ in {"aux", "auxpass"} and wh.i < c.i < subject.i]
    return subject.i > root.i or bool(inverted)


def _quote_speaker(cue: Token, q_open: int, q_close: int) -> Token | None:
    """The cue's subject; when the parser took it from inside the quote, the noun phrase between the quote and the
    cue ('"..., the open borders," the former Florida governor said') or right after it ('said Cruz')."""
    subject = _subject(cue)
    if subject is None or not (q_open <= subject.idx < q_close):
        return subject
    doc = cue.doc
    between = [t for t in doc[: cue.i] if t.idx >= q_close and t.pos_ in {"NOUN", "PROPN", "PRON"}]
    after = [t for t in doc[cue.i + 1 : cue.i + 4] if t.pos_ in {"PROPN", "NOUN"} and t.idx >= q_close]
    for tok in between[-1:] or after[:1]:
        while tok.dep_ in {"compound", "flat"} and tok.head.i > tok.i and tok.head.i < cue.i:
            tok = tok.head
        return tok
    return None


def _continued_quote(par: Paragraph, text: str, q_open: int, first: int) -> dict | None:
    """The quote a cue-less quoted segment continues: the last direct quote of this paragraph when the segment
    starts a new sentence ('"Q1," X said. "Q2."'), or, when the segment opens the paragraph, the direct quote
    that ended the previous paragraph (a quote running over paragraphs)."""
    before = text[:q_open].rstrip()
    if before and before[-1] not in '.?!"\u201d':
        return None
    introduced = par.memory.introduced
    if not before and introduced is not None and introduced["_paragraph"] == par.index - 1:
        return introduced  # 'Emily says: // "The new government will need approval ..."'
    claims = par.memory.claims
    if not claims:
        return None
    last = claims[-1]
    if before and last.get("_paragraph") == par.index:
        # 'Ettinger said that ... . "Some thirty tunnels ..."': the quote that follows a report is its speaker's
        return (
            last
            if last["attribution"] == "direct_quote" or last["sentence_index"] == par.first_sentence + first - 1
            else None
        )
    if before:
        return None
    # a quote opening the paragraph after one that ended with a claim ('Ham said the intelligence left no doubt
    # that it was. // "I don't know if that was my first reaction, ..."'): the same speaker goes on
    if last.get("_paragraph") == par.index - 1 and (last.get("_open_quote") or last.get("_ends_paragraph")):
        return last if last["attribution"] == "direct_quote" or last["_speaker_mention"] is not None else None
    return None


def _continued_claim(par: Paragraph, sent: Span, earlier: dict, start: int, end: int, closed: bool) -> dict:
    claim = {k: v for k, v in earlier.items()}
    claim.update(
        {
            "claim_index": -1,
            "sentence_index": par.sentence_index(sent),
            "claim_text": par.text[start:end],
            "attribution": "direct_quote",
            "about_claim_index": None,
            "evidence_text": sent.text,
            "start_char": par.offset + start,
            "end_char": par.offset + end,
            "_paragraph": par.index,
            "_open_quote": not closed,
            "_ends_paragraph": False,
            "_content_tokens": par.doc.char_span(start, end, alignment_mode="expand"),
        }
    )
    return claim


def _inside_any_quote(text: str, pos: int) -> bool:
    return any(seg[0] < pos < seg[3] for seg in _quote_segments(text))


# --- rule 2: according to --------------------------------------------------------------------------------------


def _according_to_claims(par: Paragraph, sent: Span, dicts: Dictionaries, used: set[int]) -> list[dict]:
    out = []
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or tok.nbor().lower_ != "to":
            continue
        to = tok.nbor()
        sources = [c for c in to.children if c.dep_ == "pobj"]
        if not sources or sources[0].lemma_.lower() in NOT_SOURCES or _inside_any_quote(par.text, tok.idx):
            continue  # '"[We] will respond according to our own timing and choice," he said': not a source
        phrase_start = tok.i
        phrase_end = max(to.right_edge.i, sources[0].right_edge.i) + 1
        # the content is the rest of the sentence, without the "according to X" phrase and its commas; set off
        # inside a statement after its subject ("A license, according to the Treasury Department, is ..."), the
        # statement keeps its subject
        before = par.doc[sent.start : phrase_start]
        if phrase_start - sent.start >= sent.end - phrase_end:
            start_tok, end_tok = sent.start, phrase_start
        elif (
            len(before) > 1
            and before[-1].text == ","
            and before[0].pos_ not in {"ADV", "ADP", "SCONJ"}
            and any(t.pos_ in {"NOUN", "PROPN"} for t in before)
            and not any(t.pos_ in {"VERB", "AUX"} for t in before)
        ):
            start_tok, end_tok = sent.start, sent.end
        else:
            start_tok, end_tok = phrase_end, sent.end
            cue = tok.head
            if (
                cue.i < tok.i
                and cue.lemma_.lower() in dicts.cues
                and _subject(cue) is not None
                and not _inside_any_quote(par.text, cue.idx)
            ):
                continue  # '..., he said, according to prepared remarks, "a path that ...": the cue's speaker says it
        span = par.doc[start_tok:end_tok]
        start, end = _strip_span(par.text, span.start_char, span.end_char)
        if len(par.text[start:end].split()) < MIN_CONTENT_WORDS or _relays(par, span, dicts):
            continue
        used.add(tok.i)
        claim = _claim(par, sent, tok, sources[0], start, end, "according_to", None)
        claim["cue"] = "according to"
        claim["cue_text"] = "according to"
        out.append(claim)
    return out


def _relays(par: Paragraph, span: Span, dicts: Dictionaries) -> bool:
    """What "according to" a news agency is someone's report the sentence names ("The head of the Iranian
    Investigative Committee, Hassan Rezaeifar, said that ..., according to the country's semi-official Fars news
    agency"; '"I am telling those in the White House ...," Iranian President Hassan Rouhani told reporters,
    according to the Reuters news service'): that person's claim, which the cue rules make."""
    for tok in span:
        if not _cue_verb(tok, dicts) or _inside_any_quote(par.text, tok.idx):
            continue
        subject = _subject(tok)
        if (
            subject is not None
            and subject.pos_ != "PRON"
            and (par.mention_at(subject) is not None or _named_in_phrase(par, subject) is not None)
        ):
            return True
    return False


# --- rule 3: cue verbs with a clause ---------------------------------------------------------------------------


def _cue_verb_claims(par: Paragraph, sent: Span, dicts: Dictionaries, used: set[int]) -> list[dict]:
    out = []
    text = par.text
    first_report_of: dict[int, Token] = {}  # a second report the parser hung on what was said -> the first one's cue
    for tok in sent:
        if tok.i in used or not _cue_verb(tok, dicts):
            continue
        if _inside_any_quote(text, tok.idx):
            continue  # cues inside a direct quote are the quoted person's words, not a new claim
        if any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
            continue  # "Trump had called off air strikes": cancelled, not said
        content, subject = _content_clause(tok), _subject(first_report_of.get(tok.i, tok))
        if subject is not None and _accuses_itself(par, tok, subject):
            continue  # "Iran shot down a drone ... days after accusing Tehran of ...": the parser's subject is wrong
        trailing = _trailing_attribution(tok, sent)
        if trailing is not None and (
            content is None or subject is None or subject.i < trailing[2].i - 3 or content == trailing[:2]
        ):
            # "..., Defense Secretary Mark Esper said earlier this week.": the parser lost the clause or the subject,
            # or took a word of what was said for the subject ("mayhem"); the words' speaker wins
            content, subject = trailing[:2], trailing[2]
        if content is None:
            continue
        start, end = content
        second = _second_report(tok, content, dicts)
        if second is not None:
            first_report_of[second.i] = first_report_of.get(tok.i, tok)
            end = _end_before(par.doc, start, second)
        if par.doc[start].lower_ in EMBEDDED_QUESTION or (
            start > 0 and par.doc[start - 1].dep_ == "mark" and par.doc[start - 1].lower_ in {"whether", "if"}
        ):
            continue  # "did not know what Obama would decide", "did not say whether": a question, not an assertion
        if _object_only(tok, start) and (any(c.dep_ == "neg" for c in tok.children) or _object_relative(tok)):
            # "He didn't describe the full extent of such training": nothing asserted; "a program that Iran is
            # demanding the right to keep": a thing demanded, not something said
            continue
        if _participle_after_comma(tok, start) or _appeal(tok):
            continue
        if _agentless_relative(subject) and _antecedent(par, subject) is None:
            continue  # "an imperative that found ...": the writer's history, not anyone's report
        if _object_only(tok, start) and tok.dep_ == "pcomp" and tok.head.lower_ in {"after", "before", "since", "upon"}:
            continue  # 'After promising “fire and fury” toward North Korea in 2017, Trump ...': background
        start, end = _strip_span(text, par.doc[start].idx, par.doc[end - 1].idx + len(par.doc[end - 1]))
        if len(text[start:end].split()) < MIN_CONTENT_WORDS and _name_given(tok) is None:
            continue  # a name is a claim in one word: 'called Mr. Assad an "animal"'
        if subject is None and not _passive_report(tok):
            continue
        if _not_asserted(tok, subject) or (
            subject is not None and subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children)
        ):
            continue
        used.add(tok.i)
        attribution = "direct_quote" if _quoted(text, start, end) else "indirect"
        for speaker in _coordinated(par, subject):
            out.append(_claim(par, sent, tok, speaker, start, end, attribution, dicts))
    return out


# --- rule 4: hearsay without a source ------------------------------------------------------------------------

# "The administration reportedly hasn't decided ...": the adverb is the cue, and the source is unnamed (the media).
# Not "allegedly" or "purportedly": "Iran also allegedly has carried out a string of limpet mine attacks" is the
# writer's own statement, hedged (none of the 7 such claims made on the training articles is annotated)
HEARSAY_ADVERBS = {"reportedly": "report"}
# "Iraqi Kurdish troops are said to have recaptured the town": a passive cue with a to-infinitive, no source
HEARSAY_PASSIVES = {"say", "report", "believe", "think", "allege", "rumor", "rumour"}


def _hearsay_claims(par: Paragraph, sent: Span, used: set[int], claims: list[dict]) -> list[dict]:
    out = []
    text = par.text
    taken = [(c["start_char"] - par.offset, c["end_char"] - par.offset) for c in claims]
    for tok in sent:
        adverb = tok.lower_ in HEARSAY_ADVERBS and tok.dep_ == "advmod"
        if not adverb and (tok.tag_ != "VBN" or tok.lemma_.lower() not in HEARSAY_PASSIVES):
            continue
        if tok.i in used or tok.head.pos_ not in {"VERB", "AUX"} or _inside_any_quote(text, tok.idx):
            continue
        verb = tok.head
        if adverb:
            cue, start_tok = HEARSAY_ADVERBS[tok.lower_], tok.i + 1
        elif (
            tok.lemma_.lower() in HEARSAY_PASSIVES
            and tok.tag_ == "VBN"
            and any(c.dep_ == "auxpass" for c in tok.children)
            and any(c.dep_ == "nsubjpass" for c in tok.children)
        ):
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.left_edge.lower_ == "to"), None)
            if xcomp is None:
                continue
            verb, cue, start_tok = xcomp, tok.lemma_.lower(), xcomp.left_edge.i
        else:
            continue
        if _not_asserted(verb, None) or any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children):
            continue
        start, end = _strip_span(
            text, par.doc[start_tok].idx, par.doc[verb.right_edge.i].idx + len(par.doc[verb.right_edge.i])
        )
        if len(text[start:end].split()) < MIN_CONTENT_WORDS or any(a <= start < b or a < end <= b for a, b in taken):
            continue  # inside what someone is said to have said: theirs
        used.add(tok.i)
        claim = _claim(par, sent, tok, None, start, end, "indirect", None)
        claim["cue"], claim["cue_text"], claim["is_hedged"] = cue, tok.text, True
        out.append(claim)
    return out


def _without_repeats(claims: list[dict], earlier: list[dict]) -> list[dict]:
    """One claim per speaker and span: what two cues of one sentence report ("McCain said ..., countering that
    ...") is said once, and a part of what the same speaker is said to say in that sentence is not a second claim."""
    seen = {_repeat_key(c) for c in earlier[-20:]}
    out = []
    for claim in claims:
        key = _repeat_key(claim)
        inside = any(
            o is not claim
            and _repeat_key(o)[0] == key[0]
            and o["start_char"] <= claim["start_char"]
            and claim["end_char"] <= o["end_char"]
            and (o["start_char"], o["end_char"]) != key[1:]
            for o in claims
        )
        if key not in seen and not inside:
            seen.add(key)
            out.append(claim)
    return out


def without_contained(claims: list[dict]) -> list[dict]:
    """An article's claims without those whose words lie inside another claim of the same speaker: the first
    sentence of a quote found on its own and the whole quote found across sentences are one claim, which
    `_without_repeats` cannot see within a sentence. The longer is kept; claims are renumbered and an
    `about_claim_index` points at the claim that was kept."""

    def speaker(claim: dict):
        return _repeat_key(claim)[0]

    def inside(inner: dict, outer: dict) -> bool:
        return (
            outer is not inner
            and speaker(outer) == speaker(inner)
            and outer["start_char"] <= inner["start_char"]
            and inner["end_char"] <= outer["end_char"]
            and (
                outer["end_char"] - outer["start_char"] > inner["end_char"] - inner["start_char"]
                or outer["claim_index"] < inner["claim_index"]
            )
        )

    kept_for: dict[int, int] = {}
    for claim in claims:
        outer = next((o for o in claims if inside(claim, o)), None)
        kept_for[claim["claim_index"]] = claim["claim_index"] if outer is None else outer["claim_index"]
    while any(kept_for[k] != k and kept_for[kept_for[k]] != kept_for[k] for k in kept_for):
        kept_for = {k: kept_for[v] for k, v in kept_for.items()}
    kept = [c for c in claims if kept_for[c["claim_index"]] == c["claim_index"]]
    new_index = {c["claim_index"]: i for i, c in enumerate(kept)}
    for claim in kept:
        about = claim["about_claim_index"]
        if about is not None:
            claim["about_claim_index"] = new_index[kept_for[about]]
        claim["claim_index"] = new_index[claim["claim_index"]]
    return kept


def named_after(claims: list[dict], mentions: list) -> None:
    """A news lede's description of a speaker the next sentences name: "Iraq's top Shi'ite Muslim cleric condemned
    ..., saying ... . Grand Ayatollah Ali al-Sistani said ..."; "Obama's deputy national security adviser said
    Thursday. ... Ben Rhodes said". An unresolved description of a person (an office or an epithet) becomes the
    person who speaks in the two sentences after it, when the article had not named that person before it. Not
    after a person has spoken in the two sentences before it: '"...," he said. "...," the U.N. envoy said.' goes
    on about the speaker before (Iran's envoy Ravanchi), not the next one (Trump)."""
    for i, claim in enumerate(claims):
        words = (claim["speaker_text"] or "").lower().replace("\u2019", "'").split()
        if claim["speaker_actor_id"] is not None or len(words) < 2 or not set(words) & (PERSON_ROLES | PERSON_NOUNS):
            continue
        if words[0] != "the" and not any(w.endswith("'s") for w in words[:-1]):
            continue
        before = claims[i - 1] if i else None
        if (
            before is not None
            and before["sentence_index"] >= claim["sentence_index"] - 2
            and before["_speaker_mention"] is not None
            and before["_speaker_mention"].actor_type == "person"
        ):
            continue
        for later in claims[i + 1 :]:
            if later["sentence_index"] > claim["sentence_index"] + 2:
                break
            person = later["_speaker_mention"]
            if later["sentence_index"] == claim["sentence_index"] or person is None or person.actor_type != "person":
                continue
            if not any(m.actor_id == person.actor_id and m.start < claim["start_char"] for m in mentions):
                claim["speaker_actor_id"] = person.actor_id
                claim["speaker_alias_key"] = later["speaker_alias_key"]
            break


def _repeat_key(claim: dict) -> tuple:
    speaker = claim["speaker_actor_id"] or (claim["speaker_text"] or "").lower()
    return speaker, claim["start_char"], claim["end_char"]


def _trailing_attribution(cue: Token, sent: Span) -> tuple[int, int, Token] | None:
    """A report that ends its sentence, read from the words when the parse misses it: "<what was said>, <speaker>
    <cue> [when, where]." ("He's caused "mayhem" ..., Defense Secretary Mark Esper said earlier this week.";
    "Islamic State fighters captured a major military air base ..., activists and state media said."): the
    content runs from the sentence start to the comma, the speaker is the noun phrase between comma and cue."""
    doc = cue.doc
    if cue.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    comma = cue.i - 1
    while comma > sent.start and doc[comma].text != ",":
        comma -= 1
    phrase = doc[comma + 1 : cue.i]
    if doc[comma].text != "," or not 1 <= len(phrase) <= 8 or any(t.pos_ not in SPEAKER_PHRASE_POS for t in phrase):
        return None
    if any(t.text in {",", "—", "--"} for t in phrase) or phrase[-1].pos_ not in {"NOUN", "PROPN"}:
        return None
    if any(t.pos_ not in TRAILER_POS for t in doc[cue.i + 1 : sent.end]):
        return None  # another clause follows: not a trailing report
    content = doc[sent.start : comma]
    if not any(t.pos_ in {"VERB", "AUX"} for t in content):
        return None
    return content.start, content.end, phrase[-1]


def _nested(claim: dict, claims: list[dict]) -> bool:
    """A cue inside what the same speaker is said to have said ("The defense secretary also said he believes the
    U.S. has reestablished deterrence"), or a source nobody names inside what someone said: part of that claim, not
    a second one."""
    if claim["attribution"] != "indirect":
        return False
    inside = [o for o in claims if o is not claim and o["start_char"] <= claim["_cue_at"] < o["end_char"]]
    if claim["speaker_actor_id"] is None and claim["cue"] != "according to":
        # "He said the intelligence showed Soleimani was plotting attacks": what Milley said, not the
        # intelligence's claim
        return bool(inside)
    if (claim["speaker_text"] or "").lower() not in {"he", "she"}:
        return False
    return any(o["_speaker_mention"] is None or o["_speaker_mention"].actor_type == "person" for o in inside)


def _agentless_relative(subject: Token | None) -> bool:
    """A relative pronoun whose noun cannot speak: "an imperative that found ..." (the writer's history), unlike
    people, groups, records and documents ("skeptics who argued", "a poll that shows", "the deal, which says")."""
    if subject is None or subject.lower_ not in {"who", "which", "that"} or subject.head.dep_ != "relcl":
        return False
    noun = subject.head.head
    if noun.pos_ != "NOUN" or noun.tag_ == "NNS":
        return False
    speaking = PERSON_ROLES | PERSON_NOUNS | RECORDS | SOURCED_RECORDS | SPOKESPEOPLE | GOVERNMENT_NOUNS
    return noun.lemma_.lower() not in speaking | UNNAMED_SOURCES | SPEAKING_THINGS


def _indefinite(noun: Token) -> bool:
    """ "a defiant Iranian admiral", "an Israeli general": one of many, named by an indefinite article."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


# endings of nouns for people the word lists do not hold: lawmakers, fighters, opponents, activists, historians
PEOPLE_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian")
# nouns that can say or show something: people, bodies, and records, documents and findings that speak for their makers
SPEAKING_NOUNS = (
    (PERSON_ROLES | PERSON_NOUNS | UNNAMED_SOURCES | UNNAMED_HEADS | NON_STATE_HEADS | SPOKESPEOPLE)
    | (GOVERNMENT_NOUNS | SPEAKING_THINGS | MEDIA_NOUNS | MEDIA_HEADS)
    | (RECORDS | SOURCED_RECORDS | DOCUMENTS | FINDINGS | GLOSS_NOUNS)
)


def _mute_thing(noun: Token | None) -> bool:
    """A common noun that names neither people, a body, nor a record or document that speaks for its maker ("a
    Quinnipiac poll shows", "the Pentagon report suggests", "peshmerga commanders show"): an email, a move, a
    video, someone's dissatisfaction."""
    if noun is None or noun.pos_ != "NOUN" or noun.ent_type_:
        return False
    lemma = noun.lemma_.lower()
    if lemma in VISUALS:
        return True
    if lemma in SPEAKING_NOUNS:
        return False
    return not lemma.endswith((*PEOPLE_ENDINGS, "man", "person"))  # "congressman", "spokesperson" too


def _not_asserted(cue: Token, subject: Token | None) -> bool:
    """Not a claim: a question ("asked"), a hypothetical ("would say", "if Congress rejects it, X will argue"), a
    negated existence ("almost nobody asked", "no official said"), or the writer's own words ("I believe" outside
    quotes)."""
    if cue.lemma_.lower() in QUESTION_CUES:
        return True
    if subject is not None and subject.lower_ in {"that", "which"} and subject.i == cue.sent.start:
        return True  # "That said, ...", "Which is not to say that ...": the writer's turns of phrase
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in REFUSALS:
        return True  # "The Pentagon declined to confirm the cyberattack reports": a refusal
    if cue.dep_ == "acl" and cue.tag_ == "VBN" and not any(c.dep_ == "agent" for c in cue.children):
        return True  # "the ship, called the Pacific Voyager,"; "two infrared blips, thought to be SA-15 missiles,"
    if cue.dep_ == "advcl" and cue.tag_ in {"VBN", "VBD"} and not any(c.dep_ in SUBJECTS for c in cue.children):
        return True  # "Also called the Entrance Hall, it is the primary, formal entrance to the White House."
    if cue.lemma_.lower() == "claim" and any(
        c.dep_ == "dobj" and any(t.lemma_.lower() in TOLLS for t in c.subtree) for c in cue.children
    ):
        return True  # "The Syrian war has already claimed more than a quarter of a million lives": killing
    if subject is not None and subject.lemma_.lower() in INFERENCE_SUBJECTS and cue.lemma_.lower() in INFERENCE_CUES:
        # "Trump's Middle East policy so far, however, suggests the opposite is more likely", "its limited strike
        # ... appeared to signal that", "McCain's use as a foot soldier by IS indicates that": an inference
        return True
    relative = cue.dep_ == "relcl" and subject is not None and subject.lower_ in {"that", "which"}
    shower = cue.head if relative else subject
    if cue.lemma_.lower() in INFERENCE_CUES and _mute_thing(shower):
        # "Emails suggest the State Department was concerned", "The video suggests that", "Tehran's dissatisfaction
        # with the talks suggests", "several moves that suggest": what the writer reads off a thing
        return True
    if shower is not None and shower.lemma_.lower() in VISUALS and cue.lemma_.lower() in DEPICTING:
        # "The video released Sunday ... appears to show a dozen Syrian soldiers being beheaded", "released a video
        # Sunday that shows ..."
        return True
    if (
        cue.dep_ == "xcomp"
        and cue.head.lemma_.lower() == "be"
        and any(c.dep_ == "acomp" for c in cue.head.children)
        and subject is not None
        and subject.lower_ == "it"
        and not _inside_any_quote(cue.doc.text, cue.idx)
    ):
        return True  # "It's also important to point out that ...": the writer's own words
    if cue.head.lemma_.lower() == "let" and cue.head.i < cue.i:
        return True  # "Let's say that Iran breaks the restrictions": the writer's hypothetical
    if any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for t in [cue, *cue.ancestors] for m in t.children):
        return True  # "If the court finds due process was observed, the verdict will hold."
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in cue.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children) and cue.dep_ in {"xcomp", "advcl"}:
        governor = cue.head
        if governor.lemma_.lower() in INTENTIONS or any(c.dep_ == "neg" for c in governor.children):
            return True
        if governor.dep_ == "xcomp" and governor.head.lemma_.lower() in INTENTIONS | {"need"}:
            return True  # "doesn't need to release bombs to show ..."
        if any(t.lower_ in {"anonymity", "anonymously"} for t in governor.subtree if t.i < cue.i):
            return True  # "who spoke on the condition of anonymity to describe current military assessments": why
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children) and (
        cue.dep_ == "acl"
        and cue.head.lemma_.lower() in OPENINGS
        or cue.dep_ in {"xcomp", "advcl"}
        and any(c.dep_ == "dobj" and c.lemma_.lower() in OPENINGS for c in cue.head.children)
    ):
        return True  # "It will give an opening to Democrats to argue that ...": what someone could say
    if any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
        for c in cue.children
    ):
        return True
    if subject is not None:
        if subject.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
            return True
        if subject.lower_ in {"i", "we"} and not _inside_any_quote(cue.doc.text, subject.idx):
            return True
    return False


def _coordinated(par: Paragraph, subject: Token | None) -> list[Token | None]:
    """ "Kerry and the IAEA said ...": one claim per named speaker. A list after a dash names the members of
    what came before it ("The U.S. and the rest of the P5+1 — Britain, Germany, France, Russia and China —
    maintain"): they are not speakers of their own; nor is a conjunct that names no one ("Iran's leaders and their
    allies say", "Mr. Pompeo and other top Trump advisers have said")."""
    if subject is None:
        return [None]
    speakers = [subject]
    for tok in sorted(subject.conjuncts, key=lambda t: t.i):
        if tok.i < subject.i:
            continue
        if tok.left_edge.i > 0 and subject.doc[tok.left_edge.i - 1].text in {"\u2014", "\u2013", "--", "-"}:
            break
        if tok.pos_ in {"PROPN", "NOUN"} and _speaker(par, tok) is not None:
            speakers.append(tok)
    return speakers


def _content_clause(cue: Token) -> tuple[int, int] | None:
    """Token range [start, end) of what the cue introduces."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    # the clause after the cue ("Haaretz is live-blogging the vote; it reports that ..."), else the one before it
    for child in [c for c in clauses if c.i > cue.i][:1] or clauses[:1]:
        child = _under_trailing_report(child)
        left = child.left_edge.i
        if left > 0 and child.doc[left].lower_ == "that" and child.doc[left - 1].lower_ in NOT_COMPLEMENTIZERS:
            return None  # "stating its goals now that it's withdrawn from the Iran deal": a time, not what was said
        while left < child.i and child.doc[left].dep_ == "mark" and child.doc[left].head.i == child.i:
            left += 1  # "that", not the "unless" of a condition that opens what was said
        end = _before_speakers_gloss(child, child.right_edge.i + 1)
        after = child.right_edge.i + 1
        if after < len(cue.doc) and cue.doc[after].text in DASHES:
            after += 1  # "that any deal that isn't submitted to Congress — as now seems likely — would not last"
        rest = next((c for c in clauses if c.left_edge.i == after), None)
        joined = cue.doc[child.right_edge.i].dep_ == "cc"  # "... were killed and | hundreds ... were injured"
        if rest is not None and end == child.right_edge.i + 1 and (not _has_subject(rest) or joined and rest.i < cue.i):
            # "said it would ensure sanctions on Iran remain lifted": the parser's second clause is the first's;
            # "As many as 40 people were killed and hundreds of others were injured ..., reports say": both reported
            end = _before_speakers_gloss(rest, rest.right_edge.i + 1)
        end = _through_negation(cue.doc, _with_modal_conjunct(cue, child, end))
        while end > child.i + 1 and cue.doc[end - 1].dep_ == "cc":
            end -= 1  # "said the plan isn't working and officials said ...": the parser's "and" is not said
        return _with_lost_subject(cue, child, left), end
    # "revealed for the first time that X ..." - the that-clause is parsed as a relative clause of a noun
    for tok in cue.subtree:
        if (
            tok.i > cue.i
            and tok.lower_ == "that"
            and tok.dep_ not in {"nsubj", "nsubjpass", "dobj"}  # "said in an interview that aired ...": a relative
            and tok.head.pos_ in {"VERB", "AUX"}
            and tok.head.i > tok.i
            and tok.head.dep_ in {"relcl", "acl", "advcl", "ccomp"}
            and _reached_by_preposition(cue, tok.head.head)
        ):
            return tok.i + 1, tok.head.right_edge.i + 1
    for child in cue.children:  # "X warned of ..." / "told reporters that"
        if child.dep_ in {"xcomp", "advcl"} and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            return child.left_edge.i + 1, child.right_edge.i + 1
    object_clause = _object_subject_of_head(cue)
    if object_clause is not None:
        return object_clause
    if cue.lemma_.lower() in OBJECT_CUES:
        return _object_content(cue)
    return _parenthesis_content(cue)


def _object_subject_of_head(cue: Token) -> tuple[int, int] | None:
    """ "While the Obama administration denied the cash transfer was done to secure the release of the four
    Americans, GOP lawmakers said ...": the parser made "denied" a clause of "done" and "the cash transfer" its
    object; what was denied is the object with the verb it is the subject of, "the cash transfer was done to ..."."""
    head = cue.head
    if cue.dep_ != "advcl" or head.pos_ not in {"VERB", "AUX"} or head.i < cue.i or _has_subject(head):
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)
    if obj is None or obj.right_edge.i + 1 >= head.i:
        return None
    between = cue.doc[obj.right_edge.i + 1 : head.i]
    if not all(t.dep_ in {"aux", "auxpass", "neg", "advmod"} and t.head.i == head.i for t in between):
        return None
    return obj.left_edge.i, head.right_edge.i + 1


def _under_trailing_report(clause: Token) -> Token:
    """What was said, when the parser hung it under a report that ends the sentence: in "Hajizadeh ... said any
    attacks on Iran would receive 'a crushing response', the official news agency IRNA reported", "reported" is the
    clause of "said" and "receive" its clause; what Hajizadeh said is the "receive" clause, without the outlet that
    relays it (which has its own claim of the same words)."""
    if clause.lemma_.lower() not in TRAILING_REPORTS:
        return clause
    if not all(t.is_punct or t.is_space for t in clause.doc[clause.i + 1 : clause.sent.end]):
        return clause  # an aside inside what was said ("-- discussions began this afternoon, the official said --")
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    said = next((c for c in clause.children if c.dep_ == "ccomp" and c.i < clause.i), None)
    if subject is None or said is None or said.right_edge.i >= subject.left_edge.i:
        return clause
    between = clause.doc[said.right_edge.i + 1 : subject.left_edge.i]
    return said if any(t.text == "," for t in between) and all(t.is_punct for t in between) else clause


def _parenthesis_content(cue: Token) -> tuple[int, int] | None:
    """What a parenthetical cue reports: the clause around it ("The talks, she said, would resume on Monday"; "In
    this instance, he said, Mr. Rhodes was invited only ...": from after the parenthesis, where the clause's subject
    follows it) or before it ("Iran will respond, he said")."""
    head = cue.head
    if cue.dep_ != "parataxis" or head.pos_ not in {"VERB", "AUX"} or not _has_subject(cue):
        return None
    if cue.i > head.i:
        start, end = head.left_edge.i, cue.left_edge.i
    else:
        subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
        start = head.left_edge.i if subject is not None and subject.i < cue.i else cue.right_edge.i + 1
        end = head.right_edge.i + 1
    doc = cue.doc
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return (start, end) if end - start >= MIN_CONTENT_WORDS else None


def _second_report(cue: Token, content: tuple[int, int], dicts: Dictionaries) -> Token | None:
    """The speaker's next report, when the parser hung it on what was said: a cue verb of the cue's tense, without a
    subject of its own, joined to a verb of another tense in what was said ("admitted he has chemical weapons but
    adamantly denied that his government was behind the attack", "said Obama has the authority ... and said not
    doing so would be immoral"; not "said Iran admitted X and denied Y"), or a cue's participle after a comma with a
    clause of its own, subject and all ("said 11 million people needed urgent aid, warning that without extra
    funding the World Food Programme will be forced ..."). Its subject is the cue's."""
    start, end = content
    for tok in cue.doc[start + 1 : end]:
        if tok.lemma_.lower() not in dicts.cues or _has_subject(tok) or not start <= tok.head.i < tok.i:
            continue
        if tok.dep_ == "conj" and tok.tag_ == cue.tag_ and tok.head.tag_ != cue.tag_:
            return tok
        if (
            tok.tag_ == "VBG"
            and tok.dep_ in {"advcl", "xcomp", "conj", "acl"}
            and cue.doc[tok.i - 1].text == ","
            and any(c.dep_ == "ccomp" and _has_subject(c) for c in tok.children)
        ):
            return tok  # (not "fearing getting mired in a conflict": a clause with a subject of its own)
    return None


def _end_before(doc, start: int, second: Token) -> int:
    """Where what was said ends before a second report: before its words and the "but" or "and" that joins it."""
    cut = second.left_edge.i
    while cut > start + 1 and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
        cut -= 1
    return cut


def _through_negation(doc, end: int) -> int:
    """Where what was said ends when the parser cut it before the negation of its last verb ("to say the deal itself
    is|n't working": "n't" hung on the main verb, "working" read as its attribute): after the negation and the words
    that hang on the word after it, never "the deal itself is"."""
    if end + 1 >= len(doc) or doc[end].lower_ not in NEGATIONS or doc[end - 1].pos_ not in {"AUX", "VERB"}:
        return end
    after = doc[end + 1]
    if after.is_punct or after.is_sent_start:
        return end + 1
    return max(end + 2, after.right_edge.i + 1)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _with_modal_conjunct(cue: Token, clause: Token, end: int) -> int:
    """Where what was said ends when the parser hangs its second half on the cue ("said Sunday that the U.S. can join
    any renewed talks, but must lift sanctions on Iran first": "must lift" is the U.S.'s, not a second report):
    after a conjunct verb with a modal and no subject of its own, when the cue itself is a past tense."""
    if cue.tag_ != "VBD" or end != clause.right_edge.i + 1:
        return end
    for conj in cue.children:
        if (
            conj.dep_ == "conj"
            and conj.i > clause.i
            and conj.tag_ == "VB"
            and any(c.dep_ == "aux" and c.tag_ == "MD" for c in conj.children)
            and not _has_subject(conj)
        ):
            end = conj.right_edge.i + 1
            while end > clause.i + 1 and cue.doc[end - 1].is_punct:
                end -= 1
    return end


def _after_comma(doc, i: int) -> bool:
    """Token i follows a comma, or a closing quote right after a comma ('a "technical glitch," saying')."""
    return i > 0 and (doc[i - 1].text == "," or i > 1 and doc[i - 1].text in {"\u201d", '"'} and doc[i - 2].text == ",")


def _after_a_dash(token: Token) -> bool:
    """A word that opens an aside after a dash ("-- or work on --"), or follows the conjunction that does."""
    doc, i = token.doc, token.left_edge.i
    if i > 0 and doc[i - 1].pos_ == "CCONJ":
        i -= 1
    return i > 0 and doc[i - 1].text in DASHES


def _reached_by_preposition(cue: Token, noun: Token) -> bool:
    """The word a that-clause hangs on is in the cue's own clause ("revealed for the first time that", "tweeted
    within hours of taking up his post that"), not in another clause ("dismissed skeptics who argued that",
    "said the deal all but eliminates the possibility that")."""
    tok = noun
    while tok.i != cue.i:
        if tok.dep_ in {"relcl", "ccomp", "conj", "advcl"} or any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children
        ):
            return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _with_lost_subject(cue: Token, clause: Token, start: int) -> int:
    """Where a clause without a subject starts when the parser made its subject the cue's object ("A World Bank study
    showed the ease of doing business in Iran is 152nd in the world") or an apposition of the addressee ("Obama told
    Israeli Prime Minister Benjamin Netanyahu the United States would "reassess" ..."): at that subject."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in clause.children):
        return start
    for obj in cue.children:
        if obj.dep_ != "dobj" or obj.i < cue.i:
            continue
        for app in obj.children:
            if app.dep_ == "appos" and app.right_edge.i + 1 == start and app.left_edge.i > obj.i:
                return app.left_edge.i
        if obj.right_edge.i + 1 == start and cue.lemma_.lower() not in ADDRESSEE_CUES:
            return obj.left_edge.i  # "Simpson suggested the most likely reason ... is fear of Syrian retribution"
    return start


def _before_speakers_gloss(clause: Token, end: int) -> int:
    """Where what was said ends when the parser hangs the speaker's own gloss on it ("Netanyahu said his comments
    were a reflection of changing conditions ..., pointing to Abbas's pact with Hamas"): before the comma of a
    reporting participle, or before a dash that opens the writer's appositive ("-- an assessment at odds with ...")."""
    doc = clause.doc
    quoted_from_start = any(t.text in {"\u201c", '"'} for t in doc[clause.left_edge.i : clause.left_edge.i + 2])
    for tok in doc[clause.left_edge.i + 2 : end - 2] if quoted_from_start else ():
        if tok.text in {"\u201d", '"'} and _writers_apposition(doc, tok.i + 1, end):
            # 'wrote that "Iran may accelerate making a nuclear weapon now ...," a reference to Tehran's insistence
            # ...': the quote was what he wrote, the apposition after it is the writer's
            return tok.i + 1
    for tok in clause.subtree:
        if (
            quoted_from_start
            and tok.text in {"\u201d", '"'}
            and clause.left_edge.i + 1 < tok.i < end - 2
            and doc[tok.i + 1].lower_ in {"and", "but"}
            and (
                doc[tok.i + 2].pos_ == "ADP" and doc[tok.i + 2].lower_ != "that" or doc[tok.i + 2].lower_ in TIME_MARKS
            )
        ):
            # 'observed that "it is rarely the children of the billionaire class who ...," and from an interview
            # he did with CBS in June, when he scoffed at ...': the quote was what he said, the rest is the writer's
            return tok.i + 1
        if (
            tok.text == ","
            and clause.i < tok.i < end - 2
            and doc[tok.i + 1].lemma_.lower() in GLOSS_NOUNS
            and doc[tok.i + 2].lower_ in {"that", "which"}
            and not _inside_any_quote(doc.text, tok.idx)
        ):
            return tok.i  # "Europe could no longer depend on the United States, comments that were echoed by Macron"
        if (
            tok.tag_ == "VBG"
            and tok.lemma_.lower() in GLOSS_PARTICIPLES
            and tok.dep_ in {"advcl", "xcomp", "conj"}
            and tok.i > clause.i
            and doc[tok.i - 1].text == ","
        ):
            return min(end, tok.i - 1)
        if (
            tok.text in DASHES
            and clause.i < tok.i < end - 2
            and (
                doc[tok.i + 1].lower_ in GLOSS_OPENERS
                or doc[tok.i + 1].tag_ == "VBG"
                and doc[tok.i + 1].lower_ not in {"including", "excluding"}
            )
            and not _inside_any_quote(doc.text, tok.idx)
            and not any(t.text == tok.text for t in doc[tok.i + 2 : end - 1])
        ):
            # (a pair of dashes is a parenthesis inside what was said: "whether Petraeus' statements -- which were in
            # conflict with both the FBI briefing and available raw intelligence -- were in any way impacted by ...")
            # "... needed to produce a nuclear bomb -- an assessment at odds with longtime administration claims",
            # "... is at war with the Islamic State -- contradicting statements Thursday by ...", "... was a
            # "mistake" -- as Netanyahu looks to the United States ...": the writer's gloss on what was said
            return tok.i
    return end


def _writers_apposition(doc, i: int, end: int) -> bool:
    """', a reference to ...', 'an allusion to ...' from token i: a noun phrase the writer sets beside a quote."""
    if i < end and doc[i].text == ",":
        i += 1
    return (
        i + 1 < end
        and doc[i].lower_ in {"a", "an"}
        and any(t.lemma_.lower() in APPOSITION_GLOSSES for t in doc[i + 1 : min(i + 3, end)])
    )


def _appeal(cue: Token) -> bool:
    """An appeal asserts nothing: "called on the U.S. to cease ...", "called for a review of U.S. assistance",
    "demanded his return to power", "warning U.S. lawmakers against a deal"."""
    lemma = cue.lemma_.lower()
    if lemma == "demand":
        return True
    if lemma == "warn" and any(c.dep_ == "prep" and c.lower_ == "against" for c in cue.children):
        return True  # "warning U.S. lawmakers against a deal with Iran"
    return lemma == "call" and any(
        c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "upon", "for"} for c in cue.children
    )


def _object_relative(cue: Token) -> bool:
    """A relative clause about the thing the cue takes ("a program that Iran is demanding the right to keep"), not
    one whose relative pronoun speaks ("Iran, which denies involvement in the strikes")."""
    return cue.dep_ == "relcl" and not any(
        c.dep_ == "nsubj" and c.lower_ in {"which", "who", "that"} for c in cue.children
    )


def _accuses_itself(par: Paragraph, cue: Token, subject: Token) -> bool:
    """A subject the same actor as the cue's object: no one accuses or blames themselves in the news."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if cue.lemma_.lower() not in {"accuse", "blame", "criticize", "condemn"} or obj is None or obj.i == subject.i:
        return False
    if subject.pos_ == "PRON" or obj.pos_ == "PRON":
        return False
    accuser, accused = par.actor_of(subject), par.actor_of(obj)
    return accuser is not None and accused is not None and accuser.actor_id == accused.actor_id


def _participle_after_comma(cue: Token, start: int) -> bool:
    """ "the ship, called the Pacific Voyager,", "two infrared blips, thought to be SA-15 missiles,": a participle
    that names or describes the noun before its comma (the parser often reads it as a finite verb), not a report."""
    doc = cue.doc
    if cue.i < 2 or doc[cue.i - 1].text != "," or cue.tag_ not in {"VBN", "VBD"}:
        return False
    noun = doc[cue.i - 2]
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    if not (noun.head.i == cue.i and noun.dep_ in {"nsubj", "nsubjpass"}) and not (
        noun.head.i == cue.head.i and noun.dep_ == "dobj" and cue.dep_ == "conj"
    ):
        return False  # "Carter, a longtime critic of Israeli policies, called the situation ...": a report
    to_be = any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in cue.children
    )
    return to_be or _object_only(cue, start)


def _object_only(cue: Token, start: int) -> bool:
    """The content is the cue's object noun phrase, not a clause."""
    return any(c.dep_ in {"dobj", "oprd"} and c.left_edge.i == start for c in cue.children)


def _object_content(cue: Token) -> tuple[int, int] | None:
    """The noun phrase a cue verb takes, and what follows it in the clause: "called on the signatories to act",
    "called for more sanctions if Iran were to break the limit", "accused Iran of trying to ..."."""
    addressed = [c for c in cue.children if _addressee(cue, c)]
    parts = [c for c in cue.children if c.dep_ in {"dobj", "oprd"} and c.pos_ != "PRON" and c not in addressed]
    if addressed:
        # "warned Iraq's prime minister to maintain calm", "warned the US about pursuing a hostile policy": what the
        # one addressed is told ("warned the U.S. several times before ...": nothing)
        told = [c for t in (cue, *addressed) for c in t.children]
        parts += [c for c in told if c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in {"about", "against"}]
    name = _name_given(cue)
    naming = name is not None
    if naming:
        parts = [name]  # 'called the operation a "massacre"': the name
    if cue.lemma_.lower() == "call":
        parts += [
            p
            for c in cue.children
            if c.dep_ == "prep" and c.lower_ in {"for", "on"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
    parts += [
        p
        for c in cue.children
        if c.dep_ == "prep" and c.lower_ == "of" and c.i > cue.i
        for p in c.children
        if p.dep_ in {"pobj", "pcomp"}
    ]  # "accused Iran of trying to ..."
    if not parts:
        return None
    start = min(p.left_edge.i for p in parts)
    end = cue.right_edge.i + 1  # the rest of the clause: conditions, purposes, complements
    # ... but not a second verb of the same subject ('called the conference a "farce" and said ...')
    for child in cue.children:
        if _after_a_dash(child):
            continue  # "denied any interest in -- or work on -- nuclear weapons": an aside, not a second verb
        if _object_as_subject(cue, child):
            continue
        if child.i > start and (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} or child.dep_ == "cc"):
            end = min(end, child.left_edge.i)
        elif child.i > start and child.dep_ == "advcl" and _after_comma(cue.doc, child.left_edge.i):
            # "announced plans for ..., saying Democrats have ...", 'dismissed the incident as a "glitch," saying
            # that ...': a second report
            end = min(end, child.left_edge.i)
    for child in name.children if naming else []:
        if child.dep_ == "relcl" and cue.doc[child.left_edge.i - 1].text == ",":
            end = min(end, child.left_edge.i)  # 'a "Grade 3" emergency, which is its highest alert level'
    end = _before_circumstances(cue, start, end)
    while end > start + 1 and cue.doc[end - 1].is_punct:
        end -= 1
    if end - start < (1 if naming else 2):
        return None
    return start, end


def _addressee(cue: Token, obj: Token) -> bool:
    """ "warned the U.S. several times", "told Reuters": the object of a cue that addresses someone is whom it
    addresses, when it names someone, not what was said."""
    if cue.lemma_.lower() not in ADDRESSEE_CUES or obj.dep_ != "dobj" or not (obj.pos_ == "PROPN" or obj.ent_type_):
        return False
    # "he had warned the U.S. would "destroy" North Korea": the parser's object is the subject of what was said
    return not any(c.dep_ == "xcomp" and any(a.tag_ == "MD" for a in c.children) for c in cue.children)


def _before_circumstances(cue: Token, start: int, end: int) -> int:
    """Where what was said ends before the when and the how of saying it that close the clause: "denied involvement |
    via a statement from its mission to the United Nations", "confirmed the move | on Friday", 'called the
    conference a "farce" | in a statement', "labeled a terrorist organization | earlier this year"."""
    closing = sorted((c for c in cue.children if start < c.i < end and not c.is_punct), key=lambda c: -c.i)
    for child in closing:
        if child.right_edge.i + 1 < end and not all(t.is_punct for t in cue.doc[child.right_edge.i + 1 : end]):
            break
        if not _circumstance(child):
            break
        end = child.left_edge.i
    return end


def _circumstance(child: Token) -> bool:
    """A time ("on Friday", "earlier this year") or a medium of saying ("in a statement", "via a tweet")."""
    if child.dep_ in {"npadvmod", "advmod", "tmod"}:
        return child.ent_type_ in {"DATE", "TIME"}
    if child.dep_ != "prep":
        return False
    objects = [c for c in child.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.ent_type_ in {"DATE", "TIME"} or o.lemma_.lower() in MEDIA_OF_SAYING for o in objects
    )


def _object_as_subject(cue: Token, verb: Token) -> bool:
    """'The U.S. denies its $100 million drone, shot down last week, violated Iranian airspace': a verb the parser
    joined to the cue after a comma, with no "and" or "but", no subject of its own and in the past or present tense,
    is the verb of what was said, whose subject the parser took for the cue's object; not a second verb of the
    speaker's."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ in {"VBD", "VBZ", "VBP"}
        and _after_comma(cue.doc, verb.left_edge.i)
        and not any(c.dep_ == "cc" for c in cue.children)
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "mark"} for c in verb.children)
    )


def _name_given(cue: Token) -> Token | None:
    """The name a naming cue gives ('called the deal "catastrophic"', "labeled the situation a Grade 3 emergency",
    'called Donald Trump's candidacy a "phenomenon"', which the parser reads as an apposition), when it is not a
    proper name ("they called him Joe")."""
    if cue.lemma_.lower() not in NAMING_CUES:
        return None
    names = [c for c in cue.children if c.dep_ == "oprd"] + [
        a
        for c in cue.children
        if c.dep_ == "dobj"
        for a in c.children
        if a.dep_ == "appos" and a.i > c.i and cue.doc[a.left_edge.i - 1].text != ","
    ]
    # (several names are the parser's confusion: 'called the Iran deal "catastrophic" and the "single greatest ..."')
    return names[0] if len(names) == 1 and names[0].pos_ != "PROPN" else None


def _subject(cue: Token) -> Token | None:
    quoted = next((c for c in cue.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)
    if quoted is not None and (
        cue.lemma_.lower() == "quote"
        or any(
            c.dep_ == "prep" and c.lower_ == "as" and any(p.lower_ == "saying" for p in c.children)
            for c in cue.children
        )
    ):
        # "AFP quoted Iran's state-owned National Iranian Tanker Company as saying", '"...," The Times of Israel
        # quoted the organization's head', "FARS reported a spokesperson for Iran's Guardian Council, Abbas Ali
        # Kadkhodayee, as saying": the one quoted speaks
        return quoted

    if cue.lemma_.lower() == "quote":
        # "Ali Akbar Salehi, the head of Iran's Atomic Energy Organization, was quoted as telling" (the last such
        # subject: '"The only thing that can save us," Ya'alon was quoted as saying' gives the quote's noun one too)
        passive = [c for c in cue.children if c.dep_ == "nsubjpass"]
        if passive:
            return passive[-1]
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    if len(subjects) > 1 and subjects[-1].pos_ == "PROPN":
        return subjects[-1]  # "the Iranian government spokesman, Ali Rabiei said": the parser's two subjects
    if subjects:
        return subjects[0]
    first = cue.sent[0]
    if cue.dep_ == "ROOT" and first.head == cue and first.dep_ in {"advmod", "npadvmod", "dep", "nmod"}:
        if first.text[:1].isupper() and first.is_alpha and first.i < cue.i and first.lower_ not in CONNECTIVES:
            return first  # "Axios first reported that ...": a name the parser took for an adverb
    if cue.dep_ == "pcomp" and cue.head.dep_ == "prep" and cue.head.head.pos_ in {"VERB", "AUX"}:
        verb = cue.head.head
        if cue.head.lower_ == "for":
            # "Republicans blasted Secretary of State John Kerry for suggesting ...", "Kerry was praised for saying":
            # the one blamed or praised says it
            done_to = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            if done_to is not None:
                return done_to
        return _subject(verb)  # "Romney backed up his comments by saying that ..."
    if cue.dep_ in {"conj", "xcomp", "advcl"} and cue.head.pos_ in {"VERB", "AUX"}:
        if cue.dep_ == "conj" and cue.head.dep_ in {"ccomp", "xcomp", "acl", "relcl"}:
            return None  # a cue the parser joined to a verb inside a reported clause does not share its subject
        if (
            cue.dep_ == "advcl"
            and cue.tag_ == "VBG"
            and _after_comma(cue.doc, cue.left_edge.i)
            and cue.head.dep_ == "ccomp"
            and cue.head.head.pos_ in {"VERB", "AUX"}
            and cue.head.head.i < cue.head.i
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.head.children)
        ):
            # "Democrats remain skeptical Trump can secure a new deal, arguing he is seeking a flashy summit",
            # "Rouhani questioned whether the U.S. can embrace Iran's people ..., saying, ...": a participle after a
            # comma that the parser hung on the reported clause belongs to the clause that reports it (not to the
            # writer's "You'll notice that the White House has retreated ..., announcing", nor to a report after it,
            # "Obama spoke glowingly of Sherman, saying ..., the Times reported")
            reporter = _subject(cue.head.head)
            if reporter is not None and reporter.lower_ not in {"you", "i", "we", "you'll"}:
                return reporter
        led = next((c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i), None)
        if cue.dep_ == "xcomp" and led is not None and cue.head.lemma_.lower() in CAUSATIVES:
            # "Those kinds of statements have led some experts to say ...", "The video ... prompted some Twitter
            # users to argue that ...": who is led to say it says it, not what led them
            return led
        return _subject(cue.head)
    return None


def _passive_report(cue: Token) -> bool:
    """'it was reported that ...' / 'X was quoted as saying'; not a passive whose subject is what was done to ("The
    student was denied entry", "was called a traitor", "was asked about")."""
    if cue.lemma_.lower() in {"deny", "call", "ask", "question"}:
        return False
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in cue.children)


# --- shared ------------------------------------------------------------------------------------------------------


def _claim(
    par: Paragraph,
    sent: Span,
    cue: Token,
    subject: Token | None,
    start: int,
    end: int,
    attribution: str,
    dicts: Dictionaries | None,
) -> dict:
    dateline = _dateline_end(par.text)
    if start < dateline < end:
        start = dateline
    if subject is not None and subject.idx < dateline:
        # "Washington (CNN) – Republican Rep. Mike Rogers ... argued": the parser makes the place the subject
        subject = next((c for c in subject.children if c.dep_ == "appos" and c.idx >= dateline), None)
    speaker = _speaker(par, subject) if subject is not None else None
    speaker_text = _phrase(subject) if subject is not None else None
    if (
        speaker is None
        and subject is not None
        and subject.lower_ in {"who", "which", "that"}
        and subject.head.dep_ == "relcl"
    ):
        # "Foreign policy advocates in the US who thought ..."; the noun right before "who" when the parser hung
        # the clause elsewhere ("difficulties ... among Iranians who feared")
        before = subject.doc[subject.i - 1] if subject.i > 0 else None
        people_before = subject.lower_ == "who" and before is not None and before.tag_ in {"NNS", "NNPS"}
        noun = before if people_before else subject.head.head
        speaker_text = _phrase(noun)
    if speaker is None and subject is not None and subject.lower_ in {"it", "they", "we", "i", "you"}:
        group = _plural_subject_before(par, subject) if subject.lower_ == "they" else None
        if group is not None:
            # "Democratic and Republican lawmakers argued against it ... . They warned that ...": the lawmakers
            speaker, speaker_text = _speaker(par, group), _phrase(group, with_conjuncts=True)
        else:
            speaker_text = subject.text
    if speaker_text:
        # "Rob Berschinski," or '” FBI Executive Assistant Director ... Jay Tabb': a quote mark or the comma
        # before an apposition is no part of the name
        speaker_text = speaker_text.strip(SPEAKER_JUNK) or speaker_text
    cue_entry = dicts.cues.get(cue.lemma_.lower()) if dicts else None
    hedged = bool(cue_entry and cue_entry.is_hedged) or any(t.lower_ in HEDGE_ADVERBS for t in sent)
    negated = any(c.dep_ == "neg" for c in cue.children) or cue.lemma_.lower() == "deny"
    return {
        "claim_index": -1,  # numbered per article by the caller
        "sentence_index": par.sentence_index(sent),
        "speaker_text": speaker_text,
        "speaker_actor_id": speaker.actor_id if speaker else None,
        "speaker_alias_key": alias_key(speaker.canonical) if speaker else None,
        "cue": cue.lemma_.lower(),
        "cue_text": cue.text,
        "claim_text": par.text[start:end],
        "attribution": attribution,
        "is_hedged": hedged,
        "is_negated": negated,
        "about_claim_index": None,
        "about_relation": (cue_entry.relation if cue_entry else None),
        "evidence_text": sent.text,
        "start_char": par.offset + start,
        "end_char": par.offset + end,
        "_speaker_mention": speaker,
        "_subject_lemma": subject.lemma_.lower() if subject is not None else None,
        "_subject_tag": subject.tag_ if subject is not None else None,
        # "a mechanic whose store windows were shattered": a person the article describes and does not name
        "_subject_unnamed_person": subject is not None
        and subject.tag_ == "NN"
        and (
            subject.lemma_.lower() in UNNAMED_PEOPLE
            or any(c.dep_ == "relcl" and c.left_edge.lower_ in {"who", "whose"} for c in subject.children)
        ),
        "_content_tokens": (par.doc.char_span(start, end, alignment_mode="expand")),
        "_paragraph": par.index,
        "_cue_at": par.offset + cue.idx,
        "_open_quote": False,
        "_ends_paragraph": par.sentence_position(sent) == len(par.sents) - 1,
    }


# "WASHINGTON (Reuters) - ", "Washington (CNN) – ", "SYDNEY (AP) — ", "BEIRUT — ", "TEL AVIV, Israel — ": where and by
# whom a story was filed (a capitalised heading of more words, "KERRY SAYS ATTACKS STILL POSSIBLE - ", is not one)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'\u2019/, -]{1,50}?\s*\([A-Z][A-Za-z.& ]{0,30}\)"  # a place, then (agency)
    r"|[A-Z][A-Z.'\u2019/-]*(?:,? [A-Z][A-Z.'\u2019/-]*){0,2}(?:, [A-Z][a-z]+)?)"  # or up to three capitalised words
    r"\s*[-\u2013\u2014]+\s+"
)


def _dateline_end(text: str) -> int:
    """Where the paragraph's dateline ends (0 without one): not part of what anyone said."""
    found = _DATELINE.match(text)
    return found.end() if found else 0


def _speaker(par: Paragraph, subject: Token):
    """The actor who speaks: a name, a pronoun ("he said": the latest person who spoke or was the subject of a
    sentence outside quotes), or a definite description ("the defense secretary", "the Observatory", "the
    spokesman", "it") resolved against the actors described so far; a possessive role ("Trump's ambassador") is
    another person, unresolved when the text does not name them."""
    memory = par.memory
    named = _named_in_phrase(par, subject)
    if named is not None:
        return named
    example = _named_example(par, subject)
    if example is not None:
        return example
    if subject.lower_ in {"he", "she"}:
        return _of_pronouns_gender(par, subject, _person_pronoun_referent(par, subject))
    if _possessed_role(par, subject):
        return par.mention_at(subject)
    if subject.lower_ in {"which", "who"}:
        antecedent = _antecedent(par, subject)
        noun = subject.head.head if subject.head.dep_ == "relcl" else None
        if antecedent is None and noun is not None and noun.pos_ == "NOUN" and _with_article(noun):
            # "adopted by the president, who a day ago had said that ...": whom that description is
            antecedent = _speaker(par, noun)
        if antecedent is not None:
            nouns = [par.doc[subject.i - 1]] if subject.i > 0 else []
            if subject.head.dep_ == "relcl":
                nouns.append(subject.head.head)
            return None if any(_people_of_a_state(par, n, antecedent) for n in nouns) else antecedent
    if subject.lemma_.lower() in EPITHET_OFFICES and _with_article(subject) and par.mention_at(subject) is None:
        # "The Iranian diplomat said" after Zarif was named: him ("A senior Iranian negotiator stated": no one)
        state = next((m for m in map(par.mention_at, subject.lefts) if m and m.actor_type == "country"), None)
        found = _person_of(par, state, subject) if state is not None else None
        if found is not None:
            return found
    speaker = par.ruled_state(subject) or par.actor_of(subject) or par.promote_speaker(subject)
    if (
        speaker is not None
        and speaker.actor_type == "country"
        and par.mention_at(subject) is None
        and (
            subject.lemma_.lower() in NON_STATE_HEADS
            or subject.tag_ == "NN"
            and (subject.lemma_.lower() in UNNAMED_PEOPLE or _indefinite(subject))
            and subject.lemma_.lower() not in SPOKESPEOPLE | GOVERNMENT_NOUNS | DOCUMENTS | SOURCED_RECORDS | RECORDS
        )
    ):
        # "one Israeli man told CBN News", "A senior Iranian negotiator stated", "a defiant Iranian admiral said": a
        # person, not the state
        return None
    if (
        speaker is not None
        and subject.tag_ in {"NNS", "NNPS"}
        and par.mention_at(subject) is not None
        and any(c.dep_ in {"det", "amod", "nummod"} and c.lower_ in SOME_OF for c in subject.children)
    ):
        return None  # "Some congressional Republicans tell me": some members, not the party
    if _people_of_a_state(par, subject, speaker):
        return None
    if speaker is not None and _party_member(subject, speaker):
        # '"...," the Massachusetts Democrat told the committee': one of the party, the person the text is about;
        # "the top Republican and Democrat on the committee said": two people the sentence does not name
        if subject.dep_ == "conj" or any(c.dep_ == "conj" for c in subject.children):
            return None
        return _epithet_referent(par, subject)
    if speaker is not None and speaker.actor_type != "person" and _person_noun(subject) and not par.mention_at(subject):
        # "The Israeli leader", "The GOP frontrunner": a person of that state or party, not the state or party; an
        # epithet ("frontrunner") is the person the text is about
        found = _person_of(par, speaker, subject)
        if found is None and subject.lemma_.lower() in PERSON_NOUNS and _with_article(subject):
            found = _epithet_referent(par, subject)
        return found
    if speaker is None and _with_article(subject) and _media_noun(subject):
        # "the newspaper reported" after "senior US officials were quoted as saying by the WSJ": that outlet
        outlet = _latest_outlet(par, subject)
        if outlet is not None:
            return outlet
    if speaker is None and subject.lemma_.lower() in SHARES and par.mention_at(subject) is None:
        # "Fifty-one percent say that ..." after "A new ABC News poll shows majority support": those polled speak
        # through the poll of their paragraph, for whoever made it (no one, when the text did not say)
        poll = next((t for t in reversed(par.doc[: subject.i]) if t.lemma_.lower() in POLLS), None)
        if poll is None:
            return None
        return _named_in_phrase(par, poll) or (_maker_of_earlier(par, poll) if _with_article(poll) else None)
    if speaker is None and _with_article(subject) and subject.lemma_.lower() in DOCUMENTS:
        # "The report said" after "a United Nations report on the Aug. 21 attack": who made that report
        made_by = _maker_of_earlier(par, subject)
        if made_by is not None:
            return made_by
    if speaker is not None or not _definite_reference(subject):
        return speaker
    if subject.lower_ == "it":
        # "Iran has since said it warned the U.S.": the one whose reported clause this is
        reporter = _reporting_subject(subject)
        found = (par.mention_at(reporter) or par.actor_of(reporter)) if reporter is not None else None
        if found is not None and found.actor_type != "person":
            return found
    else:
        described = _described_as(par, subject)
        if described is not None:
            return described
    if subject.lemma_.lower() in SPOKESPEOPLE:
        # "the spokesperson said" after "A spokesperson for Harvard said": whom the last spokesperson spoke for
        spoken_for = next(
            (
                c["_speaker_mention"]
                for c in reversed(memory.claims)
                if c["_speaker_mention"] is not None and "spokes" in (c["speaker_text"] or "").lower()
            ),
            None,
        )
        if spoken_for is not None:
            return spoken_for
    if subject.lemma_.lower() in RECORDS | SOURCED_RECORDS - {"report", "story"}:
        # "according to the marinetraffic.com site", "The letter ... states": a record, not whoever spoke the
        # sentence before ("the report" and "the story" are often the outlet's that spoke)
        return None
    person_role = subject.lemma_.lower() in PERSON_ROLES | PERSON_NOUNS
    if person_role and subject.tag_ in {"NNS", "NNPS"}:
        return None  # "the senators wrote": several people, not the last person who spoke
    # "the statement", "the minister", "it": the latest speaker of that kind; a description the article has not
    # used for anyone ("the software giant", "the top prosecutor") only the speaker of the sentence before
    recent = (
        subject.lower_ == "it"
        or subject.lemma_.lower() in DEFINITE_SPEAKERS | PERSON_ROLES
        and not any(c.dep_ in {"compound", "amod", "nmod"} for c in subject.children)
    )
    here = par.sentence_index(subject.sent)
    last = memory.claims[-1] if memory.claims else None
    if (
        subject.lower_ == "it"
        and last is not None
        and last["sentence_index"] >= here - 1
        and last.get("_subject_lemma") in RECORDS | SOURCED_RECORDS | SPOKESPEOPLE
    ):
        # "The letter, authored by Arkansas Sen. Tom Cotton, states ... It also notes that ...": the letter's author
        return last["_speaker_mention"]
    found = next(
        (
            c["_speaker_mention"]
            for c in reversed(memory.claims)
            if c["_speaker_mention"] is not None
            and (c["_speaker_mention"].actor_type == "person") == person_role
            and (recent or c["sentence_index"] >= here - 1)
            and (subject.lemma_.lower() not in GOVERNMENT_NOUNS or _government(c["_speaker_mention"]))
        ),
        None,
    )
    epithet = subject.lemma_.lower() in PERSON_NOUNS
    if found is None and person_role and subject.tag_ == "NN" and (_placed(subject) or epithet):
        # "the former Florida governor said", "the Texas senator", "The teen said", "The first daughter said": an
        # epithet for the person the text is about
        return _epithet_referent(par, subject)
    return found


def _reporting_subject(subject: Token) -> Token | None:
    """The named subject of the verb whose reported clause holds `subject`'s verb ("Iran" in "Iran has since said it
    warned ..."), if any."""
    verb = subject.head
    if subject.dep_ not in {"nsubj", "nsubjpass"} or verb.dep_ != "ccomp" or verb.head.pos_ not in {"VERB", "AUX"}:
        return None
    outer = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return outer if outer is not None and outer.pos_ in {"PROPN", "NOUN"} else None


def _named_example(par: Paragraph, subject: Token):
    """ "some -- like Sen. Bernie Sanders's foreign policy adviser Matthew Duss -- say", "critics, including Rand
    Paul, say": the one person the text names among those who say it (not Sanders, whose adviser it is)."""
    if subject.lower_ not in {"some", "others", "many"} and subject.tag_ != "NNS":
        return None
    people = {
        m.actor_id: m
        for prep in subject.children
        if prep.dep_ == "prep" and prep.lower_ in {"like", "including"}
        for m in par.mentions_in(prep.i, prep.right_edge.i + 1)
        if m.actor_type == "person" and par.doc[m.token_start : m.token_end].root.dep_ != "poss"
    }
    return next(iter(people.values())) if len(people) == 1 else None


def _placed(subject: Token) -> bool:
    """A person's noun with a place's name before it ("the Florida governor", "the New York congressman")."""
    return any(c.dep_ in {"compound", "amod"} and c.pos_ == "PROPN" and c.i < subject.i for c in subject.children)


def _person_pronoun_referent(par: Paragraph, subject: Token):
    """Whom "he" or "she" refers to: the one person who is a subject earlier in the sentence or in the sentence
    before, else the latest main-clause subject or speaker."""
    memory = par.memory
    reporter = _reporting_person(par, subject)
    if reporter is not None:
        return reporter
    if subject.head.dep_ in {"advcl", "relcl", "acl"}:
        # "criticizing former Secretary of State John Kerry after he confirmed ...", "Schumer's post on Medium giving
        # a laundry list of reasons he thinks ...": the one person named before it in its own sentence
        named = _only_person_named_before(par, subject)
        if named is not None:
            return named
    last = memory.claims[-1] if memory.claims else None
    here = par.sentence_index(subject.sent)
    at = par.offset + subject.idx
    if (
        last is not None
        and last["_speaker_mention"] is None
        and last.get("_subject_unnamed_person")
        and (
            last["sentence_index"] >= here - 1
            or last["sentence_index"] >= here - 6
            and not any(m.actor_type == "person" and last["start_char"] <= m.start < at for m in memory.mentions)
        )
    ):
        # '“...,” said one analyst who asked to remain anonymous ... . Few of Iran's concessions ... are permanent,
        # he noted.'; '..., said a mechanic whose store windows were shattered ... . He declined to be identified
        # ... . "...," he added.': the same person again, whom the article does not name
        return None
    only = _person_subject_before(par, subject) or _only_person_before(par, subject)
    if only is not None:
        return only
    return _latest_subject_or_speaker(memory)


def _latest_subject_or_speaker(memory):
    """The latest main-clause subject (else person named) when later than the latest person who spoke, else that
    speaker: whom "he" stands for when nothing nearer decides."""
    main = memory.last_main_subject_person
    if memory.last_speaker_person is None or (main is not None and main.start > memory.last_speaker_at):
        return main or memory.last_person
    return memory.last_speaker_person


def _reporting_person(par: Paragraph, subject: Token):
    """The person named as the subject of the clause above the pronoun's own ("Nancy Pelosi said afterwards that
    ... she was near tears during his speech, calling it ...": Pelosi; "Ambassador Nikki R. Haley ... denounced
    what she called the double standard": Haley), by the parse."""
    own = subject.head
    for verb in own.ancestors:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        named = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if named is None or named.lower_ == subject.lower_:
            continue  # "Trump said ... he would revive sanctions ... to undermine what he called": Trump again
        found = par.mention_at(named) or _named_in_phrase(par, named)
        return found if found is not None and found.actor_type == "person" and named.i < subject.i else None
    return None


def _of_pronouns_gender(par: Paragraph, subject: Token, found):
    """`found` unless the article shows them to be of the other gender than the pronoun ("she said" after
    "Mr. Brody", after "David Brody"); then the latest person before the pronoun known to be of its gender ("Sarah
    Sanders"), else no one ("she" after "Mohamed Morsi": a woman the article does not name)."""
    want = "m" if subject.lower_ in {"he", "his"} else "f"
    mentions = par.memory.mentions
    if found is None or gender(found, mentions) in {None, want}:
        return found
    at = par.offset + subject.idx
    earlier = [m for m in mentions if m.start < at and m.actor_type == "person" and gender(m, mentions) == want]
    return max(earlier, key=lambda m: m.start, default=None)


def _named_in_phrase(par: Paragraph, subject: Token):
    """The person a descriptive subject names inside its own phrase: an apposition ("One Kurdish official, Razan
    Hiddo,"; "the head of the group, Ahmet Uzumcu,"), a name it is "known as", or a name the parser hung below a
    title ("Ambassador to the U.N. Nikki Haley"); the body an apposition or a news outlet's phrase names ("An Al
    Qaeda-linked group, the Abdullah Azzam Brigades,", "the Russian news agency Tass"); else, for a spokesperson or a
    statement, the organisation or state it speaks for ("A spokesperson for Harvard", "a Vatican spokesman", "A
    statement from the Palestinian Foreign Ministry")."""
    if subject.pos_ not in {"NOUN", "PROPN"} or par.mention_at(subject) is not None:
        return None
    for child in subject.children:
        if child.dep_ == "appos":
            found = par.mention_at(child)
            if found is not None and found.actor_type == "person":
                return found
            body = found is not None and found.actor_type in {"organization", "group"}
            if body and subject.tag_ == "NN" and not _person_noun(subject):
                # "An Al Qaeda-linked group, the Abdullah Azzam Brigades, claimed": the body it names
                return found
        known_as = _known_as(child)
        if known_as is not None:
            # "One activist, known as Abu Khalil, told": the person of that name
            found = par.mention_at(known_as)
            if found is not None and found.actor_type == "person":
                return found
    if _media_noun(subject):
        # "the Russian news agency Tass reported", "The Syrian state-run SANA news agency said": the outlet it names,
        # not the state its demonym names
        for child in subject.children:
            found = par.mention_at(child) if child.dep_ in {"appos", "compound", "amod", "nmod"} else None
            if found is not None and found.actor_type == "organization":
                return found
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ == "including" and subject.tag_ in {"NNS", "NNPS"}:
            # "Administration allies including FDD's chief executive, Mark Dubowitz, said": the one person named
            named = par.mentions_in(child.i, child.right_edge.i + 1)
            people = {m.actor_id: m for m in named if m.actor_type == "person"}
            if len(people) == 1:
                return next(iter(people.values()))
    lemma = subject.lemma_.lower()
    if lemma in PERSON_ROLES | RELATIVES:
        people = {
            m.actor_id: m
            for m in par.mentions_in(subject.left_edge.i, subject.right_edge.i + 1)
            if m.actor_type == "person" and m.token_start > subject.i and not _spoken_for(par, m, subject)
        }
        if len(people) == 1:
            return next(iter(people.values()))
    if lemma == "official" and not any(c.lower_ in {"former", "ex"} for c in subject.children):
        # "White House officials", "a State Department official": the body they speak for (not "U.S. officials",
        # whom the annotations mostly leave unnamed)
        for child in subject.children:
            found = par.mention_at(child) if child.dep_ in {"compound", "nmod"} else None
            if found is not None and found.actor_type == "organization":
                return found
        return None
    record = lemma in RECORDS | SOURCED_RECORDS
    possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
    if possessor is not None and (record or lemma in SPOKESPEOPLE | {"office"}):
        # "His 2006 book claimed", "according to his letter", "McCain's office confirmed": the person who owns it
        if possessor.lower_ in {"his", "her"}:
            return _possessor(par, possessor)
        owner = par.mention_at(possessor)
        if owner is not None and owner.actor_type == "person":
            return owner
    if lemma not in SPOKESPEOPLE and not record:
        return None
    # a record's "of" is what it is about ("a study of Iran's economy"); its "by" and "from" are who made it
    preps = {"from", "by"} if record else {"for", "from", "of"}
    for child in subject.children:
        if child.dep_ in {"compound", "amod", "nmod", "poss"}:
            source = child
        elif child.dep_ == "prep" and child.lower_ in preps:
            source = next((o for o in child.children if o.dep_ == "pobj"), None)
        elif (
            child.dep_ == "acl"
            and child.tag_ == "VBN"
            and (record and child.lemma_.lower() not in OBTAINING or child.lemma_.lower() in MAKING_VERBS)
        ):
            # "The letter, authored by Arkansas Sen. Tom Cotton, states ...", "according to a statement released by
            # the White House" (not "a document obtained by CNN", not "a statement carried by IRNA")
            agent = next((a for a in child.children if a.dep_ == "agent"), None)
            source = next((o for o in agent.children if o.dep_ == "pobj"), None) if agent is not None else None
        else:
            continue
        found = (par.mention_at(source) or par.promote_speaker(source)) if source is not None else None
        if found is not None and found.actor_type not in ({"country"} if record else {"person"}):
            return found
    return None


def _known_as(child: Token) -> Token | None:
    """The name in "<description>, known as <name>," (a participle below the description)."""
    if child.dep_ != "acl" or child.lemma_.lower() != "know" or child.tag_ != "VBN":
        return None
    as_ = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    return next((o for o in as_.children if o.dep_ == "pobj"), None) if as_ is not None else None


def _possessor(par: Paragraph, pronoun: Token):
    """Whom "his" or "her" before a record or an office stands for: the one person named before it in its sentence,
    else the one person who is the subject of the sentence before, else whom "he" would stand for, checked against
    the pronoun's gender ("As president, Carter brokered ... . His 2006 book ... claimed that ...": Carter)."""
    found = (
        _only_person_named_before(par, pronoun)
        or _only_person_before(par, pronoun)
        or _latest_subject_or_speaker(par.memory)
    )
    return _of_pronouns_gender(par, pronoun, found)


def _people_of_a_state(par: Paragraph, noun: Token, speaker) -> bool:
    """ "Americans" in a poll, "Iranians who feared that ...": the people, whom a plural demonym without an article
    names, not the state ("the Iranians insist" in talks is the state's delegation)."""
    return (
        speaker is not None
        and speaker.actor_type == "country"
        and noun.tag_ in {"NNS", "NNPS"}
        and par.mention_at(noun) is not None
        and not any(c.dep_ == "det" for c in noun.children)
    )


def _spoken_for(par: Paragraph, mention, subject: Token) -> bool:
    """ "A spokesman for ... Chairman Howard McKeon", "Aides to Obama": the person the subject speaks or works for,
    not the subject."""
    root = par.doc[mention.token_start : mention.token_end].root
    if root.head.dep_ == "prep" and root.head.lower_ == "to" and root.head.head.i == subject.i:
        # "Aides to (President) Obama", not "Ambassador to the U.N. Nikki Haley" (a body, then the name)
        before = par.doc[root.left_edge.i : mention.token_start]
        if all(t.lower_.strip(".") in TITLES or t.lower_ == "the" for t in before):
            return True
    return any(a.dep_ == "prep" and a.lower_ == "for" for a in root.ancestors if a.i > subject.i)


def _antecedent(par: Paragraph, subject: Token):
    """The actor a relative pronoun follows ("against Iran, which says ...": Iran, where the parser hangs the clause
    on "action"; "Adam Kinzinger, an Illinois Republican who said": Kinzinger, whom the apposition describes)."""
    doc = par.doc
    before = subject.i - 1
    if before >= 0 and doc[before].text == ",":
        before -= 1
    if before >= 0 and doc[before].text == ")":
        # "Rep. Dutch Ruppersberger (D-Md.), who said": the name before the parenthesis
        opening = next((t.i for t in reversed(doc[max(0, before - 8) : before]) if t.text == "("), None)
        before = opening - 1 if opening is not None else before
    if before < 0:
        return None
    tok = doc[before]
    if tok.dep_ == "appos" and par.mention_at(tok.head) is not None:
        return par.mention_at(tok.head)
    noun = subject.head.head if subject.head.dep_ == "relcl" else None
    if (
        noun is not None
        and before == subject.i - 1
        and noun.pos_ == "NOUN"
        and tok.dep_ == "pobj"
        and tok.head.head.i == noun.i
    ):
        # "Foreign policy advocates in the US who thought ...": a restrictive clause of the noun, not of the place
        return par.mention_at(noun) or _named_in_phrase(par, noun)
    found = par.mention_at(tok)
    if found is not None:
        return found
    # the noun the parser hangs the relative clause on: "a Feb 23 Economist/YouGov poll that shows", "the Sept. 28
    # statement from the Office of the Director of National Intelligence which said"
    if subject.head.dep_ == "relcl":
        noun = subject.head.head
        return par.mention_at(noun) or _named_in_phrase(par, noun)
    return None


def _government(mention) -> bool:
    """A state or, by the actor dictionary's role, a government body: what "the ministry" can be."""
    return mention.actor_type == "country" or (mention.actor is not None and mention.actor.role == "government body")


def _person_noun(subject: Token) -> bool:
    """A singular noun for a person ("the Israeli leader"; not "Senate Democrats", a party speaking)."""
    return subject.tag_ in {"NN", "NNP"} and subject.lemma_.lower() in PERSON_ROLES | PERSON_NOUNS


def _party_member(subject: Token, speaker) -> bool:
    """ "the Massachusetts Democrat", "the Republican": one member of a party, not the party."""
    return (
        speaker.actor_id in PARTIES
        and subject.tag_ in {"NN", "NNP"}
        and subject.lemma_.lower() in {"democrat", "republican"}
        and any(
            c.dep_ == "det" and c.lower_ == "the"
            for c in (subject.head if subject.dep_ == "conj" else subject).children  # "the Republican and Democrat"
        )
    )


def _epithet_referent(par: Paragraph, subject: Token):
    """Whom an epithet ("the Massachusetts Democrat") stands for: whom "he" would (the one person subject of the
    sentence before, else the latest main-clause subject or speaker), else the one person named before it in its
    sentence, when named within EPITHET_REACH characters before it; else no one."""
    found = _person_pronoun_referent(par, subject) or _only_person_named_before(par, subject)
    if found is None or par.offset + subject.idx - found.start > EPITHET_REACH:
        return None
    return found


def _only_person_named_before(par: Paragraph, subject: Token):
    """The one person named earlier in the subject's sentence, outside quotes ("After the Israeli government agreed
    to allow U.S. Congresswoman Rashida Tlaib entry ..., the Michigan Democrat says")."""
    people = {
        m.actor_id: m
        for m in par.mentions
        if m.actor_type == "person"
        and subject.sent.start <= m.token_start
        and m.token_end <= subject.i
        and not _inside_any_quote(par.text, m.start - par.offset)
    }
    return next(iter(people.values())) if len(people) == 1 else None


def _person_of(par: Paragraph, group, subject: Token):
    """The person who spoke last when they belong to `group`'s state ("the Israeli leader said" after Netanyahu
    spoke), else, for "the Iranian diplomat" or "the Israeli leader", the one person of that state named within
    EPITHET_REACH characters before whose office the word describes; else None: "a Saudi spokeswoman", "the Saudi
    ambassador" are someone the text does not name."""
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in subject.children):
        return None
    if group.actor_type != "country":
        return None
    last = par.memory.last_speaker_person
    if last is not None and last.actor is not None and last.actor.country_code == group.actor_id:
        return last
    # "The Iranian diplomat said" after "Iranian Foreign Minister Mohammad Javad Zarif arrived": the one person of
    # that state named shortly before whose office the epithet describes
    offices = EPITHET_OFFICES.get(subject.lemma_.lower())
    if not offices:
        return None
    at = par.offset + subject.idx
    people = {
        m.actor_id: m
        for m in par.memory.mentions
        if m.actor_type == "person"
        and m.actor is not None
        and m.actor.country_code == group.actor_id
        and (m.actor.role or "").startswith(offices)  # not "vice president", "under secretary of state"
        and at - EPITHET_REACH <= m.start < at
    }
    return next(iter(people.values())) if len(people) == 1 else None


def _person_subject_before(par: Paragraph, subject: Token):
    """The one person who is a subject earlier in the pronoun's own sentence, before the quote that "he said"
    attributes ("At the Pentagon, spokesman Rear Adm. John Kirby echoed that assessment: "This is not the Iraq
    War," he said."; not "Dempsey also visited U.S. troops, he said", where Dempsey is in what was said)."""
    sent = subject.sent
    text = par.text
    people = {}
    for m in par.mentions:
        if not (sent.start <= m.token_start and m.token_end <= subject.i) or m.actor_type != "person":
            continue
        at = m.start - par.offset
        if _inside_any_quote(text, at) or not any(
            at < seg[0] and seg[3] <= subject.idx for seg in _quote_segments(text)
        ):
            continue
        root = par.doc[m.token_start : m.token_end].root
        if root.dep_ in {"nsubj", "nsubjpass"} or (root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"}):
            people[m.actor_id] = m
    return next(iter(people.values())) if len(people) == 1 else None


def _only_person_before(par: Paragraph, subject: Token):
    """The one person who is the subject of the sentence before in the paragraph, outside quotes and reported
    clauses ("The verdict was devastating for Egyptians like Ahmed Nage, 26, who was arrested ... . He said ..."),
    else None."""
    here = par.sentence_position(subject.sent)
    if here == 0:
        return None
    before = par.sents[here - 1]
    # (a sentence "according to" someone is still the writer's own sentence about its subject: "Petraeus discussed
    # early on his affair with Paula Broadwell, according to lawmakers. He said ...")
    reported = [(c["start_char"], c["end_char"]) for c in par.memory.claims[-6:] if c["cue"] != "according to"]
    people = {}
    for m in par.mentions:
        if not (before.start <= m.token_start < before.end) or m.actor_type != "person":
            continue
        if _inside_any_quote(par.text, m.start - par.offset) or any(a <= m.start < b for a, b in reported):
            continue
        root = par.doc[m.token_start : m.token_end].root
        if (
            root.dep_ in {"nsubj", "nsubjpass"}
            or (root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"})  # "Trump's adviser, Gen. Dunford,"
            or any(c.dep_ == "relcl" for c in root.children)
        ):
            people[m.actor_id] = m
    if not people:
        # "The president confirmed it as much during an interview with NBC's Chuck Todd. "No," he answered ...": the
        # office that was the subject, not the person named after it
        described = next((c for c in before.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if described is not None and described.lemma_.lower() in PERSON_ROLES and _definite_reference(described):
            found = _described_as(par, described)
            if found is not None and found.actor_type == "person":
                people[found.actor_id] = found
    return next(iter(people.values())) if len(people) == 1 else None


def _possessed_role(par: Paragraph, subject: Token) -> bool:
    """ "Trump's ambassador to Berlin", "his spokesman", "other top Trump advisers": a role held for another person
    (not "Iran's foreign minister", an office of a state)."""
    tied = subject.lemma_.lower() in FOLLOWERS | RELATIVES
    if tied and any(c.dep_ in {"poss", "compound"} for c in subject.children):
        return True  # "her backers note", "Iran's allies say", "Netanyahu's wife argued": not the one they back
    if subject.lemma_.lower() not in PERSON_ROLES:
        return False
    for child in subject.children:
        if child.dep_ == "poss":
            owner = par.mention_at(child)
            return child.lower_ in {"his", "her"} or (owner is not None and owner.actor_type == "person")
        if child.dep_ == "compound" and subject.tag_ == "NNS":
            owner = par.mention_at(child)
            if owner is not None and owner.actor_type == "person":
                return True
    return False


def _described_as(par: Paragraph, subject: Token):
    """The latest actor whose name or description holds the head word and the other words of "the X" ("the
    defense secretary" -> Defense Secretary Mark Esper; "the Observatory" -> Syrian Observatory for Human Rights)."""
    head = subject.lower_
    modifiers = {
        c.lower_
        for c in subject.children
        if c.dep_ in {"compound", "amod"} and c.lower_ not in {"former", "then", "new", "senior", "top", "current"}
    }
    lemma = subject.lemma_.lower()
    # an office means a person; another noun a body, and a person only when no body fits ("the pope")
    kinds = [True] if lemma in PERSON_ROLES else [False] if lemma in PERSON_NOUNS | DEFINITE_SPEAKERS else [False, True]
    # people with the same words as an unnamed source's, later than any name they fit: that source again ("Former
    # Clinton aides told The Times ... the former aides explained", not "White House aide Bruce Riedel" named before)
    unnamed_at = (
        max(
            (
                c["start_char"]
                for c in par.memory.claims
                if c["_speaker_mention"] is None and (c["speaker_text"] or "").lower().split()[-1:] == [head]
            ),
            default=-1,
        )
        if subject.tag_ == "NNS"
        else -1
    )
    for want_person in kinds:
        for mention, words in reversed(par.memory.described):
            if (mention.actor_type == "person") != want_person or mention.start < unnamed_at:
                continue
            role = (mention.actor.role or "").lower().split() if mention.actor else []
            vocabulary = words | set(role)
            if (head in vocabulary or lemma in vocabulary) and modifiers <= vocabulary:
                if not lower_office(vocabulary, modifiers):
                    return mention
    return None


def _with_article(subject: Token) -> bool:
    """ "the report", "this statement": a noun that refers back."""
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in subject.children)


def _media_noun(subject: Token) -> bool:
    """ "the newspaper", "the paper", "the news agency", "the wire service", "the TV channel"."""
    lemma = subject.lemma_.lower()
    return lemma in MEDIA_NOUNS or (
        lemma in MEDIA_HEADS
        and any(c.dep_ in {"compound", "amod"} and c.lower_ in MEDIA_KINDS for c in subject.children)
    )


def _latest_outlet(par: Paragraph, subject: Token):
    """The news outlet named or quoted last, in this sentence or the five before (not one named eight sentences
    earlier: "the British tabloid The Sun ... the paper wrote", where spaCy did not find The Sun, is not Haaretz)."""
    at, here = par.offset + subject.idx, par.sentence_index(subject.sent)
    named = [(m.start, m) for m in par.memory.mentions if m.start < at and m.sentence_index >= here - 5]
    # a name spaCy alone found is only a claim's speaker ("according to the Crimson")
    quoted = [
        (c["start_char"], c["_speaker_mention"])
        for c in par.memory.claims
        if c["_speaker_mention"] is not None and c["sentence_index"] >= here - 5
    ]
    outlets = [(start, m) for start, m in named + quoted if _news_outlet(m)]
    return max(outlets, key=lambda pair: pair[0], default=(None, None))[1]


def _news_outlet(mention) -> bool:
    if mention.actor_type != "organization":
        return False
    if mention.actor is not None and mention.actor.actor_id in MEDIA_ACTORS:
        return True
    names = [mention.actor_name, mention.text, *(mention.actor.aliases if mention.actor else ())]
    return any(w in MEDIA_NAME_WORDS for name in names for w in re.findall(r"[a-z]+", name.lower()))


def _maker_of_earlier(par: Paragraph, subject: Token):
    """Who made the latest document of the same kind named before ("a United Nations report ... The report
    said"), when the text said; None when that document's maker is not named."""
    lemma = subject.lemma_.lower()
    return next((maker for kind, maker in reversed(par.memory.documents) if kind == lemma), None)


def remember_documents(par: Paragraph, sent: Span) -> None:
    """Note the documents a sentence names and who made them: an owner in the document's phrase ("a United Nations
    report", "a statement from the OU"), or the subject of the verb that issued it ("the ministry issued a
    statement")."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in DOCUMENTS or tok.pos_ != "NOUN" or _inside_any_quote(par.text, tok.idx):
            continue
        maker = _named_in_phrase(par, tok)
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else tok.head
        if maker is None and (
            tok.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS or tok.dep_ == "pobj" and verb.pos_ == "VERB"
        ):
            # "the ministry issued a statement", "Iran's foreign ministry said in a statement"
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            maker = (par.mention_at(subject) or _named_in_phrase(par, subject)) if subject is not None else None
        if maker is None and _with_article(tok):
            maker = _maker_of_earlier(par, tok)  # "The report also said": the same report again
        par.memory.documents.append((lemma, maker))


def _definite_reference(subject: Token) -> bool:
    if subject.lower_ == "it":
        return True
    lemma = subject.lemma_.lower()
    # "the software giant", "the Observatory", "the defense secretary"; not "the officials", "the report"
    return _with_article(subject) and (
        lemma in DEFINITE_SPEAKERS
        or lemma in PERSON_ROLES
        or subject.pos_ == "PROPN"
        or (subject.tag_ == "NN" and lemma not in UNNAMED_SOURCES and lemma not in UNNAMED_HEADS)
    )


def _link_to_earlier(claim: dict, par: Paragraph, dicts: Dictionaries) -> None:
    """Point a claim at an earlier claim it disputes or confirms."""
    span = claim.get("_content_tokens")
    if span is None:
        return
    marker = next(
        (dicts.content_markers[t.lemma_.lower()] for t in span if t.lemma_.lower() in dicts.content_markers), None
    )
    relation = marker.relation if marker else claim["about_relation"]
    if relation is None:
        claim["about_relation"] = None
        return
    named = {m.actor_id for m in par.mentions if span.start <= m.token_start < span.end}
    for earlier in reversed(par.memory.claims):
        if (
            earlier["speaker_actor_id"]
            and earlier["speaker_actor_id"] in named
            and earlier["speaker_actor_id"] != claim["speaker_actor_id"]
        ):
            claim["about_claim_index"] = earlier["claim_index"]
            claim["about_relation"] = relation
            return
    claim["about_relation"] = None


def _plural_subject_before(par: Paragraph, they: Token) -> Token | None:
    """The plural subject of the sentence before in the paragraph, outside quotes, that "they" continues
    ("Democratic and Republican lawmakers argued against it ... . They warned that ...")."""
    here = par.sentence_position(they.sent)
    if here == 0:
        return None
    root = par.sents[here - 1].root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or _inside_any_quote(par.text, subject.idx):
        return None
    if any(c.lower_ in {"no", "neither"} for c in subject.children) or subject.lower_ in NOBODY:
        return None
    plural = subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)
    lemma = subject.lemma_.lower()
    people = (
        par.actor_of(subject) is not None
        or lemma in UNNAMED_SOURCES | UNNAMED_HEADS | PERSON_ROLES | NON_STATE_HEADS
        or lemma.endswith(PEOPLE_ENDINGS)
    )
    return subject if plural and people else None


def _phrase(head: Token, with_conjuncts: bool = False) -> str:
    """The noun phrase of a subject without relative clauses, appositions or (unless asked) its conjuncts
    ("Germany", not "Germany, France, Russia and China"), at most 10 tokens."""
    cut = {"relcl", "appos", "acl"} if with_conjuncts else {"relcl", "appos", "acl", "conj", "cc"}
    tokens = [
        t
        for t in head.subtree
        if not any(a.dep_ in cut and a.i != head.i for a in [t, *t.ancestors] if a.i != head.i and head in a.ancestors)
    ]
    while len(tokens) > 1 and tokens[-1].is_punct:
        tokens.pop()
    tokens = tokens or [head]
    start, end = tokens[0].i, tokens[-1].i + 1
    if end - start > 10:
        start, end = head.i, head.i + 1
    return head.doc[start:end].text


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    junk = " \t\n,;:.\"'\u201c\u201d\u2018\u2019-\u2014"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end


def _quoted(text: str, start: int, end: int) -> bool:
    return any(m.start() <= start and end <= m.end() for m in QUOTE_SPAN.finditer(text))
