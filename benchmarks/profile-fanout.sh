#!/usr/bin/env bash
# What one WebSocket delivery costs a server: user and kernel CPU, system calls.
#
#   benchmarks/profile-fanout.sh SERVER [BURST] [CONNS]      e.g. mongoose 2000 1000
#   PERF_RECORD=1 benchmarks/profile-fanout.sh mongoose      also perf record -g (JIT symbols)
#
# Starts SERVER (any bench-ws.sh server) pinned to CPU 1, warms it up with a full fan-out
# client run, then runs BURST broadcasts back to back to CONNS clients while `perf stat`
# counts the server's system calls and /proc/PID/stat its user and system ticks. Needs perf
# (Debian linux-perf) with tracepoints readable; the C peers need C_PEERS_DIR. Prints the
# client's burst line, the CPU and system calls per delivery (over burst × clients) and the
# counters; files go to OUT (default benchmarks/target/profile-fanout).
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"

SERVER="${1:?server name}"
BURST="${2:-2000}"
CONNS="${3:-1000}"
OUT="${OUT:-$BENCH/target/profile-fanout}"
mkdir -p "$OUT"
build_for "$(with_c_peers_if_ready "$SERVER"),wsclient"
raise_nofile "$((CONNS + 200))"
port="$(free_port)"
extra=""
[ -n "${PERF_RECORD:-}" ] && extra="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer"
EXTRA_OPTS="$extra" server_cmd "$SERVER" "$port" || die "unknown server $SERVER"
trap 'stop_server' EXIT
start_server "$OUT/server.log" "$port" || die "$SERVER did not start, see $OUT/server.log"
client=(taskset -c "$LOAD_CPU" "$JAVA" -jar "$PEERS_JAR" wsclient --port "$port" --pid "$SERVER_PID" --conns "$CONNS")
"${client[@]}" --broadcasts 300 --burst "$BURST" > /dev/null 2> "$OUT/warmup.log"
"${client[@]}" --no-warmup --broadcasts 10 --burst "$BURST" > "$OUT/burst.tsv" 2> "$OUT/client.log" &
cl=$!
sleep 4 # the clients open and the short latency phase runs: count the burst only
perf stat -e task-clock,raw_syscalls:sys_enter,syscalls:sys_enter_write,syscalls:sys_enter_sendto,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_futex,context-switches \
  -p "$SERVER_PID" -o "$OUT/perf-stat.txt" &
ps=$!
pr=""
if [ -n "${PERF_RECORD:-}" ]; then
  perf record -e cpu-clock -F 2000 -g -p "$SERVER_PID" -o "$OUT/perf.data" 2> /dev/null &
  pr=$!
fi
read -r u0 s0 < <(awk '{ print $14, $15 }' "/proc/$SERVER_PID/stat")
wait "$cl"
read -r u1 s1 < <(awk '{ print $14, $15 }' "/proc/$SERVER_PID/stat")
kill -INT "$ps"; wait "$ps" || true
[ -n "$pr" ] && { kill -INT "$pr"; wait "$pr" || true; }
stop_server
echo "# $SERVER: $CONNS clients, burst $BURST"
echo "# $("$JAVA" -jar "$PEERS_JAR" wsclient --header | cut -f7,8,13,14)"
cut -f7,8,13,14 "$OUT/burst.tsv"
calls="$(awk '/raw_syscalls:sys_enter/ { gsub(",", "", $1); print $1 }' "$OUT/perf-stat.txt")"
awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v hz="$(getconf CLK_TCK)" -v n=$((BURST * CONNS)) -v c="${calls:-0}" \
  'BEGIN { printf "per delivery: user %.2f us, kernel %.2f us, %.2f system calls\n", u * 1e6 / hz / n, s * 1e6 / hz / n, c / n }'
grep -E 'task-clock|sys_enter|switches' "$OUT/perf-stat.txt"
[ -z "$pr" ] || echo "perf report -i $OUT/perf.data --no-children --sort comm,dso,sym (JIT symbols from /tmp/perf-PID.map)"
