"""A small HTTP/1.1 keep-alive load generator on asyncio: N connections, bounded in count and time.

Standard library only and cheap per request, so that on two cores it takes as
little as it can from the server it measures.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


class Owners(Protocol):
    """Which server worker holds each client connection: client port -> worker pid."""

    @property
    def workers(self) -> list[int]: ...

    def __call__(self) -> dict[int, int]: ...


@dataclass
class Run:
    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    per_worker: dict[int, int] = field(default_factory=dict)  # connections per server worker
    cpu_ms: dict[str, float] = field(default_factory=dict)  # per request: server, postgres, client

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies_ms) / self.elapsed_s if self.elapsed_s else 0.0


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.local_port: int | None = None
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.local_port = self.writer.get_extra_info("sockname")[1]

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def get(self, path: str, timeout: float) -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        if self.writer is None:
            raise ConnectionError("not connected")
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n\r\n".encode()
        )
        return await asyncio.wait_for(self._response(), timeout)

    async def _response(self) -> tuple[int, bytes]:
        if self.reader is None or self.writer is None:
            raise ConnectionError("not connected")
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split()[1])
        headers: dict[bytes, bytes] = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            chunks = []
            while True:
                size = int((await self.reader.readline()).strip().split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            body = b"".join(chunks)
        else:
            body = await self.reader.read()
        if headers.get(b"connection", b"").lower() == b"close":
            await self.close()
        return status, body


async def _balanced(
    connections: list[Connection], owner: Owners, attempts: int = 30
) -> dict[int, int]:
    """Reopen connections until the server's workers hold as many each (within one).

    The workers share one listening socket and a worker that wakes up accepts all
    the connections waiting: a few keep-alive connections opened at once all land
    on one worker and leave the other idle, which no load balancer would do.
    """
    per_worker: dict[int, int] = {}
    for _ in range(attempts):
        owners = owner()
        by_connection = {
            c: owners.get(c.local_port) for c in connections if c.local_port is not None
        }
        per_worker = {}
        for pid in by_connection.values():
            if pid is not None:
                per_worker[pid] = per_worker.get(pid, 0) + 1
        workers = owner.workers
        counts = [per_worker.get(w, 0) for w in workers]
        if not counts or max(counts) - min(counts) <= 1:
            break
        busiest = max(workers, key=lambda w: per_worker.get(w, 0))
        victim = next(c for c, pid in by_connection.items() if pid == busiest)
        await victim.close()
        await victim.open()
        await asyncio.sleep(0.01)
    return per_worker


async def _run(
    host: str,
    port: int,
    paths: Iterator[str],
    *,
    concurrency: int,
    max_requests: int,
    max_seconds: float,
    timeout: float,
    check: Callable[[str, Any], str | None] | None,
    check_every: int,
    owner: Owners | None,
) -> Run:
    run = Run(concurrency=concurrency)
    connections = [Connection(host, port) for _ in range(concurrency)]
    for connection in connections:
        await connection.open()
    if owner is not None:
        run.per_worker = await _balanced(connections, owner)
    issued, checked = itertools.count(), itertools.count()
    started = time.perf_counter()
    deadline = started + max_seconds

    async def worker(connection: Connection) -> None:
        try:
            while next(issued) < max_requests and time.perf_counter() < deadline:
                path = next(paths)
                t0 = time.perf_counter()
                try:
                    status, body = await connection.get(path, timeout)
                except (
                    OSError,
                    TimeoutError,
                    asyncio.IncompleteReadError,
                    ConnectionError,
                    ValueError,
                ) as exc:
                    run.errors.append(f"{path}: {type(exc).__name__} {exc}")
                    await connection.close()
                    continue
                run.latencies_ms.append((time.perf_counter() - t0) * 1000)
                run.statuses[status] = run.statuses.get(status, 0) + 1
                if status != 200:
                    run.errors.append(f"{path}: HTTP {status} {body[:200]!r}")
                elif check is not None and next(checked) % check_every == 0:
                    problem = check(path, json.loads(body))
                    if problem:
                        run.errors.append(f"{path}: {problem}")
        finally:
            await connection.close()

    await asyncio.gather(*(worker(c) for c in connections))
    run.elapsed_s = time.perf_counter() - started
    return run


def run(
    host: str,
    port: int,
    paths: list[str],
    *,
    concurrency: int,
    max_requests: int,
    max_seconds: float,
    timeout: float = 10.0,
    check: Callable[[str, Any], str | None] | None = None,
    check_every: int = 1,
    owner: Owners | None = None,
) -> Run:
    """Requests cycle through `paths` on `concurrency` keep-alive connections.

    Stops after `max_requests` or `max_seconds`, whichever comes first. `check`
    looks at every `check_every`-th answer (parsing costs the client CPU). With
    `owner` (client port -> server worker), the connections are first spread
    evenly over the server's workers.
    """
    return asyncio.run(
        _run(
            host,
            port,
            itertools.cycle(paths),
            concurrency=concurrency,
            max_requests=max_requests,
            max_seconds=max_seconds,
            timeout=timeout,
            check=check,
            check_every=check_every,
            owner=owner,
        )
    )


def get_json(host: str, port: int, path: str, timeout: float = 30.0) -> tuple[int, Any]:
    async def one() -> tuple[int, Any]:
        connection = Connection(host, port)
        try:
            status, body = await connection.get(path, timeout)
        finally:
            await connection.close()
        try:
            return status, json.loads(body)
        except ValueError:
            return status, body.decode(errors="replace")

    return asyncio.run(one())
