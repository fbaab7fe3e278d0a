"""Merge the stance-change lists made under several threshold settings into one list for a reviewer: every distinct
change once (by stance_change_id, its first text), renumbered, and beside it a JSON map of each change to the
settings that made it (kept from the reviewer, used afterwards to count precision per setting).

  python scripts/merge_change_lists.py 'grid/full-n*-k*.md' OUT.md OUT.settings.json

Inputs are lists written by scripts/stance_change_sample.py, named <anything>-n<N>-k<K>.md.
"""

from __future__ import annotations

import glob
import json
import re
import sys
from pathlib import Path


def merge(paths: list[str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    sections: dict[str, str] = {}
    settings: dict[str, list[str]] = {}
    for path in sorted(paths):
        setting = re.search(r"-(n\d+-k\d+)\.md$", path).group(1)
        for part in re.split(r"(?m)^## \d+\. ", Path(path).read_text(encoding="utf-8"))[1:]:
            change_id = re.search(r"\(`([0-9a-f]{16})`\)", part.splitlines()[0]).group(1)
            sections.setdefault(change_id, part)
            settings.setdefault(change_id, []).append(setting)
    return sections, settings


def main() -> None:
    pattern, out, settings_out = sys.argv[1:4]
    sections, settings = merge(glob.glob(pattern))
    lines = [
        f"# Stance changes to review: {len(sections)} (every change made under any of the threshold settings tried)\n",
        "Each side lists its evidence (held_at, outlet, title, sentence), oldest first; `+` support, `-` oppose.\n",
    ]
    lines += [f"## {n}. {part.rstrip()}\n" for n, part in enumerate(sections.values(), 1)]
    Path(out).write_text("\n".join(lines), encoding="utf-8")
    Path(settings_out).write_text(json.dumps(settings, indent=1), encoding="utf-8")
    print(f"{len(sections)} changes -> {out}")


if __name__ == "__main__":
    main()
