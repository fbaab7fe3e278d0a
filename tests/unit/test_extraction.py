"""Extraction on real sentences from the corpus (the seed article, news-bias articles, Reuters-21578): actors and
claims by rules, stances by the trained model (tests/unit/test_stance_model.py has the model's own tests)."""

import gzip
import json
from pathlib import Path

import pytest

from pipelines.lib.clean import normalize_text
from pipelines.lib.dictionaries import load
from pipelines.lib.nlp.extract import Extractor
from pipelines.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Settings.from_env().spacy_model, load(), n_process=1)


def extract(extractor, text, published_at=None):
    return next(extractor.extract([("a1", normalize_text(text), "h", published_at)]))


@pytest.fixture(scope="module")
def seed(extractor, fixtures):
    record = json.loads((fixtures / "seed.jsonl").read_text(encoding="utf-8"))
    text = normalize_text(record["text"])
    return text, next(extractor.extract([("seed", text, "h", None)]))


def test_seed_actors_are_the_ten_states_two_people_and_reuters(seed):
    text, result = seed
    ids = {m["actor_id"] for m in result["mentions"]}
    assert {"USA", "ISR", "IRN", "SAU", "OMN", "BHR", "ARE", "KWT", "IRQ", "QAT"} <= ids
    assert {"benny-gantz", "joe-biden", "reuters"} <= ids
    for m in result["mentions"]:
        assert text[m["start_char"] : m["end_char"]] == m["mention_text"]
    gantz = [m for m in result["mentions"] if m["mention_text"] == "Gantz"]
    assert gantz and all(m["canonical_text"] == "Benny Gantz" for m in gantz)


def test_seed_claims_have_speakers_cues_and_exact_offsets(seed):
    text, result = seed
    by_speaker = {}
    for c in result["claims"]:
        by_speaker.setdefault(c["speaker_actor_id"], []).append(c)
        assert text[c["start_char"] : c["end_char"]] == c["claim_text"]
    gantz = {c["cue"]: c for c in by_speaker["benny-gantz"]}
    assert "intercepted" in gantz["claim"]["claim_text"] and gantz["claim"]["is_hedged"]
    assert gantz["reveal"]["claim_text"].startswith("Israel has been working")  # that-clause parsed as relcl
    assert by_speaker["USA"][0]["cue"] == "assess"
    assert by_speaker["USA"][0]["claim_text"].startswith("Gantz overstated")
    # "According to Reuters, the US assessed that ...": the report Reuters relays is the US's, not a second claim
    assert not [c for c in by_speaker.get("reuters", []) if c["attribution"] == "according_to"]


def test_a_dispute_points_at_the_claim_it_disputes(seed):
    _, result = seed
    us = next(c for c in result["claims"] if c["speaker_actor_id"] == "USA")
    gantz = next(c for c in result["claims"] if c["cue"] == "claim")
    assert us["about_claim_index"] == gantz["claim_index"]
    assert us["about_relation"] == "disputes"


def test_pronoun_speaker_resolves_to_the_last_person(extractor):
    text = (
        "Iranian Foreign Minister Mohammad Javad Zarif met his counterparts in Vienna on Monday.\n\n"
        "He said that the talks had made real progress on the remaining issues."
    )
    result = extract(extractor, text)
    claim = result["claims"][0]
    assert claim["speaker_text"] == "He"
    assert claim["speaker_actor_id"] == load().resolve_actor("Mohammad Javad Zarif").actor_id
    assert claim["claim_text"] == "the talks had made real progress on the remaining issues"


def test_direct_quote_with_trailing_attribution(extractor):
    # Reuters-21578 NEWID 107 style: quotation followed by "the statement said"
    text = (
        '"The operation was launched at a time when the Baghdad government was spreading propaganda," '
        "Iranian President Ali Khamenei said in Tehran."
    )
    result = extract(extractor, text)
    claim = result["claims"][0]
    assert claim["attribution"] == "direct_quote"
    assert claim["claim_text"].startswith("The operation was launched")
    assert claim["speaker_actor_id"] == load().resolve_actor("Ali Khamenei").actor_id


def test_unnamed_sources_keep_text_without_actor(extractor):
    text = "Western diplomats said the new sanctions would hit Iran's oil exports hardest."
    claim = extract(extractor, text)["claims"][0]
    assert claim["speaker_actor_id"] is None
    assert "diplomats" in claim["speaker_text"]


def test_passive_voice_swaps_holder_and_target(extractor):
    result = extract(extractor, "Israel was condemned by Turkey after the raid.")
    stance = result["stances"][0]
    assert (stance["holder_actor_id"], stance["target_actor_id"], stance["polarity"]) == ("TUR", "ISR", -1)


def test_sitting_official_also_gives_the_state_stance(extractor):
    from datetime import datetime

    result = extract(extractor, "Secretary of State John Kerry backed the Iran nuclear deal.", datetime(2015, 7, 20))
    levels = {(s["holder_actor_id"], s["holder_level"]) for s in result["stances"]}
    assert (load().resolve_actor("John Kerry").actor_id, "actor") in levels and ("USA", "state") in levels
    former = extract(
        extractor, "Former Secretary of State John Kerry backed the Iran nuclear deal.", datetime(2019, 7, 20)
    )
    assert {s["holder_level"] for s in former["stances"]} == {"actor"}


# --- rules added for claims and stances, each on a real sentence of the news-bias corpus (id in the comment) ---


def test_pulling_out_of_a_deal_is_opposition_dated_by_the_text(extractor):
    from datetime import datetime

    # 23nX81PcUCv0sxmM (2018-07-01)
    text = (
        "Iran\u2019s rial currency has lost up to 40 per cent of its value since last month, when Trump pulled out "
        "of the nuclear deal."
    )
    stances = extract(extractor, text, datetime(2018, 7, 1))["stances"]
    trump = [s for s in stances if s["holder_actor_id"] == load().resolve_actor("Donald Trump").actor_id]
    assert trump and trump[0]["polarity"] == -1 and trump[0]["topic_id"] == "iran-nuclear-deal"


def test_call_for_an_end_to_is_opposition_to_what_follows(extractor):
    # NvNg18IUdoYXvBQt (2014-11-18), "He" replaced by the country he spoke for
    text = 'Jordan also called for an end to Israeli "provocations" surrounding the sacred site.'
    stances = extract(extractor, text)["stances"]
    # "Israeli provocations": the phrase names Israel as the one acted against
    assert {(s["holder_actor_id"], s["target_actor_id"], s["polarity"]) for s in stances} == {("JOR", "ISR", -1)}


def test_object_content_of_a_denial(extractor):
    # 2S2Rl98eitFXdXLs (2013-09-16)
    claims = extract(extractor, "President Bashar al-Assad has repeatedly denied any use of chemical weapons.")[
        "claims"
    ]
    assert claims[0]["cue"] == "deny" and claims[0]["claim_text"] == "any use of chemical weapons"
    assert claims[0]["speaker_actor_id"] == load().resolve_actor("Bashar al-Assad").actor_id
    assert claims[0]["is_negated"]


def test_sending_arms_supports_the_receiver(extractor):
    # 3KOo1dMNhWfiByyR (2012-10-08)
    text = "Iran is sending arms to Assad because they know his downfall would be a strategic defeat for them."
    stances = extract(extractor, text)["stances"]
    assert ("IRN", load().resolve_actor("Bashar al-Assad").actor_id, 1) in {
        (s["holder_actor_id"], s["target_actor_id"], s["polarity"]) for s in stances
    }


def test_possessive_withdrawal_and_evaluation_inside_a_quote(extractor):
    # hji3P4fxftULior3: '... said he "fully supports" Mr Trump's withdrawal from a "disastrous" deal.'
    text = (
        'Israeli Prime Minister Benjamin Netanyahu, a prominent critic of the accord, said he "fully supports" '
        'Mr Trump\'s withdrawal from a "disastrous" deal.'
    )
    stances = extract(extractor, text)["stances"]
    trump = load().resolve_actor("Donald Trump").actor_id
    assert (trump, "iran-nuclear-deal", -1) in {(s["holder_actor_id"], s["topic_id"], s["polarity"]) for s in stances}


def test_scare_quotes_are_not_direct_quotes(extractor):
    # NvNg18IUdoYXvBQt style: the quoted words are a phrase inside reported speech
    text = 'Abbas said Israel must stop its "provocations" around the mosque in Jerusalem.'
    claim = extract(extractor, text)["claims"][0]
    assert claim["attribution"] == "indirect"
    assert claim["claim_text"].startswith("Israel must stop")


def test_an_office_with_its_country_names_the_office_holder(extractor):
    from datetime import datetime

    # lojAPU62f033FMS1 (2014-09-15), apposition removed
    text = "Earlier, Iran's supreme leader said Tehran had vetoed a U.S. request for cooperation against the militants."
    claim = extract(extractor, text, datetime(2014, 9, 15))["claims"][0]
    assert claim["speaker_actor_id"] == load().resolve_actor("Ali Khamenei").actor_id


# --- issue 13: claims -------------------------------------------------------------------------------------------


def _claims_by_text(result):
    return {c["claim_text"]: c for c in result["claims"]}


def test_every_segment_of_a_quote_carries_its_speaker(extractor):
    # news-bias EiEDtM9jEHPbeBDa (training pool): the quote after "Ettinger said." and the one that opens the
    # paragraph after a report by him are his, as is the segment after the attribution
    text = (
        "Speaking in an interview with Townhall and members of the National Religious Broadcasters last night, "
        "former Israeli Ambassador to the United States Yoram Ettinger said that until Israel has finished "
        "necessary attacks against Hamas resources, including on tunnels and missile launch sites, the job "
        "against the terrorist organization is not done.\n\n"
        '"Some thirty plus tunnels were destroyed by Israel. I have no doubt, no doubt, that since we, so far, '
        "have not chosen to go deeper into Gaza that there are definitely are many more tunnels in Gaza and "
        'therefore this is still an unfinished agenda, unfinished business," Ettinger said. "Not only that, '
        "there are hundreds of underground manufacturing facilities for the missiles, especially for the long "
        "range missiles. They not only rely on smuggling in, they're also manufacturing and the manufacturing "
        'facilities are underground just like their headquarters, just like their inventories."'
    )
    claims = _claims_by_text(extract(extractor, text))
    later = next(c for t, c in claims.items() if t.startswith("Not only that"))
    assert later["speaker_actor_id"] == "yoram-ettinger" and later["attribution"] == "direct_quote"
    assert later["claim_text"].endswith("just like their inventories")  # both sentences of the segment
    first = next(c for t, c in claims.items() if t.startswith("Some thirty plus tunnels"))
    assert first["speaker_actor_id"] == "yoram-ettinger"


def test_a_quote_across_paragraphs_and_a_subject_parsed_inside_the_quote(extractor):
    # news-bias HQZuOZcYhqrIfTKU (training pool): the parser makes "the open borders" the subject of "said"
    text = (
        'Republican presidential contender Jeb Bush called Donald Trump\'s candidacy a "phenomenon."\n\n'
        '"I get the lack of rule of law, the sanctuary cities, the open borders," the former Florida governor '
        "said. \"He's, in a very graphic way, appealed to people's anger about those things. And I think it's "
        'important to be respectful of that."'
    )
    claims = _claims_by_text(extract(extractor, text))
    first = claims["I get the lack of rule of law, the sanctuary cities, the open borders"]
    assert first["speaker_text"] == "the former Florida governor"
    second = next(c for t, c in claims.items() if t.startswith("He's, in a very graphic way"))
    assert second["speaker_text"] == "the former Florida governor"
    assert second["claim_text"].endswith("to be respectful of that")


def test_a_definite_description_names_the_source_of_the_sentence_before(extractor):
    # demo corpus raw/news, nypost.com 2019-10-04 "microsoft-says-iran-plotted-cyber-attack...": Microsoft alone
    # is not a reliable name for spaCy, but as the speaker of a claim it is one, and "the software giant" is it
    text = (
        "A hacking group that is apparently linked to the Iranian government has carried out a cyber attack "
        "against a US presidential campaign \u2014 as well as current and former American government officials, "
        "Microsoft announced Friday.\n\n"
        "The software giant said it saw \u201csignificant\u201d online activity by the group that also targeted "
        "journalists covering global politics and prominent Iranians living outside the country."
    )
    result = extract(extractor, text)
    giant = next(c for c in result["claims"] if c["speaker_text"] == "The software giant")
    assert giant["speaker_actor_id"] == "microsoft"
    assert giant["claim_text"].startswith("it saw")


def test_a_role_defined_by_office_and_a_possessive_role(extractor):
    # news-bias lMOUqWMilmMJxVeY (training pool): "The defense secretary" is Defense Secretary Mark Esper, not
    # Milley who spoke last; demo corpus raw/news, reuters.com idUSKBN1I90D6: "Trump's ambassador to Berlin" is
    # another person than Trump, unnamed here
    text = (
        "Defense Secretary Mark Esper and Gen. Mark Milley, chairman of the Joint Chiefs of Staff, told "
        "reporters on Wednesday that the missiles were intended to kill.\n\n"
        "Milley said that between 1,000- to 2,000-pound warheads were sitting on top of the Iranian missiles "
        "fired into Iraq.\n\n"
        "The defense secretary also said he believes the U.S. has reestablished deterrence from another Iranian "
        "attack but added that he expects to be challenged by Shiite proxy militias in the region.\n\n"
        "In a sign of what may be in store, Trump\u2019s ambassador to Berlin tweeted within hours of taking up "
        "his post that German businesses should halt activities in Iran at once."
    )
    result = extract(extractor, text)
    esper = next(c for c in result["claims"] if c["speaker_text"] == "The defense secretary")
    assert esper["speaker_actor_id"] == load().resolve_actor("Mark Esper").actor_id
    envoy = next(c for c in result["claims"] if c["cue"] == "tweet")
    assert envoy["speaker_actor_id"] is None
    assert envoy["speaker_text"] == "Trump\u2019s ambassador to Berlin"
    assert envoy["claim_text"] == "German businesses should halt activities in Iran at once"


def test_he_said_is_the_speaker_not_a_person_named_in_what_he_said(extractor):
    # news-bias lStpu94WTT6B3kFn (training pool): Obama is the subject of the reported clause, Rhodes speaks
    text = (
        "In response to Clinton\u2019s remarks on Syria, Rhodes said it is true Clinton supported providing "
        "military assistance to the Syrian rebels earlier than Obama, but that Obama had specific reasons for "
        "handling the situation the way he did.\n\n"
        "\u201cBut the reason that the president was very deliberate in his decision making there is one, we "
        "wanted to make sure that we were providing assistance to people who we knew,\u201d he said. \u201cAnd "
        "two, we didn\u2019t see a plan that was going to decisively tip the balance against Assad.\u201d\n\n"
        "Deputy National Security Advisor Ben Rhodes discussed Clinton\u2019s criticism on Tuesday."
    )
    result = extract(extractor, text)
    quotes = [c for c in result["claims"] if c["attribution"] == "direct_quote"]
    assert len(quotes) == 2
    assert {c["speaker_actor_id"] for c in quotes} == {"ben-rhodes"}


def test_claim_text_is_the_whole_object_and_stops_before_the_next_verb(extractor):
    # news-bias HQZuOZcYhqrIfTKU (training pool): two claims, not one that swallows the second
    text = (
        'Republican presidential contender Jeb Bush called Donald Trump\'s candidacy a "phenomenon," and said '
        'his outspoken rival has "appealed to people\'s anger" as he has skyrocketed to the top of the polls.'
    )
    claims = {c["cue"]: c for c in extract(extractor, text)["claims"]}
    assert claims["call"]["claim_text"].rstrip('",') == 'a "phenomenon'  # the name, not what is named
    assert claims["say"]["claim_text"].startswith("his outspoken rival has")
    assert {c["speaker_actor_id"] for c in claims.values()} == {"jeb-bush"}


def test_questions_and_negated_existence_are_not_claims(extractor):
    # news-bias IKoWVxzYyQhe3nt1 (training pool): a question; demo corpus raw/news (Le Monde diplomatique essay
    # on the US military presence in the Gulf): "almost nobody asked if ..."
    text = (
        "Defending Israel, Ambassador Nikki R. Haley of the United States denounced what she called the double "
        "standard that other nations applied to Israel. \u201cWho among us would accept this type of activity on "
        "your border?\u201d she asked.\n\n"
        "But on June 20, Iran downed a US drone that had come close to its territory (according to the "
        "Pentagon) or violated its airspace (according to Tehran), and almost nobody asked if the US military "
        "presence in the Persian Gulf was justified."
    )
    claims = extract(extractor, text)["claims"]
    assert not [c for c in claims if "Who among us" in c["claim_text"]]
    assert not [c for c in claims if c["claim_text"].startswith("the US military presence")]
    assert not [c for c in claims if c["cue"] == "ask"]
    # "(according to the Pentagon)" stays a claim of the Pentagon
    assert [c for c in claims if c["cue"] == "according to" and c["speaker_actor_id"] == "pentagon"]


def test_a_state_named_only_as_a_modifier_holds_no_position(extractor):
    from datetime import datetime

    # 0rcqg05uF4m6CIX0 (2015-07-16): the organizations oppose the deal, not the United States
    text = (
        "Several major American Jewish organizations oppose the deal, including the influential American Israeli "
        "Public Affairs Committee."
    )
    stances = extract(extractor, text, datetime(2015, 7, 16))["stances"]
    assert not [s for s in stances if s["holder_actor_id"] == "USA"]
    # ac1af66968ad62cd's "Iranian officials have insisted ...": officials stand for their state
    officials = extract(extractor, "Iranian officials have rejected the deal.", datetime(2015, 8, 19))["stances"]
    assert [s["polarity"] for s in officials if s["holder_actor_id"] == "IRN"] == [-1]


# --- issue 13, second round: errors counted on half of the training annotations ------------------------------------


def test_he_said_after_a_person_named_in_a_relative_clause(extractor):
    # news-bias HmCoDihveYbZoQKZ (training pool): "He" is Ahmed Nage, the one person the sentence before is about,
    # not Mubarak, the main subject of earlier sentences
    text = (
        "Mubarak, 86, was convicted in 2012 and sentenced to life in prison for failing to stop the killing of "
        "hundreds of protesters during the 18-day revolt.\n\n"
        "The verdict was devastating for Egyptians like Ahmed Nage, 26, who was arrested and jailed for two weeks "
        "for participating in the 2011 protests. He said two of his friends were killed in the early days of the "
        "uprising.\n\n"
        '"I feel like our revolution was Photoshopped \u2014 not real," he said.'
    )
    claims = extract(extractor, text)["claims"]
    friends = next(c for c in claims if c["claim_text"].startswith("two of his friends"))
    assert friends["speaker_actor_id"] == "ahmed-nage"
    photoshopped = next(c for c in claims if c["claim_text"].startswith("I feel like"))
    assert photoshopped["speaker_actor_id"] == "ahmed-nage"


def test_he_said_is_the_latest_speaker_even_when_named_by_surname_only(extractor):
    # news-bias 4nU9CTFU75MPdP7K (training pool): "Carney" resolves to the "Jay Carney" of the first paragraph;
    # his claim is more recent than the sentence where Obama was the main subject, so "he said" is Carney
    text = (
        "White House Press Secretary Jay Carney faced pressure to explain Monday why President Obama has made no "
        "public plans to meet one on one with world leaders on the sidelines of the U.N. General Assembly.\n\n"
        "Obama instead was letting Secretary of State Hillary Clinton handle the meetings this year.\n\n"
        "Carney stressed that, amid the violent unrest in the Middle East, Obama recently has had phone "
        "conversations with the leaders of Egypt, Libya, Yemen and other nations.\n\n"
        '"The president has had extensive conversations with leaders in the region where there has been unrest '
        'of late, he will continue to have those conversations," he said.'
    )
    claims = extract(extractor, text)["claims"]
    quote = next(c for c in claims if c["claim_text"].startswith("The president has had"))
    assert quote["speaker_actor_id"] == "jay-carney"


