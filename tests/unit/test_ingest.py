import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.lib.raw.document import document_id
from pipelines.lib.raw.layout import format_of
from pipelines.lib.raw.readers import read_documents


def test_every_format_lands_as_documents_with_stable_ids(tmp_path, fixtures):
    raw = tmp_path / "raw"
    (raw / "nested").mkdir(parents=True)
    (raw / "seed.jsonl").write_bytes((fixtures / "seed.jsonl").read_bytes())
    (raw / "nested" / "news.jsonl.gz").write_bytes(gzip.compress((fixtures / "news.jsonl").read_bytes()))
    page = next((fixtures / "pages").glob("*.html.gz"))
    (raw / "page.html.gz").write_bytes(page.read_bytes())
    (raw / "note.txt").write_text("A title\n\nA body sentence.", encoding="utf-8")
    (raw / "README.md").write_text("not data", encoding="utf-8")

    docs = list(read_documents(raw))

    by_source = {}
    for d in docs:
        by_source.setdefault(d.source, []).append(d)
    assert set(by_source) == {"seed.jsonl", "nested/news.jsonl.gz", "page.html.gz", "note.txt"}
    assert [d.line_number for d in by_source["nested/news.jsonl.gz"]] == [1, 2, 3, 4, 5]
    assert by_source["page.html.gz"][0].format == "html"
    assert "<html" in by_source["page.html.gz"][0].content.lower()
    assert all(d.read_error is None for d in docs)
    again = {d.document_id for d in read_documents(raw)}
    assert again == {d.document_id for d in docs}, "document ids must not change between reads"


def test_a_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path, fixtures):
    data = gzip.compress((fixtures / "news.jsonl").read_bytes())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: int(len(data) * 0.6)])

    docs = list(read_documents(tmp_path))

    good = [d for d in docs if d.read_error is None]
    failed = [d for d in docs if d.read_error]
    assert 1 <= len(good) < 5
    assert len(failed) == 1 and failed[0].read_error == "unreadable_gzip"
    assert "stopped after line" in failed[0].read_detail


def test_oversized_and_unknown_files_are_documents_with_a_read_error(tmp_path):
    (tmp_path / "big.html").write_bytes(b"<html>" + b"x" * 5000)
    (tmp_path / "sheet.xlsx").write_bytes(b"PK..")

    docs = {d.source: d for d in read_documents(tmp_path, max_bytes=1000)}

    assert docs["big.html"].read_error == "too_large"
    assert docs["sheet.xlsx"].read_error == "unsupported_format"


def test_formats_and_ids():
    assert format_of(__import__("pathlib").Path("a/B.JSONL.GZ")) == "record"
    assert format_of(__import__("pathlib").Path("x.htm")) == "html"
    assert document_id("a.jsonl", 2, "abc") != document_id("a.jsonl", 3, "abc")


# --- issue 14: symbolic links, unreadable files, truncated gzip bodies ---------------------------------------------


def test_a_symlink_to_a_file_outside_the_raw_dir_is_a_reject_and_one_inside_lands_once(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir()
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (raw / "passwd.txt").symlink_to(outside / "passwd")
    (raw / "note.txt").write_text("A title\n\nA body sentence.", encoding="utf-8")
    (raw / "again.txt").symlink_to("note.txt")  # inside: the file is read once, under its own name

    docs = {d.source: d for d in read_documents(raw)}

    assert set(docs) == {"passwd.txt", "note.txt"}
    assert docs["passwd.txt"].read_error == "symlink_outside_raw_dir" and docs["passwd.txt"].content is None
    assert docs["note.txt"].read_error is None and "A body sentence." in docs["note.txt"].content


READ_AS_USER = """
import json, sys
from pipelines.lib.raw.readers import read_documents
print(json.dumps([[d.source, d.read_error, d.content is not None] for d in read_documents(sys.argv[1])]))
"""


def _read_without_root_override(raw) -> list[list]:
    """read_documents in a process that cannot bypass file permissions (root's CAP_DAC_* dropped)."""
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: chmod 000 cannot be tested")
        prefix = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
    done = subprocess.run(
        prefix + [sys.executable, "-c", READ_AS_USER, str(raw)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_an_unreadable_file_is_a_reject_unreadable_file_and_the_rest_lands(tmp_path, fixtures):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "ok.txt").write_text("A title\n\nA body sentence.", encoding="utf-8")
    (raw / "locked.html").write_text("<html><body><p>secret</p></body></html>")
    (raw / "locked.jsonl").write_bytes((fixtures / "seed.jsonl").read_bytes())
    (raw / "locked.jsonl.gz").write_bytes(gzip.compress((fixtures / "seed.jsonl").read_bytes()))
    (raw / "locked.bin").write_bytes(b"\x00\x01")
    for name in ("locked.html", "locked.jsonl", "locked.jsonl.gz", "locked.bin"):
        (raw / name).chmod(0)

    docs = _read_without_root_override(raw)

    assert sorted(docs) == [
        ["locked.bin", "unreadable_file", False],
        ["locked.html", "unreadable_file", False],
        ["locked.jsonl", "unreadable_file", False],
        ["locked.jsonl.gz", "unreadable_file", False],
        ["ok.txt", None, True],
    ]


def test_a_truncated_gzip_body_in_a_warc_is_a_reject_not_partial_text(tmp_path):
    from pipelines.lib.fetch.fetcher import FetchResult
    from pipelines.lib.fetch.landing import write_warc
    from tests.web_site import corpus_page

    page = gzip.compress(corpus_page(0))
    cut = page[: len(page) // 2]
    result = FetchResult(
        url="https://news.example/a",
        kind="page",
        source="s",
        outcome="ok",
        final_url="https://news.example/a",
        status=200,
        reason="OK",
        body=cut,
        headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Content-Length", str(len(cut)))],
    )
    with open(tmp_path / "page.warc.gz", "wb") as f:
        write_warc(f, result, {}, "test", "page.warc.gz")

    docs = list(read_documents(tmp_path))

    assert [(d.read_error, d.content) for d in docs] == [("unreadable_gzip", None)]
