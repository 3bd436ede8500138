#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh machine (PostgreSQL 15 server binaries),
# then builds and runs every test project. Each test run starts its own private PostgreSQL cluster
# under .ledger/ (git-ignored) and stops it when done; nothing else needs to be running.
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/prerequisites.sh
ensure_postgres_binaries

dotnet build Ledger.sln -c Release --nologo -v quiet
set +e
dotnet test Ledger.sln -c Release --no-build --nologo -v quiet "$@" 2>&1 | tee .ledger/last-test-run.log
status=${PIPESTATUS[0]}
set -e

# One closing line that any reader can count.
passed=$(grep -Eo 'Passed: +[0-9]+' .ledger/last-test-run.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' .ledger/last-test-run.log | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' .ledger/last-test-run.log | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