def test_a_quoted_phrase_inside_reported_speech_gives_the_whole_clause(extractor):
    # news-bias 9FftodhqhOak039Q (training pool): the claim is the that-clause, not the quoted words alone
    text = (
        "Trump said last year that reports of a deadly gas attack by forces loyal to Assad had \u201ccrossed a lot "
        "of lines.\u201d"
    )
    claims = extract(extractor, text)["claims"]
    assert len(claims) == 1
    assert "reports of a deadly gas attack" in claims[0]["claim_text"]
    assert claims[0]["claim_text"].rstrip(".\u201d").endswith("crossed a lot of lines")


def test_a_cue_inside_a_condition_or_a_negated_description_or_an_open_question_is_not_a_claim(extractor):
    # news-bias HmCoDihveYbZoQKZ, MPfowKrJyU54kttq, uso5Y1CJlolN80Jm (training pool)
    text = (
        "If the court finds due process was observed, the verdict will hold.\n\n"
        "He didn't describe the full extent of such training but said it would be limited and he believed Iraq "
        "would endorse it.\n\n"
        "A Federal law enforcement official who asked not to be named said there was a known threat to Los "
        "Angeles International Airport, but did not say whether this was a new threat or was associated with "
        "Islamic State."
    )
    claims = extract(extractor, text)["claims"]
    assert not [c for c in claims if c["cue"] == "find"]
    assert not [c for c in claims if c["cue"] == "describe"]
    assert not [c for c in claims if c["claim_text"].startswith("this was a new threat")]
    assert [c for c in claims if c["claim_text"].startswith("there was a known threat")]
    assert [c for c in claims if c["claim_text"].startswith("it would be limited")]


def test_a_person_described_by_state_is_a_person_and_an_unknown_description_no_one(extractor):
    # news-bias 5KxEgT2OMnjAGAYE (training pool): "The Israeli leader" is Netanyahu, not Israel;
    # news-bias B1stogGK00TScFnr (training pool): "The defense ministry" was never named, and is not Reuters,
    # the source that spoke last
    text = (
        "JERUSALEM \u2014 Israeli Prime Minister Benjamin Netanyahu said on Sunday it was good that world powers "
        "had failed to clinch a nuclear deal with Iran.\n\n"
        "The Israeli leader said he had spoken by telephone over the weekend with U.S. President Barack Obama.\n\n"
        '"The attack took place shortly after working hours started at the ministry when a suicide bomber drove a '
        'car into the gate," a ministry source said, quoted by Reuters.\n\n'
        "Reuters reports that a Western doctor and a Filipina nurse were among those killed in the attack.\n\n"
        'The defense ministry, in a statement, said that "most" of the gunmen had been killed, writes the '
        "Associated Press."
    )
    from datetime import datetime

    claims = extract(extractor, text, datetime(2013, 11, 10))["claims"]
    leader = next(c for c in claims if c["speaker_text"] == "The Israeli leader")
    assert leader["speaker_actor_id"] == load().resolve_actor("Benjamin Netanyahu").actor_id
    ministry = next(c for c in claims if c["speaker_text"] == "The defense ministry")
    assert ministry["speaker_actor_id"] is None


def test_speech_in_single_quotes(extractor):
    # news-bias 2DdPw9dOqHKsfy0K (training pool): an outlet that writes speech in single quotes; the quote after
    # the attribution and the paragraph that continues it are Trump's; apostrophes ("they're") open nothing
    text = (
        "'It was unconventional what I did. I said they're going to have to fight a little while,' Trump said. "
        "'Like two kids in a lot, you have got to let them fight and then you pull them apart.\n\n"
        "'They fought for a few days and it was pretty vicious.'"
    )
    claims = extract(extractor, text)["claims"]
    texts = {c["claim_text"]: c for c in claims}
    assert (
        texts["It was unconventional what I did. I said they're going to have to fight a little while"][
            "speaker_actor_id"
        ]
        == "donald-trump"
    )
    later = next(c for t, c in texts.items() if t.startswith("Like two kids"))
    assert later["speaker_actor_id"] == "donald-trump" and later["attribution"] == "direct_quote"
    last = next(c for t, c in texts.items() if t.startswith("They fought"))
    assert last["speaker_actor_id"] == "donald-trump"


def test_a_belief_inside_what_the_speaker_said_is_not_a_second_claim(extractor):
    # news-bias lMOUqWMilmMJxVeY (training pool): one claim of what the defense secretary said, not a second one
    # for "he believes" inside it
    text = (
        "Defense Secretary Mark Esper told reporters on Wednesday that the missiles were intended to kill.\n\n"
        "The defense secretary also said he believes the U.S. has reestablished deterrence from another Iranian "
        "attack but added that he expects to be challenged by Shiite proxy militias in the region."
    )
    claims = extract(extractor, text)["claims"]
    assert not [c for c in claims if c["cue"] == "believe"]
    said = next(c for c in claims if c["cue"] == "say")
    assert said["claim_text"].startswith("he believes the U.S. has reestablished deterrence")


def test_an_urging_or_a_hope_asserts_nothing(extractor):
    # news-bias 4nU9CTFU75MPdP7K and FFHK6DrzOS6alxIo (training pool): directives; demo corpus raw/news (the
    # reviewer's sample, docs/evaluation/claims-demo-corpus.md): a hope
    text = (
        "He urged Americans to tune in to the president's U.N. speech on Tuesday.\n\n"
        "Obama urged direct negotiations during an appearance with Mahmoud Abbas.\n\n"
        "Many lawmakers hope the bill will send a message to Trump to keep a strong line against Russia."
    )
    claims = extract(extractor, text)["claims"]
    assert not [c for c in claims if c["cue"] in {"urge", "hope"}]


def test_a_video_caption_and_the_writers_lets_say_are_not_claims(extractor):
    # demo corpus raw/news (the reviewer's sample, docs/evaluation/claims-demo-corpus.md): a Guardian video
    # caption and a Vox explainer's hypothetical; news-bias sQVJScM1ItOsEUs1 (training pool): a BBC caption
    text = (
        "Play Video 1:10 Donald Trump calls for reform of 'outdated' United Nations \u2013 video\n\n"
        "But let's keep the hypothetical going. Let's say that Iran breaks the restrictions on centrifuges or "
        "uranium and that the inspectors or US intelligence, inevitably, find out. What happens then?\n\n"
        "Media playback is unsupported on your device Media caption Matt McGrath explains why we should care about "
        "climate change"
    )
    assert extract(extractor, text)["claims"] == []


def test_a_relative_pronoun_speaker_is_the_actor_it_follows(extractor):
    # news-bias 5KxEgT2OMnjAGAYE and SuIUEiZzhLjxGW9r (training pool): the parser hangs "which says" on "action"
    # and "who said" on the apposition "an Illinois Republican"; the speakers are Iran and Kinzinger
    text = (
        "He also repeated veiled threats that Israel, widely believed to be the Middle East's only nuclear power, "
        "could take unilateral military action against Iran, which says its atomic program has only peaceful "
        "purposes.\n\n"
        "That view is shared by Representative Adam Kinzinger, an Illinois Republican who said he backed the "
        "airstrikes \u2014 which he had been urging since January \u2014 but was concerned that Mr. Obama was not "
        "mounting a comprehensive enough effort to annihilate the threat from ISIS."
    )
    claims = extract(extractor, text)["claims"]
    iran = next(c for c in claims if c["claim_text"].startswith("its atomic program"))
    assert iran["speaker_actor_id"] == "IRN"
    kinzinger = next(c for c in claims if c["claim_text"].startswith("he backed the airstrikes"))
    assert kinzinger["speaker_actor_id"] == "adam-kinzinger"


def test_a_quote_segment_after_the_attribution_is_the_speakers(extractor):
    # news-bias hgZljmEW8cb8xByd (training pool): the segment after "Jay Carney said Jan. 14," is his
    text = (
        "Those comments drew a rebuke from the White House. \u201cTo question Secretary Kerry\u2019s motives and "
        "distort his proposals,\u201d Press Secretary Jay Carney said Jan. 14, \u201cis not something we would "
        "expect from the defense minister of a close ally.\u201d"
    )
    claims = extract(extractor, text)["claims"]
    carney = next(c for c in claims if c["claim_text"].startswith("is not something we would expect"))
    assert carney["speaker_actor_id"] == "jay-carney" and carney["attribution"] == "direct_quote"


# --- stance candidates: holders the sentence names by a description, a pronoun or a collective --------------------


def _candidates(extractor, text, published_at=None):
    """[(sentence, Paragraph, {(holder actor_id, target key)})] for every sentence of `text` with candidates."""
    from pipelines.lib.nlp.paragraphs import paragraphs

    body = normalize_text(text)
    paras = list(paragraphs(body))
    docs = [(doc, off) for doc, (off, _) in zip(extractor.nlp.pipe(p for _, p in paras), paras) if len(doc)]
    seen = []
    extractor.analyze(
        docs,
        published_at,
        on_candidates=lambda par, sent, cs: seen.append((sent, par, {(c.holder.actor_id, c.target.key) for c in cs})),
    )
    return seen


def test_the_administration_is_the_actor_named_as_an_administration_before(extractor):
    # news-bias bbwNKAic81K8ghO8 (training pool, 2017-02-04): "Trump administration" is the United States in the
    # dictionary, so the next paragraph's "the administration" holds the sanctions against Iran's missile test
    first = (
        'On the Iran issue, Trump administration officials have said they were actively considering a "range of '
        "options,\" including economic measures and increased support for Iran's regional adversaries."
    )
    second = (
        "On Friday, the administration ordered sanctions against more than two dozen people and companies from the "
        "Persian Gulf to China in retaliation for Iran's recent ballistic missile test."
    )
    sent, par, pairs = _candidates(extractor, first + "\n\n" + second)[-1]
    assert sent.text == second and ("USA", "IRN") in pairs
    head = next(t for t in sent if t.lower_ == "administration")
    assert par.described_as(head).actor_id == "USA"
    # without the earlier name nobody is "the administration"
    alone = _candidates(extractor, second)
    assert not any(h == "USA" for _, _, pairs in alone for h, _ in pairs)


def test_the_president_is_the_person_holding_or_described_by_that_office(extractor):
    # news-bias 2PgtI4TJ49zqa9fa (training pool, 2014-09-13)
    text = (
        "President Obama on Saturday restated his plan to destroy Islamic State but did not say the United States "
        '"is at war" with the Middle East terror group.\n\n'
        "The president's language was almost identical to what he said Wednesday when he told the country in a "
        "prime-time TV address that the United States would launch direct air strikes in Iraq on the terror group."
    )
    sent, par, pairs = _candidates(extractor, text)[-1]
    head = next(t for t in sent if t.lower_ == "president")
    assert par.described_as(head).actor_id == "barack-obama"
    assert any(h == "barack-obama" for h, _ in pairs)


def test_the_group_is_the_group_that_was_the_subject_just_before(extractor):
    # news-bias mPwP3M1iZ7jNpNY7 (training pool, 2014-08-30): "Al Qaeda in Iraq" is the latest group named, but
    # "the group" continues the previous sentence's subject, ISIS
    text = (
        "ISIS has its origins in what was once known as Al Qaeda in Iraq, which has over a decade of experience in "
        "extremist violence. The group has amassed a hardened fighting force of committed jihadists with global "
        "ambitions, exploiting the conflict in Syria and sectarian tensions in Iraq."
    )
    sent, par, pairs = _candidates(extractor, text)[-1]
    assert sent.text.startswith("The group") and ("islamic-state", "SYR") in pairs
    assert par.described_as(sent[1]).actor_id == "islamic-state"


def test_a_definite_noun_with_an_of_phrase_or_a_plural_thing_is_not_an_actor(extractor):
    # news-bias AgvXO1FWuof9HcmP and AIXsIzn7njwsOltt (training pool): "the movement of terrorist fighters" is not
    # al-Qaeda; "the weapons" is not the Organisation for the Prohibition of Chemical Weapons
    text = (
        "Al Qaeda has called for attacks in the West. In announcements Wednesday, the State Department designated 10 "
        "individuals and two groups as specially designated global terrorists that facilitate and fund the movement "
        "of terrorist fighters.\n\n"
        "The Organization for the Prohibition of Chemical Weapons said Syria had submitted its declaration. Under "
        "the agreement, Syria has until the middle of next year to complete the destruction or removal of the "
        "weapons."
    )
    found = _candidates(extractor, text)
    for sent, par, _ in found:
        for tok in sent:
            if tok.lower_ in {"movement", "weapons"}:
                assert par.described_as(tok) is None


def test_a_pronoun_takes_the_subject_before_it_in_its_sentence(extractor):
    # news-bias HT7blxGDVsav1qXF (training pool, 2019-09-07)
    text = (
        "Iran has announced it has started using more advanced centrifuges that could accelerate the development of "
        "an atomic weapon in its latest attempt to pressure European powers to salvage a 2015 nuclear deal."
    )
    sent, par, _ = _candidates(extractor, text)[-1]
    it = next(t for t in sent if t.lower_ == "it")
    assert par.pronoun_antecedent(it, sent).actor_id == "IRN"
    # an "it" in a later sentence is left alone: in the annotated articles it was mostly not an actor
    later = "The Pentagon said the strike hit a warehouse. It was unclear what was hit."
    sent, par, _ = _candidates(extractor, later)[-1]
    assert sent[0].text == "It" and par.pronoun_antecedent(sent[0], sent) is None


def test_collectives_are_actors(extractor):
    # news-bias training pool: an NPR interview of John Kerry (2015); the US withdrawal from Syria (2019)
    found = _candidates(
        extractor,
        "Kerry was asked about convincing Russian President Vladimir Putin to target only Islamic extremists, not "
        "the Syrian rebels who oppose Assad.\n\n"
        "Meanwhile, the Yazidi minority group has called on the US military to remain in the region amid fears its "
        "withdrawal may bring back the threat of ISIL in Syria and Iraq.",
    )
    pairs = set().union(*(p for _, _, p in found))
    assert ("syrian-rebels", "bashar-al-assad") in pairs
    assert ("yazidis", "us-military") in pairs


def test_calling_something_off_is_not_a_claim(extractor):
    # demo corpus (raw/news), Reuters 2019-06-22 "Trump says he aborted retaliatory strike ...": "called off" cancels
    text = (
        "News of the Trump message to Iran broke shortly after the New York Times reported that Trump had called "
        "off air strikes targeting Iranian radar and missile batteries at the last minute."
    )
    claims = extract(extractor, text)["claims"]
    assert [c["cue"] for c in claims] == ["report"]


def test_a_name_inside_the_speakers_phrase_is_the_speaker(extractor):
    # news-bias 2DdPw9dOqHKsfy0K and AiDjxCv8Cbs6TdL4 (training pool): the name in an apposition, and the name the
    # parser hung below the title, speak; news-bias dMnKChR5Iqh9bAF1: the person a spokesman speaks for does not
    hiddo = extract(
        extractor,
        "But one Kurdish official, Razan Hiddo, declared that the Kurdish people would refuse to live under "
        "Turkish occupation.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["claim_text"]) for c in hiddo] == [
        ("razan-hiddo", "the Kurdish people would refuse to live under Turkish occupation")
    ]
    haley = extract(
        extractor,
        "The U.S. and other United Nations member states have called for an emergency meeting of the U.N. "
        "Security Council on the attack on Monday afternoon, Ambassador to the U.N. Nikki Haley said in a "
        "statement Sunday.",
    )["claims"]
    said = next(c for c in haley if c["cue"] == "say")
    assert said["speaker_actor_id"] == load().resolve_actor("Nikki Haley").actor_id
    assert said["claim_text"].startswith("The U.S. and other United Nations member states have called")
    mckeon = extract(
        extractor,
        "A spokesman for House Armed Services Committee Chairman Howard \u201cBuck\u201d McKeon (R-Santa Clarita) "
        "said he was briefed by senior Pentagon officials Monday night.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["claim_text"]) for c in mckeon] == [
        (None, "he was briefed by senior Pentagon officials Monday night")
    ]


def test_a_spokesperson_and_officials_of_a_body_speak_for_it(extractor):
    # news-bias 6NK4dKtw4DHbe265 (training pool; the annotators name the body): "A spokesperson for Harvard", and
    # "the spokesperson" after it, speak for Harvard, not for the student the article is about
    text = (
        "Ismail Ajjawi, a 17-year-old Palestinian student, was deported after he landed in Boston, the Harvard "
        "Crimson reported.\n\n"
        "A spokesperson for Harvard said the university still hopes Ajjawi will be attend classes this fall.\n\n"
        "\"The University is working closely with the student's family and appropriate authorities to resolve "
        'this matter so that he can join his classmates in the coming days," the spokesperson said.'
    )
    claims = _claims_by_text(extract(extractor, text))
    harvard = "harvard-university"  # the dictionary's Harvard University, alias "Harvard"
    assert claims["the university still hopes Ajjawi will be attend classes this fall"]["speaker_actor_id"] == harvard
    quote = next(c for t, c in claims.items() if t.startswith("The University is working closely"))
    assert quote["speaker_actor_id"] == harvard and quote["attribution"] == "direct_quote"
    # news-bias 4nU9CTFU75MPdP7K, FTt9WttHaISppKHB (training pool): officials of a named body speak for it;
    # officials of a state stay unnamed (the annotations mostly leave "U.S. officials" without a speaker)
    officials = extract(
        extractor,
        "White House officials said such a meeting is perhaps still possible Thursday or Friday. U.S. officials "
        "said the talks would resume next week.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["speaker_text"]) for c in officials] == [
        (load().resolve_actor("White House").actor_id, "White House officials"),
        (None, "U.S. officials"),
    ]


def test_the_pope_is_the_pope_the_article_named(extractor):
    # news-bias GMvUQKl60KF5mF8y (training pool): "the pope" is a person the article named with that title,
    # though "pope" is not an office the rules know
    text = (
        "Pope Benedict XVI, who will resign later this month, broke with both President George W. Bush and "
        "President Barack Obama on several key policy issues during his time at the Vatican.\n\n"
        "\u201cAfghanistan is marked by growing unrest and instability,\u201d the pope said at the time."
    )
    claim = next(c for c in extract(extractor, text)["claims"] if c["claim_text"].startswith("Afghanistan"))
    assert claim["speaker_text"] == "the pope"
    assert claim["speaker_actor_id"] == load().resolve_actor("Pope Benedict XVI").actor_id


def test_a_quote_paragraph_after_a_reported_claim_is_the_same_speakers(extractor):
    # news-bias M1nicVp6VCHGU25s (training pool): a quote with no cue that opens the paragraph after Ham's
    # reported claim goes on with Ham's words; one after a paragraph without a claim has no speaker
    text = (
        "Asked if it was a terrorist attack, Gen. Carter Ham said the intelligence left no doubt that it was.\n\n"
        "\u201cI don't know if that was my first reaction, but pretty quickly as we started to gain understanding "
        'within the hours after the initiation of the attack, yes."\n\n'
        "The attack left four Americans dead.\n\n"
        '"It was perfectly understandable to me why people would say you should have done that."'
    )
    claims = extract(extractor, text)["claims"]
    quoted = [c for c in claims if c["attribution"] == "direct_quote"]
    assert [(c["speaker_actor_id"], c["claim_text"][:30]) for c in quoted] == [
        ("carter-ham", "I don't know if that was my fi")
    ]


