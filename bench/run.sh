#!/usr/bin/env bash
# Side-by-side benchmarks: RealtimeHub vs Socket.IO + Redis adapter, one run, same machine, same Redis,
# same payload. For each scenario the stacks take turns (the order flips every scenario), each on fresh
# server processes. JSON lines go to bench/results/<run>/, the report to docs/BENCHMARKS.md.
#
#   bench/run.sh [--quick] [--stacks socketio,realtimehub,signalr,hocuspocus] [--scenarios idle,echo,...] [--out docs/BENCHMARKS.md]
#
# --stacks: any of the files in bench/stacks/ (default: all four). signalr is RealtimeHub on the official SignalR
#   Redis backplane; it runs fanout-redis and storm only, hocuspocus (the Yjs peer) docs only, socketio all but docs
#   (a stack's optional stack_<name>_runs hook says which).
# --scenarios: a subset of idle,echo,fanout,fanout-redis,storm,feeds,docs,game (default: all), e.g. to re-check one after a
#   change. A run of only feeds, docs and/or game (live feeds, issue 19; collaborative documents, issue 20; multiplayer
#   matches, issue 21, RealtimeHub only) rewrites only their sections of --out ("Live feeds", "Collaborative documents",
#   "Multiplayer matches"), keeping the rest, and prints their "... goals met" lines last instead of the two ratios below.
# --quick: smaller sizes and 1 s steps (each scenario after a 15 s warm-up). The last two lines printed are
#   fan-out deliveries/s ratio (RealtimeHub / Socket.IO): X.XX
#   server CPU per delivery ratio (RealtimeHub / Socket.IO): X.XX
# Environment: BENCH_NICE (default -10 as root: the run outweighs background jobs on a shared machine),
#   SIGNING_KEY and BENCH_API_KEY (the feeds publisher's server API key; default: random ones),
#   BENCH_SKIP_REALTIMEHUB=1 (turns off realtimehub and signalr: one build), BENCH_GAME_PLAYERS and BENCH_GAME_LADDER
#   (game: the players of the main load and the ladder's steps, comma-separated; default: see lib/game.sh).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")
ARGS=("$@")
QUICK=0
STACKS_ARG=socketio,realtimehub,signalr,hocuspocus
ALL_SCENARIOS=(idle echo fanout fanout-redis storm feeds docs game)
# Scenarios that are measurements of their own: a run of only these rewrites only their sections of the report.
SECTION_SCENARIOS=(feeds docs game)
SCENARIOS_ARG=$(IFS=,; echo "${ALL_SCENARIOS[*]}")
OUT="$ROOT_DIR/docs/BENCHMARKS.md"
while (($#)); do
  case "$1" in
    --quick) QUICK=1 ;;
    --stacks) STACKS_ARG=$2; shift ;;
    --scenarios) SCENARIOS_ARG=$2; shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
IFS=, read -r -a STACKS <<<"$STACKS_ARG"
IFS=, read -r -a SCENARIOS <<<"$SCENARIOS_ARG"
for scenario in "${SCENARIOS[@]}"; do
  [[ " ${ALL_SCENARIOS[*]} " == *" $scenario "* ]] || { echo "unknown scenario: $scenario" >&2; exit 2; }
done

