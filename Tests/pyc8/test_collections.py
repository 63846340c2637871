"""Collections: create (options), list, get, properties, figures, count,
truncate, delete; bulk import and export."""

import pytest

from c8 import exceptions as ex

from conftest import uniq


@pytest.fixture
def names(client):
    made = []

    def name(prefix="pyc8c"):
        n = uniq(prefix)
        made.append(n)
        return n

    yield name
    for n in made:
        client.delete_collection(n, ignore_missing=True)


def _listed(client, name):
    return {c["name"]: c for c in client.get_collections()}.get(name)


def test_create_and_list(client, names):
    name = names()
    coll = client.create_collection(name)
    assert coll.name == name
    assert client.has_collection(name)
    entry = _listed(client, name)
    assert entry is not None
    assert entry["type"] == "document"
    assert entry["status"] == "loaded"
    assert entry["system"] is False
    assert entry["collectionModel"] == "DOC"
    assert entry["id"]


def test_listing_sends_both_spot_flags(raw, client, names):
    name = names()
    client.create_collection(name)
    body = raw.get("/_fabric/_system/_api/collection").json()
    entry = [c for c in body["result"] if c["name"] == name][0]
    assert entry["isSpot"] is False
    assert entry["strongConsistency"] is False
    assert entry["type"] == 2 and entry["status"] == 3


def test_create_edge_collection(client, names):
    name = names()
    client.create_collection(name, edge=True)
    assert _listed(client, name)["type"] == "edge"


def test_create_with_options(client, names):
    name = names()
    coll = client.create_collection(name, sync=True, user_keys=False, key_generator="autoincrement",
                                    key_increment=5, key_offset=10)
    info = coll.get_collection_information()
    assert info["name"] == name
    assert info["waitForSync"] is True
    keys = [int(coll.insert({"n": i})["_key"]) for i in range(3)]
    assert keys[1] - keys[0] == 5 and keys[2] - keys[1] == 5, keys
    assert keys[0] >= 10, keys
    with pytest.raises(ex.DocumentInsertError) as info:
        coll.insert({"_key": "mine"})
    assert info.value.error_code == 1222  # user keys not allowed
    assert info.value.http_code == 400


def test_create_local_and_spot(fabric, client, names):
    local = names()
    spot = names()
    fabric.create_collection(local, local_collection=True)
    fabric.create_collection(spot, strong_consistency=True)
    assert fabric.collection(local).get_collection_information()["isLocal"] is True
    entry = _listed(client, spot)
    assert entry.get("isSpot", entry.get("strongConsistency")) is True


def test_spot_and_local_refused_client_side(client, names):
    assert client.create_collection(names(), spot_collection=True, local_collection=True) \
        == "Collection can either be spot or local"


def test_create_duplicate(client, names):
    name = names()
    client.create_collection(name)
    with pytest.raises(ex.CollectionCreateError) as info:
        client.create_collection(name)
    assert info.value.http_code == 409
    assert info.value.error_code == 1207


def test_create_bad_name(client):
    with pytest.raises(ex.CollectionCreateError) as info:
        client.create_collection("bad name!")
    assert info.value.http_code == 400


def test_get_missing_collection_is_client_side_error(client):
    with pytest.raises(ex.CollectionFindError):
        client.get_collection(uniq("missing"))


def test_information_and_figures(coll):
    info = coll.get_collection_information()
    assert info["name"] == coll.name
    assert info["isSystem"] is False
    assert info["type"] == 2
    assert "hasStream" in info and "isLocal" in info
    figures = coll.collection_figures()
    assert figures["name"] == coll.name
    assert "figures" in figures


def test_update_properties(client, coll):
    body = client.update_collection_properties(coll.name, wait_for_sync=True)
    assert body["waitForSync"] is True
    assert coll.get_collection_information()["waitForSync"] is True
    body = client.update_collection_properties(coll.name, wait_for_sync=False)
    assert body["waitForSync"] is False