def test_state_media_are_not_the_state_and_a_quote_goes_on_after_its_attribution(extractor):
    # demo corpus raw/news, cbsnews.com 2019-10-11: "Iran's official state-run media" is an outlet, not Iran
    media = extract(
        extractor,
        "Two rockets struck an Iranian tanker traveling through the Red Sea off the coast of Saudi Arabia on "
        "Friday, Iran's official state-run media said.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["speaker_text"]) for c in media] == [(None, "Iran's official state-run media")]
    # demo corpus raw/news, cnn.com 2015-03-02: the quote resumes after "Netanyahu told the AIPAC on Monday"
    text = (
        "\u201cThe purpose of my address to Congress,\u201d Benjamin Netanyahu told the AIPAC on Monday \u201cis to "
        "speak up about a potential deal with Iran that could threaten the survival of Israel.\u201d"
    )
    claims = _claims_by_text(extract(extractor, text))
    rest = claims["is to speak up about a potential deal with Iran that could threaten the survival of Israel"]
    assert rest["speaker_actor_id"] == "benjamin-netanyahu" and rest["attribution"] == "direct_quote"


def test_a_bare_surname_spacy_missed_is_the_person_the_article_named(extractor):
    # news-bias jLOkWLlqFGtjhiSU (training pool): spaCy finds no entity in "But Rogers disagreed.", so "he said"
    # went to Schiff, who spoke before; the surname of Rep. Mike Rogers, named earlier, makes it his
    text = (
        "Washington (CNN) \u2013 Republican Rep. Mike Rogers, chairman of the House Intelligence Committee, argued "
        "Sunday that the United States lost all of its leverage in the negotiations over chemical weapons in Syria, "
        "giving Russia a win.\n\n"
        "On Putin, Schiff downplayed the Russian president's strategic abilities, saying he's less like a master "
        'chess player and more like "a lawyer who lost control of his client."\n\n'
        "\"He should have told Assad some time ago, 'Look, you have the military edge on the battlefield now. "
        "Don't screw it up by doing something stupid.' And what happened here was that I think Russia lost "
        'control of the client," he said.\n\n'
        "But Rogers disagreed.\n\n"
        "\"I do think Putin's playing chess and we're playing tic-tac-toe,\" he said."
    )
    result = extract(extractor, text)
    rogers = [m for m in result["mentions"] if m["mention_text"] == "Rogers"]
    assert [m["actor_id"] for m in rogers] == ["mike-rogers"]
    chess = next(c for c in result["claims"] if c["claim_text"].startswith("I do think Putin"))
    assert chess["speaker_actor_id"] == "mike-rogers"


def test_a_cue_joined_to_a_verb_inside_a_reported_clause_does_not_take_its_subject(extractor):
    # demo corpus raw/news, cnn.com 2019-01-30: the parser joins "claims" to "undertaking" inside what the
    # intelligence community believes; Iran, the subject there, did not claim to be a threat
    text = (
        "On Tuesday, the nation's top intelligence official, who was appointed by Trump, told Senate lawmakers that "
        'the US intelligence community does not believe Iran is currently undertaking "key activities" needed to '
        "produce a nuclear bomb -- an assessment at odds with longtime administration claims that Iran is an "
        "immediate nuclear threat."
    )
    claims = extract(extractor, text)["claims"]
    assert all(c["speaker_actor_id"] != "IRN" for c in claims)
    assert any(c["cue"] == "tell" and c["claim_text"].startswith("the US intelligence community") for c in claims)


def test_a_quote_introduced_with_a_colon_or_after_a_question_keeps_its_speaker(extractor):
    # news-bias vZix3nLiFroDwIri (training pool): "Emily says:" ends a paragraph, the quote is the next one
    text = (
        "What that is likely to mean is, as NPR's Emily Harris tells our Newscast unit, Israel's new government "
        "won't be immediately known.\n\n"
        "Emily says:\n\n"
        '"The new government will need approval from a majority of the newly elected parliament. No party has '
        'ever won a straight majority in Israel."'
    )
    quote = next(c for c in extract(extractor, text)["claims"] if c["claim_text"].startswith("The new government"))
    assert quote["speaker_text"] == "Emily" and quote["attribution"] == "direct_quote"
    assert quote["claim_text"].endswith("a straight majority in Israel")
    # news-bias 77ph4ioTqL2aIyVr (training pool): the question asserts nothing; what follows it is still Cruz's
    text = (
        "Sen. Ted Cruz, Texas Republican, said Wednesday he hasn\u2019t seen a \u201cseriousness of purpose\u201d in "
        "confronting the Islamic State terrorist group.\n\n"
        "\u201cWhat do you intend to do and how do you intend to do it?\u201d Mr. Cruz said. \u201cWith regard to "
        "ISIS, we have not seen a seriousness of purpose. We have seen, instead, photo op foreign policy \u2014 a "
        "bomb here, a missile there.\u201d"
    )
    claims = extract(extractor, text)["claims"]
    assert not any(c["claim_text"].startswith("What do you intend") for c in claims)
    after = next(c for c in claims if c["claim_text"].startswith("With regard to ISIS"))
    assert after["speaker_actor_id"] == "ted-cruz" and after["claim_text"].endswith("a missile there")


def test_a_joke_is_reported_speech(extractor):
    # news-bias EqyDYsUdPH2Zwhrm (training pool): "he joked" attributes the quote (a cue added to the dictionary)
    text = (
        "Before his stunning downfall, comedian Louis C.K. was known to joke about anything and everything, no "
        "matter how taboo.\n\n"
        "\u201cI\u2019d rather be in Auschwitz than New York City,\u201d he joked in a show at a venue near Tel Aviv, "
        "Israel."
    )
    joke = next(c for c in extract(extractor, text)["claims"] if c["cue"] == "joke")
    assert joke["claim_text"] == "I\u2019d rather be in Auschwitz than New York City"
    assert joke["speaker_text"] == "he" and joke["speaker_actor_id"] is not None


def test_a_lone_first_name_is_the_one_person_the_article_named_with_it(extractor):
    # news-bias nSPFiliwbUsGf5Vv (training pool): NPR calls its reporter by her first name after naming her
    text = (
        "But NPR's Michele Kelemen reports that it's unusual for so many officials to sign on to such a cable.\n\n"
        '"Secretary of State John Kerry says he respects the process and will study their views," Michele tells '
        "our Newscast unit."
    )
    result = extract(extractor, text)
    quote = next(c for c in result["claims"] if c["claim_text"].startswith("Secretary of State John Kerry says"))
    assert quote["speaker_text"] == "Michele" and quote["speaker_actor_id"] == "michele-kelemen"


def test_he_said_after_a_quote_is_the_person_who_introduced_it_in_that_sentence(extractor):
    # news-bias KkZMFO2LSqNCxEFH (training pool): Kirby introduces the quote, Earnest spoke the paragraph before
    text = (
        '"The United States is at war with ISIL in the same way we are at war with al Qaeda and its affiliates," '
        "White House press secretary Josh Earnest told reporters today.\n\n"
        '"Semantics matter," he added.\n\n'
        'At the Pentagon, spokesman Rear Adm. John Kirby echoed that assessment: "This is not the Iraq War," he '
        "said."
    )
    claims = _claims_by_text(extract(extractor, text))
    assert claims["This is not the Iraq War"]["speaker_actor_id"] == "john-kirby"
    earnest = next(c for t, c in claims.items() if t.startswith("The United States is at war"))
    assert earnest["speaker_actor_id"] == "josh-earnest"


def test_what_two_cues_of_a_sentence_report_is_one_claim(extractor):
    # news-bias 1gODiSvGLDy8cFqB (training pool): "countered ..., saying that ..." reports one assertion
    text = (
        "McCain countered Obama's assertions made on CBS' \"60 Minutes,\" saying that ISIS' expansion in Syria and "
        "Iraq was tied to the President's decision not to leave a residual U.S. military force in Iraq and his "
        "refusal to arm moderate Syrian rebels last year despite urgings from his national security advisers."
    )
    claims = [c for c in extract(extractor, text)["claims"] if c["claim_text"].startswith("ISIS' expansion")]
    assert len(claims) == 1 and claims[0]["speaker_actor_id"] == "john-mccain"


def test_a_report_that_ends_its_sentence_is_read_when_the_parse_misses_it(extractor):
    # news-bias MIyhxb8vrpAYIRFu and noxshHF8TLg0GTER (training pool): the parser hangs "said" under "caused" and
    # reads "the U.N. estimates" as a noun phrase; the sentence's shape still says who said what
    esper = extract(
        extractor,
        "He\u2019s caused \u201cmayhem\u201d against the Syrians, Lebanese, and his own people in Iran, Defense "
        "Secretary Mark Esper said earlier this week.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["claim_text"]) for c in esper] == [
        ("mark-esper", "He\u2019s caused \u201cmayhem\u201d against the Syrians, Lebanese, and his own people in Iran")
    ]
    un = extract(extractor, "About 100,000 people have died, many of them civilians, the U.N. estimates.")["claims"]
    assert [(c["speaker_text"], c["cue"], c["claim_text"]) for c in un] == [
        ("U.N.", "estimate", "About 100,000 people have died, many of them civilians")
    ]


def test_a_name_read_as_an_adverb_a_clarification_and_the_writers_gloss(extractor):
    # news-bias 2SNCu1UfrbzqQHfa, 77ph4ioTqL2aIyVr, tqEZqB2ZdZfbL3o1 (training pool)
    axios = extract(extractor, "Axios first reported that Mueller investigators were talking to Nader.")["claims"]
    assert [(c["speaker_text"], c["claim_text"]) for c in axios] == [
        ("Axios", "Mueller investigators were talking to Nader")
    ]
    clarified = extract(extractor, "The White House later clarified that the attack was motivated by anti-Semitism.")
    assert [(c["cue"], c["claim_text"]) for c in clarified["claims"]] == [
        ("clarify", "the attack was motivated by anti-Semitism")
    ]
    gloss = extract(
        extractor,
        "On Thursday, Netanyahu said his comments were a reflection of changing conditions on the Palestinian side, "
        "pointing to Palestinian Authority President Mahmoud Abbas's pact to form a unity government with Hamas.",
    )["claims"]
    assert [c["claim_text"] for c in gloss] == [
        "his comments were a reflection of changing conditions on the Palestinian side"
    ]


def test_the_reported_clause_is_the_one_after_the_cue_and_keeps_its_subject(extractor):
    # news-bias vZix3nLiFroDwIri and tqEZqB2ZdZfbL3o1 (training pool)
    haaretz = extract(
        extractor,
        "Israeli newspaper Haaretz is live-blogging today's vote; it reports that in the first three hours of polls "
        "being open, nearly 14 percent of eligible voters had cast their ballots.",
    )["claims"]
    assert [c["claim_text"] for c in haaretz] == [
        "in the first three hours of polls being open, nearly 14 percent of eligible voters had cast their ballots"
    ]
    # (the article quotes "reassess"; with the quote marks the parser reads the sentence otherwise, and no claim)
    told = extract(
        extractor,
        "President Barack Obama told Israeli Prime Minister Benjamin Netanyahu the United States would reassess "
        "aspects of its relationship with Israel.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["claim_text"]) for c in told] == [
        ("barack-obama", "the United States would reassess aspects of its relationship with Israel")
    ]


def test_a_reported_clause_keeps_the_subject_the_parser_made_an_object(extractor):
    # demo corpus raw/news (read in claims-demo-corpus-r5-seed14: "starts at 'is' and drops the subject")
    study = extract(
        extractor,
        "A World Bank study showed the ease of doing business in Iran is 152nd in the world, below that of Libera.",
    )["claims"]
    assert [c["claim_text"] for c in study] == [
        "the ease of doing business in Iran is 152nd in the world, below that of Libera"
    ]
    license_ = extract(
        extractor,
        "A license, according to the Treasury Department, is an authorization from Treasury to engage in a "
        "transaction that otherwise would be prohibited.",
    )["claims"]
    assert [c["claim_text"][:40] for c in license_] == ["A license, according to the Treasury Dep"]
    # the addressee of "told" is not what was said
    told = extract(extractor, "Zarif told reporters the talks would resume next week in Vienna.")["claims"]
    assert [c["claim_text"] for c in told] == ["the talks would resume next week in Vienna"]


def _speakers(result):
    return [(c["speaker_actor_id"], c["claim_text"]) for c in result["claims"]]


def test_a_pronoun_is_the_person_named_above_it_and_of_its_gender(extractor):
    # demo corpus raw/news (newsmax.com, 2015-03-03; read in claims-demo-corpus-r6: "Pelosi called the speech
    # 'an insult ...', not Obama")
    pelosi = extract(
        extractor,
        "Aides to Obama said he would not be watching the speech, broadcast live on U.S. television. Underscoring "
        "the partisan divide over Netanyahu's address, House of Representatives Democratic leader Nancy Pelosi said "
        'afterwards that as a friend of Israel, she was near tears during his speech, calling it "an insult to the '
        'intelligence of the United States."',
    )
    speakers = _speakers(pelosi)
    assert speakers[0][0] is None  # aides to Obama are not Obama
    assert all(actor == "nancy-pelosi" for actor, _ in speakers[1:]) and len(speakers) == 2
    # training pool IKoWVxzYyQhe3nt1 (nytimes): "she" after a man named in the paragraph before is Haley
    haley = extract(
        extractor,
        "Ambassador Mansour Ayyad Al-Otaibi also criticized the Security Council for not agreeing to Kuwait’s "
        "request for an independent investigation of the Gaza deaths.\n\nDefending Israel, Ambassador Nikki R. "
        "Haley of the United States denounced what she called the double standard that other nations applied to "
        "Israel.",
    )
    assert ("nikki-haley", "the double standard that other nations applied to Israel") in _speakers(haley)


def test_a_persons_gender_comes_from_a_title_in_the_article_else_the_first_name():
    from pipelines.lib.nlp.actors import Mention, gender

    def person(text, canonical, honorific=None):
        return Mention(0, 1, text, 0, 0, 1, 0, "PERSON", None, canonical, "person", honorific)

    brody, sanders = person("David Brody", "David Brody"), person("Sarah Sanders", "Sarah Sanders")
    assert (gender(brody, [brody]), gender(sanders, [sanders])) == ("m", "f")  # data/names/first_names.csv
    kassem = person("Hisham Kassem", "Hisham Kassem")
    assert gender(kassem, [kassem]) is None  # a first name the list does not know
    titled = person("Kassem", "Hisham Kassem", honorific="mr")  # "Mr. Kassem" later in the article
    assert gender(kassem, [kassem, titled]) == "m"
    assert gender(person("Tlaib", "Rashida Tlaib"), [person("Tlaib", "Rashida Tlaib", honorific="ms")]) == "f"


def test_a_dateline_is_neither_speaker_nor_content(extractor):
    # training pool jLOkWLlqFGtjhiSU (CNN, 2013-09-15)
    claims = extract(
        extractor,
        "Washington (CNN) – Republican Rep. Mike Rogers, chairman of the House Intelligence Committee, argued "
        "Sunday that the United States lost all of its leverage in the negotiations over chemical weapons in Syria, "
        "giving Russia a win.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["claim_text"][:35]) for c in claims] == [
        ("mike-rogers", "the United States lost all of its l")
    ]
    # a capitalised heading is not a dateline (Middle East corpus, 2013-09: an empty claim failed the marts' check)
    heading = extract(
        extractor,
        "KERRY SAYS ATTACKS STILL POSSIBLE - After the first day of weapons talks, Secretary of State John Kerry "
        "maintained that the U.S. is still poised for a unilateral military strike against Syria.",
    )["claims"]
    assert [c["claim_text"] for c in heading] == [
        "ATTACKS STILL POSSIBLE",
        "the U.S. is still poised for a unilateral military strike against Syria",
    ]


def test_a_short_name_is_the_organisation_the_article_named_in_full(extractor):
    # training pool EqyDYsUdPH2Zwhrm (The Daily Wire): "The Post" after "the New York Post"
    result = extract(
        extractor,
        "The 52-year-old comedian delivered the line Thanksgiving night performance, prompting laughter and "
        "applause from the audience, the New York Post reported.\n\nAt the Tel Aviv show, C.K. even joked about "
        "that subject, “advising the audience against following in his perverted footsteps,” The Post said.",
    )
    assert {c["speaker_actor_id"] for c in result["claims"] if c["cue"] in {"say", "report"}} == {"new-york-post"}
    assert "post" not in {m["actor_id"] for m in result["mentions"]}


def test_a_record_speaks_for_whoever_made_it(extractor):
    # training pool 3PVGwRri84PNmu73 (Breitbart, 2015-03-02)
    claims = extract(
        extractor,
        "According to the latest Gallup poll, 45% of Americans view Netanyahu favorably while only 24% view him "
        "unfavorably.",
    )["claims"]
    assert [c["speaker_actor_id"] for c in claims] == ["gallup"]


def test_refusals_appeals_namings_and_things_demanded_are_not_claims(extractor):
    # demo corpus raw/news (usatoday.com 2019-06-24, npr.org 2019-07-06, businessinsider.com 2020-01-09, cnn.com
    # 2015-03-02; each read as "not a claim" in claims-demo-corpus-r5/r6) and training pool bbwNKAic81K8ghO8
    # (Newsmax, 2017-02-04)
    texts = {
        "The Pentagon declined to confirm the cyberattack reports.": [],
        "U.K. Maritime Trade Operations later weighed in to say that the ship, called the Pacific Voyager, had "
        "simply stopped so that it would arrive at its intended destination on time and not early.": ["say"],
        "Sources told the outlet that US intelligence detected anti-aircraft radars turning on before the crash "
        "and that satellites detected two infrared blips, thought to be SA-15 missiles, that were quickly followed "
        "by another blip, the suspected aircraft explosion.": ["tell"],
        "Israeli officials also warned that a research and development program that Iran is demanding the right "
        "to keep could help it enrich uranium, the key ingredient for a nuclear bomb.": ["warn"],
        "In response, China's Foreign Ministry reasserted its claim of sovereignty over the tiny, uninhabited "
        'islands and called on the U.S. to cease "making wrong remarks" over the issue.': [],
    }
    for text, cues in texts.items():
        assert [c["cue"] for c in extract(extractor, text)["claims"]] == cues, text


def test_an_accusation_is_not_the_accused_speaking(extractor):
    # demo corpus raw/news (washingtontimes.com, 2019-06-23; read in r5 and r6: "Iran is the accused")
    claims = extract(
        extractor,
        "Vice President Mike Pence and White House National Security Adviser John R. Bolton stressed that military "
        "options remain on the table after Iran shot down an American surveillance drone last week, just days "
        "after accusing Tehran of carrying out limpet mine attacks on civilian oil tankers near the Strait of "
        "Hormuz.",
    )["claims"]
    assert "IRN" not in {c["speaker_actor_id"] for c in claims}
    assert {c["speaker_actor_id"] for c in claims} == {"mike-pence", "john-bolton"}


def test_a_quote_that_ends_a_reported_clause_is_part_of_it_and_a_title_is_not_speech(extractor):
    # demo corpus raw/news (washingtontimes.com, 2020-01-03; read in r5 and r6 as truncated)
    claims = extract(
        extractor,
        "Philip H. Gordon and Robert Malley, both of whom worked on Middle East policy in the Obama administration, "
        "said the emergence of a more benign government in Tehran is possible, but it is “also one of the current "
        "protests’ least likely outcomes.”",
    )["claims"]
    assert {c["claim_text"] for c in claims} == {
        "the emergence of a more benign government in Tehran is possible, but it is “also one of the current "
        "protests’ least likely outcomes"
    }
    # demo corpus raw/news (salon.com, 2015-03-11; read in r6: "the letter's salutation ..., not an assertion")
    letter = extract(
        extractor,
        "On Monday, Cotton drafted a letter -- signed by 46 other senators -- addressed to “leaders of the Islamic "
        "Republic of Iran,\" warning that any deal reached on the country's nuclear program could be killed by the "
        'next administration "with the stroke of a pen." The letter generated fierce criticism not only from the '
        "Obama administration and congressional Democrats, but also from conservative quarters, including the Wall "
        "Street Journal's editorial board, which Kelly noted called Cotton's correspondence a \"distraction.\"",
    )["claims"]
    assert [c["claim_text"] for c in letter] == ["Cotton's correspondence a \"distraction"]


def test_hearsay_without_a_source_is_an_unattributed_hedged_claim(extractor):
    # training pool FTt9WttHaISppKHB (CBN, 2017-12-05) and pMX9SUUpTnqwUi1T (BBC News)
    claims = extract(
        extractor,
        "The administration reportedly hasn't decided where the U.S. embassy will be built in Jerusalem. Iraqi "
        "Kurdish troops are said to have recaptured the town of Rabia, but suffered heavy casualties.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["cue"], c["is_hedged"], c["claim_text"]) for c in claims] == [
        (None, "report", True, "hasn't decided where the U.S. embassy will be built in Jerusalem"),
        (None, "say", True, "to have recaptured the town of Rabia"),
    ]


def test_a_statement_that_reads_or_continues_speaks(extractor):
    # training pool ZWkid4HbfcJAPJIQ (The Daily Wire, 2020-01-03)
    claims = extract(
        extractor,
        "“General Soleimani was actively developing plans to attack American diplomats and service members in Iraq "
        "and throughout the region,” reads a statement from the Defense Department on the general’s death. “General "
        "Soleimani and his Quds Force were responsible for the deaths of hundreds of American and coalition service "
        "members and the wounding of thousands more,” the statement continued.",
    )["claims"]
    assert [c["cue"] for c in claims] == ["read", "continue"]
    assert claims[1]["claim_text"].startswith("General Soleimani and his Quds Force were responsible")


def test_according_to_needs_a_source_outside_the_quote(extractor):
    # demo corpus raw/news (an Iranian official after Qassem Soleimani's killing, 2020-01)
    claims = extract(
        extractor,
        '"[We] will respond according to our own timing and choice," he said.',
    )["claims"]
    assert [c["cue"] for c in claims] == ["say"]


def test_a_speech_announced_an_aim_a_warning_against_and_background_are_not_claims(extractor):
    # demo corpus raw/news, each read as "not a claim" in claims-demo-corpus-r7: theguardian.com 2017-09-18 (a speech
    # not yet given), cnn.com 2014-01-31 (the columnist's "to show"), usatoday.com 2015-03-08 ("warning ...
    # against"), thehill.com 2019-09-15 (background)
    texts = [
        "In a speech likely to draw comparisons with George W Bush’s ‘axis of evil’, the president will tell "
        "nations they must confront the twin threat to global security.",
        "The U.S. doesn't need to release bombs to show it is powerful.",
        "Netanyahu spoke to a joint session of Congress last Tuesday, warning U.S. lawmakers against a deal with Iran.",
        "After promising “fire and fury” toward North Korea in 2017, Trump in 2018 was meeting with that country's "
        "leader.",
    ]
    for text in texts:
        assert extract(extractor, text)["claims"] == [], text


def test_the_one_quoted_speaks_and_a_quoted_title_is_not_what_was_said(extractor):
    # demo corpus raw/news (cbsnews.com 2019-10-11, thenation.com 2019-08-19; read in r7 as wrong speaker and
    # wrong content)
    tanker = extract(
        extractor,
        'The hull of the tanker "Sabiti" was hit by suspected missiles about 60 miles off the coast, French news '
        "agency AFP quoted Iran's state-owned National Iranian Tanker Company as saying.",
    )["claims"]
    assert [c["speaker_actor_id"] for c in tanker] == ["national-iranian-tanker-company"]
    editorial = extract(
        extractor,
        "On September 2, 1983, a New York Times editorial, “Murder in the Air,” declared, “There is no conceivable "
        "excuse for any nation shooting down a harmless airliner.”",
    )["claims"]
    assert [(c["speaker_actor_id"], c["claim_text"][:30]) for c in editorial] == [
        ("new-york-times", "There is no conceivable excuse")
    ]


def test_a_report_relayed_by_an_agency_is_the_named_speakers(extractor):
    # demo corpus raw/news (theguardian.com 2020-01-09, washingtontimes.com 2018-04-24; read in r8 as "the agency
    # named instead of the person quoted")
    claims = extract(
        extractor,
        "And the Iranian government spokesman, Ali Rabiei said that any country which lost citizens on the flight "
        "would be welcome to send representatives. The head of the official Iranian Investigative Committee, Hassan "
        "Rezaeifar, said that the US had also been invited, as the home nation of the plane’s manufacturer, Boeing, "
        "according to the country’s semi-official Fars news agency.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in claims] == [("ali-rabiei", "say"), ("hassan-rezaeifar", "say")]
    # ... while a source the sentence does not name stays the agency's (training pool 6NK4dKtw4DHbe265)
    student = extract(
        extractor,
        "The student says he is also in touch with AMIDEAST, the nonprofit that awarded him a scholarship to "
        "Harvard, according to the Crimson.",
    )["claims"]
    assert "according to" in [c["cue"] for c in student]


def test_a_relative_clause_speaks_for_its_noun_and_an_unnamed_source_inside_a_claim_is_the_claims(extractor):
    # demo corpus raw/news (vox.com 2016-11-18, apnews.com 2020-01-07, cnn.com 2019-01-30; read in r8)
    advocates = extract(
        extractor,
        "Foreign policy advocates in the US who thought the deal didn’t do enough to derail Iran’s nuclear "
        "ambitions have said it’s better to stick with it.",
    )["claims"]
    assert {c["speaker_actor_id"] for c in advocates} == {None}
    assert advocates[0]["speaker_text"] == "Foreign policy advocates in the US"
    milley = extract(
        extractor,
        "Milley insisted that the intelligence on which Trump based his decision to kill Soleimani called for "
        "urgent action. He said the intelligence showed Soleimani was plotting attacks and that the U.S. would have "
        "been negligent not to act.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in milley] == [("mark-milley", "insist"), ("mark-milley", "say")]
    official = extract(
        extractor,
        "On Tuesday, the nation's top intelligence official, who was appointed by Trump, told Senate lawmakers that "
        'the US intelligence community does not believe Iran is currently undertaking "key activities" needed to '
        "produce a nuclear bomb -- an assessment at odds with longtime administration claims that Iran is an "
        "immediate nuclear threat.",
    )["claims"]
    assert official[0]["claim_text"].endswith('"key activities" needed to produce a nuclear bomb')


def test_a_letter_speaks_for_its_author_and_it_continues_the_letter(extractor):
    # demo corpus raw/news (cnn.com 2015-03-09; read in claims-demo-corpus-r8-seed15: "the source is the Cotton
    # letter", not the Democratic Party)
    claims = extract(
        extractor,
        "Democratic Sen. Dick Durbin said the letter was a stunt.\n\nThe letter , authored by Arkansas Sen. Tom "
        "Cotton, states that the Constitution requires any international treaty to be ratified by a two-thirds vote "
        "in the Senate. It also notes that presidents are barred from serving more than two terms in office and "
        "that the Obama administration ends in 2017.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in claims[1:]] == [("tom-cotton", "state"), ("tom-cotton", "note")]


def test_reported_as_saying_now_that_and_he_after_an_unnamed_speaker(extractor):
    # demo corpus raw/news: FARS relaying a Guardian Council spokesman (read in r9-seed18 as "the speaker should be
    # Abbas Ali Kadkhodayee"); "now that" opens no reported clause (r9-seed19); "he noted" after "one analyst who
    # asked to remain anonymous" is the analyst, not the person quoted before (r9-seed19)
    fars = extract(
        extractor,
        "Suggesting the tanker seizure could have been a retaliatory act, FARS reported a spokesperson for Iran's "
        'Guardian Council, Abbas Ali Kadkhodayee, as saying, "The rule of reciprocal action is well-known in '
        'international law which is used against the foul measures of a government."',
    )["claims"]
    assert [c["speaker_actor_id"] for c in fars] == ["abbas-ali-kadkhodayee"]
    goals = extract(
        extractor,
        "Taleblu said the Trump administration can diffuse the situation in the Middle East by more clearly "
        "stating its goals now that it’s withdrawn from the Iran deal.",
    )["claims"]
    assert [c["cue"] for c in goals] == ["say"]
    analyst = extract(
        extractor,
        "“He is leaving his options open,” said Ali Matachi, a political scientist.\n\n“He can always ask the "
        "hard-liners to step in if he doesn’t like the way the talks develop,” said one analyst who asked to remain "
        "anonymous. Few of Iran’s concessions in the temporary agreement with world powers are permanent, he noted.",
    )["claims"]
    assert [c["speaker_actor_id"] for c in analyst][-2:] == [None, None]


def test_captions_and_inline_links_are_no_claims(extractor):
    # BvWBc48GvvCbBjPF (AP's photo caption, before: a claim of Behrouz Kamalvandi), v6U9oEaWBYVAZs3R (USA Today's
    # link to another story, before: a claim of "Attack on U.S. Embassy in Iraq", cue "show"); the story's own
    # paragraphs keep theirs
    text = (
        "In this photo released by the Atomic Energy Organization of Iran, spokesman of the organization Behrouz "
        "Kamalvandi speaks in a news briefing in Tehran, Iran, Saturday, Sept. 7, 2019. Iran has begun injecting "
        "uranium gas into advanced centrifuges in violation of its 2015 nuclear deal with world powers, Kamalvandi "
        "said. (Atomic Energy Organization of Iran via AP)\n\n"
        "Opinion:Attack on U.S. Embassy in Iraq shows Trump is failing\n\n"
        "Konstantin Kosachev, the head of the foreign affairs committee in Russia's parliament, called the U.S. "
        'airstrike "a mistake." He wrote in a social media post that "Iran may accelerate making a nuclear weapon '
        'now, even if it didn\u2019t plan on doing it before."'
    )
    claims = extract(extractor, text)["claims"]
    assert {c["speaker_actor_id"] for c in claims} == {"konstantin-kosachev"}
    assert [c["cue"] for c in claims] == ["call", "write"]


def test_a_credit_or_link_glued_to_the_story_does_not_take_the_story_with_it(extractor):
    # OkDBqWYGyWPMUsLD (training pool: the page lost its line breaks, so the whole story and the AP credit were one
    # paragraph, dropped as boilerplate with its 13 annotated claims), uv2cNRH7puutwYiU (a Fox News link label glued
    # to the story's paragraph)
    text = (
        "News of Sufi's death comes a day after Human Rights Watch said that ISIS killed between 560 and 770 Iraqi "
        "soldiers near the city of Tikrit. Human Rights Watch said on Wednesday that the Islamic State overtook Camp "
        'Speicher, located north of Baghdad, in June. Thereafter "horrific abuses" occurred at the hands of ISIS on a '
        'scale that "clearly rises to the crimes against humanity," the watchdog group said.The Associated Press '
        "contributed to this report.\n\n"
        "Foreign warnings - Fox News :Syrian President Bashar al-Assad has warned the United States not to take "
        "military action against his country. In comments published Monday in the Russian newspaper Izvestia: "
        "\u201cFailure awaits the United States as in all previous wars it has unleashed\u201d. Russia's foreign "
        "ministry, an ally of Assad's, released a statement saying that Russian Foreign Minister Sergey Lavrov had "
        "urged restraint to Secretary of State John Kerry when the two spoke by phone Sunday."
    )
    claims = extract(extractor, text)["claims"]
    said = {(c["speaker_text"], c["claim_text"].split()[0]) for c in claims}
    assert ("Human Rights Watch", "the") in said or ("Human Rights Watch", "ISIS") in said
    assert any(c["speaker_actor_id"] == "bashar-al-assad" and c["cue"] == "warn" for c in claims)
    assert not any("contributed" in c["claim_text"] or "Fox News" in (c["speaker_text"] or "") for c in claims)
    # a gallery of captions stays one paragraph, dropped whole
    from pipelines.lib.nlp.paragraphs import is_boilerplate, paragraphs

    gallery = (
        "Photos: Potential 2016 presidential candidates Wisconsin Gov. Scott Walker has created a political committee "
        "that will help him travel and raise money while he considers a 2016 bid. Hide Caption 2 of 19 Photos: "
        "Potential 2016 presidential candidates South Carolina Sen. Lindsey Graham has said he'll make a decision "
        "about a presidential run sometime soon. Hide Caption 6 of 19"
    )
    assert [is_boilerplate(p) for _, p in paragraphs(gallery)] == [True]


def test_an_embedded_tweet_is_a_claim_of_its_author_or_of_whom_it_quotes(extractor):
    # M9n7082wn2SVG0wH, GMJ2TSXNj6vaEpS2, ZWkid4HbfcJAPJIQ (training pool; the first two annotated as the tweets of
    # Sarah Sanders and Ari Fleischer, before: no claim at all); the third quotes the president in its own words
    text = (
        "Reports of peaceful protests by Iranian citizens fed up with the regime\u2019s corruption and its squandering "
        "of the nation\u2019s wealth to fund terrorism abroad. The Iranian government should respect their "
        "people\u2019s rights including their right to express themselves. The world is watching \u2014 Sarah "
        "Sanders (@PressSec) December 30, 2017\n\n"
        'Ari Fleischer: "I think it is entirely possible that this is going to be a catalyst inside Iran where the '
        'people celebrate this killing of Soleimani" pic.twitter.com/UfcTOkvqAw \u2014 Jason Campbell '
        "(@JasonSCampbell) January 3, 2020\n\n"
        "\u201cWhile Iran will never be able to properly admit it, Soleimani was both hated and feared within the "
        "country,\u201d the president continued. \u201cThey are not nearly as saddened as the leaders will let the "
        "outside world believe.\u201d \u2026.of PROTESTERS killed in Iran itself. \u2014 Donald J. Trump "
        "(@realDonaldTrump) January 3, 2020"
    )
    claims = extract(extractor, text)["claims"]
    sanders, fleischer = claims[:2]
    assert (sanders["speaker_text"], sanders["cue"]) == ("Sarah Sanders", "tweet")
    assert sanders["attribution"] == "direct_quote"
    assert sanders["claim_text"].startswith("Reports of peaceful") and sanders["claim_text"].endswith("is watching")
    assert (fleischer["speaker_actor_id"], fleischer["cue"]) == ("ari-fleischer", "tweet")
    assert fleischer["claim_text"].endswith("killing of Soleimani")  # no picture link, no quote mark
    assert [c["cue"] for c in claims[2:]] == ["continue", "continue"]
    assert not any("Donald J. Trump" in c["claim_text"] for c in claims)


def test_a_naming_participle_the_writers_inference_and_someones_backers_are_not_claims_of_theirs(extractor):
    # Act9hgLHag3VWQNl, PlC8n69v8adY4Ayc, bpFnT4IBljDLOgmM (training pool; read wrong in the claims reading r15:
    # a claim of Iran, one of Donald Trump, and "her backers" given to Trump)
    text = (
        "Trump will take the podium in the Grand Foyer. Also called the Entrance Hall, it is the primary, formal "
        "entrance to the White House.\n\n"
        "Trump\u2019s Middle East policy so far, however, suggests the opposite is more likely.\n\n"
        "Articles in Breitbart and elsewhere claimed she had cried after Trump won the election. Nowrouzzadeh, her "
        "backers note, was just an intern there."
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["speaker_actor_id"], c["speaker_text"], c["cue"]) for c in claims] == [
        (None, "Articles in Breitbart", "claim"),
        (None, "her backers", "note"),
    ]


def test_a_surname_after_mr_is_a_person_though_the_article_never_gives_the_full_name(extractor):
    # BtoSNvj054ttsMtv (training pool: the body starts after the full name; "Mr. Moussaoui" was dropped as a
    # one-word name spaCy alone found, and the annotations list Zacarias Moussaoui)
    text = (
        "Mr. Moussaoui\u2019s testimony, if judged credible, provides new details of the extent and nature of that "
        "support in the pre-9/11 period."
    )
    mentions = extract(extractor, text)["mentions"]
    assert [(m["actor_id"], m["mention_text"]) for m in mentions] == [("moussaoui", "Moussaoui")]


def test_he_after_an_office_as_subject_an_opposition_report_and_a_strike_that_signals(extractor):
    # 84OwcE05QVjgZ91M, bBSEMyHyNjSsL1fz, DHWSOG3sxnz8Dzx0 (training pool; read wrong in the claims readings r15 and
    # r16: "he answered" given to Chuck Todd, the opposition's report to Iran, the writer's inference to "its limited
    # strike")
    text = (
        "Despite the dramatic nature of initial reports, military planes weren\u2019t already in the air when "
        "President Donald Trump decided to call off the strikes. The president confirmed it as much during an "
        "interview with NBC\u2019s Chuck Todd for Meet the Press. \u201cNo,\u201d he answered when asked if "
        "planes were already in the air, \u201cbut they would have been pretty soon.\u201d\n\n"
        "\u201cAll of the Iranian regime\u2019s terrorist operations in Iraq were controlled and commanded by [Mr. "
        "Masjedi],\u201d the Iranian opposition report said.\n\n"
        "Iran for days had been promising to respond forcefully to Soleimani\u2019s killing, but its limited strike on "
        "two bases appeared to signal that it, too, was uninterested in a wider clash with the U.S."
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in claims] == [("donald-trump", "answer"), (None, "say")]
    assert claims[1]["speaker_text"] == "the Iranian opposition report"


def test_members_listed_after_a_dash_and_some_of_a_body_are_no_speakers_of_their_own(extractor):
    # KbQdlmhruTpjVphD (before: one claim each for Britain, Germany, France, Russia and China, and one for "the rest
    # of the P5+1", which names no one), bpFnT4IBljDLOgmM (before: the Republican Party)
    text = (
        "The U.S. and the rest of the P5+1 \u2014 Britain, Germany, France, Russia and China \u2014 maintain that "
        "sanctions must be lifted slowly in a process that would take months, possibly even years, depending on "
        "Iran\u2019s level of cooperation.\n\n"
        "While he still has many allies on the Hill who admit to being huge Hook fans, some congressional Republicans "
        "tell me that that may have been Hook\u2019s last official appearance in front of Congress in this "
        "administration."
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["speaker_actor_id"], c["speaker_text"]) for c in claims] == [
        ("USA", "The U.S."),
        (None, "some congressional Republicans"),
    ]


def test_a_negotiator_is_a_person_not_the_state_or_the_one_she_negotiates_for(extractor):
    # bRYYri7ceyuZeacS (before: Iran), sh8XVuipBj4zEbBQ (before: Barack Obama)
    text = (
        'A senior Iranian negotiator similarly stated that "we haven\'t started drafting yet" and that no specific '
        "details on issues such as the number of centrifuges have been agreed to.\n\n"
        "President Barack Obama's chief negotiator with Iran announced Wednesday that she plans to step down after "
        "the June 30 deadline for the final nuclear deal."
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["speaker_actor_id"], c["speaker_text"]) for c in claims] == [
        (None, "A senior Iranian negotiator"),
        (None, "President Barack Obama's chief negotiator with Iran"),
    ]


def test_a_modal_second_half_the_parser_hangs_on_the_cue_is_said_too(extractor):
    # N9kVUXmf7ExqjBYW (before: "the U.S. can join any renewed talks", the condition lost)
    text = (
        "Iran\u2019s deputy foreign minister said Sunday that the U.S. can join any renewed talks, but must lift "
        "sanctions on Iran first."
    )
    (claim,) = extract(extractor, text)["claims"]
    assert claim["claim_text"] == "the U.S. can join any renewed talks, but must lift sanctions on Iran first"


def test_a_parenthetical_cue_reports_its_clause_and_its_subject_is_not_the_next_speaker(extractor):
    # QjYmVNTFJai9VuIW (before: "on a voluntary basis" alone, and the next "he said" given to Ben Rhodes, whom
    # Josh Earnest talks about)
    text = (
        "When the Rhodes invitation was announced last week, press secretary Josh Earnest said the White House "
        "wouldn\u2019t claim executive privilege but didn\u2019t want to participate in any sort of committee "
        "hearing.\n\n"
        "Mr. Earnest on Tuesday insisted that wasn\u2019t a claim of executive privilege.\n\n"
        "He said privilege is asserted in cases in which Congress tries to compel information. In this instance, he "
        "said, Mr. Rhodes was invited only \u201con a voluntary basis.\u201d\n\n"
        "\u201cSo the principle is different,\u201d he said."
    )
    claims = extract(extractor, text)["claims"]
    assert {c["speaker_actor_id"] for c in claims} == {"josh-earnest"}
    assert [c["claim_text"] for c in claims][-2:] == [
        "Mr. Rhodes was invited only \u201con a voluntary basis",
        "So the principle is different",
    ]


def test_a_quote_keeps_its_subject_and_the_clause_it_ends(extractor):
    # eiNzYuktmpalC2eH, L1hSzdlIO8kMrFBa, PIBcxnKmnuxQkcxV, K2vO17XwZR9vhutQ (before: "appears to be standing
    # down", "will begin to enrich again ...", "feel concerned about their lives and security", "it would ensure
    # sanctions on Iran": who acts, or what is said of it, was lost)
    trump = (
        "Trump declared in an address to the nation that Iran \u201cappears to be standing down,\u201d saying no "
        "lives were lost in the attacks."
    )
    kerry = (
        "\u201cWe will be viewed as having killed the opportunity to stop [the Iranians] from having weapons,\u201d "
        "Kerry said. Iran, he added, \u201cwill begin to enrich again, and the greater likelihood is what "
        "[President Obama] said the other day \u2013 you will have a war.\u201d"
    )
    rouhani = (
        "Rouhani also said in his speech Sunday night -- his first since the protests first broke out Thursday "
        "-- that people have the right to demonstrate, but those demonstrations should not make the public "
        "\u201cfeel concerned about their lives and security.\u201d"
    )
    eu = (
        "The European Union said it would ensure sanctions on Iran remain lifted, as long as Tehran meets its "
        "commitments."
    )
    cases = {
        trump: "Iran \u201cappears to be standing down",
        kerry: "Iran, he added, \u201cwill begin to enrich again",
        rouhani: "people have the right to demonstrate, but those demonstrations should not make the public",
        eu: "it would ensure sanctions on Iran remain lifted, as long as Tehran meets its commitments",
    }
    for sentence, start in cases.items():
        texts = [c["claim_text"] for c in extract(extractor, sentence)["claims"]]
        assert any(t.startswith(start) for t in texts), (sentence, texts)


def test_questions_the_writers_aside_and_see_also_links_are_no_claims(extractor):
    # 26EcoP9Rzl7EJ32O (before: Megyn Kelly's two questions, cue "note" of the next sentence), pobr25d6ZbBpmlaq
    # (before: "It" points out), 0r8TWQdc3DioZDhp (before: Hillary Clinton "calls Iran deal 'important step'")
    text = (
        'Kelly pressed: "But what\u2019s the point in writing to the Iranian mullahs? What are you gonna do?" She '
        "noted that many in the Iranian leadership have dismissed Cotton's letter.\n\n"
        "It's also important to point out that Iran is developing this new LEU under the view of the international "
        "community in its officially declared facilities.\n\n"
        "SEE ALSO: Hillary Clinton calls Iran deal \u2018important step,\u2019 withholds full endorsement"
    )
    claims = extract(extractor, text)["claims"]
    assert [c["claim_text"] for c in claims] == ["many in the Iranian leadership have dismissed Cotton's letter"]


def test_he_after_an_unnamed_person_the_article_describes_is_that_person(extractor):
    # gLQ3dONOHUEJghUL (before: "he added" given to a person named earlier in the article)
    text = (
        "Lebanese Prime Minister Najib Mikati condemned the attack.\n\n"
        "\"People aren't sacred anymore. We aren't safe,\" said a mechanic whose store windows were shattered by "
        "the blasts. He declined to be identified because he did not want to be seen as involved in sectarian "
        "tensions that have split the Lebanese over Syria's conflict.\n\n"
        "\"People fight outside (Lebanon), but send their messages through Lebanon. With bombs. It's their SMS "
        'service," he added.'
    )
    claims = extract(extractor, text)["claims"]
    added = next(c for c in claims if c["cue"] == "add")
    assert added["speaker_actor_id"] is None and added["speaker_text"] == "he"


def test_a_condition_opening_what_was_said_and_a_clause_a_quote_ends_are_kept(extractor):
    # rUlfUbnRJSV5r5JZ (before: "Tehran was willing to give up more, ...": the "unless" dropped, the warning
    # reversed, and the speaker a bare "They"), nv7891QAhww3hw3D (before: "related to what is required ...": what
    # is related was lost)
    warned = (
        "Democratic and Republican lawmakers argued against it throughout the late winter, spring and summer of "
        "2016. They warned that unless Tehran was willing to give up more, the U.S. shouldn\u2019t give Iran anything "
        "more than it already had."
    )
    (claim,) = extract(extractor, warned)["claims"]
    assert claim["claim_text"].startswith("unless Tehran was willing to give up more")
    assert claim["speaker_text"] == "Democratic and Republican lawmakers"  # not a bare "They"
    related = (
        "The decision to send more U.S. troops into the Middle East is \u201crelated to what is required for the "
        "protection of our forces,\u201d Kathryn Wheelbarger, assistant secretary of defense for international "
        "security affairs, said during Friday\u2019s Pentagon briefing."
    )
    (claim,) = extract(extractor, related)["claims"]
    assert claim["speaker_actor_id"] == "kathryn-wheelbarger"
    assert claim["claim_text"].startswith("The decision to send more U.S. troops into the Middle East is")


def test_a_states_people_and_an_attache_are_unnamed_speakers(extractor):
    # K2vO17XwZR9vhutQ (before: Iran "feared"), KDu1vQLhkvg9lvei (before: NATO for its attaché); "the Iranians"
    # of the talks (KbQdlmhruTpjVphD) stay Iran
    feared = (
        "Iran\u2019s rial currency plunged to a record low against the U.S. dollar in the free market, after sliding "
        "for months because of a weak economy, financial difficulties at local banks and heavy demand for dollars "
        "among Iranians who feared that renewed U.S. sanctions would hit Iranian exports hard."
    )
    (claim,) = extract(extractor, feared)["claims"]
    assert (claim["speaker_actor_id"], claim["speaker_text"]) == (None, "Iranians")
    attache = (
        "A NATO military attach\u00e9 based in the region told Business Insider that while the case has yet to be "
        "formally filed, it could pose significant problems for the US and its NATO partners, should the court rule "
        "against the Trump administration."
    )
    (claim,) = extract(extractor, attache)["claims"]
    assert claim["speaker_actor_id"] is None
    insist = "Mr. Earnest went on to say the Iranians still maintain all sanctions must be lifted immediately."
    assert [c["speaker_actor_id"] for c in extract(extractor, insist)["claims"] if c["cue"] == "maintain"] == ["IRN"]


def test_a_conjunct_that_names_no_one_is_no_second_speaker_and_a_persons_advisers_are_not_the_person(extractor):
    # ZQUZkpHACdAhA60o (before: a second claim of Donald Trump for "other top Trump advisers"), LQ1FCn3XhAhWfIZs
    # (before: a second claim of "their allies", which names no one)
    text = (
        "Mr. Pompeo and other top Trump advisers say the administration is not seeking \u201cregime change\u201d in "
        "Tehran, but rather negotiations with Iranian leaders for a more far-reaching accord than the 2015 nuclear "
        "deal.\n\n"
        "On Sunday, Iran\u2019s leaders and their allies began to openly discuss plans for retaliation against the "
        "United States, saying that they would target America\u2019s military bases and its soldiers."
    )
    claims = extract(extractor, text)["claims"]
    assert [c["speaker_actor_id"] for c in claims] == ["mike-pompeo", "IRN"]


def test_an_epithet_for_a_party_member_or_a_placed_office_is_the_person_the_text_is_about(extractor):
    # ST6sI7lYT2lvbY39, HQZuOZcYhqrIfTKU (training pool: "the Massachusetts Democrat" was read as the Democratic
    # Party, "the former Florida governor" left unresolved; the annotations give John Kerry and Jeb Bush)
    text = (
        "Mr. Kerry portrayed himself as a staunch advocate of American power, but also a statesman concerned about "
        "America\u2019s image as an empire too eager to resort to military tactics in a \u201ccomplicated and ever "
        "more dangerous world.\u201d\n\n"
        "\u201cEvery one of us here knows that American foreign policy is not defined by drones and deployments "
        "alone,\u201d the Massachusetts Democrat told the committee during four hours of hearings.\n\n"
        "\"I was surprised that Donald Trump has surged. I think he's captured the deep frustration that people "
        "feel,\" Bush told NBC News' Lester Holt in an exclusive interview on Friday.\n\n"
        "Trump \u2014 who kicked off his campaign with controversial comments accusing Mexico of sending its rapists "
        "and murderers to the U.S. \u2014 has a large lead over the GOP presidential field, a Quinnipiac poll "
        "released Thursday showed.\n\n"
        '"I get the lack of rule of law, the sanctuary cities, the open borders," the former Florida governor said.'
    )
    claims = extract(extractor, text)["claims"]
    by_text = {c["claim_text"][:20]: (c["speaker_actor_id"], c["speaker_text"]) for c in claims}
    assert by_text["Every one of us here"] == ("john-kerry", "the Massachusetts Democrat")
    assert by_text["I get the lack of ru"] == ("bush", "the former Florida governor")
    assert by_text["Trump \u2014 who kicked o"[:20]][0] == "quinnipiac-university"  # the pollster, not a person
    # yW6hamBa2kpDG870 (training pool): the one person named before it in its own sentence
    text = (
        "After the Israeli government agreed to allow U.S. Congresswoman Rashida Tlaib entry into the West Bank to "
        "visit her relatives during an overseas humanitarian trip, the Michigan Democrat says she's now changing her "
        "plans amid widespread outcry, slamming Israeli leadership for their initial ban."
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["speaker_actor_id"], c["speaker_text"]) for c in claims] == [("rashida-tlaib", "the Michigan Democrat")]


