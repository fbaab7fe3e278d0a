import json

from pipelines.lib.clean import Article, Reject, clean_document, normalize_text, parse_date
from pipelines.lib.raw.readers import read_documents


def _docs(tmp_path, fixtures, name):
    (tmp_path / name).write_bytes((fixtures / name).read_bytes())
    return list(read_documents(tmp_path))


def test_reuters_hard_wraps_are_joined_and_paragraphs_kept(tmp_path, fixtures):
    doc = _docs(tmp_path, fixtures, "reuters.jsonl")[0]

    article = clean_document(doc)

    assert isinstance(article, Article)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == (
        "Iran said its forces had captured one of Iraq's strongest fortifications east of "
        "Basra on the Gulf War southern front in a major battle overnight."
    )
    assert paragraphs[1].startswith("The Iranian National News Agency, received here, said Iranian forces")
    assert "\n" not in paragraphs[1]
    assert article.published_at.isoformat() == "1987-03-01T00:00:00"
    assert article.title == "IRAN CLAIMS NEW VICTORIES NEAR BASRA"


def test_record_metadata_passes_through_verbatim(tmp_path, fixtures):
    first = json.loads((fixtures / "news.jsonl").read_text(encoding="utf-8").splitlines()[0])
    doc = _docs(tmp_path, fixtures, "news.jsonl")[0]

    article = clean_document(doc)

    assert article.title == first["title"]  # verbatim, trailing space included: scorers match titles
    assert article.url == first["url"]
    assert article.source_domain == "nytimes.com" or article.source_domain in first["url"]
    assert article.language == "en"
    assert article.word_count == len(article.text.split()) > 100


def test_html_is_cleaned_by_trafilatura_close_to_the_ground_truth(tmp_path, fixtures):
    truth = json.loads((fixtures / "pages" / "ground-truth.json").read_text(encoding="utf-8"))
    for key in truth:
        (tmp_path / f"{key}.html.gz").write_bytes((fixtures / "pages" / f"{key}.html.gz").read_bytes())
    for doc in read_documents(tmp_path):
        article = clean_document(doc)
        expected = truth[doc.source.removesuffix(".html.gz")]["articleBody"]
        got = set(article.text.split())
        want = set(expected.split())
        assert len(got & want) / len(want) > 0.9
        assert article.title


def test_bad_records_are_rejected_with_reasons(tmp_path):
    (tmp_path / "r.jsonl").write_text(
        '{"title": "x", "text": \n'
        '{"title": "no text"}\n'
        '{"title": "wrong type", "text": 42}\n'
        '{"title": "empty", "text": "   "}\n'
        '{"title": 7, "authors": ["A", "B"], "text": "Fine text here.", "published_at": "2099-01-01", "lang": "en"}\n',
        encoding="utf-8",
    )

    results = [clean_document(d) for d in read_documents(tmp_path)]

    assert [r.reason for r in results[:4]] == ["malformed_json", "missing_text", "bad_field_type", "empty_text"]
    assert all(isinstance(r, Reject) and r.line_number for r in results[:4])
    ok = results[4]
    assert isinstance(ok, Article)
    assert ok.title == "7" and ok.authors == "A, B"
    assert "date_in_future" in ok.quality_flags and "short_text" in ok.quality_flags
    assert json.loads(ok.extra) == {"lang": "en"}


def test_binary_named_html_is_not_html(tmp_path):
    (tmp_path / "x.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20)
    result = clean_document(next(read_documents(tmp_path)))
    assert isinstance(result, Reject) and result.reason == "not_html"


def test_dates():
    assert parse_date("2015-07-14")[0].year == 2015
    assert parse_date("2015-07-14T10:00:00+02:00")[0].hour == 8
    assert parse_date("1492-10-12")[1] == "date_before_1900"
    assert parse_date("last Tuesday") == (None, "bad_date")


def test_normalize_keeps_short_lines_of_html_output_apart():
    text = "Headline\nFirst paragraph.\nSecond"
    assert normalize_text(text, unwrap=False) == "Headline\n\nFirst paragraph.\n\nSecond"


def test_the_hills_link_cards_go_and_the_names_as_written_stay():
    # demo corpus raw/news (thehill.com, 2019-11): a person's full name glued to the titles of related stories and
    # "MORE"; a reader, and the claim rules, see "Sen. Tim Kaine (D-Va.) said ..."
    text = (
        "Sen. Tim Kaine Timothy (Tim) Michael KaineHouse war powers sponsor expects to take up Senate version of "
        "resolution Sens. Kaine, Lee: 'We should not be at war with Iran unless Congress authorizes it' Overnight "
        "Defense: War powers fight runs into impeachment | Kaine has 51 votes for Iran resolution MORE (D-Va.) said "
        "the prospect of diplomacy with Iran \u201cdramatically increases\u201d with Bolton gone.\n\n"
        "President Trump Donald John TrumpGOP senators balk at lengthy impeachment trial Warren goes local in race "
        "to build 2020 movement MORE has shifted the global order. Join NRPLUS. LEARN MORE"
    )
    assert normalize_text(text) == (
        "Sen. Tim Kaine (D-Va.) said the prospect of diplomacy with Iran \u201cdramatically increases\u201d with "
        "Bolton gone.\n\nPresident Trump has shifted the global order. Join NRPLUS. LEARN MORE"
    )


def test_a_lost_space_between_sentences_is_put_back():
    # demo corpus raw/news: 35 such joins in 11 articles ("program.Despite", 'remain."What')
    text = 'It would brake Iran\u2019s nuclear program.Despite the insistence, concerns remain."What this means'
    assert normalize_text(text) == (
        'It would brake Iran\u2019s nuclear program. Despite the insistence, concerns remain." What this means'
    )
    assert (
        normalize_text("the U.S. Senate and Mr. Smith at 3.5 percent") == "the U.S. Senate and Mr. Smith at 3.5 percent"
    )
