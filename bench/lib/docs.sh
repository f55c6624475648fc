# The docs scenario's Node side (bench/docs: the Yjs editors' generator and the Hocuspocus peer), shared by
# stacks/realtimehub.sh and stacks/hocuspocus.sh. Sourced, not run.

# Installs bench/docs's pinned packages (npm ci) unless they are current.
docs_prepare() {
  local dir="$BENCH_DIR/docs"
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The docs generator for a stack: docs_loadgen_cmd STACK sets LOADGEN_CMD.
docs_loadgen_cmd() { LOADGEN_CMD=(node "$BENCH_DIR/docs/loadgen.js" --stack "$1"); }
