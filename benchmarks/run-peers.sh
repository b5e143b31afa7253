#!/usr/bin/env bash
# Runs HelloServer (the core alone) beside its peers and writes benchmarks/RESULTS.md: date,
# machine, versions, medians, ratios to each peer, the targets met or not.
#
#   benchmarks/run-peers.sh                                   defaults below
#   benchmarks/run-peers.sh --rounds 3 --duration 10 --warmup 15
#   benchmarks/run-peers.sh --no-ws --no-startup --no-profile HTTP only
#   benchmarks/run-peers.sh --java "$JDK25" --results /tmp/RESULTS-25.md
#
# Steps, everything built from this repository (Maven Central only): build benchmarks.jar,
# the peers (benchmarks/peers, benchmarks/spring-peer) and, when their sources are there, the C
# Mongoose peers (the one optional outside input, --c-peers); bench-http.sh with every server
# and scenario; bench-http.sh again with the hello scenarios alone, for the peak RSS under hello
# load; bench-ws.sh without compression and bench-ws.sh --deflate; bench-startup.sh (the sample
# app against the spring-boot peer); a JFR profile of HelloServer under wrk; RESULTS.md from
# the TSVs (benchmarks/report.py). Only the processes the scripts start are stopped, by PID.
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"

SERVERS="mongoose,mongoose-2t,netty,undertow,mongoose-c5,mongoose-c7"
ROUNDS=1
DURATION=5
WARMUP=8
SCENARIOS="hello-c64,hello-c256,hello-close-c8,static64k-c64,static1m-c16"
RSS_PASS=1
WS=1
WS_SERVERS="mongoose,netty,mongoose-c7"
WS_CONNS="1000,5000"
DEFLATE=1
STARTUP=1
STARTUP_RUNS=5
PROFILE=1
PROFILE_SECONDS=20
PROFILE_ONLY=0
JMH=0
OUT="$BENCH/target/bench-results"
RESULTS="$BENCH/RESULTS.md"
JAVA_HOME_ARG=""

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  cat << EOF

Options:
  --servers LIST      HTTP servers, default $SERVERS
                      (C peers are dropped with a note when they cannot be built; see
                      bench-http.sh --help for every name)
  --rounds N          rounds, alternating A B C ... (default $ROUNDS)
  --duration S        seconds per measured run (default $DURATION)
  --warmup S          warm-up seconds per server start (default $WARMUP)
  --scenarios LIST    HTTP scenarios (default $SCENARIOS)
  --no-rss-pass       skip the hello-only pass that measures peak RSS under hello load
  --ws-servers LIST   WebSocket servers (default $WS_SERVERS); the deflate pass runs the JVM ones
  --ws-conns LIST     WebSocket client counts (default $WS_CONNS)
  --no-ws             skip the WebSocket fan-out
  --no-deflate        skip the permessage-deflate fan-out pass
  --no-startup        skip the start-up comparison
  --startup-runs N    (default $STARTUP_RUNS)
  --no-profile        skip the JFR profile of HelloServer
  --profile-seconds S (default $PROFILE_SECONDS)
  --profile-only      only build and profile (writes OUT/profile-hello-c64.txt, no RESULTS.md)
  --jmh               also run the JMH benchmarks with quick settings (~2 min) into target/jmh.txt;
                      an existing target/jmh.txt is included in the report either way
  --java DIR          JDK home for every JVM server and client (default: java on the PATH)
  --c-peers DIR       the C peers' folder with build.sh (or C_PEERS_DIR; none by default)
  --out DIR           raw results (default $OUT)
  --results FILE      report to write (default $RESULTS)
Environment: JAVA_OPTS, the same flags for every JVM server (e.g. -XX:+UseCompactObjectHeaders
on Java 25).
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --servers) SERVERS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --no-rss-pass) RSS_PASS=0; shift ;;
    --ws-servers) WS_SERVERS="$2"; shift 2 ;;
    --ws-conns) WS_CONNS="$2"; shift 2 ;;
    --no-ws) WS=0; shift ;;
    --no-deflate) DEFLATE=0; shift ;;
    --no-startup) STARTUP=0; shift ;;
    --startup-runs) STARTUP_RUNS="$2"; shift 2 ;;
    --no-profile) PROFILE=0; shift ;;
    --profile-only) PROFILE_ONLY=1; shift ;;
    --jmh) JMH=1; shift ;;
    --profile-seconds) PROFILE_SECONDS="$2"; shift 2 ;;
    --java) use_java_home "$2"; JAVA_HOME_ARG="$2"; shift 2 ;;
    --c-peers) C_PEERS_DIR="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
export JAVA_OPTS C_PEERS_DIR
trap 'stop_server' EXIT
common=(--no-build --out "$OUT")
[ -z "$JAVA_HOME_ARG" ] || common+=(--java "$JAVA_HOME_ARG")

