# Shared by run.sh, test.sh and .ci/run: small, boring helpers.

step() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# ensure_packages command:debian-package ... — installs the Debian packages whose command is missing.
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${pair%%:*}" ] || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing ${missing[*]}"
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Builds client-web into Hub.Server/wwwroot (npm ci only when the lock file changed since the last install).
build_web_page() {
  step "Building the web page"
  (
    cd client-web || exit 1
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --no-audit --no-fund --loglevel=error || exit 1
    fi
    npm run build --silent
  )
}

fail_total() {
  echo "error: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# node_test_count LOG pass|fail — the count from node's test runner summary ("# pass 12").
node_test_count() { local v; v=$(grep -E "^# $2 [0-9]+" "$1" | tail -1 | awk '{print $3}'); echo "${v:-0}"; }

# print_trx_total DIR STATUS [EXTRA_PASSED EXTRA_FAILED] — sums the TRX counters (plus other runners' counts)
# and prints the contract's last line.
print_trx_total() {
  local dir=$1 status=$2 passed=${3:-0} failed=${4:-0} skipped=0 file counters
  for file in "$dir"/*.trx; do
    [ -f "$file" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$file" | head -1)
    passed=$((passed + $(attr "$counters" passed)))
    failed=$((failed + $(attr "$counters" failed) + $(attr "$counters" error) + $(attr "$counters" timeout) + $(attr "$counters" aborted)))
    skipped=$((skipped + $(attr "$counters" notExecuted)))
  done
  # A crashed or hung test host can leave counters that look clean: the exit status has the last word.
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
  [ "$failed" -eq 0 ]
}

attr() { local v; v=$(printf '%s' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*'); echo "${v:-0}"; }
