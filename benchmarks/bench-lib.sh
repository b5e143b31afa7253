# Shared by bench-http.sh, bench-ws.sh, bench-startup.sh and run-peers.sh (sourced, not run):
# the servers by name, building their jars, the optional C peers, starting a server pinned to
# its CPU and stopping it by PID, and /proc readings.
# shellcheck shell=bash

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
BENCH_JAR="$BENCH/target/benchmarks.jar"
PEERS_JAR="$BENCH/peers/target/bench-peers.jar"
SPRING_JAR="$BENCH/spring-peer/target/spring-peer.jar"
STARTER_JAR="$BENCH/starter-peer/target/starter-peer.jar"
SAMPLE_JAR="$ROOT/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar"
C_BIN="$BENCH/target/c-peers"
# The one input from outside the repository: the C Mongoose peers (GPL sources with their own
# build.sh), outside the repository: --c-peers DIR or C_PEERS_DIR. Optional; without it the
# peers already built in $C_BIN are used, or the C servers are left out.
C_PEERS_DIR="${C_PEERS_DIR:-}"
SERVER_CPU="${SERVER_CPU:-1}"
LOAD_CPU="${LOAD_CPU:-0}"
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:-}"
HZ="$(getconf CLK_TCK 2>/dev/null || echo 100)"
SERVER_PID=""

note() { echo "# $*" >&2; }
die() { echo "error: $*" >&2; exit 1; }

# --java DIR: a JDK home for the servers (and the fan-out client).
use_java_home() {
  [ -x "$1/bin/java" ] || die "no bin/java under $1"
  JAVA="$1/bin/java"
}

java_version() { "$JAVA" -version 2>&1 | head -1; }

# The servers every script knows. Sets CMD (an array) for NAME on PORT, with STATIC (a folder
# named "static") or none; EXTRA_OPTS go to the JVM after JAVA_OPTS. Returns 1 for an unknown
# name.
server_cmd() {
  local name="$1" port="$2" static="${3:-}"
  local -a opts
  # shellcheck disable=SC2206
  opts=($JAVA_OPTS ${EXTRA_OPTS:-})
  case "$name" in
    mongoose) CMD=("$JAVA" "${opts[@]}" -cp "$BENCH_JAR" io.mongoose.benchmarks.HelloServer "$port") ;;
    mongoose-2t) CMD=("$JAVA" "${opts[@]}" -Dmongoose.threads=2 -cp "$BENCH_JAR" io.mongoose.benchmarks.HelloServer "$port") ;;
    mongoose-rp) CMD=("$JAVA" "${opts[@]}" -Dmongoose.threads=2 -Dmongoose.reusePort=true -cp "$BENCH_JAR"
                      io.mongoose.benchmarks.HelloServer "$port") ;;
    nio-floor) CMD=("$JAVA" "${opts[@]}" -cp "$BENCH_JAR" io.mongoose.benchmarks.NioFloorServer "$port") ;;
    netty|undertow|jetty) CMD=("$JAVA" "${opts[@]}" -jar "$PEERS_JAR" "$name" "$port") ;;
    spring-boot) CMD=("$JAVA" "${opts[@]}" -jar "$SPRING_JAR" "$port") ;;
    starter-peer) CMD=("$JAVA" "${opts[@]}" -jar "$STARTER_JAR" "$port") ;;
    mongoose-c5) CMD=("$C_BIN/mg5" "$port") ;;
    mongoose-c7) CMD=("$C_BIN/mg7" "$port") ;;
    *) return 1 ;;
  esac
  [ -z "$static" ] || [ "$name" = nio-floor ] || CMD+=("$static")
}

# Servers with /ws and POST /broadcast.
has_ws() { case "$1" in mongoose|mongoose-2t|mongoose-rp|netty|undertow|jetty|mongoose-c7) return 0 ;; esac; return 1; }

# The options that make NAME accept permessage-deflate (yes) or refuse it (no).
deflate_opts() {
  case "$1" in
    mongoose*) [ "$2" = yes ] && echo "-Dmongoose.deflate=yes" || echo "-Dmongoose.deflate=no" ;;
    netty|undertow|jetty) [ "$2" = yes ] && echo "-Dbench.deflate=true" || echo "" ;;
  esac
}

