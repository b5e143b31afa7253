#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target of mongoose-core, one at a time.
#
#   mongoose-core/fuzz.sh [seconds-per-target] [filter]
#
# seconds-per-target defaults to 60; filter (a grep -E pattern on Class#method) picks targets.
# Extra Maven arguments can be passed in MVN_ARGS (e.g. MVN_ARGS=-o).
# Findings (crash-*, timeout-*, slow-unit-*) are kept as regression inputs under
# src/test/resources/<package>/<Class>Inputs/<method>/, where the normal test run replays them.
# Exits 1 if any target had a finding. The growing corpus lives in .cifuzz-corpus/ (ignored).
set -u
cd "$(dirname "$0")"
secs="${1:-60}"
filter="${2:-.}"
mvnw=../mvnw
failed=()

targets=$(grep -rl --include='*FuzzTest.java' '@FuzzTest' src/test/java | sort | while read -r f; do
    cls=$(basename "$f" .java)
    pkg=$(dirname "${f#src/test/java/}")
    awk -v cls="$cls" -v pkg="$pkg" '
        /@FuzzTest/ { want = 1; next }
        want && match($0, /void [A-Za-z0-9_]+\(/) {
            m = substr($0, RSTART + 5, RLENGTH - 6); print pkg "/" cls "#" m; want = 0 }' "$f"
done | grep -E "$filter")

[ -n "$targets" ] || { echo "no fuzz target matches '$filter'"; exit 2; }
echo "targets:"; echo "$targets" | sed 's/^/  /'

for t in $targets; do
    pkgpath="${t%/*}"; ref="${t##*/}"; cls="${ref%#*}"; method="${ref#*#}"
    inputs="src/test/resources/$pkgpath/${cls}Inputs/$method"
    mkdir -p "$inputs"
    log="target/fuzz-$cls-$method.log"
    mkdir -p target
    echo "=== $cls#$method for ${secs}s (log: mongoose-core/$log)"
    JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${secs}s" "$mvnw" ${MVN_ARGS:-} -q -pl . test \
        -Dtest="$cls#$method" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
    rc=$?
    # Jazzer writes findings into the inputs directory when it can; catch any left elsewhere.
    found=0
    for f in $(find . ../ -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'slow-unit-*' -o -name 'Crash_*.java' \) 2>/dev/null); do
        case "$f" in *.java) rm -f "$f"; continue ;; esac
        mv "$f" "$inputs/"; found=1
    done
    new=$(git status --porcelain --untracked-files=all -- "$inputs" | grep -E 'crash-|timeout-|slow-unit-' || true)
    grep -aE '^#[0-9]+ *DONE|^Done [0-9]+ runs' "$log" | tail -1
    if [ $rc -ne 0 ] || [ $found -ne 0 ] || [ -n "$new" ]; then
        echo "!!! finding in $cls#$method (exit $rc); inputs now in $inputs:"
        echo "$new"
        grep -aE 'FuzzTestFindingsFoundException|== Java Exception|Caused by|Expect|AssertionFailedError|at io\.mongoose' "$log" | head -15
        failed+=("$cls#$method")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "findings in: ${failed[*]}"
    exit 1
fi
echo "no findings"
