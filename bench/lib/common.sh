# Helpers for run.sh and lib/node.sh: ports, CPU layout, pinning, Redis, machine details. Sourced, not run.

log() { echo "[bench] $*" >&2; }

# A TCP port on 127.0.0.1 that nothing listens on (and that this run has not handed out yet).
USED_PORTS=" "
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000)) # below Linux's ephemeral range (32768+)
    [[ "$USED_PORTS" == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      USED_PORTS+="$port "
      echo "$port"
      return
    fi
  done
}

# Servers and generators on separate cores where the machine has them. Sets NODE_CPUS (one entry
# per node), REDIS_CPUS and GEN_CPUS ("-" means unpinned) and LAYOUT, a one-line description.
plan_cpus() {
  local n
  n=$(nproc)
  if ! command -v taskset >/dev/null || ((n < 2)); then
    NODE_CPUS=(- -) REDIS_CPUS=- GEN_CPUS=-
  elif ((n < 4)); then
    NODE_CPUS=(0 0) REDIS_CPUS=0 GEN_CPUS=1-$((n - 1))
  else
    NODE_CPUS=(0 1) REDIS_CPUS=2 GEN_CPUS=3-$((n - 1))
  fi
  LAYOUT="nodes on cpu ${NODE_CPUS[0]} and ${NODE_CPUS[1]}, redis on $REDIS_CPUS, generator on $GEN_CPUS (of $n)"
}

# Sets PIN to the prefix that runs a command on CPUS ("-": unpinned) at BENCH_NICE. nice and taskset
# exec the command, so a backgrounded "${PIN[@]}" cmd & has the command's own pid in $!.
pin_prefix() {
  PIN=()
  # nice -n is relative: from an already niced caller (the generator running --restart-cmd) go to BENCH_NICE, not past it.
  local delta=$(( ${BENCH_NICE:-0} - $(nice) ))
  [[ -n "${BENCH_NICE:-}" ]] && ((delta != 0)) && PIN+=(nice -n "$delta")
  [[ "$1" != "-" ]] && PIN+=(taskset -c "$1")
  return 0
}

# Runs a command pinned to CPUS ("-": unpinned) at BENCH_NICE.
pinned() {
  pin_prefix "$1"; shift
  "${PIN[@]}" "$@"
}

start_redis() {
  REDIS_PORT=$(free_port)
  pin_prefix "$REDIS_CPUS"
  "${PIN[@]}" redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    >"$BENCH_RUN_DIR/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  log "redis-server did not start; see $BENCH_RUN_DIR/redis.log"
  return 1
}

# Machine details for the report, as JSON.
machine_json() {
  local cpu mem
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  mem=$(free -b | awk '/^Mem:/ {print $2}')
  cat <<JSON
{"cpuModel": "$cpu", "cpus": $(nproc), "memBytes": $mem, "kernel": "$(uname -r)",
 "node": "$(node --version 2>/dev/null)", "dotnet": "$(dotnet --version 2>/dev/null || echo none)",
 "redis": "$(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/')", "layout": "$LAYOUT",
 "nice": "${BENCH_NICE:-0}", "loadAvgAtStart": "$(cut -d' ' -f1-3 /proc/loadavg)", "quick": $QUICK,
 "commit": "$(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT_DIR" diff --quiet HEAD -- 2>/dev/null || echo +changes)",
 "startedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"}
JSON
}
