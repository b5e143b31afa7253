#!/usr/bin/env bash
# HTTP load with wrk: HelloServer beside its peers, in rounds that alternate the servers.
#
#   benchmarks/bench-http.sh                                   defaults below
#   benchmarks/bench-http.sh --servers mongoose,netty --scenarios hello-c64 --duration 5
#   benchmarks/bench-http.sh --java "$JDK25" --servers mongoose,netty
#   JAVA_OPTS=-XX:+UseCompactObjectHeaders benchmarks/bench-http.sh --java "$JDK25"
#
# Each round starts every server in turn (A B C ... A B C ...): the server pinned to one CPU
# (taskset -c 1), wrk -t1 to the other (taskset -c 0). After /hello answers it reads the idle
# RSS, warms up (wrk -c64 on /hello, plus 64 KiB files when a static scenario runs), then runs
# each scenario for --duration seconds and records: rps, p50/p99, the server's CPU from
# /proc/PID/stat (all threads) and req/cpu_s = rps per second of server CPU, wrk's CPU, the CPU
# everything else used (other_cpu_pct: the noise), and the server's peak RSS (VmHWM) so far.
# One TSV line per server, round and scenario in OUT/http-STAMP.tsv; wrk output and server
# logs in OUT/http-STAMP-logs/. Only the servers it started are stopped, by PID.
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"

SERVERS="mongoose,mongoose-2t,netty,undertow,mongoose-c5,mongoose-c7"
SCENARIOS="hello-c64,hello-c256,hello-close-c8,static64k-c64,static1m-c16"
ROUNDS=2
DURATION=10
WARMUP=15
OUT="$BENCH/target/bench-results"
TSV=""
NO_BUILD=0

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  cat << EOF

Options:
  --servers LIST     comma list, default $SERVERS
                     known: mongoose, mongoose-2t (two servers sharing one socket),
                     mongoose-rp (two with reuse_port), netty, undertow, jetty, spring-boot,
                     mongoose-c5, mongoose-c7 (C peers: built from --c-peers, skipped with
                     a note when missing)
  --scenarios LIST   any of $SCENARIOS
  --rounds N         (default $ROUNDS)
  --duration S       seconds per scenario (default $DURATION)
  --warmup S         seconds of warm-up per server start (default $WARMUP)
  --java DIR         JDK home for the JVM servers (default: java on the PATH); JAVA_OPTS apply
                     to every JVM server
  --c-peers DIR      the C peers' folder with build.sh (or C_PEERS_DIR; none by default)
  --out DIR          where TSVs and logs go (--results is the same), default $OUT
  --tsv FILE         the TSV to write (default OUT/http-STAMP.tsv)
  --no-build         use the jars as built (build only what is missing)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --servers) SERVERS="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --java) use_java_home "$2"; shift 2 ;;
    --c-peers) C_PEERS_DIR="$2"; shift 2 ;;
    --out|--results) OUT="$2"; shift 2 ;;
    --tsv) TSV="$2"; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
command -v wrk > /dev/null || die "wrk is required (apt-get install wrk)"
for s in ${SERVERS//,/ }; do server_cmd "$s" 0 || die "unknown server $s"; done
for sc in ${SCENARIOS//,/ }; do
  case "$sc" in hello-c64|hello-c256|hello-close-c8|static64k-c64|static1m-c16) ;; *) die "unknown scenario $sc" ;; esac
done

SERVERS="$(with_c_peers_if_ready "$SERVERS")"
[ -n "$SERVERS" ] || { note "no server left to run"; exit 0; }
build_for "$SERVERS"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
TSV="${TSV:-$OUT/http-$STAMP.tsv}"
LOGS="${TSV%.tsv}-logs"
mkdir -p "$LOGS"
WORK="$(mktemp -d /tmp/mongoose-bench-http.XXXXXX)"
trap 'stop_server; rm -rf "$WORK"' EXIT
STATIC="$(make_static "$WORK")"
# the probes and this shell stay off the server's CPU
taskset -cp "$LOAD_CPU" $$ > /dev/null

COLUMNS_TSV="date	server	round	scenario	rps	p50_ms	p99_ms	mb_per_s	errors	non2xx	srv_cpu_pct	req_per_cpu_s	wrk_cpu_pct	other_cpu_pct	rss_idle_kb	hwm_kb"
{ tsv_preamble; echo "# scenarios: $SCENARIOS; duration ${DURATION}s; warmup ${WARMUP}s"; echo "$COLUMNS_TSV"; } > "$TSV"
note "writing $TSV"

