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

step "Running the web page's unit tests"
web_log=$(mktemp)
(cd client-web && npm test --silent) 2>&1 | tee "$web_log"
web_status=${PIPESTATUS[0]}
web_passed=$(node_test_count "$web_log" pass)
web_failed=$(node_test_count "$web_log" fail)
if [ "$web_status" -ne 0 ] && [ "$web_failed" -eq 0 ]; then web_failed=1; fi

step "Running the benchmark harness's unit tests (report rules, Socket.IO peer, docs generator)"
bench_log=$(mktemp)
# bench/docs's packages (yjs) are needed by the docs generator's tests, which run with the harness's.
(cd bench/docs && { { [ -d node_modules ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; } ||
  npm ci --no-audit --no-fund --loglevel=error; } &&
  cd ../socketio && { { [ -d node_modules ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; } ||
  npm ci --no-audit --no-fund --loglevel=error; } && npm test --silent) 2>&1 | tee "$bench_log"
bench_status=${PIPESTATUS[0]}
web_passed=$((web_passed + $(node_test_count "$bench_log" pass)))
bench_failed=$(node_test_count "$bench_log" fail)
if [ "$bench_status" -ne 0 ] && [ "$bench_failed" -eq 0 ]; then bench_failed=1; fi
web_failed=$((web_failed + bench_failed))

step "Preparing Redis for the tests"
prepare_test_redis

step "Running the .NET tests"
results=$(mktemp -d)
# A hung test must not eat the CI budget: dump and fail it instead.
dotnet test Hub.Tests/Hub.Tests.csproj -c Release --no-build -nologo \
  --blame-hang-timeout 4m --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?
remove_test_containers
print_trx_total "$results" "$status" "$web_passed" "$web_failed"
