"""Screener.screen, lists, compare and errors, on every real list."""

from __future__ import annotations

import json

import pytest

import embargo

from conftest import cli, listed_sdn, typo


def test_listed_names_are_found_as_listed_and_with_a_typo(screener):
    sample = listed_sdn(step=40)
    assert len(sample) > 400
    found = found_typo = 0
    for e in sample:
        hits = screener.screen(e.name, kind=e.kind or None)
        found += any(h.entity_id == e.entity_id for h in hits)
        found_typo += any(h.entity_id == e.entity_id for h in screener.screen(typo(e.name)))
    assert found == len(sample), f"{len(sample) - found} listed names not found"
    assert found_typo >= 0.95 * len(sample), f"{found_typo} of {len(sample)} found with a typo"


def test_a_hit_carries_its_list_version_caption_and_explanation(screener):
    e = next(e for e in listed_sdn() if e.kind == "person" and len(e.name.split()) >= 3)
    hits = screener.screen(e.name, kind="person", explain=True, limit=3)
    assert 1 <= len(hits) <= 3
    hit = next(h for h in hits if h.entity_id == e.entity_id)
    active = {v["list"]: v["version"] for v in screener.lists}
    assert hit.list == "ofac-sdn" and hit.list_version == str(active["ofac-sdn"])
    assert hit.score > 0.99 and hit.matched_name == e.name and hit.caption
    assert hit.explanation["children"] and "why" in hit.explanation
    d = hit.to_dict()
    assert d["entity_id"] == e.entity_id and d["score"] == hit.score
    json.dumps(d)  # plain data
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_hits_equal_those_of_the_cli(lists, screener):
    for e in listed_sdn(step=500):
        args = ["--data-dir", str(lists.data_dir), "screen", e.name, "--format", "json"]
        doc = json.loads(cli(*args).stdout)
        expected = [(h["entity_id"], h["score"], h["list_version"]) for h in doc["hits"]]
        assert [(h.entity_id, h.score, h.list_version) for h in screener.screen(e.name)] == expected


def test_the_store_and_the_snapshot_file_give_the_same_hits(lists, screener):
    from_store = embargo.Screener.open(lists.data_dir)
    assert from_store.lists == screener.lists
    assert from_store.entity_count == screener.entity_count
    for e in listed_sdn(step=300):
        name = typo(e.name)
        assert [h.to_dict() for h in from_store.screen(name)] == [h.to_dict() for h in screener.screen(name)]


def test_lists_name_every_version_with_its_sha256(screener):
    lists = {v["list"]: v for v in screener.lists}
    assert {"ofac-sdn", "ofac-cons", "un", "uk-ofsi", "uk-fcdo"} <= set(lists)
    assert all(len(v["sha256"]) == 64 and v["version"] >= 1 for v in lists.values())
    assert sum(v["entities"] for v in lists.values()) == screener.entity_count


def test_filters_and_attributes_are_applied(screener):
    e = next(e for e in listed_sdn() if e.kind == "organization")
    assert screener.screen(e.name, lists=["un"]) == []
    assert screener.screen(e.name, lists=["ofac-sdn"])[0].entity_id == e.entity_id
    assert all(h.score >= 0.95 for h in screener.screen(e.name, threshold=0.95))
    assert len(screener.screen("Mohammad", threshold=0.5, limit=2)) == 2


def test_compare_scores_as_the_cli(screener):
    c = embargo.compare("Qasem Soleimani", "Ghasem Soleymani", kind="person")
    doc = json.loads(cli("compare", "Qasem Soleimani", "Ghasem Soleymani", "--kind", "person", "--format", "json").stdout)
    assert c.score == doc["score"] and c.score > 0.8
    assert "Soleimani" in c.explanation_text and c.explanation["why"]
    assert embargo.compare("FUYUAN YU 7613", "FUYUAN YU 7631").score < 0.8


def error_of(call):
    with pytest.raises(embargo.EmbargoError) as info:
        call()
    return info.value


def cli_error(*args):
    """(code, message) of a failing CLI run: `embargo: error [code]: message`."""
    done = cli(*args, check=False)
    assert done.returncode == 2, done.stderr
    head, message = done.stderr.strip().split("]: ", 1)
    return head.split("[")[1], message


def test_errors_have_the_code_and_message_of_the_cli(lists, screener, tmp_path):
    err = error_of(lambda: screener.screen("Saeed Aghajani", lists=["eu-fsf"]))
    code, message = cli_error("--data-dir", str(lists.data_dir), "screen", "Saeed Aghajani", "--lists", "eu-fsf",
                              "--snapshot", str(lists.snapshot))
    assert (err.code, str(err)) == (code, message) == ("unknown_list", message)

    broken = tmp_path / "broken.embargo"
    broken.write_bytes(lists.snapshot.read_bytes()[:-100])
    err = error_of(lambda: embargo.Screener.from_snapshot(broken))
    code, message = cli_error("screen", "x", "--snapshot", str(broken))
    assert (err.code, str(err)) == (code, message)
    assert err.code == "snapshot_file_corrupt" and "truncated" in str(err)

    err = error_of(lambda: embargo.Screener.open(tmp_path / "empty-store"))
    assert err.code == "no_lists_imported"
    assert error_of(lambda: screener.screen("x", threshold=1.5)).code == "invalid_parameter"
    assert error_of(lambda: screener.screen("x", limit=0)).code == "invalid_parameter"
    err = error_of(lambda: screener.screen("x", kind="banana"))
    assert err.code == "unknown_schema" and 'unknown kind "banana"' in str(err)
    assert error_of(lambda: screener.screen("  ")).code == "empty_query"
    assert isinstance(err, Exception)
