#!/usr/bin/env bash
# A WebDAV PUT far larger than the server's heap: the launcher runs with -Xmx256m and takes a
# 1 GiB body streamed from curl's stdin (chunked), then a sized one from a file of the same
# length, each checked byte for byte (sha256). Proves that PUT bodies stream to disk.
#
#   reliability/dav-put-large.sh             1 GiB (needs 2 GiB free in the temporary directory)
#   reliability/dav-put-large.sh 4096        the size in MiB
#   MVN_ARGS=-o reliability/dav-put-large.sh  offline build
set -euo pipefail
cd "$(dirname "$0")/.."

MIB="${1:-1024}"
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
# shellcheck disable=SC2086
./mvnw -q -B ${MVN_ARGS:-} package -DskipTests -pl mongoose-core -am
JAR=$(ls mongoose-core/target/mongoose-core-*-SNAPSHOT.jar | grep -v sources | head -1)

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/root"
java -jar "$JAR" -A "$WORK/passwords" dav.test alice wonder >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xmx256m -jar "$JAR" -listening_port "127.0.0.1:$PORT" -document_root "$WORK/root" \
  -auth_domain dav.test -dav_auth_file "$WORK/passwords" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q "serving" "$WORK/server.log" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.1
done

expected=$(head -c "${MIB}M" /dev/urandom | tee "$WORK/body.bin" | sha256sum | cut -d' ' -f1)

put() { # $1: what curl reads (- for stdin), $2: target name
  local start end status
  start=$(date +%s.%N)
  if [ "$1" = "-" ]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' --digest -u alice:wonder -T - \
      "http://127.0.0.1:$PORT/$2" <"$WORK/body.bin")
  else
    status=$(curl -s -o /dev/null -w '%{http_code}' --digest -u alice:wonder -T "$1" \
      "http://127.0.0.1:$PORT/$2")
  fi
  end=$(date +%s.%N)
  local got
  got=$(sha256sum "$WORK/root/$2" | cut -d' ' -f1)
  [ "$status" = "201" ] && [ "$got" = "$expected" ] || {
    echo "FAIL $2: status $status, sha256 $got (expected $expected)"; cat "$WORK/server.log"; exit 1; }
  awk -v n="$2" -v m="$MIB" -v s="$start" -v e="$end" -v c="$status" \
    'BEGIN { printf "%s: %s MiB stored in %.1f s (status %s, sha256 matches)\n", n, m, e - s, c }'
  rm -f "$WORK/root/$2"
}

put - chunked-from-stdin.bin
put "$WORK/body.bin" sized.bin
kill -0 "$SERVER_PID" && echo "server (-Xmx256m) still up: $(grep -c . "$WORK/server.log") log lines"
