#!/usr/bin/env bash
# A local Redis Cluster for trying RealtimeHub on shards: three masters and one replica each, Debian's redis-server on
# 127.0.0.1 ports 7000-7005 (cluster bus 17000-17005), joined with redis-cli --cluster create.
#
#   scripts/redis-cluster.sh start [DIR]   start it (state in DIR, default /tmp/realtimehub-redis-cluster); prints the
#                                          Redis:Configuration to give the nodes
#   scripts/redis-cluster.sh stop [DIR]    stop it and delete DIR
#
# Then: REDIS_CONFIGURATION=127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002 ./run.sh --cluster
# runs the two nodes and nginx on it instead of on a single Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

PORTS=(7000 7001 7002 7003 7004 7005)
command=${1:-}
dir=${2:-/tmp/realtimehub-redis-cluster}

case "$command" in
  start)
    ensure_packages redis-server:redis-server || { echo "error: could not install redis-server" >&2; exit 1; }
    for port in "${PORTS[@]}"; do
      if redis-cli -p "$port" ping >/dev/null 2>&1; then echo "error: port $port is in use (already started?)" >&2; exit 1; fi
    done
    for port in "${PORTS[@]}"; do
      mkdir -p "$dir/$port"
      # No persistence, as a trial cluster: production shards want appendonly yes (docs/OPERATIONS.md).
      redis-server --bind 127.0.0.1 --port "$port" --cluster-enabled yes --cluster-config-file nodes.conf \
        --cluster-node-timeout 5000 --repl-diskless-sync-delay 0 --save '' --appendonly no --dir "$dir/$port" \
        --daemonize yes --pidfile "$dir/$port/redis.pid" --logfile "$dir/$port/redis.log"
    done
    for port in "${PORTS[@]}"; do
      for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
    done
    redis-cli --cluster create $(printf '127.0.0.1:%s ' "${PORTS[@]}") --cluster-replicas 1 --cluster-yes >"$dir/create.log"
    for _ in $(seq 1 100); do
      redis-cli -p "${PORTS[0]}" cluster info | grep -q cluster_state:ok && break
      sleep 0.1
    done
    redis-cli -p "${PORTS[0]}" cluster info | grep -q cluster_state:ok || { echo "error: the cluster did not form; see $dir" >&2; exit 1; }
    echo "Redis Cluster up (state in $dir). Redis:Configuration=127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002"
    ;;
  stop)
    for port in "${PORTS[@]}"; do
      [ -f "$dir/$port/redis.pid" ] && kill "$(cat "$dir/$port/redis.pid")" 2>/dev/null || true
    done
    rm -rf "$dir"
    echo "Redis Cluster stopped."
    ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
