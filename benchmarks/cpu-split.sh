#!/usr/bin/env bash
# Where a server's CPU goes per request: user (the server's own code, the JVM) versus system
# (the kernel: socket reads and writes, sendfile, file lookups), read from /proc/PID/stat while
# wrk drives one scenario. Same pinning as bench-http.sh: server on core 1, wrk on core 0.
#
#   benchmarks/cpu-split.sh                          hello c64 and static 64 KiB, mongoose and netty
#   benchmarks/cpu-split.sh --rounds 3 --peers netty,undertow
#
# Needs benchmarks/target/benchmarks.jar and benchmarks/peers/target/bench-peers.jar
# (bench-http.sh and run-peers.sh build both). Prints a Markdown table on stdout.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="$HERE/target/benchmarks.jar"
PEERS_JAR="$HERE/peers/target/bench-peers.jar"
PEERS="netty"
ROUNDS=2
DURATION=8
WARMUP=8
PORT=28199
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:-}"

while [ $# -gt 0 ]; do
  case "$1" in
    --peers) PEERS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for f in "$JAR" "$PEERS_JAR"; do
  [ -s "$f" ] || { echo "missing $f: run benchmarks/bench-http.sh once" >&2; exit 1; }
done

STATIC="$(mktemp -d /tmp/mongoose-cpu-split.XXXXXX)"
trap 'rm -rf "$STATIC"' EXIT
head -c 65536 /dev/urandom > "$STATIC/64k.bin"
TICK=$(getconf CLK_TCK)

# user and system ticks of a process
ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }

measure() { # name command...
  local name="$1"; shift
  # shellcheck disable=SC2086
  taskset -c 1 "$JAVA" $JAVA_OPTS "$@" > /dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/hello" && break; sleep 0.25; done
  taskset -c 0 wrk -t1 -c64 -d"${WARMUP}s" "http://127.0.0.1:$PORT/hello" > /dev/null
  taskset -c 0 wrk -t1 -c64 -d5s "http://127.0.0.1:$PORT/static/64k.bin" > /dev/null
  for path in hello static/64k.bin; do
    read -r u0 s0 < <(ticks "$pid")
    local reqs
    reqs=$(taskset -c 0 wrk -t1 -c64 -d"${DURATION}s" "http://127.0.0.1:$PORT/$path" | awk '/requests in/{print $1}')
    read -r u1 s1 < <(ticks "$pid")
    python3 -c "
u=($u1-$u0)/$TICK*1e6/$reqs; s=($s1-$s0)/$TICK*1e6/$reqs
print('| $name | /$path | %d | %.2f | %.2f | %.2f | %.0f |' % ($reqs/$DURATION, u, s, u+s, 1e6/(u+s)))"
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

echo "| server | path | req/s | user µs/req | system µs/req | total µs/req | req/cpu_s |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for round in $(seq 1 "$ROUNDS"); do
  measure mongoose -cp "$JAR" io.mongoose.benchmarks.HelloServer "$PORT" "$STATIC"
  for peer in ${PEERS//,/ }; do
    measure "$peer" -jar "$PEERS_JAR" "$peer" "$PORT" "$STATIC"
  done
done