def test_he_after_a_main_clause_the_parser_demoted_and_an_inference_inside_a_report(extractor):
    # BtoSNvj054ttsMtv, PyFjBm0rWCbE83ed, JDEipNoEF3kmllq8 (training pool: "He said" went to the lawyer who spoke
    # two paragraphs before, as the parser hung "Mr. Moussaoui was detained" on "so he was incarcerated"; "he said"
    # to McCain, made the speaker of "McCain's use ... indicates"; a war that "claimed ... lives" was a claim)
    text = (
        "The lawyer, Sean P. Carter, said the deposition was important.\n\n"
        "The French-born Mr. Moussaoui was detained weeks before Sept. 11 on immigration charges in Minnesota, so he "
        "was incarcerated at the time of the attacks.\n\n"
        "He said in the prison deposition that he was directed in 1998 or 1999 by Qaeda leaders in Afghanistan to "
        "create a digital database of donors to the group.\n\n"
        "Richard Barrett, a former counterterrorism chief at MI6, studied the pattern.\n\n"
        "Mr. Barrett also told the Star-Tribune that McCain's death does not indicate an immediate threat to the US. "
        "He notes that McCain's use as a foot soldier by IS indicates that the group placed no particular value in "
        'his American identity, which could be useful for propaganda or for attacking US targets. It "is further '
        "evidence that Americans are going there to fight for ISIS rather than to train as terrorists to attack at "
        'home," he said.\n\n'
        "The Syrian war has already claimed more than a quarter of a million lives -- many of them killed by the "
        "Assad regime's indiscriminate bombing of civilian areas."
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in claims] == [
        ("sean-p-carter", "say"),
        ("moussaoui", "say"),
        ("richard-barrett", "tell"),
        ("richard-barrett", "note"),
        ("richard-barrett", "say"),
    ]


