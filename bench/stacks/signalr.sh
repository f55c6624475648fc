# Hooks for RealtimeHub on the official SignalR Redis backplane (Microsoft.AspNetCore.SignalR.StackExchangeRedis):
# the very build of stacks/realtimehub.sh (same RTH_BUILD, same published Hub.Server and Hub.Cli), started with
# Redis__Backplane=signalr. It shows what RealtimeHub's own backplane (the default) is worth against the official
# one, so it only runs where there is Redis: fanout-redis and storm.

# The build, availability and generator are realtimehub.sh's; lib/node.sh sources only this file, so it brings them in.
# shellcheck source=realtimehub.sh
source "$BENCH_DIR/stacks/realtimehub.sh"

stack_signalr_label() { echo "RealtimeHub (official backplane)"; }

stack_signalr_available() { stack_realtimehub_available; }

# Publishing is skipped when realtimehub's prepare already did it in this run (its stamp is newer than the sources).
stack_signalr_prepare() { stack_realtimehub_prepare; }

# Without Redis there is no backplane to compare: the other scenarios are left to the realtimehub stack.
stack_signalr_runs() { [[ "$1" == fanout-redis || "$1" == storm ]]; }

# realtimehub's node command with the official backplane chosen. env execs, so the pid stays the server's.
stack_signalr_server_cmd() {
  stack_realtimehub_server_cmd "$@"
  SERVER_CMD=(env Redis__Backplane=signalr "${SERVER_CMD[@]}")
}

# The same generator, naming this stack in its records.
stack_signalr_loadgen_cmd() { stack_realtimehub_loadgen_cmd; LOADGEN_CMD+=(--stack signalr); }
