#!/usr/bin/env bash
# Builds the Redis image the tests run in containers, realtimehub-test-redis:7, from this machine's Debian redis-server:
# no image registry is reachable here, so nothing can be pulled. The image is FROM scratch with redis-server,
# redis-cli (RedisBuilder's readiness check runs it), the libraries ldd lists for them and the dynamic loader.
# Skipped when the image exists and was built from the same binaries (label realtimehub.redis.sha256).
set -euo pipefail

image=${REDIS_TEST_IMAGE:-realtimehub-test-redis:7}
binaries=(/usr/bin/redis-server /usr/bin/redis-cli)

for binary in "${binaries[@]}"; do
  [ -x "$binary" ] || { echo "redis-image: $binary is missing (Debian package redis-server)" >&2; exit 1; }
done

# The script is hashed too: a change to how the image is made rebuilds it.
sha=$(cat "${binaries[@]}" "$0" | sha256sum | cut -d' ' -f1)
built=$(docker image inspect -f '{{ index .Config.Labels "realtimehub.redis.sha256" }}' "$image" 2>/dev/null || true)
if [ "$built" = "$sha" ]; then
  echo "redis-image: $image is up to date"
  exit 0
fi

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/rootfs/usr/bin" "$context/rootfs/data"

# cp -L: /usr/bin/redis-server is a symlink to redis-check-rdb, and Redis picks its mode from its own name,
# so the file must be a real redis-server inside the image.
for binary in "${binaries[@]}"; do
  cp -L "$binary" "$context/rootfs$binary"
done

# Every library at the path ldd resolves it to, the loader included (the line without "=>").
ldd "${binaries[@]}" | awk '/=> \// { print $3 } /^[[:space:]]+\/[^ ]+ \(/ { print $1 }' | sort -u | while read -r library; do
  mkdir -p "$context/rootfs$(dirname "$library")"
  cp -L "$library" "$context/rootfs$library"
done

cat >"$context/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
LABEL realtimehub.redis.sha256="$sha"
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["/usr/bin/redis-server"]
# Reachable through a published port (clients arrive from the bridge, not loopback), nothing written to disk.
CMD ["--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no"]
EOF

# The classic builder: it needs no buildx plugin, and a two-line Dockerfile gains nothing from BuildKit. Its
# deprecation notice is noise; anything else it prints is shown when the build fails.
if ! output=$(DOCKER_BUILDKIT=0 docker build -q -t "$image" "$context" 2>&1); then
  echo "$output" >&2
  exit 1
fi
echo "redis-image: built $image ($(du -sh "$context/rootfs" | cut -f1))"