def test_a_dash_that_opens_the_writers_gloss_ends_what_was_said(extractor):
    # 2PgtI4TJ49zqa9fa, 4nU9CTFU75MPdP7K (training pool: the annotations end both claims at the dash)
    text = (
        'The White House and Pentagon acknowledged Friday that the U.S. "is at war" with the Islamic State -- '
        "contradicting statements Thursday by Secretary of State John Kerry, prompting criticism from Capitol Hill "
        "Republicans about the administration appearing to downplay the conflict.\n\n"
        'Romney backed up his comments Sunday by saying that declining the meeting was a "mistake" -- as Netanyahu '
        'looks to the United States for assurance that it will stand tough or draw a "red line" that Iran cannot '
        "cross in its efforts to build a nuclear weapon.\n\n"
        "The U.S. crews responded by issuing multiple warnings via radio -- including five short blasts from the "
        "ships\u2019 horns and flares, the Navy said."
    )
    texts = [c["claim_text"] for c in extract(extractor, text)["claims"]]
    assert texts[0] == 'the U.S. "is at war" with the Islamic State'
    assert texts[-2].endswith('declining the meeting was a "mistake')
    assert texts[-1].endswith("five short blasts from the ships\u2019 horns and flares")  # "including" elaborates


def test_why_a_source_is_anonymous_is_no_claim_and_someones_apologists_are_not_that_someone(extractor):
    # demo corpus (raw/news: nytimes.com 2012-11-23, breitbart.com 2015-07-17; read wrong in the claims reading r18
    # seed 39: "current military assessments" as a claim, "Obama's apologists" as Obama)
    text = (
        "\u201cThis discrimination is a very important part of all missile defense systems,\u201d said the United "
        "States Army expert, who spoke on the condition of anonymity to describe current military assessments.\n\n"
        "Obama\u2019s apologists are spinning this debacle by claiming the only alternative was a huge, bloody war, "
        "beginning immediately."
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in claims] == [(None, "say"), (None, "claim")]
    assert claims[1]["speaker_text"] == "Obama\u2019s apologists"


def test_the_newspaper_and_the_report_are_the_outlet_and_the_maker_named_before(extractor):
    # training pool, news-bias IfAsHUCpFFG1SHck, YDUq7zmjSK4Y75Xw, yljH7Y1s7T9CK81l (paragraphs of each, in order):
    # "the newspaper" is the WSJ that quoted the officials; "The report" is the United Nations'; a document CNN
    # obtained is not CNN's
    text = (
        "The substantial request for military support included air raids, logistics and transportation so Turkish "
        "forces could finish off the remaining fighters of the Islamic State of Iraq and the Levant (ISIL, also known "
        "as ISIS) in Syria, senior US officials were quoted as saying by the WSJ on Friday.\n\n"
        '"The Turkish requests are so extensive that, if fully met, the American military might be deepening its '
        'involvement in Syria instead of reducing it," the newspaper reported.\n\n'
        "In the interview, Assad was confronted with the newly released findings of a United Nations report on the "
        "Aug. 21 attack. The report said there is conclusive evidence that the chemical attack occurred.\n\n"
        "The State Department's top security official in Libya asked for extra security for the consulate in "
        "Benghazi in the months before the diplomatic post was overrun in a deadly attack but received no response "
        "from superiors, according to documents obtained by CNN.\n\n"
        "The document describes a general increase in crime in Tripoli, the large numbers of armed civilians, "
        "clashes between rival militias, widespread unemployment."
    )
    claims = {c["speaker_text"]: c for c in extract(extractor, text)["claims"]}
    assert claims["the newspaper"]["speaker_actor_id"] == "wall-street-journal"
    assert claims["the newspaper"]["claim_text"].startswith("The Turkish requests are so extensive")
    assert claims["The report"]["speaker_actor_id"] == "united-nations"
    assert claims["The report"]["claim_text"] == "there is conclusive evidence that the chemical attack occurred"
    assert claims["The document"]["speaker_actor_id"] is None


def test_the_newspaper_is_the_outlet_quoted_last_not_one_named_paragraphs_before(extractor):
    # training pool, news-bias 53qqntZtGtj82MTj (paragraphs 1, 4 and 6): the Crimson spaCy finds only as a source
    # ("according to the Crimson"); then news-bias 3aZpQxZw4gWLCPJT (paragraphs 12 to 16): "the paper" is The Sun,
    # which spaCy does not find, not Haaretz, named eight sentences before
    crimson = (
        "U.S. officials turned away a 17-year-old Palestinian incoming Harvard freshman last week after he was "
        "questioned about his friends\u2019 social media posts, according to the Harvard Crimson.\n\n"
        "The teen, whom The Hill is not naming because he is a minor, said he was questioned on his religious "
        "practices and instructed to unlock his devices, according to the Crimson.\n\n"
        "The student\u2019s visa was then canceled and he was told he would be deported, according to the newspaper."
    )
    claims = {c["speaker_text"]: c for c in extract(extractor, crimson)["claims"]}
    assert claims["the newspaper"]["speaker_actor_id"] == "harvard-crimson"
    sun = (
        "And writing of the attack in the Israeli daily Haaretz, Boston-based Israeli journalist Dina Kraft "
        "said yesterday felt eerily familiar because of her days reporting back home: sifting through facts "
        "and testimonies as smoke clears from a gruesome public bombing.\n\nBoston \u201cstreets, usually crammed "
        "with rush-hour traffic, now emptied out as people heeded the state\u2019s call to go home and out of the "
        "way of other possible bombs,\u201d she wrote. \u201cI thought back to covering attacks in Israel where the "
        "streets often fill after an attack, a blend of curiosity seekers and those who find it a good "
        "opportunity to gather for another hearty round of 'Death to the Arabs' chants.\u201d\n\nThere were no such "
        "chants in Boston, and the lack of hysteria surrounding the tragedy impressed her, she said. But as "
        "her evening of interviewing survivors and eyewitnesses wore on, \u201ca familiar dread and weariness "
        "began to settle in, one that I felt with every attack I covered while I lived in Israel.\u201d\n\n"
        "Meanwhile, newspapers around the world led their Tuesday front pages and homepages with the Boston "
        "bombing. Many described the experiences of locals who had been on the scene, underscoring the "
        "global scope of the marathon, which is the world's oldest.\n\n"
        "\u201cThey won\u2019t win,\u201d blared the headline "
        "of an editorial in the British tabloid The Sun. \u201cTruly, we cannot relax. We can never assume that "
        "because we have had a period of calm, the bombers have gone away,\u201d the paper wrote."
    )
    claims = {c["speaker_text"]: c for c in extract(extractor, sun)["claims"]}
    assert claims["the paper"]["speaker_actor_id"] is None


def test_the_news_agency_and_the_wire_service_are_the_agency_named_before(extractor):
    # training pool, news-bias gHPPhkaWts8ZsPSl and noxshHF8TLg0GTER: both are Reuters
    text = (
        "Reuters quotes Secretary of State John Kerry as saying Syria's use of chemical weapons \"threatens to put a "
        'political settlement out of reach."\n\n'
        "Meanwhile, the news agency also reports that 71 Syrian army officers, including six generals, have defected "
        "to Turkey.\n\n"
        "Reuters began Wednesday leading its report this way: \"Syrian activists accused President Bashar al-Assad's "
        "forces of launching a nerve gas attack that killed at least 213 people on Wednesday, in what would, if "
        'confirmed, be by far the worst reported use of poison gas in the two-year-old civil war." Shortly after 9 '
        "a.m. ET, the wire service said activists were claiming that nearly 500 people had died."
    )
    claims = {c["speaker_text"]: c for c in extract(extractor, text)["claims"]}
    assert claims["the news agency"]["speaker_actor_id"] == "reuters"
    assert claims["the news agency"]["claim_text"].startswith("71 Syrian army officers")
    assert claims["the wire service"]["speaker_actor_id"] == "reuters"


def test_a_read_more_link_and_an_opening_to_argue_are_no_claims(extractor):
    # demo corpus (read wrong in the claims reading r19 seed 42): the Guardian's link to another story
    # (theguardian.com 2018-07-23) and what an event lets others say (cnn.com 2019-06-24)
    text = (
        "Donald Trump has threatened Iran with \u201cconsequences the likes of which few throughout history have ever "
        "suffered before\u201d, in a late-night, all capital-letter tweet.\n\n"
        "Iran dismisses Trump's late-night Twitter rant despite market jitters Read more\n\n"
        "Trump's claim that he only found out 10 minutes before he was due to give the final go-ahead for the "
        "operation that 150 Iranians could die seems unlikely to be the whole story. It will give an opening to "
        "Democrats to argue that he has proven himself unfit to serve as commander in chief."
    )
    assert extract(extractor, text)["claims"] == []


