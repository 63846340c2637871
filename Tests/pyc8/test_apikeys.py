"""API keys: create/list/get/remove, access levels per fabric and collection
(ro/rw/none, with `*` defaults), enforcement seen through pyC8's
exceptions, attributes."""

import pytest

from c8 import exceptions as ex

from conftest import make_client, names_of as _names, uniq


@pytest.fixture
def apikey(client):
    """A new API key (no grants yet): {keyid, key, client()}."""
    keyid = uniq("pyc8key")
    body = client.create_api_key(keyid)
    info = {"keyid": keyid, "key": body["key"], "body": body}
    info["client"] = lambda: make_client(apikey=info["key"])
    yield info
    try:
        client.remove_api_key(keyid)
    except ex.C8Error:
        pass


def test_create_list_get_remove(client):
    keyid = uniq("pyc8key")
    body = client.create_api_key(keyid)
    assert body["keyid"] == keyid
    assert body["key"]
    assert keyid in {k["keyid"] for k in client.list_all_api_keys()}
    got = client.get_api_key(keyid)
    assert got["keyid"] == keyid
    assert "key" not in got or got["key"] != body["key"], "the secret is shown again"
    assert client.remove_api_key(keyid) is True
    assert keyid not in {k["keyid"] for k in client.list_all_api_keys()}
    with pytest.raises(ex.GetAPIKeys) as info:
        client.get_api_key(keyid)
    assert info.value.http_code == 404


def test_admin_key_listed(client):
    assert "admin" in {k["keyid"] for k in client.list_all_api_keys()}


def test_duplicate_key_id(client, apikey):
    with pytest.raises(ex.CreateAPIKey) as info:
        client.create_api_key(apikey["keyid"])
    assert info.value.http_code == 409


def test_new_key_connects_and_finds_tenant(apikey, client):
    client.set_database_access_level(apikey["keyid"], "_system", "ro")
    c = apikey["client"]()
    assert c._tenant.name == "c8"


def test_database_access_levels(client, apikey):
    keyid = apikey["keyid"]
    client.set_database_access_level(keyid, "_system", "rw")
    assert client.get_database_access_level(keyid, "_system") == "rw"
    assert "_system" in _names(client.list_accessible_databases(keyid))
    client.set_database_access_level(keyid, "_system", "ro")
    assert client.get_database_access_level(keyid, "_system") == "ro"
    assert client.clear_database_access_level(keyid, "_system") is True
    assert client.get_database_access_level(keyid, "_system") == "none"


def test_billing_access_level(client, apikey):
    keyid = apikey["keyid"]
    assert client.get_billing_access_level(keyid) == "none"
    client.set_billing_access_level(keyid, "rw")
    assert client.get_billing_access_level(keyid) == "rw"
    client.clear_billing_access_level(keyid)
    assert client.get_billing_access_level(keyid) == "none"


def test_collection_access_levels(client, apikey, coll):
    keyid = apikey["keyid"]
    client.set_database_access_level(keyid, "_system", "ro")
    client.set_collection_access_level(keyid, coll.name, "_system", "rw")
    assert client.get_collection_access_level(keyid, coll.name, "_system") == "rw"
    assert coll.name in _names(client.list_accessible_collections(keyid, "_system"))
    assert client.clear_collection_access_level(keyid, coll.name, "_system") is True
    # Without an explicit level the `*` default applies, then the fabric's.
    client.set_collection_access_level(keyid, "*", "_system", "none")
    assert client.get_collection_access_level(keyid, coll.name, "_system") == "none"
    client.clear_collection_access_level(keyid, "*", "_system")
    assert client.get_collection_access_level(keyid, coll.name, "_system") == "ro"


@pytest.fixture
def ro_setup(client, apikey, coll):
    """A key with ro on _system and on coll, which holds {_key: seen, v: 1}."""
    coll.insert({"_key": "seen", "v": 1})
    client.set_database_access_level(apikey["keyid"], "_system", "ro")
    client.set_collection_access_level(apikey["keyid"], coll.name, "_system", "ro")
    ro = apikey["client"]()
    return ro, ro.get_collection(coll.name)


def test_ro_key_reads(ro_setup, coll):
    ro, c = ro_setup
    assert c.get("seen")["v"] == 1
    assert c.count() == 1
    assert list(ro.execute_query("FOR d IN %s RETURN d.v" % coll.name)) == [1]


def test_ro_key_cannot_write_documents(ro_setup, coll):
    ro, c = ro_setup
    with pytest.raises(ex.DocumentInsertError) as info:
        c.insert({"_key": "nope"})
    assert info.value.http_code == 403
    with pytest.raises(ex.DocumentUpdateError) as info:
        c.update({"_key": "seen", "v": 2})
    assert info.value.http_code == 403
    with pytest.raises(ex.DocumentReplaceError) as info:
        c.replace({"_key": "seen", "v": 2})
    assert info.value.http_code == 403
    with pytest.raises(ex.DocumentDeleteError) as info:
        c.delete("seen")
    assert info.value.http_code == 403
    assert coll.count() == 1 and coll.get("seen")["v"] == 1


