# Sourced by run-ledger.sh and run-tests.sh: installs what Ledger needs on a fresh Debian machine.
# Ledger itself also installs the PostgreSQL binaries when it finds none; doing it here first keeps
# that slow step out of test time-outs.

ensure_postgres_binaries() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server binaries are missing: install postgresql-15 (sudo apt-get install -y postgresql-15) or set ConnectionStrings__Ledger." >&2
    exit 1
  fi
  echo "Installing PostgreSQL 15 server binaries (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
}

mkdir -p .ledger
