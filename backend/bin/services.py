"""Find or start PostgreSQL (with PostGIS and pg_trgm) and Redis for `make dev` and `make test`.

Standard library only: it runs before the virtual environment exists.

    services.py up --state FILE [--owner PID]   prints `export DATABASE_URL=... REDIS_URL=...`
    services.py down --state FILE               stops what that run used, unless another uses it
    services.py clean                           stops the project-local servers, deletes `.local/`

The server at DATABASE_URL / REDIS_URL is used when it answers. Otherwise a
project-local one is used: reused when an earlier call left it running,
else made and started in `.local/` from the machine's binaries (installed
from Debian's packages when missing). The project-local servers stay up
while any run uses them: the last one out stops them.

The variables are read as the settings read them (config/settings/base.py):
the environment, then the repository's `.env`, and without DATABASE_URL the
POSTGRES_* / DB_HOST / DB_PORT variables. What `up` exports wins over both
in the settings, so it must be what they would have chosen.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import glob
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / ".local"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}


def read_dotenv(path: Path) -> dict[str, str]:
    """A `.env` file parsed as django-environ's `read_env` does by default.

    `KEY=value` or `export KEY=value` lines; one pair of single or double
    quotes around the whole value is removed (backslash escapes undone inside
    double quotes); a `#` is a comment only at the start of a line.
    """
    try:
        content = path.read_text(encoding="utf8")
    except OSError:
        return {}
    values: dict[str, str] = {}
    for line in content.splitlines():
        match = re.match(r"\A(?:export )?([A-Za-z_0-9]+)=(.*)\Z", line)
        if not match:
            continue
        key, value = match.group(1), match.group(2)
        if single := re.match(r"\A'(.*)'\Z", value):
            value = single.group(1)
        if double := re.match(r'\A"(.*)"\Z', value):
            value = re.sub(
                r"\\(.)",
                lambda m: "\\" + m.group(1) if m.group(1) in "rnt" else m.group(1),
                double.group(1),
            )
        values[key] = value
    return values


# Real environment variables win over the `.env` file, as in the settings.
ENV: Mapping[str, str] = {**read_dotenv(ROOT / ".env"), **os.environ}
LOCAL_PG_PORT = int(ENV.get("LOCAL_PG_PORT", "54329"))
LOCAL_REDIS_PORT = int(ENV.get("LOCAL_REDIS_PORT", "63799"))


def database_url(env: Mapping[str, str]) -> str:
    """DATABASE_URL, else the URL of the POSTGRES_* / DB_HOST / DB_PORT variables.

    The same defaults as config/settings/base.py.
    """
    if env.get("DATABASE_URL"):
        return env["DATABASE_URL"]
    auth = quote(env.get("POSTGRES_USER", "postgres"), safe="")
    if password := env.get("POSTGRES_PASSWORD", ""):
        auth += ":" + quote(password, safe="")
    host = env.get("DB_HOST", "127.0.0.1")
    if ":" in host:
        host = f"[{host}]"
    if port := env.get("DB_PORT", "5432"):
        host += f":{port}"
    name = env.get("POSTGRES_DB", "safejob")
    return f"postgres://{auth}@{host}/{quote(name, safe='')}"


def log(message: str) -> None:
    print(f"\033[1;34m==>\033[0m {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    # Standard output carries the exports the caller evaluates; all else goes to stderr.
    kwargs.setdefault("stdout", sys.stderr)
    return subprocess.run(cmd, check=True, **kwargs)


_apt_updated = False


def apt_install(*packages: str) -> None:
    global _apt_updated
    missing = [p for p in packages if not deb_installed(p)]
    if not missing:
        return
    if shutil.which("apt-get") is None:
        sys.exit(f"missing {' '.join(missing)} and no apt-get to install them with")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if not _apt_updated:
        run([*sudo, "apt-get", "update", "-qq"], env=env)
        _apt_updated = True
    log(f"installing Debian packages: {' '.join(missing)}")
    run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def deb_installed(package: str) -> bool:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return result.returncode == 0 and result.stdout.endswith("ok installed")


# --- PostgreSQL -----------------------------------------------------------------


def pg_parts(url: str) -> dict:
    parts = urlsplit(url)
    return {
        "host": parts.hostname or "",
        "port": parts.port or 5432,
        "user": unquote(parts.username or "postgres"),
        "password": unquote(parts.password or ""),
        "dbname": parts.path.lstrip("/") or "safejob",
    }


def psql(url: str, sql: str, dbname: str | None = None) -> subprocess.CompletedProcess:
    p = pg_parts(url)
    env = {**os.environ, "PGCONNECT_TIMEOUT": "3"}
    if p["password"]:
        env["PGPASSWORD"] = p["password"]
    cmd = [
        "psql",
        "-X",
        "-q",
        "-A",
        "-t",
        "-v",
        "ON_ERROR_STOP=1",
        "-U",
        p["user"],
        "-p",
        str(p["port"]),
    ]
    if p["host"]:
        cmd += ["-h", p["host"]]
    cmd += ["-d", dbname or p["dbname"], "-c", sql]
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def pg_answers(url: str) -> bool:
    result = psql(url, "SELECT 1", dbname="postgres")
    return result.returncode == 0


def pg_server_major(url: str) -> int:
    out = psql(url, "SHOW server_version_num", dbname="postgres").stdout.strip()
    return int(out) // 10000


def pg_bindir(major: str | None = None) -> Path | None:
    """The binaries of PostgreSQL `major`, or of the newest installed one."""
    if major is not None:
        bindir = Path(f"/usr/lib/postgresql/{major}/bin")
        return bindir if (bindir / "pg_ctl").exists() else None
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


def cluster_major(data: Path) -> str | None:
    """The PostgreSQL major version a cluster was made with (its PG_VERSION file)."""
    try:
        return (data / "PG_VERSION").read_text().strip()
    except OSError:
        return None


def as_postgres() -> list[str]:
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def local_pg_url() -> str:
    return f"postgres://postgres@127.0.0.1:{LOCAL_PG_PORT}/safejob"


def local_pg_dir() -> Path:
    return LOCAL / "postgres"


def start_local_postgres(state: dict) -> str:
    url = local_pg_url()
    if pg_answers(url):
        log(f"reusing the project-local PostgreSQL on port {LOCAL_PG_PORT}")
        state["uses"].append("postgres")
        return url
    base = local_pg_dir()
    data = base / "data"
    major = cluster_major(data)
    bindir = pg_bindir(major)
    if bindir is None and major is not None:
        sys.exit(
            f"the project-local cluster in {data} is PostgreSQL {major}, which is not installed:"
            f" install postgresql-{major}, or delete the cluster with `make clean-local`"
        )
    if bindir is None:
        # Install the server without letting Debian create and start a system cluster.
        apt_install("postgresql-common")
        conf = Path("/etc/postgresql-common/createcluster.conf")
        if conf.exists() and "create_main_cluster = false" not in conf.read_text():
            with conf.open("a") as fh:
                fh.write("\ncreate_main_cluster = false\n")
        apt_install("postgresql")
        bindir = pg_bindir()
        if bindir is None:
            sys.exit("PostgreSQL was installed but initdb is missing")
    base.mkdir(parents=True, exist_ok=True)
    as_user = as_postgres()
    if as_user:
        pw = pwd.getpwnam("postgres")
        os.chown(base, pw.pw_uid, pw.pw_gid)
        for parent in base.parents:
            if parent == Path("/"):
                break
            if not os.stat(parent).st_mode & 0o001:
                sys.exit(
                    f"{parent} is not searchable by the postgres user; move the checkout or set DATABASE_URL"
                )
    if major is None:
        log(f"creating a project-local PostgreSQL cluster in {data}")
        run(
            [
                *as_user,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            stdout=subprocess.DEVNULL,
        )
    log(f"starting the project-local PostgreSQL on 127.0.0.1:{LOCAL_PG_PORT}")
    state["uses"].append("postgres")
    opts = f"-p {LOCAL_PG_PORT} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(
        [
            *as_user,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "server.log"),
            "-o",
            opts,
            "-w",
            "start",
        ],
        stdout=subprocess.DEVNULL,
    )
    return url


def stop_local_postgres() -> None:
    data = local_pg_dir() / "data"
    if not (data / "postmaster.pid").exists():
        return
    major = cluster_major(data)
    bindir = pg_bindir(major)
    if bindir is None:
        log(f"cannot stop the project-local PostgreSQL: PostgreSQL {major} is not installed")
        return
    log("stopping the project-local PostgreSQL")
    subprocess.run(
        [*as_postgres(), str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
        stdout=subprocess.DEVNULL,
    )


def ensure_postgis(url: str) -> None:
    """PostGIS for the server's own major version, when the server is on this machine."""
    available = psql(
        url, "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'", dbname="postgres"
    )
    if available.stdout.strip() == "1":
        return
    if pg_parts(url)["host"] not in LOCAL_HOSTS:
        sys.exit(
            f"the PostgreSQL server at {pg_parts(url)['host']} has no PostGIS; install it there"
        )
    major = pg_server_major(url)
    apt_install(f"postgresql-{major}-postgis-3")


