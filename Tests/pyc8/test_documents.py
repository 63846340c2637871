"""Documents: insert/get/has/update/replace/delete, batch variants, options
(return_new/return_old/silent/keep_none/merge/check_rev), revision errors."""

import json

import pytest

from c8 import exceptions as ex

from conftest import uniq


def strip_meta(doc):
    return {k: v for k, v in doc.items() if k not in ("_id", "_key", "_rev")}


# --- insert / get ---------------------------------------------------------


def test_insert_and_get(coll):
    doc = {"_key": "alice", "age": 31, "tags": ["a", "b"], "nested": {"x": 1.5, "s": "é✓"}, "nil": None}
    meta = coll.insert(doc)
    assert meta["_id"] == "%s/alice" % coll.name
    assert meta["_key"] == "alice"
    assert meta["_rev"]
    got = coll.get("alice")
    assert got["_rev"] == meta["_rev"]
    assert got["_id"] == meta["_id"]
    assert strip_meta(got) == strip_meta(doc)
    # By handle and by dict.
    assert coll.get("%s/alice" % coll.name)["age"] == 31
    assert coll.get({"_key": "alice"})["age"] == 31
    assert coll["alice"]["age"] == 31


def test_insert_generates_key(coll):
    meta = coll.insert({"v": 1})
    assert meta["_key"]
    assert meta["_id"] == "%s/%s" % (coll.name, meta["_key"])
    assert coll.get(meta["_key"])["v"] == 1


def test_insert_return_new(coll):
    meta = coll.insert({"_key": "n1", "v": 1}, return_new=True)
    assert meta["new"]["v"] == 1
    assert meta["new"]["_key"] == "n1"
    assert meta["new"]["_rev"] == meta["_rev"]


def test_insert_silent(coll):
    assert coll.insert({"_key": "s1", "v": 1}, silent=True) is True
    assert coll.get("s1")["v"] == 1


def test_insert_sync(coll):
    meta = coll.insert({"_key": "w1"}, sync=True)
    assert meta["_key"] == "w1"


def test_insert_duplicate_key(coll):
    coll.insert({"_key": "dup"})
    with pytest.raises(ex.DocumentInsertError) as info:
        coll.insert({"_key": "dup"})
    assert info.value.http_code == 409
    assert info.value.error_code == 1210


def test_insert_bad_key(coll):
    with pytest.raises(ex.DocumentInsertError) as info:
        coll.insert({"_key": "bad key/with slash"})
    assert info.value.http_code == 400
    assert info.value.error_code == 1221


def test_get_missing_is_none_and_has(coll):
    assert coll.get("nobody") is None
    assert coll.has("nobody") is False
    coll.insert({"_key": "somebody"})
    assert coll.has("somebody") is True


def test_get_with_revision(coll):
    meta = coll.insert({"_key": "r", "v": 1})
    assert coll.get("r", rev=meta["_rev"])["v"] == 1
    with pytest.raises(ex.DocumentRevisionError) as info:
        coll.get("r", rev="_stale_rev_")
    assert info.value.http_code == 412
    # check_rev=False ignores the revision.
    assert coll.get({"_key": "r", "_rev": "_stale_rev_"}, check_rev=False)["v"] == 1
    with pytest.raises(ex.DocumentRevisionError):
        coll.has("r", rev="_stale_rev_")


def test_get_in_missing_collection(client, coll):
    name = coll.name
    c = client.get_collection(name)
    client.delete_collection(name)
    with pytest.raises(ex.DocumentGetError) as info:
        c.get("x")
    assert info.value.http_code == 404
    assert info.value.error_code == 1203


def test_client_wrappers(client, coll):
    meta = client.insert_document(coll.name, document={"_key": "w", "v": 1})
    assert meta["_key"] == "w"
    assert client.get_document(coll.name, "w")["v"] == 1
    updated = client.update_document(coll.name, {"_key": "w", "u": 2})
    assert updated["_old_rev"] == meta["_rev"]
    replaced = client.replace_document(coll.name, {"_key": "w", "r": 3})
    assert replaced["_old_rev"] == updated["_rev"]
    assert strip_meta(client.get_document(coll.name, "w")) == {"r": 3}
    assert client.delete_document(coll.name, "w")["_key"] == "w"
    assert client.get_document(coll.name, "w") is None
    many = client.insert_document(coll.name, document=[{"_key": "m1"}, {"_key": "m2"}])
    assert [m["_key"] for m in many] == ["m1", "m2"]
    client.update_document_many(coll.name, [{"_key": "m1", "x": 1}, {"_key": "m2", "x": 2}])
    client.replace_document_many(coll.name, [{"_key": "m1", "y": 1}, {"_key": "m2", "y": 2}])
    assert strip_meta(coll.get("m2")) == {"y": 2}
    deleted = client.delete_document_many(coll.name, ["m1", "m2"])
    assert [d["_key"] for d in deleted] == ["m1", "m2"]
    assert coll.count() == 0