mvn_quiet() { "$ROOT/mvnw" -B -q "$@"; }

# Builds what the listed servers need (unless NO_BUILD=1 and the jars exist).
build_for() {
  local list=",$1," need_core=0 need_peers=0 need_spring=0 need_sample=0 need_starter=0
  [[ "$list" == *,mongoose,* || "$list" == *,mongoose-2t,* || "$list" == *,mongoose-rp,* || "$list" == *,nio-floor,* ]] && need_core=1
  [[ "$list" == *,netty,* || "$list" == *,undertow,* || "$list" == *,jetty,* || "$list" == *,wsclient,* ]] && need_peers=1
  [[ "$list" == *,spring-boot,* ]] && need_spring=1
  [[ "$list" == *,sample,* ]] && need_sample=1
  [[ "$list" == *,starter-peer,* ]] && need_starter=1
  if [ "$need_core" = 1 ] && { [ "${NO_BUILD:-0}" = 0 ] || [ ! -s "$BENCH_JAR" ]; }; then
    note "building benchmarks.jar"
    mvn_quiet -f "$ROOT/pom.xml" -pl benchmarks -am package -DskipTests
  fi
  if [ "$need_peers" = 1 ] && { [ "${NO_BUILD:-0}" = 0 ] || [ ! -s "$PEERS_JAR" ]; }; then
    note "building bench-peers.jar"
    mvn_quiet -f "$BENCH/peers/pom.xml" package
  fi
  if [ "$need_spring" = 1 ] && { [ "${NO_BUILD:-0}" = 0 ] || [ ! -s "$SPRING_JAR" ]; }; then
    note "building spring-peer.jar"
    mvn_quiet -f "$BENCH/spring-peer/pom.xml" package
  fi
  if [ "$need_sample" = 1 ] && { [ "${NO_BUILD:-0}" = 0 ] || [ ! -s "$SAMPLE_JAR" ]; }; then
    note "building the sample app"
    mvn_quiet -f "$ROOT/pom.xml" -pl sample-app -am package -DskipTests
  fi
  if [ "$need_starter" = 1 ] && { [ "${NO_BUILD:-0}" = 0 ] || [ ! -s "$STARTER_JAR" ]; }; then
    note "building starter-peer.jar"
    mvn_quiet -f "$ROOT/pom.xml" -Pbenchmark-peers -pl benchmarks/starter-peer -am package -DskipTests
  fi
}

# Builds the C peers into $C_BIN with the folder's own build.sh (MG_C_OUT) when their sources
# are there; returns 1, saying why, when they are not. Records the versions in $C_BIN/VERSIONS.
c_peers_ready() {
  if [ -x "$C_BIN/mg5" ] && [ -x "$C_BIN/mg7" ] && [ -z "$(find "$C_PEERS_DIR" -newer "$C_BIN/mg7" -type f 2>/dev/null | head -1)" ]; then
    return 0
  fi
  if [ -z "$C_PEERS_DIR" ] || [ ! -x "$C_PEERS_DIR/build.sh" ]; then
    note "C peers skipped: no build.sh in '${C_PEERS_DIR}' (optional; --c-peers DIR or C_PEERS_DIR)"
    return 1
  fi
  mkdir -p "$C_BIN"
  if ! MG_C_OUT="$C_BIN" "$C_PEERS_DIR/build.sh" > "$C_BIN/build.log" 2>&1 || [ ! -x "$C_BIN/mg5" ] || [ ! -x "$C_BIN/mg7" ]; then
    note "C peers skipped: $C_PEERS_DIR/build.sh failed (see $C_BIN/build.log)"
    return 1
  fi
  (cd "$C_PEERS_DIR" && ls -d mongoose-* 2>/dev/null | tr '\n' ' ') > "$C_BIN/VERSIONS"
  note "C peers built in $C_BIN from $C_PEERS_DIR"
}

