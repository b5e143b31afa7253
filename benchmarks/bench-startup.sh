#!/usr/bin/env bash
# Start-up: the sample app (Spring Boot on the Mongoose starter) and the starter-peer (the same
# hello as the spring-boot peer, on the Mongoose starter: what the server itself costs) against
# the spring-boot peer (Spring MVC on the embedded Tomcat), alternating, --runs times each.
#
#   benchmarks/bench-startup.sh                      5 runs each
#   benchmarks/bench-startup.sh --runs 3 --java "$JDK25"
#
# Each run starts the jar pinned to CPU 1 and polls it from CPU 0 (a GET over bash's /dev/tcp
# every 10 ms, no process per try) until it answers 200: the sample's "/" (its chat page) and
# the peers' "/hello". It records the time from just before the start to that first answer, in
# ms, and the server's RSS and peak RSS at that moment. The sample gets a fresh data folder per
# run, so every run is a first start (it creates its H2 database and admin password). One TSV
# line per run in OUT/startup-STAMP.tsv.
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"

RUNS=5
OUT="$BENCH/target/bench-results"
TSV=""
NO_BUILD=0
SAMPLE_OPTS="${SAMPLE_OPTS:-}"

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  cat << EOF

Options:
  --runs N           runs per server (default $RUNS)
  --java DIR         JDK home (default: java on the PATH); JAVA_OPTS apply to both,
                     SAMPLE_OPTS to the sample only (e.g. -Dspring.aot.enabled=true)
  --out DIR          where the TSV and logs go (--results is the same), default $OUT
  --tsv FILE         the TSV to write
  --no-build         use the jars as built (build only what is missing)
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --java) use_java_home "$2"; shift 2 ;;
    --out|--results) OUT="$2"; shift 2 ;;
    --tsv) TSV="$2"; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
build_for "sample,starter-peer,spring-boot"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
TSV="${TSV:-$OUT/startup-$STAMP.tsv}"
LOGS="${TSV%.tsv}-logs"
mkdir -p "$LOGS"
WORK="$(mktemp -d /tmp/mongoose-bench-startup.XXXXXX)"
trap 'stop_server; rm -rf "$WORK"' EXIT
taskset -cp "$LOAD_CPU" $$ > /dev/null

{
  tsv_preamble
  echo "# sample_opts: $SAMPLE_OPTS"
  printf 'date\tserver\trun\tready_ms\trss_kb\thwm_kb\tpath\n'
} > "$TSV"
note "writing $TSV"

# Sets CMD and READY_PATH for the sample or the spring-boot peer.
startup_cmd() {
  local name="$1" port="$2" run="$3"
  local -a opts
  # shellcheck disable=SC2206
  opts=($JAVA_OPTS)
  case "$name" in
    sample)
      # shellcheck disable=SC2206
      opts+=($SAMPLE_OPTS)
      CMD=("$JAVA" "${opts[@]}" -jar "$SAMPLE_JAR" "--server.port=$port" "--server.address=127.0.0.1"
           "--sample.data-dir=$WORK/data-$run")
      READY_PATH=/ ;;
    spring-boot|starter-peer)
      server_cmd "$name" "$port"
      READY_PATH=/hello ;;
  esac
}

for run in $(seq 1 "$RUNS"); do
  for server in sample starter-peer spring-boot; do
    port="$(free_port)"
    startup_cmd "$server" "$port" "$run"
    log="$LOGS/$server-$run.log"
    t0="$EPOCHREALTIME"
    taskset -c "$SERVER_CPU" "${CMD[@]}" > "$log" 2>&1 &
    SERVER_PID=$!
    ready=""
    for ((i = 0; i < 12000; i++)); do  # 120 s at most
      if http_ok "$port" "$READY_PATH"; then ready="$EPOCHREALTIME"; break; fi
      alive "$SERVER_PID" || break
      sleep 0.01
    done
    if [ -n "$ready" ]; then
      rss="$(proc_kb "$SERVER_PID" VmRSS)"
      hwm="$(proc_kb "$SERVER_PID" VmHWM)"
      ms="$(awk -v a="$t0" -v b="$ready" 'BEGIN { printf "%.0f", (b - a) * 1000 }')"
    else
      note "$server did not answer $READY_PATH, see $log"
      rss=-; hwm=-; ms=-
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$server" "$run" "$ms" "$rss" "$hwm" "$READY_PATH" >> "$TSV"
    note "$server run $run: ${ms} ms, RSS ${rss} kB"
    stop_server
  done
done
note "wrote $TSV"
python3 "$BENCH/report.py" summary --startup "$TSV" >&2 || true
