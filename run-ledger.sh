#!/usr/bin/env bash
# The run command: Ledger's API on http://127.0.0.1:5080 with a private PostgreSQL cluster (started in
# .ledger/postgres and stopped when Ledger exits) and the six simulators on http://127.0.0.1:5090,
# which stand in for Shopify, WooCommerce, Linnworks, Peoplevox, ACS and InPost. Ctrl+C stops everything.
# Set LEDGER_SIMULATORS=off to run Ledger alone against real systems configured in Connectors:*.
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/prerequisites.sh
ensure_postgres_binaries
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

dotnet build Ledger.sln -c Release --nologo -v quiet

simulators_pid=""
cleanup() {
  if [ -n "$simulators_pid" ]; then
    kill -TERM "$simulators_pid" 2>/dev/null || true
    wait "$simulators_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if [ "${LEDGER_SIMULATORS:-on}" != "off" ]; then
  dotnet tests/Ledger.Simulators/bin/Release/net10.0/Ledger.Simulators.dll \
    --urls http://127.0.0.1:5090 --ledger http://127.0.0.1:5080 --time-scale "${LEDGER_TIME_SCALE:-0.1}" \
    > .ledger/simulators.log 2>&1 &
  simulators_pid=$!
  echo "Simulators on http://127.0.0.1:5090 (log: .ledger/simulators.log)"
fi

dotnet Api/bin/Release/net10.0/Ledger.Api.dll --urls http://127.0.0.1:5080 --contentRoot "$PWD/Api" "$@"
