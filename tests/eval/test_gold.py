"""Reading corpora: malformed gold gives one clear error naming file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from evalfacts import casualty, control, event, write_corpus

from marsad.errors import GoldFormatError
from marsad.eval import evaluate, load_gold

DEV = Path("/work/shared/eval/dev")


def test_corpus_scored_against_its_own_gold(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"seed-1": [casualty(), control()], "ant-2": [event(), casualty(optional=True)]})
    pred = tmp_path / "pred.jsonl"
    pred.write_text((corpus / "gold.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    report = evaluate(corpus, pred)
    assert {k: c.f1 for k, c in report.kinds.items()} == {"casualties": 1.0, "control": 1.0, "event": 1.0}
    assert report.overall.tp == 3


@pytest.mark.skipif(not (DEV / "gold.jsonl").is_file(), reason="shared dev gold not present")
def test_dev_gold_scored_against_itself(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text((DEV / "gold.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    report = evaluate(DEV, pred)
    for kind, counts in report.kinds.items():
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0), kind
    assert report.overall.tp > 100
    assert set(report.groups) == {"seed", "ant", "sa", "cs"}
    for shares in report.fields.values():
        assert all(shares.share(n) in (None, 1.0) for n in shares.total)


def _bad(tmp_path: Path, line: str) -> str:
    corpus = write_corpus(tmp_path / "c", {"seed-1": []}, raw_gold=line + "\n")
    with pytest.raises(GoldFormatError) as info:
        load_gold(corpus)
    return str(info.value)


def test_not_json(tmp_path: Path) -> None:
    message = _bad(tmp_path, '{"doc_id": "seed-1", "facts": [')
    assert message.startswith("error[E400]: ")
    assert "gold.jsonl:1: not valid JSON" in message


def test_missing_kind(tmp_path: Path) -> None:
    fact = casualty()
    del fact["kind"]
    message = _bad(tmp_path, json.dumps({"doc_id": "seed-1", "facts": [fact]}))
    assert "gold.jsonl:1: facts[0]: field 'kind' missing." in message


def test_bad_date(tmp_path: Path) -> None:
    message = _bad(tmp_path, json.dumps({"doc_id": "seed-1", "facts": [control(date="30/11/2024")]}))
    assert "gold.jsonl:1: facts[0]: field 'date' is not an ISO date" in message
    message = _bad(tmp_path, json.dumps({"doc_id": "seed-1", "facts": [control(date={"from": "2024-12-02", "to": "2024-12-01"})]}))
    assert "field 'date'" in message


def test_fact_not_an_object(tmp_path: Path) -> None:
    message = _bad(tmp_path, json.dumps({"doc_id": "seed-1", "facts": ["killed 6"]}))
    assert "gold.jsonl:1: facts[0]: a fact must be a JSON object, got str." in message


def test_doc_id_not_in_docs(tmp_path: Path) -> None:
    message = _bad(tmp_path, json.dumps({"doc_id": "seed-2", "facts": []}))
    assert "gold.jsonl:1: field 'doc_id' 'seed-2' is not an id in docs.jsonl" in message


def test_gold_fact_needs_its_key_fields(tmp_path: Path) -> None:
    fact = event()
    del fact["sub_type"]
    message = _bad(tmp_path, json.dumps({"doc_id": "seed-1", "facts": [fact]}))
    assert "event fact needs field 'sub_type'" in message
