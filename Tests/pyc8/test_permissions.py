"""Access levels enforced on every kind of resource pyC8 reaches, seen through
its exceptions: a `ro` key reads and cannot write; `none` sees nothing."""

import pytest

from c8 import exceptions as ex

from conftest import make_client, uniq


@pytest.fixture
def keyed(client):
    """make(fabric_level, collection_default) -> C8Client of a new key."""
    made = []

    def make(fabric_level="ro", collections="ro"):
        keyid = uniq("permkey")
        secret = client.create_api_key(keyid)["key"]
        made.append(keyid)
        client.set_database_access_level(keyid, "_system", fabric_level)
        client.set_collection_access_level(keyid, "*", "_system", collections)
        return make_client(apikey=secret)

    yield make
    for keyid in made:
        try:
            client.remove_api_key(keyid)
        except ex.C8Error:
            pass


def _forbidden(error):
    assert error.http_code == 403, "expected 403, got %s: %s" % (error.http_code, error)


def test_ro_cannot_add_or_drop_index(keyed, coll):
    index = coll.add_persistent_index(["a"])
    ro = keyed()
    c = ro.get_collection(coll.name)
    assert any(i["id"] == index["id"] for i in c.indexes())
    with pytest.raises(ex.IndexCreateError) as info:
        c.add_hash_index(["b"])
    _forbidden(info.value)
    with pytest.raises(ex.IndexDeleteError) as info:
        c.delete_index(index["id"])
    _forbidden(info.value)


def test_ro_cannot_change_collection_properties_or_drop(client, keyed, coll):
    ro = keyed()
    with pytest.raises(ex.CollectionPropertiesError) as info:
        ro.update_collection_properties(coll.name, wait_for_sync=True)
    _forbidden(info.value)
    with pytest.raises(ex.CollectionDeleteError) as info:
        ro.delete_collection(coll.name)
    _forbidden(info.value)
    assert client.has_collection(coll.name)


def test_ro_cannot_write_key_value(client, keyed):
    kv = uniq("permkv")
    client.create_collection_kv(kv)
    try:
        client.insert_key_value_pair(kv, [{"_key": "a", "value": 1}])
        ro = keyed()
        assert ro.get_value_for_key(kv, "a")["value"] == 1
        with pytest.raises(ex.C8ServerError) as info:
            ro.insert_key_value_pair(kv, [{"_key": "b", "value": 2}])
        _forbidden(info.value)
        with pytest.raises(ex.C8ServerError) as info:
            ro.delete_entry_for_key(kv, "a")
        _forbidden(info.value)
        with pytest.raises(ex.C8ServerError) as info:
            ro.create_collection_kv(uniq("permkv"))
        _forbidden(info.value)
        assert client.get_kv_count(kv) == 1
    finally:
        client.delete_collection_kv(kv)


def test_ro_cannot_write_graphs(client, keyed):
    g, vs, es = uniq("permg"), uniq("permv"), uniq("perme")
    graph = client.create_graph(g, edge_definitions=[{"edge_collection": es, "from_vertex_collections": [vs],
                                                      "to_vertex_collections": [vs]}])
    try:
        graph.insert_vertex(vs, {"_key": "a"})
        ro = keyed()
        rg = ro.get_graph(g)
        assert rg.vertex("%s/a" % vs)["_key"] == "a"
        with pytest.raises(ex.DocumentInsertError) as info:
            rg.insert_vertex(vs, {"_key": "b"})
        _forbidden(info.value)
        with pytest.raises(ex.GraphCreateError) as info:
            ro.create_graph(uniq("permg"))
        _forbidden(info.value)
        with pytest.raises(ex.GraphDeleteError) as info:
            ro.delete_graph(g)
        _forbidden(info.value)
    finally:
        client.delete_graph(g, drop_collections=True)


def test_ro_restql(client, keyed, coll):
    reader, writer = uniq("permq"), uniq("permq")
    client.create_restql({"query": {"name": reader, "value": "FOR d IN %s RETURN d" % coll.name}})
    client.create_restql({"query": {"name": writer, "value": "INSERT {x: 1} INTO %s" % coll.name}})
    try:
        ro = keyed()
        assert ro.execute_restql(reader)["result"] == []
        with pytest.raises(ex.RestqlExecuteError) as info:
            ro.execute_restql(writer)
        _forbidden(info.value)
        assert coll.count() == 0
        with pytest.raises(ex.RestqlCreateError) as info:
            ro.create_restql({"query": {"name": uniq("permq"), "value": "RETURN 1"}})
        _forbidden(info.value)
    finally:
        client.delete_restql(reader)
        client.delete_restql(writer)


def test_ro_cannot_manage_fabrics(keyed, fabric):
    ro = keyed()
    with pytest.raises(ex.FabricCreateError) as info:
        ro._fabric.create_fabric(uniq("permfab"))
    _forbidden(info.value)


@pytest.fixture
def hidden(keyed, coll):
    """A client whose key has ro on _system and none on every collection."""
    coll.insert({"_key": "secret"})
    return keyed(fabric_level="ro", collections="none")


def test_none_collection_hidden_from_get_all_documents(hidden, coll):
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        hidden.get_all_documents(coll.name)
    assert info.value.http_code in (403, 404)


def test_none_collection_hidden_from_export_query(hidden, coll):
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        hidden.export_data_query("FOR d IN %s RETURN d" % coll.name)
    assert info.value.http_code in (403, 404)


def test_none_collection_hidden_from_export(hidden, coll):
    from c8.collection import StandardCollection
    c = StandardCollection(hidden._tenant._conn, hidden._fabric._executor, coll.name)
    with pytest.raises(ex.DocumentGetError) as info:
        c.export()
    assert info.value.http_code in (403, 404)


def test_fabric_none_sees_nothing(keyed, coll):
    nobody = keyed(fabric_level="none", collections="none")
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        nobody.execute_query("RETURN 1")
    assert info.value.http_code in (401, 403, 404)
    with pytest.raises(ex.CollectionListError) as info:
        nobody.get_collections()
    assert info.value.http_code in (401, 403, 404)


def test_grant_on_one_fabric_only(client, fabric, coll):
    name = uniq("permfab")
    fabric.create_fabric(name, dclist=["us-east"])
    keyid = uniq("permkey")
    try:
        secret = client.create_api_key(keyid)["key"]
        client.set_database_access_level(keyid, name, "rw")
        client.set_collection_access_level(keyid, "*", name, "rw")
        c = make_client(apikey=secret, geofabric=name)
        inside = uniq("inside")
        c.create_collection(inside)
        c.insert_document(inside, document={"_key": "k"})
        assert c.get_document(inside, "k")["_key"] == "k"
        system = make_client(apikey=secret)  # same key on _system: no grant there
        with pytest.raises(ex.CollectionListError) as info:
            system.get_collections()
        assert info.value.http_code in (401, 403, 404)
        with pytest.raises(ex.C8QLQueryExecuteError) as info:
            system.execute_query("FOR d IN %s RETURN d" % coll.name)
        assert info.value.http_code in (401, 403, 404)
    finally:
        try:
            client.remove_api_key(keyid)
        except ex.C8Error:
            pass
        fabric.delete_fabric(name)
