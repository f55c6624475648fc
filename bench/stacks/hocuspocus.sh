# Hooks for the Hocuspocus peer of the docs scenario (issue 20): @hocuspocus/server 3.4 in one process, no extensions
# (bench/docs/hocuspocus-server.js), and the docs generator (bench/docs/loadgen.js) with @hocuspocus/provider editors.
# It runs `docs` only, on one node without Redis: one document needs no more.

# shellcheck source=../lib/docs.sh
source "$BENCH_DIR/lib/docs.sh"

stack_hocuspocus_label() { echo "Hocuspocus"; }

stack_hocuspocus_available() { command -v node >/dev/null && [[ -d "$BENCH_DIR/docs/node_modules/@hocuspocus/server" ]]; }

stack_hocuspocus_prepare() { docs_prepare; }

stack_hocuspocus_runs() { [[ "$1" == docs ]]; }

# One process holds the document; the Redis address run.sh offers is not used.
stack_hocuspocus_nodes() { echo 1; }

stack_hocuspocus_server_cmd() {
  local port=$1 node_id=$2
  SERVER_CMD=(env "NODE_ID=$node_id" "SIGNING_KEY=$SIGNING_KEY" node "$BENCH_DIR/docs/hocuspocus-server.js" --port "$port")
}

stack_hocuspocus_loadgen_cmd() { docs_loadgen_cmd hocuspocus; }
