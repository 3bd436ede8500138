#!/usr/bin/env bash
# The run command: Ledger's API on http://127.0.0.1:5080 with a private PostgreSQL cluster
# (started in .ledger/postgres and stopped when Ledger exits). Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/prerequisites.sh
ensure_postgres_binaries
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet run --project Api -c Release -- "$@"
