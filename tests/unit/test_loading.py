"""Loading: every format, ids, content hashes, duplicates and bad inputs set aside with a reason."""

import json

from extract.loading.files import load_directory, load_paths
from tests.support.paths import SAMPLES


def test_samples_load_with_file_names_as_ids():
    result = load_directory(SAMPLES)
    assert result.rejections == []
    assert sorted(a.doc_id for a in result.articles.values()) == [
        "000_ea6be75ec4a61536",
        "001_4d2cfab19c965121",
        "002_21b499f65f4c1c3f",
        "003_1c79e6451cd977ab",
        "004_34ccb137bf134dc0",
    ]
    assert all(len(h) == 16 for h in result.articles)


def test_every_format_loads_and_keeps_record_ids(tmp_path):
    (tmp_path / "a.txt").write_text("Clashes erupted near Mosul on Friday.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps(
            {"id": "rec-1", "title": "T1", "text": "Shelling hit Hit.", "published_at": "2017-05-12", "source": "Wire"}
        )
        + "\n"
        + json.dumps({"id": "rec-2", "text": "Another report from Raqqa."})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "c.json").write_text(json.dumps([{"id": "j1", "text": "A report from Kirkuk."}]), encoding="utf-8")
    (tmp_path / "d.csv").write_text(
        'id,title,text,published_at\ncsv-1,Title,"Fighting in Anbar, again.",2018-01-02\n', encoding="utf-8"
    )
    (tmp_path / "e.html").write_text(
        "<html><head><title>Border clash</title></head><body><nav>Home | About</nav><article><h1>Border clash</h1>"
        + "<p>Iraqi forces clashed with Islamic State militants near the border town of Al Qaim on Friday, officials said.</p>"
        * 3
        + "</article></body></html>",
        encoding="utf-8",
    )
    result = load_directory(tmp_path)
    ids = {a.doc_id for a in result.articles.values()}
    assert {"a", "rec-1", "rec-2", "j1", "csv-1", "e"} <= ids
    rec = next(a for a in result.articles.values() if a.doc_id == "rec-1")
    assert (rec.title, str(rec.published_at), rec.source, rec.format) == ("T1", "2017-05-12", "Wire", "jsonl")
    html = next(a for a in result.articles.values() if a.doc_id == "e")
    assert "Al Qaim" in html.text and "About" not in html.text


def test_same_text_under_two_names_is_one_article_with_both_names(tmp_path):
    (tmp_path / "first.txt").write_text("Iraqi forces retook Rawa on Friday.", encoding="utf-8")
    (tmp_path / "second.txt").write_text("  Iraqi forces  retook Rawa on Friday.\n", encoding="utf-8")
    result = load_directory(tmp_path)
    assert len(result.articles) == 1
    article = next(iter(result.articles.values()))
    assert sorted(f.path for f in article.files) == ["first.txt", "second.txt"]


def test_bad_inputs_are_set_aside_with_reasons_and_good_ones_still_load(tmp_path):
    (tmp_path / "good.txt").write_text("Clashes near Tal Afar.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "broken.jsonl").write_text(
        '{"id": "ok", "text": "Fine line about Hit."}\n{not json\n', encoding="utf-8"
    )
    (tmp_path / "no_text.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    result = load_directory(tmp_path)
    assert {a.doc_id for a in result.articles.values()} == {"good", "ok"}
    reasons = {(r.path, r.line): r.reason for r in result.rejections}
    assert "empty" in reasons[("empty.txt", None)]
    assert "binary" in reasons[("binary.txt", None)]
    assert "not valid JSON" in reasons[("broken.jsonl", 2)]
    assert "no 'text' column" in reasons[("no_text.csv", None)]
    assert "unsupported file type" in reasons[("notes.docx", None)]
    assert all("\n" not in r.reason for r in result.rejections)


def test_cp1252_text_is_decoded(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners fled Raqqa \x96 residents said.".encode("latin-1"))
    article = next(iter(load_directory(tmp_path).articles.values()))
    assert "Café" in article.text and "–" in article.text


def test_file_over_the_size_limit_is_skipped_unread(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    result = load_directory(tmp_path, max_bytes=1000)
    assert not result.articles
    assert "over the" in result.rejections[0].reason


def test_missing_folder_says_what_to_do(tmp_path):
    try:
        load_paths([tmp_path / "nope"])
    except FileNotFoundError as error:
        assert "does not exist" in str(error)
    else:
        raise AssertionError("a missing input must raise")


def test_a_file_with_no_article_in_it_is_set_aside_with_a_reason(tmp_path):
    """Found by the property test: a byte-order mark alone decoded to nothing, and the file was
    neither loaded nor rejected."""
    from extract.loading.files import LoadResult, load_file

    inputs = {
        "bom.jsonl": b"\xef\xbb\xbf",
        "header.csv": b"id,text\n",
        "blank.jsonl": b"\xef\xbb\xbf\n\n",
        "bom.txt": b"\xef\xbb\xbf",
    }
    for name, raw in inputs.items():
        (tmp_path / name).write_bytes(raw)
        result = LoadResult()
        load_file(tmp_path / name, tmp_path, result)
        assert not result.articles, name
        assert len(result.rejections) == 1, name
        assert any(words in result.rejections[0].reason for words in ("no article", "no text", "empty")), name


def test_the_warehouse_connection_carries_the_memory_limit(tmp_path, monkeypatch):
    from extract.storage.warehouse import connect

    monkeypatch.setenv("CONFLICT_DUCKDB_MEMORY", "300MB")
    con = connect(tmp_path / "w.duckdb")
    try:
        limit = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
    finally:
        con.close()
    # DuckDB reports the limit in MiB: 300 MB is 286.1 MiB
    assert limit.startswith("286")
