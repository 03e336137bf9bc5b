"""CPU time per request, by whom: the server's workers, PostgreSQL, and this process (the client).

On two cores the three share the same CPUs, so their sum per request bounds the
requests per second: 2 cores x 1,000 ms / (ms per request). Read from /proc
(Linux); elsewhere every figure is 0.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _postgres_pids() -> list[int]:
    pids = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == "postgres":
                pids.append(int(comm.parent.name))
        except OSError:
            continue
    return pids


@dataclass(frozen=True)
class Sample:
    server: dict[int, int]
    postgres: dict[int, int]
    client: int


def sample(server_pids: list[int]) -> Sample:
    return Sample(
        server={pid: _ticks(pid) for pid in server_pids},
        postgres={pid: _ticks(pid) for pid in _postgres_pids()},
        client=_ticks(os.getpid()),
    )


def per_request(before: Sample, after: Sample, requests: int) -> dict[str, float]:
    """Milliseconds of CPU per request between two samples (a process new since counts whole)."""
    if not requests:
        return {"server": 0.0, "postgres": 0.0, "client": 0.0, "total": 0.0}

    def spent(old: dict[int, int], new: dict[int, int]) -> int:
        return sum(ticks - old.get(pid, 0) for pid, ticks in new.items())

    ms = 1000 / TICKS_PER_SECOND / requests
    out = {
        "server": spent(before.server, after.server) * ms,
        "postgres": spent(before.postgres, after.postgres) * ms,
        "client": (after.client - before.client) * ms,
    }
    out["total"] = sum(out.values())
    return out
