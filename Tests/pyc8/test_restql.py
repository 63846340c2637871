"""RESTQL (query workers): create, list, execute (bind vars, batches, fetch),
update, import, delete."""

import pytest

from c8 import exceptions as ex

from conftest import uniq


@pytest.fixture
def restqls(client):
    made = []

    def name():
        n = uniq("pyc8q")
        made.append(n)
        return n

    yield name
    for n in made:
        try:
            client.delete_restql(n)
        except ex.RestqlDeleteError:
            pass


def test_create_list_execute_delete(client, coll, restqls):
    coll.insert_many([{"_key": str(i), "v": i} for i in range(5)])
    name = restqls()
    value = "FOR d IN %s FILTER d.v >= @min SORT d.v RETURN d.v" % coll.name
    saved = client.create_restql({"query": {"name": name, "value": value, "parameter": {"min": 0}}})
    assert saved["name"] == name
    assert saved["value"] == value
    listed = {q["name"]: q for q in client.get_restqls()}
    assert name in listed and listed[name]["value"] == value
    body = client.execute_restql(name, {"bindVars": {"min": 3}})
    assert body["result"] == [3, 4]
    assert body["hasMore"] is False
    assert client.delete_restql(name) is True
    assert name not in {q["name"] for q in client.get_restqls()}
    with pytest.raises(ex.RestqlExecuteError) as info:
        client.execute_restql(name, {"bindVars": {"min": 3}})
    assert info.value.http_code == 404


def test_execute_in_batches(client, coll, restqls):
    coll.insert_many([{"_key": "k%02d" % i, "v": i} for i in range(7)])
    name = restqls()
    client.create_restql({"query": {"name": name, "value": "FOR d IN %s SORT d.v RETURN d.v" % coll.name}})
    first = client.execute_restql(name, {"batchSize": 3})
    assert first["result"] == [0, 1, 2]
    assert first["hasMore"] is True
    second = client.read_next_batch_restql(first["id"])
    assert second["result"] == [3, 4, 5]
    third = client.read_next_batch_restql(first["id"])
    assert third["result"] == [6]
    assert third["hasMore"] is False


def test_execute_without_data_uses_defaults(client, restqls):
    name = restqls()
    client.create_restql({"query": {"name": name, "value": "RETURN @x * 2", "parameter": {"x": 21}}})
    assert client.execute_restql(name)["result"] == [42]


def test_write_restql(client, coll, restqls):
    name = restqls()
    client.create_restql({"query": {"name": name, "value": "INSERT {_key: @k, v: @v} INTO %s" % coll.name}})
    body = client.execute_restql(name, {"bindVars": {"k": "w1", "v": 7}})
    assert body["result"] == []
    assert coll.get("w1")["v"] == 7


def test_update(client, restqls):
    name = restqls()
    client.create_restql({"query": {"name": name, "value": "RETURN 1"}})
    assert client.update_restql(name, {"query": {"value": "RETURN 2"}}) is True
    assert {q["name"]: q for q in client.get_restqls()}[name]["value"] == "RETURN 2"
    assert client.execute_restql(name)["result"] == [2]


def test_import(client, restqls):
    a, b = restqls(), restqls()
    result = client.import_restql([{"name": a, "value": "RETURN 'a'"}, {"name": b, "value": "RETURN 'b'"}])
    assert result["created"] == 2
    assert result["errors"] == 0
    names = {q["name"] for q in client.get_restqls()}
    assert a in names and b in names
    assert client.execute_restql(b)["result"] == ["b"]


def test_duplicate_and_bad_names(client, restqls):
    name = restqls()
    client.create_restql({"query": {"name": name, "value": "RETURN 1"}})
    with pytest.raises(ex.RestqlCreateError) as info:
        client.create_restql({"query": {"name": name, "value": "RETURN 1"}})
    assert info.value.http_code == 409
    with pytest.raises(ex.RestqlValidationError):
        client.create_restql({"query": {"name": "has space", "value": "RETURN 1"}})


def test_delete_missing(client):
    with pytest.raises(ex.RestqlDeleteError) as info:
        client.delete_restql(uniq("ghost"))
    assert info.value.http_code == 404