def test_get_all_documents(client, coll):
    coll.insert_many([{"_key": "g%d" % i, "v": i} for i in range(25)])
    docs = client.get_all_documents(coll.name, batch_size=10)
    assert sorted(d["v"] for d in docs) == list(range(25))


# --- update ---------------------------------------------------------------


def test_update_merges(coll):
    meta = coll.insert({"_key": "u", "a": 1, "obj": {"x": 1, "y": 2}})
    result = coll.update({"_key": "u", "b": 2, "obj": {"y": 20, "z": 30}})
    assert result["_old_rev"] == meta["_rev"]
    assert result["_rev"] != meta["_rev"]
    assert strip_meta(coll.get("u")) == {"a": 1, "b": 2, "obj": {"x": 1, "y": 20, "z": 30}}


def test_update_merge_false_replaces_objects(coll):
    coll.insert({"_key": "u", "obj": {"x": 1, "y": 2}})
    coll.update({"_key": "u", "obj": {"z": 3}}, merge=False)
    assert coll.get("u")["obj"] == {"z": 3}


def test_update_keep_none(coll):
    coll.insert({"_key": "u", "a": 1, "b": 2, "c": 3})
    coll.update({"_key": "u", "a": None}, keep_none=True)
    doc = coll.get("u")
    assert "a" in doc and doc["a"] is None
    coll.update({"_key": "u", "b": None}, keep_none=False)
    doc = coll.get("u")
    assert "b" not in doc and doc["c"] == 3


def test_update_return_new_old(coll):
    coll.insert({"_key": "u", "v": 1})
    result = coll.update({"_key": "u", "v": 2}, return_new=True, return_old=True)
    assert result["old"]["v"] == 1
    assert result["new"]["v"] == 2
    assert result["new"]["_rev"] == result["_rev"]


def test_update_silent(coll):
    coll.insert({"_key": "u", "v": 1})
    assert coll.update({"_key": "u", "v": 2}, silent=True) is True
    assert coll.get("u")["v"] == 2


def test_update_stale_rev(coll):
    meta = coll.insert({"_key": "u", "v": 1})
    coll.update({"_key": "u", "v": 2})
    with pytest.raises(ex.DocumentRevisionError) as info:
        coll.update({"_key": "u", "_rev": meta["_rev"], "v": 3})
    assert info.value.http_code == 412
    assert info.value.error_code == 1200
    assert coll.get("u")["v"] == 2
    # With check_rev=False the stale _rev is ignored.
    coll.update({"_key": "u", "_rev": meta["_rev"], "v": 4}, check_rev=False)
    assert coll.get("u")["v"] == 4


def test_update_current_rev(coll):
    meta = coll.insert({"_key": "u", "v": 1})
    result = coll.update({"_key": "u", "_rev": meta["_rev"], "v": 2})
    assert result["_old_rev"] == meta["_rev"]


def test_update_missing(coll):
    with pytest.raises(ex.DocumentUpdateError) as info:
        coll.update({"_key": "ghost", "v": 1})
    assert info.value.http_code == 404
    assert info.value.error_code == 1202


# --- replace --------------------------------------------------------------


def test_replace(coll):
    meta = coll.insert({"_key": "r", "a": 1, "b": 2})
    result = coll.replace({"_key": "r", "c": 3}, return_new=True, return_old=True)
    assert result["_old_rev"] == meta["_rev"]
    assert result["old"]["a"] == 1
    assert strip_meta(result["new"]) == {"c": 3}
    assert strip_meta(coll.get("r")) == {"c": 3}


def test_replace_stale_rev_and_missing(coll):
    meta = coll.insert({"_key": "r", "v": 1})
    coll.replace({"_key": "r", "v": 2})
    with pytest.raises(ex.DocumentRevisionError) as info:
        coll.replace({"_key": "r", "_rev": meta["_rev"], "v": 3})
    assert info.value.http_code == 412 and info.value.error_code == 1200
    assert coll.replace({"_key": "r", "v": 5}, silent=True) is True
    assert coll.get("r")["v"] == 5
    with pytest.raises(ex.DocumentReplaceError) as info:
        coll.replace({"_key": "ghost", "v": 1})
    assert info.value.error_code == 1202


