#!/usr/bin/env bash
# Slow-client attacks against the running sample app, with a wrk probe beside each one, all on
# 127.0.0.1 and bounded in time. Writes reliability/results/<mode>.csv (slowhttptest's per-second
# stats) and prints one summary line per attack; RELIABILITY.md records a run.
#
#   reliability/attack.sh                   build and start the sample on a free port, then attack
#   reliability/attack.sh --url http://127.0.0.1:8080/   attack a server that is already running
#   reliability/attack.sh --seconds 60 --conns 1000      longer and bigger
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_ATTACK=30
CONNS=1000
URL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) URL="$2"; shift 2 ;;
    --seconds) SECONDS_PER_ATTACK="$2"; shift 2 ;;
    --conns) CONNS="$2"; shift 2 ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done

need=()
command -v slowhttptest >/dev/null || need+=(slowhttptest)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

OUT=reliability/results
mkdir -p "$OUT"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

if [ -z "$URL" ]; then
  ./mvnw -q -B install -DskipTests
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # the sample's defences, tightened so that a 30 s attack shows them working
  java -jar sample-app/target/sample-app-*.jar --mongoose.listening-port="127.0.0.1:$PORT" \
    --mongoose.limits.request-timeout=5s --mongoose.limits.send-timeout=10s --mongoose.limits.idle-timeout=10s \
    --mongoose.limits.max-connections=2000 > "$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  URL="http://127.0.0.1:$PORT/"
  for _ in $(seq 1 60); do curl -fsS -o /dev/null "$URL" && break; sleep 1; done
fi
echo "# target $URL, $CONNS connections, ${SECONDS_PER_ATTACK}s per attack"

# name | slowhttptest arguments
attacks=(
  "slowloris|-H -i 10 -r 200 -t GET"
  "slow-body|-B -i 10 -r 200 -s 8192 -t POST"
  "slow-read|-X -r 200 -w 512 -y 1024 -n 5 -z 32 -k 3"
  "range|-R -a 10 -b 3000 -r 200"
)
for attack in "${attacks[@]}"; do
  name=${attack%%|*}; args=${attack#*|}
  # shellcheck disable=SC2086
  slowhttptest $args -c "$CONNS" -l "$SECONDS_PER_ATTACK" -u "$URL" -g -o "$OUT/$name" -p 3 >"$OUT/$name.log" 2>&1 &
  attacker=$!
  sleep 5
  # a legitimate client during the attack: requests served and latency
  probe=$(wrk -t1 -c8 -d10s --timeout 3s "$URL" 2>&1 | awk '/Requests\/sec/ {rps=$2} /Latency/ {lat=$2} /Socket errors/ {err=$0} END {printf "%s req/s, latency %s %s", rps, lat, err}')
  wait "$attacker" || true
  csv="$OUT/$name.csv"
  available=$(awk -F, 'NR>1 && $NF ~ /[0-9]/ {n++; if ($NF > 0) up++} END {printf "%d/%d s", up, n}' "$csv" 2>/dev/null || echo "?")
  closed=$(awk -F, 'NR>1 {c=$2} END {print c}' "$csv" 2>/dev/null || echo "?")
  echo "$name: service available $available; connections closed by the server: $closed; probe during attack: $probe"
done
