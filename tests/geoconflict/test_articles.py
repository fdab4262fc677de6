"""Tests for geoconflict.articles: every input kind, encodings, bad items, determinism."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from geoconflict.articles import InputReport, parse_article_date, read_articles
from geoconflict.errors import InputError
from geoconflict.records import Article

STRIKE = "Warplanes struck a market in the town of Kafr Nabl on Monday, killing 12 people."
SHELLING = "Shelling hit a school in Daraa city, wounding four pupils, a monitor said."


def read(inputs, **kwargs) -> tuple[list[Article], InputReport]:
    report = InputReport()
    articles = list(read_articles(inputs, report=report, **kwargs))
    return articles, report


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


# --- text files and folders ----------------------------------------------------------------


def test_txt_file_is_one_article_named_after_the_file(tmp_path):
    path = tmp_path / "aleppo-report.txt"
    path.write_text(STRIKE + "\r\n\r\n" + SHELLING + "\r", encoding="utf-8")
    articles, report = read([path], default_date=dt.date(2018, 2, 9))
    assert articles == [
        Article(
            doc_id="aleppo-report",
            text=STRIKE + "\n\n" + SHELLING + "\n",
            date=dt.date(2018, 2, 9),
        )
    ]
    assert (report.files_read, report.articles_read, report.skipped_count) == (1, 1, 0)
    assert report.summary() == "read 1 article from 1 file"


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(SHELLING, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    (tmp_path / "c.TXT").write_text(STRIKE, encoding="utf-8")
    write_jsonl(tmp_path / "b" / "1.jsonl", [{"text": SHELLING}])
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STRIKE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(STRIKE, encoding="utf-8")
    articles, report = read([tmp_path])
    assert [a.doc_id for a in articles] == ["a", "1:1", "2", "c"]
    assert report.files_read == 4
    assert report.files_ignored == 1
    assert "ignored 1 file of other types" in report.summary()


def test_folder_order_is_deterministic(tmp_path):
    for name in ["zeta", "alpha", "Mid", "beta"]:
        (tmp_path / f"{name}.txt").write_text(f"{name}: {STRIKE}", encoding="utf-8")
    first, _ = read([tmp_path])
    second, _ = read([tmp_path])
    assert first == second
    assert [a.doc_id for a in first] == ["Mid", "alpha", "beta", "zeta"]


def test_mix_of_inputs_keeps_the_given_order(tmp_path):
    txt = tmp_path / "one.txt"
    txt.write_text(STRIKE, encoding="utf-8")
    rows = write_jsonl(tmp_path / "rows.jsonl", [{"id": "r1", "text": SHELLING}])
    articles, report = read([rows, txt])
    assert [a.doc_id for a in articles] == ["r1", "one"]
    assert report.summary() == "read 2 articles from 2 files"


def test_repeated_doc_id_is_kept_with_a_warning(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(STRIKE, encoding="utf-8")
    articles, report = read([tmp_path])
    assert [a.doc_id for a in articles] == ["report", "report"]
    assert report.warning_count == 1
    assert "doc_id 'report' is used by more than one article" in report.warnings[0]


# --- JSONL -----------------------------------------------------------------------------------


def test_jsonl_fields_and_default_ids(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": 42,
                "text": STRIKE,
                "date": "2018-02-09",
                "title": " Raid on market ",
                "url": "https://example.org/a",
                "source": "Example News",
                "extra": "ignored",
            },
            {"text": SHELLING},
        ],
    )
    articles, report = read([path], default_date=dt.date(2017, 1, 1))
    assert articles[0] == Article(
        doc_id="42",
        text=STRIKE,
        date=dt.date(2018, 2, 9),
        title="Raid on market",
        url="https://example.org/a",
        source="Example News",
    )
    assert articles[1].doc_id == "feed:2"
    assert articles[1].date == dt.date(2017, 1, 1)
    assert report.articles_read == 2


def test_jsonl_bad_lines_are_reported_and_good_ones_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"text": STRIKE}),
                '{"text": "unterminated',
                "",
                json.dumps(["a", "list"]),
                json.dumps({"title": "no text here"}),
                json.dumps({"text": 17}),
                json.dumps({"text": "   "}),
                json.dumps({"id": "last", "text": SHELLING}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    articles, report = read([path])
    # line numbers are kept in the default ids, blank line included
    assert [a.doc_id for a in articles] == ["feed:1", "last"]
    where = {s.where: s.reason for s in report.skipped}
    assert where == {
        f"{path}:2": "bad JSON",
        f"{path}:4": "bad JSON",
        f"{path}:5": "no text",
        f"{path}:6": "no text",
        f"{path}:7": "no text",
    }
    assert report.files_read == 1
    summary = report.summary()
    assert summary.startswith("read 2 articles from 1 file; skipped 5 (")
    assert f"no text x3: {path}:5, {path}:6, {path}:7" in summary
    assert f"bad JSON x2: {path}:2, {path}:4" in summary


def test_jsonl_text_newlines_are_normalised(tmp_path):
    path = write_jsonl(tmp_path / "f.jsonl", [{"text": "Line one.\r\nLine two.\rEnd."}])
    articles, _ = read([path])
    assert articles[0].text == "Line one.\nLine two.\nEnd."


def test_report_keeps_only_the_first_items_but_counts_all(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("{oops\n" * 500 + json.dumps({"text": STRIKE}) + "\n", encoding="utf-8")
    articles, report = read([path])
    assert len(articles) == 1
    assert report.skipped_count == 500
    assert len(report.skipped) < 500
    assert "skipped 500 (bad JSON x500: " in report.summary()
    assert report.summary().count(str(path)) == 3  # three examples, then "..."


# --- CSV / TSV -------------------------------------------------------------------------------


def test_csv_rows_with_quoted_multiline_text(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(
        "ID,Date,Text,Source\n"
        f'n1,2018-02-09,"{STRIKE}\n\nA second paragraph, with ""quotes"".",SOHR\n'
        f',,"{SHELLING}",\n'
        "n3,2018-02-10,,\n",
        encoding="utf-8",
    )
    articles, report = read([path])
    assert articles[0] == Article(
        doc_id="n1",
        text=f'{STRIKE}\n\nA second paragraph, with "quotes".',
        date=dt.date(2018, 2, 9),
        source="SOHR",
    )
    assert articles[1].doc_id == "notes:2"
    assert articles[1].text == SHELLING
    assert [(s.where, s.reason) for s in report.skipped] == [(f"{path}:3", "no text")]


def test_csv_without_text_column_is_skipped_with_the_columns_named(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,body\n1,some words\n", encoding="utf-8")
    articles, report = read([path])
    assert articles == []
    (item,) = report.skipped
    assert item.reason == "no text column"
    assert "'body'" in item.detail
    assert report.files_read == 0


def test_csv_header_only_reads_no_article(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("id,text\n", encoding="utf-8")
    articles, report = read([path])
    assert articles == []
    assert report.files_read == 1
    assert report.skipped_count == 0


def test_csv_with_bom_and_long_field(tmp_path):
    long_text = (STRIKE + " ") * 4000  # longer than csv's default 128 KiB field limit
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + f'text,id\n"{long_text}",x\n'.encode())
    articles, _ = read([path])
    assert articles[0].doc_id == "x"
    assert articles[0].text == long_text


def test_csv_with_windows_line_ends_and_a_nul_byte_late_in_the_file(tmp_path):
    path = tmp_path / "excel.csv"
    filler = "".join(f'f{k},"{SHELLING}"\r\n' for k in range(200))  # past the binary sniff
    path.write_bytes(
        (f'id,text\r\na,"{STRIKE}\r\nSecond line."\r\n{filler}').encode()
        + b'bad,"x\x00y"\r\nz,"'
        + STRIKE.encode()
        + b'"\r\n'
    )
    articles, report = read([path])
    assert articles[0].text == f"{STRIKE}\nSecond line."
    assert [a.doc_id for a in articles][-1] == "z"
    assert len(articles) == 202
    assert [(s.where, s.reason) for s in report.skipped] == [(f"{path}:202", "binary")]


def test_tsv(tmp_path):
    path = tmp_path / "notes.tsv"
    path.write_text(f"id\ttext\nt1\t{STRIKE}\n", encoding="utf-8")
    articles, _ = read([path])
    assert [(a.doc_id, a.text) for a in articles] == [("t1", STRIKE)]


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-02-09", dt.date(2018, 2, 9)),
        ("2018-02-09T10:00:00Z", dt.date(2018, 2, 9)),
        ("2018-02-09T23:30:00+03:00", dt.date(2018, 2, 9)),
        ("2018-02-09 10:00", dt.date(2018, 2, 9)),
        ("2018/2/9", dt.date(2018, 2, 9)),
        ("9 February 2018", dt.date(2018, 2, 9)),
        ("9th Feb. 2018", dt.date(2018, 2, 9)),
        ("Friday, 9 February 2018", dt.date(2018, 2, 9)),
        ("February 9, 2018", dt.date(2018, 2, 9)),
        ("Sept 3, 2016", dt.date(2016, 9, 3)),
        ("2018.02.09", dt.date(2018, 2, 9)),
        ("Thursday 8 February 2018 10.34 GMT", dt.date(2018, 2, 8)),
        ("Feb 8, 2018 at 10:34 AM", dt.date(2018, 2, 8)),
        ("8 February 2018, 10:34", dt.date(2018, 2, 8)),
        ("Fri, 09 Feb 2018 10:00:00 +0000", dt.date(2018, 2, 9)),
        ("25/02/2018", dt.date(2018, 2, 25)),
        ("02/25/2018", dt.date(2018, 2, 25)),
        ("25.02.2018", dt.date(2018, 2, 25)),
        ("05/05/2018", dt.date(2018, 5, 5)),
        (dt.date(2018, 2, 9), dt.date(2018, 2, 9)),
    ],
)
def test_parse_article_date(value, expected):
    assert parse_article_date(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("09/02/2018", "ambiguous"),
        ("2018-02-30", "impossible"),
        ("last Tuesday", "unrecognised"),
        ("2018-02-09 and more", "unrecognised"),
        ("2018-02/09", "unrecognised"),
        ("8 Febtember 2018", "unrecognised"),
        (1518134400, "not text"),
    ],
)
def test_parse_article_date_refuses(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_article_date(value)


def test_bad_row_date_falls_back_to_the_default_with_a_warning(tmp_path):
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"text": STRIKE, "date": "09/02/2018"},
            {"text": STRIKE, "date": ""},
            {"text": STRIKE, "date": "13/02/2018"},
        ],
    )
    articles, report = read([path], default_date=dt.date(2018, 3, 1))
    assert [a.date for a in articles] == [
        dt.date(2018, 3, 1),
        dt.date(2018, 3, 1),
        dt.date(2018, 2, 13),
    ]
    assert report.warning_count == 1
    assert "ambiguous date '09/02/2018'" in report.warnings[0]
    assert report.warnings[0].startswith(f"{path}:1:")
    assert report.summary().endswith("; 1 warning")


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_txt_encodings_with_bom(tmp_path, codec):
    text = "Barrel bombs hit Darayya — 7 killed, “a massacre”, said al-Hassan."
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    path = tmp_path / "a.txt"
    path.write_bytes(bom + text.encode(codec))
    articles, report = read([path])
    assert articles[0].text == text
    assert report.warning_count == 0


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_jsonl_and_csv_encodings_with_bom(tmp_path, codec):
    text = "Strikes on Ma’arat al-Nu’man killed 5 — residents said."
    bom = codecs.BOM_UTF16_BE if codec == "utf-16-be" else b""
    jl = tmp_path / "a.jsonl"
    row = json.dumps({"id": "j", "text": text}, ensure_ascii=False) + "\n"
    jl.write_bytes(bom + row.encode(codec))
    cs = tmp_path / "a.csv"
    cs.write_bytes(bom + f'id,text\nc,"{text}"\n'.encode(codec))
    articles, report = read([jl, cs])
    assert [(a.doc_id, a.text) for a in articles] == [("j", text), ("c", text)]
    assert report.skipped_count == 0


def test_windows_1252_english_text_is_read_with_a_warning(tmp_path):
    text = "A \u201cmassacre\u201d in Douma: 9 killed, said the caf\u00e9 owner."
    path = tmp_path / "old.txt"
    path.write_bytes(text.encode("cp1252"))
    articles, report = read([path])
    assert articles[0].text == text
    assert report.warnings == [f"{path}: not UTF-8; read as Windows-1252 (cp1252)"]


def test_windows_1252_rows_warn_once_per_file(tmp_path):
    path = tmp_path / "old.csv"
    rows = [f'r{k},"Caf\u00e9 \u201c{k}\u201d: {STRIKE}"' for k in range(50)]
    path.write_bytes(("id,text\n" + "\n".join(rows) + "\n").encode("cp1252"))
    articles, report = read([path])
    assert len(articles) == 50
    assert articles[7].text == f"Caf\u00e9 \u201c7\u201d: {STRIKE}"
    assert report.warning_count == 1
    assert report.warnings[0].startswith(f"{path}:2: not UTF-8")


def test_other_8bit_encodings_are_refused_unless_named(tmp_path):
    text = "قصف جوي على مدينة إدلب أدى إلى مقتل 12 مدنيا"
    path = tmp_path / "arabic.txt"
    path.write_bytes(text.encode("cp1256"))
    articles, report = read([path])
    assert articles == []
    (item,) = report.skipped
    assert item.reason == "encoding"
    assert "--encoding" in item.detail
    articles, report = read([path], encoding="cp1256")
    assert articles[0].text == text


def test_jsonl_line_in_another_encoding_skips_only_that_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": STRIKE}).encode()
    arabic = json.dumps({"text": "قصف جوي على مدينة إدلب"}, ensure_ascii=False).encode("cp1256")
    path.write_bytes(good + b"\n" + arabic + b"\n" + good + b"\n")
    articles, report = read([path])
    assert [a.doc_id for a in articles] == ["mixed:1", "mixed:3"]
    assert [(s.where, s.reason) for s in report.skipped] == [(f"{path}:2", "encoding")]


def test_csv_row_in_another_encoding_skips_only_that_row(tmp_path):
    path = tmp_path / "mixed.csv"
    arabic = "قصف جوي على مدينة إدلب".encode("cp1256")
    path.write_bytes(
        b"id,text\n"
        + b'a,"'
        + STRIKE.encode()
        + b'"\nb,"'
        + arabic
        + b'\nsecond line"\n'
        + b"c,"
        + SHELLING.replace(",", ";").encode()
        + b"\n"
    )
    articles, report = read([path])
    assert [a.doc_id for a in articles] == ["a", "c"]
    assert [(s.where, s.reason) for s in report.skipped] == [(f"{path}:2", "encoding")]


def test_unknown_encoding_is_an_input_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(STRIKE, encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_articles([path], encoding="klingon")


# --- bad files -------------------------------------------------------------------------------


def test_empty_binary_and_broken_files_are_skipped_without_stopping(tmp_path):
    (tmp_path / "a_good.txt").write_text(STRIKE, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "e_empty.jsonl").write_bytes(codecs.BOM_UTF8 + b"\n\n")
    (tmp_path / "f_binary.csv").write_bytes(b"text\n\x00\x01\x02")
    (tmp_path / "g_link.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "h_good.jsonl").write_text(json.dumps({"text": SHELLING}), encoding="utf-8")
    articles, report = read([tmp_path])
    assert [a.doc_id for a in articles] == ["a_good", "h_good:1"]
    reasons = {Path(s.where).name: s.reason for s in report.skipped}
    assert reasons == {
        "b_empty.txt": "empty",
        "c_blank.txt": "empty",
        "d_binary.txt": "binary",
        "e_empty.jsonl": "empty",
        "f_binary.csv": "binary",
        "g_link.txt": "unreadable",
    }
    assert report.files_read == 2
    summary = report.summary()
    assert summary.startswith("read 2 articles from 2 files; skipped 6 (")
    assert "empty x3: " in summary
    assert f"unreadable: {tmp_path / 'g_link.txt'}" in summary


_UNREADABLE_SCRIPT = """
import json, sys
from geoconflict.articles import InputReport, read_articles
report = InputReport()
ids = [a.doc_id for a in read_articles(sys.argv[1:], report=report)]
print(json.dumps({"ids": ids, "skipped": [[s.where, s.reason, s.detail] for s in report.skipped]}))
"""


def test_unreadable_file_is_skipped(tmp_path):
    """A file without read permission, read by a real process that lacks the permission."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STRIKE, encoding="utf-8")
    secret = folder / "b.txt"
    secret.write_text(SHELLING, encoding="utf-8")
    secret.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv (util-linux) is not installed")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    proc = subprocess.run(
        [*prefix, sys.executable, "-c", _UNREADABLE_SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["ids"] == ["a"]
    assert out["skipped"] == [[str(secret), "unreadable", "Permission denied"]]


def test_missing_path_fails_before_anything_is_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STRIKE, encoding="utf-8")
    with pytest.raises(InputError, match=r"^no such file or folder: '.*missing\.txt'$"):
        read_articles([good, tmp_path / "missing.txt"])


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (["report.pdf"], "unsupported file type '.pdf'"),
        (["-", "-"], "more than once"),
        ([], "no input given"),
    ],
)
def test_input_errors(tmp_path, inputs, message):
    for name in inputs:
        if name != "-":
            (tmp_path / name).write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=message):
        read_articles([n if n == "-" else tmp_path / n for n in inputs])