# wrk's figures: rps p50_ms p99_ms mb_per_s errors non2xx
parse_wrk() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    function mib(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; if (v ~ /B$/) return v / 1048576; return v }
    /^Requests\/sec:/ { rps = $2 }
    /^Transfer\/sec:/ { mb = mib($2) }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Socket errors:/ { gsub(",", ""); err = $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { non = $5 }
    END { printf "%s\t%.3f\t%.3f\t%.2f\t%d\t%d\n", (rps == "" ? "-" : rps), p50, p99, mb, err, non }' "$1"
}

scenario_args() {  # sets URL_PATH CONNS HEADERS for a scenario
  HEADERS=()
  case "$1" in
    hello-c64) URL_PATH=/hello; CONNS=64 ;;
    hello-c256) URL_PATH=/hello; CONNS=256 ;;
    hello-close-c8) URL_PATH=/hello; CONNS=8; HEADERS=(-H "Connection: close") ;;
    static64k-c64) URL_PATH=/static/64k.bin; CONNS=64 ;;
    static1m-c16) URL_PATH=/static/1m.bin; CONNS=16 ;;
  esac
}

measure() {  # server round scenario port idle_kb
  local server="$1" round="$2" sc="$3" port="$4" idle="$5" out t0 t1 s0 s1 m0 m1 wall srv wrk_s other rps line
  scenario_args "$sc"
  out="$LOGS/$server-r$round-$sc.txt"
  s0="$(proc_ticks "$SERVER_PID")"; m0="$(machine_ticks)"; t0="$EPOCHREALTIME"
  { TIMEFORMAT='%3U %3S'; time taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency --timeout 5s \
      "${HEADERS[@]}" "http://127.0.0.1:$port$URL_PATH" > "$out" 2>&1; } 2> "$out.time" || true
  t1="$EPOCHREALTIME"; s1="$(proc_ticks "$SERVER_PID" 2> /dev/null || echo "$s0")"; m1="$(machine_ticks)"
  line="$(parse_wrk "$out")"
  rps="${line%%	*}"
  read -r wrk_s < <(awk '{ print $1 + $2 }' "$out.time")
  wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
  srv="$(awk -v d=$((s1 - s0)) -v hz="$HZ" -v w="$wall" 'BEGIN { printf "%.1f", 100 * d / hz / w }')"
  other="$(awk -v m=$((m1 - m0)) -v s=$((s1 - s0)) -v hz="$HZ" -v k="$wrk_s" -v w="$wall" \
    'BEGIN { o = 100 * ((m - s) / hz - k) / w; printf "%.1f", (o < 0 ? 0 : o) }')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$server" "$round" "$sc" "$line" "$srv" \
    "$(awk -v r="$rps" -v c="$srv" 'BEGIN { if (r == "-" || c <= 0) print "-"; else printf "%.0f", r * 100 / c }')" \
    "$(awk -v k="$wrk_s" -v w="$wall" 'BEGIN { printf "%.1f", 100 * k / w }')" "$other" \
    "$idle	$(proc_kb "$SERVER_PID" VmHWM)" >> "$TSV"
  tail -1 "$TSV" | awk -F'\t' '{ printf "# %s %s: %s req/s, server cpu %s%%, %s req/cpu_s, other cpu %s%%\n", $2, $4, $5, $11, $12, $14 }' >&2
}

warm_up() {  # port
  [ "$WARMUP" -gt 0 ] || return 0
  taskset -c "$LOAD_CPU" wrk -t1 -c64 -d"${WARMUP}s" "http://127.0.0.1:$1/hello" > /dev/null 2>&1 || true
  if [[ "$SCENARIOS" == *static* ]]; then
    taskset -c "$LOAD_CPU" wrk -t1 -c64 -d"$(( WARMUP < 5 ? WARMUP : 5 ))s" "http://127.0.0.1:$1/static/64k.bin" > /dev/null 2>&1 || true
  fi
}

for round in $(seq 1 "$ROUNDS"); do
  for server in ${SERVERS//,/ }; do
    port="$(free_port)"
    server_cmd "$server" "$port" "$STATIC"
    note "round $round: $server on port $port"
    if ! start_server "$LOGS/$server-r$round.log" "$port"; then
      printf '%s\t%s\t%s\tstart-failed%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$server" "$round" "$(printf '\t-%.0s' {1..12})" >> "$TSV"
      continue
    fi
    sleep 1  # idle: after start-up, before any load
    idle="$(proc_kb "$SERVER_PID" VmRSS)"
    warm_up "$port"
    for sc in ${SCENARIOS//,/ }; do
      alive "$SERVER_PID" || { note "$server died, see $LOGS/$server-r$round.log"; break; }
      measure "$server" "$round" "$sc" "$port" "$idle"
    done
    stop_server
  done
done
note "wrote $TSV"
python3 "$BENCH/report.py" summary --http "$TSV" >&2 || true
