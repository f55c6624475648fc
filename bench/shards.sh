#!/usr/bin/env bash
# Fan-out through a Redis Cluster with 1 and 3 shards (issue 15), same run, same load: RealtimeHub on two nodes,
# 20 rooms of 50, the project's own backplane (sharded pub/sub), then the official SignalR backplane on 3 shards
# (classic PUBLISH, which a cluster copies to every shard). Per step: deliveries/s, p99, and Redis CPU per message on
# every shard. On this 2-core machine the nodes and the generator saturate long before Redis does, so capacity
# when Redis is the bottleneck is projected from the busiest shard's CPU per message (1 core / that cost).
#
#   bench/shards.sh [--quick] [--out FILE]     JSON lines in bench/results/shards-<run>/, a markdown table on stdout
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")
QUICK=0 OUT=""
while (($#)); do
  case "$1" in
    --quick) QUICK=1 ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
export BENCH_DIR ROOT_DIR QUICK
export BENCH_RUN_DIR="$BENCH_DIR/results/shards-$(date -u +%Y%m%dT%H%M%SZ)"
export SIGNING_KEY=${SIGNING_KEY:-bench-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')}
export BENCH_NICE=${BENCH_NICE:-}
mkdir -p "$BENCH_RUN_DIR"
# shellcheck source=lib/common.sh
source "$BENCH_DIR/lib/common.sh"
# shellcheck source=stacks/realtimehub.sh
source "$BENCH_DIR/stacks/realtimehub.sh"

REDIS_PIDS=() NODE_PORTS=()
cleanup() {
  for port in "${NODE_PORTS[@]}"; do "$BENCH_DIR/lib/node.sh" stop realtimehub "$port" >/dev/null 2>&1 || true; done
  for pid in "${REDIS_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  NODE_PORTS=() REDIS_PIDS=()
}
trap cleanup EXIT

# A port whose cluster bus port (+10000) is free too.
cluster_port() {
  local port
  while :; do
    port=$(free_port)
    ((port + 10000 <= 65535)) && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 10000))") 2>/dev/null && { echo "$port"; return; }
  done
}

# start_cluster N: N cluster-enabled masters, no replicas, all slots assigned; sets SHARD_PORTS.
start_cluster() {
  local count=$1 port i
  SHARD_PORTS=()
  for ((i = 0; i < count; i++)); do
    port=$(cluster_port)
    mkdir -p "$BENCH_RUN_DIR/redis-$port"
    pin_prefix "$REDIS_CPUS"
    "${PIN[@]}" redis-server --bind 127.0.0.1 --port "$port" --cluster-enabled yes --cluster-config-file nodes.conf \
      --save '' --appendonly no --dir "$BENCH_RUN_DIR/redis-$port" >"$BENCH_RUN_DIR/redis-$port.log" 2>&1 &
    REDIS_PIDS+=($!)
    SHARD_PORTS+=("$port")
  done
  for port in "${SHARD_PORTS[@]}"; do
    for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
  done
  if ((count == 1)); then
    redis-cli -p "${SHARD_PORTS[0]}" cluster addslotsrange 0 16383 >/dev/null # --cluster create wants three masters
  else
    redis-cli --cluster create $(printf '127.0.0.1:%s ' "${SHARD_PORTS[@]}") --cluster-yes >"$BENCH_RUN_DIR/create-$count.log"
  fi
  for _ in $(seq 1 100); do
    redis-cli -p "${SHARD_PORTS[0]}" cluster info | grep -q cluster_state:ok && return 0
    sleep 0.1
  done
  log "the $count-shard cluster did not form"; return 1
}

# run_config LABEL SHARDS BACKPLANE
run_config() {
  local label=$1 shards=$2 backplane=$3 args=() configuration i port pid
  start_cluster "$shards"
  configuration=$(printf '127.0.0.1:%s,' "${SHARD_PORTS[@]}"); configuration=${configuration%,}
  for ((i = 0; i < 2; i++)); do
    port=$(free_port)
    pid=$(Redis__Backplane=$backplane "$BENCH_DIR/lib/node.sh" start realtimehub "$port" "n$((i + 1))" "${NODE_CPUS[i]}" "$configuration")
    NODE_PORTS+=("$port")
    args+=(--server "http://127.0.0.1:$port" --pid "$pid")
  done
  for port in "${SHARD_PORTS[@]}"; do args+=(--redis "redis://127.0.0.1:$port"); done
  # Moderate rates, so Redis is measured at work the nodes still carry; quick: shorter steps.
  args+=(--rates 2500,5000,7500,10000,12500)
  ((QUICK)) && args+=(--quick --step-seconds 2) || args+=(--step-seconds 6)
  log "$label: $shards shard(s), backplane $backplane"
  stack_realtimehub_loadgen_cmd
  pinned "$GEN_CPUS" "${LOADGEN_CMD[@]}" --scenario fanout-redis --variant room50 "${args[@]}" 2>>"$BENCH_RUN_DIR/loadgen.log" |
    sed "s/^{/{\"config\":\"$label\",/" >>"$BENCH_RUN_DIR/shards.jsonl"
  cleanup
}

plan_cpus
stack_realtimehub_prepare
log "run $BENCH_RUN_DIR; $LAYOUT"
run_config "1 shard" 1 realtimehub
run_config "3 shards" 3 realtimehub
run_config "3 shards, official backplane" 3 signalr

table=$(node "$BENCH_DIR/shards-report.js" "$BENCH_RUN_DIR/shards.jsonl")
echo "$table"
[[ -n "$OUT" ]] && echo "$table" >"$OUT"
exit 0
