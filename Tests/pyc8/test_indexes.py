"""Indexes: hash/persistent/skiplist/fulltext/geo/ttl add, list, get, delete;
unique violations; the geo/fulltext/range finders (C8QL under the hood)."""

import pytest

from c8 import exceptions as ex


def _by_id(coll):
    return {i["id"]: i for i in coll.indexes()}


def test_primary_index_listed(coll):
    indexes = coll.indexes()
    primary = [i for i in indexes if i["type"] == "primary"]
    assert len(primary) == 1
    assert primary[0]["id"] == "0"
    assert primary[0]["fields"] == ["_key"]


def test_hash_index_unique(coll):
    details = coll.add_hash_index(["email"], unique=True, sparse=False)
    assert details["type"] == "hash"
    assert details["fields"] == ["email"]
    assert details["unique"] is True
    assert details["sparse"] is False
    assert details["new"] is True
    assert "/" not in details["id"] and details["id"]
    assert details["id"] in _by_id(coll)
    coll.insert({"email": "a@x"})
    with pytest.raises(ex.DocumentInsertError) as info:
        coll.insert({"email": "a@x"})
    assert info.value.http_code == 409
    assert info.value.error_code == 1210
    # Same definition again: the existing index, not a new one.
    again = coll.add_hash_index(["email"], unique=True, sparse=False)
    assert again["id"] == details["id"]
    assert again["new"] is False


def test_unique_violation_on_update(coll):
    coll.add_persistent_index(["n"], unique=True)
    coll.insert({"_key": "a", "n": 1})
    coll.insert({"_key": "b", "n": 2})
    with pytest.raises(ex.DocumentUpdateError) as info:
        coll.update({"_key": "b", "n": 1})
    assert info.value.error_code == 1210


def test_persistent_and_skiplist(client, coll):
    p = client.add_persistent_index(coll.name, ["a", "b"], sparse=True)
    assert p["type"] == "persistent" and p["fields"] == ["a", "b"] and p["sparse"] is True
    s = client.add_skiplist_index(coll.name, ["c"], unique=False, deduplicate=True)
    assert s["type"] in ("skiplist", "persistent") and s["fields"] == ["c"]
    h = client.add_hash_index(coll.name, ["d"])
    assert h["fields"] == ["d"]
    ids = _by_id(coll)
    assert p["id"] in ids and s["id"] in ids and h["id"] in ids
    listed = client.list_collection_indexes(coll.name)
    assert {i["id"] for i in listed} == set(ids)


def test_fulltext_index_and_find_by_text(client, coll):
    details = client.add_fulltext_index(coll.name, ["text"], min_length=3)
    assert details["type"] == "fulltext"
    assert details["min_length"] == 3
    coll.insert_many([{"_key": "1", "text": "the quick brown fox"},
                      {"_key": "2", "text": "lazy dog sleeps"},
                      {"_key": "3", "text": "quick dog"}])
    found = sorted(d["_key"] for d in coll.find_by_text("text", "quick"))
    assert found == ["1", "3"]
    found = [d["_key"] for d in coll.find_by_text("text", "quick,dog")]
    assert found == ["3"]


def test_geo_index_and_finders(client, coll):
    details = client.add_geo_index(coll.name, ["loc"], ordered=False)
    assert details["type"] in ("geo", "geo1", "geo2")
    assert details["fields"] == ["loc"]
    assert details.get("geo_json") is False
    coll.insert_many([
        {"_key": "paris", "loc": [48.8566, 2.3522]},
        {"_key": "berlin", "loc": [52.52, 13.405]},
        {"_key": "madrid", "loc": [40.4168, -3.7038]},
    ])
    near = [d["_key"] for d in coll.find_near(50.0, 8.0, limit=2)]
    assert near[0] in ("paris", "berlin") and len(near) == 2 and "madrid" not in near
    within = sorted(d["_key"] for d in coll.find_in_radius(48.8566, 2.3522, 100000))
    assert within == ["paris"]


def test_find_in_range(coll):
    coll.add_skiplist_index(["n"])
    coll.insert_many([{"_key": str(i), "n": i} for i in range(10)])
    found = sorted(d["n"] for d in coll.find_in_range("n", 3, 7))
    assert found == [3, 4, 5, 6]


def test_ttl_index(client, coll):
    details = client.add_ttl_index(coll.name, ["expiresAt"], expire_after=3600)
    assert details["type"] == "ttl"
    assert details["fields"] == ["expiresAt"]
    assert details["expireAfter"] == 3600
    with pytest.raises(ex.IndexCreateError):
        client.add_ttl_index(coll.name, ["seenAt"], expire_after=60)


def test_get_index_by_id_and_name(client, coll):
    details = coll.add_persistent_index(["x"])
    by_id = coll.get_index(details["id"])
    assert by_id["id"].split("/")[-1] == details["id"]
    assert by_id["fields"] == ["x"]
    by_name = client.get_index(coll.name, details["name"])
    assert by_name["id"] == by_id["id"]


def test_delete_index(client, coll):
    a = coll.add_persistent_index(["a"])
    b = coll.add_hash_index(["b"])
    assert coll.delete_index(a["id"]) is True
    assert client.delete_index(coll.name, b["name"]) is True  # by name, as pyC8's tests do
    ids = _by_id(coll)
    assert a["id"] not in ids and b["id"] not in ids
    assert coll.delete_index(a["id"], ignore_missing=True) is False
    with pytest.raises(ex.IndexDeleteError) as info:
        coll.delete_index(a["id"])
    assert info.value.error_code == 1212
    assert info.value.http_code == 404


def test_index_errors(coll):
    with pytest.raises(ex.IndexCreateError) as info:
        coll.add_index({"type": "nosuchtype", "fields": ["a"]})
    assert info.value.http_code == 400
    with pytest.raises(ex.IndexCreateError):
        coll.add_index({"type": "persistent", "fields": []})