# --- stdin -----------------------------------------------------------------------------------


def fake_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_jsonl(monkeypatch):
    rows = [{"id": "s1", "text": STRIKE}, {"text": SHELLING}]
    fake_stdin(monkeypatch, b"\n" + "\n".join(json.dumps(r) for r in rows).encode() + b"\n")
    articles, report = read(["-"])
    assert [a.doc_id for a in articles] == ["s1", "stdin:3"]
    assert report.summary() == "read 2 articles from 1 file"


def test_stdin_plain_text(monkeypatch):
    fake_stdin(monkeypatch, (STRIKE + "\r\n" + SHELLING).encode())
    articles, _ = read(["-"], default_date=dt.date(2018, 2, 9))
    assert articles == [
        Article(doc_id="stdin", text=STRIKE + "\n" + SHELLING, date=dt.date(2018, 2, 9))
    ]


def test_stdin_empty(monkeypatch):
    fake_stdin(monkeypatch, b"")
    articles, report = read(["-"])
    assert articles == []
    assert [(s.where, s.reason) for s in report.skipped] == [("<stdin>", "empty")]


# --- streaming -------------------------------------------------------------------------------


def test_articles_are_streamed_one_at_a_time(tmp_path):
    path = write_jsonl(tmp_path / "big.jsonl", [{"text": f"{i}: {STRIKE}"} for i in range(1000)])
    report = InputReport()
    articles = read_articles([path], report=report)
    assert isinstance(articles, types.GeneratorType)
    assert report.articles_read == 0  # nothing is read before it is asked for
    first = next(articles)
    assert first.doc_id == "big:1"
    assert report.articles_read == 1
    rest = sum(1 for _ in articles)
    assert rest == 999
    assert report.files_read == 1
