#!/usr/bin/env bash
# Runs HelloServer (the core alone) beside the harness's peers in one alternating run and writes
# benchmarks/RESULTS.md: date, machine, versions, medians, ratios to each peer, targets met or not.
#
#   benchmarks/run-peers.sh                                   defaults below
#   benchmarks/run-peers.sh --peers netty,undertow,jetty --rounds 2 --duration 10 --warmup 15
#   benchmarks/run-peers.sh --no-ws --no-profile               HTTP only
#
# Steps: copy the harness (read-only at --harness) to a temp dir; build its peers once (jars
# cached in benchmarks/target/peers-cache/); build benchmarks/target/benchmarks.jar; run
# run-http.sh all --peers LIST --add mongoose ... [--add mongoose-2t ...]; again with the hello
# scenarios alone, for peak RSS under hello load; if the WebSocket
# upgrade works, run run-ws.sh for each --ws-peers entry and mongoose, alternating per round;
# profile HelloServer with JFR under wrk; generate RESULTS.md (benchmarks/report.py).
# Only the servers the harness starts (and the profiled HelloServer) are stopped, by PID.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# The load harness is not part of this repository: --harness DIR, or HARNESS=DIR.
HARNESS="${HARNESS:-}"

PEERS="netty,undertow"
ROUNDS=1
DURATION=5
WARMUP=8
SCENARIOS="hello-c64,hello-c256,hello-close-c8,static64k-c64,static1m-c16"
THREADS2=1
RSS_PASS=1
WS=1
WS_PEERS="netty"
WS_CONNS="1000"
PROFILE=1
PROFILE_SECONDS=20
PROFILE_ONLY=0
JMH=0
OUT="$HERE/target/bench-results"
RESULTS="$HERE/RESULTS.md"

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF

Options:
  --harness DIR       the external load harness to copy (or HARNESS=DIR; now: ${HARNESS:-not set})
  --peers LIST        built-in HTTP peers, comma separated (default $PEERS; see run-http.sh --list)
  --rounds N          rounds, alternating A B C ... (default $ROUNDS)
  --duration S        seconds per measured run (default $DURATION)
  --warmup S          warm-up seconds per server start (default $WARMUP)
  --scenarios LIST    run-http.sh scenarios (default $SCENARIOS)
  --no-2t             skip mongoose-2t (two servers sharing one socket, -Dmongoose.threads=2)
  --no-rss-pass       skip the hello-only pass that measures peak RSS under hello load
  --ws-peers LIST     WebSocket peers: any of undertow,netty,jetty (default $WS_PEERS)
  --ws-conns LIST     WebSocket client counts (default $WS_CONNS)
  --no-ws             skip the WebSocket fan-out run
  --no-profile        skip the JFR profile of HelloServer
  --profile-seconds S (default $PROFILE_SECONDS)
  --profile-only      only build and profile (writes OUT/profile-hello-c64.txt, no RESULTS.md)
  --jmh               also run the JMH benchmarks with quick settings (~2 min) into target/jmh.txt;
                      an existing target/jmh.txt is included in the report either way
  --out DIR           raw results (default $OUT)
  --results FILE      report to write (default $RESULTS)
Environment: JAVA, JAVA_OPTS as for the harness (same flags for every server).
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --harness) HARNESS="$2"; shift 2 ;;
    --peers) PEERS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --no-2t) THREADS2=0; shift ;;
    --no-rss-pass) RSS_PASS=0; shift ;;
    --ws-peers) WS_PEERS="$2"; shift 2 ;;
    --ws-conns) WS_CONNS="$2"; shift 2 ;;
    --no-ws) WS=0; shift ;;
    --no-profile) PROFILE=0; shift ;;
    --profile-only) PROFILE_ONLY=1; shift ;;
    --jmh) JMH=1; shift ;;
    --profile-seconds) PROFILE_SECONDS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -n "$HARNESS" ] && [ -x "$HARNESS/run-http.sh" ] || { echo "harness not found; pass --harness DIR" >&2; exit 1; }

JAVA="${JAVA:-java}"
export JAVA JAVA_OPTS="${JAVA_OPTS:-}"

