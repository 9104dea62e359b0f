"""Ingest that loses nothing, on SQLite and PostgreSQL: formats, encodings, duplicates,
and every kind of bad input set aside with a reason while the run goes on."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.errors import InputError
from marsad.ingest import EXIT_QUARANTINED, ingest_paths, pipeline
from marsad.ingest.formats import html_text
from marsad.store import Store

DEV_DOCS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev" / "docs.jsonl"

# Sentences written for these tests: 20 distinct short reports.
REPORTS_AR = [
    "قتل ثلاثة مدنيين في قصف مدفعي على بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم.",
    "أعلن الدفاع المدني انتشال جثتي طفلين من تحت أنقاض منزل في مدينة سرمين.",
    "قالت مصادر محلية إن اشتباكات عنيفة دارت ليلاً على أطراف بلدة تل رفعت.",
    "سيطرت فصائل المعارضة على قرية الشيخ عقيل بعد معارك استمرت يومين.",
    "نفت وزارة الدفاع انسحاب قواتها من محيط مدينة مورك في ريف حماة.",
    "أصيب خمسة أشخاص بانفجار عبوة ناسفة في سوق مدينة الباب.",
    "نزحت أكثر من مئتي عائلة من قرى جبل الزاوية خلال الأسبوع الماضي.",
    "وثق المرصد مقتل أحد عشر عنصراً من قوات النظام في هجوم على نقطة عسكرية.",
    "استهدفت طائرة مسيرة سيارة على طريق حلب دمشق الدولي دون وقوع إصابات.",
    "اعتقلت دورية أمنية ستة شبان في بلدة طفس بريف درعا الغربي.",
]
REPORTS_EN = [
    "Three civilians were killed by artillery fire on the town of Kafranbel on Monday.",
    "Rescuers recovered the bodies of two children from a collapsed house in Sarmin.",
    "Heavy clashes broke out overnight on the edge of Tal Rifaat, local sources said.",
    "Rebel factions captured the village of Sheikh Aqil after two days of fighting.",
    "The defence ministry denied that its troops had withdrawn from around Morek.",
    "Five people were wounded when a roadside bomb exploded in the market of al-Bab.",
    "More than two hundred families fled villages in Jabal al-Zawiya last week.",
    "The monitor said eleven soldiers were killed in an attack on an army post.",
    "A drone struck a car on the Aleppo-Damascus highway without causing casualties.",
    "A security patrol detained six young men in the town of Tafas in western Daraa.",
]


def _html(title: str, body: str, charset: str = "utf-8", date: str = "2024-12-02") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>'
        f'<meta property="article:published_time" content="{date}T09:00:00+03:00"></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


def _rss(title: str, body: str, pub: str = "Tue, 03 Dec 2024 01:30:00 +0300") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<item><title>{title}</title><link>https://wire.example/{abs(hash(title))}</link>"
        f"<pubDate>{pub}</pubDate><description>{body}</description></item></channel></rss>"
    )


def _write_good_files(folder: Path) -> None:
    """20 files, each one document: txt in three encodings, html, json, jsonl, rss."""
    folder.mkdir(parents=True, exist_ok=True)
    sub = folder / "nested" / "deeper"
    sub.mkdir(parents=True)
    for i, text in enumerate(REPORTS_AR[:3]):
        (folder / f"ar_{i}.txt").write_bytes(text.encode(["utf-8", "cp1256", "utf-16"][i]))
    (folder / "ar_3.txt").write_bytes(REPORTS_AR[3].encode("iso-8859-6"))
    for i, text in enumerate(REPORTS_AR[4:7], 4):
        (sub / f"ar_{i}.html").write_text(_html(f"عنوان {i}", text), encoding="utf-8")
    (folder / "ar_7.json").write_text(json.dumps({"id": "t-ar-7", "text": REPORTS_AR[7], "published": "2024-12-01"}, ensure_ascii=False), encoding="utf-8")
    (folder / "ar_8.jsonl").write_text(json.dumps({"text": REPORTS_AR[8]}, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "ar_9.rss").write_text(_rss("خبر", REPORTS_AR[9]), encoding="utf-8")
    for i, text in enumerate(REPORTS_EN[:4]):
        (folder / f"en_{i}.txt").write_text(text + "\n", encoding="utf-8")
    for i, text in enumerate(REPORTS_EN[4:6], 4):
        (sub / f"en_{i}.htm").write_text(_html(f"Headline {i}", text), encoding="utf-8")
    (folder / "en_6.json").write_text(json.dumps([{"text": REPORTS_EN[6], "lang": "en"}]), encoding="utf-8")
    (folder / "en_7.jsonl").write_text(json.dumps({"text": REPORTS_EN[7]}) + "\n\n", encoding="utf-8")
    (folder / "en_8.xml").write_text(_rss("Drone strike", REPORTS_EN[8]), encoding="utf-8")
    (folder / "en_9.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>'
        "<entry><title>Detentions in Tafas</title><id>urn:x:1</id><updated>2024-12-04T23:10:00+02:00</updated>"
        f"<summary>{REPORTS_EN[9]}</summary></entry></feed>",
        encoding="utf-8",
    )


BAD_FILES = {
    "empty.txt": b"",
    "junk.txt": random.Random(3).randbytes(3000),
    "broken.json": b'{"id": "x", "text": "unterminated',
    "truncated.html": _html("Cut", REPORTS_EN[0]).encode()[:90],
    "wrong_charset.html": _html("خطأ", REPORTS_AR[0]).encode("cp1256"),  # says utf-8, is windows-1256
}
BAD_REASONS = {
    "empty.txt": "empty file",
    "junk.txt": "not text",
    "broken.json": "invalid JSON: Unterminated string",
    "truncated.html": "looks truncated",
    "wrong_charset.html": "declares utf-8, but byte",
}


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    _write_good_files(folder)
    bad = folder / "bad"
    bad.mkdir()
    for name, data in BAD_FILES.items():
        (bad / name).write_bytes(data)
    return folder


def test_twenty_good_and_five_bad_files(store: Store, mixed_folder: Path) -> None:
    summary = ingest_paths(store, [mixed_folder], progress=False)
    assert (summary.files, summary.ingested, summary.duplicates) == (25, 20, 0)
    assert store.count_documents() == 20
    reasons = {Path(q.origin).name: q.reason for q in summary.quarantined}
    assert set(reasons) == set(BAD_FILES)
    for name, expected in BAD_REASONS.items():
        assert expected in reasons[name], (name, reasons[name])
    assert [q.reason for q in store.iter_quarantine()] == [q.reason for q in summary.quarantined]
    assert summary.exit_code == EXIT_QUARANTINED
    for item in store.iter_quarantine():  # nothing lost: the bytes of every bad file are kept
        assert store.get_raw(item.raw_id) == BAD_FILES[Path(item.origin).name]
    texts = [d.document.text for d in store.iter_documents()]
    for report in REPORTS_AR + REPORTS_EN:
        assert sum(report in text for text in texts) == 1, report


def test_languages_dates_and_metadata_come_through(store: Store, mixed_folder: Path) -> None:
    ingest_paths(store, [mixed_folder], progress=False)
    docs = {d.document.text.split("\n")[-1]: d.document for d in store.iter_documents()}
    assert {docs[t].lang for t in REPORTS_AR} == {"ar"}
    assert {docs[t].lang for t in REPORTS_EN} == {"en"}
    assert docs[REPORTS_AR[7]].published == dt.date(2024, 12, 1)
    assert docs[REPORTS_AR[4]].published == dt.date(2024, 12, 2)  # html meta
    assert docs[REPORTS_AR[4]].title == "عنوان 4"
    assert docs[REPORTS_AR[9]].published == dt.date(2024, 12, 3)  # the publisher's day, not UTC's
    assert docs[REPORTS_AR[9]].outlet == "Test Wire"
    assert docs[REPORTS_EN[9]].published == dt.date(2024, 12, 4)
    assert {docs[REPORTS_AR[i]].encoding for i in range(4)} == {"utf-8", "cp1256", "utf-16", "iso8859-6"}


def test_running_the_folder_again_adds_nothing(store: Store, mixed_folder: Path) -> None:
    ingest_paths(store, [mixed_folder], progress=False)
    again = ingest_paths(store, [mixed_folder], progress=False)
    assert (again.ingested, again.duplicates, len(again.quarantined)) == (0, 20, 5)
    assert (store.count_documents(), store.count_quarantine()) == (20, 5)
    assert again.new_document_ids == []


def test_the_cli_reports_quarantine_in_its_exit_code(db_url: str, mixed_folder: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(mixed_folder), "--db", db_url])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == EXIT_QUARANTINED
    assert "ingested 20 · duplicates 0 · quarantined 5 · files 25" in result.output
    assert "looks truncated" in result.output


def test_jsonl_keeps_good_lines_and_quarantines_bad_ones_by_line(store: Store, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": REPORTS_EN[0]}),
        '{"id": "b", "text": ',
        json.dumps({"id": "c", "text": ""}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "e", "text": REPORTS_EN[1], "published": "last Tuesday"}),
        json.dumps({"id": "f", "text": REPORTS_EN[2], "published": "2024-12-05T10:00:00Z"}),
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = ingest_paths(store, [path], progress=False)
    assert summary.ingested == 2
    assert [(q.locator, q.reason) for q in summary.quarantined] == [
        ("line 2", "invalid JSON: Expecting value at column 21"),
        ("line 3", '"text" is missing or empty'),
        ("line 4", 'expected a JSON object with a "text", got an array'),
        ("line 5", "\"published\" is 'last Tuesday', not an ISO date (2024-11-30 or 2024-11-30T08:00:00Z)"),
    ]
    assert store.get_document("f").document.published == dt.date(2024, 12, 5)
    assert store.get_document("a").locator == "line 1"


def test_a_reused_id_with_other_text_is_quarantined(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "x", "text": REPORTS_EN[0]}) + "\n" + json.dumps({"id": "x", "text": REPORTS_EN[1]}) + "\n")
    summary = ingest_paths(store, [path], progress=False)
    assert summary.ingested == 1
    assert summary.quarantined[0].reason == "id 'x' is already used by document #1 with different text; give this document another id"


def test_a_huge_file_is_refused_without_being_read(store: Store, tmp_path: Path) -> None:
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    summary = ingest_paths(store, [huge], progress=False)
    assert [q.reason for q in summary.quarantined] == [
        "the file is 200 MB, above the 50 MB limit for one input; split it (JSONL splits at any line) or raise the limit with --max-mb"
    ]
    assert next(store.iter_quarantine()).raw_id is None


def test_a_file_vanishing_mid_run_is_noted_and_the_run_goes_on(store: Store, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(REPORTS_EN[0])
    (tmp_path / "b.txt").write_text(REPORTS_EN[1])
    real = pipeline.collect_files

    def listing_then_vanish(paths):
        files, skipped = real(paths)
        files[0].unlink()
        return files, skipped

    monkeypatch.setattr(pipeline, "collect_files", listing_then_vanish)
    summary = ingest_paths(store, [tmp_path], progress=False)
    assert summary.ingested == 1
    assert [q.reason for q in summary.quarantined] == ["the file vanished before it could be read"]


def test_a_parser_crash_is_quarantined_with_the_bytes_kept(store: Store, tmp_path: Path, monkeypatch) -> None:
    def crash(data: bytes):
        raise RuntimeError("unexpected")

    monkeypatch.setitem(pipeline.PARSERS, "txt", crash)
    path = tmp_path / "a.txt"
    path.write_text(REPORTS_EN[0])
    summary = ingest_paths(store, [path], progress=False)
    assert summary.quarantined[0].reason == "the txt parser failed (RuntimeError: unexpected); please report it"
    assert store.get_raw(next(store.iter_quarantine()).raw_id) == REPORTS_EN[0].encode()


def test_unknown_types_are_skipped_in_folders_and_quarantined_when_named(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.md").write_text("# notes")
    (folder / ".hidden.txt").write_text(REPORTS_EN[0])
    summary = ingest_paths(store, [folder], progress=False)
    assert (summary.files, summary.skipped) == (0, [str(folder / "notes.md")])
    named = ingest_paths(store, [folder / "notes.md"], progress=False)
    assert named.quarantined[0].reason.startswith("unknown file type '.md'; marsad reads .atom, .htm, .html")


def test_a_missing_path_stops_before_anything_is_read(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no-such-folder: no such file or folder; check the path"):
        ingest_paths(store, [tmp_path / "no-such-folder"], progress=False)


def test_html_fallback_reads_pages_trafilatura_finds_nothing_in() -> None:
    assert html_text("<html><body><nav>menu</nav><div>قصف على سراقب</div><div>Shelling hit Saraqib.</div><script>x()</script></body></html>") == "قصف على سراقب\nShelling hit Saraqib."


def test_dev_docs_twice_adds_nothing_the_second_time(db_url: str, store: Store) -> None:
    if not DEV_DOCS.exists():
        pytest.skip(f"{DEV_DOCS} is not here (it sits beside the repository in ../shared)")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(DEV_DOCS), "--db", db_url])
    count = store.count_documents()
    second = runner.invoke(app, ["ingest", str(DEV_DOCS), "--db", db_url])
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert count == sum(1 for line in DEV_DOCS.read_text(encoding="utf-8").splitlines() if line.strip())
    assert store.count_documents() == count
    seed = store.get_document("seed-0001")
    assert (seed.document.lang, seed.document.published) == ("ar", dt.date(2024, 11, 30))


def test_the_seed_in_three_encodings_is_one_document(store: Store, tmp_path: Path) -> None:
    if not DEV_DOCS.exists():
        pytest.skip(f"{DEV_DOCS} is not here (it sits beside the repository in ../shared)")
    seed = json.loads(DEV_DOCS.read_text(encoding="utf-8").splitlines()[0])
    assert seed["id"] == "seed-0001"
    (tmp_path / "seed_utf8.txt").write_bytes(seed["text"].encode("utf-8"))
    (tmp_path / "seed_cp1256.txt").write_bytes(seed["text"].replace("\n", "\r\n").encode("cp1256"))
    (tmp_path / "seed_utf16.txt").write_bytes(seed["text"].encode("utf-16"))
    summary = ingest_paths(store, [tmp_path], progress=False)
    assert (summary.ingested, summary.duplicates, summary.quarantined) == (1, 2, [])
    (only,) = store.iter_documents()
    assert only.document.text == seed["text"].strip()
    assert only.document.lang == "ar"
    ingest_paths(store, [DEV_DOCS], progress=False)  # the JSONL copy names it and dates it
    named = store.get_document("seed-0001")
    assert (named.id, named.document.published) == (only.id, dt.date(2024, 11, 30))
