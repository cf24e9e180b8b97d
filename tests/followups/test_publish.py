"""publish() keeps one broker connection per process (and thread) instead of opening one per
message, and never keeps a dead one: after an error the next publish connects again. Against the
real Redis broker; a relay in front of it plays the broker going down and coming back.

Locally these skip when Redis is not running; in CI (REQUIRE_SERVICES=1) they fail instead.
"""

import base64
import contextlib
import json
import logging
import os
import select
import signal
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

from followups import tasks
from tests.followups.helpers import point_celery_at, redis_broker

# Of its own: neither a developer's worker nor another test run takes these.
QUEUE = f"followups-publish-tests-{os.getpid()}"


@pytest.fixture
def broker(monkeypatch):
    with redis_broker(monkeypatch, QUEUE) as client:
        yield client


@pytest.fixture
def used(monkeypatch):
    """The broker connection each publish() handed to Celery, in order."""
    connections = []
    apply_async = tasks.send_followup.apply_async

    def recorded(*args, connection, **kwargs):
        connections.append(connection)
        return apply_async(*args, connection=connection, **kwargs)

    monkeypatch.setattr(tasks.send_followup, "apply_async", recorded)
    return connections


def pattern(connections):
    """A letter per connection: "AAB" when the first two publishes used one, the third another."""
    letters = {}
    return "".join(letters.setdefault(id(c), "ABCDEFGH"[len(letters)]) for c in connections)


def queued(broker):
    """The follow-up ids waiting in the queue, oldest first."""
    messages = [json.loads(raw) for raw in reversed(broker.lrange(QUEUE, 0, -1))]
    return [json.loads(base64.b64decode(m["body"]))[0][0] for m in messages]


class Relay:
    """A TCP relay to the broker that can be stopped and started again on the same port: the
    broker going down and coming back, without touching the Redis everyone else uses."""

    def __init__(self, url):
        self.broker = urlsplit(url)
        self.port = 0
        self.listener = None
        self.sockets = []

    @property
    def url(self):
        credentials, _, _ = self.broker.netloc.rpartition("@")
        netloc = f"{credentials}@127.0.0.1:{self.port}" if credentials else f"127.0.0.1:{self.port}"
        return self.broker._replace(netloc=netloc).geturl()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(8)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener):
        while self.listener is listener:
            try:
                inbound, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            inbound.settimeout(None)
            outbound = socket.create_connection((self.broker.hostname, self.broker.port or 6379))
            self.sockets += [inbound, outbound]
            for source, target in ((inbound, outbound), (outbound, inbound)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_RDWR)

    def stop(self):
        """Refuse new connections and cut the open ones, as a broker that stopped does."""
        listener, self.listener = self.listener, None
        listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()


@pytest.fixture
def relay(broker, monkeypatch):
    relay = Relay(broker.url)
    relay.start()
    point_celery_at(relay.url, monkeypatch)
    yield relay
    if relay.listener is not None:
        relay.stop()


def test_publishes_share_one_connection(broker, used):
    for followup_id in (1, 2, 3):
        tasks.publish(followup_id)
    assert pattern(used) == "AAA"
    assert queued(broker) == [1, 2, 3]


def test_each_thread_keeps_a_connection_of_its_own(broker, used):
    tasks.publish(1)
    other = threading.Thread(target=lambda: [tasks.publish(2), tasks.publish(3)])
    other.start()
    other.join()
    tasks.publish(4)
    assert pattern(used) == "ABBA"
    assert queued(broker) == [1, 2, 3, 4]


def test_after_an_error_the_next_publish_opens_a_new_connection(broker, used, monkeypatch):
    tasks.publish(1)
    recorded = tasks.send_followup.apply_async

    def broken_once(*args, connection, **kwargs):
        used.append(connection)
        monkeypatch.setattr(tasks.send_followup, "apply_async", recorded)
        raise ConnectionResetError(104, "Connection reset by peer")

    monkeypatch.setattr(tasks.send_followup, "apply_async", broken_once)
    tasks.publish(2)  # not queued: the sweep sends it
    tasks.publish(3)
    tasks.publish(4)
    assert pattern(used) == "AABB"
    assert queued(broker) == [1, 3, 4]


def test_a_broker_that_went_down_and_came_back_gets_the_next_message(broker, relay, used, caplog):
    caplog.set_level(logging.WARNING, logger=tasks.logger.name)
    tasks.publish(1)
    relay.stop()

    for followup_id in (2, 3):
        started = time.monotonic()
        tasks.publish(followup_id)  # fails fast, every time, and keeps no dead connection
        assert time.monotonic() - started < 3

    relay.start()  # on the same port
    tasks.publish(4)
    tasks.publish(5)

    assert queued(broker) == [1, 4, 5]
    assert pattern(used) == "AABCC"
    warnings = [r.getMessage() for r in caplog.records if r.name == tasks.logger.name]
    assert warnings == [
        f"Follow-up {followup_id} not queued (OperationalError); the sweep will send it"
        for followup_id in (2, 3)
    ]


def test_a_forked_child_opens_its_own_connection_and_leaves_the_parents_alone(broker, used):
    tasks.publish(1)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, then leave without running any of pytest's teardown
        try:
            inherited = getattr(tasks._kept, "connection", None)
            tasks.publish(2)
            os.write(write_end, b"none" if inherited is None else b"inherited")
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        report = os.read(read_end, 100) if ready else b"no answer within 10 s"
    finally:
        os.close(read_end)
        if not ready:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert report == b"none"

    tasks.publish(3)  # the parent's connection still works: the child did not close it
    assert pattern(used) == "AA"
    assert queued(broker) == [1, 2, 3]
