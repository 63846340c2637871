"""Graphs (gharial): create/list/properties/delete, vertex and edge
collections and definitions, vertices and edges, /edges, C8QL traversal."""

import pytest

from c8 import exceptions as ex

from conftest import uniq


@pytest.fixture
def social(client):
    """A graph people -knows-> people, with orphan collection cities."""
    g, people, knows, cities = uniq("pyc8g"), uniq("people"), uniq("knows"), uniq("cities")
    graph = client.create_graph(g, edge_definitions=[{
        "edge_collection": knows, "from_vertex_collections": [people], "to_vertex_collections": [people]}],
        orphan_collections=[cities])
    yield {"graph": graph, "name": g, "people": people, "knows": knows, "cities": cities}
    client.delete_graph(g, ignore_missing=True, drop_collections=True)
    for n in (people, knows, cities):
        client.delete_collection(n, ignore_missing=True)


def test_create_and_list(client, social):
    assert client.has_graph(social["name"])
    listed = {g["name"]: g for g in client.get_graphs()}[social["name"]]
    assert listed["id"] == "_graphs/%s" % social["name"]
    assert listed["revision"]
    assert listed["orphan_collections"] == [social["cities"]]
    assert listed["edge_definitions"] == [{"edge_collection": social["knows"],
                                           "from_vertex_collections": [social["people"]],
                                           "to_vertex_collections": [social["people"]]}]
    # The collections exist, the edge one as an edge collection.
    types = {c["name"]: c["type"] for c in client.get_collections()}
    assert types[social["people"]] == "document"
    assert types[social["knows"]] == "edge"
    assert types[social["cities"]] == "document"


def test_properties(social):
    props = social["graph"].properties()
    assert props["id"] == "_graphs/%s" % social["name"]
    assert props["name"] == social["name"]
    assert props["revision"]
    assert props["orphan_collections"] == [social["cities"]]
    assert social["graph"].edge_definitions()[0]["edge_collection"] == social["knows"]


def test_duplicate_and_missing_graph(client, social):
    with pytest.raises(ex.GraphCreateError) as info:
        client.create_graph(social["name"])
    assert info.value.http_code == 409
    assert info.value.error_code == 1925
    ghost = uniq("ghostgraph")
    assert client.delete_graph(ghost, ignore_missing=True) is False
    with pytest.raises(ex.GraphDeleteError) as info:
        client.delete_graph(ghost)
    assert info.value.http_code == 404
    assert info.value.error_code == 1924
    with pytest.raises(ex.GraphPropertiesError) as info:
        client.get_graph(ghost).properties()
    assert info.value.error_code == 1924


def test_vertex_collections(client, social):
    graph = social["graph"]
    assert graph.vertex_collections() == sorted([social["people"], social["cities"]])
    extra = uniq("extra")
    graph.create_vertex_collection(extra)
    assert graph.has_vertex_collection(extra)
    assert client.has_collection(extra)
    assert graph.delete_vertex_collection(extra, purge=True) is True
    assert not graph.has_vertex_collection(extra)
    assert not client.has_collection(extra)


def test_edge_definitions(client, social):
    g = social["name"]
    likes, things = uniq("likes"), uniq("things")
    client.insert_edge(g, likes, [social["people"]], [things])
    assert client.get_graph(g).has_edge_definition(likes)
    defs = {d["edge_collection"]: d for d in client.get_edges(g)}
    assert defs[likes]["to_vertex_collections"] == [things]
    client.replace_edge(g, likes, [social["people"]], [social["cities"]])
    defs = {d["edge_collection"]: d for d in client.get_edges(g)}
    assert defs[likes]["to_vertex_collections"] == [social["cities"]]
    # things, no longer reached by any edge definition, stays an orphan.
    assert things in client.get_graph(g).properties()["orphan_collections"]
    assert client.delete_edge(g, likes, purge=True) is True
    assert not client.get_graph(g).has_edge_definition(likes)
    assert not client.has_collection(likes)
    client.delete_collection(things, ignore_missing=True)


def test_vertices(social):
    graph, people = social["graph"], social["people"]
    meta = graph.insert_vertex(people, {"_key": "ann", "age": 30})
    assert meta["_id"] == "%s/ann" % people
    got = graph.vertex("%s/ann" % people)
    assert got["age"] == 30 and got["_rev"] == meta["_rev"]
    assert graph.has_vertex("%s/ann" % people)
    updated = graph.update_vertex({"_id": "%s/ann" % people, "city": "Oslo"})
    assert updated["_old_rev"] == meta["_rev"]
    v = graph.vertex("%s/ann" % people)
    assert v["age"] == 30 and v["city"] == "Oslo"
    with pytest.raises(ex.DocumentRevisionError):
        graph.update_vertex({"_id": "%s/ann" % people, "_rev": meta["_rev"], "age": 1})
    replaced = graph.replace_vertex({"_id": "%s/ann" % people, "only": True})
    assert replaced["_old_rev"] == updated["_rev"]
    v = graph.vertex("%s/ann" % people)
    assert v["only"] is True and "age" not in v
    with pytest.raises(ex.DocumentRevisionError):
        graph.delete_vertex("%s/ann" % people, rev=meta["_rev"])
    assert graph.has_vertex("%s/ann" % people)
    assert graph.delete_vertex("%s/ann" % people) is True
    assert graph.vertex("%s/ann" % people) is None
    assert graph.delete_vertex("%s/ann" % people, ignore_missing=True) is False
    with pytest.raises(ex.DocumentDeleteError) as info:
        graph.delete_vertex("%s/ann" % people)
    assert info.value.error_code == 1202


