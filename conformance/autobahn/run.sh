#!/usr/bin/env bash
# Runs Autobahn|Testsuite (fuzzingclient mode, vendored in suite/) against the core's WebSocket
# echo server (io.mongoose.ws.EchoServer, in the core's test classes) and prints per-section
# counts ending in "N passed, N failed". Exit code 1 when any case is FAILED or UNIMPLEMENTED.
#
#   conformance/autobahn/run.sh [CASES] [EXCLUDE] [REPORT_DIR] [OPTION=VALUE ...]
#     CASES       comma list of case patterns (default "*")
#     EXCLUDE     comma list of excluded patterns (default none)
#     REPORT_DIR  where the spec, server log and HTML/JSON reports go (default: a new temporary folder)
#     OPTION=VALUE  server options, e.g. websocket_deflate=no
#
# Needs the core's classes (./mvnw test-compile -pl mongoose-core, or any verify) and Debian's
# python3-autobahn python3-twisted python3-jinja2 python3-openssl python3-service-identity.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cases=${1:-*}; exclude=${2:-}; out=${3:-$(mktemp -d)}; shift $(( $# < 3 ? $# : 3 ))
mkdir -p "$out"
core=$root/mongoose-core/target
[ -f "$core/test-classes/io/mongoose/ws/EchoServer.class" ] || {
  echo "build the core first: ./mvnw test-compile -pl mongoose-core" >&2; exit 2; }
/usr/bin/python3 -c 'import autobahn, twisted' 2>/dev/null || {
  echo "missing: apt-get install -y python3-autobahn python3-twisted python3-jinja2 python3-openssl python3-service-identity" >&2; exit 2; }

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" -cp "$core/classes:$core/test-classes" io.mongoose.ws.EchoServer 0 "$@" > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/^listening on //p' "$out/server.log" 2>/dev/null || true)
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.log" >&2; echo "the echo server did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "the echo server did not say its port" >&2; exit 1; }

json_list() { python3 -c 'import json,sys; print(json.dumps([c for c in sys.argv[1].split(",") if c]))' "$1"; }
cat > "$out/spec.json" <<JSON
{"options": {"failByDrop": false}, "outdir": "$out/reports",
 "servers": [{"agent": "mongoose", "url": "ws://127.0.0.1:$port/echo", "options": {"version": 18}}],
 "cases": $(json_list "$cases"), "exclude-cases": $(json_list "$exclude"), "exclude-agent-cases": {}}
JSON
start=$(date +%s)
(cd "$out" && PYTHONPATH="$here/suite" /usr/bin/python3 "$here/run_wstest.py" -m fuzzingclient -s "$out/spec.json" \
  > "$out/wstest.log" 2>&1) || true
[ -f "$out/reports/index.json" ] || { tail -20 "$out/wstest.log" >&2; echo "no report written (see $out/wstest.log)" >&2; exit 1; }
echo "autobahn: cases '$cases' excluding '$exclude' in $(( $(date +%s) - start )) s; reports: $out/reports/index.html"
python3 "$here/summarize.py" "$out/reports/index.json"
