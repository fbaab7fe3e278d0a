import gzip

from pipelines.lib.ingest import document_id, format_of, read_documents


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