def test_vertex_collection_api(social):
    vc = social["graph"].vertex_collection(social["people"])
    assert vc.insert({"_key": "bob"}, silent=True) is True
    assert vc.get("bob")["_key"] == "bob"
    assert vc.get("nobody") is None


def test_edges(client, social):
    graph, people, knows = social["graph"], social["people"], social["knows"]
    for key in ("a", "b", "c"):
        graph.insert_vertex(people, {"_key": key})
    e1 = graph.insert_edge(knows, {"_key": "ab", "_from": "%s/a" % people, "_to": "%s/b" % people, "since": 2020})
    assert e1["_id"] == "%s/ab" % knows
    e2 = graph.link(knows, "%s/b" % people, "%s/c" % people, data={"_key": "bc", "since": 2021})
    assert e2["_key"] == "bc"
    client.link_edge(social["name"], knows, "%s/a" % people, "%s/c" % people, data={"_key": "ac"})
    edge = graph.edge("%s/ab" % knows)
    assert edge["_from"] == "%s/a" % people and edge["_to"] == "%s/b" % people and edge["since"] == 2020
    assert graph.has_edge("%s/ab" % knows)

    out_a = graph.edges(knows, "%s/a" % people, direction="out")
    assert sorted(e["_key"] for e in out_a["edges"]) == ["ab", "ac"]
    assert "filtered" in out_a["stats"] and "scanned_index" in out_a["stats"]
    in_c = graph.edges(knows, "%s/c" % people, direction="in")
    assert sorted(e["_key"] for e in in_c["edges"]) == ["ac", "bc"]
    any_b = graph.edges(knows, "%s/b" % people)
    assert sorted(e["_key"] for e in any_b["edges"]) == ["ab", "bc"]

    updated = graph.update_edge({"_id": "%s/ab" % knows, "since": 2019})
    assert updated["_old_rev"] == e1["_rev"]
    assert client.update_edge(social["name"], {"_id": "%s/ab" % knows, "w": 1})["_key"] == "ab"
    assert graph.edge("%s/ab" % knows)["since"] == 2019
    graph.replace_edge({"_id": "%s/bc" % knows, "_from": "%s/b" % people, "_to": "%s/a" % people})
    assert graph.edge("%s/bc" % knows)["_to"] == "%s/a" % people
    assert graph.delete_edge("%s/ac" % knows) is True
    assert graph.edge("%s/ac" % knows) is None


def test_edge_outside_definition_refused(social):
    graph = social["graph"]
    graph.insert_vertex(social["people"], {"_key": "p"})
    graph.insert_vertex(social["cities"], {"_key": "c"})
    with pytest.raises(ex.DocumentInsertError) as info:
        graph.insert_edge(social["knows"], {"_from": "%s/p" % social["people"], "_to": "%s/c" % social["cities"]})
    assert info.value.http_code in (400, 404)


def test_traversal_in_c8ql(fabric, social):
    graph, people, knows = social["graph"], social["people"], social["knows"]
    for key in ("a", "b", "c", "d"):
        graph.insert_vertex(people, {"_key": key})
    for f, t in (("a", "b"), ("b", "c"), ("c", "d")):
        graph.link(knows, "%s/%s" % (people, f), "%s/%s" % (people, t))
    cursor = fabric.c8ql.execute("FOR v IN 1..2 OUTBOUND @start GRAPH @g RETURN v._key",
                                 bind_vars={"start": "%s/a" % people, "g": social["name"]})
    assert sorted(cursor) == ["b", "c"]
    cursor = fabric.c8ql.execute("FOR v, e IN 1..3 OUTBOUND @start @@e RETURN e._to",
                                 bind_vars={"start": "%s/a" % people, "@e": knows})
    assert len(list(cursor)) == 3
    cursor = fabric.c8ql.execute(
        "FOR v IN OUTBOUND SHORTEST_PATH @a TO @d GRAPH @g RETURN v._key",
        bind_vars={"a": "%s/a" % people, "d": "%s/d" % people, "g": social["name"]})
    assert list(cursor) == ["a", "b", "c", "d"]


def test_delete_graph_drops_collections(client):
    g, vs, es = uniq("pyc8g"), uniq("vs"), uniq("es")
    client.create_graph(g, edge_definitions=[{"edge_collection": es, "from_vertex_collections": [vs],
                                              "to_vertex_collections": [vs]}])
    assert client.has_collection(vs) and client.has_collection(es)
    assert client.delete_graph(g, drop_collections=True) is True
    assert not client.has_graph(g)
    assert not client.has_collection(vs) and not client.has_collection(es)