def ensure_database(url: str) -> None:
    p = pg_parts(url)
    if not re.fullmatch(r"[A-Za-z0-9_]+", p["dbname"]):
        sys.exit(f"use a database name of letters, digits and underscores, not {p['dbname']!r}")
    query = (
        f"SELECT 1 FROM pg_database WHERE datname = '{p['dbname']}'"  # noqa: S608 (checked above)
    )
    exists = psql(url, query, dbname="postgres")
    if exists.stdout.strip() != "1":
        log(f"creating database {p['dbname']}")
        result = psql(url, f'CREATE DATABASE "{p["dbname"]}"', dbname="postgres")
        if result.returncode != 0 and "already exists" not in result.stderr:
            sys.exit(result.stderr)
    result = psql(
        url,
        "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm;"
        " CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;",
    )
    if result.returncode != 0:
        sys.exit(f"could not create the postgis, pg_trgm and unaccent extensions: {result.stderr}")


def postgres_up(state: dict) -> str:
    url = database_url(ENV)
    if not shutil.which("psql"):
        apt_install("postgresql-client")
    if pg_answers(url):
        log(f"using the PostgreSQL at {redact(url)}")
    else:
        log(f"no PostgreSQL answers at {redact(url)}")
        url = start_local_postgres(state)
    ensure_postgis(url)
    ensure_database(url)
    return url


