"""Streams through stock pyC8: REST management (create, list, delete,
publish, backlog, stats, subscriptions, TTL, expiry) and the Pulsar
WebSocket API v2 (producer, consumer, reader) over wss on 443."""

import base64
import json
import time

import pytest
import websocket

from c8 import exceptions as ex

from conftest import make_client, uniq

pytestmark = pytest.mark.streams

RECEIVE_TIMEOUT = 10


@pytest.fixture
def stream(client):
    """A fresh global stream; its short name (pyC8 adds `c8globals.`)."""
    name = uniq("pyc8stream")
    client.create_stream(name)
    yield name
    try:
        client.delete_stream("c8globals." + name, force=True)
    except ex.C8Error:
        pass


def receive(socket):
    socket.settimeout(RECEIVE_TIMEOUT)
    return json.loads(socket.recv())


def payload(message):
    return base64.b64decode(message["payload"]).decode("utf-8")


def ack(socket, message):
    socket.send(json.dumps({"messageId": message["messageId"]}))


def nothing_arrives(socket, seconds=0.5):
    socket.settimeout(seconds)
    try:
        frame = socket.recv()
    except websocket.WebSocketTimeoutException:
        return True
    raise AssertionError("unexpected frame %r" % frame)


def send(producer, text):
    """Sends through pyC8's Base64Socket and returns the receipt."""
    producer.send(text)
    receipt = receive(producer)
    assert receipt["result"] == "ok", receipt
    return receipt["messageId"]


def test_create_list_delete_stream(client):
    name = uniq("pyc8stream")
    created = client.create_stream(name)
    assert created["stream-id"] == "c8globals." + name
    assert client.has_stream(name)
    assert not client.has_stream(name, local=True)
    listed = {s["topic"]: s for s in client.get_streams()}
    entry = listed["c8globals." + name]
    assert entry["type"] == "persistent" and entry["local"] is False
    assert entry["db"] == "_system" and entry["status"] == "active"

    with pytest.raises(ex.StreamCreateError) as info:
        client.create_stream(name)
    assert info.value.http_code == 409

    local = uniq("pyc8local")
    assert client.create_stream(local, local=True)["stream-id"] == "c8locals." + local
    assert client.has_stream(local, local=True) and not client.has_stream(local)

    assert client.delete_stream("c8globals." + name) is True
    assert client.delete_stream("c8locals." + local) is True
    assert not client.has_stream(name)
    with pytest.raises(ex.StreamConnectionError) as info:
        client.delete_stream("c8globals." + name)
    assert info.value.http_code == 404


def test_producer_consumer_in_order_with_receipts(client, stream):
    consumer = client.subscribe(stream, subscription_name="orders")
    producer = client.create_stream_producer(stream, producer_name="pyc8-producer")
    try:
        ids = [send(producer, "message-%d" % i) for i in range(5)]
        assert len(set(ids)) == 5
        received = [receive(consumer) for _ in range(5)]
        assert [payload(m) for m in received] == ["message-%d" % i for i in range(5)]
        assert [m["messageId"] for m in received] == ids
        first = received[0]
        assert first["redeliveryCount"] == 0 and first["properties"] == {}
        assert first["publishTime"]
        for message in received:
            ack(consumer, message)
        assert "orders" in client.get_stream_subscriptions(stream)
    finally:
        producer.close()
        consumer.close()


def test_subscription_starts_at_latest_and_acked_messages_stay_acked(client, stream):
    full = "c8globals." + stream
    assert client.publish_message_stream(full, "before-subscribing") is True
    consumer = client.subscribe(stream, subscription_name="resume")
    assert nothing_arrives(consumer), "a new subscription starts at the end"
    client.publish_message_stream(full, "one")
    client.publish_message_stream(full, "two")
    first, second = receive(consumer), receive(consumer)
    assert [payload(first), payload(second)] == ["one", "two"]
    ack(consumer, first)
    time.sleep(0.2)  # the ack is a one-way frame
    consumer.close()

    again = client.subscribe(stream, subscription_name="resume")
    try:
        redelivered = receive(again)
        assert payload(redelivered) == "two", "the unacked message comes back, the acked one not"
        ack(again, redelivered)
        assert nothing_arrives(again)
    finally:
        again.close()


def test_exclusive_subscription_refuses_a_second_consumer(client, stream):
    consumer = client.subscribe(stream, subscription_name="solo", consumer_type="Exclusive")
    try:
        with pytest.raises(websocket.WebSocketBadStatusException) as info:
            client.subscribe(stream, subscription_name="solo", consumer_type="Exclusive")
        assert info.value.status_code == 409
    finally:
        consumer.close()


