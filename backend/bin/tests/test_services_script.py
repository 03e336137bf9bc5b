"""`bin/services.py`, run as `make dev` and `make test` run it, in a copy of the checkout.

The copy gives each test its own `.env` and `.local/`; the database is the
test run's own (it exists, so `up` creates nothing on the shared server).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

SCRIPT = Path(__file__).resolve().parents[1] / "services.py"

pytestmark = pytest.mark.slow


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    (tmp_path / "backend" / "bin").mkdir(parents=True)
    shutil.copy(SCRIPT, tmp_path / "backend" / "bin" / "services.py")
    return tmp_path


@pytest.fixture
def database(django_db_setup) -> dict[str, str]:
    """The test database, as the POSTGRES_* / DB_HOST / DB_PORT variables name it."""
    settings = connection.settings_dict
    return {
        "POSTGRES_DB": settings["NAME"],
        "POSTGRES_USER": settings["USER"] or "postgres",
        "POSTGRES_PASSWORD": settings["PASSWORD"] or "",
        "DB_HOST": settings["HOST"] or "127.0.0.1",
        "DB_PORT": str(settings["PORT"] or 5432),
    }


def _url(db: dict[str, str], *, password: str | None = None) -> str:
    password = db["POSTGRES_PASSWORD"] if password is None else password
    auth = f"{db['POSTGRES_USER']}:{password}" if password else db["POSTGRES_USER"]
    return f"postgres://{auth}@{db['DB_HOST']}:{db['DB_PORT']}/{db['POSTGRES_DB']}"


def _env(**env: str) -> dict[str, str]:
    """This process's environment without the variables services.py reads, plus `env`."""
    names = {
        "DATABASE_URL",
        "REDIS_URL",
        "POSTGRES_DB",
        "POSTGRES_USER",
        "POSTGRES_PASSWORD",
        "DB_HOST",
        "DB_PORT",
        "LOCAL_PG_PORT",
        "LOCAL_REDIS_PORT",
    }
    return {**{k: v for k, v in os.environ.items() if k not in names}, **env}