# ---------------------------------------------------------------- tools
need_pkg=()
command -v wrk > /dev/null || need_pkg+=(wrk)
command -v curl > /dev/null || need_pkg+=(curl)
if [ ${#need_pkg[@]} -gt 0 ]; then
  note "installing ${need_pkg[*]}"
  if [ "$(id -u)" = 0 ]; then apt-get install -y "${need_pkg[@]}" > /dev/null || { apt-get update > /dev/null && apt-get install -y "${need_pkg[@]}" > /dev/null; }
  else sudo apt-get install -y "${need_pkg[@]}" > /dev/null; fi
fi
command -v wrk > /dev/null || die "wrk is required"

# ---------------------------------------------------------------- build everything once
SERVERS="$(with_c_peers_if_ready "$SERVERS")"
WS_SERVERS="$(with_c_peers_if_ready "$WS_SERVERS")"
wanted="$SERVERS,wsclient"
[ "$STARTUP" = 0 ] || wanted="$wanted,sample,spring-boot"
[[ ",$wanted," == *,mongoose,* ]] || wanted="$wanted,mongoose"  # the profile's server
NO_BUILD=0 build_for "$wanted"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
HTTP_TSV="" RSS_TSV="" WS_TSV="" WSD_TSV="" STARTUP_TSV="" WS_NOTE=""

if [ "$PROFILE_ONLY" = 0 ]; then
  # -------------------------------------------------------------- HTTP, then hello alone
  HTTP_TSV="$OUT/http-$STAMP.tsv"
  "$BENCH/bench-http.sh" "${common[@]}" --tsv "$HTTP_TSV" --servers "$SERVERS" --scenarios "$SCENARIOS" \
    --rounds "$ROUNDS" --duration "$DURATION" --warmup "$WARMUP"
  if [ "$RSS_PASS" = 1 ]; then
    # The full run warms every server up with the 64 KiB file too, and its peak RSS then shows
    # what that warm-up allocated; this pass warms up with /hello alone.
    RSS_TSV="$OUT/http-hello-$STAMP.tsv"
    "$BENCH/bench-http.sh" "${common[@]}" --tsv "$RSS_TSV" --servers "$SERVERS" --scenarios hello-c64,hello-c256 \
      --rounds "$ROUNDS" --duration "$DURATION" --warmup "$WARMUP"
  fi
  # -------------------------------------------------------------- WebSocket fan-out
  if [ "$WS" = 1 ]; then
    WS_TSV="$OUT/ws-$STAMP.tsv"
    "$BENCH/bench-ws.sh" "${common[@]}" --tsv "$WS_TSV" --servers "$WS_SERVERS" --conns "$WS_CONNS" --rounds "$ROUNDS" \
      || WS_NOTE="The WebSocket run failed; see $OUT."
    if [ "$DEFLATE" = 1 ]; then
      jvm_ws=""
      for s in ${WS_SERVERS//,/ }; do [[ "$s" == mongoose-c* ]] || jvm_ws="${jvm_ws:+$jvm_ws,}$s"; done
      WSD_TSV="$OUT/ws-deflate-$STAMP.tsv"
      "$BENCH/bench-ws.sh" "${common[@]}" --tsv "$WSD_TSV" --servers "$jvm_ws" --conns "$WS_CONNS" --rounds "$ROUNDS" \
        --deflate || WS_NOTE="$WS_NOTE The permessage-deflate run failed; see $OUT."
    fi
  else
    WS_NOTE="The WebSocket fan-out was skipped (--no-ws)."
  fi
  # -------------------------------------------------------------- start-up
  if [ "$STARTUP" = 1 ]; then
    STARTUP_TSV="$OUT/startup-$STAMP.tsv"
    "$BENCH/bench-startup.sh" "${common[@]}" --tsv "$STARTUP_TSV" --runs "$STARTUP_RUNS"
  fi
fi

# ---------------------------------------------------------------- JFR profile
PROFILE_TXT=""
if [ "$PROFILE" = 1 ]; then
  PROFILE_TXT="$OUT/profile-hello-c64.txt"
  jfrfile="$OUT/hello-c64.jfr"
  port="$(free_port)"
  rm -f "$jfrfile"
  # the JDK's "profile" settings with Java samples every 1 ms instead of 10 ms
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")"
  sed 's#<setting name="period" control="method-sampling-java-interval">[^<]*<#<setting name="period" control="method-sampling-java-interval">1 ms<#' \
    "$java_home/lib/jfr/profile.jfc" > "$OUT/profile-1ms.jfc"
  EXTRA_OPTS="-XX:+FlightRecorder -XX:StartFlightRecording=settings=$OUT/profile-1ms.jfc,filename=$jfrfile,dumponexit=true" \
    server_cmd mongoose "$port"
  if start_server "$OUT/profile-server.log" "$port"; then
    taskset -c "$LOAD_CPU" wrk -t1 -c64 -d"${PROFILE_SECONDS}s" "http://127.0.0.1:$port/hello" > "$OUT/profile-wrk.txt" 2>&1 || true
    stop_server
  fi
  if [ -s "$jfrfile" ]; then
    "$java_home/bin/jfr" print --json --events jdk.ExecutionSample,jdk.ObjectAllocationSample "$jfrfile" > "$OUT/hello-c64-samples.json"
    python3 "$BENCH/report.py" hotspots "$OUT/hello-c64-samples.json" > "$PROFILE_TXT"
    note "profile: $PROFILE_TXT ($jfrfile)"
  else
    PROFILE_TXT=""
    note "JFR recording missing, see $OUT/profile-server.log"
  fi
fi

# ---------------------------------------------------------------- JMH (quick)
if [ "$JMH" = 1 ]; then
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -jar "$BENCH_JAR" -f 1 -wi 2 -i 3 -w 1 -r 1 -rf text -rff "$BENCH/target/jmh.txt" > "$OUT/jmh.log" 2>&1 || true
fi

# ---------------------------------------------------------------- report
[ "$PROFILE_ONLY" = 0 ] || exit 0
python3 "$BENCH/report.py" results --http "$HTTP_TSV" --rss "$RSS_TSV" --ws "$WS_TSV" --ws-deflate "$WSD_TSV" \
  --startup "$STARTUP_TSV" --ws-note "$WS_NOTE" --profile "$PROFILE_TXT" --notes "$BENCH/profile-notes.md" \
  --jmh "$BENCH/target/jmh.txt" \
  --args "--servers $SERVERS --rounds $ROUNDS --duration $DURATION --warmup $WARMUP --ws-conns $WS_CONNS${JAVA_HOME_ARG:+ --java $JAVA_HOME_ARG}" > "$RESULTS"
note "wrote $RESULTS"
