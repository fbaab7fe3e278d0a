#!/usr/bin/env python3
"""Check annotation files against the format of ../shared/gold/dev/README.md and the article bodies.

  python scripts/validate_annotations.py [FILE_OR_DIR ...]      (default: data/annotations)

Checks: the keys and value types; every claim `content` and stance `evidence` is a verbatim substring of the body
(the news-bias `content_original`, read from ../shared/corpus); stance holders and actor targets are listed actors;
the id is in the training pool. Prints one line per problem and exits 1 when there is any.
"""

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
TYPES = {"country", "person", "organization"}
ATTRIBUTIONS = {"indirect", "direct_quote", "according_to"}


def load_bodies(ids: set[str]) -> dict[str, str]:
    bodies = {}
    with gzip.open(CORPUS / "news-bias" / "middle_east.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["ID"] in ids:
                bodies[r["ID"]] = r["content_original"]
    return bodies


def problems(doc: dict, body: str | None, pool: set[str]) -> list[str]:
    out = []
    for key in ("id", "title", "published_at", "actors", "claims", "stances"):
        if key not in doc:
            out.append(f"missing key {key!r}")
    if doc.get("id") not in pool:
        out.append(f"id {doc.get('id')!r} is not in the training pool")
    if body is None:
        return out + ["no article body found for this id"]
    names = set()
    for i, a in enumerate(doc.get("actors", [])):
        if not isinstance(a.get("name"), str) or not a["name"]:
            out.append(f"actors[{i}]: no name")
        names.add(a.get("name"))
        if a.get("type") not in TYPES:
            out.append(f"actors[{i}] {a.get('name')!r}: type {a.get('type')!r} not in {sorted(TYPES)}")
        c = a.get("country")
        if c is not None and not (isinstance(c, str) and len(c) == 3 and c.isupper()):
            out.append(f"actors[{i}] {a.get('name')!r}: country {c!r} is not an ISO alpha-3 code or null")
    for i, c in enumerate(doc.get("claims", [])):
        if c.get("speaker") is not None and c["speaker"] not in names:
            out.append(f"claims[{i}]: speaker {c['speaker']!r} is not a listed actor")
        if not c.get("content") or c["content"] not in body:
            out.append(f"claims[{i}]: content is not a verbatim substring of the body: {str(c.get('content'))[:80]!r}")
        if c.get("attribution") not in ATTRIBUTIONS:
            out.append(f"claims[{i}]: attribution {c.get('attribution')!r} not in {sorted(ATTRIBUTIONS)}")
        if not isinstance(c.get("hedged"), bool):
            out.append(f"claims[{i}]: hedged must be true or false")
        if not isinstance(c.get("cue"), str) or not c["cue"]:
            out.append(f"claims[{i}]: no cue")
    for i, s in enumerate(doc.get("stances", [])):
        if s.get("holder") not in names:
            out.append(f"stances[{i}]: holder {s.get('holder')!r} is not a listed actor")
        if s.get("target_type") not in {"actor", "topic"}:
            out.append(f"stances[{i}]: target_type {s.get('target_type')!r}")
        elif s["target_type"] == "actor" and s.get("target") not in names:
            out.append(f"stances[{i}]: actor target {s.get('target')!r} is not a listed actor")
        if s.get("polarity") not in (1, -1):
            out.append(f"stances[{i}]: polarity {s.get('polarity')!r} must be 1 or -1")
        if not s.get("evidence") or s["evidence"] not in body:
            out.append(
                f"stances[{i}]: evidence is not a verbatim substring of the body: {str(s.get('evidence'))[:80]!r}"
            )
        if s.get("holder") == s.get("target"):
            out.append(f"stances[{i}]: holder and target are the same")
    return out


def main(argv: list[str]) -> int:
    if not CORPUS.is_dir():
        print(f"error: {CORPUS} not found: validation reads the article bodies from the shared corpus", file=sys.stderr)
        return 2
    targets = [Path(p) for p in argv] or [ROOT / "data" / "annotations"]
    files = [f for t in targets for f in (sorted(t.glob("*.json")) if t.is_dir() else [t])]
    pool = {
        ln.strip()
        for ln in (CORPUS / "training-pool.txt").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    }
    docs = {}
    bad = 0
    for f in files:
        try:
            docs[f] = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            print(f"{f}: unreadable JSON: {e}")
            bad += 1
    bodies = load_bodies({d.get("id") for d in docs.values()})
    n_stances = n_claims = 0
    for f, doc in docs.items():
        found = problems(doc, bodies.get(doc.get("id")), pool)
        if f.stem != doc.get("id"):
            found.append(f"file name {f.stem!r} differs from id {doc.get('id')!r}")
        for msg in found:
            print(f"{f.name}: {msg}")
        bad += bool(found)
        n_stances += len(doc.get("stances", []))
        n_claims += len(doc.get("claims", []))
    print(f"{len(files)} files, {bad} with problems; {n_claims} claims, {n_stances} stances")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
