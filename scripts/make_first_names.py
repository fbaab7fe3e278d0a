"""Write data/names/first_names.csv: first names that are only men's or only women's in Faker's person lists.

  pip install faker==40.63.0  # not a project dependency: only this script reads it
  python scripts/make_first_names.py

The pronoun rules ("she said" is not the man named before) read the file; see data/names/README.md. Faker
(MIT licence, https://github.com/joke2k/faker) lists common first names by gender for each locale; the locales
below are those of the corpus's countries and of the outlets that report on them. A name listed for both genders in
any locale ("Jordan", "Ilham") is left out, so the file only says what is unambiguous.
"""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

LOCALES = [
    "en_US", "en_GB", "en_IE", "en_PK", "ar_AA", "ar_SA", "ar_PS", "fa_IR", "he_IL", "tr_TR", "az_AZ",
    "fr_FR", "de_DE", "es_ES", "it_IT", "ru_RU", "hy_AM", "hi_IN",
]  # fmt: skip
# given to both men and women in the news although one locale lists only one ("Ilhan" Omar)
BOTH = {"ilhan"}
OUT = Path(__file__).resolve().parents[1] / "data" / "names" / "first_names.csv"


def main() -> None:
    genders: dict[str, set[str]] = {}
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for gender, attr in (("m", "first_names_male"), ("f", "first_names_female")):
            for name in getattr(provider, attr, ()):
                key = name.strip().lower()
                if key.isalpha() and name.isascii():
                    genders.setdefault(key, set()).add(gender)
    rows = sorted((name, next(iter(g))) for name, g in genders.items() if len(g) == 1 and name not in BOTH)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["first_name", "gender"])
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} names ({sum(g == 'f' for _, g in rows)} women's)")


if __name__ == "__main__":
    main()
