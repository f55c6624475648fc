#!/usr/bin/env bash
# Starts, kills or stops one server node of a stack; run.sh and the storm scenario's
# --kill-cmd/--restart-cmd both go through here, so a restarted node is pinned like the first.
#
#   lib/node.sh start STACK PORT NODE_ID CPUS [REDIS_HOST:PORT]   # prints the pid once /healthz answers
#   lib/node.sh kill  STACK PORT                                   # SIGKILL, no goodbye
#   lib/node.sh stop  STACK PORT                                   # SIGTERM, then SIGKILL after 5 s
#
# Environment: BENCH_RUN_DIR (pid and log files), SIGNING_KEY, BENCH_NICE (e.g. -10; empty: none).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/lib/common.sh"
ACTION=$1 STACK=$2 PORT=$3
: "${BENCH_RUN_DIR:?BENCH_RUN_DIR must be set}"
PID_FILE="$BENCH_RUN_DIR/$STACK-$PORT.pid"

case "$ACTION" in
  start)
    NODE_ID=$4 CPUS=$5 REDIS=${6:-}
    # shellcheck source=/dev/null
    source "$BENCH_DIR/stacks/$STACK.sh"
    "stack_${STACK}_server_cmd" "$PORT" "$NODE_ID" "$REDIS"   # sets SERVER_CMD=(...)
    pin_prefix "${CPUS:--}"   # sets PIN=(...)
    # nice, taskset and env all exec, so $! is the server process itself (RSS is read from /proc/$!).
    # A node restarted right after a SIGKILL may find its port still held by the dead process's orphaned
    # connections (FIN_WAIT until thousands of clients have closed their side): it then exits at once, and is
    # started again until it binds, as a supervisor would. The restart time includes that wait.
    for _ in $(seq 1 150); do
      nohup "${PIN[@]}" "${SERVER_CMD[@]}" >>"$BENCH_RUN_DIR/$STACK-$PORT.log" 2>&1 &
      echo $! >"$PID_FILE"
      for _ in $(seq 1 600); do
        if curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; then cat "$PID_FILE"; exit 0; fi
        kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
        sleep 0.1
      done
      kill -0 "$(cat "$PID_FILE")" 2>/dev/null && break # alive but never healthy: give up
      tail -n 40 "$BENCH_RUN_DIR/$STACK-$PORT.log" | grep -qiE 'address already in use|EADDRINUSE' || break
      sleep 0.2
    done
    echo "node $STACK:$PORT did not become healthy; see $BENCH_RUN_DIR/$STACK-$PORT.log" >&2
    exit 1 ;;
  kill)
    PID=$(cat "$PID_FILE")
    kill -9 "$PID" 2>/dev/null || true
    # Return once it has exited (a zombie waiting for its reaper already let go of its port),
    # so a restart can bind the port again.
    for _ in $(seq 1 200); do
      state=$(awk '{print $3}' "/proc/$PID/stat" 2>/dev/null || echo gone)
      [[ "$state" == Z || "$state" == gone || -z "$state" ]] && break
      sleep 0.01
    done ;;
  stop)
    PID=$(cat "$PID_FILE" 2>/dev/null || true)
    [[ -z "$PID" ]] && exit 0
    kill -TERM "$PID" 2>/dev/null || exit 0
    for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || exit 0; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true ;;
  *) echo "usage: node.sh start|kill|stop STACK PORT ..." >&2; exit 2 ;;
esac
