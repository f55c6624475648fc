# The game scenario (issue 21), run by run.sh for a stack that runs it (RealtimeHub only: there is no peer for matches).
# Each step is one lib/game-step.js run on two fresh nodes and a flushed Redis: the issue's load once with the JSON
# protocol and once with MessagePack, then a ladder of more players (JSON; the JSON run is its first step) until a step
# has a late or skipped tick, the generator saturates, or not every player is seated. Sourced by run.sh, not run.

# Players, the servers' window and the warm-up: quick is a small load in about two minutes, full the issue's.
# BENCH_GAME_PLAYERS and BENCH_GAME_LADDER (comma-separated) override the players, e.g. on a machine with more cores;
# BENCH_GAME_LADDER_DOWN the smaller loads tried, largest first, when the first does not hold.
game_sizes() {
  local ladder
  local down
  if ((QUICK)); then
    GAME_PLAYERS=200 GAME_WINDOW=10 GAME_WARMUP=5 ladder=400,800,1200 down=100,50
  else
    GAME_PLAYERS=1000 GAME_WINDOW=30 GAME_WARMUP=15 ladder=1500,2000,3000,4000,6000,8000 down=750,500,250
  fi
  GAME_PLAYERS=${BENCH_GAME_PLAYERS:-$GAME_PLAYERS}
  IFS=, read -r -a GAME_LADDER <<<"${BENCH_GAME_LADDER:-$ladder}"
  IFS=, read -r -a GAME_LADDER_DOWN <<<"${BENCH_GAME_LADDER_DOWN:-$down}"
}

# game_run STACK: every step of the scenario; records in <run>/<stack>-game.jsonl, the steps' output in its .log.
game_run() {
  local stack=$1 started=$SECONDS step=0 status
  "stack_${stack}_loadgen_cmd" game   # sets LOADGEN_CMD=(the bots command)
  if ! "${LOADGEN_CMD[@]}" --help >/dev/null 2>&1; then log "$stack: no bots command; skipping game"; return 0; fi
  game_sizes
  log "$stack / game: $GAME_PLAYERS players (JSON, then MessagePack), then a ladder of ${GAME_LADDER[*]}"
  status=0
  game_step "$stack" json json "$GAME_PLAYERS" $((step++)) || status=$?
  game_step "$stack" messagepack messagepack "$GAME_PLAYERS" $((step++)) || true
  # The JSON run is the ladder's first step: climb only from a load that held.
  if ((status == 0)); then
    for players in "${GAME_LADDER[@]}"; do
      game_step "$stack" ladder json "$players" $((step++)) || break
    done
  else
    # The issue's load did not hold: find the largest that does, going down.
    log "$stack / game: the issue's load did not hold (see the record's limit); trying ${GAME_LADDER_DOWN[*]}"
    for players in "${GAME_LADDER_DOWN[@]}"; do
      game_step "$stack" ladder json "$players" $((step++)) && break
    done
  fi
  log "$stack / game took $((SECONDS - started)) s"
}

# game_step STACK VARIANT PROTOCOL PLAYERS STEP: fails when the step reached a limit (lib/game-step.js exits 10) or failed.
game_step() {
  local stack=$1 variant=$2 protocol=$3 players=$4 step=$5 ports=() pids=() args=() status=0
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  for i in 0 1; do
    ports+=("$(free_port)")
    # The bots sign in with development tokens (POST /auth/token), which Production turns off unless asked.
    pids+=("$(BENCH_DEV_TOKENS=1 "$BENCH_DIR/lib/node.sh" start "$stack" "${ports[i]}" "n$((i + 1))" "${NODE_CPUS[i]}" "127.0.0.1:$REDIS_PORT")") || {
      log "$stack: node $((i + 1)) failed to start; skipping game step $step"; stop_nodes "$stack" "${ports[@]}"; return 1; }
    args+=(--server "http://127.0.0.1:${ports[i]}" --pid "${pids[i]}")
  done
  ((QUICK)) && args+=(--quick)
  log "$stack / game step $step: $variant, $players players ($protocol) on 2 nodes"
  { pinned "$GEN_CPUS" node "$BENCH_DIR/lib/game-step.js" "${args[@]}" --redis-port "$REDIS_PORT" --players "$players" \
      --protocol "$protocol" --variant "$variant" --step "$step" --warmup "$GAME_WARMUP" --window "$GAME_WINDOW" -- "${LOADGEN_CMD[@]}" \
      2>&1 >>"$BENCH_RUN_DIR/$stack-game.jsonl" | tee -a "$BENCH_RUN_DIR/$stack-game.log" >&2; } || status=$?
  # run.sh sets pipefail: the pipeline fails with game-step.js's status.
  stop_nodes "$stack" "${ports[@]}"
  return "$status"
}
