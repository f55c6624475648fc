#!/usr/bin/env bash
# ./run.sh --cluster: Redis on 127.0.0.1:6390, RealtimeHub nodes on 127.0.0.1:5001 and :5002, nginx on
# http://localhost:5000 (deploy/nginx.conf). Everything runs from a temporary directory; Ctrl-C stops it all.
#
# Environment: CLUSTER_ENVIRONMENT (default Development, so /auth/token hands out dev tokens),
# CLUSTER_STATE (keep pid files and logs there instead of a fresh temp dir), REDIS_CONFIGURATION (use that Redis, e.g.
# the local Redis Cluster of scripts/redis-cluster.sh, instead of starting one on :6390).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib.sh

REDIS_PORT=6390
NODE_PORTS=(5001 5002)
PUBLIC_PORT=5000

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for_http URL SECONDS PID: until URL answers 200, or the process PID has died.
wait_for_http() {
  local url=$1 seconds=$2 pid=$3 i
  for ((i = 0; i < seconds * 10; i++)); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

ensure_packages redis-server:redis-server nginx:nginx-light curl:curl || { echo "error: could not install redis-server/nginx" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

EXTERNAL_REDIS=${REDIS_CONFIGURATION:-}
own_ports=("${NODE_PORTS[@]}" "$PUBLIC_PORT")
[ -z "$EXTERNAL_REDIS" ] && own_ports+=("$REDIS_PORT")
for port in "${own_ports[@]}"; do
  if port_in_use "$port"; then
    echo "error: port $port is already in use (an earlier cluster still running?)" >&2
    exit 1
  fi
done

state=${CLUSTER_STATE:-$(mktemp -d -t realtimehub-cluster.XXXXXX)}
mkdir -p "$state/logs" "$state/nginx/logs" "$state/nginx/temp" "$state/redis"
# nginx workers run as an unprivileged user when started by root: they must reach the temp dir.
chmod 755 "$state" "$state/nginx"
node_pids=() nginx_pid="" redis_pid=""

# stop PID...: SIGTERM, then wait for each to exit.
stop() {
  local pid
  for pid in "$@"; do [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
}

stop_all() {
  trap - INT TERM EXIT
  step "Stopping the cluster"
  # In this order: the nodes drain (they still need Redis to leave presence), then nginx, then Redis.
  stop "${node_pids[@]}"
  stop "$nginx_pid"
  stop "$redis_pid"
  echo "Logs: $state/logs"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

build_web_page
step "Building RealtimeHub.Server (Release)"
dotnet build Hub.Server -c Release -nologo -clp:ErrorsOnly -o "$state/server" >/dev/null

if [ -n "$EXTERNAL_REDIS" ]; then
  step "Using Redis at $EXTERNAL_REDIS"
else
  step "Starting Redis on 127.0.0.1:$REDIS_PORT"
  # Every process gets its own session (setsid), so Ctrl-C reaches only this script, which stops them in order.
  setsid redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --dir "$state/redis" \
    >"$state/logs/redis.log" 2>&1 &
  redis_pid=$!
  for ((i = 0; i < 100; i++)); do port_in_use "$REDIS_PORT" && break; sleep 0.1; done
  port_in_use "$REDIS_PORT" || { echo "error: Redis did not start; see $state/logs/redis.log" >&2; exit 1; }
fi

for index in "${!NODE_PORTS[@]}"; do
  port=${NODE_PORTS[$index]}
  name="node-$((index + 1))"
  step "Starting $name on http://127.0.0.1:$port"
  ASPNETCORE_ENVIRONMENT="${CLUSTER_ENVIRONMENT:-Development}" \
  Redis__Configuration="${EXTERNAL_REDIS:-127.0.0.1:$REDIS_PORT}" \
  Node__Name="$name" \
    setsid dotnet "$state/server/RealtimeHub.Server.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/Hub.Server" \
    >"$state/logs/$name.log" 2>&1 &
  node_pids+=($!)
done

step "Starting nginx on http://localhost:$PUBLIC_PORT"
setsid "$NGINX" -p "$state/nginx" -c "$root/deploy/nginx.conf" -e "$state/nginx/logs/error.log" -g 'daemon off;' &
nginx_pid=$!

for index in "${!NODE_PORTS[@]}"; do
  port=${NODE_PORTS[$index]}
  wait_for_http "http://127.0.0.1:$port/readyz" 60 "${node_pids[$index]}" \
    || { echo "error: node-$((index + 1)) did not become ready; see $state/logs/node-$((index + 1)).log" >&2; exit 1; }
done
wait_for_http "http://127.0.0.1:$PUBLIC_PORT/healthz" 10 "$nginx_pid" \
  || { echo "error: nginx did not start; see $state/nginx/logs/error.log" >&2; exit 1; }

cat <<EOF

RealtimeHub cluster is up:
  http://localhost:$PUBLIC_PORT/          the web page, through nginx (add ?transport=websockets to skip negotiation)
  http://127.0.0.1:5001/stats  http://127.0.0.1:5002/stats   each node's view
  redis-cli -p $REDIS_PORT                 the shared Redis (unless REDIS_CONFIGURATION named another)
Logs in $state/logs. Press Ctrl-C to stop everything.
EOF

# Returns when any process exits (or on Ctrl-C); the EXIT trap stops the rest.
wait -n "${node_pids[@]}" "$nginx_pid" ${redis_pid:+"$redis_pid"} || true
echo "A cluster process exited on its own; stopping the others." >&2
