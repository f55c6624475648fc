# Hooks for the Socket.IO peer (bench/socketio). Every stack file defines the same functions;
# see bench/README.md ("Plugging a stack in").

stack_socketio_label() { echo "Socket.IO"; }

# Succeeds when the stack can run here.
stack_socketio_available() { command -v node >/dev/null && command -v npm >/dev/null; }

# Installs or builds what the stack needs; quick when nothing changed.
stack_socketio_prepare() {
  local dir="$BENCH_DIR/socketio"
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The documents scenario has a Yjs peer of its own (stacks/hocuspocus.sh), and matches (game) have no peer in this
# benchmark; Socket.IO runs everything else.
stack_socketio_runs() { [[ "$1" != docs && "$1" != game ]]; }

# Sets SERVER_CMD to the command line of one node: stack_socketio_server_cmd PORT NODE_ID [REDIS_HOST:PORT]
stack_socketio_server_cmd() {
  local port=$1 node_id=$2 redis=${3:-}
  SERVER_CMD=(env "NODE_ID=$node_id" "REDIS_URL=${redis:+redis://$redis}" "SIGNING_KEY=$SIGNING_KEY" "API_KEY=${BENCH_API_KEY:-}"
    node "$BENCH_DIR/socketio/server.js" --port "$port")
}

# Sets LOADGEN_CMD to the generator of scenario $1; run.sh appends the common arguments (bench/README.md) and reads
# JSON lines from its stdout.
stack_socketio_loadgen_cmd() { LOADGEN_CMD=(node "$BENCH_DIR/socketio/loadgen.js" --stack socketio); }
