"""The dictionaries are data read by Python and by dbt: both must agree on lookup keys."""

import csv
import re

import duckdb

from pipelines.lib.dictionaries import alias_key, load
from pipelines.settings import DBT_PROJECT_DIR, SEEDS_DIR


def _macro_sql() -> str:
    text = (DBT_PROJECT_DIR / "macros" / "alias_key.sql").read_text(encoding="utf-8")
    return text[text.index("-%}") + 3 : text.rindex("{%-")].replace("{{ expr }}", "surface")


def test_sql_macro_and_python_compute_the_same_key_for_every_seed_surface():
    surfaces = set()
    with open(SEEDS_DIR / "actors.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            surfaces.add(row["name"])
            surfaces.update(a for a in row["aliases"].split("|") if a)
    surfaces |= {"The U.S.'s", "Iran\u2019s", "  the   United States ", "O'Neill's plan"}
    con = duckdb.connect()
    con.execute("create table s (surface varchar)")
    con.executemany("insert into s values (?)", [[s] for s in sorted(surfaces)])
    rows = con.execute(f"select surface, {_macro_sql()} from s").fetchall()
    mismatches = [(s, k, alias_key(s)) for s, k in rows if k != alias_key(s)]
    assert len(rows) > 1000
    assert mismatches == []


def test_seed_dictionary_is_consistent():
    d = load()
    assert {"USA", "ISR", "IRN", "SAU", "ARE", "QAT", "KWT", "OMN", "BHR", "IRQ"} <= set(d.actors)
    assert all(a.actor_type in {"country", "person", "organization", "group"} for a in d.actors.values())
    assert all(re.fullmatch(r"[A-Z]{3}", a.country_code) for a in d.actors.values() if a.country_code)
    assert d.resolve_actor("Tehran").actor_id == "IRN"
    assert d.resolve_actor("the U.S.").actor_id == "USA"
    assert d.resolve_actor("Gantz").actor_id == "benny-gantz"
    assert d.resolve_topic("the JCPOA").topic_id == d.resolve_topic("the Iran nuclear deal").topic_id
    assert d.cues["claim"].is_hedged and not d.cues["say"].is_hedged
    assert d.stance_term("oppose", "verb").polarity == -1


def test_every_person_of_the_dictionary_has_a_gender():
    # data/names/people.csv: what "he" or "she" may stand for ("Lindsey Graham" is a man whatever his first name)
    from pipelines.lib.nlp.actors import dictionary_genders

    genders = dictionary_genders()
    people = {a.actor_id for a in load().actors.values() if a.actor_type == "person"}
    assert people - set(genders) == set()
    assert set(genders.values()) == {"m", "f"}
    assert genders["lindsey-graham"] == "m" and genders["hillary-clinton"] == "f"


def test_officials_speak_for_their_state_only_in_office():
    from datetime import date

    gantz = load().actors["benny-gantz"]
    assert gantz.speaks_for_state_on(date(2021, 6, 1))
    assert not gantz.speaks_for_state_on(date(2015, 6, 1))


def test_a_new_actor_alias_changes_the_extractor_version_so_every_article_is_re_extracted(tmp_path):
    import shutil

    from pipelines.lib.dictionaries import SEED_FILES, load, load_cached
    from pipelines.lib.nlp.extract import extractor_version
    from pipelines.settings import SEEDS_DIR

    for name in SEED_FILES:
        shutil.copy(SEEDS_DIR / name, tmp_path / name)
    assert load(tmp_path).version == load_cached().version
    with open(tmp_path / "actors.csv", "a", encoding="utf-8") as f:
        f.write("XKX,Kosovo,country,XKX,Republic of Kosovo|Kosovar|Pristina,,,\n")
    edited = load(tmp_path)
    assert "Pristina" in edited.actors["XKX"].aliases
    before = extractor_version("en_core_web_sm", "model", load_cached().version)
    after = extractor_version("en_core_web_sm", "model", edited.version)
    assert before != after and after.startswith("rules-") and edited.version in after
