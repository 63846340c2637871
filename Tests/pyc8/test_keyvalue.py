"""Key/value: collections, put/get/delete of pairs, keys, count, values, truncate."""

import time

import pytest

from c8 import exceptions as ex

from conftest import uniq


@pytest.fixture
def kv(client):
    name = uniq("pyc8kv")
    assert client.create_collection_kv(name) is True
    yield name
    try:
        client.delete_collection_kv(name)
    except ex.C8Error:
        pass


def test_create_list_delete(client):
    name = uniq("pyc8kv")
    assert client.create_collection_kv(name) is True
    assert client.has_collection_kv(name)
    entry = {c["name"]: c for c in client.get_collections_kv()}[name]
    assert entry["expiration"] is False
    assert client.delete_collection_kv(name) is True
    assert not client.has_collection_kv(name)


def test_create_with_expiration(client):
    name = uniq("pyc8kv")
    assert client.create_collection_kv(name, expiration=True) is True
    try:
        entry = {c["name"]: c for c in client.get_collections_kv()}[name]
        assert entry["expiration"] is True
    finally:
        client.delete_collection_kv(name)


def test_duplicate_kv_collection(client, kv):
    with pytest.raises(ex.C8ServerError) as info:
        client.create_collection_kv(kv)
    assert info.value.http_code == 409


def test_put_get_delete(client, kv):
    body = client.insert_key_value_pair(kv, [{"_key": "k1", "value": "v1"}, {"_key": "k2", "value": {"n": 2}},
                                             {"_key": "k3", "value": [1, 2, 3]}])
    assert [m["_key"] for m in body] == ["k1", "k2", "k3"]
    assert all(m["_id"] == "%s/%s" % (kv, m["_key"]) and m["_rev"] for m in body)
    got = client.get_value_for_key(kv, "k1")
    assert got["_key"] == "k1" and got["value"] == "v1"
    assert client.get_value_for_key(kv, "k2")["value"] == {"n": 2}
    assert client.get_kv_count(kv) == 3
    # Put again: upsert.
    client.insert_key_value_pair(kv, [{"_key": "k1", "value": "v1b"}])
    assert client.get_value_for_key(kv, "k1")["value"] == "v1b"
    assert client.get_kv_count(kv) == 3
    assert client.delete_entry_for_key(kv, "k1") is True
    with pytest.raises(ex.C8ServerError) as info:
        client.get_value_for_key(kv, "k1")
    assert info.value.http_code == 404
    assert info.value.error_code == 1202
    assert client.get_kv_count(kv) == 2


def test_delete_many_keys(client, kv):
    client.insert_key_value_pair(kv, [{"_key": "k%d" % i, "value": i} for i in range(5)])
    client.delete_entry_for_keys(kv, ["k0", "k1"])
    assert client.get_kv_count(kv) == 3
    client.delete_entry_for_keys(kv, [{"_key": "k2"}])  # pyC8's own tests send objects
    assert sorted(client.get_keys(kv)) == ["k3", "k4"]


def test_keys_paging_and_order(client, kv):
    client.insert_key_value_pair(kv, [{"_key": "k%d" % i, "value": i} for i in range(6)])
    assert client.get_keys(kv, order="asc") == ["k0", "k1", "k2", "k3", "k4", "k5"]
    assert client.get_keys(kv, order="desc") == ["k5", "k4", "k3", "k2", "k1", "k0"]
    assert client.get_keys(kv, offset=2, limit=2, order="asc") == ["k2", "k3"]


def test_key_value_pairs(client, kv):
    client.insert_key_value_pair(kv, [{"_key": "k%d" % i, "value": i * 10} for i in range(4)])
    body = client.get_key_value_pairs(kv)
    pairs = {p["_key"]: p["value"] for p in body["result"]}
    assert pairs == {"k0": 0, "k1": 10, "k2": 20, "k3": 30}
    assert all("expireAt" in p for p in body["result"])
    body = client.get_key_value_pairs(kv, offset=1, limit=2)
    assert len(body["result"]) == 2


def test_truncate(client, kv):
    client.insert_key_value_pair(kv, [{"_key": "a", "value": 1}, {"_key": "b", "value": 2}])
    assert client.remove_key_value_pairs(kv) is True
    assert client.get_kv_count(kv) == 0
    assert client.get_keys(kv) == []


def test_expire_at(client):
    name = uniq("pyc8kv")
    client.create_collection_kv(name, expiration=True)
    try:
        past = int(time.time()) - 10
        future = int(time.time()) + 3600
        client.insert_key_value_pair(name, [{"_key": "old", "value": 1, "expireAt": past},
                                            {"_key": "new", "value": 2, "expireAt": future}])
        assert client.get_value_for_key(name, "new")["expireAt"] == future
        with pytest.raises(ex.C8ServerError) as info:
            client.get_value_for_key(name, "old")
        assert info.value.error_code == 1202, "a pair whose expireAt has passed is still served"
    finally:
        client.delete_collection_kv(name)


def test_missing_kv_collection(client):
    with pytest.raises(ex.C8ServerError) as info:
        client.get_kv_count(uniq("nokv"))
    assert info.value.http_code == 404
    assert info.value.error_code == 101000
