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

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

# ensure_docker — a Docker engine for the tests' Redis containers: installs Debian's docker.io when no engine answers
# and none is installed, starts dockerd when it is not running, and waits for it (at most 30 s). Non-zero when no
# engine can run here (dockerd's log: /tmp/dockerd.log).
ensure_docker() {
  docker_answers && return 0
  ensure_packages docker:docker.io dockerd:docker.io || return 1
  if ! pgrep -x dockerd >/dev/null; then
    step "Starting dockerd"
    as_root sh -c 'nohup dockerd >/tmp/dockerd.log 2>&1 &'
  fi
  local waited
  for waited in $(seq 30); do
    docker_answers && return 0
    pgrep -x dockerd >/dev/null || return 1   # it gave up: no point waiting out the bound
    sleep 1
  done
  return 1
}

# prepare_test_redis — how the tests get Redis, said in one line: containers of the image scripts/redis-image.sh
# builds (Testcontainers reaches them through ports published on 127.0.0.1; its reaper, Ryuk, is an image that
# cannot be pulled here), or redis-server processes where no engine can run (REALTIMEHUB_TEST_REDIS=process).
prepare_test_redis() {
  export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
  local why=""
  if [ "${REALTIMEHUB_TEST_REDIS:-}" = process ]; then
    why="REALTIMEHUB_TEST_REDIS=process"
  elif ! ensure_docker; then
    why="no Docker engine can run here (see /tmp/dockerd.log)"
  elif ! scripts/redis-image.sh >/dev/null; then
    why="the Redis image could not be built"
  fi
  remove_test_containers
  if [ -z "$why" ]; then
    echo "Redis for tests: containers of ${REDIS_TEST_IMAGE:-realtimehub-test-redis:7} (Testcontainers, Docker $(docker version -f '{{.Server.Version}}' 2>/dev/null))${REDIS_URL:+; shared fixtures use REDIS_URL}"
  else
    export REALTIMEHUB_TEST_REDIS=process
    echo "Redis for tests: redis-server processes, because $why${REDIS_URL:+; shared fixtures use REDIS_URL}"
  fi
}

# remove_test_containers — the tests' Redis containers (label realtimehub.test) whose test host is gone: crashed,
# killed, or done. A run under way in another checkout keeps its own.
remove_test_containers() {
  docker_answers || return 0
  local id pid
  for id in $(docker ps -aq --filter label=realtimehub.test=1); do
    pid=$(docker inspect -f '{{ index .Config.Labels "realtimehub.test.pid" }}' "$id" 2>/dev/null)
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
      docker rm -f "$id" >/dev/null 2>&1 || true
    fi
  done
}