def test_shared_subscription_spreads_messages(client, stream):
    workers = [client.subscribe(stream, subscription_name="queue", consumer_type="Shared",
                                consumer_name="worker-%d" % i) for i in range(2)]
    try:
        for i in range(6):
            client.publish_message_stream("c8globals." + stream, "job-%d" % i)
        got = {0: [], 1: []}
        for index, worker in enumerate(workers):
            for _ in range(3):
                message = receive(worker)
                got[index].append(payload(message))
                ack(worker, message)
        assert sorted(got[0] + got[1]) == ["job-%d" % i for i in range(6)]
        assert got[0] and got[1], "both workers got work"
    finally:
        for worker in workers:
            worker.close()


def test_reader_replays_from_earliest(client, stream):
    full = "c8globals." + stream
    for text in ["r1", "r2", "r3"]:
        client.publish_message_stream(full, text)
    reader = client.create_stream_reader(stream, start_message_id="earliest")
    try:
        assert [payload(receive(reader)) for _ in range(3)] == ["r1", "r2", "r3"]
    finally:
        reader.close()
    latest = client.create_stream_reader(stream)
    try:
        assert nothing_arrives(latest)
        client.publish_message_stream(full, "r4")
        assert payload(receive(latest)) == "r4"
    finally:
        latest.close()


def test_backlog_stats_subscriptions_ttl_expiry(client, stream):
    full = "c8globals." + stream
    consumer = client.subscribe(stream, subscription_name="slow")
    consumer.close()
    for i in range(3):
        client.publish_message_stream(full, "pending-%d" % i)

    backlog = client.get_stream_backlog(stream)
    assert backlog["cursorDetails"]["slow"]["cursorBacklog"] == 3
    stats = client.get_stream_stats(stream)
    assert stats["subscriptions"]["slow"]["msgBacklog"] == 3
    assert stats["msgInCounter"] >= 3 and stats["storageSize"] > 0

    assert client.clear_stream_backlog("slow") == "OK"
    assert client.get_stream_stats(stream)["subscriptions"]["slow"]["msgBacklog"] == 0

    client.publish_message_stream(full, "late")
    assert client.set_message_expiry_stream(full, 0) is True
    assert client.get_stream_stats(stream)["subscriptions"]["slow"]["msgBacklog"] == 0

    assert client.delete_stream_subscription(full, "slow") == "OK"
    assert "slow" not in client.get_stream_subscriptions(stream)

    before = client.get_message_stream_ttl()
    try:
        client.set_message_stream_ttl(120)
        assert client.get_message_stream_ttl() == 120
    finally:
        client.set_message_stream_ttl(before)


def test_unsubscribe_removes_the_subscription_everywhere(client, stream):
    consumer = client.subscribe(stream, subscription_name="gone")
    consumer.close()
    assert "gone" in client.get_stream_subscriptions(stream)
    assert client.unsubscribe("gone") == "OK"
    assert "gone" not in client.get_stream_subscriptions(stream)


def test_delete_stream_with_a_consumer_needs_force(client):
    name = uniq("pyc8stream")
    client.create_stream(name)
    consumer = client.subscribe(name, subscription_name="holding")
    try:
        with pytest.raises(ex.StreamDeleteError) as info:
            client.delete_stream("c8globals." + name)
        assert info.value.http_code == 412
        assert client.delete_stream("c8globals." + name, force=True) is True
        assert not client.has_stream(name)
    finally:
        consumer.close()


def test_ro_key_may_consume_but_not_produce(client, stream):
    keyid = uniq("streamkey")
    secret = client.create_api_key(keyid)["key"]
    try:
        client.set_database_access_level(keyid, "_system", "ro")
        client.set_stream_access_level(keyid, "c8globals." + stream, "_system", "ro")
        reader_only = make_client(apikey=secret)
        consumer = reader_only.subscribe(stream, subscription_name="ro-sub")
        try:
            with pytest.raises(websocket.WebSocketBadStatusException) as info:
                reader_only.create_stream_producer(stream)
            assert info.value.status_code == 403
            with pytest.raises(ex.C8Error) as info:
                reader_only.publish_message_stream("c8globals." + stream, "nope")
            assert info.value.http_code == 403
            client.publish_message_stream("c8globals." + stream, "for-ro")
            assert payload(receive(consumer)) == "for-ro"
        finally:
            consumer.close()
    finally:
        client.remove_api_key(keyid)


def test_on_change_sees_collection_writes(client):
    name = uniq("pyc8changes")
    collection = client.create_collection(name, stream=True)
    seen = []
    try:
        assert client.has_stream(name, isCollectionStream=True, local=True)
        import threading

        def write_soon():
            time.sleep(0.5)
            collection.insert({"_key": "k1", "v": 1})

        writer = threading.Thread(target=write_soon)
        writer.start()
        client.on_change(name, callback=seen.append, timeout=3)
        writer.join()
        assert seen, "the insert arrived on the collection stream"
        assert json.loads(seen[0])["_key"] == "k1"
    finally:
        client.delete_collection(name, ignore_missing=True)
