#!/usr/bin/env bash
# ./run.sh            one node in embedded mode on http://localhost:5000, serving the web page at /
# ./run.sh --cluster  Redis on 127.0.0.1:6390, nodes on :5001 and :5002, nginx on http://localhost:5000
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

if [ "${1:-}" = "--cluster" ]; then
  exec scripts/run-cluster.sh
fi

build_web_page
step "Starting RealtimeHub (embedded mode) on http://localhost:5000"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet run --project Hub.Server -c Release -- --urls "${URLS:-http://localhost:5000}"
