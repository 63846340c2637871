"""C8QL: execute with bind vars, cursor paging (PUT /cursor/{id}), count,
close, errors, warnings, profile, validate, explain, running/slow queries."""

import time

import pytest

from c8 import exceptions as ex


@pytest.fixture
def numbers(coll):
    coll.insert_many([{"_key": "n%02d" % i, "v": i} for i in range(10)])
    return coll


def test_execute_with_bind_vars(fabric, numbers):
    cursor = fabric.c8ql.execute("FOR d IN @@c FILTER d.v >= @min SORT d.v RETURN d.v",
                                 bind_vars={"@c": numbers.name, "min": 6})
    assert list(cursor) == [6, 7, 8, 9]


def test_execute_query_wrapper(client, numbers):
    cursor = client.execute_query("FOR d IN %s SORT d.v DESC LIMIT 3 RETURN {k: d._key, v: d.v}" % numbers.name,
                                  count=True)
    assert cursor.count() == 3
    assert list(cursor) == [{"k": "n09", "v": 9}, {"k": "n08", "v": 8}, {"k": "n07", "v": 7}]


def test_cursor_paging(fabric, numbers):
    cursor = fabric.c8ql.execute("FOR d IN @@c SORT d.v RETURN d.v", bind_vars={"@c": numbers.name},
                                 batch_size=3, count=True, ttl=30)
    assert cursor.count() == 10
    assert len(cursor) == 10
    assert cursor.has_more() is True
    assert isinstance(cursor.id, str) and cursor.id
    assert list(cursor.batch()) == [0, 1, 2]
    assert list(cursor) == list(range(10))
    assert cursor.has_more() is False
    # Exhausted: the server freed it.
    assert cursor.close(ignore_missing=True) is False
    with pytest.raises(ex.CursorCloseError) as info:
        cursor.close()
    assert info.value.http_code == 404
    assert info.value.error_code == 1600


def test_cursor_fetch_by_hand(fabric, numbers):
    cursor = fabric.c8ql.execute("FOR d IN @@c SORT d.v RETURN d.v", bind_vars={"@c": numbers.name},
                                 batch_size=4)
    assert cursor.count() is None  # count not requested
    first = [cursor.pop() for _ in range(4)]
    assert first == [0, 1, 2, 3]
    batch = cursor.fetch()
    assert batch["batch"] == [4, 5, 6, 7]
    assert batch["has_more"] is True
    batch = cursor.fetch()
    assert batch["batch"] == [8, 9]
    assert batch["has_more"] is False


def test_cursor_close_early(fabric, numbers):
    cursor = fabric.c8ql.execute("FOR d IN @@c RETURN d", bind_vars={"@c": numbers.name}, batch_size=2)
    assert cursor.has_more()
    assert cursor.close() is True
    with pytest.raises(ex.CursorNextError) as info:
        cursor.fetch()
    assert info.value.http_code == 404
    assert info.value.error_code == 1600


def test_small_result_has_no_cursor(fabric):
    cursor = fabric.c8ql.execute("FOR i IN 1..3 RETURN i * 2", batch_size=10)
    assert cursor.id is None
    assert cursor.has_more() is False
    assert list(cursor) == [2, 4, 6]
    assert cursor.close() is None


def test_write_query(fabric, coll):
    cursor = fabric.c8ql.execute("FOR i IN 1..5 INSERT {_key: TO_STRING(i), sq: i * i} INTO @@c RETURN NEW.sq",
                                 bind_vars={"@c": coll.name})
    assert sorted(cursor) == [1, 4, 9, 16, 25]
    assert coll.count() == 5
    assert coll.get("3")["sq"] == 9
    fabric.c8ql.execute("FOR d IN @@c FILTER d.sq > 10 REMOVE d IN @@c", bind_vars={"@c": coll.name})
    assert coll.count() == 3


def test_syntax_error(fabric):
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        fabric.c8ql.execute("FOR d IN RETURN")
    assert info.value.http_code == 400
    assert info.value.error_code == 1501


