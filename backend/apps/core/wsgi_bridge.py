"""HTTP from an ASGI server into Django's WSGI handler, with one thread hop a request.

Every view and middleware of the API is synchronous, so a request runs its whole
stack on one of `threads` threads (config/asgi.py). The request's body is read
first, as Django's own ASGI handler reads it (in memory up to
FILE_UPLOAD_MAX_MEMORY_SIZE, on disk beyond), but no more than
HTTP_MAX_BODY_BYTES, so no client can fill the disk with one request (Django's
own limits apply only to what a view reads). A larger one is left unread and the
request goes to Django without it, marked BODY_REFUSED: the middleware
`apps.core.middleware.refuse_large_body` answers 413 `request_too_large` there,
so that the answer has the request id and the CORS headers of any other, and is
logged. The thread answers with the status,
the headers and the whole body, which the event loop then sends. A streaming
response (`StreamingHttpResponse`, `FileResponse`) is sent from its thread a
chunk at a time instead, each waiting for the event loop (as a2wsgi sends all).

a2wsgi did this before; it sends every ASGI message from the thread through the
event loop and waits for it, three round trips a response, which cost about a
seventh of the server's CPU per search (`make bench`).
"""

from __future__ import annotations

import asyncio
import contextvars
import io
import itertools
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any

from django.conf import settings

# In the environ of a request whose body was over HTTP_MAX_BODY_BYTES: the limit.
BODY_REFUSED = "safejob.body_refused"

Headers = list[tuple[bytes, bytes]]
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class WSGIBridge:
    def __init__(self, app: WSGIApp, *, threads: int) -> None:
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="http")

    async def __call__(
        self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]
    ) -> None:
        if scope["type"] != "http":
            raise ValueError(f"WSGIBridge answers HTTP only, not {scope['type']!r}")
        limit = settings.HTTP_MAX_BODY_BYTES
        refused = False
        body: IO[bytes] | None
        try:
            if _declared_length(scope) > limit:
                raise BodyTooLargeError
            body = await _body(receive, limit)
        except BodyTooLargeError:
            refused, body = True, io.BytesIO()
        if body is None:
            return  # the client left before it had sent its request
        wsgi_environ = environ(scope, body)
        if refused:
            wsgi_environ.update({BODY_REFUSED: limit, "CONTENT_LENGTH": "0"})
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # each request's context vars start afresh
        try:
            answer = await loop.run_in_executor(
                self.executor, context.run, self._respond, wsgi_environ, loop, send
            )
        finally:
            body.close()
        if answer is None:
            return  # streamed from the thread
        status, headers, content = answer
        if refused:
            headers.append((b"connection", b"close"))  # the rest of the body is unread
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})

    def _respond(
        self,
        wsgi_environ: dict[str, Any],
        loop: asyncio.AbstractEventLoop,
        send: Callable[..., Any],
    ) -> tuple[int, Headers, bytes] | None:
        """On a thread: the app's whole answer, or None once a streaming one was sent.

        A streaming response is read and closed on this thread, in this request's
        context, as the view's thread-bound state (its database connection, which
        closing the response hands back to the pool) requires; each chunk waits for
        the event loop to take it.
        """
        started: list[Any] = []
        written: list[bytes] = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            # Nothing is sent before the app returns, so an error page may always
            # replace what was started (PEP 3333).
            started[:] = [status, headers]
            return written.append  # PEP 3333's write(), for apps that still use it

        result = self.app(wsgi_environ, start_response)
        try:
            if not getattr(result, "streaming", False):
                content = b"".join([*written, *result])
                return (*_start(started), content)
            status, headers = _start(started)

            def out(message: dict[str, Any]) -> None:
                asyncio.run_coroutine_threadsafe(send(message), loop).result()

            out({"type": "http.response.start", "status": status, "headers": headers})
            for chunk in itertools.chain(written, result):
                if chunk:
                    out({"type": "http.response.body", "body": chunk, "more_body": True})
            out({"type": "http.response.body", "body": b""})
            return None
        finally:
            _close(result)


def _start(started: list[Any]) -> tuple[int, Headers]:
    if not started:
        raise RuntimeError("the WSGI app returned without calling start_response")
    status, headers = started
    return int(status.split(" ", 1)[0]), [
        (name.lower().encode("latin1"), value.encode("latin1")) for name, value in headers
    ]


def _close(result: Any) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()


class BodyTooLargeError(Exception):
    """The request's body is larger than HTTP_MAX_BODY_BYTES."""


def _declared_length(scope: dict[str, Any]) -> int:
    """The body's length as the request's Content-Length says (0 without one or a number)."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


async def _body(receive: Callable[..., Any], limit: int) -> IO[bytes] | None:
    """The request's whole body, or None when the client disconnected first.

    Raises BodyTooLargeError as soon as more than `limit` bytes have arrived.
    """
    body: IO[bytes] = io.BytesIO()
    received = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            body.close()
            return None
        chunk = message.get("body", b"")
        received += len(chunk)
        if received > limit:
            body.close()
            raise BodyTooLargeError
        if chunk:
            if (
                isinstance(body, io.BytesIO)
                and body.tell() + len(chunk) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
            ):
                spooled = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed with the request)
                    max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, mode="w+b"
                )
                spooled.write(body.getvalue())
                body = spooled
            body.write(chunk)
        if not message.get("more_body", False):
            body.seek(0)
            return body


def environ(scope: dict[str, Any], body: IO[bytes]) -> dict[str, Any]:
    """The WSGI environ of an ASGI HTTP scope (PEP 3333: native strings are latin-1).

    The body is read whole before (a chunked one gets its CONTENT_LENGTH).
    Header names with an underscore are dropped, as gunicorn and Django's runserver
    drop them: once underscores and dashes both become underscores, `X_Forwarded_Proto`
    would pass for the proxy's `X-Forwarded-Proto`.
    """
    root = scope.get("root_path", "").encode("utf8").decode("latin1")
    path = scope["path"].encode("utf8").decode("latin1")
    if root and path.startswith(root):
        path = path[len(root) :]
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client") or ("", 0)
    wsgi_environ: dict[str, Any] = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": root,
        "PATH_INFO": path,
        "QUERY_STRING": scope.get("query_string", b"").decode("latin1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]) if server[1] is not None else "80",
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": client[0],
        "REMOTE_PORT": str(client[1]),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for raw_name, raw_value in scope.get("headers", []):
        name, value = raw_name.decode("latin1"), raw_value.decode("latin1")
        if "_" in name:
            continue
        if name == "content-length":
            key = "CONTENT_LENGTH"
        elif name == "content-type":
            key = "CONTENT_TYPE"
        else:
            key = "HTTP_" + name.upper().replace("-", "_")
        if key in wsgi_environ:
            separator = "; " if key == "HTTP_COOKIE" else ","
            value = wsgi_environ[key] + separator + value
        wsgi_environ[key] = value
    if "CONTENT_LENGTH" not in wsgi_environ:
        # A chunked body has no length, and Django reads no further than CONTENT_LENGTH;
        # the body is all in hand.
        size = body.seek(0, io.SEEK_END)
        body.seek(0)
        if size:
            wsgi_environ["CONTENT_LENGTH"] = str(size)
    return wsgi_environ