def test_ro_key_cannot_write_by_query(ro_setup, coll):
    ro, c = ro_setup
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        ro.execute_query("INSERT {_key: 'q'} INTO %s" % coll.name)
    assert info.value.http_code == 403
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        ro.execute_query("FOR d IN %s REMOVE d IN %s" % (coll.name, coll.name))
    assert info.value.http_code == 403
    assert coll.count() == 1 and coll.get("q") is None


def test_ro_key_cannot_create_truncate_or_import(ro_setup, coll):
    ro, c = ro_setup
    with pytest.raises(ex.CollectionCreateError) as info:
        ro.create_collection(uniq("rocoll"))
    assert info.value.http_code == 403
    with pytest.raises(ex.CollectionTruncateError) as info:
        c.truncate()
    assert info.value.http_code == 403
    with pytest.raises(ex.DocumentInsertError) as info:
        c.import_bulk([{"_key": "imp"}])
    assert info.value.http_code == 403
    assert coll.count() == 1


def test_rw_collection_in_ro_fabric(client, apikey, coll):
    keyid = apikey["keyid"]
    client.set_database_access_level(keyid, "_system", "ro")
    client.set_collection_access_level(keyid, coll.name, "_system", "rw")
    rw = apikey["client"]()
    c = rw.get_collection(coll.name)
    assert c.insert({"_key": "w", "v": 1})["_key"] == "w"
    assert c.update({"_key": "w", "v": 2})["_key"] == "w"
    assert coll.get("w")["v"] == 2
    with pytest.raises(ex.CollectionCreateError) as info:
        rw.create_collection(uniq("notallowed"))
    assert info.value.http_code == 403
    with pytest.raises(ex.CollectionDeleteError) as info:
        rw.delete_collection(coll.name)
    assert info.value.http_code == 403


def test_rw_fabric_key_administers(client, apikey):
    keyid = apikey["keyid"]
    client.set_database_access_level(keyid, "_system", "rw")
    client.set_collection_access_level(keyid, "*", "_system", "rw")
    rw = apikey["client"]()
    name = uniq("bykey")
    rw.create_collection(name)
    try:
        assert rw.insert_document(name, document={"_key": "a"})["_key"] == "a"
    finally:
        assert rw.delete_collection(name) is True


@pytest.fixture
def none_setup(client, apikey, coll):
    """A key with ro on _system and none on coll, which holds {_key: secret}."""
    coll.insert({"_key": "secret", "v": 42})
    client.set_database_access_level(apikey["keyid"], "_system", "ro")
    client.set_collection_access_level(apikey["keyid"], coll.name, "_system", "none")
    return apikey["client"]()


def test_none_collection_not_listed(none_setup, coll):
    assert coll.name not in [c["name"] for c in none_setup.get_collections()]


def test_none_collection_document_unreadable(none_setup, coll):
    from c8.collection import StandardCollection
    hidden = StandardCollection(none_setup._tenant._conn, none_setup._fabric._executor, coll.name)
    try:
        doc = hidden.get("secret")
    except ex.DocumentGetError as error:
        assert error.http_code in (403, 404)
    else:
        assert doc is None, "a key with 'none' on the collection read its document"
    with pytest.raises(ex.DocumentCountError) as info:
        hidden.count()
    assert info.value.http_code in (403, 404)


def test_none_collection_query_refused(none_setup, coll):
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        none_setup.execute_query("FOR d IN %s RETURN d" % coll.name)
    assert info.value.http_code in (403, 404)


def test_key_without_fabric_access(client, apikey):
    key_client = apikey["client"]()  # no grants at all
    with pytest.raises(ex.CollectionListError) as info:
        key_client.get_collections()
    assert info.value.http_code in (401, 403, 404)


def test_non_admin_key_cannot_manage_keys(client, apikey):
    client.set_database_access_level(apikey["keyid"], "_system", "rw")
    key_client = apikey["client"]()
    with pytest.raises(ex.CreateAPIKey) as info:
        key_client.create_api_key(uniq("sneaky"))
    assert info.value.http_code in (401, 403)
    with pytest.raises(ex.SetDataBaseAccessLevel) as info:
        key_client.set_database_access_level(apikey["keyid"], "_system", "rw")
    assert info.value.http_code in (401, 403)


def test_removed_key_stops_working(client):
    keyid = uniq("pyc8key")
    secret = client.create_api_key(keyid)["key"]
    client.set_database_access_level(keyid, "_system", "ro")
    c = make_client(apikey=secret)
    assert isinstance(c.get_collections(), list)
    client.remove_api_key(keyid)
    with pytest.raises(ex.CollectionListError) as info:
        c.get_collections()
    assert info.value.http_code == 401


def test_attributes(client, apikey):
    keyid = apikey["keyid"]
    client.update_attributes(keyid, {"team": "qa", "region": "eu"})
    attrs = client.get_attributes(keyid)
    attrs = attrs.get("result", attrs)
    assert attrs["team"] == "qa" and attrs["region"] == "eu"
    client.remove_attribute(keyid, "team")
    attrs = client.get_attributes(keyid)
    attrs = attrs.get("result", attrs)
    assert "team" not in attrs and attrs["region"] == "eu"
    client.remove_all_attributes(keyid)
    attrs = client.get_attributes(keyid)
    assert not attrs.get("result", attrs) or attrs.get("result", attrs) == {}