def test_count_and_truncate(client, coll):
    assert coll.count() == 0
    coll.insert_many([{"n": i} for i in range(7)])
    assert coll.count() == 7
    assert coll.truncate() is True
    assert coll.count() == 0
    # Indexes survive a truncate.
    coll.add_persistent_index(["n"])
    coll.insert({"n": 1})
    coll.truncate()
    assert any(i["type"] == "persistent" for i in coll.indexes())


def test_delete(client, names):
    name = names()
    client.create_collection(name)
    assert client.delete_collection(name) is True
    assert not client.has_collection(name)
    assert client.delete_collection(name, ignore_missing=True) is False
    with pytest.raises(ex.CollectionDeleteError) as info:
        client.delete_collection(name)
    assert info.value.http_code == 404
    assert info.value.error_code == 1203


def test_collection_models_filter(client, names):
    doc = names()
    client.create_collection(doc)
    kv = names("pyc8kv")
    assert client.create_collection_kv(kv) is True
    docs = [c["name"] for c in client.get_collections(collection_model="DOC")]
    kvs = [c["name"] for c in client.get_collections(collection_model="KV")]
    assert doc in docs and doc not in kvs
    assert kv in kvs and kv not in docs


# --- import / export ------------------------------------------------------


def _counts(body):
    return body["result"] if isinstance(body.get("result"), dict) else body


def test_import_bulk(client, coll):
    body = client.import_bulk(coll.name, [{"_key": "a", "v": 1}, {"_key": "b", "v": 2}, {"v": 3}])
    counts = _counts(body)
    assert counts["created"] == 3 and counts["errors"] == 0
    assert coll.count() == 3
    assert coll.get("a")["v"] == 1


def test_import_bulk_duplicates_and_replace(coll):
    coll.insert({"_key": "a", "v": 1, "old": True})
    counts = _counts(coll.import_bulk([{"_key": "a", "v": 2}, {"_key": "b", "v": 3}], replace=False))
    assert counts["created"] == 1 and counts["errors"] == 1
    assert coll.get("a")["v"] == 1
    counts = _counts(coll.import_bulk([{"_key": "a", "v": 9}], replace=True))
    assert counts["errors"] == 0 and counts.get("updated", 0) + counts.get("created", 0) == 1
    doc = coll.get("a")
    assert doc["v"] == 9 and "old" not in doc


def test_import_bulk_primary_key(coll):
    counts = _counts(coll.import_bulk([{"sku": "x1", "v": 1}, {"sku": "x2", "v": 2}], primaryKey="sku"))
    assert counts["created"] == 2
    assert coll.get("x1")["v"] == 1


def test_export(client, coll):
    coll.insert_many([{"_key": "k%d" % i, "v": i} for i in range(5)])
    docs = client.export(coll.name)
    assert sorted(d["v"] for d in docs) == [0, 1, 2, 3, 4]
    assert [d["_key"] for d in coll.export(order="asc")] == ["k0", "k1", "k2", "k3", "k4"]
    assert [d["_key"] for d in coll.export(order="desc")] == ["k4", "k3", "k2", "k1", "k0"]
    assert [d["_key"] for d in coll.export(offset=1, limit=2, order="asc")] == ["k1", "k2"]


def test_export_data_query(client, coll):
    coll.insert_many([{"_key": "k%d" % i, "v": i} for i in range(5)])
    body = client.export_data_query("FOR d IN @@c FILTER d.v >= @min SORT d.v RETURN d.v",
                                    bind_vars={"@c": coll.name, "min": 3})
    result = body["result"] if isinstance(body, dict) else body
    assert result == [3, 4]


def test_edge_collection_documents(client, names):
    vertices, edges = names(), names()
    client.create_collection(vertices)
    e = client.create_collection(edges, edge=True)
    with pytest.raises(ex.DocumentInsertError) as info:
        e.insert({"_key": "bad", "no": "from"})
    assert info.value.http_code == 400
    assert info.value.error_code == 1233
    meta = e.insert({"_key": "ok", "_from": "%s/a" % vertices, "_to": "%s/b" % vertices})
    assert meta["_id"] == "%s/ok" % edges
    doc = e.get("ok")
    assert doc["_from"] == "%s/a" % vertices and doc["_to"] == "%s/b" % vertices
