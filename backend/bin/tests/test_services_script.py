"""`bin/services.py`, run as `make dev` and `make test` run it, in a copy of the checkout.

The copy gives each test its own `.env` and `.local/`; the database is the
test run's own (it exists, so `up` creates nothing on the shared server).
"""

import os
import shutil
import subprocess
import sys
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


def _exports(checkout: Path, env: dict[str, str], state: str = "a") -> dict[str, str]:
    """What `eval "$(services.py up ...)"` leaves in bash's environment."""
    script = (
        f'eval "$({sys.executable} backend/bin/services.py up --state .local/run/{state}.json)"'
        ' && printf "%s\\n%s" "$DATABASE_URL" "$REDIS_URL"'
    )
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
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