def test_a_sons_patronymic_is_not_a_surname_for_his_father(extractor):
    # training pool, news-bias YOL2uoAcw81WBdIR: "King Abdullah" and so "the king" are Abdullah II, not his son
    # "Crown Prince Hussein bin Abdullah"
    text = (
        "President Obama met with King Abdullah II and his son, Crown Prince Hussein bin Abdullah, in Jordan Friday "
        "and afterward immediately announced he would seek $200 million in additional U.S. aid to help care for "
        "Syrian refugees flooding into the country.\n\n"
        "Dealing with an influx of refugees from Syria\u2019s civil war topped the meeting\u2019s agenda. As Syrian "
        "President Bashar Assad clings to power amid a civil war, Jordan has already absorbed more than 460,000 "
        "refugees across its borders and King Abdullah is worried that number could double by the end of the "
        "year.\n\n"
        "\u201cObviously, this has added economic and financial costs due to the influx and has further strained the "
        "economy that is already under considerable pressures with an unstable region, a sluggish economy that is "
        "still recovering,\u201d the king said."
    )
    claims = extract(extractor, text)["claims"]
    assert [c["speaker_actor_id"] for c in claims if c["speaker_text"] == "the king"] == ["abdullah-ii"]
    # news-bias hZiknDgyQzTlj7qP: the son's own first name still finds him
    text = (
        "Cengiz and Callamard spoke on the sidelines of the UN General Assembly (UNGA) in New York, hours after "
        "revelations in a new documentary that Saudi Arabia's Crown Prince Mohammed bin Salman, also known as MBS, "
        "had accepted some degree of responsibility for the killing.\n\n"
        'In a trailer to a PBS documentary set to air next week, MBS said: "I get all the responsibility because it '
        'happened under my watch". However, Prince Mohammed did not admit to ordering the murder, saying he could '
        'not possibly monitor all "three million government employees" in the kingdom.'
    )
    mentions = extract(extractor, text)["mentions"]
    assert {m["actor_id"] for m in mentions if m["mention_text"] == "Mohammed"} == {"mohammed-bin-salman"}


def test_the_writers_comments_on_what_was_said_and_after_its_closing_quote_are_not_said(extractor):
    # demo corpus (read wrong in the claims reading r19 seed 42): thehill.com 2018-05-13, theintercept.com 2020-01-04
    text = (
        "Meanwhile, German Chancellor Angela Merkel said Europe could no longer depend on the United States, comments "
        "that were echoed by French President Emmanuel Macron. Both leaders had made eleventh-hour trips to "
        "Washington to try and talk Trump out of the leaving the Iran pact.\n\n"
        "The senator\u2019s supporters shared clips from his speech on Friday, in which he observed that \u201cit is "
        "rarely the children of the billionaire class who face the agony of reckless foreign policy,\u201d and from an "
        "interview he did with CBS in June, when he scoffed at the idea that Trump deserved credit for having not yet "
        "started a catastrophic war with Iran."
    )
    claims = {c["cue"]: c["claim_text"] for c in extract(extractor, text)["claims"]}
    assert claims["say"] == "Europe could no longer depend on the United States"
    assert claims["observe"] == (
        "it is rarely the children of the billionaire class who face the agony of reckless foreign policy"
    )


def test_a_military_rank_does_not_end_the_sentence_before_the_speakers_name(extractor):
    # training pool, news-bias BmBzIErdPinZbAUG (breitbart.com 2017-02-23): "Capt." had split the sentence, and the
    # speaker was "Pentagon spokesman Capt"
    text = (
        "\u201cWe have been working diligently with our interagency partners to develop it with the intelligence "
        "community, our military commanders on the ground, the Joint Staff and our policy team here, and it "
        "represents the input of a number of other departments,\u201d said Pentagon spokesman Capt. Jeff Davis on "
        "Tuesday."
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["speaker_actor_id"], c["claim_text"][:31]) for c in claims] == [
        ("jeff-davis", "We have been working diligently")
    ]


def test_what_a_naming_cue_says_is_the_name_not_the_thing_named(extractor):
    # training pool (csmonitor.com 2013-08-14, washingtontimes.com 2019-08-19): the annotations
    # take the name as what was said, one word or more
    text = (
        "The New York Times reports that the Muslim Brotherhood office in London called the operation a "
        "\u201cmassacre\u201d and said 30 people had been killed in the action, while the Egyptian health ministry "
        "reported no deaths.\n\n"
        "\u201cWe\u2019re also taken aback and learn from everybody else that there\u2019s some issues regarding "
        "them,\u201d Ms. Tlaib said, calling those questions a \u201cdistraction.\u201d"
    )
    named = {c["claim_text"] for c in extract(extractor, text)["claims"] if c["cue"] == "call"}
    assert named == {"a \u201cmassacre", "a \u201cdistraction"}


def test_the_first_sentence_of_a_quote_is_not_a_second_claim_beside_the_whole_quote(extractor):
    # training pool (breitbart.com 2015-05-18): the quote's first sentence and the whole quote had both been claims
    text = (
        "The October report, although heavily redacted, stated, \u201cWeapons from the former Libya military "
        "stockpiles were shipped from the Port of Benghazi, Libya to the Port of Banias and the Port of Borj Islam, "
        "Syria. The weapons shipped during late-August 2012 were Sniper rifles, RPG\u2019s, and 125 mm and 155 mm "
        "howitzers missiles.\u201d"
    )
    claims = extract(extractor, text)["claims"]
    assert [(c["claim_index"], c["claim_text"][:29], c["claim_text"][-18:]) for c in claims] == [
        (0, "Weapons from the former Libya", "howitzers missiles")
    ]


def test_allegedly_is_the_writers_hedge_not_a_report(extractor):
    # training pool (washingtontimes.com 2019-06-23); "reportedly" stays a report of unnamed media
    text = (
        "In addition to the drone shoot-down, Iran also allegedly has carried out a string of limpet mine attacks on "
        "oil tankers in the region. The administration reportedly hasn't decided how to respond to the attacks."
    )
    assert [(c["cue"], c["speaker_text"]) for c in extract(extractor, text)["claims"]] == [("report", None)]


def test_he_after_a_sentence_according_to_others_is_that_sentences_subject(extractor):
    # training pool (politico.com 2012-11-16): "He said" had gone to Peter King, who spoke last, because the
    # sentence before was read as the lawmakers' report
    text = (
        "\u201cNow, he clearly believes that it did not arise out of a demonstration,\u201d said Rep. Peter King "
        "(R-N.Y.)\n\n"
        "Petraeus discussed early on his affair with Paula Broadwell, according to lawmakers. He said the controversy "
        "over what happened in Benghazi is a matter completely separate from the dalliance that caused him to resign."
    )
    claims = {c["speaker_text"]: c["speaker_actor_id"] for c in extract(extractor, text)["claims"]}
    assert claims["He"] == "david-petraeus"


def test_the_former_president_is_not_a_vice_president_named_before(extractor):
    # training pool (newsmax.com 2015-03-18, the article to the quote): "the former president" had become Danielle
    # Pletka, "vice president for foreign and defense policy studies"
    text = (
        "Hillary Clinton's actual résumé in promoting women's rights around the world is under scrutiny as "
        "her actions as secretary of state, as well as foreign funding questions swirling around her family "
        "foundation, have opened the door on her connection to regimes unfriendly to women's interests, "
        "Politico reports. While Clinton will no doubt champion her experience at the State Department as "
        "well as her work on women's issues as a first lady and senator, how that squares with her friendly "
        "relations with governments like Saudi Arabia and others in the Middle East will likely need a better "
        'spin, Politico said of quandaries ahead in her presidential bid. The so-called "Hillary Doctrine" '
        'follows her own words on human rights: "The subjugation of women [is] a threat to the common '
        'security of our world and to the national security of our country." But that stands in stark '
        "contrast to her joining such world leaders as the Saudi foreign minister, Prince Saud al-Faisal, in "
        "2010 as well as the Clinton Foundation's eagerness to accept millions in donations from other "
        "nations in the region like Qatar, Oman, Algeria, Kuwait and the United Arab Emirates. In those "
        "countries, as in Saudi Arabia, another foundation donor, gender inequality is not only real but a "
        "protected way of life. Politico said that as recently as last week Clinton defended her record when "
        "questions arose about the foundation's donations. She said in the wake of a release of a U.N. report "
        'about the status of women and girls: "There can’t be any mistake about my passion concerning women’s '
        "rights here at home and around the world. So I think that people who want to support the foundation "
        'know full well what it is we stand for and what we’re working on." Others say her record is worth '
        "questioning and are giving it a second look as Clinton prepares to launch a national campaign, "
        'Bloomberg said." What exactly are her grand accomplishments on behalf of women?" asked Danielle '
        "Pletka, vice president for foreign and defense policy studies at the American Enterprise Institute, "
        "to Bloomberg.\" I'm really impressed with how she turned around Saudi Arabia,'' Pletka told "
        "Bloomberg. \"She doesn't do much more than talk.''Other powerful women in the political and business "
        "sphere have also raised a cold eyebrow to Clinton's contradictions, The New York Times reported, "
        "citing remarks from former Hewlett-Packard CEO Carly Fiorina. Fiorina told a Conservative Political "
        "Action Conference group in February that Clinton \"tweets about women's rights in this country and "
        'takes money from governments that deny women the most basic human rights." Bill Clinton defended his '
        "family foundation's donations from Middle East countries, the Times noted of the family's quick "
        'pushback on the scrutiny." Do we agree with everything they do? No," the former president said.'
    )
    claims = {c["speaker_text"]: c["speaker_actor_id"] for c in extract(extractor, text)["claims"]}
    assert claims["the former president"] != "danielle-pletka"


def test_an_interview_that_aired_is_not_what_was_said(extractor):
    # training pool (cnbc.com 2020-02-14): "that" is the interview's relative pronoun, not a reported clause's start
    text = (
        "But Pompeo, in an interview with Fox News, added, \"We don't know precisely when and we don't know "
        'precisely where, but it was real," Pompeo said in an interview that aired Thursday night on Fox News.'
    )
    assert [c["claim_text"][:24] for c in extract(extractor, text)["claims"]] == ["We don't know precisely "]


def test_an_epithet_is_the_person_the_text_is_about(extractor):
    # training pool (thehill.com 2017-05-21, cbsnews.com, abcnews.go.com; the articles up to the epithet):
    # "The first daughter", "The teen", "The GOP frontrunner" had no speaker
    texts = [
        "President Trump’s daughter Ivanka Trump spoke to a group of women leaders in Saudi Arabia on Sunday, "
        "insisting that more needs to be done to improve the Islamic country’s treatment of women.\n\n"
        "“In every country, including the United States, women and girls face challenges,” Ivanka Trump said "
        "at the event, The Washington Post reported. “Saudi Arabia’s progress, especially in recent years, is "
        "very encouraging … But there’s still a lot of work to be done.”\n\n"
        "The first daughter reportedly described herself as a “female leader within the Trump "
        "administration,” and said she wants “to help empower women in the United States and around the "
        "globe.”",
        "A student's plans to attend Harvard University were potentially cut short Friday when a U.S. Customs "
        "and Border Protection officer at Boston Logan International Airport turned him away.\n\n"
        "The decision to reject Ismail Ajjawi's entrance into the U.S. was first reported by the Harvard "
        "Crimson student newspaper, which received a statement from Ajjawi, a 17-year-old Palestinian "
        "resident of Lebanon. The teen said a U.S. official asked him about his religious practices and "
        "searched his laptop and cellphone for five hours before questioning him about his friends' social "
        "media activity.",
        '"I\'ve been doing deals for a long time ... that\'s what I do," Trump said. "Never ever, ever in my '
        'life have I seen any transaction so incompetently negotiated as our deal with Iran."\n\n'
        'Trump went on to bash current American leadership -- "We are led by very very stupid people."\n\n'
        "The GOP frontrunner promised he would bring home the four Americans - former FBI agent Robert "
        "Levinson, pastor Saeed Abedini, former U.S. marine Amir Hekmati and Washington Post's Jason Rezaian "
        "-- before he entered the White House.",
    ]
    speakers = [
        {c["speaker_text"]: c["speaker_actor_id"] for c in extract(extractor, text)["claims"]} for text in texts
    ]
    assert speakers[0]["The first daughter"] == "ivanka-trump"
    assert speakers[1]["The teen"] == "ismail-ajjawi"
    assert speakers[2]["The GOP frontrunner"] == "donald-trump"


def test_questions_are_not_claims_however_they_are_punctuated(extractor):
    # demo corpus (cnn.com 2018-05-08, thehill.com 2018-05-13, washingtontimes.com 2020-01-03; read as claims in
    # the claims reading r20): a quote that asks and closes with a comma, the second part of a quote, a question
    # reported with "that"
    text = (
        "\"It's very difficult to see how we get a better deal given that Iran would have no reason to go back "
        'to the negotiating table and no reason to trust us," said Andrew Keller, a former deputy assistant '
        'secretary of state for sanctions and counter threat finance. "Even if we were to get the Europeans '
        "to agree to something, what is the administration's plan to get the Russians on board, the Chinese "
        'on board, not to mention the Iranians," Keller said. "And if there\'s not a plan for a new and better '
        'deal, how can we possibly be safer outside of this one?"\n\n'
        "“America must keep its eye on the prize,” he said, “but what is that prize?”\n\n"
        "Sen. Christopher Murphy, Connecticut Democrat and a member of the Foreign Relations Committee, "
        "called Mr. Soleimani “an enemy of the United States” but cautioned on Twitter that “did America just "
        "assassinate, without any congressional authorization, the second most powerful person in Iran, "
        "knowingly setting off a potential massive regional war?”"
    )
    claims = [c["claim_text"][:30] for c in extract(extractor, text)["claims"]]
    assert claims == ["It's very difficult to see how", "America must keep its eye on t"]
    # training pool (newsmaxworld.com 2013-11-10): what ends with a quoted question is still said
    text = (
        "JERUSALEM \u2014 Israeli Prime Minister Benjamin Netanyahu said on Sunday it was good that world powers had "
        "failed to clinch a nuclear deal with Iran and that he had lobbied against easing sanctions by telling "
        'leaders, "What\'s the rush?"'
    )
    assert [c["speaker_actor_id"] for c in extract(extractor, text)["claims"]] == ["benjamin-netanyahu"]


def test_a_description_of_a_speaker_is_the_person_the_next_sentences_name(extractor):
    # demo corpus (reuters.com 2020-01-11; read as a missing speaker in the claims reading r20) and training pool
    # (politico.com 2016-04-09): a lede's description, the person named as the next speaker
    texts = [
        "Iraq’s top Shi’ite Muslim cleric condemned the U.S.-Iranian struggle happening on Iraqi soil, saying "
        "it risked plunging his country and the wider Middle East into deeper conflict.\n\n"
        "Grand Ayatollah Ali al-Sistani said it was Iraqis who stood to suffer most from the U.S.-Iranian "
        "conflict.",
        "President Barack Obama did not discuss a bipartisan Senate bill that would allow the families of "
        "9/11 victims to sue to the government of Saudi Arabia if it is found responsible for the attacks, as "
        "well as any foreign governments and entities deemed responsible for other terror attacks, did not "
        "come up Thursday in his meeting with Saudi King Salman bin Abdulaziz Al Saud, Obama's deputy "
        "national security adviser said Thursday.\n\n"
        '“The legislation did not come up in the bilateral meeting," Ben Rhodes said during a press briefing '
        "in Riyadh, Saudi Arabia.",
    ]
    speakers = [[(c["speaker_text"], c["speaker_actor_id"]) for c in extract(extractor, t)["claims"]] for t in texts]
    assert ("Iraq\u2019s top Shi\u2019ite Muslim cleric", "ali-al-sistani") in speakers[0]
    assert ("Obama's deputy national security adviser", "ben-rhodes") in speakers[1]


def test_he_in_a_subordinate_clause_and_the_one_blamed_for_saying(extractor):
    # demo corpus (read as wrong speakers in the claims reading r21): reuters.com 2018-05-10, usatoday.com
    # 2018-09-14, cnn.com 2015-08-07, foxnews.com 2015-12-22
    texts = [
        "Macron, who like other European leaders had lobbied Trump to keep the agreement that was struck before the "
        "Republican president took office in January 2017, urged Rouhani to adhere to the deal and to consider "
        "broader negotiations.\n\n"
        "Trump said on Tuesday he would revive U.S. economic sanctions, which would penalize foreign firms doing "
        "business with Tehran, to undermine what he called \u201ca horrible, one-sided deal that should have never, "
        "ever been made\u201d.",
        "William Cummings USA TODAY\n\n"
        "WASHINGTON \u2013 The Trump administration is vehemently criticizing former Secretary of State John Kerry "
        "after he confirmed this week that he had met with Iranian officials since leaving office.",
        '"Not particularly surprising to anybody here at the White House," White House Press Secretary Josh '
        'Earnest said about Schumer\'s decision to come out as a "no" vote, which he announced late Thursday.\n\n'
        "Most Democrats understood the enormous political pressures Schumer, the highest-ranking Jewish lawmaker in "
        "Congress, felt from powerful interests in his home state, and say his longstanding positions on Mideast "
        "foreign policy made it a good bet he couldn't back the deal.\n\nSurprise\n\n"
        "But they also believed he would lay low and wait until shortly before the vote to publicly split with the "
        "administration. It was Schumer's post on Medium giving a laundry list of reasons he thinks the deal has "
        '"serious weaknesses" that caught many Democrats off guard.',
        "Republicans on Monday blasted Secretary of State John Kerry for suggesting in a letter to his Iranian "
        "counterpart that the administration could help the country get around new visa restrictions passed by "
        "Congress.",
    ]
    said = [extract(extractor, t)["claims"] for t in texts]
    # what Trump called the deal is inside what he said, one claim of his; it had been Macron's "call"
    assert [(c["speaker_actor_id"], c["cue"]) for c in said[0] if "horrible" in c["claim_text"]] == [
        ("donald-trump", "say")
    ]
    cues = {"confirm": "john-kerry", "think": "chuck-schumer", "suggest": "john-kerry"}
    for claims, (cue, speaker) in zip(said[1:], cues.items()):
        assert [c["speaker_actor_id"] for c in claims if c["cue"] == cue] == [speaker], cue


def test_what_a_video_shows_is_no_claim_and_an_investigation_speaks_for_who_made_it(extractor):
    # demo corpus (read in the claims reading r21): cbsnews.com 2019-11-19, vox.com 2018-06-06; training pool
    # (annotations RCHjMDvsFaGDLmCI: no claim in either video sentence)
    videos = [
        "Law enforcement then acted quickly to gain entry into the hotel room. The video shows the tense moments "
        "heavily armed officers rammed the door, and Webb eventually came out naked.",
        "The Islamic State militant group released a video Sunday that shows American aid worker Peter Kassig was "
        "beheaded, along with a dozen Syrian soldiers. The video released Sunday is over 15 minutes long and appears "
        "to show a dozen Syrian soldiers being beheaded.",
    ]
    for text in videos:
        assert extract(extractor, text)["claims"] == []
    said = extract(
        extractor,
        "A GOP-led investigation by the Senate Permanent Subcommittee on Investigations revealed on Wednesday that "
        "Obama's Treasury Department secretly worked on a license to allow Iran access to the American financial "
        "system.",
    )
    [claim] = said["claims"]
    said_by = {m["mention_text"] for m in said["mentions"] if m["actor_id"] == claim["speaker_actor_id"]}
    assert any("Senate Permanent Subcommittee" in name for name in said_by)
    assert claim["claim_text"].startswith("Obama's Treasury Department secretly worked on a license")


def test_the_states_diplomat_is_its_envoy_named_before(extractor):
    # training pool (annotations of the halves' wrong speakers): "the Iranian diplomat" after Zarif was named is
    # Zarif; "A senior Iranian negotiator" is someone the text does not name
    from datetime import datetime

    text = (
        "Iranian Foreign Minister Mohammad Javad Zarif arrived in Vienna on Monday for another round of talks. The "
        "Iranian diplomat said the talks would go on as long as needed. A senior Iranian negotiator said the "
        "sanctions must be lifted first."
    )
    claims = extract(extractor, text, datetime(2015, 7, 14))["claims"]
    assert [(c["speaker_text"], c["speaker_actor_id"]) for c in claims] == [
        ("The Iranian diplomat", "javad-zarif"),
        ("A senior Iranian negotiator", None),
    ]


