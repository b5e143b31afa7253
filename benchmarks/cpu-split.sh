#!/usr/bin/env bash
# What one request costs a server: CPU time in user mode (the server's own code, the JVM)
# and in kernel mode (socket reads and writes, accept and close, sendfile, file lookups),
# from /proc/PID/stat while wrk drives one scenario, and with --syscalls the system calls
# the server's threads make per request (strace -c, in a separate pass: tracing slows the
# server down, so its time figures are never mixed with these). Same pinning as
# bench-http.sh: the server on CPU 1, wrk on CPU 0.
#
#   benchmarks/cpu-split.sh                                       mongoose, mongoose-c5, netty
#   benchmarks/cpu-split.sh --servers mongoose,mongoose-c5,mongoose-c7 --syscalls
#   benchmarks/cpu-split.sh --scenarios hello-close-c8 --rounds 3
#
# Servers and scenarios are bench-http.sh's (hello-c64, hello-c256, hello-close-c8,
# static64k-c64, static1m-c16). Builds what it runs unless --no-build finds it there. Prints
# a Markdown table on stdout; notes go to stderr.
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"

SERVERS="mongoose,mongoose-c5,netty"
SCENARIOS="hello-c64,hello-close-c8,static64k-c64"
ROUNDS=1
DURATION=6
WARMUP=8
SYSCALLS=0
STRACE_SECONDS=3

while [ $# -gt 0 ]; do
  case "$1" in
    --servers) SERVERS="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --syscalls) SYSCALLS=1; shift ;;
    --java) use_java_home "$2"; shift 2 ;;
    --c-peers) C_PEERS_DIR="$2"; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (--help)" ;;
  esac
done
command -v wrk > /dev/null || die "wrk is missing (apt-get install wrk)"
[ "$SYSCALLS" = 0 ] || command -v strace > /dev/null || die "--syscalls needs strace (apt-get install strace)"
SERVERS="$(with_c_peers_if_ready "$SERVERS")"
build_for "$SERVERS"

WORK="$(mktemp -d /tmp/mongoose-cpu-split.XXXXXX)"
trap 'stop_server; rm -rf "$WORK"' EXIT
STATIC="$(make_static "$WORK")"

# Sets WRK_ARGS for a scenario (bench-http.sh's table).
scenario_args() {
  local url="http://127.0.0.1:$1"
  case "$2" in
    hello-c64) WRK_ARGS=(-c64 "$url/hello") ;;
    hello-c256) WRK_ARGS=(-c256 "$url/hello") ;;
    hello-close-c8) WRK_ARGS=(-c8 -H "Connection: close" "$url/hello") ;;
    static64k-c64) WRK_ARGS=(-c64 "$url/static/64k.bin") ;;
    static1m-c16) WRK_ARGS=(-c16 "$url/static/1m.bin") ;;
    *) die "unknown scenario $2" ;;
  esac
}

load() { taskset -c "$LOAD_CPU" wrk -t1 --timeout 5s -d"$1s" "${WRK_ARGS[@]}" 2>&1; }
completed() { awk '/requests in/ { print $1 }'; }
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12, $13 }'; }

# System calls per request of every thread of PID during one strace'd wrk run: the calls
# that are at least 0.01 per request, most frequent first, and their total.
syscalls_per_request() {
  local pid="$1" out="$WORK/strace.txt" reqs tracer
  strace -f -c -q -o "$out" -p "$pid" 2> /dev/null &
  tracer=$!
  sleep 0.5 # attached to every thread
  reqs="$(load "$STRACE_SECONDS" | completed)"
  kill -INT "$tracer" 2> /dev/null || true
  wait "$tracer" 2> /dev/null || true
  python3 - "$out" "$reqs" << 'EOF'
import sys
path, reqs = sys.argv[1], int(sys.argv[2])
calls = {}
for line in open(path):
    f = line.split()
    if len(f) >= 5 and f[0][0].isdigit() and f[-1] not in ('total',):
        calls[f[-1]] = int(f[3])
# futex and restart_syscall are the JVM's idle threads (GC, JIT, the watchdog), not requests
busy = {k: v / reqs for k, v in calls.items() if k not in ('futex', 'restart_syscall') and v / reqs >= 0.01}
print('%.2f' % sum(busy.values()), ', '.join('%s %.2f' % kv for kv in sorted(busy.items(), key=lambda kv: -kv[1])))
EOF
}

if [ "$SYSCALLS" = 1 ]; then
  echo "| server | scenario | req/s | user µs/req | system µs/req | total µs/req | req/cpu_s | syscalls/req | of which |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
else
  echo "| server | scenario | req/s | user µs/req | system µs/req | total µs/req | req/cpu_s |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
fi
for ((round = 1; round <= ROUNDS; round++)); do
  for server in ${SERVERS//,/ }; do
    port="$(free_port)"
    server_cmd "$server" "$port" "$STATIC" || die "unknown server $server"
    start_server "$WORK/$server.log" "$port" || continue
    WRK_ARGS=(-c64 "http://127.0.0.1:$port/hello")
    load "$WARMUP" > /dev/null
    for scenario in ${SCENARIOS//,/ }; do
      scenario_args "$port" "$scenario"
      load 3 > /dev/null # this scenario's own code paths, compiled before they are timed
      read -r u0 s0 < <(ticks "$SERVER_PID")
      reqs="$(load "$DURATION" | completed)"
      read -r u1 s1 < <(ticks "$SERVER_PID")
      row="$(python3 -c "
hz, reqs = $HZ, $reqs
u = ($u1 - $u0) / hz * 1e6 / reqs
s = ($s1 - $s0) / hz * 1e6 / reqs
print('| $server | $scenario | {:,.0f} | {:.2f} | {:.2f} | {:.2f} | {:,.0f} |'.format(reqs / $DURATION, u, s, u + s, 1e6 / (u + s)))")"
      if [ "$SYSCALLS" = 1 ]; then
        read -r total detail < <(syscalls_per_request "$SERVER_PID")
        row="$row $total | $detail |"
      fi
      echo "$row"
    done
    stop_server
  done
done