# --- delete ---------------------------------------------------------------


def test_delete(coll):
    meta = coll.insert({"_key": "d", "v": 1})
    result = coll.delete("d", return_old=True)
    assert result["_key"] == "d"
    assert result["_rev"] == meta["_rev"]
    assert result["old"]["v"] == 1
    assert coll.get("d") is None


def test_delete_missing(coll):
    assert coll.delete("ghost", ignore_missing=True) is False
    with pytest.raises(ex.DocumentDeleteError) as info:
        coll.delete("ghost")
    assert info.value.http_code == 404
    assert info.value.error_code == 1202


def test_delete_revision(coll):
    meta = coll.insert({"_key": "d", "v": 1})
    with pytest.raises(ex.DocumentRevisionError) as info:
        coll.delete("d", rev="_stale_rev_")
    assert info.value.http_code == 412
    assert coll.has("d")
    assert coll.delete({"_key": "d", "_rev": meta["_rev"]}, silent=True) is True
    assert not coll.has("d")


# --- batches --------------------------------------------------------------


def test_insert_many(coll):
    results = coll.insert_many([{"_key": "a", "v": 1}, {"_key": "b", "v": 2}, {"_key": "a", "v": 3}],
                               return_new=True)
    assert results[0]["_key"] == "a" and results[0]["new"]["v"] == 1
    assert results[1]["_key"] == "b"
    assert isinstance(results[2], ex.DocumentInsertError)
    assert results[2].error_code == 1210
    assert coll.count() == 2
    assert coll.get("a")["v"] == 1
    assert coll.insert_many([{"v": 4}, {"v": 5}], silent=True) is True
    assert coll.count() == 4


def test_update_many(coll):
    metas = coll.insert_many([{"_key": "a", "v": 1}, {"_key": "b", "v": 1}, {"_key": "c", "v": 1}])
    coll.update({"_key": "c", "v": 2})
    results = coll.update_many([
        {"_key": "a", "v": 10},
        {"_key": "b", "v": 10, "_rev": metas[1]["_rev"]},
        {"_key": "c", "v": 10, "_rev": metas[2]["_rev"]},
        {"_key": "ghost", "v": 10},
    ], return_new=True)
    assert results[0]["_old_rev"] == metas[0]["_rev"]
    assert results[0]["new"]["v"] == 10
    assert results[1]["_old_rev"] == metas[1]["_rev"]
    assert isinstance(results[2], ex.DocumentRevisionError)
    assert results[2].error_code == 1200
    assert isinstance(results[3], ex.DocumentUpdateError)
    assert results[3].error_code == 1202
    assert coll.get("c")["v"] == 2
    assert coll.get("b")["v"] == 10


def test_update_many_options(coll):
    coll.insert_many([{"_key": "a", "o": {"x": 1}, "n": 1}, {"_key": "b", "o": {"x": 1}, "n": 1}])
    coll.update_many([{"_key": "a", "o": {"y": 2}, "n": None}, {"_key": "b", "o": {"y": 2}}],
                     merge=False, keep_none=False)
    assert strip_meta(coll.get("a")) == {"o": {"y": 2}}
    assert coll.get("b")["o"] == {"y": 2}


def test_replace_many(coll):
    metas = coll.insert_many([{"_key": "a", "v": 1, "old": 1}, {"_key": "b", "v": 1}])
    coll.update({"_key": "b", "v": 2})
    results = coll.replace_many([
        {"_key": "a", "v": 10},
        {"_key": "b", "v": 10, "_rev": metas[1]["_rev"]},
        {"_key": "ghost", "v": 10},
    ], return_old=True)
    assert results[0]["_old_rev"] == metas[0]["_rev"]
    assert results[0]["old"]["old"] == 1
    assert isinstance(results[1], ex.DocumentRevisionError)
    assert isinstance(results[2], ex.DocumentReplaceError)
    assert results[2].error_code == 1202
    assert strip_meta(coll.get("a")) == {"v": 10}