def test_a_full_name_is_not_another_person_of_the_same_surname(extractor):
    # training pool (wrong speakers of the halves): "Bill Clinton" had become Hillary Clinton, the longer name of
    # the same surname in the article, and "the former president" after him no one
    text = (
        "Hillary Clinton's actual résumé in promoting women's rights around the world is under scrutiny, Politico "
        "reports. Bill Clinton defended his family foundation's donations from Middle East countries, the Times "
        'noted of the family\'s quick pushback on the scrutiny. "Do we agree with everything they do? No," the '
        "former president said."
    )
    result = extract(extractor, text)
    named = {m["mention_text"]: m["actor_id"] for m in result["mentions"]}
    assert named["Hillary Clinton"] == "hillary-clinton"
    assert named["Bill Clinton"] == "bill-clinton"
    said = next(c for c in result["claims"] if c["claim_text"].startswith("Do we agree"))
    assert (said["speaker_text"], said["speaker_actor_id"]) == ("the former president", "bill-clinton")


def test_the_commander_is_the_person_named_beside_the_description(extractor):
    # training pool (whBwi7srBGg0Pxql): the parser did not make "the base commander, Capt. Tim Kinsella" an
    # apposition, so "the commander said" had no speaker
    text = (
        "He was a Saudi national and aviation student, the base commander, Capt. Tim Kinsella, told reporters "
        "during an afternoon press conference.\n\n"
        "Officials did not confirm the shooter’s name, and Kinsella declined to describe specifics of his training.\n\n"
        "“He was just in the aviation pipeline,” the commander said."
    )
    said = next(c for c in extract(extractor, text)["claims"] if c["claim_text"].startswith("He was just"))
    assert (said["speaker_text"], said["speaker_actor_id"]) == ("the commander", "tim-kinsella")


def test_a_record_or_an_office_speaks_for_whoever_owns_it(extractor):
    # training pool (wETnYsea3V2HP3yt, vagBOB564uxoygeW, xzY0uSlzoF2JFdkA, c5rKMP76hmMSlama): the annotators name
    # the State Department, Carter, Obama and McCain; spaCy's lemma of "data" is "datum"
    texts = {
        "More than 60 percent of refugees come from areas that are not the “Near East” or “South Asia,” according "
        "to data from the State Department.": "us-state-department",
        "Former President Jimmy Carter met Netanyahu on Monday. As president, Carter brokered the historic peace "
        "treaty between Israel and Egypt. But since he left office, he has become increasingly critical of Israel. "
        "His 2006 book, “Palestine: Peace Not Apartheid,” claimed that Israel’s settlement of Palestinian land was "
        "the primary obstacle to Mideast peace.": "jimmy-carter",
        "In a letter to Congress, Obama said his resolution “would not authorize long-term, large-scale ground "
        "combat operations like those our nation conducted in Iraq and Afghanistan.” Yet it would allow for a "
        "variety of ground missions, such as using special operations forces to go after Islamic State leaders, "
        "according to his letter.": "barack-obama",
        "Sen. John McCain, one of the Senate’s loudest voices for further intervention in Syria, snuck into the "
        "country and met with rebel leaders Monday, his office confirmed to POLITICO.": "john-mccain",
    }
    for text, speaker in texts.items():
        claims = extract(extractor, text)["claims"]
        owned = [c for c in claims if c["speaker_text"].split()[0].lower() in {"data", "his"}]
        assert [c["speaker_actor_id"] for c in owned] == [speaker], text


def test_he_is_not_a_woman_of_the_actor_dictionary(extractor):
    # training pool (eO7xDpoxCYKrf88L): "Hillary" is a first name of both genders in the name lists, so "he says"
    # after a sentence whose last main subject was Clinton had become hers; data/names/people.csv knows her
    text = (
        "“One of the problems the president has, which weakens his diplomatic efforts, is that leaders don’t "
        "believe he would use military power. That’s an issue that would separate the president from Hillary "
        "Clinton rather dramatically,” Keane told me.\n\n"
        "Befriending Keane wasn’t just about cultivating a single adviser. It gave Clinton instant entree to his "
        "informal network of active-duty and retired generals. The most interesting by far was David Petraeus, a "
        "cerebral commander who shared Clinton’s jet-fueled ambition.\n\n"
        "On Clinton’s first trip to Iraq in November 2003, Petraeus, then a two-star general commanding the 101st "
        "Airborne Division, flew from his field headquarters in Mosul to the relative safety of Kirkuk to brief her "
        "congressional delegation. “She was full of questions,” he recalls. It worked to their mutual benefit: "
        "Petraeus was building ties to a prominent Democratic voice in the Senate; Clinton was burnishing her image "
        "as a friend of the troops. “She did it the old-fashioned way,” he says."
    )
    said = next(c for c in extract(extractor, text)["claims"] if c["claim_text"].startswith("She did it"))
    assert said["speaker_actor_id"] == "david-petraeus"


def test_a_relative_of_the_same_surname_is_another_person(extractor):
    # training pool (PyFjBm0rWCbE83ed): "McCain" inside "Kenyata McCain" had matched John McCain of the dictionary
    # and "Kenyata McCain" had become Douglas McCain, the longer name of the surname: "she" then had no one
    text = (
        "Douglas McAuthur McCain of San Diego was killed over the weekend in a battle between rival Syrian rebel "
        "groups, reports NBC News.\n\n"
        "Kenyata McCain, a first cousin, said the family is upset and confused over his death and apparent ties to "
        "the terrorist group.\n\n"
        "Kenyata McCain said she was in touch with Douglas McCain on Friday, and “he was telling all of us he was in "
        "Turkey.” She noted that his Facebook page indicated that he supported the terrorist group, also known as "
        "ISIS."
    )
    result = extract(extractor, text)
    assert "john-mccain" not in {m["actor_id"] for m in result["mentions"]}
    noted = next(c for c in result["claims"] if c["cue"] == "note")
    assert (noted["speaker_text"], noted["speaker_actor_id"]) == ("She", "kenyata-mccain")


def test_a_name_spacy_took_for_an_organisation_is_a_person_its_apposition_describes(extractor):
    # training pool (a3tT4Y7Mkw7Fd0hS): spaCy labels "Dakota Wood" ORG, so "he said" went to the man named before
    text = (
        "And David Johnson, vice admiral of the Royal Australian Air Force, recently told The Guardian that he "
        "wouldn’t discuss enemy casualties.\n\n"
        "Dakota Wood, a defense expert at the Heritage Foundation and retired Marine Corps special operations "
        "officer, said Monday that the decisions about which countries will fly which missions or how many mission "
        "involves several logistical and political factors.\n\n"
        "“You have to find the right pilot to execute a mission in a given tactical environment, which includes fuel "
        "time, moving targets and anti-air defenses,” he said."
    )
    result = extract(extractor, text)
    assert {m["actor_type"] for m in result["mentions"] if m["mention_text"] == "Dakota Wood"} == {"person"}
    said = next(c for c in result["claims"] if c["claim_text"].startswith("You have to find"))
    assert said["speaker_actor_id"] == "dakota-wood"


def test_one_quoted_as_telling_speaks_and_the_senators_are_not_the_last_speaker(extractor):
    # demo corpus (reading r22, seed 48): freebeacon.com 2019-11-04, politico.com 2015-03-09; "· A news site"
    # (seed 47, washingtonpost.com) kept its bullet
    text = (
        "Meanwhile, Iran announced on Monday that it would move forward with the installation of advanced nuclear "
        'centrifuges. "We have installed 15 new-generation centrifuges in the past two months which is a very big '
        "achievement,\" Ali Akbar Salehi, the head of Iran's Atomic Energy Organization, was quoted as telling "
        "Iran's state-controlled media.\n\n"
        "Negotiators could soon reach a framework agreement, but not before the March 24 congressional deadline, "
        "POLITICO has reported. The senators also wrote to inform the Iranian regime that Obama will be in office "
        "only until 2017, at which time any nuclear agreement could change.\n\n"
        "The Iranian sites include: · A news site called Another Western Dawn which says its focus is on “unspoken "
        "truth.”"
    )
    claims = extract(extractor, text)["claims"]

    def said(opening):
        return [(c["speaker_text"], c["speaker_actor_id"]) for c in claims if c["claim_text"].startswith(opening)]

    assert said("We have installed") == [("Ali Akbar Salehi", "ali-akbar-salehi")]
    assert said("Obama will be in office") == [("The senators", None)]
    assert said("its focus is on") == [("A news site", None)]


def test_people_named_for_their_view_of_a_state_and_two_party_members_are_not_the_state_or_the_party(extractor):
    # demo corpus (reading r23, seed 50): vox.com 2015 ("Iran hawks ... they believe" had become Iran's belief),
    # cnn.com 2015-04-14 ("the top Republican and Democrat on the Senate Foreign Relations Committee" had become
    # Jeff Flake, the person the text was about)
    hawks = extract(
        extractor,
        "Iran hawks argue that this is all based on a false premise that the Iran nuclear program is actually the "
        "core problem. Rather, they believe, the real problem is inherent to the Iranian regime itself.",
    )["claims"]
    assert [(c["cue"], c["speaker_actor_id"]) for c in hawks] == [("argue", None), ("believe", None)]
    committee = extract(
        extractor,
        '"So we always had a role and I\'m glad the White House recognizes that now," Senator Jeff Flake said. '
        "Earlier Tuesday, the top Republican and Democrat on the Senate Foreign Relations Committee said they had "
        "resolved key differences on the bill regarding Iran's nuclear plan, making the bill's passage more certain.",
    )["claims"]
    resolved = [c["speaker_actor_id"] for c in committee if c["claim_text"].startswith("they had resolved")]
    assert resolved and set(resolved) == {None}


def test_a_leaders_regime_or_administration_is_the_state(extractor):
    # training pool (the annotators name Syria and the United States): "Assad's regime" had been Bashar al-Assad
    from datetime import datetime

    texts = {
        '"The reports have not been independently confirmed," Jean added, and President Bashar Assad\'s regime says '
        'the claims are "baseless."': "SYR",
        "Leading up to the U.S. missile attack, Trump's administration had said that Assad's future was up to the "
        "Syrian people.": "USA",
    }
    for text, state in texts.items():
        claims = extract(extractor, text, datetime(2017, 4, 8))["claims"]
        assert [c["speaker_actor_id"] for c in claims if c["speaker_text"].endswith(("regime", "administration"))] == [
            state
        ], text


def test_someones_husband_or_brother_is_not_them(extractor):
    # full corpus (apnews.com 2019-12-06, vox.com 2015-01-21): "Her husband ... told her" had been Lucy Samford,
    # "Kyle's brother ... says" Chris Kyle; "his father, Benjamin Watson," names the father
    texts = {
        "Lucy Samford, 31, said her husband, a Navy reservist and civilian worker on the base, was about 500 yards "
        "from where the shooting happened.\n\nHer husband, whom she declined to identify, later told her he was "
        "OK.": ("Her husband", None),
        "When Chris Kyle's brother, also a soldier, says that the war is lost, Kyle channels the viewer's "
        "bafflement.": ("Chris Kyle's brother", None),
        "“Heavily wounded, he made his way out to flag down first responders and gave an accurate description of the "
        "shooter,” his father, Benjamin Watson, said.": ("his father", "benjamin-watson"),
    }
    for text, speaker in texts.items():
        claims = extract(extractor, text)["claims"]
        tied = [(c["speaker_text"], c["speaker_actor_id"]) for c in claims if c["speaker_text"] == speaker[0]]
        assert tied == [speaker], text


def test_what_was_said_runs_through_its_negation_and_a_dash_pair(extractor):
    # demo corpus (reading r24, seed 51): vox.com 2016-11-18 ("the deal itself is" had lost its "n't working", the
    # parser hanging "n't" on the main verb) and washingtontimes.com 2015-08-19 ("any interest in" had stopped at
    # the aside "-- or work on --", read as a second verb)
    negated = extract(
        extractor,
        "In the US, this would be likely be an effective maneuver for Trump, who often uses things that aren’t part "
        "of the deal to say the deal itself isn’t working. He would be able to keep the agreement intact.",
    )["claims"]
    assert [c["claim_text"] for c in negated if c["cue"] == "say"] == ["the deal itself isn’t working"]
    aside = extract(
        extractor,
        "Iran has refused access to Parchin for years and has denied any interest in — or work on — nuclear weapons.",
    )["claims"]
    assert [c["claim_text"] for c in aside] == ["any interest in — or work on — nuclear weapons"]


def test_a_second_report_hung_on_what_was_said_is_its_own_claim_of_the_same_speaker(extractor):
    # training pool: the annotators take each report apart ("admitted ... but denied that", "said ..., warning
    # that"); the second had been part of the first, or dropped with its subject lost
    texts = {
        "In an interview with Fox News that was aired Wednesday, Assad admitted he has chemical weapons but "
        "adamantly denied that his government was behind the attack.": [
            ("admit", "Assad", "he has chemical weapons"),
            ("deny", "Assad", "his government was behind the attack"),
        ],
        "McCain said Obama has the authority to attack al-Assad's regime without congressional authorization and "
        'said not doing so would be "immoral."': [
            (
                "say",
                "McCain",
                "Obama has the authority to attack al-Assad's regime without congressional authorization",
            ),
            ("say", "McCain", 'not doing so would be "immoral'),
        ],
        "UN humanitarian chief Valerie Amos said 11 million people inside Syria needed urgent aid, warning that "
        'without extra funding the "World Food Programme will be forced to end its operations completely within '
        'two months".': [
            ("say", "UN humanitarian chief Valerie Amos", "11 million people inside Syria needed urgent aid"),
            (
                "warn",
                "UN humanitarian chief Valerie Amos",
                'without extra funding the "World Food Programme will be forced to end its operations completely '
                "within two months",
            ),
        ],
    }
    for text, expected in texts.items():
        claims = extract(extractor, text)["claims"]
        assert [(c["cue"], c["speaker_text"], c["claim_text"]) for c in claims] == expected, text
    # "said Iran admitted X and denied Y": both verbs are what was said, not a second report
    both = extract(extractor, "The official said Iran admitted the tests and denied any military purpose.")["claims"]
    said = [c["claim_text"] for c in both if c["cue"] == "say"]
    assert said == ["Iran admitted the tests and denied any military purpose"]


def test_a_quotes_trailing_apposition_is_the_writers_and_a_named_example_speaks(extractor):
    # demo corpus (reading r24, seed 51): usatoday.com 2020-01-03 (the writer's ', a reference to Tehran's
    # insistence ...' had been Kosachev's words) and vox.com 2019-06-14 ("some -- like ... Matthew Duss -- say" had
    # been the unresolved "some")
    wrote = extract(
        extractor,
        'He wrote in a social media post that "Iran may accelerate making a nuclear weapon now, even if it didn’t plan '
        "on doing it before,\" a reference to Tehran's insistence it is interested in nuclear activities for civilian "
        "purposes only.",
    )["claims"]
    assert [c["claim_text"] for c in wrote] == [
        "Iran may accelerate making a nuclear weapon now, even if it didn’t plan on doing it before"
    ]
    some = extract(
        extractor,
        "It’s unclear why he did that, but some — like Sen. Bernie Sanders’s (I-VT) foreign policy adviser Matthew "
        "Duss — say the secretary wanted to build a case that the 2001 AUMF covers Iran.",
    )["claims"]
    assert [c["speaker_actor_id"] for c in some] == ["matthew-duss"]


def test_a_quote_closed_by_a_verb_of_manner_is_its_subjects_and_a_clause_after_the_object_stays_whole(extractor):
    # demo corpus (reading r25): politico.com 2020-01-08, seed 53 ('... emboldening Iran," Lee groused.' had gone
    # to Paul, the speaker of the paragraph before: "grouse" is not a cue), and newsmax.com 2019-06-24, seed 54
    # ("denies its $100 million drone, shot down last week, violated ..." had stopped before "violated", read as a
    # second report after the comma)
    groused = extract(
        extractor,
        "Sens. Mike Lee (R-Utah) and Paul of Kentucky said they will support an effort to constrain Trump’s military "
        "stance toward Iran, mostly because of how insufficient they found Wednesday’s briefing.\n\n"
        '"One of the messages that we received from the briefers was: Do not debate, do not discuss the issue of '
        "appropriateness of further military intervention against Iran. And that if you do you'll be emboldening "
        "Iran,” Lee groused.",
    )["claims"]
    quoted = [c for c in groused if c["claim_text"].startswith("One of the messages")]
    assert [(c["speaker_text"], c["cue"], c["attribution"]) for c in quoted] == [("Lee", "grouse", "direct_quote")]
    assert quoted[0]["claim_text"].endswith("you'll be emboldening Iran")
    denies = extract(
        extractor, "The U.S. denies its $100 million drone, shot down last week, violated Iranian airspace."
    )["claims"]
    assert [c["claim_text"] for c in denies] == [
        "its $100 million drone, shot down last week, violated Iranian airspace"
    ]


def test_who_is_led_to_say_it_says_it(extractor):
    # demo corpus (reading r26): vox.com 2019-06-14, seed 55, and thehill.com 2019-11-19, seed 56 ("Those kinds of
    # statements" and "The video" had been the speakers: the subjects of the verbs that led the speakers to speak)
    texts = {
        "Those kinds of statements have led some experts to say the AUMF can be invoked to approve a war with "
        "Tehran.": ("some experts", "say", "the AUMF can be invoked to approve a war with Tehran"),
        "The video, as well as photos of people with the tagline, prompted some Twitter users to argue that the "
        "promotional material made it look as if those featured in the campaign were on the drug themselves.": (
            "some Twitter users",
            "argue",
            "the promotional material made it look as if those featured in the campaign were on the drug themselves",
        ),
    }
    for text, expected in texts.items():
        claims = extract(extractor, text)["claims"]
        assert [(c["speaker_text"], c["cue"], c["claim_text"]) for c in claims] == [expected], text
    forced = extract(extractor, "Pressure from Congress forced Kerry to admit that the talks had stalled.")["claims"]
    assert [(c["speaker_actor_id"], c["cue"], c["claim_text"]) for c in forced] == [
        ("john-kerry", "admit", "the talks had stalled")
    ]


