# Hooks for RealtimeHub: Hub.Server and the `Hub.Cli bench` generator (Hub.Cli/Bench/), both published in
# Release. The generator accepts the common arguments and prints the shared JSON lines (bench/README.md). The docs
# scenario's editors are Node (bench/docs/loadgen.js: real yjs over @microsoft/signalr, lib/docs.sh); the game scenario's
# players are `Hub.Cli bots` (lib/game.sh).

# shellcheck source=../lib/docs.sh
source "$BENCH_DIR/lib/docs.sh"

RTH_BUILD="$BENCH_DIR/results/.build"

stack_realtimehub_label() { echo "RealtimeHub"; }

stack_realtimehub_available() {
  stack_realtimehub_wired && [[ -f "$RTH_BUILD/cli/RealtimeHub.Cli.dll" ]] &&
    dotnet "$RTH_BUILD/cli/RealtimeHub.Cli.dll" bench --help >/dev/null 2>&1
}

stack_realtimehub_wired() {
  [[ "${BENCH_SKIP_REALTIMEHUB:-0}" != 1 ]] && command -v dotnet >/dev/null &&
    grep -rqs --include='*.cs' '"bench"' "$ROOT_DIR/Hub.Cli"
}

# Publishes Release builds unless they are newer than every source file.
stack_realtimehub_prepare() {
  stack_realtimehub_wired || return 0
  if [[ " ${SCENARIOS[*]:-} " == *" docs "* ]]; then docs_prepare || return 1; fi
  local stamp="$RTH_BUILD/.stamp"
  if [[ -f "$stamp" ]] && [[ -z $(find "$ROOT_DIR"/Hub.{Contracts,Server,Client,Cli} "$ROOT_DIR"/Directory.*.props -newer "$stamp" \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) \
        -not -path '*/bin/*' -not -path '*/obj/*' -print -quit) ]]; then
    return 0
  fi
  mkdir -p "$RTH_BUILD"
  log "realtimehub: publishing Hub.Server and Hub.Cli (Release)"
  # For a runtime, as deploy/Dockerfile does: the server's own code is then precompiled (ReadyToRun).
  { dotnet publish "$ROOT_DIR/Hub.Server" -c Release -r linux-x64 --self-contained false -o "$RTH_BUILD/server" --artifacts-path "$RTH_BUILD/art" -v q -nologo &&
    dotnet publish "$ROOT_DIR/Hub.Cli" -c Release -o "$RTH_BUILD/cli" --artifacts-path "$RTH_BUILD/art" -v q -nologo; } >&2 &&
    touch "$stamp"
}

stack_realtimehub_server_cmd() {
  local port=$1 node_id=$2 redis=${3:-}
  SERVER_CMD=(env ASPNETCORE_ENVIRONMENT=Production
    "Auth__SigningKey=$SIGNING_KEY" "Redis__Configuration=$redis" "Node__Name=$node_id"
    # The benchmark measures throughput, so the per-connection send limit is lifted, as Socket.IO has none.
    Chat__RateLimit__PerSecond=1000000 Chat__RateLimit__Burst=1000000
    # The feeds scenario publishes through the server API with this key (run.sh exports it; bench/shards.sh does not).
    ${BENCH_API_KEY:+"Api__Keys__bench=$BENCH_API_KEY"}
    # The game scenario's bots sign in with development tokens (lib/game.sh sets BENCH_DEV_TOKENS=1 for its nodes).
    ${BENCH_DEV_TOKENS:+"Auth__DevTokens=true"}
    Logging__LogLevel__Default=Warning
    dotnet "$RTH_BUILD/server/RealtimeHub.Server.dll" --urls "http://127.0.0.1:$port")
}

# Sets LOADGEN_CMD for scenario $1: Hub.Cli bench, the Node editors for docs, or Hub.Cli bots for game (lib/game-step.js
# adds the bots' arguments).
stack_realtimehub_loadgen_cmd() {
  case "${1:-}" in
    docs) docs_loadgen_cmd realtimehub ;;
    game) LOADGEN_CMD=(dotnet "$RTH_BUILD/cli/RealtimeHub.Cli.dll" bots) ;;
    *) LOADGEN_CMD=(dotnet "$RTH_BUILD/cli/RealtimeHub.Cli.dll" bench --json) ;;
  esac
}
