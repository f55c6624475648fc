#!/usr/bin/env bash
# Installs what is missing, builds everything (the web page included) and runs every test.
# The last line printed is the total: "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

ensure_packages redis-server:redis-server chromium:chromium nginx:nginx-light || fail_total "could not install system packages"
build_web_page || fail_total "client-web build failed"

step "Building the solution"
dotnet build RealtimeHub.sln -c Release -nologo -clp:ErrorsOnly || fail_total "dotnet build failed"

step "Running the tests"
results=$(mktemp -d)
# A hung test must not eat the CI budget: dump and fail it instead.
dotnet test Hub.Tests/Hub.Tests.csproj -c Release --no-build -nologo \
  --blame-hang-timeout 4m --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?
print_trx_total "$results" "$status"
