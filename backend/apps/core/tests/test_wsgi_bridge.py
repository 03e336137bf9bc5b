"""HTTP through the ASGI application into Django's WSGI handler (apps/core/wsgi_bridge.py)."""

import asyncio
import json
import sys
import threading
import uuid
from typing import Any

import pytest
from django.test import override_settings

from apps.core.wsgi_bridge import BODY_REFUSED, WSGIBridge


def call(app: Any, scope: dict[str, Any], messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ASGI messages the app sends for one request received as `messages`."""
    sent: list[dict[str, Any]] = []
    pending = list(messages)

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        await asyncio.sleep(3600)  # a client that says nothing more
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(asyncio.wait_for(app(scope, receive, send), timeout=10))
    return sent


def http_scope(path: str = "/", **extra: Any) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("203.0.113.7", 51234),
        "server": ("testserver", 80),
        **extra,
    }


def echo(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """A WSGI app that answers with what it was given."""
    body = environ["wsgi.input"].read()
    seen = {
        key: value
        for key, value in environ.items()
        if isinstance(value, str) and not key.startswith("wsgi.")
    }
    seen["body"] = body.decode()
    seen["input_in_memory"] = str(type(environ["wsgi.input"]).__name__ == "BytesIO")
    start_response("201 Created", [("Content-Type", "application/json"), ("X-Echo", "yes")])
    return [json.dumps(seen).encode()]


def test_a_get_through_the_project_s_asgi_application_is_django_s_answer():
    from config.asgi import application

    sent = call(application, http_scope("/health/live/"), [{"type": "http.request"}])

    start, body = sent
    assert start["type"] == "http.response.start"
    assert start["status"] == 200
    assert (b"content-type", b"application/json") in start["headers"]
    assert json.loads(body["body"])["status"] == "healthy"
    assert body.get("more_body", False) is False


def test_the_environ_carries_the_request_as_pep_3333_says():
    scope = http_scope(
        "/prefix/api/v1/jobs/",
        method="POST",
        root_path="/prefix",
        query_string=b"q=caf%C3%A9&page=2",
        headers=[
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"content-length", b"11"),
            (b"cookie", b"a=1"),
            (b"cookie", b"b=2"),
            (b"accept", b"text/html"),
            (b"accept", b"application/json"),
            (b"x-forwarded-proto", b"https"),
            (b"x_forwarded_proto", b"spoofed"),
        ],
    )

    sent = call(
        WSGIBridge(echo, threads=2),
        scope,
        [
            {"type": "http.request", "body": b'{"a":', "more_body": True},
            {"type": "http.request", "body": b' "b"}', "more_body": False},
        ],
    )

    start, body = sent
    seen = json.loads(body["body"])
    assert start["status"] == 201
    assert start["headers"] == [(b"content-type", b"application/json"), (b"x-echo", b"yes")]
    assert seen["REQUEST_METHOD"] == "POST"
    assert (seen["SCRIPT_NAME"], seen["PATH_INFO"]) == ("/prefix", "/api/v1/jobs/")
    assert seen["QUERY_STRING"] == "q=caf%C3%A9&page=2"
    assert (seen["CONTENT_TYPE"], seen["CONTENT_LENGTH"]) == ("application/json", "11")
    assert seen["HTTP_COOKIE"] == "a=1; b=2"
    assert seen["HTTP_ACCEPT"] == "text/html,application/json"
    assert seen["HTTP_X_FORWARDED_PROTO"] == "https"  # the underscore twin is dropped
    assert (seen["REMOTE_ADDR"], seen["SERVER_NAME"], seen["SERVER_PORT"]) == (
        "203.0.113.7",
        "testserver",
        "80",
    )
    assert seen["SERVER_PROTOCOL"] == "HTTP/1.1"
    assert seen["body"] == '{"a": "b"}'
    assert seen["input_in_memory"] == "True"


def test_a_path_outside_latin_1_reaches_the_app_as_wsgi_encodes_it():
    sent = call(WSGIBridge(echo, threads=1), http_scope("/café/"), [{"type": "http.request"}])

    seen = json.loads(sent[1]["body"])
    assert seen["PATH_INFO"] == "/café/".encode().decode("latin1")


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=10)
def test_a_body_larger_than_the_memory_limit_is_spooled_whole():
    chunks = [b"0123456789", b"abcdefghij", b"klm"]

    sent = call(
        WSGIBridge(echo, threads=1),
        http_scope(method="POST"),
        [{"type": "http.request", "body": c, "more_body": i < 2} for i, c in enumerate(chunks)],
    )

    seen = json.loads(sent[1]["body"])
    assert seen["body"] == "0123456789abcdefghijklm"
    assert seen["input_in_memory"] == "False"


def recording_app(called: list[dict[str, Any]]) -> Any:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        called.append(environ)
        start_response("200 OK", [])
        return [b""]

    return app


TOO_LARGE = {
    "type": "client_error",
    "errors": [
        {
            "code": "request_too_large",
            "detail": "The request's body is larger than 20 bytes.",
            "attr": None,
        }
    ],
}


def header(start: dict[str, Any], name: bytes) -> bytes:
    return dict(start["headers"]).get(name, b"")


@override_settings(HTTP_MAX_BODY_BYTES=20)
def test_a_body_declared_larger_than_the_limit_is_refused_unread_by_django():
    from config.asgi import application

    incoming = uuid.uuid4().hex
    headers = [
        (b"host", b"testserver"),
        (b"origin", b"http://localhost:3000"),
        (b"x-request-id", incoming.encode()),
        (b"content-length", b"21"),
    ]

    sent = call(application, http_scope("/api/v1/jobs/", method="POST", headers=headers), [])

    start, body = sent  # nothing of the body was read: `receive` would have waited
    assert start["status"] == 413
    assert header(start, b"x-request-id") == incoming.encode()
    assert header(start, b"access-control-allow-origin") == b"http://localhost:3000"
    assert header(start, b"connection") == b"close"
    assert json.loads(body["body"]) == TOO_LARGE


@override_settings(HTTP_MAX_BODY_BYTES=20)
def test_a_chunked_body_is_refused_once_it_passes_the_limit():
    from config.asgi import application

    chunks = [b"0123456789", b"abcdefghij", b"k"]

    sent = call(
        application,
        http_scope("/api/v1/jobs/", method="POST"),
        [{"type": "http.request", "body": c, "more_body": True} for c in chunks],
    )

    assert sent[0]["status"] == 413
    assert uuid.UUID(header(sent[0], b"x-request-id").decode())
    assert json.loads(sent[1]["body"]) == TOO_LARGE


@override_settings(HTTP_MAX_BODY_BYTES=20)
def test_the_app_gets_a_refused_request_marked_and_without_its_body():
    called: list[dict[str, Any]] = []
    headers = [(b"host", b"testserver"), (b"content-length", b"21")]

    sent = call(
        WSGIBridge(recording_app(called), threads=1),
        http_scope(method="POST", headers=headers),
        [],
    )

    assert sent[0]["headers"] == [(b"connection", b"close")]
    (seen,) = called
    assert (seen[BODY_REFUSED], seen["CONTENT_LENGTH"], seen["wsgi.input"].closed) == (
        20,
        "0",
        True,  # closed once the request was answered
    )


@override_settings(HTTP_MAX_BODY_BYTES=20)
def test_a_body_of_exactly_the_limit_reaches_the_app():
    headers = [(b"host", b"testserver"), (b"content-length", b"20")]

    sent = call(
        WSGIBridge(echo, threads=1),
        http_scope(method="POST", headers=headers),
        [{"type": "http.request", "body": b"0123456789abcdefghij", "more_body": False}],
    )

    assert sent[0]["status"] == 201
    assert json.loads(sent[1]["body"])["body"] == "0123456789abcdefghij"


def test_a_client_gone_before_its_body_arrived_gets_nothing_and_the_app_is_not_called():
    called: list[dict[str, Any]] = []

    sent = call(
        WSGIBridge(recording_app(called), threads=1),
        http_scope(method="POST"),
        [{"type": "http.request", "body": b"part", "more_body": True}, {"type": "http.disconnect"}],
    )

    assert sent == []
    assert called == []


class Streamed:
    """A streaming response as Django's StreamingHttpResponse looks to WSGI."""

    streaming = True

    def __init__(self) -> None:
        self.threads: dict[str, int] = {}

    def __iter__(self):
        self.threads["iterated"] = threading.get_ident()
        yield b"first,"
        yield b""
        yield b"second"

    def close(self) -> None:
        self.threads["closed"] = threading.get_ident()


def test_a_streaming_response_is_sent_a_chunk_at_a_time_from_the_view_s_thread():
    response = Streamed()

    def app(environ: dict[str, Any], start_response: Any) -> Streamed:
        response.threads["called"] = threading.get_ident()
        start_response("200 OK", [("Content-Type", "text/csv")])
        return response

    sent = call(WSGIBridge(app, threads=4), http_scope(), [{"type": "http.request"}])

    assert [m["type"] for m in sent] == ["http.response.start"] + ["http.response.body"] * 3
    assert sent[0]["headers"] == [(b"content-type", b"text/csv")]
    assert [(m["body"], m.get("more_body", False)) for m in sent[1:]] == [
        (b"first,", True),
        (b"second", True),
        (b"", False),
    ]
    # Read and closed where the view ran: its database connection is that thread's.
    assert set(response.threads) == {"called", "iterated", "closed"}
    assert len(set(response.threads.values())) == 1
    assert response.threads["called"] != threading.get_ident()


def test_a_chunked_body_gets_its_length():
    sent = call(
        WSGIBridge(echo, threads=1),
        http_scope(method="POST", headers=[(b"transfer-encoding", b"chunked")]),
        [
            {"type": "http.request", "body": b"abc", "more_body": True},
            {"type": "http.request", "body": b"de", "more_body": False},
        ],
    )

    seen = json.loads(sent[1]["body"])
    assert (seen["CONTENT_LENGTH"], seen["body"]) == ("5", "abcde")


def test_an_error_page_replaces_the_response_the_app_had_started():
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        try:
            raise ValueError("while rendering")
        except ValueError:
            start_response("500 Internal Server Error", [("X-Error", "1")], sys.exc_info())
        return [b"sorry"]

    sent = call(WSGIBridge(app, threads=1), http_scope(), [{"type": "http.request"}])

    assert (sent[0]["status"], sent[0]["headers"]) == (500, [(b"x-error", b"1")])
    assert sent[1]["body"] == b"sorry"


def test_a_whole_response_is_closed_after_it_was_read():
    closed = []

    class Whole(list):
        def close(self) -> None:
            closed.append(True)

    def app(environ: dict[str, Any], start_response: Any) -> Whole:
        write = start_response("200 OK", [])
        write(b"written ")  # PEP 3333's write(), before the iterable
        return Whole([b"and ", b"returned"])

    sent = call(WSGIBridge(app, threads=1), http_scope(), [{"type": "http.request"}])

    assert sent[1] == {"type": "http.response.body", "body": b"written and returned"}
    assert closed == [True]


def test_an_app_that_never_starts_its_response_is_an_error():
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        return [b"no status"]

    with pytest.raises(RuntimeError, match="start_response"):
        call(WSGIBridge(app, threads=1), http_scope(), [{"type": "http.request"}])


def test_only_http_is_answered():
    with pytest.raises(ValueError, match="HTTP only"):
        call(WSGIBridge(echo, threads=1), {"type": "websocket", "path": "/"}, [])