def test_empty_query(fabric):
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        fabric.c8ql.execute("")
    assert info.value.http_code == 400
    assert info.value.error_code == 1502


def test_unknown_collection(fabric):
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        fabric.c8ql.execute("FOR d IN nosuchcollection123 RETURN d")
    assert info.value.http_code == 404
    assert info.value.error_code == 1203


def test_missing_bind_var(fabric):
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        fabric.c8ql.execute("RETURN @x")
    assert info.value.http_code == 400
    assert info.value.error_code == 1551


def test_warnings_and_fail_on_warning(fabric):
    cursor = fabric.c8ql.execute("RETURN 1 / 0")
    assert list(cursor) == [None]
    warnings = cursor.warnings()
    assert warnings and warnings[0]["code"] == 1562
    with pytest.raises(ex.C8QLQueryExecuteError) as info:
        fabric.c8ql.execute("RETURN 1 / 0", fail_on_warning=True)
    assert info.value.error_code == 1562


def test_profile(fabric):
    cursor = fabric.c8ql.execute("FOR i IN 1..3 RETURN i", profile=True)
    assert list(cursor) == [1, 2, 3]
    assert cursor.profile() is not None


def test_options_accepted(fabric, numbers):
    cursor = fabric.c8ql.execute("FOR d IN @@c LIMIT 2 RETURN d.v", bind_vars={"@c": numbers.name},
                                 full_count=True, optimizer_rules=["-all"], max_warning_count=5,
                                 stream=False, skip_inaccessible_collections=False)
    assert len(list(cursor)) == 2


def test_get_all_batches(client, numbers):
    docs = client.get_all_batches("FOR d IN @@c RETURN d", bind_vars={"@c": numbers.name}, batch_size=3)
    assert sorted(d["v"] for d in docs) == list(range(10))
    assert all("_id" not in d and "_rev" not in d for d in docs)
    with pytest.raises(ex.C8QLGetAllBatchesError):
        client.get_all_batches("FOR d IN x REMOVE d IN x")


def test_validate(client, coll):
    body = client.validate_query("FOR d IN %s FILTER d.v == @v RETURN d" % coll.name)
    assert body["parsed"] is True
    assert body["bind_vars"] == ["v"]
    assert coll.name in body["collections"]
    with pytest.raises(ex.C8QLQueryValidateError) as info:
        client.validate_query("FOR d IN RETURN")
    assert info.value.http_code == 400
    assert info.value.error_code == 1501


def test_explain(client, fabric, coll):
    plan = client.explain_query("FOR d IN %s FILTER d.v == 1 RETURN d" % coll.name)
    assert isinstance(plan, dict)
    assert plan["nodes"]
    plans = fabric.c8ql.explain("FOR d IN %s RETURN d" % coll.name, all_plans=True, max_plans=2)
    assert isinstance(plans, list) and plans and "nodes" in plans[0]
    with pytest.raises(ex.C8QLQueryExplainError):
        client.explain_query("FOR d IN RETURN")


def test_running_and_slow_queries(client, fabric):
    assert isinstance(client.get_running_queries(), list)
    assert isinstance(fabric.c8ql.slow_queries(), list)
    assert fabric.c8ql.clear_slow_queries() is True
    assert fabric.c8ql.slow_queries() == []


def test_kill_unknown_query(client):
    with pytest.raises(ex.C8QLQueryKillError) as info:
        client.kill_query("999999999")
    assert info.value.http_code == 404


def test_cursor_ttl_expires(fabric, numbers):
    cursor = fabric.c8ql.execute("FOR d IN @@c RETURN d", bind_vars={"@c": numbers.name}, batch_size=2, ttl=1)
    assert cursor.has_more()
    time.sleep(2.5)
    with pytest.raises(ex.CursorNextError) as info:
        cursor.fetch()
    assert info.value.http_code == 404
    assert info.value.error_code == 1600
