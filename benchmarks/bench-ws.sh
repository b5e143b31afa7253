#!/usr/bin/env bash
# WebSocket fan-out: N clients on /ws, broadcasts through POST /broadcast, servers alternating.
#
#   benchmarks/bench-ws.sh                                     defaults below
#   benchmarks/bench-ws.sh --servers mongoose,netty --conns 1000 --deflate
#
# For every round, server and client count it starts a fresh server pinned to CPU 1 and runs
# the fan-out client (java -jar benchmarks/peers/target/bench-peers.jar wsclient: Netty, one
# event-loop thread) pinned to CPU 0: warm-up with 200 clients, then N clients, the server's RSS
# with them idle, fan-out latency one broadcast at a time, then a burst of broadcasts back to
# back (messages/s, the server's CPU, lost messages: must be 0), and the server's peak RSS.
# --deflate: the clients offer permessage-deflate and the servers accept it (HelloServer
# -Dmongoose.deflate=yes, the peers -Dbench.deflate=true); without it HelloServer runs with
# -Dmongoose.deflate=no and the clients offer nothing. One TSV line per run in
# OUT/ws-STAMP.tsv (ws-deflate-STAMP.tsv with --deflate); logs beside it.
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"

SERVERS="mongoose,netty,mongoose-c7"
CONNS="1000,5000"
ROUNDS=1
DEFLATE=no
BROADCASTS=200
BURST=200
WARMUP=1
TIMEOUT=60
OUT="$BENCH/target/bench-results"
TSV=""
NO_BUILD=0
CLIENT_OPTS="${CLIENT_OPTS:-}"

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  cat << EOF

Options:
  --servers LIST     comma list, default $SERVERS
                     any of mongoose, mongoose-2t, mongoose-rp, netty, undertow, jetty,
                     mongoose-c7 (C peer: skipped with a note when it cannot be built; no
                     permessage-deflate)
  --conns LIST       client counts (default $CONNS)
  --rounds N         (default $ROUNDS)
  --deflate          offer and accept permessage-deflate
  --broadcasts N     latency phase (default $BROADCASTS)
  --burst N          burst phase (default $BURST)
  --no-warmup        skip the client's warm-up
  --timeout-s S      bound of every wait of the client (default $TIMEOUT)
  --java DIR         JDK home for the JVM servers and the client; JAVA_OPTS apply to the
                     servers, CLIENT_OPTS to the client
  --c-peers DIR      the C peers' folder with build.sh (or C_PEERS_DIR; none by default)
  --out DIR          where TSVs and logs go (--results is the same), default $OUT
  --tsv FILE         the TSV to write
  --no-build         use the jars as built (build only what is missing)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --servers) SERVERS="$2"; shift 2 ;;
    --conns) CONNS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --deflate) DEFLATE=yes; shift ;;
    --broadcasts) BROADCASTS="$2"; shift 2 ;;
    --burst) BURST="$2"; shift 2 ;;
    --no-warmup) WARMUP=0; shift ;;
    --timeout-s) TIMEOUT="$2"; shift 2 ;;
    --java) use_java_home "$2"; shift 2 ;;
    --c-peers) C_PEERS_DIR="$2"; shift 2 ;;
    --out|--results) OUT="$2"; shift 2 ;;
    --tsv) TSV="$2"; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
list=""
for s in ${SERVERS//,/ }; do
  server_cmd "$s" 0 || die "unknown server $s"
  if has_ws "$s"; then list="${list:+$list,}$s"; else note "$s has no WebSocket fan-out: skipped"; fi
done
SERVERS="$(with_c_peers_if_ready "$list")"
[ -n "$SERVERS" ] || { note "no server left to run"; exit 0; }
build_for "$SERVERS,wsclient"

max=0
for n in ${CONNS//,/ }; do [ "$n" -gt "$max" ] && max="$n"; done
raise_nofile "$max"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
[ "$DEFLATE" = yes ] && kind=ws-deflate || kind=ws
TSV="${TSV:-$OUT/$kind-$STAMP.tsv}"
LOGS="${TSV%.tsv}-logs"
mkdir -p "$LOGS"
trap 'stop_server' EXIT
taskset -cp "$LOAD_CPU" $$ > /dev/null

client=("$JAVA")
# shellcheck disable=SC2206
client+=($CLIENT_OPTS)
client+=(-jar "$PEERS_JAR" wsclient --broadcasts "$BROADCASTS" --burst "$BURST" --timeout-s "$TIMEOUT")
[ "$DEFLATE" = yes ] && client+=(--deflate)
[ "$WARMUP" = 1 ] || client+=(--no-warmup)

{
  tsv_preamble
  echo "# deflate: $DEFLATE; broadcasts $BROADCASTS; burst $BURST"
  printf 'date\tserver\tround\tdeflate\t%s\n' "$("$JAVA" -jar "$PEERS_JAR" wsclient --header)"
} > "$TSV"
note "writing $TSV"

for round in $(seq 1 "$ROUNDS"); do
  for server in ${SERVERS//,/ }; do
    for n in ${CONNS//,/ }; do
      port="$(free_port)"
      EXTRA_OPTS="$(deflate_opts "$server" "$DEFLATE")" server_cmd "$server" "$port"
      log="$LOGS/$server-r$round-c$n"
      note "round $round: $server, $n clients, deflate $DEFLATE, port $port"
      if ! start_server "$log.server.log" "$port"; then
        printf '%s\t%s\t%s\t%s\t%s\tstart-failed\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$server" "$round" "$DEFLATE" "$n" >> "$TSV"
        continue
      fi
      if result="$(taskset -c "$LOAD_CPU" "${client[@]}" --port "$port" --conns "$n" --pid "$SERVER_PID" 2> "$log.client.log")"; then
        printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$server" "$round" "$DEFLATE" "$result" >> "$TSV"
        tail -1 "$TSV" | awk -F'\t' '{ printf "# %s: %s of %s open (%s deflated), burst %s msgs/s, lost %s, idle RSS %s kB\n", $2, $6, $5, $7, $11, $12, $14 }' >&2
      else
        note "the client failed, see $log.client.log"
        printf '%s\t%s\t%s\t%s\t%s\tclient-failed\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$server" "$round" "$DEFLATE" "$n" >> "$TSV"
      fi
      stop_server
    done
  done
done
note "wrote $TSV"
python3 "$BENCH/report.py" summary --ws "$TSV" >&2 || true