# --- Redis ------------------------------------------------------------------------


def redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or 6379), timeout=2
        ) as sock:
            if parts.password:
                user = unquote(parts.username or "default")
                sock.sendall(redis_command("AUTH", user, unquote(parts.password)))
                if not sock.recv(64).startswith(b"+OK"):
                    return False
            sock.sendall(redis_command("PING"))
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def redis_command(*args: str) -> bytes:
    out = f"*{len(args)}\r\n"
    for arg in args:
        out += f"${len(arg.encode())}\r\n{arg}\r\n"
    return out.encode()


def redis_up(state: dict) -> str:
    url = ENV.get("REDIS_URL") or DEFAULT_REDIS_URL
    if redis_answers(url):
        log(f"using the Redis at {redact(url)}")
        return url
    log(f"no Redis answers at {redact(url)}")
    local = f"redis://127.0.0.1:{LOCAL_REDIS_PORT}/0"
    if redis_answers(local):
        log(f"reusing the project-local Redis on port {LOCAL_REDIS_PORT}")
        state["uses"].append("redis")
        return local
    if not shutil.which("redis-server"):
        apt_install("redis-server")
    base = LOCAL / "redis"
    base.mkdir(parents=True, exist_ok=True)
    log(f"starting the project-local Redis on 127.0.0.1:{LOCAL_REDIS_PORT}")
    state["uses"].append("redis")
    run(
        [
            "redis-server",
            "--port",
            str(LOCAL_REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--daemonize",
            "yes",
            "--dir",
            str(base),
            "--pidfile",
            str(base / "redis.pid"),
            "--logfile",
            str(base / "redis.log"),
            "--save",
            "",
            "--appendonly",
            "no",
        ]
    )
    for _ in range(50):
        if redis_answers(local):
            break
        time.sleep(0.1)
    else:
        sys.exit(f"the project-local Redis did not start; see {base / 'redis.log'}")
    return local


def stop_local_redis() -> None:
    pid = read_pid(LOCAL / "redis" / "redis.pid")
    if pid is None or not pid_alive(pid):
        return
    log("stopping the project-local Redis")
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        if not pid_alive(pid):
            break
        time.sleep(0.1)


# --- Who uses the project-local servers -------------------------------------------
# Each run that uses a project-local server says so in its state file in
# .local/run/, with its own process. `down` stops a server only when no other
# live run uses it. A run killed before its `down` leaves a state file whose
# process is gone: it counts for nothing and is deleted.

RUN = LOCAL / "run"
STOP = {"postgres": stop_local_postgres, "redis": stop_local_redis}
NAMES = {"postgres": "PostgreSQL", "redis": "Redis"}


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def process_start(pid: int) -> str | None:
    """When the process started (clock ticks after boot); None when it is gone.

    With its pid this names one process: a later one given the same pid does
    not pass for it.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] == "Z" else fields[19]


@contextlib.contextmanager
def registry_lock() -> Iterator[None]:
    """One `up`, `down` or `clean` at a time: none stops a server another starts to use."""
    RUN.mkdir(parents=True, exist_ok=True)
    with (RUN / "lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def live_users() -> dict[str, list[int]]:
    """The live runs (their pids) that use each project-local server."""
    users: dict[str, list[int]] = {service: [] for service in STOP}
    for path in sorted(RUN.glob("*.json")):
        state = read_state(path)
        owner = state.get("owner") or {}
        pid, start = owner.get("pid"), owner.get("start")
        if not isinstance(pid, int) or start is None or process_start(pid) != start:
            path.unlink(missing_ok=True)
            continue
        for service in state.get("uses", []):
            users.setdefault(service, []).append(pid)
    return users


# --- Commands ---------------------------------------------------------------------


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def up(state_file: Path, owner: int) -> None:
    state: dict = {"owner": {"pid": owner, "start": process_start(owner)}, "uses": []}
    with registry_lock():
        try:
            database_url = postgres_up(state)
            redis_url = redis_up(state)
        finally:
            state_file.parent.mkdir(parents=True, exist_ok=True)
            state_file.write_text(json.dumps(state))
    # bash evaluates this: the values are quoted for it, whatever a password holds.
    print(f"export DATABASE_URL={shlex.quote(database_url)}")
    print(f"export REDIS_URL={shlex.quote(redis_url)}")


def down(state_file: Path) -> None:
    with registry_lock():
        state = read_state(state_file)
        state_file.unlink(missing_ok=True)
        users = live_users()
        for service in state.get("uses", []):
            if users.get(service):
                pids = ", ".join(map(str, users[service]))
                log(f"leaving the project-local {NAMES[service]} running: runs {pids} use it")
            elif service in STOP:
                STOP[service]()


def clean() -> None:
    """Stop the project-local servers and delete `.local/`, never from under a live one."""
    if not LOCAL.exists():
        return
    with registry_lock():
        users = sorted({pid for pids in live_users().values() for pid in pids})
        if users:
            sys.exit(
                f"runs {', '.join(map(str, users))} use the project-local servers; stop them first"
            )
        stop_local_postgres()
        stop_local_redis()
        pidfiles = {
            "PostgreSQL": local_pg_dir() / "data" / "postmaster.pid",
            "Redis": LOCAL / "redis" / "redis.pid",
        }
        for name, pidfile in pidfiles.items():
            pid = read_pid(pidfile)
            if pid is not None and pid_alive(pid):
                sys.exit(
                    f"the project-local {name} (process {pid}, {pidfile}) is still running;"
                    f" not deleting {LOCAL}"
                )
        shutil.rmtree(LOCAL)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["up", "down", "clean"])
    parser.add_argument(
        "--state",
        type=Path,
        help="where `up` records what the run uses: a file in .local/run/, one per run",
    )
    parser.add_argument(
        "--owner",
        type=int,
        default=os.getppid(),
        help="the run's process (default: the caller); its servers stay up while it lives",
    )
    args = parser.parse_args()
    if args.command == "clean":
        clean()
    elif args.state is None:
        parser.error(f"{args.command} needs --state")
    elif args.command == "up":
        up(args.state, args.owner)
    else:
        down(args.state)


if __name__ == "__main__":
    main()