def _run(
    checkout: Path, *cmd: str, env: dict[str, str], returncode: int = 0
) -> subprocess.CompletedProcess:
    result = subprocess.run(
        cmd, cwd=checkout, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == returncode, result.stderr
    return result


def _services(
    checkout: Path, *args: str, env: dict[str, str], returncode: int = 0
) -> subprocess.CompletedProcess:
    return _run(
        checkout, sys.executable, "backend/bin/services.py", *args, env=env, returncode=returncode
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64) == b"+PONG\r\n"
    except OSError:
        return False


def _exports(checkout: Path, env: dict[str, str], state: str = "a") -> dict[str, str]:
    """What `eval "$(services.py up ...)"` leaves in bash's environment."""
    script = (
        f'eval "$({sys.executable} backend/bin/services.py up --state .local/run/{state}.json)"'
        ' && printf "%s\\n%s" "$DATABASE_URL" "$REDIS_URL"'
    )
    result = _run(checkout, "bash", "-c", script, env=env)
    database_url, redis_url = result.stdout.split("\n")
    return {"DATABASE_URL": database_url, "REDIS_URL": redis_url}


def test_up_uses_the_database_url_of_the_dotenv_file(checkout, database):
    (checkout / ".env").write_text(f"# local set-up\nDATABASE_URL={_url(database)}\n")

    exports = _exports(checkout, _env(REDIS_URL=os.environ.get("REDIS_URL", "")))

    assert exports["DATABASE_URL"] == _url(database)


def test_up_builds_the_database_url_from_the_postgres_variables(checkout, database):
    exports = _exports(checkout, _env(REDIS_URL=os.environ.get("REDIS_URL", ""), **database))

    assert exports["DATABASE_URL"] == _url(database)


def test_up_reads_the_postgres_variables_from_the_dotenv_file_with_their_quotes(checkout, database):
    (checkout / ".env").write_text(
        f"export POSTGRES_DB='{database['POSTGRES_DB']}'\n"
        f'DB_HOST="{database["DB_HOST"]}"\n'
        f"DB_PORT={database['DB_PORT']}\n"
        f"POSTGRES_USER={database['POSTGRES_USER']}\n"
    )

    exports = _exports(checkout, _env(REDIS_URL=os.environ.get("REDIS_URL", "")))

    assert exports["DATABASE_URL"] == _url(database)


def test_up_lets_the_environment_win_over_the_dotenv_file(checkout, database):
    (checkout / ".env").write_text("DATABASE_URL=postgres://postgres@127.0.0.1:1/nowhere\n")

    exports = _exports(
        checkout,
        _env(DATABASE_URL=_url(database), REDIS_URL=os.environ.get("REDIS_URL", "")),
    )

    assert exports["DATABASE_URL"] == _url(database)


def test_up_exports_a_password_with_quotes_and_shell_syntax_unchanged(checkout, database):
    """The server trusts local connections, so any password gets the test database."""
    password = "it's $(touch injected) `touch injected` \\"
    url = _url(database, password=password)

    exports = _exports(checkout, _env(DATABASE_URL=url, REDIS_URL=os.environ.get("REDIS_URL", "")))

    assert exports["DATABASE_URL"] == url
    assert not (checkout / "injected").exists()


@pytest.fixture
def owner() -> Iterator[Callable[[], subprocess.Popen]]:
    """Starts processes that stand for runs (`make dev`, `make test`) while they live."""
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        started.append(subprocess.Popen(["sleep", "600"]))
        return started[-1]

    yield start
    for process in started:
        process.kill()
        process.wait()


@pytest.fixture
def local_redis(checkout, database) -> Iterator[dict[str, str]]:
    """An environment in which no Redis answers at REDIS_URL: `up` uses a project-local one."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    yield _env(
        DATABASE_URL=_url(database),
        REDIS_URL=f"redis://127.0.0.1:{_free_port()}/0",
        LOCAL_REDIS_PORT=str(port),
    )
    pidfile = checkout / ".local" / "redis" / "redis.pid"
    if pidfile.exists():
        subprocess.run(["kill", pidfile.read_text().strip()], check=False)


def _up(checkout: Path, env: dict[str, str], state: str, owner: subprocess.Popen) -> None:
    _services(
        checkout, "up", "--state", f".local/run/{state}.json", "--owner", str(owner.pid), env=env
    )


def _down(checkout: Path, env: dict[str, str], state: str) -> None:
    _services(checkout, "down", "--state", f".local/run/{state}.json", env=env)


def test_a_run_stops_the_project_local_redis_it_started_when_no_other_uses_it(
    checkout, local_redis, owner
):
    port = int(local_redis["LOCAL_REDIS_PORT"])
    _up(checkout, local_redis, "a", owner())
    assert _redis_answers(port)

    _down(checkout, local_redis, "a")

    assert not _redis_answers(port)
    assert not (checkout / ".local" / "run" / "a.json").exists()


def test_the_project_local_redis_stays_up_while_a_run_that_reused_it_lives(
    checkout, local_redis, owner
):
    port = int(local_redis["LOCAL_REDIS_PORT"])
    first, second = owner(), owner()
    _up(checkout, local_redis, "a", first)
    _up(checkout, local_redis, "b", second)
    state = json.loads((checkout / ".local" / "run" / "b.json").read_text())
    assert state["owner"]["pid"] == second.pid
    assert state["uses"] == ["redis"]

    _down(checkout, local_redis, "a")

    assert _redis_answers(port)

    _down(checkout, local_redis, "b")

    assert not _redis_answers(port)


def test_a_killed_run_does_not_keep_the_project_local_redis_up(checkout, local_redis, owner):
    port = int(local_redis["LOCAL_REDIS_PORT"])
    first, killed = owner(), owner()
    _up(checkout, local_redis, "a", first)
    _up(checkout, local_redis, "b", killed)
    killed.kill()
    killed.wait()

    _down(checkout, local_redis, "a")

    assert not _redis_answers(port)
    assert sorted(p.name for p in (checkout / ".local" / "run").iterdir()) == ["lock"]


def test_clean_local_stops_the_project_local_redis_and_deletes_the_folder(
    checkout, local_redis, owner
):
    port = int(local_redis["LOCAL_REDIS_PORT"])
    run = owner()
    _up(checkout, local_redis, "a", run)
    run.kill()
    run.wait()

    _services(checkout, "clean", env=local_redis)

    assert not _redis_answers(port)
    assert not (checkout / ".local").exists()


def test_clean_local_refuses_while_a_run_uses_the_project_local_servers(
    checkout, local_redis, owner
):
    port = int(local_redis["LOCAL_REDIS_PORT"])
    run = owner()
    _up(checkout, local_redis, "a", run)

    result = _services(checkout, "clean", env=local_redis, returncode=1)

    assert f"runs {run.pid} use the project-local servers; stop them first" in result.stderr
    assert _redis_answers(port)
    assert (checkout / ".local" / "run" / "a.json").exists()


def test_clean_local_does_not_delete_a_cluster_whose_server_would_not_stop(checkout, owner):
    """pg_ctl cannot stop this "server" (not a real one): the folder must stay."""
    majors = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not majors:
        pytest.skip("no PostgreSQL server binaries installed")
    data = checkout / ".local" / "postgres" / "data"
    data.mkdir(parents=True)
    (data / "PG_VERSION").write_text(f"{majors[-1].parts[-3]}\n")
    server = owner()
    (data / "postmaster.pid").write_text(f"{server.pid}\n{data}\n")

    result = _services(checkout, "clean", env=_env(), returncode=1)

    assert f"the project-local PostgreSQL (process {server.pid}" in result.stderr
    assert f"is still running; not deleting {checkout / '.local'}" in result.stderr
    assert (data / "PG_VERSION").exists()
    assert server.poll() is None