def test_delete_many(coll):
    metas = coll.insert_many([{"_key": k, "v": i} for i, k in enumerate("abcde")])
    coll.update({"_key": "e", "v": 9})
    results = coll.delete_many(["a", {"_key": "b"}, "%s/c" % coll.name, "ghost",
                                {"_key": "e", "_rev": metas[4]["_rev"]}], return_old=True)
    assert results[0]["_key"] == "a" and results[0]["old"]["v"] == 0
    assert results[1]["_key"] == "b"
    assert results[2]["_key"] == "c"
    assert isinstance(results[3], ex.DocumentDeleteError) and results[3].error_code == 1202
    assert isinstance(results[4], ex.DocumentRevisionError) and results[4].error_code == 1200
    assert coll.count() == 2
    assert sorted(d["_key"] for d in coll.export()) == ["d", "e"]
    assert coll.delete_many(["d"], silent=True) is True


# --- raw protocol details pyC8 depends on ---------------------------------


def test_error_shape_for_missing_document(raw, coll):
    response = raw.get("/_fabric/_system/_api/document/%s/ghost" % coll.name)
    assert response.status_code == 404
    body = response.json()
    assert body == {"error": True, "code": 404, "errorNum": 1202, "errorMessage": body["errorMessage"]}


def test_etag_and_if_none_match(raw, coll):
    meta = coll.insert({"_key": "e", "v": 1})
    path = "/_fabric/_system/_api/document/%s/e" % coll.name
    response = raw.get(path)
    assert response.status_code == 200
    assert response.headers.get("etag", "").strip('"') == meta["_rev"]
    assert raw.get(path, headers={"If-None-Match": '"%s"' % meta["_rev"]}).status_code == 304
    assert raw.get(path, headers={"If-Match": '"_stale_"'}).status_code == 412


def test_python_style_booleans_in_query(raw, coll):
    coll.insert({"_key": "b", "v": 1})
    response = raw.post("/_fabric/_system/_api/document/%s?returnNew=True&silent=False" % coll.name,
                        {"_key": "c", "v": 2})
    assert response.status_code in (201, 202), response.text
    assert json.loads(response.text)["new"]["v"] == 2


def test_insert_from_json_and_csv_files(client, coll, tmp_path):
    json_file = tmp_path / "docs.json"
    json_file.write_text(json.dumps([{"_key": "j1", "v": 1}, {"_key": "j2", "v": 2}]))
    result = client.insert_document_from_file(coll.name, str(json_file))
    assert [m["_key"] for m in result[0]] == ["j1", "j2"]
    csv_file = tmp_path / "docs.csv"
    csv_file.write_text("_key,name\nc1,ann\nc2,bob\n")
    coll.insert_from_file(str(csv_file))
    assert coll.get("c2")["name"] == "bob"
    assert coll.count() == 4


@pytest.mark.parametrize("key", ["user:1@x.com", "a+b=c", "(paren)", "semi;colon$", "star*!'", "dash-dot.under_"])
def test_keys_with_punctuation(coll, key):
    # pyC8 pastes the key into the path raw: the server must decode the
    # segment without turning '+' into a space.
    meta = coll.insert({"_key": key, "v": key})
    assert meta["_key"] == key
    assert coll.get(key)["v"] == key
    assert coll.update({"_key": key, "w": 1})["_key"] == key
    assert coll.delete(key)["_key"] == key
    assert coll.get(key) is None


def test_large_batch(coll, fabric):
    docs = [{"_key": "b%04d" % i, "i": i, "pad": "x" * 100} for i in range(2000)]
    results = coll.insert_many(docs)
    assert len(results) == 2000 and all(isinstance(r, dict) for r in results)
    assert coll.count() == 2000
    total = fabric.c8ql.execute("FOR d IN @@c COLLECT AGGREGATE s = SUM(d.i) RETURN s",
                                bind_vars={"@c": coll.name})
    assert list(total) == [sum(range(2000))]
    cursor = fabric.c8ql.execute("FOR d IN @@c RETURN d.i", bind_vars={"@c": coll.name}, batch_size=500)
    assert sorted(cursor) == list(range(2000))


def test_concurrent_clients(server, coll):
    """Eight pyC8 clients (own keep-alive TLS sessions) writing at once."""
    import threading

    from conftest import make_client

    errors = []

    def work(n):
        try:
            c = make_client(apikey=server.admin_key).get_collection(coll.name)
            for i in range(40):
                c.insert({"_key": "t%d_%d" % (n, i), "n": n})
            c.update_many([{"_key": "t%d_%d" % (n, i), "done": True} for i in range(40)])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors[:3]
    assert coll.count() == 320
    assert coll.get("t7_39")["done"] is True