# Drops mongoose-c5/mongoose-c7 from a comma list when the C peers cannot be built.
with_c_peers_if_ready() {
  local list="$1" out="" s
  if [[ ",$list," == *,mongoose-c* ]] && ! c_peers_ready; then
    for s in ${list//,/ }; do [[ "$s" == mongoose-c* ]] || out="${out:+$out,}$s"; done
    echo "$out"
  else
    echo "$list"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A GET over bash's /dev/tcp (no process started): 0 when the reply's status is 200.
http_ok() {
  local port="$1" path="$2" fd line
  # the braces keep the 2> from applying to the shell itself (exec with only redirections)
  { exec {fd}<> "/dev/tcp/127.0.0.1/$port"; } 2> /dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&"$fd" 2> /dev/null
  IFS= read -r -t 5 line <&"$fd" || line=""
  exec {fd}>&-
  [[ "$line" == "HTTP/1."?" 200"* ]]
}

# Whether PID runs (a child that exited stays a zombie until waited for: not running).
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/^.*) //' "/proc/$1/stat" 2> /dev/null | cut -d' ' -f1)" != Z ]; }

# Starts CMD pinned to SERVER_CPU, output to LOG; SERVER_PID is the server itself (taskset
# execs it). Waits up to TIMEOUT seconds (default 60) until PATH (default /hello) answers 200.
start_server() {
  local log="$1" port="$2" path="${3:-/hello}" timeout="${4:-60}" i
  taskset -c "$SERVER_CPU" "${CMD[@]}" > "$log" 2>&1 &
  SERVER_PID=$!
  for ((i = 0; i < timeout * 20; i++)); do
    http_ok "$port" "$path" && return 0
    alive "$SERVER_PID" || { note "server exited, see $log"; wait "$SERVER_PID" 2> /dev/null; SERVER_PID=""; return 1; }
    sleep 0.05
  done
  note "no answer on $path within ${timeout}s, see $log"
  stop_server
  return 1
}

# Stops the server this script started: TERM, KILL after 5 s.
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  local i
  kill "$SERVER_PID" 2> /dev/null || true
  for ((i = 0; i < 50; i++)); do alive "$SERVER_PID" || break; sleep 0.1; done
  kill -9 "$SERVER_PID" 2> /dev/null || true
  wait "$SERVER_PID" 2> /dev/null || true
  SERVER_PID=""
}

# kB value of a /proc/PID/status field (VmRSS, VmHWM), "-" when unknown.
proc_kb() { awk -v f="$2:" '$1 == f { print $2; found = 1 } END { if (!found) print "-" }' "/proc/$1/status" 2> /dev/null || echo "-"; }

# User + system CPU ticks of a process (all threads).
proc_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# Busy ticks of the whole machine: everything but idle and iowait.
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# The static files: a folder named "static" (mongoose-c5 serves its parent as document root).
make_static() {
  local dir="$1/www/static"
  mkdir -p "$dir"
  head -c 65536 /dev/urandom > "$dir/64k.bin"
  head -c 1048576 /dev/urandom > "$dir/1m.bin"
  echo "$dir"
}

# Raises the open-file limit to what COUNT connections need, as far as the hard limit allows.
raise_nofile() {
  local want=$(( $1 * 2 + 1024 )) hard
  hard="$(ulimit -Hn)"
  [ "$hard" = unlimited ] || [ "$hard" -ge "$want" ] || want="$hard"
  [ "$(ulimit -n)" -ge "$want" ] 2> /dev/null || ulimit -n "$want"
  [ "$(ulimit -n)" -ge $(( $1 + 64 )) ] || note "ulimit -n is $(ulimit -n): too low for $1 clients"
}

# The TSV's first lines: what ran, for report.py.
tsv_preamble() {
  echo "# java: $(java_version)"
  echo "# java_opts: $JAVA_OPTS"
  echo "# machine: $(getconf _NPROCESSORS_ONLN) cpus, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), kernel $(uname -r)"
  echo "# pinning: server cpu $SERVER_CPU, load cpu $LOAD_CPU"
  echo "# commit: $(git -C "$ROOT" log -1 --format='%h %s' 2> /dev/null)"
  [ ! -s "$C_BIN/VERSIONS" ] || echo "# c_peers: $(cat "$C_BIN/VERSIONS")"
}
