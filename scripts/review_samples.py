"""What the review-list scripts (`claim_sample.py`, `stance_sample.py`) share: their command line, the seeded draw,
the article text shown around a span, and writing the list."""

import argparse
import random
from pathlib import Path

CONTEXT = 400  # characters of article text shown on each side of the span


def parser(description: str) -> argparse.ArgumentParser:
    """WAREHOUSE OUT [--n 40] [--seed 13]; a script adds its own options."""
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("warehouse", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--n", type=int, default=40)
    p.add_argument("--seed", type=int, default=13)
    return p


def draw(ids: list[str], n: int, seed: int) -> list[str]:
    """`n` ids drawn uniformly with the seed (the ids sorted first, so the draw depends on nothing else)."""
    return sorted(random.Random(seed).sample(ids, min(n, len(ids))))


def around(text: str, start: int, end: int) -> str:
    """The text around [start, end) on one line, the span in bold."""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return " ".join(f"{before}**{text[start:end]}**{after}".split())


def write(out: Path, lines: list[str]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