# ---------------------------------------------------------------- tools
need_pkg=()
command -v wrk > /dev/null || need_pkg+=(wrk)
[ -x /usr/bin/time ] || need_pkg+=(time)
if [ ${#need_pkg[@]} -gt 0 ]; then
  echo "installing ${need_pkg[*]}" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y "${need_pkg[@]}" > /dev/null || { apt-get update > /dev/null && apt-get install -y "${need_pkg[@]}" > /dev/null; }
  else sudo apt-get install -y "${need_pkg[@]}" > /dev/null; fi
fi
command -v wrk > /dev/null || { echo "wrk is required" >&2; exit 1; }

# ---------------------------------------------------------------- harness copy + peers (cached)
WORK="$(mktemp -d /tmp/mongoose-bench.XXXXXX)"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
cp -r "$HARNESS/." "$WORK/"
rm -rf "$WORK/results"
CACHE="$HERE/target/peers-cache"
stamp_src="$(cd "$HARNESS/peers" && find . -type f \( -name '*.java' -o -name 'pom.xml' \) -print0 | sort -z | xargs -0 cat | cksum | cut -d' ' -f1)"
if [ ! -s "$CACHE/bench-peers.jar" ] || [ ! -s "$CACHE/spring-hello.jar" ] || [ "$(cat "$CACHE/stamp" 2>/dev/null)" != "$stamp_src" ]; then
  echo "# building the peers (once; cached in $CACHE)" >&2
  "$ROOT/mvnw" -q -f "$WORK/peers/pom.xml" package -DskipTests
  mkdir -p "$CACHE"
  cp "$WORK/peers/servers/target/bench-peers.jar" "$WORK/peers/spring-boot/target/spring-hello.jar" "$CACHE/"
  echo "$stamp_src" > "$CACHE/stamp"
else
  mkdir -p "$WORK/peers/servers/target" "$WORK/peers/spring-boot/target"
  cp "$CACHE/bench-peers.jar" "$WORK/peers/servers/target/"
  cp "$CACHE/spring-hello.jar" "$WORK/peers/spring-boot/target/"
fi

# ---------------------------------------------------------------- our jar
echo "# building benchmarks.jar" >&2
"$ROOT/mvnw" -q -f "$ROOT/pom.xml" -pl benchmarks -am package -DskipTests
JAR="$HERE/target/benchmarks.jar"
OURS="{java} -cp $JAR io.mongoose.benchmarks.HelloServer {port} {static}"
OURS2="{java} -Dmongoose.threads=2 -cp $JAR io.mongoose.benchmarks.HelloServer {port} {static}"
OURS_WS="{java} -cp $JAR io.mongoose.benchmarks.HelloServer {port}"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
newest() { ls -t "$OUT"/$1 2>/dev/null | head -1 || true; }

# ---------------------------------------------------------------- HTTP
if [ "$PROFILE_ONLY" = 1 ]; then WS=0; fi
adds=(--add mongoose "$OURS")
[ "$THREADS2" = 1 ] && adds+=(--add mongoose-2t "$OURS2")
before="$(newest 'http-*.tsv')"
[ "$PROFILE_ONLY" = 1 ] || (cd "$WORK" && ./run-http.sh all --peers "$PEERS" --rounds "$ROUNDS" --duration "$DURATION" --warmup "$WARMUP" \
  --scenarios "$SCENARIOS" --out "$OUT" "${adds[@]}")
HTTP_TSV="$(newest 'http-*.tsv')"
[ "$PROFILE_ONLY" = 1 ] || [ "$HTTP_TSV" != "$before" ] || { echo "run-http.sh wrote no TSV" >&2; exit 1; }

# ---------------------------------------------------------------- peak RSS under hello load alone
# The run above warms every server up with the static file too, and its peak RSS then shows what
# that warm-up allocated. The peak RSS under the hello load gets its own pass: the same
# harness with only the hello keep-alive scenarios, which run-http.sh warms up with /hello alone.
RSS_TSV=""
if [ "$RSS_PASS" = 1 ] && [ "$PROFILE_ONLY" = 0 ]; then
  sleep 1  # a distinct STAMP
  (cd "$WORK" && ./run-http.sh all --peers "$PEERS" --rounds "$ROUNDS" --duration "$DURATION" --warmup "$WARMUP" \
    --scenarios hello-c64,hello-c256 --out "$OUT" --add mongoose "$OURS")
  RSS_TSV="$(newest 'http-*.tsv')"
  [ "$RSS_TSV" != "$HTTP_TSV" ] || RSS_TSV=""
fi

# ---------------------------------------------------------------- WebSocket
ws_works() {  # starts HelloServer briefly and checks that /ws answers a handshake with 101
  local port=28199 pid code=000 i
  "$JAVA" $JAVA_OPTS -cp "$JAR" io.mongoose.benchmarks.HelloServer "$port" > "$OUT/ws-probe.log" 2>&1 &
  pid=$!
  for i in $(seq 1 40); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/hello" && break; sleep 0.25; done
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "http://127.0.0.1:$port/ws" || true)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$code" = 101 ]
}
WS_TSVS=()
WS_NOTE=""
if [ "$WS" = 1 ]; then
  if ws_works; then
    for r in $(seq 1 "$ROUNDS"); do
      for p in ${WS_PEERS//,/ } mongoose; do
        before="$(newest 'ws-*.tsv')"
        if [ "$p" = mongoose ]; then
          (cd "$WORK" && ./run-ws.sh --name mongoose --cmd "$OURS_WS" --conns "$WS_CONNS" --out "$OUT") || true
        else
          (cd "$WORK" && ./run-ws.sh "$p" --conns "$WS_CONNS" --out "$OUT") || true
        fi
        f="$(newest 'ws-*.tsv')"
        [ "$f" != "$before" ] && WS_TSVS+=("$f")
        sleep 1  # distinct STAMPs per file
      done
    done
  else
    WS_NOTE="The WebSocket run was skipped: HelloServer's /ws did not answer the upgrade with 101 Switching Protocols (the core's WebSocket upgrade is not wired in this build)."
    echo "# $WS_NOTE" >&2
  fi
else
  WS_NOTE="The WebSocket run was skipped (--no-ws)."
fi

# ---------------------------------------------------------------- JFR profile
PROFILE_TXT=""
if [ "$PROFILE" = 1 ]; then
  PROFILE_TXT="$OUT/profile-hello-c64.txt"
  jfrfile="$OUT/hello-c64.jfr"
  port=28198
  rm -f "$jfrfile"
  # the JDK's "profile" settings with Java samples every 1 ms instead of 10 ms
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")"
  sed 's#<setting name="period" control="method-sampling-java-interval">[^<]*<#<setting name="period" control="method-sampling-java-interval">1 ms<#' \
    "$java_home/lib/jfr/profile.jfc" > "$OUT/profile-1ms.jfc"
  # shellcheck disable=SC2086
  taskset -c 1 "$JAVA" $JAVA_OPTS -XX:+FlightRecorder \
    "-XX:StartFlightRecording=settings=$OUT/profile-1ms.jfc,filename=$jfrfile,dumponexit=true" \
    -cp "$JAR" io.mongoose.benchmarks.HelloServer "$port" > "$OUT/profile-server.log" 2>&1 &
  ppid=$!
  for i in $(seq 1 60); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/hello" && break; sleep 0.25; done
  taskset -c 0 wrk -t1 -c64 -d"$PROFILE_SECONDS"s "http://127.0.0.1:$port/hello" > "$OUT/profile-wrk.txt" 2>&1 || true
  kill "$ppid" 2>/dev/null || true
  wait "$ppid" 2>/dev/null || true
  if [ -s "$jfrfile" ]; then
    jfr print --json --events jdk.ExecutionSample,jdk.ObjectAllocationSample "$jfrfile" > "$OUT/hello-c64-samples.json"
    python3 "$HERE/report.py" hotspots "$OUT/hello-c64-samples.json" > "$PROFILE_TXT"
    echo "# profile: $PROFILE_TXT ($jfrfile)" >&2
  else
    PROFILE_TXT=""
    echo "# JFR recording missing, see $OUT/profile-server.log" >&2
  fi
fi

# ---------------------------------------------------------------- JMH (quick)
if [ "$JMH" = 1 ]; then
  "$JAVA" -jar "$JAR" -f 1 -wi 2 -i 3 -w 1 -r 1 -rf text -rff "$HERE/target/jmh.txt" > "$OUT/jmh.log" 2>&1 || true
fi

# ---------------------------------------------------------------- report
[ "$PROFILE_ONLY" = 0 ] || exit 0
python3 "$HERE/report.py" results --http "$HTTP_TSV" --rss "$RSS_TSV" --ws "${WS_TSVS[*]:-}" --ws-note "$WS_NOTE" \
  --profile "$PROFILE_TXT" --harness "$HARNESS" --notes "$HERE/profile-notes.md" --jmh "$HERE/target/jmh.txt" \
  --args "--peers $PEERS --rounds $ROUNDS --duration $DURATION --warmup $WARMUP --ws-conns $WS_CONNS" > "$RESULTS"
echo "# wrote $RESULTS" >&2
