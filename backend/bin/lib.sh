# Shared set-up for the Makefile's commands; sourced, not run.
# Installs what is missing: Debian's geo libraries, a Python (3.13 preferred),
# Poetry, and the project's virtual environment in backend/.venv.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BACKEND="$ROOT/backend"
LOCAL="$ROOT/.local"
VENV="$BACKEND/.venv"
POETRY_HOME="${POETRY_HOME:-/opt/poetry}"
export POETRY_VIRTUALENVS_IN_PROJECT=true
export POETRY_NO_INTERACTION=1

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m!!\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

_apt_updated=""
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them with"
  if [ -z "$_apt_updated" ]; then as_root apt-get update -qq; _apt_updated=1; fi
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Python: 3.13 on PATH or from pyenv; else the newest 3.11+ found; else Debian's.
_py_version() { "$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null; }
find_python() {
  local candidates=() c v best="" best_v="0.0.0" pyenv_root
  for c in python3.13 python3.14 python3.12 python3.11 python3; do
    command -v "$c" >/dev/null && candidates+=("$(command -v "$c")")
  done
  pyenv_root="${PYENV_ROOT:-$(command -v pyenv >/dev/null && pyenv root || echo "$HOME/.pyenv")}"
  for c in "$pyenv_root"/versions/*/bin/python3; do [ -x "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    v="$(_py_version "$c")" || continue
    case "$v" in 3.13.*) ;; *) continue ;; esac
    if [ "$(printf '%s\n%s\n' "$best_v" "$v" | sort -V | tail -1)" = "$v" ]; then best="$c"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    for c in "${candidates[@]}"; do
      v="$(_py_version "$c")" || continue
      [ "$(printf '%s\n%s\n' 3.11.0 "$v" | sort -V | head -1)" = "3.11.0" ] || continue
      if [ "$(printf '%s\n%s\n' "$best_v" "$v" | sort -V | tail -1)" = "$v" ]; then best="$c"; best_v="$v"; fi
    done
    [ -n "$best" ] && log "Python 3.13 not found; falling back to the newest 3.11+: $best ($best_v)"
  fi
  if [ -z "$best" ]; then
    log "no Python 3.11+ found; installing Debian's python3"
    apt_install python3 python3-venv python3-dev
    best="$(command -v python3)"; best_v="$(_py_version "$best")"
  fi
  log "using Python $best_v at $best"
  PYTHON="$best"
}

ensure_system_packages() {
  # GeoDjango's libraries, the PostgreSQL client, and what compiles wheels if one must.
  apt_install gdal-bin libgeos-dev libproj-dev postgresql-client ca-certificates
}

ensure_poetry() {
  if command -v poetry >/dev/null; then POETRY="$(command -v poetry)"; return; fi
  POETRY="$POETRY_HOME/bin/poetry"
  if [ ! -x "$POETRY" ]; then
    log "installing Poetry into $POETRY_HOME"
    "$PYTHON" -m venv "$POETRY_HOME" 2>/dev/null || { apt_install python3-venv; "$PYTHON" -m venv "$POETRY_HOME"; }
    "$POETRY_HOME/bin/pip" install -q "poetry>=2.1,<3"
  fi
}

ensure_venv() {
  local stamp="$VENV/.poetry-lock.sha256" want
  # The contents of the lock and of pyproject.toml, not the checkout's path: a
  # dependency edited without a new lock then reaches `poetry sync`, which refuses it.
  want="$(cat "$BACKEND/poetry.lock" "$BACKEND/pyproject.toml" | sha256sum | cut -d' ' -f1)-$("$PYTHON" -c 'import sys; print(sys.version_info[:2])' | tr -d ' ')"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  if [ -x "$VENV/bin/python" ] && [ "$(_py_version "$VENV/bin/python")" != "$(_py_version "$PYTHON")" ]; then
    log "the virtual environment uses another Python; making it anew"
    rm -rf "$VENV"
  fi
  log "installing the project's dependencies into backend/.venv"
  (cd "$BACKEND" && "$POETRY" env use -q "$PYTHON" && "$POETRY" sync -q)
  echo "$want" > "$stamp"
}

# Everything but the services: enough for lint and the schema.
setup_python() {
  ensure_system_packages
  find_python
  ensure_poetry
  ensure_venv
}

# PostgreSQL/PostGIS and Redis: exports DATABASE_URL and REDIS_URL, and
# records in $1 which project-local servers this run ($$) uses, so that
# stop_services stops them unless another live run still uses them.
SERVICES_STATE=""
start_services() {
  SERVICES_STATE="$1"
  eval "$("$PYTHON" "$BACKEND/bin/services.py" up --state "$SERVICES_STATE" --owner $$)"
}
stop_services() {
  [ -n "$SERVICES_STATE" ] && "$PYTHON" "$BACKEND/bin/services.py" down --state "$SERVICES_STATE" || true
}