export BENCH_DIR ROOT_DIR QUICK
export BENCH_RUN_DIR="$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)"
export SIGNING_KEY=${SIGNING_KEY:-bench-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')}
export BENCH_API_KEY=${BENCH_API_KEY:-bench-api-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')}
if [[ -z "${BENCH_NICE+x}" ]]; then BENCH_NICE=$([[ $(id -u) == 0 ]] && echo -10 || echo ""); fi
export BENCH_NICE

# With autogrouping on, nice only counts inside a session's group: run in a session of our own and
# give that whole group the nice value, so the benchmark (and nothing else) outweighs background jobs.
if [[ -n "$BENCH_NICE" && -z "${BENCH_SESSION_FILE:-}" && -w /proc/self/autogroup ]] && command -v setsid >/dev/null; then
  export BENCH_SESSION_FILE
  BENCH_SESSION_FILE=$(mktemp)
  setsid -w "$0" "${ARGS[@]}" &
  stop_session() { kill -TERM -- "-$(cat "$BENCH_SESSION_FILE")" 2>/dev/null || true; }
  trap 'stop_session; rm -f "$BENCH_SESSION_FILE"; exit 130' INT TERM
  status=0
  wait $! || status=$?
  rm -f "$BENCH_SESSION_FILE"
  exit "$status"
fi
if [[ -n "${BENCH_SESSION_FILE:-}" ]]; then
  echo $$ >"$BENCH_SESSION_FILE"
  echo "$BENCH_NICE" >/proc/self/autogroup 2>/dev/null || true
fi
mkdir -p "$BENCH_RUN_DIR"

# shellcheck source=lib/common.sh
source "$BENCH_DIR/lib/common.sh"
# shellcheck source=lib/game.sh
source "$BENCH_DIR/lib/game.sh"
for stack in "${STACKS[@]}"; do
  # shellcheck source=/dev/null
  source "$BENCH_DIR/stacks/$stack.sh"
done

cleanup() {
  for pid_file in "$BENCH_RUN_DIR"/*.pid; do
    [[ -f "$pid_file" ]] || continue
    local name
    name=$(basename "$pid_file" .pid)
    "$BENCH_DIR/lib/node.sh" stop "${name%-*}" "${name##*-}" >/dev/null 2>&1 || true
  done
  if [[ -n "${REDIS_PID:-}" ]]; then
    kill "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Sizes every generator is given, so both stacks run the very same load.
scenario_args() {
  local scenario=$1
  if ((QUICK)); then
    case "$scenario" in
      idle) echo "--connections 5000" ;;
      echo) echo "--connections 100 --step-seconds 1" ;;
      fanout|fanout-redis) echo "--step-seconds 1" ;;
      storm) echo "--connections 2000" ;;
      # Each watcher's load is the full run's (20 instruments at 20 updates/s each, 200 watchers per instrument).
      feeds) echo "--connections 1000 --instruments 100 --rate 2000 --step-seconds 10 --pause-seconds 20" ;;
      # A fifth of the documents, each with the full run's 20 editors typing 5 characters a second.
      docs) echo "--documents 10 --editors 20 --step-seconds 10" ;;
    esac
  else
    case "$scenario" in
      idle) echo "--connections 10000" ;;
      echo) echo "--connections 100 --step-seconds 10" ;;
      fanout|fanout-redis) echo "--step-seconds 10" ;;
      storm) echo "--connections 5000" ;;
      feeds) echo "--connections 5000 --instruments 500 --rate 10000 --step-seconds 30 --pause-seconds 60" ;;
      docs) echo "--documents 50 --editors 20 --step-seconds 30" ;;
    esac
  fi
}

# Runs one scenario against one stack on fresh nodes; a failure is logged and the run goes on.
run_scenario() {
  local stack=$1 scenario=$2 nodes=1 redis="" ports=() pids=() args=()
  # The game scenario is several runs of the bots, each on fresh nodes (lib/game.sh).
  if [[ "$scenario" == game ]]; then game_run "$stack"; return 0; fi
  [[ "$scenario" == fanout-redis || "$scenario" == storm || "$scenario" == feeds || "$scenario" == docs ]] && nodes=2 redis="127.0.0.1:$REDIS_PORT"
  # A stack may run fewer nodes (stack_<name>_nodes SCENARIO: the Hocuspocus peer runs one process).
  declare -F "stack_${stack}_nodes" >/dev/null && nodes=$("stack_${stack}_nodes" "$scenario")
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  for ((i = 0; i < nodes; i++)); do
    ports+=("$(free_port)")
    pids+=("$("$BENCH_DIR/lib/node.sh" start "$stack" "${ports[i]}" "n$((i + 1))" "${NODE_CPUS[i]}" "$redis")") || {
      log "$stack: node $((i + 1)) failed to start; skipping $scenario"; stop_nodes "$stack" "${ports[@]}"; return 0; }
    args+=(--server "http://127.0.0.1:${ports[i]}" --pid "${pids[i]}")
  done
  [[ -n "$redis" ]] && args+=(--redis "redis://$redis")
  ((QUICK)) && args+=(--quick)
  if [[ "$scenario" == storm ]]; then
    args+=(--kill-cmd "'$BENCH_DIR/lib/node.sh' kill $stack ${ports[0]}"
      --restart-cmd "'$BENCH_DIR/lib/node.sh' start $stack ${ports[0]} n1-restarted ${NODE_CPUS[0]} $redis >/dev/null")
  fi
  log "$stack / $scenario on ${nodes} node(s)"
  local started=$SECONDS
  "stack_${stack}_loadgen_cmd" "$scenario"   # sets LOADGEN_CMD=(...)
  # shellcheck disable=SC2046
  { pinned "$GEN_CPUS" "${LOADGEN_CMD[@]}" --scenario "$scenario" "${args[@]}" $(scenario_args "$scenario") \
      2>&1 >>"$BENCH_RUN_DIR/$stack-$scenario.jsonl" | tee -a "$BENCH_RUN_DIR/$stack-$scenario.log" >&2; } ||
    log "$stack / $scenario failed; see $BENCH_RUN_DIR/$stack-$scenario.log"
  stop_nodes "$stack" "${ports[@]}"
  log "$stack / $scenario took $((SECONDS - started)) s"
}

# A stack runs every scenario unless its optional stack_<name>_runs SCENARIO hook fails for it.
stack_runs() { ! declare -F "stack_$1_runs" >/dev/null || "stack_$1_runs" "$2"; }

stop_nodes() {
  local stack=$1; shift
  for port in "$@"; do
    "$BENCH_DIR/lib/node.sh" stop "$stack" "$port" >/dev/null 2>&1 || true
    rm -f "$BENCH_RUN_DIR/$stack-$port.pid"
  done
}

plan_cpus
start_redis
machine_json >"$BENCH_RUN_DIR/machine.json"
log "run $BENCH_RUN_DIR; $LAYOUT; redis on $REDIS_PORT; nice ${BENCH_NICE:-0}"

AVAILABLE=()
for stack in "${STACKS[@]}"; do
  "stack_${stack}_prepare" || log "$stack: prepare failed"
  if "stack_${stack}_available"; then AVAILABLE+=("$stack"); else log "$stack: not available, skipped"; fi
done

for ((s = 0; s < ${#SCENARIOS[@]}; s++)); do
  order=("${AVAILABLE[@]}")
  if ((s % 2)); then order=(); for ((k = ${#AVAILABLE[@]} - 1; k >= 0; k--)); do order+=("${AVAILABLE[k]}"); done; fi
  for stack in "${order[@]}"; do
    if stack_runs "$stack" "${SCENARIOS[s]}"; then run_scenario "$stack" "${SCENARIOS[s]}"; else log "$stack: does not run ${SCENARIOS[s]}"; fi
  done
done

cleanup
trap - EXIT
mkdir -p "$(dirname "$OUT")"
# A run of only feeds, docs and/or game measures nothing else: it replaces their sections and leaves the rest of OUT.
REPORT_ARGS=(--only "$SCENARIOS_ARG")
for scenario in "${SCENARIOS[@]}"; do
  [[ " ${SECTION_SCENARIOS[*]} " == *" $scenario "* ]] || REPORT_ARGS=()
done
node "$BENCH_DIR/report.js" "$BENCH_RUN_DIR" "$OUT" "${REPORT_ARGS[@]}"