def test_what_the_writer_reads_off_a_thing_is_no_claim_and_a_record_still_speaks(extractor):
    # demo corpus (readings r26, r27): usatoday.com 2019-06-14 and brookings.edu 2016-05-20, which had been claims of
    # "The video" and of Iran; vox.com 2019-11-08 ("fires"); the blog (npr.org 2013-01-31) and the poll speak for their
    # makers as before
    for text in (
        "The video suggests that the Islamic Republic sought to remove evidence of its involvement from the scene.",
        "Tehran’s dissatisfaction with the payout to date suggests this formula is working.",
        "Yet fires have continued, showing that enforcement is a problem, and farmers are still in the early days of "
        "the crop stubble-burning season.",
    ):
        assert extract(extractor, text)["claims"] == [], text
    blog = extract(
        extractor,
        'The Washington Post\'s The Fix blog this morning suggests there are "5 senators to watch" during the '
        "hearing: Sen. Ted Cruz, R-Texas; and Sen. John McCain, R-Ariz.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in blog] == [("washington-post", "suggest")]
    poll = extract(extractor, "A Quinnipiac poll shows Trump has a large lead over the GOP presidential field.")
    assert [(c["cue"], c["claim_text"]) for c in poll["claims"]] == [
        ("show", "Trump has a large lead over the GOP presidential field")
    ]


def test_several_unnamed_people_stay_unnamed_and_a_clause_runs_past_a_dash_pair(extractor):
    # demo corpus (readings r25, r27): usatoday.com 2019-06-24 and nytimes.com 2012-09-26 had given the claims to Iran
    # and to the United States; washingtontimes.com 2015-10-05 to Bruce Riedel; washingtontimes.com 2015-03-09 had
    # stopped at "likely"
    admiral = extract(
        extractor, "On Monday, a defiant Iranian admiral said his military stands ready to shoot down more drones."
    )["claims"]
    unions = extract(
        extractor,
        "That idea is bound to set off debate, since many labor rights organizations — and in fact, many American "
        "labor unions — argue that free trade pacts like the ones advocated by Mr. Romney serve only to ship jobs "
        "overseas.",
    )["claims"]
    assert [(c["speaker_text"], c["speaker_actor_id"]) for c in admiral + unions] == [
        ("a defiant Iranian admiral", None),
        ("many American labor unions", None),
    ]
    aides = extract(
        extractor,
        "“If the Iranians make good on their threats, we are going to face intense pressure to take action,” top aide "
        "Kenneth Pollack wrote in a Sept. 15, 1999, memo routed through White House aide Bruce Riedel to then-National "
        "Security Adviser Sandy Berger.\n\n"
        "Former Clinton aides, speaking on condition of anonymity, said the evidence pointing to Iranian involvement "
        "had become substantial by 1999.\n\n"
        "Others believed there was little doubt Tehran was involved but worried about the American public’s appetite "
        "for a military action against Iran, the former aides explained.",
    )["claims"]
    assert [(c["speaker_text"], c["speaker_actor_id"]) for c in aides if c["cue"] != "write"] == [
        ("Former Clinton aides", None),
        ("the former aides", None),
    ]
    letter = extract(
        extractor,
        "In their letter, 47 Senate Republicans, led by freshman Sen. Tom Cotton of Arkansas, told Tehran that any "
        "nuclear deal that isn’t submitted to Congress — as now seems likely — would not last into the next "
        "administration.",
    )["claims"]
    assert [c["claim_text"] for c in letter] == [
        "any nuclear deal that isn’t submitted to Congress — as now seems likely — would not last into the next "
        "administration"
    ]


def test_whom_a_person_has_is_not_them_and_an_investigation_speaks_for_its_maker(extractor):
    # demo corpus (reading r28): newsmax.com 2017-10-07 and nytimes.com 2013-11-19 had given the claims of Khatami's
    # lawyers and of Netanyahu's camp to Khatami and Netanyahu; politico.com 2017-05-05 had left "the investigation"
    # unresolved. "He" after "Mr. Netanyahu's camp" is still Netanyahu, not the inspector named before.
    lawyers = extract(
        extractor,
        "The new restrictions were issued by Iranian security forces, Khatami's lawyers told ILNA, and there does not "
        "appear to be any judicial mechanism to dispute the restrictions.",
    )["claims"]
    assert [(c["speaker_text"], c["speaker_actor_id"]) for c in lawyers] == [("Khatami's lawyers", None)]
    camp = extract(
        extractor,
        "But that process can be easily reversed, notes Olli Heinonen, the former chief inspector of the "
        "International Atomic Energy Agency. Mr. Netanyahu’s camp and some Israeli analysts say the Israeli leader’s "
        "unstinting opposition is both substantive and political. He truly believes that a deal lifting sanctions "
        "without fully halting enrichment and dismantling centrifuges is a terrible mistake.",
    )["claims"]
    assert [(c["speaker_text"], c["speaker_actor_id"]) for c in camp if c["cue"] != "note"] == [
        ("Mr. Netanyahu’s camp", None),
        ("He", "benjamin-netanyahu"),
    ]
    investigation = extract(
        extractor,
        "Citing a POLITICO investigation, Republican leaders of the House oversight committee said Friday they have "
        "launched a sweeping investigation into whether the Obama administration undermined an ambitious U.S. "
        "counterproliferation effort.\n\n"
        "Also in response to the POLITICO investigation, 13 Republican senators have demanded answers about whether "
        "the Obama administration jeopardized U.S. national security.\n\n"
        "In reality, many of the men had been accused or convicted of charges stemming from their alleged involvement "
        "in clandestine networks supplying Iran with parts, POLITICO reported. The Justice Department itself had "
        "characterized many of them as threats to national security, the investigation found.",
    )["claims"]
    found = [c for c in investigation if c["cue"] == "find"]
    assert [(c["speaker_text"], c["speaker_actor_id"]) for c in found] == [("the investigation", "politico")]


def test_a_participle_the_parser_hung_on_the_reported_clause_belongs_to_the_reporter(extractor):
    # demo corpus (reading r29): thehill.com 2019-09-15 and npr.org 2018-07-23 had given the claims to Trump and to the
    # United States, the subjects of the reported clauses; apnews.com 2020-01-10 and theweek.com 2015-02-27 to
    # "authorities" and "it". The writer's "You'll notice" (townhall.com 2015-04-15) and a report that follows
    # (newsmax.com 2015-05-28) keep the participle where it was.
    texts = {
        "But Democrats remain skeptical Trump can secure a new deal, arguing he is seeking a flashy summit without "
        "substance.": ("democratic-party", "argue", "he is seeking a flashy summit without substance"),
        "In Tehran, Rouhani questioned whether the U.S. can embrace Iran's people while fighting its government, "
        'saying, "There were no times in the past like today that we are witnessing the White House acting against the '
        'international law."': (
            "hassan-rouhani",
            "say",
            "There were no times in the past like today that we are witnessing the White House acting against the "
            "international law",
        ),
        "Abedzadeh, the senior aviation official, said authorities have recovered two black box flight recorders, "
        "saying they are “damaged” but readable.": ("abedzadeh", "say", "they are “damaged” but readable"),
        "You'll notice that the White House has fully retreated from Obama's veto threat, suddenly announcing that the "
        "president is actually quite pleased to sign the legislation after all.": (
            "white-house",
            "announce",
            "the president is actually quite pleased to sign the legislation after all",
        ),
    }
    for text, expected in texts.items():
        claims = extract(extractor, text)["claims"]
        assert expected in [(c["speaker_actor_id"], c["cue"], c["claim_text"]) for c in claims], text
    times = extract(
        extractor,
        'President Barack Obama also spoke glowingly of Sherman, saying in a statement that he had "long counted on '
        "Wendy's unique combination of intellect, toughness and persistence,\" the Times reported.",
    )["claims"]
    assert [c["speaker_actor_id"] for c in times if c["cue"] == "say"] == ["barack-obama"]


def test_the_head_of_a_full_name_and_the_name_the_article_uses_most_are_the_organisation(extractor):
    # training pool SjnQRj4Z3Dk2Tv1x (csmonitor.com, 2014-09-23): "the Observatory", which spaCy calls a person, is
    # the Syrian Observatory for Human Rights; LnoaSLXQJhTOVTk4 (foxnews.com): "The Navy" after three U.S. Navy
    # mentions and one of the Iranian Revolutionary Guard Navy is the U.S. Navy
    observatory = extract(
        extractor,
        "The Syrian Observatory for Human Rights, a London-based monitoring group, said at least 20 IS militants were "
        "killed in the strikes, as well as 30 fighters for Jabat al-Nusra, Al Qaeda's official arm in Syria and a "
        "rival of IS. At least eight civilians were also killed, the Observatory says.",
    )
    assert [(c["speaker_text"], c["speaker_actor_id"]) for c in observatory["claims"]] == [
        ("The Syrian Observatory for Human Rights", "syrian-observatory"),
        ("the Observatory", "syrian-observatory"),
    ]
    assert "observatory" not in {m["actor_id"] for m in observatory["mentions"]}
    navy = extract(
        extractor,
        'President Trump said Wednesday that he\'s instructed the U.S. Navy to "shoot down and destroy" any Iranian '
        "gunboats harassing American ships.\n\nSix U.S. Navy warships were conducting drills when they were "
        "repeatedly harassed by 11 Iranian Islamic Revolutionary Guard Navy vessels, the U.S. Navy\u2019s 5th Fleet "
        "reported.\n\nThe U.S. Navy, Coast Guard, Marines and Army have been conducting joint operations.\n\n"
        "The Navy said that the Iranian\u2019s dangerous and provocative actions \u201cincreased the risk of "
        "miscalculation and collision.\u201d",
    )
    said = [c for c in navy["claims"] if c["speaker_text"] == "The Navy"]
    assert [c["speaker_actor_id"] for c in said] == ["us-navy"]
    once_each = extract(
        extractor,
        "The Washington Post and the New York Post both covered the hearing.\n\n"
        "The Post said the senator had been misquoted.",
    )
    assert [c["speaker_actor_id"] for c in once_each["claims"] if c["speaker_text"] == "The Post"] == ["post"]


def test_a_pollster_named_on_its_poll_speaks_for_it(extractor):
    # training pool HQZuOZcYhqrIfTKU, annotated with the speaker "Quinnipiac University" (spaCy does not find the
    # name); the Pew survey is the same construction with another pollster
    claims = extract(
        extractor,
        "Trump has a large lead over the GOP presidential field, a Quinnipiac poll released Thursday showed.\n\n"
        "A new Pew survey found that most Americans back the strikes.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in claims] == [
        ("quinnipiac-university", "show"),
        ("pew-research-center", "find"),
    ]


def test_a_report_that_ends_the_sentence_is_not_part_of_what_was_said(extractor):
    # demo corpus raw/news (reuters.com 2019-09-22, read in claims-demo-corpus-r31-seed65 #8): the parser hangs
    # "any attacks ... would receive" under "IRNA reported", and that under "said"
    claims = extract(
        extractor,
        "Meanwhile, Amirali Hajizadeh, who heads the Revolutionary Guards\u2019 aerospace branch, said any attacks on "
        "Iran would receive \u201ca crushing response\u201d, the official news agency IRNA reported.",
    )["claims"]
    said = {(c["speaker_actor_id"], c["cue"]): c["claim_text"] for c in claims}
    assert said[("amirali-hajizadeh", "say")] == "any attacks on Iran would receive \u201ca crushing response"
    assert said[("irna", "report")] == said[("amirali-hajizadeh", "say")]  # the outlet that relays it, as annotated
    # demo corpus raw/news (cnn.com 2018-05-08): an aside inside what was said stays inside it
    aside = extract(
        extractor,
        "The State Department official said the administration doesn't know whether or to what degree Europeans "
        "will be on board -- discussions with European allies began this afternoon, the official said -- nor how "
        "Iran will react.",
    )["claims"]
    assert [(c["speaker_text"], c["claim_text"][-23:]) for c in aside] == [
        ("The State Department official", "nor how Iran will react")
    ]


def test_a_share_of_those_polled_speaks_for_the_poll_of_its_paragraph(extractor):
    # demo corpus raw/news (nytimes.com 2019-11-19, claims-demo-corpus-r31-seed65 #20); training pool
    # muv6fvKXS9VXZiC3 annotates "Nineteen percent say ..." as Gallup's
    text = (
        "To start, it confirms recent polling on impeachment. A new ABC News poll shows majority support for "
        "impeachment and even removal. Fifty-one percent say that \u201cPresident Trump\u2019s actions were wrong and "
        "he should be impeached by the House and removed from office by the Senate.\u201d And an overwhelming 70 "
        "percent of Americans say that the inciting offense was wrong. A similarly fresh Reuters poll has lower "
        "numbers for removal (44 percent of Americans say they want the House to impeach and the Senate to "
        "convict).\n\n"
        "Fifty-one percent of lawmakers say the deal is bad."
    )
    speakers = {c["speaker_text"]: c["speaker_actor_id"] for c in extract(extractor, text)["claims"]}
    assert speakers["Fifty-one percent"] == "abc-news"
    assert speakers["an overwhelming 70 percent of Americans"] == "abc-news"
    assert speakers["44 percent of Americans"] == "reuters"  # the poll of its own sentence
    assert speakers["Fifty-one percent of lawmakers"] is None  # no poll in its paragraph


def test_when_and_how_it_was_said_is_not_what_was_said(extractor):
    # demo corpus raw/news (usatoday.com 2019-06-14 and freebeacon.com 2019-11-04, claims-demo-corpus-r31-seed66
    # #34 and #24); training pool UEZCNMggqaVlC1mK (bloomberg.com 2015-02-18) and S7ZZ5X2cVSA4eeej
    # (washingtontimes.com 2019-06-23)
    texts = {
        "Iran earlier denied involvement via a statement from its mission to the United Nations.": [],
        "The State Department quietly confirmed the move on Friday.": [],
        "The response was aimed at Iran\u2019s Islamic Revolutionary Guard Corps, a branch of the nation\u2019s "
        "military that the White House officially labeled a terrorist organization earlier this year.": [
            "a terrorist organization"
        ],
        "Former Virginia Governor Jim Gilmore, who is chairman of a political action committee aimed at electing "
        "Republicans, called the conference a \u201cfarce\u201d in a statement.": ["a \u201cfarce"],
    }
    for text, expected in texts.items():
        claims = extract(extractor, text)["claims"]
        assert [c["claim_text"] for c in claims] == expected, text


def test_a_statement_speaks_for_who_released_it_not_who_carried_it(extractor):
    # demo corpus raw/news (cnn.com 2013-11-23, claims-demo-corpus-r32-seed67 #5; and the demo corpus's "The
    # statement, carried by Iran's state-run IRNA news agency, said ...", whose maker is named before it)
    released = extract(
        extractor,
        "The deal, which capped days of marathon talks, addresses Iran's ability to enrich uranium, what to do "
        "about its existing enriched uranium stockpiles, the number and potential of its centrifuges and Tehran's "
        '"ability to produce weapons-grade plutonium using the Arak reactor," according to a statement released by '
        'the White House.\n\nIran also agreed to provide "increased transparency and intrusive monitoring of its '
        'nuclear program," it said.',
    )["claims"]
    assert [c["speaker_actor_id"] for c in released if c["cue"] in {"according to", "say"}] == [
        "white-house",
        "white-house",
    ]
    carried = extract(
        extractor,
        "The statement, carried by Iran's state-run IRNA news agency, said two separate explosions were "
        '"probably caused by missile strikes."',
    )["claims"]
    assert [c["speaker_actor_id"] for c in carried] == [None]


def test_who_after_a_description_is_whom_the_description_is(extractor):
    # demo corpus raw/news (marketwatch.com 2020-01-08, claims-demo-corpus-r32-seed68 #38)
    claims = extract(
        extractor,
        "\u201cAll of our soldiers are safe and only minimal damage was sustained at our military bases,\u201d the "
        "president said. \u201cIran appears to be standing down, which is a good thing for all parties concerned and a "
        "very good thing for the world,\u201d Trump said. The less bellicose posture adopted by the president, who a "
        "day ago had said that any action by Iran would be met harshly, helped to push the S&P 500 index to "
        "intraday records.",
    )["claims"]
    harshly = [c for c in claims if c["claim_text"] == "any action by Iran would be met harshly"]
    assert [c["speaker_actor_id"] for c in harshly] == ["donald-trump"]


def test_an_object_the_parser_took_from_its_verb_keeps_the_verb(extractor):
    # demo corpus raw/news (foxnews.com 2016-08-03, claims-demo-corpus-r33-seed70 #11): the parser made "denied" a
    # clause of "done" and "the cash transfer" its object
    claims = extract(
        extractor,
        "While the Obama administration denied the cash transfer was done to secure the release of the four "
        "Americans, GOP lawmakers said it was tantamount to \u201cransom.\u201d",
    )["claims"]
    assert [(c["cue"], c["claim_text"]) for c in claims if c["cue"] == "deny"] == [
        ("deny", "the cash transfer was done to secure the release of the four Americans")
    ]


def test_a_news_agency_described_by_its_state_is_the_agency_it_names(extractor):
    # training pool NfXo6LQ4RA5AV26Z (nytimes.com 2017-04-07) and Pk0FFb6L5YPWTDfV (foxnews.com 2013-03-20),
    # annotated with the speakers TASS and the Syrian Arab News Agency (both had been given to the state)
    claims = extract(
        extractor,
        "Moscow said it would bolster Syria\u2019s air defenses, and the Russian news agency Tass reported that a "
        "frigate would enter the Mediterranean Sea on Friday and visit the logistics base at Tartus, a Syrian port."
        '\n\nThe Syrian state-run SANA news agency said Tuesday "a missile containing a chemical substance" was '
        'fired at the village by "terrorists" -- the term it uses for rebels.',
    )["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in claims] == [
        ("RUS", "say"),
        ("tass", "report"),
        ("sana", "say"),
    ]


def test_a_description_known_as_a_name_is_that_person(extractor):
    # training pool SjnQRj4Z3Dk2Tv1x (csmonitor.com 2014-09-23), annotated with the speaker Abu Khalil
    claims = extract(
        extractor,
        "One activist, known as Abu Khalil, told the Los Angeles Times that the strikes in Raqqa were focused on "
        "the provincial government offices, which serves as IS's headquarters, and also struck former government "
        "military bases and a security building in the city.",
    )["claims"]
    assert [(c["speaker_actor_id"], c["cue"]) for c in claims] == [("abu-khalil", "tell")]


def test_a_name_after_the_arabic_article_written_lower_case_is_found(extractor):
    # training pool cW1i8E7EdfCmkkAN (bbc.com), annotated with the speaker Al Jazeera; the dictionary spells it
    # "Al-Jazeera"
    result = extract(
        extractor,
        "Explosions and clashes were also reported by Qatar-based broadcaster al-Jazeera, which said they were "
        "happening on the city's Martyrs' Square.",
    )
    assert [(m["actor_id"], m["mention_text"]) for m in result["mentions"]] == [
        ("QAT", "Qatar"),
        ("al-jazeera", "al-Jazeera"),
    ]
    assert [c["speaker_actor_id"] for c in result["claims"]] == ["al-jazeera"]


def test_whom_a_warning_addresses_is_not_what_was_said(extractor):
    # demo corpus raw/news (washingtontimes.com 2019-06-21, claims-demo-corpus-r35-seed74 #5; 2018-09-25); training
    # pool Xeu9i2R93p8gbSPG, annotated "to maintain calm among the upheaval"
    nothing_told = extract(
        extractor,
        "On Thursday, as he met with congressional leaders about a possible military response to Iran\u2019s "
        "actions, Mr. Trump vowed, \u201cThis country will not stand for it. They made a very bad mistake.\u201d But "
        "he also appeared to be leaning against a robust military response, saying the drone shoot-down might have "
        "been the action of a \u201cloose and stupid\u201d rogue Iranian military official. He said it was probably "
        "unintentional.\n\nIran has since said it warned the U.S. several times before shooting down the drone.",
    )["claims"]
    assert [c["cue"] for c in nothing_told if c["speaker_actor_id"] == "IRN" or c["cue"] == "warn"] == ["say"]
    told_to = extract(
        extractor,
        "U.S. Secretary of State John Kerry warned Iraq\u2019s embattled prime minister Nouri al-Maliki to maintain "
        "calm among the upheaval.",
    )["claims"]
    assert [c["claim_text"] for c in told_to] == ["to maintain calm among the upheaval"]
    subject_of_what_was_said = extract(
        extractor,
        "In his second dress to the world body, Mr. Trump struck a more somber tone than last year, when he had "
        "warned the U.S. would \u201cdestroy\u201d North Korea if it persisted in threatening America.",
    )["claims"]
    assert [c["claim_text"] for c in subject_of_what_was_said] == [
        "the U.S. would \u201cdestroy\u201d North Korea if it persisted in threatening America"
    ]


def demo_article(url_part):
    with gzip.open(ROOT / "raw" / "news" / "middle_east_iran_sample.jsonl.gz", "rt", encoding="utf-8") as f:
        return next(r for r in map(json.loads, f) if url_part in r["url"])


def test_it_in_a_reported_clause_is_the_reporter_and_a_body_in_apposition_speaks(extractor):
    # demo corpus raw/news (washingtontimes.com 2015-09-10, the whole article: "The House Armed Services Committee
    # said it expected Iran to step up ...", whose "it" had been the Republican Party, the last body that spoke;
    # foxnews.com 2013-11-19, claims-demo-corpus-r35-seed73 #36; washingtontimes.com 2019-07-07)
    article = demo_article("2015/sep/10/senate-democrats-sustain-iran-nuclear-deal")
    claims = extract(extractor, article["text"])["claims"]
    expected = [c for c in claims if c["claim_text"].startswith(("it expected Iran", "Iran to step up"))]
    assert [(c["speaker_actor_id"], c["cue"]) for c in expected] == [("house-armed-services-committee", "say")]
    claimed = extract(
        extractor, "An Al Qaeda-linked group, the Abdullah Azzam Brigades, claimed responsibility for the attack."
    )["claims"]
    assert [c["speaker_actor_id"] for c in claimed] == ["abdullah-azzam-brigades"]
    watchdog = extract(
        extractor,
        "The United Nations\u2019 nuclear watchdog, the International Atomic Energy Agency, said it was aware of "
        "Iran\u2019s comments and \u201cinspectors in Iran will report to our headquarters as soon as they verify the "
        "announced development.\u201d",
    )["claims"]
    assert [c["speaker_actor_id"] for c in watchdog] == ["iaea"]
